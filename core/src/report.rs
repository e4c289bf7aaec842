//! The province report: where a province stands in the published tables, the gap to a
//! target rank, the chance of reaching it next year for several plans, and (with a
//! scorecard) the rank-gain table. The `report` example prints it.

use crate::band::Band;
use crate::decimal::fmt_publish;
use crate::error::{Error, Result};
use crate::framework::for_year;
use crate::index_kind::IndexKind;
use crate::league::published_years;
use crate::league::{published, LeagueTable, PointsNeeded, RankBounds};
use crate::problem::Problem;
use crate::scorecard::Scorecard;
use crate::simulate::{backtest, chances, chances_monte_carlo, summarise, BacktestSummary, Chances, NextYearModel};
use crate::simulate::{exact, rank_gain, simulate, ChangeModel, ExactOutcome, GainTable, MonteCarlo, Simulation};
use crate::text::Lang;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// What to report on. Defaults: Lạng Sơn, 2023, both indices, target rank 30, plans of
/// +1 to +6 points, 100,000 scenarios, seed 7.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Province (any spelling).
    pub province: String,
    /// Year of the published tables.
    pub year: u16,
    /// Target rank.
    pub target_rank: u32,
    /// Indices to report on.
    pub indices: Vec<IndexKind>,
    /// Planned gains to simulate (percentage points).
    pub gains: Vec<Decimal>,
    /// Monte Carlo scenarios.
    pub scenarios: u64,
    /// Seed.
    pub seed: u64,
    /// A PAR scorecard CSV (text, label) for the rank-gain table.
    pub scorecard: Option<(String, String)>,
    /// Next-year model: `fitted` (default: [`crate::simulate::fit`], with its backtest) or
    /// `empirical` (each competitor's change drawn from the published changes).
    pub model: String,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            province: "Lạng Sơn".into(),
            year: 2023,
            target_rank: 30,
            indices: vec![IndexKind::Par, IndexKind::Sipas],
            gains: (1..=6).map(Decimal::from).collect(),
            scenarios: 100_000,
            seed: 7,
            scorecard: None,
            model: "fitted".into(),
        }
    }
}

/// One index's part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexReport {
    /// The index.
    pub index: IndexKind,
    /// Published score (percent).
    pub score: Option<Decimal>,
    /// Rank, as bounds (exact when published).
    pub rank: RankBounds,
    /// Provinces ranked.
    pub of: u32,
    /// Band of the published score.
    pub band: Option<Band>,
    /// Points needed for the target rank, others as published.
    pub points_to_target: PointsNeeded,
    /// Monte Carlo of next year.
    pub simulation: Simulation,
    /// The same model solved exactly (when the province's score is published).
    pub exact: Option<ExactOutcome>,
    /// Rank-gain table, when a scorecard was given (PAR).
    pub gain_table: Option<GainTable>,
    /// Inconsistencies in the table's data (and the scorecard's).
    pub problems: Vec<Problem>,
    /// Decision of the methodology in force that year, when known.
    pub decision: Option<String>,
    /// The fitted model's chances by Monte Carlo (the plans' figures) and exactly.
    pub fitted: Option<(Chances, Chances)>,
    /// The fitted model's leave-one-year-out backtests of this index, per year pair and
    /// pooled, up to the report's year.
    pub calibration: Option<Calibration>,
}

/// How sure "how sure" is: backtests of the fitted model on the published years.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// (year t, year t + 1, summary) per pair.
    pub pairs: Vec<(u16, u16, BacktestSummary)>,
    /// All pairs pooled.
    pub pooled: BacktestSummary,
}

fn calibration(index: &IndexKind, year: u16) -> Result<Option<Calibration>> {
    let years = published_years(index)?;
    let mut pairs = Vec::new();
    let mut rows = Vec::new();
    for &t in &years {
        if years.contains(&(t + 1)) && t < year {
            let b = backtest(index, t, t + 1, &NextYearModel::default())?;
            pairs.push((t, t + 1, b.summary));
            rows.extend(b.rows);
        }
    }
    if pairs.is_empty() {
        return Ok(None);
    }
    Ok(Some(Calibration { pairs, pooled: summarise(&rows) }))
}

fn summary_json(s: &BacktestSummary) -> Value {
    json!({
        "n": s.n,
        "inside_50": s.inside_50,
        "inside_90": s.inside_90,
        "coverage_50": s.coverage_50,
        "coverage_90": s.coverage_90,
        "rps": s.rps,
        "median_band_90": s.median_band_90,
        "baseline_coverage_90": s.baseline_coverage_90,
        "baseline_rps": s.baseline_rps,
    })
}

/// The report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Canonical province name.
    pub province: String,
    /// Year.
    pub year: u16,
    /// Target rank.
    pub target_rank: u32,
    /// Seed.
    pub seed: u64,
    /// Scenarios.
    pub scenarios: u64,
    /// One part per index.
    pub indices: Vec<IndexReport>,
    /// Indices asked for whose table has neither score nor rank for the province (reported
    /// when another index is): each with the reason.
    pub unpublished: Vec<(IndexKind, String)>,
}

impl Report {
    /// Build the report from the embedded published tables.
    ///
    /// Errors: those of [`published`], [`LeagueTable::points_to_rank`], [`simulate`],
    /// [`Scorecard::from_csv`] and [`rank_gain`]; [`Error::InvalidArgument`] for no index.
    pub fn build(options: &ReportOptions) -> Result<Report> {
        if !matches!(options.model.as_str(), "fitted" | "empirical") {
            return Err(Error::invalid_argument(
                "model",
                format!("`{}` is neither `fitted` nor `empirical`", options.model),
            ));
        }
        if options.indices.is_empty() {
            return Err(Error::invalid_argument("index", "report on at least one index"));
        }
        if options.scorecard.is_some() && !options.indices.contains(&IndexKind::Par) {
            return Err(Error::invalid_argument(
                "scorecard",
                "a scorecard is a PAR INDEX breakdown: report on the par index",
            ));
        }
        let mut parts = Vec::new();
        let mut unpublished = Vec::new();
        let mut province = options.province.clone();
        let mut first_missing = None;
        for index in &options.indices {
            let table = published(index, options.year)?;
            province = table.canonical(&options.province)?;
            if table.entry(&province)?.is_none() && options.indices.len() > 1 {
                // Another index may still be reported: this one is said to be missing.
                let e = Error::NotFound {
                    what: format!("{} {} score or rank for", index, options.year),
                    name: province.clone(),
                    hint: String::new(),
                };
                unpublished.push((index.clone(), e.to_string()));
                first_missing = first_missing.or(Some(e));
                continue;
            }
            parts.push(index_report(&table, &province, options)?);
        }
        if parts.is_empty() {
            if let Some(e) = first_missing {
                return Err(e);
            }
        }
        Ok(Report {
            province,
            year: options.year,
            target_rank: options.target_rank,
            seed: options.seed,
            scenarios: options.scenarios,
            indices: parts,
            unpublished,
        })
    }

    /// The report as one JSON object with exactly the keys `province`, `year`,
    /// `target_rank`, `seed`, `scenarios`, `indices`, `unpublished` (the indices asked for
    /// that have neither score nor rank for the province: `[{index, message}]`); each index: `index`, `score`, `rank`,
    /// `of`, `band`, `points_to_target` {`low`, `high`, `estimate`}, `plans` [{`gain`,
    /// `p_target`, `rank_p05`, `rank_p50`, `rank_p95`}], `gain_for_p50`, `gain_for_p80`,
    /// `model` (the model in full: parameters and their sources, warnings) and
    /// `calibration` (`null` for the empirical model) {`pairs` [{`year`, `next_year`, `n`,
    /// `inside_50`, `inside_90`, `coverage_50`, `coverage_90`, `rps`, `median_band_90`,
    /// `baseline_coverage_90`, `baseline_rps`}], `pooled` {the same without years}}.
    /// Decimals are strings with 2 decimals; unknowns are `null`.
    pub fn to_json(&self) -> Value {
        let s = |d: Decimal| Value::String(fmt_publish(d));
        let indices: Vec<Value> = self
            .indices
            .iter()
            .map(|r| {
                let sim = &r.simulation;
                let (plans, g50, g80, model) = match &r.fitted {
                    Some((mc, ex)) => (
                        mc.plans
                            .iter()
                            .map(|p| {
                                json!({
                                    "gain": s(p.gain),
                                    "p_target": p.p_target,
                                    "rank_p05": p.rank_p05,
                                    "rank_p50": p.rank_p50,
                                    "rank_p95": p.rank_p95,
                                })
                            })
                            .collect::<Vec<_>>(),
                        ex.gain_for_p50.map(s),
                        ex.gain_for_p80.map(s),
                        serde_json::to_value(&ex.model).unwrap_or(Value::Null),
                    ),
                    None => (
                        sim.plans
                            .iter()
                            .map(|p| {
                                json!({
                                    "gain": s(p.gain),
                                    "p_target": p.p_target,
                                    "rank_p05": p.rank_p05,
                                    "rank_p50": p.rank_p50,
                                    "rank_p95": p.rank_p95,
                                })
                            })
                            .collect::<Vec<_>>(),
                        sim.gain_for_p50().map(s),
                        sim.gain_for_p80().map(s),
                        serde_json::to_value(&sim.model).unwrap_or(Value::Null),
                    ),
                };
                let calibration = r.calibration.as_ref().map(|c| {
                    json!({
                        "pairs": c.pairs.iter().map(|(t, u, s)| {
                            let mut v = summary_json(s);
                            if let Some(o) = v.as_object_mut() {
                                o.insert("year".into(), json!(t));
                                o.insert("next_year".into(), json!(u));
                            }
                            v
                        }).collect::<Vec<_>>(),
                        "pooled": summary_json(&c.pooled),
                    })
                });
                json!({
                    "index": r.index.as_str(),
                    "score": r.score.map(s),
                    "rank": r.rank.is_exact().then_some(r.rank.best),
                    "of": r.of,
                    "band": r.band.map(|b| b.as_str()),
                    "points_to_target": {
                        "low": s(r.points_to_target.low),
                        "high": s(r.points_to_target.high),
                        "estimate": s(r.points_to_target.estimate),
                    },
                    "plans": plans,
                    "gain_for_p50": g50,
                    "gain_for_p80": g80,
                    "model": model,
                    "calibration": calibration,
                })
            })
            .collect();
        json!({
            "province": self.province,
            "year": self.year,
            "target_rank": self.target_rank,
            "seed": self.seed,
            "scenarios": self.scenarios,
            "indices": indices,
            "unpublished": self
                .unpublished
                .iter()
                .map(|(index, message)| json!({ "index": index.as_str(), "message": message }))
                .collect::<Vec<_>>(),
        })
    }

    /// The report as readable text in `lang` (Vietnamese by default: decimal commas, the
    /// model and its warnings in Vietnamese; English with `Lang::En`). Units are stated:
    /// percent of the index, and points = percentage points of the index.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let args = [
            ("province", self.province.clone()),
            ("year", self.year.to_string()),
            ("target", self.target_rank.to_string()),
        ];
        let _ = writeln!(out, "{}", lang.text("report.title", &args));
        for r in &self.indices {
            text_index(&mut out, self, r, lang);
        }
        for (index, _) in &self.unpublished {
            let args = [
                ("index", index.name_vi().to_string()),
                ("year", self.year.to_string()),
                ("province", self.province.clone()),
            ];
            let _ = writeln!(out);
            let _ = writeln!(out, "{}", lang.text("report.unpublished", &args));
        }
        out
    }
}

fn index_report(table: &LeagueTable, province: &str, options: &ReportOptions) -> Result<IndexReport> {
    let target = options.target_rank;
    let points_to_target = table.points_to_rank(province, target)?;
    let mut mc = MonteCarlo::new(province, options.gains.clone(), target, options.scenarios, options.seed);
    mc.model = ChangeModel::by_name(&options.model)?;
    let simulation = simulate(table, &mc)?;
    let exact = exact(table, &mc).ok();
    let mut problems = table.problems().to_vec();
    let framework = for_year(table.index(), table.year()).ok();
    let gain_table = match (&options.scorecard, table.index(), framework) {
        (Some((text, label)), IndexKind::Par, Some(fw)) => {
            let card = Scorecard::from_csv(text, label, fw.clone(), province, Some(table.year()))?;
            problems.extend(card.problems());
            problems.extend(table.check_scorecard(&card)?);
            Some(rank_gain(&card, table, Some(target))?)
        }
        _ => None,
    };
    let (fitted, calibration) = if options.model == "fitted" {
        let model = NextYearModel::default();
        let ex = chances(table, province, &options.gains, target, &model)?;
        let mc = chances_monte_carlo(table, province, &options.gains, target, &model, options.scenarios, options.seed)?;
        (Some((mc, ex)), calibration(table.index(), table.year())?)
    } else {
        (None, None)
    };
    Ok(IndexReport {
        fitted,
        calibration,
        index: table.index().clone(),
        score: table.score(province)?,
        rank: table.rank_bounds(province)?,
        of: table.of(),
        band: table.band(province)?,
        points_to_target,
        simulation,
        exact,
        gain_table,
        problems,
        decision: framework.map(|f| f.decision.clone()),
    })
}

/// Words and numbers of the text report in one language.
struct Words {
    lang: Lang,
}

impl Words {
    fn t(&self, key: &str, args: &[(&str, String)]) -> String {
        self.lang.text(key, args)
    }
    /// A decimal as published (2 places), in the language's convention.
    fn num(&self, d: Decimal) -> String {
        self.lang.number(&fmt_publish(d))
    }
    fn pct(&self, d: Decimal) -> String {
        format!("{}%", self.num(d))
    }
    fn pts(&self, d: Decimal) -> String {
        self.t("report.points", &[("x", self.num(d))])
    }
    /// A planned gain with its sign.
    fn plan(&self, d: Decimal) -> String {
        if d < Decimal::ZERO {
            self.pts(d)
        } else {
            format!("+{}", self.pts(d))
        }
    }
    /// A probability in percent with 1 decimal.
    fn prob(&self, p: f64) -> String {
        format!("{}%", self.lang.number(&format!("{:.1}", p * 100.0)))
    }
    fn float(&self, x: f64, places: usize) -> String {
        self.lang.number(&format!("{x:.places$}"))
    }
    fn gain(&self, g: Option<Decimal>) -> String {
        g.map_or_else(|| self.t("report.not_reachable", &[]), |g| self.pts(g))
    }
    fn count(&self, n: u64) -> String {
        self.lang.number(&n.to_string())
    }
}

fn text_index(out: &mut String, report: &Report, r: &IndexReport, lang: Lang) {
    let w = Words { lang };
    let sim = &r.simulation;
    let _ = writeln!(out);
    let decision =
        r.decision.as_deref().map(|d| w.t("report.methodology", &[("decision", d.into())])).unwrap_or_default();
    let _ = writeln!(out, "{}{decision}", r.index.name_vi());
    let rank = if r.rank.is_exact() {
        w.t("report.rank_exact", &[("rank", r.rank.best.to_string()), ("of", r.of.to_string())])
    } else {
        w.t(
            "report.rank_range",
            &[
                ("best", r.rank.best.to_string()),
                ("worst", r.rank.worst.to_string()),
                ("of", r.of.to_string()),
                ("estimate", r.rank.estimate.to_string()),
            ],
        )
    };
    let score = r.score.map_or_else(|| w.t("report.not_published", &[]), |s| w.pct(s));
    let band = r.band.map_or("?".into(), |b| b.to_string());
    let _ = writeln!(out, "{}", w.t("report.now", &[("score", score), ("rank", rank), ("band", band)]));
    let p = &r.points_to_target;
    // Already there whatever the unknowns are: said so, not "gain 0.00 to 0.00".
    let reach = if p.high.is_zero() {
        w.t("report.within_target", &[("target", report.target_rank.to_string())])
    } else {
        w.t(
            "report.to_reach",
            &[
                ("target", report.target_rank.to_string()),
                ("low", w.pts(p.low)),
                ("high", w.pts(p.high)),
                ("estimate", w.pts(p.estimate)),
            ],
        )
    };
    let _ = writeln!(out, "{reach}");
    if let Some((mc, ex)) = &r.fitted {
        text_fitted(out, report, r, mc, ex, &w);
        text_rest(out, r, &w);
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        w.t(
            "report.next_year",
            &[
                ("scenarios", w.count(sim.scenarios)),
                ("seed", sim.seed.to_string()),
                ("description", lang.translate(&sim.model.description)),
            ]
        )
    );
    for note in &sim.model.warnings {
        let _ = writeln!(out, "{}", w.t("report.model_note", &[("note", lang.translate(note))]));
    }
    if sim.unknown_competitors > 0 {
        let _ = writeln!(out, "{}", w.t("report.unknown_competitors", &[("n", sim.unknown_competitors.to_string())]));
    }
    let _ = writeln!(out, "{}", w.t("report.plans_header", &[("target", report.target_rank.to_string())]));
    for (i, plan) in sim.plans.iter().enumerate() {
        let exact =
            r.exact.as_ref().and_then(|e| e.plans.get(i)).map_or("".into(), |e| format!("({})", w.prob(e.p_target)));
        let _ = writeln!(
            out,
            "    {:<13} {:>8}  {:>9}     {} / {} / {}",
            w.plan(plan.gain),
            w.prob(plan.p_target),
            exact,
            plan.rank_p05,
            plan.rank_p50,
            plan.rank_p95
        );
    }
    let needed = [("p50", w.gain(sim.gain_for_p50())), ("p80", w.gain(sim.gain_for_p80()))];
    let _ = writeln!(out, "{}", w.t("report.gain_needed", &needed));
    if let Some(e) = &r.exact {
        let _ = writeln!(
            out,
            "{}",
            w.t("report.exact_line", &[("p50", w.gain(e.gain_for_p50)), ("p80", w.gain(e.gain_for_p80))])
        );
    }
    text_rest(out, r, &w);
}

fn text_fitted(out: &mut String, report: &Report, r: &IndexReport, mc: &Chances, ex: &Chances, w: &Words) {
    let m = &ex.model;
    let lang = w.lang;
    let _ = writeln!(
        out,
        "{}",
        w.t(
            "report.next_year_fitted",
            &[
                ("scenarios", w.count(mc.plans.first().map_or(0, |_| report.scenarios))),
                ("seed", report.seed.to_string()),
                ("description", lang.translate(&m.description)),
            ]
        )
    );
    let _ = writeln!(out, "{}", w.t("report.parameters", &[]));
    for p in &m.parameters {
        let label = w.t(&format!("param.{}", p.name), &[]);
        let _ = writeln!(out, "    {:<19} {:>7}  {label}; {}", p.name, w.float(p.value, 3), lang.translate(&p.source));
    }
    for note in &m.warnings {
        let _ = writeln!(out, "{}", w.t("report.model_note", &[("note", lang.translate(note))]));
    }
    let _ = writeln!(out, "{}", w.t("report.plans_header", &[("target", report.target_rank.to_string())]));
    for (plan, e) in mc.plans.iter().zip(&ex.plans) {
        let _ = writeln!(
            out,
            "    {:<13} {:>8}  {:>9}     {} / {} / {}",
            w.plan(plan.gain),
            w.prob(plan.p_target),
            format!("({})", w.prob(e.p_target)),
            plan.rank_p05,
            plan.rank_p50,
            plan.rank_p95
        );
    }
    let needed = [("p50", w.gain(ex.gain_for_p50)), ("p80", w.gain(ex.gain_for_p80))];
    let _ = writeln!(out, "{}", w.t("report.gain_needed_exact", &needed));
    if let Some(c) = &r.calibration {
        let p = &c.pooled;
        let _ = writeln!(
            out,
            "{}",
            w.t(
                "report.calibration",
                &[
                    ("in90", p.inside_90.to_string()),
                    ("n", p.n.to_string()),
                    ("in50", p.inside_50.to_string()),
                    ("rps", w.float(p.rps, 3)),
                    ("baseline", w.float(p.baseline_rps, 3)),
                ]
            )
        );
    }
    for pr in &m.problems {
        let _ = writeln!(out, "{}", w.t("report.national_problem", &[("message", lang.translate(&pr.message))]));
    }
}

/// `text` cut to at most `width` characters at a word boundary, with `…` when cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let head: String = text.chars().take(width.saturating_sub(1)).collect();
    let cut = head.rfind(' ').filter(|&i| i > 0).map_or(head.as_str(), |i| &head[..i]);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

fn text_rest(out: &mut String, r: &IndexReport, w: &Words) {
    let lang = w.lang;
    if let Some(g) = &r.gain_table {
        let _ = writeln!(out, "{}", w.t("report.gain_title", &[]));
        let c = |k: &str| w.t(&format!("report.col.{k}"), &[]);
        let _ = writeln!(
            out,
            "    {:<16} {:<58} {:>8} {:>8} {:>8}  {}",
            c("code"),
            c("name"),
            c("points"),
            c("max"),
            c("lost"),
            c("rank_if")
        );
        for row in &g.rows {
            let rb = row.rank_if_recovered;
            let rank = if rb.is_exact() { format!("#{}", rb.best) } else { format!("#{}–{}", rb.best, rb.worst) };
            let _ = writeln!(
                out,
                "    {:<16} {:<58} {:>8} {:>8} {:>8}  {rank}",
                row.code,
                clip(&row.name_vi, 58),
                w.num(row.points),
                w.num(row.max_points),
                w.num(row.lost)
            );
        }
        let implied: Vec<&str> = g
            .rows
            .iter()
            .filter(|r| r.source == Some(crate::scorecard::PointsSource::Implied))
            .map(|r| r.code.as_str())
            .collect();
        if !implied.is_empty() {
            let _ = writeln!(out, "{}", w.t("report.implied", &[("codes", implied.join(", "))]));
        }
        if !g.unknown_max.is_empty() {
            let _ = writeln!(out, "{}", w.t("report.unknown_max", &[("codes", g.unknown_max.join(", "))]));
        }
    }
    if !r.problems.is_empty() {
        let _ = writeln!(out, "{}", w.t("report.problems", &[("n", r.problems.len().to_string())]));
        for p in &r.problems {
            let _ = writeln!(out, "    - {}", lang.translate(&p.message));
        }
    }
}
