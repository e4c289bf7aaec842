"""SIPAS from survey answers: the hand-computed fixtures of testdata/sipas/ (values worked
out in its README and core/tests/sipas.rs), every input form, errors naming row and
column, what-if, league tables and the bootstrap."""

from __future__ import annotations

import io
import json
import math
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import parindex as pi

SIPAS = Path(__file__).resolve().parents[2] / "testdata" / "sipas"


def r20(x: Decimal) -> Decimal:
    return round(x, 20)


def q(a: int, b: int) -> Decimal:
    return r20(Decimal(a) / Decimal(b))


@pytest.fixture(scope="module")
def mini() -> pi.Framework:
    return pi.Framework.from_json(SIPAS / "mini-framework.json")


def test_top2_item_mean_by_hand(mini: pi.Framework) -> None:
    # Shown at 20 decimals: the exact values by hand (the default shows 4).
    res = pi.sipas_from_answers(SIPAS / "mini-long.csv", framework=mini, decimals=20)
    assert (res.rule, res.aggregation, res.tie_policy, res.weighted) == ("top2", "item_mean", "competition", False)
    # Alpha: (50 + 200/3 + 200/3 + 75 + 50) / 5 = 185/3 = 61.67; Beta: 200/3 = 66.67, first.
    assert isinstance(res.index["Alpha"], Decimal)
    assert r20(res.index["Alpha"]) == q(185, 3) and f"{res.index['Alpha']:.2f}" == "61.67"
    assert r20(res.value("beta", "sipas")) == q(200, 3)  # units matched ignoring case
    assert (res.rank("Alpha"), res.rank("Beta")) == (2, 1)
    assert r20(res.value("Alpha", "P") or Decimal(0)) == q(175, 3)
    assert r20(res.value("Alpha", "S") or Decimal(0)) == q(575, 9)
    assert res.value("Alpha", "S.2") == Decimal(50)
    assert res.value("Alpha", "S.1.2") == Decimal(75)
    with pytest.raises(pi.DataError, match="unknown code `Z.9`") as e:  # an unknown code is an error, not None
        res.value("Alpha", "Z.9")
    assert e.value.kind == "UNKNOWN_CODE"
    detail = res.unit_detail("Alpha")
    p12 = next(i for i in detail["items"] if i["code"] == "P.1.2")
    assert (p12["valid"], p12["satisfied"], p12["missing"], p12["dont_know"]) == (3, 2, 1, 0)
    s11 = next(i for i in detail["items"] if i["code"] == "S.1.1")
    assert (s11["valid"], s11["dont_know"]) == (3, 1)
    assert (detail["respondents"], detail["rank"], detail["items_without_answers"]) == (4, 2, [])
    assert res.units == ["Alpha", "Beta"] and res.items == ["P.1.1", "P.1.2", "S.1.1", "S.1.2", "S.2.1"]
    assert [n["code"] for n in res.nodes] == ["P", "P.1", "S", "S.1", "S.2"]
    with pytest.raises(pi.InputError) as e:
        res.value("Gamma", "sipas")
    assert e.value.kind == "NOT_FOUND" and "Alpha" in str(e.value)
    assert "Gamma" not in res.index and list(res.index) == res.units


def test_rules_and_aggregations_by_hand(mini: pi.Framework) -> None:
    survey = pi.Survey.from_csv(SIPAS / "mini-wide.csv", framework=mini)
    assert r20(survey.compute(aggregation="domain_mean", decimals=20).index["Alpha"]) == q(550, 9)
    em = survey.compute(aggregation="element_mean", decimals=20)
    assert r20(em.index["Alpha"]) == q(1075, 18) and em.aggregation == "element_mean"
    mean = survey.compute(rule="mean", decimals=20)
    assert r20(mean.index["Alpha"]) == q(775, 12) and mean.rule == "mean"
    assert mean.unit_detail("Alpha")["items"][0]["satisfaction"] == Decimal("56.25")
    with pytest.raises(pi.InputError, match="rule"):
        survey.compute(rule="top3")
    with pytest.raises(pi.InputError, match="aggregation"):
        survey.compute(aggregation="median")


def test_every_input_form_gives_the_same_result(mini: pi.Framework) -> None:
    base = pi.sipas_from_answers(SIPAS / "mini-wide.csv", framework=mini).to_pandas()
    forms = [
        pi.sipas_from_answers(SIPAS / "mini-long.csv", framework=mini),
        pi.sipas_from_answers(SIPAS / "mini-long.json", framework=mini),
        pi.sipas_from_answers(SIPAS / "mini-wide.json", framework=mini),
        pi.sipas_from_answers(pd.read_csv(SIPAS / "mini-long.csv"), framework=mini),
        pi.sipas_from_answers(pd.read_csv(SIPAS / "mini-wide.csv"), framework=mini),
        pi.sipas_from_answers(io.StringIO((SIPAS / "mini-long.csv").read_text(encoding="utf-8")), framework=mini),
        pi.sipas_from_answers(io.StringIO((SIPAS / "mini-long.json").read_text(encoding="utf-8")), framework=mini),
        pi.Survey.from_json(SIPAS / "mini-long.json", framework=mini).compute(),
        pi.Survey.from_pandas(pd.read_csv(SIPAS / "mini-wide.csv"), framework=mini, layout="wide").compute(),
    ]
    for res in forms:
        pd.testing.assert_frame_equal(res.to_pandas(), base, check_like=False)


def test_issue_example_long_dataframe_with_nan() -> None:
    """answers: DataFrame, long form: respondent, unit, item, answer (1–5 or NaN)."""
    fw = pi.framework("sipas-2023")
    rows = []
    for unit, answers in (("Lạng Sơn", (5, 4, 2)), ("Cao Bằng", (3, 3, 4))):
        for r, a in enumerate(answers):
            for k, item in enumerate(fw.leaf_codes()):
                rows.append({"respondent": f"{unit}-{r}", "unit": unit, "item": item, "answer": a})
    answers = pd.DataFrame(rows)
    answers.loc[(answers["respondent"] == "Lạng Sơn-2") & (answers["item"] == "A.1.1"), "answer"] = math.nan
    assert str(answers["answer"].dtype) == "float64"
    res = pi.sipas_from_answers(answers, framework="sipas-2023", rule="top2", decimals=20)
    # Lạng Sơn: 2 of 3 satisfied on 38 items, 2 of 2 on A.1.1 → (38 × 200/3 + 100) / 39.
    expected = (38 * Decimal(200) / Decimal(3) + 100) / 39
    assert abs(res.index["Lạng Sơn"] - expected) < Decimal("1e-20")
    assert abs(res.index["Cao Bằng"] - Decimal(100) / 3) < Decimal("1e-20")
    df = res.to_pandas()
    assert list(df.columns) == [
        "unit",
        "sipas",
        "policy",
        "service",
        "information",
        "participation",
        "implementation",
        "impact",
        "access",
        "procedures",
        "civil_servants",
        "results",
        "feedback",
        "n",
        "rank",
    ]
    ls = df.set_index("unit").loc["Lạng Sơn"]
    assert (ls["n"], ls["rank"]) == (3, 1) and round(ls["sipas"], 10) == round(float(expected), 10)
    assert df.attrs["framework"] == "sipas-2023" and df.attrs["decision"].startswith("1001/QĐ-BNV")
    wide_items = res.to_pandas(items=True)
    assert "A.1.1" in wide_items.columns and wide_items.set_index("unit").loc["Lạng Sơn", "A.1.1_n"] == 2
    assert "Lạng Sơn" in res._repr_html_() and "1001/QĐ-BNV" in res._repr_html_()
    assert res.decision.startswith("1001/QĐ-BNV") and res.framework == "sipas-2023"


def test_weights(mini: pi.Framework) -> None:
    plain = pi.sipas_from_answers(SIPAS / "mini-wide.csv", framework=mini)
    ones = pi.sipas_from_answers(SIPAS / "mini-wide-weights1.csv", framework=mini)
    assert ones.weighted and ones.index["Alpha"] == plain.index["Alpha"]
    assert "weight_total" in ones.to_pandas().columns
    heavier = pi.sipas_from_answers(SIPAS / "mini-wide-weighted.csv", framework=mini)
    assert heavier.index["Alpha"] != plain.index["Alpha"]
    assert pi.Survey.from_csv(SIPAS / "mini-wide-weighted.csv", framework=mini).is_weighted


@pytest.mark.parametrize(
    ("name", "kind", "row", "column"),
    [
        ("answer-zero.csv", "INVALID_ANSWER", 3, "answer"),
        ("answer-six-wide.csv", "INVALID_ANSWER", 3, "P.1.2"),
        ("answer-text.csv", "INVALID_ANSWER", 3, "answer"),
        ("answer-seven.json", "INVALID_ANSWER", 2, "answer"),
        ("unknown-item.csv", "UNKNOWN_CODE", 3, "item"),
        ("unknown-column-wide.csv", "UNKNOWN_CODE", 1, None),
        ("duplicate-pair.csv", "DUPLICATE_ANSWER", 4, None),
        ("unit-no-answers-wide.csv", "NO_ANSWERS", 3, None),
        ("missing-answer-column.csv", "MISSING_FIELD", 1, None),
        ("ragged-row.csv", "MALFORMED", 3, None),
        ("unclosed-quote.csv", "MALFORMED", None, None),
        ("truncated.json", "MALFORMED", None, None),
        ("weight-zero-wide.csv", "INVALID_ANSWER", 3, "weight"),
        ("respondent-two-units.csv", "MALFORMED", 3, None),
    ],
)
def test_bad_answer_files(mini: pi.Framework, name: str, kind: str, row, column) -> None:
    path = SIPAS / "bad" / name
    with pytest.raises(pi.DataError) as e:
        pi.sipas_from_answers(path, framework=mini)
    err = e.value
    assert err.kind == kind and err.family == "data" and isinstance(err, ValueError)
    assert err.file == str(path) and f"file `{path}`" in str(err)
    if row is not None:
        assert err.row == row and f"row {row}" in str(err)
    if column is not None:
        assert err.column == column


def test_dataframe_errors_name_the_row(mini: pi.Framework) -> None:
    df = pd.read_csv(SIPAS / "mini-long.csv")
    df.loc[5, "answer"] = "7"
    with pytest.raises(pi.DataError) as e:
        pi.sipas_from_answers(df, framework=mini)
    assert (e.value.kind, e.value.file, e.value.row, e.value.column) == ("INVALID_ANSWER", "DataFrame", 7, "answer")
    with pytest.raises(pi.DataError) as e:
        pi.Survey.from_pandas(df, framework=mini, label="khảo sát 2024")
    assert e.value.file == "khảo sát 2024"


def test_reading_options(mini: pi.Framework) -> None:
    text = (SIPAS / "mini-long.csv").read_text(encoding="utf-8").replace(",dk", ",9")
    custom = pi.sipas_from_answers(io.StringIO(text), framework=mini, dont_know=["9"])
    base = pi.sipas_from_answers(SIPAS / "mini-long.csv", framework=mini)
    assert custom.index["Alpha"] == base.index["Alpha"]
    with pytest.raises(pi.DataError):
        pi.sipas_from_answers(io.StringIO(text), framework=mini)
    with pytest.raises(pi.DataError) as e:
        pi.sipas_from_answers(SIPAS / "mini-long.csv", framework=mini, units=["Alpha", "Gamma"])
    assert "Gamma" in str(e.value)
    with pytest.raises(pi.InputError, match="layout"):
        pi.sipas_from_answers(SIPAS / "mini-long.csv", framework=mini, layout="diagonal")
    renamed = pd.read_csv(SIPAS / "mini-long.csv").rename(columns={"unit": "đơn vị", "respondent": "mã phiếu"})
    assert pi.sipas_from_answers(renamed, framework=mini).index["Alpha"] == base.index["Alpha"]


def test_sipas_from_answers_takes_every_reading_option(mini: pi.Framework) -> None:
    # Wide answers with an extra note column, as survey exports have them.
    wide = pd.read_csv(SIPAS / "mini-wide.csv")
    wide["ghi chú"] = "phiếu giấy"
    with pytest.raises(pi.DataError) as e:
        pi.sipas_from_answers(wide, framework=mini)
    assert e.value.kind == "UNKNOWN_CODE" and "ghi chú" in str(e.value)
    base = pi.sipas_from_answers(SIPAS / "mini-wide.csv", framework=mini)
    res = pi.sipas_from_answers(wide, framework=mini, ignore_columns=["ghi chú"])
    assert res.index["Alpha"] == base.index["Alpha"] and res.index["Beta"] == base.index["Beta"]
    # The same options, in the same order, as Survey.from_pandas (less df/label).
    import inspect

    survey_options = [p for p in inspect.signature(pi.Survey.from_pandas).parameters if p not in ("df", "label")]
    one_call = list(inspect.signature(pi.sipas_from_answers).parameters)
    assert [p for p in one_call if p in survey_options] == survey_options
    assert pi.sipas_from_answers(wide, framework=mini, ignore_columns=["ghi chú"], require_all_items=False).units == [
        "Alpha",
        "Beta",
    ]


def test_survey_properties_and_round_trip(mini: pi.Framework) -> None:
    s = pi.Survey.from_csv(SIPAS / "mini-wide.csv", framework=mini)
    assert (s.units, s.respondent_count, s.is_weighted) == (["Alpha", "Beta"], 7, False)
    assert s.respondents("Alpha") == 4 and s.respondents("Gamma") is None
    assert s.items == ["P.1.1", "P.1.2", "S.1.1", "S.1.2", "S.2.1"] and s.framework.id == "mini-sipas"
    long_again = pi.Survey.from_csv(io.StringIO(s.to_long_csv()), framework=mini)
    wide_again = pi.Survey.from_csv(io.StringIO(s.to_wide_csv()), framework=mini)
    assert long_again.compute().index["Alpha"] == wide_again.compute().index["Alpha"] == s.compute().index["Alpha"]
    assert "2 units, 7 respondents" in repr(s)


def test_what_if_and_league_table(mini: pi.Framework) -> None:
    res = pi.sipas_from_answers(SIPAS / "mini-long.csv", framework=mini, decimals=20)
    df = res.what_if(
        "Alpha", {"+20 on S.2": {"S.2": 20}, "set to 70": {"sipas": {"set": 70}}, "capped": {"S.1.2": {"add": 40}}}
    )
    assert list(df["scenario"]) == ["+20 on S.2", "set to 70", "capped"]
    assert list(df.columns[:8]) == [
        "scenario", "unit", "sipas_before", "sipas_after", "rank_before", "rank_after", "of", "capped_items"
    ]
    w, up, capped = (df.iloc[i] for i in range(3))
    assert w["sipas_before"] == float(res.index["Alpha"]) and w["rank_before"] == 2
    assert w["S.2_after"] == 70.0
    assert w["sipas_after"] == pytest.approx(float(q(185 * 5 + 60, 15)), abs=1e-12)  # +20 on one of 5 items: +4
    assert up["sipas_after"] == 70.0 and up["rank_after"] == 1 and up["of"] == 2
    assert capped["capped_items"] == ["S.1.2"] and w["capped_items"] == []
    with pytest.raises(pi.DataError) as e:
        res.what_if("Alpha", {"x": {"Z.9": 1}})
    assert e.value.kind == "UNKNOWN_CODE"
    with pytest.raises(pi.InputError):
        res.what_if("Alpha", {"x": {"S.2": 150}})
    with pytest.raises(pi.InputError, match="exactly one of"):
        res.what_if("Alpha", {"x": {"S.2": {"add": 1, "set": 2}}})
    t = res.league_table()
    assert isinstance(t, pi.LeagueTable) and (t.index, t.roster, t.of) == ("sipas", "open", 2)
    assert t.rank("Beta") == 1 and t.score("Alpha") == res.index["Alpha"]
    own = res.league_table(index="SIPAS sở ngành", year=2024)
    assert (own.index, own.year) == ("SIPAS sở ngành", 2024)
    assert own.points_to_rank("Alpha", 1).high > 0


def test_sipas_changes_refuse_unknown_keys_and_name_the_argument(mini: pi.Framework) -> None:
    res = pi.sipas_from_answers(SIPAS / "mini-long.csv", framework=mini)
    with pytest.raises(pi.InputError) as e:
        res.what_if("Alpha", {"x": {"S.2": {"sett": 70}}})
    assert e.value.argument == 'scenarios["x"]["S.2"]' and "unknown field `sett`" in str(e.value)
    with pytest.raises(pi.InputError) as e:
        res.what_if("Alpha", {"x": {"S.2": {"set": "x"}}})
    assert e.value.argument == 'scenarios["x"]["S.2"].set' and "`x` is not a decimal number" in str(e.value)
    with pytest.raises(pi.InputTypeError) as e:
        pi.sipas_from_answers(42, framework=mini)  # type: ignore[arg-type]
    assert e.value.argument == "answers" and "invalid `answers`" in str(e.value)


def test_synthetic_arguments_are_named() -> None:
    for kwargs, argument in [({"units": 0}, "units"), ({"respondents": 0}, "respondents"), ({"units": -1}, "units")]:
        with pytest.raises(pi.InputError) as e:
            pi.Survey.synthetic(**kwargs)
        assert e.value.argument == argument and f"invalid `{argument}`" in str(e.value), str(e.value)


def test_synthetic_and_bootstrap() -> None:
    survey = pi.Survey.synthetic(units=8, respondents=150, seed=3)
    assert survey.respondent_count == 1200 and survey.units[0] == "Synthetic unit 01"
    assert "synthetic" in survey.label
    again = pi.Survey.synthetic(units=8, respondents=150, seed=3)
    assert again.compute().to_pandas().equals(survey.compute().to_pandas())
    b = survey.bootstrap(replicates=100, seed=5)
    assert (b.replicates, b.seed, b.level, b.rule) == (100, 5, Decimal("0.95"), "top2")
    df = b.to_pandas()
    assert list(df.columns) == ["unit", "sipas", "sipas_low", "sipas_high", "sipas_se", "rank", "rank_best", "rank_worst"]
    assert ((df["sipas_low"] <= df["sipas"]) & (df["sipas"] <= df["sipas_high"])).all()
    unit = survey.units[0]
    interval = b.interval(unit)
    assert interval["low"] <= interval["estimate"] <= interval["high"] and interval["replicates"] == 100
    assert sum(b.rank_counts(unit)) == 100
    p = b.probability_at_most(unit, 8)
    assert p == Decimal(1)
    same = survey.bootstrap(replicates=100, seed=5).to_pandas()
    pd.testing.assert_frame_equal(df, same)
    with pytest.raises(pi.InputError, match="replicate"):
        survey.bootstrap(replicates=0)
    with pytest.raises(pi.InputError, match="level"):
        survey.bootstrap(replicates=10, level=1.5)
    with pytest.raises(pi.InputTypeError):
        survey.bootstrap(replicates=10, seed=1.5)
    with pytest.raises(pi.InputError):
        pi.Survey.synthetic(units=0)
    weighted = pi.Survey.synthetic(units=3, respondents=50, weighted=True)
    assert weighted.is_weighted and weighted.compute().weighted


def test_sipas_2017_framework() -> None:
    survey = pi.Survey.synthetic("sipas-2017", units=3, respondents=80, seed=2)
    df = survey.compute().to_pandas()
    assert list(df.columns) == [
        "unit",
        "sipas",
        "access",
        "procedures",
        "civil_servants",
        "results",
        "feedback",
        "n",
        "rank",
    ]
    with pytest.raises(pi.InputError, match="domain"):
        survey.compute(aggregation="domain_mean")


def test_json_records_from_python(mini: pi.Framework) -> None:
    records = json.loads((SIPAS / "mini-long.json").read_text(encoding="utf-8"))
    res = pi.sipas_from_answers(io.StringIO(json.dumps(records)), framework=mini, decimals=20)
    assert r20(res.index["Alpha"]) == q(185, 3)


def _places(x: object) -> int:
    """Decimal places of a Decimal, float or decimal-looking string (0 otherwise)."""
    if isinstance(x, float):
        # A float shows its shortest repr: 79.0 is 79.
        x = Decimal(repr(x)).normalize()
    if isinstance(x, str):
        try:
            x = Decimal(x)
        except Exception:
            return 0
    if isinstance(x, Decimal) and x.is_finite():
        # Trailing zeros are no noise digits (a league table shows 79 as 79.00).
        return max(0, -int(x.normalize().as_tuple().exponent))
    return 0


def _values(x: object):
    """Every leaf value of dicts, lists, DataFrames and strings (reprs)."""
    if isinstance(x, dict):
        for v in x.values():
            yield from _values(v)
    elif isinstance(x, (list, tuple)):
        for v in x:
            yield from _values(v)
    elif isinstance(x, pd.DataFrame):
        for col in x.columns:
            if col not in ("n", "rank", "rank_best", "rank_worst") and not col.endswith("_n"):
                yield from _values(list(x[col]))
    else:
        yield x


@pytest.mark.parametrize("decimals", [None, 2, 0])
def test_no_public_output_shows_more_than_the_stated_decimals(decimals) -> None:
    survey = pi.Survey.synthetic(units=6, respondents=37, seed=3)
    kw = {} if decimals is None else {"decimals": decimals}
    stated = 4 if decimals is None else decimals
    res = survey.compute(**kw)
    assert res.decimals == stated
    # The exact values carry noise digits (the check is not vacuous): at 20 they show.
    assert max(_places(survey.compute(decimals=20).index[u]) for u in res.units) > 4
    unit = res.units[0]
    table = res.league_table()
    boot = survey.bootstrap(replicates=40, seed=1, **kw)
    outputs = [
        [res.index[u] for u in res.units],
        [res.value(unit, n["key"]) for n in res.nodes],
        res.unit_detail(unit),
        res.to_pandas(items=True),
        res.what_if(unit, {"a": {"procedures": Decimal("1.2345678")}, "b": {"sipas": {"set": Decimal("77.777777")}}}),
        [table.score(u) for u in res.units],
        table.points_to_rank(unit, 1).to_dict(),
        [table.points_to_rank(unit, k).to_dict() for k in range(1, len(res.units) + 1)],
        [boot.interval(u) for u in res.units],
        boot.to_pandas(),
    ]
    seen = [v for out in outputs for v in _values(out) if isinstance(v, (Decimal, float, str))]
    assert len(seen) > 100
    for v in seen:
        assert _places(v) <= stated, (v, stated)
    for text in [repr(res), repr(boot), repr(table.points_to_rank(unit, 1)), res.to_csv(with_items=True)]:
        for token in text.replace(",", " ").split():
            assert _places(token) <= stated, (token, stated)
    assert _places(boot.probability_at_most(unit, 2)) <= stated + 2
    from_answers = pi.sipas_from_answers(io.StringIO(survey.to_long_csv()), **kw)
    assert from_answers.decimals == stated and from_answers.index[unit] == res.index[unit]


def test_the_python_defaults_are_the_cores(mini: pi.Framework) -> None:
    # The SIPAS signatures in parindex._sipas show defaults; the core holds them (the native
    # entry points take an options object, and an empty one means the core's defaults).
    import inspect

    from parindex import _sipas

    path = SIPAS / "mini-long.csv"
    survey = pi.Survey.from_csv(path, framework=mini)
    assert survey.to_long_csv() == pi.Survey._read("csv", path, mini, {}).to_long_csv()
    assert survey.compute().to_csv() == survey._compute({}).to_csv()
    boot, core_boot = survey.bootstrap(replicates=30), survey._bootstrap({}, {"replicates": 30})
    assert boot.to_pandas().equals(core_boot.to_pandas()) and (boot.seed, boot.level) == (core_boot.seed, core_boot.level)
    assert inspect.signature(_sipas.bootstrap).parameters["seed"].default == core_boot.seed
    assert Decimal(inspect.signature(_sipas.bootstrap).parameters["level"].default) == core_boot.level
    synthetic = pi.Survey.synthetic(mini)
    core_synthetic = pi.Survey._synthetic(mini, {})
    assert synthetic.to_long_csv() == core_synthetic.to_long_csv()
    assert len(synthetic.units) == inspect.signature(_sipas.synthetic).parameters["units"].default
