/*
 * arch.c — the three paging modes as data (x86, PAE, x64: levels, index
 * fields, PTE size, large-page levels, self-map bases) and the address-space
 * layout constants of each mode, Windows version and /3GB (docs/reference.md
 * R-LAYOUT), and which levels the CPU's paging-structure caches hold
 * (R-PSC: the PDE cache in every mode, the PML4E and PDPTE caches with
 * 4-level paging only). Pure tables: nothing here changes the machine.
 * The modes' table itself is in arch.h, where the page walk sees it
 * (hw/paging.h, paging_walk_as).
 */
#include "arch.h"

const struct arch *arch_get(enum mm_arch a)
{
	return &arch_modes[a];
}

/* MmInitSystem / MiInitMachineDependent: a 32-bit system booted /3GB
 * gives user mode 3 GB less the 64 KB no-access gap
 * (MmHighestUserAddress 0xBFFEFFFF, MmSystemRangeStart 0xC0000000) and
 * maps no large pages; x64 before Windows 8.1 (Windows 7, XP x64) has an
 * 8 TB user space; only Windows 10 maps 1 GB pages. */
void arch_layout(const struct arch *a, enum mm_os os, bool three_gb, struct layout *l)
{
	l->lowest_user = 0x10000;
	l->shared_user_data = 0x7FFE0000;
	l->large_levels = a->large_levels;
	if (a->id != MM_ARCH_X64) {
		l->highest_user = three_gb ? 0xBFFEFFFF : 0x7FFEFFFF;
		l->system_range_start = three_gb ? 0xC0000000 : 0x80000000;
		l->kernel_shared_data = 0xFFDF0000;
		if (three_gb)
			l->large_levels = 0;
	} else {
		bool old = os != MM_OS_WIN10;
		l->highest_user = old ? 0x7FFFFFEFFFFull : 0x7FFFFFFEFFFFull;
		l->system_range_start = old ? 0xFFFF080000000000ull : 0xFFFF800000000000ull;
		l->kernel_shared_data = 0xFFFFF78000000000ull;
		if (old)
			l->large_levels &= ~(1u << 1); /* the PDPTE's 1 GB page */
	}
	l->user_probe = l->highest_user + 1;
	l->highest_vad = l->highest_user - 0x10000; /* docs/reference.md R-USER-RANGE */
}
