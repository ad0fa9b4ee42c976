/*
 * 48_step_words.c — a step's words are read whole at 80x24 with the panes
 * (issue 14 item 3; docs/tui.md TUI-LAYOUT, TUI-NARR; tui/layout.h L3,
 * tui/pane_narr.c N6): for EVERY shipped scenario (every scenarios/NAME.json,
 * whatever is there), every step that has words, in English and in
 * German, the screen of `--screen 80x24 --at N` holds the step's `say`
 * whole, as a reader reads it: the narration's rows, joined, contain the
 * words from the first to the last, and no "more" mark (▼) stands beside
 * them.  The address and translation panes are on the same screen (the
 * panes are kept, not traded for the words), and physical memory is
 * either its pane or its folded line.
 */
#include "testlib.h"

#include <glob.h>

#include "app.h"
#include "scenario.h"
#include "tlscreen.h"

/* s with every run of blanks (spaces, newlines) made one space, in out. */
static void squeeze(const char *s, char *out, size_t n)
{
	size_t o = 0;
	bool blank = true; /* no leading space */
	for (; *s && o + 1 < n; s++) {
		bool b = *s == ' ' || *s == '\n' || *s == '\t';
		if (b && !blank)
			out[o++] = ' ';
		else if (!b)
			out[o++] = *s;
		blank = b;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
}

#define BAR "\xe2\x94\x82"  /* │ */
#define MORE "\xe2\x96\xbc" /* ▼ */

/* The text of the narration's rows: each screen row that starts with a
 * pane border and spans the whole width (the reading arrangement), its
 * inside joined to the next by a space.  *more is set when a row carries
 * the ▼ mark. */
static void narration_text(const char *screen, char *out, size_t n, bool *more)
{
	size_t o = 0;
	*more = false;
	out[0] = '\0';
	for (const char *line = screen; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		/* a full-width pane row: a border first, a border (or the mark)
		 * last, and no border between (not two panes side by side) */
		if (len > 6 && !strncmp(line, BAR, 3)) {
			const char *last = line + len - 3;
			bool mark = !strncmp(last, MORE, 3);
			const char *in = line + 3;
			bool one = (mark || !strncmp(last, BAR, 3)) && !memmem(in, (size_t)(last - in), BAR, 3);
			if (one) {
				*more |= mark;
				int w = snprintf(out + o, n - o, "%.*s ", (int)(last - in), in);
				o += w > 0 && (size_t)w < n - o ? (size_t)w : 0;
			}
		}
		line += len + (end != NULL);
	}
}

static int checked, failed;

/* asking: the step's question open (n from the end of the step before),
 * its pane showing the prompt, and the say only with "say": "with"
 * (ask.c Q1): then the text looked for is the prompt, or with say_text
 * the say. */
static void check_step(const char *path, const struct scenario *sc, int step, int lang, bool asking, bool say_text)
{
	const struct scn_ask *q = sc->steps[step].ask;
	const char *say = asking && !say_text ? scn_text_get(&q->prompt, lang) : scn_text_get(&sc->steps[step].say, lang);
	if (!say || !*say)
		return;
	struct app_opts o = {.scenario = path, .keys = asking ? "n" : NULL};
	mm_config_default(&o.cfg);
	o.cfg.lang = lang;
	char *t = tl_screen(&o, 80, 24, asking ? step : step + 1);
	static char rows[16384], want[4096], got[16384];
	bool more;
	narration_text(t, rows, sizeof rows, &more);
	squeeze(rows, got, sizeof got);
	squeeze(say, want, sizeof want);
	if (asking && !strstr(t, lang ? "Frage: Schritt" : "Question: step"))
		fail_msg("%s step %d: the question did not open:\n%s", path, step + 1, t);
	if (!strstr(got, want) || more) { /* all of them listed, then the test fails */
		print_error("%s step %d (%s%s) at 80x24: the words are not whole%s:\n%s\nwanted: %s\n", path, step + 1,
			    lang ? "de" : "en", asking ? ", its question open" : "", more ? " (a mark says more follows)" : "",
			    t, want);
		failed++;
	}
	free(t);
	checked++;
}

static void test_every_step_whole(void **state)
{
	(void)state;
	glob_t gl;
	assert_int_equal(glob("scenarios/*.json", 0, NULL, &gl), 0);
	assert_true(gl.gl_pathc >= 30);
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		struct scenario *sc = NULL;
		struct scn_err err;
		if (scenario_load_file(gl.gl_pathv[i], &sc, &err) != 0)
			fail_msg("%s: %s", gl.gl_pathv[i], err.msg);
		for (int s = 0; s < sc->nsteps; s++)
			for (int lang = 0; lang <= 1; lang++) {
				check_step(gl.gl_pathv[i], sc, s, lang, false, true);
				const struct scn_ask *q = sc->steps[s].ask;
				if (q && s > 0) {
					check_step(gl.gl_pathv[i], sc, s, lang, true, false);
					if (q->say_with)
						check_step(gl.gl_pathv[i], sc, s, lang, true, true);
				}
			}
		scenario_free(sc);
	}
	globfree(&gl);
	assert_int_equal(failed, 0);
	assert_true(checked >= 600); /* (30 scenarios, about 10 steps each, two languages) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_step_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
