/*
 * 12_counters.c — the fault and paging counters (core/mm/counters.c,
 * docs/reference.md R-COUNTERS) and the `counters` command
 * (docs/output.md OUT-COUNTERS): the WRK's MmInfoCounters (MMINFO_COUNTERS)
 * counted where the WRK counts them (MiAllocateWsle for PageFaultCount,
 * MiResolveDemandZeroFault, MiResolveTransitionFault, MiCopyOnWrite,
 * MiResolvePageFileFault's in-page read, MiGatherPagefilePages's write),
 * the per-process MMSUPPORT.PageFaultCount and hard-fault count, and
 * Performance Monitor's rates per simulated second of `tick`. Counters are
 * journalled state: a failed command and a step back restore them.
 */
#include "testlib.h"

#include "base/event.h"

static double total(struct session *s, const char *name)
{
	char path[64];
	snprintf(path, sizeof path, "result.totals.%s", name);
	TL_JSON r = run_ok(s, "counters");
	return tl_num(r, path);
}

/* Demand-zero pages, page tables and a soft fault all count in Page
 * Faults/sec; only the in-page read counts in Page Reads/sec. */
static void test_faults_are_not_reads(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app.exe --bare");
	TL_JSON none = run_ok(s, "counters");
	assert_true(cJSON_IsNull(tl_need(none, "result.Page Faults/sec"))); /* no interval before the first tick */
	assert_int_equal(tl_num(none, "result.interval_seconds"), 0);
	run(s, "tick");
	double pf0 = total(s, "PageFaultCount"), dz0 = total(s, "DemandZeroCount");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 64K w");
	/* 16 demand-zero pages and the three page tables x64 needs for them
	 * (PDPT, PD, PT: each a demand-zero fault on its self-map address) */
	assert_int_equal(total(s, "DemandZeroCount") - dz0, 19);
	assert_int_equal(total(s, "PageFaultCount") - pf0, 19);
	run(s, "tick");
	TL_JSON r = run_ok(s, "counters");
	assert_int_equal(tl_num(r, "result.interval_seconds"), 1);
	assert_int_equal(tl_num(r, "result.Page Faults/sec"), 19);
	assert_int_equal(tl_num(r, "result.Demand Zero Faults/sec"), 19);
	assert_int_equal(tl_num(r, "result.Page Reads/sec"), 0);
	assert_int_equal(tl_num(r, "result.Transition Faults/sec"), 0);
	/* a trimmed page taken back from the standby list: a transition
	 * fault, one more page fault, no read */
	run(s, "EmptyWorkingSet");
	run(s, "read $p");
	run(s, "tick 2");
	TL_JSON t = run_ok(s, "counters");
	assert_int_equal(tl_num(t, "result.interval_seconds"), 2);
	assert_true(tl_num(t, "result.Page Faults/sec") == 0.5);
	assert_true(tl_num(t, "result.Transition Faults/sec") == 0.5);
	assert_int_equal(tl_num(t, "result.Page Reads/sec"), 0);
	TL_JSON p = run_ok(s, "!process");
	assert_int_equal(tl_num(p, "result.processes.0.page_faults"), 20); /* MMSUPPORT.PageFaultCount */
	assert_int_equal(tl_num(p, "result.processes.0.hard_faults"), 0);
	/* the gauges are now, in bytes */
	TL_JSON vm = run_ok(s, "!vm");
	assert_int_equal(tl_num(t, "result.Available Bytes"), tl_num(vm, "result.available_pages") * 4096);
	assert_int_equal(tl_num(t, "result.Committed Bytes"), tl_num(vm, "result.commit_charge") * 4096);
	assert_int_equal(tl_num(t, "result.Commit Limit"), tl_num(vm, "result.commit_limit") * 4096);
	assert_int_equal(tl_num(vm, "result.counters.TransitionCount"), total(s, "TransitionCount"));
}

/* A page written to the page file and repurposed comes back by a hard
 * fault: one page read (PageReadIoCount), the page(s) it brought in
 * (PageReadCount), the process's hard-fault count; the modified page
 * writer's writes are Pages Output/sec. */
static void test_hard_fault_and_writes(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_PAE);
	run(s, "process create app.exe --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 64K w");
	run(s, "EmptyWorkingSet");
	run(s, "tick");
	double w0 = total(s, "DirtyPagesWriteCount"), wio0 = total(s, "DirtyWriteIoCount");
	run(s, "run writer");
	assert_int_equal(total(s, "DirtyPagesWriteCount") - w0, 16);
	/* 16 pages to 16 consecutive slots of the one page file: one cluster,
	 * one write (MiGatherPagefilePages, MmModifiedWriteClusterSize) */
	assert_int_equal(total(s, "DirtyWriteIoCount") - wio0, 1);
	run(s, "$q = VirtualAlloc 0 4M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $q 4M w"); /* takes every standby page: $p's frames are reused */
	run(s, "tick");
	double io0 = total(s, "PageReadIoCount"), pg0 = total(s, "PageReadCount");
	TL_JSON rd = run_ok(s, "read $p");
	assert_string_equal(tl_str(rd, "result.faults.0.kind"), "hard");
	assert_int_equal(total(s, "PageReadIoCount") - io0, 1);
	assert_true(total(s, "PageReadCount") - pg0 >= 1); /* a cluster may bring neighbours in */
	run(s, "tick");
	TL_JSON r = run_ok(s, "counters");
	assert_int_equal(tl_num(r, "result.Page Reads/sec"), 1);
	assert_true(tl_num(r, "result.Pages Input/sec") >= 1);
	assert_true(tl_num(r, "result.Page Faults/sec") >= 1);
	TL_JSON p = run_ok(s, "!process");
	assert_int_equal(tl_num(p, "result.processes.0.hard_faults"), 1);
	TL_JSON o = run_ok(s, "counters");
	assert_true(tl_num(o, "result.totals.DirtyPagesWriteCount") >= 16);
}

/* A clustered page-file read is one read (Page Reads/sec) of all its
 * pages (Pages Input/sec): the neighbours it brings to the standby list
 * count in PageReadCount, as the WRK adds the whole transfer. */
static void test_cluster_pages_input(void **state)
{
	(void)state;
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X64);
	cfg.ram = 16ull << 20; /* a read cluster of 4, and over 1024 pages available for it */
	cfg.pagefile[0] = 32ull << 20;
	TL_SESSION s = tl_session_cfg(&cfg);
	run(s, "process create app.exe --bare");
	run(s, "$p = VirtualAlloc 0 256K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 256K w");
	run(s, "EmptyWorkingSet");
	run(s, "run writer");
	run(s, "process create hog.exe --bare");
	run(s, "$h = VirtualAlloc 0 14M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $h 14M w"); /* reuses app.exe's standby frames */
	run(s, "process exit hog.exe");
	run(s, "process use app.exe");
	double io0 = total(s, "PageReadIoCount"), pg0 = total(s, "PageReadCount");
	TL_JSON rd = run_ok(s, "read $p");
	assert_string_equal(tl_str(rd, "result.faults.0.kind"), "hard");
	int pages_read = 0;
	const cJSON *ev;
	cJSON_ArrayForEach(ev, tl_need(rd, "events"))
		pages_read += !strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ev, "kind")), "pagefile_read");
	assert_true(pages_read > 1);
	assert_int_equal(total(s, "PageReadIoCount") - io0, 1);
	assert_int_equal(total(s, "PageReadCount") - pg0, pages_read);
	TL_JSON p = run_ok(s, "!process");
	assert_int_equal(tl_num(p, "result.processes.0.hard_faults"), 1);
}

/* Copy-on-write: MiCopyOnWrite's CopyOnWriteCount, Write Copies/sec. */
/* Clusters of at most 16 (MmModifiedWriteClusterSize): 40 modified pages
 * to consecutive slots are three writes, 16 + 16 + 8. */
static void test_write_clusters(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app.exe --bare");
	run(s, "$p = VirtualAlloc 0 160K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 160K w");
	run(s, "EmptyWorkingSet");
	double w0 = total(s, "DirtyPagesWriteCount"), wio0 = total(s, "DirtyWriteIoCount");
	run(s, "run writer");
	assert_int_equal(total(s, "DirtyPagesWriteCount") - w0, 40);
	assert_int_equal(total(s, "DirtyWriteIoCount") - wio0, 3);
}

static void test_write_copies(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app.exe --bare");
	run(s, "$f = CreateFile data.bin 64K");
	run(s, "$h = CreateFileMapping $f PAGE_WRITECOPY 64K");
	run(s, "$v = MapViewOfFile $h FILE_MAP_COPY 0 64K");
	run(s, "tick");
	run(s, "write $v 1");
	run(s, "write $v+0x1000 1");
	run(s, "tick");
	TL_JSON r = run_ok(s, "counters");
	assert_int_equal(tl_num(r, "result.Write Copies/sec"), 2);
	assert_int_equal(tl_num(r, "result.totals.CopyOnWriteCount"), 2);
}

/* A failed command changes no counter; stepping back over a command
 * restores them (they are journalled state). */
static void test_journalled(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X86);
	session_keep_history(s, true);
	struct hist *h = &session_mm(s)->hist;
	run(s, "process create app.exe --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc $p 4K MEM_COMMIT PAGE_READWRITE"); /* the page after it stays reserved */
	double pf = total(s, "PageFaultCount"), dz = total(s, "DemandZeroCount");
	/* the read faults the first page in, then raises on the reserved
	 * second: no value to bind, so the command fails after it ran */
	run_err(s, NULL, "$v = read $p+0xffe 4");
	assert_int_equal(total(s, "PageFaultCount"), pf);
	assert_int_equal(total(s, "DemandZeroCount"), dz);
	uint64_t before = hist_cursor(h);
	run(s, "touch $p 4K w");
	run(s, "tick");
	assert_true(total(s, "PageFaultCount") > pf);
	hist_seek_event(h, (int64_t)before - 1);
	assert_int_equal(session_mm(s)->info[MMINFO_PAGE_FAULT], pf);
	assert_int_equal(session_mm(s)->info[MMINFO_DEMAND_ZERO], dz);
	assert_int_equal(session_mm(s)->info_seconds, 0);
}

/* The text form names the counters as Perfmon does, in German too. */
static void test_text(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "tick");
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	session_exec_text(s, "counters", f);
	session_set_lang(s, 1);
	session_exec_text(s, "counters", f);
	fclose(f);
	assert_non_null(strstr(buf, "Page Faults/sec"));
	assert_non_null(strstr(buf, "Demand Zero Faults/sec"));
	assert_non_null(strstr(buf, "Commit Limit"));
	assert_non_null(strstr(buf, "Seitenfehler/s"));
	assert_non_null(strstr(buf, "Zusagegrenze"));
	assert_non_null(strstr(buf, "PageReadIoCount"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_faults_are_not_reads),
		cmocka_unit_test(test_hard_fault_and_writes),
		cmocka_unit_test(test_cluster_pages_input),
		cmocka_unit_test(test_write_clusters),
		cmocka_unit_test(test_write_copies),
		cmocka_unit_test(test_journalled),
		cmocka_unit_test(test_text),
	};
	return cmocka_run_group_tests_name("12_counters", tests, NULL, NULL);
}
