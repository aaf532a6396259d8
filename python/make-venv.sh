#!/usr/bin/env bash
# Installs the geopol package (python/) into a fresh virtual environment,
# offline, as README says, against a CMake build's library:
#   python/make-venv.sh BUILD_DIR VENV_DIR
# The interpreter is $GEOPOL_PYTHON, else the first of /usr/bin/python3 and
# python3 that has Debian's cffi, setuptools, pytest and venv (a python3
# earlier on PATH, pyenv's or a virtualenv's, may lack them).
set -euo pipefail
build=$(cd "$1" && pwd)
venv=$2
here=$(cd "$(dirname "$0")" && pwd)
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
rm -rf "$venv"
"$py" -m venv --system-site-packages "$venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
GEOPOL_BUILD_DIR=$build "$venv/bin/pip" install -q --no-index --no-build-isolation "$here"
