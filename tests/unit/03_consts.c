/*
 * 03_consts.c — Win32/NT constants: the flag tables, PAGE_* <-> the 5-bit
 * MM protection code (MiMakeProtectionMask and MmProtectToValue, docs/reference.md
 * R-PROT-CODE, R-WIN32-CONSTS), MmReadWrite, MmMakeProtectNotWriteCopy, and NTSTATUS ->
 * Win32 error (RtlNtStatusToDosError).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/consts.h"
#include "lang/lex.h"

#define assert_contains(hay, needle)                                                   \
	do {                                                                           \
		if (!strstr((hay), (needle)))                                          \
			fail_msg("'%s' does not contain '%s'", (hay), (needle));      \
	} while (0)

/* ---- flag tables ---- */

static uint32_t parse(const char *w, const struct consts_flag *t, size_t n)
{
	struct mm_err err;
	uint32_t v = 0;
	if (lex_flags(w, t, n, &v, 1, &err) != 0)
		fail_msg("'%s': %s", w, err.msg);
	return v;
}

static void test_flag_values(void **state)
{
	assert_int_equal(parse("PAGE_NOACCESS", consts_page, consts_page_n), 0x01);
	assert_int_equal(parse("PAGE_EXECUTE_WRITECOPY", consts_page, consts_page_n), 0x80);
	assert_int_equal(parse("PAGE_READWRITE|PAGE_GUARD", consts_page, consts_page_n), 0x104);
	assert_int_equal(parse("PAGE_NOCACHE|PAGE_WRITECOMBINE", consts_page, consts_page_n), 0x600);
	assert_int_equal(consts_page_n, 11);

	assert_int_equal(parse("MEM_RESERVE|MEM_COMMIT", consts_mem, consts_mem_n), 0x3000);
	assert_int_equal(parse("MEM_DECOMMIT", consts_mem, consts_mem_n), 0x4000);
	assert_int_equal(parse("MEM_RELEASE", consts_mem, consts_mem_n), 0x8000);
	assert_int_equal(parse("MEM_FREE", consts_mem, consts_mem_n), 0x10000);
	assert_int_equal(parse("MEM_PRIVATE", consts_mem, consts_mem_n), 0x20000);
	assert_int_equal(parse("MEM_MAPPED", consts_mem, consts_mem_n), 0x40000);
	assert_int_equal(parse("MEM_RESET", consts_mem, consts_mem_n), 0x80000);
	assert_int_equal(parse("MEM_TOP_DOWN", consts_mem, consts_mem_n), 0x100000);
	assert_int_equal(parse("MEM_WRITE_WATCH", consts_mem, consts_mem_n), 0x200000);
	assert_int_equal(parse("MEM_PHYSICAL", consts_mem, consts_mem_n), 0x400000);
	assert_int_equal(parse("MEM_LARGE_PAGES", consts_mem, consts_mem_n), 0x20000000);
	assert_int_equal(parse("MEM_RESET_UNDO", consts_mem, consts_mem_n), 0x1000000);
	assert_int_equal(parse("MEM_IMAGE", consts_mem, consts_mem_n), 0x1000000);
	assert_int_equal(consts_mem_n, 14);

	assert_int_equal(parse("SEC_COMMIT", consts_sec, consts_sec_n), 0x8000000);
	assert_int_equal(parse("SEC_IMAGE|SEC_NOCACHE", consts_sec, consts_sec_n), 0x11000000);
	assert_int_equal(parse("SEC_RESERVE", consts_sec, consts_sec_n), 0x4000000);
	assert_int_equal(parse("SEC_LARGE_PAGES", consts_sec, consts_sec_n), 0x80000000u);
	assert_int_equal(parse("SEC_BASED|SEC_NO_CHANGE|SEC_FILE", consts_sec, consts_sec_n), 0xE00000);

	assert_int_equal(parse("FILE_MAP_COPY", consts_file_map, consts_file_map_n), 1);
	assert_int_equal(parse("FILE_MAP_READ|FILE_MAP_WRITE", consts_file_map, consts_file_map_n), 6);
	assert_int_equal(parse("FILE_MAP_EXECUTE", consts_file_map, consts_file_map_n), 0x20);
	assert_int_equal(parse("FILE_MAP_ALL_ACCESS", consts_file_map, consts_file_map_n), 0xF001F);

	assert_int_equal(parse("HEAP_ZERO_MEMORY", consts_heap, consts_heap_n), 8);
	assert_int_equal(parse("HEAP_NO_SERIALIZE|HEAP_GENERATE_EXCEPTIONS", consts_heap,
		consts_heap_n), 5);
	assert_int_equal(parse("PagedPool", consts_pool, consts_pool_n), 1);
	assert_int_equal(parse("nonpagedpool", consts_pool, consts_pool_n), 0);
}

static void test_flags_str(void **state)
{
	char buf[128];
	assert_string_equal(mm_prot_win32_str(0, buf, sizeof buf), "0");
	assert_string_equal(mm_prot_win32_str(PAGE_READWRITE | PAGE_GUARD, buf, sizeof buf),
		"PAGE_READWRITE|PAGE_GUARD");
	assert_string_equal(mm_prot_win32_str(0x804, buf, sizeof buf), "PAGE_READWRITE|0x800");
	assert_string_equal(consts_flags_str(consts_mem, consts_mem_n, 0x3000, buf, sizeof buf),
		"MEM_COMMIT|MEM_RESERVE");
	assert_string_equal(consts_flags_str(consts_mem, consts_mem_n, MEM_IMAGE, buf, sizeof buf),
		"MEM_IMAGE");
	assert_string_equal(consts_flags_str(consts_file_map, consts_file_map_n, 0xF001F, buf,
		sizeof buf), "FILE_MAP_ALL_ACCESS");
	assert_string_equal(consts_flags_str(consts_file_map, consts_file_map_n, 0x24, buf,
		sizeof buf), "FILE_MAP_READ|FILE_MAP_EXECUTE");
	/* a small buffer truncates but stays a string */
	assert_string_equal(mm_prot_win32_str(PAGE_READWRITE | PAGE_GUARD, buf, 10), "PAGE_READ");
}

/* ---- PAGE_* -> MM code ---- */

struct prot_case {
	uint32_t page;
	int mm;
	const char *mm_name;
};

/* All 29 valid protections: 8 bases, 7 non-NOACCESS bases x 3 modifiers. */
static const struct prot_case valid[] = {
	{PAGE_NOACCESS, 0x18, "MM_NOACCESS"},
	{PAGE_READONLY, 1, "MM_READONLY"},
	{PAGE_EXECUTE, 2, "MM_EXECUTE"},
	{PAGE_EXECUTE_READ, 3, "MM_EXECUTE_READ"},
	{PAGE_READWRITE, 4, "MM_READWRITE"},
	{PAGE_WRITECOPY, 5, "MM_WRITECOPY"},
	{PAGE_EXECUTE_READWRITE, 6, "MM_EXECUTE_READWRITE"},
	{PAGE_EXECUTE_WRITECOPY, 7, "MM_EXECUTE_WRITECOPY"},
	{PAGE_READONLY | PAGE_NOCACHE, 0x09, "MM_READONLY|MM_NOCACHE"},
	{PAGE_EXECUTE | PAGE_NOCACHE, 0x0A, "MM_EXECUTE|MM_NOCACHE"},
	{PAGE_EXECUTE_READ | PAGE_NOCACHE, 0x0B, "MM_EXECUTE_READ|MM_NOCACHE"},
	{PAGE_READWRITE | PAGE_NOCACHE, 0x0C, "MM_READWRITE|MM_NOCACHE"},
	{PAGE_WRITECOPY | PAGE_NOCACHE, 0x0D, "MM_WRITECOPY|MM_NOCACHE"},
	{PAGE_EXECUTE_READWRITE | PAGE_NOCACHE, 0x0E, "MM_EXECUTE_READWRITE|MM_NOCACHE"},
	{PAGE_EXECUTE_WRITECOPY | PAGE_NOCACHE, 0x0F, "MM_EXECUTE_WRITECOPY|MM_NOCACHE"},
	{PAGE_READONLY | PAGE_GUARD, 0x11, "MM_READONLY|MM_GUARD_PAGE"},
	{PAGE_EXECUTE | PAGE_GUARD, 0x12, "MM_EXECUTE|MM_GUARD_PAGE"},
	{PAGE_EXECUTE_READ | PAGE_GUARD, 0x13, "MM_EXECUTE_READ|MM_GUARD_PAGE"},
	{PAGE_READWRITE | PAGE_GUARD, 0x14, "MM_READWRITE|MM_GUARD_PAGE"},
	{PAGE_WRITECOPY | PAGE_GUARD, 0x15, "MM_WRITECOPY|MM_GUARD_PAGE"},
	{PAGE_EXECUTE_READWRITE | PAGE_GUARD, 0x16, "MM_EXECUTE_READWRITE|MM_GUARD_PAGE"},
	{PAGE_EXECUTE_WRITECOPY | PAGE_GUARD, 0x17, "MM_EXECUTE_WRITECOPY|MM_GUARD_PAGE"},
	{PAGE_READONLY | PAGE_WRITECOMBINE, 0x19, "MM_READONLY|MM_WRITECOMBINE"},
	{PAGE_EXECUTE | PAGE_WRITECOMBINE, 0x1A, "MM_EXECUTE|MM_WRITECOMBINE"},
	{PAGE_EXECUTE_READ | PAGE_WRITECOMBINE, 0x1B, "MM_EXECUTE_READ|MM_WRITECOMBINE"},
	{PAGE_READWRITE | PAGE_WRITECOMBINE, 0x1C, "MM_READWRITE|MM_WRITECOMBINE"},
	{PAGE_WRITECOPY | PAGE_WRITECOMBINE, 0x1D, "MM_WRITECOPY|MM_WRITECOMBINE"},
	{PAGE_EXECUTE_READWRITE | PAGE_WRITECOMBINE, 0x1E, "MM_EXECUTE_READWRITE|MM_WRITECOMBINE"},
	{PAGE_EXECUTE_WRITECOPY | PAGE_WRITECOMBINE, 0x1F, "MM_EXECUTE_WRITECOPY|MM_WRITECOMBINE"},
};

static void test_prot_valid_and_back(void **state)
{
	size_t i;
	for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		struct mm_err err;
		int mm;
		mm_err_clear(&err);
		mm = mm_prot_from_win32(valid[i].page, &err, 4);
		if (mm != valid[i].mm)
			fail_msg("0x%x -> %d, expected 0x%x (%s)", (unsigned)valid[i].page, mm,
				(unsigned)valid[i].mm, err.msg);
		assert_string_equal(mm_prot_mm_str(mm), valid[i].mm_name);
		assert_int_equal(mm_prot_to_win32(mm), valid[i].page);
	}
}

/* Every value below 0x800 that is not one of the 29 is refused, and
 * nothing at or above 0x800 is accepted. */
static void test_prot_everything_else_invalid(void **state)
{
	uint32_t page;
	int nvalid = 0;
	for (page = 0; page < 0x1000; page++) {
		struct mm_err err;
		size_t i;
		bool listed = false;
		int mm = mm_prot_from_win32(page, &err, 2);
		for (i = 0; i < sizeof valid / sizeof valid[0]; i++)
			listed |= valid[i].page == page;
		if (listed) {
			nvalid++;
			continue;
		}
		if (mm != -1)
			fail_msg("0x%x accepted as %d", (unsigned)page, mm);
		assert_string_equal(err.code, "STATUS_INVALID_PAGE_PROTECTION");
		assert_int_equal(err.arg, 2);
	}
	assert_int_equal(nvalid, 29);
	assert_int_equal(mm_prot_from_win32(0xFFFFFFFFu, NULL, 1), -1);
}

static void prot_rejects(uint32_t page, const char *frag)
{
	struct mm_err err;
	mm_err_clear(&err);
	assert_int_equal(mm_prot_from_win32(page, &err, 4), -1);
	assert_string_equal(err.code, "STATUS_INVALID_PAGE_PROTECTION");
	assert_int_equal(err.arg, 4);
	assert_contains(err.msg, frag);
}

/* Each rule of MiMakeProtectionMask with its own message. */
static void test_prot_rules(void **state)
{
	prot_rejects(0x800, "above PAGE_WRITECOMBINE");
	prot_rejects(0x804, "above PAGE_WRITECOMBINE");
	prot_rejects(0, "names no access");
	prot_rejects(PAGE_GUARD, "names no access");
	prot_rejects(PAGE_NOCACHE | PAGE_WRITECOMBINE, "names no access");
	prot_rejects(PAGE_READWRITE | PAGE_EXECUTE, "PAGE_READWRITE|PAGE_EXECUTE");
	prot_rejects(PAGE_READWRITE | PAGE_EXECUTE, "a data and an execute protection");
	prot_rejects(PAGE_NOACCESS | PAGE_EXECUTE_READ, "a data and an execute protection");
	prot_rejects(PAGE_READONLY | PAGE_READWRITE, "PAGE_READONLY|PAGE_READWRITE");
	prot_rejects(PAGE_READONLY | PAGE_READWRITE, "exactly one base protection");
	prot_rejects(PAGE_EXECUTE | PAGE_EXECUTE_READ, "exactly one base protection");
	prot_rejects(0x0F, "exactly one base protection");

	prot_rejects(PAGE_NOACCESS | PAGE_GUARD, "PAGE_GUARD cannot be combined with PAGE_NOACCESS");
	prot_rejects(PAGE_READWRITE | PAGE_GUARD | PAGE_NOCACHE,
		"PAGE_GUARD cannot be combined with PAGE_NOCACHE");
	prot_rejects(PAGE_READONLY | PAGE_GUARD | PAGE_WRITECOMBINE,
		"PAGE_GUARD cannot be combined with PAGE_WRITECOMBINE");
	prot_rejects(PAGE_NOACCESS | PAGE_NOCACHE,
		"PAGE_NOCACHE cannot be combined with PAGE_NOACCESS");
	prot_rejects(PAGE_EXECUTE | PAGE_NOCACHE | PAGE_WRITECOMBINE,
		"PAGE_NOCACHE cannot be combined with PAGE_WRITECOMBINE");
	prot_rejects(PAGE_NOACCESS | PAGE_WRITECOMBINE,
		"PAGE_WRITECOMBINE cannot be combined with PAGE_NOACCESS");
	/* GUARD is checked first: NOACCESS|GUARD|NOCACHE names GUARD */
	prot_rejects(PAGE_NOACCESS | PAGE_GUARD | PAGE_NOCACHE, "PAGE_GUARD cannot be combined");
}

/* MmProtectToValue on the codes no PAGE_ value produces. */
static void test_prot_to_win32_specials(void **state)
{
	char buf[64];
	assert_int_equal(mm_prot_to_win32(MM_ZERO_ACCESS), PAGE_NOACCESS);
	assert_int_equal(mm_prot_to_win32(MM_NOCACHE), PAGE_NOACCESS);
	assert_int_equal(mm_prot_to_win32(MM_DECOMMIT), PAGE_NOACCESS);
	assert_int_equal(mm_prot_to_win32(MM_NOACCESS), PAGE_NOACCESS);
	assert_int_equal(mm_prot_to_win32(-1), 0);
	assert_int_equal(mm_prot_to_win32(32), 0);
	assert_string_equal(mm_prot_mm_str(0), "MM_ZERO_ACCESS");
	assert_string_equal(mm_prot_mm_str(MM_DECOMMIT), "MM_DECOMMIT");
	assert_string_equal(mm_prot_mm_str(MM_NOACCESS), "MM_NOACCESS");
	assert_string_equal(mm_prot_mm_str(MM_NOCACHE), "MM_NOCACHE");
	assert_string_equal(mm_prot_mm_str(32), "MM_INVALID_PROTECTION");
	assert_string_equal(mm_prot_win32_str(mm_prot_to_win32(0x13), buf, sizeof buf),
		"PAGE_EXECUTE_READ|PAGE_GUARD");
}

/* ---- predicates and MmReadWrite ---- */

static void test_prot_predicates(void **state)
{
	int p;
	for (p = 0; p < 32; p++) {
		int kind = p & 7, mod = p >> 3;
		assert_int_equal(MM_PROT_IS_WRITABLE(p), kind >= 4);
		assert_int_equal(MM_PROT_IS_COPY_ON_WRITE(p), kind == 5 || kind == 7);
		assert_int_equal(MM_PROT_IS_EXECUTE(p), kind == 2 || kind == 3 || kind == 6 || kind == 7);
		assert_int_equal(MM_PROT_IS_GUARD(p), mod == 2);
		assert_int_equal(MM_PROT_IS_NOCACHE(p), mod == 1);
		assert_int_equal(MM_PROT_IS_WRITECOMBINE(p), mod == 3 && kind != 0);
	}
	assert_true(MM_PROT_IS_GUARD(MM_DECOMMIT));   /* as WRK's MI_IS_GUARD */
	assert_false(MM_PROT_IS_WRITECOMBINE(MM_NOACCESS));
}

static void test_read_write_table(void **state)
{
	int p;
	for (p = 0; p < 32; p++) {
		int kind = p & 7;
		/* reads (and execute: x86 cannot express execute-only) need a
		 * nonzero access kind; writes need the write bit */
		assert_int_equal(mm_prot_allows(p, 0), kind != 0);
		assert_int_equal(mm_prot_allows(p, 1), kind >= 4);
	}
	assert_false(mm_prot_allows(MM_NOACCESS, 0));
	assert_false(mm_prot_allows(MM_DECOMMIT, 0));
	assert_true(mm_prot_allows(MM_EXECUTE, 0));
	assert_false(mm_prot_allows(MM_EXECUTE_READ, 1));
	assert_true(mm_prot_allows(MM_WRITECOPY, 1));        /* the COW fault decides */
	assert_true(mm_prot_allows(MM_READWRITE | MM_GUARD_PAGE, 1)); /* the guard check decides */
	assert_false(mm_prot_allows(-1, 0));
	assert_false(mm_prot_allows(32, 0));
}

static void test_not_write_copy(void **state)
{
	int p;
	assert_int_equal(mm_prot_not_write_copy(MM_WRITECOPY), MM_READWRITE);
	assert_int_equal(mm_prot_not_write_copy(MM_EXECUTE_WRITECOPY), MM_EXECUTE_READWRITE);
	assert_int_equal(mm_prot_not_write_copy(MM_WRITECOPY | MM_GUARD_PAGE),
		MM_READWRITE | MM_GUARD_PAGE);
	assert_int_equal(mm_prot_not_write_copy(MM_EXECUTE_WRITECOPY | MM_NOCACHE),
		MM_EXECUTE_READWRITE | MM_NOCACHE);
	assert_int_equal(mm_prot_not_write_copy(MM_WRITECOPY | MM_WRITECOMBINE),
		MM_READWRITE | MM_WRITECOMBINE);
	for (p = 0; p < 32; p++) {
		int r = mm_prot_not_write_copy(p);
		if ((p & 7) == 0)
			assert_int_equal(r, MM_NOACCESS);
		else if (MM_PROT_IS_COPY_ON_WRITE(p))
			assert_int_equal(r, p - 1);
		else
			assert_int_equal(r, p);
		assert_false((r & 7) && MM_PROT_IS_COPY_ON_WRITE(r));
	}
	assert_int_equal(mm_prot_not_write_copy(99), MM_NOACCESS);
}

/* ---- NTSTATUS -> Win32 ---- */

static void expect_status(const char *name, uint32_t nt, const char *win32, uint32_t code)
{
	const struct mm_status *s = consts_status(name);
	if (!s)
		fail_msg("%s missing", name);
	assert_int_equal(s->ntstatus, nt);
	assert_string_equal(s->win32, win32);
	assert_int_equal(s->win32_code, code);
	assert_ptr_equal(consts_status_code(nt), s);
	assert_string_equal(consts_status_win32(name), win32);
}

static void test_status_mapping(void **state)
{
	expect_status("STATUS_SUCCESS", 0, "ERROR_SUCCESS", 0);
	expect_status("STATUS_ACCESS_VIOLATION", 0xC0000005, "ERROR_NOACCESS", 998);
	expect_status("STATUS_GUARD_PAGE_VIOLATION", 0x80000001, "STATUS_GUARD_PAGE_VIOLATION",
		0x80000001);
	expect_status("STATUS_STACK_OVERFLOW", 0xC00000FD, "ERROR_STACK_OVERFLOW", 1001);
	expect_status("STATUS_IN_PAGE_ERROR", 0xC0000006, "ERROR_SWAPERROR", 999);
	expect_status("STATUS_INVALID_PARAMETER", 0xC000000D, "ERROR_INVALID_PARAMETER", 87);
	expect_status("STATUS_INVALID_PARAMETER_1", 0xC00000EF, "ERROR_INVALID_PARAMETER", 87);
	expect_status("STATUS_INVALID_PARAMETER_4", 0xC00000F2, "ERROR_INVALID_PARAMETER", 87);
	expect_status("STATUS_INVALID_PARAMETER_5", 0xC00000F3, "ERROR_INVALID_PARAMETER", 87);
	expect_status("STATUS_INVALID_PARAMETER_12", 0xC00000FA, "ERROR_INVALID_PARAMETER", 87);
	expect_status("STATUS_CONFLICTING_ADDRESSES", 0xC0000018, "ERROR_INVALID_ADDRESS", 487);
	expect_status("STATUS_COMMITMENT_LIMIT", 0xC000012D, "ERROR_COMMITMENT_LIMIT", 1455);
	expect_status("STATUS_INVALID_PAGE_PROTECTION", 0xC0000045, "ERROR_INVALID_PARAMETER", 87);
	expect_status("STATUS_FREE_VM_NOT_AT_BASE", 0xC000009F, "ERROR_INVALID_ADDRESS", 487);
	expect_status("STATUS_MEMORY_NOT_ALLOCATED", 0xC00000A0, "ERROR_INVALID_ADDRESS", 487);
	expect_status("STATUS_UNABLE_TO_FREE_VM", 0xC000001A, "ERROR_INVALID_PARAMETER", 87);
	expect_status("STATUS_UNABLE_TO_DELETE_SECTION", 0xC000001B, "ERROR_INVALID_PARAMETER", 87);
	expect_status("STATUS_NOT_MAPPED_VIEW", 0xC0000019, "ERROR_INVALID_ADDRESS", 487);
	expect_status("STATUS_NOT_COMMITTED", 0xC000002D, "ERROR_INVALID_ADDRESS", 487);
	expect_status("STATUS_ALREADY_COMMITTED", 0xC0000021, "ERROR_ACCESS_DENIED", 5);
	expect_status("STATUS_SECTION_PROTECTION", 0xC000004E, "ERROR_INVALID_PARAMETER", 87);
	expect_status("STATUS_NO_MEMORY", 0xC0000017, "ERROR_NOT_ENOUGH_MEMORY", 8);
	expect_status("STATUS_PRIVILEGE_NOT_HELD", 0xC0000061, "ERROR_PRIVILEGE_NOT_HELD", 1314);
	expect_status("STATUS_IMAGE_NOT_AT_BASE", 0x40000003, "ERROR_MR_MID_NOT_FOUND", 317);
	expect_status("STATUS_INSUFFICIENT_RESOURCES", 0xC000009A, "ERROR_NO_SYSTEM_RESOURCES", 1450);
	expect_status("STATUS_WORKING_SET_QUOTA", 0xC00000A1, "ERROR_WORKING_SET_QUOTA", 1453);
	expect_status("STATUS_INVALID_HANDLE", 0xC0000008, "ERROR_INVALID_HANDLE", 6);
	expect_status("STATUS_OBJECT_NAME_NOT_FOUND", 0xC0000034, "ERROR_FILE_NOT_FOUND", 2);
	expect_status("STATUS_OBJECT_NAME_COLLISION", 0xC0000035, "ERROR_ALREADY_EXISTS", 183);
	expect_status("STATUS_INVALID_ADDRESS", 0xC0000141, "ERROR_UNEXP_NET_ERR", 59);
	expect_status("STATUS_INVALID_VIEW_SIZE", 0xC000001F, "ERROR_ACCESS_DENIED", 5);
	expect_status("STATUS_MAPPED_ALIGNMENT", 0xC0000220, "ERROR_MAPPED_ALIGNMENT", 1132);
	expect_status("STATUS_NOT_LOCKED", 0xC000002A, "ERROR_NOT_LOCKED", 158);
	expect_status("STATUS_WAS_LOCKED", 0x40000019, "ERROR_MR_MID_NOT_FOUND", 317);
	expect_status("STATUS_PAGEFILE_QUOTA", 0xC0000007, "ERROR_PAGEFILE_QUOTA", 1454);
}

static void test_status_table_sane(void **state)
{
	size_t i, j;
	assert_true(consts_statuses_n >= 40);
	for (i = 0; i < consts_statuses_n; i++) {
		const struct mm_status *s = &consts_statuses[i];
		assert_int_equal(strncmp(s->name, "STATUS_", 7), 0);
		assert_true(strncmp(s->win32, "ERROR_", 6) == 0 || s->win32_code == s->ntstatus);
		if (i > 0)                       /* sorted by value, no duplicates */
			assert_true(consts_statuses[i - 1].ntstatus < s->ntstatus);
		for (j = 0; j < i; j++)          /* one Win32 name, one number */
			if (strcmp(consts_statuses[j].win32, s->win32) == 0)
				assert_int_equal(consts_statuses[j].win32_code, s->win32_code);
	}
	assert_null(consts_status("STATUS_NO_SUCH_THING"));
	assert_null(consts_status("status_access_violation"));
	assert_null(consts_status_code(0xC0DEC0DE));
	/* codes that are not NT statuses pass through */
	assert_string_equal(consts_status_win32("ERROR_INVALID_PARAMETER"), "ERROR_INVALID_PARAMETER");
	assert_string_equal(consts_status_win32("syntax"), "syntax");
	assert_null(consts_status_win32(NULL));
}

/* The error mm_prot_from_win32 raises is one the session can translate. */
static void test_prot_error_maps_to_win32(void **state)
{
	struct mm_err err;
	assert_int_equal(mm_prot_from_win32(PAGE_NOACCESS | PAGE_GUARD, &err, 4), -1);
	assert_string_equal(consts_status_win32(err.code), "ERROR_INVALID_PARAMETER");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flag_values),
		cmocka_unit_test(test_flags_str),
		cmocka_unit_test(test_prot_valid_and_back),
		cmocka_unit_test(test_prot_everything_else_invalid),
		cmocka_unit_test(test_prot_rules),
		cmocka_unit_test(test_prot_to_win32_specials),
		cmocka_unit_test(test_prot_predicates),
		cmocka_unit_test(test_read_write_table),
		cmocka_unit_test(test_not_write_copy),
		cmocka_unit_test(test_status_mapping),
		cmocka_unit_test(test_status_table_sane),
		cmocka_unit_test(test_prot_error_maps_to_win32),
	};
	return cmocka_run_group_tests_name("03_consts", tests, NULL, NULL);
}
