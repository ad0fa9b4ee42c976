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


uint32_t paging_index(const struct mm *m, int level, va_t va)
{
	const struct arch *a = m->arch;
	return (uint32_t)((va >> a->shift[level]) & ((1ull << a->bits[level]) - 1));
}

/* User space is the lower half: below 0x80000000 on x86/PAE, below the
 * canonical hole (bit 47 clear) on x64. Table walkers build addresses
 * without sign extension, so the test must not rely on MmSystemRangeStart
 * (0xFFFF8000...) alone. */
bool paging_is_user(const struct mm *m, va_t va)
{
	return m->arch->va_bits == 48 ? va < (1ull << 47) : va < 0x80000000ull;
}

bool paging_canonical(const struct mm *m, va_t va)
{
	if (m->arch->va_bits == 32)
		return va <= 0xFFFFFFFFull;
	uint64_t top = va >> 47;
	return top == 0 || top == 0x1FFFF;
}

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

void paging_walk(const struct mm *m, const struct proc *p, va_t va, struct walk *w)
{
	const struct arch *a = m->arch;
	memset(w, 0, sizeof *w);
	uint32_t t = p->cr3;
	for (int l = 0; l < a->levels; l++) {
		struct walk_level *lv = &w->lv[w->n++];
		lv->level = l;
		lv->index = paging_index(m, l, va);
		lv->table = t;
		lv->entry_va = paging_entry_va(m, p, l, va);
		lv->value = pte_load(m, t, lv->index);
		w->ref = (struct pte_ref){t, lv->index, lv->entry_va, l};
		w->stop = l;
		if (!(lv->value & PTE_VALID))
			return;
		bool last = l == a->levels - 1;
		if (!last && (lv->value & PTE_LARGE) && (a->large_levels & (1u << l))) {
			/* A large page: the entry maps 2 MB / 4 MB / 1 GB directly. */
			uint64_t span = 1ull << a->shift[l];
			uint64_t base = mm_page_address(pte_pfn(a, lv->value));
			w->pa = base + (va & (span - 1));
			w->pfn = (uint32_t)mm_page_number(w->pa);
			w->valid = w->large = true;
			return;
		}
		if (last) {
			w->pfn = pte_pfn(a, lv->value);
			w->pa = mm_page_address(w->pfn) | mm_page_offset(va);
			w->valid = true;
			return;
		}
		t = pte_pfn(a, lv->value);
	}
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
