//! # parindex-wasm
//!
//! WebAssembly bindings of [`parindex`] for browsers and Node.js: the PAR INDEX (Chỉ số cải
//! cách hành chính) and SIPAS of Vietnam's provinces — published tables, frameworks,
//! scorecards, what-if, rank gains, plans, the seeded Monte Carlo and its exact solution, the
//! least-cost planner, and SIPAS from survey answers with the bootstrap — in JS conventions
//! (camelCase, plain objects, exact decimals as strings, errors thrown as `ParIndexError`).
//!
//! Layout: [`convert`] is the one conversion module and [`error`] the one error mapping;
//! both build natively and are tested by `cargo test --workspace`. The exports (`api`) and
//! the `JsValue` bridge (`bridge`) exist only in the wasm32 build; the SIPAS exports are in
//! their own module (`sipas`).

pub mod convert;
pub mod error;
pub mod reader;

#[cfg(target_family = "wasm")]
mod agency;
#[cfg(target_family = "wasm")]
mod api;
#[cfg(target_family = "wasm")]
mod bridge;
#[cfg(target_family = "wasm")]
mod nextyear;
#[cfg(target_family = "wasm")]
mod shapes;
#[cfg(target_family = "wasm")]
mod sipas;
