//! Start-up breakdown: gazetteer parse, then matcher compile (a profiling
//! aid; `cargo bench --bench throughput -- startup` gives the figures).
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let g = frex::gazetteer::Gazetteer::embedded().unwrap();
    println!(
        "parse   {:?} ({} entries, {} aliases)",
        t.elapsed(),
        g.entries().len(),
        g.alias_count()
    );
    let t = Instant::now();
    let m = g.compile();
    println!("compile {:?} ({} patterns)", t.elapsed(), m.pattern_count());
}
