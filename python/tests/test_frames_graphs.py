"""pandas frames with typed columns; networkx graphs with every attribute."""
import datetime
import json

import pytest

import geopol
from conftest import data_members

pd = pytest.importorskip("pandas")
nx = pytest.importorskip("networkx")


def test_members_frame_has_typed_columns(db):
    df = db.members("CSTO", at="2022-01-06").to_pandas()
    assert list(df["member"]) == sorted(data_members("CSTO", "2022-01-06"))
    assert str(df["member"].dtype) == "string"
    assert str(df["role"].dtype) == "category"
    assert str(df["certainty"].dtype) == "category"
    assert str(df["fact_id"].dtype) == "int64"
    assert str(df["from"].dtype) == "datetime64[ns]"
    assert str(df["recorded"].dtype) == "datetime64[ns, UTC]"
    kaz = df[df["member"] == "KAZ"].iloc[0]
    assert kaz["from"] == pd.Timestamp("2003-09-18")
    assert kaz["from_precision"] == "day"
    assert pd.isna(kaz["to"]) and pd.isna(kaz["to_precision"])
    # A year-precise start ("2013") is its first day, with precision "year".
    tur = db.memberships("TUR", at="2014").to_pandas()
    years = tur[tur["from_precision"] == "year"]
    assert len(years) and (years["from"].dt.month == 1).all() and (years["from"].dt.day == 1).all()


def test_frame_of_mixed_rows_and_of_a_list(db):
    df = geopol.frame(db.diff("2021-12-31", "2025-12-31", entity="KAZ"))
    assert set(df["record"].cat.categories) == {"membership", "relation", "event"}
    assert str(df["change"].dtype) == "category"
    joined = df[df["change"] == "joined"]
    assert list(joined["org"]) == ["BRICS"]
    ev = df[df["record"] == "event"]
    assert str(ev["date"].dtype) == "datetime64[ns]" and ev["date"].notna().all()
    assert str(df["intensity"].dtype) == "float64"
    rows = list(db.events(actor="CSTO"))
    assert len(geopol.frame(rows)) == len(rows)
    assert geopol.frame([]).empty


def test_graph_at_a_date_has_every_row_and_attribute(db):
    g = db.graph(at="2022-01-06")
    assert isinstance(g, nx.MultiDiGraph)
    exported = json.loads(db.export("json", at="2022-01-06"))
    assert g.number_of_nodes() == len(exported["nodes"])
    assert g.number_of_edges() == len(exported["edges"])
    assert g.nodes["KAZ"]["kind"] == "state" and g.nodes["KAZ"]["name"] == "Kazakhstan"
    assert g.nodes["CSTO"]["kind"] == "organization"
    edges = g.get_edge_data("KAZ", "CSTO")
    roles = {d["type"] for d in edges.values()}
    assert roles == {"founding_member"}
    key, d = next(iter(edges.items()))
    assert key == "m%d" % d["fact_id"]
    assert (d["kind"], d["from"], d["to"], d["certainty"], d["directed"]) == \
        ("membership", "2003-09-18", None, "definite", True)
    assert "csto-charter-2002" in [c.source for c in d["sources"]]
    sym = [d for _, _, d in g.edges("KAZ", data=True) if d["type"] == "border"]
    assert sym and all(d["directed"] is False for d in sym)
    # Symmetric relations are one edge; both_directions adds the reverse.
    both = geopol.both_directions(g)
    assert both.number_of_edges() == g.number_of_edges() + sum(
        1 for *_, d in g.edges(data=True) if d["directed"] is False)
    trade = [d for *_, d in g.edges(data=True) if d["attrs"]]
    assert all(isinstance(d["attrs"], dict) for d in trade)


def test_graph_over_a_span(db):
    g = db.graph(start="2012", end="2013")
    uzb = {d["stage"] for d in (g.get_edge_data("UZB", "CSTO") or {}).values()}
    assert uzb == {"in_force", "suspended"}  # the suspension began on 2012-12-19
    after = db.graph(start=datetime.date(2013, 1, 1), end="2014")
    assert {d["stage"] for d in after.get_edge_data("UZB", "CSTO").values()} == {"suspended"}
    assert all(d["certainty"] is None for *_, d in after.edges(data=True))
    assert g.graph == {"start": "2012", "end": "2013"}


def test_graph_without_sources_and_definite(db):
    g = db.graph(at="2013", sources=False, definite=True)
    assert all(d["sources"] is None for *_, d in g.edges(data=True))
    assert all(d["certainty"] == "definite" for *_, d in g.edges(data=True))


def test_graph_filled_directly_equals_networkx_methods(db):
    from geopol._graph import _fill
    g = db.graph(at="2022-01-06")
    nodes = list(g.nodes(data=True))
    edges = list(g.edges(keys=True, data=True))
    by_methods = nx.MultiDiGraph()
    by_methods.add_nodes_from(nodes)
    by_methods.add_edges_from(edges)
    direct = nx.MultiDiGraph()
    _fill(direct, nodes, edges + [("NEWA", "NEWB", "x", {"kind": "test"})])
    by_methods.add_edge("NEWA", "NEWB", key="x", kind="test")
    assert nx.utils.graphs_equal(direct, by_methods)
    assert list(direct.successors("KAZ")) == list(by_methods.successors("KAZ"))
    assert list(direct.predecessors("CSTO")) == list(by_methods.predecessors("CSTO"))
    assert direct.in_degree("CSTO") == by_methods.in_degree("CSTO")
    assert direct.nodes["NEWA"] == {}
