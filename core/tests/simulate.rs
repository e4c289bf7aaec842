//! What-if, rank gain, planner and Monte Carlo on the real 2023 tables.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

mod common;
use common::{d, testdata};
use parindex::framework::builtin;
use parindex::simulate::{
    least_cost, plan, rank_gain, simulate, what_if, Basis, Change, ChangeModel, Gains, MonteCarlo, NodeCost,
    PlanOption, Scenario,
};
use parindex::{published, Band, Decimal, IndexKind, Scorecard};
use proptest::prelude::*;

fn card(province: &str) -> Scorecard {
    let fw = builtin("par-2022").unwrap().clone();
    Scorecard::from_csv_path(testdata("published/par_index_scorecards.csv"), fw, province, Some(2023)).unwrap()
}

#[test]
fn what_if_on_dak_lak_components() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let c = card("Đắk Lắk");
    let scenarios = vec![
        Scenario { name: "SIPAS +1".into(), changes: vec![Change::Add { code: "sipas".into(), points: d("1") }] },
        Scenario {
            name: "socio-economic to max".into(),
            changes: vec![Change::Set { code: "socio_economic".into(), points: d("6.5") }],
        },
        Scenario {
            name: "field 3 +1 (points unknown)".into(),
            changes: vec![Change::Add { code: "3".into(), points: d("1") }],
        },
    ];
    let r = what_if(&c, Some(&t), &scenarios).unwrap();
    assert_eq!(r[0].points_before, d("87.33"));
    assert_eq!(r[0].points_after, d("88.33"));
    // 88.33 is below #18 (88.35) and above #22 (87.84); #19–#21 are unknown.
    let rb = r[0].rank_after.unwrap();
    assert_eq!((rb.best, rb.worst), (19, 22));
    let sipas = r[0].components.iter().find(|n| n.code == "sipas").unwrap();
    assert_eq!((sipas.before, sipas.after, sipas.change), (Some(d("8.15")), Some(d("9.15")), Some(d("1"))));
    // A component change cannot be placed in a field.
    assert!(r[0].fields.iter().all(|f| f.change.is_none()));
    assert_eq!(r[1].points_after, d("90.86"));
    assert_eq!(r[1].band_after, Band::A);
    // Adding to a node with unknown points still moves the total.
    assert_eq!(r[2].points_after, d("88.33"));
    assert_eq!(r[2].fields.iter().find(|f| f.code == "3").unwrap().change, Some(d("1")));
    // The card is unchanged.
    assert_eq!(c.total(), Some(d("87.33")));
    // Beyond the max: refused.
    let bad = Scenario { name: "too much".into(), changes: vec![Change::Add { code: "sipas".into(), points: d("2") }] };
    assert_eq!(what_if(&c, Some(&t), &[bad]).unwrap_err().kind(), "ABOVE_MAX");
    let unknown =
        Scenario { name: "set unknown".into(), changes: vec![Change::Set { code: "3".into(), points: d("12") }] };
    assert_eq!(what_if(&c, Some(&t), &[unknown]).unwrap_err().kind(), "INVALID_ARGUMENT");
}

#[test]
fn what_if_on_quang_nam_fields_moves_the_given_total() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let c = card("Quảng Nam");
    let s =
        Scenario { name: "procedures to max".into(), changes: vec![Change::Set { code: "3".into(), points: d("13") }] };
    let r = &what_if(&c, Some(&t), &[s]).unwrap()[0];
    assert_eq!((r.points_before, r.points_after), (d("84.6"), d("86.92")));
    assert_eq!(r.rank_before.unwrap().best, 56);
    // 86.92 is below #33 (86.97) and above #34 (86.89).
    assert_eq!(r.rank_after.unwrap(), parindex::RankBounds { best: 34, worst: 34, estimate: 34 });
    let f3 = r.fields.iter().find(|f| f.code == "3").unwrap();
    assert_eq!((f3.before, f3.after, f3.change), (Some(d("10.68")), Some(d("13")), Some(d("2.32"))));
}

#[test]
fn rank_gain_table_for_quang_nam() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let g = rank_gain(&card("Quảng Nam"), &t, Some(30)).unwrap();
    assert_eq!(g.rank.best, 56);
    let row = |code: &str| g.rows.iter().find(|r| r.code == code).unwrap();
    assert_eq!(row("3").lost, d("2.32"));
    assert_eq!(row("8").lost, d("5.05")); // field 8 implied: 84.6 − fields 1–7
                                          // 84.60 + 5.05 = 89.65: below #7 Lào Cai (90.60), above #10 Yên Bái (88.86); #8, #9 unknown.
    let r8 = row("8").rank_if_recovered;
    assert_eq!((r8.best, r8.worst), (8, 10));
    assert_eq!(row("8").ranks_gained.best, 48);
    // Fields with unknown max are not in the table.
    assert!(g.rows.iter().all(|r| !["2", "6", "7"].contains(&r.code.as_str())));
    // Recovering points never worsens the rank; more lost points buy at least as many ranks.
    for r in &g.rows {
        assert!(r.rank_if_recovered.worst <= g.rank.worst, "{}", r.code);
    }
    assert!(row("8").ranks_gained.estimate >= row("3").ranks_gained.estimate);
    // Points for the top 30 (#29 87.32, #32 87.04) from 84.60: [2.44, 2.72]; field 8 alone can supply them.
    let target = g.target.unwrap();
    assert_eq!((target.low, target.high), (d("2.44"), d("2.72")));
    assert!(row("8").for_target.is_some());
    assert!(row("1").for_target.is_none());
}

#[test]
fn planner_on_quang_nam_reaches_the_top_30_at_least_cost() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let c = card("Quảng Nam");
    let p = plan(&c, &t, 30, &[], Basis::High).unwrap();
    assert!(p.feasible);
    assert_eq!(p.required, d("2.72"));
    assert_eq!(p.total_gain, d("2.72"));
    assert!(p.rank_after.worst <= 30, "{:?}", p.rank_after);
    assert_eq!(p.skipped.len(), 3, "{:?}", p.skipped); // fields 2, 6, 7: max unknown
                                                       // Costs steer the plan: make field 8 expensive and field 3 cheap.
    let costs = vec![
        NodeCost { code: "3".into(), cost_per_point: d("1"), cap: None },
        NodeCost { code: "5".into(), cost_per_point: d("2"), cap: None },
        NodeCost { code: "8".into(), cost_per_point: d("10"), cap: None },
    ];
    let p = plan(&c, &t, 30, &costs, Basis::High).unwrap();
    let gain = |code: &str| p.steps.iter().find(|s| s.code == code).map(|s| s.gain);
    assert_eq!(gain("3"), Some(d("2.32")));
    assert_eq!(gain("5"), Some(d("0.40")));
    assert_eq!(gain("8"), None);
    assert_eq!(p.total_cost, d("3.12"));
    let overlapping = vec![
        NodeCost { code: "3".into(), cost_per_point: d("1"), cap: None },
        NodeCost { code: "appraised".into(), cost_per_point: d("1"), cap: None },
    ];
    assert!(plan(&c, &t, 30, &overlapping, Basis::High).is_err());
}

#[test]
fn planner_respects_steps() {
    // Two banded leaves worth 2 (steps 0/1/2 from 0) and a continuous one capped at 0.5.
    let options = vec![
        PlanOption { gains: Gains::Steps(vec![d("1"), d("2")]), cost_per_point: d("1") },
        PlanOption { gains: Gains::Steps(vec![d("1.5")]), cost_per_point: d("0.5") },
        PlanOption { gains: Gains::Continuous { cap: d("0.5") }, cost_per_point: d("3") },
    ];
    // Need 1.2: the cheapest is the 1.5 step (cost 0.75), not 1 + 0.2 continuous (1.6).
    let (gains, cost) = least_cost(&options, d("1.2")).unwrap().unwrap();
    assert_eq!(gains, vec![d("0"), d("1.5"), d("0")]);
    assert_eq!(cost, d("0.75"));
    assert!(least_cost(&options, d("4.01")).unwrap().is_none());
}

fn brute_force(options: &[(Vec<u64>, u64)], need: u64) -> Option<u64> {
    // options: (allowed gains incl. 0, cost per unit); exhaustive search.
    fn go(options: &[(Vec<u64>, u64)], i: usize, gained: u64, cost: u64, need: u64, best: &mut Option<u64>) {
        if i == options.len() {
            if gained >= need && best.is_none_or(|b| cost < b) {
                *best = Some(cost);
            }
            return;
        }
        for &g in &options[i].0 {
            go(options, i + 1, gained + g, cost + g * options[i].1, need, best);
        }
    }
    let mut best = None;
    go(options, 0, 0, 0, need, &mut best);
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn planner_matches_brute_force(
        nodes in prop::collection::vec((any::<bool>(), prop::collection::vec(1u64..40, 1..4), 0u64..6), 1..5),
        need in 0u64..80,
    ) {
        // Units of 0.01: continuous nodes take their first value as cap.
        let mut options = Vec::new();
        let mut brute = Vec::new();
        for (continuous, values, cost) in &nodes {
            let cost_dec = Decimal::from(*cost);
            if *continuous {
                let cap = values[0];
                options.push(PlanOption { gains: Gains::Continuous { cap: Decimal::new(cap as i64, 2) }, cost_per_point: cost_dec });
                brute.push(((0..=cap).collect::<Vec<_>>(), *cost));
            } else {
                options.push(PlanOption { gains: Gains::Steps(values.iter().map(|v| Decimal::new(*v as i64, 2)).collect()), cost_per_point: cost_dec });
                let mut g = values.clone(); g.push(0);
                brute.push((g, *cost));
            }
        }
        let exact = least_cost(&options, Decimal::new(need as i64, 2)).unwrap();
        let truth = brute_force(&brute, need);
        match (exact, truth) {
            (None, None) => {}
            (Some((gains, cost)), Some(best)) => {
                // Costs are per point, units are 0.01 points.
                prop_assert_eq!(cost, Decimal::new(best as i64, 2));
                let total: Decimal = gains.iter().sum();
                prop_assert!(total >= Decimal::new(need as i64, 2));
                let paid: Decimal = gains.iter().zip(&options).map(|(g, o)| *g * o.cost_per_point).sum();
                prop_assert_eq!(paid, cost);
                for (g, (allowed, _)) in gains.iter().zip(&brute) {
                    prop_assert!(allowed.contains(&u64::try_from((*g * Decimal::ONE_HUNDRED).round()).unwrap()));
                }
            }
            (a, b) => prop_assert!(false, "planner {:?} vs brute force {:?}", a, b),
        }
    }
}

fn mc(gains: &[&str], scenarios: u64, seed: u64) -> parindex::simulate::Simulation {
    mc_with(gains, scenarios, seed, ChangeModel::default())
}

fn mc_with(gains: &[&str], scenarios: u64, seed: u64, model: ChangeModel) -> parindex::simulate::Simulation {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let gains = gains.iter().map(|g| d(g)).collect();
    simulate(&t, &MonteCarlo { model, ..MonteCarlo::new("Lạng Sơn", gains, 30, scenarios, seed) }).unwrap()
}

#[test]
fn the_fitted_model_is_the_default_and_stated() {
    let one = mc(&["1", "3", "5"], 20_000, 11);
    assert_eq!(one.model.kind, "fitted");
    assert!(one.model.parameters.iter().any(|p| p.name == "shock_sd"), "{:?}", one.model.parameters);
    assert!(one.model.parameters.iter().any(|p| p.name == "catch_up"));
    assert_eq!(one, mc(&["1", "3", "5"], 20_000, 11));
    assert_ne!(one.plans[1].rank_counts, mc(&["1", "3", "5"], 20_000, 12).plans[1].rank_counts);
    assert_eq!(one.plans[0].rank_counts.iter().sum::<u64>(), 20_000);
    assert_eq!(one.gain_counts.iter().sum::<u64>() + one.unreachable, 20_000);
    assert_eq!(one.current, Some(d("85.94")));
    // The seeded Monte Carlo of chances draws the same scenarios, with the same figures.
    let t = published(&IndexKind::Par, 2023).unwrap();
    let gains = [d("1"), d("3"), d("5")];
    let c =
        parindex::simulate::chances_monte_carlo(&t, "Lạng Sơn", &gains, 30, &Default::default(), 20_000, 11).unwrap();
    for (s, m) in one.plans.iter().zip(&c.plans) {
        assert_eq!((s.p_target, s.rank_p05, s.rank_p50, s.rank_p95), (m.p_target, m.rank_p05, m.rank_p50, m.rank_p95));
    }
    // By name: fitted is the default, empirical the published changes.
    assert_eq!(ChangeModel::by_name("Fitted").unwrap(), ChangeModel::default());
    assert_eq!(ChangeModel::by_name("empirical").unwrap(), ChangeModel::Empirical { years: None });
    assert_eq!(ChangeModel::by_name("bayes").unwrap_err().kind(), "INVALID_ARGUMENT");
}

#[test]
fn monte_carlo_is_reproducible_across_thread_counts() {
    // The empirical model runs in chunks on many threads; the fitted one on one stream.
    let empirical = |seed| mc_with(&["1", "3", "5"], 50_000, seed, ChangeModel::Empirical { years: None });
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| empirical(11))
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one, two);
    assert_eq!(one, empirical(11));
    assert_ne!(one.plans[1].rank_counts, empirical(12).plans[1].rank_counts);
    assert_eq!(one.plans[0].rank_counts.iter().sum::<u64>(), 50_000);
    assert_eq!(one.model.n, 10);
    assert!(one.model.description.contains("2022→2023"));
}

#[test]
fn more_gain_never_lowers_the_chance() {
    let sim = mc(&["0", "1", "2", "3", "3.5", "4", "4.5", "5", "6"], 40_000, 3);
    for w in sim.plans.windows(2) {
        assert!(w[1].p_target >= w[0].p_target, "{} then {}", w[0].p_target, w[1].p_target);
        assert!(w[1].rank_p50 <= w[0].rank_p50);
    }
    // The gain for a probability agrees with the plans run on the same scenarios.
    let g50 = sim.gain_for_p50().unwrap();
    let g80 = sim.gain_for_p80().unwrap();
    assert!(g50 <= g80);
    for p in &sim.plans {
        assert_eq!(p.p_target >= 0.5, p.gain >= g50, "gain {} p {}", p.gain, p.p_target);
    }
    let just_below = mc(&[&(g50 - d("0.01")).to_string(), &g50.to_string()], 40_000, 3);
    assert!(just_below.plans[0].p_target < 0.5 && just_below.plans[1].p_target >= 0.5);
}

#[test]
fn monte_carlo_models_and_errors() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let mut o = MonteCarlo::new("Lạng Sơn", vec![d("2")], 30, 20_000, 5);
    o.model = ChangeModel::Normal { mean: d("0"), sd: d("0") };
    // Nobody moves: +2 (87.94) ranks 19–22, inside the top 30 whatever the unknowns.
    let still = simulate(&t, &o).unwrap();
    assert_eq!(still.plans[0].p_target, 1.0);
    assert!(still.gain_for_p50().unwrap() >= d("1.10") && still.gain_for_p80().unwrap() <= d("1.38"));
    o.model = ChangeModel::Sample(vec![d("10")]);
    assert_eq!(simulate(&t, &o).unwrap().plans[0].p_target, 0.0);
    for bad in [
        MonteCarlo { scenarios: 0, ..o.clone() },
        MonteCarlo { target_rank: 0, ..o.clone() },
        MonteCarlo { target_rank: 64, ..o.clone() },
        MonteCarlo { gains: vec![], ..o.clone() },
        MonteCarlo { province: "Gotham".into(), ..o.clone() },
    ] {
        assert!(simulate(&t, &bad).is_err(), "{bad:?}");
    }
}

#[test]
fn monte_carlo_agrees_with_the_exact_solution() {
    use parindex::simulate::exact;
    let gains: Vec<Decimal> = ["3", "3.8", "4", "4.2"].iter().map(|g| d(g)).collect();
    for (index, model) in [
        (IndexKind::Par, ChangeModel::default()),
        (IndexKind::Sipas, ChangeModel::default()),
        (IndexKind::Par, ChangeModel::Empirical { years: None }),
        (IndexKind::Par, ChangeModel::Normal { mean: d("2.5"), sd: d("1.2") }),
    ] {
        let t = published(&index, 2023).unwrap();
        let mut o = MonteCarlo::new("Lạng Sơn", gains.clone(), 30, 200_000, 21);
        o.model = model;
        let sim = simulate(&t, &o).unwrap();
        let ex = exact(&t, &o).unwrap();
        for (m, e) in sim.plans.iter().zip(&ex.plans) {
            // Within 4 standard errors of a binomial proportion (plus a hair).
            let se = (e.p_target * (1.0 - e.p_target) / 200_000.0).sqrt();
            assert!(
                (m.p_target - e.p_target).abs() <= 4.0 * se + 1e-4,
                "{index} +{}: {} vs {}",
                m.gain,
                m.p_target,
                e.p_target
            );
            let mc_median = m.rank_p50 as usize;
            let mut cum = 0.0;
            let ex_median = e
                .rank_probabilities
                .iter()
                .position(|p| {
                    cum += p;
                    cum >= 0.5
                })
                .unwrap()
                + 1;
            assert!(mc_median.abs_diff(ex_median) <= 1, "{index} +{}: median {mc_median} vs {ex_median}", m.gain);
        }
        let (g_mc, g_ex) = (sim.gain_for_p50().unwrap(), ex.gain_for_p50.unwrap());
        assert!((g_mc - g_ex).abs() <= d("0.05"), "{index}: gain for 50% {g_mc} vs {g_ex}");
    }
}

/// A full table of `n` units with scores in units of 10^−scale, compared as given.
fn unit_table(scores: &[i64], scale: u32, policy: parindex::TiePolicy) -> parindex::LeagueTable {
    let entries = scores
        .iter()
        .enumerate()
        .map(|(i, s)| parindex::EntryInput {
            province: format!("Đơn vị {}", i + 1),
            score: Some(Decimal::new(*s, scale)),
            ..Default::default()
        })
        .collect();
    let options = parindex::CsvTableOptions {
        of: Some(u32::try_from(scores.len()).unwrap()),
        ..parindex::CsvTableOptions::new(IndexKind::Custom("đơn vị".into()), 2024)
    };
    parindex::LeagueTable::from_entries(entries, &options, None).unwrap().with_tie_policy(policy)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// With no competitor moving (a zero-change model), the exact P(rank ≤ N) at gain g is
    /// 1 when `rank_with_gain(p, g).worst ≤ N` and 0 when its best > N, under the table's
    /// own ranking rule; a table compared at 3 decimals is refused (UNSUPPORTED, naming its
    /// decimals), never compared at 2.
    #[test]
    fn exact_follows_the_table_ranking_or_refuses(
        scale in 2u32..4,
        raw in prop::collection::vec(0i64..2000, 3..30),
        focal in any::<prop::sample::Index>(),
        target in any::<prop::sample::Index>(),
        gain in 0i64..1500,
        unrounded in any::<bool>(),
    ) {
        use parindex::simulate::exact;
        // Scores 70.00–89.99 (or 70.000–71.999): near neighbours, many ties after a gain.
        let base = 70 * 10i64.pow(scale);
        let scores: Vec<i64> = raw.iter().map(|r| base + r).collect();
        let policy = if unrounded { parindex::TiePolicy::Unrounded } else { parindex::TiePolicy::Competition };
        let t = unit_table(&scores, scale, policy);
        let p = format!("Đơn vị {}", focal.index(scores.len()) + 1);
        let n = u32::try_from(target.index(scores.len())).unwrap() + 1;
        let g = Decimal::new(gain, 2);
        let mut o = MonteCarlo::new(&p, vec![g], n, 1, 1);
        o.model = ChangeModel::Normal { mean: d("0"), sd: d("0") };
        if t.decimals() > 2 {
            let e = exact(&t, &o).unwrap_err();
            prop_assert_eq!(e.kind(), "UNSUPPORTED");
            prop_assert!(e.to_string().contains(&format!("{} decimals", t.decimals())), "{}", e);
            prop_assert_eq!(simulate(&t, &o).unwrap_err().kind(), "UNSUPPORTED");
        } else {
            let bounds = t.rank_with_gain(&p, g).unwrap();
            let p_target = exact(&t, &o).unwrap().plans[0].p_target;
            if bounds.worst <= n {
                prop_assert!((p_target - 1.0).abs() < 1e-12, "{:?} N={} p={}", bounds, n, p_target);
            }
            if bounds.best > n {
                prop_assert!(p_target.abs() < 1e-12, "{:?} N={} p={}", bounds, n, p_target);
            }
        }
    }
}
