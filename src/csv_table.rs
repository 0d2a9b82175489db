//! A CSV file with a header row, as both `users.csv` and bulk files are
//! read: a byte-order mark is skipped, header names are trimmed, a repeated
//! or missing column rejects the file, and every record knows its line.

use std::path::{Path, PathBuf};

use csv::StringRecord;

use crate::error::{Error, Result};

pub struct Table<'t> {
    /// The header cells as written, for writing the file back.
    pub raw_headers: Vec<String>,
    /// The trimmed (and, if asked, lowercased) column names.
    pub columns: Vec<String>,
    /// Whether the text started with a UTF-8 byte-order mark.
    pub bom: bool,
    reader: csv::Reader<&'t [u8]>,
    file: PathBuf,
    /// The text after the byte-order mark, which byte offsets index.
    body: &'t str,
    /// Where line counting got to: a byte offset and its line.
    counted: (usize, u64),
}

/// The field delimiter of a bulk file: `;` when its header line holds a
/// `;` and no `,` (spreadsheets set to a decimal comma export so), else `,`.
///
/// ```
/// use mailuser::csv_table::detect_delimiter;
/// assert_eq!(detect_delimiter("Email;Name\r\nx@y;X\r\n"), b';');
/// assert_eq!(detect_delimiter("action,user;x\n"), b',');
/// ```
pub fn detect_delimiter(text: &str) -> u8 {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.split(['\n', '\r']).next().unwrap_or("");
    if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

impl<'t> Table<'t> {
    /// Reads the header of `text` (the contents of `file`) and checks that
    /// no column is repeated and every `required` one is there.
    pub fn open(
        file: &Path,
        text: &'t str,
        fold_case: bool,
        required: &[&str],
    ) -> Result<Table<'t>> {
        Table::open_delimited(file, text, fold_case, required, b',')
    }

    /// [`Table::open`] for fields separated by `delimiter`.
    pub fn open_delimited(
        file: &Path,
        text: &'t str,
        fold_case: bool,
        required: &[&str],
        delimiter: u8,
    ) -> Result<Table<'t>> {
        let stripped = text.strip_prefix('\u{feff}');
        let body = stripped.unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(body.as_bytes());
        let header_error = |field: &str, message: String| {
            Error::bad_input(file, Some(1), Some(field.into()), message)
        };
        let raw_headers: Vec<String> = reader
            .headers()
            .map_err(|e| Error::bad_input(file, Some(1), None, describe(&e)))?
            .iter()
            .map(str::to_string)
            .collect();
        let columns: Vec<String> = raw_headers
            .iter()
            .map(|h| {
                if fold_case {
                    h.trim().to_lowercase()
                } else {
                    h.trim().to_string()
                }
            })
            .collect();
        for (i, name) in columns.iter().enumerate() {
            if columns[..i].contains(name) {
                return Err(header_error(name, format!("column `{name}` appears twice")));
            }
        }
        for name in required {
            if !columns.iter().any(|c| c == name) {
                return Err(header_error(
                    name,
                    format!(
                        "missing column `{name}` (the header has {}; required: {})",
                        column_list(&columns),
                        column_list(required),
                    ),
                ));
            }
        }
        Ok(Table {
            raw_headers,
            columns,
            bom: stripped.is_some(),
            reader,
            file: file.to_path_buf(),
            body,
            counted: (0, 1),
        })
    }

    /// Reads the next record into `record` and returns its line, or `None`
    /// at the end. A row with the wrong number of cells rejects the file.
    pub fn next(&mut self, record: &mut StringRecord) -> Result<Option<u64>> {
        let fallback = self.reader.position().byte();
        match self.reader.read_record(record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let at = record.position().map_or(fallback, |p| p.byte());
                Ok(Some(self.line_at(at)))
            }
            Err(e) => {
                let at = match e.kind() {
                    csv::ErrorKind::UnequalLengths { pos: Some(pos), .. } => pos.byte(),
                    _ => e.position().map_or(fallback, |p| p.byte()),
                };
                let line = self.line_at(at);
                Err(Error::bad_input(&self.file, Some(line), None, describe(&e)))
            }
        }
    }

    /// The line (from 1) of the record starting at byte `at` of the body.
    /// The reader may place a record's start on the line end before it
    /// (the `\n` of a `\r\n`), so line ends there are skipped. `\r\n`,
    /// `\n` and a lone `\r` each end a line, as they end a record. Counting
    /// goes on from the previous record, so a whole file is counted once.
    fn line_at(&mut self, at: u64) -> u64 {
        let bytes = self.body.as_bytes();
        let mut at = (at as usize).min(bytes.len());
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        let (from, mut line) = self.counted;
        if at < from {
            // Not expected; count from the start rather than be wrong.
            self.counted = (0, 1);
            return self.line_at(at as u64);
        }
        let mut i = from;
        while i < at {
            match bytes[i] {
                b'\n' => line += 1,
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
                _ => {}
            }
            i += 1;
        }
        self.counted = (at, line);
        line
    }
}

/// What is wrong with the CSV, in words rather than the reader's.
fn describe(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "expected {}, found {len}",
            crate::output::plural_count(*expected_len, "field")
        ),
        csv::ErrorKind::Utf8 { err, .. } => {
            format!("field {} is not valid UTF-8", err.field() + 1)
        }
        csv::ErrorKind::Io(e) => format!("cannot read the CSV: {e}"),
        _ => format!("malformed CSV: {error}"),
    }
}

/// `` `a`, `b` `` (or `no columns`), for messages about a header.
pub fn column_list<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    let names: Vec<String> = names
        .into_iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect();
    if names.is_empty() {
        "no columns".into()
    } else {
        names.join(", ")
    }
}
