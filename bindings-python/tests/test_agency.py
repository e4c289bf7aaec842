"""Agencies on the worked example of testdata/agency/ (an example, not official data):
the same figures as core/tests/agency.rs, through the Python API."""

from decimal import Decimal as D

import pandas as pd
import pytest

import parindex as pi

NV = "Phòng Nội vụ"
VH = "Phòng Văn hóa và Thông tin"
VP = "Văn phòng HĐND và UBND huyện"
MC = "Bộ phận Một cửa"
KT = "Phòng Kinh tế và Hạ tầng"
TC = "Phòng Tài chính - Kế hoạch"
TN = "Phòng Tài nguyên và Môi trường"
TP = "Phòng Tư pháp"


@pytest.fixture(scope="module")
def fw(testdata):
    return pi.Framework.from_csv(str(testdata / "agency/framework_district.csv"), id="district-example")


@pytest.fixture(scope="module")
def annex(testdata, fw):
    return pi.Assignments.from_csv(str(testdata / "agency/assignments_district.csv"), fw)


@pytest.fixture(scope="module")
def long_path(testdata):
    return str(testdata / "agency/scorecards_district.csv")


def test_annex_reads_unifies_spellings_and_lists_unassigned(annex, testdata, fw):
    assert annex.unassigned == ["5.3"]
    assert annex.agencies() == [NV, VH, TP, TN, VP, MC, TC, KT]
    assert annex.lead_of("3.1.2") == VP
    assert annex.lead_of("6.3.2") == VH
    df = annex.to_pandas()
    assert list(df.columns[:7]) == ["code", "content", "tasks", "product", "deadline", "lead", "coordinating"]
    assert len(df) == 17 and df.attrs["unassigned"] == ["5.3"]
    # from_pandas: the same annex from a DataFrame, rows numbered as in the spreadsheet.
    raw = pd.read_csv(testdata / "agency/assignments_district.csv", dtype=str)
    again = pi.Assignments.from_pandas(raw, fw)
    assert again.to_pandas()["lead"].tolist() == df["lead"].tolist()
    assert again.to_pandas()["row"].tolist() == df["row"].tolist()


def test_accountability_per_agency_with_previous(fw, annex, long_path):
    now = pi.Units.from_long(long_path, fw, year=2024)
    before = pi.scorecards_from_long(long_path, fw, year=2023)
    table = now.league_table()
    card = pi.scorecards_from_long(long_path, fw, year=2024)["Hữu Lũng"]
    df = card.accountability(annex, table, previous=before["Hữu Lũng"])
    assert {"agency", "lost", "ranks_at_stake", "codes", "lost_previous", "change"} <= set(df.columns)
    lost = dict(zip(df["agency"], df["lost"]))
    assert lost == {MC: 1.82, KT: 2.19, NV: 1.5, TC: 0, TN: 0, TP: 0, VH: 1.5, VP: 0}
    assert df.attrs["total_lost"] == D("10.01")
    assert df.attrs["unassigned_lost"] == D("3")
    assert D(str(df["lost"].sum())) + df.attrs["unassigned_lost"] == df.attrs["total_lost"]
    change = dict(zip(df["agency"], df["change"]))
    assert change[VP] == -6 and change[MC] == pytest.approx(1.82 - 3.89)
    assert df.set_index("agency").loc[VP, "codes"] == ["3.1", "3.3"]
    # Without previous: no change columns.
    plain = card.accountability(annex, table)
    assert "change" not in plain.columns and "lost_previous" not in plain.columns


def test_mixed_levels_and_ranks_at_stake(fw, annex, long_path):
    units = pi.Units.from_long(long_path, fw, year=2024)
    table = units.league_table()
    card = pi.scorecards_from_long(long_path, fw, year=2024)["Cao Lộc"]
    df = card.accountability(annex, table)
    assert df["agency"].tolist()[:5] == [NV, TC, VH, MC, KT]
    assert df["ranks_at_stake"].tolist() == [1, 1, 1, 1, 1, 0, 0, 0]
    assert df.set_index("agency").loc[NV, "lost"] == 9
    assert "1" in df.set_index("agency").loc[NV, "charged"]


def test_appraisal_and_the_evidence_what_if(fw, annex, long_path):
    units = pi.Units.from_long(long_path, fw, year=2024)
    table = units.league_table()
    cards = dict(zip(units.units(), units.scorecards()))
    a = cards["Cao Lộc"].appraisal(annex, table)
    assert a.total_cut == D("4.50")
    assert a.unsupported == ["3.2", "4.1", "6.3.1"]
    w = a.what_if
    assert (w["points_added"], w["points_before"], w["points_after"]) == (D("6"), D("76.48"), D("82.48"))
    assert (w["rank_before"], w["rank_after"]) == (8, 7)
    assert (w["band_before"], w["band_after"]) == ("C", "B")
    assert set(a.nodes.columns) >= {"code", "self_assessed", "appraised", "cut", "evidence", "unsupported"}
    assert a.agencies["cut"].sum() == pytest.approx(float(a.nodes.dropna(subset=["agency"])["cut"].sum()))


def test_many_units_equal_one_by_one(fw, long_path):
    cards = pi.scorecards_from_long(long_path, fw, year=2023)
    assert len(cards) == 11
    for unit, card in cards.items():
        one = pi.Scorecard.from_csv(long_path, fw, unit, year=2023)
        assert card.total() == one.total(), unit
    df = pd.read_csv(long_path, dtype=str)
    from_df = pi.scorecards_from_long(df, fw, year=2023)
    assert {u: c.total() for u, c in from_df.items()} == {u: c.total() for u, c in cards.items()}


def test_validate_lists_every_planted_fault(testdata, fw):
    path = str(testdata / "agency/bad/scorecards_faults.csv")
    problems = pi.Units.validate(path, fw)
    assert [(e.kind, e.row) for e in problems] == [
        ("UNKNOWN_CODE", 3),
        ("INVALID_NUMBER", 4),
        ("ABOVE_MAX", 5),
        ("NEGATIVE", 6),
        ("MISSING_FIELD", 7),
        ("DUPLICATE_CODE", 9),
        ("RULE", 10),
    ]
    with pytest.raises(pi.DataError) as info:
        pi.scorecards_from_long(path, fw)
    assert info.value.kind == "INVALID"
    assert [e.row for e in info.value.errors] == [3, 4, 5, 6, 7, 9, 10]
    annex_problems = pi.Assignments.validate(str(testdata / "agency/bad/assignments_faults.csv"), fw)
    assert [(e.kind, e.row) for e in annex_problems] == [("UNKNOWN_CODE", 3), ("MISSING_FIELD", 4), ("DUPLICATE_CODE", 6)]


def test_progress_summary(fw, long_path):
    now = pi.Units.from_long(long_path, fw, year=2024)
    before = pi.Units.from_long(long_path, fw, year=2023)
    table = now.league_table()
    card = dict(zip(now.units(), now.scorecards()))["Cao Lộc"]
    item = lambda code, status, points: {"code": code, "status": status, "expected_points": points}  # noqa: E731
    reports = {
        "6 tháng": [item("1", "done", "2"), item("5.3", "pending", "1"), item("1", "in_progress", "2")],
        "9 tháng": [item("1", "done", "2"), item("5.3", "done", "1"), item("1", "in_progress", "2")],
        "năm": [item("1", "done", "2"), item("5.3", "done", "1"), item("1", "done", "2")],
    }
    df = pi.progress_summary(card, reports, table, target_rank=7, changes=now.changes(before))
    assert df["report"].tolist() == ["6 tháng", "9 tháng", "năm"]
    assert df["projected_points"].tolist() == [78.48, 79.48, 81.48]
    assert df["projected_rank"].tolist() == [7, 7, 7]
    assert df["p_target"].is_monotonic_increasing


def _workbook_of(csv_path, tmp_path, name, numeric=()):
    """The CSV under a merged title row and a blank row (CSV row r = sheet row r + 2);
    ``numeric`` columns as numbers on odd rows, as text with a decimal comma on even rows."""
    import csv

    openpyxl = pytest.importorskip("openpyxl")
    with open(csv_path, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws.cell(row=1, column=1, value="PHỤ LỤC (ví dụ, không phải số liệu chính thức)")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell == "":
                continue
            value = cell
            if r > 0 and rows[0][c] in numeric:
                value = float(cell) if r % 2 else cell.replace(".", ",")
            ws.cell(row=r + 3, column=c + 1, value=value)
    path = tmp_path / name
    wb.save(path)
    return path


def test_agency_workbooks_equal_their_csv_twins(testdata, fw, annex, long_path, tmp_path):
    xlsx = _workbook_of(testdata / "agency" / "assignments_district.csv", tmp_path, "annex.xlsx")
    from_xlsx = pi.Assignments.from_excel(str(xlsx), fw, sheet="Phụ lục")
    a, b = annex.to_pandas(), from_xlsx.to_pandas()
    assert list(b["row"]) == [r + 2 for r in a["row"]]
    pd.testing.assert_frame_equal(a.drop(columns="row"), b.drop(columns="row"))
    assert from_xlsx.unassigned == annex.unassigned

    numeric = ("year", "points", "self_assessed", "appraised")
    long_xlsx = _workbook_of(long_path, tmp_path, "long.xlsx", numeric)
    csv_cards = pi.scorecards_from_long(long_path, fw, year=2024)
    xlsx_cards = pi.scorecards_from_long(str(long_xlsx), fw, year=2024)
    assert list(xlsx_cards) == list(csv_cards) and len(csv_cards) == 11
    for unit, card in csv_cards.items():
        assert xlsx_cards[unit].total() == card.total()
    units = pi.Units.from_excel(long_xlsx.read_bytes(), fw, 2023)
    assert units.units() == list(csv_cards)
