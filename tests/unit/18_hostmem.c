/*
 * 18_hostmem.c — a big machine in little host memory (docs/quality.md
 * Q-PERF; hw/physmem.c's arena, mm/pfn.c's F6): a 64 GiB machine boots
 * without writing its PFN database, and its page lists, counts and frames
 * read right through every inspection command; a frame's bytes written read
 * back, an untouched frame reads zero and costs nothing, a chunk with one
 * frame written costs 4 KB and not a huge page; undone writes
 * leave the frames as they were; the arena's host memory running out is
 * STATUS_NO_MEMORY.
 */
#include "testlib.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/machine.h"
#include "hw/physmem.h"
#include "mm.h"
#include "mm/pfn.h"

#define BIG_RAM (64ull << 30)
#define BIG_FRAMES ((uint32_t)(BIG_RAM / 4096))

/* The resident set of this process in bytes. */
static uint64_t rss_bytes(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return (uint64_t)resident * (uint64_t)sysconf(_SC_PAGESIZE);
}

static struct session *big_session(enum mm_arch arch)
{
	struct mm_config cfg;
	mm_config_default(&cfg);
	cfg.arch = arch;
	cfg.ram = BIG_RAM;
	cfg.pagefile[0] = mm_config_default_pagefile(&cfg);
	return tl_session_cfg(&cfg); /* the default allocator: mappings that are zero and untouched */
}

/* A command on a 64 GiB machine, without the invariant checker after it
 * (run_ok runs it, and so does the session under MMVIZ_CHECK=1, which
 * main turns off): one pass of the checker over 16.8 M frames takes about
 * a second, so these tests run it at chosen points (tl_check). */
static cJSON *big_ok(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static cJSON *big_ok(struct session *s, const char *fmt, ...)
{
	char line[TL_LINE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	cJSON *o = session_exec_json(s, line);
	if (!o || !tl_bool(o, "ok"))
		fail_msg("'%s' failed: %s", line, o ? tl_str(o, "error.message") : "no result");
	return o;
}

static uint64_t big_val(struct session *s, const char *line)
{
	TL_JSON o = big_ok(s, "%s", line);
	return tl_hex(o, "result.value");
}

/* The lists !vm and !memusage report add up to every frame. */
static void lists_add_up(const cJSON *o, const char *path, uint64_t frames)
{
	static const char *const names[] = {"zeroed", "free", "standby", "modified", "modified_no_write", "bad",
					    "active", "transition"};
	char key[64];
	uint64_t sum = 0;
	for (size_t i = 0; i < MM_ARRAY_LEN(names); i++) {
		snprintf(key, sizeof key, "%s.%s", path, names[i]);
		sum += (uint64_t)tl_num(o, key);
	}
	assert_int_equal(sum, frames);
}

/* A 64 GiB machine boots in a few megabytes of host memory, and every
 * frame that nothing took is on the zeroed list, in order, as !pfn, !vm
 * and !memusage show it; the invariant checker finds nothing. */
static void test_boot_64g(void **state)
{
	uint64_t before = rss_bytes();
	TL_SESSION s = big_session(MM_ARCH_X64);
	uint64_t grown = rss_bytes() - before;
	/* The PFN database alone was 640 MiB written at boot (40 bytes a frame). */
	if (grown > (64u << 20))
		fail_msg("booting 64 GiB took %llu MB of host memory", (unsigned long long)(grown >> 20));
	tl_check(s, "boot");

	TL_JSON vm = big_ok(s, "!vm");
	assert_int_equal(tl_num(vm, "result.physical_pages"), BIG_FRAMES);
	uint64_t active = (uint64_t)tl_num(vm, "result.lists.active");
	assert_true(active > 0 && active < 4096); /* the System process, the kernel image, page tables */
	assert_int_equal(tl_num(vm, "result.lists.zeroed"), BIG_FRAMES - active);
	assert_int_equal(tl_num(vm, "result.available_pages"), BIG_FRAMES - active);
	lists_add_up(vm, "result.lists", BIG_FRAMES);

	TL_JSON mu = big_ok(s, "!memusage");
	lists_add_up(mu, "result.lists", BIG_FRAMES);
	assert_int_equal(tl_num(mu, "result.use.none"), BIG_FRAMES - active);

	/* the last frame: the list's tail */
	TL_JSON last = big_ok(s, "!pfn %#x", BIG_FRAMES - 1);
	assert_string_equal(tl_str(last, "result.state"), "zeroed");
	assert_true(cJSON_IsNull(tl_need(last, "result.flink")));
	assert_int_equal(tl_hex(last, "result.blink"), BIG_FRAMES - 2);
	assert_true(cJSON_IsNull(tl_need(last, "result.owner")));
	assert_true(cJSON_IsNull(tl_need(last, "result.pte_frame")));
	assert_int_equal(tl_num(last, "result.priority"), PFN_DEFAULT_PRIORITY);
	assert_int_equal(tl_num(last, "result.share_count"), 0);
	assert_false(tl_bool(last, "result.has_contents"));
	/* one in the middle: linked to its neighbours */
	TL_JSON mid = big_ok(s, "!pfn 0x800000");
	assert_string_equal(tl_str(mid, "result.state"), "zeroed");
	assert_int_equal(tl_hex(mid, "result.flink"), 0x800001);
	assert_int_equal(tl_hex(mid, "result.blink"), 0x7fffff);
	assert_string_equal(tl_str(mid, "result.use"), "none");
	/* the head of the zeroed list is the first frame boot did not take */
	const struct mm *m = session_mm(s);
	uint32_t head = m->list[PFN_ZEROED].head;
	TL_JSON h = big_ok(s, "!pfn %#x", head);
	assert_true(cJSON_IsNull(tl_need(h, "result.blink")));
	assert_int_equal(tl_hex(h, "result.flink"), head + 1);
}

/* Memory taken, written, freed and zeroed again on a 64 GiB machine: the
 * lists and counts follow, and the frames read what was written. */
static void test_64g_use(void **state)
{
	TL_SESSION s = big_session(MM_ARCH_X64);
	TL_JSON vm0 = big_ok(s, "!vm");
	uint64_t zeroed0 = (uint64_t)tl_num(vm0, "result.lists.zeroed");
	cJSON_Delete(big_ok(s, "process create app.exe --bare"));
	big_val(s, "$p = VirtualAlloc 0 16M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	cJSON_Delete(big_ok(s, "touch $p 16M w"));
	cJSON_Delete(big_ok(s, "write $p+0xFF8 0x1122334455667788 8"));
	TL_JSON rd = big_ok(s, "read $p+0xFF8 8");
	assert_int_equal(tl_hex(rd, "result.value"), 0x1122334455667788ull);
	TL_JSON rd2 = big_ok(s, "read $p+0x2000 1"); /* touch w wrote 0x6D at each page's start */
	assert_int_equal(tl_hex(rd2, "result.value"), 0x6D);
	TL_JSON vm1 = big_ok(s, "!vm");
	uint64_t taken = zeroed0 - (uint64_t)tl_num(vm1, "result.lists.zeroed");
	assert_true(taken >= 4096 && taken < 4096 + 64); /* the pages, their tables, the process */
	lists_add_up(vm1, "result.lists", BIG_FRAMES);
	tl_check(s, "touch $p 16M w");

	cJSON_Delete(big_ok(s, "VirtualFree $p 0 MEM_RELEASE"));
	TL_JSON vm2 = big_ok(s, "!vm");
	assert_true(tl_num(vm2, "result.lists.free") >= 4096);
	lists_add_up(vm2, "result.lists", BIG_FRAMES);
	cJSON_Delete(big_ok(s, "run zero"));
	TL_JSON vm3 = big_ok(s, "!vm");
	assert_int_equal(tl_num(vm3, "result.lists.free"), 0);
	lists_add_up(vm3, "result.lists", BIG_FRAMES);
	tl_check(s, "run zero");
}

/* The other paging modes boot their biggest machines the same way. */
static void test_boot_pae_x86(void **state)
{
	TL_SESSION s = big_session(MM_ARCH_PAE);
	TL_JSON last = big_ok(s, "!pfn %#x", BIG_FRAMES - 1);
	assert_string_equal(tl_str(last, "result.state"), "zeroed");
	assert_int_equal(tl_hex(last, "result.blink"), BIG_FRAMES - 2);
	tl_check(s, "boot (PAE)");

	struct mm_config cfg;
	mm_config_default(&cfg);
	cfg.arch = MM_ARCH_X86;
	cfg.ram = 4ull << 30;
	cfg.pagefile[0] = mm_config_default_pagefile(&cfg);
	TL_SESSION x = tl_session_cfg(&cfg);
	TL_JSON vm = big_ok(x, "!vm");
	lists_add_up(vm, "result.lists", 1u << 20);
	TL_JSON l = big_ok(x, "!pfn 0xfffff");
	assert_true(cJSON_IsNull(tl_need(l, "result.flink")));
	tl_check(x, "boot (x86)");
}

/* The arena at the level of frames: bytes written read back at every
 * width, a frame never written reads zero and grows nothing, the last
 * frame of a 64 GiB machine is as usable as the first, and a failed
 * command's writes are undone. */
static void test_frame_bytes(void **state)
{
	TL_SESSION s = big_session(MM_ARCH_X64);
	struct mm *m = session_mm(s);
	uint32_t last = BIG_FRAMES - 1, mid = BIG_FRAMES / 2;
	assert_true(physmem_is_zero(m, last));
	assert_null(physmem_bytes(m, last)); /* never written: no host memory behind it */
	assert_int_equal(physmem_read64(m, mid, 0x100), 0);

	uint64_t before = rss_bytes();
	assert_int_equal(hist_begin(&m->hist), 0);
	assert_int_equal(physmem_write(m, last, 0xFF8, 0x8877665544332211ull, 8), 0);
	assert_int_equal(physmem_write(m, last, 0x10, 0xAB, 1), 0);
	assert_int_equal(physmem_write(m, last, 0x12, 0xCDEF, 2), 0);
	assert_int_equal(physmem_read64(m, last, 0xFF8), 0x8877665544332211ull);
	assert_int_equal(physmem_read32(m, last, 0xFFC), 0x88776655u);
	assert_int_equal(physmem_read8(m, last, 0x10), 0xAB);
	assert_int_equal(physmem_read8(m, last, 0x13), 0xCD);
	assert_int_equal(physmem_read8(m, last, 0x11), 0);
	assert_false(physmem_is_zero(m, last));
	assert_true(physmem_is_zero(m, last - 1));
	assert_true(physmem_is_zero(m, mid)); /* other chunks are untouched */
	assert_null(physmem_bytes(m, mid));
	/* one 2 MiB chunk grew, not 64 GiB */
	assert_true(rss_bytes() - before < (16u << 20));

	/* one frame written in each of 256 chunks, as a touch that only reads
	 * writes a page table every 512 pages: 4 KB of host memory each, not a
	 * 2 MiB huge page each (512 MiB) */
	before = rss_bytes();
	for (uint32_t k = 1; k <= 256; k++)
		assert_int_equal(physmem_write(m, mid + k * 512 + 3, 8, k, 8), 0);
	assert_true(rss_bytes() - before < (16u << 20));
	for (uint32_t k = 1; k <= 256; k++) {
		assert_int_equal(physmem_read64(m, mid + k * 512 + 3, 8), k);
		assert_true(physmem_is_zero(m, mid + k * 512 + 4)); /* its neighbour: no look at host memory */
	}
	/* a second frame in one of those chunks: the whole chunk is usable */
	assert_int_equal(physmem_write(m, mid + 512 + 100, 0, 0x77, 1), 0);
	assert_int_equal(physmem_read8(m, mid + 512 + 100, 0), 0x77);
	assert_int_equal(physmem_read64(m, mid + 512 + 3, 8), 1);
	assert_true(physmem_is_zero(m, mid + 512 + 101));

	/* copy to a frame far away, then undo it all: the frames read zero */
	assert_int_equal(physmem_copy(m, 0x1000, last), 0);
	assert_int_equal(physmem_read64(m, 0x1000, 0xFF8), 0x8877665544332211ull);
	hist_rollback(&m->hist);
	assert_true(physmem_is_zero(m, last));
	assert_true(physmem_is_zero(m, 0x1000));
	tl_check(s, "rolled back");
}

/* The arena's host memory running out: with an injected allocator the
 * arena is one block of it, taken at the first write (boot writes the
 * kernel's image header), so a machine whose arena cannot be had is no
 * machine, with STATUS_NO_MEMORY and nothing left behind. */
struct arena_fail {
	long live;
	long refused;
};

static void *arena_fail_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct arena_fail *c = ud;
	if (nsize == 0) {
		c->live -= ptr != NULL;
		free(ptr);
		return NULL;
	}
	if (nsize == TL_RAM) { /* the arena: one block the size of RAM */
		c->refused++;
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	c->live += p && !ptr;
	return p;
}

static void test_arena_oom(void **state)
{
	struct arena_fail c = {0};
	struct mm_config cfg;
	struct mm_err err;
	tl_config(&cfg, MM_ARCH_X64);
	cfg.alloc = arena_fail_alloc;
	cfg.alloc_ud = &c;
	struct session *s = session_new(&cfg, &err);
	assert_null(s);
	assert_int_equal(c.refused, 1);
	assert_string_equal(err.code, "STATUS_NO_MEMORY");
	assert_int_equal(c.live, 0);
}

int main(void)
{
	unsetenv("MMVIZ_CHECK"); /* see big_ok: the tests check at chosen points */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot_64g),
		cmocka_unit_test(test_64g_use),
		cmocka_unit_test(test_boot_pae_x86),
		cmocka_unit_test(test_frame_bytes),
		cmocka_unit_test(test_arena_oom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
