//! The engine behind a JSON-string boundary: what `wasm.rs` exports, kept
//! apart from wasm-bindgen so it is tested natively. Errors are messages.

use crate::decode::{read_response, read_session};
use crate::encode::{write_contest, write_feedback, write_paper, write_result, write_session};
use crate::engine::Engine;
use crate::json::{parse, Json};
use crate::session::{Session, Timing};

/// Largest integer a JS number holds exactly.
const MAX_SAFE_SEED: f64 = 9_007_199_254_740_991.0;

#[derive(Debug, Clone)]
pub struct JsonQuiz {
    engine: Engine,
}

fn session(json: &str) -> Result<Session, String> {
    parse(json)
        .and_then(|tree| read_session(&tree))
        .map_err(|e| format!("saved attempt is not readable: {e}"))
}

/// A seed from JS: a whole number in 0..=2^53-1 (e.g. `Date.now()`).
fn seed(seed: f64) -> Result<u64, String> {
    if (0.0..=MAX_SAFE_SEED).contains(&seed) && seed.fract() == 0.0 {
        Ok(seed as u64)
    } else {
        Err("seed must be a whole number from 0 to 2^53-1".into())
    }
}

impl JsonQuiz {
    pub fn new(bundle_json: &str) -> Result<JsonQuiz, String> {
        let engine = Engine::from_bundle_json(bundle_json).map_err(|e| e.to_string())?;
        Ok(JsonQuiz { engine })
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The contest's settings plus `paper_len`, the questions per paper.
    pub fn contest_json(&self) -> String {
        let contest = self.engine.contest();
        let mut tree = write_contest(contest);
        if let Json::Obj(fields) = &mut tree {
            fields.push(("paper_len".into(), Json::Num(contest.paper_len() as f64)));
        }
        tree.write()
    }

    pub fn paper_json(&self, seed_value: f64) -> Result<String, String> {
        Ok(write_paper(&self.engine.paper(seed(seed_value)?)).write())
    }

    /// A new attempt; `timing` is `standard`, `double` or `off`.
    pub fn start(&self, seed_value: f64, now_ms: f64, timing: &str) -> Result<String, String> {
        let timing = Timing::parse(timing)
            .ok_or_else(|| format!("timing must be standard, double or off, got `{timing}`"))?;
        Ok(write_session(&self.engine.start(seed(seed_value)?, now_ms, timing)).write())
    }

    pub fn goto(&self, session_json: &str, index: usize, now_ms: f64) -> Result<String, String> {
        let mut s = session(session_json)?;
        s.goto(index, now_ms).map_err(|e| e.to_string())?;
        Ok(write_session(&s).write())
    }

    /// `{"session": …, "feedback": …}` after recording the response.
    pub fn answer(
        &self,
        session_json: &str,
        index: usize,
        response_json: &str,
        now_ms: f64,
    ) -> Result<String, String> {
        let mut s = session(session_json)?;
        let response = parse(response_json)
            .and_then(|tree| read_response(&tree))
            .map_err(|e| format!("response is not readable: {e}"))?;
        let feedback = self
            .engine
            .answer(&mut s, index, response, now_ms)
            .map_err(|e| e.to_string())?;
        let out = Json::Obj(vec![
            ("session".into(), write_session(&s)),
            ("feedback".into(), write_feedback(&feedback)),
        ]);
        Ok(out.write())
    }

    pub fn finish(&self, session_json: &str, now_ms: f64) -> Result<String, String> {
        let mut s = session(session_json)?;
        s.finish(now_ms);
        Ok(write_session(&s).write())
    }

    pub fn result(&self, session_json: &str) -> Result<String, String> {
        let s = session(session_json)?;
        let result = self.engine.result(&s).map_err(|e| e.to_string())?;
        Ok(write_result(&result).write())
    }

    pub fn remaining(&self, session_json: &str, now_ms: f64) -> Result<Option<f64>, String> {
        Ok(session(session_json)?.remaining(now_ms))
    }

    pub fn question_remaining(
        &self,
        session_json: &str,
        now_ms: f64,
    ) -> Result<Option<f64>, String> {
        Ok(session(session_json)?.question_remaining(now_ms))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::bundle::ContestBundle;
    use crate::model::{Answer, Contest, DrawRule};
    use crate::score::tests::question;

    fn quiz() -> JsonQuiz {
        let mut contest = Contest::new("c", "竞答", vec![DrawRule::new(2)]);
        contest.time_limit_seconds = 60;
        let bundle = ContestBundle::new(
            contest,
            vec![
                question("t", Answer::TrueFalse(true), 0),
                question("f", Answer::FillBlank(vec!["计生协".into()]), 0),
            ],
        );
        JsonQuiz::new(&serde_json::to_string(&bundle).unwrap()).unwrap()
    }

    #[test]
    fn a_whole_attempt_through_json() {
        let q = quiz();
        let info: Value = serde_json::from_str(&q.contest_json()).unwrap();
        assert_eq!(
            (info["title"].clone(), info["paper_len"].clone()),
            (json!("竞答"), json!(2))
        );
        let mut s = q.start(1_700_000_000_000.0, 0.0, "double").unwrap();
        assert_eq!(q.remaining(&s, 1_000.0).unwrap(), Some(119_000.0));
        let seed = serde_json::from_str::<Value>(&s).unwrap()["seed"]
            .as_f64()
            .unwrap();
        let paper: Value = serde_json::from_str(&q.paper_json(seed).unwrap()).unwrap();
        for (i, pq) in paper["questions"].as_array().unwrap().iter().enumerate() {
            let response = match pq["kind"].as_str().unwrap() {
                "true_false" => r#"{"truth": true}"#,
                _ => r#"{"text": "计生协。"}"#,
            };
            let out: Value =
                serde_json::from_str(&q.answer(&s, i, response, 10.0).unwrap()).unwrap();
            assert_eq!(out["feedback"]["answered"], json!(i + 1));
            s = out["session"].to_string();
        }
        s = q.finish(&s, 20.0).unwrap();
        let result: Value = serde_json::from_str(&q.result(&s).unwrap()).unwrap();
        assert_eq!(
            (result["total"].clone(), result["passed"].clone()),
            (json!(2), json!(true))
        );
    }

    #[test]
    fn bad_inputs_become_messages() {
        let q = quiz();
        assert!(q.start(-1.0, 0.0, "standard").unwrap_err().contains("seed"));
        assert!(q.start(1.5, 0.0, "standard").unwrap_err().contains("seed"));
        assert!(q.start(1.0, 0.0, "triple").unwrap_err().contains("timing"));
        let s = q.start(1.0, 0.0, "standard").unwrap();
        assert!(q
            .answer(&s, 0, "{\"colour\":1}", 1.0)
            .unwrap_err()
            .contains("response"));
        assert!(q.result("{}").unwrap_err().contains("saved attempt"));
        assert!(q.result(&s).unwrap_err().contains("not finished"));
        assert!(JsonQuiz::new("[]").is_err());
    }
}
