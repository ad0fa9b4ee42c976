/*
 * psc.h — the CPU's paging-structure caches (docs/reference.md R-PSC):
 * upper-level entries (PML4E, PDPTE, PDE) kept by the address bits they
 * translate, so that a TLB miss walks only the levels below the deepest
 * one cached. Journaled like the TLB (psc.c).
 */
#ifndef MM_PSC_H
#define MM_PSC_H

#include "base/machine.h"
#include "paging.h"

/* Why the caches were emptied (the psc_flush event's b). */
enum psc_reason {
	PSC_FLUSH_PAGE,     /* INVLPG of one page (tlb_flush_va) */
	PSC_FLUSH_CR3,      /* a CR3 load (tlb_flush_nonglobal) */
	PSC_FLUSH_ALL,      /* the whole TLB (tlb_flush_all) */
	PSC_FLUSH_ENTRY,    /* an entry above the leaf that a cached entry depends on changed (pte_store) */
};

/* The CPU's walk on a TLB miss (docs/reference.md R-PSC), in one pass with
 * each entry in hand: the look-up of the deepest cached upper-level entry
 * (a psc_hit event), the walk of the current process's tables below it
 * (paging_walk_from; one walk event a level read, with its entry address,
 * when events are recorded), and the caching of every entry it read that
 * points at a table, at the levels the paging mode caches (psc_fill).
 * *w is as paging_walk_from leaves it: no entry addresses. */
void psc_walk(struct mm *m, const struct proc *p, va_t va, struct walk *w);

/* Empties every cache; what: the page (PSC_FLUSH_PAGE) or the table
 * written (PSC_FLUSH_ENTRY), else 0. Nothing cached: nothing happens, no
 * event. */
void psc_flush(struct mm *m, enum psc_reason why, uint64_t what);

/* pte_store's hook: the entry at `index` of frame `table` changes from
 * `old`. When a cached entry was read from that frame and `old` was
 * present, the caches are emptied (PSC_FLUSH_ENTRY). */
void psc_note_write(struct mm *m, uint32_t table, pte_t old);

/* The first address the valid entry e of `level` translates (for !tlb). */
va_t psc_entry_va(const struct mm *m, int level, const struct psc_entry *e);

/* Cached entries that disagree with the tables (check.c's PSC1, PSC2): the
 * first problem as text in buf, or NULL. */
const char *psc_check(const struct mm *m, char *buf, size_t n);

/* Boot (from tlb_init): the sizes of the mode's caches, every entry invalid. */
void psc_init(struct mm *m);

#endif
