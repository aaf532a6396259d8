#!/usr/bin/env bash
# export_cli_test.sh - focused exports through the geopol command, on the
# built-in dataset: what a user checks (the nodes of Kazakhstan's
# neighbourhood, a span's first day, networkx and igraph reading the files).
#   bash tests/export_cli_test.sh GEOPOL_BINARY BUILD_DIR SOURCE_DIR
# Ends with "N passed, M failed"; exits nonzero on any failure.
set -u
G=${1:?geopol binary}
case $G in /*) ;; *) G="$PWD/$G" ;; esac
BUILD=${2:?build dir}
SRC=${3:?source dir}
SCHEMA="$SRC/../shared/data/gexf-1.3/gexf.xsd"
T=$(mktemp -d "${TMPDIR:-/tmp}/geopol-export.XXXXXX")
trap 'rm -rf "$T"' EXIT
export GEOPOL_DB="$BUILD/geopol.db"
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

# py NAME FILE PYTHON : runs the Python code with sys.argv[1] = FILE
py() {
	local name=$1 file=$2
	if "${PY:-python3}" - "$file" <"$T/py" 2>"$T/py.err"; then ok; else bad "$name: $(tail -3 "$T/py.err")"; fi
}

one_line_err() {
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -Eq -- "$2" "$T/err"; then ok; else bad "$1: stderr: $(cat "$T/err")"; fi
}

# ---- the neighbourhood of Kazakhstan on 2022-01-06, states and organizations
run "focus csv" 0 "$G" export --format csv --around Kazakhstan --depth 1 --kinds state,organization \
	--orgs CSTO,EAEU,SCO --at 2022-01-06 -o "$T/kaz.csv"
cat >"$T/py" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
nodes = {r["id"]: r["kind"] for r in rows if r["record"] == "node"}
edges = [r for r in rows if r["record"] == "edge"]
orgs = {c for c, k in nodes.items() if k == "organization"}
assert orgs == {"CSTO", "EAEU", "SCO"}, orgs
assert set(nodes.values()) == {"state", "organization"}, nodes
# every node is KAZ or one hop from it, and every edge joins two nodes kept
kaz = {e["target"] if e["source"] == "KAZ" else e["source"] for e in edges if "KAZ" in (e["source"], e["target"])}
assert set(nodes) == kaz | {"KAZ"}, set(nodes) ^ (kaz | {"KAZ"})
assert all(e["source"] in nodes and e["target"] in nodes for e in edges)
# the alliance with Russia held that day; no one of the other organizations
assert any(e["type"] == "alliance" and {e["source"], e["target"]} == {"KAZ", "RUS"} for e in edges)
assert {"RUS", "CHN"} <= set(nodes) and "UN" not in nodes
# CSTO's members of that day that are KAZ's neighbours are there
assert {e["source"] for e in edges if e["target"] == "CSTO"} >= {"KAZ", "RUS"}
EOF
py "focus: Kazakhstan's neighbourhood" "$T/kaz.csv"

# The same focus in every format: the same nodes.
for f in json ndjson graphml gexf dot; do
	run "focus $f" 0 "$G" export --format "$f" --around KAZ --kinds state,organization \
		--orgs CSTO,EAEU,SCO --at 2022-01-06 -o "$T/kaz.$f"
done
cat >"$T/py" <<'EOF'
import csv, json, re, sys
base = sys.argv[1][:-4]
want = {r["id"] for r in csv.DictReader(open(base + ".csv", encoding="utf-8")) if r["record"] == "node"}
got = {
  "json": {n["code"] for n in json.load(open(base + ".json"))["nodes"]},
  "ndjson": {o["code"] for o in map(json.loads, open(base + ".ndjson")) if o["record"] == "entity"},
  "graphml": set(re.findall(r'<node id="([^"]+)"', open(base + ".graphml").read())),
  "gexf": set(re.findall(r'<node id="([^"]+)"', open(base + ".gexf").read())),
  "dot": set(re.findall(r'^  "([^"]+)" \[label', open(base + ".dot").read(), re.M)),
}
for f, nodes in got.items():
    assert nodes == want, (f, nodes ^ want)
EOF
py "focus: same nodes in every format" "$T/kaz.csv"

# ---- a span is clipped: a dynamic GEXF over 2020-2026 starts in 2020
run "span gexf" 0 "$G" export --format gexf --from 2020 --to 2026 -o "$T/span.gexf"
cat >"$T/py" <<'EOF'
import re, sys
x = open(sys.argv[1]).read()
starts = re.findall(r'start="([0-9-]+)"', x)
ends = re.findall(r'end="([0-9-]+)"', x)
assert min(starts) == "2020-01-01", min(starts)
assert max(ends) == "2025-12-31", max(ends)
# the alliance with Russia ends the day before its successor starts
assert re.search(r'source="KAZ" target="RUS" label="alliance">.*?<spell start="2020-01-01" end="2025-11-11"/>', x, re.S)
EOF
py "span clipped to 2020-2026" "$T/span.gexf"
if [ -f "$SCHEMA" ]; then
	if xmllint --noout --schema "$SCHEMA" "$T/span.gexf" 2>"$T/xsd.err"; then ok; else bad "span gexf against GEXF 1.3: $(head -3 "$T/xsd.err")"; fi
fi

# ---- networkx (and igraph when installed) read GraphML and GEXF 1.2
run "gexf 1.2" 0 "$G" export --format gexf --gexf-version 1.2 --around KAZ --from 2020 --to 2026 -o "$T/kaz12.gexf"
run "gexf 1.3 focused" 0 "$G" export --format gexf --around KAZ --from 2020 --to 2026 -o "$T/kaz13.gexf"
run "graphml span" 0 "$G" export --format graphml --around KAZ --from 2020 --to 2026 -o "$T/kaz12.graphml"
run "graphml world" 0 "$G" export --format graphml --at 2022-01-06 -o "$T/world.graphml"
cat >"$T/py" <<'EOF'
import sys
import networkx as nx
base = sys.argv[1][:-5]
for g in (nx.read_gexf(base + ".gexf"), nx.read_graphml(base + ".graphml")):
    assert g.is_directed() and g.is_multigraph(), type(g)
    assert "KAZ" in g and "RUS" in g
    kr = [d for u, v, d in g.edges(data=True) if {u, v} == {"KAZ", "RUS"}]
    types = {d.get("type") for d in kr}
    assert {"alliance", "comprehensive_strategic_partnership_alliance", "criticizes"} <= types, types
    assert all(isinstance(d["directed"], bool) for d in kr)
    assert any(d["directed"] for d in kr if d["type"] == "criticizes")
    assert not any(d["directed"] for d in kr if d["type"] == "alliance")
if int(nx.__version__.split(".")[0]) >= 3:   # networkx 3 reads GEXF 1.3 too
    g = nx.read_gexf(base[:-len("kaz12")] + "kaz13.gexf")
    assert g.is_directed() and "KAZ" in g
w = nx.read_graphml(base[:-len("kaz12")] + "world.graphml")
assert w.number_of_nodes() > 200 and w.number_of_edges() > 400, (w.number_of_nodes(), w.number_of_edges())
EOF
# Debian's networkx (2.8, /usr/bin/python3) and the python3 on PATH, when
# it is another one with its own networkx (3.x).
for py3 in /usr/bin/python3 python3; do
	if "$py3" -c "import networkx" 2>/dev/null; then
		v=$("$py3" -c "import networkx; print(networkx.__version__)")
		PY=$py3 py "networkx $v reads GraphML and GEXF 1.2" "$T/kaz12.gexf"
	else
		echo "skip: no networkx for $py3 (Debian: python3-networkx)"
	fi
done
cat >"$T/py" <<'EOF'
import sys
import igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
assert g.is_directed() and g.vcount() > 200 and g.ecount() > 400, (g.vcount(), g.ecount())
EOF
if /usr/bin/python3 -c "import igraph" 2>/dev/null; then
	PY=/usr/bin/python3 py "igraph reads GraphML" "$T/world.graphml"
else
	echo "skip: python3-igraph is not installed"
fi

# ---- the picture: Kazakhstan's neighbourhood on 2022-01-06, drawn by dot
run "svg" 0 "$G" export --format svg --around KAZ --at 2022-01-06 -o "$T/kaz.svg"
cat >"$T/py" <<'EOF'
import re, sys
import xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
texts = [("".join(t.itertext())) for t in root.iter("{http://www.w3.org/2000/svg}text")]
assert "Around Kazakhstan on 2022-01-06" in texts, texts[:5]
assert "Legend" in texts and "possible on the date" in texts
boxes = {}
for g in root.iter("{http://www.w3.org/2000/svg}g"):
    if g.get("class") != "node":
        continue
    name = g.find("s:title", ns).text
    e = g.find("s:ellipse", ns)
    p = g.find("s:polygon", ns)
    if e is not None:
        cx, cy, rx, ry = (float(e.get(k)) for k in ("cx", "cy", "rx", "ry"))
        boxes[name] = (cx - rx, cy - ry, cx + rx, cy + ry)
    elif p is not None:
        pts = [tuple(map(float, xy.split(","))) for xy in p.get("points").split()]
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        boxes[name] = (min(xs), min(ys), max(xs), max(ys))
for n in ("KAZ", "RUS", "CHN", "CSTO", "EAEU", "SCO", "tokayev"):
    assert n in boxes, (n, sorted(boxes))
names = sorted(boxes)
for i, a in enumerate(names):
    for b in names[i + 1:]:
        A, B = boxes[a], boxes[b]
        if A[0] < B[2] - 1 and B[0] < A[2] - 1 and A[1] < B[3] - 1 and B[1] < A[3] - 1:
            raise SystemExit("overlap: %s %s %s %s" % (a, A, b, B))
# definite and possible relations are drawn differently
assert 'stroke-dasharray' in open(sys.argv[1]).read()
print(len(boxes), "nodes, none overlapping")
EOF
py "svg: title, legend, no two nodes overlap" "$T/kaz.svg"
run "png" 0 "$G" export --format png --around KAZ --at 2022-01-06 -o "$T/kaz.png"
if [ "$(head -c 8 "$T/kaz.png" | od -An -tx1 | tr -d ' ')" = "89504e470d0a1a0a" ]; then ok; else bad "png: not a PNG"; fi
run "svg without dot" 1 env PATH=/nonexistent "$G" export --format svg --around KAZ -o "$T/nodot.svg"
one_line_err "svg without dot: message" "export: svg needs Graphviz's 'dot' program"
if [ ! -e "$T/nodot.svg" ]; then ok; else bad "svg without dot wrote a file"; fi

# ---- the HTML page, in headless Chromium with no network
html_state() {   # html_state FILE HASH OUT: the page's test hook after load
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--host-resolver-rules="MAP * ~NOTFOUND" --dump-dom "file://$1#$2" 2>/dev/null >"$T/dom.html"
	python3 - "$T/dom.html" >"$3" <<'EOF'
import html, json, re, sys
m = re.findall(r'<pre id="geopol-test" hidden="">(.*?)</pre>', open(sys.argv[1], encoding="utf-8").read(), re.S)
print(html.unescape(m[-1]) if m else "{}")
EOF
}
"$G" export --format html --around KAZ --from 2020 --to 2026 -o "$T/kaz.html" 2>"$T/err"
html_rc=$?
if [ $html_rc -ne 0 ] && grep -q "built without its viewer" "$T/err"; then
	echo "skip: the HTML view: $(cat "$T/err") (npm ci could not reach the registry)"
elif [ $html_rc -ne 0 ]; then
	bad "html export: $(cat "$T/err")"
elif ! command -v chromium >/dev/null 2>&1; then
	echo "skip: the HTML view is not opened: no chromium (Debian: apt-get install chromium)"
else
	ok
	# self-contained: no script, style or image fetched from elsewhere
	if grep -Eq '<(script|link|img)[^>]+(src|href)=' "$T/kaz.html"; then bad "html fetches something"; else ok; fi
	html_state "$T/kaz.html" "day=2025-11-11" "$T/before.json"
	html_state "$T/kaz.html" "day=2025-11-12" "$T/after.json"
	run "html with --types alliance" 0 "$G" export --format html --around KAZ --types alliance \
		--from 2020 --to 2026 -o "$T/alliance.html"
	html_state "$T/alliance.html" "day=2025-11-11" "$T/abefore.json"
	html_state "$T/alliance.html" "day=2025-11-12" "$T/aafter.json"
	html_state "$T/kaz.html" "day=2022-01-06&q=%D9%83%D8%A7%D8%B2%D8%A7%D8%AE%D8%B3%D8%AA%D8%A7%D9%86" "$T/search.json"
	grep -o '<span id="matches">.*</span>' "$T/dom.html" >"$T/matches.html"
	alliance_id=$(grep -o '{"id":"r[0-9]*","kind":"relation","source":"KAZ","target":"RUS","type":"alliance"' "$T/kaz.html" | cut -d'"' -f4)
	html_state "$T/kaz.html" "day=2022-01-06&select=$alliance_id" "$T/click.json"
	sed -n '/<aside id="info">/,/<\/aside>/p' "$T/dom.html" >"$T/info.html"
	cat >"$T/py" <<'EOF'
import json, re, sys
T = sys.argv[1]
page = open(T + "/kaz.html", encoding="utf-8").read()
data = json.loads(re.search(r'<script id="geopol-data" type="application/json">(.*?)</script>', page, re.S).group(1))
def rel(t):
    return next(e["id"] for e in data["edges"] if e["type"] == t and {e["source"], e["target"]} == {"KAZ", "RUS"})
old, new = rel("alliance"), rel("comprehensive_strategic_partnership_alliance")
b, a = (json.load(open(T + f)) for f in ("/before.json", "/after.json"))
assert b["errors"] == [] and a["errors"] == [], (b["errors"], a["errors"])
assert b["day"] == "2025-11-11" and a["day"] == "2025-11-12", (b["day"], a["day"])
assert old in b["visible"] and old not in a["visible"], "the alliance ends on 2025-11-12"
assert new in a["visible"] and new not in b["visible"], "its successor starts on 2025-11-12"
ab, aa = (json.load(open(T + f)) for f in ("/abefore.json", "/aafter.json"))
assert ab["errors"] == [] and aa["errors"] == []
assert len(ab["visible"]) == len(aa["visible"]) + 1, (len(ab["visible"]), len(aa["visible"]))
# the Arabic name finds Kazakhstan; its quotes are in the page, in Arabic
assert 'data-id="KAZ"' in open(T + "/matches.html", encoding="utf-8").read()
assert any(s["quote"] and re.search("[\u0600-\u06ff]", s["quote"]) for e in data["edges"] if e["id"] == old for s in e["sources"])
# a click on the alliance: its dates, certainty on the day, its sources with
# their quotes, shown right to left when Arabic
info = open(T + "/info.html", encoding="utf-8").read()
assert "Kazakhstan — alliance — Russian Federation" in info, info[:300]
assert "on 2022-01-06: definite" in info and "2020-01-01 to 2025-11-12" in info, info[:500]
assert re.search(r'<blockquote dir="auto">[^<]*[\u0600-\u06ff]', info), info[:800]
print("visible edges on 2025-11-11 / 2025-11-12:", len(b["visible"]), len(a["visible"]),
      "; alliances only:", len(ab["visible"]), len(aa["visible"]))
EOF
	py "html: the slider across 2025-11-12, search in Arabic, no errors" "$T"
	shot="$BUILD/export-html-kazakhstan.png"
	rm -f "$shot"
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
		--host-resolver-rules="MAP * ~NOTFOUND" --window-size=1500,950 --screenshot="$shot" \
		"file://$T/kaz.html#day=2022-01-06" >/dev/null 2>&1
	if [ "$(head -c 8 "$shot" 2>/dev/null | od -An -tx1 | tr -d ' ')" = "89504e470d0a1a0a" ]; then
		ok
		echo "screenshot kept: $shot"
	else
		bad "html: no screenshot"
	fi
fi

# ---- bad focus: one line naming what, nothing written
run "around unknown" 1 "$G" export --format gexf --around Atlantis -o "$T/x.gexf"
one_line_err "around unknown: message" "no entity is named 'Atlantis'"
run "orgs not an organization" 1 "$G" export --format gexf --orgs KAZ -o "$T/x.gexf"
one_line_err "orgs: message" "export: orgs: 'KAZ' is not an organization"
run "unknown type" 1 "$G" export --format gexf --types alliances -o "$T/x.gexf"
one_line_err "types: message" "export: types: no relation type 'alliances'"
run "unknown kind" 2 "$G" export --format gexf --kinds state,country -o "$T/x.gexf"
one_line_err "kinds: message" "--kinds: unknown kind 'country'"
run "empty item" 2 "$G" export --format gexf --orgs CSTO,,SCO -o "$T/x.gexf"
one_line_err "empty item: message" "--orgs: 'CSTO,,SCO' has an empty item"
run "depth alone" 2 "$G" export --format gexf --depth 2 -o "$T/x.gexf"
run "depth range" 2 "$G" export --format gexf --around KAZ --depth 11 -o "$T/x.gexf"
run "gexf version bad" 2 "$G" export --format gexf --gexf-version 1.1 -o "$T/x.gexf"
run "gexf version not gexf" 2 "$G" export --format csv --gexf-version 1.2 -o "$T/x.gexf"
if [ ! -e "$T/x.gexf" ]; then ok; else bad "a refused export wrote a file"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
