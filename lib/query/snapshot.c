/*
 * snapshot.c - the whole graph at a date: every entity valid then (by
 * code), then every membership and relation valid then (by row id).
 *
 * The edges come from the store's scan of each table in id order
 * (store.h; the SQLite store reads its packed blocks and the table,
 * sqlite_scan.c). The scan gives only the edge's own columns; the entity
 * codes and relation types come from small maps built once per iterator
 * (entities and types are few: ~850 in the 1M-fact world), not from two
 * joins per row.
 *
 * The entities are the store's too (gp_store.entities, GP_ENTITIES_ALIVE).
 *
 * Citations are streamed too. A second cursor per edge kind (gp_store.cites;
 * SQLite's walks the partial index citation_membership / citation_relation)
 * gives the citations in the order of the fact row they cite, and advances
 * in step with the scan, which goes in the same order: each item's
 * citations are the run of rows with its id, collected without a query of
 * their own. Source codes come from a map filled as sources are met
 * (gp_store.source_get; sources are few as well).
 * Memory is that of the maps, whatever the number of facts.
 */
#include "query/snapshot_internal.h"
#include "query/edge_maps.h"
#include "store/store.h"
#include "query/query_internal.h"

#include <stdlib.h>
#include <string.h>

/* Re-seek the citation cursor instead of stepping when the wanted row is
 * this far ahead of it (a step costs ~0.1 µs, a seek ~1 µs). */
#define CITE_SKIP 64

/* ---- the iterator's state */

typedef struct source_ref {
	const char *code, *title;
} source_ref;

/* One side of the merge join: the store's cursor over the citations of
 * one fact kind, ordered by the fact row (gp_store.cites). Every citation
 * of a row below `floor` has been passed; the cursor stands on the first
 * one at or after it (its row c->row) unless it ran out. */
typedef struct cite_side {
	gp_cite_cursor *c;
	int state;        /* 0 not started, 1 on a row, 2 at the end */
	int64_t floor;
} cite_side;

typedef struct snap {
	gp_params p;
	gp_q q;
	unsigned flags;
	int64_t clo, chi;      /* the certainty span; clo > chi: all definite */
	int phase;             /* 0 nodes, 1 memberships, 2 relations, 3 done */
	gp_entity_cursor *nodes; /* the store's entities of the span */
	gp_entity_row node;    /* the item's, while it is the current one */
	gp_edge_maps maps;     /* entity codes and lives, types, shadowed rows */
	int span;              /* 1: a span export (every row definite) */
	gp_idmap sources;      /* source id -> source_ref */
	cite_side cur[2];      /* memberships, relations */
	gp_row_cursor *scan[2]; /* the store's rows: memberships, relations */
	gp_row_cursor *from;   /* the scan the item came from */
	/* the current item's citations: quotes copied into qbuf */
	int cited_kind;
	int64_t cited_row;
	geopol_citation *cites;
	size_t *qoff;          /* quote offsets into qbuf, (size_t)-1 = NULL */
	size_t ncites, cites_cap;
	char *qbuf;
	size_t qlen, qcap;
} snap;

/* The sources are read as citations name them. */
static int load_sources(geopol_db *db, snap *s)
{
	int64_t max_id, n;
	int rc = gp_store_of(db)->size(db, GP_SIZE_SOURCES, &max_id, &n);
	if (!rc)
		gp_idmap_dense(&s->sources, max_id, n);
	return rc;
}

/* ---- citations by merge join */

/* The cursor's answer to a move: on a row, or at the end. */
static int side_moved(cite_side *c, int rc)
{
	c->state = rc == GEOPOL_OK ? 1 : 2;
	return rc == GEOPOL_ITEROVER ? GEOPOL_OK : rc;
}

static int side_seek(cite_side *c, int64_t row)
{
	c->floor = row;
	return side_moved(c, c->c->seek(c->c, row));
}

static const source_ref *source_of(geopol_db *db, snap *s, int64_t id, int *rc)
{
	const source_ref *ref = gp_idmap_get(&s->sources, id);
	if (ref)
		return ref;
	const char *code, *title;
	int found = gp_store_of(db)->source_get(db, id, &code, &title);
	if (found) {
		/* A citation of a missing source: the query's join drops it too. */
		if (found != GEOPOL_ENOTFOUND)
			*rc = found;
		return NULL;
	}
	/* One block: the ref, then its two strings. */
	size_t lc = code ? strlen(code) + 1 : 0, lt = title ? strlen(title) + 1 : 0;
	char *block = malloc(sizeof(source_ref) + lc + lt);
	if (!block) {
		*rc = gp_oom(db);
		return NULL;
	}
	source_ref *out = (source_ref *)block;
	char *p = block + sizeof(source_ref);
	out->code = code ? memcpy(p, code, lc) : NULL;
	out->title = title ? memcpy(p + lc, title, lt) : NULL;
	if (gp_idmap_put(&s->sources, id, out)) {
		free(block);
		*rc = gp_oom(db);
		return NULL;
	}
	return out;
}

/* Room for one more citation of the item. */
static int grow_cites(geopol_db *db, snap *s)
{
	if (s->ncites < s->cites_cap)
		return GEOPOL_OK;
	size_t cap = s->cites_cap ? s->cites_cap * 2 : 8;
	geopol_citation *c = realloc(s->cites, cap * sizeof *c);
	if (c)
		s->cites = c;
	size_t *q = c ? realloc(s->qoff, cap * sizeof *q) : NULL;
	if (!q)
		return gp_oom(db);
	s->qoff = q;
	s->cites_cap = cap;
	return GEOPOL_OK;
}

static int add_cite(geopol_db *db, snap *s, const source_ref *src, const char *quote)
{
	int rc = grow_cites(db, s);
	if (rc)
		return rc;
	size_t off = (size_t)-1;
	if (quote) {
		size_t n = strlen(quote) + 1;
		if (s->qlen + n > s->qcap) {
			size_t cap = (s->qlen + n) * 2;
			char *b = realloc(s->qbuf, cap);
			if (!b)
				return gp_oom(db);
			s->qbuf = b;
			s->qcap = cap;
		}
		memcpy(s->qbuf + s->qlen, quote, n);
		off = s->qlen;
		s->qlen += n;
	}
	geopol_citation *c = &s->cites[s->ncites];
	c->source = src->code;
	c->title = src->title;
	s->qoff[s->ncites++] = off;
	return GEOPOL_OK;
}

/* The citations of a row read through the store's cursor: its run. */
static int sql_citations(geopol_iter *it, snap *s, int64_t row)
{
	cite_side *c = &s->cur[it->cite_kind == GEOPOL_FACT_MEMBERSHIP ? 0 : 1];
	int rc = GEOPOL_OK;
	if (c->state == 0 || row < c->floor || (c->state == 1 && row - c->c->row > CITE_SKIP))
		rc = side_seek(c, row);
	while (!rc && c->state == 1 && c->c->row < row)
		rc = side_moved(c, c->c->step(c->c));
	while (!rc && c->state == 1 && c->c->row == row) {
		const source_ref *src = source_of(it->db, s, c->c->ref.source_id, &rc);
		if (src)
			rc = add_cite(it->db, s, src, c->c->ref.quote);
		if (!rc)
			rc = side_moved(c, c->c->step(c->c));
	}
	if (rc) {
		c->state = 0;
		return rc;
	}
	c->floor = row + 1;
	for (size_t i = 0; i < s->ncites; i++)
		s->cites[i].quote = s->qoff[i] == (size_t)-1 ? NULL : s->qbuf + s->qoff[i];
	return GEOPOL_OK;
}

/* The citations of a row read from a block: its records, whose quotes
 * point into the block (valid until the walk leaves it, after the item). */
/* The citations the store keeps with the row (a packed block's);
 * GEOPOL_ENOTFOUND when it has none at hand. */
static int store_citations(geopol_iter *it, snap *s, gp_row_cursor *c)
{
	if (!c->cite)
		return GEOPOL_ENOTFOUND;
	gp_cite_ref ref;
	int rc;
	for (size_t i = 0; (rc = c->cite(c, i, &ref)) == GEOPOL_OK; i++) {
		const source_ref *src = source_of(it->db, s, ref.source_id, &rc);
		if (rc)
			return rc;
		if (!src)
			continue;
		if ((rc = grow_cites(it->db, s)))
			return rc;
		geopol_citation *cite = &s->cites[s->ncites++];
		cite->source = src->code;
		cite->title = src->title;
		cite->quote = ref.quote;
	}
	return rc == GEOPOL_ITEROVER ? GEOPOL_OK : rc;
}

static int snap_citations(geopol_iter *it, const geopol_citation **out, size_t *n)
{
	snap *s = it->state;
	int64_t row = it->cite_row;
	if (s->cited_kind != it->cite_kind || s->cited_row != row) {
		s->cited_kind = 0;
		s->ncites = s->qlen = 0;
		int rc = store_citations(it, s, s->from);
		if (rc == GEOPOL_ENOTFOUND)
			rc = sql_citations(it, s, row);
		if (rc)
			return rc;
		s->cited_kind = it->cite_kind;
		s->cited_row = row;
	}
	*out = s->ncites ? s->cites : NULL;
	*n = s->ncites;
	return GEOPOL_OK;
}

/* ---- the rows */

/* The row into the item; 0 if the snapshot leaves it out. e->a, e->b and
 * e->when are set here (codes, the interval clipped to the entities'
 * lives); a relation's type and direction from the map of types. */
static int emit_edge(geopol_iter *it, snap *s, gp_edge_row *e)
{
	if (!gp_edge_resolve(&s->maps, &s->q, e))
		return 0;
	/* No edge without its nodes: the interval within both entities' lives,
	 * which must still hold at the date asked (or some day of the span). */
	gp_span *f = &e->when;
	if (!gp_clip(f, gp_edge_life(&s->maps, e->a_id), gp_edge_life(&s->maps, e->b_id), NULL) ||
	    (s->span && !gp_overlap_certainty(f->flo, f->fhi, f->tlo, f->thi, s->p.dlo, s->p.dhi)))
		return 0;
	/* Decided before the item is touched: a row left out leaves it alone. */
	int certainty = gp_certainty(f->flo, f->fhi, f->tlo, f->thi, s->clo, s->chi);
	if (!certainty || (certainty == GEOPOL_POSSIBLE && (s->flags & GEOPOL_DEFINITE_ONLY)))
		return 0;
	gp_fill_edge(it, e, s->clo, s->chi);
	return 1;
}

/* The next membership (or relation) of the snapshot: GEOPOL_ITEROVER after
 * the last. */
static int edge_next(geopol_iter *it, snap *s, gp_row_cursor *c)
{
	gp_edge_row e;
	for (;;) {
		int rc = c->next(c, &e);
		if (rc)
			return rc;
		if (emit_edge(it, s, &e)) {
			s->from = c;
			return GEOPOL_OK;
		}
	}
}

static int snap_next(geopol_iter *it)
{
	snap *s = it->state;
	while (s->phase < 3) {
		if (s->phase > 0) {
			int rc = edge_next(it, s, s->scan[s->phase - 1]);
			if (rc != GEOPOL_ITEROVER)
				return rc;
			s->phase++;
			continue;
		}
		if (!s->nodes) {
			gp_entities_query q = {.what = GP_ENTITIES_ALIVE, .dlo = s->p.dlo, .dhi = s->p.dhi,
					       .k = s->p.k};
			int rc = gp_store_of(it->db)->entities(&s->nodes, it->db, &q);
			if (rc)
				return rc;
		}
		int rc = s->nodes->next(s->nodes, &s->node);
		if (rc == GEOPOL_OK) {
			gp_fill_entity(it, &s->node);
			return GEOPOL_OK;
		}
		if (rc != GEOPOL_ITEROVER)
			return rc;
		gp_entity_cursor_free(s->nodes);
		s->nodes = NULL;
		s->phase++;
	}
	return GEOPOL_ITEROVER;
}

static void snap_destroy(geopol_iter *it)
{
	snap *s = it->state;
	if (!s)
		return;
	gp_entity_cursor_free(s->nodes);
	for (int k = 0; k < 2; k++) {
		gp_cite_cursor_free(s->cur[k].c);
		gp_row_cursor_free(s->scan[k]);
	}
	for (size_t i = 0; i < s->sources.n_dense; i++)
		free((void *)s->sources.dense[i]);
	for (size_t i = 0; i < s->sources.map.cap; i++)
		if (s->sources.map.keys[i] != GP_MAP_EMPTY)
			free((void *)(uintptr_t)s->sources.map.vals[i]);
	gp_idmap_free(&s->sources);
	gp_edge_maps_free(&s->maps);
	free(s->cites);
	free(s->qoff);
	free(s->qbuf);
	free(s);
}

int gp_snapshot_span(geopol_iter **out, geopol_db *db, int64_t dlo, int64_t dhi,
		     int with_certainty, const geopol_query *q)
{
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	gp_q d;
	int rc = gp_query_defaults(db, &d, q);
	if (rc)
		return rc;
	snap *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	s->q = d;
	s->flags = d.flags;
	s->p.k = d.known_at;
	s->p.lang = d.lang;
	s->p.dlo = dlo;
	s->p.dhi = dhi;
	s->clo = with_certainty ? dlo : 1;
	s->chi = with_certainty ? dhi : 0;
	s->span = !with_certainty;
	geopol_iter *it = gp_iter_new(db, snap_next, snap_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	const gp_store *store = gp_store_of(db);
	rc = gp_edge_maps_load(db, &s->maps, &d);
	if (!rc)
		rc = load_sources(db, s);
	if (!rc)
		rc = store->cites(&s->cur[0].c, db, GEOPOL_FACT_MEMBERSHIP);
	if (!rc)
		rc = store->cites(&s->cur[1].c, db, GEOPOL_FACT_RELATION);
	if (!rc)
		rc = store->scan(&s->scan[0], db, GEOPOL_FACT_MEMBERSHIP, dlo, dhi, s->p.k);
	if (!rc)
		rc = store->scan(&s->scan[1], db, GEOPOL_FACT_RELATION, dlo, dhi, s->p.k);
	if (rc) {
		geopol_iter_free(it);
		return rc;
	}
	it->citations = snap_citations;
	*out = it;
	return GEOPOL_OK;
}

int geopol_snapshot(geopol_iter **out, geopol_db *db, geopol_date at, const geopol_query *q)
{
	int64_t lo, hi;
	gp_at_span(at, &lo, &hi);
	return gp_snapshot_span(out, db, lo, hi, 1, q);
}

int geopol_snapshot_span(geopol_iter **out, geopol_db *db, geopol_date from, geopol_date to,
			 const geopol_query *q)
{
	int64_t lo = from.precision ? from.day : GP_OPEN_START;
	int64_t hi = to.precision ? (int64_t)to.day - 1 : GP_OPEN_END;
	return gp_snapshot_span(out, db, lo, hi, 0, q);
}
