//! The browser surface (docs/decisions.md, "One quiz engine"): exported structs, `Result<_, JsError>`,
//! JSON strings across the boundary, no raw pointers. All logic lives in
//! `json_api.rs`.

use wasm_bindgen::prelude::*;

use crate::json_api::JsonQuiz;

fn js(message: String) -> JsError {
    JsError::new(&message)
}

/// A loaded contest bundle. Sessions are JSON strings the page keeps (e.g.
/// in localStorage) and passes back in; times are `Date.now()` values.
#[wasm_bindgen]
pub struct Quiz {
    inner: JsonQuiz,
}

#[wasm_bindgen]
impl Quiz {
    #[wasm_bindgen(constructor)]
    pub fn new(bundle_json: &str) -> Result<Quiz, JsError> {
        JsonQuiz::new(bundle_json)
            .map(|inner| Quiz { inner })
            .map_err(js)
    }

    #[wasm_bindgen(js_name = contestJson)]
    pub fn contest_json(&self) -> String {
        self.inner.contest_json()
    }

    #[wasm_bindgen(js_name = paperJson)]
    pub fn paper_json(&self, seed: f64) -> Result<String, JsError> {
        self.inner.paper_json(seed).map_err(js)
    }

    /// `timing`: "standard", "double" or "off" (WCAG 2.2.1).
    pub fn start(&self, seed: f64, now_ms: f64, timing: &str) -> Result<String, JsError> {
        self.inner.start(seed, now_ms, timing).map_err(js)
    }

    pub fn goto(&self, session: &str, index: usize, now_ms: f64) -> Result<String, JsError> {
        self.inner.goto(session, index, now_ms).map_err(js)
    }

    /// Returns `{"session": …, "feedback": …}`.
    pub fn answer(
        &self,
        session: &str,
        index: usize,
        response: &str,
        now_ms: f64,
    ) -> Result<String, JsError> {
        self.inner
            .answer(session, index, response, now_ms)
            .map_err(js)
    }

    pub fn finish(&self, session: &str, now_ms: f64) -> Result<String, JsError> {
        self.inner.finish(session, now_ms).map_err(js)
    }

    pub fn result(&self, session: &str) -> Result<String, JsError> {
        self.inner.result(session).map_err(js)
    }

    /// Milliseconds left, or `undefined` when the attempt is untimed.
    pub fn remaining(&self, session: &str, now_ms: f64) -> Result<Option<f64>, JsError> {
        self.inner.remaining(session, now_ms).map_err(js)
    }

    #[wasm_bindgen(js_name = questionRemaining)]
    pub fn question_remaining(&self, session: &str, now_ms: f64) -> Result<Option<f64>, JsError> {
        self.inner.question_remaining(session, now_ms).map_err(js)
    }
}
