//! Saving one answer: checked against the question as shown in this attempt,
//! committed before the 200, refused after the deadline or the submit.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_quiz::score::{key, mark};
use wasm_quiz::Review;

use crate::app::AppState;
use crate::attempts::{load, paper_of};
use crate::contests::{key_json, parse_answer};
use crate::error::{ApiError, ApiResult};
use crate::extract::Participant;
use crate::time::rfc3339;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    pub answer: Value,
}

#[derive(Debug, Serialize)]
pub struct Saved {
    pub question: String,
    pub answered: i64,
    pub saved_at: String,
    /// Only under `review: after_each`: whether it was right, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reveal: Option<Value>,
}

fn already_submitted() -> ApiError {
    ApiError::conflict("already_submitted", "这次作答已经交卷，不能再修改答案。")
}

pub async fn answer(
    state: &AppState,
    who: &Participant,
    id: &str,
    question: &str,
    req: AnswerRequest,
) -> ApiResult<Saved> {
    let row = load(state, who, id).await?;
    if row.submitted_at.is_some() {
        return Err(already_submitted());
    }
    let now = state.clock.now_ms();
    if row.expired(now) {
        return Err(ApiError::conflict(
            "deadline_passed",
            "作答时间已到，这道题的答案没有保存；请交卷查看成绩。",
        ));
    }
    let contest = state.contests.get(&row.contest)?;
    let paper = paper_of(contest, &row)?;
    let (position, pq) = contest.find(&paper, question)?;
    let response = parse_answer(pq, &req.answer)?;
    let q = contest.question(pq)?;
    let scoring = &contest.engine.contest().scoring;
    let m = mark(q, &pq.option_order, &response, scoring)
        .map_err(|_| ApiError::bad_request("invalid_answer", "这个答案与题目不相符。"))?;
    let after_each = contest.engine.contest().review == Review::AfterEach;
    let reveal = after_each.then(|| {
        serde_json::json!({
            "correct": m.correct, "points": m.points, "max": m.max,
            "key": key_json(&key(q, &pq.option_order)),
            "explanation": q.explanation, "source": q.source, "source_url": q.source_url,
        })
    });
    let text = serde_json::to_string(&response).map_err(|_| ApiError::unavailable())?;
    let (attempt, qid) = (row.id.clone(), pq.id.clone());
    let answered = state
        .store
        .write(move |conn| {
            Box::pin(async move {
                // Taken first, so a submit running beside this waits or wins.
                let open = sqlx::query(
                    "UPDATE attempts SET answered = answered WHERE id = $1 AND submitted_at IS NULL",
                )
                .bind(&attempt)
                .execute(&mut *conn)
                .await?;
                if open.rows_affected() == 0 {
                    return Err(already_submitted());
                }
                let upsert = if after_each {
                    "INSERT INTO answers (attempt_id, question_id, position, response, answered_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (attempt_id, question_id) DO NOTHING"
                } else {
                    "INSERT INTO answers (attempt_id, question_id, position, response, answered_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (attempt_id, question_id) \
                     DO UPDATE SET response = excluded.response, answered_at = excluded.answered_at"
                };
                let saved = sqlx::query(upsert)
                    .bind(&attempt)
                    .bind(&qid)
                    .bind(position as i64)
                    .bind(text)
                    .bind(now)
                    .execute(&mut *conn)
                    .await?;
                if saved.rows_affected() == 0 {
                    return Err(ApiError::conflict(
                        "already_answered",
                        "这道题已经作答并显示了答案，不能再改。",
                    ));
                }
                let count: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM answers WHERE attempt_id = $1")
                        .bind(&attempt)
                        .fetch_one(&mut *conn)
                        .await?;
                sqlx::query("UPDATE attempts SET answered = $2 WHERE id = $1")
                    .bind(&attempt)
                    .bind(count)
                    .execute(&mut *conn)
                    .await?;
                Ok(count)
            })
        })
        .await?;
    Ok(Saved {
        question: pq.id.clone(),
        answered,
        saved_at: rfc3339(now),
        reveal,
    })
}
