/*
 * 47_quiz_tui.c — the quiz as a screen of the TUI (docs/tui.md TUI-QUIZ,
 * tui/screen_quiz.c): every topic's problems become scenarios the ordinary
 * loader accepts; replayed on their own machine, the set-up commands all
 * succeed and leave the machine the question was written about (the
 * question's own command gives the accepted answer again: translation's
 * read misses the TLB, walks, and reaches the physical address vtop gave,
 * or faults); a choice's
 * letter is judged right as the line mode judges it (learn_check) and
 * handed to the player as the accepted answer; the score adds the
 * questions of every problem (QZ2); a seed repeats the quiz (QZ3); the
 * scenario focus `policies` loads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "learn.h"
#include "player.h"
#include "scenario.h"
#include "screen_quiz.h"
#include "session.h"

static const char *const topics[] = {"translation", "faults", "lists", "commit",
				     "protection", "sharing", "workingset", "layout"};

/* Plays question after question of a topic with questions off: every
 * record ok, and the question's step is the scenario's last. */
static void test_every_topic_replays(void **state)
{
	(void)state;
	char err[256];
	for (size_t t = 0; t < sizeof topics / sizeof *topics; t++) {
		struct screen_quiz *q = screen_quiz_new(topics[t], 11, 4, 0, err, sizeof err);
		assert_non_null(q);
		struct player *prev = NULL;
		struct session *ps = NULL;
		struct scenario *psc = NULL;
		for (int i = 0; i < 4; i++) {
			struct session *s;
			struct scenario *sc;
			int nsetup = -1;
			int r = screen_quiz_next(q, prev, &s, &sc, &nsetup, err, sizeof err);
			if (r == 1)
				break;
			if (r != 0)
				fail_msg("%s question %d: %s", topics[t], i + 1, err);
			assert_true(nsetup >= 0 && nsetup == sc->nsteps - 1);
			assert_non_null(sc->steps[sc->nsteps - 1].ask);
			struct player *pl = player_new(s, sc, 0);
			assert_non_null(pl);
			assert_int_equal(player_run_steps(pl, sc->nsteps), sc->nsteps);
			for (int k = 0; k < player_nrecs(pl); k++) {
				const struct player_rec *rec = player_rec(pl, k);
				if (rec->step < nsetup && !rec->ok)
					fail_msg("%s question %d: set-up command '%s' failed", topics[t], i + 1, rec->line);
			}
			if (prev) {
				player_free(prev);
				session_free(ps);
				scenario_free(psc);
			}
			prev = pl;
			ps = s;
			psc = sc;
		}
		if (prev) {
			player_free(prev);
			session_free(ps);
			scenario_free(psc);
		}
		screen_quiz_free(q);
	}
}

/* translation: the read the TUI plays reaches the physical address the
 * question's answer names (or faults when the answer is "fault"). */
static void test_translation_read_agrees(void **state)
{
	(void)state;
	char err[256];
	for (uint64_t seed = 1; seed <= 6; seed++) {
		struct screen_quiz *q = screen_quiz_new("translation", seed, 1, 0, err, sizeof err);
		assert_non_null(q);
		struct session *s;
		struct scenario *sc;
		int nsetup;
		assert_int_equal(screen_quiz_next(q, NULL, &s, &sc, &nsetup, err, sizeof err), 0);
		struct player *pl = player_new(s, sc, 0);
		player_run_steps(pl, nsetup + 1);
		const struct player_rec *rec = player_rec(pl, player_nrecs(pl) - 1);
		assert_non_null(rec->json);
		assert_true(!strncmp(rec->line, "read ", 5));
		assert_string_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(rec->json, "result"), "tlb")->valuestring,
				    "miss"); /* the walk is played, not a TLB hit */
		const struct scn_ask *a = sc->steps[sc->nsteps - 1].ask;
		const cJSON *res = cJSON_GetObjectItemCaseSensitive(rec->json, "result");
		const cJSON *pa = cJSON_GetObjectItemCaseSensitive(res, "pa");
		if (strcmp(a->answers[0], "fault")) {
			assert_true(cJSON_IsString(pa));
			assert_int_equal(strtoull(pa->valuestring, NULL, 16), strtoull(a->answers[0], NULL, 16));
		}
		player_free(pl);
		session_free(s);
		scenario_free(sc);
		screen_quiz_free(q);
	}
}

/* A letter is the choice (learn_check), handed on as the accepted answer;
 * the score adds the questions of the problems before (QZ2). */
static void test_letters_and_score(void **state)
{
	(void)state;
	char err[256];
	struct screen_quiz *q = screen_quiz_new("faults", 3, 2, 0, err, sizeof err);
	struct session *s;
	struct scenario *sc;
	int nsetup;
	assert_int_equal(screen_quiz_next(q, NULL, &s, &sc, &nsetup, err, sizeof err), 0);
	const struct scn_ask *a = sc->steps[nsetup].ask;
	assert_true(a->nchoices > 1);
	int right = -1;
	for (int c = 0; c < a->nchoices; c++)
		if (!strcmp(a->choices[c], a->answers[0]))
			right = c;
	assert_true(right >= 0);
	char typed[64];
	snprintf(typed, sizeof typed, "%c)", 'a' + right);
	assert_true(screen_quiz_judge(q, typed, sizeof typed));
	assert_string_equal(typed, a->answers[0]);
	snprintf(typed, sizeof typed, "%c", 'a' + (right + 1) % a->nchoices);
	assert_false(screen_quiz_judge(q, typed, sizeof typed));
	struct player *pl = player_new(s, sc, 0);
	player_set_questions(pl, true);
	player_run_steps(pl, nsetup);
	assert_false(player_next(pl)); /* the question opens instead */
	assert_int_equal(player_asking(pl), nsetup);
	assert_int_equal(player_answer(pl, a->answers[0]), PLAYER_ANSWER_RIGHT);
	int r, p;
	screen_quiz_score(q, pl, &r, &p);
	assert_int_equal(r, 1);
	assert_int_equal(p, 1);
	struct session *s2;
	struct scenario *sc2;
	assert_int_equal(screen_quiz_next(q, pl, &s2, &sc2, &nsetup, err, sizeof err), 0);
	screen_quiz_score(q, NULL, &r, &p);
	assert_int_equal(p, 1); /* the first question counted once */
	struct session *s3;
	struct scenario *sc3;
	assert_int_equal(screen_quiz_next(q, NULL, &s3, &sc3, &nsetup, err, sizeof err), 1); /* --count 2 */
	assert_null(s3);
	player_free(pl);
	session_free(s);
	scenario_free(sc);
	session_free(s2);
	scenario_free(sc2);
	screen_quiz_free(q);
}

/* QZ3: the same seed gives the same questions. */
static void test_seed_repeats(void **state)
{
	(void)state;
	char err[256], first[3][LEARN_TEXT];
	for (int run = 0; run < 2; run++) {
		struct screen_quiz *q = screen_quiz_new(NULL, 42, 3, 1, err, sizeof err);
		for (int i = 0; i < 3; i++) {
			struct session *s;
			struct scenario *sc;
			int nsetup;
			assert_int_equal(screen_quiz_next(q, NULL, &s, &sc, &nsetup, err, sizeof err), 0);
			const char *ex = scn_text_get(&sc->steps[nsetup].ask->explain, 1);
			if (run == 0)
				snprintf(first[i], sizeof first[i], "%s", ex);
			else
				assert_string_equal(first[i], ex);
			session_free(s);
			scenario_free(sc);
		}
		screen_quiz_free(q);
	}
}

static void test_unknown_topic(void **state)
{
	(void)state;
	char err[256];
	assert_null(screen_quiz_new("paging", 1, 1, 0, err, sizeof err));
	assert_non_null(strstr(err, "unknown topic 'paging'"));
	assert_non_null(strstr(err, "translation"));
}

static void test_policies_focus(void **state)
{
	(void)state;
	static const char doc[] = "{\"schema\": 1, \"id\": \"p\", \"title\": \"p\", \"steps\": [{\"run\": "
				  "\"policies --frames 3 1 2 3\", \"focus\": \"policies\"}]}";
	struct scenario *sc;
	struct scn_err err;
	assert_int_equal(scenario_load_buf("p", doc, strlen(doc), &sc, &err), 0);
	assert_int_equal(sc->steps[0].focus, SCN_FOCUS_POLICIES);
	assert_string_equal(scn_focus_name(SCN_FOCUS_POLICIES), "policies");
	scenario_free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_topic_replays),
		cmocka_unit_test(test_translation_read_agrees),
		cmocka_unit_test(test_letters_and_score),
		cmocka_unit_test(test_seed_repeats),
		cmocka_unit_test(test_unknown_topic),
		cmocka_unit_test(test_policies_focus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
