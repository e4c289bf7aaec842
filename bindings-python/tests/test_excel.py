"""Workbooks in: fixtures written with openpyxl (a title row merged over the header, a
blank row, numbers as text with decimal commas, a total row) load to the same values as
their CSV twins; the misleading cases get the right error."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any, List, Optional, Sequence

import pytest

import parindex as pi

openpyxl = pytest.importorskip("openpyxl")


def _workbook(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Bảng", title: str = "TIÊU ĐỀ") -> Path:
    """A notes sheet first, then ``sheet``: the title merged over the header's width in row
    1, a blank row 2, the header in row 3, then the rows."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Ghi chú"
    notes["A1"] = "Tạo cho kiểm thử"
    ws = wb.create_sheet(sheet)
    width = len(rows[0])
    ws.cell(row=1, column=1, value=title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def _comma(value: Any) -> str:
    return str(value).replace(".", ",")


def _triples(t: pi.LeagueTable) -> List[tuple]:
    return [(e["province"], e["score"], e["rank"]) for e in t.entries()]


def test_league_table_from_a_titled_sheet_equals_its_csv_twin(testdata: Path, tmp_path: Path) -> None:
    source = testdata / "published" / "par_index_provinces.csv"
    twin = pi.LeagueTable.from_csv(source, "par", 2023)
    rows: List[List[Any]] = [["TT", "Tỉnh, thành phố", "Điểm số", "Xếp hạng"]]
    with open(source, encoding="utf-8") as f:
        n = 0
        for rec in csv.DictReader(f):
            if rec["year"] != "2023":
                continue
            n += 1
            score: Optional[Any] = rec["par_index_pct"] or None
            if score is not None:
                score = _comma(score) if n % 2 else float(score)
            rows.append([n, rec["province"], score, int(rec["rank"]) if rec["rank"] else None])
    path = _workbook(tmp_path / "par2023.xlsx", rows, sheet="PAR 2023", title="KẾT QUẢ CHỈ SỐ CCHC NĂM 2023")
    t = pi.LeagueTable.from_excel(path, "par", 2023, sheet="PAR 2023")
    assert _triples(t) == _triples(twin)
    assert t.rank("Lạng Sơn") == 47
    # By position, from bytes and from a binary file too.
    assert _triples(pi.LeagueTable.from_excel(path.read_bytes(), "par", 2023, sheet=1)) == _triples(twin)
    with open(path, "rb") as f:
        assert _triples(pi.LeagueTable.from_excel(f, "par", 2023, sheet=1)) == _triples(twin)


def test_framework_from_a_sheet_and_from_pandas_equal_the_csv(testdata: Path, tmp_path: Path) -> None:
    source = testdata / "frameworks" / "district-index-example.csv"
    twin = pi.Framework.from_csv(source)
    with open(source, encoding="utf-8") as f:
        table = list(csv.reader(f))
    rows: List[List[Any]] = [table[0]]
    for i, rec in enumerate(table[1:]):
        rec = list(rec)
        # Max points alternately as text with a decimal comma and as numbers.
        rec[2] = rec[2] if i % 2 or not rec[2] else float(rec[2].replace(",", "."))
        rows.append([None if c == "" else c for c in rec])
    # The CSV ends with its total row (`Tổng`): it goes into the sheet as any other row.
    assert any(r[1].startswith("Tổng") for r in table[1:])
    total = twin.total_max_points
    path = _workbook(tmp_path / "tieu-chi.xlsx", rows, sheet="Bộ tiêu chí")
    fw = pi.Framework.from_excel(path, sheet="Bộ tiêu chí")
    assert fw.nodes() == twin.nodes()
    assert fw.total_max_points == total
    # The same table through pandas.read_excel (header in row 3: header=2).
    pd = pytest.importorskip("pandas")
    df = pd.read_excel(path, sheet_name="Bộ tiêu chí", header=2, dtype={"STT": str})
    from_df = pi.Framework.from_pandas(df)
    keys = ("code", "max_points", "method", "rule")
    assert [[n[k] for k in keys] for n in from_df.nodes()] == [[n[k] for k in keys] for n in twin.nodes()]
    assert from_df.total_max_points == total


def test_scorecard_reads_the_total_row(tmp_path: Path) -> None:
    text = "Mã;Tên;Điểm\n1;Công tác chỉ đạo;9,44\n2;Xây dựng thể chế;\n3;Thủ tục hành chính;10,68\n;Tổng;80,5\n"
    twin = pi.Scorecard.from_csv(io.StringIO(text), "par-2022", "Quảng Nam")
    rows = [["Mã", "Tên", "Điểm"], [1, "Công tác chỉ đạo", "9,44"], [2, "Xây dựng thể chế", None],
            [3, "Thủ tục hành chính", 10.68], [None, "Tổng", "80,5"]]
    path = _workbook(tmp_path / "qn.xlsx", rows, sheet="Điểm")
    card = pi.Scorecard.from_excel(path, "par-2022", "Quảng Nam", sheet="Điểm")
    assert card.given == twin.given == {"1": Decimal("9.44"), "3": Decimal("10.68"), "total": Decimal("80.5")}


def test_survey_and_sipas_from_answers_read_workbooks(testdata: Path, tmp_path: Path) -> None:
    fw = pi.Framework.from_json(testdata / "sipas" / "mini-framework.json")
    source = testdata / "sipas" / "mini-wide.csv"
    twin = pi.sipas_from_answers(source, framework=fw)
    with open(source, encoding="utf-8") as f:
        table = list(csv.reader(f))
    rows: List[List[Any]] = [table[0]] + [
        [int(c) if c.isdigit() else (c or None) for c in rec] for rec in table[1:]
    ]
    path = _workbook(tmp_path / "phieu.xlsx", rows, sheet="Phiếu")
    survey = pi.Survey.from_excel(path, framework=fw, sheet="Phiếu")
    result = survey.compute()
    for unit in ("Alpha", "Beta"):
        assert result.value(unit, "sipas") == twin.value(unit, "sipas")
        assert result.value(unit, "S.1") == twin.value(unit, "S.1")
    # A workbook path given to sipas_from_answers: the first sheet is read, so put it first.
    wb = openpyxl.load_workbook(path)
    wb.move_sheet("Phiếu", offset=-1)
    wb.save(path)
    first = pi.sipas_from_answers(path, framework=fw)
    assert first.value("Alpha", "sipas") == twin.value("Alpha", "sipas")
    # Or named: a sheet that is not the first, by name or position.
    wb.create_sheet("Ghi chú", 0).append(["chỉ là ghi chú"])
    wb.save(path)
    named = pi.sipas_from_answers(path, framework=fw, sheet="Phiếu")
    assert named.value("Beta", "sipas") == twin.value("Beta", "sipas")
    assert pi.sipas_from_answers(path, framework=fw, sheet=1).value("Beta", "S.1") == twin.value("Beta", "S.1")
    with pytest.raises(pi.InputError) as e:
        pi.sipas_from_answers(path, framework=fw, sheet="Không có")
    assert e.value.kind == "NOT_FOUND"


def test_errors_name_the_sheet_and_cell(tmp_path: Path) -> None:
    rows = [["Tỉnh, thành phố", "Điểm số", "Xếp hạng"], ["Lạng Sơn", "85,94", 47], ["Cao Bằng", "8x,1", 48]]
    path = _workbook(tmp_path / "bad.xlsx", rows, sheet="Bảng 1")
    with pytest.raises(pi.DataError) as e:
        pi.LeagueTable.from_excel(path, "par", 2023, sheet="Bảng 1")
    assert (e.value.kind, e.value.sheet, e.value.row, e.value.cell) == ("INVALID_NUMBER", "Bảng 1", 5, "B5")
    assert "sheet `Bảng 1`, row 5, column `Điểm số`, cell B5: `8x,1` is not a number" in str(e.value)
    with pytest.raises(pi.InputError, match="`Ghi chú`, `Bảng 1`") as e:
        pi.LeagueTable.from_excel(path, "par", 2023, sheet="Bảng 2")
    assert e.value.kind == "NOT_FOUND"


def test_files_of_the_wrong_kind_are_named(tmp_path: Path, testdata: Path) -> None:
    path = _workbook(tmp_path / "t.xlsx", [["province", "score"], ["Lạng Sơn", 85.94]])
    with pytest.raises(pi.DataError, match="this is an Excel workbook .*use from_excel") as e:
        pi.LeagueTable.from_csv(path, "par", 2023)
    assert e.value.kind == "MALFORMED"
    with pytest.raises(pi.DataError, match=r"this is text \(CSV\?\), not an Excel workbook: use from_csv"):
        pi.LeagueTable.from_excel(testdata / "published" / "par_index_provinces.csv", "par", 2023)


def test_columns_named_in_options(tmp_path: Path) -> None:
    rows = [["Địa bàn", "Kết quả", "Vị thứ"], ["Lạng Sơn", "85,94", 47]]
    path = _workbook(tmp_path / "c.xlsx", rows)
    cols = {"province": "Địa bàn", "score": "Kết quả", "rank": "Vị thứ"}
    t = pi.LeagueTable.from_excel(path, "par", 2023, sheet="Bảng", columns=cols)
    assert (t.score("Lạng Sơn"), t.rank("Lạng Sơn")) == (Decimal("85.94"), 47)
    with pytest.raises(pi.InputError, match="did you mean `Vị thứ`") as e:
        pi.LeagueTable.from_excel(path, "par", 2023, sheet="Bảng", columns={**cols, "rank": "Vi tu"})
    assert e.value.kind == "UNKNOWN_COLUMN"


def test_misleading_options_are_errors(testdata: Path) -> None:
    fw = pi.Framework.from_json(testdata / "sipas" / "mini-framework.json")
    text = "respondent,Tỉnh,Quận/Huyện,item,answer\nr1,Lạng Sơn,Huyện A,P.1.1,4\n"
    with pytest.raises(pi.InputError, match=r"its columns: `respondent`, `Tỉnh`, `Quận/Huyện`.*did you mean `Quận/Huyện`") as e:
        pi.Survey.from_csv(io.StringIO(text), framework=fw, unit_column="Huyen", require_all_items=False)
    assert e.value.kind == "UNKNOWN_COLUMN" and e.value.column == "Huyen"
    with pytest.raises(pi.InputError, match="`ignore_columns` names column `Ghi chu x`"):
        pi.Survey.from_csv(io.StringIO(text), framework=fw, ignore_columns=["Ghi chu x"], require_all_items=False)
    res = pi.sipas_from_answers(testdata / "sipas" / "mini-wide.csv", framework=fw)
    with pytest.raises(pi.DataError, match="codes and keys") as e:
        res.value("Alpha", "procedure")
    assert e.value.kind == "UNKNOWN_CODE"
    method = "STT,Tên,Điểm tối đa,Phương thức\n1,A,2,{}\n"
    assert pi.Framework.from_csv(io.StringIO(method.format("Điều tra XHH"))).nodes()[0]["method"] == "leaders_survey"
    with pytest.raises(pi.DataError, match="unknown method `Hội đồng chấm`: accepted values are `appraised`, `thẩm định`"):
        pi.Framework.from_csv(io.StringIO(method.format("Hội đồng chấm")))


def test_readme_tables_are_the_data_files() -> None:
    """The README's tables of headers and method values are generated from
    core/data/columns.csv and methods.csv (scripts/spreadsheet_tables.py --write)."""
    import importlib.util

    repo = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("spreadsheet_tables", repo / "scripts" / "spreadsheet_tables.py")
    assert spec is not None and spec.loader is not None
    tables = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tables)
    readme = (repo / "bindings-python" / "README.md").read_text(encoding="utf-8")
    assert "<!-- columns:start -->\n" + tables.columns_table() + "\n<!-- columns:end -->" in readme
    assert "<!-- methods:start -->\n" + tables.methods_table() + "\n<!-- methods:end -->" in readme
    # Every header of the table is recognised by the readers it names (one spot check per loader).
    assert "| `province` | LeagueTable, Scorecard | `province`, `tỉnh`, `Tỉnh, thành phố`" in readme


def test_a_formula_openpyxl_wrote_is_refused_naming_its_cell(tmp_path: Path) -> None:
    # openpyxl saves a formula without its value; read as a blank it would silently become
    # "no score": refused instead, with the cell and what to do.
    path = _workbook(
        tmp_path / "formula.xlsx",
        [["Tỉnh, thành phố", "Điểm số", "Xếp hạng"], ["Hà Nội", 91.43, 3], ["Cao Bằng", "=80+4.1", 50]],
    )
    with pytest.raises(pi.ParIndexError) as info:
        pi.LeagueTable.from_excel(path, "par", 2023, sheet="Bảng")
    e = info.value
    assert e.kind == "MALFORMED"
    assert (e.sheet, e.row, e.cell) == ("Bảng", 5, "B5")
    assert "=80+4.1" in str(e) and "no saved value" in str(e)
