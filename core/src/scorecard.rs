//! Scorecards (bảng điểm): one province's points at any node of a framework — leaf,
//! criterion, field, component or only the total — with aggregation upward, consistency
//! checks, sub-indices and the band.

use crate::band::Band;
use crate::collect::Collector;
use crate::decimal::{parse_decimal, percent, STEP};
use crate::error::{Error, Location, Result};
use crate::framework::{Framework, Measure, TOTAL};
use crate::problem::{Problem, ProblemKind};
use crate::province::fold;
use crate::table::{Table, TableOptions};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Where a node's points come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PointsSource {
    /// Handed in by the caller (self-assessed, appraised or published points).
    Given,
    /// The sum of the node's children (or of a group's members).
    Summed,
    /// By arithmetic: the parent's points minus every other child's (one child missing).
    Implied,
}

/// A node's points and where they come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct NodePoints {
    /// Points achieved (điểm đạt được).
    pub points: Decimal,
    /// Where they come from.
    pub source: PointsSource,
}

#[derive(Debug, Clone, PartialEq)]
struct Given {
    points: Decimal,
    at: Location,
}

/// One province's points on a framework. Units: points; indices in percent 0–100.
/// Methodology: the framework's decision (e.g. 876/QĐ-BNV for 2022–2023).
///
/// Points can be given at any node; [`Scorecard::points`] resolves the others: a parent is
/// the sum of its children when all are known, and a single missing child is implied by
/// its parent minus its siblings (labelled [`PointsSource::Implied`]). Given parents that
/// disagree with their given children beyond the rounding of 2-decimal values are reported
/// as [`Problem`]s, never corrected.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    framework: Arc<Framework>,
    province: String,
    year: Option<u16>,
    given: Vec<(String, Given)>,
    load_problems: Vec<Problem>,
    /// Self-assessed and appraised points with evidence, per node (see `agency::appraisal`).
    pub(crate) claims: Vec<crate::agency::Claim>,
}

/// One row of a scorecard table (see [`Scorecard::rows`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ScorecardRow {
    /// Node code (`total`, `3`, `3.2`, `appraised`).
    pub code: String,
    /// `total`, the level name (`field`, `criterion`, `sub_criterion`) or the grouping id.
    pub level: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Maximum points, when known.
    pub max_points: Option<Decimal>,
    /// Points, when given or derivable.
    pub points: Option<Decimal>,
    /// Where the points come from.
    pub source: Option<PointsSource>,
    /// points ÷ max × 100, unrounded.
    pub index: Option<Decimal>,
    /// max − points (điểm bị trừ / chưa đạt), when both are known.
    pub lost: Option<Decimal>,
}

impl Scorecard {
    /// An empty scorecard for `province` (any name; province names are canonicalised when
    /// they match the registry) on `framework`.
    pub fn new(framework: impl Into<Arc<Framework>>, province: &str) -> Scorecard {
        let province = crate::province::registry()
            .ok()
            .and_then(|r| r.province(province).map(|p| p.name.clone()))
            .unwrap_or_else(|| province.trim().to_string());
        Scorecard {
            framework: framework.into(),
            province,
            year: None,
            given: Vec::new(),
            load_problems: Vec::new(),
            claims: Vec::new(),
        }
    }

    /// The same scorecard for an assessment year.
    #[must_use]
    pub fn with_year(mut self, year: u16) -> Scorecard {
        self.year = Some(year);
        self
    }

    /// A scorecard from (code, points) pairs.
    ///
    /// Errors: as [`Scorecard::set`].
    pub fn from_points<'a>(
        framework: impl Into<Arc<Framework>>,
        province: &str,
        points: impl IntoIterator<Item = (&'a str, Decimal)>,
    ) -> Result<Scorecard> {
        let mut card = Scorecard::new(framework, province);
        for (code, p) in points {
            card.set(code, p)?;
        }
        Ok(card)
    }

    /// The framework.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// The shared framework handle.
    pub fn framework_arc(&self) -> Arc<Framework> {
        Arc::clone(&self.framework)
    }

    /// The province (canonical name when it is one of the 63).
    pub fn province(&self) -> &str {
        &self.province
    }

    /// The assessment year, when known.
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// Codes and points given by the caller, in the order given.
    pub fn given(&self) -> Vec<(&str, Decimal)> {
        self.given.iter().map(|(c, g)| (c.as_str(), g.points)).collect()
    }

    /// Set the points at a node (replacing any earlier value there).
    ///
    /// Errors: [`Error::UnknownCode`]; [`Error::Negative`]; [`Error::AboveMax`] when the
    /// points exceed the node's max, or when a constraint's codes (e.g. F2 + F6 + F7 ≤ 35.5)
    /// would together exceed it. On error the scorecard is unchanged.
    pub fn set(&mut self, code: &str, points: Decimal) -> Result<()> {
        self.set_at(code, points, Location::code(code.trim()))
    }

    fn set_at(&mut self, code: &str, points: Decimal, at: Location) -> Result<()> {
        let node = self.framework.resolve(code).map_err(|_| Error::UnknownCode {
            at: at.clone(),
            code: code.trim().to_string(),
            within: format!("framework {}", self.framework.id),
        })?;
        let code = node.code().to_string();
        let at = at.with_code(code.clone());
        if points < Decimal::ZERO {
            return Err(Error::Negative { at, value: points });
        }
        // An unknown max is still bounded: by the framework's total, or by the library's limit.
        let max =
            self.framework.max_points(&code)?.or(self.framework.total_max_points).unwrap_or(crate::decimal::LIMIT);
        if points > max {
            return Err(Error::AboveMax { at, points, max });
        }
        // A constraint caps its codes together, with the others' given points (none: 0).
        for c in self.framework.constraints() {
            if c.codes.contains(&code) {
                let others: Decimal = c.codes.iter().filter(|k| **k != code).filter_map(|k| self.given_points(k)).sum();
                if others + points > c.sum {
                    return Err(Error::AboveMax {
                        at: at.with_code(c.codes.join("+")),
                        points: others + points,
                        max: c.sum,
                    });
                }
            }
        }
        match self.given.iter_mut().find(|(c, _)| *c == code) {
            Some((_, g)) => *g = Given { points, at },
            None => self.given.push((code, Given { points, at })),
        }
        Ok(())
    }

    /// A copy with the points at `code` set (the original is untouched).
    ///
    /// Errors: as [`Scorecard::set`].
    pub fn with_points(&self, code: &str, points: Decimal) -> Result<Scorecard> {
        let mut copy = self.clone();
        copy.set(code, points)?;
        Ok(copy)
    }

    /// Set a leaf's points from a measured input through its scoring rule.
    ///
    /// Errors: [`Error::UnknownCode`]; [`Error::Rule`] when the leaf has no rule or no
    /// known max, or the measure does not fit; then as [`Scorecard::set`].
    pub fn set_measure(&mut self, code: &str, measure: &Measure) -> Result<Decimal> {
        let at = Location::code(code.trim());
        let node = self.framework.node(code.trim()).ok_or_else(|| Error::UnknownCode {
            at: at.clone(),
            code: code.trim().to_string(),
            within: format!("framework {}", self.framework.id),
        })?;
        let rule = node
            .rule
            .as_ref()
            .ok_or_else(|| Error::Rule { at: at.clone(), message: "the node has no scoring rule".into() })?;
        let max = node
            .max_points
            .ok_or_else(|| Error::Rule { at: at.clone(), message: "the node's max points are unknown".into() })?;
        let points = rule.points(measure, max, &at)?;
        self.set(code, points)?;
        Ok(points)
    }

    /// Remove the given points at a node. Errors: [`Error::UnknownCode`].
    pub fn unset(&mut self, code: &str) -> Result<()> {
        let code = self.framework.resolve(code)?.code().to_string();
        self.given.retain(|(c, _)| *c != code);
        Ok(())
    }

    fn given_points(&self, code: &str) -> Option<Decimal> {
        self.given.iter().find(|(c, _)| c == code).map(|(_, g)| g.points)
    }

    /// Points at a node, given or derived; `Ok(None)` when neither.
    ///
    /// Errors: [`Error::UnknownCode`].
    pub fn points(&self, code: &str) -> Result<Option<NodePoints>> {
        let code = self.framework.resolve(code)?.code().to_string();
        Ok(self.resolve().values.get(&code).copied())
    }

    /// Total points, when given or derivable.
    pub fn total(&self) -> Option<Decimal> {
        self.resolve().values.get(TOTAL).map(|p| p.points)
    }

    /// The index in percent (total ÷ framework total × 100), unrounded; `None` when the
    /// total or the framework's total max is unknown.
    pub fn index(&self) -> Option<Decimal> {
        let max = self.framework.total_max_points?;
        percent(self.total()?, max).ok()
    }

    /// (total points, framework total max), for computations that need both.
    ///
    /// Errors: [`Error::InvalidArgument`] when the framework has no total max or the
    /// scorecard no total (give the total, or every part).
    pub fn total_and_max(&self) -> Result<(Decimal, Decimal)> {
        self.total_and_max_in(&self.resolved_points())
    }

    /// Every node's points, given or derived (one resolution, for analyses that read many
    /// nodes of the same scorecard).
    pub(crate) fn resolved_points(&self) -> HashMap<String, Decimal> {
        self.resolve().values.into_iter().map(|(k, v)| (k, v.points)).collect()
    }

    /// [`Scorecard::total_and_max`] from points already resolved.
    pub(crate) fn total_and_max_in(&self, points: &HashMap<String, Decimal>) -> Result<(Decimal, Decimal)> {
        let fw = &self.framework;
        let max = fw
            .total_max_points
            .ok_or_else(|| Error::invalid_argument("framework", format!("{} has no total max points", fw.id)))?;
        let total = points.get(TOTAL).copied().ok_or_else(|| {
            Error::invalid_argument(
                "card",
                format!("{}'s scorecard has no total (give the total, or every part)", self.province),
            )
        })?;
        Ok((total, max))
    }

    /// The band of [`Scorecard::index`].
    pub fn band(&self) -> Option<Band> {
        self.index().map(Band::of)
    }

    /// A node's sub-index: points ÷ max × 100 (percent, unrounded); `None` when either is
    /// unknown. Errors: [`Error::UnknownCode`].
    pub fn sub_index(&self, code: &str) -> Result<Option<Decimal>> {
        let max = self.framework.max_points(code)?;
        Ok(match (self.points(code)?, max) {
            (Some(p), Some(m)) if m > Decimal::ZERO => percent(p.points, m).ok(),
            _ => None,
        })
    }

    /// Points lost at a node (max − points), when both are known. Errors: [`Error::UnknownCode`].
    pub fn lost(&self, code: &str) -> Result<Option<Decimal>> {
        let max = self.framework.max_points(code)?;
        Ok(match (self.points(code)?, max) {
            (Some(p), Some(m)) => Some(m - p.points),
            _ => None,
        })
    }

    /// Inconsistencies: given parents that disagree with their given children, implied
    /// values out of range, and anything reported while loading.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = self.load_problems.clone();
        out.extend(self.resolve().problems);
        out
    }

    /// Every node as a table row: the total, the primary hierarchy, then each grouping.
    pub fn rows(&self) -> Vec<ScorecardRow> {
        let resolved = self.resolve();
        let fw = &self.framework;
        let make = |code: &str, level: String, name_vi: &str, name_en: &str, max: Option<Decimal>| {
            let np = resolved.values.get(code);
            let points = np.map(|p| p.points);
            ScorecardRow {
                code: code.to_string(),
                level,
                name_vi: name_vi.to_string(),
                name_en: name_en.to_string(),
                max_points: max,
                points,
                source: np.map(|p| p.source),
                index: match (points, max) {
                    (Some(p), Some(m)) => percent(p, m).ok(),
                    _ => None,
                },
                lost: match (points, max) {
                    (Some(p), Some(m)) => Some(m - p),
                    _ => None,
                },
            }
        };
        let mut rows = vec![make(TOTAL, TOTAL.into(), &fw.name_vi, &fw.name_en, fw.total_max_points)];
        for n in fw.nodes() {
            let level = fw
                .level_names
                .get(n.depth().saturating_sub(1))
                .cloned()
                .unwrap_or_else(|| format!("level {}", n.depth()));
            rows.push(make(&n.code, level, &n.name_vi, &n.name_en, n.max_points));
        }
        for g in fw.groupings() {
            for n in &g.nodes {
                rows.push(make(&n.code, g.id.clone(), &n.name_vi, &n.name_en, n.max_points));
            }
        }
        rows
    }

    /// Read a scorecard from CSV in the layout of `testdata/published/par_index_scorecards.csv`:
    /// columns `code` (`mã`, `STT`) and `points` (`điểm`) (required), `province` (`tỉnh`) and
    /// `year` (`năm`) (rows are filtered to the province and year asked for, when those
    /// columns exist), `max_points` (`điểm tối đa`: checked against the framework; a
    /// difference is reported as a problem). Decimal commas accepted; comma, semicolon or
    /// tab separated; an empty points cell is an unknown.
    ///
    /// Errors: [`Error::MissingField`], [`Error::InvalidNumber`], [`Error::UnknownCode`],
    /// [`Error::Negative`], [`Error::AboveMax`], [`Error::DuplicateCode`], each with file,
    /// row and code; [`Error::NotFound`] when no row matches the province and year. The
    /// first problem stops the reading; [`Scorecard::validate_csv`] lists them all.
    pub fn from_csv(
        text: &str,
        label: &str,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
    ) -> Result<Scorecard> {
        Scorecard::from_csv_reader(text.as_bytes(), label, framework, province, year, crate::io::MAX_TABLE_BYTES)
    }

    /// [`Scorecard::from_csv`] from a reader (a file, a stream), read once, of at most
    /// `max_input_bytes` bytes ([`crate::io::MAX_TABLE_BYTES`], 64 MiB, in the other loaders).
    ///
    /// Errors: as [`Scorecard::from_csv`], and [`Error::Io`], [`Error::InputTooLarge`],
    /// [`Error::Encoding`].
    pub fn from_csv_reader(
        source: impl std::io::Read,
        label: &str,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
        max_input_bytes: u64,
    ) -> Result<Scorecard> {
        let table =
            Table::read_csv_from(source, label, &TableOptions::default(), true, max_input_bytes, "max_input_bytes")?;
        Scorecard::from_table(&table, framework, province, year)
    }

    /// Read a scorecard from a worksheet of a workbook (.xlsx, .xls, .ods), in the layout of
    /// [`Scorecard::from_csv`], found under any title rows (see [`Table::from_workbook`]).
    ///
    /// Errors: those of [`Table::from_workbook`], then as [`Scorecard::from_csv`], with the
    /// sheet and cell.
    pub fn from_excel(
        bytes: &[u8],
        label: &str,
        table: &TableOptions,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
    ) -> Result<Scorecard> {
        Scorecard::from_table(&Table::from_workbook(bytes, label, table)?, framework, province, year)
    }

    /// Read a scorecard from a workbook file. Errors: [`Error::Io`], then as
    /// [`Scorecard::from_excel`].
    pub fn from_excel_path(
        path: impl AsRef<std::path::Path>,
        table: &TableOptions,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
    ) -> Result<Scorecard> {
        let path = path.as_ref();
        let bytes = crate::table::read_bytes(path)?;
        Scorecard::from_excel(&bytes, &path.display().to_string(), table, framework, province, year)
    }

    /// Read a scorecard from a [`Table`] (CSV or worksheet) in the layout of
    /// [`Scorecard::from_csv`]; the table's `columns` option names the `code`, `points`,
    /// `province`, `year` or `max_points` column when its header is not one the alias table
    /// knows. A row coded or named `Tổng` / `total` is the total: its points, when given,
    /// are checked against the sum (a difference is a problem, as for any parent).
    ///
    /// Errors: as [`Scorecard::from_csv`]; [`Error::UnknownColumn`],
    /// [`Error::InvalidArgument`] for the `columns` option.
    pub fn from_table(
        table: &Table,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
    ) -> Result<Scorecard> {
        Scorecard::read_table(table, framework.into(), province, year, &mut Collector::first())
            .map_err(|e| table.locate(e))
    }

    /// Every problem of a scorecard CSV at once, in row order: empty exactly when
    /// [`Scorecard::from_csv`] (with the same arguments) succeeds, whose error is then the
    /// first listed. Each bad row of the province and year is reported and the next one
    /// read (a missing code, a bad number, an unknown or duplicate code, points below 0 or
    /// above the maximum), with file, row (spreadsheet numbering: the header is row 1),
    /// column and code. A problem that makes the rest meaningless (bad CSV, no code or
    /// points column, an input above [`crate::io::MAX_TABLE_BYTES`], an encoding) ends the
    /// list; so does the 10,000th problem. A points total of a parent that differs from
    /// its children is a [`Problem`] of the scorecard, not an error, and is not listed.
    pub fn validate_csv(
        text: &str,
        label: &str,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
    ) -> Vec<Error> {
        let table = Table::read_csv_from(
            text.as_bytes(),
            label,
            &TableOptions::default(),
            true,
            crate::io::MAX_TABLE_BYTES,
            "max_input_bytes",
        );
        match table {
            Ok(table) => Scorecard::validate_table(&table, framework, province, year),
            Err(e) => vec![e],
        }
    }

    /// Every problem of a scorecard worksheet at once (see [`Scorecard::validate_csv`]),
    /// with sheet, row and cell: empty exactly when [`Scorecard::from_excel`] succeeds.
    pub fn validate_excel(
        bytes: &[u8],
        label: &str,
        table: &TableOptions,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
    ) -> Vec<Error> {
        match Table::from_workbook(bytes, label, table) {
            Ok(table) => Scorecard::validate_table(&table, framework, province, year),
            Err(e) => vec![e],
        }
    }

    /// Every problem of a [`Table`] (CSV or worksheet) read as a scorecard, at once (see
    /// [`Scorecard::validate_csv`]): empty exactly when [`Scorecard::from_table`] succeeds.
    pub fn validate_table(
        table: &Table,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
    ) -> Vec<Error> {
        let mut problems = Collector::all(table.at());
        let end = Scorecard::read_table(table, framework.into(), province, year, &mut problems);
        problems.into_errors(end).into_iter().map(|e| table.locate(e)).collect()
    }

    /// The rows of a table; each row's problem goes to `problems` (which fails fast or
    /// keeps it and goes on with the next row).
    fn read_table(
        table: &Table,
        framework: Arc<Framework>,
        province: &str,
        year: Option<u16>,
        problems: &mut Collector,
    ) -> Result<Scorecard> {
        const L: &str = "scorecard";
        table.check_roles(L, &[])?;
        let label = table.label();
        let at = table.at();
        let head = table.header_at();
        let mut card = Scorecard::new(framework, province);
        card.year = year;
        let c_code = table
            .column(L, "code", &[])
            .ok_or_else(|| Error::MissingField { at: head.clone(), field: "code (mã, STT)".into() })?;
        let c_points = table
            .column(L, "points", &[c_code])
            .ok_or_else(|| Error::MissingField { at: head.clone(), field: "points (điểm)".into() })?;
        // The criterion's name is read only so that `Tên` is not taken for the province.
        let c_name = table.column(L, "name", &[c_code, c_points]);
        let mut taken = vec![c_code, c_points];
        taken.extend(c_name);
        let c_province = table.column(L, "province", &taken);
        taken.extend(c_province);
        let c_year = table.column(L, "year", &taken);
        taken.extend(c_year);
        let c_max = table.column(L, "max_points", &taken);
        let points_name = table.headers().get(c_points).cloned().unwrap_or_else(|| "points".into());
        let wanted = fold(&card.province);
        let mut matched = 0;
        for record in table.records() {
            let row = record.row;
            let row_at = at.at_row(row);
            let cell = |c: usize| record.cell(c);
            if record.is_blank() {
                continue;
            }
            if let Some(c) = c_province {
                if fold(cell(c)) != wanted
                    && crate::province::registry().ok().and_then(|r| r.province(cell(c))).map(|p| fold(&p.name))
                        != Some(wanted.clone())
                {
                    continue;
                }
            }
            if let (Some(c), Some(y)) = (c_year, year) {
                if cell(c) != y.to_string() {
                    continue;
                }
            }
            matched += 1;
            // One row's reading: its problem is the loader's error, or kept and the next
            // row read.
            let step = (|| -> Result<()> {
                let mut code = cell(c_code).trim_end_matches('.').to_string();
                // The total row (`Tổng`), as the framework reader accepts it: the whole index.
                if crate::framework::is_total_row(&code, c_name.map_or("", cell)) {
                    code = TOTAL.to_string();
                }
                let here = row_at.with_code(code.clone());
                if code.is_empty() {
                    return Err(Error::MissingField { at: row_at.with_column("code"), field: "code".into() });
                }
                // An empty cell is an unknown, as in the league tables.
                if cell(c_points).is_empty() {
                    return Ok(());
                }
                let points = parse_decimal(cell(c_points), &here.with_column("points"))?;
                let resolved = card.framework.resolve(&code).map_err(|_| Error::UnknownCode {
                    at: here.clone(),
                    code: code.clone(),
                    within: format!("framework {}", card.framework.id),
                })?;
                let canonical = resolved.code().to_string();
                if card.given.iter().any(|(c, _)| *c == canonical) {
                    return Err(Error::DuplicateCode { at: here, code });
                }
                if let Some(c) = c_max {
                    if !cell(c).is_empty() {
                        let file_max = parse_decimal(cell(c), &here.with_column("max_points"))?;
                        let fw_max = card.framework.max_points(&canonical)?;
                        if fw_max != Some(file_max) {
                            card.load_problems.push(Problem {
                                kind: ProblemKind::FrameworkMismatch,
                                message: format!(
                                    "`{code}`: the file gives max {file_max}, framework {} has {}",
                                    card.framework.id,
                                    fw_max.map_or("an unknown max".to_string(), |m| m.to_string())
                                ),
                                codes: vec![canonical.clone()],
                                provinces: vec![card.province.clone()],
                                rows: vec![row],
                                file: Some(label.to_string()),
                            });
                        }
                    }
                }
                card.set_at(&canonical, points, here.with_column(points_name.clone()))
            })();
            problems.check(step)?;
        }
        if matched == 0 {
            return Err(Error::NotFoundIn {
                at,
                what: format!("scorecard rows in `{label}` for"),
                name: province.to_string(),
                hint: year.map(|y| format!(" in {y}")).unwrap_or_default(),
            });
        }
        Ok(card)
    }

    /// Read a scorecard CSV file of at most [`crate::io::MAX_TABLE_BYTES`] (64 MiB; see
    /// [`Scorecard::from_csv_path_limited`]). Errors: [`Error::Io`], then as
    /// [`Scorecard::from_csv_reader`].
    pub fn from_csv_path(
        path: impl AsRef<std::path::Path>,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
    ) -> Result<Scorecard> {
        Scorecard::from_csv_path_limited(path, framework, province, year, crate::io::MAX_TABLE_BYTES)
    }

    /// [`Scorecard::from_csv_path`] with another size limit: a file above `max_input_bytes`
    /// is refused from its size, unread ([`Error::InputTooLarge`]).
    pub fn from_csv_path_limited(
        path: impl AsRef<std::path::Path>,
        framework: impl Into<Arc<Framework>>,
        province: &str,
        year: Option<u16>,
        max_input_bytes: u64,
    ) -> Result<Scorecard> {
        let path = path.as_ref();
        let limit = crate::io::Limit { bytes: max_input_bytes, setting: "max_input_bytes" };
        let (file, _) = crate::io::open(path, limit)?;
        Scorecard::from_csv_reader(file, &path.display().to_string(), framework, province, year, max_input_bytes)
    }

    /// Resolve every node's points (given, summed, implied) and collect the problems.
    fn resolve(&self) -> Resolved {
        let fw = &self.framework;
        let mut r = Resolved { values: HashMap::new(), problems: Vec::new() };
        for (code, g) in &self.given {
            r.values.insert(code.clone(), NodePoints { points: g.points, source: PointsSource::Given });
        }
        // Upward along the primary hierarchy: children are listed after parents.
        let mut parents: Vec<&str> = fw.nodes().iter().rev().map(|n| n.code.as_str()).collect();
        parents.push(TOTAL);
        for code in &parents {
            let kids: Vec<&str> = fw.children(code).iter().map(|n| n.code.as_str()).collect();
            r.sum_into(code, &kids, self, "children");
        }
        for g in fw.groupings() {
            for node in &g.nodes {
                let members: Vec<&str> = fw.group_members(node).iter().map(|n| n.code.as_str()).collect();
                r.sum_into(&node.code, &members, self, "members");
            }
            let codes: Vec<&str> = g.nodes.iter().map(|n| n.code.as_str()).collect();
            r.sum_into(TOTAL, &codes, self, &format!("`{}` parts", g.id));
        }
        // Downward: one missing child is its parent minus its siblings.
        let mut families: Vec<(String, Vec<String>)> =
            parents.iter().map(|p| (p.to_string(), fw.children(p).iter().map(|n| n.code.clone()).collect())).collect();
        for g in fw.groupings() {
            families.push((TOTAL.to_string(), g.nodes.iter().map(|n| n.code.clone()).collect()));
        }
        loop {
            let mut changed = false;
            for (parent, kids) in &families {
                let Some(parent_points) = r.values.get(parent).map(|p| p.points) else { continue };
                let missing: Vec<&String> = kids.iter().filter(|k| !r.values.contains_key(*k)).collect();
                if let [only] = missing.as_slice() {
                    let others: Decimal = kids.iter().filter_map(|k| r.values.get(k)).map(|p| p.points).sum();
                    let implied = parent_points - others;
                    let max = fw.max_points(only).ok().flatten();
                    if implied < Decimal::ZERO || max.is_some_and(|m| implied > m) {
                        r.problems.push(self.problem(
                            ProblemKind::ImpliedOutOfRange,
                            format!(
                                "`{only}` would be {parent} minus its siblings = {implied}, outside 0..={}",
                                max.map_or("?".into(), |m| m.to_string())
                            ),
                            vec![parent.clone(), (*only).clone()],
                        ));
                        continue;
                    }
                    r.values.insert((*only).clone(), NodePoints { points: implied, source: PointsSource::Implied });
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        // Two or more missing children: together they are the parent minus the others,
        // which must fit in what they can hold (their maxima, or a constraint's sum).
        for (parent, kids) in &families {
            let Some(parent_points) = r.values.get(parent).map(|p| p.points) else { continue };
            let missing: Vec<&String> = kids.iter().filter(|k| !r.values.contains_key(*k)).collect();
            if missing.len() < 2 {
                continue;
            }
            let known: Vec<Decimal> = kids.iter().filter_map(|k| r.values.get(k)).map(|p| p.points).collect();
            let implied = parent_points - known.iter().copied().sum::<Decimal>();
            let cap = self.joint_max(&missing, &r);
            let tolerance = STEP / Decimal::TWO * Decimal::from(known.len() + 1);
            if implied < -tolerance || cap.is_some_and(|m| implied > m + tolerance) {
                let joined = missing.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" + ");
                let mut codes = vec![parent.clone()];
                codes.extend(missing.iter().map(|c| (*c).clone()));
                r.problems.push(self.problem(
                    ProblemKind::ImpliedOutOfRange,
                    format!(
                        "`{joined}` would be {parent} minus the others = {implied}, outside 0..={}",
                        cap.map_or("?".into(), |m| m.to_string())
                    ),
                    codes,
                ));
            }
        }
        r
    }

    /// The most points `codes` (none of them known) can hold together: each one's maximum,
    /// or for codes under one of the framework's constraints, its sum less the points known
    /// of its other codes. `None` when a code has neither.
    fn joint_max(&self, codes: &[&String], r: &Resolved) -> Option<Decimal> {
        let fw = &self.framework;
        let mut cap = Decimal::ZERO;
        let mut counted: Vec<&str> = Vec::new();
        for c in fw.constraints() {
            let inside: Vec<&str> = codes
                .iter()
                .map(|k| k.as_str())
                .filter(|k| c.codes.iter().any(|x| x == k) && !counted.contains(k))
                .collect();
            if inside.is_empty() {
                continue;
            }
            let others: Decimal = c.codes.iter().filter_map(|k| r.values.get(k)).map(|p| p.points).sum();
            cap += (c.sum - others).max(Decimal::ZERO);
            counted.extend(inside);
        }
        for code in codes.iter().map(|k| k.as_str()).filter(|k| !counted.contains(k)) {
            cap += fw.max_points(code).ok().flatten()?;
        }
        Some(cap)
    }

    fn problem(&self, kind: ProblemKind, message: String, codes: Vec<String>) -> Problem {
        let rows =
            codes.iter().filter_map(|c| self.given.iter().find(|(k, _)| k == c).and_then(|(_, g)| g.at.row)).collect();
        let file = self.given.iter().find_map(|(_, g)| g.at.file.clone());
        Problem { kind, message, codes, provinces: vec![self.province.clone()], rows, file }
    }
}

struct Resolved {
    values: HashMap<String, NodePoints>,
    problems: Vec<Problem>,
}

impl Resolved {
    /// Sum `parts` into `code` when every part is known: set it when unknown, compare when
    /// given (tolerance: half a publication step per rounded value involved).
    fn sum_into(&mut self, code: &str, parts: &[&str], card: &Scorecard, what: &str) {
        if parts.is_empty() {
            return;
        }
        let values: Option<Vec<Decimal>> = parts.iter().map(|p| self.values.get(*p).map(|v| v.points)).collect();
        let Some(values) = values else {
            self.partial_above(code, parts, card, what);
            return;
        };
        let sum: Decimal = values.iter().sum();
        match self.values.get(code) {
            None => {
                self.values.insert(code.to_string(), NodePoints { points: sum, source: PointsSource::Summed });
            }
            Some(existing) => {
                let tolerance = STEP / Decimal::TWO * Decimal::from(parts.len() + 1);
                if (existing.points - sum).abs() > tolerance {
                    let mut codes = vec![code.to_string()];
                    codes.extend(parts.iter().map(|p| p.to_string()));
                    let msg = format!(
                        "`{code}` is {} but its {what} ({}) add up to {sum}, a difference of {} beyond rounding",
                        existing.points,
                        parts.join(" + "),
                        existing.points - sum
                    );
                    self.problems.push(card.problem(ProblemKind::SumMismatch, msg, codes));
                }
            }
        }
    }
}

impl Resolved {
    /// Points are never negative: parts that are known and already add up to more than a
    /// given `code` contradict it, even before the other parts are known.
    fn partial_above(&mut self, code: &str, parts: &[&str], card: &Scorecard, what: &str) {
        let Some(existing) = self.values.get(code).map(|v| v.points) else { return };
        let known: Vec<&str> = parts.iter().copied().filter(|p| self.values.contains_key(*p)).collect();
        let sum: Decimal = known.iter().filter_map(|p| self.values.get(*p)).map(|v| v.points).sum();
        let tolerance = STEP / Decimal::TWO * Decimal::from(known.len() + 1);
        if sum - existing > tolerance {
            let mut codes = vec![code.to_string()];
            codes.extend(known.iter().map(|p| p.to_string()));
            let msg = format!(
                "`{code}` is {existing} but the {what} given so far ({}) already add up to {sum}, {} more, beyond rounding",
                known.join(" + "),
                sum - existing
            );
            self.problems.push(card.problem(ProblemKind::SumMismatch, msg, codes));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::builtin;

    #[test]
    fn a_total_that_leaves_more_than_the_missing_fields_can_hold_is_a_problem() {
        // PAR 2022: fields 2, 6 and 7 hold 35.5 together; with 25 points given elsewhere, a
        // total of 70 leaves them 45.
        let fw = builtin("par-2022").unwrap().clone();
        let given = [("1", "5"), ("3", "5"), ("4", "5"), ("5", "5"), ("8", "5"), ("total", "70")];
        let card =
            Scorecard::from_points(fw.clone(), "Lạng Sơn", given.map(|(c, p)| (c, p.parse::<Decimal>().unwrap())))
                .unwrap();
        let problems = card.problems();
        assert!(
            problems.iter().any(|p| p.kind == ProblemKind::ImpliedOutOfRange && p.message.contains("= 45")),
            "{problems:?}"
        );
        // A total they can hold is no problem.
        let given = [("1", "5"), ("3", "5"), ("4", "5"), ("5", "5"), ("8", "5"), ("total", "55")];
        let card =
            Scorecard::from_points(fw, "Lạng Sơn", given.map(|(c, p)| (c, p.parse::<Decimal>().unwrap()))).unwrap();
        assert!(card.problems().is_empty(), "{:?}", card.problems());
    }

    #[test]
    fn parts_given_so_far_above_their_total_are_a_problem() {
        let fw = builtin("par-2022").unwrap().clone();
        let card = Scorecard::from_points(fw.clone(), "Lạng Sơn", [("1", d("9.2")), ("3", d("11")), ("total", d("5"))])
            .unwrap();
        let p: Vec<Problem> = card.problems().into_iter().filter(|p| p.kind == ProblemKind::SumMismatch).collect();
        assert_eq!(p.len(), 1, "{:?}", card.problems());
        assert_eq!(p[0].codes, ["total", "1", "3"]);
        assert!(p[0].message.contains("already add up to 20.2"), "{}", p[0].message);
        // Parts below their total are no contradiction while others are unknown.
        let card =
            Scorecard::from_points(fw, "Lạng Sơn", [("1", d("9.2")), ("3", d("11")), ("total", d("85"))]).unwrap();
        assert!(card.problems().iter().all(|p| p.kind != ProblemKind::SumMismatch), "{:?}", card.problems());
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn components_add_up_to_the_total() {
        let fw = builtin("par-2022").unwrap().clone();
        let card = Scorecard::from_points(
            fw,
            "Đắk Lắk",
            [
                ("appraised", d("57.92")),
                ("socio_economic", d("2.97")),
                ("leaders_survey", d("18.29")),
                ("sipas", d("8.15")),
            ],
        )
        .unwrap();
        assert_eq!(card.total(), Some(d("87.33")));
        assert_eq!(card.points("total").unwrap().unwrap().source, PointsSource::Summed);
        assert_eq!(card.band(), Some(Band::B));
        assert!(card.problems().is_empty());
        assert_eq!(crate::decimal::fmt_publish(card.sub_index("sipas").unwrap().unwrap()), "81.50");
    }

    #[test]
    fn bad_points_are_refused_and_leave_the_card_unchanged() {
        let fw = builtin("par-2022").unwrap().clone();
        let mut card = Scorecard::new(fw, "Lạng Sơn");
        assert_eq!(card.set("1", d("9.6")).unwrap_err().kind(), "ABOVE_MAX");
        assert_eq!(card.set("1", d("-0.1")).unwrap_err().kind(), "NEGATIVE");
        assert_eq!(card.set("9", d("1")).unwrap_err().kind(), "UNKNOWN_CODE");
        // Fields 2, 6, 7 have unknown maxima but share 35.5 points.
        assert_eq!(card.set("2", d("36")).unwrap_err().kind(), "ABOVE_MAX");
        card.set("2", d("12")).unwrap();
        card.set("6", d("12")).unwrap();
        let err = card.set("7", d("12")).unwrap_err();
        assert_eq!(err.kind(), "ABOVE_MAX");
        assert!(err.to_string().contains("2+6+7"), "{err}");
        assert_eq!(card.given().len(), 2);
    }

    #[test]
    fn one_missing_child_is_implied_and_labelled() {
        let fw = builtin("par-2022").unwrap().clone();
        let mut card = Scorecard::new(fw, "Quảng Nam");
        for (c, p) in [
            ("1", "9.44"),
            ("2", "9.38"),
            ("3", "10.68"),
            ("4", "9.81"),
            ("5", "11.75"),
            ("6", "10.50"),
            ("7", "11.59"),
            ("total", "84.6"),
        ] {
            card.set(c, d(p)).unwrap();
        }
        let f8 = card.points("8").unwrap().unwrap();
        assert_eq!(f8, NodePoints { points: d("11.45"), source: PointsSource::Implied });
        assert_eq!(card.lost("8").unwrap(), Some(d("5.05")));
        assert_eq!(card.lost("2").unwrap(), None);
    }

    #[test]
    fn rule_driven_leaf() {
        let json = r#"{"id":"t","index":"par","name_vi":"t","total_max_points":"3","nodes":[
            {"code":"1","name_vi":"a","max_points":"3","status":"confirmed"},
            {"code":"1.1","name_vi":"b","max_points":"2","status":"confirmed","rule":{"kind":"bands","bands":[{"op":">","edge":"90","points":"2"},{"op":">=","edge":"70","points":"1"}],"otherwise":"0"}},
            {"code":"1.2","name_vi":"c","max_points":"1","status":"confirmed","rule":{"kind":"boolean"}}]}"#;
        let fw = Framework::from_json(json, "t.json").unwrap();
        let mut card = Scorecard::new(fw, "Lạng Sơn");
        assert_eq!(card.set_measure("1.1", &Measure::Value(d("90"))).unwrap(), d("1"));
        assert_eq!(card.set_measure("1.2", &Measure::Flag(true)).unwrap(), d("1"));
        assert_eq!(card.total(), Some(d("2")));
        assert_eq!(card.index().map(crate::decimal::fmt_publish), Some("66.67".to_string()));
        assert!(card.set_measure("1", &Measure::Flag(true)).is_err());
    }
}
