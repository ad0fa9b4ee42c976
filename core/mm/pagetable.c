/*
 * pagetable.c — page-table pages as the memory manager makes them
 * (pagetable.h): a new table is a zeroed frame charged to the process's
 * commit (user tables, docs/reference.md R-COMMIT), entered in the table
 * above, counted in the working set; kernel tables are shared by every
 * process. The walk that reads them is the hardware's (hw/paging.c).
 */
#include "pagetable.h"

#include "commit.h"
#include "counters.h"
#include "pfn.h"
#include "process.h"
#include "wsmgr.h"
#include "mmmsg.h"

void pagetable_set_pte(struct mm *m, struct proc *p, va_t va, pte_t v)
{
	struct pte_ref pte = paging_leaf_ref(m, p, va);
	if (pte.table != MM_PFN_NONE)
		pte_ref_store(m, &pte, v);
}

/* System space looks the same from every process: a new kernel table whose
 * parent is a per-process table (the top level on x86 and x64, a page
 * directory on PAE) is entered in every process at once. (x86 Windows
 * fills other processes' directories lazily from MmSystemPagePtes on a
 * fault; doing it eagerly shows the same final state.) */
static void share_kernel_entry(struct mm *m, struct proc *p, int plevel, va_t va, uint64_t entry_va, pte_t v)
{
	int per_process = m->arch->id == MM_ARCH_PAE ? 1 : 0;
	if (plevel != per_process)
		return;
	for (int i = 0; i < MM_MAX_PROCS; i++) {
		struct proc *q = &m->proc[i];
		if (!q->alive || q == p)
			continue;
		uint32_t t = paging_table(m, q, plevel, va);
		if (t != MM_PFN_NONE)
			pte_store(m, t, paging_index(m, plevel, va), entry_va, v);
	}
}

uint32_t pagetable_new(struct mm *m, struct proc *p, int level, va_t va, struct mm_err *err)
{
	bool user = paging_is_user(m, va);
	if (user && commit_charge(m, p, 1, COMMIT_PAGE_TABLE, err) < 0)
		return MM_PFN_NONE;
	uint32_t pfn = pfn_remove_zero_page(m);
	if (pfn == MM_PFN_NONE) {
		if (user)
			commit_return(m, p, 1, COMMIT_PAGE_TABLE);
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, MMM_PT_NO_FRAME);
		return MM_PFN_NONE;
	}
	pagetable_install(m, p, level, va, pfn);
	counters_demand_zero(m); /* Windows makes it by a demand-zero fault on its self-map address */
	return pfn;
}

void pagetable_install(struct mm *m, struct proc *p, int level, va_t va, uint32_t pfn)
{
	bool user = paging_is_user(m, va);
	struct pte_ref up = paging_ref(m, p, level - 1, va); /* the entry above that will point at it */
	pfn_initialize(m, pfn, up.entry_va, up.table, user ? p->pid : 0, USE_PAGE_TABLE, 0, true);
	pte_t entry = pte_make_table(m->arch, pfn, user);
	pte_ref_store(m, &up, entry);
	if (!user)
		share_kernel_entry(m, p, level - 1, va, up.entry_va, entry);
	MM_SET64(m, &p->page_tables, p->page_tables + 1);
	wsmgr_add(m, p, mm_page_base(paging_entry_va(m, p, level, va)), pfn, WSLE_TABLE);
	MM_EMIT(m, EV_PAGE_TABLE, level, pfn, va, p->pid);
}

int pagetable_ensure(struct mm *m, struct proc *p, va_t va, struct mm_err *err)
{
	int pde = m->arch->levels - 2;
	uint32_t pd = paging_table(m, p, pde, va);
	if (pd != MM_PFN_NONE && (pte_load(m, pd, paging_index(m, pde, va)) & PTE_LARGE))
		return mm_fail_tr(err, "STATUS_CONFLICTING_ADDRESSES", 1, MMM_PT_LARGE, (unsigned long long)va);
	for (int l = 1; l < m->arch->levels; l++) {
		if (paging_table(m, p, l, va) != MM_PFN_NONE)
			continue;
		if (pagetable_new(m, p, l, va, err) == MM_PFN_NONE)
			return -1;
	}
	return 0;
}
