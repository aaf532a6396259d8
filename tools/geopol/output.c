/*
 * output.c - the one renderer every command uses.
 *
 * JSON rows come from geopol_iter_json() (the documented row shapes); this
 * file only assembles them into documents. Text and CSV share one table:
 * each item kind has a layout that fills the same cells for both, so a
 * value is formatted in one place (text only adds what a person reads: the
 * arrow of a directed type, an event type's name, a host's mark, entity
 * names beside codes). Text tables are aligned (so buffered; query answers
 * are small) and fit the terminal; CSV and JSON lists are written as they
 * come, and CSV is one table per command.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <cJSON.h>
#include <utf8proc.h>

#define MAX_COLS 14
#define LIST_SEP "; " /* between the items of a list cell (actors, sources) */
#define INDENT 2      /* before a row */
#define GAP 2         /* between columns */
#define NOTE_INDENT 6 /* before a row's note and sources lines */

enum {
	COL_NOTE = 1, /* text: shown as a line under the row, not a column */
	COL_SAME = 2, /* text: left out when every row has the same value */
	COL_CODE = 4, /* text: an entity code, shown with the entity's name */
	COL_QUIET = 8 /* text: left out when every row is empty or has the quiet value */
};

typedef struct layout {
	const char *cols[MAX_COLS]; /* CSV header; upper-cased in text */
	unsigned flags[MAX_COLS];
	int ncol;
	const char *quiet[MAX_COLS];  /* COL_QUIET: the value that says nothing new */
	int cited;                  /* rows carry sources */
	void (*fill)(const geopol_item *item, sbuf *cells, int text);
} layout;

typedef struct cite {
	char *source, *quote;
} cite;

typedef struct row {
	char **cells;
	cite *cites;
	size_t ncites;
	int codes;      /* the COL_CODE cells hold entity codes */
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
 * hosts are acted on (text marks a host). */
static void put_actors(sbuf *cell, const geopol_event *e, int acted_on, int text)
{
	for (size_t i = 0; i < e->n_actors; i++) {
		int role = e->actors[i].role;
		int on = role == GEOPOL_ACTOR_TARGET || role == GEOPOL_ACTOR_HOST;
		if (on != acted_on)
			continue;
		sb_printf(cell, "%s%s%s", cell->n ? LIST_SEP : "", e->actors[i].entity,
			  text && role == GEOPOL_ACTOR_HOST ? " (host)" : "");
	}
}

enum { F_CHANGE, F_DEPTH, F_VIA, F_KIND, F_FROM, F_TO, F_A, F_LINK, F_B, F_CERT, F_STAGE, F_CODING,
       F_DETAIL };

static const char *const change_names[] = {"", "joined", "left", "relation_started",
					   "relation_ended", "event"};

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static void fill_fact_common(const geopol_item *item, sbuf *cells, int certainty)
{
	if (item->change > 0 && item->change <= 5)
		sb_add(&cells[F_CHANGE], change_names[item->change]);
	if (item->depth) {
		sb_printf(&cells[F_DEPTH], "%d", item->depth);
		sb_add(&cells[F_VIA], or_empty(item->via));
	}
	sb_add(&cells[F_CERT], or_empty(geopol_certainty_name(certainty)));
}

static void fill_membership(const geopol_item *item, sbuf *cells)
{
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
}

static void fill_relation(const geopol_item *item, sbuf *cells, int text)
{
	const geopol_relation *r = item->relation;
	sb_add(&cells[F_KIND], "relation");
	put_date(&cells[F_FROM], r->from);
	put_date(&cells[F_TO], r->to);
	sb_add(&cells[F_A], r->a);
	/* The arrow reads "a acts on b" in text; CSV has the type as JSON does. */
	sb_printf(&cells[F_LINK], "%s%s", r->type, text && r->directed ? " ->" : "");
	sb_add(&cells[F_B], r->b);
	if (r->attrs && strcmp(r->attrs, "{}") != 0)
		sb_add(&cells[F_DETAIL], r->attrs);
	fill_fact_common(item, cells, r->certainty);
}

static void fill_event(const geopol_item *item, sbuf *cells, int text)
{
	const geopol_event *e = item->event;
	sb_add(&cells[F_KIND], "event");
	put_date(&cells[F_FROM], e->date);
	put_date(&cells[F_TO], e->end);
	put_actors(&cells[F_A], e, 0, text);
	if (text && e->type_name)
		sb_printf(&cells[F_LINK], "%s (%s)", e->type_name, e->type);
	else
		sb_add(&cells[F_LINK], e->type);
	put_actors(&cells[F_B], e, 1, text);
	sb_add(&cells[F_DETAIL], or_empty(e->title));
	fill_fact_common(item, cells, e->certainty);
}

/* CSV only: show's entity and names in the one table of facts (text has
 * tables of their own for them). */
static void fill_entity_fact(const geopol_item *item, sbuf *cells)
{
	const geopol_entity *e = item->entity;
	sb_add(&cells[F_KIND], "entity");
	put_date(&cells[F_FROM], e->from);
	put_date(&cells[F_TO], e->to);
	sb_add(&cells[F_A], e->code);
	sb_add(&cells[F_LINK], or_empty(geopol_kind_name(e->kind)));
	sb_add(&cells[F_B], or_empty(e->subkind));
	sb_add(&cells[F_DETAIL], or_empty(e->name));
}

static void fill_name_fact(const geopol_item *item, sbuf *cells)
{
	const geopol_name *n = item->name;
	sb_add(&cells[F_KIND], "name");
	put_date(&cells[F_FROM], n->from);
	put_date(&cells[F_TO], n->to);
	sb_add(&cells[F_A], n->entity);
	sb_add(&cells[F_LINK], or_empty(geopol_name_kind_name(n->kind)));
	sb_add(&cells[F_B], or_empty(n->lang));
	sb_add(&cells[F_DETAIL], n->text);
}

static void fill_fact(const geopol_item *item, sbuf *cells, int text)
{
	if (item->membership)
		fill_membership(item, cells);
	else if (item->relation)
		fill_relation(item, cells, text);
	else if (item->event)
		fill_event(item, cells, text);
	else if (item->entity)
		fill_entity_fact(item, cells);
	else if (item->name)
		fill_name_fact(item, cells);
}

static const layout fact_layout = {
	{"change", "depth", "via", "kind", "from", "to", "a", "link", "b", "certainty", "stage", "coding",
	 "detail"},
	{0, 0, 0, COL_SAME, 0, 0, COL_CODE, 0, COL_CODE, 0, COL_QUIET, COL_QUIET, COL_NOTE}, 13,
	{[F_STAGE] = "in_force", [F_CODING] = "curated"}, 1, fill_fact};

static void fill_entity(const geopol_item *item, sbuf *cells, int text)
{
	const geopol_entity *e = item->entity;
	(void)text;
	sb_add(&cells[0], e->code);
	sb_add(&cells[1], geopol_kind_name(e->kind) ? geopol_kind_name(e->kind) : "?");
	sb_add(&cells[2], or_empty(e->subkind));
	sb_add(&cells[3], or_empty(e->name));
	put_date(&cells[4], e->from);
	put_date(&cells[5], e->to);
}

static const layout entity_layout = {
	{"code", "kind", "subkind", "name", "from", "to"}, {0}, 6, {0}, 0, fill_entity};

static void fill_name(const geopol_item *item, sbuf *cells, int text)
{
	const geopol_name *n = item->name;
	(void)text;
	sb_add(&cells[0], or_empty(n->lang));
	sb_add(&cells[1], geopol_name_kind_name(n->kind) ? geopol_name_kind_name(n->kind) : "?");
	sb_add(&cells[2], n->text);
	put_date(&cells[3], n->from);
	put_date(&cells[4], n->to);
}

static const layout name_layout = {
	{"lang", "kind", "text", "from", "to"}, {0}, 5, {0}, 1, fill_name};

static void fill_candidate(const geopol_item *item, sbuf *cells, int text)
{
	const geopol_candidate *k = item->candidate;
	(void)text;
	sb_add(&cells[0], k->code);
	sb_add(&cells[1], geopol_kind_name(k->kind) ? geopol_kind_name(k->kind) : "?");
	sb_add(&cells[2], or_empty(k->name));
	sb_add(&cells[3], or_empty(k->matched));
	sb_add(&cells[4], or_empty(k->lang));
	sb_printf(&cells[5], "%.2f", k->score);
}

static const layout candidate_layout = {
	{"code", "kind", "name", "matched", "lang", "score"}, {0}, 6, {0}, 0, fill_candidate};

/* CSV is one table per answer: entities and names (show) join the facts. */
static const layout *layout_of(int kind, int format)
{
	switch (kind) {
	case GEOPOL_ITEM_ENTITY: return format == FMT_CSV ? &fact_layout : &entity_layout;
	case GEOPOL_ITEM_NAME: return format == FMT_CSV ? &fact_layout : &name_layout;
	case GEOPOL_ITEM_CANDIDATE: return &candidate_layout;
	default: return &fact_layout;
	}
}

/* ---- display width: terminal cells, not bytes or code points */

/* The next character of s: its length in bytes and its width in cells
 * (0 for a combining mark, 2 for a wide CJK character; an invalid byte
 * counts as one cell, a tab or line break as a space). */
static size_t next_char(const char *s, int *cells)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (n <= 0) {
		*cells = 1;
		return 1;
	}
	if (cp == '\t' || cp == '\n' || cp == '\r')
		*cells = 1;
	else
		*cells = utf8proc_charwidth(cp) > 0 ? utf8proc_charwidth(cp) : 0;
	return (size_t)n;
}

static size_t text_width(const char *s)
{
	size_t w = 0;
	int cells;
	while (*s) {
		s += next_char(s, &cells);
		w += (size_t)cells;
	}
	return w;
}

/* Print s in at most `max` cells (0: no limit), cut with an ellipsis when
 * longer; line breaks and tabs become spaces. Returns the cells printed. */
static size_t print_cut(FILE *f, const char *s, size_t max)
{
	size_t room = max && text_width(s) > max ? max - 1 : (size_t)-1, w = 0;
	int cells;
	while (*s) {
		size_t n = next_char(s, &cells);
		if (w + (size_t)cells > room)
			break;
		if (*s == '\t' || *s == '\n' || *s == '\r')
			fputc(' ', f);
		else
			fwrite(s, 1, n, f);
		w += (size_t)cells;
		s += n;
	}
	if (*s) {
		fputs("…", f);
		w++;
	}
	return w;
}

/* The width text fits: $COLUMNS, else the terminal's; 0 (no limit) when
 * the output is not a terminal, so that piped output stays complete. */
static size_t screen_width(const cli *c)
{
	const char *env = getenv("COLUMNS");
	char *end;
	long v = env ? strtol(env, &end, 10) : 0;
	if (env && *env && !*end && v > 0)
		return (size_t)v;
	struct winsize ws;
	if (c->out == stdout && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		return ws.ws_col;
	return 0;
}

/* ---- the table */

static char *dup_or_null(const char *s)
{
	if (!s)
		return NULL;
	sbuf b = {0};
	sb_add(&b, s);
	return sb_take(&b);
}

static int row_fill(geopol_iter *it, const geopol_item *item, const layout *lay, row *r, int text)
{
	sbuf cells[MAX_COLS];
	memset(cells, 0, sizeof cells);
	lay->fill(item, cells, text);
	r->cells = calloc((size_t)lay->ncol, sizeof *r->cells);
	if (!r->cells)
		return GEOPOL_ENOMEM;
	for (int i = 0; i < lay->ncol; i++)
		r->cells[i] = sb_take(&cells[i]);
	r->cites = NULL;
	r->ncites = 0;
	r->codes = item->membership || item->relation;
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

/* ---- text: names beside codes */

/* "KAZ Kazakhstan": the entity's display name after its code. */
static void add_name(cli *c, char **cell)
{
	const char *code = *cell;
	if (!*code || !c->db)
		return;
	geopol_iter *it = NULL;
	const geopol_item *item;
	const char *name = NULL;
	sbuf s = {0};
	if (geopol_entity_get(&it, c->db, code, &c->q) == GEOPOL_OK &&
	    geopol_iter_next(it, &item) == GEOPOL_OK && item->entity && item->entity->name)
		name = item->entity->name;
	if (name && strcmp(name, code) != 0) {
		sb_printf(&s, "%s %s", code, name);
		free(*cell);
		*cell = sb_take(&s);
	}
	geopol_iter_free(it);
}

static void add_names(cli *c, table *t)
{
	for (size_t r = 0; r < t->n; r++)
		for (int i = 0; i < t->lay->ncol; i++)
			if (t->rows[r].codes && (t->lay->flags[i] & COL_CODE))
				add_name(c, &t->rows[r].cells[i]);
}

/* ---- text: aligned columns that fit the screen */

/* A line under a row (a note, sources), cut to the screen. */
static void text_line(FILE *f, const char *label, const char *s, size_t width)
{
	fprintf(f, "%*s%s", NOTE_INDENT, "", label);
	size_t used = NOTE_INDENT + text_width(label);
	print_cut(f, s, width ? (width > used + 1 ? width - used : 1) : 0);
	fputc('\n', f);
}

/* Whether the source of citation i was cited earlier in the row (another
 * quote of it). */
static int seen_before(const row *r, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (r->cites[j].source && r->cites[i].source &&
		    strcmp(r->cites[j].source, r->cites[i].source) == 0)
			return 1;
	return 0;
}

/* Sources: folded on one line (codes) by default; with --sources each on
 * its own line with its whole quote. */
static void text_sources(FILE *f, const row *r, int full, size_t width)
{
	if (!r->ncites)
		return;
	sbuf s = {0};
	for (size_t i = 0; i < r->ncites; i++) {
		const cite *k = &r->cites[i];
		if (!full) {
			if (!seen_before(r, i))
				sb_printf(&s, "%s%s", s.n ? LIST_SEP : "", k->source ? k->source : "?");
			continue;
		}
		fprintf(f, "%*ssource %s", NOTE_INDENT, "", k->source ? k->source : "?");
		if (k->quote && *k->quote) {
			fputs(": \"", f);
			print_cut(f, k->quote, 0);
			fputc('"', f);
		}
		fputc('\n', f);
	}
	if (!full)
		text_line(f, r->ncites > 1 ? "sources: " : "source: ", sb_str(&s), width);
	sb_free(&s);
}

static void text_row(FILE *f, const table *t, const char *const *cells, const size_t *w)
{
	const layout *lay = t->lay;
	int last = -1;
	for (int i = 0; i < lay->ncol; i++)
		if (w[i])
			last = i;
	fprintf(f, "%*s", INDENT, "");
	for (int i = 0; i <= last; i++) {
		if (!w[i])
			continue;
		size_t k = print_cut(f, cells[i], w[i]);
		for (; i < last && k < w[i] + GAP; k++)
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

/* Narrow the widest column, one cell at a time, until the row fits the
 * screen or every column is at its least. */
static void narrow(size_t *w, const size_t *least, int ncol, size_t width)
{
	for (;;) {
		size_t total = INDENT;
		int shown = 0, widest = -1;
		for (int i = 0; i < ncol; i++) {
			if (!w[i])
				continue;
			total += w[i] + (shown++ ? GAP : 0);
			if (w[i] > least[i] && (widest < 0 || w[i] > w[widest]))
				widest = i;
		}
		if (total <= width || widest < 0)
			return;
		w[widest]--;
	}
}

/* Fit a row to the screen: long cells (names, titles) give way first, down
 * to the width of a day's date (10 cells), then further down to 4 (3 cells
 * and an ellipsis), and only then every column down to 4. */
static void fit_columns(size_t *w, int ncol, size_t width)
{
	size_t *least = calloc(2 * ((size_t)ncol + 1), sizeof *least);
	if (!least)
		return;
	size_t *natural = least + ncol + 1;
	for (int i = 0; i < ncol; i++) {
		natural[i] = w[i];
		least[i] = w[i] < 10 ? w[i] : 10;
	}
	narrow(w, least, ncol, width);
	/* Then the long ones further, so that dates and short words stay whole
	 * while they can. */
	for (int i = 0; i < ncol; i++)
		least[i] = natural[i] > 10 ? 4 : natural[i];
	narrow(w, least, ncol, width);
	for (int i = 0; i < ncol; i++)
		least[i] = 4;
	narrow(w, least, ncol, width);
	free(least);
}

/* Aligned columns; a column empty in every row is left out. */
static void text_table(cli *c, const table *t)
{
	const layout *lay = t->lay;
	size_t w[MAX_COLS] = {0}, width = screen_width(c);
	char upper[MAX_COLS][16];
	const char *head[MAX_COLS];
	FILE *f = c->out;
	for (size_t r = 0; r < t->n; r++)
		for (int i = 0; i < lay->ncol; i++)
			if (!(lay->flags[i] & COL_NOTE) && text_width(t->rows[r].cells[i]) > w[i])
				w[i] = text_width(t->rows[r].cells[i]);
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
	if (width)
		fit_columns(w, lay->ncol, width);
	if (!c->no_header)
		text_row(f, t, head, w);
	for (size_t r = 0; r < t->n; r++) {
		const row *x = &t->rows[r];
		text_row(f, t, (const char *const *)x->cells, w);
		for (int i = 0; i < lay->ncol; i++)
			if ((lay->flags[i] & COL_NOTE) && *x->cells[i])
				text_line(f, "", x->cells[i], width);
		text_sources(f, x, c->sources, width);
	}
}

/* ---- CSV: RFC 4180, one table per command */

/* A field with a comma, quote or line break is quoted, quotes doubled. */
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

/* The header, once per command (show writes several answers). */
static void csv_header(cli *c, const layout *lay)
{
	if (c->csv_header_done || c->no_header)
		return;
	c->csv_header_done = 1;
	for (int i = 0; i < lay->ncol; i++)
		cli_csv_field(c->out, lay->cols[i], i == 0);
	if (lay->cited)
		cli_csv_field(c->out, "sources", 0);
	fputc('\n', c->out);
}

/* The sources column: the source codes, as a list cell (the quotes are in
 * JSON, in text with --sources, and in SQL's v_citations). */
static void csv_row(FILE *f, const layout *lay, const row *r)
{
	for (int i = 0; i < lay->ncol; i++)
		cli_csv_field(f, r->cells[i], i == 0);
	if (lay->cited) {
		sbuf s = {0};
		for (size_t i = 0; i < r->ncites; i++)
			sb_printf(&s, "%s%s", i ? LIST_SEP : "", r->cites[i].source ? r->cites[i].source : "");
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

static void table_flush(cli *c, table *t)
{
	if (!t->lay)
		return;
	if (c->format == FMT_TEXT && t->n) {
		add_names(c, t);
		text_table(c, t);
	}
	table_clear(t);
}

static int rows_render(cli *c, geopol_iter *it, const view *v)
{
	table t = {0};
	sbuf path = {0};
	const geopol_item *item;
	int rc, text = c->format == FMT_TEXT;
	size_t n = 0;
	if (text && v->title)
		fprintf(c->out, "%s\n", v->title);
	if (v->shape == SHAPE_PATH)
		sb_add(&path, v->start ? v->start : "");
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		const layout *lay = layout_of(item->kind, c->format);
		if (t.lay && t.lay != lay)
			table_flush(c, &t);
		t.lay = lay;
		row *r = table_push(&t);
		if (!r || (rc = row_fill(it, item, lay, r, text)) != GEOPOL_OK) {
			rc = r ? rc : GEOPOL_ENOMEM;
			break;
		}
		if (v->shape == SHAPE_PATH)
			sb_printf(&path, " -> %s", path_next(item));
		if (c->format == FMT_CSV) {
			/* CSV streams: write the row now. */
			csv_header(c, lay);
			csv_row(c->out, lay, r);
			row_free(r, lay->ncol);
			t.n--;
		}
		n++;
	}
	if (rc == GEOPOL_ITEROVER) {
		rc = GEOPOL_OK;
		if (text && v->shape == SHAPE_PATH && n)
			fprintf(c->out, "%*s%s\n", INDENT, "", sb_str(&path));
		table_flush(c, &t);
		if (text && n == 0)
			fprintf(c->out, "%*s%s\n", INDENT, "", v->empty ? v->empty : "(nothing)");
		if (c->format == FMT_CSV)
			csv_header(c, layout_of(v->kind, c->format));
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

/* ---- grids: rows of any columns (geopol sql), in the same three formats */

struct cli_grid {
	cli *c;
	int ncol;
	char **names;
	char ***rows; /* text: kept to align them; NULL cells for SQL NULL */
	size_t n, cap;
	size_t count;
};

static char **dup_cells(int n, const char *const *cells)
{
	char **out = calloc((size_t)n + 1, sizeof *out);
	for (int i = 0; out && i < n; i++)
		out[i] = dup_or_null(cells[i]);
	return out;
}

static void free_cells(int n, char **cells)
{
	for (int i = 0; cells && i < n; i++)
		free(cells[i]);
	free(cells);
}

cli_grid *cli_grid_begin(cli *c, int ncol, const char *const *names)
{
	cli_grid *g = calloc(1, sizeof *g);
	if (!g || !(g->names = dup_cells(ncol, names))) {
		free(g);
		return NULL;
	}
	g->c = c;
	g->ncol = ncol;
	if (c->format == FMT_CSV && !c->no_header) {
		for (int i = 0; i < ncol; i++)
			cli_csv_field(c->out, names[i], i == 0);
		fputc('\n', c->out);
	} else if (c->format == FMT_JSON) {
		fputc('[', c->out);
	}
	return g;
}

/* A JSON value: numbers as they are, text as a string, NULL as null. */
static void json_value(FILE *f, const char *value, int numeric)
{
	if (!value) {
		fputs("null", f);
		return;
	}
	cJSON *v = numeric ? cJSON_CreateRaw(value) : cJSON_CreateString(value);
	char *text = v ? cJSON_PrintUnformatted(v) : NULL;
	fputs(text ? text : "null", f);
	cJSON_free(text);
	cJSON_Delete(v);
}

int cli_grid_row(cli_grid *g, const char *const *values, const int *numeric)
{
	cli *c = g->c;
	if (c->format == FMT_CSV) {
		for (int i = 0; i < g->ncol; i++)
			cli_csv_field(c->out, values[i] ? values[i] : "", i == 0);
		fputc('\n', c->out);
	} else if (c->format == FMT_JSON) {
		fputs(g->count ? ",\n{" : "{", c->out);
		for (int i = 0; i < g->ncol; i++) {
			fputs(i ? "," : "", c->out);
			json_value(c->out, g->names[i], 0);
			fputc(':', c->out);
			json_value(c->out, values[i], numeric[i]);
		}
		fputc('}', c->out);
	} else {
		if (g->n == g->cap) {
			size_t cap = g->cap ? g->cap * 2 : 64;
			char ***p = realloc(g->rows, cap * sizeof *p);
			if (!p)
				return GEOPOL_ENOMEM;
			g->rows = p;
			g->cap = cap;
		}
		if (!(g->rows[g->n] = dup_cells(g->ncol, values)))
			return GEOPOL_ENOMEM;
		g->n++;
	}
	g->count++;
	return GEOPOL_OK;
}

static const char *cell_text(const char *s)
{
	return s ? s : "";
}

/* Text: aligned like the other tables, fitted to the screen. */
static void grid_text(cli_grid *g)
{
	size_t *w = calloc((size_t)g->ncol + 1, sizeof *w), width = screen_width(g->c);
	FILE *f = g->c->out;
	if (!w)
		return;
	for (int i = 0; i < g->ncol; i++) {
		w[i] = text_width(g->names[i]) ? text_width(g->names[i]) : 1;
		for (size_t r = 0; r < g->n; r++)
			if (text_width(cell_text(g->rows[r][i])) > w[i])
				w[i] = text_width(cell_text(g->rows[r][i]));
	}
	if (width)
		fit_columns(w, g->ncol, width);
	for (size_t r = 0; r <= g->n; r++) {
		if (r == 0 && g->c->no_header)
			continue;
		char **cells = r ? g->rows[r - 1] : g->names;
		fprintf(f, "%*s", INDENT, "");
		for (int i = 0; i < g->ncol; i++) {
			size_t k = print_cut(f, cell_text(cells[i]), w[i]);
			for (; i < g->ncol - 1 && k < w[i] + GAP; k++)
				fputc(' ', f);
		}
		fputc('\n', f);
	}
	free(w);
}

void cli_grid_end(cli_grid *g, int complete, const char *empty)
{
	cli *c = g->c;
	if (complete && c->format == FMT_JSON)
		fputs("]\n", c->out);
	else if (complete && c->format == FMT_TEXT && g->count)
		grid_text(g);
	else if (complete && c->format == FMT_TEXT)
		fprintf(c->out, "%*s%s\n", INDENT, "", empty);
	for (size_t r = 0; r < g->n; r++)
		free_cells(g->ncol, g->rows[r]);
	free(g->rows);
	free_cells(g->ncol, g->names);
	free(g);
}
