//! The event loop: the only place that reads the terminal. Keys become actions through the
//! keymap; the countdown redraws once a second and nothing runs in between. Effects that
//! updates return are carried out right after the frame that shows their change is drawn.
//! Input is read on its own thread: crossterm's read can block inside an unfinished escape
//! sequence (`ESC [`, a paste start without its end), and the deadline and signals must
//! never wait for the next input byte.

use std::io::{Write, stdout};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::Duration;

use anyhow::Context as _;
use chrono::Utc;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::{cursor, execute};
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::app::App;
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
/// (installed by `try_init`) restores raw mode and the screen on a panic, ours turns mouse
/// reporting off and says where the unfinished session was saved. SIGTERM and SIGHUP save
/// the session and end the loop.
pub fn run(app: &mut App) -> anyhow::Result<Outcome> {
    let caught = Arc::new(AtomicUsize::new(0));
    let finished = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&caught), Arc::clone(&finished))?;
    let autosave = app.autosave_path();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, cursor::Show);
        // Never eprintln! here: on a vanished terminal it would panic inside the hook.
        let mut stderr = std::io::stderr();
        let _ = writeln!(
            stderr,
            "certsim stopped on an internal error. The terminal has been restored."
        );
        if let Some(path) = &autosave {
            let _ = writeln!(
                stderr,
                "Any unfinished session is saved in {}: start certsim again to resume it.",
                path.display()
            );
        }
        previous(info);
    }));
    // init + try_restore rather than ratatui::run: run's restore reports a failure with
    // eprintln!, which panics when the terminal has gone away (a closed window).
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let result = execute!(stdout(), EnableMouseCapture)
        .context("cannot enable mouse reporting")
        .and_then(|()| event_loop(&mut terminal, app, &caught));
    let _ = execute!(stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
    if terminal.show_cursor().is_err() {
        // The terminal is gone. Dropping `terminal` would retry and report the failure with
        // eprintln!, which panics on a vanished stderr; there is nothing left to restore.
        std::mem::forget(terminal);
    }
    finished.store(true, Ordering::SeqCst);
    result
}

/// How long the event loop gets to notice a signal before the watchdog ends the process.
const SIGNAL_GRACE: Duration = Duration::from_secs(1);

/// On SIGTERM, SIGHUP or SIGINT: tell the event loop, and if it has not finished within
/// `SIGNAL_GRACE`, restore the terminal and exit from here. The loop can be stuck: when the
/// terminal goes away, crossterm's poll spins on the dead tty and never returns (crossterm
/// issue #793). The session is safe either way: it is saved after every change.
fn watch_signals(caught: Arc<AtomicUsize>, finished: Arc<AtomicBool>) -> anyhow::Result<()> {
    let mut signals =
        Signals::new([SIGTERM, SIGHUP, SIGINT]).context("cannot install the signal handlers")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                caught.store(signal as usize, Ordering::SeqCst);
                std::thread::sleep(SIGNAL_GRACE);
                if !finished.load(Ordering::SeqCst) {
                    // ratatui's restore leaves the cursor as it was: hidden while drawing.
                    let _ = execute!(stdout(), DisableMouseCapture, cursor::Show);
                    let _ = ratatui::try_restore();
                    std::process::exit(128 + signal);
                }
            }
        })
        .context("cannot start the signal watcher")?;
    Ok(())
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
    // Effects of the last event (and of ticks), carried out once its frame is on screen.
    let mut effects = app.take_effects();
    let input = read_input_on_a_thread()?;
    loop {
        app.tick(Utc::now());
        effects.extend(app.take_effects());
        let signal = caught.load(Ordering::SeqCst);
        if signal != 0 {
            app.execute(std::mem::take(&mut effects));
            app.save_now(Utc::now());
            return Ok(Outcome::Signal(signal as i32));
        }
        let second = shown_second(app);
        if dirty || second != drawn_second {
            if terminal
                .draw(|frame| frame.render_widget(&*app, frame.area()))
                .is_err()
            {
                app.execute(std::mem::take(&mut effects));
                return Ok(terminal_lost(app));
            }
            dirty = false;
            drawn_second = second;
        }
        if !effects.is_empty() {
            let said = app.message.clone();
            let quit = app.execute(std::mem::take(&mut effects));
            if let Some(interrupted) = quit {
                return Ok(if interrupted {
                    Outcome::Interrupted
                } else {
                    Outcome::Quit
                });
            }
            // A failure to save is shown at once, not after the next key.
            dirty |= app.message != said;
            continue;
        }
        let event = match input.recv_timeout(wait_for(app)) {
            Ok(Ok(event)) => event,
            Err(RecvTimeoutError::Timeout) => continue,
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => return Ok(terminal_lost(app)),
        };
        dirty = true;
        let now = Utc::now();
        effects = match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                match keymap::action_for(app.context(), &key) {
                    Some(action) => app.handle(action, now),
                    None => Vec::new(),
                }
            }
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => app.click(mouse.column, mouse.row, now),
                MouseEventKind::ScrollDown => app.wheel(true, now),
                MouseEventKind::ScrollUp => app.wheel(false, now),
                _ => Vec::new(),
            },
            Event::Resize(width, height) => {
                app.size = (width, height);
                Vec::new()
            }
            _ => Vec::new(),
        };
    }
}

/// Starts the thread that reads terminal events and hands them over one by one. It ends
/// after the first read error (the terminal is gone), which the loop sees as a hangup. The
/// channel holds one event: the thread reads ahead no further than the loop takes.
fn read_input_on_a_thread() -> anyhow::Result<Receiver<std::io::Result<Event>>> {
    let (sender, receiver) = sync_channel(1);
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let event = event::read();
                let failed = event.is_err();
                if sender.send(event).is_err() || failed {
                    break;
                }
            }
        })
        .context("cannot start the input reader")?;
    Ok(receiver)
}

/// The terminal can no longer be written or read: its window closed or its connection
/// dropped. That is a hangup whether or not SIGHUP has arrived yet: save and end as one.
fn terminal_lost(app: &mut App) -> Outcome {
    app.save_now(Utc::now());
    Outcome::Signal(SIGHUP)
}

/// The countdown's whole seconds as shown, if a timed session runs.
fn shown_second(app: &App) -> Option<i64> {
    let remaining = app.running_session().and_then(|s| s.remaining(app.now));
    remaining.map(|left| left.num_seconds())
}

/// How long to sleep: until the countdown's next second while a timed session runs, and
/// never longer than the signal check.
fn wait_for(app: &App) -> Duration {
    let remaining = app.running_session().and_then(|s| s.remaining(Utc::now()));
    match remaining {
        Some(left) => {
            let millis = left.num_milliseconds().max(0) % 1000;
            Duration::from_millis(millis as u64 + 1).min(SIGNAL_CHECK)
        }
        None => SIGNAL_CHECK,
    }
}
