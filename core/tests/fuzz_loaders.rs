//! Byte-level fuzzing of every core loader, and laws on random valid inputs.
//!
//! Inputs: random bytes, and mutated copies of the testdata files (bytes flipped, inserted,
//! deleted or repeated; tokens such as `,` `"` `\r` NUL `1e999` a byte-order mark spliced
//! in). Every call must return `Ok` or a typed [`Error`] (never panic), and an error's row
//! must lie within the input (CSV: at most its number of lines; JSON: at most its length).
//!
//! CI runs a fixed number of cases from fixed seeds (see [`config`]). A longer run, e.g.
//! 20,000 cases per property from another seed:
//!
//! ```text
//! PROPTEST_CASES=20000 FUZZ_SEED=7 cargo test --release -p parindex --test fuzz_loaders
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

mod common;

use common::testdata;
use parindex::framework::{builtin, CsvFrameworkOptions};
use parindex::league::{CsvTableOptions, TiePolicy};
use parindex::sipas::{Layout, SipasOptions, Survey, SurveyOptions, SyntheticSpec};
use parindex::{Decimal, Error, Framework, IndexKind, LeagueTable, Scorecard};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use std::sync::OnceLock;

/// Cases per property in CI (the test command); `PROPTEST_CASES` sets another number.
const CI_CASES: u32 = 400;

/// Fixed seeds (`FUZZ_SEED` picks another), no persistence files.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(CI_CASES);
    let seed = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_206);
    Config { cases, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..Config::default() }
}

/// The testdata files a loader reads, as seeds for mutation.
fn seeds(files: &[&str]) -> Vec<Vec<u8>> {
    files.iter().map(|f| std::fs::read(testdata(f)).unwrap()).collect()
}

fn dir_seeds(dir: &str, ext: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(testdata(dir))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(ext))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    out.sort();
    out
}

const TOKENS: &[&[u8]] = &[
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"\"",
    b"\0",
    b"-1",
    b"-0",
    b"1e999",
    b"NaN",
    b"9,5",
    b"99999999999999999999999999999",
    b"0.0000000000000000000000000001",
    "\u{feff}".as_bytes(),
    "\u{fffd}".as_bytes(),
    b"null",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    "Tổng".as_bytes(),
    b"total",
    b"dk",
    "Lạng Sơn".as_bytes(),
    b"  ",
    b"",
    b"\xff\xfe",
    b"\xe1",
];

/// One mutation: (operation, position, byte, token).
type Mutation = (u8, usize, u8, usize);

fn mutate(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for &(op, pos, byte, token) in mutations {
        let at = if b.is_empty() { 0 } else { pos % (b.len() + 1) };
        match op % 5 {
            0 if at < b.len() => b[at] = byte,
            1 => b.insert(at, byte),
            2 => {
                let end = (at + usize::from(byte % 32)).min(b.len());
                b.drain(at..end);
            }
            3 => {
                let t = TOKENS[token % TOKENS.len()];
                b.splice(at..at, t.iter().copied());
            }
            _ => {
                let end = (at + usize::from(byte)).min(b.len());
                let copy = b[at..end].to_vec();
                b.splice(at..at, copy);
            }
        }
    }
    b
}

/// Random bytes, or a mutated copy of one of `seeds`.
fn input(seeds: &'static [Vec<u8>]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..400),
        1 => proptest::collection::vec(prop_oneof![Just(b'a'), Just(b','), Just(b'\n'), Just(b'\r'), Just(b'"'), Just(b'1'), any::<u8>()], 0..200),
        6 => (0..seeds.len(), proptest::collection::vec(any::<Mutation>(), 1..6))
            .prop_map(move |(i, m)| mutate(&seeds[i], &m)),
    ]
}

/// Lines of `bytes` as the loaders count them (`\n`, `\r\n` or a lone `\r` end a line).
fn lines(bytes: &[u8]) -> usize {
    let mut n = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// Ok, or a typed error whose row is within `max_row`.
fn check<T>(result: Result<T, Error>, max_row: usize) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        prop_assert!(!e.kind().is_empty() && !e.to_string().is_empty());
        if let Some(row) = e.location().and_then(|at| at.row) {
            prop_assert!((1..=max_row).contains(&row), "row {row} beyond {max_row}: {e}");
        }
    }
    Ok(())
}

/// A CSV loader, fed the bytes as a stream and (lossily decoded) as text.
fn check_csv<T>(
    bytes: &[u8],
    load: impl Fn(&str) -> Result<T, Error>,
    stream: impl Fn(&[u8]) -> Result<T, Error>,
) -> Result<(), TestCaseError> {
    check(stream(bytes), lines(bytes))?;
    let text = String::from_utf8_lossy(bytes);
    check(load(&text), lines(text.as_bytes()))
}

fn table_seeds() -> &'static [Vec<u8>] {
    static S: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    S.get_or_init(|| {
        let mut files = vec!["published/par_index_provinces.csv".to_string(), "published/sipas_provinces.csv".into()];
        files.extend(dir_seeds("bad", ".csv").into_iter().filter(|f| f.contains("table-")));
        seeds(&files.iter().map(String::as_str).collect::<Vec<_>>())
    })
}

fn framework_csv_seeds() -> &'static [Vec<u8>] {
    static S: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    S.get_or_init(|| {
        let mut files = vec!["frameworks/district-index-example.csv".to_string()];
        files.extend(dir_seeds("bad", ".csv").into_iter().filter(|f| f.contains("framework-")));
        seeds(&files.iter().map(String::as_str).collect::<Vec<_>>())
    })
}

fn json_seeds() -> &'static [Vec<u8>] {
    static S: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    S.get_or_init(|| {
        let mut all = seeds(&["sipas/mini-framework.json", "bad/framework-truncated.json"]);
        all.push(builtin("par-2022").unwrap().to_json().unwrap().into_bytes());
        all
    })
}

fn scorecard_seeds() -> &'static [Vec<u8>] {
    static S: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    S.get_or_init(|| {
        let mut files = vec!["published/par_index_scorecards.csv".to_string()];
        files.extend(dir_seeds("bad", ".csv").into_iter().filter(|f| f.contains("scorecard-")));
        seeds(&files.iter().map(String::as_str).collect::<Vec<_>>())
    })
}

fn survey_csv_seeds() -> &'static [Vec<u8>] {
    static S: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    S.get_or_init(|| {
        let mut files = dir_seeds("sipas", ".csv");
        files.extend(dir_seeds("sipas/bad", ".csv"));
        seeds(&files.iter().map(String::as_str).collect::<Vec<_>>())
    })
}

fn survey_json_seeds() -> &'static [Vec<u8>] {
    static S: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    S.get_or_init(|| {
        let mut files: Vec<String> =
            dir_seeds("sipas", ".json").into_iter().filter(|f| !f.contains("framework")).collect();
        files.extend(dir_seeds("sipas/bad", ".json"));
        seeds(&files.iter().map(String::as_str).collect::<Vec<_>>())
    })
}

fn mini() -> &'static Framework {
    static F: OnceLock<Framework> = OnceLock::new();
    F.get_or_init(|| Framework::from_json_path(testdata("sipas/mini-framework.json")).unwrap())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn league_table_loader_never_panics(bytes in input(table_seeds()), custom in any::<bool>()) {
        let options = if custom {
            CsvTableOptions::new(IndexKind::Custom("sở".into()), 2023)
        } else {
            CsvTableOptions::new(IndexKind::Par, 2023)
        };
        check_csv(
            &bytes,
            |t| LeagueTable::from_csv(t, "t.csv", &options),
            |b| LeagueTable::from_csv_reader(b, "t.csv", &options),
        )?;
    }

    #[test]
    fn framework_loaders_never_panic(csv in input(framework_csv_seeds()), json in input(json_seeds())) {
        let options = CsvFrameworkOptions::default();
        check_csv(
            &csv,
            |t| Framework::from_csv(t, "f.csv", &options),
            |b| Framework::from_csv_reader(b, "f.csv", &options),
        )?;
        let text = String::from_utf8_lossy(&json);
        check(Framework::from_json(&text, "f.json"), text.len() + 1)?;
        check(parindex::io::text_from_bytes(json.clone(), "f.json", 1 << 20), lines(&json))?;
    }

    #[test]
    fn scorecard_loader_never_panics(bytes in input(scorecard_seeds()), year in prop_oneof![Just(None), Just(Some(2023u16))]) {
        let fw = builtin("par-2022").unwrap().clone();
        check_csv(
            &bytes,
            |t| Scorecard::from_csv(t, "s.csv", fw.clone(), "Quảng Nam", year),
            |b| Scorecard::from_csv_reader(b, "s.csv", fw.clone(), "Quảng Nam", year, 1 << 20),
        )?;
    }

    #[test]
    fn survey_csv_loader_never_panics(bytes in input(survey_csv_seeds()), layout in 0u8..3, lenient in any::<bool>()) {
        let options = SurveyOptions {
            layout: [Layout::Auto, Layout::Long, Layout::Wide][usize::from(layout)],
            require_all_items: !lenient,
            ..SurveyOptions::default()
        };
        check_csv(
            &bytes,
            |t| Survey::from_csv(t, "s.csv", mini(), &options),
            |b| Survey::from_csv_reader(b, "s.csv", mini(), &options),
        )?;
    }

    #[test]
    fn survey_json_loader_never_panics(bytes in input(survey_json_seeds()), lenient in any::<bool>()) {
        let options = SurveyOptions { require_all_items: !lenient, ..SurveyOptions::default() };
        check(Survey::from_json_reader(&bytes[..], "s.json", mini(), &options), bytes.len() + 1)?;
        let text = String::from_utf8_lossy(&bytes);
        check(Survey::from_json(&text, "s.json", mini(), &options), text.len() + 1)?;
    }

    /// Ranks computed from scores are a tie-aware permutation (competition: 1 + the number
    /// strictly ahead), more points are never a worse rank, and the table reads back as written.
    #[test]
    fn tables_from_scores_rank_by_score(hundredths in proptest::collection::vec(0i64..=10_000, 1..40)) {
        let mut csv = String::from("unit,score\n");
        for (i, h) in hundredths.iter().enumerate() {
            csv.push_str(&format!("Đơn vị {i},{}\n", Decimal::new(*h, 2)));
        }
        let options = CsvTableOptions::new(IndexKind::Custom("sở".into()), 2024);
        let before = csv.clone();
        let table = LeagueTable::from_csv(&csv, "t.csv", &options).unwrap().with_tie_policy(TiePolicy::Competition);
        prop_assert_eq!(&csv, &before);
        let entries = table.entries();
        prop_assert_eq!(entries.len(), hundredths.len());
        for a in entries {
            let (ra, sa) = (a.rank.unwrap(), a.score.unwrap());
            let ahead = entries.iter().filter(|b| b.score.unwrap() > sa).count();
            prop_assert_eq!(ra as usize, ahead + 1);
            for b in entries {
                if sa > b.score.unwrap() {
                    prop_assert!(ra < b.rank.unwrap());
                }
            }
        }
        let again = LeagueTable::from_csv(&table.to_csv().unwrap(), "t.csv", &options).unwrap();
        let key = |t: &LeagueTable| t.entries().iter().map(|e| (e.province.clone(), e.score, e.rank)).collect::<Vec<_>>();
        prop_assert_eq!(key(&again), key(&table));
    }

    /// A survey written long or wide reads back the same (in any row order, the same answers), and
    /// computing on it changes nothing.
    #[test]
    fn surveys_read_back_as_written(seed in any::<u64>(), units in 1u32..5, respondents in 1u32..6, weighted in any::<bool>()) {
        let fw = builtin("sipas-2023").unwrap();
        let spec = SyntheticSpec { units, respondents, seed, weighted, ..SyntheticSpec::default() };
        let survey = Survey::synthetic(fw, &spec).unwrap();
        let long = survey.to_long_csv().unwrap();
        let lenient = SurveyOptions { require_all_items: false, ..SurveyOptions::default() };
        let from_long = Survey::from_csv(&long, "long.csv", fw, &lenient);
        let from_wide = Survey::from_csv(&survey.to_wide_csv().unwrap(), "wide.csv", fw, &lenient);
        // Units where every synthetic answer is missing have no valid answer: an error, not a survey.
        if let (Ok(from_long), Ok(from_wide)) = (from_long, from_wide) {
            prop_assert_eq!(from_long.to_long_csv().unwrap(), long.clone());
            prop_assert_eq!(from_wide.to_long_csv().unwrap(), long.clone());
            let mut lines: Vec<&str> = long.lines().collect();
            let header = lines.remove(0);
            lines.reverse();
            let reversed = format!("{header}\n{}\n", lines.join("\n"));
            // Units come in order of first appearance; the answers are the same.
            let sorted = |text: &str| {
                let mut l: Vec<String> = text.lines().map(str::to_string).collect();
                l.sort();
                l
            };
            let from_reversed = Survey::from_csv(&reversed, "r.csv", fw, &lenient).unwrap();
            prop_assert_eq!(sorted(&from_reversed.to_long_csv().unwrap()), sorted(&long));
            let copy = from_long.clone();
            let _ = from_long.compute(&SipasOptions::default());
            prop_assert_eq!(&copy, &from_long);
        }
    }
}
