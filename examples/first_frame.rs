//! Whole-process start-up time: launches certsim in a pseudo-terminal and measures the time
//! until the first question is on screen (or, with no exam arguments, the home screen).
//!
//! cargo build --release && cargo run --release --example gen_bank -- 5000 target/bank-5k
//! cargo run --release --example first_frame -- 10 target/release/certsim --bank target/bank-5k exam --seed 1
//!
//! Prints every run and the median of the repeated launches. The first run is the "first
//! launch": an empty bank cache (all runs share a fresh one), and the binary and bank files
//! as cold as the OS allows. With `--first` before the run count, every run is a first
//! launch (each gets an empty cache of its own) and the median is of those.

use std::io::Read;
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn one_launch(binary: &str, args: &[String], marker: &str, cache: &Path) -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(binary);
    command.args(args);
    command.env("TERM", "xterm-256color");
    // portable-pty starts children in the home directory unless told otherwise.
    if let Ok(here) = std::env::current_dir() {
        command.cwd(here);
    }
    // A fresh data directory for every launch, so none finds an earlier one's autosave.
    static LAUNCHES: AtomicUsize = AtomicUsize::new(0);
    let launch = LAUNCHES.fetch_add(1, Ordering::SeqCst);
    let data = std::env::temp_dir().join(format!(
        "certsim-first-frame-{}-{launch}",
        std::process::id()
    ));
    command.env("CERTSIM_DATA_DIR", &data);
    command.env("CERTSIM_CACHE_DIR", cache);
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(command).expect("certsim starts");
    drop(pty.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(24).expect("rows"),
        NonZeroU16::new(80).expect("cols"),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().expect("a reader");
    let sink = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        while let Ok(read) = reader.read(&mut buffer) {
            if read == 0 {
                break;
            }
            sink.lock().expect("lock").process(&buffer[..read]);
        }
    });
    let elapsed = loop {
        if parser
            .lock()
            .expect("lock")
            .screen()
            .contents()
            .contains(marker)
        {
            break start.elapsed();
        }
        if start.elapsed() > Duration::from_secs(5) {
            panic!(
                "no first frame after 5 s: {}",
                parser.lock().expect("lock").screen().contents()
            );
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    child.kill().ok();
    child.wait().ok();
    let _ = std::fs::remove_dir_all(&data);
    elapsed
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let every_run_first = args.next_if(|arg| arg == "--first").is_some();
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let binary = args
        .next()
        .unwrap_or_else(|| "target/release/certsim".to_string());
    // The pseudo-terminal spawner looks relative names up in PATH: make it absolute.
    let binary = std::fs::canonicalize(&binary)
        .map(|path| path.display().to_string())
        .unwrap_or(binary);
    let rest: Vec<String> = args.collect();
    let marker = if rest.iter().any(|a| a == "exam") {
        "Question 1 of"
    } else {
        "Mock exam"
    };
    let cache =
        std::env::temp_dir().join(format!("certsim-first-frame-{}-cache", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            if every_run_first {
                let _ = std::fs::remove_dir_all(&cache);
            }
            one_launch(&binary, &rest, marker, &cache)
        })
        .collect();
    let _ = std::fs::remove_dir_all(&cache);
    if every_run_first {
        for (index, time) in times.iter().enumerate() {
            println!("run {:>2}: {time:.1?}", index + 1);
        }
        times.sort();
        println!(
            "first launches: median {:.1?} (min {:.1?}, max {:.1?})",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
        return;
    }
    for (index, time) in times.iter().enumerate() {
        println!("run {:>2}: {time:.1?}", index + 1);
    }
    let first = times.remove(0);
    times.sort();
    println!("first launch: {first:.1?}");
    if !times.is_empty() {
        println!(
            "repeated launches: median {:.1?} (min {:.1?}, max {:.1?})",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
}
