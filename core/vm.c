/*
 * vm.c — VirtualAlloc and VirtualFree for private memory (vm.h).
 *
 * Reserve and commit are two promises of different kinds: reserving takes
 * address space (a VAD, at 64 KB granularity), committing takes commit
 * charge (page granularity) and nothing else — no physical page is used
 * until the first touch (a demand-zero fault). The PTEs show which:
 *   - reserve+commit in one call: VAD MemCommit=1, PTEs stay zero; the
 *     fault handler asks the VAD (reference §14);
 *   - commit into a reservation: page tables are made and each PTE becomes
 *     a demand-zero PTE carrying the protection;
 *   - decommit inside a MemCommit VAD: the PTE becomes MmDecommittedPte
 *     (protection MM_DECOMMIT), so the VAD's "committed" no longer holds
 *     for that page; elsewhere the PTE goes back to zero.
 */
#include "vm.h"

#include "commit.h"
#include "consts.h"
#include "paging.h"
#include "pfn.h"
#include "process.h"
#include "tlb.h"
#include "vad.h"

#define ARG_ADDR 1
#define ARG_SIZE 2
#define ARG_TYPE 3
#define ARG_PROT 4

bool vm_page_committed(const struct mm *m, const struct proc *p, const struct vad *v, va_t va)
{
	pte_t e = paging_get_pte(m, p, va);
	if (e == 0)
		return (v->flags & VADF_MEM_COMMIT) != 0;
	struct pte_info pi;
	pte_decode(m->arch, e, &pi);
	return !(pi.format == PTE_FMT_DEMAND_ZERO && pi.protection == MM_DECOMMIT);
}

static uint64_t count_committed(const struct mm *m, const struct proc *p, const struct vad *v, va_t s, va_t e)
{
	uint64_t n = 0;
	for (va_t va = s; va <= e && va >= s; va += MM_PAGE_SIZE)
		n += vm_page_committed(m, p, v, va);
	return n;
}

/* ---- releasing pages ------------------------------------------------------ */

static void release_frame(struct mm *m, struct proc *p, va_t va, uint32_t pfn, bool valid)
{
	struct pfn *f = &m->pfn[pfn];
	if (valid) {
		tlb_flush_va(m, va);
		process_ws_remove(m, p, va & ~0xFFFull);
		if (pfn == m->shared_data_pfn) { /* the kernel's page, only unmapped */
			pfn_decrement_share(m, pfn);
			return;
		}
		MM_SET64(m, &p->private_pages, p->private_pages - 1);
		pfn_mark_deleted(m, pfn);
		pfn_decrement_share(m, pfn);
		return;
	}
	/* A transition page on the standby or modified list: straight to free. */
	pfn_unlink(m, pfn);
	pfn_mark_deleted(m, pfn);
	MM_SET16(m, &f->reference_count, 1);
	pfn_decrement_ref(m, pfn);
}

void vm_release_page(struct mm *m, struct proc *p, va_t va, pte_t newpte)
{
	int last = m->arch->levels - 1;
	uint32_t table = paging_table(m, p, last, va);
	if (table == MM_PFN_NONE)
		return;
	uint32_t idx = paging_index(m, last, va);
	pte_t v = pte_load(m, table, idx);
	struct pte_info pi;
	pte_decode(m->arch, v, &pi);
	uint64_t entry = paging_entry_va(m, p, last, va);
	pte_store(m, table, idx, entry, newpte); /* first the PTE, then the frame it held */
	if (pi.format == PTE_FMT_HARDWARE || pi.format == PTE_FMT_TRANSITION)
		release_frame(m, p, va, pi.pfn, pi.valid);
}

/* A table none of whose entries is in use any more is freed, and so on up
 * (Windows tracks UsedPageTableEntries for this). */
static void trim_tables(struct mm *m, struct proc *p, va_t va)
{
	const struct arch *a = m->arch;
	int lowest = a->id == MM_ARCH_PAE ? 2 : 1; /* PAE directories and every top level stay */
	for (int l = a->levels - 1; l >= lowest; l--) {
		uint32_t t = paging_table(m, p, l, va);
		if (t == MM_PFN_NONE)
			continue;
		uint32_t n = 1u << a->bits[l];
		for (uint32_t i = 0; i < n; i++)
			if (pte_load(m, t, i))
				return;
		uint32_t parent = paging_table(m, p, l - 1, va);
		pte_store(m, parent, paging_index(m, l - 1, va), paging_entry_va(m, p, l - 1, va), 0);
		pfn_mark_deleted(m, t);
		pfn_decrement_share(m, t);
		MM_SET64(m, &p->page_tables, p->page_tables - 1);
		process_ws_remove(m, p, paging_entry_va(m, p, l, va) & ~0xFFFull);
		commit_return(m, p, 1, COMMIT_PAGE_TABLE);
	}
}

static void release_span(struct mm *m, struct proc *p, va_t start, va_t end, pte_t newpte)
{
	va_t last_table = ~0ull;
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		vm_release_page(m, p, va, newpte);
		va_t t = va >> m->arch->shift[m->arch->levels - 2];
		if (newpte == 0 && t != last_table) {
			if (last_table != ~0ull)
				trim_tables(m, p, va - MM_PAGE_SIZE);
			last_table = t;
		}
		/* skip the rest of a missing table quickly */
		if (paging_table(m, p, m->arch->levels - 1, va) == MM_PFN_NONE) {
			uint64_t span = 1ull << m->arch->shift[m->arch->levels - 2];
			va_t next = (va | (span - 1)) - 0xFFF;
			if (next > va)
				va = next;
		}
	}
	if (newpte == 0)
		trim_tables(m, p, end);
}

void vm_release_range(struct mm *m, struct proc *p, va_t start, va_t end)
{
	release_span(m, p, start, end, 0);
}

void vm_release_vad(struct mm *m, struct proc *p, uint32_t idx)
{
	struct vad *v = vad_at(m, idx);
	va_t s = v->start << 12, e = ((v->end + 1) << 12) - 1;
	uint64_t charge = v->commit_charge;
	release_span(m, p, s, e, 0);
	commit_return(m, p, charge, COMMIT_PRIVATE);
	vad_delete(m, p, idx);
}

/* ---- VirtualAlloc ----------------------------------------------------------- */

static int check_type(uint32_t type, struct mm_err *err)
{
	const uint32_t allowed = MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_TOP_DOWN | MEM_LARGE_PAGES |
				 MEM_WRITE_WATCH | MEM_PHYSICAL | MEM_RESET_UNDO;
	if (type & ~allowed)
		return mm_fail(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE,
			       "allocation type: only MEM_COMMIT, MEM_RESERVE, MEM_RESET, MEM_TOP_DOWN, "
			       "MEM_LARGE_PAGES, MEM_WRITE_WATCH, MEM_PHYSICAL are allowed");
	if (!(type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO)))
		return mm_fail(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE,
			       "allocation type: one of MEM_COMMIT, MEM_RESERVE or MEM_RESET is required");
	if ((type & (MEM_RESET | MEM_RESET_UNDO)) && (type & ~(MEM_RESET | MEM_RESET_UNDO)))
		return mm_fail(err, "STATUS_INVALID_PARAMETER_5", ARG_TYPE, "MEM_RESET must be used alone");
	if (type & MEM_LARGE_PAGES)
		return mm_fail(err, "STATUS_PRIVILEGE_NOT_HELD", ARG_TYPE,
			       "MEM_LARGE_PAGES needs SeLockMemoryPrivilege, which the simulated user does not hold");
	if (type & (MEM_PHYSICAL | MEM_WRITE_WATCH))
		return mm_fail(err, "STATUS_NOT_SUPPORTED", ARG_TYPE,
			       "MEM_PHYSICAL (AWE) and MEM_WRITE_WATCH are not simulated");
	return 0;
}

static int check_prot(uint32_t page_prot, int *prot, struct mm_err *err)
{
	if ((*prot = mm_prot_from_win32(page_prot, err, ARG_PROT)) < 0)
		return -1;
	if (MM_PROT_IS_COPY_ON_WRITE(*prot))
		return mm_fail(err, "STATUS_INVALID_PAGE_PROTECTION", ARG_PROT,
			       "PAGE_WRITECOPY and PAGE_EXECUTE_WRITECOPY apply to section views, not private memory");
	return 0;
}

static int reserve(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, int prot,
		   uint64_t *base, struct mm_err *err)
{
	uint64_t start, end;
	if (addr) {
		start = addr & ~(uint64_t)(MM_ALLOC_GRANULARITY - 1);
		end = (addr + size - 1) | 0xFFF;
		if (end < addr || end > m->lay.highest_vad)
			return mm_fail(err, "STATUS_INVALID_PARAMETER_2", ARG_SIZE,
				       "the range %#llx..%#llx ends above the highest user address %#llx",
				       (unsigned long long)addr, (unsigned long long)(addr + size - 1),
				       (unsigned long long)m->lay.highest_vad);
		uint32_t o = vad_overlap(m, p, start >> 12, end >> 12);
		if (o) {
			const struct vad *v = vad_at(m, o);
			return mm_fail(err, "STATUS_CONFLICTING_ADDRESSES", ARG_ADDR,
				       "%#llx..%#llx overlaps the region %#llx..%#llx already reserved",
				       (unsigned long long)start, (unsigned long long)end,
				       (unsigned long long)(v->start << 12), (unsigned long long)(((v->end + 1) << 12) - 1));
		}
	} else {
		uint64_t pages = (size + 0xFFF) >> 12;
		if (vad_find_free(m, p, pages, (type & MEM_TOP_DOWN) != 0, m->lay.lowest_user, m->lay.highest_vad,
				  &start) < 0)
			return mm_fail(err, "STATUS_NO_MEMORY", ARG_SIZE,
				       "no free range of %llu pages in the address space", (unsigned long long)pages);
		end = start + (pages << 12) - 1;
	}
	uint64_t pages = (end - start + 1) >> 12;
	bool commit = type & MEM_COMMIT;
	if (commit && commit_charge(m, p, pages, COMMIT_PRIVATE, err) < 0)
		return -1;
	uint32_t idx = vad_create(m, p, start >> 12, end >> 12, VAD_PRIVATE, prot,
				  (uint8_t)(VADF_PRIVATE | (commit ? VADF_MEM_COMMIT : 0)), err);
	if (!idx)
		return -1;
	if (commit)
		MM_SET64(m, &vad_at(m, idx)->commit_charge, pages);
	*base = start;
	return 0;
}

static int commit_in_reserve(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, int prot,
			     uint64_t *base, struct mm_err *err)
{
	uint64_t start = addr & ~0xFFFull, end = (addr + size - 1) | 0xFFF;
	uint32_t idx = vad_find(m, p, start >> 12);
	if (!idx || end < start || (end >> 12) > vad_at(m, idx)->end)
		return mm_fail(err, "STATUS_CONFLICTING_ADDRESSES", ARG_ADDR,
			       idx ? "%#llx..%#llx runs past the end of its reservation"
				   : "%#llx..%#llx is not inside a reserved region (reserve it first with MEM_RESERVE)",
			       (unsigned long long)start, (unsigned long long)end);
	struct vad *v = vad_at(m, idx);
	if (v->type != VAD_PRIVATE)
		return mm_fail(err, "STATUS_CONFLICTING_ADDRESSES", ARG_ADDR,
			       "%#llx is in a mapped view; only page-file-backed views can be committed this way",
			       (unsigned long long)start);
	uint64_t already = count_committed(m, p, v, start, end);
	uint64_t pages = ((end - start + 1) >> 12) - already;
	if (commit_charge(m, p, pages, COMMIT_PRIVATE, err) < 0)
		return -1;
	MM_SET64(m, &v->commit_charge, v->commit_charge + pages);
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		if (vm_page_committed(m, p, v, va))
			continue; /* already committed: not charged again, left as it is */
		if (paging_ensure_tables(m, p, va, err) < 0)
			return -1;
		paging_set_pte(m, p, va, pte_make_demand_zero(m->arch, prot));
	}
	*base = start;
	return 0;
}

/* MEM_RESET: the data is no longer of interest; pages become clean so they
 * are discarded instead of written to the page file. Contents stay. */
static int reset(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint64_t *base, struct mm_err *err)
{
	uint64_t start = (addr + 0xFFF) & ~0xFFFull, end = ((addr + size) & ~0xFFFull) - 1;
	uint32_t idx = vad_find(m, p, addr >> 12);
	if (!idx || (end >> 12) > vad_at(m, idx)->end)
		return mm_fail(err, "STATUS_CONFLICTING_ADDRESSES", ARG_ADDR,
			       "MEM_RESET: %#llx is not inside one allocated region", (unsigned long long)addr);
	struct vad *v = vad_at(m, idx);
	for (va_t va = start; va < end && va >= start; va += MM_PAGE_SIZE) {
		if (!vm_page_committed(m, p, v, va))
			return mm_fail(err, "STATUS_NOT_COMMITTED", ARG_ADDR, "MEM_RESET: page %#llx is not committed",
				       (unsigned long long)va);
	}
	for (va_t va = start; va < end && va >= start; va += MM_PAGE_SIZE) {
		pte_t e = paging_get_pte(m, p, va);
		struct pte_info pi;
		pte_decode(m->arch, e, &pi);
		if (pi.format == PTE_FMT_HARDWARE && (e & PTE_DIRTY)) {
			paging_set_pte(m, p, va, e & ~(PTE_DIRTY | PTE_HW_WRITE));
			pfn_set_modified(m, pi.pfn, false);
			tlb_flush_va(m, va);
		} else if (pi.format == PTE_FMT_TRANSITION && pfn_loc(&m->pfn[pi.pfn]) == PFN_MODIFIED) {
			pfn_unlink(m, pi.pfn);
			pfn_set_modified(m, pi.pfn, false);
			pfn_insert(m, pi.pfn, PFN_STANDBY);
		}
	}
	*base = addr;
	return 0;
}

int vm_alloc(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, uint32_t page_prot,
	     uint64_t *base, struct mm_err *err)
{
	int prot;
	if (check_type(type, err) < 0)
		return -1;
	if (addr && addr < m->lay.lowest_user)
		return mm_fail(err, "STATUS_INVALID_PARAMETER_2", ARG_ADDR,
			       "address %#llx is below the lowest user address 0x10000 (the first 64 KB are never mapped)",
			       (unsigned long long)addr);
	if (size == 0)
		return mm_fail(err, "STATUS_INVALID_PARAMETER_4", ARG_SIZE, "size must not be 0");
	if (size > m->lay.highest_vad)
		return mm_fail(err, "STATUS_INVALID_PARAMETER_4", ARG_SIZE, "size %#llx is larger than user space",
			       (unsigned long long)size);
	if (check_prot(page_prot, &prot, err) < 0)
		return -1;
	if (type & MEM_RESET)
		return reset(m, p, addr, size, base, err);
	if (type & MEM_RESET_UNDO)
		return mm_fail(err, "STATUS_NOT_SUPPORTED", ARG_TYPE, "MEM_RESET_UNDO is not simulated");
	if (!addr || (type & MEM_RESERVE))
		return reserve(m, p, addr, size, type, prot, base, err);
	return commit_in_reserve(m, p, addr, size, prot, base, err);
}

/* ---- VirtualFree ------------------------------------------------------------ */

int vm_free(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, struct mm_err *err)
{
	bool release = type == MEM_RELEASE;
	if (type != MEM_RELEASE && type != MEM_DECOMMIT)
		return mm_fail(err, "STATUS_INVALID_PARAMETER_4", 3, "free type: exactly one of MEM_DECOMMIT or MEM_RELEASE");
	if (release && size != 0)
		return mm_fail(err, "STATUS_INVALID_PARAMETER", 2,
			       "MEM_RELEASE needs size 0: it frees the whole allocation from its base");
	uint32_t idx = vad_find(m, p, addr >> 12);
	if (!idx)
		return mm_fail(err, "STATUS_MEMORY_NOT_ALLOCATED", 1, "%#llx is not in an allocated region",
			       (unsigned long long)addr);
	struct vad *v = vad_at(m, idx);
	if (v->type == VAD_MAPPED || v->type == VAD_IMAGE)
		return mm_fail(err, "STATUS_UNABLE_TO_DELETE_SECTION", 1,
			       "%#llx is a mapped view: use UnmapViewOfFile", (unsigned long long)addr);
	if (release) {
		if ((addr & ~0xFFFull) != v->start << 12)
			return mm_fail(err, "STATUS_FREE_VM_NOT_AT_BASE", 1,
				       "MEM_RELEASE must name the base of the allocation, %#llx",
				       (unsigned long long)(v->start << 12));
		vm_release_vad(m, p, idx);
		return 0;
	}
	uint64_t start = addr & ~0xFFFull;
	uint64_t end = size ? ((addr + size - 1) | 0xFFF) : ((v->end + 1) << 12) - 1;
	if (end < start || (end >> 12) > v->end)
		return mm_fail(err, "STATUS_UNABLE_TO_FREE_VM", 2, "%#llx..%#llx runs past the end of the region at %#llx",
			       (unsigned long long)start, (unsigned long long)end, (unsigned long long)(v->start << 12));
	uint64_t pages = count_committed(m, p, v, start, end);
	bool memcommit = v->flags & VADF_MEM_COMMIT;
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		if (!vm_page_committed(m, p, v, va))
			continue;
		if (memcommit && paging_ensure_tables(m, p, va, err) < 0)
			return -1;
		vm_release_page(m, p, va, memcommit ? pte_make_demand_zero(m->arch, MM_DECOMMIT) : 0);
	}
	if (!memcommit)
		vm_release_range(m, p, start, end); /* frees tables left empty */
	MM_SET64(m, &v->commit_charge, v->commit_charge - pages);
	commit_return(m, p, pages, COMMIT_PRIVATE);
	return 0;
}
