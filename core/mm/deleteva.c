/*
 * deleteva.c — releasing address ranges, after the WRK's deleteva.c
 * (MiDeleteVirtualAddresses, MiDeletePte; docs/reference.md R-VFREE):
 * whatever a range's PTEs hold goes back — a resident private page to the
 * free list (its working-set entry and any VirtualLock with it), a
 * transition page straight to the free list, a page-file copy's slot —
 * and the PTEs become zero (release) or the decommitted PTE (decommit).
 * Page tables left without a used entry are freed, and so on up; the
 * VirtualFree rules that decide what to release are vm.c's, views are
 * section.c's, process exit is process.c's.
 *
 * Invariant: after deleteva_range(start, end) no PTE of the range holds a
 * frame or a page-file slot, and no page table of the range is empty
 * (check.c P1-P2 and the frame and slot conservation checks).
 */
#include "deleteva.h"

#include "commit.h"
#include "pagefile.h"
#include "pagetable.h"
#include "pfn.h"
#include "hw/tlb.h"
#include "largepage.h"
#include "vad.h"
#include "wsmgr.h"

/* A private page goes away (MiDeletePte). private_pages counts resident
 * private pages, so only a valid page lowers it. */
static void release_frame(struct mm *m, struct proc *p, va_t va, uint32_t pfn, bool valid)
{
	if (valid) {
		tlb_flush_va(m, va);
		wsmgr_remove(m, p, mm_page_base(va), pfn); /* a VirtualLock goes with the entry */
		if (pfn == m->shared_data_pfn) { /* the kernel's page, only unmapped */
			pfn_decrement_share(m, pfn);
			return;
		}
		MM_SET64(m, &p->private_pages, p->private_pages - 1);
		pfn_mark_deleted(m, pfn);
		pfn_decrement_share(m, pfn);
		return;
	}
	/* A transition page on the standby or modified list: straight to free. */
	pfn_delete_transition(m, pfn);
}

void deleteva_page(struct mm *m, struct proc *p, va_t va, pte_t newpte)
{
	struct pte_ref pte = paging_leaf_ref(m, p, va);
	if (pte.table == MM_PFN_NONE)
		return;
	pte_t v = pte_ref_load(m, &pte);
	struct pte_info pi;
	pte_decode(m->arch, v, &pi);
	pte_ref_store(m, &pte, newpte); /* first the PTE, then the frame it held */
	if (pi.format == PTE_FMT_HARDWARE || pi.format == PTE_FMT_TRANSITION)
		release_frame(m, p, va, pi.pfn, pi.valid);
	else if (pi.format == PTE_FMT_PAGEFILE) /* the page lives only in the page file */
		pagefile_free(m, pi.pagefile, pi.offset);
}

/* A table none of whose entries is in use any more is freed, and so on up
 * (Windows tracks UsedPageTableEntries for this). */
static void trim_tables(struct mm *m, struct proc *p, va_t va)
{
	const struct arch *a = m->arch;
	int lowest = a->id == MM_ARCH_PAE ? 2 : 1; /* PAE directories and every top level stay */
	for (int l = a->levels - 1; l >= lowest; l--) {
		uint32_t t = paging_table(m, p, l, va);
		if (t == MM_PFN_NONE)
			continue;
		uint32_t n = 1u << a->bits[l];
		for (uint32_t i = 0; i < n; i++)
			if (pte_load(m, t, i))
				return;
		struct pte_ref up = paging_ref(m, p, l - 1, va); /* the entry that maps table t */
		pte_ref_store(m, &up, 0);
		wsmgr_remove(m, p, mm_page_base(paging_entry_va(m, p, l, va)), t);
		pfn_mark_deleted(m, t);
		pfn_decrement_share(m, t);
		MM_SET64(m, &p->page_tables, p->page_tables - 1);
		commit_return(m, p, 1, COMMIT_PAGE_TABLE);
	}
}

static void release_span(struct mm *m, struct proc *p, va_t start, va_t end, pte_t newpte)
{
	va_t last_table = ~0ull;
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		deleteva_page(m, p, va, newpte);
		va_t t = va >> m->arch->shift[m->arch->levels - 2];
		if (newpte == 0 && t != last_table) {
			if (last_table != ~0ull)
				trim_tables(m, p, va - MM_PAGE_SIZE);
			last_table = t;
		}
		/* skip the rest of a missing table quickly */
		if (paging_table(m, p, m->arch->levels - 1, va) == MM_PFN_NONE) {
			uint64_t span = 1ull << m->arch->shift[m->arch->levels - 2];
			va_t next = mm_page_base(va | (span - 1));
			if (next > va)
				va = next;
		}
	}
	if (newpte == 0)
		trim_tables(m, p, end);
}

void deleteva_range(struct mm *m, struct proc *p, va_t start, va_t end)
{
	release_span(m, p, start, end, 0);
}

void deleteva_vad(struct mm *m, struct proc *p, uint32_t idx)
{
	struct vad *v = vad_at(m, idx);
	va_t s = mm_page_address(v->start), e = mm_page_last(mm_page_address(v->end));
	uint64_t charge = v->commit_charge;
	if (v->flags & VADF_LARGE_PAGES)
		largepage_free(m, p, s, e); /* MiFreeLargePages; the tables go below */
	release_span(m, p, s, e, 0);
	commit_return(m, p, charge, COMMIT_PRIVATE);
	vad_delete(m, p, idx);
}
