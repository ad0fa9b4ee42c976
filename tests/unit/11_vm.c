/*
 * 11_vm.c — VirtualAlloc and VirtualFree (core/vm.h) with the rules and
 * errors of docs/reference.md R-VALLOC, R-VFREE (WRK allocvm.c, freevm.c): the base rounded
 * down to 64 KB and the end rounded up to a page from the original base;
 * conflicts; committing into a reservation charges only the new pages;
 * MEM_RELEASE needs size 0 and the base; decommit; the commit limit
 * (ERROR_COMMITMENT_LIMIT, nothing changed); PAGE_WRITECOPY refused for
 * private memory; the argument errors, each naming its argument. Errors
 * are checked as a Win32 programmer sees them (GetLastError), with the
 * NTSTATUS beside it.
 */
#include "testlib.h"

/* The VAD range of the command's vad_insert event, in VPNs. */
static void vad_range(const cJSON *r, uint64_t *start, uint64_t *end)
{
	const cJSON *e = tl_event(r, "vad_insert", 0);
	assert_non_null(e);
	*start = tl_hex(e, "start");
	*end = tl_hex(e, "end");
}

/* ---- reserving ---- */

static void test_base_rounding(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	uint64_t vs, ve;
	/* the base rounds down to 64 KB; the end is page-rounded up from the
	 * original base: 0x12345 + 0x1000 - 1 = 0x13344 -> 0x13FFF */
	TL_JSON a = run_ok(s, "VirtualAlloc 0x12345 0x1000 MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	assert_int_equal(tl_hex(a, "result.value"), 0x10000);
	vad_range(a, &vs, &ve);
	assert_int_equal(vs, 0x10);
	assert_int_equal(ve, 0x13);
	assert_int_equal(tl_charged(a), 4); /* every page of the VAD is committed */
	/* 2 bytes across a page boundary: two pages */
	TL_JSON b = run_ok(s, "VirtualAlloc 0x30FFF 2 MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	assert_int_equal(tl_hex(b, "result.value"), 0x30000);
	vad_range(b, &vs, &ve);
	assert_int_equal(vs, 0x30);
	assert_int_equal(ve, 0x31);
	assert_int_equal(tl_charged(b), 2);
	/* one byte: one page; reserving charges nothing */
	TL_JSON c = run_ok(s, "VirtualAlloc 0x23456 1 MEM_RESERVE PAGE_READWRITE");
	assert_int_equal(tl_hex(c, "result.value"), 0x20000);
	vad_range(c, &vs, &ve);
	assert_int_equal(ve, 0x23);
	assert_int_equal(tl_charged(c), 0);
	/* the system's choice is 64 KB-aligned and the size page-rounded */
	TL_JSON d = run_ok(s, "VirtualAlloc 0 5000 MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	uint64_t base = tl_hex(d, "result.value");
	assert_int_equal(base % 0x10000, 0);
	assert_int_equal(base, 0x40000);
	vad_range(d, &vs, &ve);
	assert_int_equal(ve - vs + 1, 2);
	assert_int_equal(tl_charged(d), 2);
	/* the bytes past the size, up to the page end, are usable */
	TL_JSON w = run_ok(s, "write 0x41FFF 1");
	assert_string_equal(tl_exception(w), "");
	TL_JSON x = run_ok(s, "read 0x42000");
	assert_string_equal(tl_exception(x), "STATUS_ACCESS_VIOLATION");
}

static void test_conflicts(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "VirtualAlloc 0x30FFF 2 MEM_RESERVE PAGE_READWRITE"); /* 0x30000-0x31FFF */
	/* 0x31000 and 0x32000 round down to 0x30000, which is taken */
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x31000 4K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x3F000 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "VirtualAlloc 0x40000 4K MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc 0x100000 1M MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0xF0000 128K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x1F0000 64K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x80000 16M MEM_RESERVE PAGE_READWRITE");
	assert_int_equal(run_val(s, "VirtualAlloc 0x200000 64K MEM_RESERVE PAGE_READWRITE"), 0x200000);
	assert_int_equal(run_val(s, "VirtualAlloc 0xF0000 64K MEM_RESERVE PAGE_READWRITE"), 0xF0000);
}

/* Address space itself runs out: STATUS_NO_MEMORY. */
static void test_address_space_full(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	run(s, "VirtualAlloc 0 0x7FF00000 MEM_RESERVE PAGE_NOACCESS");
	tl_fails(s, "ERROR_NOT_ENOUGH_MEMORY", "STATUS_NO_MEMORY", -1, "VirtualAlloc 0 1M MEM_RESERVE PAGE_READWRITE");
	assert_int_equal(run_val(s, "VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE"), 0x7FF10000);
}

/* ---- committing into a reservation ---- */

static void test_commit_into_reserve(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	uint64_t r = run_val(s, "$r = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	uint64_t c0 = tl_commit(s);
	TL_JSON a = run_ok(s, "VirtualAlloc $r+0x1800 0x2000 MEM_COMMIT PAGE_READWRITE"); /* pages 1-3 */
	assert_int_equal(tl_hex(a, "result.value"), r + 0x1000);
	int64_t tables = tl_charged(a) - 3;
	assert_int_equal(tables, 3); /* the three user page tables the new PTEs live in */
	TL_JSON b = run_ok(s, "VirtualAlloc $r 0x5000 MEM_COMMIT PAGE_READWRITE"); /* pages 0-4: 0 and 4 are new */
	assert_int_equal(tl_charged(b), 2);
	TL_JSON c = run_ok(s, "VirtualAlloc $r+0x2010 0x10 MEM_COMMIT PAGE_READWRITE"); /* all committed */
	assert_int_equal(tl_charged(c), 0);
	assert_int_equal(tl_commit(s), c0 + 5 + 3);
	/* the pages are committed, not resident: demand-zero PTEs */
	TL_JSON p = run_ok(s, "!pte $r+0x4000");
	assert_string_equal(tl_str(p, "result.pte.format"), "demand_zero");
	TL_JSON q = run_ok(s, "!pte $r+0x5000");
	assert_string_equal(tl_str(q, "result.pte.format"), "zero"); /* reserved only */
	/* outside any reservation, past its end, across two */
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x50000000 4K MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc $r+0xF000 0x2000 MEM_COMMIT PAGE_READWRITE");
	run(s, "VirtualAlloc $r+0x10000 64K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc $r+0xF000 0x2000 MEM_COMMIT PAGE_READWRITE");
	/* MEM_COMMIT with base 0 reserves and commits */
	TL_JSON z = run_ok(s, "VirtualAlloc 0 8K MEM_COMMIT PAGE_READWRITE");
	assert_int_equal(tl_charged(z), 2);
	assert_non_null(tl_event(z, "vad_insert", 0));
	/* the pages work */
	TL_JSON w = run_ok(s, "write $r+0x4FFF 0x5A");
	assert_string_equal(tl_exception(w), "");
	TL_JSON rd = run_ok(s, "read $r+0x4FFF");
	assert_int_equal(tl_hex(rd, "result.value"), 0x5A);
}

/* Committing pages that are committed already charges nothing, and with a
 * different protection changes theirs (allocvm.c: ChangeProtection). */
static void test_recommit_changes_protection(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$r = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc $r 8K MEM_COMMIT PAGE_READWRITE");
	run(s, "write $r 1");
	TL_JSON c = run_ok(s, "VirtualAlloc $r 8K MEM_COMMIT PAGE_READONLY");
	assert_int_equal(tl_charged(c), 0);
	TL_JSON w = run_ok(s, "write $r 2");
	assert_string_equal(tl_exception(w), "STATUS_ACCESS_VIOLATION");
	TL_JSON w2 = run_ok(s, "write $r+0x1000 2");
	assert_string_equal(tl_exception(w2), "STATUS_ACCESS_VIOLATION");
	TL_JSON r = run_ok(s, "read $r");
	assert_int_equal(tl_hex(r, "result.value"), 1);
}

/* ---- the commit limit ---- */

static void test_commit_limit(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	TL_JSON vm = run_ok(s, "!vm");
	uint64_t limit = (uint64_t)tl_num(vm, "result.commit_limit");
	uint64_t total = (uint64_t)tl_num(vm, "result.commit_charge");
	assert_true(limit > 2000 && limit < 4096); /* about RAM/2 + the 8 MB page file */
	tl_fails(s, "ERROR_COMMITMENT_LIMIT", "STATUS_COMMITMENT_LIMIT", -1,
	      "VirtualAlloc 0 16M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "$big = VirtualAlloc 0 16M MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_COMMITMENT_LIMIT", "STATUS_COMMITMENT_LIMIT", -1,
	      "VirtualAlloc $big 16M MEM_COMMIT PAGE_READWRITE");
	/* exactly up to the limit succeeds, one page more does not */
	uint64_t room = limit - total;
	TL_JSON ok = run_ok(s, "$all = VirtualAlloc 0 %llu MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
			    (unsigned long long)(room * 4096));
	assert_int_equal(tl_commit(s), limit);
	tl_fails(s, "ERROR_COMMITMENT_LIMIT", "STATUS_COMMITMENT_LIMIT", -1,
	      "VirtualAlloc 0 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_COMMITMENT_LIMIT", "STATUS_COMMITMENT_LIMIT", -1, "VirtualAlloc $big 4K MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_COMMITMENT_LIMIT", "STATUS_COMMITMENT_LIMIT", -1, "process create more");
	/* a fault that needs a page table (charged) cannot get one: an
	 * exception in the thread, not a failed command */
	TL_JSON r = run_ok(s, "read $all");
	assert_string_equal(tl_exception(r), "STATUS_IN_PAGE_ERROR");
	/* freeing gives the room back */
	run(s, "VirtualFree $all 0 MEM_RELEASE");
	assert_int_equal(tl_commit(s), total);
	TL_JSON again = run_ok(s, "VirtualAlloc 0 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	assert_int_equal(tl_charged(again), 1);
}

/* ---- protections ---- */

static void test_writecopy_refused(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4,
	      "VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_WRITECOPY");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4,
	      "VirtualAlloc 0 64K MEM_RESERVE PAGE_EXECUTE_WRITECOPY");
	run(s, "$r = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4,
	      "VirtualAlloc $r 4K MEM_COMMIT PAGE_WRITECOPY");
	/* invalid combinations (MiMakeProtectionMask) */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4, "VirtualAlloc 0 64K MEM_RESERVE 0");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4,
	      "VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE|PAGE_READONLY");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4,
	      "VirtualAlloc 0 64K MEM_RESERVE PAGE_NOACCESS|PAGE_GUARD");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4,
	      "VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE|PAGE_NOCACHE|PAGE_WRITECOMBINE");
	/* valid modifiers */
	run(s, "VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_GUARD");
	run(s, "VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_NOCACHE");
	run(s, "VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT 0x40");
}

/* ---- argument errors ---- */

static void test_argument_errors(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	/* allocation type */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3, "VirtualAlloc 0 64K MEM_DECOMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3, "VirtualAlloc 0 64K MEM_TOP_DOWN PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3,
	      "VirtualAlloc 0x10000 64K MEM_RESET|MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3, "VirtualAlloc 0 64K 0 PAGE_READWRITE");
	tl_fails(s, "ERROR_PRIVILEGE_NOT_HELD", "STATUS_PRIVILEGE_NOT_HELD", 3,
	      "VirtualAlloc 0 4M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE");
	/* address and size */
	tl_fails(s, "ERROR_INVALID_PARAMETER", NULL, 1, "VirtualAlloc 0x1000 4K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", NULL, 1, "VirtualAlloc 0xFFFF 4K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", NULL, 2, "VirtualAlloc 0 0 MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", NULL, -1, "VirtualAlloc 0x7FFE0000 4K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", NULL, -1, "VirtualAlloc 0x7FFD0000 128K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", NULL, 2, "VirtualAlloc 0 3G MEM_RESERVE PAGE_READWRITE");
	/* the highest region that fits */
	assert_int_equal(run_val(s, "VirtualAlloc 0x7FFD0000 64K MEM_RESERVE PAGE_READWRITE"), 0x7FFD0000);
	/* syntax: the word at fault is named */
	tl_fails(s, "syntax", NULL, 3, "VirtualAlloc 0 64K MEM_BOGUS PAGE_READWRITE");
	tl_fails(s, "syntax", NULL, 4, "VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRTE");
	tl_fails(s, "syntax", NULL, 2, "VirtualAlloc 0 sixty MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "syntax", NULL, -1, "VirtualAlloc 0 64K MEM_RESERVE");
	tl_fails(s, "syntax", NULL, -1, "VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE extra");
	tl_fails(s, "unknown", NULL, 1, "VirtualAlloc $nope 64K MEM_RESERVE PAGE_READWRITE");
	/* flags by number */
	assert_int_equal(run_val(s, "VirtualAlloc 0 4K 0x3000 4"), 0x10000);
}

/* ---- freeing ---- */

static void test_release_rules(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	uint64_t avail = tl_available(s), commit = tl_commit(s);
	run(s, "$r = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $r 16K w");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 2, "VirtualFree $r 4K MEM_RELEASE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_FREE_VM_NOT_AT_BASE", 1, "VirtualFree $r+0x1000 0 MEM_RELEASE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_4", 3, "VirtualFree $r 0 MEM_RELEASE|MEM_DECOMMIT");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_4", 3, "VirtualFree $r 0 MEM_COMMIT");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_MEMORY_NOT_ALLOCATED", 1, "VirtualFree 0x50000000 0 MEM_RELEASE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_MEMORY_NOT_ALLOCATED", 1, "VirtualFree 0x50000000 4K MEM_DECOMMIT");
	TL_JSON f = run_ok(s, "VirtualFree $r 0 MEM_RELEASE");
	assert_non_null(tl_event(f, "vad_remove", 0));
	assert_int_equal(tl_hex(tl_event(f, "vad_remove", 0), "start"), 0x10000 >> 12);
	/* every page, page table and charge is back */
	assert_int_equal(tl_available(s), avail);
	assert_int_equal(tl_commit(s), commit);
	TL_JSON r = run_ok(s, "read $r");
	assert_string_equal(tl_exception(r), "STATUS_ACCESS_VIOLATION");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_MEMORY_NOT_ALLOCATED", 1, "VirtualFree $r 0 MEM_RELEASE");
	/* the range is free again */
	assert_int_equal(run_val(s, "VirtualAlloc $r 64K MEM_RESERVE PAGE_READWRITE"), 0x10000);
}

static void test_decommit(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 16K w");
	uint64_t avail = tl_available(s), commit = tl_commit(s);
	TL_JSON d = run_ok(s, "VirtualFree $p+0x1000 0x2000 MEM_DECOMMIT");
	assert_int_equal(tl_charged(d), -2);
	assert_int_equal(tl_available(s), avail + 2); /* the two frames are free */
	assert_int_equal(tl_commit(s), commit - 2);
	/* inside a MemCommit VAD the PTE becomes MmDecommittedPte */
	assert_int_equal(tl_pte(s, 0x11000), 0x200);
	TL_JSON pt = run_ok(s, "!pte $p+0x2000");
	assert_string_equal(tl_str(pt, "result.pte.format"), "demand_zero");
	assert_int_equal(tl_num(pt, "result.pte.protection_code"), 16);
	/* decommitting uncommitted pages is no error and returns nothing */
	TL_JSON again = run_ok(s, "VirtualFree $p+0x1000 0x2000 MEM_DECOMMIT");
	assert_int_equal(tl_charged(again), 0);
	/* a partial range decommits every page it overlaps */
	TL_JSON part = run_ok(s, "VirtualFree $p+0x4FF0 0x20 MEM_DECOMMIT"); /* pages 4 and 5 */
	assert_int_equal(tl_charged(part), -2);
	/* past the end of the region */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_UNABLE_TO_FREE_VM", 2, "VirtualFree $p+0xF000 0x2000 MEM_DECOMMIT");
	/* recommitting: charged again, the old contents are gone */
	TL_JSON rc = run_ok(s, "VirtualAlloc $p+0x1000 4K MEM_COMMIT PAGE_READWRITE");
	assert_int_equal(tl_charged(rc), 1);
	TL_JSON r = run_ok(s, "read $p+0x1000");
	assert_int_equal(tl_hex(r, "result.value"), 0);
	/* size 0 from the base: the whole region, the VAD stays */
	TL_JSON all = run_ok(s, "VirtualFree $p 0 MEM_DECOMMIT");
	assert_int_equal(tl_charged(all), -(16 - 4 + 1));
	assert_int_equal(tl_count_events(all, "vad_remove"), 0);
	TL_JSON av = run_ok(s, "read $p+0x8000");
	assert_string_equal(tl_exception(av), "STATUS_ACCESS_VIOLATION");
	run(s, "VirtualFree $p 0 MEM_RELEASE");
	/* in a reserve-only region too, decommitted PTEs become MmDecommittedPte
	 * and the page tables stay (MiDecommitPages); they go at release */
	uint64_t c0 = tl_commit(s);
	run(s, "$q = VirtualAlloc 0x40000000 64K MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc $q 8K MEM_COMMIT PAGE_READWRITE");
	run(s, "write $q 1");
	TL_JSON dq = run_ok(s, "VirtualFree $q 8K MEM_DECOMMIT");
	assert_int_equal(tl_charged(dq), -2); /* the two pages only */
	assert_int_equal(tl_commit(s), c0 + 3); /* the PT, PD and PDPT stay charged */
	TL_JSON pq = run_ok(s, "!pte $q");
	assert_false(tl_bool(pq, "result.pte.valid"));
	assert_string_equal(tl_str(pq, "result.pte.format"), "demand_zero");
	assert_true(tl_bool(pq, "result.pte.decommitted"));
	TL_JSON rq = run_ok(s, "VirtualFree $q 0 MEM_RELEASE");
	assert_int_equal(tl_charged(rq), -3); /* the tables go with the region */
	assert_int_equal(tl_commit(s), c0);
}

/* NtFreeVirtualMemory: with size 0 the address must be the base, for
 * MEM_DECOMMIT as for MEM_RELEASE (freevm.c: STATUS_FREE_VM_NOT_AT_BASE). */
static void test_decommit_size0_needs_base(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_FREE_VM_NOT_AT_BASE", 1, "VirtualFree $p+0x8000 0 MEM_DECOMMIT");
}

/* MEM_RESET rounds inwards, needs one region, keeps contents. */
static void test_mem_reset(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p+0x1000 0x99");
	TL_JSON r = run_ok(s, "VirtualAlloc $p+0x800 0x1900 MEM_RESET PAGE_NOACCESS"); /* only page 1 is whole */
	assert_int_equal(tl_hex(r, "result.value"), 0x11000);
	TL_JSON pt = run_ok(s, "!pte $p+0x1000");
	assert_false(tl_bool(pt, "result.pte.dirty"));
	TL_JSON rd = run_ok(s, "read $p+0x1000");
	assert_int_equal(tl_hex(rd, "result.value"), 0x99);
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x50000000 64K MEM_RESET PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4,
	      "VirtualAlloc $p 4K MEM_RESET 0x3");
}

/* Teardown by release returns exactly what the allocations took, on
 * every paging mode. */
static void test_release_returns_everything(void **state)
{
	for (enum mm_arch a = MM_ARCH_X86; a <= MM_ARCH_X64; a++) {
		TL_SESSION s = tl_bare(a);
		uint64_t avail = tl_available(s), commit = tl_commit(s);
		run(s, "$a = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		run(s, "$b = VirtualAlloc 0x20000000 8M MEM_RESERVE PAGE_READWRITE");
		run(s, "VirtualAlloc $b+0x3FF000 0x2000 MEM_COMMIT PAGE_READWRITE"); /* across a page table */
		run(s, "touch $a 1M w");
		run(s, "touch $b+0x3FF000 8K w");
		run(s, "VirtualFree $a+0x10000 64K MEM_DECOMMIT");
		run(s, "VirtualFree $b 0 MEM_RELEASE");
		run(s, "VirtualFree $a 0 MEM_RELEASE");
		assert_int_equal(tl_available(s), avail);
		assert_int_equal(tl_commit(s), commit);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_rounding),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_address_space_full),
		cmocka_unit_test(test_commit_into_reserve),
		cmocka_unit_test(test_recommit_changes_protection),
		cmocka_unit_test(test_commit_limit),
		cmocka_unit_test(test_writecopy_refused),
		cmocka_unit_test(test_argument_errors),
		cmocka_unit_test(test_release_rules),
		cmocka_unit_test(test_decommit),
		cmocka_unit_test(test_decommit_size0_needs_base),
		cmocka_unit_test(test_mem_reset),
		cmocka_unit_test(test_release_returns_everything),
	};
	return cmocka_run_group_tests_name("11_vm", tests, NULL, NULL);
}
