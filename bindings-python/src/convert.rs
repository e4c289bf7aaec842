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
use parindex::framework::{Constraint, Grouping, Node};
use parindex::simulate::{Basis, ModelInfo, WhatIf};
use parindex::{Decimal, IndexKind, Location, Roster};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyString};
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------
// Decimals

/// An input of the data contract (`parindex::contract`): `obj` written as JSON by
/// `parindex._arguments.plain_json` (a Decimal as its text, numpy scalars as Python values,
/// mappings in their order), then read into the core's type through serde (the one decimal rule, unknown keys refused).
/// Errors name the path within the argument (`model.sd`, `entries[3].score`,
/// `scenarios["A"]["1.1"].add`): InputError `INVALID_ARGUMENT`, or InputTypeError for a value
/// of the wrong type. An empty `name` makes the paths start at the keys (`gain`, `model.sd`).
pub fn contract<T: serde::de::DeserializeOwned>(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    let py = obj.py();
    let json: String = helper(py, "_arguments", "plain_json")?.call1((obj, name))?.extract()?;
    match guard(py, || Ok(parindex::contract::from_str::<T>(&json, name)))? {
        Ok(value) => Ok(value),
        Err(parindex::Error::InvalidArgument { name, message }) => {
            // The path from the argument's name on; serde_json's place in the JSON text
            // means nothing to the caller.
            let name = name.trim_start_matches('.');
            let message = match message.rsplit_once(" at line ") {
                Some((head, tail)) if tail.contains(" column ") => head.to_string(),
                _ => message,
            };
            if message.starts_with("invalid type") {
                Err(wrong_type(py, name, &message))
            } else {
                Err(crate::errors::core_error(py, &parindex::Error::invalid_argument(name, message)))
            }
        }
        Err(e) => Err(crate::errors::core_error(py, &e)),
    }
}

/// A number argument (points or percent) as an exact decimal (the core's one rule: a str,
/// an int, a Decimal or a float through its shortest text; never rounded).
pub fn decimal_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Decimal> {
    contract::<parindex::contract::ExactDecimal>(obj, name).map(|d| d.0)
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
    let decimal = py.import("decimal")?.getattr("Decimal")?;
    if obj.is_instance_of::<PyFloat>() || obj.is_instance(&decimal)? || obj.is_instance_of::<PyString>() {
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

/// CSV text (a path, a file-like object, or text already made from a DataFrame) as a core
/// table with the header at `header_row` and the roles named in `columns` — the route of
/// the CSV loaders when the file's headers are not the recognised ones.
pub fn csv_table(
    py: Python<'_>,
    source: Source,
    header_row: Option<usize>,
    columns: Option<std::collections::BTreeMap<String, String>>,
) -> PyResult<parindex::Table> {
    let (text, label) = match source {
        Source::Path(p) => (guard(py, || parindex::io::read_text(&p))?, p.display().to_string()),
        Source::Text(text, label) => (text, label),
    };
    let options = parindex::TableOptions { sheet: None, header_row, columns: columns.unwrap_or_default() };
    guard(py, || parindex::Table::from_csv(&text, &label, &options))
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

// ---------------------------------------------------------------------------------------
// Validation: every problem of an input at once

/// Text and label of a source: a path, a file-like object or a DataFrame (written as CSV,
/// so rows keep their spreadsheet numbers: the header is row 1).
pub fn text_of(py: Python<'_>, source: &Bound<'_, PyAny>, label: &str) -> PyResult<(String, String)> {
    if is_dataframe(source)? {
        return Ok((frame_csv(source, label)?, label.to_string()));
    }
    match source_arg(source, None)? {
        Source::Text(text, name) => Ok((text, name)),
        Source::Path(path) => {
            let label = path.display().to_string();
            let text = guard(py, || parindex::io::read_text(&path))?;
            Ok((text, label))
        }
    }
}

/// [`text_of`] for validation: a path whose bytes are not UTF-8 gives its `ENCODING` error
/// as a value (`Err`), not raised.
pub fn text_or_encoding(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
) -> PyResult<Result<(String, String), parindex::Error>> {
    if is_dataframe(source)? {
        return Ok(Ok((frame_csv(source, "DataFrame")?, "DataFrame".to_string())));
    }
    match source_arg(source, None)? {
        Source::Text(text, name) => Ok(Ok((text, name))),
        Source::Path(path) => {
            let label = path.display().to_string();
            match guard(py, || Ok(parindex::io::read_text(&path)))? {
                Ok(text) => Ok(Ok((text, label))),
                Err(e @ parindex::Error::Encoding { .. }) => Ok(Err(e)),
                Err(e) => Err(crate::errors::core_error(py, &e)),
            }
        }
    }
}

/// Every problem of a CSV source (a path, a file-like object or a DataFrame) as a list of
/// exceptions (empty when it loads), rows numbered as in the spreadsheet: `csv` is the
/// loader's `validate_csv`; with `table` (the contract's `TableOptions`: `header_row`,
/// `columns`) the text is read as the core's `Table` and checked by `from_table`.
pub fn validated<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    table: Option<&Bound<'py, PyAny>>,
    csv: impl FnOnce(&str, &str) -> Vec<parindex::Error>,
    from_table: impl FnOnce(&parindex::Table) -> Vec<parindex::Error>,
) -> PyResult<Bound<'py, pyo3::types::PyList>> {
    let table_options: Option<parindex::TableOptions> = table.map(|t| contract(t, "")).transpose()?;
    // A file that is not UTF-8 text is a problem of the input, listed like the others; a
    // file that cannot be read at all is raised.
    let (text, label) = match text_or_encoding(py, source)? {
        Ok(read) => read,
        Err(problem) => {
            return pyo3::types::PyList::new(py, [crate::errors::core_error(py, &problem).into_value(py)]);
        }
    };
    let errors = guard(py, || {
        Ok(match table_options {
            None => csv(&text, &label),
            Some(o) => match parindex::Table::from_csv(&text, &label, &o) {
                Ok(t) => from_table(&t),
                Err(e) => vec![e],
            },
        })
    })?;
    pyo3::types::PyList::new(py, errors.iter().map(|e| crate::errors::core_error(py, e).into_value(py)))
}
