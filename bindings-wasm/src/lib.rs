//! # parindex-wasm
//!
//! WebAssembly bindings of [`parindex`] for browsers and Node.js: the PAR INDEX (Chỉ số cải
//! cách hành chính) and SIPAS of Vietnam's provinces — published tables, frameworks,
//! scorecards, what-if, rank gains, plans and the seeded Monte Carlo — in JS conventions
//! (camelCase, plain objects, exact decimals as strings, errors thrown as `ParIndexError`).
//!
//! Layout: [`convert`] is the one conversion module and [`error`] the one error mapping;
//! both build natively and are tested by `cargo test --workspace`. The exports (`api`) and
//! the `JsValue` bridge (`bridge`) exist only in the wasm32 build.

pub mod convert;
pub mod error;

#[cfg(target_family = "wasm")]
mod api;
#[cfg(target_family = "wasm")]
mod bridge;
