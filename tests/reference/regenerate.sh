#!/usr/bin/env bash
# regenerate.sh - rewrites tests/expected/SAMPLE.json for every samples/*.ini
# with the reference scorer. Run it after the questionnaire or a sample
# changes, and review the diff before committing it.
#
# The ref-* expected files are not touched: they are written by hand
# (tests/reference/README.md) and checked against the reference scorer
# by tests/e2e/test_samples.sh.
#
# SPDX-License-Identifier: MIT

set -eu
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
mkdir -p tests/expected
status=0
for ans in samples/*.ini; do
    [ -e "$ans" ] || continue
    name=$(basename "$ans" .ini)
    out=tests/expected/$name.json
    if "$PY" tests/reference/score.py "$ans" --stages --warn-boundaries >"$out.tmp"; then
        mv "$out.tmp" "$out"
        "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%-22s dominant %-9s runner-up %-9s hybrid %-5s reached %-15s next %s" % (sys.argv[2], d["dominant"], d["runner_up"], str(d["hybrid"]).lower(), d["reached"], d["next"]))' "$out" "$name"
    else
        rm -f "$out.tmp"
        status=1
    fi
done
exit $status
