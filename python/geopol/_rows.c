/*
 * _rows.c - see _rows.h. Field order per kind (after change, depth, via):
 *   e: id code kind subkind name from to
 *   n: fact_id entity text lang kind from to certainty
 *   m: fact_id org member role from to certainty recorded stage coding
 *   r: fact_id a b type directed attrs from to certainty recorded
 *   v: fact_id ext_id type type_name goldstein date end intensity title
 *      title_lang description location actors certainty recorded details
 *      (actors: entity \x1d role, separated by \x1c)
 *   c: code kind name matched lang score
 * then the citations.
 */
#include <geopol.h>
#include "_rows.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define US '\x1f'
#define RS '\x1e'
#define GS '\x1d'
#define FS '\x1c'
#define ESC '\x10'

typedef struct out {
	gpy_batch *b;
	int escaped, failed;
} out;

static void reserve(out *o, size_t n)
{
	gpy_batch *b = o->b;
	if (b->len + n <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 65536;
	while (cap < b->len + n)
		cap *= 2;
	char *p = realloc(b->buf, cap);
	if (!p) {
		o->failed = 1;
		return;
	}
	b->buf = p;
	b->cap = cap;
}

static void put_char(out *o, char c)
{
	reserve(o, 1);
	if (!o->failed)
		o->b->buf[o->b->len++] = c;
}

static int special(unsigned char c)
{
	return c == ESC || (c >= FS && c <= US);
}

static void put_str(out *o, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	reserve(o, 2 * n);
	if (o->failed)
		return;
	char *d = o->b->buf + o->b->len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (special(c)) {
			*d++ = ESC;
			c ^= 0x40;
			o->escaped = 1;
		}
		*d++ = (char)c;
	}
	o->b->len = (size_t)(d - o->b->buf);
}

static void field_str(out *o, const char *s)
{
	put_char(o, US);
	put_str(o, s);
}

/* Digits by hand: snprintf was a fifth of a membership row's cost. */
static void field_int(out *o, int64_t v)
{
	char buf[24], *end = buf + sizeof buf, *p = end;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	reserve(o, (size_t)(end - p) + 1);
	if (o->failed)
		return;
	o->b->buf[o->b->len++] = US;
	memcpy(o->b->buf + o->b->len, p, (size_t)(end - p));
	o->b->len += (size_t)(end - p);
}

static void field_double(out *o, double v)
{
	char buf[40];
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, sizeof buf, "%.17g", v);
	field_str(o, buf);
}

static void field_date(out *o, geopol_date d)
{
	char buf[GEOPOL_DATE_BUFSIZE];
	if (geopol_date_format(d, buf, sizeof buf) < 0)
		buf[0] = '\0';
	field_str(o, buf);
}

static void entity(out *o, const geopol_entity *e)
{
	field_int(o, e->id);
	field_str(o, e->code);
	field_str(o, geopol_kind_name(e->kind));
	field_str(o, e->subkind);
	field_str(o, e->name);
	field_date(o, e->from);
	field_date(o, e->to);
}

static void name(out *o, const geopol_name *n)
{
	field_int(o, n->fact_id);
	field_str(o, n->entity);
	field_str(o, n->text);
	field_str(o, n->lang);
	field_str(o, geopol_name_kind_name(n->kind));
	field_date(o, n->from);
	field_date(o, n->to);
	field_str(o, geopol_certainty_name(n->certainty));
}

static void membership(out *o, const geopol_membership *m)
{
	field_int(o, m->fact_id);
	field_str(o, m->org);
	field_str(o, m->member);
	field_str(o, geopol_role_name(m->role));
	field_date(o, m->from);
	field_date(o, m->to);
	field_str(o, geopol_certainty_name(m->certainty));
	field_int(o, m->recorded);
	field_str(o, geopol_stage_name(m->stage));
	field_str(o, m->coding);
}

static void relation(out *o, const geopol_relation *r)
{
	field_int(o, r->fact_id);
	field_str(o, r->a);
	field_str(o, r->b);
	field_str(o, r->type);
	field_int(o, r->directed != 0);
	field_str(o, r->attrs);
	field_date(o, r->from);
	field_date(o, r->to);
	field_str(o, geopol_certainty_name(r->certainty));
	field_int(o, r->recorded);
}

static void event(out *o, const geopol_event *v)
{
	field_int(o, v->fact_id);
	field_str(o, v->ext_id);
	field_str(o, v->type);
	field_str(o, v->type_name);
	field_double(o, v->goldstein);
	field_date(o, v->date);
	field_date(o, v->end);
	field_double(o, v->intensity);
	field_str(o, v->title);
	field_str(o, v->title_lang);
	field_str(o, v->description);
	field_str(o, v->location);
	put_char(o, US);
	for (size_t i = 0; i < v->n_actors; i++) {
		if (i)
			put_char(o, FS);
		put_str(o, v->actors[i].entity);
		put_char(o, GS);
		put_str(o, geopol_actor_role_name(v->actors[i].role));
	}
	field_str(o, geopol_certainty_name(v->certainty));
	field_int(o, v->recorded);
	field_str(o, v->details);
}

static void candidate(out *o, const geopol_candidate *c)
{
	field_str(o, c->code);
	field_str(o, geopol_kind_name(c->kind));
	field_str(o, c->name);
	field_str(o, c->matched);
	field_str(o, c->lang);
	field_double(o, c->score);
}

static int citations(out *o, geopol_iter *it)
{
	const geopol_citation *c;
	size_t n;
	int rc = geopol_iter_citations(it, &c, &n);
	if (rc)
		return rc;
	put_char(o, US);
	for (size_t i = 0; i < n; i++) {
		if (i)
			put_char(o, FS);
		put_str(o, c[i].source);
		put_char(o, GS);
		put_str(o, c[i].title);
		put_char(o, GS);
		put_str(o, c[i].quote);
	}
	return GEOPOL_OK;
}

static int row(out *o, geopol_iter *it, const geopol_item *item, int sources)
{
	static const char letters[] = "?enmrvc";
	size_t start = o->b->len;
	int k = item->kind >= 1 && item->kind <= 6 ? item->kind : 0;
	o->escaped = 0;
	put_char(o, letters[k]);
	field_int(o, item->change);
	field_int(o, item->depth);
	field_str(o, item->via);
	switch (item->kind) {
	case GEOPOL_ITEM_ENTITY: entity(o, item->entity); break;
	case GEOPOL_ITEM_NAME: name(o, item->name); break;
	case GEOPOL_ITEM_MEMBERSHIP: membership(o, item->membership); break;
	case GEOPOL_ITEM_RELATION: relation(o, item->relation); break;
	case GEOPOL_ITEM_EVENT: event(o, item->event); break;
	case GEOPOL_ITEM_CANDIDATE: candidate(o, item->candidate); break;
	default: break;
	}
	if (sources) {
		int rc = citations(o, it);
		if (rc)
			return rc;
	}
	put_char(o, RS);
	if (o->failed)
		return GEOPOL_ENOMEM;
	if (o->escaped)
		o->b->buf[start] = (char)(o->b->buf[start] - 'a' + 'A');
	return GEOPOL_OK;
}

int gpy_fill(gpy_batch *b, geopol_iter *it, size_t max_rows, int sources)
{
	out o = {b, 0, 0};
	for (size_t i = 0; i < max_rows; i++) {
		const geopol_item *item;
		int rc = geopol_iter_next(it, &item);
		if (rc)
			return rc;
		rc = row(&o, it, item, sources);
		if (rc)
			return rc;
		b->rows++;
	}
	return GEOPOL_OK;
}

void gpy_batch_clear(gpy_batch *b)
{
	b->len = 0;
	b->rows = 0;
}

void gpy_batch_free(gpy_batch *b)
{
	free(b->buf);
	b->buf = NULL;
	b->len = b->cap = b->rows = 0;
}
