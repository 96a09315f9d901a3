//! Submitting: the server scores the saved answers with the engine, stores
//! the score and the review, and answers every retry the same way. Attempts
//! left open past their deadline are scored by the sweep.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Row;
use wasm_quiz::{QuizResult, Response, Session, Timing};

use crate::app::AppState;
use crate::attempts::{attempt_row, load, paper_of, AttemptRow, ATTEMPT_COLUMNS};
use crate::contests::{answer_json, key_json};
use crate::error::{ApiError, ApiResult};
use crate::extract::Participant;
use crate::time::rfc3339;

/// Answered every question right at under this many milliseconds a
/// question: flagged in the export for a person to look at.
const IMPLAUSIBLE_MS_PER_QUESTION: f64 = 2_000.0;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub stem: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// What the participant answered (`null` if nothing).
    pub answer: Value,
    pub key: Value,
    pub correct: bool,
    pub points: f64,
    pub max: f64,
    pub explanation: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResultView {
    pub attempt_id: String,
    pub contest: String,
    pub score: f64,
    pub max_score: f64,
    pub pass_mark: f64,
    pub passed: bool,
    pub answered: usize,
    pub correct: usize,
    pub seconds: f64,
    pub timing: Timing,
    pub submitted_at: String,
    pub review: Vec<ReviewItem>,
}

fn result_view(row: &AttemptRow, r: &QuizResult, submitted_at: i64) -> ResultView {
    let review = r
        .entries
        .iter()
        .map(|e| ReviewItem {
            id: e.id.clone(),
            kind: e.kind.as_str().to_owned(),
            stem: e.stem.clone(),
            options: e.options.clone(),
            answer: e.response.as_ref().map_or(Value::Null, answer_json),
            key: key_json(&e.key),
            correct: e.correct,
            points: e.points,
            max: e.max,
            explanation: e.explanation.clone(),
            source: e.source.clone(),
            source_url: e.source_url.clone(),
        })
        .collect();
    ResultView {
        attempt_id: row.id.clone(),
        contest: row.contest.clone(),
        score: r.total,
        max_score: r.max,
        pass_mark: r.pass_mark,
        passed: r.passed,
        answered: r.answered,
        correct: r.correct,
        seconds: (r.elapsed_ms / 100.0).round() / 10.0,
        timing: r.timing,
        submitted_at: rfc3339(submitted_at),
        review,
    }
}

fn already_submitted() -> ApiError {
    ApiError::conflict(
        "already_submitted",
        "这次作答已经交卷；成绩可在本次作答的记录中查看。",
    )
}

/// `POST …/submit`. A retry carrying the same `Idempotency-Key` as the
/// submit that succeeded gets the same answer; any other second submit is
/// a 409.
pub async fn submit(
    state: &AppState,
    who: &Participant,
    id: &str,
    key: Option<String>,
) -> ApiResult<ResultView> {
    let row = load(state, who, id).await?;
    if row.submitted_at.is_some() {
        return stored(&row, key.as_deref());
    }
    match finalize(state, &row, state.clock.now_ms(), key.clone()).await {
        Err(e) if e.code == "already_submitted" => {
            // Another request submitted between our read and our write.
            stored(&load(state, who, id).await?, key.as_deref())
        }
        other => other,
    }
}

fn stored(row: &AttemptRow, key: Option<&str>) -> ApiResult<ResultView> {
    match (&row.result, key) {
        (Some(json), Some(k)) if row.submit_key.as_deref() == Some(k) => {
            serde_json::from_str(json).map_err(|_| ApiError::unavailable())
        }
        _ => Err(already_submitted()),
    }
}

/// Ends `row` at `now` (or at its deadline, if earlier) and scores it. An
/// attempt whose questions changed since it began is closed unscored.
pub async fn finalize(
    state: &AppState,
    row: &AttemptRow,
    now: i64,
    key: Option<String>,
) -> ApiResult<ResultView> {
    let contest = state.contests.get(&row.contest)?;
    let paper = match paper_of(contest, row) {
        Ok(p) => p,
        Err(stale) => {
            close_stale(state, row, now).await?;
            return Err(stale);
        }
    };
    let end = row.deadline.map_or(now, |d| now.min(d));
    let (st, r) = (state.clone(), row.clone());
    let scored = state
        .store
        .write(move |conn| {
            Box::pin(async move {
                let claimed = sqlx::query(
                    "UPDATE attempts SET submitted_at = $2, submit_key = $3 \
                     WHERE id = $1 AND submitted_at IS NULL",
                )
                .bind(&r.id)
                .bind(end)
                .bind(key)
                .execute(&mut *conn)
                .await?;
                if claimed.rows_affected() == 0 {
                    return Err(already_submitted());
                }
                let rows =
                    sqlx::query("SELECT position, response FROM answers WHERE attempt_id = $1")
                        .bind(&r.id)
                        .fetch_all(&mut *conn)
                        .await?;
                let contest = st.contests.get(&r.contest)?;
                let engine = &contest.engine;
                let mut session =
                    Session::new(&paper, engine.contest(), r.started_at as f64, r.timing);
                for row in &rows {
                    let position: i64 = row.try_get("position")?;
                    let text: String = row.try_get("response")?;
                    let slot = usize::try_from(position)
                        .ok()
                        .and_then(|p| session.responses.get_mut(p));
                    if let (Some(slot), Ok(response)) =
                        (slot, serde_json::from_str::<Response>(&text))
                    {
                        *slot = Some(response);
                    }
                }
                session.finish(end as f64);
                let result = engine
                    .result(&session)
                    .map_err(|_| ApiError::unavailable())?;
                let view = result_view(&r, &result, end);
                let n = result.entries.len() as f64;
                let implausible = result.correct == result.entries.len()
                    && n > 0.0
                    && result.elapsed_ms < IMPLAUSIBLE_MS_PER_QUESTION * n;
                let json = serde_json::to_string(&view).map_err(|_| ApiError::unavailable())?;
                sqlx::query(
                    "UPDATE attempts SET score = $2, max_score = $3, passed = $4, answered = $5, \
                     correct = $6, elapsed_ms = $7, flag = $8, result = $9 WHERE id = $1",
                )
                .bind(&r.id)
                .bind(result.total)
                .bind(result.max)
                .bind(i64::from(result.passed))
                .bind(result.answered as i64)
                .bind(result.correct as i64)
                .bind(result.elapsed_ms.round() as i64)
                .bind(implausible.then_some("too_fast"))
                .bind(json)
                .execute(&mut *conn)
                .await?;
                Ok(view)
            })
        })
        .await?;
    state.results.invalidate(&row.contest);
    Ok(scored)
}

async fn close_stale(state: &AppState, row: &AttemptRow, now: i64) -> ApiResult<()> {
    let id = row.id.clone();
    state
        .store
        .write(move |conn| {
            Box::pin(async move {
                sqlx::query(
                    "UPDATE attempts SET submitted_at = $2, flag = 'stale' \
                     WHERE id = $1 AND submitted_at IS NULL",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *conn)
                .await?;
                Ok(())
            })
        })
        .await
}

/// Scores every attempt left open past its deadline; returns how many.
pub async fn sweep_expired(state: &AppState) -> ApiResult<usize> {
    let now = state.clock.now_ms();
    let sql = format!(
        "SELECT {ATTEMPT_COLUMNS} FROM attempts \
         WHERE submitted_at IS NULL AND deadline IS NOT NULL AND deadline < $1"
    );
    let rows = sqlx::query(&sql)
        .bind(now - crate::attempts::DEADLINE_GRACE_MS)
        .fetch_all(state.store.pool())
        .await?;
    let mut done = 0;
    for row in &rows {
        let row = attempt_row(row)?;
        if finalize(state, &row, now, None).await.is_ok() {
            done += 1;
        }
    }
    Ok(done)
}
