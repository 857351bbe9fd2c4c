//! The real `certsim` in a pseudo-terminal, for end-to-end tests: keys in, a screen out.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use super::common::Scratch;

/// The real `certsim` running in a pseudo-terminal of 80×24.
pub struct Session {
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The terminal's master side; dropping it is closing the terminal window.
    pub master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    /// Tells the reader thread to let go of its handle on the terminal.
    pub stop_reading: Arc<std::sync::atomic::AtomicBool>,
}

/// A fresh, empty data directory for one test, so tests never share history or autosaves.
pub fn data_dir(name: &str) -> Scratch {
    Scratch::new(&format!("e2e-{name}"))
}

impl Session {
    pub fn start(data_dir: &str, args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_certsim"));
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        command.env("CERTSIM_DATA_DIR", data_dir);
        command.env("CERTSIM_CACHE_DIR", format!("{data_dir}/cache"));
        let child = pty.slave.spawn_command(command).expect("certsim starts");
        drop(pty.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&screen);
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(read) = reader.read(&mut buffer) {
                if read == 0 || stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                sink.lock().unwrap().process(&buffer[..read]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session {
            screen,
            writer,
            child,
            master: Some(pty.master),
            stop_reading,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, failing with the screen after 10 seconds.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the screen never showed {text:?}; it shows:\n{}",
            self.contents()
        );
    }

    pub fn keys(&mut self, keys: &str) {
        for key in keys.split_whitespace() {
            let bytes: &[u8] = match key {
                "Enter" => b"\r",
                "Esc" => b"\x1b",
                "Tab" => b"\t",
                other => other.as_bytes(),
            };
            self.writer.write_all(bytes).unwrap();
            self.writer.flush().unwrap();
            // A lone Esc is only a key once the next byte is late; give each key its moment.
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Only SIGKILL may end certsim by a signal; anything else (an abort) is a bug.
                if let Some(signal) = status.signal().filter(|s| *s != "Killed") {
                    panic!(
                        "certsim was killed by {signal}; the screen shows:\n{}",
                        self.contents()
                    );
                }
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().ok();
        panic!(
            "certsim did not exit; the screen shows:\n{}",
            self.contents()
        );
    }
}

impl Session {
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// The terminal modes certsim must leave as it found them.
    pub fn modes(&self) -> (bool, bool, vt100::MouseProtocolMode) {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        (
            screen.alternate_screen(),
            screen.hide_cursor(),
            screen.mouse_protocol_mode(),
        )
    }
}
