//! Writing records: JSON Lines, one JSON array, or a view for people.

use std::io::{BufWriter, Write};

use frex::record::{Casualty, Record};

use super::OutputFormat;

pub struct RecordWriter {
    out: BufWriter<Box<dyn Write>>,
    format: OutputFormat,
    count: usize,
}

impl RecordWriter {
    pub fn new(out: Box<dyn Write>, format: OutputFormat) -> RecordWriter {
        RecordWriter {
            out: BufWriter::new(out),
            format,
            count: 0,
        }
    }

    /// The bytes [`RecordWriter::write_rendered`] writes for `r`: a pure
    /// function of the record, so workers can render records in parallel
    /// while the writer keeps their order.
    pub fn render(format: OutputFormat, r: &Record) -> std::io::Result<Vec<u8>> {
        // `write_record` reserves what the record needs in one go.
        let mut out = Vec::new();
        match format {
            OutputFormat::Jsonl => {
                frex::json::write_record(&mut out, r);
                out.push(b'\n');
            }
            OutputFormat::Json => frex::json::write_record(&mut out, r),
            OutputFormat::Pretty => pretty(&mut out, r)?,
        }
        Ok(out)
    }

    /// Writes one record rendered by [`RecordWriter::render`] with this
    /// writer's format.
    pub fn write_rendered(&mut self, rendered: &[u8]) -> std::io::Result<()> {
        if self.format == OutputFormat::Json {
            self.out
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        }
        self.out.write_all(rendered)?;
        self.count += 1;
        Ok(())
    }

    pub fn format(&self) -> OutputFormat {
        self.format
    }

    /// Closes the JSON array and flushes.
    pub fn finish(&mut self) -> std::io::Result<()> {
        if self.format == OutputFormat::Json {
            self.out
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

fn pretty(out: &mut impl Write, r: &Record) -> std::io::Result<()> {
    writeln!(out, "── {} ({})", r.id, r.source)?;
    writeln!(
        out,
        "   published: {}",
        r.published.as_deref().unwrap_or("unknown")
    )?;
    writeln!(out, "   entities ({}):", r.entities.len())?;
    for e in &r.entities {
        let id = e.id.as_deref().unwrap_or("-");
        let canon = if e.canonical == e.text {
            String::new()
        } else {
            format!(" → {}", e.canonical)
        };
        writeln!(
            out,
            "     {:<6} {:<28} {id}{canon}  [{}..{}]",
            e.kind.as_str(),
            e.text,
            e.start,
            e.end
        )?;
    }
    writeln!(out, "   dates ({}):", r.dates.len())?;
    for d in &r.dates {
        let value = d.value.as_deref().unwrap_or("?");
        writeln!(
            out,
            "     {:<28} {value} ({:?})  [{}..{}]",
            d.text, d.grain, d.start, d.end
        )?;
    }
    writeln!(out, "   casualties ({}):", r.casualties.len())?;
    for c in &r.casualties {
        writeln!(
            out,
            "     {:<9} {:<14} {:<10} \"{}\"",
            c.kind.as_str(),
            bounds(c),
            c.who,
            c.text
        )?;
    }
    writeln!(out)
}

fn bounds(c: &Casualty) -> String {
    match (c.min, c.max, c.approx) {
        (_, _, Some(a)) => format!("~{a}"),
        (Some(a), Some(b), _) if a == b => format!("{a}"),
        (Some(a), Some(b), _) => format!("{a}–{b}"),
        (Some(a), None, _) => format!("≥{a}"),
        (None, Some(b), _) => format!("≤{b}"),
        (None, None, None) => "?".into(),
    }
}
