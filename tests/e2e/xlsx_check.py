#!/usr/bin/python3
"""Reads a maturity workbook back and checks it against `maturity score --format json`.

    xlsx_check.py check WORKBOOK SCORE.json [--rtl] [--string TEXT]... [--hash H]
        Everything a freshly written workbook must hold: six sheets that all
        read; a live formula for every score, coverage, band and flag on the
        Scoring sheet whose cached value equals the C scorer's; the profile
        and stage; one Answers row per item; the recommendations in order;
        two native charts pointing at the Summary sheet; sheet direction;
        and each --string TEXT present as a text cell, never as a formula.
    xlsx_check.py values WORKBOOK SCORE.json [--tol T]
        Only the computed values, the charts' data included (for a workbook
        LibreOffice recalculated and saved).
    xlsx_check.py edit WORKBOOK ITEM VALUE OUT
        Sets ITEM's answer cell on the Answers sheet ("" clears it) and saves
        to OUT, as a consultant would (numbers as numbers, the rest as text).
    xlsx_check.py differs WORKBOOK SCORE.json
        Passes when at least one construct score differs from SCORE.json by
        more than 0.1: proves that a recalculation really changed something.
    xlsx_check.py ods-sheets FILE.ods N
        The ODS LibreOffice converted the workbook to has N sheets.

Prints one line per failed check and exits 1 when any failed.

SPDX-License-Identifier: MIT
"""

import json
import re
import sys
import warnings
import zipfile

import openpyxl

# openpyxl warns that it drops the data-bar extension when it saves a file;
# the checks do not need it.
warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")

SHEETS = 6
# Scoring sheet, construct table columns (1-based, as openpyxl counts).
SC_SCORE, SC_COVERAGE, SC_SUFFICIENT, SC_BAND, SC_ANSWERED, SC_DK, SC_ITEMS = 4, 5, 6, 7, 8, 9, 10
# Scoring sheet, stage table columns.
ST_SCORE, ST_COVERAGE, ST_SUFFICIENT, ST_MET, ST_REACHED = 4, 5, 6, 7, 8
# Answers sheet columns.
AC_ID, AC_ANSWER = 2, 5

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def near(a, b, tol):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(a - b) <= tol


def named_cell(wb, name):
    """(sheet title, 'B13') of a defined name, or None."""
    dn = wb.defined_names.get(name)
    if dn is None:
        return None
    for title, coord in dn.destinations:
        return title, coord.replace("$", "")
    return None


def named_value(wb, name):
    where = named_cell(wb, name)
    if where is None:
        fail("defined name %s is missing" % name)
        return None
    return wb[where[0]][where[1]].value


def rows_by_first_cell(ws):
    """{value of column A: row number}, first occurrence wins."""
    out = {}
    for row in ws.iter_rows(min_col=1, max_col=1):
        v = row[0].value
        if isinstance(v, str) and v not in out:
            out[v] = row[0].row
    return out


def scoring_sheet(wb):
    return wb.worksheets[2]


def check_constructs(wbv, wbf, score, tol, formulas):
    wsv, wsf = scoring_sheet(wbv), scoring_sheet(wbf) if wbf else None
    rows = rows_by_first_cell(wsv)
    for c in score["constructs"]:
        r = rows.get(c["id"])
        if r is None:
            fail("construct %s has no row on the Scoring sheet" % c["id"])
            continue
        if formulas:
            for col in (SC_SCORE, SC_COVERAGE, SC_SUFFICIENT, SC_BAND, SC_ANSWERED, SC_DK, SC_ITEMS):
                f = wsf.cell(r, col).value
                if not (isinstance(f, str) and f.startswith("=")):
                    fail("construct %s: column %d is not a formula: %r" % (c["id"], col, f))
        got = wsv.cell(r, SC_SCORE).value
        if not near(got, c["score"], tol):
            fail("construct %s: score %r, scorer says %s" % (c["id"], got, c["score"]))
        got = wsv.cell(r, SC_COVERAGE).value
        if not near(got, c["coverage"], tol):
            fail("construct %s: coverage %r, scorer says %s" % (c["id"], got, c["coverage"]))
        got = wsv.cell(r, SC_SUFFICIENT).value
        if got != (1 if c["sufficient"] else 0):
            fail("construct %s: sufficient %r, scorer says %s" % (c["id"], got, c["sufficient"]))
        got = wsv.cell(r, SC_BAND).value
        if c["sufficient"] and got != c["band_label"]:
            fail("construct %s: band %r, scorer says %r" % (c["id"], got, c["band_label"]))
        for col, key in ((SC_ANSWERED, "answered"), (SC_DK, "dont_know"), (SC_ITEMS, "items")):
            got = wsv.cell(r, col).value
            if got != c[key]:
                fail("construct %s: %s %r, scorer says %s" % (c["id"], key, got, c[key]))


def construct_at(score, position):
    """Construct id at a 1-based position of the construct table, or None for 0."""
    if not isinstance(position, (int, float)) or position < 1:
        return None
    return score["constructs"][int(position) - 1]["id"]


def check_classification(wbv, score, tol):
    cl = score["classification"]
    leader = construct_at(score, named_value(wbv, "Leader"))
    runner = construct_at(score, named_value(wbv, "RunnerUp"))
    if leader != cl["dominant"]:
        fail("leader %r, scorer says %r" % (leader, cl["dominant"]))
    if runner != cl["runner_up"]:
        fail("runner-up %r, scorer says %r" % (runner, cl["runner_up"]))
    hybrid = named_value(wbv, "Hybrid")
    if hybrid != (1 if cl["hybrid"] else 0):
        fail("hybrid %r, scorer says %s" % (hybrid, cl["hybrid"]))
    if cl["runner_up"] is not None:
        margin = named_value(wbv, "Margin")
        if not near(margin, cl["margin"], tol):
            fail("margin %r, scorer says %s" % (margin, cl["margin"]))
    profile = named_value(wbv, "Profile")
    names = {c["id"]: c["name"] for c in score["constructs"]}
    if cl["dominant"] is not None and (not isinstance(profile, str) or names[cl["dominant"]] not in profile):
        fail("profile %r does not name the leader %r" % (profile, names[cl["dominant"]]))
    if cl["hybrid"] and (not isinstance(profile, str) or names[cl["runner_up"]] not in profile):
        fail("hybrid profile %r does not name the runner-up %r" % (profile, names[cl["runner_up"]]))
    if not cl["hybrid"] and cl["runner_up"] is not None and isinstance(profile, str) \
            and names[cl["runner_up"]] in profile:
        fail("profile %r names the runner-up of a profile that is not a hybrid" % profile)


def check_stages(wbv, score, tol):
    road = score.get("roadmap") or {}
    stages = road.get("stages") or []
    if not stages:
        return
    ws = scoring_sheet(wbv)
    rows = rows_by_first_cell(ws)
    for st in stages:
        r = rows.get(st["id"])
        if r is None:
            fail("stage %s has no row on the Scoring sheet" % st["id"])
            continue
        for col, key in ((ST_SCORE, "score"), (ST_COVERAGE, "coverage")):
            got = ws.cell(r, col).value
            if not near(got, st[key], tol):
                fail("stage %s: %s %r, scorer says %s" % (st["id"], key, got, st[key]))
        for col, key in ((ST_SUFFICIENT, "sufficient"), (ST_MET, "met"), (ST_REACHED, "reached")):
            got = ws.cell(r, col).value
            if got != (1 if st[key] else 0):
                fail("stage %s: %s %r, scorer says %s" % (st["id"], key, got, st[key]))
    reached = sum(1 for st in stages if st["reached"])
    if named_value(wbv, "StagesReached") != reached:
        fail("stages reached %r, scorer says %d" % (named_value(wbv, "StagesReached"), reached))
    names = {st["id"]: st.get("name") for st in stages}
    got = named_value(wbv, "StageReached")
    if road.get("reached") and names.get(road["reached"]) and got != names[road["reached"]]:
        fail("stage reached %r, scorer says %r" % (got, names[road["reached"]]))


def check_answers(wbf, score):
    ws = wbf.worksheets[1]
    ids = [ws.cell(r, AC_ID).value for r in range(5, ws.max_row + 1)]
    ids = [i for i in ids if i]
    if len(ids) != score["counts"]["items"]:
        fail("Answers has %d item rows, the questionnaire %d items" % (len(ids), score["counts"]["items"]))


def check_validations(wbf):
    """Every answer cell shows what may be typed in it when selected."""
    ws = wbf.worksheets[1]
    covered = set()
    for dv in ws.data_validations.dataValidation:
        if dv.prompt:
            for rng in str(dv.sqref).split():
                covered.add(rng)
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, AC_ID).value and "E%d" % r not in covered:
            fail("answer cell E%d (%s) has no input message" % (r, ws.cell(r, AC_ID).value))


def check_recommendations(wbv, score):
    ws = wbv.worksheets[3]
    recs = score.get("recommendations") or []
    for i, rec in enumerate(recs):
        r = 5 + i
        if ws.cell(r, 4).value != rec["title"]:
            fail("recommendation %d: %r, scorer says %r" % (i + 1, ws.cell(r, 4).value, rec["title"]))
        if ws.cell(r, 6).value != rec["why"]:
            fail("recommendation %d why: %r, scorer says %r" % (i + 1, ws.cell(r, 6).value, rec["why"]))
        if ws.cell(r, 8).value != rec["rule"]:
            fail("recommendation %d rule: %r, scorer says %r" % (i + 1, ws.cell(r, 8).value, rec["rule"]))
    extra = ws.cell(5 + len(recs), 8).value
    if extra:
        fail("more recommendations in the workbook than the scorer fired (%r)" % extra)


def check_charts(path, wbf, score):
    kinds = {c["kind"] for c in score["constructs"]}
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        xml = "".join(z.read(n).decode("utf-8") for n in charts)
    want = ("archetype" in kinds) + ("barrier" in kinds)
    if len(charts) != want:
        fail("%d charts, expected %d" % (len(charts), want))
    if "archetype" in kinds and "<c:radarChart>" not in xml:
        fail("no radar chart of the archetypes")
    if "barrier" in kinds and "<c:barChart>" not in xml:
        fail("no bar chart of the barriers")
    summary = wbf.worksheets[0].title
    quoted = "'%s'!" % summary.replace("'", "''")
    refs = re.findall(r"<c:f>([^<]*)</c:f>", xml)
    for f in refs:
        if not f.startswith(quoted) and not f.startswith(summary + "!"):
            fail("chart range %r does not point at the Summary sheet" % f)
        if not summary.isascii() and not f.startswith(quoted):
            fail("chart range %r: a non-ASCII sheet name must be quoted" % f)


def check_chart_values(path, score, tol):
    """The charts' own copy of their data (what a viewer draws) equals the
    scores: archetypes on the radar, barriers on the bars, in questionnaire
    order. Only meaningful once a spreadsheet has recalculated the file."""
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode("utf-8") for n in sorted(z.namelist())
                  if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    kinds = {c["kind"] for c in score["constructs"]} & {"archetype", "barrier"}
    if len(charts) != len(kinds):
        fail("%d charts after recalculation, expected %d" % (len(charts), len(kinds)))
    for xml in charts:
        kind = "archetype" if "<c:radarChart>" in xml else "barrier" if "<c:barChart>" in xml else None
        if kind is None:
            continue
        want = [c["score"] for c in score["constructs"] if c["kind"] == kind]
        cache = re.search(r"<c:val>.*?<c:numCache>(.*?)</c:numCache>", xml, re.S)
        got = [float(v) for v in re.findall(r"<c:v>([^<]*)</c:v>", cache.group(1))] if cache else []
        if len(got) != len(want) or any(abs(g - w) > tol for g, w in zip(got, want)):
            fail("the %s chart shows %s, the scorer says %s" % (kind, got, want))


def check_direction(wbf, rtl):
    for ws in wbf.worksheets:
        got = bool(ws.sheet_view.rightToLeft)
        if got != rtl:
            fail("sheet %r: right-to-left is %s, expected %s" % (ws.title, got, rtl))


def check_strings(wbf, texts):
    for text in texts:
        found = False
        for ws in wbf.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value == text:
                        if cell.data_type != "s":
                            fail("%r in %s!%s is of type %r, not text" % (text, ws.title, cell.coordinate, cell.data_type))
                        found = True
        if not found:
            fail("%r is not in any cell" % text)


def check_readable(wbf):
    if len(wbf.worksheets) != SHEETS:
        fail("%d sheets, expected %d" % (len(wbf.worksheets), SHEETS))
    for ws in wbf.worksheets:
        n = sum(1 for row in ws.iter_rows() for c in row if c.value is not None)
        if n == 0:
            fail("sheet %r is empty" % ws.title)


def check_about(wbv, score):
    ws = wbv.worksheets[4]
    values = {c.value for row in ws.iter_rows() for c in row}
    for want in (score["questionnaire"]["id"], score["questionnaire"]["version"],
                 score["questionnaire"]["hash"], score["tool_version"]):
        if want not in values:
            fail("About does not show %r" % want)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        score = json.load(f)
    # The JSON has no score (null) where nothing was answered (coverage 0);
    # the workbook's formulas give 0 there, so that is what is compared.
    stages = (score.get("roadmap") or {}).get("stages") or []
    for c in (score.get("constructs") or []) + stages:
        if c.get("score") is None:
            c["score"] = 0.0
    return score


def cmd_check(args):
    path, score = args[0], load_json(args[1])
    rtl = "--rtl" in args
    texts = [args[i + 1] for i, a in enumerate(args) if a == "--string"]
    wbf = openpyxl.load_workbook(path)
    wbv = openpyxl.load_workbook(path, data_only=True)
    check_readable(wbf)
    check_constructs(wbv, wbf, score, 0.006, True)
    check_classification(wbv, score, 0.006)
    check_stages(wbv, score, 0.006)
    check_answers(wbf, score)
    check_validations(wbf)
    check_recommendations(wbv, score)
    check_charts(path, wbf, score)
    check_direction(wbf, rtl)
    check_strings(wbf, texts)
    check_about(wbv, score)


def cmd_values(args):
    path, score = args[0], load_json(args[1])
    tol = float(args[args.index("--tol") + 1]) if "--tol" in args else 0.1
    wbf = openpyxl.load_workbook(path)
    wbv = openpyxl.load_workbook(path, data_only=True)
    check_readable(wbf)
    check_constructs(wbv, wbf, score, tol, True)
    check_classification(wbv, score, tol)
    check_stages(wbv, score, tol)
    check_chart_values(path, score, tol)


def cmd_edit(args):
    path, item, value, out = args
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[1]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, AC_ID).value == item:
            cell = ws.cell(r, AC_ANSWER)
            if value == "":
                cell.value = None
            elif re.fullmatch(r"-?\d+(\.\d+)?", value):
                cell.value = float(value) if "." in value else int(value)
            else:
                cell.value = value
                cell.data_type = "s"
            wb.save(out)
            return
    fail("no item %s on the Answers sheet" % item)


def cmd_differs(args):
    wbv = openpyxl.load_workbook(args[0], data_only=True)
    score = load_json(args[1])
    rows = rows_by_first_cell(scoring_sheet(wbv))
    for c in score["constructs"]:
        r = rows.get(c["id"])
        v = scoring_sheet(wbv).cell(r, SC_SCORE).value if r else None
        if isinstance(v, (int, float)) and abs(v - c["score"]) > 0.1:
            return
    fail("no construct score differs from %s: the recalculation changed nothing" % args[1])


def cmd_ods_sheets(args):
    with zipfile.ZipFile(args[0]) as z:
        content = z.read("content.xml").decode("utf-8")
    n = len(re.findall(r"<table:table ", content))
    if n != int(args[1]):
        fail("%s has %d sheets, expected %s" % (args[0], n, args[1]))


COMMANDS = {"check": cmd_check, "values": cmd_values, "edit": cmd_edit,
            "differs": cmd_differs, "ods-sheets": cmd_ods_sheets}


def main(argv):
    if len(argv) < 2 or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    COMMANDS[argv[0]](argv[1:])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
