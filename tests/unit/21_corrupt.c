/*
 * 21_corrupt.c — corrupted simulated kernel structures never crash mmviz
 * (docs/commands.md CMD-CORRUPT, docs/quality.md Q-RELIABILITY).
 *
 * kwrite is a user action: a student may overwrite a POOL_HEADER, the
 * contents of a pool block or of a heap, or try the memory manager's own
 * structures (control areas, prototype PTEs, page tables), with any value.
 * Whatever is written, every inspection command, in JSON and in text, must
 * then either answer or fail with a clear error, and so must the accesses
 * and the pool's own calls that read the headers (ExAllocatePoolWithTag,
 * ExFreePool, and a section's teardown freeing its control area and
 * prototype PTEs). The invariant checker runs after the overwrite and after
 * each group of commands, and a failed command must change nothing (its
 * journal and events: the state hash is compared at each rewind).
 *
 * On each paging mode one machine is built: two processes, private memory,
 * a mapped file and a page-file-backed section with views, the process heap
 * and a private heap with small and large blocks, a DLL, a second thread,
 * and pool blocks in both pools, small and big. Each case rewinds the
 * history to that state (hist_seek_cmd_end: the next command discards the
 * redo tail), overwrites one place with one pattern, and runs the lot. The
 * places: every POOL_HEADER of every small pool page and the first and last
 * quadword of every block's body; the control area, the prototype PTEs and
 * a page-table entry (refused: only the memory manager writes them);
 * heap headers, the heap's own header and the PEB in user memory. The
 * patterns: 0, all ones, pseudo-random, and headers that look right but
 * lie (BlockSize 0, one unit more, past the page end, a wrong
 * PreviousSize, marked free, an unknown PoolType, a free block swallowing
 * the rest of the page).
 *
 * It runs under ASan too (make test-asan, docs/quality.md Q-SUITE): an
 * out-of-bounds read of a page's contents shows there and not here.
 */
#include "testlib.h"

#include "base/event.h"

/* ---- running anything ---- */

/* The journal's length and position: a command that changed nothing
 * leaves them as they were (a cheaper witness than mm_state_hash, which
 * rewind_to checks). */
static uint64_t marks(struct session *s)
{
	const struct hist *h = &session_mm(s)->hist;
	return tl_hist_mark(h) * 1000003u ^ hist_event_count(h) * 8191u ^ h->pos_w * 131u ^ hist_cursor(h);
}

/* Runs a command that may succeed or fail. A failure must be clean: a
 * message that says something, nothing recorded, the invariants holding.
 * Then the same line again in text (inspection commands only: the others
 * would run twice), which must not print "(null)" and must say "error:"
 * when the command failed. Returns the JSON object (caller frees). */
static cJSON *vany(struct session *s, bool check, const char *fmt, va_list ap)
{
	char line[TL_LINE];
	vsnprintf(line, sizeof line, fmt, ap);
	uint64_t before = marks(s);
	cJSON *o = session_exec_json(s, line);
	if (!o)
		fail_msg("'%s' produced no JSON object", line);
	char *txt = cJSON_PrintUnformatted(o);
	if (!txt)
		fail_msg("'%s': the JSON object cannot be printed", line);
	cJSON_free(txt);
	if (check)
		tl_check(s, line);
	bool ok = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok"));
	if (!ok) {
		const char *msg = tl_str(o, "error.message");
		if (strlen(msg) < 10)
			fail_msg("'%s' failed without a clear message: '%s'", line, msg);
		if (marks(s) != before || tl_len(o, "events") != 0)
			fail_msg("'%s' failed but changed the machine", line);
	}
	return o;
}

static cJSON *any(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static cJSON *any(struct session *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cJSON *o = vany(s, true, fmt, ap);
	va_end(ap);
	return o;
}

/* The same without the checker: use_all checks after each group of
 * commands (the checker over the whole machine is most of the cost). */
static cJSON *act(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static cJSON *act(struct session *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cJSON *o = vany(s, false, fmt, ap);
	va_end(ap);
	return o;
}

/* The same for an inspection command, which must change nothing at all
 * (so the invariant checker has nothing new to check). */
static cJSON *peek(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static cJSON *peek(struct session *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	uint64_t before = marks(s);
	cJSON *o = vany(s, false, fmt, ap);
	va_end(ap);
	if (marks(s) != before)
		fail_msg("an inspection changed the machine");
	return o;
}

static void any_text(struct session *s, const char *line)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	int rc = session_exec_text(s, line, f);
	fclose(f);
	if (strstr(buf, "(null)"))
		fail_msg("'%s' printed (null):\n%s", line, buf);
	if (rc < 0 && !strstr(buf, "error:"))
		fail_msg("'%s' failed without an error line:\n%s", line, buf);
	free(buf);
}

/* An inspection command: JSON, then text. */
static void look(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void look(struct session *s, const char *fmt, ...)
{
	char line[TL_LINE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	uint64_t before = marks(s);
	cJSON_Delete(peek(s, "%s", line));
	any_text(s, line);
	if (marks(s) != before)
		fail_msg("inspection '%s' changed the machine", line);
}

/* ---- the machine ---- */

#define MAX_PAGES 8
#define MAX_BLOCKS 24

struct block {
	uint64_t va, size;
	bool allocated;
};

struct page {
	uint64_t va;
	uint32_t type;                /* PoolType in its headers: the pool + 1 */
	int n;
	struct block b[MAX_BLOCKS];
};

struct world {
	enum mm_arch arch;
	uint64_t base_cmd;            /* commands in the history once built */
	uint64_t hash;                /* the state then */
	struct page page[MAX_PAGES];  /* the small pool pages */
	int npages;
	uint64_t big[2];              /* a big allocation of each pool */
	uint64_t ca, segment, pte_va, peb, heap, heap_blk, heap2;
	uint64_t pool_base[2];        /* non-paged, paged */
};

static unsigned hdr_size(enum mm_arch a) { return a == MM_ARCH_X64 ? 16 : 8; }

static void find_pages(struct session *s, struct world *w)
{
	for (int t = 0; t < 2; t++)
		for (int i = 0; i < MAX_PAGES && w->npages < MAX_PAGES; i++) {
			uint64_t va = w->pool_base[t] + (uint64_t)i * 4096;
			char line[64];
			snprintf(line, sizeof line, "!pool %#" PRIx64, va);
			TL_JSON p = session_exec_json(s, line);
			if (!tl_bool(p, "ok") || tl_bool(p, "result.blocks.0.big"))
				continue;
			struct page *pg = &w->page[w->npages++];
			pg->va = va;
			pg->type = (uint32_t)t + 1;
			const cJSON *b;
			cJSON_ArrayForEach(b, tl_need(p, "result.blocks")) {
				assert_true(pg->n < MAX_BLOCKS);
				pg->b[pg->n++] = (struct block){tl_hex(b, "va"), (uint64_t)tl_num(b, "size"), tl_bool(b, "allocated")};
			}
		}
}

static void build(struct session *s, struct world *w, enum mm_arch a)
{
	*w = (struct world){.arch = a};
	bool x64 = a == MM_ARCH_X64;
	w->pool_base[0] = x64 ? 0xFFFFFAC000000000ull : 0xF0000000ull;
	w->pool_base[1] = x64 ? 0xFFFFFA8000000000ull : 0xE1000000ull;
	TL_JSON p = run_ok(s, "process create app.exe");
	w->peb = tl_hex(p, "result.peb");
	run(s, "$h = GetProcessHeap");
	run(s, "$a = HeapAlloc $h 0x40");
	w->heap = run_val(s, "GetProcessHeap");
	w->heap_blk = run_val(s, "$a2 = HeapAlloc $h 0x100");
	run(s, "$big = HeapAlloc $h 0x100000");
	w->heap2 = run_val(s, "$p = HeapCreate 0x10000 0");
	run(s, "$c = HeapAlloc $p 0x80");
	run(s, "HeapFree $h $a");
	run(s, "$q0 = ExAllocatePoolWithTag PagedPool 0x28 Usr0"); /* right before a section's blocks */
	run(s, "$q6 = ExAllocatePoolWithTag NonPagedPool 0x28 Usr6");
	run(s, "$f = CreateFile data.bin 0x10000");
	run(s, "$s = CreateFileMapping $f PAGE_READWRITE 0");
	run(s, "$v = MapViewOfFile $s FILE_MAP_WRITE 0 0");
	run(s, "$m = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 0x20000");
	run(s, "$w = MapViewOfFile $m FILE_MAP_WRITE 0 0");
	run(s, "touch $v 0x8000 w");
	run(s, "touch $w 0x3000 w");
	run(s, "$k = LoadLibrary kernel32.dll");
	run(s, "$x = VirtualAlloc 0 0x10000 MEM_COMMIT|MEM_RESERVE PAGE_READWRITE");
	run(s, "touch $x 0x8000 w");
	run(s, "CreateThread");
	run(s, "process create two.exe");
	run(s, "$y = VirtualAlloc 0 0x4000 MEM_COMMIT|MEM_RESERVE PAGE_READWRITE");
	run(s, "touch $y 0x4000 w");
	run(s, "$q1 = ExAllocatePoolWithTag PagedPool 0x40 Usr1");
	run(s, "$q2 = ExAllocatePoolWithTag NonPagedPool 0x100 Usr2");
	run(s, "$q3 = ExAllocatePoolWithTag PagedPool 0x30 Usr3");
	run(s, "$q4 = ExAllocatePoolWithTag NonPagedPool 0x18 Usr4");
	run(s, "$q5 = ExAllocatePoolWithTag PagedPool 0x200 Usr5");
	run(s, "ExFreePool $q3"); /* a free block between allocated ones */
	/* pages whose first block is a driver's */
	run(s, "$q7 = ExAllocatePoolWithTag PagedPool 0xE00 Usr7");
	run(s, "$q8 = ExAllocatePoolWithTag NonPagedPool 0xE00 Usr8");
	w->big[1] = run_val(s, "$b1 = ExAllocatePoolWithTag PagedPool 0x3000 Big1");
	w->big[0] = run_val(s, "$b2 = ExAllocatePoolWithTag NonPagedPool 0x2000 Big2");
	run(s, "process use app.exe");
	TL_JSON ca = run_ok(s, "!ca $v");
	w->ca = tl_hex(ca, "result.control_area");
	w->segment = tl_hex(ca, "result.segment");
	TL_JSON pte = run_ok(s, "!pte $x");
	int nl = tl_len(pte, "result.levels");
	char path[64];
	snprintf(path, sizeof path, "result.levels.%d.entry_address", nl - 1);
	w->pte_va = tl_hex(pte, path);
	find_pages(s, w);
	assert_true(w->npages >= 2);
	w->base_cmd = hist_cmd_count(&session_mm(s)->hist);
	w->hash = tl_hash(s);
}

/* Back to the state build() left: the next command discards the rest. */
static void rewind_to(struct session *s, const struct world *w)
{
	struct mm *m = session_mm(s);
	hist_seek_cmd_end(&m->hist, w->base_cmd - 1);
	if (tl_hash(s) != w->hash)
		fail_msg("rewinding did not restore the built state");
}

/* ---- what runs after each overwrite ---- */

static const char *const inspections[] = {
	"machine", "process list", "!process", "!process 0", "!vm", "!memusage", "!tlb", "!vad", "!vad $x",
	"!address", "!address $v", "!address $q1", "!wsle", "!pagefile", "lm", "!heap", "!heap $h", "!heap $p",
	"!ca $v", "!ca $w", "!poolused", "VirtualQuery $x", "VirtualQuery $v", "VirtualQuery $a2", "GetProcessHeap",
	"!pte $q1", "vtop $q1", "!pte $v", "vtop $a2", "!pte $b1", "vtop $q2", "!pool $b1", "!pool $b2",
	"!pool $q1", "!pool $q2", "!pool $q5", "db $a2 L 0x40", "dq $q1 L 0x10",
};

static void inspect_all(struct session *s, const struct world *w, uint64_t at)
{
	for (size_t i = 0; i < MM_ARRAY_LEN(inspections); i++)
		look(s, "%s", inspections[i]);
	look(s, "!pool %#" PRIx64, at);
	for (int p = 0; p < w->npages; p++) {
		const struct page *pg = &w->page[p];
		look(s, "!pool %#" PRIx64, pg->va);
		look(s, "!pool %#" PRIx64, pg->va + 0xFF8);
		look(s, "db %#" PRIx64 " L 0x100", pg->va);
		look(s, "dw %#" PRIx64 " L 0x80", pg->va + 0xF00);
		look(s, "dd %#" PRIx64 " L 0x40", pg->va + 0x80);
		look(s, "dq %#" PRIx64 " L 0x20", pg->va);
		TL_JSON t = peek(s, "vtop %#" PRIx64, pg->va);
		if (tl_bool(t, "ok"))
			look(s, "!pfn %#" PRIx64, tl_hex(t, "result.pa") >> 12);
	}
	TL_JSON t = peek(s, "vtop %#" PRIx64, w->segment);
	if (tl_bool(t, "ok"))
		look(s, "!pfn %#" PRIx64, tl_hex(t, "result.pa") >> 12);
	look(s, "!ca %#" PRIx64, w->ca);
}

/* Accesses and the calls that read pool headers. */
static void use_all(struct session *s, const struct world *w)
{
	static const char *const lines[] = {
		"kread $q1 8", "kread $q2 8", "read $v", "read $a2 8", "write $a2 1", "touch $v 0x2000", "read $w 4",
		"kwrite $q5 0x55 1", "ExAllocatePoolWithTag PagedPool 0x40 New1",
		"ExAllocatePoolWithTag NonPagedPool 0x40 New2", "ExAllocatePoolWithTag PagedPool 0x800 New3",
		"ExAllocatePoolWithTag NonPagedPool 0xF00 New4", "ExAllocatePoolWithTag PagedPool 0x2000 New5",
		"ExFreePool $q1", "ExFreePool $q2", "ExFreePool $q4", "ExFreePool $q5", "ExFreePool $b1",
		"HeapAlloc $h 0x30", "HeapFree $h $a2",
	};
	for (size_t i = 0; i < MM_ARRAY_LEN(lines); i++)
		cJSON_Delete(act(s, "%s", lines[i]));
	/* every block of every page the overwrite may have touched, in turn */
	for (int p = 0; p < w->npages; p++)
		for (int b = 0; b < w->page[p].n; b++)
			cJSON_Delete(act(s, "ExFreePool %#" PRIx64, w->page[p].b[b].va + hdr_size(w->arch)));
	tl_check(s, "the pool calls");
	look(s, "!poolused");
	for (int p = 0; p < w->npages; p++)
		look(s, "!pool %#" PRIx64, w->page[p].va);
	look(s, "!ca $v");
	cJSON_Delete(act(s, "read $v"));
	cJSON_Delete(act(s, "touch $w 0x8000 w"));
	/* a section's teardown frees its prototype PTEs and control area */
	static const char *const down[] = {"UnmapViewOfFile $v", "CloseHandle $s", "UnmapViewOfFile $w",
					   "CloseHandle $m",     "FreeLibrary kernel32.dll", "process exit two.exe",
					   "process exit app.exe"};
	for (size_t i = 0; i < MM_ARRAY_LEN(down); i++)
		cJSON_Delete(act(s, "%s", down[i]));
	tl_check(s, "the teardown");
	look(s, "!poolused");
	look(s, "!vm");
	for (int p = 0; p < w->npages; p++)
		look(s, "!pool %#" PRIx64, w->page[p].va);
}

/* One case: rewind, overwrite size bytes at va with v (kwrite, or write
 * for user memory), then everything. */
static void overwrite(struct session *s, const struct world *w, bool user, uint64_t va, uint64_t v, int size,
		      bool full)
{
	rewind_to(s, w);
	cJSON_Delete(any(s, "%s %#" PRIx64 " %#" PRIx64 " %d", user ? "write" : "kwrite", va, v, size));
	inspect_all(s, w, va);
	if (full)
		use_all(s, w);
}

/* ---- the patterns ---- */

static uint64_t rnd(uint64_t *g)
{
	*g ^= *g << 13;
	*g ^= *g >> 7;
	*g ^= *g << 17;
	return *g;
}

/* A POOL_HEADER's first 8 bytes (pool.c's layout). */
static uint64_t hdr(enum mm_arch a, uint32_t prev, uint32_t size, uint32_t type, uint32_t tag)
{
	if (a == MM_ARCH_X64)
		return (uint64_t)(prev & 0xFF) | (uint64_t)(size & 0xFF) << 16 | (uint64_t)(type & 0xFF) << 24 |
		       (uint64_t)tag << 32;
	return (uint64_t)((prev & 0x1FF) | (size & 0x1FF) << 16 | (type & 0x7F) << 25) | (uint64_t)tag << 32;
}

#define EVIL 0x6c697645u /* "Evil" */

static void corrupt_headers(enum mm_arch a, bool full)
{
	TL_SESSION s = tl_session(a);
	struct world w;
	build(s, &w, a);
	uint64_t g = 0x9E3779B97F4A7C15ull ^ (uint64_t)a;
	uint32_t u = hdr_size(a), maxsz = a == MM_ARCH_X64 ? 0xFF : 0x1FF;
	for (int p = 0; p < w.npages; p++) {
		const struct page *pg = &w.page[p];
		uint32_t type = pg->type;
		for (int b = 0; b < pg->n; b++) {
			const struct block *bl = &pg->b[b];
			uint32_t off = (uint32_t)(bl->va - pg->va), size = (uint32_t)(bl->size / u);
			uint32_t prev = b ? (uint32_t)(pg->b[b - 1].size / u) : 0, rest = (4096 - off) / u;
			uint64_t pats[] = {
				0, ~0ull, rnd(&g), rnd(&g) & 0xFFFFFFFF,
				hdr(a, prev, 0, type, EVIL),            /* BlockSize 0 */
				hdr(a, prev, size + 1, type, EVIL),     /* one unit too many */
				hdr(a, prev, maxsz, type, EVIL),        /* past the page end */
				hdr(a, prev + 3, size, type, EVIL),     /* wrong PreviousSize */
				hdr(a, prev, size, 0, EVIL),            /* marked free */
				hdr(a, prev, size, 0x7F, EVIL),         /* an unknown PoolType */
				hdr(a, prev, rest, 0, EVIL),            /* a free block to the page end */
				hdr(a, prev, rest, type, EVIL),         /* an allocated one */
			};
			for (size_t k = 0; k < MM_ARRAY_LEN(pats); k++)
				overwrite(s, &w, false, bl->va, pats[k], 8, full);
			if (a == MM_ARCH_X64) /* ProcessBilled: a pointer the kernel would follow */
				overwrite(s, &w, false, bl->va + 8, rnd(&g), 8, full);
		}
	}
}

/* The crash of issue 15: the first header of a page zeroed, !pool in text
 * took the pool's name from the first block and there was none. */
static void first_header_zeroed(enum mm_arch a)
{
	TL_SESSION s = tl_session(a);
	struct world w;
	build(s, &w, a);
	for (int k = 7; k <= 8; k++) {
		TL_JSON v = run_ok(s, "!pool $q%d", k);
		uint64_t q = tl_hex(v, "result.blocks.0.va");
		assert_int_equal(q & 0xFFF, 0);
		run(s, "kwrite %#" PRIx64 " 0 8", q);
		TL_JSON r = run_ok(s, "!pool $q%d", k);
		assert_int_equal(tl_len(r, "result.blocks"), 0);
		assert_int_equal(tl_hex(r, "result.corrupt.va"), q);
		assert_string_equal(tl_str(r, "result.corrupt.reason"), "BlockSize is 0");
		assert_string_equal(tl_str(r, "result.pool"), k == 7 ? "PagedPool" : "NonPagedPool");
		char *buf = NULL;
		size_t n = 0;
		FILE *f = open_memstream(&buf, &n);
		char line[32];
		snprintf(line, sizeof line, "!pool $q%d", k);
		assert_int_equal(session_exec_text(s, line, f), 0);
		fclose(f);
		assert_non_null(strstr(buf, "*** corrupt pool header: BlockSize is 0"));
		free(buf);
		TL_JSON u = run_ok(s, "!poolused");
		assert_int_equal(tl_num(u, "result.corrupt_pages"), k - 6);
		TL_JSON e = run_fail(s, "BAD_POOL_HEADER", "ExFreePool $q%d", k);
		assert_non_null(strstr(tl_str(e, "error.message"), "BlockSize is 0"));
	}
}

static void test_first_header_x86(void **state) { first_header_zeroed(MM_ARCH_X86); }
static void test_first_header_x64(void **state) { first_header_zeroed(MM_ARCH_X64); }

static void test_headers_x86(void **state) { corrupt_headers(MM_ARCH_X86, true); }
static void test_headers_pae(void **state) { corrupt_headers(MM_ARCH_PAE, true); }
static void test_headers_x64(void **state) { corrupt_headers(MM_ARCH_X64, true); }

/* Block contents, the memory manager's own structures (refused), heap
 * headers and the PEB in user memory. */
static void corrupt_others(enum mm_arch a)
{
	TL_SESSION s = tl_session(a);
	struct world w;
	build(s, &w, a);
	uint64_t g = 0x2545F4914F6CDD1Dull ^ (uint64_t)a;
	uint64_t pats[] = {0, ~0ull, 0, 0x7FFFFFFFFFFFFFFFull};
	for (int p = 0; p < w.npages; p++)
		for (int b = 0; b < w.page[p].n; b++) {
			const struct block *bl = &w.page[p].b[b];
			pats[2] = rnd(&g);
			for (size_t k = 0; k < MM_ARRAY_LEN(pats); k++) {
				overwrite(s, &w, false, bl->va + hdr_size(a), pats[k], 8, false);
				overwrite(s, &w, false, bl->va + bl->size - 8, pats[k], 8, false);
			}
		}
	for (size_t k = 0; k < MM_ARRAY_LEN(pats); k++) {
		pats[2] = rnd(&g);
		overwrite(s, &w, false, w.ca, pats[k], 8, true);
		overwrite(s, &w, false, w.ca + 0x40, pats[k], 8, true);
		overwrite(s, &w, false, w.segment, pats[k], 8, true);
		overwrite(s, &w, false, w.segment - hdr_size(a), pats[k], 8, true);
		overwrite(s, &w, false, w.pte_va, pats[k], 8, true);
		overwrite(s, &w, false, w.big[0], pats[k], 8, true);
		overwrite(s, &w, false, w.big[1] + 0x1FF8, pats[k], 8, true);
		overwrite(s, &w, true, w.heap_blk - 8, pats[k], 8, true);
		overwrite(s, &w, true, w.heap_blk - 16, pats[k], 8, true);
		overwrite(s, &w, true, w.heap, pats[k], 8, true);
		overwrite(s, &w, true, w.heap + 0x10, pats[k], 8, true);
		overwrite(s, &w, true, w.heap2 + 0x28, pats[k], 8, true);
		overwrite(s, &w, true, w.peb + 0x18, pats[k], 8, true);
		overwrite(s, &w, true, w.peb + 0x88, pats[k], 8, true);
	}
	/* the memory manager's own structures stay its own */
	rewind_to(s, &w);
	run_err(s, "ERROR_ACCESS_DENIED", "kwrite %#" PRIx64 " 0", w.ca);
	run_err(s, "ERROR_ACCESS_DENIED", "kwrite %#" PRIx64 " 0", w.segment);
	run_err(s, "ERROR_ACCESS_DENIED", "kwrite %#" PRIx64 " 0", w.pte_va);
}

/* The memory manager's own blocks: ExFreePool and kwrite refuse them,
 * and headers that agree with one another yet swallow one (the block
 * before grown over it) make the page corrupt, so nothing is carved out of
 * it or freed in it and the prototype PTEs stay as they were. */
static void own_blocks(enum mm_arch a)
{
	TL_SESSION s = tl_session(a);
	struct world w;
	build(s, &w, a);
	uint32_t u = hdr_size(a);
	run_err(s, "STATUS_ACCESS_DENIED", "ExFreePool %#" PRIx64, w.segment);
	run_err(s, "STATUS_ACCESS_DENIED", "ExFreePool %#" PRIx64, w.ca);
	run_err(s, "ERROR_ACCESS_DENIED", "kwrite %#" PRIx64 " 0", w.segment - u);
	run_err(s, "ERROR_ACCESS_DENIED", "kwrite %#" PRIx64 " 0 1", w.ca - 1);
	TL_JSON ca0 = run_ok(s, "!ca $v");
	char *protos0 = cJSON_PrintUnformatted(tl_need(ca0, "result.prototype_ptes"));
	int swallowed = 0;
	for (int p = 0; p < w.npages; p++) {
		const struct page *pg = &w.page[p];
		for (int b = 1; b < pg->n; b++) {
			if (pg->b[b].va != w.segment - u && pg->b[b].va != w.ca - u)
				continue;
			/* the block before, free and reaching the end of the page */
			rewind_to(s, &w);
			uint32_t off = (uint32_t)(pg->b[b - 1].va - pg->va);
			uint32_t prev = b > 1 ? (uint32_t)(pg->b[b - 2].size / u) : 0;
			TL_JSON kw = any(s, "kwrite %#" PRIx64 " %#" PRIx64 " 8", pg->b[b - 1].va,
					hdr(a, prev, (4096 - off) / u, 0, EVIL));
			if (!tl_bool(kw, "ok"))
				continue; /* the block before is the memory manager's too */
			TL_JSON r = run_ok(s, "!pool %#" PRIx64, pg->va);
			assert_false(tl_is_null(r, "result.corrupt"));
			assert_int_equal(tl_hex(r, "result.corrupt.va"), pg->b[b].va);
			assert_non_null(strstr(tl_str(r, "result.corrupt.reason"), "memory manager"));
			for (int k = 0; k < 4; k++) {
				uint64_t got = run_val(s, "ExAllocatePoolWithTag %s 0x20 New%d", pg->type == 2 ? "PagedPool" : "NonPagedPool", k);
				assert_true(got - pg->va >= 4096); /* never carved here */
			}
			for (int k = 0; k < pg->n; k++)
				if (pg->b[k].allocated && pg->b[k].va != w.segment - u && pg->b[k].va != w.ca - u)
					run_err(s, NULL, "ExFreePool %#" PRIx64, pg->b[k].va + u);
			TL_JSON ca1 = run_ok(s, "!ca $v");
			char *protos1 = cJSON_PrintUnformatted(tl_need(ca1, "result.prototype_ptes"));
			assert_string_equal(protos0, protos1);
			cJSON_free(protos1);
			TL_JSON rd = run_ok(s, "read $v");
			assert_string_equal(tl_exception(rd), "");
			swallowed++;
		}
	}
	cJSON_free(protos0);
	assert_int_equal(swallowed, 2); /* the prototype PTEs and the control area */
}

static void test_own_x86(void **state) { own_blocks(MM_ARCH_X86); }
static void test_own_x64(void **state) { own_blocks(MM_ARCH_X64); }

static void test_others_x86(void **state) { corrupt_others(MM_ARCH_X86); }
static void test_others_pae(void **state) { corrupt_others(MM_ARCH_PAE); }
static void test_others_x64(void **state) { corrupt_others(MM_ARCH_X64); }

/* A free block whose header is broken (PreviousSize wrong) but whose
 * BlockSize still looks like room: allocation must skip the page, not
 * find it again and again. Regression: the room index of the pool (the
 * O(log n) first fit) read a page's room from raw headers while the fit
 * refused the broken chain, so ExAllocatePoolWithTag never returned. */
static void test_broken_free_block_skipped(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X64);
	uint64_t a = run_val(s, "ExAllocatePoolWithTag NonPagedPool 64 Abcd");
	uint64_t b = run_val(s, "ExAllocatePoolWithTag NonPagedPool 64 Abcd");
	run(s, "ExFreePool %#llx", (unsigned long long)b);
	run(s, "kwrite %#llx 0x00000000000F0077 8", (unsigned long long)(b - 16)); /* PreviousSize 0x77, BlockSize 0xF */
	uint64_t c = run_val(s, "ExAllocatePoolWithTag NonPagedPool 64 Abcd");
	assert_true((c & ~0xFFFull) != (a & ~0xFFFull)); /* a fresh page, the broken one left alone */
	TL_JSON r = run_ok(s, "!pool %#llx", (unsigned long long)a);
	assert_false(tl_is_null(r, "result.corrupt"));
}

int main(void)
{
	/* the checker runs after every command that may change the machine
	 * (any); the inspections are proven to change nothing (peek) */
	unsetenv("MMVIZ_CHECK");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_header_x86), cmocka_unit_test(test_first_header_x64),
		cmocka_unit_test(test_headers_x86), cmocka_unit_test(test_headers_pae),
		cmocka_unit_test(test_headers_x64), cmocka_unit_test(test_others_x86),
		cmocka_unit_test(test_others_pae),  cmocka_unit_test(test_others_x64),
		cmocka_unit_test(test_own_x86),     cmocka_unit_test(test_own_x64),
		cmocka_unit_test(test_broken_free_block_skipped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
