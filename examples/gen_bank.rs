//! Writes a synthetic bank for measurements:
//! `cargo run --release --example gen_bank -- 5000 target/bank-5000 [QUESTIONS_PER_FILE]`
//! (1,000 questions a file unless given).
fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let questions: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5000);
    let dir = args
        .next()
        .unwrap_or_else(|| format!("target/bank-{questions}"));
    let per_file: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(certsim::synthetic::PER_FILE);
    certsim::synthetic::write(std::path::Path::new(&dir), questions, per_file, 1)?;
    println!("wrote a {questions}-question bank to {dir}, {per_file} questions a file");
    Ok(())
}
