//! Reading files and CSV text: in one pass, streamed, bounded in size, with errors that say
//! where.
//!
//! Every loader has a maximum input size (its options' `max_input_bytes`, or the `_limited`
//! variant of its `from_*_path` function): a file above it is refused from its size on disk
//! before a byte is read, a stream while it is read, each with [`Error::InputTooLarge`]
//! naming the limit and the setting that raises it. Row numbers are counted as the reader
//! advances (header = row 1; `\n`, `\r\n` and a lone `\r` each end a line).

use crate::error::{Error, Location, Result};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;

/// Default size limit of the table loaders (league tables, frameworks, scorecards): 64 MiB,
/// thousands of times the size of a national table.
pub const MAX_TABLE_BYTES: u64 = 64 << 20;

/// Default size limit of the survey answer loaders: 1 GiB, about 25 million long-form
/// answers (a national survey, ~40,000 respondents × 39 items ≈ 1.5 million answers, is
/// about 60 MB).
pub const MAX_SURVEY_BYTES: u64 = 1 << 30;

/// A size limit and the setting that raises it (named in [`Error::InputTooLarge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    pub bytes: u64,
    pub setting: &'static str,
}

/// Read a UTF-8 text file of at most [`MAX_SURVEY_BYTES`] (a leading byte-order mark is
/// dropped: spreadsheet exports add it).
///
/// Errors: [`Error::Io`] naming the path; [`Error::InputTooLarge`]; [`Error::Encoding`]
/// for UTF-16, UTF-32 or text that is not UTF-8 (with the row of the first bad byte).
pub fn read_text(path: &Path) -> Result<String> {
    read_text_limited(path, MAX_SURVEY_BYTES)
}

/// [`read_text`] with another size limit, in bytes.
///
/// Errors: as [`read_text`].
pub fn read_text_limited(path: &Path, max_bytes: u64) -> Result<String> {
    read_all(path, Limit { bytes: max_bytes, setting: "max_bytes" })
}

/// Read a whole file (for formats that are not streamed): size checked first, the buffer
/// reserved fallibly, then decoded as UTF-8.
pub(crate) fn read_all(path: &Path, limit: Limit) -> Result<String> {
    let (file, size) = open(path, limit)?;
    let label = path.display().to_string();
    let mut source = Tracked::new(file, &label, limit)?;
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(usize::try_from(size).unwrap_or(usize::MAX)).map_err(|_| {
        too_large(&Location::file(&label), format!("a file of {size} bytes could not be given memory"), limit)
    })?;
    if let Err(e) = source.read_to_end(&mut bytes) {
        return Err(source.failure().unwrap_or(Error::Io { path: label, message: e.to_string() }));
    }
    text_of(bytes, &Location::file(label))
}

/// Text from bytes handed in by a caller (a binary stream, a `Uint8Array`): a UTF-8
/// byte-order mark dropped, UTF-16 and UTF-32 recognised, at most `max_bytes`. `label`
/// names the input in errors.
///
/// Errors: [`Error::Encoding`] (UTF-16, UTF-32, not UTF-8, with the row of the first bad
/// byte); [`Error::InputTooLarge`].
pub fn text_from_bytes(bytes: Vec<u8>, label: &str, max_bytes: u64) -> Result<String> {
    let at = Location::file(label);
    let limit = Limit { bytes: max_bytes, setting: "max_bytes" };
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max_bytes {
        return Err(too_large(&at, format!("{} bytes", bytes.len()), limit));
    }
    let skip = sniff(&bytes).map_err(|found| Error::Encoding { at: at.at_row(1), found: found.into() })?;
    let mut bytes = bytes;
    bytes.drain(..skip.min(bytes.len()));
    text_of(bytes, &at)
}

/// Read a file whole with [`read_all`] (at most [`MAX_TABLE_BYTES`]) and hand its text and
/// path (the label errors name) to `parse`: for formats that are not streamed.
///
/// Errors: those of [`read_all`], then those of `parse`.
#[allow(dead_code)] // kept for loaders of whole files
pub(crate) fn with_text<T>(path: impl AsRef<Path>, parse: impl FnOnce(&str, &str) -> Result<T>) -> Result<T> {
    let path = path.as_ref();
    let text = read_all(path, Limit { bytes: MAX_TABLE_BYTES, setting: "max_input_bytes" })?;
    parse(&text, &path.display().to_string())
}

/// Bytes read whole as UTF-8 text (the byte-order mark already dropped).
fn text_of(bytes: Vec<u8>, at: &Location) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let row = e.as_bytes().get(..valid).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
        Error::Encoding { at: at.at_row(row), found: NOT_UTF8.into() }
    })
}

const NOT_UTF8: &str = "not UTF-8 (a legacy Vietnamese encoding such as TCVN3 or CP1258?)";

/// Open a file for reading, refusing it from its size when that is above the limit.
///
/// Errors: [`Error::Io`]; [`Error::InputTooLarge`].
pub(crate) fn open(path: &Path, limit: Limit) -> Result<(std::fs::File, u64)> {
    let io = |e: std::io::Error| Error::Io { path: path.display().to_string(), message: e.to_string() };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit.bytes {
        return Err(too_large(&Location::file(path.display().to_string()), format!("a file of {size} bytes"), limit));
    }
    Ok((file, size))
}

/// An input refused for its size (or for memory it could not be given).
pub(crate) fn too_large(at: &Location, size: String, limit: Limit) -> Error {
    Error::InputTooLarge { at: at.clone(), size, limit: limit.bytes, setting: limit.setting.to_string() }
}

/// Drop a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// What the first bytes of a stream say about its encoding: the length of a UTF-8
/// byte-order mark to drop, or the encoding it is in when that is not UTF-8 (by its
/// byte-order mark, or by the zero bytes of UTF-16/32 text that starts with ASCII).
fn sniff(head: &[u8]) -> std::result::Result<usize, &'static str> {
    match head {
        [0xef, 0xbb, 0xbf, ..] => Ok(3),
        [0xff, 0xfe, 0, 0, ..] => Err("UTF-32 (little-endian)"),
        [0, 0, 0xfe, 0xff, ..] => Err("UTF-32 (big-endian)"),
        [0xff, 0xfe, ..] => Err("UTF-16 (little-endian)"),
        [0xfe, 0xff, ..] => Err("UTF-16 (big-endian)"),
        [a, 0, 0, 0, ..] if *a != 0 => Err("UTF-32 (little-endian)"),
        [0, 0, 0, a, ..] if *a != 0 => Err("UTF-32 (big-endian)"),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Err("UTF-16 (little-endian)"),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => Err("UTF-16 (big-endian)"),
        _ => Ok(0),
    }
}

/// Runs of line-break bytes seen by a [`Tracked`] reader and not yet passed by the
/// records: a run's start offset and its line count, so that the row of a record is found
/// without rescanning the text.
#[derive(Debug, Default)]
struct Runs {
    /// Closed runs not yet passed: (start offset, line breaks).
    closed: VecDeque<(u64, u64)>,
    /// The run being read: start, line breaks counted, whether a `\r` awaits its `\n`.
    open: Option<(u64, u64, bool)>,
    /// Line breaks of the runs already passed.
    passed: u64,
}

/// A reader that drops a UTF-8 byte-order mark, refuses UTF-16/32, counts bytes against a
/// limit and records where lines break (for [`Tracked::row_at`]). Its failures are kept
/// for [`Tracked::failure`]: the CSV and JSON readers see only an I/O error.
pub(crate) struct Tracked<R> {
    inner: R,
    label: String,
    limit: Limit,
    /// Bytes read ahead to sniff the encoding and the delimiter, served first.
    head: Vec<u8>,
    head_pos: usize,
    /// Bytes served so far (after the byte-order mark).
    offset: u64,
    runs: RefCell<Runs>,
    failure: RefCell<Option<Error>>,
}

impl<R: Read> Tracked<R> {
    /// Wrap `inner`, reading its first line ahead.
    ///
    /// Errors: [`Error::Encoding`] for UTF-16/32; [`Error::InputTooLarge`] for a first line
    /// above the limit; [`Error::Io`].
    pub(crate) fn new(mut inner: R, label: &str, limit: Limit) -> Result<Tracked<R>> {
        let at = Location::file(label);
        let mut head = Vec::new();
        let mut chunk = [0u8; 8192];
        let mut line_ended = false;
        loop {
            let n = match inner.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::Io { path: label.to_string(), message: e.to_string() }),
            };
            let got = chunk.get(..n).unwrap_or_default();
            head.try_reserve(n).map_err(|_| too_large(&at, "the first line".into(), limit))?;
            head.extend_from_slice(got);
            if u64::try_from(head.len()).unwrap_or(u64::MAX) > limit.bytes.saturating_add(3) {
                return Err(too_large(&at, format!("more than {} bytes", limit.bytes), limit));
            }
            line_ended |= got.iter().any(|&b| b == b'\n' || b == b'\r');
            if n == 0 || (head.len() >= 4 && line_ended) {
                break;
            }
        }
        let skip = sniff(&head).map_err(|found| Error::Encoding { at: at.at_row(1), found: found.into() })?;
        Ok(Tracked {
            inner,
            label: label.to_string(),
            limit,
            head,
            head_pos: skip,
            offset: 0,
            runs: RefCell::new(Runs::default()),
            failure: RefCell::new(None),
        })
    }

    /// The header line as read ahead (up to its first line break), for the delimiter.
    fn first_line(&self) -> &[u8] {
        let rest = self.head.get(self.head_pos..).unwrap_or_default();
        let end = rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
        rest.get(..end).unwrap_or_default()
    }

    /// The row (line, from 1) that a record starting at byte `start` of the stream is on:
    /// the line breaks before it, those of the blank lines the reader skipped included.
    /// Records are asked for in order, so passed runs are dropped.
    pub(crate) fn row_at(&self, start: u64) -> usize {
        let mut runs = self.runs.borrow_mut();
        while let Some(&(at, n)) = runs.closed.front() {
            if at > start {
                break;
            }
            runs.passed += n;
            runs.closed.pop_front();
        }
        let open = match runs.open {
            Some((at, n, cr)) if at <= start => n + u64::from(cr),
            _ => 0,
        };
        usize::try_from(1 + runs.passed + open).unwrap_or(usize::MAX)
    }

    /// The failure that ended reading (a limit, memory), if any.
    pub(crate) fn failure(&self) -> Option<Error> {
        self.failure.borrow_mut().take()
    }

    fn fail(&self, e: Error) -> std::io::Error {
        let message = e.to_string();
        *self.failure.borrow_mut() = Some(e);
        std::io::Error::other(message)
    }

    /// Record the line breaks of `bytes`, served from `base`.
    fn scan(&self, bytes: &[u8], base: u64) -> std::result::Result<(), ()> {
        let mut runs = self.runs.borrow_mut();
        let mut i = 0;
        while i < bytes.len() {
            if runs.open.is_none() {
                // The fast path: the bytes up to the next line break.
                match bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'\n' || b == b'\r')) {
                    Some(skip) => i += skip,
                    None => break,
                }
            }
            let at = base + i as u64;
            match bytes.get(i) {
                Some(b'\n') => {
                    let run = runs.open.get_or_insert((at, 0, false));
                    run.1 += 1;
                    run.2 = false;
                }
                Some(b'\r') => {
                    let run = runs.open.get_or_insert((at, 0, false));
                    run.1 += u64::from(run.2);
                    run.2 = true;
                }
                _ => {
                    if let Some((start, n, cr)) = runs.open.take() {
                        runs.closed.try_reserve(1).map_err(|_| ())?;
                        runs.closed.push_back((start, n + u64::from(cr)));
                    }
                }
            }
            i += 1;
        }
        Ok(())
    }
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = match self.head.get(self.head_pos..) {
            Some(rest) if !rest.is_empty() => {
                let n = rest.len().min(buf.len());
                if let (Some(dst), Some(src)) = (buf.get_mut(..n), rest.get(..n)) {
                    dst.copy_from_slice(src);
                }
                self.head_pos += n;
                if self.head_pos >= self.head.len() {
                    self.head = Vec::new();
                    self.head_pos = 0;
                }
                n
            }
            _ => self.inner.read(buf)?,
        };
        let base = self.offset;
        self.offset += n as u64;
        if self.offset > self.limit.bytes {
            let e =
                too_large(&Location::file(&self.label), format!("more than {} bytes", self.limit.bytes), self.limit);
            return Err(self.fail(e));
        }
        if self.scan(buf.get(..n).unwrap_or_default(), base).is_err() {
            let e = too_large(
                &Location::file(&self.label),
                "the memory for its line positions could not be allocated".into(),
                self.limit,
            );
            return Err(self.fail(e));
        }
        Ok(n)
    }
}

/// A CSV reader over `source`: byte-order mark dropped, UTF-16/32 refused, size bounded,
/// and the delimiter taken from the header line — a comma, or the semicolon or tab that
/// spreadsheets export in locales with a decimal comma (Vietnamese among them).
///
/// Errors: those of [`Tracked::new`].
pub(crate) fn csv_reader<R: Read>(
    source: R,
    label: &str,
    limit: Limit,
    flexible: bool,
) -> Result<csv::Reader<Tracked<R>>> {
    let source = Tracked::new(source, label, limit)?;
    let header = source.first_line();
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    let delimiter = [(b',', count(b',')), (b';', count(b';')), (b'\t', count(b'\t'))]
        .into_iter()
        .max_by_key(|&(d, n)| (n, d == b','))
        .map_or(b',', |(d, _)| d);
    Ok(csv::ReaderBuilder::new().delimiter(delimiter).flexible(flexible).buffer_capacity(1 << 16).from_reader(source))
}

/// The row of a record as a spreadsheet numbers it (the header is row 1): the line it
/// starts on, so blank lines the reader skips still count.
pub(crate) fn row_of<R: Read>(reader: &csv::Reader<Tracked<R>>, record: &csv::StringRecord) -> usize {
    let start = record.position().map_or_else(|| reader.position().byte(), csv::Position::byte);
    reader.get_ref().row_at(start)
}

/// The error for a failed CSV read: the reader's own failure (a limit), text that is not
/// UTF-8, an I/O error, or bad CSV at the row it starts on.
pub(crate) fn csv_error<R: Read>(reader: &csv::Reader<Tracked<R>>, at: &Location, e: &csv::Error) -> Error {
    if let Some(failure) = reader.get_ref().failure() {
        return failure;
    }
    let start = e.position().map_or_else(|| reader.position().byte(), csv::Position::byte);
    let at = at.at_row(reader.get_ref().row_at(start));
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Error::Encoding { at, found: NOT_UTF8.into() },
        csv::ErrorKind::Io(io) => Error::Io { path: at.file.clone().unwrap_or_default(), message: io.to_string() },
        _ => Error::malformed(at, e.to_string()),
    }
}

/// The next record of `reader` into `record`: `Ok(false)` at the end.
///
/// Errors: as [`csv_error`].
pub(crate) fn next_record<R: Read>(
    reader: &mut csv::Reader<Tracked<R>>,
    record: &mut csv::StringRecord,
    at: &Location,
) -> Result<bool> {
    match reader.read_record(record) {
        Ok(more) => Ok(more),
        Err(e) => Err(csv_error(reader, at, &e)),
    }
}

/// The header row: as written, and as matching keys (no case or diacritics, `_` and `/`
/// as spaces), so that `Điểm tối đa`, `diem toi da` and `max_points`-style names compare.
///
/// Errors: [`Error::Malformed`] or [`Error::Encoding`] at row 1, or a reader failure.
pub(crate) fn headers<R: Read>(
    reader: &mut csv::Reader<Tracked<R>>,
    at: &Location,
) -> Result<(Vec<String>, Vec<String>)> {
    let raw: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_string()).collect(),
        Err(e) => {
            let mut err = csv_error(reader, at, &e);
            if let Some(loc) = err.location_mut() {
                loc.row = Some(1);
            }
            return Err(err);
        }
    };
    let keys = raw
        .iter()
        .map(|h| crate::province::fold(h).replace(['_', '/'], " ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    Ok((raw, keys))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Limit = Limit { bytes: 1 << 20, setting: "max_input_bytes" };

    fn rows(text: &[u8]) -> Vec<usize> {
        let mut reader = csv_reader(text, "t.csv", LIMIT, true).unwrap();
        let at = Location::file("t.csv");
        headers(&mut reader, &at).unwrap();
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while next_record(&mut reader, &mut record, &at).unwrap() {
            out.push(row_of(&reader, &record));
        }
        out
    }

    #[test]
    fn rows_count_every_line_ending_and_blank_line() {
        assert_eq!(rows(b"h\na\nb\n"), [2, 3]);
        assert_eq!(rows(b"h\r\na\r\n\r\nb\r\n"), [2, 4]);
        assert_eq!(rows(b"h\ra\r\r\rb"), [2, 5]);
        assert_eq!(rows(b"\xef\xbb\xbfh\n\n\na\n\"x\ny\"\nb"), [4, 5, 7]);
    }

    #[test]
    fn rows_are_right_across_buffer_boundaries() {
        let mut text = b"h\n".to_vec();
        for i in 0..20_000 {
            text.extend_from_slice(if i % 3 == 0 { b"ab\r\n\r\n" } else { b"cd\r" });
        }
        let got = rows(&text);
        let mut want = Vec::new();
        let mut line = 2;
        for i in 0..20_000 {
            want.push(line);
            line += if i % 3 == 0 { 2 } else { 1 };
        }
        assert_eq!(got, want);
    }

    #[test]
    fn encodings_are_named() {
        let found = |b: &[u8]| match csv_reader(b, "t.csv", LIMIT, true) {
            Err(Error::Encoding { found, at }) => (found, at.row),
            Err(e) => (e.to_string(), None),
            Ok(_) => ("ok".to_string(), None),
        };
        assert_eq!(found(b"\xff\xfep\0,\0").0, "UTF-16 (little-endian)");
        assert_eq!(found(b"\xfe\xff\0p\0,").0, "UTF-16 (big-endian)");
        assert_eq!(found(b"p\0,\0").0, "UTF-16 (little-endian)");
        assert_eq!(found(b"\xff\xfe\0\0p\0\0\0").0, "UTF-32 (little-endian)");
        assert_eq!(found(b"\0\0\xfe\xff\0\0\0p").0, "UTF-32 (big-endian)");
        assert_eq!(found(b"p\0\0\0,\0\0\0"), ("UTF-32 (little-endian)".to_string(), Some(1)));
        assert_eq!(found(b"p,q\n").0, "ok");
    }

    #[test]
    fn a_stream_above_the_limit_is_refused_while_read() {
        let text = "h\n".to_string() + &"a\n".repeat(1000);
        let limit = Limit { bytes: 100, setting: "max_input_bytes" };
        // Read in small pieces, so that the limit is passed after the header.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(16);
                let (now, rest) = self.0.split_at(n);
                buf[..n].copy_from_slice(now);
                self.0 = rest;
                Ok(n)
            }
        }
        let source = Trickle(text.as_bytes());
        let mut reader = csv_reader(source, "t.csv", limit, true).unwrap();
        let at = Location::file("t.csv");
        let mut record = csv::StringRecord::new();
        let e = loop {
            match next_record(&mut reader, &mut record, &at) {
                Ok(true) => {}
                Ok(false) => panic!("read past the limit"),
                Err(e) => break e,
            }
        };
        assert_eq!(e.kind(), "INPUT_TOO_LARGE");
        assert!(e.to_string().contains("the limit is 100 bytes") && e.to_string().contains("max_input_bytes"), "{e}");
    }
}
