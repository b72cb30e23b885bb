#!/usr/bin/python3
"""Reference scorer: an independent implementation of the scoring method.

It reads a questionnaire and an answers file exactly as the format docs
describe them (docs/questionnaire-format.md, docs/answers-format.md) and
computes construct scores, the archetype classification, the roadmap
stages and the recommendations (docs/scoring.md). It shares no code with
the C tool; the end-to-end tests compare the tool's JSON with this
program's output.

Arithmetic is exact (fractions.Fraction); numbers are rounded to two
decimals only when printed.

    score.py ANSWERS [-q QUESTIONNAIRE] [--stages] [--warn-boundaries]

Without -q the questionnaire is looked up by the id in the answers'
[meta] as questionnaires/ID.ini (beside the repository root, then in the
current folder).

SPDX-License-Identifier: MIT
"""

import argparse
import json
import os
import re
import sys
from fractions import Fraction

MAX_LINE = 198
META_KEYS = ["organisation", "respondent", "role", "date", "language", "assessor"]
PRIORITIES = ["high", "medium", "low"]
HORIZONS = ["quick_win", "90_days", "12_months"]
OPS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


class FormatError(Exception):
    pass


# ---------------------------------------------------------------- INI --

def read_ini(path):
    """Returns a list of sections (header, line, {key: value}, [keys in order]).

    Lexical rules: `[header]` opens a section; `key = value`; lines whose
    first non-blank character is `;` or `#` are comments (blank lines are
    ignored too); `;` preceded by white space ends a value; a line that
    starts with white space continues the previous key, joined with one
    space. Lines longer than 198 bytes are an error.
    """
    with open(path, "rb") as f:
        data = f.read()
    if b"\0" in data:
        raise FormatError("%s: NUL byte" % path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise FormatError("%s: invalid UTF-8 (%s)" % (path, e))
    if text.startswith("\ufeff"):
        text = text[1:]
    sections = []
    cur = None
    prev_key = None
    for lineno, raw in enumerate(text.split("\n"), 1):
        if raw.endswith("\r"):
            raw = raw[:-1]
        if len(raw.encode("utf-8")) > MAX_LINE:
            raise FormatError("%s:%d: line longer than %d bytes" % (path, lineno, MAX_LINE))
        stripped = raw.strip()
        if stripped == "" or stripped[0] in ";#":
            continue
        if raw[0] in " \t" and prev_key is not None:
            extra = strip_inline_comment(stripped)
            if extra:
                old = cur[2][prev_key]
                cur[2][prev_key] = (old + " " + extra) if old else extra
            continue
        if stripped.startswith("["):
            end = stripped.find("]")
            if end < 0:
                raise FormatError("%s:%d: unterminated section header" % (path, lineno))
            header = stripped[1:end].strip()
            cur = (header, lineno, {}, [])
            sections.append(cur)
            prev_key = None
            continue
        eq = stripped.find("=")
        if eq < 0:
            raise FormatError("%s:%d: expected key = value" % (path, lineno))
        if cur is None:
            raise FormatError("%s:%d: key outside a section" % (path, lineno))
        key = stripped[:eq].strip()
        value = strip_inline_comment(stripped[eq + 1:].strip())
        if key in cur[2]:
            raise FormatError("%s:%d: duplicate key %s" % (path, lineno, key))
        cur[2][key] = value
        cur[3].append((key, lineno))
        prev_key = key
    return sections


def strip_inline_comment(s):
    for i, ch in enumerate(s):
        if ch == ";" and i > 0 and s[i - 1] in " \t":
            return s[:i].rstrip()
    return s.strip()


def unescape(s):
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            if nxt in ";#\\":
                out.append(nxt)
                i += 2
                continue
            if nxt == "n":
                out.append("\n")
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def num(s, what):
    s = s.strip()
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", s):
        raise FormatError("not a number in %s: %r" % (what, s))
    return Fraction(s)


# -------------------------------------------------------- questionnaire --

def parse_loads(value, where):
    loads = []
    for part in value.split(","):
        words = part.split()
        if not words:
            continue
        cid = words[0]
        weight = Fraction(1)
        reverse = False
        for w in words[1:]:
            if w == "reverse":
                reverse = True
            else:
                weight = num(w, where)
        if not (0 < weight <= 10):
            raise FormatError("%s: weight out of range" % where)
        loads.append({"construct": cid, "weight": weight, "reverse": reverse})
    return loads


def parse_pairs(value, where):
    """`construct score, ...` (option scores) or `from:score, ...` (bands)."""
    out = []
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        if ":" in part:
            a, b = part.split(":", 1)
        else:
            a, b = part.split(None, 1)
        out.append((a.strip(), num(b, where)))
    return out


def load_questionnaire(path):
    sections = read_ini(path)
    q = {
        "path": path, "id": None, "version": None, "languages": [],
        "hybrid_margin": Fraction(5), "min_coverage": Fraction(50),
        "scales": {}, "items": [], "item_by_id": {}, "bands": {},
        "constructs": [], "construct_by_id": {}, "stages": [], "rules": [],
    }
    for header, line, kv, _ in sections:
        words = header.split()
        kind = words[0] if words else ""
        sid = words[1] if len(words) > 1 else None
        where = "%s:%d [%s]" % (path, line, header)
        if kind == "questionnaire":
            q["id"] = kv.get("id")
            q["version"] = kv.get("version")
            q["languages"] = kv.get("languages", "").split()
        elif kind == "classification":
            if "hybrid_margin" in kv:
                q["hybrid_margin"] = num(kv["hybrid_margin"], where)
            if "min_coverage" in kv:
                q["min_coverage"] = num(kv["min_coverage"], where)
        elif kind == "scale":
            q["scales"][sid] = {
                "points": int(kv["points"]),
                "dont_know": kv.get("dont_know", "no") == "yes",
            }
        elif kind == "bands":
            names = kv["names"].split()
            froms = [num(x, where) for x in kv["from"].split()]
            if len(names) != len(froms):
                raise FormatError("%s: names and from differ in length" % where)
            q["bands"][sid] = list(zip(names, froms))
        elif kind == "construct":
            c = {"id": sid, "kind": kv.get("kind"), "bands": kv.get("bands"),
                 "index": len(q["constructs"])}
            q["constructs"].append(c)
            q["construct_by_id"][sid] = c
        elif kind == "item":
            q["items"].append(parse_item(sid, kv, where))
        elif kind == "stage":
            q["stages"].append({
                "id": sid,
                "items": kv.get("items", "").split(),
                "threshold": num(kv["threshold"], where),
            })
        elif kind == "rule":
            q["rules"].append({
                "id": sid,
                "when": kv["when"],
                "priority": kv["priority"],
                "horizon": kv["horizon"],
            })
    for it in q["items"]:
        if it["id"] in q["item_by_id"]:
            raise FormatError("%s: duplicate item %s" % (path, it["id"]))
        q["item_by_id"][it["id"]] = it
        if it["type"] == "likert":
            sc = q["scales"].get(it["scale"])
            if sc is None:
                raise FormatError("item %s: unknown scale %s" % (it["id"], it["scale"]))
            it["points"] = sc["points"]
            it["dont_know"] = sc["dont_know"]
        for ld in it["loads"]:
            if ld["construct"] not in q["construct_by_id"]:
                raise FormatError("item %s: unknown construct %s" % (it["id"], ld["construct"]))
    for st in q["stages"]:
        for iid in st["items"]:
            if iid not in q["item_by_id"]:
                raise FormatError("stage %s: unknown item %s" % (st["id"], iid))
    for rule in q["rules"]:
        rule["clauses"] = parse_when(q, rule)
    return q


def parse_item(iid, kv, where):
    it = {"id": iid, "type": kv.get("type"), "scale": kv.get("scale"),
          "dont_know": kv.get("dont_know", "yes") == "yes",
          "loads": parse_loads(kv.get("loads", ""), where),
          "options": [], "bands": []}
    if it["type"] in ("choice", "multi"):
        n = 0
        for key in kv:
            m = re.fullmatch(r"option\.(\d+)\.[A-Za-z_-]+", key)
            if m:
                n = max(n, int(m.group(1)))
        for i in range(1, n + 1):
            pairs = parse_pairs(kv.get("option.%d.scores" % i, ""), where)
            it["options"].append(dict(pairs))
    if it["type"] == "number":
        it["min"] = num(kv["min"], where)
        it["max"] = num(kv["max"], where)
        it["bands"] = sorted((num(a, where), b) for a, b in parse_pairs(kv["bands"], where))
    return it


CLAUSE_RE = re.compile(r"^\s*([a-z0-9_-]+)\s*(<=|>=|!=|<|>|=)\s*(\S+)\s*$")


def parse_when(q, rule):
    clauses = []
    stage_ids = [s["id"] for s in q["stages"]]

    def stage_index(name):
        if name == "none":
            return -1
        if name not in stage_ids:
            raise FormatError("rule %s: unknown stage %s" % (rule["id"], name))
        return stage_ids.index(name)

    for text in re.split(r"\s+and\s+", rule["when"].strip()):
        m = re.fullmatch(r"\s*([a-z0-9_-]+)\s+is\s+(.+?)\s*", text)
        if m:
            lhs, rhs = m.group(1), re.sub(r"\s*\|\s*", "|", m.group(2))
            if lhs == "next_stage":
                clauses.append(("next_stage", stage_index(rhs)))
            elif lhs == "dominant":
                if rhs == "hybrid":
                    clauses.append(("hybrid",))
                else:
                    if rhs not in q["construct_by_id"]:
                        raise FormatError("rule %s: unknown archetype %s" % (rule["id"], rhs))
                    clauses.append(("dominant", rhs))
            else:
                c = q["construct_by_id"].get(lhs)
                if c is None:
                    raise FormatError("rule %s: unknown construct %s" % (rule["id"], lhs))
                names = [b for b, _ in q["bands"][c["bands"]]]
                wanted = rhs.split("|")
                for b in wanted:
                    if b not in names:
                        raise FormatError("rule %s: unknown band %s" % (rule["id"], b))
                clauses.append(("band", lhs, wanted))
            continue
        m = CLAUSE_RE.match(text)
        if not m:
            raise FormatError("rule %s: cannot read clause %r" % (rule["id"], text))
        lhs, op, rhs = m.groups()
        if lhs == "stage":
            clauses.append(("stage", op, stage_index(rhs)))
        else:
            if lhs not in q["construct_by_id"]:
                raise FormatError("rule %s: unknown construct %s" % (rule["id"], lhs))
            clauses.append(("score", lhs, op, num(rhs, "rule " + rule["id"])))
    return clauses


# --------------------------------------------------------------- answers --

def load_answers(path, q=None):
    sections = read_ini(path)
    meta, answers, notes = {}, {}, {}
    for header, line, kv, keys in sections:
        if header == "meta":
            meta = {k: unescape(v) for k, v in kv.items()}
        elif header == "answers":
            answers = dict(kv)
            answers["__lines__"] = dict(keys)
        elif header == "notes":
            notes = {k: unescape(v) for k, v in kv.items()}
    return meta, answers, notes


def parse_answer(q, it, raw):
    """Returns ('dk',), ('value', payload) for a raw answer string."""
    raw = raw.strip()
    if raw in ("dk", "-"):
        if not it["dont_know"]:
            raise FormatError("item %s: don't know is not offered" % it["id"])
        return ("dk",)
    t = it["type"]
    if t == "likert":
        if not re.fullmatch(r"\d+", raw) or not 1 <= int(raw) <= it["points"]:
            raise FormatError("item %s: %r is not a point 1..%d" % (it["id"], raw, it["points"]))
        return ("value", int(raw))
    if t == "choice":
        if not re.fullmatch(r"\d+", raw) or not 1 <= int(raw) <= len(it["options"]):
            raise FormatError("item %s: %r is not an option" % (it["id"], raw))
        return ("value", int(raw))
    if t == "multi":
        if raw == "none":
            return ("value", [])
        chosen = []
        for part in raw.split(","):
            part = part.strip()
            if not re.fullmatch(r"\d+", part) or not 1 <= int(part) <= len(it["options"]):
                raise FormatError("item %s: %r is not an option" % (it["id"], part))
            if int(part) in chosen:
                raise FormatError("item %s: option %s twice" % (it["id"], part))
            chosen.append(int(part))
        return ("value", chosen)
    if t == "number":
        v = num(raw, "item " + it["id"])
        if not it["min"] <= v <= it["max"]:
            raise FormatError("item %s: %s out of range" % (it["id"], raw))
        return ("value", v)
    if t == "text":
        return ("value", unescape(raw))
    raise FormatError("item %s: unknown type %s" % (it["id"], t))


# --------------------------------------------------------------- scoring --

def raw_score(it, value, construct):
    """The item's unreversed 0..1 score on construct (choice/multi) or its scale."""
    t = it["type"]
    if t == "likert":
        return Fraction(value - 1, it["points"] - 1)
    if t == "number":
        score = None
        for frm, sc in it["bands"]:
            if frm <= value:
                score = sc
        if score is None:
            score = Fraction(0)
        return score / 100
    if t == "choice":
        return it["options"][value - 1].get(construct, Fraction(0)) / 100
    if t == "multi":
        total = sum((it["options"][o - 1].get(construct, Fraction(0)) for o in value), Fraction(0))
        return min(total, Fraction(100)) / 100
    raise ValueError(t)


def band_of(q, c, score):
    name = None
    for b, frm in q["bands"][c["bands"]]:
        if frm <= score:
            name = b
    return name


def score_all(q, meta, answers):
    if meta.get("questionnaire") != q["id"]:
        raise FormatError("answers are for questionnaire %r, not %r" % (meta.get("questionnaire"), q["id"]))
    if meta.get("version") != q["version"]:
        raise FormatError("answers are for version %r, not %r" % (meta.get("version"), q["version"]))
    state = {}
    for iid, raw in answers.items():
        if iid == "__lines__":
            continue
        if not raw.strip():
            continue   # an empty value is no answer (a blank template)
        it = q["item_by_id"].get(iid)
        if it is None:
            raise FormatError("unknown item %s" % iid)
        state[iid] = parse_answer(q, it, raw)

    counts = {"items": len(q["items"]), "answered": 0, "dont_know": 0, "unanswered": 0}
    for it in q["items"]:
        s = state.get(it["id"])
        if s is None:
            counts["unanswered"] += 1
        elif s[0] == "dk":
            counts["dont_know"] += 1
        else:
            counts["answered"] += 1

    # constructs
    cres = {}
    for c in q["constructs"]:
        num_, den, total = Fraction(0), Fraction(0), Fraction(0)
        for it in q["items"]:
            for ld in it["loads"]:
                if ld["construct"] != c["id"]:
                    continue
                total += ld["weight"]
                s = state.get(it["id"])
                if s is None or s[0] != "value":
                    continue
                v = raw_score(it, s[1], c["id"])
                if ld["reverse"]:
                    v = 1 - v
                num_ += ld["weight"] * v
                den += ld["weight"]
        score = 100 * num_ / den if den else Fraction(0)
        coverage = 100 * den / total if total else Fraction(0)
        sufficient = coverage >= q["min_coverage"]
        cres[c["id"]] = {
            "score": score, "coverage": coverage, "sufficient": sufficient,
            "band": band_of(q, c, score) if sufficient else None,
        }

    # classification
    arch = [c["id"] for c in q["constructs"]
            if c["kind"] == "archetype" and cres[c["id"]]["sufficient"]]
    ranked = sorted(arch, key=lambda cid: -cres[cid]["score"])  # stable: file order on ties
    dominant = ranked[0] if ranked else None
    runner_up = ranked[1] if len(ranked) > 1 else None
    margin = None
    hybrid = False
    if runner_up is not None:
        margin = cres[dominant]["score"] - cres[runner_up]["score"]
        hybrid = margin < q["hybrid_margin"]

    # stages
    sres = []
    all_reached = True
    reached = -1
    for i, st in enumerate(q["stages"]):
        scores = []
        for iid in st["items"]:
            s = indicator(q, q["item_by_id"][iid], state.get(iid))
            if s is not None:
                scores.append(s)
        n = len(st["items"])
        score = 100 * sum(scores, Fraction(0)) / len(scores) if scores else Fraction(0)
        coverage = Fraction(100 * len(scores), n) if n else Fraction(0)
        sufficient = coverage >= q["min_coverage"]
        met = sufficient and score >= st["threshold"]
        is_reached = met and all_reached
        all_reached = is_reached
        if is_reached:
            reached = i
        sres.append({"id": st["id"], "score": score, "coverage": coverage,
                     "sufficient": sufficient, "met": met, "reached": is_reached})
    nxt = reached + 1 if reached + 1 < len(q["stages"]) else -1
    missing = []
    if nxt >= 0:
        st = q["stages"][nxt]
        for iid in st["items"]:
            s = indicator(q, q["item_by_id"][iid], state.get(iid))
            if s is None or 100 * s < st["threshold"]:
                missing.append(iid)

    result = {
        "constructs": cres, "dominant": dominant, "runner_up": runner_up,
        "hybrid": hybrid, "margin": margin, "stages": sres,
        "reached_index": reached, "next_index": nxt,
        "reached": q["stages"][reached]["id"] if reached >= 0 else None,
        "next": q["stages"][nxt]["id"] if nxt >= 0 else None,
        "missing": missing, "counts": counts,
    }
    result["recommendations"] = recommend(q, result)
    return result


def indicator(q, it, s):
    """0..1 indicator score (unreversed), or None when not answered with a value."""
    if s is None or s[0] != "value":
        return None
    t = it["type"]
    if t in ("likert", "number"):
        return raw_score(it, s[1], None)
    if t in ("choice", "multi"):
        if not it["loads"]:
            return None
        return raw_score(it, s[1], it["loads"][0]["construct"])
    return None


def clause_holds(q, r, cl):
    kind = cl[0]
    if kind == "score":
        c = r["constructs"][cl[1]]
        return c["sufficient"] and OPS[cl[2]](c["score"], cl[3])
    if kind == "band":
        c = r["constructs"][cl[1]]
        return c["sufficient"] and c["band"] in cl[2]
    if kind == "stage":
        return OPS[cl[1]](r["reached_index"], cl[2])
    if kind == "next_stage":
        return r["next_index"] == cl[1]
    if kind == "dominant":
        if r["dominant"] == cl[1]:
            return True
        return r["hybrid"] and r["runner_up"] == cl[1]
    if kind == "hybrid":
        return r["hybrid"]
    raise ValueError(kind)


def recommend(q, r):
    fired = []
    for pos, rule in enumerate(q["rules"]):
        if all(clause_holds(q, r, cl) for cl in rule["clauses"]):
            fired.append((PRIORITIES.index(rule["priority"]),
                          HORIZONS.index(rule["horizon"]), pos, rule["id"]))
    fired.sort()
    return [f[3] for f in fired]


# ---------------------------------------------------------------- output --

def r2(x):
    return None if x is None else round(float(x), 2)


def to_json(q, r, with_stages):
    out = {
        "constructs": {
            cid: {"score": r2(c["score"]), "coverage": r2(c["coverage"]),
                  "sufficient": c["sufficient"], "band": c["band"]}
            for cid, c in r["constructs"].items()
        },
        "dominant": r["dominant"],
        "runner_up": r["runner_up"],
        "hybrid": r["hybrid"],
        "margin": r2(r["margin"]),
        "reached": r["reached"],
        "next": r["next"],
        "missing": r["missing"],
        "recommendations": r["recommendations"],
        "counts": {k: r["counts"][k] for k in ("answered", "dont_know", "unanswered")},
    }
    if "meta" in r:
        out["meta"] = r["meta"]
    if with_stages:
        out["stages"] = [
            {"id": s["id"], "score": r2(s["score"]), "coverage": r2(s["coverage"]),
             "sufficient": s["sufficient"], "met": s["met"], "reached": s["reached"]}
            for s in r["stages"]
        ]
    return out


def boundary_warnings(q, r):
    """Values that sit within 0.005 of a band edge, threshold or margin: fragile in floating point."""
    eps = Fraction(1, 200)
    warn = []
    for c in q["constructs"]:
        cr = r["constructs"][c["id"]]
        for b, frm in q["bands"][c["bands"]][1:]:
            if abs(cr["score"] - frm) < eps:
                warn.append("construct %s score %s is at band edge %s (%s)"
                            % (c["id"], float(cr["score"]), float(frm), b))
        if abs(cr["coverage"] - q["min_coverage"]) < eps:
            warn.append("construct %s coverage %s is at min_coverage" % (c["id"], float(cr["coverage"])))
    for st, sr in zip(q["stages"], r["stages"]):
        if abs(sr["score"] - st["threshold"]) < eps:
            warn.append("stage %s score %s is at its threshold" % (st["id"], float(sr["score"])))
    if r["margin"] is not None and abs(r["margin"] - q["hybrid_margin"]) < eps:
        warn.append("archetype margin %s is at hybrid_margin" % float(r["margin"]))
    arch = [c["id"] for c in q["constructs"]
            if c["kind"] == "archetype" and r["constructs"][c["id"]]["sufficient"]]
    ranked = sorted(arch, key=lambda cid: -r["constructs"][cid]["score"])
    for a, b in zip(ranked[:2], ranked[1:3]):
        if r["constructs"][a]["score"] == r["constructs"][b]["score"]:
            warn.append("archetypes %s and %s tie" % (a, b))
    return warn


def find_questionnaire(qid):
    here = os.path.dirname(os.path.abspath(__file__))
    for base in (os.path.join(here, "..", ".."), os.getcwd()):
        p = os.path.join(base, "questionnaires", qid + ".ini")
        if os.path.exists(p):
            return p
    raise FormatError("questionnaire %s not found" % qid)


def main(argv):
    ap = argparse.ArgumentParser(description="Reference scorer for maturity answers files.")
    ap.add_argument("answers")
    ap.add_argument("-q", "--questionnaire")
    ap.add_argument("--stages", action="store_true", help="also print every stage's score")
    ap.add_argument("--warn-boundaries", action="store_true",
                    help="warn on stderr about values at a band edge, threshold or margin")
    args = ap.parse_args(argv)
    try:
        meta, answers, _ = load_answers(args.answers)
        qpath = args.questionnaire or find_questionnaire(meta.get("questionnaire", ""))
        q = load_questionnaire(qpath)
        r = score_all(q, meta, answers)
        r["meta"] = {k: meta[k] for k in META_KEYS if k in meta}
    except (FormatError, OSError, KeyError, ValueError) as e:
        print("score.py: %s: %s" % (args.answers, e), file=sys.stderr)
        return 1
    if args.warn_boundaries:
        for w in boundary_warnings(q, r):
            print("score.py: %s: warning: %s" % (args.answers, w), file=sys.stderr)
    json.dump(to_json(q, r, args.stages), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
