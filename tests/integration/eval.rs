//! `frex eval`: formats, gates, other tools' predictions, bad corpora.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::Value;

fn frex(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frex"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// A two-document NER corpus in span JSONL (our own sentences).
const NER: &str = r#"{"id": "d1", "text": "Le maire de Gao a reçu Amadou Touré.", "entities": [{"start": 12, "end": 15, "label": "LOC"}, {"start": 23, "end": 35, "type": "PER"}]}
{"id": "d2", "text": "La Cédéao se réunit à Abuja.", "entities": [{"start": 3, "end": 9, "type": "ORG"}, {"start": 22, "end": 27, "type": "LOC"}, {"start": 0, "end": 2, "type": "time"}]}
"#;

#[test]
fn fixtures_table_and_json() {
    let golds =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gold"))
            .unwrap()
            .count();
    let out = frex(&["eval", "fixtures/"]);
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    let documents = format!("{golds} documents");
    for needle in [
        "person",
        "place",
        "group",
        "micro",
        "dates",
        "casualties",
        documents.as_str(),
    ] {
        assert!(table.contains(needle), "{needle} missing from\n{table}");
    }
    let out = frex(&["eval", "fixtures/", "--format", "json", "--show-errors"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v[0];
    assert_eq!(r["documents"], golds);
    assert!(r["entities"]["document"]["person"]["f1"].as_f64().unwrap() > 0.5);
    assert!(r["errors"].is_array());
}

#[test]
fn floors_gate_the_exit_code() {
    let out = frex(&["eval", "fixtures/", "--min-f1", "person=0.5,casualties=0.5"]);
    assert_eq!(out.status.code(), Some(0));
    let out = frex(&["eval", "fixtures/", "--min-f1", "place=1.01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("place ="),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = frex(&["eval", "fixtures/", "--min-f1", "persons=0.5"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown metric is a usage error"
    );
}

#[test]
fn other_tools_are_scored_from_their_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("ner.jsonl");
    std::fs::write(&gold, NER).unwrap();
    // d1: one right person, one wrong-type mention; d2: nothing predicted.
    let preds = dir.path().join("preds.jsonl");
    std::fs::write(
        &preds,
        r#"{"id": "d1", "entities": [{"type": "person", "text": "Amadou Touré", "start": 23, "end": 35, "canonical": "Amadou Touré", "id": null, "source": "context"}, {"type": "group", "text": "Gao", "start": 12, "end": 15, "canonical": "Gao", "id": null, "source": "context"}]}
"#,
    )
    .unwrap();
    let out = frex(&[
        "eval",
        gold.to_str().unwrap(),
        "--predictions",
        preds.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("no prediction for document \"d2\""));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = &v[0]["entities"]["mention"];
    assert_eq!(
        (
            m["person"]["tp"].as_u64(),
            m["person"]["fp"].as_u64(),
            m["person"]["fn"].as_u64()
        ),
        (Some(1), Some(0), Some(0))
    );
    assert_eq!(
        (m["place"]["tp"].as_u64(), m["place"]["fn"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!(
        (m["group"]["fp"].as_u64(), m["group"]["fn"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        v[0]["dates"],
        Value::Null,
        "an NER corpus has no date layer"
    );

    // --export-docs gives exactly the ids and bodies to annotate.
    let docs = dir.path().join("docs.jsonl");
    let out = frex(&[
        "eval",
        gold.to_str().unwrap(),
        "--export-docs",
        docs.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let exported: Vec<Value> = std::fs::read_to_string(&docs)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(exported[1]["id"], "d2");
    assert_eq!(exported[1]["text"], "La Cédéao se réunit à Abuja.");
}

#[test]
fn expression_suites_report_pass_rates() {
    let dir = tempfile::tempdir().unwrap();
    let suite = dir.path().join("suite.jsonl");
    std::fs::write(
        &suite,
        r#"{"text": "quarante-deux", "expected": {"value": 42}, "kind": "duckling.Numeral"}
{"text": "3e", "expected": {"value": 3}, "kind": "duckling.Ordinal"}
{"text": "hier", "expected": {"type": "value", "value": "2013-02-11T00:00:00-02:00", "grain": "day"}, "reference_time": "2013-02-12T04:30:00-02:00", "kind": "duckling.Time", "negative": false}
{"text": "mardi prochain", "expected": {"type": "value", "value": "2013-02-19T00:00:00-02:00", "grain": "day"}, "reference_time": "2013-02-12T04:30:00-02:00", "kind": "duckling.Time", "negative": false}
{"text": "vingt euros", "expected": {"value": 20}, "kind": "duckling.AmountOfMoney"}
"#,
    )
    .unwrap();
    let out = frex(&["eval", suite.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let k = &v[0]["kinds"];
    assert_eq!(k["duckling.Numeral"]["passed"], 1);
    assert_eq!(k["duckling.Ordinal"]["passed"], 1);
    assert_eq!(k["duckling.Time"]["in_scope"], 2);
    assert_eq!(k["duckling.Time"]["passed"], 2);
    assert_eq!(k["duckling.AmountOfMoney"]["out_of_scope"], 1);
}

#[test]
fn a_file_that_is_no_corpus_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.jsonl");
    std::fs::write(&bad, "{\"hello\": 1}\n").unwrap();
    let out = frex(&["eval", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("notes.jsonl") && err.contains("not a gold corpus"),
        "{err}"
    );
    let out = frex(&["eval", "/nonexistent/gold.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn closed_stdout_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frex"))
        .args(["eval", "fixtures/", "--show-errors"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with("corpus fixtures/"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// The public corpora, when `../shared` is beside the repo: measured, not
/// gated (their figures are in benches/ACCURACY.md).
#[test]
fn shared_corpora_load_when_present() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/ner/sequoia-estrepublicain-dev.jsonl");
    if !shared.exists() {
        eprintln!("skipped: ../shared is absent, the public corpora are not checked");
        return;
    }
    let out = frex(&["eval", shared.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["documents"], 74);
}
