//! The plan annex as data: who leads (chủ trì) and who coordinates (phối hợp) each node.

use crate::error::{Error, Location, Result};
use crate::framework::{Framework, NodeRef};
use crate::province::fold;
use crate::table::{Table, TableOptions};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// One row of the plan annex: a node of the framework and the agencies answerable for it.
/// An assignment can sit at any level (field, criterion, sub-criterion); a leaf without
/// one inherits its nearest assigned ancestor's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// Node code (STT / mã), e.g. `3`, `3.2`, `3.2.1`.
    pub code: String,
    /// Content or criterion (nội dung / tiêu chí), as written in the annex.
    #[serde(default)]
    pub content: String,
    /// Tasks and solutions (nhiệm vụ / giải pháp).
    #[serde(default)]
    pub tasks: String,
    /// Product (sản phẩm).
    #[serde(default)]
    pub product: String,
    /// Deadline (thời gian hoàn thành), as written (a date, `Quý II`, `Thường xuyên`).
    #[serde(default)]
    pub deadline: String,
    /// Lead agency (cơ quan chủ trì); empty when the row names none.
    #[serde(default)]
    pub lead: String,
    /// Coordinating agencies (cơ quan phối hợp): shown, never charged.
    #[serde(default)]
    pub coordinating: Vec<String>,
    /// Row in the input (spreadsheet numbering: the header is row 1), when read from a file.
    #[serde(default)]
    pub row: Option<usize>,
}

/// The matching key of an agency name: as province names are matched (no case, no
/// diacritics, punctuation as spaces), so `Sở Nội vụ`, `SỞ NỘI VỤ` and `So Noi vu` are one.
pub fn agency_key(name: &str) -> String {
    fold(name)
}

/// The plan annex read and validated against a framework. Agencies named in several
/// spellings are one agency, shown in the first spelling met.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "AssignmentsObject"))]
pub struct Assignments {
    /// The framework's id.
    pub framework: String,
    /// The rows, in file order (rows of the same code and lead merged).
    pub items: Vec<Assignment>,
    /// Leaves with no lead agency, at themselves or any ancestor (chưa phân công).
    pub unassigned: Vec<String>,
    #[serde(skip)]
    fw: Arc<Framework>,
    /// code → index into `items`.
    #[serde(skip)]
    by_code: HashMap<String, usize>,
}

impl Assignments {
    /// Validate assignments against `framework`: codes are resolved to the framework's
    /// primary nodes, agency names unified by [`agency_key`], rows of the same code merged
    /// when they name the same lead.
    ///
    /// Errors: every problem of the input together ([`Error::Invalid`] when more than one):
    /// [`Error::UnknownCode`] for a code the framework's hierarchy does not have (components
    /// and the total cannot be assigned); [`Error::DuplicateCode`] for one code led by two
    /// different agencies; [`Error::MissingField`] for a row with coordinating agencies or
    /// tasks but no code.
    pub fn new(
        framework: impl Into<Arc<Framework>>,
        items: Vec<Assignment>,
        label: Option<&str>,
    ) -> Result<Assignments> {
        let fw = framework.into();
        let (out, errors) = Self::build(&fw, items, label);
        match Error::collect(label, errors) {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    fn build(fw: &Arc<Framework>, items: Vec<Assignment>, label: Option<&str>) -> (Assignments, Vec<Error>) {
        let base = Location { file: label.map(str::to_string), ..Location::default() };
        let mut errors = Vec::new();
        let mut spellings: HashMap<String, String> = HashMap::new();
        let mut spell = |name: &str| -> String {
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            spellings.entry(agency_key(&name)).or_insert(name).clone()
        };
        let mut kept: Vec<Assignment> = Vec::new();
        let mut by_code: HashMap<String, usize> = HashMap::new();
        for (i, mut a) in items.into_iter().enumerate() {
            let at = match a.row {
                Some(r) => base.at_row(r),
                None => base.with_column(format!("item {i}")),
            };
            let code = a.code.trim().to_string();
            if code.is_empty() {
                if !a.lead.trim().is_empty() || !a.coordinating.is_empty() || !a.tasks.trim().is_empty() {
                    errors.push(Error::MissingField { at: at.with_column("code"), field: "code (STT, mã)".into() });
                }
                // A heading row of the annex (a section title alone) carries no assignment.
                continue;
            }
            let canonical = match fw.resolve(&code) {
                Ok(NodeRef::Node(n)) => n.code.clone(),
                _ => {
                    errors.push(Error::UnknownCode {
                        at: at.with_code(code.clone()),
                        code,
                        within: format!("the hierarchy of framework {}", fw.id),
                    });
                    continue;
                }
            };
            a.code = canonical.clone();
            a.lead = if a.lead.trim().is_empty() { String::new() } else { spell(&a.lead) };
            let mut coordinating: Vec<String> = Vec::new();
            for c in a.coordinating.iter().filter(|c| !c.trim().is_empty()) {
                let c = spell(c);
                if !coordinating.contains(&c) && c != a.lead {
                    coordinating.push(c);
                }
            }
            a.coordinating = coordinating;
            match by_code.get(&canonical).and_then(|&k| kept.get_mut(k)) {
                Some(first) if first.lead == a.lead || a.lead.is_empty() => {
                    for c in a.coordinating {
                        if !first.coordinating.contains(&c) && c != first.lead {
                            first.coordinating.push(c);
                        }
                    }
                    for (into, more) in [(&mut first.tasks, a.tasks), (&mut first.product, a.product)] {
                        if !more.trim().is_empty() {
                            if !into.is_empty() {
                                into.push_str("; ");
                            }
                            into.push_str(more.trim());
                        }
                    }
                }
                Some(first) if first.lead.is_empty() => {
                    first.lead = a.lead;
                }
                Some(_) => errors.push(Error::DuplicateCode { at: at.with_code(canonical.clone()), code: canonical }),
                None => {
                    by_code.insert(canonical, kept.len());
                    kept.push(a);
                }
            }
        }
        let mut out =
            Assignments { framework: fw.id.clone(), items: kept, unassigned: Vec::new(), fw: Arc::clone(fw), by_code };
        out.unassigned = fw.leaf_codes().into_iter().filter(|c| out.lead_of(c).is_none()).collect();
        (out, errors)
    }

    /// Read the annex from CSV. Columns, matched without case or diacritics: `STT` / `mã` /
    /// `code` (required); `nội dung` / `tiêu chí` / `content`; `nhiệm vụ` / `giải pháp` /
    /// `tasks`; `sản phẩm` / `product`; `thời gian hoàn thành` / `deadline`; `cơ quan chủ
    /// trì` / `lead` (required); `cơ quan phối hợp` / `coordinating` (several agencies
    /// separated by `;` or line breaks). A row without a code and without agencies is
    /// a heading and is skipped.
    ///
    /// Errors: [`Error::MissingField`] for a missing required column; [`Error::Malformed`]
    /// for bad CSV; then as [`Assignments::new`] — every bad row reported together, each
    /// with its row as the spreadsheet numbers it.
    pub fn from_csv(text: &str, label: &str, framework: impl Into<Arc<Framework>>) -> Result<Assignments> {
        let fw = framework.into();
        let (items, mut errors) = read_csv(text, label);
        if items.is_empty() && !errors.is_empty() {
            return Err(
                Error::collect(Some(label), errors).unwrap_or_else(|| Error::malformed(Location::file(label), "empty"))
            );
        }
        let (out, more) = Self::build(&fw, items, Some(label));
        errors.extend(more);
        match Error::collect(Some(label), errors) {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// Read the annex from a CSV file. Errors: [`Error::Io`], then as [`Assignments::from_csv`].
    pub fn from_csv_path(
        path: impl AsRef<std::path::Path>,
        framework: impl Into<Arc<Framework>>,
    ) -> Result<Assignments> {
        crate::io::with_text(path, |text, label| Assignments::from_csv(text, label, framework))
    }

    /// Every problem of an annex CSV at once (empty when it loads), rows numbered as in the
    /// spreadsheet. The loaders stop at nothing less: this only lists.
    pub fn validate_csv(text: &str, label: &str, framework: impl Into<Arc<Framework>>) -> Vec<Error> {
        let fw = framework.into();
        let (items, mut errors) = read_csv(text, label);
        let (_, more) = Self::build(&fw, items, Some(label));
        errors.extend(more);
        errors
    }

    /// Read the annex from a worksheet of a workbook (.xlsx, .xls, .ods; see
    /// [`Table::from_workbook`]: sheet by name or index, title rows above the header
    /// skipped), the columns as in [`Assignments::from_csv`].
    ///
    /// Errors: those of [`Table::from_workbook`]; then as [`Assignments::from_csv`], naming
    /// the sheet and the cell (A1) where the column is known.
    pub fn from_excel(
        bytes: &[u8],
        label: &str,
        framework: impl Into<Arc<Framework>>,
        options: &TableOptions,
    ) -> Result<Assignments> {
        Assignments::from_table(&Table::from_workbook(bytes, label, options)?, framework)
    }

    /// Read the annex from a [`Table`] read from CSV or a worksheet (see
    /// [`Assignments::from_excel`]). Errors: as [`Assignments::from_excel`].
    pub fn from_table(table: &Table, framework: impl Into<Arc<Framework>>) -> Result<Assignments> {
        let (out, errors) = Assignments::check_table(table, &framework.into());
        match Error::collect(Some(table.label()), errors) {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// Every problem of a [`Table`] read from CSV or a worksheet, at once.
    pub fn validate_table(table: &Table, framework: impl Into<Arc<Framework>>) -> Vec<Error> {
        Assignments::check_table(table, &framework.into()).1
    }

    /// [`Assignments::from_excel`] from a file. Errors: [`Error::Io`], then as
    /// [`Assignments::from_excel`].
    pub fn from_excel_path(
        path: impl AsRef<std::path::Path>,
        framework: impl Into<Arc<Framework>>,
        options: &TableOptions,
    ) -> Result<Assignments> {
        let path = path.as_ref();
        Assignments::from_excel(&crate::table::read_bytes(path)?, &path.display().to_string(), framework, options)
    }

    /// Every problem of an annex worksheet at once (empty when it loads), with sheet, row
    /// and cell.
    pub fn validate_excel(
        bytes: &[u8],
        label: &str,
        framework: impl Into<Arc<Framework>>,
        options: &TableOptions,
    ) -> Vec<Error> {
        match Table::from_workbook(bytes, label, options) {
            Ok(table) => Assignments::validate_table(&table, framework),
            Err(e) => vec![e],
        }
    }

    fn check_table(table: &Table, fw: &Arc<Framework>) -> (Assignments, Vec<Error>) {
        let label = table.label().to_string();
        let (out, errors) = match read_table(table) {
            Ok(items) => Self::build(fw, items, Some(&label)),
            Err(e) => (Self::build(fw, Vec::new(), Some(&label)).0, e),
        };
        (out, errors.into_iter().map(|e| table.locate(e)).collect())
    }

    /// The framework.
    pub fn framework(&self) -> &Framework {
        &self.fw
    }

    /// The assignment made at `code` itself, if any.
    pub fn at(&self, code: &str) -> Option<&Assignment> {
        self.by_code.get(code).and_then(|&i| self.items.get(i))
    }

    /// The assignment that answers for `code`: its own, else its nearest assigned ancestor's
    /// (a row with no lead does not count).
    pub fn effective(&self, code: &str) -> Option<&Assignment> {
        let mut here = Some(code);
        while let Some(c) = here {
            if let Some(a) = self.at(c).filter(|a| !a.lead.is_empty()) {
                return Some(a);
            }
            here = c.rsplit_once('.').map(|(p, _)| p);
        }
        None
    }

    /// The lead agency answerable for `code` (see [`Assignments::effective`]).
    pub fn lead_of(&self, code: &str) -> Option<&str> {
        self.effective(code).map(|a| a.lead.as_str())
    }

    /// The lead agencies, in the order first met.
    pub fn agencies(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for a in &self.items {
            if !a.lead.is_empty() && !out.contains(&a.lead.as_str()) {
                out.push(&a.lead);
            }
        }
        out
    }
}

fn read_csv(text: &str, label: &str) -> (Vec<Assignment>, Vec<Error>) {
    let at = Location::file(label);
    let mut errors = Vec::new();
    let limit = crate::io::Limit { bytes: crate::io::MAX_TABLE_BYTES, setting: "max_input_bytes" };
    let mut reader = match crate::io::csv_reader(text.as_bytes(), label, limit, true) {
        Ok(r) => r,
        Err(e) => return (Vec::new(), vec![e]),
    };
    let keys: Vec<String> = match crate::io::headers(&mut reader, &at) {
        Ok((raw, _)) => raw.iter().map(|h| crate::columns::header_key(h)).collect(),
        Err(e) => return (Vec::new(), vec![e]),
    };
    let c = match AnnexColumns::find(&keys, &at.at_row(1)) {
        Ok(c) => c,
        Err(e) => return (Vec::new(), e),
    };
    let mut items = Vec::new();
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
        items.push(c.item(|i| record.get(i).map_or("", str::trim), row));
    }
    (items, errors)
}

/// The annex's columns, found through the alias table (`core/data/columns.csv`, loader
/// `assignments`).
struct AnnexColumns {
    code: usize,
    lead: usize,
    content: Option<usize>,
    tasks: Option<usize>,
    product: Option<usize>,
    deadline: Option<usize>,
    coordinating: Option<usize>,
}

impl AnnexColumns {
    /// From the headers' matching keys. Errors: [`Error::MissingField`] at `at` for each
    /// missing required column.
    fn find(keys: &[String], at: &Location) -> std::result::Result<AnnexColumns, Vec<Error>> {
        let col = |role: &str| keys.iter().position(|k| crate::columns::is_alias("assignments", role, k));
        match (col("code"), col("lead")) {
            (Some(code), Some(lead)) => Ok(AnnexColumns {
                code,
                lead,
                content: col("content"),
                tasks: col("tasks"),
                product: col("product"),
                deadline: col("deadline"),
                coordinating: col("coordinating"),
            }),
            (code, lead) => {
                let mut errors = Vec::new();
                if code.is_none() {
                    errors.push(Error::MissingField { at: at.clone(), field: "code (STT, mã)".into() });
                }
                if lead.is_none() {
                    errors.push(Error::MissingField { at: at.clone(), field: "lead (cơ quan chủ trì)".into() });
                }
                Err(errors)
            }
        }
    }

    /// One row's assignment from its cells (`cell(i)`: the trimmed cell of column `i`).
    fn item<'a>(&self, cell: impl Fn(usize) -> &'a str, row: usize) -> Assignment {
        let text = |c: Option<usize>| c.map_or("", &cell).to_string();
        Assignment {
            code: cell(self.code).to_string(),
            content: text(self.content),
            tasks: text(self.tasks),
            product: text(self.product),
            deadline: text(self.deadline),
            lead: cell(self.lead).to_string(),
            coordinating: text(self.coordinating)
                .split([';', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            row: Some(row),
        }
    }
}

/// The assignments of a worksheet.
fn read_table(table: &Table) -> std::result::Result<Vec<Assignment>, Vec<Error>> {
    let keys: Vec<String> = table.headers().iter().map(|h| crate::columns::header_key(h)).collect();
    let c = AnnexColumns::find(&keys, &table.header_at())?;
    Ok(table.records().iter().filter(|r| !r.is_blank()).map(|r| c.item(|i| r.cell(i), r.row)).collect())
}
