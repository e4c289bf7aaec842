//! Collect, don't stop: the one switch between a loader that stops at the first problem of
//! a file and its `validate_*` twin that lists them all, over the same row loop.
//!
//! A loader runs its rows with a [`Collector`]: in the fail-fast mode every problem is
//! returned at once (so the loaders' errors are exactly what they were); in the collect
//! mode it is kept and the loop goes on with the next row. Problems that make the rest
//! meaningless (no header, a missing required column, an input too large, an encoding)
//! are still returned, ending the listing with them.

use crate::error::{Error, Location, Result};

/// The most problems a validation lists; past it the listing ends with one more
/// [`Error::Malformed`] saying so (a file of bad rows should not need memory for millions).
pub(crate) const MAX_PROBLEMS: usize = 10_000;

/// Where a loader puts the problems of its rows.
#[derive(Debug)]
pub(crate) struct Collector {
    all: bool,
    errors: Vec<Error>,
    at: Location,
}

impl Collector {
    /// Fail-fast: the first problem is the loader's error.
    pub(crate) fn first() -> Collector {
        Collector { all: false, errors: Vec::new(), at: Location::default() }
    }

    /// Collect every problem of the input named by `at` (its file).
    pub(crate) fn all(at: Location) -> Collector {
        Collector { all: true, errors: Vec::new(), at }
    }

    /// A problem of one row (or cell): the error itself when failing fast; kept otherwise,
    /// so that the caller skips the row and goes on. An error still when it ends the input
    /// (too large, an encoding, a read failure) or past [`MAX_PROBLEMS`].
    pub(crate) fn push(&mut self, e: Error) -> Result<()> {
        if !self.all || matches!(e, Error::InputTooLarge { .. } | Error::Encoding { .. } | Error::Io { .. }) {
            return Err(e);
        }
        self.errors.push(e);
        if self.errors.len() >= MAX_PROBLEMS {
            return Err(Error::malformed(
                self.at.clone(),
                format!("{MAX_PROBLEMS} problems listed; the rest of the input is not checked"),
            ));
        }
        Ok(())
    }

    /// A step of a row: `Some` value, or `None` when its problem was kept (skip the row).
    pub(crate) fn check<T>(&mut self, step: Result<T>) -> Result<Option<T>> {
        match step {
            Ok(v) => Ok(Some(v)),
            Err(e) => self.push(e).map(|()| None),
        }
    }

    /// An empty collector in the same mode, for a stage whose problems are completed (a
    /// row filled in) before they join these through [`Collector::absorb`].
    pub(crate) fn fresh(&self) -> Collector {
        Collector { all: self.all, errors: Vec::new(), at: self.at.clone() }
    }

    /// Take in the problems `other` kept, each completed by `complete`.
    pub(crate) fn absorb(&mut self, other: Collector, complete: impl Fn(Error) -> Error) -> Result<()> {
        for e in other.errors {
            self.push(complete(e))?;
        }
        Ok(())
    }

    /// Whether no problem has been kept.
    pub(crate) fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// The problems kept, and the error that ended the run, if any, in row order (those
    /// without a row last): what a `validate_*` function returns (empty exactly when the
    /// loader succeeds).
    pub(crate) fn into_errors<T>(self, end: Result<T>) -> Vec<Error> {
        let mut errors = self.errors;
        if let Err(e) = end {
            errors.push(e);
        }
        // Checks that need the whole input (duplicates, units) come after the rows' own.
        errors.sort_by_key(|e| e.location().and_then(|at| at.row).unwrap_or(usize::MAX));
        errors
    }
}
