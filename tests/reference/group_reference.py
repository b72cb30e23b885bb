#!/usr/bin/python3
"""Reference numbers for the group statistics (tests/unit/test_group.c).

Writes the answers files tests/data/group/r01.ini .. r12.ini (answers to
tests/data/group-model.ini) and prints, for them, every number the unit
test checks: per-construct descriptive statistics, agreement (r_wg and
r_wg(J)), Cronbach's alpha, item spreads and the hotspot order, the role
breakdown and the group result with its recommendations.

Individual scores come from score.py, the independent reference scorer;
the statistics are computed here with the standard library's statistics
module, following docs/group-statistics.md, and share no code with the C
tool. Run from the repository root:

    /usr/bin/python3 tests/reference/group_reference.py

SPDX-License-Identifier: MIT
"""

import os
import statistics
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

QUESTIONNAIRE = "tests/data/group-model.ini"
OUT_DIR = "tests/data/group"

# Twelve respondents: role, then answers a1 a2 a3 b1 b2 ch x1 x2 x3 n1
# ("dk" = don't know, None = not answered). Chosen by hand so that the
# group is split on some items (x1, ch), agrees on others (a2), has
# roles spelt differently (Marketing / marketing / MARKETING), one
# respondent without a role, one whose arch_a is insufficient, and "don't
# know" answers that leave some respondents out of alpha.
RESPONDENTS = [
    ("Marketing",   "4 4 5 2 2 2 1 2 4 30"),
    ("marketing ",  "5 4 4 1 2 3 5 1 5 40"),
    ("Sales",       "2 4 3 4 5 1 1 2 2 60"),
    ("SALES",       "3 4 2 5 4 1 5 3 1 75"),
    ("Management",  "4 4 4 3 3 2 5 4 3 dk"),
    ("",            "5 5 4 2 1 3 1 2 5 20"),
    ("MARKETING",   "4 4 5 3 2 2 5 1 4 35"),
    ("Sales",       "dk dk 3 4 4 1 1 2 2 50"),
    ("Management",  "3 4 3 3 dk 2 5 dk 3 45"),
    ("Marketing",   "4 3 4 2 2 2 1 2 5 25"),
    (" sales",      "2 4 2 5 5 1 5 dk 1 80"),
    ("Management",  "4 4 4 3 3 2 1 2 3 50"),
]
ITEMS = ["a1", "a2", "a3", "b1", "b2", "ch", "x1", "x2", "x3", "n1"]


def write_answers():
    os.makedirs(OUT_DIR, exist_ok=True)
    for i, (role, answers) in enumerate(RESPONDENTS, 1):
        lines = [
            "; Written by tests/reference/group_reference.py: do not edit.",
            "[meta]",
            "questionnaire = group-model",
            "version = 1.0",
            "organisation = Fixture Ltd",
            "respondent = Person %d" % i,
        ]
        if role.strip():
            lines.append("role = %s" % role.strip())
        lines += ["date = 2026-0%d-1%d" % (1 + i % 3, i % 10),
                  "language = %s" % ("he" if i % 4 == 0 else "en"), "", "[answers]"]
        for item, value in zip(ITEMS, answers.split()):
            lines.append("%s = %s" % (item, value))
        path = os.path.join(OUT_DIR, "r%02d.ini" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


def f(x):
    return "%.9f" % float(x)


def item_scores(q, it, state, cid):
    """The item's 0..1 score on construct cid (reversed), or None."""
    s = state.get(it["id"])
    if s is None or s[0] != "value":
        return None
    for ld in it["loads"]:
        if ld["construct"] == cid:
            v = score.raw_score(it, s[1], cid)
            return 1 - v if ld["reverse"] else v
    return None


def describe(values):
    values = sorted(values)
    out = {"n": len(values)}
    if not values:
        return out
    out["mean"] = statistics.fmean(values)
    out["sd"] = statistics.stdev(values) if len(values) > 1 else 0.0
    out["median"] = statistics.median(values)
    if len(values) > 1:
        qs = statistics.quantiles(values, n=4, method="inclusive")
        out["q1"], out["q3"] = qs[0], qs[2]
    else:
        out["q1"] = out["q3"] = values[0]
    out["min"], out["max"] = values[0], values[-1]
    return out


def print_stat(name, st, insufficient):
    print("  %s: n=%d insufficient=%d" % (name, st["n"], insufficient))
    if st["n"]:
        print("    mean %s sd %s median %s q1 %s q3 %s min %s max %s" % (
            f(st["mean"]), f(st["sd"]), f(st["median"]), f(st["q1"]), f(st["q3"]),
            f(st["min"]), f(st["max"])))


def agreement(q, states, c):
    ratios = []
    for it in q["items"]:
        if it["type"] not in ("likert", "choice"):
            continue
        if not any(ld["construct"] == c["id"] for ld in it["loads"]):
            continue
        answered = [st[it["id"]][1] for st in states
                    if st.get(it["id"]) and st[it["id"]][0] == "value"]
        if len(answered) < 2:
            continue
        points = it["points"] if it["type"] == "likert" else len(it["options"])
        def sc(v):
            return float(item_scores(q, it, {it["id"]: ("value", v)}, c["id"]))
        null = statistics.pvariance([sc(v) for v in range(1, points + 1)])
        if null <= 1e-12:
            continue
        ratios.append(statistics.variance([sc(v) for v in answered]) / null)
    if not ratios:
        return None
    m = statistics.fmean(ratios)
    j = len(ratios)
    rwg = min(1.0, max(0.0, 1 - m))
    rwgj = 0.0 if m >= 1 else j * (1 - m) / (j * (1 - m) + m)
    return rwg, rwgj, j


def alpha(q, states, c):
    items = [it for it in q["items"] if it["type"] != "text"
             and any(ld["construct"] == c["id"] for ld in it["loads"])]
    cases = []
    for st in states:
        row = [item_scores(q, it, st, c["id"]) for it in items]
        if all(v is not None for v in row):
            cases.append([float(v) for v in row])
    k = len(items)
    if k < 2 or len(cases) < 10:
        return None, len(cases), k
    parts = sum(statistics.variance([row[j] for row in cases]) for j in range(k))
    total = statistics.variance([sum(row) for row in cases])
    return k / (k - 1) * (1 - parts / total), len(cases), k


def item_spread(q, it, states):
    answered = [st[it["id"]][1] for st in states
                if st.get(it["id"]) and st[it["id"]][0] == "value"]
    dk = sum(1 for st in states if st.get(it["id"]) and st[it["id"]][0] == "dk")
    out = {"n": len(answered), "dk": dk}
    if it["type"] == "likert":
        a = it["points"]
        out["counts"] = [answered.count(p) for p in range(1, a + 1)]
        if len(answered) > 1:
            out["mean"] = statistics.fmean(answered)
            out["sd"] = statistics.stdev(answered)
            out["median"] = statistics.median(answered)
            out["dispersion"] = statistics.variance(answered) / ((a * a - 1) / 12)
    elif it["type"] == "choice":
        k = len(it["options"])
        out["counts"] = [answered.count(o) for o in range(1, k + 1)]
        if len(answered) > 1:
            n = len(answered)
            out["dispersion"] = k / (k - 1) * (1 - sum((x / n) ** 2 for x in out["counts"]))
    elif it["type"] == "number":
        vals = [float(v) for v in answered]
        if vals:
            out["mean"] = statistics.fmean(vals)
            out["sd"] = statistics.stdev(vals) if len(vals) > 1 else 0.0
            out["median"] = statistics.median(vals)
    return out


def group_result(q, results, members):
    cres = {}
    for c in q["constructs"]:
        rs = [results[i]["constructs"][c["id"]] for i in members]
        suff = [r["score"] for r in rs if r["sufficient"]]
        cov = sum(r["coverage"] for r in rs) / len(rs)
        sc = sum(suff, Fraction(0)) / len(suff) if suff else Fraction(0)
        ok = bool(suff) and cov >= q["min_coverage"]
        cres[c["id"]] = {"score": sc, "coverage": cov, "sufficient": ok,
                         "band": score.band_of(q, c, sc) if ok else None}
    arch = [c["id"] for c in q["constructs"]
            if c["kind"] == "archetype" and cres[c["id"]]["sufficient"]]
    ranked = sorted(arch, key=lambda cid: -cres[cid]["score"])
    dominant = ranked[0] if ranked else None
    runner = ranked[1] if len(ranked) > 1 else None
    hybrid = runner is not None and cres[dominant]["score"] - cres[runner]["score"] < q["hybrid_margin"]
    reached, all_reached = -1, True
    stages = []
    for s, st in enumerate(q["stages"]):
        rs = [results[i]["stages"][s] for i in members]
        suff = [r["score"] for r in rs if r["sufficient"]]
        cov = sum(r["coverage"] for r in rs) / len(rs)
        sc = sum(suff, Fraction(0)) / len(suff) if suff else Fraction(0)
        met = bool(suff) and cov >= q["min_coverage"] and sc >= st["threshold"]
        all_reached = all_reached and met
        if all_reached:
            reached = s
        stages.append((sc, cov, met))
    nxt = reached + 1 if reached + 1 < len(q["stages"]) else -1
    r = {"constructs": cres, "dominant": dominant, "runner_up": runner, "hybrid": hybrid,
         "reached_index": reached, "next_index": nxt, "stages": stages}
    r["recommendations"] = score.recommend(q, r)
    return r


def print_result(name, q, r):
    print("  %s:" % name)
    for c in q["constructs"]:
        cr = r["constructs"][c["id"]]
        print("    %s score %s coverage %s sufficient %s band %s" % (
            c["id"], f(cr["score"]), f(cr["coverage"]), cr["sufficient"], cr["band"]))
    for (sc, cov, met), st in zip(r["stages"], q["stages"]):
        print("    stage %s score %s coverage %s met %s" % (st["id"], f(sc), f(cov), met))
    print("    dominant %s runner_up %s hybrid %s reached %d next %d" % (
        r["dominant"], r["runner_up"], r["hybrid"], r["reached_index"], r["next_index"]))
    print("    recommendations %s" % " ".join(r["recommendations"]))


def main():
    write_answers()
    q = score.load_questionnaire(QUESTIONNAIRE)
    states, results, roles = [], [], []
    for i in range(1, len(RESPONDENTS) + 1):
        meta, answers, _ = score.load_answers(os.path.join(OUT_DIR, "r%02d.ini" % i))
        state = {k: score.parse_answer(q, q["item_by_id"][k], v)
                 for k, v in answers.items() if k != "__lines__"}
        states.append(state)
        results.append(score.score_all(q, meta, answers))
        roles.append(meta.get("role", "").strip())

    print("constructs:")
    for c in q["constructs"]:
        rs = [r["constructs"][c["id"]] for r in results]
        vals = [float(r["score"]) for r in rs if r["sufficient"]]
        print_stat(c["id"], describe(vals), len(rs) - len(vals))
        ag = agreement(q, states, c)
        if ag:
            print("    agreement %s rwg_j %s items %d" % (f(ag[0]), f(ag[1]), ag[2]))
        a, n, k = alpha(q, states, c)
        print("    alpha %s complete %d items %d" % (f(a) if a is not None else "n/a", n, k))

    print("items:")
    spreads = {}
    for it in q["items"]:
        sp = item_spread(q, it, states)
        spreads[it["id"]] = sp
        extra = " ".join("%s %s" % (k, f(sp[k])) for k in ("mean", "sd", "median", "dispersion")
                         if k in sp)
        print("  %s n=%d dk=%d counts=%s %s" % (it["id"], sp["n"], sp["dk"],
                                                sp.get("counts"), extra))
    order = sorted((it for it in q["items"] if spreads[it["id"]].get("dispersion", 0) > 0),
                   key=lambda it: (-spreads[it["id"]]["dispersion"], -spreads[it["id"]]["n"],
                                   q["items"].index(it)))
    print("hotspots: %s" % " ".join(it["id"] for it in order))

    print("roles (first appearance, case-insensitive, trimmed; no role last):")
    seen = []
    for r in roles:
        if r and r.lower() not in [s.lower() for s in seen]:
            seen.append(r)
    groups = [(name, [i for i, r in enumerate(roles) if r.lower() == name.lower()]) for name in seen]
    if any(not r for r in roles):
        groups.append((None, [i for i, r in enumerate(roles) if not r]))
    for name, members in groups:
        print("  %r n=%d" % (name, len(members)))
        for c in q["constructs"]:
            vals = [float(results[i]["constructs"][c["id"]]["score"]) for i in members
                    if results[i]["constructs"][c["id"]]["sufficient"]]
            st = describe(vals)
            print("    %s n=%d mean %s" % (c["id"], st["n"], f(st.get("mean", 0))))
        print_result("result of %r" % name, q, group_result(q, results, members))

    print("group:")
    print_result("group result", q, group_result(q, results, list(range(len(results)))))
    print("individual dominants: %s" % " ".join(str(r["dominant"]) for r in results))


if __name__ == "__main__":
    main()
