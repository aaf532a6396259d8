/*
 * resolve.c - from what an analyst typed to the entity meant (DESIGN.md
 * section 4): geopol_resolve() and geopol_resolve_one().
 *
 * Tiers, best first (a candidate's score says which tier it came from):
 *   1.00       the entity code, ASCII case ignored ("kaz", "CSTO")
 *   0.95-0.91  the search key of a stored name (gp_normalize), whatever the
 *              name's valid time: "Nur-Sultan" finds the city at any date.
 *              Official, short and acronym names above historical names,
 *              aliases and recorded misspellings.
 *   0.88-0.84  the same once Arabic proclitics are taken off the front of a
 *              word (و ف, then ب ل ك, then ال; لل for ل + ال), or ال put on
 *   0.83-0.60  typo-tolerant, when nothing matched exactly: names whose
 *              key is within edit distance 1 (2 for long keys) of the
 *              query, found through the deletion index of
 *              schema/002_search.sql and scored by their true
 *              Damerau-Levenshtein distance over code points
 *   0.65-0.61  the query is the first words of a longer name ("Korea"):
 *              never decisive on its own, since it names a family
 * Each entity appears once, with its best name. Equal scores put states
 * first, then organizations, then by code.
 */
#include "core/geopol_internal.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define RS_DEFAULT_LIMIT 10
#define RS_MAX_TEXT 4096     /* as gp_normalize: longer text is refused */
#define RS_MAX_FUZZY 64      /* longest key (code points) matched with typos */
#define RS_MAX_FORMS 25      /* the key and its proclitic forms */
#define RS_FUZZY_FORMS 5     /* forms whose typos are looked for */
#define RS_MAX_ROWS 512      /* candidate names read per tier, at most */

#define RS_SCORE_CODE 1.0
#define RS_SCORE_EXACT 0.95
#define RS_SCORE_PROCLITIC 0.88
#define RS_SCORE_FUZZY 0.83
#define RS_SCORE_PREFIX 0.65
/* Scores closer than this are equal. */
#define RS_EPSILON 1e-9

/* One way of reading the query: its key as code points. */
typedef struct form {
	int32_t cp[RS_MAX_FUZZY];
	int len;
	char *utf8;
} form;

/* The best match found so far for one entity. */
typedef struct hit {
	int64_t entity_id;
	int64_t name_id;      /* 0: matched by code */
	int entity_kind;
	int lang_match;       /* the name is in the asked language */
	double score;
} hit;

typedef struct hits {
	hit *v;
	size_t n, cap;
} hits;

/* What the iterator hands out, owned by it. */
typedef struct result {
	char *code, *name, *matched, *lang;
	int kind;
	double score;
} result;

typedef struct rs_state {
	result *v;
	size_t n, pos;
} rs_state;

/* ---- scores */

/* Penalty of a name by its kind: official names are the surest. */
static double kind_penalty(int name_kind)
{
	switch (name_kind) {
	case GEOPOL_NAME_OFFICIAL:
	case GEOPOL_NAME_SHORT:
	case GEOPOL_NAME_ACRONYM:
		return 0.0;
	case GEOPOL_NAME_HISTORICAL:
		return 0.01;
	case GEOPOL_NAME_ALIAS:
		return 0.02;
	default:
		return 0.04; /* a misspelling seen in a source */
	}
}

/* Keep the better of two matches for one entity; on equal scores the
 * name in the asked language, then the lower name id, so that results do
 * not depend on the order rows came back in. */
static int hits_add(hits *h, int64_t entity_id, int64_t name_id, int entity_kind,
		    int lang_match, double score)
{
	for (size_t i = 0; i < h->n; i++) {
		hit *x = &h->v[i];
		if (x->entity_id != entity_id)
			continue;
		int better = score > x->score + RS_EPSILON;
		if (!better && score > x->score - RS_EPSILON && x->name_id != 0)
			better = lang_match != x->lang_match ? lang_match > x->lang_match
							     : name_id < x->name_id;
		if (better) {
			x->score = score;
			x->name_id = name_id;
			x->lang_match = lang_match;
		}
		return GEOPOL_OK;
	}
	hit *v = GP_GROW(h->v, h->cap, h->n + 1, 32);
	if (!v)
		return GEOPOL_ENOMEM;
	h->v = v;
	h->v[h->n++] = (hit){entity_id, name_id, entity_kind, lang_match, score};
	return GEOPOL_OK;
}

static int hit_cmp(const void *pa, const void *pb)
{
	const hit *a = pa, *b = pb;
	if (a->score > b->score + RS_EPSILON)
		return -1;
	if (b->score > a->score + RS_EPSILON)
		return 1;
	if (a->entity_kind != b->entity_kind)
		return a->entity_kind < b->entity_kind ? -1 : 1;
	/* same tier, same kind: the entity row id keeps the order stable; the
	 * code order is restored when the results are read */
	return a->entity_id < b->entity_id ? -1 : a->entity_id > b->entity_id;
}

/* ---- code points */

/* Decode a key (valid UTF-8, made by gp_normalize) into cp[]; returns the
 * number of code points, or -1 when there are more than max. */
static int decode(const char *s, int32_t *cp, int max)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
	int n = 0;
	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &c);
		if (k <= 0)
			return -1;
		if (n == max)
			return -1;
		cp[n++] = c;
		p += k;
		left -= k;
	}
	return n;
}

static char *encode(const int32_t *cp, int n)
{
	char *s = malloc((size_t)n * 4 + 1);
	size_t o = 0;
	if (!s)
		return NULL;
	for (int i = 0; i < n; i++)
		o += (size_t)utf8proc_encode_char(cp[i], (utf8proc_uint8_t *)s + o);
	s[o] = '\0';
	return s;
}

/*
 * Damerau-Levenshtein distance (optimal string alignment: substitutions,
 * insertions, deletions and swaps of neighbours) between two keys of at
 * most RS_MAX_FUZZY code points; gives up early past `max`, returning
 * max + 1.
 */
static int edit_distance(const int32_t *a, int n, const int32_t *b, int m, int max)
{
	int rows[3][RS_MAX_FUZZY + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	if (n - m > max || m - n > max)
		return max + 1;
	for (int j = 0; j <= m; j++)
		prev[j] = j;
	for (int i = 1; i <= n; i++) {
		int best = cur[0] = i;
		for (int j = 1; j <= m; j++) {
			int cost = a[i - 1] != b[j - 1];
			int d = prev[j - 1] + cost;
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > max)
			return max + 1;
		int *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

/* ---- Arabic proclitics */

static int is_arabic_letter(int32_t c)
{
	return c >= 0x0620 && c <= 0x064A;
}

enum { WAW = 0x0648, FEH = 0x0641, BEH = 0x0628, LAM = 0x0644, KAF = 0x0643, ALEF = 0x0627 };

#define RS_WORD_ALTS 8

typedef struct alt {
	const int32_t *cp;     /* into the key, after the stripped letters */
	int len;
	int prefix;            /* letters to put first: 0 none, 1 "ا", 2 "ال" */
} alt;

static void alt_add(alt *a, int *na, const int32_t *cp, int len, int prefix)
{
	if (*na < RS_WORD_ALTS && len >= 2)
		a[(*na)++] = (alt){cp, len, prefix};
}

/* Readings of one word: itself first, then with proclitics taken off. */
static int word_alts(const int32_t *w, int len, int first_word, alt *a)
{
	int na = 0;
	a[na++] = (alt){w, len, 0};
	if (len < 3 || !is_arabic_letter(w[0]))
		return na;
	int has_article = w[0] == ALEF && w[1] == LAM;
	for (int i1 = 0; i1 <= 1; i1++) {
		if (i1 == 1 && w[0] != WAW && w[0] != FEH)
			continue;
		for (int i2 = i1; i2 <= i1 + 1; i2++) {
			if (i2 > i1 && w[i1] != BEH && w[i1] != LAM && w[i1] != KAF)
				continue;
			const int32_t *b = w + i2;
			int bl = len - i2;
			if (i2 > 0)
				alt_add(a, &na, b, bl, 0);
			if (bl >= 4 && b[0] == ALEF && b[1] == LAM)
				alt_add(a, &na, b + 2, bl - 2, 0);
			/* لل: the preposition ل before the article drops its alef */
			if (i2 > i1 && w[i1] == LAM && bl >= 3 && b[0] == LAM)
				alt_add(a, &na, b, bl, 1);
		}
	}
	/* the article the query left out ("مغرب" for "المغرب") */
	if (first_word && !has_article)
		alt_add(a, &na, w, len, 2);
	return na;
}

/*
 * The key's readings with proclitics off: forms[0] is the key itself, the
 * others each change at least one word. Returns the number of forms.
 */
static int make_forms(const int32_t *key, int len, form *forms)
{
	int nw = 0;
	alt alts[RS_MAX_FUZZY][RS_WORD_ALTS];
	int nalts[RS_MAX_FUZZY], idx[RS_MAX_FUZZY];
	int nf = 0;

	for (int i = 0; i < len;) {
		int j = i;
		while (j < len && key[j] != ' ')
			j++;
		nalts[nw] = word_alts(key + i, j - i, nw == 0, alts[nw]);
		idx[nw] = 0;
		nw++;
		i = j + 1;
	}
	/* every combination of word readings, in mixed-radix order */
	for (;;) {
		int n = 0, ok = 1;
		for (int w = 0; w < nw && ok; w++) {
			const alt *a = &alts[w][idx[w]];
			int need = a->len + a->prefix + (w > 0);
			if (n + need > RS_MAX_FUZZY) {
				ok = 0;
				break;
			}
			if (w > 0)
				forms[nf].cp[n++] = ' ';
			if (a->prefix >= 1)
				forms[nf].cp[n++] = ALEF;
			if (a->prefix == 2)
				forms[nf].cp[n++] = LAM;
			memcpy(forms[nf].cp + n, a->cp, (size_t)a->len * sizeof(int32_t));
			n += a->len;
		}
		if (ok) {
			forms[nf].len = n;
			forms[nf].utf8 = NULL;
			nf++;
		}
		if (nf == RS_MAX_FORMS)
			break;
		int w = nw - 1;
		while (w >= 0 && ++idx[w] == nalts[w])
			idx[w--] = 0;
		if (w < 0)
			break;
	}
	return nf;
}

/* ---- the lookups */

typedef struct lookup {
	geopol_db *db;
	int64_t known;        /* recorded time asked: rows current then */
	const char *lang;
	hits h;
	form forms[RS_MAX_FORMS];
	int nforms;
	int key_len;          /* code points of forms[0], or -1 when too long */
} lookup;

/* A name handed by the store becomes a hit: at `base` less its kind's
 * penalty (a code: at base); the fuzzy tier scores by edit distance. */
typedef struct lookup_ctx {
	lookup *L;
	double base;
	int fuzzy;
	int nf;               /* fuzzy: the forms compared */
} lookup_ctx;

static double fuzzy_score(const lookup_ctx *c, const char *key);

static int lookup_hit(void *ctx, const gp_name_key *r)
{
	lookup_ctx *c = ctx;
	double sc = c->base;
	if (c->fuzzy) {
		sc = fuzzy_score(c, r->key);
		if (sc <= 0.0)
			return GEOPOL_OK;
	}
	if (r->name_id)
		sc -= kind_penalty(r->name_kind);
	return hits_add(&c->L->h, r->entity_id, r->name_id, r->entity_kind, r->lang_match, sc);
}

static int lookup_keys(lookup *L, gp_keys_query *q, lookup_ctx *c)
{
	q->k = L->known;
	q->lang = L->lang;
	c->L = L;
	return gp_store_of(L->db)->name_keys(L->db, q, lookup_hit, c);
}

static int code_lookup(lookup *L, const char *text)
{
	gp_keys_query q = {.what = GP_KEYS_CODE, .key = text};
	lookup_ctx c = {.base = RS_SCORE_CODE};
	return lookup_keys(L, &q, &c);
}

/* Every current name whose key is `key`, at score base - kind penalty. */
static int exact_lookup(lookup *L, const char *key, double base)
{
	gp_keys_query q = {.what = GP_KEYS_EXACT, .key = key};
	lookup_ctx c = {.base = base};
	return lookup_keys(L, &q, &c);
}

/* Append s to a JSON array being built in buf (keys hold no quote or
 * backslash, gp_normalize folds them to spaces; escape them anyway). */
static int json_push(char **buf, size_t *len, size_t *cap, const int32_t *cp, int n)
{
	size_t need = *len + (size_t)n * 8 + 4;
	char *b = gp_grow(*buf, cap, need, 1, 1024);
	if (!b)
		return GEOPOL_ENOMEM;
	*buf = b;
	char *o = *buf + *len;
	*o++ = *len > 1 ? ',' : ' ';
	*o++ = '"';
	for (int i = 0; i < n; i++) {
		if (cp[i] == '"' || cp[i] == '\\')
			*o++ = '\\';
		o += utf8proc_encode_char(cp[i], (utf8proc_uint8_t *)o);
	}
	*o++ = '"';
	*len = (size_t)(o - *buf);
	return GEOPOL_OK;
}

/*
 * Typo-tolerant matches of the first forms, through the deletion index of
 * the first RS_PREFIX code points (schema/002_search.sql): every name whose
 * indexed prefix, or one of its one-character deletions, is the form's
 * prefix or one of its deletions, and whose length is within two of the
 * form's; then scored by their true distance to the nearest form.
 */
#define RS_PREFIX 8

/* The best score of a name's key among the forms' typos (0: none). */
static double fuzzy_score(const lookup_ctx *c, const char *key)
{
	const lookup *L = c->L;
	int32_t k[RS_MAX_FUZZY];
	int kl = decode(key, k, RS_MAX_FUZZY);
	double best = 0.0;
	if (kl < 0)
		return 0.0;
	for (int f = 0; f < c->nf; f++) {
		const form *fm = &L->forms[f];
		int minlen = fm->len < kl ? fm->len : kl;
		int maxlen = fm->len > kl ? fm->len : kl;
		/* one typo in three letters, two only in long names */
		int allowed = minlen >= 7 ? 2 : minlen >= 3 ? 1 : 0;
		int d = edit_distance(fm->cp, fm->len, k, kl, allowed);
		if (d == 0 || d > allowed)
			continue;
		double sc = RS_SCORE_FUZZY - 0.4 * d / maxlen - (f > 0 ? 0.03 : 0.0);
		if (sc > best)
			best = sc;
	}
	return best;
}

static int fuzzy_lookup(lookup *L)
{
	char *json = NULL;
	size_t len = 0, cap = 0;
	int nf = L->nforms < RS_FUZZY_FORMS ? L->nforms : RS_FUZZY_FORMS;
	int rc = GEOPOL_OK, used = 0, lo = RS_MAX_FUZZY, hi = 0;
	int32_t del[RS_PREFIX];

	for (int f = 0; f < nf && rc == GEOPOL_OK; f++) {
		const form *fm = &L->forms[f];
		int p = fm->len < RS_PREFIX ? fm->len : RS_PREFIX;
		if (fm->len < 3)
			continue;
		used++;
		if (fm->len - 2 < lo)
			lo = fm->len - 2;
		if (fm->len + 2 > hi)
			hi = fm->len + 2;
		rc = json_push(&json, &len, &cap, fm->cp, p);
		for (int i = 0; i < p && rc == GEOPOL_OK; i++) {
			/* deleting one of a run of equal letters gives one variant */
			if (i > 0 && fm->cp[i] == fm->cp[i - 1])
				continue;
			memcpy(del, fm->cp, (size_t)i * sizeof(int32_t));
			memcpy(del + i, fm->cp + i + 1, (size_t)(p - i - 1) * sizeof(int32_t));
			rc = json_push(&json, &len, &cap, del, p - 1);
		}
	}
	if (rc != GEOPOL_OK || used == 0) {
		free(json);
		return rc;
	}
	json[0] = '[';
	json[len++] = ']';

	gp_keys_query q = {.what = GP_KEYS_VARIANTS, .variants = json, .variants_len = len,
			   .klo = lo, .khi = hi};
	lookup_ctx c = {.fuzzy = 1, .nf = nf};
	rc = lookup_keys(L, &q, &c);
	free(json);
	return rc;
}

/* Names that begin with the whole query as their first words: "korea"
 * finds "korea republic of". The keys are "q " < key < "q!" in byte
 * order, since a key holds no '!'. */
static int prefix_lookup(lookup *L, const char *key, size_t key_bytes)
{
	char *lo = malloc(key_bytes + 2), *hi = malloc(key_bytes + 2);
	if (!lo || !hi) {
		free(lo);
		free(hi);
		return GEOPOL_ENOMEM;
	}
	memcpy(lo, key, key_bytes);
	memcpy(hi, key, key_bytes);
	lo[key_bytes] = ' ';
	hi[key_bytes] = '!';
	lo[key_bytes + 1] = hi[key_bytes + 1] = '\0';
	gp_keys_query q = {.what = GP_KEYS_BETWEEN, .key = lo, .hi = hi};
	lookup_ctx c = {.base = RS_SCORE_PREFIX};
	int rc = lookup_keys(L, &q, &c);
	free(lo);
	free(hi);
	return rc;
}

/* ---- reading the results */

static void result_strings_free(result *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].code);
		free(v[i].name);
		free(v[i].matched);
		free(v[i].lang);
	}
}

static void results_free(result *v, size_t n)
{
	result_strings_free(v, n);
	free(v);
}

static char *dup_str(const char *s, int *err)
{
	char *d;
	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*err = 1;
	return d;
}

typedef struct result_ctx {
	const hit *h;
	result *r;
} result_ctx;

static int copy_result(void *ctx, const gp_candidate *c)
{
	result_ctx *x = ctx;
	result *r = x->r;
	int err = 0;
	memset(r, 0, sizeof *r);
	r->code = dup_str(c->code, &err);
	r->kind = c->kind;
	r->name = dup_str(c->name, &err);
	r->score = x->h->score;
	if (x->h->name_id) {
		r->matched = dup_str(c->matched, &err);
		r->lang = dup_str(c->lang, &err);
	} else {
		/* matched by its code: the code is what matched; no language */
		r->matched = dup_str(c->code, &err);
		r->lang = strdup("");
		err |= r->lang == NULL;
	}
	return err || !r->code ? GEOPOL_ENOMEM : GEOPOL_OK;
}

/* Code, kind, display name and the matched name of one hit. */
static int read_result(lookup *L, const hit *h, result *r)
{
	result_ctx x = {h, r};
	return gp_store_of(L->db)->candidate(L->db, h->entity_id, h->name_id, L->known, L->lang,
					      copy_result, &x);
}

static int result_cmp(const void *pa, const void *pb)
{
	const result *a = pa, *b = pb;
	if (a->score > b->score + RS_EPSILON)
		return -1;
	if (b->score > a->score + RS_EPSILON)
		return 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->code, b->code);
}

/* Refuse what cannot be a name, with a message that says why. */
static int check_text(geopol_db *db, const char *text, size_t *len)
{
	size_t n;
	if (!text)
		return gp_error(db, GEOPOL_EINVAL, "no text to resolve");
	n = strnlen(text, RS_MAX_TEXT + 1);
	if (n > RS_MAX_TEXT)
		return gp_error(db, GEOPOL_EINVAL,
				"the text to resolve is longer than %d bytes", RS_MAX_TEXT);
	if (gp_check_utf8(db, "text", text))
		return gp_error(db, GEOPOL_EINVAL, "the text to resolve is not valid UTF-8");
	*len = n;
	return GEOPOL_OK;
}

/* All the candidates for text, best first, at most limit of them. */
static int resolve_all(geopol_db *db, const char *text, size_t limit, const geopol_query *q,
		       result **out, size_t *nout)
{
	lookup *L;
	char *key = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = check_text(db, text, &len)))
		return rc;
	L = calloc(1, sizeof *L);
	if (!L)
		return gp_oom(db);
	L->db = db;
	L->known = (q && q->known_at) ? q->known_at : GP_K_CURRENT;
	L->lang = (q && q->lang) ? q->lang : "en";
	/* One read transaction for the whole lookup: one lock and one WAL
	 * snapshot instead of one per statement (a savepoint, since the caller
	 * may have a transaction open). */
	const gp_store *store = gp_store_of(db);
	if ((rc = store->read_txn(db, 0))) {
		free(L);
		return rc;
	}

	{
		/* codes are typed as they are, give or take surrounding blanks */
		size_t a = 0, b = len;
		while (a < b && (text[a] == ' ' || text[a] == '\t'))
			a++;
		while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\n'))
			b--;
		char *code = malloc(b - a + 1);
		if (!code) {
			rc = GEOPOL_ENOMEM;
			goto done;
		}
		memcpy(code, text + a, b - a);
		code[b - a] = '\0';
		rc = b > a ? code_lookup(L, code) : GEOPOL_OK;
		free(code);
		if (rc)
			goto done;
	}

	rc = gp_normalize(text, len, &key);
	if (rc == GEOPOL_EINVAL) {
		rc = L->h.n ? GEOPOL_OK
			    : gp_error(db, GEOPOL_EINVAL,
				       "'%s' has no letters or digits to look up", gp_short(text));
		goto rank;
	}
	if (rc) {
		gp_oom(db);
		goto done;
	}
	if ((rc = exact_lookup(L, key, RS_SCORE_EXACT)))
		goto done;

	L->key_len = decode(key, L->forms[0].cp, RS_MAX_FUZZY);
	if (L->key_len >= 0) {
		L->nforms = make_forms(L->forms[0].cp, L->key_len, L->forms);
		for (int f = 1; f < L->nforms; f++) {
			L->forms[f].utf8 = encode(L->forms[f].cp, L->forms[f].len);
			if (!L->forms[f].utf8) {
				rc = GEOPOL_ENOMEM;
				goto done;
			}
			if ((rc = exact_lookup(L, L->forms[f].utf8, RS_SCORE_PROCLITIC)))
				goto done;
		}
		/* Typos are looked for only when nothing matched exactly: an
		 * exact match is what was meant, and the typo tier is most of
		 * the cost of a lookup. */
		if (L->h.n == 0 && (rc = fuzzy_lookup(L)))
			goto done;
	}
	if ((rc = prefix_lookup(L, key, strlen(key))))
		goto done;

rank:
	if (rc)
		goto done;
	if (L->h.n > 1)
		qsort(L->h.v, L->h.n, sizeof *L->h.v, hit_cmp);
	if (limit == 0)
		limit = RS_DEFAULT_LIMIT;
	/* Read a few past the limit when scores tie at the cut, so that the
	 * final order (by code among equals) does not depend on row ids. */
	size_t n = L->h.n < limit ? L->h.n : limit;
	while (n < L->h.n && L->h.v[n].score > L->h.v[n - 1].score - RS_EPSILON &&
	       L->h.v[n].entity_kind == L->h.v[n - 1].entity_kind)
		n++;
	if (n > 0) {
		result *r = calloc(n, sizeof *r);
		if (!r) {
			rc = GEOPOL_ENOMEM;
			goto done;
		}
		for (size_t i = 0; i < n && rc == GEOPOL_OK; i++)
			rc = read_result(L, &L->h.v[i], &r[i]);
		if (rc) {
			results_free(r, n);
			goto done;
		}
		if (n > 1)
			qsort(r, n, sizeof *r, result_cmp);
		if (n > limit)
			result_strings_free(r + limit, n - limit);
		*out = r;
		*nout = n < limit ? n : limit;
	}
done:
	if (rc == GEOPOL_ENOMEM)
		gp_oom(db);
	{
		/* a read-only savepoint: releasing it cannot fail in a way that
		 * changes the answer, and must not replace the first error */
		char keep[GP_ERRMSG_SIZE];
		memcpy(keep, db->errmsg, sizeof keep);
		store->read_txn(db, 1);
		memcpy(db->errmsg, keep, sizeof keep);
	}
	for (int f = 1; f < L->nforms; f++)
		free(L->forms[f].utf8);
	free(L->h.v);
	free(L);
	geopol_free(key);
	return rc;
}

/* ---- the iterator and the public functions */

static int rs_next(geopol_iter *it)
{
	rs_state *s = it->state;
	const result *r;
	if (s->pos >= s->n)
		return GEOPOL_ITEROVER;
	r = &s->v[s->pos++];
	it->candidate.code = r->code;
	it->candidate.kind = r->kind;
	it->candidate.name = r->name;
	it->candidate.matched = r->matched;
	it->candidate.lang = r->lang;
	it->candidate.score = r->score;
	it->item.kind = GEOPOL_ITEM_CANDIDATE;
	it->item.candidate = &it->candidate;
	return GEOPOL_OK;
}

static void rs_destroy(geopol_iter *it)
{
	rs_state *s = it->state;
	if (!s)
		return;
	results_free(s->v, s->n);
	free(s);
}

int geopol_resolve(geopol_iter **out, geopol_db *db, const char *text, size_t limit,
		   const geopol_query *q)
{
	rs_state *s;
	int rc;
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	if (gp_check_version(db, "geopol_query", q, GEOPOL_QUERY_VERSION))
		return GEOPOL_EMISUSE;
	s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	rc = resolve_all(db, text, limit, q, &s->v, &s->n);
	if (rc) {
		free(s);
		return rc;
	}
	*out = gp_iter_new(db, rs_next, rs_destroy, s);
	return *out ? GEOPOL_OK : GEOPOL_ENOMEM;
}

/* Candidates within this of the best leave a fuzzy best in doubt. */
#define RS_CLEAR_MARGIN 0.02

int geopol_resolve_one(geopol_db *db, const char *text, char *buf, size_t size)
{
	result *v = NULL;
	size_t n = 0, tied = 1;
	int rc;
	if (!db)
		return GEOPOL_EMISUSE;
	if (!buf || size == 0)
		return gp_error(db, GEOPOL_EINVAL, "no buffer for the entity code");
	buf[0] = '\0';
	gp_clear_error(db);
	rc = resolve_all(db, text, 8, NULL, &v, &n);
	if (rc)
		return rc;
	if (n == 0)
		return gp_error(db, GEOPOL_ENOTFOUND, "no entity is named '%s'", gp_short(text));
	/* An exact match is clear unless another entity matches exactly as
	 * well; a fuzzy one must also stand clear of the next. */
	double margin = v[0].score >= RS_SCORE_PROCLITIC - 0.05 ? RS_EPSILON : RS_CLEAR_MARGIN;
	while (tied < n && v[tied].score > v[0].score - margin)
		tied++;
	if (tied > 1) {
		char list[512];
		size_t o = 0;
		for (size_t i = 0; i < tied && o < sizeof list - 1; i++) {
			int k = snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", v[i].code);
			if (k < 0)
				break;
			o += (size_t)k;
		}
		rc = gp_error(db, GEOPOL_EAMBIGUOUS, "'%s' may mean several entities: %s", gp_short(text), list);
	} else if (strlen(v[0].code) >= size) {
		rc = gp_error(db, GEOPOL_EINVAL, "the buffer is too small for the code '%s'", gp_short(v[0].code));
	} else {
		memcpy(buf, v[0].code, strlen(v[0].code) + 1);
	}
	results_free(v, n);
	return rc;
}
