//! What the bindings' `forecast` and `chances` are asked (Python keyword arguments, a JS
//! options object), read by the core's data contract with its defaults stated once: exact
//! when `scenarios` is absent, else the seeded Monte Carlo of the same model (the seed of
//! [`super::MonteCarlo::default`]); the model `"fitted"` or a mapping of overrides.

use super::chances::{chances, chances_monte_carlo, Chances};
use super::forecast::{forecast, forecast_monte_carlo, Forecast, ForecastOptions};
use super::nextyear::NextYearModel;
use crate::error::Result;
use crate::league::LeagueTable;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// The fitted next-year model as an input: `"fitted"` (every parameter fitted) or a mapping
/// of [`NextYearModel`] overrides (`{"spread": 1.5}`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FittedOverrides(pub NextYearModel);

impl<'de> Deserialize<'de> for FittedOverrides {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Choice;
        impl<'de> Visitor<'de> for Choice {
            type Value = FittedOverrides;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"fitted\" or a mapping of overrides of the fitted model")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<FittedOverrides, E> {
                match v {
                    "fitted" => Ok(FittedOverrides::default()),
                    other => Err(E::custom(format!(
                        "`{other}`: the next-year calls use the fitted model; give \"fitted\" or a mapping of its \
                         overrides (the older models stay in simulate())"
                    ))),
                }
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<FittedOverrides, E> {
                Ok(FittedOverrides::default())
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<FittedOverrides, E> {
                Ok(FittedOverrides::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<FittedOverrides, A::Error> {
                NextYearModel::deserialize(de::value::MapAccessDeserializer::new(map)).map(FittedOverrides)
            }
        }
        d.deserialize_any(Choice)
    }
}

/// Target rank of both calls when none is given.
const TARGET_RANK: u32 = 30;

fn target_rank() -> u32 {
    TARGET_RANK
}

fn seed() -> u64 {
    super::MonteCarlo::default().seed
}

/// `forecast`: `{"target_rank"? (30), "scenarios"? (exact when absent), "seed"? (7),
/// "model"? ("fitted" or overrides)}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForecastRequest {
    /// Target rank N of `p_target` = P(rank ≤ N).
    #[serde(default = "target_rank")]
    pub target_rank: u32,
    /// Scenarios of the Monte Carlo (1 ..= 10⁸); `None`: the exact forecast.
    #[serde(default)]
    pub scenarios: Option<u64>,
    /// Seed of the Monte Carlo.
    #[serde(default = "seed")]
    pub seed: u64,
    /// Overrides of the fitted model.
    #[serde(default)]
    pub model: FittedOverrides,
}

impl Default for ForecastRequest {
    fn default() -> Self {
        ForecastRequest { target_rank: TARGET_RANK, scenarios: None, seed: seed(), model: FittedOverrides::default() }
    }
}

impl ForecastRequest {
    /// The whole table next year: [`forecast`] without `scenarios`, [`forecast_monte_carlo`]
    /// with them.
    ///
    /// Errors: those of [`forecast`] and [`forecast_monte_carlo`].
    pub fn run(&self, table: &LeagueTable) -> Result<Forecast> {
        let options = ForecastOptions {
            target_rank: self.target_rank,
            scenarios: self.scenarios.unwrap_or(0),
            seed: self.seed,
            model: self.model.0.clone(),
        };
        match self.scenarios {
            None => forecast(table, &options),
            Some(_) => forecast_monte_carlo(table, &options),
        }
    }
}

/// `chances`: `{"province", "gains" (a list, or one value; `"gain"` is the same key, in
/// percentage points of the index), "target_rank"? (30), "scenarios"? (exact when absent),
/// "seed"? (7), "model"? ("fitted" or overrides)}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChancesRequest {
    /// The province (any spelling).
    pub province: String,
    /// Planned gains, percentage points of the index.
    #[serde(alias = "gain", with = "crate::contract::number::decimals")]
    pub gains: Vec<Decimal>,
    /// Target rank N: the question is P(rank ≤ N).
    #[serde(default = "target_rank")]
    pub target_rank: u32,
    /// Scenarios of the Monte Carlo (1 ..= 10⁸); `None`: exact.
    #[serde(default)]
    pub scenarios: Option<u64>,
    /// Seed of the Monte Carlo.
    #[serde(default = "seed")]
    pub seed: u64,
    /// Overrides of the fitted model.
    #[serde(default)]
    pub model: FittedOverrides,
}

impl ChancesRequest {
    /// One province's plans: [`chances`] without `scenarios`, [`chances_monte_carlo`] with
    /// them.
    ///
    /// Errors: those of [`chances`] and [`chances_monte_carlo`].
    pub fn run(&self, table: &LeagueTable) -> Result<Chances> {
        let model = &self.model.0;
        match self.scenarios {
            None => chances(table, &self.province, &self.gains, self.target_rank, model),
            Some(n) => chances_monte_carlo(table, &self.province, &self.gains, self.target_rank, model, n, self.seed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T> {
        crate::contract::deserialize(&mut serde_json::Deserializer::from_str(json), "options")
    }

    #[test]
    fn defaults_are_stated_once() {
        let Ok(f) = read::<ForecastRequest>("{}") else { panic!("an empty request reads") };
        assert_eq!(f, ForecastRequest::default());
        assert_eq!((f.target_rank, f.scenarios, f.seed), (30, None, super::super::MonteCarlo::default().seed));
        let c: Option<ChancesRequest> = read(r#"{"province": "Lạng Sơn", "gain": "2.5"}"#).ok();
        assert_eq!(c.map(|c| (c.gains, c.target_rank, c.seed)), Some((vec![Decimal::new(25, 1)], 30, f.seed)));
    }

    #[test]
    fn the_model_is_fitted_or_overrides() {
        let f: Option<ForecastRequest> = read(r#"{"model": {"spread": 1.5}, "scenarios": 1000}"#).ok();
        assert_eq!(f.map(|f| f.model.0.spread), Some(Some(1.5)));
        let f: Option<ForecastRequest> = read(r#"{"model": "fitted"}"#).ok();
        assert_eq!(f.map(|f| f.model), Some(FittedOverrides::default()));
        let err = read::<ForecastRequest>(r#"{"model": "normal"}"#).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("options.model") && err.contains("`normal`"), "{err}");
        let err =
            read::<ForecastRequest>(r#"{"model": {"spred": 1}}"#).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("spred"), "{err}");
        let err = read::<ChancesRequest>(r#"{"province": "Lạng Sơn", "gains": [1], "sed": 1}"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("sed"), "{err}");
    }

    #[test]
    fn a_table_not_of_the_63_provinces_is_told_so_before_its_arguments() {
        let options = crate::CsvTableOptions::new(crate::IndexKind::Custom("SIPAS sở ngành".into()), 2024);
        let csv = "unit,score\nSở Tư pháp,88.1\nSở Y tế,86.4\nSở Tài chính,84.9\n";
        let Ok(table) = LeagueTable::from_csv(csv, "departments.csv", &options) else { panic!("a custom table reads") };
        // The default target rank 30 is beyond this table's 3 units: the model's need comes first.
        for err in [
            ForecastRequest::default().run(&table).err(),
            read::<ChancesRequest>(r#"{"province": "Sở Y tế", "gain": 1, "scenarios": 100}"#)
                .ok()
                .and_then(|r| r.run(&table).err()),
        ] {
            let text = err.map(|e| e.to_string()).unwrap_or_default();
            assert!(text.contains("63 provinces") && text.contains("ranks 3 units"), "{text}");
        }
    }

    #[test]
    fn run_is_exact_without_scenarios_and_seeded_with_them() {
        let Ok(table) = crate::published(&crate::IndexKind::Par, 2023) else { return };
        let exact: Option<ForecastRequest> = read(r#"{"target_rank": 30}"#).ok();
        let mc: Option<ForecastRequest> = read(r#"{"scenarios": 2000}"#).ok();
        let (Some(exact), Some(mc)) = (exact, mc) else { panic!("requests read") };
        assert_eq!(exact.run(&table).map(|f| f.method).ok().as_deref(), Some("exact"));
        let a = mc.run(&table).ok().map(|f| f.rows.iter().map(|r| r.p_target).collect::<Vec<_>>());
        let b = forecast_monte_carlo(
            &table,
            &ForecastOptions { scenarios: 2000, seed: mc.seed, ..ForecastOptions::default() },
        )
        .ok()
        .map(|f| f.rows.iter().map(|r| r.p_target).collect::<Vec<_>>());
        assert!(a.is_some() && a == b);
        // No planned gain is refused, exactly as by the Monte Carlo.
        for json in
            [r#"{"province": "Lạng Sơn", "gains": []}"#, r#"{"province": "Lạng Sơn", "gains": [], "scenarios": 100}"#]
        {
            let request: Option<ChancesRequest> = read(json).ok();
            let err = request.map(|r| r.run(&table).err().map(|e| e.to_string()).unwrap_or_default());
            assert!(err.as_deref().is_some_and(|e| e.contains("at least one planned gain")), "{json}: {err:?}");
        }
    }
}
