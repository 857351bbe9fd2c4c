//! Writes a synthetic bank for measurements: `cargo run --release --example gen_bank -- 5000 /tmp/bank-5k`
fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let questions: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5000);
    let dir = args
        .next()
        .unwrap_or_else(|| format!("target/bank-{questions}"));
    certsim::synthetic::write(std::path::Path::new(&dir), questions, 1)?;
    println!("wrote a {questions}-question bank to {dir}");
    Ok(())
}
