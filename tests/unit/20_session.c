/*
 * 20_session.c — the JSON-lines contract of docs/output.md OUT-JSON through
 * session_exec_json: one object per command with seq, cmd, ok,
 * result|error and events; 64-bit quantities as "0x..." strings; errors
 * with a code, a message and the argument at fault; comment and blank
 * lines produce nothing; `$x =` binds a command's primary result; unknown
 * variables and commands; prefixes, aliases and ambiguity; inspection
 * commands change nothing; the text form of --batch.
 */
#include "testlib.h"

#include "jout.h"

#include <unistd.h>

#include "scenario.h"

#include <ctype.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/cmd.h"

static cJSON *exec(struct session *s, const char *line)
{
	return session_exec_json(s, line);
}

/* Every "0x..." string in a JSON tree is lower-case hex without padding. */
static void check_hex_strings(const cJSON *o, int *count)
{
	const cJSON *c;
	if (cJSON_IsString(o) && !strncmp(o->valuestring, "0x", 2)) {
		const char *h = o->valuestring + 2;
		assert_true(*h != 0);
		for (const char *p = h; *p; p++)
			if (!isxdigit((unsigned char)*p) || isupper((unsigned char)*p))
				fail_msg("'%s' (%s) is not lower-case hex", o->valuestring, o->string ? o->string : "");
		if (h[0] == '0' && h[1])
			fail_msg("'%s' (%s) is padded", o->valuestring, o->string ? o->string : "");
		(*count)++;
	}
	cJSON_ArrayForEach(c, o)
		check_hex_strings(c, count);
}

static void check_shape(const cJSON *o, uint64_t seq, const char *cmd)
{
	assert_true(cJSON_IsObject(o));
	assert_int_equal(tl_num(o, "seq"), seq);
	assert_string_equal(tl_str(o, "cmd"), cmd);
	bool ok = tl_bool(o, "ok");
	assert_int_equal(tl_get(o, "result") != NULL, ok);
	assert_int_equal(tl_get(o, "error") != NULL, !ok);
	assert_true(cJSON_IsArray(tl_get(o, "events")));
	if (!ok) {
		assert_true(strlen(tl_str(o, "error.code")) > 0);
		assert_true(strlen(tl_str(o, "error.message")) > 0);
		assert_int_equal(tl_len(o, "events"), 0);
	}
	int n = 0;
	check_hex_strings(o, &n);
}

static void test_shape_and_seq(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	assert_null(exec(s, ""));
	assert_null(exec(s, "   \t"));
	assert_null(exec(s, "# a comment"));
	assert_null(exec(s, "   # indented comment\n"));
	TL_JSON a = exec(s, "process create app.exe --bare\n");
	check_shape(a, 1, "process create app.exe --bare");
	assert_int_equal(tl_num(a, "result.value"), 936); /* a pid is a count-sized number */
	assert_null(exec(s, ""));
	TL_JSON b = exec(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE   # the heap");
	check_shape(b, 2, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	assert_string_equal(tl_str(b, "result.value"), "0x10000");
	TL_JSON c = exec(s, "VirtualFree $p 4K MEM_RELEASE");
	check_shape(c, 3, "VirtualFree $p 4K MEM_RELEASE");
	assert_false(tl_bool(c, "ok"));
	assert_string_equal(tl_str(c, "error.code"), "ERROR_INVALID_PARAMETER");
	assert_string_equal(tl_str(c, "error.ntstatus"), "STATUS_INVALID_PARAMETER");
	assert_non_null(strstr(tl_str(c, "error.message"), "MEM_RELEASE needs size 0"));
	assert_int_equal(tl_num(c, "error.arg"), 2);
	TL_JSON d = exec(s, "nonsense 1 2");
	check_shape(d, 4, "nonsense 1 2");
	assert_string_equal(tl_str(d, "error.code"), "unknown");
	assert_int_equal(tl_num(d, "error.arg"), 0);
	TL_JSON e = exec(s, "read $p");
	check_shape(e, 5, "read $p");
}

/* The result fields of an access (docs/output.md OUT-RESULT), and the vocabulary of events. */
static void test_access_result_and_events(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	TL_JSON r = run_ok(s, "read $p+0x10 2");
	assert_string_equal(tl_str(r, "result.va"), "0x10010");
	tl_hex(r, "result.pa");
	assert_string_equal(tl_str(r, "result.access"), "read");
	assert_string_equal(tl_str(r, "result.tlb"), "miss");
	assert_true(cJSON_IsArray(tl_get(r, "result.faults")));
	assert_string_equal(tl_str(r, "result.faults.0.kind"), "page_table");
	assert_string_equal(tl_str(r, "result.faults.1.kind"), "demand_zero");
	assert_string_equal(tl_str(r, "result.faults.1.va"), "0x10010");
	assert_true(tl_is_null(r, "result.exception"));
	assert_string_equal(tl_str(r, "result.value"), "0x0");
	/* the event vocabulary and each event's fields */
	static const char *const known[] = {"tlb_hit", "tlb_miss", "tlb_fill", "tlb_flush", "walk", "fault", "pte_write",
					    "pfn_state", "ws_add", "ws_remove", "zero_page", "commit_charge", "vad_insert",
					    "vad_remove", "exception", "access", "page_table", "retry", "resolved",
					    "cr3_switch", "process", "memory_write", "dirty", "psc_hit", "psc_fill", "psc_flush"};
	const cJSON *e;
	int seen_walk = 0, seen_pte = 0, seen_pfn = 0, seen_fault = 0;
	cJSON_ArrayForEach(e, tl_need(r, "events")) {
		const char *k = tl_str(e, "kind");
		bool ok = false;
		for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
			ok |= !strcmp(k, known[i]);
		if (!ok)
			fail_msg("event kind '%s' is not in the vocabulary", k);
		if (!strcmp(k, "walk")) {
			seen_walk++;
			tl_str(e, "level");
			tl_num(e, "index");
			tl_hex(e, "entry_address");
			tl_hex(e, "value");
		} else if (!strcmp(k, "pte_write")) {
			seen_pte++;
			tl_hex(e, "address");
			tl_hex(e, "old");
			tl_hex(e, "new");
		} else if (!strcmp(k, "pfn_state")) {
			seen_pfn++;
			tl_hex(e, "pfn");
			assert_string_equal(tl_str(e, "from"), "zeroed");
			assert_string_equal(tl_str(e, "to"), "active");
		} else if (!strcmp(k, "fault")) {
			seen_fault++;
			tl_hex(e, "va");
			tl_str(e, "fault_kind");
		} else if (!strcmp(k, "commit_charge")) {
			assert_int_equal(tl_num(e, "delta"), 1);
			tl_num(e, "total");
			tl_num(e, "limit");
		}
	}
	assert_true(seen_walk >= 5); /* the first walk stops at the PXE, the retry reads all four */
	assert_int_equal(seen_pfn, 4);
	assert_int_equal(seen_pte, 4);
	assert_int_equal(seen_fault, 2);
	/* a write that raises an exception is a successful command */
	TL_JSON x = run_ok(s, "write 0x50000000 1");
	assert_true(tl_bool(x, "ok"));
	assert_string_equal(tl_str(x, "result.exception"), "STATUS_ACCESS_VIOLATION");
	assert_true(tl_is_null(x, "result.pa"));
	assert_non_null(tl_event(x, "exception", 0));
	assert_string_equal(tl_str(tl_event(x, "exception", 0), "code"), "STATUS_ACCESS_VIOLATION");
	/* touch: counts by kind */
	TL_JSON t = run_ok(s, "touch $p 64K w");
	assert_int_equal(tl_num(t, "result.pages"), 16);
	assert_int_equal(tl_num(t, "result.faults.demand_zero"), 15);
	assert_int_equal(tl_num(t, "result.exceptions"), 0);
}

/* `$x = COMMAND` binds the primary result. */
static void test_variables(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	TL_JSON c = run_ok(s, "$pid = process create a --bare");
	run(s, "$p=VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p+4K 0x1234 2");
	TL_JSON v = run_ok(s, "$v = read $p+0x1000 2");
	TL_JSON r = run_ok(s, "read $v");  /* 0x1234: a free address */
	assert_string_equal(tl_str(r, "result.va"), "0x1234");
	TL_JSON m = run_ok(s, "read $p+4K 2");
	assert_string_equal(tl_str(m, "result.va"), "0x11000");
	assert_string_equal(tl_str(m, "result.value"), "0x1234");
	TL_JSON mi = run_ok(s, "read $p-4K");
	assert_string_equal(tl_str(mi, "result.va"), "0xf000");
	TL_JSON u = run_ok(s, "process use $pid");
	assert_int_equal(tl_num(u, "result.value"), 936);
	/* WinDbg's backtick and the size suffixes */
	TL_JSON w = run_ok(s, "read 00000000`00011000 2");
	assert_string_equal(tl_str(w, "result.value"), "0x1234");
	TL_JSON k = run_ok(s, "read 68K 2");
	assert_string_equal(tl_str(k, "result.value"), "0x1234");
	/* rebinding */
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE");
	TL_JSON q = run_ok(s, "!pte $p");
	assert_string_equal(tl_str(q, "result.va"), "0x20000");
	/* a command without a primary result cannot be bound: nothing changes */
	TL_JSON e = run_fail(s, "syntax", "$x = VirtualFree $p 0 MEM_RELEASE");
	assert_non_null(strstr(tl_str(e, "error.message"), "no result"));
	TL_JSON still = run_ok(s, "!pte $p"); /* the region was not released */
	TL_JSON ro = run_fail(s, "syntax", "$y = !vm");
	/* unknown variables name the argument */
	TL_JSON un = run_fail(s, "unknown", "read $nothing");
	assert_int_equal(tl_num(un, "error.arg"), 1);
	assert_non_null(strstr(tl_str(un, "error.message"), "nothing"));
	TL_JSON un2 = run_fail(s, "unknown", "write $p $nothing");
	assert_int_equal(tl_num(un2, "error.arg"), 2);
	TL_JSON x = run_fail(s, "unknown", "read $x"); /* the failed binding bound nothing */
	/* names are case-sensitive */
	run_err(s, "unknown", "read $P");
}

/* Look-up: exact names in any case, aliases, unique prefixes; an
 * ambiguous prefix names the candidates. */
static void test_lookup(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "PROCESS CREATE a --bare");
	assert_int_equal(run_val(s, "virtualalloc 0 64K MEM_RESERVE PAGE_READWRITE"), 0x10000);
	assert_int_equal(run_val(s, "valloc 0 64K MEM_RESERVE PAGE_READWRITE"), 0x20000);
	assert_int_equal(run_val(s, "VirtualAllocE 936 0 64K MEM_RESERVE PAGE_READWRITE"), 0x30000); /* VirtualAllocEx on a */
	/* VirtualAlloc is a prefix of VirtualAllocEx: only its full name or alias finds it */
	TL_JSON ex = run_fail(s, "syntax", "VirtualA 0 64K MEM_RESERVE PAGE_READWRITE");
	assert_non_null(strstr(tl_str(ex, "error.message"), "VirtualAllocEx"));
	TL_JSON amb = run_fail(s, "syntax", "Virtual 0 64K MEM_RESERVE PAGE_READWRITE");
	assert_int_equal(tl_num(amb, "error.arg"), 0);
	const char *msg = tl_str(amb, "error.message");
	assert_non_null(strstr(msg, "ambiguous"));
	assert_non_null(strstr(msg, "VirtualAlloc"));
	assert_non_null(strstr(msg, "VirtualFree"));
	TL_JSON al = run_ok(s, "r 0x10000");
	assert_string_equal(tl_str(al, "result.access"), "read");
	TL_JSON un = run_fail(s, "unknown", "frobnicate");
	assert_non_null(strstr(tl_str(un, "error.message"), "frobnicate"));
	/* flags are case-insensitive and may be numbers */
	assert_int_equal(run_val(s, "VirtualAlloc 0 64K mem_reserve page_readwrite"), 0x40000);
	/* too many / too few arguments */
	TL_JSON few = run_fail(s, "syntax", "read");
	assert_non_null(strstr(tl_str(few, "error.message"), "usage"));
	run_err(s, "syntax", "read 1 2 3");
	/* a quoted word keeps its blanks and '#' */
	TL_JSON say = run_ok(s, "say \"a # b\" c");
	assert_string_equal(tl_str(say, "result.text"), "\"a # b\" c");
	assert_int_equal(tl_len(say, "events"), 0);
}

/* Inspection and session commands leave the machine as it was. */
static void test_inspection_changes_nothing(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 0x4142434445464748 8");
	uint64_t h = tl_hash(s), nev = hist_event_count(&session_mm(s)->hist);
	static const char *const cmds[] = {"!vm", "!pte $p", "vtop $p", "!pfn 5", "machine", "!tlb", "!memusage",
					   "db $p", "dq $p L2", "dd $p L 4", "dw $p", "process list", "!process",
					   "!process 0", "help", "help VirtualAlloc", "say hello", "!pte 0x7FFE0000",
					   "vtop 0xFFFFF6FB7DBED000", "db 0x50000000 L4"};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		TL_JSON r = run_ok(s, "%s", cmds[i]);
		assert_int_equal(tl_len(r, "events"), 0);
		if (tl_hash(s) != h)
			fail_msg("'%s' changed the machine", cmds[i]);
	}
	assert_int_equal(hist_event_count(&session_mm(s)->hist), nev);
	TL_JSON d = run_ok(s, "dq $p L1");
	assert_string_equal(tl_str(d, "result.values.0"), "0x4142434445464748");
	TL_JSON db = run_ok(s, "db 0x50000000 L2");
	assert_true(tl_is_null(db, "result.values.0")); /* not resident: ?? in WinDbg */
	TL_JSON vm = run_ok(s, "!vm");
	static const char *const states[] = {"zeroed", "free", "standby", "modified", "modified_no_write", "bad",
					     "active", "transition"};
	uint64_t sum = 0;
	for (int i = 0; i < 8; i++) {
		char path[64];
		snprintf(path, sizeof path, "result.lists.%s", states[i]);
		sum += (uint64_t)tl_num(vm, path);
	}
	assert_int_equal(sum, tl_num(vm, "result.physical_pages"));
	tl_num(vm, "result.paged_pool_bytes");
	tl_num(vm, "result.nonpaged_pool_bytes");
	TL_JSON mc = run_ok(s, "machine");
	assert_string_equal(tl_str(mc, "result.arch"), "x64");
	assert_int_equal(tl_num(mc, "result.page_size"), 4096);
	assert_int_equal(tl_num(mc, "result.allocation_granularity"), 65536);
	assert_string_equal(tl_str(mc, "result.highest_user_address"), "0x7ffffffeffff");
	assert_string_equal(tl_str(mc, "result.system_range_start"), "0xffff800000000000");
	assert_int_equal(tl_num(mc, "result.physical_pages"), 1024);
	assert_int_equal(tl_num(mc, "result.levels"), 4);
	TL_JSON pte = run_ok(s, "!pte $p");
	TL_JSON pf = run_ok(s, "!pfn %#llx", (unsigned long long)tl_hex(pte, "result.pte.pfn"));
	assert_string_equal(tl_str(pf, "result.use"), "private");
	assert_int_equal(tl_num(pf, "result.owner"), 936);
	tl_str(pf, "result.state");
	tl_num(pf, "result.share_count");
	tl_num(pf, "result.reference_count");
	tl_hex(pf, "result.pte_address");
	tl_hex(pf, "result.original_pte");
	tl_bool(pf, "result.modified");
	tl_num(pf, "result.priority");
	tl_need(pf, "result.owner");
	run_err(s, "syntax", "!pfn 0x400");   /* past RAM */
	run_err(s, "syntax", "db $p L0");
}

/* help lists every command with its usage; help NAME one. */
static void test_help(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	TL_JSON all = run_ok(s, "help");
	int n = tl_len(all, "result.commands");
	assert_true(n >= 25);
	static const char *const must[] = {"process create", "process use", "process exit", "process list", "VirtualAlloc",
					   "VirtualFree", "read", "write", "exec", "touch", "kread", "kwrite", "!pte",
					   "vtop", "!pfn", "!vm", "!tlb", "machine", "help", "say", "reset"};
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
		bool found = false;
		const cJSON *c;
		cJSON_ArrayForEach(c, tl_need(all, "result.commands"))
			found |= !strcmp(tl_str(c, "name"), must[i]);
		if (!found)
			fail_msg("help does not list '%s'", must[i]);
	}
	TL_JSON one = run_ok(s, "help VirtualAlloc"); /* and VirtualAllocEx, which starts so */
	assert_int_equal(tl_len(one, "result.commands"), 2);
	assert_string_equal(tl_str(one, "result.commands.0.usage"), "ADDR SIZE TYPE PROTECT");
	assert_string_equal(tl_str(one, "result.commands.1.name"), "VirtualAllocEx");
	TL_JSON two = run_ok(s, "help process exit");
	assert_string_equal(tl_str(two, "result.commands.0.name"), "process exit");
	TL_JSON none = run_fail(s, "unknown", "help nothing-like-it");
	assert_int_equal(tl_num(none, "error.arg"), 1);
}

/* reset boots the machine again and forgets the variables. */
static void test_reset(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X86);
	TL_SESSION fresh = tl_session(MM_ARCH_X86);
	run(s, "$a = process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p 1");
	TL_JSON r = run_ok(s, "reset");
	assert_true(tl_bool(r, "result.reset"));
	assert_int_equal(tl_hash(s), tl_hash(fresh));
	assert_int_equal(hist_event_count(&session_mm(s)->hist), 0);
	run_err(s, "unknown", "read $p");
	TL_JSON m = run_ok(s, "machine");
	assert_string_equal(tl_str(m, "result.arch"), "x86");
	TL_JSON c = run_ok(s, "process create again --bare");
	assert_int_equal(tl_num(c, "result.value"), 936);
}

/* The text form of --batch: the echo, the result, the micro-steps; errors
 * start with "error:" and carry the Win32 error and the status. */
static void test_text_form(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(session_exec_text(s, "process create app --bare", f), 0);
	assert_int_equal(session_exec_text(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", f), 0);
	assert_int_equal(session_exec_text(s, "# nothing", f), 0);
	assert_int_equal(session_exec_text(s, "read $p", f), 0);
	assert_int_equal(session_exec_text(s, "VirtualFree $p 4K MEM_RELEASE", f), -1);
	fclose(f);
	assert_non_null(strstr(buf, "> process create app --bare\n"));
	assert_non_null(strstr(buf, "> $p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\n"));
	assert_null(strstr(buf, "nothing"));
	assert_non_null(strstr(buf, "> read $p\n"));
	assert_non_null(strstr(buf, "    TLB miss for VPN 0x10"));
	assert_non_null(strstr(buf, "demand-zero fault"));
	assert_non_null(strstr(buf, "error: MEM_RELEASE needs size 0"));
	assert_non_null(strstr(buf, "(ERROR_INVALID_PARAMETER, STATUS_INVALID_PARAMETER)"));
	free(buf);
}

/* Regression: dw/dd/dq at an address whose unit crosses a page boundary
 * read the bytes past it from the physically next frame instead of the
 * frame that maps the next virtual page (and, at the last frame of RAM,
 * past the PFN database). They must show what `read` reads. */
static void test_dump_across_pages(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "write $p+0x2000 0x11");
	run(s, "write $p+0x1FFF 0x22");
	TL_JSON r = run_ok(s, "read $p+0x1FFF 2");
	assert_string_equal(tl_str(r, "result.value"), "0x1122");
	TL_JSON d = run_ok(s, "dw $p+0x1FFF L1");
	assert_string_equal(tl_str(d, "result.values.0"), "0x1122");
	TL_JSON q = run_ok(s, "dq $p+0x1FFC L1");
	assert_string_equal(tl_str(q, "result.values.0"), "0x1122000000");
}

/* Regression: a `save FILE` or `export FILE` that succeeded read the text
 * it had just freed for the result's "bytes" (heap-use-after-free under
 * ASan, garbage without it). "bytes" is the size of the text written. */
static void test_save_export(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	char dir[] = "/tmp/mmviz-save-XXXXXX";
	assert_non_null(mkdtemp(dir));
	static const char *const cmds[] = {"save", "export"};
	for (int i = 0; i < 2; i++) {
		char path[96];
		snprintf(path, sizeof path, "%s/%s.json", dir, cmds[i]);
		TL_JSON r = run_ok(s, "%s %s", cmds[i], path);
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		long size = ftell(f);
		fclose(f);
		assert_int_equal((long)tl_num(r, "result.bytes"), size); /* the file's size: the text and a newline */
		remove(path);
	}
	rmdir(dir);
	/* a directory that does not exist: an error naming the file */
	TL_JSON e = run_fail(s, NULL, "save /nonexistent-dir/x.json");
	assert_int_equal(tl_num(e, "error.arg"), 1);
}

/* The two flags the session and the scenario loader trust (cmd.h):
 * exactly save, export and snapshot write host files; a command with a value to
 * bind is undone when its binding fails after it ran, so none acts on the
 * session outside the journal or writes a host file. */
static void test_command_flags(void **state)
{
	(void)state;
	size_t n;
	const struct cmd_entry *const *all = cmd_all(&n);
	int writers = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned f = all[i]->flags;
		if (f & CMD_HOST_WRITE) {
			writers++;
			assert_true(!strcmp(all[i]->name, "save") || !strcmp(all[i]->name, "export") ||
				    !strcmp(all[i]->name, "snapshot"));
			assert_false(f & CMD_VALUE);
		}
		if ((f & CMD_VALUE) && (f & CMD_SESSION))
			fail_msg("%s has a value but acts outside the journal", all[i]->name);
	}
	assert_int_equal(writers, 3);
}

/* The names in dir, sorted, joined with ' ' (what a command left there). */
static void dir_names(const char *dir, char *out, size_t n)
{
	struct dirent **list;
	int k = scandir(dir, &list, NULL, alphasort);
	assert_true(k >= 0);
	out[0] = 0;
	for (int i = 0; i < k; i++) {
		size_t l = strlen(out);
		if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, ".."))
			snprintf(out + l, n - l, "%s%s", l ? " " : "", list[i]->d_name);
		free(list[i]);
	}
	free(list);
}

static void file_is(const char *path, const char *text)
{
	char buf[64] = "";
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	assert_string_equal(buf, text);
}

/* Regression: `save`/`export` wrote through a symbolic link planted at
 * their temporary name (FILE.tmp) and replaced FIFOs, links and devices
 * with regular files. Now (cmd_file.c F1-F4) a FILE that exists and is no
 * regular file is refused, the temporary file is created exclusively under
 * a fresh name, nothing planted is followed, and a failure leaves the
 * directory as it was. */
static void test_save_export_targets(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	char dir[] = "/tmp/mmviz-target-XXXXXX", p[160], q[160], before[512], after[512];
	assert_non_null(mkdtemp(dir));
	static const char *const cmds[] = {"save", "export"};
	snprintf(p, sizeof p, "%s/victim", dir);
	FILE *f = fopen(p, "w");
	fputs("victim", f);
	fclose(f);
	/* targets that are no regular file: each refused, nothing touched */
	snprintf(p, sizeof p, "%s/link", dir);
	assert_int_equal(symlink("victim", p), 0);
	snprintf(p, sizeof p, "%s/dangling", dir);
	assert_int_equal(symlink("created-through-link", p), 0);
	snprintf(p, sizeof p, "%s/fifo", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	snprintf(p, sizeof p, "%s/sub", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	static const struct {
		const char *name, *kind;
	} bad[] = {{"link", "a symbolic link"}, {"dangling", "a symbolic link"}, {"fifo", "a FIFO"},
		   {"sub", "a directory"}, {"/dev/null", "a device"}};
	dir_names(dir, before, sizeof before);
	for (int c = 0; c < 2; c++)
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			if (bad[i].name[0] == '/')
				snprintf(p, sizeof p, "%s", bad[i].name);
			else
				snprintf(p, sizeof p, "%s/%s", dir, bad[i].name);
			TL_JSON e = run_fail(s, "ERROR_WRITE_FAULT", "%s %s", cmds[c], p);
			char want[300];
			snprintf(want, sizeof want, "cannot write '%s': it is %s; expected a new file or a regular file to replace",
				 p, bad[i].kind);
			assert_string_equal(tl_str(e, "error.message"), want);
			assert_int_equal(tl_num(e, "error.arg"), 1);
			dir_names(dir, after, sizeof after);
			assert_string_equal(after, before);
		}
	file_is(p, "");
	snprintf(p, sizeof p, "%s/victim", dir);
	file_is(p, "victim");
	struct stat st;
	snprintf(p, sizeof p, "%s/fifo", dir);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	/* a link planted at the old temporary name is neither followed nor touched */
	for (int c = 0; c < 2; c++) {
		snprintf(p, sizeof p, "%s/out%d.json.tmp", dir, c);
		assert_int_equal(symlink("victim", p), 0);
		snprintf(p, sizeof p, "%s/.out%d.json.tmp", dir, c);
		assert_int_equal(symlink("victim", p), 0);
		snprintf(p, sizeof p, "%s/out%d.json", dir, c);
		TL_JSON r = run_ok(s, "%s %s", cmds[c], p);
		assert_int_equal(lstat(p, &st), 0);
		assert_true(S_ISREG(st.st_mode));
		assert_int_equal((long)tl_num(r, "result.bytes"), (long)st.st_size);
		snprintf(q, sizeof q, "%s/out%d.json.tmp", dir, c);
		assert_int_equal(lstat(q, &st), 0);
		assert_true(S_ISLNK(st.st_mode));
	}
	snprintf(p, sizeof p, "%s/victim", dir);
	file_is(p, "victim");
	/* a regular file is replaced whole, keeping its permissions; no
	 * temporary file is left */
	snprintf(p, sizeof p, "%s/out0.json", dir);
	assert_int_equal(chmod(p, 0640), 0);
	dir_names(dir, before, sizeof before);
	TL_JSON r = run_ok(s, "export %s", p);
	assert_int_equal(lstat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal((long)tl_num(r, "result.bytes"), (long)st.st_size);
	dir_names(dir, after, sizeof after);
	assert_string_equal(after, before);
	/* names that name no file, a directory that does not exist */
	TL_JSON e1 = run_fail(s, "syntax", "export \"\"");
	assert_non_null(strstr(tl_str(e1, "error.message"), "names no file; expected a file name"));
	TL_JSON e2 = run_fail(s, "syntax", "save %s/", dir);
	TL_JSON e3 = run_fail(s, "ERROR_WRITE_FAULT", "save %s/none/x.json", dir);
	assert_non_null(strstr(tl_str(e3, "error.message"), "No such file or directory"));
	dir_names(dir, after, sizeof after);
	assert_string_equal(after, before);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Regression: a command that failed only because its result could not be
 * bound had already done its work: `$u = reset` booted a new machine,
 * `$v = say hi` replaced the narration, `$x = export F` wrote F. A binding
 * of a command without a value is now refused before it runs (session.c
 * check_bind): nothing happens at all. */
static void test_bind_refused_before_run(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create a --bare");
	uint64_t p = run_val(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "say the first words");
	char dir[] = "/tmp/mmviz-bind-XXXXXX", names[256];
	assert_non_null(mkdtemp(dir));
	struct mm *m0 = session_mm(s);
	size_t lines = session_line_count(s);
	static const char *const cmds[] = {
		"$u = reset", "$v = say hi", "$x = export %s/x.json", "$x=save %s/x.json", "$x = \"export\" %s/x.json",
		"$y = !vm", "$h = help", "$q = VirtualFree $p 0 MEM_RELEASE", "$w = write $p 5", "$t = tick",
	};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		char line[200];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(line, sizeof line, cmds[i], dir);
#pragma GCC diagnostic pop
		TL_JSON e = run_fail(s, "syntax", "%s", line);
		assert_int_equal(tl_num(e, "error.arg"), 0);
		const char *msg = tl_str(e, "error.message");
		assert_non_null(strstr(msg, "has no result to bind to $"));
		assert_non_null(strstr(msg, "so it was not run; expected a command with a value"));
		assert_ptr_equal(session_mm(s), m0); /* no reset */
		assert_int_equal(session_line_count(s), lines);
		assert_string_equal(session_last_say(s), "the first words");
		dir_names(dir, names, sizeof names);
		assert_string_equal(names, "");
	}
	TL_JSON e = run_fail(s, "syntax", "$q = VirtualFree $p 0 MEM_RELEASE");
	assert_string_equal(tl_str(e, "error.message"),
			    "VirtualFree has no result to bind to $q, so it was not run; expected a command with a "
			    "value such as an address, a handle or a pid");
	TL_JSON still = run_ok(s, "read $p"); /* $p survived, and its region */
	run_err(s, "unknown", "read $u");
	/* a command with a value that ends without one (an access violation):
	 * undone after it ran, as before */
	TL_JSON av = run_fail(s, "syntax", "$z = read 0");
	assert_non_null(strstr(tl_str(av, "error.message"), "ended without a value to bind to $z"));
	assert_int_equal(run_val(s, "$p2 = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE"), p + 0x10000);
	rmdir(dir);
}

/* Regression: the text form of an error whose status had no Win32
 * mapping named the status twice ("(STATUS_INVALID_CID,
 * STATUS_INVALID_CID)"). A Win32 call's error shows the Win32 error and
 * the status; an inspection command's the status, once. */
static void test_text_error_names_once(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(session_exec_text(s, "process use nobody", f), -1);
	assert_int_equal(session_exec_text(s, "!process 0x999", f), -1);
	fclose(f);
	assert_non_null(strstr(buf, "error: no live process 'nobody'"));
	assert_non_null(strstr(buf, "(ERROR_INVALID_PARAMETER, STATUS_INVALID_CID)\n"));
	assert_non_null(strstr(buf, " (STATUS_INVALID_CID)\n"));
	assert_null(strstr(buf, "(STATUS_INVALID_CID, STATUS_INVALID_CID)"));
	free(buf);
}

/* Regression: the text and the JSON decided apart whether a failure is a
 * Win32 error or an NTSTATUS, and disagreed: ExAllocatePoolWithTag's text
 * named ERROR_NO_SYSTEM_RESOURCES beside the status, its JSON the status
 * alone. One rule now (session.c, error_codes): the text's "(code)" or
 * "(code, ntstatus)" is the JSON's error.code and error.ntstatus. */
static void test_error_codes_text_json_agree(void **state)
{
	static const struct {
		const char *cmd, *code, *ntstatus;
	} cases[] = {
		/* kernel mode: the NTSTATUS alone */
		{"ExAllocatePoolWithTag PagedPool 0x100000000 Abcd", "STATUS_INSUFFICIENT_RESOURCES", NULL},
		{"ExFreePool 0x1234", "BAD_POOL_CALLER", NULL},
		/* Win32 API: the Win32 error, the NTSTATUS beside it */
		{"VirtualFree $p 4K MEM_RELEASE", "ERROR_INVALID_PARAMETER", "STATUS_INVALID_PARAMETER"},
		{"VirtualFree $p+0x1000 0 MEM_RELEASE", "ERROR_INVALID_ADDRESS", "STATUS_FREE_VM_NOT_AT_BASE"},
		{"CreateFile a-name-longer-than-thirty-one-characters.dat 4K", "ERROR_INVALID_NAME",
		 "STATUS_OBJECT_NAME_INVALID"},
		{"process use nobody", "ERROR_INVALID_PARAMETER", "STATUS_INVALID_CID"},
		{"process exit System", "ERROR_ACCESS_DENIED", NULL},
		/* RtlNtStatusToDosError gives this status back: named once in the text */
		{"VirtualLock $g 4K", "STATUS_GUARD_PAGE_VIOLATION", "STATUS_GUARD_PAGE_VIOLATION"},
		/* debugger commands: the NTSTATUS alone */
		{"!process 0x999", "STATUS_INVALID_CID", NULL},
		{"!vad 0x50000000", "STATUS_MEMORY_NOT_ALLOCATED", NULL},
		/* no NTSTATUS at all */
		{"VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRTE", "syntax", NULL},
		{"frobnicate", "unknown", NULL},
	};
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app --bare");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "$g = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_GUARD");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TL_JSON j = run_fail(s, cases[i].code, "%s", cases[i].cmd);
		if (cases[i].ntstatus)
			assert_string_equal(tl_str(j, "error.ntstatus"), cases[i].ntstatus);
		else
			assert_null(tl_get(j, "error.ntstatus"));
		char want[160];
		if (cases[i].ntstatus && strcmp(cases[i].ntstatus, cases[i].code))
			snprintf(want, sizeof want, " (%s, %s)\n", cases[i].code, cases[i].ntstatus);
		else
			snprintf(want, sizeof want, " (%s)\n", cases[i].code);
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		assert_int_equal(session_exec_text(s, cases[i].cmd, f), -1);
		fclose(f);
		const char *err = strstr(buf, "\nerror: ");
		assert_non_null(err);
		assert_true(strlen(err) >= strlen(want));
		assert_string_equal(err + strlen(err) - strlen(want), want);
		free(buf);
	}
}

/* The record `save` replays holds at most SCN_MAX_STEPS lines, the most a
 * scenario can hold: beyond, the session runs on without recording (its
 * memory flat) and save refuses with the reason, writing nothing; reset
 * starts a new record. */
static void test_record_bounded(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	for (int i = 0; i < SCN_MAX_STEPS + 10; i++) {
		TL_JSON r = session_exec_json(s, "say a");
		assert_true(tl_bool(r, "ok"));
	}
	assert_int_equal(session_line_count(s), SCN_MAX_STEPS);
	assert_true(session_record_full(s));
	char path[] = "/tmp/mmviz-record-XXXXXX";
	assert_non_null(mkdtemp(path));
	char file[64];
	snprintf(file, sizeof file, "%s/s.json", path);
	TL_JSON r = run_fail(s, "ERROR_NO_SYSTEM_RESOURCES", "save %s", file);
	assert_string_equal(tl_str(r, "error.ntstatus"), "STATUS_INSUFFICIENT_RESOURCES");
	assert_int_equal(access(file, F_OK), -1);
	run(s, "reset");
	assert_false(session_record_full(s));
	run(s, "say b");
	run(s, "save %s", file);
	assert_int_equal(access(file, F_OK), 0);
	unlink(file);
	rmdir(path);
}

/* ---- untrusted text and wrap-around (issue 15) ---- */

static char *jout_string(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cJSON *o = cJSON_CreateString(s);
	assert_int_equal(jout_print(f, o), 0);
	cJSON_Delete(o);
	fclose(f);
	return buf;
}

/* Is s valid UTF-8 with no control character raw (C0, DEL, C1)? */
static bool clean_utf8(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += mm_utf8_decode(s + i, n - i, &cp);
		if (cp == MM_UTF8_BAD || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			return false;
	}
	return true;
}

/* docs/output.md OUT-JSON: a JSON line is valid UTF-8 whatever a string
 * held; controls are escaped (the same text for a JSON reader), a byte
 * that is no UTF-8 becomes \ufffd. */
static void test_jout_valid_utf8(void **state)
{
	char *out = jout_string("a\x1b[31m\x7f\xc2\x85\xff\xe4" "b\n\t\"\\ \xc3\xa4\xf0\x9f\x98\x80");
	assert_string_equal(out, "\"a\\u001b[31m\\u007f\\u0085\\ufffd\\ufffdb\\n\\t\\\"\\\\ \xc3\xa4\xf0\x9f\x98\x80\"");
	free(out);
	srand(15);
	for (int round = 0; round < 2000; round++) {
		char in[40];
		size_t n = (size_t)(rand() % 39);
		for (size_t i = 0; i < n; i++)
			in[i] = (char)(1 + rand() % 255);
		in[n] = '\0';
		out = jout_string(in);
		assert_true(clean_utf8(out));
		cJSON *back = cJSON_Parse(out);
		assert_non_null(back);
		assert_true(cJSON_IsString(back));
		cJSON_Delete(back);
		free(out);
	}
}

/* docs/commands.md CMD-LEX: a command is UTF-8 text without control
 * characters; the refusal names the byte, changes nothing, and the echo
 * in the text and the JSON carries no control character to a terminal. */
static void test_control_characters_refused(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app --bare");
	TL_JSON a = run_fail(s, "syntax", "say hi\x1b[31mred");
	assert_non_null(strstr(tl_str(a, "error.message"), "byte 7 of the line is the control character U+001B"));
	assert_string_equal(tl_str(a, "cmd"), "say hi\x1b[31mred");   /* the line as read, for a JSON reader */
	TL_JSON b = run_fail(s, "syntax", "process create \"a\xff" "b\"");
	assert_non_null(strstr(tl_str(b, "error.message"), "(0xff) is not UTF-8"));
	run_err(s, "syntax", "say \xc2\x9b" "2J");
	run_err(s, "syntax", "say \x7f");
	run_err(s, "syntax", "CreateFile \"x\x07.bin\" 4K");
	run(s, "say tab\there\r");                                    /* blanks stay blanks */
	run(s, "say Übergang");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(session_exec_text(s, "say \x1b]0;pwned\x07\n", f), -1);
	assert_int_equal(session_exec_text(s, "unknown\x1b[2J", f), -1);
	cJSON *o = session_exec_json(s, "say \xff\x1b");
	assert_int_equal(jout_print(f, o), 0);
	cJSON_Delete(o);
	fclose(f);
	assert_null(memchr(buf, 0x1b, len));
	assert_null(memchr(buf, 0x07, len));
	assert_non_null(strstr(buf, "> say \xef\xbf\xbd]0;pwned\xef\xbf\xbd\n"));
	assert_non_null(strstr(buf, "\"cmd\":\"say \\ufffd\\u001b\""));
	assert_true(clean_utf8(buf + strcspn(buf, "{")));
	free(buf);
}

/* docs/commands.md CMD-LEX: numbers and ranges that wrap around 2^64 are
 * refused as such, with the command's own code, and change nothing. */
static void test_wrap_refused(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	run(s, "process create app");
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "$f = CreateFile \"w.bin\" 128K");
	run(s, "$s = CreateFileMapping $f PAGE_READWRITE 0");
	run(s, "$v = MapViewOfFile $s FILE_MAP_READ 0 0");
	run(s, "$h = GetProcessHeap");
	static const struct {
		const char *line, *code, *words;
	} cases[] = {
		{"read 17179869184G", "syntax", "wraps around 2^64"},
		{"read $p+0xffffffffffffffff", "syntax", "wraps around 2^64"},
		{"read $p-0x10000000", "syntax", "wraps around below 0"},
		{"VirtualAlloc 0x7fff0000 0xffffffffffffffff MEM_RESERVE PAGE_READWRITE", "ERROR_INVALID_PARAMETER",
		 "ADDR 0x7fff0000 + SIZE 0xffffffffffffffff wraps around 2^64"},
		{"VirtualFree $p+0x1000 0xfffffffffffff001 MEM_DECOMMIT", "ERROR_INVALID_PARAMETER", "wraps around 2^64"},
		{"VirtualProtect $p 0xffffffffffffffff PAGE_READONLY", "ERROR_INVALID_PARAMETER", "wraps around 2^64"},
		{"VirtualLock $p 0xfffffffffffff000", "ERROR_INVALID_PARAMETER", "wraps around 2^64"},
		{"touch 0xfffffffffffff000 0x2000", "syntax", "wraps around 2^64"},
		{"read 0xfffffffffffffffe 8", "syntax", "wraps around 2^64"},
		{"kwrite 0xfffffffffffffffc 0 8", "syntax", "wraps around 2^64"},
		{"db 0xfffffffffffffff0 L 0x20", "syntax", "wraps around 2^64"},
		{"CreateFile \"big.bin\" 0xffffffffffffffff", "ERROR_INVALID_PARAMETER", "when rounded up to 4 KB"},
		{"CreateFileMapping $f PAGE_READWRITE 0xfffffffffffff001", NULL, "when rounded up to 4 KB"},
		{"CreateFileMapping -1 PAGE_READWRITE 0xffffffffffffffff", NULL, "when rounded up to 4 KB"},
		{"MapViewOfFile $s FILE_MAP_READ 0 0x20000 0xffffffffffff0000", NULL, "wraps around 2^64"},
		{"MapViewOfFile $s FILE_MAP_READ 0 0x10000 0xffffffffffff0000", NULL, "outside user space"},
		{"FlushViewOfFile $v 0xffffffffffffffff", "ERROR_INVALID_PARAMETER", "wraps around 2^64"},
		{"HeapCreate 0xffffffffffffffff 0", "ERROR_INVALID_PARAMETER", "when rounded up to 64 KB"},
		{"HeapCreate 0 0xfffffffffffff001", "ERROR_INVALID_PARAMETER", "when rounded up to 64 KB"},
		{"CreateThread stack=0xffffffffffffffff", "ERROR_INVALID_PARAMETER", "when rounded up to 1 MB"},
		{"CreateThread reserve=0xffffffffffffffff", "ERROR_INVALID_PARAMETER", "when rounded up to 64 KB"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TL_JSON r = run_fail(s, cases[i].code, "%s", cases[i].line);
		if (!strstr(tl_str(r, "error.message"), cases[i].words))
			fail_msg("'%s': \"%s\" lacks \"%s\"", cases[i].line, tl_str(r, "error.message"), cases[i].words);
	}
	/* a range that ends exactly at 0xffffffffffffffff does not wrap: it is
	 * judged on its merits (here: an access violation, a result) */
	TL_JSON t = run_ok(s, "touch 0xfffffffffffff000 0x1000");
	assert_int_equal(tl_num(t, "result.exceptions"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape_and_seq),
		cmocka_unit_test(test_access_result_and_events),
		cmocka_unit_test(test_variables),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_inspection_changes_nothing),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_text_form),
		cmocka_unit_test(test_save_export),
		cmocka_unit_test(test_command_flags),
		cmocka_unit_test(test_save_export_targets),
		cmocka_unit_test(test_record_bounded),
		cmocka_unit_test(test_bind_refused_before_run),
		cmocka_unit_test(test_dump_across_pages),
		cmocka_unit_test(test_text_error_names_once),
		cmocka_unit_test(test_error_codes_text_json_agree),
		cmocka_unit_test(test_jout_valid_utf8),
		cmocka_unit_test(test_control_characters_refused),
		cmocka_unit_test(test_wrap_refused),
	};
	return cmocka_run_group_tests_name("20_session", tests, NULL, NULL);
}
