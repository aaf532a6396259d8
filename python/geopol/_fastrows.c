/*
 * _fastrows.c - geopol._fastrows, the rows of a geopol_iter made into
 * Python objects in C.
 *
 * A question's rows are read here, not through cffi: every field read
 * through cffi is a Python-level attribute access, and a text format split
 * in Python (what this replaced) still made each field twice. Here each
 * item becomes its row (a named tuple of geopol/_rows.py, allocated as
 * that class and filled in place) or, for db.graph(), the node and edge
 * tuples networkx takes, with no intermediate object. Uses the public C
 * API only; the iterator comes in as its address (cffi's pointer cast to
 * an integer), owned and freed by the Python side.
 *
 * Strings repeat from row to row (codes, dates, role names, citations), so
 * short strings, dates, citation tuples and event actor tuples are kept in
 * small direct-mapped caches: the same text gives the same (immutable)
 * object, which saves both its making and its memory.
 *
 * The fields each row carries and how an absent value reads (None, or ""
 * for the few fields that are never absent) are those of _rows.py's
 * classes; tests/test_header.py lists them against include/geopol.h.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <geopol.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The row classes, set once by init(). */
enum { C_ENTITY, C_NAME, C_MEMBERSHIP, C_RELATION, C_EVENT, C_CANDIDATE,
       C_CITATION, C_ACTOR, N_CLASSES };
static const char *const class_names[N_CLASSES] = {
	"Entity", "Name", "Membership", "Relation", "Event", "Candidate",
	"Citation", "Actor"
};
/* Each class's number of fields; the last three of the first five are
 * change, depth and via. */
static const Py_ssize_t class_fields[N_CLASSES] = {10, 12, 14, 14, 20, 6, 3, 2};
static PyTypeObject *classes[N_CLASSES];
static PyObject *json_loads;
static PyObject *change_names[6];  /* geopol_change -> str, [0] None */

/* The keys of the graph's attribute dicts, interned once. */
enum { K_ID, K_KIND, K_SUBKIND, K_NAME, K_FROM, K_TO, K_TYPE, K_FACT_ID,
       K_DIRECTED, K_CERTAINTY, K_RECORDED, K_ATTRS, K_STAGE, K_CODING,
       K_SOURCES, N_KEYS };
static const char *const key_names[N_KEYS] = {
	"id", "kind", "subkind", "name", "from", "to", "type", "fact_id",
	"directed", "certainty", "recorded", "attrs", "stage", "coding", "sources"
};
static PyObject *keys[N_KEYS];
static PyObject *str_membership, *str_relation;

/* ---- caches ---------------------------------------------------------- */

static uint64_t fnv1a(const char *s, size_t n, uint64_t h)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV_INIT 0xcbf29ce484222325ULL

/* Strings up to SHORT_MAX bytes, by their bytes. */
#define SHORT_MAX 47
#define N_SHORT 4096
typedef struct short_entry {
	uint64_t hash;
	PyObject *value;
	uint32_t len;
	char bytes[SHORT_MAX];
} short_entry;
static short_entry *shorts;

/* Citation lists and actor lists, by a text key (see cite_key). */
#define N_BLOBS 1024
typedef struct blob_entry {
	uint64_t hash;
	PyObject *value;
	size_t len;
	char *bytes;
} blob_entry;
static blob_entry *cite_cache, *actor_cache;

/* Dates, by day and precision. */
#define N_DATES 4096
typedef struct date_entry {
	int32_t day, precision;
	PyObject *value;
} date_entry;
static date_entry *dates;

/* A growable byte buffer for the blob caches' keys. */
typedef struct keybuf {
	char *p;
	size_t len, cap;
} keybuf;
static keybuf key;

static int key_put(const char *s, char sep)
{
	size_t n = s ? strlen(s) : 0;
	if (key.len + n + 2 > key.cap) {
		size_t cap = key.cap ? key.cap : 1024;
		while (cap < key.len + n + 2)
			cap *= 2;
		char *p = realloc(key.p, cap);
		if (!p) {
			PyErr_NoMemory();
			return -1;
		}
		key.p = p;
		key.cap = cap;
	}
	memcpy(key.p + key.len, s ? s : "", n);
	key.len += n;
	/* A NULL and "" differ: a NULL is marked by a byte no UTF-8 text has. */
	if (!s)
		key.p[key.len++] = '\xff';
	key.p[key.len++] = sep;
	return 0;
}

/* The cached object of the key now in `key`, borrowed, or NULL. */
static PyObject *blob_get(blob_entry *cache, uint64_t *hash)
{
	*hash = fnv1a(key.p, key.len, FNV_INIT);
	blob_entry *e = &cache[*hash % N_BLOBS];
	if (e->value && e->hash == *hash && e->len == key.len &&
	    memcmp(e->bytes, key.p, key.len) == 0)
		return e->value;
	return NULL;
}

/* Keep value (a new reference, kept) under the key now in `key`. */
static void blob_put(blob_entry *cache, uint64_t hash, PyObject *value)
{
	blob_entry *e = &cache[hash % N_BLOBS];
	char *copy = malloc(key.len ? key.len : 1);
	if (!copy)
		return;  /* not kept: the cache is only a speed-up */
	memcpy(copy, key.p, key.len);
	free(e->bytes);
	Py_XDECREF(e->value);
	e->hash = hash;
	e->len = key.len;
	e->bytes = copy;
	e->value = value;
	Py_INCREF(value);
}

/* ---- values ---------------------------------------------------------- */

/* A str of UTF-8 text (a new reference). */
static PyObject *text(const char *s)
{
	size_t n = strlen(s);
	if (n > SHORT_MAX)
		return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, NULL);
	uint64_t h = fnv1a(s, n, FNV_INIT);
	short_entry *e = &shorts[h % N_SHORT];
	if (e->value && e->hash == h && e->len == n && memcmp(e->bytes, s, n) == 0) {
		Py_INCREF(e->value);
		return e->value;
	}
	PyObject *v = PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, NULL);
	if (!v)
		return NULL;
	Py_XDECREF(e->value);
	e->hash = h;
	e->len = (uint32_t)n;
	memcpy(e->bytes, s, n);
	e->value = v;
	Py_INCREF(v);
	return v;
}

/* A field that is always there: NULL reads as "". */
static PyObject *req(const char *s)
{
	return text(s ? s : "");
}

/* A field that may be absent: NULL and "" read as None. */
static PyObject *opt(const char *s)
{
	if (!s || !*s)
		Py_RETURN_NONE;
	return text(s);
}

static PyObject *date_of(geopol_date d)
{
	if (d.precision == GEOPOL_DATE_NONE)
		Py_RETURN_NONE;
	uint32_t slot = ((uint32_t)d.day * 4u + (uint32_t)d.precision) % N_DATES;
	date_entry *e = &dates[slot];
	if (e->value && e->day == d.day && e->precision == d.precision) {
		Py_INCREF(e->value);
		return e->value;
	}
	char buf[GEOPOL_DATE_BUFSIZE];
	int n = geopol_date_format(d, buf, sizeof buf);
	if (n <= 0)
		Py_RETURN_NONE;
	PyObject *v = PyUnicode_FromStringAndSize(buf, n);
	if (!v)
		return NULL;
	Py_XDECREF(e->value);
	e->day = d.day;
	e->precision = d.precision;
	e->value = v;
	Py_INCREF(v);
	return v;
}

/* A double; NaN (no value) reads as None. */
static PyObject *number(double v)
{
	if (isnan(v))
		Py_RETURN_NONE;
	return PyFloat_FromDouble(v);
}

static PyObject *boolean(int v)
{
	return PyBool_FromLong(v != 0);
}

/* ---- rows ------------------------------------------------------------ */

/* A row of class c with the values vals[0..n) (new references, stolen,
 * NULL when making one failed). */
static PyObject *row_of(int c, PyObject **vals, Py_ssize_t n)
{
	PyObject *row = NULL;
	for (Py_ssize_t i = 0; i < n; i++)
		if (!vals[i])
			goto fail;
	row = classes[c]->tp_alloc(classes[c], n);
	if (!row)
		goto fail;
	for (Py_ssize_t i = 0; i < n; i++)
		PyTuple_SET_ITEM(row, i, vals[i]);
	return row;
fail:
	for (Py_ssize_t i = 0; i < n; i++)
		Py_XDECREF(vals[i]);
	return NULL;
}

/* The item's citations as a tuple of Citation (cached by their text). */
static PyObject *citations(geopol_iter *it, int *rc)
{
	const geopol_citation *c;
	size_t n;
	*rc = geopol_iter_citations(it, &c, &n);
	if (*rc != GEOPOL_OK)
		return NULL;
	key.len = 0;
	for (size_t i = 0; i < n; i++)
		if (key_put(c[i].source, '\x1d') || key_put(c[i].title, '\x1d') ||
		    key_put(c[i].quote, '\x1c'))
			return NULL;
	uint64_t hash;
	PyObject *cached = blob_get(cite_cache, &hash);
	if (cached) {
		Py_INCREF(cached);
		return cached;
	}
	PyObject *list = PyTuple_New((Py_ssize_t)n);
	if (!list)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		PyObject *v[3] = {opt(c[i].source), opt(c[i].title), opt(c[i].quote)};
		PyObject *cite = row_of(C_CITATION, v, 3);
		if (!cite) {
			Py_DECREF(list);
			return NULL;
		}
		PyTuple_SET_ITEM(list, (Py_ssize_t)i, cite);
	}
	blob_put(cite_cache, hash, list);
	return list;
}

/* The sources field: the citations, or None when not asked. */
static PyObject *sources_of(geopol_iter *it, int sources, int *rc)
{
	*rc = GEOPOL_OK;
	if (!sources)
		Py_RETURN_NONE;
	return citations(it, rc);
}

static PyObject *actors_of(const geopol_event *v)
{
	key.len = 0;
	for (size_t i = 0; i < v->n_actors; i++)
		if (key_put(v->actors[i].entity, '\x1d') ||
		    key_put(geopol_actor_role_name(v->actors[i].role), '\x1c'))
			return NULL;
	uint64_t hash;
	PyObject *cached = blob_get(actor_cache, &hash);
	if (cached) {
		Py_INCREF(cached);
		return cached;
	}
	PyObject *list = PyTuple_New((Py_ssize_t)v->n_actors);
	if (!list)
		return NULL;
	for (size_t i = 0; i < v->n_actors; i++) {
		PyObject *f[2] = {req(v->actors[i].entity),
				  req(geopol_actor_role_name(v->actors[i].role))};
		PyObject *a = row_of(C_ACTOR, f, 2);
		if (!a) {
			Py_DECREF(list);
			return NULL;
		}
		PyTuple_SET_ITEM(list, (Py_ssize_t)i, a);
	}
	blob_put(actor_cache, hash, list);
	return list;
}

/* change, depth, via into t[0..3). */
static void tail(const geopol_item *item, PyObject **t)
{
	int ch = item->change >= 0 && item->change <= 5 ? item->change : 0;
	t[0] = change_names[ch];
	Py_INCREF(t[0]);
	if (item->depth)
		t[1] = PyLong_FromLong(item->depth);
	else {
		t[1] = Py_None;
		Py_INCREF(Py_None);
	}
	t[2] = opt(item->via);
}

/* The row of one item (a new reference), NULL with a Python error set, or
 * NULL with *rc an error status of the library. */
static PyObject *make_row(geopol_iter *it, const geopol_item *item, int sources, int *rc)
{
	PyObject *v[20];
	*rc = GEOPOL_OK;
	switch (item->kind) {
	case GEOPOL_ITEM_ENTITY: {
		const geopol_entity *e = item->entity;
		v[0] = PyLong_FromLongLong(e->id);
		v[1] = req(e->code);
		v[2] = req(geopol_kind_name(e->kind));
		v[3] = opt(e->subkind);
		v[4] = opt(e->name);
		v[5] = date_of(e->from);
		v[6] = date_of(e->to);
		tail(item, v + 7);
		return row_of(C_ENTITY, v, 10);
	}
	case GEOPOL_ITEM_NAME: {
		const geopol_name *n = item->name;
		v[8] = sources_of(it, sources, rc);
		if (!v[8])
			return NULL;
		v[0] = PyLong_FromLongLong(n->fact_id);
		v[1] = req(n->entity);
		v[2] = req(n->text);
		v[3] = req(n->lang);
		v[4] = req(geopol_name_kind_name(n->kind));
		v[5] = date_of(n->from);
		v[6] = date_of(n->to);
		v[7] = req(geopol_certainty_name(n->certainty));
		tail(item, v + 9);
		return row_of(C_NAME, v, 12);
	}
	case GEOPOL_ITEM_MEMBERSHIP: {
		const geopol_membership *m = item->membership;
		v[10] = sources_of(it, sources, rc);
		if (!v[10])
			return NULL;
		v[0] = PyLong_FromLongLong(m->fact_id);
		v[1] = req(m->org);
		v[2] = req(m->member);
		v[3] = req(geopol_role_name(m->role));
		v[4] = date_of(m->from);
		v[5] = date_of(m->to);
		v[6] = req(geopol_certainty_name(m->certainty));
		v[7] = PyLong_FromLongLong(m->recorded);
		v[8] = opt(geopol_stage_name(m->stage));
		v[9] = opt(m->coding);
		tail(item, v + 11);
		return row_of(C_MEMBERSHIP, v, 14);
	}
	case GEOPOL_ITEM_RELATION: {
		const geopol_relation *r = item->relation;
		v[10] = sources_of(it, sources, rc);
		if (!v[10])
			return NULL;
		v[0] = PyLong_FromLongLong(r->fact_id);
		v[1] = req(r->a);
		v[2] = req(r->b);
		v[3] = req(r->type);
		v[4] = boolean(r->directed);
		v[5] = opt(r->attrs);
		v[6] = date_of(r->from);
		v[7] = date_of(r->to);
		v[8] = req(geopol_certainty_name(r->certainty));
		v[9] = PyLong_FromLongLong(r->recorded);
		tail(item, v + 11);
		return row_of(C_RELATION, v, 14);
	}
	case GEOPOL_ITEM_EVENT: {
		const geopol_event *e = item->event;
		v[16] = sources_of(it, sources, rc);
		if (!v[16])
			return NULL;
		v[0] = PyLong_FromLongLong(e->fact_id);
		v[1] = opt(e->ext_id);
		v[2] = req(e->type);
		v[3] = opt(e->type_name);
		v[4] = number(e->goldstein);
		v[5] = date_of(e->date);
		v[6] = date_of(e->end);
		v[7] = number(e->intensity);
		v[8] = opt(e->title);
		v[9] = opt(e->title_lang);
		v[10] = opt(e->description);
		v[11] = opt(e->location);
		v[12] = actors_of(e);
		v[13] = req(geopol_certainty_name(e->certainty));
		v[14] = PyLong_FromLongLong(e->recorded);
		v[15] = opt(e->details);
		tail(item, v + 17);
		return row_of(C_EVENT, v, 20);
	}
	case GEOPOL_ITEM_CANDIDATE: {
		const geopol_candidate *c = item->candidate;
		v[0] = req(c->code);
		v[1] = req(geopol_kind_name(c->kind));
		v[2] = opt(c->name);
		v[3] = opt(c->matched);
		v[4] = opt(c->lang);
		v[5] = PyFloat_FromDouble(c->score);
		return row_of(C_CANDIDATE, v, 6);
	}
	default:
		Py_RETURN_NONE;
	}
}

/* Python's cyclic garbage collector is paused once a call has made
 * GC_PAUSE_AFTER rows, until it returns: rows and graph tuples hold
 * strings, numbers and each other, never a cycle, so a collection finds
 * nothing to free, yet every 700 new objects would start one (and the
 * older generations' walk everything made so far). A point question's few
 * rows never pause it. */
#define GC_PAUSE_AFTER 512

typedef struct gc_pause {
	int paused;
} gc_pause;

static unsigned long gc_pauses;  /* calls that paused it, for the tests */

static void gc_pause_at(gc_pause *p, Py_ssize_t made)
{
#if PY_VERSION_HEX >= 0x030A0000
	/* PyGC_Disable says whether it was on: a caller's own pause is kept. */
	if (made == GC_PAUSE_AFTER && !p->paused && (p->paused = PyGC_Disable()))
		gc_pauses++;
#else
	(void)p;
	(void)made;
#endif
}

static void gc_resume(gc_pause *p)
{
#if PY_VERSION_HEX >= 0x030A0000
	if (p->paused)
		PyGC_Enable();
#endif
	p->paused = 0;
}

static int ready(void)
{
	if (!classes[0]) {
		PyErr_SetString(PyExc_RuntimeError, "geopol._fastrows: init() was not called");
		return 0;
	}
	return 1;
}

static geopol_iter *iter_at(unsigned long long addr)
{
	if (!addr) {
		PyErr_SetString(PyExc_ValueError, "geopol._fastrows: NULL iterator");
		return NULL;
	}
	return (geopol_iter *)(uintptr_t)addr;
}

/* rows(iter_address, max_rows, sources, out_list) -> status
 * Appends up to max_rows rows to out_list; returns GEOPOL_OK when
 * max_rows were read, GEOPOL_ITEROVER at the end, or the library's error
 * status (its message is the handle's). */
static PyObject *py_rows(PyObject *self, PyObject *args)
{
	unsigned long long addr;
	Py_ssize_t max_rows;
	int sources;
	PyObject *out;
	(void)self;
	if (!PyArg_ParseTuple(args, "KnpO!", &addr, &max_rows, &sources, &PyList_Type, &out))
		return NULL;
	geopol_iter *it = iter_at(addr);
	if (!it || !ready())
		return NULL;
	int rc = GEOPOL_OK;
	gc_pause gc = {0};
	for (Py_ssize_t i = 0; i < max_rows; i++) {
		const geopol_item *item;
		gc_pause_at(&gc, i);
		rc = geopol_iter_next(it, &item);
		if (rc != GEOPOL_OK)
			break;
		PyObject *row = make_row(it, item, sources, &rc);
		if (!row) {
			if (rc != GEOPOL_OK)
				break;
			gc_resume(&gc);
			return NULL;
		}
		int failed = PyList_Append(out, row);
		Py_DECREF(row);
		if (failed) {
			gc_resume(&gc);
			return NULL;
		}
	}
	gc_resume(&gc);
	return PyLong_FromLong(rc);
}

/* ---- graph ------------------------------------------------------------ */

/* A dict of n (key index, value) pairs; the values are stolen. */
static PyObject *dict_of(const int *k, PyObject **vals, int n)
{
	PyObject *d = NULL;
	for (int i = 0; i < n; i++)
		if (!vals[i])
			goto fail;
	d = PyDict_New();
	if (!d)
		goto fail;
	for (int i = 0; i < n; i++)
		if (PyDict_SetItem(d, keys[k[i]], vals[i]))
			goto fail;
	for (int i = 0; i < n; i++)
		Py_DECREF(vals[i]);
	return d;
fail:
	Py_XDECREF(d);
	for (int i = 0; i < n; i++)
		Py_XDECREF(vals[i]);
	return NULL;
}

/* A tuple of the n values given (stolen). */
static PyObject *tuple_of(PyObject **vals, Py_ssize_t n)
{
	for (Py_ssize_t i = 0; i < n; i++)
		if (!vals[i]) {
			for (Py_ssize_t j = 0; j < n; j++)
				Py_XDECREF(vals[j]);
			return NULL;
		}
	PyObject *t = PyTuple_New(n);
	if (!t) {
		for (Py_ssize_t j = 0; j < n; j++)
			Py_DECREF(vals[j]);
		return NULL;
	}
	for (Py_ssize_t i = 0; i < n; i++)
		PyTuple_SET_ITEM(t, i, vals[i]);
	return t;
}

static PyObject *edge_key(char letter, int64_t fact_id)
{
	return PyUnicode_FromFormat("%c%lld", letter, (long long)fact_id);
}

/* (code, {id, kind, subkind, name, from, to}) */
static PyObject *graph_node(const geopol_entity *e)
{
	static const int k[] = {K_ID, K_KIND, K_SUBKIND, K_NAME, K_FROM, K_TO};
	PyObject *a[6] = {PyLong_FromLongLong(e->id), req(geopol_kind_name(e->kind)),
			  opt(e->subkind), opt(e->name), date_of(e->from), date_of(e->to)};
	PyObject *t[2] = {req(e->code), dict_of(k, a, 6)};
	return tuple_of(t, 2);
}

/* (member, org, "m<fact_id>", {...}) */
static PyObject *graph_membership(const geopol_membership *m, PyObject *src, int span)
{
	static const int k[] = {K_KIND, K_TYPE, K_FACT_ID, K_DIRECTED, K_FROM, K_TO,
				K_CERTAINTY, K_RECORDED, K_ATTRS, K_STAGE, K_CODING, K_SOURCES};
	Py_INCREF(str_membership);
	PyObject *a[12] = {str_membership, req(geopol_role_name(m->role)),
			   PyLong_FromLongLong(m->fact_id), boolean(1), date_of(m->from),
			   date_of(m->to),
			   span ? (Py_INCREF(Py_None), Py_None) : req(geopol_certainty_name(m->certainty)),
			   PyLong_FromLongLong(m->recorded), PyDict_New(),
			   opt(geopol_stage_name(m->stage)), opt(m->coding), src};
	PyObject *t[4] = {req(m->member), req(m->org), edge_key('m', m->fact_id),
			  dict_of(k, a, 12)};
	return tuple_of(t, 4);
}

/* A relation's attributes as a dict ({} without). */
static PyObject *attrs_of(const char *attrs)
{
	if (!attrs || !*attrs)
		return PyDict_New();
	PyObject *s = PyUnicode_FromString(attrs);
	if (!s)
		return NULL;
	PyObject *d = PyObject_CallOneArg(json_loads, s);
	Py_DECREF(s);
	return d;
}

/* (a, b, "r<fact_id>", {...}) */
static PyObject *graph_relation(const geopol_relation *r, PyObject *src, int span)
{
	static const int k[] = {K_KIND, K_TYPE, K_FACT_ID, K_DIRECTED, K_FROM, K_TO,
				K_CERTAINTY, K_RECORDED, K_ATTRS, K_SOURCES};
	Py_INCREF(str_relation);
	PyObject *a[10] = {str_relation, req(r->type), PyLong_FromLongLong(r->fact_id),
			   boolean(r->directed), date_of(r->from), date_of(r->to),
			   span ? (Py_INCREF(Py_None), Py_None) : req(geopol_certainty_name(r->certainty)),
			   PyLong_FromLongLong(r->recorded), attrs_of(r->attrs), src};
	PyObject *t[4] = {req(r->a), req(r->b), edge_key('r', r->fact_id), dict_of(k, a, 10)};
	return tuple_of(t, 4);
}

/* graph(iter_address, max_rows, sources, span, nodes, edges) -> status
 * The snapshot's items as networkx's node tuples (appended to nodes) and
 * edge tuples (to edges), as _graph.py documents; over a span (span true)
 * an edge's certainty is None. Returns as rows() does. */
static PyObject *py_graph(PyObject *self, PyObject *args)
{
	unsigned long long addr;
	Py_ssize_t max_rows;
	int sources, span;
	PyObject *nodes, *edges;
	(void)self;
	if (!PyArg_ParseTuple(args, "KnppO!O!", &addr, &max_rows, &sources, &span,
			      &PyList_Type, &nodes, &PyList_Type, &edges))
		return NULL;
	geopol_iter *it = iter_at(addr);
	if (!it || !ready())
		return NULL;
	int rc = GEOPOL_OK;
	gc_pause gc = {0};
	for (Py_ssize_t i = 0; i < max_rows; i++) {
		const geopol_item *item;
		gc_pause_at(&gc, i);
		rc = geopol_iter_next(it, &item);
		if (rc != GEOPOL_OK)
			break;
		PyObject *made, *to = edges, *src;
		if (item->kind == GEOPOL_ITEM_ENTITY) {
			made = graph_node(item->entity);
			to = nodes;
		} else if (item->kind == GEOPOL_ITEM_MEMBERSHIP || item->kind == GEOPOL_ITEM_RELATION) {
			src = sources_of(it, sources, &rc);
			if (!src) {
				if (rc != GEOPOL_OK)
					break;
				gc_resume(&gc);
				return NULL;
			}
			made = item->kind == GEOPOL_ITEM_MEMBERSHIP
			       ? graph_membership(item->membership, src, span)
			       : graph_relation(item->relation, src, span);
		} else {
			continue;
		}
		int failed = !made || PyList_Append(to, made);
		Py_XDECREF(made);
		if (failed) {
			gc_resume(&gc);
			return NULL;
		}
	}
	gc_resume(&gc);
	return PyLong_FromLong(rc);
}

/* ---- setup ------------------------------------------------------------ */

static PyObject *intern(const char *s)
{
	PyObject *v = PyUnicode_InternFromString(s);
	return v;
}

/* init(classes, json_loads): classes maps the names of class_names to the
 * row classes (tuple subclasses with the expected number of fields). */
static PyObject *py_init(PyObject *self, PyObject *args)
{
	PyObject *map, *loads;
	(void)self;
	if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &map, &loads))
		return NULL;
	PyTypeObject *found[N_CLASSES];
	for (int i = 0; i < N_CLASSES; i++) {
		PyObject *c = PyDict_GetItemString(map, class_names[i]);
		if (!c || !PyType_Check(c) ||
		    !PyType_IsSubtype((PyTypeObject *)c, &PyTuple_Type)) {
			PyErr_Format(PyExc_TypeError, "geopol._fastrows.init: %s is not a "
				     "tuple class", class_names[i]);
			return NULL;
		}
		PyObject *fields = PyObject_GetAttrString(c, "_fields");
		Py_ssize_t n = fields ? PyObject_Length(fields) : -1;
		Py_XDECREF(fields);
		if (n != class_fields[i]) {
			PyErr_Clear();
			PyErr_Format(PyExc_TypeError, "geopol._fastrows.init: %s has %zd "
				     "fields, this module makes %zd", class_names[i], n,
				     class_fields[i]);
			return NULL;
		}
		found[i] = (PyTypeObject *)c;
	}
	if (!shorts) {
		shorts = calloc(N_SHORT, sizeof *shorts);
		cite_cache = calloc(N_BLOBS, sizeof *cite_cache);
		actor_cache = calloc(N_BLOBS, sizeof *actor_cache);
		dates = calloc(N_DATES, sizeof *dates);
		if (!shorts || !cite_cache || !actor_cache || !dates)
			return PyErr_NoMemory();
		static const char *const changes[6] = {
			NULL, "joined", "left", "relation_started", "relation_ended", "event"
		};
		change_names[0] = Py_None;
		Py_INCREF(Py_None);
		for (int i = 1; i < 6; i++)
			if (!(change_names[i] = intern(changes[i])))
				return NULL;
		for (int i = 0; i < N_KEYS; i++)
			if (!(keys[i] = intern(key_names[i])))
				return NULL;
		if (!(str_membership = intern("membership")) || !(str_relation = intern("relation")))
			return NULL;
	}
	for (int i = 0; i < N_CLASSES; i++) {
		Py_INCREF(found[i]);
		Py_XDECREF(classes[i]);
		classes[i] = found[i];
	}
	Py_INCREF(loads);
	Py_XDECREF(json_loads);
	json_loads = loads;
	Py_RETURN_NONE;
}

static PyObject *py_gc_pauses(PyObject *self, PyObject *args)
{
	(void)self;
	(void)args;
	return PyLong_FromUnsignedLong(gc_pauses);
}

static PyMethodDef methods[] = {
	{"gc_pauses", py_gc_pauses, METH_NOARGS,
	 "gc_pauses() -> how many calls have paused the garbage collector (Python 3.10+)."},
	{"init", py_init, METH_VARARGS, "init(classes, json_loads): the row classes to make."},
	{"rows", py_rows, METH_VARARGS,
	 "rows(iter_address, max_rows, sources, out_list) -> status: append rows."},
	{"graph", py_graph, METH_VARARGS,
	 "graph(iter_address, max_rows, sources, span, nodes, edges) -> status."},
	{NULL, NULL, 0, NULL}
};

static struct PyModuleDef module = {
	PyModuleDef_HEAD_INIT, "geopol._fastrows",
	"The rows of a geopol_iter made into Python objects in C (see _rows.py).",
	-1, methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC PyInit__fastrows(void)
{
	return PyModule_Create(&module);
}
