#!/bin/sh
# Run the fuzz harnesses built in BUILD (make fuzz) for SECONDS each:
#   tests/fuzz/run.sh BUILD SECONDS [HARNESS...]
# The corpus grows in BUILD/fuzz-corpus/HARNESS (kept between runs), seeded
# from BUILD/fuzz-seeds (tests/fuzz/seeds.py); a crash leaves its input in
# BUILD/fuzz-artifacts/HARNESS/. FUZZ_JOBS harnesses run at a time (default
# 1), niced. Prints one line per harness (executions, new units, crash or
# not); exits 1 if any harness found a crash, leak or timeout.
set -u
build=$1
seconds=$2
shift 2
src=$(cd "$(dirname "$0")/../.." && pwd)
jobs=${FUZZ_JOBS:-1}
all="date normalize resolve import_json json_rows import_gdelt import_icews import_atop
     import_cow_states import_cow_igo import_cameo"
[ $# -gt 0 ] && all="$*"
rm -rf "$build/fuzz-seeds"
python3 "$src/tests/fuzz/seeds.py" "$src" "$build/fuzz-seeds" || exit 1

max_len() {
	case $1 in
	date) echo 64 ;; resolve) echo 256 ;; normalize | json_rows) echo 4096 ;; *) echo 16384 ;;
	esac
}

run_one() {
	name=$1
	corpus=$build/fuzz-corpus/$name
	art=$build/fuzz-artifacts/$name
	log=$build/fuzz-logs/$name.log
	mkdir -p "$corpus" "$art" "$build/fuzz-logs" "$build/fuzz-seeds/$name"
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
		nice -n 19 "$build/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=60 \
		-rss_limit_mb=2048 -max_len="$(max_len "$name")" -print_final_stats=1 \
		-artifact_prefix="$art/" "$corpus" "$build/fuzz-seeds/$name" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	units=$(ls "$corpus" | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz_$name: ${execs:-?} executions in ${seconds} s, corpus $units units, no crash"
	else
		echo "fuzz_$name: FAILED (exit $rc) after ${execs:-?} executions: see $log and $art"
		grep -m3 -E "ERROR|runtime error|geopol fuzz" "$log"
	fi
	return $rc
}

# Each harness's summary is written into fuzz-logs from the start, so the
# folder must exist before the first one starts (a fresh build has none).
mkdir -p "$build/fuzz-logs"
status=0
running=0
for name in $all; do
	run_one "$name" >"$build/fuzz-logs/$name.summary" 2>&1 &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
for name in $all; do
	cat "$build/fuzz-logs/$name.summary"
	grep -q "no crash" "$build/fuzz-logs/$name.summary" || status=1
done
exit $status
