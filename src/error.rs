//! One error type for everything that can fail while *building* an extractor
//! or *reading* input. Extraction itself never fails: any string is a valid
//! article body and yields a (possibly empty) record.

use std::path::PathBuf;

/// Errors carry the input they concern (file, line) so a user can find it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A gazetteer line could not be parsed.
    #[error("{path}:{line}: {message}")]
    Gazetteer {
        path: String,
        line: usize,
        message: String,
    },
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An input (file or JSONL line) was read but is not a usable article.
    #[error("{origin}: {message}")]
    Input { origin: String, message: String },
    /// A command-line or configuration value is invalid.
    #[error("{0}")]
    Config(String),
}

impl Error {
    pub(crate) fn input(origin: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Input {
            origin: origin.into(),
            message: message.into(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
