//! Streaming readers: paths (files, directories, `-` for stdin) in, one
//! `Result<Article>` at a time out.
//!
//! Nothing is read ahead beyond the current JSONL line or text file, so a
//! 10 GB dump runs in memory that does not grow with its size. A bad input
//! (unreadable file, invalid UTF-8, malformed JSON line, empty or oversized
//! article) yields an `Err` naming it, and iteration goes on with the next.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::article::{parse_json_line, parse_raw, Article};
use crate::error::{Error, Result};

/// How to read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// `.jsonl`/`.ndjson` files are JSON Lines, other files raw text; stdin
    /// is JSON Lines when its first non-blank byte is `{`.
    #[default]
    Auto,
    /// One raw article per file (or the whole of stdin).
    Text,
    /// One JSON object per line.
    Jsonl,
}

/// The default size limit of one article: larger ones are reported and
/// skipped rather than allowed to stall a batch.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 10 * 1024 * 1024;

enum Source {
    Path(PathBuf),
    Stdin,
}

struct JsonlReader {
    reader: Box<dyn BufRead + Send>,
    /// `path` or `stdin`, prefix of `origin:line`.
    name: String,
    line: usize,
}

/// An iterator of articles over a list of inputs, in order.
pub struct Inputs {
    pending: VecDeque<Source>,
    current: Option<JsonlReader>,
    format: InputFormat,
    max_bytes: usize,
    buf: Vec<u8>,
}

impl Inputs {
    /// Reads `paths` in order; `-` is stdin; no path at all means stdin.
    pub fn new(paths: &[PathBuf], format: InputFormat, max_bytes: usize) -> Inputs {
        let mut pending: VecDeque<Source> = paths
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Source::Stdin
                } else {
                    Source::Path(p.clone())
                }
            })
            .collect();
        if pending.is_empty() {
            pending.push_back(Source::Stdin);
        }
        Inputs {
            pending,
            current: None,
            format,
            max_bytes,
            buf: Vec::new(),
        }
    }

    fn next_jsonl(&mut self) -> Option<Result<Article>> {
        let cur = self.current.as_mut()?;
        loop {
            self.buf.clear();
            cur.line += 1;
            let origin = format!("{}:{}", cur.name, cur.line);
            match read_line_limited(&mut cur.reader, &mut self.buf, self.max_bytes) {
                Ok(0) => {
                    self.current = None;
                    return None;
                }
                Ok(_) if self.buf.len() > self.max_bytes => {
                    return Some(Err(too_large(&origin, self.max_bytes)));
                }
                Ok(_) => {}
                Err(e) => {
                    let err = Error::input(&origin, format!("read error: {e}"));
                    self.current = None;
                    return Some(Err(err));
                }
            }
            let line = match std::str::from_utf8(&self.buf) {
                Ok(s) => s.trim(),
                Err(e) => {
                    return Some(Err(Error::input(
                        &origin,
                        format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                    )))
                }
            };
            if line.is_empty() {
                continue;
            }
            return Some(parse_json_line(line, &origin, &origin));
        }
    }

    fn open_path(&mut self, path: PathBuf) -> Option<Result<Article>> {
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(Err(Error::io(path, e))),
        };
        if meta.is_dir() {
            return match article_files(&path) {
                Ok(files) if files.is_empty() => Some(Err(Error::input(
                    path.display().to_string(),
                    "directory holds no article file",
                ))),
                Ok(files) => {
                    for f in files.into_iter().rev() {
                        self.pending.push_front(Source::Path(f));
                    }
                    None
                }
                Err(e) => Some(Err(e)),
            };
        }
        let jsonl = match self.format {
            InputFormat::Jsonl => true,
            InputFormat::Text => false,
            InputFormat::Auto => matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("jsonl" | "ndjson")
            ),
        };
        let name = path.display().to_string();
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => return Some(Err(Error::io(path, e))),
        };
        if jsonl {
            self.current = Some(JsonlReader {
                reader: Box::new(BufReader::new(file)),
                name,
                line: 0,
            });
            return None;
        }
        if meta.len() > self.max_bytes as u64 {
            return Some(Err(too_large(&name, self.max_bytes)));
        }
        let stem = path
            .file_stem()
            .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
        Some(read_text(file, &name, &stem, self.max_bytes))
    }

    fn open_stdin(&mut self) -> Option<Result<Article>> {
        let stdin = std::io::stdin();
        let mut reader = BufReader::new(stdin);
        let jsonl = match self.format {
            InputFormat::Jsonl => true,
            InputFormat::Text => false,
            InputFormat::Auto => match first_non_blank(&mut reader) {
                Ok(b) => b == Some(b'{'),
                Err(e) => return Some(Err(Error::input("stdin", format!("read error: {e}")))),
            },
        };
        if jsonl {
            self.current = Some(JsonlReader {
                reader: Box::new(reader),
                name: "stdin".into(),
                line: 0,
            });
            return None;
        }
        Some(read_text(reader, "stdin", "stdin", self.max_bytes))
    }
}

impl Iterator for Inputs {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        loop {
            if self.current.is_some() {
                if let Some(item) = self.next_jsonl() {
                    return Some(item);
                }
                continue;
            }
            let item = match self.pending.pop_front()? {
                Source::Path(p) => self.open_path(p),
                Source::Stdin => self.open_stdin(),
            };
            if item.is_some() {
                return item;
            }
        }
    }
}

/// Every regular file below `dir`, in a stable (sorted) order, hidden
/// files and directories left out.
pub fn article_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let io = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("directory loop"));
            Error::io(path, io)
        })?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn read_text(reader: impl Read, name: &str, stem: &str, max: usize) -> Result<Article> {
    let mut bytes = Vec::new();
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::input(name, format!("read error: {e}")))?;
    if bytes.len() > max {
        return Err(too_large(name, max));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::input(
            name,
            format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })?;
    parse_raw(&text, name, stem)
}

fn too_large(origin: &str, max: usize) -> Error {
    Error::input(
        origin,
        format!("article larger than the limit of {max} bytes (see --max-article-bytes); skipped"),
    )
}

/// Peeks the first byte that is not ASCII white space, without consuming it.
fn first_non_blank(r: &mut impl BufRead) -> std::io::Result<Option<u8>> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => return Ok(Some(buf[i])),
            // White space only in this buffer: JSON Lines ignore it, and a
            // text article's leading blank lines carry no offsets we keep
            // only if it is text; both readers accept it consumed.
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

/// Reads one line (without its `\n`) into `buf`, storing at most `max + 1`
/// bytes of it so a pathological line cannot exhaust memory; the caller
/// sees `buf.len() > max`. Returns the bytes consumed (0 at end of input).
fn read_line_limited(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<usize> {
    let mut consumed = 0;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(consumed);
        }
        // memchr rather than a byte loop: this scan reads every input byte,
        // and a line is a whole article.
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let content = if done {
            &chunk[..take - 1]
        } else {
            &chunk[..take]
        };
        let room = (max + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&content[..content.len().min(room)]);
        r.consume(take);
        consumed += take;
        if done {
            return Ok(consumed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_not_stored() {
        let data = format!("{}\nshort\n", "x".repeat(100));
        let mut r = std::io::Cursor::new(data.into_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), 101);
        assert_eq!(buf.len(), 11);
        buf.clear();
        read_line_limited(&mut r, &mut buf, 10).unwrap();
        assert_eq!(buf, b"short");
        buf.clear();
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), 0);
    }
}
