"""Jupyter display (_repr_html_) and matplotlib plots (each returns its Axes)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

import parindex as pi  # noqa: E402
from parindex import plots  # noqa: E402


def test_league_table_html(par2023: pi.LeagueTable, sipas2023: pi.LeagueTable) -> None:
    html = par2023._repr_html_()
    assert "<table>" in html and "PAR 2023: 34 of 63 ranks and 26 scores published" in html
    assert "Quảng Ninh" in html and "92.18" in html and "#1" in html
    assert "Trung du và miền núi phía Bắc" in html
    assert "more with data" in html and "t.to_pandas()" in html
    s = sipas2023._repr_html_()
    assert "Hải Phòng is ranked #5 with 88.09" in s  # the inversion is shown
    # Names and messages are escaped.
    t = pi.LeagueTable.from_entries([{"province": "<b>Sở & Ban</b>", "score": 90}], "dept", 2024)
    assert "&lt;b&gt;Sở &amp; Ban&lt;/b&gt;" in t._repr_html_()


def test_scorecard_and_framework_html(quang_nam: pi.Scorecard) -> None:
    html = quang_nam._repr_html_()
    assert "Quảng Nam" in html and "par-2022" in html and "876/QĐ-BNV" in html
    assert "Cải cách thủ tục hành chính" in html and "implied" in html and "84.60" in html
    f = pi.framework("par-2024")._repr_html_()
    assert "892/QĐ-BNV" in f and "Cải cách chế độ công vụ" in f and "15.00" in f


def test_simulation_and_plan_html(par2023: pi.LeagueTable, quang_nam: pi.Scorecard) -> None:
    sim = par2023.simulate("Lạng Sơn", gain=[2, 4], target_rank=30, scenarios=2_000, seed=7)
    html = sim._repr_html_()
    assert "Lạng Sơn" in html and "P(rank ≤ 30)" in html and "+4.00" in html and "seed 7" in html
    # The model is stated (the fitted one by default).
    start = sim.model["description"][:30]
    assert start in html or __import__("html").escape(start) in html
    plan = quang_nam.plan(par2023, 30)
    h = plan._repr_html_()
    assert "Quảng Nam → rank ≤ 30" in h and "Cải cách thủ tục hành chính" in h and "max points unknown" in h


def test_rank_gain_plot(quang_nam: pi.Scorecard, par2023: pi.LeagueTable) -> None:
    df = quang_nam.rank_gain(par2023, target_rank=30)
    ax = plots.rank_gain(df)  # one view: the fields
    assert isinstance(ax, Axes)
    fields = df[df["level"] == "field"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(fields) and any("Cải cách" in t for t in labels)
    assert [int(p.get_width()) for p in ax.patches][::-1] == [int(v) for v in fields["ranks_gained"]]
    fig, mine = plt.subplots()
    assert plots.rank_gain(df, ax=mine, view="fields") is mine
    assert len(mine.patches) == len(fields)


def test_rank_distribution_plot(par2023: pi.LeagueTable) -> None:
    sim = par2023.simulate("Lạng Sơn", gain=4, target_rank=30, scenarios=5_000, seed=7)
    ax = sim.plot()
    assert isinstance(ax, Axes)
    assert len(ax.patches) == 63
    heights = [p.get_height() for p in ax.patches]
    assert abs(sum(heights) - 1.0) < 1e-9
    lines = [line for line in ax.get_lines() if line.get_xdata()[0] == 30.5]
    assert lines, "the target line is drawn"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("+4,00 điểm: P(hạng ≤ 30) =" in t for t in legend) and "mục tiêu: hạng ≤ 30" in legend
    legend = [t.get_text() for t in plots.rank_distribution(sim, lang="en").get_legend().get_texts()]
    assert any("+4.00 points: P(rank ≤ 30) =" in t for t in legend) and "target: rank ≤ 30" in legend
    many = par2023.simulate("Lạng Sơn", gain=[2, 4], target_rank=30, scenarios=1_000, seed=7)
    ax2 = plots.rank_distribution(many)
    assert len(ax2.get_legend().get_texts()) == 3
    assert plots.rank_distribution(many, plan=1).get_legend() is not None


def test_field_profile_plot(quang_nam: pi.Scorecard, par2023: pi.LeagueTable) -> None:
    ax = plots.field_profile(quang_nam, par2023, target_rank=30)
    assert isinstance(ax, Axes)
    assert len(ax.patches) >= 8
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("hạng ≤ 30" in t for t in texts) and any("Quảng Nam" in t for t in texts)
    assert isinstance(plots.field_profile(quang_nam), Axes)


def test_plots_module_surface() -> None:
    assert plots.__all__[:3] == ["rank_gain", "rank_distribution", "field_profile"]
    assert {"sipas_units", "sipas_profile", "forecast_table", "accountability", "save"} <= set(plots.__all__)
    with pytest.raises(Exception):
        plots.rank_gain("not a frame")  # type: ignore[arg-type]


def _drawn(ax: Axes):  # type: ignore[no-untyped-def]
    """Save the figure as a user would (plain savefig) and return the renderer."""
    import io

    fig = ax.figure
    fig.savefig(io.BytesIO(), format="png")
    return fig.canvas.get_renderer()


def test_saved_plots_keep_long_vietnamese_labels_inside(quang_nam: pi.Scorecard, par2023: pi.LeagueTable) -> None:
    for ax in (plots.rank_gain(quang_nam.rank_gain(par2023, 30)), plots.field_profile(quang_nam, par2023, 30)):
        renderer = _drawn(ax)
        width = ax.figure.bbox.width
        for label in [*ax.get_yticklabels(), ax.xaxis.label, ax.title]:
            box = label.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 <= width, f"{label.get_text()!r} is cut off: {box}"


def test_field_profile_legend_covers_no_bar(quang_nam: pi.Scorecard, par2023: pi.LeagueTable) -> None:
    ax = plots.field_profile(quang_nam, par2023, 30)
    renderer = _drawn(ax)
    legend = ax.get_legend().get_window_extent(renderer)
    bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_width() > 0 and p.get_height() < 1]
    assert bars and not any(legend.overlaps(b) for b in bars)
    assert legend.x1 <= ax.figure.bbox.width


def test_rank_distribution_plan_is_checked(par2023: pi.LeagueTable) -> None:
    sim = par2023.simulate("Lạng Sơn", gain=[2, 4], target_rank=30, scenarios=500, seed=7)
    for plan in (5, 2, -1):
        with pytest.raises(pi.InputError) as e:
            plots.rank_distribution(sim, plan=plan)
        assert e.value.argument == "plan" and "outside 0..=1" in str(e.value) and "2 plans" in str(e.value)
    with pytest.raises(pi.InputTypeError):
        plots.rank_distribution(sim, plan=1.0)  # type: ignore[arg-type]
    assert plots.rank_distribution(sim, plan=1).get_legend() is not None
