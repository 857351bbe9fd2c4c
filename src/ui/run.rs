//! The event loop: the only place that reads the terminal. Keys become actions through the
//! keymap; the countdown redraws once a second and nothing runs in between.

use std::io::stdout;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use chrono::Utc;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use super::app::{App, Screen};
use super::keymap;

/// How a run ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Quit,
    /// Ctrl-C.
    Interrupted,
    /// SIGTERM, SIGHUP or SIGINT from outside.
    Signal(i32),
}

impl Outcome {
    /// 0 for a normal quit; 128 + the signal otherwise, as shells report it.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Quit => ExitCode::SUCCESS,
            Outcome::Interrupted => ExitCode::from(130),
            Outcome::Signal(signal) => ExitCode::from((128 + signal).clamp(1, 255) as u8),
        }
    }
}

/// The longest the loop sleeps, so a signal is noticed promptly.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

/// Runs the app until it quits. The terminal is restored on every exit: ratatui's hook
/// restores raw mode and the screen on a panic, ours turns mouse reporting off and says where
/// the unfinished session was saved. SIGTERM and SIGHUP save the session and end the loop.
pub fn run(app: &mut App) -> anyhow::Result<Outcome> {
    let caught = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(signal, Arc::clone(&caught), signal as usize)
            .context("cannot install the signal handlers")?;
    }
    let autosave = app.autosave_path();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        eprintln!("certsim stopped on an internal error. The terminal has been restored.");
        if let Some(path) = &autosave {
            eprintln!(
                "Any unfinished session is saved in {}: start certsim again to resume it.",
                path.display()
            );
        }
        previous(info);
    }));
    ratatui::run(|terminal| {
        execute!(stdout(), EnableMouseCapture).context("cannot enable mouse reporting")?;
        let result = event_loop(terminal, app, &caught);
        let _ = execute!(stdout(), DisableMouseCapture);
        result
    })
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    caught: &AtomicUsize,
) -> anyhow::Result<Outcome> {
    let size = terminal.size().context("cannot read the terminal size")?;
    app.size = (size.width, size.height);
    // Draw only when something changed: an event, or the countdown's second.
    let mut dirty = true;
    let mut drawn_second = None;
    loop {
        app.tick(Utc::now());
        let signal = caught.swap(0, Ordering::Relaxed);
        if signal != 0 {
            app.save_now(Utc::now());
            return Ok(Outcome::Signal(signal as i32));
        }
        if app.quit {
            return Ok(if app.interrupted {
                Outcome::Interrupted
            } else {
                Outcome::Quit
            });
        }
        let second = shown_second(app);
        if dirty || second != drawn_second {
            terminal
                .draw(|frame| frame.render_widget(&*app, frame.area()))
                .context("cannot draw to the terminal")?;
            dirty = false;
            drawn_second = second;
        }
        let ready = match event::poll(wait_for(app)) {
            Ok(ready) => ready,
            // The terminal went away (a closed window sends SIGHUP too): keep the session.
            Err(error) => {
                app.save_now(Utc::now());
                return Err(error).context("cannot read terminal events");
            }
        };
        if !ready {
            continue;
        }
        dirty = true;
        let now = Utc::now();
        match event::read().context("cannot read terminal events")? {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                if let Some(action) = keymap::action_for(app.context(), &key) {
                    app.handle(action, now);
                }
            }
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => app.click(mouse.column, mouse.row, now),
                MouseEventKind::ScrollDown => app.wheel(true, now),
                MouseEventKind::ScrollUp => app.wheel(false, now),
                _ => {}
            },
            Event::Resize(width, height) => app.size = (width, height),
            _ => {}
        }
    }
}

/// The countdown's whole seconds as shown, if a timed session runs.
fn shown_second(app: &App) -> Option<i64> {
    let remaining = match &app.screen {
        Screen::Exam(exam) => exam.session.remaining(app.now),
        Screen::Practice(practice) => practice.session.remaining(app.now),
        _ => None,
    };
    remaining.map(|left| left.num_seconds())
}

/// How long to sleep: until the countdown's next second while a timed session runs, and
/// never longer than the signal check.
fn wait_for(app: &App) -> Duration {
    let remaining = match &app.screen {
        Screen::Exam(exam) => exam.session.remaining(Utc::now()),
        Screen::Practice(practice) => practice.session.remaining(Utc::now()),
        _ => None,
    };
    match remaining {
        Some(left) => {
            let millis = left.num_milliseconds().max(0) % 1000;
            Duration::from_millis(millis as u64 + 1).min(SIGNAL_CHECK)
        }
        None => SIGNAL_CHECK,
    }
}
