//! Plain mode (`--plain`, `TERM=dumb`, `CERTSIM_PLAIN=1`): every job as lines of text on
//! standard output, one command a line from standard input, for screen readers, braille
//! displays and scripts. It drives the same `App` with the same actions as the full-screen
//! interface, so the engine, autosave, history and the meaning of every command are the
//! same; only the presentation differs. No escape sequence is ever written.

mod answer;
mod commands;
pub mod describe;

use std::io::{BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::ui::app::{App, Screen};
use crate::ui::keymap::{Action, Context};
use crate::ui::run::Outcome;
use crate::width::inert;

/// The minute marks announced as a timed session runs.
const MARKS: [i64; 3] = [10, 5, 1];

/// Where time comes from: the system clock, or (for tests, `CERTSIM_TEST_CLOCK`) a clock
/// that starts at a given time and runs faster.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start: Option<(Instant, DateTime<Utc>, f64)>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { start: None }
    }

    /// `CERTSIM_TEST_CLOCK="2026-11-25T09:00:00Z 60"`: from that time, 60 times faster.
    /// Anything else (or nothing) is the system clock.
    pub fn from_env() -> Clock {
        let Ok(text) = std::env::var("CERTSIM_TEST_CLOCK") else {
            return Clock::system();
        };
        let mut parts = text.split_whitespace();
        let start = parts
            .next()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc));
        let speed = parts
            .next()
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(1.0);
        match start {
            Some(start) => Clock {
                start: Some((Instant::now(), start, speed.clamp(0.001, 10_000.0))),
            },
            None => Clock::system(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self.start {
            None => Utc::now(),
            Some((real, start, speed)) => {
                let elapsed = real.elapsed().as_secs_f64() * speed;
                start + TimeDelta::milliseconds((elapsed * 1000.0) as i64)
            }
        }
    }
}

/// Plain mode's state besides the app: where lines go and what was said last.
struct Plain<W: Write> {
    out: W,
    clock: Clock,
    /// What the last description was of, so a change of question or screen is said once.
    shown: Option<(Context, usize, Option<DateTime<Utc>>)>,
    /// The minute marks already announced for the running session (by when it began).
    announced: (Option<DateTime<Utc>>, Vec<i64>),
    /// The output is gone (a closed pipe): stop.
    closed: bool,
}

impl<W: Write> Plain<W> {
    fn say(&mut self, line: impl AsRef<str>) {
        if self.closed {
            return;
        }
        if writeln!(self.out, "{}", inert(line.as_ref()))
            .and_then(|()| self.out.flush())
            .is_err()
        {
            self.closed = true;
        }
    }

    fn say_all(&mut self, lines: impl IntoIterator<Item = String>) {
        for line in lines {
            self.say(line);
        }
    }
}

/// Runs plain mode until `quit` or the end of the input. Each command's effects are carried
/// out before the next line is read, as the full-screen loop does after each frame.
pub fn run(
    app: &mut App,
    input: impl BufRead + Send + 'static,
    out: impl Write,
    clock: Clock,
) -> Outcome {
    let lines = read_lines_on_a_thread(input);
    // SIGTERM, SIGHUP or SIGINT (Ctrl-C at a shell): save as Save and exit does, then end
    // with 128 + the signal, as the full-screen interface does.
    let caught = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        // Without the handler a signal still ends certsim, as it would anyway; the session
        // was saved after the last command.
        let _ = signal_hook::flag::register_usize(signal, Arc::clone(&caught), signal as usize);
    }
    let mut plain = Plain {
        out,
        clock,
        shown: None,
        announced: (None, Vec::new()),
        closed: false,
    };
    app.now = clock.now();
    let pending = app.take_effects();
    app.execute(pending);
    if let Some(message) = app.message.take() {
        plain.say(message.text);
    }
    describe_if_changed(app, &mut plain);
    loop {
        let received = lines.recv_timeout(Duration::from_millis(250));
        let now = plain.clock.now();
        let signal = caught.load(Ordering::SeqCst);
        if signal != 0 {
            end_of_input(app, &mut plain, now);
            if let Some(farewell) = app.farewell.take() {
                plain.say(farewell);
            }
            return Outcome::Signal(signal as i32);
        }
        let quit = match received {
            Ok(line) => commands::handle(app, &mut plain, line.trim(), now),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(end_of_input(app, &mut plain, now)),
        };
        if quit.is_none() {
            tick(app, &mut plain);
        }
        if let Some(outcome) = quit {
            if let Some(farewell) = app.farewell.take() {
                plain.say(farewell);
            }
            return outcome;
        }
        if plain.closed {
            let now = plain.clock.now();
            return end_of_input(app, &mut plain, now);
        }
    }
}

/// Standard input closed: a running session is saved as Save and exit does.
fn end_of_input<W: Write>(app: &mut App, plain: &mut Plain<W>, now: DateTime<Utc>) -> Outcome {
    if app.is_exam_running() {
        commands::save_and_exit(app, plain, now);
    }
    Outcome::Quit
}

/// Time passes: effects of the clock (an autosave, the end at zero) and the minute marks.
fn tick<W: Write>(app: &mut App, plain: &mut Plain<W>) {
    let now = plain.clock.now();
    // Marks first: a slow tick that reaches zero still says the last minute before the end.
    announce_marks(app, plain, now);
    app.tick(now);
    let effects = app.take_effects();
    app.execute(effects);
    if let Some(message) = app.message.take() {
        plain.say(message.text);
    }
    describe_if_changed(app, plain);
}

fn announce_marks<W: Write>(app: &App, plain: &mut Plain<W>, now: DateTime<Utc>) {
    let Some(session) = app.running_session() else {
        return;
    };
    let (Some(left), Some(timer)) = (session.remaining(now), session.timer) else {
        return;
    };
    if plain.announced.0 != Some(session.began_at) {
        // A new session: marks already behind it are not announced late.
        let passed = MARKS
            .iter()
            .copied()
            .filter(|&mark| left <= TimeDelta::minutes(mark))
            .collect();
        plain.announced = (Some(session.began_at), passed);
        return;
    }
    for mark in MARKS {
        let at = TimeDelta::minutes(mark);
        if left <= at && timer.allowed > at && !plain.announced.1.contains(&mark) {
            plain.announced.1.push(mark);
            plain.say(format!(
                "{} minute{} left.",
                mark,
                if mark == 1 { "" } else { "s" }
            ));
        }
    }
}

/// Says what is on screen when it changed: a new question, the results, home.
fn describe_if_changed<W: Write>(app: &mut App, plain: &mut Plain<W>) {
    loop {
        let context = app.context();
        let session = app.running_session();
        let key = (
            context,
            session.map_or(0, |s| s.current),
            session.map(|s| s.began_at),
        );
        if plain.shown == Some(key) {
            return;
        }
        plain.shown = Some(key);
        let now = plain.clock.now();
        match (context, app.screen()) {
            (Context::Confirm, _) => commands::confirm_question(app, plain),
            (Context::Resume, _) => {
                if let Some(unfinished) = app.unfinished.as_ref() {
                    plain.say_all(describe::resume_offer(&app.bank, unfinished));
                }
            }
            (Context::Question, Some(Screen::Exam(exam))) => {
                plain.say_all(describe::question(&exam.session, now, false));
            }
            (Context::Practice, Some(Screen::Practice(practice))) => {
                plain.say_all(describe::question(&practice.session, now, true));
            }
            (Context::Results, Some(Screen::Results(results))) => {
                plain.say_all(describe::results(&results.results));
                // The results are said; back home, as Esc would.
                commands::press(app, plain, Action::Back, now);
                continue;
            }
            (Context::Summary, Some(Screen::Summary(summary))) => {
                plain.say(format!(
                    "{} finished: {} of {} checked, {} of {} right.",
                    summary.mode.title(),
                    summary.answered,
                    summary.questions,
                    summary.results.tally.correct,
                    summary.results.tally.total
                ));
                commands::press(app, plain, Action::Back, now);
                continue;
            }
            (Context::Home, _) => {
                let derived = app.derived();
                let lines = describe::home(
                    &app.bank,
                    &derived.plan.line(),
                    derived.due,
                    app.unfinished.as_ref(),
                );
                plain.say_all(lines);
            }
            _ => {}
        }
        return;
    }
}

/// Lines from standard input, one by one; the channel closes at the end of the input.
fn read_lines_on_a_thread(input: impl BufRead + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for line in input.lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}
