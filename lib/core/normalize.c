/*
 * normalize.c - the rules of the text the library keeps: valid UTF-8
 * (gp_check_utf8) and the search key of a name (DESIGN.md section 4).
 *
 * The key is what two spellings of one name have in common once the
 * differences analysts do not care about are folded away:
 *
 *  1. utf8proc: NFKC (presentation forms, full-width letters, ligatures),
 *     full case folding, combining marks stripped (Latin and Cyrillic
 *     diacritics, Arabic harakat, shadda and the hamza carried by أ إ ؤ ئ,
 *     the madda of آ), default-ignorable code points and control characters
 *     dropped, Unicode punctuation lumped to its ASCII look-alike.
 *  2. The Arabic folds utf8proc does not make: ٱ → ا, ى → ي, ة → ه,
 *     Persian/Urdu ک → ك and ی → ي, tatweel removed, Arabic-Indic and
 *     Persian digits → ASCII digits.
 *  3. Words: a word is a run of letters and digits (Unicode categories L*
 *     and N*). Apostrophes inside a word are dropped ("Côte d'Ivoire" →
 *     "cote divoire", "Oʻzbekiston" → "ozbekiston"); every other run of
 *     punctuation, symbols and white space becomes one ASCII space
 *     ("Nur-Sultan" → "nur sultan"). Single letters written with dots are
 *     joined into one word, so acronyms match however they were typed
 *     ("U.S.A." → "usa", "Washington, D.C." → "washington dc").
 *
 * Kazakh letters such as қ ғ ұ ү ө are base letters in Unicode, not
 * letters with marks: they stay distinct from к г у ө, and the typo-tolerant
 * search (search/resolve.c) bridges Қазақстан and Казахстан.
 */
#include "core/geopol_internal.h"

#include <stdlib.h>
#include <string.h>

int gp_check_utf8(geopol_db *db, const char *field, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	if (s && gp_utf8_valid_len(s, len) != len)
		return gp_error(db, GEOPOL_EINVAL, "field '%s': invalid UTF-8", field);
	return GEOPOL_OK;
}
#include <utf8proc.h>

#define UTF8PROC_OPTIONS                                                    \
	(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |             \
	 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE |         \
	 UTF8PROC_STRIPCC | UTF8PROC_LUMP)

/* The Arabic folds of DESIGN.md section 4 that are not Unicode
 * normalization. Returns the folded code point, or -1 to drop it. */
static utf8proc_int32_t arabic_fold(utf8proc_int32_t c)
{
	switch (c) {
	case 0x0671: return 0x0627; /* ٱ alef wasla → ا */
	case 0x0649: return 0x064A; /* ى alef maksura → ي */
	case 0x0629: return 0x0647; /* ة teh marbuta → ه */
	case 0x06A9: return 0x0643; /* ک keheh → ك */
	case 0x06CC: return 0x064A; /* ی Farsi yeh → ي */
	case 0x0640: return -1;     /* ـ tatweel */
	default: break;
	}
	if (c >= 0x0660 && c <= 0x0669) /* Arabic-Indic digits */
		return '0' + (c - 0x0660);
	if (c >= 0x06F0 && c <= 0x06F9) /* Extended (Persian) digits */
		return '0' + (c - 0x06F0);
	return c;
}

/* Apostrophes and the modifier letters used as apostrophes in Latin
 * alphabets of Turkic languages. LUMP has already turned ’ ‘ ′ into '. */
static int is_apostrophe(utf8proc_int32_t c)
{
	return c == '\'' || c == '`' || c == 0x02BC || c == 0x02BB ||
	       c == 0x02B9 || c == 0x02BD;
}

static int is_word_char(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

static int is_letter(utf8proc_int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

/* A word of the key being built: where its bytes are in the output and
 * what follows it, for the rule that joins dotted single letters. */
typedef struct word {
	size_t start, len;   /* bytes in the output buffer */
	int single_letter;   /* exactly one code point, a letter */
	int dot_after;       /* followed by '.' and then only white space */
} word;

/*
 * Split the mapped text into words (written back to back into out, their
 * bounds in w[]); return the number of words. The mapped text is valid
 * UTF-8 (utf8proc produced it), so iteration cannot fail.
 */
static size_t split_words(const utf8proc_uint8_t *s, utf8proc_ssize_t n,
			  char *out, word *w)
{
	size_t nw = 0, o = 0;
	/* sep_state, since the last word: 0 nothing, 1 a dot and then only
	 * spaces (STRIPCC and LUMP made every space ' '), 2 anything else */
	int in_word = 0, cps = 0, sep_state = 0;
	utf8proc_ssize_t i = 0;

	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t step = utf8proc_iterate(s + i, n - i, &c);
		if (step <= 0)
			break;
		i += step;
		c = arabic_fold(c);
		if (c < 0)
			continue;
		if (is_apostrophe(c) && in_word)
			continue; /* inside or after a word: drop it */
		if (is_word_char(c)) {
			if (!in_word) {
				if (nw > 0)
					w[nw - 1].dot_after = (sep_state == 1);
				w[nw].start = o;
				w[nw].len = 0;
				w[nw].single_letter = 0;
				w[nw].dot_after = 0;
				nw++;
				in_word = 1;
				cps = 0;
				sep_state = 0;
			}
			o += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + o);
			w[nw - 1].len = o - w[nw - 1].start;
			cps++;
			w[nw - 1].single_letter = (cps == 1 && is_letter(c));
			continue;
		}
		/* a separator */
		if (in_word) {
			in_word = 0;
			sep_state = (c == '.') ? 1 : 2;
		} else if (sep_state == 1 && c != ' ') {
			sep_state = 2;
		}
	}
	if (nw > 0 && !in_word)
		w[nw - 1].dot_after = (sep_state == 1);
	return nw;
}

int gp_normalize(const char *text, size_t len, char **out)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	char *words = NULL, *key = NULL;
	word *w = NULL;
	size_t nw, k = 0;

	if (out == NULL)
		return GEOPOL_EINVAL;
	*out = NULL;
	if (text == NULL || len == 0 || len > GP_NORMALIZE_MAX)
		return GEOPOL_EINVAL;
	/* A NUL byte is valid UTF-8 but never part of a name: a C string
	 * would silently end there. */
	if (memchr(text, '\0', len) != NULL)
		return GEOPOL_EINVAL;

	n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len,
			 &mapped, UTF8PROC_OPTIONS);
	if (n < 0)
		return n == UTF8PROC_ERROR_NOMEM ? GEOPOL_ENOMEM : GEOPOL_EINVAL;

	/* Folds only shrink or keep the byte length of each code point, so
	 * n + 1 bytes hold the words and the key. There are at most n words. */
	words = malloc((size_t)n + 1);
	key = malloc((size_t)n + 1);
	w = malloc(((size_t)n + 1) * sizeof *w);
	if (words == NULL || key == NULL || w == NULL) {
		free(mapped);
		free(words);
		free(key);
		free(w);
		return GEOPOL_ENOMEM;
	}
	nw = split_words(mapped, n, words, w);
	free(mapped);

	for (size_t i = 0; i < nw; i++) {
		/* U.S.A → usa: a dotted single letter joins the next one. */
		int join = i > 0 && w[i - 1].single_letter && w[i - 1].dot_after &&
			   w[i].single_letter;
		if (i > 0 && !join)
			key[k++] = ' ';
		memcpy(key + k, words + w[i].start, w[i].len);
		k += w[i].len;
	}
	key[k] = '\0';
	free(words);
	free(w);
	if (k == 0) {
		free(key);
		return GEOPOL_EINVAL;
	}
	*out = key;
	return GEOPOL_OK;
}

int geopol_normalize(const char *text, size_t len, char **out)
{
	return gp_normalize(text, len, out);
}

void geopol_free(void *p)
{
	free(p);
}
