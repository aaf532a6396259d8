"""Builds geopol._geopol, the cffi binding over the public C API.

The declarations given to cffi are generated from include/geopol.h at build
time: the header is run through the C preprocessor (its #include lines
left out, no compiler macros predefined, so that GEOPOL_API is empty) and
its integer #defines are kept as "#define NAME ..." for cffi to read from
the compiler. A change to the header is thus picked up by the next build,
and a function or field the Python code uses and the header lost fails the
build or the tests, never silently.

Which libgeopol (first found wins):
  1. $GEOPOL_BUILD_DIR: a CMake build directory (libgeopol.so, geopol.db);
  2. the repository's own build directory, ../build, when this package is
     built from a checkout where `make` has run;
  3. an installed geopol found with pkg-config (PKG_CONFIG_PATH is honoured).
"""
import hashlib
import os
import shlex
import subprocess
import sys

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


class Found:
    """Where the header, the library and the built-in dataset are."""

    def __init__(self, include_dir, lib_dir, dataset, how):
        self.include_dir = include_dir
        self.lib_dir = lib_dir
        self.dataset = dataset
        self.how = how


def _from_build_dir(build):
    if not os.path.exists(os.path.join(build, "libgeopol.so")):
        return None
    src = REPO
    cache = os.path.join(build, "CMakeCache.txt")
    if os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            for line in f:
                if line.startswith("geopol_SOURCE_DIR:STATIC="):
                    src = line.split("=", 1)[1].strip()
    return Found(os.path.join(src, "include"), build,
                 os.path.join(build, "geopol.db"), "build directory " + build)


def _pkg_config(*args):
    out = subprocess.run(["pkg-config", *args, "geopol"], check=True,
                         capture_output=True, text=True).stdout
    return out.strip()


def _from_pkg_config():
    try:
        include = _pkg_config("--variable=includedir")
        libdir = _pkg_config("--variable=libdir")
        datadir = _pkg_config("--variable=datadir")
    except (OSError, subprocess.CalledProcessError):
        return None
    return Found(include, libdir, os.path.join(datadir, "geopol.db"),
                 "pkg-config (" + libdir + ")")


def find_geopol():
    explicit = os.environ.get("GEOPOL_BUILD_DIR")
    if explicit:
        found = _from_build_dir(os.path.abspath(explicit))
        if not found:
            sys.exit("geopol: GEOPOL_BUILD_DIR=%s has no libgeopol.so" % explicit)
        return found
    found = _from_build_dir(os.path.join(REPO, "build")) or _from_pkg_config()
    if not found:
        sys.exit("geopol: no libgeopol found: run `make` in the repository, "
                 "set GEOPOL_BUILD_DIR to a CMake build directory, or install "
                 "geopol where pkg-config finds it")
    return found


def cdef_from_header(header_path, cc=None):
    """The header's declarations, as cffi's cdef() accepts them."""
    with open(header_path, encoding="utf-8") as f:
        text = f.read()
    body = "\n".join("" if line.lstrip().startswith("#include") else line
                     for line in text.splitlines())
    cc = shlex.split(cc or os.environ.get("CC") or "cc")
    out = subprocess.run(cc + ["-E", "-P", "-undef", "-dD", "-x", "c", "-"],
                         input=body, check=True, capture_output=True,
                         text=True).stdout
    lines = []
    for line in out.splitlines():
        if line.startswith("#"):
            parts = line.split(None, 2)
            if (len(parts) == 3 and parts[0] == "#define"
                    and parts[1].startswith("GEOPOL_")
                    and parts[2][0] not in '{"' and "(" not in parts[1]):
                lines.append("#define %s ..." % parts[1])
            continue
        lines.append(line)
    return "\n".join(lines) + "\n", hashlib.sha256(text.encode()).hexdigest()


def make_ffi():
    found = find_geopol()
    header = os.path.join(found.include_dir, "geopol.h")
    cdef, digest = cdef_from_header(header)
    ffi = FFI()
    ffi.cdef(cdef)
    # Python functions the C library calls back (imports, exports).
    ffi.cdef("""
        extern "Python" void gpy_progress(void *, uint64_t, uint64_t);
        extern "Python" void gpy_skipped(void *, const char *);
        extern "Python" int gpy_write(void *, const char *, size_t);
    """)
    ffi.set_source(
        "geopol._geopol",
        '#include <geopol.h>\n',
        include_dirs=[found.include_dir],
        library_dirs=[found.lib_dir],
        runtime_library_dirs=[found.lib_dir],
        libraries=["geopol"],
        extra_compile_args=["-O2", "-Wall", "-Wextra"])
    with open(os.path.join(HERE, "geopol", "_config.py"), "w", encoding="utf-8") as f:
        f.write("# Written by build_ffi.py when the binding was built.\n")
        f.write("BUILT_WITH = %r\n" % found.how)
        f.write("HEADER = %r\n" % header)
        f.write("HEADER_SHA256 = %r\n" % digest)
        f.write("DATASET = %r\n" % found.dataset)
    return ffi


def fastrows_extension():
    """geopol._fastrows (geopol/_fastrows.c), the C extension that makes a
    question's rows into Python objects, linked with the same libgeopol."""
    from setuptools import Extension
    found = find_geopol()
    return Extension(
        "geopol._fastrows",
        sources=[os.path.join("geopol", "_fastrows.c")],
        include_dirs=[found.include_dir],
        library_dirs=[found.lib_dir],
        runtime_library_dirs=[found.lib_dir],
        libraries=["geopol"],
        extra_compile_args=["-O2", "-Wall", "-Wextra", "-Werror"])


ffibuilder = make_ffi() if __name__ != "__main__" else None

if __name__ == "__main__":
    # python3 build_ffi.py [header]: print the generated declarations.
    print(cdef_from_header(sys.argv[1] if len(sys.argv) > 1
                           else os.path.join(REPO, "include", "geopol.h"))[0])
