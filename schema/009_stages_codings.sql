-- 009: legal stages of memberships, and the ranks of codings (issue 12).
--
-- membership.stage is the row's legal stage (include/geopol.h,
-- geopol_stage): 1 in force, 2 signed, 3 ratified, 4 suspended, 5 frozen,
-- 6 withdrawal notified, 7 withdrawn. Each stage is a row of its own with
-- its dates and sources. Rows from before this version are in force, but
-- for the role 'suspended' (8), which was how a suspension was written.
ALTER TABLE membership ADD COLUMN stage INTEGER NOT NULL DEFAULT 1 CHECK (stage BETWEEN 1 AND 7);
UPDATE membership SET stage = 4 WHERE role = 8;

-- The rank of each coding (membership.coding, schema 003; 'curated' names
-- the rows whose coding is NULL). For each (organization, member) pair the
-- questions answer from the codings of lowest rank that have rows for it.
-- A coding with no row here ranks 100.
CREATE TABLE coding (
  name TEXT PRIMARY KEY,
  rank INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO coding(name, rank) VALUES ('curated', 0);

-- The packed membership records now carry the stage and the coding: the
-- old blocks go, and are packed again at the end of the migration.
DELETE FROM edge_pack WHERE kind = 2;

-- diff's "did the same membership hold at the other date" and the ranks'
-- "does a better coding have rows for the pair" read stage and coding too:
-- the pair index carries them, so both stay answered from the index alone.
DROP INDEX IF EXISTS membership_pair;
CREATE INDEX membership_pair ON membership(org_id, member_id, role, rec_to, to_hi, from_lo, rec_from,
  stage, coding);
