/*
 * 19_scale.c — a command's cost does not grow with the state
 * (docs/quality.md Q-PERF): the work of the same commands with 10,000 and
 * with 100,000 live heap blocks, VADs and pool blocks, with 8 and 60
 * processes (MM_MAX_PROCS is 64) and with 6 and 60 sections
 * (MM_MAX_HANDLES is 64 a process). Work is what the test build counts
 * (mm_work: every slab record touched, every step of a loop over other
 * state), so nothing here is timed: ten times the state may cost at most
 * half as much again, where log n grows by a quarter and a linear scan
 * would cost ten times as much.
 *
 * The state is built through the core's own functions with the journal
 * off (it would only fill host memory); the commands measured run through
 * the session, as a user types them, journal and all.
 */
#include "testlib.h"

#include "base/consts.h"
#include "mm/pool.h"
#include "mm/process.h"
#include "mm/section.h"
#include "mm/vm.h"
#include "win32/aspace.h"
#include "win32/heap.h"

#define ROUNDS 64

static uint64_t seed;
static uint64_t records, commands; /* journal records the measured commands wrote, and how many commands */
static uint64_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static struct session *machine(void)
{
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X64);
	cfg.ram = 256ull << 20;
	cfg.pagefile[0] = 512ull << 20;
	struct session *s = tl_session_cfg(&cfg);
	cJSON_Delete(session_exec_json(s, "process create scale.exe"));
	seed = 88172645463325252ull;
	return s;
}

/* Builds state with the journal off: fn(m, k) makes the k-th object. */
static void build(struct session *s, uint64_t *live, size_t n, uint64_t (*fn)(struct mm *, size_t))
{
	struct mm *m = session_mm(s);
	m->hist.recording = false;
	for (size_t k = 0; k < n; k++)
		live[k] = fn(m, k);
	m->hist.recording = false; /* outside a command nothing is recorded (event.h) */
}

static void must(bool ok, const struct mm_err *err)
{
	if (!ok)
		fail_msg("building the state: %s", err->msg);
}

/* The work of one command line; *value gets its result's value. */
static uint64_t work(struct session *s, uint64_t *value, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static uint64_t work(struct session *s, uint64_t *value, const char *fmt, ...)
{
	char line[TL_LINE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	uint64_t before = mm_work(session_mm(s));
	TL_JSON o = session_exec_json(s, line);
	uint64_t w = mm_work(session_mm(s)) - before;
	records += session_mm(s)->hist.win.nj; /* the command's own detail */
	commands++;
	if (!o || !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok")))
		fail_msg("'%s' failed: %s", line, o ? tl_str(o, "error.message") : "no result");
	if (value) {
		const cJSON *v = tl_need(o, "result.value");
		*value = cJSON_IsString(v) ? strtoull(v->valuestring, NULL, 16) : (uint64_t)v->valuedouble;
	}
	return w;
}

/* Checks the state once the measuring is done (not counted). */
static void finish(struct session *s)
{
	tl_check(s, "the measured commands");
	session_free(s);
}

/* ---- heap blocks ---- */

static uint64_t make_block(struct mm *m, size_t k)
{
	struct mm_err err;
	uint64_t p = 0;
	must(heap_alloc(m, mm_cur(m), mm_cur(m)->process_heap, 0, 16 + rnd() % 240, &p, &err) == 0, &err);
	return p;
}

static uint64_t heap_work(size_t n)
{
	struct session *s = machine();
	uint64_t *live = malloc(n * sizeof *live), w = 0, h = mm_cur(session_mm(s))->process_heap;
	build(s, live, n, make_block);
	for (int r = 0; r < ROUNDS; r++) {
		size_t k = rnd() % n;
		w += work(s, NULL, "HeapFree %#" PRIx64 " %#" PRIx64, h, live[k]);
		w += work(s, &live[k], "HeapAlloc %#" PRIx64 " %" PRIu64, h, r % 8 ? 16 + rnd() % 240 : 2000 + rnd() % 60000);
	}
	free(live);
	finish(s);
	return w;
}

/* ---- VADs ---- */

static uint64_t make_vad(struct mm *m, size_t k)
{
	struct mm_err err;
	uint64_t v = 0;
	must(vm_alloc(m, mm_cur(m), 0, 4096, MEM_RESERVE, PAGE_READWRITE, &v, &err) == 0, &err);
	return v;
}

static uint64_t vad_work(size_t n)
{
	struct session *s = machine();
	uint64_t *live = malloc(n * sizeof *live), w = 0, v;
	build(s, live, n, make_vad);
	for (int r = 0; r < ROUNDS; r++) {
		size_t k = rnd() % n;
		w += work(s, NULL, "VirtualFree %#" PRIx64 " 0 MEM_RELEASE", live[k]);
		w += work(s, &live[k], "VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT%s PAGE_READWRITE",
			  r % 2 ? "|MEM_TOP_DOWN" : "");
		w += work(s, NULL, "write %#" PRIx64 " %d", live[k], r);
		w += work(s, NULL, "VirtualQuery %#" PRIx64, live[rnd() % n] + 0x1000); /* free or inside */
		w += work(s, &v, "VirtualAlloc 0 4K MEM_RESERVE PAGE_READWRITE");
		w += work(s, NULL, "VirtualFree %#" PRIx64 " 0 MEM_RELEASE", v);
	}
	free(live);
	finish(s);
	return w;
}

/* ---- pool blocks ---- */

static uint64_t make_pool(struct mm *m, size_t k)
{
	struct mm_err err;
	uint64_t p = pool_alloc(m, POOL_NONPAGED, 16 + rnd() % 240, 0x6c616353, &err);
	must(p != 0, &err);
	return p;
}

static uint64_t pool_work(size_t n)
{
	struct session *s = machine();
	uint64_t *live = malloc(n * sizeof *live), w = 0, v;
	build(s, live, n, make_pool);
	for (int r = 0; r < ROUNDS; r++) {
		size_t k = rnd() % n;
		w += work(s, NULL, "ExFreePool %#" PRIx64, live[k]);
		w += work(s, &live[k], "ExAllocatePoolWithTag NonPagedPool %" PRIu64 " Scal", 16 + rnd() % 240);
		w += work(s, &v, "ExAllocatePoolWithTag PagedPool 8K Big1");
		w += work(s, NULL, "ExFreePool %#" PRIx64, v);
	}
	free(live);
	finish(s);
	return w;
}

/* ---- processes and sections: the tables' limits ---- */

static uint64_t process_work(size_t n)
{
	struct session *s = machine();
	struct mm *m = session_mm(s);
	struct mm_err err;
	m->hist.recording = false;
	for (size_t i = 1; i < n; i++) {
		struct proc *p = process_create(m, "other.exe", &err);
		must(p && aspace_populate(m, p, &err) == 0, &err);
	}
	m->hist.recording = false; /* outside a command nothing is recorded (event.h) */
	uint64_t w = 0, v;
	for (int r = 0; r < ROUNDS / 8; r++) {
		w += work(s, NULL, "process create short.exe");
		w += work(s, &v, "VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
		w += work(s, NULL, "write %#" PRIx64 " 1", v);
		w += work(s, NULL, "process exit short.exe");
		w += work(s, NULL, "process use scale.exe");
	}
	finish(s);
	return w;
}

static uint64_t section_work(size_t n)
{
	struct session *s = machine();
	struct mm *m = session_mm(s);
	struct mm_err err;
	bool existed;
	m->hist.recording = false;
	for (size_t i = 0; i < n; i++) {
		uint64_t h = section_create(m, mm_cur(m), 0, PAGE_READWRITE, 65536, NULL, &existed, &err);
		must(h && section_map(m, mm_cur(m), h, FILE_MAP_WRITE, 0, 0, 0, &err), &err);
	}
	m->hist.recording = false; /* outside a command nothing is recorded (event.h) */
	uint64_t w = 0, h, v;
	for (int r = 0; r < ROUNDS; r++) {
		w += work(s, &h, "CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K");
		w += work(s, &v, "MapViewOfFile %#" PRIx64 " FILE_MAP_WRITE 0 0", h);
		w += work(s, NULL, "write %#" PRIx64 " 1", v);
		w += work(s, NULL, "UnmapViewOfFile %#" PRIx64, v);
		w += work(s, NULL, "CloseHandle %#" PRIx64, h);
	}
	finish(s);
	return w;
}

/* ---- the comparisons ---- */

/* The work of the measured commands with few and with many objects, and
 * the journal records a command wrote on average with many. */
static void compare(const char *what, uint64_t (*fn)(size_t), size_t few, size_t many, const char *counts)
{
	uint64_t small = fn(few);
	records = commands = 0;
	uint64_t large = fn(many);
	print_message("%-12s work with %s: %" PRIu64 " and %" PRIu64 " (ratio %.2f); %.1f journal records a command\n",
		      what, counts, small, large, (double)large / (double)small,
		      commands ? (double)records / (double)commands : 0.0);
	assert_true(small > 0);
	if (large * 2 > small * 3)
		fail_msg("%s: %" PRIu64 " units of work with %s against %" PRIu64 ": more than logarithmic growth", what,
			 large, counts, small);
}

static void test_heap_blocks(void **state) { compare("heap blocks", heap_work, 10000, 100000, "10,000/100,000 live"); }
static void test_vads(void **state) { compare("VADs", vad_work, 10000, 100000, "10,000/100,000 live"); }
static void test_pool_blocks(void **state) { compare("pool blocks", pool_work, 10000, 100000, "10,000/100,000 live"); }
static void test_processes(void **state) { compare("processes", process_work, 8, 60, "8/60 live"); }
static void test_sections(void **state) { compare("sections", section_work, 6, 60, "6/60 live"); }

int main(void)
{
	setenv("MMVIZ_CHECK", "0", 1); /* the checker after every command would be counted */
#ifndef MM_DEBUG
	print_message("mm_work counts only in the test build (MM_DEBUG): nothing to compare\n");
	return 0;
#endif
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heap_blocks),
		cmocka_unit_test(test_vads),
		cmocka_unit_test(test_pool_blocks),
		cmocka_unit_test(test_processes),
		cmocka_unit_test(test_sections),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
