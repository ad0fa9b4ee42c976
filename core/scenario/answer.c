/*
 * answer.c — typed answers against accepted ones (answer.h;
 * docs/scenarios.md SCN-ANSWER).
 *
 * Design.  Both sides are brought to one canonical form and compared:
 * a number becomes "#" and its value in hex, anything else a word in
 * lower case with its separators made one underscore. So "0x1D2", "1d2",
 * "1d2h" and "0n466" are all "#1d2"; "Demand-Zero-Fault", "demand zero"
 * and "DEMAND_ZERO" are all "demand_zero". Synonyms are classes of such
 * canonical forms (a form may sit in several classes: "no" is both "none"
 * and "false"), so the numeric code of an exception is one more member of
 * its class.
 *
 * The leak rule of `--check` (scncheck.h C6) is this same comparison run
 * over the phrases of a text: a question gives itself away exactly when
 * its narration holds a phrase the player would accept as the answer. One
 * rule, not a second guess at what "appears" means.
 *
 * Invariants:
 *  A1. answer_match(x, y) == answer_match(canonical(x), y) for every x:
 *      canonicalising twice changes nothing.
 *  A2. Digits alone are never read in two ways in one comparison: the
 *      accepted answer's notation (ANSWER_TYPED) or decimal (ANSWER_PROSE)
 *      decides.
 */
#include "answer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CANON_MAX 128
#define PHRASE_WORDS 4

/* Classes of equal answers, in canonical form; NULL ends a class. The
 * German terms are those of the German Windows UI and docs/glossary. */
static const char *const synonyms[][8] = {
	{"access_violation", "av", "zugriffsverletzung", "#c0000005", NULL},
	{"guard_page_violation", "#80000001", NULL},
	{"stack_overflow", "stapelueberlauf", "#c00000fd", NULL},
	{"demand_zero", "dz", "demand_zero_pte", NULL},
	{"soft", "weich", "weicher", NULL},
	{"hard", "hart", "harter", NULL},
	{"copy_on_write", "cow", "kopieren_beim_schreiben", NULL},
	{"none", "no", "nothing", "kein", "keiner", "keine", "nichts", NULL},
	{"true", "yes", "ja", "wahr", NULL},
	{"false", "no", "nein", "falsch", NULL},
	{"zeroed", "zero", "genullt", NULL},
	{"free", "frei", "mem_free", NULL},
	{"standby", "standbyliste", NULL},
	{"modified", "geaendert", "modifiziert", NULL},
	{"active", "aktiv", NULL},
	{"valid", "gueltig", NULL},
	{"transition", "uebergang", NULL},
	{"prototype", "prototyp", NULL},
	{"page_table", "seitentabelle", NULL},
	{"fault", "page_fault", "seitenfehler", "invalid", "ungueltig", "not_present", NULL},
	{"committed", "commit", "mem_commit", "zugesichert", NULL},
	{"reserved", "reserve", "mem_reserve", "reserviert", NULL},
	{"page_file", "pagefile", "auslagerungsdatei", NULL},
	{"working_set", "arbeitssatz", "arbeitsmenge", NULL},
	{"read", "lesen", NULL},
	{"write", "schreiben", NULL},
	{"execute", "exec", "ausfuehren", NULL},
	{"unusable", "unbenutzbar", "unbrauchbar", NULL},
};

/* Endings and beginnings that name the kind, not the answer. */
static const char *const drop_suffix[] = {"_page_fault", "_fault", "_seitenfehler", "_list", "_liste", NULL};
static const char *const drop_prefix[] = {"status_", NULL};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Digits of base (10 or 16) from s to e into *v; false on none, a wrong
 * digit or overflow. */
static bool digits(const char *s, const char *e, int base, uint64_t *v)
{
	uint64_t x = 0;
	if (s >= e)
		return false;
	for (; s < e; s++) {
		int d = hexval((unsigned char)*s);
		if (d < 0 || d >= base || x > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		x = x * (uint64_t)base + (uint64_t)d;
	}
	*v = x;
	return true;
}

static bool all_hex_letters(const char *s, const char *e)
{
	for (; s < e; s++)
		if (hexval((unsigned char)*s) < 10)
			return false;
	return true;
}

/* A size suffix (K, KB, M, MB, G, GB) as a shift; -1 when none fits. */
static int size_shift(const char *s)
{
	static const char *const names[] = {"k", "kb", "m", "mb", "g", "gb"};
	static const int shifts[] = {10, 10, 20, 20, 30, 30};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(s, names[i]))
			return shifts[i];
	return -1;
}

/* s (lower case, no backticks) as a number by the rules of answer.h. */
static bool parse_number(const char *s, enum answer_mode mode, bool hex_default, uint64_t *v)
{
	size_t n = strlen(s);
	const char *e = s + n;
	if (n > 2 && s[0] == '0' && s[1] == 'x')
		return digits(s + 2, e, 16, v);
	if (n > 2 && s[0] == '0' && s[1] == 'n')
		return digits(s + 2, e, 10, v);
	if (n > 1 && e[-1] == 'h' && hexval((unsigned char)s[0]) >= 0 && hexval((unsigned char)s[0]) < 10)
		return digits(s, e - 1, 16, v);
	const char *p = s;
	while (p < e && hexval((unsigned char)*p) >= 0)
		p++;
	if (p < e) { /* digits then a size: "4k", "4_kb" */
		const char *q = *p == '_' ? p + 1 : p;
		int sh = size_shift(q);
		uint64_t x;
		if (sh < 0 || !digits(s, p, 10, &x) || x > (UINT64_MAX >> sh))
			return false;
		*v = x << sh;
		return true;
	}
	if (all_hex_letters(s, e)) /* "ff": a number only where the answer is hex */
		return mode == ANSWER_TYPED && hex_default && digits(s, e, 16, v);
	if (digits(s, e, 10, v) && !(mode == ANSWER_TYPED && hex_default))
		return true;
	return digits(s, e, 16, v);
}

static bool is_sep(int c)
{
	return c == ' ' || c == '\t' || c == '_' || c == '-';
}

static bool is_trim(int c)
{
	return is_sep(c) || (c && strchr("\"'.,;:!?()[]{}", c));
}

/* The lower-case word with umlauts folded (ä -> ae, ß -> ss) and
 * separators made single underscores. */
static void fold(const char *s, char *out, size_t n)
{
	size_t k = 0;
	while (*s && is_trim((unsigned char)*s))
		s++;
	for (; *s && k + 3 < n; s++) {
		unsigned char c = (unsigned char)*s;
		const char *rep = NULL;
		if (c == 0xC3 && s[1]) {
			switch ((unsigned char)s[1] | 0x20) {
			case 0xa4: rep = "ae"; break; /* Ä ä */
			case 0xb6: rep = "oe"; break; /* Ö ö */
			case 0xbc: rep = "ue"; break; /* Ü ü */
			case 0x9f: case 0xbf: rep = (unsigned char)s[1] == 0x9f ? "ss" : NULL; break;
			}
		}
		if (rep) {
			out[k++] = rep[0];
			out[k++] = rep[1];
			s++;
		} else if (c == '`') {
			continue;
		} else if (is_sep(c)) {
			if (k && out[k - 1] != '_')
				out[k++] = '_';
		} else {
			out[k++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
		}
	}
	while (k && is_trim((unsigned char)out[k - 1]))
		k--;
	out[k] = '\0';
}

static void drop_ends(char *w)
{
	for (int i = 0; drop_prefix[i]; i++) {
		size_t l = strlen(drop_prefix[i]);
		if (!strncmp(w, drop_prefix[i], l) && w[l])
			memmove(w, w + l, strlen(w + l) + 1);
	}
	for (int i = 0; drop_suffix[i]; i++) {
		size_t l = strlen(drop_suffix[i]), n = strlen(w);
		if (n > l && !strcmp(w + n - l, drop_suffix[i]) && !(n - l == 4 && !strncmp(w, "page", 4)))
			w[n - l] = '\0'; /* but "page fault" stays: "page" alone names nothing */
	}
}

const char *answer_canon(const char *s, enum answer_mode mode, bool hex_default, char *out, size_t n)
{
	char w[CANON_MAX];
	uint64_t v;
	s = s ? s + strspn(s, " \t") : "";
	bool neg = s[0] == '-' && s[1] >= '0' && s[1] <= '9'; /* a decommit's change of commit: "-3" */
	fold(s + neg, w, sizeof w);
	if (parse_number(w, mode, hex_default, &v))
		snprintf(out, n, "#%s%llx", neg && v ? "-" : "", (unsigned long long)v);
	else {
		drop_ends(w);
		snprintf(out, n, "%s", w);
	}
	return out;
}

/* Is the accepted answer written in hex (0x, digits with a-f, h, `)? */
static bool written_hex(const char *a)
{
	char w[CANON_MAX];
	fold(a, w, sizeof w);
	size_t n = strlen(w);
	if ((n > 2 && w[0] == '0' && w[1] == 'x') || strchr(a, '`'))
		return true;
	if (n > 1 && w[n - 1] == 'h')
		return true;
	bool digit = false, letter = false;
	for (size_t i = 0; i < n; i++) {
		int d = hexval((unsigned char)w[i]);
		if (d < 0)
			return false;
		digit |= d < 10;
		letter |= d >= 10;
	}
	return digit && letter;
}

static bool same_class(const char *x, const char *y)
{
	for (size_t c = 0; c < sizeof synonyms / sizeof *synonyms; c++) {
		bool hx = false, hy = false;
		for (int i = 0; synonyms[c][i]; i++) {
			hx |= !strcmp(synonyms[c][i], x);
			hy |= !strcmp(synonyms[c][i], y);
		}
		if (hx && hy)
			return true;
	}
	return false;
}

bool answer_match(const char *typed, const char *accepted, enum answer_mode mode)
{
	if (!typed || !accepted)
		return false;
	char t[CANON_MAX], a[CANON_MAX];
	bool hex = mode == ANSWER_TYPED && written_hex(accepted);
	answer_canon(typed, mode, hex, t, sizeof t);
	answer_canon(accepted, ANSWER_TYPED, written_hex(accepted), a, sizeof a);
	if (!t[0] || !a[0])
		return false;
	return !strcmp(t, a) || same_class(t, a);
}

int answer_match_any(const char *typed, char *const *accepted, int n)
{
	for (int i = 0; i < n; i++)
		if (answer_match(typed, accepted[i], ANSWER_TYPED))
			return i;
	return -1;
}

/* Word characters of narration: letters, digits, the backtick of WinDbg
 * addresses, and UTF-8 letters; U+2000-U+203F (dashes, quotes) and « »
 * separate. */
static size_t word_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = 0;
	for (;;) {
		unsigned char c = p[k];
		if (c == 0xE2 && p[k + 1] == 0x80)
			return k;
		if (c == 0xC2 && (p[k + 1] == 0xAB || p[k + 1] == 0xBB))
			return k;
		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '`' || c >= 0x80)
			k++;
		else
			return k;
	}
}

struct word {
	const char *s;
	size_t len;
};

static void excerpt(const char *text, const struct word *w, int nw, int i, int l, char *where, size_t n)
{
	int a = i >= 3 ? i - 3 : 0, b = i + l + 3 < nw ? i + l + 3 : nw;
	const char *s = w[a].s, *e = w[b - 1].s + w[b - 1].len;
	snprintf(where, n, "%s%.*s%s", s > text ? "..." : "", (int)(e - s), s, *e ? "..." : "");
}

bool answer_in_text(const char *text, const char *accepted, char *where, size_t n)
{
	if (!text || !accepted)
		return false;
	size_t cap = strlen(text) / 2 + 2;
	struct word *w = malloc(cap * sizeof *w);
	int nw = 0;
	if (!w)
		return false;
	for (const char *p = text; *p;) {
		size_t l = word_len(p);
		if (l) {
			w[nw++] = (struct word){p, l};
			p += l;
		} else {
			p += (unsigned char)*p == 0xE2 && p[1] && p[2] ? 3 : 1;
		}
	}
	bool found = false;
	for (int i = 0; i < nw && !found; i++) {
		char phrase[CANON_MAX];
		size_t k = 0;
		for (int l = 1; l <= PHRASE_WORDS && i + l <= nw && !found; l++) {
			const struct word *x = &w[i + l - 1];
			if (k + x->len + 2 >= sizeof phrase)
				break;
			if (l > 1)
				phrase[k++] = '_';
			memcpy(phrase + k, x->s, x->len);
			k += x->len;
			phrase[k] = '\0';
			if (answer_match(phrase, accepted, ANSWER_PROSE)) {
				found = true;
				if (where && n)
					excerpt(text, w, nw, i, l, where, n);
			}
		}
	}
	free(w);
	return found;
}
