/*
 * pfn.c — the PFN database (one struct pfn per physical page) and the page
 * lists, after Windows' MMPFN and MMLISTS (docs/reference.md R-PFN).
 *
 * Page states and who moves pages between them:
 *
 *            zero page thread                demand-zero fault, new page table
 *   FREE ----------------------> ZEROED ------------------------------------+
 *    ^  ^                                                                   v
 *    |  | freed (VirtualFree, exit)                                      ACTIVE
 *    |  +---------------------------------------- STANDBY <---- clean --- |  ^
 *    |                              repurposed ---+  ^  |  soft fault ----+--+
 *    |                                               |  |                 |
 *    +---- freed ------ MODIFIED <----- dirty -------+--+-----------------+
 *                          |   modified page writer  ^
 *                          +-------------------------+
 *   MODIFIED_NO_WRITE: dirty pages the writer must not write (flagged control area)
 *   BAD: pages removed from use. TRANSITION: on no list, share 0 but still
 *   referenced (I/O in progress).
 *
 * Invariants (checked by check.c; numbers are cited in its messages):
 *   F1. Every frame is in exactly one location; frames on a list (ZEROED..BAD)
 *       are linked into exactly that list, and the list totals equal the
 *       number of frames linked. (Within a command, a frame taken off a
 *       list keeps its location until it is placed; between commands F1
 *       holds.)
 *   F2. A frame on a list has reference_count 0 and share_count 0.
 *   F3. An ACTIVE frame has share_count > 0 and reference_count > 0.
 *   F4. The per-group summaries equal the counts of the frames in each group.
 *   F5. Zeroed-list frames read as all zero.
 *   F6. A booted entry is all zero bytes: a zeroed-list frame, linked to
 *       its neighbours in ascending order, owned by nobody, mapped by no
 *       PTE, default priority. The PFN database is then a fresh zero
 *       mapping that boot does not write (one entry: the last frame's
 *       forward link), and the host backs only the entries a command
 *       touches (docs/quality.md Q-PERF: a 64 GiB machine boots within
 *       50 ms). So the fields are stored relative to what a booted entry
 *       holds (base/machine.h, struct pfn): a list link as link ^ (pfn + 1)
 *       forwards and link ^ (pfn - 1) backwards, the standby priority xor
 *       the default, pte_frame and owner plus one. pfn.h reads them back;
 *       the share count and working-set index (active frames) are stored
 *       as they are.
 *
 * Transitions and the functions that perform them:
 *   ZEROED/FREE/STANDBY -> ACTIVE   pfn_remove_zero_page / pfn_remove_any_page + pfn_initialize
 *   ACTIVE -> STANDBY/MODIFIED/FREE pfn_decrement_share -> pfn_decrement_ref
 *   STANDBY/MODIFIED -> ACTIVE      pfn_reactivate (soft fault, fault.c and protofault.c)
 *   STANDBY/MODIFIED -> FREE        pfn_delete_transition (a transition PTE deleted)
 *   MODIFIED -> TRANSITION -> STANDBY  pfn_begin_write, pfn_end_write (the page writers)
 *   ACTIVE top-level table -> FREE  pfn_delete_top_table (process exit)
 *   FREE -> ZEROED                  systhreads (zero page thread): pfn_unlink + pfn_insert
 *
 * Every field of a PFN entry is written here and nowhere else, through
 * these transitions and the setters below them (pfn_set_original_pte,
 * pfn_set_original_protection, pfn_set_ws_index, pfn_set_prototype,
 * pfn_set_modified). A frame's bytes are not in its entry: hw/physmem.c
 * keeps them at the same index in the RAM arena.
 *
 * Lists are doubly linked through u1 (flink) and u2 (blink), stored as F6
 * says (set_flink, set_blink, pfn_flink, pfn_blink); zeroed pages go
 * to the front, all others to the tail, so the head is the oldest (LRU).
 */
#include "pfn.h"

#include <stdlib.h>

#include "pagefile.h"
#include "hw/physmem.h"
#include "hw/pte.h"

static const char *const loc_names[PFN_LOC_COUNT] = {
	"zeroed", "free", "standby", "modified", "modified_no_write", "bad", "active", "transition",
};

static const char *const use_names[USE_COUNT] = {
	"none", "private", "page_table", "system", "shared_user_data",
	"mapped_file", "image", "paged_pool", "nonpaged_pool", "shareable",
};

const char *pfn_loc_name(enum pfn_loc l) { return (unsigned)l < PFN_LOC_COUNT ? loc_names[l] : "?"; }
const char *pfn_use_name(enum pfn_use u) { return (unsigned)u < USE_COUNT ? use_names[u] : "?"; }

int pfn_init(struct mm *m)
{
	uint32_t n = m->npages;
	m->pfn = mm_calloc(&m->alloc, n, sizeof *m->pfn);
	mm_advise_huge(&m->alloc, m->pfn, (size_t)n * sizeof *m->pfn);
	m->group_shift = 0;
	while ((((uint64_t)n + (1u << m->group_shift) - 1) >> m->group_shift) > MM_SUMMARY_GROUPS_MAX)
		m->group_shift++;
	m->ngroups = (uint32_t)(((uint64_t)n + (1u << m->group_shift) - 1) >> m->group_shift);
	m->groups = mm_calloc(&m->alloc, m->ngroups, sizeof *m->groups);
	if (!m->pfn || !m->groups)
		return -1;
	for (unsigned l = 0; l < PFN_LOC_COUNT; l++)
		m->list[l] = (struct pfn_list){MM_PFN_NONE, MM_PFN_NONE, 0};
	for (unsigned p = 0; p < MM_STANDBY_PRIOS; p++)
		m->standby[p] = (struct pfn_list){MM_PFN_NONE, MM_PFN_NONE, 0};
	/* Boot: every frame is zero (contents exist only once written), so all
	 * start on the zeroed list, in ascending order: the zero bytes of a
	 * fresh entry say so (F6), and only the last frame's forward link,
	 * the end of the list, is written. Not journaled: the booted machine
	 * is the origin of the history. */
	m->pfn[n - 1].u1 = MM_PFN_NONE ^ n;
	m->list[PFN_ZEROED] = (struct pfn_list){0, n - 1, n};
	for (uint32_t g = 0; g < m->ngroups; g++) {
		uint64_t first = (uint64_t)g << m->group_shift;
		m->groups[g][PFN_ZEROED] = (uint32_t)MM_MIN((uint64_t)1 << m->group_shift, n - first);
	}
	return 0;
}

void pfn_fini(struct mm *m)
{
	mm_free_mem(&m->alloc, m->pfn, (size_t)m->npages * sizeof *m->pfn);
	mm_free_mem(&m->alloc, m->groups, (size_t)m->ngroups * sizeof *m->groups);
	m->pfn = NULL;
	m->groups = NULL;
}

static struct pfn_list *list_of(struct mm *m, const struct pfn *p, enum pfn_loc l)
{
	return l == PFN_STANDBY ? &m->standby[pfn_priority(p)] : &m->list[l];
}

/* The links of a frame on a list, stored as F6 says. */
static void set_flink(struct mm *m, uint32_t pfn, uint32_t to)
{
	MM_SET32(m, &m->pfn[pfn].u1, to ^ (pfn + 1));
}

static void set_blink(struct mm *m, uint32_t pfn, uint32_t to)
{
	MM_SET32(m, &m->pfn[pfn].u2, to ^ (pfn - 1));
}

static void set_pte_frame(struct mm *m, struct pfn *p, uint32_t frame)
{
	MM_SET32(m, &p->pte_frame_enc, frame + 1);
}

static void set_owner(struct mm *m, struct pfn *p, uint32_t owner)
{
	MM_SET32(m, &p->owner_enc, owner + 1);
}

/* SQLite's sqlite3PcachePageSanity for a frame (F1 for one frame): a frame
 * at either end of its list has no link beyond that end, and a frame in the
 * middle has neighbours that both link back to it; a frame that is neither
 * was taken off its list and is not yet placed (F1's "within a command":
 * the caller may already be setting its share and reference). A frame in
 * transition holds no share. F2 (no references on a list) is left to
 * check.c: tests place referenced frames on lists to drive the links. */
bool pfn_sanity(const struct mm *m, uint32_t pfn)
{
	if (pfn >= m->npages)
		return false;
	const struct pfn *p = &m->pfn[pfn];
	enum pfn_loc l = pfn_loc(p);
	if (l >= PFN_LOC_COUNT || (pfn_pte_frame(p) != MM_PFN_NONE && pfn_pte_frame(p) >= m->npages))
		return false;
	if (l == PFN_TRANSITION)
		return p->u2 == 0;
	if (!pfn_on_list(l))
		return true;
	const struct pfn_list *lst = l == PFN_STANDBY ? &m->standby[pfn_priority(p)] : &m->list[l];
	bool head = lst->head == pfn, tail = lst->tail == pfn;
	uint32_t fl = pfn_flink(m, pfn), bl = pfn_blink(m, pfn);
	if ((head && bl != MM_PFN_NONE) || (tail && fl != MM_PFN_NONE))
		return false;
	if (head || tail) /* the other link, when there is one, must lead back */
		return (head ? fl : bl) == MM_PFN_NONE ||
		       (head ? fl < m->npages && pfn_blink(m, fl) == pfn : bl < m->npages && pfn_flink(m, bl) == pfn);
	return true;
}

/* The one place a frame's location changes: flags, totals, group summary,
 * and the pfn_state event. */
static void set_loc(struct mm *m, uint32_t pfn, enum pfn_loc to)
{
	struct pfn *p = &m->pfn[pfn];
	enum pfn_loc from = pfn_loc(p);
	if (from == to)
		return;
	uint32_t *g = m->groups[pfn >> m->group_shift];
	MM_SET32(m, &g[from], g[from] - 1);
	MM_SET32(m, &g[to], g[to] + 1);
	MM_SET64(m, &m->list[from].total, m->list[from].total - 1);
	MM_SET64(m, &m->list[to].total, m->list[to].total + 1);
	MM_SET16(m, &p->flags, (uint16_t)((p->flags & ~PFNF_LOC_MASK) | to));
	MM_EMIT(m, EV_PFN_STATE, pfn, from, to, 0);
}

void pfn_unlink(struct mm *m, uint32_t pfn)
{
	MM_ASSERT(pfn_sanity(m, pfn) && pfn_on_list(pfn_loc(&m->pfn[pfn])));
	struct pfn *p = &m->pfn[pfn];
	enum pfn_loc l = pfn_loc(p);
	struct pfn_list *lst = list_of(m, p, l);
	uint32_t fl = pfn_flink(m, pfn), bl = pfn_blink(m, pfn);
	if (bl != MM_PFN_NONE)
		set_flink(m, bl, fl);
	else
		MM_SET32(m, &lst->head, fl);
	if (fl != MM_PFN_NONE)
		set_blink(m, fl, bl);
	else
		MM_SET32(m, &lst->tail, bl);
	if (lst != &m->list[l])
		MM_SET64(m, &lst->total, lst->total - 1);
	MM_SET32(m, &p->u1, 0); /* off the list: no links (a share count of 0) */
	MM_SET32(m, &p->u2, 0);
	/* The location stays what it was until the caller places the frame
	 * (pfn_initialize, pfn_insert), so one pfn_state event shows the whole
	 * move (zeroed -> active), with no intermediate step. */
}

void pfn_insert(struct mm *m, uint32_t pfn, enum pfn_loc to)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	struct pfn *p = &m->pfn[pfn];
	if (!pfn_on_list(to)) {
		set_loc(m, pfn, to);
		return;
	}
	struct pfn_list *lst = list_of(m, p, to);
	if (to == PFN_ZEROED) { /* front */
		set_flink(m, pfn, lst->head);
		set_blink(m, pfn, MM_PFN_NONE);
		if (lst->head != MM_PFN_NONE)
			set_blink(m, lst->head, pfn);
		else
			MM_SET32(m, &lst->tail, pfn);
		MM_SET32(m, &lst->head, pfn);
	} else { /* tail: the head stays the oldest */
		set_flink(m, pfn, MM_PFN_NONE);
		set_blink(m, pfn, lst->tail);
		if (lst->tail != MM_PFN_NONE)
			set_flink(m, lst->tail, pfn);
		else
			MM_SET32(m, &lst->head, pfn);
		MM_SET32(m, &lst->tail, pfn);
	}
	if (lst != &m->list[to])
		MM_SET64(m, &lst->total, lst->total + 1);
	set_loc(m, pfn, to);
}

uint32_t pfn_available(const struct mm *m)
{
	return (uint32_t)(m->list[PFN_ZEROED].total + m->list[PFN_FREE].total + m->list[PFN_STANDBY].total);
}

bool pfn_pte_location(const struct mm *m, uint32_t pfn, uint32_t *table, uint32_t *off)
{
	const struct pfn *p = &m->pfn[pfn];
	if (pfn_pte_frame(p) == MM_PFN_NONE)
		return false; /* a prototype PTE lives in a paged-pool frame: the same arithmetic holds */
	uint32_t per = MM_PAGE_SIZE / (uint32_t)m->arch->pte_size;
	*table = pfn_pte_frame(p);
	*off = (uint32_t)((p->pte_address / (uint64_t)m->arch->pte_size) % per) * (uint32_t)m->arch->pte_size;
	return true;
}

/* A standby page is reused: the transition PTE that still points at it gets
 * its original contents back (MiRestoreTransitionPte), and the page table
 * loses the share the transition page held. */
static void repurpose(struct mm *m, uint32_t pfn)
{
	struct pfn *p = &m->pfn[pfn];
	uint32_t table, off;
	if (!(p->flags & PFNF_DELETED) && pfn_pte_location(m, pfn, &table, &off)) {
		pte_store(m, table, off / (uint32_t)m->arch->pte_size, p->pte_address, p->original_pte);
		if (pfn_pte_frame(p) != MM_PFN_NONE)
			pfn_decrement_share(m, pfn_pte_frame(p));
	}
	MM_SET16(m, &p->flags, (uint16_t)(p->flags & ~(PFNF_MODIFIED | PFNF_DELETED | PFNF_PROTOTYPE)));
	set_pte_frame(m, p, MM_PFN_NONE);
	MM_SET64(m, &p->pte_address, 0);
	set_owner(m, p, PFN_OWNER_NONE);
}

static uint32_t take_head(struct mm *m, enum pfn_loc l)
{
	uint32_t pfn;
	if (l == PFN_STANDBY) {
		for (int prio = 0; prio < MM_STANDBY_PRIOS; prio++) /* lowest priority first */
			if ((pfn = m->standby[prio].head) != MM_PFN_NONE)
				goto found;
		return MM_PFN_NONE;
	}
	if ((pfn = m->list[l].head) == MM_PFN_NONE)
		return MM_PFN_NONE;
found:
	pfn_unlink(m, pfn);
	if (l == PFN_STANDBY)
		repurpose(m, pfn);
	return pfn;
}

uint32_t pfn_remove_zero_page(struct mm *m)
{
	uint32_t pfn = take_head(m, PFN_ZEROED);
	if (pfn != MM_PFN_NONE)
		return pfn;
	if ((pfn = take_head(m, PFN_FREE)) == MM_PFN_NONE)
		pfn = take_head(m, PFN_STANDBY);
	if (pfn != MM_PFN_NONE) {
		physmem_zero(m, pfn);
		MM_EMIT(m, EV_ZERO_PAGE, pfn, 0, 0, 0);
	}
	return pfn;
}

uint32_t pfn_remove_any_page(struct mm *m)
{
	uint32_t pfn = take_head(m, PFN_FREE);
	if (pfn == MM_PFN_NONE)
		pfn = take_head(m, PFN_ZEROED);
	if (pfn == MM_PFN_NONE)
		pfn = take_head(m, PFN_STANDBY);
	return pfn;
}

void pfn_increment_share(struct mm *m, uint32_t pfn)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	MM_SET32(m, &m->pfn[pfn].u2, m->pfn[pfn].u2 + 1);
}

static void set_use(struct mm *m, uint32_t pfn, enum pfn_use use)
{
	struct pfn *p = &m->pfn[pfn];
	enum pfn_use old = pfn_use(p);
	if (old == use)
		return;
	MM_SET64(m, &m->use_count[old], m->use_count[old] - 1);
	MM_SET64(m, &m->use_count[use], m->use_count[use] + 1);
	MM_SET16(m, &p->flags, (uint16_t)((p->flags & ~PFNF_USE_MASK) | (use << PFNF_USE_SHIFT)));
}

void pfn_initialize(struct mm *m, uint32_t pfn, uint64_t pte_address, uint32_t pte_frame,
		    uint32_t owner, enum pfn_use use, uint64_t original_pte, bool modified)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	struct pfn *p = &m->pfn[pfn];
	MM_SET64(m, &p->pte_address, pte_address);
	set_pte_frame(m, p, pte_frame);
	MM_SET64(m, &p->original_pte, original_pte);
	set_owner(m, p, owner);
	MM_SET32(m, &p->u1, 0);
	MM_SET32(m, &p->u2, 1);
	MM_SET16(m, &p->reference_count, 1);
	uint16_t f = (uint16_t)(p->flags & ~(PFNF_MODIFIED | PFNF_DELETED | PFNF_PRIO_MASK));
	f |= pfn_priority_bits(PFN_DEFAULT_PRIORITY);
	if (modified)
		f |= PFNF_MODIFIED;
	MM_SET16(m, &p->flags, f);
	set_use(m, pfn, use);
	set_loc(m, pfn, PFN_ACTIVE);
	if (pte_frame != MM_PFN_NONE && pte_frame != pfn)
		pfn_increment_share(m, pte_frame);
}

void pfn_set_modified(struct mm *m, uint32_t pfn, bool modified)
{
	struct pfn *p = &m->pfn[pfn];
	uint16_t f = modified ? (uint16_t)(p->flags | PFNF_MODIFIED) : (uint16_t)(p->flags & ~PFNF_MODIFIED);
	MM_SET16(m, &p->flags, f);
}

void pfn_mark_deleted(struct mm *m, uint32_t pfn)
{
	struct pfn *p = &m->pfn[pfn];
	MM_SET16(m, &p->flags, (uint16_t)(p->flags | PFNF_DELETED));
}

void pfn_decrement_share(struct mm *m, uint32_t pfn)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	struct pfn *p = &m->pfn[pfn];
	if (MM_NEVER(p->u2 == 0))
		return; /* release builds: check.c reports share counts that went wrong */
	MM_SET32(m, &p->u2, p->u2 - 1);
	if (p->u2 == 0) {
		/* The last process PTE let go of a shared page: its prototype PTE
		 * becomes a transition PTE (MiDecrementShareCount, with
		 * MI_MAKE_VALID_PTE_TRANSITION and the original PTE's protection). */
		uint32_t table, off;
		if ((p->flags & PFNF_PROTOTYPE) && !(p->flags & PFNF_DELETED) && pfn_pte_location(m, pfn, &table, &off)) {
			uint32_t idx = off / (uint32_t)m->arch->pte_size;
			pte_store(m, table, idx, p->pte_address,
				  pte_make_valid_transition(pte_load(m, table, idx), pte_protection(p->original_pte)));
		}
		set_loc(m, pfn, PFN_TRANSITION);
		pfn_decrement_ref(m, pfn);
	}
}

/* A page whose last reference goes: deleted pages are freed (and their page
 * table loses the share they held), dirty pages wait on the modified list
 * for the writer, clean ones stay on standby, still owned by their PTE. */
void pfn_decrement_ref(struct mm *m, uint32_t pfn)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	struct pfn *p = &m->pfn[pfn];
	if (MM_NEVER(p->reference_count == 0))
		return;
	MM_SET16(m, &p->reference_count, (uint16_t)(p->reference_count - 1));
	if (p->reference_count)
		return;
	if (p->flags & PFNF_DELETED) {
		uint32_t frame = pfn_pte_frame(p);
		pfn_release_pagefile_copy(m, pfn); /* its page-file copy, if any, goes too */
		set_pte_frame(m, p, MM_PFN_NONE);
		MM_SET64(m, &p->pte_address, 0);
		MM_SET64(m, &p->original_pte, 0);
		set_owner(m, p, PFN_OWNER_NONE);
		MM_SET16(m, &p->flags, (uint16_t)(p->flags & ~(PFNF_DELETED | PFNF_MODIFIED | PFNF_PROTOTYPE)));
		set_use(m, pfn, USE_NONE);
		pfn_insert(m, pfn, PFN_FREE);
		if (frame != MM_PFN_NONE && frame != pfn)
			pfn_decrement_share(m, frame);
		return;
	}
	pfn_insert(m, pfn, (p->flags & PFNF_MODIFIED) ? PFN_MODIFIED : PFN_STANDBY);
	/* MiInsertPageInList: the first modified page of a mapped file sets the
	 * mapped page writer's timer, MmModifiedPageLifeInSeconds (300 s) of
	 * simulated time; systhreads.c writes such pages when it fires. */
	if ((p->flags & PFNF_MODIFIED) && pfn_use(p) == USE_MAPPED && !m->mapped_writer_due)
		MM_SET64(m, &m->mapped_writer_due, m->ticks + PFN_MODIFIED_PAGE_LIFE);
}

/* ---- transitions the fault handler, the writers and exit ask for ---- */

void pfn_reactivate(struct mm *m, uint32_t pfn)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	struct pfn *p = &m->pfn[pfn];
	pfn_unlink(m, pfn);
	MM_SET16(m, &p->reference_count, (uint16_t)(p->reference_count + 1));
	MM_SET32(m, &p->u2, 1);
	pfn_insert(m, pfn, PFN_ACTIVE);
}

void pfn_delete_transition(struct mm *m, uint32_t pfn)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	pfn_unlink(m, pfn);
	pfn_mark_deleted(m, pfn);
	MM_SET16(m, &m->pfn[pfn].reference_count, 1);
	pfn_decrement_ref(m, pfn);
}

void pfn_begin_write(struct mm *m, uint32_t pfn)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	struct pfn *p = &m->pfn[pfn];
	pfn_unlink(m, pfn);
	MM_SET16(m, &p->reference_count, 1);
	MM_SET16(m, &p->flags, (uint16_t)(p->flags | PFNF_WRITE_IN_PROGRESS));
	pfn_insert(m, pfn, PFN_TRANSITION);
}

void pfn_end_write(struct mm *m, uint32_t pfn)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	struct pfn *p = &m->pfn[pfn];
	MM_SET16(m, &p->flags, (uint16_t)(p->flags & ~(PFNF_WRITE_IN_PROGRESS | PFNF_MODIFIED)));
	MM_SET16(m, &p->reference_count, 0);
	pfn_insert(m, pfn, PFN_STANDBY);
}

void pfn_delete_top_table(struct mm *m, uint32_t pfn)
{
	MM_ASSERT(pfn_sanity(m, pfn));
	struct pfn *p = &m->pfn[pfn];
	pfn_mark_deleted(m, pfn);
	set_pte_frame(m, p, MM_PFN_NONE); /* the parent is going too */
	MM_SET32(m, &p->u2, 1);                 /* its children are gone: only itself holds it */
	pfn_decrement_share(m, pfn);
}

void pfn_set_original_pte(struct mm *m, uint32_t pfn, uint64_t pte)
{
	MM_SET64(m, &m->pfn[pfn].original_pte, pte);
}

void pfn_set_original_protection(struct mm *m, uint32_t pfn, int prot)
{
	struct pfn *p = &m->pfn[pfn];
	MM_SET64(m, &p->original_pte, pte_with_protection(p->original_pte, prot));
}

void pfn_set_ws_index(struct mm *m, uint32_t pfn, uint32_t wsle)
{
	MM_SET32(m, &m->pfn[pfn].u1, wsle);
}

void pfn_set_prototype(struct mm *m, uint32_t pfn)
{
	struct pfn *p = &m->pfn[pfn];
	MM_SET16(m, &p->flags, (uint16_t)(p->flags | PFNF_PROTOTYPE));
}

void pfn_release_pagefile_copy(struct mm *m, uint32_t pfn)
{
	struct pte_info pi;
	pte_decode(m->arch, m->pfn[pfn].original_pte, &pi);
	if (pi.format != PTE_FMT_PAGEFILE)
		return;
	pagefile_free(m, pi.pagefile, pi.offset);
	pfn_set_original_pte(m, pfn, pte_make_demand_zero(m->arch, pi.protection));
}
