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

static struct tlb_entry *set_of(struct mm *m, uint64_t vpn)
{
	return &m->tlb[(vpn & (uint64_t)(m->tlb_sets - 1)) * TLB_WAYS];
}

/* The way for vpn: the valid entry holding it, else a free one, else the
 * set's round-robin victim. The four ways are read without a loop, as
 * tlb_probe reads them: a fill is on the TLB-miss path (docs/quality.md
 * Q-PERF). */
static inline struct tlb_entry *way_for(struct mm *m, uint64_t vpn)
{
	_Static_assert(TLB_WAYS == 4, "way_for reads four ways");
	struct tlb_entry *set = set_of(m, vpn);
	struct tlb_entry *held = (struct tlb_entry *)tlb_probe(set, vpn, TLBF_VALID);
	if (held)
		return held;
	if (!(set[0].flags & set[1].flags & set[2].flags & set[3].flags & TLBF_VALID))
		return !(set[0].flags & TLBF_VALID) ? &set[0] : !(set[1].flags & TLBF_VALID) ? &set[1]
		     : !(set[2].flags & TLBF_VALID) ? &set[2] : &set[3];
	uint8_t *next = &m->tlb_next[vpn & (uint64_t)(m->tlb_sets - 1)];
	int way = *next % TLB_WAYS;
	MM_SET8(m, next, (uint8_t)((way + 1) % TLB_WAYS));
	return &set[way];
}

void tlb_fill(struct mm *m, va_t va, uint32_t pfn, uint16_t flags)
{
	uint64_t vpn = mm_page_number(va);
	if (flags & TLBF_LARGE) { /* one entry for the whole large page */
		uint64_t span = 1ull << (m->large_shift - MM_PAGE_SHIFT);
		pfn -= (uint32_t)(vpn & (span - 1));
		vpn &= ~(span - 1);
		va = mm_page_address(vpn);
	}
	struct tlb_entry *e = way_for(m, vpn);
	if (m->hist.recording) { /* a field at a time through the journal */
		MM_SET64(m, &e->vpn, vpn);
		MM_SET32(m, &e->pfn, pfn);
		MM_SET16(m, &e->flags, (uint16_t)(flags | TLBF_VALID));
	} else { /* the whole entry at once: the journal keeps nothing now (ev_set's own rule, J2 of event.h) */
		*e = (struct tlb_entry){.vpn = vpn, .pfn = pfn, .flags = (uint16_t)(flags | TLBF_VALID)};
	}
	MM_EMIT(m, EV_TLB_FILL, mm_page_base(va), pfn, (flags & TLBF_GLOBAL) != 0, (flags & TLBF_LARGE) != 0);
}

void tlb_flush_va(struct mm *m, va_t va)
{
	uint64_t vpn = mm_page_number(va), lvpn = vpn & ~((1ull << (m->large_shift - MM_PAGE_SHIFT)) - 1);
	for (int pass = 0; pass < 2; pass++) {
		uint64_t v = pass ? lvpn : vpn;
		struct tlb_entry *set = set_of(m, v);
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
