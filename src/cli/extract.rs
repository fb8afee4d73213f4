//! `frex extract`: stream inputs in batches, extract each batch in
//! parallel, write records in input order.
//!
//! Memory stays bounded by one batch (a few hundred articles or a few tens
//! of MB of text), whatever the size of the input; the output is the same
//! for any number of threads because each batch is written in order.

use std::fs::File;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use frex::input::{InputFormat, Inputs};
use frex::{Article, Extractor};

use super::output::RecordWriter;
use super::{ExtractArgs, InputFormatArg, Progress, EXIT_FATAL, EXIT_OK, EXIT_SKIPPED};

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
    let mut closed = false;
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
                    if run.write(p).is_err() {
                        closed = true;
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
            closed = run.write(p).is_err();
        }
    });
    if closed {
        return run.closed_output();
    }
    let (written, skipped) = (run.written, run.skipped);
    // Freeing a quarter of a million gazetteer strings one by one only
    // delays the exit: the process's memory goes back to the system anyway.
    std::mem::forget(extractor);
    progress.finish();
    if let Err(e) = writer.finish() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
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

/// A batch being extracted on the pool: its articles and rendered records.
type Pending = std::sync::mpsc::Receiver<(Vec<Article>, Vec<std::io::Result<Vec<u8>>>)>;

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
            let rendered: Vec<std::io::Result<Vec<u8>>> = batch
                .par_iter()
                .map(|a| RecordWriter::render(format, &extractor.extract(a)))
                .collect();
            // The receiver is gone only when the run ended on a closed output.
            let _ = tx.send((batch, rendered));
        });
        rx
    }

    /// Waits for a batch started by [`Run::spawn`] and writes its records
    /// in input order. An error is a write error (a closed stdout, a full
    /// disk).
    fn write(&mut self, pending: Pending) -> std::io::Result<()> {
        let (batch, rendered) = pending
            .recv()
            .expect("an extraction job sends its batch unless it panicked");
        let bytes: usize = batch.iter().map(|a| a.body.len()).sum();
        for (article, record) in batch.iter().zip(rendered) {
            if !self.quiet {
                for w in &article.warnings {
                    self.progress
                        .suspend(|| eprintln!("frex: {}: warning: {w}", article.source));
                }
            }
            self.writer.write_rendered(&record?)?;
            self.written += 1;
        }
        self.progress.advance(batch.len(), bytes);
        Ok(())
    }

    /// A closed stdout (`frex extract … | head`) ends the run quietly;
    /// another write error is fatal.
    fn closed_output(&mut self) -> i32 {
        self.progress.finish();
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
