//! Agencies: the plan annex, points lost per lead agency, self-assessment against
//! appraisal, many units from a long table, progress. Results cross as the core's serde
//! JSON; `parindex._agency` builds the Decimals and DataFrames.

use crate::convert::{helper, text_of, u32_arg, year_opt};
use crate::errors::{core_error, guard};
use crate::framework::framework_arg;
use crate::scorecard::PyScorecard;
use crate::table::PyLeagueTable;
use parindex::agency::{Assignments, PlanItem, Units};
use parindex::Error;
use pyo3::prelude::*;
use pyo3::types::PyList;

fn json<T: serde::Serialize>(py: Python<'_>, value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| core_error(py, &Error::Unsupported { message: e.to_string() }))
}

fn target(t: Option<&Bound<'_, PyAny>>) -> PyResult<Option<u32>> {
    t.filter(|t| !t.is_none()).map(|t| u32_arg(t, "target_rank")).transpose()
}

/// The plan annex (phụ lục kế hoạch) as data: for each field, criterion or sub-criterion,
/// the tasks, product, deadline, lead agency (cơ quan chủ trì) and coordinating agencies
/// (cơ quan phối hợp), validated against a framework. A leaf without an assignment
/// inherits its nearest assigned ancestor's; agencies spelled several ways (case,
/// diacritics, punctuation) are one.
#[pyclass(module = "parindex._core", name = "Assignments")]
#[derive(Clone)]
pub struct PyAssignments(pub Assignments);

#[pymethods]
impl PyAssignments {
    /// Read the annex from CSV (a path, a file-like object or a DataFrame) with columns
    /// ``STT``/``mã``/``code`` and ``cơ quan chủ trì``/``lead`` (required), and optional
    /// ``nội dung``/``tiêu chí``, ``nhiệm vụ``/``giải pháp``, ``sản phẩm``, ``thời gian
    /// hoàn thành``, ``cơ quan phối hợp`` (several separated by ``;``).
    ///
    /// Raises DataError: ``UNKNOWN_CODE`` (a code the framework's hierarchy lacks),
    /// ``DUPLICATE_CODE`` (one code, two lead agencies), ``MISSING_FIELD``; with several
    /// problems, kind ``INVALID`` with every one in ``.errors``, each with its row.
    #[staticmethod]
    fn from_csv(py: Python<'_>, source: &Bound<'_, PyAny>, framework: &Bound<'_, PyAny>) -> PyResult<Self> {
        let fw = framework_arg(framework)?;
        let (text, label) = text_of(py, source, "DataFrame")?;
        guard(py, || Assignments::from_csv(&text, &label, fw)).map(PyAssignments)
    }

    /// Read the annex from a worksheet of a workbook (.xlsx, .xls, .ods): a path, bytes or
    /// a binary file object. ``sheet`` (name or 0-based position; default the first),
    /// ``header_row`` (spreadsheet numbering; default: found under any title rows) and
    /// ``columns`` (role → header for headers the alias table does not know; roles
    /// ``code``, ``content``, ``tasks``, ``product``, ``deadline``, ``lead``,
    /// ``coordinating``). Columns as :meth:`from_csv`.
    ///
    /// Raises DataError as :meth:`from_csv`, naming the sheet, row and cell; InputError
    /// (``UNKNOWN_COLUMN``, ``NOT_FOUND`` for a missing sheet); FileReadError.
    #[staticmethod]
    #[pyo3(signature = (source, framework, sheet=None, header_row=None, columns=None))]
    fn from_excel(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        framework: &Bound<'_, PyAny>,
        sheet: Option<&Bound<'_, PyAny>>,
        header_row: Option<usize>,
        columns: Option<std::collections::BTreeMap<String, String>>,
    ) -> PyResult<Self> {
        let fw = framework_arg(framework)?;
        let options = crate::convert::table_options(sheet, header_row, columns)?;
        let table = crate::convert::workbook_table(py, source, &options)?;
        guard(py, || Assignments::from_table(&table, fw)).map(PyAssignments)
    }

    /// The same from a DataFrame in the annex's layout (see :meth:`from_csv`).
    #[staticmethod]
    fn from_pandas(py: Python<'_>, df: &Bound<'_, PyAny>, framework: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_csv(py, df, framework)
    }

    /// Every problem of an annex file at once, as a list of exceptions (empty when it
    /// loads), rows numbered as in the spreadsheet.
    #[staticmethod]
    fn validate<'py>(
        py: Python<'py>,
        source: &Bound<'py, PyAny>,
        framework: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let fw = framework_arg(framework)?;
        let errors = match crate::convert::text_or_encoding(py, source)? {
            Ok((text, label)) => Assignments::validate_csv(&text, &label, fw),
            Err(problem) => vec![problem],
        };
        PyList::new(py, errors.iter().map(|e| core_error(py, e).into_value(py)))
    }

    /// Leaves with no lead agency at themselves or any ancestor (codes).
    #[getter]
    fn unassigned(&self) -> PyResult<Vec<String>> {
        Ok(self.0.unassigned.clone())
    }

    /// The framework's id.
    #[getter]
    fn framework_id(&self) -> PyResult<String> {
        Ok(self.0.framework.clone())
    }

    /// The lead agencies, in the order first met (first spelling).
    fn agencies(&self) -> PyResult<Vec<String>> {
        Ok(self.0.agencies().into_iter().map(str::to_string).collect())
    }

    /// The lead agency answerable for ``code`` (its own, else its nearest assigned
    /// ancestor's), or None.
    fn lead_of(&self, code: &str) -> PyResult<Option<String>> {
        Ok(self.0.lead_of(code.trim()).map(str::to_string))
    }

    /// One row per assignment: ``code, content, tasks, product, deadline, lead,
    /// coordinating`` (a list), ``row``; ``df.attrs``: ``framework``, ``unassigned``.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        helper(py, "_agency", "assignments_frame")?.call1((json(py, &self.0)?,))
    }

    fn __len__(&self) -> PyResult<usize> {
        Ok(self.0.items.len())
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "<Assignments on {}: {} rows, {} lead agencies, {} leaves unassigned>",
            self.0.framework,
            self.0.items.len(),
            self.0.agencies().len(),
            self.0.unassigned.len()
        ))
    }
}

/// Scorecards of many units (districts, departments) on one framework, from one long
/// table, in the order the units first appear.
#[pyclass(module = "parindex._core", name = "Units")]
#[derive(Clone)]
pub struct PyUnits(pub Units);

#[pymethods]
impl PyUnits {
    /// Read a long table (a path, a file-like object or a DataFrame) with columns
    /// ``unit``, ``code`` and ``points`` (or ``measure``), optional ``self_assessed``,
    /// ``appraised``, ``evidence`` (references separated by ``;``), ``year``. With
    /// ``year``, other years' rows are skipped.
    ///
    /// Raises DataError naming the row, the unit and the code (``UNKNOWN_CODE``,
    /// ``INVALID_NUMBER``, ``ABOVE_MAX``, ``NEGATIVE``, ``DUPLICATE_CODE``,
    /// ``MISSING_FIELD``, ``RULE``); several at once as kind ``INVALID`` with ``.errors``;
    /// InputError when the table holds several years and ``year`` is not given.
    #[staticmethod]
    #[pyo3(signature = (source, framework, year=None))]
    fn from_long(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        framework: &Bound<'_, PyAny>,
        year: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let fw = framework_arg(framework)?;
        let year = year_opt(year, "year")?;
        let (text, label) = text_of(py, source, "DataFrame")?;
        guard(py, || Units::from_csv(&text, &label, fw, year)).map(PyUnits)
    }

    /// Read a long table from a worksheet of a workbook (.xlsx, .xls, .ods): a path, bytes
    /// or a binary file object; ``sheet``, ``header_row`` and ``columns`` (roles ``unit``,
    /// ``code``, ``points``, ``measure``, ``self_assessed``, ``appraised``, ``evidence``,
    /// ``year``) as :meth:`Assignments.from_excel`. Columns and errors as
    /// :meth:`from_long`, naming the sheet, row and cell.
    #[staticmethod]
    #[pyo3(signature = (source, framework, year=None, sheet=None, header_row=None, columns=None))]
    fn from_excel(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        framework: &Bound<'_, PyAny>,
        year: Option<&Bound<'_, PyAny>>,
        sheet: Option<&Bound<'_, PyAny>>,
        header_row: Option<usize>,
        columns: Option<std::collections::BTreeMap<String, String>>,
    ) -> PyResult<Self> {
        let fw = framework_arg(framework)?;
        let year = year_opt(year, "year")?;
        let options = crate::convert::table_options(sheet, header_row, columns)?;
        let table = crate::convert::workbook_table(py, source, &options)?;
        guard(py, || Units::from_table(&table, fw, year)).map(PyUnits)
    }

    /// Every problem of a long table at once, as a list of exceptions (empty when it
    /// loads), rows numbered as in the spreadsheet.
    #[staticmethod]
    #[pyo3(signature = (source, framework, year=None))]
    fn validate<'py>(
        py: Python<'py>,
        source: &Bound<'py, PyAny>,
        framework: &Bound<'py, PyAny>,
        year: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let fw = framework_arg(framework)?;
        let year = year_opt(year, "year")?;
        let errors = match crate::convert::text_or_encoding(py, source)? {
            Ok((text, label)) => Units::validate_csv(&text, &label, fw, year),
            Err(problem) => vec![problem],
        };
        PyList::new(py, errors.iter().map(|e| core_error(py, e).into_value(py)))
    }

    /// The unit names.
    fn units(&self) -> PyResult<Vec<String>> {
        Ok(self.0.units().into_iter().map(str::to_string).collect())
    }

    /// The scorecards, one per unit, in order.
    fn scorecards(&self) -> PyResult<Vec<PyScorecard>> {
        Ok(self.0.cards().iter().cloned().map(PyScorecard).collect())
    }

    /// The league table of the units (index percent, unrounded; open roster).
    fn league_table(&self, py: Python<'_>) -> PyResult<PyLeagueTable> {
        guard(py, || self.0.league_table()).map(PyLeagueTable)
    }

    /// Index change (percent points) of every unit with a total in both years: the sample
    /// for ``model={"kind": "sample", …}`` of a simulation of the units.
    fn changes(&self, previous: PyRef<'_, PyUnits>) -> PyResult<Vec<String>> {
        Ok(self.0.changes(&previous.0).iter().map(ToString::to_string).collect())
    }

    fn __len__(&self) -> PyResult<usize> {
        Ok(self.0.cards().len())
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!("<Units on {}: {} units>", self.0.framework().id, self.0.cards().len()))
    }
}

/// `Scorecard.accountability`, as JSON for `parindex._agency`.
pub(crate) fn accountability_impl<'py>(
    py: Python<'py>,
    card: &parindex::Scorecard,
    assignments: &PyAssignments,
    table: Option<&PyLeagueTable>,
    previous: Option<&PyScorecard>,
    target_rank: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let target = target(target_rank)?;
    let a = guard(py, || {
        parindex::agency::accountability(card, &assignments.0, table.map(|t| &t.0), previous.map(|p| &p.0), target)
    })?;
    helper(py, "_agency", "accountability_frame")?.call1((json(py, &a)?, previous.is_some()))
}

/// `Scorecard.appraisal`, as JSON for `parindex._agency`.
pub(crate) fn appraisal_impl<'py>(
    py: Python<'py>,
    card: &parindex::Scorecard,
    assignments: Option<&PyAssignments>,
    table: Option<&PyLeagueTable>,
) -> PyResult<Bound<'py, PyAny>> {
    let a = guard(py, || parindex::agency::appraisal(card, assignments.map(|a| &a.0), table.map(|t| &t.0)))?;
    helper(py, "_agency", "appraisal_result")?.call1((json(py, &a)?,))
}

/// The progress summary: ``reports`` is a JSON object report name → list of plan items
/// (``code``, ``status``, ``expected_points``) built by `parindex._agency`.
#[pyfunction]
#[pyo3(signature = (baseline, reports_json, table, target_rank=None, changes=None))]
fn _progress_summary<'py>(
    py: Python<'py>,
    baseline: PyRef<'py, PyScorecard>,
    reports_json: &str,
    table: PyRef<'py, PyLeagueTable>,
    target_rank: Option<&Bound<'py, PyAny>>,
    changes: Option<Vec<String>>,
) -> PyResult<String> {
    let target = target(target_rank)?;
    let reports: Vec<(String, Vec<PlanItem>)> = serde_json::from_str(reports_json)
        .map_err(|e| core_error(py, &Error::invalid_argument("reports", e.to_string())))?;
    let model = changes
        .map(|c| {
            c.iter()
                .map(|v| v.parse().map_err(|_| core_error(py, &Error::invalid_argument("changes", format!("`{v}`")))))
                .collect::<PyResult<Vec<_>>>()
                .map(parindex::simulate::ChangeModel::Sample)
        })
        .transpose()?;
    let rows =
        guard(py, || parindex::agency::progress_summary(&baseline.0, &reports, &table.0, target, model.as_ref()))?;
    json(py, &rows)
}

/// Register the classes and functions of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAssignments>()?;
    m.add_class::<PyUnits>()?;
    m.add_function(wrap_pyfunction!(_progress_summary, m)?)?;
    Ok(())
}
