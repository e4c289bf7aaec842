//! The one conversion module: Python values in, core values out, and back.
//!
//! - Decimals cross as strings: out as `decimal.Decimal(str)`, in from `str` (decimal point
//!   or comma, as the core parses it), `int`, `decimal.Decimal` and `float` (through its
//!   `repr`, the shortest text that reads back to the same float: `85.94` stays 85.94),
//!   numpy floats at their own precision (`float32(85.94)` is 85.94). Exact or refused:
//!   more than 28 significant digits or decimal places, or a magnitude beyond the decimal
//!   range, is an error, never a rounding. NaN, infinities and `bool` are refused.
//! - Integers (ranks, years, seeds, scenario counts) must be integers (`int` or anything
//!   with `__index__`, e.g. numpy integers); `bool` and `float` are refused.
//! - Core records become `dict`s (exact values) and, through `parindex._pandas.frame`,
//!   DataFrames whose decimal columns are float64 (see [`Col`]).
//! - Inputs given as records (entries, scenarios, costs, change models) are read here.

use crate::errors::{guard, invalid_argument, wrong_type};
use parindex::decimal::parse_decimal;
use parindex::framework::{Constraint, Grouping, Measure, Node};
use parindex::simulate::{Basis, Change, ChangeModel, ModelInfo, NodeCost, Scenario, WhatIf};
use parindex::{Decimal, EntryInput, IndexKind, Location, Roster};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyMapping, PyString, PyType};
use rust_decimal::prelude::ToPrimitive;
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------
// Decimals

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

/// A number argument (points or percent) as an exact decimal.
pub fn decimal_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Decimal> {
    decimal_in(obj, name, "")
}

/// A number found inside argument `name` at `place` (e.g. ``scenario `x`, code `3` ``),
/// which error messages name before the problem. Exact or refused: a value that a decimal
/// of 28 digits cannot hold is an error, never rounded.
pub fn decimal_in(obj: &Bound<'_, PyAny>, name: &str, place: &str) -> PyResult<Decimal> {
    let py = obj.py();
    let at = |detail: String| if place.is_empty() { detail } else { format!("{place}: {detail}") };
    let not_number = |text: &str| invalid_argument(py, name, &at(format!("`{text}` is not a number")));
    let exact = |plain: &str, shown: &str| {
        exact_decimal(plain).map_err(|why| invalid_argument(py, name, &at(format!("`{shown}` {why}"))))
    };
    let expected = "expected a number (str, int, Decimal or float)";
    if obj.is_instance_of::<PyBool>() || is_numpy_bool(obj) {
        return Err(wrong_type(py, name, &at(format!("{expected}, got a bool"))));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        let plain = plain_number(&text);
        return match plain {
            Some(plain) => exact(&plain, text.trim()),
            None => parse_decimal(&text, &Location::default()).map_err(|_| not_number(&text)),
        };
    }
    if obj.is_instance_of::<PyInt>() {
        let text = obj.str()?.to_cow()?.into_owned();
        return exact(&text, &text);
    }
    if obj.is_instance(decimal_class(py)?)? {
        let shown = obj.str()?.to_cow()?.into_owned();
        if !obj.call_method0("is_finite")?.is_truthy()? {
            return Err(not_number(&shown));
        }
        let text: String = py.import("builtins")?.getattr("format")?.call1((obj, "f"))?.extract()?;
        return exact(&text, &shown);
    }
    if obj.is_instance_of::<PyFloat>() {
        // Python floats and numpy.float64: the shortest text that reads back as the same
        // float (85.94 → "85.94"), written without an exponent by Rust's Display.
        let value: f64 = obj.extract()?;
        let shown = obj.repr()?.to_cow()?.into_owned();
        if !value.is_finite() {
            return Err(not_number(&shown));
        }
        return exact(&format!("{value}"), &shown);
    }
    if let Some(np) = numpy_floating(obj)? {
        // numpy.float32, float16, longdouble: the shortest text for their own precision
        // (float32 85.94 → "85.94", not 85.94000244140625).
        let shown = obj.str()?.to_cow()?.into_owned();
        if !np.getattr("isfinite")?.call1((obj,))?.is_truthy()? {
            return Err(not_number(&shown));
        }
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("unique", true)?;
        kwargs.set_item("trim", "-")?;
        let text: String = np.getattr("format_float_positional")?.call((obj,), Some(&kwargs))?.extract()?;
        return exact(&text, &shown);
    }
    if obj.hasattr("__index__")? {
        let index = py.import("operator")?.getattr("index")?.call1((obj,))?;
        return decimal_in(&index, name, place);
    }
    let type_name = obj.get_type().name()?.to_cow()?.into_owned();
    Err(wrong_type(py, name, &at(format!("{expected}, got {type_name}"))))
}

/// numpy, when `obj` is one of its floating scalars (numpy is not imported for it).
fn numpy_floating<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let modules = obj.py().import("sys")?.getattr("modules")?;
    let Ok(np) = modules.get_item("numpy") else { return Ok(None) };
    Ok(if obj.is_instance(&np.getattr("floating")?)? { Some(np) } else { None })
}

/// A plain decimal text (`-12.50`; a decimal comma when there is no point: `9,5`) with
/// the comma made a point; `None` for anything else (left to the core's parser).
fn plain_number(text: &str) -> Option<String> {
    let t = text.trim();
    let t = if t.contains(',') && !t.contains('.') { t.replacen(',', ".", 1) } else { t.to_string() };
    let digits = t.strip_prefix(['-', '+']).unwrap_or(&t);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let ok = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    (ok(int) && ok(frac)).then_some(t)
}

/// A plain decimal text (sign, digits, optional point and digits) as an exact decimal, or
/// why it cannot be one without rounding.
pub fn exact_decimal(plain: &str) -> Result<Decimal, String> {
    if let Ok(d) = Decimal::from_str_exact(plain) {
        return Ok(d);
    }
    let negative = plain.starts_with('-');
    let unsigned = plain.trim_start_matches(['-', '+']);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let (int, frac) = (int.trim_start_matches('0'), frac.trim_end_matches('0'));
    // Trailing zeros and leading zeros carry no precision: try without them.
    let trimmed = format!(
        "{}{}{}{}",
        if negative { "-" } else { "" },
        if int.is_empty() { "0" } else { int },
        if frac.is_empty() { "" } else { "." },
        frac
    );
    if let Ok(d) = Decimal::from_str_exact(&trimmed) {
        return Ok(d);
    }
    let max = Decimal::MAX.to_string();
    if int.len() > max.len() || (int.len() == max.len() && int > max.as_str()) {
        Err(format!("is out of range (beyond ±{max})"))
    } else if int.is_empty() && frac.len() > 28 && frac.bytes().take(28).all(|b| b == b'0') {
        Err("is out of range (too close to 0: a decimal has at most 28 decimal places)".to_string())
    } else {
        Err("has more precision than 28 significant digits (or 28 decimal places): round it first".to_string())
    }
}

/// An optional number argument (`None` → `None`).
pub fn decimal_opt(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<Decimal>> {
    match obj {
        Some(o) if !o.is_none() => decimal_arg(o, name).map(Some),
        _ => Ok(None),
    }
}

/// One number or a sequence of numbers.
pub fn decimals_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<Decimal>> {
    decimals_in(obj, name, "")
}

/// One number or a sequence of numbers inside argument `name` at `place`.
pub fn decimals_in(obj: &Bound<'_, PyAny>, name: &str, place: &str) -> PyResult<Vec<Decimal>> {
    if obj.is_instance_of::<PyString>() || !obj.hasattr("__iter__")? {
        return Ok(vec![decimal_in(obj, name, place)?]);
    }
    obj.try_iter()?.map(|item| decimal_in(&item?, name, place)).collect()
}

fn is_numpy_bool(obj: &Bound<'_, PyAny>) -> bool {
    obj.get_type().name().map(|n| n.to_cow().map(|s| s == "bool" || s == "bool_").unwrap_or(false)).unwrap_or(false)
        && !obj.is_instance_of::<PyInt>()
}

// ---------------------------------------------------------------------------------------
// Integers

/// An integer argument: `int` or anything with `__index__`; never `bool` or `float`.
pub fn int_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<i128> {
    let py = obj.py();
    let type_name = || obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    if obj.is_instance_of::<PyBool>() || is_numpy_bool(obj) {
        return Err(wrong_type(py, name, "expected an integer, got a bool"));
    }
    if obj.is_instance_of::<PyFloat>() || obj.is_instance(decimal_class(py)?)? || obj.is_instance_of::<PyString>() {
        let shown = obj.repr()?.to_cow()?.into_owned();
        return Err(wrong_type(py, name, &format!("expected an integer, got {} {shown}", type_name())));
    }
    let index = if obj.is_instance_of::<PyInt>() {
        obj.clone()
    } else if obj.hasattr("__index__")? {
        py.import("operator")?.getattr("index")?.call1((obj,))?
    } else {
        return Err(wrong_type(py, name, &format!("expected an integer, got {}", type_name())));
    };
    index.extract::<i128>().map_err(|_| invalid_argument(py, name, &format!("{index} is out of range")))
}

fn bounded<T: TryFrom<i128>>(obj: &Bound<'_, PyAny>, name: &str, what: &str) -> PyResult<T> {
    let v = int_arg(obj, name)?;
    T::try_from(v).map_err(|_| invalid_argument(obj.py(), name, &format!("{v} is not {what}")))
}

/// A rank or a count of provinces (the core checks it against the table).
pub fn u32_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u32> {
    bounded(obj, name, "a rank (1 = best)")
}

/// A seed or a number of scenarios.
pub fn u64_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u64> {
    bounded(obj, name, "a non-negative integer below 2**64")
}

/// An optional seed or count (`None` → `None`).
pub fn u64_opt(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<u64>> {
    match obj {
        Some(o) if !o.is_none() => u64_arg(o, name).map(Some),
        _ => Ok(None),
    }
}

/// An assessment year.
pub fn year_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u16> {
    bounded(obj, name, "a year (such as 2023)")
}

/// An optional year (`None` → `None`).
pub fn year_opt(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<u16>> {
    match obj {
        Some(o) if !o.is_none() => year_arg(o, name).map(Some),
        _ => Ok(None),
    }
}

/// A flag: `bool` (or numpy's), nothing else (`1`, `"yes"` are refused, never read as true).
pub fn bool_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<bool> {
    if obj.is_instance_of::<PyBool>() || is_numpy_bool(obj) {
        return obj.is_truthy();
    }
    let type_name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    Err(wrong_type(obj.py(), name, &format!("expected a bool, got {type_name}")))
}

/// A text argument (`str` only: `None`, numbers and bytes are refused, never stringified).
pub fn str_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => {
            let type_name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
            Err(wrong_type(obj.py(), name, &format!("expected a str, got {type_name}")))
        }
    }
}

// ---------------------------------------------------------------------------------------
// Names of options

/// `"par"`, `"sipas"` or a custom index name.
pub fn index_kind(py: Python<'_>, name: &str) -> PyResult<IndexKind> {
    guard(py, || IndexKind::parse(name))
}

/// `"low"`, `"estimate"` or `"high"`.
pub fn basis(py: Python<'_>, name: &str) -> PyResult<Basis> {
    guard(py, || Basis::parse(name))
}

/// `"provinces"`, `"units_2025"` or `"open"`.
pub fn roster(py: Python<'_>, name: Option<&str>) -> PyResult<Option<Roster>> {
    Ok(match name.map(|n| n.trim().to_ascii_lowercase()) {
        None => None,
        Some(n) => Some(match n.as_str() {
            "provinces" => Roster::Provinces,
            "units_2025" | "units2025" | "units" => Roster::Units2025,
            "open" => Roster::Open,
            other => {
                return Err(invalid_argument(
                    py,
                    "roster",
                    &format!("`{other}` is not one of provinces, units_2025, open"),
                ))
            }
        }),
    })
}

/// The snake_case name of a roster.
pub fn roster_name(r: Roster) -> &'static str {
    match r {
        Roster::Provinces => "provinces",
        Roster::Units2025 => "units_2025",
        Roster::Open => "open",
    }
}

/// The snake_case name of a `Serialize` unit enum (status, method, source, level…).
pub fn enum_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Files and streams

/// Where text comes from: a path (read by the core, which names it in errors) or text
/// already read from a file-like object, with a label.
pub enum Source {
    /// A file path.
    Path(PathBuf),
    /// Text and the label it goes by in errors.
    Text(String, String),
}

/// A path (`str` or `os.PathLike`) or a file-like object with `read()` (e.g. `io.StringIO`).
pub fn source_arg(obj: &Bound<'_, PyAny>, label: Option<&str>) -> PyResult<Source> {
    source_named(obj, label, "source")
}

/// [`source_arg`] for an argument of another name (`answers`).
pub fn source_named(obj: &Bound<'_, PyAny>, label: Option<&str>, name: &str) -> PyResult<Source> {
    let py = obj.py();
    if obj.hasattr("read")? {
        let data = obj.call_method0("read")?;
        let text: String = if let Ok(s) = data.cast::<PyString>() {
            s.to_cow()?.into_owned()
        } else {
            let bytes: Vec<u8> = data.extract()?;
            String::from_utf8(bytes).map_err(|e| invalid_argument(py, name, &format!("not UTF-8: {e}")))?
        };
        let name = match label {
            Some(l) => l.to_string(),
            None => obj
                .getattr("name")
                .ok()
                .and_then(|n| n.extract::<String>().ok())
                .unwrap_or_else(|| "<stream>".to_string()),
        };
        return Ok(Source::Text(text, name));
    }
    match obj.extract::<PathBuf>() {
        Ok(p) => Ok(Source::Path(p)),
        Err(_) => Err(wrong_type(py, name, "expected a path (str or os.PathLike) or a file-like object")),
    }
}

// ---------------------------------------------------------------------------------------
// Records out

macro_rules! dict {
    ($py:expr; $($k:literal => $v:expr),* $(,)?) => {{
        let d = PyDict::new($py);
        $( d.set_item($k, $v)?; )*
        d
    }};
}

/// A core value as Python data through its serde shape (the one spelling of every field;
/// decimals as their exact text, which `parindex._pandas` turns into `Decimal` or float64).
pub fn to_py<'py, T: serde::Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(PyErr::from)
}

/// Call a function of one of the package's pure-Python modules (`_pandas`, `_display`).
pub fn helper<'py>(py: Python<'py>, module: &str, function: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import(format!("parindex.{module}"))?.getattr(function)
}

/// Core rows as `dict`s with `Decimal` values, by the table shape `shape` of
/// `parindex._pandas.SCHEMAS` (the column names and kinds live there, once).
pub fn records<'py, T: serde::Serialize>(py: Python<'py>, shape: &str, rows: &[T]) -> PyResult<Bound<'py, PyAny>> {
    helper(py, "_pandas", "records")?.call1((to_py(py, rows)?, shape))
}

/// Core rows as a DataFrame of the table shape `shape` (see [`records`]); `attrs` go to
/// `DataFrame.attrs`.
pub fn table<'py, T: serde::Serialize>(
    py: Python<'py>,
    shape: &str,
    rows: &[T],
    attrs: Option<Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    helper(py, "_pandas", "frame")?.call1((to_py(py, rows)?, shape, attrs))
}

/// Whether `obj` is a pandas DataFrame (without importing pandas when it is not loaded).
pub fn is_dataframe(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    let modules = py.import("sys")?.getattr("modules")?;
    match modules.get_item("pandas") {
        Ok(pd) => obj.is_instance(&pd.getattr("DataFrame")?),
        Err(_) => Ok(false),
    }
}

/// A DataFrame as CSV text for the core's CSV readers (see `parindex._pandas.frame_to_csv`);
/// a header it refuses (duplicate names, MultiIndex columns) is a `DataError` `MALFORMED`
/// naming `label` and the columns.
pub fn frame_csv(df: &Bound<'_, PyAny>, label: &str) -> PyResult<String> {
    let py = df.py();
    helper(py, "_pandas", "frame_to_csv")?.call1((df,)).and_then(|t| t.extract()).map_err(|e| {
        let value = e.value(py);
        if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
            wrong_type(py, "df", &value.to_string())
        } else if value.get_type().name().is_ok_and(|n| n == "FrameError") {
            let column: String = value.getattr("column").and_then(|c| c.extract()).unwrap_or_default();
            let message: String = value.getattr("message").and_then(|m| m.extract()).unwrap_or_default();
            let err = crate::errors::core_error(
                py,
                &parindex::Error::malformed(Location::file(label).with_column(column), message),
            );
            err.set_cause(py, Some(e));
            err
        } else {
            e
        }
    })
}

/// A node of a framework's primary hierarchy, in the columns of the `node` shape; `rule`
/// in the compact text form of the CSV layout (`bands: >90=2; >=70=1; else=0`).
pub fn node<'py>(py: Python<'py>, n: &Node) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py;
        "code" => &n.code,
        "parent" => n.parent_code(),
        "level" => enum_name(&n.level()),
        "name_vi" => &n.name_vi,
        "name_en" => &n.name_en,
        "max_points" => n.max_points,
        "at_least" => n.at_least,
        "method" => n.method.map(|m| m.as_str()),
        "rule" => n.rule.as_ref().map(|r| r.to_text()),
        "status" => enum_name(&n.status),
        "source" => &n.source,
        "note" => &n.note,
    ))
}

/// A second grouping with its nodes.
pub fn grouping<'py>(py: Python<'py>, g: &Grouping) -> PyResult<Bound<'py, PyDict>> {
    let nodes = g
        .nodes
        .iter()
        .map(|n| {
            Ok(dict!(py;
                "code" => &n.code,
                "name_vi" => &n.name_vi,
                "name_en" => &n.name_en,
                "max_points" => n.max_points,
                "method" => n.method.map(|m| m.as_str()),
                "members" => &n.members,
                "status" => enum_name(&n.status),
                "source" => &n.source,
                "note" => &n.note,
            ))
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(dict!(py; "id" => &g.id, "name_vi" => &g.name_vi, "name_en" => &g.name_en, "nodes" => nodes))
}

/// A constraint on maxima not known one by one.
pub fn constraint<'py>(py: Python<'py>, c: &Constraint) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py; "codes" => &c.codes, "sum" => c.sum, "status" => enum_name(&c.status), "source" => &c.source))
}

/// The change model a simulation used.
pub fn model_info<'py>(py: Python<'py>, m: &ModelInfo) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py;
        "kind" => &m.kind,
        "description" => &m.description,
        "years" => &m.years,
        "n" => m.n,
        "mean" => m.mean,
        "provinces" => &m.provinces,
        "warnings" => &m.warnings,
        "parameters" => m
            .parameters
            .iter()
            .map(|p| Ok(dict!(py; "name" => &p.name, "value" => p.value, "source" => &p.source)))
            .collect::<PyResult<Vec<_>>>()?,
    ))
}

/// What-if results as a DataFrame of the `what_if` shape: one row per scenario, then one
/// `change_<code>` column per field and component (points; empty where a change cannot be
/// attributed); the changes of each scenario in `DataFrame.attrs["changes"]`.
pub fn what_if<'py>(py: Python<'py>, results: &[WhatIf]) -> PyResult<Bound<'py, PyAny>> {
    helper(py, "_pandas", "what_if")?.call1((to_py(py, results)?,))
}

// ---------------------------------------------------------------------------------------
// Records in

fn get<'py>(d: &Bound<'py, PyAny>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    let mapping = d.cast::<PyMapping>()?;
    if mapping.contains(key)? {
        let v = mapping.get_item(key)?;
        Ok(if v.is_none() { None } else { Some(v) })
    } else {
        Ok(None)
    }
}

fn opt_string(v: Option<Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    v.map(|v| v.str().map(|s| s.to_string())).transpose()
}

/// Error unless every key of the mapping `d` is one of `known`: a misspelt key (`scor`) is
/// refused, never silently dropped. `place` names the mapping within argument `name`.
pub fn known_keys(d: &Bound<'_, PyAny>, name: &str, place: &str, known: &[&str]) -> PyResult<()> {
    let py = d.py();
    for key in d.cast::<PyMapping>()?.keys()?.iter() {
        let text = key.str()?.to_string();
        if !key.is_instance_of::<PyString>() || !known.contains(&text.as_str()) {
            return Err(invalid_argument(
                py,
                name,
                &format!("{place} has an unknown key `{text}` (known: {})", known.join(", ")),
            ));
        }
    }
    Ok(())
}

/// Keys of an entry of a league table.
const ENTRY_KEYS: &[&str] = &["province", "score", "rank", "rank_basis", "source", "note", "row"];

/// Entries of a league table: a sequence of mappings with `province` and optionally
/// `score` (percent), `rank`, `rank_basis`, `source`, `note`, `row` (the row to name in
/// errors); any other key is an `InputError` naming it and the entry. A value that is not
/// a number is a `DataError` naming the row (when given) or the entry, and the column.
pub fn entries_arg(obj: &Bound<'_, PyAny>, label: &str) -> PyResult<Vec<EntryInput>> {
    let py = obj.py();
    if obj.cast::<PyMapping>().is_ok() || obj.is_instance_of::<PyString>() || !obj.hasattr("__iter__")? {
        return Err(wrong_type(py, "entries", "expected a list of mappings {province, score, rank, …}"));
    }
    let mut out = Vec::new();
    for (i, item) in obj.try_iter()?.enumerate() {
        let item = item?;
        let entry = format!("entry {} (entries[{i}])", i + 1);
        if item.cast::<PyMapping>().is_err() {
            return Err(wrong_type(py, "entries", &format!("{entry} is not a mapping")));
        }
        known_keys(&item, "entries", &entry, ENTRY_KEYS)?;
        let row = match get(&item, "row")? {
            None => None,
            Some(r) => Some(
                usize::try_from(int_in(&r, "entries", &format!("{entry}, `row`"))?)
                    .map_err(|_| invalid_argument(py, "entries", &format!("{entry}, `row`: {r} is not a row")))?,
            ),
        };
        // Where a bad value is: the row the caller gave, else the entry.
        let at = |column: &str| match row {
            Some(r) => Location::file(label).at_row(r).with_column(column),
            None => Location::file(label).with_column(format!("{column} (entry {})", i + 1)),
        };
        let data_number = |v: &Bound<'_, PyAny>, column: &str| -> PyResult<Decimal> {
            decimal_in(v, "entries", &format!("{entry}, `{column}`")).map_err(|e| {
                let shown = v.str().map(|s| s.to_string()).unwrap_or_default();
                if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
                    e
                } else {
                    crate::errors::core_error(py, &parindex::Error::InvalidNumber { at: at(column), value: shown })
                }
            })
        };
        let score = get(&item, "score")?.map(|v| data_number(&v, "score")).transpose()?;
        let rank = match get(&item, "rank")? {
            None => None,
            Some(v) => {
                let d = data_number(&v, "rank")?;
                if d.fract() != Decimal::ZERO {
                    return Err(crate::errors::core_error(
                        py,
                        &parindex::Error::NotWhole { at: at("rank"), value: d.to_string() },
                    ));
                }
                Some(d.to_i64().unwrap_or(i64::MAX))
            }
        };
        out.push(EntryInput {
            province: opt_string(get(&item, "province")?)?.unwrap_or_default(),
            score,
            rank,
            rank_basis: opt_string(get(&item, "rank_basis")?)?,
            source: opt_string(get(&item, "source")?)?,
            note: opt_string(get(&item, "note")?)?,
            row,
        });
    }
    Ok(out)
}

/// An integer inside argument `name` at `place` (see [`int_arg`]).
fn int_in(obj: &Bound<'_, PyAny>, name: &str, place: &str) -> PyResult<i128> {
    int_arg(obj, name).map_err(|e| {
        let py = obj.py();
        let message = e.value(py).to_string();
        let detail = message.split_once(": ").map_or(message.as_str(), |(_, d)| d);
        if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
            wrong_type(py, name, &format!("{place}: {detail}"))
        } else {
            invalid_argument(py, name, &format!("{place}: {detail}"))
        }
    })
}

/// A leaf's measured input: `bool` → done or not, `str` → a named level, a number → a
/// measured value. `name` and `place` as in [`decimal_in`].
pub fn measure_arg(obj: &Bound<'_, PyAny>, name: &str, place: &str) -> PyResult<Measure> {
    if obj.is_instance_of::<PyBool>() || is_numpy_bool(obj) {
        return Ok(Measure::Flag(obj.is_truthy()?));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        // A numeric string is a measured value; anything else names a level.
        if plain_number(&text).is_some() || parse_decimal(&text, &Location::default()).is_ok() {
            return decimal_in(obj, name, place).map(Measure::Value);
        }
        return Ok(Measure::Level(text.into_owned()));
    }
    decimal_in(obj, name, place).map(Measure::Value)
}

/// One change: a number (points added; negative: lost), or a mapping with one of `add`,
/// `set` (new points) or `measure` (a leaf's measured input).
fn change_arg(scenario: &str, code: &str, obj: &Bound<'_, PyAny>) -> PyResult<Change> {
    let py = obj.py();
    let place = format!("scenario `{scenario}`, code `{code}`");
    let code = code.to_string();
    if obj.cast::<PyMapping>().is_ok() {
        known_keys(obj, "scenarios", &format!("the change at {place}"), &["add", "set", "measure"])?;
        let keys: Vec<String> = obj.cast::<PyMapping>()?.keys()?.iter().map(|k| k.to_string()).collect();
        let [key] = keys.as_slice() else {
            return Err(invalid_argument(
                py,
                "scenarios",
                &format!("the change at {place} must have exactly one of add, set, measure (got {keys:?})"),
            ));
        };
        let value = obj.get_item(key.as_str())?;
        let place = format!("{place}, `{key}`");
        return match key.as_str() {
            "add" => Ok(Change::Add { code, points: decimal_in(&value, "scenarios", &place)? }),
            "set" => Ok(Change::Set { code, points: decimal_in(&value, "scenarios", &place)? }),
            _ => Ok(Change::Measure { code, measure: measure_arg(&value, "scenarios", &place)? }),
        };
    }
    Ok(Change::Add { code, points: decimal_in(obj, "scenarios", &place)? })
}

/// Scenarios: a mapping of scenario name → {code: change}, or a sequence of
/// (name, {code: change}) pairs. See [`change_arg`] for a change.
pub fn scenarios_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Scenario>> {
    let py = obj.py();
    let pairs: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = if let Ok(m) = obj.cast::<PyMapping>() {
        m.items()?.iter().map(|kv| kv.extract()).collect::<PyResult<_>>()?
    } else if obj.hasattr("__iter__")? && !obj.is_instance_of::<PyString>() {
        obj.try_iter()?.map(|kv| kv?.extract()).collect::<PyResult<_>>().map_err(|_| {
            wrong_type(py, "scenarios", "expected {name: {code: change}} or [(name, {code: change}), …]")
        })?
    } else {
        return Err(wrong_type(py, "scenarios", "expected {name: {code: change}} or [(name, {code: change}), …]"));
    };
    pairs
        .into_iter()
        .map(|(name, changes)| {
            let name = name.str()?.to_string();
            let m = changes.cast::<PyMapping>().map_err(|_| {
                wrong_type(
                    py,
                    "scenarios",
                    &format!("the changes of scenario `{name}` must be a mapping {{code: change}}"),
                )
            })?;
            let changes = m
                .items()?
                .iter()
                .map(|kv| {
                    let (code, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = kv.extract()?;
                    change_arg(&name, &code.str()?.to_cow()?, &value)
                })
                .collect::<PyResult<Vec<_>>>()?;
            Ok(Scenario { name, changes })
        })
        .collect()
}

/// Planner costs: `None` (every finest node, cost 1 per point), a mapping code → cost per
/// point, or code → {"cost_per_point": c, "cap": points}.
pub fn costs_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<NodeCost>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(Vec::new()) };
    let py = obj.py();
    let m = obj
        .cast::<PyMapping>()
        .map_err(|_| wrong_type(py, "costs", "expected {code: cost_per_point} or {code: {cost_per_point, cap}}"))?;
    m.items()?
        .iter()
        .map(|kv| {
            let (code, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = kv.extract()?;
            let code = code.str()?.to_string();
            let place = format!("code `{code}`");
            if value.cast::<PyMapping>().is_ok() {
                known_keys(&value, "costs", &format!("the cost of {place}"), &["cost_per_point", "cap"])?;
                let cost = get(&value, "cost_per_point")?
                    .map(|v| decimal_in(&v, "costs", &format!("{place}, `cost_per_point`")))
                    .transpose()?;
                let cap =
                    get(&value, "cap")?.map(|v| decimal_in(&v, "costs", &format!("{place}, `cap`"))).transpose()?;
                Ok(NodeCost { code, cost_per_point: cost.unwrap_or(Decimal::ONE), cap })
            } else {
                Ok(NodeCost { code, cost_per_point: decimal_in(&value, "costs", &place)?, cap: None })
            }
        })
        .collect()
}

/// Options of `least_cost`: a sequence of mappings with `cost_per_point` and either `cap`
/// (continuous gains up to it) or `steps` (only these gains).
pub fn plan_options_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<parindex::simulate::PlanOption>> {
    use parindex::simulate::{Gains, PlanOption};
    let py = obj.py();
    obj.try_iter()?
        .enumerate()
        .map(|(i, item)| {
            let item = item?;
            let option = format!("option {} (options[{i}])", i + 1);
            if item.cast::<PyMapping>().is_err() {
                return Err(wrong_type(py, "options", &format!("{option} is not a mapping")));
            }
            known_keys(&item, "options", &option, &["cost_per_point", "cap", "steps"])?;
            let at = |key: &str| format!("{option}, `{key}`");
            let cost =
                get(&item, "cost_per_point")?.map(|v| decimal_in(&v, "options", &at("cost_per_point"))).transpose()?;
            let gains = match (get(&item, "cap")?, get(&item, "steps")?) {
                (Some(cap), None) => Gains::Continuous { cap: decimal_in(&cap, "options", &at("cap"))? },
                (None, Some(steps)) => Gains::Steps(decimals_in(&steps, "options", &at("steps"))?),
                _ => {
                    return Err(invalid_argument(
                        py,
                        "options",
                        &format!("{option} needs exactly one of `cap` or `steps`"),
                    ))
                }
            };
            Ok(PlanOption { gains, cost_per_point: cost.unwrap_or(Decimal::ONE) })
        })
        .collect()
}

/// The change model of a simulation: `None` or `"fitted"` (the fitted next-year model, the
/// default), `{"kind": "fitted", **overrides}` (keys of `NextYearModel`), `"empirical"`
/// (published year-over-year changes), `{"kind": "empirical", "years": [(2022, 2023)]}`, `{"kind": "normal",
/// "mean": 0.5, "sd": 1.2}` or `{"kind": "sample", "values": [...]}` (percentage points).
/// A key that the kind does not take is refused.
pub fn change_model_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<ChangeModel> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(ChangeModel::default()) };
    let py = obj.py();
    let expected = "expected \"fitted\", \"empirical\", {\"kind\": \"fitted\", \"spread\": s, ...}, {\"kind\": \"normal\", \"mean\": m, \"sd\": s}, {\"kind\": \"sample\", \"values\": [...]} or {\"kind\": \"empirical\", \"years\": [(2022, 2023)]}";
    let (kind, spec) = if let Ok(s) = obj.cast::<PyString>() {
        (s.to_cow()?.trim().to_ascii_lowercase(), None)
    } else if obj.cast::<PyMapping>().is_ok() {
        let kind = opt_string(get(obj, "kind")?)?.unwrap_or_default().trim().to_ascii_lowercase();
        (kind, Some(obj))
    } else {
        return Err(wrong_type(py, "model", expected));
    };
    let keys = |spec: &Bound<'_, PyAny>, known: &[&str]| known_keys(spec, "model", &format!("a {kind} model"), known);
    match (kind.as_str(), spec) {
        ("fitted", None) => Ok(ChangeModel::default()),
        ("fitted", Some(spec)) => {
            // The overrides through the core's serde shape (unknown keys refused there).
            let overrides = PyDict::new(py);
            for (k, v) in spec
                .cast::<PyMapping>()?
                .items()?
                .iter()
                .map(|kv| kv.extract::<(String, Bound<'_, PyAny>)>())
                .collect::<PyResult<Vec<_>>>()?
            {
                if k != "kind" {
                    overrides.set_item(k, v)?;
                }
            }
            let text: String = py.import("json")?.getattr("dumps")?.call1((overrides,))?.extract()?;
            serde_json::from_str(&text)
                .map(ChangeModel::Fitted)
                .map_err(|e| invalid_argument(py, "model", &e.to_string()))
        }
        ("empirical", None) => Ok(ChangeModel::Empirical { years: None }),
        ("empirical", Some(spec)) => {
            keys(spec, &["kind", "years"])?;
            let years = match get(spec, "years")? {
                None => None,
                Some(y) => Some(
                    y.try_iter()?
                        .map(|pair| {
                            let pair = pair?;
                            let year = |i| -> PyResult<u16> {
                                let v = int_in(&pair.get_item(i)?, "model", "`years`")?;
                                u16::try_from(v)
                                    .map_err(|_| invalid_argument(py, "model", &format!("`years`: {v} is not a year")))
                            };
                            Ok((year(0)?, year(1)?))
                        })
                        .collect::<PyResult<Vec<_>>>()?,
                ),
            };
            Ok(ChangeModel::Empirical { years })
        }
        ("normal", Some(spec)) => {
            keys(spec, &["kind", "mean", "sd"])?;
            // Both required, as in JS: no silent default mean.
            let mean = get(spec, "mean")?
                .ok_or_else(|| invalid_argument(py, "model", "a normal model needs `mean` (percentage points)"))?;
            let sd = get(spec, "sd")?
                .ok_or_else(|| invalid_argument(py, "model", "a normal model needs `sd` (percentage points)"))?;
            Ok(ChangeModel::Normal {
                mean: decimal_in(&mean, "model", "`mean`")?,
                sd: decimal_in(&sd, "model", "`sd`")?,
            })
        }
        ("sample", Some(spec)) => {
            keys(spec, &["kind", "values"])?;
            let values = get(spec, "values")?
                .ok_or_else(|| invalid_argument(py, "model", "a sample model needs `values` (percentage points)"))?;
            Ok(ChangeModel::Sample(decimals_in(&values, "model", "`values`")?))
        }
        _ => Err(invalid_argument(py, "model", expected)),
    }
}

// ---------------------------------------------------------------------------------------
// Workbooks in

/// The reading keywords every `from_excel` takes: `sheet` (name or position, first = 0),
/// `header_row` (spreadsheet numbering) and `columns` (role → header).
pub fn table_options(
    sheet: Option<&Bound<'_, PyAny>>,
    header_row: Option<usize>,
    columns: Option<std::collections::BTreeMap<String, String>>,
) -> PyResult<parindex::TableOptions> {
    let sheet = match sheet {
        None => None,
        Some(s) if s.is_none() => None,
        Some(s) if s.is_instance_of::<PyBool>() => {
            return Err(wrong_type(s.py(), "sheet", "expected a sheet name or position"))
        }
        Some(s) => match s.extract::<usize>() {
            Ok(i) => Some(parindex::Sheet::Index(i)),
            Err(_) => match s.cast::<PyString>() {
                Ok(name) => Some(parindex::Sheet::Name(name.to_cow()?.into_owned())),
                Err(_) => {
                    return Err(wrong_type(s.py(), "sheet", "expected a sheet name (str) or position (int, first = 0)"))
                }
            },
        },
    };
    Ok(parindex::TableOptions { sheet, header_row, columns: columns.unwrap_or_default() })
}

/// A worksheet of a workbook given as a path (`str`, `os.PathLike`), `bytes` or a binary
/// file-like object, as a core table.
pub fn workbook_table(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    options: &parindex::TableOptions,
) -> PyResult<parindex::Table> {
    let (bytes, label): (Vec<u8>, String) = if source.is_instance_of::<pyo3::types::PyBytes>()
        || source.is_instance_of::<pyo3::types::PyByteArray>()
    {
        (source.extract()?, "<bytes>".to_string())
    } else if source.hasattr("read")? {
        let data = source.call_method0("read")?;
        let bytes: Vec<u8> = data
            .extract()
            .map_err(|_| wrong_type(py, "source", "a workbook is read from a binary file: open it with mode \"rb\""))?;
        let label = source
            .getattr("name")
            .ok()
            .and_then(|n| n.extract::<String>().ok())
            .unwrap_or_else(|| "<stream>".to_string());
        (bytes, label)
    } else {
        match source.extract::<PathBuf>() {
            Ok(p) => (guard(py, || parindex::table::read_bytes(&p))?, p.display().to_string()),
            Err(_) => {
                return Err(wrong_type(py, "source", "expected a path (str or os.PathLike), bytes or a binary file"))
            }
        }
    };
    guard(py, || parindex::Table::from_workbook(&bytes, &label, options))
}
