//! Frameworks from CSV in the official table layout: STT (code) | name | max points |
//! method | … . Headers are matched in Vietnamese or English, ignoring case and diacritics.

use super::model::{Framework, Node, Status};
use super::rule::Rule;
use crate::collect::Collector;
use crate::decimal::parse_optional;
use crate::error::{Error, Location, Result};
use crate::index_kind::IndexKind;
use crate::province::fold;
use crate::table::{Table, TableOptions};
use rust_decimal::Decimal;

/// Metadata for a framework read from CSV (the table itself carries only the nodes).
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct CsvFrameworkOptions {
    /// Identifier for the framework.
    pub id: String,
    /// Which index it is for.
    pub index: IndexKind,
    /// Name in Vietnamese.
    pub name_vi: String,
    /// The decision that sets it, if any.
    pub decision: String,
    /// Declared total max points. When `None`, a row coded `total` / `Tổng` / `Tổng cộng`
    /// declares it; when neither is present, the total is left unknown.
    #[serde(with = "crate::contract::opt_decimal")]
    pub total_max_points: Option<Decimal>,
    /// The largest input read, in bytes (default [`crate::io::MAX_TABLE_BYTES`], 64 MiB);
    /// a larger one is [`Error::InputTooLarge`].
    pub max_input_bytes: u64,
}

impl Default for CsvFrameworkOptions {
    fn default() -> Self {
        CsvFrameworkOptions {
            id: "custom".into(),
            index: IndexKind::Custom("custom".into()),
            name_vi: String::new(),
            decision: String::new(),
            total_max_points: None,
            max_input_bytes: crate::io::MAX_TABLE_BYTES,
        }
    }
}

/// Whether a row is the table's total: coded `total` / `Tổng` / `Tổng cộng` / `Tổng điểm`,
/// or uncoded and named so.
pub(crate) fn is_total_row(code: &str, name: &str) -> bool {
    const TOTALS: [&str; 3] = ["tong", "tong cong", "tong diem"];
    let code = fold(code);
    code == "total" || TOTALS.contains(&code.as_str()) || (code.is_empty() && TOTALS.contains(&fold(name).as_str()))
}

impl Framework {
    /// Read a framework from CSV text in the official table layout. Columns (any order;
    /// Vietnamese or English headers): code (`STT`), name (`Tên`/`Nội dung`), max points
    /// (`Điểm tối đa`, decimal comma accepted: `9,5`), and optionally `name_en`, method
    /// (`Phương thức`: thẩm định / KT-XH / điều tra XHH / SIPAS), rule (compact form, see
    /// [`Rule::parse`]), status, source, note. Blank rows are skipped; a row coded `total`
    /// or `Tổng` declares the total. The result is validated.
    ///
    /// Errors: [`Error::MissingField`] (no code or name column, a row without a code),
    /// [`Error::InvalidNumber`], [`Error::Malformed`], and those of [`Framework::validate`],
    /// each with the file label, row and code.
    /// [`Error::InputTooLarge`] above `options.max_input_bytes`; [`Error::Encoding`]. The
    /// first problem stops the reading; [`Framework::validate_csv`] lists them all.
    pub fn from_csv(text: &str, label: &str, options: &CsvFrameworkOptions) -> Result<Framework> {
        Framework::from_csv_reader(text.as_bytes(), label, options)
    }

    /// [`Framework::from_csv`] from a reader (a file, a stream), read once.
    ///
    /// Errors: as [`Framework::from_csv`], and [`Error::Io`].
    pub fn from_csv_reader(
        source: impl std::io::Read,
        label: &str,
        options: &CsvFrameworkOptions,
    ) -> Result<Framework> {
        let table = Table::read_csv_from(
            source,
            label,
            &TableOptions::default(),
            true,
            options.max_input_bytes,
            "max_input_bytes",
        )?;
        Framework::from_table(&table, options)
    }

    /// Read a framework from a worksheet of a workbook (.xlsx, .xls, .ods), in the layout of
    /// [`Framework::from_csv`], found under any title rows (see [`Table::from_workbook`]).
    ///
    /// Errors: those of [`Table::from_workbook`], then as [`Framework::from_csv`], with the
    /// sheet and cell.
    pub fn from_excel(
        bytes: &[u8],
        label: &str,
        table: &TableOptions,
        options: &CsvFrameworkOptions,
    ) -> Result<Framework> {
        Framework::from_table(&Table::from_workbook(bytes, label, table)?, options)
    }

    /// Read a framework from a workbook file. Errors: [`Error::Io`], then as
    /// [`Framework::from_excel`].
    pub fn from_excel_path(
        path: impl AsRef<std::path::Path>,
        table: &TableOptions,
        options: &CsvFrameworkOptions,
    ) -> Result<Framework> {
        let path = path.as_ref();
        Framework::from_excel(&crate::table::read_bytes(path)?, &path.display().to_string(), table, options)
    }

    /// Read a framework from a [`Table`] (CSV or worksheet) in the layout of
    /// [`Framework::from_csv`]; the table's `columns` option names the `code`, `name`,
    /// `name_en`, `max_points`, `method`, `rule`, `status`, `source` or `note` column when
    /// its header is not one the alias table knows.
    ///
    /// Errors: as [`Framework::from_csv`]; [`Error::UnknownColumn`],
    /// [`Error::InvalidArgument`] for the `columns` option.
    pub fn from_table(table: &Table, options: &CsvFrameworkOptions) -> Result<Framework> {
        Framework::read_table(table, options, &mut Collector::first()).map_err(|e| table.locate(e))
    }

    /// Every problem of a framework CSV at once, in row order: empty exactly when
    /// [`Framework::from_csv`] succeeds, whose error is then among those listed. Each bad row
    /// is reported and the next one read (a row without a code or name, a max points that is
    /// not a number, an unknown method, rule or status, a total row that contradicts the
    /// options), with file, row (spreadsheet numbering: the header is row 1), column and
    /// code. The framework's structure ([`Framework::validate`]) is checked once every row
    /// reads: every node's own problem (a duplicate code, a missing parent, a negative
    /// maximum), then, when the codes are sound, every set of maxima that does not add up. A
    /// problem that makes the rest meaningless (bad CSV, no code, name or max points column,
    /// an input above `options.max_input_bytes`, an encoding) ends the list; so does the
    /// 10,000th problem.
    pub fn validate_csv(text: &str, label: &str, options: &CsvFrameworkOptions) -> Vec<Error> {
        let table = Table::read_csv_from(
            text.as_bytes(),
            label,
            &TableOptions::default(),
            true,
            options.max_input_bytes,
            "max_input_bytes",
        );
        match table {
            Ok(table) => Framework::validate_table(&table, options),
            Err(e) => vec![e],
        }
    }

    /// Every problem of a framework worksheet at once (see [`Framework::validate_csv`]),
    /// with sheet, row and cell: empty exactly when [`Framework::from_excel`] succeeds.
    pub fn validate_excel(
        bytes: &[u8],
        label: &str,
        table: &TableOptions,
        options: &CsvFrameworkOptions,
    ) -> Vec<Error> {
        match Table::from_workbook(bytes, label, table) {
            Ok(table) => Framework::validate_table(&table, options),
            Err(e) => vec![e],
        }
    }

    /// Every problem of a [`Table`] (CSV or worksheet) read as a framework, at once (see
    /// [`Framework::validate_csv`]): empty exactly when [`Framework::from_table`] succeeds.
    pub fn validate_table(table: &Table, options: &CsvFrameworkOptions) -> Vec<Error> {
        let mut problems = Collector::all(table.at());
        let end = Framework::read_table(table, options, &mut problems);
        problems.into_errors(end).into_iter().map(|e| table.locate(e)).collect()
    }

    /// The rows of a table; each row's problem goes to `problems` (which fails fast or
    /// keeps it and goes on with the next row).
    fn read_table(table: &Table, options: &CsvFrameworkOptions, problems: &mut Collector) -> Result<Framework> {
        const L: &str = "framework";
        table.check_roles(L, &[])?;
        let label = table.label();
        let at = table.at();
        let head = table.header_at();
        let c_code = table
            .column(L, "code", &[])
            .ok_or_else(|| Error::MissingField { at: head.clone(), field: "code (STT)".into() })?;
        let c_name = table
            .column(L, "name", &[c_code])
            .ok_or_else(|| Error::MissingField { at: head.clone(), field: "name".into() })?;
        let c_max = table
            .column(L, "max_points", &[c_code, c_name])
            .ok_or_else(|| Error::MissingField { at: head.clone(), field: "max points".into() })?;
        let taken = [c_code, c_name, c_max];
        let find = |role: &str| table.column(L, role, &taken);
        let (c_en, c_method, c_rule, c_status, c_source, c_note) =
            (find("name_en"), find("method"), find("rule"), find("status"), find("source"), find("note"));

        let mut fw = Framework::empty(&options.id, options.index.clone(), &options.name_vi, options.total_max_points);
        fw.decision = options.decision.clone();
        let mut nodes = Vec::new();
        let mut rows: Vec<(String, usize)> = Vec::new();
        for record in table.records() {
            let row = record.row;
            let row_at = at.at_row(row);
            let cell = |c: Option<usize>| c.map_or("", |c| record.cell(c));
            let code = cell(Some(c_code)).trim_end_matches('.').to_string();
            let name = cell(Some(c_name)).to_string();
            if code.is_empty() && name.is_empty() && cell(Some(c_max)).is_empty() {
                continue;
            }
            // One row's reading: its problem is the loader's error, or kept and the next
            // row read.
            let step = (|| -> Result<()> {
                let here = row_at.with_code(code.clone());
                let max = parse_optional(cell(Some(c_max)), &here.with_column("max points"))?;
                if is_total_row(&code, &name) {
                    match (fw.total_max_points, max) {
                        (Some(declared), Some(m)) if declared != m => {
                            return Err(Error::framework(here, format!("total row says {m}, options say {declared}")))
                        }
                        (_, m) => fw.total_max_points = fw.total_max_points.or(m),
                    }
                    // Validation names the total by its code: the row goes with it.
                    rows.push((super::model::TOTAL.to_string(), row));
                    return Ok(());
                }
                if code.is_empty() {
                    return Err(Error::MissingField { at: row_at.with_column("code (STT)"), field: "code".into() });
                }
                if name.is_empty() {
                    return Err(Error::MissingField { at: here.with_column("name"), field: "name".into() });
                }
                let method = match cell(c_method) {
                    "" => None,
                    text => Some(crate::columns::parse_method(text, &here.with_column("method"))?),
                };
                let rule = match cell(c_rule) {
                    "" => None,
                    text => Some(Rule::parse(text, &here.with_column("rule"))?),
                };
                let status = match fold(cell(c_status)).as_str() {
                    "" => {
                        if max.is_some() {
                            Status::Confirmed
                        } else {
                            Status::Unknown
                        }
                    }
                    "confirmed" | "c" => Status::Confirmed,
                    "inferred" | "i" => Status::Inferred,
                    "assumed" => Status::Assumed,
                    "unknown" | "?" => Status::Unknown,
                    other => {
                        return Err(Error::Malformed {
                            at: here.with_column("status"),
                            message: format!("unknown status `{other}` (confirmed, inferred, assumed, unknown)"),
                        })
                    }
                };
                let opt = |c: Option<usize>| Some(cell(c).to_string()).filter(|s| !s.is_empty());
                rows.push((code.clone(), row));
                nodes.push(Node {
                    code,
                    name_vi: name,
                    name_en: cell(c_en).to_string(),
                    max_points: max,
                    at_least: None,
                    method,
                    rule,
                    status,
                    source: opt(c_source),
                    note: opt(c_note),
                });
                Ok(())
            })();
            problems.check(step)?;
        }
        // Bad rows are reported; the tree they leave is not checked (its sums would be
        // off by the rows left out).
        if !problems.is_clean() {
            return Ok(fw);
        }
        if nodes.is_empty() {
            return Err(Error::malformed(at, "the table has no criteria"));
        }
        fw.nodes = nodes;
        // Validation knows codes, the table knows their rows: put the row in the error (the
        // last row with the code: of two duplicates, the second is the one at fault).
        let fill = |mut e: Error| {
            if let Some(at) = e.location_mut().filter(|at| at.row.is_none()) {
                let code = at.code.clone().unwrap_or_default();
                let first = code.split('+').next().unwrap_or_default();
                at.row = rows.iter().rev().find(|(c, _)| c == first).map(|(_, r)| *r);
            }
            e
        };
        let mut tree = problems.fresh();
        let end = fw.validate_with(label, &mut tree);
        problems.absorb(tree, fill)?;
        end.map_err(fill)?;
        Ok(fw)
    }

    /// Read a framework CSV file. Errors: [`Error::Io`], then as [`Framework::from_csv`].
    /// A file above `options.max_input_bytes` is refused from its size, unread.
    pub fn from_csv_path(path: impl AsRef<std::path::Path>, options: &CsvFrameworkOptions) -> Result<Framework> {
        let path = path.as_ref();
        let limit = crate::io::Limit { bytes: options.max_input_bytes, setting: "max_input_bytes" };
        let (file, _) = crate::io::open(path, limit)?;
        Framework::from_csv_reader(file, &path.display().to_string(), options)
    }

    /// The primary hierarchy as CSV in the layout [`Framework::from_csv`] reads (columns
    /// `code,name_vi,name_en,max_points,method,rule,status,source,note`, then a `total` row).
    pub fn to_csv(&self) -> Result<String> {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        let err = |e: csv::Error| Error::malformed(Location::file(self.id.clone()), e.to_string());
        w.write_record(["code", "name_vi", "name_en", "max_points", "method", "rule", "status", "source", "note"])
            .map_err(err)?;
        let dec = |d: Option<Decimal>| d.map(|d| d.normalize().to_string()).unwrap_or_default();
        for n in &self.nodes {
            let status = serde_json::to_value(n.status).ok().and_then(|v| v.as_str().map(str::to_string));
            w.write_record([
                n.code.as_str(),
                &n.name_vi,
                &n.name_en,
                &dec(n.max_points),
                n.method.map_or("", |m| m.as_str()),
                &n.rule.as_ref().map(Rule::to_text).unwrap_or_default(),
                status.as_deref().unwrap_or(""),
                n.source.as_deref().unwrap_or(""),
                n.note.as_deref().unwrap_or(""),
            ])
            .map_err(err)?;
        }
        if let Some(total) = self.total_max_points {
            w.write_record(["total", "Tổng", "Total", &dec(Some(total)), "", "", "", "", ""]).map_err(err)?;
        }
        let bytes = w.into_inner().map_err(|e| Error::malformed(Location::file(self.id.clone()), e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| Error::malformed(Location::file(self.id.clone()), e.to_string()))
    }
}
