/*
 * arch.c — the three paging modes as data (x86, PAE, x64: levels, index
 * fields, PTE size, large-page levels, self-map bases) and the address-space
 * layout constants of each mode, Windows version and /3GB (docs/reference.md
 * R-LAYOUT), and which levels the CPU's paging-structure caches hold
 * (R-PSC: the PDE cache in every mode, the PML4E and PDPTE caches with
 * 4-level paging only). Pure tables: nothing here changes the machine.
 */
#include "arch.h"

static const struct arch arches[] = {
	[MM_ARCH_X86] = {
		.id = MM_ARCH_X86, .name = "x86", .levels = 2, .pte_size = 4,
		.shift = {22, 12}, .bits = {10, 10}, .level_name = {"pde", "pte"},
		.large_levels = 1u << 0, .va_bits = 32, .pfn_bits = 20, .nx = false,
		.self_base = {0xC0300000ull, 0xC0000000ull}, .self_index = 0x300,
		.psc_levels = 1u << 0,
	},
	[MM_ARCH_PAE] = {
		.id = MM_ARCH_PAE, .name = "pae", .levels = 3, .pte_size = 8,
		.shift = {30, 21, 12}, .bits = {2, 9, 9}, .level_name = {"pdpte", "pde", "pte"},
		.large_levels = 1u << 1, .va_bits = 32, .pfn_bits = 26, .nx = true,
		.self_base = {0, 0xC0600000ull, 0xC0000000ull}, .self_index = 0,
		.psc_levels = 1u << 1, /* the PDPTEs live in four registers, loaded with CR3 */
	},
	[MM_ARCH_X64] = {
		.id = MM_ARCH_X64, .name = "x64", .levels = 4, .pte_size = 8,
		.shift = {39, 30, 21, 12}, .bits = {9, 9, 9, 9}, .level_name = {"pxe", "ppe", "pde", "pte"},
		.large_levels = (1u << 1) | (1u << 2), .va_bits = 48, .pfn_bits = 36, .nx = true,
		.self_base = {0xFFFFF6FB7DBED000ull, 0xFFFFF6FB7DA00000ull, 0xFFFFF6FB40000000ull,
			      0xFFFFF68000000000ull},
		.self_index = 0x1ED,
		.psc_levels = (1u << 0) | (1u << 1) | (1u << 2),
	},
};

const struct arch *arch_get(enum mm_arch a)
{
	return &arches[a];
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
