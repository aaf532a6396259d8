/*
 * pack.c - writing and checking the packed blocks of memberships and
 * relations (schema/006_edge_pack.sql, pack_internal.h).
 *
 * At the end of each outermost write the blocks are brought up to date:
 * blocks whose rows were cited since the last time are dropped (a citation
 * added is the one change no trigger sees), then every span of ids that no
 * block covers is packed, except the last, partial block's worth of rows,
 * which the snapshot reads from the table until it fills.
 */
#include "store/pack_internal.h"

#include <stdlib.h>
#include <string.h>

/* "GPM1" / "GPR1" as little-endian uint32s: a block of the other byte
 * order, of another layout or of the other table fails the check. */
/* "GPM2": since schema 009 a membership record carries its stage and
 * coding; a "GPM1" block fails the header check and is read from the table. */
#define PACK_MAGIC_MEMBERSHIP 0x324D5047u
#define PACK_MAGIC_RELATION 0x31525047u

typedef struct pack_header {
	uint32_t magic, n_rows, n_cites, strings_len;
} pack_header;

/* ---- reading a block */

static int valid_str(const gp_pack_view *v, uint32_t off)
{
	return off == GP_PACK_NULL || off < v->strings_len;
}

/* Every row in order and inside [first, last], every offset inside. */
static int rows_valid(const gp_pack_view *v, int relation_strings, int64_t first, int64_t last)
{
	uint64_t cites = 0;
	int64_t prev = first - 1;
	for (uint32_t i = 0; i < v->n_rows; i++) {
		gp_pack_row r;
		gp_pack_row_at(v, i, &r);
		if (r.id <= prev || r.id > last || !valid_str(v, r.attrs) ||
		    (relation_strings && !valid_str(v, r.type)))
			return 0;
		prev = r.id;
		cites += r.ncite;
	}
	for (uint32_t i = 0; i < v->n_cites; i++) {
		gp_pack_cite c;
		gp_pack_cite_at(v, i, &c);
		if (!valid_str(v, c.quote))
			return 0;
	}
	return cites == v->n_cites;
}

int gp_pack_view_open(gp_pack_view *v, const void *blob, size_t len, int64_t first, int64_t last)
{
	pack_header h;
	if (!blob || len < sizeof h)
		return 0;
	memcpy(&h, blob, sizeof h);
	if ((h.magic != PACK_MAGIC_MEMBERSHIP && h.magic != PACK_MAGIC_RELATION) ||
	    h.n_rows > len / sizeof(gp_pack_row) || h.n_cites > len / sizeof(gp_pack_cite))
		return 0;
	size_t need = sizeof h + (size_t)h.n_rows * sizeof(gp_pack_row) +
		      (size_t)h.n_cites * sizeof(gp_pack_cite) + h.strings_len;
	if (need != len)
		return 0;
	v->rows = (const unsigned char *)blob + sizeof h;
	v->cites = v->rows + (size_t)h.n_rows * sizeof(gp_pack_row);
	v->strings = (const char *)(v->cites + (size_t)h.n_cites * sizeof(gp_pack_cite));
	/* Every string ends inside the area: its last byte is a NUL. */
	if (h.strings_len && v->strings[h.strings_len - 1] != '\0')
		return 0;
	v->n_rows = h.n_rows;
	v->n_cites = h.n_cites;
	v->strings_len = h.strings_len;
	return rows_valid(v, h.magic == PACK_MAGIC_RELATION, first, last);
}

void gp_pack_row_at(const gp_pack_view *v, uint32_t i, gp_pack_row *out)
{
	memcpy(out, v->rows + (size_t)i * sizeof *out, sizeof *out);
}

void gp_pack_cite_at(const gp_pack_view *v, uint32_t i, gp_pack_cite *out)
{
	memcpy(out, v->cites + (size_t)i * sizeof *out, sizeof *out);
}

const char *gp_pack_str(const gp_pack_view *v, uint32_t off)
{
	return off < v->strings_len ? v->strings + off : NULL;
}

/* ---- writing a block */

typedef struct buf {
	unsigned char *p;
	size_t len, cap;
} buf;

static int buf_add(buf *b, const void *data, size_t n)
{
	if (!n)
		return GEOPOL_OK;
	unsigned char *p = gp_grow(b->p, &b->cap, b->len + n, 1, 4096);
	if (!p)
		return GEOPOL_ENOMEM;
	b->p = p;
	memcpy(b->p + b->len, data, n);
	b->len += n;
	return GEOPOL_OK;
}

typedef struct packer {
	buf rows, cites, strings, blob;
	uint32_t n_rows, n_cites;
	int64_t closed_max;
	int unpackable;          /* a value the record cannot hold */
	uint32_t types[16];      /* the block's type strings so far */
	int n_types;
} packer;

static void packer_reset(packer *pk)
{
	pk->rows.len = pk->cites.len = pk->strings.len = pk->blob.len = 0;
	pk->n_rows = pk->n_cites = 0;
	pk->closed_max = 0;
	pk->unpackable = 0;
	pk->n_types = 0;
}

static void packer_free(packer *pk)
{
	free(pk->rows.p);
	free(pk->cites.p);
	free(pk->strings.p);
	free(pk->blob.p);
}

static int add_string(packer *pk, const char *s, uint32_t *off)
{
	*off = GP_PACK_NULL;
	if (!s)
		return GEOPOL_OK;
	if (pk->strings.len >= GP_PACK_NULL / 2) {
		pk->unpackable = 1;
		return GEOPOL_OK;
	}
	*off = (uint32_t)pk->strings.len;
	return buf_add(&pk->strings, s, strlen(s) + 1);
}

/* Relation types (and membership codings) repeat: each is stored once per block. */
static int add_type(packer *pk, const char *code, uint32_t *off)
{
	for (int i = 0; i < pk->n_types && code; i++)
		if (strcmp((const char *)pk->strings.p + pk->types[i], code) == 0) {
			*off = pk->types[i];
			return GEOPOL_OK;
		}
	int rc = add_string(pk, code, off);
	if (!rc && *off != GP_PACK_NULL && pk->n_types < 16)
		pk->types[pk->n_types++] = *off;
	return rc;
}

static int fits_day(int64_t d)
{
	return d >= INT32_MIN && d <= INT32_MAX;
}

static int fits_u32(int64_t v)
{
	return v >= 0 && v <= UINT32_MAX;
}

/* The raw row (core/row.h), then rec_to. */
static const char sql_span_memberships[] =
	"SELECT " GP_MEMBERSHIP_RAW_COLS ", m.rec_to FROM membership m WHERE m.id BETWEEN ?1 AND ?2 "
	"ORDER BY m.id";
static const char sql_span_relations[] =
	"SELECT " GP_RELATION_RAW_COLS ", r.rec_to FROM relation r WHERE r.id BETWEEN ?1 AND ?2 "
	"ORDER BY r.id";
static const char sql_span_cite_memberships[] =
	"SELECT membership_id, source_id, quote FROM citation WHERE membership_id IS NOT NULL "
	"AND membership_id BETWEEN ?1 AND ?2 ORDER BY membership_id, id";
static const char sql_span_cite_relations[] =
	"SELECT relation_id, source_id, quote FROM citation WHERE relation_id IS NOT NULL "
	"AND relation_id BETWEEN ?1 AND ?2 ORDER BY relation_id, id";

/* The citations of row `id` from the cursor `cs` (ordered by row, on its
 * first row at or after the rows already packed; *more = 0 at its end). */
static int add_cites(geopol_db *db, packer *pk, sqlite3_stmt *cs, int *more, int64_t id,
		     gp_pack_row *r)
{
	r->ncite = 0;
	while (*more && sqlite3_column_int64(cs, 0) <= id) {
		if (sqlite3_column_int64(cs, 0) == id) {
			int64_t source = sqlite3_column_int64(cs, 1);
			gp_pack_cite c = {(uint32_t)source, GP_PACK_NULL};
			if (source < 0 || source > UINT32_MAX)
				pk->unpackable = 1;
			int rc = add_string(pk, (const char *)sqlite3_column_text(cs, 2), &c.quote);
			if (!rc)
				rc = buf_add(&pk->cites, &c, sizeof c);
			if (rc)
				return rc;
			pk->n_cites++;
			if (++r->ncite == UINT16_MAX)
				pk->unpackable = 1;
		}
		int step = sqlite3_step(cs);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			return gp_sql_error(db, "packing citations");
		*more = step == SQLITE_ROW;
	}
	return GEOPOL_OK;
}

/* One row of the span statement into a record; non-current rows only
 * raise closed_max. */
static int add_row(geopol_db *db, packer *pk, int kind, sqlite3_stmt *st, sqlite3_stmt *cs,
		   int *more)
{
	int rel = kind == GEOPOL_FACT_RELATION;
	int64_t rec_to = sqlite3_column_int64(st, rel ? GP_RELATION_NCOLS : GP_MEMBERSHIP_NCOLS);
	if (rec_to != GP_REC_CURRENT) {
		if (rec_to > pk->closed_max)
			pk->closed_max = rec_to;
		return GEOPOL_OK;
	}
	gp_edge_row e;
	gp_edge_row_read(&e, kind, st, 0, 1);
	gp_pack_row r;
	memset(&r, 0, sizeof r);
	r.id = e.id;
	int64_t back = e.id - e.fact_id;
	const gp_span *w = &e.when;
	if (!fits_u32(back) || !fits_u32(e.a_id) || !fits_u32(e.b_id) || !fits_day(w->flo) ||
	    !fits_day(w->tlo) || w->fhi - w->flo < 0 || w->fhi - w->flo > UINT16_MAX ||
	    w->thi - w->tlo < 0 || w->thi - w->tlo > UINT16_MAX || w->fprec < 0 ||
	    w->fprec > UINT8_MAX || w->tprec < 0 || w->tprec > UINT8_MAX)
		pk->unpackable = 1;
	r.fact_back = (uint32_t)back;
	r.a = (uint32_t)e.a_id;
	r.b = (uint32_t)e.b_id;
	r.from_lo = (int32_t)w->flo;
	r.from_span = (uint16_t)(w->fhi - w->flo);
	r.to_lo = (int32_t)w->tlo;
	r.to_span = (uint16_t)(w->thi - w->tlo);
	r.from_prec = (uint8_t)w->fprec;
	r.to_prec = (uint8_t)w->tprec;
	r.rec_from = e.rec_from;
	int rc;
	if (!rel) {
		if (e.role < 0 || e.role > UINT8_MAX || e.stage < 0 || e.stage > UINT8_MAX)
			pk->unpackable = 1;
		r.type = GP_PACK_ROLE_STAGE(e.role, e.stage);
		/* Codings repeat like relation types: stored once per block. */
		rc = add_type(pk, e.coding, &r.attrs);
	} else {
		rc = add_type(pk, e.type, &r.type);
		if (!rc)
			rc = add_string(pk, e.attrs, &r.attrs);
	}
	if (!rc)
		rc = add_cites(db, pk, cs, more, r.id, &r);
	if (!rc)
		rc = buf_add(&pk->rows, &r, sizeof r);
	if (!rc)
		pk->n_rows++;
	return rc;
}

static int store_block(geopol_db *db, packer *pk, int kind, int64_t lo, int64_t hi)
{
	pack_header h = {kind == GEOPOL_FACT_MEMBERSHIP ? PACK_MAGIC_MEMBERSHIP : PACK_MAGIC_RELATION,
			 pk->n_rows, pk->n_cites, (uint32_t)pk->strings.len};
	int rc = GEOPOL_OK;
	/* A block that cannot hold its rows is stored empty: it fails the
	 * header check, so its span is read from the table, and it is not
	 * tried again at every write. */
	if (!pk->unpackable && ((rc = buf_add(&pk->blob, &h, sizeof h)) ||
				(rc = buf_add(&pk->blob, pk->rows.p, pk->rows.len)) ||
				(rc = buf_add(&pk->blob, pk->cites.p, pk->cites.len)) ||
				(rc = buf_add(&pk->blob, pk->strings.p, pk->strings.len))))
		return rc;
	sqlite3_stmt *st = gp_stmt(db, "INSERT INTO edge_pack(kind, first_id, last_id, closed_max, "
				       "data) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_int64(st, 2, lo);
	sqlite3_bind_int64(st, 3, hi);
	sqlite3_bind_int64(st, 4, pk->closed_max);
	sqlite3_bind_blob(st, 5, pk->unpackable ? "" : (const void *)pk->blob.p,
			  pk->unpackable ? 0 : (int)pk->blob.len, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return step == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "writing a packed block");
}

/* Pack the ids [lo, hi] of one table into one block. */
static int pack_span(geopol_db *db, packer *pk, int kind, int64_t lo, int64_t hi)
{
	int mem = kind == GEOPOL_FACT_MEMBERSHIP;
	sqlite3_stmt *st = gp_stmt(db, mem ? sql_span_memberships : sql_span_relations);
	sqlite3_stmt *cs = st ? gp_stmt_take(db, mem ? sql_span_cite_memberships
						     : sql_span_cite_relations) : NULL;
	if (!cs)
		return gp_stmt_failed(db);
	packer_reset(pk);
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	sqlite3_bind_int64(cs, 1, lo);
	sqlite3_bind_int64(cs, 2, hi);
	int step = sqlite3_step(cs), rc = GEOPOL_OK;
	int more = step == SQLITE_ROW;
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = gp_sql_error(db, "packing citations");
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = add_row(db, pk, kind, st, cs, &more);
	if (!rc && step != SQLITE_DONE)
		rc = gp_sql_error(db, "packing rows");
	sqlite3_reset(st);
	gp_stmt_give(db, cs);
	return rc ? rc : store_block(db, pk, kind, lo, hi);
}

/* ---- keeping the blocks up to date */

/* The packer's settings on a handle (gp_pack_config; tests): the ctx of
 * its commit hook, NULL for the defaults. */
typedef struct pack_config {
	int64_t block;        /* block size; 0: GP_PACK_BLOCK */
	int read_off;         /* the snapshot reads tables only */
} pack_config;

static void pack_commit(geopol_db *db, void *ctx);

static int64_t block_size(geopol_db *db)
{
	const pack_config *c = gp_hook_ctx(db, pack_commit);
	return c && c->block > 0 ? c->block : GP_PACK_BLOCK;
}

static const char sql_max_membership[] = "SELECT max(id) FROM membership";
static const char sql_max_relation[] = "SELECT max(id) FROM relation";
static const char sql_blocks_summary[] =
	"SELECT total(last_id - first_id + 1), max(last_id) FROM edge_pack WHERE kind = ?1";

/* Does table `kind` have ids no block covers, a full block's worth past the
 * last block or in a hole? Also gives the table's highest id. */
static int kind_needs_packing(geopol_db *db, int kind, int64_t *max_id, int *needs, int *has_blocks)
{
	int64_t sum[2];
	int rc = gp_query_ints(db, kind == GEOPOL_FACT_MEMBERSHIP ? sql_max_membership
								 : sql_max_relation, 0, max_id, 1);
	if (!rc)
		rc = gp_query_ints(db, sql_blocks_summary, kind, sum, 2);
	/* total() is a float: exact below 2^53 ids. Blocks are disjoint and
	 * start at 1 or above: they tile [1, last] when their spans add up. */
	*needs = !rc && ((int64_t)sum[0] < sum[1] || *max_id - sum[1] >= block_size(db));
	*has_blocks = !rc && sum[1] > 0;
	return rc;
}

/* Drop the blocks holding rows cited since cite_max. */
static int drop_recited(geopol_db *db, int64_t cite_max)
{
	sqlite3_stmt *st = gp_stmt_take(db, "SELECT membership_id, relation_id FROM citation "
					    "WHERE id > ?1 ORDER BY id");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, cite_max);
	int step, rc = GEOPOL_OK;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (int k = 0; k < 2 && !rc; k++) {
			if (sqlite3_column_type(st, k) == SQLITE_NULL)
				continue;
			sqlite3_stmt *del = gp_stmt(db,
				"DELETE FROM edge_pack WHERE id = (SELECT q.id FROM edge_pack q "
				"WHERE q.kind = ?1 AND q.last_id >= ?2 ORDER BY q.last_id LIMIT 1) "
				"AND first_id <= ?2");
			if (!del) {
				rc = gp_stmt_failed(db);
				break;
			}
			sqlite3_bind_int(del, 1, k ? GEOPOL_FACT_RELATION : GEOPOL_FACT_MEMBERSHIP);
			sqlite3_bind_int64(del, 2, sqlite3_column_int64(st, k));
			if (sqlite3_step(del) != SQLITE_DONE)
				rc = gp_sql_error(db, "dropping a packed block");
			sqlite3_reset(del);
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = gp_sql_error(db, "reading new citations");
	gp_stmt_give(db, st);
	return rc;
}

/* Pack every span of ids of table `kind` that no block covers: holes whole
 * (they are bounded by the next block), past the last block only full
 * blocks. */
static int pack_gaps(geopol_db *db, packer *pk, int kind, int64_t max_id)
{
	int64_t size = block_size(db), pos = 1;
	int rc = GEOPOL_OK;
	sqlite3_stmt *st = gp_stmt_take(db, "SELECT first_id, last_id FROM edge_pack "
					    "WHERE kind = ?1 ORDER BY last_id");
	if (!st)
		return gp_stmt_failed(db);
	/* The gaps are found while the statement walks the blocks; packing
	 * them inserts blocks the walk might meet, so they are packed after. */
	int64_t *gaps = NULL;
	size_t n = 0, cap = 0;
	sqlite3_bind_int(st, 1, kind);
	int step;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t first = sqlite3_column_int64(st, 0), last = sqlite3_column_int64(st, 1);
		if (first > pos) {
			int64_t *g = GP_GROW(gaps, cap, n + 2, 16);
			if (!g) {
				rc = gp_error(db, GEOPOL_ENOMEM, "out of memory");
				break;
			}
			gaps = g;
			gaps[n++] = pos;
			gaps[n++] = first - 1;
		}
		if (last + 1 > pos)
			pos = last + 1;
	}
	if (!rc && step != SQLITE_DONE)
		rc = gp_sql_error(db, "reading the packed blocks");
	gp_stmt_give(db, st);
	for (size_t i = 0; !rc && i < n; i += 2)
		for (int64_t lo = gaps[i]; !rc && lo <= gaps[i + 1]; lo += size)
			rc = pack_span(db, pk, kind, lo,
				       gaps[i + 1] - lo >= size ? lo + size - 1 : gaps[i + 1]);
	free(gaps);
	for (; !rc && max_id - pos + 1 >= size; pos += size)
		rc = pack_span(db, pk, kind, pos, pos + size - 1);
	return rc;
}

static int refresh(geopol_db *db)
{
	int64_t state[2], max_id[2];
	int needs[2] = {0, 0}, blocks[2] = {0, 0};
	int rc = gp_query_ints(db, "SELECT e.cite_max, (SELECT max(id) FROM citation) "
				   "FROM edge_pack_state e", 0, state, 2);
	for (int k = 0; !rc && k < 2; k++)
		rc = kind_needs_packing(db, GEOPOL_FACT_MEMBERSHIP + k, &max_id[k], &needs[k],
					&blocks[k]);
	/* Citations added matter only to blocks that exist before this. */
	int recited = (blocks[0] || blocks[1]) && state[1] > state[0];
	if (rc || (!needs[0] && !needs[1] && !recited))
		return rc;
	packer pk;
	memset(&pk, 0, sizeof pk);
	if (recited)
		rc = drop_recited(db, state[0]);
	/* Blocks dropped just now leave holes: pack both tables again. */
	for (int k = 0; !rc && k < 2; k++)
		rc = pack_gaps(db, &pk, GEOPOL_FACT_MEMBERSHIP + k, max_id[k]);
	packer_free(&pk);
	if (!rc) {
		sqlite3_stmt *st = gp_stmt(db, "UPDATE edge_pack_state SET cite_max = ?1");
		if (!st)
			return gp_stmt_failed(db);
		sqlite3_bind_int64(st, 1, state[1]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = gp_sql_error(db, "writing the packing state");
		sqlite3_reset(st);
	}
	return rc;
}

void gp_pack_refresh(geopol_db *db)
{
	if (db->read_only)
		return;
	/* The write is done: whatever happens here must not undo it, nor
	 * replace its (empty) message. */
	char keep[GP_ERRMSG_SIZE];
	memcpy(keep, db->errmsg, sizeof keep);
	if (gp_exec(db, "SAVEPOINT gp_pack") == GEOPOL_OK) {
		if (refresh(db) == GEOPOL_OK) {
			gp_exec(db, "RELEASE gp_pack");
		} else {
			gp_exec(db, "ROLLBACK TO gp_pack");
			gp_exec(db, "RELEASE gp_pack");
		}
	}
	memcpy(db->errmsg, keep, sizeof keep);
}

static void pack_commit(geopol_db *db, void *ctx)
{
	(void)ctx;
	gp_pack_refresh(db);
}

static void pack_close(geopol_db *db, void *ctx)
{
	(void)db;
	free(ctx);
}

int gp_pack_attach(geopol_db *db)
{
	return gp_on_commit(db, pack_commit, NULL);
}

void gp_pack_config(geopol_db *db, int64_t size, int read_blocks)
{
	pack_config *c = gp_hook_ctx(db, pack_commit);
	if (!c) {
		if (!(c = calloc(1, sizeof *c)))
			return;
		if (gp_on_close(db, pack_close, c) || gp_on_commit(db, pack_commit, c)) {
			free(c);
			return;
		}
	}
	c->block = size;
	c->read_off = !read_blocks;
}

int gp_pack_read_off(const geopol_db *db)
{
	const pack_config *c = gp_hook_ctx(db, pack_commit);
	return c && c->read_off;
}
