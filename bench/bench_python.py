#!/usr/bin/env python3
"""bench_python.py - geopol from Python against the C API, in one run.

  bench_python.py <source dir> <build dir>   (GEOPOL_BENCH_SCALE, GEOPOL_BENCH_DIR)

Opens the world bench_bulk wrote (<GEOPOL_BENCH_DIR>/world-<scale>-<seed>-
geopol.db) and measures, each against the C API doing the same work in the
same process (a small C module compiled here with cffi, timing itself with
clock_gettime, on the handle the Python package opened):

- members_at_d: members of an organization at D through db.members(), the
  rows read into a list, median µs over random (organization, D) questions
  (organizations uniform, D uniform over 1946..2025, as bench_query), with
  and without the citations; then at the snapshot's recent date. The target:
  under 3 x the C median plus 1 µs per row.
- snapshot_rows: the whole graph at the recent date into a list of Python
  rows (rows/s), against the C iterator read to the end with the citations.
- snapshot_networkx: db.graph(at=D), a networkx.MultiDiGraph with every
  attribute, against networkx building the same graph from a list of
  tuples read from the CSV export (csv.reader, then add_nodes_from and
  add_edges_from with the CSV's attributes). Target: faster.

Figures are the median of several runs; each line "name value unit ratio"
as the C benchmarks print them, notes start with '#'.
"""
import csv
import os
import random
import statistics
import sys
import tempfile
import time

N_RUNS = 5


def note(fmt, *args):
    print("# " + (fmt % args if args else fmt), flush=True)


def report(name, value, unit, ratio):
    print("%s %.6g %s %s" % (name, value, unit, "-" if ratio is None else "%.3g" % ratio),
          flush=True)


C_TIMER = r"""
#include <geopol.h>
#include <time.h>

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static volatile size_t sink;

/* Read an iterator to the end as a caller does: touch each row's key and,
 * when asked, load its citations. */
static int drain(geopol_iter *it, int sources, size_t *rows)
{
	const geopol_item *item;
	size_t n = 0;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		if (item->membership)
			sink += (size_t)item->membership->member[0];
		else if (item->relation)
			sink += (size_t)item->relation->b[0];
		else if (item->entity)
			sink += (size_t)item->entity->code[0];
		if (sources) {
			const geopol_citation *c;
			size_t k;
			if (geopol_iter_citations(it, &c, &k))
				return -1;
			if (k)
				sink += (size_t)c[0].source[0];
		}
		n++;
	}
	*rows = n;
	return rc == GEOPOL_ITEROVER ? 0 : -1;
}

double gpb_members(geopol_db *db, const char *org, geopol_date at, int sources, size_t *rows)
{
	double t0 = now_us();
	geopol_iter *it;
	if (geopol_members(&it, db, org, at, NULL))
		return -1;
	int rc = drain(it, sources, rows);
	geopol_iter_free(it);
	return rc ? -1 : now_us() - t0;
}

double gpb_snapshot(geopol_db *db, geopol_date at, int sources, size_t *rows)
{
	double t0 = now_us();
	geopol_iter *it;
	if (geopol_snapshot(&it, db, at, NULL))
		return -1;
	int rc = drain(it, sources, rows);
	geopol_iter_free(it);
	return rc ? -1 : now_us() - t0;
}
"""

C_DECLS = """
typedef struct geopol_db geopol_db;
typedef struct geopol_date { int32_t day; int32_t precision; } geopol_date;
double gpb_members(geopol_db *db, const char *org, geopol_date at, int sources, size_t *rows);
double gpb_snapshot(geopol_db *db, geopol_date at, int sources, size_t *rows);
"""


def c_timer(src, build):
    """The C side, compiled into <build>/bench/python and imported."""
    from cffi import FFI
    out = os.path.join(build, "bench", "python")
    os.makedirs(out, exist_ok=True)
    ffi = FFI()
    ffi.cdef(C_DECLS)
    ffi.set_source("_geopol_bench", C_TIMER, include_dirs=[os.path.join(src, "include")],
                   library_dirs=[build], runtime_library_dirs=[build], libraries=["geopol"],
                   extra_compile_args=["-O2"])
    ffi.compile(tmpdir=out, verbose=False)
    sys.path.insert(0, out)
    import _geopol_bench
    return _geopol_bench


def world_path():
    scale = os.environ.get("GEOPOL_BENCH_SCALE") or "small"
    seed = os.environ.get("GEOPOL_BENCH_SEED") or "20260101"
    d = os.environ.get("GEOPOL_BENCH_DIR") or "."
    return os.path.join(d, "world-%s-%s-geopol.db" % (scale, seed)), scale


def random_dates(rng, n):
    return ["%04d-%02d-%02d" % (1946 + rng.randrange(80), 1 + rng.randrange(12),
                                1 + rng.randrange(28)) for _ in range(n)]


def bench_members(db, cb, orgs, recent, n_queries):
    import geopol
    from geopol._geopol import ffi as gffi
    handle = cb.ffi.cast("geopol_db *", int(gffi.cast("uintptr_t", db._db)))
    rows_p = cb.ffi.new("size_t *")
    rng = random.Random(7)
    dates = [recent] * n_queries if recent else random_dates(rng, n_queries)
    keys = [rng.choice(orgs) for _ in range(n_queries)]
    cdates = []
    for d in dates:
        p = cb.ffi.new("geopol_date *")
        c = geopol._dates.c_date(d, "at")
        p.day, p.precision = c.day, c.precision
        cdates.append(p[0])
    results = {}
    for sources in (False, True):
        py_t, c_t, rows = [], [], []
        # Warm both (the library's in-memory index is built on first use).
        for k, d, cd in list(zip(keys, dates, cdates))[:200]:
            list(db.members(k, at=d, sources=sources))
            cb.lib.gpb_members(handle, k.encode(), cd, sources, rows_p)
        for k, d in zip(keys, dates):
            t0 = time.perf_counter_ns()
            r = list(db.members(k, at=d, sources=sources))
            py_t.append((time.perf_counter_ns() - t0) / 1e3)
            rows.append(len(r))
        for k, cd in zip(keys, cdates):
            c_t.append(cb.lib.gpb_members(handle, k.encode(), cd, 1 if sources else 0, rows_p))
        results[sources] = (statistics.median(py_t), statistics.median(c_t),
                            statistics.mean(rows), statistics.median(rows))
    return results


def bench_snapshot_rows(db, cb, at, sources):
    from geopol._geopol import ffi as gffi
    import geopol
    handle = cb.ffi.cast("geopol_db *", int(gffi.cast("uintptr_t", db._db)))
    rows_p = cb.ffi.new("size_t *")
    c = geopol._dates.c_date(at, "at")
    cd = cb.ffi.new("geopol_date *")
    cd.day, cd.precision = c.day, c.precision
    py, cc = [], []
    for _ in range(N_RUNS):
        t0 = time.perf_counter()
        rows = list(db.snapshot(at=at, sources=sources))
        py.append(time.perf_counter() - t0)
        n = len(rows)
        del rows
        cc.append(cb.lib.gpb_snapshot(handle, cd[0], 1 if sources else 0, rows_p) / 1e6)
    assert rows_p[0] == n, (rows_p[0], n)
    return n, statistics.median(py), statistics.median(cc)


def csv_graph(path):
    """networkx from a list of tuples read from the CSV export."""
    import networkx as nx
    nodes, edges = [], []
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        for rec, id_, kind, subkind, name, source, target, type_, directed, fr, to, cert, \
                srcs in r:
            if rec == "node":
                nodes.append((id_, {"kind": kind, "subkind": subkind or None,
                                    "name": name or None, "from": fr or None, "to": to or None}))
            else:
                edges.append((source, target, id_, {
                    "kind": kind, "type": type_, "directed": directed == "true",
                    "from": fr or None, "to": to or None, "certainty": cert or None,
                    "sources": srcs.split("; ") if srcs else []}))
    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return g


def bench_networkx(db, at, tmp):
    path = os.path.join(tmp, "snapshot.csv")
    db.export("csv", at=at, path=path)
    ours, base = [], []
    for _ in range(N_RUNS):
        t0 = time.perf_counter()
        g = db.graph(at=at)
        ours.append(time.perf_counter() - t0)
        n = g.number_of_nodes() + g.number_of_edges()
        del g
        t0 = time.perf_counter()
        h = csv_graph(path)
        base.append(time.perf_counter() - t0)
        assert h.number_of_nodes() + h.number_of_edges() == n, "the CSV graph differs"
        del h
    return n, statistics.median(ours), statistics.median(base)


def main():
    src, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    import geopol
    path, scale = world_path()
    if not os.path.exists(path):
        sys.exit("bench_python: %s is missing: run make bench (bench_bulk writes it)" % path)
    cb = c_timer(src, build)
    recent = "2024-01-01"
    note("python %s, geopol %s (%s), world %s", sys.version.split()[0], geopol.__version__,
         geopol._config.BUILT_WITH, os.path.basename(path))
    with geopol.open(path, read_only=True) as db:
        orgs = [e.code for e in db.entities("organization")]
        n_q = 2000 if scale == "small" else 5000
        for label, at in (("", None), ("_recent", recent)):
            res = bench_members(db, cb, orgs, at, n_q)
            for sources in (False, True):
                py, c, mean_rows, med_rows = res[sources]
                name = "members_at_d%s%s" % (label, "_sources" if sources else "")
                target = 3 * c + med_rows
                report(name, py, "us", py / c)
                note("%s: Python %.1f us, C %.1f us (median of %d), %.1f rows a question "
                     "(median %d); target 3 x C + 1 us a row = %.1f us: %s", name, py, c, n_q,
                     mean_rows, med_rows, target, "met" if py < target else "NOT met")
        for sources in (True, False):
            n, py, c = bench_snapshot_rows(db, cb, recent, sources)
            name = "snapshot_rows%s" % ("" if sources else "_nosources")
            report(name, n / py, "rows/s", c / py)
            note("%s: %d rows in %.1f ms from Python, %.1f ms in C (%.0f rows/s); medians of %d",
                 name, n, py * 1e3, c * 1e3, n / c, N_RUNS)
        with tempfile.TemporaryDirectory() as tmp:
            n, ours, base = bench_networkx(db, recent, tmp)
        report("snapshot_networkx", n / ours, "rows/s", base / ours)
        note("snapshot_networkx: %d nodes and edges in %.0f ms; networkx from the CSV's tuples "
             "%.0f ms (%.0f rows/s); target faster: %s", n, ours * 1e3, base * 1e3, n / base,
             "met" if ours < base else "NOT met")


if __name__ == "__main__":
    main()
