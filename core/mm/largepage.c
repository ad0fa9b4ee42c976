/*
 * largepage.c — user large pages (largepage.h; docs/reference.md
 * R-LARGE-PAGES), after the WRK's NtAllocateVirtualMemory checks
 * (allocvm.c), MiAllocateLargePages and MiFreeLargePages.
 *
 * A large page is one directory entry with the PS bit that maps a whole
 * physically contiguous, naturally aligned run of frames: 1024 frames
 * (4 MB) with x86's 32-bit entries, 512 (2 MB) with PAE and x64. So:
 *
 *   - the request is checked in NtAllocateVirtualMemory's order: the type
 *     must have MEM_COMMIT and none of MEM_PHYSICAL, MEM_RESET,
 *     MEM_WRITE_WATCH (STATUS_INVALID_PARAMETER_5, vm.c), the caller must hold
 *     SeLockMemoryPrivilege (STATUS_PRIVILEGE_NOT_HELD; `process create
 *     --lock-memory` grants it), the size must be a multiple of the large
 *     page (_4), the base is aligned down to one, or the system finds a
 *     free range aligned to one; reserve and commit come in one call
 *     (mmviz refuses MEM_COMMIT alone into a reservation with _5);
 *   - the frames: for each large page, the first run of free or zeroed
 *     frames that starts on a multiple of the large page and has none in
 *     use (MiFindLargePageMemory; Windows also takes standby pages, mmviz
 *     does not). Free frames are zeroed. None: STATUS_INSUFFICIENT_RESOURCES
 *     (ERROR_NO_SYSTEM_RESOURCES), and the whole call fails;
 *   - the mapping: page tables only down to the directory; the directory
 *     entry valid, large, dirty and accessed (the page is never paged, so
 *     it starts dirty: no MiSetDirtyBit fault on the first write), with the
 *     requested protection. One TLB entry then covers the whole page;
 *   - the frames are active with share count 1, owned by the process,
 *     pointing at the directory entry, and in no working set: the trimmer
 *     never sees them, they are never paged, and they leave only when the
 *     region is released (MiFreeLargePages, from deleteva.c) or the
 *     process exits. They are charged as committed private memory.
 *
 * Invariants (check.c):
 *   L1. A process's large_pages counts the frames its large user
 *       directory entries map, each active, owned by it, share count 1.
 */
#include "largepage.h"

#include "commit.h"
#include "base/consts.h"
#include "pagetable.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "hw/pte.h"
#include "hw/tlb.h"
#include "vad.h"
#include "mmmsg.h"

#define ARG_ADDR 1
#define ARG_SIZE 2
#define ARG_TYPE 3

/* The level whose entries map large pages: the page directory. */
static int pde_level(const struct mm *m) { return m->arch->levels - 2; }

uint64_t largepage_minimum(const struct mm *m) { return 1ull << m->arch->shift[pde_level(m)]; }

static uint64_t frames_per_page(const struct mm *m) { return mm_bytes_pages(largepage_minimum(m)); }

static int check_request(const struct mm *m, uint64_t size, uint32_t type, struct mm_err *err)
{
	/* the type rules (MEM_COMMIT, no MEM_PHYSICAL ...) are vm.c's check_type;
	 * the privilege is the caller's, checked before attaching (allocvm.c) */
	if (!(m->proc[m->cur].privileges & PRIV_LOCK_MEMORY))
		return mm_fail_tr(err, "STATUS_PRIVILEGE_NOT_HELD", ARG_TYPE, MMM_LP_PRIVILEGE);
	if (!(type & MEM_RESERVE))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE, MMM_LP_ONE_CALL);
	if (size % largepage_minimum(m))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_4", ARG_SIZE,
			       MMM_LP_SIZE,
			       (unsigned long long)size, (unsigned long long)largepage_minimum(m));
	return 0;
}

static int place(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, uint64_t *start,
		 struct mm_err *err)
{
	uint64_t big = largepage_minimum(m), pages = mm_bytes_pages(size);
	if (!addr) {
		if (vad_find_free_aligned(m, p, pages, (type & MEM_TOP_DOWN) != 0, m->lay.lowest_user,
					  m->lay.highest_vad, big, start) < 0)
			return mm_fail_tr(err, "STATUS_NO_MEMORY", ARG_SIZE,
				       MMM_LP_NO_RANGE,
				       (unsigned long long)pages, (unsigned long long)big);
		return 0;
	}
	*start = addr & ~(big - 1); /* MI_ALIGN_TO_SIZE */
	uint64_t end = *start + size - 1;
	if (end > m->lay.highest_vad || vad_overlap(m, p, mm_page_number(*start), mm_page_number(end)) ||
	    vad_shared_data_conflict(m, *start, end))
		return mm_fail_tr(err, "STATUS_CONFLICTING_ADDRESSES", ARG_ADDR, MMM_LP_NOT_FREE,
			       (unsigned long long)*start, (unsigned long long)end);
	return 0;
}

/* MiFindLargePageMemory: the first aligned run of n frames all free or
 * zeroed; MM_PFN_NONE when RAM holds none. */
static uint32_t find_run(struct mm *m, uint64_t n)
{
	for (uint64_t first = 0; first + n <= m->npages; first += n) {
		uint64_t k = 0;
		while (k < n) {
			enum pfn_loc l = pfn_loc(&m->pfn[first + k]);
			if (l != PFN_FREE && l != PFN_ZEROED)
				break;
			k++;
		}
		MM_WORK(m, k + 1);
		if (k == n)
			return (uint32_t)first;
	}
	return MM_PFN_NONE;
}

/* One large page at va: tables down to the directory, the run of frames
 * taken off their lists, the directory entry written. */
static int map_one(struct mm *m, struct proc *p, va_t va, int prot, struct mm_err *err)
{
	int pde = pde_level(m);
	for (int l = 1; l <= pde; l++)
		if (paging_table(m, p, l, va) == MM_PFN_NONE && pagetable_new(m, p, l, va, err) == MM_PFN_NONE)
			return -1;
	uint64_t n = frames_per_page(m);
	uint32_t first = find_run(m, n);
	if (first == MM_PFN_NONE)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", ARG_SIZE, MMM_LP_NO_RUN, (unsigned long long)n);
	struct pte_ref ref = paging_ref(m, p, pde, va);
	for (uint32_t f = first; f < first + n; f++) {
		bool zero = pfn_loc(&m->pfn[f]) == PFN_ZEROED;
		pfn_unlink(m, f);
		if (!zero)
			physmem_zero(m, f);
		pfn_initialize(m, f, ref.entry_va, ref.table, p->pid, USE_PRIVATE, pte_make_demand_zero(m->arch, prot),
			       true);
	}
	pte_ref_store(m, &ref, pte_make_valid(m->arch, first, prot, true, true, false) | PTE_LARGE);
	MM_SET64(m, &p->large_pages, p->large_pages + n);
	return 0;
}

int largepage_alloc(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, int prot,
		    uint64_t *base, struct mm_err *err)
{
	uint64_t start;
	if (check_request(m, size, type, err) < 0 || place(m, p, addr, size, type, &start, err) < 0)
		return -1;
	if (MM_PROT_IS_COPY_ON_WRITE(prot))
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", 4, MMM_WRITECOPY_PRIVATE);
	uint64_t pages = mm_bytes_pages(size), end = start + size - 1;
	if (commit_charge(m, p, pages, COMMIT_PRIVATE, err) < 0)
		return -1;
	uint32_t idx = vad_create(m, p, mm_page_number(start), mm_page_number(end), VAD_PRIVATE, prot,
				  VADF_PRIVATE | VADF_MEM_COMMIT | VADF_LARGE_PAGES, err);
	if (!idx)
		return -1;
	MM_SET64(m, &vad_at(m, idx)->commit_charge, pages);
	for (va_t va = start; va < end; va += largepage_minimum(m))
		if (map_one(m, p, va, prot, err) < 0)
			return -1;
	*base = start;
	return 0;
}

void largepage_free(struct mm *m, struct proc *p, va_t start, va_t end)
{
	uint64_t n = frames_per_page(m);
	for (va_t va = start; va < end; va += largepage_minimum(m)) {
		struct pte_ref ref = paging_ref(m, p, pde_level(m), va);
		struct pte_info pi;
		pte_decode(m->arch, pte_ref_load(m, &ref), &pi);
		if (!pi.valid || !pi.large_page)
			continue;
		pte_ref_store(m, &ref, 0);
		tlb_flush_va(m, va);
		for (uint32_t f = pi.pfn; f < pi.pfn + n; f++) {
			pfn_mark_deleted(m, f);
			pfn_decrement_share(m, f);
		}
		MM_SET64(m, &p->large_pages, p->large_pages - n);
	}
}

int largepage_protect(const struct vad *v, int prot, uint32_t *old, struct mm_err *err)
{
	char buf[64];
	if (prot != v->protection)
		return mm_fail_tr(err, "STATUS_CONFLICTING_ADDRESSES", 1,
			       MMM_LP_PROTECT,
			       mm_prot_win32_str(mm_prot_to_win32(v->protection), buf, sizeof buf));
	*old = mm_prot_to_win32(v->protection);
	return 0;
}
