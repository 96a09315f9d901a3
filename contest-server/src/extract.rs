//! Request extractors whose rejections are the API's JSON errors: a JSON
//! body, and the participant behind a bearer token.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::app::AppState;
use crate::error::ApiError;

/// A JSON body; every way it can be wrong is a 4xx with a Chinese message.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(json_error(rejection)),
        }
    }
}

fn json_error(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not_json",
            "请求内容必须是 JSON（Content-Type: application/json）。",
        ),
        JsonRejection::JsonDataError(_) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_fields",
            "请求内容缺少字段、含有未知字段或字段类型不对，请对照接口说明。",
        ),
        JsonRejection::BytesRejection(_) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "请求内容太大（最多 16 KB）。",
            )
        }
        _ => ApiError::bad_request("bad_json", "请求内容不是有效的 JSON。"),
    }
}

/// The participant whose token the request carries.
#[derive(Debug, Clone)]
pub struct Participant {
    pub id: String,
    pub phone: String,
    pub city: String,
}

pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl FromRequestParts<AppState> for Participant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 128)
            .ok_or_else(ApiError::unauthorized)?;
        let hash = token_hash(token);
        state.limits.check_token(&hash)?;
        let row = sqlx::query(
            "SELECT id, phone, city FROM participants WHERE token_hash = $1 AND erased_at IS NULL",
        )
        .bind(&hash)
        .fetch_optional(state.store.pool())
        .await?
        .ok_or_else(ApiError::unauthorized)?;
        Ok(Participant {
            id: row.try_get("id")?,
            phone: row.try_get("phone")?,
            city: row.try_get("city")?,
        })
    }
}
