/*
 * 08_tlb.c — the simulated TLB (core/hw/tlb.h, docs/reference.md R-TLB): a miss walks
 * and fills, the next access to the page hits without a walk; a CR3 switch
 * drops every non-global entry and keeps the global ones (the kernel's
 * KUSER_SHARED_DATA mapping); replacement in a full 4-way set is
 * round-robin and therefore deterministic; freeing a page and setting its
 * Dirty bit flush that page's entry. The test machine has 16 entries: 4
 * sets of 4 ways, set = VPN & 3. And the paging-structure caches beside it
 * (core/hw/psc.h, R-PSC) on x86, PAE and x64: a miss next to a recent walk
 * reads only the PTE; an entry above the leaf that changes (a page table
 * deleted by VirtualFree) is never used again from the cache; every TLB
 * flush empties them; stepping back restores them.
 */
#include "testlib.h"

#include "mm.h"

#define KSHARED "0xFFFFF78000000000"

/* The slot (set * 4 + way) holding va's page, or -1. */
static int tlb_slot(struct session *s, uint64_t va, bool *global)
{
	TL_JSON r = run_ok(s, "!tlb");
	const cJSON *e;
	cJSON_ArrayForEach(e, tl_need(r, "result.entries")) {
		if (tl_hex(e, "va") == (va & ~0xFFFull)) {
			if (global)
				*global = tl_bool(e, "global");
			return (int)tl_num(e, "slot");
		}
	}
	return -1;
}

static int tlb_valid(struct session *s)
{
	TL_JSON r = run_ok(s, "!tlb");
	assert_int_equal(tl_num(r, "result.size"), 16);
	assert_int_equal(tl_num(r, "result.ways"), 4);
	return (int)tl_num(r, "result.valid");
}

static struct session *proc_with_alloc(uint64_t *p)
{
	struct session *s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	*p = run_val(s, "$p = VirtualAlloc 0 256K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	return s;
}

static void test_hit_after_miss(void **state)
{
	uint64_t p;
	TL_SESSION s = proc_with_alloc(&p);
	TL_JSON a = run_ok(s, "read $p");
	assert_string_equal(tl_str(a, "result.tlb"), "miss");
	assert_true(tl_count_events(a, "tlb_miss") >= 1);
	assert_int_equal(tl_count_events(a, "tlb_fill"), 1);
	assert_int_equal(tl_count_events(a, "tlb_hit"), 0);
	uint64_t pa = tl_hex(a, "result.pa");
	const cJSON *fill = tl_event(a, "tlb_fill", 0);
	assert_int_equal(tl_hex(fill, "va"), p);
	assert_int_equal(tl_hex(fill, "pfn"), pa >> 12);
	assert_false(tl_bool(fill, "global"));

	TL_JSON b = run_ok(s, "read $p+0x800 4");
	assert_string_equal(tl_str(b, "result.tlb"), "hit");
	assert_int_equal(tl_hex(b, "result.pa"), pa + 0x800);
	assert_int_equal(tl_count_events(b, "tlb_hit"), 1);
	assert_int_equal(tl_count_events(b, "walk"), 0);
	assert_int_equal(tl_count_events(b, "tlb_fill"), 0);
	assert_int_equal(tl_len(b, "result.faults"), 0);

	TL_JSON t = run_ok(s, "!tlb");
	assert_int_equal(tl_num(t, "result.valid"), 1);
	assert_int_equal(tl_num(t, "result.hits"), 1);
	assert_int_equal(tl_hex(t, "result.entries.0.va"), p);
	assert_int_equal(tl_hex(t, "result.entries.0.pfn"), pa >> 12);
	assert_true(tl_bool(t, "result.entries.0.user"));
	assert_true(tl_bool(t, "result.entries.0.write"));  /* demand-zero pages are born dirty */
	assert_true(tl_bool(t, "result.entries.0.nx"));     /* PAGE_READWRITE on x64 */
	assert_false(tl_bool(t, "result.entries.0.global"));

	/* a write hits too: the cached entry is writable */
	TL_JSON w = run_ok(s, "write $p 0x42");
	assert_string_equal(tl_str(w, "result.tlb"), "hit");
}

/* The cached rights decide: a read-only page's entry does not serve a
 * write; the write walks and is refused. */
static void test_rights_cached(void **state)
{
	uint64_t p;
	TL_SESSION s = proc_with_alloc(&p);
	run(s, "$r = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READONLY");
	run(s, "read $r");
	TL_JSON h = run_ok(s, "read $r");
	assert_string_equal(tl_str(h, "result.tlb"), "hit");
	TL_JSON w = run_ok(s, "write $r 1");
	assert_string_equal(tl_str(w, "result.tlb"), "miss");
	assert_string_equal(tl_exception(w), "STATUS_ACCESS_VIOLATION");
	assert_true(tl_count_events(w, "walk") > 0);
	/* user mode may not use the kernel's entry */
	run(s, "kread " KSHARED);
	TL_JSON u = run_ok(s, "read " KSHARED);
	assert_string_equal(tl_exception(u), "STATUS_ACCESS_VIOLATION");
	assert_string_equal(tl_str(u, "result.tlb"), "miss");
}

/* A CR3 switch drops the non-global entries and keeps global ones. */
static void test_cr3_switch_keeps_global(void **state)
{
	uint64_t p;
	TL_SESSION s = proc_with_alloc(&p);
	TL_JSON k = run_ok(s, "kread 0xFFFFF7800000026C 4");
	assert_int_equal(tl_hex(k, "result.value"), 10); /* NtMajorVersion */
	assert_true(tl_bool(tl_event(k, "tlb_fill", 0), "global"));
	run(s, "read $p");
	run(s, "read $p+0x1000");
	assert_int_equal(tlb_valid(s), 3);

	TL_JSON c = run_ok(s, "process create b --bare");
	const cJSON *fl = tl_event(c, "tlb_flush", 0);
	assert_non_null(fl);
	assert_string_equal(tl_str(fl, "scope"), "non_global");
	assert_int_equal(tl_num(fl, "entries"), 2);
	assert_int_equal(tlb_valid(s), 1);
	bool global = false;
	assert_true(tlb_slot(s, 0xFFFFF78000000000ull, &global) >= 0);
	assert_true(global);
	assert_int_equal(tlb_slot(s, p, NULL), -1);

	TL_JSON k2 = run_ok(s, "kread " KSHARED);
	assert_string_equal(tl_str(k2, "result.tlb"), "hit");
	/* back in a: its user entries are gone */
	TL_JSON u = run_ok(s, "process use a");
	assert_int_equal(tl_num(tl_event(u, "tlb_flush", 0), "entries"), 0);
	TL_JSON r = run_ok(s, "read $p");
	assert_string_equal(tl_str(r, "result.tlb"), "miss");
	/* switching to the current process is no CR3 load */
	TL_JSON same = run_ok(s, "process use a");
	assert_int_equal(tl_count_events(same, "tlb_flush"), 0);
	assert_int_equal(tlb_valid(s), 2);
}

/* A full set replaces round-robin: way 0 first, then 1, ... */
static void test_replacement_round_robin(void **state)
{
	uint64_t p;
	TL_SESSION s = proc_with_alloc(&p);
	/* pages 16 KB apart share a set (VPN & 3) */
	for (int k = 0; k < 4; k++)
		run(s, "read $p+%#x", k * 0x4000);
	int set = (int)((p >> 12) & 3);
	for (int k = 0; k < 4; k++)
		assert_int_equal(tlb_slot(s, p + k * 0x4000, NULL), set * 4 + k);
	run(s, "read $p+0x10000"); /* page 4 evicts page 0 */
	assert_int_equal(tlb_slot(s, p, NULL), -1);
	assert_int_equal(tlb_slot(s, p + 0x10000, NULL), set * 4 + 0);
	run(s, "read $p+0x14000"); /* page 5 evicts page 1 */
	assert_int_equal(tlb_slot(s, p + 0x4000, NULL), -1);
	assert_int_equal(tlb_slot(s, p + 0x14000, NULL), set * 4 + 1);
	TL_JSON h = run_ok(s, "read $p+0x8000");
	assert_string_equal(tl_str(h, "result.tlb"), "hit");
	TL_JSON m0 = run_ok(s, "read $p"); /* page 0 again: evicts page 2 (way 2) */
	assert_string_equal(tl_str(m0, "result.tlb"), "miss");
	assert_int_equal(tlb_slot(s, p, NULL), set * 4 + 2);
	TL_JSON m2 = run_ok(s, "read $p+0x8000");
	assert_string_equal(tl_str(m2, "result.tlb"), "miss");
	assert_int_equal(tlb_slot(s, p + 0x8000, NULL), set * 4 + 3);
	/* the other sets are untouched */
	assert_int_equal(tlb_valid(s), 4);
}

/* Freeing a page flushes its entry (and only its entry). */
static void test_flush_on_free(void **state)
{
	uint64_t p;
	TL_SESSION s = proc_with_alloc(&p);
	run(s, "read $p");
	run(s, "read $p+0x1000");
	TL_JSON f = run_ok(s, "VirtualFree $p 4K MEM_DECOMMIT");
	const cJSON *fl = tl_event(f, "tlb_flush", 0);
	assert_non_null(fl);
	assert_string_equal(tl_str(fl, "scope"), "page");
	assert_int_equal(tl_hex(fl, "va"), p);
	assert_int_equal(tlb_slot(s, p, NULL), -1);
	assert_true(tlb_slot(s, p + 0x1000, NULL) >= 0);
	TL_JSON r = run_ok(s, "read $p");
	assert_string_equal(tl_exception(r), "STATUS_ACCESS_VIOLATION");
	TL_JSON rel = run_ok(s, "VirtualFree $p 0 MEM_RELEASE");
	assert_int_equal(tlb_valid(s), 0);
}

/* Setting the Dirty bit (first write to a clean page) flushes the stale
 * read-only entry and fills a writable one. */
static void test_dirty_bit_refills(void **state)
{
	uint64_t p;
	TL_SESSION s = proc_with_alloc(&p);
	run(s, "write $p 1");
	run(s, "VirtualAlloc $p 4K MEM_RESET PAGE_READWRITE"); /* clean again */
	TL_JSON r = run_ok(s, "read $p");
	assert_int_equal(tl_len(r, "result.faults"), 0);
	TL_JSON t = run_ok(s, "!tlb");
	assert_false(tl_bool(t, "result.entries.0.write"));
	TL_JSON w = run_ok(s, "write $p 2");
	assert_int_equal(tl_count_events(w, "dirty"), 1);
	const cJSON *fl = tl_event(w, "tlb_flush", 0);
	assert_non_null(fl);
	assert_string_equal(tl_str(fl, "scope"), "page");
	assert_int_equal(tl_count_events(w, "tlb_fill"), 1);
	TL_JSON t2 = run_ok(s, "!tlb");
	assert_true(tl_bool(t2, "result.entries.0.write"));
	TL_JSON again = run_ok(s, "write $p 3");
	assert_string_equal(tl_str(again, "result.tlb"), "hit");
}

/* ---- the paging-structure caches (core/hw/psc.h, docs/reference.md R-PSC) ---- */

static const enum mm_arch arches[] = {MM_ARCH_X64, MM_ARCH_PAE, MM_ARCH_X86};

/* The entries the caches hold, every level. */
static int psc_valid(const struct psc *c)
{
	int n = 0;
	for (int l = 0; l < PSC_LEVELS; l++)
		for (int i = 0; i < PSC_MAX_SETS * PSC_WAYS; i++)
			n += (c->e[l][i].flags & PSCF_VALID) != 0;
	return n;
}

/* The levels each mode caches: x64 PML4E, PDPTE and PDE; PAE and x86 the
 * PDE only. A miss next to a recent walk starts below the cached PDE and
 * reads the PTE alone. */
static void test_psc_hit_reads_one_level(void **state)
{
	for (size_t i = 0; i < MM_ARRAY_LEN(arches); i++) {
		TL_SESSION s = tl_bare(arches[i]);
		run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		TL_JSON w = run_ok(s, "write $p 1");
		int fills = arches[i] == MM_ARCH_X64 ? 3 : 1;
		assert_int_equal(tl_count_events(w, "psc_fill"), fills);
		assert_string_equal(tl_str(tl_event(w, "psc_fill", fills - 1), "level"), "pde");
		uint64_t pt = tl_hex(tl_event(w, "psc_fill", fills - 1), "table_pfn");
		assert_true(tl_bool(tl_event(w, "psc_fill", fills - 1), "user"));
		TL_JSON t = run_ok(s, "!tlb"); /* the caches as !tlb lists them, outermost level first */
		assert_int_equal(tl_len(t, "result.psc"), fills);
		char path[32];
		snprintf(path, sizeof path, "result.psc.%d.level", fills - 1);
		assert_string_equal(tl_str(t, path), "pde");
		snprintf(path, sizeof path, "result.psc.%d.table_pfn", fills - 1);
		assert_int_equal(tl_hex(t, path), pt);

		TL_JSON r = run_ok(s, "read $p+0x1000"); /* demand zero: two walks, both from the cached PDE */
		assert_int_equal(tl_count_events(r, "psc_hit"), 2);
		const cJSON *hit = tl_event(r, "psc_hit", 0);
		assert_string_equal(tl_str(hit, "level"), "pde");
		assert_int_equal(tl_hex(hit, "table_pfn"), pt);
		assert_int_equal(tl_count_events(r, "walk"), 2);
		for (int k = 0; k < 2; k++)
			assert_string_equal(tl_str(tl_event(r, "walk", k), "level"), "pte");
		assert_int_equal(tl_count_events(r, "psc_fill"), 0); /* nothing new above the leaf */
		assert_true(tl_is_null(r, "result.exception"));
	}
}

/* The rule the caches must never break: after an entry above the leaf
 * changes, no access uses what was cached from it. Committing PAGE_NOACCESS
 * into a reservation makes the tables; a read walks them (and faults), so
 * the caches hold the upper entries and nothing is valid. Releasing the
 * range deletes the page table (the PDE, and on x64 the PDPTE and PML4E,
 * become zero) without any TLB flush: pte_store's hook must empty the
 * caches, and the next access must walk from CR3 and see the zero entry. */
static void test_psc_stale_entry_never_used(void **state)
{
	static const char *const top[] = {[MM_ARCH_X86] = "pde", [MM_ARCH_PAE] = "pdpte", [MM_ARCH_X64] = "pxe"};
	for (size_t i = 0; i < MM_ARRAY_LEN(arches); i++) {
		enum mm_arch a = arches[i];
		TL_SESSION s = tl_bare(a);
		run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
		run(s, "VirtualAlloc $p 64K MEM_COMMIT PAGE_NOACCESS");
		TL_JSON r = run_ok(s, "read $p");
		assert_string_equal(tl_exception(r), "STATUS_ACCESS_VIOLATION");
		assert_true(tl_count_events(r, "psc_fill") >= 1);
		assert_true(psc_valid(&session_mm(s)->psc) >= 1);

		TL_JSON f = run_ok(s, "VirtualFree $p 0 MEM_RELEASE");
		assert_int_equal(tl_count_events(f, "tlb_flush"), 0); /* no page was valid: no INVLPG */
		const cJSON *fl = tl_event(f, "psc_flush", 0);
		assert_non_null(fl);
		assert_string_equal(tl_str(fl, "reason"), "table_entry");
		assert_int_equal(psc_valid(&session_mm(s)->psc), 0);

		TL_JSON again = run_ok(s, "read $p");
		assert_int_equal(tl_count_events(again, "psc_hit"), 0);
		assert_string_equal(tl_str(tl_event(again, "walk", 0), "level"), top[a]);
		int n = tl_count_events(again, "walk");
		assert_int_equal(tl_hex(tl_event(again, "walk", n - 1), "value"), 0); /* the freed level, seen as it is now */
		assert_int_equal(tl_count_events(again, "fault"), 1);
		assert_string_equal(tl_exception(again), "STATUS_ACCESS_VIOLATION");

		/* the same addresses again: new tables, walked afresh */
		run(s, "VirtualAlloc $p 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		TL_JSON w = run_ok(s, "write $p 7");
		assert_true(tl_is_null(w, "result.exception"));
		TL_JSON v = run_ok(s, "read $p 1");
		assert_string_equal(tl_str(v, "result.value"), "0x7");
	}
}

/* Every TLB flush empties the caches: INVLPG of any page (SDM 4.10.4.1)
 * and a CR3 load. */
static void test_psc_flushed_with_the_tlb(void **state)
{
	uint64_t p;
	TL_SESSION s = proc_with_alloc(&p);
	run(s, "read $p");
	TL_JSON f = run_ok(s, "VirtualFree $p 4K MEM_DECOMMIT");
	const cJSON *fl = tl_event(f, "psc_flush", 0);
	assert_non_null(fl);
	assert_string_equal(tl_str(fl, "reason"), "invlpg");
	assert_int_equal(tl_hex(fl, "va"), p);
	assert_int_equal(tl_num(fl, "entries"), 3);

	run(s, "read $p+0x1000");
	assert_int_equal(psc_valid(&session_mm(s)->psc), 3);
	TL_JSON c = run_ok(s, "process create b --bare");
	const cJSON *cr3 = tl_event(c, "psc_flush", 0);
	assert_non_null(cr3);
	assert_string_equal(tl_str(cr3, "reason"), "cr3");
	assert_int_equal(psc_valid(&session_mm(s)->psc), 0);
}

/* The caches are journaled: stepping back shows them as they were. */
static void test_psc_steps_back(void **state)
{
	uint64_t p;
	TL_SESSION s = proc_with_alloc(&p);
	struct mm *m = session_mm(s);
	run(s, "read $p");
	struct mm_hist h;
	mm_hist(m, &h);
	struct psc filled = m->psc;
	assert_int_equal(psc_valid(&filled), 3);
	run(s, "process create b --bare");
	assert_int_equal(psc_valid(&m->psc), 0);
	mm_seek(m, h.cursor);
	assert_memory_equal(&m->psc, &filled, sizeof filled);
	mm_seek_end(m);
	assert_int_equal(psc_valid(&m->psc), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hit_after_miss),
		cmocka_unit_test(test_rights_cached),
		cmocka_unit_test(test_cr3_switch_keeps_global),
		cmocka_unit_test(test_replacement_round_robin),
		cmocka_unit_test(test_flush_on_free),
		cmocka_unit_test(test_dirty_bit_refills),
		cmocka_unit_test(test_psc_hit_reads_one_level),
		cmocka_unit_test(test_psc_stale_entry_never_used),
		cmocka_unit_test(test_psc_flushed_with_the_tlb),
		cmocka_unit_test(test_psc_steps_back),
	};
	return cmocka_run_group_tests_name("08_tlb", tests, NULL, NULL);
}
