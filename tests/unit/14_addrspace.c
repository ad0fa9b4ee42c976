/*
 * 14_addrspace.c — the process address space (issue 3): VirtualProtect,
 * VirtualQuery, VirtualLock/VirtualUnlock, protections enforced through
 * the PTE bits, the rules of VirtualAlloc/VirtualFree that 11_vm.c does not
 * cover (the order of the argument checks, MEM_TOP_DOWN, the shared user
 * data page), !vad and !address, and `process create` without --bare
 * (PEB, TEB, stack, default heap, their places) with `process exit`
 * returning everything. And the address space as the TUI's VMMap-like
 * pane reads it (mm.h mm_regions, mm_image_sections, mm_page_classes;
 * core/mm/query_vas.c Q1-Q4, docs/tui.md TUI-VAS): the rows agree with
 * VirtualQuery and !address over the whole space in x86, PAE and x64;
 * KUSER_SHARED_DATA's region; the Unusable tail; per-region working-set
 * counts; the page classes of the paging lesson.
 *
 * Every command goes through testlib's run_ok/run_fail: mm_check after
 * each, and for each failure the state hash and the empty event list
 * prove that nothing changed.
 */
#include "testlib.h"

#include "mm.h"

/* VirtualQuery's result for addr. */
static cJSON *query(struct session *s, uint64_t addr)
{
	return run_ok(s, "VirtualQuery %#" PRIx64, addr);
}

static void assert_region(struct session *s, uint64_t addr, uint64_t base, uint64_t size, const char *state,
			  const char *protect)
{
	TL_JSON q = query(s, addr);
	assert_int_equal(tl_hex(q, "result.BaseAddress"), base);
	assert_int_equal((uint64_t)tl_num(q, "result.RegionSize"), size);
	assert_string_equal(tl_str(q, "result.State"), state);
	assert_string_equal(tl_str(q, "result.Protect"), protect);
}

/* ---- VirtualAlloc: the order of the checks, MEM_TOP_DOWN ---- */

static void test_alloc_argument_order(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	/* kernel32's own check comes first: an address below 64 KB */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_2", 1,
	      "VirtualAlloc 0x1000 4K 0x40001000 PAGE_READWRITE");
	/* then the type (before the protection) */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3, "VirtualAlloc 0 4K MEM_DECOMMIT 0x3");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3, "VirtualAlloc 0 4K 0 PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3,
	      "VirtualAlloc 0 4K MEM_RESET|MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3,
	      "VirtualAlloc 0 4K MEM_WRITE_WATCH|MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3,
	      "VirtualAlloc 0 4K MEM_PHYSICAL|MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	/* then the protection (before the address range) */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4,
	      "VirtualAlloc 0x7FFFFFFF0000 4K MEM_RESERVE PAGE_READWRITE|PAGE_EXECUTE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 4,
	      "VirtualAlloc 0 4K MEM_RESERVE PAGE_NOACCESS|PAGE_GUARD");
	/* then the base and the size against the highest VAD address */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_2", 1,
	      "VirtualAlloc 0x7FFFFFFF0000 4K MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_4", 2,
	      "VirtualAlloc 0x7FFFFFFD0000 0x20000 MEM_RESERVE PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_4", 2, "VirtualAlloc 0 0 MEM_RESERVE PAGE_READWRITE");
	/* what is not simulated is reported after the argument checks */
	tl_fails(s, "ERROR_PRIVILEGE_NOT_HELD", "STATUS_PRIVILEGE_NOT_HELD", 3,
	      "VirtualAlloc 0 2M MEM_LARGE_PAGES|MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_NOT_SUPPORTED", "STATUS_NOT_SUPPORTED", 3,
	      "VirtualAlloc 0 64K MEM_PHYSICAL|MEM_RESERVE PAGE_READWRITE");
}

static void test_top_down(void **state)
{
	static const struct { enum mm_arch a; uint64_t top; } c[] = {
		{MM_ARCH_X86, 0x7FFD0000}, {MM_ARCH_PAE, 0x7FFD0000}, {MM_ARCH_X64, 0x7FFFFFFD0000ull}};
	for (size_t i = 0; i < MM_ARRAY_LEN(c); i++) {
		TL_SESSION s = tl_bare(c[i].a);
		assert_int_equal(run_val(s, "VirtualAlloc 0 64K MEM_RESERVE|MEM_TOP_DOWN PAGE_READWRITE"), c[i].top);
		assert_int_equal(run_val(s, "VirtualAlloc 0 64K MEM_RESERVE|MEM_TOP_DOWN PAGE_READWRITE"),
				 c[i].top - 0x10000);
		assert_int_equal(run_val(s, "VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE"), 0x10000);
	}
}

/* On x64 the shared user data page lies inside the user range: no
 * reservation may cover it, in a bare process (no VAD) as in a full one
 * (its own VAD), and searches step around it. */
static void test_shared_user_data_reserved_x64(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x7FFE0000 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x7FF00000 2M MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc 0x7FF00000 0xE0000 MEM_RESERVE PAGE_READWRITE"); /* up to the page: fine */
	TL_JSON r = run_ok(s, "read 0x7FFE026C 4");
	assert_int_equal(tl_hex(r, "result.value"), 10); /* NtMajorVersion */
	TL_SESSION f = tl_session(MM_ARCH_X64);
	run(f, "process create full.exe");
	tl_fails(f, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x7FFE0000 4K MEM_RESERVE PAGE_READWRITE");
	tl_fails(f, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc 0x7FFE1000 4K MEM_COMMIT PAGE_READWRITE");
	tl_fails(f, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 1, "VirtualFree 0x7FFE0000 0 MEM_RELEASE");
	tl_fails(f, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 3,
	      "VirtualProtect 0x7FFE0000 4K PAGE_READWRITE");
	TL_JSON r2 = run_ok(f, "read 0x7FFE026C 4");
	assert_int_equal(tl_hex(r2, "result.value"), 10);
	assert_region(f, 0x7FFE0000, 0x7FFE0000, 0x1000, "MEM_COMMIT", "PAGE_READONLY");
	assert_region(f, 0x7FFE5000, 0x7FFE5000, 0xB000, "MEM_RESERVE", "0");
}

/* MEM_RESET: the page file copy and the modified state go; pages only in
 * the page file come back as zeros; a range without a whole page, or
 * outside every region, is refused. */
static void test_mem_reset_rules(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 0x77");
	TL_JSON r = run_ok(s, "VirtualAlloc $p 4K MEM_RESET PAGE_WRITECOPY"); /* protection only validated */
	assert_int_equal(tl_hex(r, "result.value"), 0x10000);
	TL_JSON pte = run_ok(s, "!pte $p");
	assert_false(tl_bool(pte, "result.pte.dirty"));
	TL_JSON pfn = run_ok(s, "!pfn %#" PRIx64, tl_hex(pte, "result.pte.pfn"));
	assert_false(tl_bool(pfn, "result.modified"));
	TL_JSON rd = run_ok(s, "read $p");
	assert_int_equal(tl_hex(rd, "result.value"), 0x77);
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualAlloc $p+0x10 0x100 MEM_RESET PAGE_READWRITE");
	run(s, "VirtualAlloc $p+0x8000 4K MEM_RESET PAGE_READWRITE"); /* committed, never touched: fine */
}

/* ---- VirtualFree ---- */

static void test_free_argument_order(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	/* kernel32's MEM_RELEASE-needs-size-0 comes before the free type */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 2, "VirtualFree $p 4K MEM_RELEASE|MEM_DECOMMIT");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_4", 3, "VirtualFree $p 0 MEM_RELEASE|MEM_DECOMMIT");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_2", 1, "VirtualFree 0x80000000 0 MEM_RELEASE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_3", 2, "VirtualFree $p 0x7FFFFFFF MEM_DECOMMIT");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_MEMORY_NOT_ALLOCATED", 1, "VirtualFree 0x50000000 0 MEM_RELEASE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_UNABLE_TO_FREE_VM", 2, "VirtualFree $p+0xF000 8K MEM_DECOMMIT");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_FREE_VM_NOT_AT_BASE", 1, "VirtualFree $p+0x1000 0 MEM_RELEASE");
	/* decommit of the whole region with size 0 from the base */
	run(s, "touch $p 64K w");
	TL_JSON d = run_ok(s, "VirtualFree $p 0 MEM_DECOMMIT");
	assert_int_equal(tl_charged(d), -16);
	assert_region(s, 0x10000, 0x10000, 0x10000, "MEM_RESERVE", "0");
	/* decommitted pages of a MemCommit VAD hold MmDecommittedPte (0x200 on x86) */
	assert_int_equal(tl_pte(s, 0x10000), 0x200);
	TL_JSON again = run_ok(s, "VirtualFree $p 0 MEM_DECOMMIT"); /* nothing committed: no error, no charge */
	assert_int_equal(tl_charged(again), 0);
}

/* ---- VirtualProtect ---- */

static void test_protect_errors(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc $p 8K MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PAGE_PROTECTION", 3,
	      "VirtualProtect $p 4K PAGE_READONLY|PAGE_EXECUTE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_2", 1,
	      "VirtualProtect 0xFFFF800000000000 4K PAGE_READONLY");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_3", 2, "VirtualProtect $p 0 PAGE_READONLY");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1, "VirtualProtect 0x50000000 4K PAGE_READONLY");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", 1,
	      "VirtualProtect $p+0xF000 8K PAGE_READONLY"); /* runs past the region */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_4", 3, "VirtualProtect $p 4K PAGE_WRITECOPY");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_NOT_COMMITTED", 1, "VirtualProtect $p 12K PAGE_READONLY");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_NOT_COMMITTED", 1, "VirtualProtect $p+0x4000 4K PAGE_READONLY");
}

/* The old protection of the first page; $old = binds it, usable again. */
static void test_protect_returns_old(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_PAE);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_EXECUTE_READ");
	TL_JSON a = run_ok(s, "$old = VirtualProtect $p+0x10 0x2000 PAGE_READWRITE");
	assert_string_equal(tl_str(a, "result.old_protect"), "PAGE_EXECUTE_READ");
	assert_int_equal(tl_hex(a, "result.value"), 0x20);
	TL_JSON b = run_ok(s, "VirtualProtect $p+0x1000 4K PAGE_READONLY|PAGE_NOCACHE");
	assert_string_equal(tl_str(b, "result.old_protect"), "PAGE_READWRITE");
	TL_JSON c = run_ok(s, "VirtualProtect $p+0x1000 8K 0x20"); /* the value $old holds */
	assert_string_equal(tl_str(c, "result.old_protect"), "PAGE_READONLY|PAGE_NOCACHE");
	assert_region(s, 0x10000, 0x10000, 0x1000, "MEM_COMMIT", "PAGE_READWRITE");
	assert_region(s, 0x11000, 0x11000, 0xF000, "MEM_COMMIT", "PAGE_EXECUTE_READ");
}

/* A resident page gets new PTE bits and a TLB flush; the CPU enforces them. */
static void test_protect_resident(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 0x5A");
	TL_JSON pr = run_ok(s, "VirtualProtect $p 4K PAGE_READONLY");
	assert_non_null(tl_event(pr, "tlb_flush", 0));
	uint64_t pte = tl_pte(s, 0x10000);
	assert_true(pte & 1);
	assert_false(pte & 0x802); /* neither the hardware nor the software write bit */
	assert_true(pte >> 63);    /* NX */
	TL_JSON w = run_ok(s, "write $p 1");
	assert_string_equal(tl_exception(w), "STATUS_ACCESS_VIOLATION");
	TL_JSON r = run_ok(s, "read $p");
	assert_int_equal(tl_hex(r, "result.value"), 0x5A);
	/* DEP: data pages do not execute; execute protections clear NX */
	TL_JSON x = run_ok(s, "exec $p");
	assert_string_equal(tl_exception(x), "STATUS_ACCESS_VIOLATION");
	run(s, "VirtualProtect $p 4K PAGE_EXECUTE_READ");
	assert_false(tl_pte(s, 0x10000) >> 63);
	TL_JSON x2 = run_ok(s, "exec $p");
	assert_string_equal(tl_exception(x2), "");
	TL_JSON w2 = run_ok(s, "write $p 1");
	assert_string_equal(tl_exception(w2), "STATUS_ACCESS_VIOLATION");
	/* back to writable: the first write sets Dirty again (MiSetDirtyBit) */
	run(s, "VirtualProtect $p 4K PAGE_EXECUTE_READWRITE");
	TL_JSON w3 = run_ok(s, "write $p 2");
	assert_string_equal(tl_exception(w3), "");
	assert_non_null(tl_event(w3, "dirty", 0));
}

/* x86 without PAE has no NX: every readable page executes. */
static void test_no_nx_on_x86(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	TL_JSON x = run_ok(s, "exec $p");
	assert_string_equal(tl_exception(x), "");
	run(s, "VirtualProtect $p 4K PAGE_EXECUTE");
	TL_JSON r = run_ok(s, "read $p"); /* execute-only cannot be expressed: reads work */
	assert_string_equal(tl_exception(r), "");
	TL_JSON w = run_ok(s, "write $p 1");
	assert_string_equal(tl_exception(w), "STATUS_ACCESS_VIOLATION");
}

/* PAGE_NOACCESS and PAGE_GUARD cannot be held by a valid PTE: the page
 * leaves the working set (a transition PTE with the new protection). */
static void test_protect_noaccess_and_guard(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 0x42");
	run(s, "write $p+0x1000 0x43");
	TL_JSON n = run_ok(s, "VirtualProtect $p 4K PAGE_NOACCESS");
	assert_non_null(tl_event(n, "ws_remove", 0));
	TL_JSON pt = run_ok(s, "!pte $p");
	assert_string_equal(tl_str(pt, "result.pte.format"), "transition");
	assert_string_equal(tl_str(pt, "result.pte.protection"), "PAGE_NOACCESS");
	TL_JSON r = run_ok(s, "read $p");
	assert_string_equal(tl_exception(r), "STATUS_ACCESS_VIOLATION");
	assert_region(s, 0x10000, 0x10000, 0x1000, "MEM_COMMIT", "PAGE_NOACCESS");
	run(s, "VirtualProtect $p 4K PAGE_READWRITE");
	TL_JSON back = run_ok(s, "read $p");
	char f[64];
	assert_string_equal(tl_faults(back, f, sizeof f), "soft");
	assert_int_equal(tl_hex(back, "result.value"), 0x42);
	/* a guard page: one STATUS_GUARD_PAGE_VIOLATION, then the guard is gone */
	TL_JSON g = run_ok(s, "VirtualProtect $p+0x1000 4K PAGE_READWRITE|PAGE_GUARD");
	assert_string_equal(tl_str(g, "result.old_protect"), "PAGE_READWRITE");
	assert_region(s, 0x11000, 0x11000, 0x1000, "MEM_COMMIT", "PAGE_READWRITE|PAGE_GUARD");
	TL_JSON g1 = run_ok(s, "read $p+0x1000");
	assert_string_equal(tl_exception(g1), "STATUS_GUARD_PAGE_VIOLATION");
	assert_string_equal(tl_faults(g1, f, sizeof f), "guard_page");
	TL_JSON g2 = run_ok(s, "read $p+0x1000");
	assert_string_equal(tl_exception(g2), "");
	assert_int_equal(tl_hex(g2, "result.value"), 0x43);
	/* an access violation outranks the guard: the guard stays */
	run(s, "VirtualProtect $p+0x2000 4K PAGE_READONLY|PAGE_GUARD");
	TL_JSON av = run_ok(s, "write $p+0x2000 1");
	assert_string_equal(tl_exception(av), "STATUS_ACCESS_VIOLATION");
	TL_JSON g3 = run_ok(s, "read $p+0x2000");
	assert_string_equal(tl_exception(g3), "STATUS_GUARD_PAGE_VIOLATION");
}

/* PAGE_NOCACHE and PAGE_WRITECOMBINE set PCD; a cache-attribute change on
 * a resident page flushes the whole TLB. */
static void test_nocache(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_NOCACHE");
	run(s, "write $p 1");
	TL_JSON a = run_ok(s, "!pte $p");
	assert_true(tl_bool(a, "result.pte.cache_disable"));
	run(s, "write $p+0x1000 1");
	TL_JSON c = run_ok(s, "VirtualProtect $p+0x1000 4K PAGE_READWRITE");
	const cJSON *e;
	bool all = false;
	cJSON_ArrayForEach(e, tl_need(c, "events"))
		if (!strcmp(tl_str(e, "kind"), "tlb_flush") && !strcmp(tl_str(e, "scope"), "all"))
			all = true;
	assert_true(all);
	TL_JSON b = run_ok(s, "!pte $p+0x1000");
	assert_false(tl_bool(b, "result.pte.cache_disable"));
	run(s, "$q = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_WRITECOMBINE");
	run(s, "read $q");
	TL_JSON w = run_ok(s, "!pte $q");
	assert_true(tl_bool(w, "result.pte.cache_disable"));
}

/* ---- VirtualQuery ---- */

static void test_query(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	/* free from 0 to the first VAD */
	TL_JSON f = query(s, 0x1234);
	assert_int_equal(tl_hex(f, "result.BaseAddress"), 0x1000);
	assert_string_equal(tl_str(f, "result.State"), "MEM_FREE");
	assert_string_equal(tl_str(f, "result.Protect"), "PAGE_NOACCESS");
	assert_true(tl_is_null(f, "result.Type"));
	assert_int_equal(tl_hex(f, "result.AllocationBase"), 0);
	assert_string_equal(tl_str(f, "result.AllocationProtect"), "0");
	assert_int_equal((uint64_t)tl_num(f, "result.RegionSize"), 0x7FFE0000 - 0x1000); /* no VAD: up to the top */
	run(s, "$p = VirtualAlloc 0x20000 64K MEM_RESERVE PAGE_EXECUTE_READWRITE");
	run(s, "VirtualAlloc $p+0x3000 8K MEM_COMMIT PAGE_READONLY");
	assert_region(s, 0x10000, 0x10000, 0x10000, "MEM_FREE", "PAGE_NOACCESS");
	assert_region(s, 0x21000, 0x21000, 0x2000, "MEM_RESERVE", "0");
	assert_region(s, 0x23800, 0x23000, 0x2000, "MEM_COMMIT", "PAGE_READONLY");
	assert_region(s, 0x24000, 0x24000, 0x1000, "MEM_COMMIT", "PAGE_READONLY");
	assert_region(s, 0x25000, 0x25000, 0xB000, "MEM_RESERVE", "0");
	TL_JSON q = query(s, 0x25000);
	assert_int_equal(tl_hex(q, "result.AllocationBase"), 0x20000);
	assert_string_equal(tl_str(q, "result.AllocationProtect"), "PAGE_EXECUTE_READWRITE");
	assert_string_equal(tl_str(q, "result.Type"), "MEM_PRIVATE");
	/* free after the VAD, up to the highest VAD address */
	assert_region(s, 0x30000, 0x30000, 0x7FFE0000 - 0x30000, "MEM_FREE", "PAGE_NOACCESS");
	/* x86: the shared user data page, then a reserved area to the top */
	assert_region(s, 0x7FFE0000, 0x7FFE0000, 0x1000, "MEM_COMMIT", "PAGE_READONLY");
	assert_region(s, 0x7FFE4000, 0x7FFE4000, 0xC000, "MEM_RESERVE", "PAGE_NOACCESS");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 1, "VirtualQuery 0x7FFF0000");
	/* a huge reservation without page tables is one region, quickly */
	TL_SESSION x = tl_bare(MM_ARCH_X64);
	run(x, "$big = VirtualAlloc 0 8M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(x, "write $big+0x400000 1");
	assert_region(x, 0x10000, 0x10000, 0x800000, "MEM_COMMIT", "PAGE_READWRITE");
	uint64_t huge = run_val(x, "VirtualAlloc 0 64G MEM_RESERVE PAGE_READWRITE");
	assert_int_equal(huge, 0x7FFF0000); /* stepped over the shared user data page */
	TL_JSON h = query(x, huge + 0x123456);
	assert_int_equal((uint64_t)tl_num(h, "result.RegionSize"), (64ull << 30) - 0x123000);
}

/* ---- VirtualLock / VirtualUnlock ---- */

static void test_lock(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	TL_JSON l = run_ok(s, "VirtualLock $p 8K");
	assert_int_equal(tl_count_events(l, "ws_add") >= 2, 1); /* made resident */
	assert_int_equal(tl_num(l, "result.locked_pages"), 2);
	TL_JSON w = run_ok(s, "!wsle");
	int locked = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, tl_need(w, "result.entries"))
		locked += tl_hex(e, "va") < 0x12000 && tl_hex(e, "va") >= 0x10000 && tl_bool(e, "locked");
	assert_int_equal(locked, 2);
	/* locked pages stay when the working set is emptied */
	run(s, "write $p+0x2000 1");
	run(s, "EmptyWorkingSet");
	assert_true(tl_pte(s, 0x10000) & 1);
	assert_false(tl_pte(s, 0x12000) & 1);
	TL_JSON again = run_ok(s, "VirtualLock $p 4K");
	assert_string_equal(tl_str(again, "result.status"), "STATUS_WAS_LOCKED");
	run(s, "VirtualUnlock $p 4K");
	tl_fails(s, "ERROR_NOT_LOCKED", "STATUS_NOT_LOCKED", 1, "VirtualUnlock $p 8K");
	tl_fails(s, "ERROR_NOT_LOCKED", "STATUS_NOT_LOCKED", 1, "VirtualUnlock $p+0x3000 4K");
	tl_fails(s, "ERROR_NOT_LOCKED", "STATUS_NOT_LOCKED", 1, "VirtualUnlock 0x50000000 4K");
	run(s, "VirtualUnlock $p+0x1000 4K");
	TL_JSON pr = run_ok(s, "!process");
	assert_int_equal(tl_num(pr, "result.processes.0.locked_pages"), 0);
}

static void test_lock_errors(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc $p 8K MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 2, "VirtualLock $p 0");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 1, "VirtualLock 0x80000000 4K");
	tl_fails(s, "ERROR_NOACCESS", "STATUS_ACCESS_VIOLATION", 1, "VirtualLock 0x50000000 4K");
	tl_fails(s, "ERROR_NOACCESS", "STATUS_ACCESS_VIOLATION", 1, "VirtualLock $p 12K"); /* a reserved page */
	run(s, "VirtualProtect $p+0x1000 4K PAGE_READWRITE|PAGE_GUARD");
	tl_fails(s, "STATUS_GUARD_PAGE_VIOLATION", "STATUS_GUARD_PAGE_VIOLATION", 1, "VirtualLock $p 8K");
	run(s, "VirtualProtect $p+0x1000 4K PAGE_NOACCESS");
	tl_fails(s, "ERROR_NOACCESS", "STATUS_ACCESS_VIOLATION", 1, "VirtualLock $p+0x1000 4K");
	/* the quota: the pages to lock plus 8 must stay within the minimum
	 * working set (20 pages on this machine) */
	run(s, "$q = VirtualAlloc 0 128K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	tl_fails(s, "ERROR_WORKING_SET_QUOTA", "STATUS_WORKING_SET_QUOTA", 2, "VirtualLock $q 64K");
	run(s, "VirtualLock $q 40K");
	/* lockvm.c counts the pages spanned less one: 16K here counts 3 */
	tl_fails(s, "ERROR_WORKING_SET_QUOTA", "STATUS_WORKING_SET_QUOTA", 2, "VirtualLock $q+0xA000 16K");
	run(s, "VirtualLock $q+0x9000 8K"); /* one of them is locked already */
}

/* A locked page leaves its lock when it is decommitted or made no-access. */
static void test_lock_dropped(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_PAE);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "VirtualLock $p 12K");
	TL_JSON n = run_ok(s, "VirtualProtect $p 4K PAGE_NOACCESS");
	assert_string_equal(tl_str(n, "result.status"), "STATUS_WAS_UNLOCKED");
	run(s, "VirtualFree $p+0x1000 4K MEM_DECOMMIT");
	TL_JSON pr = run_ok(s, "!process");
	assert_int_equal(tl_num(pr, "result.processes.0.locked_pages"), 1);
	run(s, "VirtualFree $p 0 MEM_RELEASE");
	TL_JSON pr2 = run_ok(s, "!process");
	assert_int_equal(tl_num(pr2, "result.processes.0.locked_pages"), 0);
	/* pages of a mapped view lock too, and the locks go with the view */
	run(s, "$s = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K");
	run(s, "$v = MapViewOfFile $s FILE_MAP_WRITE 0 0");
	TL_JSON lv = run_ok(s, "VirtualLock $v 8K");
	assert_int_equal(tl_num(lv, "result.locked_pages"), 2);
	run(s, "UnmapViewOfFile $v");
	TL_JSON pr3 = run_ok(s, "!process");
	assert_int_equal(tl_num(pr3, "result.processes.0.locked_pages"), 0);
}

/* ---- !vad and !address ---- */

static void test_bang_vad(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	for (int i = 0; i < 20; i++)
		run(s, "VirtualAlloc 0 64K %s PAGE_READWRITE", i % 2 ? "MEM_RESERVE" : "MEM_RESERVE|MEM_COMMIT");
	TL_JSON v = run_ok(s, "!vad");
	assert_int_equal(tl_len(v, "result.vads"), 20);
	assert_true(tl_num(v, "result.depth") <= 6); /* an AVL tree of 20 nodes */
	assert_int_equal(tl_hex(v, "result.vads.0.start"), 0x10);
	assert_int_equal(tl_hex(v, "result.vads.0.end"), 0x1F);
	assert_int_equal(tl_num(v, "result.vads.0.commit"), 16);
	assert_true(tl_bool(v, "result.vads.0.mem_commit"));
	assert_false(tl_bool(v, "result.vads.1.mem_commit"));
	assert_string_equal(tl_str(v, "result.vads.1.type"), "private");
	assert_string_equal(tl_str(v, "result.vads.1.protection"), "PAGE_READWRITE");
	int roots = 0;
	for (int i = 0; i < 20; i++) {
		char path[48];
		snprintf(path, sizeof path, "result.vads.%d.level", i);
		roots += tl_num(v, path) == 0;
		if (i) {
			char prev[48];
			snprintf(prev, sizeof prev, "result.vads.%d.start", i - 1);
			snprintf(path, sizeof path, "result.vads.%d.start", i);
			assert_true(tl_hex(v, prev) < tl_hex(v, path));
		}
	}
	assert_int_equal(roots, 1);
	TL_JSON one = run_ok(s, "!vad 0x45678");
	assert_int_equal(tl_len(one, "result.vads"), 1);
	assert_int_equal(tl_hex(one, "result.vads.0.start"), 0x40);
	TL_JSON nv = run_fail(s, "STATUS_MEMORY_NOT_ALLOCATED", "!vad 0x50000000");
	assert_int_equal(tl_num(nv, "error.arg"), 1);
}

/* The regions tile the user address space; like pages form one line. */
static void test_bang_address(void **state)
{
	static const enum mm_arch arches[] = {MM_ARCH_X86, MM_ARCH_PAE, MM_ARCH_X64};
	for (size_t k = 0; k < MM_ARRAY_LEN(arches); k++) {
		TL_SESSION s = tl_session(arches[k]);
		run(s, "process create app.exe");
		uint64_t p = run_val(s, "$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
		run(s, "VirtualAlloc $p+0x4000 4K MEM_COMMIT PAGE_READONLY");
		TL_JSON a = run_ok(s, "!address");
		int n = tl_len(a, "result.regions");
		uint64_t at = 0;
		bool seen_private = false;
		for (int i = 0; i < n; i++) {
			char path[64];
			snprintf(path, sizeof path, "result.regions.%d.base", i);
			assert_int_equal(tl_hex(a, path), at);
			snprintf(path, sizeof path, "result.regions.%d.end", i);
			at = tl_hex(a, path);
			snprintf(path, sizeof path, "result.regions.%d.usage", i);
			seen_private |= !strcmp(tl_str(a, path), "private_data");
		}
		assert_int_equal(at, arches[k] == MM_ARCH_X64 ? 0x800000000000ull - 0x10000 : 0x7FFF0000);
		assert_true(seen_private);
		/* one region, from its first page */
		TL_JSON one = run_ok(s, "!address $p+0x1234");
		assert_int_equal(tl_len(one, "result.regions"), 1);
		assert_int_equal(tl_hex(one, "result.regions.0.base"), p);
		assert_int_equal(tl_num(one, "result.regions.0.size"), 0x4000);
		assert_string_equal(tl_str(one, "result.regions.0.state"), "MEM_RESERVE");
		assert_true(tl_bool(one, "result.regions.0.allocation_start"));
	}
}

/* ---- process create without --bare, and exit ---- */

static void full_layout(enum mm_arch a, uint64_t peb, uint64_t teb)
{
	TL_SESSION s = tl_session(a);
	/* the first full process creates the image sections (prototype PTEs in
	 * paged pool, control areas in non-paged pool): system memory that
	 * stays cached after the process, so the baseline is taken after one */
	run(s, "process create warm.exe");
	run(s, "process exit warm.exe");
	struct { uint64_t commit, avail; } before = {tl_commit(s), tl_available(s)};
	TL_JSON c = run_ok(s, "process create app.exe");
	assert_int_equal(tl_hex(c, "result.peb"), peb);
	assert_int_equal(tl_hex(c, "result.teb"), teb);
	assert_int_equal(tl_hex(c, "result.stack_base"), 0x110000);
	assert_int_equal(tl_hex(c, "result.stack_limit"), 0x10F000);
	assert_int_equal(tl_hex(c, "result.process_heap"), 0x110000 + 0);
	bool x64 = a == MM_ARCH_X64;
	/* the stack: 1 MB reserved at 0x10000, the top page committed, a guard below */
	assert_region(s, 0x10000, 0x10000, 0xFE000, "MEM_RESERVE", "0");
	assert_region(s, 0x10E000, 0x10E000, 0x1000, "MEM_COMMIT", "PAGE_READWRITE|PAGE_GUARD");
	assert_region(s, 0x10F000, 0x10F000, 0x1000, "MEM_COMMIT", "PAGE_READWRITE");
	/* the default heap: 1 MB reserved, 4 KB (8 KB on 64-bit) committed */
	assert_region(s, 0x110000, 0x110000, x64 ? 0x2000 : 0x1000, "MEM_COMMIT", "PAGE_READWRITE");
	/* PEB and TEB, committed read-write at page granularity */
	assert_region(s, peb, peb, 0x1000, "MEM_COMMIT", "PAGE_READWRITE");
	assert_region(s, teb, teb, x64 ? 0x2000 : 0x1000, "MEM_COMMIT", "PAGE_READWRITE");
	/* what the kernel and ntdll wrote there */
	int w = x64 ? 8 : 4;
	TL_JSON ph = run_ok(s, "read %#" PRIx64 " %d", peb + (x64 ? 0x30 : 0x18), w);
	assert_int_equal(tl_hex(ph, "result.value"), 0x110000); /* PEB.ProcessHeap */
	TL_JSON nh = run_ok(s, "read %#" PRIx64 " 4", peb + (x64 ? 0xE8 : 0x88));
	assert_int_equal(tl_hex(nh, "result.value"), 1); /* NumberOfHeaps */
	TL_JSON sb = run_ok(s, "read %#" PRIx64 " %d", teb + (x64 ? 8 : 4), w);
	assert_int_equal(tl_hex(sb, "result.value"), 0x110000); /* NtTib.StackBase */
	TL_JSON tp = run_ok(s, "read %#" PRIx64 " %d", teb + (x64 ? 0x60 : 0x30), w);
	assert_int_equal(tl_hex(tp, "result.value"), peb); /* TEB.ProcessEnvironmentBlock */
	TL_JSON ds = run_ok(s, "read %#" PRIx64 " %d", teb + (x64 ? 0x1478 : 0xE0C), w);
	assert_int_equal(tl_hex(ds, "result.value"), 0x10000); /* DeallocationStack */
	TL_JSON hs = run_ok(s, "read 0x110008 4");
	assert_int_equal(tl_hex(hs, "result.value"), x64 ? 0 : 0xEEFFEEFF); /* HEAP.Signature (x86 at +8) */
	TL_JSON v = run_ok(s, "!vad");
	assert_int_equal(tl_len(v, "result.vads"), x64 ? 8 : 7); /* + app.exe, ntdll.dll, kernel32.dll */
	TL_JSON ib = run_ok(s, "read %#" PRIx64 " %d", peb + (x64 ? 0x10 : 0x8), w);
	assert_int_equal(tl_hex(ib, "result.value"), x64 ? 0x140000000ull : 0x400000); /* PEB.ImageBaseAddress */
	TL_JSON lm = run_ok(s, "lm");
	char *txt = cJSON_PrintUnformatted(lm);
	bool has_kernel32 = strstr(txt, "kernel32.dll") != NULL;
	cJSON_free(txt);
	assert_true(has_kernel32);
	/* exit returns every page, page table and commit */
	run(s, "write 0x10F000 1");
	run(s, "process exit app.exe");
	assert_int_equal(tl_commit(s), before.commit);
	assert_int_equal(tl_available(s), before.avail);
}

static void test_full_layout_x86(void **state) { full_layout(MM_ARCH_X86, 0x7FFDF000, 0x7FFDE000); }
static void test_full_layout_pae(void **state) { full_layout(MM_ARCH_PAE, 0x7FFDF000, 0x7FFDE000); }
static void test_full_layout_x64(void **state) { full_layout(MM_ARCH_X64, 0x7FFFFFFDF000ull, 0x7FFFFFFDD000ull); }

/* A failed full creation (the commit limit) changes nothing. */
static void test_full_create_fails_cleanly(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X86);
	run(s, "process create hog --bare");
	uint64_t room = 0;
	{
		TL_JSON vm = run_ok(s, "!vm");
		room = (uint64_t)tl_num(vm, "result.commit_limit") - (uint64_t)tl_num(vm, "result.commit_charge");
	}
	run(s, "VirtualAlloc 0 %llu MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", (unsigned long long)(room - 8) * 4096);
	tl_fails(s, "ERROR_COMMITMENT_LIMIT", "STATUS_COMMITMENT_LIMIT", -1, "process create app.exe");
}

/* ---- the address space as VMMap shows it (query_vas.c) ---- */

#define MAXR 256

static int regions(struct session *s, struct mm_region *r)
{
	struct mm_info mi;
	int total = 0;
	mm_info(session_mm(s), &mi);
	int n = mm_regions(session_mm(s), mi.current_pid, r, MAXR, &total);
	assert_int_equal(n, total);
	return n;
}

static int region_at(const struct mm_region *r, int n, uint64_t va)
{
	for (int i = 0; i < n; i++)
		if (va >= r[i].base && va - r[i].base < r[i].size)
			return i;
	return -1;
}

/* Q1, and VirtualQuery = !address = the pane's rows, over the whole user
 * address space. */
static void check_agreement(struct session *s)
{
	struct mm_region r[MAXR];
	struct mm_info mi;
	mm_info(session_mm(s), &mi);
	int n = regions(s, r);
	uint64_t at = 0;
	for (int i = 0; i < n; i++) { /* Q1: a tiling */
		assert_int_equal(r[i].base, at);
		assert_true(r[i].size > 0);
		at += r[i].size;
	}
	assert_int_equal(at, mi.highest_user + 1);
	TL_JSON all = run_ok(s, "!address");
	int k = 0;
	for (uint64_t va = 0; va <= mi.highest_user; k++) {
		TL_JSON q = query(s, va);
		uint64_t base = tl_hex(q, "result.BaseAddress"), size = (uint64_t)tl_num(q, "result.RegionSize");
		const cJSON *a = tl_need(all, "result.regions");
		const cJSON *ak = cJSON_GetArrayItem(a, k);
		assert_non_null(ak);
		assert_int_equal(tl_hex(ak, "base"), base); /* !address walks the same regions */
		assert_int_equal((uint64_t)tl_num(ak, "size"), size);
		assert_string_equal(tl_str(ak, "state"), tl_str(q, "result.State"));
		assert_int_equal(base, va);
		int i = region_at(r, n, va);
		assert_true(i >= 0);
		bool free_vq = !strcmp(tl_str(q, "result.State"), "MEM_FREE");
		bool free_row = r[i].vtype == MM_VT_FREE || r[i].vtype == MM_VT_UNUSABLE;
		assert_int_equal(free_vq, free_row);
		if (!free_vq) { /* inside one row: its allocation */
			assert_int_equal(tl_hex(q, "result.AllocationBase"), r[i].alloc_base);
			assert_true(va + size <= r[i].base + r[i].size);
			if (!strcmp(tl_str(q, "result.State"), "MEM_COMMIT"))
				assert_true(r[i].committed > 0);
		}
		va = base + size;
	}
	assert_int_equal(tl_len(all, "result.regions"), k);
}

static void test_vas_agrees_with_virtualquery(void **state)
{
	static const enum mm_arch arch[] = {MM_ARCH_X86, MM_ARCH_PAE, MM_ARCH_X64};
	for (size_t i = 0; i < MM_ARRAY_LEN(arch); i++) {
		TL_SESSION s = tl_bare(arch[i]);
		check_agreement(s);
		run(s, "$p = VirtualAlloc 0 20K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		run(s, "$q = VirtualAlloc 0 1M MEM_RESERVE PAGE_READWRITE");
		run(s, "VirtualAlloc $q+0x3000 8K MEM_COMMIT PAGE_READONLY");
		run(s, "touch $p 12K w");
		check_agreement(s);
		run(s, "process create app.exe"); /* images, PEB, TEB, stack, heap */
		check_agreement(s);
	}
}

static void test_vas_shared_user_data(void **state)
{
	static const enum mm_arch arch[] = {MM_ARCH_X86, MM_ARCH_PAE, MM_ARCH_X64};
	for (size_t a = 0; a < MM_ARRAY_LEN(arch); a++) {
		TL_SESSION s = tl_bare(arch[a]);
		struct mm_region r[MAXR];
		int n = regions(s, r), i = region_at(r, n, 0x7FFE0000);
		assert_true(i >= 0);
		assert_int_equal(r[i].base, 0x7FFE0000); /* its own region, at its real address */
		assert_int_equal(r[i].detail, MM_DET_SHARED_DATA);
		assert_int_equal(r[i].committed, 1);
		assert_int_equal(r[i].protect, 0x02); /* PAGE_READONLY */
		assert_int_equal(r[i].resident, 0);
		assert_int_equal(r[i - 1].base + r[i - 1].size, 0x7FFE0000); /* the row below ends at it */
		/* VirtualQuery: the page its own region, the free range below ends at it */
		assert_region(s, 0x7FFE0000, 0x7FFE0000, 0x1000, "MEM_COMMIT", "PAGE_READONLY");
		TL_JSON below = query(s, 0x7FFD0000);
		assert_int_equal(tl_hex(below, "result.BaseAddress") + (uint64_t)tl_num(below, "result.RegionSize"),
				 0x7FFE0000);
		TL_JSON rest = query(s, 0x7FFE1000);
		assert_int_equal(tl_hex(rest, "result.AllocationBase"), 0x7FFE0000);
		assert_string_equal(tl_str(rest, "result.State"), "MEM_RESERVE");
		/* a read lands on it: resident, shareable and shared */
		run(s, "read 0x7FFE0000");
		n = regions(s, r);
		i = region_at(r, n, 0x7FFE0000);
		assert_int_equal(r[i].resident, 1);
		assert_int_equal(r[i].ws_shareable, 1);
		assert_int_equal(r[i].ws_shared, 1);
		assert_int_equal(r[i].ws_private, 0);
		uint64_t c[MM_PC_COUNT];
		struct mm_info mi;
		mm_info(session_mm(s), &mi);
		assert_int_equal(mm_page_classes(session_mm(s), mi.current_pid, 0x7FFE0000, 16, c), 0);
		assert_int_equal(c[MM_PC_RESIDENT], 1);
		assert_int_equal(c[MM_PC_RESERVED], 15);
	}
}

static void test_vas_unusable_tail(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	uint64_t p = run_val(s, "VirtualAlloc 0 16K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	struct mm_region r[MAXR];
	int n = regions(s, r), i = region_at(r, n, p);
	assert_int_equal(r[i].size, 0x4000);
	assert_int_equal(r[i].vtype, MM_VT_PRIVATE);
	assert_int_equal(r[i].committed, 4);
	assert_int_equal(r[i].private_pages, 4);
	/* Q4: the 48 KB up to the next 64 KB boundary, then Free */
	assert_int_equal(r[i + 1].vtype, MM_VT_UNUSABLE);
	assert_int_equal(r[i + 1].base, p + 0x4000);
	assert_int_equal(r[i + 1].size, 0xC000);
	assert_int_equal(r[i + 2].vtype, MM_VT_FREE);
	assert_int_equal(r[i + 2].base, p + 0x10000);
	/* a reservation that is a multiple of 64 KB leaves none */
	uint64_t q = run_val(s, "VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	n = regions(s, r);
	i = region_at(r, n, q);
	assert_int_equal(r[i].state, MM_REGION_RESERVED);
	assert_int_equal(r[i].committed, 0);
	assert_int_equal(r[i + 1].vtype, MM_VT_FREE);
}

/* Per-region working-set counts and Details in a full process. */
/* VMMap's Total row (mm_vmmap_totals, `!process` private_ws ...): the sums
 * of the rows plus the page tables, and the working set is its private
 * plus its shareable part, as Task Manager's two columns split it. */
static void vmmap_totals_agree(struct session *s, const struct mm_region *r, int n)
{
	struct mm_info mi;
	struct mm_vmmap_totals t;
	uint64_t priv = 0, wsp = 0, wss = 0, wsh = 0;
	mm_info(session_mm(s), &mi);
	for (int i = 0; i < n; i++) {
		priv += r[i].private_pages;
		wsp += r[i].ws_private;
		wss += r[i].ws_shareable;
		wsh += r[i].ws_shared;
	}
	assert_int_equal(mm_vmmap_totals(session_mm(s), mi.current_pid, &t), 0);
	TL_JSON o = run_ok(s, "!process");
	uint64_t tables = (uint64_t)tl_num(o, "result.processes.0.page_tables");
	assert_int_equal(t.private_pages, priv + tables);
	assert_int_equal(t.ws_private, wsp + tables);
	assert_int_equal(t.ws_shareable, wss);
	assert_int_equal(t.ws_shared, wsh);
	assert_true(wss > 0 && wsh > 0 && wsp > 0);
	assert_int_equal((uint64_t)tl_num(o, "result.processes.0.working_set"), t.ws_private + t.ws_shareable);
	assert_int_equal((uint64_t)tl_num(o, "result.processes.0.private_ws"), t.ws_private);
	assert_int_equal((uint64_t)tl_num(o, "result.processes.0.shared_ws"), t.ws_shared);
	assert_int_equal(mm_vmmap_totals(session_mm(s), 12345, &t), -1);
}

static void test_vas_working_set_counts(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app.exe");
	struct mm_region r[MAXR];
	int n = regions(s, r), ntdll = -1, peb = 0, teb = 0, heap = -1, stack = -1;
	for (int i = 0; i < n; i++) {
		if (r[i].detail == MM_DET_MODULE && !strcmp(r[i].detail_name, "ntdll.dll"))
			ntdll = i;
		peb += r[i].detail == MM_DET_PEB;
		teb += r[i].detail == MM_DET_TEB;
		if (r[i].detail == MM_DET_HEAP)
			heap = i;
		if (r[i].detail == MM_DET_STACK)
			stack = i;
	}
	assert_true(ntdll >= 0 && heap >= 0 && stack >= 0);
	assert_int_equal(peb, 1);
	assert_int_equal(teb, 1);
	assert_int_equal(r[heap].vtype, MM_VT_HEAP);
	assert_int_equal(r[heap].detail_id, 0); /* the process heap */
	assert_int_equal(r[stack].vtype, MM_VT_STACK);
	assert_true(r[stack].detail_id != 0); /* the thread id */
	/* an image is committed from its mapping before any touch */
	const struct mm_region *im = &r[ntdll];
	assert_int_equal(im->vtype, MM_VT_IMAGE);
	assert_int_equal(im->state, MM_REGION_COMMITTED);
	assert_int_equal(im->committed, im->size / 4096);
	assert_int_equal(im->protect, 0x80); /* PAGE_EXECUTE_WRITECOPY */
	uint64_t base = im->base;
	/* its sections, as VMMap expands them */
	struct mm_image_section sec[16];
	struct mm_info mi;
	mm_info(session_mm(s), &mi);
	int ns = mm_image_sections(session_mm(s), mi.current_pid, base, sec, 16);
	assert_true(ns >= 3);
	assert_string_equal(sec[0].name, "headers");
	assert_int_equal(sec[0].protect, 0x02);
	assert_string_equal(sec[1].name, ".text");
	assert_int_equal(sec[1].protect, 0x20); /* PAGE_EXECUTE_READ */
	uint64_t sum = 0, data = 0;
	for (int k = 0; k < ns; k++) {
		sum += sec[k].size;
		if (sec[k].protect == 0x08) /* PAGE_WRITECOPY */
			data = sec[k].base;
	}
	assert_int_equal(sum, im->size);
	assert_true(data != 0);
	assert_int_equal(mm_image_sections(session_mm(s), mi.current_pid, 0x10000, sec, 16), -1);
	/* reading code: shareable; a second process reading it: shared */
	run(s, "read %#" PRIx64, sec[1].base);
	n = regions(s, r);
	int i = region_at(r, n, base);
	assert_int_equal(r[i].ws_shareable, 1);
	assert_int_equal(r[i].ws_shared, 0);
	assert_int_equal(r[i].ws_private, 0);
	assert_int_equal(r[i].private_pages, 0);
	run(s, "process create two.exe");
	run(s, "read %#" PRIx64, sec[1].base);
	run(s, "process use app.exe");
	n = regions(s, r);
	i = region_at(r, n, base);
	assert_int_equal(r[i].ws_shared, 1);
	/* writing data: a private copy (copy-on-write) */
	run(s, "write %#" PRIx64 " 7", data);
	n = regions(s, r);
	i = region_at(r, n, base);
	assert_int_equal(r[i].ws_private, 1);
	assert_int_equal(r[i].private_pages, 1);
	assert_int_equal(r[i].resident, r[i].ws_private + r[i].ws_shareable); /* Q2 */
	assert_true(r[i].ws_shared <= r[i].ws_shareable);
	vmmap_totals_agree(s, r, regions(s, r));
}

/* The paging lesson's case (issue 11): 4 touched pages of a 5 MB region
 * are 4 pages in the working set, not "all in RAM"; after a trim the
 * pages on the modified list are in RAM outside it; a huge reservation
 * is counted without visiting its pages. */
static void test_vas_page_classes(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	struct mm_info mi;
	mm_info(session_mm(s), &mi);
	uint64_t p = run_val(s, "VirtualAlloc 0 5M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch %#" PRIx64 " 16K w", p);
	uint64_t c[MM_PC_COUNT], pages = 5 * 256;
	assert_int_equal(mm_page_classes(session_mm(s), mi.current_pid, p, pages, c), 0);
	assert_int_equal(c[MM_PC_RESIDENT], 4);
	assert_int_equal(c[MM_PC_DEMAND_ZERO], pages - 4);
	uint64_t sum = 0;
	for (int k = 0; k < MM_PC_COUNT; k++)
		sum += c[k];
	assert_int_equal(sum, pages); /* Q3 */
	struct mm_region r[MAXR];
	int n = regions(s, r), i = region_at(r, n, p);
	assert_int_equal(r[i].resident, 4);
	assert_int_equal(r[i].ws_private, 4);
	assert_int_equal(r[i].committed, pages);
	run(s, "EmptyWorkingSet");
	assert_int_equal(mm_page_classes(session_mm(s), mi.current_pid, p, pages, c), 0);
	assert_int_equal(c[MM_PC_RESIDENT], 0);
	assert_int_equal(c[MM_PC_TRANSITION], 4); /* on the modified list, still in RAM */
	/* a guard page, a reserved range, free space around */
	uint64_t q = run_val(s, "VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc %#" PRIx64 " 4K MEM_COMMIT PAGE_READWRITE|PAGE_GUARD", q);
	assert_int_equal(mm_page_classes(session_mm(s), mi.current_pid, q, 32, c), 0);
	assert_int_equal(c[MM_PC_GUARD], 1);
	assert_int_equal(c[MM_PC_RESERVED], 15);
	assert_int_equal(c[MM_PC_FREE], 16);
	/* 64 TB reserved and never touched: every page reserved, one per class query */
	uint64_t big = run_val(s, "VirtualAlloc 0 0x400000000000 MEM_RESERVE PAGE_READWRITE");
	assert_int_equal(mm_page_classes(session_mm(s), mi.current_pid, big, 0x400000000000ull / 4096, c), 0);
	assert_int_equal(c[MM_PC_RESERVED], 0x400000000000ull / 4096);
	n = regions(s, r);
	i = region_at(r, n, big);
	assert_int_equal(r[i].state, MM_REGION_RESERVED);
	assert_int_equal(r[i].size, 0x400000000000ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_argument_order),
		cmocka_unit_test(test_top_down),
		cmocka_unit_test(test_shared_user_data_reserved_x64),
		cmocka_unit_test(test_mem_reset_rules),
		cmocka_unit_test(test_free_argument_order),
		cmocka_unit_test(test_protect_errors),
		cmocka_unit_test(test_protect_returns_old),
		cmocka_unit_test(test_protect_resident),
		cmocka_unit_test(test_no_nx_on_x86),
		cmocka_unit_test(test_protect_noaccess_and_guard),
		cmocka_unit_test(test_nocache),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_lock),
		cmocka_unit_test(test_lock_errors),
		cmocka_unit_test(test_lock_dropped),
		cmocka_unit_test(test_bang_vad),
		cmocka_unit_test(test_bang_address),
		cmocka_unit_test(test_full_layout_x86),
		cmocka_unit_test(test_full_layout_pae),
		cmocka_unit_test(test_full_layout_x64),
		cmocka_unit_test(test_full_create_fails_cleanly),
		cmocka_unit_test(test_vas_agrees_with_virtualquery),
		cmocka_unit_test(test_vas_shared_user_data),
		cmocka_unit_test(test_vas_unusable_tail),
		cmocka_unit_test(test_vas_working_set_counts),
		cmocka_unit_test(test_vas_page_classes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
