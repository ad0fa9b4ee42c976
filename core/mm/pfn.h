/*
 * pfn.h — the PFN database and the page lists. See pfn.c for the state
 * diagram and the invariants.
 */
#ifndef MM_PFN_H
#define MM_PFN_H

#include "base/machine.h"

int pfn_init(struct mm *m);
void pfn_fini(struct mm *m);

static inline enum pfn_loc pfn_loc(const struct pfn *p) { return (enum pfn_loc)(p->flags & PFNF_LOC_MASK); }
static inline enum pfn_use pfn_use(const struct pfn *p) { return (enum pfn_use)((p->flags & PFNF_USE_MASK) >> PFNF_USE_SHIFT); }
static inline bool pfn_on_list(enum pfn_loc l) { return l <= PFN_BAD; }

/* The fields stored so that a booted entry is all zero (pfn.c, F6). */
static inline int pfn_priority(const struct pfn *p)
{
	return (int)(((p->flags & PFNF_PRIO_MASK) >> PFNF_PRIO_SHIFT) ^ PFN_DEFAULT_PRIORITY);
}
/* The flags bits that say standby priority prio. */
static inline uint16_t pfn_priority_bits(int prio)
{
	return (uint16_t)((((unsigned)prio ^ PFN_DEFAULT_PRIORITY) << PFNF_PRIO_SHIFT) & PFNF_PRIO_MASK);
}
static inline uint32_t pfn_pte_frame(const struct pfn *p) { return p->pte_frame_enc - 1; } /* MM_PFN_NONE: none */
static inline uint32_t pfn_owner(const struct pfn *p) { return p->owner_enc - 1; }         /* PFN_OWNER_NONE: nobody */
/* A frame on a list: the next and previous frame (MM_PFN_NONE at the ends). */
static inline uint32_t pfn_flink(const struct mm *m, uint32_t pfn) { return m->pfn[pfn].u1 ^ (pfn + 1); }
static inline uint32_t pfn_blink(const struct mm *m, uint32_t pfn) { return m->pfn[pfn].u2 ^ (pfn - 1); }
/* An active frame: its share count and working-set index. */
static inline uint32_t pfn_share_count(const struct pfn *p) { return p->u2; }
static inline uint32_t pfn_ws_index(const struct pfn *p) { return p->u1; }

const char *pfn_loc_name(enum pfn_loc l);   /* docs/output.md OUT-VOCAB: "zeroed", "free", ... */
const char *pfn_use_name(enum pfn_use u);

/* Taking pages (the frame comes off its list; the caller initialises it).
 * Return MM_PFN_NONE when no page is available. */
uint32_t pfn_remove_zero_page(struct mm *m);  /* MiRemoveZeroPage: zeroed, else free/standby zeroed now */
uint32_t pfn_remove_any_page(struct mm *m);   /* MiRemoveAnyPage: free, zeroed, standby (for reads) */
uint32_t pfn_available(const struct mm *m);   /* zeroed + free + standby */
#define PFN_MODIFIED_PAGE_LIFE 300            /* MmModifiedPageLifeInSeconds: the mapped page writer's timer */

/* MiInitializePfn: the page becomes active, mapped by one PTE. The page
 * table holding that PTE (pte_frame) gains a share. */
void pfn_initialize(struct mm *m, uint32_t pfn, uint64_t pte_address, uint32_t pte_frame,
		    uint32_t owner, enum pfn_use use, uint64_t original_pte, bool modified);

/* The page is no longer mapped: share count down; at zero the page becomes
 * a transition page and its reference goes; at zero references it lands on
 * the list its state calls for (free when deleted, modified when dirty,
 * standby otherwise). */
void pfn_decrement_share(struct mm *m, uint32_t pfn);
void pfn_decrement_ref(struct mm *m, uint32_t pfn);
void pfn_increment_share(struct mm *m, uint32_t pfn);
/* No PTE owns the page any more (freed memory): it goes to the free list
 * once unreferenced, and the page table it was in loses its share. */
void pfn_mark_deleted(struct mm *m, uint32_t pfn);
void pfn_set_modified(struct mm *m, uint32_t pfn, bool modified);

/* Moves an unreferenced page off its list onto another (zero page thread,
 * modified writer, soft faults). */
void pfn_unlink(struct mm *m, uint32_t pfn);
void pfn_insert(struct mm *m, uint32_t pfn, enum pfn_loc to);

/* Where the PTE that maps pfn lives: the frame of its page table and the
 * byte offset inside it. False for prototype PTEs (not in a page table). */
bool pfn_pte_location(const struct mm *m, uint32_t pfn, uint32_t *table, uint32_t *off);

/* A transition page (standby or modified) taken back by a soft fault: off
 * its list, referenced, one PTE mapping it (MiResolveTransitionFault). */
void pfn_reactivate(struct mm *m, uint32_t pfn);
/* A transition PTE deleted (MiDeletePte): the page goes to the free list
 * and its page-file copy, if any, is released. */
void pfn_delete_transition(struct mm *m, uint32_t pfn);
/* A page writer takes a modified page (write in progress: referenced, on
 * no list) and, when the write is done, leaves it clean on standby
 * (MiWriteComplete). */
void pfn_begin_write(struct mm *m, uint32_t pfn);
void pfn_end_write(struct mm *m, uint32_t pfn);
/* A process's top-level table at exit: no parent, no children left. */
void pfn_delete_top_table(struct mm *m, uint32_t pfn);
/* The PTE to restore when the page leaves memory, whole or its 5-bit
 * protection only (a trim or VirtualProtect of a page). */
void pfn_set_original_pte(struct mm *m, uint32_t pfn, uint64_t pte);
void pfn_set_original_protection(struct mm *m, uint32_t pfn, int prot);
/* The working-set list entry of an active private page (u1.WsIndex). */
void pfn_set_ws_index(struct mm *m, uint32_t pfn, uint32_t wsle);
/* A frame's backing copy, if its original PTE points into a page file:
 * the slot is freed (the page was dirtied again, or freed;
 * MiReleasePageFileSpace). */
void pfn_release_pagefile_copy(struct mm *m, uint32_t pfn);
/* The page is mapped by a prototype PTE (a section's page). */
void pfn_set_prototype(struct mm *m, uint32_t pfn);
/* One frame's entry agrees with its location (F1 and F2 for that frame, as
 * pfn.c's essay states them); for MM_ASSERT only (types.h). */
bool pfn_sanity(const struct mm *m, uint32_t pfn);

#endif
