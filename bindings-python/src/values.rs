//! Small value classes: bounds on ranks and scores, points needed, a node's points, a
//! data problem. Immutable; decimals come out as `decimal.Decimal`.

use crate::convert::{bool_arg, decimal_arg, enum_name, u32_arg, Dec};
use crate::errors::{belt, invalid_argument};
use parindex::{Decimal, NodePoints, PointsNeeded, Problem, RankBounds, ScoreBounds};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

/// What `__reduce__` returns: the class and its constructor's arguments.
type Reduced<'py, A> = (Bound<'py, PyType>, A);

/// Error unless `low` ≤ `estimate` ≤ `high` (the order every bound of the library keeps),
/// naming the argument out of order.
fn ordered<T: PartialOrd + std::fmt::Display>(
    py: Python<'_>,
    names: [&str; 3],
    low: T,
    estimate: T,
    high: T,
) -> PyResult<()> {
    let [l, e, h] = names;
    if low > high {
        return Err(invalid_argument(
            py,
            h,
            &format!("{high} is below `{l}` = {low}: `{l}` ≤ `{e}` ≤ `{h}` is required"),
        ));
    }
    if estimate < low || estimate > high {
        return Err(invalid_argument(py, e, &format!("{estimate} is outside `{l}`..`{h}` = {low}..{high}")));
    }
    Ok(())
}

/// Bounds on a rank (1 = best): ``best`` ≤ ``worst``, and ``estimate`` from interpolated
/// unknown scores (labelled an estimate). ``is_exact`` when ``best == worst``.
#[pyclass(module = "parindex._core", name = "RankBounds", frozen)]
#[derive(Clone)]
pub struct PyRankBounds(pub RankBounds);

#[pymethods]
impl PyRankBounds {
    /// Ranks 1 = best, with ``best`` ≤ ``estimate`` ≤ ``worst``.
    ///
    /// Raises InputError (``INVALID_ARGUMENT``) naming the argument out of range or out of
    /// order; InputTypeError for a value that is not an integer.
    #[new]
    fn new(best: &Bound<'_, PyAny>, worst: &Bound<'_, PyAny>, estimate: &Bound<'_, PyAny>) -> PyResult<Self> {
        belt(move || {
            let py = best.py();
            let [best, worst, estimate] =
                [(best, "best"), (worst, "worst"), (estimate, "estimate")].map(|(v, name)| -> PyResult<u32> {
                    let rank = u32_arg(v, name)?;
                    if rank == 0 {
                        return Err(invalid_argument(py, name, "0 is not a rank (1 = best)"));
                    }
                    Ok(rank)
                });
            let (best, worst, estimate) = (best?, worst?, estimate?);
            ordered(py, ["best", "estimate", "worst"], best, estimate, worst)?;
            Ok(PyRankBounds(RankBounds { best, worst, estimate }))
        })
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, (u32, u32, u32)>> {
        belt(move || {
            Ok({
                let b = slf.get().0;
                (slf.get_type(), (b.best, b.worst, b.estimate))
            })
        })
    }
    fn __copy__(slf: PyRef<'_, Self>) -> PyResult<PyRef<'_, Self>> {
        belt(move || Ok(slf))
    }
    #[pyo3(signature = (memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, memo: &Bound<'py, PyAny>) -> PyResult<PyRef<'py, Self>> {
        belt(move || {
            Ok({
                let _ = memo;
                slf
            })
        })
    }
    /// Best possible rank given the data.
    #[getter]
    fn best(&self) -> PyResult<u32> {
        belt(move || Ok(self.0.best))
    }
    /// Worst possible rank given the data.
    #[getter]
    fn worst(&self) -> PyResult<u32> {
        belt(move || Ok(self.0.worst))
    }
    /// Estimated rank.
    #[getter]
    fn estimate(&self) -> PyResult<u32> {
        belt(move || Ok(self.0.estimate))
    }
    /// Whether the rank is known exactly.
    #[getter]
    fn is_exact(&self) -> PyResult<bool> {
        belt(move || Ok(self.0.is_exact()))
    }
    /// ``{"best": …, "worst": …, "estimate": …}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        belt(move || {
            let d = PyDict::new(py);
            d.set_item("best", self.0.best)?;
            d.set_item("worst", self.0.worst)?;
            d.set_item("estimate", self.0.estimate)?;
            Ok(d)
        })
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        belt(move || Ok(other.cast::<PyRankBounds>().is_ok_and(|o| o.get().0 == self.0)))
    }
    fn __hash__(&self) -> PyResult<u64> {
        belt(move || Ok(u64::from(self.0.best) << 40 ^ u64::from(self.0.worst) << 20 ^ u64::from(self.0.estimate)))
    }
    fn __repr__(&self) -> PyResult<String> {
        belt(move || {
            Ok(format!("RankBounds(best={}, worst={}, estimate={})", self.0.best, self.0.worst, self.0.estimate))
        })
    }
}

/// Bounds on a score in percent (0–100): ``low`` ≤ ``high``, ``estimate`` (by monotone
/// interpolation on rank) and ``known`` (the score is published; then all three are equal).
#[pyclass(module = "parindex._core", name = "ScoreBounds", frozen)]
#[derive(Clone)]
pub struct PyScoreBounds(pub ScoreBounds);

#[pymethods]
impl PyScoreBounds {
    /// Percent 0–100 with ``low`` ≤ ``estimate`` ≤ ``high``, all three equal when ``known``.
    ///
    /// Raises InputError (``INVALID_ARGUMENT``) naming the argument out of range or out of
    /// order; InputTypeError for a value of the wrong type.
    #[new]
    fn new(
        low: &Bound<'_, PyAny>,
        high: &Bound<'_, PyAny>,
        estimate: &Bound<'_, PyAny>,
        known: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        belt(move || {
            let py = low.py();
            let percent = |v: &Bound<'_, PyAny>, name: &str| -> PyResult<Decimal> {
                let p = decimal_arg(v, name)?;
                if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
                    return Err(invalid_argument(py, name, &format!("{p} is outside 0–100 percent")));
                }
                Ok(p)
            };
            let (low, high, estimate) = (percent(low, "low")?, percent(high, "high")?, percent(estimate, "estimate")?);
            let known = bool_arg(known, "known")?;
            ordered(py, ["low", "estimate", "high"], low, estimate, high)?;
            if known && low != high {
                return Err(invalid_argument(py, "known", "a known score has `low` = `high` = `estimate`"));
            }
            Ok(PyScoreBounds(ScoreBounds { low, high, estimate, known }))
        })
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, (Dec, Dec, Dec, bool)>> {
        belt(move || {
            Ok({
                let b = slf.get().0;
                (slf.get_type(), (Dec(b.low), Dec(b.high), Dec(b.estimate), b.known))
            })
        })
    }
    fn __copy__(slf: PyRef<'_, Self>) -> PyResult<PyRef<'_, Self>> {
        belt(move || Ok(slf))
    }
    #[pyo3(signature = (memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, memo: &Bound<'py, PyAny>) -> PyResult<PyRef<'py, Self>> {
        belt(move || {
            Ok({
                let _ = memo;
                slf
            })
        })
    }
    /// Lowest score consistent with the data (percent).
    #[getter]
    fn low(&self) -> PyResult<Dec> {
        belt(move || Ok(Dec(self.0.low)))
    }
    /// Highest score consistent with the data (percent).
    #[getter]
    fn high(&self) -> PyResult<Dec> {
        belt(move || Ok(Dec(self.0.high)))
    }
    /// Estimated score (percent).
    #[getter]
    fn estimate(&self) -> PyResult<Dec> {
        belt(move || Ok(Dec(self.0.estimate)))
    }
    /// Whether the score is published.
    #[getter]
    fn known(&self) -> PyResult<bool> {
        belt(move || Ok(self.0.known))
    }
    /// ``{"low": …, "high": …, "estimate": …, "known": …}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        belt(move || {
            let d = PyDict::new(py);
            d.set_item("low", Dec(self.0.low))?;
            d.set_item("high", Dec(self.0.high))?;
            d.set_item("estimate", Dec(self.0.estimate))?;
            d.set_item("known", self.0.known)?;
            Ok(d)
        })
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        belt(move || Ok(other.cast::<PyScoreBounds>().is_ok_and(|o| o.get().0 == self.0)))
    }
    fn __repr__(&self) -> PyResult<String> {
        belt(move || {
            Ok({
                let b = &self.0;
                format!(
                    "ScoreBounds(low=Decimal('{}'), high=Decimal('{}'), estimate=Decimal('{}'), known={})",
                    b.low,
                    b.high,
                    b.estimate,
                    if b.known { "True" } else { "False" }
                )
            })
        })
    }
}

/// Points needed to reach a rank (percentage points of the index; for the PAR INDEX,
/// points out of 100): ``low`` if unknown competitors are as weak as the data allow,
/// ``high`` if they are as strong (enough whatever they are), ``estimate`` from
/// interpolated scores. 0 means the target is already met.
#[pyclass(module = "parindex._core", name = "PointsNeeded", frozen)]
#[derive(Clone)]
pub struct PyPointsNeeded(pub PointsNeeded);

#[pymethods]
impl PyPointsNeeded {
    /// Points ≥ 0 with ``low`` ≤ ``estimate`` ≤ ``high``.
    ///
    /// Raises InputError (``INVALID_ARGUMENT``) naming the argument negative or out of
    /// order; InputTypeError for a value of the wrong type.
    #[new]
    fn new(low: &Bound<'_, PyAny>, high: &Bound<'_, PyAny>, estimate: &Bound<'_, PyAny>) -> PyResult<Self> {
        belt(move || {
            let py = low.py();
            let points = |v: &Bound<'_, PyAny>, name: &str| -> PyResult<Decimal> {
                let p = decimal_arg(v, name)?;
                if p < Decimal::ZERO {
                    return Err(invalid_argument(py, name, &format!("{p} is negative (0 means the target is met)")));
                }
                Ok(p)
            };
            let (low, high, estimate) = (points(low, "low")?, points(high, "high")?, points(estimate, "estimate")?);
            ordered(py, ["low", "estimate", "high"], low, estimate, high)?;
            Ok(PyPointsNeeded(PointsNeeded { low, high, estimate }))
        })
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, (Dec, Dec, Dec)>> {
        belt(move || {
            Ok({
                let p = slf.get().0;
                (slf.get_type(), (Dec(p.low), Dec(p.high), Dec(p.estimate)))
            })
        })
    }
    fn __copy__(slf: PyRef<'_, Self>) -> PyResult<PyRef<'_, Self>> {
        belt(move || Ok(slf))
    }
    #[pyo3(signature = (memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, memo: &Bound<'py, PyAny>) -> PyResult<PyRef<'py, Self>> {
        belt(move || {
            Ok({
                let _ = memo;
                slf
            })
        })
    }
    /// Least points needed in the most favourable case.
    #[getter]
    fn low(&self) -> PyResult<Dec> {
        belt(move || Ok(Dec(self.0.low)))
    }
    /// Points needed in the least favourable case.
    #[getter]
    fn high(&self) -> PyResult<Dec> {
        belt(move || Ok(Dec(self.0.high)))
    }
    /// Points needed by the estimate.
    #[getter]
    fn estimate(&self) -> PyResult<Dec> {
        belt(move || Ok(Dec(self.0.estimate)))
    }
    /// ``{"low": …, "high": …, "estimate": …}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        belt(move || {
            let d = PyDict::new(py);
            d.set_item("low", Dec(self.0.low))?;
            d.set_item("high", Dec(self.0.high))?;
            d.set_item("estimate", Dec(self.0.estimate))?;
            Ok(d)
        })
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        belt(move || Ok(other.cast::<PyPointsNeeded>().is_ok_and(|o| o.get().0 == self.0)))
    }
    fn __repr__(&self) -> PyResult<String> {
        belt(move || {
            Ok({
                let p = &self.0;
                format!(
                    "PointsNeeded(low=Decimal('{}'), high=Decimal('{}'), estimate=Decimal('{}'))",
                    p.low, p.high, p.estimate
                )
            })
        })
    }
}

/// A node's points (``points``, Decimal) and where they come from (``source``: ``"given"``,
/// ``"summed"`` from its parts, or ``"implied"`` by arithmetic: parent − siblings).
#[pyclass(module = "parindex._core", name = "NodePoints", frozen)]
#[derive(Clone)]
pub struct PyNodePoints(pub NodePoints);

#[pymethods]
impl PyNodePoints {
    fn __copy__(slf: PyRef<'_, Self>) -> PyResult<PyRef<'_, Self>> {
        belt(move || Ok(slf))
    }
    #[pyo3(signature = (memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, memo: &Bound<'py, PyAny>) -> PyResult<PyRef<'py, Self>> {
        belt(move || {
            Ok({
                let _ = memo;
                slf
            })
        })
    }
    /// Points achieved.
    #[getter]
    fn points(&self) -> PyResult<Dec> {
        belt(move || Ok(Dec(self.0.points)))
    }
    /// ``"given"``, ``"summed"`` or ``"implied"``.
    #[getter]
    fn source(&self) -> PyResult<String> {
        belt(move || Ok(enum_name(&self.0.source)))
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        belt(move || Ok(other.cast::<PyNodePoints>().is_ok_and(|o| o.get().0 == self.0)))
    }
    fn __repr__(&self) -> PyResult<String> {
        belt(move || {
            Ok(format!("NodePoints(points=Decimal('{}'), source='{}')", self.0.points, enum_name(&self.0.source)))
        })
    }
}

/// An inconsistency found in data that loaded (a warning, never silently resolved):
/// ``kind`` (``"rank_order"``, ``"sum_mismatch"``, ``"source_conflict"`` …), ``message``,
/// and the ``codes``, ``provinces``, ``rows`` (spreadsheet numbering) and ``file`` involved.
#[pyclass(module = "parindex._core", name = "Problem", frozen)]
#[derive(Clone)]
pub struct PyProblem(pub Problem);

#[pymethods]
impl PyProblem {
    fn __copy__(slf: PyRef<'_, Self>) -> PyResult<PyRef<'_, Self>> {
        belt(move || Ok(slf))
    }
    #[pyo3(signature = (memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, memo: &Bound<'py, PyAny>) -> PyResult<PyRef<'py, Self>> {
        belt(move || {
            Ok({
                let _ = memo;
                slf
            })
        })
    }
    /// The kind, snake_case.
    #[getter]
    fn kind(&self) -> PyResult<&'static str> {
        belt(move || Ok(self.0.kind.as_str()))
    }
    /// A sentence a user can act on.
    #[getter]
    fn message(&self) -> PyResult<&str> {
        belt(move || Ok(self.0.message.as_str()))
    }
    /// Criterion or node codes involved.
    #[getter]
    fn codes(&self) -> PyResult<Vec<String>> {
        belt(move || Ok(self.0.codes.clone()))
    }
    /// Provinces involved.
    #[getter]
    fn provinces(&self) -> PyResult<Vec<String>> {
        belt(move || Ok(self.0.provinces.clone()))
    }
    /// Rows involved (spreadsheet numbering: header = row 1).
    #[getter]
    fn rows(&self) -> PyResult<Vec<usize>> {
        belt(move || Ok(self.0.rows.clone()))
    }
    /// The file or input label, when known.
    #[getter]
    fn file(&self) -> PyResult<Option<&str>> {
        belt(move || Ok(self.0.file.as_deref()))
    }
    /// The problem as a plain dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        belt(move || crate::convert::problem(py, &self.0))
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        belt(move || Ok(other.cast::<PyProblem>().is_ok_and(|o| o.get().0 == self.0)))
    }
    fn __str__(&self) -> PyResult<String> {
        belt(move || Ok(self.0.to_string()))
    }
    fn __repr__(&self) -> PyResult<String> {
        belt(move || Ok(format!("Problem(kind='{}', message={:?})", self.0.kind.as_str(), self.0.message)))
    }
}

/// Wrap core problems.
pub fn problems(list: &[Problem]) -> Vec<PyProblem> {
    list.iter().cloned().map(PyProblem).collect()
}
