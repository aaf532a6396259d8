#!/usr/bin/env python3
"""The analyst's five questions of README, asked from Python, then the
Kazakhstan neighbourhood drawn with networkx and matplotlib.

Run it as a script (python3 analyst.py [OUTPUT_DIR]) or cell by cell in
Jupyter or an editor that knows "# %%" cells. It writes
kazakhstan-2022-01-06.png and kazakhstan-2022-01-06.gexf into OUTPUT_DIR
(default: the current directory).
"""
# %% Open the built-in dataset (read-only).
import os
import sys

import geopol

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
db = geopol.open()
DAY = "2022-01-06"  # CSTO troops enter Kazakhstan

# %% 1. Who belonged to the CSTO on the day its troops entered Kazakhstan?
print("1. CSTO members on %s" % DAY)
for m in db.members("CSTO", at=DAY):
    print("   %-4s %-16s %-10s since %-10s %s  (%s)" % (m.member, m.role, m.stage, m.from_,
                                                       m.certainty,
                                                       ", ".join(c.source for c in m.sources)))

# %% 2. Which organizations did Kazakhstan share with Russia, and with Turkey, in 2022?
print("\n2. Organizations shared in 2022")
for other in ("RUS", "TUR"):
    shared = db.common("KAZ", other, at="2022").to_pandas()
    orgs = sorted(set(shared["org"]))
    print("   KAZ and %s: %d: %s" % (other, len(orgs), ", ".join(orgs)))
both = (set(db.common("KAZ", "RUS", at="2022").to_pandas()["org"])
        & set(db.common("KAZ", "TUR", at="2022").to_pandas()["org"]))
print("   with both: %s" % ", ".join(sorted(both)))

# %% 3. What bound Kazakhstan to Russia before and after November 2025?
print("\n3. Kazakhstan and Russia")
for at in ("2025-11-01", "2026-01-01"):
    rels = db.relations("Kazakhstan", "Россия", at=at)
    print("   at %s: %s" % (at, ", ".join(sorted({r.type for r in rels}))))
new = [r for r in db.relations("KAZ", "RUS", at="2026-01-01")
       if r.type == "comprehensive_strategic_partnership_alliance"]
for r in new:
    print("   since %s: %s, citing %s" % (r.from_, r.type, r.sources[0].source))
    if r.sources[0].quote:
        print("      \"%s\"" % r.sources[0].quote[:100])

# %% 4. What changed around Kazakhstan between the end of 2021 and the end of 2025?
print("\n4. Changes around KAZ, 2021-12-31 to 2025-12-31")
changes = db.diff("2021-12-31", "2025-12-31", entity="KAZ").to_pandas()
print(changes.groupby("change", observed=True).size().to_string())
for r in db.diff("2021-12-31", "2025-12-31", entity="KAZ"):
    if r.change in ("joined", "left"):
        print("   %s %s %s (%s)" % (r.member, r.change, r.org, r.from_ if r.change == "joined"
                                    else r.to))
    elif r.change in ("relation_started", "relation_ended"):
        print("   %s: %s %s %s" % (r.change, r.a, r.type, r.b))

# %% 5. The whole network on that day, for networkx (and Gephi).
print("\n5. The network on %s" % DAY)
g = db.graph(at=DAY)
print("   %d nodes, %d edges" % (g.number_of_nodes(), g.number_of_edges()))
kinds = {}
for _, d in g.nodes(data=True):
    kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
print("   nodes by kind: %s" % kinds)
gexf = os.path.join(out_dir, "kazakhstan-%s.gexf" % DAY)
db.export("gexf", at=DAY, path=gexf)
print("   GEXF for Gephi: %s" % gexf)

# %% The Kazakhstan neighbourhood: every edge at KAZ on that day.
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402

ego = nx.MultiDiGraph()
for u, v, k, d in g.edges(keys=True, data=True):
    if "KAZ" in (u, v):
        ego.add_edge(u, v, key=k, **d)
for n in ego:
    ego.nodes[n].update(g.nodes[n])
orgs = sorted(n for n in ego if ego.nodes[n]["kind"] == "organization")
others = sorted(n for n in ego if n != "KAZ" and n not in orgs)
pos = nx.shell_layout(ego, [["KAZ"], others, orgs])
colours = {"state": "#4e79a7", "organization": "#f28e2b", "person": "#59a14f",
           "other": "#bab0ac"}
fig, ax = plt.subplots(figsize=(14, 14))
nx.draw_networkx_nodes(ego, pos, ax=ax, node_size=900,
                       node_color=[colours.get(ego.nodes[n]["kind"], "#bab0ac") for n in ego])
nx.draw_networkx_labels(ego, pos, ax=ax, font_size=8)
simple = nx.DiGraph()
labels = {}
for u, v, d in ego.edges(data=True):
    simple.add_edge(u, v)
    labels.setdefault((u, v), []).append(d["type"])
nx.draw_networkx_edges(simple, pos, ax=ax, arrows=True, arrowsize=12, node_size=900,
                       edge_color="#777777", connectionstyle="arc3,rad=0.05")
nx.draw_networkx_edge_labels(simple, pos, ax=ax, font_size=6,
                             edge_labels={e: "\n".join(sorted(set(t))) for e, t in labels.items()})
for kind, colour in colours.items():
    ax.scatter([], [], c=colour, label=kind, s=120)
ax.legend(loc="lower right")
ax.set_title("Kazakhstan on %s: memberships and relations (geopol built-in dataset)" % DAY)
ax.axis("off")
png = os.path.join(out_dir, "kazakhstan-%s.png" % DAY)
fig.savefig(png, dpi=100, bbox_inches="tight")
print("\nneighbourhood: %d entities, %d edges, drawn to %s" % (ego.number_of_nodes() - 1,
                                                          ego.number_of_edges(), png))
db.close()
