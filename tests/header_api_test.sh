#!/bin/sh
# What GEOPOL_API (include/geopol.h) becomes on Windows, the header read by
# the C preprocessor as a Windows compiler would: dllexport while the
# library is built (GEOPOL_BUILDING_SHARED), dllimport for a user of the
# DLL, nothing for a user of the static library (GEOPOL_STATIC); elsewhere
# default visibility.
# usage: header_api_test.sh CC INCLUDE_DIR
set -eu
cc=$1
inc=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
# decl FLAGS...: geopol_open's declaration, preprocessed with FLAGS.
decl() {
	echo '#include <geopol.h>' | "$cc" -E -P -I"$inc" "$@" - | tr -s ' \t\n' ' ' |
		grep -o '[^;]*int geopol_open(' | sed 's/^ *//'
}
check() {
	want=$1
	shift
	got=$(decl "$@")
	[ "$got" = "$want" ] || fail "with $*: '$got', not '$want'"
}
check '__declspec(dllexport) int geopol_open(' -D_WIN32 -DGEOPOL_BUILDING_SHARED
check '__declspec(dllimport) int geopol_open(' -D_WIN32
check 'int geopol_open(' -D_WIN32 -DGEOPOL_STATIC
check '__attribute__((visibility("default"))) int geopol_open(' -U_WIN32
echo "GEOPOL_API: dllexport, dllimport, static and visibility as they should be"
