#!/usr/bin/env bash
# Installs into a scratch prefix, runs the installed geopol as a user who
# cannot write its dataset, then builds a program against the installed
# library twice: with pkg-config, and with CMake's find_package.
# usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
chmod 755 "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
fail() { echo "FAIL: $*" >&2; exit 1; }

# ---- manual pages and shell completion
man1="$work/prefix/share/man/man1/geopol.1"
[ -s "$man1" ] || fail "no geopol(1)"
# Every command of 'geopol --help' has its entry in geopol(1).
commands=$("$work/prefix/bin/geopol" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF {print $1}')
[ "$(echo "$commands" | wc -l)" -ge 15 ] || fail "commands not read from --help: $commands"
# Every command of 'geopol --help', and every option of its own help, has
# its entry in geopol(1).
for cmd in $commands; do
	grep -qF "\\fB$cmd\\fR" "$man1" || fail "geopol(1) does not describe '$cmd'"
	for opt in $("$work/prefix/bin/geopol" "$cmd" --help | grep -oE '^  +(--[a-z-]+|-[a-z])' | sort -u); do
		grep -qF "\\fB$opt\\fR" "$man1" || fail "geopol(1) does not describe $cmd's option $opt"
	done
done
for page in geopol geopol_open geopol_members geopol_open_options GEOPOL_OK; do
	[ -s "$work/prefix/share/man/man3/$page.3" ] || fail "no $page(3)"
done
grep -q "geopol_members" "$work/prefix/share/man/man3/geopol.3" || fail "geopol(3) lacks geopol_members"
if command -v man >/dev/null; then
	MANPATH="$work/prefix/share/man" man -P cat geopol_open 2>/dev/null | grep -q "Open the database at path" ||
		fail "man geopol_open does not show the header's comment"
fi
bashc="$work/prefix/share/bash-completion/completions/geopol"
zshc="$work/prefix/share/zsh/vendor-completions/_geopol"
[ -s "$bashc" ] && [ -s "$zshc" ] || fail "shell completion not installed"
# complete WORDS... : what bash completes for the last word.
complete_bash() {
	PATH="$work/prefix/bin:$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _geopol; echo "${COMPREPLY[*]}"' \
		sh "$bashc" "$@"
}
[ "$(complete_bash geopol mem)" = "members memberships" ] || fail "bash: commands: $(complete_bash geopol mem)"
[ "$(complete_bash geopol export --format g)" = "graphml gexf" ] || fail "bash: export formats"
[ "$(complete_bash geopol members CSTO --format '')" = "text json csv" ] || fail "bash: output formats"
[ "$(complete_bash geopol import --format co)" = "cow-states cow-igo" ] || fail "bash: import formats"
[ "$(complete_bash geopol events --li)" = "--limit" ] || fail "bash: command options"
# Entity codes come from the database in use (the built-in one here).
# codes_like PREFIX: the codes of the installed dataset that start with PREFIX.
codes_like() {
	python3 -c "import sqlite3,sys; c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro', uri=True); print(' '.join(sorted(r[0] for r in c.execute('SELECT code FROM entity') if r[0].startswith(sys.argv[2]))))" \
		"$work/prefix/share/geopol/geopol.db" "$1"
}
[ "$(complete_bash geopol members CST)" = "$(codes_like CST)" ] && [ -n "$(codes_like CST)" ] ||
	fail "bash: entity codes: '$(complete_bash geopol members CST)', wanted '$(codes_like CST)'"
complete_bash geopol events --actor KA | grep -qw KAZ || fail "bash: codes for --actor: $(complete_bash geopol events --actor KA)"
for cmd in $commands; do
	grep -q "$cmd" "$bashc" && grep -q "'$cmd:" "$zshc" || fail "completion lacks '$cmd'"
done
# zsh: the same answers from zsh's own completion system, driven on a
# pseudo-terminal by zsh_complete.zsh (install-deps installs zsh).
command -v zsh >/dev/null || fail "zsh is not installed (cmake/install-deps.sh installs it)"
zsh -n "$zshc" || fail "_geopol: zsh syntax"
# complete_zsh WORDS... : what zsh completes for the last word, on one line.
complete_zsh() {
	PATH="$work/prefix/bin:$PATH" timeout 60 zsh "$src/tests/zsh_complete.zsh" "$(dirname "$zshc")" "$@" |
		tr '\n' ' ' | sed 's/ $//'
}
zcheck() { # zcheck WANTED WORDS...
	local want=$1 got
	shift
	got=$(complete_zsh "$@")
	[ "$got" = "$want" ] || fail "zsh: '$*' completes to '$got', wanted '$want'"
}
zcheck "members memberships" geopol mem
zcheck "members memberships" geopol --db "$work/prefix/share/geopol/geopol.db" mem
zcheck "gexf graphml" geopol export --format g
zcheck "csv dot gexf graphml html json ndjson png svg" geopol export --format=
zcheck "csv json text" geopol members CSTO --format ''
zcheck "csv ndjson" geopol panel --format ''
zcheck "cow-igo cow-states" geopol import --format co
zcheck "--limit" geopol events --li
zcheck "directed-dyad-month directed-dyad-year dyad-month dyad-year" geopol panel --unit d
zcheck "$(codes_like CST)" geopol members CST
complete_zsh geopol events --actor KA | grep -qw KAZ || fail "zsh: codes for --actor: $(complete_zsh geopol events --actor KA)"
# Codes come from the --db given: an empty database has none.
"$work/prefix/bin/geopol" init "$work/empty.db" >/dev/null
zcheck "" geopol --db "$work/empty.db" members CST
zcheck "" geopol --db="$work/empty.db" members CST
[ -z "$(complete_bash geopol --db "$work/empty.db" members CST)" ] || fail "bash: codes not from --db"

# ---- the installed tool, run as anyone
G="$work/prefix/bin/geopol"
data="$work/prefix/share/geopol"
unset GEOPOL_DB GEOPOL_DATA
# Read-only dataset and folder; as root, run as 'nobody' (root ignores
# permissions), else as oneself.
chmod a-w "$data/geopol.db" "$data"
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all env -C / "$@"
	else
		env -C / "$@"
	fi
}
sum_before=$(cksum <"$data/geopol.db")
as_user "$G" members CSTO --at 2022-01-06 --format json >"$work/members.json" 2>"$work/err" ||
	fail "installed geopol cannot query its dataset: $(cat "$work/err")"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert sorted(r['member'] for r in d if r['role'] in ('member','founding_member') and r['stage']=='in_force') == ['ARM','BLR','KAZ','KGZ','RUS','TJK'], d" \
	"$work/members.json" || fail "wrong CSTO members from the installed dataset"
ls "$data" | grep -q -- '-wal\|-shm\|-journal' && fail "reading left journal files: $(ls "$data")"
# Writes refuse the built-in dataset, whoever asks (root too), and leave it as it was.
for who in as_user env; do
	set +e
	$who "$G" import "$data/data/10-states.json" >"$work/out" 2>"$work/err"
	rc=$?
	set -e
	[ "$rc" -eq 2 ] || fail "import into the built-in dataset: exit $rc, wanted 2"
	grep -q "^geopol: import: .*geopol.db is the built-in dataset, which is never written: give --db FILE" "$work/err" ||
		fail "import refusal: $(cat "$work/err")"
done
set +e
"$G" init "$data/geopol.db" 2>"$work/err"
rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "give --db FILE" "$work/err" || fail "init over the built-in dataset: exit $rc: $(cat "$work/err")"
[ "$(cksum <"$data/geopol.db")" = "$sum_before" ] || fail "the built-in dataset changed"
# The build tree's dataset is never used once installed: without the
# prefix's copy, the error names where it looked, then $GEOPOL_DATA works.
chmod u+w "$data"
mkdir "$work/elsewhere"
mv "$data/geopol.db" "$work/elsewhere/"
set +e
"$G" members CSTO >"$work/out" 2>"$work/err"
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q "^geopol: $data/geopol.db: no such database file" "$work/err" ||
	fail "missing installed dataset: exit $rc: $(cat "$work/err")"
GEOPOL_DATA="$work/elsewhere" "$G" members CSTO --at 2022-01-06 >"$work/out" || fail "GEOPOL_DATA not used"
grep -q "KAZ" "$work/out" || fail "GEOPOL_DATA: no KAZ"
mv "$work/elsewhere/geopol.db" "$data/"
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
libdir=$(pkg-config --variable=libdir geopol)
cc -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags geopol) \
   "$src/examples/alliances_by_date.c" -o "$work/by_pkgconfig" $(pkg-config --libs geopol)
# Into a file, not a pipe: grep -q would close the pipe early (SIGPIPE).
LD_LIBRARY_PATH="$libdir" "$work/by_pkgconfig" "$work/prefix/share/geopol/geopol.db" CSTO 2022-01-06 \
   > "$work/members.txt"
grep -q "KAZ" "$work/members.txt"
# Statically, with pkg-config --static: the installed libgeopol.a and the
# libraries it needs (Requires.private, Libs.private: -lm); no libgeopol.so
# in the program, and a program's own gp_stmt does not clash with the
# library's internal one.
pkg-config --static --libs geopol | grep -qw -- -lm || fail "pkg-config --static: no -lm"
cat "$src/examples/alliances_by_date.c" >"$work/static.c"
echo 'int gp_stmt(void); int gp_stmt(void) { return 0; }' >>"$work/static.c"
cc -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags geopol) "$work/static.c" -o "$work/by_static" \
   $(pkg-config --static --libs geopol | sed "s|-lgeopol|$libdir/libgeopol.a|")
! ldd "$work/by_static" | grep -q libgeopol || fail "static program linked to libgeopol.so"
"$work/by_static" "$work/prefix/share/geopol/geopol.db" CSTO 2022-01-06 >"$work/members.txt"
grep -q "KAZ" "$work/members.txt" || fail "static program: no KAZ"
# The README's C example, as printed: in a folder without geopol.db it says
# so and creates nothing; beside the installed dataset it lists the members.
mkdir "$work/readme"
awk '/^```c$/ {on = 1; next} /^```$/ && on {exit} on' "$src/README.md" >"$work/readme/example.c"
grep -q "must_exist" "$work/readme/example.c" || fail "README example not found"
cc -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags geopol) "$work/readme/example.c" \
	-o "$work/readme/example" $(pkg-config --libs geopol) -Wl,-rpath,"$libdir"
set +e
(cd "$work/readme" && ./example >"$work/out" 2>"$work/err")
rc=$?
set -e
[ "$rc" -eq 1 ] && [ "$(cat "$work/err")" = "geopol.db: no such database file" ] && [ ! -e "$work/readme/geopol.db" ] ||
	fail "README example without geopol.db: exit $rc: $(cat "$work/err"); $(ls "$work/readme")"
ln -s "$work/prefix/share/geopol/geopol.db" "$work/readme/geopol.db"
(cd "$work/readme" && ./example >"$work/out") || fail "README example with the dataset"
grep -q "^KAZ founding_member definite$" "$work/out" || fail "README example: $(head -3 "$work/out")"
mkdir "$work/consumer"
cat > "$work/consumer/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.16)
project(consumer C)
find_package(geopol REQUIRED)
add_executable(consumer main.c)
target_link_libraries(consumer PRIVATE geopol::geopol)
CM
cp "$src/examples/export_snapshot.c" "$work/consumer/main.c"
cmake -S "$work/consumer" -B "$work/consumer/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/consumer/build" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/consumer/build/consumer" "$work/prefix/share/geopol/geopol.db" \
   2022-01-06 "$work/snap.json" >/dev/null
grep -q '"CSTO"' "$work/snap.json"
echo "installed library: built and ran with pkg-config and find_package"
