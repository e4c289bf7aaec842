//! The fitted next-year model, the whole-table forecast and the backtest: computed in the
//! core, handed over as the core's serde JSON and shaped into DataFrames and dicts by
//! `parindex._nextyear` (one spelling of every name, as in Rust and JS).

use crate::convert::{self, helper};
use crate::errors::{guard_detached, next_year_names, python_names};
use crate::table::PyLeagueTable;
use parindex::simulate::{ChancesRequest, FittedOverrides, ForecastRequest, NextYearModel};
use parindex::LeagueTable;
use pyo3::prelude::*;

/// Overrides of the fitted model from ``None``, ``"fitted"`` or a dict of
/// :class:`NextYearModel` keys (``shock_mean``, ``shock_sd``, ``catch_up``, ``spread``,
/// ``tail_weight``, ``tail_scale``, ``methodology_factor``, ``own_sd``): the core's
/// ``FittedOverrides``.
fn model_arg(model: Option<&Bound<'_, PyAny>>) -> PyResult<NextYearModel> {
    match model.filter(|m| !m.is_none()) {
        None => Ok(NextYearModel::default()),
        Some(m) => convert::contract::<FittedOverrides>(m, "model").map(|o| o.0),
    }
}

/// The whole-table forecast: the native side of ``LeagueTable.forecast`` (signature in
/// ``parindex._nextyear``); ``options`` is the core's ``ForecastRequest``.
pub(crate) fn forecast<'py>(table: &LeagueTable, options: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = options.py();
    let request: ForecastRequest = convert::contract(options, "")?;
    let text = guard_detached(py, || {
        let f = python_names(request.run(table), &next_year_names())?;
        serde_json::to_string(&f).map_err(|e| parindex::Error::Unsupported { message: e.to_string() })
    })?;
    helper(py, "_nextyear", "forecast_frame")?.call1((text,))
}

/// One province's plans: the native side of ``LeagueTable.chances`` (signature in
/// ``parindex._nextyear``); ``options`` is the core's ``ChancesRequest``.
pub(crate) fn chances<'py>(table: &LeagueTable, options: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = options.py();
    let request: ChancesRequest = convert::contract(options, "")?;
    let text = guard_detached(py, || {
        let c = python_names(request.run(table), &next_year_names())?;
        serde_json::to_string(&c).map_err(|e| parindex::Error::Unsupported { message: e.to_string() })
    })?;
    helper(py, "_nextyear", "chances_result")?.call1((text,))
}

/// Backtest of the fitted model: fit on published data up to ``year``, forecast
/// ``next_year`` (= year + 1), score against its published ranks. Returns a
/// :class:`parindex.BacktestResult`: ``summary`` (dict: ``n``, ``coverage_50``,
/// ``coverage_90``, ``rps``, ``baseline_coverage_90``, ``baseline_rps`` and more),
/// ``rows`` and ``model`` (dicts), ``to_pandas()`` (one row per published rank).
///
/// Raises InputError (``next_year`` not ``year + 1``, a model override out of range),
/// InputError (``NOT_FOUND``) for a year without a published table.
#[pyfunction]
#[pyo3(signature = (index, year, next_year, model=None))]
pub fn backtest<'py>(
    py: Python<'py>,
    index: &str,
    year: &Bound<'py, PyAny>,
    next_year: &Bound<'py, PyAny>,
    model: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let index = convert::index_kind(py, index)?;
    let (year, next_year) = (convert::year_arg(year, "year")?, convert::year_arg(next_year, "next_year")?);
    let model = model_arg(model)?;
    let text = guard_detached(py, || {
        let b = python_names(parindex::simulate::backtest(&index, year, next_year, &model), &next_year_names())?;
        serde_json::to_string(&b).map_err(|e| parindex::Error::Unsupported { message: e.to_string() })
    })?;
    helper(py, "_nextyear", "backtest_result")?.call1((text,))
}

/// The fitted next-year model of a table as a dict: every parameter with its value and
/// source, the evidence, what each published fact did to the bounds, warnings, problems
/// and every competitor's start (points, percent 0–100).
///
/// Raises InputError (a model override out of range; a table not of the 63 provinces).
#[pyfunction]
#[pyo3(signature = (table, model=None))]
pub fn fit<'py>(
    py: Python<'py>,
    table: &PyLeagueTable,
    model: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let model = model_arg(model)?;
    let t = &table.0;
    let text = guard_detached(py, || {
        let m = python_names(parindex::simulate::fit(t, &model), &next_year_names())?;
        serde_json::to_string(&m).map_err(|e| parindex::Error::Unsupported { message: e.to_string() })
    })?;
    py.import("json")?.getattr("loads")?.call1((text,))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(backtest, m)?)?;
    m.add_function(wrap_pyfunction!(fit, m)?)?;
    Ok(())
}
