//! Reading files and CSV text, with errors that say where.

use crate::error::{Error, Location, Result};
use std::path::Path;

/// Read a UTF-8 text file (a leading byte-order mark is dropped: spreadsheet exports add it).
///
/// Errors: [`Error::Io`] naming the path; [`Error::Malformed`] for a UTF-16 file or text
/// that is not UTF-8 (with the row of the first bad byte).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })?;
    let at = Location::file(path.display().to_string());
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Error::malformed(at, "the file is UTF-16: save it as UTF-8 (in Excel: \"CSV UTF-8\")"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(strip_bom(&text).to_string()),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let row = e.as_bytes().get(..valid).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
            Err(Error::malformed(
                at.at_row(row),
                "the text is not UTF-8 (a legacy Vietnamese encoding such as TCVN3 or CP1258?): save it as UTF-8 (in Excel: \"CSV UTF-8\")",
            ))
        }
    }
}

/// Read a file with [`read_text`] and hand its text and path (the label errors name) to
/// `parse`: what every `from_*_path` loader does.
///
/// Errors: those of [`read_text`], then those of `parse`.
pub fn with_text<T>(path: impl AsRef<Path>, parse: impl FnOnce(&str, &str) -> Result<T>) -> Result<T> {
    let path = path.as_ref();
    let text = read_text(path)?;
    parse(&text, &path.display().to_string())
}

/// Drop a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A CSV reader over `text`: byte-order mark dropped, and the delimiter taken from the
/// header line — a comma, or the semicolon or tab that spreadsheets export in locales with
/// a decimal comma (Vietnamese among them).
pub(crate) fn csv_reader(text: &str, flexible: bool) -> csv::Reader<&[u8]> {
    let text = strip_bom(text);
    let header = text.lines().next().unwrap_or("");
    let count = |d: char| header.matches(d).count();
    let delimiter = [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|&(d, n)| (n, d == b','))
        .map_or(b',', |(d, _)| d);
    csv::ReaderBuilder::new().delimiter(delimiter).flexible(flexible).from_reader(text.as_bytes())
}

/// The row of a record as a spreadsheet numbers it (the header is row 1): the line of
/// `text` it starts on, so blank lines the reader skips still count.
pub(crate) fn row_of(text: &str, record: &csv::StringRecord, fallback: usize) -> usize {
    record.position().map_or(fallback, |p| line_at(text, p.byte()))
}

/// Where a CSV error is in `text`: the line it starts on, when the reader knows it.
pub(crate) fn csv_error_at(text: &str, at: &Location, e: &csv::Error, fallback: usize) -> Location {
    at.at_row(e.position().map_or(fallback, |p| line_at(text, p.byte())))
}

/// The line of `text` (BOM dropped) a record starts on, from the byte where the reader
/// began it: the line breaks before that byte, then those of the blank lines it skipped.
fn line_at(text: &str, byte: u64) -> usize {
    let bytes = strip_bom(text).as_bytes();
    let start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    let before = bytes.get(..start).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    let skipped = bytes
        .get(start..)
        .map_or(0, |b| b.iter().take_while(|&&c| c == b'\n' || c == b'\r').filter(|&&c| c == b'\n').count());
    1 + before + skipped
}

/// The header row: as written, and as matching keys (no case or diacritics, `_` and `/`
/// as spaces), so that `Điểm tối đa`, `diem toi da` and `max_points`-style names compare.
///
/// Errors: [`Error::Malformed`] at row 1.
pub(crate) fn headers(reader: &mut csv::Reader<&[u8]>, at: &Location) -> Result<(Vec<String>, Vec<String>)> {
    let raw: Vec<String> = reader
        .headers()
        .map_err(|e| Error::malformed(at.at_row(1), e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let keys = raw
        .iter()
        .map(|h| crate::province::fold(h).replace(['_', '/'], " ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    Ok((raw, keys))
}
