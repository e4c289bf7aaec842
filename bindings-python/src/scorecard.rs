//! Scorecards: one province's points on a framework.

use crate::convert::{self, decimal_arg, helper, source_arg, year_opt, Source};
use crate::errors::{guard, in_file};
use crate::framework::{framework_arg, PyFramework};
use crate::simulate::{plan_impl, rank_gain_impl, what_if_impl, PyPlan};
use crate::table::PyLeagueTable;
use crate::values::{problems, PyNodePoints, PyProblem};
use parindex::Decimal;
use parindex::Scorecard;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// One province's points (bảng điểm) on a framework. Units: points; indices percent 0–100.
/// Methodology: the framework's decision (e.g. 876/QĐ-BNV for 2022–2023).
///
/// Points can be given at any node (leaf, criterion, field, component or the total);
/// the others resolve: a parent is the sum of its children when all are known, and one
/// missing child is implied by its parent minus its siblings (source ``"implied"``).
/// Given parents that disagree with their given children beyond rounding are reported in
/// ``problems``, never corrected.
///
/// ``Scorecard(framework, province, year=None, points=None)``: ``framework`` is a
/// :class:`Framework` or a built-in id; ``points`` a mapping code → points.
#[pyclass(module = "parindex._core", name = "Scorecard")]
#[derive(Clone)]
pub struct PyScorecard(pub Scorecard);

fn set_all(py: Python<'_>, card: &mut Scorecard, points: &Bound<'_, PyAny>) -> PyResult<()> {
    for (code, p) in convert::contract::<parindex::contract::Points>(points, "points")?.0 {
        guard(py, || card.set(&code, p))?;
    }
    Ok(())
}

#[pymethods]
impl PyScorecard {
    #[new]
    #[pyo3(signature = (framework, province, year=None, points=None))]
    fn new(
        py: Python<'_>,
        framework: &Bound<'_, PyAny>,
        province: &Bound<'_, PyAny>,
        year: Option<&Bound<'_, PyAny>>,
        points: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut card = Scorecard::new(framework_arg(framework)?, &convert::str_arg(province, "province")?);
        if let Some(y) = year_opt(year, "year")? {
            card = card.with_year(y);
        }
        if let Some(points) = points.filter(|p| !p.is_none()) {
            set_all(py, &mut card, points)?;
        }
        Ok(PyScorecard(card))
    }

    /// A scorecard from a mapping code → points (str, int, Decimal or float).
    ///
    /// Raises DataError (``UNKNOWN_CODE``, ``NEGATIVE``, ``ABOVE_MAX``) naming the code.
    #[staticmethod]
    #[pyo3(signature = (framework, province, points, year=None))]
    fn from_points(
        py: Python<'_>,
        framework: &Bound<'_, PyAny>,
        province: &Bound<'_, PyAny>,
        points: &Bound<'_, PyAny>,
        year: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Self::new(py, framework, province, year, Some(points))
    }

    /// Read a scorecard from CSV (a path or a file-like object) in the layout of
    /// ``testdata/published/par_index_scorecards.csv``: columns ``code`` and ``points``
    /// (required), ``province`` and ``year`` (rows are filtered to those asked for),
    /// ``max_points`` (checked against the framework; a difference is a problem).
    ///
    /// Raises DataError (``MISSING_FIELD``, ``INVALID_NUMBER``, ``UNKNOWN_CODE``,
    /// ``NEGATIVE``, ``ABOVE_MAX``, ``DUPLICATE_CODE``) naming the file, row and code;
    /// InputError (``NOT_FOUND``: no row for the province and year); FileReadError.
    #[staticmethod]
    #[pyo3(signature = (source, framework, province, year=None, header_row=None, columns=None))]
    fn from_csv(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        framework: &Bound<'_, PyAny>,
        province: &str,
        year: Option<&Bound<'_, PyAny>>,
        header_row: Option<usize>,
        columns: Option<std::collections::BTreeMap<String, String>>,
    ) -> PyResult<Self> {
        let fw = framework_arg(framework)?;
        let year = year_opt(year, "year")?;
        if header_row.is_some() || columns.is_some() {
            let table = convert::csv_table(py, source_arg(source, None)?, header_row, columns)?;
            return Ok(PyScorecard(guard(py, || Scorecard::from_table(&table, fw, province, year))?));
        }
        let card = match source_arg(source, None)? {
            Source::Path(p) => guard(py, || Scorecard::from_csv_path(&p, fw, province, year))
                .map_err(|e| in_file(py, e, &p.display().to_string()))?,
            Source::Text(text, label) => guard(py, || Scorecard::from_csv(&text, &label, fw, province, year))
                .map_err(|e| in_file(py, e, &label))?,
        };
        Ok(PyScorecard(card))
    }

    /// Read a scorecard from a worksheet of an Excel or OpenDocument workbook: ``source`` is
    /// a path, ``bytes`` or a binary file. The layout of :meth:`from_csv` (code and points,
    /// optionally province, year, max points; a ``Tổng`` row gives the total), found under
    /// any title rows; ``sheet``, ``header_row`` and ``columns`` (roles: ``code``,
    /// ``points``, ``province``, ``year``, ``max_points``, ``name``) as for
    /// :meth:`LeagueTable.from_excel`.
    ///
    /// Raises DataError as :meth:`from_csv`, naming the sheet and cell; InputError
    /// (``UNKNOWN_COLUMN``, ``NOT_FOUND``); FileReadError.
    #[staticmethod]
    #[pyo3(signature = (source, framework, province, year=None, sheet=None, header_row=None, columns=None))]
    #[allow(clippy::too_many_arguments)]
    fn from_excel(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        framework: &Bound<'_, PyAny>,
        province: &str,
        year: Option<&Bound<'_, PyAny>>,
        sheet: Option<&Bound<'_, PyAny>>,
        header_row: Option<usize>,
        columns: Option<std::collections::BTreeMap<String, String>>,
    ) -> PyResult<Self> {
        let fw = framework_arg(framework)?;
        let year = year_opt(year, "year")?;
        let options = crate::convert::table_options(sheet, header_row, columns)?;
        let table = crate::convert::workbook_table(py, source, &options)?;
        Ok(PyScorecard(guard(py, || Scorecard::from_table(&table, fw, province, year))?))
    }

    /// A scorecard from a DataFrame with ``code`` and ``points`` columns (and optionally
    /// ``province``, ``year``, ``max_points``, as :meth:`from_csv`). Errors name the file
    /// ``DataFrame`` (or ``label``) and the row as in ``df.to_csv(index=False)``.
    ///
    /// Raises DataError as :meth:`from_csv`.
    #[staticmethod]
    #[pyo3(signature = (df, framework, province, year=None, label="DataFrame", columns=None))]
    fn from_pandas(
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        framework: &Bound<'_, PyAny>,
        province: &str,
        year: Option<&Bound<'_, PyAny>>,
        label: &str,
        columns: Option<std::collections::BTreeMap<String, String>>,
    ) -> PyResult<Self> {
        let fw = framework_arg(framework)?;
        let year = year_opt(year, "year")?;
        let text = convert::frame_csv(df, label)?;
        if columns.is_some() {
            let table = convert::csv_table(py, Source::Text(text, label.to_string()), None, columns)?;
            return Ok(PyScorecard(guard(py, || Scorecard::from_table(&table, fw, province, year))?));
        }
        guard(py, || Scorecard::from_csv(&text, label, fw, province, year))
            .map(PyScorecard)
            .map_err(|e| in_file(py, e, label))
    }

    /// The province (canonical name when it is one of the 63).
    #[getter]
    fn province(&self) -> PyResult<&str> {
        Ok(self.0.province())
    }

    /// The assessment year, when known.
    #[getter]
    fn year(&self) -> PyResult<Option<u16>> {
        Ok(self.0.year())
    }

    /// The framework.
    #[getter]
    fn framework(&self) -> PyResult<PyFramework> {
        Ok(PyFramework(self.0.framework_arc()))
    }

    /// Points given by the caller, code → Decimal, in the order given.
    #[getter]
    fn given<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (code, points) in self.0.given() {
            d.set_item(code, points)?;
        }
        Ok(d)
    }

    /// Inconsistencies (``list[Problem]``): given parents that disagree with their given
    /// children, implied values out of range, and what loading reported.
    #[getter]
    fn problems(&self) -> PyResult<Vec<PyProblem>> {
        Ok(problems(&self.0.problems()))
    }

    /// Set the points at a node (replacing any earlier value there).
    ///
    /// Raises DataError (``UNKNOWN_CODE``, ``NEGATIVE``, ``ABOVE_MAX`` — also when a
    /// constraint such as F2 + F6 + F7 ≤ 35.5 would be exceeded); the card is then unchanged.
    fn set(&mut self, py: Python<'_>, code: &str, points: &Bound<'_, PyAny>) -> PyResult<()> {
        let p = decimal_arg(points, "points")?;
        guard(py, || self.0.set(code, p))
    }

    /// Set a leaf's points from a measured input through its scoring rule: ``True``/
    /// ``False`` (boolean rule), a level name (levels rule) or a number (bands,
    /// proportional). Returns the points (Decimal).
    ///
    /// Raises DataError (``UNKNOWN_CODE``), FrameworkError (``RULE``: no rule, or the measure
    /// does not fit it).
    fn set_measure(&mut self, py: Python<'_>, code: &str, measure: &Bound<'_, PyAny>) -> PyResult<Decimal> {
        let m: parindex::framework::Measure = convert::contract(measure, "measure")?;
        guard(py, || self.0.set_measure(code, &m))
    }

    /// Remove the given points at a node.
    ///
    /// Raises DataError (``UNKNOWN_CODE``).
    fn unset(&mut self, py: Python<'_>, code: &str) -> PyResult<()> {
        guard(py, || self.0.unset(code))
    }

    /// A copy with the points at ``code`` set (this card is untouched).
    ///
    /// Raises as :meth:`set`.
    fn with_points(&self, py: Python<'_>, code: &str, points: &Bound<'_, PyAny>) -> PyResult<PyScorecard> {
        let p = decimal_arg(points, "points")?;
        guard(py, || self.0.with_points(code, p)).map(PyScorecard)
    }

    /// Points at a node, given or derived (:class:`NodePoints`: ``points``, ``source``), or
    /// ``None`` when neither.
    ///
    /// Raises DataError (``UNKNOWN_CODE``).
    fn points(&self, py: Python<'_>, code: &str) -> PyResult<Option<PyNodePoints>> {
        guard(py, || self.0.points(code)).map(|p| p.map(PyNodePoints::from))
    }

    /// Total points (Decimal), when given or derivable.
    fn total(&self) -> PyResult<Option<Decimal>> {
        Ok(self.0.total())
    }

    /// The index, percent (total ÷ framework total × 100, unrounded Decimal); ``None`` when
    /// the total or the framework's total max is unknown.
    #[getter]
    fn index(&self) -> PyResult<Option<Decimal>> {
        Ok(self.0.index())
    }

    /// The band of the index: ``"A"``, ``"B"``, ``"C"`` or ``"below C"``.
    fn band(&self) -> PyResult<Option<&'static str>> {
        Ok(self.0.band().map(|b| b.as_str()))
    }

    /// A node's sub-index: points ÷ max × 100 (percent, unrounded Decimal); ``None`` when
    /// either is unknown.
    ///
    /// Raises DataError (``UNKNOWN_CODE``).
    fn sub_index(&self, py: Python<'_>, code: &str) -> PyResult<Option<Decimal>> {
        guard(py, || self.0.sub_index(code))
    }

    /// Points lost at a node (max − points, Decimal), when both are known.
    ///
    /// Raises DataError (``UNKNOWN_CODE``).
    fn lost(&self, py: Python<'_>, code: &str) -> PyResult<Option<Decimal>> {
        guard(py, || self.0.lost(code))
    }

    /// Every node as a dict: ``code, level, name_vi, name_en, max_points, points, source,
    /// index, lost`` (points Decimal, index percent).
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::records(py, "scorecard_row", &self.0.rows())
    }

    /// The scorecard as a DataFrame (columns as :meth:`rows`; points float64).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::table(py, "scorecard_row", &self.0.rows(), None)
    }

    /// What-if scenarios on this card (see :func:`parindex.what_if`), as a DataFrame.
    #[pyo3(signature = (scenarios, table=None))]
    fn what_if<'py>(
        &self,
        py: Python<'py>,
        scenarios: &Bound<'py, PyAny>,
        table: Option<PyRef<'py, PyLeagueTable>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        what_if_impl(py, &self.0, table.as_deref(), scenarios)
    }

    /// The rank-gain table of this card against ``table`` (see :func:`parindex.rank_gain`).
    #[pyo3(signature = (table, target_rank=None))]
    fn rank_gain<'py>(
        &self,
        py: Python<'py>,
        table: PyRef<'py, PyLeagueTable>,
        target_rank: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        rank_gain_impl(py, &self.0, &table, target_rank)
    }

    /// The least-effort plan to rank ≤ ``target_rank`` (see :func:`parindex.plan`).
    #[pyo3(signature = (table, target_rank, costs=None, basis="high"))]
    fn plan(
        &self,
        py: Python<'_>,
        table: PyRef<'_, PyLeagueTable>,
        target_rank: &Bound<'_, PyAny>,
        costs: Option<&Bound<'_, PyAny>>,
        basis: &str,
    ) -> PyResult<PyPlan> {
        plan_impl(py, &self.0, &table, target_rank, costs, basis)
    }

    /// Points lost per lead agency (cơ quan chủ trì), one DataFrame row per agency of
    /// ``assignments``, sorted by ranks at stake: ``agency``, ``lost`` (framework points),
    /// ``ranks_at_stake`` (estimate; with ``_best``/``_worst``), ``rank_if_recovered``,
    /// ``reaches_target``, ``codes`` (assigned codes), ``charged`` (code → points lost,
    /// each point counted once), ``coordinating`` (shown, not charged); with ``previous``
    /// (the same unit's earlier scorecard) also ``lost_previous`` and ``change`` (lost −
    /// lost_previous: positive = more lost). ``df.attrs``: ``province``, ``total_lost``,
    /// ``unassigned_lost``, ``unassigned`` (code → points), ``target_rank``. Ranks follow
    /// the rank-gain table's semantics against ``table`` (None: no ranks).
    ///
    /// Raises InputError (no total, other framework, target outside 1..=of), DataError
    /// (the unit not in ``table``).
    #[pyo3(signature = (assignments, table=None, previous=None, target_rank=None))]
    fn accountability<'py>(
        &self,
        py: Python<'py>,
        assignments: PyRef<'py, crate::agency::PyAssignments>,
        table: Option<PyRef<'py, PyLeagueTable>>,
        previous: Option<PyRef<'py, PyScorecard>>,
        target_rank: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::agency::accountability_impl(
            py,
            &self.0,
            &assignments,
            table.as_deref(),
            previous.as_deref(),
            target_rank,
        )
    }

    /// Self-assessed against appraised points, with evidence: an ``Appraisal`` with
    /// ``nodes`` (DataFrame: code, name_vi, self_assessed, appraised, cut, evidence,
    /// unsupported, counted, agency), ``agencies`` (DataFrame: agency, cut, codes,
    /// unsupported), ``unsupported`` (codes claimed without evidence), ``total_cut`` and
    /// ``what_if`` (dict: the appraisal accepting every evidence-backed claim → points,
    /// index, rank, band before and after). Framework points; index percent.
    ///
    /// Raises InputError (no total, other framework), DataError (``ABOVE_MAX``).
    #[pyo3(signature = (assignments=None, table=None))]
    fn appraisal<'py>(
        &self,
        py: Python<'py>,
        assignments: Option<PyRef<'py, crate::agency::PyAssignments>>,
        table: Option<PyRef<'py, PyLeagueTable>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::agency::appraisal_impl(py, &self.0, assignments.as_deref(), table.as_deref())
    }

    /// Every problem of a scorecard file at once (the native side of :meth:`validate`, whose
    /// signature is in ``parindex._validate``): ``table`` the core's ``TableOptions``
    /// (``header_row``, ``columns``) or ``None``.
    #[staticmethod]
    #[pyo3(signature = (source, framework, province, year=None, table=None))]
    fn _validate<'py>(
        py: Python<'py>,
        source: &Bound<'py, PyAny>,
        framework: &Bound<'py, PyAny>,
        province: &str,
        year: Option<u16>,
        table: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyList>> {
        let fw = framework_arg(framework)?;
        let fw2 = std::sync::Arc::clone(&fw);
        convert::validated(
            py,
            source,
            table,
            |text, label| Scorecard::validate_csv(text, label, fw, province, year),
            |t| Scorecard::validate_table(t, fw2, province, year),
        )
    }

    /// A compact HTML table for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        helper(slf.py(), "_display", "scorecard_html")?.call1((slf,))?.extract()
    }

    fn __copy__(&self) -> PyResult<PyScorecard> {
        Ok(self.clone())
    }

    #[pyo3(signature = (memo, /))]
    fn __deepcopy__(&self, memo: &Bound<'_, PyAny>) -> PyResult<PyScorecard> {
        Ok({
            let _ = memo;
            self.clone()
        })
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok({
            let total = self.0.total().map_or("total unknown".to_string(), |t| format!("total {t} points"));
            format!(
                "<Scorecard {} on {}: {}, {} values given>",
                self.0.province(),
                self.0.framework().id,
                total,
                self.0.given().len()
            )
        })
    }
}

/// Register the classes of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyScorecard>()
}
