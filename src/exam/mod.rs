//! The mock-exam engine: assembly, the session, the timer and scoring. Pure: time (`now`)
//! and the random generator are passed in, and nothing here touches the terminal.

pub mod assembly;
pub mod item;
pub mod saved;
pub mod scoring;
pub mod session;
pub mod timer;

pub use assembly::{ExamItem, assemble, rng_from_seed};
pub use scoring::{Results, Tally, TaskScore, TopicScore, scaled_score};
pub use session::{Progress, Refusal, Response, Session, SessionItem};
pub use timer::Timer;
