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

/* ---- the CPU's walk on a TLB miss ------------------------------------
 * Here and inline, so that the one caller (fault.c, the TLB-miss path)
 * does not pay a call and a prologue for it (docs/quality.md Q-PERF). */

#define PSC_RIGHTS (TLBF_WRITE | TLBF_USER | TLBF_NX)

/* The bits the levels down to `level` translate. No mask is needed: on
 * x64 the sign-extension bits of a canonical address come along and go
 * back in place when the tag is shifted back. */
static inline uint64_t psc_tag_of(const struct arch *a, int level, va_t va)
{
	return va >> a->shift[level];
}

/* The first address an entry translates. */
static inline va_t psc_region_va(const struct arch *a, int level, uint64_t tag)
{
	return tag << a->shift[level];
}

static inline uint64_t psc_frame_bit(uint32_t pfn)
{
	return 1ull << (pfn % 64);
}

/* The valid entry for tag in its set, or NULL: the four ways read without
 * a loop, the tag compared first (on a miss it is the test that fails). */
static inline const struct psc_entry *psc_probe(const struct psc_entry *set, uint64_t tag)
{
	_Static_assert(PSC_WAYS == 4, "probe reads four ways");
#define PSC_WAY_IS(i) (set[i].tag == tag && (set[i].flags & PSCF_VALID))
	return PSC_WAY_IS(0) ? &set[0] : PSC_WAY_IS(1) ? &set[1] : PSC_WAY_IS(2) ? &set[2] : PSC_WAY_IS(3) ? &set[3] : NULL;
#undef PSC_WAY_IS
}

/* The set of level l's cache (mode a, a constant) for tag: the deepest
 * level the mode caches has m->psc.sets[l] sets, every level above it one
 * (psc_init), so that above it the set is a constant. */
static inline unsigned psc_set_index(const struct mm *m, const struct arch *a, int l, uint64_t tag)
{
	unsigned sets = l == a->levels - 2 ? m->psc.sets[l] : 1;
	return (unsigned)(tag & (uint64_t)(sets - 1));
}

/* The deepest cached entry for va, for mode a (a constant: psc_walk_as):
 * returns its level and sets *hit to it; -1 (nothing cached) leaves *hit
 * alone. Every level below the one returned was probed and does not hold
 * va's tag, which is what fill_one relies on. */
static inline __attribute__((always_inline)) int psc_lookup(const struct mm *m, const struct arch *a, va_t va,
							const struct psc_entry **hit)
{
	if (!m->psc.frames)
		return -1;
#pragma GCC unroll 3
	for (int l = a->levels - 2; l >= 0; l--) {
		if (!(a->psc_levels & (1u << l)))
			continue;
		uint64_t tag = psc_tag_of(a, l, va);
		const struct psc_entry *e = psc_probe(&m->psc.e[l][psc_set_index(m, a, l, tag) * PSC_WAYS], tag);
		if (!e)
			continue;
		*hit = e;
		return l;
	}
	return -1;
}

/* The way for a tag its set does not hold (lookup probed it): a free one,
 * else the set's round-robin victim. The four ways are read without a
 * loop, as probe reads them. */
static inline __attribute__((always_inline)) struct psc_entry *psc_way_for(struct mm *m, const struct arch *a, int level,
									     uint64_t tag)
{
	_Static_assert(PSC_WAYS == 4, "way_for reads four ways");
	unsigned si = psc_set_index(m, a, level, tag);
	struct psc_entry *set = &m->psc.e[level][si * PSC_WAYS];
	if (!(set[0].flags & set[1].flags & set[2].flags & set[3].flags & PSCF_VALID))
		return !(set[0].flags & PSCF_VALID) ? &set[0] : !(set[1].flags & PSCF_VALID) ? &set[1]
		     : !(set[2].flags & PSCF_VALID) ? &set[2] : &set[3];
	uint8_t *next = &m->psc.next[level][si];
	int way = *next % PSC_WAYS;
	MM_SET8(m, next, (uint8_t)((way + 1) % PSC_WAYS));
	return &set[way];
}

/* Caches the entry lv, of level l, of a walk of va in mode a that
 * started below a cached entry of level c (-1: none); a, l and c
 * constants. lv points at a table. The frame filter gets the bits of the
 * tables read below c: those of CR3 and of the levels down to c are in it
 * already, as the cached entry's (PSC2), so or-ing them again would
 * change nothing. Written whole when nothing is recorded. */
static inline __attribute__((always_inline)) void psc_fill_one(struct mm *m, const struct arch *a, va_t va,
							   const struct walk *w, int l, int c, const struct walk_level *lv)
{
	uint64_t tag = psc_tag_of(a, l, va);
	struct psc_entry *e = psc_way_for(m, a, l, tag);
	uint32_t table = pte_pfn(a, lv->value);
	uint16_t flags = (uint16_t)(PSCF_VALID | (lv->rights & PSC_RIGHTS));
	uint64_t frames = m->psc.frames;
	for (int k = c + 1; k <= l; k++)
		frames |= psc_frame_bit(w->tables[k]);
	if (!m->hist.recording) { /* the journal keeps nothing now (ev_set's own rule, J2 of event.h) */
		e->tag = tag;
		e->table = table;
		for (int k = 0; k < PSC_LEVELS - 1; k++)
			e->src[k] = k < l ? w->tables[k + 1] : 0;
		e->flags = flags;
		e->pad = 0;
		m->psc.frames = frames;
	} else { /* a field at a time through the journal */
		MM_SET64(m, &e->tag, tag);
		MM_SET32(m, &e->table, table);
		for (int k = 0; k < PSC_LEVELS - 1; k++)
			MM_SET32(m, &e->src[k], k < l ? w->tables[k + 1] : 0);
		MM_SET16(m, &e->flags, flags);
		MM_SET64(m, &m->psc.frames, frames);
		MM_EMIT_CALL(m, EV_PSC_FILL, psc_region_va(a, l, tag), (uint64_t)l, table, lv->rights & PSC_RIGHTS);
	}
}

/* The walk of va in mode a below the cached entry e of level c (-1: none,
 * from CR3), and the fills; a and c constants, so that every level's
 * shift, index field and cache size is one (docs/quality.md Q-PERF). */
static inline __attribute__((always_inline)) void psc_walk_below(struct mm *m, const struct arch *a, const struct proc *p,
							     va_t va, struct walk *w, int c, const struct psc_entry *e)
{
	if (c >= 0) {
		MM_EMIT_CALL(m, EV_PSC_HIT, va, (uint64_t)c, e->table, 0);
		w->tables[0] = p->cr3; /* the tables of the levels above, as the entry was read through them */
		for (int k = 1; k <= c; k++)
			w->tables[k] = e->src[k - 1];
		paging_walk_as(m, a, e->table, c + 1, e->flags & PSC_RIGHTS, va, w);
	} else {
		paging_walk_as(m, a, p->cr3, 0, TLBF_WRITE | TLBF_USER, va, w);
	}
	if (m->hist.recording) {
		paging_walk_addresses(m, p, va, w);
		for (int i = 0; i < w->n; i++)
			MM_EMIT_CALL(m, EV_WALK, w->lv[i].level, w->lv[i].index, w->lv[i].entry_va, w->lv[i].value);
	}
	/* Every level read but the last (stop: the leaf, a large page or not
	 * present) points at a table; each was below the cached one. */
#pragma GCC unroll 3
	for (int l = c + 1; l < a->levels - 1; l++)
		if ((a->psc_levels & (1u << l)) && l < w->stop)
			psc_fill_one(m, a, va, w, l, c, &w->lv[l - (c + 1)]);
}

/* psc_walk for mode a (a constant): the look-up, the walk below it and the
 * fills, compiled once per mode and cached level. */
static inline __attribute__((always_inline)) void psc_walk_as(struct mm *m, const struct arch *a, const struct proc *p,
							      va_t va, struct walk *w)
{
	const struct psc_entry *e = NULL;
	switch (psc_lookup(m, a, va, &e)) {
	case 0:
		psc_walk_below(m, a, p, va, w, 0, e);
		break;
	case 1:
		if (a->levels > 2)
			psc_walk_below(m, a, p, va, w, 1, e);
		break;
	case 2:
		if (a->levels > 3)
			psc_walk_below(m, a, p, va, w, 2, e);
		break;
	default:
		psc_walk_below(m, a, p, va, w, -1, NULL);
		break;
	}
}

/* The CPU's walk on a TLB miss (docs/reference.md R-PSC), in one pass with
 * each entry in hand: the look-up of the deepest cached upper-level entry
 * (a psc_hit event), the walk of the current process's (p's) tables below
 * it (paging_walk_as; one walk event a level read, with its entry address,
 * when events are recorded), and the caching of every entry it read that
 * points at a table, at the levels the paging mode caches (psc_fill).
 * *w is as paging_walk_from leaves it: no entry addresses. */
static inline __attribute__((always_inline)) void psc_walk(struct mm *m, const struct proc *p, va_t va, struct walk *w)
{
	switch (m->arch->id) {
	case MM_ARCH_X86:
		psc_walk_as(m, &arch_modes[MM_ARCH_X86], p, va, w);
		break;
	case MM_ARCH_PAE:
		psc_walk_as(m, &arch_modes[MM_ARCH_PAE], p, va, w);
		break;
	case MM_ARCH_X64:
	default:
		psc_walk_as(m, &arch_modes[MM_ARCH_X64], p, va, w);
		break;
	}
}

#endif
