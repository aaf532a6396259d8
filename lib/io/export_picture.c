/*
 * export_picture.c - SVG and PNG: the export's items drawn as a picture by
 * Graphviz's dot.
 *
 * The picture is meant to be read, so it is not the DOT export rendered:
 *  - each organization is a box (a cluster) holding the members that are
 *    "at home" in it: of the organizations they fully belong to, the one
 *    with the fewest members in the picture (ties: by code). Belonging to
 *    the others is a thin grey line to their box;
 *  - relations are dark lines labelled by type, with an arrow when the
 *    type is directed; what only possibly holds on the date is dashed;
 *  - the title says what is shown and when; a legend explains the lines.
 * dot keeps node labels apart by construction; the focus (export_focus.c)
 * keeps the picture small enough to read.
 *
 * Graphviz is run as its `dot` program (Debian's graphviz package) on a
 * temporary file, rather than linked: the library then depends on no
 * Graphviz library, and a missing `dot` is one clear error, not a link
 * failure.
 */
#include "io/export_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct pnode {
	char *code, *label;
	int kind;
	int home;        /* the organization node it is drawn in, or -1 */
	int n_members;   /* an organization: its full members in the picture */
} pnode;

typedef struct pedge {
	int a, b;        /* member -> organization, or a -> b */
	int membership, full, possible, directed, both;
	char *type;
} pedge;

typedef struct picture {
	pnode *nodes;
	size_t n_nodes, cap_nodes;
	pedge *edges;
	size_t n_edges, cap_edges;
} picture;

static void picture_free(picture *p)
{
	for (size_t i = 0; i < p->n_nodes; i++) {
		free(p->nodes[i].code);
		free(p->nodes[i].label);
	}
	for (size_t i = 0; i < p->n_edges; i++)
		free(p->edges[i].type);
	free(p->nodes);
	free(p->edges);
}

static int find_node(const picture *p, const char *code)
{
	for (size_t i = 0; i < p->n_nodes; i++)
		if (strcmp(p->nodes[i].code, code) == 0)
			return (int)i;
	return -1;
}

static char *sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Relations of one pair, direction and certainty are one line with one
 * label per type: "alliance\nborder\ntrade", not a sheaf of lines. */
static int add_relation(picture *p, pedge *e)
{
	for (size_t i = 0; i < p->n_edges; i++) {
		pedge *x = &p->edges[i];
		if (x->membership || x->possible != e->possible || x->directed != e->directed)
			continue;
		if (e->directed && x->a == e->b && x->b == e->a && strcmp(x->type, e->type) == 0) {
			x->both = 1;   /* one line, an arrow at each end */
			free(e->type);
			return 0;
		}
		if (!((x->a == e->a && x->b == e->b) ||
		      (!e->directed && x->a == e->b && x->b == e->a)))
			continue;
		size_t n = strlen(x->type) + strlen(e->type) + 2;
		char *t = malloc(n);
		if (!t) {
			free(e->type);
			return -1;
		}
		snprintf(t, n, "%s\n%s", x->type, e->type);
		free(x->type);
		free(e->type);
		x->type = t;
		return 0;
	}
	pedge *edges = GP_GROW(p->edges, p->cap_edges, p->n_edges + 1, 64);
	if (!edges) {
		free(e->type);
		return -1;
	}
	p->edges = edges;
	p->edges[p->n_edges++] = *e;
	return 0;
}

static int add_item(picture *p, const geopol_item *item)
{
	if (item->kind == GEOPOL_ITEM_ENTITY) {
		const geopol_entity *e = item->entity;
		pnode *nodes = GP_GROW(p->nodes, p->cap_nodes, p->n_nodes + 1, 64);
		if (!nodes)
			return -1;
		p->nodes = nodes;
		pnode *n = &p->nodes[p->n_nodes++];
		n->code = sdup(e->code);
		n->label = sdup(e->name && *e->name ? e->name : e->code);
		n->kind = e->kind;
		n->home = -1;
		n->n_members = 0;
		return n->code && n->label ? 0 : -1;
	}
	const char *a, *b;
	pedge e = {0};
	if (item->kind == GEOPOL_ITEM_MEMBERSHIP) {
		const geopol_membership *m = item->membership;
		a = m->member;
		b = m->org;
		e.membership = 1;
		e.full = m->role == GEOPOL_ROLE_MEMBER || m->role == GEOPOL_ROLE_FOUNDING_MEMBER;
		e.possible = m->certainty == GEOPOL_POSSIBLE;
		e.type = sdup(geopol_role_name(m->role));
	} else {
		const geopol_relation *r = item->relation;
		a = r->a;
		b = r->b;
		e.possible = r->certainty == GEOPOL_POSSIBLE;
		e.directed = r->directed;
		e.type = sdup(r->type);
	}
	e.a = find_node(p, a);
	e.b = find_node(p, b);
	if (e.a < 0 || e.b < 0 || !e.type) {   /* an end outside the picture */
		free(e.type);
		return e.type ? 0 : -1;
	}
	if (!e.membership)
		return add_relation(p, &e);
	pedge *edges = GP_GROW(p->edges, p->cap_edges, p->n_edges + 1, 64);
	if (!edges) {
		free(e.type);
		return -1;
	}
	p->edges = edges;
	p->edges[p->n_edges++] = e;
	return 0;
}

/* Each member's home: the smallest organization it fully belongs to. */
static void place(picture *p)
{
	for (size_t i = 0; i < p->n_edges; i++)
		if (p->edges[i].membership && p->edges[i].full)
			p->nodes[p->edges[i].b].n_members++;
	for (size_t i = 0; i < p->n_edges; i++) {
		const pedge *e = &p->edges[i];
		pnode *m = &p->nodes[e->a];
		if (!e->membership || !e->full || m->kind == GEOPOL_KIND_ORGANIZATION)
			continue;
		const pnode *o = &p->nodes[e->b], *h = m->home >= 0 ? &p->nodes[m->home] : NULL;
		if (!h || o->n_members < h->n_members ||
		    (o->n_members == h->n_members && strcmp(o->code, h->code) < 0))
			m->home = e->b;
	}
}

/* ---- the DOT text */

static void dot_str(gp_out *o, const char *s)
{
	gp_out_byte(o, '"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			gp_out_byte(o, '\\');
		if ((unsigned char)*s >= 0x20)
			gp_out_byte(o, *s);
	}
	gp_out_byte(o, '"');
}

/* Types or a role as words: "strategic_partnership" -> "strategic partnership";
 * a line break between types. */
static void dot_words(gp_out *o, const char *s)
{
	gp_out_byte(o, '"');
	for (; s && *s; s++) {
		if (*s == '\n')
			gp_out_str(o, "\\n");
		else if (*s == '"' || *s == '\\')
			continue;
		else if ((unsigned char)*s >= 0x20)
			gp_out_byte(o, *s == '_' ? ' ' : *s);
	}
	gp_out_byte(o, '"');
}

static const char *const node_style[] = {
	/* none */ "shape=ellipse, fillcolor=\"#ffffff\"",
	/* state */ "shape=ellipse, fillcolor=\"#fff4d6\", color=\"#b08a2e\"",
	/* organization */ "shape=box, style=\"filled,bold\", fillcolor=\"#dce8f7\", color=\"#2f5d8a\"",
	/* person */ "shape=note, fillcolor=\"#e8f4e4\", color=\"#4a7a3d\"",
	/* other */ "shape=hexagon, fillcolor=\"#eeeeee\", color=\"#777777\"",
};

static void dot_node(gp_out *o, const pnode *n)
{
	int k = n->kind >= 1 && n->kind <= 4 ? n->kind : 0;
	gp_out_str(o, "    ");
	dot_str(o, n->code);
	gp_out_str(o, " [label=");
	dot_str(o, n->label);
	gp_out_printf(o, ", %s];\n", node_style[k]);
}

static const char *date_or(geopol_date d, char *buf)
{
	gp_date_text(d, buf);
	return *buf ? buf : "open";
}

static void dot_title(gp_out *o, const picture *p, const geopol_export_options *opts)
{
	char a[GEOPOL_DATE_BUFSIZE], b[GEOPOL_DATE_BUFSIZE];
	char title[512];
	size_t n = 0;
	if (opts->n_around) {
		n += (size_t)snprintf(title, sizeof title, "Around ");
		for (size_t i = 0; i < opts->n_around && n < sizeof title; i++) {
			int k = find_node(p, opts->around[i]);
			n += (size_t)snprintf(title + n, sizeof title - n, "%s%s", i ? ", " : "",
					      k >= 0 ? p->nodes[k].label : opts->around[i]);
		}
		if (n < sizeof title && opts->depth > 1)
			n += (size_t)snprintf(title + n, sizeof title - n, " (%d hops)", opts->depth);
	} else {
		n += (size_t)snprintf(title, sizeof title, "The network");
	}
	if (n < sizeof title && gp_export_is_span(opts))
		snprintf(title + n, sizeof title - n, ", from %s to %s", date_or(opts->from, a),
			 date_or(opts->to, b));
	else if (n < sizeof title)
		snprintf(title + n, sizeof title - n, " on %s", date_or(gp_export_at(opts), a));
	gp_out_str(o, "  label=");
	dot_str(o, title);
	gp_out_str(o, ";\n");
}

static void dot_legend(gp_out *o, int span)
{
	static const char *const rows[][2] = {
		{"member of another group", "color=\"#9a9a9a\", arrowhead=none"},
		{"relation", "color=\"#8b1e3f\", penwidth=1.6, arrowhead=none"},
		{"directed relation", "color=\"#8b1e3f\", penwidth=1.6, arrowhead=normal"},
		{"possible on the date", "color=\"#8b1e3f\", penwidth=1.6, style=dashed, arrowhead=none"},
	};
	gp_out_str(o, "  subgraph cluster_legend {\n    label=\"Legend\"; fontsize=12; "
		      "style=\"rounded\"; color=\"#bbbbbb\"; margin=8;\n"
		      "    node [shape=point, width=0.01, style=invis];\n");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (span && i == 3)
			break;   /* certainty is not shown over a span */
		gp_out_printf(o, "    legend_a%zu -> legend_b%zu [label=\"%s\", %s, fontsize=10, "
			      "minlen=2];\n", i, i, rows[i][0], rows[i][1]);
	}
	gp_out_str(o, "    legend_box [shape=box, style=\"rounded,filled\", fillcolor=\"#f7f9fc\", "
		      "color=\"#2f5d8a\", width=0, height=0, fontsize=10, "
		      "label=\"a box: an organization\\nand the members drawn in it\"];\n"
		      "  }\n");
}

static void dot_edge(gp_out *o, const picture *p, const pedge *e)
{
	const pnode *a = &p->nodes[e->a], *b = &p->nodes[e->b];
	if (e->membership && a->home == e->b)
		return;   /* drawn inside its box */
	gp_out_str(o, "  ");
	dot_str(o, a->code);
	gp_out_str(o, " -> ");
	dot_str(o, b->code);
	if (e->membership) {
		gp_out_str(o, " [color=\"#9a9a9a\", arrowhead=none");
		if (!e->full) {
			gp_out_str(o, ", fontcolor=\"#666666\", label=");
			dot_words(o, e->type);
		}
		if (b->kind == GEOPOL_KIND_ORGANIZATION)
			gp_out_printf(o, ", lhead=cluster_%d", e->b);   /* ends at its box */
	} else {
		gp_out_str(o, " [color=\"#8b1e3f\", fontcolor=\"#8b1e3f\", penwidth=1.6, label=");
		dot_words(o, e->type);
		gp_out_str(o, e->both ? ", dir=both" : e->directed ? ", arrowhead=normal" : ", arrowhead=none");
	}
	if (e->possible)
		gp_out_str(o, ", style=dashed");
	gp_out_str(o, "];\n");
}

static void dot_cluster(gp_out *o, const picture *p, int org)
{
	const pnode *g = &p->nodes[org];
	gp_out_printf(o, "  subgraph cluster_%d {\n    style=\"rounded,filled\"; fillcolor=\"#f7f9fc\"; "
		      "color=\"#2f5d8a\"; margin=10; label=\"\";\n", org);
	dot_node(o, g);
	for (size_t i = 0; i < p->n_nodes; i++)
		if (p->nodes[i].home == org)
			dot_node(o, &p->nodes[i]);
	gp_out_str(o, "  }\n");
}

static int write_dot(gp_out *o, const picture *p, const geopol_export_options *opts)
{
	gp_out_str(o, "digraph geopol {\n"
		      "  graph [fontname=\"DejaVu Sans\", fontsize=18, labelloc=t, rankdir=LR, "
		      "compound=true, newrank=true, nodesep=0.25, ranksep=0.9, pad=0.3, "
		      "bgcolor=white];\n"
		      "  node [fontname=\"DejaVu Sans\", fontsize=11, style=filled, margin=\"0.12,0.04\"];\n"
		      "  edge [fontname=\"DejaVu Sans\", fontsize=9];\n");
	dot_title(o, p, opts);
	for (size_t i = 0; i < p->n_nodes; i++)
		if (p->nodes[i].kind == GEOPOL_KIND_ORGANIZATION)
			dot_cluster(o, p, (int)i);
	for (size_t i = 0; i < p->n_nodes; i++)
		if (p->nodes[i].kind != GEOPOL_KIND_ORGANIZATION && p->nodes[i].home < 0)
			dot_node(o, &p->nodes[i]);
	for (size_t i = 0; i < p->n_edges; i++)
		dot_edge(o, p, &p->edges[i]);
	dot_legend(o, gp_export_is_span(opts));
	gp_out_str(o, "}\n");
	return o->failed ? GEOPOL_EIO : GEOPOL_OK;
}

/* ---- running dot */

static int fd_write(void *ctx, const char *data, size_t len)
{
	int fd = *(int *)ctx;
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* `dot -T<fmt> in -o out`; 0 when it ran and succeeded. */
static int run_dot(geopol_db *db, const char *fmt, const char *in, const char *out)
{
	char tflag[16];
	snprintf(tflag, sizeof tflag, "-T%s", fmt);
	char *argv[] = {"dot", tflag, (char *)in, "-o", (char *)out, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	/* dot's warnings (none expected) do not reach the caller's terminal */
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, "dot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return gp_error(db, GEOPOL_EIO, "export: %s needs Graphviz's 'dot' program: %s "
				"(Debian: apt-get install graphviz)", fmt, strerror(rc));
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return gp_error(db, GEOPOL_EIO, "export: waiting for dot: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return gp_error(db, GEOPOL_EIO, "export: Graphviz's dot failed to draw the %s "
				"(exit status %d)", fmt, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return GEOPOL_OK;
}

static int copy_file(geopol_db *db, const char *path, gp_out *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return gp_error(db, GEOPOL_EIO, "export: reading dot's output: %s", strerror(errno));
	char buf[8192];
	size_t n;
	int rc = GEOPOL_OK;
	while (!rc && (n = fread(buf, 1, sizeof buf, f)) > 0)
		rc = gp_out_write(out, buf, n);
	if (!rc && ferror(f))
		rc = gp_error(db, GEOPOL_EIO, "export: reading dot's output");
	fclose(f);
	return rc;
}

static int render(geopol_db *db, const picture *p, const geopol_export_options *opts,
		  const char *fmt, gp_out *out)
{
	const char *tmp = getenv("TMPDIR");
	char in[480], res[512];
	if ((size_t)snprintf(in, sizeof in, "%s/geopol-XXXXXX", tmp && *tmp ? tmp : "/tmp") >= sizeof in)
		return gp_error(db, GEOPOL_EIO, "export: TMPDIR is too long");
	int fd = mkstemp(in);
	if (fd < 0)
		return gp_error(db, GEOPOL_EIO, "export: a temporary file: %s", strerror(errno));
	snprintf(res, sizeof res, "%s.%.4s", in, fmt);
	char *buf = malloc(GP_OUT_BUFSIZE);
	gp_out dot = {fd_write, &fd, 0, buf, 0};
	int rc = buf ? write_dot(&dot, p, opts) : gp_oom(db);
	if (!rc)
		rc = gp_out_flush(&dot);
	if (rc == GEOPOL_EIO && dot.failed)
		rc = gp_error(db, GEOPOL_EIO, "export: writing %s: %s", in, strerror(errno));
	free(buf);
	close(fd);
	if (!rc)
		rc = run_dot(db, fmt, in, res);
	if (!rc)
		rc = copy_file(db, res, out);
	unlink(in);
	unlink(res);
	return rc;
}

static int export_picture(geopol_db *db, const geopol_export_options *opts, const geopol_query *q,
			  gp_out *out, const char *fmt)
{
	picture p;
	memset(&p, 0, sizeof p);
	gp_items items;
	int rc = gp_items_open(&items, db, opts, q);
	if (rc)
		return rc;
	const geopol_item *item;
	while ((rc = gp_items_next(&items, &item)) == GEOPOL_OK)
		if (add_item(&p, item)) {
			rc = gp_oom(db);
			break;
		}
	gp_items_close(&items);
	if (rc == GEOPOL_ITEROVER) {
		place(&p);
		rc = render(db, &p, opts, fmt, out);
	}
	picture_free(&p);
	return rc;
}

int gp_export_svg(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	return export_picture(db, opts, q, out, "svg");
}

int gp_export_png(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	return export_picture(db, opts, q, out, "png");
}
