/*
 * tlb.c — the simulated TLB's look-ups, fills and flushes (tlb.h). Entries
 * are journaled state like any other, so stepping back shows the TLB as it
 * was. Replacement is round-robin per set: deterministic, and it keeps the
 * hit path free of writes (a hit changes nothing, which is what makes it
 * fast).
 *
 * Large pages are cached as 4 KB entries for the page touched (what CPUs
 * call splintering); the entry keeps a "large" flag for display.
 *
 * Every flush — one page (INVLPG), a CR3 load, the whole TLB — empties the
 * paging-structure caches too (psc.c, docs/reference.md R-PSC).
 */
#include "tlb.h"

#include <stdlib.h>

#include "psc.h"

void tlb_flush_va(struct mm *m, va_t va)
{
	uint64_t vpn = mm_page_number(va), lvpn = vpn & ~((1ull << (m->large_shift - MM_PAGE_SHIFT)) - 1);
	for (int pass = 0; pass < 2; pass++) {
		uint64_t v = pass ? lvpn : vpn;
		struct tlb_entry *set = tlb_set_of(m, v);
		for (int w = 0; w < TLB_WAYS; w++)
			if ((set[w].flags & TLBF_VALID) && set[w].vpn == v && (!pass || (set[w].flags & TLBF_LARGE))) {
				MM_SET16(m, &set[w].flags, 0);
				MM_EMIT(m, EV_TLB_FLUSH, 1, 0, mm_page_address(v), 0);
			}
	}
	psc_flush(m, PSC_FLUSH_PAGE, mm_page_base(va)); /* INVLPG empties the paging-structure caches (R-PSC) */
}

static void flush(struct mm *m, bool keep_global, int how)
{
	uint64_t n = 0, total = (uint64_t)m->tlb_sets * TLB_WAYS;
	for (uint64_t i = 0; i < total; i++) {
		struct tlb_entry *e = &m->tlb[i];
		if (!(e->flags & TLBF_VALID) || (keep_global && (e->flags & TLBF_GLOBAL)))
			continue;
		MM_SET16(m, &e->flags, 0);
		n++;
	}
	MM_EMIT(m, EV_TLB_FLUSH, n, (uint64_t)how, 0, 0);
	psc_flush(m, how == 1 ? PSC_FLUSH_CR3 : PSC_FLUSH_ALL, 0);
}

void tlb_flush_nonglobal(struct mm *m) { flush(m, true, 1); }
void tlb_flush_all(struct mm *m) { flush(m, false, 2); }

/* Boot: cfg.tlb_entries entries in sets of TLB_WAYS, all invalid. */
int tlb_init(struct mm *m)
{
	m->tlb_sets = MM_MAX(1, m->cfg.tlb_entries / TLB_WAYS);
	m->large_shift = m->arch->shift[m->arch->levels - 2];
	m->tlb = mm_calloc(&m->alloc, (size_t)m->tlb_sets * TLB_WAYS, sizeof *m->tlb);
	m->tlb_next = mm_calloc(&m->alloc, (size_t)m->tlb_sets, 1);
	psc_init(m); /* the paging-structure caches are sized with the TLB */
	return m->tlb && m->tlb_next ? 0 : -1;
}

void tlb_fini(struct mm *m)
{
	mm_free_mem(&m->alloc, m->tlb, (size_t)m->tlb_sets * TLB_WAYS * sizeof *m->tlb);
	mm_free_mem(&m->alloc, m->tlb_next, (size_t)m->tlb_sets);
}
