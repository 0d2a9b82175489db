//! The two loops every read of `users.json` spends its time in: skipping
//! white space and finding where a string ends. Both look at eight bytes
//! at a time (one `u64`), which matters on a pretty-printed directory of
//! 100,000 accounts: most of its bytes are indentation and short strings.

/// Eight copies of `byte`.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The eight bytes at `at`, the first in the lowest bits, if there are
/// eight.
fn word(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
}

/// Of the bytes of `word`, the high bit of each that is below `limit`
/// (at most 0x80). Exact for the lowest byte it marks; a byte above a
/// marked one may be marked wrongly (the borrow carries), so only the
/// lowest mark may be used.
const fn below(word: u64, limit: u8) -> u64 {
    word.wrapping_sub(splat(limit)) & !word & splat(0x80)
}

/// The index (0 to 7) of the lowest byte of `marks` that is not zero.
fn first(marks: u64) -> usize {
    (marks.trailing_zeros() / 8) as usize
}

/// Skips JSON white space from `pos`; returns where it ends.
pub(super) fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    loop {
        // Runs of spaces (indentation) eight at a time ...
        while let Some(word) = word(bytes, pos) {
            // Spaces become zero bytes; the lowest other byte ends the run.
            let other = word ^ splat(b' ');
            if other != 0 {
                pos += first(other);
                break;
            }
            pos += 8;
        }
        // ... anything else one byte at a time.
        match bytes.get(pos) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => pos += 1,
            _ => return pos,
        }
    }
}

/// The first byte at or after `from` that ends a plainly written string:
/// a quote, a backslash or a control character (below 0x20).
pub(super) fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(word) = word(bytes, from) {
        let marks =
            below(word ^ splat(b'"'), 1) | below(word ^ splat(b'\\'), 1) | below(word, 0x20);
        if marks != 0 {
            return Some(from + first(marks));
        }
        from += 8;
    }
    let rest = bytes.get(from..)?;
    let at = rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(from + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip_ws_bytewise(bytes: &[u8], mut pos: usize) -> usize {
        while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            pos += 1;
        }
        pos
    }

    fn string_end_bytewise(bytes: &[u8], from: usize) -> Option<usize> {
        let at = bytes
            .get(from..)?
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        Some(from + at)
    }

    #[test]
    fn finds_the_same_bytes_as_a_byte_at_a_time() {
        let text = "{\n      \"name\": \"jdoe\",\r\n\t \"full_name\": \"Zoë \\\"Z\\\" Öz\u{1}\"  }";
        let bytes = text.as_bytes();
        for at in 0..=bytes.len() + 1 {
            assert_eq!(skip_ws(bytes, at), skip_ws_bytewise(bytes, at), "at {at}");
            assert_eq!(
                string_end(bytes, at),
                string_end_bytewise(bytes, at),
                "at {at}"
            );
        }
    }

    proptest::proptest! {
        /// Bytes drawn mostly from the ones that matter, around every
        /// position of an eight-byte word.
        #[test]
        fn agrees_with_a_byte_at_a_time(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![
                    b' ', b' ', b' ', b'\t', b'\n', b'\r', b'"', b'\\', 0x00, 0x1f,
                    0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0x9f, 0xa0, 0xc3, 0xff, b'a',
                ]),
                0..40,
            ),
        ) {
            for at in 0..=bytes.len() + 1 {
                proptest::prop_assert_eq!(skip_ws(&bytes, at), skip_ws_bytewise(&bytes, at));
                proptest::prop_assert_eq!(
                    string_end(&bytes, at),
                    string_end_bytewise(&bytes, at)
                );
            }
        }
    }
}
