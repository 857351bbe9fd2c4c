//! Load + validate time per bank size: `cargo bench --bench load`.
//! A small harness (no extra dependency): median and range over several runs.

use std::time::{Duration, Instant};

use certsim::bank::{self, cache};
use certsim::synthetic;

fn median(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    (
        samples[0],
        samples[samples.len() / 2],
        samples[samples.len() - 1],
    )
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: do one quick pass only.
    let quick = !std::env::args().any(|a| a == "--bench");
    println!("load + validate (in process, files already in memory)");
    println!(
        "{:>8}  {:>10}  {:>10}  {:>10}",
        "questions", "min", "median", "max"
    );
    let sizes: &[usize] = if quick {
        &[100]
    } else {
        &[1_000, 5_000, 20_000]
    };
    for &size in sizes {
        let files = synthetic::generate(size, 1);
        let runs = if quick {
            1
        } else if size >= 20_000 {
            5
        } else {
            9
        };
        let samples = (0..runs)
            .map(|_| {
                let files = files.clone();
                let start = Instant::now();
                let loaded = bank::load_files(files).expect("a generated bank is valid");
                let elapsed = start.elapsed();
                assert_eq!(loaded.questions.len(), size);
                elapsed
            })
            .collect();
        let (min, mid, max) = median(samples);
        println!("{size:>8}  {min:>10.2?}  {mid:>10.2?}  {max:>10.2?}");
    }
    println!();
    println!("load through the cache (files on disk; `hit` reads the cached form)");
    println!(
        "{:>8}  {:>10}  {:>10}  {:>10}",
        "questions", "rebuild", "hit median", "hit max"
    );
    let root = std::env::temp_dir().join(format!("certsim-bench-load-{}", std::process::id()));
    for &size in sizes {
        let dir = root.join(format!("bank-{size}"));
        synthetic::write(&dir, size, synthetic::PER_FILE, 1).expect("a writable temporary folder");
        let cache_dir = root.join("cache");
        let start = Instant::now();
        let (loaded, used) = cache::load_dir_reporting(&dir, Some(&cache_dir));
        let rebuild = start.elapsed();
        assert_eq!(used, cache::CacheUse::Rebuilt);
        assert_eq!(loaded.expect("valid").questions.len(), size);
        let runs = if quick { 1 } else { 15 };
        let samples = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let (loaded, used) = cache::load_dir_reporting(&dir, Some(&cache_dir));
                let elapsed = start.elapsed();
                assert_eq!(used, cache::CacheUse::Hit);
                drop(loaded);
                elapsed
            })
            .collect();
        let (_, mid, max) = median(samples);
        println!("{size:>8}  {rebuild:>10.2?}  {mid:>10.2?}  {max:>10.2?}");
    }
    let _ = std::fs::remove_dir_all(&root);

    let start = Instant::now();
    let embedded = certsim::embedded::load().expect("the embedded bank is valid");
    println!(
        "embedded bank ({} questions): {:.2?}",
        embedded.questions.len(),
        start.elapsed()
    );
}
