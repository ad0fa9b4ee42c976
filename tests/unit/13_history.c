/*
 * 13_history.c — stepping through history (core/event.h): a scripted
 * session of 200 commands (several processes, allocations, accesses,
 * frees, exits and failures) is run; afterwards every micro-step k is
 * visited forwards, backwards and by random jumps, and the whole state's
 * hash must be the one recorded when k was first reached. The hash at the
 * end of each command must equal the hash seen live when the command had
 * just run, and so must what the inspection commands show there (a
 * fingerprint independent of the hash); the invariants must hold at every
 * command boundary, and
 * seeking before the first event must give back the booted machine.
 *
 * The machine is the smallest (1 MiB) so that hashing every step is cheap.
 */
#include "testlib.h"

#include "base/event.h"

static uint64_t rnd(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 0x2545F4914F6CDD1Dull;
}

/* One line of the scripted session. */
static void gen_line(uint64_t *st, bool *alive, char *line, size_t n)
{
	static const char *const sizes[] = {"4K", "16K", "64K", "200K"};
	static const char *const prots[] = {"PAGE_READWRITE", "PAGE_READONLY", "PAGE_EXECUTE_READ", "PAGE_NOACCESS"};
	int r = (int)(rnd(st) % 8), p = (int)(rnd(st) % 4);
	unsigned off = (unsigned)(rnd(st) % 64) * 0x1000 + (unsigned)(rnd(st) % 4) * 0x3FF;
	switch (rnd(st) % 20) {
	case 0:
	case 1:
		if (!alive[p]) {
			snprintf(line, n, "process create p%d --bare", p);
			alive[p] = true;
		} else {
			snprintf(line, n, "process use p%d", p);
		}
		break;
	case 2:
		snprintf(line, n, "process exit p%d", p);
		alive[p] = false;
		break;
	case 3:
	case 4:
		snprintf(line, n, "$r%d = VirtualAlloc 0 %s MEM_RESERVE|MEM_COMMIT %s", r, sizes[rnd(st) % 4],
			 prots[rnd(st) % 3]);
		break;
	case 5:
		snprintf(line, n, "$r%d = VirtualAlloc 0 %s MEM_RESERVE PAGE_READWRITE", r, sizes[rnd(st) % 4]);
		break;
	case 6:
		snprintf(line, n, "VirtualAlloc $r%d+%#x %s MEM_COMMIT %s", r, off & ~0xFFFu, rnd(st) % 2 ? "4K" : "12K",
			 prots[rnd(st) % 4]);
		break;
	case 7:
	case 8:
	case 9:
		snprintf(line, n, "read $r%d+%#x", r, off);
		break;
	case 10:
	case 11:
		snprintf(line, n, "write $r%d+%#x %u", r, off & ~0x7u, (unsigned)(rnd(st) % 250) + 1);
		break;
	case 12:
		snprintf(line, n, "touch $r%d 32K %s", r, rnd(st) % 4 ? "r" : "x");
		break;
	case 13:
		snprintf(line, n, "VirtualFree $r%d+%#x 4K MEM_DECOMMIT", r, off & ~0xFFFu);
		break;
	case 14:
		snprintf(line, n, "VirtualFree $r%d 0 MEM_RELEASE", r);
		break;
	case 15:
		snprintf(line, n, "exec $r%d+%#x", r, off);
		break;
	case 16:
		snprintf(line, n, "%s", rnd(st) % 2 ? "read 0x7FFE0000" : "VirtualAlloc 0 64M MEM_COMMIT PAGE_READWRITE");
		break;
	case 17:
		snprintf(line, n, "VirtualFree $r%d 4K MEM_RELEASE", r); /* always an error */
		break;
	case 18:
		snprintf(line, n, "!pte $r%d+%#x", r, off);
		break;
	default:
		snprintf(line, n, "%s", rnd(st) % 2 ? "!vm" : "bogus 1 2 3");
		break;
	}
}

static void check_at(struct session *s, const char *where)
{
	tl_check(s, where);
}

/* What the inspection commands show: a second fingerprint of the state,
 * independent of mm_state_hash (whose coverage is the core's). Owned by
 * the caller (free). */
static char *view(struct session *s)
{
	static const char *const cmds[] = {"!vm", "!tlb", "!wsle", "!pagefile", "process list"};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		cJSON *o = session_exec_json(s, cmds[i]);
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "result");
		char *t = r ? cJSON_PrintUnformatted(r) : NULL;
		fprintf(f, "%s: %s\n", cmds[i], t ? t : "-");
		cJSON_free(t);
		cJSON_Delete(o);
	}
	fclose(f);
	return out;
}

static void history(enum mm_arch a, uint64_t seed)
{
	struct mm_config cfg;
	tl_config(&cfg, a);
	cfg.ram = 1u << 20;
	cfg.pagefile[0] = 1u << 20;
	TL_SESSION s = tl_session_cfg(&cfg);
	struct mm *m = session_mm(s);
	struct hist *h = &m->hist;
	uint64_t boot = tl_hash(s);

	/* the live run: the hash at the end of each command that entered
	 * the history */
	enum { NCMD = 200 };
	uint64_t live[NCMD];
	char *shown[NCMD];
	int ncmd = 0, nok = 0, nfail = 0;
	bool alive[4] = {false};
	uint64_t st = seed;
	for (int i = 0; i < NCMD; i++) {
		char line[160];
		gen_line(&st, alive, line, sizeof line);
		uint64_t before = tl_hash(s);
		uint64_t cmds = hist_cmd_count(h);
		cJSON *o = session_exec_json(s, line);
		assert_non_null(o);
		bool ok = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok"));
		cJSON_Delete(o);
		check_at(s, line);
		if (!ok) {
			nfail++;
			if (tl_hash(s) != before)
				fail_msg("'%s' failed but changed the state", line);
			assert_int_equal(hist_cmd_count(h), cmds);
			continue;
		}
		nok++;
		if (hist_cmd_count(h) > cmds) {
			assert_int_equal(hist_cmd_count(h), cmds + 1);
			shown[ncmd] = view(s);
			live[ncmd++] = tl_hash(s);
		}
	}
	assert_true(nok > 100);
	assert_true(nfail > 10);
	assert_int_equal((int)hist_cmd_count(h), ncmd);
	uint64_t nev = hist_event_count(h), final = tl_hash(s);
	assert_true(nev > 500);
	if (getenv("TL_VERBOSE"))
		print_message("%s: %d commands in the history, %llu events\n", tl_arch_name(a), ncmd, (unsigned long long)nev);

	/* forwards, the first time each event is reached */
	uint64_t *at = calloc(nev, sizeof *at);
	hist_seek_event(h, -1);
	assert_int_equal(tl_hash(s), boot);
	check_at(s, "the origin");
	for (uint64_t k = 0; k < nev; k++) {
		hist_seek_event(h, (int64_t)k);
		assert_int_equal(hist_cursor(h), k + 1);
		at[k] = tl_hash(s);
	}
	assert_int_equal(at[nev - 1], final);
	/* each command's last event is the state the command left live */
	for (int c = 0; c < ncmd; c++) {
		uint64_t end = h->cmd[c].ev_end;
		assert_true(end > h->cmd[c].ev_begin);
		if (at[end - 1] != live[c])
			fail_msg("%s: state after command %d differs from the live run", tl_arch_name(a), c);
	}
	/* backwards */
	for (uint64_t k = nev; k-- > 0;) {
		hist_seek_event(h, (int64_t)k);
		if (tl_hash(s) != at[k])
			fail_msg("%s: backwards, event %llu differs", tl_arch_name(a), (unsigned long long)k);
	}
	hist_seek_event(h, -1);
	assert_int_equal(tl_hash(s), boot);
	/* random jumps, including to the origin */
	for (int j = 0; j < 500; j++) {
		int64_t k = (int64_t)(rnd(&st) % (nev + 1)) - 1;
		hist_seek_event(h, k);
		uint64_t want = k < 0 ? boot : at[k];
		if (tl_hash(s) != want)
			fail_msg("%s: jump to event %lld differs", tl_arch_name(a), (long long)k);
	}
	/* command boundaries: the state the command found and the one it left;
	 * the invariants hold there */
	for (int c = 0; c < ncmd; c++) {
		hist_seek_cmd_end(h, (uint64_t)c);
		assert_int_equal(tl_hash(s), live[c]);
		check_at(s, "a command's end");
		char *v = view(s);
		if (strcmp(v, shown[c]))
			fail_msg("%s: after command %d the inspection commands show\n%s\ninstead of\n%s", tl_arch_name(a), c, v,
				 shown[c]);
		free(v);
		hist_seek_cmd_begin(h, (uint64_t)c);
		assert_int_equal(tl_hash(s), c ? live[c - 1] : boot);
	}
	for (int c = ncmd; c-- > 0;) {
		hist_seek_cmd_end(h, (uint64_t)c);
		assert_int_equal(tl_hash(s), live[c]);
	}
	hist_seek_end(h);
	assert_int_equal(tl_hash(s), final);
	assert_int_equal(hist_cursor(h), nev);
	/* the session carries on from the present */
	for (int i = 0; i < 20; i++) {
		char line[160];
		gen_line(&st, alive, line, sizeof line);
		cJSON *o = session_exec_json(s, line);
		cJSON_Delete(o);
		check_at(s, line);
	}
	free(at);
	for (int c = 0; c < ncmd; c++)
		free(shown[c]);
}

static void test_history_x64(void **state) { history(MM_ARCH_X64, 0x1234567ull); }
static void test_history_x86(void **state) { history(MM_ARCH_X86, 0xABCDEFull); }
static void test_history_pae(void **state) { history(MM_ARCH_PAE, 0x5555AAAAull); }

/* The origin of the history is the booted machine: after commands, seeking
 * to -1 equals a freshly booted machine of the same configuration. */
static void test_origin_is_boot(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	TL_SESSION fresh = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 5");
	run(s, "process exit a");
	hist_seek_event(&session_mm(s)->hist, -1);
	assert_int_equal(tl_hash(s), tl_hash(fresh));
	hist_seek_end(&session_mm(s)->hist);
	assert_int_not_equal(tl_hash(s), tl_hash(fresh));
}

/* Regression: mm_state_hash did not cover the whole journaled state (the
 * TLB hit and miss counters, ticks, the working set list entries, the
 * pools' metadata, the simulated disk and the sections), so `read $p` on a
 * TLB hit or `tick 5` changed the state but not the hash, and the checks
 * built on it ("equal hashes, equal states", check.h) were blind there. A
 * command that leaves journal records must change the hash. */
static void test_hash_covers_journaled_state(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "read $p");
	static const char *const cmds[] = {"read $p", "tick 5", "read $p"};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		uint64_t h = tl_hash(s), nj = tl_hist_mark(&session_mm(s)->hist);
		run(s, "%s", cmds[i]);
		assert_true(tl_hist_mark(&session_mm(s)->hist) > nj); /* it changed something */
		if (tl_hash(s) == h)
			fail_msg("'%s' changed the state (journal records) but not mm_state_hash", cmds[i]);
	}
}

/* Regression (the property test, x86, command 58,161): an image's page
 * protections were written into their arena block without the journal, so
 * after the image's loading was undone the block was not zero, and the
 * next file to take it named those bytes as its page copies. Every
 * arena block comes back zero (section.c). */
static void test_arena_blocks_come_back_zero(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X86);
	run(s, "process create a.exe");
	hist_seek_event(&session_mm(s)->hist, -1);
	run(s, "process create b.exe --bare");
	for (int i = 0; i < 8; i++) { /* in the blocks the image's file and section had */
		run(s, "CreateFile f%d 4K", i);
		tl_check(s, "a file made in a block an undone image had");
	}
}

/* Batch mode keeps no history (session_keep_history false): after each
 * command only that command's events remain, so the history does not grow
 * with the input, and the machine ends where a session with a full history
 * ends. */
static void test_batch_forgets(void **state)
{
	TL_SESSION a = tl_session(MM_ARCH_X64);
	TL_SESSION b = tl_session(MM_ARCH_X64);
	session_keep_history(b, false);
	const char *setup[] = {"process create app --bare", "$p = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE"};
	for (int i = 0; i < 2; i++) {
		run(a, "%s", setup[i]);
		run(b, "%s", setup[i]);
	}
	uint64_t most = 0;
	for (int i = 0; i < 600; i++) {
		run(a, "write $p+%#x %d", (i % 256) * 4096, i);
		run(b, "write $p+%#x %d", (i % 256) * 4096, i);
		const struct hist *h = &session_mm(b)->hist;
		assert_int_equal(hist_cmd_count(h), 1);
		most = hist_event_count(h) > most ? hist_event_count(h) : most;
	}
	assert_true(hist_cmd_count(&session_mm(a)->hist) > 600);
	assert_true(most < 200); /* one command's events, never the session's */
	assert_int_equal(tl_hash(a), tl_hash(b));
	/* A failure still changes nothing (run_fail's own journal check assumes
	 * a kept history, so the object is checked here). */
	TL_JSON r = session_exec_json(b, "VirtualFree $p 4K MEM_RELEASE");
	assert_false(tl_bool(r, "ok"));
	assert_int_equal(tl_hash(a), tl_hash(b));
	tl_check(b, "VirtualFree");
}

/* Events of one command gathered by hist_each. */
struct gathered {
	struct ev *e;
	uint64_t n, cap;
};

static int gather(void *arg, uint64_t i, const struct ev *e)
{
	struct gathered *g = arg;
	(void)i;
	if (g->n < g->cap)
		g->e[g->n] = *e;
	g->n++;
	return 0;
}

/* A command with more events than a detail holds (ev_cap, made small
 * here): its first ev_cap and last HIST_TAIL events are held, the others
 * are counted by kind and streamed by a replay. What hist_each gives is
 * what an unlimited history gives, event for event; the counts by kind sum
 * to the command's events; a micro-step that is held is the same state as
 * in the unlimited history; one that is not leaves the command's end. */
static void test_events_beyond_the_cap(void **state)
{
	TL_SESSION a = tl_session(MM_ARCH_X64);
	TL_SESSION b = tl_session(MM_ARCH_X64);
	session_mm(b)->hist.ev_cap = 50;
	const char *lines[] = {"process create app --bare", "$p = VirtualAlloc 0 4M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
			       "touch $p 4M w", "write $p 7"};
	for (int i = 0; i < 4; i++) {
		run(a, "%s", lines[i]);
		run(b, "%s", lines[i]);
	}
	struct hist *ha = &session_mm(a)->hist, *hb = &session_mm(b)->hist;
	uint64_t c = hist_cmd_count(ha) - 2, b0, e0, b1, e1;
	hist_cmd_range(ha, c, &b0, &e0);
	hist_cmd_range(hb, c, &b1, &e1);
	assert_int_equal(b0, b1);
	assert_int_equal(e0, e1);
	assert_true(e0 - b0 > 50 + HIST_TAIL); /* some events are not held */
	struct gathered ga = {calloc(e0 - b0, sizeof(struct ev)), 0, e0 - b0}, gb = {calloc(e0 - b0, sizeof(struct ev)), 0, e0 - b0};
	uint64_t end_hash = tl_hash(b);
	assert_int_equal(hist_each(ha, b0, e0, gather, &ga), 0);
	assert_int_equal(hist_each(hb, b1, e1, gather, &gb), 0);
	assert_int_equal(tl_hash(b), end_hash); /* streaming left the state */
	assert_int_equal(ga.n, e0 - b0);
	assert_int_equal(gb.n, ga.n);
	for (uint64_t i = 0; i < ga.n; i++)
		if (ga.e[i].kind != gb.e[i].kind || ga.e[i].a != gb.e[i].a || ga.e[i].b != gb.e[i].b || ga.e[i].c != gb.e[i].c ||
		    ga.e[i].d != gb.e[i].d)
			fail_msg("event %llu differs when streamed", (unsigned long long)i);
	uint64_t kinds[EV_KIND_COUNT], sum = 0;
	hist_cmd_kinds(hb, c, kinds);
	for (int k = 0; k < EV_KIND_COUNT; k++)
		sum += kinds[k];
	assert_int_equal(sum, e0 - b0);
	/* held micro-steps: the first ones and the last ones */
	uint64_t probes[] = {b0 + 10, b0 + 49, e0 - 5, e0 - 1};
	for (size_t k = 0; k < MM_ARRAY_LEN(probes); k++) {
		assert_int_equal(hist_seek_event(ha, (int64_t)probes[k]), 0);
		assert_int_equal(hist_seek_event(hb, (int64_t)probes[k]), 0);
		assert_int_equal(tl_hash(a), tl_hash(b));
	}
	/* hist_cmd_held says which are held: the first 50, the last HIST_TAIL;
	 * the unlimited history holds them all */
	uint64_t he, tb;
	hist_cmd_held(hb, c, &he, &tb);
	assert_int_equal(he, b0 + 50);
	assert_int_equal(tb, e0 - HIST_TAIL);
	assert_int_equal(hist_seek_event(hb, (int64_t)he - 1), 0);
	assert_int_equal(hist_seek_event(hb, (int64_t)tb), 0);
	struct ev mid;
	assert_int_equal(hist_event(hb, he, &mid), -1); /* not kept: no replay can bring it */
	assert_int_equal(hist_event(hb, tb, &mid), 0);
	hist_cmd_held(ha, c, &he, &tb);
	assert_int_equal(he, e0);
	assert_int_equal(tb, e0);
	/* one in between: not held, the state is the command's end */
	hist_seek_cmd_end(ha, c);
	assert_int_equal(hist_seek_event(hb, (int64_t)(b0 + 60)), -1);
	assert_int_equal(tl_hash(a), tl_hash(b));
	tl_check(b, "seek between the held events");
	hist_seek_end(ha);
	hist_seek_end(hb);
	assert_int_equal(tl_hash(b), end_hash);
	free(ga.e);
	free(gb.e);
}

/* The history limit (docs/quality.md Q-BOUNDS): past it the oldest
 * commands are dropped at commit, the state before the first one kept is
 * the new origin, and every micro-step after it is still exact. */
static void test_limit_drops_oldest(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app --bare");
	run(s, "$p = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	struct hist *h = &session_mm(s)->hist;
	h->limit = 64 << 10;
	enum { N = 400 };
	static uint64_t live[N];
	int notices = 0;
	for (int i = 0; i < N; i++) {
		TL_JSON o = run_ok(s, "write $p+%#x %d", (i % 256) * 4096, i);
		live[i] = tl_hash(s);
		assert_true(h->past_bytes <= h->limit / 2);
		const cJSON *d = tl_get(o, "history_dropped");
		if (d) { /* the notice says how far back stepping goes */
			notices++;
			assert_int_equal(tl_num(o, "history_dropped.first_step"), hist_first_event(h) + 1);
			assert_int_equal(tl_num(o, "history_dropped.commands"), h->dropped);
		}
	}
	assert_true(notices > 0);
	assert_true(h->dropped > 0);
	assert_true(hist_cmd_count(h) < N);
	uint64_t first = hist_first_event(h), kept = hist_cmd_count(h);
	assert_true(first > 0);
	/* the origin now: the state after the last command dropped */
	hist_seek_event(h, -1);
	assert_int_equal(hist_cursor(h), first);
	assert_int_equal(tl_hash(s), live[N - kept - 1]);
	tl_check(s, "the new origin");
	/* each kept command's end is what it was live */
	for (uint64_t c = 0; c < kept; c++) {
		uint64_t b, e;
		hist_cmd_range(h, c, &b, &e);
		assert_int_equal(hist_seek_event(h, (int64_t)e - 1), 0);
		assert_int_equal(tl_hash(s), live[N - kept + c]);
	}
	struct ev ev;
	assert_int_equal(hist_event(h, first - 1, &ev), -1); /* dropped */
	hist_seek_end(h);
	assert_int_equal(tl_hash(s), live[N - 1]);	/* the text says it too */
	static char text[1 << 20];
	FILE *f = fmemopen(text, sizeof text, "w");
	for (int i = 0; i < 200; i++)
		session_exec_text(s, "write $p 1", f);
	fclose(f);
	assert_non_null(strstr(text, "note: the history limit of 0 MiB (--history-limit) was reached"));
}

/* A command whose records would pass the limit fails with code "limit" and
 * changes nothing; a touch that would is refused before it runs. */
static void test_limit_refuses(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app --bare");
	run(s, "$p = VirtualAlloc 0 8M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 8M w");
	struct hist *h = &session_mm(s)->hist;
	h->limit = 64 << 10; /* below a detail's first block: reached when the records outgrow it */
	TL_JSON t = run_fail(s, "limit", "touch $p 4M r");
	assert_int_equal(tl_num(t, "error.arg"), 2);
	assert_non_null(strstr(tl_str(t, "error.message"), "--history-limit"));
	TL_JSON f = run_fail(s, "limit", "VirtualFree $p 0 MEM_RELEASE");
	assert_non_null(strstr(tl_str(f, "error.message"), "history limit"));
	h->limit = 0;
	run(s, "VirtualFree $p 0 MEM_RELEASE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_x64),
		cmocka_unit_test(test_history_x86),
		cmocka_unit_test(test_history_pae),
		cmocka_unit_test(test_origin_is_boot),
		cmocka_unit_test(test_hash_covers_journaled_state),
		cmocka_unit_test(test_arena_blocks_come_back_zero),
		cmocka_unit_test(test_batch_forgets),
		cmocka_unit_test(test_events_beyond_the_cap),
		cmocka_unit_test(test_limit_drops_oldest),
		cmocka_unit_test(test_limit_refuses),
	};
	return cmocka_run_group_tests_name("13_history", tests, NULL, NULL);
}
