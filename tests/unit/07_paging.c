/*
 * 07_paging.c — page tables in simulated frames (core/hw/paging.h, docs/reference.md
 * R-PAGING): the self-map addresses WinDbg shows (x64 PTE_BASE 0xFFFFF68000000000,
 * x86 PDE_BASE 0xC0300000, PAE 0xC0600000), the index of each level, the
 * recursive entry that maps each top-level table onto itself, page-table
 * frames that point back at the entry mapping them, canonical addresses,
 * and the walk of a large page when a directory entry has PS.
 */
#include "testlib.h"

#include "mm/pagetable.h"
#include "hw/pte.h"

/* The level objects of !pte for va, checked against names, indices and
 * entry addresses. */
struct lvl { const char *name; uint32_t index; uint64_t entry; };

static void check_levels(struct session *s, uint64_t va, const struct lvl *want, int n)
{
	TL_JSON r = run_ok(s, "!pte %#llx", (unsigned long long)va);
	assert_int_equal(tl_len(r, "result.levels"), n);
	assert_int_equal(tl_hex(r, "result.va"), va);
	char path[64];
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "result.levels.%d.name", i);
		assert_string_equal(tl_str(r, path), want[i].name);
		snprintf(path, sizeof path, "result.levels.%d.index", i);
		assert_int_equal((uint32_t)tl_num(r, path), want[i].index);
		snprintf(path, sizeof path, "result.levels.%d.entry_address", i);
		if (tl_hex(r, path) != want[i].entry)
			fail_msg("%s of %#llx at %#llx, expected %#llx", want[i].name, (unsigned long long)va,
				 (unsigned long long)tl_hex(r, path), (unsigned long long)want[i].entry);
	}
}

static uint64_t create(struct session *s)
{
	TL_JSON r = run_ok(s, "process create a --bare");
	uint64_t cr3 = tl_hex(r, "result.cr3");
	assert_int_equal(cr3, tl_hex(r, "result.dirbase_pfn") << 12);
	return cr3;
}

static void test_x64_selfmap_addresses(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	create(s);
	/* !pte shows the levels down to the first invalid entry: make the
	 * tables exist */
	run(s, "VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "VirtualAlloc 0x7FF612340000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "kread 0x10000");
	run(s, "kread 0x7FF612345678");
	/* the example of the reference: the PTE of 0x10000 */
	const struct lvl a[] = {
		{"pxe", 0, 0xFFFFF6FB7DBED000ull}, {"ppe", 0, 0xFFFFF6FB7DA00000ull},
		{"pde", 0, 0xFFFFF6FB40000000ull}, {"pte", 0x10, 0xFFFFF68000000080ull},
	};
	check_levels(s, 0x10000, a, 4);
	/* PTE(va) = PTE_BASE + ((va & 0xFFFFFFFFFFFF) >> 12) * 8, likewise up */
	const struct lvl b[] = {
		{"pxe", 0xFF, 0xFFFFF6FB7DBED7F8ull}, {"ppe", 0x1D8, 0xFFFFF6FB7DAFFEC0ull},
		{"pde", 0x91, 0xFFFFF6FB5FFD8488ull}, {"pte", 0x145, 0xFFFFF6BFFB091A28ull},
	};
	check_levels(s, 0x7FF612345678ull, b, 4);
	/* a kernel address: masked to 48 bits, then sign-extended */
	TL_JSON r = run_ok(s, "!pte 0xFFFFF78000000000");
	assert_string_equal(tl_str(r, "result.levels.0.name"), "pxe");
	assert_int_equal((uint32_t)tl_num(r, "result.levels.0.index"), 0x1EF);
	assert_int_equal(tl_hex(r, "result.levels.0.entry_address"), 0xFFFFF6FB7DBEDF78ull);
	assert_int_equal(tl_hex(r, "result.levels.3.entry_address"), 0xFFFFF6FBC0000000ull);
	/* the self-map slot is PML4 index 0x1ED: PXE_SELFMAP */
	TL_JSON sm = run_ok(s, "!pte 0xFFFFF68000000000");
	assert_int_equal((uint32_t)tl_num(sm, "result.levels.0.index"), 0x1ED);
	assert_int_equal(tl_hex(sm, "result.levels.0.entry_address"), 0xFFFFF6FB7DBEDF68ull);
	/* machine names the bases */
	TL_JSON mc = run_ok(s, "machine");
	assert_int_equal(tl_hex(mc, "result.pte_base"), 0xFFFFF68000000000ull);
	assert_int_equal(tl_hex(mc, "result.pde_base"), 0xFFFFF6FB40000000ull);
	assert_int_equal(tl_hex(mc, "result.ppe_base"), 0xFFFFF6FB7DA00000ull);
	assert_int_equal(tl_hex(mc, "result.pxe_base"), 0xFFFFF6FB7DBED000ull);
	assert_int_equal(tl_num(mc, "result.levels"), 4);
}

static void test_x86_selfmap_addresses(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X86);
	create(s);
	run(s, "VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "kread 0x10000");
	run(s, "kread 0x7FFE0000");
	/* PDE(va) = 0xC0300000 + (va >> 22) * 4, PTE(va) = 0xC0000000 + (va >> 12) * 4 */
	const struct lvl a[] = {{"pde", 0, 0xC0300000ull}, {"pte", 0x10, 0xC0000040ull}};
	check_levels(s, 0x10000, a, 2);
	const struct lvl b[] = {{"pde", 0x1FF, 0xC03007FCull}, {"pte", 0x3E1, 0xC01FFF84ull}};
	check_levels(s, 0x7FFE1234, b, 2);
	/* the self-map entry: PDE 0x300 at 0xC0300C00 */
	const struct lvl c[] = {{"pde", 0x300, 0xC0300C00ull}, {"pte", 0x300, 0xC0300C00ull}};
	check_levels(s, 0xC0300000ull, c, 2);
	TL_JSON mc = run_ok(s, "machine");
	assert_int_equal(tl_hex(mc, "result.pde_base"), 0xC0300000ull);
	assert_int_equal(tl_hex(mc, "result.pte_base"), 0xC0000000ull);
	assert_int_equal(tl_num(mc, "result.levels"), 2);
}

static void test_pae_selfmap_addresses(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_PAE);
	uint64_t cr3 = create(s);
	run(s, "VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "kread 0x10000");
	run(s, "kread 0x7FFE0000");
	/* the PDPT is outside the self-map: its entries are shown by physical
	 * address; PDE(va) = 0xC0600000 + (va >> 21) * 8, PTE = 0xC0000000 + (va >> 12) * 8 */
	const struct lvl a[] = {{"pdpte", 1, cr3 + 8}, {"pde", 0x1FF, 0xC0601FF8ull}, {"pte", 0x1E1, 0xC03FFF08ull}};
	check_levels(s, 0x7FFE1234, a, 3);
	const struct lvl b[] = {{"pdpte", 0, cr3}, {"pde", 0, 0xC0600000ull}, {"pte", 0x10, 0xC0000080ull}};
	check_levels(s, 0x10000, b, 3);
	/* the four self-map PDEs at 0xC0603000..0xC0603018 */
	const struct lvl c[] = {{"pdpte", 3, cr3 + 24}, {"pde", 0x3, 0xC0603018ull}, {"pte", 0x3, 0xC0603018ull}};
	check_levels(s, 0xC0603000ull, c, 3);
	TL_JSON mc = run_ok(s, "machine");
	assert_int_equal(tl_hex(mc, "result.pde_base"), 0xC0600000ull);
	assert_int_equal(tl_num(mc, "result.levels"), 3);
}

/* The recursive entry maps each top-level table onto itself, so the
 * self-map address of the top level translates to CR3, and a PTE read
 * through the self-map (kernel mode) is the PTE !pte shows. */
static void check_selfmap_resolves(enum mm_arch arch, uint64_t top_va, uint64_t pte_va_of_p, int pte_size)
{
	TL_SESSION s = tl_session(arch);
	uint64_t cr3 = create(s);
	run(s, "$p = VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	TL_JSON k = run_ok(s, "kread $p");
	assert_string_equal(tl_exception(k), "");
	uint64_t pte = tl_pte(s, 0x10000);
	TL_JSON r = run_ok(s, "kread %#llx %d", (unsigned long long)pte_va_of_p, pte_size);
	assert_string_equal(tl_exception(r), "");
	assert_int_equal(tl_hex(r, "result.value"), pte);
	TL_JSON v = run_ok(s, "vtop %#llx", (unsigned long long)top_va);
	if (arch != MM_ARCH_PAE)
		assert_int_equal(tl_hex(v, "result.pa"), cr3);
	else
		assert_int_equal(tl_hex(v, "result.pa") >> 12, session_mm(s)->proc[session_mm(s)->cur].pae_pd[3]);
}

static void test_selfmap_resolves_x64(void **state)
{
	check_selfmap_resolves(MM_ARCH_X64, 0xFFFFF6FB7DBED000ull, 0xFFFFF68000000080ull, 8);
}
static void test_selfmap_resolves_x86(void **state) { check_selfmap_resolves(MM_ARCH_X86, 0xC0300000ull, 0xC0000040ull, 4); }
static void test_selfmap_resolves_pae(void **state) { check_selfmap_resolves(MM_ARCH_PAE, 0xC0603000ull, 0xC0000080ull, 8); }

/* Page-table frames are ordinary PFN entries: use page_table, their
 * PteAddress the entry (one level up) that maps them. */
static void test_table_frames_point_back(void **state)
{
	for (enum mm_arch a = MM_ARCH_X86; a <= MM_ARCH_X64; a++) {
		TL_SESSION s = tl_session(a);
		create(s);
		run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		run(s, "kread $p+0x2000");
		TL_JSON r = run_ok(s, "!pte $p+0x2000");
		int n = tl_len(r, "result.levels");
		char path[64];
		for (int i = 0; i < n; i++) {
			snprintf(path, sizeof path, "result.levels.%d.valid", i);
			assert_true(tl_bool(r, path));
			snprintf(path, sizeof path, "result.levels.%d.pfn", i);
			uint64_t pfn = tl_hex(r, path);
			TL_JSON f = run_ok(s, "!pfn %#llx", (unsigned long long)pfn);
			assert_string_equal(tl_str(f, "result.state"), "active");
			assert_string_equal(tl_str(f, "result.use"), i == n - 1 ? "private" : "page_table");
			snprintf(path, sizeof path, "result.levels.%d.entry_address", i);
			if (!(a == MM_ARCH_PAE && i == 0)) /* PAE directories: mapped by the self-map PDEs */
				assert_int_equal(tl_hex(f, "result.pte_address"), tl_hex(r, path));
			/* the frame holding this level's entry is the frame the level above points at */
			snprintf(path, sizeof path, "result.levels.%d.table_pfn", i);
			if (i > 0) {
				char up[64];
				snprintf(up, sizeof up, "result.levels.%d.pfn", i - 1);
				assert_int_equal(tl_hex(r, path), tl_hex(r, up));
			}
		}
		snprintf(path, sizeof path, "result.levels.%d.pfn", n - 1);
		assert_int_equal(tl_hex(r, "result.pte.pfn"), tl_hex(r, path));
	}
}

/* Index fields per mode. */
static void test_indices(void **state)
{
	TL_SESSION s64 = tl_session(MM_ARCH_X64);
	struct mm *m = session_mm(s64);
	va_t va = 0x00007FF612345678ull;
	assert_int_equal(paging_index(m, 0, va), 0xFF);
	assert_int_equal(paging_index(m, 1, va), 0x1D8);
	assert_int_equal(paging_index(m, 2, va), 0x91);
	assert_int_equal(paging_index(m, 3, va), 0x145);
	assert_int_equal(paging_index(m, 0, 0xFFFFF68000000000ull), 0x1ED);
	TL_SESSION s86 = tl_session(MM_ARCH_X86);
	m = session_mm(s86);
	assert_int_equal(paging_index(m, 0, 0x7FFE1234), 0x1FF);
	assert_int_equal(paging_index(m, 1, 0x7FFE1234), 0x3E1);
	assert_int_equal(paging_index(m, 0, 0xFFFFFFFF), 0x3FF);
	TL_SESSION spae = tl_session(MM_ARCH_PAE);
	m = session_mm(spae);
	assert_int_equal(paging_index(m, 0, 0xC0000000), 3);
	assert_int_equal(paging_index(m, 1, 0x7FFE1234), 0x1FF);
	assert_int_equal(paging_index(m, 2, 0x7FFE1234), 0x1E1);
}

/* x64: bits 63:48 must copy bit 47. A non-canonical address is a #GP,
 * not a page fault; !pte refuses it. */
static void test_canonical(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	struct mm *m = session_mm(s);
	assert_true(paging_canonical(m, 0x00007FFFFFFFFFFFull));
	assert_true(paging_canonical(m, 0xFFFF800000000000ull));
	assert_false(paging_canonical(m, 0x0000800000000000ull));
	assert_false(paging_canonical(m, 0xFFFF7FFFFFFFFFFFull));
	assert_false(paging_canonical(m, 0x8000000000000000ull));
	create(s);
	TL_JSON e = run_fail(s, "syntax", "!pte 0x800000000000");
	assert_int_equal(tl_num(e, "error.arg"), 1);
	TL_JSON r = run_ok(s, "read 0x800000000000");
	assert_string_equal(tl_exception(r), "STATUS_ACCESS_VIOLATION");
	assert_true(tl_is_null(r, "result.pa"));
	assert_int_equal(tl_count_events(r, "walk"), 0); /* no walk: the CPU faults first */
	TL_SESSION s86 = tl_session(MM_ARCH_X86);
	assert_true(paging_canonical(session_mm(s86), 0xFFFFFFFFull));
	assert_false(paging_canonical(session_mm(s86), 0x100000000ull));
}

/* A directory entry with PS maps a large page: the walk stops there and
 * the offset comes from the low bits of the VA. */
static void large_walk(enum mm_arch arch, int level, uint32_t pfn, uint64_t span, va_t va)
{
	/* this machine is made inconsistent on purpose: no checker in the
	 * session (MMVIZ_CHECK=1 would abort on the next command) */
	char *saved = getenv("MMVIZ_CHECK") ? strdup(getenv("MMVIZ_CHECK")) : NULL;
	setenv("MMVIZ_CHECK", "0", 1);
	TL_SESSION s = tl_session(arch);
	if (saved)
		setenv("MMVIZ_CHECK", saved, 1);
	else
		unsetenv("MMVIZ_CHECK");
	free(saved);
	create(s);
	struct mm *m = session_mm(s);
	struct proc *p = mm_cur(m);
	struct mm_err err;
	assert_int_equal(pagetable_ensure(m, p, va, &err), 0);
	uint32_t table = paging_table(m, p, level, va);
	assert_int_not_equal(table, MM_PFN_NONE);
	pte_t v = PTE_VALID | PTE_HW_WRITE | PTE_OWNER | PTE_ACCESSED | PTE_DIRTY | PTE_LARGE | ((pte_t)pfn << 12);
	pte_store(m, table, paging_index(m, level, va), paging_entry_va(m, p, level, va), v);
	struct walk w;
	va_t probe = va + 0x12345;
	paging_walk(m, p, probe, &w);
	assert_true(w.valid);
	assert_true(w.large);
	assert_int_equal(w.stop, level);
	assert_int_equal(w.n, level + 1);
	assert_int_equal(w.pa, ((uint64_t)pfn << 12) + (probe & (span - 1)));
	assert_int_equal(w.pfn, w.pa >> 12);
	/* !pte shows the large page (no mm_check: this PDE maps frames the
	 * PFN database does not know as mapped) */
	char line[64];
	snprintf(line, sizeof line, "!pte %#llx", (unsigned long long)probe);
	TL_JSON pr = session_exec_json(s, line);
	assert_true(tl_bool(pr, "result.pte.large_page"));
	assert_int_equal(tl_len(pr, "result.levels"), level + 1);
}

static void test_large_page_walk(void **state)
{
	large_walk(MM_ARCH_X64, 2, 0x200, 2u << 20, 0x40000000ull);   /* 2 MB PDE */
	large_walk(MM_ARCH_X64, 1, 0x40000, 1u << 30, 0x80000000ull); /* 1 GB PPE */
	large_walk(MM_ARCH_PAE, 1, 0x200, 2u << 20, 0x40000000ull);   /* 2 MB PDE */
	large_walk(MM_ARCH_X86, 0, 0x400, 4u << 20, 0x40000000ull);   /* 4 MB PDE */
}

/* PS where the mode has no large page (x64 PML4, the leaf PTE's PAT
 * position) is not a large page: the walk goes on. */
static void test_ps_where_not_large(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	create(s);
	run(s, "$p = VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 7");
	struct mm *m = session_mm(s);
	struct proc *p = mm_cur(m);
	uint32_t top = p->cr3, leaf = paging_table(m, p, 3, 0x10000);
	pte_t e = pte_load(m, top, 0);
	pte_store(m, top, 0, paging_entry_va(m, p, 0, 0x10000), e | PTE_LARGE);
	struct walk w;
	paging_walk(m, p, 0x10000, &w);
	assert_true(w.valid);
	assert_false(w.large);
	assert_int_equal(w.n, 4);
	pte_store(m, top, 0, paging_entry_va(m, p, 0, 0x10000), e);
	pte_t l = pte_load(m, leaf, 0x10);
	pte_store(m, leaf, 0x10, paging_entry_va(m, p, 3, 0x10000), l | PTE_LARGE);
	paging_walk(m, p, 0x10000, &w);
	assert_true(w.valid);
	assert_false(w.large);
	assert_int_equal(w.n, 4);
	assert_int_equal(w.pfn, pte_pfn(m->arch, l));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x64_selfmap_addresses),
		cmocka_unit_test(test_x86_selfmap_addresses),
		cmocka_unit_test(test_pae_selfmap_addresses),
		cmocka_unit_test(test_selfmap_resolves_x64),
		cmocka_unit_test(test_selfmap_resolves_x86),
		cmocka_unit_test(test_selfmap_resolves_pae),
		cmocka_unit_test(test_table_frames_point_back),
		cmocka_unit_test(test_indices),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_large_page_walk),
		cmocka_unit_test(test_ps_where_not_large),
	};
	return cmocka_run_group_tests_name("07_paging", tests, NULL, NULL);
}
