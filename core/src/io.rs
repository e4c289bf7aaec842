//! Reading files with errors that name the path.

use crate::error::{Error, Result};
use std::path::Path;

/// Read a UTF-8 text file (a leading byte-order mark is dropped: spreadsheet exports add it).
///
/// Errors: [`Error::Io`] naming the path; [`Error::Malformed`] if the file is not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::malformed(crate::Location::file(path.display().to_string()), format!("not UTF-8: {e}")))?;
    Ok(strip_bom(&text).to_string())
}

/// Drop a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}
