//! A seeded generator of **synthetic** survey answers, for tests and benchmarks only.
//!
//! Nothing here describes a real survey: units are named `Synthetic unit NN`, respondents
//! `syn-uNN-rNNNN`, and the survey's label says `synthetic`. The model is simple and
//! documented so that tests can reason about it:
//!
//! - each unit has a satisfaction level `p_u` drawn uniformly in 0.650–0.900;
//! - each item has an offset in −0.060…0.060 (the same in every unit), each respondent one
//!   in −0.120…0.120; `p = p_u + item + respondent`, clamped to 0.020–0.980;
//! - a respondent skips an item with probability `missing_per_mille / 1000`, answers
//!   "don't know" with probability `dont_know_per_mille / 1000`, and otherwise answers
//!   `1 + Binomial(4, p)` on the 1–5 scale (so p = 0.8 gives about 82% answering 4–5);
//! - with `weighted`, each respondent gets a design weight uniform in 0.500–2.000 (3 decimals).
//!
//! Determinism: only integer draws on `u32` ranges from xoshiro256++ generators seeded from
//! (seed, unit number) and (seed, "items"); no floating point at all. Same spec and seed →
//! the same answers on every platform, whatever else is generated.

use super::answers::{UnitAnswers, DONT_KNOW, MISSING};
use super::bootstrap::mix;
use super::Survey;
use crate::error::{Error, Result};
use crate::framework::Framework;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::Decimal;

/// Most answers one synthetic survey holds.
pub const MAX_SYNTHETIC_ANSWERS: u64 = 100_000_000;

/// What to generate (all rates in per mille, so that generation needs no floating point).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct SyntheticSpec {
    /// Number of units (default 63).
    pub units: u32,
    /// Respondents per unit (default 600).
    pub respondents: u32,
    /// Seed (default 1).
    pub seed: u64,
    /// Chance that an answer is missing, per mille (default 20).
    pub missing_per_mille: u32,
    /// Chance of "don't know", per mille (default 30).
    pub dont_know_per_mille: u32,
    /// Give respondents design weights (default false).
    pub weighted: bool,
}

impl Default for SyntheticSpec {
    fn default() -> Self {
        SyntheticSpec {
            units: 63,
            respondents: 600,
            seed: 1,
            missing_per_mille: 20,
            dont_know_per_mille: 30,
            weighted: false,
        }
    }
}

impl Survey {
    /// A synthetic survey for `framework` (its leaves are the items): see the module
    /// documentation for the model. For tests and benchmarks only.
    ///
    /// Errors: [`Error::InvalidArgument`] for zero units or respondents, or missing plus
    /// don't-know rates of 1000 per mille or more; [`Error::NoAnswers`] in the (improbable)
    /// case that a unit draws no valid answer.
    pub fn synthetic(framework: &Framework, spec: &SyntheticSpec) -> Result<Survey> {
        if spec.units == 0 {
            return Err(Error::invalid_argument("units", "a synthetic survey needs at least one unit"));
        }
        if spec.respondents == 0 {
            return Err(Error::invalid_argument(
                "respondents",
                "a synthetic survey needs at least one respondent per unit",
            ));
        }
        let answers = u64::from(spec.units) * u64::from(spec.respondents) * framework.leaf_codes().len() as u64;
        if answers > MAX_SYNTHETIC_ANSWERS {
            return Err(Error::invalid_argument(
                "respondents",
                format!(
                    "{} units × {} respondents × the items = {answers} answers, above the limit of {MAX_SYNTHETIC_ANSWERS}",
                    spec.units, spec.respondents
                ),
            ));
        }
        let skip = spec.missing_per_mille.saturating_add(spec.dont_know_per_mille);
        if skip >= 1000 {
            return Err(Error::invalid_argument(
                "missing_per_mille",
                format!("missing + don't know = {skip} per mille leaves no valid answer"),
            ));
        }
        let items = framework.leaf_codes();
        let mut item_rng = Xoshiro256PlusPlus::seed_from_u64(mix(spec.seed ^ 0x0069_7465_6d73)); // "items"
        let item_offsets: Vec<i32> = items.iter().map(|_| item_rng.random_range(0..=120u32) as i32 - 60).collect();
        let uw = digits(spec.units);
        let rw = digits(spec.respondents).max(4);
        let label = format!("synthetic (seed {}, {} units × {} respondents)", spec.seed, spec.units, spec.respondents);
        let mut units = Vec::with_capacity(spec.units as usize);
        for u in 1..=spec.units {
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(mix(spec.seed ^ mix(u64::from(u))));
            let level = 650 + rng.random_range(0..=250u32) as i32;
            let n = spec.respondents as usize;
            let mut answers = Vec::with_capacity(n * items.len());
            let mut weights = Vec::new();
            let mut respondents = Vec::with_capacity(n);
            for r in 1..=spec.respondents {
                respondents.push(format!("syn-u{u:0uw$}-r{r:0rw$}"));
                let person = rng.random_range(0..=240u32) as i32 - 120;
                if spec.weighted {
                    weights.push(Decimal::new(i64::from(500 + rng.random_range(0..=1500u32)), 3));
                }
                for off in &item_offsets {
                    let p = (level + off + person).clamp(20, 980) as u32;
                    let draw = rng.random_range(0..1000u32);
                    let code = if draw < spec.missing_per_mille {
                        MISSING
                    } else if draw < skip {
                        DONT_KNOW
                    } else {
                        1 + (0..4).map(|_| u8::from(rng.random_range(0..1000u32) < p)).sum::<u8>()
                    };
                    answers.push(code);
                }
            }
            let name = format!("Synthetic unit {u:0uw$}");
            if !answers.iter().any(|&c| super::answers::is_valid(c)) {
                return Err(Error::NoAnswers { at: crate::Location::file(label).with_code(name.clone()), unit: name });
            }
            units.push(UnitAnswers { name, first_row: None, respondents, weights, answers });
        }
        Ok(Survey::from_parts(framework, label, units, spec.weighted))
    }
}

fn digits(n: u32) -> usize {
    n.to_string().len().max(2)
}
