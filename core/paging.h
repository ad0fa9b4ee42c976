/*
 * paging.h — page tables that live in simulated frames: the walk, the
 * self-map addresses of entries, and making tables on demand.
 */
#ifndef MM_PAGING_H
#define MM_PAGING_H

#include "machine.h"
#include "pte.h"

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

/* Makes every missing table down to the last level for va (page_table
 * events). Returns 0, or -1 with err when no page or no commit was to be
 * had (nothing is changed then: the caller's command rolls back). */
int paging_ensure_tables(struct mm *m, struct proc *p, va_t va, struct mm_err *err);

/* The leaf PTE for va (0 when its table is missing) and its store. */
pte_t paging_get_pte(const struct mm *m, const struct proc *p, va_t va);
void paging_set_pte(struct mm *m, struct proc *p, va_t va, pte_t v);

/* Makes a new table frame for process p (owner pid, 0 = system); the entry
 * at (parent, index, entry_va) is written to point at it. */
uint32_t paging_new_table(struct mm *m, struct proc *p, int level, va_t va, struct mm_err *err);

#endif
