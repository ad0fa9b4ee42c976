/*
 * kernel.c — the kernel image in system space (kernel.h).
 *
 * The loader maps ntoskrnl.exe with 4 KB PTEs. Phase 0 of the memory
 * manager (MiInitMachineDependent) then decides whether to remap the
 * kernel and HAL with large pages (2 MB on PAE and x64, 4 MB on x86
 * without PAE): it does so only when the machine has more than
 * MM_LARGE_PAGE_MINIMUM pages, 255 MB (WRK i386/init386.c and
 * amd64/initamd.c: `MmNumberOfPhysicalPages <= MmLargePageMinimum` clears
 * MxMapLargePages). mmviz follows that rule (docs/reference.md
 * R-KERNEL-IMAGE):
 *
 *   RAM > 255 MB   one PDE with the PS bit maps the whole image, no page
 *                  table below it, one TLB entry for it. `!pte` on the
 *                  kernel base shows a PDE with L set and no PTE level.
 *                  Code and data share the large page, so it is writable
 *                  and executable (ValidKernelPde with LargePage, Global).
 *   RAM <= 255 MB, or booted /3GB (no large pages at all, and the image
 *                  at ALTERNATE_BASE 0xE0000000): a page table of the System process holds one global
 *                  4 KB PTE per image page, as the loader left them: valid,
 *                  kernel-only, global. MmInitSystem phase 1 runs
 *                  MiWriteProtectSystemImage over every boot-loaded module
 *                  (MmEnforceWriteProtection is 1 by default), which clears
 *                  Write on the pages of read-only sections; mmviz's image
 *                  has its headers and code (.text) in the first half,
 *                  execute-read, and its data in the second half,
 *                  execute-read-write (the loader sets no NX).
 *
 * Invariants (checked by core/check.c as the general frame rules):
 *   K1. The image's frames are contiguous, active, USE_SYSTEM, and never
 *       in a working set (boot-loaded image pages are nonpaged here).
 *   K2. Large: the frames are aligned to the large page; each holds a share
 *       of the one PDE and the directory holds one share per frame.
 *       Small: each frame is mapped by exactly one valid PTE, and the page
 *       table holds one share per frame.
 *   K3. Page 0 holds the DOS header ("MZ", e_lfanew, "PE\0\0"), so `kread`
 *       at the base reads "MZ" in either mapping.
 *
 * A machine with less than 8 image-sized runs of RAM gets no image: mmviz
 * boots machines down to 1 MB, smaller than ntoskrnl itself, where Windows
 * would not start at all (docs/simplifications.md SIMP-KERNEL-IMAGE).
 */
#include "kernel.h"

#include "base/consts.h"
#include "pagetable.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "hw/pte.h"

/* MM_LARGE_PAGE_MINIMUM (WRK i386/init386.c, amd64/initamd.c): the kernel
 * image gets large pages only on machines with more pages than this. */
#define KERNEL_LARGE_PAGE_MINIMUM_BYTES (255ull << 20)

/* The image fills one large page's span: 4 MB on x86, 2 MB on PAE and x64. */
#define KERNEL_IMAGE_RUNS_MIN 8 /* RAM must hold 8 image-sized runs */

/* KSEG0_BASE, or ALTERNATE_BASE (0xE1000000 less 16 MB, WRK inc/i386.h)
 * where the loader puts the boot images of a system booted /3GB. */
uint64_t kernel_base(const struct mm *m)
{
	if (m->arch->id == MM_ARCH_X64)
		return 0xFFFFF80000000000ull;
	return m->cfg.three_gb ? 0xE0000000ull : 0x80000000ull;
}

bool kernel_uses_large_page(const struct mm *m)
{
	int pde = m->arch->levels - 2;
	return (uint64_t)m->npages > mm_bytes_pages(KERNEL_LARGE_PAGE_MINIMUM_BYTES) &&
	       (m->lay.large_levels & (1u << pde));
}

/* The first run of free frames after what boot has taken, aligned to the
 * image's size (the large page requires it; the small mapping keeps the
 * same frames so that only the mapping differs). */
static uint32_t image_first_frame(const struct mm *m, uint64_t pages)
{
	return (uint32_t)((m->npages / 4 + pages - 1) & ~(pages - 1));
}

static void take_frames(struct mm *m, uint32_t first, uint64_t pages, uint64_t pte_va_of_first, uint32_t table,
			bool large)
{
	for (uint32_t i = 0; i < pages; i++) {
		uint64_t pte_va = large ? pte_va_of_first : pte_va_of_first + i * m->arch->pte_size;
		pfn_unlink(m, first + i);
		pfn_initialize(m, first + i, pte_va, table, 0, USE_SYSTEM, 0, true);
	}
}

static int map_large(struct mm *m, struct proc *sys, uint64_t pages, struct mm_err *err)
{
	const struct arch *a = m->arch;
	int pde = a->levels - 2; /* the level whose entries map large pages */
	uint64_t va = kernel_base(m);
	for (int l = 1; l <= pde; l++) /* tables down to the directory only */
		if (paging_table(m, sys, l, va) == MM_PFN_NONE && pagetable_new(m, sys, l, va, err) == MM_PFN_NONE)
			return -1;
	uint32_t first = image_first_frame(m, pages);
	struct pte_ref pde_ref = paging_ref(m, sys, pde, va);
	take_frames(m, first, pages, pde_ref.entry_va, pde_ref.table, true);
	/* ValidKernelPde (Valid, Write, Accessed, Dirty: 0x863 with the MP
	 * kernel's Write and Dirty masks) with LargePage and Global, as
	 * MiInitMachineDependent maps the kernel image (docs/reference.md
	 * R-FAULT-PROTO-FORMS). */
	pte_t v = pte_make_valid(a, first, MM_EXECUTE_READWRITE, false, true, true) | PTE_LARGE;
	pte_ref_store(m, &pde_ref, v);
	return (int)first;
}

/* The loader allocated the image's page table from its own memory along
 * with the image: mmviz takes the frame just after the image's run, so the
 * frames later taken from the zeroed list are those a machine with a
 * large-page image would take. */
static int map_small(struct mm *m, struct proc *sys, uint64_t pages, struct mm_err *err)
{
	const struct arch *a = m->arch;
	int pt = a->levels - 1;
	uint64_t va = kernel_base(m);
	for (int l = 1; l < pt; l++) /* the upper tables as for the large page */
		if (paging_table(m, sys, l, va) == MM_PFN_NONE && pagetable_new(m, sys, l, va, err) == MM_PFN_NONE)
			return -1;
	uint32_t first = image_first_frame(m, pages), table = first + (uint32_t)pages;
	pfn_unlink(m, table);
	physmem_zero(m, table);
	pagetable_install(m, sys, pt, va, table);
	struct pte_ref pte = paging_leaf_ref(m, sys, va);
	take_frames(m, first, pages, pte.entry_va, pte.table, false);
	for (uint32_t i = 0; i < pages; i++) {
		struct pte_ref r = paging_leaf_ref(m, sys, va + mm_page_address(i));
		int prot = i < pages / 2 ? MM_EXECUTE_READ : MM_EXECUTE_READWRITE; /* headers and .text, then data */
		pte_ref_store(m, &r, pte_make_valid(a, first + i, prot, false, true, true));
	}
	return (int)first;
}

int kernel_boot_map(struct mm *m, struct mm_err *err)
{
	const struct arch *a = m->arch;
	uint64_t pages = mm_bytes_pages(1ull << a->shift[a->levels - 2]);
	if ((uint64_t)m->npages < pages * KERNEL_IMAGE_RUNS_MIN)
		return 0; /* too little RAM for the image: none (SIMP-KERNEL-IMAGE) */
	struct proc *sys = &m->proc[0];
	int first = kernel_uses_large_page(m) ? map_large(m, sys, pages, err) : map_small(m, sys, pages, err);
	if (first < 0)
		return -1;
	physmem_write(m, (uint32_t)first, 0, 0x5A4D, 2); /* "MZ" */
	physmem_write(m, (uint32_t)first, 0x3C, 0x80, 4); /* e_lfanew */
	physmem_write(m, (uint32_t)first, 0x80, 0x4550, 4); /* "PE\0\0" */
	return 0;
}
