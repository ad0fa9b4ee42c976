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

/* ---- --os and --3gb (MmInitSystem, MiInitMachineDependent) ---- */

static struct session *machine_of(enum mm_arch a, enum mm_os os, bool three_gb, struct mm_err *err)
{
	struct mm_config cfg;
	tl_config(&cfg, a);
	cfg.os = os;
	cfg.three_gb = three_gb;
	return session_new(&cfg, err);
}

static void test_x86_without_pae_is_xp(void **state)
{
	/* the default OS follows the paging mode */
	TL_SESSION s = tl_session(MM_ARCH_X86);
	TL_JSON r = run_ok(s, "machine");
	assert_string_equal(tl_str(r, "result.os"), "xp");
	assert_int_equal(tl_hex(r, "result.highest_user_address"), 0x7FFEFFFF);
	/* Windows 7 and 10 boot 32-bit x86 with PAE only */
	struct mm_err err;
	struct session *bad = machine_of(MM_ARCH_X86, MM_OS_WIN7, false, &err);
	assert_null(bad);
	assert_non_null(strstr(err.msg, "--arch pae"));
	assert_null(machine_of(MM_ARCH_X86, MM_OS_WIN10, false, &err));
	TL_SESSION pae = machine_of(MM_ARCH_PAE, MM_OS_WIN7, false, &err);
	assert_non_null(pae);
}

static void test_3gb_boundaries(void **state)
{
	struct mm_err err;
	for (enum mm_arch a = MM_ARCH_X86; a <= MM_ARCH_PAE; a++) {
		TL_SESSION s = machine_of(a, MM_OS_AUTO, true, &err);
		assert_non_null(s);
		TL_JSON r = run_ok(s, "machine");
		assert_int_equal(tl_hex(r, "result.highest_user_address"), 0xBFFEFFFF); /* MmHighestUserAddress */
		assert_int_equal(tl_hex(r, "result.user_probe_address"), 0xBFFF0000);
		assert_int_equal(tl_hex(r, "result.system_range_start"), 0xC0000000); /* MmSystemRangeStart */
		assert_int_equal(tl_len(r, "result.large_page_sizes"), 0); /* /3GB maps no large pages */
		/* the third gigabyte is user space, private to each process */
		run(s, "process create a --bare");
		run(s, "VirtualAlloc 0xA0000000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		TL_JSON w = run_ok(s, "write 0xA0000000 1");
		assert_string_equal(tl_exception(w), "");
		run(s, "process create b --bare");
		TL_JSON x = run_ok(s, "read 0xA0000000");
		assert_string_equal(tl_exception(x), "STATUS_ACCESS_VIOLATION");
		tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_2", 1,
			 "VirtualAlloc 0xC0000000 64K MEM_RESERVE PAGE_READWRITE");
	}
	assert_null(machine_of(MM_ARCH_X64, MM_OS_AUTO, true, &err));
	assert_non_null(strstr(err.msg, "3gb"));
}

static void test_win7_has_no_1gb_pages(void **state)
{
	struct mm_err err;
	TL_SESSION w7 = machine_of(MM_ARCH_X64, MM_OS_WIN7, false, &err);
	TL_JSON a = run_ok(w7, "machine");
	assert_int_equal(tl_len(a, "result.large_page_sizes"), 1);
	assert_string_equal(tl_str(a, "result.large_page_sizes.0"), "2 MB");
	TL_SESSION w10 = machine_of(MM_ARCH_X64, MM_OS_WIN10, false, &err);
	TL_JSON b = run_ok(w10, "machine");
	assert_int_equal(tl_len(b, "result.large_page_sizes"), 2);
}

/* The System process's working set is MmSystemProcessWorkingSetMin/Max,
 * 50 and 450 pages (WRK mm/miglobal.c, set by MiInitMachineDependent),
 * whatever the RAM; a process gets 50/345 on a large system
 * (docs/reference.md R-WS-SIZES). */
static void test_system_process_ws_limits(void **state)
{
	(void)state;
	const uint64_t rams[] = {16u << 20, 64u << 20};
	for (size_t i = 0; i < 2; i++) {
		struct mm_config cfg;
		tl_config(&cfg, MM_ARCH_X64);
		cfg.ram = rams[i];
		TL_SESSION s = tl_session_cfg(&cfg);
		TL_JSON r = run_ok(s, "!process 4");
		assert_int_equal(tl_num(r, "result.processes.0.ws_minimum"), 50);
		assert_int_equal(tl_num(r, "result.processes.0.ws_maximum"), 450);
	}
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X64);
	cfg.ram = 64u << 20;
	TL_SESSION s = tl_session_cfg(&cfg);
	run(s, "process create app --bare");
	TL_JSON p = run_ok(s, "!process 936");
	assert_int_equal(tl_num(p, "result.processes.0.ws_minimum"), 50);
	assert_int_equal(tl_num(p, "result.processes.0.ws_maximum"), 345);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ws_zero_is_kernel32s_error),
		cmocka_unit_test(test_ws_min_above_max_first),
		cmocka_unit_test(test_ws_clamped_is_success),
		cmocka_unit_test(test_ws_fluid_pages_above_locked),
		cmocka_unit_test(test_ws_empty_and_shrink),
		cmocka_unit_test(test_x86_without_pae_is_xp),
		cmocka_unit_test(test_system_process_ws_limits),
		cmocka_unit_test(test_3gb_boundaries),
		cmocka_unit_test(test_win7_has_no_1gb_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
