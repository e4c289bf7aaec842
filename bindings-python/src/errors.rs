//! The one place where failures become Python exceptions.
//!
//! Core errors map by [`parindex::Error::family`] to the classes of `parindex.exceptions`
//! (`FrameworkError`, `DataError`, `InputError`; `FileReadError` for unreadable files),
//! carrying the stable code ([`parindex::Error::kind`]) and the location (file, row,
//! column, code). Every call into the core runs under [`guard`] or [`guard_detached`],
//! which also catch a panic (the core never panics by its own rules; this is the belt) and
//! raise `ParIndexError` with kind `INTERNAL` instead of pyo3's `PanicException`.

use parindex::Error;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Run a core call, mapping its error and catching a panic.
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> parindex::Result<T>) -> PyResult<T> {
    settle(py, catch_unwind(AssertUnwindSafe(f)))
}

/// [`guard`] with the interpreter released (long computations: Monte Carlo, planner).
pub fn guard_detached<T: Send>(py: Python<'_>, f: impl FnOnce() -> parindex::Result<T> + Send) -> PyResult<T> {
    let outcome = py.detach(|| catch_unwind(AssertUnwindSafe(f)).map_err(|p| panic_text(p.as_ref())));
    match outcome {
        Ok(result) => result.map_err(|e| core_error(py, &e)),
        Err(text) => Err(internal(py, &text)),
    }
}

fn settle<T>(py: Python<'_>, outcome: std::thread::Result<parindex::Result<T>>) -> PyResult<T> {
    match outcome {
        Ok(result) => result.map_err(|e| core_error(py, &e)),
        Err(payload) => Err(internal(py, &panic_text(payload.as_ref()))),
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// A core error as the matching `parindex.exceptions` class.
pub fn core_error(py: Python<'_>, e: &Error) -> PyErr {
    let class = match e {
        Error::Io { .. } => "FileReadError",
        _ => match e.family() {
            "framework" => "FrameworkError",
            "input" => "InputError",
            _ => "DataError",
        },
    };
    let at = e.location().cloned().unwrap_or_default();
    let file = match e {
        Error::Io { path, .. } => Some(path.clone()),
        _ => at.file,
    };
    let argument = match e {
        Error::InvalidArgument { name, .. } => Some(name.clone()),
        _ => None,
    };
    let fields =
        Fields { kind: e.kind(), family: e.family(), file, row: at.row, column: at.column, code: at.code, argument };
    raise(py, class, &e.to_string(), fields)
}

/// An argument outside its domain, found while converting it (`InputError`, kind
/// `INVALID_ARGUMENT`), worded as the core words its own.
pub fn invalid_argument(py: Python<'_>, name: &str, message: &str) -> PyErr {
    core_error(py, &Error::invalid_argument(name, message))
}

/// An argument of the wrong type (`InputTypeError`: both `InputError` and `TypeError`).
pub fn wrong_type(py: Python<'_>, name: &str, message: &str) -> PyErr {
    let fields =
        Fields { kind: "INVALID_ARGUMENT", family: "input", argument: Some(name.to_string()), ..Fields::default() };
    raise(py, "InputTypeError", &format!("invalid `{name}`: {message}"), fields)
}

fn internal(py: Python<'_>, text: &str) -> PyErr {
    let fields = Fields { kind: "INTERNAL", family: "internal", ..Fields::default() };
    let message = format!("internal error in parindex (please report it): {text}");
    raise(py, "ParIndexError", &message, fields)
}

#[derive(Default)]
struct Fields {
    kind: &'static str,
    family: &'static str,
    file: Option<String>,
    row: Option<usize>,
    column: Option<String>,
    code: Option<String>,
    argument: Option<String>,
}

/// Build `parindex.exceptions.<class>(message, kind=…, …)`; without the Python package
/// (the native module imported alone) fall back to ValueError / TypeError.
fn raise(py: Python<'_>, class: &str, message: &str, f: Fields) -> PyErr {
    let built = (|| -> PyResult<PyErr> {
        let cls = py.import("parindex.exceptions")?.getattr(class)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("kind", f.kind)?;
        kwargs.set_item("family", f.family)?;
        kwargs.set_item("file", f.file.as_deref())?;
        kwargs.set_item("row", f.row)?;
        kwargs.set_item("column", f.column.as_deref())?;
        kwargs.set_item("code", f.code.as_deref())?;
        kwargs.set_item("argument", f.argument.as_deref())?;
        let value = cls.call((message,), Some(&kwargs))?;
        Ok(PyErr::from_value(value))
    })();
    built.unwrap_or_else(|_| {
        if class == "InputTypeError" {
            PyTypeError::new_err(message.to_string())
        } else {
            PyValueError::new_err(message.to_string())
        }
    })
}
