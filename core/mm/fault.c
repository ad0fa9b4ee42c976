/*
 * fault.c — the access path of the simulated CPU and the fault handler
 * (MmAccessFault, docs/reference.md R-FAULT-ORDER). The order of the checks matters and is
 * Windows':
 *
 *   1. TLB look-up. A hit whose cached rights allow the access completes it
 *      without touching memory. The rights the access needs are worked out
 *      once (need_of) and held against the TLB entry or the walk with one
 *      comparison.
 *   2. Walk from CR3, reading each level's entry from its frame — or from
 *      below the deepest upper-level entry the paging-structure caches hold
 *      (hw/psc.c, docs/reference.md R-PSC): a cached PDE leaves only the
 *      PTE to read. The entries the walk read above the leaf are cached.
 *   3. A missing table on the way to a user address: the VAD decides first
 *      (no VAD, or reserved only -> access violation, no table is made);
 *      otherwise the table is made (fault kind page_table) and the walk
 *      continues.
 *   4. The leaf PTE is valid but the access is not allowed (protection
 *      fault): kernel-owned -> AV; write to copy-on-write -> copy; write
 *      with the software Write bit but no Dirty -> MiSetDirtyBit (the first
 *      write to a clean page, on MP kernels the hardware R/W bit is set only
 *      together with Dirty, R-PTE-DIRTY); otherwise AV. Execute on NX ->
 *      AV (DEP).
 *   5. The leaf PTE is invalid: decoded in the order of R-PTE-DECODE —
 *      zero (ask the VAD), prototype, transition (soft), page file (hard),
 *      else demand zero — with the access check on the protection first
 *      (an access violation outranks a guard page). A guard page loses its
 *      guard bit; inside a thread's stack the stack grows and the access is
 *      retried without an exception, or STATUS_STACK_OVERFLOW is raised at
 *      the bottom (stackgrow.c, R-GUARD-STACK); elsewhere the thread gets
 *      STATUS_GUARD_PAGE_VIOLATION once.
 *   6. Resolved faults retry the access from step 1.
 *
 * Where the fault path re-enters the rest of the memory manager, it does
 * so as Windows does (docs/architecture.md ARCH-RECURSION):
 *   - stack growth (stackgrow.c) commits the next guard region through the
 *     VirtualAlloc path (vm_alloc), as MiCheckForUserStackOverflow calls
 *     ZwAllocateVirtualMemory;
 *   - a fault that finds no free frame reclaims (systhreads.c sys_reclaim),
 *     which may run the modified and mapped page writers and so write
 *     through sections; Windows makes the faulting thread wait for those
 *     threads (MiEnsureAvailablePageOrWait), mmviz runs them at once;
 *   - prototype-PTE faults (protofault.c) use this file's helpers through
 *     faultint.h.
 * No other call leaves the fault path for a module above it.
 */
#include "fault.h"

#include "base/consts.h"
#include "counters.h"
#include "inpage.h"
#include "pagefile.h"
#include "pagetable.h"
#include "wsmgr.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "process.h"
#include "stackgrow.h"
#include "systhreads.h"
#include "hw/psc.h"
#include "hw/tlb.h"
#include "vad.h"

static const char *const fk_names[FK_COUNT] = {
	"demand_zero", "soft", "hard", "copy_on_write", "guard_page",
	"access_violation", "prototype", "page_table",
};

const char *fault_kind_name(enum fault_kind k) { return (unsigned)k < FK_COUNT ? fk_names[k] : "?"; }

const char *access_kind_name(enum access_kind k)
{
	static const char *const n[] = {"read", "write", "execute"};
	return n[k];
}

const char *fault_status_name(uint32_t s)
{
	switch (s) {
	case STATUS_ACCESS_VIOLATION: return "STATUS_ACCESS_VIOLATION";
	case STATUS_GUARD_PAGE_VIOLATION: return "STATUS_GUARD_PAGE_VIOLATION";
	case STATUS_STACK_OVERFLOW: return "STATUS_STACK_OVERFLOW";
	case STATUS_IN_PAGE_ERROR: return "STATUS_IN_PAGE_ERROR";
	default: return "STATUS_UNKNOWN";
	}
}

#include "mmmsg.h"
#include "faultint.h"

#define record fault_record
#define resolved fault_resolved
#define raise fault_raise

void fault_record(struct mm *m, struct access_result *r, enum fault_kind k, va_t va, uint32_t pfn)
{
	if (r->nfaults < FAULT_MAX_RECORDED)
		r->faults[r->nfaults++] = (struct fault_rec){k, va, pfn};
	MM_SET64(m, &m->stat_faults[k], m->stat_faults[k] + 1);
	MM_EMIT(m, EV_FAULT, k, va, pfn, 0);
}

/* The fault handler is done: the frame it settled on joins the record. */
void fault_resolved(struct mm *m, struct access_result *r, enum fault_kind k, va_t va, uint32_t pfn)
{
	for (int i = r->nfaults - 1; i >= 0; i--)
		if (r->faults[i].kind == k) {
			r->faults[i].pfn = pfn;
			break;
		}
	MM_EMIT(m, EV_RESOLVED, k, va, pfn, 0);
}

enum outcome fault_raise(struct mm *m, struct access_result *r, uint32_t status, const char *why_en, const char *why_de)
{
	if (status == STATUS_ACCESS_VIOLATION)
		record(m, r, FK_ACCESS_VIOLATION, r->va, 0);
	r->exception = status;
	r->why[0] = why_en;
	r->why[1] = why_de;
	MM_EMIT(m, EV_EXCEPTION, status, r->va, r->kind, 0);
	return RAISED;
}

/* One protection check per access: the rights an access needs, as a mask
 * of TLBF_* bits and the value they must have (user mode needs U/S, a
 * write R/W, an execution NX clear where NX exists), computed once and
 * held against the TLB entry or the walk with one comparison. */
struct need {
	uint16_t mask, value;
};

static struct need need_of(const struct mm *m, enum access_kind k, bool kernel)
{
	struct need n = {0, 0};
	if (!kernel)
		n.mask |= TLBF_USER, n.value |= TLBF_USER;
	if (k == ACC_WRITE)
		n.mask |= TLBF_WRITE, n.value |= TLBF_WRITE;
	if (k == ACC_EXEC && m->arch->nx)
		n.mask |= TLBF_NX;
	return n;
}

static inline bool allowed(uint16_t rights, struct need n)
{
	return (rights & n.mask) == n.value;
}

/* MmReadWrite plus the execute rule (docs/reference.md R-PROT-CODE): may `prot` be accessed
 * this way? Guard and no-access are answered by the caller. */
static bool prot_allows(const struct mm *m, int prot, enum access_kind k)
{
	if (!mm_prot_allows(prot, k == ACC_WRITE))
		return false;
	if (k == ACC_EXEC && m->arch->nx && !(prot & 2))
		return false;
	return true;
}

static enum outcome demand_zero(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, int prot,
			       struct access_result *r)
{
	record(m, r, FK_DEMAND_ZERO, va, 0);
	counters_demand_zero(m);
	uint32_t pfn = pfn_remove_zero_page(m);
	if (pfn == MM_PFN_NONE && sys_reclaim(m)) /* the thread waits while pages are freed */
		pfn = pfn_remove_zero_page(m);
	if (pfn == MM_PFN_NONE)
		return raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_NO_PAGE);
	bool user = paging_is_user(m, va);
	pfn_initialize(m, pfn, pte->entry_va, pte->table, p->pid, USE_PRIVATE, pte_make_demand_zero(m->arch, prot), true);
	pte_ref_store(m, pte, pte_make_valid(m->arch, pfn, prot, user, true, false));
	MM_SET64(m, &p->private_pages, p->private_pages + 1);
	wsmgr_add(m, p, mm_page_base(va), pfn, 0);
	resolved(m, r, FK_DEMAND_ZERO, va, pfn);
	return RESOLVED;
}

/* A transition PTE: the page is still in RAM on the standby or modified
 * list; taking it back is a soft fault. */
static enum outcome soft(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, const struct pte_info *pi,
			 struct access_result *r)
{
	uint32_t pfn = pi->pfn;
	record(m, r, FK_SOFT, va, pfn);
	counters_transition(m);
	pfn_reactivate(m, pfn);
	/* MiResolveTransitionFault: a page taken back from the modified list
	 * comes back dirty when its PTE may be written (the page will not be
	 * written to the page file while the PTE is valid); a standby page
	 * comes back clean. */
	bool dirty = m->pfn[pfn].flags & PFNF_MODIFIED;
	pte_ref_store(m, pte, pte_make_valid(m->arch, pfn, pi->protection, paging_is_user(m, va), dirty, false));
	MM_SET64(m, &p->private_pages, p->private_pages + 1); /* resident again (a trim took one off) */
	wsmgr_add(m, p, mm_page_base(va), pfn, 0);
	resolved(m, r, FK_SOFT, va, pfn);
	return RESOLVED;
}

/* A page-file PTE: the page was written out and its frame reused, so it is
 * read back — a hard fault, the slow kind (a disk read on real Windows).
 * The page comes back clean, its page-file copy kept as the backing store
 * (original PTE) until the page is dirtied again. */
static enum outcome hard(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, pte_t v, const struct pte_info *pi,
			 struct access_result *r)
{
	record(m, r, FK_HARD, va, 0);
	uint32_t pfn = pfn_remove_any_page(m);
	if (pfn == MM_PFN_NONE && sys_reclaim(m))
		pfn = pfn_remove_any_page(m);
	if (pfn == MM_PFN_NONE)
		return raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_NO_PAGE);
	if (physmem_load(m, *pagefile_content(m, pi->pagefile, pi->offset), pfn) < 0)
		return raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_HOST_OOM);
	MM_EMIT(m, EV_PAGEFILE_READ, pi->pagefile, pi->offset, pfn, 0);
	pfn_initialize(m, pfn, pte->entry_va, pte->table, p->pid, USE_PRIVATE, v, false);
	pte_ref_store(m, pte, pte_make_valid(m->arch, pfn, pi->protection, paging_is_user(m, va), false, false));
	MM_SET64(m, &p->private_pages, p->private_pages + 1);
	wsmgr_add(m, p, mm_page_base(va), pfn, 0);
	int more = inpage_pagefile_cluster(m, p, pte, va, v); /* the neighbours in the same read (inpage.c) */
	if (more < 0)
		return raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_HOST_OOM);
	counters_page_read(m, p, 1 + (uint64_t)more); /* one read; Pages Input counts every page of it */
	resolved(m, r, FK_HARD, va, pfn);
	return RESOLVED;
}

/* MiCheckVirtualAddress for a zero PTE: what protection the VAD gives the
 * page, or -1 when the address is not committed memory. */
/* Is va in a mapped view (a section VAD)? */
static uint32_t is_view(const struct mm *m, const struct proc *p, va_t va)
{
	uint32_t i = vad_find(m, p, mm_page_number(va));
	if (!i)
		return 0;
	const struct vad *v = vad_at(m, i);
	return (v->type == VAD_MAPPED || v->type == VAD_IMAGE) && v->object ? i : 0;
}

static int vad_protection(const struct mm *m, const struct proc *p, va_t va)
{
	uint32_t i = vad_find(m, p, mm_page_number(va));
	if (!i)
		return -1;
	const struct vad *v = vad_at(m, i);
	if (v->type == VAD_PRIVATE && (v->flags & VADF_MEM_COMMIT))
		return v->protection;
	return -1;
}

/* KUSER_SHARED_DATA at 0x7FFE0000 has no VAD: the fault handler maps the
 * kernel's page read-only into every process that touches it. */
static enum outcome shared_user_data(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va,
				     struct access_result *r)
{
	uint32_t pfn = m->shared_data_pfn;
	record(m, r, FK_SOFT, va, pfn);
	pte_ref_store(m, pte, pte_make_valid(m->arch, pfn, MM_READONLY, true, false, false));
	pfn_increment_share(m, pfn);
	wsmgr_add(m, p, mm_page_base(va), pfn, 0);
	resolved(m, r, FK_SOFT, va, pfn);
	return RESOLVED;
}

static bool is_shared_data(const struct mm *m, va_t va)
{
	return mm_page_base(va) == m->lay.shared_user_data;
}

/* No VAD, or only the shared-user-data VAD that 64-bit systems place over
 * the page (aspace.c): the kernel's page is what the address maps. */
static bool shared_data_unclaimed(const struct mm *m, const struct proc *p, va_t va)
{
	uint32_t i = vad_find(m, p, mm_page_number(va));
	return !i || vad_at(m, i)->usage == VUSE_SHARED_DATA;
}

/* No committed page at va: a reservation, or no VAD at all. */
static enum outcome raise_uncommitted(struct mm *m, struct proc *p, va_t va, struct access_result *r)
{
	return vad_find(m, p, mm_page_number(va)) ? raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_RESERVED)
						  : raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_FREE);
}

/* Step 3: a table on the way is missing. Once made, *leaf is the leaf
 * entry for va, found in the new table. */
static enum outcome missing_table(struct mm *m, struct proc *p, va_t va, struct pte_ref *leaf, struct access_result *r)
{
	if (!paging_is_user(m, va))
		return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_NO_KMAP_BC);
	int vp = vad_protection(m, p, va);
	if (vp >= 0 && (vp == MM_NOACCESS || (vp & 7) == 0)) /* MiCheckVirtualAddress says MM_NOACCESS: no tables */
		return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_NOACCESS);
	if (vp < 0 && !is_shared_data(m, va) && !is_view(m, p, va))
		return raise_uncommitted(m, p, va, r);
	struct mm_err err;
	record(m, r, FK_PAGE_TABLE, va, 0);
	if (pagetable_ensure(m, p, va, &err) < 0)
		return raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_NO_TABLE);
	*leaf = paging_leaf_ref(m, p, va);
	resolved(m, r, FK_PAGE_TABLE, va, leaf->table);
	return RESOLVED;
}

/* Step 4: valid leaf, access not allowed. */
static enum outcome protection_fault(struct mm *m, struct proc *p, const struct walk *w, struct access_result *r)
{
	pte_t v = w->lv[w->n - 1].value;
	uint16_t f = w->rights;
	if (!r->kernel && !(f & TLBF_USER))
		return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_KERNEL_PAGE);
	if (r->kind == ACC_EXEC && m->arch->nx && (f & TLBF_NX))
		return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_NX);
	if (r->kind == ACC_WRITE) {
		if (v & PTE_COPY_ON_WRITE)
			return proto_copy_on_write(m, p, &w->ref, w->pfn, r);
		if (!(v & PTE_SW_WRITE) || w->large)
			/* a kernel-mode write to a read-only system page: MmAccessFault
			 * bug-checks ATTEMPTED_WRITE_TO_READONLY_MEMORY (parameter 4:
			 * 12); mmviz raises the access violation and names the bug
			 * check (SIMP-BUGCHECK). To a read-only user page it is an
			 * access violation on Windows too. */
			return r->kernel && !paging_is_user(m, r->va)
				       ? raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_READONLY_SYSTEM)
				       : raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_NOT_WRITABLE);
		/* MiSetDirtyBit: the first write to a clean writable page. */
		pte_ref_store(m, &w->ref, v | PTE_HW_WRITE | PTE_DIRTY | PTE_ACCESSED);
		pfn_set_modified(m, w->pfn, true);
		pfn_release_pagefile_copy(m, w->pfn); /* the copy in the page file is stale now */
		tlb_flush_va(m, r->va);
		MM_EMIT(m, EV_DIRTY, mm_page_base(r->va), w->pfn, 0, 0);
		return RESOLVED;
	}
	return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_NOT_ALLOWED);
}

/* A guard page was touched and its guard bit is gone (docs/reference.md R-GUARD-STACK):
 * in a thread's stack the stack grows (STATUS_PAGE_FAULT_GUARD_PAGE, the
 * access is retried without an exception) or overflows; anywhere else the
 * thread gets STATUS_GUARD_PAGE_VIOLATION once. */
static enum outcome guard_hit(struct mm *m, struct proc *p, va_t va, struct access_result *r)
{
	switch (stackgrow_guard_hit(m, p, va)) {
	case STACKGROW_GREW:
		resolved(m, r, FK_GUARD_PAGE, va, 0);
		return RESOLVED;
	case STACKGROW_OVERFLOW:
		return raise(m, r, STATUS_STACK_OVERFLOW, MMM_WHY_STACK_OVERFLOW);
	default:
		return raise(m, r, STATUS_GUARD_PAGE_VIOLATION, MMM_WHY_GUARD);
	}
}

/* Step 5: the leaf PTE is invalid. */
static enum outcome invalid_pte(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, pte_t v,
			       struct access_result *r)
{
	struct pte_info pi;
	pte_decode(m->arch, v, &pi);
	int prot;
	switch (pi.format) {
	case PTE_FMT_ZERO:
		if (!paging_is_user(m, va))
			return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_NO_KMAP);
		if (is_view(m, p, va))
			return proto_fault(m, p, pte, va, is_view(m, p, va), r);
		if (is_shared_data(m, va) && shared_data_unclaimed(m, p, va)) {
			if (r->kind != ACC_READ)
				return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_KUSER_RO);
			return shared_user_data(m, p, pte, va, r);
		}
		if ((prot = vad_protection(m, p, va)) < 0)
			return raise_uncommitted(m, p, va, r);
		break;
	case PTE_FMT_DEMAND_ZERO:
	case PTE_FMT_TRANSITION:
	case PTE_FMT_PAGEFILE:
		prot = pi.protection;
		break;
	default: /* prototype format: a view page trimmed from this process */
		if (is_view(m, p, va))
			return proto_fault(m, p, pte, va, is_view(m, p, va), r);
		return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_PROTO_OUTSIDE);
	}
	if (prot == MM_DECOMMIT)
		return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_DECOMMITTED);
	if ((prot & 7) == 0 || prot == MM_NOACCESS)
		return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_NOACCESS);
	if (!prot_allows(m, prot & 7, r->kind))
		return r->kind == ACC_EXEC ? raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_NX)
					   : raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_PROT_DENIES);
	if (MM_PROT_IS_GUARD(prot)) {
		/* One-shot: the guard bit goes, the exception is raised once. A
		 * page still in memory (transition) loses it in its PFN's
		 * original PTE too, which is what the page gets back when it is
		 * faulted in and trimmed again (MiAccessCheck). */
		int np = prot & ~MM_GUARD_PAGE;
		if (pi.format == PTE_FMT_TRANSITION)
			pfn_set_original_protection(m, pi.pfn, np);
		pte_ref_store(m, pte, pi.format == PTE_FMT_TRANSITION ? pte_with_protection(v, np)
				 : pi.format == PTE_FMT_PAGEFILE ? pte_make_pagefile(m->arch, pi.pagefile, pi.offset, np)
				 : pte_make_demand_zero(m->arch, np));
		record(m, r, FK_GUARD_PAGE, va, 0);
		return guard_hit(m, p, va, r);
	}
	if (pi.format == PTE_FMT_TRANSITION)
		return soft(m, p, pte, va, &pi, r);
	if (pi.format == PTE_FMT_PAGEFILE)
		return hard(m, p, pte, va, v, &pi, r);
	return demand_zero(m, p, pte, va, prot, r);
}

static enum outcome handle(struct mm *m, struct proc *p, const struct walk *w, struct access_result *r)
{
	if (w->valid)
		return protection_fault(m, p, w, r);
	/* MmAccessFault's first test: a user-mode fault above
	 * MmHighestUserAddress (the 64 KB gap, the rest of the lower half on
	 * x64, system space) is an access violation, whatever maps it
	 * (docs/reference.md R-USER-RANGE). */
	if (!r->kernel && r->va > m->lay.highest_user)
		return raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_ABOVE_USER);
	if (w->stop < m->arch->levels - 1) {
		struct pte_ref leaf;
		enum outcome o = missing_table(m, p, r->va, &leaf, r);
		if (o != RESOLVED)
			return o;
		return invalid_pte(m, p, &leaf, r->va, pte_ref_load(m, &leaf), r);
	}
	return invalid_pte(m, p, &w->ref, r->va, w->lv[w->n - 1].value, r);
}

static void complete(struct mm *m, struct access_result *r, uint32_t pfn)
{
	r->has_pa = true;
	r->pa = mm_page_address(pfn) | mm_page_offset(r->va);
}

/* Step 2 for a TLB miss: the walk, its events, and on success the
 * Accessed bit and the TLB fill. Returns true when the access completed. */
static bool walk_and_fill(struct mm *m, struct proc *p, va_t va, struct need need, struct walk *w, struct access_result *r)
{
	psc_walk(m, p, va, w);
	if (!w->valid || !allowed(w->rights, need))
		return false;
	pte_t leaf = w->lv[w->n - 1].value;
	if (!(leaf & PTE_ACCESSED)) { /* the CPU sets Accessed on use */
		paging_ref_address(m, p, va, &w->ref);
		pte_ref_store(m, &w->ref, leaf | PTE_ACCESSED);
	}
	tlb_fill(m, va, w->pfn, w->rights);
	complete(m, r, w->pfn);
	return true;
}

/* Step 1 succeeded: the TLB's entry completes the access. (The event
 * comes last, so that nothing is left to do after the call.) */
static inline void tlb_hit(struct mm *m, va_t va, const struct tlb_entry *e, struct access_result *r)
{
	uint32_t pfn = tlb_entry_pfn(e, va);
	MM_SET64(m, &m->stat_tlb_hits, m->stat_tlb_hits + 1);
	complete(m, r, pfn);
	MM_EMIT(m, EV_TLB_HIT, va, pfn, 0, 0);
}

/* Steps 2-6 after a TLB miss: walk, fault, retry. Out of line, so that the
 * walk and the fault handler's locals do not make the hit path's stack
 * frame large (the hit path is the one most accesses take). */
static __attribute__((noinline)) int translate(struct mm *m, va_t va, struct need need, struct access_result *r)
{
	struct proc *p = mm_cur(m);
	for (int attempt = 0; attempt < 6; attempt++) {
		const struct tlb_entry *e = attempt ? tlb_lookup(m, va) : NULL;
		if (e && allowed(e->flags, need)) {
			tlb_hit(m, va, e, r);
			return 0;
		}
		MM_SET64(m, &m->stat_tlb_misses, m->stat_tlb_misses + 1);
		MM_EMIT(m, EV_TLB_MISS, va, 0, 0, 0);
		struct walk w;
		if (walk_and_fill(m, p, va, need, &w, r))
			return 0;
		paging_ref_address(m, p, va, &w.ref); /* the fault handler names the entry it rewrites */
		if (handle(m, p, &w, r) != RESOLVED)
			return m->hist.oom ? -1 : 0;
		MM_EMIT(m, EV_RETRY, va, 0, 0, 0);
	}
	raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_UNRESOLVED);
	return 0;
}

int fault_access(struct mm *m, va_t va, enum access_kind kind, bool kernel, struct access_result *r)
{
	/* Not a memset: the fault records are written only as faults happen,
	 * which keeps the TLB-hit path short. */
	r->va = va;
	r->kind = kind;
	r->kernel = kernel;
	r->has_pa = r->tlb_hit = false;
	r->pa = 0;
	r->nfaults = 0;
	r->exception = 0;
	r->why[0] = r->why[1] = NULL;
	MM_EMIT(m, EV_ACCESS, va, kind, kernel, 0);
	if (!paging_canonical(m, va)) {
		raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_NONCANONICAL);
		return 0;
	}
	struct need need = need_of(m, kind, kernel);
	const struct tlb_entry *e = tlb_lookup(m, va);
	if (e && allowed(e->flags, need)) {
		r->tlb_hit = true;
		tlb_hit(m, va, e, r);
		return 0;
	}
	return translate(m, va, need, r);
}
