"""The panic guard: no call into the core may raise pyo3's PanicException.

Every call into the core runs under the guard, which turns a panic into ``ParIndexError``
(kind ``INTERNAL``) and keeps the panic hook quiet (no Rust backtrace on stderr). The test
arms a deliberate panic in the guard before calling each entry point in turn (method,
property, constructor, ``__repr__``, ``_repr_html_``, function): an entry point that calls
the core must raise ``ParIndexError`` ``INTERNAL``, never anything else; one that does not
(a generated getter) returns as usual. The list of entry points comes from the runtime
classes, so a new method without a sample call here fails this test."""

from __future__ import annotations

import copy
import io
import pickle
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Dict

import pytest

import parindex as pi
import parindex._core as core

TESTDATA = Path(__file__).resolve().parents[2] / "testdata"
AGENCY = TESTDATA / "agency"
DELIBERATE = "deliberate panic for the test of the panic guard"

# Rich comparisons that pyo3 answers itself (NotImplemented) without entering our code.
NOT_OURS = {"__lt__", "__le__", "__gt__", "__ge__"}


@pytest.fixture(scope="module")
def o() -> SimpleNamespace:
    t = pi.published("par", 2023)
    card = pi.Scorecard.from_csv(TESTDATA / "published" / "par_index_scorecards.csv", "par-2022", "Quảng Nam", 2023)
    mini = pi.Framework.from_json(TESTDATA / "sipas" / "mini-framework.json")
    survey = pi.Survey.from_csv(TESTDATA / "sipas" / "mini-long.csv", framework=mini)
    res = survey.compute()
    sim = t.simulate("Lạng Sơn", gain=2, target_rank=30, scenarios=200, seed=7)
    dfw = pi.Framework.from_csv(AGENCY / "framework_district.csv", id="district-example")
    units = pi.Units.from_long(AGENCY / "scorecards_district.csv", dfw, 2024)
    return SimpleNamespace(
        dfw=dfw,
        annex=pi.Assignments.from_csv(AGENCY / "assignments_district.csv", dfw),
        units=units,
        ucard=units.scorecards()[0],
        utable=units.league_table(),
        t=t,
        t22=pi.published("par", 2022),
        card=card,
        fw=pi.framework("par-2022"),
        mini=mini,
        survey=survey,
        res=res,
        boot=survey.bootstrap(replicates=20, seed=1),
        sim=sim,
        outcome=sim.plans[0],
        exact=t.exact("Lạng Sơn", gain=2, target_rank=30),
        plan=card.plan(t, 30),
        rb=pi.RankBounds(1, 2, 1),
        sb=pi.ScoreBounds("1", "2", "1.5", False),
        pn=pi.PointsNeeded("1", "2", "1.5"),
        np=card.points("1"),
        problem=t.problems[0],
        csv=(TESTDATA / "published" / "par_index_provinces.csv").read_text(encoding="utf-8"),
    )


def _samples(o: SimpleNamespace) -> Dict[str, Callable[[], Any]]:
    t, card, fw, res, sim = o.t, o.card, o.fw, o.res, o.sim
    return {
        # functions
        "published": lambda: pi.published("par", 2023),
        "published_years": lambda: pi.published_years("par"),
        "year_over_year": lambda: pi.year_over_year(o.t22, t),
        "provinces": lambda: pi.provinces(),
        "framework": lambda: pi.framework("par-2022"),
        "frameworks": lambda: pi.frameworks(),
        "framework_for_year": lambda: pi.framework_for_year("par", 2023),
        "periods": lambda: pi.periods(),
        "exact": lambda: pi.exact(t, "Lạng Sơn", 2, 30),
        "competitor_ranges": lambda: pi.competitor_ranges(t, "Lạng Sơn"),
        "simulate": lambda: pi.simulate(t, "Lạng Sơn", 2, 30, scenarios=10),
        "what_if": lambda: pi.what_if(card, t, {"x": {"3": 1}}),
        "rank_gain": lambda: pi.rank_gain(card, t, 30),
        "plan": lambda: pi.plan(card, t, 30),
        "least_cost": lambda: pi.least_cost([{"cost_per_point": 1, "cap": 2}], 1),
        "sipas_from_answers": lambda: pi.sipas_from_answers(TESTDATA / "sipas" / "mini-long.csv", framework=o.mini),
        "_panic_for_test": lambda: core._panic_for_test(),
        "_progress_summary": lambda: core._progress_summary(o.ucard, '[["6 tháng", []]]', o.utable),
        # agencies (the example of testdata/agency/)
        "Assignments.__len__": lambda: len(o.annex),
        "Assignments.__repr__": lambda: repr(o.annex),
        "Assignments.agencies": lambda: o.annex.agencies(),
        "Assignments.framework_id": lambda: o.annex.framework_id,
        "Assignments.from_csv": lambda: pi.Assignments.from_csv(AGENCY / "assignments_district.csv", o.dfw),
        "Assignments.from_pandas": lambda: pi.Assignments.from_pandas(o.annex.to_pandas(), o.dfw),
        "Assignments.lead_of": lambda: o.annex.lead_of("1.1"),
        "Assignments.to_pandas": lambda: o.annex.to_pandas(),
        "Assignments.unassigned": lambda: o.annex.unassigned,
        "Assignments.validate": lambda: pi.Assignments.validate(AGENCY / "bad" / "assignments_faults.csv", o.dfw),
        "Units.__len__": lambda: len(o.units),
        "Units.__repr__": lambda: repr(o.units),
        "Units.changes": lambda: o.units.changes(o.units),
        "Units.from_long": lambda: pi.Units.from_long(AGENCY / "scorecards_district.csv", o.dfw, 2024),
        "Units.league_table": lambda: o.units.league_table(),
        "Units.scorecards": lambda: o.units.scorecards(),
        "Units.units": lambda: o.units.units(),
        "Units.validate": lambda: pi.Units.validate(AGENCY / "bad" / "scorecards_faults.csv", o.dfw),
        # every loader's validate, and the native entry points behind the loaders
        "_defaults": lambda: core._defaults(),
        "LeagueTable._simulate": lambda: t._simulate({"province": "Lạng Sơn", "gain": 2, "target_rank": 30, "scenarios": 10}),
        "LeagueTable._exact": lambda: t._exact({"province": "Lạng Sơn", "gain": 2, "target_rank": 30}),
        "LeagueTable._forecast": lambda: t._forecast({"target_rank": 30}),
        "LeagueTable._chances": lambda: t._chances({"province": "Lạng Sơn", "gains": 2}),
        "LeagueTable.validate": lambda: pi.LeagueTable.validate(io.StringIO(o.csv), "par", 2023),
        "LeagueTable._validate": lambda: core.LeagueTable._validate(io.StringIO(o.csv), {"index": "par", "year": 2023}),
        "LeagueTable._read": lambda: core.LeagueTable._read("csv", io.StringIO(o.csv), {"index": "par", "year": 2023}),
        "Scorecard.validate": lambda: pi.Scorecard.validate(io.StringIO("code,points\n1,1\n"), fw, "Lạng Sơn"),
        "Scorecard._validate": lambda: core.Scorecard._validate(io.StringIO("code,points\n1,1\n"), fw, "Lạng Sơn"),
        "Framework.validate": lambda: pi.Framework.validate(io.StringIO(fw.to_csv())),
        "Framework._validate": lambda: core.Framework._validate(io.StringIO(fw.to_csv()), {}),
        "Framework._read": lambda: core.Framework._read("csv", io.StringIO(fw.to_csv()), {}),
        "Survey.validate": lambda: pi.Survey.validate(TESTDATA / "sipas" / "mini-long.csv", framework=o.mini),
        "Survey._validate": lambda: core.Survey._validate(TESTDATA / "sipas" / "mini-long.csv", o.mini, {}),
        "Scorecard.accountability": lambda: o.ucard.accountability(o.annex, o.utable),
        "Scorecard.appraisal": lambda: o.ucard.appraisal(o.annex, o.utable),
        # LeagueTable
        "LeagueTable.__repr__": lambda: repr(t),
        "LeagueTable.__reduce__": lambda: pickle.dumps(t),
        "LeagueTable._repr_html_": lambda: t._repr_html_(),
        "LeagueTable.band": lambda: t.band("Lạng Sơn"),
        "LeagueTable.canonical": lambda: t.canonical("Lang Son"),
        "LeagueTable.check_scorecard": lambda: t.check_scorecard(card),
        "LeagueTable.describe": lambda: t.describe("Lạng Sơn"),
        "LeagueTable.entries": lambda: t.entries(),
        "LeagueTable.exact": lambda: t.exact("Lạng Sơn", 2, 30),
        "LeagueTable.forecast": lambda: t.forecast(target_rank=30),
        "backtest": lambda: pi.backtest("par", 2022, 2023),
        "fit": lambda: pi.fit(t),
        "SipasResult.decimals": lambda: o.res.decimals,
        "SipasBootstrap.decimals": lambda: o.boot.decimals,
        "Assignments.from_excel": lambda: pi.Assignments.from_excel(AGENCY / "assignments_district.xlsx", o.dfw),
        "Units.from_excel": lambda: pi.Units.from_excel(AGENCY / "scorecards_district.xlsx", o.dfw, 2024),
        "LeagueTable.chances": lambda: t.chances("Lạng Sơn", 2, 30),
        "LeagueTable.from_csv": lambda: pi.LeagueTable.from_csv(io.StringIO(o.csv), "par", 2023),
        "LeagueTable.from_entries": lambda: pi.LeagueTable.from_entries([{"province": "Huế", "score": 90}], "par", 2023),
        "LeagueTable.from_pandas": lambda: pi.LeagueTable.from_pandas(t.to_pandas(), "par", 2023),
        "LeagueTable.from_excel": lambda: pi.LeagueTable.from_excel(
            TESTDATA / "excel" / "par-2023.xlsx", "par", 2023, sheet="PAR 2023"
        ),
        "LeagueTable.index": lambda: t.index,
        "LeagueTable.label": lambda: t.label,
        "LeagueTable.of": lambda: t.of,
        "LeagueTable.points_to_rank": lambda: t.points_to_rank("Lạng Sơn", 30),
        "LeagueTable.problems": lambda: t.problems,
        "LeagueTable.rank": lambda: t.rank("Lạng Sơn"),
        "LeagueTable.rank_bounds": lambda: t.rank_bounds("Lạng Sơn"),
        "LeagueTable.rank_if": lambda: t.rank_if("Lạng Sơn", 90),
        "LeagueTable.rank_with_gain": lambda: t.rank_with_gain("Lạng Sơn", 1),
        "LeagueTable.regional_averages": lambda: t.regional_averages(),
        "LeagueTable.roster": lambda: t.roster,
        "LeagueTable.rows": lambda: t.rows(),
        "LeagueTable.score": lambda: t.score("Lạng Sơn"),
        "LeagueTable.score_bounds": lambda: t.score_bounds("Lạng Sơn"),
        "LeagueTable.score_to_rank": lambda: t.score_to_rank("Lạng Sơn", 30),
        "LeagueTable.simulate": lambda: t.simulate("Lạng Sơn", 2, 30, scenarios=10),
        "LeagueTable.tie_policy": lambda: t.tie_policy,
        "LeagueTable.decimals": lambda: t.decimals,
        "LeagueTable.to_csv": lambda: t.to_csv(),
        "LeagueTable.to_pandas": lambda: t.to_pandas(),
        "LeagueTable.with_tie_policy": lambda: t.with_tie_policy("dense"),
        "LeagueTable.year": lambda: t.year,
        # Framework
        "Framework.__eq__": lambda: fw == fw,
        "Framework.__ne__": lambda: fw != fw,
        "Framework.__repr__": lambda: repr(fw),
        "Framework.__reduce__": lambda: pickle.dumps(fw),
        "Framework._repr_html_": lambda: fw._repr_html_(),
        "Framework.children": lambda: fw.children(),
        "Framework.constraints": lambda: fw.constraints(),
        "Framework.counts": lambda: fw.counts(),
        "Framework.decision": lambda: fw.decision,
        "Framework.decision_date": lambda: fw.decision_date,
        "Framework.from_csv": lambda: pi.Framework.from_csv(io.StringIO(fw.to_csv())),
        "Framework.from_pandas": lambda: pi.Framework.from_pandas(fw.to_pandas()[["code", "name_vi", "max_points"]]),
        "Framework.from_excel": lambda: pi.Framework.from_excel(TESTDATA / "excel" / "par-2023.xlsx", sheet=0),
        "Framework.from_json": lambda: pi.Framework.from_json(io.StringIO(fw.to_json())),
        "Framework.groupings": lambda: fw.groupings(),
        "Framework.id": lambda: fw.id,
        "Framework.index": lambda: fw.index,
        "Framework.leaf_codes": lambda: fw.leaf_codes(),
        "Framework.leaves": lambda: fw.leaves(),
        "Framework.level_names": lambda: fw.level_names,
        "Framework.max_points": lambda: fw.max_points("1"),
        "Framework.name_en": lambda: fw.name_en,
        "Framework.name_vi": lambda: fw.name_vi,
        "Framework.nodes": lambda: fw.nodes(),
        "Framework.notes": lambda: fw.notes,
        "Framework.source": lambda: fw.source,
        "Framework.to_csv": lambda: fw.to_csv(),
        "Framework.to_json": lambda: fw.to_json(),
        "Framework.to_pandas": lambda: fw.to_pandas(),
        "Framework.total_max_points": lambda: fw.total_max_points,
        "Framework.years": lambda: fw.years,
        # Scorecard
        "Scorecard.__new__": lambda: pi.Scorecard("par-2022", "Lạng Sơn"),
        "Scorecard.__copy__": lambda: copy.copy(card),
        "Scorecard.__deepcopy__": lambda: copy.deepcopy(card),
        "Scorecard.__repr__": lambda: repr(card),
        "Scorecard.__reduce__": lambda: pickle.dumps(card),
        "Scorecard._repr_html_": lambda: card._repr_html_(),
        "Scorecard.band": lambda: card.band(),
        "Scorecard.framework": lambda: card.framework,
        "Scorecard.from_excel": lambda: pi.Scorecard.from_excel(
            TESTDATA / "excel" / "scorecard-quang-nam.xlsx", "par-2022", "Quảng Nam", sheet="Điểm"
        ),
        "Scorecard.from_csv": lambda: pi.Scorecard.from_csv(
            TESTDATA / "published" / "par_index_scorecards.csv", "par-2022", "Quảng Nam", 2023
        ),
        "Scorecard.from_pandas": lambda: pi.Scorecard.from_pandas(
            card.to_pandas()[["code", "points"]].dropna(), "par-2022", "Quảng Nam"
        ),
        "Scorecard.from_points": lambda: pi.Scorecard.from_points("par-2022", "Lạng Sơn", {"1": 5}),
        "Scorecard.given": lambda: card.given,
        "Scorecard.index": lambda: card.index,
        "Scorecard.lost": lambda: card.lost("1"),
        "Scorecard.plan": lambda: card.plan(t, 30),
        "Scorecard.points": lambda: card.points("1"),
        "Scorecard.problems": lambda: card.problems,
        "Scorecard.province": lambda: card.province,
        "Scorecard.rank_gain": lambda: card.rank_gain(t, 30),
        "Scorecard.rows": lambda: card.rows(),
        "Scorecard.set": lambda: copy.copy(card).set("1", 5),
        "Scorecard.set_measure": lambda: copy.copy(card).set_measure("1", 5),
        "Scorecard.sub_index": lambda: card.sub_index("1"),
        "Scorecard.to_pandas": lambda: card.to_pandas(),
        "Scorecard.total": lambda: card.total(),
        "Scorecard.unset": lambda: copy.copy(card).unset("1"),
        "Scorecard.what_if": lambda: card.what_if({"x": {"3": 1}}, table=t),
        "Scorecard.with_points": lambda: card.with_points("1", 5),
        "Scorecard.year": lambda: card.year,
        # Simulation and its parts
        "Simulation.__repr__": lambda: repr(sim),
        "Simulation._repr_html_": lambda: sim._repr_html_(),
        "Simulation.current": lambda: sim.current,
        "Simulation.gain_counts": lambda: sim.gain_counts,
        "Simulation.gain_for": lambda: sim.gain_for(0.5),
        "Simulation.gain_for_p50": lambda: sim.gain_for_p50,
        "Simulation.gain_for_p80": lambda: sim.gain_for_p80,
        "Simulation.gains": lambda: sim.gains,
        "Simulation.index": lambda: sim.index,
        "Simulation.model": lambda: sim.model,
        "Simulation.of": lambda: sim.of,
        "Simulation.p_target": lambda: sim.p_target,
        "Simulation.plans": lambda: sim.plans,
        "Simulation.plot": lambda: sim.plot(),
        "Simulation.province": lambda: sim.province,
        "Simulation.rank_counts": lambda: sim.rank_counts,
        "Simulation.rank_distribution": lambda: sim.rank_distribution(),
        "Simulation.rank_quantiles": lambda: sim.rank_quantiles,
        "Simulation.scenarios": lambda: sim.scenarios,
        "Simulation.seed": lambda: sim.seed,
        "Simulation.target_rank": lambda: sim.target_rank,
        "Simulation.tie_policy": lambda: sim.tie_policy,
        "Simulation.to_pandas": lambda: sim.to_pandas(),
        "Simulation.unknown_competitors": lambda: sim.unknown_competitors,
        "Simulation.unreachable": lambda: sim.unreachable,
        "Simulation.year": lambda: sim.year,
        "PlanOutcome.__repr__": lambda: repr(o.outcome),
        "PlanOutcome.gain": lambda: o.outcome.gain,
        "PlanOutcome.p_target": lambda: o.outcome.p_target,
        "PlanOutcome.rank_counts": lambda: o.outcome.rank_counts,
        "PlanOutcome.rank_p05": lambda: o.outcome.rank_p05,
        "PlanOutcome.rank_p50": lambda: o.outcome.rank_p50,
        "PlanOutcome.rank_p95": lambda: o.outcome.rank_p95,
        "PlanOutcome.rank_quantiles": lambda: o.outcome.rank_quantiles,
        "ExactOutcome.__repr__": lambda: repr(o.exact),
        "ExactOutcome.gain_for_p50": lambda: o.exact.gain_for_p50,
        "ExactOutcome.gain_for_p80": lambda: o.exact.gain_for_p80,
        "ExactOutcome.model": lambda: o.exact.model,
        "ExactOutcome.p_target": lambda: o.exact.p_target,
        "ExactOutcome.plans": lambda: o.exact.plans,
        "ExactOutcome.to_pandas": lambda: o.exact.to_pandas(),
        "Plan.__repr__": lambda: repr(o.plan),
        "Plan._repr_html_": lambda: o.plan._repr_html_(),
        "Plan.basis": lambda: o.plan.basis,
        "Plan.feasible": lambda: o.plan.feasible,
        "Plan.needed": lambda: o.plan.needed,
        "Plan.province": lambda: o.plan.province,
        "Plan.rank_after": lambda: o.plan.rank_after,
        "Plan.required": lambda: o.plan.required,
        "Plan.skipped": lambda: o.plan.skipped,
        "Plan.steps": lambda: o.plan.steps,
        "Plan.target_rank": lambda: o.plan.target_rank,
        "Plan.to_pandas": lambda: o.plan.to_pandas(),
        "Plan.total_cost": lambda: o.plan.total_cost,
        "Plan.total_gain": lambda: o.plan.total_gain,
        # SIPAS
        "Survey.__repr__": lambda: repr(o.survey),
        "Survey._read": lambda: pi.Survey._read("csv", TESTDATA / "sipas" / "mini-long.csv", o.mini, {}),
        "Survey._synthetic": lambda: pi.Survey._synthetic(None, {"units": 2, "respondents": 3}),
        "Survey._compute": lambda: o.survey._compute({}),
        "Survey._bootstrap": lambda: o.survey._bootstrap({}, {"replicates": 5}),
        "Survey.bootstrap": lambda: o.survey.bootstrap(replicates=5),
        "Survey.compute": lambda: o.survey.compute(),
        "Survey.framework": lambda: o.survey.framework,
        "Survey.from_csv": lambda: pi.Survey.from_csv(TESTDATA / "sipas" / "mini-long.csv", framework=o.mini),
        "Survey.from_excel": lambda: pi.Survey.from_excel(TESTDATA / "excel" / "par-2023.xlsx", framework=o.mini),
        "Survey.from_json": lambda: pi.Survey.from_json(TESTDATA / "sipas" / "mini-long.json", framework=o.mini),
        "Survey.from_pandas": lambda: pi.Survey.from_pandas(
            __import__("pandas").read_csv(TESTDATA / "sipas" / "mini-long.csv"), framework=o.mini
        ),
        "Survey.is_weighted": lambda: o.survey.is_weighted,
        "Survey.items": lambda: o.survey.items,
        "Survey.label": lambda: o.survey.label,
        "Survey.respondent_count": lambda: o.survey.respondent_count,
        "Survey.respondents": lambda: o.survey.respondents("Alpha"),
        "Survey.synthetic": lambda: pi.Survey.synthetic(units=2, respondents=3),
        "Survey.to_long_csv": lambda: o.survey.to_long_csv(),
        "Survey.to_wide_csv": lambda: o.survey.to_wide_csv(),
        "Survey.units": lambda: o.survey.units,
        "SipasResult.__repr__": lambda: repr(res),
        "SipasResult._repr_html_": lambda: res._repr_html_(),
        "SipasResult.aggregation": lambda: res.aggregation,
        "SipasResult.decision": lambda: res.decision,
        "SipasResult.framework": lambda: res.framework,
        "SipasResult.index": lambda: res.index,
        "SipasResult.items": lambda: res.items,
        "SipasResult.label": lambda: res.label,
        "SipasResult.league_table": lambda: res.league_table(),
        "SipasResult.nodes": lambda: res.nodes,
        "SipasResult.rank": lambda: res.rank("Alpha"),
        "SipasResult.rule": lambda: res.rule,
        "SipasResult.tie_policy": lambda: res.tie_policy,
        "SipasResult.to_csv": lambda: res.to_csv(),
        "SipasResult.to_pandas": lambda: res.to_pandas(),
        "SipasResult.unit_detail": lambda: res.unit_detail("Alpha"),
        "SipasResult.units": lambda: res.units,
        "SipasResult.value": lambda: res.value("Alpha", "P"),
        "SipasResult.weighted": lambda: res.weighted,
        "SipasResult.what_if": lambda: res.what_if("Alpha", {"x": {"P": 1}}),
        "SipasResult.year": lambda: res.year,
        "SipasBootstrap.__repr__": lambda: repr(o.boot),
        "SipasBootstrap.aggregation": lambda: o.boot.aggregation,
        "SipasBootstrap.interval": lambda: o.boot.interval("Alpha"),
        "SipasBootstrap.level": lambda: o.boot.level,
        "SipasBootstrap.probability_at_most": lambda: o.boot.probability_at_most("Alpha", 1),
        "SipasBootstrap.rank_counts": lambda: o.boot.rank_counts("Alpha"),
        "SipasBootstrap.replicates": lambda: o.boot.replicates,
        "SipasBootstrap.rule": lambda: o.boot.rule,
        "SipasBootstrap.seed": lambda: o.boot.seed,
        "SipasBootstrap.to_pandas": lambda: o.boot.to_pandas(),
        # values
        "RankBounds.__new__": lambda: pi.RankBounds(1, 2, 1),
        "RankBounds.__copy__": lambda: copy.copy(o.rb),
        "RankBounds.__deepcopy__": lambda: copy.deepcopy(o.rb),
        "RankBounds.__eq__": lambda: o.rb == o.rb,
        "RankBounds.__ne__": lambda: o.rb != o.rb,
        "RankBounds.__hash__": lambda: hash(o.rb),
        "RankBounds.__reduce__": lambda: pickle.dumps(o.rb),
        "RankBounds.__repr__": lambda: repr(o.rb),
        "RankBounds.best": lambda: o.rb.best,
        "RankBounds.estimate": lambda: o.rb.estimate,
        "RankBounds.is_exact": lambda: o.rb.is_exact,
        "RankBounds.to_dict": lambda: o.rb.to_dict(),
        "RankBounds.worst": lambda: o.rb.worst,
        "ScoreBounds.__new__": lambda: pi.ScoreBounds("1", "2", "1.5", False),
        "ScoreBounds.__copy__": lambda: copy.copy(o.sb),
        "ScoreBounds.__deepcopy__": lambda: copy.deepcopy(o.sb),
        "ScoreBounds.__eq__": lambda: o.sb == o.sb,
        "ScoreBounds.__hash__": lambda: hash(o.sb),
        "ScoreBounds.__ne__": lambda: o.sb != o.sb,
        "ScoreBounds.__reduce__": lambda: pickle.dumps(o.sb),
        "ScoreBounds.__repr__": lambda: repr(o.sb),
        "ScoreBounds.estimate": lambda: o.sb.estimate,
        "ScoreBounds.high": lambda: o.sb.high,
        "ScoreBounds.known": lambda: o.sb.known,
        "ScoreBounds.low": lambda: o.sb.low,
        "ScoreBounds.to_dict": lambda: o.sb.to_dict(),
        "PointsNeeded.__new__": lambda: pi.PointsNeeded("1", "2", "1.5"),
        "PointsNeeded.__copy__": lambda: copy.copy(o.pn),
        "PointsNeeded.__deepcopy__": lambda: copy.deepcopy(o.pn),
        "PointsNeeded.__eq__": lambda: o.pn == o.pn,
        "PointsNeeded.__hash__": lambda: hash(o.pn),
        "PointsNeeded.__ne__": lambda: o.pn != o.pn,
        "PointsNeeded.__reduce__": lambda: pickle.dumps(o.pn),
        "PointsNeeded.__repr__": lambda: repr(o.pn),
        "PointsNeeded.estimate": lambda: o.pn.estimate,
        "PointsNeeded.high": lambda: o.pn.high,
        "PointsNeeded.low": lambda: o.pn.low,
        "PointsNeeded.to_dict": lambda: o.pn.to_dict(),
        "NodePoints.__copy__": lambda: copy.copy(o.np),
        "NodePoints.__deepcopy__": lambda: copy.deepcopy(o.np),
        "NodePoints.__eq__": lambda: o.np == o.np,
        "NodePoints.__hash__": lambda: hash(o.np),
        "NodePoints.__ne__": lambda: o.np != o.np,
        "NodePoints.__repr__": lambda: repr(o.np),
        "NodePoints.points": lambda: o.np.points,
        "NodePoints.source": lambda: o.np.source,
        "Problem.__copy__": lambda: copy.copy(o.problem),
        "Problem.__deepcopy__": lambda: copy.deepcopy(o.problem),
        "Problem.__eq__": lambda: o.problem == o.problem,
        "Problem.__ne__": lambda: o.problem != o.problem,
        "Problem.__repr__": lambda: repr(o.problem),
        "Problem.__str__": lambda: str(o.problem),
        "Problem.codes": lambda: o.problem.codes,
        "Problem.file": lambda: o.problem.file,
        "Problem.kind": lambda: o.problem.kind,
        "Problem.message": lambda: o.problem.message,
        "Problem.provinces": lambda: o.problem.provinces,
        "Problem.rows": lambda: o.problem.rows,
        "Problem.to_dict": lambda: o.problem.to_dict(),
    }


def _entry_points() -> list[str]:
    """Every callable of the native module that runs code of ours."""
    names = []
    for name in core.__all__:
        obj = getattr(core, name)
        if name in ("__version__", "_arm_panic_for_test"):
            continue
        if not isinstance(obj, type):
            names.append(name)
            continue
        for attr, value in vars(obj).items():
            if attr in ("__doc__", "__module__") or attr in NOT_OURS or value is None:
                continue
            if attr == "__new__" and obj.__text_signature__ is None:
                continue  # no constructor: pyo3's own "No constructor defined" TypeError
            names.append(f"{name}.{attr}")
    return sorted(names)


def test_every_entry_point_has_a_sample_call(o: SimpleNamespace) -> None:
    missing = sorted(set(_entry_points()) - set(_samples(o)))
    assert not missing, f"add a sample call to tests/test_panic_belt.py for {missing}"


@pytest.mark.parametrize("name", _entry_points())
def test_no_entry_point_lets_a_core_panic_through(o: SimpleNamespace, name: str) -> None:
    call = _samples(o).get(name)
    if call is None:
        pytest.skip("no sample call (see test_every_entry_point_has_a_sample_call)")
    try:
        call()  # unarmed: a result or an error of the library, never a panic
    except pi.ParIndexError as e:
        assert e.kind != "INTERNAL" or name == "_panic_for_test", str(e)
    core._arm_panic_for_test()
    err = None
    try:
        call()
    except BaseException as e:  # PanicException derives from BaseException
        err = e
    finally:
        core._arm_panic_for_test(False)
    if err is None:
        return  # no core call on this path (a generated getter, a cached value)
    assert type(err) is pi.ParIndexError, f"{name}: {type(err).__module__}.{type(err).__name__}: {err}"
    assert err.kind == "INTERNAL" and (DELIBERATE in str(err) or name == "_panic_for_test"), str(err)


def test_the_core_calls_are_guarded(o: SimpleNamespace) -> None:
    # Entry points that reach the core panic under the armed guard (a sample of each kind).
    for call in (lambda: pi.published("par", 2023), lambda: o.t.rank("Lạng Sơn"), lambda: o.t.points_to_rank("Lạng Sơn", 30)):
        core._arm_panic_for_test()
        try:
            with pytest.raises(pi.ParIndexError, match=DELIBERATE):
                call()
        finally:
            core._arm_panic_for_test(False)


def test_a_caught_panic_prints_no_backtrace(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(pi.ParIndexError) as e:
        core._panic_for_test()
    assert e.value.kind == "INTERNAL" and "deliberate panic" in str(e.value)
    assert "lib.rs" in str(e.value)  # where it happened, in place of the backtrace
    err = capfd.readouterr().err
    assert "panicked" not in err and "stack backtrace" not in err, err


def test_decimal_overflow_never_reaches_python_as_a_panic() -> None:
    # A framework without maxima takes any points; two near the largest decimal used to
    # overflow their sum inside total(), to_pandas(), repr(), _repr_html_() and rows().
    fw = pi.Framework.from_csv(io.StringIO("code,name,max_points\n1,A,\n2,B,\n"))
    big = "79228162514264337593543950000"
    try:
        card = pi.Scorecard(fw, "X", points={"1": big, "2": big})
    except pi.ParIndexError:
        card = pi.Scorecard(fw, "X", points={"1": "1000000000", "2": "1000000000"})  # the core's limit
    calls = {
        "total": card.total,
        "index": lambda: card.index,
        "to_pandas": card.to_pandas,
        "repr": lambda: repr(card),
        "_repr_html_": card._repr_html_,
        "rows": card.rows,
        "points": lambda: card.points("total"),
        "problems": lambda: card.problems,
    }
    for name, call in calls.items():
        try:
            call()
        except pi.ParIndexError:
            pass
        except BaseException as e:  # PanicException derives from BaseException
            pytest.fail(f"{name}: {type(e).__module__}.{type(e).__name__}: {e}")
