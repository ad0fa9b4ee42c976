/*
 * 11_vmex.c — VirtualAllocEx, VirtualProtectEx and VirtualFreeEx
 * (core/lang/cmd_vmex.c, docs/reference.md R-VM-EX): NtAllocateVirtualMemory,
 * NtProtectVirtualMemory and NtFreeVirtualMemory attached to another
 * process (KeStackAttachProcess, WRK allocvm.c / protect.c / freevm.c):
 * the target's VADs, page tables and commit change, the caller's do not;
 * OpenProcess's errors for a bad pid.
 */
#include "testlib.h"

static void test_other_process(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	uint64_t a = run_val(s, "$a = process create a.exe --bare");
	run(s, "$b = process create b.exe --bare"); /* current: b */
	TL_JSON r = run_ok(s, "$p = VirtualAllocEx $a 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	assert_int_equal(tl_num(r, "result.pid"), a);
	assert_int_equal(tl_charged(r), 16);
	/* b's address space has nothing there; a's has the region */
	TL_JSON qb = run_ok(s, "VirtualQuery $p");
	assert_string_equal(tl_str(qb, "result.State"), "MEM_FREE");
	TL_JSON pa = run_ok(s, "!process $a");
	assert_int_equal(tl_num(pa, "result.processes.0.private_commit"), 16);
	TL_JSON pr = run_ok(s, "VirtualProtectEx $a $p 4K PAGE_READONLY");
	assert_string_equal(tl_str(pr, "result.old_protect"), "PAGE_READWRITE");
	run(s, "process use $a");
	TL_JSON qa = run_ok(s, "VirtualQuery $p");
	assert_string_equal(tl_str(qa, "result.State"), "MEM_COMMIT");
	assert_string_equal(tl_str(qa, "result.Protect"), "PAGE_READONLY");
	TL_JSON w = run_ok(s, "write $p 1");
	assert_string_equal(tl_exception(w), "STATUS_ACCESS_VIOLATION");
	run(s, "write $p+0x1000 1"); /* resident now: freeing it from b returns the frame */
	run(s, "process use $b");
	uint64_t avail = tl_available(s);
	run(s, "VirtualFreeEx $a $p 0 MEM_RELEASE");
	assert_true(tl_available(s) > avail);
	TL_JSON pa2 = run_ok(s, "!process $a");
	assert_int_equal(tl_num(pa2, "result.processes.0.private_commit"), 0);
}

static void test_bad_pid(void **state)
{
	(void)state;
	TL_SESSION s = tl_bare(MM_ARCH_PAE);
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_CID", 1,
		 "VirtualAllocEx 1234 0 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_CID", 1, "VirtualProtectEx 1234 0x10000 4K PAGE_READONLY");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_CID", 1, "VirtualFreeEx 1234 0x10000 0 MEM_RELEASE");
	tl_fails(s, "ERROR_ACCESS_DENIED", "STATUS_ACCESS_DENIED", 1,
		 "VirtualAllocEx 4 0 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	/* the rules after the open are VirtualAlloc's */
	tl_fails(s, "ERROR_INVALID_PARAMETER", NULL, -1, "VirtualFreeEx 936 0x10000 4K MEM_RELEASE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_other_process),
		cmocka_unit_test(test_bad_pid),
	};
	return cmocka_run_group_tests_name("11_vmex", tests, NULL, NULL);
}
