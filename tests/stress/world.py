#!/usr/bin/env python3
"""A generated JSON dataset for the crash and concurrency tests (never real
facts: codes start with ZZ): N entities with a name each, memberships of
them in ten organizations, relations and events between them.
Usage: world.py N OUT.json [TAG]  (TAG makes the codes of two files differ)"""
import json
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
tag = sys.argv[3] if len(sys.argv) > 3 else "A"
rng = random.Random(n)
src = "zz-test-%s" % tag
ents = ["ZZ%s%05d" % (tag, i) for i in range(n)]
orgs = ["ZZ%sORG%d" % (tag, i) for i in range(10)]
doc = {
    "format": "geopol-dataset", "version": 1,
    "sources": [{"code": src, "title": "generated for tests"}],
    "relation_types": [{"code": "zz_test_link", "directed": False, "label": "test link"}],
    "event_types": [{"code": "042", "name": "Make a visit"}],
    "entities": [{"code": c, "kind": "organization"} for c in orgs] +
                [{"code": c, "kind": "state", "names": [{"text": "Testland %s" % c, "lang": "en"}]}
                 for c in ents],
    "memberships": [{"org": orgs[i % 10], "member": c, "from": "%d" % (1950 + i % 70),
                     "sources": [{"source": src, "quote": "row %d" % i}]} for i, c in enumerate(ents)],
    "relations": [{"a": ents[i], "b": ents[(i + 1) % n], "type": "zz_test_link",
                   "from": "%d-%02d" % (1990 + i % 30, 1 + i % 12)} for i in range(0, n - 1, 2)],
    "events": [{"id": "zz:%s:%d" % (tag, i), "type": "042",
                "date": "%d-%02d-%02d" % (2000 + i % 20, 1 + i % 12, 1 + i % 28),
                "actors": [{"code": ents[i % n], "role": "source"},
                           {"code": ents[rng.randrange(n)], "role": "target"}],
                "title": {"en": "Visit %d" % i}} for i in range(n)],
}
with open(out, "w") as f:
    json.dump(doc, f)
