#!/usr/bin/env python3
"""Seed corpora for the fuzz harnesses, from the real files: slices of the
built-in dataset (data/*.json), names and codes from it, the test fixtures
(tests/fixtures, small excerpts of the real datasets) and, when the shared
folder is there, a header and four random rows of each real dataset file.
Nothing is copied whole. Usage: seeds.py SOURCE_DIR OUT_DIR"""
import glob
import json
import os
import random
import sys

src, out = sys.argv[1], sys.argv[2]
shared = os.path.join(src, "..", "shared", "data")
rng = random.Random(13)


def put(harness, name, data):
    d = os.path.join(out, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


# The built-in dataset: sections cut in slices of four records.
docs = []
for path in sorted(glob.glob(os.path.join(src, "data", "*.json"))):
    with open(path, encoding="utf-8") as f:
        docs.append((os.path.basename(path), json.load(f)))
names, codes = [], []
for base, doc in docs:
    for section, records in doc.items():
        if not isinstance(records, list):
            continue
        for i in range(0, len(records), 4):
            if rng.random() < 0.25 or i == 0:
                piece = {"format": "geopol-dataset", "version": 1, section: records[i:i + 4]}
                put("import_json", "%s-%s-%d.json" % (base, section, i), json.dumps(piece, ensure_ascii=False, indent=1))
        for r in records:
            if section == "entities":
                codes.append(r["code"])
                names += [n["text"] for n in r.get("names", [])]
for i, doc in enumerate([
        '{"entities":[{"code":"X","kind":"state"}]} trailing',
        '{"entities":[{"code":"A\\u0000B","kind":"state"}]}',
        '{"memberships":[{"org":"CSTO","member":"KAZ","from":"2022-02-30"}]}',
        '{"relations":[{"a":"KAZ","b":"RUS","type":"alliance","attrs":{"x":[1,{"y":null}]}}]}',
        '{"events":[{"type":"042","date":"2022","actors":[{"code":"KAZ"}],"title":{"en":"T"}}]}']):
    put("import_json", "bad-%d.json" % i, doc)

sample = rng.sample(names, min(400, len(names)))
for i, n in enumerate(sample):
    put("normalize", "name-%03d" % i, n)
for i, n in enumerate(rng.sample(names, min(250, len(names))) + rng.sample(codes, min(50, len(codes)))):
    put("resolve", "name-%03d" % i, n)
    if len(n) > 3 and i % 5 == 0:
        j = rng.randrange(len(n))
        put("resolve", "typo-%03d" % i, n[:j] + n[j + 1:])
for i, d in enumerate(["2022", "2022-05", "2022-05-10", "0001-01-01", "9999-12-31", "2024-02-29",
                       "2023-02-29", "2022-13", "-5", "99999", "2022-5-1", "", "2022-02-30x"]):
    put("date", "date-%02d" % i, d)
for i in range(60):
    code, name, lang = rng.choice(codes), rng.choice(names), rng.choice(["en", "ar", "ru", "kk-Latn"])
    parts = ["Q" + code, name, lang, rng.choice(names), '{"treaty":"%s"}' % code, rng.choice(names)]
    put("json_rows", "row-%02d" % i, "\xff".join(parts).encode("utf-8", "surrogateescape")
        .replace("\xff".encode("utf-8"), b"\xff"))

# The dataset importers: the fixtures, and slices of the real files.
formats = {
    "import_gdelt": (["gdelt-*.csv"], ["gdelt/apr2012.csv", "gdelt/may13.csv"]),
    "import_icews": (["icews*.tab"], ["icews/events.2018.sample.tab"]),
    "import_atop": (["atop*.csv"], ["atop/atop-member-level.csv"]),
    "import_cow_states": (["cow-states*.csv"], ["cow/states2016.csv"]),
    "import_cow_igo": (["cow-igo*.csv"], ["cow/igo_year_format3.csv"]),
    "import_cameo": (["cameo*.csv"], ["cameo/cameo-codes.csv"]),
}
for harness, (fixtures, real) in formats.items():
    for pattern in fixtures:
        for path in glob.glob(os.path.join(src, "tests", "fixtures", pattern)):
            with open(path, "rb") as f:
                put(harness, os.path.basename(path), f.read()[:16384])
    for rel in real:
        path = os.path.join(shared, rel)
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            lines = f.read().split(b"\n")
        header, rows = lines[0], [l for l in lines[1:5001] if l]
        for i in range(12):
            pick = rng.sample(rows, min(4, len(rows)))
            put(harness, "%s-%02d" % (os.path.basename(rel), i), b"\n".join([header] + pick) + b"\n")
