//! Rank simulation: what a province must gain, where, and how sure it can be.
//!
//! - [`what_if`]: scenarios of changes to a scorecard → points, index, rank, band.
//! - [`rank_gain`]: for every node, the points lost and the ranks they would buy.
//! - [`plan`]: the least-effort plan to a target rank, exact, respecting leaf steps.
//! - [`simulate`]: Monte Carlo of next year, when every province moves; [`exact`]: the
//!   same model solved without sampling (the check of the Monte Carlo). Both default to
//!   the fitted next-year model ([`ChangeModel::Fitted`], [`fit`]); the independent
//!   `empirical`, `normal` and `sample` models stay selectable.

mod changes;
mod exact;
mod montecarlo;

pub use changes::{comparable_pairs, empirical_changes, ChangeModel, ModelInfo};
pub use exact::{exact, ExactOutcome, ExactPlan};
pub use montecarlo::{
    competitor_ranges, draws_only, simulate, MonteCarlo, PlanOutcome, Simulation, CHUNK, MAX_SCENARIOS,
};

mod gain;
mod planner;
mod whatif;

pub(crate) use gain::recovery;
pub use gain::{rank_gain, GainRow, GainTable};
pub use planner::{least_cost, plan, Basis, Gains, NodeCost, Plan, PlanOption, PlanStep};
pub use whatif::{what_if, Change, NodeChange, Scenario, WhatIf};

mod context;
mod nextyear;

pub use context::{national_facts, national_problems, regional_averages, NationalFacts, RegionalAverage};
pub use nextyear::{fit, starts, BoundsEffect, Evidence, FittedModel, NextYearModel, Parameter, Start, Starts};

mod forecast;
mod sampler;

pub use forecast::{
    forecast, forecast_monte_carlo, forecast_monte_carlo_with, forecast_with, Forecast, ForecastOptions, ForecastRow,
    NODES,
};

mod backtest;

pub use backtest::{backtest, rps, summarise, wilson, Backtest, BacktestRow, BacktestSummary};

mod chances;

pub use chances::{chances, chances_monte_carlo, ChancePlan, Chances, SHOCK_NODES};

mod requests;

pub use requests::{ChancesRequest, FittedOverrides, ForecastRequest};
