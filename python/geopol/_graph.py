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
from . import _dates, _fastrows
from ._geopol import ffi, lib
from ._rows import gc_paused


def _edges_and_nodes(db, it, sources, span, keep):
    """The iterator's items as networkx node and edge tuples, made in C
    (_fastrows.graph) straight from the library's items."""
    from ._db import BATCH_ROWS, Result
    res = Result(db, it, sources, keep, eager=False)
    nodes, edges = [], []
    while res._it is not None:
        rc = _fastrows.graph(res._address, BATCH_ROWS * 4, bool(sources), span, nodes, edges)
        if rc != lib.GEOPOL_OK:
            err = db._error(rc) if rc != lib.GEOPOL_ITEROVER else None
            res.close()
            if err is not None:
                raise err
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
        # over a span, certainty (which applies to one date) is None
        nodes, edges = _edges_and_nodes(db, out[0], sources, "start" in gattrs, (q, keep))
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
