"""Frameworks (methodologies as data) and scorecards (one province's points)."""

from __future__ import annotations

import copy
import io
from decimal import Decimal

import pytest

import parindex as pi


def test_builtin_frameworks() -> None:
    assert pi.frameworks() == ["par-2017", "par-2022", "par-2024", "sipas-2017", "sipas-2023"]
    fw = pi.framework("par-2024")
    assert (fw.id, fw.index, fw.decision) == ("par-2024", "par", "892/QĐ-BNV")
    assert fw.total_max_points == Decimal("100")
    assert fw.max_points("3") == Decimal("13")
    assert fw.max_points("2") is None
    assert fw.max_points("total") == Decimal("100")
    assert fw.children() == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert fw.counts()[0] == 8
    assert fw.constraints()[0]["codes"] == ["2", "6", "7"] and fw.constraints()[0]["sum"] == Decimal("35.5")
    comp = fw.groupings()[0]
    assert comp["id"] == "component" and [n["code"] for n in comp["nodes"]] == [
        "appraised",
        "socio_economic",
        "leaders_survey",
        "sipas",
    ]
    assert fw.level_names == ["field", "criterion", "sub_criterion"]
    assert fw.years is not None and fw.years[0] == 2024
    assert "892" in repr(fw)
    assert pi.framework("PAR-2024") == fw


def test_sipas_2023_items() -> None:
    fw = pi.framework("sipas-2023")
    codes = fw.leaf_codes()
    assert len(codes) == 39
    assert sum(c.startswith("A.") for c in codes) == 23
    assert sum(c.startswith("B.") for c in codes) == 16
    assert fw.decision.startswith("1001/QĐ-BNV")
    assert fw.total_max_points is None
    assert len(fw.leaves()) == 39


def test_nodes_and_to_pandas() -> None:
    fw = pi.framework("par-2022")
    nodes = fw.nodes()
    f1 = nodes[0]
    assert f1["code"] == "1" and f1["level"] == "field" and f1["parent"] is None
    assert f1["max_points"] == Decimal("9.5") and f1["status"] == "confirmed"
    f2 = next(n for n in nodes if n["code"] == "2")
    assert f2["max_points"] is None and f2["at_least"] == Decimal("9.38") and f2["status"] == "unknown"
    df = fw.to_pandas()
    assert list(df["code"][:3]) == ["1", "2", "3"]
    assert df.loc[0, "max_points"] == 9.5 and str(df["max_points"].dtype) == "float64"


def test_framework_for_year_and_periods() -> None:
    assert pi.framework_for_year("par", 2023).id == "par-2022"
    assert pi.framework_for_year("sipas", 2023).id == "sipas-2023"
    with pytest.raises(pi.InputError) as e:
        pi.framework_for_year("par", 2021)
    assert "1150/QĐ-BNV" in str(e.value) and e.value.kind == "NOT_FOUND"
    df = pi.periods()
    assert {"index", "first_year", "last_year", "decision", "framework"} <= set(df.columns)
    assert (df["decision"].str.contains("876")).any()


def test_unknown_framework() -> None:
    with pytest.raises(pi.InputError) as e:
        pi.framework("par-2099")
    assert e.value.kind == "NOT_FOUND" and "par-2017" in str(e.value)


def test_framework_csv_with_rules(testdata) -> None:
    path = testdata / "frameworks" / "district-index-example.csv"
    fw = pi.Framework.from_csv(path, id="district", index="district index", name_vi="Chỉ số CCHC cấp huyện")
    assert fw.id == "district" and fw.index == "district index"
    assert fw.total_max_points == Decimal("10")
    assert fw.max_points("1") == Decimal("4.5")  # "4,5" in the file
    rule = next(n for n in fw.nodes() if n["code"] == "1.2")["rule"]
    assert rule.startswith("bands:")
    # The CSV layout round-trips.
    again = pi.Framework.from_csv(io.StringIO(fw.to_csv()), id="district", index="district index")
    assert again.leaf_codes() == fw.leaf_codes()
    assert again.max_points("2.1") == Decimal("5.5")


def test_framework_json_round_trip(tmp_path) -> None:
    fw = pi.framework("par-2022")
    text = fw.to_json()
    assert '"id": "par-2022"' in text
    assert pi.Framework.from_json(io.StringIO(text)) == fw
    p = tmp_path / "fw.json"
    p.write_text(text, encoding="utf-8")
    assert pi.Framework.from_json(p) == fw
    assert pi.Framework.from_json(str(p)).id == "par-2022"


@pytest.mark.parametrize(
    ("name", "cls", "kind", "fragment"),
    [
        ("framework-duplicate-code.csv", pi.DataError, "DUPLICATE_CODE", "code `1.1`"),
        ("framework-children-exceed.csv", pi.FrameworkError, "FRAMEWORK", "add up to 6, not 5"),
        ("framework-missing-parent.csv", pi.FrameworkError, "FRAMEWORK", "parent `2` is missing"),
        ("framework-max-not-number.csv", pi.DataError, "INVALID_NUMBER", "`năm` is not a number"),
    ],
)
def test_bad_framework_files(testdata, name: str, cls: type, kind: str, fragment: str) -> None:
    path = testdata / "bad" / name
    with pytest.raises(cls) as e:
        pi.Framework.from_csv(path)
    err = e.value
    assert isinstance(err, pi.ParIndexError) and isinstance(err, ValueError)
    assert err.kind == kind and fragment in str(err)
    assert err.file == str(path) and name in str(err)


def test_bad_framework_json(testdata) -> None:
    with pytest.raises(pi.DataError) as e:
        pi.Framework.from_json(testdata / "bad" / "framework-truncated.json")
    assert e.value.kind == "MALFORMED" and e.value.row == 1 and "row 1" in str(e.value)
    with pytest.raises(pi.DataError, match="colour"):
        pi.Framework.from_json(io.StringIO('{"id":"x","index":"par","name_vi":"x","nodes":[],"colour":"red"}'))
    with pytest.raises(pi.FileReadError) as f:
        pi.Framework.from_json(testdata / "bad" / "nope.json")
    assert isinstance(f.value, OSError) and f.value.kind == "IO" and f.value.file.endswith("nope.json")


# --- scorecards --------------------------------------------------------------------------


def test_components_add_up(dak_lak: pi.Scorecard) -> None:
    card = dak_lak
    assert card.total() == Decimal("87.33")
    assert card.points("total") == card.points("total")
    tp = card.points("total")
    assert tp is not None and tp.points == Decimal("87.33") and tp.source == "summed"
    assert card.index == Decimal("87.33") and card.band() == "B"
    assert card.sub_index("sipas") == Decimal("81.5")
    assert card.lost("leaders_survey") == Decimal("3.71")
    assert card.problems == []
    assert card.province == "Đắk Lắk" and card.year == 2023
    assert card.given == {
        "appraised": Decimal("57.92"),
        "socio_economic": Decimal("2.97"),
        "leaders_survey": Decimal("18.29"),
        "sipas": Decimal("8.15"),
    }
    assert card.framework.id == "par-2022"


def test_implied_child(quang_nam: pi.Scorecard) -> None:
    f8 = quang_nam.points("8")
    assert f8 is not None and (f8.points, f8.source) == (Decimal("11.45"), "implied")
    assert repr(f8) == "NodePoints(points=Decimal('11.45'), source='implied')"
    assert quang_nam.lost("8") == Decimal("5.05")
    assert quang_nam.lost("2") is None and quang_nam.sub_index("2") is None
    df = quang_nam.to_pandas()
    assert list(df.columns) == ["code", "level", "name_vi", "name_en", "max_points", "points", "source", "index", "lost"]
    row8 = df.set_index("code").loc["8"]
    assert row8["points"] == 11.45 and row8["source"] == "implied"
    assert len(quang_nam.rows()) == len(df)


def test_set_errors_leave_the_card_unchanged() -> None:
    card = pi.Scorecard("par-2022", "Lạng Sơn")
    with pytest.raises(pi.DataError) as e:
        card.set("1", "9.6")
    assert e.value.kind == "ABOVE_MAX" and e.value.code == "1" and "maximum of 9.5" in str(e.value)
    with pytest.raises(pi.DataError) as e:
        card.set("1", -0.1)
    assert e.value.kind == "NEGATIVE"
    with pytest.raises(pi.DataError) as e:
        card.set("9", 1)
    assert e.value.kind == "UNKNOWN_CODE" and e.value.code == "9"
    card.set("2", 12)
    card.set("6", Decimal("12"))
    with pytest.raises(pi.DataError, match=r"2\+6\+7"):
        card.set("7", 12.0)
    assert card.given == {"2": Decimal("12"), "6": Decimal("12")}
    card.unset("6")
    assert list(card.given) == ["2"]
    copy2 = card.with_points("1", "9,5")  # decimal comma, as Vietnamese sources write it
    assert copy2.given["1"] == Decimal("9.5") and "1" not in card.given
    assert copy.deepcopy(copy2).given == copy2.given
    with pytest.raises(pi.InputTypeError):
        card.set("1", True)  # type: ignore[arg-type]


def test_scorecard_constructor_points_and_framework_object() -> None:
    fw = pi.framework("par-2022")
    card = pi.Scorecard(fw, "lang son", year=2023, points={"total": "85.94"})
    assert card.province == "Lạng Sơn" and card.total() == Decimal("85.94")
    with pytest.raises(pi.InputTypeError):
        pi.Scorecard(42, "Lạng Sơn")  # type: ignore[arg-type]
    with pytest.raises(pi.InputError):
        pi.Scorecard("par-2099", "Lạng Sơn")


def test_set_measure_through_rules(testdata) -> None:
    fw = pi.Framework.from_csv(testdata / "frameworks" / "district-index-example.csv", id="district", index="district")
    card = pi.Scorecard(fw, "Huyện A")
    assert card.set_measure("1.1", "chậm") == Decimal("0.5")
    assert card.set_measure("1.2", 90) == Decimal("1")  # > 90 → 2; ≥ 70 → 1
    assert card.set_measure("1.2", "90.5") == Decimal("2")
    assert card.set_measure("1.3", True) == Decimal("1.5")
    assert card.set_measure("2.1", 80) == Decimal("4.4")
    assert card.total() == Decimal("8.4")
    with pytest.raises(pi.FrameworkError) as e:
        card.set_measure("1.1", "rất chậm")
    assert e.value.kind == "RULE" and "đúng hạn" in str(e.value)
    with pytest.raises(pi.FrameworkError):
        card.set_measure("1.3", 5)


def test_scorecard_from_pandas(testdata) -> None:
    import pandas as pd

    df = pd.read_csv(testdata / "published" / "par_index_scorecards.csv")
    card = pi.Scorecard.from_pandas(df, "par-2022", "Quảng Nam", year=2023)
    assert card.total() == Decimal("84.6")
    f3 = card.points("3")
    assert f3 is not None and f3.points == Decimal("10.68")
    bad = pd.DataFrame({"code": ["1", "3"], "points": [9.0, 14.0]})
    with pytest.raises(pi.DataError) as e:
        pi.Scorecard.from_pandas(bad, "par-2022", "Lạng Sơn")
    assert (e.value.kind, e.value.file, e.value.row, e.value.code) == ("ABOVE_MAX", "DataFrame", 3, "3")


@pytest.mark.parametrize(
    ("name", "kind", "fragment"),
    [
        ("scorecard-above-max.csv", "ABOVE_MAX", "9.8 points exceed the maximum of 9.5"),
        ("scorecard-unknown-code.csv", "UNKNOWN_CODE", "unknown code `9`"),
        ("scorecard-negative.csv", "NEGATIVE", "-0.5 is negative"),
    ],
)
def test_bad_scorecard_files(testdata, name: str, kind: str, fragment: str) -> None:
    path = testdata / "bad" / name
    with pytest.raises(pi.DataError) as e:
        pi.Scorecard.from_csv(path, "par-2022", "Lạng Sơn", 2023)
    err = e.value
    assert err.kind == kind and err.family == "data" and fragment in str(err)
    assert (err.file, err.row) == (str(path), 2) and err.code is not None
    assert f"file `{path}`, row 2" in str(err)


def test_scorecard_not_found(testdata) -> None:
    with pytest.raises(pi.InputError) as e:
        pi.Scorecard.from_csv(testdata / "published" / "par_index_scorecards.csv", "par-2022", "Lạng Sơn", 2023)
    assert e.value.kind == "NOT_FOUND"


def test_scorecard_problems(testdata) -> None:
    # Hòa Bình: components add up to 87.89, the article's total says 86.89.
    card = pi.Scorecard.from_csv(testdata / "published" / "par_index_scorecards.csv", "par-2022", "Hòa Bình", 2023)
    kinds = [p.kind for p in card.problems]
    assert "sum_mismatch" in kinds
    mismatch = next(p for p in card.problems if p.kind == "sum_mismatch")
    assert "total" in mismatch.codes and mismatch.rows


def test_framework_metadata() -> None:
    fw = pi.framework("par-2022")
    assert fw.name_vi.startswith("Chỉ số cải cách hành chính cấp tỉnh")
    assert fw.name_en == "Provincial PAR INDEX, 2022–2023 assessments"
    assert fw.decision_date == "2022-11-10" and fw.years == (2022, 2023)
    assert fw.source is not None and "876/QĐ-BNV" in fw.source
    assert any("annex" in n for n in fw.notes)
    assert pi.framework("par-2024").years == (2024, None)
