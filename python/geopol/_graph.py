"""The graph as a networkx.MultiDiGraph.

Nodes are entity codes, with attributes kind, subkind, name, from, to (and
id). Edges run member -> organization for a membership and a -> b for a
relation, keyed "m<fact_id>" or "r<fact_id>" (the ids of the CSV export),
with attributes: kind ("membership" or "relation"), type (the role, or the
relation type), fact_id, directed, from, to, certainty (None over a span),
recorded (µs since 1970), attrs (a relation's attributes as a dict; {}
without), for a membership its stage and coding, and sources (a tuple of Citation; None with sources=False).

A symmetric relation (directed=False) is ONE edge a -> b, marked
directed=False: to walk it both ways, use G.to_undirected() or add the
reverse edges yourself (geopol.both_directions(G) does it).
"""
import json

from . import _dates
from ._geopol import ffi, lib
from ._rows import gc_paused


def _edges_and_nodes(db, it, sources, keep):
    """Read the iterator's rows straight into node and edge tuples."""
    from ._db import BATCH_ROWS, Result
    res = Result(db, it, sources, keep, eager=False)
    parser = res._parser
    cites = parser.cites
    nodes, edges = [], []
    add_node, add_edge = nodes.append, edges.append
    loads = json.loads
    batch = db._batch
    while res._it is not None:
        lib.gpy_batch_clear(batch)
        rc = lib.gpy_fill(batch, res._it, BATCH_ROWS * 4, 1 if sources else 0)
        text = ffi.unpack(batch.buf, batch.len).decode("utf-8") if batch.len else ""
        if rc != lib.GEOPOL_OK:
            res.close()
            if rc != lib.GEOPOL_ITEROVER:
                raise db._error(rc)
        for line in text.split("\x1e")[:-1]:
            f = line.split("\x1f")
            k = f[0]
            if k.isupper():  # escaped: let the general parser read it
                row = parser.parse(line + "\x1e")[0]
                f = None
                k = k.lower()
            if k == "m":
                if f is None:
                    r = row
                    add_edge((r.member, r.org, "m%d" % r.fact_id, {
                        "kind": "membership", "type": r.role, "fact_id": r.fact_id,
                        "directed": True, "from": r.from_, "to": r.to,
                        "certainty": r.certainty, "recorded": r.recorded, "attrs": {},
                        "stage": r.stage, "coding": r.coding, "sources": r.sources}))
                    continue
                add_edge((f[6], f[5], "m" + f[4], {
                    "kind": "membership", "type": f[7], "fact_id": int(f[4]), "directed": True,
                    "from": f[8] or None, "to": f[9] or None, "certainty": f[10],
                    "recorded": int(f[11]), "attrs": {}, "stage": f[12] or None,
                    "coding": f[13] or None, "sources": cites(f[14]) if sources else None}))
            elif k == "r":
                if f is None:
                    r = row
                    add_edge((r.a, r.b, "r%d" % r.fact_id, {
                        "kind": "relation", "type": r.type, "fact_id": r.fact_id,
                        "directed": r.directed, "from": r.from_, "to": r.to,
                        "certainty": r.certainty, "recorded": r.recorded,
                        "attrs": r.attributes, "sources": r.sources}))
                    continue
                add_edge((f[5], f[6], "r" + f[4], {
                    "kind": "relation", "type": f[7], "fact_id": int(f[4]),
                    "directed": f[8] == "1", "from": f[10] or None, "to": f[11] or None,
                    "certainty": f[12], "recorded": int(f[13]),
                    "attrs": loads(f[9]) if f[9] else {},
                    "sources": cites(f[14]) if sources else None}))
            elif k == "e":
                if f is None:
                    r = row
                    add_node((r.code, {"id": r.id, "kind": r.kind, "subkind": r.subkind,
                                       "name": r.name, "from": r.from_, "to": r.to}))
                    continue
                add_node((f[5], {"id": int(f[4]), "kind": f[6], "subkind": f[7] or None,
                                 "name": f[8] or None, "from": f[9] or None,
                                 "to": f[10] or None}))
    return nodes, edges


def graph(db, at=None, *, start=None, end=None, known_on=None, definite=False, sources=True,
          **opts):
    """The graph at `at` (default today), or every node and edge that held at
    some time in [start, end) (each with its own interval, certainty None),
    as a networkx.MultiDiGraph. Its graph attributes say which."""
    import networkx as nx
    q, keep = db._query(known_on, definite, None, **opts)
    out = ffi.new("geopol_iter **")
    if start is not None or end is not None:
        rc = lib.geopol_snapshot_span(out, db._handle(), _dates.c_date(start, "start"),
                                      _dates.c_date(end, "end"), q)
        gattrs = {"start": start, "end": end}
    else:
        rc = lib.geopol_snapshot(out, db._handle(), db._at(at), q)
        gattrs = {"at": at if at is not None else str(_dates.today_iso())}
    if rc != lib.GEOPOL_OK:
        raise db._error(rc)
    with gc_paused():
        nodes, edges = _edges_and_nodes(db, out[0], sources, (q, keep))
        if "start" in gattrs:  # certainty applies to one date only
            for e in edges:
                e[3]["certainty"] = None
        g = nx.MultiDiGraph(**gattrs)
        _fill(g, nodes, edges)
    return g


def _fill(g, nodes, edges):
    """Fill an empty MultiDiGraph as add_nodes_from and add_edges_from
    would, writing its adjacency dicts (_node, _succ, _pred: networkx 2.x
    and 3.x) directly: the same graph, without a method call per edge.
    tests/test_frames_graphs.py checks it equals the one the methods build."""
    if not all(hasattr(g, a) for a in ("_node", "_succ", "_pred")) or g._succ is not g._adj:
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)
        return
    node, succ, pred = g._node, g._succ, g._pred
    for n, d in nodes:
        node[n] = d
        succ[n] = {}
        pred[n] = {}
    for u, v, k, d in edges:
        su = succ.get(u)
        if su is None:
            node[u], su, pred[u] = {}, {}, {}
            succ[u] = su
        kd = su.get(v)
        if kd is None:
            if v not in succ:
                node[v], succ[v], pred[v] = {}, {}, {}
            kd = su[v] = pred[v][u] = {}
        kd[k] = d
    clear = getattr(__import__("networkx"), "_clear_cache", None)
    if clear is not None:
        clear(g)


def both_directions(g):
    """A copy of g where every symmetric relation (directed=False) also runs
    b -> a, with the same key and attributes."""
    h = g.copy()
    h.add_edges_from((v, u, k, d) for u, v, k, d in g.edges(keys=True, data=True)
                     if d.get("directed") is False)
    return h
