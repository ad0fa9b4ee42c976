/*
 * jmatch.c — partial matching of JSON for scenario `expect` (rules J1-J5
 * in jmatch.h).
 *
 * Design: the matcher walks expect and actual together, carrying the path
 * (result.faults[0].kind) in a fixed buffer; the first difference stops the
 * walk and is described once, with both sides rendered compactly. Matching
 * is read-only over borrowed trees and allocates nothing except when a
 * value is rendered for a message. Depth is bounded (the loader bounds
 * expect to 32 levels; JM_MAX_DEPTH guards callers that did not load it).
 *
 * Why prefixes for lists (J2): a command's `faults` or `levels` lists grow
 * as the simulation learns more detail; a scenario that names the first
 * fault should not break when a later one is added. An empty expected
 * list is the exception: [] means "empty" (an empty prefix would match
 * every list and check nothing). {"contains": [...]}
 * (J3) is for the lists where order is not the point (events).
 */
#include "jmatch.h"

#include <cJSON.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define JM_MAX_DEPTH 64

struct jm {
	char *why;
	size_t n;
	char path[256];
	int depth;
	bool quiet;             /* trial matches inside contains: no message */
};

const char *jmatch_render(const cJSON *v, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	char *s = v ? cJSON_PrintUnformatted(v) : NULL;
	const char *t = v ? (s ? s : "?") : "(absent)";
	size_t l = strlen(t);
	if (l < n) {
		memcpy(buf, t, l + 1);
	} else if (n > 4) {
		memcpy(buf, t, n - 4);
		memcpy(buf + n - 4, "...", 4);
	} else {
		buf[0] = '\0';
	}
	cJSON_free(s);
	return buf;
}

static int jm_fail(struct jm *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int jm_fail(struct jm *m, const char *fmt, ...)
{
	if (m->quiet || !m->why || m->n == 0)
		return 0;
	int k = snprintf(m->why, m->n, "%s: ", m->path[0] ? m->path : "(top level)");
	if (k >= 0 && (size_t)k < m->n) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(m->why + k, m->n - (size_t)k, fmt, ap);
		va_end(ap);
	}
	return 0;
}

static int jm_mismatch(struct jm *m, const cJSON *e, const cJSON *a)
{
	char x[120], y[120];
	return jm_fail(m, "expected %s, got %s", jmatch_render(e, x, sizeof x),
	               jmatch_render(a, y, sizeof y));
}

/* Path push/pop: returns the old length for the pop. */
static size_t jm_push_key(struct jm *m, const char *key)
{
	size_t l = strlen(m->path);
	snprintf(m->path + l, sizeof m->path - l, "%s%s", l ? "." : "", key);
	return l;
}

static size_t jm_push_index(struct jm *m, int i)
{
	size_t l = strlen(m->path);
	snprintf(m->path + l, sizeof m->path - l, "[%d]", i);
	return l;
}

static bool is_hex(const char *s)
{
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || !s[2])
		return false;
	for (s += 2; *s; s++)
		if (!isxdigit((unsigned char)*s))
			return false;
	return true;
}

/* J4: "0x1A" == "0x001a". */
static bool hex_eq(const char *a, const char *b)
{
	a += 2;
	b += 2;
	while (*a == '0' && a[1])
		a++;
	while (*b == '0' && b[1])
		b++;
	return strcasecmp(a, b) == 0;
}

static bool str_eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0 || (is_hex(a) && is_hex(b) && hex_eq(a, b));
}

static int jm_value(struct jm *m, const cJSON *e, const cJSON *a);

/* J1 */
static int jm_object(struct jm *m, const cJSON *e, const cJSON *a)
{
	if (!cJSON_IsObject(a))
		return jm_mismatch(m, e, a);
	for (const cJSON *c = e->child; c; c = c->next) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, c->string);
		if (!v && cJSON_IsNull(c))
			continue;
		size_t l = jm_push_key(m, c->string);
		char r[120];
		int ok = v ? jm_value(m, c, v) : jm_fail(m, "missing; expected %s", jmatch_render(c, r, sizeof r));
		m->path[l] = '\0';
		if (!ok)
			return 0;
	}
	return 1;
}

/* J2 */
static int jm_list(struct jm *m, const cJSON *e, const cJSON *a)
{
	if (!cJSON_IsArray(a))
		return jm_mismatch(m, e, a);
	/* An empty expected list means "empty": as a prefix it would match
	 * anything and check nothing ("faults": [] = no fault at all). */
	if (!e->child && a->child) {
		char r[120];
		return jm_fail(m, "expected an empty list, got %s", jmatch_render(a, r, sizeof r));
	}
	const cJSON *y = a->child;
	int i = 0;
	for (const cJSON *x = e->child; x; x = x->next, i++) {
		size_t l = jm_push_index(m, i);
		int ok;
		if (!y) {
			char r[120];
			ok = jm_fail(m, "missing (the list has %d element%s); expected %s", i, i == 1 ? "" : "s",
			             jmatch_render(x, r, sizeof r));
		} else {
			ok = jm_value(m, x, y);
			y = y->next;
		}
		m->path[l] = '\0';
		if (!ok)
			return 0;
	}
	return 1;
}

static bool is_contains(const cJSON *e)
{
	return cJSON_IsObject(e) && e->child && !e->child->next &&
	       strcmp(e->child->string, "contains") == 0 && cJSON_IsArray(e->child);
}

/* J3 */
static int jm_contains(struct jm *m, const cJSON *e, const cJSON *a)
{
	bool quiet = m->quiet;
	for (const cJSON *x = e->child->child; x; x = x->next) {
		bool found = false;
		m->quiet = true;
		for (const cJSON *y = a->child; y && !found; y = y->next) {
			size_t l = strlen(m->path);
			found = jm_value(m, x, y);
			m->path[l] = '\0';
		}
		m->quiet = quiet;
		if (!found) {
			char r[120], g[160];
			return jm_fail(m, "no element matches %s; got %s", jmatch_render(x, r, sizeof r),
			               jmatch_render(a, g, sizeof g));
		}
	}
	return 1;
}

/* J4, J5 */
static int jm_scalar(struct jm *m, const cJSON *e, const cJSON *a)
{
	bool ok;
	if (cJSON_IsString(e))
		ok = cJSON_IsString(a) && str_eq(e->valuestring, a->valuestring);
	else if (cJSON_IsNumber(e))
		ok = cJSON_IsNumber(a) && e->valuedouble == a->valuedouble;
	else if (cJSON_IsTrue(e))
		ok = cJSON_IsTrue(a);
	else if (cJSON_IsFalse(e))
		ok = cJSON_IsFalse(a);
	else if (cJSON_IsNull(e))
		ok = cJSON_IsNull(a);
	else
		ok = false;     /* raw or invalid: never produced by the parser */
	return ok ? 1 : jm_mismatch(m, e, a);
}

static int jm_value(struct jm *m, const cJSON *e, const cJSON *a)
{
	if (m->depth >= JM_MAX_DEPTH)
		return jm_fail(m, "nested deeper than %d levels", JM_MAX_DEPTH);
	m->depth++;
	int ok;
	if (is_contains(e) && cJSON_IsArray(a))
		ok = jm_contains(m, e, a);
	else if (cJSON_IsObject(e))
		ok = jm_object(m, e, a);
	else if (cJSON_IsArray(e))
		ok = jm_list(m, e, a);
	else
		ok = jm_scalar(m, e, a);
	m->depth--;
	return ok;
}

int jmatch(const cJSON *expect, const cJSON *actual, char *why, size_t n)
{
	struct jm m = {.why = why, .n = n};
	if (why && n)
		why[0] = '\0';
	if (!expect)
		return 1;
	return jm_value(&m, expect, actual);
}

/* An answer as a number: decimal or 0x hex, whole, below 2^64. */
static bool answer_number(const char *s, double *out)
{
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *d = hex ? s + 2 : s;
	if (!*d)
		return false;
	for (const char *p = d; *p; p++)
		if (hex ? !isxdigit((unsigned char)*p) : !isdigit((unsigned char)*p))
			return false;
	*out = (double)strtoull(d, NULL, hex ? 16 : 10);
	return true;
}

static bool answer_eq(const cJSON *v, const char *answer)
{
	double d;
	if (cJSON_IsString(v))
		return str_eq(v->valuestring, answer);
	if (cJSON_IsNumber(v))
		return answer_number(answer, &d) && d == v->valuedouble;
	if (cJSON_IsTrue(v))
		return strcmp(answer, "true") == 0;
	if (cJSON_IsFalse(v))
		return strcmp(answer, "false") == 0;
	if (cJSON_IsNull(v))
		return strcmp(answer, "null") == 0;
	return false;
}

static int has_value(const cJSON *t, const char *answer, int depth)
{
	if (!t || depth > JM_MAX_DEPTH)
		return 0;
	if (!cJSON_IsObject(t) && !cJSON_IsArray(t))
		return answer_eq(t, answer);
	for (const cJSON *c = t->child; c; c = c->next)
		if (has_value(c, answer, depth + 1))
			return 1;
	return 0;
}

int jmatch_has_value(const cJSON *tree, const char *answer)
{
	return answer ? has_value(tree, answer, 0) : 0;
}
