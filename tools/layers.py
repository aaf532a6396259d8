#!/usr/bin/env python3
"""layers.py - check that lib/ is layered and has no dependency cycle.

    tools/layers.py <source dir> [<object file> ...]

lib/ is in folders, one per layer, lowest first:

    core < store < query, search < io

A file depends on another when it includes it (#include "folder/x.h"), or,
given the library's object files, when it uses a symbol (a function or a
table) the other one's object defines (read with nm). The check fails, and
prints the offending edges, when
  - a file depends on a file of a higher layer (query and search are one
    level: neither may use the other's files either), or
  - the file -> file graph has a cycle (shown as its strongly connected
    components).
Run by CTest (`layers`), so `make test` keeps lib/ this way.
"""
import os
import re
import subprocess
import sys

LEVEL = {"core": 0, "store": 1, "query": 2, "search": 2, "io": 3}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def lib_files(src):
    out = []
    lib = os.path.join(src, "lib")
    for folder in sorted(os.listdir(lib)):
        d = os.path.join(lib, folder)
        if not os.path.isdir(d):
            continue
        if folder not in LEVEL:
            sys.exit(f"layers: lib/{folder}/ is in no layer (add it to LEVEL in {sys.argv[0]})")
        for name in sorted(os.listdir(d)):
            if name.endswith((".c", ".h")):
                out.append(f"{folder}/{name}")
    return out


def include_edges(src, files):
    edges = set()
    known = set(files)
    for f in files:
        with open(os.path.join(src, "lib", f), encoding="utf-8") as fh:
            for inc in INCLUDE.findall(fh.read()):
                if inc in known:
                    edges.add((f, inc, "includes"))
    return edges


def symbol_edges(objects):
    """file -> file for each global symbol one object uses and another defines."""
    defined, used = {}, {}
    read = 0
    for obj in objects:
        # .../lib/<folder>/<name>.c.o (CMake's object layout)
        m = re.search(r"lib/([a-z]+/[\w.-]+\.c)\.o$", obj.replace(os.sep, "/"))
        if not m:
            continue
        f = m.group(1)
        read += 1
        res = subprocess.run(["nm", "-P", obj], capture_output=True, text=True, check=True)
        for line in res.stdout.splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            sym, kind = parts[0], parts[1]
            if kind == "U":
                used.setdefault(f, set()).add(sym)
            elif kind in ("T", "D", "R", "B", "C"):
                defined[sym] = f
    if objects and not read:
        sys.exit("layers: none of the object files given is lib/<folder>/<file>.c.o")
    edges = set()
    for f, syms in used.items():
        for s in syms:
            g = defined.get(s)
            if g and g != f:
                edges.add((f, g, "uses " + s))
    return edges


def cycles(nodes, adj):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(adj.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    files = lib_files(src)
    # CTest passes $<TARGET_OBJECTS:...> as one ';'-separated argument.
    objects = [o for arg in sys.argv[2:] for o in arg.split(";") if o]
    edges = include_edges(src, files) | symbol_edges(objects)
    bad = 0
    why = {}
    adj = {}
    for a, b, how in sorted(edges):
        why.setdefault((a, b), how)
        adj.setdefault(a, set()).add(b)
        la, lb = a.split("/")[0], b.split("/")[0]
        if LEVEL[lb] > LEVEL[la] or (LEVEL[lb] == LEVEL[la] and la != lb):
            print(f"layers: {a} ({la}) {how}, of {b} ({lb}): a lower layer depends on a higher one")
            bad += 1
    for comp in cycles(files, adj):
        print("layers: cycle between " + ", ".join(comp) + ":")
        inside = set(comp)
        for a in comp:
            for b in sorted(adj.get(a, ())):
                if b in inside:
                    print(f"    {a} -> {b} ({why[(a, b)]})")
        bad += 1
    nsym = sum(1 for e in edges if e[2] != "includes")
    print(f"layers: {len(files)} files, {len(edges) - nsym} include edges, "
          f"{nsym} symbol edges, {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
