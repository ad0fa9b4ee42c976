/*
 * paging.h — page tables that live in simulated frames, as the CPU reads
 * them: the walk, the index fields, the self-map addresses of entries.
 */
#ifndef MM_PAGING_H
#define MM_PAGING_H

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
	uint64_t entry_va;          /* the entry's own address (self-map; PAE PDPTE: physical) */
	pte_t value;
};

struct walk {
	int n;                      /* levels read */
	struct walk_level lv[MM_MAX_LEVELS];
	bool valid;                 /* the translation completed */
	bool large;                 /* ended in a large-page entry */
	int stop;                   /* level of the last entry read */
	uint32_t pfn;               /* valid: the 4 KB frame holding va */
	uint64_t pa;
	struct pte_ref ref;         /* the last entry read (lv[n - 1]): the leaf PTE when stop is the last level */
};

/* Reads the tables from the process's CR3 down; changes nothing. */
void paging_walk(const struct mm *m, const struct proc *p, va_t va, struct walk *w);

uint32_t paging_index(const struct mm *m, int level, va_t va);
uint64_t paging_entry_va(const struct mm *m, const struct proc *p, int level, va_t va);
bool paging_is_user(const struct mm *m, va_t va);
bool paging_canonical(const struct mm *m, va_t va);
/* The table at level `level` for va, MM_PFN_NONE when a table above is
 * missing. Level 0 is the top (CR3 or the PAE PDPT). */
uint32_t paging_table(const struct mm *m, const struct proc *p, int level, va_t va);

/* The entry at `level` for va (paging_leaf_ref: the last level, the PTE);
 * its table is MM_PFN_NONE when a table above is missing. Reads only. */
struct pte_ref paging_ref(const struct mm *m, const struct proc *p, int level, va_t va);
struct pte_ref paging_leaf_ref(const struct mm *m, const struct proc *p, va_t va);

/* The leaf PTE for va (0 when its table is missing). */
pte_t paging_get_pte(const struct mm *m, const struct proc *p, va_t va);

#endif
