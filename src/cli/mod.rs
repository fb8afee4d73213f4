//! Command-line interface.

mod eval;
mod extract;
mod output;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit codes: what a pipeline can rely on.
pub const EXIT_OK: i32 = 0;
/// Some inputs were skipped (each reported on stderr); the others have
/// records. For `eval`: a metric fell below its `--min-f1` floor.
pub const EXIT_SKIPPED: i32 = 1;
/// Nothing could run: bad arguments, unloadable gazetteers, no readable input.
pub const EXIT_FATAL: i32 = 2;

#[derive(Parser)]
#[command(
    name = "frex",
    version,
    about = "French news articles in, people, places, groups, dates and casualty figures out (JSON)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one JSON record per article.
    Extract(ExtractArgs),
    /// Measure extraction accuracy against annotated gold.
    Eval(eval::EvalArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    Auto,
    Text,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
    /// A human-readable view for a terminal.
    Pretty,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Progress {
    /// On a terminal, when the run takes more than a moment.
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files, directories (read recursively) or `-` for stdin; none means stdin.
    pub paths: Vec<PathBuf>,
    /// How to read inputs: auto (`.jsonl` → JSON Lines, else raw text;
    /// stdin → JSON Lines when it starts with `{`), text or jsonl.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormatArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "jsonl")]
    pub format: OutputFormat,
    /// Write records to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Resolve relative dates against this date (YYYY-MM-DD) when an
    /// article has no publication date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub reference_date: Option<chrono::NaiveDate>,
    /// Add the article body to each record as `text`.
    #[arg(long)]
    pub include_text: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Load gazetteers from DIR instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,
    /// Skip (and report) articles larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = frex::input::DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: usize,
    /// Progress bar on stderr.
    #[arg(long, value_enum, default_value = "auto")]
    pub progress: Progress,
    /// Do not report skipped inputs on stderr (the exit code still says so).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date YYYY-MM-DD"))
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_FATAL } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Eval(args) => eval::run(args),
    }
}
