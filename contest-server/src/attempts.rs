//! Beginning an attempt, reading it back, and saving its answers. The paper
//! is drawn here with a seed that never leaves the server; a participant sees
//! questions and options, never keys.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::Row;
use wasm_quiz::{Paper, Session, Timing};

use crate::app::AppState;
use crate::contests::ServedContest;
use crate::contests::{answer_json, question_view, QuestionView};
use crate::error::{ApiError, ApiResult};
use crate::extract::Participant;
use crate::participants::random_hex;
use crate::submit::{finalize, ResultView};
use crate::time::{day_of, rfc3339};

/// Answers that reach the server this long after the deadline still count:
/// the page stops the reader at the deadline, the network may take a moment.
pub const DEADLINE_GRACE_MS: i64 = 5_000;

/// One row of `attempts`, as the handlers need it.
#[derive(Debug, Clone)]
pub struct AttemptRow {
    pub id: String,
    pub participant_id: String,
    pub contest: String,
    pub seed: u64,
    pub fingerprint: String,
    pub timing: Timing,
    pub started_at: i64,
    pub deadline: Option<i64>,
    pub submitted_at: Option<i64>,
    pub submit_key: Option<String>,
    pub result: Option<String>,
}

pub const ATTEMPT_COLUMNS: &str = "id, participant_id, contest, seed, fingerprint, timing, \
     started_at, deadline, submitted_at, submit_key, result";

pub fn attempt_row(row: &AnyRow) -> Result<AttemptRow, sqlx::Error> {
    let timing: String = row.try_get("timing")?;
    Ok(AttemptRow {
        id: row.try_get("id")?,
        participant_id: row.try_get("participant_id")?,
        contest: row.try_get("contest")?,
        seed: row.try_get::<i64, _>("seed")? as u64,
        fingerprint: row.try_get("fingerprint")?,
        timing: Timing::parse(&timing).unwrap_or_default(),
        started_at: row.try_get("started_at")?,
        deadline: row.try_get("deadline")?,
        submitted_at: row.try_get("submitted_at")?,
        submit_key: row.try_get("submit_key")?,
        result: row.try_get("result")?,
    })
}

impl AttemptRow {
    /// Past the deadline and its grace: no more answers, only scoring.
    pub fn expired(&self, now: i64) -> bool {
        self.deadline.is_some_and(|d| now > d + DEADLINE_GRACE_MS)
    }
}

fn no_such_attempt() -> ApiError {
    ApiError::not_found("no_such_attempt", "没有找到这次作答，请重新开始竞答。")
}

/// The attempt `id` of `who`; another participant's attempt is as unknown
/// as a missing one.
pub async fn load(state: &AppState, who: &Participant, id: &str) -> ApiResult<AttemptRow> {
    let sql = format!("SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(state.store.pool())
        .await?
        .ok_or_else(no_such_attempt)?;
    let row = attempt_row(&row)?;
    if row.participant_id != who.id {
        return Err(no_such_attempt());
    }
    Ok(row)
}

/// The attempt's paper, redrawn from its seed; an error if the contest's
/// questions changed since it began.
pub fn paper_of(contest: &ServedContest, row: &AttemptRow) -> ApiResult<Paper> {
    let paper = contest.paper(row.seed);
    if paper.fingerprint != row.fingerprint {
        return Err(ApiError::conflict(
            "stale",
            "竞答题目已经更新，这次作答无法继续，请重新开始。",
        ));
    }
    Ok(paper)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartRequest {
    #[serde(default)]
    pub timing: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AttemptView {
    pub attempt_id: String,
    pub contest: String,
    pub timing: Timing,
    pub questions: Vec<QuestionView>,
    pub started_at: String,
    /// `None` for an untimed attempt in a contest that never closes.
    pub deadline: Option<String>,
    /// The server's time, so a page can correct its own clock.
    pub now: String,
    pub question_time_limit_seconds: Option<u32>,
    /// Answers saved so far, by question id.
    pub answers: BTreeMap<String, Value>,
    pub submitted: bool,
    /// The score and review, once submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<ResultView>,
}

fn timing_of(req: &StartRequest) -> ApiResult<Timing> {
    match req.timing.as_deref() {
        None => Ok(Timing::Standard),
        Some(t @ ("standard" | "double" | "off")) => Ok(Timing::parse(t).unwrap_or_default()),
        Some(_) => Err(ApiError::bad_request(
            "invalid_timing",
            "计时方式须是 standard（标准）、double（延长一倍）或 off（不计时）。",
        )),
    }
}

/// The open attempt of `who` in `contest`, if any.
async fn open_attempt(
    state: &AppState,
    who: &Participant,
    contest: &str,
) -> ApiResult<Option<AttemptRow>> {
    let sql = format!(
        "SELECT {ATTEMPT_COLUMNS} FROM attempts \
         WHERE participant_id = $1 AND contest = $2 AND submitted_at IS NULL"
    );
    let row = sqlx::query(&sql)
        .bind(&who.id)
        .bind(contest)
        .fetch_optional(state.store.pool())
        .await?;
    Ok(row.as_ref().map(attempt_row).transpose()?)
}

/// Begins an attempt, or resumes the one already open: returns the view
/// and whether it is new.
pub async fn start(
    state: &AppState,
    who: &Participant,
    contest_id: &str,
    req: StartRequest,
) -> ApiResult<(AttemptView, bool)> {
    let timing = timing_of(&req)?;
    let contest = state.contests.get(contest_id)?;
    let now = state.clock.now_ms();
    contest.check_open(now)?;
    if let Some(open) = open_attempt(state, who, contest_id).await? {
        if paper_of(contest, &open).is_ok() && !open.expired(now) {
            return Ok((view(state, &open).await?, false));
        }
        // Scored at its deadline; one whose questions changed is closed unscored.
        let _ = finalize(state, &open, now, None).await;
    }
    let mut seed_bytes = [0u8; 8];
    getrandom::getrandom(&mut seed_bytes).map_err(|_| ApiError::unavailable())?;
    let seed = u64::from_le_bytes(seed_bytes);
    let paper = contest.paper(seed);
    let session = Session::new(&paper, contest.engine.contest(), now as f64, timing);
    let limit = session.limit_ms().map(|l| now + l as i64);
    let deadline = match (limit, contest.closes_at) {
        (Some(l), Some(c)) => Some(l.min(c)),
        (l, c) => l.or(c),
    };
    let row = AttemptRow {
        id: random_hex(12)?,
        participant_id: who.id.clone(),
        contest: contest_id.to_owned(),
        seed,
        fingerprint: paper.fingerprint.clone(),
        timing,
        started_at: now,
        deadline,
        submitted_at: None,
        submit_key: None,
        result: None,
    };
    let per_day = i64::from(contest.engine.contest().attempts_per_day);
    let (phone, day, r) = (who.phone.clone(), day_of(now), row.clone());
    state
        .store
        .write(move |conn| {
            Box::pin(async move {
                if per_day > 0 {
                    let counted = sqlx::query(
                        "INSERT INTO attempt_quota (phone, contest, day, used) VALUES ($1, $2, $3, 1) \
                         ON CONFLICT (phone, contest, day) DO UPDATE SET used = attempt_quota.used + 1 \
                         WHERE attempt_quota.used < $4",
                    )
                    .bind(phone)
                    .bind(&r.contest)
                    .bind(day)
                    .bind(per_day)
                    .execute(&mut *conn)
                    .await?;
                    if counted.rows_affected() == 0 {
                        return Err(ApiError::new(
                            axum::http::StatusCode::TOO_MANY_REQUESTS,
                            "attempts_exhausted",
                            format!("今天的 {per_day} 次作答机会已经用完，请明天再来。"),
                        ));
                    }
                }
                let inserted = sqlx::query(
                    "INSERT INTO attempts \
                     (id, participant_id, contest, seed, fingerprint, timing, started_at, deadline) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                )
                .bind(&r.id)
                .bind(&r.participant_id)
                .bind(&r.contest)
                .bind(r.seed as i64)
                .bind(&r.fingerprint)
                .bind(timing_name(r.timing))
                .bind(r.started_at)
                .bind(r.deadline)
                .execute(&mut *conn)
                .await?;
                if inserted.rows_affected() == 0 {
                    // Another request began one at the same moment; its quota stays, ours not.
                    return Err(ApiError::conflict(
                        "attempt_in_progress",
                        "已有一次正在进行的作答，请刷新页面继续。",
                    ));
                }
                Ok(())
            })
        })
        .await?;
    Ok((view(state, &row).await?, true))
}

pub fn timing_name(t: Timing) -> &'static str {
    match t {
        Timing::Double => "double",
        Timing::Off => "off",
        _ => "standard",
    }
}

/// Everything a page needs to show (or resume) an attempt.
pub async fn view(state: &AppState, row: &AttemptRow) -> ApiResult<AttemptView> {
    let contest = state.contests.get(&row.contest)?;
    let paper = paper_of(contest, row)?;
    let rows = sqlx::query("SELECT question_id, response FROM answers WHERE attempt_id = $1")
        .bind(&row.id)
        .fetch_all(state.store.pool())
        .await?;
    let mut answers = BTreeMap::new();
    for r in &rows {
        let id: String = r.try_get("question_id")?;
        let text: String = r.try_get("response")?;
        if let Ok(response) = serde_json::from_str(&text) {
            answers.insert(id, answer_json(&response));
        }
    }
    let result = match &row.result {
        Some(json) => serde_json::from_str(json).ok(),
        None => None,
    };
    Ok(AttemptView {
        attempt_id: row.id.clone(),
        contest: row.contest.clone(),
        timing: row.timing,
        questions: paper.questions.iter().map(question_view).collect(),
        started_at: rfc3339(row.started_at),
        deadline: row.deadline.map(rfc3339),
        now: rfc3339(state.clock.now_ms()),
        question_time_limit_seconds: contest
            .engine
            .contest()
            .question_time_limit_seconds
            .and_then(|q| match row.timing {
                Timing::Off => None,
                Timing::Double => Some(q * 2),
                _ => Some(q),
            }),
        answers,
        submitted: row.submitted_at.is_some(),
        result,
    })
}

/// Reads an attempt back; one past its deadline is scored first.
pub async fn get(state: &AppState, who: &Participant, id: &str) -> ApiResult<AttemptView> {
    let row = load(state, who, id).await?;
    let now = state.clock.now_ms();
    if row.submitted_at.is_none() && row.expired(now) {
        finalize(state, &row, now, None).await?;
        let row = load(state, who, id).await?;
        return view(state, &row).await;
    }
    view(state, &row).await
}
