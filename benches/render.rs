//! Render time of every screen at 80×24 and 200×60, and the in-process cost of a keypress
//! (the update and the frame it draws, at 120×40): `cargo bench --bench render`.
//! A small harness: each measured many times into a test backend, the median reported.
//! The whole-process figure, in a pseudo-terminal: `cargo run --release --example key_to_frame`.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use certsim::ui::app::{App, AppOptions};
use certsim::ui::keymap::{action_for, parse_key};
use certsim::{bank, synthetic};

fn press(app: &mut App, keys: &str) {
    for name in keys.split_whitespace() {
        let key = parse_key(name).expect("a key name");
        if let Some(action) = action_for(app.context(), &key) {
            let now = app.now;
            let effects = app.handle(action, now);
            app.execute(effects);
        }
    }
}

fn app(keys: &str) -> App {
    let bank = bank::load_files(synthetic::generate(1_000, 1)).expect("valid");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("a time");
    let mut app = App::new(
        bank,
        AppOptions {
            seed: Some(1),
            ..Default::default()
        },
        now,
    );
    press(&mut app, keys);
    app
}

fn frame_time(app: &mut App, width: u16, height: u16, frames: usize) -> Duration {
    app.size = (width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    let mut samples: Vec<Duration> = (0..frames)
        .map(|_| {
            let start = Instant::now();
            terminal
                .draw(|frame| frame.render_widget(&*app, frame.area()))
                .expect("draws");
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

/// A key on the question screen: the update (which only queues the autosave) and the frame
/// drawn after it. The queued effects are carried out outside the timing, as the run loop
/// does after the frame.
fn keypress_time(presses: usize) -> Duration {
    let mut app = app("Enter Enter");
    app.size = (120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let key = parse_key("a").expect("a key name");
    let mut samples: Vec<Duration> = (0..presses)
        .map(|_| {
            let start = Instant::now();
            let action = action_for(app.context(), &key).expect("bound");
            let now = app.now;
            let effects = app.handle(action, now);
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .expect("draws");
            let elapsed = start.elapsed();
            app.execute(effects);
            elapsed
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let frames = if quick { 2 } else { 300 };
    let screens = [
        ("home", ""),
        ("setup", "Enter"),
        ("question", "Enter Enter a"),
        ("grid", "Enter Enter a n r"),
        ("help", "Enter Enter ?"),
        ("confirm", "Enter Enter s"),
        ("results", "Enter Enter a s y"),
        ("review", "Enter Enter a s y a"),
        ("drill setup", "↓ Enter"),
        ("drill feedback", "↓ Enter Enter a Enter"),
        ("summary", "↓ Enter Enter a Enter q y"),
        ("history", "Enter Enter a s y q ↓ ↓ ↓ Enter"),
    ];
    let presses = if quick { 2 } else { 1000 };
    println!(
        "keypress on the question screen, update + frame at 120x40: median {:.2?}",
        keypress_time(presses)
    );
    println!("median render time per frame (1,000-question bank)");
    println!("{:<16} {:>10} {:>10}", "screen", "80x24", "200x60");
    for (name, keys) in screens {
        let mut state = app(keys);
        let small = frame_time(&mut state, 80, 24, frames);
        let large = frame_time(&mut state, 200, 60, frames);
        println!("{name:<16} {small:>10.2?} {large:>10.2?}");
    }
}
