//! Start-up (loading the precompiled gazetteers; parsing and compiling
//! them at run time, as `--gazetteers DIR` does) measured apart from
//! throughput; throughput per stage and end to end, in bytes per second,
//! on short, medium and long articles built from the project's fixtures.
//!
//! `cargo bench --bench throughput` (add `-- --quick` for a fast pass).

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use frex::gazetteer::{Compiled, Gazetteer};
use frex::{article::parse_raw, Article, Extractor};

fn fixture_articles() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/articles exists")
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            parse_raw(&text, &p.display().to_string(), "bench").unwrap()
        })
        .collect()
}

/// Articles of about `target` bytes, made by concatenating fixtures.
fn sized(articles: &[Article], target: usize) -> Article {
    let mut body = String::new();
    for a in articles.iter().cycle() {
        if body.len() >= target {
            break;
        }
        body.push_str(&a.body);
        body.push_str("\n\n");
    }
    Article {
        body,
        ..articles[0].clone()
    }
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    // What `Extractor::new` does: load the tables build.rs precompiled.
    g.bench_function("load precompiled gazetteers", |b| {
        b.iter(|| black_box(Compiled::embedded()))
    });
    g.bench_function("Extractor::new", |b| {
        b.iter(|| black_box(Extractor::new().unwrap()))
    });
    // What `--gazetteers DIR` does: parse the TSV files, then compile.
    g.bench_function("run-time: parse gazetteers", |b| {
        b.iter(|| black_box(Gazetteer::embedded().unwrap()))
    });
    let gaz = Gazetteer::embedded().unwrap();
    g.bench_function("run-time: compile matcher", |b| {
        b.iter(|| black_box(gaz.compile()))
    });
    g.finish();
}

fn throughput(c: &mut Criterion) {
    let articles = fixture_articles();
    let x = Extractor::new().unwrap();
    let mut g = c.benchmark_group("extract");
    for (name, size) in [
        ("short 1KB", 1_000),
        ("medium 5KB", 5_000),
        ("long 100KB", 100_000),
    ] {
        let a = sized(&articles, size);
        g.throughput(Throughput::Bytes(a.body.len() as u64));
        g.bench_function(name, |b| b.iter(|| black_box(x.extract(&a))));
    }
    let all: usize = articles.iter().map(|a| a.body.len()).sum();
    g.throughput(Throughput::Bytes(all as u64));
    g.bench_function("all fixtures, one thread", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| x.extract(a).entities.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let a = sized(&articles, 100_000);
    let body = a.body.as_str();
    let tokens = frex::tokenize::tokenize(body);
    let mut g = c.benchmark_group("stage (100KB)");
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.bench_function("tokenize", |b| {
        b.iter(|| black_box(frex::tokenize::tokenize(body)))
    });
    g.bench_function("gazetteer match", |b| {
        b.iter(|| black_box(x.matcher().find(body, &tokens)))
    });
    g.bench_function("numbers", |b| {
        b.iter(|| black_box(frex::numbers::find_numbers(body)))
    });
    let day = a.published.map(|p| p.date());
    g.bench_function("dates", |b| {
        b.iter(|| black_box(frex::dates::find_dates(body, &tokens, day)))
    });
    // Casualties read their own numbers, in the few sentences that need them.
    g.bench_function("casualties", |b| {
        b.iter(|| black_box(frex::casualties::find_casualties(body, &tokens)))
    });
    g.finish();
}

criterion_group!(benches, startup, throughput);
criterion_main!(benches);
