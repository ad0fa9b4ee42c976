/*
 * 16_stack.c — thread stacks (core/win32/stack.c, docs/reference.md R-GUARD-STACK, R-THREAD-STACK): the
 * layout BaseCreateStack makes (1 MB reserved, the commit at the top, a
 * guard page below), growth through the guard page without an exception
 * (one page at a time, the guard moving down: one guard page on x86 and
 * PAE, two on x64), STATUS_STACK_OVERFLOW at the last pages with the bottom
 * page never committed, the TEB's stack fields in memory, and CreateThread
 * with its sizes and errors.
 */
#include "testlib.h"

static struct session *full(enum mm_arch a)
{
	struct session *s = tl_session(a);
	run(s, "process create app.exe");
	return s;
}

static void assert_region(struct session *s, uint64_t addr, uint64_t size, const char *state, const char *protect)
{
	TL_JSON q = run_ok(s, "VirtualQuery %#" PRIx64, addr);
	assert_int_equal(tl_hex(q, "result.BaseAddress"), addr);
	assert_int_equal((uint64_t)tl_num(q, "result.RegionSize"), size);
	assert_string_equal(tl_str(q, "result.State"), state);
	assert_string_equal(tl_str(q, "result.Protect"), protect);
}

static uint64_t teb_field(struct session *s, enum mm_arch a, uint64_t teb, unsigned off32, unsigned off64)
{
	bool x64 = a == MM_ARCH_X64;
	TL_JSON r = run_ok(s, "read %#" PRIx64 " %d", teb + (x64 ? off64 : off32), x64 ? 8 : 4);
	return tl_hex(r, "result.value");
}

static uint64_t stack_limit(struct session *s, enum mm_arch a)
{
	TL_JSON p = run_ok(s, "!process");
	uint64_t teb = tl_hex(p, "result.processes.0.threads.0.teb");
	uint64_t limit = teb_field(s, a, teb, 0x8, 0x10);
	assert_int_equal(limit, tl_hex(p, "result.processes.0.threads.0.stack_limit"));
	return limit;
}

/* Touching the guard page grows the stack by a page: no exception, the
 * guard moves down, StackLimit follows (in the TEB too). */
static void growth(enum mm_arch a)
{
	TL_SESSION s = full(a);
	unsigned g = a == MM_ARCH_X64 ? 2 : 1;
	assert_int_equal(stack_limit(s, a), 0x10F000);
	TL_JSON t = run_ok(s, "write 0x10E010 0x55");
	char f[96];
	assert_string_equal(tl_exception(t), "");
	assert_string_equal(tl_faults(t, f, sizeof f), "guard_page,demand_zero");
	assert_int_equal(stack_limit(s, a), 0x10E000);
	assert_region(s, 0x10E000 - g * 0x1000, g * 0x1000, "MEM_COMMIT", "PAGE_READWRITE|PAGE_GUARD");
	assert_region(s, 0x10E000, 0x2000, "MEM_COMMIT", "PAGE_READWRITE");
	/* the next page down grows it again, by one page */
	TL_JSON t2 = run_ok(s, "read 0x10D000");
	assert_string_equal(tl_exception(t2), "");
	assert_int_equal(stack_limit(s, a), 0x10D000);
	assert_region(s, 0x10D000 - g * 0x1000, g * 0x1000, "MEM_COMMIT", "PAGE_READWRITE|PAGE_GUARD");
	TL_JSON r = run_ok(s, "read 0x10E010");
	assert_int_equal(tl_hex(r, "result.value"), 0x55);
	/* below the guard region the stack is reserved only */
	TL_JSON below = run_ok(s, "read %#x", 0x10D000 - (g + 1) * 0x1000);
	assert_string_equal(tl_exception(below), "STATUS_ACCESS_VIOLATION");
}

static void test_growth_x86(void **state) { growth(MM_ARCH_X86); }
static void test_growth_pae(void **state) { growth(MM_ARCH_PAE); }
static void test_growth_x64(void **state) { growth(MM_ARCH_X64); }

/* Down to the bottom: the usable stack is the reservation less one page;
 * the last growth raises STATUS_STACK_OVERFLOW and leaves the pages just
 * above the bottom committed for the handler; the bottom page is an access
 * violation. */
static void overflow(enum mm_arch a)
{
	TL_SESSION s = full(a);
	unsigned g = a == MM_ARCH_X64 ? 2 : 1;
	uint64_t bottom = 0x10000, overflow_at = bottom + (g + 1) * 0x1000;
	int overflows = 0;
	for (uint64_t va = 0x10E000; va > bottom; va -= 0x1000) {
		TL_JSON t = run_ok(s, "read %#" PRIx64, va);
		const char *e = tl_exception(t);
		if (va == overflow_at) {
			assert_string_equal(e, "STATUS_STACK_OVERFLOW");
			overflows++;
		} else {
			if (strcmp(e, "") != 0)
				fail_msg("read %#llx raised %s", (unsigned long long)va, e);
		}
	}
	assert_int_equal(overflows, 1);
	assert_int_equal(stack_limit(s, a), bottom + 0x1000);
	assert_region(s, bottom + 0x1000, 0xFF000, "MEM_COMMIT", "PAGE_READWRITE");
	TL_JSON b = run_ok(s, "read %#" PRIx64, bottom);
	assert_string_equal(tl_exception(b), "STATUS_ACCESS_VIOLATION");
	assert_region(s, bottom, 0x1000, "MEM_RESERVE", "0");
	/* the stack VAD charges every page but the bottom one */
	TL_JSON v = run_ok(s, "!vad 0x10000");
	assert_int_equal(tl_num(v, "result.vads.0.commit"), 255);
}

static void test_overflow_x86(void **state) { overflow(MM_ARCH_X86); }
static void test_overflow_x64(void **state) { overflow(MM_ARCH_X64); }

/* CreateThread: stack=SIZE is the commit (dwStackSize), reserve=SIZE the
 * reservation; a commit at or above the reservation makes the reservation
 * the commit rounded up to 1 MB, and then there is no room for a guard. */
static void test_create_thread_sizes(void **state)
{
	TL_SESSION s = full(MM_ARCH_X86);
	TL_JSON a = run_ok(s, "CreateThread");
	assert_int_equal(tl_num(a, "result.value"), 0x1004); /* the main thread is 0x1000 */
	assert_int_equal(tl_hex(a, "result.teb"), 0x7FFDD000); /* below the main thread's TEB */
	uint64_t base = tl_hex(a, "result.deallocation_stack");
	assert_int_equal(tl_hex(a, "result.stack_base"), base + 0x100000);
	assert_int_equal(tl_hex(a, "result.stack_limit"), base + 0xFF000);
	TL_JSON b = run_ok(s, "CreateThread stack=64K");
	uint64_t bb = tl_hex(b, "result.deallocation_stack");
	assert_int_equal(tl_hex(b, "result.stack_base"), bb + 0x100000);
	assert_int_equal(tl_hex(b, "result.stack_limit"), bb + 0x100000 - 0x10000);
	assert_region(s, bb + 0x100000 - 0x11000, 0x1000, "MEM_COMMIT", "PAGE_READWRITE|PAGE_GUARD");
	TL_JSON c = run_ok(s, "CreateThread stack=1M");
	uint64_t cb = tl_hex(c, "result.deallocation_stack");
	assert_int_equal(tl_hex(c, "result.stack_base"), cb + 0x100000);
	assert_int_equal(tl_hex(c, "result.stack_limit"), cb); /* all committed, no guard */
	assert_region(s, cb, 0x100000, "MEM_COMMIT", "PAGE_READWRITE");
	TL_JSON d = run_ok(s, "CreateThread reserve=100K");
	uint64_t db = tl_hex(d, "result.deallocation_stack");
	assert_int_equal(tl_hex(d, "result.stack_base"), db + 0x20000); /* rounded to 64 KB */
	TL_JSON e = run_ok(s, "CreateThread stack=0x1800 reserve=256K");
	uint64_t eb = tl_hex(e, "result.deallocation_stack");
	assert_int_equal(tl_hex(e, "result.stack_limit"), eb + 0x40000 - 0x2000);
	/* a thread's stack grows like the main one */
	TL_JSON g = run_ok(s, "read %#" PRIx64, eb + 0x40000 - 0x3000);
	assert_string_equal(tl_exception(g), "");
	TL_JSON pr = run_ok(s, "!process");
	assert_int_equal(tl_len(pr, "result.processes.0.threads"), 6);
}

static void test_create_thread_errors(void **state)
{
	TL_SESSION s = full(MM_ARCH_X64);
	TL_JSON a = run_fail(s, "syntax", "CreateThread size=4K");
	assert_int_equal(tl_num(a, "error.arg"), 1);
	TL_JSON b = run_fail(s, "syntax", "CreateThread stack=lots");
	assert_int_equal(tl_num(b, "error.arg"), 1);
	TL_JSON c = run_fail(s, "ERROR_COMMITMENT_LIMIT", "CreateThread stack=64M");
	assert_string_equal(tl_str(c, "error.ntstatus"), "STATUS_COMMITMENT_LIMIT");
	for (int i = 1; i < MM_MAX_THREADS; i++)
		run(s, "CreateThread reserve=64K");
	TL_JSON d = run_fail(s, NULL, "CreateThread");
	assert_string_equal(tl_str(d, "error.ntstatus"), "STATUS_INSUFFICIENT_RESOURCES");
}

/* A bare process has no PEB: its threads' TEBs point at none. */
static void test_thread_in_bare_process(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_PAE);
	run(s, "process create b --bare");
	TL_JSON t = run_ok(s, "CreateThread");
	uint64_t teb = tl_hex(t, "result.teb");
	assert_int_equal(teb, 0x7FFDF000); /* the top page: there is no PEB above it */
	assert_int_equal(teb_field(s, MM_ARCH_PAE, teb, 0x30, 0x60), 0);
	assert_int_equal(teb_field(s, MM_ARCH_PAE, teb, 0x18, 0x30), teb); /* NtTib.Self */
	assert_int_equal(teb_field(s, MM_ARCH_PAE, teb, 0x24, 0x48), tl_num(t, "result.value"));
}

/* A guard page outside any stack raises STATUS_GUARD_PAGE_VIOLATION once. */
static void test_guard_outside_stack(void **state)
{
	TL_SESSION s = full(MM_ARCH_X64);
	run(s, "$g = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_GUARD");
	TL_JSON a = run_ok(s, "write $g+0x3000 1");
	assert_string_equal(tl_exception(a), "STATUS_GUARD_PAGE_VIOLATION");
	TL_JSON b = run_ok(s, "write $g+0x3000 1");
	assert_string_equal(tl_exception(b), "");
	TL_JSON c = run_ok(s, "read $g+0x4000");
	assert_string_equal(tl_exception(c), "STATUS_GUARD_PAGE_VIOLATION");
}

/* Exit after growth: the stack's pages and charges return. */
static void test_exit_after_growth(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X86);
	/* the first full process creates the image sections (prototype PTEs in
	 * paged pool, control areas in non-paged pool): system memory that
	 * stays cached after the process, so the baseline is taken after one */
	run(s, "process create warm.exe");
	run(s, "process exit warm.exe");
	uint64_t commit = tl_commit(s), avail = tl_available(s);
	run(s, "process create app.exe");
	run(s, "CreateThread stack=16K");
	run(s, "touch 0x10E000 1 w");
	run(s, "touch 0x10D000 1 w");
	run(s, "process exit app.exe");
	assert_int_equal(tl_commit(s), commit);
	assert_int_equal(tl_available(s), avail);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_growth_x86),
		cmocka_unit_test(test_growth_pae),
		cmocka_unit_test(test_growth_x64),
		cmocka_unit_test(test_overflow_x86),
		cmocka_unit_test(test_overflow_x64),
		cmocka_unit_test(test_create_thread_sizes),
		cmocka_unit_test(test_create_thread_errors),
		cmocka_unit_test(test_thread_in_bare_process),
		cmocka_unit_test(test_guard_outside_stack),
		cmocka_unit_test(test_exit_after_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
