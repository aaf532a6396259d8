#!/usr/bin/env bash
# cli_pg_test.sh - the geopol binary on a PostgreSQL database (issue 21),
# in the cluster of the CTest fixture pg (tests/pg/cluster.sh), as a user
# would: init twice (the schema once), the built-in dataset imported with
# the same counts as into a new SQLite file, again with nothing added; the
# snapshot exported in each format, the events, the diff and panels as
# from the SQLite file, byte for byte, and so the questions that resolve a
# name (members, show, history, neighbors, path, events --actor, diff
# --entity, resolve) and the checks (uncited, check); the field's datasets
# imported (COW, ATOP, CAMEO, ICEWS, GDELT, again, and new releases) with
# the same counts; what the store cannot do yet (sql) refused with one
# message; a server
# that is not there; a file named like the scheme. Each command's exit status and what it printed.
#   bash tests/pg/cli_pg_test.sh GEOPOL_BINARY SOURCE_DIR STATE_DIR
set -u
G=${1:?geopol binary}
case $G in /*) ;; *) G="$PWD/$G" ;; esac
SRC=${2:?source dir}
STATE=${3:?the state folder of the fixture}
INFO=$(cat "$STATE/conninfo") || { echo "FAIL: no cluster (tests/pg/cluster.sh start)"; exit 1; }
PG="postgresql:$INFO"
T=$(mktemp -d "${TMPDIR:-/tmp}/geopol-cli-pg.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run NAME EXPECTED_STATUS CMD... : runs, keeps stdout/stderr in $T/out, $T/err
run() {
	local name=$1 want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	local got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$name: exit $got, wanted $want: $(head -c 300 "$T/err")"; fi
}
# same NAME FILE TEXT: the file holds exactly TEXT
same() {
	if [ "$(cat "$2")" = "$3" ]; then ok; else bad "$1: got '$(cat "$2")', wanted '$3'"; fi
}

run "init" 0 "$G" init "$PG"
run "init again" 0 "$G" init "$PG"
# The same imports into a new SQLite file print the same counts.
run "sqlite init" 0 "$G" init "$T/lite.db"
run "sqlite import" 0 "$G" --db "$T/lite.db" import "$SRC"/data/*.json
cp "$T/err" "$T/lite-import"
run "import" 0 "$G" --db "$PG" import "$SRC"/data/*.json
same "import: as on SQLite" "$T/err" "$(cat "$T/lite-import")"
grep -q "^imported 5 files: [1-9][0-9,]* records, [1-9][0-9,]* added" "$T/err" && ok || bad "import: $(cat "$T/err")"
run "sqlite import again" 0 "$G" --db "$T/lite.db" import "$SRC"/data/*.json
cp "$T/err" "$T/lite-again"
run "import again" 0 "$G" --db "$PG" import "$SRC"/data/*.json
same "import again: as on SQLite" "$T/err" "$(cat "$T/lite-again")"
grep -q ", 0 added, " "$T/err" && ok || bad "import again added: $(cat "$T/err")"

# The snapshot on this store: each export format at a date (and over a
# span) prints what it prints from the SQLite file, byte for byte.
export_same() {
	local name=$1
	shift
	run "$name: sqlite" 0 "$G" --db "$T/lite.db" export "$@"
	cp "$T/out" "$T/lite-export"
	run "$name" 0 "$G" --db "$PG" export "$@"
	if cmp -s "$T/out" "$T/lite-export"; then ok; else
		bad "$name: not as on SQLite: $(diff "$T/lite-export" "$T/out" | head -c 300)"; fi
	[ -s "$T/out" ] && ok || bad "$name: nothing printed"
}
export_same "export json" --format json --at 2022-01-06
export_same "export json 1992" --format json --at 1992
export_same "export ndjson" --format ndjson --at 1991-12-21
export_same "export gexf" --format gexf --at 2022-01-06
export_same "export graphml" --format graphml --at 2012-12-19
export_same "export csv" --format csv --at 2024
export_same "export gexf span" --format gexf --from 1991 --to 2025
grep -q 'KAZ' "$T/out" && ok || bad "export gexf span: KAZ not in it"
# Focused (the entities named resolve first) and the html page.
export_same "export around" --format json --at 2022-01-06 --around Казахстан --depth 2
export_same "export orgs" --format csv --at 2022-01-06 --orgs ОДКБ,EAEU
grep -q 'CSTO' "$T/out" && ok || bad "export orgs: CSTO not in it"
export_same "export html" --format html --at 2022-01-06 --around KAZ

# The events and the diff, with the sources of each row, as from the
# SQLite file.
as_sqlite() {
	local name=$1
	shift
	run "$name: sqlite" 0 "$G" --db "$T/lite.db" "$@"
	cp "$T/out" "$T/lite-out"
	cp "$T/err" "$T/lite-err"
	run "$name" 0 "$G" --db "$PG" "$@"
	if cmp -s "$T/out" "$T/lite-out"; then ok; else
		bad "$name: not as on SQLite: $(diff "$T/lite-out" "$T/out" | head -c 300)"; fi
	if cmp -s "$T/err" "$T/lite-err"; then ok; else
		bad "$name: stderr not as on SQLite: $(diff "$T/lite-err" "$T/err" | head -c 300)"; fi
	[ -s "$T/out" ] && ok || bad "$name: nothing printed"
}
as_sqlite "events" events
as_sqlite "events visit" events --from 2020 --to 2023 --text visit
as_sqlite "events 04 json" events --type 04 --format json
as_sqlite "diff" diff --from 2014 --to 2024
as_sqlite "diff json" diff --from 1991 --to 1992 --format json
grep -q '"change"' "$T/out" && ok || bad "diff json: no change in it: $(head -c 200 "$T/out")"
# The questions that resolve a name first (in any script, with a typo),
# and the checks of the data, as from the SQLite file.
as_sqlite "members" members CSTO --at 2022-01-06
same "members: KAZ's row" <(grep -c 'KAZ Kazakhstan' "$T/out") 1
as_sqlite "members boundary" members csto --at 2012-12-19 --de-facto --format json
as_sqlite "show" show KAZ
as_sqlite "show json" show ОДКБ --format json
as_sqlite "history" history KAZ RUS
as_sqlite "history span" history Казахстан Россия --from 2014 --to 2023 --format csv
as_sqlite "neighbors" neighbors KAZ --at 2022-01-06
as_sqlite "neighbors depth" neighbors CSTO --at 2004-05-01 --depth 2 --format csv
as_sqlite "path" path KAZ USA --at 2022-01-06
as_sqlite "path json" path ARM NATO --at 2024 --format json
as_sqlite "events actor" events --actor KAZ
as_sqlite "events actor with" events --actor Токаев --from 2019 --format json
as_sqlite "diff entity" diff --entity KAZ --from 2014 --to 2024
as_sqlite "diff entity json" diff --entity kaz --from 1991 --to 1992 --format json
as_sqlite "resolve" resolve مولدوفا
same "resolve: MDA" <(awk 'NR == 2 { print $1 }' "$T/out") MDA
as_sqlite "resolve typo" resolve Казахтан --format json
as_sqlite "resolve kk" resolve Қазақстан
as_sqlite "resolve prefix" resolve republic
as_sqlite "uncited" uncited
same "uncited: none" "$T/err" "uncited: 0 facts (0 memberships, 0 relations, 0 events, 0 names)"
as_sqlite "check" check
as_sqlite "check quotes" check "$SRC/../shared/seeds" "$SRC"
grep -q "^check: 0 errors, [1-9][0-9]* warnings; [1-9][0-9]* quotes checked against their files" "$T/err" &&
	ok || bad "check: $(tail -1 "$T/err")"
# Panels (gp_store.panel, pg_panel.c), their codes resolved by name too.
as_sqlite "panel" panel --from 2019 --to 2024 --vars shared,alliance,memberships,rel:trade.usd,events,quad,goldstein
as_sqlite "panel states monthly" panel --unit state-month --population all --from 2022-01 --to 2022-07 --vars memberships,member:CSTO,rel:supplies,root
as_sqlite "panel known-on" panel --from 2020 --to 2023 --vars shared,events --known-on 1990
as_sqlite "panel list" panel --unit directed-dyad-year --population list --codes Казахстан,RUS,tur --from 2015 --to 2026 --vars shared,alliance,rel:trade,events,quad --rule any-day --definite
as_sqlite "panel focus" panel --from 2020 --to 2026 --focus KAZ --vars shared:kind=alliance,member:EAEU,events,goldstein
# geopol sql on the views (schema/pg/004: SQLite's names, columns and
# values), as from the SQLite file; a statement that would write is
# refused with SQLite's message, and nothing is written.
as_sqlite "sql memberships" sql "SELECT org, member, role, stage, from_date, to_date, from_first, from_last, to_first, to_last, coding, sources, fact_id FROM v_memberships WHERE org = 'CSTO' ORDER BY member, from_first"
as_sqlite "sql entities" sql "SELECT * FROM v_entities ORDER BY code" --format csv
as_sqlite "sql names" sql "SELECT * FROM v_names WHERE code IN ('KAZ', 'CSTO', 'tokayev') ORDER BY code, lang, kind, name"
as_sqlite "sql relations" sql "SELECT * FROM v_relations ORDER BY a, type, b, from_first" --format json
as_sqlite "sql events" sql "SELECT id, ext_id, date, end_date, date_first, date_last, type, type_name, intensity, location, title, actors, sources FROM v_events ORDER BY id"
as_sqlite "sql event actors" sql "SELECT * FROM v_event_actors ORDER BY event, code, role" --format csv
as_sqlite "sql citations" sql "SELECT * FROM v_citations ORDER BY fact, fact_id, source, quote"
as_sqlite "sql sources" sql "SELECT * FROM v_sources ORDER BY code" --format json
as_sqlite "sql count" sql "WITH m AS (SELECT org, count(*) AS n FROM v_memberships GROUP BY org) SELECT org, n FROM m ORDER BY n DESC, org LIMIT 10"
count_rows() { "$G" --db "$PG" sql "SELECT count(*) AS n FROM v_entities" --format csv | tail -1; }
before=$(count_rows)
run "sql delete" 1 "$G" --db "$PG" sql "DELETE FROM membership"
same "sql delete: refused" "$T/err" "geopol: sql: only a statement that reads (SELECT, WITH, VALUES) may run here: this one would change the database or the connection"
run "sql writing cte" 1 "$G" --db "$PG" sql "WITH d AS (DELETE FROM entity RETURNING code) SELECT code FROM d"
same "sql writing cte: refused" "$T/err" "geopol: sql: only a statement that reads (SELECT, WITH, VALUES) may run here: this one would change the database or the connection"
run "sql two" 1 "$G" --db "$PG" sql "SELECT 1; DELETE FROM entity"
same "sql two: refused" "$T/err" "geopol: sql: one statement at a time"
same "sql: nothing written" <(count_rows) "$before"
as_sqlite "members after sql" members CSTO --at 2022-01-06

# The field's datasets, imported into both with the same counts, as a
# user would in turn: COW's states and organizations onto the built-in
# entities, ATOP, CAMEO's codes, ICEWS and GDELT; then each again (nothing
# added), and new releases (--release) of COW's organizations and of a
# GDELT day, which retract what they no longer have.
FX="$SRC/tests/fixtures"
import_same() {
	local name=$1
	shift
	run "$name: sqlite" 0 "$G" --db "$T/lite.db" import "$@"
	cp "$T/err" "$T/lite-import"
	run "$name" 0 "$G" --db "$PG" import "$@"
	same "$name: as on SQLite" "$T/err" "$(cat "$T/lite-import")"
}
import_same "cow-states" --format cow-states "$FX/cow-states.csv"
import_same "cow-igo" --format cow-igo "$FX/cow-igo.csv"
import_same "atop" --format atop "$FX/atop.csv"
import_same "cameo" --format cameo "$FX/cameo-codes.csv"
import_same "icews" --format icews "$FX/icews.tab" "$FX/icews-nonstate.tab"
import_same "gdelt" --format gdelt "$FX/gdelt2.export.CSV" "$FX/gdelt1-daily.export.CSV"
grep -q "^imported 2 files: [1-9][0-9,]* records, [1-9][0-9,]* added" "$T/err" && ok || bad "gdelt: $(cat "$T/err")"
import_same "cow-igo again" --format cow-igo "$FX/cow-igo.csv"
grep -q ", 0 added, " "$T/err" && ok || bad "cow-igo again added: $(cat "$T/err")"
import_same "atop again" --format atop "$FX/atop.csv"
import_same "gdelt again" --format gdelt "$FX/gdelt2.export.CSV"
import_same "cow-igo release" --release --format cow-igo "$FX/cow-igo-eec-eu.csv"
grep -q "retracted" "$T/err" && ok || bad "cow-igo release retracted nothing: $(cat "$T/err")"
import_same "atop release" --release --format atop "$FX/atop-1110.csv"
import_same "gdelt release" --release --format gdelt "$FX/gdelt1-daily.export.CSV"
# A cow-states release that has Bavaria end two days later: the life
# COW gave is corrected, the one known until now kept in recorded time.
sed 's/^BAV,245,Bavaria,1816,1,1,1871,1,18,/BAV,245,Bavaria,1816,1,1,1871,1,20,/' \
	"$FX/cow-states.csv" >"$T/cow-states-2.csv"
import_same "cow-states release" --release --format cow-states "$T/cow-states-2.csv"
grep -q ", [1-9][0-9]* corrected, " "$T/err" && ok || bad "cow-states release: $(cat "$T/err")"
as_sqlite "bavaria corrected" show COW:245 --at 1871-01-19
# The datasets' events with their fields (GDELT's QuadClass, tone,
# mentions; ICEWS's), as imported into each: the same but for the row ids
# (PostgreSQL draws an id for a re-imported event it then leaves out, so
# its ids run ahead of SQLite's after "import again" above).
run "events datasets json: sqlite" 0 "$G" --db "$T/lite.db" events --from 2012 --to 2020 --format json
sed 's/"id":[0-9]*,//g' "$T/out" >"$T/lite-out"
run "events datasets json" 0 "$G" --db "$PG" events --from 2012 --to 2020 --format json
sed 's/"id":[0-9]*,//g' "$T/out" >"$T/pg-out"
if cmp -s "$T/pg-out" "$T/lite-out"; then ok; else
	bad "events datasets json: not as on SQLite: $(diff "$T/lite-out" "$T/pg-out" | head -c 300)"; fi
grep -q '"quad_class"' "$T/out" && ok || bad "events datasets json: no dataset fields: $(head -c 200 "$T/out")"
# What the datasets wrote, read back as from the SQLite file: an ATOP
# alliance's members with each one's obligations, COW's attributes of an
# organization, a state's memberships of every coding, the whole graph.
as_sqlite "atop members" members ATOP:1110 --at 1840-08-01 --format json
grep -q '"offense":"1"' "$T/out" && ok || bad "atop members: no obligations: $(head -c 200 "$T/out")"
as_sqlite "cow attributes" show CSTO --at 2000
as_sqlite "memberships of codings" memberships KAZ --at 2000 --format json
export_same "export json with datasets" --format json --at 1995

# A server that is not there, named without the password.
run "no server" 1 "$G" --db "postgresql:host=/nonexistent-geopol dbname=g password=secret" members CSTO
grep -q "^geopol: PostgreSQL database 'g' on /nonexistent-geopol: cannot connect: " "$T/err" && ok ||
	bad "no server: $(cat "$T/err")"
grep -q secret "$T/err" && bad "no server: the password was printed" || ok
# A file whose name starts like the scheme is still a file, written so.
run "file named like the scheme" 0 "$G" init "$T/postgresql:x.db"
(cd "$T" && "$G" init "./postgresql:y.db") && ok || bad "./postgresql:y.db was not a file"
[ -f "$T/postgresql:y.db" ] && ok || bad "./postgresql:y.db: no file"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
