#!/bin/sh
# The header is the manual, function by function: Doxygen, run on
# include/geopol.h with its warnings for undocumented parameters and return
# values on (WARN_NO_PARAMDOC, which needs EXTRACT_ALL off), must find no
# public function without a doc comment, an @param for each parameter and
# an @return, and no @param naming a parameter that is not there. (Doxygen
# reads the doc comments only for an output: the man pages, thrown away.)
# usage: header_doc_test.sh DOXYGEN HEADER WORKDIR
set -eu
doxygen=$1 header=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
cat >"$work/Doxyfile" <<DOX
INPUT = $header
OUTPUT_DIRECTORY = $work
GENERATE_HTML = NO
GENERATE_LATEX = NO
GENERATE_MAN = YES
FULL_PATH_NAMES = NO
EXTRACT_ALL = NO
OPTIMIZE_OUTPUT_FOR_C = YES
MACRO_EXPANSION = YES
EXPAND_ONLY_PREDEF = YES
PREDEFINED = GEOPOL_API=
QUIET = YES
WARNINGS = YES
WARN_IF_UNDOCUMENTED = YES
WARN_IF_DOC_ERROR = YES
WARN_NO_PARAMDOC = YES
WARN_LOGFILE = $work/warnings.txt
DOX
"$doxygen" "$work/Doxyfile" >/dev/null 2>&1
# Undocumented struct members, macros and types are reported by the same
# switch; this test is about the functions (and any error in a doc
# comment), so only these fail it.
grep -E '\(function\)|parameter|return type|argument|@param|@return|\\param|unknown command|unable to resolve' \
	"$work/warnings.txt" >"$work/function-warnings.txt" || true
n_fn=$(wc -l <"$work/function-warnings.txt")
n_all=$(grep -c 'warning:' "$work/warnings.txt" || true)
n_api=$(grep -c '^GEOPOL_API' "$header")
n_ret=$(grep -c '@return' "$header")
echo "geopol.h: $n_api public functions; Doxygen: $n_fn warnings about functions, $n_all warnings in all"
if [ "$n_fn" -ne 0 ]; then
	cat "$work/function-warnings.txt"
	exit 1
fi
# Every function the header exports must be one Doxygen documented: a
# declaration it could not parse would otherwise pass unseen.
grep '^GEOPOL_API' "$header" | sed -E 's/^[^(]*[^a-z_0-9(]([a-z_0-9]+) ?\(.*/\1/' | sort -u >"$work/declared.txt"
sed -n '/Function Documentation/,$p' "$work/man/man3/geopol.h.3" | grep '^\.SS "' |
	sed -E 's/.*[ *]([a-z_0-9]+) \(.*/\1/' | sort -u >"$work/documented.txt"
n_decl=$(wc -l <"$work/declared.txt")
n_doc=$(wc -l <"$work/documented.txt")
echo "declared: $n_decl functions; documented by Doxygen: $n_doc"
if [ "$n_decl" -ne "$n_api" ] || ! cmp -s "$work/declared.txt" "$work/documented.txt"; then
	echo "functions declared but not documented (<) or documented but not declared (>):"
	diff "$work/declared.txt" "$work/documented.txt" || true
	[ "$n_decl" -eq "$n_api" ] || echo "$n_api GEOPOL_API lines but $n_decl distinct names"
	exit 1
fi
