/*
 * 11_largepage.c — user large pages (core/mm/largepage.c,
 * docs/reference.md R-LARGE-PAGES; Microsoft's "Large-Page Support"): the
 * WRK's NtAllocateVirtualMemory checks for MEM_LARGE_PAGES (allocvm.c:
 * MEM_COMMIT required, SeLockMemoryPrivilege, a size that is a multiple of
 * GetLargePageMinimum), MiAllocateLargePages (a physically contiguous,
 * aligned run of frames, STATUS_INSUFFICIENT_RESOURCES when none), the
 * large PDE that `!pte` stops at, one TLB entry for the whole page, no
 * working-set entries (never trimmed), NtProtectVirtualMemory's refusal
 * (protect.c) and MiFreeLargePages at release.
 */
#include "testlib.h"

static void test_minimum(void **state)
{
	(void)state;
	TL_SESSION x86 = tl_session(MM_ARCH_X86);
	TL_SESSION pae = tl_session(MM_ARCH_PAE);
	TL_SESSION x64 = tl_session(MM_ARCH_X64);
	assert_int_equal(run_val(x86, "$l = GetLargePageMinimum"), 4u << 20);
	assert_int_equal(run_val(pae, "$l = GetLargePageMinimum"), 2u << 20);
	assert_int_equal(run_val(x64, "$l = GetLargePageMinimum"), 2u << 20);
}

static void test_rules(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create plain.exe --bare");
	/* the type rules come first, then the privilege, then the size */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3,
		 "VirtualAlloc 0 2M MEM_RESERVE|MEM_LARGE_PAGES PAGE_READWRITE");
	tl_fails(s, "ERROR_PRIVILEGE_NOT_HELD", "STATUS_PRIVILEGE_NOT_HELD", 3,
		 "VirtualAlloc 0 2M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE");
	run(s, "process create locked.exe --bare --lock-memory");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_4", 2,
		 "VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_5", 3,
		 "VirtualAlloc 0x200000 2M MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE");
	TL_JSON pr = run_ok(s, "!process");
	assert_true(tl_bool(pr, "result.processes.0.lock_memory"));
}

/* One large page: the PDE maps 512 frames, the first aligned; !pte stops
 * at the PDE; one TLB entry serves the whole 2 MB; no working-set entry;
 * EmptyWorkingSet leaves it; protection cannot change; release frees all. */
static void test_map_and_release(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create big.exe --bare --lock-memory");
	uint64_t avail = tl_available(s);
	TL_JSON a = run_ok(s, "$p = VirtualAlloc 0 2M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE");
	uint64_t p = tl_hex(a, "result.value");
	assert_int_equal(p % (2u << 20), 0);
	assert_int_equal(tl_charged(a), 512 + 2); /* the pages, and the PDPT and PD made for them */
	assert_int_equal(avail - tl_available(s), 512 + 2);
	TL_JSON pte = run_ok(s, "!pte $p+0x1234");
	assert_string_equal(tl_str(pte, "result.pte.level"), "pde");
	assert_true(tl_bool(pte, "result.pte.large_page"));
	assert_true(tl_bool(pte, "result.pte.dirty"));
	uint64_t first = tl_hex(pte, "result.pte.pfn");
	assert_int_equal(first % 512, 0);
	TL_JSON w1 = run_ok(s, "write $p 0x11");
	assert_int_equal(cJSON_GetArraySize(tl_need(w1, "result.faults")), 0); /* never a fault */
	TL_JSON r2 = run_ok(s, "read $p+0x1ff000");
	assert_string_equal(tl_str(r2, "result.tlb"), "hit"); /* one TLB entry for the whole page */
	assert_int_equal(tl_hex(r2, "result.pa"), (first + 511) * 4096);
	TL_JSON ws = run_ok(s, "!wsle");
	const cJSON *e;
	cJSON_ArrayForEach(e, tl_need(ws, "result.entries"))
		assert_false(tl_hex(e, "va") >= p && tl_hex(e, "va") < p + (2u << 20));
	run(s, "EmptyWorkingSet");
	TL_JSON r3 = run_ok(s, "read $p");
	assert_int_equal(cJSON_GetArraySize(tl_need(r3, "result.faults")), 0);
	assert_int_equal(tl_hex(r3, "result.value"), 0x11);
	TL_JSON q = run_ok(s, "VirtualQuery $p+0x100000");
	assert_string_equal(tl_str(q, "result.State"), "MEM_COMMIT");
	assert_int_equal(tl_num(q, "result.RegionSize"), 0x100000);
	TL_JSON same = run_ok(s, "VirtualProtect $p 4K PAGE_READWRITE");
	assert_string_equal(tl_str(same, "result.old_protect"), "PAGE_READWRITE");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", -1, "VirtualProtect $p 4K PAGE_READONLY");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", -1, "VirtualFree $p 4K MEM_DECOMMIT");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_CONFLICTING_ADDRESSES", -1,
		 "VirtualAlloc $p 4K MEM_COMMIT PAGE_READWRITE"); /* allocvm.c: no commit into a large-page VAD */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INCOMPATIBLE_FILE_MAP", -1, "VirtualLock $p 4K"); /* lockvm.c */
	run(s, "VirtualFree $p 0 MEM_RELEASE");
	assert_int_equal(tl_available(s), avail);
	TL_JSON f = run_ok(s, "!pfn %#" PRIx64, first);
	assert_string_equal(tl_str(f, "result.state"), "free");
}

/* No aligned run of free frames left: ERROR_NO_SYSTEM_RESOURCES, and the
 * failed call changed nothing (run_fail checks the state hash). */
static void test_no_contiguous_memory(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_PAE);
	run(s, "process create big.exe --bare --lock-memory");
	run(s, "$p = VirtualAlloc 0 2M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE");
	tl_fails(s, "ERROR_NO_SYSTEM_RESOURCES", "STATUS_INSUFFICIENT_RESOURCES", -1,
		 "VirtualAlloc 0 2M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE");
	run(s, "process exit big.exe"); /* exit returns the large page too */
	run(s, "process create again.exe --bare --lock-memory");
	run(s, "VirtualAlloc 0 2M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE");
}

/* x86 without PAE: 4 MB pages, the PDE at the top level. */
static void test_x86_4mb(void **state)
{
	(void)state;
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X86);
	cfg.ram = 16u << 20;
	TL_SESSION s = tl_session_cfg(&cfg);
	run(s, "process create big.exe --bare --lock-memory");
	uint64_t p = run_val(s, "$p = VirtualAlloc 0 4M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE");
	assert_int_equal(p % (4u << 20), 0);
	TL_JSON pte = run_ok(s, "!pte $p+0x3ff000");
	assert_string_equal(tl_str(pte, "result.pte.level"), "pde");
	assert_true(tl_bool(pte, "result.pte.large_page"));
	assert_int_equal(tl_hex(pte, "result.pte.pfn") % 1024, 0);
	run(s, "write $p+0x3ff000 7");
}

/* The kernel image (core/mm/kernel.c, docs/reference.md R-KERNEL-IMAGE):
 * one large PDE only above MM_LARGE_PAGE_MINIMUM (255 MB); at or below it,
 * and on a /3GB system at 0xE0000000, the loader's global 4 KB PTEs, the
 * headers read-only; "MZ" at the base either way. */
static void kernel_image_case(enum mm_arch a, uint64_t ram_mb, bool three_gb, const char *base, bool large)
{
	struct mm_config cfg;
	tl_config(&cfg, a);
	cfg.ram = ram_mb << 20;
	cfg.pagefile[0] = 64u << 20;
	cfg.three_gb = three_gb;
	TL_SESSION s = tl_session_cfg(&cfg);
	TL_JSON pte = run_ok(s, "!pte %s", base);
	assert_string_equal(tl_str(pte, "result.pte.level"), large ? "pde" : "pte");
	assert_int_equal(tl_bool(pte, "result.pte.large_page"), large);
	assert_true(tl_bool(pte, "result.pte.global"));
	assert_string_equal(tl_str(pte, "result.pte.owner"), "kernel");
	assert_int_equal(tl_bool(pte, "result.pte.write"), large); /* the headers are read-only on 4 KB pages */
	TL_JSON rd = run_ok(s, "kread %s 2", base);
	assert_string_equal(tl_str(rd, "result.value"), "0x5a4d");
	TL_JSON wr = run_ok(s, "kwrite %s 0 1", base);
	assert_true(large ? tl_is_null(wr, "result.exception") : !tl_is_null(wr, "result.exception"));
	tl_check(s, "kernel image");
}

static void test_kernel_image(void **state)
{
	(void)state;
	kernel_image_case(MM_ARCH_X64, 255, false, "0xFFFFF80000000000", false);
	kernel_image_case(MM_ARCH_X64, 256, false, "0xFFFFF80000000000", true);
	kernel_image_case(MM_ARCH_X64, 16, false, "0xFFFFF80000000000", false);
	kernel_image_case(MM_ARCH_PAE, 64, false, "0x80000000", false);
	kernel_image_case(MM_ARCH_PAE, 512, false, "0x80000000", true);
	kernel_image_case(MM_ARCH_X86, 32, false, "0x80000000", false);
	kernel_image_case(MM_ARCH_X86, 256, false, "0x80000000", true);
	kernel_image_case(MM_ARCH_X86, 512, true, "0xE0000000", false); /* /3GB: no large pages at all */
	kernel_image_case(MM_ARCH_PAE, 64, true, "0xE0000000", false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimum),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_map_and_release),
		cmocka_unit_test(test_no_contiguous_memory),
		cmocka_unit_test(test_x86_4mb),
		cmocka_unit_test(test_kernel_image),
	};
	return cmocka_run_group_tests_name("11_largepage", tests, NULL, NULL);
}
