//! `frex extract` as users run it: inputs, formats, exit codes, bad input.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const ARTICLE: &str = "news-22092024-142654\n\n### Attaque à Bamako\nMardi, au moins 70 morts ont été recensés à Bamako après l’attaque du Jnim ; l’armée malienne dénombre aussi plus de 200 blessés.\n";

fn frex() -> Command {
    Command::new(env!("CARGO_BIN_EXE_frex"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = frex();
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the frex binary runs");
    if let Some(bytes) = stdin {
        // frex may exit before reading all of stdin (a fatal error): not our concern here.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    child.wait_with_output().unwrap()
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is a JSON record"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn raw_article_file_yields_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", ARTICLE.as_bytes());
    let out = run(&["extract", &path], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r["id"], "news-22092024-142654");
    assert_eq!(r["source"], path.as_str());
    assert_eq!(r["published"], "2024-09-22T14:26:54");
    let places: Vec<&str> = r["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "place")
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(places.contains(&"Bamako"), "{places:?}");
    let killed = r["casualties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "killed")
        .unwrap();
    assert_eq!(killed["min"], 70);
    let injured = r["casualties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "injured")
        .unwrap();
    assert_eq!(injured["min"], 201);
    assert_eq!(r["dates"][0]["value"], "2024-09-17");
}

#[test]
fn directories_are_read_recursively_in_a_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b/2.txt", b"_\n\nDeuxieme texte sur Gao.");
    write(dir.path(), "a.txt", b"_\n\nPremier texte sur Kidal.");
    write(dir.path(), "b/1.txt", b"Un texte sans en-tete sur Mopti.");
    write(dir.path(), ".hidden", b"_\n\nNe pas lire.");
    let out = run(&["extract", dir.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "1", "2"]);
    // A file without a header keeps its whole text as body, offsets from 0.
    let r = &records(&out)[1];
    assert_eq!(r["published"], Value::Null);
}

#[test]
fn jsonl_bad_lines_are_reported_and_the_rest_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = Vec::new();
    data.extend_from_slice(
        b"{\"id\": \"ok1\", \"text\": \"Mardi, a Gao.\", \"published\": \"2024-09-22\"}\n",
    );
    data.extend_from_slice(b"{\"id\": \"broken\", \"text\": \n");
    data.extend_from_slice(b"{\"id\": \"notext\"}\n");
    data.extend_from_slice(b"\n");
    data.extend_from_slice(b"{\"id\": \"empty\", \"text\": \"   \"}\n");
    data.extend_from_slice(b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}\n");
    data.extend_from_slice(b"{\"id\": \"ok2\", \"text\": \"Hier a Kidal.\", \"published\": \"2024-09-22T10:00:00+02:00\"}\n");
    let path = write(dir.path(), "dump.jsonl", &data);
    let out = run(&["extract", &path], None);
    assert_eq!(out.status.code(), Some(1), "some inputs skipped → exit 1");
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["ok1", "ok2"]);
    let err = stderr(&out);
    for (line, what) in [
        (2, "malformed JSON"),
        (3, "missing `text`"),
        (5, "empty article"),
        (6, "invalid UTF-8"),
    ] {
        assert!(
            err.contains(&format!("{path}:{line}: {what}")),
            "line {line} ({what}) not reported in:\n{err}"
        );
    }
    assert_eq!(records(&out)[1]["source"], format!("{path}:7"));
}

#[test]
fn bad_files_are_reported_and_the_rest_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", ARTICLE.as_bytes());
    let latin1 = write(dir.path(), "latin1.txt", b"_\n\nUn caf\xe9 \xe0 Gao.");
    let empty = write(dir.path(), "empty.txt", b"news-22092024-142654\n\n\n");
    let missing = dir.path().join("missing.txt").display().to_string();
    // 20 MB: over the default 10 MB limit.
    let huge = write(
        dir.path(),
        "huge.txt",
        &"Bamako. ".repeat(2_621_440).into_bytes(),
    );
    let out = run(&["extract", &latin1, &good, &empty, &missing, &huge], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 1);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{latin1}: invalid UTF-8 at byte 9")),
        "{err}"
    );
    assert!(err.contains(&format!("{empty}: empty article")), "{err}");
    assert!(err.contains(&missing), "{err}");
    assert!(
        err.contains(&format!("{huge}: article larger than the limit")),
        "{err}"
    );
    assert!(err.lines().count() == 4, "one line per bad input:\n{err}");
}

#[test]
fn nothing_readable_is_exit_2() {
    let out = run(&["extract", "/nonexistent/frex/input.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/frex/input.txt"));
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("directory holds no article file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_arguments_are_exit_2() {
    for args in [
        &["extract", "--format", "xml"][..],
        &["extract", "--reference-date", "22/09/2024"],
        &["nosuchcommand"],
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        &["extract", "--gazetteers", dir.path().to_str().unwrap(), "-"],
        Some(b"x"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no gazetteer file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stdin_is_jsonl_when_it_starts_with_a_brace_else_text() {
    let out = run(
        &["extract"],
        Some(b"\n  {\"id\": \"s1\", \"text\": \"Mardi a Gao.\"}\n{\"text\": \"Kidal.\"}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs[0]["id"], "s1");
    assert_eq!(recs[1]["id"], "stdin:3");
    assert_eq!(recs[1]["source"], "stdin:3");

    let out = run(&["extract", "-"], Some(ARTICLE.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(records(&out)[0]["id"], "news-22092024-142654");

    let out = run(
        &["extract", "--input-format", "text"],
        Some(b"{ pas du JSON, un texte"),
    );
    assert_eq!(records(&out)[0]["id"], "stdin");
}

#[test]
fn reference_date_resolves_undated_articles() {
    let body = b"_\n\nMardi, une attaque a frappe Gao.";
    let out = run(&["extract", "--input-format", "text"], Some(body));
    assert_eq!(records(&out)[0]["dates"][0]["value"], Value::Null);
    let out = run(
        &[
            "extract",
            "--input-format",
            "text",
            "--reference-date",
            "2024-09-22",
        ],
        Some(body),
    );
    assert_eq!(records(&out)[0]["dates"][0]["value"], "2024-09-17");
}

#[test]
fn output_formats() {
    let input = b"{\"id\": \"a\", \"text\": \"Au moins 3 morts a Gao.\"}\n{\"id\": \"b\", \"text\": \"Kidal.\"}\n";
    let out = run(&["extract", "--format", "json"], Some(input));
    let array: Value =
        serde_json::from_slice(&out.stdout).expect("--format json is one JSON array");
    assert_eq!(array.as_array().unwrap().len(), 2);
    let out = run(&["extract", "--format", "json"], Some(b""));
    let array: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(array, Value::Array(vec![]));

    let out = run(&["extract", "--format", "pretty"], Some(input));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("── a (stdin:1)") && text.contains("killed") && text.contains("Gao"),
        "{text}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.jsonl");
    let out = run(
        &["extract", "-o", file.to_str().unwrap(), "--include-text"],
        Some(input),
    );
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    let first: Value = serde_json::from_str(written.lines().next().unwrap()).unwrap();
    assert_eq!(first["text"], "Au moins 3 morts a Gao.");
}

#[test]
fn thread_count_does_not_change_output() {
    let mut input = String::new();
    for i in 0..300 {
        input.push_str(&format!(
            "{{\"id\": \"n{i}\", \"text\": \"Le {} mai, {} soldats ont été tués à Gao par le Jnim.\", \"published\": \"2024-06-01\"}}\n",
            i % 28 + 1,
            i
        ));
    }
    let one = run(&["extract", "-j", "1"], Some(input.as_bytes()));
    let many = run(&["extract", "-j", "4"], Some(input.as_bytes()));
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(records(&one).len(), 300);
}

/// A full disk is no closed pipe: records were lost, so the run says so
/// and fails, whenever the error comes (here after the first buffer).
#[cfg(target_os = "linux")]
#[test]
fn full_disk_is_a_fatal_write_error() {
    let line = "{\"id\": \"x\", \"text\": \"Au moins 70 morts a Bamako mardi.\"}\n";
    let input = line.repeat(2_000);
    let out = run(
        &["extract", "--input-format", "jsonl", "-o", "/dev/full"],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write output: No space left on device"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn closed_stdout_ends_quietly() {
    let line = "{\"id\": \"x\", \"text\": \"Au moins 70 morts a Bamako mardi.\"}\n";
    let input = line.repeat(20_000);
    let mut child = frex()
        .args(["extract", "--input-format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let _ = feeder.join();
    assert!(first.starts_with("{\"id\":\"x\""));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "", "a closed stdout is not an error");
}
