/*
 * 24_system.c — the system-wide rules a process meets outside its own
 * VADs: SetProcessWorkingSetSize with kernel32's and
 * MmAdjustWorkingSetSizeEx's checks in the WRK's order (wsmanage.c;
 * docs/reference.md R-WS-API), and the layouts `--os` and `--3gb` give
 * (MmInitSystem / MiInitMachineDependent, i386/init386.c; docs/reference.md
 * R-LAYOUT, docs/cli.md CLI-OPTIONS).
 */
#include "testlib.h"

/* ---- SetProcessWorkingSetSize (NtSetInformationProcess ->
 * MmAdjustWorkingSetSizeEx) ---- */

static void test_ws_zero_is_kernel32s_error(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	/* kernel32 refuses a 0 in either place before the system call */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 1, "SetProcessWorkingSetSize 0 1M");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 2, "SetProcessWorkingSetSize 1M 0");
}

static void test_ws_min_above_max_first(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	/* MmAdjustWorkingSetSizeEx compares min and max before any clamping:
	 * a maximum far above physical memory still reports the order */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_BAD_WORKING_SET_LIMIT", 1,
		 "SetProcessWorkingSetSize 64G 32G");
	/* bytes >> PAGE_SHIFT: 40K is 10 pages, 12K is 3 */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_BAD_WORKING_SET_LIMIT", 1, "SetProcessWorkingSetSize 40K 12K");
}

static void test_ws_clamped_is_success(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	/* a maximum above MmMaximumWorkingSetSize is cut to it and the call
	 * succeeds with the informational STATUS_WORKING_SET_LIMIT_RANGE */
	TL_JSON a = run_ok(s, "SetProcessWorkingSetSize 400K 1G");
	assert_string_equal(tl_str(a, "result.status"), "STATUS_WORKING_SET_LIMIT_RANGE");
	assert_int_equal(tl_num(a, "result.minimum"), 100);
	uint64_t max = (uint64_t)tl_num(a, "result.maximum");
	assert_true(max < 1024 && max > 100); /* the test machine has 1024 frames */
	/* a minimum below MmMinimumWorkingSetSize (20 pages) is raised to it;
	 * min <= max was checked before, so min 20 > max 10 stands, as in the WRK */
	TL_JSON b = run_ok(s, "SetProcessWorkingSetSize 4K 40K");
	assert_string_equal(tl_str(b, "result.status"), "STATUS_WORKING_SET_LIMIT_RANGE");
	assert_int_equal(tl_num(b, "result.minimum"), 20);
	assert_int_equal(tl_num(b, "result.maximum"), 10);
	/* within the range: no status */
	TL_JSON c = run_ok(s, "SetProcessWorkingSetSize 160K 320K");
	assert_null(tl_get(c, "result.status"));
	assert_int_equal(tl_num(c, "result.minimum"), 40);
	assert_int_equal(tl_num(c, "result.maximum"), 80);
}

static void test_ws_fluid_pages_above_locked(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	/* FirstDynamic (the locked top-level table: 1) + MM_FLUID_WORKING_SET
	 * (8) >= a maximum of 9 pages: STATUS_BAD_WORKING_SET_LIMIT */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_BAD_WORKING_SET_LIMIT", 2, "SetProcessWorkingSetSize 4K 36K");
	run(s, "SetProcessWorkingSetSize 4K 40K");
}

static void test_ws_empty_and_shrink(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 128K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 128K w");
	/* a lower maximum trims at once */
	TL_JSON a = run_ok(s, "SetProcessWorkingSetSize 80K 100K");
	assert_true(tl_num(a, "result.working_set") <= 25);
	TL_JSON b = run_ok(s, "SetProcessWorkingSetSize -1 -1");
	assert_int_equal(tl_num(b, "result.working_set"), 4); /* the four page tables stay */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ws_zero_is_kernel32s_error),
		cmocka_unit_test(test_ws_min_above_max_first),
		cmocka_unit_test(test_ws_clamped_is_success),
		cmocka_unit_test(test_ws_fluid_pages_above_locked),
		cmocka_unit_test(test_ws_empty_and_shrink),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
