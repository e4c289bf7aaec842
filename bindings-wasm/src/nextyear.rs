//! The fitted next-year model, the whole-table forecast and the backtest: the core's serde
//! shapes in camelCase (`rankP05`, `pTarget`, `coverage90`, ...).

use crate::api::LeagueTable;
use crate::bridge::{js, js_as, out, read};
use crate::convert::{self, Js};
use crate::reader::input;
use parindex::simulate::{ChancesRequest, FittedOverrides, ForecastRequest, NextYearModel};
use wasm_bindgen::prelude::*;

/// `undefined`/`null` as an empty options object (every default).
fn or_empty(v: Js) -> Js {
    match v {
        Js::Undefined | Js::Null => Js::Obj(Vec::new()),
        other => other,
    }
}

/// The core's argument names in the next-year calls' errors, as the options name them
/// (`options.targetRank`, `options.model.catchUp`); `model` and `nextYear` are the
/// backtest's arguments.
fn names(model: &str, gains: &str) -> Vec<(&'static str, String)> {
    let mut names = vec![
        ("target_rank", "options.targetRank".to_string()),
        ("scenarios", "options.scenarios".to_string()),
        ("gains", gains.to_string()),
        ("province", "options.province".to_string()),
        ("next_year", "nextYear".to_string()),
    ];
    for &key in NextYearModel::KEYS {
        names.push((key, format!("{model}.{}", convert::camel(key))));
    }
    names
}

#[wasm_bindgen]
impl LeagueTable {
    /// The whole table next year under the fitted next-year model: one plain object per
    /// province (`province`, `rankNow`, `scoreNow`, `rankP05` … `rankP95`, `pTarget` =
    /// P(rank ≤ targetRank), `expectedScore`, `scoreP05`, `scoreP95` in percent,
    /// `published` (false: no published data, any of the free ranks), `rankProbabilities`).
    /// Options: `targetRank` (default 30); `scenarios` and `seed` for the seeded Monte Carlo
    /// of the same model (same seed, same numbers as in Rust and Python; exact without
    /// `scenarios`); `model`: `"fitted"` or overrides (`spread`, `catchUp`, …).
    ///
    /// @throws ParIndexError `INVALID_ARGUMENT` (target outside 1..=of, scenarios outside
    ///   1..=10⁸, an unknown option or override out of range), `UNSUPPORTED`.
    #[wasm_bindgen(unchecked_return_type = "ForecastRow[]")]
    pub fn forecast(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ForecastOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request: ForecastRequest = js(input(&or_empty(read(&options)), "options"))?;
        out(&js_as(request.run(&self.inner), &names("options.model", "options.gains"))?.rows)
    }

    /// One province's plans under the fitted next-year model, exactly (a mixture over the
    /// common shock of Poisson-binomials), or by the seeded Monte Carlo of the same model
    /// when `scenarios` is given (same seed, same numbers as in Rust and Python). Options:
    /// `province`, `gain` or `gains` (percentage points of the index), `targetRank`
    /// (default 30), `scenarios`, `seed` (default 7), `model` (`"fitted"` or overrides).
    /// Returns `{ province, targetRank, method: "exact" | "monte_carlo", plans: [{ gain,
    /// pTarget, rankP05, rankP50, rankP95, rankProbabilities }], gainForP50, gainForP80,
    /// model }` (gains as decimal strings; `gainForP50`/`gainForP80` null when not
    /// reachable, and always null from the Monte Carlo).
    ///
    /// @throws ParIndexError `INVALID_ARGUMENT` (target outside 1..=of, a gain beyond ±100,
    ///   scenarios outside 1..=10⁸, an unknown option or override out of range),
    ///   `UNKNOWN_PROVINCE`, `UNSUPPORTED`.
    #[wasm_bindgen(unchecked_return_type = "Chances")]
    pub fn chances(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChancesOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = read(&options);
        let request: ChancesRequest = js(input(&options, "options"))?;
        let gains = if options.get("gains").is_absent() { "options.gain" } else { "options.gains" };
        out(&js_as(request.run(&self.inner), &names("options.model", gains))?)
    }
}

/// The fitted next-year model of `table` (as Python's `fit`): every parameter with its value
/// and source, the evidence, what each published fact did to the bounds, warnings,
/// problems and every competitor's start (points, percent 0–100). `model`: `"fitted"`
/// (default) or overrides (`{ spread: 1.5 }`).
///
/// @throws ParIndexError `INVALID_ARGUMENT` (an override out of range or unknown),
///   `UNSUPPORTED` (a table not of the 63 provinces).
#[wasm_bindgen(unchecked_return_type = "FittedModel")]
pub fn fit(
    table: &LeagueTable,
    #[wasm_bindgen(unchecked_optional_param_type = "FittedModelInput")] model: JsValue,
) -> Result<JsValue, JsValue> {
    let model: FittedOverrides = js(input(&read(&model), "model"))?;
    out(&js_as(parindex::simulate::fit(&table.inner, &model.0), &names("model", "gains"))?)
}

/// Backtest of the fitted model: fit on published data up to `year`, forecast `nextYear`
/// (= year + 1), score against its published ranks. Returns `{ index, year, nextYear,
/// summary: { n, coverage50, coverage90, rps, baselineCoverage90, baselineRps, … }, rows,
/// model, baseline }`.
///
/// @throws ParIndexError `INVALID_ARGUMENT` (nextYear not year + 1), `NOT_FOUND`.
#[wasm_bindgen(unchecked_return_type = "BacktestResult")]
pub fn backtest(
    #[wasm_bindgen(unchecked_param_type = "IndexName")] index: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    #[wasm_bindgen(js_name = nextYear, unchecked_param_type = "number")] next_year: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FittedModelInput")] model: JsValue,
) -> Result<JsValue, JsValue> {
    let index = js(convert::index_kind(&read(&index), "index"))?;
    let year = js(convert::year(&read(&year), "year"))?;
    let next_year = js(convert::year(&read(&next_year), "nextYear"))?;
    let model: FittedOverrides = js(input(&read(&model), "model"))?;
    out(&js_as(parindex::simulate::backtest(&index, year, next_year, &model.0), &names("model", "gains"))?)
}
