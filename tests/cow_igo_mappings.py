#!/usr/bin/env python3
"""The COW organizations geopol maps onto built-in entities, checked
without geopol's code: for each ioname of the mapping (README, cow-igo), the
rule is applied to the raw igo_year_format3.csv and the built-in dataset's
JSON (data/*.json): the built-in entity *is* COW's organization when one of
its names is the ioname, orgname or longorgname (or its code is the ioname),
it begins within a year of sdate, and a dead organization's entity ends in
deaddate's year or the next, while a living one's does not end by sdate.
Then the organization carries the external id cow-igo=ionum; otherwise
COW:IGO:<ioname> does, with a corresponds_to relation to the built-in one.

usage: cow_igo_mappings.py IGO_FILE DATA_DIR GEOPOL DB
(DB: the built-in dataset with IGO_FILE imported.) Prints each expected
line and exits 1 when geopol's answer differs.
"""
import csv
import glob
import json
import re
import subprocess
import sys

MAPPED = {"CSTO": "CSTO", "SCO": "SCO", "CIS": "CIS", "EAEC": "EURASEC", "NATO": "NATO",
          "EU": "EU", "EEC": "EU", "UN": "UN", "OSCE": "OSCE", "OIC": "OIC", "ECO": "ECO"}


def key(s):
    return re.sub(r"[\W_]+", "", s.casefold())


def year(d):
    return int(d[:4]) if d else None


def expected(igo_file, data_dir):
    first = {}
    with open(igo_file, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            first.setdefault(row["ioname"], row)
    builtin = {}
    for path in sorted(glob.glob(data_dir + "/*.json")):
        with open(path, encoding="utf-8") as f:
            for e in json.load(f).get("entities", []):
                builtin.setdefault(e["code"], e)
    lines = []
    for ioname, code in sorted(MAPPED.items()):
        row, e = first[ioname], builtin.get(code)
        sdate = None if row["sdate"] == "NA" else int(row["sdate"])
        dead = None if row["deaddate"] == "NA" else int(row["deaddate"])
        names = {key(part) for col in ("ioname", "orgname", "longorgname") if row[col] != "NA"
                 for part in row[col].split("/")}
        own = {key(n["text"]) for n in e.get("names", [])} | {key(code)}
        start, end = year(e.get("from")), year(e.get("to"))
        fits = (e.get("kind") == "organization" and bool(names & own)
                and (sdate is None or start is None or abs(start - sdate) <= 1)
                and (dead is None or (end is not None and dead <= end <= dead + 1))
                and (dead is not None or end is None or sdate is None or end > sdate))
        holder = code if fits else "COW:IGO:" + ioname
        lines.append("cow-igo %s %s" % (row["ionum"], holder))
        if not fits:
            lines.append("%s corresponds_to %s" % (holder, code))
    return sorted(lines)


def answered(geopol, db, ionums):
    def sql(q):
        out = subprocess.run([geopol, "--db", db, "sql", "--format", "json", q], check=True,
                             capture_output=True, text=True).stdout
        return json.loads(out)
    lines = ["cow-igo %s %s" % (r["value"], r["code"]) for r in sql(
        "SELECT e.code, x.value FROM entity_xref x JOIN entity e ON e.id = x.entity_id "
        "WHERE x.scheme = 'cow-igo'") if r["value"] in ionums]
    lines += ["%s corresponds_to %s" % (r["a"], r["b"]) for r in sql(
        "SELECT a.code AS a, b.code AS b FROM relation r JOIN entity a ON a.id = r.a_id "
        "JOIN entity b ON b.id = r.b_id WHERE r.type = 'corresponds_to' AND a.code LIKE 'COW:IGO:%'")]
    return sorted(lines)


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    want = expected(argv[1], argv[2])
    ionums = {line.split()[1] for line in want if line.startswith("cow-igo ")}
    got = answered(argv[3], argv[4], ionums)
    print("\n".join(want))
    if got != want:
        print("geopol answered:\n" + "\n".join(got), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv)
