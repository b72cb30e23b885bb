#!/usr/bin/env bash
# Runs the maturity binary ($MT_VALGRIND_BIN) under valgrind memcheck, for
# the end-to-end tests: set MATURITY to this script. An error or a leak
# (definite or indirect) exits 99, which the tests see as a failure; each
# run's report goes to $MT_VALGRIND_LOGS when set, so that a failure can be
# read afterwards. The suppressions cover library-internal caches only.
# No command substitution: under the fault shim, the wrapper's own writes
# could be the ones made to fail.
case $0 in */*) here=${0%/*} ;; *) here=. ;; esac
# With standard output closed, valgrind's own files take its place and the
# tool no longer sees it closed: run that case as it is. (Asked of /proc:
# a redirection would open a file that takes the free descriptor 1.)
if [ ! -e "/proc/$$/fd/1" ]; then
    exec "${MT_VALGRIND_BIN:?set MT_VALGRIND_BIN to the maturity binary}" "$@"
fi
# The fault shim, when a test preloads it, counts the tool's calls only,
# not those of valgrind's launcher, which is preloaded as well.
export FAILIO_PROGRAM=${MT_VALGRIND_BIN##*/}
log=()
if [ -n "${MT_VALGRIND_LOGS:-}" ]; then
    log=(--log-file="$MT_VALGRIND_LOGS/vg.%p.log")
fi
exec valgrind -q --tool=memcheck --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --suppressions="$here/../valgrind.supp" --child-silent-after-fork=yes \
    "${log[@]}" "${MT_VALGRIND_BIN:?set MT_VALGRIND_BIN to the maturity binary}" "$@"
