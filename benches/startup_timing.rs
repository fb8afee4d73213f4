//! Start-up breakdown (a profiling aid; `cargo bench --bench throughput --
//! startup` gives the figures): the precompiled embedded gazetteers as
//! `Extractor::new` loads them, then, for comparison, what a run-time
//! compile of the same files costs (`--gazetteers DIR` takes that path).
use std::time::Instant;

use frex::gazetteer::{Compiled, Gazetteer};

fn main() {
    let t = Instant::now();
    let c = Compiled::embedded();
    println!(
        "precompiled load   {:>9.1?} ({} entries, {} keys)",
        t.elapsed(),
        c.matcher.entry_count(),
        c.matcher.pattern_count()
    );
    let t = Instant::now();
    let x = frex::Extractor::new().unwrap();
    println!("Extractor::new     {:>9.1?}", t.elapsed());
    drop(x);
    let t = Instant::now();
    let g = Gazetteer::embedded().unwrap();
    println!(
        "run-time parse     {:>9.1?} ({} entries, {} aliases)",
        t.elapsed(),
        g.entries().len(),
        g.alias_count()
    );
    let t = Instant::now();
    let m = g.compile();
    println!(
        "run-time compile   {:>9.1?} ({} keys)",
        t.elapsed(),
        m.pattern_count()
    );
}
