/*
 * consts.c — Win32/NT constants as data: flag names, the protection
 * conversions and the NTSTATUS table.
 *
 * Why tables
 * ----------
 * Windows itself keeps these mappings as arrays (MmUserProtectionToMask1/2,
 * MmProtectToValue, MmReadWrite, MmMakeProtectNotWriteCopy in WRK
 * mm/miglobal.c and mm/mmsup.c; RtlpStatusTable in rtl/error.h), and the
 * simulator is meant to be read next to those sources. A table also makes
 * the whole mapping visible on one screen, which a switch ladder does not,
 * and lets the unit tests walk every entry.
 *
 * The 5-bit protection code (docs/reference.md R-PROT-CODE)
 * -----------------------------------------------------------
 *     bit  4   3   2     1     0
 *        +---+---+-----+-----+-----+
 *        |modif. | W   | X   | C   |   low 3 bits: access kind 0..7
 *        +---+---+-----+-----+-----+   (READONLY 1 ... EXECUTE_WRITECOPY 7)
 *   modifier 00 none, 01 NOCACHE (+0x08), 10 GUARD (+0x10), 11 WRITECOMBINE
 *   (+0x18). Access kind 0 with a modifier is special: 0x10 MM_DECOMMIT,
 *   0x18 MM_NOACCESS.
 *
 * mm_prot_from_win32 follows MiMakeProtectionMask step by step (docs/reference.md
 * R-WIN32-CONSTS), in its order, and each failure says which of its rules fired:
 *   1. value >= 0x800 (2 x PAGE_WRITECOMBINE)
 *   2. the low nibble (NOACCESS/READONLY/READWRITE/WRITECOPY) and the high
 *      nibble (the EXECUTE variants) are both zero, or both nonzero
 *   3. the nonzero nibble has more than one bit
 *   4. PAGE_GUARD with NOACCESS, NOCACHE or WRITECOMBINE
 *   5. PAGE_NOCACHE with NOACCESS or WRITECOMBINE
 *   6. PAGE_WRITECOMBINE with NOACCESS
 *
 * NTSTATUS -> Win32 (RtlNtStatusToDosError)
 * -----------------------------------------
 * Every Win32 code below was checked against two sources: the run-length
 * table of the Windows Server 2003 kernel (base/ntos/rtl/error.h, decoded
 * entry by entry) and Wine's dlls/ntdll/error.c with its conformance test
 * dlls/ntdll/tests/error.c, which is run against real Windows. Notes:
 *   - STATUS_GUARD_PAGE_VIOLATION maps 1:1 (the Win32 "error" is the status
 *     itself, 0x80000001); both sources agree.
 *   - STATUS_IMAGE_NOT_AT_BASE, STATUS_WAS_LOCKED and the page-fault
 *     informational codes 0x110-0x114 have no entry in either table, so the
 *     function returns ERROR_MR_MID_NOT_FOUND (317). winerror.h has
 *     ERROR_IMAGE_NOT_AT_BASE (700) and ERROR_WAS_LOCKED (717) as message
 *     twins, but no source seen maps the statuses to them. NOT verified for
 *     Windows 10's table.
 *   - STATUS_INVALID_ADDRESS (0xC0000141) is a network status and becomes
 *     ERROR_UNEXP_NET_ERR (59), not ERROR_INVALID_ADDRESS; the memory
 *     manager's "invalid address" failures come from the other statuses
 *     mapped to 487.
 *   - STATUS_USER_MAPPED_FILE: the name is from Wine's Windows-run test;
 *     the value 1224 is winerror.h's, not decoded from the 2003 table.
 */
#include "consts.h"
#include "basemsg.h"

#include <stdio.h>
#include <string.h>

/* ---- flag tables ---- */

#define CONSTS_FLAG(name) {#name, name}

const struct consts_flag consts_page[] = {
	CONSTS_FLAG(PAGE_NOACCESS), CONSTS_FLAG(PAGE_READONLY), CONSTS_FLAG(PAGE_READWRITE),
	CONSTS_FLAG(PAGE_WRITECOPY), CONSTS_FLAG(PAGE_EXECUTE), CONSTS_FLAG(PAGE_EXECUTE_READ),
	CONSTS_FLAG(PAGE_EXECUTE_READWRITE), CONSTS_FLAG(PAGE_EXECUTE_WRITECOPY),
	CONSTS_FLAG(PAGE_GUARD), CONSTS_FLAG(PAGE_NOCACHE), CONSTS_FLAG(PAGE_WRITECOMBINE),
};
const size_t consts_page_n = MM_ARRAY_LEN(consts_page);

/* MEM_IMAGE before MEM_RESET_UNDO: VirtualQuery's Type prints as MEM_IMAGE. */
const struct consts_flag consts_mem[] = {
	CONSTS_FLAG(MEM_COMMIT), CONSTS_FLAG(MEM_RESERVE), CONSTS_FLAG(MEM_DECOMMIT),
	CONSTS_FLAG(MEM_RELEASE), CONSTS_FLAG(MEM_FREE), CONSTS_FLAG(MEM_PRIVATE),
	CONSTS_FLAG(MEM_MAPPED), CONSTS_FLAG(MEM_RESET), CONSTS_FLAG(MEM_TOP_DOWN),
	CONSTS_FLAG(MEM_WRITE_WATCH), CONSTS_FLAG(MEM_PHYSICAL), CONSTS_FLAG(MEM_LARGE_PAGES),
	CONSTS_FLAG(MEM_IMAGE), CONSTS_FLAG(MEM_RESET_UNDO),
};
const size_t consts_mem_n = MM_ARRAY_LEN(consts_mem);

const struct consts_flag consts_sec[] = {
	CONSTS_FLAG(SEC_BASED), CONSTS_FLAG(SEC_NO_CHANGE), CONSTS_FLAG(SEC_FILE),
	CONSTS_FLAG(SEC_IMAGE), CONSTS_FLAG(SEC_RESERVE), CONSTS_FLAG(SEC_COMMIT),
	CONSTS_FLAG(SEC_NOCACHE), CONSTS_FLAG(SEC_LARGE_PAGES),
};
const size_t consts_sec_n = MM_ARRAY_LEN(consts_sec);

/* ALL_ACCESS first so that 0xF001F prints as one name. */
const struct consts_flag consts_file_map[] = {
	CONSTS_FLAG(FILE_MAP_ALL_ACCESS), CONSTS_FLAG(FILE_MAP_COPY), CONSTS_FLAG(FILE_MAP_WRITE),
	CONSTS_FLAG(FILE_MAP_READ), CONSTS_FLAG(FILE_MAP_EXECUTE),
};
const size_t consts_file_map_n = MM_ARRAY_LEN(consts_file_map);

const struct consts_flag consts_heap[] = {
	CONSTS_FLAG(HEAP_NO_SERIALIZE), CONSTS_FLAG(HEAP_GENERATE_EXCEPTIONS),
	CONSTS_FLAG(HEAP_ZERO_MEMORY),
};
const size_t consts_heap_n = MM_ARRAY_LEN(consts_heap);

/* The combined names first, so that 0x42 prints as LHND. */
const struct consts_flag consts_lmem[] = {
	CONSTS_FLAG(LHND), CONSTS_FLAG(LPTR), CONSTS_FLAG(LMEM_FIXED), CONSTS_FLAG(LMEM_MOVEABLE),
	CONSTS_FLAG(LMEM_NOCOMPACT), CONSTS_FLAG(LMEM_NODISCARD), CONSTS_FLAG(LMEM_ZEROINIT),
	CONSTS_FLAG(LMEM_MODIFY), CONSTS_FLAG(LMEM_DISCARDABLE),
};
const size_t consts_lmem_n = MM_ARRAY_LEN(consts_lmem);

const struct consts_flag consts_gmem[] = {
	CONSTS_FLAG(GHND), CONSTS_FLAG(GPTR), CONSTS_FLAG(GMEM_FIXED), CONSTS_FLAG(GMEM_MOVEABLE),
	CONSTS_FLAG(GMEM_NOCOMPACT), CONSTS_FLAG(GMEM_NODISCARD), CONSTS_FLAG(GMEM_ZEROINIT),
	CONSTS_FLAG(GMEM_MODIFY), CONSTS_FLAG(GMEM_DISCARDABLE), CONSTS_FLAG(GMEM_NOT_BANKED),
	CONSTS_FLAG(GMEM_SHARE), CONSTS_FLAG(GMEM_DDESHARE), CONSTS_FLAG(GMEM_NOTIFY),
};
const size_t consts_gmem_n = MM_ARRAY_LEN(consts_gmem);

const struct consts_flag consts_pool[] = {
	{"NonPagedPool", MM_POOL_NONPAGED}, {"PagedPool", MM_POOL_PAGED},
};
const size_t consts_pool_n = MM_ARRAY_LEN(consts_pool);

/* Appends "|" (unless first) and text to buf[*len..n), truncating, as
 * snprintf would; copied, not formatted: VirtualQuery names two
 * protections a command (docs/quality.md Q-PERF). */
static void consts_append(char *buf, size_t n, size_t *len, const char *text)
{
	if (*len + 1 >= n)
		return;
	const char *piece[2] = {*len ? "|" : "", text};
	for (int i = 0; i < 2; i++) {
		size_t k = MM_MIN(strlen(piece[i]), n - 1 - *len);
		memcpy(buf + *len, piece[i], k);
		*len += k;
	}
	buf[*len] = '\0';
}

const char *consts_flags_str(const struct consts_flag *table, size_t count, uint32_t value,
	char *buf, size_t n)
{
	uint32_t left = value;
	size_t i, len = 0;
	char hex[16];

	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (value == 0) {
		snprintf(buf, n, "0");
		return buf;
	}
	for (i = 0; i < count; i++) {
		uint32_t v = table[i].value;
		if (v != 0 && (left & v) == v) {
			consts_append(buf, n, &len, table[i].name);
			left &= ~v;
		}
	}
	if (left) {
		snprintf(hex, sizeof hex, "0x%x", (unsigned)left);
		consts_append(buf, n, &len, hex);
	}
	return buf;
}

/* ---- protection codes ---- */

/* MmUserProtectionToMask1/2: one nibble of a PAGE_ value -> access kind;
 * -1 where the nibble has more than one bit. Index 0 is never used. */
static const int8_t mm_prot_mask1[16] = {
	0, MM_NOACCESS, MM_READONLY, -1, MM_READWRITE, -1, -1, -1,
	MM_WRITECOPY, -1, -1, -1, -1, -1, -1, -1,
};
static const int8_t mm_prot_mask2[16] = {
	0, MM_EXECUTE, MM_EXECUTE_READ, -1, MM_EXECUTE_READWRITE, -1, -1, -1,
	MM_EXECUTE_WRITECOPY, -1, -1, -1, -1, -1, -1, -1,
};

/* MmProtectToValue: one row per modifier; a zero access kind is NOACCESS. */
#define MM_PROT_VALUE_ROW(m) \
	PAGE_NOACCESS, PAGE_READONLY | (m), PAGE_EXECUTE | (m), PAGE_EXECUTE_READ | (m), \
	PAGE_READWRITE | (m), PAGE_WRITECOPY | (m), PAGE_EXECUTE_READWRITE | (m), \
	PAGE_EXECUTE_WRITECOPY | (m)
static const uint32_t mm_prot_value[32] = {
	MM_PROT_VALUE_ROW(0), MM_PROT_VALUE_ROW(PAGE_NOCACHE),
	MM_PROT_VALUE_ROW(PAGE_GUARD), MM_PROT_VALUE_ROW(PAGE_WRITECOMBINE),
};

#define MM_PROT_NAME_ROW(zero, m) \
	zero, "MM_READONLY" m, "MM_EXECUTE" m, "MM_EXECUTE_READ" m, "MM_READWRITE" m, \
	"MM_WRITECOPY" m, "MM_EXECUTE_READWRITE" m, "MM_EXECUTE_WRITECOPY" m
static const char *const mm_prot_name[32] = {
	MM_PROT_NAME_ROW("MM_ZERO_ACCESS", ""), MM_PROT_NAME_ROW("MM_NOCACHE", "|MM_NOCACHE"),
	MM_PROT_NAME_ROW("MM_DECOMMIT", "|MM_GUARD_PAGE"),
	MM_PROT_NAME_ROW("MM_NOACCESS", "|MM_WRITECOMBINE"),
};

/* MmReadWrite (WRK mm/acceschk.c): allowed iff entry - is_write >= 10. */
#define MM_RW_ROW 1, 10, 10, 10, 11, 11, 11, 11
static const uint8_t mm_prot_read_write[32] = {MM_RW_ROW, MM_RW_ROW, MM_RW_ROW, MM_RW_ROW};

/* MmMakeProtectNotWriteCopy (WRK mm/miglobal.c). */
#define MM_NWC_ROW(m) \
	MM_NOACCESS, (m) | MM_READONLY, (m) | MM_EXECUTE, (m) | MM_EXECUTE_READ, \
	(m) | MM_READWRITE, (m) | MM_READWRITE, (m) | MM_EXECUTE_READWRITE, \
	(m) | MM_EXECUTE_READWRITE
static const uint8_t mm_prot_nwc[32] = {
	MM_NWC_ROW(0), MM_NWC_ROW(MM_NOCACHE), MM_NWC_ROW(MM_GUARD_PAGE),
	MM_NWC_ROW(MM_WRITECOMBINE),
};

static bool mm_prot_valid(int p)
{
	return p >= 0 && p < 32;
}

/* Rules 1-3: the base protection, from exactly one bit of one nibble. */
static int mm_prot_base(uint32_t page, struct mm_err *err, int argi)
{
	uint32_t lo = page & 0xF, hi = (page >> 4) & 0xF;
	char names[120];
	int code;

	if (page >= PAGE_WRITECOMBINE * 2)
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", argi, BM_PROT_HIGH, (unsigned)page);
	if (lo == 0 && hi == 0)
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", argi, BM_PROT_NO_ACCESS, (unsigned)page);
	code = lo ? mm_prot_mask1[lo] : mm_prot_mask2[hi];
	if (lo != 0 && hi != 0)
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", argi,
			BM_PROT_DATA_EXEC, (unsigned)page,
			mm_prot_win32_str(page & 0xFF, names, sizeof names));
	if (code < 0)
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", argi,
			BM_PROT_TWO_BASE,
			(unsigned)page, mm_prot_win32_str(page & 0xFF, names, sizeof names));
	return code;
}

/* Rules 4-6: one modifier rule; the first in MiMakeProtectionMask's order
 * that applies wins. */
struct mm_prot_rule {
	uint32_t flag;       /* the modifier being added */
	uint32_t clash;      /* modifiers it may not be combined with */
	const char *flag_name;
};

static const struct mm_prot_rule mm_prot_rules[] = {
	{PAGE_GUARD, PAGE_NOCACHE | PAGE_WRITECOMBINE, "PAGE_GUARD"},
	{PAGE_NOCACHE, PAGE_WRITECOMBINE, "PAGE_NOCACHE"},
	{PAGE_WRITECOMBINE, 0, "PAGE_WRITECOMBINE"},
};

int mm_prot_from_win32(uint32_t page, struct mm_err *err, int argi)
{
	int code = mm_prot_base(page, err, argi);
	size_t i;

	if (code < 0)
		return -1;
	for (i = 0; i < MM_ARRAY_LEN(mm_prot_rules); i++) {
		const struct mm_prot_rule *r = &mm_prot_rules[i];
		if (!(page & r->flag))
			continue;
		if (code == MM_NOACCESS)
			return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", argi,
				BM_PROT_NOACCESS_FLAG,
				(unsigned)page, r->flag_name);
		if (page & r->clash)
			return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", argi,
				BM_PROT_FLAG_CLASH, (unsigned)page,
				r->flag_name, (page & r->clash & PAGE_NOCACHE) ? "PAGE_NOCACHE"
				: "PAGE_WRITECOMBINE");
	}
	if (page & PAGE_GUARD)
		code |= MM_GUARD_PAGE;
	if (page & PAGE_NOCACHE)
		code |= MM_NOCACHE;
	if (page & PAGE_WRITECOMBINE)
		code |= MM_WRITECOMBINE;
	return code;
}

uint32_t mm_prot_to_win32(int mmprot)
{
	return mm_prot_valid(mmprot) ? mm_prot_value[mmprot] : 0;
}

const char *mm_prot_win32_str(uint32_t page, char *buf, size_t n)
{
	return consts_flags_str(consts_page, consts_page_n, page, buf, n);
}

const char *mm_prot_mm_str(int mmprot)
{
	return mm_prot_valid(mmprot) ? mm_prot_name[mmprot] : "MM_INVALID_PROTECTION";
}

bool mm_prot_allows(int mmprot, int is_write)
{
	return mm_prot_valid(mmprot) && mm_prot_read_write[mmprot] - (is_write ? 1 : 0) >= 10;
}

int mm_prot_not_write_copy(int mmprot)
{
	return mm_prot_valid(mmprot) ? mm_prot_nwc[mmprot] : MM_NOACCESS;
}

/* ---- NTSTATUS table, in ntstatus order ---- */

#define ST(name, code, win32, win32_code) {#name, code, #win32, win32_code}
#define ST_PARAM(n, code) {"STATUS_INVALID_PARAMETER_" #n, code, "ERROR_INVALID_PARAMETER", 87}

const struct mm_status consts_statuses[] = {
	ST(STATUS_SUCCESS, 0x00000000, ERROR_SUCCESS, 0),
	ST(STATUS_PAGE_FAULT_TRANSITION, 0x00000110, ERROR_MR_MID_NOT_FOUND, 317),
	ST(STATUS_PAGE_FAULT_DEMAND_ZERO, 0x00000111, ERROR_MR_MID_NOT_FOUND, 317),
	ST(STATUS_PAGE_FAULT_COPY_ON_WRITE, 0x00000112, ERROR_MR_MID_NOT_FOUND, 317),
	ST(STATUS_PAGE_FAULT_GUARD_PAGE, 0x00000113, ERROR_MR_MID_NOT_FOUND, 317),
	ST(STATUS_PAGE_FAULT_PAGING_FILE, 0x00000114, ERROR_MR_MID_NOT_FOUND, 317),
	ST(STATUS_WORKING_SET_LIMIT_RANGE, 0x40000002, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_IMAGE_NOT_AT_BASE, 0x40000003, ERROR_MR_MID_NOT_FOUND, 317),
	ST(STATUS_WAS_LOCKED, 0x40000019, ERROR_MR_MID_NOT_FOUND, 317),
	ST(STATUS_GUARD_PAGE_VIOLATION, 0x80000001, STATUS_GUARD_PAGE_VIOLATION, 0x80000001),
	ST(STATUS_DATATYPE_MISALIGNMENT, 0x80000002, ERROR_NOACCESS, 998),
	ST(STATUS_UNSUCCESSFUL, 0xC0000001, ERROR_GEN_FAILURE, 31),
	ST(STATUS_ACCESS_VIOLATION, 0xC0000005, ERROR_NOACCESS, 998),
	ST(STATUS_IN_PAGE_ERROR, 0xC0000006, ERROR_SWAPERROR, 999),
	ST(STATUS_PAGEFILE_QUOTA, 0xC0000007, ERROR_PAGEFILE_QUOTA, 1454),
	ST(STATUS_INVALID_HANDLE, 0xC0000008, ERROR_INVALID_HANDLE, 6),
	ST(STATUS_INVALID_CID, 0xC000000B, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_INVALID_PARAMETER, 0xC000000D, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_NO_MEMORY, 0xC0000017, ERROR_NOT_ENOUGH_MEMORY, 8),
	ST(STATUS_CONFLICTING_ADDRESSES, 0xC0000018, ERROR_INVALID_ADDRESS, 487),
	ST(STATUS_NOT_MAPPED_VIEW, 0xC0000019, ERROR_INVALID_ADDRESS, 487),
	ST(STATUS_UNABLE_TO_FREE_VM, 0xC000001A, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_UNABLE_TO_DELETE_SECTION, 0xC000001B, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_INVALID_VIEW_SIZE, 0xC000001F, ERROR_ACCESS_DENIED, 5),
	ST(STATUS_ALREADY_COMMITTED, 0xC0000021, ERROR_ACCESS_DENIED, 5),
	ST(STATUS_ACCESS_DENIED, 0xC0000022, ERROR_ACCESS_DENIED, 5),
	ST(STATUS_BUFFER_TOO_SMALL, 0xC0000023, ERROR_INSUFFICIENT_BUFFER, 122),
	ST(STATUS_NOT_LOCKED, 0xC000002A, ERROR_NOT_LOCKED, 158),
	ST(STATUS_UNABLE_TO_DECOMMIT_VM, 0xC000002C, ERROR_INVALID_ADDRESS, 487),
	ST(STATUS_NOT_COMMITTED, 0xC000002D, ERROR_INVALID_ADDRESS, 487),
	ST(STATUS_INVALID_PARAMETER_MIX, 0xC0000030, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_OBJECT_NAME_INVALID, 0xC0000033, ERROR_INVALID_NAME, 123),
	ST(STATUS_OBJECT_NAME_NOT_FOUND, 0xC0000034, ERROR_FILE_NOT_FOUND, 2),
	ST(STATUS_OBJECT_NAME_COLLISION, 0xC0000035, ERROR_ALREADY_EXISTS, 183),
	ST(STATUS_SECTION_TOO_BIG, 0xC0000040, ERROR_NOT_ENOUGH_MEMORY, 8),
	ST(STATUS_INVALID_PAGE_PROTECTION, 0xC0000045, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_SECTION_NOT_IMAGE, 0xC0000049, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_BAD_WORKING_SET_LIMIT, 0xC000004C, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_INCOMPATIBLE_FILE_MAP, 0xC000004D, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_SECTION_PROTECTION, 0xC000004E, ERROR_INVALID_PARAMETER, 87),
	ST(STATUS_PRIVILEGE_NOT_HELD, 0xC0000061, ERROR_PRIVILEGE_NOT_HELD, 1314),
	ST(STATUS_INVALID_IMAGE_FORMAT, 0xC000007B, ERROR_BAD_EXE_FORMAT, 193),
	ST(STATUS_RANGE_NOT_LOCKED, 0xC000007E, ERROR_NOT_LOCKED, 158),
	ST(STATUS_TOO_MANY_PAGING_FILES, 0xC0000097, ERROR_NOT_ENOUGH_MEMORY, 8),
	ST(STATUS_INSUFFICIENT_RESOURCES, 0xC000009A, ERROR_NO_SYSTEM_RESOURCES, 1450),
	ST(STATUS_FREE_VM_NOT_AT_BASE, 0xC000009F, ERROR_INVALID_ADDRESS, 487),
	ST(STATUS_MEMORY_NOT_ALLOCATED, 0xC00000A0, ERROR_INVALID_ADDRESS, 487),
	ST(STATUS_WORKING_SET_QUOTA, 0xC00000A1, ERROR_WORKING_SET_QUOTA, 1453),
	ST(STATUS_NOT_SUPPORTED, 0xC00000BB, ERROR_NOT_SUPPORTED, 50),
	ST_PARAM(1, 0xC00000EF), ST_PARAM(2, 0xC00000F0), ST_PARAM(3, 0xC00000F1),
	ST_PARAM(4, 0xC00000F2), ST_PARAM(5, 0xC00000F3), ST_PARAM(6, 0xC00000F4),
	ST_PARAM(7, 0xC00000F5), ST_PARAM(8, 0xC00000F6), ST_PARAM(9, 0xC00000F7),
	ST_PARAM(10, 0xC00000F8), ST_PARAM(11, 0xC00000F9), ST_PARAM(12, 0xC00000FA),
	ST(STATUS_STACK_OVERFLOW, 0xC00000FD, ERROR_STACK_OVERFLOW, 1001),
	ST(STATUS_PROCESS_IS_TERMINATING, 0xC000010A, ERROR_ACCESS_DENIED, 5),
	ST(STATUS_MAPPED_FILE_SIZE_ZERO, 0xC000011E, ERROR_FILE_INVALID, 1006),
	ST(STATUS_COMMITMENT_LIMIT, 0xC000012D, ERROR_COMMITMENT_LIMIT, 1455),
	ST(STATUS_DLL_NOT_FOUND, 0xC0000135, ERROR_MOD_NOT_FOUND, 126),
	ST(STATUS_INVALID_ADDRESS, 0xC0000141, ERROR_UNEXP_NET_ERR, 59),
	ST(STATUS_MAPPED_ALIGNMENT, 0xC0000220, ERROR_MAPPED_ALIGNMENT, 1132),
	ST(STATUS_USER_MAPPED_FILE, 0xC0000243, ERROR_USER_MAPPED_FILE, 1224),
};
const size_t consts_statuses_n = MM_ARRAY_LEN(consts_statuses);

const struct mm_status *consts_status(const char *name)
{
	size_t i;
	for (i = 0; i < consts_statuses_n; i++)
		if (strcmp(consts_statuses[i].name, name) == 0)
			return &consts_statuses[i];
	return NULL;
}

const struct mm_status *consts_status_code(uint32_t ntstatus)
{
	size_t i;
	for (i = 0; i < consts_statuses_n; i++)
		if (consts_statuses[i].ntstatus == ntstatus)
			return &consts_statuses[i];
	return NULL;
}

const char *consts_status_win32(const char *code)
{
	const struct mm_status *s = code ? consts_status(code) : NULL;
	return s ? s->win32 : code;
}
