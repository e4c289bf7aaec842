//! Rank simulation: what-if, the rank-gain table, the target planner and the Monte Carlo.

use crate::convert::{self, helper, u32_arg};
use crate::errors::{guard, guard_detached, invalid_argument};
use crate::scorecard::PyScorecard;
use crate::table::PyLeagueTable;
use crate::values::{PyPointsNeeded, PyRankBounds};
use parindex::simulate::{PlanOutcome, Simulation};
use parindex::Decimal;
use parindex::{LeagueTable, Scorecard};
use pyo3::prelude::*;
use pyo3::types::PyDict;

// ---------------------------------------------------------------------------------------
// Monte Carlo

/// The outcome of one plan of a :class:`Simulation`: ``gain`` (percentage points),
/// ``p_target`` (P(rank ≤ target), 0–1), rank quantiles (nearest rank) and ``rank_counts``
/// (scenarios ending at each rank: ``rank_counts[r - 1]`` for rank r).
#[pyclass(module = "parindex._core", name = "PlanOutcome", frozen)]
pub struct PyPlanOutcome(pub PlanOutcome);

#[pymethods]
impl PyPlanOutcome {
    /// The planned gain, percentage points (Decimal).
    #[getter]
    fn gain(&self) -> PyResult<Decimal> {
        Ok(self.0.gain)
    }
    /// P(rank ≤ target), 0–1.
    #[getter]
    fn p_target(&self) -> PyResult<f64> {
        Ok(self.0.p_target)
    }
    /// 5% quantile of the rank (the smallest r with P(rank ≤ r) ≥ 5%).
    #[getter]
    fn rank_p05(&self) -> PyResult<u32> {
        Ok(self.0.rank_p05)
    }
    /// Median rank.
    #[getter]
    fn rank_p50(&self) -> PyResult<u32> {
        Ok(self.0.rank_p50)
    }
    /// 95% quantile of the rank.
    #[getter]
    fn rank_p95(&self) -> PyResult<u32> {
        Ok(self.0.rank_p95)
    }
    /// ``{0.05: rank_p05, 0.5: rank_p50, 0.95: rank_p95}``.
    #[getter]
    fn rank_quantiles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        quantiles(py, &self.0)
    }
    /// Scenarios ending at each rank (``list[int]``, index r − 1 for rank r).
    #[getter]
    fn rank_counts(&self) -> PyResult<Vec<u64>> {
        Ok(self.0.rank_counts.clone())
    }
    fn __repr__(&self) -> PyResult<String> {
        Ok({
            let p = &self.0;
            format!(
                "PlanOutcome(gain=Decimal('{}'), p_target={}, rank_p05={}, rank_p50={}, rank_p95={})",
                p.gain, p.p_target, p.rank_p05, p.rank_p50, p.rank_p95
            )
        })
    }
}

fn quantiles<'py>(py: Python<'py>, p: &PlanOutcome) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(0.05, p.rank_p05)?;
    d.set_item(0.5, p.rank_p50)?;
    d.set_item(0.95, p.rank_p95)?;
    Ok(d)
}

/// The result of a Monte Carlo run (see :meth:`LeagueTable.simulate`), stating the change
/// model used. ``p_target``, ``rank_quantiles`` and ``rank_counts`` are those of the single
/// plan (with several gains, read ``plans`` or :meth:`to_pandas`).
#[pyclass(module = "parindex._core", name = "Simulation", frozen)]
pub struct PySimulation(pub Simulation);

impl PySimulation {
    fn single(&self, py: Python<'_>, what: &str) -> PyResult<&PlanOutcome> {
        match self.0.plans.as_slice() {
            [one] => Ok(one),
            plans => Err(invalid_argument(
                py,
                what,
                &format!("the simulation has {} plans: read `plans` or `to_pandas()`", plans.len()),
            )),
        }
    }
}

#[pymethods]
impl PySimulation {
    /// Canonical province name.
    #[getter]
    fn province(&self) -> PyResult<&str> {
        Ok(self.0.province.as_str())
    }
    /// ``"par"``, ``"sipas"`` …
    #[getter]
    fn index(&self) -> PyResult<&str> {
        Ok(self.0.index.as_str())
    }
    /// Year of the table the simulation starts from.
    #[getter]
    fn year(&self) -> PyResult<u16> {
        Ok(self.0.year)
    }
    /// Number of provinces ranked.
    #[getter]
    fn of(&self) -> PyResult<u32> {
        Ok(self.0.of)
    }
    /// Target rank.
    #[getter]
    fn target_rank(&self) -> PyResult<u32> {
        Ok(self.0.target_rank)
    }
    /// Scenarios run.
    #[getter]
    fn scenarios(&self) -> PyResult<u64> {
        Ok(self.0.scenarios)
    }
    /// Seed.
    #[getter]
    fn seed(&self) -> PyResult<u64> {
        Ok(self.0.seed)
    }
    /// Tie policy of the ranking.
    #[getter]
    fn tie_policy(&self) -> PyResult<&'static str> {
        Ok(self.0.tie_policy.as_str())
    }
    /// The change model: ``{"kind", "description", "years", "n", "mean", "provinces"}``.
    #[getter]
    fn model<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        convert::model_info(py, &self.0.model)
    }
    /// The province's current score (percent, Decimal), or ``None`` when it was drawn
    /// within its bounds (score not published).
    #[getter]
    fn current(&self) -> PyResult<Option<Decimal>> {
        Ok(self.0.current)
    }
    /// Competitors whose current score is unknown and was drawn within its bounds.
    #[getter]
    fn unknown_competitors(&self) -> PyResult<usize> {
        Ok(self.0.unknown_competitors)
    }
    /// Scenarios where even a score of 100 misses the target.
    #[getter]
    fn unreachable(&self) -> PyResult<u64> {
        Ok(self.0.unreachable)
    }
    /// Scenarios by the least gain reaching the target: ``gain_counts[h]`` for h hundredths
    /// of a point.
    #[getter]
    fn gain_counts(&self) -> PyResult<Vec<u64>> {
        Ok(self.0.gain_counts.clone())
    }
    /// One :class:`PlanOutcome` per planned gain, in the order given.
    #[getter]
    fn plans(&self) -> PyResult<Vec<PyPlanOutcome>> {
        Ok(self.0.plans.iter().cloned().map(PyPlanOutcome).collect())
    }
    /// The planned gains (percentage points, Decimal).
    #[getter]
    fn gains(&self) -> PyResult<Vec<Decimal>> {
        Ok(self.0.plans.iter().map(|p| p.gain).collect())
    }
    /// P(rank ≤ target) of the single plan, 0–1 (float).
    ///
    /// Raises InputError when the simulation has several plans.
    #[getter]
    fn p_target(&self, py: Python<'_>) -> PyResult<f64> {
        Ok(self.single(py, "p_target")?.p_target)
    }
    /// ``{0.05: int, 0.5: int, 0.95: int}``: rank quantiles of the single plan.
    ///
    /// Raises InputError when the simulation has several plans.
    #[getter]
    fn rank_quantiles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        quantiles(py, self.single(py, "rank_quantiles")?)
    }
    /// Scenarios ending at each rank for the single plan (index r − 1 for rank r).
    ///
    /// Raises InputError when the simulation has several plans.
    #[getter]
    fn rank_counts(&self, py: Python<'_>) -> PyResult<Vec<u64>> {
        Ok(self.single(py, "rank_counts")?.rank_counts.clone())
    }
    /// The least gain (percentage points, Decimal) with P(rank ≤ target) ≥ ``p`` under the
    /// same scenarios; ``None`` when no gain up to a score of 100 reaches it.
    ///
    /// Raises InputError for ``p`` outside (0, 1].
    fn gain_for(&self, py: Python<'_>, p: f64) -> PyResult<Option<Decimal>> {
        guard(py, || self.0.gain_for(p))
    }
    /// :meth:`gain_for` at 50%: the least gain with P(rank ≤ target) ≥ 50% (property, as
    /// on :class:`ExactOutcome`).
    #[getter]
    fn gain_for_p50(&self) -> PyResult<Option<Decimal>> {
        Ok(self.0.gain_for_p50())
    }
    /// :meth:`gain_for` at 80% (property).
    #[getter]
    fn gain_for_p80(&self) -> PyResult<Option<Decimal>> {
        Ok(self.0.gain_for_p80())
    }
    /// One row per plan: ``gain, p_target, rank_p05, rank_p50, rank_p95``.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::table(py, "simulation", &self.0.plans, None)
    }
    /// P(rank = r) for every rank and plan: a DataFrame indexed by ``rank`` (1..of) with one
    /// column per gain (labelled ``"+2.00"``), probabilities 0–1.
    fn rank_distribution<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        helper(slf.py(), "_pandas", "rank_distribution")?.call1((slf,))
    }
    /// Bars of P(rank = r) with the target line (matplotlib; see
    /// :func:`parindex.plots.rank_distribution`). Returns the Axes.
    #[pyo3(signature = (ax=None))]
    fn plot<'py>(slf: &Bound<'py, Self>, ax: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        helper(slf.py(), "plots", "rank_distribution")?.call1((slf, ax))
    }
    /// A compact HTML table for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        helper(slf.py(), "_display", "simulation_html")?.call1((slf,))?.extract()
    }
    fn __repr__(&self) -> PyResult<String> {
        Ok({
            let s = &self.0;
            let plans: Vec<String> =
                s.plans.iter().map(|p| format!("+{}: P={:.4} median #{}", p.gain, p.p_target, p.rank_p50)).collect();
            format!(
                "<Simulation {} {} {} → rank ≤ {}: {} scenarios, seed {}; {}>",
                s.province,
                s.index,
                s.year,
                s.target_rank,
                s.scenarios,
                s.seed,
                plans.join("; ")
            )
        })
    }
}

/// The same model as the Monte Carlo solved exactly (see :func:`parindex.exact`): no
/// sampling error. ``plans`` (one per gain, each with ``gain``, ``p_target`` and
/// ``rank_probabilities``), ``gain_for_p50`` and ``gain_for_p80``.
#[pyclass(module = "parindex._core", name = "ExactOutcome", frozen)]
pub struct PyExactOutcome(pub parindex::simulate::ExactOutcome);

#[pymethods]
impl PyExactOutcome {
    /// One dict per planned gain: ``gain`` (Decimal, percentage points), ``p_target``
    /// (P(rank ≤ target), 0–1) and ``rank_probabilities`` (P(rank = r) at index r − 1).
    #[getter]
    fn plans<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::records(py, "exact_plan", &self.0.plans)
    }
    /// P(rank ≤ target) of the single plan, 0–1.
    ///
    /// Raises InputError when there are several plans.
    #[getter]
    fn p_target(&self, py: Python<'_>) -> PyResult<f64> {
        match self.0.plans.as_slice() {
            [one] => Ok(one.p_target),
            plans => Err(invalid_argument(
                py,
                "p_target",
                &format!("the outcome has {} plans: read `plans` or `to_pandas()`", plans.len()),
            )),
        }
    }
    /// The change model: ``{"kind", "description", "years", "n", "mean", "provinces",
    /// "warnings", "parameters"}`` (``parameters``: every parameter of the fitted model, a
    /// dict of ``name``, ``value``, ``source``; empty for the other models).
    #[getter]
    fn model<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        convert::model_info(py, &self.0.model)
    }
    /// The least gain (percentage points) with P(rank ≤ target) ≥ 50%; ``None`` when not
    /// reachable.
    #[getter]
    fn gain_for_p50(&self) -> PyResult<Option<Decimal>> {
        Ok(self.0.gain_for_p50)
    }
    /// The least gain with P(rank ≤ target) ≥ 80%.
    #[getter]
    fn gain_for_p80(&self) -> PyResult<Option<Decimal>> {
        Ok(self.0.gain_for_p80)
    }
    /// One row per plan: ``gain`` (float64 points), ``p_target``.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::table(py, "exact", &self.0.plans, None)
    }
    fn __repr__(&self) -> PyResult<String> {
        Ok({
            let plans: Vec<String> = self.0.plans.iter().map(|p| format!("+{}: P={:.4}", p.gain, p.p_target)).collect();
            format!("<ExactOutcome {}>", plans.join("; "))
        })
    }
}

/// The competitors' current score ranges the Monte Carlo starts from, best rank first:
/// ``[(low, high), …]`` in percent (Decimal; low = high when published). For
/// cross-checks and benchmarks.
///
/// Raises DataError (``UNKNOWN_PROVINCE``), InputError (``NOT_FOUND``).
#[pyfunction]
pub fn competitor_ranges(
    py: Python<'_>,
    table: PyRef<'_, PyLeagueTable>,
    province: &str,
) -> PyResult<Vec<(Decimal, Decimal)>> {
    let ranges = guard(py, || parindex::simulate::competitor_ranges(&table.0, province))?;
    Ok(ranges.into_iter().collect())
}

// ---------------------------------------------------------------------------------------
// What-if, rank gain, planner

pub(crate) fn what_if_impl<'py>(
    py: Python<'py>,
    card: &Scorecard,
    table: Option<&PyLeagueTable>,
    scenarios: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let scenarios = convert::contract::<parindex::contract::Scenarios>(scenarios, "scenarios")?.0;
    let table: Option<&LeagueTable> = table.map(|t| &t.0);
    let results = guard(py, || parindex::simulate::what_if(card, table, &scenarios))?;
    convert::what_if(py, &results)
}

/// Evaluate scenarios of changes to a scorecard (never modified), ranking against
/// ``table`` (everyone else as published; ``None``: no ranks). The argument order is the
/// Rust and JS one, ``what_if(card, table, scenarios)``; the method form is
/// ``card.what_if(scenarios, table=None)``. ``scenarios``: a mapping name →
/// ``{code: change}`` (or a list of ``(name, {code: change})``), where a change is a number
/// of points to add (negative: points lost), ``{"set": points}``, ``{"add": points}`` or
/// ``{"measure": value}`` (a leaf's measured input through its rule). An add works where
/// the node's current points are unknown (the total moves by the same amount).
///
/// Returns a DataFrame, one row per scenario: ``scenario, points_before, points_after``
/// (points), ``index_before, index_after`` (percent), ``rank_before, rank_after`` (the
/// estimates), ``rank_after_best, rank_after_worst``, ``band_before, band_after``, then
/// ``change_<code>`` per field and component (points; NA where a change cannot be
/// attributed). ``df.attrs["changes"]`` holds every node's before/after per scenario.
///
/// Raises DataError (``UNKNOWN_CODE``, ``ABOVE_MAX``, ``NEGATIVE``), InputError (a set on
/// a node without points, a scorecard without a total), FrameworkError (``RULE``).
#[pyfunction]
#[pyo3(signature = (card, table, scenarios))]
pub fn what_if<'py>(
    py: Python<'py>,
    card: PyRef<'py, PyScorecard>,
    table: Option<PyRef<'py, PyLeagueTable>>,
    scenarios: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    what_if_impl(py, &card.0, table.as_deref(), scenarios)
}

pub(crate) fn rank_gain_impl<'py>(
    py: Python<'py>,
    card: &Scorecard,
    table: &PyLeagueTable,
    target_rank: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let target = target_rank.filter(|t| !t.is_none()).map(|t| u32_arg(t, "target_rank")).transpose()?;
    let g = guard(py, || parindex::simulate::rank_gain(card, &table.0, target))?;
    let attrs = PyDict::new(py);
    attrs.set_item("province", &g.province)?;
    attrs.set_item("index", g.index)?;
    attrs.set_item("rank", PyRankBounds::from(g.rank))?;
    attrs.set_item("target_rank", g.target_rank)?;
    for (key, needed) in [("plus_1", g.plus_1), ("plus_5", g.plus_5), ("plus_10", g.plus_10)] {
        attrs.set_item(key, PyPointsNeeded::from(needed))?;
    }
    attrs.set_item("target", g.target.map(PyPointsNeeded::from))?;
    attrs.set_item("unknown_max", &g.unknown_max)?;
    convert::table(py, "gain_row", &g.rows, Some(attrs))
}

/// The rank-gain table: for every node of ``card`` with known points and max, the points
/// lost and the ranks recovering them would buy, everyone else in ``table`` as published.
///
/// Returns a DataFrame, total first, in framework order, then one row per constraint on
/// unknown maxima (code ``2+6+7``): ``code, level, name_vi, name_en, max_points, points,
/// source, lost`` (points), ``rank_if_recovered`` (estimate) with ``_best``/``_worst``,
/// ``ranks_gained`` (estimate) with ``_best``/``_worst``, ``ranks_per_point``, and the
/// points needed from this node alone for +1, +5, +10 ranks and the target
/// (``for_plus_1_low`` … ``for_target_high``; NA when the node cannot supply them).
/// ``df.attrs``: ``province``, ``index`` (percent), ``rank`` (RankBounds), ``target_rank``,
/// ``plus_1``, ``plus_5``, ``plus_10``, ``target`` (PointsNeeded, framework points),
/// ``unknown_max`` (codes left out).
///
/// Raises InputError (no total, target outside 1..=of), DataError (``UNKNOWN_PROVINCE``).
#[pyfunction]
#[pyo3(signature = (card, table, target_rank=None))]
pub fn rank_gain<'py>(
    py: Python<'py>,
    card: PyRef<'py, PyScorecard>,
    table: PyRef<'py, PyLeagueTable>,
    target_rank: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    rank_gain_impl(py, &card.0, &table, target_rank)
}

/// A least-effort plan to a target rank (see :func:`parindex.plan`).
#[pyclass(module = "parindex._core", name = "Plan", frozen)]
pub struct PyPlan(pub parindex::simulate::Plan);

#[pymethods]
impl PyPlan {
    /// Province.
    #[getter]
    fn province(&self) -> PyResult<&str> {
        Ok(self.0.province.as_str())
    }
    /// Target rank.
    #[getter]
    fn target_rank(&self) -> PyResult<u32> {
        Ok(self.0.target_rank)
    }
    /// Which bound of the need the plan covers: ``"low"``, ``"estimate"`` or ``"high"``.
    #[getter]
    fn basis(&self) -> PyResult<String> {
        Ok(convert::enum_name(&self.0.basis))
    }
    /// Points needed (framework points) for the target, as bounds.
    #[getter]
    fn needed(&self) -> PyResult<PyPointsNeeded> {
        Ok(PyPointsNeeded::from(self.0.needed))
    }
    /// The need the plan covers (points, Decimal).
    #[getter]
    fn required(&self) -> PyResult<Decimal> {
        Ok(self.0.required)
    }
    /// Whether the nodes' caps can cover the need.
    #[getter]
    fn feasible(&self) -> PyResult<bool> {
        Ok(self.0.feasible)
    }
    /// Points gained by the plan (Decimal; may exceed the need by a step).
    #[getter]
    fn total_gain(&self) -> PyResult<Decimal> {
        Ok(self.0.total_gain)
    }
    /// Total cost (in the unit of the costs given; points when none were).
    #[getter]
    fn total_cost(&self) -> PyResult<Decimal> {
        Ok(self.0.total_cost)
    }
    /// The nodes to improve, one dict each: ``code, name_vi, from, to, gain, cost, stepped``.
    #[getter]
    fn steps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::records(py, "plan_step", &self.0.steps)
    }
    /// Rank after the plan, everyone else as published.
    #[getter]
    fn rank_after(&self) -> PyResult<PyRankBounds> {
        Ok(PyRankBounds::from(self.0.rank_after))
    }
    /// Nodes left out of planning, as ``(code, reason)``.
    #[getter]
    fn skipped(&self) -> PyResult<Vec<(String, String)>> {
        Ok(self.0.skipped.clone())
    }
    /// The steps as a DataFrame (columns as :attr:`steps`; points float64).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::table(py, "plan_step", &self.0.steps, None)
    }
    /// A compact HTML table for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        helper(slf.py(), "_display", "plan_html")?.call1((slf,))?.extract()
    }
    fn __repr__(&self) -> PyResult<String> {
        Ok({
            let p = &self.0;
            format!(
                "<Plan {} → rank ≤ {} ({}): {} steps, gain {} points, cost {}, rank after #{}{}>",
                p.province,
                p.target_rank,
                convert::enum_name(&p.basis),
                p.steps.len(),
                p.total_gain,
                p.total_cost,
                p.rank_after.estimate,
                if p.feasible { "" } else { ", NOT FEASIBLE" }
            )
        })
    }
}

pub(crate) fn plan_impl(
    py: Python<'_>,
    card: &Scorecard,
    table: &PyLeagueTable,
    target_rank: &Bound<'_, PyAny>,
    costs: Option<&Bound<'_, PyAny>>,
    basis: &str,
) -> PyResult<PyPlan> {
    let target = u32_arg(target_rank, "target_rank")?;
    let costs = match costs.filter(|c| !c.is_none()) {
        Some(c) => convert::contract::<parindex::contract::Costs>(c, "costs")?.0,
        None => Vec::new(),
    };
    let basis = convert::basis(py, basis)?;
    let t = &table.0;
    guard_detached(py, || parindex::simulate::plan(card, t, target, &costs, basis)).map(PyPlan)
}

/// The least-cost plan for ``card``'s province to reach rank ≤ ``target_rank`` in
/// ``table`` (:class:`Plan`). Points (gains, caps, costs per point, the need) are
/// framework points (the scorecard's scale); the table is read in percentage points of
/// the index, converted once (percentage points × total max ÷ 100). ``costs``: ``None``
/// (every finest node with known points and
/// max, at cost 1 per point, so the plan is the least points), or a mapping code → cost
/// per point, or code → ``{"cost_per_point": c, "cap": points}`` (nodes must not overlap).
/// Leaves scored by levels, booleans or bands gain in steps. ``basis``: which bound of the
/// need to cover — ``"high"`` (enough whatever the unknown scores are; default),
/// ``"estimate"`` or ``"low"``. Exact (dynamic programme in 0.01-point units).
///
/// Raises DataError (``UNKNOWN_CODE``, ``ABOVE_MAX`` for a cap above the points lost),
/// InputError (overlapping nodes, negative costs, target outside 1..=of, no total).
#[pyfunction]
#[pyo3(signature = (card, table, target_rank, costs=None, basis="high"))]
pub fn plan(
    py: Python<'_>,
    card: PyRef<'_, PyScorecard>,
    table: PyRef<'_, PyLeagueTable>,
    target_rank: &Bound<'_, PyAny>,
    costs: Option<&Bound<'_, PyAny>>,
    basis: &str,
) -> PyResult<PyPlan> {
    plan_impl(py, &card.0, &table, target_rank, costs, basis)
}

/// The least total cost of gains adding up to at least ``required`` points (one unit for
/// all: the planner passes framework points): ``options`` is
/// a list of ``{"cost_per_point": c, "cap": points}`` (any gain 0..cap) or
/// ``{"cost_per_point": c, "steps": [points, …]}`` (only these gains). Returns ``(gains,
/// total_cost)`` (Decimals, one gain per option) or ``None`` when the options cannot reach it.
///
/// Raises InputError (negative costs, caps or steps; a need too fine or large to plan exactly).
#[pyfunction]
pub fn least_cost(
    py: Python<'_>,
    options: &Bound<'_, PyAny>,
    required: &Bound<'_, PyAny>,
) -> PyResult<Option<(Vec<Decimal>, Decimal)>> {
    let options: Vec<parindex::simulate::PlanOption> = convert::contract(options, "options")?;
    let required = convert::decimal_arg(required, "required")?;
    let result = guard_detached(py, || parindex::simulate::least_cost(&options, required))?;
    Ok(result)
}

/// Register the functions and classes of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySimulation>()?;
    m.add_class::<PyPlanOutcome>()?;
    m.add_class::<PyPlan>()?;
    m.add_class::<PyExactOutcome>()?;
    m.add_function(wrap_pyfunction!(competitor_ranges, m)?)?;
    m.add_function(wrap_pyfunction!(_defaults, m)?)?;
    m.add_function(wrap_pyfunction!(what_if, m)?)?;
    m.add_function(wrap_pyfunction!(rank_gain, m)?)?;
    m.add_function(wrap_pyfunction!(plan, m)?)?;
    m.add_function(wrap_pyfunction!(least_cost, m)?)?;
    Ok(())
}

/// Every default of the contract's options (``contract::defaults()``, the types' ``impl
/// Default``) as JSON: the one source of the defaults the Python signatures show.
#[pyfunction]
pub fn _defaults() -> PyResult<String> {
    serde_json::to_string(&parindex::contract::defaults())
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}
