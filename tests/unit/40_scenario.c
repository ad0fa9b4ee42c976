/*
 * 40_scenario.c — the scenario loader (core/scenario.h): a file with every
 * key loads into the right structs; each kind of error names the exact
 * file:line:column, the JSON path and what was expected; limits; the
 * machine merge; the search path and listing.
 *
 * Error documents carry a marker '@' where the error must point; err_at()
 * removes it and derives the expected line:column from its place, so a
 * test reads like the message it checks. Several tests also spell the
 * line:column out, which checks the marker helper itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "scenario/builtin.h"
#include "datapath.h"
#include "jmatch.h"
#include "scenario.h"
#include "scncheck.h"

#define HEAD "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
#define STEPS_OK "  \"steps\": [{\"say\": \"x\"}]\n}\n"

static struct scenario *load_ok(const char *text)
{
	struct scenario *sc = NULL;
	struct scn_err e;
	if (scenario_load_buf("t.json", text, strlen(text), &sc, &e))
		fail_msg("unexpected error: %s", e.msg);
	assert_non_null(sc);
	return sc;
}

/* Loads buf (len bytes, no marker) and checks the error completely. */
static void err_exact(const char *buf, size_t len, int line, int col, const char *path,
                      const char *what, const char *expected)
{
	struct scenario *sc = (struct scenario *)&sc;
	struct scn_err e;
	char msg[1024];
	assert_int_equal(scenario_load_buf("t.json", buf, len, &sc, &e), -1);
	assert_null(sc);
	assert_string_equal(e.path, path);
	assert_string_equal(e.what, what);
	assert_string_equal(e.expected, expected);
	assert_int_equal(e.line, line);
	assert_int_equal(e.col, col);
	snprintf(msg, sizeof msg, "t.json:%d:%d: %s: %s%s%s", line, col,
	         path[0] ? path : "(top level)", what, expected[0] ? "; expected " : "", expected);
	assert_string_equal(e.msg, msg);
}

/* text holds one '@' where the error must point. */
static void err_at(const char *text, const char *path, const char *what, const char *expected)
{
	const char *at = strchr(text, '@');
	assert_non_null(at);
	size_t len = strlen(text) - 1, off = (size_t)(at - text);
	char *buf = malloc(len + 1);
	memcpy(buf, text, off);
	memcpy(buf + off, at + 1, len - off + 1);
	int line = 1, col = 1;
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n')
			line++, col = 1;
		else if (((unsigned char)buf[i] & 0xC0) != 0x80)
			col++;
	}
	err_exact(buf, len, line, col, path, what, expected);
	free(buf);
}

/* ---- a valid file with every key ---- */

static const char every_key[] =
	"{\n"
	"  \"schema\": 1,\n"
	"  \"id\": \"copy-on-write\",\n"
	"  \"title\":   {\"en\": \"Copy-on-write\", \"de\": \"Copy-on-Write\"},\n"
	"  \"summary\": \"Only English\",\n"
	"  \"tags\": [\"sharing\", \"copy-on-write\", \"image\"],\n"
	"  \"machine\": {\"arch\": \"pae\", \"os\": \"win7\", \"ram\": \"16M\", \"pagefiles\": [\"32M\", 8388608],\n"
	"              \"seed\": \"0x10\", \"tlb\": 8},\n"
	"  \"images\": [\n"
	"    {\"name\": \"demo.dll\", \"base\": \"0x10000000\", \"sections\": [\n"
	"      {\"name\": \".text\", \"size\": \"8K\", \"protect\": \"PAGE_EXECUTE_READ\"},\n"
	"      {\"name\": \".data\", \"size\": 4096, \"protect\": \"PAGE_WRITECOPY\"}]}\n"
	"  ],\n"
	"  \"steps\": [\n"
	"    {\"run\": \"process create app1.exe\",\n"
	"     \"say\": {\"en\": \"A first process\", \"de\": \"Ein erster Prozess\"}},\n"
	"    {\"run\": \"$d = LoadLibrary demo.dll\", \"expect\": {\"ok\": true}},\n"
	"    {\"run\": [\"write $d+0x2000\", \"# note\", \"!pte $d+0x2000\"], \"focus\": \"translation\", \"pause\": true,\n"
	"     \"ask\": {\"prompt\": {\"de\": \"Welcher Fault?\"}, \"answers\": [\"copy_on_write\", \"0x1A\"],\n"
	"             \"hint\": \"Think of sharing.\"},\n"
	"     \"expect\": {\"result\": {\"faults\": [{\"kind\": \"copy_on_write\"}]}}},\n"
	"    {\"say\": \"The end.\", \"focus\": \"vad\", \"pause\": false}\n"
	"  ]\n"
	"}\n";

static void test_every_key(void **state)
{
	(void)state;
	struct scenario *sc = load_ok(every_key);
	assert_string_equal(sc->file, "t.json");
	assert_string_equal(sc->id, "copy-on-write");
	assert_string_equal(sc->title.en, "Copy-on-write");
	assert_string_equal(sc->title.de, "Copy-on-Write");
	assert_string_equal(sc->summary.en, "Only English");
	assert_null(sc->summary.de);
	assert_string_equal(scn_text_get(&sc->summary, 1), "Only English");
	assert_int_equal(sc->ntags, 3);
	assert_string_equal(sc->tags[2], "image");

	const struct scn_machine *m = &sc->machine;
	assert_int_equal(m->given, SCN_GIVEN_ARCH | SCN_GIVEN_OS | SCN_GIVEN_RAM | SCN_GIVEN_PAGEFILES |
	                 SCN_GIVEN_SEED | SCN_GIVEN_TLB);
	assert_int_equal(m->cfg.arch, MM_ARCH_PAE);
	assert_int_equal(m->cfg.os, MM_OS_WIN7);
	assert_int_equal(m->cfg.ram, 16u << 20);
	assert_int_equal(m->cfg.npagefiles, 2);
	assert_int_equal(m->cfg.pagefile[0], 32u << 20);
	assert_int_equal(m->cfg.pagefile[1], 8u << 20);
	assert_int_equal(m->cfg.seed, 16);
	assert_int_equal(m->cfg.tlb_entries, 8);

	assert_int_equal(sc->nimages, 1);
	assert_string_equal(sc->images[0].name, "demo.dll");
	assert_int_equal(sc->images[0].base, 0x10000000);
	assert_int_equal(sc->images[0].nsections, 2);
	assert_string_equal(sc->images[0].sections[0].name, ".text");
	assert_int_equal(sc->images[0].sections[0].size, 8192);
	assert_string_equal(sc->images[0].sections[0].protect, "PAGE_EXECUTE_READ");
	assert_int_equal(sc->images[0].sections[1].size, 4096);
	assert_string_equal(sc->images[0].sections[1].protect, "PAGE_WRITECOPY");

	assert_int_equal(sc->nsteps, 4);
	const struct scn_step *s0 = &sc->steps[0], *s1 = &sc->steps[1], *s2 = &sc->steps[2], *s3 = &sc->steps[3];
	assert_int_equal(s0->nrun, 1);
	assert_string_equal(s0->run[0], "process create app1.exe");
	assert_string_equal(scn_text_get(&s0->say, 1), "Ein erster Prozess");
	assert_int_equal(s0->focus, SCN_FOCUS_NONE);
	assert_null(s0->expect);
	assert_null(s0->ask);
	assert_int_equal(s0->line, 15);
	assert_int_equal(s1->line, 17);
	assert_int_equal(s2->line, 18);
	assert_int_equal(s3->line, 22);

	assert_non_null(s1->expect);
	assert_int_equal(s2->nrun, 3);
	assert_string_equal(s2->run[1], "# note");
	assert_int_equal(s2->focus, SCN_FOCUS_TRANSLATION);
	assert_string_equal(scn_focus_name(s2->focus), "translation");
	assert_true(s2->pause);
	assert_non_null(s2->ask);
	assert_null(s2->ask->prompt.en);
	assert_string_equal(scn_text_get(&s2->ask->prompt, 0), "Welcher Fault?");
	assert_int_equal(s2->ask->nanswers, 2);
	assert_string_equal(s2->ask->answers[1], "0x1A");
	assert_string_equal(s2->ask->hint.en, "Think of sharing.");
	assert_int_equal(s3->focus, SCN_FOCUS_VAD);
	assert_false(s3->pause);
	assert_int_equal(s3->nrun, 0);

	/* the expect subtree is detached, owned by the step, and usable */
	cJSON *actual = cJSON_Parse("{\"ok\": true, \"result\": {\"faults\": [{\"kind\": \"copy_on_write\"}]}}");
	assert_int_equal(jmatch(s2->expect, actual, NULL, 0), 1);
	assert_int_equal(jmatch(s1->expect, actual, NULL, 0), 1);
	cJSON_Delete(actual);
	assert_null(s2->expect->next);
	assert_null(s2->expect->prev);
	scenario_free(sc);
}

static void test_minimal_and_bom(void **state)
{
	(void)state;
	struct scenario *sc = load_ok("\xEF\xBB\xBF{\"schema\": 1, \"id\": \"a\", \"title\": \"T\", \"steps\": [{\"say\": \"x\"}]}");
	assert_int_equal(sc->machine.given, 0);
	assert_int_equal(sc->nimages, 0);
	assert_int_equal(sc->ntags, 0);
	assert_null(sc->title.de);
	assert_string_equal(scn_text_get(&sc->summary, 0), "");
	scenario_free(sc);
	/* the BOM is not a column */
	err_exact("\xEF\xBB\xBF{\"schema\": 1, \"idd\": \"a\"}", 28, 1, 15, "idd", "unknown key \"idd\"",
	          "\"id\" (keys are case-sensitive; known keys: schema, id, title, summary, tags, machine, images, steps, course)");
	scenario_free(NULL);
}

/* ---- keys ---- */

static void test_unknown_key(void **state)
{
	(void)state;
	static const char known[] = "run, say, focus, pause, ask, expect";
	char exp[200];
	snprintf(exp, sizeof exp, "\"say\" (keys are case-sensitive; known keys: %s)", known);
	err_at(HEAD "  \"steps\": [\n    {@\"sya\": \"x\"}\n  ]\n}\n", "steps[0].sya", "unknown key \"sya\"", exp);
	/* the same as an explicit position: line 6, column 6 */
	const char *t = HEAD "  \"steps\": [\n    {\"sya\": \"x\"}\n  ]\n}\n";
	err_exact(t, strlen(t), 6, 6, "steps[0].sya", "unknown key \"sya\"", exp);
	/* case matters */
	snprintf(exp, sizeof exp, "\"run\" (keys are case-sensitive; known keys: %s)", known);
	err_at(HEAD "  \"steps\": [{@\"Run\": \"machine\"}]\n}\n", "steps[0].Run", "unknown key \"Run\"", exp);
	/* far from every key: the list */
	err_at(HEAD "  @\"foo\": 1,\n" STEPS_OK, "foo", "unknown key \"foo\"",
	       "one of schema, id, title, summary, tags, machine, images, steps, course");
	err_at(HEAD "  @\"title2\": 1,\n" STEPS_OK, "title2", "unknown key \"title2\"",
	       "\"title\" (keys are case-sensitive; known keys: schema, id, title, summary, tags, machine, images, steps, course)");
	err_at(HEAD "  \"machine\": {@\"rom\": \"16M\"},\n" STEPS_OK, "machine.rom", "unknown key \"rom\"",
	       "\"ram\" (keys are case-sensitive; known keys: arch, os, ram, pagefiles, seed, tlb, three_gb)");
	err_at(HEAD "  \"summary\": {\"en\": \"a\", @\"fr\": \"b\"},\n" STEPS_OK, "summary.fr", "unknown key \"fr\"",
	       "one of en, de");
	err_at(HEAD "  \"steps\": [{\"run\": \"x\", \"expect\": {@\"reslt\": {}}}]\n}\n", "steps[0].expect.reslt",
	       "unknown key \"reslt\"",
	       "\"result\" (keys are case-sensitive; known keys: seq, cmd, ok, result, error, events, events_total, events_by_kind, events_omitted)");
	/* odd keys are quoted in the path */
	err_at(HEAD "  @\"a b\": 1,\n" STEPS_OK, "[\"a b\"]", "unknown key \"a b\"",
	       "one of schema, id, title, summary, tags, machine, images, steps, course");
	/* Regression: C1 controls (U+009B is CSI to many terminals) reached the
	 * message through the path and the key; now '?' as the theme loader does. */
	const char *c1 = HEAD "  \"\\u009b2J\": 1,\n" STEPS_OK;
	struct scenario *sc;
	struct scn_err e;
	assert_int_equal(scenario_load_buf("t.json", c1, strlen(c1), &sc, &e), -1);
	assert_null(strstr(e.msg, "\xc2\x9b"));
	assert_non_null(strstr(e.msg, "[\"?2J\"]: unknown key \"?2J\""));
}

static void test_duplicate_key(void **state)
{
	(void)state;
	err_at(HEAD "  \"steps\": [{\"say\": \"x\"}],\n  @\"id\": \"u\"\n}\n", "id", "key \"id\" given twice",
	       "each key once");
	err_at(HEAD "  \"steps\": [{\"say\": \"x\", @\"say\": \"y\"}]\n}\n", "steps[0].say",
	       "key \"say\" given twice", "each key once");
	/* inside expect, where any key may appear */
	err_at(HEAD "  \"steps\": [{\"run\": \"x\", \"expect\": {\"result\": {\"pa\": \"0x1\", \"va\": 1, @\"pa\": \"0x2\"}}}]\n}\n",
	       "steps[0].expect.result.pa", "key \"pa\" given twice", "each key once");
	err_at(HEAD "  \"steps\": [{\"run\": \"x\", \"expect\": {\"events\": [{}, {\"kind\": 1, @\"kind\": 2}]}}]\n}\n",
	       "steps[0].expect.events[1].kind", "key \"kind\" given twice", "each key once");
	/* the first duplicate in document order is reported */
	err_at(HEAD "  \"steps\": [{\"run\": \"x\", \"expect\": {\"result\": {\"b\": 1, \"a\": 1, @\"b\": 2, \"a\": 2}}}]\n}\n",
	       "steps[0].expect.result.b", "key \"b\" given twice", "each key once");
}

static void test_missing_key(void **state)
{
	(void)state;
	err_at("@{\"schema\": 1, \"id\": \"t\", \"steps\": [{\"say\": \"x\"}]}", "", "missing key \"title\"",
	       "a \"title\" key");
	err_at("@{\"id\": \"t\"}", "", "missing key \"schema\"", "\"schema\": 1 as the first key");
	err_at(HEAD "  \"steps\": [{\"run\": \"x\", \"ask\": @{\"prompt\": \"Q?\"}}]\n}\n", "steps[0].ask",
	       "missing key \"answers\"", "a \"answers\" key");
	err_at(HEAD "  \"images\": [{\"name\": \"a.dll\", \"base\": \"0x10000\", \"sections\": [@{\"name\": \".t\", \"size\": 1}]}],\n" STEPS_OK,
	       "images[0].sections[0]", "missing key \"protect\"", "a \"protect\" key");
}

/* ---- types and values ---- */

static void test_wrong_type(void **state)
{
	(void)state;
	const char *t = "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": 5,\n  \"steps\": [{\"say\": \"x\"}]\n}";
	err_exact(t, strlen(t), 4, 12, "title", "wrong type: got the number 5",
	          "a string or {\"en\": \"...\", \"de\": \"...\"}");
	err_at("@[]", "", "wrong type: got a list", "a JSON object {\"schema\": 1, ...}");
	err_at(HEAD "  \"steps\": @{}\n}\n", "steps", "wrong type: got an object", "a list of 1 to 100000 steps");
	err_at(HEAD "  \"steps\": [{\"say\": \"x\", \"pause\": @\"yes\"}]\n}\n", "steps[0].pause",
	       "wrong type: got the string \"yes\"", "true or false");
	err_at(HEAD "  \"steps\": [{\"run\": [\"a\", @7]}]\n}\n", "steps[0].run[1]", "wrong type: got the number 7",
	       "one command line of at most 4096 bytes (a list for several)");
	err_at(HEAD "  \"steps\": [{\"run\": \"x\", \"expect\": {\"ok\": @\"true\"}}]\n}\n", "steps[0].expect.ok",
	       "wrong type: got the string \"true\"", "true or false");
	err_at(HEAD "  \"steps\": [{\"run\": \"x\", \"expect\": @[]}]\n}\n", "steps[0].expect",
	       "wrong type: got a list", "an object with keys seq, cmd, ok, result, error, events, events_total, events_by_kind, events_omitted");
	err_at(HEAD "  \"tags\": [\"ok\", @\"Not OK\"],\n" STEPS_OK, "tags[1]", "\"Not OK\" is not a valid name",
	       "lower-case letters, digits, '.', '_' and '-', at most 64 bytes");
	err_at(HEAD "  \"steps\": [{\"say\": @{}}]\n}\n", "steps[0].say", "empty text object", "\"en\" or \"de\" or both");
	err_at(HEAD "  \"steps\": [{\"say\": @\"\"}]\n}\n", "steps[0].say", "empty text", "a non-empty string");
}

/* ---- the course path (docs/scenarios.md SCN-COURSE) ---- */

static void test_course(void **state)
{
	(void)state;
	struct scenario *sc = load_ok(HEAD "  \"course\": {\"order\": 7, \"minutes\": 20, \"requires\": [\"tour\", \"paging\"]},\n"
	                              STEPS_OK);
	assert_int_equal(sc->course.order, 7);
	assert_int_equal(sc->course.minutes, 20);
	assert_int_equal(sc->course.nrequires, 2);
	assert_string_equal(sc->course.requires[0], "tour");
	assert_string_equal(sc->course.requires[1], "paging");
	struct scenario *off = load_ok(HEAD STEPS_OK);
	assert_int_equal(off->course.order, 0);             /* no block: off the path */
	assert_true(scenario_course_cmp(sc, off) < 0);     /* the path first */
	assert_true(scenario_course_cmp(NULL, sc) > 0);    /* a file that does not load: last */
	assert_int_equal(scenario_course_cmp(off, NULL), 0);
	scenario_free(off);
	struct scenario *first = load_ok(HEAD "  \"course\": {\"order\": 1, \"minutes\": 5, \"requires\": []},\n" STEPS_OK);
	assert_int_equal(first->course.nrequires, 0);
	assert_true(scenario_course_cmp(first, sc) < 0);
	assert_true(scenario_course_cmp(sc, first) > 0);
	scenario_free(first);
	scenario_free(sc);

	err_at(HEAD "  \"course\": @{\"order\": 1},\n" STEPS_OK, "course", "missing key \"minutes\"", "a \"minutes\" key");
	err_at(HEAD "  \"course\": {\"order\": @0, \"minutes\": 5},\n" STEPS_OK, "course.order",
	       "0 is out of range (1 to 999)", "the place on the course path: a whole number from 1 to 999");
	err_at(HEAD "  \"course\": {\"order\": @1e300, \"minutes\": 5},\n" STEPS_OK, "course.order",
	       "1e+300 is out of range (1 to 999)", "the place on the course path: a whole number from 1 to 999");
	err_at(HEAD "  \"course\": {\"order\": @2.5, \"minutes\": 5},\n" STEPS_OK, "course.order",
	       "wrong type: got the number 2.5", "the place on the course path: a whole number from 1 to 999");
	err_at(HEAD "  \"course\": {\"order\": 2, \"minutes\": @\"15\"},\n" STEPS_OK, "course.minutes",
	       "wrong type: got the string \"15\"", "minutes in class: a whole number from 1 to 240");
	err_at(HEAD "  \"course\": {\"order\": 2, \"minutes\": @241},\n" STEPS_OK, "course.minutes",
	       "241 is out of range (1 to 240)", "minutes in class: a whole number from 1 to 240");
	err_at(HEAD "  \"course\": {\"order\": 2, \"minutes\": 5, \"requires\": [\"tour\", @\"tour\"]},\n" STEPS_OK,
	       "course.requires[1]", "\"tour\" is named twice", "each scenario once");
	err_at(HEAD "  \"course\": {\"order\": 2, \"minutes\": 5, \"requires\": [@\"Tour\"]},\n" STEPS_OK,
	       "course.requires[0]", "\"Tour\" is not a valid name",
	       "lower-case letters, digits, '.', '_' and '-', at most 64 bytes");
	/* the scenario itself: known only once the id is read, wherever it stands */
	err_at("{\n  \"schema\": 1,\n  \"course\": {\"order\": 2, \"minutes\": 5, \"requires\": [\"tour\", @\"t\"]},\n"
	       "  \"id\": \"t\",\n  \"title\": \"T\",\n" STEPS_OK,
	       "course.requires[1]", "\"t\" is this scenario itself", "scenarios that come before this one");
	err_at(HEAD "  \"course\": {\"order\": 2, \"minutes\": 5, @\"prerequisites\": []},\n" STEPS_OK, "course.prerequisites",
	       "unknown key \"prerequisites\"", "one of order, minutes, requires");
	err_at(HEAD "  \"course\": @[2, 5],\n" STEPS_OK, "course", "wrong type: got a list",
	       "{\"order\": N, \"minutes\": M, \"requires\": [...]}");
}

static void test_bad_focus(void **state)
{
	(void)state;
	const char *t = HEAD "  \"steps\": [\n    {\"run\": \"machine\", \"focus\": \"transaltion\"}\n  ]\n}\n";
	err_exact(t, strlen(t), 6, 33, "steps[0].focus", "\"transaltion\" is not a pane",
	          "vas, translation, physical, pfn, wset, pagefile, pool, sections, processes, vad, summary, usecounts, "
		  "physpages, filesummary, split, policies");
	/* quoted input is cut at a character boundary, control characters shown as '?' */
	err_at(HEAD "  \"steps\": [{\"run\": \"x\", \"focus\": @\"a\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4"
	       "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\"}]\n}\n",
	       "steps[0].focus", "\"a\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4"
	       "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4...\" is not a pane",
	       "vas, translation, physical, pfn, wset, pagefile, pool, sections, processes, vad, summary, usecounts, "
		  "physpages, filesummary, split, policies");
	err_at(HEAD "  \"steps\": [{\"say\": \"x\", \"pause\": @\"a\\tb\"}]\n}\n", "steps[0].pause",
	       "wrong type: got the string \"a?b\"", "true or false");
	struct scenario *sc = NULL;
	struct scn_err e;
	assert_int_equal(scenario_load_buf(NULL, "[]", 2, &sc, &e), -1);
	assert_string_equal(e.msg, "(buffer):1:1: (top level): wrong type: got a list; expected a JSON object {\"schema\": 1, ...}");
}

static void test_schema(void **state)
{
	(void)state;
	/* checked first: a newer file is not a cascade of unknown keys */
	const char *t = "{\n  \"id\": \"t\",\n  \"schema\": 2,\n  \"future\": true\n}";
	err_exact(t, strlen(t), 3, 13, "schema", "schema 2 is newer than this mmviz understands",
	          "1 (the format this mmviz reads)");
	err_at("{\"schema\": @\"1\"}", "schema", "wrong type: got the string \"1\"", "the number 1");
	err_at("{\"schema\": @0.5}", "schema", "schema 0.5 is unknown", "1 (the format this mmviz reads)");
}

static void test_step_rules(void **state)
{
	(void)state;
	err_at(HEAD "  \"steps\": [{\"say\": \"x\"}, @{\"say\": \"y\", \"expect\": {\"ok\": true}}]\n}\n", "steps[1]",
	       "\"expect\" without \"run\"", "a \"run\" key: expect checks the result of the step's last command");
	err_at(HEAD "  \"steps\": [@{\"say\": \"y\", \"ask\": {\"prompt\": \"Q\", \"answers\": [\"a\"]}}]\n}\n", "steps[0]",
	       "\"ask\" without \"run\"", "a \"run\" key: the answers must agree with what the step does");
	err_at(HEAD "  \"steps\": [@{\"pause\": true}]\n}\n", "steps[0]", "empty step", "at least \"run\" or \"say\"");
	err_at(HEAD "  \"steps\": @[]\n}\n", "steps", "empty list", "a list of 1 to 100000 steps");
	err_at(HEAD "  \"steps\": [{\"run\": @[]}]\n}\n", "steps[0].run", "empty list", "a list of 1 to 64 command strings");
	err_at(HEAD "  \"steps\": [{\"run\": @\"read 0\\nsave x\"}]\n}\n", "steps[0].run",
	       "control character in a name or command", "one command line of at most 4096 bytes (a list for several)");
	err_at(HEAD "  \"steps\": [{\"run\": \"x\", \"ask\": {\"prompt\": \"Q\", \"answers\": @[]}}]\n}\n",
	       "steps[0].ask.answers", "empty list", "a list of 1 to 16 answer strings");
}

/* R5 (scenario_steps.c): a step is judged by the command the session's
 * lexer and look-up resolve its line to, so no spelling gets past. Each
 * case is the JSON text of a run value (with its escapes), the string the
 * message quotes, and the command it resolves to. */
static const struct {
	const char *json, *shown, *cmd;
} hostile[] = {
	{"\"save passwd\"", "save passwd", "save"},
	{"\"export out.json\"", "export out.json", "export"},
	/* the lexer's quoting: quotes removed, parts joined */
	{"\"\\\"save\\\" F\"", "\"save\" F", "save"},
	{"\"s\\\"av\\\"e F\"", "s\"av\"e F", "save"},
	{"\"\\\"s\\\"\\\"ave\\\" F\"", "\"s\"\"ave\" F", "save"},
	{"\"\\\"export\\\"\"", "\"export\"", "export"},
	/* case and unique prefixes */
	{"\"SAVE F\"", "SAVE F", "save"},
	{"\"eXpOrT F\"", "eXpOrT F", "export"},
	{"\"sav F\"", "sav F", "save"},
	{"\"exp F\"", "exp F", "export"},
	{"\"EXPO F\"", "EXPO F", "export"},
	/* variable binding, with and without blanks, quoted */
	{"\"$x = export F\"", "$x = export F", "export"},
	{"\"$x=save F\"", "$x=save F", "save"},
	{"\"  $_long_name_1 =  \\\"EXP\\\"ort F\"", "  $_long_name_1 =  \"EXP\"ort F", "export"},
	/* blanks, comments, missing or quoted arguments */
	{"\"   save   F  \"", "   save   F  ", "save"},
	{"\"save F # a note\"", "save F # a note", "save"},
	{"\"save#F\"", "save#F", "save"},
	{"\"save\"", "save", "save"},
	{"\"save \\\"a file # with blanks\\\"\"", "save \"a file # with blanks\"", "save"},
	/* JSON escapes decode before the lexer sees the line */
	{"\"\\u0073ave F\"", "save F", "save"},
	{"\"\\u0045\\u0058\\u0050 F\"", "EXP F", "export"},
};

static void test_host_files_refused(void **state)
{
	(void)state;
	static const char exp[] = "commands that do not write host files";
	char text[512], what[256];
	err_at(HEAD "  \"steps\": [{\"run\": @\"save /etc/passwd\"}]\n}\n", "steps[0].run",
	       "\"save /etc/passwd\" runs save, which writes a host file: a typed command only", exp);
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		/* alone, and as the second command of a later step's list */
		snprintf(what, sizeof what, "\"%s\" runs %s, which writes a host file: a typed command only",
		         hostile[i].shown, hostile[i].cmd);
		snprintf(text, sizeof text, HEAD "  \"steps\": [{\"run\": @%s}]\n}\n", hostile[i].json);
		err_at(text, "steps[0].run", what, exp);
		snprintf(text, sizeof text, HEAD "  \"steps\": [{\"say\": \"a\"},\n    {\"run\": [\"machine\", @%s]}]\n}\n",
		         hostile[i].json);
		err_at(text, "steps[1].run[1]", what, exp);
	}
	/* what merely looks like them is fine: other commands, a variable named
	 * save, narration; an ambiguous prefix names no command (it fails when
	 * run, test_hostile_files) */
	struct scenario *sc = load_ok(HEAD "  \"steps\": [{\"run\": [\"say Save the file\", \"s\", \"exec 0\", "
	                              "\"help save\", \"help export\", \"$save = process create save.exe\", "
	                              "\"# save F\", \"sa F\", \"\\\"save F\\\"\", \"unknown-save F\"]}]\n}\n");
	assert_int_equal(sc->steps[0].nrun, 10);
	scenario_free(sc);
}

/* ---- limits ---- */

static void test_too_many_steps(void **state)
{
	(void)state;
	size_t cap = 40 + 14 * (SCN_MAX_STEPS + 2);
	char *buf = malloc(cap);
	size_t len = (size_t)sprintf(buf, "{\"schema\":1,\"id\":\"t\",\"title\":\"T\",\"steps\":[\n");
	for (int i = 0; i < SCN_MAX_STEPS; i++)
		len += (size_t)sprintf(buf + len, "{\"say\":\"x\"},\n");
	strcpy(buf + len - 2, "\n]}");
	len += 1;
	/* exactly the limit loads */
	struct scenario *sc = NULL;
	struct scn_err e;
	assert_int_equal(scenario_load_buf("t.json", buf, len, &sc, &e), 0);
	assert_int_equal(sc->nsteps, SCN_MAX_STEPS);
	assert_int_equal(sc->steps[SCN_MAX_STEPS - 1].line, SCN_MAX_STEPS + 1);
	scenario_free(sc);
	/* one more does not, and the error points at the step too many */
	strcpy(buf + len - 3, ",\n{\"say\":\"x\"}\n]}");
	len = strlen(buf);
	err_exact(buf, len, SCN_MAX_STEPS + 2, 1, "steps[100000]", "too many steps (100001)", "at most 100000 steps");
	free(buf);
}

static void test_narration_limit(void **state)
{
	(void)state;
	enum { SAY = 64000, N = 17 };
	char *buf = malloc(64 + N * (SAY + 16));
	size_t len = (size_t)sprintf(buf, "{\"schema\":1,\"id\":\"t\",\"title\":\"T\",\"steps\":[");
	for (int i = 0; i < N; i++) {
		len += (size_t)sprintf(buf + len, "\n{\"say\":\"");
		memset(buf + len, 'a', SAY);
		len += SAY;
		len += (size_t)sprintf(buf + len, "\"}%s", i + 1 < N ? "," : "]}");
	}
	/* 1 + 16 x 64000 bytes fit in 1 MiB; the 17th say crosses it */
	err_exact(buf, len, N + 1, 8, "steps[16].say", "narration exceeds 1 MiB with this text (1088001 bytes so far)",
	          "at most 1 MiB of narration in all (title, summary, say, ask)");
	/* 16 of them load */
	sprintf(buf + len - (SAY + 14), "]}");     /* over the ',' after the 16th */
	struct scenario *sc = load_ok(buf);
	assert_int_equal(sc->nsteps, 16);
	scenario_free(sc);
	free(buf);
}

static void test_ram_limit(void **state)
{
	(void)state;
	const char *t = HEAD "  \"machine\": {\"ram\": \"65G\"},\n" STEPS_OK;
	err_exact(t, strlen(t), 5, 22, "machine.ram", "65 GB is out of range (1 MB to 64 GB)",
	          "a RAM size from 1M to 64G, such as \"16M\"");
	struct scenario *sc = load_ok(HEAD "  \"machine\": {\"ram\": \"64G\"},\n" STEPS_OK);
	assert_int_equal(sc->machine.cfg.ram, 64ull << 30);
	scenario_free(sc);
	err_at(HEAD "  \"machine\": {\"ram\": @\"1000K\"},\n" STEPS_OK, "machine.ram", "1000 KB is out of range (1 MB to 64 GB)",
	       "a RAM size from 1M to 64G, such as \"16M\"");
	err_at(HEAD "  \"machine\": {\"ram\": @\"0x100800\"},\n" STEPS_OK, "machine.ram", "1026 KB is not a multiple of 4 KB",
	       "a RAM size from 1M to 64G, such as \"16M\"");
	err_at(HEAD "  \"machine\": {\"ram\": @\"lots\"},\n" STEPS_OK, "machine.ram", "\"lots\" is not a size",
	       "a RAM size from 1M to 64G, such as \"16M\"");
	err_at(HEAD "  \"machine\": {\"ram\": @-1},\n" STEPS_OK, "machine.ram", "-1 is not a whole number from 0 to 2^53",
	       "a RAM size from 1M to 64G, such as \"16M\"");
	/* limits of the paging mode come from config.c, pointed at the field */
	err_at(HEAD "  \"machine\": {\"arch\": \"x86\", \"ram\": @\"8G\"},\n" STEPS_OK, "machine.ram",
	       "ram: expected 1 MB .. 4 GB on x86 (20-bit PFN; use --arch pae for more), got 8 GB", "");
	err_at(HEAD "  \"machine\": {\"tlb\": @3},\n" STEPS_OK, "machine.tlb", "3 is not a TLB size",
	       "a power of two from 4 to 4096");
	err_at(HEAD "  \"machine\": {\"arch\": @\"arm64\"},\n" STEPS_OK, "machine.arch", "\"arm64\" is not a paging mode",
	       "x86, pae or x64");
	err_at(HEAD "  \"machine\": {\"pagefiles\": [\"1M\", \"1M\", \"1M\", \"1M\", \"1M\", \"1M\", \"1M\", \"1M\","
	       " \"1M\", \"1M\", \"1M\", \"1M\", \"1M\", \"1M\", \"1M\", \"1M\", @\"1M\"]},\n" STEPS_OK,
	       "machine.pagefiles[16]", "more than 16 elements", "a list of at most 16 page-file sizes");
}

static void test_images(void **state)
{
	(void)state;
	static const char exp[] = "a base address as a hex string, such as \"0x180000000\", 64 KB aligned";
	err_at(HEAD "  \"images\": [{\"name\": \"a.dll\", \"base\": @\"0x1000\", \"sections\": []}],\n" STEPS_OK,
	       "images[0].base", "0x1000 is not a valid image base", exp);
	err_at(HEAD "  \"images\": [{\"name\": \"a.dll\", \"base\": @\"010000\", \"sections\": []}],\n" STEPS_OK,
	       "images[0].base", "0x2710 is not a valid image base", exp);
	err_at(HEAD "  \"images\": [{\"name\": \"a.dll\", \"base\": \"0x10000\", \"sections\": @[]}],\n" STEPS_OK,
	       "images[0].sections", "empty list", "a list of 1 to 16 sections {name, size, protect}");
	err_at(HEAD "  \"images\": [{\"name\": \"a.dll\", \"base\": \"0x10000\", \"sections\": [{\"name\": \".t\", \"size\": 1,"
	       " \"protect\": @\"PAGE_READ\"}]}],\n" STEPS_OK, "images[0].sections[0].protect",
	       "\"PAGE_READ\" is not a page protection",
	       "PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE, PAGE_EXECUTE_READ, "
	       "PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY");
	err_at(HEAD "  \"images\": [{\"name\": \"a.dll\", \"base\": \"0x10000\", \"sections\": [{\"name\": @\".toolongname\"}]}],\n"
	       STEPS_OK, "images[0].sections[0].name", "string of 12 bytes is too long (at most 8)",
	       "a section name of 1 to 8 bytes, such as \".text\"");
	err_at(HEAD "  \"images\": [{\"name\": \"a.dll\", \"base\": \"0x10000\", \"sections\": [{\"name\": \".t\", \"size\": 1,"
	       " \"protect\": \"PAGE_READONLY\"}]},\n   @{\"name\": \"A.DLL\", \"base\": \"0x20000\", \"sections\": [{\"name\": \".t\","
	       " \"size\": 1, \"protect\": \"PAGE_READONLY\"}]}],\n" STEPS_OK, "images[1]",
	       "image \"A.DLL\" defined twice (also images[0])", "image names unique (case-insensitive, as on Windows)");
	err_at(HEAD "  \"images\": [{\"name\": @\"../x.dll\"}],\n" STEPS_OK, "images[0].name",
	       "\"../x.dll\" holds a path separator", "a file name without a directory");
}

/* ---- the text itself ---- */

static void test_syntax_errors(void **state)
{
	(void)state;
	const char *t = "{\n  \"schema\": 1\n  \"id\": \"t\"\n}";
	err_exact(t, strlen(t), 3, 3, "", "unexpected '\"'", "',' or '}'");
	err_at("{\"schema\": 1, \"steps\": [1, 2,@]}", "steps", "trailing comma before ']'", "another value after ','");
	err_at("{\"schema\": 1,\n@}", "", "trailing comma before '}'", "another \"key\": value after ','");
	err_at("{\n  @// comment\n  \"schema\": 1}", "", "'/': comments are not allowed in JSON", "a \"key\" in double quotes");
	err_at("{\"machine\": {\"ram\": @0x100}}", "machine.ram", "hex number outside a string",
	       "a decimal number, or the hex number as a string: \"0x1000\"");
	err_at("{\"machine\": {\"ram\": @16M}}", "machine.ram", "a number with a unit must be written as a string",
	       "a number, or a string such as \"16M\"");
	err_at("{\"id\": @\"abc", "id", "unterminated string", "'\"' to close the string");
	err_at("{\"id\": \"abc@\n\"}", "id", "line break inside a string (missing closing quote?)",
	       "'\"' to close the string, or \\n for a line break");
	err_at("@", "", "empty file", "a JSON object");
	err_at(" \n\t@", "", "empty file", "a JSON object");
	err_at("{\"a\": @True}", "a", "unquoted word 'True'", "a string in double quotes, a number, true, false or null");
	err_at("{@schema: 1}", "", "key without quotes", "\"key\" in double quotes");
	err_at("{\"a\": @'x'}", "a", "single quote: JSON strings use double quotes",
	       "a value (object, list, string, number, true, false or null)");
	err_at("{\"a\": @01}", "a", "leading zero", "a number without leading zeros");
	err_at("{\"a\": 1.@}", "a", "no digit after '.'", "a digit");
	err_at("{\"a\": @1e400}", "a", "number out of range", "a number within the range of a double");
	err_at("{\"a\": \"@\\q\"}", "a", "unknown escape '\\q'", "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
	err_at("{\"a\": \"@\\ud800x\"}", "a", "unpaired high surrogate \\ud800", "a low surrogate \\uDC00-\\uDFFF after it");
	err_at("{\"a\": @}", "a", "unexpected '}'", "a value (object, list, string, number, true, false or null)");
	err_at("{\"a\" @1}", "a", "unexpected '1'", "':' after the key");
	err_at("{\"schema\": 1}\n@xyz", "", "text after the end of the document", "end of file (one JSON object per file)");
	err_at("{\"schema\": 1} @{}", "", "text after the end of the document", "end of file (one JSON object per file)");
}

static void test_bytes(void **state)
{
	(void)state;
	/* not UTF-8 */
	err_at(HEAD "  \"summary\": \"T@\xff\",\n" STEPS_OK, "summary", "invalid UTF-8 byte 0xff", "UTF-8 text");
	err_at("{\"a\": \"@\xc0\xaf\"}", "a", "invalid UTF-8 byte 0xc0", "UTF-8 text");         /* overlong '/' */
	err_at("{\"a\": \"@\xed\xa0\x80\"}", "a", "invalid UTF-8 byte 0xed", "UTF-8 text");     /* surrogate */
	err_at("{\"a\": \"@\xe2\x82\"}", "a", "invalid UTF-8 byte 0xe2", "UTF-8 text");         /* cut short */
	err_at("{@\xc3\xa4: 1}", "", "non-ASCII character outside a string", "a \"key\" in double quotes");
	/* NUL bytes, inside and outside strings, and escaped */
	static const char nul_in[] = "{\"id\": \"a\0b\"}";
	err_exact(nul_in, sizeof nul_in - 1, 1, 10, "id", "NUL byte (is this a binary file?)", "UTF-8 text");
	static const char nul_out[] = "{\"schema\": 1,\0 \"id\": 1}";
	err_exact(nul_out, sizeof nul_out - 1, 1, 14, "", "NUL byte (is this a binary file?)", "UTF-8 text");
	err_at("{\"id\": \"a@\\u0000b\"}", "id", "\\u0000 (a NUL character)", "text without NUL characters");
	/* raw control characters */
	err_at("{\"id\": \"a@\tb\"}", "id", "control character 0x09 inside a string", "an escape such as \\t or \\u001b");
	err_at("@\x01{}", "", "control character 0x01", "a value (object, list, string, number, true, false or null)");
	/* columns count characters, not bytes */
	err_at("{\"title\": \"\xc3\x9c\xc3\x9c\", @\"x\": 1, \"schema\": 1}", "x", "unknown key \"x\"",
	       "one of schema, id, title, summary, tags, machine, images, steps, course");
	/* escapes that are fine */
	struct scenario *sc = load_ok("{\"schema\": 1, \"id\": \"t\", \"title\": \"\\u00dcber \\ud83d\\ude00 \\\"q\\\"\","
	                              " \"steps\": [{\"say\": \"\xf0\x9f\x98\x80\"}]}");
	assert_string_equal(sc->title.en, "\xc3\x9c" "ber \xf0\x9f\x98\x80 \"q\"");
	scenario_free(sc);
}

static void test_nesting_limit(void **state)
{
	(void)state;
	/* root, steps, step, expect = 4 levels; 28 more lists reach 32 */
	char buf[512], path[256];
	int n = sprintf(buf, "{\"schema\":1,\"id\":\"t\",\"title\":\"T\",\"steps\":[{\"run\":\"x\",\"expect\":{\"result\":");
	int open = n;
	for (int i = 0; i < 28; i++)
		buf[n++] = '[';
	for (int i = 0; i < 28; i++)
		buf[n++] = ']';
	n += sprintf(buf + n, "}}]}");
	struct scenario *sc = load_ok(buf);
	scenario_free(sc);
	/* one more level is refused at the 29th '[' */
	n = open;
	for (int i = 0; i < 29; i++)
		buf[n++] = '[';
	n += sprintf(buf + n, "]]]");
	strcpy(path, "steps[0].expect.result");
	for (int i = 0; i < 28; i++)
		strcat(path, "[0]");
	err_exact(buf, (size_t)n, 1, open + 29, path, "nested too deeply",
	          "at most 32 levels of nested objects and lists");
}

/* ---- files ---- */

static char tmpdir[256];

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup_tmp(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/mmviz-40-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_load_file(void **state)
{
	(void)state;
	char path[400];
	struct scenario *sc = NULL;
	struct scn_err e;
	snprintf(path, sizeof path, "%s/nope.json", tmpdir);
	assert_int_equal(scenario_load_file(path, &sc, &e), -1);
	assert_int_equal(e.line, 0);
	assert_string_equal(e.what, "cannot open: No such file or directory");
	assert_int_equal(scenario_load_file(tmpdir, &sc, &e), -1);
	assert_string_equal(e.what, "not a regular file");
	/* the size is checked before reading: a sparse file of 16 MiB + 1 */
	snprintf(path, sizeof path, "%s/big.json", tmpdir);
	int fd = open(path, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, SCN_MAX_FILE + 1), 0);
	close(fd);
	assert_int_equal(scenario_load_file(path, &sc, &e), -1);
	char msg[600];
	snprintf(msg, sizeof msg, "%s: file of 16777217 bytes is too large; expected at most 16 MiB", path);
	assert_string_equal(e.msg, msg);
	assert_null(sc);
	/* a good file; errors name the path as given */
	snprintf(path, sizeof path, "%s/ok.json", tmpdir);
	write_file(path, HEAD STEPS_OK);
	assert_int_equal(scenario_load_file(path, &sc, &e), 0);
	assert_string_equal(sc->file, path);
	scenario_free(sc);
	write_file(path, HEAD "  \"steps\": [{\"say\": 1}]\n}\n");
	assert_int_equal(scenario_load_file(path, &sc, &e), -1);
	snprintf(msg, sizeof msg, "%s:5:21: steps[0].say: wrong type: got the number 1; "
	         "expected a string or {\"en\": \"...\", \"de\": \"...\"}", path);
	assert_string_equal(e.msg, msg);
	/* too large as a buffer, too */
	assert_int_equal(scenario_load_buf("b", "", (size_t)SCN_MAX_FILE + 1, &sc, &e), -1);
	assert_string_equal(e.msg, "b: too large; expected at most 16 MiB");
}

/* The entries of dir other than the scenario files ("*.json"): what a
 * step would have written. */
static int stray_files(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t l = strlen(e->d_name);
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && (l < 5 || strcmp(e->d_name + l - 5, ".json")))
			n++;
	}
	closedir(d);
	return n;
}

/* A hostile file is refused when it is loaded, by --check and the TUI
 * alike, before any step runs: nothing is written. Each file has a
 * harmless first step, so a refusal after the start would show. Lines
 * that name no single command load, then fail when they run, writing
 * nothing either. */
static void test_hostile_files(void **state)
{
	(void)state;
	char path[400], text[1024], want[1500], cwd[400];
	static const struct {
		const char *pre, *post;
	} ran_not[] = {{"sa ", ""}, {"\\\"save ", "\\\""}, {"save\\u00a0", ""}, {"savex ", ""}};
	size_t nh = sizeof hostile / sizeof hostile[0], nr = sizeof ran_not / sizeof ran_not[0];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(tmpdir), 0); /* where "save F" would write */
	for (size_t i = 0; i < nh + nr; i++) {
		bool refused = i < nh;
		char run[300];
		if (refused)
			snprintf(run, sizeof run, "[%s]", hostile[i].json);
		else
			snprintf(run, sizeof run, "\"%s%s/pwn%s\"", ran_not[i - nh].pre, tmpdir, ran_not[i - nh].post);
		snprintf(path, sizeof path, "%s/hostile%zu.json", tmpdir, i);
		snprintf(text, sizeof text, HEAD "  \"steps\": [{\"run\": \"process create a.exe\"},\n"
		         "    {\"run\": %s}]\n}\n", run);
		write_file(path, text);
		struct scenario *sc = NULL;
		struct scn_err e;
		int rc = scenario_load_file(path, &sc, &e);
		if (refused) {
			assert_int_equal(rc, -1);
			assert_int_equal(e.line, 6);
			assert_string_equal(e.path, "steps[1].run[0]");
			assert_non_null(strstr(e.what, "which writes a host file"));
			snprintf(want, sizeof want, "%s:6:", path);
			assert_memory_equal(e.msg, want, strlen(want));
		} else {
			if (rc)
				fail_msg("%s: %s", run, e.msg);
			scenario_free(sc);
		}
		/* --check: the loader's message, or the step's failure */
		char *out = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&out, &len);
		const char *names[] = {path};
		assert_int_equal(scncheck_run(names, 1, NULL, f), 1);
		fclose(f);
		if (refused)
			snprintf(want, sizeof want, "FAIL  %s  %s\n", path, e.msg);
		else
			snprintf(want, sizeof want, "FAIL  t  step 2: ");
		assert_memory_equal(out, want, strlen(want));
		free(out);
		/* the TUI (its own set-up, on the headless backend) */
		if (refused) {
			struct app_opts o = {.scenario = path};
			f = open_memstream(&out, &len);
			assert_int_equal(app_script(&o, 80, 24, "key q", f), 2);
			fclose(f);
			snprintf(want, sizeof want, "error: %s\n", e.msg);
			assert_string_equal(out, want);
			free(out);
		}
		assert_int_equal(stray_files(tmpdir), 0);
		remove(path);
	}
	assert_int_equal(chdir(cwd), 0);
}

static void test_machine_merge(void **state)
{
	(void)state;
	struct scenario *sc = load_ok(HEAD "  \"machine\": {\"ram\": \"16M\", \"tlb\": 4},\n" STEPS_OK);
	struct mm_config cfg;
	char notice[300];
	/* the scenario over the defaults; one page file of 2 x RAM */
	scenario_machine(sc, NULL, &cfg, notice, sizeof notice);
	assert_int_equal(cfg.ram, 16u << 20);
	assert_int_equal(cfg.arch, MM_ARCH_X64);
	assert_int_equal(cfg.tlb_entries, 4);
	assert_int_equal(cfg.npagefiles, 1);
	assert_int_equal(cfg.pagefile[0], 32u << 20);
	assert_string_equal(notice, "");
	/* the command line over the scenario, with a notice where they differ */
	struct scn_machine over = {.given = SCN_GIVEN_RAM | SCN_GIVEN_ARCH | SCN_GIVEN_TLB};
	over.cfg.ram = 32u << 20;
	over.cfg.arch = MM_ARCH_PAE;
	over.cfg.tlb_entries = 4;
	scenario_machine(sc, &over, &cfg, notice, sizeof notice);
	assert_int_equal(cfg.ram, 32u << 20);
	assert_int_equal(cfg.arch, MM_ARCH_PAE);
	assert_int_equal(cfg.pagefile[0], 64u << 20);
	assert_string_equal(notice, "--ram 32 MB overrides the scenario's 16 MB");
	/* given page files are kept, also none at all */
	over.given = SCN_GIVEN_PAGEFILES;
	over.cfg.npagefiles = 0;
	scenario_machine(sc, &over, &cfg, NULL, 0);
	assert_int_equal(cfg.npagefiles, 0);
	scenario_free(sc);
	/* no scenario: defaults and overrides */
	scenario_machine(NULL, NULL, &cfg, notice, sizeof notice);
	assert_int_equal(cfg.ram, 64u << 20);
	assert_int_equal(cfg.pagefile[0], 128u << 20);
}

/* One set of limits (issue 15): a machine value a scenario may not give
 * cannot come in as an option either, and the other way round. Each case
 * is loaded as a scenario's `machine` block and built as tui/main.c
 * builds the options (mm_parse_size, the defaults, scenario_machine,
 * mm_config_validate). Once a page file of 16383G passed the command line
 * while scenarios stopped at 64G, and !vm printed a negative commit limit;
 * and x86 with 2G of RAM could not boot at all (its default page file of
 * 4G was past x86's largest). */
static void test_machine_limits_as_command_line(void **state)
{
	(void)state;
	static const struct {
		enum mm_arch arch;
		const char *ram, *pagefile;
		bool ok;
	} cases[] = {
		{MM_ARCH_X64, NULL, "16383G", false}, {MM_ARCH_X64, NULL, "64G", true},
		{MM_ARCH_X64, NULL, "65G", false},    {MM_ARCH_X64, NULL, "1M", true},
		{MM_ARCH_X64, NULL, "1020K", false},  {MM_ARCH_X86, NULL, "4G", false},
		{MM_ARCH_X86, NULL, "4194300K", true}, {MM_ARCH_PAE, NULL, "64G", true},
		{MM_ARCH_X64, "64G", NULL, true},     {MM_ARCH_X64, "65G", NULL, false},
		{MM_ARCH_X86, "2G", NULL, true},      {MM_ARCH_X86, "4G", NULL, true},
		{MM_ARCH_X86, "8G", NULL, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char machine[160], text[512];
		int n = snprintf(machine, sizeof machine, "\"arch\": \"%s\"", mm_arch_name(cases[i].arch));
		if (cases[i].ram)
			n += snprintf(machine + n, sizeof machine - (size_t)n, ", \"ram\": \"%s\"", cases[i].ram);
		if (cases[i].pagefile)
			snprintf(machine + n, sizeof machine - (size_t)n, ", \"pagefiles\": [\"%s\"]", cases[i].pagefile);
		snprintf(text, sizeof text, HEAD "  \"machine\": {%s},\n" STEPS_OK, machine);
		struct scenario *sc = NULL;
		struct scn_err e;
		bool scn_ok = scenario_load_buf("t.json", text, strlen(text), &sc, &e) == 0;
		scenario_free(sc);
		/* the command line: --arch, --ram, --pagefile as tui/main.c takes them */
		struct scn_machine over = {.given = SCN_GIVEN_ARCH};
		struct mm_config cfg;
		struct mm_err me;
		mm_config_default(&over.cfg);
		over.cfg.arch = cases[i].arch;
		if (cases[i].ram) {
			assert_int_equal(mm_parse_size(cases[i].ram, &over.cfg.ram, -1, &me), 0);
			over.given |= SCN_GIVEN_RAM;
		}
		if (cases[i].pagefile) {
			assert_int_equal(mm_parse_size(cases[i].pagefile, &over.cfg.pagefile[0], -1, &me), 0);
			over.cfg.npagefiles = 1;
			over.given |= SCN_GIVEN_PAGEFILES;
		}
		scenario_machine(NULL, &over, &cfg, NULL, 0);
		bool cli_ok = mm_config_validate(&cfg, &me) == 0;
		if (scn_ok != cases[i].ok || cli_ok != cases[i].ok)
			fail_msg("case %zu (%s ram %s pagefile %s): scenario %s (%s), command line %s (%s)", i,
			         mm_arch_name(cases[i].arch), cases[i].ram ? cases[i].ram : "-",
			         cases[i].pagefile ? cases[i].pagefile : "-", scn_ok ? "accepts" : "refuses",
			         scn_ok ? "" : e.msg, cli_ok ? "accepts" : "refuses", cli_ok ? "" : me.msg);
	}
}

struct listing {
	char text[2000];
};

static void list_cb(void *ud, const struct scn_entry *e)
{
	struct listing *l = ud;
	size_t n = strlen(l->text);
	snprintf(l->text + n, sizeof l->text - n, "%s|%s|%s\n", e->name, e->path ? e->path : "-",
	         e->sc ? e->sc->id : e->err->what);
}

static void test_search_path(void **state)
{
	(void)state;
	char old[1024], p[600], xdg[400], out[600];
	assert_non_null(getcwd(old, sizeof old));
	assert_int_equal(chdir(tmpdir), 0);
	snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
	setenv("XDG_DATA_HOME", xdg, 1);
	assert_int_equal(mkdir("scenarios", 0700), 0);
	assert_int_equal(mkdir("xdg", 0700), 0);
	assert_int_equal(mkdir("xdg/mmviz", 0700), 0);
	assert_int_equal(mkdir("xdg/mmviz/scenarios", 0700), 0);
	write_file("scenarios/foo.json", "{\"schema\": 1, \"id\": \"foo\", \"title\": \"F\", \"steps\": [{\"say\": \"x\"}]}");
	write_file("scenarios/notes.txt", "not a scenario");
	write_file("xdg/mmviz/scenarios/bar.json", "{\"schema\": 1, \"id\": \"bar\", \"title\": \"B\", \"steps\": [{\"say\": \"x\"}]}");
	write_file("xdg/mmviz/scenarios/foo.json", "{\"schema\": 1, \"id\": \"shadowed\", \"title\": \"B\", \"steps\": [{\"say\": \"x\"}]}");
	write_file("xdg/mmviz/scenarios/broken.json", "{\"schema\": 2}");
	write_file("plain", "x");

	assert_int_equal(scenario_find("foo", out, sizeof out), SCN_FILE);
	assert_string_equal(out, "scenarios/foo.json");
	assert_int_equal(scenario_find("foo.json", out, sizeof out), SCN_FILE);
	assert_string_equal(out, "scenarios/foo.json");
	assert_int_equal(scenario_find("bar", out, sizeof out), SCN_FILE);
	snprintf(p, sizeof p, "%s/mmviz/scenarios/bar.json", xdg);
	assert_string_equal(out, p);
	assert_int_equal(scenario_find("plain", out, sizeof out), SCN_FILE);
	assert_string_equal(out, "plain");
	assert_int_equal(scenario_find("tour", out, sizeof out), SCN_BUILTIN);
	assert_string_equal(out, "tour");
	assert_int_equal(scenario_find("nope", out, sizeof out), SCN_NOT_FOUND);
	assert_int_equal(scenario_find("x/foo", out, sizeof out), SCN_NOT_FOUND);
	assert_int_equal(scenario_find("foo", out, 4), SCN_NOT_FOUND);

	struct scenario *sc;
	struct scn_err e;
	assert_int_equal(scenario_open("bar", &sc, &e), 0);
	assert_string_equal(sc->id, "bar");
	scenario_free(sc);
	assert_int_equal(scenario_open("tour", &sc, &e), 0);
	assert_string_equal(sc->id, "tour");
	assert_string_equal(sc->file, "<built-in tour>");
	scenario_free(sc);
	assert_int_equal(scenario_open("nope", &sc, &e), -1);
	assert_null(sc);
	char msg[800];
	snprintf(msg, sizeof msg, "nope: no such scenario; expected a file, or NAME.json in scenarios/, "
	         "%s/mmviz/scenarios/, %s/scenarios/, or a built-in name (tour)", xdg, datapath_datadir());
	assert_string_equal(e.msg, msg);
	assert_int_equal(scenario_open("tuor", &sc, &e), -1); /* a typo: the nearest name (mm_spell) */
	assert_string_equal(e.msg, "tuor: no such scenario; did you mean tour?");

	struct listing l = {""};
	assert_int_equal(scenario_list(list_cb, &l), 4);
	char want[2000];
	/* the built-in tour is on the course path (order 10): it comes first */
	snprintf(want, sizeof want,
	         "tour|-|tour\n"
	         "foo|scenarios/foo.json|foo\n"
	         "bar|%s/mmviz/scenarios/bar.json|bar\n"
	         "broken|%s/mmviz/scenarios/broken.json|schema 2 is newer than this mmviz understands\n", xdg, xdg);
	assert_string_equal(l.text, want);
	/* the course path first, by order; the rest in search order (SCN-COURSE) */
	write_file("xdg/mmviz/scenarios/late.json", "{\"schema\": 1, \"id\": \"late\", \"title\": \"L\", "
	           "\"course\": {\"order\": 9, \"minutes\": 5}, \"steps\": [{\"say\": \"x\"}]}");
	write_file("xdg/mmviz/scenarios/zz-early.json", "{\"schema\": 1, \"id\": \"early\", \"title\": \"E\", "
	           "\"course\": {\"order\": 2, \"minutes\": 5}, \"steps\": [{\"say\": \"x\"}]}");
	l.text[0] = '\0';
	assert_int_equal(scenario_list(list_cb, &l), 6);
	snprintf(want, sizeof want,
	         "zz-early|%s/mmviz/scenarios/zz-early.json|early\n"
	         "late|%s/mmviz/scenarios/late.json|late\n"
	         "tour|-|tour\n"
	         "foo|scenarios/foo.json|foo\n"
	         "bar|%s/mmviz/scenarios/bar.json|bar\n"
	         "broken|%s/mmviz/scenarios/broken.json|schema 2 is newer than this mmviz understands\n",
	         xdg, xdg, xdg, xdg);
	assert_string_equal(l.text, want);
	assert_int_equal(unlink("xdg/mmviz/scenarios/late.json"), 0);
	assert_int_equal(unlink("xdg/mmviz/scenarios/zz-early.json"), 0);
	/* a file named like a built-in shadows it */
	write_file("scenarios/tour.json", "{\"schema\": 1, \"id\": \"my-tour\", \"title\": \"M\", \"steps\": [{\"say\": \"x\"}]}");
	l.text[0] = '\0';
	assert_int_equal(scenario_list(list_cb, &l), 4);
	assert_non_null(strstr(l.text, "tour|scenarios/tour.json|my-tour\n"));
	assert_null(strstr(l.text, "tour|-|"));

	unsetenv("XDG_DATA_HOME");
	assert_int_equal(chdir(old), 0);
}

static void test_builtin_tour(void **state)
{
	(void)state;
	size_t len = 0;
	const char *json = builtin_scenario("tour", &len);
	assert_non_null(json);
	assert_int_equal(strlen(json), len);
	assert_null(builtin_scenario("nope", NULL));
	assert_string_equal(builtin_scenario_name(0), "tour");
	assert_null(builtin_scenario_name(1));
	struct scenario *sc = NULL;
	struct scn_err e;
	if (scenario_load_buf("tour", json, len, &sc, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(sc->id, "tour");
	assert_true(sc->nsteps >= 10 && sc->nsteps <= 15);
	for (int i = 0; i < sc->nsteps; i++) {
		/* every narration in both languages */
		assert_non_null(sc->steps[i].say.en);
		assert_non_null(sc->steps[i].say.de);
		if (sc->steps[i].ask) {
			assert_non_null(sc->steps[i].ask->prompt.en);
			assert_non_null(sc->steps[i].ask->prompt.de);
		}
	}
	assert_non_null(sc->title.de);
	assert_non_null(sc->summary.de);
	scenario_free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_minimal_and_bom),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_course),
		cmocka_unit_test(test_bad_focus),
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_step_rules),
		cmocka_unit_test(test_host_files_refused),
		cmocka_unit_test(test_too_many_steps),
		cmocka_unit_test(test_narration_limit),
		cmocka_unit_test(test_ram_limit),
		cmocka_unit_test(test_images),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_hostile_files),
		cmocka_unit_test(test_machine_merge),
		cmocka_unit_test(test_machine_limits_as_command_line),
		cmocka_unit_test(test_search_path),
		cmocka_unit_test(test_builtin_tour),
	};
	return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
