/*
 * bench.c — the figures of docs/quality.md Q-PERF, each the median of several
 * runs, printed as "name: value unit", with the ratios against reference
 * programs measured in the same run (the host kernel's own fault path, a
 * bare C radix walk), so the ratios hold on any machine. Never a test:
 * nothing here fails a build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include <cJSON.h>

#include <curses.h>
#include <sys/wait.h>

#include "app.h"
#include "player.h"
#include "config.h"
#include "jout.h"
#include "mm/fault.h"
#include "hw/physmem.h"
#include "base/machine.h"
#include "mm.h"
#include "mm/process.h"
#include "session.h"
#include "mm/vm.h"
#include "mm/section.h"
#include "mm/pool.h"
#include "base/consts.h"
#include "win32/aspace.h"
#include "win32/heap.h"

#define RUNS 5

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmpd);
	return v[n / 2];
}

static uint64_t rng = 88172645463325252ull;
static uint64_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Instructions retired in user mode (perf_event_open), the figure that
 * does not depend on the neighbours; -1 where the host has no counters
 * (a VM without a virtual PMU). */
static int instr_fd(void)
{
	static int fd = -2;
	if (fd == -2) {
		struct perf_event_attr a = {.type = PERF_TYPE_HARDWARE, .size = sizeof a,
					    .config = PERF_COUNT_HW_INSTRUCTIONS, .exclude_kernel = 1, .exclude_hv = 1};
		fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
		if (fd >= 0 && ioctl(fd, PERF_EVENT_IOC_ENABLE, 0) < 0)
			fd = -1;
	}
	return fd;
}

static long long instructions(void)
{
	long long v;
	return instr_fd() >= 0 && read(instr_fd(), &v, sizeof v) == (ssize_t)sizeof v ? v : -1;
}

/* "N instructions" per operation, or why there is no count. */
static void print_instr(const char *name, double per)
{
	if (per >= 0)
		printf("%s: %.0f instructions\n", name, per);
	else
		printf("%s: unavailable (no hardware counters here, and no valgrind to count them)\n", name);
}

/* ---- references ---- */

/* The host kernel's demand-zero faults: mmap + touch one byte per page. */
static double host_dz_per_s(size_t pages)
{
	double t0 = now();
	char *p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	for (size_t i = 0; i < pages; i++)
		p[i * 4096] = 1;
	double t = now() - t0;
	munmap(p, pages * 4096);
	return (double)pages / t;
}

/* The host's copy-on-write faults after fork: the child writes every page. */
static double host_cow_per_s(size_t pages)
{
	char *p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	for (size_t i = 0; i < pages; i++)
		p[i * 4096] = 1;
	int fd[2];
	if (pipe(fd) < 0)
		return 0;
	pid_t pid = fork();
	if (pid == 0) {
		double t0 = now();
		for (size_t i = 0; i < pages; i++)
			p[i * 4096] = 2;
		double t = now() - t0;
		if (write(fd[1], &t, sizeof t) < 0)
			_exit(1);
		_exit(0);
	}
	double t = 0;
	if (read(fd[0], &t, sizeof t) < 0)
		t = 0;
	waitpid(pid, NULL, 0);
	close(fd[0]);
	close(fd[1]);
	munmap(p, pages * 4096);
	return t > 0 ? (double)pages / t : 0;
}

/* A bare C 4-level radix walk: 512-entry tables of pointers. */
struct node { void *e[512]; };

static struct node *radix_build(uint64_t *vas, size_t n)
{
	struct node *root = calloc(1, sizeof *root);
	for (size_t i = 0; i < n; i++) {
		struct node *t = root;
		for (int l = 0; l < 3; l++) {
			size_t idx = (vas[i] >> (39 - 9 * l)) & 511;
			if (!t->e[idx])
				t->e[idx] = calloc(1, sizeof(struct node));
			t = t->e[idx];
		}
		t->e[(vas[i] >> 12) & 511] = (void *)(uintptr_t)((i << 12) | 1);
	}
	return root;
}

static uintptr_t radix_walk(const struct node *root, uint64_t va)
{
	const struct node *t = root;
	for (int l = 0; l < 3; l++) {
		t = t->e[(va >> (39 - 9 * l)) & 511];
		if (!t)
			return 0;
	}
	return (uintptr_t)t->e[(va >> 12) & 511];
}

static double radix_per_s(const uint64_t *pool, size_t npool, size_t n, const struct node *root)
{
	volatile uintptr_t sink = 0;
	double t0 = now();
	for (size_t i = 0; i < n; i++)
		sink += radix_walk(root, pool[xorshift() % npool]);
	(void)sink;
	return (double)n / (now() - t0);
}

/* ---- the simulation ---- */

static struct mm *boot(const char *ram, bool record)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	mm_parse_size(ram, &cfg.ram, 0, &err);
	cfg.pagefile[0] = cfg.ram;
	struct mm *m = mm_new(&cfg, &err);
	if (!m) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	hist_begin(&m->hist);
	if (!process_create(m, "bench.exe", &err)) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	m->hist.recording = record;
	return m;
}

static uint64_t alloc(struct mm *m, uint64_t size)
{
	struct mm_err err;
	uint64_t base;
	if (vm_alloc(m, mm_cur(m), 0, size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, &base, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	return base;
}

/* A write to each page: demand-zero or copy-on-write faults. Out of line,
 * so that a profiler can count the loop alone (callgrind
 * --toggle-collect=write_loop). */
static __attribute__((noinline)) void write_loop(struct mm *m, uint64_t base, size_t pages)
{
	struct access_result r;
	for (size_t i = 0; i < pages; i++)
		fault_access(m, base + i * 4096, ACC_WRITE, false, &r);
}

static double sim_dz_per_s(size_t pages, double *seconds)
{
	struct mm *m = boot("2G", true);
	uint64_t base = alloc(m, pages * 4096);
	double t0 = now();
	write_loop(m, base, pages);
	double t = now() - t0;
	if (seconds)
		*seconds = t;
	mm_free(m);
	return (double)pages / t;
}

/* Copy-on-write faults: a copy-on-write view of a page-file-backed section
 * whose pages each have a byte written first (by a second process, through
 * a writable view), as the host's reference writes a byte of each page
 * before its fork, so that both copy pages that are not all zero; every
 * page made resident in the copy-on-write view by a read, then each page
 * written once. */
static double sim_cow_per_s(size_t pages)
{
	struct mm *m = boot("2G", true);
	struct mm_err err;
	bool existed;
	struct proc *me = mm_cur(m), *writer = process_create(m, "writer.exe", &err);
	uint64_t h = writer ? section_create(m, me, 0, PAGE_READWRITE, pages * 4096, "bench_cow", &existed, &err) : 0;
	uint64_t wh = h ? section_open(m, writer, "bench_cow", FILE_MAP_WRITE, &err) : 0;
	uint64_t shared = wh ? section_map(m, writer, wh, FILE_MAP_WRITE, 0, 0, 0, &err) : 0;
	uint64_t base = shared ? section_map(m, me, h, FILE_MAP_COPY, 0, 0, 0, &err) : 0;
	if (!base) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	struct access_result r;
	process_use(m, writer);
	for (size_t i = 0; i < pages; i++) {
		fault_access(m, shared + i * 4096, ACC_WRITE, false, &r);
		physmem_write(m, (uint32_t)mm_page_number(r.pa), 0, 1, 1);
	}
	process_use(m, me);
	for (size_t i = 0; i < pages; i++)
		fault_access(m, base + i * 4096, ACC_READ, false, &r);
	double t0 = now();
	write_loop(m, base, pages);
	double t = now() - t0;
	mm_free(m);
	return (double)pages / t;
}

static double hit_instr = -1, miss_instr = -1; /* per access, of the last run */

static double sim_hit_per_s(size_t n)
{
	struct mm *m = boot("16M", false);
	uint64_t base = alloc(m, 16 * 4096);
	struct access_result r;
	for (int i = 0; i < 16; i++)
		fault_access(m, base + (uint64_t)i * 4096, ACC_READ, false, &r);
	long long i0 = instructions();
	double t0 = now();
	for (size_t i = 0; i < n; i++)
		fault_access(m, base + ((i & 15) << 12) + (i & 0xff8), ACC_READ, false, &r);
	double t = now() - t0;
	hit_instr = i0 >= 0 ? (double)(instructions() - i0) / (double)n : -1;
	mm_free(m);
	return (double)n / t;
}

/* Out of line, so that a profiler can count the loop alone
 * (callgrind --toggle-collect=miss_loop). */
static __attribute__((noinline)) void miss_loop(struct mm *m, uint64_t base, size_t pages, size_t n)
{
	struct access_result r;
	for (size_t i = 0; i < n; i++)
		fault_access(m, base + (xorshift() % pages) * 4096, ACC_READ, false, &r);
}

static double sim_miss_per_s(size_t pages, size_t n)
{
	struct mm *m = boot("2G", false);
	uint64_t base = alloc(m, pages * 4096);
	struct access_result r;
	for (size_t i = 0; i < pages; i++)
		fault_access(m, base + i * 4096, ACC_READ, false, &r);
	long long i0 = instructions();
	double t0 = now();
	miss_loop(m, base, pages, n);
	double t = now() - t0;
	miss_instr = i0 >= 0 ? (double)(instructions() - i0) / (double)n : -1;
	mm_free(m);
	return (double)n / t;
}

static double dz_minflt_per_fault(bool write);

/* `bench count hit|miss|dz|cow N`, `bench count minflt_r|minflt_w 0`: one run of that loop with N accesses, for
 * counted_instr. */
static int count_main(const char *what, unsigned long n)
{
	double per_s;
	if (!strcmp(what, "hit"))
		per_s = sim_hit_per_s(n);
	else if (!strcmp(what, "miss"))
		per_s = sim_miss_per_s(262144, n);
	else if (!strcmp(what, "dz")) /* for a profiler: N demand-zero faults */
		per_s = sim_dz_per_s(n, NULL);
	else if (!strcmp(what, "cow")) /* N copy-on-write faults */
		per_s = sim_cow_per_s(n);
	else if (!strcmp(what, "minflt_r") || !strcmp(what, "minflt_w")) {
		printf("%s: %.4f host minor faults a fault\n", what, dz_minflt_per_fault(what[7] == 'w'));
		return 0;
	}
	else
		return 2;
	printf("%s: %.0f per s\n", what, per_s); /* for a quick look; counted_instr reads valgrind's stderr */
	return 0;
}

/* Instructions per access of `bench count WHAT`, where the host has no
 * counters: the bench runs itself under cachegrind without its cache
 * simulation (which counts every instruction executed, "I refs") with N
 * and 2N accesses, and the difference over N is the loop's own work, the
 * set-up cancelling out. -1 when valgrind is not there. */
static long long cachegrind_irefs(const char *self, const char *what, unsigned long n)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd,
		 "valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null '%s' count %s %lu 2>&1 >/dev/null",
		 self, what, n);
	FILE *f = popen(cmd, "r");
	if (!f)
		return -1;
	char line[512];
	long long v = -1;
	while (fgets(line, sizeof line, f)) {
		char *p = strstr(line, "I   refs:");
		if (!p)
			p = strstr(line, "I refs:");
		if (p) {
			char digits[64];
			int k = 0;
			for (p = strchr(p, ':') + 1; *p && k < 63; p++)
				if (*p >= '0' && *p <= '9')
					digits[k++] = *p;
			digits[k] = 0;
			v = k ? atoll(digits) : -1;
		}
	}
	return pclose(f) == 0 ? v : -1;
}

static double counted_instr(const char *what, unsigned long n)
{
	char self[4096];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len <= 0 || system("valgrind --version >/dev/null 2>&1") != 0)
		return -1;
	self[len] = 0;
	long long a = cachegrind_irefs(self, what, n), b = cachegrind_irefs(self, what, 2 * n);
	return a >= 0 && b > a ? (double)(b - a) / (double)n : -1;
}

/* One micro-step back and forward at the end of a history of `cmds`
 * commands. */
static double step_us(int cmds)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	cfg.ram = 256ull << 20;
	cfg.pagefile[0] = cfg.ram;
	struct session *s = session_new(&cfg, &err);
	char line[128];
	cJSON_Delete(session_exec_json(s, "process create b.exe --bare"));
	cJSON_Delete(session_exec_json(s, "$p = VirtualAlloc 0 16M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE"));
	for (int i = 0; i < cmds; i++) {
		snprintf(line, sizeof line, "write $p+0x%x %d", (i % 4096) * 4096 + (i / 4096) * 8, i);
		cJSON_Delete(session_exec_json(s, line));
	}
	struct mm *m = session_mm(s);
	struct mm_hist h;
	mm_hist(m, &h);
	int reps = 2000;
	double t0 = now();
	for (int i = 0; i < reps; i++) {
		mm_seek(m, h.cursor - 1 - (uint64_t)(i % 50));
		mm_seek(m, h.cursor - (uint64_t)(i % 50));
	}
	double t = (now() - t0) / (reps * 2);
	session_free(s);
	return t * 1e6;
}

/* ---- the compact history (docs/architecture.md ARCH-HISTORY) ----
 * Through a session, as a user makes history: bytes the history keeps for
 * a touch once it has run (its net change and its replay line), per
 * demand-zero fault; and the time to step into the middle of that touch
 * from the end of the next command, which replays it. */
static struct session *history_session(void)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	cfg.ram = 4ull << 30;
	cfg.pagefile[0] = cfg.ram;
	struct session *s = session_new(&cfg, &err);
	if (!s) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	cJSON_Delete(session_exec_json(s, "process create h.exe --bare"));
	cJSON_Delete(session_exec_json(s, "$a = VirtualAlloc 0 256M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE"));
	return s;
}

static void history_figures(void)
{
	const uint64_t pages = (256ull << 20) / 4096;
	for (int w = 0; w < 2; w++) {
		struct session *s = history_session();
		struct hist *h = &session_mm(s)->hist;
		uint64_t before = hist_bytes_past(h);
		FILE *null = fopen("/dev/null", "w");
		session_exec_text(s, w ? "touch $a 256M w" : "touch $a 256M r", null);
		double per = (double)(hist_bytes_past(h) - before) / (double)pages;
		printf("history_bytes_per_dz_fault_%s: %.1f bytes (touch 256M %s: net change and replay line kept; "
		       "before: 1,376; target <= 64, <= 32 if we can)\n", w ? "write" : "read", per, w ? "w" : "r");
		session_exec_text(s, "write $a 1", null);
		/* The middle of the micro-steps the detail holds (its first
		 * HIST_EV_CAP): one past those lands at the command's end
		 * (hist_cmd_held), which is no replay to time. */
		uint64_t b, e, held_end, tail;
		hist_cmd_range(h, hist_cmd_count(h) - 2, &b, &e);
		hist_cmd_held(h, hist_cmd_count(h) - 2, &held_end, &tail);
		double t0 = now();
		int rc = hist_seek_event(h, (int64_t)(b + (held_end - b) / 2));
		double t = now() - t0;
		if (w)
			printf("history_step_into_huge_command: %.0f ms (%s; micro-step %llu of touch 256M w's %llu, the middle of "
			       "those its detail holds, from the next command: replayed and checked)\n", t * 1e3,
			       rc == 0 ? "replayed" : "NOT replayed", (unsigned long long)((held_end - b) / 2),
			       (unsigned long long)(e - b));
		fclose(null);
		session_free(s);
	}
}

static double batch_per_s(int n, bool print)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	struct session *s = session_new(&cfg, &err);
	FILE *devnull = fopen("/dev/null", "w");
	session_exec_text(s, "process create b.exe --bare", devnull);
	session_exec_text(s, "$p = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", devnull);
	session_exec_text(s, "write $p 0x41", devnull);
	static const char *const mix[] = {"read $p", "write $p+8 0x42", "read $p+8 8", "# comment", "read $p+0x10"};
	double t0 = now();
	for (int i = 0; i < n; i++) {
		cJSON *o = session_exec_json(s, mix[i % 5]);
		if (o && print) {
			jout_print(devnull, o);
			fputc('\n', devnull);
		}
		cJSON_Delete(o);
	}
	double t = now() - t0;
	fclose(devnull);
	session_free(s);
	return n / t;
}

/* A bare ncurses full redraw of w x h: every cell with a colour pair,
 * then a forced full repaint, written to /dev/null as a terminal would
 * receive it. The reference the TUI's compose time is held against. */
static double ncurses_redraw_us(int w, int h, int frames)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	if (!out || !in)
		return 0;
	SCREEN *sc = newterm("xterm-256color", out, in);
	if (!sc) {
		fclose(out);
		fclose(in);
		return 0;
	}
	resizeterm(h, w);
	start_color();
	for (short i = 1; i < 8; i++)
		init_pair(i, i, 0);
	double t0 = now();
	for (int f = 0; f < frames; f++) {
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				attrset(COLOR_PAIR(1 + (x + y + f) % 7));
				mvaddch(y, x, (chtype)('a' + (x + f) % 26));
			}
		clearok(stdscr, TRUE);
		refresh();
	}
	double t = (now() - t0) / frames * 1e6;
	endwin();
	delscreen(sc);
	fclose(out);
	fclose(in);
	return t;
}

/* Start to first frame: the whole program, booting the machine, loading
 * the built-in tour and composing its first screen (headless). */
/* The mmviz binary beside this bench binary (both in the build folder). */
static bool mmviz_beside(char *self, size_t n)
{
	ssize_t len = readlink("/proc/self/exe", self, n - 16);
	if (len <= 0)
		return false;
	self[len] = 0;
	char *slash = strrchr(self, '/');
	if (!slash)
		return false;
	strcpy(slash + 1, "mmviz");
	return true;
}

static double first_frame_ms(const char *mmviz)
{
	double t0 = now();
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		execl(mmviz, mmviz, "--screen", "80x24", "tour", (char *)NULL);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	return (now() - t0) * 1e3;
}

/* Peak RSS (KB) of `mmviz --batch [--json] FILE` over n `write` commands,
 * output to /dev/null: the user's path end to end, in its own process. */
static double batch_rss_kb(const char *mmviz, int n, bool json)
{
	char path[] = "/tmp/mmviz-bench-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	FILE *f = fdopen(fd, "w");
	fprintf(f, "process create app --bare\n$p = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\n");
	for (int i = 0; i < n; i++)
		fprintf(f, "write $p+%#x %d\n", (i % 256) * 4096, i);
	fclose(f);
	pid_t pid = fork();
	if (pid == 0) {
		int out = open("/dev/null", O_WRONLY);
		dup2(out, 1);
		if (json)
			execl(mmviz, mmviz, "--batch", "--json", path, (char *)NULL);
		else
			execl(mmviz, mmviz, "--batch", path, (char *)NULL);
		_exit(127);
	}
	int st;
	struct rusage ru;
	wait4(pid, &st, 0, &ru);
	unlink(path);
	return (double)ru.ru_maxrss;
}

#define MEDIAN(expr) ({ double v_[RUNS]; for (int r_ = 0; r_ < RUNS; r_++) v_[r_] = (expr); median(v_, RUNS); })

/* ==== host memory: booting a big machine and frame contents ====
 * (docs/quality.md Q-PERF; the issue "Fast where a user feels it", items 4
 * and 5). Boot is measured end to end, as a user meets it: the built mmviz
 * in its own process, `mmviz --ram 64G --batch` on a one-line input, its
 * wall time and peak RSS (getrusage of the child), beside the in-process
 * mm_new. The minor-fault figures count host page faults (getrusage
 * ru_minflt), which do not depend on the machine's speed. */

static long minflt_self(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* The in-process boot of a 64 GiB machine: seconds, and host minor faults
 * per simulated frame. */
static void boot_64g(double *seconds, double *minflt_per_frame)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	cfg.ram = 64ull << 30;
	cfg.pagefile[0] = mm_config_default_pagefile(&cfg);
	long f0 = minflt_self();
	double t0 = now();
	struct mm *m = mm_new(&cfg, &err);
	*seconds = now() - t0;
	if (!m) {
		fprintf(stderr, "bench: booting 64G: %s\n", err.msg);
		exit(1);
	}
	*minflt_per_frame = (double)(minflt_self() - f0) / (double)m->npages;
	mm_free(m);
}

/* `bench spawn PROGRAM ARGS...`: runs PROGRAM with its output to
 * /dev/null and prints "SECONDS PEAK_KB" of it. The bench runs it as a
 * fresh process of its own, small, so that the peak RSS is PROGRAM's: a
 * child forked straight from the bench would report the bench's own
 * memory, which its ru_maxrss counts from the fork. */
static int spawn_main(char **argv)
{
	double t0 = now();
	pid_t pid = fork();
	if (pid == 0) {
		int out = open("/dev/null", O_WRONLY);
		dup2(out, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	int st;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return 1;
	printf("%.6f %ld\n", now() - t0, ru.ru_maxrss);
	return 0;
}

/* `mmviz --ram RAM --batch FILE` with one command, through `bench spawn`:
 * wall seconds and peak RSS in bytes. */
static void boot_child(const char *mmviz, const char *ram, double *seconds, double *peak_bytes)
{
	char path[] = "/tmp/mmviz-bench-XXXXXX", self[4096];
	int fd = mkstemp(path), pipefd[2];
	*seconds = *peak_bytes = 0;
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (fd < 0 || len <= 0 || write(fd, "!vm\n", 4) != 4 || pipe(pipefd) < 0) {
		if (fd >= 0)
			close(fd), unlink(path);
		return;
	}
	self[len] = 0;
	close(fd);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		execl(self, self, "spawn", mmviz, "--ram", ram, "--batch", path, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	FILE *in = fdopen(pipefd[0], "r");
	double kb = 0;
	if (!in || fscanf(in, "%lf %lf", seconds, &kb) != 2)
		fprintf(stderr, "bench: mmviz --ram %s --batch failed\n", ram);
	if (in)
		fclose(in);
	waitpid(pid, NULL, 0);
	unlink(path);
	*peak_bytes = kb * 1024.0;
}

/* A touch of 1 GiB (262,144 demand-zero faults, events recorded) that
 * reads or writes each page as `touch ADDR 1G r|w` does: host minor faults
 * per simulated fault, the journal's growth included. */
static double dz_minflt_per_fault(bool write)
{
	size_t pages = 262144;
	struct mm *m = boot("2G", true);
	uint64_t base = alloc(m, pages * 4096);
	struct access_result r;
	long f0 = minflt_self();
	for (size_t i = 0; i < pages; i++) {
		fault_access(m, base + i * 4096, write ? ACC_WRITE : ACC_READ, false, &r);
		if (write)
			physmem_write(m, (uint32_t)mm_page_number(r.pa), (uint32_t)mm_page_offset(r.pa), 0x6D, 1);
	}
	double per = (double)(minflt_self() - f0) / (double)pages;
	mm_free(m);
	return per;
}

static void boot_figures(void)
{
	double v[RUNS], f[RUNS], cs[RUNS], cb[RUNS], ss[RUNS], sb[RUNS];
	char self[4096];
	bool have = mmviz_beside(self, sizeof self);
	for (int r = 0; r < RUNS; r++) {
		boot_64g(&v[r], &f[r]);
		cs[r] = cb[r] = ss[r] = sb[r] = 0;
		if (have) {
			boot_child(self, "64G", &cs[r], &cb[r]);
			boot_child(self, "64M", &ss[r], &sb[r]);
		}
	}
	double frames = (double)((64ull << 30) / 4096);
	printf("boot_64GiB: %.3f s (mmviz --ram 64G --batch, one command, end to end; target <= 0.05)\n", median(cs, RUNS));
	printf("boot_64MiB_reference: %.3f s, %.0f MB peak RSS (the same with --ram 64M: process start, libraries, one command)\n",
	       median(ss, RUNS), median(sb, RUNS) / 1e6);
	printf("boot_64GiB_in_process: %.3f s (mm_new; target <= 0.05)\n", median(v, RUNS));
	printf("boot_64GiB_peak_rss: %.0f MB (mmviz --ram 64G --batch)\n", median(cb, RUNS) / 1e6);
	printf("host_bytes_per_frame: %.1f bytes (that peak RSS over 16.8 M frames; target <= 40; struct pfn is %zu)\n",
	       median(cb, RUNS) / frames, sizeof(struct pfn));
	printf("boot_host_minflt_per_frame: %.5f (host minor faults of mm_new per frame; target <= 0.001)\n", median(f, RUNS));
	printf("host_minflt_per_dz_fault_read: %.4f (touch 1 GiB r; target <= 0.01)\n", MEDIAN(dz_minflt_per_fault(false)));
	printf("host_minflt_per_dz_fault_write: %.4f (touch 1 GiB w; target <= 0.01)\n", MEDIAN(dz_minflt_per_fault(true)));
}

/* ==== end of the host-memory section ==== */


/* ---- cost per operation against the amount of state (Q-PERF, scale) ---- */

/* A machine with one full process on x64 (room for 100,000 reservations
 * of 64 KB), recording nothing: the figures are the operations' own. */
static struct mm *boot_x64(void)
{
	struct mm *m = boot("1G", false); /* the default mode is x64 */
	struct mm_err err;
	if (aspace_populate(m, mm_cur(m), &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	return m;
}

static void must(int rc, const struct mm_err *err)
{
	if (rc < 0) {
		fprintf(stderr, "bench: %s\n", err->msg);
		exit(1);
	}
}

/* The objects a scale figure keeps alive: what they are is the kind's. */
struct live {
	uint64_t *a;
	size_t n;
};

enum kind { K_HEAP, K_VAD, K_POOL };
static const char *const kind_name[] = {"heap_block", "vad", "pool_block"};

static uint64_t make_one(struct mm *m, enum kind k)
{
	struct mm_err err;
	uint64_t v = 0;
	switch (k) {
	case K_HEAP:
		must(heap_alloc(m, mm_cur(m), mm_cur(m)->process_heap, 0, 16 + xorshift() % 240, &v, &err), &err);
		break;
	case K_VAD:
		must(vm_alloc(m, mm_cur(m), 0, 4096, MEM_RESERVE, PAGE_READWRITE, &v, &err), &err);
		break;
	case K_POOL:
		v = pool_alloc(m, POOL_NONPAGED, 16 + xorshift() % 240, 0x656c6163, &err);
		must(v ? 0 : -1, &err);
		break;
	}
	return v;
}

static void drop_one(struct mm *m, enum kind k, uint64_t v)
{
	struct mm_err err;
	switch (k) {
	case K_HEAP:
		must(heap_free(m, mm_cur(m), mm_cur(m)->process_heap, v, &err), &err);
		break;
	case K_VAD:
		must(vm_free(m, mm_cur(m), v, 0, MEM_RELEASE, &err), &err);
		break;
	case K_POOL:
		must(pool_free(m, v, &err), &err);
		break;
	}
}

/* Makes n live objects of kind k (*build_s: how long that took), then
 * times `ops` pairs of one more made and a random live one dropped, so
 * the amount of state stays n. Returns microseconds per pair. */
static double scale_us(enum kind k, size_t n, size_t ops, double *build_s)
{
	struct mm *m = boot_x64();
	struct live l = {malloc(n * sizeof(uint64_t)), n};
	double t0 = now();
	for (size_t i = 0; i < n; i++)
		l.a[i] = make_one(m, k);
	*build_s = now() - t0;
	t0 = now();
	for (size_t i = 0; i < ops; i++) {
		size_t j = xorshift() % n;
		drop_one(m, k, l.a[j]);
		l.a[j] = make_one(m, k);
	}
	double us = (now() - t0) * 1e6 / (double)ops;
	free(l.a);
	mm_free(m);
	return us;
}

/* Processes: at most MM_MAX_PROCS (64) live at once, so the comparison is
 * 8 against 60: a process made and exited, and a reservation made and
 * released in the current one, per pair. */
static double procs_us(int n, size_t ops)
{
	struct mm *m = boot_x64();
	struct mm_err err;
	for (int i = 1; i < n; i++) {
		struct proc *p = process_create(m, "other.exe", &err);
		must(p && aspace_populate(m, p, &err) == 0 ? 0 : -1, &err);
	}
	double t0 = now();
	for (size_t i = 0; i < ops; i++) {
		struct proc *p = process_create(m, "short.exe", &err);
		must(p && aspace_populate(m, p, &err) == 0 ? 0 : -1, &err);
		uint64_t v;
		must(vm_alloc(m, p, 0, 65536, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, &v, &err), &err);
		must(vm_free(m, p, v, 0, MEM_RELEASE, &err), &err);
		must(process_exit(m, p, &err), &err);
	}
	double us = (now() - t0) * 1e6 / (double)ops;
	mm_free(m);
	return us;
}

/* Sections: at most MM_MAX_HANDLES (64) per process and MM_MAX_SECTIONS
 * (128) in all, so 6 against 60 live sections, each mapped once; per
 * pair, one more section is made, mapped, unmapped and closed. */
static double sections_us(int n, size_t ops)
{
	struct mm *m = boot_x64();
	struct mm_err err;
	struct proc *p = mm_cur(m);
	bool existed;
	for (int i = 0; i < n; i++) {
		uint64_t h = section_create(m, p, 0, PAGE_READWRITE, 65536, NULL, &existed, &err);
		must(h && section_map(m, p, h, FILE_MAP_WRITE, 0, 0, 0, &err) ? 0 : -1, &err);
	}
	double t0 = now();
	for (size_t i = 0; i < ops; i++) {
		uint64_t h = section_create(m, p, 0, PAGE_READWRITE, 65536, NULL, &existed, &err);
		uint64_t v = h ? section_map(m, p, h, FILE_MAP_WRITE, 0, 0, 0, &err) : 0;
		must(v ? 0 : -1, &err);
		must(section_unmap(m, p, v, &err), &err);
		must(section_close(m, p, h, &err), &err);
	}
	double us = (now() - t0) * 1e6 / (double)ops;
	mm_free(m);
	return us;
}

/* Overridable (-DSCALE_RUNS=1 -DSCALE_OPS=2000) to measure a build whose
 * scans make 100,000 objects take minutes: the "before" of Q-PERF. */
#ifndef SCALE_RUNS
#define SCALE_RUNS 3
#endif
#ifndef SCALE_OPS
#define SCALE_OPS 20000
#endif

static void scale_figures(void)
{
	for (enum kind k = K_HEAP; k <= K_POOL; k++) {
		double us[2], build[2];
		size_t n[2] = {10000, 100000};
		for (int i = 0; i < 2; i++) {
			double v[SCALE_RUNS], b[SCALE_RUNS];
			for (int r = 0; r < SCALE_RUNS; r++)
				v[r] = scale_us(k, n[i], SCALE_OPS, &b[r]);
			us[i] = median(v, SCALE_RUNS);
			build[i] = median(b, SCALE_RUNS);
			printf("%s_make_%zu: %.3f s (%zu made one after another)\n", kind_name[k], n[i], build[i], n[i]);
			printf("%s_op_at_%zu: %.2f us (one made and one dropped, %zu live)\n", kind_name[k], n[i], us[i], n[i]);
		}
		printf("ratio_%s_100000_10000: %.2f (a scan over the state: ~10; the work grows by <= 1.5 (19_scale),"
		       " the time also by the caches the larger state misses)\n", kind_name[k], us[1] / us[0]);
	}
	double p8 = MEDIAN(procs_us(8, 300)), p60 = MEDIAN(procs_us(60, 300));
	printf("process_op_at_8: %.2f us (made, populated, one reservation, exited)\n", p8);
	printf("process_op_at_60: %.2f us (MM_MAX_PROCS is 64)\n", p60);
	printf("ratio_process_60_8: %.2f (about 1)\n", p60 / p8);
	double s6 = MEDIAN(sections_us(6, 2000)), s60 = MEDIAN(sections_us(60, 2000));
	printf("section_op_at_6: %.2f us (made, mapped, unmapped, closed)\n", s6);
	printf("section_op_at_60: %.2f us (MM_MAX_HANDLES is 64 a process)\n", s60);
	printf("ratio_section_60_6: %.2f (about 1)\n", s60 / s6);
}

/* Composes `frames` full frames of a w x h screen (headless, the tour
 * played to its end, the cursor inside the first write's fault) and gives
 * the mean time per frame in microseconds; stepping moves the cursor one
 * micro-step back or forth before each frame, as playback does, so the
 * per-position caches are rebuilt. Returns 0, or -1 when the set-up failed. */
static int compose_us(int w, int h, int frames, bool stepping, double *us_per_frame)
{
	struct app_opts o = {.scenario = "tour"};
	mm_config_default(&o.cfg);
	char err[1024];
	struct app *a = frames < 1 ? NULL : app_new_still(&o, w, h, 0, err, sizeof err);
	if (!a)
		return -1;
	struct player *pl = app_player(a);
	player_last(pl);
	for (int i = player_nrecs(pl) - 1; i >= 0; i--) {
		const struct player_rec *r = player_rec(pl, i);
		if (r->line && !strncmp(r->line, "write", 5) && r->ev_end - r->ev_begin > 8) {
			player_goto(pl, i, (r->ev_end - r->ev_begin) / 2);
			break;
		}
	}
	app_compose(a); /* warm the caches, as the loop would have */
	double t0 = now();
	for (int i = 0; i < frames; i++) {
		if (stepping && !((i & 1) ? player_next(pl) : player_prev(pl)))
			player_next(pl);
		app_compose(a);
	}
	*us_per_frame = (now() - t0) * 1e6 / frames;
	app_free(a);
	return 0;
}

/* ---- output: what a user of --batch waits for (issue "Fast where a user
 * feels it", items 2, 7 and 8; docs/output.md OUT-SUMMARY) ----
 *
 * In process: the bytes printed per fault of a large touch and the time
 * the printers take against the core's own time on the same faults,
 * summarised (the default) and with --events all. End to end: the built
 * mmviz as a child process (time, and peak RSS from getrusage
 * RUSAGE_CHILDREN via wait4), on the paths the issue measured: `touch $a
 * 1G r|w` in --batch [--json], --events all, and a file of 1,000,000
 * small commands. Each is run once: they take seconds. */

static ssize_t count_write(void *ud, const char *buf, size_t n)
{
	(void)buf;
	*(uint64_t *)ud += n;
	return (ssize_t)n;
}

/* A session with a process and $a = 64 MiB committed, ready to touch. */
static struct session *out_session(bool all)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	cfg.ram = 256ull << 20;
	cfg.pagefile[0] = 256ull << 20;
	struct session *s = session_new(&cfg, &err);
	FILE *null = fopen("/dev/null", "w");
	session_keep_history(s, false);
	session_events_all(s, all);
	session_exec_text(s, "process create app.exe --bare", null);
	session_exec_text(s, "$a = VirtualAlloc 0 64M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", null);
	fclose(null);
	return s;
}

#define OUT_TOUCH "touch $a 64M r"
#define OUT_PAGES 16384.0

/* The CPU time this process has run (user + system, all threads): the
 * in-process output figures time runs of about 10 ms, which on a shared
 * machine the wall clock cannot tell apart from waiting for a core. */
static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* One touch of 64 MiB printed: its CPU time, *bytes printed, and *steps,
 * the micro-steps it took. json: --batch --json's printer, else the text. */
static double out_touch(bool json, bool all, uint64_t *bytes, double *steps)
{
	struct session *s = out_session(all);
	*bytes = 0;
	cookie_io_functions_t io = {.write = count_write};
	FILE *f = fopencookie(bytes, "w", io);
	setvbuf(f, NULL, _IOFBF, 256 << 10);
	double t0 = cpu_now();
	if (json)
		session_exec_jsonl(s, OUT_TOUCH, f);
	else
		session_exec_text(s, OUT_TOUCH, f);
	fflush(f);
	double t = cpu_now() - t0;
	fclose(f);
	if (steps) {
		cJSON *o = session_exec_json(s, "events 3");
		*steps = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, "result"), "events_total")->valuedouble;
		cJSON_Delete(o);
	}
	session_free(s);
	return t;
}

/* The core's own CPU time for the same touch in the same kind of session:
 * run, its result built, its micro-steps recorded, nothing printed (the
 * tree form builds the 200 it would print as objects: 0.3% of the touch's
 * instructions, callgrind). */
static double out_core(void)
{
	struct session *s = out_session(false);
	double t0 = cpu_now();
	cJSON_Delete(session_exec_json(s, OUT_TOUCH));
	double t = cpu_now() - t0;
	session_free(s);
	return t;
}

struct child {
	double secs, cpu, rss_mb;
	uint64_t bytes;             /* written to standard output */
};

/* Where a child's standard output goes: counted through a pipe, or to
 * /dev/null (the batch figures: issue 10 item 7 measures output to
 * /dev/null; a pipe adds the host's copying, ~0.7 s of CPU a million
 * commands on this project's VM). */
static bool child_devnull;

/* mmviz ARGS... FILE with standard output counted through a pipe (or to
 * /dev/null, child_devnull: then no bytes are counted). */
static struct child run_child(const char *mmviz, const char *const *args, const char *file)
{
	struct child c = {0};
	const char *argv[16];
	int n = 0;
	argv[n++] = mmviz;
	for (; *args && n < 14; args++)
		argv[n++] = *args;
	argv[n++] = file;
	argv[n] = NULL;
	int fd[2];
	if (pipe(fd) < 0)
		return c;
	double t0 = now();
	pid_t pid = fork();
	if (pid == 0) {
		int null = child_devnull ? open("/dev/null", O_WRONLY) : -1;
		dup2(null >= 0 ? null : fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execv(mmviz, (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	static char buf[1 << 16];
	ssize_t r;
	while ((r = read(fd[0], buf, sizeof buf)) > 0)
		c.bytes += (uint64_t)r;
	close(fd[0]);
	int st;
	struct rusage ru;
	wait4(pid, &st, 0, &ru);
	c.secs = now() - t0;
	c.cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec +
		(double)ru.ru_stime.tv_usec * 1e-6;
	c.rss_mb = (double)ru.ru_maxrss / 1024.0;
	return c;
}

/* run_child RUNS times: each figure's median, so that one run the host
 * kernel stalls on (a VM backing fresh memory: seen 0.25 s against 3.2 s
 * for the same touch) does not stand for the path. */
static struct child run_median(const char *mmviz, const char *const *args, const char *file)
{
	double secs[RUNS], cpu[RUNS], rss[RUNS], bytes[RUNS];
	for (int r = 0; r < RUNS; r++) {
		struct child c = run_child(mmviz, args, file);
		secs[r] = c.secs, cpu[r] = c.cpu, rss[r] = c.rss_mb, bytes[r] = (double)c.bytes;
	}
	return (struct child){.secs = median(secs, RUNS), .cpu = median(cpu, RUNS), .rss_mb = median(rss, RUNS),
			      .bytes = (uint64_t)median(bytes, RUNS)};
}

static void write_file(char *path, const char *const *head, int nhead, const char *const *loop, int nloop, long lines)
{
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f)
		return;
	long n = 0;
	for (int i = 0; i < nhead; i++, n++)
		fprintf(f, "%s\n", head[i]);
	for (long i = 0; n < lines; i++)
		for (int k = 0; k < nloop && n < lines; k++, n++) {
			/* a loop line may hold one %#x: a page of $q */
			const char *pct = strstr(loop[k], "%#x");
			if (pct)
				fprintf(f, "%.*s%#x%s\n", (int)(pct - loop[k]), loop[k], (unsigned)((i % 256) * 4096), pct + 3);
			else
				fprintf(f, "%s\n", loop[k]);
		}
	fclose(f);
}

/* The TUI player's step `touch $a 256M w` (issue 10 item 3), headless:
 * `mmviz --screen 100x30 --at 2` plays a scenario's two steps (a process
 * and a committed 256 MB; then the touch) and draws the screen, as the
 * player does on a terminal. Against the same with `--at 1`: what the
 * step adds, in time and peak RSS, beside the 256 MB the step writes. */
static void tui_step_e2e(const char *mmviz)
{
	static const char *const scn[] = {
		"{\"schema\": 1, \"id\": \"bench-touch-256m\", \"title\": {\"en\": \"bench\", \"de\": \"bench\"},",
		" \"summary\": {\"en\": \"bench\", \"de\": \"bench\"},",
		" \"machine\": {\"arch\": \"x64\", \"ram\": \"1G\", \"pagefiles\": [\"1G\"]},",
		" \"steps\": [",
		"  {\"run\": [\"process create app.exe --bare\", \"$a = VirtualAlloc 0 256M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\"],",
		"   \"say\": {\"en\": \"set-up\", \"de\": \"Vorbereitung\"}},",
		"  {\"run\": \"touch $a 256M w\", \"say\": {\"en\": \"the touch\", \"de\": \"die Berührung\"}}]}"};
	char path[] = "/tmp/mmviz-bench-tui-XXXXXX.json";
	int fd = mkstemps(path, 5);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f)
		return;
	for (size_t i = 0; i < sizeof scn / sizeof *scn; i++)
		fprintf(f, "%s\n", scn[i]);
	fclose(f);
	static const char *const at1[] = {"--screen", "100x30", "--at", "1", NULL};
	static const char *const at2[] = {"--screen", "100x30", "--at", "2", NULL};
	double s1[RUNS], s2[RUNS], r1[RUNS], r2[RUNS], c1[RUNS], c2[RUNS];
	for (int r = 0; r < RUNS; r++) {
		struct child a = run_child(mmviz, at1, path), b = run_child(mmviz, at2, path);
		s1[r] = a.secs, r1[r] = a.rss_mb, c1[r] = a.cpu, s2[r] = b.secs, r2[r] = b.rss_mb, c2[r] = b.cpu;
	}
	double secs = median(s2, RUNS), base = median(s1, RUNS), rss = median(r2, RUNS), rss_base = median(r1, RUNS);
	double cpu = median(c2, RUNS), cpu_base = median(c1, RUNS);
	printf("tui_step_touch_256MiB_w: %.2f s, %.0f MB peak (cpu %.2f s; --screen --at 2, end to end; the step itself "
	       "%.2f s, cpu %.2f s, %+.0f MB over --at 1; targets <= 1 s, <= 256 MB written + 100 MB)\n",
	       secs, rss, cpu, secs - base, cpu - cpu_base, rss - rss_base);
	unlink(path);
}

static void out_e2e(const char *mmviz)
{
	static const char *const touch_head[] = {"process create app.exe --bare",
						 "$a = VirtualAlloc 0 1G MEM_RESERVE|MEM_COMMIT PAGE_READWRITE"};
	static const char *const touch_r[] = {"touch $a 1G r"}, *const touch_w[] = {"touch $a 1G w"};
	char fr[] = "/tmp/mmviz-bench-r-XXXXXX", fw[] = "/tmp/mmviz-bench-w-XXXXXX";
	write_file(fr, touch_head, 2, touch_r, 1, 3);
	write_file(fw, touch_head, 2, touch_w, 1, 3);
	static const char *const json[] = {"--ram", "2G", "--batch", "--json", NULL};
	static const char *const text[] = {"--ram", "2G", "--batch", NULL};
	static const char *const json_all[] = {"--ram", "2G", "--batch", "--json", "--events", "all", NULL};
	static const char *const text_all[] = {"--ram", "2G", "--batch", "--events", "all", NULL};
	struct child c = run_median(mmviz, json, fr);
	printf("e2e_touch_1GiB_r_json: %.2f s, %.0f MB peak (cpu %.2f s; %.0f bytes printed; targets <= 1 s, <= 500 MB)\n",
	       c.secs, c.rss_mb, c.cpu, (double)c.bytes);
	double summarised_mb = c.rss_mb;
	c = run_median(mmviz, text, fr);
	printf("e2e_touch_1GiB_r_text: %.2f s, %.0f MB peak (cpu %.2f s; target <= 0.5 s)\n", c.secs, c.rss_mb, c.cpu);
	c = run_median(mmviz, text, fw);
	printf("e2e_touch_1GiB_w_text: %.2f s, %.0f MB peak (cpu %.2f s; target <= 0.5 s; the pages' contents are "
	       "host memory)\n", c.secs, c.rss_mb, c.cpu);
	c = run_median(mmviz, json_all, fr);
	printf("e2e_events_all_1GiB_r_json: %.2f s, %.0f MB peak, %+.0f MB over the summarised run (cpu %.2f s; %.0f "
	       "MB printed; targets <= 2 s, +0 MB: streamed, no tree)\n", c.secs, c.rss_mb, c.rss_mb - summarised_mb, c.cpu,
	       (double)c.bytes / 1e6);
	c = run_median(mmviz, text_all, fr);
	printf("e2e_events_all_1GiB_r_text: %.2f s, %.0f MB peak (cpu %.2f s; %.0f MB printed; target <= 2 s)\n", c.secs,
	       c.rss_mb, c.cpu, (double)c.bytes / 1e6);
	unlink(fr);
	unlink(fw);
	tui_step_e2e(mmviz);
	/* 1,000,000 small commands: a reservation committed, one page of it
	 * written (a demand-zero fault), queried, !pte, released, and a read
	 * of one resident page of $q, over and over. */
	static const char *const mix_head[] = {"process create app.exe --bare",
					       "$q = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "touch $q 1M w"};
	static const char *const mix[] = {"$p = VirtualAlloc 0 4K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "touch $p 4K w",
					  "VirtualQuery $p", "!pte $p", "VirtualFree $p 0 MEM_RELEASE", "touch $q+%#x 4K r"};
	char fm[] = "/tmp/mmviz-bench-m-XXXXXX", fs[] = "/tmp/mmviz-bench-s-XXXXXX";
	write_file(fm, mix_head, 3, mix, 6, 1000000);
	write_file(fs, mix_head, 3, mix, 6, 250000);
	static const char *const btext[] = {"--batch", NULL}, *const bjson[] = {"--batch", "--json", NULL};
	for (int j = 0; j < 2; j++) {
		uint64_t bytes = run_child(mmviz, j ? bjson : btext, fm).bytes; /* once, through the pipe */
		child_devnull = true;
		struct child small = run_median(mmviz, j ? bjson : btext, fs);
		c = run_median(mmviz, j ? bjson : btext, fm);
		child_devnull = false;
		c.bytes = bytes;
		printf("e2e_batch_1M_commands_%s: %.0f per s (cpu: %.0f per s; output to /dev/null; %.0f bytes a command; peak %.0f MB, %+.1f MB "
		       "over 250,000 commands; targets >= 500000, +0 MB)\n", j ? "json" : "text", 1e6 / c.secs, 1e6 / c.cpu,
		       (double)c.bytes / 1e6, c.rss_mb, c.rss_mb - small.rss_mb);
	}
	unlink(fm);
	unlink(fs);
}

/* e2e: also the end-to-end figures (the built mmviz as a child);
 * `bench printers` runs the in-process figures alone. */
static void output_figures(bool e2e)
{
	uint64_t bytes[4];
	double steps = 0;
	/* The printers' share is a difference of two times: each run times
	 * the core and the printers one after the other, so a slow moment
	 * of the machine falls on both, and the ratio is the median of the
	 * runs' ratios. */
	double v[4][RUNS], rt[2][RUNS], vc[RUNS];
	for (int r = 0; r < RUNS; r++) {
		vc[r] = out_core();
		for (int k = 0; k < 4; k++)
			v[k][r] = out_touch(k & 1, k >= 2, &bytes[k], k == 0 ? &steps : NULL);
		for (int k = 0; k < 2; k++)
			rt[k][r] = (v[k][r] - vc[r]) / vc[r];
	}
	double t_text_all = median(v[2], RUNS), t_json_all = median(v[3], RUNS), core = median(vc, RUNS);
	printf("micro_steps_per_touched_page: %.1f (touch of 64 MiB, fresh pages, read)\n", steps / OUT_PAGES);
	printf("output_bytes_per_fault_text: %.2f (summarised; target <= 1: a huge command prints a bounded summary)\n",
	       (double)bytes[0] / OUT_PAGES);
	printf("output_bytes_per_fault_json: %.2f (summarised; target <= 1)\n", (double)bytes[1] / OUT_PAGES);
	printf("output_bytes_per_fault_text_all: %.0f (--events all: every micro-step)\n", (double)bytes[2] / OUT_PAGES);
	printf("output_bytes_per_fault_json_all: %.0f (--events all)\n", (double)bytes[3] / OUT_PAGES);
	printf("output_core_time_64MiB: %.3f s of CPU (the touch run, nothing printed)\n", core);
	printf("ratio_output_to_core_text: %.2f (summarised, CPU time, the median of %d runs' ratios; target <= 0.1)\n",
	       median(rt[0], RUNS), RUNS);
	printf("ratio_output_to_core_json: %.2f (summarised; target <= 0.1)\n", median(rt[1], RUNS));
	printf("ratio_output_to_core_text_all: %.2f (--events all; target <= 7: 1 GiB in 2 s against ~0.25 s of core)\n",
	       (t_text_all - core) / core);
	printf("ratio_output_to_core_json_all: %.2f (--events all; target <= 7)\n", (t_json_all - core) / core);
	char self[4096];
	if (e2e && mmviz_beside(self, sizeof self))
		out_e2e(self);
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "spawn")) /* the host-memory section's launcher */
		return spawn_main(argv + 2);
	if (argc > 3 && !strcmp(argv[1], "count")) /* one run of a loop, for counted_instr */
		return count_main(argv[2], strtoul(argv[3], NULL, 10));
	const char *only = argc > 1 ? argv[1] : "";
	bool all = !*only;
	if (all || !strcmp(only, "fault")) {
		double host = MEDIAN(host_dz_per_s(65536));
		double sim = MEDIAN(sim_dz_per_s(65536, NULL));
		printf("host_demand_zero_faults: %.0f per s\n", host);
		printf("sim_demand_zero_faults: %.0f per s (events recorded)\n", sim);
		printf("ratio_demand_zero: %.2f (target >= 5)\n", sim / host);
		double hc = MEDIAN(host_cow_per_s(16384));
		double sc = MEDIAN(sim_cow_per_s(16384));
		printf("host_cow_faults: %.0f per s\n", hc);
		printf("sim_cow_faults: %.0f per s (events recorded)\n", sc);
		printf("ratio_copy_on_write: %.2f (target >= 5)\n", sc / hc);
		double secs;
		double v[RUNS];
		for (int r = 0; r < RUNS; r++) {
			sim_dz_per_s(262144, &secs);
			v[r] = secs;
		}
		printf("touch_1GiB_fresh_pages: %.3f s (262144 demand-zero faults; target <= 0.1)\n", median(v, RUNS));
	}
	if (all || !strcmp(only, "access")) {
		enum { HOT = 16, COLD = 1 << 20 };
		uint64_t *hot = malloc(HOT * sizeof *hot), *cold = malloc(COLD * sizeof *cold);
		for (int i = 0; i < HOT; i++)
			hot[i] = 0x10000000ull + (uint64_t)i * 4096;
		for (int i = 0; i < COLD; i++) /* random pages over 16 GiB */
			cold[i] = (xorshift() % (16ull << 30)) & ~0xFFFull;
		struct node *rh = radix_build(hot, HOT), *rc = radix_build(cold, COLD);
		double bare_hot = MEDIAN(radix_per_s(hot, HOT, 20000000, rh));
		double bare_cold = MEDIAN(radix_per_s(cold, COLD, 5000000, rc));
		double hit = MEDIAN(sim_hit_per_s(20000000));
		double miss = MEDIAN(sim_miss_per_s(262144, 2000000));
		printf("bare_walk_hot: %.0f per s\n", bare_hot);
		printf("bare_walk_random_16GiB: %.0f per s\n", bare_cold);
		printf("sim_tlb_hit_accesses: %.0f per s\n", hit);
		printf("ratio_tlb_hit: %.2f (target >= 0.5)\n", hit / bare_hot);
		printf("sim_tlb_miss_accesses: %.0f per s (walk through simulated frames, 1 GiB random; the paging-structure caches skip the upper levels)\n", miss);
		printf("ratio_tlb_miss: %.2f (target >= 1)\n", miss / bare_cold);
		if (hit_instr < 0) /* no hardware counters: valgrind counts them */
			hit_instr = counted_instr("hit", 2000000);
		if (miss_instr < 0)
			miss_instr = counted_instr("miss", 200000);
		print_instr("instructions_per_tlb_hit", hit_instr);
		print_instr("instructions_per_tlb_miss", miss_instr);
	}
	if (all || !strcmp(only, "boot")) {
		boot_figures();
	}
	if (all || !strcmp(only, "history")) {
		history_figures();
		for (int n = 100; n <= 100000; n *= 10)
			printf("step_after_%d_commands: %.2f us (a micro-step back and forward, up to 50 back: a replay where that enters another command; target <= 1000)\n", n, MEDIAN(step_us(n)));
	}
	if (all || !strcmp(only, "tui")) {
		double us = 0, step = 0;
		double v[RUNS], w[RUNS];
		for (int r = 0; r < RUNS; r++) {
			compose_us(200, 60, 200, false, &us);
			v[r] = us;
			compose_us(200, 60, 200, true, &step);
			w[r] = step;
		}
		double nc = MEDIAN(ncurses_redraw_us(200, 60, 50));
		printf("compose_200x60: %.1f us per frame\n", median(v, RUNS));
		printf("compose_200x60_stepping: %.1f us per frame (one micro-step back or forward each)\n", median(w, RUNS));
		printf("bare_ncurses_redraw_200x60: %.1f us per frame\n", nc);
		printf("ratio_compose: %.3f (target <= 1)\n", nc > 0 ? median(v, RUNS) / nc : 0);
		char self[4096];
		if (mmviz_beside(self, sizeof self))
			printf("start_to_first_frame: %.1f ms (the built-in tour, headless; target <= 50)\n", MEDIAN(first_frame_ms(self)));
	}
	if (all || !strcmp(only, "batch"))
	{
		printf("batch_commands_executed: %.0f per s (parsed, executed, result and events as JSON objects; target >= 500000)\n",
		       MEDIAN(batch_per_s(200000, false)));
		printf("batch_commands_printed: %.0f per s (the same, printed as JSON lines)\n", MEDIAN(batch_per_s(200000, true)));
		char self[4096];
		for (int json = 0; json < 2 && mmviz_beside(self, sizeof self); json++) {
			double small = batch_rss_kb(self, 150000, json), big = batch_rss_kb(self, 300000, json);
			double per = (big - small) * 1024 / 150000;
			printf("batch_host_bytes_per_command_%s: %.0f bytes (peak RSS over 300,000 vs 150,000 commands: no "
			       "history in batch mode, and save's record stops at 100,000 lines; target 0)\n",
			       json ? "json" : "text", per > -0.5 && per < 0.5 ? 0.0 : per);
		}
	}
	if (!strcmp(only, "tuistep")) { /* alone; a full run has it in output */
		char self[4096];
		if (mmviz_beside(self, sizeof self))
			tui_step_e2e(self);
	}
	if (all || !strcmp(only, "scale"))
		scale_figures();
	if (all || !strcmp(only, "output") || !strcmp(only, "printers"))
		output_figures(strcmp(only, "printers") != 0);
	return 0;
}
