//! Precompiles the embedded gazetteers (`gazetteers/*.tsv`) into the
//! matcher's index, so `Extractor::new` deserialises flat tables instead
//! of parsing 55,000 entries and normalising 200,000 aliases at every
//! start.
//!
//! The build script compiles the library's own modules for this (the
//! normalisation function, the TSV parser, the index builder), so the
//! embedded index is exactly what a run-time compile of the same files
//! gives; a test checks the two agree byte for byte.

#![allow(dead_code)]

#[path = "src/gazetteer/entry.rs"]
mod entry;
#[path = "src/error.rs"]
mod error;
#[path = "src/gazetteer/index.rs"]
mod index;
#[path = "src/normalize.rs"]
mod normalize;
#[path = "src/gazetteer/tsv.rs"]
mod tsv;

use std::path::{Path, PathBuf};

use entry::{Entry, EntryType};

/// The embedded files, in the order `src/gazetteer/mod.rs` lists them:
/// entry indices (and so tie-breaks between equal priorities) follow it.
const FILES: &[&str] = &["places.tsv", "groups.tsv", "people.tsv", "demonyms.tsv"];

fn main() {
    for src in [
        "build.rs",
        "src/gazetteer/entry.rs",
        "src/gazetteer/index.rs",
        "src/gazetteer/tsv.rs",
        "src/normalize.rs",
        "src/error.rs",
        "gazetteers/stopwords.txt",
        "gazetteers/given-names.tsv",
    ] {
        println!("cargo:rerun-if-changed={src}");
    }
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dir = root.join("gazetteers");
    let mut entries: Vec<Entry> = Vec::new();
    let mut pre = index::Precompiled::default();
    for (f, name) in FILES.iter().enumerate() {
        println!("cargo:rerun-if-changed=gazetteers/{name}");
        let path = dir.join(name);
        let text = read(&path);
        let located = tsv::parse_tsv_located(&format!("gazetteers/{name}"), &text)
            .unwrap_or_else(|e| fail(&e.to_string()));
        for (e, offset) in located {
            entries.push(e);
            pre.entry_file.push(f as u8);
            pre.entry_offset.push(offset);
        }
    }
    entry::check_unique_ids(&entries).unwrap_or_else(|e| fail(&e));
    let (fst, tables) = index::build(&entries);
    pre.tables = tables;
    pre.stopwords = tsv::parse_stopwords(&read(&dir.join("stopwords.txt")));
    let given = dir.join("given-names.tsv");
    pre.given_names = tsv::parse_given_names("gazetteers/given-names.tsv", &read(&given))
        .unwrap_or_else(|e| fail(&e.to_string()));
    pre.demonyms = entry::demonym_keys(&entries);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write(&out.join("gazetteer.fst"), &fst);
    // The filter and the key table are embedded as they are (they are
    // not serialised), the other large arrays as raw little-endian bytes.
    write(&out.join("gazetteer.filter"), &pre.tables.filter);
    write(&out.join("gazetteer.key_bytes"), &pre.tables.key_bytes);
    write(&out.join("gazetteer.key_start"), &pre.tables.key_start);
    write(&out.join("gazetteer.slots"), &pre.tables.slots);
    write(&out.join("gazetteer.arrays"), &pre.take_arrays());
    let tables = postcard::to_allocvec(&pre).expect("serialising plain tables cannot fail");
    write(&out.join("gazetteer.tables"), &tables);
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())))
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("error: embedded gazetteer: {message}");
    std::process::exit(1)
}
