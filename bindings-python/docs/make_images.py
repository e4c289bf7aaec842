"""Draw the README's chart images (bindings-python/docs/img/*.png), one per function of
parindex.plots, in Vietnamese, from the published data embedded in the package and a
synthetic survey.

    python bindings-python/docs/make_images.py            # writes bindings-python/docs/img/
    python bindings-python/docs/make_images.py OUT_DIR    # somewhere else (the tests do)

The images are small (100 dpi, the page width of 16 cm: 630 pixels wide); a report uses
``plots.save(fig, path)`` (300 dpi PNG and SVG) instead.

Two charts take a table another part of the library computes: the forecast of the whole
table (``LeagueTable.forecast``) and the points lost per lead agency
(``Scorecard.accountability``). When those are not available, the forecast's columns are
built here from the Monte Carlo of each province (``LeagueTable.simulate``, its own change
drawn from the same published changes as its competitors'), and
the accountability chart uses an example assignment of Quảng Nam's fields to agencies,
labelled as an example (its points lost are the published ones; the agencies are not).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import List, Optional, Sequence

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import parindex as pi  # noqa: E402
from parindex import plots  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCORECARDS = REPO / "testdata" / "published" / "par_index_scorecards.csv"

# An example of who leads which field in a province's plan (not Quảng Nam's own plan).
EXAMPLE_LEADS = {
    "1": "Văn phòng UBND tỉnh",
    "3": "Văn phòng UBND tỉnh",
    "4": "Sở Nội vụ",
    "5": "Sở Nội vụ",
    "8": "Sở Kế hoạch và Đầu tư",
}


def forecast_frame(table: pi.LeagueTable, target_rank: int = 30, scenarios: int = 1_000, seed: int = 7) -> pd.DataFrame:
    """The forecast table's columns (province, rank_now, score_now, rank_p05 … rank_p95,
    p_target): ``LeagueTable.forecast`` when the package has it. Otherwise, for each
    province with a published score, the core's Monte Carlo (``LeagueTable.simulate``,
    its empirical model: competitors' changes drawn from the published year-over-year
    changes) run once per published change as the province's own change, the rank
    distributions pooled with equal weights, so that the province moves like everyone
    else; the quantiles are read off the pooled distribution."""
    if hasattr(table, "forecast"):
        return table.forecast(target_rank=target_rank, scenarios=scenarios, seed=seed)  # type: ignore[attr-defined]
    rows = []
    for row in table.to_pandas().itertuples():
        if pd.isna(row.rank) or pd.isna(row.score):
            continue
        # The published changes the model draws competitors' changes from (as the core
        # lists them for this province), each one in turn the province's own change.
        model = table.simulate(row.province, gain=0, target_rank=target_rank, scenarios=1, seed=seed).model
        own = []
        for name in model["provinces"]:  # "Quảng Ninh (2022→2023)"
            province, years = name.rsplit(" (", 1)
            before, after = (int(y) for y in years.rstrip(")").split("→"))
            moves = pi.year_over_year(pi.published(table.index, before), pi.published(table.index, after))
            own.append(float(moves.set_index("province").loc[province, "score_change"]))
        sim = table.simulate(row.province, gain=own, target_rank=target_rank, scenarios=scenarios, seed=seed)
        pooled = [sum(counts) for counts in zip(*(plan.rank_counts for plan in sim.plans))]
        total, quantiles = sum(pooled), {}
        running = 0
        for rank, count in enumerate(pooled, start=1):
            running += count
            for p in (5, 25, 50, 75, 95):
                if running >= p * total / 100:
                    quantiles.setdefault(f"rank_p{p:02d}", rank)  # the first rank reaching p%
        rows.append(
            {
                "province": row.province,
                "rank_now": int(row.rank),
                "score_now": float(row.score),
                **quantiles,
                "p_target": sum(pooled[:target_rank]) / total,
            }
        )
    df = pd.DataFrame(rows)
    df.attrs.update({"target_rank": target_rank, "of": len(table.to_pandas()), "index": table.index})
    return df


def accountability_frame(card: pi.Scorecard, table: pi.LeagueTable) -> pd.DataFrame:
    """Points lost per lead agency under :data:`EXAMPLE_LEADS` (columns agency, lost,
    ranks_at_stake, codes), from the card's published field points and the table's
    ranks: the shape of ``Scorecard.accountability``, for an example assignment."""
    gain = card.rank_gain(table, target_rank=30)
    fields = gain[gain["level"] == "field"].set_index("code")
    rows = []
    for agency in dict.fromkeys(EXAMPLE_LEADS.values()):
        codes = [c for c, a in EXAMPLE_LEADS.items() if a == agency and c in fields.index]
        lost = sum(float(fields.loc[c, "lost"]) for c in codes if not pd.isna(fields.loc[c, "lost"]))
        now = table.rank(card.province)
        after = table.rank_with_gain(card.province, lost * 100 / float(card.framework.max_points("total")))
        rows.append({"agency": agency, "lost": round(lost, 2), "ranks_at_stake": now - after.estimate, "codes": codes})
    df = pd.DataFrame(rows).sort_values(["ranks_at_stake", "lost"], ascending=False, ignore_index=True)
    df.attrs["province"] = card.province
    return df


# Lạng Sơn's city and ten districts, the units of the example survey (synthetic answers).
EXAMPLE_UNITS = [
    "Thành phố Lạng Sơn",
    "Huyện Tràng Định",
    "Huyện Văn Lãng",
    "Huyện Bình Gia",
    "Huyện Bắc Sơn",
    "Huyện Văn Quan",
    "Huyện Cao Lộc",
    "Huyện Lộc Bình",
    "Huyện Chi Lăng",
    "Huyện Đình Lập",
    "Huyện Hữu Lũng",
]


def survey_example(units: int = 11, respondents: int = 150, seed: int = 2024) -> pi.Survey:
    """A synthetic SIPAS survey (``Survey.synthetic``) whose units carry the names of Lạng
    Sơn's city and districts: made-up answers, real names, for the charts."""
    synthetic = pi.Survey.synthetic("sipas-2023", units=units, respondents=respondents, seed=seed)
    answers = pd.read_csv(io.StringIO(synthetic.to_wide_csv()), dtype=str, keep_default_na=False)
    names = dict(zip(sorted(answers["unit"].unique()), EXAMPLE_UNITS))
    # The wide form: one row per respondent (the long form reads much more slowly).
    renamed = answers.assign(unit=answers["unit"].map(names)).to_csv(index=False)
    return pi.Survey.from_csv(io.StringIO(renamed))


def main(argv: Optional[Sequence[str]] = None) -> List[Path]:
    """Draw every image into ``argv[0]`` (default docs/img/); return the paths written."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0]) if args else HERE / "img"
    par = pi.published("par", 2023)
    card = pi.Scorecard.from_csv(SCORECARDS, "par-2022", "Quảng Nam", 2023)
    survey = survey_example()
    result = survey.compute()
    charts = {
        "rank_gain": lambda: plots.rank_gain(card.rank_gain(par, target_rank=30), view="fields"),
        "rank_distribution": lambda: plots.rank_distribution(
            par.simulate("Lạng Sơn", gain=[2, 4, 6], target_rank=30, scenarios=20_000, seed=7)
        ),
        "field_profile": lambda: plots.field_profile(card, par, target_rank=30),
        "sipas_units": lambda: plots.sipas_units(result, survey.bootstrap(replicates=300, seed=7), national_year=2023),
        "sipas_profile": lambda: plots.sipas_profile(result, result.units[0], national_year=2023),
        "forecast_table": lambda: plots.forecast_table(forecast_frame(par), highlight="Lạng Sơn"),
        "accountability": lambda: plots.accountability(
            accountability_frame(card, par), province=f"{card.province} (ví dụ phân công)"
        ),
    }
    written = []
    for name, draw in charts.items():
        ax = draw()
        written += plots.save(ax, out / name, formats=("png",), dpi=100)
        plt.close(ax.figure)
    return written


if __name__ == "__main__":
    for path in main():
        print(path)
