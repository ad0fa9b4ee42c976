/*
 * 12_process.c — processes (core/process.h): create, use and exit on each
 * paging mode; exit returns every frame, page table and commit charge, so
 * that available pages and the commit charge are what they were before the
 * process was created; the same virtual address in two processes is two
 * frames; the CR3 switch; the process table's limits and names.
 */
#include "testlib.h"

struct counts {
	uint64_t available, commit, active, page_tables;
};

static struct counts counts(struct session *s)
{
	TL_JSON r = run_ok(s, "!vm");
	struct counts c = {(uint64_t)tl_num(r, "result.available_pages"), (uint64_t)tl_num(r, "result.commit_charge"),
			   (uint64_t)tl_num(r, "result.lists.active"), (uint64_t)tl_num(r, "result.page_table_pages")};
	return c;
}

static void assert_counts(struct counts a, struct counts b)
{
	assert_int_equal(a.available, b.available);
	assert_int_equal(a.commit, b.commit);
	assert_int_equal(a.active, b.active);
	assert_int_equal(a.page_tables, b.page_tables);
}

/* The processes `process list` shows, as "name:pid[*]" joined by spaces. */
static const char *list(struct session *s, char *buf, size_t n)
{
	TL_JSON r = run_ok(s, "process list");
	const cJSON *p;
	buf[0] = 0;
	cJSON_ArrayForEach(p, tl_need(r, "result.processes")) {
		size_t l = strlen(buf);
		snprintf(buf + l, n - l, "%s%s:%d%s", l ? " " : "", tl_str(p, "name"), (int)tl_num(p, "pid"),
			 tl_bool(p, "current") ? "*" : "");
	}
	return buf;
}

static void create_use_exit(enum mm_arch a)
{
	TL_SESSION s = tl_session(a);
	char buf[256];
	assert_string_equal(list(s, buf, sizeof buf), "System:4*");
	TL_JSON c1 = run_ok(s, "$a = process create alpha.exe --bare");
	assert_int_equal(tl_num(c1, "result.value"), 936); /* pids are multiples of 4: 0x3a8 */
	assert_string_equal(tl_str(c1, "result.name"), "alpha.exe");
	uint64_t cr3a = tl_hex(c1, "result.cr3");
	const cJSON *pe = tl_event(c1, "process", 0);
	assert_string_equal(tl_str(pe, "action"), "create");
	assert_non_null(tl_event(c1, "cr3_switch", 0));
	int64_t fixed = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, tl_need(c1, "events"))
		if (!strcmp(tl_str(e, "kind"), "commit_charge"))
			fixed += (int64_t)tl_num(e, "delta");
	assert_int_equal(fixed, a == MM_ARCH_X86 ? 4 : a == MM_ARCH_PAE ? 7 : 6); /* MM_PROCESS_COMMIT_CHARGE */
	TL_JSON c2 = run_ok(s, "$b = process create beta.exe");
	assert_int_equal(tl_num(c2, "result.value"), 940);
	assert_int_not_equal(tl_hex(c2, "result.cr3"), cr3a);
	assert_string_equal(list(s, buf, sizeof buf), "System:4 alpha.exe:936 beta.exe:940*");
	/* use by name (any case), by pid, by variable */
	TL_JSON u = run_ok(s, "process use ALPHA.EXE");
	const cJSON *sw = tl_event(u, "cr3_switch", 0);
	assert_non_null(sw);
	assert_int_equal(tl_num(sw, "pid"), 936);
	assert_int_equal(tl_hex(sw, "pfn") << 12, cr3a);
	assert_string_equal(list(s, buf, sizeof buf), "System:4 alpha.exe:936* beta.exe:940");
	run(s, "process use 940");
	run(s, "process use $a");
	assert_string_equal(list(s, buf, sizeof buf), "System:4 alpha.exe:936* beta.exe:940");
	/* exit another process: the current one stays current */
	TL_JSON x = run_ok(s, "process exit $b");
	assert_int_equal(tl_num(x, "result.pid"), 940);
	assert_string_equal(list(s, buf, sizeof buf), "System:4 alpha.exe:936*");
	TL_JSON gone = run_fail(s, "ERROR_INVALID_PARAMETER", "process use beta.exe");
	assert_int_equal(tl_num(gone, "error.arg"), 1);
	run_err(s, "ERROR_INVALID_PARAMETER", "process exit 940");
	run_err(s, "ERROR_INVALID_PARAMETER", "process use 12345");
	/* exit the current process: the System process becomes current */
	run(s, "process exit alpha.exe");
	assert_string_equal(list(s, buf, sizeof buf), "System:4*");
	/* a new process gets a new pid and may reuse a slot */
	TL_JSON c3 = run_ok(s, "process create gamma --bare");
	assert_int_equal(tl_num(c3, "result.value"), 944);
	assert_string_equal(list(s, buf, sizeof buf), "System:4 gamma:944*");
}

static void test_create_use_exit_x86(void **state) { create_use_exit(MM_ARCH_X86); }
static void test_create_use_exit_pae(void **state) { create_use_exit(MM_ARCH_PAE); }
static void test_create_use_exit_x64(void **state) { create_use_exit(MM_ARCH_X64); }

/* Exit returns every page, page table and commit charge. */
static void exit_returns_everything(enum mm_arch a)
{
	TL_SESSION s = tl_session(a);
	struct counts before = counts(s);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 1M w");
	run(s, "$q = VirtualAlloc 0x30000000 16M MEM_RESERVE PAGE_READWRITE");
	run(s, "VirtualAlloc $q+0x3FE000 0x3000 MEM_COMMIT PAGE_READONLY");
	run(s, "read $q+0x3FE000");
	run(s, "read $q+0x400000");
	run(s, "$t = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT|MEM_TOP_DOWN PAGE_EXECUTE_READWRITE");
	run(s, "write $t 0x1234");
	run(s, "read 0x7FFE0000"); /* KUSER_SHARED_DATA: the kernel's page, mapped */
	run(s, "VirtualFree $p+0x40000 64K MEM_DECOMMIT");
	struct counts during = counts(s);
	assert_true(during.available < before.available - 200);
	TL_JSON x = run_ok(s, "process exit a");
	assert_int_equal(tl_num(x, "result.commit_charge"), before.commit);
	assert_counts(counts(s), before);
	/* the shared page lost this process's mapping only */
	TL_JSON k = run_ok(s, "kread %s", a == MM_ARCH_X64 ? "0xFFFFF7800000026C 4" : "0xFFDF026C 4");
	assert_int_equal(tl_hex(k, "result.value"), 10);
	/* and again, with two processes, exiting them in creation order */
	run(s, "process create b --bare");
	run(s, "$p = VirtualAlloc 0 256K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 256K w");
	run(s, "process create c --bare");
	run(s, "$p = VirtualAlloc 0 256K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 128K r");
	run(s, "process exit b");
	run(s, "process exit c");
	assert_counts(counts(s), before);
}

static void test_exit_returns_everything_x86(void **state) { exit_returns_everything(MM_ARCH_X86); }
static void test_exit_returns_everything_pae(void **state) { exit_returns_everything(MM_ARCH_PAE); }
/* Regression: on x64, process exit walked the kernel half of the PML4 as
 * user space (the VA of an entry was not sign-extended), freed the
 * self-map and the System's kernel tables and drove the commit charge
 * below zero; fixed in 66ceb64. */
static void test_exit_returns_everything_x64(void **state) { exit_returns_everything(MM_ARCH_X64); }

/* The same virtual address in two processes: two frames, two values. */
static void test_isolation(void **state)
{
	for (enum mm_arch a = MM_ARCH_X86; a <= MM_ARCH_X64; a++) {
		TL_SESSION s = tl_session(a);
		run(s, "process create a --bare");
		run(s, "VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		TL_JSON wa = run_ok(s, "write 0x10000 0xAA");
		run(s, "process create b --bare");
		TL_JSON none = run_ok(s, "read 0x10000"); /* b has no VAD there */
		assert_string_equal(tl_exception(none), "STATUS_ACCESS_VIOLATION");
		run(s, "VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		TL_JSON wb = run_ok(s, "write 0x10000 0xBB");
		assert_int_not_equal(tl_hex(wa, "result.pa"), tl_hex(wb, "result.pa"));
		TL_JSON rb = run_ok(s, "read 0x10000");
		assert_int_equal(tl_hex(rb, "result.value"), 0xBB);
		run(s, "process use a");
		TL_JSON ra = run_ok(s, "read 0x10000");
		assert_int_equal(tl_hex(ra, "result.value"), 0xAA);
		assert_int_equal(tl_hex(ra, "result.pa"), tl_hex(wa, "result.pa"));
		/* the PTEs sit at the same self-map address in different frames */
		TL_JSON pa = run_ok(s, "!pte 0x10000");
		run(s, "process use b");
		TL_JSON pb = run_ok(s, "!pte 0x10000");
		int n = tl_len(pa, "result.levels");
		char path[48], tpath[48];
		snprintf(path, sizeof path, "result.levels.%d.entry_address", n - 1);
		snprintf(tpath, sizeof tpath, "result.levels.%d.table_pfn", n - 1);
		assert_int_equal(tl_hex(pa, path), tl_hex(pb, path));
		assert_int_not_equal(tl_hex(pa, tpath), tl_hex(pb, tpath));
		/* b's exit leaves a's page alone */
		run(s, "process exit b");
		run(s, "process use a");
		TL_JSON ra2 = run_ok(s, "read 0x10000");
		assert_int_equal(tl_hex(ra2, "result.value"), 0xAA);
	}
}

/* The System process cannot exit; its error names the PID argument. */
static void test_system_cannot_exit(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	TL_JSON e = run_fail(s, "ERROR_ACCESS_DENIED", "process exit System");
	(void)e;
	TL_JSON e2 = run_fail(s, "ERROR_ACCESS_DENIED", "process exit 4");
	(void)e2;
}

/* Regression: `process exit System` reported error.arg 2, but the
 * PID|NAME is argument 1 of `process exit`, as its STATUS_INVALID_CID
 * error says. */
static void test_system_exit_names_argument_1(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	TL_JSON e = run_fail(s, "ERROR_ACCESS_DENIED", "process exit System");
	assert_int_equal(tl_num(e, "error.arg"), 1);
}

/* At most 64 processes live at once; the 65th is a clean failure. */
static void test_process_limit(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	int made = 0;
	for (;;) {
		cJSON *r = session_exec_json(s, "process create p --bare");
		bool ok = tl_bool(r, "ok");
		cJSON_Delete(r);
		tl_check(s, "process create p");
		if (!ok)
			break;
		made++;
		assert_true(made < 100);
	}
	assert_int_equal(made, MM_MAX_PROCS - 1);
	TL_JSON e = run_fail(s, "ERROR_NOT_ENOUGH_MEMORY", "process create one-more --bare");
	/* the newest of the same name is chosen; exiting frees a slot */
	TL_JSON u = run_ok(s, "process use p");
	assert_int_equal(tl_num(u, "result.value"), 936 + 4 * (MM_MAX_PROCS - 2));
	run(s, "process exit 940");
	TL_JSON c = run_ok(s, "process create late --bare");
	assert_int_equal(tl_num(c, "result.value"), 936 + 4 * (MM_MAX_PROCS - 1));
	char buf[4096];
	assert_non_null(strstr(list(s, buf, sizeof buf), "late:"));
}

static void test_syntax(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	TL_JSON a = run_fail(s, "syntax", "process create");
	TL_JSON b = run_fail(s, "syntax", "process create --bare");
	assert_int_equal(tl_num(b, "error.arg"), 1);
	TL_JSON c = run_fail(s, "syntax", "process create x --full");
	assert_int_equal(tl_num(c, "error.arg"), 2);
	TL_JSON d = run_fail(s, "syntax", "process use");
	TL_JSON f = run_fail(s, "unknown", "process use $nobody");
	/* a unique prefix of the second word names the command */
	TL_JSON g = run_fail(s, "syntax", "process cr");
	assert_non_null(strstr(tl_str(g, "error.message"), "process create: too few arguments"));
	assert_int_equal(run_val(s, "process cr x --bare"), 936);
}

/* Regression: `process` alone was "unknown command 'process'", although
 * it is a prefix of four commands; a prefix of several names is
 * "ambiguous: could be ..." (tmux's cmd_find). */
static void test_process_alone_is_ambiguous(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	TL_JSON g = run_fail(s, "syntax", "process");
	assert_non_null(strstr(tl_str(g, "error.message"), "ambiguous"));
}

/* Issue 12: an unknown command names the nearest one (types.h mm_spell),
 * a two-word name from the first two words. */
static void test_did_you_mean(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	TL_JSON a = run_fail(s, "unknown", "VirtualAloc 0 4K");
	assert_string_equal(tl_str(a, "error.message"),
			    "unknown command 'VirtualAloc'; did you mean 'VirtualAlloc'? (type help for the list)");
	TL_JSON b = run_fail(s, "unknown", "process craete x");
	assert_string_equal(tl_str(b, "error.message"),
			    "unknown command 'process craete'; did you mean 'process create'? (type help for the list)");
	TL_JSON c = run_fail(s, "unknown", "frobnicate");
	assert_string_equal(tl_str(c, "error.message"), "unknown command 'frobnicate' (type help for the list)");
}

/* !process and process list report the counters. */
static void test_process_counters(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 16K w");
	TL_JSON r = run_ok(s, "!process");
	const cJSON *p = tl_need(r, "result.processes.0");
	assert_int_equal(tl_num(p, "pid"), 936);
	assert_int_equal(tl_num(p, "private_commit"), 16);
	assert_int_equal(tl_num(p, "commit"), 16 + 6 + 3); /* private, fixed, three page tables */
	assert_int_equal(tl_num(p, "page_tables"), 4);     /* the PML4 and three below it */
	assert_int_equal(tl_num(p, "working_set"), 4 + 4);  /* tables and pages */
	assert_int_equal(tl_num(p, "vads"), 1);
	assert_true(tl_bool(p, "current"));
	TL_JSON all = run_ok(s, "!process 0");
	assert_int_equal(tl_len(all, "result.processes"), 2);
	run_err(s, "STATUS_INVALID_CID", "!process 0x999");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_use_exit_x86),
		cmocka_unit_test(test_create_use_exit_pae),
		cmocka_unit_test(test_create_use_exit_x64),
		cmocka_unit_test(test_exit_returns_everything_x86),
		cmocka_unit_test(test_exit_returns_everything_pae),
		cmocka_unit_test(test_exit_returns_everything_x64),
		cmocka_unit_test(test_isolation),
		cmocka_unit_test(test_system_cannot_exit),
		cmocka_unit_test(test_system_exit_names_argument_1),
		cmocka_unit_test(test_process_limit),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_process_alone_is_ambiguous),
		cmocka_unit_test(test_did_you_mean),
		cmocka_unit_test(test_process_counters),
	};
	return cmocka_run_group_tests_name("12_process", tests, NULL, NULL);
}
