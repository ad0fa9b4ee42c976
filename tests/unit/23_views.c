/*
 * 23_views.c — section objects and the views mapped from them, as the WRK
 * makes them (docs/reference.md R-SECTION-API, R-SECTION-BACKING):
 *   - NtMapViewOfSection's handle check (MmMakeSectionAccess) and
 *     MmMapViewOfSection / MiMapViewOfDataSection's check of the view's
 *     protection against the section object's own (MiIsProtectionCompatible),
 *     each section object with its own protection and size over the file's
 *     one control area;
 *   - kernel32's FILE_MAP_* -> page protection.
 * Errors are checked as GetLastError shows them, with the NTSTATUS beside.
 */
#include "testlib.h"

static const char *alloc_protect(struct session *s, uint64_t va)
{
	static char buf[64];
	TL_JSON q = run_ok(s, "VirtualQuery %#" PRIx64, va);
	snprintf(buf, sizeof buf, "%s", tl_str(q, "result.AllocationProtect"));
	return buf;
}

/* ---- NtMapViewOfSection / MmMapViewOfSection ---- */

static void test_each_section_object_limits_its_views(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$f = CreateFile data.bin 64K");
	/* the read-write object first, then a read-only one on the same file:
	 * they share the file's control area, not its protection */
	run(s, "$rw = CreateFileMapping $f PAGE_READWRITE 0");
	run(s, "$ro = CreateFileMapping $f PAGE_READONLY 0");
	tl_fails(s, "ERROR_ACCESS_DENIED", "STATUS_ACCESS_DENIED", 2, "MapViewOfFile $ro FILE_MAP_WRITE 0 0");
	uint64_t w = run_val(s, "MapViewOfFile $rw FILE_MAP_WRITE 0 0");
	assert_string_equal(alloc_protect(s, w), "PAGE_READWRITE");
	/* a read-only section still allows copy-on-write views */
	uint64_t c = run_val(s, "MapViewOfFile $ro FILE_MAP_COPY 0 0");
	assert_string_equal(alloc_protect(s, c), "PAGE_WRITECOPY");
	/* one control area: both views count on it */
	TL_JSON ca = run_ok(s, "!ca %#" PRIx64, w);
	assert_int_equal(tl_num(ca, "result.mapped_views"), 2);
	assert_int_equal(tl_num(ca, "result.section_references"), 2);
}

static void test_read_only_first_does_not_limit_a_later_writer(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_PAE);
	run(s, "$f = CreateFile data.bin 64K");
	run(s, "$ro = CreateFileMapping $f PAGE_READONLY 0");
	run(s, "$rw = CreateFileMapping $f PAGE_READWRITE 0");
	uint64_t w = run_val(s, "MapViewOfFile $rw FILE_MAP_WRITE 0 0");
	TL_JSON r = run_ok(s, "write %#" PRIx64 " 0x41", w);
	assert_string_equal(tl_exception(r), "");
	tl_fails(s, "ERROR_ACCESS_DENIED", "STATUS_ACCESS_DENIED", 2, "MapViewOfFile $ro FILE_MAP_WRITE 0 0");
}

static void test_section_protection_behind_a_full_access_handle(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$h = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READONLY 64K shm");
	/* OpenFileMapping with FILE_MAP_ALL_ACCESS is granted SECTION_MAP_WRITE,
	 * so the handle check passes and MmMapViewOfSection's check of the
	 * section's protection refuses the view: STATUS_SECTION_PROTECTION */
	run(s, "$o = OpenFileMapping shm FILE_MAP_ALL_ACCESS");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_SECTION_PROTECTION", 2, "MapViewOfFile $o FILE_MAP_WRITE 0 0");
	/* a handle opened for reading only fails the handle check first */
	run(s, "$r = OpenFileMapping shm FILE_MAP_READ");
	tl_fails(s, "ERROR_ACCESS_DENIED", "STATUS_ACCESS_DENIED", 2, "MapViewOfFile $r FILE_MAP_WRITE 0 0");
	run(s, "MapViewOfFile $r FILE_MAP_READ 0 0");
	/* FILE_MAP_EXECUTE needs an EXECUTE section */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_SECTION_PROTECTION", 2,
		 "MapViewOfFile $o FILE_MAP_READ|FILE_MAP_EXECUTE 0 0");
	tl_fails(s, "ERROR_ACCESS_DENIED", "STATUS_ACCESS_DENIED", 2, "MapViewOfFile $h FILE_MAP_READ|FILE_MAP_EXECUTE 0 0");
}

static void test_section_object_size_limits_views(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	run(s, "$f = CreateFile data.bin 128K");
	run(s, "$small = CreateFileMapping $f PAGE_READWRITE 8K");
	tl_fails(s, "ERROR_ACCESS_DENIED", "STATUS_INVALID_VIEW_SIZE", 4, "MapViewOfFile $small FILE_MAP_READ 0 16K");
	tl_fails(s, "ERROR_ACCESS_DENIED", "STATUS_INVALID_VIEW_SIZE", 3, "MapViewOfFile $small FILE_MAP_READ 64K 0");
	run(s, "$all = CreateFileMapping $f PAGE_READWRITE 0");
	run(s, "MapViewOfFile $all FILE_MAP_READ 64K 0");
}

static void test_file_map_access_to_protection(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$h = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K");
	/* FILE_MAP_ALL_ACCESS holds FILE_MAP_COPY's bit but maps read-write */
	assert_string_equal(alloc_protect(s, run_val(s, "MapViewOfFile $h FILE_MAP_ALL_ACCESS 0 0")), "PAGE_READWRITE");
	/* FILE_MAP_COPY combined with the others maps copy-on-write */
	assert_string_equal(alloc_protect(s, run_val(s, "MapViewOfFile $h FILE_MAP_COPY|FILE_MAP_WRITE 0 0")),
			    "PAGE_WRITECOPY");
	assert_string_equal(alloc_protect(s, run_val(s, "MapViewOfFile $h FILE_MAP_READ 0 0")), "PAGE_READONLY");
}

static void test_named_object_keeps_its_protection(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$a = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READONLY 64K shared");
	/* a second CreateFileMapping of the name opens the object: its own
	 * protection stays, the new handle gets what kernel32 asked for */
	TL_JSON b = run_ok(s, "$b = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K shared");
	assert_true(tl_bool(b, "result.already_exists"));
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_SECTION_PROTECTION", 2, "MapViewOfFile $b FILE_MAP_WRITE 0 0");
	run(s, "CloseHandle $a");
	run(s, "MapViewOfFile $b FILE_MAP_READ 0 0");
	run(s, "CloseHandle $b");
	tl_fails(s, "ERROR_FILE_NOT_FOUND", "STATUS_OBJECT_NAME_NOT_FOUND", 1, "OpenFileMapping shared");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_section_object_limits_its_views),
		cmocka_unit_test(test_read_only_first_does_not_limit_a_later_writer),
		cmocka_unit_test(test_section_protection_behind_a_full_access_handle),
		cmocka_unit_test(test_section_object_size_limits_views),
		cmocka_unit_test(test_file_map_access_to_protection),
		cmocka_unit_test(test_named_object_keeps_its_protection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
