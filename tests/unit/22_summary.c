/*
 * 22_summary.c — huge commands summarised, detail on request
 * (docs/output.md OUT-SUMMARY): a touch of 2,000 pages prints
 * events_total, events_by_kind summing to it, and of its micro-steps only
 * the first and the last 100, in order, equal to those --events all
 * prints; the text marks the gap (English and German); `events CMD FROM N`
 * gives micro-step N on, 1000 at a time, and says why when it cannot; a
 * failed huge command prints no micro-steps; the streamed JSON line of
 * --batch --json is the tree of session_exec_json, byte for byte, for
 * every event kind; the event texts' formatter (fmt_snprintf) writes what
 * snprintf writes.
 */
#include "testlib.h"

#include "check.h"
#include "jout.h"
#include "lang/evout.h"
#include "lang/evtext.h"
#include "lang/fmt.h"

#define PAGES 2000

static const char *const setup[] = {
	"process create app.exe --bare",
	"$a = VirtualAlloc 0 8000K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
	"touch $a 8000K r", /* command 3: 2,000 pages, ~37,000 micro-steps */
};

static struct session *big_session(void)
{
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X64);
	cfg.ram = 32ull << 20;
	cfg.pagefile[0] = 64ull << 20;
	return tl_session_cfg(&cfg);
}

/* The JSON lines of session_exec_jsonl for lines, parsed; the last one's
 * object is returned (caller frees). */
static cJSON *jsonl(struct session *s, const char *const *lines, int n)
{
	cJSON *last = NULL;
	for (int i = 0; i < n; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		session_exec_jsonl(s, lines[i], f);
		fclose(f);
		assert_true(len > 0 && buf[len - 1] == '\n');
		assert_ptr_equal(memchr(buf, '\n', len), buf + len - 1); /* one line */
		cJSON_Delete(last);
		last = cJSON_Parse(buf);
		assert_non_null(last);
		free(buf);
	}
	return last;
}

/* Every micro-step of the touch, as --events all prints them. */
static cJSON *all_events(void)
{
	TL_SESSION s = big_session();
	session_events_all(s, true);
	cJSON *o = jsonl(s, setup, 3);
	assert_null(tl_get(o, "events_total"));
	cJSON *ev = cJSON_DetachItemFromObjectCaseSensitive(o, "events");
	cJSON_Delete(o);
	return ev;
}

static void test_json_summary(void **state)
{
	(void)state;
	TL_JSON all = all_events();
	TL_SESSION s = big_session();
	run(s, "%s", setup[0]);
	run(s, "%s", setup[1]);
	TL_JSON o = run_ok(s, "%s", setup[2]);
	int total = (int)tl_num(o, "events_total");
	assert_int_equal(total, cJSON_GetArraySize(all)); /* --events all gives every one */
	assert_true(total > 10 * PAGES); /* about 14 a page: access, TLB miss and fill, walk, fault, PTE, PFN, working set, paging-structure cache */
	double sum = 0;
	const cJSON *k;
	cJSON_ArrayForEach(k, tl_need(o, "events_by_kind"))
		sum += k->valuedouble;
	assert_int_equal((int)sum, total);
	assert_int_equal((int)tl_num(o, "events_by_kind.access"), PAGES);
	assert_int_equal((int)tl_num(o, "events_omitted.from"), EVOUT_EDGE + 1);
	assert_int_equal((int)tl_num(o, "events_omitted.to"), total - EVOUT_EDGE);
	assert_int_equal(tl_len(o, "events"), 2 * EVOUT_EDGE);
	const cJSON *kept = tl_get(o, "events");
	for (int i = 0; i < EVOUT_EDGE; i++) { /* the first 100 and the last 100, in order */
		assert_true(cJSON_Compare(cJSON_GetArrayItem(kept, i), cJSON_GetArrayItem(all, i), true));
		assert_true(cJSON_Compare(cJSON_GetArrayItem(kept, EVOUT_EDGE + i),
					  cJSON_GetArrayItem(all, total - EVOUT_EDGE + i), true));
	}
	assert_string_equal(tl_str(cJSON_GetArrayItem(kept, 0), "kind"), "access");
	assert_string_equal(tl_str(cJSON_GetArrayItem(kept, 2 * EVOUT_EDGE - 1), "kind"), "tlb_fill");
	/* a command of at most 1000 is whole, with no summary keys */
	TL_JSON small = run_ok(s, "touch $a 4K r");
	assert_null(tl_get(small, "events_total"));
	assert_null(tl_get(small, "events_omitted"));
}

/* What --batch --json prints is the tree of session_exec_json, byte for
 * byte: normal, failed, summarised, and `events` commands. */
static void test_stream_equals_tree(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"process create app.exe --bare",
		"$a = VirtualAlloc 0 8000K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
		"touch $a 8000K r",
		"events 3 FROM 1000",
		"VirtualFree $a 4K MEM_RELEASE",
		"!pte $a",
		"events 4",
		"touch $a 12K w",
		"events 8 FROM 2",
		"say \"hi\x7f\"",
		/* streamed through struct cmd_res (cmd.h): every form of !pte's
		 * result, VirtualQuery's, and vtop's tree beside them */
		"VirtualQuery $a",
		"VirtualQuery 0",
		"!pte 0",
		"!pte $a+0x1000",
		"VirtualFree $a+0x2000 4K MEM_DECOMMIT",
		"!pte $a+0x2000",
		"vtop $a+0x1000",
		"$q = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K",
		"$u = MapViewOfFile $q FILE_MAP_WRITE 0 0",
		"!pte $u",
		"touch $u 8K w",
		"!pte $u",
		"!pte 0x8000000000000000",
	};
	TL_SESSION t = big_session();
	TL_SESSION j = big_session();
	for (size_t i = 0; i < MM_ARRAY_LEN(lines); i++) {
		TL_JSON o = session_exec_json(t, lines[i]);
		char *a = NULL, *b = NULL;
		size_t la = 0, lb = 0;
		FILE *f = open_memstream(&a, &la);
		jout_print(f, o);
		fputc('\n', f);
		fclose(f);
		f = open_memstream(&b, &lb);
		session_exec_jsonl(j, lines[i], f);
		fclose(f);
		if (strcmp(a, b))
			fail_msg("'%s': the stream differs from the tree:\n%.300s\n%.300s", lines[i], b, a);
		free(a);
		free(b);
	}
}

/* Every event kind, written by evout_json, as jout_print(ev_to_json()). */
static void test_event_json_every_kind(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	const struct mm *m = session_mm(s);
	/* a, b and c stay small: several kinds carry an enum there (access,
	 * fault kind, page state), which both paths index a table with */
	static const uint64_t vals[][4] = {
		{0, 0, 0, 0}, {1, 2, 1, 1}, {3, 1, 2, 0x7ffe0000}, {2, 0, 1, 0xfffff68000000080ull},
		{1, 1, 2, 0x1c}, /* d: every right of a psc_fill (TLBF_WRITE, _USER, _NX) */
	};
	for (int k = 0; k < EV_KIND_COUNT + 1; k++)
		for (size_t v = 0; v < MM_ARRAY_LEN(vals); v++) {
			struct ev e = {.kind = (uint16_t)k, .a = vals[v][0], .b = vals[v][1], .c = vals[v][2], .d = vals[v][3]};
			if (k == EV_COMMIT_CHARGE && v == 3)
				e.a = (uint64_t)-3; /* a negative delta */
			if (k == EV_TLB_FLUSH && v == 3)
				e.a = 1ull << 60;   /* a count past 2^53 (a double in JSON) */
			char *a = NULL, *b = NULL;
			size_t la = 0, lb = 0;
			FILE *f = open_memstream(&a, &la);
			cJSON *o = ev_to_json(m, &e);
			jout_print(f, o);
			cJSON_Delete(o);
			fclose(f);
			f = open_memstream(&b, &lb);
			evout_json(f, m, &e);
			fclose(f);
			if (strcmp(a, b))
				fail_msg("kind %d (%s): evout_json wrote %s, ev_to_json %s", k, ev_kind_name((enum ev_kind)k), b, a);
			free(a);
			free(b);
		}
}

static __attribute__((noinline)) char *text_of(struct session *s, const char *line)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	session_exec_text(s, line, f);
	fclose(f);
	return buf;
}

static int count_lines(const char *t, const char *prefix)
{
	int n = 0;
	for (const char *p = t; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		n += !strncmp(p, prefix, strlen(prefix));
	return n;
}

static void test_text_summary(void **state)
{
	(void)state;
	for (int lang = 0; lang < 2; lang++) {
		TL_SESSION s = big_session();
		session_set_lang(s, lang);
		run(s, "%s", setup[0]);
		run(s, "%s", setup[1]);
		char *t = text_of(s, setup[2]);
		/* result, 2 summary lines, 100 + gap + 100 micro-step lines */
		assert_int_equal(count_lines(t, "    "), 2 + 2 * EVOUT_EDGE + 1);
		assert_non_null(strstr(t, lang ? "Mikroschritte, mehr als 1000: hier die ersten 100 und die letzten 100\n"
					       : "micro-steps, more than 1000: here are the first 100 and the last 100\n"));
		assert_non_null(strstr(t, lang ? "\n    nach Art: " : "\n    by kind: "));
		const char *gap = strstr(t, "\n    ... ");
		assert_non_null(gap);
		assert_non_null(strstr(gap, lang ? "Mikroschritte ausgelassen (101 bis " : "micro-steps left out (101 to "));
		assert_non_null(strstr(gap, lang ? "): events 3 FROM 101 zeigt sie\n" : "): events 3 FROM 101 shows them\n"));
		assert_non_null(strstr(t, lang ? "Seiten: 2000\n" : "pages: 2000\n")); /* OUT-TEXT-DE */
		/* 100 micro-steps before the gap, the first of them the first access */
		assert_non_null(strstr(t, lang ? "\n    Lesen von 0x10000 im Benutzermodus\n" : "\n    read of 0x10000 in user mode\n"));
		free(t);
	}
}

static void test_events_command(void **state)
{
	(void)state;
	TL_JSON all = all_events();
	int total = cJSON_GetArraySize(all);
	TL_SESSION s = big_session();
	for (int i = 0; i < 3; i++)
		run(s, "%s", setup[i]);
	TL_JSON o = run_ok(s, "events 3 FROM 1000");
	assert_int_equal(tl_num(o, "result.command"), 3);
	assert_int_equal(tl_num(o, "result.events_total"), total);
	assert_int_equal(tl_num(o, "result.from"), 1000);
	assert_int_equal(tl_num(o, "result.to"), 1999);
	assert_int_equal(tl_num(o, "result.next"), 2000);
	assert_int_equal(tl_len(o, "result.events"), EVOUT_MAX);
	assert_int_equal(tl_len(o, "events"), 0); /* `events` itself changes nothing */
	const cJSON *ev = tl_get(o, "result.events");
	assert_true(cJSON_Compare(cJSON_GetArrayItem(ev, 0), cJSON_GetArrayItem(all, 999), true));
	assert_true(cJSON_Compare(cJSON_GetArrayItem(ev, EVOUT_MAX - 1), cJSON_GetArrayItem(all, 1998), true));
	/* the last page ends at the last micro-step, next null */
	TL_JSON last = run_ok(s, "events 3 from %d", total - 4);
	assert_int_equal(tl_len(last, "result.events"), 5);
	assert_true(tl_is_null(last, "result.next"));
	assert_true(cJSON_Compare(cJSON_GetArrayItem(tl_get(last, "result.events"), 4), cJSON_GetArrayItem(all, total - 1), true));
	/* the text: where we are, where to go on, the micro-steps */
	char *t = text_of(s, "events 3 FROM 1000");
	char head[160];
	snprintf(head, sizeof head, "> events 3 FROM 1000\ncommand 3: micro-steps 1000 to 1999 of %d (next: events 3 FROM 2000)\n", total);
	assert_true(!strncmp(t, head, strlen(head)));
	assert_int_equal(count_lines(t, "    "), EVOUT_MAX);
	free(t);
	session_set_lang(s, 1);
	t = text_of(s, "events 3");
	snprintf(head, sizeof head, "Befehl 3: Mikroschritte 1 bis 1000 von %d (weiter: events 3 FROM 1001)\n", total);
	assert_non_null(strstr(t, head));
	free(t);
	/* what cannot be shown says why */
	run_err(s, "STATUS_INVALID_PARAMETER", "events 3 FROM 0");
	run_err(s, "STATUS_INVALID_PARAMETER", "events 3 FROM %d", total + 1);
	run_err(s, "STATUS_INVALID_PARAMETER", "events 99");
	run_err(s, "STATUS_INVALID_PARAMETER", "events 0");
	run_err(s, "syntax", "events 3 1000");
	run_err(s, "syntax", "events 3 FROM");
	run(s, "VirtualQuery $a");
	/* command 14, the VirtualQuery (after 3 set-up lines, 4 `events` and 6
	 * refused ones), changed nothing */
	TL_JSON q = run_fail(s, "STATUS_NOT_FOUND", "events 14");
	/* the session speaks German since the text check above (CMD-LANG-DE) */
	assert_non_null(strstr(tl_str(q, "error.message"), "keine Mikroschritte"));
	TL_JSON one = run_ok(s, "events 1"); /* an interactive session keeps them all */
	assert_true(tl_num(one, "result.events_total") > 0);
}

/* Batch mode keeps the micro-steps of the last command that changed the
 * machine only: `events` of it works, of an earlier one says so. */
static void test_events_in_batch_mode(void **state)
{
	(void)state;
	TL_SESSION s = big_session();
	session_keep_history(s, false);
	for (int i = 0; i < 3; i++)
		run(s, "%s", setup[i]);
	run(s, "!pte $a");
	TL_JSON o = run_ok(s, "events 3 FROM 1000");
	assert_int_equal(tl_num(o, "result.from"), 1000);
	TL_JSON old = run_fail(s, "STATUS_NOT_FOUND", "events 2");
	assert_non_null(strstr(tl_str(old, "error.message"), "batch mode"));
	run(s, "touch $a 4K w");
	TL_JSON gone = run_fail(s, "STATUS_NOT_FOUND", "events 3");
	assert_non_null(strstr(tl_str(gone, "error.message"), "(command 7)"));
}

/* The output of lines[0..n) by session s, JSON lines or text (caller frees). */
static char *printed(struct session *s, const char *const *lines, int n, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	for (int i = 0; i < n; i++)
		if (json)
			session_exec_jsonl(s, lines[i], f);
		else
			session_exec_text(s, lines[i], f);
	fclose(f);
	return buf;
}

/* --events all in batch mode (no past): the micro-steps a detail does not
 * hold are streamed from a replay checked against the command's journal
 * (event.h J6). Here a detail holds 2,000 of the touch's ~37,000: the
 * output is byte for byte that of a session that holds them all, in JSON
 * and in text, and the state after is the same (its hash). */
static void test_events_all_streamed_in_batch_mode(void **state)
{
	(void)state;
	for (int json = 0; json < 2; json++) {
		TL_SESSION held = big_session();
		TL_SESSION streamed = big_session();
		session_events_all(held, true);
		session_events_all(streamed, true);
		session_keep_history(streamed, false);
		session_mm(held)->hist.ev_cap = UINT64_MAX;
		session_mm(streamed)->hist.ev_cap = 2000;
		char *a = printed(held, setup, 3, json), *b = printed(streamed, setup, 3, json);
		assert_true(strlen(a) > 30000 * 40);
		assert_string_equal(a, b);
		free(a);
		free(b);
		assert_int_equal(mm_state_hash(session_mm(held)), mm_state_hash(session_mm(streamed)));
	}
	/* `events CMD FROM N` past the held ones, in batch mode: a page of
	 * 1,000 (it printed none before J6) */
	TL_SESSION s = big_session();
	session_keep_history(s, false);
	session_mm(s)->hist.ev_cap = 2000;
	for (int i = 0; i < 3; i++)
		run(s, "%s", setup[i]);
	TL_JSON o = run_ok(s, "events 3 FROM 20000");
	assert_int_equal(tl_len(o, "result.events"), 1000);
	assert_int_equal(tl_num(o, "result.from"), 20000);
}

/* ---- a huge command that fails: no micro-steps at all ---- */

struct limit {
	bool armed;
	size_t max;                 /* armed: a block larger than this fails */
};

static void *limit_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct limit *l = ud;
	(void)osize;
	if (nsize == 0) {
		free(ptr);
		return NULL;
	}
	if (l->armed && nsize > l->max && nsize > osize)
		return NULL;
	return realloc(ptr, nsize);
}

static void test_failed_huge_prints_nothing(void **state)
{
	(void)state;
	struct limit l = {false, 0};
	struct mm_config cfg;
	tl_config(&cfg, MM_ARCH_X64);
	cfg.ram = 32ull << 20;
	cfg.pagefile[0] = 64ull << 20;
	cfg.alloc = limit_alloc;
	cfg.alloc_ud = &l;
	TL_SESSION s = tl_session_cfg(&cfg);
	run(s, "%s", setup[0]);
	run(s, "%s", setup[1]);
	l.armed = true;
	l.max = 1u << 20; /* the history of ~37,000 micro-steps needs more */
	TL_JSON o = session_exec_json(s, setup[2]);
	assert_false(tl_bool(o, "ok"));
	assert_non_null(strstr(tl_str(o, "error.message"), "host memory"));
	assert_int_equal(tl_len(o, "events"), 0);
	assert_null(tl_get(o, "events_total"));
	char *t = text_of(s, setup[2]);
	assert_true(!strncmp(t, "> touch $a 8000K r\nerror: ", 26));
	assert_int_equal(count_lines(t, "    "), 0);
	free(t);
	l.armed = false;
	cJSON_Delete(run_fail(s, "STATUS_NOT_FOUND", "events 3")); /* it left nothing to show */
}

/* F1, F2 of fmt.c: snprintf's text and return value, in every buffer size. */
#define SAME(...)                                                                                          \
	do {                                                                                               \
		for (size_t n_ = 0; n_ < 40; n_ += n_ < 8 ? 1 : 16) {                                      \
			char a_[64], b_[64];                                                               \
			memset(a_, 'A', sizeof a_);                                                        \
			memset(b_, 'A', sizeof b_);                                                        \
			int ra_ = snprintf(a_, n_, __VA_ARGS__), rb_ = fmt_snprintf(b_, n_, __VA_ARGS__);  \
			assert_int_equal(ra_, rb_);                                                        \
			assert_memory_equal(a_, b_, sizeof a_);                                            \
		}                                                                                          \
	} while (0)

static void test_fmt_as_snprintf(void **state)
{
	(void)state;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation"
	unsigned long long vals[] = {0, 1, 9, 10, 0xabc, 0xfffff68000000080ull, ~0ull};
	for (size_t i = 0; i < MM_ARRAY_LEN(vals); i++) {
		unsigned long long v = vals[i];
		SAME("PTE at %#llx: %#llx -> %#llx", v, v + 1, v / 3);
		SAME("%llu of %llu pages", v, v / 7);
		SAME("commit %+lld pages", (long long)v);
		SAME("commit %+lld pages", -(long long)(v / 2));
		SAME("%#x %x %u %d %i", (unsigned)v, (unsigned)v, (unsigned)v, (int)v, -(int)v);
		SAME("%lx %lu %ld %zu %zx", (unsigned long)v, (unsigned long)v, (long)v, (size_t)v, (size_t)v);
		SAME("%s[%#llx] bei %s: 100%% %s", "pxe", v, "Prozess", "Übergang");
		/* widths, '-' and '0' (!pte's lines) */
		SAME("%-5s at %0*llx contains %0*llx", "PTE", 16, v, 8, v / 5);
		SAME("  pfn %-8llx %s|%*sVA %llx", v, "---DA--UWEV", 40, "", v);
		SAME("%5d|%-6s|%016llx|%#018llx|%+05d|%-+5d|%*d|%-3x|", (int)v, "ab", v, v, (int)v, -(int)v, -7, (int)v, (unsigned)v);
		SAME("%08x|%#8x|%#-8x|%010lu|%3s|%zu", (unsigned)v, (unsigned)v, (unsigned)v, (unsigned long)v, "abcdef", (size_t)v);
		/* not ours: vsnprintf does all of it */
		SAME("%5d|%-6s|%016llx|%.2f|%c", (int)v, "ab", v, 1.5, 'x');
		SAME("%-8llx|%.3s|% d", v, "abcdef", (int)v);
		SAME("%#llx then %08x", v, (unsigned)v);
	}
	/* the digits two at a time (fmt.c's pair tables): each width of a
	 * number, and the values where one more digit begins */
	unsigned long long edges[] = {0xf, 0x10, 0xff, 0x100, 0xfff, 0x1000, 0xffff, 0x10000, 99, 100, 999, 1000,
				      9999, 10000, 0x8000000000000000ull, 10000000000000000000ull};
	for (size_t i = 0; i < MM_ARRAY_LEN(edges); i++) {
		unsigned long long v = edges[i];
		SAME("%#llx %llx %llu %lld|%#x %u", v, v - 1, v, -(long long)(v / 2), (unsigned)v, (unsigned)v - 1);
	}
#pragma GCC diagnostic pop
}

/* The direct writers (fmt.h): what their printf conversion gives, in
 * every buffer size, truncated as snprintf truncates (F2). */
static void direct(char *buf, size_t n, int which, unsigned long long v)
{
	struct fmt_buf o = {buf, n, 0};
	fmt_str(&o, "x=");
	switch (which) {
	case 0: fmt_hex(&o, v); break;
	case 1: fmt_dec(&o, v); break;
	case 2: fmt_sdec(&o, (long long)v, false); break;
	case 3: fmt_sdec(&o, (long long)v, true); break;
	case 4: fmt_hexw(&o, v, 16, true); break;
	case 5: fmt_hexw(&o, v, -8, false); break;
	case 6: fmt_hexw(&o, v, 0, false); break;
	default: fmt_strw(&o, v & 1 ? "PTE" : "", v & 2 ? -5 : 40); break;
	}
	fmt_str(&o, ";");
	fmt_end(&o);
}

static void test_fmt_direct_writers(void **state)
{
	(void)state;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation"
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	static const char *const as[] = {"x=%#llx;", "x=%llu;", "x=%lld;", "x=%+lld;", "x=%016llx;", "x=%-8llx;", "x=%llx;"};
	unsigned long long vals[] = {0, 1, 2, 3, 9, 10, 0xf, 0x10, 0xabc, 0xfffff68000000080ull, ~0ull, 1ull << 63};
	for (size_t i = 0; i < MM_ARRAY_LEN(vals); i++)
		for (int w = 0; w < 8; w++)
			for (size_t n = 1; n < 64; n += n < 24 ? 1 : 13) {
				char a[96], b[96];
				memset(a, 'A', sizeof a);
				memset(b, 'A', sizeof b);
				if (w < 7)
					snprintf(a, n, as[w], vals[i]);
				else
					snprintf(a, n, "x=%*s;", vals[i] & 2 ? -5 : 40, vals[i] & 1 ? "PTE" : "");
				direct(b, n, w, vals[i]);
				assert_memory_equal(a, b, sizeof a);
			}
#pragma GCC diagnostic pop
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_summary),
		cmocka_unit_test(test_stream_equals_tree),
		cmocka_unit_test(test_event_json_every_kind),
		cmocka_unit_test(test_text_summary),
		cmocka_unit_test(test_events_command),
		cmocka_unit_test(test_events_in_batch_mode),
		cmocka_unit_test(test_events_all_streamed_in_batch_mode),
		cmocka_unit_test(test_failed_huge_prints_nothing),
		cmocka_unit_test(test_fmt_as_snprintf),
		cmocka_unit_test(test_fmt_direct_writers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
