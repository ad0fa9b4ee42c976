/*
 * 04_event.c — the journal (core/event.h): the one write path, rollback of
 * a failed command, the history cursor (seek to any event, to a command's
 * start or end, back to the present), the redo tail that a new command
 * discards once it succeeds (and keeps when it fails), and J3: writing an unchanged value records nothing.
 *
 * The first half drives struct hist directly over a few variables, so that
 * every expected value is written out; the second half checks the same
 * promises on a whole machine through the session.
 */
#include "testlib.h"

#include "base/event.h"
#include "mm.h"

/* Simulated state for the bare-journal tests: stable memory (J1). */
struct toy {
	uint8_t b;
	uint16_t h;
	uint32_t w;
	uint64_t q;
};

static void toy_begin(struct hist *h)
{
	assert_int_equal(hist_init(h), 0);
	h->recording = true;
}

static void test_set_records_old_and_new(void **state)
{
	struct hist h;
	struct toy t = {1, 2, 3, 4};
	toy_begin(&h);
	hist_begin(&h);
	ev_set8(&h, &t.b, 0x11);
	ev_set16(&h, &t.h, 0x2222);
	ev_set32(&h, &t.w, 0x33333333);
	ev_set64(&h, &t.q, 0x4444444444444444ull);
	hist_commit(&h);
	assert_int_equal(h.nj, 4);
	assert_int_equal(t.b, 0x11);
	assert_int_equal(t.q, 0x4444444444444444ull);
	/* the whole history undone: the origin again */
	hist_seek_event(&h, -1);
	assert_int_equal(t.b, 1);
	assert_int_equal(t.h, 2);
	assert_int_equal(t.w, 3);
	assert_int_equal(t.q, 4);
	assert_int_equal(h.pos_w, 0);
	assert_int_equal(h.pos_ev, 0);
	hist_seek_end(&h);
	assert_int_equal(t.b, 0x11);
	assert_int_equal(t.h, 0x2222);
	assert_int_equal(t.w, 0x33333333);
	assert_int_equal(t.q, 0x4444444444444444ull);
	hist_fini(&h);
}

/* J3: an unchanged value records nothing; while not recording (boot)
 * writes happen but are not journaled. */
static void test_unchanged_writes_not_journaled(void **state)
{
	struct hist h;
	struct toy t = {1, 2, 3, 4};
	toy_begin(&h);
	hist_begin(&h);
	ev_set8(&h, &t.b, 1);
	ev_set16(&h, &t.h, 2);
	ev_set32(&h, &t.w, 3);
	ev_set64(&h, &t.q, 4);
	assert_int_equal(h.nj, 0);
	ev_set32(&h, &t.w, 9);
	ev_set32(&h, &t.w, 9);
	assert_int_equal(h.nj, 1);
	hist_commit(&h);
	h.recording = false;
	ev_set32(&h, &t.w, 10);
	hist_emit(&h, EV_ZERO_PAGE, 1, 0, 0, 0);
	assert_int_equal(t.w, 10);
	assert_int_equal(h.nj, 1);
	assert_int_equal(h.nev, 1); /* only the EV_CMD of the command */
	hist_fini(&h);
}

static void test_rollback_restores_and_forgets(void **state)
{
	struct hist h;
	struct toy t = {1, 2, 3, 4};
	toy_begin(&h);
	hist_begin(&h);
	ev_set32(&h, &t.w, 30);
	hist_emit(&h, EV_ZERO_PAGE, 7, 0, 0, 0);
	hist_commit(&h);
	uint64_t nj = h.nj, nev = h.nev, ncmd = h.ncmd;

	hist_begin(&h);
	ev_set32(&h, &t.w, 31);
	ev_set64(&h, &t.q, 41);
	ev_set32(&h, &t.w, 32); /* the same word twice: undone in reverse order */
	hist_emit(&h, EV_ZERO_PAGE, 8, 0, 0, 0);
	ev_set8(&h, &t.b, 9);
	hist_rollback(&h);
	assert_int_equal(t.w, 30);
	assert_int_equal(t.q, 4);
	assert_int_equal(t.b, 1);
	assert_int_equal(h.nj, nj);
	assert_int_equal(h.nev, nev);
	assert_int_equal(h.ncmd, ncmd);
	assert_int_equal(h.pos_w, nj);
	assert_int_equal(h.pos_ev, nev);
	/* the next command continues from there */
	hist_begin(&h);
	ev_set32(&h, &t.w, 33);
	hist_commit(&h);
	assert_int_equal(h.ncmd, 2);
	hist_seek_cmd_begin(&h, 1);
	assert_int_equal(t.w, 30);
	hist_fini(&h);
}

/* Each event remembers where its writes end: seeking to event k shows the
 * state after exactly its micro-step. */
static void test_seek_each_event(void **state)
{
	struct hist h;
	struct toy t = {0, 0, 0, 0};
	toy_begin(&h);
	hist_begin(&h);                 /* event 0: command 0 */
	ev_set32(&h, &t.w, 1);
	hist_emit(&h, EV_ZERO_PAGE, 1, 0, 0, 0); /* event 1: w = 1 */
	ev_set32(&h, &t.w, 2);
	ev_set64(&h, &t.q, 2);
	hist_emit(&h, EV_ZERO_PAGE, 2, 0, 0, 0); /* event 2: w = 2, q = 2 */
	ev_set8(&h, &t.b, 3);           /* trailing write: folded into event 2 */
	hist_commit(&h);
	hist_begin(&h);                 /* event 3: command 1 */
	ev_set16(&h, &t.h, 4);
	hist_emit(&h, EV_ZERO_PAGE, 4, 0, 0, 0); /* event 4 */
	hist_commit(&h);
	assert_int_equal(h.nev, 5);
	assert_int_equal(h.ncmd, 2);
	assert_int_equal(h.ev[0].kind, EV_CMD);
	assert_int_equal(h.ev[3].kind, EV_CMD);

	static const struct { int64_t k; uint32_t w; uint64_t q; uint8_t b; uint16_t hh; } want[] = {
		{-1, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {1, 1, 0, 0, 0}, {2, 2, 2, 3, 0}, {3, 2, 2, 3, 0}, {4, 2, 2, 3, 4},
	};
	/* forwards, backwards, and jumping */
	int order[] = {0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0, 5, 0, 3, 1, 5, 2};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		int k = order[i];
		hist_seek_event(&h, want[k].k);
		assert_int_equal(t.w, want[k].w);
		assert_int_equal(t.q, want[k].q);
		assert_int_equal(t.b, want[k].b);
		assert_int_equal(t.h, want[k].hh);
		assert_int_equal(h.pos_ev, (uint64_t)(want[k].k + 1));
	}
	/* a seek past the end stops at the last event */
	hist_seek_event(&h, 1000);
	assert_int_equal(t.h, 4);
	assert_int_equal(h.pos_ev, 5);
	/* command boundaries */
	hist_seek_cmd_begin(&h, 1);
	assert_int_equal(t.b, 3);
	assert_int_equal(t.h, 0);
	assert_int_equal(h.pos_ev, 3);
	hist_seek_cmd_end(&h, 0);
	assert_int_equal(t.b, 3);
	assert_int_equal(h.pos_ev, 3);
	hist_seek_cmd_begin(&h, 0);
	assert_int_equal(t.w, 0);
	assert_int_equal(h.pos_ev, 0);
	hist_seek_cmd_end(&h, 1);
	assert_int_equal(t.h, 4);
	hist_seek_cmd_end(&h, 99); /* past the last command: the present */
	assert_int_equal(h.pos_w, h.nj);
	hist_fini(&h);
}

/* A command run while the cursor is in the past discards the redo tail. */
static void test_redo_tail_discarded(void **state)
{
	struct hist h;
	struct toy t = {0, 0, 0, 0};
	toy_begin(&h);
	for (uint32_t c = 1; c <= 3; c++) {
		hist_begin(&h);
		ev_set32(&h, &t.w, c);
		hist_emit(&h, EV_ZERO_PAGE, c, 0, 0, 0);
		hist_commit(&h);
	}
	hist_seek_cmd_end(&h, 0);
	assert_int_equal(t.w, 1);
	hist_begin(&h);
	ev_set64(&h, &t.q, 77);
	hist_emit(&h, EV_ZERO_PAGE, 77, 0, 0, 0);
	hist_commit(&h);
	assert_int_equal(h.ncmd, 2);
	assert_int_equal(h.nev, 4);
	assert_int_equal(h.nj, 2);
	hist_seek_event(&h, -1);
	assert_int_equal(t.w, 0);
	assert_int_equal(t.q, 0);
	hist_seek_end(&h);
	assert_int_equal(t.w, 1); /* commands 2 and 3 are gone */
	assert_int_equal(t.q, 77);
	assert_int_equal(h.ev[3].a, 77);
	hist_fini(&h);
}

/* A command that fails while the cursor is in the past keeps the redo
 * tail: the cursor stays where it was and stepping forward replays the
 * future (docs/tui.md TUI-STEPPING). One that succeeds afterwards still
 * discards it, with its own events and journal moved down over it. */
static void test_redo_tail_kept_on_failure(void **state)
{
	struct hist h;
	struct toy t = {0, 0, 0, 0};
	toy_begin(&h);
	for (uint32_t c = 1; c <= 3; c++) {
		hist_begin(&h);
		ev_set32(&h, &t.w, c);
		hist_emit(&h, EV_ZERO_PAGE, c, 0, 0, 0);
		hist_commit(&h);
	}
	uint64_t nj = h.nj, nev = h.nev;
	hist_seek_cmd_end(&h, 0);
	/* failing with writes, and failing before any */
	for (int writes = 1; writes >= 0; writes--) {
		hist_begin(&h);
		if (writes) {
			ev_set64(&h, &t.q, 66);
			hist_emit(&h, EV_ZERO_PAGE, 66, 0, 0, 0);
			ev_set32(&h, &t.w, 66);
		}
		hist_rollback(&h);
		assert_int_equal(t.w, 1);
		assert_int_equal(t.q, 0);
		assert_int_equal(h.ncmd, 3);
		assert_int_equal(h.nj, nj);
		assert_int_equal(h.nev, nev);
		assert_int_equal(h.pos_ev, 2);
		assert_int_equal(h.pos_w, 1);
	}
	hist_seek_end(&h);
	assert_int_equal(t.w, 3);
	hist_seek_cmd_end(&h, 1);
	assert_int_equal(t.w, 2);
	/* now one that succeeds: commands 3 goes, the new one is command 2 */
	hist_begin(&h);
	ev_set64(&h, &t.q, 77);
	hist_emit(&h, EV_ZERO_PAGE, 77, 0, 0, 0);
	ev_set8(&h, &t.b, 7); /* trailing: folded into event 5 */
	hist_commit(&h);
	assert_int_equal(h.ncmd, 3);
	assert_int_equal(h.nev, 6);
	assert_int_equal(h.nj, 4);
	assert_int_equal(h.pos_w, 4);
	assert_int_equal(h.pos_ev, 6);
	assert_int_equal(h.ev[4].kind, EV_CMD);
	assert_int_equal(h.ev[4].a, 2);
	assert_int_equal(h.ev[4].w_end, 2);
	assert_int_equal(h.ev[5].a, 77);
	assert_int_equal(h.ev[5].w_end, 4);
	assert_int_equal(h.cmd[2].ev_begin, 4);
	assert_int_equal(h.cmd[2].ev_end, 6);
	assert_int_equal(h.cmd[2].w_begin, 2);
	assert_int_equal(h.cmd[2].w_end, 4);
	hist_seek_cmd_begin(&h, 2);
	assert_int_equal(t.w, 2);
	assert_int_equal(t.q, 0);
	assert_int_equal(t.b, 0);
	hist_seek_end(&h);
	assert_int_equal(t.w, 2);
	assert_int_equal(t.q, 77);
	assert_int_equal(t.b, 7);
	hist_fini(&h);
}

/* Regression: hist_seek_event(h, i >= 0) on a history without events
 * clamped i to nev - 1 = -1 and read h->ev[-1] (mm_seek(m, 1) on a freshly
 * booted machine); fixed in 66ceb64. The cursor must stay at the origin. */
static void test_seek_forward_on_empty_history(void **state)
{
	struct hist h;
	struct toy t = {5, 5, 5, 5};
	toy_begin(&h);
	/* A rolled-back command leaves an empty history (and a stale record
	 * past the journal's end). */
	hist_begin(&h);
	ev_set32(&h, &t.w, 9);
	hist_rollback(&h);
	assert_int_equal(h.nev, 0);
	assert_int_equal(t.w, 5);
	/* Make the word before the event array observable: an event whose
	 * writes would end one record in (under ASan the unpatched read is a
	 * heap-buffer-overflow by itself). */
	struct ev *own = calloc(h.capev + 1, sizeof *own), *orig = h.ev;
	own[0].w_end = 1;
	h.ev = own + 1;
	hist_seek_event(&h, 0); /* one step forward: there is none */
	h.ev = orig;
	free(own);
	assert_int_equal(h.pos_ev, 0);
	assert_int_equal(h.pos_w, 0);
	assert_int_equal(t.w, 5);
	hist_fini(&h);
}

static void test_kind_names(void **state)
{
	/* docs/output.md OUT-EVENTS: none of these may be renamed */
	static const struct { enum ev_kind k; const char *name; } names[] = {
		{EV_TLB_HIT, "tlb_hit"}, {EV_TLB_MISS, "tlb_miss"}, {EV_TLB_FILL, "tlb_fill"},
		{EV_TLB_FLUSH, "tlb_flush"}, {EV_WALK, "walk"}, {EV_FAULT, "fault"}, {EV_PTE_WRITE, "pte_write"},
		{EV_PFN_STATE, "pfn_state"}, {EV_WS_ADD, "ws_add"}, {EV_WS_REMOVE, "ws_remove"},
		{EV_PAGEFILE_WRITE, "pagefile_write"}, {EV_PAGEFILE_READ, "pagefile_read"},
		{EV_FILE_READ, "file_read"}, {EV_FILE_WRITE, "file_write"}, {EV_ZERO_PAGE, "zero_page"},
		{EV_COPY_PAGE, "copy_page"}, {EV_COMMIT_CHARGE, "commit_charge"}, {EV_VAD_INSERT, "vad_insert"},
		{EV_VAD_REMOVE, "vad_remove"}, {EV_POOL_ALLOC, "pool_alloc"}, {EV_POOL_FREE, "pool_free"},
		{EV_EXCEPTION, "exception"}, {EV_NONE, "none"}, {EV_CMD, "command"}, {EV_ACCESS, "access"},
		{EV_PAGE_TABLE, "page_table"}, {EV_CR3, "cr3_switch"}, {EV_RETRY, "retry"}, {EV_RESOLVED, "resolved"},
		{EV_PROCESS, "process"}, {EV_WRITE_BYTES, "memory_write"}, {EV_DIRTY, "dirty"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_string_equal(ev_kind_name(names[i].k), names[i].name);
	assert_string_equal(ev_kind_name((enum ev_kind)9999), "unknown");
}

/* The one list (mm_events.h): every kind has a name, no two share one,
 * the core's EV_* and the TUI's MM_EV_* agree, and the TUI's look-up by
 * name finds every kind again. */
static void test_kind_list(void **state)
{
	static const struct { int ev, mm; } same[] = {
#define SAME(id, name) {EV_##id, MM_EV_##id},
		MM_EVENT_KINDS(SAME)
#undef SAME
	};
	assert_int_equal(sizeof same / sizeof same[0], EV_KIND_COUNT);
	assert_int_equal(EV_KIND_COUNT, MM_EV_KIND_COUNT);
	for (int k = 0; k < EV_KIND_COUNT; k++) {
		assert_int_equal(same[k].ev, k);
		assert_int_equal(same[k].mm, k);
		const char *name = ev_kind_name((enum ev_kind)k);
		assert_non_null(name);
		assert_true(name[0] != 0);
		assert_string_not_equal(name, "unknown");
		for (int j = 0; j < k; j++)
			assert_string_not_equal(ev_kind_name((enum ev_kind)j), name);
		assert_int_equal(mm_event_kind(name), k);
	}
	assert_int_equal(mm_event_kind("unknown"), -1);
	assert_int_equal(mm_event_kind("PTE_WRITE"), -1);
	assert_int_equal(mm_event_kind(""), -1);
}

/* ---- the same promises on a whole machine ---- */

/* Every failed command on a machine rolls back exactly: the hash and the
 * journal's length are what they were. */
static void test_machine_rollback(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 0x1234");
	struct mm *m = session_mm(s);
	uint64_t nj = m->hist.nj, nev = m->hist.nev, ncmd = m->hist.ncmd;
	/* a conflict, and a commit charge past the limit */
	TL_JSON r1 = run_fail(s, "ERROR_INVALID_ADDRESS", "VirtualAlloc $p 16K MEM_RESERVE PAGE_READWRITE");
	TL_JSON r2 = run_fail(s, "ERROR_COMMITMENT_LIMIT", "VirtualAlloc 0 64M MEM_COMMIT PAGE_READWRITE");
	assert_int_equal(m->hist.nj, nj);
	assert_int_equal(m->hist.nev, nev);
	assert_int_equal(m->hist.ncmd, ncmd);
}

/* On a machine: commands that fail in the past (a bad argument, one that
 * fails while running, one that does not parse) leave the history and the
 * future as they were; the end state is reached again. One that succeeds
 * discards the future and prints its own events. */
static void test_machine_fail_in_past(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	struct mm *m = session_mm(s);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	uint64_t h2 = tl_hash(s);
	run(s, "write $p 0x55");
	run(s, "touch $p 16K w");
	uint64_t end = tl_hash(s), nj = m->hist.nj, nev = m->hist.nev, ncmd = m->hist.ncmd;
	hist_seek_cmd_end(&m->hist, 1);
	assert_int_equal(tl_hash(s), h2);
	run_err(s, "ERROR_INVALID_ADDRESS", "VirtualAlloc $p 16K MEM_RESERVE PAGE_READWRITE");
	run_err(s, "ERROR_COMMITMENT_LIMIT", "VirtualAlloc 0 64M MEM_COMMIT PAGE_READWRITE");
	run_err(s, "ERROR_ACCESS_DENIED", "kwrite 0xfffff6fb7dbed000 0");
	run_err(s, NULL, "VirtualAlloc 0 0x1000 MEM_BOGUS PAGE_READWRITE");
	run_err(s, NULL, "no-such-command 1 2");
	assert_int_equal(tl_hash(s), h2);
	assert_int_equal(m->hist.nj, nj);
	assert_int_equal(m->hist.nev, nev);
	assert_int_equal(m->hist.ncmd, ncmd);
	hist_seek_end(&m->hist);
	assert_int_equal(tl_hash(s), end);
	/* a success in the past: the future goes, the events are its own */
	hist_seek_cmd_end(&m->hist, 1);
	TL_JSON r = run_ok(s, "write $p 0x66");
	assert_int_equal(m->hist.ncmd, 3);
	assert_true(tl_len(r, "events") > 0);
	assert_int_equal(tl_count_events(r, "command"), 0);
	assert_int_equal(tl_count_events(r, "memory_write"), 1);
	hist_seek_cmd_begin(&m->hist, 2);
	assert_int_equal(tl_hash(s), h2);
	hist_seek_end(&m->hist);
	assert_int_equal(run_val(s, "read $p"), 0x66);
}

/* Stepping a real command back and forth event by event. */
static void test_machine_seek(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	struct mm *m = session_mm(s);
	uint64_t h0 = tl_hash(s);
	run(s, "process create a --bare");
	uint64_t h1 = tl_hash(s);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 0x55");
	uint64_t h3 = tl_hash(s);
	hist_seek_cmd_end(&m->hist, 0);
	assert_int_equal(tl_hash(s), h1);
	hist_seek_event(&m->hist, -1);
	assert_int_equal(tl_hash(s), h0);
	tl_check(s, "seek to the origin");
	hist_seek_end(&m->hist);
	assert_int_equal(tl_hash(s), h3);
	/* one step back from the end and forward again */
	hist_seek_event(&m->hist, (int64_t)m->hist.nev - 2);
	hist_seek_event(&m->hist, (int64_t)m->hist.nev - 1);
	assert_int_equal(tl_hash(s), h3);
	/* a command run in the past forgets the future */
	hist_seek_cmd_end(&m->hist, 0);
	run(s, "$q = VirtualAlloc 0 128K MEM_RESERVE PAGE_READONLY");
	assert_int_equal(m->hist.ncmd, 2);
	TL_JSON r = run_ok(s, "!pte $p");
	assert_string_equal(tl_str(r, "result.pte.format"), "zero"); /* the write is gone */
	TL_JSON v = run_ok(s, "!vm");
	assert_int_equal((uint64_t)tl_num(v, "result.commit_charge"), 6); /* the 16 pages are not charged */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_records_old_and_new),
		cmocka_unit_test(test_unchanged_writes_not_journaled),
		cmocka_unit_test(test_rollback_restores_and_forgets),
		cmocka_unit_test(test_seek_each_event),
		cmocka_unit_test(test_redo_tail_discarded),
		cmocka_unit_test(test_redo_tail_kept_on_failure),
		cmocka_unit_test(test_seek_forward_on_empty_history),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_kind_list),
		cmocka_unit_test(test_machine_rollback),
		cmocka_unit_test(test_machine_fail_in_past),
		cmocka_unit_test(test_machine_seek),
	};
	return cmocka_run_group_tests_name("04_event", tests, NULL, NULL);
}
