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

/* The rights an entry leaves for the levels below: R/W and U/S must be
 * set at every level, NX at any level forbids execution. PAE PDPTEs have
 * no R/W, U/S or NX bits (they are reserved there): the rights come from
 * the levels below, so the walk passes such an entry as `neutral`.
 * Branch-free: the walk's levels are the TLB-miss path (docs/quality.md
 * Q-PERF). */
static inline uint16_t rights_after(pte_t v, bool neutral, uint16_t r)
{
	if (neutral)
		v = (v | PTE_HW_WRITE | PTE_OWNER) & ~PTE_NX;
	uint16_t lose = (uint16_t)(((v & PTE_HW_WRITE) ? 0 : TLBF_WRITE) | ((v & PTE_OWNER) ? 0 : TLBF_USER));
	return (uint16_t)((r & ~lose) | ((v & PTE_NX) ? TLBF_NX : 0));
}

/* The walk ends in a translation at level l: a 4 KB page or a large one. */
static void translated(const struct arch *a, va_t va, int l, pte_t v, struct walk *w)
{
	w->valid = true;
	if (l < a->levels - 1) { /* a large page: the entry maps 2 MB / 4 MB / 1 GB directly */
		uint64_t span = 1ull << a->shift[l];
		w->pa = mm_page_address(pte_pfn(a, v)) + (va & (span - 1));
		w->pfn = (uint32_t)mm_page_number(w->pa);
		w->large = true;
		w->rights |= TLBF_LARGE;
	} else {
		w->pfn = pte_pfn(a, v);
		w->pa = mm_page_address(w->pfn) | mm_page_offset(va);
	}
	if (v & PTE_GLOBAL)
		w->rights |= TLBF_GLOBAL;
}

/* Does the walk stop at entry v of level l: not present, the leaf, or a
 * large page where the mode has them? */
static inline bool walk_stops(const struct arch *a, int l, pte_t v)
{
	return !(v & PTE_VALID) || l == a->levels - 1 || ((v & PTE_LARGE) && (a->large_levels & (1u << l)));
}

void paging_walk_from(const struct mm *m, const struct proc *p, va_t va, const struct walk_start *from,
		      bool addresses, struct walk *w)
{
	const struct arch *a = m->arch;
	int l = from ? from->level : 0;
	uint32_t t = from ? from->table : p->cr3;
	uint16_t rights = from ? from->rights : TLBF_WRITE | TLBF_USER;
	struct walk_level *lv = w->lv;
	w->first = l;
	w->valid = w->large = false;
	w->pfn = 0;
	w->pa = 0;
	for (int k = 0; k < l; k++)
		w->tables[k] = from->above[k];
	for (;; l++, lv++) {
		uint32_t index = paging_index(m, l, va);
		pte_t v = pte_load(m, t, index);
		rights = rights_after(v, a->id == MM_ARCH_PAE && l == 0, rights);
		*lv = (struct walk_level){.level = l, .index = index, .table = t, .rights = rights,
					  .entry_va = addresses ? paging_entry_va(m, p, l, va) : 0, .value = v};
		w->tables[l] = t;
		if (walk_stops(a, l, v))
			break;
		t = pte_pfn(a, v);
	}
	/* lv is the last entry read: the leaf, a large page or not present. */
	w->n = (int)(lv - w->lv) + 1;
	w->stop = l;
	w->rights = rights;
	w->ref = (struct pte_ref){lv->table, lv->index, lv->entry_va, l};
	if (lv->value & PTE_VALID)
		translated(a, va, l, lv->value, w);
}

void paging_walk(const struct mm *m, const struct proc *p, va_t va, struct walk *w)
{
	paging_walk_from(m, p, va, NULL, true, w);
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
