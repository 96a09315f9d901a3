//! The HTTP surface (`docs/contest-api.md`): thin handlers over the
//! services, and the layers every request passes through.

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{middleware, Json, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::answers::{self, AnswerRequest};
use crate::app::AppState;
use crate::attempts::{self, StartRequest};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Participant};
use crate::participants::{self, Registration};
use crate::privacy::consent;
use crate::results::results;
use crate::submit::submit;

/// Largest request body accepted.
pub const MAX_BODY: usize = 16 * 1024;

/// A request, body upload included, may take `Settings::request_timeout_ms`: a
/// client that trickles its body holds a connection no longer than that.
async fn time_limit(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let limit = std::time::Duration::from_millis(state.settings.request_timeout_ms);
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "请求超时，操作可能没有完成，请刷新后重试。",
        )
        .into_response(),
    }
}

async fn register(
    State(state): State<AppState>,
    ApiJson(reg): ApiJson<Registration>,
) -> ApiResult<impl IntoResponse> {
    let created = participants::register(&state, reg).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn show_consent(State(state): State<AppState>) -> impl IntoResponse {
    Json(consent(state.settings.retention_days))
}

async fn start(
    State(state): State<AppState>,
    who: Participant,
    Path(contest): Path<String>,
    ApiJson(req): ApiJson<StartRequest>,
) -> ApiResult<impl IntoResponse> {
    let (view, new) = attempts::start(&state, &who, &contest, req).await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(view)))
}

async fn show_attempt(
    State(state): State<AppState>,
    who: Participant,
    Path(attempt): Path<String>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(attempts::get(&state, &who, &attempt).await?))
}

async fn save_answer(
    State(state): State<AppState>,
    who: Participant,
    Path((attempt, question)): Path<(String, String)>,
    ApiJson(req): ApiJson<AnswerRequest>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        answers::answer(&state, &who, &attempt, &question, req).await?,
    ))
}

async fn submit_attempt(
    State(state): State<AppState>,
    who: Participant,
    Path(attempt): Path<String>,
    headers: HeaderMap,
) -> ApiResult<impl IntoResponse> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 100)
        .map(str::to_owned);
    Ok(Json(submit(&state, &who, &attempt, key).await?))
}

async fn contest_results(
    State(state): State<AppState>,
    Path(contest): Path<String>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(results(&state, &contest).await?))
}

pub async fn no_route() -> ApiError {
    ApiError::route_not_found()
}

async fn wrong_method() -> ApiError {
    ApiError::method_not_allowed()
}

/// Turns a panic into the same JSON shape as every other error.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::unavailable().into_response()
}

/// `/api/v1/…` with its layers.
pub fn api(state: AppState) -> Router {
    let v1 = Router::new()
        .route("/participants", post(register))
        .route("/consent", get(show_consent))
        .route("/contests/{contest}/attempts", post(start))
        .route("/contests/{contest}/results", get(contest_results))
        .route("/attempts/{attempt}", get(show_attempt))
        .route("/attempts/{attempt}/answers/{question}", put(save_answer))
        .route("/attempts/{attempt}/submit", post(submit_attempt))
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method);
    let cors = match &state.settings.allow_origin {
        Some(origin) => HeaderValue::from_str(origin)
            .map(AllowOrigin::exact)
            .unwrap_or_else(|_| AllowOrigin::list([])),
        None => AllowOrigin::list([]),
    };
    let cors = CorsLayer::new()
        .allow_origin(cors)
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::HeaderName::from_static("idempotency-key"),
        ]);
    Router::new()
        .nest("/api/v1", v1)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(state.clone(), time_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::limits::limit_by_ip,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(cors)
        .layer(CatchPanicLayer::custom(panic_response))
        .with_state(state)
}
