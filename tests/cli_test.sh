#!/usr/bin/env bash
# cli_test.sh - drives the real geopol binary as a user would: every command,
# every format, every exit status, and bad input.
#   bash tests/cli_test.sh GEOPOL_BINARY BUILD_DIR SOURCE_DIR
# Ends with "N passed, M failed"; exits nonzero on any failure.
set -u
G=${1:?geopol binary}
case $G in /*) ;; *) G="$PWD/$G" ;; esac
BUILD=${2:?build dir}
SRC=${3:?source dir}
DB="$BUILD/geopol.db"
SCHEMA="$SRC/../shared/data/gexf-1.3/gexf.xsd"
T=$(mktemp -d "${TMPDIR:-/tmp}/geopol-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export GEOPOL_DB="$DB"
# python3 is often a version manager's shim (pyenv's costs a bash script and
# several processes a call, seconds on a loaded machine): resolve it once to
# the interpreter it runs and call that.
PY3=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PY3=python3
python3() { "$PY3" "$@"; }

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

# check NAME PYTHON_EXPR : evaluates a Python expression on d = the JSON in $T/out
check() {
	local name=$1 expr=$2
	if python3 - "$T/out" "$expr" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ok = eval(sys.argv[2])
sys.exit(0 if ok else 1)
EOF
	then ok; else bad "$name: $expr"; fi
}

# expect NAME PATTERN FILE : grep -E
expect() {
	if grep -Eq -- "$2" "$3"; then ok; else bad "$1: no /$2/ in $(basename "$3")"; fi
}

# One line on stderr, naming what was wrong.
one_line_err() {
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -Eq -- "$2" "$T/err"; then ok; else bad "$1: stderr: $(cat "$T/err")"; fi
}

json_valid() {
	if python3 -m json.tool "$T/out" >/dev/null 2>&1; then ok; else bad "$1: invalid JSON"; fi
}

# ---- help and usage
run "help" 0 "$G" --help
expect "help lists commands" "members ORG" "$T/out"
run "command help" 0 "$G" members --help
expect "command help" "Usage: geopol .*members ORG" "$T/out"
run "help command" 0 "$G" help export
expect "export help names formats" "gexf" "$T/out"
run "no command" 2 "$G"
run "unknown command" 2 "$G" frobnicate
one_line_err "unknown command" "unknown command 'frobnicate'"
run "unknown option" 2 "$G" members CSTO --bogus
one_line_err "unknown option" "unknown option '--bogus'"
run "option needs value" 2 "$G" members CSTO --at
run "missing argument" 2 "$G" members
run "too many arguments" 2 "$G" members CSTO NATO
run "bad output format" 2 "$G" members CSTO --format xml
run "option of another command" 2 "$G" members CSTO --depth 2
run "diff needs both dates" 2 "$G" diff --from 2022
run "bad depth" 2 "$G" neighbors KAZ --depth x
run "version" 0 "$G" --version
expect "version" "^geopol [0-9]+\.[0-9]+\.[0-9]+$" "$T/out"
run "help" 0 "$G" --help
expect "--version in --help" "^  --version " "$T/out"

# ---- members
run "members json" 0 "$G" members CSTO --at 2022-01-06 --format json
json_valid "members json"
check "CSTO members 2022-01-06" \
	"sorted(r['member'] for r in d if r['role'] in ('member','founding_member') and r['stage']=='in_force') == ['ARM','BLR','KAZ','KGZ','RUS','TJK']"
check "membership row shape" \
	"all(set(['org','member','role','from','to','certainty','stage','coding','sources']) <= set(r) for r in d)"
check "rows carry sources" "all(isinstance(r['sources'], list) for r in d) and any(r['sources'] for r in d)"
run "members by name" 0 "$G" members "Collective Security Treaty Organization" --at 2022-01-06 --format json
check "members by name" "'KAZ' in [r['member'] for r in d]"
run "members text" 0 "$G" members CSTO --at 2022-01-06
expect "members text aligned, names beside codes" "^  2003-09-18 +KAZ Kazakhstan +founding_member  CSTO Collective Security Treaty Organization  definite +in_force$" "$T/out"
expect "members text: UZB suspended de jure" "^  2012-12-19 +UZB Uzbekistan +member +CSTO Collective Security Treaty Organization  definite +suspended" "$T/out"
expect "members text sources folded" "^      sources: csto-charter-2002; tass-2012-06-28; " "$T/out"
if grep -q '"' "$T/out"; then bad "folded sources show quotes"; else ok; fi
run "members csv" 0 "$G" members CSTO --at 2022-01-06 --format csv
expect "csv header" "^change,depth,via,kind,from,to,a,link,b,certainty,stage,coding,detail,sources$" "$T/out"
if python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); sys.exit(0 if any(x['a']=='KAZ' for x in r) else 1)" "$T/out"; then ok; else bad "csv parses"; fi
run "members csv no header" 0 "$G" members CSTO --at 2022-01-06 --format csv --no-header
rows=$("$G" members CSTO --at 2022-01-06 --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
if [ "$(head -c 14 "$T/out")" = ",,,membership," ] && [ "$(wc -l <"$T/out")" -eq "$rows" ]; then ok; else bad "csv --no-header: $(head -1 "$T/out")"; fi
run "members text no header" 0 "$G" members CSTO --at 2022-01-06 --no-header
if grep -q "CERTAINTY" "$T/out"; then bad "text --no-header prints the header"; else ok; fi
expect "text --no-header rows" "^  2003-09-18 +KAZ Kazakhstan +founding_member" "$T/out"
run "armenia suspended 2024" 0 "$G" members CSTO --at 2024-06-01 --format json
check "ARM frozen in 2024" "any(r['member']=='ARM' and r['stage']=='frozen' for r in d)"
# Armenia froze its participation in the interview broadcast on 2024-02-22
# (audit M15): the frozen row starts that day, not some day in February.
run "armenia before the freeze" 0 "$G" members CSTO --at 2024-02-21 --format json
check "ARM not frozen on 2024-02-21" "not any(r['member']=='ARM' and r['stage']=='frozen' for r in d)"
run "armenia on the day of the freeze" 0 "$G" members CSTO --at 2024-02-22 --format json
check "ARM frozen, definite, on 2024-02-22" \
	"any(r['member']=='ARM' and r['stage']=='frozen' and r['certainty']=='definite' for r in d)"
# A year-precision row: Azerbaijan joined the OIC in 1992 (audit M1).
run "members possible" 0 "$G" members OIC --at 1992-06-01 --format json
check "AZE in the OIC possible on 1992-06-01" \
	"any(r['member']=='AZE' and r['certainty']=='possible' for r in d)"
run "members definite" 0 "$G" members OIC --at 1992-06-01 --definite --format json
check "--definite leaves possible rows out" "d and all(r['certainty']=='definite' for r in d) and not any(r['member']=='AZE' for r in d)"
# No edge without its nodes (issue 12 point 4), in the answers too: the OIC
# begins on 1969-09-25; its founding members dated "1969" show from then.
run "members before the organization" 0 "$G" members OIC --at 1969-06-01 --format json
check "no OIC members on 1969-06-01" "d == []"
run "members on the organization's first day" 0 "$G" members OIC --at 1969-09-25 --format json
check "AFG in the OIC from 1969-09-25, possible (a member some day of 1969)" \
	"any(r['member']=='AFG' and r['from']=='1969-09-25' and r['certainty']=='possible' for r in d)"
run "succession outlives the predecessor" 0 "$G" relations DEU DDR --at 1990-10-03 --format json
check "DEU successor_of DDR on 1990-10-03" "[r['type'] for r in d] == ['successor_of']"
run "known-on before import" 0 "$G" members CSTO --at 2022-01-06 --known-on 2000-01-01 --format json
check "--known-on 2000: nothing known" "d == []"

# ---- memberships, common, relations
run "memberships" 0 "$G" memberships KAZ --at 2022-06-01 --format json
check "KAZ in CSTO, EAEU" "{'CSTO','EAEU'} <= {r['org'] for r in d}"
run "memberships text" 0 "$G" memberships Kazakhstan
# Issue 11: Germany in NATO in 1980 is the Federal Republic, which continued
# as Germany in 1990 (the GDR acceded to it); West Germany names it too.
run "memberships Germany 1980" 0 "$G" memberships Germany --at 1980-01-01 --format json
check "Germany in 1980: EU NATO OSCE UN" "sorted(r['org'] for r in d) == ['EU','NATO','OSCE','UN'] and {r['member'] for r in d} == {'DEU'}"
# ...as members of a state that exists then (audit S1: it started in 1990).
run "show Germany 1980" 0 "$G" show Germany --at 1980-01-01 --format json
check "Germany lives from 1949-05-23" "d['entity']['code'] == 'DEU' and d['entity']['from'] == '1949-05-23'"
run "memberships West Germany 1980" 0 "$G" memberships "West Germany" --at 1980-01-01 --format json
check "West Germany is DEU" "sorted(r['org'] for r in d) == ['EU','NATO','OSCE','UN']"
run "memberships GDR 1980" 0 "$G" memberships DDR --at 1980-01-01 --format json
check "the GDR in 1980: OSCE UN" "sorted(r['org'] for r in d) == ['OSCE','UN']"
run "relations DEU on unity day" 0 "$G" relations DEU --at 1990-10-03 --format json
check "DEU successor of the GDR, continuing" "[(r['a'],r['type'],r['b']) for r in d] == [('DEU','successor_of','DDR')] and 'continues as one state' in d[0]['attrs']['continuator']"
# Audit M12: the CSTO on the eve and the day of Uzbekistan's suspension.
run "CSTO 2012-12-18" 0 "$G" members CSTO --at 2012-12-18 --format json
check "CSTO 2012-12-18: UZB a member" "sorted(r['member'] for r in d if r['role'] in ('member','founding_member') and r['stage']=='in_force') == ['ARM','BLR','KAZ','KGZ','RUS','TJK','UZB']"
check "CSTO 2012-12-18: UZB listed once" "[r['member'] for r in d].count('UZB') == 1"
run "CSTO 2012-12-19" 0 "$G" members CSTO --at 2012-12-19 --format json
check "CSTO 2012-12-19: UZB suspended" "sorted(r['member'] for r in d if r['role'] in ('member','founding_member') and r['stage']=='in_force') == ['ARM','BLR','KAZ','KGZ','RUS','TJK'] and [r['stage'] for r in d if r['member']=='UZB'] == ['suspended']"
run "common KAZ RUS" 0 "$G" common KAZ RUS --at 2022-06-01 --format json
check "common KAZ RUS" "{'CSTO','EAEU','CIS','SCO'} <= {r['org'] for r in d}"
run "common KAZ TUR" 0 "$G" common KAZ TUR --at 2022-06-01 --format json
check "common KAZ TUR" "'OTS' in {r['org'] for r in d}"
run "relations 2025" 0 "$G" relations KAZ RUS --at 2025-06-01 --format json
check "alliance in 2025" "'alliance' in [r['type'] for r in d] and 'comprehensive_strategic_partnership_alliance' not in [r['type'] for r in d]"
check "relation row shape" "all(set(['a','b','type','directed','from','to','attrs','certainty','sources']) <= set(r) for r in d)"
run "relations 2026" 0 "$G" relations KAZ RUS --at 2026-01-01 --format json
check "CSPA from 2025-11-12" "'comprehensive_strategic_partnership_alliance' in [r['type'] for r in d] and 'alliance' not in [r['type'] for r in d]"
run "relations one" 0 "$G" relations KAZ --format csv

# ---- resolve and show
run "resolve arabic" 0 "$G" resolve "كازاخستان" --format json
check "resolve first KAZ" "d[0]['code'] == 'KAZ' and set(['code','kind','name','matched','lang','score']) <= set(d[0])"
# Audit section 5: the surnames the press uses.
for who in "Токаев:tokayev" "Путин:putin" "Назарбаев:nazarbayev" "Эрдоган:erdogan"; do
	run "resolve ${who%%:*}" 0 "$G" resolve "${who%%:*}" --format json
	check "${who%%:*} is ${who#*:}" "d[0]['code'] == '${who#*:}'"
done
# Audit N1: Moldova carried the Maldives' Arabic name.
run "resolve moldova arabic" 0 "$G" resolve "مولدوفا" --format json
check "مولدوفا is Moldova" "d[0]['code'] == 'MDA'"
run "resolve maldives arabic" 0 "$G" resolve "المالديف" --format json
check "المالديف is the Maldives, by its Arabic name" "d[0]['code'] == 'MDV' and d[0]['matched'] == 'المالديف' and d[0]['lang'] == 'ar'"
# Audit N5: the Holy See by its common Arabic name.
run "resolve vatican arabic" 0 "$G" resolve "الفاتيكان" --format json
check "الفاتيكان is the Holy See" "d[0]['code'] == 'VAT'"
run "resolve typo" 0 "$G" resolve Kazakstan --format json
check "resolve typo" "d[0]['code'] == 'KAZ'"
run "resolve nothing" 0 "$G" resolve "Xqzzyvv" --format json
check "empty answer is a success" "d == []"
run "resolve text" 0 "$G" resolve Kazakhstan
run "show" 0 "$G" show KAZ --at 2022-01-06 --format json
check "show" "d['entity']['code']=='KAZ' and d['names'] and 'CSTO' in [m['org'] for m in d['memberships']]"
run "show text" 0 "$G" show Kazakhstan
expect "show text" "Memberships at" "$T/out"

# ---- events, history, diff, neighbors, path
run "events" 0 "$G" events --actor KAZ --from 2022-01 --to 2022-02 --format json
check "event row shape" "d and all(set(['id','date','end','type','actors','title','intensity','sources']) <= set(e) for e in d)"
check "CSTO deployment on 2022-01-06" "any(e['date']=='2022-01-06' and 'CSTO' in [a['code'] for a in e['actors']] for e in d)"
check "event rows carry a certainty" "d and all(e['certainty'] in ('definite','possible') for e in d)"
check "year-dated events are possible in January 2022" "[e['title'] for e in d if e['date']=='2022'] and all(e['certainty']=='possible' for e in d if e['date']=='2022')"
run "events --definite" 0 "$G" events --actor KAZ --from 2022-01-01 --to 2022-02-01 --definite --format json
check "--definite drops the year-dated events" "d and all(e['date'] != '2022' and e['date'] >= '2022-01-01' and e['date'] < '2022-02' and e['certainty']=='definite' for e in d)"
run "events --definite csv" 0 "$G" events --actor KAZ --from 2022-01-01 --to 2022-02-01 --definite --format csv
# The issue's command (issue 12): the year-dated events (the arrests of
# Nazarbayev's allies, the aid to Ukraine...) are not listed; the
# deployment of 2022-01-06 is, definite.
if grep -q ",event,2022,," "$T/out"; then bad "a year-dated event listed by --definite in January"; else ok; fi
expect "--definite csv keeps the deployment" "^,,,event,2022-01-06,2022-01-20,.*,074,KAZ,definite," "$T/out"
run "events csv possible" 0 "$G" events --actor KAZ --from 2022-01-01 --to 2022-02-01 --format csv
expect "csv shows the aid to Ukraine possible" "^,,,event,2022,,KAZ,073,UKR,possible," "$T/out"
run "events text certainty" 0 "$G" events --actor KAZ --from 2022-01-01 --to 2022-02-01
expect "text shows possible" "2022 .*possible" "$T/out"
run "diff --definite" 0 "$G" diff --from 2022-01-01 --to 2022-02-01 --entity KAZ --definite --format json
check "diff --definite: no year-dated event" "d['events'] and all(e['date'] != '2022' for e in d['events'])"
# ---- legal stages and codings
run "members de jure" 0 "$G" members CSTO --at 2024-02-22 --format json
check "ARM frozen, a member de jure" "[(m['member'], m['stage']) for m in d if m['member'] in ('ARM','UZB')] == [('ARM','frozen'), ('UZB','suspended')]"
run "members de facto" 0 "$G" members CSTO --at 2024-02-22 --de-facto --format json
check "de facto: no ARM, no UZB" "d and not [m for m in d if m['member'] in ('ARM','UZB')] and all(m['stage']=='in_force' for m in d)"
run "members de facto day before" 0 "$G" members CSTO --at 2024-02-21 --de-facto --format json
check "ARM in force on 2024-02-21" "[m['stage'] for m in d if m['member']=='ARM'] == ['in_force']"
# Today (no --at): still frozen, still a founding member de jure (audit M15).
run "members today" 0 "$G" members CSTO --format json
check "ARM frozen today, founding member" "[(m['role'], m['stage']) for m in d if m['member']=='ARM'] == [('founding_member', 'frozen')]"
run "members today de facto" 0 "$G" members CSTO --de-facto --format json
check "ARM not taking part today" "sorted(m['member'] for m in d if m['role']=='founding_member') == ['BLR','KAZ','KGZ','RUS','TJK']"
run "had ratified" 0 "$G" members CIS --at 1993-09-23 --stages had_ratified --format json
check "AZE had not ratified on 1993-09-23" "d and 'AZE' not in [m['member'] for m in d]"
run "had ratified next day" 0 "$G" members CIS --at 1993-09-24 --stages had_ratified --format json
check "AZE ratified on 1993-09-24" "[m['stage'] for m in d if m['member']=='AZE'] == ['in_force']"
run "signed EAEU" 0 "$G" members EAEU --at 2014-12-31 --stages signed --format csv
expect "EAEU signed 2014-05-29" "^,,,membership,2014-05-29,2015-01-01,KAZ,founding_member,EAEU,definite,signed,curated" "$T/out"
run "text shows the stage" 0 "$G" memberships ARM --at 2025
expect "stage column" "STAGE" "$T/out"
run "bad stage" 2 "$G" members CSTO --stages froze
one_line_err "bad stage message" "--stages: 'froze' is not a stage"
run "coding and all codings" 2 "$G" members CSTO --coding curated --all-codings
cp "$DB" "$T/rank.db"
run "coding-rank default" 0 "$G" --db "$T/rank.db" coding-rank cow-igo-3
expect "default rank 100" "^cow-igo-3 100$" "$T/out"
run "coding-rank set" 0 "$G" --db "$T/rank.db" coding-rank --format json -- cow-igo-3 -5
check "rank set" "d == {'coding': 'cow-igo-3', 'rank': -5}"
run "coding-rank bad" 2 "$G" --db "$T/rank.db" coding-rank cow-igo-3 x
# Reading a rank reads: it answers on the built-in dataset; setting one there
# is refused and writes nothing.
run "coding-rank read on the built-in dataset" 0 env -u GEOPOL_DB "$G" coding-rank curated
expect "curated rank read" "^curated [0-9-]*$" "$T/out"
sum_rank=$(cksum <"$DB")
run "coding-rank set on the built-in dataset" 2 env -u GEOPOL_DB "$G" coding-rank curated 7
one_line_err "coding-rank set refused" "^geopol: coding-rank: .*geopol.db is the built-in dataset, which is never written: give --db FILE"
if [ "$(cksum <"$DB")" = "$sum_rank" ]; then ok; else bad "coding-rank changed the built-in dataset"; fi
run "events with type" 0 "$G" events --actor CSTO --with KAZ --type 07 --format json
check "events type prefix" "d and all(e['type'].startswith('07') for e in d)"
run "events text" 0 "$G" events --text CSTO --limit 3
run "events csv" 0 "$G" events --actor KAZ --format csv
run "events --with alone" 2 "$G" events --with KAZ
run "history" 0 "$G" history KAZ RUS --format json
check "history in date order" "len(d) > 3 and [x.get('from') or x.get('date') or '' for x in d] == sorted(x.get('from') or x.get('date') or '' for x in d)"
run "history span" 0 "$G" history KAZ RUS --from 2022 --to 2023
run "diff" 0 "$G" diff --from 2021-12-31 --to 2025-12-31 --entity KAZ --format json
check "diff groups" "set(d) == {'joined','left','relations_started','relations_ended','events'} and all(isinstance(v, list) for v in d.values())"
check "diff: CSPA started" "'comprehensive_strategic_partnership_alliance' in [r['type'] for r in d['relations_started']]"
run "diff text" 0 "$G" diff --from 2021-12-31 --to 2025-12-31 --entity KAZ
expect "diff text change column" "relation_started" "$T/out"
run "diff reversed" 1 "$G" diff --from 2025 --to 2021
run "neighbors" 0 "$G" neighbors KAZ --depth 2 --format json
check "neighbors depth" "d and max(r['depth'] for r in d) == 2 and min(r['depth'] for r in d) == 1"
run "neighbors text" 0 "$G" neighbors KAZ
run "path" 0 "$G" path KAZ ARM --at 2022-01-06 --format json
check "path shape" "d['path'][0]=='KAZ' and d['path'][-1]=='ARM' and len(d['edges'])==len(d['path'])-1"
run "path text" 0 "$G" path KAZ ARM --at 2022-01-06
expect "path line" "KAZ -> .*ARM" "$T/out"

# ---- unknown entity, ambiguous name, bad date
run "unknown entity" 1 "$G" members Atlantis
one_line_err "unknown entity" "Atlantis"
run "ambiguous name" 1 "$G" show Korea
one_line_err "ambiguous lists candidates" "KOR.*PRK|PRK.*KOR"
run "bad date" 1 "$G" members CSTO --at 2022-02-30
one_line_err "bad date message" "^geopol: --at: '2022-02-30' is not a valid date$"
run "bad known-on" 1 "$G" members CSTO --known-on yesterday
run "bad from" 1 "$G" events --from 2022-13

# ---- check
run "check built-in" 0 "$G" check "$SRC/../shared/seeds" "$SRC" --format json
check "check built-in: no error" "not any(f['severity']=='error' for f in d)"
expect "check summary" "^check: 0 errors, [0-9]+ warnings; [0-9]+ quotes checked against their files, 0 whose file is not at hand$" "$T/err"
cat >"$T/bad.json" <<'EOF'
{"format":"geopol-dataset","version":1,
 "entities":[{"code":"CSTO","kind":"organization"},{"code":"UZB","kind":"state","from":"1991-08-31"}],
 "memberships":[{"org":"CSTO","member":"UZB","role":"member","from":"2006-08-16","to":"2012-12-19"},
  {"org":"CSTO","member":"UZB","role":"suspended","from":"2012-06-28","to":"2012-12-19"},
  {"org":"CSTO","member":"UZB","role":"observer","from":"1990","to":"1991"}]}
EOF
run "check init" 0 "$G" init "$T/bad.db"
run "check import" 0 "$G" --db "$T/bad.db" import "$T/bad.json"
cp "$T/bad.db" "$T/bad-before.db"
run "check finds errors" 1 "$G" --db "$T/bad.db" check
expect "check names the suspension" "^error +suspended +membership [0-9]+: UZB in CSTO as suspended \[2012-06-28, 2012-12-19\): a suspension while a member" "$T/out"
expect "check names the row before the state" "^error +life +membership [0-9]+: UZB in CSTO as observer \[1990, 1991\): starts 1990, before UZB exists \(from 1991-08-31\)$" "$T/out"
expect "check summary of errors" "^check: 2 errors, 0 warnings" "$T/err"
if cmp -s "$T/bad.db" "$T/bad-before.db"; then ok; else bad "check wrote to the database"; fi
run "check csv" 1 "$G" --db "$T/bad.db" check --format csv
expect "check csv header" "^severity,rule,record,message$" "$T/out"

# ---- uncited: the facts that cite no source, exactly, on a small database
cat >"$T/unc.json" <<'EOF'
{"format":"geopol-dataset","version":1,
 "sources":[{"code":"s1","title":"A source"}],
 "relation_types":[{"code":"alliance","directed":false}],
 "event_types":[{"code":"042","name":"Make a visit"}],
 "entities":[{"code":"ORG1","kind":"organization","names":[
    {"text":"Org One","lang":"en","kind":"official","sources":[{"source":"s1","quote":"Org One"}]},
    {"text":"Орг Один","lang":"ru","kind":"official"}]},
  {"code":"AAA","kind":"state","from":"1991","names":[{"text":"Aland","lang":"en","kind":"short"}]},
  {"code":"BBB","kind":"state","names":[{"text":"Bland","lang":"en","kind":"short","sources":[{"source":"s1"}]}]}],
 "memberships":[{"org":"ORG1","member":"AAA","role":"member","from":"2001","to":"2005-06-30"},
  {"org":"ORG1","member":"BBB","role":"observer","from":"2002","sources":[{"source":"s1"}]}],
 "relations":[{"a":"AAA","b":"BBB","type":"alliance","from":"2003-04-05"}],
 "events":[{"id":"e1","type":"042","date":"2004-05-06","actors":[{"code":"AAA","role":"source"}],"title":{"en":"A visit"}}]}
EOF
run "uncited init" 0 "$G" init "$T/unc.db"
run "uncited import" 0 "$G" --db "$T/unc.db" import "$T/unc.json"
cp "$T/unc.db" "$T/unc-before.db"
run "uncited csv" 0 "$G" --db "$T/unc.db" uncited --format csv
cat >"$T/unc-want.csv" <<'EOF'
fact,id,record
membership,1,"AAA in ORG1 as member [2001, 2005-06-30)"
relation,1,"AAA alliance BBB [2003-04-05, open)"
event,1,2004-05-06 e1 A visit
name,3,"AAA (en, short) ""Aland"""
name,2,"ORG1 (ru, official) ""Орг Один"""
EOF
if cmp -s "$T/out" "$T/unc-want.csv"; then ok; else bad "uncited csv: $(diff "$T/unc-want.csv" "$T/out")"; fi
if [ "$(cat "$T/err")" = "uncited: 5 facts (1 membership, 1 relation, 1 event, 2 names)" ]; then ok; else bad "uncited count: $(cat "$T/err")"; fi
run "uncited text" 0 "$G" --db "$T/unc.db" uncited
expect "uncited text names the name" '^  name +2 +ORG1 \(ru, official\) "Орг Один"$' "$T/out"
run "uncited json" 0 "$G" --db "$T/unc.db" uncited --format json
check "uncited json rows" "[(r['fact'], r['id']) for r in d] == [('membership', 1), ('relation', 1), ('event', 1), ('name', 3), ('name', 2)]"
if cmp -s "$T/unc.db" "$T/unc-before.db"; then ok; else bad "uncited wrote to the database"; fi
run "uncited known-on" 0 "$G" --db "$T/unc.db" uncited --known-on 2000-01-01
if [ "$(cat "$T/err")" = "uncited: 0 facts (0 memberships, 0 relations, 0 events, 0 names)" ]; then ok; else bad "uncited known-on: $(cat "$T/err")"; fi
expect "uncited none says so" "^  every fact cites a source$" "$T/out"
# The built-in dataset: the 10 names still without a source, which
# check_dataset's core-language tests need (docs/audits-followup/dataset-2026-12-followup.md).
run "uncited built-in" 0 "$G" uncited --format csv
if [ "$(cat "$T/err")" = "uncited: 0 facts (0 memberships, 0 relations, 0 events, 0 names)" ]; then ok; else bad "uncited built-in: $(cat "$T/err")"; fi

# ---- text for a person: fits the screen, in display cells
# width_py: a line's width in terminal cells (combining marks 0, wide 2),
# computed here independently of geopol's own measure (utf8proc).
width_py='
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)
'
# cells FILE: the widest line of FILE, in cells
cells() {
	python3 -c "$width_py
print(max((width(l.rstrip('\n')) for l in open(sys.argv[1], encoding='utf-8')), default=0))" "$1"
}
# column WORD LINE: the cell where WORD starts on line LINE (from 0) of $T/out
column() {
	python3 -c "$width_py
line = open(sys.argv[1], encoding='utf-8').read().split('\n')[int(sys.argv[3])]
print(width(line[:line.index(sys.argv[2])]))" "$T/out" "$1" "$2"
}
run "members narrow" 0 env COLUMNS=60 "$G" members CSTO --at 2022-01-06
if [ "$(cells "$T/out")" -le 60 ]; then ok; else bad "COLUMNS=60: a line of $(cells "$T/out") cells"; fi
expect "cut with an ellipsis" "…" "$T/out"
if [ "$(grep -c '^  [0-9]' "$T/out")" -eq "$rows" ]; then ok; else bad "narrow table lost rows"; fi
run "relations narrow" 0 env COLUMNS=50 "$G" relations KAZ RUS --at 2026-01-01
if [ "$(cells "$T/out")" -le 50 ]; then ok; else bad "COLUMNS=50: a line of $(cells "$T/out") cells"; fi
run "resolve chinese narrow" 0 env COLUMNS=40 "$G" resolve 哈萨克斯坦
if [ "$(cells "$T/out")" -le 40 ]; then ok; else bad "COLUMNS=40 with CJK: a line of $(cells "$T/out") cells"; fi
# Piped (not a terminal) without COLUMNS: nothing is cut.
run "members piped" 0 env -u COLUMNS "$G" members CSTO --at 2022-01-06
if grep -q "…" "$T/out"; then bad "piped output cut"; else ok; fi
expect "piped: whole names" "CSTO Collective Security Treaty Organization" "$T/out"
"$G" events --actor KAZ --from 2022-01 --to 2022-03 --format json >"$T/ev.json"
run "events piped" 0 env -u COLUMNS "$G" events --actor KAZ --from 2022-01 --to 2022-03
if python3 -c "import json,sys; t=open(sys.argv[2],encoding='utf-8').read(); sys.exit(0 if all(e['title'] in t for e in json.load(open(sys.argv[1],encoding='utf-8'))) else 1)" "$T/ev.json" "$T/out"; then ok; else bad "piped events: a title is not whole"; fi
# Wide and combining characters align: the language code sits under LANG.
run "resolve chinese" 0 env -u COLUMNS "$G" resolve 哈萨克斯坦
if [ "$(column LANG 0)" -eq $(($(column ' zh ' 1) + 1)) ]; then ok; else bad "CJK: LANG at $(column LANG 0), ' zh' at $(column ' zh ' 1)"; fi
run "resolve arabic shadda" 0 env -u COLUMNS "$G" resolve "جمهوريّة كازاخستان"
if [ "$(column LANG 0)" -eq $(($(column ' ar ' 1) + 1)) ]; then ok; else bad "Arabic: LANG at $(column LANG 0), ' ar' at $(column ' ar ' 1)"; fi
# --sources: every quote whole, each source on its own line.
"$G" members CSTO --at 2022-01-06 --format json >"$T/m.json"
run "members --sources" 0 env COLUMNS=60 "$G" members CSTO --at 2022-01-06 --sources
if python3 -c "
import json, sys
t = open(sys.argv[2], encoding='utf-8').read()
qs = [s for r in json.load(open(sys.argv[1], encoding='utf-8')) for s in r['sources']]
sys.exit(0 if qs and all(('source %s: \"%s\"' % (s['source'], s['quote']) if s['quote'] else 'source ' + s['source']) in t for s in qs) else 1)" "$T/m.json" "$T/out"; then ok; else bad "--sources: a quote is not whole"; fi

# ---- CSV and JSON for tools
PY=python3
python3 -c "import pandas" 2>/dev/null || PY=/usr/bin/python3
# Every command's CSV loads in pandas and in R's read.csv (with warnings
# made errors), has no ragged row, and both read every row.
R=$(command -v Rscript || true)
[ -n "$R" ] || echo "skipped: no Rscript (cmake/install-deps.sh installs r-base-core)" >&2
i=0
while IFS= read -r line; do
	i=$((i + 1))
	eval "set -- $line"
	"$G" "$@" --format csv >"$T/c$i.csv" 2>"$T/err" || bad "csv: geopol $line failed"
	if $PY -c "
import csv, sys, pandas
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows), 'ragged'
d = pandas.read_csv(sys.argv[1])
assert len(d) == len(rows) - 1, (len(d), len(rows))" "$T/c$i.csv"
	then ok; else bad "csv of 'geopol $line' does not load in pandas"; fi
	[ -n "$R" ] || continue
	lines=$($PY -c "import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))) - 1)" "$T/c$i.csv")
	if "$R" -e 'options(warn = 2); a <- commandArgs(TRUE); d <- read.csv(a[1], encoding = "UTF-8", check.names = FALSE); stopifnot(nrow(d) == as.integer(a[2]))' \
		"$T/c$i.csv" "$lines" >"$T/r.out" 2>&1
	then ok; else bad "csv of 'geopol $line' does not load in R's read.csv: $(tail -3 "$T/r.out")"; fi
done <<'CMDS'
resolve Kazakhstan
show KAZ --at 2022-01-06
members CSTO --at 2022-01-06
memberships KAZ --at 2022
common KAZ TUR --at 2022
relations KAZ RUS --at 2026-01-01
events --actor KAZ --from 2022-01 --to 2022-03
history KAZ RUS
diff --from 2021-12-31 --to 2025-12-31 --entity KAZ
neighbors KAZ --depth 2
path KAZ ARM --at 2022-01-06
check
coding-rank curated
sql 'SELECT org, member, role, from_date, to_date FROM v_memberships LIMIT 20'
CMDS
# show: one table, with the entity, its names, memberships and relations.
if $PY -c "import pandas,sys; d=pandas.read_csv(sys.argv[1]); k=set(d['kind']); sys.exit(0 if k=={'entity','name','membership','relation'} and (d['a']=='KAZ').sum() >= 1 else 1)" "$T/c2.csv"; then ok; else bad "show csv: not one table of the four record kinds"; fi
# The same field has the same value in JSON and CSV.
"$G" relations KAZ --at 2026-01-01 --format json >"$T/r.json"
"$G" relations KAZ --at 2026-01-01 --format csv >"$T/r.csv"
"$G" events --actor KAZ --from 2022-01 --to 2022-03 --format csv >"$T/ev.csv"
if python3 -c "
import csv, json, sys
def load(j, c):
    return json.load(open(j, encoding='utf-8')), list(csv.DictReader(open(c, encoding='utf-8', newline='')))
def codes(r):
    return [s['source'] for s in r['sources']]
def listed(cell):
    return cell.split('; ') if cell else []
rj, rc = load(sys.argv[1], sys.argv[2])
assert len(rj) == len(rc) and any(r['directed'] for r in rj)
for j, c in zip(rj, rc):
    assert c['link'] == j['type'] and c['a'] == j['a'] and c['b'] == j['b'], (c, j)
    assert c['from'] == (j['from'] or '') and c['to'] == (j['to'] or '') and c['certainty'] == j['certainty']
    assert listed(c['sources']) == codes(j), (c['sources'], codes(j))
ej, ec = load(sys.argv[3], sys.argv[4])
assert len(ej) == len(ec) and ej
for j, c in zip(ej, ec):
    acting = [a['code'] for a in j['actors'] if a['role'] in ('source', 'participant')]
    acted = [a['code'] for a in j['actors'] if a['role'] in ('target', 'host')]
    assert c['link'] == j['type'] and listed(c['a']) == acting and listed(c['b']) == acted, (c, j)
    assert c['detail'] == j['title'] and c['from'] == j['date'] and listed(c['sources']) == codes(j)
" "$T/r.json" "$T/r.csv" "$T/ev.json" "$T/ev.csv"
then ok; else bad "JSON and CSV disagree"; fi
if grep -q -- "->" "$T/r.csv"; then bad "csv link carries an arrow"; else ok; fi

# ---- SQL: read-only views, and geopol sql
run "sql text" 0 env -u COLUMNS "$G" sql "SELECT member, role, from_date, to_date FROM v_memberships WHERE org = 'CSTO' AND member = 'KAZ'"
expect "sql header" "^  member  role +from_date +to_date$" "$T/out"
expect "sql row: codes, role names, ISO dates" "^  KAZ     founding_member  2003-09-18 *$" "$T/out"
run "sql json" 0 "$G" sql "SELECT code, kind, from_date, 1 AS n, 0.5 AS x, NULL AS z FROM v_entities WHERE code = 'KAZ'" --format json
check "sql json values" "d == [{'code':'KAZ','kind':'state','from_date':'1991-12-16','n':1,'x':0.5,'z':None}]"
run "sql csv" 0 "$G" sql "SELECT * FROM v_relations WHERE a = 'KAZ'" --format csv
if $PY -c "import pandas,sys; d=pandas.read_csv(sys.argv[1]); sys.exit(0 if len(d) > 5 and {'a','type','b','directed','from_date','to_date','sources'} <= set(d.columns) else 1)" "$T/out"; then ok; else bad "sql csv in pandas"; fi
run "sql empty" 0 "$G" sql "SELECT code FROM v_entities WHERE code = 'NOPE'" --format csv
if [ "$(cat "$T/out")" = "code" ]; then ok; else bad "sql empty csv: $(cat "$T/out")"; fi
# The certainty at a date, by the pattern README documents, is the one
# geopol members gives (SCO on 2023-06-01 has a possible row: BHR from 2023).
run "sql certainty pattern" 0 "$G" sql "WITH at(d) AS (VALUES ('2023-06-01'))
  SELECT member, role, CASE WHEN from_last <= d AND d < to_first THEN 'definite' ELSE 'possible' END AS certainty
  FROM v_memberships, at WHERE org = 'SCO' AND from_first <= d AND d < to_last" --format json
cp "$T/out" "$T/pattern.json"
"$G" members SCO --at 2023-06-01 --format json >"$T/out"
if python3 -c "
import json, sys
a = sorted((r['member'], r['role'], r['certainty']) for r in json.load(open(sys.argv[1])))
b = sorted((r['member'], r['role'], r['certainty']) for r in json.load(open(sys.argv[2])))
sys.exit(0 if a == b and any(x[2] == 'possible' for x in a) else 1)" "$T/pattern.json" "$T/out"; then ok; else bad "SQL certainty pattern differs from members"; fi
# Writes are refused before they run, and nothing changes.
sum=$(cksum <"$DB")
cp "$DB" "$T/mine.db"
for stmt in "DELETE FROM entity" "UPDATE entity SET code = 'X'" "DROP VIEW v_entities" \
	"ATTACH '$T/attached.db' AS x" "PRAGMA journal_mode = WAL" "BEGIN" \
	"WITH x AS (SELECT 1) INSERT INTO meta VALUES ('k', 'v')" "CREATE TABLE t(x)"; do
	run "sql refuses: $stmt" 1 "$G" --db "$T/mine.db" sql "$stmt"
	one_line_err "sql refusal message" "^geopol: sql: only a statement that reads \(SELECT, WITH, VALUES\) may run here: this one would change the database or the connection$"
done
run "sql two statements" 1 "$G" sql "SELECT 1; DELETE FROM entity"
one_line_err "sql one statement" "^geopol: sql: one statement at a time$"
run "sql syntax" 1 "$G" sql "SELEC 1"
one_line_err "sql syntax error" "^geopol: sql: near \"SELEC\": syntax error$"
if [ ! -e "$T/attached.db" ] && [ "$(cksum <"$DB")" = "$sum" ] && cmp -s "$DB" "$T/mine.db"; then ok; else bad "a refused statement changed something"; fi
# The views answer any SQLite reader (here Python's, read-only, with pandas).
if $PY -c "
import sqlite3, sys, pandas
con = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
d = pandas.read_sql(\"SELECT org, member, role, from_date FROM v_memberships WHERE org = 'CSTO' AND member = 'KAZ'\", con)
e = pandas.read_sql('SELECT * FROM v_events e JOIN v_event_actors a ON a.event = e.id WHERE a.code = ?', con, params=('KAZ',))
sys.exit(0 if list(d.iloc[0]) == ['CSTO', 'KAZ', 'founding_member', '2003-09-18'] and len(e) > 3 else 1)" "$DB"; then ok; else bad "pandas.read_sql on the views"; fi

# ---- exports
for f in json ndjson csv graphml gexf dot; do
	run "export $f stdout" 0 "$G" export --format "$f" --at 2022-01-06
	cp "$T/out" "$T/snap.$f"
	run "export $f file" 0 "$G" export --format "$f" --at 2022-01-06 -o "$T/file.$f"
	if cmp -s "$T/snap.$f" "$T/file.$f"; then ok; else bad "export $f: -o and stdout differ"; fi
done
cp "$T/snap.json" "$T/out"
check "export json" "d['at']=='2022-01-06' and any(n['code']=='KAZ' for n in d['nodes']) and d['edges']"
if python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$T/snap.ndjson"; then ok; else bad "ndjson lines"; fi
if python3 - "$T/snap.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
nodes = {r["id"] for r in rows if r["record"] == "node"}
edges = [r for r in rows if r["record"] == "edge"]
assert "KAZ" in nodes and edges
assert all(e["source"] in nodes and e["target"] in nodes for e in edges)
assert any(e["source"] == "KAZ" and e["target"] == "CSTO" for e in edges)
EOF
then ok; else bad "export csv content"; fi
if xmllint --noout "$T/snap.graphml" 2>/dev/null; then ok; else bad "graphml well-formed"; fi
expect "graphml keys" "<key id=\"kind\" for=\"node\"" "$T/snap.graphml"
if dot -Tsvg "$T/snap.dot" >"$T/snap.svg" 2>"$T/dot.err"; then ok; else bad "dot renders: $(head -3 "$T/dot.err")"; fi
expect "dot membership edge" "\"KAZ\" -- \"CSTO\" \\[label=\"founding_member\"" "$T/snap.dot"
run "export gexf span" 0 "$G" export --format gexf --from 1991 --to 2026 -o "$T/span.gexf"
expect "gexf dynamic" "mode=\"dynamic\" timeformat=\"date\"" "$T/span.gexf"
expect "gexf spells" "<spell start=\"2025-11-12\"" "$T/span.gexf"
run "export dot span" 0 "$G" export --format dot --from 2020 --to 2023 -o "$T/span.dot"
if dot -Tsvg "$T/span.dot" >/dev/null 2>&1; then ok; else bad "span dot renders"; fi
if [ -f "$SCHEMA" ]; then
	for x in snap.gexf span.gexf; do
		if xmllint --noout --schema "$SCHEMA" "$T/$x" 2>"$T/xsd.err"; then ok; else bad "$x against GEXF 1.3: $(head -3 "$T/xsd.err")"; fi
	done
else
	echo "skip: $SCHEMA not found, GEXF not validated against the schema"
fi
run "export unknown format" 2 "$G" export --format pdf
run "export span with json" 2 "$G" export --format json --from 2020 --to 2021
run "export span half" 2 "$G" export --format gexf --from 2020
run "export unwritable" 1 "$G" export --format gexf -o /nonexistent/dir/x.gexf
one_line_err "unwritable output" "/nonexistent/dir/x.gexf"
if [ ! -e /nonexistent/dir/x.gexf ]; then ok; else bad "unwritable: file exists"; fi

# ---- init and import
run "init" 0 "$G" init "$T/new.db"
run "import json" 0 "$G" --db "$T/new.db" import "$SRC/data/10-states.json" "$SRC/data/20-organizations.json"
one_line_err "import summary" "^imported 2 files: [0-9,]+ records, [0-9,]+ added, [0-9,]+ unchanged$"
run "import again: unchanged" 0 "$G" --db "$T/new.db" import "$SRC/data/20-organizations.json"
one_line_err "re-import adds nothing" "imported 1 file: .*, 0 added"
run "members in new db" 0 "$G" --db "$T/new.db" members CSTO --at 2022-01-06 --format json
check "new db answers" "'KAZ' in [r['member'] for r in d]"
count() { "$G" --db "$T/new.db" export --format ndjson --at 2022-01-06 | wc -l; }
before=$(count)
printf '{"format":"geopol-dataset","version":1,"entities":[{"code":"ZZZ","kind":"state"}],"memberships":[{"org":"CSTO","member":"ZZZ","from":"2022-02-30"}]}' >"$T/bad.json"
run "import bad date" 1 "$G" --db "$T/new.db" import "$T/bad.json"
one_line_err "import error names the field" "bad.json"
printf '{"format":"geopol-dataset", "entities": [' >"$T/malformed.json"
run "import malformed" 1 "$G" --db "$T/new.db" import "$SRC/data/25-names.json" "$T/malformed.json"
one_line_err "malformed file named" "malformed.json"
after=$(count)
if [ "$before" = "$after" ] && [ "$before" -gt 0 ]; then ok; else bad "failed imports changed the database ($before -> $after rows)"; fi
run "import stdin" 0 "$G" --db "$T/new.db" import --format json - <"$SRC/data/25-names.json"
one_line_err "import - reads stdin" "^imported 1 file: [0-9,]+ records"
run "import stdin twice" 2 "$G" --db "$T/new.db" import - -
one_line_err "stdin once" "^geopol: import: '-' \(standard input\) may be given once$"
sum=$(cksum <"$DB")
run "import into the built-in dataset" 2 env -u GEOPOL_DB "$G" import "$SRC/data/10-states.json"
one_line_err "import refuses the built-in dataset" "^geopol: import: .*geopol.db is the built-in dataset, which is never written: give --db FILE"
run "import via GEOPOL_DB into the built-in dataset" 2 "$G" import "$SRC/data/10-states.json"
run "init over the built-in dataset" 2 "$G" init "$DB"
one_line_err "init refuses the built-in dataset" "give --db FILE"
if [ "$(cksum <"$DB")" = "$sum" ]; then ok; else bad "the built-in dataset changed"; fi
# ---- the datasets' importers (tests/fixtures)
FX="$SRC/tests/fixtures"
run "init ds" 0 "$G" init "$T/ds.db"
run "gdelt nul stops" 1 "$G" --db "$T/ds.db" import --format gdelt "$FX/gdelt-url-nul.csv"
one_line_err "gdelt nul names the column" "^geopol: .*gdelt-url-nul.csv:2:SOURCEURL: a NUL byte inside the field$"
run "skip bad rows" 0 "$G" --db "$T/ds.db" import --format gdelt --skip-bad-rows "$FX/gdelt-url-nul.csv" "$FX/gdelt-geo-badutf8.csv" "$FX/gdelt-apr2012.csv"
expect "summary says why" "^imported 3 files: 12 records, 10 added, 0 unchanged, 2 skipped \(1 SOURCEURL: a NUL byte inside the field; 1 ActionGeo_FullName: not valid UTF-8\)$" "$T/err"
run "events by QuadClass" 0 "$G" --db "$T/ds.db" events --quad 4 --format json
check "quad 4 with details" "[e['ext_id'] for e in d] == ['GDELT:189358751'] and d[0]['details']['quad_class'] == 4 and d[0]['details']['num_mentions'] == 4"
run "bad quad" 2 "$G" --db "$T/ds.db" events --quad 5
run "gdelt 2.0 zip" 0 "$G" --db "$T/ds.db" import --format gdelt "$FX/gdelt2.export.CSV.zip"
one_line_err "zip summary" "^imported 1 file: 3 records, 3 added, 0 unchanged$"
run "atop" 0 "$G" --db "$T/ds.db" import --format atop "$FX/atop-1110.csv"
run "pledges" 0 "$G" --db "$T/ds.db" pledges GBR TUR --at 1840-08-01 --format json
check "a defense pledge from GBR to TUR" "[(r['org'], r['member']) for r in d] == [('ATOP:1110', 'GBR'), ('ATOP:1110', 'TUR')]"
run "no pledge back" 0 "$G" --db "$T/ds.db" pledges TUR GBR defense --at 1840-08-01 --format json
check "none from TUR" "d == []"
run "bad obligation" 1 "$G" --db "$T/ds.db" pledges TUR GBR friendship
run "members with their obligations" 0 "$G" --db "$T/ds.db" members ATOP:1110 --at 1840-08-01 --format json
# ATOP 1110's member-level rows: defense 1/1/1/1/0 and offense 1/0/1/0/1 for
# GBR, Prussia (255, DEU), Austria (300), Russia, Turkey (the importers' audit).
check "each member's own obligations" "{r['member']: (r['attrs']['defense'], r['attrs']['offense']) for r in d} == {'GBR': ('1', '1'), 'DEU': ('1', '0'), 'COW:300': ('1', '1'), 'RUS': ('1', '0'), 'TUR': ('0', '1')} and all(r['attrs']['provisions']['cowid'] == '2023' for r in d)"
run "show attributes" 0 "$G" --db "$T/ds.db" show ATOP:1110 --format json
check "alliance obligations shown" "d['attributes']['defense'] == '1' and d['attributes']['offense'] == '1'"
run "show attributes known before" 0 "$G" --db "$T/ds.db" show ATOP:1110 --known-on 2000-01-01 --format json
check "no attributes known in 2000" "'attributes' not in d and d['names'] == []"
run "cow-states" 0 "$G" --db "$T/ds.db" import --format cow-states "$FX/cow-states.csv"
head -4 "$FX/cow-states.csv" | sed 's/1906,9,25/1906,9,28/' >"$T/release.csv"
run "release" 0 "$G" --db "$T/ds.db" import --format cow-states --release "$T/release.csv"
one_line_err "release summary" "^imported 1 file: 3 records, 0 added, 4 unchanged, 1 corrected, 14 retracted$"
run "release of json" 1 "$G" --db "$T/ds.db" import --release "$SRC/data/25-names.json"
run "members of another coding" 0 "$G" --db "$T/ds.db" members COW:SYSTEM --at 2000 --format json
check "no attrs on rows that have none" "len(d) > 0 and all('attrs' not in r for r in d)"
run "import missing file" 1 "$G" --db "$T/new.db" import "$T/nope.json"
run "import unknown format" 2 "$G" --db "$T/new.db" import --format nope "$T/bad.json"
run "import no files" 2 "$G" --db "$T/new.db" import
echo "this is not a database, just text" >"$T/text.db"
run "not sqlite" 1 "$G" --db "$T/text.db" members CSTO
one_line_err "not sqlite" "text.db"
run "not sqlite import" 1 "$G" --db "$T/text.db" import "$SRC/data/10-states.json"
run "missing db" 1 "$G" --db "$T/missing.db" members CSTO
if [ ! -e "$T/missing.db" ]; then ok; else bad "a query created the database file"; fi
run "GEOPOL_DB" 0 env GEOPOL_DB="$T/new.db" "$G" members CSTO --format json
run "built-in db" 0 env -u GEOPOL_DB "$G" members CSTO --at 2022-01-06 --format json
check "built-in db found" "'KAZ' in [r['member'] for r in d]"

# ---- the real COW IGO file onto the built-in dataset (when ../shared/data
# is there): each mapping of an ioname onto a built-in organization is the
# one the rule gives, recomputed from the raw files by tests/cow_igo_mappings.py
IGO="$SRC/../shared/data/cow/igo_year_format3.csv"
if [ -f "$IGO" ]; then
	cp "$DB" "$T/igo.db"
	run "cow-igo onto the built-in dataset" 0 "$G" --db "$T/igo.db" import --format cow-igo "$IGO"
	run "each mapping checked against the entity's life and names" 0 \
		python3 "$SRC/tests/cow_igo_mappings.py" "$IGO" "$SRC/data" "$G" "$T/igo.db"
	expect "EEC is its own, tied to EU" "^COW:IGO:EEC corresponds_to EU$" "$T/out"
	expect "CSTO is the built-in one" "^cow-igo 1125 CSTO$" "$T/out"
	run "show EU" 0 "$G" --db "$T/igo.db" show EU --format json
	check "the built-in EU keeps its name and life" "d['entity']['name'] == 'European Union' and d['entity']['from'] == '1958-01-01'"
fi

# ---- demo
run "demo" 0 env -C "$T" "$G" demo
expect "demo members" "CSTO" "$T/out"
expect "demo sources" "^      sources?: " "$T/out"
if [ -s "$T/kazakhstan-2022-01-06.gexf" ]; then ok; else bad "demo wrote no GEXF"; fi
run "demo -o json" 0 "$G" demo -o "$T/demo.gexf" --format json
check "demo json" "d['snapshot'].endswith('demo.gexf') and d['csto_members_2022_01_06'] and set(d['kazakhstan_changes']) >= {'joined','events'}"
if [ -f "$SCHEMA" ]; then
	if xmllint --noout --schema "$SCHEMA" "$T/demo.gexf" 2>/dev/null; then ok; else bad "demo gexf valid"; fi
fi
run "demo csv" 2 "$G" demo --format csv -o "$T/demo2.gexf"
one_line_err "demo csv refused" "^geopol: demo: --format must be text or json"
if [ ! -s "$T/out" ] && [ ! -e "$T/demo2.gexf" ]; then ok; else bad "demo csv wrote something"; fi
run "demo unwritable" 1 "$G" demo -o /nonexistent/dir/x.gexf

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
