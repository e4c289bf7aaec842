//! Reading files and CSV text, with errors that say where (tables: [`crate::table`]).

use crate::error::{Error, Location, Result};
use std::path::Path;

/// Read a UTF-8 text file (a leading byte-order mark is dropped: spreadsheet exports add it).
///
/// Errors: [`Error::Io`] naming the path; [`Error::Malformed`] for a workbook (named as
/// such: read it with `from_excel`), a UTF-16 file or text that is not UTF-8 (with the row
/// of the first bad byte).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })?;
    let at = Location::file(path.display().to_string());
    if crate::table::is_workbook(&bytes) {
        return Err(Error::malformed(
            at,
            "this is an Excel workbook (or another spreadsheet file), not CSV text: use from_excel",
        ));
    }
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

/// A CSV reader over `text` that returns every row, the header included, of any length
/// (byte-order mark dropped). The delimiter is taken from line `header_line` (first = 1): a
/// comma, or the semicolon or tab that spreadsheets export in locales with a decimal comma
/// (Vietnamese among them).
pub(crate) fn csv_rows_reader(text: &str, header_line: usize) -> csv::Reader<&[u8]> {
    let text = strip_bom(text);
    let header = text.lines().nth(header_line.saturating_sub(1)).unwrap_or("");
    let count = |d: char| header.matches(d).count();
    let delimiter = [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|&(d, n)| (n, d == b','))
        .map_or(b',', |(d, _)| d);
    csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(text.as_bytes())
}
