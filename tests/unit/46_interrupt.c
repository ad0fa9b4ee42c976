/*
 * 46_interrupt.c — a long command the user stops (docs/tui.md
 * TUI-ROBUST, mm_interrupt in mm.h): from the progress callback, as the
 * TUI does when Esc or Ctrl+C arrives while a typed command runs. The
 * command fails as "interrupted" and changes nothing (state hash, journal,
 * events, the invariant checker: run_fail's checks); the same command
 * then runs to its end; outside a command the call does nothing.
 */
#include "testlib.h"

#include "mm.h"

static int calls;

/* The TUI's on_progress, reduced to what matters here: the user has
 * pressed Esc by the first report. */
static void stop_at_first(void *arg, uint64_t events)
{
	(void)events;
	calls++;
	mm_interrupt(arg);
}

static struct session *big_session(void)
{
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X64);
	cfg.ram = 128ull << 20;
	cfg.pagefile[0] = 128ull << 20;
	return tl_session_cfg(&cfg);
}

static void test_interrupted_command_is_undone(void **state)
{
	(void)state;
	TL_SESSION s = big_session();
	TL_JSON o = run_ok(s, "process create a.exe");
	TL_JSON v = run_ok(s, "$a = VirtualAlloc 0 32M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	calls = 0;
	mm_set_progress(session_mm(s), stop_at_first, session_mm(s));
	/* 8,192 demand-zero faults: more events than one progress report */
	TL_JSON f = run_fail(s, "interrupted", "touch $a 32M w");
	assert_int_equal(calls, 1);
	assert_non_null(strstr(tl_str(f, "error.message"), "interrupted"));
	mm_set_progress(session_mm(s), NULL, NULL);
	TL_JSON t = run_ok(s, "touch $a 32M w");
	assert_int_equal(tl_num(t, "result.pages"), 8192);
}

static void test_interrupt_outside_a_command(void **state)
{
	(void)state;
	TL_SESSION s = big_session();
	TL_JSON o = run_ok(s, "process create a.exe");
	uint64_t h = tl_hash(s);
	mm_interrupt(session_mm(s)); /* nothing runs: it returns, nothing changes */
	assert_int_equal(tl_hash(s), h);
	TL_JSON v = run_ok(s, "VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	(void)o;
	(void)v;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interrupted_command_is_undone),
		cmocka_unit_test(test_interrupt_outside_a_command),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
