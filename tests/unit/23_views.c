/*
 * 23_views.c — section objects and the views mapped from them, as the WRK
 * makes them (docs/reference.md R-SECTION-API, R-SECTION-BACKING,
 * R-VIEW-PROTECT, R-VIEW-COMMIT):
 *   - NtMapViewOfSection's handle check (MmMakeSectionAccess) and
 *     MmMapViewOfSection / MiMapViewOfDataSection's check of the view's
 *     protection against the section object's own (MiIsProtectionCompatible),
 *     each section object with its own protection and size over the file's
 *     one control area;
 *   - kernel32's FILE_MAP_* -> page protection;
 *   - SEC_RESERVE and SEC_COMMIT, and NtAllocateVirtualMemory's "commit in
 *     a mapped view" branch (STATUS_ALREADY_COMMITTED for files and images);
 *   - MiResetVirtualMemory on views (refused only for files and images);
 *   - NtProtectVirtualMemory / MiProtectVirtualMemory and
 *     MiSetProtectionOnSection on data, copy-on-write and image views.
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

/* ---- NtAllocateVirtualMemory's "commit in a mapped view" branch ---- */

static void test_sec_reserve_commits_in_the_view(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$h = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE|SEC_RESERVE 64K");
	uint64_t v = run_val(s, "MapViewOfFile $h FILE_MAP_WRITE 0 0");
	TL_JSON q = run_ok(s, "VirtualQuery %#" PRIx64, v);
	assert_string_equal(tl_str(q, "result.State"), "MEM_RESERVE");
	TL_JSON r = run_ok(s, "read %#" PRIx64, v);
	assert_string_equal(tl_exception(r), "STATUS_ACCESS_VIOLATION");
	TL_JSON ca0 = run_ok(s, "!ca %#" PRIx64, v);
	assert_int_equal(tl_num(ca0, "result.commit"), 0); /* SEC_RESERVE: nothing charged yet */
	run(s, "VirtualAlloc %#" PRIx64 " 8K MEM_COMMIT PAGE_READWRITE", v);
	TL_JSON ca1 = run_ok(s, "!ca %#" PRIx64, v); /* the two pages, charged to the segment */
	assert_int_equal(tl_num(ca1, "result.commit"), 2);
	uint64_t mid = tl_commit(s);
	TL_JSON q2 = run_ok(s, "VirtualQuery %#" PRIx64, v);
	assert_string_equal(tl_str(q2, "result.State"), "MEM_COMMIT");
	assert_int_equal(tl_num(q2, "result.RegionSize"), 0x2000);
	TL_JSON w = run_ok(s, "write %#" PRIx64 " 0x41", v + 0x1000);
	assert_string_equal(tl_exception(w), "");
	/* committing again charges nothing */
	run(s, "VirtualAlloc %#" PRIx64 " 4K MEM_COMMIT PAGE_READWRITE", v);
	assert_int_equal(tl_commit(s), mid);
	/* the section's commit goes with it (the page tables stay with the process) */
	run(s, "UnmapViewOfFile %#" PRIx64, v);
	run(s, "CloseHandle $h");
	assert_true(tl_commit(s) <= mid - 2);
}

static void test_sec_commit_is_charged_at_creation(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_PAE);
	uint64_t before = tl_commit(s);
	run(s, "$h = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE|SEC_COMMIT 64K");
	assert_true(tl_commit(s) >= before + 16); /* and the pool holding its prototype PTEs */
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_6", 2,
		 "CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE|SEC_COMMIT|SEC_RESERVE 64K");
	uint64_t v = run_val(s, "MapViewOfFile $h FILE_MAP_WRITE 0 0");
	/* committed already: MEM_COMMIT succeeds and charges the segment nothing */
	run(s, "VirtualAlloc %#" PRIx64 " 64K MEM_COMMIT PAGE_READWRITE", v);
	TL_JSON ca = run_ok(s, "!ca %#" PRIx64, v);
	assert_int_equal(tl_num(ca, "result.commit"), 16);
}

static void test_file_view_and_image_are_already_committed(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$f = CreateFile data.bin 64K");
	run(s, "$h = CreateFileMapping $f PAGE_READWRITE 0");
	run(s, "$v = MapViewOfFile $h FILE_MAP_WRITE 0 0");
	tl_fails(s, "ERROR_ACCESS_DENIED", "STATUS_ALREADY_COMMITTED", 1, "VirtualAlloc $v 4K MEM_COMMIT PAGE_READWRITE");
	run(s, "$k = LoadLibrary kernel32.dll");
	tl_fails(s, "ERROR_ACCESS_DENIED", "STATUS_ALREADY_COMMITTED", 1, "VirtualAlloc $k 4K MEM_COMMIT PAGE_READONLY");
}

/* ---- MiResetVirtualMemory ---- */

static void test_mem_reset_on_views(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$h = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K");
	run(s, "$v = MapViewOfFile $h FILE_MAP_WRITE 0 0");
	run(s, "write $v 0x41");
	run(s, "VirtualAlloc $v 4K MEM_RESET PAGE_NOACCESS");
	run(s, "EmptyWorkingSet");
	/* reset: clean, so the page went to standby, not to the modified list */
	TL_JSON vm = run_ok(s, "!vm");
	assert_int_equal(tl_num(vm, "result.lists.modified"), 0);
	assert_int_equal(tl_num(vm, "result.lists.standby"), 1);
	run(s, "$f = CreateFile data.bin 64K");
	run(s, "$fh = CreateFileMapping $f PAGE_READWRITE 0");
	run(s, "$fv = MapViewOfFile $fh FILE_MAP_WRITE 0 0");
	tl_fails(s, "ERROR_USER_MAPPED_FILE", "STATUS_USER_MAPPED_FILE", 1, "VirtualAlloc $fv 4K MEM_RESET PAGE_NOACCESS");
}

/* ---- NtProtectVirtualMemory on views (MiSetProtectionOnSection) ---- */

static void test_protect_data_view(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	run(s, "$h = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K");
	uint64_t v = run_val(s, "MapViewOfFile $h FILE_MAP_WRITE 0 0");
	run(s, "write %#" PRIx64 " 0x41", v);
	TL_JSON a = run_ok(s, "VirtualProtect %#" PRIx64 " 4K PAGE_READONLY", v);
	assert_string_equal(tl_str(a, "result.old_protect"), "PAGE_READWRITE");
	TL_JSON w = run_ok(s, "write %#" PRIx64 " 0x42", v);
	assert_string_equal(tl_exception(w), "STATUS_ACCESS_VIOLATION");
	/* trimmed and touched again, the page keeps its own protection */
	run(s, "EmptyWorkingSet");
	TL_JSON r = run_ok(s, "read %#" PRIx64, v);
	assert_string_equal(tl_exception(r), "");
	TL_JSON w2 = run_ok(s, "write %#" PRIx64 " 0x43", v);
	assert_string_equal(tl_exception(w2), "STATUS_ACCESS_VIOLATION");
	TL_JSON q = run_ok(s, "VirtualQuery %#" PRIx64, v);
	assert_string_equal(tl_str(q, "result.Protect"), "PAGE_READONLY");
	assert_string_equal(tl_str(q, "result.AllocationProtect"), "PAGE_READWRITE");
	TL_JSON b = run_ok(s, "VirtualProtect %#" PRIx64 " 4K PAGE_READWRITE", v);
	assert_string_equal(tl_str(b, "result.old_protect"), "PAGE_READONLY");
	TL_JSON w3 = run_ok(s, "write %#" PRIx64 " 0x44", v);
	assert_string_equal(tl_exception(w3), "");
	/* a read-only view cannot be made writable: the VAD's protection limits it */
	uint64_t ro = run_val(s, "MapViewOfFile $h FILE_MAP_READ 0 0");
	char line[96];
	snprintf(line, sizeof line, "VirtualProtect %#" PRIx64 " 4K PAGE_READWRITE", ro);
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_SECTION_PROTECTION", 3, line);
}

static void test_protect_copy_on_write_view(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$f = CreateFile data.bin 64K");
	run(s, "$h = CreateFileMapping $f PAGE_READWRITE 0");
	uint64_t v = run_val(s, "MapViewOfFile $h FILE_MAP_COPY 0 0");
	char line[96];
	/* the check against the VAD's PAGE_WRITECOPY comes first: no read-write */
	snprintf(line, sizeof line, "VirtualProtect %#" PRIx64 " 4K PAGE_READWRITE", v);
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_SECTION_PROTECTION", 3, line);
	/* read-only returns the page's copy-on-write charge; write-copy takes it
	 * again (a first call that changes nothing makes the page tables) */
	run(s, "VirtualProtect %#" PRIx64 " 4K PAGE_WRITECOPY", v);
	uint64_t c0 = tl_commit(s);
	run(s, "VirtualProtect %#" PRIx64 " 4K PAGE_READONLY", v);
	assert_int_equal(tl_commit(s), c0 - 1);
	run(s, "VirtualProtect %#" PRIx64 " 4K PAGE_WRITECOPY", v);
	assert_int_equal(tl_commit(s), c0);
	/* once copied the page is private: it keeps PAGE_READWRITE */
	run(s, "write %#" PRIx64 " 1", v);
	TL_JSON a = run_ok(s, "VirtualProtect %#" PRIx64 " 4K PAGE_READONLY", v);
	assert_string_equal(tl_str(a, "result.old_protect"), "PAGE_READWRITE");
	TL_JSON b = run_ok(s, "VirtualProtect %#" PRIx64 " 4K PAGE_WRITECOPY", v);
	assert_string_equal(tl_str(b, "result.old_protect"), "PAGE_READONLY");
	TL_JSON q = run_ok(s, "VirtualQuery %#" PRIx64, v);
	assert_string_equal(tl_str(q, "result.Protect"), "PAGE_READWRITE"); /* private: write-copy means write */
}

static void test_protect_image_view(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	uint64_t k = run_val(s, "LoadLibrary kernel32.dll");
	/* READWRITE on an image page becomes WRITECOPY; the old protection is the page's */
	TL_JSON a = run_ok(s, "VirtualProtect %#" PRIx64 " 4K PAGE_READWRITE", k + 0x1000);
	assert_string_equal(tl_str(a, "result.old_protect"), "PAGE_EXECUTE_READ");
	TL_JSON q = run_ok(s, "VirtualQuery %#" PRIx64, k + 0x1000);
	assert_string_equal(tl_str(q, "result.Protect"), "PAGE_WRITECOPY");
	TL_JSON w = run_ok(s, "write %#" PRIx64 " 7", k + 0x1000);
	assert_string_equal(tl_exception(w), "");
	char buf[32];
	assert_string_equal(tl_faults(w, buf, sizeof buf), "prototype,hard,copy_on_write");
	TL_JSON q2 = run_ok(s, "VirtualQuery %#" PRIx64, k + 0x1000);
	assert_string_equal(tl_str(q2, "result.Protect"), "PAGE_READWRITE");
	/* no access takes a page out; giving it back makes it readable again */
	run(s, "VirtualProtect %#" PRIx64 " 4K PAGE_NOACCESS", k + 0x2000);
	TL_JSON r = run_ok(s, "read %#" PRIx64, k + 0x2000);
	assert_string_equal(tl_exception(r), "STATUS_ACCESS_VIOLATION");
	TL_JSON b = run_ok(s, "VirtualProtect %#" PRIx64 " 4K PAGE_EXECUTE_READ", k + 0x2000);
	assert_string_equal(tl_str(b, "result.old_protect"), "PAGE_NOACCESS");
	TL_JSON r2 = run_ok(s, "read %#" PRIx64, k + 0x2000);
	assert_string_equal(tl_exception(r2), "");
	/* no cache attribute in a view */
	char line[96];
	snprintf(line, sizeof line, "VirtualProtect %#" PRIx64 " 4K PAGE_READONLY|PAGE_NOCACHE", k + 0x2000);
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER_4", 3, line);
}

static void test_protect_uncommitted_reserve_page(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X64);
	run(s, "$h = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE|SEC_RESERVE 64K");
	run(s, "$v = MapViewOfFile $h FILE_MAP_WRITE 0 0");
	run(s, "VirtualAlloc $v 4K MEM_COMMIT PAGE_READWRITE");
	run(s, "VirtualProtect $v 4K PAGE_READONLY");
	tl_fails(s, "ERROR_INVALID_ADDRESS", "STATUS_NOT_COMMITTED", 1, "VirtualProtect $v 8K PAGE_READONLY");
}

static void test_guard_on_a_view_page(void **state)
{
	TL_SESSION s = tl_bare(MM_ARCH_X86);
	run(s, "$h = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K");
	uint64_t v = run_val(s, "MapViewOfFile $h FILE_MAP_WRITE 0 0");
	run(s, "write %#" PRIx64 " 1", v);
	run(s, "VirtualProtect %#" PRIx64 " 4K PAGE_READWRITE|PAGE_GUARD", v);
	/* the first touch raises the guard once and removes it */
	TL_JSON a = run_ok(s, "read %#" PRIx64, v);
	assert_string_equal(tl_exception(a), "STATUS_GUARD_PAGE_VIOLATION");
	TL_JSON b = run_ok(s, "read %#" PRIx64, v);
	assert_string_equal(tl_exception(b), "");
	TL_JSON q = run_ok(s, "VirtualQuery %#" PRIx64, v);
	assert_string_equal(tl_str(q, "result.Protect"), "PAGE_READWRITE");
}

/* The PTE a trim writes follows the page's own protection in every mode
 * (MiEliminateWorkingSetEntry after MiSetProtectionOnSection): a page
 * VirtualProtect gave a protection other than the prototype PTE's gets the
 * "protection in the PTE" form (MI_PTE_LOOKUP_NEEDED); one protected back
 * to the prototype PTE's gets the direct pointer without protection; a
 * non-resident page VirtualProtect changes gets the lookup form at once. */
static void test_protect_then_trim_writes_the_page_form(void **state)
{
	(void)state;
	const enum mm_arch arches[] = {MM_ARCH_X86, MM_ARCH_PAE, MM_ARCH_X64};
	for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++) {
		TL_SESSION s = tl_bare(arches[i]);
		run(s, "$h = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K");
		uint64_t v = run_val(s, "MapViewOfFile $h FILE_MAP_WRITE 0 0");
		run(s, "write %#" PRIx64 " 0x41", v);
		run(s, "VirtualProtect %#" PRIx64 " 4K PAGE_READONLY", v); /* resident: its WSLE keeps it */
		run(s, "EmptyWorkingSet");
		TL_JSON a = run_ok(s, "!pte %#" PRIx64, v);
		assert_string_equal(tl_str(a, "result.pte.format"), "prototype");
		assert_true(tl_bool(a, "result.pte.lookup_needed"));
		assert_string_equal(tl_str(a, "result.pte.protection"), "PAGE_READONLY");
		run(s, "read %#" PRIx64, v);
		run(s, "VirtualProtect %#" PRIx64 " 4K PAGE_READWRITE", v); /* back to the prototype PTE's */
		run(s, "EmptyWorkingSet");
		TL_JSON b = run_ok(s, "!pte %#" PRIx64, v);
		assert_string_equal(tl_str(b, "result.pte.format"), "prototype");
		assert_null(tl_get(b, "result.pte.lookup_needed"));
		assert_null(tl_get(b, "result.pte.protection"));
		run(s, "VirtualProtect %#" PRIx64 " 4K PAGE_READONLY", v); /* not resident: written into the PTE */
		TL_JSON c = run_ok(s, "!pte %#" PRIx64, v);
		assert_true(tl_bool(c, "result.pte.lookup_needed"));
		assert_string_equal(tl_str(c, "result.pte.protection"), "PAGE_READONLY");
		TL_JSON w = run_ok(s, "write %#" PRIx64 " 0x42", v);
		assert_string_equal(tl_exception(w), "STATUS_ACCESS_VIOLATION");
	}
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
		cmocka_unit_test(test_sec_reserve_commits_in_the_view),
		cmocka_unit_test(test_sec_commit_is_charged_at_creation),
		cmocka_unit_test(test_file_view_and_image_are_already_committed),
		cmocka_unit_test(test_mem_reset_on_views),
		cmocka_unit_test(test_protect_data_view),
		cmocka_unit_test(test_protect_copy_on_write_view),
		cmocka_unit_test(test_protect_image_view),
		cmocka_unit_test(test_protect_uncommitted_reserve_page),
		cmocka_unit_test(test_guard_on_a_view_page),
		cmocka_unit_test(test_protect_then_trim_writes_the_page_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
