/*
 * 38_textkey.c — the generic text printer's keys in German
 * (core/lang/textkey.h, docs/output.md OUT-TEXT-DE): the table's order,
 * and that every shipped scenario and every batch golden, run with
 * --lang de, prints no `key: value` line whose key is still a JSON name;
 * the sentences a result carries in English (an access's reason, !pool's
 * corrupt.reason) print in German words.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cJSON.h>
#include <glob.h>

#include "lang/textkey.h"
#include "mm/mmmsg.h"
#include "scenario.h"
#include "session.h"
#include "testlib.h"

/* Invariants 1 and 2: sorted, each name once, a German word that is not
 * the name; the look-up finds every row and passes unknown keys through. */
static void test_table(void **state)
{
	(void)state;
	size_t n = 0;
	for (; textkey_name(n); n++) {
		const char *name = textkey_name(n), *de = textkey_german(n);
		assert_true(*de && strcmp(de, name));
		if (n)
			assert_true(strcmp(textkey_name(n - 1), name) < 0);
		assert_string_equal(textkey_label(1, name), de);
		assert_string_equal(textkey_label(0, name), name);
	}
	assert_true(n > 40);
	assert_string_equal(textkey_label(1, "no_such_key"), "no_such_key");
	assert_string_equal(textkey_label(1, "access"), "Zugriff");
}

static bool is_german_word(const char *w, size_t n)
{
	for (size_t i = 0; textkey_german(i); i++)
		if (strlen(textkey_german(i)) == n && !strncmp(textkey_german(i), w, n))
			return true;
	return false;
}

/* A line "key: ..." whose key is a JSON name (lower case, digits, '_')
 * and no German word of the table: untranslated. Micro-steps are
 * indented, errors start "Fehler:". */
static void assert_no_json_key(const char *src, const char *text)
{
	for (const char *l = text; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
		size_t k = strspn(l, "abcdefghijklmnopqrstuvwxyz0123456789_");
		if (k && l[k] == ':' && l[k + 1] == ' ' && !is_german_word(l, k))
			fail_msg("%s: the key of '%.*s' is not in German (core/lang/textkey.c)", src, (int)(k + 1), l);
	}
}

/* The text of n command lines run in s (the caller frees it). */
static char *text_of(struct session *s, char **lines, int n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	for (int i = 0; i < n; i++)
		session_exec_text(s, lines[i], out);
	fclose(out);
	return buf;
}

static void run_lines(struct session *s, const char *src, char **lines, int n)
{
	char *buf = text_of(s, lines, n);
	assert_no_json_key(src, buf);
	free(buf);
}

/* Invariant 3, the shipped scenarios: every step's commands in German. */
static void test_scenarios(void **state)
{
	(void)state;
	glob_t g;
	assert_int_equal(glob("scenarios/*.json", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 30);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct scenario *sc;
		struct scn_err e;
		assert_int_equal(scenario_load_file(g.gl_pathv[i], &sc, &e), 0);
		struct mm_config cfg;
		scenario_machine(sc, NULL, &cfg, NULL, 0);
		struct session *s = tl_session_lang(&cfg, 1);
		struct mm_err err;
		assert_int_equal(scenario_define_images(sc, s, &err), 0);
		for (int k = 0; k < sc->nsteps; k++)
			run_lines(s, g.gl_pathv[i], sc->steps[k].run, sc->steps[k].nrun);
		session_free(s);
		scenario_free(sc);
	}
	globfree(&g);
}

/* Invariant 3, the batch goldens' command files (their machine line is
 * not read: the keys do not depend on it). */
static void test_goldens(void **state)
{
	(void)state;
	glob_t g;
	assert_int_equal(glob("tests/golden/batch/*.cmd", 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");
		assert_non_null(f);
		struct session *s = tl_session_lang(NULL, 1);
		char line[1024], *lines[1] = {line};
		while (fgets(line, sizeof line, f)) {
			line[strcspn(line, "\n")] = 0;
			if (*line && *line != '#')
				run_lines(s, g.gl_pathv[i], lines, 1);
		}
		fclose(f);
		session_free(s);
	}
	globfree(&g);
}

/* An access's reason prints in German words (mmmsg_why) while its JSON
 * member stays English in both languages. */
static void test_reason(void **state)
{
	(void)state;
	struct session *s = tl_session_lang(NULL, 1);
	char *lines[] = {"process create a --bare", "$p = VirtualAlloc 0 4K MEM_RESERVE PAGE_READWRITE", "read $p"};
	char *buf = text_of(s, lines, 3);
	assert_non_null(strstr(buf, "\nGrund: \"reserviert, nicht zugesichert\"\n"));
	free(buf);
	cJSON *j = session_exec_json(s, "read $p");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "result"), "reason")->valuestring,
			    "reserved, not committed");
	cJSON_Delete(j);
	session_free(s);
}

/* !pool's corrupt.reason prints in German words in a German text (the
 * chain's own German text, pool.c chain_walk), while the JSON member
 * stays English: each way pool.c's chain_walk says a chain
 * breaks, made with kwrite on an x64 PagedPool page (16-byte units;
 * header: PreviousSize, BlockSize, PoolType in bytes 0, 2, 3). */
static void test_pool_reason(void **state)
{
	(void)state;
	static const struct {
		const char *kwrite, *en, *de;
	} cases[] = {
		{"kwrite 0xfffffa8000000000 0x01000000 4", "BlockSize is 0", "BlockSize ist 0"},
		{"kwrite 0xfffffa8000000000 0x02060003 4", "PreviousSize 0x3, but the block before has BlockSize 0",
		 "PreviousSize 0x3, aber der Block davor hat BlockSize 0"},
		{"kwrite 0xfffffa8000000000 0x7F060000 4", "PoolType 0x7f is not PagedPool's (2)",
		 "PoolType 0x7f ist nicht der von PagedPool (2)"},
		{"kwrite 0xfffffa8000000060 0x02FF0006 4", "BlockSize 0xff runs 80 bytes past the end of the page",
		 "BlockSize 0xff reicht 80 Bytes über das Ende der Seite hinaus"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct session *s = tl_session_lang(NULL, 1);
		char *lines[] = {"$b = ExAllocatePoolWithTag PagedPool 0x50 Test", (char *)cases[i].kwrite, "!pool $b"};
		char *buf = text_of(s, lines, 3), want[256];
		snprintf(want, sizeof want, "*** beschädigter Pool-Kopf: %s; die Blöcke danach sind nicht zu finden\n",
			 cases[i].de);
		if (!strstr(buf, want))
			fail_msg("case %zu: no '%s' in:\n%s", i, want, buf);
		free(buf);
		cJSON *j = session_exec_json(s, "!pool $b");
		const cJSON *bad = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "result"), "corrupt");
		assert_string_equal(cJSON_GetObjectItemCaseSensitive(bad, "reason")->valuestring, cases[i].en);
		cJSON_Delete(j);
		session_free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_scenarios),
		cmocka_unit_test(test_goldens),
		cmocka_unit_test(test_reason),
		cmocka_unit_test(test_pool_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
