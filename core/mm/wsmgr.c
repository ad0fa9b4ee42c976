/*
 * wsmgr.c — working sets (wsmgr.h, docs/reference.md R-WS).
 *
 * A process's working set is the set of its pages that are resident and
 * valid in its page tables. Windows keeps it as the working set list
 * (WSL), one entry (WSLE) per page with an age; the PFN of a private page
 * points back at its entry (u1 = WsIndex). The working set manager, run by
 * the balance set manager once a second, ages the entries — a page whose
 * Accessed bit is set was used since the last pass: the bit is cleared and
 * the age goes back to 0; otherwise the age grows, up to 3 — and, when
 * memory is short, trims the oldest pages. Trimming a private page turns
 * its PTE into a transition PTE (the frame still holds the data) and the
 * frame joins the standby list when clean or the modified list when dirty;
 * touching it again is a soft fault, cheap, unless the frame has been
 * repurposed meanwhile.
 *
 * Invariants (check.c, W1): each process's list holds ws_size entries, and
 * each entry names a valid PTE of that process.
 */
#include "wsmgr.h"

#include <stdlib.h>

#include "base/consts.h"
#include "counters.h"
#include "hw/paging.h"
#include "pfn.h"
#include "hw/pte.h"
#include "hw/tlb.h"
#include "vad.h"
#include "vm.h"
#include "mmmsg.h"

#define WSLE_LIMIT (1u << 26)
#define WS_MINIMUM_PAGES 20 /* MmMinimumWorkingSetSize */
#define WS_FLUID_PAGES 8    /* MM_FLUID_WORKING_SET */
#define WS_HIGH_LIMIT 128   /* MM_HIGH_LIMIT (mi.h) */

int wsmgr_init(struct mm *m)
{
	return slab_init(&m->wsles, &m->alloc, sizeof(struct wsle), WSLE_LIMIT);
}

void wsmgr_fini(struct mm *m)
{
	slab_fini(&m->wsles);
}

static void link_tail(struct mm *m, struct proc *p, uint32_t i)
{
	struct wsle *e = wsle_at(m, i);
	if (!p->ws_first) {
		MM_SET32(m, &e->next, i);
		MM_SET32(m, &e->prev, i);
		MM_SET32(m, &p->ws_first, i);
		return;
	}
	uint32_t first = p->ws_first, last = wsle_at(m, first)->prev;
	MM_SET32(m, &e->next, first);
	MM_SET32(m, &e->prev, last);
	MM_SET32(m, &wsle_at(m, last)->next, i);
	MM_SET32(m, &wsle_at(m, first)->prev, i);
}

static void unlink_entry(struct mm *m, struct proc *p, uint32_t i)
{
	struct wsle *e = wsle_at(m, i);
	if (e->next == i) {
		MM_SET32(m, &p->ws_first, 0);
		MM_SET32(m, &p->ws_hand, 0);
		return;
	}
	MM_SET32(m, &wsle_at(m, e->prev)->next, e->next);
	MM_SET32(m, &wsle_at(m, e->next)->prev, e->prev);
	if (p->ws_first == i)
		MM_SET32(m, &p->ws_first, e->next);
	if (p->ws_hand == i)
		MM_SET32(m, &p->ws_hand, e->next);
}

/* Does the frame's u1 name this process's entry for va? (Shared frames —
 * KUSER_SHARED_DATA — are in several lists and keep no WsIndex.) */
static bool owns_index(const struct mm *m, const struct proc *p, uint32_t pfn)
{
	return pfn != MM_PFN_NONE && pfn < m->npages && pfn != m->shared_data_pfn && pfn_owner(&m->pfn[pfn]) == p->pid;
}

uint32_t wsmgr_add(struct mm *m, struct proc *p, va_t va, uint32_t pfn, uint8_t flags)
{
	uint32_t i = slab_alloc(&m->wsles, &m->hist);
	if (i) {
		struct wsle *e = wsle_at(m, i);
		MM_SET64(m, &e->va, mm_page_base(va));
		MM_SET32(m, &e->pfn, pfn);
		MM_SET32(m, &e->pid, p->pid);
		MM_SET8(m, &e->age, 0);
		MM_SET8(m, &e->flags, flags);
		link_tail(m, p, i);
		if (owns_index(m, p, pfn))
			pfn_set_ws_index(m, pfn, i);
	} else {
		m->hist.oom = true; /* no host memory for the entry: the command fails */
	}
	MM_SET64(m, &p->ws_size, p->ws_size + 1);
	if (p->ws_size > p->ws_peak)
		MM_SET64(m, &p->ws_peak, p->ws_size);
	if (!(flags & WSLE_LOCKED)) /* MiAllocateWsle counts; a new process's own tables are entered uncounted */
		counters_page_fault(m, p);
	MM_EMIT(m, EV_WS_ADD, p->pid, mm_page_base(va), pfn, 0);
	return i;
}

void wsmgr_set_view_protection(struct mm *m, uint32_t i, int prot)
{
	struct wsle *e = wsle_at(m, i);
	bool same = prot == pte_protection(m->pfn[e->pfn].original_pte); /* the prototype PTE's protection */
	MM_SET8(m, &e->flags, (uint8_t)(same ? e->flags | WSLE_SAME_PROTECT : e->flags & ~WSLE_SAME_PROTECT));
	MM_SET8(m, &e->protection, (uint8_t)prot);
}

void wsmgr_add_view_page(struct mm *m, struct proc *p, va_t va, uint32_t pfn, int prot)
{
	uint32_t i = wsmgr_add(m, p, va, pfn, 0);
	if (i)
		wsmgr_set_view_protection(m, i, prot);
}

uint32_t wsmgr_find(const struct mm *m, const struct proc *p, va_t va, uint32_t pfn)
{
	va = mm_page_base(va);
	if (owns_index(m, p, pfn)) {
		uint32_t i = pfn_ws_index(&m->pfn[pfn]);
		if (i && i < m->wsles.used && wsle_at(m, i)->pid == p->pid && wsle_at(m, i)->va == va)
			return i;
	}
	uint32_t i = p->ws_first; /* shared pages: search the list */
	if (!i)
		return 0;
	do {
		if (wsle_at(m, i)->va == va)
			return i;
		i = wsle_at(m, i)->next;
	} while (i != p->ws_first);
	return 0;
}

void wsmgr_remove(struct mm *m, struct proc *p, va_t va, uint32_t pfn)
{
	uint32_t i = wsmgr_find(m, p, va, pfn);
	if (i) {
		unlink_entry(m, p, i);
		slab_release(&m->wsles, &m->hist, i);
	}
	MM_SET64(m, &p->ws_size, p->ws_size - 1);
	MM_EMIT(m, EV_WS_REMOVE, p->pid, mm_page_base(va), pfn, 0);
}

/* The protection a trimmed page keeps in its transition PTE: the one its
 * PFN's original PTE records (MiInitializePfn stores it there). */
static int page_protection(const struct mm *m, uint32_t pfn)
{
	struct pte_info pi;
	pte_decode(m->arch, m->pfn[pfn].original_pte, &pi);
	return pi.protection;
}

bool wsmgr_trim_page(struct mm *m, struct proc *p, uint32_t i)
{
	struct wsle *e = wsle_at(m, i);
	if (e->flags & (WSLE_LOCKED | WSLE_TABLE))
		return false;
	va_t va = e->va;
	struct pte_ref pte = paging_leaf_ref(m, p, va);
	if (pte.table == MM_PFN_NONE)
		return false;
	pte_t v = pte_ref_load(m, &pte);
	if (!(v & PTE_VALID))
		return false;
	uint32_t pfn = pte_pfn(m->arch, v);
	if (pfn == m->shared_data_pfn) { /* the shared page simply leaves this process */
		pte_ref_store(m, &pte, 0);
		tlb_flush_va(m, va);
		wsmgr_remove(m, p, va, pfn);
		pfn_decrement_share(m, pfn);
		return true;
	}
	if (v & PTE_DIRTY) /* the hardware's dirty bit is captured into the PFN */
		pfn_set_modified(m, pfn, true);
	if (m->pfn[pfn].flags & PFNF_PROTOTYPE) {
		/* A shared page: this process's PTE points back at the prototype
		 * PTE (MiEliminateWorkingSetEntry): directly, Protection 0, when the
		 * view's protection is the prototype PTE's (SameProtectAsProto);
		 * otherwise with the view's protection in the PTE and the
		 * prototype PTE to be found through the VAD. The frame stays valid
		 * for the others and goes to transition with its last share. */
		pte_t proto = (e->flags & WSLE_SAME_PROTECT) ? pte_make_prototype(m->arch, m->pfn[pfn].pte_address, 0, false)
							       : pte_make_proto_lookup(m->arch, e->protection);
		pte_ref_store(m, &pte, proto);
		tlb_flush_va(m, va);
		wsmgr_remove(m, p, va, pfn);
		pfn_decrement_share(m, pfn);
		return true;
	}
	/* A private page: MI_MAKE_VALID_PTE_TRANSITION with the protection its
	 * PFN's original PTE keeps. */
	pte_ref_store(m, &pte, pte_make_valid_transition(v, page_protection(m, pfn)));
	tlb_flush_va(m, va);
	wsmgr_remove(m, p, va, pfn);
	MM_SET64(m, &p->private_pages, p->private_pages - 1);
	pfn_decrement_share(m, pfn);
	return true;
}

void wsmgr_age(struct mm *m, struct proc *p)
{
	uint32_t i = p->ws_first;
	if (!i)
		return;
	int last = m->arch->levels - 1;
	do {
		struct wsle *e = wsle_at(m, i);
		if (!(e->flags & (WSLE_LOCKED | WSLE_TABLE))) {
			struct pte_ref pte = paging_ref(m, p, last, e->va);
			pte_t v = pte.table == MM_PFN_NONE ? 0 : pte_ref_load(m, &pte);
			if (v & PTE_ACCESSED) {
				pte_ref_store(m, &pte, v & ~PTE_ACCESSED);
				tlb_flush_va(m, e->va); /* so the next use sets Accessed again */
				MM_SET8(m, &e->age, 0);
			} else if (e->age < 3) {
				MM_SET8(m, &e->age, (uint8_t)(e->age + 1));
			}
		}
		i = e->next;
	} while (i != p->ws_first);
}

uint64_t wsmgr_trim(struct mm *m, struct proc *p, uint64_t count, int min_age)
{
	uint64_t removed = 0;
	uint64_t n = p->ws_size;
	uint32_t i = p->ws_hand ? p->ws_hand : p->ws_first;
	while (i && n-- > 0 && removed < count) {
		uint32_t next = wsle_at(m, i)->next;
		if (wsle_at(m, i)->age >= min_age && wsmgr_trim_page(m, p, i)) {
			removed++;
			if (!p->ws_first)
				break;
		}
		i = next;
	}
	if (p->ws_first)
		MM_SET32(m, &p->ws_hand, i && i < m->wsles.used ? i : p->ws_first);
	return removed;
}

uint64_t wsmgr_empty(struct mm *m, struct proc *p)
{
	return wsmgr_trim(m, p, UINT64_MAX, 0);
}

void wsmgr_forget(struct mm *m, struct proc *p)
{
	while (p->ws_first) {
		uint32_t i = p->ws_first;
		unlink_entry(m, p, i);
		slab_release(&m->wsles, &m->hist, i);
	}
	MM_SET64(m, &p->ws_size, 0);
}

/* MmMaximumWorkingSetSize (WRK mminit.c, MmInitSystem): the pages
 * available once boot is done less 512, at most MM_MAXIMUM_WORKING_SET - 5
 * (x86 and PAE: 2 GB - 64 MB of working-set list; x64: far above any RAM
 * mmviz boots). On a machine smaller than Windows ever booted on, where
 * that subtraction would leave almost nothing, half of them, as
 * commit_init_limit does for the commit limit. */
void wsmgr_init_maximum(struct mm *m)
{
	uint64_t avail = pfn_available(m), cap = ((2ull << 30) - (64ull << 20)) / MM_PAGE_SIZE - 5;
	m->ws_maximum = avail > 1024 ? avail - 512 : avail / 2;
	if (m->arch->id != MM_ARCH_X64 && m->ws_maximum > cap)
		m->ws_maximum = cap;
}

/* The locked entries at the head of the list (the WSL's FirstDynamic):
 * the locked top-level table and the pages VirtualLock locked. */
static uint64_t first_dynamic(const struct mm *m, const struct proc *p)
{
	uint64_t n = 0;
	uint32_t i = p->ws_first;
	if (i) {
		do {
			n += (wsle_at(m, i)->flags & WSLE_LOCKED) != 0;
			i = wsle_at(m, i)->next;
		} while (i != p->ws_first);
	}
	return n;
}

/* MmAdjustWorkingSetSizeEx's checks, in its order: 0 keeps a limit as
 * it is; min > max fails first; then the limits are clamped to
 * [MmMinimumWorkingSetSize, MmMaximumWorkingSetSize] (a success with
 * STATUS_WORKING_SET_LIMIT_RANGE); the maximum must leave
 * MM_FLUID_WORKING_SET pages above the locked ones; a larger minimum
 * needs resident pages to spare. */
static int adjust_limits(struct mm *m, const struct proc *p, uint64_t *mn, uint64_t *mx, bool *clamped,
			 struct mm_err *err)
{
	uint64_t lo = *mn ? *mn : p->ws_min, hi = *mx ? *mx : p->ws_max;
	*clamped = false;
	if (lo > hi)
		return mm_fail_tr(err, "STATUS_BAD_WORKING_SET_LIMIT", 1,
			       MMM_WS_MIN_MAX,
			       (unsigned long long)lo, (unsigned long long)hi);
	if (hi > m->ws_maximum)
		hi = m->ws_maximum, *clamped = true;
	if (lo > m->ws_maximum)
		lo = m->ws_maximum, *clamped = true;
	if (lo < WS_MINIMUM_PAGES)
		lo = WS_MINIMUM_PAGES, *clamped = true;
	if (first_dynamic(m, p) + WS_FLUID_PAGES >= hi)
		return mm_fail_tr(err, "STATUS_BAD_WORKING_SET_LIMIT", 2,
			       MMM_WS_MAX_LOCKED,
			       (unsigned long long)hi, (unsigned long long)first_dynamic(m, p), WS_FLUID_PAGES);
	uint64_t avail = pfn_available(m);
	if (lo > p->ws_min && lo - p->ws_min + 2 * WS_HIGH_LIMIT > avail)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", 1,
			       MMM_WS_RAISE_MIN,
			       (unsigned long long)(lo - p->ws_min), 2 * WS_HIGH_LIMIT);
	*mn = lo;
	*mx = hi;
	return 0;
}

int wsmgr_set_limits(struct mm *m, struct proc *p, uint64_t min_b, uint64_t max_b, bool *clamped,
		     struct mm_err *err)
{
	*clamped = false;
	if (min_b == 0 || max_b == 0) /* kernel32, before the system call */
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", min_b == 0 ? 1 : 2,
			       MMM_WS_ZERO);
	if (min_b == UINT64_MAX && max_b == UINT64_MAX) { /* (SIZE_T)-1 twice: empty the working set */
		wsmgr_empty(m, p);
		return 0;
	}
	uint64_t mn = mm_bytes_pages(min_b), mx = mm_bytes_pages(max_b); /* bytes >> PAGE_SHIFT: rounded down */
	if (adjust_limits(m, p, &mn, &mx, clamped, err) < 0)
		return -1;
	/* A lower maximum takes effect at once: the oldest pages leave first. */
	if (p->ws_size > mx) {
		wsmgr_age(m, p);
		for (int age = 3; age >= 0 && p->ws_size > mx; age--)
			wsmgr_trim(m, p, p->ws_size - mx, age);
		if (p->ws_size > mx)
			return mm_fail_tr(err, "STATUS_BAD_WORKING_SET_LIMIT", 2,
				       MMM_WS_SHRINK,
				       (unsigned long long)mx, (unsigned long long)p->ws_size);
	}
	MM_SET64(m, &p->ws_min, mn);
	MM_SET64(m, &p->ws_max, mx);
	return 0;
}

/* ---- VirtualLock's mark: LockedInWs (WSLE_LOCKED) ---- */

bool wsmgr_page_locked(const struct mm *m, const struct proc *p, va_t va, uint32_t pfn)
{
	uint32_t i = wsmgr_find(m, p, va, pfn);
	return i && (wsle_at(m, i)->flags & WSLE_LOCKED) && !(wsle_at(m, i)->flags & WSLE_TABLE);
}

void wsmgr_unlock_page(struct mm *m, struct proc *p, va_t va, uint32_t pfn)
{
	if (!wsmgr_page_locked(m, p, va, pfn))
		return;
	struct wsle *e = wsle_at(m, wsmgr_find(m, p, va, pfn));
	MM_SET8(m, &e->flags, (uint8_t)(e->flags & ~WSLE_LOCKED));
}

/* Counted, not kept: a locked entry that leaves the working set with its
 * page (VirtualFree, UnmapViewOfFile, exit) takes its lock along, whoever
 * removes it. */
uint32_t wsmgr_locked_pages(const struct mm *m, const struct proc *p)
{
	uint32_t n = 0, i = p->ws_first;
	if (!i)
		return 0;
	do {
		const struct wsle *e = wsle_at(m, i);
		n += (e->flags & WSLE_LOCKED) && !(e->flags & WSLE_TABLE);
		i = e->next;
	} while (i != p->ws_first);
	return n;
}
