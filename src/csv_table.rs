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
        let body = text.strip_prefix('\u{feff}');
        let mut reader = csv::ReaderBuilder::new().from_reader(body.unwrap_or(text).as_bytes());
        let header_error = |field: &str, message: String| {
            Error::bad_input(file, Some(1), Some(field.into()), message)
        };
        let raw_headers: Vec<String> = reader
            .headers()
            .map_err(|e| {
                Error::bad_input(file, Some(1), None, format!("malformed CSV header: {e}"))
            })?
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
        for required in required {
            if !columns.iter().any(|c| c == required) {
                return Err(header_error(
                    required,
                    format!("missing column `{required}`"),
                ));
            }
        }
        Ok(Table {
            raw_headers,
            columns,
            bom: body.is_some(),
            reader,
            file: file.to_path_buf(),
        })
    }

    /// Reads the next record into `record` and returns its line, or `None`
    /// at the end. A row with the wrong number of cells rejects the file.
    pub fn next(&mut self, record: &mut StringRecord) -> Result<Option<u64>> {
        let line = self.reader.position().line();
        match self.reader.read_record(record) {
            Ok(false) => Ok(None),
            Ok(true) => Ok(Some(record.position().map_or(line, |p| p.line()))),
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                Err(Error::bad_input(
                    &self.file,
                    Some(line),
                    None,
                    format!("malformed CSV: {e}"),
                ))
            }
        }
    }
}
