/*
 * common_world.c - the benchmarks' world generator, its two loaders (the
 * library, bare SQLite) and the timing helpers. See world.h.
 *
 * The world is built to look like the field's data: states born over two
 * centuries (a few die), organizations founded mostly after 1945 with
 * log-normal sizes, members that join, change role, leave and rejoin;
 * relations between states chosen with a skew (big states have many), half
 * of them yearly trade rows as in COW's dyadic trade; GDELT-like events with
 * two or three actors each, growing in number towards the present. Every
 * fact cites a source. Everything follows from the seed.
 */
#include "world.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const gpw_type gpw_relation_types[] = {
	{"trade", 0, NULL, 0}, {"diplomatic_relations", 0, NULL, 0}, {"treaty", 0, NULL, 0},
	{"military_cooperation", 0, NULL, 0}, {"strategic_partnership", 0, NULL, 0},
	{"energy_cooperation", 0, NULL, 0}, {"sanctions", 1, NULL, 0}, {"criticizes", 1, NULL, 0},
	{"recognizes", 1, NULL, 0}, {"border", 0, NULL, 0},
};
const size_t gpw_n_relation_types = sizeof gpw_relation_types / sizeof gpw_relation_types[0];
/* Cumulative weights (out of 100) of the types above. */
static const int rel_type_cdf[] = {48, 63, 71, 78, 83, 87, 92, 96, 98, 100};

const gpw_type gpw_event_types[] = {
	{"010", 0, "Make statement", 0.0}, {"020", 0, "Appeal", 3.0},
	{"036", 0, "Express intent to meet or negotiate", 4.0}, {"040", 0, "Consult", 1.0},
	{"042", 0, "Make a visit", 1.9}, {"043", 0, "Host a visit", 2.8},
	{"046", 0, "Engage in negotiation", 7.0}, {"051", 0, "Praise or endorse", 3.4},
	{"057", 0, "Sign formal agreement", 8.0}, {"061", 0, "Cooperate economically", 6.4},
	{"071", 0, "Provide economic aid", 7.4}, {"090", 0, "Investigate", -2.0},
	{"111", 0, "Criticize or denounce", -2.0}, {"112", 0, "Accuse", -2.0},
	{"130", 0, "Threaten", -4.4}, {"163", 0, "Impose embargo, boycott, or sanctions", -8.0},
	{"173", 0, "Arrest, detain", -5.0}, {"190", 0, "Use conventional military force", -10.0},
	{"193", 0, "Fight with small arms", -10.0}, {"195", 0, "Employ aerial weapons", -10.0},
};
const size_t gpw_n_event_types = sizeof gpw_event_types / sizeof gpw_event_types[0];

/* ---- randomness */

uint64_t gpw_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

double gpw_unit(uint64_t *s)
{
	return (double)(gpw_rand(s) >> 11) / 9007199254740992.0;
}

size_t gpw_below(uint64_t *s, size_t n)
{
	return n ? (size_t)(gpw_rand(s) % n) : 0;
}

static double normal(uint64_t *s)
{
	double u = gpw_unit(s) + 1e-12, v = gpw_unit(s);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* ---- configuration */

int gpw_config_init(gpw_config *c, const char *scale)
{
	if (!scale)
		scale = getenv("GEOPOL_BENCH_SCALE");
	if (!scale || !*scale)
		scale = "small";
	memset(c, 0, sizeof *c);
	snprintf(c->scale, sizeof c->scale, "%s", scale);
	c->seed = 20260101;
	const char *seed = getenv("GEOPOL_BENCH_SEED");
	if (seed && *seed)
		c->seed = strtoull(seed, NULL, 10);
	size_t mult = 1;
	if (strcmp(scale, "small") == 0) {
		c->n_states = 80;
		c->n_orgs = 120;
		c->n_memberships = 8000;
		c->n_relations = 12000;
		c->n_events = 40000;
		c->n_sources = 200;
		return 0;
	}
	if (strcmp(scale, "x10") == 0)
		mult = 10;
	else if (strcmp(scale, "full") != 0)
		return -1;
	c->n_states = 250 * mult;
	c->n_orgs = 600 * mult;
	c->n_memberships = 200000 * mult;
	c->n_relations = 300000 * mult;
	c->n_events = 1000000 * mult;
	c->n_sources = 2000 * mult;
	return 0;
}

void gpw_config_times(gpw_config *c, size_t mult)
{
	size_t n = strlen(c->scale);
	c->n_states *= mult;
	c->n_orgs *= mult;
	c->n_memberships *= mult;
	c->n_relations *= mult;
	c->n_events *= mult;
	c->n_sources *= mult;
	snprintf(c->scale + n, sizeof c->scale - n, "-x%zu", mult);
}

/* ---- dates */

#define NOW_YEAR 2025

static geopol_date ymd(int y, int m, int d)
{
	geopol_date out;
	if (geopol_date_from_ymd(&out, y, m, d) != GEOPOL_OK)
		geopol_date_from_ymd(&out, y, 1, 1);
	return out;
}

/* A date in year y at a random precision: mostly days, some months and
 * years, as sources give them. */
static geopol_date rand_date(uint64_t *s, int y)
{
	double u = gpw_unit(s);
	int m = 1 + (int)gpw_below(s, 12), d = 1 + (int)gpw_below(s, 28);
	if (u < 0.10)
		return ymd(y, 0, 0);
	if (u < 0.20)
		return ymd(y, m, 0);
	return ymd(y, m, d);
}

static int year_of(geopol_date d)
{
	int y, m, dd;
	geopol_date_to_ymd(d.day, &y, &m, &dd);
	return y;
}

geopol_date gpw_recent_date(void)
{
	return ymd(2024, 1, 1);
}

geopol_date gpw_random_date(uint64_t *s)
{
	/* The span most of the data lives in: 1946 to the present. */
	int y = 1946 + (int)gpw_below(s, NOW_YEAR - 1946 + 1);
	return ymd(y, 1 + (int)gpw_below(s, 12), 1 + (int)gpw_below(s, 28));
}

static const geopol_date OPEN = GEOPOL_DATE_OPEN_INIT;

/* ---- names and codes */

static void make_code(char *out, size_t size, uint64_t *s, int kind, size_t i)
{
	static const char L[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	if (kind == GEOPOL_KIND_STATE) {
		/* Three letters, unique: the index in base 26 scrambled by a
		 * multiplier prime to 26^3 keeps codes distinct but unordered. */
		size_t v = (i * 7919 + 101) % 17576;
		snprintf(out, size, "%c%c%c", L[v / 676], L[(v / 26) % 26], L[v % 26]);
		(void)s;
	} else {
		size_t v = (i * 104729 + 7) % (26u * 26 * 26 * 26);
		snprintf(out, size, "%c%c%c%c%zu", L[v / 17576], L[(v / 676) % 26], L[(v / 26) % 26],
			 L[v % 26], i % 10);
	}
}

static const char *const syl[] = {"ka", "ro", "vin", "ta", "mel", "sa", "dor", "an", "li",
				  "zu", "ber", "go", "ria", "ne", "stan", "os", "ur", "ki",
				  "pa", "lo", "mir", "e", "ha", "ni"};

static void base_name(const gpw_world *w, size_t ent, char *out, size_t size)
{
	uint64_t s = w->cfg.seed ^ (0xABCDEFull + ent * 0x9E3779B97F4A7C15ull);
	size_t n = 2 + gpw_below(&s, 3), len = 0;
	out[0] = '\0';
	for (size_t k = 0; k < n && len + 6 < size; k++)
		len += (size_t)snprintf(out + len, size - len, "%s",
					syl[gpw_below(&s, sizeof syl / sizeof syl[0])]);
	/* The entity index keeps every name distinct. */
	snprintf(out + len, size - len, "%s", "");
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	if (len + 8 < size)
		snprintf(out + len, size - len, "%s", ent % 2 ? "ia" : "a");
	len = strlen(out);
	if (len + 8 < size) {
		/* a distinguishing suffix word for large worlds */
		static const char *const suf[] = {"", "", " Nova", " Major", " Minor", " Alta"};
		size_t k = (ent / 97) % (sizeof suf / sizeof suf[0]);
		snprintf(out + len, size - len, "%s", suf[k]);
	}
}

/* Latin letters to Cyrillic and Arabic, one letter each (enough to give
 * the search real scripts to fold). */
static const char *cyr(char c)
{
	static const char *const t[26] = {"а", "б", "ц", "д", "е", "ф", "г", "х", "и", "й", "к",
					  "л", "м", "н", "о", "п", "к", "р", "с", "т", "у", "в",
					  "в", "кс", "ы", "з"};
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	return c >= 'a' && c <= 'z' ? t[c - 'a'] : " ";
}

static const char *arb(char c)
{
	static const char *const t[26] = {"ا", "ب", "ك", "د", "ي", "ف", "غ", "ه", "ي", "ج", "ك",
					  "ل", "م", "ن", "و", "ب", "ق", "ر", "س", "ت", "و", "ف",
					  "و", "كس", "ي", "ز"};
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	return c >= 'a' && c <= 'z' ? t[c - 'a'] : " ";
}

size_t gpw_names(const gpw_world *w, size_t ent, gpw_name out[6], char *buf, size_t size)
{
	char base[64];
	base_name(w, ent, base, sizeof base);
	int state = w->ent[ent].kind == GEOPOL_KIND_STATE;
	size_t used = 0, n = 0;
#define PUT(LANG, KIND, ...) do { \
	int k_ = snprintf(buf + used, size - used, __VA_ARGS__); \
	if (k_ < 0 || used + (size_t)k_ + 1 >= size) return n; \
	out[n].text = buf + used; out[n].lang = LANG; out[n].kind = KIND; n++; \
	used += (size_t)k_ + 1; } while (0)
	PUT("en", GEOPOL_NAME_SHORT, "%s", base);
	if (state) {
		PUT("en", GEOPOL_NAME_OFFICIAL, "Republic of %s", base);
		PUT("fr", GEOPOL_NAME_OFFICIAL, "République de %s", base);
	} else {
		PUT("en", GEOPOL_NAME_OFFICIAL, "%s Cooperation Organization", base);
		PUT("fr", GEOPOL_NAME_OFFICIAL, "Organisation de coopération de %s", base);
	}
	char tr[256];
	size_t tl = 0;
	tr[0] = '\0';
	for (const char *p = base; *p && tl + 8 < sizeof tr; p++)
		tl += (size_t)snprintf(tr + tl, sizeof tr - tl, "%s", cyr(*p));
	PUT("ru", GEOPOL_NAME_SHORT, "%s", tr);
	tl = 0;
	tr[0] = '\0';
	for (const char *p = base; *p && tl + 8 < sizeof tr; p++)
		tl += (size_t)snprintf(tr + tl, sizeof tr - tl, "%s", arb(*p));
	PUT("ar", GEOPOL_NAME_SHORT, "%s", tr);
#undef PUT
	return n;
}

/* ---- the world */

static int alive_span(const gpw_entity *e, int *from, int *to)
{
	*from = year_of(e->from);
	*to = e->to.precision ? year_of(e->to) : NOW_YEAR + 1;
	return *to > *from;
}

/* A weighted choice among n items by a cumulative table (0..total). */
static size_t pick_cdf(const uint32_t *cdf, size_t n, uint64_t *s)
{
	uint32_t total = cdf[n - 1];
	uint32_t x = (uint32_t)gpw_below(s, total);
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cdf[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static void gen_entities(gpw_world *w, uint64_t *s)
{
	const gpw_config *c = &w->cfg;
	for (size_t i = 0; i < w->n_ent; i++) {
		gpw_entity *e = &w->ent[i];
		int state = i < c->n_states;
		e->kind = state ? GEOPOL_KIND_STATE : GEOPOL_KIND_ORGANIZATION;
		make_code(e->code, sizeof e->code, s, e->kind, state ? i : i - c->n_states);
		int y;
		if (state) {
			/* A fifth at the start of the COW system; the rest born later,
			 * most of them in the second half of the twentieth century. */
			y = gpw_unit(s) < 0.2 ? 1816 : 1816 + (int)(195 * sqrt(gpw_unit(s)));
		} else {
			y = 1865 + (int)(155 * pow(gpw_unit(s), 0.4));
		}
		e->from = rand_date(s, y);
		e->to = OPEN;
		double die = state ? 0.12 : 0.12;
		if (gpw_unit(s) < die) {
			int end = y + 5 + (int)gpw_below(s, state ? 150 : 60);
			if (end < 2020)
				e->to = rand_date(s, end);
		}
	}
}

#define ROLE_CHAIN_MAX 8

/* The spells of one member in one organization: join, maybe change role,
 * maybe leave, maybe rejoin. Appends up to `room` spells. */
static size_t gen_pair(gpw_world *w, uint64_t *s, uint32_t org, uint32_t mem, size_t room)
{
	int of, ot, mf, mt;
	if (!alive_span(&w->ent[org], &of, &ot) || !alive_span(&w->ent[mem], &mf, &mt))
		return 0;
	int lo = of > mf ? of : mf, hi = ot < mt ? ot : mt;
	if (hi - lo < 2)
		return 0;
	int y = lo + (int)((hi - lo - 1) * pow(gpw_unit(s), 1.3));
	int founding = y == of;
	size_t n = 0;
	int role = founding ? GEOPOL_ROLE_FOUNDING_MEMBER
		 : gpw_unit(s) < 0.15 ? GEOPOL_ROLE_OBSERVER : GEOPOL_ROLE_MEMBER;
	geopol_date from = founding ? w->ent[org].from : rand_date(s, y);
	while (n < room && n < ROLE_CHAIN_MAX) {
		gpw_membership *m = &w->mem[w->n_mem + n];
		m->org = org;
		m->member = mem;
		m->role = (uint8_t)role;
		m->from = from;
		m->source = (uint32_t)gpw_below(s, w->cfg.n_sources);
		/* Spells last years to decades; many are still open. */
		int fy = year_of(from);
		int len = 1 + (int)(40 * pow(gpw_unit(s), 1.5));
		int open = gpw_unit(s) < 0.22;
		int ey = fy + len;
		if (open || ey >= hi) {
			m->to = hi > NOW_YEAR ? OPEN : rand_date(s, hi);
			if (m->to.precision && year_of(m->to) <= fy)
				m->to = OPEN;
			n++;
			break;
		}
		m->to = rand_date(s, ey);
		n++;
		double u = gpw_unit(s);
		if (u < 0.30) {
			/* a change of role, at once */
			from = m->to;
			role = role == GEOPOL_ROLE_OBSERVER ? GEOPOL_ROLE_MEMBER
			     : gpw_unit(s) < 0.5 ? GEOPOL_ROLE_SUSPENDED : GEOPOL_ROLE_ASSOCIATE;
		} else if (u < 0.70) {
			/* left, rejoined later as a member */
			int gap = 1 + (int)gpw_below(s, 10);
			if (ey + gap + 1 >= hi)
				break;
			from = rand_date(s, ey + gap);
			role = GEOPOL_ROLE_MEMBER;
		} else {
			break;
		}
	}
	return n;
}

/* One more member for an organization: a member not yet tried (a bit per
 * pair), and its chain of spells. Returns the spells added. */
static size_t add_member(gpw_world *w, uint64_t *s, size_t o, unsigned char *used, size_t room)
{
	size_t n_states = w->cfg.n_states, n_orgs = w->cfg.n_orgs, n_ent = w->n_ent;
	uint32_t org = (uint32_t)(n_states + o);
	for (int tries = 0; tries < 16; tries++) {
		/* Mostly states; now and then another organization (the EU in
		 * the G20). */
		uint32_t mem = gpw_unit(s) < 0.12 ? (uint32_t)(n_states + gpw_below(s, n_orgs))
						   : (uint32_t)gpw_below(s, n_states);
		size_t bit = o * n_ent + mem;
		if (mem == org || (used[bit / 8] >> (bit % 8) & 1))
			continue;
		used[bit / 8] |= (unsigned char)(1u << (bit % 8));
		size_t k = gen_pair(w, s, org, mem, room);
		w->n_mem += k;
		if (k)
			return k;
	}
	return 0;
}

static int gen_memberships(gpw_world *w, uint64_t *s)
{
	const gpw_config *c = &w->cfg;
	size_t n_orgs = c->n_orgs, n_states = c->n_states;
	double *wt = malloc(n_orgs * sizeof *wt);
	size_t *quota = malloc(n_orgs * sizeof *quota);
	unsigned char *used = calloc((n_orgs * w->n_ent + 7) / 8, 1);
	if (!wt || !quota || !used) {
		free(wt);
		free(quota);
		free(used);
		return -1;
	}
	/* Log-normal sizes: many small organizations, a few near-universal. */
	double total = 0;
	for (size_t o = 0; o < n_orgs; o++) {
		wt[o] = exp(0.9 * normal(s));
		total += wt[o];
	}
	for (size_t o = 0; o < n_orgs; o++) {
		quota[o] = (size_t)(c->n_memberships * wt[o] / total);
		size_t got = 0;
		for (int miss = 0; got < quota[o] && miss < 64 && w->n_mem < c->n_memberships;) {
			size_t k = add_member(w, s, o, used, c->n_memberships - w->n_mem);
			got += k;
			miss = k ? 0 : miss + 1;
		}
	}
	/* What the big ones could not take goes round the others. */
	for (int progress = 1; w->n_mem < c->n_memberships && progress;) {
		progress = 0;
		for (size_t o = 0; o < n_orgs && w->n_mem < c->n_memberships; o++) {
			size_t k = add_member(w, s, o, used, c->n_memberships - w->n_mem);
			progress |= k != 0;
		}
	}
	free(wt);
	free(quota);
	free(used);
	(void)n_states;
	return 0;
}

static void gen_relations(gpw_world *w, uint64_t *s, const uint32_t *state_cdf)
{
	const gpw_config *c = &w->cfg;
	while (w->n_rel < c->n_relations) {
		gpw_relation *r = &w->rel[w->n_rel];
		uint32_t a = (uint32_t)pick_cdf(state_cdf, c->n_states, s);
		uint32_t b = (uint32_t)pick_cdf(state_cdf, c->n_states, s);
		if (a == b)
			continue;
		int af, at, bf, bt;
		if (!alive_span(&w->ent[a], &af, &at) || !alive_span(&w->ent[b], &bf, &bt))
			continue;
		int lo = af > bf ? af : bf, hi = at < bt ? at : bt;
		if (hi - lo < 2)
			continue;
		int x = (int)gpw_below(s, 100), t = 0;
		while (rel_type_cdf[t] <= x)
			t++;
		r->a = a;
		r->b = b;
		r->type = (uint8_t)t;
		r->source = (uint32_t)gpw_below(s, c->n_sources);
		r->usd = 0;
		if (strcmp(gpw_relation_types[t].code, "trade") == 0) {
			/* one row a dyad-year, as COW's trade data */
			int y = lo + (int)((hi - lo - 1) * pow(gpw_unit(s), 0.5));
			r->from = ymd(y, 0, 0);
			r->to = ymd(y + 1, 0, 0);
			r->usd = (int64_t)(1e6 * exp(3 * normal(s))) + 1;
		} else {
			int y = lo + (int)((hi - lo - 1) * pow(gpw_unit(s), 0.6));
			r->from = rand_date(s, y);
			int len = 1 + (int)(40 * pow(gpw_unit(s), 1.5));
			if (gpw_unit(s) < 0.25 || y + len >= hi)
				r->to = hi > NOW_YEAR ? OPEN : rand_date(s, hi);
			else
				r->to = rand_date(s, y + len);
			if (r->to.precision && year_of(r->to) <= y)
				r->to = ymd(y + 1, 0, 0);
		}
		w->n_rel++;
	}
}

int gpw_generate(gpw_world *w, const gpw_config *c)
{
	memset(w, 0, sizeof *w);
	w->cfg = *c;
	uint64_t s = c->seed;
	w->n_ent = c->n_states + c->n_orgs;
	w->ent = calloc(w->n_ent, sizeof *w->ent);
	w->mem = calloc(c->n_memberships, sizeof *w->mem);
	w->rel = calloc(c->n_relations, sizeof *w->rel);
	w->actor_cdf = calloc(w->n_ent, sizeof *w->actor_cdf);
	uint32_t *state_cdf = calloc(c->n_states, sizeof *state_cdf);
	if (!w->ent || !w->mem || !w->rel || !w->actor_cdf || !state_cdf) {
		free(state_cdf);
		gpw_free(w);
		return -1;
	}
	gen_entities(w, &s);
	if (gen_memberships(w, &s)) {
		free(state_cdf);
		gpw_free(w);
		return -1;
	}
	/* Skewed weights: a state's share of relations and events falls with
	 * its rank (Zipf, exponent 0.8), ranks shuffled against the ids. */
	uint32_t acc = 0;
	for (size_t i = 0; i < c->n_states; i++) {
		size_t rank = 1 + (i * 7 + 3) % c->n_states;
		acc += (uint32_t)(100000.0 / pow((double)rank, 0.8)) + 1;
		state_cdf[i] = acc;
	}
	gen_relations(w, &s, state_cdf);
	/* Event actors: states by the same skew, organizations now and then. */
	acc = 0;
	for (size_t i = 0; i < w->n_ent; i++) {
		uint32_t prev = i ? state_cdf[i < c->n_states ? i - 1 : c->n_states - 1] : 0;
		uint32_t wt = i < c->n_states ? state_cdf[i] - prev
			    : (uint32_t)(state_cdf[c->n_states - 1] / 9 / c->n_orgs) + 1;
		acc += wt;
		w->actor_cdf[i] = acc;
	}
	free(state_cdf);
	return 0;
}

void gpw_free(gpw_world *w)
{
	free(w->ent);
	free(w->mem);
	free(w->rel);
	free(w->actor_cdf);
	memset(w, 0, sizeof *w);
}

void gpw_event_get(const gpw_world *w, size_t i, gpw_event *ev)
{
	uint64_t s = w->cfg.seed * 31 + 0x5EEDull + i * 0xD1B54A32D192ED03ull;
	gpw_rand(&s);
	memset(ev, 0, sizeof *ev);
	/* More events nearer the present, as in GDELT. */
	int y = 1979 + (int)(46 * sqrt(gpw_unit(&s)));
	ev->date = ymd(y, 1 + (int)gpw_below(&s, 12), 1 + (int)gpw_below(&s, 28));
	ev->type = (uint8_t)gpw_below(&s, gpw_n_event_types);
	ev->n_actors = gpw_unit(&s) < 0.7 ? 2 : 3;
	for (int k = 0; k < ev->n_actors; k++) {
		uint32_t a;
		int again;
		do {
			a = (uint32_t)pick_cdf(w->actor_cdf, w->n_ent, &s);
			again = 0;
			for (int j = 0; j < k; j++)
				again |= ev->actor[j] == a;
		} while (again);
		ev->actor[k] = a;
		ev->role[k] = (uint8_t)(k == 0 ? GEOPOL_ACTOR_SOURCE
				       : k == 1 ? GEOPOL_ACTOR_TARGET : GEOPOL_ACTOR_PARTICIPANT);
	}
	ev->intensity = gpw_unit(&s) < 0.5 ? NAN : gpw_event_types[ev->type].goldstein;
	ev->source = (uint32_t)gpw_below(&s, w->cfg.n_sources);
	ev->ext = i + 1;
}

size_t gpw_counts_rows(const gpw_counts *c)
{
	return c->sources + c->entities + c->names + c->memberships + c->relations + c->events;
}

/* ---- loading through the library */

static int fail(geopol_db *db, const char *what, int rc)
{
	fprintf(stderr, "bench: %s: %s (%d)\n", what, geopol_errmsg(db), rc);
	return rc ? rc : -1;
}

static int load_library(geopol_db *db, const gpw_world *w, gpw_counts *out, int bulk)
{
	const gpw_config *c = &w->cfg;
	gpw_counts n = {0};
	int64_t *src = malloc(c->n_sources * sizeof *src);
	if (!src)
		return GEOPOL_ENOMEM;
	int rc = bulk ? geopol_begin_bulk(db) : geopol_begin(db);
	if (rc) {
		free(src);
		return fail(db, "begin", rc);
	}
	/* Inside a transaction a savepoint only takes the recorded-time stamp,
	 * as the importers do. */
	if ((rc = gp_savepoint(db)))
		goto out;
	for (size_t i = 0; i < gpw_n_event_types; i++)
		if ((rc = gp_event_type_add(db, gpw_event_types[i].code, gpw_event_types[i].name,
					    gpw_event_types[i].goldstein)) < 0)
			goto out;
	for (size_t i = 0; i < c->n_sources; i++) {
		char code[32], title[64];
		snprintf(code, sizeof code, "bench:%05zu", i);
		snprintf(title, sizeof title, "Bench source %zu", i);
		geopol_source_spec sp = GEOPOL_SOURCE_SPEC_INIT;
		sp.code = code;
		sp.title = title;
		sp.lang = "en";
		if ((rc = gp_source_add(db, &sp)) < 0 || (rc = gp_source_id(db, code, &src[i])) < 0)
			goto out;
		n.sources++;
	}
	for (size_t i = 0; i < w->n_ent; i++) {
		geopol_entity_spec sp = GEOPOL_ENTITY_SPEC_INIT;
		sp.code = w->ent[i].code;
		sp.kind = w->ent[i].kind;
		sp.from = w->ent[i].from;
		sp.to = w->ent[i].to;
		if ((rc = gp_entity_add(db, &sp)) < 0)
			goto out;
		n.entities++;
		gpw_name names[6];
		char buf[1024];
		size_t k = gpw_names(w, i, names, buf, sizeof buf);
		for (size_t j = 0; j < k; j++) {
			geopol_name_spec ns = GEOPOL_NAME_SPEC_INIT;
			ns.entity = sp.code;
			ns.text = names[j].text;
			ns.lang = names[j].lang;
			ns.kind = names[j].kind;
			if ((rc = gp_name_add(db, &ns, 0, NULL)) < 0)
				goto out;
			if (rc == GEOPOL_OK &&
			    (rc = gp_cite_row(db, GEOPOL_FACT_NAME, db->last_row, src[i % c->n_sources], NULL)))
				goto out;
			n.names++;
		}
	}
	for (size_t i = 0; i < w->n_mem; i++) {
		const gpw_membership *m = &w->mem[i];
		geopol_membership_spec sp = GEOPOL_MEMBERSHIP_SPEC_INIT;
		sp.org = w->ent[m->org].code;
		sp.member = w->ent[m->member].code;
		sp.role = m->role;
		sp.from = m->from;
		sp.to = m->to;
		if ((rc = gp_membership_add(db, &sp, 0, NULL)) < 0)
			goto out;
		if (rc == GEOPOL_OK &&
		    (rc = gp_cite_row(db, GEOPOL_FACT_MEMBERSHIP, db->last_row, src[m->source], NULL)))
			goto out;
		n.memberships++;
	}
	for (size_t i = 0; i < w->n_rel; i++) {
		const gpw_relation *r = &w->rel[i];
		char attrs[64];
		geopol_relation_spec sp = GEOPOL_RELATION_SPEC_INIT;
		sp.a = w->ent[r->a].code;
		sp.b = w->ent[r->b].code;
		sp.type = gpw_relation_types[r->type].code;
		sp.from = r->from;
		sp.to = r->to;
		if (r->usd) {
			snprintf(attrs, sizeof attrs, "{\"usd\":%lld,\"year\":%d}", (long long)r->usd,
				 year_of(r->from));
			sp.attrs = attrs;
		}
		if ((rc = gp_relation_add(db, &sp, 0, NULL)) < 0)
			goto out;
		if (rc == GEOPOL_OK &&
		    (rc = gp_cite_row(db, GEOPOL_FACT_RELATION, db->last_row, src[r->source], NULL)))
			goto out;
		n.relations++;
	}
	for (size_t i = 0; i < c->n_events; i++) {
		gpw_event ev;
		gpw_event_get(w, i, &ev);
		char ext[32];
		snprintf(ext, sizeof ext, "W:%llu", (unsigned long long)ev.ext);
		geopol_actor_spec actors[3];
		for (int k = 0; k < ev.n_actors; k++) {
			actors[k].entity = w->ent[ev.actor[k]].code;
			actors[k].role = ev.role[k];
		}
		geopol_event_spec sp = GEOPOL_EVENT_SPEC_INIT;
		sp.ext_id = ext;
		sp.type = gpw_event_types[ev.type].code;
		sp.date = ev.date;
		sp.actors = actors;
		sp.n_actors = ev.n_actors;
		sp.intensity = ev.intensity;
		if ((rc = gp_event_add(db, &sp, 0, NULL)) < 0)
			goto out;
		if (rc == GEOPOL_OK &&
		    (rc = gp_cite_row(db, GEOPOL_FACT_EVENT, db->last_row, src[ev.source], NULL)))
			goto out;
		n.events++;
		n.actors += ev.n_actors;
	}
	rc = GEOPOL_OK;
out:
	free(src);
	if (rc < 0) {
		fail(db, "loading the world", rc);
		gp_release(db, rc);
		geopol_rollback(db);
		return rc;
	}
	if ((rc = gp_release(db, GEOPOL_OK)) || (rc = geopol_commit(db)))
		return fail(db, "commit", rc);
	if (out)
		*out = n;
	return GEOPOL_OK;
}

int gpw_load_library(geopol_db *db, const gpw_world *w, gpw_counts *out)
{
	return load_library(db, w, out, 1);
}

int gpw_load_library_plain_txn(geopol_db *db, const gpw_world *w, gpw_counts *out)
{
	return load_library(db, w, out, 0);
}

/* ---- the bare SQLite baseline */

/* The tables an analyst writes first; the unique keys and the indexes come
 * in baseline_indexes, so that the plain baseline can build them after the
 * load (bench_bulk) while the indexed one keeps them during it. */
static const char baseline_tables[] =
	"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
	"CREATE TABLE source (id INTEGER PRIMARY KEY, code TEXT NOT NULL, title TEXT, lang TEXT);"
	"CREATE TABLE entity (id INTEGER PRIMARY KEY, code TEXT NOT NULL, kind INTEGER NOT NULL,"
	" from_day INTEGER, from_prec INTEGER, to_day INTEGER, to_prec INTEGER);"
	"CREATE TABLE name (id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL REFERENCES entity(id),"
	" lang TEXT NOT NULL, kind INTEGER NOT NULL, text TEXT NOT NULL,"
	" source_id INTEGER REFERENCES source(id));"
	"CREATE TABLE membership (id INTEGER PRIMARY KEY,"
	" org_id INTEGER NOT NULL REFERENCES entity(id), member_id INTEGER NOT NULL REFERENCES entity(id),"
	" role INTEGER NOT NULL, from_day INTEGER, from_prec INTEGER, to_day INTEGER, to_prec INTEGER,"
	" source_id INTEGER REFERENCES source(id));"
	"CREATE TABLE relation (id INTEGER PRIMARY KEY,"
	" a_id INTEGER NOT NULL REFERENCES entity(id), b_id INTEGER NOT NULL REFERENCES entity(id),"
	" type TEXT NOT NULL, attrs TEXT, from_day INTEGER, from_prec INTEGER, to_day INTEGER,"
	" to_prec INTEGER, source_id INTEGER REFERENCES source(id));"
	"CREATE TABLE event (id INTEGER PRIMARY KEY, ext_id TEXT, type TEXT NOT NULL,"
	" intensity REAL, day INTEGER NOT NULL, prec INTEGER NOT NULL,"
	" source_id INTEGER REFERENCES source(id));"
	"CREATE TABLE event_actor (event_id INTEGER NOT NULL REFERENCES event(id),"
	" entity_id INTEGER NOT NULL REFERENCES entity(id), role INTEGER NOT NULL,"
	" PRIMARY KEY (event_id, entity_id, role)) WITHOUT ROWID;";

static const char baseline_indexes[] =
	"CREATE UNIQUE INDEX source_code ON source(code);"
	"CREATE UNIQUE INDEX entity_code ON entity(code);"
	"CREATE INDEX name_entity ON name(entity_id);"
	"CREATE INDEX membership_org ON membership(org_id, from_day);"
	"CREATE INDEX membership_member ON membership(member_id, from_day);"
	"CREATE INDEX relation_a ON relation(a_id, from_day);"
	"CREATE INDEX relation_b ON relation(b_id, from_day);"
	"CREATE UNIQUE INDEX event_ext ON event(ext_id);"
	"CREATE INDEX event_day ON event(day);"
	"CREATE INDEX event_actor_entity ON event_actor(entity_id, event_id);";

static int baseline_exec(sqlite3 *db, const char *sql, const char *what)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "bench: baseline %s: %s\n", what, err);
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

int gpw_baseline_tables(sqlite3 *db)
{
	return baseline_exec(db, baseline_tables, "schema");
}

int gpw_baseline_indexes(sqlite3 *db)
{
	/* one transaction, with the page cache the load had */
	return baseline_exec(db, "BEGIN", "indexes") || baseline_exec(db, baseline_indexes, "indexes") ||
	       baseline_exec(db, "COMMIT", "indexes");
}

int gpw_baseline_schema(sqlite3 *db)
{
	return gpw_baseline_tables(db) || baseline_exec(db, baseline_indexes, "schema");
}

static void bind_day(sqlite3_stmt *st, int i, geopol_date d)
{
	if (d.precision)
		sqlite3_bind_int(st, i, d.day);
	else
		sqlite3_bind_null(st, i);
	sqlite3_bind_int(st, i + 1, d.precision);
}

static int step(sqlite3 *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "bench: baseline: %s\n", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

int gpw_load_baseline(sqlite3 *db, const gpw_world *w, gpw_counts *out)
{
	static const char *const sql[] = {
		"INSERT INTO source(id, code, title, lang) VALUES (?1, ?2, ?3, 'en')",
		"INSERT INTO entity(id, code, kind, from_day, from_prec, to_day, to_prec) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		"INSERT INTO name(entity_id, lang, kind, text, source_id) VALUES (?1, ?2, ?3, ?4, ?5)",
		"INSERT INTO membership(org_id, member_id, role, from_day, from_prec, to_day, to_prec, "
		"source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		"INSERT INTO relation(a_id, b_id, type, attrs, from_day, from_prec, to_day, to_prec, "
		"source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		"INSERT INTO event(id, ext_id, type, intensity, day, prec, source_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		"INSERT INTO event_actor(event_id, entity_id, role) VALUES (?1, ?2, ?3)",
	};
	enum { N = sizeof sql / sizeof sql[0] };
	sqlite3_stmt *st[N] = {0};
	const gpw_config *c = &w->cfg;
	gpw_counts n = {0};
	int rc = -1;
	for (int i = 0; i < N; i++)
		if (sqlite3_prepare_v2(db, sql[i], -1, &st[i], NULL) != SQLITE_OK) {
			fprintf(stderr, "bench: baseline: %s\n", sqlite3_errmsg(db));
			goto out;
		}
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	for (size_t i = 0; i < c->n_sources; i++) {
		char code[32], title[64];
		snprintf(code, sizeof code, "bench:%05zu", i);
		snprintf(title, sizeof title, "Bench source %zu", i);
		sqlite3_bind_int64(st[0], 1, (int64_t)i + 1);
		sqlite3_bind_text(st[0], 2, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st[0], 3, title, -1, SQLITE_TRANSIENT);
		if (step(db, st[0]))
			goto out;
		n.sources++;
	}
	/* Entity i has id i + 1: the application knows its own ids. */
	for (size_t i = 0; i < w->n_ent; i++) {
		const gpw_entity *e = &w->ent[i];
		sqlite3_bind_int64(st[1], 1, (int64_t)i + 1);
		sqlite3_bind_text(st[1], 2, e->code, -1, SQLITE_STATIC);
		sqlite3_bind_int(st[1], 3, e->kind);
		bind_day(st[1], 4, e->from);
		bind_day(st[1], 6, e->to);
		if (step(db, st[1]))
			goto out;
		n.entities++;
		gpw_name names[6];
		char buf[1024];
		size_t k = gpw_names(w, i, names, buf, sizeof buf);
		for (size_t j = 0; j < k; j++) {
			sqlite3_bind_int64(st[2], 1, (int64_t)i + 1);
			sqlite3_bind_text(st[2], 2, names[j].lang, -1, SQLITE_STATIC);
			sqlite3_bind_int(st[2], 3, names[j].kind);
			sqlite3_bind_text(st[2], 4, names[j].text, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st[2], 5, (int64_t)(i % c->n_sources) + 1);
			if (step(db, st[2]))
				goto out;
			n.names++;
		}
	}
	for (size_t i = 0; i < w->n_mem; i++) {
		const gpw_membership *m = &w->mem[i];
		sqlite3_bind_int64(st[3], 1, m->org + 1);
		sqlite3_bind_int64(st[3], 2, m->member + 1);
		sqlite3_bind_int(st[3], 3, m->role);
		bind_day(st[3], 4, m->from);
		bind_day(st[3], 6, m->to);
		sqlite3_bind_int64(st[3], 8, m->source + 1);
		if (step(db, st[3]))
			goto out;
		n.memberships++;
	}
	for (size_t i = 0; i < w->n_rel; i++) {
		const gpw_relation *r = &w->rel[i];
		char attrs[64];
		sqlite3_bind_int64(st[4], 1, r->a + 1);
		sqlite3_bind_int64(st[4], 2, r->b + 1);
		sqlite3_bind_text(st[4], 3, gpw_relation_types[r->type].code, -1, SQLITE_STATIC);
		if (r->usd) {
			snprintf(attrs, sizeof attrs, "{\"usd\":%lld,\"year\":%d}", (long long)r->usd,
				 year_of(r->from));
			sqlite3_bind_text(st[4], 4, attrs, -1, SQLITE_TRANSIENT);
		} else {
			sqlite3_bind_null(st[4], 4);
		}
		bind_day(st[4], 5, r->from);
		bind_day(st[4], 7, r->to);
		sqlite3_bind_int64(st[4], 9, r->source + 1);
		if (step(db, st[4]))
			goto out;
		n.relations++;
	}
	for (size_t i = 0; i < c->n_events; i++) {
		gpw_event ev;
		gpw_event_get(w, i, &ev);
		char ext[32];
		snprintf(ext, sizeof ext, "W:%llu", (unsigned long long)ev.ext);
		sqlite3_bind_int64(st[5], 1, (int64_t)i + 1);
		sqlite3_bind_text(st[5], 2, ext, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st[5], 3, gpw_event_types[ev.type].code, -1, SQLITE_STATIC);
		if (isnan(ev.intensity))
			sqlite3_bind_null(st[5], 4);
		else
			sqlite3_bind_double(st[5], 4, ev.intensity);
		bind_day(st[5], 5, ev.date);
		sqlite3_bind_int64(st[5], 7, ev.source + 1);
		if (step(db, st[5]))
			goto out;
		for (int k = 0; k < ev.n_actors; k++) {
			sqlite3_bind_int64(st[6], 1, (int64_t)i + 1);
			sqlite3_bind_int64(st[6], 2, ev.actor[k] + 1);
			sqlite3_bind_int(st[6], 3, ev.role[k]);
			if (step(db, st[6]))
				goto out;
		}
		n.events++;
		n.actors += ev.n_actors;
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: baseline commit: %s\n", sqlite3_errmsg(db));
		goto out;
	}
	rc = 0;
	if (out)
		*out = n;
out:
	if (rc)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	for (int i = 0; i < N; i++)
		sqlite3_finalize(st[i]);
	return rc;
}

/* ---- cached database files */

void gpw_db_path(char *buf, size_t size, const gpw_config *c, const char *kind)
{
	const char *dir = getenv("GEOPOL_BENCH_DIR");
	if (!dir || !*dir)
		dir = ".";
	snprintf(buf, size, "%s/world-%s-%llu-%s.db", dir, c->scale,
		 (unsigned long long)c->seed, kind);
}

static int file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && sb.st_size > 0;
}

void gpw_remove_db(const char *path)
{
	char aux[1100];
	unlink(path);
	if (snprintf(aux, sizeof aux, "%s-wal", path) < (int)sizeof aux)
		unlink(aux);
	if (snprintf(aux, sizeof aux, "%s-shm", path) < (int)sizeof aux)
		unlink(aux);
}

/* A built file is renamed into place only when complete. */
int gpw_open_library(geopol_db **out, const gpw_world *w)
{
	char path[1024], tmp[1100];
	gpw_db_path(path, sizeof path, &w->cfg, "geopol");
	if (!file_exists(path)) {
		if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
			return -1;
		gpw_remove_db(tmp);
		geopol_db *db;
		int rc = geopol_open(&db, tmp, NULL);
		if (rc) {
			fprintf(stderr, "bench: %s: %s\n", tmp, geopol_errmsg(db));
			geopol_close(db);
			return rc;
		}
		gpw_note("building %s through the library (not timed)", path);
		rc = gpw_load_library(db, w, NULL);
		sqlite3_exec(db->sql, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
		geopol_close(db);
		if (rc)
			return rc;
		rename(tmp, path);
	}
	int rc = geopol_open(out, path, NULL);
	if (rc)
		fprintf(stderr, "bench: %s: %s\n", path, geopol_errmsg(*out));
	return rc;
}

int gpw_open_baseline(sqlite3 **out, const gpw_world *w)
{
	char path[1024], tmp[1100];
	gpw_db_path(path, sizeof path, &w->cfg, "baseline");
	if (!file_exists(path)) {
		if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
			return -1;
		gpw_remove_db(tmp);
		sqlite3 *db;
		if (sqlite3_open(tmp, &db) != SQLITE_OK)
			return -1;
		gpw_note("building %s on bare SQLite (not timed)", path);
		int rc = gpw_baseline_tables(db);
		if (!rc)
			rc = gpw_load_baseline(db, w, NULL);
		if (!rc)
			rc = gpw_baseline_indexes(db);
		sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
		sqlite3_close(db);
		if (rc)
			return rc;
		rename(tmp, path);
	}
	if (sqlite3_open(path, out) != SQLITE_OK)
		return -1;
	return 0;
}

/* ---- timing and reporting */

double gpw_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double gpw_cpu_now(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

long gpw_peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

void gpw_report(const char *name, double value, const char *unit, double ratio)
{
	if (isnan(ratio))
		printf("%s %.6g %s -\n", name, value, unit);
	else
		printf("%s %.6g %s %.4g\n", name, value, unit, ratio);
	fflush(stdout);
}

void gpw_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

int gpw_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double gpw_median(double *v, size_t n)
{
	if (!n)
		return NAN;
	qsort(v, n, sizeof *v, gpw_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
