-- geopol schema, version 4: indexes that know about intervals (issue 7,
-- docs/PERFORMANCE.md).
--
-- An "at D" question keeps the rows with from_lo <= D AND to_hi > D. The
-- indexes of version 1 were (key, from_lo): they can only bound from_lo, so
-- every spell of the key that began before D was read, back to 1816. These
-- are (key, to_hi, from_lo, rec_to, rec_from): the search starts at the
-- first spell of the key that ends after D, which at a recent date skips the
-- closed past (most of the data), and the from_lo and recorded-time tests
-- are answered from the index entry, so the table is read only for the rows
-- returned. tests/check_plans.c fails when a hot query stops using them.
--
-- The pair indexes make the writes' own checks cheap: the overlap check of
-- a membership (same organization, member and role) and the duplicate check
-- of a relation (same pair and type, either way round) each probe one pair
-- instead of scanning every spell of the organization or the state. The
-- diff's "did the same fact hold at the other date" subqueries use them
-- too.

DROP INDEX IF EXISTS membership_org;
DROP INDEX IF EXISTS membership_member;
DROP INDEX IF EXISTS relation_a;
DROP INDEX IF EXISTS relation_b;

CREATE INDEX membership_org_at ON membership(org_id, to_hi, from_lo, rec_to, rec_from);
CREATE INDEX membership_member_at ON membership(member_id, to_hi, from_lo, rec_to, rec_from);
CREATE INDEX membership_pair ON membership(org_id, member_id, role, rec_to);

CREATE INDEX relation_a_at ON relation(a_id, to_hi, from_lo, rec_to, rec_from);
CREATE INDEX relation_b_at ON relation(b_id, to_hi, from_lo, rec_to, rec_from);
CREATE INDEX relation_pair ON relation(a_id, b_id, type, from_lo);

-- The snapshot at D reads most current rows: it scans the tables in rowid
-- order (NOT INDEXED in lib/graph.c), which measured faster than a (to_hi)
-- index that needs a table lookup for every row it keeps.
