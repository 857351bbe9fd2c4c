//! The event loop: the only place that reads the terminal. Keys become actions through the
//! keymap; the countdown redraws once a second and nothing runs in between.

use std::io::stdout;
use std::time::Duration;

use anyhow::Context as _;
use chrono::Utc;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use super::app::App;
use super::keymap;

/// Runs the app until it quits. The terminal is restored on every exit, panics included
/// (ratatui's hook restores raw mode and the screen; ours turns mouse reporting off).
pub fn run(app: &mut App) -> anyhow::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    ratatui::run(|terminal| {
        execute!(stdout(), EnableMouseCapture).context("cannot enable mouse reporting")?;
        let result = event_loop(terminal, app);
        let _ = execute!(stdout(), DisableMouseCapture);
        result
    })
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let size = terminal.size().context("cannot read the terminal size")?;
    app.size = (size.width, size.height);
    loop {
        app.tick(Utc::now());
        if app.quit {
            return Ok(());
        }
        terminal
            .draw(|frame| frame.render_widget(&*app, frame.area()))
            .context("cannot draw to the terminal")?;
        if !event::poll(wait_for(app)).context("cannot read terminal events")? {
            continue;
        }
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

/// How long to sleep: until the countdown's next second while an exam runs, else until a
/// key arrives.
fn wait_for(app: &App) -> Duration {
    let remaining = match &app.screen {
        super::app::Screen::Exam(exam) => exam.session.remaining(Utc::now()),
        _ => None,
    };
    match remaining {
        Some(left) => {
            let millis = left.num_milliseconds().max(0) % 1000;
            Duration::from_millis(millis as u64 + 1)
        }
        None => Duration::from_secs(3600),
    }
}
