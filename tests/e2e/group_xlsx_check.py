#!/usr/bin/python3
"""Reads a maturity group workbook back and checks it against numbers
computed here, independently, from `maturity score --format json` outputs.

    group_xlsx_check.py read WORKBOOK
        openpyxl reads every sheet, with formulas and with cached values.
    group_xlsx_check.py stats WORKBOOK SCORE.json... [--tol T] [--formulas] [--summary-only]
        Summary: per construct n, mean, median, SD, quartiles, min and max
        equal those of the respondents' sufficient scores in the JSON files
        (one per respondent, in the order the workbook read them); with
        --formulas each is a live formula over the Respondents sheet.
        Respondents: one row per respondent, each score as in its JSON
        (blank when insufficient). Pivot data: one row per respondent per
        construct, its score blank where the JSON's is null (not with
        --summary-only: after a score was edited).
    group_xlsx_check.py agreement WORKBOOK --min A --max B
        The overall agreement and every construct's r_wg lie in [A, B].
    group_xlsx_check.py hotspots WORKBOOK --count N | --at-least N [--pdf P]
        The Hotspots sheet ranks N (or at least N) items, in falling
        dispersion, each with its answer counts adding up to its answers;
        the Summary counts the first five as hotspots, as the PDF does
        (--pdf: the PDF's count), and names how many the sheet lists.
    group_xlsx_check.py roles WORKBOOK ROLE=N...
        The Roles sheet lists exactly these roles with these counts.
    group_xlsx_check.py roles-rule WORKBOOK SCORE.json... [--tol T] [--names]
        The Roles sheet shows what the privacy rule (MT_GROUP_ROLE_MIN,
        worked out here from the roles in the JSON files) lets through,
        in order, each row's n and construct means equal to those of its
        members' sufficient scores; or says that nothing is shown by role.
        With --names the n and means are formulas over the Respondents
        sheet, whose key column is hidden; without, they are numbers, not
        formulas, the sheet says so under the table, and there is no key
        column.
    group_xlsx_check.py no-role-link WORKBOOK SCORE.json...
        Nothing ties a respondent to a role (worked out here as for
        roles-rule): Respondents and Pivot data have no hidden column or
        row, and no column on them whose values follow the Roles rows (the
        same within each row, different between rows); the Roles sheet
        holds no formula, no formula anywhere reads it, and no defined
        name refers to Respondents, Pivot data or Roles.
    group_xlsx_check.py no-roles-beside WORKBOOK ROLE...
        Neither Respondents nor Pivot data has a Role column or any ROLE
        in a cell: respondents shown as R1..Rn go without their role.
    group_xlsx_check.py absent WORKBOOK TEXT...
        No part of the file (sheets, shared strings, hidden columns,
        defined names, properties) holds any TEXT, ignoring case.
    group_xlsx_check.py labels WORKBOOK --anon N | --names NAME...
        Respondents are R1..RN, or these names, on Respondents and Pivot data.
    group_xlsx_check.py followup WORKBOOK --base B.json... --current C.json...
        Every construct's baseline, current score and change on the
        Follow-up sheet equal the means of the sufficient scores on each
        side (one JSON per respondent), with the direction (2 points).
    group_xlsx_check.py followup-live WORKBOOK [--stage-fixed]
        On the Follow-up sheet every construct with a live change has its
        direction, better or worse (not for an archetype) and band now as
        formulas too; the stage move is a formula, or (--stage-fixed) fixed
        with a note saying it does not follow an edited score.
    group_xlsx_check.py followup-same A.xlsx B.xlsx
        The two Follow-up tables (constructs and stage) hold the same values:
        a recalculated, edited workbook against one written from the edited
        answers.
    group_xlsx_check.py norms WORKBOOK NORMS.ini [--individual SCORE.json]
        Each percentile on the Summary equals the one computed here from
        the norms histogram, and the Summary names the norms file (by file
        name: no cell shows its folder) and its size. --individual: a one-respondent workbook, whose construct
        names SCORE.json maps to ids.
    group_xlsx_check.py rtl WORKBOOK
        Every sheet runs right to left.
    group_xlsx_check.py strings WORKBOOK TEXT...
        Each TEXT is a text cell somewhere, never a formula.
    group_xlsx_check.py recalc WORKBOOK RECALCULATED [--tol T]
        Every formula's value after LibreOffice recalculated the workbook
        equals the cached (C) value within T.
    group_xlsx_check.py sheets WORKBOOK NAME...
        The workbook has exactly these sheets, in this order.

Prints one line per failed check and exits 1 when any failed.

SPDX-License-Identifier: MIT
"""

import json
import math
import os
import re
import sys
import warnings
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter

# openpyxl warns that it drops the data-bar extension; the checks do not need it.
warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")

# Summary table columns (1-based).
GS_NAME, GS_ID, GS_KIND, GS_N, GS_INSUFF, GS_MEAN, GS_MEDIAN, GS_SD, GS_MIN, GS_Q1, GS_Q3, \
    GS_MAX, GS_RWG, GS_READING, GS_BAND, GS_PCT = range(1, 17)
DATA_FIRST = 5   # first data row on the data sheets (1-based)
ROLE_MIN = 3     # MT_GROUP_ROLE_MIN in include/maturity/group.h

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def near(a, b, tol):
    return number(a) and abs(a - b) <= tol


def load(path, data_only=True):
    return openpyxl.load_workbook(path, data_only=data_only)


def scores_of(paths):
    """[{construct id: (score or None, sufficient)}] and the construct ids in order."""
    people, ids = [], None
    for p in paths:
        with open(p, encoding="utf-8") as f:
            doc = json.load(f)
        people.append({c["id"]: (c["score"], c["sufficient"]) for c in doc["constructs"]})
        ids = [c["id"] for c in doc["constructs"]]
    return people, ids or []


def roles_of(paths):
    """Each respondent's [meta] role from the JSON files, None when none."""
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            role = json.load(f)["meta"]["role"]
        role = role.strip() if isinstance(role, str) else None
        out.append(role or None)
    return out


def header_col(ws, text, row=DATA_FIRST - 1):
    """The 1-based column whose heading is text, or None."""
    for c in range(1, ws.max_column + 1):
        if ws.cell(row, c).value == text:
            return c
    return None


def quartile(xs, p):
    """Excel's QUARTILE.INC: linear interpolation between order statistics."""
    xs = sorted(xs)
    pos = (len(xs) - 1) * p
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def describe(xs):
    n = len(xs)
    if n == 0:
        return None
    mean = sum(xs) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
    return {"n": n, "mean": mean, "median": quartile(xs, 0.5), "sd": sd, "min": min(xs),
            "max": max(xs), "q1": quartile(xs, 0.25), "q3": quartile(xs, 0.75)}


def summary_rows(ws, ids):
    """{construct id: row} of the Summary's construct table."""
    rows = {}
    for r in range(1, ws.max_row + 1):
        v = ws.cell(r, GS_ID).value
        if v in ids and v not in rows and ws.cell(r, GS_N).value is not None:
            rows[v] = r
    return rows


def sheet_by_first_title(wb, *starts):
    """The sheet whose A1 starts with one of the given titles, or None."""
    for ws in wb.worksheets:
        a1 = ws.cell(1, 1).value
        if isinstance(a1, str) and any(a1.startswith(s) for s in starts):
            return ws
    return None


def cmd_read(args):
    for data_only in (False, True):
        wb = load(args[0], data_only)
        for ws in wb.worksheets:
            n = sum(1 for _ in ws.iter_rows(values_only=True))
            if n == 0:
                fail("sheet %r has no rows" % ws.title)


def opt(args, name, default=None, conv=str):
    if name in args:
        i = args.index(name)
        v = args[i + 1]
        del args[i:i + 2]
        return conv(v)
    return default


def flag(args, name):
    if name in args:
        args.remove(name)
        return True
    return False


def check_summary_stats(wbv, wbf, people, ids, tol, formulas):
    ws = wbv.worksheets[0]
    rows = summary_rows(ws, ids)
    for cid in ids:
        r = rows.get(cid)
        if r is None:
            fail("construct %s has no row on the Summary" % cid)
            continue
        xs = [p[cid][0] for p in people if p[cid][1]]
        d = describe(xs)
        got_n = ws.cell(r, GS_N).value
        if got_n != len(xs):
            fail("%s: n %r, want %d" % (cid, got_n, len(xs)))
        got = ws.cell(r, GS_INSUFF).value
        if got != len(people) - len(xs):
            fail("%s: insufficient %r, want %d" % (cid, got, len(people) - len(xs)))
        cols = {"mean": GS_MEAN, "median": GS_MEDIAN, "sd": GS_SD, "min": GS_MIN,
                "q1": GS_Q1, "q3": GS_Q3, "max": GS_MAX}
        for key, col in cols.items():
            got = ws.cell(r, col).value
            if d is None:
                if key != "sd" and got not in (None, ""):
                    fail("%s: %s %r, want blank (no one has a score)" % (cid, key, got))
            elif not near(got, d[key], tol):
                fail("%s: %s %r, computed %.4f" % (cid, key, got, d[key]))
            if formulas:
                f = wbf.worksheets[0].cell(r, col).value
                if not (isinstance(f, str) and f.startswith("=") and "Respondents" in f):
                    fail("%s: %s is not a formula over the Respondents sheet: %r" % (cid, key, f))


def check_respondents(wbv, people, ids, tol):
    ws = wbv.worksheets[1]
    score0 = header_col(ws, ids[0], DATA_FIRST - 2) if ids else None
    if score0 is None:
        fail("Respondents: no column for construct %r" % (ids[:1],))
        return
    header_ids = [ws.cell(DATA_FIRST - 2, score0 + k).value for k in range(len(ids))]
    if header_ids != ids:
        fail("Respondents: construct ids %r, want %r" % (header_ids, ids))
    for i, p in enumerate(people):
        r = DATA_FIRST + i
        if ws.cell(r, 1).value in (None, ""):
            fail("Respondents: row %d has no respondent" % r)
            return
        for k, cid in enumerate(ids):
            got = ws.cell(r, score0 + k).value
            score, sufficient = p[cid]
            if sufficient and not near(got, score, tol):
                fail("Respondents row %d, %s: %r, want %s" % (r, cid, got, score))
            if not sufficient and got not in (None, ""):
                fail("Respondents row %d, %s: %r, want blank (insufficient)" % (r, cid, got))
    extra = ws.cell(DATA_FIRST + len(people), 1).value
    if extra not in (None, ""):
        fail("Respondents: a row beyond the %d respondents: %r" % (len(people), extra))


def check_pivot(wbv, people, ids, tol):
    ws = wbv.worksheets[2]
    want = len(people) * len(ids)
    cols = [header_col(ws, h) for h in ("Construct id", "Score", "Enough data")]
    if None in cols:
        fail("Pivot data: headings %r" % [c.value for c in ws[DATA_FIRST - 1]])
        return
    c_id, c_score, c_suff = (c - 1 for c in cols)
    rows = [row for row in ws.iter_rows(min_row=DATA_FIRST, values_only=True) if row[0] is not None]
    if len(rows) != want:
        fail("Pivot data: %d rows, want %d" % (len(rows), want))
        return
    for i, row in enumerate(rows):
        p, cid = people[i // len(ids)], ids[i % len(ids)]
        score, sufficient = p[cid]
        # a null score (nothing answered) is an empty cell, never 0
        score_ok = row[c_score] is None if score is None else near(row[c_score], score, tol)
        if row[c_id] != cid or not score_ok or row[c_suff] != (1 if sufficient else 0):
            fail("Pivot data row %d: %r, want %s %s %s" % (i + DATA_FIRST, row, cid, score,
                                                           sufficient))
            return


def cmd_stats(args):
    tol = opt(args, "--tol", 0.01, float)
    formulas = flag(args, "--formulas")
    summary_only = flag(args, "--summary-only")
    book, jsons = args[0], args[1:]
    people, ids = scores_of(jsons)
    wbv = load(book)
    wbf = load(book, False) if formulas else None
    check_summary_stats(wbv, wbf, people, ids, tol, formulas)
    check_respondents(wbv, people, ids, tol)
    if not summary_only:
        check_pivot(wbv, people, ids, tol)


def overall_agreement(ws):
    for r in range(1, 40):
        v = ws.cell(r, 2).value
        label = ws.cell(r, 1).value
        if isinstance(label, str) and "r_wg" in label:
            return v
    return None


def cmd_agreement(args):
    lo = opt(args, "--min", 0.0, float)
    hi = opt(args, "--max", 1.0, float)
    ws = load(args[0]).worksheets[0]
    a = overall_agreement(ws)
    if not number(a) or not lo - 1e-9 <= a <= hi + 1e-9:
        fail("overall agreement %r not in [%s, %s]" % (a, lo, hi))
    n = 0
    for r in range(1, ws.max_row + 1):
        v = ws.cell(r, GS_RWG).value
        if number(v) and number(ws.cell(r, GS_N).value):
            n += 1
            if not lo - 1e-9 <= v <= hi + 1e-9:
                fail("construct %s: r_wg %r not in [%s, %s]" % (ws.cell(r, GS_ID).value, v, lo, hi))
    if n == 0:
        fail("no construct has an agreement value")


def hotspot_rows(ws):
    rows = []
    for r in range(DATA_FIRST, ws.max_row + 1):
        rank = ws.cell(r, 1).value
        if not number(rank):
            break
        rows.append([ws.cell(r, c).value for c in range(1, ws.max_column + 1)])
    return rows


HOTSPOTS_SHOWN = 5   # MT_GROUP_HOTSPOTS_SHOWN: the PDF's hotspot pages


def check_hotspot_count(summary, listed, pdf_count):
    """The Summary counts the hotspots as the PDF does (the most disputed
    few), and says how many the Hotspots sheet lists when that is more."""
    row = next((r for r in range(1, summary.max_row + 1)
                if summary.cell(r, 1).value == "Discussion hotspots"), None)
    if row is None:
        fail("no 'Discussion hotspots' row on the Summary")
        return
    got, text = summary.cell(row, 2).value, str(summary.cell(row, 3).value)
    want = min(listed, HOTSPOTS_SHOWN)
    if got != want:
        fail("Summary: %r hotspots, want %d (of %d listed)" % (got, want, listed))
    if pdf_count is not None and got != pdf_count:
        fail("Summary: %r hotspots, the PDF %d" % (got, pdf_count))
    if listed > want and ("all %d questions" % listed) not in text:
        fail("Summary: %r does not say the Hotspots sheet lists all %d" % (text, listed))


def cmd_hotspots(args):
    pdf_count = opt(args, "--pdf", None, int)
    count = opt(args, "--count", None, int)
    least = opt(args, "--at-least", None, int)
    ws = load(args[0]).worksheets[3]
    rows = hotspot_rows(ws)
    if count is not None and len(rows) != count:
        fail("%d hotspots, want %d" % (len(rows), count))
    if least is not None and len(rows) < least:
        fail("%d hotspots, want at least %d" % (len(rows), least))
    last = None
    for row in rows:
        disp, answered = row[7], row[4]
        if not number(disp) or disp <= 0:
            fail("hotspot %r: dispersion %r is not above 0" % (row[1], disp))
        if last is not None and disp > last + 1e-9:
            fail("hotspot %r: dispersion %r above the one before (%r)" % (row[1], disp, last))
        last = disp
        counts = [v for v in row[10:] if number(v)]
        if sum(counts) != answered:
            fail("hotspot %r: counts %r do not add up to %r answers" % (row[1], counts, answered))
    check_hotspot_count(load(args[0]).worksheets[0], len(rows), pdf_count)
    if count == 0:
        texts = [ws.cell(r, 1).value for r in range(1, 4)]
        if not any(isinstance(t, str) and "No hotspots" in t for t in texts):
            fail("no hotspots, but the sheet does not say so: %r" % texts)


def cmd_roles(args):
    want = {}
    for a in args[1:]:
        name, n = a.rsplit("=", 1)
        want[name] = int(n)
    wb = load(args[0])
    ws = sheet_by_first_title(wb, "By role")
    if ws is None:
        fail("no Roles sheet")
        return
    got = {}
    for r in range(DATA_FIRST, ws.max_row + 1):
        name = ws.cell(r, 1).value
        if name is None:
            break
        got[name] = ws.cell(r, 2).value
        means = [ws.cell(r, c).value for c in range(5, ws.max_column + 1)]
        if not any(number(m) for m in means):
            fail("role %r has no mean" % name)
    if got != want:
        fail("roles %r, want %r" % (got, want))


def role_groups(roles):
    """The privacy rule, worked out independently of the C code: [(title,
    member indexes)] in the order the reports show them. Roles are
    trimmed and compared ignoring ASCII case, named as first written, in
    order of first appearance, those without a role last."""
    order, members = [], {}
    for i, role in enumerate(roles):
        key = role.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                           "abcdefghijklmnopqrstuvwxyz")) if role else None
        if key not in members:
            members[key] = []
            order.append((key, role))
        members[key].append(i)
    order.sort(key=lambda kr: kr[0] is None)   # stable: no role last
    sizes = [len(members[k]) for k, _ in order]
    other = {k for k, (key, _) in enumerate(order) if sizes[k] < ROLE_MIN}
    other_n = sum(sizes[k] for k in other)
    while 0 < other_n < ROLE_MIN and len(other) < len(order):
        k = min((k for k in range(len(order)) if k not in other), key=lambda k: (sizes[k], k))
        other.add(k)
        other_n += sizes[k]
    groups = [(name if name else "No role given", members[key])
              for k, (key, name) in enumerate(order) if k not in other]
    if other_n >= ROLE_MIN:
        groups.append(("Other roles", [i for k in sorted(other) for i in members[order[k][0]]]))
    return groups


def roles_shown(groups):
    return len(groups) > 1 or (len(groups) == 1 and groups[0][0] not in ("Other roles",
                                                                           "No role given"))


def role_rows(ws):
    """The Roles table's rows (1-based), up to the first empty name."""
    got = []
    for r in range(DATA_FIRST, ws.max_row + 1):
        if ws.cell(r, 1).value is None:
            break
        got.append(r)
    return got


def is_formula(v):
    return isinstance(v, str) and v.startswith("=")


def check_role_cells(wsf, rows, ncons, named):
    """--names: live formulas over the Respondents sheet; else plain numbers
    (or blank), and the note under the table says why."""
    for r in rows:
        for c in [2] + [5 + k for k in range(ncons)]:
            v = wsf.cell(r, c).value
            if named and not (is_formula(v) and "Respondents" in v):
                fail("Roles!%s: %r is not a formula over the Respondents sheet"
                     % (wsf.cell(r, c).coordinate, v))
            if not named and is_formula(v):
                fail("Roles!%s: a formula without --names: %r" % (wsf.cell(r, c).coordinate, v))
    notes = [wsf.cell(r, 1).value for r in range((rows[-1] if rows else DATA_FIRST) + 1,
                                                   wsf.max_row + 1)]
    fixed = any(isinstance(t, str) and t.startswith("Fixed values, not formulas") for t in notes)
    if fixed == named:
        fail("the note on fixed values is %s under the Roles table"
             % ("there" if fixed else "not"))


def cmd_roles_rule(args):
    tol = opt(args, "--tol", 0.01, float)
    named = flag(args, "--names")
    book, jsons = args[0], args[1:]
    people, ids = scores_of(jsons)
    groups = role_groups(roles_of(jsons))
    wb = load(book)
    ws = sheet_by_first_title(wb, "By role")
    if ws is None:
        fail("no Roles sheet")
        return
    resp = wb.worksheets[1]
    key = header_col(resp, "Row on the Roles sheet")
    if not roles_shown(groups):
        if not any(isinstance(ws.cell(r, 1).value, str) and "Not shown by role" in ws.cell(r, 1).value
                   for r in range(1, 4)):
            fail("nothing may be shown by role, but the Roles sheet does not say so")
        if ws.cell(DATA_FIRST, 1).value is not None or key is not None:
            fail("nothing may be shown by role, yet there are rows or a key column")
        return
    if named and (key is None or not resp.column_dimensions[get_column_letter(key)].hidden):
        fail("the Respondents sheet has no hidden key column")
    if not named and key is not None:
        fail("without --names the Respondents sheet has a key column (%s)" % get_column_letter(key))
    got = role_rows(ws)
    names = [ws.cell(r, 1).value for r in got]
    if names != [g[0] for g in groups]:
        fail("Roles rows %r, want %r" % (names, [g[0] for g in groups]))
        return
    check_role_cells(load(book, False)[ws.title], got, len(ids), named)
    for r, (name, idx) in zip(got, groups):
        if ws.cell(r, 2).value != len(idx):
            fail("%s: n %r, want %d" % (name, ws.cell(r, 2).value, len(idx)))
        for k, cid in enumerate(ids):
            xs = [people[i][cid][0] for i in idx if people[i][cid][1]]
            v = ws.cell(r, 5 + k).value
            if not xs and v not in (None, ""):
                fail("%s, %s: %r, want blank" % (name, cid, v))
            elif xs and not near(v, sum(xs) / len(xs), tol):
                fail("%s, %s: mean %r, computed %.4f" % (name, cid, v, sum(xs) / len(xs)))


def hidden_lines(ws):
    cols = [k for k, d in ws.column_dimensions.items() if d.hidden]
    rows = [k for k, d in ws.row_dimensions.items() if d.hidden]
    return cols, rows


def follows_groups(values, groups):
    """values[i] (respondent i) is the same within each group and differs
    between groups: the column says which group each respondent is in."""
    seen = {}
    for g, (_, idx) in enumerate(groups):
        vs = {values.get(i) for i in idx}
        if len(vs) != 1:
            return False
        v = vs.pop()
        if v in seen:
            return False
        seen[v] = g
    return len(groups) > 1


def respondent_columns(ws, labels):
    """{column: {respondent index: tuple of that respondent's values}};
    Pivot data has several rows per respondent, Respondents one."""
    index = {label: i for i, label in enumerate(labels)}
    cols = {}
    for row in ws.iter_rows(min_row=DATA_FIRST, values_only=True):
        i = index.get(row[0])
        if i is None:
            continue
        for c, v in enumerate(row[1:], start=2):
            cols.setdefault(c, {}).setdefault(i, ())
            cols[c][i] += (v,)
    return cols


def defined_names(wb):
    """[(name, text)] of the workbook's defined names (openpyxl 3.0 and 3.1)."""
    dn = wb.defined_names
    if hasattr(dn, "definedName"):
        return [(d.name, d.attr_text) for d in dn.definedName]
    found = [(k, d.attr_text) for k, d in dn.items()]
    for ws in wb.worksheets:
        found += [(k, d.attr_text) for k, d in getattr(ws, "defined_names", {}).items()]
    return found


def cmd_no_role_link(args):
    book, jsons = args[0], args[1:]
    groups = role_groups(roles_of(jsons))
    labels = ["R%d" % (i + 1) for i in range(len(jsons))]
    wb = load(book, False)
    for ws in wb.worksheets[1:3]:
        cols, rows = hidden_lines(ws)
        if cols or rows:
            fail("%s: hidden columns %r, rows %r" % (ws.title, cols, rows))
        for c, values in respondent_columns(ws, labels).items():
            if follows_groups(values, groups):
                fail("%s: column %s says which Roles row each respondent is in"
                     % (ws.title, get_column_letter(c)))
    roles = sheet_by_first_title(wb, "By role")
    names = [ws.title for ws in wb.worksheets[1:3]] + ([roles.title] if roles else [])
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if not is_formula(c.value):
                    continue
                if ws is roles:
                    fail("Roles!%s: a formula %r" % (c.coordinate, c.value))
                elif roles is not None and roles.title in c.value:
                    fail("%s!%s reads the Roles sheet: %r" % (ws.title, c.coordinate, c.value))
    for name, text in defined_names(wb):
        if any(n in (text or "") for n in names):
            fail("defined name %s refers to %r" % (name, text))


def cmd_no_roles_beside(args):
    wb = load(args[0])
    roles = {r.lower() for r in args[1:]} | {"role"}
    for ws in wb.worksheets[1:3]:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.strip().lower() in roles:
                    fail("%s!%s: %r beside the respondents" % (ws.title, c.coordinate, c.value))


def cmd_absent(args):
    with zipfile.ZipFile(args[0]) as z:
        for part in z.namelist():
            data = z.read(part).decode("utf-8", "replace").lower()
            for text in args[1:]:
                if text.lower() in data:
                    fail("%r is in %s" % (text, part))


def cmd_labels(args):
    anon = opt(args, "--anon", None, int)
    names = args[2:] if len(args) > 1 and args[1] == "--names" else None
    wb = load(args[0])
    resp = [wb.worksheets[1].cell(r, 1).value for r in range(DATA_FIRST, wb.worksheets[1].max_row + 1)]
    resp = [v for v in resp if v is not None]
    want = ["R%d" % (i + 1) for i in range(anon)] if anon is not None else names
    if resp != want:
        fail("respondents %r, want %r" % (resp, want))
    pivot = {row[0] for row in wb.worksheets[2].iter_rows(min_row=DATA_FIRST, values_only=True)
             if row[0] is not None}
    if pivot != set(want):
        fail("pivot data respondents %r, want %r" % (sorted(pivot), sorted(want)))


def means(paths):
    people, ids = scores_of(paths)
    out = {}
    for cid in ids:
        xs = [p[cid][0] for p in people if p[cid][1]]
        out[cid] = sum(xs) / len(xs) if xs else None
    return out, ids


def cmd_followup(args):
    book = args[0]
    i_base, i_cur = args.index("--base"), args.index("--current")
    base_paths = args[i_base + 1:i_cur] if i_base < i_cur else args[i_base + 1:]
    cur_paths = args[i_cur + 1:] if i_cur > i_base else args[i_cur + 1:i_base]
    base, ids = means(base_paths)
    cur, _ = means(cur_paths)
    wb = load(book)
    ws = sheet_by_first_title(wb, "Follow-up")
    if ws is None:
        fail("no Follow-up sheet")
        return
    seen = set()
    for r in range(1, ws.max_row + 1):
        cid = ws.cell(r, 1).value
        if cid not in ids or cid in seen:
            continue
        seen.add(cid)
        b, c, d, direction = (ws.cell(r, k).value for k in (4, 5, 6, 7))
        want_d = round(cur[cid] - base[cid], 6)
        if not near(b, base[cid], 0.01):
            fail("%s: baseline %r, computed %.4f" % (cid, b, base[cid]))
        if not near(c, cur[cid], 0.01):
            fail("%s: current %r, computed %.4f" % (cid, c, cur[cid]))
        if not near(d, want_d, 0.02):
            fail("%s: change %r, computed %.4f" % (cid, d, want_d))
        word = "up" if want_d > 2 else "down" if want_d < -2 else "no change"
        if not isinstance(direction, str) or word not in direction:
            fail("%s: direction %r, want %r" % (cid, direction, word))
    if seen != set(ids):
        fail("Follow-up: constructs %r, want %r" % (sorted(seen), sorted(ids)))


def followup_rows(ws):
    """Follow-up rows from the construct table on, by first cell: the
    constructs' rows and the stage rows (Then, Now, Move)."""
    out, on = {}, False
    for r in range(1, ws.max_row + 1):
        key = ws.cell(r, 1).value
        if key == "Construct id":
            on = True
        elif key == "Recommendations then and now":
            break   # as written: the rules need the recommender
        elif on and key is not None:
            out.setdefault(key, [ws.cell(r, k).value for k in range(1, 11)])
    return out


def cmd_followup_live(args):
    """Direction, better or worse, band now and the stage move are formulas."""
    wb = load(args[0], False)
    ws = sheet_by_first_title(wb, "Follow-up")
    rows = followup_rows(ws)
    live = 0
    for key, row in rows.items():
        if not isinstance(row[5], str) or not row[5].startswith("="):
            continue   # no live change: new, gone or unknown
        live += 1
        kinds = (6, 9) if row[2] == "Archetype" else (6, 7, 9)
        for k in kinds:
            if not (isinstance(row[k], str) and row[k].startswith("=")):
                fail("%s: column %d is %r, not a formula" % (key, k + 1, row[k]))
    if not live:
        fail("no construct with a live change")
    want_stage = "--stage-fixed" not in args
    move = rows.get("Move")
    if move is not None:
        is_f = isinstance(move[1], str) and move[1].startswith("=")
        if is_f != want_stage:
            fail("stage move %r: want %s" % (move[1], "a formula" if want_stage else "fixed"))
    if not want_stage:
        texts = " ".join(str(c.value) for r in ws.iter_rows() for c in r if c.value)
        if "does not follow an edited score" not in texts:
            fail("the fixed stage has no note saying so")


def cmd_followup_same(args):
    """Two workbooks' Follow-up tables agree (numbers within 0.01)."""
    a = followup_rows(sheet_by_first_title(load(args[0]), "Follow-up"))
    b = followup_rows(sheet_by_first_title(load(args[1]), "Follow-up"))
    if set(a) != set(b):
        fail("rows %r against %r" % (sorted(a), sorted(b)))
    for key in a:
        for k, (x, y) in enumerate(zip(a[key], b.get(key, []))):
            if number(x) and number(y):
                if abs(x - y) > 0.01:
                    fail("%s, column %d: %r against %r" % (key, k + 1, x, y))
            elif (x or "") != (y or ""):
                fail("%s, column %d: %r against %r" % (key, k + 1, x, y))


def read_norms(path):
    norms, cur = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.split(";")[0].strip()
        m = re.match(r"\[construct (\S+)\]", line)
        if m:
            cur = norms.setdefault(m.group(1), {"n": 0, "counts": {}})
            continue
        if cur is None or "=" not in line:
            continue
        k, v = (s.strip() for s in line.split("=", 1))
        if k == "n":
            cur["n"] = int(v)
        elif k.startswith("score."):
            cur["counts"][int(k[6:])] = int(v)
    return norms


def percentile(norm, score):
    s = math.floor(score + 0.5)
    below = sum(c for p, c in norm["counts"].items() if p < s)
    equal = norm["counts"].get(s, 0)
    return 100.0 * (below + equal / 2) / norm["n"]


def cmd_norms(args):
    names_json = opt(args, "--individual")
    book, path = args
    norms = read_norms(path)
    ws = load(book).worksheets[0]
    if names_json:
        # individual Summary: name, kind, score, band, coverage, percentile
        with open(names_json, encoding="utf-8") as f:
            ids = {c["name"]: c["id"] for c in json.load(f)["constructs"]}
        key_col, score_col, pct_col = 1, 3, 6
    else:
        ids = None
        key_col, score_col, pct_col = GS_ID, GS_MEAN, GS_PCT
    checked = 0
    for r in range(1, ws.max_row + 1):
        key = ws.cell(r, key_col).value
        cid = ids.get(key) if ids is not None else key
        score, pct = ws.cell(r, score_col).value, ws.cell(r, pct_col).value
        if cid not in norms or not number(score):
            continue
        if not number(pct) or abs(percentile(norms[cid], score) - pct) > 0.01:
            fail("%s: percentile %r of score %r, computed %.2f" % (cid, pct, score,
                                                                   percentile(norms[cid], score)))
        checked += 1
    if checked == 0:
        fail("no percentile on the Summary")
    texts = " ".join(str(ws.cell(r, 1).value) for r in range(1, ws.max_row + 1))
    results = re.search(r"^results\s*=\s*(\d+)", open(path, encoding="utf-8").read(), re.M)
    if os.path.basename(path) not in texts or not results or \
            ("summarises %s earlier" % results.group(1)) not in texts:
        fail("the Summary does not name the norms file and its size")
    # A report goes to the client: the file by name, not the folder it is kept in.
    folder = os.path.dirname(os.path.abspath(path))
    for sheet in load(book).worksheets:
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and folder in c.value:
                    fail("%s!%s names the norms file's folder: %r" % (sheet.title, c.coordinate,
                                                                     c.value))


def cmd_rtl(args):
    for ws in load(args[0]).worksheets:
        if not ws.sheet_view.rightToLeft:
            fail("sheet %r is not right to left" % ws.title)


def cmd_strings(args):
    wb = load(args[0], False)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    for text in args[1:]:
        hits = [c for c in cells if c.value == text]
        if not hits:
            fail("text %r is not in the workbook" % text)
        for c in hits:
            if c.data_type != "s":
                fail("text %r at %s!%s is stored as %r" % (text, c.parent.title, c.coordinate,
                                                           c.data_type))


def cmd_recalc(args):
    tol = opt(args, "--tol", 0.1, float)
    orig_f, orig_v, new_v = load(args[0], False), load(args[0]), load(args[1])
    checked = 0
    for wsf in orig_f.worksheets:
        wsv, wsn = orig_v[wsf.title], new_v[wsf.title]
        for row in wsf.iter_rows():
            for c in row:
                if not (isinstance(c.value, str) and c.value.startswith("=")):
                    continue
                want, got = wsv[c.coordinate].value, wsn[c.coordinate].value
                checked += 1
                if number(want):
                    if not near(got, want, tol):
                        fail("%s!%s: recalculated %r, written %r" % (wsf.title, c.coordinate, got, want))
                elif (want or "") != (got or ""):
                    fail("%s!%s: recalculated %r, written %r" % (wsf.title, c.coordinate, got, want))
    if checked == 0:
        fail("no formulas to compare")
    print("%d formulas compared" % checked)


def cmd_sheets(args):
    got = load(args[0]).sheetnames
    if got != args[1:]:
        fail("sheets %r, want %r" % (got, args[1:]))


COMMANDS = {
    "read": cmd_read, "stats": cmd_stats, "agreement": cmd_agreement, "hotspots": cmd_hotspots,
    "roles": cmd_roles, "roles-rule": cmd_roles_rule, "no-role-link": cmd_no_role_link,
    "no-roles-beside": cmd_no_roles_beside,
    "absent": cmd_absent, "labels": cmd_labels, "followup": cmd_followup, "norms": cmd_norms,
    "followup-live": cmd_followup_live, "followup-same": cmd_followup_same,
    "rtl": cmd_rtl, "strings": cmd_strings, "recalc": cmd_recalc, "sheets": cmd_sheets,
}


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    COMMANDS[sys.argv[1]](sys.argv[2:])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
