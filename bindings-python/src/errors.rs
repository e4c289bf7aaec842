//! The one place where failures become Python exceptions.
//!
//! Core errors map by [`parindex::Error::family`] to the classes of `parindex.exceptions`
//! (`FrameworkError`, `DataError`, `InputError`; `FileReadError` for unreadable files),
//! carrying the stable code ([`parindex::Error::kind`]) and the location (file, row,
//! column, code).
//!
//! The panic guard: every call into the core runs under [`guard`] or [`guard_detached`].
//! A panic there (the core never panics by its own rules; this is the guard) becomes
//! `ParIndexError` with kind `INTERNAL`, never pyo3's `PanicException`. While a guard is
//! fastened the panic hook stays quiet: a caught panic prints no backtrace; its message
//! and place are in the exception instead.

use parindex::Error;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

/// Guards fastened now, on any thread (rayon workers of a guarded call panic on their own
/// threads: the hook must stay quiet for them too).
static FASTENED: AtomicUsize = AtomicUsize::new(0);
/// Where the last quiet panic happened, for the exception's message.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);
/// Set by `_core._arm_panic_for_test`: the next [`guard`] panics on entry.
static ARMED: AtomicBool = AtomicBool::new(false);

/// Install the panic hook once (at module import): quiet while a guard is fastened, the
/// previous hook (Rust's default: message and, with `RUST_BACKTRACE`, a backtrace)
/// otherwise.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if FASTENED.load(Ordering::SeqCst) > 0 {
                let place = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
                if let Ok(mut last) = LAST_PANIC.lock() {
                    *last = place;
                }
            } else {
                previous(info);
            }
        }));
    });
}

/// Make the next core call under a guard panic (the test that every core call is guarded
/// arms it before each call).
pub fn arm_panic_for_test(armed: bool) {
    ARMED.store(armed, Ordering::SeqCst);
}

/// Run `f` with a guard fastened: `Err(text)` if it panicked.
fn fastened<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    FASTENED.fetch_add(1, Ordering::SeqCst);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if ARMED.swap(false, Ordering::SeqCst) {
            #[allow(clippy::panic)]
            {
                panic!("deliberate panic for the test of the panic guard")
            }
        }
        f()
    }));
    FASTENED.fetch_sub(1, Ordering::SeqCst);
    outcome.map_err(|payload| {
        let place = LAST_PANIC.lock().ok().and_then(|mut last| last.take());
        let text = panic_text(payload.as_ref());
        match place {
            Some(place) => format!("{text} (at {place})"),
            None => text,
        }
    })
}

/// Run a core call, mapping its error and catching a panic.
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> parindex::Result<T>) -> PyResult<T> {
    match fastened(f) {
        Ok(result) => result.map_err(|e| core_error(py, &e)),
        Err(text) => Err(internal(py, &text)),
    }
}

/// [`guard`] with the interpreter released (long computations: Monte Carlo, planner).
pub fn guard_detached<T: Send>(py: Python<'_>, f: impl FnOnce() -> parindex::Result<T> + Send) -> PyResult<T> {
    match py.detach(|| fastened(f)) {
        Ok(result) => result.map_err(|e| core_error(py, &e)),
        Err(text) => Err(internal(py, &text)),
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
    let fields = Fields {
        kind: e.kind(),
        family: e.family(),
        file,
        row: at.row,
        column: at.column,
        code: e.subject_code(),
        argument,
        sheet: at.sheet,
        cell: at.cell,
        details: e.details(),
    };
    let err = raise(py, class, &e.to_string(), fields);
    // Several problems of one input: each as its own exception, in `.errors`.
    if let Error::Invalid { errors, .. } = e {
        let each: Vec<Py<PyAny>> = errors.iter().map(|x| core_error(py, x).into_value(py).into_any()).collect();
        let _ = err.value(py).setattr("errors", each);
    }
    err
}

/// `e` with `file` set when it is a `NOT_FOUND` naming no file: the core words "no rows in
/// `x.csv` for year 2023" without a location, and the loader that called it knows the file.
pub fn in_file(py: Python<'_>, e: PyErr, file: &str) -> PyErr {
    let value = e.value(py);
    let not_found = value.getattr("kind").and_then(|k| k.extract::<String>()).is_ok_and(|k| k == "NOT_FOUND");
    if not_found && value.getattr("file").is_ok_and(|f| f.is_none()) {
        // The attribute of our own exception class: setting it cannot fail.
        let _ = value.setattr("file", file);
    }
    e
}

/// A core argument that the Python signature spells otherwise: (the core's name, the
/// Python argument, the key inside that argument to name in the message).
pub type Rename = (&'static str, &'static str, Option<&'static str>);

/// The arguments of `simulate` and `exact`: the core's `MonteCarlo::gains` is the
/// argument `gain`; the change model's fields are keys of the argument `model`.
pub const MONTE_CARLO_NAMES: &[Rename] = &[
    ("gains", "gain", None),
    ("sd", "model", Some("sd")),
    ("mean", "model", Some("mean")),
    ("changes", "model", Some("values")),
];

/// The core's names in the next-year calls' errors: an override of the fitted model
/// (`NextYearModel::KEYS`) is a key of `model`.
pub fn next_year_names() -> Vec<Rename> {
    parindex::simulate::NextYearModel::KEYS.iter().map(|&k| (k, "model", Some(k))).collect()
}

/// Name a core argument error after the Python argument (see [`Rename`]).
pub fn python_names<T>(result: parindex::Result<T>, renames: &[Rename]) -> parindex::Result<T> {
    result.map_err(|e| match e {
        Error::InvalidArgument { name, message } => match renames.iter().find(|(core, _, _)| *core == name) {
            Some((_, python, Some(key))) => {
                Error::InvalidArgument { name: (*python).to_string(), message: format!("`{key}`: {message}") }
            }
            Some((_, python, None)) => Error::InvalidArgument { name: (*python).to_string(), message },
            None => Error::InvalidArgument { name, message },
        },
        other => other,
    })
}

/// An argument outside its domain, found while converting it (`InputError`, kind
/// `INVALID_ARGUMENT`), worded as the core words its own.
pub fn invalid_argument(py: Python<'_>, name: &str, message: &str) -> PyErr {
    core_error(py, &Error::invalid_argument(name, message))
}

/// An argument of the wrong type (`InputTypeError`: both `InputError` and `TypeError`).
pub fn wrong_type(py: Python<'_>, name: &str, message: &str) -> PyErr {
    let e = Error::invalid_argument(name, message);
    let fields = Fields {
        kind: "INVALID_ARGUMENT",
        family: "input",
        argument: Some(name.to_string()),
        details: e.details(),
        ..Fields::default()
    };
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
    sheet: Option<String>,
    cell: Option<String>,
    /// The core's values of the error (`Error::details`), a dict in Python.
    details: serde_json::Map<String, serde_json::Value>,
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
        kwargs.set_item("details", pythonize::pythonize(py, &f.details)?)?;
        // Workbooks only: omitted otherwise, so that the exceptions' fields stay as they were.
        if f.sheet.is_some() || f.cell.is_some() {
            kwargs.set_item("sheet", f.sheet.as_deref())?;
            kwargs.set_item("cell", f.cell.as_deref())?;
        }
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
