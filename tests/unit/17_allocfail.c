/*
 * 17_allocfail.c — host memory running out, at every allocation in turn
 * (after Lua's debug_realloc and SQLite's faultsim).
 *
 * The machine's allocator is injected (struct mm_config.alloc) with a
 * counting one that puts a header before each block, so it can also check
 * that the core passes every block's true size back (the lua_Alloc contract)
 * and that nothing is left when the session is freed.
 *
 * A script of commands (processes, VirtualAlloc, touches that read and
 * write, heaps, files and sections with views, pool, tick, EmptyWorkingSet,
 * threads, VirtualLock, paging to the page file, frees, exit) is run once to count the allocations each command makes.
 * Then, for every allocation N, a fresh session runs the script with
 * allocation N failing (once, or N and every one after it): the command
 * that meets the failure must fail with STATUS_NO_MEMORY (the Win32 commands
 * say ERROR_NOT_ENOUGH_MEMORY), leave the machine exactly as it was
 * (mm_state_hash, no events or journal records left) and the invariants
 * holding; run again with memory back, it must succeed and leave the state
 * the run without failures had after it.
 *
 * Boot: every allocation of session_new and of mm_new failing in turn gives
 * NULL with STATUS_NO_MEMORY and leaves no block behind.
 */
#include "testlib.h"

#include "mm.h"

/* ---- the counting allocator ---- */

#define HDR_MAGIC 0x6d6d7669u

struct hdr {
	size_t size;
	size_t magic;
};

struct counter {
	long calls;                 /* allocating calls (new blocks and growth) so far */
	long fail_at;               /* this call fails, 0 = none */
	bool persist;               /* ... and every one after it */
	long failed;                /* calls that returned NULL */
	long live;                  /* blocks outstanding */
	size_t live_bytes;
	long bad_size;              /* calls whose osize was not the block's size */
};

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct counter *c = ud;
	struct hdr *h = ptr ? (struct hdr *)ptr - 1 : NULL;
	if (h && (h->magic != HDR_MAGIC || h->size != osize))
		c->bad_size++;
	if (nsize == 0) {
		if (h) {
			c->live--;
			c->live_bytes -= h->size;
			h->magic = 0;
			free(h);
		}
		return NULL;
	}
	if (!h || nsize > osize) {
		c->calls++;
		if (c->fail_at && (c->calls == c->fail_at || (c->persist && c->calls > c->fail_at))) {
			c->failed++;
			return NULL;
		}
	}
	size_t old = h ? h->size : 0;
	struct hdr *n = realloc(h, sizeof *n + nsize);
	if (!n)
		return NULL;
	if (!h)
		c->live++;
	c->live_bytes += nsize - old;
	n->size = nsize;
	n->magic = HDR_MAGIC;
	return n + 1;
}

static void counting_config(struct mm_config *cfg, struct counter *c, enum mm_arch arch)
{
	tl_config(cfg, arch);
	cfg->alloc = counting_alloc;
	cfg->alloc_ud = c;
}

/* ---- the script ---- */

static const char *const script[] = {
	"process create app.exe",
	"$p = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
	"touch $p 64K r",
	"touch $p 96K w",
	"write $p+0x3000 0x1122334455667788 8",
	"$h = HeapCreate",
	"$a = HeapAlloc $h 5000",
	"$b = HeapAlloc $h 0x30000",
	"HeapFree $h $a",
	"$f = CreateFile data.bin 64K",
	"$s = CreateFileMapping $f PAGE_READWRITE 0",
	"$v = MapViewOfFile $s FILE_MAP_WRITE 0 0",
	"write $v+0x1000 0x55",
	"touch $v 16K w",
	"$k = ExAllocatePoolWithTag NonPagedPool 100 Tst1",
	"$k2 = ExAllocatePoolWithTag PagedPool 0x3000 Tst2",
	"tick",
	"EmptyWorkingSet",
	"touch $p 32K r",
	"VirtualProtect $p 4K PAGE_READONLY",
	"UnmapViewOfFile $v",
	"ExFreePool $k2",
	"tick 3",
	"VirtualFree $p 0 MEM_RELEASE",
	"$q = CreateFileMapping -1 PAGE_READWRITE 128K shm",
	"$w = MapViewOfFile $q FILE_MAP_WRITE 0 0",
	"touch $w 128K w",
	"process create other.exe",
	"$q2 = OpenFileMapping shm",
	"$w2 = MapViewOfFile $q2 FILE_MAP_READ 0 0",
	"touch $w2 64K r",
	"LoadLibrary kernel32.dll",
	"process exit app.exe",
	"say hello",
	"process use other.exe",
	"$t = CreateThread stack=64K",
	"$g = VirtualAlloc 0 2M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
	"VirtualLock $g 16K",
	"touch $g 2M w",
	"SetProcessWorkingSetSize 160K 320K",
	"touch $g 1M r",
	"FlushViewOfFile $w2 4K",
	"CloseHandle $q2",
	"$h2 = HeapCreate",
	"HeapAlloc $h2 100",
	"HeapDestroy $h2",
	"FreeLibrary kernel32.dll",
	"kwrite $k 0x1234 8",
	"ExFreePool $k",
	"tick 5",
};
#define NSCRIPT ((int)MM_ARRAY_LEN(script))

struct reference {
	long boot_calls;            /* allocations of session_new */
	long calls;                 /* allocations of the whole script after boot */
	long end_calls[NSCRIPT];    /* allocations after boot once command i is done */
	uint64_t hash[NSCRIPT];     /* the state once command i is done */
	size_t lines[NSCRIPT];      /* session_line_count once command i is done */
};

static void must_succeed(struct session *s, const char *line)
{
	TL_JSON o = session_exec_json(s, line);
	if (!o)
		fail_msg("'%s' produced no JSON object", line);
	if (!tl_bool(o, "ok"))
		fail_msg("'%s' failed: %s", line, tl_str(o, "error.message"));
	tl_check(s, line);
}

static void reference_run(enum mm_arch arch, struct reference *r)
{
	struct counter c = {0};
	struct mm_config cfg;
	counting_config(&cfg, &c, arch);
	struct session *s = tl_session_cfg(&cfg);
	r->boot_calls = c.calls;
	for (int i = 0; i < NSCRIPT; i++) {
		must_succeed(s, script[i]);
		r->end_calls[i] = c.calls - r->boot_calls;
		r->hash[i] = tl_hash(s);
		r->lines[i] = session_line_count(s);
	}
	r->calls = c.calls - r->boot_calls;
	session_free(s);
	assert_int_equal(c.bad_size, 0);
	assert_int_equal(c.live, 0);
	assert_int_equal(c.live_bytes, 0);
	assert_int_equal(c.failed, 0);
}

/* STATUS_NO_MEMORY, or what a Win32 caller sees of it. */
static bool is_oom(const cJSON *o)
{
	const char *code = tl_str(o, "error.code");
	const cJSON *nt = tl_get(o, "error.ntstatus");
	return !strcmp(code, "STATUS_NO_MEMORY") ||
	       (!strcmp(code, "ERROR_NOT_ENOUGH_MEMORY") && cJSON_IsString(nt) && !strcmp(nt->valuestring, "STATUS_NO_MEMORY"));
}

/* The command that met the failure: it must have failed as out of memory
 * and changed nothing. */
static void check_failed(struct session *s, const cJSON *o, const char *line, long n, uint64_t before, uint64_t nj,
			 uint64_t nev)
{
	if (tl_bool(o, "ok"))
		fail_msg("allocation %ld failed inside '%s', but the command succeeded", n, line);
	if (!is_oom(o))
		fail_msg("allocation %ld failed inside '%s': error %s (%s), not STATUS_NO_MEMORY", n, line, tl_str(o, "error.code"),
			 tl_str(o, "error.message"));
	if (!strstr(tl_str(o, "error.message"), "host memory"))
		fail_msg("allocation %ld failed inside '%s': the message '%s' does not name host memory", n, line,
			 tl_str(o, "error.message"));
	tl_check(s, line);
	if (tl_hash(s) != before)
		fail_msg("allocation %ld failed inside '%s', and the machine changed (state hash differs)", n, line);
	const struct mm *m = session_mm(s);
	if (tl_hist_mark(&m->hist) != nj || hist_event_count(&m->hist) != nev)
		fail_msg("allocation %ld failed inside '%s', and left journal records or events behind", n, line);
	if (tl_len(o, "events") != 0)
		fail_msg("allocation %ld failed inside '%s', and it reported events", n, line);
}

/* Runs the script with allocation n (after boot) failing, up to the command
 * that makes it (the reference run says which): the commands before it
 * succeed; it fails and changes nothing; run again with memory back, it
 * succeeds and leaves the state the reference run had after it. */
static void run_failing(enum mm_arch arch, const struct reference *r, long n, bool persist)
{
	struct counter c = {0};
	struct mm_config cfg;
	counting_config(&cfg, &c, arch);
	struct session *s = tl_session_cfg(&cfg);
	assert_int_equal(c.calls, r->boot_calls);
	c.fail_at = r->boot_calls + n;
	c.persist = persist;
	int t = 0;
	while (r->end_calls[t] < n)
		t++;
	for (int i = 0; i < t; i++) {
		TL_JSON o = session_exec_json(s, script[i]);
		if (!o || !tl_bool(o, "ok"))
			fail_msg("allocation %ld: '%s' failed before the allocation was made: %s", n, script[i], o ? tl_str(o, "error.message") : "-");
	}
	assert_int_equal(c.failed, 0);
	const struct mm *m = session_mm(s);
	uint64_t before = tl_hash(s), nj = tl_hist_mark(&m->hist), nev = hist_event_count(&m->hist);
	cJSON *o = session_exec_json(s, script[t]);
	if (!o)
		fail_msg("'%s' produced no JSON object", script[t]);
	if (!c.failed) {
		cJSON_Delete(o);
		fail_msg("allocation %ld: '%s' did not make it (the reference run did)", n, script[t]);
	}
	check_failed(s, o, script[t], n, before, nj, nev);
	cJSON_Delete(o);
	c.fail_at = 0; /* memory is back: the same command must now succeed */
	must_succeed(s, script[t]);
	if (tl_hash(s) != r->hash[t])
		fail_msg("allocation %ld: after the failure and the retry '%s' left another state", n, script[t]);
	assert_int_equal(session_line_count(s), r->lines[t]);
	session_free(s);
	if (c.bad_size)
		fail_msg("allocation %ld: %ld calls passed a wrong block size", n, c.bad_size);
	if (c.live != 0)
		fail_msg("allocation %ld: %ld blocks (%zu bytes) leaked", n, c.live, c.live_bytes);
}

static void fail_each(enum mm_arch arch)
{
	struct reference r;
	reference_run(arch, &r);
	assert_true(r.calls > 10);
	for (long n = 1; n <= r.calls; n++) {
		run_failing(arch, &r, n, false);
		run_failing(arch, &r, n, true);
	}
	print_message("%s: %ld allocations after boot failed in turn (%ld at boot)\n", tl_arch_name(arch), r.calls,
		      r.boot_calls);
}

static void test_commands_x64(void **state) { fail_each(MM_ARCH_X64); }
static void test_commands_x86(void **state) { fail_each(MM_ARCH_X86); }
static void test_commands_pae(void **state) { fail_each(MM_ARCH_PAE); }

/* Boot: every allocation of session_new (and of a bare mm_new) failing. */
static void test_boot(void **state)
{
	struct reference r;
	reference_run(MM_ARCH_X64, &r);
	assert_true(r.boot_calls > 5);
	for (long n = 1; n <= r.boot_calls; n++) {
		for (int persist = 0; persist < 2; persist++) {
			struct counter c = {.fail_at = n, .persist = persist};
			struct mm_config cfg;
			counting_config(&cfg, &c, MM_ARCH_X64);
			struct mm_err err;
			mm_err_clear(&err);
			struct session *s = session_new(&cfg, &err);
			if (s)
				fail_msg("boot allocation %ld failed, yet session_new gave a session", n);
			assert_non_null(err.code);
			assert_string_equal(err.code, "STATUS_NO_MEMORY");
			assert_non_null(strstr(err.msg, "host memory"));
			assert_int_equal(c.bad_size, 0);
			if (c.live != 0)
				fail_msg("boot allocation %ld failed: %ld blocks (%zu bytes) leaked", n, c.live, c.live_bytes);

			struct counter d = {.fail_at = n, .persist = persist};
			counting_config(&cfg, &d, MM_ARCH_X64);
			mm_err_clear(&err);
			struct mm *m = mm_new(&cfg, &err);
			if (m) {
				mm_free(m); /* mm_new makes fewer allocations than session_new */
				if (d.failed)
					fail_msg("boot allocation %ld (%s) failed, yet mm_new gave a machine", n,
						 persist ? "and all after it" : "once");
			} else {
				assert_non_null(err.code);
				assert_string_equal(err.code, "STATUS_NO_MEMORY");
			}
			assert_int_equal(d.bad_size, 0);
			assert_int_equal(d.live, 0);
		}
	}
}

/* `reset` boots a new machine through the same allocator; when that fails,
 * the old machine stays. */
static void test_reset(void **state)
{
	struct counter c = {0};
	struct mm_config cfg;
	counting_config(&cfg, &c, MM_ARCH_X64);
	struct session *s = tl_session_cfg(&cfg);
	must_succeed(s, "process create app.exe");
	long before = c.calls;
	must_succeed(s, "reset");
	long boot = c.calls - before;
	must_succeed(s, "process create app.exe");
	for (long n = 1; n <= boot; n++) {
		uint64_t h = tl_hash(s);
		c.fail_at = c.calls + n;
		TL_JSON o = session_exec_json(s, "reset");
		assert_false(tl_bool(o, "ok"));
		assert_true(is_oom(o));
		assert_int_equal(tl_hash(s), h);
		tl_check(s, "reset");
		c.fail_at = 0;
	}
	session_free(s);
	assert_int_equal(c.bad_size, 0);
	assert_int_equal(c.live, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_commands_x64),
		cmocka_unit_test(test_commands_x86),
		cmocka_unit_test(test_commands_pae),
	};
	return cmocka_run_group_tests_name("17_allocfail", tests, NULL, NULL);
}
