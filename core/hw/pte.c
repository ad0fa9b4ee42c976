/*
 * pte.c — encoding and decoding of PTEs, as the Windows Research Kernel lays
 * them out (docs/reference.md R-PTE, R-PTE-INVALID). The low 12 bits are the same in every mode:
 *
 *   bit  0 Valid      5 Accessed    9 CopyOnWrite (sw)
 *        1 R/W        6 Dirty      10 Prototype   (sw)
 *        2 Owner(U/S) 7 LargePage  11 Write (sw, valid) | Transition (invalid)
 *        3 WriteThru  8 Global
 *        4 CacheDis
 *
 * Valid (hardware) PTE:
 *   x86   |31 PageFrameNumber (20) 12|11 ... 0|
 *   PAE   |63 NX|62 .. 38 sw|37 PageFrameNumber (26) 12|11 ... 0|
 *   x64   |63 NX|62 .. 48|47 PageFrameNumber (36, Win10) 12|11 ... 0|
 *
 * Invalid, software (demand zero / page file), Prototype = 0, Transition = 0:
 *   x86   |31 PageFileHigh (20) 12|11 T|10 P|9 Protection 5|4 PageFileLow 1|0 V|
 *   PAE/x64 |63 PageFileHigh (32) 32|31 ... 12|11 T|10 P|9 Prot 5|4 PFLow 1|0 V|
 *   PageFileHigh == 0 means demand zero (offset 0 of a page file is never
 *   used); a whole PTE of 0 means "no information: ask the VAD".
 *
 * Invalid, transition (page still in RAM on the standby/modified list):
 *   |PageFrameNumber 12|11 T=1|10 P=0|9 Protection 5|4 CD 3 WT 2 Owner 1 Write|0 V=0|
 *
 * Invalid, prototype (points at a section's prototype PTE):
 *   x86   |31 ProtoAddressHigh (21) 11|10 P=1|9 WhichPool|8 ReadOnly|7 ProtoAddressLow 1|0 V|
 *         address = MmProtopte_Base + (high << 9) + (low << 2)
 *   PAE   |63 ProtoAddress (32) 32|15 Protection 11|10 P=1|8 ReadOnly|0 V|
 *   x64   |63 ProtoAddress (48, signed) 16|15 Protection 11|10 P=1|8 ReadOnly|0 V|
 *
 * Protection (5 bits, R-PROT-CODE) is the MM code, not the Win32 PAGE_*
 * value. x86 prototype PTEs carry no protection field: the prototype PTE's
 * own protection applies.
 */
#include "pte.h"

#include "base/consts.h"
#include "physmem.h"
#include "psc.h"

/* Paged pool start that x86 prototype pointers are relative to (docs/reference.md
 * R-PTE-SW-X86: MmProtopte_Base). */
#define X86_PROTOPTE_BASE 0xE1000000ull

const char *pte_format_name(enum pte_format f)
{
	static const char *const names[] = {"zero", "hardware", "demand_zero",
					    "pagefile", "transition", "prototype"};
	return names[f];
}

/* MmProtectToPteMask: what a protection contributes to a valid PTE. */
static pte_t prot_bits(const struct arch *a, int prot)
{
	pte_t v = 0;
	int kind = prot & 7;
	if (kind == MM_READWRITE || kind == MM_EXECUTE_READWRITE)
		v |= PTE_SW_WRITE;
	if (kind == MM_WRITECOPY || kind == MM_EXECUTE_WRITECOPY)
		v |= PTE_COPY_ON_WRITE;
	if ((prot >> 3) == 1) /* NOCACHE */
		v |= PTE_CACHE_DISABLE;
	if ((prot >> 3) == 3) /* WRITECOMBINE without PAT: PCD */
		v |= PTE_CACHE_DISABLE;
	if (a->nx && (kind == MM_READONLY || kind == MM_READWRITE || kind == MM_WRITECOPY))
		v |= PTE_NX;
	return v;
}

pte_t pte_make_valid(const struct arch *a, uint32_t pfn, int prot, bool user, bool dirty, bool global)
{
	pte_t v = PTE_VALID | PTE_ACCESSED | ((pte_t)pfn << 12) | prot_bits(a, prot);
	if (user)
		v |= PTE_OWNER;
	if (global)
		v |= PTE_GLOBAL;
	if (dirty && (v & PTE_SW_WRITE))
		v |= PTE_HW_WRITE | PTE_DIRTY; /* MI_SET_PTE_DIRTY: 0x42 */
	return v;
}

pte_t pte_make_table(const struct arch *a, uint32_t pfn, bool user)
{
	pte_t v = PTE_VALID | PTE_HW_WRITE | PTE_ACCESSED | PTE_DIRTY | PTE_SW_WRITE | ((pte_t)pfn << 12);
	if (user)
		v |= PTE_OWNER;
	return v;
}

pte_t pte_make_pdpte(uint32_t pfn)
{
	return PTE_VALID | ((pte_t)pfn << 12);
}

pte_t pte_make_demand_zero(const struct arch *a, int prot)
{
	return (pte_t)(prot & 0x1f) << 5;
}

pte_t pte_make_pagefile(const struct arch *a, int file, uint64_t offset, int prot)
{
	pte_t v = ((pte_t)(file & 0xf) << 1) | ((pte_t)(prot & 0x1f) << 5);
	if (a->pte_size == 4)
		return v | ((offset & 0xfffff) << 12);
	return v | (offset << 32);
}

pte_t pte_make_transition(const struct arch *a, uint32_t pfn, int prot)
{
	return PTE_TRANSITION | ((pte_t)(prot & 0x1f) << 5) | ((pte_t)pfn << 12);
}

pte_t pte_make_prototype(const struct arch *a, uint64_t proto_va, int prot, bool read_only)
{
	pte_t v = PTE_PROTOTYPE | (read_only ? 0x100u : 0);
	if (a->id == MM_ARCH_X86) {
		uint64_t off = proto_va - X86_PROTOPTE_BASE;
		return v | (((off >> 2) & 0x7f) << 1) | ((off >> 9) << 11);
	}
	v |= (pte_t)(prot & 0x1f) << 11;
	if (a->id == MM_ARCH_PAE)
		return v | ((proto_va & 0xffffffffull) << 32);
	return v | (proto_va << 16);
}

/* x86 keeps no protection in a prototype pointer: a page whose protection
 * is its own (VirtualProtect on a view) gets the WRK's "protection in the
 * PTE" form instead, Prototype set, PageFileHigh MI_PTE_LOOKUP_NEEDED
 * (0xFFFFF) and the protection in bits 5-9; the prototype PTE is found
 * through the VAD. PAE and x64 pointers carry the protection already. */
#define X86_PTE_LOOKUP_NEEDED 0xFFFFFu

pte_t pte_make_prototype_protected(const struct arch *a, uint64_t proto_va, int prot)
{
	if (a->id != MM_ARCH_X86)
		return pte_make_prototype(a, proto_va, prot, false);
	return (pte_t)X86_PTE_LOOKUP_NEEDED << 12 | PTE_PROTOTYPE | (pte_t)(prot & 0x1f) << 5;
}

static void decode_hw(const struct arch *a, pte_t v, struct pte_info *o)
{
	o->format = PTE_FMT_HARDWARE;
	o->valid = true;
	o->pfn = pte_pfn(a, v);
	o->hw_write = v & PTE_HW_WRITE;
	o->owner = v & PTE_OWNER;
	o->write_through = v & PTE_WRITE_THROUGH;
	o->cache_disable = v & PTE_CACHE_DISABLE;
	o->accessed = v & PTE_ACCESSED;
	o->dirty = v & PTE_DIRTY;
	o->large_page = v & PTE_LARGE;
	o->global = v & PTE_GLOBAL;
	o->copy_on_write = v & PTE_COPY_ON_WRITE;
	o->sw_write = v & PTE_SW_WRITE;
	o->nx = a->nx && (v & PTE_NX);
}

static void decode_proto(const struct arch *a, pte_t v, struct pte_info *o)
{
	o->format = PTE_FMT_PROTOTYPE;
	o->read_only = v & 0x100;
	if (a->id == MM_ARCH_X86 && (v >> 12) == X86_PTE_LOOKUP_NEEDED) {
		o->proto_address = 0; /* found through the VAD */
		o->protection = (int)((v >> 5) & 0x1f);
		return;
	}
	if (a->id == MM_ARCH_X86) {
		uint64_t low = (v >> 1) & 0x7f, high = (v >> 11) & 0x1fffff;
		o->proto_address = X86_PROTOPTE_BASE + (high << 9) + (low << 2);
		o->protection = 0;
		return;
	}
	o->protection = (int)((v >> 11) & 0x1f);
	if (a->id == MM_ARCH_PAE)
		o->proto_address = v >> 32;
	else
		o->proto_address = (uint64_t)((int64_t)v >> 16);
}

void pte_decode(const struct arch *a, pte_t v, struct pte_info *o)
{
	memset(o, 0, sizeof *o);
	if (a->pte_size == 4)
		v &= 0xffffffffull;
	if (v & PTE_VALID)
		return decode_hw(a, v, o);
	/* The classification order of docs/reference.md R-PTE-DECODE. */
	if (v == 0) {
		o->format = PTE_FMT_ZERO;
		return;
	}
	if (v & PTE_PROTOTYPE)
		return decode_proto(a, v, o);
	o->protection = (int)((v >> 5) & 0x1f);
	if (v & PTE_TRANSITION) {
		o->format = PTE_FMT_TRANSITION;
		o->pfn = pte_pfn(a, v);
		o->hw_write = v & PTE_HW_WRITE;
		o->owner = v & PTE_OWNER;
		return;
	}
	o->pagefile = (int)((v >> 1) & 0xf);
	o->offset = a->pte_size == 4 ? (v >> 12) & 0xfffff : v >> 32;
	o->format = o->offset ? PTE_FMT_PAGEFILE : PTE_FMT_DEMAND_ZERO;
}

/* The one way a PTE changes: journaled bytes plus the pte_write event. */
void pte_store(struct mm *m, uint32_t table, uint32_t index, uint64_t entry_va, pte_t v)
{
	pte_t old = pte_load(m, table, index);
	if (old == v)
		return;
	physmem_write(m, table, index * (uint32_t)m->arch->pte_size, v, m->arch->pte_size);
	MM_EMIT(m, EV_PTE_WRITE, entry_va, old, v, table);
	psc_note_write(m, table, old); /* a cached upper-level entry must never outlive its change (psc.c) */
}
