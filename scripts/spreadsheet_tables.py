#!/usr/bin/env python3
"""The README tables of recognised column headers and method values, generated from
core/data/columns.csv and core/data/methods.csv (the Python and JS tests compare the READMEs
with this output). `scripts/spreadsheet_tables.py --write` rewrites both READMEs between
their `<!-- columns:start -->` / `<!-- columns:end -->` and `<!-- methods:… -->` markers."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOADERS = {
    "league": "LeagueTable",
    "framework": "Framework",
    "scorecard": "Scorecard",
    "survey": "Survey",
    "assignments": "Assignments",
    "long": "Units",
}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


def columns_table(js: bool = False) -> str:
    with open(REPO / "core" / "data" / "columns.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    groups: dict = {}
    for r in rows:
        groups.setdefault((r["role"], r["loaders"]), []).append(r["header"])
    out = ["| role (`columns` key) | read by | headers recognised (any case, with or without diacritics) |", "|---|---|---|"]
    for (role, loaders), headers in groups.items():
        key = camel(role) if js else role
        by = ", ".join(LOADERS[l] for l in loaders.split())
        out.append(f"| `{key}` | {by} | {', '.join(f'`{h}`' for h in headers)} |")
    return "\n".join(out)


def methods_table() -> str:
    with open(REPO / "core" / "data" / "methods.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = ["| value in the method column | method | basis |", "|---|---|---|"]
    for r in rows:
        out.append(f"| `{r['value']}` | `{r['method']}` | {r['basis']} |")
    return "\n".join(out)


def replace(text: str, marker: str, table: str) -> str:
    pattern = re.compile(rf"(<!-- {marker}:start -->\n)(?:.*?\n)?(<!-- {marker}:end -->)", re.S)
    return pattern.sub(lambda m: m.group(1) + table + "\n" + m.group(2), text)


def main() -> None:
    for readme, js in ((REPO / "bindings-python" / "README.md", False), (REPO / "bindings-wasm" / "README.md", True)):
        text = readme.read_text(encoding="utf-8")
        text = replace(replace(text, "columns", columns_table(js)), "methods", methods_table())
        if "--write" in sys.argv:
            readme.write_text(text, encoding="utf-8")
        else:
            print(text)


if __name__ == "__main__":
    main()
