/*
 * sql_names.h - the SQL of names and of geopol_resolve's lookups, written
 * once for both stores: the SQLite store (sqlite_names.c,
 * sqlite_resolve.c) gives the _AT forms its parameters (":ent", "?2"),
 * the PostgreSQL store (pg_names.c) its own ("$1"). The text is plain
 * enough for both; what differs (a code's ASCII case, the JSON array of
 * the deletion index's variants) is each store's. Texts sort bytewise on
 * both (SQLite's BINARY, PostgreSQL's COLLATE "C" columns), and the
 * search keys are made in C (gp_normalize, utf8proc), so they compare
 * exactly.
 */
#ifndef GEOPOL_SQL_NAMES_H
#define GEOPOL_SQL_NAMES_H

#include "core/temporal.h"

/* A name's row (gp_name_row): id, fact, the entity's code, text, language,
 * kind and interval. */
#define GP_SQL_NAME_ROW \
	"SELECT n.id, n.fact_id, x.code, n.text, n.lang, n.kind, n.from_lo, n.from_hi, " \
	"n.from_prec, n.to_lo, n.to_hi, n.to_prec FROM name n JOIN entity x ON x.id = n.entity_id "
/* The names of entity `ent` in language `lang` (NULL: any) that may hold
 * at [dlo, dhi], known at k (GP_NAMES_OF). */
#define GP_SQL_NAMES_OF_AT(ent, lang, dlo, dhi, k) GP_SQL_NAME_ROW \
	"WHERE n.entity_id = " ent " AND (" lang " IS NULL OR n.lang = " lang ") AND " \
	GP_SQL_HOLDS_AT("n", dlo, dhi) " AND " GP_SQL_KNOWN_AT("n", k) \
	" ORDER BY n.lang, n.kind, n.from_lo, n.text, n.id"
/* The names known at k that no citation cites (GP_NAMES_UNCITED). */
#define GP_SQL_NAMES_UNCITED_AT(k) GP_SQL_NAME_ROW \
	"WHERE " GP_SQL_KNOWN_AT("n", k) " AND NOT EXISTS (SELECT 1 FROM citation c WHERE " \
	"c.name_id = n.id) ORDER BY x.code, n.lang, n.id"

/* ---- geopol_resolve (gp_store.name_keys, candidate): a name by its key
 * (gp_name_key: name, entity, kinds, key, whether in the language asked),
 * current at k, of an entity recorded by k. */
#define GP_SQL_KEY_COLS(lang) \
	"SELECT n.id, n.entity_id, n.kind, e.kind, n.key, " \
	"CASE WHEN n.lang = " lang " THEN 1 ELSE 0 END FROM name n JOIN entity e ON e.id = n.entity_id "
#define GP_SQL_KEY_CURRENT(k) GP_SQL_KNOWN_AT("n", k) " AND e.rec_from <= " k
/* Names whose key is `key` (GP_KEYS_EXACT). */
#define GP_SQL_KEYS_EXACT_AT(key, k, lang) GP_SQL_KEY_COLS(lang) \
	"WHERE n.key = " key " AND " GP_SQL_KEY_CURRENT(k) " ORDER BY n.id LIMIT 512"
/* Names with a variant among the rows `variants` gives (a column `value`:
 * each store's reading of the JSON array), of key length in [klo, khi]
 * (GP_KEYS_VARIANTS; schema/002_search.sql, schema/pg/002_search.sql). */
#define GP_SQL_KEYS_VARIANTS_AT(variants, klo, khi, k, lang) GP_SQL_KEY_COLS(lang) \
	"WHERE n.id IN (SELECT nv.name_id FROM " variants " JOIN name_variant nv " \
	"ON nv.variant = v.value AND nv.klen BETWEEN " klo " AND " khi ") AND " \
	GP_SQL_KEY_CURRENT(k) " ORDER BY n.id LIMIT 512"
/* Names whose key lies between key and hi, in bytes (GP_KEYS_BETWEEN). */
#define GP_SQL_KEYS_BETWEEN_AT(key, hi, k, lang) GP_SQL_KEY_COLS(lang) \
	"WHERE n.key > " key " AND n.key < " hi " AND " GP_SQL_KEY_CURRENT(k) \
	" ORDER BY n.key, n.id LIMIT 64"

/* An entity as a candidate (gp_candidate): code, kind, display name at k
 * (in `lang`, else English, else a current one, short, official, the
 * first), and the text and language of the name `name` (0: none). */
#define GP_SQL_CANDIDATE_AT(entity, k, lang, name) \
	"SELECT e.code, e.kind, " \
	" (SELECT d.text FROM name d WHERE d.entity_id = e.id AND " GP_SQL_KNOWN_AT("d", k) \
	" ORDER BY CASE WHEN d.lang = " lang " THEN 0 ELSE 1 END, (d.lang = 'en') DESC," \
	"  (d.to_lo = 2147483647) DESC, d.kind = 2 DESC, d.kind = 1 DESC, d.id LIMIT 1)," \
	" m.text, m.lang " \
	"FROM entity e LEFT JOIN name m ON m.id = " name " WHERE e.id = " entity

#endif
