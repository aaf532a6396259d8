#!/bin/sh
# Installs the build and test dependencies on Debian/Ubuntu when they are
# missing; does nothing when everything is found.
missing=""
for pc in sqlite3:libsqlite3-dev libcjson:libcjson-dev libutf8proc:libutf8proc-dev zlib:zlib1g-dev libzip:libzip-dev check:check libpq:libpq-dev; do
	mod=${pc%%:*}
	pkg=${pc#*:}
	if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$mod"; then
		missing="$missing $pkg"
	fi
done
# Tools; Rscript (r-base-core, 41 MB) is R, whose read.csv the panel test
# loads a panel's CSV with.
for tool in pkg-config:pkg-config cmake:cmake cc:gcc clang:clang xmllint:libxml2-utils dot:graphviz python3:python3 npm:npm chromium:chromium \
	scdoc:scdoc doxygen:doxygen zsh:zsh Rscript:r-base-core; do
	cmd=${tool%%:*}
	pkg=${tool#*:}
	command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
done
# The PostgreSQL server the pg tests start a throw-away cluster of
# (tests/pg/cluster.sh: initdb and pg_ctl in /usr/lib/postgresql/VER/bin;
# Debian's server package carries btree_gist, which the schema needs).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
# clang's sanitizer and libFuzzer runtimes (make test-sanitize, make fuzz)
# are a package of their own, not always beside clang.
if ! command -v clang >/dev/null 2>&1 ||
	[ ! -f "$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]; then
	missing="$missing libclang-rt-dev"
fi
# The CSV test loads every command's CSV with pandas (Debian's, for the
# system python3).
/usr/bin/python3 -c 'import pandas' 2>/dev/null || python3 -c 'import pandas' 2>/dev/null ||
	missing="$missing python3-pandas"
# Python modules the export tests read the files with (Debian's, for the
# system python3).
for mod in networkx:python3-networkx igraph:python3-igraph; do
	name=${mod%%:*}
	pkg=${mod#*:}
	[ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c "import $name" 2>/dev/null &&
		missing="$missing $pkg"
done
# The Python package (python/) and its tests and examples: Debian's
# interpreter with cffi, setuptools, venv, the headers to build the binding,
# pytest, pandas, networkx and matplotlib.
if ! /usr/bin/python3 -c "import cffi, setuptools, ensurepip, pytest, pandas, networkx, matplotlib, sysconfig, os; assert os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h'))" >/dev/null 2>&1; then
	missing="$missing python3 python3-dev python3-venv python3-cffi python3-setuptools python3-pytest python3-pandas python3-networkx python3-matplotlib"
fi
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
	echo "geopol: missing$missing and no apt-get: install them by hand" >&2
	exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -q || exit 1
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends$missing
