#!/usr/bin/env python3
"""The state of a geopol file for the crash and concurrency tests: prints
"ok" and the row count of every table ("table=N ..."), or "BAD: why".
PRAGMA integrity_check runs with a high limit; SQLite 3.40's false
"NULL value in T.C" lines (for WITHOUT ROWID tables) are dropped only when
T really has no NULL in C."""
import re
import sqlite3
import sys

c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
bad = []
for (line,) in c.execute("PRAGMA integrity_check(10000000)"):
    if line == "ok":
        continue
    m = re.match(r"NULL value in (\w+)\.(\w+)$", line)
    if m and c.execute('SELECT count(*) FROM "%s" WHERE "%s" IS NULL' % m.groups()).fetchone()[0] == 0:
        continue
    bad.append(line)
if bad:
    print("BAD: " + "; ".join(bad[:3]))
    sys.exit(1)
tables = [r[0] for r in c.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
print("ok " + " ".join("%s=%d" % (t, c.execute('SELECT count(*) FROM "%s"' % t).fetchone()[0]) for t in tables))
