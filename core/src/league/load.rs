//! Building league tables: from CSV in the layout of `testdata/published/*.csv`, from
//! entries (the bindings' DataFrames and arrays), and the embedded published tables.

use super::{Entry, LeagueTable, Roster};
use crate::collect::Collector;
use crate::decimal::{fmt_publish, parse_optional, HUNDRED, PUBLISH_DP};
use crate::error::{Error, Location, Result};
use crate::index_kind::IndexKind;
use crate::province::{fold, registry};
use crate::table::{Table, TableOptions};
use rust_decimal::Decimal;

const PAR_CSV: &str = include_str!("../../../testdata/published/par_index_provinces.csv");
const SIPAS_CSV: &str = include_str!("../../../testdata/published/sipas_provinces.csv");
const PAR_LABEL: &str = "testdata/published/par_index_provinces.csv";
const SIPAS_LABEL: &str = "testdata/published/sipas_provinces.csv";

/// What a table is and how to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvTableOptions {
    /// The index.
    pub index: IndexKind,
    /// The assessment year; with a `year` column, only that year's rows are read.
    pub year: u16,
    /// The score column; by default the one column named `score`, `par_index_pct`,
    /// `sipas_pct`, `index`, `pct`, `percent`, `điểm` or `chỉ số`.
    pub score_column: Option<String>,
    /// Who is ranked (default: [`Roster::for_year`] for PAR and SIPAS, open otherwise).
    pub roster: Option<Roster>,
    /// How many are ranked (default: 63 provinces, 34 units, or the entries of an open roster).
    pub of: Option<u32>,
    /// The largest input read, in bytes (default [`crate::io::MAX_TABLE_BYTES`], 64 MiB);
    /// a larger one is [`Error::InputTooLarge`].
    pub max_input_bytes: u64,
    /// Decimal places compared when ranking (0–28; see [`super::Ranking`]). Default: the
    /// most decimals among the scores, at least 2 (the values as given; 2 for published
    /// tables).
    pub decimals: Option<u32>,
}

impl CsvTableOptions {
    /// Options for `index` and `year` with every default.
    pub fn new(index: IndexKind, year: u16) -> CsvTableOptions {
        CsvTableOptions {
            index,
            year,
            score_column: None,
            roster: None,
            of: None,
            max_input_bytes: crate::io::MAX_TABLE_BYTES,
            decimals: None,
        }
    }
}

/// One result handed in by a caller (a DataFrame row, a JS object). Serde shape
/// (`parindex::contract`): `{"province", "score"?, "rank"?, "rank_basis"?, "source"?,
/// "note"?, "row"?}`, each optional key `null` or absent when unknown; `score` a decimal
/// (percent), `rank` a whole number (a whole float such as `3.0` too: DataFrame columns with
/// gaps are floats).
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct EntryInput {
    /// Province name, any known spelling.
    pub province: String,
    /// Score in percent (0–100).
    #[serde(with = "crate::contract::opt_decimal")]
    #[cfg_attr(feature = "ts", tsify(type = "DecimalInput | null"))]
    pub score: Option<Decimal>,
    /// Rank (1 = best); an integer so that 0 and negatives can be refused with a clear error.
    #[serde(with = "crate::contract::number::opt_whole")]
    pub rank: Option<i64>,
    /// How the rank was read (`stated`, `list_order`).
    pub rank_basis: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Remarks.
    pub note: Option<String>,
    /// Row of the input, for error messages (spreadsheet numbering).
    #[serde(with = "crate::contract::number::opt_whole_usize")]
    pub row: Option<usize>,
}

impl LeagueTable {
    /// Read a league table from CSV text. Layout: one row per province and year, columns
    /// `province`, a score column (percent; decimal comma accepted), `rank`, and optionally
    /// `year`, `source_url`, `rank_basis`, `note` (Vietnamese headers accepted). Empty
    /// cells are unknowns: rows with a rank and no score, or a score and no rank, are normal.
    /// `label` names the input in errors and problems.
    ///
    /// Errors: [`Error::MissingField`] (no province or score column, or an empty name),
    /// [`Error::InvalidNumber`], [`Error::UnknownProvince`], [`Error::DuplicateProvince`],
    /// [`Error::InvalidRank`], [`Error::AboveMax`] / [`Error::Negative`] (a score outside
    /// 0–100), each with file, row and column; [`Error::NotFound`] if no row has the year.
    /// [`Error::InputTooLarge`] above `options.max_input_bytes`; [`Error::Encoding`]. The
    /// first problem stops the reading; [`LeagueTable::validate_csv`] lists them all.
    pub fn from_csv(text: &str, label: &str, options: &CsvTableOptions) -> Result<LeagueTable> {
        LeagueTable::from_csv_reader(text.as_bytes(), label, options)
    }

    /// [`LeagueTable::from_csv`] from a reader (a file, a stream), read once.
    ///
    /// Errors: as [`LeagueTable::from_csv`], and [`Error::Io`].
    pub fn from_csv_reader(source: impl std::io::Read, label: &str, options: &CsvTableOptions) -> Result<LeagueTable> {
        let table = Table::read_csv_from(
            source,
            label,
            &TableOptions::default(),
            false,
            options.max_input_bytes,
            "max_input_bytes",
        )?;
        LeagueTable::from_table(&table, options)
    }

    /// Read a league table from a worksheet of a workbook (.xlsx, .xls, .ods): the layout of
    /// [`LeagueTable::from_csv`], found under any title rows (see [`Table::from_workbook`]).
    /// `label` names the input in errors, which also name the sheet and cell.
    ///
    /// Errors: those of [`Table::from_workbook`], then as [`LeagueTable::from_csv`].
    pub fn from_excel(
        bytes: &[u8],
        label: &str,
        table: &TableOptions,
        options: &CsvTableOptions,
    ) -> Result<LeagueTable> {
        LeagueTable::from_table(&Table::from_workbook(bytes, label, table)?, options)
    }

    /// Read a league table from a workbook file. Errors: [`Error::Io`], then as
    /// [`LeagueTable::from_excel`].
    pub fn from_excel_path(
        path: impl AsRef<std::path::Path>,
        table: &TableOptions,
        options: &CsvTableOptions,
    ) -> Result<LeagueTable> {
        let path = path.as_ref();
        LeagueTable::from_excel(&crate::table::read_bytes(path)?, &path.display().to_string(), table, options)
    }

    /// Read a league table from a [`Table`] (CSV or worksheet): the layout of
    /// [`LeagueTable::from_csv`]; the table's `columns` option names the `province`,
    /// `score`, `rank`, `year`, `source`, `note` or `rank_basis` column when its header is
    /// not one the alias table knows (`options.score_column` also names the score column).
    ///
    /// Errors: as [`LeagueTable::from_csv`], with the sheet and cell for a worksheet;
    /// [`Error::UnknownColumn`] for a named column the table does not have;
    /// [`Error::InvalidArgument`] for a `columns` role this table does not have.
    pub fn from_table(table: &Table, options: &CsvTableOptions) -> Result<LeagueTable> {
        LeagueTable::read_table(table, options, &mut Collector::first()).map_err(|e| table.locate(e))
    }

    /// Every problem of a league table CSV at once, in row order: empty exactly when
    /// [`LeagueTable::from_csv`] succeeds, whose error is then among those listed. Each bad
    /// row is reported and the next one read (a bad number, an unknown or duplicate
    /// province, a score outside 0–100, a rank outside the table), with file, row
    /// (spreadsheet numbering: the header is row 1), column and code. A problem that makes
    /// the rest meaningless (bad CSV, no province or score column, an input too large, an
    /// encoding, options that cannot hold) ends the list; so does the 10,000th problem.
    pub fn validate_csv(text: &str, label: &str, options: &CsvTableOptions) -> Vec<Error> {
        let table = Table::read_csv_from(
            text.as_bytes(),
            label,
            &TableOptions::default(),
            false,
            options.max_input_bytes,
            "max_input_bytes",
        );
        match table {
            Ok(table) => LeagueTable::validate_table(&table, options),
            Err(e) => vec![e],
        }
    }

    /// Every problem of a league table worksheet at once (see [`LeagueTable::validate_csv`]),
    /// with sheet, row and cell: empty exactly when [`LeagueTable::from_excel`] succeeds.
    pub fn validate_excel(bytes: &[u8], label: &str, table: &TableOptions, options: &CsvTableOptions) -> Vec<Error> {
        match Table::from_workbook(bytes, label, table) {
            Ok(table) => LeagueTable::validate_table(&table, options),
            Err(e) => vec![e],
        }
    }

    /// Every problem of a [`Table`] (CSV or worksheet) read as a league table, at once (see
    /// [`LeagueTable::validate_csv`]): empty exactly when [`LeagueTable::from_table`]
    /// succeeds.
    pub fn validate_table(table: &Table, options: &CsvTableOptions) -> Vec<Error> {
        let mut problems = Collector::all(table.at());
        let end = LeagueTable::read_table(table, options, &mut problems);
        problems.into_errors(end).into_iter().map(|e| table.locate(e)).collect()
    }

    /// The rows of a table; each row's problem goes to `problems` (which fails fast or
    /// keeps it and goes on with the next row).
    fn read_table(table: &Table, options: &CsvTableOptions, problems: &mut Collector) -> Result<LeagueTable> {
        const L: &str = "league";
        table.check_roles(L, &[])?;
        let label = table.label();
        let at = table.at();
        let head = table.header_at();
        let raw_headers = table.headers();
        let c_province = table
            .column(L, "province", &[])
            .ok_or_else(|| Error::MissingField { at: head.clone(), field: "province".into() })?;
        let c_score = match &options.score_column {
            Some(name) => Some(
                table
                    .position_of(name)
                    .ok_or_else(|| crate::columns::unknown_column(&head, "score_column", name, raw_headers))?,
            ),
            None => match table.columns_of(L, "score").as_slice() {
                [one] => Some(*one),
                [] => None,
                _ => {
                    return Err(Error::malformed(
                        head.clone(),
                        "several score columns: name the one to use with score_column",
                    ))
                }
            },
        };
        let c_rank = table.column(L, "rank", &[]);
        if c_score.is_some() && c_score == c_rank {
            return Err(Error::malformed(head.clone(), "the score column is the rank column"));
        }
        if c_score.is_none() && c_rank.is_none() {
            return Err(Error::MissingField { at: head.clone(), field: "score or rank".into() });
        }
        let find = |role: &str| table.column(L, role, &[]);
        let (c_year, c_source, c_note, c_basis) = (find("year"), find("source"), find("note"), find("rank_basis"));
        let score_name = c_score.and_then(|c| raw_headers.get(c)).cloned().unwrap_or_default();
        let rank_name = c_rank.and_then(|c| raw_headers.get(c)).cloned().unwrap_or_default();
        let year_name = c_year.and_then(|c| raw_headers.get(c)).cloned().unwrap_or_default();

        let mut inputs = Vec::new();
        for record in table.records() {
            let row = record.row;
            let row_at = at.at_row(row);
            let cell = |c: Option<usize>| c.map_or("", |c| record.cell(c));
            if record.is_blank() {
                continue;
            }
            if c_year.is_some() {
                let y = cell(c_year);
                let year = y.parse::<u16>().map_err(|_| Error::InvalidNumber {
                    at: row_at.with_column(year_name.clone()),
                    value: y.to_string(),
                });
                match problems.check(year)? {
                    Some(year) if year == options.year => {}
                    _ => continue,
                }
            }
            let rank_text = cell(c_rank);
            let rank = if rank_text.is_empty() {
                Ok(None)
            } else {
                rank_text.parse::<i64>().map(Some).map_err(|_| {
                    let at = row_at.with_column(rank_name.clone());
                    let value = rank_text.to_string();
                    // A number with a fraction (a DataFrame's 1.5) is told as such.
                    if crate::decimal::parse_decimal(rank_text, &at).is_ok() {
                        Error::NotWhole { at, value }
                    } else {
                        Error::InvalidNumber { at, value }
                    }
                })
            };
            // Both cells of a row are checked before the row is skipped.
            let rank = problems.check(rank)?;
            let score = problems.check(parse_optional(cell(c_score), &row_at.with_column(score_name.clone())))?;
            let (Some(rank), Some(score)) = (rank, score) else { continue };
            let opt = |c: Option<usize>| Some(cell(c).to_string()).filter(|s| !s.is_empty());
            inputs.push(EntryInput {
                province: cell(Some(c_province)).to_string(),
                score,
                rank,
                rank_basis: opt(c_basis),
                source: opt(c_source),
                note: opt(c_note),
                row: Some(row),
            });
        }
        // Rows of the year that were all bad are already reported.
        if inputs.is_empty() && problems.is_clean() {
            return Err(Error::NotFoundIn {
                at,
                what: format!("rows in `{label}` for year"),
                name: options.year.to_string(),
                hint: String::new(),
            });
        }
        LeagueTable::from_entries_at(inputs, options, &at, problems)
    }

    /// Read a league table CSV file. Errors: [`Error::Io`], then as [`LeagueTable::from_csv`].
    /// A file above `options.max_input_bytes` is refused from its size, unread.
    pub fn from_csv_path(path: impl AsRef<std::path::Path>, options: &CsvTableOptions) -> Result<LeagueTable> {
        let path = path.as_ref();
        let limit = crate::io::Limit { bytes: options.max_input_bytes, setting: "max_input_bytes" };
        let (file, _) = crate::io::open(path, limit)?;
        LeagueTable::from_csv_reader(file, &path.display().to_string(), options)
    }

    /// Build a table from entries (the bindings' DataFrame rows and JS objects).
    /// `options.score_column` is ignored.
    ///
    /// Errors: as [`LeagueTable::from_csv`], with the entry's row when given.
    pub fn from_entries(
        inputs: Vec<EntryInput>,
        options: &CsvTableOptions,
        label: Option<&str>,
    ) -> Result<LeagueTable> {
        let at = Location { file: label.map(str::to_string), ..Location::default() };
        LeagueTable::from_entries_at(inputs, options, &at, &mut Collector::first())
    }

    /// Every problem of entries at once (see [`LeagueTable::validate_csv`]; rows are the
    /// entries' `row` when given, else the entry is named in the column): empty exactly
    /// when [`LeagueTable::from_entries`] succeeds, whose error is then among those listed.
    pub fn validate_entries(inputs: Vec<EntryInput>, options: &CsvTableOptions, label: Option<&str>) -> Vec<Error> {
        let at = Location { file: label.map(str::to_string), ..Location::default() };
        let mut problems = Collector::all(at.clone());
        let end = LeagueTable::from_entries_at(inputs, options, &at, &mut problems);
        problems.into_errors(end)
    }

    /// [`LeagueTable::from_entries`] with errors at `at` (file and sheet); each entry's
    /// problem goes to `problems`.
    fn from_entries_at(
        inputs: Vec<EntryInput>,
        options: &CsvTableOptions,
        at: &Location,
        problems: &mut Collector,
    ) -> Result<LeagueTable> {
        let label = at.file.as_deref();
        let at = at.clone();
        let roster = options.roster.unwrap_or(match options.index {
            IndexKind::Par | IndexKind::Sipas => Roster::for_year(options.year),
            IndexKind::Custom(_) => Roster::Open,
        });
        let max_rank = inputs.iter().filter_map(|e| e.rank).max().unwrap_or(0);
        let of = match (options.of, roster) {
            (Some(of), _) => of,
            (None, Roster::Provinces) => 63,
            (None, Roster::Units2025) => 34,
            (None, Roster::Open) => {
                u32::try_from(max_rank.max(i64::try_from(inputs.len()).unwrap_or(i64::MAX))).unwrap_or(u32::MAX)
            }
        };
        if let Some(d) = options.decimals {
            super::check_decimals(d)?;
        }
        if of == 0 {
            return Err(Error::invalid_argument("of", "a table ranks at least one province"));
        }
        if of > super::MAX_RANKED {
            let why = match options.of {
                Some(_) => format!("{of} is above {}, the most a table ranks", super::MAX_RANKED),
                None => format!(
                    "the open roster's size would be {of} (its largest rank or its number of entries), above {}, the most a table ranks",
                    super::MAX_RANKED
                ),
            };
            return Err(Error::invalid_argument("of", why));
        }
        let mut entries: Vec<Entry> = Vec::new();
        entries.try_reserve(inputs.len()).map_err(|_| {
            crate::io::too_large(
                &at,
                format!("{} entries", inputs.len()),
                crate::io::Limit { bytes: options.max_input_bytes, setting: "max_input_bytes" },
            )
        })?;
        // Entries by name, and (open roster) by folded name: one lookup per entry, not a scan.
        let mut by_name: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut by_folded: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, input) in inputs.into_iter().enumerate() {
            // Without a row (entries from a list), errors name the entry in the column.
            let row_at = match input.row {
                Some(r) => at.at_row(r),
                None => Location { column: Some(format!("entry {}", i + 1)), ..at.clone() },
            };
            let column = |name: &str| match input.row {
                Some(_) => row_at.with_column(name),
                None => row_at.with_column(format!("{name} (entry {})", i + 1)),
            };
            if input.province.trim().is_empty() {
                problems.push(Error::MissingField { at: column("province"), field: "province".into() })?;
                continue;
            }
            let folded = fold(&input.province);
            let same = by_folded.get(&folded).and_then(|&k| entries.get(k)).map(|e| e.province.as_str());
            let name = match (roster, same) {
                // Open roster, a name already seen under another spelling: that entry's.
                (Roster::Open, Some(seen)) if !input.province.chars().any(char::is_control) => seen.to_string(),
                _ => match problems.check(canonical_name(roster, &input.province, &row_at, std::iter::empty()))? {
                    Some(name) => name,
                    None => continue,
                },
            };
            if let Some(first) = by_name.get(&name).and_then(|&k| entries.get(k)) {
                problems.push(Error::DuplicateProvince {
                    at: row_at.with_code(name.clone()),
                    province: name,
                    first: first.row.map_or("an earlier entry".to_string(), |r| format!("row {r}")),
                })?;
                continue;
            }
            let mut score = input.score;
            if let Some(s) = score {
                let here = column("score").with_code(name.clone());
                if s < Decimal::ZERO {
                    problems.push(Error::Negative { at: here, value: s })?;
                    score = None;
                } else if s > HUNDRED {
                    problems.push(Error::AboveMax { at: here, points: s, max: HUNDRED })?;
                    score = None;
                }
            }
            // A bad score or rank is reported and left out; the entry stays, so that a
            // later duplicate of it is still found.
            let rank = match input.rank {
                None => None,
                Some(r) if r >= 1 && r <= i64::from(of) => u32::try_from(r).ok(),
                Some(r) => {
                    problems.push(Error::InvalidRank { at: column("rank").with_code(name.clone()), rank: r, of })?;
                    None
                }
            };
            by_name.insert(name.clone(), entries.len());
            by_folded.entry(folded).or_insert(entries.len());
            entries.push(Entry {
                province: name,
                // Written with at least the 2 published decimals (84.6 → 84.60: the same
                // number); more decimals, when given, are kept.
                score: score.map(|mut v| {
                    if v.scale() < PUBLISH_DP {
                        v.rescale(PUBLISH_DP);
                    }
                    v
                }),
                rank,
                rank_basis: input.rank_basis,
                source: input.source,
                note: input.note,
                row: input.row,
            });
        }
        if entries.len() > of as usize {
            return Err(Error::invalid_argument(
                "of",
                format!("{} entries cannot be ranked among {of}", entries.len()),
            ));
        }
        Ok(LeagueTable::assemble(
            options.index.clone(),
            options.year,
            of,
            roster,
            label.map(str::to_string),
            entries,
            options.decimals,
        ))
    }

    /// The table as CSV (`year,province,score,rank,rank_basis,source,note`), readable back
    /// by [`LeagueTable::from_csv`]. Scores are written exactly as held.
    pub fn to_csv(&self) -> Result<String> {
        let err = |e: csv::Error| {
            Error::malformed(Location { file: self.label.clone(), ..Location::default() }, e.to_string())
        };
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["year", "province", "score", "rank", "rank_basis", "source", "note"]).map_err(err)?;
        for e in &self.entries {
            w.write_record([
                self.year.to_string(),
                e.province.clone(),
                e.score.map(|s| s.to_string()).unwrap_or_default(),
                e.rank.map(|r| r.to_string()).unwrap_or_default(),
                e.rank_basis.clone().unwrap_or_default(),
                e.source.clone().unwrap_or_default(),
                e.note.clone().unwrap_or_default(),
            ])
            .map_err(err)?;
        }
        let bytes = w.into_inner().map_err(|e| Error::malformed(Location::default(), e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| Error::malformed(Location::default(), e.to_string()))
    }

    /// A one-line summary of a province's standing, e.g. `Lạng Sơn: 85.94% (#47 of 63, band B)`.
    pub fn describe(&self, name: &str) -> Result<String> {
        let canonical = self.canonical(name)?;
        let score = self.score(name)?.map_or("score not published".to_string(), |s| format!("{}%", fmt_publish(s)));
        let rank = self.rank_bounds(name)?;
        let rank = if rank.is_exact() { format!("#{}", rank.best) } else { format!("#{}–{}", rank.best, rank.worst) };
        let band = self.band(name)?.map(|b| format!(", band {b}")).unwrap_or_default();
        Ok(format!("{canonical}: {score} ({rank} of {}{band})", self.of))
    }
}

/// The canonical form of a name under a roster.
pub(super) fn canonical_name<'a>(
    roster: Roster,
    name: &str,
    at: &Location,
    existing: impl Iterator<Item = &'a str>,
) -> Result<String> {
    let unknown = |names: Vec<&str>| Error::UnknownProvince {
        at: at.clone(),
        name: crate::error::quote(name.trim()),
        closest: crate::province::closest(name, names.into_iter()),
    };
    // A name with control characters (a NUL from a broken export) matches nothing: folding
    // would otherwise read them as spaces.
    if name.chars().any(char::is_control) {
        let name = crate::error::quote(&name.trim().escape_debug().to_string());
        return Err(match roster {
            Roster::Open => {
                Error::malformed(at.with_column("province"), format!("the name `{name}` contains control characters"))
            }
            _ => Error::UnknownProvince { at: at.clone(), name, closest: Vec::new() },
        });
    }
    match roster {
        Roster::Provinces => {
            let reg = registry()?;
            Ok(reg
                .province(name)
                .ok_or_else(|| unknown(reg.provinces().iter().map(|p| p.name.as_str()).collect()))?
                .name
                .clone())
        }
        Roster::Units2025 => {
            let reg = registry()?;
            Ok(reg
                .unit_2025(name)
                .ok_or_else(|| unknown(reg.units_2025().iter().map(|u| u.name.as_str()).collect()))?
                .name
                .clone())
        }
        Roster::Open => {
            let key = fold(name);
            if key.is_empty() {
                return Err(Error::MissingField { at: at.with_column("province"), field: "province".into() });
            }
            let mut existing = existing;
            Ok(existing.find(|e| fold(e) == key).map_or_else(|| name.trim().to_string(), str::to_string))
        }
    }
}

fn published_source(index: &IndexKind) -> Result<(&'static str, &'static str)> {
    match index {
        IndexKind::Par => Ok((PAR_CSV, PAR_LABEL)),
        IndexKind::Sipas => Ok((SIPAS_CSV, SIPAS_LABEL)),
        IndexKind::Custom(name) => Err(Error::NotFound {
            what: "published results for index".into(),
            name: name.clone(),
            hint: " (published results exist for par and sipas)".into(),
        }),
    }
}

/// Years with embedded published results for an index (2021–2023 for PAR and SIPAS).
///
/// Errors: [`Error::NotFound`] for a custom index.
pub fn published_years(index: &IndexKind) -> Result<Vec<u16>> {
    let (text, _) = published_source(index)?;
    let mut years: Vec<u16> =
        text.lines().skip(1).filter_map(|l| l.split(',').next()).filter_map(|y| y.trim().parse().ok()).collect();
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

/// The published league table of an index and year, from `testdata/published/`
/// (values read in cited public sources; partial coverage: e.g. PAR 2023 has 34 of 63
/// ranks and 26 scores). Every row keeps its source.
///
/// Errors: [`Error::NotFound`] for a year or index without embedded results.
pub fn published(index: &IndexKind, year: u16) -> Result<LeagueTable> {
    let (text, label) = published_source(index)?;
    let years = published_years(index)?;
    if !years.contains(&year) {
        let list: Vec<String> = years.iter().map(ToString::to_string).collect();
        return Err(Error::NotFound {
            what: format!("published {index} table for"),
            name: year.to_string(),
            hint: format!(" (available: {})", list.join(", ")),
        });
    }
    // Published values have 2 decimals (some are written with 1: 84.6 is 84.60).
    let options = CsvTableOptions { decimals: Some(PUBLISH_DP), ..CsvTableOptions::new(index.clone(), year) };
    LeagueTable::from_csv(text, label, &options)
}
