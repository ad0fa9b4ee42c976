/*
 * jsonwalk.c — the typed walk of a parsed JSON file and the finding of an
 * error's place in the text (jsonfile.h, part 3; the jf_ functions).
 *
 * Design
 * ------
 * A loader walks the cJSON tree it got from jsonfile_parse against key
 * tables and converts it at once into its own structs. The walk carries
 * the path it is at as a stack of (key, ordinal) components (jf_push,
 * jf_pop): the ordinal of a member among its object's members, or of an
 * element in its list. cJSON keeps members in document order, duplicates
 * included, so an ordinal path names exactly one place in the text, even
 * the second of two equal keys.
 *
 * Nothing is located while the walk succeeds. Only jf_fail does the work:
 * it formats the path ("steps[3].expect.result") and has the navigator
 * follow the ordinal path over the text, which the strict scan has
 * already accepted, to the key or value at fault; jsonfile.c turns that
 * offset into line and column. So positions cost nothing on the good path
 * and need no position table in the tree.
 *
 * The rules every loader gets from jf_object: keys are case-sensitive; a
 * key not in the table is refused, with a hint when it is a typo of a known
 * one; a key given twice is refused at its second occurrence (jf_dupes
 * does the same inside free-form JSON); required keys must be present. The
 * wording follows w->words, so each loader keeps its message style.
 *
 * Layout: the navigator (pass 4); the walk (pass 3): failing, the path,
 * key tables, typed values, lists, duplicates in free-form JSON.
 */
#include "jsonfile.h"
#include "scnmsg.h"

#include <cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "types.h"

/* ASCII classes: the TUI calls setlocale(), and what a file may hold must
 * not depend on the locale. */
static bool jf_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int jf_hexval(int c)
{
	if (jf_digit(c))
		return c - '0';
	c |= 0x20;
	return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* ---------------------------------------------------------------------
 * Pass 4: the navigator (over text that pass 1 accepted)
 * ------------------------------------------------------------------- */

static size_t nav_ws(const char *s, size_t len, size_t p)
{
	while (p < len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
		p++;
	return p;
}

static size_t nav_string(const char *s, size_t len, size_t p)
{
	for (p++; p < len && s[p] != '"'; p++)
		if (s[p] == '\\')
			p++;
	return p < len ? p + 1 : len;
}

static size_t nav_value(const char *s, size_t len, size_t p)
{
	if (p >= len)
		return len;
	if (s[p] == '"')
		return nav_string(s, len, p);
	if (s[p] == '{' || s[p] == '[') {
		int d = 0;
		while (p < len) {
			char c = s[p];
			if (c == '"') {
				p = nav_string(s, len, p);
				continue;
			}
			if (c == '{' || c == '[')
				d++;
			else if ((c == '}' || c == ']') && --d == 0)
				return p + 1;
			p++;
		}
		return len;
	}
	while (p < len && !strchr(",]} \t\r\n", s[p]))
		p++;
	return p;
}

/* Skips the key and ':' of a member at p (at its opening quote). */
static size_t nav_key(const char *s, size_t len, size_t p)
{
	p = nav_ws(s, len, nav_string(s, len, p));
	return nav_ws(s, len, p + 1);
}

/* Offset of the value (or, at_key, the key) named by an ordinal path. */
size_t jf_find(const char *s, size_t len, const struct jf_comp *c, int n, bool at_key)
{
	size_t p = nav_ws(s, len, jsonfile_bom(s, len));
	for (int i = 0; i < n && p < len; i++) {
		bool obj = s[p] == '{';
		p = nav_ws(s, len, p + 1);
		for (int k = 0; k < c[i].ord && p < len; k++) {
			if (obj)
				p = nav_key(s, len, p);
			p = nav_ws(s, len, nav_value(s, len, p));
			p = nav_ws(s, len, p + 1);          /* ',' */
		}
		if (obj) {
			if (i == n - 1 && at_key)
				return MM_MIN(p, len);
			p = nav_key(s, len, p);
		}
	}
	return MM_MIN(p, len);
}

/* Lines of the n elements of the list at path c (one pass). */
void jf_list_lines(const char *s, size_t len, const struct jf_comp *c, int depth,
                   int *lines, int n)
{
	size_t p = jf_find(s, len, c, depth, false), from = 0;
	int line = 1, col;
	p = nav_ws(s, len, p + 1);
	for (int k = 0; k < n && p < len; k++) {
		int dl;
		jsonfile_linecol(s + from, len - from, p - from, &dl, &col);
		line += dl - 1;
		lines[k] = line;
		from = p;
		p = nav_ws(s, len, nav_value(s, len, p));
		p = nav_ws(s, len, p + 1);
	}
}

/* ---------------------------------------------------------------------
 * Pass 3: the typed walk
 * ------------------------------------------------------------------- */

/* Fails at the current path with the words in both languages: found
 * en / de (formatted from one argument list), expected ex_en / ex_de. */
static int jw_vfail(struct jf_walk *w, enum jf_at at, const char *ex_en, const char *ex_de, const char *en,
                    const char *de, va_list ap)
{
	char what[2][256], path[160];
	va_list again;
	va_copy(again, ap);
	vsnprintf(what[0], sizeof what[0], en, ap);
	vsnprintf(what[1], sizeof what[1], de, again);
	va_end(again);
	jsonfile_path(w->path, w->depth, path, sizeof path);
	size_t off = jf_find(w->text, w->len, w->path, w->depth, at == JF_AT_KEY && w->depth > 0);
	return jsonfile_error_tr(w->err, w->text, w->len, off, path, (const char *const[2]){what[0], what[1]},
	                         (const char *const[2]){ex_en ? ex_en : "", ex_de ? ex_de : ""});
}

/* jw_vfail with an SM_ pair for what was found (scnmsg.h); de is not a
 * literal the compiler checks: 38_i18n checks it has en's conversions. */
static int jw_fail(struct jf_walk *w, enum jf_at at, const char *ex_en, const char *ex_de, const char *en,
                   const char *de, ...) __attribute__((format(printf, 5, 7)));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int jw_fail(struct jf_walk *w, enum jf_at at, const char *ex_en, const char *ex_de, const char *en,
                   const char *de, ...)
{
	va_list ap;
	va_start(ap, de);
	int rc = jw_vfail(w, at, ex_en, ex_de, en, de, ap);
	va_end(ap);
	return rc;
}

/* A loader's own words: English in both languages. */
int jf_fail(struct jf_walk *w, enum jf_at at, const char *expected, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = jw_vfail(w, at, expected, expected, fmt, fmt, ap);
	va_end(ap);
	return rc;
}
#pragma GCC diagnostic pop

void jf_push(struct jf_walk *w, const char *key, int ord)
{
	struct jf_comp *c = &w->path[w->depth++];
	c->key = key;
	c->klen = key ? strlen(key) : 0;
	c->ord = ord;
}

void jf_pop(struct jf_walk *w)
{
	w->depth--;
}

/* "the number 5", "a list", "the string \"abc\"" ... in language lang. */
static const char *describe(const cJSON *it, int lang, char *buf, size_t n)
{
	if (cJSON_IsString(it)) {
		char c[48];
		snprintf(buf, n, SM(lang, W_THE_STRING), jf_clip(it->valuestring, c));
	} else if (cJSON_IsNumber(it)) {
		snprintf(buf, n, SM(lang, W_THE_NUMBER), it->valuedouble);
	} else if (cJSON_IsTrue(it)) {
		snprintf(buf, n, "true");
	} else if (cJSON_IsFalse(it)) {
		snprintf(buf, n, "false");
	} else if (cJSON_IsNull(it)) {
		snprintf(buf, n, "null");
	} else {
		snprintf(buf, n, "%s", cJSON_IsArray(it) ? SM(lang, W_A_LIST) : SM(lang, W_AN_OBJECT));
	}
	return buf;
}

const char *jf_describe(const cJSON *it, char *buf, size_t n)
{
	return describe(it, 0, buf, n);
}

/* Wrong type, expecting ex_en / ex_de. */
static int type_tr(struct jf_walk *w, const cJSON *it, const char *ex_en, const char *ex_de)
{
	char d[2][80];
	describe(it, 0, d[0], sizeof d[0]);
	describe(it, 1, d[1], sizeof d[1]);
	jw_fail(w, JF_AT_VALUE, ex_en, ex_de, SM_W_WRONG_TYPE, d[0]);
	snprintf(w->err->what_de, sizeof w->err->what_de, SM(1, W_WRONG_TYPE), d[1]); /* the words got differ too */
	return -1;
}

int jf_type(struct jf_walk *w, const cJSON *it, const char *expected)
{
	return type_tr(w, it, expected, expected);
}

int jf_oom(struct jf_walk *w)
{
	return jw_fail(w, JF_AT_VALUE, "", "", SM_OOM);
}

char *jf_strdup(struct jf_walk *w, const char *s)
{
	char *d = strdup(s);
	if (!d)
		jf_oom(w);
	return d;
}

int jf_key_index(const char *const *keys, const char *name)
{
	for (int k = 0; keys[k]; k++)
		if (strcmp(keys[k], name) == 0)
			return k;
	return -1;
}

/* keys joined with ", ", the last with `last` (NULL: ", "). */
static void join(const char *const *keys, const char *last, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int i = 0; keys[i]; i++) {
		size_t l = strlen(buf);
		snprintf(buf + l, n - l, "%s%s", !i ? "" : i > 0 && !keys[i + 1] && last ? last : ", ", keys[i]);
	}
}

void jf_keys_join(const char *const *keys, enum jf_words words, char *buf, size_t n)
{
	join(keys, words == JF_WORDS_INLINE ? SM(0, W_OR) : NULL, buf, n);
}

/* An unknown key, with a hint when it is close to a known one. */
static int unknown_key(struct jf_walk *w, const char *key, const char *const *keys)
{
	char list[2][200], exp[2][640], c[48], t[512];
	for (int lang = 0; lang < 2; lang++)
		join(keys, w->words == JF_WORDS_INLINE ? SM(lang, W_OR) : NULL, list[lang], sizeof list[lang]);
	if (w->words == JF_WORDS_INLINE) {
		jw_fail(w, JF_AT_KEY, "", "", SM_W_UNKNOWN_KEY_IN, jf_clip(key, c), list[0]);
		snprintf(t, sizeof t, SM(1, W_UNKNOWN_KEY_IN), c, list[1]); /* the list's "oder" differs too */
		jf_copy_cut(w->err->what_de, sizeof w->err->what_de, t);
		return -1;
	}
	int near = -1;
	for (int i = 0; keys[i] && near < 0; i++)
		if (strcasecmp(key, keys[i]) == 0 || mm_edit_distance(key, keys[i]) <= (strlen(keys[i]) > 4 ? 2 : 1))
			near = i;
	for (int lang = 0; lang < 2; lang++) {
		if (near >= 0)
			snprintf(exp[lang], sizeof exp[lang], SM(lang, W_X_CASE), keys[near], list[lang]);
		else
			snprintf(exp[lang], sizeof exp[lang], SM(lang, W_X_ONE_OF), list[lang]);
	}
	return jw_fail(w, JF_AT_KEY, exp[0], exp[1], SM_W_UNKNOWN_KEY, jf_clip(key, c));
}

/* A key given twice, at its second occurrence. */
static int dup_key(struct jf_walk *w, const char *key)
{
	char c[48];
	if (w->words == JF_WORDS_INLINE)
		return jw_fail(w, JF_AT_KEY, "", "", SM_W_DUPLICATE);
	return jw_fail(w, JF_AT_KEY, SM_W_X_ONCE, SM_W_TWICE, jf_clip(key, c));
}

int jf_object(struct jf_walk *w, cJSON *obj, const char *const *keys, unsigned required,
              jf_member_fn fn, void *ctx, unsigned *seen_out)
{
	char list[200], exp[240];
	if (!cJSON_IsObject(obj)) {
		char exp_de[240];
		jf_keys_join(keys, JF_WORDS_EXPECTED, list, sizeof list);
		snprintf(exp, sizeof exp, SM(0, W_X_OBJECT_KEYS), list);
		snprintf(exp_de, sizeof exp_de, SM(1, W_X_OBJECT_KEYS), list);
		return type_tr(w, obj, exp, exp_de);
	}
	unsigned seen = 0;
	int ord = 0;
	for (cJSON *it = obj->child; it; it = it->next, ord++) {
		int k = jf_key_index(keys, it->string);
		jf_push(w, it->string, ord);
		int rc;
		if (k < 0)
			rc = unknown_key(w, it->string, keys);
		else if (seen & (1u << k))
			rc = dup_key(w, keys[k]);
		else {
			seen |= 1u << k;
			rc = fn(w, k, it, ctx);
		}
		jf_pop(w);
		if (rc)
			return -1;
	}
	for (int k = 0; keys[k]; k++)
		if ((required & (1u << k)) && !(seen & (1u << k))) {
			char exp_de[240];
			snprintf(exp, sizeof exp, SM(0, W_X_KEY), keys[k]);
			snprintf(exp_de, sizeof exp_de, SM(1, W_X_KEY), keys[k]);
			return jw_fail(w, JF_AT_VALUE, exp, exp_de, SM_W_MISSING, keys[k]);
		}
	if (seen_out)
		*seen_out = seen;
	return 0;
}

/* A string of 1..max bytes without control characters (C0, DEL, C1, by
 * the core's rule for text on a terminal: types.h mm_text_cp). */
int jf_string(struct jf_walk *w, const cJSON *it, size_t max, const char *expected, char **out)
{
	if (!cJSON_IsString(it))
		return jf_type(w, it, expected);
	size_t n = strlen(it->valuestring);
	if (n == 0)
		return jw_fail(w, JF_AT_VALUE, expected, expected, SM_W_EMPTY_STRING);
	if (n > max)
		return jw_fail(w, JF_AT_VALUE, expected, expected, SM_W_STRING_LONG, n, max);
	for (size_t i = 0, k; i < n; i += k) {
		uint32_t cp;
		k = mm_utf8_decode(it->valuestring + i, n - i, &cp);
		if (mm_text_cp(cp, 0) != cp)
			return jw_fail(w, JF_AT_VALUE, expected, expected, SM_W_CONTROL);
	}
	*out = jf_strdup(w, it->valuestring);
	return *out ? 0 : -1;
}

int jf_bool(struct jf_walk *w, const cJSON *it, bool *out)
{
	if (!cJSON_IsBool(it))
		return type_tr(w, it, SM_W_X_BOOL);
	*out = cJSON_IsTrue(it);
	return 0;
}

/* An unsigned integer: a string (0x hex or decimal) or an integral number
 * 0..2^53 (R6). */
int jf_u64(struct jf_walk *w, const cJSON *it, const char *expected, uint64_t *out)
{
	char cbuf[48];
	if (cJSON_IsNumber(it)) {
		double d = it->valuedouble;
		if (d < 0 || d > 9007199254740992.0 || d != floor(d))
			return jw_fail(w, JF_AT_VALUE, expected, expected, SM_W_NOT_WHOLE, d);
		*out = (uint64_t)d;
		return 0;
	}
	if (!cJSON_IsString(it))
		return jf_type(w, it, expected);
	const char *s = it->valuestring;
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *digits = hex ? s + 2 : s;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(digits, &end, hex ? 16 : 10);
	if (jf_hexval(digits[0]) < 0 || (!hex && !jf_digit(digits[0])) ||
	    strpbrk(digits, "xX") || *end || errno)
		return jw_fail(w, JF_AT_VALUE, expected, expected, SM_W_NOT_NUMBER, jf_clip(s, cbuf));
	*out = v;
	return 0;
}

int jf_list(struct jf_walk *w, cJSON *list, int min, int max, const char *expected,
            jf_elem_fn fn, void *ctx)
{
	if (!cJSON_IsArray(list))
		return jf_type(w, list, expected);
	int i = 0;
	for (cJSON *it = list->child; it; it = it->next, i++) {
		jf_push(w, NULL, i);
		int rc = i >= max ? jw_fail(w, JF_AT_VALUE, expected, expected, SM_W_MORE_THAN, max) : fn(w, i, it, ctx);
		jf_pop(w);
		if (rc)
			return -1;
	}
	if (i < min)
		return i ? jw_fail(w, JF_AT_VALUE, expected, expected, SM_W_TOO_FEW, i)
		         : jw_fail(w, JF_AT_VALUE, expected, expected, SM_W_EMPTY_LIST);
	return 0;
}

/* Allocates an array of n zeroed elements (n may be 0). */
void *jf_calloc(struct jf_walk *w, int n, size_t size)
{
	void *p = calloc(n ? (size_t)n : 1, size);
	if (!p)
		jf_oom(w);
	return p;
}

struct key_ord {
	const char *key;
	int ord;
};

static int key_ord_cmp(const void *a, const void *b)
{
	const struct key_ord *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->ord - y->ord;
}

/* R2 inside free-form JSON: the first duplicate key in document order. */
int jf_dupes(struct jf_walk *w, const cJSON *node)
{
	int n = 0;
	for (const cJSON *c = node->child; c; c = c->next)
		n++;
	if (cJSON_IsObject(node) && n > 1) {
		struct key_ord *ko = malloc((size_t)n * sizeof *ko);
		if (!ko)
			return jf_oom(w);
		int i = 0, dup = -1;
		for (const cJSON *c = node->child; c; c = c->next, i++)
			ko[i] = (struct key_ord){c->string, i};
		qsort(ko, (size_t)n, sizeof *ko, key_ord_cmp);
		for (i = 1; i < n; i++)
			if (strcmp(ko[i].key, ko[i - 1].key) == 0 && (dup < 0 || ko[i].ord < ko[dup].ord))
				dup = i;
		if (dup >= 0) {
			jf_push(w, ko[dup].key, ko[dup].ord);
			dup_key(w, ko[dup].key);
			free(ko);
			return -1;
		}
		free(ko);
	}
	int i = 0;
	for (const cJSON *c = node->child; c; c = c->next, i++) {
		jf_push(w, cJSON_IsObject(node) ? c->string : NULL, i);
		int rc = jf_dupes(w, c);
		jf_pop(w);
		if (rc)
			return -1;
	}
	return 0;
}
