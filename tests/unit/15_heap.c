/*
 * 15_heap.c — the heap manager (core/win32/heap.c, docs/reference.md R-HEAP): the default
 * process heap and GetProcessHeap; HeapCreate's sizes (growable and fixed);
 * HeapAlloc's block headers and alignment, written into the heap's memory;
 * committing on demand, splitting, coalescing, decommitting past the
 * thresholds; large blocks with their own VirtualAlloc; new segments;
 * HeapFree and HeapDestroy with their errors; HEAP_ZERO_MEMORY; the PEB's
 * list of heaps; and teardown.
 */
#include "testlib.h"

static struct session *full(enum mm_arch a)
{
	struct session *s = tl_session(a);
	run(s, "process create app.exe");
	run(s, "$h = GetProcessHeap");
	return s;
}

static uint64_t rd(struct session *s, uint64_t va, int size)
{
	TL_JSON r = run_ok(s, "read %#" PRIx64 " %d", va, size);
	assert_string_equal(tl_exception(r), "");
	return tl_hex(r, "result.value");
}

/* The 8 bytes of a block's HEAP_ENTRY: just below the user data on both
 * (the 64-bit header's first 8 bytes are PreviousBlockPrivateData). */
static uint64_t entry(struct session *s, uint64_t user)
{
	return rd(s, user - 8, 8);
}

static uint64_t committed(struct session *s, uint64_t base)
{
	TL_JSON q = run_ok(s, "VirtualQuery %#" PRIx64, base);
	assert_string_equal(tl_str(q, "result.State"), "MEM_COMMIT");
	return (uint64_t)tl_num(q, "result.RegionSize");
}

/* ---- the default heap ---- */

static void test_process_heap(void **state)
{
	TL_SESSION s = full(MM_ARCH_X86);
	TL_JSON g = run_ok(s, "GetProcessHeap");
	assert_int_equal(tl_hex(g, "result.value"), 0x110000);
	assert_int_equal(rd(s, 0x7FFDF018, 4), 0x110000);   /* PEB.ProcessHeap */
	assert_int_equal(rd(s, 0x7FFDF248, 4), 0x110000);   /* PEB.ProcessHeaps[0] */
	assert_int_equal(rd(s, 0x110008, 4), 0xEEFFEEFF);   /* HEAP.Signature */
	assert_int_equal(rd(s, 0x110648, 4), 0xFFEEFFEE);   /* HEAP_SEGMENT.Signature */
	TL_JSON h = run_ok(s, "!heap");
	assert_int_equal(tl_len(h, "result.heaps"), 1);
	assert_true(tl_bool(h, "result.heaps.0.growable"));
	TL_SESSION b = tl_session(MM_ARCH_X86);
	run(b, "process create bare --bare");
	tl_fails(b, "ERROR_INVALID_HANDLE", "STATUS_INVALID_HANDLE", -1, "GetProcessHeap");
}

/* Headers of 8 or 16 bytes before 8- or 16-byte aligned user data; the
 * block size counts granules and includes the header. */
static void headers(enum mm_arch a, uint64_t first)
{
	TL_SESSION s = full(a);
	unsigned gran = a == MM_ARCH_X64 ? 16 : 8;
	uint64_t p = run_val(s, "HeapAlloc $h 100");
	assert_int_equal(p, first + gran);
	assert_int_equal(p % gran, 0);
	uint64_t e = entry(s, p), size = (100 + gran + gran - 1) / gran * gran;
	assert_int_equal(e & 0xFFFF, size / gran);           /* Size */
	assert_int_equal((e >> 40) & 0xFF, 0x01);             /* Flags: BUSY */
	assert_int_equal((e >> 48) & 0xFF, size - 100);       /* UnusedBytes */
	uint64_t q = run_val(s, "HeapAlloc $h 0");
	assert_int_equal(q, p + size);                        /* the next block follows directly */
	uint64_t eq = entry(s, q);
	assert_int_equal(eq & 0xFFFF, 2);                     /* 0 bytes still take a granule */
	assert_int_equal((eq >> 16) & 0xFFFF, size / gran);   /* PreviousSize */
	TL_JSON h = run_ok(s, "!heap $h");
	assert_string_equal(tl_str(h, "result.heaps.0.entries.2.state"), "free");
}

static void test_headers_x86(void **state) { headers(MM_ARCH_X86, 0x110680); }
static void test_headers_x64(void **state) { headers(MM_ARCH_X64, 0x110A80); }

/* The heap commits as it needs: 4 KB at first, more pages on demand. */
static void test_commit_on_demand(void **state)
{
	TL_SESSION s = full(MM_ARCH_X86);
	assert_int_equal(committed(s, 0x110000), 0x1000);
	/* RtlpExtendHeap commits the whole request rounded to pages (three),
	 * and the new range then merges with the free block before it */
	TL_JSON a = run_ok(s, "HeapAlloc $h 0x2000");
	assert_int_equal(tl_charged(a), 3);
	assert_int_equal(committed(s, 0x110000), 0x4000);
	assert_true(tl_count_events(a, "fault") >= 1); /* the new page's header: a demand-zero fault */
	TL_JSON b = run_ok(s, "HeapAlloc $h 0x100");
	assert_int_equal(tl_charged(b), 0); /* the split remainder holds it */
}

/* Freed neighbours merge; free space past the thresholds is decommitted. */
static void test_coalesce_and_decommit(void **state)
{
	TL_SESSION s = full(MM_ARCH_X86);
	uint64_t a = run_val(s, "$a = HeapAlloc $h 100");
	run(s, "$b = HeapAlloc $h 100");
	run(s, "$c = HeapAlloc $h 100");
	run(s, "HeapFree $h $b");
	run(s, "HeapFree $h $a");
	TL_JSON h = run_ok(s, "!heap $h");
	assert_int_equal(tl_hex(h, "result.heaps.0.entries.0.address"), a - 8);
	assert_int_equal(tl_num(h, "result.heaps.0.entries.0.size"), 2 * 0x70);
	assert_string_equal(tl_str(h, "result.heaps.0.entries.0.state"), "free");
	assert_string_equal(tl_str(h, "result.heaps.0.entries.1.state"), "busy");
	/* 100 KB in blocks, then freed: past 64 KB of free space the whole
	 * pages go back to reserved */
	uint64_t blocks[10];
	for (int i = 0; i < 10; i++)
		blocks[i] = run_val(s, "HeapAlloc $h 10000");
	uint64_t before = committed(s, 0x110000);
	assert_true(before >= 100000);
	int64_t back = 0;
	for (int i = 0; i < 10; i++) {
		TL_JSON f = run_ok(s, "HeapFree $h %#" PRIx64, blocks[i]);
		back += tl_charged(f);
	}
	assert_true(back <= -16); /* at least 64 KB of pages */
	TL_JSON q = run_ok(s, "VirtualQuery 0x110000");
	assert_true((uint64_t)tl_num(q, "result.RegionSize") < before);
	/* the heap still works across the uncommitted range */
	uint64_t p = run_val(s, "HeapAlloc $h 50000");
	run(s, "write %#" PRIx64 " 7", p + 49000);
	run(s, "HeapFree $h $c");
}

/* Above VirtualMemoryThreshold a block has its own VirtualAlloc region,
 * released by HeapFree. */
static void test_large_block(void **state)
{
	TL_SESSION s = full(MM_ARCH_X86);
	TL_JSON a = run_ok(s, "$big = HeapAlloc $h 0x80000");
	uint64_t p = tl_hex(a, "result.value");
	assert_int_equal(tl_charged(a), 0x81);
	TL_JSON q = run_ok(s, "VirtualQuery $big");
	assert_int_equal(tl_hex(q, "result.AllocationBase"), p - 0x20); /* HEAP_VIRTUAL_ALLOC_ENTRY */
	assert_int_equal(rd(s, p - 8 + 5, 1), 0x0B); /* VIRTUAL_ALLOC|EXTRA_PRESENT|BUSY */
	TL_JSON ad = run_ok(s, "!address $big");
	assert_string_equal(tl_str(ad, "result.regions.0.usage"), "heap");
	uint64_t small = run_val(s, "HeapAlloc $h 0x7E000"); /* just under the threshold: in the segment */
	assert_true(small > 0x110000 && small < 0x210000);
	TL_JSON f = run_ok(s, "HeapFree $h $big");
	assert_int_equal(tl_charged(f), -0x81);
	assert_non_null(tl_event(f, "vad_remove", 0));
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 2, "HeapFree $h $big");
}

/* HeapCreate: maximum 0 is growable (new segments when full); otherwise
 * fixed, and a fixed heap refuses blocks above the threshold. */
static void test_create_sizes(void **state)
{
	TL_SESSION s = full(MM_ARCH_X86);
	TL_JSON g = run_ok(s, "$g = HeapCreate");
	uint64_t gh = tl_hex(g, "result.value");
	TL_JSON gq = run_ok(s, "VirtualQuery %#" PRIx64, gh + 0x1000);
	assert_int_equal((uint64_t)tl_num(gq, "result.RegionSize"), 0x40000 - 0x1000); /* 64 x 4 KB reserved */
	run(s, "HeapAlloc $g 0x30000");
	TL_JSON seg = run_ok(s, "HeapAlloc $g 0x30000"); /* no room: a second segment of 1 MB */
	assert_non_null(tl_event(seg, "vad_insert", 0));
	TL_JSON h = run_ok(s, "!heap $g");
	assert_int_equal(tl_num(h, "result.heaps.0.segments"), 2);
	TL_JSON pe = run_ok(s, "read 0x7FFDF088 4");
	assert_int_equal(tl_hex(pe, "result.value"), 2); /* PEB.NumberOfHeaps */
	/* fixed */
	run(s, "$f = HeapCreate 0 64K");
	run(s, "$x = HeapAlloc $f 0x8000");
	tl_fails(s, "ERROR_NOT_ENOUGH_MEMORY", "STATUS_NO_MEMORY", 2, "HeapAlloc $f 0x9000");
	TL_JSON big = run_fail(s, NULL, "HeapAlloc $f 0x80000");
	assert_string_equal(tl_str(big, "error.ntstatus"), "STATUS_BUFFER_TOO_SMALL");
	/* an initial size above the maximum raises the maximum (kernel32) */
	TL_JSON r = run_ok(s, "$r = HeapCreate 128K 64K");
	TL_JSON rq = run_ok(s, "VirtualQuery %#" PRIx64, tl_hex(r, "result.value"));
	assert_int_equal((uint64_t)tl_num(rq, "result.RegionSize"), 0x20000);
	assert_string_equal(tl_str(rq, "result.State"), "MEM_COMMIT");
}

static void test_free_destroy_errors(void **state)
{
	TL_SESSION s = full(MM_ARCH_X64);
	uint64_t commit = tl_commit(s);
	run(s, "$p = HeapAlloc $h 64");
	tl_fails(s, "ERROR_INVALID_HANDLE", "STATUS_INVALID_HANDLE", 1, "HeapAlloc 0x50000000 64");
	tl_fails(s, "ERROR_INVALID_HANDLE", "STATUS_INVALID_HANDLE", 1, "HeapFree 0x50000000 $p");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 2, "HeapFree $h $p+16");
	tl_fails(s, "ERROR_NOT_ENOUGH_MEMORY", "STATUS_NO_MEMORY", 2, "HeapAlloc $h 0x80000000");
	run(s, "HeapFree $h $p");
	tl_fails(s, "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER", 2, "HeapFree $h $p");
	tl_fails(s, "ERROR_INVALID_HANDLE", "STATUS_INVALID_HANDLE", 1, "HeapDestroy $h");
	tl_fails(s, "ERROR_INVALID_HANDLE", "STATUS_INVALID_HANDLE", 1, "HeapDestroy 0x12340000");
	/* destroying a heap returns its segments and large blocks */
	uint64_t before = tl_commit(s);
	run(s, "$g = HeapCreate 0 0");
	run(s, "$q = HeapAlloc $g 0x200000");
	run(s, "HeapAlloc $g 0x100");
	TL_JSON pe = run_ok(s, "read 0x7FFFFFFDF0E8 4");
	assert_int_equal(tl_hex(pe, "result.value"), 2);
	TL_JSON d = run_ok(s, "HeapDestroy $g");
	assert_int_equal(tl_commit(s), before);
	assert_true(tl_count_events(d, "vad_remove") == 2);
	TL_JSON pe2 = run_ok(s, "read 0x7FFFFFFDF0E8 4");
	assert_int_equal(tl_hex(pe2, "result.value"), 1);
	tl_fails(s, "ERROR_INVALID_HANDLE", "STATUS_INVALID_HANDLE", 1, "HeapAlloc $g 16");
	assert_true(commit <= before);
}

/* HEAP_ZERO_MEMORY zeroes a reused block; without it the old bytes stay. */
static void test_zero_memory(void **state)
{
	TL_SESSION s = full(MM_ARCH_PAE);
	uint64_t p = run_val(s, "$p = HeapAlloc $h 64");
	run(s, "write $p+8 0x1122334455667788 8");
	run(s, "HeapFree $h $p");
	assert_int_equal(run_val(s, "$q = HeapAlloc $h 64"), p);
	assert_int_equal(rd(s, p + 8, 8), 0x1122334455667788ull);
	run(s, "HeapFree $h $q");
	assert_int_equal(run_val(s, "$z = HeapAlloc $h 64 HEAP_ZERO_MEMORY"), p);
	assert_int_equal(rd(s, p + 8, 8), 0);
}

/* Heaps in a bare process work too (no PEB to record them in). */
static void test_bare_process_heap(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create b --bare");
	uint64_t h = run_val(s, "$g = HeapCreate 0x3000 0x10000");
	assert_int_equal(h, 0x10000);
	uint64_t p = run_val(s, "HeapAlloc $g 32");
	assert_int_equal(p, h + 0xA80 + 16);
	run(s, "HeapDestroy $g");
}

/* Exit with heaps in use returns everything. */
/* Regression (the 1,000,000-command property test, x86): a heap's memory
 * released with VirtualFree, then a new heap made at the same address,
 * left two heaps with one handle (H1). As in Windows the released heap
 * stays listed and faults when used; a new heap at its address replaces
 * it (docs/simplifications.md SIMP-HEAP). */
static void test_heap_released_under_it(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X86);
	run(s, "process create app.exe");
	uint64_t g = run_val(s, "$g = HeapCreate");
	run(s, "VirtualFree $g 0 MEM_RELEASE");
	TL_JSON listed = run_ok(s, "!heap");
	assert_int_equal(tl_len(listed, "result.heaps"), 2);
	TL_JSON av = run_fail(s, "ERROR_NOACCESS", "HeapAlloc $g 100");
	uint64_t g2 = run_val(s, "$g2 = HeapCreate");
	assert_int_equal(g2, g); /* the lowest free range again */
	tl_check(s, "a heap made where a released one was");
	TL_JSON after = run_ok(s, "!heap");
	assert_int_equal(tl_len(after, "result.heaps"), 2);
	run(s, "HeapAlloc $g2 100");
	run(s, "HeapDestroy $g2");
	TL_JSON last = run_ok(s, "!heap");
	assert_int_equal(tl_len(last, "result.heaps"), 1);
}

static void test_exit_with_heaps(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X86);
	/* the first full process creates the image sections (prototype PTEs in
	 * paged pool, control areas in non-paged pool): system memory that
	 * stays cached after the process, so the baseline is taken after one */
	run(s, "process create warm.exe");
	run(s, "process exit warm.exe");
	uint64_t commit = tl_commit(s), avail = tl_available(s);
	run(s, "process create app.exe");
	run(s, "$h = GetProcessHeap");
	run(s, "$g = HeapCreate");
	run(s, "HeapAlloc $h 0x90000");
	for (int i = 0; i < 8; i++)
		run(s, "HeapAlloc $g 5000");
	run(s, "process exit app.exe");
	assert_int_equal(tl_commit(s), commit);
	assert_int_equal(tl_available(s), avail);
	/* the slot is reused with no heap left behind */
	run(s, "process create again.exe");
	TL_JSON h = run_ok(s, "!heap");
	assert_int_equal(tl_len(h, "result.heaps"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_process_heap),
		cmocka_unit_test(test_headers_x86),
		cmocka_unit_test(test_headers_x64),
		cmocka_unit_test(test_commit_on_demand),
		cmocka_unit_test(test_coalesce_and_decommit),
		cmocka_unit_test(test_large_block),
		cmocka_unit_test(test_create_sizes),
		cmocka_unit_test(test_free_destroy_errors),
		cmocka_unit_test(test_zero_memory),
		cmocka_unit_test(test_bare_process_heap),
		cmocka_unit_test(test_heap_released_under_it),
		cmocka_unit_test(test_exit_with_heaps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
