"""Report charts: every plot rendered in Vietnamese (the default) and English, its text read
back (no English word in lang="vi", vi-VN numbers, nothing cut off at the figure's edges,
legends clear of the data) and its PNG kept in bindings-python/test-output/plots/."""

from __future__ import annotations

import csv
import io
import re
import runpy
from decimal import Decimal
from pathlib import Path
from typing import Dict, List

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import parindex as pi  # noqa: E402
from parindex import _plot_style as st  # noqa: E402
from parindex import plots  # noqa: E402

BINDINGS = Path(__file__).resolve().parents[1]
OUT = BINDINGS / "test-output" / "plots"

# Words of the English labels; a lang="vi" chart must show none of them. Acronyms in
# capitals (PAR, SIPAS, P) and codes are names, not English.
ENGLISH = set(
    """
    the of and by per each for with from to is are not rank ranks ranked gained gain lost points point
    estimate whiskers best worst case field fields component components criterion criteria profile index
    target probability scenarios scenario seed next year years national interval resamples rule unit
    units agency agencies lead coordinating charged median band now previous this table percent
    satisfaction element elements content contents max unknown sub bar bars add up rest published
    framework recovered recovering unpublished appraised survey leaders socio economic
    """.split()
)


def _tick_labels(fig: plt.Figure):  # type: ignore[no-untyped-def]
    """(all tick-label Texts, those drawn): a tick outside the view keeps a stale label."""
    every, shown = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in [*axis.majorTicks, *axis.minorTicks]:
                every.update({id(tick.label1), id(tick.label2)})
            for loc, tick in zip(axis.get_majorticklocs(), axis.get_major_ticks()):
                if lo - 1e-9 <= loc <= hi + 1e-9:
                    shown += [t for t in (tick.label1, tick.label2) if t.get_visible()]
    return every, shown


def drawn_texts(fig: plt.Figure) -> List[Text]:
    fig.canvas.draw()
    every, shown = _tick_labels(fig)
    texts = [t for t in fig.findobj(Text) if id(t) not in every] + shown
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def check_chart(ax: Axes, name: str, lang: str = "vi") -> str:
    """Draw, read every text back, check it, save the PNG; return all the text."""
    fig = ax.figure
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    for t in texts:
        box = t.get_window_extent(renderer)
        assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1, (
            f"{name}: {t.get_text()!r} is cut off: {box} in {width}×{height}"
        )
    boxes = [(t, t.get_window_extent(renderer).expanded(0.98, 0.9)) for t in texts]
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            assert not box_a.overlaps(box_b), f"{name}: {a.get_text()!r} overlaps {b.get_text()!r}"
    joined = "\n".join(t.get_text() for t in texts)
    if lang == "vi":
        words = {w for w in re.findall(r"[^\W\d_]+", joined) if not w.isupper()}
        english = sorted(w for w in words if w.lower() in ENGLISH)
        assert not english, f"{name}: English in a Vietnamese chart: {english}\n{joined}"
    for a in fig.axes:
        legend = a.get_legend()
        if legend is not None:
            box = legend.get_window_extent(renderer)
            assert not box.overlaps(a.get_window_extent(renderer)), f"{name}: the legend sits on the data"
            labels = [a.xaxis.label, *[t for t in texts if t.axes is a and t not in legend.get_texts()]]
            for t in labels:
                if t.get_text().strip() and t.get_visible():
                    assert not box.overlaps(t.get_window_extent(renderer)), (
                        f"{name}: the legend covers {t.get_text()!r}"
                    )
    written = plots.save(fig, OUT / f"{name}_{lang}", formats=("png",))
    assert written == [OUT / f"{name}_{lang}.png"] and written[0].stat().st_size > 10_000
    plt.close(fig)
    return " ".join(joined.split())  # wrapped lines read as one


@pytest.fixture(scope="module")
def helpers() -> Dict[str, object]:
    """docs/make_images.py's example data (the README images use the same)."""
    return runpy.run_path(str(BINDINGS / "docs" / "make_images.py"))


@pytest.fixture(scope="module")
def survey(helpers: Dict[str, object]) -> pi.Survey:
    """Synthetic answers, units named after Lạng Sơn's city and districts."""
    return helpers["survey_example"](units=8, respondents=120)  # type: ignore[operator,no-any-return]


def forecast_frame(helpers: Dict[str, object], table: pi.LeagueTable) -> pd.DataFrame:
    """The forecast's columns (LeagueTable.forecast, or the quantiles of the core's Monte
    Carlo province by province)."""
    return helpers["forecast_frame"](table, target_rank=30, scenarios=400)  # type: ignore[operator,no-any-return]


def accountability_frame() -> pd.DataFrame:
    """The columns of Scorecard.accountability with ``previous`` (agency, lost,
    lost_previous, change, ranks_at_stake and its best/worst, rank_if_recovered…, codes,
    charged, coordinating): an example of the shape, not official data."""
    df = pd.DataFrame(
        {
            "agency": ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Thông tin và Truyền thông"],
            "lost": [3.25, 2.5, 1.75, 0.5],
            "lost_previous": [4.0, 2.25, 2.5, 0.5],
            "change": [-0.75, 0.25, -0.75, 0.0],
            "ranks_at_stake": pd.array([9, 7, 4, pd.NA], dtype="Int64"),
            "ranks_at_stake_best": pd.array([10, 7, 5, pd.NA], dtype="Int64"),
            "ranks_at_stake_worst": pd.array([8, 7, 4, pd.NA], dtype="Int64"),
            "reaches_target": [False, False, False, False],
            "codes": [["1", "3"], ["4", "5"], ["2"], ["7"]],
            "charged": [{"1": 1.0, "3": 2.25}, {"4": 1.0, "5": 1.5}, {"2": 1.75}, {"7": 0.5}],
            "coordinating": [["Sở Nội vụ"], [], [], []],
        }
    )
    df.attrs["province"] = "Lạng Sơn"
    return df


# --- vi-VN numbers, the text table, the national figures ---------------------------------------


def test_vi_vn_numbers() -> None:
    assert st.number(85.94) == "85,94" and st.number(Decimal("85.94"), 2, "en") == "85.94"
    assert st.number(100000, 0) == "100.000" and st.number(100000, 0, "en") == "100,000"
    assert st.number(1234.5, 1) == "1.234,5" and st.number(2, 2, "vi", sign=True) == "+2,00"
    assert st.percent(0.375) == "37,5%" and st.percent(0.375, 1, "en") == "37.5%"
    f = st.tick_formatter("vi")
    assert (f(0.25), f(40.0), f(12.5), f(5000.0)) == ("0,25", "40", "12,5", "5.000")


def test_text_table_has_both_languages_with_the_same_placeholders() -> None:
    keys = st.text_keys()
    assert len(keys) == len(set(keys)) >= 40
    for key in keys:
        vi, en = st.text(key, "vi", **_blank(key)), st.text(key, "en", **_blank(key))
        assert vi and en
        assert set(re.findall(r"{(\w+)}", st._table()[key]["vi"])) == set(
            re.findall(r"{(\w+)}", st._table()[key]["en"])
        ), key
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", vi) if not w.isupper()}
        assert not words & ENGLISH, (key, vi)


def _blank(key: str) -> Dict[str, str]:
    return {name: "X" for name in re.findall(r"{(\w+)}", st._table()[key]["vi"] + st._table()[key]["en"])}


def test_national_sipas_figures_match_the_published_note(testdata: Path) -> None:
    """One source for the national figures (the package's data), checked against the
    published note in testdata (access 83.00, procedures 83.02, civil servants 83.12,
    results 83.03, feedback 82.27; national 82.66)."""
    national = plots.sipas_national("sipas", 2023)
    assert national == {
        "total": Decimal("82.66"),
        "B.1": Decimal("83.00"),
        "B.2": Decimal("83.02"),
        "B.3": Decimal("83.12"),
        "B.4": Decimal("83.03"),
        "B.5": Decimal("82.27"),
    }
    rows = list(csv.DictReader(io.StringIO((testdata / "published" / "national_context.csv").read_text("utf-8"))))
    row = next(r for r in rows if r["index"] == "sipas" and r["year"] == "2023")
    assert Decimal(row["national_average"]) == national["total"]
    note = dict(re.findall(r"(access|procedures|civil servants|results|feedback) (\d+\.\d+)", row["note"]))
    codes = {"access": "B.1", "procedures": "B.2", "civil servants": "B.3", "results": "B.4", "feedback": "B.5"}
    assert {codes[k]: Decimal(v) for k, v in note.items()} == {k: v for k, v in national.items() if k != "total"}
    names = {n["code"]: n["name_en"] for n in pi.framework("sipas-2023").nodes()}
    assert [names[c] for c in ("B.1", "B.2", "B.3", "B.4", "B.5")][0] == "Access to services"
    assert plots.sipas_national("sipas", 2019) == {}


def test_lang_is_checked(quang_nam: pi.Scorecard, par2023: pi.LeagueTable) -> None:
    with pytest.raises(pi.InputError) as e:
        plots.rank_gain(quang_nam.rank_gain(par2023, 30), lang="fr")
    assert e.value.argument == "lang" and "'vi', 'en'" in str(e.value)


# --- rank gain: one view at a time ------------------------------------------------------------


def test_rank_gain_one_view_at_a_time(quang_nam: pi.Scorecard, dak_lak: pi.Scorecard, par2023: pi.LeagueTable) -> None:
    df = quang_nam.rank_gain(par2023, target_rank=30)
    fields = df[df["level"] == "field"]
    ax = plots.rank_gain(df)  # fields by default
    assert len(ax.patches) == len(fields) and (df["level"] != "field").sum() > 1
    assert [int(p.get_width()) for p in ax.patches][::-1] == [int(v) for v in fields["ranks_gained"]]
    assert all(p.get_x() == 0 for p in ax.patches)
    text = check_chart(ax, "rank_gain_fields")
    assert "thứ hạng tăng thêm nếu lấy lại điểm bị mất, theo lĩnh vực" in text
    assert "các thanh không cộng dồn" in text
    first = fields.iloc[0]
    assert f"+{int(first['ranks_gained'])} (mất {st.number(first['lost'], 2)} điểm)" in text
    assert "," in st.number(first["lost"], 2)

    by_component = dak_lak.rank_gain(par2023, target_rank=30)
    ax = plots.rank_gain(by_component)  # no fields: components
    assert len(ax.patches) == (by_component["level"] == "component").sum() == 4
    text = check_chart(ax, "rank_gain_components")
    assert "theo thành phần" in text and "Điểm thẩm định" in text and "appraised" not in text

    en = plots.rank_gain(df, view="fields", lang="en")
    text = check_chart(en, "rank_gain_fields", "en")
    assert "ranks gained by recovering the points lost, by field" in text and "bars do not add up" in text

    with pytest.raises(pi.InputError) as e:
        plots.rank_gain(df, view="criteria")
    assert e.value.argument == "view" and "has no rows" in str(e.value) and "'fields'" in str(e.value)
    with pytest.raises(pi.InputError) as e:
        plots.rank_gain(df, view="everything")
    assert "is not a view" in str(e.value)
    with pytest.raises(pi.InputTypeError):
        plots.rank_gain("not a frame")  # type: ignore[arg-type]


def test_rank_gain_views_count_each_lost_point_once(testdata: Path) -> None:
    """A province's own framework by criterion: each view draws every lost point once
    (fields: 1,5 + 1,1; criteria: 0,5 + 1 + 0 + 1,1; both = the 2,6 lost in all)."""
    fw = pi.Framework.from_csv(testdata / "frameworks" / "district-index-example.csv")
    card = pi.Scorecard.from_points(fw, "Huyện Cao Lộc", {"1.1": "0.5", "1.2": "1", "1.3": "1.5", "2.1": "4.4"})
    scores = {
        "Huyện Cao Lộc": 74,
        "Huyện Văn Lãng": 80,
        "Huyện Lộc Bình": 78,
        "Huyện Chi Lăng": 84,
        "Huyện Hữu Lũng": 71,
    }
    table = pi.LeagueTable.from_entries([{"province": p, "score": s} for p, s in scores.items()], "custom", 2024)
    df = card.rank_gain(table, target_rank=2)
    for view, bars in (("fields", 2), ("criteria", 4)):
        ax = plots.rank_gain(df, view=view)
        assert len(ax.patches) == bars
        lost = [re.search(r"mất ([\d,]+) điểm", t.get_text()) for t in ax.texts]
        assert sum(Decimal(m.group(1).replace(",", ".")) for m in lost if m) == Decimal("2.6")
        text = check_chart(ax, f"rank_gain_district_{view}")
        assert ("theo tiêu chí" in text) == (view == "criteria")
    with pytest.raises(pi.InputError) as e:
        plots.rank_gain(df, view="components")
    assert "'fields', 'criteria'" in str(e.value)


# --- rank distribution: ranks 1..N, legend off the bars ---------------------------------------


def test_rank_distribution_axis_runs_1_to_n(par2023: pi.LeagueTable) -> None:
    sim = par2023.simulate("Lạng Sơn", gain=4, target_rank=30, scenarios=2_000, seed=7)
    ax = plots.rank_distribution(sim)
    assert ax.get_xlim() == (0.5, 63.5)
    ticks = list(ax.get_xticks())
    assert ticks[0] == 1 and ticks[-1] == 63 and 0 not in ticks
    text = check_chart(ax, "rank_distribution")
    assert "thứ hạng năm sau (1 = cao nhất)" in text and "mục tiêu: hạng ≤ 30" in text
    assert f"+4,00 điểm: P(hạng ≤ 30) = {st.percent(sim.p_target)}" in text
    assert "2.000 kịch bản" in text  # thousands dot
    many = par2023.simulate("Lạng Sơn", gain=[2, 4, 6], target_rank=30, scenarios=1_000, seed=7)
    check_chart(plots.rank_distribution(many), "rank_distribution_plans")
    text = check_chart(plots.rank_distribution(many, lang="en"), "rank_distribution_plans", "en")
    assert "rank next year (1 = best)" in text and "1,000 scenarios" in text


# --- field profile: bars from 0 ---------------------------------------------------------------


def test_field_profile_bars_start_at_zero(quang_nam: pi.Scorecard, par2023: pi.LeagueTable) -> None:
    ax = plots.field_profile(quang_nam, par2023, target_rank=30)
    assert ax.get_xlim()[0] == 0
    bars = [p for p in ax.patches if p.get_height() < 1]
    assert bars and all(p.get_x() == 0 for p in bars)
    drawn = sorted(round(p.get_width(), 6) for p in bars if p.get_width() > 0)
    expected = sorted(
        round(float(quang_nam.sub_index(n["code"])), 6)
        for n in quang_nam.framework.nodes()
        if n["level"] == "field" and quang_nam.sub_index(n["code"]) is not None
    )
    assert drawn == expected
    text = check_chart(ax, "field_profile")
    assert "chưa rõ điểm hoặc điểm tối đa" in text and "Quảng Nam: chỉ số" in text
    need = par2023.score_to_rank("Quảng Nam", 30)
    assert f"{st.number(need.low)}–{st.number(need.high)}%" in text
    check_chart(plots.field_profile(quang_nam, par2023, 30, lang="en"), "field_profile", "en")


# --- SIPAS -----------------------------------------------------------------------------------


def test_sipas_units_with_bootstrap_intervals(survey: pi.Survey) -> None:
    res = survey.compute()
    boot = survey.bootstrap(replicates=200, seed=7)
    ax = plots.sipas_units(res, boot, national_year=2023)
    (points,) = [line for line in ax.get_lines() if line.get_marker() == "o"]
    ys = list(points.get_ydata())
    units = [label.get_text() for label in ax.get_yticklabels()]
    assert sorted(units) == sorted(res.units)
    for unit, x, y in zip(units, points.get_xdata(), ys):
        assert x == pytest.approx(float(res.index[unit]))
    best = units[-1]
    assert res.rank(best) == 1  # best at the top
    segments = ax.collections[0].get_segments()
    for unit, seg in zip(units, segments):
        ci = boot.interval(unit)
        assert (seg[0][0], seg[1][0]) == pytest.approx((float(ci["low"]), float(ci["high"])))
    national = [line for line in ax.get_lines() if list(line.get_xdata()) == [82.66, 82.66]]
    assert national
    text = check_chart(ax, "sipas_units")
    assert "khoảng tin cậy bootstrap 95%" in text and "cả nước 2023: 82,66%" in text
    assert "200 lần lấy mẫu lại" in text
    text = check_chart(plots.sipas_units(res, boot, national_year=2023, lang="en"), "sipas_units", "en")
    assert "SIPAS by unit, 95% bootstrap interval" in text
    check_chart(plots.sipas_units(res), "sipas_units_plain")


def test_sipas_profile_against_national(survey: pi.Survey) -> None:
    res = survey.compute()
    unit = res.units[0]
    ax = plots.sipas_profile(res, unit, national_year=2023)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [label.split(" ")[0] for label in labels][::-1] == [
        "A.1",
        "A.2",
        "A.3",
        "A.4",
        "B.1",
        "B.2",
        "B.3",
        "B.4",
        "B.5",
    ]
    (national,) = [line for line in ax.get_lines() if line.get_marker() == "D"]
    assert [float(x) for x in national.get_xdata()][::-1] == [83.00, 83.02, 83.12, 83.03, 82.27]
    (own,) = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert list(own.get_xdata())[-1] == pytest.approx(float(res.value(unit, "A.1")))
    text = check_chart(ax, "sipas_profile")
    assert "Tiếp cận dịch vụ" in text and "cả nước 2023" in text and "chưa có số liệu công bố" in text
    text = check_chart(plots.sipas_profile(res, unit, national_year=2023, lang="en"), "sipas_profile", "en")
    assert "Access to services" in text and "national 2023" in text
    bare = plots.sipas_profile(res, unit, national_year=2019)  # no national figures kept
    assert not [line for line in bare.get_lines() if line.get_marker() == "D"]
    plt.close(bare.figure)


# --- next year's table ------------------------------------------------------------------------


def test_forecast_table(helpers: Dict[str, object], par2023: pi.LeagueTable) -> None:
    df = forecast_frame(helpers, par2023)
    ax = plots.forecast_table(df, highlight="Lạng Sơn")
    n = len(df)
    assert len(ax.get_yticklabels()) == n
    assert ax.get_xlim() == (0.5, 63.5) and list(ax.get_xticks())[0] == 1
    medians = [line for line in ax.get_lines() if line.get_marker() == "|"][0]
    assert list(medians.get_ydata()) == list(range(n))
    assert list(medians.get_xdata()) == sorted(df["rank_p50"], reverse=True)
    lang_son = [t for t in ax.get_yticklabels() if t.get_text().startswith("Lạng Sơn")]
    assert lang_son and lang_son[0].get_text() == "Lạng Sơn (#47)" and lang_son[0].get_fontweight() == "bold"
    text = check_chart(ax, "forecast_table")
    assert "Bảng xếp hạng dự báo năm sau" in text and "P(hạng ≤ 30)" in text and "khoảng 90%" in text
    p = float(df.loc[df["province"] == "Lạng Sơn", "p_target"].iloc[0])
    assert st.percent(p, 0) in text
    check_chart(plots.forecast_table(df, lang="en"), "forecast_table", "en")
    # A province without published data (LeagueTable.forecast's `published` false) is marked.
    silent = pd.concat(
        [df, pd.DataFrame([{**df.iloc[-1].to_dict(), "province": "Bắc Kạn", "rank_now": pd.NA, "published": False}])],
        ignore_index=True,
    ).assign(published=lambda d: d["published"].fillna(True).astype(bool))
    ax = plots.forecast_table(silent, target_rank=30)
    assert "Bắc Kạn *" in [t.get_text() for t in ax.get_yticklabels()]
    text = check_chart(ax, "forecast_table_unpublished")
    assert "*: tỉnh chưa có số liệu công bố" in text
    with pytest.raises(pi.InputError) as e:
        plots.forecast_table(df.drop(columns=["rank_p25"]))
    assert "'rank_p25'" in str(e.value) and "province" in str(e.value)
    with pytest.raises(pi.InputError):
        plots.forecast_table(df, highlight="Atlantis")


# --- lost points by lead agency ---------------------------------------------------------------


def test_accountability_chart() -> None:
    df = accountability_frame()
    ax = plots.accountability(df)  # the province from df.attrs
    bars = ax.patches
    assert [p.get_width() for p in bars][::-1] == [3.25, 2.5, 1.75, 0.5]
    assert all(p.get_x() == 0 for p in bars)
    assert [t.get_text() for t in ax.get_yticklabels()][::-1][0] == "Văn phòng UBND tỉnh"
    text = check_chart(ax, "accountability")
    assert "Lạng Sơn: điểm bị mất theo cơ quan chủ trì" in text and "3,25 điểm; 9 bậc (8–10)" in text
    assert "2,50 điểm; 7 bậc" in text and "0,50 điểm; ? bậc" in text
    assert "cơ quan phối hợp không bị tính" in text and "năm trước" in text
    check_chart(plots.accountability(df, province="Lạng Sơn", lang="en"), "accountability", "en")
    top = plots.accountability(df.drop(columns=["lost_previous", "change"]), top=2)
    assert len(top.patches) == 2 and top.get_legend() is None
    check_chart(top, "accountability_top2")
    with pytest.raises(pi.InputError) as e:
        plots.accountability(df.rename(columns={"agency": "co_quan"}))
    assert "'agency'" in str(e.value) and "co_quan" in str(e.value)


# --- saving for Word, the README images -------------------------------------------------------


def test_save_writes_300_dpi_png_and_svg(tmp_path: Path, quang_nam: pi.Scorecard, par2023: pi.LeagueTable) -> None:
    from PIL import Image

    ax = plots.field_profile(quang_nam, par2023, 30)
    written = plots.save(ax, tmp_path / "charts" / "field_profile.png")
    assert written == [tmp_path / "charts" / "field_profile.png", tmp_path / "charts" / "field_profile.svg"]
    with Image.open(written[0]) as img:
        assert tuple(round(d) for d in img.info["dpi"]) == (300, 300)
        assert 1700 <= img.size[0] <= 2000  # 16 cm (6.3 in) at 300 dpi, trimmed to the drawing
    svg = written[1].read_text("utf-8")
    assert svg.startswith("<?xml") and "<path" in svg
    with pytest.raises(pi.InputError):
        plots.save(ax, tmp_path / "x", formats=("jpg",))
    with pytest.raises(pi.InputTypeError):
        plots.save("figure", tmp_path / "x")  # type: ignore[arg-type]
    plt.close(ax.figure)


def test_readme_images_script(tmp_path: Path) -> None:
    """docs/make_images.py draws every chart of the README (one image each)."""
    script = BINDINGS / "docs" / "make_images.py"
    made = runpy.run_path(str(script))["main"]([str(tmp_path)])
    names = sorted(p.name for p in made)
    assert names == sorted(p.name for p in tmp_path.glob("*.png"))
    readme = (BINDINGS / "README.md").read_text("utf-8")
    for name in names:
        assert f"docs/img/{name}" in readme, name
        assert (BINDINGS / "docs" / "img" / name).is_file(), name
    assert len(names) == 7
    plt.close("all")


def test_style_does_not_leak(quang_nam: pi.Scorecard, par2023: pi.LeagueTable) -> None:
    before = dict(matplotlib.rcParams)
    plt.close(plots.field_profile(quang_nam, par2023, 30).figure)
    assert dict(matplotlib.rcParams) == before


def test_readme_charts_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's chart example runs as written (in an empty folder: it saves charts/)."""
    readme = (BINDINGS / "README.md").read_text("utf-8")
    section = readme.split("## Charts for a report", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    scope: Dict[str, object] = {}
    exec(compile(code, "README.md (Charts for a report)", "exec"), scope)
    assert (tmp_path / "charts" / "rank_gain.png").is_file() and (tmp_path / "charts" / "rank_gain.svg").is_file()
    assert isinstance(scope["ax"], Axes) and len(scope["ax"].patches) == 4
    plt.close("all")
