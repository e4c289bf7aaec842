//! The fitted next-year model, the whole-table forecast and the backtest: the core's serde
//! shapes in camelCase (`rankP05`, `pTarget`, `coverage90`, ...).

use crate::api::LeagueTable;
use crate::bridge::{js, out, read};
use crate::convert::{self, Fields, Js};
use parindex::simulate::{ForecastOptions, NextYearModel};
use parindex::Error;
use wasm_bindgen::prelude::*;

/// The overrides of the fitted model, camelCase in JS.
const MODEL_KEYS: &[&str] =
    &["shockMean", "shockSd", "catchUp", "spread", "tailWeight", "tailScale", "methodologyFactor", "ownSd"];

fn number(v: &Js, path: &str) -> Result<Option<f64>, Error> {
    match v {
        Js::Undefined | Js::Null => Ok(None),
        Js::Num(x) if x.is_finite() => Ok(Some(*x)),
        other => Err(Error::invalid_argument(path, format!("expected a number, got {}", other.type_name()))),
    }
}

pub(crate) fn model_of(v: &Js, name: &str) -> Result<NextYearModel, Error> {
    if let Js::Str(s) = v {
        return match s.as_str() {
            "fitted" => Ok(NextYearModel::default()),
            other => Err(Error::invalid_argument(name, format!("`{other}`: give `fitted` or an object of overrides"))),
        };
    }
    let f = Fields::new(v, name, MODEL_KEYS, true)?;
    let g = |k: &str| number(f.get(k), &f.path(k));
    Ok(NextYearModel {
        shock_mean: g("shockMean")?,
        shock_sd: g("shockSd")?,
        catch_up: g("catchUp")?,
        spread: g("spread")?,
        tail_weight: g("tailWeight")?,
        tail_scale: g("tailScale")?,
        methodology_factor: g("methodologyFactor")?,
        own_sd: g("ownSd")?,
    })
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
        let options = read(&options);
        let (opts, mc) = js(forecast_options(&options, self.inner.of()))?;
        let f = if mc {
            js(parindex::simulate::forecast_monte_carlo(&self.inner, &opts))?
        } else {
            js(parindex::simulate::forecast(&self.inner, &opts))?
        };
        out(&f.rows)
    }

    /// One province's plans under the fitted next-year model, exactly (a mixture over the
    /// common shock of Poisson-binomials), or by the seeded Monte Carlo of the same model
    /// when `scenarios` is given (same seed, same numbers as in Rust and Python). Options:
    /// `province`, `gain` or `gains` (percentage points of the index), `targetRank`
    /// (default 30), `scenarios`, `seed` (default 0), `model` (`"fitted"` or overrides).
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
        let o = js(chances_options(&read(&options), self.inner.of()))?;
        let c = match o.scenarios {
            None => js(parindex::simulate::chances(&self.inner, &o.province, &o.gains, o.target_rank, &o.model))?,
            Some(n) => js(parindex::simulate::chances_monte_carlo(
                &self.inner,
                &o.province,
                &o.gains,
                o.target_rank,
                &o.model,
                n,
                o.seed,
            ))?,
        };
        out(&c)
    }
}

/// The options of `chances`.
fn chances_options(v: &Js, of: u32) -> Result<ChancesOptions, Error> {
    let f =
        Fields::new(v, "options", &["province", "gain", "gains", "targetRank", "scenarios", "seed", "model"], false)?;
    let province = convert::string(f.get("province"), &f.path("province"))?;
    let gains = match (f.get("gain"), f.get("gains")) {
        (g, gs) if !g.is_absent() && gs.is_absent() => vec![convert::decimal(g, &f.path("gain"))?],
        (g, gs) if g.is_absent() && !gs.is_absent() => convert::array(gs, &f.path("gains"))?
            .iter()
            .enumerate()
            .map(|(i, x)| convert::decimal(x, &format!("{}[{i}]", f.path("gains"))))
            .collect::<Result<Vec<_>, Error>>()?,
        _ => return Err(Error::invalid_argument(f.path("gain"), "give either `gain` or `gains` (not both)")),
    };
    let target_rank = convert::opt_rank(f.get("targetRank"), &f.path("targetRank"), of)?.unwrap_or(30);
    let scenarios = convert::opt_int(f.get("scenarios"), &f.path("scenarios"), 1, 100_000_000)?;
    let seed = convert::seed(f.get("seed"), &f.path("seed"))?.unwrap_or(0);
    let model = model_of(f.get("model"), &f.path("model"))?;
    Ok(ChancesOptions {
        province,
        gains,
        target_rank,
        scenarios: scenarios.and_then(|s| u64::try_from(s).ok()),
        seed,
        model,
    })
}

struct ChancesOptions {
    province: String,
    gains: Vec<parindex::Decimal>,
    target_rank: u32,
    scenarios: Option<u64>,
    seed: u64,
    model: NextYearModel,
}

fn forecast_options(v: &Js, of: u32) -> Result<(ForecastOptions, bool), Error> {
    let f = Fields::new(v, "options", &["targetRank", "scenarios", "seed", "model"], true)?;
    let target_rank = convert::opt_rank(f.get("targetRank"), &f.path("targetRank"), of)?.unwrap_or(30);
    let scenarios = convert::opt_int(f.get("scenarios"), &f.path("scenarios"), 1, 100_000_000)?;
    let seed = convert::seed(f.get("seed"), &f.path("seed"))?.unwrap_or(0);
    let model = model_of(f.get("model"), &f.path("model"))?;
    let options = ForecastOptions {
        target_rank,
        scenarios: scenarios.and_then(|s| u64::try_from(s).ok()).unwrap_or(0),
        seed,
        model,
    };
    Ok((options, scenarios.is_some()))
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
    let model = js(model_of(&read(&model), "model"))?;
    out(&js(parindex::simulate::backtest(&index, year, next_year, &model))?)
}
