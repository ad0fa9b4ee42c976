/*
 * kernel.c — the kernel image in system space (kernel.h).
 *
 * Windows loads ntoskrnl.exe and the HAL into memory mapped with large
 * pages (2 MB on PAE and x64, 4 MB on x86 without PAE): one PDE with the
 * PS bit maps the whole range, no page table below it, and the TLB needs
 * one entry for it. mmviz does the same so that a learner can see a large
 * page: `!pte 0xFFFFF80000000000` shows a PDE with L set and no PTE level,
 * and `kread` there reads "MZ", the image's DOS header; `kwrite` to the
 * image's data succeeds, since the PDE is writable.
 *
 * The frames are contiguous and aligned to the large page, as the hardware
 * requires; each is active, mapped by the one PDE, so each holds a share of
 * it and the page directory holds one share per frame (check.c counts a
 * large leaf as mapping every frame it covers).
 */
#include "kernel.h"

#include "base/consts.h"
#include "pagetable.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "hw/pte.h"

static uint64_t kernel_base(const struct mm *m)
{
	return m->arch->id == MM_ARCH_X64 ? 0xFFFFF80000000000ull : 0x80000000ull;
}

int kernel_boot_map(struct mm *m, struct mm_err *err)
{
	const struct arch *a = m->arch;
	int pde = a->levels - 2; /* the level whose entries map large pages */
	uint64_t span = 1ull << a->shift[pde], pages = mm_bytes_pages(span);
	if ((uint64_t)m->npages < pages * 8)
		return 0; /* too little RAM to give up a large page: no kernel image (a simplification) */
	if (!(m->lay.large_levels & (1u << pde)))
		return 0; /* booted /3GB: no large pages, and the image moves by MmVirtualBias; mmviz maps none then */
	struct proc *sys = &m->proc[0];
	uint64_t va = kernel_base(m);
	/* tables down to the directory only */
	for (int l = 1; l <= pde; l++)
		if (paging_table(m, sys, l, va) == MM_PFN_NONE && pagetable_new(m, sys, l, va, err) == MM_PFN_NONE)
			return -1;
	/* the first aligned run of free frames after what boot has taken */
	uint32_t first = (uint32_t)((m->npages / 4 + pages - 1) & ~(pages - 1));
	struct pte_ref pde_ref = paging_ref(m, sys, pde, va); /* the directory entry that maps the large page */
	for (uint32_t i = 0; i < pages; i++) {
		pfn_unlink(m, first + i);
		pfn_initialize(m, first + i, pde_ref.entry_va, pde_ref.table, 0, USE_SYSTEM, 0, true);
	}
	/* ValidKernelPde (Valid, Write, Accessed, Dirty: 0x863 with the MP
	 * kernel's Write and Dirty masks) with LargePage and Global, as
	 * MiInitMachineDependent maps the kernel image: code and data share
	 * the large page, so it is writable and executable (docs/reference.md
	 * R-FAULT-PROTO-FORMS). */
	pte_t v = pte_make_valid(a, first, MM_EXECUTE_READWRITE, false, true, true) | PTE_LARGE;
	pte_ref_store(m, &pde_ref, v);
	physmem_write(m, first, 0, 0x5A4D, 2); /* "MZ" */
	physmem_write(m, first, 0x3C, 0x80, 4); /* e_lfanew */
	physmem_write(m, first, 0x80, 0x4550, 4); /* "PE\0\0" */
	return 0;
}
