/*
 * 15_heapmem.c — kernel32's LocalAlloc, LocalFree, GlobalAlloc and
 * GlobalFree over the process heap (core/win32/heapmem.c,
 * docs/reference.md R-HEAPMEM; Microsoft's "Comparing Memory Allocation
 * Methods": LocalAlloc and GlobalAlloc are RtlAllocateHeap on the process
 * heap), and RtlAllocateHeap's HEAP_ZERO_MEMORY behind LMEM_ZEROINIT/GPTR.
 */
#include "testlib.h"

static uint64_t rd(struct session *s, uint64_t va, int size)
{
	TL_JSON r = run_ok(s, "read %#" PRIx64 " %d", va, size);
	assert_string_equal(tl_exception(r), "");
	return tl_hex(r, "result.value");
}

/* Fixed memory is a block of the process heap: !heap counts it, and a
 * freed block is handed out again by HeapAlloc; LPTR zeroes what a plain
 * LMEM_FIXED leaves as it was. */
static void test_fixed_is_process_heap(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X86);
	run(s, "process create app.exe");
	uint64_t heap = run_val(s, "$h = GetProcessHeap");
	TL_JSON a = run_ok(s, "$l = LocalAlloc LMEM_FIXED 64");
	assert_int_equal(tl_hex(a, "result.heap"), heap);
	uint64_t l = tl_hex(a, "result.value");
	assert_true(l > heap && l < heap + 0x100000);
	run(s, "write $l+8 0x1122334455667788 8");
	run(s, "LocalFree $l");
	/* RtlFreeHeap put it back: the same block comes out of HeapAlloc */
	assert_int_equal(run_val(s, "$q = HeapAlloc $h 64"), l);
	assert_int_equal(rd(s, l + 8, 8), 0x1122334455667788ull);
	run(s, "HeapFree $h $q");
	assert_int_equal(run_val(s, "$z = LocalAlloc LPTR 64"), l); /* LMEM_ZEROINIT: HEAP_ZERO_MEMORY */
	assert_int_equal(rd(s, l + 8, 8), 0);
	run(s, "write $z+8 0x55 1");
	run(s, "GlobalFree $z"); /* Local and Global memory are the same thing on NT */
	assert_int_equal(run_val(s, "$g = GlobalAlloc GPTR 64"), l);
	assert_int_equal(rd(s, l + 8, 8), 0);
	TL_JSON h = run_ok(s, "!heap $h");
	const cJSON *b;
	bool found = false;
	cJSON_ArrayForEach(b, tl_need(h, "result.heaps.0.entries"))
		if (!strcmp(tl_str(b, "state"), "busy") && tl_hex(b, "user") == l)
			found = true;
	assert_true(found);
	run(s, "GlobalFree $g");
}

static void test_errors(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app.exe");
	tl_fails(s, "ERROR_NOT_SUPPORTED", NULL, 1, "LocalAlloc LMEM_MOVEABLE 16");
	tl_fails(s, "ERROR_NOT_SUPPORTED", NULL, 1, "GlobalAlloc GHND 16");
	tl_fails(s, "ERROR_INVALID_PARAMETER", NULL, 1, "LocalAlloc 0x8000 16");
	tl_fails(s, "ERROR_INVALID_PARAMETER", NULL, 1, "GlobalAlloc 0x10000 16");
	uint64_t p = run_val(s, "$p = LocalAlloc LPTR 16");
	run(s, "LocalFree $p");
	tl_fails(s, "ERROR_INVALID_HANDLE", NULL, 1, "LocalFree $p"); /* freed twice */
	tl_fails(s, "ERROR_INVALID_HANDLE", NULL, 1, "GlobalFree 0x12345");
	TL_JSON z = run_ok(s, "LocalFree 0"); /* LocalFree(NULL) succeeds and does nothing */
	assert_false(tl_bool(z, "result.freed"));
	(void)p;
	run(s, "process create bare.exe --bare");
	tl_fails(s, "ERROR_INVALID_HANDLE", NULL, -1, "LocalAlloc LPTR 16");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_is_process_heap),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests_name("15_heapmem", tests, NULL, NULL);
}
