//! One table of text cells with spreadsheet row numbers: what every loader reads, whether
//! the input was CSV text or a worksheet of a workbook (bảng tính: .xlsx, .xlsm, .xls,
//! .ods). A loader's validation is written once, against [`Table`].

use crate::columns::{header_key, is_alias, unknown_column};
use crate::error::{Error, Location, Result};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A worksheet: by name, or by position (0 = the first sheet).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum Sheet {
    /// The sheet's name as the workbook spells it (compared trimmed, without case).
    Name(String),
    /// The sheet's position, first = 0.
    Index(usize),
}

/// How to find the table in the input, and which columns are which.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "ExcelOptions"))]
#[serde(default, deny_unknown_fields)]
pub struct TableOptions {
    /// The worksheet of a workbook (default: the first). Ignored for CSV.
    pub sheet: Option<Sheet>,
    /// The header row in spreadsheet numbering (first row = 1). Default: row 1 for CSV; for
    /// a workbook, the first row that has a recognised header (title rows, merged or not,
    /// and blank rows above it are skipped), else the first row with two filled cells.
    pub header_row: Option<usize>,
    /// Column role → header, for headers the alias table does not know, e.g.
    /// `{"province": "Địa bàn", "score": "Kết quả"}`. Roles: see
    /// [`column_aliases`](crate::columns::column_aliases). A header that the input does not
    /// have is an error ([`Error::UnknownColumn`]).
    pub columns: BTreeMap<String, String>,
}

/// One row of cells (trimmed text), with its row in spreadsheet numbering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Row, spreadsheet numbering (CSV: the line it starts on; workbook: the sheet's row).
    pub row: usize,
    /// Cells, one per header (missing cells of a short row are empty).
    pub cells: Vec<String>,
}

impl Record {
    /// The cell in column `c` (empty when absent).
    pub fn cell(&self, c: usize) -> &str {
        self.cells.get(c).map_or("", String::as_str)
    }

    /// Whether every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(String::is_empty)
    }
}

/// A table read from CSV text or a worksheet: headers, records and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    label: String,
    sheet: Option<String>,
    header_row: usize,
    first_column: usize,
    headers: Vec<String>,
    keys: Vec<String>,
    records: Vec<Record>,
    columns: BTreeMap<String, String>,
}

/// Most rows a workbook may have title rows in before its header.
const HEADER_SEARCH: usize = 30;

impl Table {
    /// Read CSV text (comma, semicolon or tab separated; byte-order mark dropped). The header
    /// is row 1 unless `options.header_row` says otherwise. Rows of another length than the
    /// header are errors unless `flexible`.
    ///
    /// Errors: [`Error::Malformed`] (bad CSV, a ragged row, a header row beyond the text)
    /// naming `label` and the row; [`Error::UnknownColumn`] for `options.columns`.
    pub fn from_csv(text: &str, label: &str, options: &TableOptions) -> Result<Table> {
        Self::read_csv(text, label, options, true)
    }

    pub(crate) fn read_csv(text: &str, label: &str, options: &TableOptions, flexible: bool) -> Result<Table> {
        Self::read_csv_from(text.as_bytes(), label, options, flexible, crate::io::MAX_TABLE_BYTES, "max_input_bytes")
    }

    /// [`Table::from_csv`] from a reader (a file, a stream), read once, of at most
    /// `max_bytes` (`setting` names the option that raises it in the error).
    pub(crate) fn read_csv_from<R: std::io::Read>(
        source: R,
        label: &str,
        options: &TableOptions,
        flexible: bool,
        max_bytes: u64,
        setting: &'static str,
    ) -> Result<Table> {
        let at = Location::file(label);
        let limit = crate::io::Limit { bytes: max_bytes, setting };
        let mut reader = crate::io::csv_reader(source, label, limit, true)?;
        let (first, _) = crate::io::headers(&mut reader, &at)?;
        let header_row = options.header_row.unwrap_or(1).max(1);
        let mut headers = (header_row == 1).then_some(first);
        let mut records = Vec::new();
        let mut record = csv::StringRecord::new();
        while crate::io::next_record(&mut reader, &mut record, &at)? {
            let row = crate::io::row_of(&reader, &record);
            let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
            match &headers {
                None if row < header_row => {}
                None => headers = Some(cells),
                Some(h) => {
                    if !flexible && cells.len() != h.len() {
                        return Err(Error::malformed(
                            at.at_row(row),
                            format!("the row has {} fields, the header has {}", cells.len(), h.len()),
                        ));
                    }
                    records.try_reserve(1).map_err(|_| {
                        crate::io::too_large(&at, "a table that could not be given memory".into(), limit)
                    })?;
                    records.push(Record { row, cells });
                }
            }
        }
        let headers = headers.ok_or_else(|| Error::malformed(at.at_row(header_row), "no header row"))?;
        Table::new(label, None, header_row, 0, headers, records, options)
    }

    /// Read a worksheet of a workbook (.xlsx, .xlsm, .xlsb, .xls or .ods, told apart by their
    /// bytes). Formulas give their cached values; numbers are written as their shortest
    /// decimal of 15 significant digits (Excel's precision), so `9.5` and the text `9,5`
    /// read alike; an error cell reads as its text (`#DIV/0!`) and is refused where a
    /// number is needed. Merged cells hold their value in the top-left cell.
    ///
    /// Errors: [`Error::Malformed`] for bytes that are not a workbook (a CSV file is named
    /// as such), an unreadable sheet, no header row; [`Error::NotFound`] for a sheet the
    /// workbook does not have (listing its sheets); [`Error::UnknownColumn`].
    pub fn from_workbook(bytes: &[u8], label: &str, options: &TableOptions) -> Result<Table> {
        use calamine::Reader;
        let at = Location::file(label);
        if !is_workbook(bytes) {
            let hint = if std::str::from_utf8(bytes.get(..bytes.len().min(4096)).unwrap_or_default()).is_ok() {
                "this is text (CSV?), not an Excel workbook: use from_csv"
            } else {
                "this is not an Excel or OpenDocument workbook (.xlsx, .xlsm, .xlsb, .xls, .ods)"
            };
            return Err(Error::malformed(at, hint));
        }
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| Error::malformed(at.clone(), format!("cannot read the workbook: {e}")))?;
        let names = book.sheet_names();
        let name = match &options.sheet {
            None => names.first().cloned(),
            Some(Sheet::Index(i)) => names.get(*i).cloned(),
            Some(Sheet::Name(n)) => names.iter().find(|s| s.trim().to_lowercase() == n.trim().to_lowercase()).cloned(),
        };
        let name = name.ok_or_else(|| Error::NotFound {
            what: format!("sheet in `{label}`"),
            name: match &options.sheet {
                Some(Sheet::Name(n)) => n.clone(),
                Some(Sheet::Index(i)) => format!("#{i}"),
                None => "#0".into(),
            },
            hint: format!(" (its sheets: {})", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
        })?;
        let sheet_at = Location { sheet: Some(name.clone()), ..at.clone() };
        let range = book
            .worksheet_range(&name)
            .map_err(|e| Error::malformed(sheet_at.clone(), format!("cannot read the sheet: {e}")))?;
        unsaved_formula(&mut book, &name, &range, &sheet_at)?;
        let (top, left) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let rows: Vec<(usize, Vec<String>)> =
            range.rows().enumerate().map(|(i, r)| (top + i + 1, r.iter().map(cell_text).collect())).collect();
        let header_row = match options.header_row {
            Some(h) => h.max(1),
            None => find_header(&rows, options).ok_or_else(|| {
                Error::malformed(sheet_at.clone(), "no header row found: give header_row (first row = 1)")
            })?,
        };
        let mut headers = None;
        let mut records = Vec::new();
        for (row, cells) in rows {
            if row < header_row {
                continue;
            }
            if headers.is_none() {
                headers = Some(cells);
            } else {
                records.push(Record { row, cells });
            }
        }
        let headers = headers
            .ok_or_else(|| Error::malformed(sheet_at.at_row(header_row), "the header row is empty or absent"))?;
        Table::new(label, Some(name), header_row, left, headers, records, options)
    }

    fn new(
        label: &str,
        sheet: Option<String>,
        header_row: usize,
        first_column: usize,
        mut headers: Vec<String>,
        mut records: Vec<Record>,
        options: &TableOptions,
    ) -> Result<Table> {
        // Trailing empty header cells (a sheet's used range, a CSV's trailing separator).
        while headers.last().is_some_and(String::is_empty) {
            headers.pop();
        }
        for r in &mut records {
            if r.cells.len() > headers.len()
                && r.cells.get(headers.len()..).is_some_and(|t| t.iter().all(String::is_empty))
            {
                r.cells.truncate(headers.len());
            }
        }
        let keys = headers.iter().map(|h| header_key(h)).collect();
        let table = Table {
            label: label.to_string(),
            sheet,
            header_row,
            first_column,
            headers,
            keys,
            records,
            columns: options.columns.clone(),
        };
        for given in options.columns.values() {
            if table.position_of(given).is_none() {
                return Err(unknown_column(&table.header_at(), "columns", given, &table.headers));
            }
        }
        Ok(table)
    }

    /// The label errors name (file path or the caller's label).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The worksheet's name, for a workbook.
    pub fn sheet(&self) -> Option<&str> {
        self.sheet.as_deref()
    }

    /// The headers, trimmed, as written.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The header row (spreadsheet numbering).
    pub fn header_row(&self) -> usize {
        self.header_row
    }

    /// The records below the header, blank rows included.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The `columns` option: role → header.
    pub fn named_columns(&self) -> &BTreeMap<String, String> {
        &self.columns
    }

    /// The location of the input (file and sheet).
    pub fn at(&self) -> Location {
        Location { file: Some(self.label.clone()), sheet: self.sheet.clone(), ..Location::default() }
    }

    /// The location of the header row.
    pub fn header_at(&self) -> Location {
        self.at().at_row(self.header_row)
    }

    /// The position of the column headed `name` (exact after trimming, else by matching key).
    pub fn position_of(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.headers.iter().position(|h| h == name).or_else(|| {
            let key = header_key(name);
            self.keys.iter().position(|k| *k == key)
        })
    }

    /// The column of `role` for `loader`: the one named in the options' `columns`, else the
    /// first header the alias table gives for the role, skipping `taken` columns (each
    /// column plays one role: `Điểm` is the points, not also the maximum).
    pub fn column(&self, loader: &str, role: &str, taken: &[usize]) -> Option<usize> {
        if let Some(given) = self.columns.get(role) {
            return self.position_of(given);
        }
        self.keys.iter().enumerate().position(|(i, k)| !taken.contains(&i) && is_alias(loader, role, k))
    }

    /// Every column the alias table gives for `role` (for "several score columns" checks);
    /// the named one alone when the options name it.
    pub fn columns_of(&self, loader: &str, role: &str) -> Vec<usize> {
        if let Some(given) = self.columns.get(role) {
            return self.position_of(given).into_iter().collect();
        }
        self.keys.iter().enumerate().filter(|(_, k)| is_alias(loader, role, k)).map(|(i, _)| i).collect()
    }

    /// Refuse option keys of `columns` that `loader` does not read.
    ///
    /// Errors: [`Error::InvalidArgument`] listing the roles the loader reads.
    pub fn check_roles(&self, loader: &str, extra: &[&str]) -> Result<()> {
        let mut known = crate::columns::roles(loader);
        known.extend_from_slice(extra);
        for role in self.columns.keys() {
            if !known.contains(&role.as_str()) {
                return Err(Error::invalid_argument(
                    "columns",
                    format!("`{role}` is not a column role of this table; roles: {}", known.join(", ")),
                ));
            }
        }
        Ok(())
    }

    /// The A1 name of the cell at `row` and header position `c`.
    pub fn cell_name(&self, row: usize, c: usize) -> String {
        format!("{}{row}", column_letters(self.first_column + c))
    }

    /// Fill in what the table knows of an error's location: the sheet, and for a workbook
    /// the A1 cell when the row and column are known.
    pub fn locate(&self, mut e: Error) -> Error {
        if let Some(at) = e.location_mut() {
            if at.file.as_deref() == Some(self.label.as_str()) && self.sheet.is_some() {
                if at.sheet.is_none() {
                    at.sheet = self.sheet.clone();
                }
                if let (None, Some(row), Some(column)) = (&at.cell, at.row, &at.column) {
                    let c = self.position_of(column).or_else(|| {
                        let role = crate::columns::role_of(&header_key(column))?;
                        self.keys.iter().position(|k| {
                            crate::columns::column_aliases().iter().any(|a| a.role == role && a.key == *k)
                        })
                    });
                    at.cell = c.map(|c| self.cell_name(row, c));
                }
            }
        }
        e
    }
}

/// Whether `bytes` start like a workbook: a zip archive (.xlsx, .xlsm, .xlsb, .ods) or an
/// OLE compound file (.xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
}

/// Read a workbook file's bytes. Errors: [`Error::Io`] naming the path.
pub fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })
}

/// A formula whose value was never computed (a workbook written by a program, such as
/// openpyxl, and not opened in a spreadsheet since) reads as an empty cell: refused, naming
/// the cell, rather than read as a missing value.
fn unsaved_formula<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    name: &str,
    values: &calamine::Range<calamine::Data>,
    at: &Location,
) -> Result<()> {
    use calamine::Reader;
    // Formats without formulas (or that cannot list them) have nothing to check.
    let Ok(formulas) = book.worksheet_formula(name) else { return Ok(()) };
    let Some((top, left)) = formulas.start() else { return Ok(()) };
    for (r, c, formula) in formulas.used_cells() {
        if formula.trim().is_empty() {
            continue;
        }
        let (row, col) = (top as usize + r, left as usize + c);
        let computed = values
            .get_value((u32::try_from(row).unwrap_or(u32::MAX), u32::try_from(col).unwrap_or(u32::MAX)))
            .is_some_and(|v| !matches!(v, calamine::Data::Empty));
        if !computed {
            let cell = format!("{}{}", column_letters(col), row + 1);
            let where_ = Location { row: Some(row + 1), cell: Some(cell.clone()), ..at.clone() };
            return Err(Error::malformed(
                where_,
                format!(
                    "cell {cell} holds the formula `={}` with no saved value (the workbook was written by a program and never recalculated): open and save it in Excel or LibreOffice first",
                    formula.trim_start_matches('=')
                ),
            ));
        }
    }
    Ok(())
}

/// `A`, …, `Z`, `AA`, … for a 0-based column.
pub fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + u8::try_from(c % 26).unwrap_or(0)));
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.iter().rev().collect()
}

/// The header row of a worksheet: the first row (of the first [`HEADER_SEARCH`]) with a
/// header that the alias table or the options name, else the first with two filled cells.
fn find_header(rows: &[(usize, Vec<String>)], options: &TableOptions) -> Option<usize> {
    let named: Vec<String> = options.columns.values().map(|c| header_key(c)).collect();
    let aliases = crate::columns::column_aliases();
    let recognised = |cells: &Vec<String>| {
        cells.iter().filter(|c| !c.is_empty()).count() >= 2
            && cells.iter().any(|c| {
                let k = header_key(c);
                named.contains(&k) || aliases.iter().any(|a| a.key == k)
            })
    };
    let head = rows.get(..rows.len().min(HEADER_SEARCH)).unwrap_or_default();
    head.iter()
        .find(|(_, cells)| recognised(cells))
        .or_else(|| head.iter().find(|(_, cells)| cells.iter().filter(|c| !c.is_empty()).count() >= 2))
        .map(|(row, _)| *row)
}

/// A cell as text: numbers as their shortest decimal at 15 significant digits.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => float_text(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e}"),
    }
}

/// A float as Excel shows it at full precision: 15 significant digits, no trailing zeros
/// (`87.35999999999999` → `87.36`).
pub(crate) fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let scientific = format!("{f:.14e}");
    rust_decimal::Decimal::from_scientific(&scientific)
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|_| f.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_floats() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(float_text(87.35999999999999), "87.36");
        assert_eq!(float_text(47.0), "47");
        assert_eq!(float_text(9.5), "9.5");
        assert_eq!(float_text(0.1 + 0.2), "0.3");
    }

    #[test]
    fn csv_rows_count_blank_lines_and_quoted_breaks() {
        let t = Table::from_csv("a,b\n1,2\n\n\n3,\"x\ny\"\n4,5\n", "t", &TableOptions::default()).unwrap();
        let rows: Vec<usize> = t.records().iter().map(|r| r.row).collect();
        assert_eq!(rows, vec![2, 5, 7]);
    }

    #[test]
    fn csv_header_row_option_skips_title_lines() {
        let o = TableOptions { header_row: Some(3), ..TableOptions::default() };
        let t = Table::from_csv("Title\n\nprovince,score\nHà Nội,90\n", "t", &o).unwrap();
        assert_eq!(t.headers(), ["province", "score"]);
        assert_eq!(t.records().first().map(|r| r.row), Some(4));
    }
}
