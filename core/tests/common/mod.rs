//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use parindex::Decimal;
use std::path::PathBuf;

/// A decimal from text (test inputs are literals).
pub fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Path of a file under the workspace's testdata/.
pub fn testdata(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata").join(rel)
}
