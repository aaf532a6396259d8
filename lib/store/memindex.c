/*
 * memindex.c - the in-memory index of current knowledge (see
 * memindex_internal.h): when it is fresh, building it, the "at D"
 * iterators over it, and the adjacency at a date the traversals walk.
 *
 * Every answer must be the one the SQL path gives, item by item, so each
 * per-key list is sorted by the SQL's ORDER BY and then, for rows the
 * ORDER BY leaves tied, by the order the SQL's index delivers them
 * (to_hi, from_lo, rec_from, row id: the schema/004 indexes).
 */
#include "store/memindex_internal.h"
#include "store/store.h"
#include "store/params.h"
#include "store/sql_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- the handle's state: which index is current, and when to build */

struct gp_memstate {
	gp_memindex *cur;            /* holds one reference; may be stale */
	int mode;
	int64_t changes, version;    /* the stamp seen at the last question */
	int weight;                  /* questions asked since the data changed */
	int failed;                  /* a build failed at this stamp: not again */
	int64_t builds;
};

static int build(geopol_db *db, gp_memindex **out);
static void memindex_free(gp_memindex *mi);

/* The state lives as long as the handle: the ctx of its close hook. */
static void memstate_close(geopol_db *db, void *ctx)
{
	(void)db;
	struct gp_memstate *ms = ctx;
	gp_memindex_release(ms->cur);
	free(ms);
}

static struct gp_memstate *state(geopol_db *db)
{
	struct gp_memstate *ms = gp_hook_ctx(db, memstate_close);
	if (!ms && (ms = calloc(1, sizeof *ms)) && gp_on_close(db, memstate_close, ms)) {
		free(ms);
		ms = NULL;
	}
	return ms;
}

int gp_memindex_mode(geopol_db *db, int mode)
{
	struct gp_memstate *ms = state(db);
	if (!ms)
		return GEOPOL_ENOMEM;
	ms->mode = mode;
	return GEOPOL_OK;
}

/* This connection's writes move total_changes (a rolled-back write too:
 * harmless, it only costs a rebuild); other connections' commits move
 * data_version. The pragma also starts a read transaction, which is what
 * makes the pager notice another connection's commit at all: the
 * SQLITE_FCNTL_DATA_VERSION counter alone would only move at the next
 * statement. */
static int read_stamp(geopol_db *db, int64_t *changes, int64_t *version)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *st = gp_stmt(db, sql);
	if (!st)
		return GEOPOL_EDB;
	int rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	*changes = sqlite3_total_changes64(db->sql);
	return rc == SQLITE_ROW ? GEOPOL_OK : GEOPOL_EDB;
}

void gp_memindex_release(gp_memindex *mi)
{
	if (mi && --mi->refs == 0)
		memindex_free(mi);
}

/* Build now? Only outside a transaction: an index built from uncommitted
 * rows would outlive their rollback (a rollback moves neither counter). */
static int should_build(geopol_db *db, struct gp_memstate *ms)
{
	if (ms->failed || !sqlite3_get_autocommit(db->sql))
		return 0;
	return ms->mode == GP_MEMINDEX_ALWAYS || ms->weight >= GP_MEMINDEX_WARM;
}

gp_memindex *gp_memindex_acquire(geopol_db *db, int weight)
{
	struct gp_memstate *ms = state(db);
	int64_t changes, version;
	if (!ms || ms->mode == GP_MEMINDEX_OFF || read_stamp(db, &changes, &version))
		return NULL;
	if (changes != ms->changes || version != ms->version) {
		ms->changes = changes;
		ms->version = version;
		ms->weight = 0;
		ms->failed = 0;
	}
	gp_memindex *mi = ms->cur;
	if (!mi || mi->changes != changes || mi->version != version) {
		/* A stale index is never used again: let it go now (iterators
		 * still reading it keep it until they are freed). */
		gp_memindex_release(ms->cur);
		ms->cur = NULL;
		ms->weight += weight;
		if (!should_build(db, ms))
			return NULL;
		if (build(db, &mi)) {
			/* SQL still answers; the build's message is not the question's. */
			ms->failed = 1;
			gp_clear_error(db);
			return NULL;
		}
		mi->changes = changes;
		mi->version = version;
		ms->cur = mi;
		ms->builds++;
	}
	mi->refs++;
	return mi;
}

int64_t gp_memindex_builds(const geopol_db *db)
{
	const struct gp_memstate *ms = db ? gp_hook_ctx(db, memstate_close) : NULL;
	return ms ? ms->builds : 0;
}

size_t gp_memindex_bytes(const geopol_db *db)
{
	const struct gp_memstate *ms = db ? gp_hook_ctx(db, memstate_close) : NULL;
	const gp_memindex *mi = ms ? ms->cur : NULL;
	if (!mi)
		return 0;
	size_t n = mi->bytes;
	for (int i = 0; i < GP_REACH_CACHE; i++) {
		const gp_reach *r = &mi->reach[i];
		if (r->used)
			n += (mi->n_ent + 1) * sizeof *r->off + 2 * r->off[mi->n_ent] * sizeof *r->nbr +
			     (r->bits ? mi->n_ent * r->words * sizeof *r->bits : 0);
	}
	return n;
}

int64_t gp_memindex_entity(const gp_memindex *mi, int64_t id)
{
	if (mi->id_map)
		return id >= 0 && id < mi->id_map_len ? mi->id_map[id] : -1;
	size_t lo = 0, hi = mi->n_ent;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (mi->ent_id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < mi->n_ent && mi->ent_id[lo] == id ? (int64_t)lo : -1;
}

/* ---- loading: one scan of each table */

typedef struct arena {
	char *p;
	size_t len, cap;
} arena;

/* Append a string with its NUL; its offset, or -1 for out of memory. */
static int64_t arena_add(arena *a, const char *s, size_t n)
{
	char *p = gp_grow(a->p, &a->cap, a->len + n + 1, 1, 4096);
	if (!p)
		return -1;
	a->p = p;
	memcpy(a->p + a->len, s, n);
	a->p[a->len + n] = '\0';
	a->len += n + 1;
	return (int64_t)(a->len - n - 1);
}

/* Make room for element n of an array of `size`-byte elements. */
static int grow(void *pp, size_t *cap, size_t n, size_t size)
{
	void **p = pp;
	void *q = gp_grow(*p, cap, n + 1, size, 256);
	if (!q)
		return GEOPOL_ENOMEM;
	*p = q;
	return GEOPOL_OK;
}

typedef struct loader {
	geopol_db *db;
	gp_memindex *mi;
	arena strings;
	int64_t *code_off;           /* entity codes, as arena offsets */
	int64_t *type_off;
} loader;

static int scan_error(loader *l, sqlite3_stmt *st, int rc, const char *what)
{
	if (rc == GEOPOL_ENOMEM)
		gp_error(l->db, rc, "out of memory");
	else if (rc != GEOPOL_EDB)
		rc = gp_sql_error(l->db, what);
	sqlite3_finalize(st);
	return rc;
}

static int prepare(loader *l, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(l->db->sql, sql, -1, st, NULL) != SQLITE_OK) {
		sqlite3_finalize(*st);
		return gp_sql_error(l->db, "building the in-memory index");
	}
	return GEOPOL_OK;
}

typedef struct code_ref {
	const char *code;
	uint32_t i;
} code_ref;

static int cmp_code_ref(const void *a, const void *b)
{
	return strcmp(((const code_ref *)a)->code, ((const code_ref *)b)->code);
}

/* Each entity's position in code order (SQLite's BINARY collation is
 * strcmp on UTF-8), so that sorting by code compares integers. */
static int rank_entities(loader *l)
{
	gp_memindex *mi = l->mi;
	code_ref *refs = malloc((mi->n_ent ? mi->n_ent : 1) * sizeof *refs);
	mi->rank = malloc((mi->n_ent ? mi->n_ent : 1) * sizeof *mi->rank);
	if (!refs || !mi->rank) {
		free(refs);
		return GEOPOL_ENOMEM;
	}
	for (size_t i = 0; i < mi->n_ent; i++)
		refs[i] = (code_ref){l->strings.p + l->code_off[i], (uint32_t)i};
	qsort(refs, mi->n_ent, sizeof *refs, cmp_code_ref);
	for (size_t i = 0; i < mi->n_ent; i++)
		mi->rank[refs[i].i] = (uint32_t)i;
	free(refs);
	return GEOPOL_OK;
}

/* Row ids are dense in practice: map them directly when the map is
 * small, else gp_memindex_entity() searches the sorted ids. */
static int map_ids(gp_memindex *mi)
{
	int64_t max = mi->n_ent ? mi->ent_id[mi->n_ent - 1] : 0;
	if (max < 0 || max > 16 * (int64_t)mi->n_ent + 4096)
		return GEOPOL_OK;
	mi->id_map = malloc((size_t)(max + 1) * sizeof *mi->id_map);
	if (!mi->id_map)
		return GEOPOL_ENOMEM;
	for (int64_t i = 0; i <= max; i++)
		mi->id_map[i] = -1;
	for (size_t i = 0; i < mi->n_ent; i++)
		if (mi->ent_id[i] >= 0)
			mi->id_map[mi->ent_id[i]] = (int32_t)i;
	mi->id_map_len = max + 1;
	return GEOPOL_OK;
}

static int load_entities(loader *l)
{
	gp_memindex *mi = l->mi;
	sqlite3_stmt *st;
	size_t cap = 0, cap2 = 0;
	size_t cap3 = 0;
	/* The lives are current knowledge's, as the index's rows are. */
	int rc = prepare(l, "SELECT id, code, from_lo, from_hi, to_lo, to_hi, from_prec, to_prec "
			 "FROM entity ORDER BY id", &st);
	if (rc)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = mi->n_ent;
		if (grow(&mi->ent_id, &cap, n, sizeof *mi->ent_id) ||
		    grow(&l->code_off, &cap2, n, sizeof *l->code_off) ||
		    grow(&mi->life, &cap3, n, sizeof *mi->life))
			return scan_error(l, st, GEOPOL_ENOMEM, NULL);
		mi->life[n] = (gp_span){sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
					sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
					sqlite3_column_int(st, 6), sqlite3_column_int(st, 7)};
		const char *code = (const char *)sqlite3_column_text(st, 1);
		int64_t off = arena_add(&l->strings, code ? code : "", (size_t)sqlite3_column_bytes(st, 1));
		if (off < 0 || n >= INT32_MAX / 4)
			return scan_error(l, st, GEOPOL_ENOMEM, NULL);
		mi->ent_id[n] = sqlite3_column_int64(st, 0);
		l->code_off[n] = off;
		mi->n_ent++;
	}
	if (rc != SQLITE_DONE)
		return scan_error(l, st, rc, "reading entities");
	sqlite3_finalize(st);
	if ((rc = rank_entities(l)) || (rc = map_ids(mi)))
		return gp_error(l->db, rc, "out of memory");
	return GEOPOL_OK;
}

static int load_types(loader *l)
{
	gp_memindex *mi = l->mi;
	sqlite3_stmt *st;
	size_t cap = 0, cap2 = 0;
	int rc = prepare(l, "SELECT code, directed FROM relation_type ORDER BY code", &st);
	if (rc)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = mi->n_types;
		if (n >= UINT16_MAX || grow(&l->type_off, &cap, n, sizeof *l->type_off) ||
		    grow(&mi->directed, &cap2, n, sizeof *mi->directed))
			return scan_error(l, st, GEOPOL_ENOMEM, NULL);
		int64_t off = arena_add(&l->strings, (const char *)sqlite3_column_text(st, 0),
					(size_t)sqlite3_column_bytes(st, 0));
		if (off < 0)
			return scan_error(l, st, GEOPOL_ENOMEM, NULL);
		l->type_off[n] = off;
		mi->directed[n] = sqlite3_column_int(st, 1);
		mi->n_types++;
	}
	if (rc != SQLITE_DONE)
		return scan_error(l, st, rc, "reading relation types");
	sqlite3_finalize(st);
	return GEOPOL_OK;
}

/* The type's index (types are in code order), or -1. */
static int type_index(const loader *l, const char *code)
{
	size_t lo = 0, hi = l->mi->n_types;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(l->strings.p + l->type_off[mid], code);
		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The interval and rec_from of a row into a spell's fields. */
#define SPELL_WHEN(x, r) do { \
	(x)->from_lo = (int32_t)(r)->when.flo; (x)->from_hi = (int32_t)(r)->when.fhi; \
	(x)->to_lo = (int32_t)(r)->when.tlo; (x)->to_hi = (int32_t)(r)->when.thi; \
	(x)->from_prec = (uint8_t)(r)->when.fprec; (x)->to_prec = (uint8_t)(r)->when.tprec; \
	(x)->rec_from = (r)->rec_from; } while (0)

/* Scanned in row id order: spell index order is row id order, which the
 * sorts below use as their last key. */
static int load_memberships(loader *l)
{
	gp_memindex *mi = l->mi;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc = prepare(l, "SELECT " GP_MEMBERSHIP_RAW_COLS " FROM membership m WHERE "
			 GP_SQL_CURRENT("m") " AND " GP_SQL_MVISIBLE("m") " ORDER BY m.id", &st);
	if (rc)
		return rc;
	/* The default question's memberships (gp_q.plain). */
	gp_q qd;
	gp_params p = {0};
	if ((rc = gp_query_defaults(l->db, &qd, NULL)))
		return scan_error(l, st, rc, NULL);
	p.k = qd.known_at;
	p.stages = qd.stages;
	p.cshadow = qd.shadow;
	if ((rc = gp_bind_params(l->db, st, &p)))
		return scan_error(l, st, rc, NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (mi->n_m >= INT32_MAX / 4 || grow(&mi->m, &cap, mi->n_m, sizeof *mi->m))
			return scan_error(l, st, GEOPOL_ENOMEM, NULL);
		gp_mspell *m = &mi->m[mi->n_m];
		gp_edge_row r;
		gp_edge_row_read(&r, GEOPOL_FACT_MEMBERSHIP, st, 0, 1);
		int64_t org = gp_memindex_entity(mi, r.a_id);
		int64_t member = gp_memindex_entity(mi, r.b_id);
		if (org < 0 || member < 0)
			return scan_error(l, st, gp_error(l->db, GEOPOL_EDB, "membership %lld: no such entity",
							  (long long)r.id), NULL);
		m->row = r.id;
		m->fact_id = r.fact_id;
		m->org = (uint32_t)org;
		m->member = (uint32_t)member;
		m->role = (uint8_t)r.role;
		m->stage = (uint8_t)r.stage;
		m->coding = 0;
		if (r.coding) {
			int64_t off = arena_add(&l->strings, r.coding,
						(size_t)sqlite3_column_bytes(st, GP_MC_CODING));
			if (off < 0 || off >= UINT32_MAX)
				return scan_error(l, st, GEOPOL_ENOMEM, NULL);
			m->coding = (uint32_t)off + 1;
		}
		SPELL_WHEN(m, &r);
		mi->n_m++;
	}
	if (rc != SQLITE_DONE)
		return scan_error(l, st, rc, "reading memberships");
	sqlite3_finalize(st);
	return GEOPOL_OK;
}

static int read_relation(loader *l, sqlite3_stmt *st, gp_rspell *r)
{
	gp_memindex *mi = l->mi;
	gp_edge_row x;
	gp_edge_row_read(&x, GEOPOL_FACT_RELATION, st, 0, 1);
	int64_t a = gp_memindex_entity(mi, x.a_id);
	int64_t b = gp_memindex_entity(mi, x.b_id);
	int type = type_index(l, x.type);
	if (a < 0 || b < 0 || type < 0)
		return gp_error(l->db, GEOPOL_EDB, "relation %lld: no such entity or type",
				(long long)x.id);
	r->attrs = 0;
	if (x.attrs) {
		int64_t off = arena_add(&l->strings, x.attrs,
					(size_t)sqlite3_column_bytes(st, GP_RC_ATTRS));
		if (off < 0 || off >= UINT32_MAX)
			return gp_error(l->db, GEOPOL_ENOMEM, "out of memory");
		r->attrs = (uint32_t)off + 1;
	}
	r->row = x.id;
	r->fact_id = x.fact_id;
	r->a = (uint32_t)a;
	r->b = (uint32_t)b;
	r->type = (uint16_t)type;
	SPELL_WHEN(r, &x);
	return GEOPOL_OK;
}

static int load_relations(loader *l)
{
	gp_memindex *mi = l->mi;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc = prepare(l, "SELECT " GP_RELATION_RAW_COLS " FROM relation r WHERE "
			 GP_SQL_CURRENT("r") " ORDER BY r.id", &st);
	if (rc)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Item numbers (two per spell) and edge tags must fit 32 bits. */
		if (mi->n_r >= INT32_MAX / 4 || grow(&mi->r, &cap, mi->n_r, sizeof *mi->r))
			return scan_error(l, st, GEOPOL_ENOMEM, NULL);
		if ((rc = read_relation(l, st, &mi->r[mi->n_r])))
			return scan_error(l, st, rc, NULL);
		mi->n_r++;
	}
	if (rc != SQLITE_DONE)
		return scan_error(l, st, rc, "reading relations");
	sqlite3_finalize(st);
	return GEOPOL_OK;
}

/* ---- the per-key orders */

enum { O_MEMBERS, O_MEMBERSHIPS, O_RELATIONS, O_ADJ };

/* Items: O_MEMBERS/O_MEMBERSHIPS one per membership; O_RELATIONS two per
 * relation (2j: as a, 2j + 1: as b); O_ADJ memberships as organization,
 * then as member, then relations as a, then as b. */
typedef struct skey {
	uint64_t k[4];
	uint32_t item;
} skey;

static uint64_t bias32(int32_t v)
{
	return (uint64_t)((uint32_t)v ^ 0x80000000u);
}

static uint64_t bias64(int64_t v)
{
	return (uint64_t)v ^ 0x8000000000000000ull;
}

static size_t n_items(const gp_memindex *mi, int o)
{
	return o == O_MEMBERS || o == O_MEMBERSHIPS ? mi->n_m
	       : o == O_RELATIONS ? 2 * mi->n_r : 2 * (mi->n_m + mi->n_r);
}

static size_t n_groups(const gp_memindex *mi, int o)
{
	return o == O_ADJ ? 4 * mi->n_ent : mi->n_ent;
}

/* The spell an O_ADJ item stands for, as an edge tag, and its two ends. */
static uint32_t adj_edge(const gp_memindex *mi, uint32_t item, uint32_t *self, uint32_t *other)
{
	size_t nm = mi->n_m;
	if (item < 2 * nm) {
		const gp_mspell *m = &mi->m[item % nm];
		*self = item < nm ? m->org : m->member;
		*other = item < nm ? m->member : m->org;
		return (uint32_t)(item % nm);
	}
	uint32_t j = (uint32_t)((item - 2 * nm) % mi->n_r);
	const gp_rspell *r = &mi->r[j];
	int as_b = item - 2 * nm >= mi->n_r;
	*self = as_b ? r->b : r->a;
	*other = as_b ? r->a : r->b;
	return j | GP_EDGE_REL;
}

static uint32_t item_group(const gp_memindex *mi, int o, uint32_t item)
{
	uint32_t self, other;
	switch (o) {
	case O_MEMBERS: return mi->m[item].org;
	case O_MEMBERSHIPS: return mi->m[item].member;
	case O_RELATIONS: return item & 1 ? mi->r[item / 2].b : mi->r[item / 2].a;
	default: {
		/* the segment: as organization, as member, as a, as b */
		size_t nm = mi->n_m;
		uint32_t seg = item < nm ? 0 : item < 2 * nm ? 1 : item - 2 * nm < mi->n_r ? 2 : 3;
		adj_edge(mi, item, &self, &other);
		return 4 * self + seg;
	}
	}
}

/* The sort key within a group: the SQL's ORDER BY, then index order. */
static void item_key(const gp_memindex *mi, int o, uint32_t item, skey *k)
{
	k->item = item;
	if (o == O_MEMBERS || o == O_MEMBERSHIPS) {
		const gp_mspell *m = &mi->m[item];
		uint32_t by = mi->rank[o == O_MEMBERS ? m->member : m->org];
		k->k[0] = (uint64_t)by << 32 | bias32(m->from_lo);
		k->k[1] = bias32(m->to_hi);
		k->k[2] = bias64(m->rec_from);
		k->k[3] = 0;
	} else if (o == O_RELATIONS) {
		const gp_rspell *r = &mi->r[item / 2];
		k->k[0] = bias32(r->from_lo) << 32 | r->type;
		k->k[1] = (uint64_t)mi->rank[r->a] << 32 | mi->rank[r->b];
		k->k[2] = bias32(r->to_hi);
		k->k[3] = bias64(r->rec_from);
	} else {
		uint32_t self, other, e = adj_edge(mi, item, &self, &other);
		int32_t from_lo = e & GP_EDGE_REL ? mi->r[e & ~GP_EDGE_REL].from_lo : mi->m[e].from_lo;
		int32_t to_hi = e & GP_EDGE_REL ? mi->r[e & ~GP_EDGE_REL].to_hi : mi->m[e].to_hi;
		int64_t rec = e & GP_EDGE_REL ? mi->r[e & ~GP_EDGE_REL].rec_from : mi->m[e].rec_from;
		k->k[0] = bias32(to_hi);
		k->k[1] = bias32(from_lo);
		k->k[2] = bias64(rec);
		k->k[3] = 0;
	}
}

static int cmp_skey(const void *pa, const void *pb)
{
	const skey *a = pa, *b = pb;
	for (int i = 0; i < 4; i++)
		if (a->k[i] != b->k[i])
			return a->k[i] < b->k[i] ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* Group the items by key (a counting sort, stable): *off has
 * n_groups + 1 offsets, *perm the items group by group. */
static int group_items(const gp_memindex *mi, int o, uint32_t **off, uint32_t **perm)
{
	size_t n = n_items(mi, o), ng = n_groups(mi, o);
	uint32_t *cur = calloc(ng + 1, sizeof *cur);
	*off = calloc(ng + 1, sizeof **off);
	*perm = malloc((n ? n : 1) * sizeof **perm);
	if (!cur || !*off || !*perm) {
		free(cur);
		return GEOPOL_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		(*off)[item_group(mi, o, (uint32_t)i) + 1]++;
	for (size_t g = 0; g < ng; g++)
		(*off)[g + 1] += (*off)[g];
	memcpy(cur, *off, (ng + 1) * sizeof *cur);
	for (size_t i = 0; i < n; i++)
		(*perm)[cur[item_group(mi, o, (uint32_t)i)]++] = (uint32_t)i;
	free(cur);
	return GEOPOL_OK;
}

/* Sort each group of perm by item_key, in place. */
static int sort_groups(const gp_memindex *mi, int o, const uint32_t *off, uint32_t *perm)
{
	size_t ng = n_groups(mi, o), most = 0;
	for (size_t g = 0; g < ng; g++)
		if (off[g + 1] - off[g] > most)
			most = off[g + 1] - off[g];
	skey *keys = malloc((most ? most : 1) * sizeof *keys);
	if (!keys)
		return GEOPOL_ENOMEM;
	for (size_t g = 0; g < ng; g++) {
		size_t n = off[g + 1] - off[g];
		for (size_t i = 0; i < n; i++)
			item_key(mi, o, perm[off[g] + i], &keys[i]);
		qsort(keys, n, sizeof *keys, cmp_skey);
		for (size_t i = 0; i < n; i++)
			perm[off[g] + i] = keys[i].item;
	}
	free(keys);
	return GEOPOL_OK;
}

static int build_order(gp_memindex *mi, int o, gp_order *out)
{
	uint32_t *perm = NULL;
	int rc = group_items(mi, o, &out->off, &perm);
	if (!rc)
		rc = sort_groups(mi, o, out->off, perm);
	size_t n = n_items(mi, o);
	if (!rc && !(out->s = malloc((n ? n : 1) * sizeof *out->s)))
		rc = GEOPOL_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++) {
		uint32_t item = perm[i];
		if (o == O_RELATIONS) {
			const gp_rspell *r = &mi->r[item / 2];
			out->s[i] = (gp_slot){r->from_lo, r->to_hi, item / 2};
		} else {
			const gp_mspell *m = &mi->m[item];
			out->s[i] = (gp_slot){m->from_lo, m->to_hi, item};
		}
	}
	free(perm);
	return rc;
}

static int build_adj(gp_memindex *mi)
{
	uint32_t *perm = NULL;
	int rc = group_items(mi, O_ADJ, &mi->adj_off, &perm);
	if (!rc)
		rc = sort_groups(mi, O_ADJ, mi->adj_off, perm);
	size_t n = n_items(mi, O_ADJ);
	if (!rc && !(mi->adj = malloc((n ? n : 1) * sizeof *mi->adj)))
		rc = GEOPOL_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++) {
		uint32_t self, other, e = adj_edge(mi, perm[i], &self, &other);
		int32_t from_lo = e & GP_EDGE_REL ? mi->r[e & ~GP_EDGE_REL].from_lo : mi->m[e].from_lo;
		mi->adj[i] = (gp_hop){e, other, from_lo};
	}
	free(perm);
	return rc;
}

/* Pointers into the arena, now that it has stopped moving. */
static int finish(loader *l)
{
	gp_memindex *mi = l->mi;
	mi->strings = l->strings.p;
	l->strings.p = NULL;
	mi->code = malloc((mi->n_ent ? mi->n_ent : 1) * sizeof *mi->code);
	mi->type = malloc((mi->n_types ? mi->n_types : 1) * sizeof *mi->type);
	if (!mi->code || !mi->type)
		return GEOPOL_ENOMEM;
	for (size_t i = 0; i < mi->n_ent; i++)
		mi->code[i] = mi->strings + l->code_off[i];
	for (size_t i = 0; i < mi->n_types; i++)
		mi->type[i] = mi->strings + l->type_off[i];
	size_t slots = 2 * mi->n_m + 2 * mi->n_r;
	mi->bytes = l->strings.cap + mi->n_m * sizeof *mi->m + mi->n_r * sizeof *mi->r +
		    slots * (sizeof(gp_slot) + sizeof(gp_hop)) +
		    mi->n_ent * (sizeof(int64_t) + sizeof(char *) + sizeof(gp_span) + 8 * sizeof(uint32_t)) +
		    (size_t)mi->id_map_len * sizeof(int32_t);
	return GEOPOL_OK;
}

static int build(geopol_db *db, gp_memindex **out)
{
	gp_memindex *mi = calloc(1, sizeof *mi);
	loader l = {db, mi, {NULL, 0, 0}, NULL, NULL};
	if (!mi)
		return gp_error(db, GEOPOL_ENOMEM, "out of memory");
	int rc = load_entities(&l);
	if (!rc)
		rc = load_types(&l);
	if (!rc)
		rc = load_memberships(&l);
	if (!rc)
		rc = load_relations(&l);
	if (!rc && ((rc = build_order(mi, O_MEMBERS, &mi->members)) ||
		    (rc = build_order(mi, O_MEMBERSHIPS, &mi->memberships)) ||
		    (rc = build_order(mi, O_RELATIONS, &mi->relations)) ||
		    (rc = build_adj(mi)) || (rc = finish(&l))))
		gp_error(db, rc, "out of memory");
	free(l.strings.p);
	free(l.code_off);
	free(l.type_off);
	if (rc) {
		memindex_free(mi);
		return rc;
	}
	mi->refs = 1;
	*out = mi;
	return GEOPOL_OK;
}

static void reach_clear(gp_reach *r)
{
	free(r->off);
	free(r->nbr);
	free(r->edge);
	free(r->bits);
	memset(r, 0, sizeof *r);
}

static void memindex_free(gp_memindex *mi)
{
	if (!mi)
		return;
	for (int i = 0; i < GP_REACH_CACHE; i++)
		reach_clear(&mi->reach[i]);
	gp_order *orders[] = {&mi->members, &mi->memberships, &mi->relations};
	for (size_t i = 0; i < sizeof orders / sizeof orders[0]; i++) {
		free(orders[i]->off);
		free(orders[i]->s);
	}
	free(mi->adj_off);
	free(mi->adj);
	free(mi->ent_id);
	free(mi->life);
	free(mi->id_map);
	free(mi->code);
	free(mi->rank);
	free(mi->type);
	free(mi->directed);
	free(mi->m);
	free(mi->r);
	free(mi->strings);
	free(mi);
}

/* ---- items */

/* A spell as the row the front end fills items from. */
static void mspell_row(const gp_memindex *mi, const gp_mspell *s, gp_edge_row *r)
{
	*r = (gp_edge_row){.kind = GEOPOL_FACT_MEMBERSHIP, .id = s->row, .fact_id = s->fact_id,
			   .a = mi->code[s->org], .b = mi->code[s->member],
			   .a_life = &mi->life[s->org], .b_life = &mi->life[s->member],
			   .when = {s->from_lo, s->from_hi, s->to_lo, s->to_hi, s->from_prec, s->to_prec},
			   .rec_from = s->rec_from, .role = s->role, .stage = s->stage,
			   .coding = s->coding ? mi->strings + s->coding - 1 : NULL};
}

static void rspell_row(const gp_memindex *mi, const gp_rspell *s, gp_edge_row *r)
{
	*r = (gp_edge_row){.kind = GEOPOL_FACT_RELATION, .id = s->row, .fact_id = s->fact_id,
			   .a = mi->code[s->a], .b = mi->code[s->b],
			   .a_life = &mi->life[s->a], .b_life = &mi->life[s->b],
			   .when = {s->from_lo, s->from_hi, s->to_lo, s->to_hi, s->from_prec, s->to_prec},
			   .rec_from = s->rec_from, .type = mi->type[s->type],
			   .directed = mi->directed[s->type],
			   .attrs = s->attrs ? mi->strings + s->attrs - 1 : NULL};
}

void gp_memindex_edge_row(const gp_memindex *mi, uint32_t edge, gp_edge_row *r)
{
	if (edge & GP_EDGE_REL)
		rspell_row(mi, &mi->r[edge & ~GP_EDGE_REL], r);
	else
		mspell_row(mi, &mi->m[edge], r);
}

int gp_memindex_edge_holds(const gp_memindex *mi, uint32_t edge, int64_t dlo, int64_t dhi)
{
	gp_edge_row r;
	gp_memindex_edge_row(mi, edge, &r);
	return gp_clip_answer(&r, r.a_life, r.b_life) && gp_holds(r.when.flo, r.when.thi, dlo, dhi);
}

/* ---- the "at D" rows, as a store cursor (store.h) */

typedef struct pick {
	uint32_t edge, edge2;        /* common: ent's and other's spells */
	uint64_t k[3];               /* sort key of materialized answers */
} pick;

typedef struct mi_cursor {
	gp_row_cursor base;          /* first: the store's cursor */
	gp_memindex *mi;
	const gp_slot *cur, *end;
	uint32_t rel;                /* GP_EDGE_REL for relation slots */
	int by_from;                 /* slots sorted by from_lo: stop past dhi */
	int pairs;                   /* picks are pairs (common) */
	int64_t dlo, dhi;
	pick *picks;                 /* materialized answers (common, two) */
	size_t n, pos;
} mi_cursor;

static void mi_free(gp_row_cursor *c)
{
	mi_cursor *s = (mi_cursor *)c;
	gp_memindex_release(s->mi);
	free(s->picks);
	free(s);
}

static int holds(const gp_slot *x, int64_t dlo, int64_t dhi)
{
	return gp_holds(x->lo, x->hi, dlo, dhi);
}

static int slots_next(gp_row_cursor *c, gp_edge_row *rows)
{
	mi_cursor *s = (mi_cursor *)c;
	while (s->cur < s->end) {
		const gp_slot *x = s->cur++;
		if (s->by_from && x->lo > s->dhi)
			break;
		if (!holds(x, s->dlo, s->dhi))
			continue;
		gp_memindex_edge_row(s->mi, x->i | s->rel, &rows[0]);
		return GEOPOL_OK;
	}
	s->cur = s->end;
	return GEOPOL_ITEROVER;
}

static int picks_next(gp_row_cursor *c, gp_edge_row *rows)
{
	mi_cursor *s = (mi_cursor *)c;
	if (s->pos >= s->n)
		return GEOPOL_ITEROVER;
	const pick *p = &s->picks[s->pos++];
	gp_memindex_edge_row(s->mi, p->edge, &rows[0]);
	if (s->pairs)
		gp_memindex_edge_row(s->mi, p->edge2, &rows[1]);
	return GEOPOL_OK;
}

static int add_pick(mi_cursor *s, size_t *cap, pick p)
{
	if (grow(&s->picks, cap, s->n, sizeof *s->picks))
		return GEOPOL_ENOMEM;
	s->picks[s->n++] = p;
	return GEOPOL_OK;
}

static int cmp_pick(const void *pa, const void *pb)
{
	const pick *a = pa, *b = pb;
	for (int i = 0; i < 3; i++)
		if (a->k[i] != b->k[i])
			return a->k[i] < b->k[i] ? -1 : 1;
	return 0;
}

/* b's slots in one organization: its memberships list is by org code. */
static const gp_slot *org_group(const gp_memindex *mi, const gp_slot *lo, const gp_slot *hi,
				uint32_t org_rank)
{
	while (lo < hi) {
		const gp_slot *mid = lo + (hi - lo) / 2;
		if (mi->rank[mi->m[mid->i].org] < org_rank)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* GP_SQL_COMMON's answer: pairs (a's spell, b's spell) in one org, by org
 * code, a's from_lo, b's from_lo; rows tied on those come in a's index
 * order, then b's (key 2: positions in the two lists). */
static int pick_common(mi_cursor *s, int64_t a, int64_t b)
{
	const gp_memindex *mi = s->mi;
	const gp_order *o = &mi->memberships;
	const gp_slot *bs = o->s + o->off[b], *be = o->s + o->off[b + 1];
	size_t cap = 0;
	for (const gp_slot *x = o->s + o->off[a]; x < o->s + o->off[a + 1]; x++) {
		if (!holds(x, s->dlo, s->dhi))
			continue;
		uint32_t rank = mi->rank[mi->m[x->i].org];
		for (const gp_slot *y = org_group(mi, bs, be, rank);
		     y < be && mi->rank[mi->m[y->i].org] == rank; y++) {
			if (!holds(y, s->dlo, s->dhi))
				continue;
			uint64_t k0 = (uint64_t)rank << 32 | bias32(x->lo);
			/* positions below 2^31: a's in bits 32.., b's below */
			uint64_t k2 = (uint64_t)(x - o->s) << 32 | (uint64_t)(y - o->s);
			pick p = {x->i, y->i, {k0, bias32(y->lo), k2}};
			if (add_pick(s, &cap, p))
				return GEOPOL_ENOMEM;
		}
	}
	/* Keys are unique, so qsort's instability is harmless. */
	if (s->n > 1)
		qsort(s->picks, s->n, sizeof *s->picks, cmp_pick);
	return GEOPOL_OK;
}

/* GP_SQL_RELATIONS_TWO: by from_lo, type; its plan reads the rows with
 * a = :ent before those with a = :other (each term of the OR through its
 * own index), so that is the tie order, then the entity list's order. */
static int pick_two(mi_cursor *s, int64_t ent, int64_t other)
{
	const gp_memindex *mi = s->mi;
	size_t cap = 0;
	for (const gp_slot *x = s->cur; x < s->end && x->lo <= s->dhi; x++) {
		const gp_rspell *r = &mi->r[x->i];
		if (!holds(x, s->dlo, s->dhi) || (r->a == ent ? r->b : r->a) != other)
			continue;
		pick p = {x->i | GP_EDGE_REL, 0,
			  {bias32(r->from_lo) << 32 | r->type, (uint64_t)(r->a != ent), (uint64_t)(x - s->cur)}};
		if (add_pick(s, &cap, p))
			return GEOPOL_ENOMEM;
	}
	if (s->n > 1)
		qsort(s->picks, s->n, sizeof *s->picks, cmp_pick);
	return GEOPOL_OK;
}

static void set_slots(mi_cursor *s, const gp_order *o, int64_t key)
{
	s->cur = o->s + o->off[key];
	s->end = o->s + o->off[key + 1];
}

int gp_memindex_spells(gp_row_cursor **out, geopol_db *db, gp_memindex *mi, int what,
		       int64_t ent, int64_t other, int64_t dlo, int64_t dhi)
{
	mi_cursor *s = calloc(1, sizeof *s);
	if (!s) {
		gp_memindex_release(mi);
		return gp_oom(db);
	}
	*s = (mi_cursor){.base = {slots_next, mi_free, NULL}, .mi = mi, .dlo = dlo, .dhi = dhi};
	int rc = GEOPOL_OK;
	if (what == GP_SPELLS_MEMBERS) {
		set_slots(s, &mi->members, ent);
	} else if (what == GP_SPELLS_MEMBERSHIPS) {
		set_slots(s, &mi->memberships, ent);
	} else if (what == GP_SPELLS_COMMON) {
		s->pairs = 1;
		s->base.next = picks_next;
		rc = pick_common(s, ent, other);
	} else {
		set_slots(s, &mi->relations, ent);
		s->rel = GP_EDGE_REL;
		s->by_from = 1;
		if (other >= 0) {
			s->base.next = picks_next;
			rc = pick_two(s, ent, other);
		}
	}
	if (rc) {
		mi_free(&s->base);
		return gp_oom(db);
	}
	*out = &s->base;
	return GEOPOL_OK;
}

/* ---- the adjacency at a date */

/* The first hop of a to_hi-sorted segment with to_hi > dlo. */
static const gp_hop *first_live(const gp_memindex *mi, const gp_hop *lo, const gp_hop *hi, int64_t dlo)
{
	while (lo < hi) {
		const gp_hop *mid = lo + (hi - lo) / 2;
		uint32_t e = mid->edge;
		int32_t to_hi = e & GP_EDGE_REL ? mi->r[e & ~GP_EDGE_REL].to_hi : mi->m[e].to_hi;
		if (to_hi <= dlo)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Worlds up to this many entities keep bitsets (8 MB at the limit). */
#define GP_REACH_BITS_MAX 8192

typedef struct reach_build {
	gp_reach *r;
	size_t n, cap;
	uint32_t *seen;              /* entity -> last u + 1 that listed it */
} reach_build;

static int reach_add(reach_build *b, uint32_t u, const gp_hop *h)
{
	if (b->seen[h->other] == u + 1)
		return GEOPOL_OK;
	b->seen[h->other] = u + 1;
	if (b->n == b->cap) {
		size_t cap = gp_grow_cap(b->cap, b->n + 1, 4096, sizeof *b->r->nbr);
		uint32_t *nbr = cap ? gp_realloc_n(b->r->nbr, cap, sizeof *nbr) : NULL;
		if (nbr)
			b->r->nbr = nbr;
		uint32_t *edge = nbr ? gp_realloc_n(b->r->edge, cap, sizeof *edge) : NULL;
		if (!edge)
			return GEOPOL_ENOMEM;
		b->r->edge = edge;
		b->cap = cap;
	}
	b->r->nbr[b->n] = h->other;
	b->r->edge[b->n++] = h->edge;
	if (b->r->bits)
		b->r->bits[u * b->r->words + h->other / 64] |= 1ull << (h->other % 64);
	return GEOPOL_OK;
}

/* One pass over the adjacency: each entity's edges valid at the span once
 * clipped to their entities' lives (gp_memindex_edge_holds), in
 * GP_SQL_EDGES order, keeping the first edge to each neighbour. */
static int reach_fill(gp_memindex *mi, gp_reach *r)
{
	size_t n = mi->n_ent;
	reach_build b = {r, 0, 0, calloc(n ? n : 1, sizeof(uint32_t))};
	r->off = malloc((n + 1) * sizeof *r->off);
	r->words = (n + 63) / 64;
	if (n <= GP_REACH_BITS_MAX)
		r->bits = calloc(n * r->words + 1, sizeof *r->bits);
	int rc = b.seen && r->off && (r->bits || n > GP_REACH_BITS_MAX) ? GEOPOL_OK : GEOPOL_ENOMEM;
	for (uint32_t u = 0; !rc && u < n; u++) {
		r->off[u] = (uint32_t)b.n;
		for (int k = 0; !rc && k < 4; k++) {
			const gp_hop *h, *end;
			gp_memindex_hops(mi, u, k, r->dlo, &h, &end);
			for (; !rc && h < end; h++)
				if (h->from_lo <= r->dhi &&
				    gp_memindex_edge_holds(mi, h->edge, r->dlo, r->dhi))
					rc = reach_add(&b, u, h);
		}
	}
	if (!rc)
		r->off[n] = (uint32_t)b.n;
	free(b.seen);
	return rc;
}

void gp_memindex_hops(const gp_memindex *mi, uint32_t u, int k, int64_t dlo,
		      const gp_hop **begin, const gp_hop **end)
{
	*end = mi->adj + mi->adj_off[4 * (size_t)u + (size_t)k + 1];
	*begin = first_live(mi, mi->adj + mi->adj_off[4 * (size_t)u + (size_t)k], *end, dlo);
}

const gp_reach *gp_memindex_reach(gp_memindex *mi, int64_t dlo, int64_t dhi, int build)
{
	gp_reach *r = &mi->reach[0];
	for (int i = 0; i < GP_REACH_CACHE; i++) {
		gp_reach *x = &mi->reach[i];
		if (x->used && x->dlo == dlo && x->dhi == dhi) {
			x->used = ++mi->reach_clock;
			return x;
		}
		if (x->used < r->used)
			r = x;
	}
	if (!build)
		return NULL;
	reach_clear(r);
	r->dlo = dlo;
	r->dhi = dhi;
	if (reach_fill(mi, r)) {
		reach_clear(r);
		return NULL;
	}
	r->used = ++mi->reach_clock;
	return r;
}
