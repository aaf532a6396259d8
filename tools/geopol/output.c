/*
 * output.c - the one renderer every command uses.
 *
 * JSON rows come from geopol_iter_json() (the documented row shapes); this
 * file only assembles them into documents. Text and CSV share one table:
 * each item kind has a layout that fills the same cells for both, so a
 * value is formatted in one place. Text tables are aligned (so buffered;
 * query answers are small), CSV and JSON lists are written as they come.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define MAX_COLS 14
#define QUOTE_MAX 96 /* code points of a quoted passage shown in text */

enum {
	COL_NOTE = 1, /* text: shown as a line under the row, not a column */
	COL_SAME = 2, /* text: left out when every row has the same value */
	COL_QUIET = 4 /* text: left out when every row is empty or has the quiet value */
};

typedef struct layout {
	const char *cols[MAX_COLS]; /* CSV header; upper-cased in text */
	unsigned flags[MAX_COLS];
	int ncol;
	const char *quiet[MAX_COLS];  /* COL_QUIET: the value that says nothing new */
	int cited;                  /* rows carry sources */
	void (*fill)(const geopol_item *item, sbuf *cells);
} layout;

typedef struct cite {
	char *source, *quote;
} cite;

typedef struct row {
	char **cells;
	cite *cites;
	size_t ncites;
} row;

typedef struct table {
	const layout *lay;
	row *rows;
	size_t n, cap;
} table;

/* ---- layouts: the cells of each item kind */

static void put_date(sbuf *cell, geopol_date d)
{
	char buf[GEOPOL_DATE_BUFSIZE];
	sb_add(cell, cli_date_str(d, buf));
}

/* Event actors of one side: sources and participants act, targets and
 * hosts are acted on (a host is marked). */
static void put_actors(sbuf *cell, const geopol_event *e, int acted_on)
{
	for (size_t i = 0; i < e->n_actors; i++) {
		int role = e->actors[i].role;
		int on = role == GEOPOL_ACTOR_TARGET || role == GEOPOL_ACTOR_HOST;
		if (on != acted_on)
			continue;
		sb_printf(cell, "%s%s%s", cell->n ? " " : "", e->actors[i].entity,
			  role == GEOPOL_ACTOR_HOST ? "(host)" : "");
	}
}

enum { F_CHANGE, F_DEPTH, F_VIA, F_KIND, F_FROM, F_TO, F_A, F_LINK, F_B, F_CERT, F_STAGE, F_CODING,
       F_DETAIL };

static const char *const change_names[] = {"", "joined", "left", "relation_started",
					   "relation_ended", "event"};

static void fill_fact_common(const geopol_item *item, sbuf *cells, int certainty)
{
	if (item->change > 0 && item->change <= 5)
		sb_add(&cells[F_CHANGE], change_names[item->change]);
	if (item->depth) {
		sb_printf(&cells[F_DEPTH], "%d", item->depth);
		sb_add(&cells[F_VIA], item->via ? item->via : "");
	}
	sb_add(&cells[F_CERT], geopol_certainty_name(certainty) ? geopol_certainty_name(certainty) : "");
}

static void fill_fact(const geopol_item *item, sbuf *cells)
{
	if (item->membership) {
		const geopol_membership *m = item->membership;
		sb_add(&cells[F_KIND], "membership");
		put_date(&cells[F_FROM], m->from);
		put_date(&cells[F_TO], m->to);
		sb_add(&cells[F_A], m->member);
		sb_add(&cells[F_LINK], geopol_role_name(m->role) ? geopol_role_name(m->role) : "?");
		sb_add(&cells[F_B], m->org);
		sb_add(&cells[F_STAGE], geopol_stage_name(m->stage) ? geopol_stage_name(m->stage) : "?");
		sb_add(&cells[F_CODING], m->coding ? m->coding : "");
		fill_fact_common(item, cells, m->certainty);
	} else if (item->relation) {
		const geopol_relation *r = item->relation;
		sb_add(&cells[F_KIND], "relation");
		put_date(&cells[F_FROM], r->from);
		put_date(&cells[F_TO], r->to);
		sb_add(&cells[F_A], r->a);
		sb_printf(&cells[F_LINK], "%s%s", r->type, r->directed ? " ->" : "");
		sb_add(&cells[F_B], r->b);
		if (r->attrs && strcmp(r->attrs, "{}") != 0)
			sb_add(&cells[F_DETAIL], r->attrs);
		fill_fact_common(item, cells, r->certainty);
	} else if (item->event) {
		const geopol_event *e = item->event;
		sb_add(&cells[F_KIND], "event");
		put_date(&cells[F_FROM], e->date);
		put_date(&cells[F_TO], e->end);
		put_actors(&cells[F_A], e, 0);
		sb_printf(&cells[F_LINK], "%s%s%s%s", e->type_name ? e->type_name : "",
			  e->type_name ? " (" : "", e->type, e->type_name ? ")" : "");
		put_actors(&cells[F_B], e, 1);
		sb_add(&cells[F_DETAIL], e->title ? e->title : "");
		fill_fact_common(item, cells, e->certainty);
	}
}

static const layout fact_layout = {
	{"change", "depth", "via", "kind", "from", "to", "a", "link", "b", "certainty", "stage", "coding",
	 "detail"},
	{0, 0, 0, COL_SAME, 0, 0, 0, 0, 0, 0, COL_QUIET, COL_QUIET, COL_NOTE}, 13,
	{[F_STAGE] = "in_force", [F_CODING] = "curated"}, 1, fill_fact};

static void fill_entity(const geopol_item *item, sbuf *cells)
{
	const geopol_entity *e = item->entity;
	sb_add(&cells[0], e->code);
	sb_add(&cells[1], geopol_kind_name(e->kind) ? geopol_kind_name(e->kind) : "?");
	sb_add(&cells[2], e->subkind ? e->subkind : "");
	sb_add(&cells[3], e->name ? e->name : "");
	put_date(&cells[4], e->from);
	put_date(&cells[5], e->to);
}

static const layout entity_layout = {
	{"code", "kind", "subkind", "name", "from", "to"}, {0}, 6, {0}, 0, fill_entity};

static void fill_name(const geopol_item *item, sbuf *cells)
{
	const geopol_name *n = item->name;
	sb_add(&cells[0], n->lang ? n->lang : "");
	sb_add(&cells[1], geopol_name_kind_name(n->kind) ? geopol_name_kind_name(n->kind) : "?");
	sb_add(&cells[2], n->text);
	put_date(&cells[3], n->from);
	put_date(&cells[4], n->to);
}

static const layout name_layout = {
	{"lang", "kind", "text", "from", "to"}, {0}, 5, {0}, 1, fill_name};

static void fill_candidate(const geopol_item *item, sbuf *cells)
{
	const geopol_candidate *k = item->candidate;
	sb_add(&cells[0], k->code);
	sb_add(&cells[1], geopol_kind_name(k->kind) ? geopol_kind_name(k->kind) : "?");
	sb_add(&cells[2], k->name ? k->name : "");
	sb_add(&cells[3], k->matched ? k->matched : "");
	sb_add(&cells[4], k->lang ? k->lang : "");
	sb_printf(&cells[5], "%.2f", k->score);
}

static const layout candidate_layout = {
	{"code", "kind", "name", "matched", "lang", "score"}, {0}, 6, {0}, 0, fill_candidate};

static const layout *layout_of(int kind)
{
	switch (kind) {
	case GEOPOL_ITEM_ENTITY: return &entity_layout;
	case GEOPOL_ITEM_NAME: return &name_layout;
	case GEOPOL_ITEM_CANDIDATE: return &candidate_layout;
	default: return &fact_layout;
	}
}

/* ---- the table */

static size_t u8_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* Print at most `max` code points of s, with an ellipsis if cut. */
static void print_cut(FILE *f, const char *s, size_t max)
{
	size_t w = 0, i = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && w++ == max)
			break;
	}
	fwrite(s, 1, i, f);
	if (s[i])
		fputs("…", f);
}

static char *dup_or_null(const char *s)
{
	if (!s)
		return NULL;
	sbuf b = {0};
	sb_add(&b, s);
	return sb_take(&b);
}

static int row_fill(geopol_iter *it, const geopol_item *item, const layout *lay, row *r)
{
	sbuf cells[MAX_COLS];
	memset(cells, 0, sizeof cells);
	lay->fill(item, cells);
	r->cells = calloc((size_t)lay->ncol, sizeof *r->cells);
	if (!r->cells)
		return GEOPOL_ENOMEM;
	for (int i = 0; i < lay->ncol; i++)
		r->cells[i] = sb_take(&cells[i]);
	r->cites = NULL;
	r->ncites = 0;
	if (!lay->cited)
		return GEOPOL_OK;
	const geopol_citation *cs;
	size_t n;
	int rc = geopol_iter_citations(it, &cs, &n);
	if (rc || n == 0)
		return rc;
	if (!(r->cites = calloc(n, sizeof *r->cites)))
		return GEOPOL_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		r->cites[i].source = dup_or_null(cs[i].source);
		r->cites[i].quote = dup_or_null(cs[i].quote);
	}
	r->ncites = n;
	return GEOPOL_OK;
}

static void row_free(row *r, int ncol)
{
	for (int i = 0; r->cells && i < ncol; i++)
		free(r->cells[i]);
	free(r->cells);
	for (size_t i = 0; i < r->ncites; i++) {
		free(r->cites[i].source);
		free(r->cites[i].quote);
	}
	free(r->cites);
}

static void table_clear(table *t)
{
	for (size_t i = 0; i < t->n; i++)
		row_free(&t->rows[i], t->lay->ncol);
	free(t->rows);
	t->rows = NULL;
	t->n = t->cap = 0;
}

static row *table_push(table *t)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		row *p = realloc(t->rows, cap * sizeof *p);
		if (!p)
			return NULL;
		t->rows = p;
		t->cap = cap;
	}
	return memset(&t->rows[t->n++], 0, sizeof(row));
}

static void text_sources(FILE *f, const row *r)
{
	for (size_t i = 0; i < r->ncites; i++) {
		fprintf(f, "      source %s", r->cites[i].source ? r->cites[i].source : "?");
		if (r->cites[i].quote && *r->cites[i].quote) {
			fputs(": \"", f);
			print_cut(f, r->cites[i].quote, QUOTE_MAX);
			fputc('"', f);
		}
		fputc('\n', f);
	}
}

static void text_row(FILE *f, const table *t, const char *const *cells, const size_t *w)
{
	const layout *lay = t->lay;
	int last = -1;
	for (int i = 0; i < lay->ncol; i++)
		if (w[i])
			last = i;
	fputs("  ", f);
	for (int i = 0; i <= last; i++) {
		if (!w[i])
			continue;
		fputs(cells[i], f);
		for (size_t k = u8_width(cells[i]); i < last && k < w[i] + 2; k++)
			fputc(' ', f);
	}
	fputc('\n', f);
}

static int all_same(const table *t, int col)
{
	for (size_t r = 1; r < t->n; r++)
		if (strcmp(t->rows[r].cells[col], t->rows[0].cells[col]) != 0)
			return 0;
	return 1;
}

static int all_quiet(const table *t, int col)
{
	const char *q = t->lay->quiet[col];
	for (size_t r = 0; r < t->n; r++) {
		const char *v = t->rows[r].cells[col];
		if (*v && (!q || strcmp(v, q) != 0))
			return 0;
	}
	return 1;
}

/* Aligned columns; a column empty in every row is left out. */
static void text_table(FILE *f, const table *t, int header)
{
	const layout *lay = t->lay;
	size_t w[MAX_COLS] = {0};
	char upper[MAX_COLS][16];
	const char *head[MAX_COLS];
	for (size_t r = 0; r < t->n; r++)
		for (int i = 0; i < lay->ncol; i++)
			if (!(lay->flags[i] & COL_NOTE) && u8_width(t->rows[r].cells[i]) > w[i])
				w[i] = u8_width(t->rows[r].cells[i]);
	for (int i = 0; i < lay->ncol; i++)
		if (((lay->flags[i] & COL_SAME) && all_same(t, i)) ||
		    ((lay->flags[i] & COL_QUIET) && all_quiet(t, i)))
			w[i] = 0;
	for (int i = 0; i < lay->ncol; i++) {
		size_t k = 0;
		for (; lay->cols[i][k] && k < sizeof upper[i] - 1; k++)
			upper[i][k] = (char)(lay->cols[i][k] - ('a' <= lay->cols[i][k] && lay->cols[i][k] <= 'z' ? 32 : 0));
		upper[i][k] = '\0';
		head[i] = upper[i];
		if (w[i] && w[i] < k)
			w[i] = k;
	}
	if (header)
		text_row(f, t, head, w);
	for (size_t r = 0; r < t->n; r++) {
		const row *x = &t->rows[r];
		text_row(f, t, (const char *const *)x->cells, w);
		for (int i = 0; i < lay->ncol; i++)
			if ((lay->flags[i] & COL_NOTE) && *x->cells[i]) {
				fputs("      ", f);
				print_cut(f, x->cells[i], 160);
				fputc('\n', f);
			}
		text_sources(f, x);
	}
}

/* RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
void cli_csv_field(FILE *f, const char *s, int first)
{
	if (!first)
		fputc(',', f);
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_header(cli *c, const layout *lay)
{
	FILE *f = c->out;
	if (c->no_header)
		return;
	for (int i = 0; i < lay->ncol; i++)
		cli_csv_field(f, lay->cols[i], i == 0);
	if (lay->cited)
		cli_csv_field(f, "sources", 0);
	fputc('\n', f);
}

/* The sources column: "code: quote" entries separated by " | ". */
static void csv_row(FILE *f, const layout *lay, const row *r)
{
	for (int i = 0; i < lay->ncol; i++)
		cli_csv_field(f, r->cells[i], i == 0);
	if (lay->cited) {
		sbuf s = {0};
		for (size_t i = 0; i < r->ncites; i++) {
			sb_printf(&s, "%s%s", i ? " | " : "", r->cites[i].source ? r->cites[i].source : "");
			if (r->cites[i].quote)
				sb_printf(&s, ": %s", r->cites[i].quote);
		}
		cli_csv_field(f, sb_str(&s), 0);
		sb_free(&s);
	}
	fputc('\n', f);
}

/* ---- JSON documents */

static void json_key(cli *c, const view *v)
{
	if (v->key)
		fprintf(c->out, "%s\"%s\":", c->doc_members++ ? ",\n" : "", v->key);
}

void cli_doc_begin(cli *c)
{
	if (c->format == FMT_JSON)
		fputc('{', c->out);
	c->doc_members = 0;
}

void cli_doc_end(cli *c)
{
	if (c->format == FMT_JSON)
		fputs("}\n", c->out);
}

void cli_say(cli *c, const char *fmt, ...)
{
	if (c->format != FMT_TEXT)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
}

/* Path: the code an edge leads to from `via`. */
static const char *path_next(const geopol_item *item)
{
	const char *via = item->via ? item->via : "";
	if (item->membership)
		return strcmp(item->membership->member, via) == 0 ? item->membership->org
								   : item->membership->member;
	if (item->relation)
		return strcmp(item->relation->a, via) == 0 ? item->relation->b : item->relation->a;
	return "";
}

static void json_path_codes(sbuf *codes, const char *code)
{
	sb_printf(codes, "%s\"%s\"", codes->n > 1 ? "," : "", code);
}

/* Rows of one JSON answer, assembled by shape. Diff rows are grouped by
 * change, path edges kept until the path is known: both are small. */
static int json_render(cli *c, geopol_iter *it, const view *v)
{
	static const char *const groups[] = {NULL, "joined", "left", "relations_started",
					     "relations_ended", "events"};
	sbuf parts[6] = {{0}};
	const geopol_item *item;
	size_t n = 0;
	int rc;
	json_key(c, v);
	if (v->shape == SHAPE_LIST)
		fputc('[', c->out);
	if (v->shape == SHAPE_PATH)
		sb_printf(&parts[0], "[\"%s\"", v->start ? v->start : "");
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char *text;
		if ((rc = geopol_iter_json(it, &text)))
			break;
		int g = v->shape == SHAPE_DIFF && item->change >= 1 && item->change <= 5 ? item->change : 1;
		if (v->shape == SHAPE_PATH)
			json_path_codes(&parts[0], path_next(item));
		if (v->shape == SHAPE_LIST || (v->shape == SHAPE_ONE && n == 0))
			fprintf(c->out, "%s%s", n && v->shape == SHAPE_LIST ? ",\n" : "", text);
		else if (v->shape != SHAPE_ONE)
			sb_printf(&parts[g], "%s%s", parts[g].n ? ",\n" : "", text);
		geopol_free(text);
		n++;
	}
	if (rc == GEOPOL_ITEROVER) {
		rc = GEOPOL_OK;
		if (v->shape == SHAPE_LIST)
			fputc(']', c->out);
		else if (v->shape == SHAPE_ONE && n == 0)
			fputs("null", c->out);
		else if (v->shape == SHAPE_DIFF)
			for (int g = 1; g <= 5; g++)
				fprintf(c->out, "%s\"%s\":[%s]%s", g == 1 ? "{" : ",", groups[g],
					sb_str(&parts[g]), g == 5 ? "}" : "\n");
		else if (v->shape == SHAPE_PATH)
			fprintf(c->out, "{\"path\":%s],\n\"edges\":[%s]}", sb_str(&parts[0]),
				sb_str(&parts[1]));
		if (!v->key)
			fputc('\n', c->out);
	}
	for (int g = 0; g < 6; g++)
		sb_free(&parts[g]);
	return rc;
}

/* ---- text and CSV */

static void table_flush(cli *c, table *t, int *header_done)
{
	if (!t->lay)
		return;
	if (c->format == FMT_TEXT) {
		if (t->n)
			text_table(c->out, t, !c->no_header);
	} else if (!*header_done) {
		csv_header(c, t->lay);
		*header_done = 1;
	}
	table_clear(t);
}

static int rows_render(cli *c, geopol_iter *it, const view *v)
{
	table t = {0};
	sbuf path = {0};
	const geopol_item *item;
	int rc, header_done = 0;
	size_t n = 0;
	if (c->format == FMT_TEXT && v->title)
		fprintf(c->out, "%s\n", v->title);
	if (v->shape == SHAPE_PATH)
		sb_add(&path, v->start ? v->start : "");
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		const layout *lay = layout_of(item->kind);
		if (t.lay && t.lay != lay)
			table_flush(c, &t, &header_done);
		t.lay = lay;
		row *r = table_push(&t);
		if (!r || (rc = row_fill(it, item, lay, r)) != GEOPOL_OK) {
			rc = r ? rc : GEOPOL_ENOMEM;
			break;
		}
		if (v->shape == SHAPE_PATH)
			sb_printf(&path, " -> %s", path_next(item));
		if (c->format == FMT_CSV) {
			/* CSV streams: write the row now. */
			if (!header_done) {
				csv_header(c, lay);
				header_done = 1;
			}
			csv_row(c->out, lay, r);
			row_free(r, lay->ncol);
			t.n--;
		}
		n++;
	}
	if (rc == GEOPOL_ITEROVER) {
		rc = GEOPOL_OK;
		if (c->format == FMT_TEXT && v->shape == SHAPE_PATH && n)
			fprintf(c->out, "  %s\n", sb_str(&path));
		table_flush(c, &t, &header_done);
		if (c->format == FMT_TEXT && n == 0)
			fprintf(c->out, "  %s\n", v->empty ? v->empty : "(nothing)");
		if (c->format == FMT_CSV && !header_done)
			csv_header(c, layout_of(v->kind));
	}
	table_clear(&t);
	sb_free(&path);
	return rc;
}

int cli_render(cli *c, geopol_iter *it, const view *v)
{
	int rc = c->format == FMT_JSON ? json_render(c, it, v) : rows_render(c, it, v);
	geopol_iter_free(it);
	if (rc == GEOPOL_ENOMEM && c->db && !*geopol_errmsg(c->db))
		return cli_error(CLI_FAIL, "out of memory");
	return rc ? cli_db_error(c, rc) : CLI_OK;
}
