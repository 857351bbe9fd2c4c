//! certsim: a terminal practice-exam simulator.
//!
//! The engine (`bank`, and the exam modules) is pure: no terminal code, time and randomness
//! passed in. The terminal user interface lives in `ui` and only reads the engine's state.

pub mod bank;
pub mod cli;
pub mod config;
pub mod embedded;
pub mod exam;
pub mod history;
pub mod interchange;
pub mod plain;
pub mod synthetic;
pub mod ui;
pub mod width;
