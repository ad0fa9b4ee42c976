/*
 * paging.c — the page walk as the CPU does it (paging.h): pure, it reads
 * entries from simulated frames and changes nothing. Making and freeing
 * page-table pages is the memory manager's (mm/pagetable.c).
 *
 * A process's top-level table is a frame whose PFN is its CR3
 * (DirectoryTableBase); every lower table is a frame from the PFN
 * database with use "page_table", mapped by an entry of the table above.
 * Each table's PFN entry points (pte_address, pte_frame) at the entry that
 * maps it, exactly as for data pages, and its share count is 1 + the number
 * of frames whose pte_frame is this table (pfn.c).
 *
 * The recursive self-map entry (x64 PML4[0x1ED], x86 PD[0x300], the four PAE
 * PDEs at 0xC0603000) points each top-level table at itself, so all of a
 * process's PTEs appear at PTE_BASE: the entry addresses shown by !pte are
 * these self-map addresses, as in WinDbg (docs/reference.md R-SELFMAP; the pre-1607
 * fixed bases, since Windows 10 1607 randomises them).
 *
 * User page tables are charged to the process's commit (R-COMMIT) and
 * counted in its working set, as Windows counts them.
 */
#include "paging.h"


static uint64_t va_mask(const struct mm *m)
{
	return m->arch->va_bits == 32 ? 0xFFFFFFFFull : 0xFFFFFFFFFFFFull;
}

uint64_t paging_entry_va(const struct mm *m, const struct proc *p, int level, va_t va)
{
	const struct arch *a = m->arch;
	if (a->id == MM_ARCH_PAE && level == 0) /* the PDPT is not in the self-map */
		return mm_page_address(p->cr3) + paging_index(m, 0, va) * 8u;
	uint64_t e = a->self_base[level] + ((va & va_mask(m)) >> a->shift[level]) * (uint64_t)a->pte_size;
	if (a->va_bits == 48 && (e >> 47))
		e |= 0xFFFF000000000000ull;
	return e;
}

uint32_t paging_table(const struct mm *m, const struct proc *p, int level, va_t va)
{
	uint32_t t = p->cr3;
	for (int l = 0; l < level; l++) {
		pte_t e = pte_load(m, t, paging_index(m, l, va));
		if (!(e & PTE_VALID) || (e & PTE_LARGE))
			return MM_PFN_NONE;
		t = pte_pfn(m->arch, e);
	}
	return t;
}

/* The walk once per mode and starting level (paging_walk_as in paging.h),
 * so that every level's index field is a constant: the TLB-miss path
 * (docs/quality.md Q-PERF). */
void paging_walk_from(const struct mm *m, const struct proc *p, va_t va, const struct walk_start *from,
		      struct walk *restrict w)
{
	int l = 0;
	uint32_t t = p->cr3;
	uint16_t rights = TLBF_WRITE | TLBF_USER;
	if (from) {
		l = from->level, t = from->table, rights = from->rights;
		memcpy(w->tables, from->above, sizeof from->above); /* those of the levels above; the rest is written below */
	}
	paging_walk_mode(m, t, l, rights, va, w);
}

void paging_walk_addresses(const struct mm *m, const struct proc *p, va_t va, struct walk *w)
{
	for (int i = 0; i < w->n; i++)
		w->lv[i].entry_va = paging_entry_va(m, p, w->lv[i].level, va);
	w->ref.entry_va = w->lv[w->n - 1].entry_va;
}

void paging_walk(const struct mm *m, const struct proc *p, va_t va, struct walk *w)
{
	paging_walk_from(m, p, va, NULL, w);
	paging_walk_addresses(m, p, va, w);
}

struct pte_ref paging_ref(const struct mm *m, const struct proc *p, int level, va_t va)
{
	return (struct pte_ref){paging_table(m, p, level, va), paging_index(m, level, va), paging_entry_va(m, p, level, va), level};
}

struct pte_ref paging_leaf_ref(const struct mm *m, const struct proc *p, va_t va)
{
	return paging_ref(m, p, m->arch->levels - 1, va);
}

pte_t paging_get_pte(const struct mm *m, const struct proc *p, va_t va)
{
	int last = m->arch->levels - 1;
	uint32_t t = paging_table(m, p, last, va);
	return t == MM_PFN_NONE ? 0 : pte_load(m, t, paging_index(m, last, va));
}
