/*
 * 42_scncheck.c — `--check` end to end (core/scncheck.h rules C1-C9) on
 * the real session: the built-in tour passes; a wrong expect, a failing
 * command, a wrong answer and a broken file each give their FAIL line;
 * the closing line and the return value count failures.
 *
 * Needs core/session.c (session_new, session_exec_json, session_free).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scncheck.h"

static char tmpdir[128];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/mmviz-42-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Writes a scenario with the given steps (a JSON list body) to a file
 * named after id; returns the path in a static buffer. */
static const char *scenario(const char *id, const char *machine, const char *steps)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s.json", tmpdir, id);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "{\"schema\": 1, \"id\": \"%s\", \"title\": \"T\",%s \"steps\": [%s]}\n", id, machine, steps);
	fclose(f);
	return path;
}

/* Runs scncheck_run on one name; returns the output (static) and the
 * number failed in *failed. */
static const char *check(const char *name, const struct scn_machine *over, int *failed)
{
	static char out[4096];
	FILE *f = fmemopen(out, sizeof out, "w");
	assert_non_null(f);
	const char *names[] = {name};
	*failed = scncheck_run(names, 1, over, f);
	fclose(f);
	return out;
}

#define BASE "{\"run\": \"process create a.exe --bare\"}, " \
	"{\"run\": \"$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE\"}, "

static void test_tour_passes(void **state)
{
	(void)state;
	int failed;
	const char *out = check("tour", NULL, &failed);
	assert_string_equal(out, "PASS  tour  (14 steps)\n1 passed, 0 failed\n");
	assert_int_equal(failed, 0);
}

static void test_expect_mismatch(void **state)
{
	(void)state;
	int failed;
	const char *p = scenario("mismatch", "", BASE "{\"run\": \"read $p\", \"expect\": {\"result\": {\"exception\": null}}}");
	const char *out = check(p, NULL, &failed);
	assert_string_equal(out, "FAIL  mismatch  step 3: read $p \xe2\x80\x94 result.exception: expected null, "
	                         "got \"STATUS_ACCESS_VIOLATION\"\n0 passed, 1 failed\n");
	assert_int_equal(failed, 1);
}

static void test_failures(void **state)
{
	(void)state;
	int failed;
	/* C2: a failing command without an expect fails the step */
	const char *p = scenario("unexpected", "", BASE "{\"run\": [\"frobnicate 1\", \"!vm\"]}");
	const char *out = check(p, NULL, &failed);
	assert_int_equal(failed, 1);
	assert_true(strncmp(out, "FAIL  unexpected  step 3: frobnicate 1 \xe2\x80\x94 failed: unknown", 53) == 0);
	assert_non_null(strstr(out, "(no expect allows a failure)\n0 passed, 1 failed\n"));
	/* ... unless it is the last command and the expect says so */
	p = scenario("expected", "", BASE "{\"run\": [\"!vm\", \"frobnicate 1\"], \"expect\": {\"ok\": false, \"error\": {\"code\": \"unknown\"}}}");
	out = check(p, NULL, &failed);
	assert_string_equal(out, "PASS  expected  (3 steps)\n1 passed, 0 failed\n");
	/* C3: the expect applies to the last command */
	p = scenario("last", "", BASE "{\"run\": [\"read $p\", \"!vm\"], \"expect\": {\"result\": {\"exception\": \"STATUS_ACCESS_VIOLATION\"}}}");
	out = check(p, NULL, &failed);
	assert_string_equal(out, "FAIL  last  step 3: !vm \xe2\x80\x94 result.exception: missing; expected "
	                         "\"STATUS_ACCESS_VIOLATION\"\n0 passed, 1 failed\n");
}

static void test_answers(void **state)
{
	(void)state;
	int failed;
	const char *p = scenario("answers", "", BASE "{\"run\": \"read $p\", \"ask\": {\"prompt\": \"Q\", "
	                         "\"answers\": [\"STATUS_ACCESS_VIOLATION\"]}}");
	const char *out = check(p, NULL, &failed);
	assert_string_equal(out, "PASS  answers  (3 steps)\n1 passed, 0 failed\n");
	p = scenario("wrong-answer", "", BASE "{\"run\": \"read $p\", \"ask\": {\"prompt\": \"Q\", "
	             "\"answers\": [\"STATUS_ACCESS_VIOLATION\", \"demand_zero\"]}}");
	out = check(p, NULL, &failed);
	assert_string_equal(out, "FAIL  wrong-answer  step 3: read $p \xe2\x80\x94 ask.answers[1] \"demand_zero\" "
	                         "does not appear in the step's result\n0 passed, 1 failed\n");
	/* a failing last command shows its error: the Win32 code and the status are answers */
	p = scenario("error-answer", "", BASE "{\"run\": \"VirtualFree $p+0x1000 0 MEM_RELEASE\", "
	             "\"expect\": {\"ok\": false}, \"ask\": {\"prompt\": \"Q\", "
	             "\"answers\": [\"ERROR_INVALID_ADDRESS\", \"STATUS_FREE_VM_NOT_AT_BASE\"]}}");
	out = check(p, NULL, &failed);
	assert_string_equal(out, "PASS  error-answer  (3 steps)\n1 passed, 0 failed\n");
	/* ... but not an error it did not give */
	p = scenario("error-wrong", "", BASE "{\"run\": \"VirtualFree $p+0x1000 0 MEM_RELEASE\", "
	             "\"expect\": {\"ok\": false}, \"ask\": {\"prompt\": \"Q\", "
	             "\"answers\": [\"ERROR_COMMITMENT_LIMIT\"]}}");
	out = check(p, NULL, &failed);
	assert_int_equal(failed, 1);
	assert_non_null(strstr(out, "ask.answers[0] \"ERROR_COMMITMENT_LIMIT\" does not appear"));
}

/* C6, C7: a question must not give itself away: not in the narration
 * shown with it (either language), not in its prompt or hint, not in the
 * previous step's output at the same place; the answer belongs in
 * ask.explain, which is shown after it. Choices are shown and may hold it. */
static void test_leaks(void **state)
{
	(void)state;
	int failed;
	const char *out = check("tests/fixtures/leaky-ask.json", NULL, &failed);
	assert_int_equal(failed, 1);
	assert_string_equal(out, "FAIL  leaky-ask  step 2: read $p \xe2\x80\x94 the question gives itself away: say.en, "
	                         "shown before the learner answers, says the answer \"STATUS_ACCESS_VIOLATION\": "
	                         "\"...manager raises an access violation...\" (hold the say back: drop the ask's "
	                         "\"say\": \"with\")\n"
	                         "0 passed, 1 failed\n");
	const char *p = scenario("leak-de", "", BASE "{\"run\": \"read $p\", \"say\": {\"en\": \"Reserved only.\", "
	                         "\"de\": \"Es folgt eine Zugriffsverletzung.\"}, \"ask\": {\"prompt\": \"Q\", "
	                         "\"answers\": [\"STATUS_ACCESS_VIOLATION\"], \"say\": \"with\"}}");
	out = check(p, NULL, &failed);
	assert_non_null(strstr(out, "say.de, shown before the learner answers, says the answer \"STATUS_ACCESS_VIOLATION\""));
	p = scenario("leak-hint", "", BASE "{\"run\": \"read $p\", \"ask\": {\"prompt\": \"Q\", "
	             "\"answers\": [\"STATUS_ACCESS_VIOLATION\"], \"hint\": {\"de\": \"0xC0000005\"}}}");
	out = check(p, NULL, &failed);
	assert_non_null(strstr(out, "ask.hint.de, shown before the learner answers"));
	p = scenario("explained", "", BASE "{\"run\": \"read $p\", \"say\": \"Reserved, not committed.\", "
	             "\"ask\": {\"prompt\": \"Which exception?\", \"choices\": [\"access violation\", \"guard page violation\"], "
	             "\"answers\": [\"STATUS_ACCESS_VIOLATION\"], \"explain\": \"An access violation.\"}}");
	out = check(p, NULL, &failed);
	assert_string_equal(out, "PASS  explained  (3 steps)\n1 passed, 0 failed\n");
	/* a say held back until the answer (the default, or "say": "after")
	 * may tell it; one shown with the question ("say": "with") may not;
	 * the prompt may not, held back or not */
	p = scenario("held-back", "", BASE "{\"run\": \"read $p\", \"say\": \"It raises an access violation.\", "
	             "\"ask\": {\"prompt\": \"Which exception?\", \"answers\": [\"STATUS_ACCESS_VIOLATION\"]}}");
	out = check(p, NULL, &failed);
	assert_string_equal(out, "PASS  held-back  (3 steps)\n1 passed, 0 failed\n");
	p = scenario("held-after", "", BASE "{\"run\": \"read $p\", \"say\": \"It raises an access violation.\", "
	             "\"ask\": {\"prompt\": \"Which exception?\", \"answers\": [\"STATUS_ACCESS_VIOLATION\"], "
	             "\"say\": \"after\"}}");
	out = check(p, NULL, &failed);
	assert_string_equal(out, "PASS  held-after  (3 steps)\n1 passed, 0 failed\n");
	p = scenario("shown-with", "", BASE "{\"run\": \"read $p\", \"say\": \"It raises an access violation.\", "
	             "\"ask\": {\"prompt\": \"Which exception?\", \"answers\": [\"STATUS_ACCESS_VIOLATION\"], "
	             "\"say\": \"with\"}}");
	out = check(p, NULL, &failed);
	assert_non_null(strstr(out, "FAIL  shown-with  step 3"));
	assert_non_null(strstr(out, "say.en, shown before the learner answers"));
	p = scenario("bad-say", "", BASE "{\"run\": \"read $p\", \"ask\": {\"prompt\": \"Q\", "
	             "\"answers\": [\"STATUS_ACCESS_VIOLATION\"], \"say\": \"before\"}}");
	out = check(p, NULL, &failed);
	assert_non_null(strstr(out, "\"before\" is neither"));
	assert_non_null(strstr(out, "\"after\" (the default: the say is held back until the learner has answered) "
	                            "or \"with\" (shown with the question)"));
	p = scenario("on-screen", "", BASE "{\"run\": \"read $p\"}, {\"run\": \"read $p\", "
	             "\"ask\": {\"prompt\": \"Which exception?\", \"answers\": [\"STATUS_ACCESS_VIOLATION\"]}}");
	out = check(p, NULL, &failed);
	assert_string_equal(out, "FAIL  on-screen  step 4: read $p \xe2\x80\x94 the question gives itself away: the previous "
	                         "step's output, on screen when it is asked, already shows result.exception = "
	                         "\"STATUS_ACCESS_VIOLATION\"\n0 passed, 1 failed\n");
	/* an answer that is not among the choices is refused when the file loads */
	p = scenario("not-a-choice", "", BASE "{\"run\": \"read $p\", \"ask\": {\"prompt\": \"Q\", "
	             "\"choices\": [\"soft\", \"hard\"], \"answers\": [\"STATUS_ACCESS_VIOLATION\"]}}");
	out = check(p, NULL, &failed);
	assert_non_null(strstr(out, "answer \"STATUS_ACCESS_VIOLATION\" is not one of the choices"));
}

/* C5: a step that takes longer than a step may fails, naming the step
 * and its slowest command (the budget made tiny here). */
static void test_step_time_budget(void **state)
{
	(void)state;
	int failed;
	const char *p = scenario("slow", "", BASE "{\"run\": [\"!vm\", \"touch $p 64K r\"]}");
	setenv("MMVIZ_STEP_SECONDS", "0.0000001", 1);
	const char *out = check(p, NULL, &failed);
	unsetenv("MMVIZ_STEP_SECONDS");
	assert_int_equal(failed, 1);
	assert_true(strncmp(out, "FAIL  slow  step 1:", 19) == 0); /* the first step already exceeds it */
	assert_non_null(strstr(out, "a step may take (docs/quality.md Q-BOUNDS)"));
	out = check(p, NULL, &failed); /* the real budget: passes */
	assert_int_equal(failed, 0);
}

/* Writes n words ("w w w ...", with a tab and a newline among the
 * spaces, which separate words as well) into buf. */
static const char *words(char *buf, size_t cap, int n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && len + 4 < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%sw", i == 0 ? "" : i % 10 == 0 ? "\\n" : i % 7 == 0 ? "\\t " : " ");
	return buf;
}

/* C8: a step's narration may have 70 words in each language, not 71; the
 * failure names the step, the language and the count, and nothing plays. */
static void test_word_limit(void **state)
{
	(void)state;
	int failed;
	char w70[1024], w71[1024], steps[4096];
	words(w70, sizeof w70, 70);
	words(w71, sizeof w71, 71);
	snprintf(steps, sizeof steps, "{\"say\": {\"en\": \"%s\", \"de\": \"%s\"}}, "
	         "{\"run\": \"frobnicate\", \"say\": {\"en\": \"Short.\", \"de\": \"%s\"}}", w70, w70, w71);
	const char *out = check(scenario("wordy", "", steps), NULL, &failed);
	assert_int_equal(failed, 1);
	assert_string_equal(out, "FAIL  wordy  step 2: say.de has 71 words, more than the 70 a step may have "
	                         "(docs/scenarios.md SCN-WORDS: shorten it, split the step, or move detail into "
	                         "ask.explain)\n0 passed, 1 failed\n");
	snprintf(steps, sizeof steps, "{\"say\": {\"en\": \"%s\", \"de\": \"%s\"}}", w70, w70);
	out = check(scenario("just-fits", "", steps), NULL, &failed);
	assert_string_equal(out, "PASS  just-fits  (1 step)\n1 passed, 0 failed\n");
	/* a narration given in one language only is counted in that one */
	snprintf(steps, sizeof steps, "{\"say\": \"%s\"}", w71);
	out = check(scenario("english-only", "", steps), NULL, &failed);
	assert_non_null(strstr(out, "FAIL  english-only  step 1: say.en has 71 words"));
}

/* C9: six steps make a lesson, which needs two questions; five steps
 * (an example, a fixture) need none. */
static void test_lesson_asks(void **state)
{
	(void)state;
	int failed;
#define ASK "{\"run\": \"read $p\", \"ask\": {\"prompt\": \"Q\", \"answers\": [\"STATUS_ACCESS_VIOLATION\"]}}"
#define SAY "{\"say\": \"Narration.\"}"
	const char *out = check(scenario("one-ask", "", BASE ASK ", " SAY ", " SAY ", " SAY), NULL, &failed);
	assert_int_equal(failed, 1);
	assert_string_equal(out, "FAIL  one-ask  the scenario has 1 question (ask) in 6 steps; a scenario of 6 steps "
	                         "or more needs at least 2 that make the learner predict (docs/scenarios.md "
	                         "SCN-LESSON)\n0 passed, 1 failed\n");
	out = check(scenario("two-asks", "", BASE ASK ", " SAY ", " ASK ", " SAY), NULL, &failed);
	assert_string_equal(out, "PASS  two-asks  (6 steps)\n1 passed, 0 failed\n");
	out = check(scenario("short-demo", "", BASE SAY ", " SAY ", " SAY), NULL, &failed);
	assert_string_equal(out, "PASS  short-demo  (5 steps)\n1 passed, 0 failed\n");
#undef ASK
#undef SAY
}

static void test_overrides_and_load_errors(void **state)
{
	(void)state;
	int failed;
	const char *p = scenario("small", " \"machine\": {\"ram\": \"16M\"},", "{\"run\": \"machine\", "
	                         "\"expect\": {\"result\": {\"physical_pages\": 8192}}}");
	struct scn_machine over = {.given = SCN_GIVEN_RAM};
	over.cfg.ram = 32u << 20;
	const char *out = check(p, &over, &failed);
	assert_string_equal(out, "PASS  small  (1 step; --ram 32 MB overrides the scenario's 16 MB)\n1 passed, 0 failed\n");
	/* several names, one of them broken, one missing */
	char bad[256], line[800];
	snprintf(bad, sizeof bad, "%s/bad.json", tmpdir);
	FILE *f = fopen(bad, "w");
	fputs("{\"schema\": 1,\n \"id\": \"bad\", \"title\": \"T\", \"steps\": [{\"sya\": \"x\"}]}", f);
	fclose(f);
	char out2[2000];
	f = fmemopen(out2, sizeof out2, "w");
	const char *names[] = {"tour", bad, "no-such-scenario"};
	failed = scncheck_run(names, 3, NULL, f);
	fclose(f);
	assert_int_equal(failed, 2);
	snprintf(line, sizeof line, "PASS  tour  (14 steps)\nFAIL  %s  %s:2:40: steps[0].sya: unknown key \"sya\"; "
	         "expected \"say\" (keys are case-sensitive; known keys: run, say, focus, pause, ask, expect)\n", bad, bad);
	assert_true(strncmp(out2, line, strlen(line)) == 0);
	assert_non_null(strstr(out2, "\nFAIL  no-such-scenario  no-such-scenario: no such scenario; expected "));
	assert_non_null(strstr(out2, "\n1 passed, 2 failed\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tour_passes),
		cmocka_unit_test(test_expect_mismatch),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_leaks),
		cmocka_unit_test(test_overrides_and_load_errors),
		cmocka_unit_test(test_step_time_budget),
		cmocka_unit_test(test_word_limit),
		cmocka_unit_test(test_lesson_asks),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
