/*
 * 37_stepgroup.c — summarised playback (tui/stepgroup.h, the rule G1-G7;
 * docs/tui.md TUI-SUMMARY) through the player, as the TUI uses it:
 *   - which commands are summarised (more than --group micro-steps);
 *   - the groups of a paging scenario's huge commands: one run per class,
 *     counts equal to the command's events by kind (the JSON's
 *     events_by_kind, an independent count), disjoint and in order;
 *   - the words, English and German, with the counts;
 *   - exact stepping: the state hash at every position reached by
 *     stepping over, into (e) and back across groups equals the hash at
 *     that position reached micro-step by micro-step (--group 0);
 *   - micro-steps the history does not keep (a small ev_cap): one group
 *     that cannot be opened, counted from the kinds the history keeps.
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

#include "base/machine.h"
#include "check.h"
#include "mm.h"
#include "player.h"
#include "scenario.h"
#include "session.h"
#include "testlib.h"
#include "stepgroup.h"

/* The paging scenario's shape on a small machine: a 4 MB touch, trimming,
 * the writer, a second process that repurposes standby pages. */
static const char *const scn = "{\"schema\":1,\"id\":\"t\",\"title\":{\"en\":\"t\"},\"summary\":{\"en\":\"s\"},"
			       "\"machine\":{\"arch\":\"x64\",\"ram\":\"8M\",\"pagefiles\":[\"16M\"]},\"steps\":["
			       "{\"say\":{\"en\":\"a\"},\"run\":[\"process create app.exe --bare\","
			       "\"$p = VirtualAlloc 0 4M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\"]},"
			       "{\"say\":{\"en\":\"b\"},\"run\":\"touch $p 4M w\"},"
			       "{\"say\":{\"en\":\"c\"},\"run\":\"EmptyWorkingSet\"},"
			       "{\"say\":{\"en\":\"d\"},\"run\":\"run writer\"},"
			       "{\"say\":{\"en\":\"e\"},\"run\":[\"process create hog.exe --bare\","
			       "\"$h = VirtualAlloc 0 5M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\",\"touch $h 5M w\"]},"
			       "{\"say\":{\"en\":\"f\"},\"run\":[\"process use app.exe\",\"write $p 7\",\"process exit hog.exe\"]}"
			       "]}";

struct fix {
	struct scenario *sc;
	struct session *s;
	struct player *p;
};

/* ev_cap: events a command's detail keeps (0: the default). */
static void fix_open(struct fix *f, uint64_t group, uint64_t ev_cap)
{
	struct scn_err e;
	if (scenario_load_buf("t.json", scn, strlen(scn), &f->sc, &e))
		fail_msg("%s", e.msg);
	f->s = tl_scenario_session(f->sc);
	if (ev_cap)
		session_mm(f->s)->hist.ev_cap = ev_cap;
	f->p = player_new(f->s, f->sc, 0);
	assert_non_null(f->p);
	player_set_group_min(f->p, group);
	assert_int_equal(player_run_steps(f->p, 100), 6);
}

static void fix_close(struct fix *f)
{
	player_free(f->p);
	session_free(f->s);
	scenario_free(f->sc);
}

static int find_rec(struct fix *f, const char *line)
{
	for (int i = 0; i < player_nrecs(f->p); i++) {
		const struct player_rec *r = player_rec(f->p, i);
		if (r->line && !strcmp(r->line, line))
			return i;
	}
	fail_msg("no record '%s'", line);
	return -1;
}

static uint64_t by_kind(const struct player_rec *r, const char *kind)
{
	const cJSON *k = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r->json, "events_by_kind"), kind);
	return cJSON_IsNumber(k) ? (uint64_t)k->valuedouble : 0;
}

static void test_which_commands(void **state)
{
	(void)state;
	struct fix f;
	fix_open(&f, PLAYER_GROUP_DEFAULT, 0);
	assert_int_equal(player_group_min(f.p), 200);
	for (int i = 0; i < player_nrecs(f.p); i++) {
		const struct player_rec *r = player_rec(f.p, i);
		bool huge = r->ev_end - r->ev_begin - 1 > 200;
		if (huge != (r->ngroups > 0))
			fail_msg("'%s': %llu micro-steps, %d groups", r->line, (unsigned long long)(r->ev_end - r->ev_begin - 1),
				 r->ngroups);
	}
	assert_int_equal(player_rec(f.p, find_rec(&f, "write $p 7"))->ngroups, 0);
	fix_close(&f);
	fix_open(&f, 0, 0); /* --group 0: never */
	for (int i = 0; i < player_nrecs(f.p); i++)
		assert_int_equal(player_rec(f.p, i)->ngroups, 0);
	fix_close(&f);
}

/* G7 and the counts: groups in order, disjoint, inside the command; the
 * kinds summed over the groups never exceed the command's. */
static void check_groups(const struct player_rec *r)
{
	uint64_t prev = r->ev_begin + 1;
	uint64_t kinds[MM_EV_KIND_COUNT] = {0};
	for (int i = 0; i < r->ngroups; i++) {
		const struct stepgroup *g = &r->groups[i];
		assert_true(g->b >= prev);
		assert_true(g->e > g->b);
		assert_true(g->e <= r->ev_end);
		prev = g->e;
		uint64_t n = 0;
		for (int k = 0; k < MM_EV_KIND_COUNT; k++) {
			kinds[k] += g->sum.kinds[k];
			n += g->sum.kinds[k];
		}
		assert_int_equal(n, g->e - g->b); /* every micro-step counted once */
	}
	if (!r->ngroups)
		return;
	const cJSON *bk = cJSON_GetObjectItemCaseSensitive(r->json, "events_by_kind"), *c;
	uint64_t all[MM_EV_KIND_COUNT] = {0};
	cJSON_ArrayForEach(c, bk)
	{
		int k = mm_event_kind(c->string);
		assert_true(k > 0);
		all[k] = (uint64_t)c->valuedouble;
	}
	for (int k = 1; k < MM_EV_KIND_COUNT; k++)
		if (kinds[k] > all[k])
			fail_msg("'%s': kind %d: %llu in groups, %llu in all", r->line, k, (unsigned long long)kinds[k],
				 (unsigned long long)all[k]);
}

static void test_paging_groups(void **state)
{
	(void)state;
	struct fix f;
	fix_open(&f, PLAYER_GROUP_DEFAULT, 0);
	for (int i = 0; i < player_nrecs(f.p); i++)
		check_groups(player_rec(f.p, i));
	/* touch 4M: one run of 1024 demand-zero writes, one per page */
	const struct player_rec *t = player_rec(f.p, find_rec(&f, "touch $p 4M w"));
	assert_int_equal(by_kind(t, "access"), 1024);
	assert_int_equal(t->ngroups, 1);
	const struct stepgroup *g = &t->groups[0];
	assert_int_equal(g->type, SG_RUN);
	assert_int_equal(g->lead, MM_EV_ACCESS);
	assert_string_equal(mm_fault_name((uint64_t)g->fault), "demand_zero");
	assert_string_equal(mm_access_name((uint64_t)g->acc), "write");
	assert_int_equal(g->units, 1024);
	assert_int_equal(g->sum.kinds[MM_EV_ACCESS], by_kind(t, "access"));
	assert_int_equal(g->sum.kinds[MM_EV_PAGE_TABLE], by_kind(t, "page_table"));
	assert_int_equal(g->e, t->ev_end); /* the whole command after its first micro-step */
	char b[480];
	stepgroup_text(g, 0, b, sizeof b);
	char want[160];
	snprintf(want, sizeof want, "1,024 demand-zero faults (writes): 1,0");
	assert_non_null(strstr(b, want));
	assert_non_null(strstr(b, "frames zeroed -> active"));
	snprintf(want, sizeof want, "%llu page tables made", (unsigned long long)by_kind(t, "page_table"));
	assert_non_null(strstr(b, want));
	assert_non_null(strstr(b, "commit +"));
	stepgroup_text(g, 1, b, sizeof b);
	assert_non_null(strstr(b, "1.024 Demand-Zero-Seitenfehler (Schreibzugriffe): "));
	assert_non_null(strstr(b, "Seitenrahmen genullt -> aktiv"));
	assert_non_null(strstr(b, "Zugesichert +"));
	/* EmptyWorkingSet: cut where pages leave the working set */
	const struct player_rec *e = player_rec(f.p, find_rec(&f, "EmptyWorkingSet"));
	assert_int_equal(by_kind(e, "ws_remove"), 1024);
	int runs = 0;
	for (int i = 0; i < e->ngroups; i++)
		if (e->groups[i].type == SG_RUN) {
			runs++;
			assert_int_equal(e->groups[i].lead, MM_EV_WS_REMOVE);
			assert_int_equal(e->groups[i].units, by_kind(e, "ws_remove"));
			stepgroup_text(&e->groups[i], 0, b, sizeof b);
			assert_non_null(strstr(b, "1,024 pages removed from a working set: "));
			stepgroup_text(&e->groups[i], 1, b, sizeof b);
			assert_non_null(strstr(b, "1.024 Seiten aus dem Arbeitssatz entfernt: "));
		}
	assert_int_equal(runs, 1);
	/* run writer: one step per page written to the page file */
	const struct player_rec *w = player_rec(f.p, find_rec(&f, "run writer"));
	assert_true(w->ngroups >= 1);
	bool pf = false;
	for (int i = 0; i < w->ngroups; i++)
		pf |= w->groups[i].type == SG_RUN && w->groups[i].lead == MM_EV_PAGEFILE_WRITE &&
		      w->groups[i].units == by_kind(w, "pagefile_write");
	assert_true(pf);
	/* the hog's touch repurposes standby pages: said with its count */
	const struct player_rec *h = player_rec(f.p, find_rec(&f, "touch $h 5M w"));
	assert_true(h->ngroups >= 1 && h->ngroups <= 4); /* a few summary steps */
	fix_close(&f);
}

static void test_numbers(void **state)
{
	(void)state;
	char b[32];
	assert_string_equal(stepgroup_num(0, 0, b), "0");
	assert_string_equal(stepgroup_num(999, 0, b), "999");
	assert_string_equal(stepgroup_num(1000, 0, b), "1,000");
	assert_string_equal(stepgroup_num(262144, 0, b), "262,144");
	assert_string_equal(stepgroup_num(4718592, 1, b), "4.718.592");
	assert_string_equal(stepgroup_num(UINT64_MAX, 0, b), "18,446,744,073,709,551,615");
}

/* The positions of record rec that the grouped walk visits: 1, each
 * group's ends, and the first micro-steps of each group (opened). */
static bool *wanted(struct fix *f, int rec)
{
	const struct player_rec *r = player_rec(f->p, rec);
	uint64_t len = player_rec_len(f->p, rec);
	bool *w = calloc(len + 1, sizeof *w);
	w[1] = w[len] = true;
	for (int i = 0; i < r->ngroups; i++) {
		uint64_t lo = player_group_lo(f->p, rec, &r->groups[i]), hi = player_group_hi(f->p, rec, &r->groups[i]);
		for (uint64_t k = lo; k <= lo + 7 && k <= hi; k++)
			w[k] = true;
		w[hi] = true;
	}
	for (uint64_t k = 1; k <= len; k++) /* positions between groups are micro-steps */
		if (!player_group_at(f->p, rec, k))
			w[k] = true;
	return w;
}

/* The hash at each wanted position of record rec, reached micro-step by
 * micro-step from its first (m summarises nothing): hashes[k], 0 where
 * not wanted (hashing every position of 14,000 would take minutes). */
static uint64_t *micro_hashes(struct fix *m, int rec, const bool *want)
{
	uint64_t len = player_rec_len(m->p, rec);
	uint64_t *h = calloc(len + 1, sizeof *h);
	player_goto(m->p, rec, 1);
	h[1] = mm_state_hash(session_mm(m->s));
	for (uint64_t k = 2; k <= len; k++) {
		assert_true(player_next(m->p));
		assert_int_equal(player_k(m->p), k);
		if (want[k])
			h[k] = mm_state_hash(session_mm(m->s));
	}
	return h;
}

static void expect_at(struct fix *f, const uint64_t *h, uint64_t k)
{
	struct mm_hist hi;
	mm_hist(session_mm(f->s), &hi);
	assert_int_equal(hi.cursor, player_events_done(f->p));
	assert_true(h[k] != 0);
	if (mm_state_hash(session_mm(f->s)) != h[k])
		fail_msg("position %llu: not the state micro-stepping reaches", (unsigned long long)k);
}

/* Over every group forward and back, then into the first and out. */
static void walk_exact(struct fix *f, struct fix *m, const char *line)
{
	int rec = find_rec(f, line);
	assert_int_equal(find_rec(m, line), rec);
	const struct player_rec *r = player_rec(f->p, rec);
	assert_true(r->ngroups > 0);
	bool *want = wanted(f, rec);
	uint64_t *h = micro_hashes(m, rec, want);
	free(want);
	uint64_t len = player_rec_len(f->p, rec), done, total;
	player_goto(f->p, rec, 1);
	expect_at(f, h, 1);
	int moves = 0;
	while (player_k(f->p) < len) {
		uint64_t k0 = player_k(f->p);
		assert_true(player_next(f->p));
		assert_int_equal(player_cur(f->p), rec);
		assert_true(player_k(f->p) > k0);
		const struct stepgroup *g = player_group_at(f->p, rec, player_k(f->p));
		if (g) /* a collapsed group is only ever shown at its end */
			assert_int_equal(player_k(f->p), player_group_hi(f->p, rec, g));
		expect_at(f, h, player_k(f->p));
		moves++;
	}
	player_shown(f->p, &done, &total);
	assert_int_equal(done, total);
	assert_int_equal((uint64_t)moves, total);
	assert_true(total < len - 1); /* fewer steps than micro-steps */
	while (player_k(f->p) > 1) {
		assert_true(player_prev(f->p));
		assert_int_equal(player_cur(f->p), rec);
		expect_at(f, h, player_k(f->p));
	}
	/* e opens the first group that can be: its first micro-step, exact;
	 * inside it n and p are micro-steps; e again closes it at its end */
	const struct stepgroup *g = NULL;
	for (int i = 0; i < r->ngroups && !g; i++)
		if (r->groups[i].type != SG_GAP)
			g = &r->groups[i];
	assert_non_null(g);
	uint64_t lo = player_group_lo(f->p, rec, g), hi = player_group_hi(f->p, rec, g);
	player_goto(f->p, rec, hi);
	assert_int_equal(player_toggle_group(f->p), PLAYER_TOGGLE_OPENED);
	assert_true(g->open);
	assert_int_equal(player_k(f->p), lo + 1);
	expect_at(f, h, lo + 1);
	for (int i = 0; i < 5 && player_k(f->p) < hi; i++) {
		uint64_t k0 = player_k(f->p);
		assert_true(player_next(f->p));
		assert_int_equal(player_k(f->p), k0 + 1);
		expect_at(f, h, k0 + 1);
	}
	assert_true(player_prev(f->p));
	expect_at(f, h, player_k(f->p));
	assert_int_equal(player_toggle_group(f->p), PLAYER_TOGGLE_CLOSED);
	assert_false(g->open);
	assert_int_equal(player_k(f->p), hi);
	expect_at(f, h, hi);
	assert_true(player_prev(f->p));
	assert_int_equal(player_k(f->p), lo);
	expect_at(f, h, lo);
	free(h);
}

static void test_exact_stepping(void **state)
{
	(void)state;
	struct fix f, m;
	fix_open(&f, PLAYER_GROUP_DEFAULT, 0);
	fix_open(&m, 0, 0);
	walk_exact(&f, &m, "touch $p 4M w");
	walk_exact(&f, &m, "EmptyWorkingSet");
	walk_exact(&f, &m, "run writer");
	walk_exact(&f, &m, "touch $h 5M w");
	walk_exact(&f, &m, "process exit hog.exe");
	/* across records: N from before the touch lands at its end, p back
	 * into it lands on its last summary step's start */
	int t = find_rec(&f, "touch $p 4M w");
	player_goto(f.p, t - 1, player_rec_len(f.p, t - 1));
	assert_true(player_next(f.p));
	assert_int_equal(player_k(f.p), 1);
	assert_true(player_next_cmd(f.p));
	assert_int_equal(player_k(f.p), player_rec_len(f.p, t));
	assert_true(player_next(f.p));
	assert_int_equal(player_cur(f.p), t + 1);
	assert_true(player_prev(f.p));
	assert_int_equal(player_cur(f.p), t);
	assert_int_equal(player_k(f.p), player_rec_len(f.p, t));
	fix_close(&m);
	fix_close(&f);
}

/* G6: with a detail that keeps only 2,000 events of a command, the 4 MB
 * touch's middle is one group that cannot be opened; its counts are the
 * command's less the kept ones; stepping over it is exact. */
static void test_not_kept(void **state)
{
	(void)state;
	struct fix f, m;
	fix_open(&f, PLAYER_GROUP_DEFAULT, 2000);
	fix_open(&m, 0, 0);
	int rec = find_rec(&f, "touch $p 4M w");
	const struct player_rec *r = player_rec(f.p, rec);
	check_groups(r);
	const struct stepgroup *gap = NULL;
	for (int i = 0; i < r->ngroups; i++)
		if (r->groups[i].type == SG_GAP)
			gap = &r->groups[i];
	assert_non_null(gap);
	uint64_t he, tb;
	struct mm_event ev;
	assert_int_equal(mm_event(session_mm(f.s), r->ev_begin, &ev), 0);
	assert_int_equal(mm_cmd_held(session_mm(f.s), ev.cmd, &he, &tb), 0);
	assert_int_equal(gap->b, he);
	assert_int_equal(gap->e, tb + 1);
	assert_false(gap->sum.detail);
	uint64_t acc = 0;
	for (int i = 0; i < r->ngroups; i++)
		acc += r->groups[i].sum.kinds[MM_EV_ACCESS];
	assert_true(acc <= 1024 && acc >= 1000); /* the loose micro-steps hold a few */
	char b[480];
	stepgroup_text(gap, 0, b, sizeof b);
	assert_non_null(strstr(b, "micro-steps not kept one by one: "));
	assert_non_null(strstr(b, " accesses, "));
	stepgroup_text(gap, 1, b, sizeof b);
	assert_non_null(strstr(b, "Mikroschritte, nicht einzeln gespeichert: "));
	/* stepping over it is exact; it does not open */
	bool *want = wanted(&f, rec);
	uint64_t *h = micro_hashes(&m, rec, want);
	free(want);
	uint64_t lo = player_group_lo(f.p, rec, gap), hi = player_group_hi(f.p, rec, gap);
	player_goto(f.p, rec, lo);
	expect_at(&f, h, lo);
	assert_true(player_next(f.p));
	assert_int_equal(player_k(f.p), hi);
	expect_at(&f, h, hi);
	assert_int_equal(player_toggle_group(f.p), PLAYER_TOGGLE_NOT_KEPT);
	assert_int_equal(player_k(f.p), hi);
	assert_true(player_prev(f.p));
	assert_int_equal(player_k(f.p), lo);
	expect_at(&f, h, lo);
	/* no group at the start */
	player_goto(f.p, rec, 1);
	assert_int_equal(player_toggle_group(f.p), PLAYER_TOGGLE_NONE);
	free(h);
	fix_close(&m);
	fix_close(&f);
}

/* mm_set_progress: a long command tells how far it is, every 65,536
 * micro-steps, while it runs, then with its whole count while its net
 * change is kept (not when nothing is set).  c: calls with a multiple of
 * 65,536, the last such count, calls with another count, that count. */
static void count_progress(void *arg, uint64_t events)
{
	uint64_t *c = arg;
	if (events % 65536 == 0) {
		c[0]++;
		c[1] = events;
	} else {
		c[2]++;
		c[3] = events;
	}
}

static void test_progress(void **state)
{
	(void)state;
	struct mm_config cfg;
	mm_config_default(&cfg);
	struct mm_err err;
	struct session *s = session_new(&cfg, &err);
	assert_non_null(s);
	uint64_t calls[4] = {0, 0, 0, 0};
	const char *lines[] = {"process create a.exe --bare", "$p = VirtualAlloc 0 32M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE"};
	for (int i = 0; i < 2; i++)
		cJSON_Delete(session_exec_json(s, lines[i]));
	mm_set_progress(session_mm(s), count_progress, calls);
	cJSON *j = session_exec_json(s, "touch $p 32M w");
	uint64_t total = (uint64_t)cJSON_GetObjectItemCaseSensitive(j, "events_total")->valuedouble;
	cJSON_Delete(j);
	assert_true(total > 65536);
	assert_int_equal(calls[0], (total + 1) / 65536); /* (+1: the opening "command" event) */
	assert_int_equal(calls[1], calls[0] * 65536);
	assert_true(calls[2] >= 1); /* keeping the net change */
	assert_int_equal(calls[3], total + 1);
	mm_set_progress(session_mm(s), NULL, NULL);
	uint64_t before[4];
	memcpy(before, calls, sizeof before);
	cJSON_Delete(session_exec_json(s, "touch $p 32M r"));
	assert_memory_equal(before, calls, sizeof before); /* not called */
	session_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_which_commands), cmocka_unit_test(test_paging_groups),
		cmocka_unit_test(test_numbers),	       cmocka_unit_test(test_exact_stepping),
		cmocka_unit_test(test_not_kept),      cmocka_unit_test(test_progress),
	};
	return cmocka_run_group_tests_name("37_stepgroup", tests, NULL, NULL);
}
