"""Generate the worked example of testdata/agency/ (an EXAMPLE, not official data).

A small district-level framework (31 leaves, mixed scoring rules), the plan annex assigning
its nodes to 8 district agencies at mixed levels, and two years (2023, 2024) of scorecards
for the 11 districts of Lạng Sơn with self-assessed points, appraised points and evidence.
All numbers are invented by a seeded generator; rerun with `python3 make_example.py`.
It also prints the expected figures the tests assert, computed here independently of the
library.
"""

import csv
import random
from decimal import Decimal as D

OUT = "."
rng = random.Random(2024)

# code, name, max, method, rule
FRAMEWORK = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "12", "", ""),
    ("1.1", "Ban hành kế hoạch CCHC năm", "2", "thẩm định", "levels: đúng hạn=2; chậm=1; không ban hành=0"),
    ("1.2", "Báo cáo CCHC định kỳ đầy đủ, đúng hạn", "1.5", "thẩm định", "boolean"),
    ("1.3", "Tỷ lệ cơ quan, đơn vị được kiểm tra CCHC", "2.5", "thẩm định", "bands: >=90=2.5; >=70=1.5; else=0"),
    ("1.4", "Tuyên truyền cải cách hành chính", "2", "thẩm định", "boolean"),
    ("1.5", "Sáng kiến, giải pháp mới trong CCHC", "2", "thẩm định", "levels: có sáng kiến được công nhận=2; có sáng kiến=1; không có=0"),
    ("1.6", "Tỷ lệ nhiệm vụ trong kế hoạch CCHC hoàn thành", "2", "thẩm định", "bands: >=100=2; >=80=1; else=0"),
    ("2", "Cải cách thể chế", "12", "", ""),
    ("2.1", "Tỷ lệ văn bản được kiểm tra, rà soát", "3", "thẩm định", "bands: >=100=3; >=80=2; else=0"),
    ("2.2", "Xử lý văn bản trái pháp luật sau kiểm tra", "2", "thẩm định", "boolean"),
    ("2.3", "Theo dõi thi hành pháp luật", "3", "thẩm định", "levels: đầy đủ=3; chưa đầy đủ=1.5; không thực hiện=0"),
    ("2.4", "Xử lý vi phạm hành chính về đất đai, môi trường", "4", "thẩm định", "bands: >=95=4; >=80=2; else=0"),
    ("3", "Cải cách thủ tục hành chính", "20", "", ""),
    ("3.1", "Công khai thủ tục hành chính", "8", "", ""),
    ("3.1.1", "Tỷ lệ TTHC được công khai đúng quy định", "3", "thẩm định", "bands: >=100=3; >=90=1.5; else=0"),
    ("3.1.2", "Công khai kết quả giải quyết hồ sơ trên cổng thông tin", "2", "thẩm định", "boolean"),
    ("3.1.3", "Tiếp nhận, xử lý phản ánh, kiến nghị về TTHC", "3", "thẩm định", "levels: đúng hạn=3; có trễ hạn=1; không xử lý=0"),
    ("3.2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "6", "thẩm định", "proportional: 100"),
    ("3.3", "Thực hiện cơ chế một cửa, một cửa liên thông", "6", "thẩm định", "bands: >=95=6; >=85=4; >=70=2; else=0"),
    ("4", "Cải cách tổ chức bộ máy và công vụ", "16", "", ""),
    ("4.1", "Sắp xếp tổ chức bộ máy theo quy định", "3", "thẩm định", "levels: đúng hạn=3; chậm=1.5; chưa thực hiện=0"),
    ("4.2", "Thực hiện biên chế được giao", "2", "thẩm định", "boolean"),
    ("4.3", "Tỷ lệ vị trí việc làm được phê duyệt", "3", "thẩm định", "bands: >=100=3; >=90=1.5; else=0"),
    ("4.4", "Đào tạo, bồi dưỡng cán bộ, công chức", "4", "thẩm định", "bands: >=100=4; >=80=2; else=0"),
    ("4.5", "Chấp hành kỷ luật, kỷ cương hành chính", "2", "thẩm định", "boolean"),
    ("4.6", "Đánh giá, xếp loại cán bộ, công chức", "2", "thẩm định", "levels: đúng quy định=2; chưa đúng=1; không thực hiện=0"),
    ("5", "Cải cách tài chính công", "10", "", ""),
    ("5.1", "Tỷ lệ giải ngân vốn đầu tư công", "4", "thẩm định", "bands: >=95=4; >=80=2; else=0"),
    ("5.2", "Công khai ngân sách đúng quy định", "3", "thẩm định", "boolean"),
    ("5.3", "Thực hiện tự chủ tài chính của đơn vị sự nghiệp", "3", "thẩm định", "levels: đạt=3; đạt một phần=1.5; không đạt=0"),
    ("6", "Xây dựng và phát triển chính quyền số", "15", "", ""),
    ("6.1", "Tỷ lệ văn bản điện tử gửi nhận qua hệ thống", "4", "thẩm định", "bands: >=95=4; >=80=2; else=0"),
    ("6.2", "Tỷ lệ hồ sơ trực tuyến toàn trình", "4", "thẩm định", "proportional: 100"),
    ("6.3", "Hạ tầng và an toàn thông tin", "7", "", ""),
    ("6.3.1", "Kết nối mạng diện rộng đến cấp xã", "2", "thẩm định", "boolean"),
    ("6.3.2", "Tỷ lệ hệ thống được phê duyệt cấp độ an toàn thông tin", "3", "thẩm định", "bands: >=100=3; >=50=1.5; else=0"),
    ("6.3.3", "Ứng dụng chữ ký số", "2", "thẩm định", "levels: toàn bộ=2; một phần=1; không=0"),
    ("7", "Sự hài lòng của người dân, tổ chức", "15", "", ""),
    ("7.1", "Mức độ hài lòng về thủ tục hành chính", "10", "SIPAS", "proportional: 100"),
    ("7.2", "Mức độ hài lòng về cung ứng dịch vụ công", "5", "SIPAS", "proportional: 100"),
]

NV = "Phòng Nội vụ"
TP = "Phòng Tư pháp"
VH = "Phòng Văn hóa và Thông tin"
TN = "Phòng Tài nguyên và Môi trường"
VP = "Văn phòng HĐND và UBND huyện"
MC = "Bộ phận Một cửa"
TC = "Phòng Tài chính - Kế hoạch"
KT = "Phòng Kinh tế và Hạ tầng"

# code, content, task, product, deadline, lead (as spelled in the annex), coordinating
ANNEX = [
    ("", "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", "", "", "", "", ""),
    ("1", "Công tác chỉ đạo, điều hành CCHC", "Tham mưu kế hoạch, kiểm tra, báo cáo CCHC", "Kế hoạch, báo cáo", "Thường xuyên", NV, VP),
    ("1.4", "Tuyên truyền CCHC", "Xây dựng chuyên mục tuyên truyền", "Chuyên mục, tin bài", "Quý II/2024", VH, "Phòng Nội vụ; Trung tâm Văn hóa, Thể thao và Truyền thông"),
    ("2", "Cải cách thể chế", "Rà soát, kiểm tra văn bản", "Báo cáo rà soát", "Quý IV/2024", TP, "Các phòng chuyên môn"),
    ("2.4", "Xử lý vi phạm về đất đai, môi trường", "Kiểm tra, xử lý vi phạm", "Quyết định xử phạt", "Thường xuyên", TN, "Công an huyện"),
    ("3.1", "Công khai TTHC", "Niêm yết, công khai TTHC", "Danh mục công khai", "Thường xuyên", VP, MC),
    ("3.2", "Hồ sơ giải quyết đúng hạn", "Theo dõi, đôn đốc giải quyết hồ sơ", "Báo cáo tình hình giải quyết", "Hằng tháng", MC, "Các phòng chuyên môn"),
    ("3.3", "Cơ chế một cửa, một cửa liên thông", "Kiện toàn Bộ phận Một cửa", "Quyết định kiện toàn", "Quý I/2024", "VĂN PHÒNG HĐND VÀ UBND HUYỆN", MC),
    ("4", "Cải cách tổ chức bộ máy và công vụ", "Sắp xếp tổ chức, quản lý biên chế", "Đề án, quyết định", "Quý III/2024", NV, ""),
    ("4.4", "Đào tạo, bồi dưỡng", "Cử cán bộ đi đào tạo, bồi dưỡng", "Danh sách cử đi học", "Quý IV/2024", "Phòng Nội Vụ", TC),
    ("5.1", "Giải ngân vốn đầu tư công", "Đôn đốc giải ngân", "Báo cáo giải ngân", "31/12/2024", TC, KT),
    ("5.2", "Công khai ngân sách", "Công khai dự toán, quyết toán", "Quyết định công bố", "Theo quy định", "phòng tài chính – kế hoạch", ""),
    ("6.1", "Văn bản điện tử", "Gửi nhận văn bản qua hệ thống", "Báo cáo thống kê", "Thường xuyên", VH, VP),
    ("6.2", "Hồ sơ trực tuyến toàn trình", "Hướng dẫn nộp hồ sơ trực tuyến", "Số liệu hồ sơ", "Thường xuyên", MC, VH),
    ("6.3", "Hạ tầng và an toàn thông tin", "Đầu tư hạ tầng mạng", "Hệ thống mạng", "Quý III/2024", KT, VH),
    ("6.3.2", "An toàn thông tin", "Phê duyệt cấp độ an toàn hệ thống", "Hồ sơ cấp độ", "Quý IV/2024", "phong van hoa va thong tin", KT),
    ("7.1", "Hài lòng về TTHC", "Nâng cao chất lượng phục vụ", "Kết quả khảo sát", "Cả năm", MC, "Các phòng chuyên môn; UBND các xã, thị trấn"),
    ("7.2", "Hài lòng về dịch vụ công", "Nâng cao chất lượng dịch vụ công", "Kết quả khảo sát", "Cả năm", KT, "Phòng Văn hóa và Thông tin"),
]

DISTRICTS = [
    "Thành phố Lạng Sơn", "Tràng Định", "Bình Gia", "Văn Lãng", "Cao Lộc", "Văn Quan",
    "Bắc Sơn", "Hữu Lũng", "Chi Lăng", "Lộc Bình", "Đình Lập",
]

nodes = {c: (n, D(m), meth, rule) for c, n, m, meth, rule in FRAMEWORK}
leaves = [c for c in nodes if not any(k.startswith(c + ".") for k in nodes)]


def outcomes(code):
    """The points a leaf can take under its rule (proportional: any hundredth)."""
    _, mx, _, rule = nodes[code]
    kind, _, body = rule.partition(":")
    if kind == "boolean":
        return [mx, D(0)]
    if kind in ("levels", "bands"):
        return [D(p.rsplit("=", 1)[1]) for p in body.split(";")]
    return None


def draw(code, skill):
    mx = nodes[code][1]
    opts = outcomes(code)
    if opts is None:
        return (mx * D(rng.uniform(0.6 + 0.3 * skill, 0.99))).quantize(D("0.01"))
    opts = sorted(opts, reverse=True)
    r = rng.random()
    if r < 0.55 + 0.35 * skill:
        return opts[0]
    return opts[min(len(opts) - 1, 1 if r < 0.93 else len(opts) - 1)]


def write_framework():
    with open(f"{OUT}/framework_district.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Phương thức", "Cách tính điểm", "Ghi chú"])
        for c, n, m, meth, rule in FRAMEWORK:
            w.writerow([c, n, m, meth, rule, ""])
        w.writerow(["Tổng", "Tổng cộng", "100", "", "", "VÍ DỤ, không phải số liệu chính thức"])


def write_annex():
    with open(f"{OUT}/assignments_district.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["STT", "Nội dung/Tiêu chí", "Nhiệm vụ/Giải pháp", "Sản phẩm", "Thời gian hoàn thành",
                    "Cơ quan chủ trì", "Cơ quan phối hợp"])
        for row in ANNEX:
            w.writerow(row)


def key(s):
    import unicodedata
    s = s.replace("đ", "d").replace("Đ", "d")
    s = "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))
    s = "".join(ch.lower() if ch.isalnum() else " " for ch in s)
    return " ".join(s.split())


def lead_of(code):
    spelled = {}
    for r in ANNEX:
        if r[5]:
            spelled.setdefault(key(r[5]), r[5])
    assigned = {r[0]: spelled[key(r[5])] for r in ANNEX if r[0] and r[5]}
    c = code
    while c:
        if c in assigned:
            return assigned[c]
        c = c.rpartition(".")[0]
    return None


def scorecards():
    rows = []
    cards = {}
    for year in (2023, 2024):
        for i, unit in enumerate(DISTRICTS):
            skill = (i * 7 % 11) / 10 + (0.08 if year == 2024 else 0)
            skill = min(skill, 1.0)
            card = {}
            for code in leaves:
                appraised = draw(code, skill)
                if nodes[code][2] == "SIPAS":
                    rows.append((year, unit, code, appraised, "", "", ""))
                    card[code] = (appraised, None, [])
                    continue
                mx = nodes[code][1]
                opts = outcomes(code)
                # Self-assessment: usually the appraised points, sometimes more (a cut).
                claim = appraised
                if rng.random() < 0.3 and appraised < mx:
                    if opts is None:
                        claim = min(mx, (appraised + D(rng.choice(["0.25", "0.5", "1"])))).quantize(D("0.01"))
                    else:
                        higher = sorted(o for o in set(opts) if o > appraised)
                        claim = higher[0]
                if rng.random() < 0.04 and appraised > 0:
                    # Rarely the appraisal gives more than claimed.
                    lower = sorted(o for o in set(opts or [appraised - D("0.5")]) if o < appraised)
                    if lower:
                        claim = max(lower[-1], D(0))
                evidence = [] if rng.random() < 0.2 else [f"{rng.randint(10, 999)}/BC-UBND", f"TLKC_{code}.pdf"][: rng.randint(1, 2)]
                rows.append((year, unit, code, appraised, claim, appraised, "; ".join(evidence)))
                card[code] = (appraised, claim, evidence)
            cards[(year, unit)] = card
    # Mixed levels: Cao Lộc 2024 gives field 1 and criterion 3.1 as totals only.
    unit = "Cao Lộc"
    folded = []
    for r in rows:
        if r[0] == 2024 and r[1] == unit and (r[2].startswith("1.") or r[2].startswith("3.1.")):
            continue
        folded.append(r)
    card = cards[(2024, unit)]
    f1 = sum(card[c][0] for c in leaves if c.startswith("1."))
    c31 = sum(card[c][0] for c in leaves if c.startswith("3.1."))
    folded.append((2024, unit, "1", f1, "", "", ""))
    folded.append((2024, unit, "3.1", c31, "", "", ""))
    with open(f"{OUT}/scorecards_district.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["year", "unit", "code", "points", "self_assessed", "appraised", "evidence"])
        for r in folded:
            w.writerow(r)
    return cards


def charged(year, unit, card):
    """(node, lost) pairs: leaves, except Cao Lộc 2024 where field 1 and criterion 3.1
    are known only as totals, so their losses sit at those nodes."""
    out = []
    folded = year == 2024 and unit == "Cao Lộc"
    for c in leaves:
        if folded and (c.startswith("1.") or c.startswith("3.1.")):
            continue
        out.append((c, nodes[c][1] - card[c][0]))
    if folded:
        for top in ("1", "3.1"):
            out.append((top, nodes[top][1] - sum(card[c][0] for c in leaves if c.startswith(top + "."))))
    return out


def expected(cards):
    print("# expected figures (computed here, independently of the library)")
    for year in (2023, 2024):
        totals = {u: sum(v[0] for v in cards[(year, u)].values()) for u in DISTRICTS}
        order = sorted(DISTRICTS, key=lambda u: -totals[u])
        print(year, "totals", {u: str(totals[u]) for u in order})
    for unit in ("Hữu Lũng", "Cao Lộc"):
        for year in (2023, 2024):
            by = {}
            for c, lost in charged(year, unit, cards[(year, unit)]):
                ag = lead_of(c) or "(unassigned)"
                by[ag] = by.get(ag, D(0)) + lost
            print(unit, year, "lost by agency", {k: str(v) for k, v in sorted(by.items())})
        card = cards[(2024, unit)]
        present = [c for c, _ in charged(2024, unit, card) if c in leaves]
        claims = [card[c] for c in present if card[c][1] is not None]
        backed = sum(max(D(0), v[1] - v[0]) for v in claims if v[2])
        cut = sum(v[1] - v[0] for v in claims)
        unsupported = [c for c in present if card[c][1] is not None and card[c][1] > 0 and not card[c][2]]
        print(unit, 2024, "cut", cut, "evidence-backed", backed, "unsupported", unsupported)


if __name__ == "__main__":
    write_framework()
    write_annex()
    expected(scorecards())
