#!/usr/bin/env bash
# The Python package as a user installs it (README, section Python): a
# virtual environment that sees the system's packages (Debian's cffi,
# setuptools, pytest, pandas, networkx), `pip install` of python/ offline
# against this build's library, then its pytest suite.
# usage: python_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
# The interpreter the Debian packages are installed for; a python3 earlier
# on PATH (pyenv, a virtualenv) may lack them.
py=${GEOPOL_PYTHON:-}
if [ -z "$py" ]; then
	for cand in /usr/bin/python3 python3; do
		if "$cand" -c "import cffi, setuptools, pytest, ensurepip" 2>/dev/null; then
			py=$cand
			break
		fi
	done
fi
[ -n "$py" ] || { echo "python: no python3 with cffi, setuptools, pytest and venv (cmake/install-deps.sh installs them)" >&2; exit 1; }
venv=$build/python-venv
rm -rf "$venv"
"$py" -m venv --system-site-packages "$venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
GEOPOL_BUILD_DIR=$build "$venv/bin/pip" install -q --no-index --no-build-isolation "$src/python"
# From elsewhere than python/, so that the installed package is the one tested.
cd "$build"
set +e
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$src/python/tests"
rc=$?
set -e
# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
[ "$rc" -eq 5 ] && echo "python: pytest collected no tests in $src/python/tests" >&2 && exit 1
exit "$rc"
