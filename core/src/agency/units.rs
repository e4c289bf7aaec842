//! Many units at once: one long table (unit, code, points …) → a scorecard per unit under
//! one framework → a league table of the units.

use super::appraisal::Claim;
use crate::decimal::parse_decimal;
use crate::error::{Error, Location, Result};
use crate::framework::{Framework, Measure, NodeRef, Rule, TOTAL};
use crate::league::{CsvTableOptions, EntryInput, LeagueTable, Roster};
use crate::province::fold;
use crate::scorecard::Scorecard;
use crate::table::{Table, TableOptions};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// One row of a long table, cells as written (the bindings' DataFrame rows and JS objects
/// arrive in this shape; numbers as text, decimal comma accepted).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct LongRow {
    /// The unit (đơn vị): a district, department or province, any spelling.
    pub unit: String,
    /// Node code.
    pub code: String,
    /// Points (framework points); when empty, the appraised points, else the measure.
    #[serde(default)]
    pub points: Option<String>,
    /// A measured input for the leaf's scoring rule (`true`/`false`, a level key, a value).
    #[serde(default)]
    pub measure: Option<String>,
    /// Self-assessed points.
    #[serde(default)]
    pub self_assessed: Option<String>,
    /// Appraised points.
    #[serde(default)]
    pub appraised: Option<String>,
    /// Evidence references, separated by `;` or line breaks.
    #[serde(default)]
    pub evidence: Option<String>,
    /// Assessment year, when the table holds several.
    #[serde(default)]
    pub year: Option<String>,
    /// Row in the input (spreadsheet numbering), for errors.
    #[serde(default)]
    pub row: Option<usize>,
}

/// Scorecards of many units on one framework, in the order the units first appear.
#[derive(Debug, Clone, PartialEq)]
pub struct Units {
    framework: Arc<Framework>,
    year: Option<u16>,
    cards: Vec<Scorecard>,
}

fn blank(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}

/// A node's code, borrowed from the framework.
fn code_of(n: NodeRef<'_>) -> &str {
    match n {
        NodeRef::Total => TOTAL,
        NodeRef::Node(n) => &n.code,
        NodeRef::Group(_, g) => &g.code,
    }
}

/// A long-table row as borrowed cells: what [`Units`] reads from [`LongRow`]s, CSV records
/// and worksheet rows alike (a CSV's cells are not copied one string each).
#[derive(Clone, Copy, Default)]
struct Cells<'a> {
    unit: &'a str,
    code: &'a str,
    points: Option<&'a str>,
    measure: Option<&'a str>,
    self_assessed: Option<&'a str>,
    appraised: Option<&'a str>,
    evidence: Option<&'a str>,
    year: Option<&'a str>,
    row: Option<usize>,
}

impl<'a> Cells<'a> {
    fn of(r: &'a LongRow) -> Cells<'a> {
        Cells {
            unit: &r.unit,
            code: &r.code,
            points: r.points.as_deref(),
            measure: r.measure.as_deref(),
            self_assessed: r.self_assessed.as_deref(),
            appraised: r.appraised.as_deref(),
            evidence: r.evidence.as_deref(),
            year: r.year.as_deref(),
            row: r.row,
        }
    }
}

impl Units {
    /// Build every unit's scorecard from long rows. With `year`, rows of other years are
    /// skipped (rows without a year are kept).
    ///
    /// Errors: every bad row together ([`Error::Invalid`] when more than one), each naming
    /// the row, the column with the unit, and the code: [`Error::MissingField`] (no unit or
    /// code), [`Error::InvalidNumber`], [`Error::UnknownCode`], [`Error::DuplicateCode`]
    /// (a unit's code twice), [`Error::Negative`], [`Error::AboveMax`], [`Error::Rule`];
    /// [`Error::InvalidArgument`] when the rows hold several years and none is asked for.
    pub fn from_rows(
        framework: impl Into<Arc<Framework>>,
        rows: &[LongRow],
        year: Option<u16>,
        label: Option<&str>,
    ) -> Result<Units> {
        let cells: Vec<Cells<'_>> = rows.iter().map(Cells::of).collect();
        let (units, errors) = Self::build(framework.into(), &cells, year, label)?;
        match Error::collect(label, errors) {
            Some(e) => Err(e),
            None => Ok(units),
        }
    }

    fn build(
        fw: Arc<Framework>,
        rows: &[Cells<'_>],
        year: Option<u16>,
        label: Option<&str>,
    ) -> Result<(Units, Vec<Error>)> {
        let base = Location { file: label.map(str::to_string), ..Location::default() };
        let mut errors = Vec::new();
        if year.is_none() {
            let mut years: Vec<&str> = rows.iter().filter_map(|r| blank(r.year)).collect();
            years.sort_unstable();
            years.dedup();
            if years.len() > 1 {
                return Err(Error::invalid_argument(
                    "year",
                    format!("the table holds several years ({}): pass the one to read", years.join(", ")),
                ));
            }
        }
        let wanted = year.map(|y| y.to_string());
        // Codes are resolved on this handle (the cards share it), so the canonical codes
        // borrowed from it outlive the loop without a copy per row.
        let framework = Arc::clone(&fw);
        let mut cards: Vec<Scorecard> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        // The same spelling again skips the folding (and the unit of the row before, the
        // lookup); (unit, code) pairs already read.
        let mut spelled: HashMap<&str, usize> = HashMap::new();
        let mut last: Option<(&str, usize)> = None;
        let mut seen: HashSet<(usize, &str)> = HashSet::new();
        for (i, r) in rows.iter().enumerate() {
            // Built only for an error: most rows are fine, and a location allocates.
            let at = || match r.row {
                Some(row) => base.at_row(row),
                None => base.with_column(format!("item {i}")),
            };
            if let (Some(y), Some(cell)) = (&wanted, blank(r.year)) {
                if cell != y {
                    continue;
                }
            }
            let unit = r.unit.trim();
            let code = r.code.trim();
            if unit.is_empty() {
                errors.push(Error::MissingField { at: at().with_column("unit"), field: "unit (đơn vị)".into() });
                continue;
            }
            let col = |name: &str| at().with_column(format!("{name} (unit {unit})")).with_code(code);
            if code.is_empty() {
                errors.push(Error::MissingField { at: col("code"), field: "code (mã, STT)".into() });
                continue;
            }
            let k = match (last, spelled.get(unit)) {
                (Some((u, k)), _) if u == unit => k,
                (_, Some(&k)) => k,
                _ => {
                    let k = *index.entry(fold(unit)).or_insert_with(|| {
                        let mut card = Scorecard::new(Arc::clone(&fw), unit);
                        if let Some(y) = year.or_else(|| blank(r.year).and_then(|c| c.parse().ok())) {
                            card = card.with_year(y);
                        }
                        cards.push(card);
                        cards.len() - 1
                    });
                    spelled.insert(unit, k);
                    k
                }
            };
            last = Some((unit, k));
            let Some(card) = cards.get_mut(k) else { continue };
            let canonical = match framework.resolve(code) {
                Ok(n) => code_of(n),
                Err(_) => {
                    errors.push(Error::UnknownCode {
                        at: col("code"),
                        code: code.to_string(),
                        within: format!("framework {}", framework.id),
                    });
                    continue;
                }
            };
            if !seen.insert((k, canonical)) {
                errors.push(Error::DuplicateCode { at: col("code"), code: code.to_string() });
                continue;
            }
            if let Err(e) = read_row(card, r, canonical, &col) {
                errors.push(e);
            }
        }
        drop(seen);
        Ok((Units { framework: fw, year, cards }, errors))
    }

    /// Read a long table from CSV: columns `unit` (`đơn vị`, `province`, `tỉnh`), `code`
    /// (`mã`, `STT`) (required); `points` (`điểm`) or `measure`; optional `self_assessed`
    /// (`tự đánh giá`), `appraised` (`thẩm định`), `evidence` (`tài liệu kiểm chứng`),
    /// `year` (`năm`).
    ///
    /// Errors: [`Error::MissingField`] for a missing column; [`Error::Malformed`] for bad
    /// CSV; then as [`Units::from_rows`], rows numbered as in the spreadsheet.
    pub fn from_csv(text: &str, label: &str, framework: impl Into<Arc<Framework>>, year: Option<u16>) -> Result<Units> {
        let (rows, mut errors) = read_csv(text, label, year);
        if !errors.is_empty() && rows.rows.is_empty() {
            return Err(
                Error::collect(Some(label), errors).unwrap_or_else(|| Error::malformed(Location::file(label), ""))
            );
        }
        let (units, more) = Self::build(framework.into(), &rows.cells(), year, Some(label))?;
        errors.extend(more);
        match Error::collect(Some(label), errors) {
            Some(e) => Err(e),
            None => Ok(units),
        }
    }

    /// Read a long table from a CSV file. Errors: [`Error::Io`], then as [`Units::from_csv`].
    pub fn from_csv_path(
        path: impl AsRef<std::path::Path>,
        framework: impl Into<Arc<Framework>>,
        year: Option<u16>,
    ) -> Result<Units> {
        crate::io::with_text(path, |text, label| Units::from_csv(text, label, framework, year))
    }

    /// Every problem of a long-table CSV at once (empty when it loads), rows numbered as in
    /// the spreadsheet.
    pub fn validate_csv(
        text: &str,
        label: &str,
        framework: impl Into<Arc<Framework>>,
        year: Option<u16>,
    ) -> Vec<Error> {
        let (rows, mut errors) = read_csv(text, label, year);
        match Self::build(framework.into(), &rows.cells(), year, Some(label)) {
            Ok((_, more)) => errors.extend(more),
            Err(e) => errors.push(e),
        }
        errors
    }

    /// Read a long table from a worksheet of a workbook (.xlsx, .xls, .ods; see
    /// [`Table::from_workbook`]: sheet by name or index, title rows above the header
    /// skipped, decimal commas and numbers stored as text read alike), the columns as in
    /// [`Units::from_csv`] (or named in `options.columns`: roles `unit`, `code`, `points`,
    /// `measure`, `self_assessed`, `appraised`, `evidence`, `year`).
    ///
    /// Errors: those of [`Table::from_workbook`]; then as [`Units::from_csv`], naming the
    /// sheet and the cell (A1) where the column is known.
    pub fn from_excel(
        bytes: &[u8],
        label: &str,
        framework: impl Into<Arc<Framework>>,
        year: Option<u16>,
        options: &TableOptions,
    ) -> Result<Units> {
        Units::from_table(&Table::from_workbook(bytes, label, options)?, framework, year)
    }

    /// Build every unit's scorecard from a [`Table`] read from CSV or a worksheet (see
    /// [`Units::from_excel`]). Errors: as [`Units::from_excel`].
    pub fn from_table(table: &Table, framework: impl Into<Arc<Framework>>, year: Option<u16>) -> Result<Units> {
        let label = table.label();
        let columns = table_columns(table).ok();
        let located = |errors: Vec<Error>| errors.into_iter().map(|e| locate(table, columns, e)).collect::<Vec<_>>();
        let rows = match read_table(table) {
            Ok(rows) => rows,
            Err(e) => {
                return Err(Error::collect(Some(label), located(e))
                    .unwrap_or_else(|| Error::malformed(table.header_at(), "no columns")))
            }
        };
        let cells: Vec<Cells<'_>> = rows.iter().map(Cells::of).collect();
        let (units, errors) = Self::build(framework.into(), &cells, year, Some(label))?;
        match Error::collect(Some(label), located(errors)) {
            Some(e) => Err(e),
            None => Ok(units),
        }
    }

    /// [`Units::from_excel`] from a file. Errors: [`Error::Io`], then as [`Units::from_excel`].
    pub fn from_excel_path(
        path: impl AsRef<std::path::Path>,
        framework: impl Into<Arc<Framework>>,
        year: Option<u16>,
        options: &TableOptions,
    ) -> Result<Units> {
        let path = path.as_ref();
        Units::from_excel(&crate::table::read_bytes(path)?, &path.display().to_string(), framework, year, options)
    }

    /// Every problem of a long-table worksheet at once (empty when it loads), with sheet,
    /// row and cell.
    pub fn validate_excel(
        bytes: &[u8],
        label: &str,
        framework: impl Into<Arc<Framework>>,
        year: Option<u16>,
        options: &TableOptions,
    ) -> Vec<Error> {
        match Table::from_workbook(bytes, label, options) {
            Ok(table) => Units::validate_table(&table, framework, year),
            Err(e) => vec![e],
        }
    }

    /// Every problem of a [`Table`] read from CSV or a worksheet, at once.
    pub fn validate_table(table: &Table, framework: impl Into<Arc<Framework>>, year: Option<u16>) -> Vec<Error> {
        let columns = table_columns(table).ok();
        let errors = match read_table(table) {
            Ok(rows) => match Self::build(
                framework.into(),
                &rows.iter().map(Cells::of).collect::<Vec<_>>(),
                year,
                Some(table.label()),
            ) {
                Ok((_, errors)) => errors,
                Err(e) => vec![e],
            },
            Err(e) => e,
        };
        errors.into_iter().map(|e| locate(table, columns, e)).collect()
    }

    /// The framework.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// The year asked for, if any.
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// The scorecards, in the order the units first appear.
    pub fn cards(&self) -> &[Scorecard] {
        &self.cards
    }

    /// The unit names.
    pub fn units(&self) -> Vec<&str> {
        self.cards.iter().map(Scorecard::province).collect()
    }

    /// One unit's scorecard (matched without case or diacritics).
    pub fn get(&self, unit: &str) -> Option<&Scorecard> {
        // The same spelling needs no folding (the common case: one file's names).
        self.cards.iter().find(|c| c.province() == unit).or_else(|| {
            let key = fold(unit);
            self.cards.iter().find(|c| fold(c.province()) == key)
        })
    }

    /// The league table of the units: each unit's index (percent, unrounded) on an open
    /// roster of all the units; a unit without a total has no score.
    ///
    /// Errors: those of [`LeagueTable::from_entries`].
    pub fn league_table(&self) -> Result<LeagueTable> {
        let entries = self
            .cards
            .iter()
            .map(|c| EntryInput { province: c.province().to_string(), score: c.index(), ..EntryInput::default() })
            .collect();
        let mut options = CsvTableOptions::new(self.framework.index.clone(), self.year.unwrap_or(0));
        options.roster = Some(Roster::Open);
        LeagueTable::from_entries(entries, &options, None)
    }
}

impl Units {
    /// The index change (percent points) of every unit with a total in both `previous` and
    /// these scorecards, in this table's order: the sample a
    /// [`crate::simulate::ChangeModel::Sample`] needs to simulate the units' next year.
    pub fn changes(&self, previous: &Units) -> Vec<rust_decimal::Decimal> {
        self.cards.iter().filter_map(|c| Some(c.index()? - previous.get(c.province())?.index()?)).collect()
    }
}

fn read_row(card: &mut Scorecard, r: &Cells<'_>, code: &str, col: &dyn Fn(&str) -> Location) -> Result<()> {
    let relocate = |mut e: Error, name: &str| {
        if let Some(at) = e.location_mut() {
            *at = col(name);
        }
        e
    };
    // Parsed at an empty location, moved to the cell's on error: the location of every
    // cell read would cost allocations on rows that are fine.
    let num = |v: Option<&str>, name: &str| {
        blank(v).map(|s| parse_decimal(s, &Location::default()).map_err(|e| relocate(e, name))).transpose()
    };
    let points = num(r.points, "points")?;
    let self_assessed = num(r.self_assessed, "self_assessed")?;
    let appraised = num(r.appraised, "appraised")?;
    if let Some(p) = points.or(appraised) {
        card.set(code, p).map_err(|e| relocate(e, if points.is_some() { "points" } else { "appraised" }))?;
    } else if let Some(m) = blank(r.measure) {
        let rule = card.framework().node(code).and_then(|n| n.rule.clone());
        let measure = match rule {
            Some(Rule::Boolean) => match fold(m).as_str() {
                "true" | "1" | "co" | "yes" | "dat" | "x" => Measure::Flag(true),
                "false" | "0" | "khong" | "no" | "khong dat" => Measure::Flag(false),
                _ => return Err(Error::Rule { at: col("measure"), message: format!("`{m}` is not yes or no") }),
            },
            Some(Rule::Levels { .. }) => Measure::Level(m.to_string()),
            _ => Measure::Value(parse_decimal(m, &col("measure"))?),
        };
        card.set_measure(code, &measure).map_err(|e| relocate(e, "measure"))?;
    }
    if self_assessed.is_some() || appraised.is_some() || blank(r.evidence).is_some() {
        let evidence = blank(r.evidence)
            .map(|e| e.split([';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default();
        // The code is new to this card (the caller checked), so the claim is appended
        // without a search for an earlier one.
        card.add_new_claim(Claim { code: code.to_string(), self_assessed, appraised, evidence, row: r.row })
            .map_err(|e| relocate(e, "self_assessed"))?;
    }
    Ok(())
}

/// A long table's cells read from CSV: every cell's text in one buffer, each row its
/// cells' spans (unit, code, points, measure, self-assessed, appraised, evidence, year).
#[derive(Default)]
struct CsvRows {
    text: String,
    rows: Vec<(Spans, usize)>,
}

/// Byte ranges of a row's cells in [`CsvRows::text`], in the order of [`Cells`].
type Spans = [Option<(usize, usize)>; 8];

impl CsvRows {
    fn cells(&self) -> Vec<Cells<'_>> {
        let cell = |span: Option<(usize, usize)>| span.and_then(|(a, b)| self.text.get(a..b));
        self.rows
            .iter()
            .map(|&([unit, code, points, measure, self_assessed, appraised, evidence, year], row)| Cells {
                unit: cell(unit).unwrap_or_default(),
                code: cell(code).unwrap_or_default(),
                points: cell(points),
                measure: cell(measure),
                self_assessed: cell(self_assessed),
                appraised: cell(appraised),
                evidence: cell(evidence),
                year: cell(year),
                row: Some(row),
            })
            .collect()
    }
}

fn read_csv(text: &str, label: &str, year: Option<u16>) -> (CsvRows, Vec<Error>) {
    let wanted = year.map(|y| y.to_string());
    let at = Location::file(label);
    let limit = crate::io::Limit { bytes: crate::io::MAX_TABLE_BYTES, setting: "max_input_bytes" };
    let mut reader = match crate::io::csv_reader(text.as_bytes(), label, limit, true) {
        Ok(r) => r,
        Err(e) => return (CsvRows::default(), vec![e]),
    };
    let keys: Vec<String> = match crate::io::headers(&mut reader, &at) {
        Ok((raw, _)) => raw.iter().map(|h| crate::columns::header_key(h)).collect(),
        Err(e) => return (CsvRows::default(), vec![e]),
    };
    let cols = match Columns::find(&keys, &at.at_row(1)) {
        Ok(c) => c,
        Err(e) => return (CsvRows::default(), e),
    };
    let Columns { unit: c_unit, code: c_code, points: c_points, measure: c_measure, .. } = cols;
    let (c_self, c_appraised, c_evidence, c_year) = (cols.self_assessed, cols.appraised, cols.evidence, cols.year);
    let wanted_columns = [Some(c_unit), Some(c_code), c_points, c_measure, c_self, c_appraised, c_evidence, c_year];
    let mut errors = Vec::new();
    let mut out = CsvRows::default();
    let mut record = csv::StringRecord::new();
    loop {
        match crate::io::next_record(&mut reader, &mut record, &at) {
            Ok(true) => {}
            Ok(false) => break,
            // Bad CSV is reported and the rest still read; a limit, an encoding or an I/O
            // failure ends the file.
            Err(e) => {
                let fatal = matches!(e, Error::InputTooLarge { .. } | Error::Encoding { .. } | Error::Io { .. });
                errors.push(e);
                if fatal {
                    break;
                }
                continue;
            }
        }
        let row = crate::io::row_of(&reader, &record);
        // Rows of another year are skipped here, before any cell is copied.
        if let (Some(w), Some(c)) = (&wanted, c_year) {
            let y = record.get(c).map_or("", str::trim);
            if !y.is_empty() && y != w {
                continue;
            }
        }
        let mut spans = [None; 8];
        for (span, c) in spans.iter_mut().zip(wanted_columns) {
            if let Some(v) = c.and_then(|c| record.get(c)) {
                let start = out.text.len();
                out.text.push_str(v.trim());
                *span = Some((start, out.text.len()));
            }
        }
        out.rows.push((spans, row));
    }
    (out, errors)
}

/// The long table's columns, found through the alias table (`core/data/columns.csv`,
/// loader `long`).
#[derive(Clone, Copy)]
struct Columns {
    unit: usize,
    code: usize,
    points: Option<usize>,
    measure: Option<usize>,
    self_assessed: Option<usize>,
    appraised: Option<usize>,
    evidence: Option<usize>,
    year: Option<usize>,
}

impl Columns {
    /// From the headers' matching keys. Errors: [`Error::MissingField`] at `at` for each
    /// missing required column.
    fn find(keys: &[String], at: &Location) -> std::result::Result<Columns, Vec<Error>> {
        let col = |role: &str| keys.iter().position(|k| crate::columns::is_alias("long", role, k));
        let (unit, code) = (col("unit"), col("code"));
        let mut errors = Vec::new();
        if unit.is_none() {
            errors.push(Error::MissingField { at: at.clone(), field: "unit (đơn vị)".into() });
        }
        if code.is_none() {
            errors.push(Error::MissingField { at: at.clone(), field: "code (mã, STT)".into() });
        }
        let (points, measure, appraised) = (col("points"), col("measure"), col("appraised"));
        if points.is_none() && measure.is_none() && appraised.is_none() {
            errors.push(Error::MissingField { at: at.clone(), field: "points (điểm) or measure".into() });
        }
        match (unit, code) {
            (Some(unit), Some(code)) if errors.is_empty() => Ok(Columns {
                unit,
                code,
                points,
                measure,
                self_assessed: col("self_assessed"),
                appraised,
                evidence: col("evidence"),
                year: col("year"),
            }),
            _ => Err(errors),
        }
    }
}

impl Columns {
    /// The column a location's column names (`code (unit …)` → the code column).
    fn of(&self, column: &str) -> Option<usize> {
        match column.split(" (").next()? {
            "unit" => Some(self.unit),
            "code" => Some(self.code),
            "points" => self.points,
            "measure" => self.measure,
            "self_assessed" => self.self_assessed,
            "appraised" => self.appraised,
            "evidence" => self.evidence,
            "year" => self.year,
            _ => None,
        }
    }
}

/// An error of a worksheet's row, with the sheet and the A1 cell.
fn locate(table: &Table, columns: Option<Columns>, mut e: Error) -> Error {
    if let (Some(c), Some(at)) = (columns, e.location_mut()) {
        if let (None, Some(row), Some(i)) = (&at.cell, at.row, at.column.as_deref().and_then(|k| c.of(k))) {
            at.cell = Some(table.cell_name(row, i));
        }
    }
    table.locate(e)
}

/// The columns of a worksheet, when its header has the required ones.
fn table_columns(table: &Table) -> std::result::Result<Columns, Vec<Error>> {
    let keys: Vec<String> = table.headers().iter().map(|h| crate::columns::header_key(h)).collect();
    Columns::find(&keys, &table.header_at())
}

/// The long rows of a worksheet (every year's; the year is chosen when building).
fn read_table(table: &Table) -> std::result::Result<Vec<LongRow>, Vec<Error>> {
    let c = table_columns(table)?;
    let cell = |r: &crate::table::Record, i: Option<usize>| i.map(|i| r.cell(i).to_string());
    Ok(table
        .records()
        .iter()
        .filter(|r| !r.is_blank())
        .map(|r| LongRow {
            unit: r.cell(c.unit).to_string(),
            code: r.cell(c.code).to_string(),
            points: cell(r, c.points),
            measure: cell(r, c.measure),
            self_assessed: cell(r, c.self_assessed),
            appraised: cell(r, c.appraised),
            evidence: cell(r, c.evidence),
            year: cell(r, c.year),
            row: Some(r.row),
        })
        .collect())
}
