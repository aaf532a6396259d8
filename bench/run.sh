#!/bin/sh
# bench/run.sh - `make bench`: run every benchmark program of a build.
#
#   bench/run.sh <source dir> [<build dir>]
#
# GEOPOL_BENCH_SCALE: small (default; CI, a minute or two), full (the
# 1M-fact world), x10 (ten times that). GEOPOL_BENCH_DIR: where the world
# files are cached (default <build dir>/bench/worlds). Each figure is one
# line "name value unit ratio"; lines starting with '#' are notes.
# bench_bulk runs first: it writes the world files the others open.
set -eu
src=${1:?usage: run.sh <source dir> [<build dir>]}
build=${2:-$(pwd)}
bin=$build/bench
: "${GEOPOL_BENCH_SCALE:=small}"
: "${GEOPOL_BENCH_DIR:=$bin/worlds}"
export GEOPOL_BENCH_SCALE GEOPOL_BENCH_DIR
mkdir -p "$GEOPOL_BENCH_DIR"
echo "# geopol benchmarks, scale $GEOPOL_BENCH_SCALE, $(uname -srm), $(nproc 2>/dev/null || echo ?) cpus"
status=0
run() {
	[ -x "$1" ] || return 0
	echo "# $(basename "$1")"
	"$1" "$src" || { echo "# $(basename "$1") failed" >&2; status=1; }
}
run "$bin/bench_bulk"
for b in "$bin"/bench_*; do
	case $(basename "$b") in bench_bulk | bench_pg) continue ;; esac
	run "$b"
done
# The PostgreSQL store against the SQLite store (issue 21), on a throw-away
# cluster of the tests' own (tests/pg/cluster.sh), stopped again after.
if [ -x "$bin/bench_pg" ]; then
	if [ -z "${GEOPOL_BENCH_PG:-}" ] && "$bin/bench_pg" --has-libpq; then
		pg_state=$bin/pg-state
		if sh "$src/tests/pg/cluster.sh" start "$pg_state" >/dev/null; then
			GEOPOL_BENCH_PG=$(cat "$pg_state/conninfo")
			export GEOPOL_BENCH_PG
			run "$bin/bench_pg"
			sh "$src/tests/pg/cluster.sh" stop "$pg_state"
		else
			echo "# bench_pg: no PostgreSQL cluster could be started" >&2
			status=1
		fi
	else
		run "$bin/bench_pg"
	fi
fi
# The Python package against the C API, in a venv installed as README says.
if [ -f "$src/bench/bench_python.py" ] && [ -f "$src/python/make-venv.sh" ]; then
	echo "# bench_python.py"
	if bash "$src/python/make-venv.sh" "$build" "$bin/python-venv" &&
		"$bin/python-venv/bin/python" "$src/bench/bench_python.py" "$src" "$build"; then :
	else
		echo "# bench_python.py failed" >&2
		status=1
	fi
fi
exit $status
