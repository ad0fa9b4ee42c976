/*
 * 16_ram.c — physical memory as RAMMap reads it (core/mm/query_ram.c
 * R1-R4, docs/tui.md TUI-RAM, TUI-SPLIT): a frame's use comes from its PFN
 * entry (an image's pages are Image, a data file's Mapped File, a
 * page-file-backed section's Shareable); the Use Counts matrix adds up to
 * the list totals and to !memusage's uses; the standby list splits by
 * priority; every virtual address Physical Pages gives translates back to
 * its frame, in x86, PAE and x64; the File Summary counts a file's frames
 * on each list; a view's page leads to its section, offset and prototype
 * PTE; a working set's frames are what !wsle lists.
 */
#include "testlib.h"

#include "mm.h"

static const enum mm_arch archs[] = {MM_ARCH_X86, MM_ARCH_PAE, MM_ARCH_X64};

/* A machine with every use in it: private pages (some trimmed), a mapped
 * file, a DLL, a page-file-backed section, pool. */
static struct session *busy(enum mm_arch a)
{
	struct session *s = tl_bare(a);
	run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	run(s, "touch $p 64K w");
	run(s, "$f = CreateFile data.bin 32K");
	run(s, "$s = CreateFileMapping $f PAGE_READWRITE 0");
	run(s, "$v = MapViewOfFile $s FILE_MAP_WRITE 0 0");
	run(s, "touch $v 16K r");
	run(s, "$k = LoadLibrary kernel32.dll");
	run(s, "exec $k+0x1000");
	run(s, "$h = CreateFileMapping 0 PAGE_READWRITE 16K");
	run(s, "$w = MapViewOfFile $h FILE_MAP_WRITE 0 0");
	run(s, "touch $w 8K w");
	run(s, "EmptyWorkingSet");
	run(s, "touch $p 8K r");
	return s;
}

/* R1, R2: the matrix against the lists, !memusage's uses and the
 * standby priorities. */
static void test_use_counts_add_up(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof archs / sizeof archs[0]; i++) {
		TL_SESSION s = busy(archs[i]);
		struct mm *m = session_mm(s);
		struct mm_use_counts uc;
		struct mm_phys ph;
		mm_use_counts(m, &uc);
		mm_phys(m, &ph);
		uint64_t all = 0, by_list[MM_NSTATES] = {0}, by_use[MM_RU_COUNT] = {0}, prio = 0, prio2 = 0;
		for (int u = 0; u < MM_RU_COUNT; u++)
			for (int l = 0; l < MM_NSTATES; l++) {
				by_list[l] += uc.n[u][l];
				by_use[u] += uc.n[u][l];
				all += uc.n[u][l];
			}
		assert_int_equal(all, ph.pages);
		for (int l = 0; l < MM_NSTATES; l++)
			assert_int_equal(by_list[l], ph.list[l]);
		for (int p = 0; p < MM_NPRIOS; p++) {
			prio += uc.standby_prio[p];
			prio2 += ph.standby_prio[p];
		}
		assert_int_equal(prio, ph.list[2]);
		assert_int_equal(prio2, ph.list[2]);
		TL_JSON mu = run_ok(s, "!memusage");
		assert_int_equal(by_use[MM_RU_PRIVATE], (uint64_t)tl_num(mu, "result.use.private"));
		assert_int_equal(by_use[MM_RU_PAGE_TABLE], (uint64_t)tl_num(mu, "result.use.page_table"));
		assert_int_equal(by_use[MM_RU_MAPPED], (uint64_t)tl_num(mu, "result.use.mapped_file"));
		assert_int_equal(by_use[MM_RU_IMAGE], (uint64_t)tl_num(mu, "result.use.image"));
		assert_int_equal(by_use[MM_RU_SHAREABLE], (uint64_t)tl_num(mu, "result.use.shareable"));
		assert_int_equal(by_use[MM_RU_UNUSED], (uint64_t)tl_num(mu, "result.use.none"));
		/* every use the busy machine has */
		assert_true(by_use[MM_RU_PRIVATE] >= 16 && by_use[MM_RU_MAPPED] >= 4 && by_use[MM_RU_IMAGE] >= 1 &&
			    by_use[MM_RU_SHAREABLE] >= 2 && by_use[MM_RU_PAGED_POOL] >= 1);
		/* trimmed private pages keep their use on the modified list */
		assert_true(uc.n[MM_RU_PRIVATE][3] >= 1);
		/* R5, on which the matrix skips whole groups: every zeroed or
		 * free frame is unused; and the matrix is what reading every
		 * frame gives */
		uint64_t brute[MM_RU_COUNT][MM_NSTATES] = {{0}};
		for (uint32_t f = 0; f < ph.pages; f++) {
			struct mm_ram_page rp;
			assert_int_equal(mm_ram_page(m, f, &rp), 0);
			if (rp.list == 0 || rp.list == 1)
				assert_int_equal(rp.use, MM_RU_UNUSED);
			brute[rp.use][rp.list]++;
		}
		assert_memory_equal(brute, uc.n, sizeof brute);
	}
}

/* A section's frame has the use of its kind: the frame the PTE of va maps. */
static uint32_t frame_of(struct session *s, const char *va)
{
	TL_JSON r = run_ok(s, "vtop %s", va);
	return (uint32_t)(tl_hex(r, "result.pa") / MM_PAGE_SIZE);
}

static void test_section_uses(void **state)
{
	(void)state;
	TL_SESSION s = busy(MM_ARCH_X64);
	struct mm *m = session_mm(s);
	run(s, "touch $v 4K r");
	run(s, "exec $k+0x1000");
	run(s, "touch $w 4K r");
	struct {
		const char *va, *use;
		int ru;
	} c[] = {{"$v", "mapped_file", MM_RU_MAPPED}, {"$k+0x1000", "image", MM_RU_IMAGE}, {"$w", "shareable", MM_RU_SHAREABLE},
		 {"$p", "private", MM_RU_PRIVATE}};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		uint32_t pfn = frame_of(s, c[i].va);
		TL_JSON r = run_ok(s, "!pfn %#x", pfn);
		assert_string_equal(tl_str(r, "result.use"), c[i].use);
		assert_int_equal(mm_frame_use(m, pfn), c[i].ru);
		struct mm_ram_page rp;
		assert_int_equal(mm_ram_page(m, pfn, &rp), 0);
		assert_int_equal(rp.use, c[i].ru);
		assert_int_equal(rp.prototype, c[i].ru != MM_RU_PRIVATE);
	}
	struct mm_ram_page rp;
	assert_int_equal(mm_ram_page(m, frame_of(s, "$k+0x1000"), &rp), 0);
	assert_string_equal(rp.file, "kernel32.dll");
	assert_true(rp.image);
	assert_int_equal(rp.offset, 0x1000);
	assert_int_equal(mm_ram_page(m, frame_of(s, "$v"), &rp), 0);
	assert_string_equal(rp.file, "data.bin");
	assert_int_equal(rp.offset, 0);
	assert_int_equal(mm_frame_use(m, (uint32_t)session_mm(s)->npages), -1);

	/* the other way: from the VAD to the section, the offset, the
	 * prototype PTE and its frame (TUI-LINKS) */
	struct mm_info mi;
	mm_info(m, &mi);
	struct mm_view_page vp;
	TL_JSON kv = run_ok(s, "vtop $k+0x1000");
	assert_int_equal(mm_view_page(m, mi.current_pid, tl_hex(kv, "result.va"), &vp), 0);
	assert_string_equal(vp.file, "kernel32.dll");
	assert_true(vp.image);
	assert_int_equal(vp.offset, 0x1000);
	assert_int_equal(vp.pfn, frame_of(s, "$k+0x1000"));
	assert_int_equal(mm_ram_page(m, (uint32_t)vp.pfn, &rp), 0);
	assert_int_equal(rp.pte_address, vp.proto_address); /* the frame's PTE is this prototype PTE */
	TL_JSON vv = run_ok(s, "vtop $v+0x3000");
	assert_int_equal(mm_view_page(m, mi.current_pid, tl_hex(vv, "result.va"), &vp), 0);
	assert_string_equal(vp.file, "data.bin");
	assert_false(vp.image);
	assert_int_equal(vp.offset, 0x3000);
	TL_JSON pv = run_ok(s, "vtop $p");
	assert_int_equal(mm_view_page(m, mi.current_pid, tl_hex(pv, "result.va"), &vp), -1);
	assert_int_equal(mm_view_page(m, 12345, 0x10000, &vp), -1);
}

/* R3: every VA Physical Pages gives maps its frame again. */
static void test_va_translates_back(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof archs / sizeof archs[0]; i++) {
		TL_SESSION s = busy(archs[i]);
		struct mm *m = session_mm(s);
		struct mm_info mi;
		mm_info(m, &mi);
		int checked = 0, priv = 0, sys = 0;
		for (uint32_t f = 0; f < mi.physical_pages; f++) {
			struct mm_ram_page rp;
			assert_int_equal(mm_ram_page(m, f, &rp), 0);
			if (!rp.has_va || rp.list != 6) /* active frames are mapped by the PTE */
				continue;
			uint32_t pid = rp.owner > 0 ? (uint32_t)rp.owner : mi.current_pid;
			if (rp.owner > 0 && rp.use == MM_RU_PAGE_TABLE && pid != mi.current_pid)
				continue;
			struct mm_xlate x;
			assert_int_equal(mm_translate(m, pid, rp.va, &x), 0);
			if (!x.valid)
				fail_msg("%s: frame %#x (use %d) VA %#" PRIx64 " does not translate", tl_arch_name(archs[i]), f,
					 rp.use, rp.va);
			assert_int_equal(x.pa / MM_PAGE_SIZE, f);
			checked++;
			priv += rp.use == MM_RU_PRIVATE;
			sys += rp.use == MM_RU_KERNEL_IMAGE;
		}
		assert_true(priv >= 2); /* the two pages read back after the trim */
		assert_true(checked > priv);
		(void)sys;
	}
}

/* R3 for the kernel image's frames, on 4 KB PTEs (64 MB) and on a large
 * page (512 MB, above MM_LARGE_PAGE_MINIMUM): they map at the image's base
 * plus their place in it (docs/reference.md R-KERNEL-IMAGE). */
static void test_kernel_image_va(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof archs / sizeof archs[0]; i++) {
		struct mm_config cfg;
		tl_config(&cfg, archs[i]);
		cfg.ram = (i % 2 ? 512ull : 64ull) << 20; /* 4 KB PTEs at 64 MB, a large page at 512 MB */
		bool large = i % 2;
		TL_SESSION s = tl_session_cfg(&cfg);
		run(s, "process create app --bare");
		struct mm *m = session_mm(s);
		struct mm_info mi;
		mm_info(m, &mi);
		int kernel = 0;
		uint64_t first_va = 0;
		for (uint32_t f = 0; f < mi.physical_pages; f++) {
			struct mm_ram_page rp;
			mm_ram_page(m, f, &rp);
			if (rp.use != MM_RU_KERNEL_IMAGE)
				continue;
			assert_true(rp.has_va);
			if (!kernel++)
				first_va = rp.va;
			struct mm_xlate x;
			assert_int_equal(mm_translate(m, mi.current_pid, rp.va, &x), 0);
			assert_true(x.valid);
			assert_int_equal(x.large, large);
			assert_int_equal(x.pa / MM_PAGE_SIZE, f);
		}
		assert_true(kernel == 512 || kernel == 1024); /* 2 MB, or 4 MB on x86 */
		assert_int_equal(first_va, archs[i] == MM_ARCH_X64 ? 0xFFFFF80000000000ull : 0x80000000ull);
	}
}

/* R4: the File Summary against the frames of the file, before and after
 * the view goes. */
static void test_file_summary(void **state)
{
	(void)state;
	TL_SESSION s = busy(MM_ARCH_X64);
	struct mm *m = session_mm(s);
	struct mm_file_sum fs[8];
	int total = 0, n = mm_file_summary(m, fs, 8, &total);
	assert_int_equal(n, total);
	int data = -1, dll = -1;
	for (int i = 0; i < n; i++) {
		if (!strcmp(fs[i].name, "data.bin"))
			data = i;
		if (!strcmp(fs[i].name, "kernel32.dll"))
			dll = i;
	}
	assert_true(data >= 0 && dll >= 0);
	assert_false(fs[data].image);
	assert_true(fs[dll].image);
	uint64_t frames = 0;
	for (int l = 0; l < MM_NSTATES; l++)
		frames += fs[data].n[l];
	uint64_t proto = 0;
	struct mm_info mi;
	mm_info(m, &mi);
	for (uint32_t f = 0; f < mi.physical_pages; f++) {
		struct mm_ram_page rp;
		mm_ram_page(m, f, &rp);
		proto += rp.prototype && !strcmp(rp.file, "data.bin");
	}
	assert_int_equal(frames, proto);
	assert_true(frames >= 4);
	run(s, "UnmapViewOfFile $v");
	n = mm_file_summary(m, fs, 8, &total);
	for (int i = 0; i < n; i++)
		if (!strcmp(fs[i].name, "data.bin")) {
			assert_int_equal(fs[i].n[6], 0); /* no longer active: cached on standby */
			assert_true(fs[i].n[2] >= 4);
		}
	/* a table too small: one row, and the total says there were more */
	n = mm_file_summary(m, fs, 1, &total);
	assert_int_equal(n, 1);
	assert_int_equal(total, 2);
}

/* The split view's source: a working set's frames, as !wsle lists them. */
static void test_ws_pages(void **state)
{
	(void)state;
	TL_SESSION s = busy(MM_ARCH_PAE);
	struct mm *m = session_mm(s);
	struct mm_info mi;
	mm_info(m, &mi);
	struct mm_proc ps[8];
	int np = mm_procs(m, ps, 8);
	uint64_t ws = 0;
	for (int i = 0; i < np; i++)
		if (ps[i].current)
			ws = ps[i].ws_size;
	struct mm_ws_page wp[256];
	int n = mm_ws_pages(m, mi.current_pid, wp, 256);
	assert_int_equal((uint64_t)n, ws);
	assert_int_equal(mm_ws_pages(m, mi.current_pid, NULL, 0), n);
	assert_int_equal(mm_ws_pages(m, 12345, wp, 256), -1);
	TL_JSON r = run_ok(s, "!wsle");
	assert_int_equal(tl_len(r, "result.entries"), n);
	for (int i = 0; i < n; i++) {
		struct mm_xlate x;
		assert_int_equal(mm_translate(m, mi.current_pid, wp[i].va, &x), 0);
		assert_true(x.valid);
		assert_int_equal(x.pa / MM_PAGE_SIZE, wp[i].pfn);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_use_counts_add_up),
		cmocka_unit_test(test_section_uses),
		cmocka_unit_test(test_va_translates_back),
		cmocka_unit_test(test_kernel_image_va),
		cmocka_unit_test(test_file_summary),
		cmocka_unit_test(test_ws_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
