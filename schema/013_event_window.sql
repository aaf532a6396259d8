-- 013: the events of a window of days read from one index (issue 17,
-- item 5). event_window holds every column an event's answer reads from
-- its row, in the order the answers come in (from_lo, then row id): a
-- diff's events (lib/store/sqlite_events.c, GP_SQL_DIFF_EVENT_ROWS) and
-- geopol_events by date walk it and never visit the table, whose rows of
-- one year lie anywhere in it when the events were not recorded in date
-- order. Its first columns are event_date's, which it replaces.
DROP INDEX IF EXISTS event_date;
CREATE INDEX IF NOT EXISTS event_window ON event(from_lo, id, from_hi, rec_to, rec_from, fact_id,
  type, intensity, from_prec, to_lo, to_hi, to_prec, ext_id, location);
