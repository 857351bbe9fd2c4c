//! Time from a keypress to the frame that shows it, for the whole process in a
//! pseudo-terminal at 120×40: starts `certsim exam --seed 1` on the embedded bank with a data
//! directory on disk, then presses `a` again and again (choosing and un-choosing option A)
//! and measures each time until the screen shows the change.
//!
//! cargo build --release && cargo run --release --example key_to_frame -- 200 target/release/certsim
//!
//! Prints the median and the spread. Each key waits until the previous change is both on
//! screen and (after a pause longer than an fsync) on disk, so keys never queue up.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;

/// Waits for the reader to note the awaited text, returning the time since `start`.
#[allow(clippy::type_complexity)]
fn wait_for_armed(
    awaited: &Mutex<(Option<&'static str>, Option<Instant>)>,
    start: Instant,
) -> Duration {
    loop {
        if let Some(at) = awaited.lock().expect("lock").1 {
            return at - start;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no frame after 5 s"
        );
        std::thread::sleep(Duration::from_micros(100));
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let presses: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let binary = args
        .next()
        .unwrap_or_else(|| "target/release/certsim".to_string());
    let binary = std::fs::canonicalize(&binary)
        .map(|path| path.display().to_string())
        .unwrap_or(binary);
    // On disk, not in /tmp (which may be memory): the autosave's fsync is part of the test.
    let data = std::env::current_dir()
        .expect("a working directory")
        .join(format!("target/key-to-frame-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(&binary);
    command.args(["exam", "--seed", "1"]);
    command.env("TERM", "xterm-256color");
    command.env("CERTSIM_DATA_DIR", &data);
    if let Ok(here) = std::env::current_dir() {
        command.cwd(here);
    }
    let mut child = pty.slave.spawn_command(command).expect("certsim starts");
    drop(pty.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(ROWS).expect("rows"),
        NonZeroU16::new(COLS).expect("cols"),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().expect("a reader");
    let mut writer = pty.master.take_writer().expect("a writer");
    // The reader notes when the awaited text first shows, right after the bytes that drew it.
    let awaited: Arc<Mutex<(Option<&'static str>, Option<Instant>)>> =
        Arc::new(Mutex::new((None, None)));
    let sink = Arc::clone(&parser);
    let seen = Arc::clone(&awaited);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        while let Ok(read) = reader.read(&mut buffer) {
            if read == 0 {
                break;
            }
            let mut parser = sink.lock().expect("lock");
            parser.process(&buffer[..read]);
            let mut awaited = seen.lock().expect("lock");
            if let (Some(text), None) = *awaited
                && parser.screen().contents().contains(text)
            {
                awaited.1 = Some(Instant::now());
            }
        }
    });
    let wait_for = |text: &'static str, start: Instant| -> Duration {
        {
            let mut state = awaited.lock().expect("lock");
            if parser
                .lock()
                .expect("lock")
                .screen()
                .contents()
                .contains(text)
            {
                return Duration::ZERO;
            }
            *state = (Some(text), None);
        }
        loop {
            if let Some(at) = awaited.lock().expect("lock").1 {
                return at - start;
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "no {text:?} after 5 s"
            );
            std::thread::sleep(Duration::from_micros(100));
        }
    };
    let ready = Instant::now();
    wait_for("Question 1 of", ready);
    let mut times = Vec::with_capacity(presses);
    for press in 0..presses {
        let expected = if press % 2 == 0 { "(•) A." } else { "( ) A." };
        // Arm the watch before the key, so no frame can slip past it.
        *awaited.lock().expect("lock") = (Some(expected), None);
        let start = Instant::now();
        writer.write_all(b"a").expect("a key");
        writer.flush().expect("flush");
        times.push(wait_for_armed(&awaited, start));
        std::thread::sleep(Duration::from_millis(30));
    }
    child.kill().ok();
    child.wait().ok();
    let _ = std::fs::remove_dir_all(&data);
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "key to frame, {presses} presses at {COLS}x{ROWS}: median {:.2?} (p10 {:.2?}, p90 {:.2?}, max {:.2?})",
        at(0.5),
        at(0.1),
        at(0.9),
        at(1.0)
    );
}
