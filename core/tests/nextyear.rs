//! The fitted next-year model, its exact forecast, the Monte Carlo check and the backtest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use parindex::simulate::{backtest, fit, forecast, forecast_monte_carlo, summarise, ForecastOptions, NextYearModel};
use parindex::{published, IndexKind};

#[test]
fn every_parameter_is_stated_and_the_2022_conflict_is_a_problem() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let m = fit(&t, &NextYearModel::default()).unwrap();
    let names: Vec<&str> = m.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["shock_mean", "shock_sd", "catch_up", "spread", "tail_weight", "tail_scale", "methodology_factor", "own_sd"]
    );
    // Shock: 2020→2021 and 2022→2023 within a methodology, 2021→2022 across: 2024 crosses to
    // 892/QĐ-BNV, so all three changes count.
    assert!(m.methodology_change);
    assert!(m.warnings.iter().any(|w| w.contains("892/QĐ-BNV")), "{:?}", m.warnings);
    let expected_mean = (2.65 + (84.79 - 86.37) + (86.98 - 84.79)) / 3.0;
    assert!((m.shock_mean - expected_mean).abs() < 1e-9, "{}", m.shock_mean);
    assert!(m.catch_up < 0.0, "provinces below the mean gain more: {}", m.catch_up);
    assert!(m.evidence.score_pairs >= 10 && m.evidence.count_years == 2, "{:?}", m.evidence);
    assert!(m.problems.iter().any(|p| p.message.contains("-1.78")), "{:?}", m.problems);
    // Overrides are used as given and said so.
    let o = NextYearModel { spread: Some(2.0), catch_up: Some(-0.2), ..NextYearModel::default() };
    let m2 = fit(&t, &o).unwrap();
    assert_eq!((m2.spread, m2.catch_up), (2.0, -0.2));
    assert!(m2.parameters.iter().any(|p| p.name == "spread" && p.source == "override"));
    let bad = NextYearModel { catch_up: Some(-1.5), ..NextYearModel::default() };
    assert!(matches!(fit(&t, &bad), Err(parindex::Error::InvalidArgument { .. })));
}

#[test]
fn published_facts_narrow_the_unknowns() {
    // PAR 2022: five provinces in band C, none below 70; ranks 59–63 are unpublished.
    let t = published(&IndexKind::Par, 2022).unwrap();
    let m = fit(&t, &NextYearModel::default()).unwrap();
    for s in m.starts.iter().filter(|s| s.score.is_none()) {
        assert!(s.low >= 70.0 - 1e-9, "{} starts at {}", s.province, s.low);
        assert!(s.high <= 90.10 + 1e-9, "{} above the highest: {}", s.province, s.high);
    }
    assert!(m.bounds.iter().any(|b| b.fact.starts_with("band counts") && b.narrowed > 0), "{:?}", m.bounds);
    assert!(m.bounds.iter().any(|b| b.fact.starts_with("national average") && b.width_removed > 0.0), "{:?}", m.bounds);
    // PAR 2023: all above 80, regional averages published.
    let m23 = fit(&published(&IndexKind::Par, 2023).unwrap(), &NextYearModel::default()).unwrap();
    assert!(m23.starts.iter().all(|s| s.low >= 80.0 - 1e-9));
    assert!(m23.bounds.iter().any(|b| b.fact.contains("Tây Nguyên")), "{:?}", m23.bounds);
    // The national mean's common ceiling falls below the floor #6 and #8 have from #7 and
    // #10: they start at that floor, said by name.
    let national = m23.bounds.iter().find(|b| b.fact.starts_with("national average 86.98: mean matched"));
    let fact = national.map(|b| b.fact.as_str()).unwrap_or_default();
    assert!(fact.contains("held at the floor their rank allows") && fact.contains("Thái Nguyên"), "{fact}");
    let tn = m23.starts.iter().find(|s| s.province == "Thái Nguyên").unwrap();
    assert!((tn.low - 90.60).abs() < 1e-9 && tn.high == tn.low, "{tn:?}");
}

#[test]
fn the_forecast_has_a_row_per_province_and_sums_to_one() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let f = forecast(&t, &ForecastOptions::default()).unwrap();
    assert_eq!(f.rows.len(), 63);
    assert_eq!(f.method, "exact");
    // Each rank is held by exactly one province in expectation.
    for r in 0..63 {
        let total: f64 = f.rows.iter().map(|row| row.rank_probabilities[r]).sum();
        assert!((total - 1.0).abs() < 0.02, "rank {} total {total}", r + 1);
    }
    let ls = f.rows.iter().find(|r| r.province == "Lạng Sơn").unwrap();
    assert_eq!((ls.rank_now, ls.score_now), (Some(47), Some(85.94)));
    assert!(ls.rank_p05 <= ls.rank_p25 && ls.rank_p25 <= ls.rank_p50 && ls.rank_p50 <= ls.rank_p75);
    assert!(ls.rank_p75 <= ls.rank_p95);
    assert!(ls.score_p05 < ls.expected_score && ls.expected_score < ls.score_p95);
    let qn = f.rows.iter().find(|r| r.province == "Quảng Ninh").unwrap();
    assert!(qn.p_target > 0.95 && ls.p_target < qn.p_target);
    // A province the table says nothing about still gets a row, flagged.
    let none = f.rows.iter().find(|r| !r.published).unwrap();
    assert_eq!(none.rank_now, None);
    assert!(f.model.free_provinces.contains(&none.province));
    // Gia Lai was #58 of 63 in 2022 with five free ranks below it inside band C: the model
    // no longer lets it climb artificially.
    let t22 = published(&IndexKind::Par, 2022).unwrap();
    let gl = forecast(&t22, &ForecastOptions::default()).unwrap();
    let gl = gl.rows.iter().find(|r| r.province == "Gia Lai").unwrap();
    assert!(gl.rank_p50 >= 50, "{gl:?}");
}

#[test]
fn exact_and_monte_carlo_agree() {
    let opts = ForecastOptions { scenarios: 20_000, seed: 7, ..ForecastOptions::default() };
    for (index, year, names) in [
        (IndexKind::Par, 2023, ["Lạng Sơn", "Hải Dương", "Quảng Ninh", "Kiên Giang"]),
        (IndexKind::Sipas, 2023, ["Lạng Sơn", "Hà Tĩnh", "Bắc Kạn", "Đồng Nai"]),
    ] {
        let t = published(&index, year).unwrap();
        let exact = forecast(&t, &opts).unwrap();
        let mc = forecast_monte_carlo(&t, &opts).unwrap();
        for name in names {
            let e = exact.rows.iter().find(|r| r.province == name).unwrap();
            let m = mc.rows.iter().find(|r| r.province == name).unwrap();
            // P(rank ≤ N) for several N: within 4.5 standard errors plus the quadrature's 0.005.
            for n in [5usize, 15, 30, 45, 60] {
                let pe: f64 = e.rank_probabilities[..n].iter().sum::<f64>().clamp(0.0, 1.0);
                let pm: f64 = m.rank_probabilities[..n].iter().sum();
                let se = (pe * (1.0 - pe) / 20_000.0).sqrt();
                assert!((pe - pm).abs() <= 4.5 * se + 0.005, "{index} {name} N={n}: exact {pe} mc {pm}");
            }
            assert!(e.rank_p50.abs_diff(m.rank_p50) <= 1, "{name}: {} vs {}", e.rank_p50, m.rank_p50);
        }
    }
    // Same seed, same numbers; another seed, other numbers.
    let t = published(&IndexKind::Par, 2023).unwrap();
    let a = forecast_monte_carlo(&t, &opts).unwrap();
    assert_eq!(a, forecast_monte_carlo(&t, &opts).unwrap());
    let other = ForecastOptions { seed: 8, ..opts };
    assert_ne!(a.rows, forecast_monte_carlo(&t, &other).unwrap().rows);
}

#[test]
fn a_wider_spread_never_narrows_a_band() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let mut previous: Option<Vec<u32>> = None;
    for spread in [0.5, 1.0, 2.0, 4.0] {
        let o = ForecastOptions {
            // Everything else fixed: catch-up and tails are otherwise refitted given the spread.
            model: NextYearModel {
                spread: Some(spread),
                catch_up: Some(-0.2),
                tail_weight: Some(0.0),
                tail_scale: Some(1.0),
                ..NextYearModel::default()
            },
            ..ForecastOptions::default()
        };
        let f = forecast(&t, &o).unwrap();
        let widths: Vec<u32> =
            f.rows.iter().filter(|r| r.score_now.is_some()).map(|r| r.rank_p95 - r.rank_p05).collect();
        if let Some(p) = &previous {
            for (w, q) in widths.iter().zip(p) {
                assert!(w >= q, "spread {spread}: a band narrowed from {q} to {w}");
            }
        }
        previous = Some(widths);
    }
}

#[test]
fn leave_one_year_out_backtest_meets_its_coverage() {
    let mut all = Vec::new();
    for index in [IndexKind::Par, IndexKind::Sipas] {
        for (t, u) in [(2021, 2022), (2022, 2023)] {
            let b = backtest(&index, t, u, &NextYearModel::default()).unwrap();
            assert!(b.summary.rps < b.summary.baseline_rps, "{index} {t}→{u}: {:?}", b.summary);
            all.extend(b.rows);
        }
    }
    let s = summarise(&all);
    assert_eq!(s.n, 81);
    assert!(s.coverage_90 >= 0.80, "{s:?}");
    assert!((0.35..=0.65).contains(&s.coverage_50), "{s:?}");
    assert!(s.rps < s.baseline_rps);
    // Informative for the provinces the table publishes: a median 90% band of at most about
    // half the table (the others can be any of the free ranks).
    assert!(s.median_band_90_published <= 32.0, "{s:?}");
    let bad = backtest(&IndexKind::Par, 2021, 2023, &NextYearModel::default());
    assert!(matches!(bad, Err(parindex::Error::InvalidArgument { .. })));
}

mod plan {
    use parindex::simulate::{chances, chances_monte_carlo, NextYearModel};
    use parindex::{published, Decimal, IndexKind};
    use proptest::prelude::*;

    fn d(x: &str) -> Decimal {
        x.parse().unwrap()
    }

    #[test]
    fn exact_chances_agree_with_the_monte_carlo() {
        let gains = [d("0"), d("2"), d("4"), d("6")];
        let model = NextYearModel::default();
        for (index, names) in [
            (IndexKind::Par, ["Lạng Sơn", "Hải Dương", "Đà Nẵng"]),
            (IndexKind::Sipas, ["Lạng Sơn", "Gia Lai", "Tiền Giang"]),
        ] {
            let t = published(&index, 2023).unwrap();
            for name in names {
                let e = chances(&t, name, &gains, 30, &model).unwrap();
                let m = chances_monte_carlo(&t, name, &gains, 30, &model, 20_000, 11).unwrap();
                for (pe, pm) in e.plans.iter().zip(&m.plans) {
                    let se = (pe.p_target * (1.0 - pe.p_target) / 20_000.0).sqrt();
                    assert!(
                        (pe.p_target - pm.p_target).abs() <= 4.5 * se + 0.005,
                        "{index} {name} +{}: exact {} mc {}",
                        pe.gain,
                        pe.p_target,
                        pm.p_target
                    );
                }
            }
        }
    }

    #[test]
    fn lang_son_needs_a_stated_gain_and_is_never_certain_at_once() {
        let t = published(&IndexKind::Par, 2023).unwrap();
        let gains = [d("3"), d("4"), d("5")];
        let c = chances(&t, "Lạng Sơn", &gains, 30, &NextYearModel::default()).unwrap();
        let p: Vec<f64> = c.plans.iter().map(|p| p.p_target).collect();
        assert!(p[0] < p[1] && p[1] < p[2], "{p:?}");
        // The common shock and everyone's moves leave real doubt at +5 points.
        assert!(p[2] < 0.95, "{p:?}");
        let (g50, g80) = (c.gain_for_p50.unwrap(), c.gain_for_p80.unwrap());
        assert!(g50 < g80, "{g50} {g80}");
        // The gain found is the least with P ≥ 50%.
        let at = chances(&t, "Lạng Sơn", &[g50, g50 - d("0.01")], 30, &NextYearModel::default()).unwrap();
        assert!(at.plans[0].p_target >= 0.5 && at.plans[1].p_target < 0.5, "{:?}", at.plans);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn more_gain_never_lowers_the_chance(a in -300i64..900, b in 0i64..400, target in 5u32..60) {
            let t = published(&IndexKind::Par, 2023).unwrap();
            let (g1, g2) = (Decimal::new(a, 2), Decimal::new(a + b, 2));
            let c = chances(&t, "Lạng Sơn", &[g1, g2], target, &NextYearModel::default()).unwrap();
            prop_assert!(c.plans[1].p_target >= c.plans[0].p_target - 1e-12, "{:?}", (g1, g2, &c.plans[0].p_target, &c.plans[1].p_target));
        }
    }
}

/// A table typed in for a year with no published national average (an analyst entering the
/// 2024 results) is fitted, but the model says what it stands on, in both languages.
#[test]
fn a_year_without_a_published_average_is_a_stated_warning() {
    use parindex::league::{CsvTableOptions, EntryInput, LeagueTable};
    let entry = |province: &str, score: &str, rank: i64| EntryInput {
        province: province.into(),
        score: Some(score.parse().unwrap()),
        rank: Some(rank),
        ..EntryInput::default()
    };
    let t = LeagueTable::from_entries(
        vec![entry("Lạng Sơn", "88.1", 40), entry("Hà Nội", "92", 5)],
        &CsvTableOptions::new(IndexKind::Par, 2024),
        None,
    )
    .unwrap();
    let m = fit(&t, &NextYearModel::default()).unwrap();
    let w = m.warnings.iter().find(|w| w.starts_with("no national average is published for 2024")).expect("warning");
    let vi = parindex::text::Lang::Vi.translate(w);
    assert!(vi.starts_with("chưa có điểm trung bình cả nước công bố cho năm 2024"), "{vi}");
    // A published year has its average, and no such warning.
    let m = fit(&published(&IndexKind::Par, 2023).unwrap(), &NextYearModel::default()).unwrap();
    assert!(m.warnings.iter().all(|w| !w.starts_with("no national average")), "{:?}", m.warnings);
}

#[test]
fn monte_carlos_are_the_same_on_every_thread_count() {
    // The forecast's and the plan's Monte Carlo run in chunks on jumped streams: any number
    // of threads gives the same counts (a scenario count that ends inside a chunk).
    let t = published(&IndexKind::Par, 2023).unwrap();
    let opts = ForecastOptions { scenarios: 5_001, seed: 3, ..ForecastOptions::default() };
    let gains: Vec<parindex::Decimal> = ["0", "3"].iter().map(|g| g.parse().unwrap()).collect();
    let model = parindex::simulate::NextYearModel::default();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| {
            let f = forecast_monte_carlo(&t, &opts).unwrap();
            let c = parindex::simulate::chances_monte_carlo(&t, "Lạng Sơn", &gains, 30, &model, 5_001, 3).unwrap();
            (f, c)
        })
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
    let counted: f64 = one.0.rows.iter().map(|r| r.rank_probabilities.iter().sum::<f64>()).sum();
    assert!((counted - 63.0).abs() < 1e-9, "every scenario ranks every province once: {counted}");
}
