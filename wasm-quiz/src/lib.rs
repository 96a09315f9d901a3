//! The jiayuan knowledge-contest engine (docs/decisions.md, "One quiz engine").
//!
//! A pure-Rust core — model, validation, seeded draws, scoring, attempt
//! state — used natively by the generator to validate banks and write contest
//! bundles, and in the browser through the thin layer in `wasm.rs`.
//! YAML is read only in [`load`] (feature `yaml`), through jiayuan-core's loader.

pub mod bundle;
mod decode;
pub mod draw;
mod encode;
pub mod engine;
#[cfg(feature = "yaml")]
mod fields;
pub mod json;
pub mod json_api;
#[cfg(feature = "yaml")]
pub mod load;
pub mod model;
pub mod normalize;
#[cfg(feature = "yaml")]
mod parse_bank;
#[cfg(feature = "yaml")]
mod parse_contest;
pub mod rng;
pub mod score;
pub mod session;
#[cfg(feature = "yaml")]
mod validate;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use bundle::{contest_bundle, ContestBundle};
pub use draw::{draw_paper, Paper, PaperQuestion};
pub use engine::{Engine, EngineError, Feedback, QuizResult, Reveal, ReviewEntry};
#[cfg(feature = "yaml")]
pub use load::{load_quiz_dir, load_sources, SourceFile};
pub use model::{
    Answer, Bank, Contest, DrawRule, Mode, Question, QuestionKind, QuizSet, Review, Scoring,
};
pub use score::{Key, Mark, Response};
pub use session::{Session, SessionError, Timing};
