/*
 * pte.h — PTE values in the real bit layouts of x86, PAE and x64: the
 * hardware (valid) format and the software formats Windows keeps in invalid
 * PTEs (demand zero, page file, transition, prototype). See pte.c for the
 * drawings.
 */
#ifndef MM_PTE_H
#define MM_PTE_H

#include "base/machine.h"
#include "physmem.h"

/* Hardware bits, identical in the low 12 bits of all three modes. */
#define PTE_VALID 0x001ull
#define PTE_HW_WRITE 0x002ull      /* R/W: set only when dirty on MP kernels (docs/reference.md R-PTE-DIRTY) */
#define PTE_OWNER 0x004ull         /* U/S: 1 = user */
#define PTE_WRITE_THROUGH 0x008ull
#define PTE_CACHE_DISABLE 0x010ull
#define PTE_ACCESSED 0x020ull
#define PTE_DIRTY 0x040ull
#define PTE_LARGE 0x080ull         /* PS in a PDE/PDPTE */
#define PTE_GLOBAL 0x100ull
#define PTE_COPY_ON_WRITE 0x200ull /* software */
#define PTE_PROTOTYPE 0x400ull     /* software */
#define PTE_SW_WRITE 0x800ull      /* software "may be written" (valid); Transition (invalid) */
#define PTE_TRANSITION 0x800ull
#define PTE_NX (1ull << 63)

enum pte_format {
	PTE_FMT_ZERO, PTE_FMT_HARDWARE, PTE_FMT_DEMAND_ZERO, PTE_FMT_PAGEFILE,
	PTE_FMT_TRANSITION, PTE_FMT_PROTOTYPE
};

struct pte_info {
	enum pte_format format;
	bool valid;
	uint32_t pfn;               /* hardware and transition */
	bool hw_write, owner, write_through, cache_disable, accessed, dirty;
	bool large_page, global, copy_on_write, sw_write, nx;
	int protection;             /* 5-bit MM code: software, transition, prototype formats */
	int pagefile;               /* page-file format: PageFileLow */
	uint64_t offset;            /* page-file format: PageFileHigh (page offset in the file) */
	uint64_t proto_address;     /* prototype format: VA of the prototype PTE */
	bool read_only;             /* prototype format */
};

void pte_decode(const struct arch *a, pte_t v, struct pte_info *out);
const char *pte_format_name(enum pte_format f);

/* Builders. prot is a 5-bit MM protection code (consts.h). */
pte_t pte_make_valid(const struct arch *a, uint32_t pfn, int prot, bool user, bool dirty, bool global);
pte_t pte_make_table(const struct arch *a, uint32_t pfn, bool user);      /* a PDE/PPE/PXE pointing at a table */
pte_t pte_make_pdpte(uint32_t pfn);                                       /* a PAE PDPTE: Present and the frame only */
pte_t pte_make_demand_zero(const struct arch *a, int prot);
pte_t pte_make_pagefile(const struct arch *a, int file, uint64_t offset, int prot);
pte_t pte_make_transition(const struct arch *a, uint32_t pfn, int prot);
pte_t pte_make_prototype(const struct arch *a, uint64_t proto_va, int prot, bool read_only);
/* A process PTE of a view page whose protection is its own: the pointer
 * with the protection on PAE and x64, the "protection in the PTE" form on
 * x86 (pte.c). */
pte_t pte_make_prototype_protected(const struct arch *a, uint64_t proto_va, int prot);

/* The PFN field of a valid or transition PTE (inline: every level of
 * every walk reads it). */
static inline uint32_t pte_pfn(const struct arch *a, pte_t v)
{
	return (uint32_t)mm_page_number(v & mm_page_address((1ull << a->pfn_bits) - 1));
}
/* The 5-bit MM protection code (bits 5..9) of the demand-zero, page-file and
 * transition formats, and of a PFN's original_pte (not the prototype format,
 * which keeps it at bit 11: use pte_decode). */
#define PTE_PROTECTION_SHIFT 5
#define PTE_PROTECTION_MASK (0x1full << PTE_PROTECTION_SHIFT)
static inline int pte_protection(pte_t v) { return (int)((v & PTE_PROTECTION_MASK) >> PTE_PROTECTION_SHIFT); }
static inline pte_t pte_with_protection(pte_t v, int prot)
{
	return (v & ~PTE_PROTECTION_MASK) | ((pte_t)(prot & 0x1f) << PTE_PROTECTION_SHIFT);
}
/* Hardware writability as the CPU sees it (R/W bit). */
static inline bool pte_hw_writable(pte_t v) { return (v & PTE_HW_WRITE) != 0; }

/* PTEs as they sit in page-table frames. index is the entry number in the
 * table; entry_va is the entry's own address (self-map VA) for the event.
 * pte_load is inline: it is the walk's one memory read per level. */
static inline pte_t pte_load(const struct mm *m, uint32_t table, uint32_t index)
{
	if (m->arch->pte_size == 4)
		return physmem_read32(m, table, index * 4);
	return physmem_read64(m, table, index * 8);
}
void pte_store(struct mm *m, uint32_t table, uint32_t index, uint64_t entry_va, pte_t v);

#endif
