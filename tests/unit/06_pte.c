/*
 * 06_pte.c — PTE formats (core/hw/pte.h) in the exact bit layouts of
 * docs/reference.md (R-PTE, R-PTE-INVALID): the hardware PTE with the MP-kernel Write/Dirty
 * convention and NX, and the software formats Windows keeps in invalid
 * PTEs — demand zero, page file, transition, prototype — for x86, PAE and
 * x64. Known values are spelled out in hex (WinDbg shows them so), and
 * every format round-trips through pte_decode over its whole field ranges.
 */
#include "testlib.h"

#include "base/consts.h"
#include "hw/arch.h"
#include "hw/pte.h"

static const struct arch *X86, *PAE, *X64;

static int setup(void **state)
{
	X86 = arch_get(MM_ARCH_X86);
	PAE = arch_get(MM_ARCH_PAE);
	X64 = arch_get(MM_ARCH_X64);
	return 0;
}

static struct pte_info dec(const struct arch *a, pte_t v)
{
	struct pte_info pi;
	pte_decode(a, v, &pi);
	return pi;
}

/* R-PTE-DECODE: the special x86 constants, and the same values on PAE/x64 (the low
 * 12 bits are the same in every mode). */
static void test_software_constants(void **state)
{
	const struct arch *all[] = {X86, PAE, X64};
	for (int i = 0; i < 3; i++) {
		const struct arch *a = all[i];
		assert_int_equal(pte_make_demand_zero(a, MM_READWRITE), 0x80);   /* MM_DEMAND_ZERO_WRITE_PTE */
		assert_int_equal(pte_make_demand_zero(a, MM_DECOMMIT), 0x200);   /* MmDecommittedPte */
		assert_int_equal(pte_make_demand_zero(a, MM_NOACCESS), 0x300);   /* kernel no-access PTE */
		assert_int_equal(pte_make_demand_zero(a, MM_READONLY), 0x20);
		assert_int_equal(pte_make_demand_zero(a, MM_EXECUTE_READWRITE | MM_GUARD_PAGE), 0x2c0);
		struct pte_info pi = dec(a, 0x80);
		assert_int_equal(pi.format, PTE_FMT_DEMAND_ZERO);
		assert_false(pi.valid);
		assert_int_equal(pi.protection, MM_READWRITE);
		pi = dec(a, 0x200);
		assert_int_equal(pi.format, PTE_FMT_DEMAND_ZERO);
		assert_int_equal(pi.protection, MM_DECOMMIT);
		pi = dec(a, 0);
		assert_int_equal(pi.format, PTE_FMT_ZERO);
		assert_string_equal(pte_format_name(pi.format), "zero");
	}
	assert_string_equal(pte_format_name(PTE_FMT_DEMAND_ZERO), "demand_zero");
	assert_string_equal(pte_format_name(PTE_FMT_PAGEFILE), "pagefile");
	assert_string_equal(pte_format_name(PTE_FMT_TRANSITION), "transition");
	assert_string_equal(pte_format_name(PTE_FMT_PROTOTYPE), "prototype");
	assert_string_equal(pte_format_name(PTE_FMT_HARDWARE), "hardware");
}

/* R-PTE-VALID to R-PTE-PROTMASK: a new valid user PTE is Valid|Accessed|Owner + PFN + the
 * protection's bits; a writable page gets the software Write bit (0x800)
 * and only a dirty one the hardware R/W and Dirty (0x42). */
static void test_hardware_bits(void **state)
{
	/* x86: 20-bit PFN in 12-31, no NX */
	assert_int_equal(pte_make_valid(X86, 0x12345, MM_READWRITE, true, false, false), 0x12345825);
	assert_int_equal(pte_make_valid(X86, 0x12345, MM_READWRITE, true, true, false), 0x12345867);
	assert_int_equal(pte_make_valid(X86, 0x12345, MM_READONLY, true, true, false), 0x12345025); /* no D without W */
	assert_int_equal(pte_make_valid(X86, 0x12345, MM_EXECUTE_READ, false, false, true), 0x12345121);
	assert_int_equal(pte_make_valid(X86, 0xFFFFF, MM_READONLY | MM_NOCACHE, true, false, false), 0xFFFFF035);
	/* PAE and x64: NX (bit 63) on READONLY, READWRITE, WRITECOPY only */
	assert_int_equal(pte_make_valid(PAE, 0x3FFFFFF, MM_READWRITE, true, true, false), 0x8000003FFFFFF867ull);
	assert_int_equal(pte_make_valid(X64, 0x12345, MM_READONLY, true, false, false), 0x8000000012345025ull);
	assert_int_equal(pte_make_valid(X64, 0x12345, MM_EXECUTE_READ, true, false, false), 0x12345025ull);
	assert_int_equal(pte_make_valid(X64, 0x12345, MM_EXECUTE_READWRITE, true, true, false), 0x12345867ull);
	assert_int_equal(pte_make_valid(X64, 0x12345, MM_EXECUTE, true, false, false), 0x12345025ull);
	assert_int_equal(pte_make_valid(PAE, 0x12345, MM_EXECUTE, true, false, false), 0x12345025ull);
	/* copy-on-write: bit 9, not writable */
	pte_t cow = pte_make_valid(X64, 0x10, MM_WRITECOPY, true, true, false);
	assert_int_equal(cow, 0x8000000000010225ull);
	struct pte_info pi = dec(X64, cow);
	assert_true(pi.copy_on_write);
	assert_false(pi.sw_write);
	assert_false(pi.hw_write);
	/* a directory entry */
	assert_int_equal(pte_make_table(X64, 0x55, true), 0x55867ull);
	assert_int_equal(pte_make_table(X86, 0x55, false), 0x55863ull);
	assert_int_equal(pte_pfn(X86, 0xFFFFFFFFull), 0xFFFFF);
	assert_int_equal(pte_pfn(PAE, 0xFFFFFFFFFFFFFFFFull), 0x3FFFFFF);
	assert_true(pte_hw_writable(0x867));
	assert_false(pte_hw_writable(0x825));
}

/* NX exists only on PAE and x64: on x86 a PTE has 32 bits, and bit 63
 * does not decode. */
static void test_nx_only_pae_x64(void **state)
{
	pte_t v = 0x8000000012345025ull;
	assert_true(dec(X64, v).nx);
	assert_true(dec(PAE, v).nx);
	assert_false(dec(X86, v).nx);
	assert_false(X86->nx);
	assert_true(PAE->nx);
	assert_true(X64->nx);
	for (int prot = 1; prot < 8; prot++)
		assert_false(pte_make_valid(X86, 1, prot, true, true, false) >> 32);
}

static void check_hw(const struct arch *a, uint32_t pfn, int prot, bool user, bool dirty, bool global)
{
	pte_t v = pte_make_valid(a, pfn, prot, user, dirty, global);
	struct pte_info pi = dec(a, v);
	assert_int_equal(pi.format, PTE_FMT_HARDWARE);
	assert_true(pi.valid);
	assert_int_equal(pi.pfn, pfn);
	assert_true(pi.accessed);
	assert_int_equal(pi.owner, user);
	assert_int_equal(pi.global, global);
	bool writable = (prot & 7) == MM_READWRITE || (prot & 7) == MM_EXECUTE_READWRITE;
	assert_int_equal(pi.sw_write, writable);
	assert_int_equal(pi.dirty, writable && dirty);
	assert_int_equal(pi.hw_write, writable && dirty);
	assert_int_equal(pi.copy_on_write, (prot & 5) == 5);
	assert_int_equal(pi.nx, a->nx && ((prot & 7) == 1 || (prot & 7) == 4 || (prot & 7) == 5));
	assert_int_equal(pi.cache_disable, (prot >> 3) == 1 || (prot >> 3) == 3);
	assert_false(pi.large_page);
	assert_int_equal(pte_pfn(a, v), pfn);
}

static void test_hardware_round_trip(void **state)
{
	const struct { const struct arch *a; uint32_t max_pfn; } arches[] = {
		{X86, 0xFFFFF}, {PAE, 0x3FFFFFF}, {X64, 0xFFFFFFFF},
	};
	uint32_t pfns[] = {0, 1, 0x123, 0x7FFFF, 0};
	for (int i = 0; i < 3; i++) {
		pfns[4] = arches[i].max_pfn;
		for (int p = 0; p < 5; p++)
			for (int prot = 1; prot < 32; prot++) {
				if ((prot & 7) == 0 || (prot >> 3) == 2) /* no access / guard: never valid */
					continue;
				for (int bits = 0; bits < 8; bits++)
					check_hw(arches[i].a, pfns[p], prot, bits & 1, bits & 2, bits & 4);
			}
	}
}

/* Page-file PTE: PageFileLow 1-4, Protection 5-9, PageFileHigh 12-31
 * (x86) or 32-63 (PAE, x64). */
static void test_pagefile_bits(void **state)
{
	assert_int_equal(pte_make_pagefile(X86, 3, 0x12345, MM_READWRITE), 0x12345086);
	assert_int_equal(pte_make_pagefile(X86, 15, 0xFFFFF, MM_EXECUTE_WRITECOPY), 0xFFFFF0FE);
	assert_int_equal(pte_make_pagefile(PAE, 3, 0x12345, MM_READWRITE), 0x0001234500000086ull);
	assert_int_equal(pte_make_pagefile(X64, 1, 0xFFFFFFFF, MM_READONLY), 0xFFFFFFFF00000022ull);
	const struct { const struct arch *a; uint64_t max; } arches[] = {{X86, 0xFFFFF}, {PAE, 0xFFFFFFFF}, {X64, 0xFFFFFFFF}};
	uint64_t offs[] = {1, 2, 0x1000, 0xFFFFE, 0};
	for (int i = 0; i < 3; i++) {
		offs[4] = arches[i].max;
		for (int f = 0; f < 16; f++)
			for (int o = 0; o < 5; o++)
				for (int prot = 1; prot < 32; prot++) {
					struct pte_info pi = dec(arches[i].a, pte_make_pagefile(arches[i].a, f, offs[o], prot));
					assert_int_equal(pi.format, PTE_FMT_PAGEFILE);
					assert_false(pi.valid);
					assert_int_equal(pi.pagefile, f);
					assert_int_equal(pi.offset, offs[o]);
					assert_int_equal(pi.protection, prot);
				}
	}
	/* offset 0 is never used: PageFileHigh 0 means demand zero */
	assert_int_equal(dec(X64, pte_make_pagefile(X64, 2, 0, MM_READWRITE)).format, PTE_FMT_DEMAND_ZERO);
}

/* Transition PTE: Transition bit 11, Protection 5-9, PFN 12.. */
static void test_transition_bits(void **state)
{
	assert_int_equal(pte_make_transition(X86, 0x1234, MM_READWRITE), 0x1234880);
	assert_int_equal(pte_make_transition(X64, 0x12345678, MM_READONLY), 0x12345678820ull);
	const struct { const struct arch *a; uint32_t max; } arches[] = {{X86, 0xFFFFF}, {PAE, 0x3FFFFFF}, {X64, 0xFFFFFFFF}};
	for (int i = 0; i < 3; i++)
		for (int prot = 1; prot < 32; prot++) {
			uint32_t pfns[] = {0, 1, 0x4321, arches[i].max};
			for (int k = 0; k < 4; k++) {
				struct pte_info pi = dec(arches[i].a, pte_make_transition(arches[i].a, pfns[k], prot));
				assert_int_equal(pi.format, PTE_FMT_TRANSITION);
				assert_false(pi.valid);
				assert_int_equal(pi.pfn, pfns[k]);
				assert_int_equal(pi.protection, prot);
			}
		}
}

/* Prototype PTE (R-PTE-SW-X86, R-PTE-SW-PAE, R-PTE-SW-X64): x86 packs a 4-byte-aligned offset from
 * MmProtopte_Base (0xE1000000) into bits 1-7 and 11-31 and has no
 * protection; PAE keeps the full 32-bit address in 32-63 and the
 * protection in 11-15; x64 a signed 48-bit address in 16-63. */
static void test_prototype_bits(void **state)
{
	/* x86: offset 0x123454 -> low (0x123454 >> 2) & 0x7f = 0x15 at bit 1,
	 * high 0x123454 >> 9 = 0x91a at bit 11 */
	pte_t v = pte_make_prototype(X86, 0xE1123454ull, MM_READWRITE, false);
	assert_int_equal(v, 0x48D42Aull);
	struct pte_info pi = dec(X86, v);
	assert_int_equal(pi.format, PTE_FMT_PROTOTYPE);
	assert_int_equal(pi.proto_address, 0xE1123454ull);
	assert_false(pi.read_only);
	assert_int_equal(pte_make_prototype(X86, 0xE1000000ull, 0, true), 0x500);
	/* PAE */
	v = pte_make_prototype(PAE, 0xE1234568ull, MM_READWRITE, false);
	assert_int_equal(v, 0xE123456800002400ull);
	pi = dec(PAE, v);
	assert_int_equal(pi.proto_address, 0xE1234568ull);
	assert_int_equal(pi.protection, MM_READWRITE);
	/* x64: bits 16-63 hold the address; decode sign-extends from bit 47 */
	v = pte_make_prototype(X64, 0xFFFF8A0000001008ull, MM_READWRITE, true);
	assert_int_equal(v, 0x8A00000010082500ull);
	pi = dec(X64, v);
	assert_int_equal(pi.proto_address, 0xFFFF8A0000001008ull);
	assert_int_equal(pi.protection, MM_READWRITE);
	assert_true(pi.read_only);
	pi = dec(X64, pte_make_prototype(X64, 0x00007FF612340010ull, MM_EXECUTE_READ, false));
	assert_int_equal(pi.proto_address, 0x00007FF612340010ull);
	assert_int_equal(pi.protection, MM_EXECUTE_READ);
	/* round trips */
	for (uint64_t off = 0; off < (1u << 30); off += 0x3FFFF4)
		assert_int_equal(dec(X86, pte_make_prototype(X86, 0xE1000000ull + off, 0, off & 8)).proto_address,
				 0xE1000000ull + off);
	/* (an address whose PTE would hold PageFileHigh 0xFFFFFFFF, such as
	 * 0xFFFFFFFFFFFF0000 and above, is MI_PTE_LOOKUP_NEEDED instead: pool
	 * never lies there) */
	uint64_t x64s[] = {0xFFFF800000000000ull, 0xFFFFF8A000000FF8ull, 0x10ull, 0x00007FFFFFFFFFF8ull,
			   0xFFFFFA8000123450ull};
	for (int i = 0; i < 5; i++)
		for (int prot = 0; prot < 32; prot++) {
			pi = dec(X64, pte_make_prototype(X64, x64s[i], prot, prot & 1));
			assert_int_equal(pi.format, PTE_FMT_PROTOTYPE);
			assert_int_equal(pi.proto_address, x64s[i]);
			assert_int_equal(pi.protection, prot);
			assert_int_equal(pi.read_only, prot & 1);
		}
}

/* MI_MAKE_VALID_PTE_TRANSITION (mi386.h, mipae.h, miamd.h): a trimmed page's
 * transition PTE is its valid PTE with Valid cleared, Prototype cleared,
 * Transition set and Protection (5-9) written over Accessed, Dirty,
 * LargePage, Global and CopyOnWrite; Owner, the hardware Write bit, the
 * caching bits, the frame and NX stay. */
static void test_valid_to_transition(void **state)
{
	/* x86: dirty read-write user page 0x12345867 -> 0x12345886 (W, U kept; prot 4 at bit 5) */
	pte_t v = pte_make_valid(X86, 0x12345, MM_READWRITE, true, true, false);
	assert_int_equal(pte_make_valid_transition(v, MM_READWRITE), 0x12345886ull);
	/* a clean one: the hardware Write bit was never set */
	v = pte_make_valid(X86, 0x12345, MM_READWRITE, true, false, false);
	assert_int_equal(pte_make_valid_transition(v, MM_READWRITE), 0x12345884ull);
	/* a no-cache page keeps CacheDisable (bit 4) */
	v = pte_make_valid(X86, 0x12345, MM_READWRITE | MM_NOCACHE, true, true, false);
	assert_int_equal(pte_make_valid_transition(v, MM_READWRITE | MM_NOCACHE), 0x12345996ull);
	/* PAE and x64: NX (bit 63) stays */
	v = pte_make_valid(PAE, 0x3456789, MM_READWRITE, true, true, false);
	assert_int_equal(pte_make_valid_transition(v, MM_READWRITE), 0x8000003456789886ull);
	v = pte_make_valid(X64, 0x123456, MM_READONLY, true, false, false);
	assert_int_equal(pte_make_valid_transition(v, MM_READONLY), 0x8000000123456824ull);
	const struct arch *all[] = {X86, PAE, X64};
	for (int i = 0; i < 3; i++) {
		struct pte_info pi = dec(all[i], pte_make_valid_transition(pte_make_valid(all[i], 0x4321, MM_EXECUTE_READWRITE, true, true, false), MM_EXECUTE_READWRITE));
		assert_int_equal(pi.format, PTE_FMT_TRANSITION);
		assert_int_equal(pi.pfn, 0x4321);
		assert_int_equal(pi.protection, MM_EXECUTE_READWRITE);
		assert_true(pi.owner);
		assert_true(pi.hw_write);
	}
}

/* MMPTE_SUBSECTION with MiGetSubsectionAddressForPte / MiGetSubsectionAddress:
 * x86 packs an 8-byte-aligned offset into bits 1-4 and 11-30, from
 * MmSubsectionBase (WhichPool, bit 31, set) or back from MmNonPagedPoolEnd;
 * PAE keeps the address in 32-63 and x64 in 16-63 (signed); all keep the
 * protection in 5-9. A prototype PTE with the Prototype bit is read as one. */
static void test_subsection_bits(void **state)
{
	pte_t v = pte_make_subsection(X86, 0xF0000038ull, MM_READWRITE);
	assert_int_equal(v, 0x8000048Eull);
	struct pte_info pi;
	pte_decode_proto_pte(X86, v, &pi);
	assert_int_equal(pi.format, PTE_FMT_SUBSECTION);
	assert_int_equal(pi.subsection, 0xF0000038ull);
	assert_int_equal(pi.protection, MM_READWRITE);
	assert_string_equal(pte_format_name(pi.format), "subsection");
	/* 0x123458 past the base: bits 3-6 (0xB) at bit 1, bits 7-26 (0x2468) at bit 11 */
	assert_int_equal(pte_make_subsection(X86, 0xF0123458ull, MM_EXECUTE_WRITECOPY), 0x812344F6ull);
	/* beyond 128 MB above the base: counted back from 0xFFBE0000 (WhichPool 0) */
	v = pte_make_subsection(X86, 0xFFBE0000ull - 0x1238, MM_READONLY);
	assert_int_equal(v, 0x0001242Eull);
	pte_decode_proto_pte(X86, v, &pi);
	assert_int_equal(pi.subsection, 0xFFBE0000ull - 0x1238);
	for (uint64_t off = 0; off < (240ull << 20); off += 0x12348)
		for (int prot = 1; prot < 32; prot += 7) {
			pte_decode_proto_pte(X86, pte_make_subsection(X86, 0xF0000000ull + off, prot), &pi);
			assert_int_equal(pi.subsection, 0xF0000000ull + off);
			assert_int_equal(pi.protection, prot);
		}
	v = pte_make_subsection(PAE, 0xF0000038ull, MM_READWRITE);
	assert_int_equal(v, 0xF000003800000480ull);
	pte_decode_proto_pte(PAE, v, &pi);
	assert_int_equal(pi.subsection, 0xF0000038ull);
	v = pte_make_subsection(X64, 0xFFFFFAC000000060ull, MM_READWRITE);
	assert_int_equal(v, 0xFAC0000000600480ull);
	pte_decode_proto_pte(X64, v, &pi);
	assert_int_equal(pi.format, PTE_FMT_SUBSECTION);
	assert_int_equal(pi.subsection, 0xFFFFFAC000000060ull);
	assert_int_equal(pi.protection, MM_READWRITE);
	/* other formats decode as in a process PTE */
	pte_decode_proto_pte(X64, pte_make_transition(X64, 0x42, MM_READONLY), &pi);
	assert_int_equal(pi.format, PTE_FMT_TRANSITION);
	/* the same bits in a process PTE are a prototype pointer */
	assert_int_equal(dec(X64, v).format, PTE_FMT_PROTOTYPE);
}

/* The prototype-pointer forms a trim writes (MiEliminateWorkingSetEntry):
 * MiProtoAddressForPte with Protection 0 when SameProtectAsProto, else
 * Protection in 5-9 with PageFileHigh = MI_PTE_LOOKUP_NEEDED. */
static void test_proto_lookup_bits(void **state)
{
	assert_int_equal(pte_make_proto_lookup(X86, MM_READONLY), 0xFFFFF420ull);
	assert_int_equal(pte_make_proto_lookup(PAE, MM_READONLY), 0xFFFFFFFF00000420ull);
	assert_int_equal(pte_make_proto_lookup(X64, MM_WRITECOPY), 0xFFFFFFFF000004A0ull);
	const struct arch *all[] = {X86, PAE, X64};
	for (int i = 0; i < 3; i++) {
		struct pte_info pi = dec(all[i], pte_make_proto_lookup(all[i], MM_EXECUTE_READ));
		assert_int_equal(pi.format, PTE_FMT_PROTOTYPE);
		assert_true(pi.lookup_needed);
		assert_int_equal(pi.protection, MM_EXECUTE_READ);
		pi = dec(all[i], pte_make_prototype(all[i], 0xE1000010ull, 0, false));
		assert_false(pi.lookup_needed);
		assert_int_equal(pi.protection, 0);
		assert_int_equal(pi.proto_address, 0xE1000010ull);
	}
}

/* R-PTE-DECODE: the decode order. Valid first; then zero; prototype before
 * transition; transition before page file; page file before demand zero. */
static void test_decode_order(void **state)
{
	assert_int_equal(dec(X64, 0x401).format, PTE_FMT_HARDWARE);              /* valid with the P bit */
	assert_int_equal(dec(X64, 0xC80).format, PTE_FMT_PROTOTYPE);             /* P and T */
	assert_int_equal(dec(X64, 0x0000123400000880ull).format, PTE_FMT_TRANSITION); /* T and PageFileHigh */
	assert_int_equal(dec(X64, 0x0000000100000080ull).format, PTE_FMT_PAGEFILE);
	assert_int_equal(dec(X86, 0x00001080).format, PTE_FMT_PAGEFILE);
	/* x86 PTEs have 32 bits: the upper half is ignored */
	assert_int_equal(dec(X86, 0xFFFFFFFF00000000ull).format, PTE_FMT_ZERO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_software_constants),
		cmocka_unit_test(test_hardware_bits),
		cmocka_unit_test(test_nx_only_pae_x64),
		cmocka_unit_test(test_hardware_round_trip),
		cmocka_unit_test(test_pagefile_bits),
		cmocka_unit_test(test_transition_bits),
		cmocka_unit_test(test_prototype_bits),
		cmocka_unit_test(test_decode_order),
		cmocka_unit_test(test_valid_to_transition),
		cmocka_unit_test(test_subsection_bits),
		cmocka_unit_test(test_proto_lookup_bits),
	};
	return cmocka_run_group_tests_name("06_pte", tests, setup, NULL);
}
