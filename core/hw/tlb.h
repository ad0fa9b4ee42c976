/*
 * tlb.h — the simulated translation look-aside buffer: set-associative
 * (TLB_WAYS ways), configurable size, global entries that survive a CR3
 * switch (docs/reference.md R-TLB).
 */
#ifndef MM_TLB_H
#define MM_TLB_H

#include "base/machine.h"

/* Look-up: the entry for va's page in the current address space, or NULL.
 * Changes nothing (the hit path is pure reads). */
static inline const struct tlb_entry *tlb_lookup(const struct mm *m, va_t va)
{
	uint64_t vpn = mm_page_number(va);
	const struct tlb_entry *set = &m->tlb[(vpn & (uint64_t)(m->tlb_sets - 1)) * TLB_WAYS];
	for (int w = 0; w < TLB_WAYS; w++)
		if (set[w].vpn == vpn && (set[w].flags & TLBF_VALID))
			return &set[w];
	/* A large page has one entry, kept under the large page's first VPN. */
	uint64_t lvpn = vpn & ~((1ull << (m->large_shift - MM_PAGE_SHIFT)) - 1);
	set = &m->tlb[(lvpn & (uint64_t)(m->tlb_sets - 1)) * TLB_WAYS];
	for (int w = 0; w < TLB_WAYS; w++)
		if (set[w].vpn == lvpn && (set[w].flags & (TLBF_VALID | TLBF_LARGE)) == (TLBF_VALID | TLBF_LARGE))
			return &set[w];
	return NULL;
}

/* The frame an entry gives for va (a large page's frames are contiguous). */
static inline uint32_t tlb_entry_pfn(const struct tlb_entry *e, va_t va)
{
	return e->pfn + (uint32_t)(mm_page_number(va) - e->vpn);
}

void tlb_fill(struct mm *m, va_t va, uint32_t pfn, uint16_t flags);
void tlb_flush_va(struct mm *m, va_t va);
/* CR3 load: every non-global entry goes. */
void tlb_flush_nonglobal(struct mm *m);
void tlb_flush_all(struct mm *m);

/* Boot: the TLB's arrays, every entry invalid (-1: host memory); and their release. */
int tlb_init(struct mm *m);
void tlb_fini(struct mm *m);

#endif
