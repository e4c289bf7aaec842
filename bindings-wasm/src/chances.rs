//! One province's plan next year under the fitted next-year model, from JS: the core's
//! `simulate::chances` (exact) and `chances_monte_carlo` (seeded check) in camelCase.

use crate::api::LeagueTable;
use crate::bridge::{js, out, read};
use crate::convert::{self, Fields, Js};
use crate::nextyear::model_of;
use parindex::{Decimal, Error};
use wasm_bindgen::prelude::*;

struct Options {
    province: String,
    gains: Vec<Decimal>,
    target_rank: u32,
    scenarios: Option<u64>,
    seed: u64,
    model: parindex::simulate::NextYearModel,
}

fn chances_options(v: &Js, of: u32) -> Result<Options, Error> {
    let o =
        Fields::new(v, "options", &["province", "gain", "gains", "targetRank", "scenarios", "seed", "model"], false)?;
    let province = convert::string(o.get("province"), &o.path("province"))?;
    let gains = match (o.get("gain"), o.get("gains")) {
        (g, gs) if !g.is_absent() && gs.is_absent() => vec![convert::decimal(g, &o.path("gain"))?],
        (g, gs) if g.is_absent() && !gs.is_absent() => convert::array(gs, &o.path("gains"))?
            .iter()
            .enumerate()
            .map(|(i, x)| convert::decimal(x, &format!("{}[{i}]", o.path("gains"))))
            .collect::<Result<Vec<Decimal>, Error>>()?,
        _ => return Err(Error::invalid_argument(o.path("gain"), "give either `gain` or `gains` (not both)")),
    };
    let target_rank = convert::opt_rank(o.get("targetRank"), &o.path("targetRank"), of)?.unwrap_or(30);
    let max_scenarios = i64::try_from(parindex::simulate::MAX_SCENARIOS).unwrap_or(i64::MAX);
    let scenarios =
        convert::opt_int(o.get("scenarios"), &o.path("scenarios"), 1, max_scenarios)?.map(i64::unsigned_abs);
    let seed = convert::seed(o.get("seed"), &o.path("seed"))?.unwrap_or(0);
    let model = model_of(o.get("model"), &o.path("model"))?;
    Ok(Options { province, gains, target_rank, scenarios, seed, model })
}

#[wasm_bindgen]
impl LeagueTable {
    /// A province's chances next year under the fitted next-year model (common shock,
    /// catch-up, fitted spread), its own planned gain added to its score: `{ province,
    /// targetRank, method ("exact" | "monte_carlo"), plans: [{ gain, pTarget (P(rank ≤
    /// targetRank), 0–1), rankP05, rankP50, rankP95, rankProbabilities }], gainForP50,
    /// gainForP80 (percentage points as decimal strings; null: not reachable), model }`.
    /// Exact (a mixture of Poisson-binomials over the common shock) without `scenarios`;
    /// the seeded Monte Carlo of the same model with it (`gainFor*` then null).
    ///
    /// @param options - `{ province, gain | gains (percentage points), targetRank? (30),
    ///   scenarios?, seed? (0), model?: "fitted" | overrides }`.
    /// @throws ParIndexError `INVALID_ARGUMENT` (no gain, a gain beyond ±100, targetRank
    ///   outside 1..=of, scenarios outside 1..=10⁸, an override out of range),
    ///   `UNKNOWN_PROVINCE`, `UNSUPPORTED`.
    #[wasm_bindgen(unchecked_return_type = "ChancesResult")]
    pub fn chances(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChancesOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let o = js(chances_options(&read(&options), self.inner.of()))?;
        let result = match o.scenarios {
            Some(n) => js(parindex::simulate::chances_monte_carlo(
                &self.inner,
                &o.province,
                &o.gains,
                o.target_rank,
                &o.model,
                n,
                o.seed,
            ))?,
            None => js(parindex::simulate::chances(&self.inner, &o.province, &o.gains, o.target_rank, &o.model))?,
        };
        out(&result)
    }
}
