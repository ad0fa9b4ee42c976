/*
 * scenario_walk.c — the values every block of a scenario file uses
 * (scenario_walk.h): names (slugs), texts in English and German with the
 * narration limit (R4 of scenario.c), sizes as strings or numbers (R6),
 * and freeing what the walk made.
 */
#include "scenario.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "jsonfile.h"
#include "scenario_walk.h"

/* ASCII classes: the TUI calls setlocale(), and what a file may hold must
 * not depend on the locale. */
static bool a_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool a_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

/* An error without a position ("FILE: WHAT; expected EXPECTED"); -1. */
struct scn_walk *scn_walk_state(struct jf_walk *w)
{
	return w->ud;
}

int scn_walk_slug(struct jf_walk *w, const cJSON *it, char **out)
{
	char cbuf[48];
	static const char exp[] = "lower-case letters, digits, '.', '_' and '-', at most 64 bytes";
	if (!cJSON_IsString(it))
		return jf_type(w, it, exp);
	const char *s = it->valuestring;
	size_t n = strlen(s);
	bool ok = n >= 1 && n <= SCN_MAX_NAME && (a_lower(s[0]) || a_digit(s[0]));
	for (size_t i = 0; ok && i < n; i++)
		ok = a_lower(s[i]) || a_digit(s[i]) || (s[i] && strchr("._-", s[i]));
	if (!ok)
		return jf_fail(w, JF_AT_VALUE, exp, "\"%s\" is not a valid name", jf_clip(s, cbuf));
	*out = jf_strdup(w, s);
	return *out ? 0 : -1;
}

/* Narration: counts toward SCN_MAX_NARRATION (R4). */
static int walk_narration(struct jf_walk *w, const cJSON *it, char **out)
{
	static const char exp[] = "a non-empty string";
	if (!cJSON_IsString(it))
		return jf_type(w, it, exp);
	size_t n = strlen(it->valuestring);
	if (n == 0)
		return jf_fail(w, JF_AT_VALUE, exp, "empty text");
	size_t *total = &scn_walk_state(w)->narration;
	*total += n;
	if (*total > SCN_MAX_NARRATION)
		return jf_fail(w, JF_AT_VALUE, "at most 1 MiB of narration in all (title, summary, say, ask)",
		               "narration exceeds 1 MiB with this text (%zu bytes so far)", *total);
	*out = jf_strdup(w, it->valuestring);
	return *out ? 0 : -1;
}

static const char *const text_keys[] = {"en", "de", NULL};

static int text_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_text *t = ctx;
	return walk_narration(w, it, key == 0 ? &t->en : &t->de);
}

int scn_walk_text(struct jf_walk *w, cJSON *it, struct scn_text *t)
{
	if (cJSON_IsString(it))
		return walk_narration(w, it, &t->en);
	if (!cJSON_IsObject(it))
		return jf_type(w, it, "a string or {\"en\": \"...\", \"de\": \"...\"}");
	if (jf_object(w, it, text_keys, 0, text_member, t, NULL))
		return -1;
	if (!t->en && !t->de)
		return jf_fail(w, JF_AT_VALUE, "\"en\" or \"de\" or both", "empty text object");
	return 0;
}

int scn_walk_size(struct jf_walk *w, const cJSON *it, uint64_t min, uint64_t max, bool align,
                  const char *expected, uint64_t *out)
{
	char cbuf[48];
	struct mm_err e;
	char a[32], b[32], c[32];
	if (cJSON_IsNumber(it)) {
		if (jf_u64(w, it, expected, out))
			return -1;
	} else if (!cJSON_IsString(it)) {
		return jf_type(w, it, expected);
	} else if (mm_parse_size(it->valuestring, out, -1, &e)) {
		return jf_fail(w, JF_AT_VALUE, expected, "\"%s\" is not a size", jf_clip(it->valuestring, cbuf));
	}
	if (*out < min || *out > max)
		return jf_fail(w, JF_AT_VALUE, expected, "%s is out of range (%s to %s)",
		               mm_size_str(*out, a), mm_size_str(min, b), mm_size_str(max, c));
	if (align && *out % MM_PAGE_SIZE)
		return jf_fail(w, JF_AT_VALUE, expected, "%s is not a multiple of 4 KB", mm_size_str(*out, a));
	return 0;
}

void scn_text_free(struct scn_text *t)
{
	free(t->en);
	free(t->de);
}

void scn_strv_free(char **v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}
