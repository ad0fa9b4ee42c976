/*
 * vm.c — VirtualAlloc and VirtualFree for private memory (vm.h); what
 * the pages held goes back through deleteva.c.
 *
 * Reserve and commit are two promises of different kinds: reserving takes
 * address space (a VAD, at 64 KB granularity), committing takes commit
 * charge (page granularity) and nothing else — no physical page is used
 * until the first touch (a demand-zero fault). The PTEs show which:
 *   - reserve+commit in one call: VAD MemCommit=1, PTEs stay zero; the
 *     fault handler asks the VAD (docs/reference.md R-CHECKLIST);
 *   - commit into a reservation: page tables are made and each PTE becomes
 *     a demand-zero PTE carrying the protection; committing pages that are
 *     committed already charges nothing and, when the protection differs,
 *     changes it as VirtualProtect would (allocvm.c's ChangeProtection);
 *   - decommit inside a MemCommit VAD: the PTE becomes MmDecommittedPte
 *     (protection MM_DECOMMIT), so the VAD's "committed" no longer holds
 *     for that page; elsewhere the PTE goes back to zero.
 *
 * The checks run in NtAllocateVirtualMemory's order (WRK allocvm.c), after
 * kernel32's own (an address below 64 KB), so that a call with several
 * faults reports the one Windows reports:
 *   1. allocation type (STATUS_INVALID_PARAMETER_5)
 *   2. protection (STATUS_INVALID_PAGE_PROTECTION)
 *   3. base above the highest VAD address (_2), size past it or 0 (_4)
 *   4. reserve path: PAGE_WRITECOPY refused, 64 KB-aligned range free
 *      (STATUS_CONFLICTING_ADDRESSES), commit charge (COMMITMENT_LIMIT)
 *   5. commit path: one VAD holds the range (CONFLICTING_ADDRESSES), it
 *      accepts commits, PAGE_WRITECOPY refused, commit charge.
 * NtFreeVirtualMemory's order (freevm.c): free type (_4), base (_2), size
 * (_3), a VAD at the base (MEMORY_NOT_ALLOCATED), the range inside it
 * (UNABLE_TO_FREE_VM), private memory (UNABLE_TO_DELETE_SECTION), a
 * deletable VAD, then the base rule of size 0 (FREE_VM_NOT_AT_BASE).
 */
#include "vm.h"

#include "pagefile.h"

#include "commit.h"
#include "base/consts.h"
#include "pagetable.h"
#include "pfn.h"
#include "process.h"
#include "section.h"
#include "hw/tlb.h"
#include "largepage.h"
#include "vad.h"
#include "deleteva.h"
#include "wsmgr.h"
#include "mmmsg.h"

#define ARG_ADDR 1
#define ARG_SIZE 2
#define ARG_TYPE 3
#define ARG_PROT 4


static bool is_decommitted(const struct mm *m, pte_t e)
{
	return e == pte_make_demand_zero(m->arch, MM_DECOMMIT);
}

/* A page of a section view whose process PTE holds nothing of its own
 * (zero, or prototype format): the section's prototype PTE speaks for it
 * (MiQueryAddressState). Returns the section, NULL for any other page. */
static const struct section *view_of(const struct mm *m, const struct proc *p, const struct vad *v, va_t va, pte_t e,
				     uint64_t *page)
{
	if (v->type != VAD_MAPPED && v->type != VAD_IMAGE)
		return NULL;
	if (e && ((e & PTE_VALID) || !(e & PTE_PROTOTYPE)))
		return NULL;
	return section_of_vad((struct mm *)m, vad_find(m, p, mm_page_number(va)), va, page); /* reads only */
}

bool vm_page_committed(const struct mm *m, const struct proc *p, const struct vad *v, va_t va)
{
	pte_t e = paging_get_pte(m, p, va);
	uint64_t page;
	const struct section *s = view_of(m, p, v, va, e, &page);
	if (s)
		return section_proto_load(m, s, page) != 0;
	if (e == 0)
		return (v->flags & VADF_MEM_COMMIT) != 0;
	return !is_decommitted(m, e);
}

/* An image page has its section's protection (.text EXECUTE_READ, .data
 * WRITECOPY ...); a data view the protection it was mapped with. */
static int view_protection(const struct vad *v, const struct section *s, uint64_t page)
{
	return s->page_prot && page < s->pages ? s->page_prot[page] : v->protection;
}

int vm_page_protection(const struct mm *m, const struct proc *p, const struct vad *v, va_t va)
{
	pte_t e = paging_get_pte(m, p, va);
	uint64_t page;
	const struct section *s = view_of(m, p, v, va, e, &page);
	struct pte_info pi;
	pte_decode(m->arch, e, &pi);
	if (s && pi.format == PTE_FMT_PROTOTYPE && pi.protection)
		return pi.protection; /* a trimmed page keeps its protection in its PTE */
	if (s)
		return view_protection(v, s, page);
	if (e == 0)
		return v->protection;
	if (!pi.valid)
		return pi.protection;
	if (pi.pfn == m->shared_data_pfn)
		return MM_READONLY;
	uint32_t w;
	if ((m->pfn[pi.pfn].flags & PFNF_PROTOTYPE) && (w = wsmgr_find(m, p, mm_page_base(va), pi.pfn)) &&
	    wsle_at(m, w)->protection)
		return wsle_at(m, w)->protection; /* set by VirtualProtect (the WSLE's Protection) */
	if ((m->pfn[pi.pfn].flags & PFNF_PROTOTYPE) &&
	    (s = section_of_vad((struct mm *)m, vad_find(m, p, mm_page_number(va)), va, &page)))
		return view_protection(v, s, page); /* a shared page of a view */
	/* A valid private page keeps its protection in the PFN's OriginalPte
	 * (MiGetPageProtection), since the hardware PTE has no room for it. */
	return pte_protection(m->pfn[pi.pfn].original_pte);
}

static uint64_t count_committed(const struct mm *m, const struct proc *p, const struct vad *v, va_t s, va_t e)
{
	uint64_t n = 0;
	for (va_t va = s; va <= e && va >= s; va += MM_PAGE_SIZE)
		n += vm_page_committed(m, p, v, va);
	return n;
}

/* ---- VirtualAlloc ----------------------------------------------------------- */

/* NtAllocateVirtualMemory's AllocationType rules, in its order. */
static int check_type(uint32_t type, struct mm_err *err)
{
	const uint32_t allowed = MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_TOP_DOWN | MEM_LARGE_PAGES |
				 MEM_WRITE_WATCH | MEM_PHYSICAL | MEM_RESET_UNDO;
	if (type & ~allowed)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE, MMM_VM_TYPE_ALLOWED);
	if (!(type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO)))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE, MMM_VM_TYPE_REQUIRED);
	if ((type & (MEM_RESET | MEM_RESET_UNDO)) && (type & ~(MEM_RESET | MEM_RESET_UNDO)))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE, MMM_VM_RESET_ALONE);
	if ((type & MEM_LARGE_PAGES) && (!(type & MEM_COMMIT) || (type & (MEM_PHYSICAL | MEM_RESET | MEM_WRITE_WATCH))))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE, MMM_VM_LARGE_COMBO);
	if ((type & MEM_WRITE_WATCH) && !(type & MEM_RESERVE))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE, MMM_VM_WATCH_RESERVE);
	if ((type & MEM_PHYSICAL) && type != (MEM_RESERVE | MEM_PHYSICAL))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE, MMM_VM_PHYSICAL_RESERVE);
	return 0;
}

/* What the simulator does not model, reported after the argument checks. */
static int check_unsupported(uint32_t type, struct mm_err *err)
{
	if (type & (MEM_PHYSICAL | MEM_WRITE_WATCH))
		return mm_fail_tr(err, "STATUS_NOT_SUPPORTED", ARG_TYPE, MMM_VM_AWE);
	if (type & MEM_RESET_UNDO)
		return mm_fail_tr(err, "STATUS_NOT_SUPPORTED", ARG_TYPE, MMM_VM_RESET_UNDO);
	return 0;
}

static int refuse_write_copy(int prot, int argi, const char *status, struct mm_err *err)
{
	if (MM_PROT_IS_COPY_ON_WRITE(prot))
		return mm_fail_tr(err, status, argi, MMM_WRITECOPY_PRIVATE);
	return 0;
}

/* STATUS_CONFLICTING_ADDRESSES for start..end, with the catalogue's pair
 * MSG ("%#llx..%#llx is ..."): a macro, so the compiler still checks MSG's
 * conversions. */
#define conflict(err, MSG, start, end) \
	mm_fail_tr(err, "STATUS_CONFLICTING_ADDRESSES", ARG_ADDR, MSG, (unsigned long long)(start), \
		   (unsigned long long)(end))

static int reserve(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, int prot,
		   uint64_t *base, struct mm_err *err)
{
	uint64_t start, end;
	if (addr) {
		start = addr & ~(uint64_t)(MM_ALLOC_GRANULARITY - 1);
		end = mm_page_last(addr + size - 1);
		uint32_t o = vad_overlap(m, p, mm_page_number(start), mm_page_number(end));
		if (o) {
			const struct vad *v = vad_at(m, o);
			return mm_fail_tr(err, "STATUS_CONFLICTING_ADDRESSES", ARG_ADDR,
				       MMM_VM_OVERLAP,
				       (unsigned long long)start, (unsigned long long)end,
				       (unsigned long long)mm_page_address(v->start), (unsigned long long)mm_page_last(mm_page_address(v->end)));
		}
		if (vad_shared_data_conflict(m, start, end))
			return conflict(err, MMM_VM_KUSER, start, end);
	} else {
		uint64_t pages = mm_pages_round_up(size);
		if (vad_find_free(m, p, pages, (type & MEM_TOP_DOWN) != 0, m->lay.lowest_user, m->lay.highest_vad,
				  &start) < 0)
			return mm_fail_tr(err, "STATUS_NO_MEMORY", ARG_SIZE,
				       MMM_VM_NO_RANGE, (unsigned long long)pages);
		end = start + mm_pages_bytes(pages) - 1;
	}
	uint64_t pages = mm_bytes_pages(end - start + 1);
	bool commit = type & MEM_COMMIT;
	if (commit && commit_charge(m, p, pages, COMMIT_PRIVATE, err) < 0)
		return -1;
	uint32_t idx = vad_create(m, p, mm_page_number(start), mm_page_number(end), VAD_PRIVATE, prot,
				  (uint8_t)(VADF_PRIVATE | (commit ? VADF_MEM_COMMIT : 0)), err);
	if (!idx)
		return -1;
	if (commit)
		MM_SET64(m, &vad_at(m, idx)->commit_charge, pages);
	*base = start;
	return 0;
}

/* MiCheckForConflictingVad plus the "one VAD holds it" rule. */
static uint32_t vad_holding(const struct mm *m, const struct proc *p, uint64_t start, uint64_t end,
			    struct mm_err *err)
{
	uint32_t idx = vad_overlap(m, p, mm_page_number(start), mm_page_number(end));
	if (!idx)
		return conflict(err, MMM_VM_NOT_RESERVED, start, end), 0;
	const struct vad *v = vad_at(m, idx);
	if (mm_page_number(start) < v->start || mm_page_number(end) > v->end)
		return conflict(err, MMM_VM_NOT_ONE_RESERVED, start, end), 0;
	return idx;
}

/* Pages that committing [start, end] would newly charge: zero PTEs outside
 * a MemCommit VAD and decommitted PTEs. */
static uint64_t pages_to_charge(const struct mm *m, const struct proc *p, const struct vad *v, va_t s, va_t e)
{
	return mm_bytes_pages(e - s + 1) - count_committed(m, p, v, s, e);
}

/* NtAllocateVirtualMemory's "commit in a mapped view" branch: only a
 * page-file-backed section's pages can be committed — a file-backed view
 * or an image is committed by its file (STATUS_ALREADY_COMMITTED). Each
 * prototype PTE still zero (SEC_RESERVE) takes the segment's demand-zero
 * template and is charged to the system (MmSharedCommit, the segment's
 * NumberOfCommittedPages); pages committed already cost nothing. Then the
 * range takes the protection asked for (MiSetProtectionOnSection). */
static int commit_in_view(struct mm *m, struct proc *p, uint32_t idx, va_t start, va_t end, int prot,
			  uint64_t *base, struct mm_err *err)
{
	if (MM_PROT_IS_NOCACHE(prot) || MM_PROT_IS_WRITECOMBINE(prot))
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", ARG_PROT, MMM_VIEW_NOCACHE);
	uint64_t page;
	struct section *s = section_of_vad(m, idx, start, &page);
	if (s && s->kind == SECTION_IMAGE)
		return mm_fail_tr(err, "STATUS_ALREADY_COMMITTED", ARG_ADDR, MMM_VM_VIEW_IMAGE, (unsigned long long)start);
	if (!s || s->kind != SECTION_PAGEFILE)
		return mm_fail_tr(err, "STATUS_ALREADY_COMMITTED", ARG_ADDR, MMM_VM_VIEW_FILE, (unsigned long long)start);
	uint64_t first = page, last = page + mm_bytes_pages(end - start), n = 0;
	for (uint64_t i = first; i <= last; i++)
		n += section_proto_load(m, s, i) == 0;
	if (n && commit_charge(m, NULL, n, COMMIT_FIXED, err) < 0)
		return -1;
	MM_SET64(m, &m->commit_system, m->commit_system + n);
	MM_SET64(m, &s->commit, s->commit + n);
	pte_t dz = pte_make_demand_zero(m->arch, (int)s->protection); /* SegmentPteTemplate */
	for (uint64_t i = first; i <= last; i++)
		if (section_proto_load(m, s, i) == 0)
			section_proto_store(m, s, i, dz);
	uint32_t old;
	if (vm_protect_view(m, p, idx, start, end, prot, &old, err) < 0)
		return -1;
	*base = start;
	return 0;
}

static int commit_in_reserve(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, int prot,
			     uint64_t *base, struct mm_err *err)
{
	uint64_t start = mm_page_base(addr), end = mm_page_last(addr + size - 1);
	uint32_t idx = vad_holding(m, p, start, end, err);
	if (!idx)
		return -1;
	struct vad *v = vad_at(m, idx);
	if (v->flags & VADF_MAX_COMMIT)
		return conflict(err, MMM_VM_SPECIAL, start, end);
	if (v->type != VAD_PRIVATE)
		return commit_in_view(m, p, idx, start, end, prot, base, err);
	if (refuse_write_copy(prot, ARG_PROT, "STATUS_INVALID_PAGE_PROTECTION", err) < 0)
		return -1;
	uint64_t pages = pages_to_charge(m, p, v, start, end);
	if (commit_charge(m, p, pages, COMMIT_PRIVATE, err) < 0)
		return -1;
	MM_SET64(m, &v->commit_charge, v->commit_charge + pages);
	bool change_protection = false;
	pte_t dz = pte_make_demand_zero(m->arch, prot);
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		if (pagetable_ensure(m, p, va, err) < 0)
			return -1;
		struct pte_ref pte = paging_leaf_ref(m, p, va);
		pte_t e = pte_ref_load(m, &pte);
		if (e == 0 || is_decommitted(m, e))
			pte_ref_store(m, &pte, dz); /* also a MemCommit VAD's zero PTE: it takes the new protection */
		else if (vm_page_protection(m, p, v, va) != prot)
			change_protection = true; /* already committed: not charged again */
	}
	if (change_protection && vm_protect_range(m, p, v, start, end, prot, err) < 0)
		return -1;
	*base = start;
	return 0;
}

/* MEM_RESET (MiResetVirtualMemory): the data is no longer of interest, so
 * the pages become clean and are discarded instead of written to the page
 * file. Contents stay; uncommitted pages are simply skipped. */
static void reset_page(struct mm *m, struct proc *p, va_t va)
{
	struct pte_ref pte = paging_leaf_ref(m, p, va); /* the caller saw its table */
	pte_t e = pte_ref_load(m, &pte);
	struct pte_info pi;
	pte_decode(m->arch, e, &pi);
	if (pi.format == PTE_FMT_HARDWARE && pi.pfn != m->shared_data_pfn) {
		pfn_set_modified(m, pi.pfn, false);
		pfn_release_pagefile_copy(m, pi.pfn);
		if (e & PTE_DIRTY) {
			pte_ref_store(m, &pte, e & ~(PTE_DIRTY | PTE_HW_WRITE)); /* MI_SET_PTE_CLEAN */
			tlb_flush_va(m, va);
		}
	} else if (pi.format == PTE_FMT_TRANSITION && pfn_loc(&m->pfn[pi.pfn]) == PFN_MODIFIED &&
		   m->pfn[pi.pfn].reference_count == 0) {
		pfn_set_modified(m, pi.pfn, false);
		pfn_unlink(m, pi.pfn);
		pfn_release_pagefile_copy(m, pi.pfn);
		pfn_insert(m, pi.pfn, PFN_STANDBY);
	} else if (pi.format == PTE_FMT_PAGEFILE) {
		/* only in the page file: dropped, the page reads as zeros next time */
		pagefile_free(m, pi.pagefile, pi.offset);
		pte_ref_store(m, &pte, pte_make_demand_zero(m->arch, pi.protection));
	}
}

/* A page of a page-file-backed section that no process maps any more:
 * waiting on the modified list, it goes to standby and its page-file
 * copy is dropped (a mapped one was made clean by reset_page). */
static void reset_proto(struct mm *m, const struct section *s, uint64_t page)
{
	struct pte_info pi;
	pte_decode(m->arch, section_proto_load(m, s, page), &pi);
	if (pi.format == PTE_FMT_TRANSITION && pfn_loc(&m->pfn[pi.pfn]) == PFN_MODIFIED &&
	    m->pfn[pi.pfn].reference_count == 0) {
		pfn_set_modified(m, pi.pfn, false);
		pfn_unlink(m, pi.pfn);
		pfn_release_pagefile_copy(m, pi.pfn);
		pfn_insert(m, pi.pfn, PFN_STANDBY);
	} else if (pi.format == PTE_FMT_HARDWARE) {
		pfn_set_modified(m, pi.pfn, false);
		pfn_release_pagefile_copy(m, pi.pfn);
	}
}

static int reset(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint64_t *base, struct mm_err *err)
{
	uint64_t start = mm_page_round_up(addr), end = mm_page_base(addr + size) - 1;
	if (start > end || end + 1 == 0)
		return conflict(err, MMM_VM_RESET_NO_PAGE, addr, addr + size - 1);
	uint32_t idx = vad_holding(m, p, start, end, err);
	if (!idx)
		return -1;
	const struct vad *v = vad_at(m, idx);
	if (v->flags & VADF_MAX_COMMIT)
		return conflict(err, MMM_VM_SPECIAL, start, end);
	uint64_t page;
	const struct section *s = v->type == VAD_PRIVATE ? NULL : section_of_vad(m, idx, start, &page);
	if (s && s->kind != SECTION_PAGEFILE) /* MiResetVirtualMemory: the file holds the data */
		return mm_fail_tr(err, "STATUS_USER_MAPPED_FILE", ARG_ADDR, MMM_VM_RESET_VIEW);
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		if (paging_table(m, p, m->arch->levels - 1, va) != MM_PFN_NONE)
			reset_page(m, p, va);
		if (s)
			reset_proto(m, s, page + mm_bytes_pages(va - start));
	}
	*base = start;
	return 0;
}

int vm_alloc(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, uint32_t page_prot,
	     uint64_t *base, struct mm_err *err)
{
	int prot;
	if (addr && addr < m->lay.lowest_user) /* kernel32, before the system call */
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_2", ARG_ADDR,
			       MMM_VM_ADDR_LOW,
			       (unsigned long long)addr);
	if (check_type(type, err) < 0)
		return -1;
	if ((prot = mm_prot_from_win32(page_prot, err, ARG_PROT)) < 0)
		return -1;
	if (addr > m->lay.highest_vad)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_2", ARG_ADDR,
			       MMM_VM_ADDR_HIGH,
			       (unsigned long long)addr, (unsigned long long)m->lay.highest_vad);
	if (mm_range_wraps(addr, size))
		return mm_fail_wrap(err, "STATUS_INVALID_PARAMETER_4", ARG_SIZE, addr, size, 0);
	if (m->lay.highest_vad + 1 - addr < size)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_4", ARG_SIZE,
			       MMM_VM_SIZE_HIGH,
			       (unsigned long long)size, (unsigned long long)m->lay.highest_vad);
	if (size == 0)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_4", ARG_SIZE, MMM_SIZE_ZERO);
	if (check_unsupported(type, err) < 0)
		return -1;
	if (type & MEM_RESET)
		return reset(m, p, addr, size, base, err);
	if (type & MEM_LARGE_PAGES)
		return largepage_alloc(m, p, addr, size, type, prot, base, err);
	if (!addr || (type & MEM_RESERVE)) {
		if (refuse_write_copy(prot, ARG_PROT, "STATUS_INVALID_PAGE_PROTECTION", err) < 0)
			return -1;
		return reserve(m, p, addr, size, type, prot, base, err);
	}
	return commit_in_reserve(m, p, addr, size, prot, base, err);
}

/* ---- VirtualFree ------------------------------------------------------------ */

static int decommit(struct mm *m, struct proc *p, struct vad *v, va_t start, va_t end, struct mm_err *err)
{
	uint64_t before = count_committed(m, p, v, start, end);
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		if (!vm_page_committed(m, p, v, va))
			continue;
		/* Every decommitted page gets MmDecommittedPte (MiDecommitPages),
		 * also where the PTE was zero in a MemCommit VAD; the page tables
		 * stay — they go only when the region is released. */
		if (pagetable_ensure(m, p, va, err) < 0)
			return -1;
		deleteva_page(m, p, va, pte_make_demand_zero(m->arch, MM_DECOMMIT));
	}
	uint64_t pages = before - count_committed(m, p, v, start, end);
	MM_SET64(m, &v->commit_charge, v->commit_charge - pages);
	commit_return(m, p, pages, COMMIT_PRIVATE);
	return 0;
}

static int check_free_args(const struct mm *m, uint64_t addr, uint64_t size, uint32_t type, struct mm_err *err)
{
	if ((type & MEM_RELEASE) && size != 0) /* kernel32, before the system call */
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 2, MMM_VM_RELEASE_SIZE);
	if (type != MEM_RELEASE && type != MEM_DECOMMIT)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_4", 3, MMM_VM_FREE_TYPE);
	if (addr > m->lay.highest_user)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_2", 1, MMM_NOT_USER_ADDR, (unsigned long long)addr);
	if (mm_range_wraps(addr, size))
		return mm_fail_wrap(err, "STATUS_INVALID_PARAMETER_3", 2, addr, size, 0);
	if (m->lay.highest_user - addr < size)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_3", 2, MMM_SIZE_PAST_USER, (unsigned long long)size);
	return 0;
}

int vm_free(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, struct mm_err *err)
{
	if (check_free_args(m, addr, size, type, err) < 0)
		return -1;
	uint64_t start = mm_page_base(addr), end = mm_page_last(addr + size - 1);
	uint32_t idx = vad_find(m, p, mm_page_number(start));
	if (!idx)
		return mm_fail_tr(err, "STATUS_MEMORY_NOT_ALLOCATED", 1, MMM_NOT_ALLOCATED, (unsigned long long)addr);
	struct vad *v = vad_at(m, idx);
	if (size && mm_page_number(end) > v->end)
		return mm_fail_tr(err, "STATUS_UNABLE_TO_FREE_VM", 2, MMM_VM_FREE_PAST,
			       (unsigned long long)start, (unsigned long long)end, (unsigned long long)mm_page_address(v->start));
	if (v->type == VAD_MAPPED || v->type == VAD_IMAGE)
		return mm_fail_tr(err, "STATUS_UNABLE_TO_DELETE_SECTION", 1,
			       MMM_VM_FREE_VIEW, (unsigned long long)addr);
	if (v->flags & VADF_NO_CHANGE)
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", 1,
			       MMM_VM_FREE_SECURED, (unsigned long long)addr);
	if (size == 0 && start != mm_page_address(v->start))
		return mm_fail_tr(err, "STATUS_FREE_VM_NOT_AT_BASE", 1,
			       MMM_VM_FREE_BASE,
			       (unsigned long long)mm_page_address(v->start));
	if (type == MEM_RELEASE) {
		deleteva_vad(m, p, idx);
		return 0;
	}
	return decommit(m, p, v, start, size ? end : mm_page_last(mm_page_address(v->end)), err);
}
