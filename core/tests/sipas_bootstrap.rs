//! The SIPAS bootstrap: seeded and reproducible, the same with any number of threads and any
//! row order, intervals around the point estimates, rank distributions that add up.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use parindex::framework::builtin;
use parindex::sipas::{
    Aggregation, Bootstrap, BootstrapOptions, SatisfactionRule, SipasOptions, Survey, SurveyOptions, SyntheticSpec,
};
use proptest::prelude::*;

fn synthetic(units: u32, respondents: u32, seed: u64) -> Survey {
    let fw = builtin("sipas-2023").unwrap();
    Survey::synthetic(fw, &SyntheticSpec { units, respondents, seed, ..SyntheticSpec::default() }).unwrap()
}

fn boot(s: &Survey, replicates: u32, seed: u64) -> Bootstrap {
    s.bootstrap(&SipasOptions::default(), &BootstrapOptions { replicates, seed, ..BootstrapOptions::default() })
        .unwrap()
}

#[test]
fn same_seed_same_result_bit_for_bit() {
    let s = synthetic(5, 80, 2);
    let a = boot(&s, 120, 99);
    let b = boot(&s, 120, 99);
    assert_eq!(a, b);
    let c = boot(&s, 120, 100);
    assert_ne!(a.units[0].sipas, c.units[0].sipas);
    assert_eq!((a.replicates, a.seed, a.rule, a.aggregation), (120, 99, SatisfactionRule::Top2, Aggregation::ItemMean));
}

#[test]
fn intervals_contain_the_point_estimates() {
    let s = synthetic(6, 300, 4);
    for rule in [SatisfactionRule::Top2, SatisfactionRule::Mean] {
        for aggregation in [Aggregation::ItemMean, Aggregation::DomainMean, Aggregation::ElementMean] {
            let o = SipasOptions { rule, aggregation, ..SipasOptions::default() };
            let b = s.bootstrap(&o, &BootstrapOptions { replicates: 300, ..Default::default() }).unwrap();
            let point = s.compute(&o).unwrap();
            for (u, p) in b.units.iter().zip(&point.units) {
                assert_eq!(u.sipas.estimate, p.sipas);
                assert!(u.sipas.contains_estimate(), "{rule} {aggregation} {}: {:?}", u.unit, u.sipas);
                assert!(u.sipas.low < u.sipas.high && u.sipas.std_error > parindex::Decimal::ZERO);
                assert_eq!(u.sipas.replicates, 300);
                for n in &u.nodes {
                    let i = n.interval.unwrap();
                    assert!(i.contains_estimate(), "{} {}: {i:?}", u.unit, n.code);
                }
                for n in &u.items {
                    let i = n.interval.unwrap();
                    assert!(i.low <= i.high, "{} {}: {i:?}", u.unit, n.code);
                }
                // Rank distribution: counts add up to R; the point rank lies in its interval.
                assert_eq!(u.rank.counts.iter().sum::<u32>(), 300);
                assert!(u.rank.low <= u.rank.rank && u.rank.rank <= u.rank.high, "{:?}", u.rank);
                assert_eq!(u.rank.probability_at_most(6), parindex::Decimal::ONE);
            }
        }
    }
}

#[test]
fn a_clear_leader_ranks_first_in_every_replicate() {
    // Unit Top answers 5 to everything, the others mostly 1–2: Top ranks first always.
    let fw = builtin("sipas-2023").unwrap();
    let mut csv = String::from("respondent,unit,item,answer\n");
    for (unit, answers) in [("Top", ["5", "5", "4"]), ("Low", ["1", "2", "4"]), ("Mid", ["3", "4", "2"])] {
        for (r, a) in answers.iter().enumerate() {
            for item in fw.leaf_codes() {
                csv.push_str(&format!("{unit}-{r},{unit},{item},{a}\n"));
            }
        }
    }
    let s = Survey::from_csv(&csv, "leader", fw, &SurveyOptions::default()).unwrap();
    let b = boot(&s, 200, 1);
    let top = b.unit("Top").unwrap();
    assert_eq!((top.rank.rank, top.rank.counts[0], top.rank.low, top.rank.high), (1, 200, 1, 1));
    assert_eq!(top.sipas.low, parindex::Decimal::ONE_HUNDRED);
    assert_eq!(top.rank.probability_at_most(1), parindex::Decimal::ONE);
}

#[cfg(feature = "parallel")]
#[test]
fn one_thread_or_many_give_the_same_result() {
    let s = synthetic(7, 90, 8);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| boot(&s, 64, 5))
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
}

#[test]
fn weighted_bootstrap_is_reproducible() {
    let fw = builtin("sipas-2023").unwrap();
    let s = Survey::synthetic(fw, &SyntheticSpec { units: 4, respondents: 120, weighted: true, ..Default::default() })
        .unwrap();
    let a = boot(&s, 100, 3);
    assert!(a.weighted);
    assert_eq!(a, boot(&s, 100, 3));
    for u in &a.units {
        assert!(u.sipas.contains_estimate(), "{}: {:?}", u.unit, u.sipas);
    }
}

/// Long-form CSV lines of a small synthetic survey (header first).
fn long_lines() -> Vec<String> {
    synthetic(3, 12, 21).to_long_csv().unwrap().lines().map(str::to_string).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any order of the respondents' rows: the same indices, intervals and rank distributions.
    #[test]
    fn permuting_rows_changes_nothing(shuffled in Just(long_lines()[1..].to_vec()).prop_shuffle()) {
        let fw = builtin("sipas-2023").unwrap();
        let lines = long_lines();
        let base = Survey::from_csv(&(lines.join("\n") + "\n"), "base", fw, &SurveyOptions::default()).unwrap();
        let text = std::iter::once(lines[0].clone()).chain(shuffled).collect::<Vec<_>>().join("\n") + "\n";
        let perm = Survey::from_csv(&text, "base", fw, &SurveyOptions::default()).unwrap();
        let o = SipasOptions::default();
        let (a, b) = (base.compute(&o).unwrap(), perm.compute(&o).unwrap());
        for u in &a.units {
            let v = b.index(&u.unit).unwrap();
            prop_assert_eq!((u.sipas, u.rank, &u.nodes, &u.items), (v.sipas, v.rank, &v.nodes, &v.items));
        }
        let (x, y) = (boot(&base, 20, 7), boot(&perm, 20, 7));
        for u in &x.units {
            prop_assert_eq!(u, y.unit(&u.unit).unwrap());
        }
    }
}

/// Pinned values: any change to the generator, the draws or the arithmetic shows here (and a
/// platform that computed differently would fail it).
#[test]
fn golden_values_pin_the_generator() {
    let fw = parindex::Framework::from_json_path(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/sipas/mini-framework.json"),
    )
    .unwrap();
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/sipas/mini-wide.csv");
    let s = Survey::from_csv_path(path, &fw, &SurveyOptions::default()).unwrap();
    let b = boot(&s, 50, 7);
    let a = b.unit("Alpha").unwrap();
    let d = |s: &str| s.parse::<parindex::Decimal>().unwrap();
    assert_eq!((a.sipas.low, a.sipas.high, a.sipas.std_error), (d("51.125"), d("73.875"), d("5.513948505192")));
    assert_eq!(a.rank.counts, vec![18, 32]);
    let beta = b.unit("Beta").unwrap();
    assert_eq!((beta.sipas.low, beta.sipas.high), (d("0"), d("100")));
    let syn = synthetic(3, 40, 1);
    let c = boot(&syn, 25, 3);
    assert_eq!((c.units[0].sipas.low, c.units[0].sipas.high), (d("84.743655152637"), d("90.029541711073")));
    assert_eq!(c.units[0].rank.counts, vec![25, 0, 0]);
}

/// Decimal places of every value (percent or share) under the keys that hold statistics.
fn max_places(v: &serde_json::Value, out: &mut Vec<(String, u32)>) {
    const KEYS: &[&str] =
        &["sipas", "value", "satisfaction", "sipas_before", "sipas_after", "estimate", "low", "high", "std_error"];
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let text = match x {
                    serde_json::Value::String(t) => Some(t.clone()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                };
                if let (true, Some(t)) = (KEYS.contains(&k.as_str()), text) {
                    if let Ok(d) = t.parse::<parindex::Decimal>() {
                        out.push((format!("{k}={t}"), d.scale()));
                    }
                }
                max_places(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| max_places(x, out)),
        _ => {}
    }
}

/// No value a SIPAS result, what-if or bootstrap shows carries more than the stated
/// decimals (the exact values underneath have up to 28).
#[test]
fn shown_values_carry_the_stated_decimals_only() {
    use parindex::sipas::NodeChange;
    let s = synthetic(7, 37, 3);
    for decimals in [4u32, 2, 0] {
        let options = SipasOptions { decimals, ..SipasOptions::default() };
        let r = s.compute(&options).unwrap();
        // The exact values do carry noise digits: the check below is not vacuous.
        assert!(r.units.iter().any(|u| u.sipas.scale() > 4));
        let unit = r.units[0].unit.clone();
        let w = r.what_if(&unit, &[NodeChange::add("procedures", parindex::Decimal::new(1234, 3))]).unwrap();
        let b = s.bootstrap(&options, &BootstrapOptions { replicates: 50, seed: 1, ..BootstrapOptions::default() });
        let b = b.unwrap().shown();
        let mut seen = Vec::new();
        for value in [
            serde_json::to_value(r.shown_units()).unwrap(),
            serde_json::to_value(w.shown()).unwrap(),
            serde_json::to_value(&b).unwrap(),
        ] {
            max_places(&value, &mut seen);
        }
        assert!(seen.len() > 100, "{}", seen.len());
        for (what, places) in &seen {
            assert!(*places <= decimals, "{what} has {places} > {decimals} decimals");
        }
        let share = b.shown_share(b.units[0].rank.probability_at_most(3));
        assert!(share.scale() <= decimals + 2, "{share}");
        let t = r.league_table().unwrap();
        for u in &r.units {
            assert_eq!(t.score(&u.unit).unwrap(), Some(r.shown(u.sipas)));
            // The table ranks as the result does.
            assert_eq!(t.rank(&u.unit).unwrap(), Some(u.rank));
        }
    }
}
