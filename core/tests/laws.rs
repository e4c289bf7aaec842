//! Property tests: the laws scoring and ranking must obey.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code: a panic is a failure

mod common;
use parindex::framework::{CsvFrameworkOptions, Node, Status};
use parindex::province::registry;
use parindex::{
    ranks_from_scores, CsvTableOptions, Decimal, EntryInput, Framework, IndexKind, LeagueTable, Scorecard, TiePolicy,
};
use proptest::prelude::*;

fn hundredths(v: i64) -> Decimal {
    Decimal::new(v, 2)
}

/// A full table of 63 scores (hundredths), and for each province what is published:
/// 0 = both, 1 = rank only, 2 = score only, 3 = nothing.
fn partial_table() -> impl Strategy<Value = (Vec<i64>, Vec<u8>)> {
    (prop::collection::vec(7000i64..9500, 63), prop::collection::vec(0u8..4, 63))
}

fn build(scores: &[i64], shown: &[u8], focal: usize) -> LeagueTable {
    let names: Vec<String> = registry().unwrap().provinces().iter().map(|p| p.name.clone()).collect();
    let decimals: Vec<Decimal> = scores.iter().map(|s| hundredths(*s)).collect();
    let ranks = ranks_from_scores(&decimals, TiePolicy::Competition);
    let entries = names
        .iter()
        .zip(&decimals)
        .zip(&ranks)
        .zip(shown)
        .enumerate()
        .filter_map(|(i, (((name, score), rank), show))| {
            let show = if i == focal { 0 } else { *show };
            let (score, rank) = match show {
                0 => (Some(*score), Some(i64::from(*rank))),
                1 => (None, Some(i64::from(*rank))),
                2 => (Some(*score), None),
                _ => return None,
            };
            Some(EntryInput { province: name.clone(), score, rank, ..Default::default() })
        })
        .collect();
    LeagueTable::from_entries(entries, &CsvTableOptions::new(IndexKind::Par, 2023), None).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn ranks_are_a_tie_aware_permutation(scores in prop::collection::vec(0i64..200, 1..80)) {
        let d: Vec<Decimal> = scores.iter().map(|s| hundredths(*s)).collect();
        let ranks = ranks_from_scores(&d, TiePolicy::Competition);
        for i in 0..d.len() {
            for j in 0..d.len() {
                if d[i] > d[j] { prop_assert!(ranks[i] < ranks[j]); }
                if d[i] == d[j] { prop_assert_eq!(ranks[i], ranks[j]); }
            }
        }
        // Sorted, the ranks are 1..=n with each tie group sharing its first position.
        let mut sorted = ranks.clone();
        sorted.sort_unstable();
        for (k, r) in sorted.iter().enumerate() {
            let pos = k as u32 + 1;
            prop_assert!(*r <= pos);
            if *r < pos { prop_assert_eq!(*r, sorted[k - 1]); } else { prop_assert_eq!(*r, pos); }
        }
        // Dense ranks are 1..=distinct with no gap.
        let dense = ranks_from_scores(&d, TiePolicy::Dense);
        let mut distinct = d.clone(); distinct.sort(); distinct.dedup();
        prop_assert_eq!(*dense.iter().max().unwrap() as usize, distinct.len());
    }

    #[test]
    fn more_points_never_worsen_a_rank((scores, shown) in partial_table(), focal in 0usize..63, a in 0i64..10000, b in 0i64..10000) {
        let t = build(&scores, &shown, focal);
        let name = registry().unwrap().provinces()[focal].name.clone();
        let (lo, hi) = (a.min(b), a.max(b));
        for policy in [TiePolicy::Competition, TiePolicy::Unrounded] {
            let t = t.with_tie_policy(policy);
            let r_lo = t.rank_if(&name, hundredths(lo)).unwrap();
            let r_hi = t.rank_if(&name, hundredths(hi)).unwrap();
            prop_assert!(r_hi.best <= r_lo.best && r_hi.worst <= r_lo.worst && r_hi.estimate <= r_lo.estimate);
            prop_assert!(r_hi.best <= r_hi.estimate && r_hi.estimate <= r_hi.worst);
        }
    }

    #[test]
    fn points_to_rank_is_tight((scores, shown) in partial_table(), focal in 0usize..63, target in 1u32..=63) {
        let t = build(&scores, &shown, focal);
        let name = registry().unwrap().provinces()[focal].name.clone();
        let need = t.points_to_rank(&name, target).unwrap();
        prop_assert!(need.low <= need.estimate && need.estimate <= need.high);
        let current = hundredths(scores[focal]);
        if current + need.high <= Decimal::ONE_HUNDRED {
            // Gaining `high` reaches the target whatever the unknown scores are.
            prop_assert!(t.rank_with_gain(&name, need.high).unwrap().worst <= target);
        }
        if need.low > Decimal::ZERO {
            // One step less than `low` misses it even in the best case.
            prop_assert!(t.rank_with_gain(&name, need.low - hundredths(1)).unwrap().best > target);
        }
        // The truth (the full table the data were drawn from) lies within the bounds.
        let all: Vec<Decimal> = scores.iter().enumerate().filter(|(i, _)| *i != focal).map(|(_, s)| hundredths(*s)).collect();
        let mut sorted = all.clone(); sorted.sort_by(|x, y| y.cmp(x));
        if (target as usize) <= sorted.len() {
            let truth = (sorted[target as usize - 1] - current).max(Decimal::ZERO);
            prop_assert!(need.low <= truth && truth <= need.high, "{need:?} vs {truth}");
        }
    }
}

/// A random framework: fields with criteria with sub-criteria, maxima in hundredths,
/// parents the sums of their children; some maxima hidden.
fn framework() -> impl Strategy<Value = Framework> {
    prop::collection::vec(prop::collection::vec(prop::collection::vec((1i64..500, any::<bool>()), 0..4), 1..4), 1..5)
        .prop_map(|fields| {
            let mut nodes = Vec::new();
            let mut total = Decimal::ZERO;
            let node = |code: String, max: Decimal, hide: bool| Node {
                name_vi: format!("Tiêu chí {code}"),
                name_en: String::new(),
                max_points: (!hide).then_some(max),
                at_least: None,
                method: None,
                rule: None,
                status: if hide { Status::Unknown } else { Status::Confirmed },
                source: None,
                note: None,
                code,
            };
            for (f, criteria) in fields.iter().enumerate() {
                let mut field_nodes = Vec::new();
                let mut field_max = Decimal::ZERO;
                for (c, subs) in criteria.iter().enumerate() {
                    let code = format!("{}.{}", f + 1, c + 1);
                    let sub_nodes: Vec<Node> = subs
                        .iter()
                        .enumerate()
                        .map(|(s, (m, hide))| node(format!("{code}.{}", s + 1), hundredths(*m), *hide && s == 0))
                        .collect();
                    let crit_max: Decimal =
                        if subs.is_empty() { hundredths(100) } else { subs.iter().map(|(m, _)| hundredths(*m)).sum() };
                    field_max += crit_max;
                    field_nodes.push(node(code, crit_max, false));
                    field_nodes.extend(sub_nodes);
                }
                total += field_max;
                nodes.push(node(format!("{}", f + 1), field_max, false));
                nodes.extend(field_nodes);
            }
            let meta = Framework::empty("random", IndexKind::Custom("random".into()), "ngẫu nhiên", Some(total));
            Framework::from_parts(meta, nodes, vec![], vec![]).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn frameworks_round_trip_through_json_and_csv(fw in framework()) {
        let back = Framework::from_json(&fw.to_json().unwrap(), "rt.json").unwrap();
        prop_assert_eq!(&back, &fw);
        let opts = CsvFrameworkOptions { id: fw.id.clone(), index: fw.index.clone(), name_vi: fw.name_vi.clone(), ..Default::default() };
        let csv_back = Framework::from_csv(&fw.to_csv().unwrap(), "rt.csv", &opts).unwrap();
        prop_assert_eq!(csv_back.nodes(), fw.nodes());
    }

    #[test]
    fn aggregation_never_exceeds_the_maximum(fw in framework(), fractions in prop::collection::vec(0u32..=100, 64)) {
        let mut card = Scorecard::new(fw.clone(), "Lạng Sơn");
        for (leaf, f) in fw.leaves().iter().zip(fractions.iter().cycle()) {
            if let Some(max) = leaf.max_points {
                card.set(&leaf.code, (max * Decimal::from(*f) / Decimal::ONE_HUNDRED).round_dp(2)).unwrap();
            }
        }
        for row in card.rows() {
            if let (Some(p), Some(m)) = (row.points, row.max_points) {
                prop_assert!(p <= m, "{} has {} > {}", row.code, p, m);
                prop_assert!(p >= Decimal::ZERO);
            }
        }
        if let Some(index) = card.index() {
            prop_assert!(index <= Decimal::ONE_HUNDRED);
        }
    }
}
