#!/usr/bin/env bash
# cli_copy_test.sh - geopol copy (issue 21, point 5) as a user runs it, in
# the cluster of the CTest fixture pg (tests/pg/cluster.sh): the built-in
# dataset into a new PostgreSQL database and back into a new SQLite file,
# the round trip identical to the source (its export in every format that
# carries every fact, events, names found, and --known-on answers with the later
# membership); a copy into a database that is not empty refused with
# nothing written; a failed copy into a new file leaves no file.
#   bash tests/pg/cli_copy_test.sh GEOPOL_BINARY SOURCE_DIR STATE_DIR
set -u
G=${1:?geopol binary}
case $G in /*) ;; *) G="$PWD/$G" ;; esac
SRC=${2:?source dir}
STATE=${3:?the state folder of the fixture}
INFO=$(cat "$STATE/conninfo") || { echo "FAIL: no cluster (tests/pg/cluster.sh start)"; exit 1; }
HOST=$(sed 's/.*host=\([^ ]*\).*/\1/' <<<"$INFO")
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
T=$(mktemp -d "${TMPDIR:-/tmp}/geopol-cli-copy.XXXXXX")
trap 'rm -rf "$T"' EXIT
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
same_files() {
	if cmp -s "$2" "$3"; then ok; else bad "$1: $(diff "$2" "$3" | head -5)"; fi
}
# A new empty database on the cluster, and the path geopol opens it by.
fresh() {
	"$BIN/dropdb" -h "$HOST" -U geopol --if-exists "$1" 2>/dev/null && "$BIN/createdb" -h "$HOST" -U geopol "$1" ||
		{ echo "FAIL: createdb $1"; exit 1; }
	echo "postgresql:host=$HOST user=geopol dbname=$1"
}

# The source: the dataset in a file and one membership more.
run "init" 0 "$G" init "$T/src.db"
run "import" 0 "$G" --db "$T/src.db" import "$SRC"/data/*.json
cat >"$T/fix.json" <<'EOF'
{"format": "geopol-dataset", "version": 1,
 "sources": [{"code": "test-copy", "title": "copy test"}],
 "memberships": [{"org": "CSTO", "member": "SRB", "role": "observer", "from": "2030-01-01",
                  "sources": [{"source": "test-copy"}]}]}
EOF
run "import later" 0 "$G" --db "$T/src.db" import "$T/fix.json"

PG=$(fresh geopol_cli_copy)
run "copy to postgresql" 0 "$G" copy "$T/src.db" "$PG"
grep -q "^copied [1-9][0-9,]* rows into $PG\$" "$T/err" && ok || bad "copy to postgresql: $(cat "$T/err")"
rows=$(sed 's/^copied \([0-9,]*\) rows.*/\1/' "$T/err")
run "copy back" 0 "$G" copy "$PG" "$T/back.db"
same_files "copy back: the same rows" "$T/err" <(echo "copied $rows rows into $T/back.db")

# The round trip answers as the source does.
for fmt in ndjson csv graphml; do
	run "export $fmt" 0 "$G" --db "$T/src.db" export --format "$fmt" --at 2022-01-06 -o "$T/a.$fmt"
	run "export $fmt back" 0 "$G" --db "$T/back.db" export --format "$fmt" --at 2022-01-06 -o "$T/b.$fmt"
	same_files "export $fmt" "$T/a.$fmt" "$T/b.$fmt"
done
# (Both imports are of today: the versions between them in recorded time
# are checked by tests/check_copy.c, which sets the clock.)
for known in 2000-01-01 2100-01-01; do
	run "members known on $known" 0 "$G" --db "$T/src.db" members CSTO --at 2031-01-01 --known-on "$known" --format csv
	cp "$T/out" "$T/a.members"
	run "members known on $known, back" 0 "$G" --db "$T/back.db" members CSTO --at 2031-01-01 --known-on "$known" --format csv
	same_files "members known on $known" "$T/a.members" "$T/out"
done
grep -q ",SRB,observer,CSTO," "$T/out" && ok || bad "the later membership is not in the answer"
run "events back" 0 "$G" --db "$T/back.db" events --actor KAZ --format csv
cp "$T/out" "$T/b.events"
run "events" 0 "$G" --db "$T/src.db" events --actor KAZ --format csv
same_files "events" "$T/out" "$T/b.events"
run "resolve back" 0 "$G" --db "$T/back.db" resolve مولدوفا --format csv
grep -q "^MDA," "$T/out" && ok || bad "resolve مولدوفا on the copy: $(cat "$T/out")"

# The built-in dataset (no SRC: --db's database, else the built-in one).
PG2=$(fresh geopol_cli_copy2)
run "copy the built-in dataset" 0 "$G" copy "$PG2"
grep -q "^copied [1-9][0-9,]* rows into " "$T/err" && ok || bad "copy built-in: $(cat "$T/err")"

# Into a database that is not empty: refused, nothing written.
run "copy again" 1 "$G" copy "$T/src.db" "$PG"
same_files "copy again: why" "$T/err" <(echo "geopol: copy: $PG: copy: the destination is not empty (table 'source' has rows): copy into a new database")
sum_before=$(cksum <"$T/back.db")
run "copy into a file with facts" 1 "$G" copy "$T/src.db" "$T/back.db"
grep -q "the destination is not empty" "$T/err" && ok || bad "copy into a file: $(cat "$T/err")"
[ "$(cksum <"$T/back.db")" = "$sum_before" ] && ok || bad "the file was written"
# A new file a failed copy would have made is not left behind.
run "copy from nowhere" 1 "$G" copy "postgresql:host=/nonexistent-geopol dbname=g" "$T/new.db"
[ ! -e "$T/new.db" ] && ok || bad "$T/new.db was left behind"
# Onto the built-in dataset (beside the binary in a build): refused.
if [ -f "$(dirname "$G")/geopol.db" ]; then
	run "copy onto the built-in dataset" 2 "$G" copy "$T/src.db" "$(dirname "$G")/geopol.db"
	grep -q "is the built-in dataset, which is never written" "$T/err" && ok || bad "built-in: $(cat "$T/err")"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
