#!/usr/bin/env bash
# Installs into a scratch prefix, then builds a program against the
# installed library twice: with pkg-config, and with CMake's find_package.
# usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
libdir=$(pkg-config --variable=libdir geopol)
cc -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags geopol) \
   "$src/examples/alliances_by_date.c" -o "$work/by_pkgconfig" $(pkg-config --libs geopol)
# Into a file, not a pipe: grep -q would close the pipe early (SIGPIPE).
LD_LIBRARY_PATH="$libdir" "$work/by_pkgconfig" "$work/prefix/share/geopol/geopol.db" CSTO 2022-01-06 \
   > "$work/members.txt"
grep -q "KAZ" "$work/members.txt"
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
