/*
 * paging.h — page tables that live in simulated frames, as the CPU reads
 * them: the walk, the index fields, the self-map addresses of entries.
 */
#ifndef MM_PAGING_H
#define MM_PAGING_H

#include "arch.h"
#include "base/machine.h"
#include "pte.h"

/* Where one entry lives: its table's frame, its index there, its own
 * (self-map) address, its level. Found once — by the walk, or by
 * paging_leaf_ref — and handed on, as xv6's walk() hands back a PTE
 * pointer: whoever reads or writes the entry afterwards uses this and does
 * not derive it from the address again. */
struct pte_ref {
	uint32_t table;             /* PFN of the table; MM_PFN_NONE when a table above is missing */
	uint32_t index;
	uint64_t entry_va;          /* the entry's own address (self-map; PAE PDPTE: physical) */
	int level;                  /* 0 = outermost */
};

static inline pte_t pte_ref_load(const struct mm *m, const struct pte_ref *ref)
{
	return pte_load(m, ref->table, ref->index);
}
/* Writes through the journaled pte_store (a pte_write event). */
static inline void pte_ref_store(struct mm *m, const struct pte_ref *ref, pte_t v)
{
	pte_store(m, ref->table, ref->index, ref->entry_va, v);
}

struct walk_level {
	int level;                  /* 0 = outermost */
	uint32_t index;
	uint32_t table;             /* PFN of the table read */
	uint16_t rights;            /* TLBF_WRITE | TLBF_USER | TLBF_NX of the levels down to this one */
	uint64_t entry_va;          /* the entry's own address (self-map; PAE PDPTE: physical); 0 unless asked for */
	pte_t value;
};

/* Where a walk starts: level 0 at CR3 with every right, or lower down
 * where the paging-structure cache (psc.h) already knows the table, with
 * the rights of the levels it skips and the tables they were read from. */
struct walk_start {
	int level;
	uint32_t table;             /* the table at `level` */
	uint16_t rights;            /* TLBF_WRITE | TLBF_USER | TLBF_NX of the levels above */
	uint32_t above[MM_MAX_LEVELS]; /* the tables of the levels above (0 .. level - 1) */
};

struct walk {
	int n;                      /* levels read */
	int first;                  /* the level the walk started at (0 unless the cache skipped some) */
	struct walk_level lv[MM_MAX_LEVELS]; /* the levels read: lv[i] is level first + i */
	bool valid;                 /* the translation completed */
	bool large;                 /* ended in a large-page entry */
	int stop;                   /* level of the last entry read */
	uint16_t rights;            /* valid: TLBF_* the translation grants, as the TLB caches them */
	uint32_t pfn;               /* valid: the 4 KB frame holding va */
	uint64_t pa;
	uint32_t tables[MM_MAX_LEVELS]; /* the table at each level down to stop, read or from the cache */
	struct pte_ref ref;         /* the last entry read (lv[n - 1]): the leaf PTE when stop is the last level */
};

/* Reads the tables from the process's CR3 down; changes nothing. Every
 * level's entry address is filled in. */
void paging_walk(const struct mm *m, const struct proc *p, va_t va, struct walk *w);

/* The CPU's walk (psc_walk, the TLB-miss path): from `from` (NULL: CR3)
 * down, accumulating the rights as the CPU does. Entry addresses exist
 * only for the walk events and the fault handler, so none is computed:
 * lv[].entry_va and ref.entry_va are 0 until paging_walk_addresses (all)
 * or paging_ref_address (the one a fault handler needs) fills them in.
 * Changes nothing. */
void paging_walk_from(const struct mm *m, const struct proc *p, va_t va, const struct walk_start *from,
		      struct walk *restrict w);
/* Every level's entry address for a walk of va made by paging_walk_from. */
void paging_walk_addresses(const struct mm *m, const struct proc *p, va_t va, struct walk *w);

uint64_t paging_entry_va(const struct mm *m, const struct proc *p, int level, va_t va);

/* ref->entry_va for a ref found by a walk without addresses. */
static inline void paging_ref_address(const struct mm *m, const struct proc *p, va_t va, struct pte_ref *ref)
{
	ref->entry_va = paging_entry_va(m, p, ref->level, va);
}

/* The index of va's entry in its level-`level` table. */
static inline uint32_t paging_index(const struct mm *m, int level, va_t va)
{
	const struct arch *a = m->arch;
	return (uint32_t)((va >> a->shift[level]) & ((1ull << a->bits[level]) - 1));
}

/* User space is the lower half: below MmSystemRangeStart on x86/PAE
 * (0x80000000, 0xC0000000 when booted /3GB), below the
 * canonical hole (bit 47 clear) on x64. Table walkers build addresses
 * without sign extension, so the test must not rely on MmSystemRangeStart
 * (0xFFFF8000...) alone. */
static inline bool paging_is_user(const struct mm *m, va_t va)
{
	return m->arch->va_bits == 48 ? va < (1ull << 47) : va < m->lay.system_range_start; /* 0xC0000000 under /3GB */
}

/* x86/PAE: 32 bits; x64: bits 63..47 all equal (else the CPU raises #GP). */
static inline bool paging_canonical(const struct mm *m, va_t va)
{
	if (m->arch->va_bits == 32)
		return va <= 0xFFFFFFFFull;
	uint64_t top = va >> 47;
	return top == 0 || top == 0x1FFFF;
}
/* The table at level `level` for va, MM_PFN_NONE when a table above is
 * missing. Level 0 is the top (CR3 or the PAE PDPT). */
uint32_t paging_table(const struct mm *m, const struct proc *p, int level, va_t va);

/* The entry at `level` for va (paging_leaf_ref: the last level, the PTE);
 * its table is MM_PFN_NONE when a table above is missing. Reads only. */
struct pte_ref paging_ref(const struct mm *m, const struct proc *p, int level, va_t va);
struct pte_ref paging_leaf_ref(const struct mm *m, const struct proc *p, va_t va);

/* The leaf PTE for va (0 when its table is missing). */
pte_t paging_get_pte(const struct mm *m, const struct proc *p, va_t va);

/* The rights an entry leaves for the levels below: R/W and U/S must be
 * set at every level, NX at any level forbids execution. PAE PDPTEs have
 * no R/W, U/S or NX bits (they are reserved there): the rights come from
 * the levels below, so the walk passes such an entry as `neutral`.
 * Branch-free: the walk's levels are the TLB-miss path (docs/quality.md
 * Q-PERF). */
static inline uint16_t paging_rights_after(pte_t v, bool neutral, uint16_t r)
{
	_Static_assert(PTE_HW_WRITE << 1 == TLBF_WRITE && PTE_OWNER << 1 == TLBF_USER && PTE_NX >> 59 == TLBF_NX,
		       "paging_rights_after moves the entry's bits into place");
	uint64_t keep = neutral ? PTE_HW_WRITE | PTE_OWNER : v, nx = neutral ? 0 : v;
	return (uint16_t)((r & (TLBF_NX | ((keep & (PTE_HW_WRITE | PTE_OWNER)) << 1))) | ((nx >> 59) & TLBF_NX));
}

/* The walk ends in a translation at level l: a 4 KB page or a large one. */
static inline __attribute__((always_inline)) void paging_translated(const struct arch *a, va_t va, int l, pte_t v,
								    struct walk *w)
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

/* The walk of paging_walk_from for one mode, a = &arch_modes[MODE] (a
 * constant): inlined into a function per mode, so that the levels, the
 * index fields, the entry size and the large-page levels are constants and
 * the loop is unrolled (docs/quality.md Q-PERF); psc_walk uses it too.
 * From table t at level l with the rights of the levels above (w->tables
 * of those levels already filled in) down to the leaf, a large page or an
 * entry not present. It reads one entry a level and nothing else: no
 * entry address is computed (paging_walk_addresses adds them). */
static inline __attribute__((always_inline)) void paging_walk_as(const struct mm *m, const struct arch *a, uint32_t t,
								 int l, uint16_t rights, va_t va, struct walk *restrict w)
{
	const int last = a->levels - 1;
	struct walk_level *lv = w->lv;
	w->first = l;
	w->valid = w->large = false;
	w->pfn = 0;
	w->pa = 0;
#pragma GCC unroll 4
	for (int k = 0; k < MM_MAX_LEVELS; k++, l++, lv++) {
		if (l > last) /* not reached: the leaf level ends the walk */
			break;
		uint32_t index = (uint32_t)((va >> a->shift[l]) & ((1ull << a->bits[l]) - 1));
		pte_t v = a->pte_size == 4 ? physmem_read32(m, t, index * 4) : physmem_read64(m, t, index * 8);
		rights = paging_rights_after(v, a->id == MM_ARCH_PAE && l == 0, rights);
		*lv = (struct walk_level){.level = l, .index = index, .table = t, .rights = rights, .value = v};
		w->tables[l] = t;
		/* Not present, the leaf, or a large page where the mode has them. */
		if (!(v & PTE_VALID) || l == last || ((v & PTE_LARGE) && (a->large_levels & (1u << l))))
			break;
		t = pte_pfn(a, v);
	}
	/* lv is the last entry read: the leaf, a large page or not present. */
	w->n = (int)(lv - w->lv) + 1;
	w->stop = lv->level;
	w->rights = rights;
	w->ref = (struct pte_ref){lv->table, lv->index, 0, lv->level};
	if (lv->value & PTE_VALID)
		paging_translated(a, va, lv->level, lv->value, w);
}

/* paging_walk_as for m's mode from level l (0 .. levels - 1), each
 * combination compiled on its own. */
static inline __attribute__((always_inline)) void paging_walk_mode(const struct mm *m, uint32_t t, int l,
								   uint16_t rights, va_t va, struct walk *restrict w)
{
#define PAGING_WALK_AT(MODE, L) \
	case L: paging_walk_as(m, &arch_modes[MODE], t, L, rights, va, w); break
	switch (m->arch->id) {
	case MM_ARCH_X86:
		switch (l) {
		PAGING_WALK_AT(MM_ARCH_X86, 0);
		default: PAGING_WALK_AT(MM_ARCH_X86, 1);
		}
		break;
	case MM_ARCH_PAE:
		switch (l) {
		PAGING_WALK_AT(MM_ARCH_PAE, 0);
		PAGING_WALK_AT(MM_ARCH_PAE, 1);
		default: PAGING_WALK_AT(MM_ARCH_PAE, 2);
		}
		break;
	case MM_ARCH_X64:
	default:
		switch (l) {
		PAGING_WALK_AT(MM_ARCH_X64, 0);
		PAGING_WALK_AT(MM_ARCH_X64, 1);
		PAGING_WALK_AT(MM_ARCH_X64, 2);
		default: PAGING_WALK_AT(MM_ARCH_X64, 3);
		}
		break;
	}
#undef PAGING_WALK_AT
}

#endif
