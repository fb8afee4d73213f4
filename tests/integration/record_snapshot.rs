//! The documented example record (`docs/record.md`) is the record frex
//! produces: a snapshot, reviewed with `cargo insta review` when a rule
//! change moves it.

use std::path::Path;

#[test]
fn documented_example_record() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = "docs/example/news-17032024-094500.txt";
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    let article = frex::article::parse_raw(&text, path, "example").unwrap();
    let record = frex::Extractor::new().unwrap().extract(&article);
    insta::assert_json_snapshot!("documented_example_record", record);
    // The page shows the same record.
    let doc = std::fs::read_to_string(root.join("docs/record.md")).unwrap();
    let shown = doc
        .split("```json\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("docs/record.md shows the example in a json block");
    let shown: serde_json::Value =
        serde_json::from_str(shown).expect("the example in docs/record.md is JSON");
    assert_eq!(
        shown,
        serde_json::to_value(&record).unwrap(),
        "docs/record.md is out of date: regenerate its example"
    );
}
