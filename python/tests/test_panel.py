"""Panels from Python (db.panel): the KAZ-RUS and KAZ-TUR dyad-years
2020-2025 of the built-in dataset, with the values tests/check_panel.c
checks (read by hand there from `geopol common`, `geopol events` and
`geopol history`), as rows without pandas and as a DataFrame; and the
same panel as the CLI's CSV."""
import io
import math
import os
import subprocess

import pytest

import geopol

TRIO = ["Kazakhstan", "RUS", "Türkiye"]  # names resolve as the CLI's do
YEARS = range(2020, 2026)


def rows_by_key(panel):
    return {(r.year, r.a, r.b): r for r in panel}


def test_shared_memberships_rows(db):
    p = db.panel("2020", "2026", codes=TRIO, vars=["shared", "member:NATO", "member:CSTO"])
    assert p.columns == ["year", "a", "b", "shared", "shared_possible", "member_NATO_a",
                         "member_NATO_a_possible", "member_NATO_b", "member_NATO_b_possible",
                         "member_CSTO_a", "member_CSTO_a_possible", "member_CSTO_b",
                         "member_CSTO_b_possible"]
    assert "holds on 1 July" in p.rule
    rows = rows_by_key(p)
    assert len(rows) == 18  # 2020-2025, three pairs
    for y in YEARS:
        # CICA, CIS, CSTO, CSTO-PA, EACU, EAEU, OSCE, SCO, UN
        assert rows[y, "KAZ", "RUS"].shared == 9
        assert rows[y, "KAZ", "RUS"].shared_possible == 0
        # CICA, ECO, OIC, OSCE, OTS, TURKSOY, UN
        assert rows[y, "KAZ", "TUR"].shared == 7
        # Kazakhstan a NATO partner, not a member; Turkey a member.
        assert rows[y, "KAZ", "TUR"].member_NATO_a == 0
        assert rows[y, "KAZ", "TUR"].member_NATO_b == 1
        assert rows[y, "KAZ", "RUS"].member_CSTO_b == 1
        assert rows[y, "KAZ", "TUR"].member_CSTO_b == 0
    # Counts are ints, as the CSV and NDJSON write them.
    assert type(rows[2022, "KAZ", "RUS"].shared) is int


def test_events_rows(db):
    rows = rows_by_key(db.panel(2020, 2026, codes=["KAZ", "RUS", "TUR"],
                                vars=["events", "quad", "goldstein", "root:16"]))
    rus = [0, 1, 10, 0, 0, 6]
    tur = [0, 0, 5, 0, 0, 0]
    for y, n_rus, n_tur in zip(YEARS, rus, tur):
        assert rows[y, "KAZ", "RUS"].events == n_rus
        assert rows[y, "KAZ", "TUR"].events == n_tur
        assert rows[y, "KAZ", "RUS"].events_possible == 0
    r = rows[2022, "KAZ", "RUS"]
    # KAZ towards RUS: rejecting military cooperation (1212, -4); RUS
    # towards KAZ: a threat (130, -4.4), 1661 (-7), 163 (-8) and the CPC
    # ruling reversed (081, +5).
    assert (r.quad3_ab, r.quad4_ab) == (1, 0)
    assert (r.quad2_ba, r.quad3_ba, r.quad4_ba) == (1, 1, 2)
    assert r.root16_ba == 2
    assert r.goldstein_sum_ab == -4
    assert r.goldstein_sum_ba == pytest.approx(-14.4)
    assert r.goldstein_mean_ba == pytest.approx(-3.6)
    # 2025: praise both ways (051, +3.4 each).
    r = rows[2025, "KAZ", "RUS"]
    assert (r.quad1_ab, r.quad1_ba) == (1, 1)
    assert r.goldstein_mean_ab == pytest.approx(3.4)
    # KAZ-TUR 2022: Turkey's appeal to Kazakhstan (0211, +3.4).
    r = rows[2022, "KAZ", "TUR"]
    assert (r.quad1_ba, r.quad1_ab) == (1, 0)
    assert r.goldstein_sum_ba == pytest.approx(3.4)
    # No directed event: no mean (None), a sum of 0.
    assert rows[2023, "KAZ", "RUS"].goldstein_mean_ab is None
    assert rows[2023, "KAZ", "RUS"].goldstein_sum_ab == 0


def test_dataframe(db):
    df = db.panel(2020, 2026, codes=TRIO, vars=["shared", "events", "quad", "goldstein"]).to_pandas()
    assert len(df) == 18
    assert list(df.columns[:4]) == ["year", "a", "b", "shared"]
    assert str(df["year"].dtype) == "int64"
    assert str(df["a"].dtype) == "string" and str(df["b"].dtype) == "string"
    assert str(df["shared"].dtype) == "int64" and str(df["quad4_ba"].dtype) == "int64"
    assert str(df["goldstein_mean_ab"].dtype) == "float64"
    assert "holds on 1 July" in df.attrs["rule"]
    r = df[(df.year == 2022) & (df.a == "KAZ") & (df.b == "RUS")].iloc[0]
    assert (r.shared, r.events, r.quad4_ba, r.goldstein_sum_ab) == (9, 10, 2, -4)
    assert r.goldstein_mean_ba == pytest.approx(-3.6)
    assert math.isnan(df[(df.year == 2023) & (df.a == "KAZ") & (df.b == "RUS")]
                      .iloc[0].goldstein_mean_ab)
    kt = df[(df.a == "KAZ") & (df.b == "TUR")]
    assert list(kt.shared) == [7] * 6 and list(kt.events) == [0, 0, 5, 0, 0, 0]


def test_rules_units_and_known_on(db):
    # The alliance of 12 November 2025: on some day of 2025, not on 1 July.
    v = "rel:comprehensive_strategic_partnership_alliance"
    col = "rel_comprehensive_strategic_partnership_alliance"
    any_day = list(db.panel(2025, 2026, codes=["KAZ", "RUS"], vars=[v], rule="any-day"))
    midpoint = list(db.panel(2025, 2026, codes=["KAZ", "RUS"], vars=[v]))
    assert getattr(any_day[0], col) == 1 and getattr(midpoint[0], col) == 0
    # Directed dyads: RUS towards KAZ in 2022 is its own row.
    d = {(r.a, r.b): r for r in db.panel(2022, 2023, unit="directed-dyad-year",
                                          codes=["KAZ", "RUS"], vars=["quad"])}
    assert (d["RUS", "KAZ"].quad3_ab, d["RUS", "KAZ"].quad4_ab) == (1, 2)
    # Months: the key is "2022-01".
    m = list(db.panel("2022-01", "2022-03", unit="dyad-month", codes=["KAZ", "RUS"],
                      vars=["events"]))
    assert [(r.month, r.events) for r in m] == [("2022-01", 2), ("2022-02", 2)]
    # States: their own memberships.
    s = list(db.panel(2022, 2023, unit="state-year", focus=["KAZ"], vars=["memberships"]))
    assert [r.state for r in s] == ["KAZ"] and s[0].memberships > 9
    # As known on 2000-01-01: nothing of 2022 recorded yet.
    old = list(db.panel(2022, 2023, codes=["KAZ", "RUS"], vars=["shared"], known_on="2000-01-01"))
    assert old[0].shared == 0
    assert "definite facts only" in db.panel(2022, 2023, codes=["KAZ", "RUS"], definite=True).rule


def test_same_as_the_cli(db):
    """The DataFrame holds the CLI's CSV, read by pandas as it is."""
    import pandas as pd
    exe = os.path.join(os.path.dirname(geopol.builtin_dataset()), "geopol")
    if not os.path.exists(exe):
        pytest.skip("no geopol command beside the built-in dataset")
    csv = subprocess.run([exe, "--db", geopol.builtin_dataset(), "panel", "--from", "2015",
                          "--to", "2026", "--focus", "KAZ", "--vars",
                          "shared,rel:alliance,events,quad"], check=True, capture_output=True).stdout
    want = pd.read_csv(io.BytesIO(csv))
    df = db.panel(2015, 2026, focus=["KAZ"], vars=["shared", "rel:alliance", "events",
                                                   "quad"]).to_pandas()
    assert list(df.columns) == list(want.columns)
    assert len(df) == len(want) > 2000
    assert (df.astype(object).values == want.astype(object).values).all()


def test_errors(db):
    with pytest.raises(geopol.InvalidInput, match="unknown panel variable 'nonsense'"):
        db.panel(2020, 2021, codes=["KAZ", "RUS"], vars=["shared", "nonsense"])
    with pytest.raises(geopol.InvalidInput, match="unit: 'country-year' is not one of"):
        db.panel(2020, 2021, unit="country-year")
    with pytest.raises(geopol.NotFound):
        db.panel(2020, 2021, codes=["KAZ", "Atlantis"])
    with pytest.raises(geopol.InvalidInput, match="ends before it starts"):
        db.panel(2021, 2020, codes=["KAZ", "RUS"])
    p = db.panel(2022, 2023, codes=["KAZ", "RUS"])
    list(p)
    with pytest.raises(geopol.Misuse):
        p.to_pandas()


def test_closing_the_database_frees_panels():
    d = geopol.open()
    p = d.panel(2020, 2026, codes=["KAZ", "RUS"])
    next(iter(p))
    d.close()
    assert list(p) == []
