/*
 * 10_fault.c — the access path and the fault handler (core/mm/fault.h,
 * docs/reference.md R-FAULT): demand-zero on first touch; committed memory is not
 * resident; access violations on free, reserved and PAGE_NOACCESS memory,
 * on writes to PAGE_READONLY and on execution of PAGE_READWRITE where NX
 * exists (x64, PAE) but not on x86 without PAE; page tables made only for
 * committed memory; KUSER_SHARED_DATA at 0x7FFE0000 readable and not
 * writable; the first write to a clean page sets Dirty (MiSetDirtyBit);
 * guard pages are one-shot; running out of RAM is a simulated exception.
 *
 * Most tests run for each paging mode.
 */
#include "testlib.h"

static void assert_av(const cJSON *r)
{
	assert_string_equal(tl_exception(r), "STATUS_ACCESS_VIOLATION");
	assert_true(tl_is_null(r, "result.pa"));
	char f[128];
	tl_faults(r, f, sizeof f);
	assert_non_null(strstr(f, "access_violation"));
}

static void assert_ok(const cJSON *r)
{
	if (*tl_exception(r)) {
		char f[128];
		fail_msg("unexpected %s (%s), faults %s", tl_exception(r), tl_str(r, "result.reason"), tl_faults(r, f, sizeof f));
	}
	tl_hex(r, "result.pa");
}

/* ---- first touch ---- */

static void demand_zero_first_touch(enum mm_arch a)
{
	TL_SESSION s = tl_bare(a);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	uint64_t avail = tl_available(s);
	TL_JSON r = run_ok(s, "read $p+0x1000 4");
	assert_ok(r);
	char f[128];
	assert_string_equal(tl_faults(r, f, sizeof f), "page_table,demand_zero");
	assert_int_equal(tl_hex(r, "result.value"), 0);
	assert_string_equal(tl_str(r, "result.access"), "read");
	assert_string_equal(tl_str(r, "result.tlb"), "miss");
	uint64_t pfn = tl_hex(r, "result.pa") >> 12;
	assert_int_equal(tl_hex(r, "result.faults.1.pfn"), pfn);
	/* the frame came off the zeroed list */
	bool from_zeroed = false;
	const cJSON *e;
	cJSON_ArrayForEach(e, tl_need(r, "events"))
		if (!strcmp(tl_str(e, "kind"), "pfn_state") && tl_hex(e, "pfn") == pfn)
			from_zeroed = !strcmp(tl_str(e, "from"), "zeroed") && !strcmp(tl_str(e, "to"), "active");
	assert_true(from_zeroed);
	assert_int_equal(tl_count_events(r, "retry"), 1); /* page table and page in one pass */
	/* its PFN entry and its PTE */
	TL_JSON p = run_ok(s, "!pfn %#llx", (unsigned long long)pfn);
	assert_string_equal(tl_str(p, "result.state"), "active");
	assert_string_equal(tl_str(p, "result.use"), "private");
	assert_int_equal(tl_num(p, "result.share_count"), 1);
	assert_int_equal(tl_num(p, "result.reference_count"), 1);
	assert_true(tl_bool(p, "result.modified")); /* no backing copy yet */
	TL_JSON pt = run_ok(s, "!pte $p+0x1000");
	int n = tl_len(pt, "result.levels");
	char path[48];
	snprintf(path, sizeof path, "result.levels.%d.entry_address", n - 1);
	assert_int_equal(tl_hex(p, "result.pte_address"), tl_hex(pt, path));
	assert_string_equal(tl_str(pt, "result.pte.format"), "hardware");
	assert_true(tl_bool(pt, "result.pte.valid"));
	assert_int_equal(tl_hex(pt, "result.pte.pfn"), pfn);
	assert_true(tl_bool(pt, "result.pte.dirty"));    /* demand-zero pages are born dirty */
	assert_true(tl_bool(pt, "result.pte.accessed"));
	assert_true(tl_bool(pt, "result.pte.write"));
	assert_string_equal(tl_str(pt, "result.pte.owner"), "user");
	/* one page and its page table(s) left the available pages */
	TL_JSON vm = run_ok(s, "!vm");
	uint64_t tables = (uint64_t)(a == MM_ARCH_X64 ? 3 : 1);
	assert_int_equal((uint64_t)tl_num(vm, "result.available_pages"), avail - 1 - tables);
	/* the second touch: no fault, a TLB hit */
	TL_JSON r2 = run_ok(s, "read $p+0x1000");
	assert_int_equal(tl_len(r2, "result.faults"), 0);
	assert_string_equal(tl_str(r2, "result.tlb"), "hit");
	/* a neighbour in the same table: only demand zero */
	TL_JSON r3 = run_ok(s, "write $p+0x2000 0x77");
	assert_string_equal(tl_faults(r3, f, sizeof f), "demand_zero");
	TL_JSON r4 = run_ok(s, "read $p+0x2000");
	assert_int_equal(tl_hex(r4, "result.value"), 0x77);
}

static void test_demand_zero_x86(void **state) { demand_zero_first_touch(MM_ARCH_X86); }
static void test_demand_zero_x64(void **state) { demand_zero_first_touch(MM_ARCH_X64); }

/* Regression: PAE user-mode accesses all raised an access violation
 * because fault.c rights_of() took the U/S and R/W bits of the PAE PDPTE
 * (which has none) as restrictions; fixed in 66ceb64. */
static void test_demand_zero_pae(void **state) { demand_zero_first_touch(MM_ARCH_PAE); }

/* Committing takes commit charge and nothing else. */
static void committed_not_resident(enum mm_arch a)
{
	TL_SESSION s = tl_bare(a);
	TL_JSON vm0 = run_ok(s, "!vm");
	TL_JSON al = run_ok(s, "$p = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	assert_int_equal(tl_count_events(al, "pfn_state"), 0);
	assert_int_equal(tl_count_events(al, "pte_write"), 0); /* PTEs stay zero: the VAD says committed */
	TL_JSON vm1 = run_ok(s, "!vm");
	assert_int_equal(tl_num(vm1, "result.available_pages"), tl_num(vm0, "result.available_pages"));
	assert_int_equal(tl_num(vm1, "result.lists.active"), tl_num(vm0, "result.lists.active"));
	assert_int_equal(tl_num(vm1, "result.commit_charge"), tl_num(vm0, "result.commit_charge") + 256);
	TL_JSON pt = run_ok(s, "!pte $p+0x5000");
	assert_false(tl_bool(pt, "result.pte.valid"));
	/* committing into a reservation writes demand-zero PTEs, still no page */
	run(s, "$q = VirtualAlloc 0 1M MEM_RESERVE PAGE_READWRITE");
	TL_JSON c = run_ok(s, "VirtualAlloc $q 8K MEM_COMMIT PAGE_READONLY");
	assert_int_equal(tl_count_events(c, "pte_write") >= 2, true);
	TL_JSON pq = run_ok(s, "!pte $q+0x1000");
	assert_string_equal(tl_str(pq, "result.pte.format"), "demand_zero");
	assert_string_equal(tl_str(pq, "result.pte.protection"), "PAGE_READONLY");
	TL_JSON vm2 = run_ok(s, "!vm");
	assert_int_equal(tl_num(vm2, "result.lists.active"), tl_num(vm1, "result.lists.active") + (a == MM_ARCH_X64 ? 3 : 1));
	/* its first touch needs no page table any more */
	TL_JSON r = run_ok(s, "read $q+0x1000");
	if (a != MM_ARCH_PAE) {
		char f[64];
		assert_string_equal(tl_faults(r, f, sizeof f), "demand_zero");
	}
}

static void test_committed_not_resident(void **state)
{
	committed_not_resident(MM_ARCH_X86);
	committed_not_resident(MM_ARCH_PAE);
	committed_not_resident(MM_ARCH_X64);
}

/* ---- access violations ---- */

/* Free and reserved memory: an AV, and no page table is made for it. */
static void av_free_and_reserved(enum mm_arch a)
{
	TL_SESSION s = tl_bare(a);
	uint64_t avail = tl_available(s), commit = tl_commit(s);
	TL_JSON r = run_ok(s, "read 0x50000000");
	assert_av(r);
	char f[64];
	assert_string_equal(tl_faults(r, f, sizeof f), "access_violation");
	assert_int_equal(tl_count_events(r, "page_table"), 0);
	assert_string_equal(tl_str(r, "result.reason"), "no VAD: the address is free");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	TL_JSON w = run_ok(s, "write $p+0x3000 1");
	assert_av(w);
	assert_string_equal(tl_faults(w, f, sizeof f), "access_violation");
	assert_string_equal(tl_str(w, "result.reason"), "reserved, not committed");
	TL_JSON x = run_ok(s, "exec $p");
	assert_av(x);
	assert_int_equal(tl_available(s), avail);
	assert_int_equal(tl_commit(s), commit);
	/* page 0 and the first 64 KB are never mapped */
	TL_JSON z = run_ok(s, "read 0");
	assert_av(z);
}

static void test_av_free_and_reserved(void **state)
{
	av_free_and_reserved(MM_ARCH_X86);
	av_free_and_reserved(MM_ARCH_PAE);
	av_free_and_reserved(MM_ARCH_X64);
}

static void protections(enum mm_arch a)
{
	TL_SESSION s = tl_bare(a);
	bool nx = a != MM_ARCH_X86;
	run(s, "$na = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_NOACCESS");
	run(s, "$ro = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READONLY");
	run(s, "$rw = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "$x = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_EXECUTE");
	run(s, "$xr = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_EXECUTE_READ");
	run(s, "$xrw = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_EXECUTE_READWRITE");
	cJSON *r;
	/* PAGE_NOACCESS: nothing */
	assert_av(r = run_ok(s, "read $na")); cJSON_Delete(r);
	assert_av(r = run_ok(s, "write $na 1")); cJSON_Delete(r);
	assert_av(r = run_ok(s, "exec $na")); cJSON_Delete(r);
	/* PAGE_READONLY: read; no write; execute only without NX */
	assert_ok(r = run_ok(s, "read $ro")); cJSON_Delete(r);
	r = run_ok(s, "write $ro 1");
	assert_av(r);
	assert_string_equal(tl_str(r, "result.reason"), "page is not writable");
	cJSON_Delete(r);
	r = run_ok(s, "write $ro+0x1000 1"); /* before the first touch: refused on the invalid PTE */
	assert_av(r);
	assert_int_equal(tl_count_events(r, "pfn_state"), 0);
	cJSON_Delete(r);
	r = run_ok(s, "exec $ro");
	if (nx) assert_av(r); else assert_ok(r);
	cJSON_Delete(r);
	/* PAGE_READWRITE: read, write; execute only without NX — both on a
	 * resident page (valid PTE) and on one not yet touched (invalid PTE) */
	assert_ok(r = run_ok(s, "write $rw 1")); cJSON_Delete(r);
	r = run_ok(s, "exec $rw");
	if (nx) {
		assert_av(r);
		assert_string_equal(tl_str(r, "result.reason"), "no-execute page (DEP)");
	} else {
		assert_ok(r);
	}
	cJSON_Delete(r);
	r = run_ok(s, "exec $rw+0x5000");
	if (nx) {
		assert_av(r);
		assert_int_equal(tl_count_events(r, "pfn_state"), 0); /* refused before a page is taken */
	} else {
		assert_ok(r);
	}
	cJSON_Delete(r);
	/* PAGE_EXECUTE: execute, and read (x86/x64 cannot express execute-only) */
	assert_ok(r = run_ok(s, "exec $x")); cJSON_Delete(r);
	assert_ok(r = run_ok(s, "read $x")); cJSON_Delete(r);
	assert_av(r = run_ok(s, "write $x 1")); cJSON_Delete(r);
	assert_ok(r = run_ok(s, "exec $xr")); cJSON_Delete(r);
	assert_av(r = run_ok(s, "write $xr 1")); cJSON_Delete(r);
	assert_ok(r = run_ok(s, "exec $xrw")); cJSON_Delete(r);
	assert_ok(r = run_ok(s, "write $xrw 5")); cJSON_Delete(r);
	r = run_ok(s, "!pte $xrw");
	assert_false(tl_bool(r, "result.pte.nx"));
	cJSON_Delete(r);
	r = run_ok(s, "!pte $rw");
	assert_int_equal(tl_bool(r, "result.pte.nx"), nx);
	cJSON_Delete(r);
}

static void test_protections_x86(void **state) { protections(MM_ARCH_X86); }
static void test_protections_x64(void **state) { protections(MM_ARCH_X64); }
static void test_protections_pae(void **state) { protections(MM_ARCH_PAE); }

/* Kernel addresses from user mode; non-canonical addresses. */
static void test_kernel_from_user(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	TL_JSON r = run_ok(s, "read 0xFFFFF78000000000");
	assert_av(r);
	TL_JSON k = run_ok(s, "kread 0xFFFFF78000000000");
	assert_ok(k);
	TL_JSON w = run_ok(s, "kwrite 0xFFFFF78000000100 0x1234 2"); /* the kernel view is writable */
	assert_ok(w);
	TL_JSON unmapped = run_ok(s, "kread 0xFFFFF80000000000");
	assert_av(unmapped);
	TL_SESSION s86 = tl_bare(MM_ARCH_X86);
	TL_JSON r86 = run_ok(s86, "read 0x80001000");
	assert_av(r86);
	TL_JSON k86 = run_ok(s86, "kread 0xFFDF026C 4");
	assert_ok(k86);
	assert_int_equal(tl_hex(k86, "result.value"), 10);
}

/* A kernel-mode write to the kernel image's code (x86 with 128 MB: the
 * image on 4 KB PTEs, its first half EXECUTE_READ) is where Windows bug-
 * checks ATTEMPTED_WRITE_TO_READONLY_MEMORY; mmviz raises the access
 * violation and names the bug check (SIMP-BUGCHECK). The image's data half
 * is writable; a kernel-mode write to a read-only user page is a plain
 * access violation on Windows too. */
static void test_kernel_write_readonly(void **state)
{
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X86);
	cfg.ram = 128ull << 20;
	TL_SESSION s = tl_session_cfg(&cfg);
	run(s, "process create app --bare");
	TL_JSON code = run_ok(s, "kwrite 0x80000000 1");
	assert_av(code);
	assert_non_null(strstr(tl_str(code, "result.reason"), "ATTEMPTED_WRITE_TO_READONLY_MEMORY, 0xBE"));
	TL_JSON data = run_ok(s, "kwrite 0x80300000 1");
	assert_ok(data);
	TL_JSON user = run_ok(s, "kwrite 0x7FFE0000 1");
	assert_av(user);
	assert_null(strstr(tl_str(user, "result.reason"), "bug-check"));
	TL_JSON none = run_ok(s, "kread 0x80400000");
	assert_non_null(strstr(tl_str(none, "result.reason"), "PAGE_FAULT_IN_NONPAGED_AREA, 0x50"));
}

/* The reason an access raised its exception, quoted by VirtualLock's
 * error, in the session's language (mmmsg.h WHY_*, CMD-LANG-DE); the
 * access's own result member `reason` stays English in both. */
static void test_reason_in_german(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	session_set_lang(s, 1);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	TL_JSON e = run_fail(s, "ERROR_NOACCESS", "VirtualLock $p+0x1000 4K");
	assert_non_null(strstr(tl_str(e, "error.message"), "(reserviert, nicht zugesichert)"));
	TL_JSON r = run_ok(s, "read $p+0x1000");
	assert_string_equal(tl_str(r, "result.reason"), "reserved, not committed");
}

/* ---- KUSER_SHARED_DATA ---- */

static void shared_user_data(enum mm_arch a)
{
	TL_SESSION s = tl_bare(a);
	const char *kva = a == MM_ARCH_X64 ? "0xFFFFF78000000000" : "0xFFDF0000";
	TL_JSON k = run_ok(s, "kread %s", kva);
	assert_ok(k);
	TL_JSON r = run_ok(s, "read 0x7FFE026C 4");
	assert_ok(r);
	assert_int_equal(tl_hex(r, "result.value"), 10); /* NtMajorVersion, Windows 10 */
	assert_int_equal(tl_hex(r, "result.pa") >> 12, tl_hex(k, "result.pa") >> 12); /* the same frame */
	TL_JSON m = run_ok(s, "read 0x7FFE0270 4");
	assert_int_equal(tl_hex(m, "result.value"), 0);
	TL_JSON w = run_ok(s, "write 0x7FFE0000 1");
	assert_av(w);
	TL_JSON w2 = run_ok(s, "write 0x7FFE0800 1");
	assert_av(w2);
	TL_JSON pt = run_ok(s, "!pte 0x7FFE0000");
	assert_true(tl_bool(pt, "result.pte.valid"));
	assert_false(tl_bool(pt, "result.pte.write"));
	assert_string_equal(tl_str(pt, "result.pte.owner"), "user");
	/* the next page is not mapped: no VAD there */
	TL_JSON n = run_ok(s, "read 0x7FFE1000");
	assert_av(n);
	/* a second process maps the same frame */
	run(s, "process create other --bare");
	TL_JSON r2 = run_ok(s, "read 0x7FFE026C 4");
	assert_int_equal(tl_hex(r2, "result.pa"), tl_hex(r, "result.pa"));
	TL_JSON f = run_ok(s, "!pfn %#llx", (unsigned long long)(tl_hex(r, "result.pa") >> 12));
	assert_int_equal(tl_num(f, "result.share_count"), 3); /* the kernel's PTE and two processes' */
	assert_string_equal(tl_str(f, "result.use"), "shared_user_data");
}

static void test_shared_user_data_x86(void **state)
{
	shared_user_data(MM_ARCH_X86);
	/* no VAD can be placed over it: it is above the highest VAD address */
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	TL_JSON e = run_fail(s, "ERROR_INVALID_PARAMETER", "VirtualAlloc 0x7FFE0000 4K MEM_RESERVE PAGE_READWRITE");
}
static void test_shared_user_data_x64(void **state) { shared_user_data(MM_ARCH_X64); }
static void test_shared_user_data_pae(void **state) { shared_user_data(MM_ARCH_PAE); }

/* Regression: on x64 the KUSER_SHARED_DATA page at 0x7FFE0000 lies in
 * the middle of user space, and a private allocation could be placed over
 * it (`VirtualAlloc 0x7FFE0000 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE`
 * succeeded and `read 0x7FFE026C 4` then gave a demand-zero 0 instead of
 * NtMajorVersion 10). The page is in use in every process: reservations
 * over it fail with STATUS_CONFLICTING_ADDRESSES. */
static void test_shared_user_data_x64_no_private_over_it(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	TL_JSON e = run_fail(s, "ERROR_INVALID_ADDRESS", "VirtualAlloc 0x7FFE0000 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	TL_JSON e2 = run_fail(s, "ERROR_INVALID_ADDRESS", "VirtualAlloc 0x7FF00000 2M MEM_RESERVE PAGE_READWRITE");
	TL_JSON r = run_ok(s, "read 0x7FFE026C 4");
	assert_int_equal(tl_hex(r, "result.value"), 10);
}

static void test_shared_user_data_win7(void **state)
{
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X64);
	cfg.os = MM_OS_WIN7;
	TL_SESSION s = tl_session_cfg(&cfg);
	run(s, "process create a --bare");
	TL_JSON r = run_ok(s, "read 0x7FFE026C 8");
	assert_int_equal(tl_hex(r, "result.value"), 0x100000006ull); /* 6.1 */
}

/* ---- Dirty ---- */

/* The first write to a clean writable page: a protection fault on a valid
 * PTE, resolved by setting Dirty and the hardware R/W bit (0x42) and
 * marking the PFN modified. MEM_RESET makes a dirty page clean. */
static void first_write_sets_dirty(enum mm_arch a)
{
	TL_SESSION s = tl_bare(a);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 0x1111 2");
	TL_JSON rs = run_ok(s, "VirtualAlloc $p 4K MEM_RESET PAGE_READWRITE");
	TL_JSON pt = run_ok(s, "!pte $p");
	assert_false(tl_bool(pt, "result.pte.dirty"));
	assert_false(tl_bool(pt, "result.pte.hw_write"));
	assert_true(tl_bool(pt, "result.pte.write")); /* the software Write bit stays */
	uint64_t pfn = tl_hex(pt, "result.pte.pfn");
	TL_JSON f = run_ok(s, "!pfn %#llx", (unsigned long long)pfn);
	assert_false(tl_bool(f, "result.modified"));
	/* a read changes nothing of that */
	TL_JSON r = run_ok(s, "read $p 2");
	assert_int_equal(tl_hex(r, "result.value"), 0x1111); /* MEM_RESET keeps the contents */
	assert_int_equal(tl_count_events(r, "dirty"), 0);
	TL_JSON w = run_ok(s, "write $p 0x2222 2");
	assert_ok(w);
	assert_int_equal(tl_count_events(w, "dirty"), 1);
	assert_int_equal(tl_hex(tl_event(w, "dirty", 0), "pfn"), pfn);
	assert_int_equal(tl_len(w, "result.faults"), 0); /* resolved by the handler without a page fault kind */
	TL_JSON pt2 = run_ok(s, "!pte $p");
	assert_true(tl_bool(pt2, "result.pte.dirty"));
	assert_true(tl_bool(pt2, "result.pte.hw_write"));
	TL_JSON f2 = run_ok(s, "!pfn %#llx", (unsigned long long)pfn);
	assert_true(tl_bool(f2, "result.modified"));
	uint64_t before = tl_pte(s, tl_hex(w, "result.va"));
	assert_int_equal(before & 0x42, 0x42);
	TL_JSON r2 = run_ok(s, "read $p 2");
	assert_int_equal(tl_hex(r2, "result.value"), 0x2222);
	/* a read-only page's demand-zero PTE is not dirty */
	run(s, "$ro = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READONLY");
	run(s, "read $ro");
	TL_JSON pr = run_ok(s, "!pte $ro");
	assert_false(tl_bool(pr, "result.pte.dirty"));
}

static void test_first_write_sets_dirty_x86(void **state) { first_write_sets_dirty(MM_ARCH_X86); }
static void test_first_write_sets_dirty_x64(void **state) { first_write_sets_dirty(MM_ARCH_X64); }

/* ---- guard pages, decommitted pages, page-crossing accesses ---- */

/* MI_MAKE_VALID_PTE_TRANSITION and MiResolveTransitionFault, in each mode: a
 * trimmed dirty page's transition PTE is its valid PTE with Valid cleared,
 * Transition set and the protection in bits 5-9, Owner and the hardware
 * Write bit kept; taken back from the modified list, the page is modified
 * and writable, so its new PTE is dirty at once. */
static void transition_round_trip(enum mm_arch a, int levels)
{
	TL_SESSION s = tl_bare(a);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 0x11");
	TL_JSON v = run_ok(s, "!pte $p");
	char path[64];
	snprintf(path, sizeof path, "result.levels.%d.value", levels - 1);
	uint64_t valid = tl_hex(v, path);
	run(s, "EmptyWorkingSet");
	TL_JSON t = run_ok(s, "!pte $p");
	assert_string_equal(tl_str(t, "result.pte.format"), "transition");
	uint64_t trans = tl_hex(t, path);
	assert_int_equal(trans & 0x6, 0x6);                 /* Owner and the hardware Write bit stay */
	assert_int_equal(trans & 0xFFF, 0x886);             /* Transition, protection 4 (read-write) */
	assert_int_equal(trans & ~0xFFFull, valid & ~0xFFFull); /* the frame (and NX) stay */
	TL_JSON r = run_ok(s, "read $p");
	char f[128];
	assert_string_equal(tl_faults(r, f, sizeof f), "soft");
	TL_JSON d = run_ok(s, "!pte $p");
	assert_true(tl_bool(d, "result.pte.dirty"));
	assert_true(tl_bool(d, "result.pte.hw_write"));
	TL_JSON w = run_ok(s, "write $p 0x12");
	assert_int_equal(tl_count_events(w, "dirty"), 0); /* no MiSetDirtyBit fault */
}

static void test_transition_round_trip_x86(void **state) { transition_round_trip(MM_ARCH_X86, 2); }
static void test_transition_round_trip_pae(void **state) { transition_round_trip(MM_ARCH_PAE, 3); }
static void test_transition_round_trip_x64(void **state) { transition_round_trip(MM_ARCH_X64, 4); }

static void test_guard_page_one_shot(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$g = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_GUARD");
	TL_JSON r = run_ok(s, "read $g+0x1000");
	assert_string_equal(tl_exception(r), "STATUS_GUARD_PAGE_VIOLATION");
	char f[64];
	assert_non_null(strstr(tl_faults(r, f, sizeof f), "guard_page"));
	TL_JSON pt = run_ok(s, "!pte $g+0x1000");
	assert_string_equal(tl_str(pt, "result.pte.format"), "demand_zero");
	assert_string_equal(tl_str(pt, "result.pte.protection"), "PAGE_READWRITE");
	TL_JSON r2 = run_ok(s, "read $g+0x1000");
	assert_ok(r2);
	/* the neighbouring page still has its guard */
	TL_JSON r3 = run_ok(s, "write $g+0x2000 1");
	assert_string_equal(tl_exception(r3), "STATUS_GUARD_PAGE_VIOLATION");
	/* an access violation outranks the guard */
	run(s, "$h = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READONLY|PAGE_GUARD");
	TL_JSON r4 = run_ok(s, "write $h 1");
	assert_av(r4);
	TL_JSON r5 = run_ok(s, "read $h");
	assert_string_equal(tl_exception(r5), "STATUS_GUARD_PAGE_VIOLATION");
}

/* A resident page made a guard page, trimmed, then touched: the guard
 * fires once, and the page, faulted back and trimmed again, stays without
 * it: the guard bit goes from the PFN's original PTE as well as from the
 * transition PTE (MiAccessCheck; a bug found by the layering review). */
static void test_guard_on_trimmed_page_one_shot(void **state)
{
	for (enum mm_arch a = MM_ARCH_X86; a <= MM_ARCH_X64; a++) {
		TL_SESSION s = tl_bare(a);
		run(s, "$p = VirtualAlloc 0 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		run(s, "write $p 1");
		run(s, "VirtualProtect $p 4K PAGE_READWRITE|PAGE_GUARD"); /* trims the page: transition */
		TL_JSON r1 = run_ok(s, "read $p");
		assert_string_equal(tl_exception(r1), "STATUS_GUARD_PAGE_VIOLATION");
		TL_JSON r2 = run_ok(s, "read $p");
		assert_string_equal(tl_exception(r2), "");
		TL_JSON q = run_ok(s, "VirtualQuery $p");
		assert_string_equal(tl_str(q, "result.Protect"), "PAGE_READWRITE");
		run(s, "EmptyWorkingSet");
		TL_JSON r3 = run_ok(s, "read $p");
		assert_string_equal(tl_exception(r3), "");
	}
}

static void test_decommitted_page(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p+0x1000 9");
	run(s, "VirtualFree $p+0x1000 4K MEM_DECOMMIT");
	TL_JSON r = run_ok(s, "read $p+0x1000");
	assert_av(r);
	assert_string_equal(tl_str(r, "result.reason"), "decommitted page");
	TL_JSON r2 = run_ok(s, "read $p+0x2000"); /* its neighbours are still committed */
	assert_ok(r2);
}

static void test_page_crossing_access(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	TL_JSON w = run_ok(s, "write $p+0xFFE 0x11223344 4");
	assert_ok(w);
	char f[128];
	assert_string_equal(tl_faults(w, f, sizeof f), "page_table,demand_zero,demand_zero");
	TL_JSON r = run_ok(s, "read $p+0xFFE 4");
	assert_int_equal(tl_hex(r, "result.value"), 0x11223344);
	TL_JSON hi = run_ok(s, "read $p+0x1000 2");
	assert_int_equal(tl_hex(hi, "result.value"), 0x1122);
	TL_JSON lo = run_ok(s, "read $p+0xFFE 2");
	assert_int_equal(tl_hex(lo, "result.value"), 0x3344);
	/* crossing into memory that is not committed raises the exception */
	run(s, "$q = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc $q 4K MEM_COMMIT PAGE_READWRITE");
	TL_JSON x = run_ok(s, "read $q+0xFFC 8");
	assert_av(x);
	assert_true(tl_is_null(x, "result.value"));
	/* bad sizes are syntax errors that change nothing */
	TL_JSON e = run_fail(s, "syntax", "read $p 3");
	assert_int_equal(tl_num(e, "error.arg"), 2);
	TL_JSON e2 = run_fail(s, "syntax", "write $p 0x1FF 1");
	assert_int_equal(tl_num(e2, "error.arg"), 2);
}

/* More committed than RAM: 2,304 pages written on a machine of 1,024
 * frames. The working-set manager trims, the modified page writer writes
 * to the page file, and every page reads back (a hard fault from the page
 * file or a soft one from the standby list); nothing is lost, and freeing
 * returns frames, page-file slots and commit. */
static void test_more_committed_than_ram(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	uint64_t avail = tl_available(s), commit = tl_commit(s);
	run(s, "$p = VirtualAlloc 0 9M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	TL_JSON t = run_ok(s, "touch $p 9M w");
	assert_int_equal(tl_num(t, "result.pages"), 2304);
	assert_int_equal(tl_num(t, "result.exceptions"), 0);
	TL_JSON pf = run_ok(s, "!pagefile");
	assert_true(tl_num(pf, "result.files.0.in_use") > 1000);
	TL_JSON r = run_ok(s, "read $p");
	assert_string_equal(tl_exception(r), "");
	assert_int_equal(tl_hex(r, "result.value"), 0x6D); /* what touch w wrote */
	char f[64];
	assert_string_equal(tl_faults(r, f, sizeof f), "hard"); /* the oldest page went out first */
	TL_JSON r2 = run_ok(s, "read $p+0x8FF000");
	assert_int_equal(tl_hex(r2, "result.value"), 0x6D);
	run(s, "VirtualFree $p 0 MEM_RELEASE");
	TL_JSON pf2 = run_ok(s, "!pagefile");
	assert_int_equal(tl_num(pf2, "result.files.0.in_use"), 0);
	assert_int_equal(tl_available(s), avail);
	assert_int_equal(tl_commit(s), commit);
}

/* Regression: committed PAGE_NOACCESS memory had its page tables made (and
 * charged) before the access violation. WRK MmAccessFault checks a zero
 * PXE/PPE/PDE with MiCheckVirtualAddress first, and MM_NOACCESS — for a
 * committed PAGE_NOACCESS page as for a reserved one — returns the access
 * violation without building any table. */
static void test_noaccess_makes_no_page_table(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$n = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_NOACCESS");
	uint64_t avail = tl_available(s), commit = tl_commit(s);
	TL_JSON r = run_ok(s, "read $n");
	assert_av(r);
	char f[64];
	assert_string_equal(tl_faults(r, f, sizeof f), "access_violation");
	assert_int_equal(tl_count_events(r, "page_table"), 0);
	assert_int_equal(tl_available(s), avail);
	assert_int_equal(tl_commit(s), commit);
}

/* Regression: a kernel-mode write into the self-map (`kwrite
 * 0xFFFFF6FB7DBED000` on x64, `kwrite 0xC0300000` on x86) stored the value
 * straight into a page-table frame, bypassing pte_store and the PFN
 * bookkeeping; the entry then named a frame past RAM (mm_check: S3). Page
 * tables are written only by the memory manager: the write is refused
 * (ERROR_ACCESS_DENIED) and changes nothing. */
static void test_kwrite_into_page_tables(void **state)
{
	static const struct { enum mm_arch a; const char *va; uint64_t pte_va; int size; } cases[] = {
		{MM_ARCH_X64, "0xFFFFF6FB7DBED000", 0xFFFFF68000000080ull, 8},
		{MM_ARCH_X64, "0xFFFFF68000000080", 0xFFFFF68000000080ull, 8},
		{MM_ARCH_X86, "0xC0300000", 0xC0000040ull, 4},
		{MM_ARCH_X86, "0xC0000040", 0xC0000040ull, 4},
		{MM_ARCH_PAE, "0xC0600000", 0xC0000080ull, 8},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TL_SESSION s = tl_bare(cases[i].a);
		run(s, "VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		run(s, "write 0x10000 1");
		uint64_t pte = tl_pte(s, 0x10000);
		TL_JSON e = run_fail(s, "ERROR_ACCESS_DENIED", "kwrite %s", cases[i].va);
		assert_int_equal(tl_num(e, "error.arg"), 1);
		TL_JSON e2 = run_fail(s, "ERROR_ACCESS_DENIED", "kwrite %#llx 0 %d", (unsigned long long)cases[i].pte_va,
				      cases[i].size);
		/* the PTE is what it was, and reading it through the self-map works */
		assert_int_equal(tl_pte(s, 0x10000), pte);
		TL_JSON k = run_ok(s, "kread %#llx %d", (unsigned long long)cases[i].pte_va, cases[i].size);
		assert_int_equal(tl_hex(k, "result.value"), pte);
		TL_JSON r = run_ok(s, "read 0x10000");
		assert_int_equal(tl_hex(r, "result.value"), 1);
	}
}

/* MmAccessFault: a user-mode access above MmHighestUserAddress is an access
 * violation before any VAD is looked at: the 64 KB gap, and on Windows 7
 * x64 the lower half above 8 TB (docs/reference.md R-USER-RANGE). */
static void test_above_highest_user(void **state)
{
	(void)state;
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X64);
	cfg.os = MM_OS_WIN7;
	TL_SESSION s = tl_session_cfg(&cfg);
	run(s, "process create app.exe --bare");
	const char *vas[] = {"0x7FFFFFF0000", "0x80000000000", "0x7FFFFFFFFFF"};
	for (size_t i = 0; i < sizeof vas / sizeof vas[0]; i++) {
		TL_JSON r = run_ok(s, "read %s", vas[i]);
		assert_string_equal(tl_str(r, "result.exception"), "STATUS_ACCESS_VIOLATION");
		assert_string_equal(tl_str(r, "result.reason"), "above MmHighestUserAddress: not a user address");
	}
	TL_SESSION x86 = tl_bare(MM_ARCH_X86);
	TL_JSON g = run_ok(x86, "read 0x7fff0000");
	assert_string_equal(tl_str(g, "result.reason"), "above MmHighestUserAddress: not a user address");
	TL_JSON k = run_ok(x86, "read 0x7ffe0000"); /* KUSER_SHARED_DATA is below it */
	assert_true(tl_is_null(k, "result.exception"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demand_zero_x86),
		cmocka_unit_test(test_demand_zero_x64),
		cmocka_unit_test(test_demand_zero_pae),
		cmocka_unit_test(test_committed_not_resident),
		cmocka_unit_test(test_av_free_and_reserved),
		cmocka_unit_test(test_protections_x86),
		cmocka_unit_test(test_protections_x64),
		cmocka_unit_test(test_protections_pae),
		cmocka_unit_test(test_kernel_from_user),
		cmocka_unit_test(test_kernel_write_readonly),
		cmocka_unit_test(test_reason_in_german),
		cmocka_unit_test(test_shared_user_data_x86),
		cmocka_unit_test(test_shared_user_data_x64),
		cmocka_unit_test(test_shared_user_data_pae),
		cmocka_unit_test(test_shared_user_data_x64_no_private_over_it),
		cmocka_unit_test(test_shared_user_data_win7),
		cmocka_unit_test(test_first_write_sets_dirty_x86),
		cmocka_unit_test(test_first_write_sets_dirty_x64),
		cmocka_unit_test(test_transition_round_trip_x86),
		cmocka_unit_test(test_transition_round_trip_pae),
		cmocka_unit_test(test_transition_round_trip_x64),
		cmocka_unit_test(test_guard_page_one_shot),
		cmocka_unit_test(test_guard_on_trimmed_page_one_shot),
		cmocka_unit_test(test_decommitted_page),
		cmocka_unit_test(test_page_crossing_access),
		cmocka_unit_test(test_more_committed_than_ram),
		cmocka_unit_test(test_kwrite_into_page_tables),
		cmocka_unit_test(test_above_highest_user),
		cmocka_unit_test(test_noaccess_makes_no_page_table),
	};
	return cmocka_run_group_tests_name("10_fault", tests, NULL, NULL);
}
