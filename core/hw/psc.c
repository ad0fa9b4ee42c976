/*
 * psc.c — the paging-structure caches (psc.h; docs/reference.md R-PSC,
 * after the Intel SDM, volume 3 §4.10.3, and the AMD APM, volume 2, chapter 5).
 *
 * A TLB miss need not start at CR3. Besides the TLB the CPU keeps the
 * upper-level entries it read on recent walks, each under the address bits
 * it translates:
 *
 *   x64    PML4E cache  bits 47:39 -> the PDPT   (level 0, "pxe")
 *          PDPTE cache  bits 47:30 -> the PD     (level 1, "ppe")
 *          PDE cache    bits 47:21 -> the PT     (level 2, "pde")
 *   PAE    PDE cache    bits 31:21 -> the PT     (level 1; the four PDPTEs
 *                                     sit in registers loaded with CR3)
 *   x86    PDE cache    bits 31:22 -> the PT     (level 0)
 *
 * A walk asks for the deepest level first: a PDE-cache hit reads the PTE
 * alone, one level instead of four; a PDPTE-cache hit reads the PDE and
 * the PTE. Only entries that point at a table are cached — never a leaf,
 * never a large page (those are the TLB's) and never a not-present one.
 * Each cached entry carries the rights of the levels down to it (R/W and
 * U/S and-ed, NX or-ed), so the walk below it needs nothing from above.
 *
 * Sizes: the PML4E and PDPTE caches one set of PSC_WAYS (4) entries; the
 * PDE cache tlb_entries / 8 sets (8 with the default 64-entry TLB: 32
 * entries), at least one. Real CPUs have a few to a few dozen; the sizes
 * are mmviz's choice. Replacement is round-robin per set, as in the TLB:
 * deterministic.
 *
 * Invalidation. The hardware never looks at memory to see whether a cached
 * entry is still right: software must invalidate. INVLPG empties every
 * paging-structure cache whatever the address (SDM §4.10.4.1), a CR3 load
 * too; Windows flushes the TB after it changes an entry above the leaf
 * (freeing a page table, tearing down an address space). mmviz does both:
 * tlb.c empties the caches with every TLB flush, and pte_store — the one
 * way an entry changes — calls psc_note_write, which empties them when a
 * present entry changes in a table that a cached entry was read from.
 * A new table entered where nothing was (not present -> present) needs no
 * flush: nothing cached can depend on an entry that was not present.
 *
 * Invariants (checked by psc_check from check.c):
 *   PSC1. A valid entry agrees with the current process's tables: a fresh
 *         walk of its address reads the same tables (CR3, then src) down
 *         to its level, finds that entry present and pointing at `table`,
 *         with the same rights.
 *   PSC2. CR3 and every src frame of a valid entry have their bit
 *         (pfn % 64) in `frames`, so `frames` is 0 only when nothing is
 *         cached (the look-up's and the flush's quick test). Bits of
 *         entries since replaced may stay (a superset is safe: it only
 *         costs psc_note_write a look); a flush clears them all.
 *   PSC3. A set holds a tag at most once: a walk caches only what the
 *         look-up before it did not find (psc_walk).
 * All of it is journaled state (entries, victims, filter), so stepping
 * back shows the caches as they were and the state hash covers them.
 */
#include "psc.h"

#include <stdio.h>

#define PSC_RIGHTS (TLBF_WRITE | TLBF_USER | TLBF_NX)

/* The bits the levels down to `level` translate. No mask is needed: on
 * x64 the sign-extension bits of a canonical address come along and go
 * back in place when the tag is shifted back. */
static inline uint64_t tag_of(const struct arch *a, int level, va_t va)
{
	return va >> a->shift[level];
}

/* The first address an entry translates. */
static va_t region_va(const struct arch *a, int level, uint64_t tag)
{
	return tag << a->shift[level];
}

static uint64_t frame_bit(uint32_t pfn)
{
	return 1ull << (pfn % 64);
}

static uint32_t cr3_of(const struct mm *m)
{
	return m->proc[m->cur].cr3;
}

/* The valid entry for tag in its set, or NULL: the four ways read without
 * a loop, the tag compared first (on a miss it is the test that fails). */
static inline const struct psc_entry *probe(const struct psc_entry *set, uint64_t tag)
{
	_Static_assert(PSC_WAYS == 4, "probe reads four ways");
#define PSC_WAY_IS(i) (set[i].tag == tag && (set[i].flags & PSCF_VALID))
	return PSC_WAY_IS(0) ? &set[0] : PSC_WAY_IS(1) ? &set[1] : PSC_WAY_IS(2) ? &set[2] : PSC_WAY_IS(3) ? &set[3] : NULL;
#undef PSC_WAY_IS
}

/* The deepest cached entry for va, for mode a (a constant: psc_walk_as):
 * returns its level and sets *hit to it; -1 (nothing cached) leaves *hit
 * alone. Every level below the one returned was probed and does not hold
 * va's tag, which is what fill_one relies on. */
static inline __attribute__((always_inline)) int lookup(const struct mm *m, const struct arch *a, va_t va,
							const struct psc_entry **hit)
{
	if (!m->psc.frames)
		return -1;
#pragma GCC unroll 3
	for (int l = a->levels - 2; l >= 0; l--) {
		if (!(a->psc_levels & (1u << l)))
			continue;
		unsigned sets = m->psc.sets[l];
		uint64_t tag = tag_of(a, l, va);
		const struct psc_entry *e = probe(&m->psc.e[l][(tag & (sets - 1)) * PSC_WAYS], tag);
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
static inline __attribute__((always_inline)) struct psc_entry *way_for(struct mm *m, int level, uint64_t tag)
{
	_Static_assert(PSC_WAYS == 4, "way_for reads four ways");
	unsigned si = (unsigned)(tag & (uint64_t)(m->psc.sets[level] - 1));
	struct psc_entry *set = &m->psc.e[level][si * PSC_WAYS];
	if (!(set[0].flags & set[1].flags & set[2].flags & set[3].flags & PSCF_VALID))
		return !(set[0].flags & PSCF_VALID) ? &set[0] : !(set[1].flags & PSCF_VALID) ? &set[1]
		     : !(set[2].flags & PSCF_VALID) ? &set[2] : &set[3];
	uint8_t *next = &m->psc.next[level][si];
	int way = *next % PSC_WAYS;
	MM_SET8(m, next, (uint8_t)((way + 1) % PSC_WAYS));
	return &set[way];
}

/* Makes *e equal to *v: a field at a time through the journal while events
 * are recorded, the whole entry at once when nothing is (the journal keeps
 * nothing then: ev_set's own rule, J2 of event.h). */
static inline __attribute__((always_inline)) void entry_store(struct mm *m, struct psc_entry *e, const struct psc_entry *v)
{
	if (!m->hist.recording) {
		*e = *v;
		return;
	}
	MM_SET64(m, &e->tag, v->tag);
	MM_SET32(m, &e->table, v->table);
	for (int k = 0; k < PSC_LEVELS - 1; k++)
		MM_SET32(m, &e->src[k], v->src[k]);
	MM_SET16(m, &e->flags, v->flags);
}

/* Caches the entry lv, of level l, of a walk of va in mode a (a and l
 * constants): it points at a table. */
static inline __attribute__((always_inline)) void fill_one(struct mm *m, const struct arch *a, va_t va,
							   const struct walk *w, int l, const struct walk_level *lv)
{
	uint64_t tag = tag_of(a, l, va);
	struct psc_entry *e = way_for(m, l, tag);
	struct psc_entry v = {.tag = tag, .table = pte_pfn(a, lv->value), .flags = (uint16_t)(PSCF_VALID | (lv->rights & PSC_RIGHTS))};
	uint64_t frames = m->psc.frames | frame_bit(w->tables[0]);
	for (int k = 1; k <= l; k++) {
		v.src[k - 1] = w->tables[k];
		frames |= frame_bit(w->tables[k]);
	}
	entry_store(m, e, &v);
	MM_SET64(m, &m->psc.frames, frames);
	MM_EMIT(m, EV_PSC_FILL, region_va(a, l, tag), (uint64_t)l, v.table, lv->rights & PSC_RIGHTS);
}

/* The walk of va in mode a below the cached entry e of level c (-1: none,
 * from CR3), and the fills; a and c constants, so that every level's
 * shift, index field and cache size is one (docs/quality.md Q-PERF). */
static inline __attribute__((always_inline)) void walk_below(struct mm *m, const struct arch *a, const struct proc *p,
							     va_t va, struct walk *w, int c, const struct psc_entry *e)
{
	if (c >= 0) {
		MM_EMIT(m, EV_PSC_HIT, va, (uint64_t)c, e->table, 0);
		w->tables[0] = cr3_of(m); /* the tables of the levels above, as the entry was read through them */
		for (int k = 1; k <= c; k++)
			w->tables[k] = e->src[k - 1];
		paging_walk_as(m, a, e->table, c + 1, e->flags & PSC_RIGHTS, va, w);
	} else {
		paging_walk_as(m, a, p->cr3, 0, TLBF_WRITE | TLBF_USER, va, w);
	}
	if (m->hist.recording) {
		paging_walk_addresses(m, p, va, w);
		for (int i = 0; i < w->n; i++)
			MM_EMIT(m, EV_WALK, w->lv[i].level, w->lv[i].index, w->lv[i].entry_va, w->lv[i].value);
	}
	/* Every level read but the last (stop: the leaf, a large page or not
	 * present) points at a table; each was below the cached one. */
#pragma GCC unroll 3
	for (int l = c + 1; l < a->levels - 1; l++)
		if ((a->psc_levels & (1u << l)) && l < w->stop)
			fill_one(m, a, va, w, l, &w->lv[l - (c + 1)]);
}

/* psc_walk for mode a (a constant): the look-up, the walk below it and the
 * fills, compiled once per mode and cached level. */
static inline __attribute__((always_inline)) void psc_walk_as(struct mm *m, const struct arch *a, const struct proc *p,
							      va_t va, struct walk *w)
{
	const struct psc_entry *e = NULL;
	switch (lookup(m, a, va, &e)) {
	case 0:
		walk_below(m, a, p, va, w, 0, e);
		break;
	case 1:
		if (a->levels > 2)
			walk_below(m, a, p, va, w, 1, e);
		break;
	case 2:
		if (a->levels > 3)
			walk_below(m, a, p, va, w, 2, e);
		break;
	default:
		walk_below(m, a, p, va, w, -1, NULL);
		break;
	}
}

void psc_walk(struct mm *m, const struct proc *p, va_t va, struct walk *w)
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

void psc_flush(struct mm *m, enum psc_reason why, uint64_t what)
{
	if (!m->psc.frames)
		return;
	uint64_t n = 0;
	for (int l = 0; l < PSC_LEVELS; l++) {
		/* a pointer and its end in locals: the journal's writes between
		 * do not make the compiler read the sizes again (a flush is on
		 * every copy-on-write fault's path, INVLPG) */
		struct psc_entry *e = m->psc.e[l], *end = e + m->psc.sets[l] * PSC_WAYS;
		for (; e < end; e++)
			if (e->flags & PSCF_VALID) {
				MM_SET16(m, &e->flags, 0);
				n++;
			}
	}
	MM_SET64(m, &m->psc.frames, 0);
	MM_EMIT(m, EV_PSC_FLUSH, n, why, what, 0);
}

/* Was a valid entry read (at any of its levels) from frame `table`? CR3
 * is every entry's. */
static bool depends_on(const struct mm *m, uint32_t table)
{
	if (table == cr3_of(m))
		return true;
	for (int l = 1; l < PSC_LEVELS; l++)
		for (int i = 0; i < m->psc.sets[l] * PSC_WAYS; i++) {
			const struct psc_entry *e = &m->psc.e[l][i];
			if (!(e->flags & PSCF_VALID))
				continue;
			for (int k = 1; k <= l; k++)
				if (e->src[k - 1] == table)
					return true;
		}
	return false;
}

void psc_note_write(struct mm *m, uint32_t table, pte_t old)
{
	if (!(old & PTE_VALID) || !(m->psc.frames & frame_bit(table)) || !depends_on(m, table))
		return;
	psc_flush(m, PSC_FLUSH_ENTRY, table);
}

va_t psc_entry_va(const struct mm *m, int level, const struct psc_entry *e)
{
	return region_va(m->arch, level, e->tag);
}

static const char *check_entry(const struct mm *m, int l, const struct psc_entry *e, char *buf, size_t n)
{
	const struct arch *a = m->arch;
	va_t va = region_va(a, l, e->tag);
	struct walk w;
	paging_walk(m, &m->proc[m->cur], va, &w);
	for (int k = 0; k <= l; k++) {
		uint32_t src = k ? e->src[k - 1] : cr3_of(m);
		if (k >= w.n || w.lv[k].table != src) {
			snprintf(buf, n, "PSC1: the cached %s for %#llx was read through table %#x at level %d, the tables say %#x",
				 a->level_name[l], (unsigned long long)va, src, k, k < w.n ? w.lv[k].table : MM_PFN_NONE);
			return buf;
		}
		if (!(m->psc.frames & frame_bit(src))) {
			snprintf(buf, n, "PSC2: table %#x of a cached %s is missing from the frame filter", src, a->level_name[l]);
			return buf;
		}
	}
	pte_t v = w.lv[l].value;
	if (!(v & PTE_VALID) || pte_pfn(a, v) != e->table || l == a->levels - 1 ||
	    ((v & PTE_LARGE) && (a->large_levels & (1u << l))) || (w.lv[l].rights & PSC_RIGHTS) != (e->flags & PSC_RIGHTS)) {
		snprintf(buf, n, "PSC1: the cached %s for %#llx points at table %#x (rights %#x), the entry is %#llx",
			 a->level_name[l], (unsigned long long)va, e->table, e->flags & PSC_RIGHTS, (unsigned long long)v);
		return buf;
	}
	return NULL;
}

const char *psc_check(const struct mm *m, char *buf, size_t n)
{
	for (int l = 0; l < PSC_LEVELS; l++)
		for (int i = 0; i < m->psc.sets[l] * PSC_WAYS; i++) {
			const struct psc_entry *e = &m->psc.e[l][i];
			if (!(e->flags & PSCF_VALID))
				continue;
			const char *r = check_entry(m, l, e, buf, n);
			if (r)
				return r;
			for (int j = i + 1; j < (i / PSC_WAYS + 1) * PSC_WAYS; j++)
				if ((m->psc.e[l][j].flags & PSCF_VALID) && m->psc.e[l][j].tag == e->tag) {
					snprintf(buf, n, "PSC3: two cached %s entries for %#llx", m->arch->level_name[l],
						 (unsigned long long)psc_entry_va(m, l, e));
					return buf;
				}
		}
	return NULL;
}

void psc_init(struct mm *m)
{
	memset(&m->psc, 0, sizeof m->psc);
	for (int l = 0; l < m->arch->levels - 1; l++) {
		if (!(m->arch->psc_levels & (1u << l)))
			continue;
		int sets = l == m->arch->levels - 2 ? m->cfg.tlb_entries / (2 * PSC_WAYS) : 1;
		m->psc.sets[l] = (uint8_t)MM_MAX(1, MM_MIN(PSC_MAX_SETS, sets));
	}
}
