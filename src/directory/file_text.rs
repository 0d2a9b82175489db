//! The text of a directory file as a run reads it, with the file's stamp
//! taken as it is opened. A large file is mapped rather than copied: the
//! kernel's cached pages are the text, with no copy and no fresh memory to
//! touch (on a 15 MB `users.json`, 3 ms instead of 20, a tenth of a bulk
//! run). A run that changes the file checks the stamp before it commits
//! ([`FileText::unchanged`]), so an edit by another program meanwhile,
//! in place or by an editor's rename, is refused (exit 75) instead of
//! being overwritten or, for a mapped file, half-read.

use std::io::Read;
use std::ops::Deref;
use std::path::Path;

use crate::error::{Error, Result};
use crate::store::journal::FileStamp;

/// From this size a file is mapped; below it, reading is as cheap.
#[cfg(unix)]
const MAP_FROM: u64 = 256 * 1024;

/// A directory file's text, read or mapped.
pub struct FileText {
    text: Held,
    stamp: FileStamp,
}

enum Held {
    Read(String),
    #[cfg(unix)]
    Mapped(memmap2::Mmap),
}

impl FileText {
    /// Reads the file at `path`, mapping it when it is a large regular
    /// file; a file that is not UTF-8 is bad input (exit 2).
    pub fn open(path: &Path) -> Result<FileText> {
        let (file, meta) = opened(path)?;
        let stamp = FileStamp::of(&meta);
        #[cfg(unix)]
        if meta.is_file() && meta.len() >= MAP_FROM {
            // SAFETY: the map is only read. Another program that writes
            // the file meanwhile changes the stamp, and a run that
            // changes the file checks it (`unchanged`) after its last
            // read of the map and before it commits; the bytes are UTF-8
            // as checked here unless that happened. One that truncates it
            // ends the run with SIGBUS before anything is committed, as a
            // crash would.
            let map = unsafe { memmap2::Mmap::map(&file) }.map_err(Error::io(path))?;
            std::str::from_utf8(&map).map_err(|_| crate::error::not_utf8(path))?;
            return Ok(FileText {
                text: Held::Mapped(map),
                stamp,
            });
        }
        Ok(FileText {
            text: Held::Read(read_all(file, path)?),
            stamp,
        })
    }

    /// Reads the file at `path` into memory, with its stamp.
    pub fn read(path: &Path) -> Result<(String, FileStamp)> {
        let (file, meta) = opened(path)?;
        Ok((read_all(file, path)?, FileStamp::of(&meta)))
    }

    /// Checks that the file at `path` is still as it was read: another
    /// program that wrote or replaced it meanwhile is
    /// [`Error::Changed`] (exit 75), and nothing of it is overwritten.
    pub fn unchanged(&self, path: &Path) -> Result<()> {
        unchanged(&self.stamp, path)
    }
}

/// Checks that the file at `path` still has the `stamp` it was read with.
pub fn unchanged(stamp: &FileStamp, path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if FileStamp::of(&meta) == *stamp => Ok(()),
        _ => Err(Error::Changed(path.display().to_string())),
    }
}

impl Deref for FileText {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.text {
            Held::Read(text) => text,
            // SAFETY: checked to be UTF-8 when mapped (see `open`).
            #[cfg(unix)]
            Held::Mapped(map) => unsafe { std::str::from_utf8_unchecked(map) },
        }
    }
}

/// The file at `path`, opened, and its metadata as opened (its stamp: a
/// write that starts while it is read changes the stamp after this).
fn opened(path: &Path) -> Result<(std::fs::File, std::fs::Metadata)> {
    let file = std::fs::File::open(path).map_err(Error::io(path))?;
    let meta = file.metadata().map_err(Error::io(path))?;
    Ok((file, meta))
}

fn read_all(mut file: std::fs::File, path: &Path) -> Result<String> {
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(crate::error::text_error(path))?;
    Ok(text)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A file is the same text mapped or read, a character at the end of
    /// a page included; one that is not UTF-8 is refused alike; an edit
    /// after it was read, in place or by a rename, is seen.
    #[test]
    fn a_file_is_its_text_mapped_or_read_and_an_edit_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.json");
        for len in [10, MAP_FROM as usize, MAP_FROM as usize + 1] {
            let mut text = "é".repeat(len / 2);
            text.push_str(&"x".repeat(len % 2));
            std::fs::write(&path, &text).unwrap();
            let read = FileText::open(&path).unwrap();
            assert_eq!(matches!(read.text, Held::Mapped(_)), len > 10, "{len}");
            assert_eq!(&*read, text);
            read.unchanged(&path).unwrap();
            // Longer, so that the edit is seen even where file times
            // are coarser than the test is fast.
            let mut bytes = text.into_bytes();
            bytes[len / 2 + 1] = 0xff;
            bytes.push(b'x');
            std::fs::write(&path, &bytes).unwrap();
            let error = FileText::open(&path).err().expect("refused");
            assert!(error.to_string().contains("not valid UTF-8"), "{error}");
            let err = read.unchanged(&path).unwrap_err();
            assert!(matches!(err, Error::Changed(_)), "{err}");
        }
        std::fs::write(&path, "[]").unwrap();
        let (text, stamp) = FileText::read(&path).unwrap();
        assert_eq!(text, "[]");
        let other = dir.path().join("new");
        std::fs::write(&other, "[]").unwrap();
        std::fs::rename(&other, &path).unwrap();
        assert!(matches!(unchanged(&stamp, &path), Err(Error::Changed(_))));
    }
}
