#!/bin/sh
# Evidence for docs/audits-followup/dataset-2026-12-followup.md: each audit row
# asked of the built-in dataset with the CLI. Run from the source tree after
# `make build`: sh docs/audits-followup/dataset-2026-12-evidence.sh
G=${GEOPOL:-./build/geopol}
DB=${GEOPOL_DB_FILE:-./build/geopol.db}
g() { "$G" --db "$DB" "$@"; }
# ev and rel put codes into SQL: only codes and event ids are taken.
code() {
	case $1 in
	'' | *[!A-Za-z0-9:/_.+-]*) echo "not a code or event id: $1" >&2; exit 2 ;;
	esac
}
# mem ORG MEMBER DATE: that member's rows in ORG at DATE (every stage, the
# curated coding): from,to,member,role,org,certainty,stage
mem() {
	out=$(g members "$1" --at "$3" --stages all --coding curated --format csv --no-header |
		awk -F, -v c="$2" '$7 == c { print $5 "," $6 "," $7 "," $8 "," $9 "," $10 "," $11 }')
	printf '%s %s %s: %s\n' "$1" "$2" "$3" "${out:-(none)}"
}
# orgs ENTITY DATE: the organizations ENTITY belongs to at DATE (de jure)
orgs() {
	out=$(g memberships "$1" --at "$2" --format csv --no-header | awk -F, '{ printf "%s%s", sep, $9; sep=" " }')
	printf 'memberships %s --at %s: %s\n' "$1" "$2" "${out:-(none)}"
}
# life CODE: the entity's life, from,to (empty: open)
life() { g show "$1" --format csv | sed -n 2p | cut -d, -f5,6; }
# res NAME: the best candidate
res() { printf 'resolve %s: %s\n' "$1" "$(g resolve "$1" --format csv --no-header 2>&1 | head -1)"; }
# ev EXT_ID: an event's date,end,type,goldstein,actors
ev() {
	code "$1"
	g sql "SELECT v.date, v.end_date, v.type, v.intensity,
	  (SELECT group_concat(a.code || ':' || a.role, ' ') FROM v_event_actors a WHERE a.event = v.id) AS actors
	  FROM v_events v WHERE v.ext_id = '$1'" --format csv --no-header
}
# rel A B: every relation between A and B, either way round, whole history
rel() {
	code "$1"; code "$2"
	g sql "SELECT a, type, b, from_date, to_date, sources FROM v_relations
	  WHERE (a = '$1' AND b = '$2') OR (a = '$2' AND b = '$1') ORDER BY from_first" --format csv --no-header
}
"$@"
