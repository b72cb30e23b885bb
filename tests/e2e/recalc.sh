#!/usr/bin/env bash
# recalc.sh IN.xlsx OUT.xlsx|OUT.ods - open a workbook in LibreOffice headless,
# recalculate every formula, and save it again.
#
# LibreOffice keeps the cached values of an xlsx file on load unless told
# otherwise ("Recalculation on file load: never" is its default for files
# not written by itself), so a plain --convert-to only copies the values
# the file already holds. A private user profile whose settings say
# "always recalculate" (OOXMLRecalcMode = 0) makes the conversion a real
# recalculation, and keeps the user's own profile out of the tests.
#
# SPDX-License-Identifier: MIT
set -eu

if [ $# -ne 2 ]; then
    echo "usage: recalc.sh IN.xlsx OUT.xlsx|OUT.ods" >&2
    exit 2
fi
in=$1
out=$2
ext=${out##*.}
work=$(mktemp -d "${TMPDIR:-/tmp}/recalc.XXXXXX")
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/profile/user"
cat >"$work/profile/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
EOF

# The input under a fixed name, so that the output name is known.
cp "$in" "$work/in.xlsx"
mkdir "$work/out"
case $ext in
    xlsx) filter="xlsx:Calc MS Excel 2007 XML" ;;
    ods) filter="ods" ;;
    *) echo "recalc.sh: cannot write .$ext" >&2; exit 2 ;;
esac
if ! timeout 180 soffice "-env:UserInstallation=file://$work/profile" --headless --norestore \
        --convert-to "$filter" --outdir "$work/out" "$work/in.xlsx" >"$work/log" 2>&1; then
    echo "recalc.sh: LibreOffice failed on $in:" >&2
    cat "$work/log" >&2
    exit 1
fi
if [ ! -s "$work/out/in.$ext" ]; then
    echo "recalc.sh: LibreOffice wrote nothing for $in:" >&2
    cat "$work/log" >&2
    exit 1
fi
mv "$work/out/in.$ext" "$out"
