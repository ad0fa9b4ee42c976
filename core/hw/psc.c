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
 *         costs psc_note_write a look); a flush clears them all. A fill
 *         below a cached entry adds the bits of the tables read below it
 *         only: the others are there by this rule (psc_fill_one).
 *   PSC3. A set holds a tag at most once: a walk caches only what the
 *         look-up before it did not find (psc_walk).
 * All of it is journaled state (entries, victims, filter), so stepping
 * back shows the caches as they were and the state hash covers them.
 *
 * The walk (psc_walk: the look-up, the walk below the entry found, the
 * fills) is in psc.h, inline in its one caller, the TLB-miss path of
 * fault.c, and compiled once per paging mode and cached level, so that
 * each level's shift, index field and cache size is a constant
 * (docs/quality.md Q-PERF); this file keeps the flushes, the checker and
 * the sizes.
 */
#include "psc.h"

#include <stdio.h>

static uint32_t cr3_of(const struct mm *m)
{
	return m->proc[m->cur].cr3;
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
	if (!(old & PTE_VALID) || !(m->psc.frames & psc_frame_bit(table)) || !depends_on(m, table))
		return;
	psc_flush(m, PSC_FLUSH_ENTRY, table);
}

va_t psc_entry_va(const struct mm *m, int level, const struct psc_entry *e)
{
	return psc_region_va(m->arch, level, e->tag);
}

static const char *check_entry(const struct mm *m, int l, const struct psc_entry *e, char *buf, size_t n)
{
	const struct arch *a = m->arch;
	va_t va = psc_region_va(a, l, e->tag);
	struct walk w;
	paging_walk(m, &m->proc[m->cur], va, &w);
	for (int k = 0; k <= l; k++) {
		uint32_t src = k ? e->src[k - 1] : cr3_of(m);
		if (k >= w.n || w.lv[k].table != src) {
			snprintf(buf, n, "PSC1: the cached %s for %#llx was read through table %#x at level %d, the tables say %#x",
				 a->level_name[l], (unsigned long long)va, src, k, k < w.n ? w.lv[k].table : MM_PFN_NONE);
			return buf;
		}
		if (!(m->psc.frames & psc_frame_bit(src))) {
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
		/* the deepest level cached has sets, the levels above one (psc_set_index) */
		int sets = l == m->arch->levels - 2 ? m->cfg.tlb_entries / (2 * PSC_WAYS) : 1;
		m->psc.sets[l] = (uint8_t)MM_MAX(1, MM_MIN(PSC_MAX_SETS, sets));
	}
}
