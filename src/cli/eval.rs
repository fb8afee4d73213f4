//! `frex eval`: score frex (or another tool's predictions) against gold.

use std::path::PathBuf;

use frex::eval::gold::{load_predictions, CorpusFormat};
use frex::eval::{extract_all, load_gold, score, Report};
use frex::record::Record;
use frex::Extractor;

use super::{EXIT_FATAL, EXIT_OK, EXIT_SKIPPED};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CorpusArg {
    Fixtures,
    Ner,
    Timebank,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Gold corpora: a fixtures directory, NER span JSONL, TimeBank JSONL.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The gold format (detected from the file's shape by default).
    #[arg(long, value_enum)]
    pub corpus: Option<CorpusArg>,
    /// Score these records (JSONL, frex's record shape, matched by `id`)
    /// instead of running frex: how other tools are compared fairly.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// Report format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: ReportFormat,
    /// List every false positive and false negative with its context.
    #[arg(long)]
    pub show_errors: bool,
    /// Exit 1 when a metric falls below its floor: `person=0.9,dates=0.8`.
    /// Metrics: person, place, group, entities (document level), the same
    /// with `:mention`, dates, date-values, casualties.
    #[arg(long, value_name = "METRIC=VALUE,…", value_parser = parse_floors)]
    pub min_f1: Option<Floors>,
    /// Load gazetteers from DIR instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,
    /// Write the gold documents as JSONL (`id`, `text`, `published`) to
    /// FILE and stop: the exact ids and bodies another tool must annotate
    /// for `--predictions`.
    #[arg(long, value_name = "FILE")]
    pub export_docs: Option<PathBuf>,
}

#[derive(Clone, Debug)]
pub struct Floors(Vec<(String, f64)>);

fn parse_floors(s: &str) -> Result<Floors, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("{part:?} is not METRIC=VALUE"))?;
        if !frex::eval::report::METRICS.contains(&k) {
            return Err(format!(
                "unknown metric {k:?}; one of {}",
                frex::eval::report::METRICS.join(", ")
            ));
        }
        let v: f64 = v.parse().map_err(|_| format!("{v:?} is not a number"))?;
        out.push((k.to_string(), v));
    }
    Ok(Floors(out))
}

pub fn run(args: EvalArgs) -> i32 {
    if let Some(out) = &args.export_docs {
        return export_docs(&args, out);
    }
    let predictions = match &args.predictions {
        Some(p) => match load_predictions(p) {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("frex: {e}");
                return EXIT_FATAL;
            }
        },
        None => None,
    };
    let extractor = if predictions.is_none() {
        let mut b = Extractor::builder();
        if let Some(dir) = &args.gazetteers {
            b = b.gazetteer_dir(dir);
        }
        match b.build() {
            Ok(x) => Some(x),
            Err(e) => {
                eprintln!("frex: cannot load gazetteers: {e}");
                return EXIT_FATAL;
            }
        }
    } else {
        None
    };
    let format = corpus_format(&args);
    let mut reports = Vec::new();
    let mut suites = Vec::new();
    for path in &args.paths {
        if format.is_none() && looks_like_suite(path) {
            match frex::eval::suites::score_suite(path) {
                Ok(s) => suites.push((path.display().to_string(), s)),
                Err(e) => {
                    eprintln!("frex: {e}");
                    return EXIT_FATAL;
                }
            }
            continue;
        }
        let (format, docs) = match load_gold(path, format) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("frex: {e}");
                return EXIT_FATAL;
            }
        };
        let preds: Vec<Record> = match (&predictions, &extractor) {
            (Some(map), _) => docs
                .iter()
                .map(|d| {
                    map.get(&d.id).cloned().unwrap_or_else(|| {
                        eprintln!(
                            "frex: no prediction for document {:?}; scored as empty",
                            d.id
                        );
                        empty_record(&d.id)
                    })
                })
                .collect(),
            (None, Some(x)) => extract_all(x, &docs, &path.display().to_string()),
            (None, None) => unreachable!("an extractor is built whenever no predictions are given"),
        };
        reports.push(Report {
            corpus: path.display().to_string(),
            format: format.name(),
            predictor: args.predictions.as_ref().map_or_else(
                || format!("frex {}", env!("CARGO_PKG_VERSION")),
                |p| p.display().to_string(),
            ),
            scores: score(&docs, &preds),
        });
    }
    let mut out = String::new();
    match args.format {
        ReportFormat::Table => {
            for (path, kinds) in &suites {
                out.push_str(&suite_table(path, kinds, args.show_errors));
            }
            for r in &reports {
                out.push_str(&r.table());
                out.push('\n');
                if args.show_errors {
                    out.push_str(
                        "errors (document, layer, error, text [span], detail, context):\n",
                    );
                    out.push_str(&r.errors_text());
                    out.push('\n');
                }
            }
        }
        ReportFormat::Json => {
            let mut v: Vec<_> = reports.iter().map(|r| r.json(args.show_errors)).collect();
            for (path, kinds) in &suites {
                let mut kinds_json = serde_json::Map::new();
                for (k, s) in kinds {
                    let mut o = serde_json::json!({
                        "in_scope": s.in_scope, "passed": s.passed, "policy": s.policy,
                        "out_of_scope": s.out_of_scope, "pass_rate": s.pass_rate(),
                        "pass_rate_policy_aside": s.pass_rate_policy_aside(),
                    });
                    if args.show_errors {
                        o["failures"] = serde_json::json!(s.failures);
                    }
                    kinds_json.insert(k.clone(), o);
                }
                v.push(serde_json::json!({"corpus": path, "format": "suite", "kinds": kinds_json}));
            }
            out.push_str(&serde_json::to_string_pretty(&v).expect("reports are plain JSON values"));
            out.push('\n');
        }
    }
    // A closed stdout (`frex eval … | head`) is not an error.
    {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(out.as_bytes())
            .and_then(|()| stdout.flush())
        {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("frex: cannot write the report: {e}");
                return EXIT_FATAL;
            }
        }
    }
    let mut failed = false;
    if let Some(Floors(floors)) = &args.min_f1 {
        for r in &reports {
            for (metric, floor) in floors {
                match r.metric(metric) {
                    Some(v) if v + 1e-9 < *floor => {
                        eprintln!(
                            "frex: {}: {metric} = {v:.3}, below the floor {floor:.3}",
                            r.corpus
                        );
                        failed = true;
                    }
                    Some(_) => {}
                    None => eprintln!(
                        "frex: {}: {metric} is not annotated in this corpus; floor not checked",
                        r.corpus
                    ),
                }
            }
        }
    }
    if failed {
        EXIT_SKIPPED
    } else {
        EXIT_OK
    }
}

fn looks_like_suite(path: &std::path::Path) -> bool {
    use std::io::BufRead;
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let first = std::io::BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .find(|l| !l.trim().is_empty());
    first
        .and_then(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .is_some_and(|v| frex::eval::suites::is_suite(&v))
}

fn suite_table(
    path: &str,
    kinds: &std::collections::BTreeMap<String, frex::eval::suites::KindScore>,
    show_errors: bool,
) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "suite {path}\n{:<42} {:>8} {:>7} {:>7} {:>9} {:>14} {:>12}\n",
        "kind", "in scope", "passed", "policy", "pass rate", "policy aside", "out of scope"
    );
    for (k, s) in kinds {
        let rate = |r: f64, n: usize| {
            if n == 0 {
                "-".to_string()
            } else {
                format!("{:.1}%", 100.0 * r)
            }
        };
        let _ = writeln!(
            out,
            "{k:<42} {:>8} {:>7} {:>7} {:>9} {:>14} {:>12}",
            s.in_scope,
            s.passed,
            s.policy,
            rate(s.pass_rate(), s.in_scope),
            rate(s.pass_rate_policy_aside(), s.in_scope - s.policy),
            s.out_of_scope
        );
    }
    if show_errors {
        for (k, s) in kinds {
            for f in &s.failures {
                let _ = writeln!(out, "  {k}\t{f}");
            }
        }
    }
    out.push('\n');
    out
}

fn corpus_format(args: &EvalArgs) -> Option<CorpusFormat> {
    args.corpus.map(|c| match c {
        CorpusArg::Fixtures => CorpusFormat::Fixtures,
        CorpusArg::Ner => CorpusFormat::Ner,
        CorpusArg::Timebank => CorpusFormat::Timebank,
    })
}

fn export_docs(args: &EvalArgs, out: &std::path::Path) -> i32 {
    let mut lines = String::new();
    for path in &args.paths {
        match load_gold(path, corpus_format(args)) {
            Ok((_, docs)) => {
                for d in docs {
                    let v = serde_json::json!({
                        "id": d.id,
                        "text": d.body,
                        "published": d.published.map(|p| p.format("%Y-%m-%dT%H:%M:%S").to_string()),
                    });
                    lines.push_str(&v.to_string());
                    lines.push('\n');
                }
            }
            Err(e) => {
                eprintln!("frex: {e}");
                return EXIT_FATAL;
            }
        }
    }
    if let Err(e) = std::fs::write(out, lines) {
        eprintln!("frex: cannot write {}: {e}", out.display());
        return EXIT_FATAL;
    }
    EXIT_OK
}

fn empty_record(id: &str) -> Record {
    Record {
        id: id.to_string(),
        source: String::new(),
        published: None,
        title: None,
        text: None,
        entities: Vec::new(),
        dates: Vec::new(),
        casualties: Vec::new(),
        summary: Default::default(),
        warnings: Vec::new(),
    }
}
