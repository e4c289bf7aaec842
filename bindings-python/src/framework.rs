//! Frameworks: methodologies as data (876/QĐ-BNV, 892/QĐ-BNV, 1001/QĐ-BNV, …).

use crate::convert::{self, helper, index_kind, source_arg, year_arg, Source};
use crate::errors::guard;
use parindex::framework::{builtin, builtin_ids, for_year, CsvFrameworkOptions, Framework};
use parindex::Decimal;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;

/// A methodology (bộ chỉ số) as data: a tree of fields (lĩnh vực), criteria (tiêu chí) and
/// sub-criteria (tiêu chí thành phần) with their maximum points, second groupings over the
/// same points (the PAR INDEX components: appraised 61.5, socio-economic 6.5, leaders'
/// survey 22, SIPAS 10), and constraints on maxima not known one by one (F2 + F6 + F7 =
/// 35.5). Units: points; the index is points ÷ ``total_max_points`` × 100 (percent).
/// Built-in ids: see :func:`parindex.frameworks`. Unknown maxima stay unknown (``None``).
#[pyclass(module = "parindex._core", name = "Framework", frozen)]
pub struct PyFramework(pub Arc<Framework>);

#[pymethods]
impl PyFramework {
    /// Identifier, e.g. ``"par-2024"``.
    #[getter]
    fn id(&self) -> PyResult<&str> {
        Ok(self.0.id.as_str())
    }

    /// ``"par"``, ``"sipas"`` or a custom index name.
    #[getter]
    fn index(&self) -> PyResult<String> {
        Ok(self.0.index.to_string())
    }

    /// Vietnamese name.
    #[getter]
    fn name_vi(&self) -> PyResult<&str> {
        Ok(self.0.name_vi.as_str())
    }

    /// English name.
    #[getter]
    fn name_en(&self) -> PyResult<&str> {
        Ok(self.0.name_en.as_str())
    }

    /// The decision that sets the methodology, e.g. ``"892/QĐ-BNV"``.
    #[getter]
    fn decision(&self) -> PyResult<&str> {
        Ok(self.0.decision.as_str())
    }

    /// Date of the decision (ISO 8601), when known.
    #[getter]
    fn decision_date(&self) -> PyResult<Option<&str>> {
        Ok(self.0.decision_date.as_deref())
    }

    /// Assessment years it applies to: ``(first, last)``, ``last`` ``None`` while in force.
    #[getter]
    fn years(&self) -> PyResult<Option<(u16, Option<u16>)>> {
        Ok(self.0.years.map(|y| (y.first, y.last)))
    }

    /// Declared total maximum points (100 for the PAR INDEX; ``None`` for SIPAS, a percentage).
    #[getter]
    fn total_max_points(&self) -> PyResult<Option<Decimal>> {
        Ok(self.0.total_max_points)
    }

    /// Names of the levels, top down (``["field", "criterion", "sub_criterion"]``).
    #[getter]
    fn level_names(&self) -> PyResult<Vec<String>> {
        Ok(self.0.level_names.clone())
    }

    /// Where the framework comes from.
    #[getter]
    fn source(&self) -> PyResult<Option<&str>> {
        Ok(self.0.source.as_deref())
    }

    /// What is known and unknown, in words.
    #[getter]
    fn notes(&self) -> PyResult<Vec<String>> {
        Ok(self.0.notes.clone())
    }

    /// The primary hierarchy, parents before children, one dict per node: ``code, parent,
    /// level, name_vi, name_en, max_points`` (Decimal points or ``None``), ``at_least``,
    /// ``method``, ``rule`` (compact text: ``"bands: >90=2; >=70=1; else=0"``), ``status``
    /// (``confirmed``/``inferred``/``assumed``/``unknown``), ``source``, ``note``.
    fn nodes<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0.nodes().iter().map(|n| convert::node(py, n)).collect()
    }

    /// The leaves of the primary hierarchy, as :meth:`nodes`.
    fn leaves<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0.leaves().into_iter().map(|n| convert::node(py, n)).collect()
    }

    /// Codes of the leaves, in order (for SIPAS frameworks: the survey item codes; 39 for
    /// ``sipas-2023``, 1001/QĐ-BNV).
    fn leaf_codes(&self) -> PyResult<Vec<String>> {
        Ok(self.0.leaf_codes())
    }

    /// Codes of the direct children of a node (of ``"total"``: the fields).
    #[pyo3(signature = (code="total"))]
    fn children(&self, code: &str) -> PyResult<Vec<String>> {
        Ok(self.0.children(code).into_iter().map(|n| n.code.clone()).collect())
    }

    /// Second groupings (e.g. ``component``), each ``{"id", "name_vi", "name_en", "nodes"}``.
    fn groupings<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0.groupings().iter().map(|g| convert::grouping(py, g)).collect()
    }

    /// Constraints on maxima not known one by one: ``{"codes", "sum", "status", "source"}``.
    fn constraints<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0.constraints().iter().map(|c| convert::constraint(py, c)).collect()
    }

    /// The maximum points of any node (``"total"``, a primary node or a group node), as a
    /// Decimal; ``None`` when not known.
    ///
    /// Raises DataError (``UNKNOWN_CODE``).
    fn max_points(&self, py: Python<'_>, code: &str) -> PyResult<Option<Decimal>> {
        guard(py, || self.0.max_points(code))
    }

    /// Number of nodes at each level present in the data: ``(fields, criteria, sub_criteria)``.
    fn counts(&self) -> PyResult<(usize, usize, usize)> {
        Ok(self.0.counts())
    }

    /// The framework as pretty JSON, readable back by :meth:`from_json`.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.0.to_json())
    }

    /// The primary hierarchy as CSV in the official table layout, readable back by
    /// :meth:`from_csv`.
    fn to_csv(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.0.to_csv())
    }

    /// The nodes as a DataFrame (columns as :meth:`nodes`; max points float64).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        helper(py, "_pandas", "frame")?.call1((self.nodes(py)?, "node"))
    }

    /// Read a framework from JSON (the layout of ``core/data/frameworks/*.json``): a path or
    /// a file-like object. The result is validated.
    ///
    /// Raises DataError (``MALFORMED`` with the line as row), FrameworkError (children that
    /// exceed their parent, a missing parent, totals that do not add up), FileReadError.
    #[staticmethod]
    fn from_json(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<PyFramework> {
        let fw = match source_arg(source, None)? {
            Source::Path(p) => guard(py, || Framework::from_json_path(&p))?,
            Source::Text(text, label) => guard(py, || Framework::from_json(&text, &label))?,
        };
        Ok(PyFramework(Arc::new(fw)))
    }

    /// A framework read by the core: the one entry point of :meth:`from_csv`,
    /// :meth:`from_pandas` and :meth:`from_excel` (their signatures and documentation are in
    /// ``parindex._loaders``). ``how``: ``"csv"``, ``"pandas"`` or ``"excel"``; ``options``:
    /// the core's ``CsvFrameworkOptions``; ``table``: its ``TableOptions`` or ``None``;
    /// ``label`` names a DataFrame in errors.
    #[staticmethod]
    #[pyo3(signature = (how, source, options, table=None, label=None))]
    fn _read(
        py: Python<'_>,
        how: &str,
        source: &Bound<'_, PyAny>,
        options: &Bound<'_, PyAny>,
        table: Option<&Bound<'_, PyAny>>,
        label: Option<&str>,
    ) -> PyResult<PyFramework> {
        let options: CsvFrameworkOptions = convert::contract(options, "")?;
        let fw = match how {
            "excel" => {
                let worksheet: parindex::TableOptions =
                    table.map(|t| convert::contract(t, "")).transpose()?.unwrap_or_default();
                let table = convert::workbook_table(py, source, &worksheet)?;
                guard(py, || Framework::from_table(&table, &options))?
            }
            "pandas" => {
                let label = label.unwrap_or("DataFrame");
                let text = convert::frame_csv(source, label)?;
                guard(py, || Framework::from_csv(&text, label, &options))?
            }
            _ => match source_arg(source, None)? {
                Source::Path(p) => guard(py, || Framework::from_csv_path(&p, &options))?,
                Source::Text(text, label) => guard(py, || Framework::from_csv(&text, &label, &options))?,
            },
        };
        Ok(PyFramework(Arc::new(fw)))
    }

    /// Every problem of a framework table at once (the native side of :meth:`validate`,
    /// whose signature is in ``parindex._validate``): ``options`` the core's
    /// ``CsvFrameworkOptions``.
    #[staticmethod]
    fn _validate<'py>(
        py: Python<'py>,
        source: &Bound<'py, PyAny>,
        options: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, pyo3::types::PyList>> {
        let options: CsvFrameworkOptions = convert::contract(options, "")?;
        convert::validated(
            py,
            source,
            None,
            |text, label| Framework::validate_csv(text, label, &options),
            |t| Framework::validate_table(t, &options),
        )
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        helper(slf.py(), "_display", "framework_html")?.call1((slf,))?.extract()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(other.cast::<PyFramework>().is_ok_and(|o| *o.get().0 == *self.0))
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok({
            let (f, c, s) = self.0.counts();
            format!(
                "<Framework {} ({}): {} fields, {} criteria, {} sub-criteria held>",
                self.0.id, self.0.decision, f, c, s
            )
        })
    }
}

/// A built-in framework by id: ``par-2017`` (2948/QĐ-BNV), ``par-2022`` (876/QĐ-BNV,
/// 2022–2023), ``par-2024`` (892/QĐ-BNV, 2024–), ``sipas-2017`` (2640/QĐ-BNV,
/// 2017–2021), ``sipas-2023`` (1001/QĐ-BNV, 2023–2026).
///
/// Raises InputError (``NOT_FOUND``) for another id.
#[pyfunction]
pub fn framework(py: Python<'_>, id: &str) -> PyResult<PyFramework> {
    guard(py, || builtin(id)).map(|fw| PyFramework(Arc::new(fw.clone())))
}

/// Ids of the built-in frameworks.
#[pyfunction]
pub fn frameworks() -> PyResult<Vec<&'static str>> {
    Ok(builtin_ids())
}

/// The built-in framework for an index and assessment year (PAR 2023 → ``par-2022``).
///
/// Raises InputError (``NOT_FOUND``) when no built-in framework covers the year (PAR
/// 2018–2021: the structures are not available).
#[pyfunction]
pub fn framework_for_year(py: Python<'_>, index: &str, year: &Bound<'_, PyAny>) -> PyResult<PyFramework> {
    let kind = index_kind(py, index)?;
    let year = year_arg(year, "year")?;
    guard(py, || for_year(&kind, year)).map(|fw| PyFramework(Arc::new(fw.clone())))
}

/// The methodology periods as a DataFrame: ``index, first_year, last_year, decision,
/// framework`` (built-in id or NA), ``status``, ``note``.
#[pyfunction]
pub fn periods(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let list = guard(py, parindex::framework::periods)?;
    convert::table(py, "period", list, None)
}

/// A framework argument: a :class:`Framework` or a built-in id.
pub fn framework_arg(obj: &Bound<'_, PyAny>) -> PyResult<Arc<Framework>> {
    let py = obj.py();
    if let Ok(fw) = obj.cast::<PyFramework>() {
        return Ok(Arc::clone(&fw.get().0));
    }
    if let Ok(id) = obj.extract::<String>() {
        return guard(py, || builtin(&id)).map(|fw| Arc::new(fw.clone()));
    }
    Err(crate::errors::wrong_type(py, "framework", "expected a Framework or a built-in framework id"))
}

/// Register the functions and classes of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyFramework>()?;
    m.add_function(wrap_pyfunction!(framework, m)?)?;
    m.add_function(wrap_pyfunction!(frameworks, m)?)?;
    m.add_function(wrap_pyfunction!(framework_for_year, m)?)?;
    m.add_function(wrap_pyfunction!(periods, m)?)?;
    Ok(())
}
