/*
 * wsmgr.h — working sets: the working set list (one entry per resident
 * page of a process), aging, trimming, and the working-set APIs
 * (docs/reference.md R-WS).
 */
#ifndef MM_WSMGR_H
#define MM_WSMGR_H

#include "base/machine.h"

#define WSLE_LOCKED 0x01   /* never trimmed: page tables' top, VirtualLock */
#define WSLE_TABLE 0x02    /* a page-table page */
#define WSLE_SAME_PROTECT 0x04 /* SameProtectAsProto: a view page whose protection is its prototype PTE's */

struct wsle {
	uint64_t va;
	uint32_t next, prev;        /* circular list per process */
	uint32_t pfn;
	uint32_t pid;
	uint8_t age;                /* 0-3 (MI_USE_AGE_COUNT 4) */
	uint8_t flags;
	uint8_t protection;         /* a view page's protection (MMWSLE Protection), for the PTE a trim writes */
	uint8_t pad[5];
};

int wsmgr_init(struct mm *m);
void wsmgr_fini(struct mm *m);
static inline struct wsle *wsle_at(const struct mm *m, uint32_t i) { return (struct wsle *)slab_at(&m->wsles, i); }

/* A page enters / leaves process p's working set (ws_add / ws_remove
 * events). For pages only this process maps, the PFN's u1 (WsIndex)
 * remembers the entry. */
uint32_t wsmgr_add(struct mm *m, struct proc *p, va_t va, uint32_t pfn, uint8_t flags);
/* A page of a section view joins the working set: its entry records the
 * view page's protection and whether it is the prototype PTE's
 * (MiAddValidPageToWorkingSet with the WSLE protection), which decides the
 * prototype-pointer form a trim writes (wsmgr_trim_page). */
void wsmgr_add_view_page(struct mm *m, struct proc *p, va_t va, uint32_t pfn, int prot);
void wsmgr_remove(struct mm *m, struct proc *p, va_t va, uint32_t pfn);
/* The entry for va (a private page: through its PFN's WsIndex; a shared
 * page: by searching the list), or 0. */
uint32_t wsmgr_find(const struct mm *m, const struct proc *p, va_t va, uint32_t pfn);

/* Takes one private page out of the working set: the PTE becomes a
 * transition PTE and the frame goes to the standby list (clean) or the
 * modified list (dirty). Returns false when the page cannot be trimmed. */
bool wsmgr_trim_page(struct mm *m, struct proc *p, uint32_t wsle);

/* Ages every entry (Accessed set -> cleared, age 0; else age + 1), then
 * removes up to `count` pages whose age is at least `min_age`, clock-wise
 * from the hand. Returns the pages removed. */
uint64_t wsmgr_trim(struct mm *m, struct proc *p, uint64_t count, int min_age);
void wsmgr_age(struct mm *m, struct proc *p);
uint64_t wsmgr_empty(struct mm *m, struct proc *p);
/* Process exit: every remaining entry goes (the pages went before). */
void wsmgr_forget(struct mm *m, struct proc *p);

/* SetProcessWorkingSetSize with sizes in bytes ((uint64_t)-1 twice: empty it),
 * by MmAdjustWorkingSetSizeEx's rules (docs/reference.md R-WS-API): a 0 or a
 * minimum above the maximum fails; sizes outside MmMinimumWorkingSetSize (20)
 * .. MmMaximumWorkingSetSize are clamped and *status says
 * STATUS_WORKING_SET_LIMIT_RANGE (a success); a lower maximum trims at once.
 * On failure -1 and err; *status is a static string. */
int wsmgr_set_limits(struct mm *m, struct proc *p, uint64_t min_bytes, uint64_t max_bytes, const char **status,
		     struct mm_err *err);
/* At boot, once the system's pages are taken: MmMaximumWorkingSetSize. */
void wsmgr_boot_limits(struct mm *m);

/* VirtualLock's mark is the page's working-set entry's LockedInWs
 * (WSLE_LOCKED; the entry is wsmgr_find's). Is the page at va (frame pfn)
 * locked; drop the lock; how many pages p has locked (the entries are
 * counted, so a lock leaves with its entry whoever removes it). */
bool wsmgr_page_locked(const struct mm *m, const struct proc *p, va_t va, uint32_t pfn);
void wsmgr_unlock_page(struct mm *m, struct proc *p, va_t va, uint32_t pfn);
uint32_t wsmgr_locked_pages(const struct mm *m, const struct proc *p);

#endif
