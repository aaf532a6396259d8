#!/bin/bash
# Readers during a writer, and writers together, on one file:
#  1. READERS CLI readers loop (every event, as CSV) while one process
#     imports a generated dataset twice (two transactions): every answer is
#     one of the three committed states, no reader fails.
#  2. ROUNDS times, two small imports start together: with the busy timeout
#     the second waits for the first; both succeed, both are there.
#  3. A big import, and a small one started during it: the small one waits
#     and succeeds.
#   tests/stress/concurrency_test.sh GEOPOL BASE_DB [READERS] [ROUNDS] [ENTITIES]
# Defaults 4 readers, 20 rounds, 4000 entities. Prints the counts; exit 1
# if any reader or writer failed or saw a partial state.
set -u
G=$1 BASE=$2 READERS=${3:-4} ROUNDS=${4:-20} N=${5:-4000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/world.py" "$N" "$work/a.json" A || exit 1
python3 "$here/world.py" "$N" "$work/b.json" B || exit 1
events() { "$G" --db "$1" events --format csv | wc -l; }
failures=0

# The three committed states of part 1, from reference imports.
cp "$BASE" "$work/ref.db"
s0=$(events "$work/ref.db")
"$G" --db "$work/ref.db" import "$work/a.json" >/dev/null 2>&1 || exit 1
s1=$(events "$work/ref.db")
"$G" --db "$work/ref.db" import "$work/b.json" >/dev/null 2>&1 || exit 1
s2=$(events "$work/ref.db")

# 1. readers during a writer
cp "$BASE" "$work/t.db"
( "$G" --db "$work/t.db" import "$work/a.json" && sleep 0.5 &&
  "$G" --db "$work/t.db" import "$work/b.json" ) >/dev/null 2>"$work/writer.err" &
writer=$!
for r in $(seq 1 "$READERS"); do
	(
		rounds=0 errors=0 partial=0
		while kill -0 "$writer" 2>/dev/null; do
			n=$("$G" --db "$work/t.db" events --format csv 2>>"$work/reader$r.err" | wc -l)
			[ "${PIPESTATUS[0]}" = 0 ] || errors=$((errors + 1))
			case $n in "$s0" | "$s1" | "$s2") ;; *) partial=$((partial + 1)) ;; esac
			rounds=$((rounds + 1))
		done
		echo "$rounds $errors $partial" >"$work/reader$r.out"
	) &
done
wait "$writer" || { failures=$((failures + 1)); echo "writer failed: $(cat "$work/writer.err")"; }
wait
rounds=0 errors=0 partial=0
for r in $(seq 1 "$READERS"); do
	read -r a b c <"$work/reader$r.out"
	rounds=$((rounds + a)) errors=$((errors + b)) partial=$((partial + c))
done
[ "$(events "$work/t.db")" = "$s2" ] || { failures=$((failures + 1)); echo "final state wrong"; }
echo "readers during a writer: $READERS readers, $rounds rounds, $errors errors, $partial partial states" \
     "(allowed: $s0, $s1 or $s2 lines)"
failures=$((failures + errors + partial))

# 2. two writers together
printf '{"format":"geopol-dataset","version":1,"sources":[{"code":"w:a"}]}' >"$work/wa.json"
printf '{"format":"geopol-dataset","version":1,"sources":[{"code":"w:b"}]}' >"$work/wb.json"
failed=0
for i in $(seq 1 "$ROUNDS"); do
	rm -f "$work"/w.db*
	cp "$BASE" "$work/w.db"
	"$G" --db "$work/w.db" import "$work/wa.json" >/dev/null 2>"$work/wa.err" &
	p1=$!
	"$G" --db "$work/w.db" import "$work/wb.json" >/dev/null 2>"$work/wb.err" &
	p2=$!
	wait "$p1" || { failed=$((failed + 1)); cat "$work/wa.err"; }
	wait "$p2" || { failed=$((failed + 1)); cat "$work/wb.err"; }
	n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM source WHERE code IN ('w:a','w:b')\").fetchone()[0])" "$work/w.db")
	[ "$n" = 2 ] || { failed=$((failed + 1)); echo "round $i: $n of the 2 sources stored"; }
done
echo "two writers together: $ROUNDS rounds, $((2 * ROUNDS)) imports, $failed failed"
failures=$((failures + failed))

# 3. a small import during a big one
rm -f "$work"/w.db*
cp "$BASE" "$work/w.db"
"$G" --db "$work/w.db" import "$work/a.json" >/dev/null 2>"$work/big.err" &
big=$!
sleep 0.3
start=$EPOCHREALTIME
"$G" --db "$work/w.db" import "$work/wa.json" >/dev/null 2>"$work/small.err"
small=$?
waited=$(python3 -c "print(round($EPOCHREALTIME - $start, 2))")
wait "$big"
bigrc=$?
echo "a small import during a big one: big exit $bigrc, small exit $small after ${waited}s $(cat "$work/small.err")"
[ "$small" = 0 ] && [ "$bigrc" = 0 ] || failures=$((failures + 1))

echo "concurrency test: $failures failures"
[ "$failures" -eq 0 ]
