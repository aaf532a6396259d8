"""geopol for Python: see README.md of the repository, section Python.

    python3 -m venv --system-site-packages .venv
    .venv/bin/pip install --no-build-isolation ./python
"""
import os
import re
import sys

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_ffi import fastrows_extension  # noqa: E402


def version():
    header = os.path.join(HERE, "..", "include", "geopol.h")
    try:
        with open(header, encoding="utf-8") as f:
            return re.search(r'#define GEOPOL_VERSION_STRING "([^"]+)"', f.read()).group(1)
    except (OSError, AttributeError):
        return "0.0.0"


setup(
    name="geopol",
    version=version(),
    description="States, organizations and people as a temporal graph: "
                "the geopol C library for Python, pandas and networkx",
    license="MIT",
    packages=["geopol"],
    python_requires=">=3.9",
    install_requires=["cffi>=1.12"],
    extras_require={"pandas": ["pandas"], "networkx": ["networkx"]},
    cffi_modules=["build_ffi.py:ffibuilder"],
    ext_modules=[fastrows_extension()],
    zip_safe=False,
)
