/*
 * sqlite_scan.c - the SQLite store's scan of a table's rows at a span
 * (store.h, gp_store.scan), for the snapshot: the packed blocks (pack.c)
 * where they can answer, the table itself for the ids they miss.
 *
 * Most current rows hold at a recent date, so the table is read in rowid
 * order (NOT INDEXED: an index on the interval needs a table lookup for
 * every row it keeps, measured 20 times slower), and the blocks, one SQLite
 * step per block instead of one per row, are read in the same order. A
 * block answers when nothing in it was closed after the recorded time
 * asked, none of its rows was cited since it was packed, and its blob is
 * well formed; a row from a block comes with its citations at hand.
 */
#include "store/store.h"
#include "store/pack_internal.h"
#include "store/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

/* The rows with ids in [?4, ?5]: what no block covers. The interval test
 * goes first: at a recent date it drops most ended rows after reading one
 * column. ORDER BY the rowid costs nothing on a rowid range and is what the
 * snapshot's citation merge relies on. ?1, ?2: the span asked; ?3: the
 * recorded time. The raw row, then rec_to. */
const char gp_snapshot_sql_memberships[] =
	"SELECT " GP_MEMBERSHIP_RAW_COLS ", m.rec_to FROM membership m NOT INDEXED "
	"WHERE m.id BETWEEN ?4 AND ?5 AND " GP_SQL_HOLDS_AT("m", "?1", "?2") " AND "
	GP_SQL_KNOWN_AT("m", "?3") " ORDER BY m.id";
const char gp_snapshot_sql_relations[] =
	"SELECT " GP_RELATION_RAW_COLS ", r.rec_to FROM relation r NOT INDEXED "
	"WHERE r.id BETWEEN ?4 AND ?5 AND " GP_SQL_HOLDS_AT("r", "?1", "?2") " AND "
	GP_SQL_KNOWN_AT("r", "?3") " ORDER BY r.id";
/* A table's packed blocks (schema/006_edge_pack.sql), in id order. */
const char gp_snapshot_sql_blocks[] =
	"SELECT first_id, last_id, closed_max, data FROM edge_pack WHERE kind = ?1 ORDER BY last_id";

/* Past this many rows cited after their block was packed, no block is
 * read: the table answers. */
#define LATE_MAX 65536

enum { SEG_NONE, SEG_SQL, SEG_BLOCK };

typedef struct scan_cursor {
	gp_row_cursor base;    /* first: the store's cursor */
	geopol_db *db;
	int kind;              /* GEOPOL_FACT_MEMBERSHIP or _RELATION */
	int64_t dlo, dhi, k;
	int pack_off;          /* read no block */
	int64_t next_id;       /* the rows before it are done */
	int seg;               /* what is being read */
	sqlite3_stmt *sql;     /* SEG_SQL: rows next_id .. seg_hi */
	int64_t seg_hi;
	sqlite3_stmt *blocks;  /* stands on the block in hand */
	int have_block, blocks_done;
	int64_t first, last;   /* the block in hand */
	gp_pack_view view;     /* SEG_BLOCK: its records */
	uint32_t rec;
	int from_block;        /* the row last returned came from the block */
	uint32_t cite, ncite;  /* the citations of the record last returned */
	uint32_t cite_next;    /* the citations of the next record */
	int64_t *late;         /* rows cited after the blocks were packed, sorted */
	size_t n_late;
} scan_cursor;

static int late_in(const scan_cursor *w, int64_t first, int64_t last)
{
	size_t lo = 0, hi = w->n_late;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->late[mid] < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->n_late && w->late[lo] <= last;
}

/* Rows [lo, hi] of the table, through SQL. */
static int start_sql(scan_cursor *w, int64_t lo, int64_t hi)
{
	if (!w->sql && !(w->sql = gp_stmt_take(w->db, w->kind == GEOPOL_FACT_RELATION
						      ? gp_snapshot_sql_relations
						      : gp_snapshot_sql_memberships)))
		return gp_stmt_failed(w->db);
	sqlite3_reset(w->sql);
	sqlite3_bind_int64(w->sql, 1, w->dlo);
	sqlite3_bind_int64(w->sql, 2, w->dhi);
	sqlite3_bind_int64(w->sql, 3, w->k);
	sqlite3_bind_int64(w->sql, 4, lo);
	sqlite3_bind_int64(w->sql, 5, hi);
	w->seg = SEG_SQL;
	w->seg_hi = hi;
	return GEOPOL_OK;
}

/* Step to the table's next block; w->have_block = 0 after the last. */
static int next_block(scan_cursor *w)
{
	if (!w->blocks) {
		if (!(w->blocks = gp_stmt_take(w->db, gp_snapshot_sql_blocks)))
			return gp_stmt_failed(w->db);
		sqlite3_bind_int(w->blocks, 1, w->kind);
	}
	int rc = sqlite3_step(w->blocks);
	w->have_block = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		w->first = sqlite3_column_int64(w->blocks, 0);
		w->last = sqlite3_column_int64(w->blocks, 1);
		return GEOPOL_OK;
	}
	w->blocks_done = 1;
	return rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(w->db, "reading the packed blocks");
}

/* Use the block in hand if it answers this question. */
static int open_block(scan_cursor *w)
{
	if (w->pack_off || sqlite3_column_int64(w->blocks, 2) > w->k ||
	    late_in(w, w->first, w->last))
		return 0;
	const void *blob = sqlite3_column_blob(w->blocks, 3);
	int n = sqlite3_column_bytes(w->blocks, 3);
	if (!gp_pack_view_open(&w->view, blob, (size_t)n, w->first, w->last))
		return 0;
	w->seg = SEG_BLOCK;
	w->rec = w->cite_next = 0;
	return 1;
}

/* The next record of the block that holds at the span asked. */
static int block_row(scan_cursor *w, gp_edge_row *e)
{
	while (w->rec < w->view.n_rows) {
		gp_pack_row r;
		gp_pack_row_at(&w->view, w->rec++, &r);
		uint32_t cite = w->cite_next;
		w->cite_next += r.ncite;
		int64_t to_hi = (int64_t)r.to_lo + r.to_span;
		/* A block holds current rows only. */
		if (!gp_holds(r.from_lo, to_hi, w->dlo, w->dhi) ||
		    !gp_known(r.rec_from, GP_REC_CURRENT, w->k))
			continue;
		*e = (gp_edge_row){.kind = w->kind, .id = r.id, .fact_id = r.id - r.fact_back,
				   .a_id = r.a, .b_id = r.b,
				   .when = {r.from_lo, (int64_t)r.from_lo + r.from_span, r.to_lo, to_hi,
					    r.from_prec, r.to_prec},
				   .rec_from = r.rec_from, .rec_to = GP_REC_CURRENT};
		if (w->kind == GEOPOL_FACT_RELATION) {
			e->type = gp_pack_str(&w->view, r.type);
			e->attrs = gp_pack_str(&w->view, r.attrs);
		} else {
			e->role = GP_PACK_ROLE(r.type);
			e->stage = GP_PACK_STAGE(r.type);
			e->coding = gp_pack_str(&w->view, r.attrs);
		}
		w->cite = cite;
		w->ncite = r.ncite;
		return 1;
	}
	return 0;
}

/* Segments go in id order: the ids before the next block from the table,
 * the block (or, if it cannot answer, its ids from the table), and after
 * the last block the rest of the table. */
static int scan_next(gp_row_cursor *c, gp_edge_row *rows)
{
	scan_cursor *w = (scan_cursor *)c;
	for (;;) {
		int rc = GEOPOL_OK;
		if (w->seg == SEG_SQL) {
			int step = sqlite3_step(w->sql);
			if (step == SQLITE_ROW) {
				gp_edge_row_read(&rows[0], w->kind, w->sql, 0, 1);
				rows[0].rec_to = sqlite3_column_int64(w->sql, w->kind == GEOPOL_FACT_RELATION
									       ? GP_RELATION_NCOLS
									       : GP_MEMBERSHIP_NCOLS);
				w->from_block = 0;
				return GEOPOL_OK;
			}
			sqlite3_reset(w->sql);
			if (step != SQLITE_DONE)
				return gp_sql_error(w->db, "reading the snapshot");
			w->seg = SEG_NONE;
			if (w->seg_hi == INT64_MAX)
				return GEOPOL_ITEROVER;
			w->next_id = w->seg_hi + 1;
		} else if (w->seg == SEG_BLOCK) {
			if (block_row(w, &rows[0])) {
				w->from_block = 1;
				return GEOPOL_OK;
			}
			w->seg = SEG_NONE;
			w->have_block = 0;
			w->next_id = w->last + 1;
		} else if (!w->have_block && !w->blocks_done) {
			rc = next_block(w);
		} else if (!w->have_block) {
			rc = start_sql(w, w->next_id, INT64_MAX);
		} else if (w->last < w->next_id) {
			w->have_block = 0;   /* overlaps what was read: not ours */
		} else if (w->first > w->next_id) {
			rc = start_sql(w, w->next_id, w->first - 1);
		} else if (w->first < w->next_id || !open_block(w)) {
			rc = start_sql(w, w->next_id, w->last);
			w->have_block = 0;
		}
		if (rc)
			return rc;
	}
}

static int scan_cite(gp_row_cursor *c, size_t i, gp_cite_ref *out)
{
	scan_cursor *w = (scan_cursor *)c;
	if (!w->from_block)
		return GEOPOL_ENOTFOUND;
	/* Checked when the block was opened; checked again since a write on
	 * this handle may have rewritten the page a small blob lies in. */
	if ((uint64_t)w->cite + w->ncite > w->view.n_cites)
		return gp_error(w->db, GEOPOL_EDB, "snapshot: a packed block changed while read");
	if (i >= w->ncite)
		return GEOPOL_ITEROVER;
	gp_pack_cite pc;
	gp_pack_cite_at(&w->view, w->cite + (uint32_t)i, &pc);
	out->source_id = pc.source_id;
	out->quote = gp_pack_str(&w->view, pc.quote);
	return GEOPOL_OK;
}

static void scan_free(gp_row_cursor *c)
{
	scan_cursor *w = (scan_cursor *)c;
	gp_stmt_give(w->db, w->sql);
	gp_stmt_give(w->db, w->blocks);
	free(w->late);
	free(w);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int add_late(scan_cursor *w, int64_t row, size_t *cap)
{
	int64_t *p = gp_grow(w->late, cap, w->n_late + 1, sizeof *p, 64);
	if (!p)
		return GEOPOL_ENOMEM;
	w->late = p;
	w->late[w->n_late++] = row;
	return GEOPOL_OK;
}

/* The rows of this table cited after their block was packed. The library
 * packs at the end of its own writes, so there are none unless another
 * program added citations; their blocks are not read. */
static int load_late(scan_cursor *w)
{
	geopol_db *db = w->db;
	/* The blocks' citation mark, if there are blocks at all: without
	 * them the mark is not kept up to date, and there is nothing to skip. */
	sqlite3_stmt *st = gp_stmt(db, "SELECT cite_max FROM edge_pack_state "
				       "WHERE EXISTS (SELECT 1 FROM edge_pack)");
	if (!st || sqlite3_step(st) != SQLITE_ROW) {
		/* No blocks, or no packing state (a file not migrated). */
		if (st)
			sqlite3_reset(st);
		gp_clear_error(db);
		w->pack_off = 1;
		return GEOPOL_OK;
	}
	int64_t cite_max = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (!(st = gp_stmt(db, "SELECT membership_id, relation_id FROM citation WHERE id > ?1")))
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, cite_max);
	int col = w->kind == GEOPOL_FACT_RELATION;
	size_t cap = 0;
	int step = SQLITE_DONE, rc = GEOPOL_OK;
	while (!rc && !w->pack_off && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, col) == SQLITE_NULL)
			continue;
		rc = add_late(w, sqlite3_column_int64(st, col), &cap);
		if (w->n_late > LATE_MAX)
			w->pack_off = 1;
	}
	sqlite3_reset(st);
	if (rc)
		return gp_oom(db);
	if (!w->pack_off && step != SQLITE_DONE)
		return gp_sql_error(db, "reading citations");
	if (w->n_late)
		qsort(w->late, w->n_late, sizeof *w->late, cmp_i64);
	return GEOPOL_OK;
}

int gp_sqlite_scan(gp_row_cursor **out, geopol_db *db, int kind, int64_t dlo, int64_t dhi,
		   int64_t k)
{
	*out = NULL;
	scan_cursor *w = calloc(1, sizeof *w);
	if (!w)
		return gp_oom(db);
	*w = (scan_cursor){.base = {scan_next, scan_free, scan_cite}, .db = db, .kind = kind,
			   .dlo = dlo, .dhi = dhi, .k = k, .next_id = INT64_MIN};
	w->pack_off = gp_pack_read_off(db) || k >= GP_REC_CURRENT;
	int rc = w->pack_off ? GEOPOL_OK : load_late(w);
	if (rc) {
		scan_free(&w->base);
		return rc;
	}
	w->blocks_done = w->pack_off;
	*out = &w->base;
	return GEOPOL_OK;
}
