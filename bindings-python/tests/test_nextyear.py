"""The fitted next-year model, the whole-table forecast and the backtest from Python."""

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
