/*
 * 38_output.c — a command's output on screen is the text --batch prints
 * (docs/tui.md TUI-OUTPUT, docs/output.md OUT-TEXT): session_text, the
 * TUI's printer, against session_exec_text, the batch's, command for
 * command (help, !pte, !pfn, !vad, !address, events, errors ...); then the
 * same text read back off the screen, the output screen paged from its
 * first line to its last at 200x60 and the narration at 80x24 with its
 * marks (the rules O1-O2 of tui/pane_output.c, N1-N4 of tui/pane_narr.c).
 */
#include "testlib.h"

#include "app.h"
#include "tlscreen.h"

/* What one command prints in --batch, and what the TUI keeps for it. */
static char *batch_text(struct session *s, const char *line)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	session_exec_text(s, line, f);
	fclose(f);
	return buf;
}

static char *tui_text(struct session *s, const char *line, bool *steps)
{
	cJSON *j = session_exec_json(s, line);
	assert_non_null(j);
	*steps = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "events")) > 0;
	char *t = session_text(s, j);
	assert_non_null(t);
	cJSON_Delete(j);
	return t;
}

static const char *const shared_lines[] = {
	"help",
	"help VirtualAlloc",
	"process create app.exe",
	"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
	"write $p",
	"!pte $p",
	"vtop $p",
	"!pfn 0x1",
	"!vad",
	"!address",
	"!vm",
	"machine",
	"lm",
	"!wsle",
	"VirtualQuery $p",
	"db $p L 0x20",
	"events 5",
	"read 0x5",
	"VirtualAlloc 0 64K",
	"VirtualFree $p 64K MEM_RELEASE",
	"bogus",
	"say Hello, \"world\"",
	"counters",
	"!poolused",
	"ExAllocatePoolWithTag PagedPool 0 Abcd",
};

/* One printer for both: the batch's block for a command is "> LINE",
 * then exactly the TUI's text, then only the micro-steps (indented by
 * four blanks), and those only for a command that has some. */
static void test_one_printer(void **state)
{
	(void)state;
	for (int de = 0; de <= 1; de++) {
		TL_SESSION a = tl_session(MM_ARCH_X64);
		TL_SESSION b = tl_session(MM_ARCH_X64);
		session_set_lang(a, de);
		session_set_lang(b, de);
		for (size_t i = 0; i < MM_ARRAY_LEN(shared_lines); i++) {
			const char *line = shared_lines[i];
			char *want = batch_text(a, line);
			bool steps;
			char *got = tui_text(b, line, &steps);
			char head[TL_LINE + 4];
			snprintf(head, sizeof head, "> %s\n", line);
			size_t hl = strlen(head), gl = strlen(got);
			if (strncmp(want, head, hl) || strncmp(want + hl, got, gl))
				fail_msg("%s: the TUI's text\n%s\nis not the batch's\n%s", line, got, want);
			const char *rest = want + hl + gl;
			if (!steps && *rest)
				fail_msg("%s: the batch prints more than the TUI: %s", line, rest);
			for (const char *p = rest; *p; p = strchr(p, '\n') + 1)
				if (strncmp(p, "    ", 4))
					fail_msg("%s: after the result, a line that is no micro-step: %s", line, p);
			free(want);
			free(got);
		}
	}
}

/* The printed forms a learner reads: WinDbg's layouts, not a dump of the
 * JSON (the TUI showed `pte: level=pte format=hardware valid=true` before). */
static void test_layouts(void **state)
{
	(void)state;
	TL_SESSION s = tl_session(MM_ARCH_X64);
	bool steps;
	free(tui_text(s, "process create app.exe", &steps));
	free(tui_text(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", &steps));
	free(tui_text(s, "write $p", &steps));
	char *t = tui_text(s, "!pte $p", &steps);
	HAS(t, "PXE   at ");
	HAS(t, " contains ");
	LACKS(t, "level=");
	free(t);
	t = tui_text(s, "!vad", &steps);
	HAS(t, "level      start        end   commit  type");
	HAS(t, "Total VADs:");
	free(t);
	t = tui_text(s, "help", &steps);
	HAS(t, "  VirtualAlloc ADDR SIZE TYPE PROTECT          reserve and/or commit");
	LACKS(t, "name=");
	free(t);
	t = tui_text(s, "VirtualAlloc 0 64K", &steps);
	HAS(t, "error: VirtualAlloc: too few arguments");
	free(t);
}

/* The rows of the output screen in a dump: the line number of its first
 * text row (from "lines a-b of n") and each row's text between the
 * borders, trailing blanks dropped; returns how many rows. */
static int screen_rows(const char *dump, int *first, int *total, char rows[][256], int max)
{
	const char *p = strstr(dump, "\xe2\x94\x82lines ");
	assert_non_null(p);
	int b;
	assert_int_equal(sscanf(p + 3, "lines %d-%d of %d", first, &b, total), 3);
	int n = 0;
	p = strchr(p, '\n') + 1;
	while (n < max && strncmp(p, "\xe2\x94\x94", 3)) { /* up to the bottom border └ */
		const char *e = strchr(p, '\n');
		assert_non_null(e);
		size_t len = (size_t)(e - p);
		assert_true(len >= 6);
		len -= 6; /* the borders: │ ... │ or → */
		snprintf(rows[n], 256, "%.*s", (int)len, p + 3);
		for (size_t k = strlen(rows[n]); k > 0 && rows[n][k - 1] == ' '; k--)
			rows[n][k - 1] = '\0';
		n++;
		p = e + 1;
	}
	return n;
}

/* Line i of text, trailing blanks dropped. */
static void text_line(const char *text, int i, char *out, size_t n)
{
	for (; i > 0 && text; i--)
		text = strchr(text, '\n') ? strchr(text, '\n') + 1 : NULL;
	assert_non_null(text);
	const char *e = strchr(text, '\n');
	snprintf(out, n, "%.*s", e ? (int)(e - text) : (int)strlen(text), text);
	for (size_t k = strlen(out); k > 0 && out[k - 1] == ' '; k--)
		out[k - 1] = '\0';
}

static struct app_opts free_opts(void)
{
	struct app_opts o = {.free_play = true};
	tl_config(&o.cfg, MM_ARCH_X64);
	return o;
}

/* Types the lines in free play, opens the output screen of the last and
 * pages through it; every line of the batch's text is read back, in
 * order, at its columns. */
static void check_paged(const char *const *lines, int n)
{
	struct app_opts o = free_opts();
	TL_SESSION s = tl_session_cfg(&o.cfg);
	char script[4096] = "", *want = NULL;
	bool steps;
	for (int i = 0; i < n; i++) {
		free(want);
		want = tui_text(s, lines[i], &steps);
		size_t l = strlen(script);
		snprintf(script + l, sizeof script - l, "key :\ntext %s\nkey enter\nwait 60000\n", lines[i]);
	}
	int total = 0;
	for (const char *c = want; *c; c++)
		total += *c == '\n';
	size_t l = strlen(script);
	snprintf(script + l, sizeof script - l, "key End\nkey O\ndump\necho ====\n");
	for (int k = 0; k < total / 20 + 1; k++) {
		l = strlen(script);
		snprintf(script + l, sizeof script - l, "key pgdn\ndump\necho ====\n");
	}
	char *t = tl_script(&o, 200, 60, script);
	static char rows[64][256];
	bool *seen = calloc((size_t)total, 1);
	assert_non_null(seen);
	for (char *d = t, *e; (e = strstr(d, "====\n")); d = e + 5) {
		*e = '\0';
		int first, all, nr = screen_rows(d, &first, &all, rows, 64);
		assert_int_equal(all, total);
		for (int r = 0; r < nr && first + r <= total; r++) {
			char line[256];
			text_line(want, first - 1 + r, line, sizeof line);
			if (strcmp(rows[r], line))
				fail_msg("%s: line %d on screen\n[%s]\nin the batch\n[%s]", lines[n - 1], first + r, rows[r], line);
			seen[first - 1 + r] = true;
		}
	}
	for (int i = 0; i < total; i++)
		if (!seen[i])
			fail_msg("%s: line %d of %d never shown", lines[n - 1], i + 1, total);
	free(seen);
	free(want);
	free(t);
}

static void test_output_screen_pages(void **state)
{
	(void)state;
	static const char *const help[] = {"help"};
	check_paged(help, 1);
	static const char *const inspect[] = {"process create app.exe", "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
					      "write $p", "!pte $p"};
	check_paged(inspect, 4);
	static const char *const vad[] = {"process create app.exe", "!vad"};
	check_paged(vad, 2);
	static const char *const pfn[] = {"process create app.exe", "!pfn 0x1"};
	check_paged(pfn, 2);
}

/* The narration at 80x24 in free play: help fills it (N4), its lines cut
 * with → on the border (O1), which lines on the bottom border and the key
 * line offering O (O2); the words' mark of a long step (N3); a failed
 * command's error wrapped, not cut (O3). */
static void test_narration_marks(void **state)
{
	(void)state;
	struct app_opts o = free_opts();
	char *t = tl_script(&o, 80, 24, "key :\ntext help\nkey enter\ndump\n");
	HAS(t, "> help");
	HAS(t, "  process create NAME [--bare] [--lock-memory] n\xe2\x86\x92"); /* → on the border */
	HAS(t, " lines 1-8 of ");
	HAS(t, "O: all output");
	assert_non_null(strstr(t, "\nO output  space play"));
	LACKS(t, "name=");
	free(t);
	t = tl_script(&o, 80, 24, "key :\ntext VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE 7\nkey enter\ndump\n");
	HAS(t, "error: VirtualAlloc: too many arguments");
	HAS(t, "VirtualAlloc ADDR SIZE TYPE PROTECT) (syntax)"); /* wrapped at a word, not cut */
	HAS(t, "\nerror in 'VirtualAlloc 0 64K MEM_RESERVE PAGE_READ...' (see the narration pane)\n");
	free(t);
	/* a long step where its words do not fit (the tour's step 7 at the
	 * smallest screen; at 80x24 they do, 48_step_words.c): ▼ on the
	 * border, never a + in the text */
	struct app_opts tour = {.scenario = "tour"};
	mm_config_default(&tour.cfg);
	t = tl_screen(&tour, 60, 18, 7);
	HAS(t, "\xe2\x96\xbc\n"); /* ▼ ends a row: it is the border */
	LACKS(t, " +\xe2\x94\x82");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_printer),
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_output_screen_pages),
		cmocka_unit_test(test_narration_marks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
