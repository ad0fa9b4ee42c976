/*
 * vm_protect.c — VirtualProtect, VirtualQuery, VirtualLock and
 * VirtualUnlock (vm.h), after WRK protect.c, queryvm.c and lockvm.c
 * (docs/reference.md R-PROTECT-RESIDENT, R-VPROTECT, R-VIEW-PROTECT,
 * R-VQUERY).
 *
 * Protection lives in three places, and each kind of PTE keeps it in its
 * own way (MiGetPageProtection):
 *   - a zero PTE in a MemCommit VAD: the VAD's protection;
 *   - an invalid PTE (demand zero, transition, page file): its 5-bit
 *     Protection field;
 *   - a valid PTE: the hardware bits only say "writable, executable,
 *     cached", so the MM code is kept in the PFN's OriginalPte.
 * Changing it (MiProtectVirtualMemory) therefore rewrites whichever holds
 * it. A valid page becomes a new valid PTE built clean from the new code
 * (the dirty bit goes to the PFN's Modified flag, MiFlushTbAndCapture) and
 * its TLB entry is flushed; a change of the cache attribute flushes the
 * whole TLB (R-TLB). PAGE_NOACCESS and PAGE_GUARD cannot be
 * expressed in a valid PTE, so such a page leaves the working set and its
 * PTE becomes a transition PTE carrying the new code (R-PROTECT-RESIDENT); the next
 * touch is then a soft fault that raises the guard or the violation.
 *
 * In a view (MiSetProtectionOnSection) a shared page's protection lives
 * in its working-set entry while resident (the WSLE's Protection, with
 * SameProtectAsProto telling whether it is the prototype PTE's) and in
 * its PTE otherwise (the "protection in the PTE" form: Prototype set,
 * PageFileHigh MI_PTE_LOOKUP_NEEDED, the prototype PTE found through the
 * VAD, in x86, PAE and x64 alike); a private copy is protected as private
 * memory, without write-copy. Commit follows copy-on-write page by page.
 *
 * Queries report runs of pages with the same state and protection inside
 * one VAD; in private memory a page table that is missing stands for a run
 * of like pages (all committed with the VAD's protection, or all
 * reserved), so a query of a huge reservation is quick. A section view's
 * pages are asked one by one: their prototype PTEs decide (vm.c).
 *
 * Locks: a page locked with VirtualLock stays in the working set (the
 * WSLE's LockedInWs, WSLE_LOCKED in wsmgr's list, which the trimmer
 * passes by; the number of locked entries is Windows' FirstDynamic). NtLockVirtualMemory first checks the quota
 * (locked pages + 8 must stay within the working-set minimum), then
 * touches every page (an exception is the call's status), then locks.
 * A failed call changes nothing — also where Windows would leave side
 * effects (a touched guard page, the pages VirtualUnlock throws out of
 * the working set before it fails): the project's rule wins there.
 */
#include "vm.h"

#include "base/consts.h"
#include "commit.h"
#include "section.h"
#include "fault.h"
#include "pagetable.h"
#include "pfn.h"
#include "hw/tlb.h"
#include "largepage.h"
#include "vad.h"
#include "wsmgr.h"
#include "mmmsg.h"
#include "base/basemsg.h"

#define MM_FLUID_WORKING_SET 8

/* ---- VirtualProtect --------------------------------------------------------- */

static void set_soft_protection(struct mm *m, const struct pte_ref *pte, pte_t e, int prot)
{
	pte_ref_store(m, pte, pte_with_protection(e, prot));
}

static void set_original_protection(struct mm *m, uint32_t pfn, int prot)
{
	pfn_set_original_protection(m, pfn, prot);
}

/* A valid page gets a new valid PTE; returns whether the cache attribute
 * changed (which needs the whole TLB flushed). */
static bool protect_valid(struct mm *m, const struct pte_ref *pte, va_t va, pte_t e, int prot)
{
	uint32_t pfn = pte_pfn(m->arch, e);
	set_original_protection(m, pfn, prot);
	if (e & PTE_DIRTY)
		pfn_set_modified(m, pfn, true);
	pte_t n = pte_make_valid(m->arch, pfn, prot, (e & PTE_OWNER) != 0, false, false);
	pte_ref_store(m, pte, n);
	tlb_flush_va(m, va);
	return ((e ^ n) & (PTE_CACHE_DISABLE | PTE_WRITE_THROUGH)) != 0;
}

static bool pulls_out_of_ws(int prot)
{
	return prot == MM_NOACCESS || MM_PROT_IS_GUARD(prot);
}
/* A valid private page leaves the working set: its PTE becomes a
 * transition PTE with protection prot, the frame goes to the standby or
 * modified list (a lock on it goes too). */
static void trim_page(struct mm *m, struct proc *p, va_t va, int prot)
{
	uint32_t pfn = pte_pfn(m->arch, paging_get_pte(m, p, va));
	/* the transition PTE takes its protection from the original PTE */
	pfn_set_original_protection(m, pfn, prot);
	wsmgr_unlock_page(m, p, va, pfn);
	uint32_t w = wsmgr_find(m, p, va, pfn);
	if (w)
		wsmgr_trim_page(m, p, w);
}


int vm_protect_range(struct mm *m, struct proc *p, const struct vad *v, va_t start, va_t end, int prot,
		     struct mm_err *err)
{
	bool cache_changed = false;
	int unlocked = 0;
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		if (pagetable_ensure(m, p, va, err) < 0)
			return -1;
		struct pte_ref pte = paging_leaf_ref(m, p, va);
		pte_t e = pte_ref_load(m, &pte);
		struct pte_info pi;
		pte_decode(m->arch, e, &pi);
		if (e == 0) {
			pte_ref_store(m, &pte, pte_make_demand_zero(m->arch, prot));
		} else if (pi.valid && pulls_out_of_ws(prot)) {
			unlocked |= wsmgr_page_locked(m, p, va, pi.pfn);
			trim_page(m, p, va, prot);
		} else if (pi.valid) {
			cache_changed |= protect_valid(m, &pte, va, e, prot);
		} else if (pi.format == PTE_FMT_TRANSITION) {
			set_original_protection(m, pi.pfn, prot);
			set_soft_protection(m, &pte, e, prot);
		} else {
			set_soft_protection(m, &pte, e, prot); /* demand zero or page file */
		}
	}
	if (cache_changed)
		tlb_flush_all(m);
	return unlocked;
}

static int check_range_args(const struct mm *m, uint64_t addr, uint64_t size, const char *base_status,
			    const char *size_status, struct mm_err *err)
{
	if (addr > m->lay.highest_user)
		return mm_fail_tr(err, base_status, 1, MMM_NOT_USER_ADDR, (unsigned long long)addr);
	if (mm_range_wraps(addr, size))
		return mm_fail_wrap(err, size_status, 2, addr, size, 0);
	if (m->lay.highest_user - addr < size)
		return mm_fail_tr(err, size_status, 2, MMM_SIZE_PAST_USER, (unsigned long long)size);
	if (size == 0)
		return mm_fail_tr(err, size_status, 2, MMM_SIZE_ZERO);
	return 0;
}

static bool all_committed(const struct mm *m, const struct proc *p, const struct vad *v, va_t s, va_t e, va_t *bad)
{
	for (va_t va = s; va <= e && va >= s; va += MM_PAGE_SIZE)
		if (!vm_page_committed(m, p, v, va))
			return *bad = va, false;
	return true;
}

/* ---- VirtualProtect on views (MiProtectVirtualMemory, MiSetProtectionOnSection) ---- */

/* MiProtectVirtualMemory's checks for a view: no cache attribute; outside
 * images, a protection the view's own allows (MiIsPteProtectionCompatible
 * against the VAD's); a page-file-backed section's or an image's
 * prototype PTEs committed. */
static int view_checks(const struct mm *m, const struct proc *p, uint32_t idx, va_t start, va_t end, int prot,
		       struct mm_err *err)
{
	const struct vad *v = vad_at(m, idx);
	char a[40], b[40];
	if (MM_PROT_IS_NOCACHE(prot) || MM_PROT_IS_WRITECOMBINE(prot))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_4", 3, MMM_VIEW_NOCACHE);
	if (v->type != VAD_IMAGE && !section_protection_compatible(v->protection, prot))
		return mm_fail_tr(err, "STATUS_SECTION_PROTECTION", 3, MMM_PROT_VIEW_BECOME,
			       mm_prot_win32_str(mm_prot_to_win32(v->protection), a, sizeof a),
			       mm_prot_win32_str(mm_prot_to_win32(prot), b, sizeof b));
	uint64_t page;
	const struct section *s = section_of_vad((struct mm *)m, idx, start, &page); /* reads only */
	if (s->kind != SECTION_FILE)
		for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE, page++)
			if (section_proto_load(m, s, page) == 0)
				return mm_fail_tr(err, "STATUS_NOT_COMMITTED", 1, MMM_PROT_SEC_RESERVE, (unsigned long long)va);
	(void)p;
	return 0;
}

/* Images and copy-on-write views take a write protection as its
 * copy-on-write form. */
static int view_protection_for(const struct vad *v, int prot)
{
	if (v->type != VAD_IMAGE && !MM_PROT_IS_COPY_ON_WRITE(v->protection))
		return prot;
	if ((prot & 7) == MM_READWRITE)
		return (prot & ~7) | MM_WRITECOPY;
	if ((prot & 7) == MM_EXECUTE_READWRITE)
		return (prot & ~7) | MM_EXECUTE_WRITECOPY;
	return prot;
}

/* Is the page at va a private copy (copy-on-write done) rather than the
 * section's page? */
static bool view_page_private(const struct mm *m, pte_t e)
{
	struct pte_info pi;
	pte_decode(m->arch, e, &pi);
	if (pi.valid)
		return !(m->pfn[pi.pfn].flags & PFNF_PROTOTYPE);
	return e != 0 && pi.format != PTE_FMT_PROTOTYPE;
}

/* The commit a change to or from copy-on-write costs: one page for each
 * shared page that becomes copy-on-write, one back for each that stops
 * being; private copies keep their charge. */
static int64_t view_charge_delta(struct mm *m, struct proc *p, const struct vad *v, va_t start, va_t end, int prot)
{
	int64_t d = 0;
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		if (view_page_private(m, paging_get_pte(m, p, va)))
			continue;
		d += (int)MM_PROT_IS_COPY_ON_WRITE(prot) - (int)MM_PROT_IS_COPY_ON_WRITE(vm_page_protection(m, p, v, va));
	}
	return d;
}

/* One shared page of the view: valid, it keeps the new protection in its
 * working-set entry (or leaves the working set for NOACCESS and GUARD);
 * otherwise its PTE points at the prototype with the protection in it.
 * Returns whether a locked page left the working set. */
static bool protect_shared_page(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, pte_t e,
				int prot)
{
	struct pte_info pi;
	pte_decode(m->arch, e, &pi);
	if (pi.valid && !pulls_out_of_ws(prot)) {
		uint32_t w = wsmgr_find(m, p, va, pi.pfn);
		if (w) /* its entry decides the form a later trim writes */
			wsmgr_set_view_protection(m, w, prot);
		if (e & PTE_DIRTY)
			pfn_set_modified(m, pi.pfn, true);
		pte_ref_store(m, pte, pte_make_valid(m->arch, pi.pfn, prot, (e & PTE_OWNER) != 0, false, false));
		tlb_flush_va(m, va); /* no cache attribute in a view: one entry is enough */
		return false;
	}
	bool unlocked = false;
	if (pi.valid) {
		unlocked = wsmgr_page_locked(m, p, va, pi.pfn);
		wsmgr_unlock_page(m, p, va, pi.pfn);
		uint32_t w = wsmgr_find(m, p, va, pi.pfn);
		if (w)
			wsmgr_trim_page(m, p, w);
	}
	pte_ref_store(m, pte, pte_make_proto_lookup(m->arch, prot)); /* MiProtectVirtualMemory: protection in the PTE */
	return unlocked;
}

int vm_protect_view(struct mm *m, struct proc *p, uint32_t idx, va_t start, va_t end, int prot, uint32_t *old,
		    struct mm_err *err)
{
	struct vad *v = vad_at(m, idx);
	prot = view_protection_for(v, prot);
	*old = mm_prot_to_win32(vm_page_protection(m, p, v, start));
	int64_t d = view_charge_delta(m, p, v, start, end, prot);
	if (d > 0 && commit_charge(m, p, (uint64_t)d, COMMIT_PRIVATE, err) < 0)
		return -1;
	if (d < 0)
		commit_return(m, p, (uint64_t)-d, COMMIT_PRIVATE);
	MM_SET64(m, &v->commit_charge, v->commit_charge + (uint64_t)d);
	int unlocked = 0, private_prot = mm_prot_not_write_copy(prot);
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		if (pagetable_ensure(m, p, va, err) < 0)
			return -1;
		struct pte_ref pte = paging_leaf_ref(m, p, va);
		pte_t e = pte_ref_load(m, &pte);
		if (view_page_private(m, e)) /* a private copy: protected as private memory, without write-copy */
			unlocked |= vm_protect_range(m, p, v, va, va, private_prot, err);
		else if (protect_shared_page(m, p, &pte, va, e, prot))
			unlocked |= pulls_out_of_ws(prot);
	}
	return unlocked;
}

/* The VAD that holds [start, end] for VirtualProtect, or 0 with err. */
static uint32_t protect_vad(const struct mm *m, const struct proc *p, va_t start, va_t end, int prot,
			    struct mm_err *err)
{
	uint32_t idx = vad_overlap(m, p, mm_page_number(start), mm_page_number(end));
	const struct vad *v = idx ? vad_at(m, idx) : NULL;
	if (!v || mm_page_number(start) < v->start || mm_page_number(end) > v->end)
		return mm_fail_tr(err, "STATUS_CONFLICTING_ADDRESSES", 1, MMM_PROT_NOT_ONE,
			       (unsigned long long)start, (unsigned long long)end), 0;
	if (v->flags & VADF_NO_CHANGE)
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", 3,
			       MMM_PROT_SECURED, (unsigned long long)start), 0;
	if (v->type != VAD_PRIVATE)
		return view_checks(m, p, idx, start, end, prot, err) < 0 ? 0 : idx;
	if (MM_PROT_IS_COPY_ON_WRITE(prot)) /* protect.c: STATUS_INVALID_PARAMETER_4 for private pages */
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_4", 3, MMM_WRITECOPY_PRIVATE), 0;
	va_t bad;
	if (!all_committed(m, p, v, start, end, &bad))
		return mm_fail_tr(err, "STATUS_NOT_COMMITTED", 1, MMM_PROT_NOT_COMMITTED, (unsigned long long)bad), 0;
	return idx;
}

int vm_protect(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t page_prot, uint32_t *old,
	       bool *was_unlocked, struct mm_err *err)
{
	int prot = mm_prot_from_win32(page_prot, err, 3);
	if (prot < 0 || check_range_args(m, addr, size, "STATUS_INVALID_PARAMETER_2", "STATUS_INVALID_PARAMETER_3",
					 err) < 0)
		return -1;
	va_t start = mm_page_base(addr), end = mm_page_last(addr + size - 1);
	uint32_t idx = protect_vad(m, p, start, end, prot, err);
	if (!idx)
		return -1;
	const struct vad *v = vad_at(m, idx);
	if (v->flags & VADF_LARGE_PAGES)
		return *was_unlocked = false, largepage_protect(v, prot, old, err);
	int r;
	if (v->type != VAD_PRIVATE) {
		r = vm_protect_view(m, p, idx, start, end, prot, old, err);
	} else {
		*old = mm_prot_to_win32(vm_page_protection(m, p, v, start));
		r = vm_protect_range(m, p, v, start, end, prot, err);
	}
	if (r < 0)
		return -1;
	*was_unlocked = r > 0;
	return 0;
}

/* ---- VirtualQuery ------------------------------------------------------------- */

/* The last byte of the span that the missing table above va would map, or
 * 0 when va's last-level table exists. */
static uint64_t missing_span_end(const struct mm *m, const struct proc *p, va_t va)
{
	int last = m->arch->levels - 1;
	for (int l = 1; l <= last; l++)
		if (paging_table(m, p, l, va) == MM_PFN_NONE)
			return va | ((1ull << m->arch->shift[l - 1]) - 1);
	return 0;
}

/* MiQueryAddressState: the state and protection of the page at va, and
 * the first address after the run of pages known to be like it. */
static void page_state(const struct mm *m, const struct proc *p, const struct vad *v, va_t va, uint32_t *state,
		       uint32_t *protect, va_t *next)
{
	/* a missing table means like pages only for private memory: a view's
	 * pages each have their prototype PTE */
	uint64_t span = v->type == VAD_PRIVATE ? missing_span_end(m, p, va) : 0;
	*next = span ? span + 1 : va + MM_PAGE_SIZE;
	bool committed = vm_page_committed(m, p, v, va);
	*state = committed ? MEM_COMMIT : MEM_RESERVE;
	*protect = committed ? mm_prot_to_win32(vm_page_protection(m, p, v, va)) : 0;
}

static uint32_t vad_mem_type(const struct vad *v)
{
	return v->type == VAD_PRIVATE || v->type == VAD_AWE || v->type == VAD_LARGE_PAGES ? MEM_PRIVATE
	       : v->type == VAD_IMAGE ? MEM_IMAGE : MEM_MAPPED;
}

/* Above the highest VAD address, and the shared user data page (queryvm.c
 * reports these without looking at VADs). */
static void query_top(const struct mm *m, va_t page, struct vm_mbi *o)
{
	*o = (struct vm_mbi){.base = page, .alloc_base = m->lay.highest_vad + 1, .alloc_protect = PAGE_READONLY,
			     .region_size = m->lay.highest_user + 1 - page, .state = MEM_RESERVE,
			     .protect = PAGE_NOACCESS, .type = MEM_PRIVATE};
	if (page == m->lay.shared_user_data) {
		o->alloc_base = page;
		o->protect = PAGE_READONLY;
		o->region_size = MM_PAGE_SIZE;
		o->state = MEM_COMMIT;
	}
}

/* On 64-bit systems KUSER_SHARED_DATA's 64 KB lie inside the user range.
 * A process made --bare has no VAD for them, yet they are taken all the
 * same (vad_shared_data_conflict keeps VirtualAlloc off them), so
 * VirtualQuery reports them as Windows, which always has the VAD, does:
 * the free range below ends at 0x7FFE0000, the page is its own committed
 * region (query_top) and the rest of the 64 KB is reserved. */
static bool shared_block(const struct mm *m, va_t page)
{
	uint64_t s = m->lay.shared_user_data;
	return s < m->lay.highest_vad && page >= s && page - s < MM_ALLOC_GRANULARITY;
}

static void query_free(const struct mm *m, const struct proc *p, va_t page, struct vm_mbi *o)
{
	uint32_t above = vad_above(m, p, mm_page_number(page));
	uint64_t top = above ? mm_page_address(vad_at(m, above)->start) : m->lay.highest_vad + 1;
	uint64_t s = m->lay.shared_user_data;
	if (shared_block(m, page)) {
		*o = (struct vm_mbi){.base = page, .alloc_base = s, .alloc_protect = PAGE_READONLY,
				     .region_size = s + MM_ALLOC_GRANULARITY - page, .state = MEM_RESERVE,
				     .protect = PAGE_NOACCESS, .type = MEM_PRIVATE};
		return;
	}
	if (shared_block(m, s) && page < s && top > s)
		top = s;
	*o = (struct vm_mbi){.base = page, .region_size = top - page, .state = MEM_FREE, .protect = PAGE_NOACCESS};
}

int vm_query(const struct mm *m, const struct proc *p, uint64_t addr, struct vm_mbi *o, struct mm_err *err)
{
	if (addr > m->lay.highest_user)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 1, MMM_LOCK_ABOVE,
			       (unsigned long long)addr, (unsigned long long)m->lay.highest_user);
	va_t page = mm_page_base(addr);
	if (addr > m->lay.highest_vad || page == m->lay.shared_user_data) {
		query_top(m, page, o);
		return 0;
	}
	uint32_t idx = vad_find(m, p, mm_page_number(page));
	if (!idx) {
		query_free(m, p, page, o);
		return 0;
	}
	const struct vad *v = vad_at(m, idx);
	va_t next, va, last = mm_page_last(mm_page_address(v->end));
	page_state(m, p, v, page, &o->state, &o->protect, &next);
	for (va = next; va <= last && va > page;) {
		uint32_t st, pr;
		page_state(m, p, v, va, &st, &pr, &next);
		if (st != o->state || pr != o->protect)
			break;
		va = next;
	}
	o->base = page;
	o->region_size = MM_MIN(va, last + 1) - page;
	o->alloc_base = mm_page_address(v->start);
	o->alloc_protect = mm_prot_to_win32(v->protection);
	o->type = vad_mem_type(v);
	return 0;
}

/* ---- VirtualLock / VirtualUnlock --------------------------------------------- */

static bool page_valid(const struct mm *m, const struct proc *p, va_t va, uint32_t *pfn)
{
	pte_t e = paging_get_pte(m, p, va);
	*pfn = pte_pfn(m->arch, e);
	return (e & PTE_VALID) != 0;
}

/* Every page in a lockable VAD; counts the pages locked already. */
static int lock_scan(const struct mm *m, const struct proc *p, va_t start, va_t end, uint64_t *already,
		     struct mm_err *err)
{
	*already = 0;
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		uint32_t idx = vad_find(m, p, mm_page_number(va)), pfn;
		if (!idx)
			return mm_fail_tr(err, "STATUS_ACCESS_VIOLATION", 1, MMM_NOT_ALLOCATED, (unsigned long long)va);
		if (vad_at(m, idx)->flags & (VADF_MAX_COMMIT | VADF_LARGE_PAGES)) /* large pages: always resident */
			return mm_fail_tr(err, "STATUS_INCOMPATIBLE_FILE_MAP", 1,
				       MMM_LOCK_SPECIAL,
				       (unsigned long long)va);
		if (page_valid(m, p, va, &pfn) && wsmgr_page_locked(m, p, va, pfn))
			(*already)++;
	}
	return 0;
}

static int quota(const struct proc *p, uint64_t first_dynamic, uint64_t to_lock, struct mm_err *err)
{
	if (p->ws_min < first_dynamic + to_lock + MM_FLUID_WORKING_SET)
		return mm_fail_tr(err, "STATUS_WORKING_SET_QUOTA", 2,
			       MMM_LOCK_QUOTA,
			       MM_FLUID_WORKING_SET, (unsigned long long)p->ws_min);
	return 0;
}

/* The touch loop of NtLockVirtualMemory: every page made resident by an
 * ordinary read; an exception is the call's status. A guard page is not
 * touched: the locking thread may not grow stacks (AddressSpaceOwner), so
 * Windows reports the guard violation. */
static int touch_all(struct mm *m, struct proc *p, va_t start, va_t end, struct mm_err *err)
{
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		const struct vad *v = vad_at(m, vad_find(m, p, mm_page_number(va)));
		if (vm_page_committed(m, p, v, va) && MM_PROT_IS_GUARD(vm_page_protection(m, p, v, va)))
			return mm_fail_tr(err, "STATUS_GUARD_PAGE_VIOLATION", 1, MMM_LOCK_GUARD,
				       (unsigned long long)va);
		struct access_result r;
		if (fault_access(m, va, ACC_READ, false, &r) < 0)
			return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_OOM);
		if (r.exception) { /* the reason differs by language too: both texts made here */
			char t[2][512];
			snprintf(t[0], sizeof t[0], MMM(0, LOCK_RAISED), (unsigned long long)va,
				 fault_status_name(r.exception), r.why[0]);
			snprintf(t[1], sizeof t[1], MMM(1, LOCK_RAISED), (unsigned long long)va,
				 fault_status_name(r.exception), r.why[1]);
			return mm_fail_texts(err, fault_status_name(r.exception), 1, t[0], t[1]);
		}
	}
	return 0;
}

int vm_lock(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, bool *was_locked, struct mm_err *err)
{
	if (check_range_args(m, addr, size, "STATUS_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", err) < 0)
		return -1;
	va_t start = mm_page_base(addr), end = mm_page_base(addr + size - 1);
	uint64_t to_lock = mm_bytes_pages(end - start), already; /* lockvm.c's count: pages spanned less one */
	if (quota(p, 0, to_lock, err) < 0 || lock_scan(m, p, start, end, &already, err) < 0 ||
	    quota(p, wsmgr_locked_pages(m, p), to_lock - MM_MIN(to_lock, already), err) < 0 ||
	    touch_all(m, p, start, end, err) < 0)
		return -1;
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		uint32_t pfn;
		if (!page_valid(m, p, va, &pfn))
			return mm_fail_tr(err, "STATUS_IN_PAGE_ERROR", 1, MMM_LOCK_LEFT, (unsigned long long)va);
		uint32_t w = wsmgr_find(m, p, va, pfn);
		if (!w)
			return mm_fail_tr(err, "STATUS_INCOMPATIBLE_FILE_MAP", 1, MMM_LOCK_NO_WSLE,
				       (unsigned long long)va);
		struct wsle *e = wsle_at(m, w);
		if (e->flags & WSLE_LOCKED)
			continue;
		MM_SET8(m, &e->flags, (uint8_t)(e->flags | WSLE_LOCKED));
	}
	*was_locked = already > 0;
	return 0;
}

int vm_unlock(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, struct mm_err *err)
{
	if (check_range_args(m, addr, size, "STATUS_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", err) < 0)
		return -1;
	va_t start = mm_page_base(addr), end = mm_page_base(addr + size - 1);
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		uint32_t pfn;
		if (!vad_find(m, p, mm_page_number(va)) || !page_valid(m, p, va, &pfn) || !wsmgr_page_locked(m, p, va, pfn))
			return mm_fail_tr(err, "STATUS_NOT_LOCKED", 1, MMM_UNLOCK_NOT, (unsigned long long)va);
	}
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		uint32_t pfn;
		page_valid(m, p, va, &pfn);
		wsmgr_unlock_page(m, p, va, pfn);
	}
	return 0;
}
