/*
 * 36_screens.c — the further screens of docs/tui.md TUI-SCREENS (processes, working set,
 * VAD tree, pools, page files, sections), composed headless: each key
 * brings its screen forward and shows the facts a learner must see at
 * 80x24 and 200x60, the same key or Esc goes back, a scenario step's
 * focus brings the matching screen, nothing crashes at 10x5 or below;
 * and mm_inspect_json, which feeds them, changes nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "tlscreen.h"
#include "mm.h"
#include "session.h"

static struct app_opts free_opts(void)
{
	struct app_opts o = {.free_play = true};
	mm_config_default(&o.cfg);
	return o;
}

static struct app_opts scn_opts(const char *name)
{
	struct app_opts o = {.scenario = name};
	mm_config_default(&o.cfg);
	return o;
}

/* A machine with something in every screen: a process with private
 * memory touched, a mapped file read, pool allocations. */
static const char setup[] =
	"key :\ntext process create a.exe\nkey enter\nwait 100000\n"
	"key :\ntext $p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\nkey enter\nwait 100000\n"
	"key :\ntext touch $p 16K w\nkey enter\nwait 100000\n"
	"key :\ntext $f = CreateFile r.dat 64K\nkey enter\nwait 100000\n"
	"key :\ntext $s = CreateFileMapping $f PAGE_READWRITE 0\nkey enter\nwait 100000\n"
	"key :\ntext $v = MapViewOfFile $s FILE_MAP_WRITE 0 0\nkey enter\nwait 100000\n"
	"key :\ntext read $v 8\nkey enter\nwait 100000\n"
	"key :\ntext $b = ExAllocatePoolWithTag NonPagedPool 200 Demo\nkey enter\nwait 100000\n"
	"key End\n";

/* Splits a script's output at "====" lines into at most n parts. */
static int parts(char *t, char **q, int n)
{
	int k = 0;
	q[k++] = t;
	while (k < n) {
		char *p = strstr(q[k - 1], "====\n");
		if (!p)
			break;
		*p = '\0';
		q[k++] = p + 5;
	}
	return k;
}

static char *run_keys(int w, int h, const char *keys)
{
	struct app_opts o = free_opts();
	size_t n = sizeof setup + strlen(keys) + 1;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%s%s", setup, keys);
	char *t = tl_script(&o, w, h, s);
	free(s);
	return t;
}

static void test_each_screen_80x24(void **state)
{
	(void)state;
	char *t = run_keys(80, 24,
			   "key t\ndump\necho ====\nkey t w\ndump\necho ====\nkey esc v\ndump\necho ====\n"
			   "key v o\ndump\necho ====\nkey f\ndump\necho ====\nkey s\ndump\necho ====\nkey s\ndump\n");
	char *q[7] = {0};
	assert_int_equal(parts(t, q, 7), 7);
	/* processes */
	HAS(q[0], "Processes");
	HAS(q[0], "a.exe");
	HAS(q[0], "CR3");
	HAS(q[0], ">"); /* the current one */
	/* the working set: sizes, entries with their frame */
	HAS(q[1], "Working set");
	HAS(q[1], "minimum");
	HAS(q[1], "maximum");
	HAS(q[1], "age");
	HAS(q[1], "0x7ffffffdf000");
	/* the VAD tree */
	HAS(q[2], "VAD tree");
	HAS(q[2], "mapped");
	HAS(q[2], "READWRITE");
	HAS(q[2], "\u2500o"); /* a node hanging from its parent */
	/* pools by tag */
	HAS(q[3], "Pools by tag");
	HAS(q[3], "Demo");
	/* page files */
	HAS(q[4], "Page files");
	HAS(q[4], "in use");
	HAS(q[4], "% used");
	/* sections: the control area of r.dat and its prototype PTEs */
	HAS(q[5], "Sections");
	HAS(q[5], "r.dat");
	HAS(q[5], "transition"); /* the first read's in-page cluster left the next pages on standby (R-FAULT-CLUSTER) */
	HAS(q[5], "share");
	/* s again: the main screen */
	HAS(q[6], "Address space");
	HAS(q[6], "Translation");
	LACKS(q[6], "Sections");
	for (int i = 0; i < 7; i++)
		assert_int_equal(tl_lines(q[i]), 24);
	free(t);
}

/* A POOL_HEADER overwritten with kwrite: the pools screen says a page is
 * corrupt and counts what the sound headers describe (docs/commands.md
 * CMD-CORRUPT). */
static void test_pool_corrupt(void **state)
{
	char *t = run_keys(100, 30,
			   "key :\ntext $c = ExAllocatePoolWithTag NonPagedPool 48 Demo\nkey enter\nwait 100000\n"
			   "key :\ntext kwrite $c-16 0 8\nkey enter\nwait 100000\n"
			   "key o\ndump\n");
	HAS(t, "Pools by tag");
	HAS(t, "1 pool page with corrupt headers");
	free(t);
}

static void test_scroll_and_big_screen(void **state)
{
	(void)state;
	/* the working set has more entries than 80x24 shows: it scrolls */
	char *t = run_keys(80, 24, "key w\ndump\necho ====\nkey pgdn pgdn down\ndump\necho ====\nkey up up up up up up up up pgup pgup\ndump\n");
	char *q[3] = {0};
	assert_int_equal(parts(t, q, 3), 3);
	HAS(q[0], "1-");
	HAS(q[0], " of ");
	assert_true(strcmp(q[0], q[1]) != 0);
	assert_string_equal(q[0], q[2]);
	free(t);
	/* 200x60: every screen, the narration below */
	t = run_keys(200, 60, "key t\ndump\necho ====\nkey w\ndump\necho ====\nkey v\ndump\necho ====\nkey o\ndump\necho ====\n"
			      "key f\ndump\necho ====\nkey s\ndump\n");
	char *r[6] = {0};
	assert_int_equal(parts(t, r, 6), 6);
	static const char *const title[6] = {"Processes", "Working set", "VAD tree", "Pools by tag", "Page files", "Sections"};
	for (int i = 0; i < 6; i++) {
		HAS(r[i], title[i]);
		HAS(r[i], "Esc: back");
		assert_int_equal(tl_lines(r[i]), 60);
	}
	free(t);
}

static void test_small_sizes(void **state)
{
	(void)state;
	static const char *const keys[] = {"t", "w", "v", "o", "f", "s"};
	for (int i = 0; i < 6; i++) {
		char s[512];
		snprintf(s, sizeof s, "key %s\nresize 5 10\ndump\necho ====\nresize 18 60\ndump\necho ====\n"
				      "resize 1 1\nkey down pgdn\nresize 24 80\ndump\n", keys[i]);
		char *t = run_keys(80, 24, s);
		char *q[3] = {0};
		assert_int_equal(parts(t, q, 3), 3);
		HAS(q[0], "60x18");
		assert_int_equal(tl_lines(q[0]), 5);
		HAS(q[1], "Esc: back");
		assert_int_equal(tl_lines(q[1]), 18);
		HAS(q[2], "Esc: back");
		assert_int_equal(tl_lines(q[2]), 24);
		free(t);
	}
	/* a screen at every size from 1x1: no crash, the right number of lines */
	for (int h = 1; h <= 26; h += 5)
		for (int w = 1; w <= 90; w += 11) {
			char s[256];
			snprintf(s, sizeof s, "key s\nresize %d %d\ndump\nkey v\ndump\nkey w\ndump\n", h, w);
			char *t = run_keys(80, 24, s);
			assert_int_equal(tl_lines(t), 3 * h);
			free(t);
		}
}

static void test_scenario_focus(void **state)
{
	(void)state;
	static const struct {
		const char *scn;
		long at;
		const char *title;
	} cases[] = {
		{"kernel-pool", 5, "Pools by tag"}, {"file-mapping", 3, "Sections"}, {"file-mapping", 2, "VAD tree"},
		{"isolation", 2, "Processes"},	    {"shared-memory", 15, "Page files"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct app_opts o = scn_opts(cases[i].scn);
		char *t = tl_screen(&o, 80, 24, cases[i].at);
		HAS(t, cases[i].title);
		HAS(t, "Step "); /* the narration stays */
		free(t);
		t = tl_screen(&o, 10, 5, cases[i].at);
		assert_int_equal(tl_lines(t), 5);
		free(t);
	}
	/* a later step focusing a pane brings the main screen back */
	struct app_opts o = scn_opts("file-mapping");
	char *t = tl_screen(&o, 80, 24, 4);
	LACKS(t, "Esc: back");
	free(t);
}

static void test_help_lists_screens(void **state)
{
	(void)state;
	struct app_opts o = scn_opts("tour");
	char *t = tl_script(&o, 80, 24, "key ?\ndump\n");
	HAS(t, "t / w / v");
	HAS(t, "processes / working set / VAD tree");
	HAS(t, "pools / page files / sections");
	HAS(t, "Mouse"); /* everything fits at 80x24 */
	free(t);
}

static void test_inspect_changes_nothing(void **state)
{
	(void)state;
	struct mm_config cfg;
	mm_config_default(&cfg);
	struct mm_err err;
	struct session *s = session_new(&cfg, &err);
	assert_non_null(s);
	cJSON_Delete(session_exec_json(s, "process create a.exe"));
	struct mm_hist h0, h1;
	mm_hist(session_mm(s), &h0);
	static const char *const ok[] = {"!wsle", "!vad", "!poolused", "!pagefile", "!address"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		cJSON *j = mm_inspect_json(s, ok[i], &err);
		assert_non_null(j);
		cJSON_Delete(j);
	}
	mm_hist(session_mm(s), &h1);
	assert_memory_equal(&h0, &h1, sizeof h0);
	/* machine-changing commands, assignments and junk are refused */
	assert_null(mm_inspect_json(s, "VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE", &err));
	assert_null(mm_inspect_json(s, "$x = !wsle", &err));
	assert_null(mm_inspect_json(s, "bogus", &err));
	assert_null(mm_inspect_json(s, "", &err));
	assert_null(mm_inspect_json(s, "!ca", &err));
	mm_hist(session_mm(s), &h1);
	assert_memory_equal(&h0, &h1, sizeof h0);
	/* and the session's own sequence goes on as if nothing had run */
	cJSON *j = session_exec_json(s, "!vm");
	assert_int_equal((int)cJSON_GetObjectItemCaseSensitive(j, "seq")->valuedouble, 2);
	cJSON_Delete(j);
	session_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_screen_80x24),   cmocka_unit_test(test_scroll_and_big_screen),
		cmocka_unit_test(test_pool_corrupt),
		cmocka_unit_test(test_small_sizes),	    cmocka_unit_test(test_scenario_focus),
		cmocka_unit_test(test_help_lists_screens), cmocka_unit_test(test_inspect_changes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
