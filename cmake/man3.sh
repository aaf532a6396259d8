#!/bin/sh
# The C API's manual pages from the header's Doxygen comments: geopol(3)
# (the whole header) and one page (a link to it, or a struct's own page) per
# function, struct, type and constant.
# usage: man3.sh DOXYGEN HEADER VERSION OUTDIR   (writes OUTDIR/man3/*.3)
# Doxygen warns (on stderr, in the build's output) of a function whose
# parameters or return value are documented in part, and of an @param
# naming no parameter; tests/header_doc_test.sh, a CTest, fails on any
# public function without its full doc.
set -eu
doxygen=$1 header=$2 version=$3 out=$4
work="$out/doxygen"
rm -rf "$work" "$out/man3"
mkdir -p "$work" "$out/man3"
cat >"$work/Doxyfile" <<DOX
PROJECT_NAME = geopol
PROJECT_NUMBER = $version
INPUT = $header
OUTPUT_DIRECTORY = $work
GENERATE_HTML = NO
GENERATE_LATEX = NO
GENERATE_MAN = YES
MAN_EXTENSION = .3
MAN_LINKS = YES
EXTRACT_ALL = YES
OPTIMIZE_OUTPUT_FOR_C = YES
MACRO_EXPANSION = YES
EXPAND_ONLY_PREDEF = YES
PREDEFINED = GEOPOL_API=
FULL_PATH_NAMES = NO
QUIET = YES
WARNINGS = YES
WARN_IF_DOC_ERROR = YES
WARN_NO_PARAMDOC = YES
DOX
"$doxygen" "$work/Doxyfile" >/dev/null
# The header's page is geopol(3); the links to it follow. Pages of struct
# members (a.3, version.3...) and folders are left out.
sed 's/^\.TH "geopol\.h" 3/.TH "geopol" 3/; s/^geopol\.h$/geopol \\- the C API of libgeopol (geopol.h)/' \
	"$work/man/man3/geopol.h.3" >"$out/man3/geopol.3"
for f in "$work"/man/man3/geopol_*.3 "$work"/man/man3/GEOPOL_*.3; do
	sed 's|^\.so man3/geopol\.h\.3$|.so man3/geopol.3|' "$f" >"$out/man3/${f##*/}"
done
