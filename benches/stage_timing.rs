//! Rough per-stage timing on a large body (profiling aid; the numbers that
//! count come from `cargo bench`). Best of `STAGE_REPS` runs per stage.
use std::time::Instant;
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let mut body = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    while body.len() < 2_000_000 {
        for p in &paths {
            let t = std::fs::read_to_string(p).unwrap();
            body.push_str(&frex::article::parse_raw(&t, "x", "x").unwrap().body);
            body.push_str("\n\n");
        }
    }
    let mb = body.len() as f64 / 1e6;
    let t = Instant::now();
    let x = frex::Extractor::new().unwrap();
    println!("startup {:?}", t.elapsed());
    // Each stage runs `STAGE_REPS` times (default 5) and reports its best
    // run: the machine is shared, and the best run is the least disturbed.
    let reps: usize = std::env::var("STAGE_REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1);
    macro_rules! time {
        ($name:expr, $e:expr) => {{
            let mut best = f64::INFINITY;
            let mut r = None;
            for _ in 0..reps {
                let t = Instant::now();
                let out = $e;
                best = best.min(t.elapsed().as_secs_f64());
                r = Some(out);
            }
            println!("{:<12} {:>8.1} MB/s", $name, mb / best);
            r.unwrap()
        }};
    }
    let tokens = time!("tokenize", frex::tokenize::tokenize(&body));
    let hits = time!("gazetteer", x.matcher().find(&body, &tokens));
    let claimed: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    let context = time!(
        "names",
        frex::names::find_names(&body, &tokens, &claimed, &frex::names::Lexicon::default())
    );
    let _ = time!(
        "resolve",
        frex::resolve::resolve(&body, &tokens, x.matcher(), &hits, &context)
    );
    let _ = time!(
        "dates",
        frex::dates::find_dates(&body, &tokens, chrono::NaiveDate::from_ymd_opt(2024, 9, 22))
    );
    let _ = time!("numbers (whole body)", frex::numbers::find_numbers(&body));
    let _ = time!(
        "casualties (with their numbers)",
        frex::casualties::find_casualties(&body, &tokens)
    );
}
