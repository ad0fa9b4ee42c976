/*
 * pagetable.h — making page-table pages and writing leaf PTEs
 * (pagetable.c); reading them is hw/paging.h's walk.
 */
#ifndef MM_PAGETABLE_H
#define MM_PAGETABLE_H

#include "hw/paging.h"

/* Makes every missing table down to the last level for va (page_table
 * events). Returns 0, or -1 with err when no page or no commit was to be
 * had (nothing is changed then: the caller's command rolls back). */
int pagetable_ensure(struct mm *m, struct proc *p, va_t va, struct mm_err *err);

/* Stores the leaf PTE for va; nothing when its table is missing. */
void pagetable_set_pte(struct mm *m, struct proc *p, va_t va, pte_t v);

/* Makes a new table frame for process p (owner pid, 0 = system) at level
 * `level` for va and points the entry of the table above at it; returns
 * its PFN or MM_PFN_NONE with err. */
uint32_t pagetable_new(struct mm *m, struct proc *p, int level, va_t va, struct mm_err *err);

/* Makes frame pfn, already off every list and zeroed, the level-`level`
 * table for va in p: its PFN entry, the entry above, the other processes'
 * copies of a kernel entry, the working set. pagetable_new's second half;
 * boot calls it for a table the loader allocated (kernel.c). Cannot fail. */
void pagetable_install(struct mm *m, struct proc *p, int level, va_t va, uint32_t pfn);

#endif
