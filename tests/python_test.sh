#!/usr/bin/env bash
# The Python package as a user installs it (README, section Python): a
# virtual environment that sees the system's packages (Debian's cffi,
# setuptools, pytest, pandas, networkx), `pip install` of python/ offline
# against this build's library (python/make-venv.sh), then its pytest suite.
# usage: python_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
venv=$build/python-venv
bash "$src/python/make-venv.sh" "$build" "$venv"
# From elsewhere than python/, so that the installed package is the one tested.
cd "$build"
set +e
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$src/python/tests"
rc=$?
set -e
# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
[ "$rc" -eq 5 ] && echo "python: pytest collected no tests in $src/python/tests" >&2 && exit 1
exit "$rc"
