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
#include <time.h>

/* ---- the handle's state: which index is current, and when to build */

struct gp_mbuild;

struct gp_memstate {
	gp_memindex *cur;            /* holds one reference; may be stale */
	struct gp_mbuild *build;     /* the build under way, or NULL */
	int mode;
	int64_t changes, version;    /* the stamp seen at the last question */
	int weight;                  /* questions asked since the data changed */
	int failed;                  /* a build failed at this stamp: not again */
	int64_t builds;
	size_t chunk;                /* rows a build step reads */
	int64_t slice_ns;            /* a slice's budget */
	int64_t slices, slice_max_ns;
	size_t rel_order_max;        /* the most relations an entity's order holds */
};

static void memindex_free(gp_memindex *mi);
static void mbuild_free(struct gp_mbuild *b);
static int mbuild_slice(geopol_db *db, struct gp_memstate *ms, gp_memindex **out);

/* The state lives as long as the handle: the ctx of its close hook. */
static void memstate_close(geopol_db *db, void *ctx)
{
	(void)db;
	struct gp_memstate *ms = ctx;
	gp_memindex_release(ms->cur);
	mbuild_free(ms->build);
	free(ms);
}

static struct gp_memstate *state(geopol_db *db)
{
	struct gp_memstate *ms = gp_hook_ctx(db, memstate_close);
	if (!ms && (ms = calloc(1, sizeof *ms)) && gp_on_close(db, memstate_close, ms)) {
		free(ms);
		ms = NULL;
	}
	if (ms && !ms->chunk) {
		ms->rel_order_max = UINT16_MAX;
		ms->chunk = GP_MEMINDEX_CHUNK;
		ms->slice_ns = GP_MEMINDEX_SLICE_MS * 1000000;
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
		return gp_stmt_failed(db);
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
		if (mbuild_slice(db, ms, &mi)) {
			/* SQL still answers; the build's message is not the question's. */
			ms->failed = 1;
			gp_clear_error(db);
			return NULL;
		}
		if (!mi)
			return NULL; /* still building: SQL answers this question */
		ms->cur = mi;
		ms->builds++;
	}
	mi->refs++;
	return mi;
}

int gp_memindex_slicing(geopol_db *db, size_t chunk, int64_t slice_ms)
{
	struct gp_memstate *ms = state(db);
	if (!ms)
		return GEOPOL_ENOMEM;
	ms->chunk = chunk ? chunk : GP_MEMINDEX_CHUNK;
	ms->slice_ns = slice_ms * 1000000;
	return GEOPOL_OK;
}

int gp_memindex_rel_order_max(geopol_db *db, size_t most)
{
	struct gp_memstate *ms = state(db);
	if (!ms)
		return GEOPOL_ENOMEM;
	ms->rel_order_max = most < UINT16_MAX ? most : UINT16_MAX;
	return GEOPOL_OK;
}

void gp_memindex_slices(const geopol_db *db, int64_t *slices, double *max_ms)
{
	const struct gp_memstate *ms = db ? gp_hook_ctx(db, memstate_close) : NULL;
	*slices = ms ? ms->slices : 0;
	*max_ms = ms ? (double)ms->slice_max_ns / 1e6 : 0;
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
	/* rec_from -> the order it was first met in, which the spells hold
	 * until B_RECS makes it the value's rank */
	gp_map recs;
	size_t cap_m, cap_r, cap_back;
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

/* A corrected spell's row - fact_id, kept beside the spells (edge tags
 * arrive ascending: memberships, then relations, each in row id order). */
static int note_fact_back(loader *l, uint32_t tag, uint32_t back)
{
	gp_memindex *mi = l->mi;
	if (grow(&mi->back, &l->cap_back, mi->n_back, sizeof *mi->back))
		return GEOPOL_ENOMEM;
	mi->back[mi->n_back++] = (gp_fact_back){tag, back};
	return GEOPOL_OK;
}

/* The row id, fact, interval and string of a row into the fields of spell
 * x (edge tag `tag`); an error when they do not fit (the build is given
 * up: SQL answers). */
static int spell_fill(loader *l, gp_spell *x, uint32_t tag, const gp_edge_row *r, const char *str,
		      size_t len)
{
	const gp_span *w = &r->when;
	if (r->id < 0 || r->id > UINT32_MAX || r->fact_id < 0 || r->fact_id > r->id ||
	    w->fhi - w->flo > UINT16_MAX || w->thi - w->tlo > UINT16_MAX || w->fhi < w->flo ||
	    w->thi < w->tlo)
		return gp_error(l->db, GEOPOL_EDB, "the in-memory index cannot hold row %lld",
				(long long)r->id);
	x->row = (uint32_t)r->id;
	x->corrected = r->id != r->fact_id;
	if (x->corrected && note_fact_back(l, tag, (uint32_t)(r->id - r->fact_id)))
		return GEOPOL_ENOMEM;
	x->from_lo = (int32_t)w->flo;
	x->to_hi = (int32_t)w->thi;
	x->from_span = (uint16_t)(w->fhi - w->flo);
	x->to_span = (uint16_t)(w->thi - w->tlo);
	x->from_prec = (uint8_t)w->fprec & 0x7F;
	x->to_prec = (uint8_t)w->tprec & 0x7F;
	x->str = 0;
	if (str) {
		int64_t off = arena_add(&l->strings, str, len);
		if (off < 0 || off >= UINT32_MAX)
			return GEOPOL_ENOMEM;
		x->str = (uint32_t)off + 1;
	}
	return GEOPOL_OK;
}

/* The order in which rec_from was first met (a new one is added). */
static int rec_seen(loader *l, int64_t rec_from, uint32_t *id)
{
	uint64_t *v = gp_map_get(&l->recs, (uint64_t)rec_from);
	if (v) {
		*id = (uint32_t)*v;
		return GEOPOL_OK;
	}
	if (l->recs.n >= UINT32_MAX || gp_map_put(&l->recs, (uint64_t)rec_from, l->recs.n))
		return gp_error(l->db, GEOPOL_ENOMEM, "out of memory");
	*id = (uint32_t)(l->recs.n - 1);
	return GEOPOL_OK;
}

/* Rows are read in row id order, a chunk at a time (ids after the last
 * one read): spell index order is row id order, which the sorts below use
 * as their last key. */
#define MEMBERSHIP_CHUNK_SQL \
	"SELECT " GP_MEMBERSHIP_RAW_COLS " FROM membership m WHERE m.id > :after AND " \
	GP_SQL_CURRENT("m") " AND " GP_SQL_MVISIBLE("m") " ORDER BY m.id LIMIT :limit"
#define RELATION_CHUNK_SQL \
	"SELECT " GP_RELATION_RAW_COLS " FROM relation r WHERE r.id > :after AND " \
	GP_SQL_CURRENT("r") " ORDER BY r.id LIMIT :limit"

/* Whether row r (read into spell x, whose entities are set) lies within
 * its entities' lives as the index knows them: clipped by the one rule
 * (gp_clip_answer), it is unchanged. Worked out once here rather than by
 * every question that reads the spell. */
static int within_lives(const gp_memindex *mi, const gp_edge_row *r, const gp_spell *x)
{
	gp_edge_row c = *r;
	const gp_span *w = &r->when;
	return gp_clip_answer(&c, &mi->life[x->a], &mi->life[x->b]) && c.when.flo == w->flo &&
	       c.when.fhi == w->fhi && c.when.tlo == w->tlo && c.when.thi == w->thi &&
	       c.when.fprec == w->fprec && c.when.tprec == w->tprec;
}

static int read_membership(loader *l, sqlite3_stmt *st, gp_spell *m, int64_t *rec_from)
{
	gp_memindex *mi = l->mi;
	gp_edge_row r;
	gp_edge_row_read(&r, GEOPOL_FACT_MEMBERSHIP, st, 0, 1);
	int64_t org = gp_memindex_entity(mi, r.a_id);
	int64_t member = gp_memindex_entity(mi, r.b_id);
	if (org < 0 || member < 0)
		return gp_error(l->db, GEOPOL_EDB, "membership %lld: no such entity", (long long)r.id);
	int rc = spell_fill(l, m, (uint32_t)(m - mi->m), &r, r.coding,
			    (size_t)sqlite3_column_bytes(st, GP_MC_CODING));
	if (rc)
		return rc == GEOPOL_ENOMEM ? gp_error(l->db, rc, "out of memory") : rc;
	m->a = (uint32_t)org;
	m->b = (uint32_t)member;
	m->what = (uint16_t)((r.role & 0xFF) | (r.stage & 0xFF) << 8);
	m->within_lives = within_lives(mi, &r, m) ? 1 : 0;
	*rec_from = r.rec_from;
	return GEOPOL_OK;
}

static int read_relation(loader *l, sqlite3_stmt *st, gp_spell *r, int64_t *rec_from)
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
	int rc = spell_fill(l, r, (uint32_t)(r - mi->r) | GP_EDGE_REL, &x, x.attrs,
			    (size_t)sqlite3_column_bytes(st, GP_RC_ATTRS));
	if (rc)
		return rc == GEOPOL_ENOMEM ? gp_error(l->db, rc, "out of memory") : rc;
	r->a = (uint32_t)a;
	r->b = (uint32_t)b;
	r->what = (uint16_t)type;
	r->within_lives = within_lives(mi, &x, r) ? 1 : 0;
	*rec_from = x.rec_from;
	return GEOPOL_OK;
}

/* Up to `chunk` more rows of the table (kind) after *after, appended to
 * the spells; *done when the table has no more. The statement is the
 * cache's (stmt.c), reset before returning: nothing is held open between
 * two slices of a build. */
static int load_chunk(loader *l, int kind, int64_t *after, size_t chunk, int *done)
{
	gp_memindex *mi = l->mi;
	int mem = kind == GEOPOL_FACT_MEMBERSHIP;
	gp_spell **arr = mem ? &mi->m : &mi->r;
	size_t *n = mem ? &mi->n_m : &mi->n_r;
	size_t *cap = mem ? &l->cap_m : &l->cap_r;
	sqlite3_stmt *st = gp_stmt(l->db, mem ? MEMBERSHIP_CHUNK_SQL : RELATION_CHUNK_SQL);
	if (!st)
		return GEOPOL_EDB;
	/* The default question's memberships (gp_q.plain). */
	gp_q qd;
	gp_params p = {0};
	int rc = gp_query_defaults(l->db, &qd, NULL);
	p.k = qd.known_at;
	p.stages = qd.stages;
	p.cshadow = qd.shadow;
	p.after = *after;
	p.limit = (int64_t)chunk;
	if (!rc)
		rc = gp_bind_params(l->db, st, &p);
	size_t got = 0;
	while (!rc && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = GEOPOL_OK;
		/* Item numbers (two per spell) and edge tags must fit 32 bits. */
		int64_t rec_from = 0;
		if (*n >= INT32_MAX / 4 || grow(arr, cap, *n, sizeof **arr)) {
			rc = gp_error(l->db, GEOPOL_ENOMEM, "out of memory");
		} else if (!(rc = (mem ? read_membership : read_relation)(l, st, &(*arr)[*n], &rec_from)) &&
			   !(rc = rec_seen(l, rec_from, &(*arr)[*n].rec))) {
			*after = sqlite3_column_int64(st, 0);
			++*n;
			got++;
		}
	}
	if (rc == SQLITE_DONE)
		rc = GEOPOL_OK;
	else if (rc > 0)
		rc = gp_sql_error(l->db, mem ? "reading memberships" : "reading relations");
	sqlite3_reset(st);
	*done = got < chunk;
	return rc;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The spells' rec_from as indexes into the distinct values, ascending, so
 * that comparing indexes compares recorded times: most rows share a few
 * stamps (one per import or transaction), so this sorts few values. */
static int index_recs(loader *l)
{
	gp_memindex *mi = l->mi;
	size_t n = l->recs.n;
	uint32_t *rank = malloc((n ? n : 1) * sizeof *rank);
	mi->recs = malloc((n ? n : 1) * sizeof *mi->recs);
	if (!rank || !mi->recs) {
		free(rank);
		return GEOPOL_ENOMEM;
	}
	for (size_t i = 0; i < l->recs.cap; i++)
		if (l->recs.keys[i] != GP_MAP_EMPTY)
			mi->recs[l->recs.vals[i]] = (int64_t)l->recs.keys[i];
	mi->n_recs = n;
	/* Stamps usually rise with row ids, so the order they were met in is
	 * their rank already: then there is nothing to renumber. */
	size_t k = 1;
	while (k < n && mi->recs[k - 1] < mi->recs[k])
		k++;
	if (k < n) {
		qsort(mi->recs, n, sizeof *mi->recs, cmp_i64);
		for (size_t i = 0; i < n; i++)
			rank[*gp_map_get(&l->recs, (uint64_t)mi->recs[i])] = (uint32_t)i;
		for (size_t i = 0; i < mi->n_m; i++)
			mi->m[i].rec = rank[mi->m[i].rec];
		for (size_t i = 0; i < mi->n_r; i++)
			mi->r[i].rec = rank[mi->r[i].rec];
	}
	free(rank);
	gp_map_free(&l->recs);
	return GEOPOL_OK;
}

/* ---- the per-key orders */

enum { O_MEMBERS, O_MEMBERSHIPS, O_ADJ, O_REL };

/* Items: O_MEMBERS/O_MEMBERSHIPS one per membership; O_ADJ memberships
 * as organization, then as member, then relations as a, then as b; O_REL
 * relation j as a (2j) and as b (2j + 1), grouped by that entity. */
typedef struct skey {
	uint64_t k[4];
	uint32_t item;
} skey;

static uint64_t bias32(int32_t v)
{
	return (uint64_t)((uint32_t)v ^ 0x80000000u);
}

static size_t n_items(const gp_memindex *mi, int o)
{
	return o == O_ADJ ? 2 * (mi->n_m + mi->n_r) : o == O_REL ? 2 * mi->n_r : mi->n_m;
}

static size_t n_groups(const gp_memindex *mi, int o)
{
	return o == O_ADJ ? 4 * mi->n_ent : mi->n_ent;
}

/* The spell an O_ADJ item stands for, as an edge tag, and the entity
 * whose list it is in. */
static uint32_t adj_edge(const gp_memindex *mi, uint32_t item, uint32_t *self)
{
	size_t nm = mi->n_m;
	if (item < 2 * nm) {
		const gp_spell *m = &mi->m[item % nm];
		*self = item < nm ? m->a : m->b;
		return (uint32_t)(item % nm);
	}
	uint32_t j = (uint32_t)((item - 2 * nm) % mi->n_r);
	const gp_spell *r = &mi->r[j];
	*self = item - 2 * nm >= mi->n_r ? r->b : r->a;
	return j | GP_EDGE_REL;
}

static uint32_t item_group(const gp_memindex *mi, int o, uint32_t item)
{
	uint32_t self;
	switch (o) {
	case O_MEMBERS: return mi->m[item].a;
	case O_MEMBERSHIPS: return mi->m[item].b;
	case O_REL: return item & 1 ? mi->r[item / 2].b : mi->r[item / 2].a;
	default: {
		/* the segment: as organization, as member, as a, as b */
		size_t nm = mi->n_m;
		uint32_t seg = item < nm ? 0 : item < 2 * nm ? 1 : item - 2 * nm < mi->n_r ? 2 : 3;
		adj_edge(mi, item, &self);
		return 4 * self + seg;
	}
	}
}

/* The sort key within a group: the SQL's ORDER BY, then index order. */
static void item_key(const gp_memindex *mi, int o, uint32_t item, skey *k)
{
	k->item = item;
	if (o == O_MEMBERS || o == O_MEMBERSHIPS) {
		const gp_spell *m = &mi->m[item];
		uint32_t by = mi->rank[o == O_MEMBERS ? m->b : m->a];
		k->k[0] = (uint64_t)by << 32 | bias32(m->from_lo);
		k->k[1] = bias32(m->to_hi);
		k->k[2] = m->rec;
		k->k[3] = 0;
	} else if (o == O_REL) {
		/* GP_SQL_RELATIONS_ONE's order; the item (2j, 2j + 1) last */
		const gp_spell *r = &mi->r[item / 2];
		k->k[0] = bias32(r->from_lo) << 32 | r->what;
		k->k[1] = (uint64_t)mi->rank[r->a] << 32 | mi->rank[r->b];
		k->k[2] = bias32(r->to_hi) << 32 | r->rec;
		k->k[3] = 0;
	} else {
		uint32_t self, e = adj_edge(mi, item, &self);
		const gp_spell *x = gp_memindex_spell(mi, e);
		k->k[0] = bias32(x->to_hi);
		k->k[1] = bias32(x->from_lo);
		k->k[2] = x->rec;
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

/* Group the items by key, a counting sort (stable) in three passes, each
 * resumable: count items [*i, ..) into *off (n_groups + 1 offsets, from
 * 1), then the offsets (one pass over the groups), then place the items
 * into *perm group by group, `items` at a time. *pass and *i say where it
 * stands; *pass is 3 when it is done. cur is the groups' next free place. */
static int group_items(const gp_memindex *mi, int o, uint32_t **off, uint32_t **perm,
		       uint32_t **cur, int *pass, size_t *i, size_t items)
{
	size_t n = n_items(mi, o), ng = n_groups(mi, o), end;
	switch (*pass) {
	case 0:
		if (!*off && !(*off = calloc(ng + 1, sizeof **off)))
			return GEOPOL_ENOMEM;
		for (end = *i + items < n ? *i + items : n; *i < end; ++*i)
			(*off)[item_group(mi, o, (uint32_t)*i) + 1]++;
		if (*i == n)
			*pass = 1;
		return GEOPOL_OK;
	case 1:
		*perm = malloc((n ? n : 1) * sizeof **perm);
		*cur = malloc((ng + 1) * sizeof **cur);
		if (!*perm || !*cur)
			return GEOPOL_ENOMEM;
		for (size_t g = 0; g < ng; g++)
			(*off)[g + 1] += (*off)[g];
		memcpy(*cur, *off, (ng + 1) * sizeof **cur);
		*pass = 2;
		*i = 0;
		return GEOPOL_OK;
	default:
		for (end = *i + items < n ? *i + items : n; *i < end; ++*i)
			(*perm)[(*cur)[item_group(mi, o, (uint32_t)*i)]++] = (uint32_t)*i;
		if (*i == n) {
			free(*cur);
			*cur = NULL;
			*pass = 3;
		}
		return GEOPOL_OK;
	}
}

/* Sort groups *g.. of perm by item_key, in place, until about `items`
 * items are sorted or the groups end; *g is where to go on. keys has room
 * for the largest group (largest_group). */
static void sort_groups(const gp_memindex *mi, int o, const uint32_t *off, uint32_t *perm,
			skey *keys, size_t *g, size_t items)
{
	size_t ng = n_groups(mi, o), done = 0;
	for (; *g < ng && done < items; ++*g) {
		size_t n = off[*g + 1] - off[*g];
		for (size_t i = 0; i < n; i++)
			item_key(mi, o, perm[off[*g] + i], &keys[i]);
		qsort(keys, n, sizeof *keys, cmp_skey);
		for (size_t i = 0; i < n; i++)
			perm[off[*g] + i] = keys[i].item;
		done += n + 1;
	}
}

static size_t largest_group(const gp_memindex *mi, int o, const uint32_t *off)
{
	size_t most = 0;
	for (size_t g = 0, ng = n_groups(mi, o); g < ng; g++)
		if (off[g + 1] - off[g] > most)
			most = off[g + 1] - off[g];
	return most;
}

/* The adjacency's items into edge tags, in place. */
static void adj_to_edges(gp_memindex *mi)
{
	for (size_t i = 0, n = n_items(mi, O_ADJ); i < n; i++) {
		uint32_t self;
		mi->adj[i] = adj_edge(mi, mi->adj[i], &self);
	}
}

/* Pointers into the arena, now that it has stopped moving. */
static int finish(loader *l)
{
	gp_memindex *mi = l->mi;
	char *fit = realloc(l->strings.p, l->strings.len ? l->strings.len : 1);
	mi->strings = fit ? fit : l->strings.p;
	l->strings.p = NULL;
	mi->code = malloc((mi->n_ent ? mi->n_ent : 1) * sizeof *mi->code);
	mi->type = malloc((mi->n_types ? mi->n_types : 1) * sizeof *mi->type);
	if (!mi->code || !mi->type)
		return GEOPOL_ENOMEM;
	for (size_t i = 0; i < mi->n_ent; i++)
		mi->code[i] = mi->strings + l->code_off[i];
	for (size_t i = 0; i < mi->n_types; i++)
		mi->type[i] = mi->strings + l->type_off[i];
	/* the members and memberships lists, and the adjacency */
	size_t slots = 2 * mi->n_m + 2 * (mi->n_m + mi->n_r);
	mi->bytes = l->strings.len + mi->n_m * sizeof *mi->m + mi->n_r * sizeof *mi->r +
		    mi->n_recs * sizeof *mi->recs + slots * sizeof(uint32_t) +
		    mi->n_back * sizeof *mi->back +
		    (mi->rel_pos ? 2 * mi->n_r * sizeof *mi->rel_pos +
					   (mi->n_ent + 1) * sizeof *mi->rel_off : 0) +
		    mi->n_ent * (sizeof(int64_t) + sizeof(char *) + sizeof(gp_span) + 8 * sizeof(uint32_t)) +
		    (size_t)mi->id_map_len * sizeof(int32_t);
	return GEOPOL_OK;
}

/* ---- building, in slices */

/* A build under way: the index so far, and where it stands. Each step is
 * a bounded piece of work (a chunk of rows, one counting pass over the
 * items of an order, the sorts of its groups a few thousand items at a
 * time), so that a slice can stop between two. */
enum {
	B_MEMBERSHIPS, B_RELATIONS, B_RECS,
	B_GROUP,                     /* order `order`: its items by key */
	B_SORT,                      /* order `order`: sort its groups from `group` on */
	B_REL_POS,                   /* O_REL's items as positions (rel_positions) */
	B_FINISH, B_DONE
};

struct gp_mbuild {
	loader l;
	int step;
	int order;                   /* O_MEMBERS, O_MEMBERSHIPS, O_ADJ, then O_REL */
	uint32_t *rel_items;         /* O_REL's items, until rel_positions */
	int64_t after;               /* the rows read: ids up to it */
	int pass;                    /* B_GROUP: group_items' pass, and where it is */
	size_t at;
	uint32_t *cur;
	size_t group;                /* B_SORT: the next group to sort */
	skey *keys;                  /* room for the order's largest group */
	int64_t changes, version;    /* the stamp it started at */
};

static void mbuild_free(struct gp_mbuild *b)
{
	if (!b)
		return;
	memindex_free(b->l.mi);
	free(b->l.strings.p);
	free(b->l.code_off);
	free(b->l.type_off);
	gp_map_free(&b->l.recs);
	free(b->cur);
	free(b->keys);
	free(b->rel_items);
	free(b);
}

static int mbuild_start(geopol_db *db, struct gp_mbuild **out)
{
	struct gp_mbuild *b = calloc(1, sizeof *b);
	gp_memindex *mi = b ? calloc(1, sizeof *mi) : NULL;
	if (!mi) {
		free(b);
		return gp_oom(db);
	}
	b->l.db = db;
	b->l.mi = mi;
	int rc = load_entities(&b->l);
	if (!rc)
		rc = load_types(&b->l);
	if (rc) {
		mbuild_free(b);
		return rc;
	}
	*out = b;
	return GEOPOL_OK;
}

/* The order being built: its offsets and its items. */
static void order_arrays(struct gp_mbuild *b, int o, uint32_t ***off, uint32_t ***items)
{
	gp_memindex *mi = b->l.mi;
	gp_order *x = o == O_MEMBERS ? &mi->members : &mi->memberships;
	*off = o == O_ADJ ? &mi->adj_off : o == O_REL ? &mi->rel_off : &x->off;
	*items = o == O_ADJ ? &mi->adj : o == O_REL ? &b->rel_items : &x->s;
}

/* O_REL's items (relation j as a: 2j, as b: 2j + 1) as positions in
 * their entity's last two adjacency segments, which hold edge tags by
 * now; no order at all when an entity has more relations than 16 bits
 * can place (gp_memindex.rel_pos), or than the handle's rel_order_max. */
static int rel_positions(struct gp_mbuild *b)
{
	gp_memindex *mi = b->l.mi;
	const uint32_t *ao = mi->adj_off;
	struct gp_memstate *ms = state(b->l.db);
	size_t n = 2 * mi->n_r, most = ms ? ms->rel_order_max : UINT16_MAX;
	int fits = 1;
	for (size_t e = 0; e < mi->n_ent && fits; e++)
		fits = ao[4 * e + 4] - ao[4 * e + 2] <= most;
	uint16_t *inv = fits ? malloc((n ? n : 1) * sizeof *inv) : NULL;
	if (fits && inv && (mi->rel_pos = malloc((n ? n : 1) * sizeof *mi->rel_pos))) {
		for (size_t e = 0; e < mi->n_ent; e++)
			for (uint32_t p = ao[4 * e + 2]; p < ao[4 * e + 4]; p++)
				inv[2 * (mi->adj[p] & ~GP_EDGE_REL) + (p >= ao[4 * e + 3])] =
					(uint16_t)(p - ao[4 * e + 2]);
		for (size_t k = 0; k < n; k++)
			mi->rel_pos[k] = inv[b->rel_items[k]];
	}
	int rc = fits && !mi->rel_pos ? GEOPOL_ENOMEM : GEOPOL_OK;
	if (!mi->rel_pos) {
		free(mi->rel_off);
		mi->rel_off = NULL;
	}
	free(inv);
	free(b->rel_items);
	b->rel_items = NULL;
	return rc;
}

/* Sort the current order's groups for a while; on to the next order, or
 * to the end, when they are all sorted. */
static void mbuild_sort(struct gp_mbuild *b, size_t items)
{
	gp_memindex *mi = b->l.mi;
	uint32_t **off, **perm;
	order_arrays(b, b->order, &off, &perm);
	sort_groups(mi, b->order, *off, *perm, b->keys, &b->group, items);
	if (b->group < n_groups(mi, b->order))
		return;
	if (b->order == O_REL) {
		b->step = B_REL_POS;
		return;
	}
	if (b->order == O_ADJ)
		adj_to_edges(mi);
	b->order = b->order == O_MEMBERS ? O_MEMBERSHIPS : b->order == O_MEMBERSHIPS ? O_ADJ : O_REL;
	b->step = B_GROUP;
}

/* One step of the build. */
static int mbuild_step(struct gp_mbuild *b, size_t chunk)
{
	gp_memindex *mi = b->l.mi;
	uint32_t **off, **perm;
	int done = 0, rc = GEOPOL_OK;
	switch (b->step) {
	case B_MEMBERSHIPS:
	case B_RELATIONS:
		rc = load_chunk(&b->l, b->step == B_MEMBERSHIPS ? GEOPOL_FACT_MEMBERSHIP
								: GEOPOL_FACT_RELATION, &b->after, chunk, &done);
		if (!rc && done) {
			b->step++;
			b->after = 0;
		}
		return rc;
	case B_RECS:
		if (index_recs(&b->l))
			return gp_oom(b->l.db);
		b->order = O_MEMBERS;
		b->step = B_GROUP;
		return GEOPOL_OK;
	case B_GROUP:
		order_arrays(b, b->order, &off, &perm);
		if (group_items(mi, b->order, off, perm, &b->cur, &b->pass, &b->at, 8 * chunk))
			return gp_oom(b->l.db);
		if (b->pass < 3)
			return GEOPOL_OK;
		free(b->keys);
		if (!(b->keys = malloc((largest_group(mi, b->order, *off) + 1) * sizeof *b->keys)))
			return gp_oom(b->l.db);
		b->pass = 0;
		b->at = 0;
		b->group = 0;
		b->step = B_SORT;
		return GEOPOL_OK;
	case B_SORT:
		mbuild_sort(b, 8 * chunk);
		return GEOPOL_OK;
	case B_REL_POS:
		if (rel_positions(b))
			return gp_oom(b->l.db);
		b->step = B_FINISH;
		return GEOPOL_OK;
	case B_FINISH:
		if (finish(&b->l))
			return gp_oom(b->l.db);
		b->step = B_DONE;
		return GEOPOL_OK;
	}
	return GEOPOL_OK;
}

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Go on with the handle's build for one slice (the whole build in mode
 * ALWAYS): *out is the index when it is done, else NULL. A build begun
 * at another stamp is dropped first: its rows may have changed. */
static int mbuild_slice(geopol_db *db, struct gp_memstate *ms, gp_memindex **out)
{
	*out = NULL;
	struct gp_mbuild *b = ms->build;
	if (b && (b->changes != ms->changes || b->version != ms->version)) {
		mbuild_free(b);
		ms->build = b = NULL;
	}
	int64_t t0 = now_ns(), budget = ms->mode == GP_MEMINDEX_ALWAYS ? INT64_MAX : ms->slice_ns;
	int rc = GEOPOL_OK;
	if (!b && !(rc = mbuild_start(db, &ms->build))) {
		b = ms->build;
		b->changes = ms->changes;
		b->version = ms->version;
	}
	/* At least one step a slice, so that a build always ends. */
	do {
		if (!rc)
			rc = mbuild_step(b, ms->chunk);
	} while (!rc && b->step != B_DONE && now_ns() - t0 < budget);
	int64_t took = now_ns() - t0;
	ms->slices++;
	if (took > ms->slice_max_ns)
		ms->slice_max_ns = took;
	if (rc) {
		mbuild_free(ms->build);
		ms->build = NULL;
		return rc;
	}
	if (b->step != B_DONE)
		return GEOPOL_OK;
	gp_memindex *mi = b->l.mi;
	b->l.mi = NULL;
	mbuild_free(b);
	ms->build = NULL;
	mi->refs = 1;
	mi->changes = ms->changes;
	mi->version = ms->version;
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
	gp_order *orders[] = {&mi->members, &mi->memberships};
	for (size_t i = 0; i < sizeof orders / sizeof orders[0]; i++) {
		free(orders[i]->off);
		free(orders[i]->s);
	}
	free(mi->adj_off);
	free(mi->adj);
	free(mi->rel_off);
	free(mi->rel_pos);
	free(mi->back);
	free(mi->ent_id);
	free(mi->life);
	free(mi->id_map);
	free(mi->code);
	free(mi->rank);
	free(mi->type);
	free(mi->directed);
	free(mi->m);
	free(mi->r);
	free(mi->recs);
	free(mi->strings);
	free(mi);
}

/* ---- items */

/* A spell's row id - fact id: 0 but for a correction. */
static uint32_t fact_back(const gp_memindex *mi, uint32_t edge, const gp_spell *s)
{
	if (!s->corrected)
		return 0;
	size_t lo = 0, hi = mi->n_back;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (mi->back[mid].tag < edge)
			lo = mid + 1;
		else
			hi = mid;
	}
	return mi->back[lo].back; /* there: the build listed every corrected spell */
}

/* An edge's spell as the row the front end fills items from. Every field
 * is written once, without zeroing the row first: a question makes one a
 * fact it answers. */
void gp_memindex_edge_row(const gp_memindex *mi, uint32_t edge, gp_edge_row *r)
{
	const gp_spell *s = gp_memindex_spell(mi, edge);
	const char *str = s->str ? mi->strings + s->str - 1 : NULL;
	int rel = (edge & GP_EDGE_REL) != 0;
	r->kind = rel ? GEOPOL_FACT_RELATION : GEOPOL_FACT_MEMBERSHIP;
	r->id = s->row;
	r->fact_id = (int64_t)s->row - fact_back(mi, edge, s);
	r->a_id = r->b_id = 0;
	r->a = mi->code[s->a];
	r->b = mi->code[s->b];
	r->when = (gp_span){s->from_lo, (int64_t)s->from_lo + s->from_span,
			    (int64_t)s->to_hi - s->to_span, s->to_hi, s->from_prec, s->to_prec};
	r->rec_from = mi->recs[s->rec];
	r->rec_to = 0;
	r->role = rel ? 0 : GP_SPELL_ROLE(s);
	r->stage = rel ? 0 : GP_SPELL_STAGE(s);
	r->coding = rel ? NULL : str;
	r->type = rel ? mi->type[s->what] : NULL;
	r->attrs = rel ? str : NULL;
	r->directed = rel ? mi->directed[s->what] : 0;
	r->a_life = s->within_lives ? &gp_life_unbounded : &mi->life[s->a];
	r->b_life = s->within_lives ? &gp_life_unbounded : &mi->life[s->b];
}

int gp_memindex_clipped_holds(const gp_memindex *mi, uint32_t edge, int64_t dlo, int64_t dhi)
{
	gp_edge_row r;
	gp_memindex_edge_row(mi, edge, &r);
	return gp_clip_answer(&r, r.a_life, r.b_life) && gp_holds(r.when.flo, r.when.thi, dlo, dhi);
}

/* ---- the "at D" rows, as a store cursor (store.h) */

/* A materialized answer (common, relations): the first key of its place
 * in the answer and two references; the rest of the key (tie_key) is
 * worked out only when two first keys tie. Common: x and y are positions
 * in the memberships order of ent's and other's spells; relations: x is
 * the edge tag, y 1 when it was met in ent's list as b. */
typedef struct pick {
	uint64_t k0;
	uint32_t x, y;
} pick;

typedef struct mi_cursor {
	gp_row_cursor base;          /* first: the store's cursor */
	gp_memindex *mi;
	const uint32_t *cur, *end;   /* membership spell indexes */
	const uint16_t *rcur, *rend; /* relations: positions (rel_pos) in rlist */
	const uint32_t *rlist;       /* the entity's relation segments of adj */
	int pairs;                   /* picks are pairs (common), else relations */
	int64_t dlo, dhi;
	int64_t ent, other;          /* relations: the key asked (other -1: none) */
	pick *picks;                 /* materialized answers (common, relations) */
	size_t n, pos;
} mi_cursor;

static void mi_free(gp_row_cursor *c)
{
	mi_cursor *s = (mi_cursor *)c;
	gp_memindex_release(s->mi);
	free(s->picks);
	free(s);
}

static int holds(const gp_spell *x, int64_t dlo, int64_t dhi)
{
	return gp_holds(x->from_lo, x->to_hi, dlo, dhi);
}

static int slots_next(gp_row_cursor *c, gp_edge_row *rows)
{
	mi_cursor *s = (mi_cursor *)c;
	while (s->cur < s->end) {
		uint32_t i = *s->cur++;
		if (!holds(&s->mi->m[i], s->dlo, s->dhi))
			continue;
		gp_memindex_edge_row(s->mi, i, &rows[0]);
		return GEOPOL_OK;
	}
	s->cur = s->end;
	return GEOPOL_ITEROVER;
}

/* GP_SQL_RELATIONS_ONE's rows in the entity's relation order: those that
 * hold, until one starts after the span (the order is by from_lo first). */
static int relations_next(gp_row_cursor *c, gp_edge_row *rows)
{
	mi_cursor *s = (mi_cursor *)c;
	while (s->rcur < s->rend) {
		uint32_t edge = s->rlist[*s->rcur++];
		const gp_spell *r = &s->mi->r[edge & ~GP_EDGE_REL];
		if (r->from_lo > s->dhi)
			break;
		if (!holds(r, s->dlo, s->dhi))
			continue;
		gp_memindex_edge_row(s->mi, edge, &rows[0]);
		return GEOPOL_OK;
	}
	s->rcur = s->rend;
	return GEOPOL_ITEROVER;
}

static int picks_next(gp_row_cursor *c, gp_edge_row *rows)
{
	mi_cursor *s = (mi_cursor *)c;
	if (s->pos >= s->n)
		return GEOPOL_ITEROVER;
	const pick *p = &s->picks[s->pos++];
	const uint32_t *pos = s->mi->memberships.s;
	gp_memindex_edge_row(s->mi, s->pairs ? pos[p->x] : p->x, &rows[0]);
	if (s->pairs)
		gp_memindex_edge_row(s->mi, pos[p->y], &rows[1]);
	return GEOPOL_OK;
}

static int add_pick(mi_cursor *s, size_t *cap, pick p)
{
	if (grow(&s->picks, cap, s->n, sizeof *s->picks))
		return GEOPOL_ENOMEM;
	s->picks[s->n++] = p;
	return GEOPOL_OK;
}

/* The rest of a pick's key, after k0 (see pick_common, pick_relations). */
static void tie_key(const mi_cursor *s, const pick *p, uint64_t k[4])
{
	const gp_memindex *mi = s->mi;
	if (s->pairs) {
		k[0] = bias32(mi->m[mi->memberships.s[p->y]].from_lo);
		k[1] = (uint64_t)p->x << 32 | p->y;
		k[2] = k[3] = 0;
		return;
	}
	uint32_t j = p->x & ~GP_EDGE_REL;
	const gp_spell *r = &mi->r[j];
	uint64_t ranks = (uint64_t)mi->rank[r->a] << 32 | mi->rank[r->b];
	uint64_t when = bias32(r->to_hi) << 32 | r->rec;
	uint64_t item = 2 * (uint64_t)j + p->y;
	if (s->other < 0) {
		k[0] = ranks, k[1] = when, k[2] = item, k[3] = 0;
	} else {
		k[0] = (uint64_t)(r->a != s->ent), k[1] = ranks, k[2] = when, k[3] = item;
	}
}

/* Whether pick a comes before pick b: k0, then the rest in turn. */
static inline int pick_before(const mi_cursor *s, const pick *a, const pick *b)
{
	if (a->k0 != b->k0)
		return a->k0 < b->k0;
	uint64_t ka[4], kb[4];
	tie_key(s, a, ka);
	tie_key(s, b, kb);
	for (int i = 0; i < 4; i++)
		if (ka[i] != kb[i])
			return ka[i] < kb[i];
	return 0;
}

/* Sort n picks by key, tmp holding n / 2 of them: a merge sort with the
 * comparison inlined. Keys are unique, so any sort gives the one order;
 * qsort's call per comparison and its moves cost as much as the rest of a
 * question (callgrind: relations of a state at D, 2026-12-02). */
static void sort_picks(const mi_cursor *s, pick *v, size_t n, pick *tmp)
{
	if (n <= 12) {
		for (size_t i = 1; i < n; i++) {
			pick x = v[i];
			size_t j = i;
			for (; j > 0 && pick_before(s, &x, &v[j - 1]); j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	size_t h = n / 2, i = 0, j = h, o = 0;
	sort_picks(s, v, h, tmp);
	sort_picks(s, v + h, n - h, tmp);
	if (!pick_before(s, &v[h], &v[h - 1]))
		return; /* the halves are in order already */
	memcpy(tmp, v, h * sizeof *v);
	while (i < h && j < n)
		v[o++] = pick_before(s, &v[j], &tmp[i]) ? v[j++] : tmp[i++];
	while (i < h)
		v[o++] = tmp[i++];
}

/* The cursor's picks in key order. */
static int sort_cursor_picks(mi_cursor *s)
{
	if (s->n < 2)
		return GEOPOL_OK;
	pick *tmp = malloc((s->n / 2) * sizeof *tmp);
	if (!tmp)
		return GEOPOL_ENOMEM;
	sort_picks(s, s->picks, s->n, tmp);
	free(tmp);
	return GEOPOL_OK;
}

/* b's slots in one organization: its memberships list is by org code. */
static const uint32_t *org_group(const gp_memindex *mi, const uint32_t *lo, const uint32_t *hi,
				 uint32_t org_rank)
{
	while (lo < hi) {
		const uint32_t *mid = lo + (hi - lo) / 2;
		if (mi->rank[mi->m[*mid].a] < org_rank)
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
	const uint32_t *bs = o->s + o->off[b], *be = o->s + o->off[b + 1];
	size_t cap = 0;
	for (const uint32_t *x = o->s + o->off[a]; x < o->s + o->off[a + 1]; x++) {
		const gp_spell *xs = &mi->m[*x];
		if (!holds(xs, s->dlo, s->dhi))
			continue;
		uint32_t rank = mi->rank[xs->a];
		for (const uint32_t *y = org_group(mi, bs, be, rank);
		     y < be && mi->rank[mi->m[*y].a] == rank; y++) {
			const gp_spell *ys = &mi->m[*y];
			if (!holds(ys, s->dlo, s->dhi))
				continue;
			/* then b's from_lo, then the positions (tie_key) */
			pick p = {(uint64_t)rank << 32 | bias32(xs->from_lo), (uint32_t)(x - o->s),
				  (uint32_t)(y - o->s)};
			if (add_pick(s, &cap, p))
				return GEOPOL_ENOMEM;
		}
	}
	return sort_cursor_picks(s);
}

/* GP_SQL_RELATIONS_ONE's answer (other < 0): ent's relations by from_lo,
 * type, a's code, b's code, then as the interval indexes deliver them
 * (to_hi, rec_from, row id; a relation of ent with itself comes twice, as
 * a then as b). GP_SQL_RELATIONS_TWO's (other >= 0): those with other,
 * by from_lo, type; its plan reads the rows with a = ent before those with
 * a = other (each term of the OR through its own index), so that is the
 * tie order, then ONE's. Read from ent's adjacency as a and as b (sorted
 * by to_hi: the relations ended by dlo are skipped at once). */
static int pick_relations(mi_cursor *s, int64_t ent, int64_t other)
{
	const gp_memindex *mi = s->mi;
	size_t cap = 0;
	for (int as_b = 0; as_b < 2; as_b++) {
		const uint32_t *x, *end;
		gp_memindex_hops(mi, (uint32_t)ent, 2 + as_b, s->dlo, &x, &end);
		for (; x < end; x++) {
			uint32_t j = *x & ~GP_EDGE_REL;
			const gp_spell *r = &mi->r[j];
			if (!holds(r, s->dlo, s->dhi) ||
			    (other >= 0 && (r->a == ent ? r->b : r->a) != other))
				continue;
			/* then as tie_key says */
			pick p = {bias32(r->from_lo) << 32 | r->what, *x, (uint32_t)as_b};
			if (add_pick(s, &cap, p))
				return GEOPOL_ENOMEM;
		}
	}
	return sort_cursor_picks(s);
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
	} else if (other < 0 && mi->rel_pos) {
		s->base.next = relations_next;
		s->rlist = mi->adj + mi->adj_off[4 * ent + 2];
		s->rcur = mi->rel_pos + mi->rel_off[ent];
		s->rend = mi->rel_pos + mi->rel_off[ent + 1];
	} else {
		s->base.next = picks_next;
		s->ent = ent;
		s->other = other;
		rc = pick_relations(s, ent, other);
	}
	if (rc) {
		mi_free(&s->base);
		return gp_oom(db);
	}
	*out = &s->base;
	return GEOPOL_OK;
}

/* ---- the adjacency at a date */

/* The first edge of a to_hi-sorted segment with to_hi > dlo. */
static const uint32_t *first_live(const gp_memindex *mi, const uint32_t *lo, const uint32_t *hi,
				  int64_t dlo)
{
	while (lo < hi) {
		const uint32_t *mid = lo + (hi - lo) / 2;
		if (gp_memindex_spell(mi, *mid)->to_hi <= dlo)
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

static int reach_add(reach_build *b, uint32_t u, uint32_t edge, uint32_t other)
{
	if (b->seen[other] == u + 1)
		return GEOPOL_OK;
	b->seen[other] = u + 1;
	if (b->n == b->cap) {
		size_t cap = gp_grow_cap(b->cap, b->n + 1, 4096, sizeof *b->r->nbr);
		uint32_t *nbr = cap ? gp_realloc_n(b->r->nbr, cap, sizeof *nbr) : NULL;
		if (nbr)
			b->r->nbr = nbr;
		uint32_t *edges = nbr ? gp_realloc_n(b->r->edge, cap, sizeof *edges) : NULL;
		if (!edges)
			return GEOPOL_ENOMEM;
		b->r->edge = edges;
		b->cap = cap;
	}
	b->r->nbr[b->n] = other;
	b->r->edge[b->n++] = edge;
	if (b->r->bits)
		b->r->bits[u * b->r->words + other / 64] |= 1ull << (other % 64);
	return GEOPOL_OK;
}

/* One pass over the adjacency: each entity's edges valid at the span once
 * clipped to their entities' lives (gp_memindex_spell_holds), in
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
			const uint32_t *h, *end;
			const gp_spell *spells = gp_memindex_segment_spells(mi, k);
			gp_memindex_hops(mi, u, k, r->dlo, &h, &end);
			for (; !rc && h < end; h++) {
				const gp_spell *s = &spells[*h & ~GP_EDGE_REL];
				if (s->from_lo <= r->dhi && gp_memindex_spell_holds(mi, s, *h, r->dlo, r->dhi))
					rc = reach_add(&b, u, *h, gp_spell_other(s, u));
			}
		}
	}
	if (!rc)
		r->off[n] = (uint32_t)b.n;
	free(b.seen);
	return rc;
}

void gp_memindex_hops(const gp_memindex *mi, uint32_t u, int k, int64_t dlo,
		      const uint32_t **begin, const uint32_t **end)
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
