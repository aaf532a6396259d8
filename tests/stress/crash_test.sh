#!/bin/bash
# kill -9 at random moments during an import: after each kill the file
# passes PRAGMA integrity_check, holds exactly the rows it held before the
# import or exactly those of a complete import (all or nothing, every
# table), and the CLI still answers; every 10th killed file is imported
# again and then holds the complete import.
#   tests/stress/crash_test.sh GEOPOL BASE_DB [KILLS] [ENTITIES] [SECONDS]
# KILLS real kills (default 30; a trial whose import ended before the kill
# does not count), on a generated dataset of ENTITIES entities (default
# 6000), stopping anyway after SECONDS (default 900). Exit 1 on any failure.
set -u
G=$1 BASE=$2 KILLS=${3:-30} N=${4:-6000} LIMIT=${5:-900}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/world.py" "$N" "$work/big.json" || exit 1
state() { python3 "$here/db_state.py" "$1"; }

cp "$BASE" "$work/ref.db"
before=$(state "$work/ref.db") || { echo "base: $before"; exit 1; }
start=$EPOCHREALTIME
"$G" --db "$work/ref.db" import "$work/big.json" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
T=$(python3 -c "print(round($EPOCHREALTIME - $start, 3))")
after=$(state "$work/ref.db") || { echo "reference: $after"; exit 1; }
[ "$before" != "$after" ] || { echo "the import changed nothing"; exit 1; }
echo "crash test: import of $N entities takes ${T}s; killing it $KILLS times"

kills=0 trials=0 to_before=0 to_after=0 failures=0 reimports=0
t0=$(date +%s)
while [ "$kills" -lt "$KILLS" ] && [ $(( $(date +%s) - t0 )) -lt "$LIMIT" ]; do
	trials=$((trials + 1))
	rm -f "$work"/t.db*
	cp "$BASE" "$work/t.db"
	# Mostly anywhere in the import; one trial in five near its commit.
	delay=$(python3 -c "import random; T=$T; print(random.uniform(0.75*T, 1.05*T) if random.random() < 0.2 else random.uniform(0, T))")
	"$G" --db "$work/t.db" import "$work/big.json" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	if ! kill -9 "$pid" 2>/dev/null; then
		wait "$pid"
		continue
	fi
	wait "$pid" 2>/dev/null
	kills=$((kills + 1))
	got=$(state "$work/t.db")
	if [ "$got" = "$before" ]; then
		to_before=$((to_before + 1))
	elif [ "$got" = "$after" ]; then
		to_after=$((to_after + 1))
	else
		failures=$((failures + 1))
		echo "kill $kills after ${delay}s: neither before nor after: $got"
		continue
	fi
	if ! "$G" --db "$work/t.db" members CSTO --at 2022 >/dev/null 2>"$work/err"; then
		failures=$((failures + 1))
		echo "kill $kills: the CLI fails afterwards: $(cat "$work/err")"
	fi
	if [ $((kills % 10)) -eq 0 ]; then
		"$G" --db "$work/t.db" import "$work/big.json" >/dev/null 2>&1
		if [ "$(state "$work/t.db")" = "$after" ]; then
			reimports=$((reimports + 1))
		else
			failures=$((failures + 1))
			echo "kill $kills: importing again does not give the complete import"
		fi
	fi
done
echo "crash test: $kills kills in $trials trials: $to_before back to before, $to_after complete," \
     "$failures failures (integrity, partial state or CLI), $reimports/$((kills / 10)) re-imports complete"
[ "$failures" -eq 0 ] && [ "$kills" -ge "$KILLS" ]
