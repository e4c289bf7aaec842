"""The fitted next-year model, the whole-table forecast and the backtest from Python."""

from decimal import Decimal

import pytest

import parindex as pi


FORECAST_COLUMNS = [
    "province",
    "rank_now",
    "score_now",
    "rank_p05",
    "rank_p25",
    "rank_p50",
    "rank_p75",
    "rank_p95",
    "p_target",
    "expected_score",
    "score_p05",
    "score_p95",
    "published",
]


def test_forecast_is_a_frame_with_the_promised_columns():
    t = pi.published("par", 2023)
    df = t.forecast(target_rank=30)
    assert list(df.columns) == FORECAST_COLUMNS
    assert len(df) == 63
    ls = df[df.province == "Lạng Sơn"].iloc[0]
    assert (ls.rank_now, ls.score_now) == (47, 85.94)
    assert ls.rank_p05 <= ls.rank_p50 <= ls.rank_p95
    assert 0.0 < ls.p_target < 1.0
    assert df.attrs["model"]["kind"] == "fitted"
    assert [p["name"] for p in df.attrs["model"]["parameters"]][:4] == ["shock_mean", "shock_sd", "catch_up", "spread"]
    assert (~df.published).sum() == len(df.attrs["model"]["free_provinces"])


def test_same_seed_same_numbers_and_monte_carlo_agrees():
    t = pi.published("sipas", 2023)
    a = t.forecast(target_rank=30, scenarios=4000, seed=3)
    b = t.forecast(target_rank=30, scenarios=4000, seed=3)
    assert a.equals(b)
    exact = t.forecast(target_rank=30)
    diff = (a.p_target - exact.p_target).abs()
    assert diff.max() < 0.06, diff.max()


def test_overrides_and_bad_models():
    t = pi.published("par", 2023)
    m = pi.fit(t, model={"spread": 2.0})
    assert m["spread"] == 2.0
    assert any(p["name"] == "spread" and p["source"] == "override" for p in m["parameters"])
    with pytest.raises(pi.InputError):
        pi.fit(t, model={"spred": 2.0})
    with pytest.raises(pi.InputError):
        t.forecast(model={"catch_up": -3})


def test_backtest_summary_and_rows():
    b = pi.backtest("par", 2022, 2023)
    s = b.summary
    for key in ("n", "coverage_50", "coverage_90", "rps", "baseline_coverage_90", "baseline_rps"):
        assert key in s
    assert s["n"] == 34 and s["inside_90"] == 29
    assert s["rps"] < s["baseline_rps"]
    df = b.to_pandas()
    assert list(df.columns[:9]) == [
        "province",
        "actual_rank",
        "rank_p05",
        "rank_p25",
        "rank_p50",
        "rank_p75",
        "rank_p95",
        "inside_50",
        "inside_90",
    ]
    assert len(df) == 34 and int(df.inside_90.sum()) == 29
    with pytest.raises(pi.InputError):
        pi.backtest("par", 2021, 2023)


def test_chances_exact_and_monte_carlo() -> None:
    t = pi.published("par", 2023)
    c = t.chances("Lang Son", [0, 2, 4, 6], target_rank=30)
    assert (c["province"], c["target_rank"], c["method"]) == ("Lạng Sơn", 30, "exact")
    assert [p["gain"] for p in c["plans"]] == [Decimal(0), Decimal(2), Decimal(4), Decimal(6)]
    ps = [p["p_target"] for p in c["plans"]]
    assert ps == sorted(ps) and 0.0 <= ps[0] and ps[-1] <= 1.0 + 1e-12
    for p in c["plans"]:
        assert len(p["rank_probabilities"]) == 63 and abs(sum(p["rank_probabilities"]) - 1.0) < 1e-9
        assert p["rank_p05"] <= p["rank_p50"] <= p["rank_p95"]
    assert isinstance(c["gain_for_p50"], Decimal) and c["gain_for_p80"] >= c["gain_for_p50"]
    assert c["model"]["kind"] == "fitted"
    # The exact path of t.exact under the default (fitted) model is the same solution.
    ex = t.exact("Lạng Sơn", gain=[0, 2, 4, 6], target_rank=30)
    assert [p["p_target"] for p in ex.plans] == ps and ex.gain_for_p50 == c["gain_for_p50"]
    # The seeded Monte Carlo of the same model: simulate draws the same scenarios.
    mc = t.chances("Lạng Sơn", 4, 30, scenarios=20_000, seed=7)
    assert mc["method"] == "monte_carlo" and mc["gain_for_p50"] is None
    sim = t.simulate("Lạng Sơn", 4, 30, scenarios=20_000, seed=7)
    assert sim.p_target == mc["plans"][0]["p_target"]
    assert abs(mc["plans"][0]["p_target"] - ps[2]) < 0.02
    with pytest.raises(pi.InputError):
        t.chances("Lạng Sơn", 101)
    with pytest.raises(pi.InputError):
        t.chances("Lạng Sơn", 1, model={"spred": 1})
    with pytest.raises(pi.DataError):
        t.chances("Atlantis", 1)


def test_readme_next_year_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's forecast / chances / backtest example runs as written."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    section = readme.split("## Next year: forecast, chances and backtest", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md (Next year)", "exec"), {})
    out = capsys.readouterr().out
    assert "Lạng Sơn next year: rank" in out and "in past years, 90% bands held" in out


def test_defaults_are_the_cores_and_errors_name_the_argument() -> None:
    import inspect

    t = pi.published("par", 2023)
    for method in (pi.LeagueTable.forecast, pi.LeagueTable.chances):
        params = inspect.signature(method).parameters
        assert (params["target_rank"].default, params["seed"].default) == (30, 7)
    # The default seed is simulate's: the same draws as an explicit seed of 7.
    a = t.forecast(scenarios=2000)
    b = t.forecast(scenarios=2000, seed=7)
    assert a["p_target"].tolist() == b["p_target"].tolist()
    with pytest.raises(pi.InputError) as e:
        t.forecast(model={"catch_up": 5})
    assert e.value.argument == "model" and "catch_up" in str(e.value)
    with pytest.raises(pi.InputError, match="at least one planned gain"):
        t.chances("Lạng Sơn", [])
    with pytest.raises(pi.InputError) as e:
        t.forecast(target_rank=64)
    assert e.value.argument == "target_rank"


def test_index_names_national_aliases_and_near_misses() -> None:
    entries = [{"province": "Lạng Sơn", "score": "85.94"}]
    t = pi.LeagueTable.from_entries(entries, index="Chỉ số cải cách hành chính", year=2023, roster="open")
    assert t.index == "par"
    for name, meant in (("PAR INDEX 2023", "par"), ("sipas2", "sipas"), ("Chỉ số SIPAS 2023", "sipas")):
        with pytest.raises(pi.InputError, match=f'did you mean "{meant}"') as e:
            pi.LeagueTable.from_entries(entries, index=name, year=2023, roster="open")
        assert "invalid `index`: invalid" not in str(e.value)
    own = pi.LeagueTable.from_entries(entries, index="SIPAS sở ngành", year=2023, roster="open")
    assert own.index == "SIPAS sở ngành"
