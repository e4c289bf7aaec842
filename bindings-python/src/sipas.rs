//! SIPAS from survey answers: surveys (long or wide form, CSV, JSON or DataFrames), the
//! per-unit results, what-if and the bootstrap.

use crate::convert::{self, helper, source_arg, u32_arg, year_opt, Source};
use crate::errors::{guard, guard_detached, in_file};
use crate::framework::{framework_arg, PyFramework};
use crate::table::PyLeagueTable;
use parindex::sipas::{
    Bootstrap, BootstrapOptions, SipasOptions, SipasResult, Survey, SurveyOptions, SyntheticSpec, UnitIndex,
};
use parindex::Decimal;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping};
use std::sync::Arc;

/// Read answers from a DataFrame (through the core's CSV reader, so that a DataFrame and a
/// file are checked alike), a path or a file-like object (CSV; JSON when the path ends in
/// `.json`).
fn read_survey(
    py: Python<'_>,
    answers: &Bound<'_, PyAny>,
    framework: &parindex::Framework,
    options: &SurveyOptions,
    label: Option<&str>,
) -> PyResult<Survey> {
    if convert::is_dataframe(answers)? {
        let label = label.unwrap_or("DataFrame");
        let text = convert::frame_csv(answers, label)?;
        return guard_detached(py, || Survey::from_csv(&text, label, framework, options))
            .map_err(|e| in_file(py, e, label));
    }
    match convert::source_named(answers, label, "answers")? {
        Source::Path(p) => {
            let ext = p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
            let json = ext == "json";
            if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
                let options = options.clone();
                let path = p.clone();
                guard_detached(py, move || {
                    Survey::from_excel_path(&path, &parindex::TableOptions::default(), framework, &options)
                })
            } else if json {
                guard_detached(py, || Survey::from_json_path(&p, framework, options))
            } else {
                guard_detached(py, || Survey::from_csv_path(&p, framework, options))
            }
            .map_err(|e| in_file(py, e, &p.display().to_string()))
        }
        Source::Text(text, label) => {
            let json = text.trim_start().starts_with(['[', '{']);
            if json {
                guard_detached(py, || Survey::from_json(&text, &label, framework, options))
            } else {
                guard_detached(py, || Survey::from_csv(&text, &label, framework, options))
            }
            .map_err(|e| in_file(py, e, &label))
        }
    }
}

/// Validated survey answers (dữ liệu điều tra): units (đơn vị) → respondents → one answer
/// per framework item (1 very dissatisfied … 5 very satisfied; missing and "don't know"
/// kept apart), with optional design weights. Immutable. Build one with
/// :meth:`from_pandas`, :meth:`from_csv`, :meth:`from_json` or :meth:`synthetic`; compute
/// it with :meth:`compute` and :meth:`bootstrap`. Methodology: 1001/QĐ-BNV (2023) for
/// ``sipas-2023``, 2640/QĐ-BNV (2017) for ``sipas-2017``.
#[pyclass(module = "parindex._core", name = "Survey", frozen)]
pub struct PySurvey(pub Survey);

#[pymethods]
impl PySurvey {
    /// Every problem of survey answers at once (the native side of :meth:`validate`, whose
    /// signature is in ``parindex._validate``): ``options`` the core's ``SurveyOptions``.
    #[staticmethod]
    #[pyo3(signature = (source, framework, options))]
    fn _validate<'py>(
        py: Python<'py>,
        source: &Bound<'py, PyAny>,
        framework: Option<&Bound<'py, PyAny>>,
        options: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, pyo3::types::PyList>> {
        let fw = sipas_framework(py, framework)?;
        let options: SurveyOptions = convert::contract(options, "")?;
        convert::validated(
            py,
            source,
            None,
            |text, label| Survey::validate_csv(text, label, &fw, &options),
            |t| Survey::validate_table(t, &fw, &options),
        )
    }

    /// Answers read by the core: the one entry point of :meth:`from_pandas`,
    /// :meth:`from_csv`, :meth:`from_json`, :meth:`from_excel` and
    /// :func:`sipas_from_answers` (their signatures and documentation are in
    /// ``parindex._sipas``). ``how``: ``"pandas"``, ``"csv"``, ``"json"``, ``"excel"`` or
    /// ``"auto"`` (a DataFrame, or a path or text by its extension or first character);
    /// ``options``: the reading options (``SurveyOptions``: ``layout``, ``unit_column`` …),
    /// ``table``: the worksheet options (``sheet``, ``header_row``, ``columns``).
    #[staticmethod]
    #[pyo3(signature = (how, source, framework, options, label=None, table=None))]
    fn _read(
        py: Python<'_>,
        how: &str,
        source: &Bound<'_, PyAny>,
        framework: Option<&Bound<'_, PyAny>>,
        options: &Bound<'_, PyAny>,
        label: Option<&str>,
        table: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PySurvey> {
        let fw = sipas_framework(py, framework)?;
        let options: SurveyOptions = convert::contract(options, "")?;
        let survey = match how {
            "pandas" => {
                let label = label.unwrap_or("DataFrame");
                let text = convert::frame_csv(source, label)?;
                guard_detached(py, || Survey::from_csv(&text, label, &fw, &options))
                    .map_err(|e| in_file(py, e, label))?
            }
            "excel" => {
                let table_options = match table {
                    Some(t) => convert::contract(t, "")?,
                    None => parindex::TableOptions::default(),
                };
                let table = convert::workbook_table(py, source, &table_options)?;
                guard_detached(py, || Survey::from_table(&table, &fw, &options))?
            }
            "csv" | "json" => match (source_arg(source, None)?, how) {
                (Source::Path(p), "csv") => guard_detached(py, || Survey::from_csv_path(&p, &fw, &options)),
                (Source::Path(p), _) => guard_detached(py, || Survey::from_json_path(&p, &fw, &options)),
                (Source::Text(text, label), "csv") => {
                    guard_detached(py, || Survey::from_csv(&text, &label, &fw, &options))
                        .map_err(|e| in_file(py, e, &label))
                }
                (Source::Text(text, label), _) => {
                    guard_detached(py, || Survey::from_json(&text, &label, &fw, &options))
                        .map_err(|e| in_file(py, e, &label))
                }
            }?,
            _ => read_survey(py, source, &fw, &options, label)?,
        };
        Ok(PySurvey(survey))
    }

    /// A synthetic survey (see :meth:`synthetic`): ``spec`` the ``SyntheticSpec`` fields.
    #[staticmethod]
    fn _synthetic(py: Python<'_>, framework: Option<&Bound<'_, PyAny>>, spec: &Bound<'_, PyAny>) -> PyResult<PySurvey> {
        let fw = sipas_framework(py, framework)?;
        let spec: SyntheticSpec = convert::contract(spec, "")?;
        guard_detached(py, || Survey::synthetic(&fw, &spec)).map(PySurvey)
    }

    /// The framework (its leaves are the items).
    #[getter]
    fn framework(&self) -> PyResult<PyFramework> {
        Ok(PyFramework(Arc::new(self.0.framework().clone())))
    }

    /// The file path or label of the answers.
    #[getter]
    fn label(&self) -> PyResult<&str> {
        Ok(self.0.label())
    }

    /// The item codes, framework order.
    #[getter]
    fn items(&self) -> PyResult<Vec<String>> {
        Ok(self.0.items().to_vec())
    }

    /// The units, input order.
    #[getter]
    fn units(&self) -> PyResult<Vec<String>> {
        Ok(self.0.units().into_iter().map(str::to_string).collect())
    }

    /// Number of respondents in all units.
    #[getter]
    fn respondent_count(&self) -> PyResult<usize> {
        Ok(self.0.respondent_count())
    }

    /// Whether design weights are applied.
    #[getter]
    fn is_weighted(&self) -> PyResult<bool> {
        Ok(self.0.is_weighted())
    }

    /// Respondents of a unit (``None`` for an unknown unit).
    fn respondents(&self, unit: &str) -> PyResult<Option<usize>> {
        Ok(self.0.respondents(unit))
    }

    /// SIPAS of every unit (see :meth:`compute`): ``options`` the ``SipasOptions`` fields
    /// (``rule``, ``aggregation``, ``tie_policy``, ``year``, ``decimals``).
    fn _compute(&self, py: Python<'_>, options: &Bound<'_, PyAny>) -> PyResult<PySipasResult> {
        let options: SipasOptions = convert::contract(options, "")?;
        let survey = &self.0;
        guard_detached(py, || survey.compute(&options)).map(PySipasResult)
    }

    /// Bootstrap intervals (see :meth:`bootstrap`): ``options`` as :meth:`_compute`,
    /// ``boot`` the ``BootstrapOptions`` fields (``replicates``, ``seed``, ``level``).
    fn _bootstrap(
        &self,
        py: Python<'_>,
        options: &Bound<'_, PyAny>,
        boot: &Bound<'_, PyAny>,
    ) -> PyResult<PySipasBootstrap> {
        let sipas: SipasOptions = convert::contract(options, "")?;
        let boot: BootstrapOptions = convert::contract(boot, "")?;
        let survey = &self.0;
        guard_detached(py, || survey.bootstrap(&sipas, &boot)).map(|b| PySipasBootstrap(b.shown()))
    }

    /// The answers in long form as CSV (``respondent,unit,item,answer[,weight]``).
    fn to_long_csv(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.0.to_long_csv())
    }

    /// The answers in wide form as CSV (one row per respondent).
    fn to_wide_csv(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.0.to_wide_csv())
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "<Survey {} on {}: {} units, {} respondents{}>",
            self.0.label(),
            self.0.framework().id,
            self.0.units().len(),
            self.0.respondent_count(),
            if self.0.is_weighted() { ", weighted" } else { "" }
        ))
    }
}

/// A framework argument, `sipas-2023` (1001/QĐ-BNV) when not given.
fn sipas_framework(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Arc<parindex::Framework>> {
    match obj.filter(|o| !o.is_none()) {
        Some(o) => framework_arg(o),
        None => guard(py, || parindex::framework::builtin(DEFAULT_FRAMEWORK)).map(|f| Arc::new(f.clone())),
    }
}

/// The framework of SIPAS from 2023: 1001/QĐ-BNV.
const DEFAULT_FRAMEWORK: &str = "sipas-2023";

/// One row per unit, and its schema: ``unit, sipas``, the node columns (domains, then
/// contents and elements), ``n`` (respondents), ``rank``; with ``items``, every item
/// (percent) and its count of valid answers (``<code>_n``).
fn unit_frame<'py>(py: Python<'py>, res: &SipasResult, items: bool) -> PyResult<Bound<'py, PyAny>> {
    let mut nodes: Vec<(usize, usize, &str)> =
        res.nodes.iter().enumerate().map(|(i, n)| (n.depth, i, n.key.as_str())).collect();
    nodes.sort();
    let mut schema: Vec<(String, &str)> = vec![("unit".into(), "str"), ("sipas".into(), "dec")];
    schema.extend(nodes.iter().map(|(_, _, k)| ((*k).to_string(), "dec")));
    // Items with a name of their own (the 5 elements of sipas-2017) are columns too.
    let named: Vec<(&str, &str)> = res
        .units
        .first()
        .map(|u| u.items.iter().filter(|i| i.key != i.code).map(|i| (i.code.as_str(), i.key.as_str())).collect())
        .unwrap_or_default();
    schema.extend(named.iter().map(|(_, k)| ((*k).to_string(), "dec")));
    schema.push(("n".into(), "int"));
    schema.push(("rank".into(), "int"));
    if res.weighted {
        schema.push(("weight_total".into(), "dec"));
    }
    if items {
        for code in &res.items {
            schema.push((code.clone(), "dec"));
            schema.push((format!("{code}_n"), "int"));
        }
    }
    // The rows are the core's (`SipasResult::unit_rows`: the columns in this order).
    let rows = convert::to_py(py, &res.unit_rows(items))?;
    let schema: Vec<(&str, &str)> = schema.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    let attrs = PyDict::new(py);
    attrs.set_item("framework", &res.framework)?;
    attrs.set_item("decision", &res.decision)?;
    attrs.set_item("rule", res.rule.as_str())?;
    attrs.set_item("aggregation", res.aggregation.as_str())?;
    attrs.set_item("tie_policy", res.tie_policy.as_str())?;
    attrs.set_item("weighted", res.weighted)?;
    helper(py, "_pandas", "frame")?.call1((rows, schema, attrs))
}

/// SIPAS for every unit of a survey (kết quả Chỉ số SIPAS), with the choices that produced
/// it (``rule``, ``aggregation``, ``tie_policy``, ``weighted``, ``decimals``). Values are
/// percent 0–100, computed exactly and shown as Decimals at the stated precision
/// (``decimals`` places, default 4); ranks 1 = best among the survey's units, at that
/// precision.
#[pyclass(module = "parindex._core", name = "SipasResult", frozen)]
pub struct PySipasResult(pub SipasResult);

impl PySipasResult {
    /// A unit at the stated precision (what every method shows).
    fn unit(&self, py: Python<'_>, unit: &str) -> PyResult<UnitIndex> {
        guard(py, || self.0.shown_unit(unit))
    }
}

#[pymethods]
impl PySipasResult {
    /// Framework id (``"sipas-2023"``).
    #[getter]
    fn framework(&self) -> PyResult<&str> {
        Ok(self.0.framework.as_str())
    }
    /// The decision behind the framework (``"1001/QĐ-BNV"``).
    #[getter]
    fn decision(&self) -> PyResult<&str> {
        Ok(self.0.decision.as_str())
    }
    /// The answers' file path or label.
    #[getter]
    fn label(&self) -> PyResult<&str> {
        Ok(self.0.label.as_str())
    }
    /// ``"top2"`` or ``"mean"``.
    #[getter]
    fn rule(&self) -> PyResult<&'static str> {
        Ok(self.0.rule.as_str())
    }
    /// ``"item_mean"``, ``"domain_mean"`` or ``"element_mean"``.
    #[getter]
    fn aggregation(&self) -> PyResult<&'static str> {
        Ok(self.0.aggregation.as_str())
    }
    /// Tie policy of the ranks.
    #[getter]
    fn tie_policy(&self) -> PyResult<&'static str> {
        Ok(self.0.tie_policy.as_str())
    }
    /// Whether design weights were applied.
    #[getter]
    fn weighted(&self) -> PyResult<bool> {
        Ok(self.0.weighted)
    }
    /// The stated precision: decimal places of percent at which units are ranked and every
    /// value is shown (values are computed exactly).
    #[getter]
    fn decimals(&self) -> PyResult<u32> {
        Ok(self.0.decimals)
    }
    /// The assessment year, when given.
    #[getter]
    fn year(&self) -> PyResult<Option<u16>> {
        Ok(self.0.year)
    }
    /// The units, input order.
    #[getter]
    fn units(&self) -> PyResult<Vec<String>> {
        Ok(self.0.units.iter().map(|u| u.unit.clone()).collect())
    }
    /// The item codes.
    #[getter]
    fn items(&self) -> PyResult<Vec<String>> {
        Ok(self.0.items.clone())
    }
    /// The node columns (domains, contents, elements): ``code, key, name_vi, name_en,
    /// level, depth, items`` per node.
    #[getter]
    fn nodes<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0
            .nodes
            .iter()
            .map(|n| {
                let d = PyDict::new(py);
                d.set_item("code", &n.code)?;
                d.set_item("key", &n.key)?;
                d.set_item("name_vi", &n.name_vi)?;
                d.set_item("name_en", &n.name_en)?;
                d.set_item("level", &n.level)?;
                d.set_item("depth", n.depth)?;
                d.set_item("items", n.items)?;
                Ok(d)
            })
            .collect()
    }

    /// Every unit's SIPAS, ``{unit: percent}`` in unit order (Decimal at the stated precision
    /// :attr:`decimals`, default 4 places; e.g. ``Decimal('79.3125')``). A unit matched
    /// ignoring case and diacritics: ``value(unit, "sipas")``.
    #[getter]
    fn index<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for u in self.0.shown_units() {
            d.set_item(&u.unit, u.sipas)?;
        }
        Ok(d)
    }

    /// A unit's rank among the survey's units.
    ///
    /// Raises InputError (``NOT_FOUND``).
    fn rank(&self, py: Python<'_>, unit: &str) -> PyResult<u32> {
        Ok(self.unit(py, unit)?.rank)
    }

    /// A unit's value at a node (code ``B.2`` or key ``procedures``), an item, or
    /// ``"sipas"``: percent Decimal, ``None`` when it has no valid answer.
    ///
    /// Raises InputError (``NOT_FOUND``) for an unknown unit; DataError (``UNKNOWN_CODE``,
    /// listing the codes and keys and the nearest one) for an unknown code.
    fn value(&self, py: Python<'_>, unit: &str, code: &str) -> PyResult<Option<Decimal>> {
        let u = self.unit(py, unit)?;
        guard(py, || u.try_value(code))
    }

    /// Everything about one unit: ``unit, sipas, rank, respondents, weight_total``,
    /// ``nodes`` (key → percent), ``items`` (each with ``code``, ``key``, ``satisfaction``, ``valid``,
    /// ``satisfied``, ``missing``, ``dont_know``, ``valid_weight``),
    /// ``items_without_answers``, ``row``.
    ///
    /// Raises InputError (``NOT_FOUND``).
    fn unit_detail<'py>(&self, py: Python<'py>, unit: &str) -> PyResult<Bound<'py, PyAny>> {
        let u = self.unit(py, unit)?;
        helper(py, "_sipas", "unit_detail")?.call1((convert::to_py(py, &parindex::contract::SipasUnitDetail::of(&u))?,))
    }

    /// One row per unit (input order): ``unit, sipas``, the node columns (for
    /// ``sipas-2023``: ``policy, service``, then the 4 contents ``information,
    /// participation, implementation, impact`` and the 5 elements ``access, procedures,
    /// civil_servants, results, feedback``; for ``sipas-2017`` its 5 elements), ``n``
    /// (respondents), ``rank``; with
    /// ``items=True`` every item (percent) and its valid answers (``<code>_n``). Percent
    /// as float64; ``df.attrs`` holds the framework, rule, aggregation and tie policy.
    #[pyo3(signature = (items=false))]
    fn to_pandas<'py>(&self, py: Python<'py>, items: bool) -> PyResult<Bound<'py, PyAny>> {
        unit_frame(py, &self.0, items)
    }

    /// The units as a league table (:class:`LeagueTable`, open roster, every unit ranked),
    /// under ``index`` (default ``"sipas"``) and ``year`` (default the result's, else the
    /// framework's first year) — to ask ``points_to_rank`` of a department or district.
    ///
    /// Raises as :meth:`LeagueTable.from_entries`.
    #[pyo3(signature = (index=None, year=None))]
    fn league_table(
        &self,
        py: Python<'_>,
        index: Option<&str>,
        year: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyLeagueTable> {
        let year = year_opt(year, "year")?;
        let table = match (index, year) {
            (None, None) => guard(py, || self.0.league_table())?,
            (index, year) => {
                let kind = convert::index_kind(py, index.unwrap_or("sipas"))?;
                let y = year
                    .or(self.0.year)
                    .or_else(|| parindex::framework::builtin(&self.0.framework).ok()?.years.map(|y| y.first))
                    .unwrap_or(0);
                guard(py, || self.0.league_table_as(kind, y))?
            }
        };
        Ok(PyLeagueTable(table))
    }

    /// What if a unit's satisfaction changed (kịch bản giả định): ``scenarios`` maps a
    /// scenario name to its changes ``{node: change}``, a node being a code, a key such as
    /// ``"procedures"``, an item code or ``"sipas"``, and a change percentage points added
    /// to every item beneath it (a number, or ``{"add": p}``) or ``{"set": v}`` (move the
    /// node to v percent by shifting its items equally); items are capped to 0–100. Returns
    /// a DataFrame, one row per scenario: ``scenario, unit, sipas_before, sipas_after,
    /// rank_before, rank_after, of, capped_items``, then the value after of every node
    /// (``<key>_after``, percent); the other units stay as they are.
    ///
    /// Raises InputError (unknown unit, an addition outside ±100, a value outside 0–100),
    /// DataError (``UNKNOWN_CODE``).
    fn what_if<'py>(&self, py: Python<'py>, unit: &str, scenarios: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let mapping = scenarios
            .cast::<PyMapping>()
            .map_err(|_| crate::errors::wrong_type(py, "scenarios", "expected {scenario: {node: change}}"))?;
        let mut rows = Vec::new();
        let mut schema: Vec<(String, &str)> = [
            ("scenario", "str"),
            ("unit", "str"),
            ("sipas_before", "dec"),
            ("sipas_after", "dec"),
            ("rank_before", "int"),
            ("rank_after", "int"),
            ("of", "int"),
            ("capped_items", "obj"),
        ]
        .map(|(k, v)| (k.to_string(), v))
        .to_vec();
        for (name, changes) in mapping.items()?.extract::<Vec<(String, Bound<'py, PyAny>)>>()? {
            let at = format!("scenarios[{}]", serde_json::Value::String(name.clone()));
            let changes = convert::contract::<parindex::contract::SipasChanges>(&changes, &at)?.0;
            let w = guard(py, || self.0.what_if(unit, &changes))?.shown();
            let d = PyDict::new(py);
            d.set_item("scenario", name)?;
            d.set_item("unit", &w.unit)?;
            d.set_item("sipas_before", w.sipas_before)?;
            d.set_item("sipas_after", w.sipas_after)?;
            d.set_item("rank_before", w.rank_before)?;
            d.set_item("rank_after", w.rank_after)?;
            d.set_item("of", w.of)?;
            d.set_item("capped_items", &w.capped_items)?;
            for n in &w.nodes_after {
                let key = format!("{}_after", n.key);
                d.set_item(&key, n.value)?;
                if !schema.iter().any(|(k, _)| *k == key) {
                    schema.push((key, "dec"));
                }
            }
            rows.push(d);
        }
        helper(py, "_pandas", "frame")?.call1((rows, schema))
    }

    /// One row per unit as CSV (``unit, sipas, <node keys>, respondents, rank, rule,
    /// aggregation``; with ``with_items`` two columns per item), values at the stated
    /// precision.
    #[pyo3(signature = (with_items=false))]
    fn to_csv(&self, py: Python<'_>, with_items: bool) -> PyResult<String> {
        guard(py, || self.0.to_csv(with_items))
    }

    /// A compact HTML table for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        helper(slf.py(), "_display", "sipas_html")?.call1((slf,))?.extract()
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "<SipasResult {} ({}): {} units, rule {}, aggregation {}{}>",
            self.0.framework,
            self.0.label,
            self.0.units.len(),
            self.0.rule.as_str(),
            self.0.aggregation.as_str(),
            if self.0.weighted { ", weighted" } else { "" }
        ))
    }
}

/// Bootstrap results for every unit (see :meth:`Survey.bootstrap`): percentile intervals
/// of SIPAS, nodes and items, and each unit's rank distribution over the replicates.
#[pyclass(module = "parindex._core", name = "SipasBootstrap", frozen)]
pub struct PySipasBootstrap(pub Bootstrap);

impl PySipasBootstrap {
    fn unit(&self, py: Python<'_>, unit: &str) -> PyResult<&parindex::sipas::UnitBootstrap> {
        guard(py, || self.0.unit(unit))
    }
}

#[pymethods]
impl PySipasBootstrap {
    /// Replicates R.
    #[getter]
    fn replicates(&self) -> PyResult<u32> {
        Ok(self.0.replicates)
    }
    /// Seed.
    #[getter]
    fn seed(&self) -> PyResult<u64> {
        Ok(self.0.seed)
    }
    /// Confidence level (Decimal, e.g. 0.95).
    #[getter]
    fn level(&self) -> PyResult<Decimal> {
        Ok(self.0.level)
    }
    /// ``"top2"`` or ``"mean"``.
    #[getter]
    fn rule(&self) -> PyResult<&'static str> {
        Ok(self.0.rule.as_str())
    }
    /// The stated precision: decimal places of percent of every statistic shown.
    #[getter]
    fn decimals(&self) -> PyResult<u32> {
        Ok(self.0.decimals)
    }
    /// The aggregation.
    #[getter]
    fn aggregation(&self) -> PyResult<&'static str> {
        Ok(self.0.aggregation.as_str())
    }

    /// A unit's SIPAS interval: ``{"estimate", "low", "high", "std_error", "replicates"}``
    /// (percent Decimals at :attr:`decimals` places).
    ///
    /// Raises InputError (``NOT_FOUND``).
    fn interval<'py>(&self, py: Python<'py>, unit: &str) -> PyResult<Bound<'py, PyDict>> {
        let i = self.unit(py, unit)?.sipas;
        let d = PyDict::new(py);
        d.set_item("estimate", i.estimate)?;
        d.set_item("low", i.low)?;
        d.set_item("high", i.high)?;
        d.set_item("std_error", i.std_error)?;
        d.set_item("replicates", i.replicates)?;
        Ok(d)
    }

    /// Replicates in which the unit ranked 1, 2, … (``list[int]``, index r − 1 for rank r).
    ///
    /// Raises InputError (``NOT_FOUND``).
    fn rank_counts(&self, py: Python<'_>, unit: &str) -> PyResult<Vec<u32>> {
        Ok(self.unit(py, unit)?.rank.counts.clone())
    }

    /// Share of replicates (0–1, Decimal at ``decimals + 2`` places) in which the unit
    /// ranked ``target_rank`` or better.
    ///
    /// Raises InputError (``NOT_FOUND``).
    fn probability_at_most(&self, py: Python<'_>, unit: &str, target_rank: &Bound<'_, PyAny>) -> PyResult<Decimal> {
        let target = u32_arg(target_rank, "target_rank")?;
        Ok(self.0.shown_share(self.unit(py, unit)?.rank.probability_at_most(target)))
    }

    /// One row per unit: ``unit, sipas, sipas_low, sipas_high, sipas_se`` (percent),
    /// ``rank, rank_best, rank_worst``.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows = self
            .0
            .units
            .iter()
            .map(|u| {
                let d = PyDict::new(py);
                d.set_item("unit", &u.unit)?;
                d.set_item("sipas", u.sipas.estimate)?;
                d.set_item("sipas_low", u.sipas.low)?;
                d.set_item("sipas_high", u.sipas.high)?;
                d.set_item("sipas_se", u.sipas.std_error)?;
                d.set_item("rank", u.rank.rank)?;
                d.set_item("rank_best", u.rank.low)?;
                d.set_item("rank_worst", u.rank.high)?;
                Ok(d)
            })
            .collect::<PyResult<Vec<_>>>()?;
        let schema = [
            ("unit", "str"),
            ("sipas", "dec"),
            ("sipas_low", "dec"),
            ("sipas_high", "dec"),
            ("sipas_se", "dec"),
            ("rank", "int"),
            ("rank_best", "int"),
            ("rank_worst", "int"),
        ];
        helper(py, "_pandas", "frame")?.call1((rows, schema))
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "<SipasBootstrap {} replicates, seed {}, level {}: {} units>",
            self.0.replicates,
            self.0.seed,
            self.0.level,
            self.0.units.len()
        ))
    }
}

/// Register the functions and classes of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySurvey>()?;
    m.add_class::<PySipasResult>()?;
    m.add_class::<PySipasBootstrap>()?;
    Ok(())
}
