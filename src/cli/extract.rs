//! `frex extract`: stream inputs in batches, extract each batch in
//! parallel, write records in input order.
//!
//! Memory stays bounded by one batch (a few hundred articles or a few tens
//! of MB of text), whatever the size of the input; the output is the same
//! for any number of threads because each batch is written in order.

use std::fs::File;
use std::io::{ErrorKind, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use frex::input::{InputFormat, Inputs};
use frex::{Article, Extractor, Record};

use super::output::RecordWriter;
use super::{
    ExtractArgs, InputFormatArg, OutputFormat, Progress, EXIT_FATAL, EXIT_OK, EXIT_SKIPPED,
};

const BATCH_ARTICLES: usize = 512;
const BATCH_BYTES: usize = 32 * 1024 * 1024;

pub fn run(args: ExtractArgs) -> i32 {
    if let Some(n) = args.threads {
        // Only fails if a global pool exists already, which nothing else builds.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let mut builder = Extractor::builder()
        .reference_date(args.reference_date)
        .include_text(args.include_text);
    if let Some(dir) = &args.gazetteers {
        builder = builder.gazetteer_dir(dir);
    }
    let extractor = match builder.build() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("frex: cannot load gazetteers: {e}");
            return EXIT_FATAL;
        }
    };
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("frex: cannot create {}: {e}", path.display());
                return EXIT_FATAL;
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = RecordWriter::new(sink, args.format);
    let format = match args.input_format {
        InputFormatArg::Auto => InputFormat::Auto,
        InputFormatArg::Text => InputFormat::Text,
        InputFormatArg::Jsonl => InputFormat::Jsonl,
    };
    let progress = ProgressReporter::new(args.progress);
    let mut run = Run {
        extractor: &extractor,
        writer: &mut writer,
        progress: &progress,
        quiet: args.quiet,
        written: 0,
        skipped: 0,
    };
    // The main thread reads and parses the next batch and writes the
    // previous one while the pool extracts the current one: reading JSON
    // Lines and writing records are serial work, and with them in line
    // the workers would wait for them at every batch.
    let mut failed: Option<std::io::Error> = None;
    rayon::in_place_scope(|scope| {
        let mut pending: Option<Pending> = None;
        let mut batch: Vec<Article> = Vec::new();
        let mut batch_bytes = 0;
        let mut inputs = Inputs::new(&args.paths, format, args.max_article_bytes);
        loop {
            let item = inputs.next();
            let full = batch.len() >= BATCH_ARTICLES || batch_bytes >= BATCH_BYTES;
            if full || (item.is_none() && !batch.is_empty()) {
                if let Some(p) = pending.take() {
                    if let Err(e) = run.write(p) {
                        failed = Some(e);
                        return;
                    }
                }
                pending = Some(run.spawn(scope, std::mem::take(&mut batch)));
                batch_bytes = 0;
            }
            match item {
                None => break,
                Some(Ok(article)) => {
                    batch_bytes += article.body.len();
                    batch.push(article);
                }
                Some(Err(e)) => {
                    run.skipped += 1;
                    if !args.quiet {
                        progress.suspend(|| eprintln!("frex: {e}"));
                    }
                }
            }
        }
        if let Some(p) = pending.take() {
            failed = run.write(p).err();
        }
    });
    if let Some(e) = failed {
        return run.write_failed(e);
    }
    let (written, skipped) = (run.written, run.skipped);
    // Freeing a quarter of a million gazetteer strings one by one only
    // delays the exit: the process's memory goes back to the system anyway.
    std::mem::forget(extractor);
    progress.finish();
    if let Err(e) = writer.finish() {
        if e.kind() != ErrorKind::BrokenPipe {
            eprintln!("frex: cannot write output: {e}");
            return EXIT_FATAL;
        }
    }
    match (written, skipped) {
        (_, 0) => EXIT_OK,
        (0, _) => EXIT_FATAL,
        _ => EXIT_SKIPPED,
    }
}

/// A batch being extracted on the pool: its articles and what became of
/// each.
type Pending = std::sync::mpsc::Receiver<(Vec<Article>, Vec<Outcome>)>;

/// What a worker made of one article.
#[derive(Debug)]
enum Outcome {
    /// The record, rendered in the run's format.
    Rendered(Vec<u8>),
    /// Rendering failed: only the pretty view can, and only through its
    /// formatter; the run treats it as a write error.
    Unrendered(std::io::Error),
    /// Extraction panicked, with this message. That is a bug in frex, but
    /// one article's bug must not cost the others of its file or batch
    /// their records: the article is skipped with an error naming it.
    Panicked(String),
}

/// Extracts each article of `batch` with `extract` in parallel and renders
/// its record, in batch order. `extract` is a parameter so tests can give
/// one that panics.
fn render_batch(
    batch: &[Article],
    format: OutputFormat,
    extract: impl Fn(&Article) -> Record + Sync,
) -> Vec<Outcome> {
    batch
        .par_iter()
        .map(|a| match catch_unwind(AssertUnwindSafe(|| extract(a))) {
            Ok(record) => match RecordWriter::render(format, &record) {
                Ok(bytes) => Outcome::Rendered(bytes),
                Err(e) => Outcome::Unrendered(e),
            },
            Err(payload) => Outcome::Panicked(panic_message(payload.as_ref())),
        })
        .collect()
}

/// A panic's message: its payload when that is a string, as `panic!`
/// makes it.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

struct Run<'a> {
    extractor: &'a Extractor,
    writer: &'a mut RecordWriter,
    progress: &'a ProgressReporter,
    quiet: bool,
    written: usize,
    skipped: usize,
}

impl<'a> Run<'a> {
    /// Starts extracting `batch` on the pool; [`Run::write`] waits for it.
    fn spawn<'s>(&self, scope: &rayon::Scope<'s>, batch: Vec<Article>) -> Pending
    where
        'a: 's,
    {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let extractor = self.extractor;
        let format = self.writer.format();
        scope.spawn(move |_| {
            // Workers render their records too: serialising is a good part
            // of the work per article, and the writer alone would leave the
            // other threads idle while it ran.
            let outcomes = render_batch(&batch, format, |a| extractor.extract(a));
            // The receiver is gone only when the run ended on a write error.
            let _ = tx.send((batch, outcomes));
        });
        rx
    }

    /// Waits for a batch started by [`Run::spawn`] and writes its records
    /// in input order; an article whose extraction panicked is reported
    /// and skipped. An error is a write error (a closed stdout, a full
    /// disk).
    fn write(&mut self, pending: Pending) -> std::io::Result<()> {
        let (batch, outcomes) = pending
            .recv()
            .expect("an extraction job catches panics and always sends its batch");
        let bytes: usize = batch.iter().map(|a| a.body.len()).sum();
        for (article, outcome) in batch.iter().zip(outcomes) {
            if !self.quiet {
                for w in &article.warnings {
                    self.progress
                        .suspend(|| eprintln!("frex: {}: warning: {w}", article.source));
                }
            }
            match outcome {
                Outcome::Rendered(bytes) => {
                    self.writer.write_rendered(&bytes)?;
                    self.written += 1;
                }
                Outcome::Unrendered(e) => return Err(e),
                Outcome::Panicked(message) => {
                    self.skipped += 1;
                    if !self.quiet {
                        self.progress.suspend(|| {
                            eprintln!(
                                "frex: {}: article {}: internal error, no record written \
                                 (a bug in frex, please report it with this article): {message}",
                                article.source, article.id
                            )
                        });
                    }
                }
            }
        }
        self.progress.advance(batch.len(), bytes);
        Ok(())
    }

    /// Ends a run whose output failed with `e`. A closed stdout
    /// (`frex extract … | head`) ends it quietly, as the reader asked for
    /// no more; any other write error (a full disk) lost records, so it is
    /// fatal and said.
    fn write_failed(&mut self, e: std::io::Error) -> i32 {
        self.progress.finish();
        if e.kind() != ErrorKind::BrokenPipe {
            eprintln!("frex: cannot write output: {e}");
            return EXIT_FATAL;
        }
        if self.skipped > 0 {
            EXIT_SKIPPED
        } else {
            EXIT_OK
        }
    }
}

/// A progress bar on stderr that appears only on a terminal, and only once
/// the run has lasted long enough to be worth watching.
struct ProgressReporter {
    bar: ProgressBar,
    started: Instant,
    mode: Progress,
    shown: std::cell::Cell<bool>,
    bytes: std::cell::Cell<usize>,
}

impl ProgressReporter {
    fn new(mode: Progress) -> ProgressReporter {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} articles, {msg} [{elapsed_precise}]")
                .expect("the progress template is a valid constant"),
        );
        ProgressReporter {
            bar,
            started: Instant::now(),
            mode,
            shown: std::cell::Cell::new(false),
            bytes: std::cell::Cell::new(0),
        }
    }

    fn advance(&self, articles: usize, bytes: usize) {
        let wanted = match self.mode {
            Progress::Never => false,
            Progress::Always => true,
            Progress::Auto => {
                std::io::stderr().is_terminal()
                    && self.started.elapsed() > Duration::from_millis(500)
            }
        };
        if wanted && !self.shown.get() {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown.set(true);
        }
        self.bar.inc(articles as u64);
        self.bytes.set(self.bytes.get() + bytes);
        self.bar
            .set_message(format!("{:.1} MB", self.bytes.get() as f64 / 1e6));
    }

    fn suspend(&self, f: impl FnOnce()) {
        self.bar.suspend(f)
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, body: &str) -> Article {
        Article {
            id: id.to_string(),
            source: format!("stdin:{id}"),
            published: None,
            title: None,
            body: body.to_string(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn a_panicking_article_costs_only_its_own_record() {
        let extractor = Extractor::new().unwrap();
        let batch = [
            article("a", "Au moins 70 morts à Bamako mardi."),
            article("b", "Ce texte-ci fait échouer l'extraction."),
            article("c", "Trois soldats ont été tués à Gao."),
        ];
        let outcomes = render_batch(&batch, OutputFormat::Jsonl, |a| {
            if a.id == "b" {
                panic!("rule bug on article {}", a.id);
            }
            extractor.extract(a)
        });
        assert_eq!(outcomes.len(), 3, "one outcome per article, in order");
        for (i, id) in [(0, "a"), (2, "c")] {
            let Outcome::Rendered(bytes) = &outcomes[i] else {
                panic!("article {id} keeps its record: {:?}", outcomes[i]);
            };
            let record: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            assert_eq!(record["id"], id);
            assert!(!record["casualties"].as_array().unwrap().is_empty());
        }
        match &outcomes[1] {
            Outcome::Panicked(message) => assert_eq!(message, "rule bug on article b"),
            other => panic!("article b's panic is caught and reported: {other:?}"),
        }
    }

    #[test]
    fn panic_messages_are_read_from_either_payload() {
        let literal = catch_unwind(|| panic!("plain")).unwrap_err();
        let formatted = catch_unwind(|| panic!("formatted {}", 7)).unwrap_err();
        let other = catch_unwind(|| std::panic::panic_any(7u8)).unwrap_err();
        assert_eq!(panic_message(literal.as_ref()), "plain");
        assert_eq!(panic_message(formatted.as_ref()), "formatted 7");
        assert_eq!(panic_message(other.as_ref()), "a panic without a message");
    }
}
