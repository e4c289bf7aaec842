//! `parindex._core`: the native module under the `parindex` Python package.
//!
//! Thin bindings over the Rust core: [`convert`] converts values (the one conversion
//! module), [`errors`] maps failures (the one error-mapping point, with the panic guard);
//! the classes live in [`table`], [`framework`], [`scorecard`], [`simulate`], [`sipas`]
//! and [`values`]. No scoring logic here: every rule is the core's.

mod agency;
mod convert;
mod errors;
mod framework;
mod nextyear;
mod scorecard;
mod simulate;
mod sipas;
mod table;
mod values;

use pyo3::prelude::*;

/// Raise a Rust panic inside the error guard (for the test that no panic reaches Python
/// as `PanicException`). Not part of the API.
#[pyfunction]
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    errors::guard(py, || -> parindex::Result<()> {
        #[allow(clippy::panic)]
        {
            panic!("deliberate panic for the test of the error guard")
        }
    })
}

/// Make the next core call of this module panic on entry, inside its guard (for the test
/// that no panic reaches Python). Not part of the API.
#[pyfunction]
#[pyo3(signature = (armed=true))]
fn _arm_panic_for_test(armed: bool) {
    errors::arm_panic_for_test(armed);
}

/// Native core of parindex (Rust). Use the `parindex` package, which re-exports it.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::install_panic_hook();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    table::register(m)?;
    agency::register(m)?;
    framework::register(m)?;
    scorecard::register(m)?;
    simulate::register(m)?;
    nextyear::register(m)?;
    sipas::register(m)?;
    m.add_class::<values::PyRankBounds>()?;
    m.add_class::<values::PyScoreBounds>()?;
    m.add_class::<values::PyPointsNeeded>()?;
    m.add_class::<values::PyNodePoints>()?;
    m.add_class::<values::PyProblem>()?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(_arm_panic_for_test, m)?)?;
    Ok(())
}
