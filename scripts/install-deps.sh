#!/usr/bin/env bash
# Installs the Debian packages maturity needs to build, test and render its
# reports, but only the ones that are missing. Safe to run again.
#
#   scripts/install-deps.sh          build + test packages
#   scripts/install-deps.sh --check  exit 1 when something is missing, install nothing
#
# Needs root or sudo; says so clearly when it has neither.
set -eu

build_pkgs="build-essential pkg-config libhpdf-dev libxlsxwriter-dev libinih-dev
libfribidi-dev libfontconfig-dev libjansson-dev fonts-dejavu-core"
test_pkgs="libcmocka-dev python3 python3-openpyxl poppler-utils qpdf
libreoffice-calc-nogui clang libclang-rt-14-dev valgrind"

check_only=0
[ "${1:-}" = "--check" ] && check_only=1

missing=""
for p in $build_pkgs $test_pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi
if [ "$check_only" = 1 ]; then
    echo "missing packages:$missing" >&2
    exit 1
fi

if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
    echo "maturity: installing$missing needs root; sudo may ask for your password." >&2
else
    echo "maturity: these Debian packages are missing:$missing" >&2
    echo "maturity: run as root (or install sudo) and try again:" >&2
    echo "    apt-get install$missing" >&2
    exit 1
fi

echo "maturity: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
