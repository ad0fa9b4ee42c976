/*
 * 50_prop.c — the property test of docs/quality.md Q-RELIABILITY: a seeded
 * generator of random command lines across several processes — every
 * command kind that `help` lists, with valid and invalid arguments,
 * addresses inside and outside allocations, kernel and non-canonical
 * addresses, process create/use/exit, resets — and after every command:
 *
 *   - the invariant checker (mm_check) finds no violation;
 *   - the JSON object has the shape of docs/output.md OUT-JSON;
 *   - a failed command changed nothing: mm_state_hash is what it was
 *     before, it reported no events and left no journal records;
 *   - inspection commands changed nothing either;
 *   - now and then, a walk back through the history to a random micro-step
 *     and forward again ends in the same state, and seeking to the
 *     beginning gives back the machine as booted (or as reset).
 *
 * Length: MMVIZ_PROP_N commands per paging mode (default 20,000 in total,
 * split over the three modes, so that `make test` stays fast; 6,000 in the
 * sanitizer suite);
 * MMVIZ_PROP_N=1000000 runs the full million on each mode. MMVIZ_PROP_SEED
 * picks the seed (default 1), MMVIZ_PROP_ARCH=x86|pae|x64 one mode only
 * (to run the long runs side by side). A failure prints the seed, the
 * command's number and the last commands; MMVIZ_PROP_SEED=S MMVIZ_PROP_N=i+1
 * MMVIZ_PROP_ARCH=A replays it exactly. The run happens in a temporary
 * directory, so that save/export write nothing elsewhere.
 *
 * Commands that are not known to this file are still generated, from their
 * usage line in `help` (ADDR, SIZE, PID|NAME, FILE, a|b|c choices ...), so
 * a new command is exercised from the day it appears.
 */
#include "testlib.h"

#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "base/event.h"

struct gen {
	uint64_t st;
	enum mm_arch arch;
	char dir[64];           /* a temporary directory for FILE arguments */
	int ncmds;
	struct { char name[40]; char usage[96]; bool readonly; } cmd[128];
};

static uint64_t rnd(struct gen *g)
{
	g->st ^= g->st >> 12;
	g->st ^= g->st << 25;
	g->st ^= g->st >> 27;
	return g->st * 0x2545F4914F6CDD1Dull;
}

static unsigned pick(struct gen *g, unsigned n) { return (unsigned)(rnd(g) % n); }
static bool chance(struct gen *g, unsigned percent) { return pick(g, 100) < percent; }

#define APPEND(...)                                                                  \
	do {                                                                         \
		size_t l_ = strlen(out);                                             \
		snprintf(out + l_, n > l_ ? n - l_ : 0, __VA_ARGS__);               \
	} while (0)

static void g_size(struct gen *g, char *out, size_t n)
{
	static const char *const sizes[] = {"1", "0x10", "4K", "4K", "8K", "12K", "16K", "64K", "64K", "100K", "256K",
					    "1M", "5000", "0", "2M", "4M", "0xFFF", "0x1001"};
	if (chance(g, 2))
		APPEND("%s", chance(g, 50) ? "16M" : chance(g, 50) ? "1G" : "0xFFFFFFFFFFFFF000");
	else
		APPEND("%s", sizes[pick(g, sizeof sizes / sizeof sizes[0])]);
}

/* Addresses: mostly inside the regions bound to $r0..$r9, else anywhere. */
static void g_addr(struct gen *g, char *out, size_t n)
{
	unsigned r = pick(g, 10), k = pick(g, 100);
	bool x64 = g->arch == MM_ARCH_X64;
	if (k < 6)
		APPEND("$v%u+%#x", pick(g, 4), pick(g, 20) * 0x1000);
	else if (k < 45)
		APPEND("$r%u+%#x", r, pick(g, 80) * 0x1000 + (chance(g, 20) ? pick(g, 0x1000) : 0));
	else if (k < 58)
		APPEND("$r%u", r);
	else if (k < 61)
		APPEND("$r%u-4K", r);
	else if (k < 70)
		APPEND("%#llx", (unsigned long long)((rnd(g) % (x64 ? 0x7FFFFFFF0000ull : 0x7FFF0000ull)) & ~0xFFFull));
	else if (k < 75)
		APPEND("%#x", 0x7FFE0000u + (chance(g, 70) ? pick(g, 0x1000) : 0x1000));
	else if (k < 80)
		APPEND("%s", x64 ? (chance(g, 50) ? "0xFFFFF78000000000" : "0xFFFFF68000000080")
				 : (chance(g, 50) ? "0xFFDF0000" : "0xC0300000"));
	else if (k < 83)
		APPEND("%s", x64 ? "0xFFFFF6FB7DBED000" : "0xC0000040");
	else if (k < 86)
		APPEND("%s", chance(g, 50) ? "0x800000000000" : "0xFFFFFFFFFFFFFFFF");
	else if (k < 90)
		APPEND("%#x", pick(g, 0x10000));
	else if (k < 93)
		APPEND("0x%x0000", 1 + pick(g, 0x7FF));
	else if (k < 95)
		APPEND("%s", x64 ? "0x7FFFFFFD0000" : "0x7FFD0000");
	else
		APPEND("%#x", 0x10000u + pick(g, 64) * 0x10000);
}

static void g_mem_type(struct gen *g, char *out, size_t n)
{
	static const char *const t[] = {"MEM_RESERVE|MEM_COMMIT", "MEM_RESERVE|MEM_COMMIT", "MEM_RESERVE", "MEM_COMMIT",
					"MEM_COMMIT", "MEM_RESERVE|MEM_TOP_DOWN", "MEM_RESERVE|MEM_COMMIT|MEM_TOP_DOWN",
					"MEM_RESET", "MEM_DECOMMIT", "MEM_RELEASE", "MEM_LARGE_PAGES|MEM_RESERVE|MEM_COMMIT",
					"0x3000", "0", "MEM_RESET|MEM_COMMIT", "MEM_PHYSICAL|MEM_RESERVE", "MEM_BOGUS"};
	APPEND("%s", t[pick(g, sizeof t / sizeof t[0])]);
}

static void g_page_prot(struct gen *g, char *out, size_t n)
{
	static const char *const p[] = {"PAGE_READWRITE", "PAGE_READWRITE", "PAGE_READWRITE", "PAGE_READONLY",
					"PAGE_EXECUTE_READ", "PAGE_EXECUTE_READWRITE", "PAGE_NOACCESS", "PAGE_EXECUTE",
					"PAGE_READWRITE|PAGE_GUARD", "PAGE_READONLY|PAGE_GUARD", "PAGE_READWRITE|PAGE_NOCACHE",
					"PAGE_WRITECOPY", "PAGE_EXECUTE_WRITECOPY", "PAGE_NOACCESS|PAGE_GUARD", "0", "0x4",
					"PAGE_READWRITE|PAGE_READONLY", "PAGE_READWRITE|PAGE_WRITECOMBINE"};
	APPEND("%s", p[pick(g, sizeof p / sizeof p[0])]);
}

static void g_proc(struct gen *g, char *out, size_t n)
{
	unsigned k = pick(g, 100);
	if (k < 60)
		APPEND("p%u", pick(g, 6));
	else if (k < 75)
		APPEND("%u", 936 + 4 * pick(g, 40));
	else if (k < 85)
		APPEND("$pid%u", pick(g, 4));
	else if (k < 92)
		APPEND("%s", chance(g, 50) ? "System" : "4");
	else
		APPEND("%s", chance(g, 50) ? "nobody" : "0");
}

static void g_value(struct gen *g, char *out, size_t n)
{
	static const char *const v[] = {"0", "1", "0x41", "0xFF", "0x1234", "0xDEADBEEF", "0x0123456789ABCDEF", "$r0",
					"300", "-1"};
	APPEND("%s", v[pick(g, sizeof v / sizeof v[0])]);
}

static void g_junk(struct gen *g, char *out, size_t n)
{
	static const char *const j[] = {"junk", "0xZZ", "$", "$undefined", "12Q", "\"quoted word\"", "--bare", "L",
					"PAGE_READWRITE", "MEM_COMMIT", "-5", "99999999999999999999999", "4K",
					"00007ff6`12340000", "1`2"};
	APPEND("%s", j[pick(g, sizeof j / sizeof j[0])]);
}

/* One usage word (without brackets) as an argument. */
static void g_word(struct gen *g, const char *w, char *out, size_t n)
{
	/* host files: only ever in the test's own directory, or in one that
	 * does not exist (never a junk name in the current directory) */
	if (!strcmp(w, "FILE")) {
		APPEND("%s", chance(g, 85) ? g->dir : "/nonexistent-dir/x");
		return;
	}
	if (chance(g, 3)) {
		g_junk(g, out, n);
		return;
	}
	if (!strcmp(w, "ADDR"))
		g_addr(g, out, n);
	else if (!strcmp(w, "HEAP"))
		APPEND("$h%u", pick(g, 4));
	else if (!strcmp(w, "TAG"))
		APPEND("%s", chance(g, 90) ? (chance(g, 50) ? "Mmvz" : "Proc") : chance(g, 50) ? "TooLong" : "x");
	else if (!strcmp(w, "SIZE") || !strcmp(w, "INITIAL") || !strcmp(w, "MAX") || !strcmp(w, "MIN"))
		g_size(g, out, n);
	else if (!strcmp(w, "VALUE"))
		g_value(g, out, n);
	else if (!strcmp(w, "PFN"))
		APPEND("%#x", chance(g, 90) ? pick(g, 1024) : 0x400 + pick(g, 0x1000));
	else if (!strcmp(w, "PID") || !strcmp(w, "PID|NAME"))
		g_proc(g, out, n);
	else if (!strcmp(w, "NAME"))
		APPEND("p%u", pick(g, 6));
	else if (!strcmp(w, "TYPE"))
		g_mem_type(g, out, n);
	else if (!strcmp(w, "PROTECT"))
		g_page_prot(g, out, n);
	else if (!strcmp(w, "N") || !strcmp(w, "COUNT") || !strcmp(w, "PAGES"))
		APPEND("%u", chance(g, 90) ? 1 + pick(g, 4) : pick(g, 100000));
	else if (!strcmp(w, "TEXT"))
		APPEND("narration %u", pick(g, 100));
	else if (!strcmp(w, "COMMAND"))
		APPEND("%s", g->cmd[pick(g, (unsigned)g->ncmds)].name);
	else if (strchr(w, '|')) { /* a choice: r|w|x, writer|zero|trim, MEM_DECOMMIT|MEM_RELEASE */
		char tmp[96];
		snprintf(tmp, sizeof tmp, "%s", w);
		char *alts[16];
		int na = 0;
		for (char *t = strtok(tmp, "|"); t && na < 16; t = strtok(NULL, "|"))
			alts[na++] = t;
		APPEND("%s", alts[pick(g, (unsigned)na)]);
	} else if (w[0] == '-' || (w[0] >= 'a' && w[0] <= 'z'))
		APPEND("%s", w); /* a literal option such as --bare */
	else if (strchr(w, '='))
		APPEND("%.*s%u", (int)(strchr(w, '=') - w + 1), w, pick(g, 64)); /* wsmin=PAGES */
	else
		chance(g, 50) ? g_size(g, out, n) : g_addr(g, out, n);
}

/* A line for command i from its usage. */
static void g_from_usage(struct gen *g, int i, char *out, size_t n)
{
	APPEND("%s", g->cmd[i].name);
	char usage[96];
	snprintf(usage, sizeof usage, "%s", g->cmd[i].usage);
	for (char *w = strtok(usage, " "); w; w = strtok(NULL, " ")) {
		bool opt = w[0] == '[';
		char word[96];
		snprintf(word, sizeof word, "%s", w + opt);
		char *close = strchr(word, ']');
		if (close)
			*close = 0;
		if (!word[0] || (opt && chance(g, 35)))
			continue;
		if (!strcmp(word, "L") ) { /* "[L COUNT]" */
			APPEND(" L");
			continue;
		}
		APPEND(" ");
		g_word(g, word, out, n);
	}
	if (chance(g, 2)) {
		APPEND(" ");
		g_junk(g, out, n);
	}
}

/* Commands whose useful arguments come from earlier results: pool blocks
 * ($k), heaps ($h), heap blocks ($b), regions ($r). */
static bool g_special(struct gen *g, const char *name, char *out, size_t n)
{
	/* mostly slot 0, so that what one command made the next one finds */
	unsigned k = chance(g, 70) ? 0 : pick(g, 4), r = chance(g, 50) ? 0 : pick(g, 10), b = k * 2 + pick(g, 2);
	static const char *const small[] = {"1", "16", "100", "4K", "8K", "5000", "64K", "0"};
	const char *sz = small[pick(g, 8)];
	if (!strcmp(name, "ExAllocatePoolWithTag"))
		APPEND("$k%u = ExAllocatePoolWithTag %s %s %s", k, chance(g, 50) ? "PagedPool" : "NonPagedPool", sz,
		       chance(g, 95) ? "Mmvz" : "TooLong");
	else if (!strcmp(name, "ExFreePool"))
		APPEND("ExFreePool $k%u%s", k, chance(g, 10) ? "+8" : "");
	else if (!strcmp(name, "!pool"))
		APPEND("!pool $k%u", k);
	else if (!strcmp(name, "HeapCreate"))
		APPEND("$h%u = HeapCreate%s", k, chance(g, 50) ? "" : chance(g, 50) ? " 4K 64K" : " 0 0");
	else if (!strcmp(name, "GetProcessHeap"))
		APPEND("$h%u = GetProcessHeap", k);
	else if (!strcmp(name, "HeapAlloc"))
		APPEND("$b%u = HeapAlloc $h%u %s%s", b, k, sz, chance(g, 20) ? " HEAP_ZERO_MEMORY" : "");
	else if (!strcmp(name, "HeapFree"))
		APPEND("HeapFree $h%u $b%u", k, b);
	else if (!strcmp(name, "HeapDestroy"))
		APPEND("HeapDestroy $h%u", k);
	else if (!strcmp(name, "!heap"))
		APPEND("!heap%s", chance(g, 50) ? "" : chance(g, 50) ? " $h0" : " $h1");
	else if (!strcmp(name, "VirtualLock") || !strcmp(name, "VirtualUnlock") || !strcmp(name, "VirtualProtect")) {
		APPEND("%s $r%u%s %s", name, r, chance(g, 30) ? "+0x1000" : "", sz);
		if (!strcmp(name, "VirtualProtect")) {
			APPEND(" ");
			g_page_prot(g, out, n);
		}
	} else if (!strcmp(name, "LoadLibrary")) {
		static const char *const dll[] = {"user32.dll", "kernel32.dll", "ntdll.dll", "app.exe", "nosuch.dll"};
		APPEND("$m%u = LoadLibrary %s", k, dll[pick(g, 5)]);
		if (chance(g, 30)) {
			APPEND(" base=");
			g_addr(g, out, n);
		}
	} else if (!strcmp(name, "FreeLibrary"))
		APPEND("FreeLibrary %s", chance(g, 50) ? "user32.dll" : chance(g, 50) ? "$m0" : "kernel32.dll");
	else if (!strcmp(name, "CreateFile"))
		APPEND("$f%u = CreateFile data%u.bin %s", k, k, chance(g, 80) ? "64K" : sz);
	else if (!strcmp(name, "CreateFileMapping"))
		APPEND("$s%u = CreateFileMapping %s %s %s%s", k, chance(g, 60) ? "INVALID_HANDLE_VALUE" : chance(g, 90) ? "$f0" : "$f1",
		       chance(g, 60) ? "PAGE_READWRITE" : chance(g, 50) ? "PAGE_READONLY" : "PAGE_WRITECOPY",
		       chance(g, 70) ? "64K" : sz, chance(g, 40) ? " sec" : "");
	else if (!strcmp(name, "OpenFileMapping"))
		APPEND("$s%u = OpenFileMapping %s", k, chance(g, 80) ? "sec" : "none");
	else if (!strcmp(name, "MapViewOfFile"))
		APPEND("$v%u = MapViewOfFile $s%u %s %s %s", k, pick(g, 4),
		       chance(g, 40) ? "FILE_MAP_READ" : chance(g, 50) ? "FILE_MAP_WRITE" : chance(g, 70) ? "FILE_MAP_COPY" : "FILE_MAP_EXECUTE",
		       chance(g, 90) ? "0" : "4K", chance(g, 50) ? "0" : chance(g, 80) ? "16K" : "1M");
	else if (!strcmp(name, "UnmapViewOfFile"))
		APPEND("UnmapViewOfFile $v%u", k);
	else if (!strcmp(name, "FlushViewOfFile"))
		APPEND("FlushViewOfFile $v%u %s", k, chance(g, 50) ? "0" : "4K");
	else if (!strcmp(name, "CloseHandle"))
		APPEND("CloseHandle $%c%u", chance(g, 50) ? 's' : 'f', k);
	else if (!strcmp(name, "!ca"))
		APPEND("!ca $v%u", k);
	else if (!strcmp(name, "CreateThread"))
		APPEND("$t%u = CreateThread%s", k, chance(g, 50) ? "" : chance(g, 50) ? " stack=8K" : " stack=64K reserve=256K");
	else
		return false;
	return true;
}

/* The next command line. Weighted towards the commands that change the
 * machine; every kind appears. */
static void g_line(struct gen *g, char *out, size_t n)
{
	out[0] = 0;
	unsigned k = pick(g, 1000);
	if (k < 20) {
		APPEND("$pid%u = process create p%u%s", pick(g, 4), pick(g, 6), chance(g, 80) ? " --bare" : "");
	} else if (k < 60) {
		APPEND("process use ");
		g_proc(g, out, n);
	} else if (k < 85) {
		APPEND("process exit ");
		if (chance(g, 70))
			APPEND("p%u", pick(g, 6));
		else
			g_proc(g, out, n);
	} else if (k < 230) {
		if (chance(g, 80))
			APPEND("$r%u = ", pick(g, 10));
		APPEND("VirtualAlloc ");
		if (chance(g, 55))
			APPEND("0");
		else
			g_addr(g, out, n);
		APPEND(" ");
		g_size(g, out, n);
		APPEND(" ");
		g_mem_type(g, out, n);
		APPEND(" ");
		g_page_prot(g, out, n);
	} else if (k < 300) {
		APPEND("VirtualFree ");
		g_addr(g, out, n);
		APPEND(" %s %s", chance(g, 50) ? "0" : chance(g, 50) ? "4K" : "12K",
		       chance(g, 45) ? "MEM_RELEASE" : chance(g, 90) ? "MEM_DECOMMIT" : "MEM_RELEASE|MEM_DECOMMIT");
	} else if (k < 450) {
		APPEND("read ");
		g_addr(g, out, n);
		if (chance(g, 30))
			APPEND(" %u", 1u << pick(g, 4));
	} else if (k < 560) {
		APPEND("write ");
		g_addr(g, out, n);
		if (chance(g, 60)) {
			APPEND(" ");
			g_value(g, out, n);
		}
		if (chance(g, 30))
			APPEND(" %u", chance(g, 95) ? 1u << pick(g, 4) : 3u);
	} else if (k < 600) {
		APPEND("exec ");
		g_addr(g, out, n);
	} else if (k < 650) {
		APPEND("touch ");
		g_addr(g, out, n);
		static const char *const ts[] = {"4K", "16K", "64K", "64K", "256K", "0", "5000", "1M"};
		APPEND(" %s", chance(g, 1) ? "16M" : ts[pick(g, 8)]);
		if (chance(g, 70))
			APPEND(" %s", chance(g, 60) ? "r" : chance(g, 50) ? "w" : chance(g, 80) ? "x" : "q");
	} else if (k < 670) {
		APPEND("%s ", chance(g, 50) ? "kread" : "kwrite");
		g_addr(g, out, n);
	} else if (k < 672) {
		APPEND("reset");
	} else if (k < 676) {
		APPEND("%s", chance(g, 50) ? "" : "   # a comment");
	} else {
		/* any command from help, from its usage line */
		int i = (int)pick(g, (unsigned)g->ncmds);
		if (!strcmp(g->cmd[i].name, "reset") || ((!strcmp(g->cmd[i].name, "save") || !strcmp(g->cmd[i].name, "export")) &&
							!chance(g, 25))) {
			APPEND("!vm");
			return;
		}
		if (!chance(g, 75) || !g_special(g, g->cmd[i].name, out, n))
			g_from_usage(g, i, out, n);
	}
}

/* ---- the run ---- */

static uint64_t env_u64(const char *name, uint64_t dflt)
{
	const char *e = getenv(name);
	return e && *e ? strtoull(e, NULL, 0) : dflt;
}

#define RECENT 24

struct run {
	struct gen g;
	struct session *s;
	char recent[RECENT][256];
	uint64_t count, fails, ok, exceptions, events;
	uint64_t origin_hash;   /* the machine as booted or last reset */
	uint64_t seed;
	long per_kind_ok[128], per_kind_fail[128];
};

static void report(struct run *r, uint64_t i, const char *what)
{
	print_error("property test: %s, arch %s, command %llu (replay: MMVIZ_PROP_SEED=%llu MMVIZ_PROP_N=%llu "
		    "MMVIZ_PROP_ARCH=%s); the last commands:\n",
		    what, tl_arch_name(r->g.arch), (unsigned long long)i, (unsigned long long)env_u64("MMVIZ_PROP_SEED", 1),
		    (unsigned long long)i + 1, tl_arch_name(r->g.arch));
	for (uint64_t k = i >= RECENT - 1 ? i - (RECENT - 1) : 0; k <= i; k++)
		print_error("  %6llu  %s\n", (unsigned long long)k, r->recent[k % RECENT]);
	fail_msg("%s", what);
}

static int kind_of(struct run *r, const char *line)
{
	for (int i = 0; i < r->g.ncmds; i++) {
		size_t l = strlen(r->g.cmd[i].name);
		if (!strncasecmp(line, r->g.cmd[i].name, l) && (line[l] == ' ' || !line[l]))
			return i;
	}
	return -1;
}

static void load_commands(struct run *r)
{
	cJSON *h = session_exec_json(r->s, "help");
	const cJSON *c;
	cJSON_ArrayForEach(c, tl_need(h, "result.commands")) {
		if (r->g.ncmds >= 128)
			break;
		snprintf(r->g.cmd[r->g.ncmds].name, sizeof r->g.cmd[0].name, "%s", tl_str(c, "name"));
		snprintf(r->g.cmd[r->g.ncmds].usage, sizeof r->g.cmd[0].usage, "%s", tl_str(c, "usage"));
		const char *nm = r->g.cmd[r->g.ncmds].name;
		r->g.cmd[r->g.ncmds].readonly = nm[0] == '!' || !strcmp(nm, "machine") || !strcmp(nm, "vtop") ||
						!strcmp(nm, "process list") || !strcmp(nm, "help") || !strcmp(nm, "say") ||
						(nm[0] == 'd' && strlen(nm) == 2);
		r->g.ncmds++;
	}
	cJSON_Delete(h);
	assert_true(r->g.ncmds >= 25);
}

/* A walk through the history and back; at a reset boundary, the origin. */
static void history_probe(struct run *r, uint64_t i)
{
	struct hist *h = &session_mm(r->s)->hist;
	uint64_t now = tl_hash(r->s);
	if (hist_event_count(h)) {
		int64_t k = (int64_t)(rnd(&r->g) % hist_event_count(h)) - 1;
		hist_seek_event(h, k);
		hist_seek_event(h, -1);
		if (tl_hash(r->s) != r->origin_hash)
			report(r, i, "seeking to the first event does not give the booted machine");
		hist_seek_event(h, (int64_t)(rnd(&r->g) % hist_event_count(h)));
		hist_seek_end(h);
		if (tl_hash(r->s) != now)
			report(r, i, "seeking back and forth does not return to the present");
	}
	char buf[512];
	const char *v = mm_check(session_mm(r->s), buf, sizeof buf);
	if (v)
		report(r, i, v);
}

static void one(struct run *r, uint64_t i, uint64_t *hash)
{
	char line[256];
	g_line(&r->g, line, sizeof line);
	snprintf(r->recent[i % RECENT], sizeof r->recent[0], "%s", line);
	uint64_t nev = hist_event_count(&session_mm(r->s)->hist), nj = tl_hist_mark(&session_mm(r->s)->hist);
	cJSON *o = session_exec_json(r->s, line);
	const char *l = line;
	while (*l == ' ')
		l++;
	if (!o) {
		if (*l && *l != '#')
			report(r, i, "a command line produced no JSON object");
		return;
	}
	r->count++;
	const cJSON *ok = cJSON_GetObjectItemCaseSensitive(o, "ok");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(o, "events");
	if (!cJSON_IsBool(ok) || !cJSON_IsArray(ev) || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, "seq")))
		report(r, i, "the JSON object lacks ok, seq or events");
	int kind = kind_of(r, l[0] == '$' ? strchr(l, '=') + 1 + strspn(strchr(l, '=') + 1, " ") : l);
	char buf[512];
	const char *v = mm_check(session_mm(r->s), buf, sizeof buf);
	if (v) {
		cJSON_Delete(o);
		report(r, i, v);
	}
	bool reset = !strncmp(l, "reset", 5) && cJSON_IsTrue(ok);
	uint64_t after = tl_hash(r->s);
	if (cJSON_IsTrue(ok)) {
		r->ok++;
		r->events += (uint64_t)cJSON_GetArraySize(ev);
		const cJSON *ex = tl_get(o, "result.exception");
		r->exceptions += ex && cJSON_IsString(ex);
		if (!cJSON_GetObjectItemCaseSensitive(o, "result"))
			report(r, i, "a successful command has no result");
		if (kind >= 0) {
			r->per_kind_ok[kind]++;
			if (r->g.cmd[kind].readonly &&
			    (after != *hash || hist_event_count(&session_mm(r->s)->hist) != nev || tl_hist_mark(&session_mm(r->s)->hist) != nj))
				report(r, i, "an inspection command changed the machine");
		}
	} else {
		r->fails++;
		if (kind >= 0)
			r->per_kind_fail[kind]++;
		const cJSON *code = tl_get(o, "error.code"), *msg = tl_get(o, "error.message");
		if (!cJSON_IsString(code) || !code->valuestring[0] || !cJSON_IsString(msg) || !msg->valuestring[0])
			report(r, i, "an error without code or message");
		if (cJSON_GetArraySize(ev) != 0)
			report(r, i, "a failed command reported events");
		if (after != *hash)
			report(r, i, "a failed command changed the machine (state hash differs)");
		if (hist_event_count(&session_mm(r->s)->hist) != nev || tl_hist_mark(&session_mm(r->s)->hist) != nj)
			report(r, i, "a failed command left events or journal records in the history");
	}
	cJSON_Delete(o);
	*hash = after;
	if (reset)
		r->origin_hash = after;
}


static void prop(enum mm_arch arch, uint64_t n)
{
	const char *only = getenv("MMVIZ_PROP_ARCH");
	if (only && *only && strcmp(only, tl_arch_name(arch)) != 0)
		skip(); /* MMVIZ_PROP_ARCH=x64|x86|pae runs one mode (long runs in parallel) */
	struct run *r = calloc(1, sizeof *r);
	r->seed = env_u64("MMVIZ_PROP_SEED", 1) * 3 + (uint64_t)arch;
	r->g.st = r->seed * 0x9E3779B97F4A7C15ull + 1;
	r->g.arch = arch;
	snprintf(r->g.dir, sizeof r->g.dir, "/tmp/mmviz-prop-XXXXXX");
	assert_non_null(mkdtemp(r->g.dir));
	size_t l = strlen(r->g.dir);
	snprintf(r->g.dir + l, sizeof r->g.dir - l, "/out.json");
	/* this test runs the checker itself, with a report naming the
	 * command: not also inside the session (MMVIZ_CHECK=1 aborts) */
	setenv("MMVIZ_CHECK", "0", 1);
	struct mm_config cfg;
	tl_config(&cfg, arch);
	cfg.ram = env_u64("MMVIZ_PROP_RAM", 2u << 20);
	cfg.pagefile[0] = 2 * cfg.ram;
	r->s = tl_session_cfg(&cfg);
	/* run inside the temporary directory: whatever a command writes stays there */
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof cwd));
	*strrchr(r->g.dir, '/') = 0;
	assert_int_equal(chdir(r->g.dir), 0);
	r->g.dir[strlen(r->g.dir)] = '/';
	load_commands(r);
	uint64_t hash = tl_hash(r->s);
	r->origin_hash = hash;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (uint64_t i = 0; i < n; i++) {
		one(r, i, &hash);
		if (i % 997 == 996)
			history_probe(r, i);
		/* keep the history (host memory) bounded on long runs */
		if (i % 20000 == 19999) {
			cJSON_Delete(session_exec_json(r->s, "reset"));
			hash = r->origin_hash = tl_hash(r->s);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	/* every kind was exercised, and most succeeded at least once */
	int never_ok = 0;
	char missing[512] = "";
	for (int k = 0; k < r->g.ncmds; k++) {
		if (r->per_kind_ok[k] + r->per_kind_fail[k] == 0 && n >= 6000)
			fail_msg("%s: command '%s' was never generated", tl_arch_name(arch), r->g.cmd[k].name);
		if (!r->per_kind_ok[k]) {
			never_ok++;
			size_t ml = strlen(missing);
			snprintf(missing + ml, sizeof missing - ml, " '%s'", r->g.cmd[k].name);
		}
	}
	/* commands that never succeeded are named in the summary line: a hint
	 * that their generator needs arguments from earlier results */
	assert_true(r->fails > n / 20);
	assert_true(r->ok > n / 3);
	int live = 0;
	for (int k = 0; k < MM_MAX_PROCS; k++)
		live += session_mm(r->s)->proc[k].alive != 0;
	print_message("[ PROP     ] %s (%d processes at the end): %llu commands (%llu ok, %llu failed, %llu exceptions, %llu events) in %.2f s, "
		      "%.0f commands/s, seed %llu%s%s\n",
		      tl_arch_name(arch), live, (unsigned long long)r->count, (unsigned long long)r->ok,
		      (unsigned long long)r->fails, (unsigned long long)r->exceptions, (unsigned long long)r->events, secs,
		      (double)r->count / secs, (unsigned long long)env_u64("MMVIZ_PROP_SEED", 1),
		      never_ok ? "; never succeeded:" : "", missing);
	session_free(r->s);
	assert_int_equal(chdir(cwd), 0);
	unlink(r->g.dir);
	char tmp[80];
	snprintf(tmp, sizeof tmp, "%s.tmp", r->g.dir);
	unlink(tmp);
	*strrchr(r->g.dir, '/') = 0;
	rmdir(r->g.dir);
	free(r);
}

/* 20,000 commands by default, over the three modes; 6,000 in the
 * sanitizer suite (MMVIZ_SUITE=asan, where each command costs several
 * times more and the point is memory errors); MMVIZ_PROP_N per mode. */
static uint64_t length(int share)
{
	uint64_t n = env_u64("MMVIZ_PROP_N", 0);
	if (n)
		return n;
	const char *suite = getenv("MMVIZ_SUITE");
	if (suite && !strcmp(suite, "asan"))
		return 2000;
	static const uint64_t split[3] = {6667, 6667, 6666};
	return split[share];
}

static void test_prop_x64(void **state) { prop(MM_ARCH_X64, length(0)); }
static void test_prop_x86(void **state) { prop(MM_ARCH_X86, length(1)); }
static void test_prop_pae(void **state) { prop(MM_ARCH_PAE, length(2)); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prop_x64),
		cmocka_unit_test(test_prop_x86),
		cmocka_unit_test(test_prop_pae),
	};
	return cmocka_run_group_tests_name("50_prop", tests, NULL, NULL);
}
