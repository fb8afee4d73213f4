//! Rough per-stage timing on a large body (profiling aid; the numbers that
//! count come from `cargo bench`).
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
    macro_rules! time {
        ($name:expr, $e:expr) => {{
            let t = Instant::now();
            let r = $e;
            let s = t.elapsed().as_secs_f64();
            println!("{:<12} {:>8.1} MB/s", $name, mb / s);
            r
        }};
    }
    let tokens = time!("tokenize", frex::tokenize::tokenize(&body));
    let norm = time!("normalize", frex::normalize::Normalized::new(&body));
    let hits = time!("gazetteer", x.matcher().find(&body, &norm, &tokens));
    let claimed: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    let _ = time!(
        "names",
        frex::names::find_names(&body, &tokens, &claimed, &frex::names::Lexicon::default())
    );
    let _ = time!(
        "dates",
        frex::dates::find_dates(&body, &tokens, chrono::NaiveDate::from_ymd_opt(2024, 9, 22))
    );
    let numbers = time!("numbers", frex::numbers::find_numbers(&body));
    let _ = time!(
        "casualties",
        frex::casualties::find_casualties(&body, &tokens, &numbers)
    );
}
