#!/usr/bin/env bash
# test_samples.sh - scores every sample and reference fixture with the tool
# and compares the result with the expected results of the reference scorer.
#
#   tests/e2e/test_samples.sh            (from the repository root)
#   MATURITY=build-san/maturity tests/e2e/test_samples.sh
#
# The expected files in tests/expected/ are written by the independent
# reference scorer (tests/reference/score.py), or by hand for the ref-*
# fixtures (worked out in tests/reference/README.md); never by the tool.
# Prints one line per check, "ok - ..." or "not ok - ...: <diff>", then
# "N passed, M failed"; exits 1 when any check failed.
#
# SPDX-License-Identifier: MIT

set -u
caller=$PWD
cd "$(dirname "$0")/../.." || exit 2

# A relative MATURITY given by the caller is relative to the caller's folder.
if [ -n "${MATURITY:-}" ] && [ "${MATURITY#/}" = "$MATURITY" ] && [ -e "$caller/$MATURITY" ]; then
    MATURITY=$caller/$MATURITY
fi
MATURITY=${MATURITY:-build/maturity}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
REF=tests/reference/score.py
TMP=$(mktemp -d "${TMPDIR:-/tmp}/maturity-samples.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0

# Reads "ok - ..." / "not ok - ..." lines on stdin, echoes and counts them.
tally() {
    local line
    while IFS= read -r line; do
        printf '%s\n' "$line"
        case $line in
            "ok - "*) passed=$((passed + 1)) ;;
            "not ok - "*) failed=$((failed + 1)) ;;
        esac
    done
}

ok() { tally <<<"ok - $*"; }
not_ok() { tally <<<"not ok - $*"; }

# The questionnaire a case is scored against ("" = found by the tool from [meta]).
questionnaire_of() {
    case $1 in
        ref-example*) echo tests/data/ref-example.ini ;;
        ref-model*) echo tests/data/ref-model.ini ;;
        *) echo "" ;;
    esac
}

answers_of() {
    case $1 in
        ref-*) echo "tests/data/$1.ini" ;;
        *) echo "samples/$1.ini" ;;
    esac
}

# Compares the tool's JSON ($1) with the expected reference JSON ($2) for
# case $3 and prints one line per check.
compare() {
    "$PY" - "$1" "$2" "$3" <<'PYEOF'
import json, sys

got_path, exp_path, name = sys.argv[1:4]
with open(exp_path, encoding="utf-8") as f:
    exp = json.load(f)
try:
    with open(got_path, encoding="utf-8") as f:
        got = json.load(f)
except ValueError as e:
    print("not ok - %s: output is not JSON (%s)" % (name, e))
    sys.exit(0)

TOL = 0.01 + 1e-9


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= TOL


def report(what, diffs):
    if diffs:
        shown = "; ".join(diffs[:8])
        if len(diffs) > 8:
            shown += "; ... (%d differences)" % len(diffs)
        print("not ok - %s: %s: %s" % (name, what, shown))
    else:
        print("ok - %s: %s" % (name, what))


cons = {}
for c in got.get("constructs") or []:
    if isinstance(c, dict) and "id" in c:
        cons[c["id"]] = c
ecs = exp["constructs"]

# The reference writes 0 for a score that rests on no answer (coverage 0);
# the tool writes null there (docs/json.md). Every other score is compared
# as it is, and a null where the reference has coverage is a difference.
def expected_score(e):
    return None if float(e["coverage"]) == 0 else e["score"]


diffs = []
for cid, e in ecs.items():
    g = cons.get(cid)
    if g is None:
        diffs.append("%s missing" % cid)
    elif "score" not in g:
        diffs.append("%s has no score field" % cid)
    elif not close(g.get("score"), expected_score(e)):
        diffs.append("%s score %s, expected %s" % (cid, json.dumps(g.get("score")),
                                                   json.dumps(expected_score(e))))
for cid in cons:
    if cid not in ecs:
        diffs.append("unexpected construct %s" % cid)
if [c for c in cons] != [c for c in ecs if c in cons]:
    diffs.append("constructs not in questionnaire order")
report("scores match", diffs)

diffs = []
for cid, e in ecs.items():
    g = cons.get(cid)
    if g is None:
        continue
    if not close(g.get("coverage"), e["coverage"]):
        diffs.append("%s coverage %s, expected %s" % (cid, g.get("coverage"), e["coverage"]))
    if g.get("sufficient") is not e["sufficient"]:
        diffs.append("%s sufficient %s, expected %s" % (cid, g.get("sufficient"), e["sufficient"]))
    if g.get("band") != e["band"]:
        diffs.append("%s band %s, expected %s" % (cid, g.get("band"), e["band"]))
report("coverage, sufficient and bands match", diffs)

cl = got.get("classification") or {}
diffs = []
for key in ("dominant", "runner_up", "hybrid"):
    if cl.get(key) != exp[key]:
        diffs.append("%s %s, expected %s" % (key, json.dumps(cl.get(key)), json.dumps(exp[key])))
if exp.get("margin") is not None and cl.get("margin") is not None \
        and not close(cl.get("margin"), exp["margin"]):
    diffs.append("margin %s, expected %s" % (cl.get("margin"), exp["margin"]))
report("classification matches", diffs)

rm = got.get("roadmap") or {}
diffs = []
for key in ("reached", "next", "missing"):
    if rm.get(key) != exp[key]:
        diffs.append("%s %s, expected %s" % (key, json.dumps(rm.get(key)), json.dumps(exp[key])))
report("roadmap matches", diffs)

if "stages" in exp:
    gst = {s.get("id"): s for s in rm.get("stages") or [] if isinstance(s, dict)}
    diffs = []
    for e in exp["stages"]:
        g = gst.get(e["id"])
        if g is None:
            diffs.append("stage %s missing" % e["id"])
            continue
        if not close(g.get("score"), expected_score(e)):
            diffs.append("%s score %s, expected %s" % (e["id"], json.dumps(g.get("score")),
                                                       json.dumps(expected_score(e))))
        if not close(g.get("coverage"), e["coverage"]):
            diffs.append("%s coverage %s, expected %s" % (e["id"], g.get("coverage"), e["coverage"]))
        for key in ("sufficient", "met", "reached"):
            if g.get(key) is not e[key]:
                diffs.append("%s %s %s, expected %s" % (e["id"], key, g.get(key), e[key]))
    report("stage scores match", diffs)

rules = [r.get("rule") for r in got.get("recommendations") or [] if isinstance(r, dict)]
diffs = []
if rules != exp["recommendations"]:
    extra = [r for r in rules if r not in exp["recommendations"]]
    lost = [r for r in exp["recommendations"] if r not in rules]
    if extra:
        diffs.append("unexpected %s" % ", ".join(map(str, extra)))
    if lost:
        diffs.append("missing %s" % ", ".join(lost))
    if not extra and not lost:
        diffs.append("order %s, expected %s" % (" ".join(rules), " ".join(exp["recommendations"])))
report("recommendations match", diffs)

counts = got.get("counts") or {}
diffs = ["%s %s, expected %s" % (k, counts.get(k), v)
         for k, v in exp["counts"].items() if counts.get(k) != v]
report("counts match", diffs)

if "meta" in exp:
    meta = got.get("meta") or {}
    diffs = ["%s %s, expected %s" % (k, json.dumps(meta.get(k), ensure_ascii=False),
                                      json.dumps(v, ensure_ascii=False))
             for k, v in exp["meta"].items() if meta.get(k) != v]
    report("meta matches", diffs)
PYEOF
}

# Compares two reference outputs for equality (values within 0.01).
same_json() {
    "$PY" - "$1" "$2" <<'PYEOF'
import json, sys

def norm(x):
    if isinstance(x, dict):
        return {k: norm(v) for k, v in x.items()}
    if isinstance(x, list):
        return [norm(v) for v in x]
    if isinstance(x, float) or (isinstance(x, int) and not isinstance(x, bool)):
        return round(float(x), 2)
    return x

a = norm(json.load(open(sys.argv[1], encoding="utf-8")))
b = norm(json.load(open(sys.argv[2], encoding="utf-8")))
if a == b:
    sys.exit(0)
for k in sorted(set(a) | set(b)):
    if a.get(k) != b.get(k):
        print("%s differs" % k)
sys.exit(1)
PYEOF
}

cases=()
for f in tests/expected/*.json; do
    [ -e "$f" ] || continue
    cases+=("$(basename "$f" .json)")
done
if [ ${#cases[@]} -eq 0 ]; then
    not_ok "no expected files in tests/expected"
fi

# 1. The reference scorer itself: hand-worked fixtures, and expected files
#    that are up to date with the questionnaire and the samples.
for name in "${cases[@]}"; do
    ans=$(answers_of "$name")
    q=$(questionnaire_of "$name")
    if [ ! -f "$ans" ]; then
        not_ok "$name: no answers file $ans for tests/expected/$name.json"
        continue
    fi
    if ! "$PY" "$REF" "$ans" ${q:+-q "$q"} --stages >"$TMP/$name.ref" 2>"$TMP/$name.referr"; then
        not_ok "$name: reference scorer failed: $(head -c 300 "$TMP/$name.referr")"
        continue
    fi
    if why=$(same_json "$TMP/$name.ref" "tests/expected/$name.json"); then
        case $name in
            ref-*) ok "$name: reference scorer agrees with the hand-worked values" ;;
            *) ok "$name: expected file is up to date with the reference scorer" ;;
        esac
    else
        case $name in
            ref-*) not_ok "$name: reference scorer disagrees with the hand-worked values: $(echo $why)" ;;
            *) not_ok "$name: expected file is out of date (run tests/reference/regenerate.sh): $(echo $why)" ;;
        esac
    fi
done

# 2. The tool against the expected results.
if [ ! -x "$MATURITY" ]; then
    not_ok "tool not found: $MATURITY is not an executable (set MATURITY or build it)"
else
    for name in "${cases[@]}"; do
        ans=$(answers_of "$name")
        q=$(questionnaire_of "$name")
        [ -f "$ans" ] || continue
        "$MATURITY" score "$ans" ${q:+-q "$q"} --format json >"$TMP/$name.out" 2>"$TMP/$name.err"
        rc=$?
        if [ $rc -ne 0 ]; then
            not_ok "$name: maturity score exited $rc: $(head -c 300 "$TMP/$name.err" | tr '\n' ' ')"
            continue
        fi
        tally < <(compare "$TMP/$name.out" "tests/expected/$name.json" "$name")
    done
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
