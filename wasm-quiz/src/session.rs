//! The state of one attempt, as plain data the page keeps in localStorage.
//!
//! Time is data: the page passes `now_ms` (e.g. `Date.now()`) into every call
//! and the session never reads a clock.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::draw::Paper;
use crate::model::{Contest, Review};
use crate::score::{Response, ResponseError};

/// How the page stretches time limits for readers who need it (WCAG 2.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Timing {
    #[default]
    Standard,
    /// Every limit doubled.
    Double,
    /// No limits at all.
    Off,
}

impl Timing {
    pub fn parse(s: &str) -> Option<Timing> {
        match s {
            "standard" | "1" | "" => Some(Timing::Standard),
            "double" | "2" => Some(Timing::Double),
            "off" | "none" => Some(Timing::Off),
            _ => None,
        }
    }

    /// Milliseconds allowed for a limit of `seconds` (0 = no limit).
    fn scale(self, seconds: u32) -> Option<f64> {
        let factor = match self {
            Timing::Standard => 1.0,
            Timing::Double => 2.0,
            Timing::Off => return None,
        };
        (seconds > 0).then(|| f64::from(seconds) * 1000.0 * factor)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Session {
    pub contest_id: String,
    /// The paper is redrawn from the seed; the fingerprint tells whether the
    /// contest changed since the attempt began.
    pub seed: u64,
    pub fingerprint: String,
    /// One slot per paper question; `None` until answered.
    pub responses: Vec<Option<Response>>,
    /// The question on screen.
    pub current: usize,
    pub started_at_ms: f64,
    /// When the current question was put on screen.
    pub question_started_at_ms: f64,
    /// Set when the attempt ends (by the reader or by the clock).
    pub finished_at_ms: Option<f64>,
    pub timing: Timing,
    pub review: Review,
    pub time_limit_seconds: u32,
    pub question_time_limit_seconds: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SessionError {
    NoSuchQuestion(usize),
    Finished,
    TimeUp,
    QuestionTimeUp(usize),
    /// `review: after_each` shows the key, so an answer cannot change after.
    AlreadyAnswered(usize),
    NotFinished,
    /// The contest changed since the attempt began.
    Stale,
    Response(usize, ResponseError),
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::NoSuchQuestion(i) => write!(f, "the paper has no question {i}"),
            SessionError::Finished => f.write_str("this attempt has already finished"),
            SessionError::TimeUp => f.write_str("time is up for this attempt"),
            SessionError::QuestionTimeUp(i) => write!(f, "time is up for question {i}"),
            SessionError::AlreadyAnswered(i) => write!(f, "question {i} is already answered"),
            SessionError::NotFinished => f.write_str("the attempt has not finished yet"),
            SessionError::Stale => {
                f.write_str("the contest has changed since this attempt began; start a new one")
            }
            SessionError::Response(i, e) => write!(f, "question {i}: {e}"),
        }
    }
}

impl std::error::Error for SessionError {}

impl Session {
    pub fn new(paper: &Paper, contest: &Contest, now_ms: f64, timing: Timing) -> Session {
        Session {
            contest_id: paper.contest_id.clone(),
            seed: paper.seed,
            fingerprint: paper.fingerprint.clone(),
            responses: vec![None; paper.questions.len()],
            current: 0,
            started_at_ms: now_ms,
            question_started_at_ms: now_ms,
            finished_at_ms: None,
            timing,
            review: contest.review,
            time_limit_seconds: contest.time_limit_seconds,
            question_time_limit_seconds: contest.question_time_limit_seconds,
        }
    }

    pub fn finished(&self) -> bool {
        self.finished_at_ms.is_some()
    }

    pub fn answered(&self) -> usize {
        self.responses.iter().filter(|r| r.is_some()).count()
    }

    /// Milliseconds the attempt has run, stopping at finish and at the limit.
    pub fn elapsed_ms(&self, now_ms: f64) -> f64 {
        let end = self.finished_at_ms.unwrap_or(now_ms);
        let elapsed = (end - self.started_at_ms).max(0.0);
        self.limit_ms().map_or(elapsed, |l| elapsed.min(l))
    }

    /// The whole attempt's limit after the accessibility multiplier.
    pub fn limit_ms(&self) -> Option<f64> {
        self.timing.scale(self.time_limit_seconds)
    }

    /// Milliseconds left for the attempt, or `None` when it is untimed.
    pub fn remaining(&self, now_ms: f64) -> Option<f64> {
        let limit = self.limit_ms()?;
        Some((limit - self.elapsed_ms(now_ms)).max(0.0))
    }

    /// Milliseconds left for the question on screen, or `None` when
    /// questions are untimed. Never more than the attempt has left.
    pub fn question_remaining(&self, now_ms: f64) -> Option<f64> {
        let limit = self.timing.scale(self.question_time_limit_seconds?)?;
        let used = (now_ms - self.question_started_at_ms).max(0.0);
        let left = (limit - used).max(0.0);
        Some(self.remaining(now_ms).map_or(left, |r| r.min(left)))
    }

    /// Whether the attempt's clock has run out (it may not be finished yet).
    pub fn timed_out(&self, now_ms: f64) -> bool {
        self.remaining(now_ms) == Some(0.0)
    }

    /// Put question `index` on screen, restarting its own clock.
    pub fn goto(&mut self, index: usize, now_ms: f64) -> Result<(), SessionError> {
        self.check_open(now_ms)?;
        if index >= self.responses.len() {
            return Err(SessionError::NoSuchQuestion(index));
        }
        self.current = index;
        self.question_started_at_ms = now_ms;
        Ok(())
    }

    /// End the attempt. A late call ends it at the deadline.
    pub fn finish(&mut self, now_ms: f64) {
        if self.finished_at_ms.is_none() {
            let end = self.started_at_ms + self.elapsed_ms(now_ms);
            self.finished_at_ms = Some(end);
        }
    }

    /// Errors unless answers are still accepted; finishes a timed-out attempt.
    pub(crate) fn check_open(&mut self, now_ms: f64) -> Result<(), SessionError> {
        if self.finished() {
            return Err(SessionError::Finished);
        }
        if self.timed_out(now_ms) {
            self.finish(now_ms);
            return Err(SessionError::TimeUp);
        }
        Ok(())
    }

    /// Whether question `index` may take (another) answer now.
    pub(crate) fn check_answerable(
        &mut self,
        index: usize,
        now_ms: f64,
    ) -> Result<(), SessionError> {
        self.check_open(now_ms)?;
        if index >= self.responses.len() {
            return Err(SessionError::NoSuchQuestion(index));
        }
        if index == self.current && self.question_remaining(now_ms) == Some(0.0) {
            return Err(SessionError::QuestionTimeUp(index));
        }
        if self.review == Review::AfterEach && self.responses[index].is_some() {
            return Err(SessionError::AlreadyAnswered(index));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::draw_paper;
    use crate::model::{Answer, DrawRule};
    use crate::score::tests::question;

    fn session(limit: u32, per_question: Option<u32>, timing: Timing) -> Session {
        let pool = vec![question("a", Answer::TrueFalse(true), 0)];
        let mut contest = Contest::new("c", "C", vec![DrawRule::new(1)]);
        contest.time_limit_seconds = limit;
        contest.question_time_limit_seconds = per_question;
        let paper = draw_paper(&pool, &contest, 1);
        Session::new(&paper, &contest, 1_000.0, timing)
    }

    #[test]
    fn remaining_honours_the_accessibility_multiplier() {
        let s = session(60, None, Timing::Standard);
        assert_eq!(s.remaining(11_000.0), Some(50_000.0));
        assert_eq!(s.remaining(100_000.0), Some(0.0));
        assert!(s.timed_out(61_000.0));
        let s = session(60, None, Timing::Double);
        assert_eq!(s.remaining(11_000.0), Some(110_000.0));
        let s = session(60, None, Timing::Off);
        assert_eq!(s.remaining(1e12), None);
        assert!(!s.timed_out(1e12));
        let s = session(0, None, Timing::Standard);
        assert_eq!(s.remaining(5_000.0), None);
    }

    #[test]
    fn question_clock_restarts_on_goto_and_never_outlasts_the_attempt() {
        let mut s = session(100, Some(30), Timing::Standard);
        assert_eq!(s.question_remaining(11_000.0), Some(20_000.0));
        s.goto(0, 81_000.0).unwrap();
        assert_eq!(s.question_remaining(81_000.0), Some(20_000.0));
        assert!(matches!(
            s.goto(5, 82_000.0),
            Err(SessionError::NoSuchQuestion(5))
        ));
    }

    #[test]
    fn late_finish_stops_at_the_deadline() {
        let mut s = session(10, None, Timing::Standard);
        assert!(matches!(
            s.check_answerable(0, 50_000.0),
            Err(SessionError::TimeUp)
        ));
        assert!(s.finished());
        assert_eq!(s.finished_at_ms, Some(11_000.0));
        assert_eq!(s.elapsed_ms(99_000.0), 10_000.0);
        assert!(matches!(
            s.check_answerable(0, 5_000.0),
            Err(SessionError::Finished)
        ));
    }

    #[test]
    fn session_round_trips_through_json() {
        let s = session(10, Some(5), Timing::Double);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Session>(&json).unwrap(), s);
        assert_eq!(Timing::parse("2"), Some(Timing::Double));
        assert_eq!(Timing::parse("off"), Some(Timing::Off));
        assert_eq!(Timing::parse("x"), None);
    }
}
