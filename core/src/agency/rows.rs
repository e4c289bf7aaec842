//! Row numbers of CSV records, counted as the reader moves on (linear in the file, where a
//! count from the start of the text for every record would be quadratic).

/// Rows as a spreadsheet numbers them (the header is row 1): the line a record starts on,
/// blank lines the reader skips included.
pub(crate) struct Rows<'a> {
    bytes: &'a [u8],
    /// Byte up to which line breaks are counted, and how many there are before it.
    at: usize,
    breaks: usize,
}

impl<'a> Rows<'a> {
    pub(crate) fn new(text: &'a str) -> Rows<'a> {
        Rows { bytes: crate::io::strip_bom(text).as_bytes(), at: 0, breaks: 0 }
    }

    /// The row of `record`; `fallback` when the reader does not know its position.
    pub(crate) fn of(&mut self, record: &csv::StringRecord, fallback: usize) -> usize {
        let Some(p) = record.position() else { return fallback };
        let start = usize::try_from(p.byte()).unwrap_or(usize::MAX).min(self.bytes.len());
        if start >= self.at {
            self.breaks += self.bytes.get(self.at..start).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
            self.at = start;
        }
        let skipped = self
            .bytes
            .get(start..)
            .map_or(0, |b| b.iter().take_while(|&&c| c == b'\n' || c == b'\r').filter(|&&c| c == b'\n').count());
        1 + self.breaks + skipped
    }
}
