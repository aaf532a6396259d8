#!/usr/bin/env python3
"""Joint full IGO memberships of state pairs, recomputed from COW's
igo_year_format3.csv without geopol: for each year and pair of state
columns, the organizations whose row of that year codes both states 1 (full
member), as COW's dyadic IGO data count "joint full membership".

usage: cow_shared_igos.py FILE YEAR COLUMN_A COLUMN_B [YEAR COLUMN_A COLUMN_B ...]
prints one line per triple: YEAR COLUMN_A COLUMN_B COUNT
"""
import csv
import sys


def main(argv):
    path, rest = argv[1], argv[2:]
    if not rest or len(rest) % 3:
        sys.exit(__doc__)
    asks = [(int(rest[i]), rest[i + 1], rest[i + 2]) for i in range(0, len(rest), 3)]
    counts = {ask: 0 for ask in asks}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            year = int(row["year"])
            for ask in asks:
                y, a, b = ask
                if y == year and row[a] == "1" and row[b] == "1":
                    counts[ask] += 1
    for ask in asks:
        print(ask[0], ask[1], ask[2], counts[ask])


if __name__ == "__main__":
    main(sys.argv)
