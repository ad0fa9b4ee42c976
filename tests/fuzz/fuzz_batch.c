/*
 * fuzz_batch.c — libFuzzer target for whole batch sessions over a machine
 * already full of state, with kwrite and every inspection command
 * (issue "Untrusted input stays harmless", item 8; docs/quality.md Q-FUZZ).
 *
 * fuzz_cmd starts each input on an empty machine, so most of its lines
 * are spent building something to break. Here every input starts from the
 * same rich machine, and some lines are templates that aim at what is in
 * it now. An input is:
 *
 *   line 1     the header: its first byte % 3 is the paging mode (x86,
 *              PAE, x64: '0', '1', '2'), its second byte's lowest bit the
 *              output mode (odd: session_exec_json, even: session_exec_text
 *              into a memory stream). "21" is x64 with JSON.
 *   lines 2..  at most FZ_LINES lines: a plain command line, run as typed,
 *              or a template, a line starting with '@' whose next byte
 *              names it and whose further bytes are its parameters (each
 *              taken modulo its range, missing ones 0):
 *
 *     @k A S O Z P r..  kwrite at an address read from the live state
 *                       (anchor A, item S, offset O; table anchors[]) of
 *                       size Z with a value made by pattern P from the
 *                       bytes r.. (make_value); then every inspection
 *                       command (sweep). Z's bit 3 writes with `write`
 *                       (user mode) instead.
 *     @i A S            every inspection command (sweep) about anchor
 *                       A's item S, no write
 *     @r A S O K        an access (read, write, exec, kread, touch,
 *                       kwrite) there
 *     @f A S            ExFreePool of the block there
 *     @a T Z1 Z2        ExAllocatePoolWithTag of pool T, size from Z1 Z2
 *     @h b0 b1 b2       a walk through the history (history_probe)
 *
 * Before the lines, a fixed prologue (prologue[]) makes two processes, the
 * process heap with busy and free blocks, a private heap, pool blocks of
 * both pools (small ones around a free one, and big ones), a file mapping
 * and a page-file section with written views, an image, private memory
 * and a second thread.
 *
 * After every command, in the chosen output mode:
 *   - the output is valid: JSON objects print, and what the batch printer
 *     (jout_print) makes of them parses again and is UTF-8 without a raw
 *     control character; text is UTF-8 with no control character other
 *     than newline, no C1 character and no "(null)" (docs/output.md
 *     OUT-JSON, OUT-SAFE);
 *   - a failed command (and any inspection command) left the state hash
 *     (mm_state_hash) unchanged (docs/commands.md CMD-ATOMIC);
 *   - the invariant checker (mm_check) finds nothing; after an inspection
 *     the unchanged hash stands for it (the state it would check is the
 *     one it checked last), which keeps a sweep of some fifty commands
 *     cheap.
 * Every FZ_PROBE_EVERY lines, and on @h, the history is walked through
 * the public query API (mm_hist, mm_seek, mm_seek_end): back a number of
 * micro-steps, the state there read by the TUI's own queries
 * (mm_inspect_json, mm_event_text), to another point and back to it (the
 * same hash: a state does not depend on how it was reached), to the end
 * of a command run earlier (the hash it had then) and to the present
 * (the hash before the walk).
 *
 * Skipped, as fuzz_cmd skips them (found as the session finds them):
 * host-writing commands (save, export). Huge commands are bounded by the
 * machine's history limit, the smallest there is (MM_HISTORY_MIN,
 * docs/quality.md Q-BOUNDS), as in fuzz_cmd.c. Bounds: FZ_LINES lines, FZ_LINE_MAX
 * bytes a line, FZ_SWEEPS sweeps an input, a machine of 2 MiB, so an
 * input runs well under a second with the sanitizers (about 40 ms of CPU).
 *
 * A violation prints the line, the reason and the command lines run so
 * far (the prologue is the same for every input), then aborts;
 * FUZZ_BATCH_LOG=1 prints those lines for any input.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "check.h"
#include "jout.h"
#include "lang/cmd.h"
#include "lang/lex.h"
#include "mm.h"
#include "session.h"

#define FZ_LINES 40
#define FZ_LINE_MAX 512
#define FZ_SWEEPS 3
#define FZ_PROBE_EVERY 8
#define FZ_MARKS 256
#define FZ_LOG 16384

struct fz_mark {
	uint64_t events, hash;
};

struct fz {
	struct session *s;
	enum mm_arch arch;
	bool json;
	unsigned hdr;                   /* POOL_HEADER size: 16 on x64, 8 otherwise */
	uint64_t peb, teb, ksud;        /* from the prologue */
	uint64_t origin;                /* hash of the machine at history event 0 */
	uint64_t rng;
	int sweeps;
	uint64_t hash;                  /* the state hash, when hash_ok */
	bool hash_ok;
	struct fz_mark mark[FZ_MARKS];  /* the end of each command that changed the machine */
	int nmarks;
	char log[FZ_LOG];               /* the lines run, for the report */
	size_t loglen;
};

/* ---- reporting ---- */

static void fail(struct fz *z, const char *line, const char *fmt, ...) __attribute__((format(printf, 3, 4), noreturn));
static void fail(struct fz *z, const char *line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "fuzz_batch: %s, %s output: after '%s': ", mm_arch_name(z->arch), z->json ? "JSON" : "text",
		line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nthe lines run after the prologue:\n%s", z->log);
	abort();
}

/* A line of the report: what ran, and how it ended (res as exec's). */
static void logline(struct fz *z, const char *line, int res)
{
	int n = snprintf(z->log + z->loglen, sizeof z->log - z->loglen, "%s%s\n", line,
			 res > 0 ? "    # ok" : res == 0 ? "    # failed" : "");
	if (n > 0 && z->loglen + (size_t)n < sizeof z->log)
		z->loglen += (size_t)n;
}

static uint64_t rnd(struct fz *z)
{
	z->rng ^= z->rng >> 12;
	z->rng ^= z->rng << 25;
	z->rng ^= z->rng >> 27;
	return z->rng * 0x2545F4914F6CDD1Dull;
}

static uint64_t hash(struct fz *z) { return mm_state_hash(session_mm(z->s)); }

/* ---- what a line is ---- */

enum kind { K_OTHER, K_SKIP, K_INSPECT, K_RESET };

/* As the session finds the command: lexed, then looked up (quoted,
 * abbreviated or bound spellings too). */
static enum kind kind_of(const char *line)
{
	static struct lex_line ln; /* large: not on the stack */
	struct mm_err err;
	int nwords;
	if (lex_split(line, &ln, &err) < 0 || ln.empty)
		return K_OTHER;
	const struct cmd_entry *e = cmd_find(&ln, &nwords, &err);
	if (!e)
		return K_OTHER;
	if (e->flags & CMD_HOST_WRITE)
		return K_SKIP;
	if (!strcmp(e->name, "reset"))
		return K_RESET;
	return e->flags & CMD_READONLY ? K_INSPECT : K_OTHER;
}

/* ---- checking the output ---- */

/* UTF-8 with no control character (newline allowed when lines is true),
 * no DEL and no C1 character. Returns NULL or what is wrong. */
static const char *bad_text(const char *s, size_t n, bool lines)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = mm_utf8_decode(s + i, n - i, &cp);
		if (cp == MM_UTF8_BAD)
			return "a byte that is no UTF-8";
		if (cp < 0x20 && !(lines && cp == '\n'))
			return "a raw control character";
		if (cp >= 0x7F && cp < 0xA0)
			return "a raw DEL or C1 character";
		i += k;
	}
	return NULL;
}

static void check_json(struct fz *z, const char *line, const cJSON *o)
{
	char *p = cJSON_PrintUnformatted(o);
	if (!p)
		fail(z, line, "the JSON object cannot be printed");
	cJSON *q = cJSON_Parse(p);
	cJSON_free(p);
	if (!q)
		fail(z, line, "cJSON's print of the object does not parse");
	cJSON_Delete(q);
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (!f)
		abort();
	int rc = jout_print(f, o);
	fclose(f);
	const char *why = rc < 0 ? "jout_print failed" : bad_text(buf, n, false);
	if (why)
		fail(z, line, "the JSON line holds %s: %.300s", why, buf);
	q = cJSON_ParseWithLength(buf, n);
	if (!q)
		fail(z, line, "the JSON line does not parse: %.300s", buf);
	cJSON_Delete(q);
	free(buf);
	const cJSON *ok = cJSON_GetObjectItemCaseSensitive(o, "ok");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(o, "events");
	if (!cJSON_IsBool(ok) || !cJSON_IsArray(ev) || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, "seq")) ||
	    !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o, "cmd")))
		fail(z, line, "the JSON object lacks seq, cmd, ok or events");
	if (cJSON_IsTrue(ok)) {
		if (!cJSON_GetObjectItemCaseSensitive(o, "result"))
			fail(z, line, "a successful command has no result");
		return;
	}
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(o, "error");
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(e, "code");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(e, "message");
	if (!cJSON_IsString(code) || !code->valuestring[0] || !cJSON_IsString(msg) || !msg->valuestring[0])
		fail(z, line, "an error without code or message");
	if (cJSON_GetArraySize(ev) != 0)
		fail(z, line, "a failed command reported events");
}

/* ---- running one command ---- */

/* The state hash before the next command: cached while nothing can have
 * changed the machine (the hash of a 4 MiB machine is most of the cost
 * of a command under the fuzzer's instrumentation). */
static uint64_t hash_now(struct fz *z)
{
	if (!z->hash_ok) {
		z->hash = hash(z);
		z->hash_ok = true;
	}
	return z->hash;
}

/* Runs line in the chosen output mode with every check. Returns 1 when it
 * succeeded, 0 when it failed, -1 when it was blank (no output). In a
 * sweep (in_sweep) a command is checked for adding no event and no
 * command to the history only; sweep() compares the state hash once over
 * the whole sweep. */
static int exec(struct fz *z, const char *line, bool in_sweep)
{
	enum kind k = kind_of(line);
	if (k == K_SKIP)
		return -1;
	struct mm_hist h0, h1;
	mm_hist(session_mm(z->s), &h0);
	bool cheap = in_sweep;
	uint64_t before = cheap ? 0 : hash_now(z);
	int res;
	if (z->json) {
		cJSON *o = session_exec_json(z->s, line);
		if (!o)
			return -1;
		check_json(z, line, o);
		res = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok"));
		cJSON_Delete(o);
	} else {
		char *buf = NULL;
		size_t n = 0;
		FILE *f = open_memstream(&buf, &n);
		if (!f)
			abort();
		int rc = session_exec_text(z->s, line, f);
		fclose(f);
		const char *why = bad_text(buf, n, true);
		if (!why && strstr(buf, "(null)") && !strstr(line, "(null)"))
			why = "\"(null)\"";
		if (!why && n && strncmp(buf, "> ", 2))
			why = "no \"> \" echo first";
		if (!why && rc < 0 && !strstr(buf, "\nerror: "))
			why = "no error line for a failed command";
		if (why)
			fail(z, line, "the text output holds %s:\n%.600s", why, buf);
		free(buf);
		if (!n)
			return -1;
		res = rc == 0;
	}
	mm_hist(session_mm(z->s), &h1);
	if ((!res || k == K_INSPECT || in_sweep) && (h1.events != h0.events || h1.commands != h0.commands))
		fail(z, line, "a %s left events or commands in the history",
		     res ? "inspection command" : "failed command");
	if (cheap)
		return res;
	uint64_t after = z->hash = hash(z);
	z->hash_ok = true;
	if ((!res || k == K_INSPECT) && after != before)
		fail(z, line, "a %s changed the state hash", res ? "inspection command" : "failed command");
	if (after != before) {
		char buf[512];
		const char *v = mm_check(session_mm(z->s), buf, sizeof buf);
		if (v)
			fail(z, line, "invariant violated: %s", v);
	}
	if (res && k == K_RESET) {
		z->nmarks = 0;
		z->origin = after;
	} else if (res && after != before && z->nmarks < FZ_MARKS && h1.events > h0.events) {
		z->mark[z->nmarks++] = (struct fz_mark){h1.events, after};
	}
	return res;
}

static int execf(struct fz *z, bool in_sweep, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int execf(struct fz *z, bool in_sweep, const char *fmt, ...)
{
	char line[FZ_LINE_MAX + 64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	int res = exec(z, line, in_sweep);
	if (!in_sweep)
		logline(z, line, res);
	return res;
}

/* ---- reading the live state (changes nothing) ---- */

/* The result of an inspection, as the TUI gets it, or NULL. */
static cJSON *peek(struct fz *z, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static cJSON *peek(struct fz *z, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	struct mm_err err;
	z->hash_ok = false; /* checked by the next command's hash */
	return mm_inspect_json(z->s, line, &err);
}

static bool hexval(const cJSON *v, uint64_t *out)
{
	if (!cJSON_IsString(v) || strncmp(v->valuestring, "0x", 2))
		return false;
	*out = strtoull(v->valuestring + 2, NULL, 16);
	return true;
}

/* Field key of item i % n of array key of r (NULL key: r itself). */
static bool pick(const cJSON *r, const char *arr, unsigned i, const char *key, uint64_t *out)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(r, arr);
	int n = cJSON_GetArraySize(a);
	if (!r || n <= 0)
		return false;
	return hexval(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(a, (int)(i % (unsigned)n)), key), out);
}

static uint64_t var(struct fz *z, const char *name)
{
	const char *nm;
	uint64_t v;
	for (size_t i = 0; mm_session_var(z->s, i, &nm, &v) == 0; i++)
		if (!strcmp(nm, name))
			return v;
	return 0;
}

/* Where the templates aim: each anchor is read from the state as it is
 * now (a pool page's blocks from their headers, a page walk's entries, a
 * heap's entries), item sel choosing among several. */
enum anchor_kind { A_POOL, A_HDR, A_PTE, A_WSLE, A_HEAP, A_VAR, A_PEB, A_TEB, A_CA, A_PROTO, A_MODCA, A_MOD, A_KSUD, A_SUD };
static const struct { enum anchor_kind kind; const char *var; } anchors[] = {
	{A_POOL, "q1"},  {A_POOL, "q2"},  {A_POOL, "q4"}, {A_POOL, "q5"},  {A_POOL, "q6"},  {A_PTE, "x"},
	{A_PTE, "q1"},   {A_PTE, "v"},    {A_PTE, "k"},   {A_WSLE, NULL},  {A_HEAP, "h"},   {A_HEAP, "ph"},
	{A_VAR, "h"},    {A_VAR, "ph"},   {A_VAR, "a"},   {A_PEB, NULL},   {A_TEB, NULL},   {A_CA, "v"},
	{A_CA, "w"},     {A_PROTO, "v"},  {A_MODCA, NULL}, {A_MOD, NULL},  {A_VAR, "v"},    {A_VAR, "w"},
	{A_VAR, "x"},    {A_KSUD, NULL},  {A_SUD, NULL},  {A_VAR, "q2"},  {A_HDR, "q1"},  {A_HDR, "q2"},
	{A_HDR, "q4"},
};
#define NANCHORS (sizeof anchors / sizeof anchors[0])

static uint64_t anchor(struct fz *z, unsigned a, unsigned sel)
{
	const char *v = anchors[a % NANCHORS].var;
	uint64_t x = v ? var(z, v) : 0, out = x;
	cJSON *r = NULL;
	switch (anchors[a % NANCHORS].kind) {
	case A_POOL:
		if ((r = peek(z, "!pool %#llx", (unsigned long long)x)))
			pick(r, "blocks", sel, "va", &out);
		break;
	case A_PTE:
		if ((r = peek(z, "!pte %#llx", (unsigned long long)x)))
			pick(r, "levels", sel, "entry_address", &out);
		break;
	case A_WSLE:
		if ((r = peek(z, "!wsle")))
			pick(r, "entries", sel, "va", &out);
		break;
	case A_HEAP:
		if ((r = peek(z, "!heap %#llx", (unsigned long long)x)))
			pick(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "heaps"), 0), "entries", sel,
			     "address", &out);
		break;
	case A_CA:
	case A_PROTO:
		if ((r = peek(z, "!ca %#llx", (unsigned long long)x))) {
			if (anchors[a % NANCHORS].kind == A_CA)
				hexval(cJSON_GetObjectItemCaseSensitive(r, sel & 1 ? "segment" : "control_area"), &out);
			else
				pick(r, "prototype_ptes", sel, "address", &out);
		}
		break;
	case A_MODCA:
	case A_MOD:
		if ((r = peek(z, "lm")))
			pick(r, "modules", sel, anchors[a % NANCHORS].kind == A_MOD ? "start" : "control_area", &out);
		break;
	case A_HDR: out = x - z->hdr; break; /* the block's own POOL_HEADER */
	case A_PEB: out = z->peb; break;
	case A_TEB: out = z->teb; break;
	case A_KSUD: out = z->ksud; break;
	case A_SUD: out = 0x7FFE0000; break;
	case A_VAR: break;
	}
	cJSON_Delete(r);
	return out;
}

/* Offset byte o: (o & 0x1F) - 8 units from the anchor, a unit being a
 * quadword when bit 5 is set and a byte otherwise, times 64 when bit 7 is
 * set (into the next pages). */
static int64_t offset(unsigned o)
{
	return ((int64_t)(o & 0x1F) - 8) * ((o & 0x20) ? 8 : 1) * ((o & 0x80) ? 64 : 1);
}

/* The 8 bytes at va as dq shows them now (0 when it cannot). */
static uint64_t current(struct fz *z, uint64_t va)
{
	uint64_t v = 0;
	cJSON *r = peek(z, "dq %#llx L 1", (unsigned long long)va);
	if (r)
		hexval(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "values"), 0), &v);
	cJSON_Delete(r);
	return v;
}

/* A POOL_HEADER's first 8 bytes (pool.c's layout). */
static uint64_t pool_header(const struct fz *z, uint32_t prev, uint32_t size, uint32_t type, uint32_t tag)
{
	if (z->arch == MM_ARCH_X64)
		return (uint64_t)(prev & 0xFF) | (uint64_t)(size & 0xFF) << 16 | (uint64_t)(type & 0xFF) << 24 |
		       (uint64_t)tag << 32;
	return (uint64_t)((prev & 0x1FF) | (size & 0x1FF) << 16 | (type & 0x7F) << 25) | (uint64_t)tag << 32;
}

/* The value of a kwrite template at va: pattern p over the parameter
 * bytes r[0..n) (a missing byte is 0). */
static uint64_t make_value(struct fz *z, unsigned p, const uint8_t *r, size_t n, uint64_t va)
{
	uint8_t b[8] = {0};
	memcpy(b, r, n < 8 ? n : 8);
	uint64_t raw = 0;
	for (int i = 7; i >= 0; i--)
		raw = raw << 8 | b[i];
	static const int shifts[4] = {0, 16, 24, 32};
	switch (p % 7) {
	case 0: return 0;
	case 1: return ~0ull;
	case 2: return raw;
	case 3: return current(z, va) ^ (1ull << (b[0] % 64));   /* one bit flipped */
	case 4: return current(z, va) + ((uint64_t)(int64_t)(int8_t)b[0] << shifts[b[1] % 4]); /* a field moved */
	case 5: /* a header that looks right: PreviousSize, BlockSize, PoolType, a tag */
		return pool_header(z, b[0], b[1], b[2] % 4, b[3] ? (uint32_t)(raw >> 24) : 0x7A7A7546u /* Fuzz */);
	default: return anchor(z, b[0], b[1]) + (uint64_t)(int64_t)(int8_t)b[2]; /* a pointer into live state */
	}
}

/* ---- the sweep: every inspection command ---- */

/* Every inspection command of docs/commands.md (CMD-INSPECT, and those of
 * the other families: !process, !heap, !ca, lm, !wsle, !pagefile,
 * !poolused, !pool, VirtualQuery, GetProcessHeap), over the prologue's
 * objects; sweep() adds those about the written address. init_check()
 * makes sure no command marked CMD_READONLY is missing. */
static const char *const inspections[] = {
	"machine", "process list", "!process", "!process 0", "!process $pid", "!process $pid2", "!vm",
	"!memusage", "!tlb", "!vad", "!vad $x", "!address", "!address $v", "!address $a", "!wsle", "!wsle $pid2",
	"!pagefile", "lm", "!heap", "!heap $h", "!heap $ph", "!ca $v", "!ca $w", "!poolused", "!pool $q1",
	"!pool $q2", "!pool $q4", "!pool $q5", "!pool $q6", "VirtualQuery $x", "VirtualQuery $a", "VirtualQuery $k",
	"VirtualQuery 0", "GetProcessHeap", "!pte $x", "!pte $q2", "vtop $a", "vtop $q1", "!pfn 0", "!pfn 0x20",
	"db $a L 0x40", "dw $q1 L 0x20", "dd $q2 L 0x10", "dq $q1 L 0x10", "help", "help kwrite", "events 3",
	"events 5 FROM 2", "counters", "GetLargePageMinimum", "policies --frames 3 1 2 3 4 1 2 5 1 2 3 4 5",
	"policies --from-process",
};

static void sweep(struct fz *z, uint64_t va)
{
	uint64_t before = hash_now(z);
	for (size_t i = 0; i < sizeof inspections / sizeof inspections[0]; i++)
		execf(z, true, "%s", inspections[i]);
	unsigned long long a = (unsigned long long)va;
	static const char *const at[] = {"!pool", "!pte", "vtop", "!address", "!vad", "VirtualQuery", "!ca"};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
		execf(z, true, "%s %#llx", at[i], a);
	execf(z, true, "db %#llx L 0x30", a - 0x10);
	execf(z, true, "dw %#llx L 8", a);
	execf(z, true, "dd %#llx L 8", a);
	execf(z, true, "dq %#llx L 6", a - 0x10);
	uint64_t pa = 0;
	cJSON *t = peek(z, "vtop %#llx", a);
	if (t)
		hexval(cJSON_GetObjectItemCaseSensitive(t, "pa"), &pa);
	cJSON_Delete(t);
	execf(z, true, "!pfn %#llx", (unsigned long long)(pa >> 12));
	logline(z, "(every inspection command, the sweep)", -1);
	if (hash(z) != before)
		fail(z, "(the sweep)", "the inspection commands of the sweep changed the state hash");
	z->hash = before;
	z->hash_ok = true;
}

/* ---- the history, through the public query API ---- */

/* What the TUI reads at a past cursor: inspections and the events' text.
 * They must change nothing there either. */
static void look_back(struct fz *z, unsigned sel)
{
	static const char *const at[] = {"!vm", "!pool $q1", "!poolused", "!heap $h", "!ca $v",
					 "!wsle", "!vad", "!address", "!process 0", "!pte $x"};
	struct mm *m = session_mm(z->s);
	uint64_t h = hash(z);
	for (int i = 0; i < 3; i++) {
		cJSON *r = peek(z, "%s", at[(sel + (unsigned)i * 3) % (sizeof at / sizeof at[0])]);
		if (r) {
			char *p = cJSON_PrintUnformatted(r);
			if (!p)
				fail(z, "(history)", "an inspection's result at a past step cannot be printed");
			cJSON_free(p);
			cJSON_Delete(r);
		}
	}
	struct mm_hist hh;
	mm_hist(m, &hh);
	char buf[256];
	for (uint64_t e = hh.cursor > 2 ? hh.cursor - 2 : 0; e < hh.cursor + 2 && e < hh.events; e++) {
		struct mm_event ev;
		if (mm_event(m, e, &ev) == 0)
			mm_event_text(m, e, (int)(sel & 1), buf, sizeof buf);
	}
	if (hash(z) != h)
		fail(z, "(history)", "reading the state at a past step changed it");
}

static void history_probe(struct fz *z, unsigned b0, unsigned b1, unsigned b2)
{
	struct mm *m = session_mm(z->s);
	struct mm_hist h0, h1;
	mm_hist(m, &h0);
	if (h0.cursor != h0.events)
		fail(z, "(history)", "the cursor is not at the present before a walk");
	uint64_t now = hash_now(z);
	uint64_t back = ((uint64_t)b0 << 8 | b1) % (h0.events + 1);
	uint64_t k = h0.events - back;
	mm_seek(m, k);
	mm_hist(m, &h1);
	if (h1.cursor != k)
		fail(z, "(history)", "mm_seek(%llu) put the cursor at %llu", (unsigned long long)k,
		     (unsigned long long)h1.cursor);
	uint64_t hk = hash(z);
	look_back(z, b2);
	uint64_t j = (uint64_t)(b2 * 0x9E37u + b0) % (h0.events + 1);
	mm_seek(m, j);
	mm_seek(m, k);
	if (hash(z) != hk)
		fail(z, "(history)", "step %llu differs when reached again from step %llu", (unsigned long long)k,
		     (unsigned long long)j);
	if (k == 0 && hk != z->origin)
		fail(z, "(history)", "step 0 is not the machine as booted (or reset)");
	if (z->nmarks) {
		int i = (int)((b0 + b2) % (unsigned)z->nmarks);
		mm_seek(m, z->mark[i].events);
		if (hash(z) != z->mark[i].hash)
			fail(z, "(history)", "the end of an earlier command (step %llu) differs from what it was",
			     (unsigned long long)z->mark[i].events);
	}
	mm_seek_end(m);
	mm_hist(m, &h1);
	if (h1.cursor != h0.events || h1.events != h0.events)
		fail(z, "(history)", "mm_seek_end did not return to the present");
	if (hash(z) != now)
		fail(z, "(history)", "the present differs after a walk back %llu steps and forward",
		     (unsigned long long)back);
	z->hash = now;
	z->hash_ok = true;
}

/* ---- templates ---- */

static void do_template(struct fz *z, const uint8_t *t, size_t n)
{
	uint8_t p[8] = {0};
	memcpy(p, t + 1, n > 1 ? (n - 1 < 8 ? n - 1 : 8) : 0);
	switch (n ? t[0] : 0) {
	case 'k': {
		if (z->sweeps >= FZ_SWEEPS)
			return;
		uint64_t va = anchor(z, p[0], p[1]) + (uint64_t)offset(p[2]);
		static const int sizes[5] = {1, 2, 4, 8, 0};
		int size = sizes[p[3] % 5];
		const char *verb = p[3] & 8 ? "write" : "kwrite";
		uint64_t v = make_value(z, p[4], t + 6 < t + n ? t + 6 : t + n, n > 6 ? n - 6 : 0, va);
		if (size && size < 8 && p[4] % 7 != 2) /* fits the size (raw values may not: the error) */
			v &= (1ull << (8 * size)) - 1;
		if (size)
			execf(z, false, "%s %#llx %#llx %d", verb, (unsigned long long)va, (unsigned long long)v, size);
		else
			execf(z, false, "%s %#llx %#llx", verb, (unsigned long long)va, (unsigned long long)v);
		z->sweeps++;
		sweep(z, va);
		break;
	}
	case 'i':
		if (z->sweeps++ < FZ_SWEEPS)
			sweep(z, anchor(z, p[0], p[1]));
		break;
	case 'r': {
		uint64_t va = anchor(z, p[0], p[1]) + (uint64_t)offset(p[2]);
		static const char *const how[][2] = {{"read", " 8"},  {"write", " 0x41"},     {"exec", ""},
						     {"kread", " 4"}, {"touch", " 0x2000 w"}, {"kwrite", " 0 1"}};
		execf(z, false, "%s %#llx%s", how[p[3] % 6][0], (unsigned long long)va, how[p[3] % 6][1]);
		break;
	}
	case 'f':
		execf(z, false, "ExFreePool %#llx", (unsigned long long)(anchor(z, p[0], p[1]) + z->hdr));
		break;
	case 'a':
		execf(z, false, "ExAllocatePoolWithTag %s %#x Fz%02x", p[0] & 1 ? "NonPagedPool" : "PagedPool",
		      (unsigned)((p[1] << 4) | (p[2] & 0xF)) + 1, p[1]);
		break;
	case 'h':
		logline(z, "(a walk through the history)", -1);
		history_probe(z, p[0], p[1], p[2]);
		break;
	default:
		break;
	}
}

/* ---- the machine every input starts from ---- */

static const char *const prologue[] = {
	"$pid2 = process create two.exe",
	"$y = VirtualAlloc 0 0x4000 MEM_COMMIT|MEM_RESERVE PAGE_READWRITE",
	"touch $y 0x4000 w",
	"$pid = process create app.exe",
	"$h = GetProcessHeap",
	"$a = HeapAlloc $h 0x40",
	"$b = HeapAlloc $h 0x100",
	"$a2 = HeapAlloc $h 0x30",
	"HeapFree $h $b",
	"$ph = HeapCreate 0x10000 0",
	"$c = HeapAlloc $ph 0x80",
	"$q1 = ExAllocatePoolWithTag PagedPool 0x40 Fzq1",
	"$q2 = ExAllocatePoolWithTag NonPagedPool 0x100 Fzq2",
	"$q3 = ExAllocatePoolWithTag PagedPool 0x30 Fzq3",
	"$q4 = ExAllocatePoolWithTag PagedPool 0x200 Fzq4",
	"ExFreePool $q3",
	"$q5 = ExAllocatePoolWithTag PagedPool 0x3000 Big5",
	"$q6 = ExAllocatePoolWithTag NonPagedPool 0x2000 Big6",
	"$f = CreateFile data.bin 0x10000",
	"$s = CreateFileMapping $f PAGE_READWRITE 0",
	"$v = MapViewOfFile $s FILE_MAP_WRITE 0 0",
	"$m = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 0x20000 shm",
	"$w = MapViewOfFile $m FILE_MAP_WRITE 0 0",
	"touch $v 0x4000 w",
	"touch $w 0x2000 w",
	"$k = LoadLibrary user32.dll",
	"$x = VirtualAlloc 0 0x10000 MEM_COMMIT|MEM_RESERVE PAGE_READWRITE",
	"touch $x 0x4000 w",
	"$t = CreateThread",
};

static struct session *boot(struct fz *z)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	cfg.arch = z->arch;
	cfg.ram = 2u << 20;
	cfg.npagefiles = 1;
	cfg.pagefile[0] = 8u << 20;
	cfg.tlb_entries = 8;
	cfg.history_limit = MM_HISTORY_MIN;
	struct session *s = session_new(&cfg, &err);
	if (!s)
		return NULL;
	for (size_t i = 0; i < sizeof prologue / sizeof prologue[0]; i++) {
		cJSON *o = session_exec_json(s, prologue[i]);
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok"))) {
			char *p = o ? cJSON_PrintUnformatted(o) : NULL;
			fprintf(stderr, "fuzz_batch: the prologue failed on %s at '%s': %.400s\n", mm_arch_name(z->arch),
				prologue[i], p ? p : "?");
			abort();
		}
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "result");
		if (!strncmp(prologue[i], "$pid =", 6)) {
			hexval(cJSON_GetObjectItemCaseSensitive(r, "peb"), &z->peb);
			hexval(cJSON_GetObjectItemCaseSensitive(r, "teb"), &z->teb);
		}
		cJSON_Delete(o);
	}
	struct mm_err e2;
	cJSON *mc = mm_inspect_json(s, "machine", &e2);
	hexval(cJSON_GetObjectItemCaseSensitive(mc, "kernel_shared_user_data"), &z->ksud);
	cJSON_Delete(mc);
	return s;
}

/* Every command marked CMD_READONLY (but the host-writing export) is in
 * inspections[]: a new inspection command is swept from the day it
 * appears. */
static void init_check(void)
{
	size_t n;
	const struct cmd_entry *const *all = cmd_all(&n);
	for (size_t i = 0; i < n; i++) {
		if (!(all[i]->flags & CMD_READONLY) || (all[i]->flags & CMD_HOST_WRITE))
			continue;
		size_t l = strlen(all[i]->name);
		bool found = false;
		for (size_t j = 0; j < sizeof inspections / sizeof inspections[0] && !found; j++)
			found = !strncmp(inspections[j], all[i]->name, l) &&
				(inspections[j][l] == ' ' || !inspections[j][l]);
		if (!found) {
			fprintf(stderr, "fuzz_batch: inspection command '%s' is missing from inspections[]\n",
				all[i]->name);
			abort();
		}
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	init_check();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fz z; /* large (the log): not on the stack */
	if (size < 2)
		return 0;
	memset(&z, 0, sizeof z);
	z.arch = (enum mm_arch)(data[0] % 3);
	z.json = data[1] & 1;
	z.hdr = z.arch == MM_ARCH_X64 ? 16 : 8;
	z.rng = 0x9E3779B97F4A7C15ull;
	for (size_t i = 0; i < size; i++)
		z.rng = (z.rng ^ data[i]) * 0x100000001B3ull;
	z.rng |= 1;
	z.s = boot(&z);
	if (!z.s)
		return 0;
	mm_seek(session_mm(z.s), 0);
	z.origin = hash(&z);
	mm_seek_end(session_mm(z.s));
	size_t i = 0;
	while (i < size && data[i] != '\n') /* the header line */
		i++;
	i++;
	char line[FZ_LINE_MAX];
	for (int lines = 0; i < size && lines < FZ_LINES; lines++) {
		size_t n = 0;
		while (i < size && data[i] != '\n' && n + 1 < sizeof line)
			line[n++] = (char)data[i++];
		while (i < size && data[i] != '\n') /* the rest of an over-long line */
			i++;
		i++;
		line[n] = 0;
		if (n && line[0] == '@') {
			do_template(&z, (const uint8_t *)line + 1, n - 1);
		} else {
			logline(&z, line, exec(&z, line, false));
		}
		if (lines % FZ_PROBE_EVERY == FZ_PROBE_EVERY - 1) {
			uint64_t r = rnd(&z);
			logline(&z, "(a walk through the history)", -1);
			history_probe(&z, (unsigned)(r & 0xFF), (unsigned)(r >> 8 & 0xFF), (unsigned)(r >> 16 & 0xFF));
		}
	}
	if (getenv("FUZZ_BATCH_LOG")) /* what an input ran, for reading a reproducer */
		fprintf(stderr, "%s", z.log);
	session_free(z.s);
	return 0;
}
