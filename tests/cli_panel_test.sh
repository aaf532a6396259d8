#!/usr/bin/env bash
# cli_panel_test.sh - `geopol panel` driven as a user would: formats, the
# rule (NDJSON's first object, --rule-file), -o, CSV that pandas and R read
# as it is, bad input; and the COW IGO import against
# the COW dyadic "joint full membership" counts recomputed from
# igo_year_format3.csv by an independent script (tests/cow_shared_igos.py).
#   bash tests/cli_panel_test.sh GEOPOL_BINARY BUILD_DIR SOURCE_DIR
set -u
G=${1:?geopol binary}
case $G in /*) ;; *) G="$PWD/$G" ;; esac
BUILD=${2:?build dir}
SRC=${3:?source dir}
export GEOPOL_DB="$BUILD/geopol.db"
COW="$SRC/../shared/data/cow/igo_year_format3.csv"
T=$(mktemp -d "${TMPDIR:-/tmp}/geopol-panel.XXXXXX")
trap 'rm -rf "$T"' EXIT
# python3 is often a version manager's shim (pyenv's costs a bash script and
# several processes a call, seconds on a loaded machine): resolve it once to
# the interpreter it runs and call that.
PY3=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PY3=python3
python3() { "$PY3" "$@"; }

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
run() {
	local name=$1 want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	local got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$name: exit $got, wanted $want: $(head -c 300 "$T/err")"; fi
}
expect() {
	if grep -Eq -- "$2" "$3"; then ok; else bad "$1: no /$2/ in $(basename "$3")"; fi
}
one_line_err() {
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -Fq -- "$2" "$T/err"; then ok; else bad "$1: stderr: $(cat "$T/err")"; fi
}

# ---- CSV: the header, hand-checked rows (tests/check_panel.c says where
# each value comes from); the rule into --rule-file
run "panel csv" 0 "$G" panel --from 2020 --to 2026 --codes Kazakhstan,RUS,Türkiye --vars shared,events,quad \
	--rule-file "$T/rule"
if [ "$(head -c 9 "$T/out")" = "year,a,b," ]; then ok; else bad "csv: the column names first: $(head -1 "$T/out")"; fi
expect "rule file" "^unit=dyad-year .*periods=2020 to 2025; rule: .*holds on 1 July.*current knowledge$" "$T/rule"
if [ "$(wc -l <"$T/rule")" -eq 1 ]; then ok; else bad "rule file: one line"; fi
expect "csv header" "^year,a,b,shared,shared_possible,events,events_possible,quad1_ab,quad2_ab,quad3_ab,quad4_ab,quad1_ba,quad2_ba,quad3_ba,quad4_ba$" "$T/out"
# quad1_ab 1: Kazakhstan calls off the Victory Day parade (017; audit E5);
# quad2_ba 1: the court reverses the CPC ruling (081, 2022-07-11).
expect "KAZ-RUS 2022" "^2022,KAZ,RUS,9,0,10,0,1,0,1,0,0,1,1,2$" "$T/out"
expect "KAZ-TUR 2022" "^2022,KAZ,TUR,7,0,5,0,0,0,0,0,1,0,0,0$" "$T/out"
expect "KAZ-RUS 2025" "^2025,KAZ,RUS,9,0,6,0,1,0,0,0,1,0,0,0$" "$T/out"
if [ "$(grep -c '^20' "$T/out")" -eq 18 ]; then ok; else bad "18 dyad-years"; fi

# ---- NDJSON, state-year, directed, months, rules
run "panel ndjson" 0 "$G" panel --from 2022 --to 2023 --codes KAZ,RUS --vars goldstein --format ndjson
if python3 - "$T/out" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
head, rows = lines[0]["panel"], lines[1:]
assert "1 July" in head["rule"] and head["keys"] == ["year", "a", "b"], head
assert rows == [{"year": "2022", "a": "KAZ", "b": "RUS", "goldstein_sum_ab": -4, "goldstein_mean_ab": -2,
                 "goldstein_sum_ba": -14.4, "goldstein_mean_ba": rows[0]["goldstein_mean_ba"]}], rows
assert abs(rows[0]["goldstein_mean_ba"] + 14.4 / 4) < 1e-8
PY
then ok; else bad "ndjson rows"; fi
run "state-year" 0 "$G" panel --unit state-year --from 2022 --to 2023 --focus KAZ --vars memberships,quad
expect "state-year header" "^year,state,memberships,memberships_possible,quad1_out," "$T/out"
expect "state-year row" "^2022,KAZ," "$T/out"
run "directed" 0 "$G" panel --unit directed-dyad-year --from 2022 --to 2023 --codes KAZ,RUS --vars quad
expect "directed RUS->KAZ" "^2022,RUS,KAZ,0,1,1,2$" "$T/out"
run "month" 0 "$G" panel --unit dyad-month --from 2022-01 --to 2022-03 --codes KAZ,RUS --vars events
expect "month rows" "^2022-01,KAZ,RUS,2,0$" "$T/out"
run "month rule" 0 "$G" panel --unit dyad-month --from 2022-01 --to 2022-03 --codes KAZ,RUS --vars events --rule-file "$T/rule"
expect "month rule" "on the 15th" "$T/rule"
run "any-day" 0 "$G" panel --from 2025 --to 2026 --codes KAZ,RUS --vars rel:comprehensive_strategic_partnership_alliance --rule any-day
expect "any-day row" "^2025,KAZ,RUS,1,0$" "$T/out"
run "midpoint" 0 "$G" panel --from 2025 --to 2026 --codes KAZ,RUS --vars rel:comprehensive_strategic_partnership_alliance
expect "midpoint row" "^2025,KAZ,RUS,0,0$" "$T/out"
run "definite" 0 "$G" panel --from 2021 --to 2022 --codes KAZ,RUS --vars rel:trade --definite
expect "definite header" "^year,a,b,rel_trade$" "$T/out"
run "known-on" 0 "$G" panel --from 2022 --to 2023 --codes KAZ,RUS --vars shared --known-on 2000-01-01 \
	--rule-file "$T/rule"
expect "known-on: nothing known yet" "^2022,KAZ,RUS,0,0$" "$T/out"
expect "known-on named" "as known on 2000-01-01" "$T/rule"
run "-o file" 0 "$G" panel --from 2022 --to 2023 --codes KAZ,RUS --vars shared -o "$T/p.csv"
expect "-o wrote" "^2022,KAZ,RUS,9,0$" "$T/p.csv"
if [ ! -s "$T/out" ]; then ok; else bad "-o also wrote stdout"; fi

# ---- pandas and R read the CSV as it is, with their defaults
PY=python3
python3 -c "import pandas" 2>/dev/null || PY=/usr/bin/python3
run "panel for pandas" 0 "$G" panel --from 2020 --to 2026 --codes KAZ,RUS,TUR --vars shared,goldstein
if $PY -c "import pandas" 2>/dev/null; then
	if $PY - "$T/out" <<'PY'
import sys, pandas
d = pandas.read_csv(sys.argv[1])
assert len(d) == 18 and list(d.columns[:4]) == ["year", "a", "b", "shared"], d.columns
row = d[(d.year == 2022) & (d.a == "KAZ") & (d.b == "RUS")].iloc[0]
assert row.shared == 9 and row.goldstein_sum_ab == -4, row
assert pandas.isna(d[(d.year == 2023) & (d.a == "KAZ") & (d.b == "RUS")].iloc[0].goldstein_mean_ab)
PY
	then ok; else bad "pandas read_csv of a panel"; fi
else
	echo "skipped: no pandas" >&2
fi
# R (r-base-core, cmake/install-deps.sh): read.csv with its defaults gives
# the same 18 rows; an empty field (no mean) is NA.
if command -v Rscript >/dev/null 2>&1; then
	if Rscript -e '
d <- read.csv(commandArgs(TRUE)[1])
stopifnot(nrow(d) == 18, identical(names(d)[1:4], c("year", "a", "b", "shared")))
r <- d[d$year == 2022 & d$a == "KAZ" & d$b == "RUS", ]
stopifnot(nrow(r) == 1, r$shared == 9, r$goldstein_sum_ab == -4)
stopifnot(is.na(d[d$year == 2023 & d$a == "KAZ" & d$b == "RUS", "goldstein_mean_ab"]))
' "$T/out" >"$T/r.out" 2>&1; then ok; else bad "R read.csv of a panel: $(cat "$T/r.out")"; fi
else
	echo "skipped: no Rscript" >&2
fi

# ---- bad input: one line, exit status, nothing written
run "no span" 2 "$G" panel --codes KAZ,RUS
one_line_err "no span" "panel: give the span with --from and --to"
run "bad unit" 2 "$G" panel --from 2020 --to 2021 --unit country-year
one_line_err "bad unit" "--unit must be state-year"
run "bad var" 1 "$G" panel --from 2020 --to 2021 --codes KAZ,RUS --vars shared,nonsense
one_line_err "bad var" "unknown panel variable 'nonsense'"
run "bad code" 1 "$G" panel --from 2020 --to 2021 --codes KAZ,Atlantis
one_line_err "bad code" "Atlantis"
run "bad format" 2 "$G" panel --from 2020 --to 2021 --format gexf
run "bad -o" 1 "$G" panel --from 2020 --to 2021 --codes KAZ,RUS -o /nonexistent/dir/p.csv
run "bad -o, rule file removed" 1 "$G" panel --from 2020 --to 2021 --codes KAZ,RUS --rule-file "$T/r2" \
	-o /nonexistent/dir/p.csv
if [ ! -e "$T/r2" ]; then ok; else bad "a failed panel left its rule file"; fi
run "bad --rule-file" 1 "$G" panel --from 2020 --to 2021 --codes KAZ,RUS --rule-file /nonexistent/dir/rule
one_line_err "bad --rule-file" "/nonexistent/dir/rule: cannot write"
if [ ! -s "$T/out" ]; then ok; else bad "a rule file that cannot be written: rows written"; fi

# ---- COW IGO: joint full memberships against the COW file itself
if [ -f "$COW" ]; then
	"$G" init "$T/cow.db" >/dev/null && "$G" --db "$T/cow.db" import --format cow-igo "$COW" 2>/dev/null
	# year, COW columns, ISO codes
	set -- 2000 canada usa CAN USA   2000 france russia FRA RUS   1995 kazakhstan turkey KAZ TUR \
	       2010 kazakhstan russia KAZ RUS   1970 china usa CHN USA   1985 india japan IND JPN \
	       2014 brazil china BRA CHN   1950 uk usa GBR USA   1920 france uk FRA GBR \
	       1970 france usa FRA USA
	args=()
	while [ $# -gt 0 ]; do args+=("$1" "$2" "$3"); echo "$1 $4 $5" >>"$T/asks"; shift 5; done
	python3 "$SRC/tests/cow_shared_igos.py" "$COW" "${args[@]}" >"$T/cow"
	# Any day of the year (COW's years): an organization COW codes 1 for
	# both in year Y is definitely shared on some day of Y.
	while read -r y a b; do
		"$G" --db "$T/cow.db" panel --rule any-day --from "$y" --to $((y + 1)) --codes "$a,$b" \
			--vars shared | tail -1 | cut -d, -f4
	done <"$T/asks" >"$T/geopol"
	paste -d' ' "$T/cow" "$T/geopol" >"$T/both"
	while read -r y ca cb want got; do
		if [ "$y $ca $cb" = "1970 france usa" ]; then
			# PIARC: both coded 1 before 1966 and from 1971, -9 (missing)
			# in 1966-1970; the importer takes the same status on both
			# sides of a gap as continuous (README, cow-igo), COW's
			# dyadic data code the gap missing: one more here.
			[ "$got" -eq $((want + 1)) ] && ok || bad "COW $y $ca-$cb: COW $want, geopol $got"
		elif [ "$got" = "$want" ]; then ok; else bad "COW $y $ca-$cb: COW $want, geopol $got"; fi
	done <"$T/both"
	cat "$T/both"
else
	echo "skipped: $COW not found" >&2
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
