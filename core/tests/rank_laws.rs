//! The laws of the one ranking semantics, on random published-style tables (63 provinces,
//! 2 decimals) and random tables of unrounded values (3–4 decimals, compared as given or at
//! a set precision), partial and full, under the competition and unrounded tie policies:
//!
//! 1. `rank_with_gain(p, points_to_rank(p, N).high).worst ≤ N`, and one unit of the table's
//!    precision less does not guarantee N; `points_to_rank` never grows with N.
//! 2. `rank_if(p, score_to_rank(p, N).high).worst ≤ N` (and one unit less misses N).
//! 3. `plan(…, N).rank_after.worst ≤ N` whenever the plan is feasible.
//! 4. A what-if's ranks are `rank_if` of its index, and the change is applied once.
//! 5. A SIPAS what-if's rank is the SIPAS league table's `rank_if` of the new value.
//! 6. Dense ranking of a complete table: no made-up problem, a rank is `rank_if` at the
//!    province's own score, and law 1 holds.
//!
//! 10⁴ cases per law (2,000 for law 6) with a fixed seed (the same cases in every run).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

mod common;
use common::testdata;
use parindex::framework::{CsvFrameworkOptions, Framework};
use parindex::province::registry;
use parindex::simulate::{plan, what_if, Basis, Change, Scenario};
use parindex::sipas::{NodeChange, SipasOptions, Survey, SurveyOptions};
use parindex::{CsvTableOptions, Decimal, EntryInput, IndexKind, LeagueTable, Ranking, Scorecard, TiePolicy};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use std::sync::OnceLock;

fn config(cases: u32) -> Config {
    Config { cases, rng_seed: RngSeed::Fixed(9), failure_persistence: None, ..Config::default() }
}

/// A random table: true scores (integers in units of 10^−scale), what is published of each
/// (0 both, 1 rank only, 2 score only, 3 nothing), the decimals set by the caller, the tie
/// policy, and the province asked about (always with a published score).
#[derive(Debug, Clone)]
struct Case {
    published_style: bool,
    scale: u32,
    scores: Vec<i64>,
    shown: Vec<u8>,
    decimals: Option<u32>,
    policy: TiePolicy,
    focal: usize,
    focal_rank_shown: bool,
    target: u32,
}

fn case() -> impl Strategy<Value = Case> {
    let published = (prop::collection::vec(7000i64..9500, 63), prop::collection::vec(0u8..4, 63), any::<bool>())
        .prop_map(|(s, shown, full)| (true, 2u32, s, if full { vec![0; 63] } else { shown }, None));
    let unrounded = (3u32..5, 3usize..40, any::<bool>(), prop::option::of(2u32..4))
        .prop_flat_map(|(scale, n, full, decimals)| {
            let unit = 10i64.pow(scale);
            (
                Just(scale),
                prop::collection::vec(70 * unit..95 * unit, n),
                prop::collection::vec(0u8..4, n),
                Just(full),
                Just(decimals),
            )
        })
        .prop_map(|(scale, s, shown, full, decimals)| {
            let n = s.len();
            (false, scale, s, if full { vec![0; n] } else { shown }, decimals)
        });
    (
        prop_oneof![published, unrounded],
        any::<bool>(),
        any::<prop::sample::Index>(),
        any::<bool>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(
            |((published_style, scale, scores, shown, decimals), unrounded, focal, focal_rank_shown, target)| {
                let n = scores.len();
                Case {
                    published_style,
                    scale,
                    focal: focal.index(n),
                    target: u32::try_from(target.index(n)).unwrap() + 1,
                    scores,
                    shown,
                    decimals,
                    policy: if unrounded { TiePolicy::Unrounded } else { TiePolicy::Competition },
                    focal_rank_shown,
                }
            },
        )
}

fn names(c: &Case) -> Vec<String> {
    if c.published_style {
        registry().unwrap().provinces().iter().map(|p| p.name.clone()).collect()
    } else {
        (1..=c.scores.len()).map(|i| format!("Đơn vị {i}")).collect()
    }
}

impl Case {
    fn score(&self, i: usize) -> Decimal {
        Decimal::new(self.scores[i], self.scale)
    }

    fn name(&self) -> String {
        names(self)[self.focal].clone()
    }

    /// The table as a source would publish it: ranks consistent with the scores at the
    /// precision compared.
    fn table(&self) -> LeagueTable {
        let n = self.scores.len();
        let all: Vec<Decimal> = (0..n).map(|i| self.score(i)).collect();
        let compared = self.decimals.unwrap_or(self.scale.max(2));
        let ranks = Ranking { decimals: compared, policy: TiePolicy::Competition }.ranks(&all);
        let entries = names(self)
            .into_iter()
            .enumerate()
            .filter_map(|(i, province)| {
                let show = match (i == self.focal, self.focal_rank_shown) {
                    (true, true) => 0,
                    (true, false) => 2,
                    _ => self.shown[i],
                };
                let (score, rank) = match show {
                    0 => (Some(all[i]), Some(i64::from(ranks[i]))),
                    1 => (None, Some(i64::from(ranks[i]))),
                    2 => (Some(all[i]), None),
                    _ => return None,
                };
                Some(EntryInput { province, score, rank, ..Default::default() })
            })
            .collect();
        let options = if self.published_style {
            CsvTableOptions { decimals: Some(2), ..CsvTableOptions::new(IndexKind::Par, 2023) }
        } else {
            CsvTableOptions {
                decimals: self.decimals,
                of: Some(u32::try_from(n).unwrap()),
                ..CsvTableOptions::new(IndexKind::Custom("đơn vị".into()), 2024)
            }
        };
        LeagueTable::from_entries(entries, &options, None).unwrap().with_tie_policy(self.policy)
    }
}

/// A framework of two fields of 50 points (total 100), so that points are percent, for
/// the index of the case's table.
fn two_fields(index: IndexKind) -> Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    let mut fw = FW
        .get_or_init(|| {
            Framework::from_csv_path(testdata("ranking/district-framework.csv"), &CsvFrameworkOptions::default())
                .unwrap()
        })
        .clone();
    fw.index = index;
    fw
}

fn card(c: &Case) -> Scorecard {
    let s = c.score(c.focal);
    let first = s.min(Decimal::from(50));
    let index = if c.published_style { IndexKind::Par } else { IndexKind::Custom("đơn vị".into()) };
    Scorecard::from_points(two_fields(index), &c.name(), [("1", first), ("2", s - first)]).unwrap()
}

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn points_to_rank_is_the_least_gain_that_rank_with_gain_accepts(c in case()) {
        let t = c.table();
        let (name, n, unit) = (c.name(), c.target, t.ranking().unit());
        let need = t.points_to_rank(&name, n).unwrap();
        prop_assert!(need.low <= need.estimate && need.estimate <= need.high, "{need:?}");
        if c.score(c.focal) + need.high <= Decimal::ONE_HUNDRED {
            let after = t.rank_with_gain(&name, need.high).unwrap();
            prop_assert!(after.worst <= n, "+{} gives {after:?} for #{n} ({c:?})", need.high);
            let best = t.rank_with_gain(&name, need.low).unwrap();
            prop_assert!(best.best <= n, "+{} gives {best:?} for #{n}", need.low);
        }
        if need.high > Decimal::ZERO {
            let less = t.rank_with_gain(&name, need.high - unit).unwrap();
            prop_assert!(less.worst > n, "+{} − {unit} still gives {less:?} for #{n} ({c:?})", need.high);
        }
        if need.low > Decimal::ZERO {
            prop_assert!(t.rank_with_gain(&name, need.low - unit).unwrap().best > n);
        }
        if n < t.of() {
            let next = t.points_to_rank(&name, n + 1).unwrap();
            prop_assert!(next.high <= need.high && next.low <= need.low, "{next:?} vs {need:?}");
        }
    }

    #[test]
    fn rank_if_agrees_with_score_to_rank(c in case()) {
        let t = c.table();
        let (name, n, unit) = (c.name(), c.target, t.ranking().unit());
        let s = t.score_to_rank(&name, n).unwrap();
        if s.high <= Decimal::ONE_HUNDRED {
            prop_assert!(t.rank_if(&name, s.high).unwrap().worst <= n);
        }
        if s.high > Decimal::ZERO && s.high <= Decimal::ONE_HUNDRED {
            prop_assert!(t.rank_if(&name, s.high - unit).unwrap().worst > n);
        }
        // Compared at the table's decimals: any value that rounds to `high` is as good.
        if s.high > unit && s.high < Decimal::ONE_HUNDRED {
            let just = s.high - unit / Decimal::TWO;
            prop_assert!(t.rank_if(&name, just).unwrap().worst <= n, "{just}");
        }
    }

    #[test]
    fn a_feasible_plan_reaches_its_target(c in case()) {
        let t = c.table();
        let p = plan(&card(&c), &t, c.target, &[], Basis::High).unwrap();
        if p.feasible {
            prop_assert!(p.rank_after.worst <= c.target, "{p:?}");
        }
        prop_assert_eq!(p.required, t.points_to_rank(&c.name(), c.target).unwrap().high);
    }

    #[test]
    fn what_if_ranks_are_rank_if_of_the_new_index(c in case(), g in -3000i64..3000) {
        let t = c.table();
        let card = card(&c);
        let s = c.score(c.focal);
        let g = Decimal::new(g, 2).clamp(-s, Decimal::ONE_HUNDRED - s);
        let scenario = Scenario { name: "g".into(), changes: vec![Change::Add { code: "total".into(), points: g }] };
        let w = &what_if(&card, Some(&t), &[scenario]).unwrap()[0];
        prop_assert_eq!(w.points_after, s + g);
        prop_assert_eq!(w.rank_after.unwrap(), t.rank_if(&c.name(), w.index_after).unwrap());
        prop_assert_eq!(w.rank_before.unwrap(), t.rank_if(&c.name(), s).unwrap());
        prop_assert_eq!(w.rank_after.unwrap(), t.rank_with_gain(&c.name(), g).unwrap());
    }
}

/// Survey answers (1–5) of 2–6 units of 1–7 respondents on the 5 items of the miniature
/// SIPAS framework, as wide CSV.
fn survey() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(prop::collection::vec(1u8..6, 5), 1..8), 2..7).prop_map(|units| {
        let mut csv = String::from("respondent,unit,P.1.1,P.1.2,S.1.1,S.1.2,S.2.1\n");
        for (u, people) in units.iter().enumerate() {
            for (r, answers) in people.iter().enumerate() {
                let a: Vec<String> = answers.iter().map(ToString::to_string).collect();
                csv.push_str(&format!("r{u}-{r},Đơn vị {u},{}\n", a.join(",")));
            }
        }
        csv
    })
}

fn mini() -> &'static Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    FW.get_or_init(|| Framework::from_json_path(testdata("sipas/mini-framework.json")).unwrap())
}

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn sipas_what_if_is_the_league_tables_rank_if(
        csv in survey(), unit in any::<prop::sample::Index>(), add in -2000i64..2000, unrounded in any::<bool>(),
    ) {
        let survey = Survey::from_csv(&csv, "random", mini(), &SurveyOptions::default()).unwrap();
        let policy = if unrounded { TiePolicy::Unrounded } else { TiePolicy::Competition };
        let r = survey.compute(&SipasOptions { tie_policy: policy, ..SipasOptions::default() }).unwrap();
        let t = r.league_table().unwrap();
        let u = &r.units[unit.index(r.units.len())];
        prop_assert_eq!(t.rank(&u.unit).unwrap(), Some(u.rank));
        let w = r.what_if(&u.unit, &[NodeChange::add("sipas", Decimal::new(add, 2))]).unwrap();
        prop_assert_eq!(w.rank_after, t.rank_if(&u.unit, w.sipas_after).unwrap().best);
        prop_assert_eq!(w.rank_before, u.rank);
    }
}

/// A complete table (every score, no rank given: the ranks follow from the scores) under
/// dense ranking (1, 2, 2, 3).
fn dense_case() -> impl Strategy<Value = Case> {
    case().prop_map(|c| Case { shown: vec![2; c.scores.len()], focal_rank_shown: false, policy: TiePolicy::Dense, ..c })
}

proptest! {
    #![proptest_config(config(2_000))]

    /// Dense ranking of a complete table: no problem is made up, a province's rank is its
    /// `rank_if` at its own score, and law 1 holds (the least gain, one unit less misses).
    #[test]
    fn dense_ranking_of_a_complete_table_answers_alike(c in dense_case()) {
        let t = c.table();
        prop_assert!(t.problems().is_empty(), "{:?}", t.problems());
        let (name, n, unit) = (c.name(), c.target, t.ranking().unit());
        let own = t.rank(&name).unwrap().unwrap();
        let at_own = t.rank_if(&name, c.score(c.focal)).unwrap();
        prop_assert_eq!((at_own.best, at_own.worst), (own, own));
        let need = t.points_to_rank(&name, n).unwrap();
        if c.score(c.focal) + need.high <= Decimal::ONE_HUNDRED {
            prop_assert!(t.rank_with_gain(&name, need.high).unwrap().worst <= n, "{need:?} for #{n}");
        }
        if need.high > Decimal::ZERO {
            prop_assert!(t.rank_with_gain(&name, need.high - unit).unwrap().worst > n, "{need:?} for #{n}");
        }
    }
}
