/*
 * tlb.h — the simulated translation look-aside buffer: set-associative
 * (TLB_WAYS ways), configurable size, global entries that survive a CR3
 * switch (docs/reference.md R-TLB).
 */
#ifndef MM_TLB_H
#define MM_TLB_H

#include "base/machine.h"

/* The way of a set whose entry is for vpn with every bit of `need` in its
 * flags, or NULL. The four ways are read without a loop, the VPN compared
 * first (on a miss it is the test that fails): the TLB-miss path probes
 * two sets (docs/quality.md Q-PERF). */
static inline bool tlb_way_is(const struct tlb_entry *e, uint64_t vpn, uint16_t need)
{
	return e->vpn == vpn && (e->flags & need) == need;
}
static inline const struct tlb_entry *tlb_probe(const struct tlb_entry *set, uint64_t vpn, uint16_t need)
{
	_Static_assert(TLB_WAYS == 4, "tlb_probe reads four ways");
	return tlb_way_is(&set[0], vpn, need) ? &set[0]
	     : tlb_way_is(&set[1], vpn, need) ? &set[1]
	     : tlb_way_is(&set[2], vpn, need) ? &set[2]
	     : tlb_way_is(&set[3], vpn, need) ? &set[3] : NULL;
}

/* Look-up: the entry for va's page in the current address space, or NULL.
 * Changes nothing (the hit path is pure reads). */
static inline const struct tlb_entry *tlb_lookup(const struct mm *m, va_t va)
{
	uint64_t vpn = mm_page_number(va), sets = (uint64_t)(m->tlb_sets - 1);
	const struct tlb_entry *e = tlb_probe(&m->tlb[(vpn & sets) * TLB_WAYS], vpn, TLBF_VALID);
	if (e)
		return e;
	/* A large page has one entry, kept under the large page's first VPN. */
	uint64_t lvpn = vpn & ~((1ull << (m->large_shift - MM_PAGE_SHIFT)) - 1);
	return tlb_probe(&m->tlb[(lvpn & sets) * TLB_WAYS], lvpn, TLBF_VALID | TLBF_LARGE);
}

/* The frame an entry gives for va (a large page's frames are contiguous). */
static inline uint32_t tlb_entry_pfn(const struct tlb_entry *e, va_t va)
{
	return e->pfn + (uint32_t)(mm_page_number(va) - e->vpn);
}

static inline struct tlb_entry *tlb_set_of(struct mm *m, uint64_t vpn)
{
	return &m->tlb[(vpn & (uint64_t)(m->tlb_sets - 1)) * TLB_WAYS];
}

/* The way for vpn: the valid entry holding it, else a free one, else the
 * set's round-robin victim. The four ways are read without a loop, as
 * tlb_probe reads them: a fill is on the TLB-miss path (docs/quality.md
 * Q-PERF). */
static inline struct tlb_entry *tlb_way_for(struct mm *m, uint64_t vpn)
{
	_Static_assert(TLB_WAYS == 4, "tlb_way_for reads four ways");
	struct tlb_entry *set = tlb_set_of(m, vpn);
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

/* Caches the translation of va's page (a large page's: one entry under
 * its first VPN, flags with TLBF_LARGE), a tlb_fill event. Inline: the
 * TLB-miss path's last step (fault.c), whose call cost a fifth of the
 * fill (docs/quality.md Q-PERF). */
static inline void tlb_fill(struct mm *m, va_t va, uint32_t pfn, uint16_t flags)
{
	uint64_t vpn = mm_page_number(va);
	if (flags & TLBF_LARGE) { /* one entry for the whole large page */
		uint64_t span = 1ull << (m->large_shift - MM_PAGE_SHIFT);
		pfn -= (uint32_t)(vpn & (span - 1));
		vpn &= ~(span - 1);
		va = mm_page_address(vpn);
	}
	struct tlb_entry *e = tlb_way_for(m, vpn);
	if (m->hist.recording) { /* a field at a time through the journal */
		MM_SET64(m, &e->vpn, vpn);
		MM_SET32(m, &e->pfn, pfn);
		MM_SET16(m, &e->flags, (uint16_t)(flags | TLBF_VALID));
	} else { /* the whole entry at once: the journal keeps nothing now (ev_set's own rule, J2 of event.h) */
		*e = (struct tlb_entry){.vpn = vpn, .pfn = pfn, .flags = (uint16_t)(flags | TLBF_VALID)};
	}
	MM_EMIT_CALL(m, EV_TLB_FILL, mm_page_base(va), pfn, (flags & TLBF_GLOBAL) != 0, (flags & TLBF_LARGE) != 0);
}
void tlb_flush_va(struct mm *m, va_t va);
/* CR3 load: every non-global entry goes. */
void tlb_flush_nonglobal(struct mm *m);
void tlb_flush_all(struct mm *m);

/* Boot: the TLB's arrays, every entry invalid (-1: host memory); and their release. */
int tlb_init(struct mm *m);
void tlb_fini(struct mm *m);

#endif
