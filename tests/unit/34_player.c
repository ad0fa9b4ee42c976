/*
 * 34_player.c — the step cursor (tui/player.h) over the built-in tour and
 * small scenarios: positions and their event counts, exact stepping (the
 * state at a position is the same whichever way it was reached, checked
 * with mm_state_hash, and the invariant checker between commands), next /
 * previous command,
 * first / last, `pause` stopping playback, `expect` ticks and crosses
 * (the same verdicts as --check, scncheck_step), typed commands in the
 * past (journaled ones cut the future, inspection ones and failed ones
 * keep it), failed commands, `reset`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mm.h"
#include "player.h"
#include "scenario.h"
#include "scncheck.h"
#include "session.h"
#include "testlib.h"

struct fix {
	struct scenario *sc;
	struct session *s;
	struct player *p;
};

static void fix_open(struct fix *f, const char *json)
{
	struct scn_err e;
	if (json) {
		if (scenario_load_buf("t.json", json, strlen(json), &f->sc, &e))
			fail_msg("%s", e.msg);
	} else if (scenario_open("tour", &f->sc, &e)) {
		fail_msg("%s", e.msg);
	}
	f->s = tl_scenario_session(f->sc);
	f->p = player_new(f->s, f->sc, 0);
	assert_non_null(f->p);
}

static void fix_close(struct fix *f)
{
	player_free(f->p);
	session_free(f->s);
	scenario_free(f->sc);
}

static uint64_t hash_now(struct fix *f)
{
	char buf[256];
	/* the invariants hold between commands (inside one, half of a
	 * transition may be done) */
	int cur = player_cur(f->p);
	const char *bad = cur < 0 || player_k(f->p) >= player_rec_len(f->p, cur)
				  ? mm_check(session_mm(f->s), buf, sizeof buf)
				  : NULL;
	if (bad)
		fail_msg("invariant: %s", bad);
	struct mm_hist h;
	mm_hist(session_mm(f->s), &h);
	assert_int_equal(h.cursor, player_events_done(f->p));
	return mm_state_hash(session_mm(f->s));
}

static void test_start_and_first_steps(void **state)
{
	struct fix f;
	fix_open(&f, NULL);
	assert_int_equal(player_cur(f.p), -1);
	assert_int_equal(player_nrecs(f.p), 0);
	assert_int_equal(player_steps_run(f.p), 0);
	assert_int_equal(player_events_done(f.p), 0);
	assert_false(player_prev(f.p));
	assert_true(player_next(f.p)); /* step 1 of the tour: words only */
	assert_int_equal(player_nrecs(f.p), 1);
	assert_null(player_rec(f.p, 0)->line);
	assert_int_equal(player_rec_len(f.p, 0), 1);
	assert_true(player_next(f.p)); /* step 2: process create, its "command" event */
	const struct player_rec *r = player_rec(f.p, 1);
	assert_string_equal(r->line, "process create tour.exe --bare");
	assert_true(r->ok);
	assert_true(r->ev_end > r->ev_begin + 1);
	assert_int_equal(player_k(f.p), 1);
	assert_int_equal(player_events_done(f.p), r->ev_begin + 1);
	assert_int_equal(player_step_at_cursor(f.p), 1);
	fix_close(&f);
}

/* Walks the whole tour forwards one micro-step at a time, then backwards,
 * and jumps around: every position shows one and the same state. */
static void test_exact_stepping(void **state)
{
	struct fix f;
	fix_open(&f, NULL);
	uint64_t hashes[4096];
	int recs[4096];
	uint64_t ks[4096];
	int n = 0;
	hashes[n] = hash_now(&f);
	recs[n] = -1;
	ks[n++] = 0;
	while (player_next(f.p)) {
		assert_true(n < 4096);
		hashes[n] = hash_now(&f);
		recs[n] = player_cur(f.p);
		ks[n++] = player_k(f.p);
	}
	assert_true(player_at_end(f.p));
	assert_int_equal(player_steps_run(f.p), player_nsteps(f.p));
	assert_true(n > 40);
	for (int i = n - 1; i > 0; i--) {
		assert_true(player_prev(f.p));
		assert_int_equal(player_cur(f.p), recs[i - 1]);
		assert_int_equal(player_k(f.p), ks[i - 1]);
		assert_true(hash_now(&f) == hashes[i - 1]);
	}
	assert_false(player_prev(f.p));
	srand(5);
	for (int t = 0; t < 300; t++) {
		int i = rand() % n;
		player_goto(f.p, recs[i], ks[i]);
		assert_true(hash_now(&f) == hashes[i]);
	}
	assert_true(player_last(f.p) || player_at_end(f.p));
	assert_true(hash_now(&f) == hashes[n - 1]);
	assert_true(player_first(f.p));
	assert_true(hash_now(&f) == hashes[0]);
	fix_close(&f);
}

static void test_commands_first_last(void **state)
{
	struct fix f;
	fix_open(&f, NULL);
	assert_true(player_next_cmd(f.p)); /* the words-only step */
	assert_int_equal(player_cur(f.p), 0);
	assert_true(player_next_cmd(f.p)); /* process create, to its end */
	assert_int_equal(player_cur(f.p), 1);
	assert_int_equal(player_k(f.p), player_rec_len(f.p, 1));
	assert_int_equal(player_events_done(f.p), player_rec(f.p, 1)->ev_end);
	assert_true(player_prev(f.p)); /* back into it */
	assert_true(player_next_cmd(f.p)); /* completes it first */
	assert_int_equal(player_cur(f.p), 1);
	assert_int_equal(player_k(f.p), player_rec_len(f.p, 1));
	assert_true(player_prev_cmd(f.p));
	assert_int_equal(player_cur(f.p), 0);
	assert_true(player_prev_cmd(f.p));
	assert_int_equal(player_cur(f.p), -1);
	assert_false(player_prev_cmd(f.p));
	assert_true(player_last(f.p));
	assert_true(player_at_end(f.p));
	assert_false(player_next(f.p));
	assert_false(player_next_cmd(f.p));
	int nrecs = player_nrecs(f.p);
	assert_true(player_first(f.p));
	assert_int_equal(player_nrecs(f.p), nrecs); /* nothing forgotten */
	fix_close(&f);
}

/* PgDn / PgUp (player_next_step, player_prev_step): a scenario step at a
 * time, to the end of its last command, the state exact at each stop. */
static void test_scenario_steps(void **state)
{
	struct fix f;
	fix_open(&f, "{\"schema\":1,\"id\":\"t\",\"title\":\"T\",\"machine\":{\"ram\":\"4M\"},\"steps\":["
		     "{\"run\":[\"process create a.exe\",\"$a = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\"],\"say\":\"one\"},"
		     "{\"say\":\"two\"},"
		     "{\"run\":[\"touch $a 8K w\",\"read $a\",\"write $a+0x2000 1\"],\"say\":\"three\"}]}");
	assert_true(player_next_step(f.p)); /* step 1, both commands */
	assert_int_equal(player_step_at_cursor(f.p), 0);
	assert_true(player_rec(f.p, player_cur(f.p))->last_of_step);
	assert_int_equal(player_k(f.p), player_rec_len(f.p, player_cur(f.p)));
	uint64_t h1 = hash_now(&f);
	assert_true(player_next_step(f.p)); /* step 2, words only */
	assert_int_equal(player_step_at_cursor(f.p), 1);
	assert_true(player_next(f.p)); /* into step 3's first command */
	assert_true(player_next_step(f.p)); /* finishes step 3, all three commands */
	assert_int_equal(player_step_at_cursor(f.p), 2);
	assert_true(player_at_end(f.p));
	uint64_t h3 = hash_now(&f);
	assert_false(player_next_step(f.p)); /* nothing after the last */
	assert_true(player_prev_step(f.p));
	assert_int_equal(player_step_at_cursor(f.p), 1);
	assert_true(player_prev_step(f.p));
	assert_int_equal(player_step_at_cursor(f.p), 0);
	assert_true(player_rec(f.p, player_cur(f.p))->last_of_step);
	assert_int_equal(hash_now(&f), h1); /* the end of step 1, exactly */
	assert_true(player_prev_step(f.p)); /* the booted machine */
	assert_int_equal(player_cur(f.p), -1);
	assert_false(player_prev_step(f.p));
	assert_true(player_next_step(f.p));
	assert_true(player_next_step(f.p));
	assert_true(player_next_step(f.p));
	assert_int_equal(hash_now(&f), h3); /* and forward again to the same end */
	fix_close(&f);
}

static void test_expect_ticks_and_crosses(void **state)
{
	struct fix f;
	fix_open(&f, NULL);
	player_last(f.p);
	int ok = 0;
	for (int i = 0; i < player_nrecs(f.p); i++) {
		const struct player_rec *r = player_rec(f.p, i);
		assert_int_not_equal(r->expect, PLAYER_EXPECT_FAIL);
		ok += r->expect == PLAYER_EXPECT_OK;
	}
	assert_true(ok >= 10);
	fix_close(&f);

	fix_open(&f, "{\"schema\":1,\"id\":\"t\",\"title\":\"T\",\"machine\":{\"ram\":\"4M\"},\"steps\":["
		     "{\"run\":\"process create a.exe --bare\",\"expect\":{\"ok\":true}},"
		     "{\"run\":[\"$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE\",\"read $p\"],"
		     "\"expect\":{\"result\":{\"exception\":null}}},"
		     "{\"run\":\"VirtualFree 0x12345 0 MEM_RELEASE\",\"expect\":{\"ok\":false}}]}");
	assert_int_equal(player_run_steps(f.p, 3), 3);
	assert_int_equal(player_nrecs(f.p), 4);
	assert_int_equal(player_rec(f.p, 0)->expect, PLAYER_EXPECT_OK);
	assert_int_equal(player_rec(f.p, 1)->expect, PLAYER_EXPECT_NONE); /* not the step's last */
	assert_false(player_rec(f.p, 1)->last_of_step);
	assert_int_equal(player_rec(f.p, 2)->expect, PLAYER_EXPECT_FAIL);
	assert_non_null(strstr(player_rec(f.p, 2)->why, "exception"));
	const struct player_rec *bad = player_rec(f.p, 3);
	assert_false(bad->ok);
	assert_int_equal(bad->ev_begin, bad->ev_end); /* a failed command has no micro-steps */
	assert_int_equal(bad->expect, PLAYER_EXPECT_OK);
	fix_close(&f);
}

static void test_pause_stops_playback(void **state)
{
	struct fix f;
	fix_open(&f, NULL);
	player_set_playing(f.p, true);
	int beats = 0;
	while (player_playing(f.p) && beats < 10000) {
		player_tick(f.p);
		beats++;
	}
	/* the tour's first step (words only) pauses */
	assert_int_equal(player_cur(f.p), 0);
	player_set_playing(f.p, true);
	while (player_playing(f.p) && beats < 10000) {
		player_tick(f.p);
		beats++;
	}
	const struct player_rec *r = player_rec(f.p, player_cur(f.p));
	assert_true(r->last_of_step);
	assert_true(f.sc->steps[r->step].pause);
	assert_string_equal(r->line, "write $p 0x41");
	assert_int_equal(player_k(f.p), player_rec_len(f.p, player_cur(f.p)));
	/* to the end: playback stops there */
	for (int i = 0; i < 20 && !player_at_end(f.p); i++) {
		player_set_playing(f.p, true);
		while (player_playing(f.p))
			player_tick(f.p);
	}
	assert_true(player_at_end(f.p));
	player_set_playing(f.p, true);
	assert_false(player_tick(f.p));
	assert_false(player_playing(f.p));
	/* speed */
	int d0 = player_delay_ms(f.p);
	player_speed(f.p, +1);
	assert_true(player_delay_ms(f.p) < d0);
	for (int i = 0; i < 20; i++)
		player_speed(f.p, -1);
	assert_int_equal(player_speed_index(f.p), 0);
	fix_close(&f);
}

static void test_typed_in_the_past(void **state)
{
	struct fix f;
	fix_open(&f, NULL);
	player_run_steps(f.p, 6); /* ... up to the commit of $p */
	int nrecs = player_nrecs(f.p);
	uint64_t h_end = hash_now(&f);
	/* An inspection command in the past keeps the future. */
	player_goto(f.p, 3, 1);
	uint64_t h3_end = (player_goto(f.p, 3, 1000000), hash_now(&f));
	player_goto(f.p, 3, 1);
	int r = player_exec(f.p, "!pte $p");
	assert_int_equal(r, 4);
	assert_int_equal(player_nrecs(f.p), nrecs + 1);
	assert_true(player_rec(f.p, r)->ok);
	assert_int_equal(player_rec(f.p, r)->step, -1);
	assert_int_equal(player_steps_run(f.p), 6);
	assert_int_equal(player_cur(f.p), 4);
	assert_true(hash_now(&f) == h3_end); /* record 3 was completed first */
	player_goto(f.p, nrecs, 1000000);
	assert_true(hash_now(&f) == h_end); /* the future is intact */
	player_last(f.p);
	assert_true(player_steps_run(f.p) == player_nsteps(f.p));

	/* A journaled command in the past cuts the future. */
	struct fix g;
	fix_open(&g, NULL);
	player_run_steps(g.p, 6);
	player_goto(g.p, 2, 1); /* inside `machine`'s step: records 0..2 stay */
	r = player_exec(g.p, "VirtualAlloc 0 64K MEM_RESERVE PAGE_READONLY");
	assert_int_equal(r, 3);
	assert_int_equal(player_nrecs(g.p), 4);
	const struct player_rec *rec = player_rec(g.p, 3);
	assert_true(rec->ok);
	assert_true(rec->ev_end > rec->ev_begin);
	assert_int_equal(player_steps_run(g.p), 3); /* the scenario resumes at step 4 */
	assert_true(player_playing(g.p));	     /* a typed command plays itself */
	while (player_playing(g.p))
		player_tick(g.p);
	assert_int_equal(player_cur(g.p), 3); /* and stops at its end */
	assert_int_equal(player_k(g.p), player_rec_len(g.p, 3));
	hash_now(&g);
	assert_true(player_next(g.p)); /* runs step 4 of the tour again */
	assert_int_equal(player_rec(g.p, 4)->step, 3);
	assert_true(player_rec(g.p, 4)->ok);
	/* stepping back over the new record is exact too */
	uint64_t after = hash_now(&g);
	player_goto(g.p, -1, 0);
	player_goto(g.p, 4, 1);
	assert_true(hash_now(&g) == after);
	fix_close(&g);
	fix_close(&f);
}

/* A typed command that fails in the past — one that does not parse, one
 * with a bad argument, one that fails while running — is a record after
 * the cursor and keeps the future: the later records are all still
 * there, stepping forward from it reaches the same end state, and the
 * scenario has not been rewound (docs/tui.md TUI-STEPPING). */
static void test_failed_in_the_past(void **state)
{
	static const char *const bad[] = {
		"nosuchcommand 1 2", "VirtualAlloc 0 64K", "VirtualAlloc \"0 64K MEM_COMMIT PAGE_READWRITE",
		"VirtualFree 0x7ff00000 0 MEM_RELEASE", "VirtualAlloc 0 1T MEM_COMMIT PAGE_READWRITE", "$x = say hi",
	};
	struct fix f;
	fix_open(&f, NULL);
	player_run_steps(f.p, 6);
	int nrecs = player_nrecs(f.p);
	uint64_t h_end = hash_now(&f);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		player_goto(f.p, 2, 1);
		uint64_t h2_end = (player_goto(f.p, 2, 1000000), hash_now(&f));
		player_goto(f.p, 2, 1);
		int r = player_exec(f.p, bad[i]);
		assert_int_equal(r, 3);
		if (player_rec(f.p, r)->ok)
			fail_msg("'%s' should have failed", bad[i]);
		assert_int_equal(player_nrecs(f.p), nrecs + 1 + (int)i);
		assert_int_equal(player_steps_run(f.p), 6);
		assert_false(player_playing(f.p));
		assert_true(hash_now(&f) == h2_end); /* record 2 completed, nothing more */
		/* stepping forward, micro-step by micro-step, to the old end */
		int n = player_nrecs(f.p);
		while (player_cur(f.p) < n - 1 || player_k(f.p) < player_rec_len(f.p, n - 1))
			assert_true(player_next(f.p));
		assert_int_equal(player_steps_run(f.p), 6);
		assert_true(hash_now(&f) == h_end);
	}
	player_last(f.p); /* the rest of the tour runs as before */
	for (int i = 0; i < player_nrecs(f.p); i++)
		assert_int_not_equal(player_rec(f.p, i)->expect, PLAYER_EXPECT_FAIL);
	fix_close(&f);
}

static void test_failed_blank_and_reset(void **state)
{
	struct fix f;
	fix_open(&f, NULL);
	assert_int_equal(player_exec(f.p, "   # nothing"), -1);
	assert_int_equal(player_nrecs(f.p), 0);
	int r = player_exec(f.p, "VirtualAlloc 0 64K");
	assert_int_equal(r, 0);
	assert_false(player_rec(f.p, 0)->ok);
	assert_false(player_playing(f.p));
	r = player_exec(f.p, "nosuchcommand 1 2");
	assert_false(player_rec(f.p, r)->ok);
	player_run_steps(f.p, 4);
	assert_int_equal(player_steps_run(f.p), 4);
	int n = player_nrecs(f.p);
	assert_true(n >= 6);
	r = player_exec(f.p, "reset");
	assert_int_equal(r, 0);
	assert_int_equal(player_nrecs(f.p), 1);
	assert_int_equal(player_steps_run(f.p), 0); /* the scenario starts again */
	assert_int_equal(player_events_done(f.p), 0);
	hash_now(&f);
	assert_true(player_next(f.p));
	assert_int_equal(player_rec(f.p, 1)->step, 0);
	player_last(f.p);
	for (int i = 0; i < player_nrecs(f.p); i++)
		assert_int_not_equal(player_rec(f.p, i)->expect, PLAYER_EXPECT_FAIL);
	fix_close(&f);
}

/* The step --check fails (0-based), or -1 when it passes. */
static int check_fails_at(const struct scenario *sc)
{
	char note[1100];
	if (scncheck_scenario(sc, NULL, note, sizeof note) == 0)
		return -1;
	int k = 0;
	assert_int_equal(sscanf(note, "step %d:", &k), 1);
	return k - 1;
}

/* The first step the player marks with a cross, or -1. */
static int player_fails_at(struct fix *f)
{
	player_last(f->p);
	for (int i = 0; i < player_nrecs(f->p); i++)
		if (player_rec(f->p, i)->expect == PLAYER_EXPECT_FAIL)
			return player_rec(f->p, i)->step;
	return -1;
}

/* Regression: the player judged a step by matching `expect` against its
 * last record only, so it showed a tick where `--check` failed the step:
 * a last line that is a comment (the expect was matched against the
 * command before it), an earlier command that failed (C2), an answer the
 * step does not show (C4); and it never defined the scenario's images, so
 * a step loading one failed in the TUI and passed under --check.  Both now
 * ask scncheck_step; the verdicts must agree step for step. */
static void test_verdicts_equal_check(void **state)
{
	static const char *const cases[][2] = {
		{"[\"$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE\", \"# reserved\"]", "{\"ok\": true}"},
		{"[\"frobnicate 1\", \"!vm\"]", "{\"ok\": true}"},
		{"\"read $p\"", "{\"ok\": true}, \"ask\": {\"prompt\": \"Q\", \"answers\": [\"demand_zero_nowhere\"]}"},
		{"\"read $p\"", "{\"ok\": true}"},
	};
	char json[2048];
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		snprintf(json, sizeof json,
			 "{\"schema\":1,\"id\":\"t\",\"title\":\"T\",\"machine\":{\"ram\":\"4M\"},\"steps\":["
			 "{\"run\":\"process create a.exe --bare\"},"
			 "{\"run\":\"$p = VirtualAlloc 0 64K MEM_COMMIT PAGE_READWRITE\"},"
			 "{\"run\":%s,\"expect\":%s}]}",
			 cases[c][0], cases[c][1]);
		struct fix f;
		fix_open(&f, json);
		int want = check_fails_at(f.sc);
		assert_int_equal(want, c < 3 ? 2 : -1);
		assert_int_equal(player_fails_at(&f), want);
		fix_close(&f);
	}
	struct fix f;
	fix_open(&f, "{\"schema\":1,\"id\":\"t\",\"title\":\"T\",\"machine\":{\"ram\":\"4M\"},"
		     "\"images\":[{\"name\":\"zz.dll\",\"base\":\"0x10000000\",\"sections\":["
		     "{\"name\":\".text\",\"size\":\"8K\",\"protect\":\"PAGE_EXECUTE_READ\"}]}],\"steps\":["
		     "{\"run\":\"process create a.exe --bare\"},"
		     "{\"run\":\"LoadLibrary zz.dll\",\"expect\":{\"ok\":true}}]}");
	assert_int_equal(check_fails_at(f.sc), -1);
	assert_int_equal(player_fails_at(&f), -1);
	assert_int_equal(player_rec(f.p, player_nrecs(f.p) - 1)->expect, PLAYER_EXPECT_OK);
	fix_close(&f);
}

/* Free play: no scenario, every record typed. */
static void test_free_play(void **state)
{
	struct mm_config cfg;
	mm_config_default(&cfg);
	cfg.ram = 4u << 20;
	struct mm_err err;
	struct session *s = session_new(&cfg, &err);
	struct player *p = player_new(s, NULL, 0);
	assert_false(player_next(p));
	assert_true(player_at_end(p));
	assert_int_equal(player_exec(p, "process create a.exe"), 0);
	assert_int_equal(player_exec(p, "$p = VirtualAlloc 0 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE"), 1);
	assert_int_equal(player_exec(p, "touch $p 4K w"), 2);
	assert_true(player_rec(p, 2)->ok);
	assert_true(player_rec_len(p, 2) > 5);
	assert_int_equal(player_cur(p), 2);
	assert_int_equal(player_k(p), 1);
	player_goto(p, 2, 1000);
	assert_true(player_at_end(p));
	assert_false(player_next(p));
	player_free(p);
	session_free(s);
}


/* Questions (player.h; docs/tui.md TUI-ASK): a scenario whose third step
 * asks what a read returns and whose fourth asks a multiple-choice
 * question with no hint. */
static const char ask_json[] =
	"{\"schema\":1,\"id\":\"t\",\"title\":\"T\",\"machine\":{\"ram\":\"4M\"},\"steps\":["
	"{\"run\":\"process create a.exe --bare\"},"
	"{\"run\":\"$p = VirtualAlloc 0 64K MEM_COMMIT PAGE_READWRITE\"},"
	"{\"run\":\"read $p 8\",\"say\":\"The first read.\",\"ask\":{\"prompt\":\"What does it return?\","
	"\"answers\":[\"0x0\"],\"hint\":\"New pages are zeroed.\"}},"
	"{\"run\":\"read $p 8\",\"ask\":{\"prompt\":\"Which fault now?\",\"answers\":[\"none\"],"
	"\"choices\":[\"none\",\"soft\",\"hard\"],\"say\":\"with\"}},"
	"{\"run\":\"!vm\"}]}";

/* Steps on with n until the player stops moving; returns the moves. */
static int next_until_stuck(struct fix *f)
{
	int n = 0;
	while (n < 10000 && player_next(f->p))
		n++;
	return n;
}

static void test_questions_gate_and_judge(void **state)
{
	(void)state;
	struct fix f;
	fix_open(&f, ask_json);
	assert_false(player_questions(f.p)); /* off in a new player: --at, tests, --check unchanged */
	assert_true(f.sc->steps[3].ask->say_with);
	assert_false(f.sc->steps[2].ask->say_with);
	player_set_questions(f.p, true);
	next_until_stuck(&f);
	/* stopped before step 2: the cursor at the end of step 1, which ran */
	assert_int_equal(player_asking(f.p), 2);
	assert_int_equal(player_steps_run(f.p), 2);
	int cur = player_cur(f.p);
	assert_int_equal(player_rec(f.p, cur)->step, 1);
	assert_int_equal(player_k(f.p), player_rec_len(f.p, cur));
	uint64_t h = hash_now(&f);
	assert_false(player_next(f.p)); /* every forward move waits for the answer */
	assert_false(player_next_cmd(f.p));
	assert_int_equal(hash_now(&f), h);
	assert_int_equal(player_steps_run(f.p), 2); /* the step has not run */
	/* a wrong answer: a second try, the hint's turn; nothing moved */
	assert_int_equal(player_answer(f.p, "0x5"), PLAYER_ANSWER_RETRY);
	assert_int_equal(player_ask_tries(f.p), 1);
	assert_int_equal(player_asking(f.p), 2);
	assert_int_equal(player_cur(f.p), cur);
	assert_int_equal(hash_now(&f), h);
	/* right by the one answer rule (plain 0 for 0x0); the step plays to its end */
	assert_int_equal(player_answer(f.p, " 0 "), PLAYER_ANSWER_RIGHT);
	assert_int_equal(player_asking(f.p), -1);
	assert_int_equal(player_ask_result(f.p, 2), PLAYER_ANSWER_RIGHT);
	assert_int_equal(player_rec(f.p, player_cur(f.p))->step, 2);
	assert_int_equal(player_k(f.p), 1);
	assert_true(player_playing(f.p));
	int beats = 0;
	while (player_playing(f.p) && beats++ < 10000)
		player_tick(f.p);
	const struct player_rec *r = player_rec(f.p, player_cur(f.p));
	assert_int_equal(r->step, 2); /* stopped at the step's end: it was not playing before */
	assert_true(r->last_of_step);
	assert_int_equal(player_k(f.p), player_rec_len(f.p, player_cur(f.p)));
	int right, put;
	player_score(f.p, &right, &put);
	assert_int_equal(right, 1);
	assert_int_equal(put, 1);
	/* back and forth over the answered step: not put again */
	player_first(f.p);
	assert_int_equal(player_asking(f.p), -1);
	next_until_stuck(&f);
	assert_int_equal(player_asking(f.p), 3);
	/* while playing: the question stops playback; wrong twice closes it */
	assert_int_equal(player_answer(f.p, "hard"), PLAYER_ANSWER_RETRY);
	assert_int_equal(player_answer(f.p, "soft"), PLAYER_ANSWER_WRONG);
	assert_int_equal(player_ask_result(f.p, 3), PLAYER_ANSWER_WRONG);
	player_score(f.p, &right, &put);
	assert_int_equal(right, 1);
	assert_int_equal(put, 2);
	assert_int_equal(player_answer(f.p, "none"), PLAYER_ANSWER_NONE); /* no question open */
	/* reset: the scenario, its questions and the score start again */
	assert_true(player_exec(f.p, "reset") >= 0);
	player_score(f.p, &right, &put);
	assert_int_equal(put, 0);
	assert_int_equal(player_ask_result(f.p, 2), PLAYER_ANSWER_NONE);
	next_until_stuck(&f);
	assert_int_equal(player_asking(f.p), 2);
	fix_close(&f);
}

static void test_questions_give_up_off_and_moves(void **state)
{
	(void)state;
	struct fix f;
	fix_open(&f, ask_json);
	player_set_questions(f.p, true);
	/* playing runs into the question: playback stops there */
	player_set_playing(f.p, true);
	int beats = 0;
	while (player_playing(f.p) && beats++ < 10000)
		player_tick(f.p);
	assert_int_equal(player_asking(f.p), 2);
	assert_false(player_playing(f.p));
	/* a blank answer gives up; playback goes on past the step's end */
	assert_int_equal(player_answer(f.p, "   "), PLAYER_ANSWER_GAVE_UP);
	assert_true(player_playing(f.p));
	while (player_playing(f.p) && beats++ < 10000)
		player_tick(f.p);
	assert_int_equal(player_asking(f.p), 3); /* on to the next question */
	/* a move back leaves it unanswered; it is put again */
	assert_true(player_prev(f.p));
	assert_int_equal(player_asking(f.p), -1);
	assert_int_equal(player_ask_result(f.p, 3), PLAYER_ANSWER_NONE);
	next_until_stuck(&f);
	assert_int_equal(player_asking(f.p), 3);
	/* switched off: the question closes unanswered and nothing waits */
	player_set_questions(f.p, false);
	assert_int_equal(player_asking(f.p), -1);
	next_until_stuck(&f);
	assert_true(player_at_end(f.p));
	assert_int_equal(player_ask_result(f.p, 3), PLAYER_ANSWER_NONE);
	int right, put;
	player_score(f.p, &right, &put);
	assert_int_equal(put, 1);
	assert_int_equal(right, 0);
	/* End, --at: never put a question */
	fix_close(&f);
	fix_open(&f, ask_json);
	player_set_questions(f.p, true);
	assert_true(player_last(f.p));
	assert_true(player_at_end(f.p));
	assert_int_equal(player_asking(f.p), -1);
	fix_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_and_first_steps),
		cmocka_unit_test(test_exact_stepping),
		cmocka_unit_test(test_commands_first_last),
		cmocka_unit_test(test_scenario_steps),
		cmocka_unit_test(test_expect_ticks_and_crosses),
		cmocka_unit_test(test_pause_stops_playback),
		cmocka_unit_test(test_typed_in_the_past),
		cmocka_unit_test(test_failed_in_the_past),
		cmocka_unit_test(test_failed_blank_and_reset),
		cmocka_unit_test(test_verdicts_equal_check),
		cmocka_unit_test(test_free_play),
		cmocka_unit_test(test_questions_gate_and_judge),
		cmocka_unit_test(test_questions_give_up_off_and_moves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
