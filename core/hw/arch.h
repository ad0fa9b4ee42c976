/*
 * arch.h — the paging-mode tables and layout constants (arch.c). The
 * structs themselves are part of the machine object (base/machine.h).
 */
#ifndef MM_ARCH_H
#define MM_ARCH_H

#include "base/machine.h"

/* The three paging modes. In the header, not in arch.c, so that the TLB-miss
 * path can be compiled once per mode with the mode's levels, index fields
 * and entry size as constants (hw/paging.h, paging_walk_as; docs/quality.md
 * Q-PERF); a translation unit that does not name it gets no copy. Everything
 * else reaches a mode through arch_get (m->arch), which points into this
 * table, so there is one description of each mode. */
static const struct arch arch_modes[] = {
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

/* The description of paging mode a (a static table, never freed). */
const struct arch *arch_get(enum mm_arch a);

/* The user/system layout of a machine in paging mode a running Windows
 * version os (resolved: not MM_OS_AUTO), booted /3GB or not:
 * MmHighestUserAddress, MmSystemRangeStart and friends. */
void arch_layout(const struct arch *a, enum mm_os os, bool three_gb, struct layout *l);

#endif
