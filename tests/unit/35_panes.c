/*
 * 35_panes.c — the main screen composed headless (app_screen, app_script):
 * what each pane shows at chosen steps of the tour at 80x24 and 160x48
 * (golden-ish: the facts a learner must see, not every cell), the paging
 * modes' address fields, typed commands and their errors, the help
 * screen generated from the key table, mouse selection, zoom, resize
 * storms and every size from 1x1 up without a crash; and the command
 * line's editing, history and completion.
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
#include <unistd.h>

#include "app.h"
#include "tlscreen.h"
#include "cmdline.h"
#include "keymap.h"
#include "scenario.h"
#include "session.h"

/* The tour with its questions off (test_questions puts them). */
static struct app_opts tour_opts(void)
{
	struct app_opts o = {.scenario = "tour", .no_questions = true};
	mm_config_default(&o.cfg);
	return o;
}

static struct app_opts free_opts(enum mm_arch arch, uint64_t ram)
{
	struct app_opts o = {.free_play = true};
	mm_config_default(&o.cfg);
	o.cfg.arch = arch;
	o.cfg.ram = ram;
	o.cfg.npagefiles = 1;
	o.cfg.pagefile[0] = 2 * ram;
	return o;
}

static void test_tour_start(void **state)
{
	struct app_opts o = tour_opts();
	char *t = tl_screen(&o, 80, 24, 0);
	assert_int_equal(tl_lines(t), 24);
	HAS(t, "A guided tour");
	HAS(t, "Press space to play");
	HAS(t, "Address space: System");
	HAS(t, "No address in play yet");
	HAS(t, "4096 frames");
	HAS(t, "zeroed");
	HAS(t, "space play");
	free(t);
}

static void test_tour_first_write_80x24(void **state)
{
	struct app_opts o = tour_opts();
	char *t = tl_screen(&o, 80, 24, 8);
	/* status */
	HAS(t, "step 8/14");
	/* address space: the reservation, committed page resident, the page in play */
	/* Type and Details fold into Usage (docs/tui.md TUI-VAS): a region's
	 * Details where it has some, its type where not */
	HAS(t, "Address      Usage         Size");
	HAS(t, "@000000010000 \u2588Private       64K");
	HAS(t, "00007ffe0000 \u2588Shared data   64K");
	HAS(t, "Commit 4K  WS 4K  Private 4K"); /* the columns that do not fit, for the selected row */
	/* translation: the retried walk after the demand-zero fault */
	HAS(t, "VA 0x10000  write");
	HAS(t, "pxe 0 ppe 0 pde 0 pte 0x10 offset 0");
	HAS(t, "TLB miss, filled -> PFN 0xb  (retry 1)");
	HAS(t, "pte[0x10] 0x800000000000b867 VWUAD NX 0xb");
	HAS(t, "faults: demand_zero");
	HAS(t, "PA 0xb000");
	/* physical: folded to its line beside the step's words (layout.h
	 * L4), the frame in play with its state and use */
	HAS(t, "Step 8/14  RAM 4096 frames: . zeroed 3571 \u2588 active 525  @ PFN 0xb active \u2500");
	/* narration: words, the command, its expect tick, the micro-steps */
	HAS(t, "The first write to the committed page.");
	HAS(t, "> write $p 0x41");
	HAS(t, "\u2713 expect");
	HAS(t, "micro-step 20/20  -> 0x41");
	HAS(t, "pde  (not read: cached -> table PFN 0xa)"); /* the retry starts below the cached PDE */
	HAS(t, "TLB filled: VPN 0x10 -> PFN 0xb");
	free(t);
}

static void test_tour_projector_160x48(void **state)
{
	struct app_opts o = tour_opts();
	char *t = tl_screen(&o, 160, 48, 8);
	assert_int_equal(tl_lines(t), 48);
	HAS(t, "Address space: tour.exe (pid 936)");
	HAS(t, "@000000010000 \u2588Private   64K"); /* Details before Commit and WS: */
	HAS(t, "00007ffe0000 \u2588Private   64K Shared data"); /* Details in its short form */
	HAS(t, "Commit 4K  WS 4K"); /* Committed and working set under the list, for the region in play */
	HAS(t, "000000000 000000000 000000000 000010000 000000000000"); /* the bits per level */
	HAS(t, "@fffff68000000080");
	HAS(t, "pte[0x10] = 0x800000000000b867, decoded:");
	HAS(t, "no-execute=1 PFN=0xb");
	HAS(t, "dominant state");
	HAS(t, "active 525");
	/* the narration's words and micro-steps side by side, all of them */
	HAS(t, "so a page fault occurs."); /* the step's say; its ask.explain is the player's to show */
	HAS(t, "page fault at 0x10000: demand-zero fault");
	HAS(t, "PTE at 0xfffff68000000080: 0x80 -> 0x800000000000b867");
	free(t);
	t = tl_screen(&o, 200, 60, 5); /* the access violation of the reserved page */
	assert_int_equal(tl_lines(t), 60);
	HAS(t, "STATUS_ACCESS_VIOLATION");
	free(t);
}

static void test_every_size(void **state)
{
	struct app_opts o = tour_opts();
	int sizes[][2] = {{1, 1}, {10, 5}, {59, 17}, {60, 18}, {61, 19}, {70, 20}, {80, 24}, {100, 30},
			  {119, 31}, {120, 32}, {132, 43}, {160, 48}, {200, 60}, {250, 80}, {400, 20}, {20, 200}};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		for (long at = 0; at <= 14; at += 7) {
			char *t = tl_screen(&o, sizes[i][0], sizes[i][1], at);
			assert_int_equal(tl_lines(t), sizes[i][1]);
			if (sizes[i][0] < 60 || sizes[i][1] < 18)
				LACKS(t, "Translation");
			free(t);
		}
	char *t = tl_screen(&o, 10, 5, 3);
	HAS(t, "60x18");
	free(t);
}

static void test_paging_modes(void **state)
{
	const char *s = "key :\ntext process create a.exe --bare\nkey enter\nwait 100000\n"
			"key :\ntext $p = VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\nkey enter\n"
			"wait 100000\nkey :\ntext write $p+0x1234 7\nkey enter\nwait 100000\ndump\n";
	struct app_opts o = free_opts(MM_ARCH_X86, 16u << 20);
	char *t = tl_script(&o, 100, 30, s);
	HAS(t, "VA 0x11234  write");
	HAS(t, "pde 0 pte 0x11 offset 0x234");
	HAS(t, "0000000000 0000010001 001000110100"); /* 10 / 10 / 12 */
	free(t);
	o = free_opts(MM_ARCH_PAE, 16u << 20);
	t = tl_script(&o, 100, 30, s);
	HAS(t, "pdpte 0 pde 0 pte 0x11 offset 0x234");
	HAS(t, "00 000000000 000010001 001000110100"); /* 2 / 9 / 9 / 12 */
	free(t);
}

static void test_typed_commands_and_errors(void **state)
{
	struct app_opts o = free_opts(MM_ARCH_X64, 16u << 20);
	char *t = tl_script(&o, 80, 24,
			 "dump\necho ====\n"
			 "key :\ntext VirtualAlloc 0 64K\nkey enter\ndump\necho ====\n"
			 "key :\ntext process create a.exe\nkey enter\nwait 100000\n"
			 "key :\ntext !vm\nkey enter\ndump\n");
	char *a = t, *b = strstr(a, "====\n"), *c = b ? strstr(b + 5, "====\n") : NULL;
	assert_non_null(c);
	*b = *c = '\0';
	HAS(a, "Free play");
	HAS(a, "An empty machine");
	HAS(b + 5, "error in 'VirtualAlloc 0 64K'");
	HAS(b + 5, "error: VirtualAlloc: too few arguments");
	HAS(b + 5, "4096 frames"); /* still the main screen */
	HAS(c + 5, "> !vm");
	HAS(c + 5, "Available Pages:"); /* !vm as --batch prints it (TUI-OUTPUT) */
	HAS(c + 5, "Address space: a.exe");
	free(t);
}

/* Random keys may press S, whose snapshot goes to the working directory:
 * such tests run in a directory of their own, removed afterwards. */
struct tmp_cwd {
	char dir[32], old[4096];
};

static void tmp_cwd_enter(struct tmp_cwd *t)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/mmviz-keys-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	assert_non_null(getcwd(t->old, sizeof t->old));
	assert_int_equal(chdir(t->dir), 0);
}

static void tmp_cwd_leave(struct tmp_cwd *t)
{
	for (int i = 1; i <= 999; i++) {
		char name[32];
		snprintf(name, sizeof name, "mmviz-%03d.html", i);
		unlink(name);
	}
	assert_int_equal(chdir(t->old), 0);
	assert_int_equal(rmdir(t->dir), 0); /* nothing else was left there */
}

static void test_help_and_keys(void **state)
{
	struct tmp_cwd cwd;
	tmp_cwd_enter(&cwd);
	struct app_opts o = tour_opts();
	char *t = tl_script(&o, 100, 34, "key ?\ndump\n");
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		HAS(t, keymap_action_help((enum tui_action)a));
	HAS(t, "space");
	HAS(t, "right n");
	HAS(t, "zoom in: address space region");
	HAS(t, "forget the selection / scroll the narration");
	free(t);
	/* unknown keys, pasted garbage and stray mouse events change nothing harmful */
	t = tl_script(&o, 80, 24,
		   "key n n n\nkey x y z f5 f12 insert C-x M-q S-tab\ntext }{~|@^`\\\nclick 0 0\nclick 23 79\n"
		   "wheel up 5 5\nwheel down 20 70\npress 100 100\nrelease 3 3\ndump\n");
	HAS(t, "Step 2/14");
	free(t);
	/* the bottom line says what space does now: play when paused, pause while playing */
	t = tl_script(&o, 80, 24, "dump\nkey space\ndump\n");
	char *playing = strstr(t, "space play");
	assert_non_null(playing);
	assert_non_null(strstr(playing, "space pause"));
	free(t);
	tmp_cwd_leave(&cwd);
}

static void test_stepping_keys(void **state)
{
	struct app_opts o = tour_opts();
	/* the tour opens on step 1 (words only); n opens step 2 */
	char *t = tl_script(&o, 80, 24, "dump\necho ====\nkey n\ndump\necho ====\nkey right right right\ndump\necho ====\nkey left left left\ndump\n");
	char *p0 = t, *p1 = strstr(p0, "====\n"), *p2 = strstr(p1 + 5, "====\n"), *p3 = strstr(p2 + 5, "====\n");
	*p1 = *p2 = *p3 = '\0';
	HAS(p0, "Welcome to mmviz");
	HAS(p0, "step 1/14");
	p1 += 5;
	HAS(p1, "micro 0/9");
	HAS(p2 + 5, "micro 3/9");
	HAS(p3 + 5, "micro 0/9");
	assert_string_equal(p1, p3 + 5); /* back where we were, exactly */
	free(t);
	/* N P Home End, space plays until the tour's pause */
	t = tl_script(&o, 80, 24, "key N N\ndump\necho ====\nkey P\ndump\necho ====\nkey End\ndump\necho ====\n"
			       "key Home\ndump\necho ====\nkey space\nwait 600000\ndump\n");
	char *q[5];
	q[0] = t;
	for (int i = 1; i < 5; i++) {
		q[i] = strstr(q[i - 1], "====\n");
		assert_non_null(q[i]);
		*q[i] = '\0';
		q[i] += 5;
	}
	HAS(q[0], "cmd 3  step 3/14"); /* an inspection: no micro-steps to count */
	HAS(q[1], "cmd 2  micro 9/9");
	HAS(q[2], "step 14/14");
	HAS(q[3], "Press space to play");
	HAS(q[4], "paused");
	HAS(q[4], "Welcome to mmviz");
	free(t);
	/* PgDn / PgUp: a scenario step at a time, whole (docs/tui.md TUI-KEYS);
	 * the tour opens on step 1 */
	t = tl_script(&o, 80, 24, "key pgdn\ndump\necho ====\nkey pgdn\ndump\necho ====\nkey pgup\ndump\n");
	char *r[3] = {t};
	for (int i = 1; i < 3; i++) {
		r[i] = strstr(r[i - 1], "====\n");
		assert_non_null(r[i]);
		*r[i] = '\0';
		r[i] += 5;
	}
	HAS(r[0], "cmd 2  micro 9/9  step 2/14"); /* process create, to its end */
	HAS(r[1], "step 3/14");
	assert_string_equal(r[2], r[0]); /* back to the end of step 2, exactly */
	free(t);
}

static void test_select_and_zoom(void **state)
{
	struct app_opts o = tour_opts();
	/* at 80x24 beside the last step's words the physical map is folded
	 * to its line on the narration's top border (row 14); a click there
	 * unfolds it in the address pane's place, its first cell at row 2,
	 * column 1 (layout.h L4) */
	char *t = tl_script(&o, 80, 24, "key End\nclick 14 30\nclick 2 1\ndump\necho ====\nkey tab tab\nkey enter\ndump\n"
				     "echo ====\nkey enter enter enter enter enter\nkey up\ndump\necho ====\nkey bspace bspace bspace bspace bspace bspace bspace\ndump\n");
	char *q[4];
	q[0] = t;
	for (int i = 1; i < 4; i++) {
		q[i] = strstr(q[i - 1], "====\n");
		assert_non_null(q[i]);
		*q[i] = '\0';
		q[i] += 5;
	}
	HAS(q[0], "PFN 0x0 active");
	HAS(q[1], "per cell");
	HAS(q[2], "1 page per cell");
	HAS(q[2], "zoom");
	HAS(q[3], "Address      "); /* back to the list */
	HAS(q[3], "Size");
	free(t);
}


/* Predict, then see (docs/tui.md TUI-ASK) headless, on the tour's first
 * question (step 3: which frame list the first write takes its frame
 * from): N stops before the step with the question in the narration's
 * place and the answer line; keys type; a wrong answer shows the hint;
 * the right one plays the step and the score shows; `a` turns questions
 * off. */
static void test_questions(void **state)
{
	struct app_opts o = tour_opts();
	o.no_questions = false;
	char *t = tl_script(&o, 80, 24,
			    "key N N\ndump\necho ====\n"
			    "text nq\nkey backspace backspace\ntext wrong answer\nkey enter\ndump\necho ====\n"
			    "key esc\nwait 600000\ndump\necho ====\n"
			    "key a\ndump\n");
	char *q[4];
	q[0] = t;
	for (int i = 1; i < 4; i++) {
		q[i] = strstr(q[i - 1], "====\n");
		assert_non_null(q[i]);
		*q[i] = '\0';
		q[i] += 5;
	}
	const struct scn_ask *a = NULL;
	struct scenario *sc;
	struct scn_err e;
	assert_int_equal(scenario_open("tour", &sc, &e), 0);
	a = sc->steps[2].ask;
	assert_non_null(a);
	HAS(q[0], "Question: step 3/14");
	HAS(q[0], "? question");
	HAS(q[0], "answer:");
	HAS(q[0], "step 2/14"); /* the machine before the step */
	LACKS(q[0], "asked ");  /* no score before the first answer */
	LACKS(q[0], "Memory is managed in"); /* its explain waits for the answer */
	HAS(q[1], "answer:");
	LACKS(q[1], "answer: nq"); /* erased again: n and q were letters, not keys */
	HAS(q[1], "Not quite");
	HAS(q[1], "Question: step 3/14");
	/* Esc gives up: the answer is said, the step plays */
	HAS(q[2], "The answer is");
	HAS(q[2], "asked 0/1 right");
	HAS(q[2], "step 3/14");
	LACKS(q[2], "Question: step");
	HAS(q[3], "questions off");
	scenario_free(sc);
	free(t);
}

static void test_resize_storm(void **state)
{
	struct app_opts o = tour_opts();
	char s[8192];
	size_t n = 0;
	n += (size_t)snprintf(s + n, sizeof s - n, "key n n space\n");
	for (int i = 0; i < 60; i++)
		n += (size_t)snprintf(s + n, sizeof s - n, "resize %d %d\ntick\n", 5 + (i * 7) % 60, 10 + (i * 13) % 200);
	n += (size_t)snprintf(s + n, sizeof s - n, "resize 5 10\ndump\necho ====\nresize 24 80\nkey space\ndump\n");
	char *t = tl_script(&o, 80, 24, s);
	char *b = strstr(t, "====\n");
	assert_non_null(b);
	*b = '\0';
	HAS(t, "60x18");
	HAS(b + 5, "4096 frames");
	HAS(b + 5, "Translation");
	assert_int_equal(tl_lines(b + 5), 24);
	free(t);
}

static void test_big_memory_groups(void **state)
{
	struct app_opts o = free_opts(MM_ARCH_X64, 1ull << 30); /* 262,144 frames: summary groups */
	char *t = tl_script(&o, 80, 24, "dump\n");
	HAS(t, "262144 frames");
	HAS(t, "1 cell =");
	free(t);
}

/* A monkey at the keyboard: random keys (the bound ones, pane keys and
 * junk), typed commands good and bad, clicks anywhere, resizes down to 1x1;
 * nothing may crash (ASan checks the rest in make test). */
static void test_monkey(void **state)
{
	struct tmp_cwd cwd;
	tmp_cwd_enter(&cwd);
	static const char *const keys[] = {
		"space", "n", "p", "N", "P", "left", "right", "home", "end", "+", "-", "tab", "backtab", "?",
		"enter", "bspace", "up", "down", "pgup", "pgdn", "<", ">", "z", "Z", "esc", "x", "f5", "C-l",
		"delete", "j", "k", "]", "q"};
	static const char *const cmds[] = {
		"process create m.exe", "$v = VirtualAlloc 0 128K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
		"touch $v 128K w", "read $v+0x5000", "VirtualFree $v 0 MEM_RELEASE", "!pte $v", "!vm", "bogus 1 2",
		"write 0", "reset", "say hello", "vtop $v", "help", "!pfn 3"};
	const char *env = getenv("MMVIZ_MONKEY_ROUNDS"); /* more for a long hunt */
	int rounds = env && atoi(env) > 0 ? atoi(env) : 3;
	for (int round = 0; round < rounds; round++) {
		srand(100 + (unsigned)round);
		char *s = malloc(1 << 17);
		size_t n = 0;
		for (int i = 0; i < 1500; i++) {
			int r = rand() % 100;
			if (r < 55) {
				const char *k = keys[rand() % (int)(sizeof keys / sizeof keys[0])];
				if (!strcmp(k, "q"))
					k = "x"; /* quitting would end the run early */
				n += (size_t)snprintf(s + n, (1 << 17) - n, "key %s\n", k);
			} else if (r < 65) {
				n += (size_t)snprintf(s + n, (1 << 17) - n, "key :\ntext %s\nkey %s\n",
						      cmds[rand() % (int)(sizeof cmds / sizeof cmds[0])],
						      rand() % 4 ? "enter" : "tab");
			} else if (r < 80) {
				n += (size_t)snprintf(s + n, (1 << 17) - n, "click %d %d\n", rand() % 70, rand() % 210);
			} else if (r < 90) {
				n += (size_t)snprintf(s + n, (1 << 17) - n, "resize %d %d\n", 1 + rand() % 70, 1 + rand() % 220);
			} else {
				n += (size_t)snprintf(s + n, (1 << 17) - n, "wait %d\n", rand() % 3000);
			}
		}
		n += (size_t)snprintf(s + n, (1 << 17) - n, "resize 24 80\ndump\n");
		struct app_opts o = round % 3 == 2 ? free_opts(round % 2 ? MM_ARCH_X86 : MM_ARCH_PAE, 8u << 20) : tour_opts();
		char *t = tl_script(&o, 80, 24, s);
		assert_int_equal(tl_lines(t), 24);
		free(t);
		free(s);
	}
	tmp_cwd_leave(&cwd);
}

/* ---- the command line ----------------------------------------------------- */

static void type(struct cmdline *c, const char *s)
{
	for (; *s; s++) {
		struct draw_event ev = {.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = (unsigned char)*s};
		char out[8];
		cmdline_key(c, &ev, out, sizeof out);
	}
}

static void press(struct cmdline *c, enum draw_key k, char *out, size_t n)
{
	struct draw_event ev = {.type = DRAW_EV_KEY, .key = k};
	cmdline_key(c, &ev, out, n);
}

static void test_cmdline_completion(void **state)
{
	struct mm_config cfg;
	mm_config_default(&cfg);
	cfg.ram = 4u << 20;
	struct mm_err err;
	struct session *s = session_new(&cfg, &err);
	struct cmdline c;
	cmdline_init(&c, s);
	assert_true(c.nnames > 20);
	char out[CMDLINE_MAX];
	cmdline_open(&c);
	type(&c, "VirtualA");
	assert_int_equal(cmdline_complete(&c), 2); /* VirtualAlloc, VirtualAllocEx: their common part */
	assert_string_equal(c.buf, "VirtualAlloc");
	assert_non_null(strstr(c.hint, "VirtualAllocEx"));
	type(&c, " 0 4K MEM_RES");
	assert_true(cmdline_complete(&c) >= 2); /* MEM_RESERVE, MEM_RESET ... */
	assert_string_equal(c.buf, "VirtualAlloc 0 4K MEM_RESE");
	assert_non_null(strstr(c.hint, "MEM_RESET"));
	type(&c, "R");
	cmdline_complete(&c);
	assert_string_equal(c.buf, "VirtualAlloc 0 4K MEM_RESERVE");
	type(&c, "|MEM_CO");
	cmdline_complete(&c);
	assert_string_equal(c.buf, "VirtualAlloc 0 4K MEM_RESERVE|MEM_COMMIT");
	type(&c, " page_readw");
	cmdline_complete(&c);
	assert_string_equal(c.buf, "VirtualAlloc 0 4K MEM_RESERVE|MEM_COMMIT page_readw"); /* lower case: a file name */
	press(&c, DRAW_KEY_ESC, out, sizeof out);
	assert_false(c.active);

	cmdline_open(&c);
	type(&c, "process ");
	assert_true(cmdline_complete(&c) >= 3); /* create, use, exit, list */
	assert_non_null(strstr(c.hint, "create"));
	assert_non_null(strstr(c.hint, "list"));
	type(&c, "cr");
	cmdline_complete(&c);
	assert_string_equal(c.buf, "process create ");
	press(&c, DRAW_KEY_ESC, out, sizeof out);

	cJSON_Delete(session_exec_json(s, "process create a.exe"));
	cJSON_Delete(session_exec_json(s, "$base = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE"));
	cJSON_Delete(session_exec_json(s, "$buf = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE"));
	cmdline_open(&c);
	type(&c, "read $b");
	assert_int_equal(cmdline_complete(&c), 2);
	assert_string_equal(c.buf, "read $b");
	type(&c, "u");
	cmdline_complete(&c);
	assert_string_equal(c.buf, "read $buf ");
	press(&c, DRAW_KEY_ESC, out, sizeof out);

	cmdline_open(&c);
	type(&c, "$x = !p");
	cmdline_complete(&c); /* after an assignment: commands */
	assert_non_null(strstr(c.hint, "!pte"));
	assert_non_null(strstr(c.hint, "!pfn"));
	press(&c, DRAW_KEY_ESC, out, sizeof out);

	cmdline_open(&c);
	type(&c, "say tests/uni");
	cmdline_complete(&c);
	assert_string_equal(c.buf, "say tests/unit/");
	press(&c, DRAW_KEY_ESC, out, sizeof out);
	cmdline_fini(&c);
	session_free(s);
}

static void test_cmdline_editing_history(void **state)
{
	struct cmdline c;
	cmdline_init(&c, NULL);
	char out[CMDLINE_MAX];
	cmdline_open(&c);
	type(&c, "!vm");
	press(&c, DRAW_KEY_ENTER, out, sizeof out);
	assert_string_equal(out, "!vm");
	assert_false(c.active);
	cmdline_open(&c);
	type(&c, "read 0x1000");
	press(&c, DRAW_KEY_HOME, out, sizeof out);
	press(&c, DRAW_KEY_DELETE, out, sizeof out);
	type(&c, "R");
	press(&c, DRAW_KEY_END, out, sizeof out);
	press(&c, DRAW_KEY_BACKSPACE, out, sizeof out);
	press(&c, DRAW_KEY_LEFT, out, sizeof out);
	type(&c, "2");
	assert_string_equal(c.buf, "Read 0x1020");
	press(&c, DRAW_KEY_ENTER, out, sizeof out);
	cmdline_open(&c);
	type(&c, "half");
	press(&c, DRAW_KEY_UP, out, sizeof out);
	assert_string_equal(c.buf, "Read 0x1020");
	press(&c, DRAW_KEY_UP, out, sizeof out);
	assert_string_equal(c.buf, "!vm");
	press(&c, DRAW_KEY_UP, out, sizeof out);
	assert_string_equal(c.buf, "!vm");
	press(&c, DRAW_KEY_DOWN, out, sizeof out);
	press(&c, DRAW_KEY_DOWN, out, sizeof out);
	assert_string_equal(c.buf, "half"); /* the line being typed comes back */
	struct draw_event cw = {.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = 'w', .mods = DRAW_MOD_CTRL};
	cmdline_key(&c, &cw, out, sizeof out);
	assert_string_equal(c.buf, "");
	press(&c, DRAW_KEY_BACKSPACE, out, sizeof out); /* on an empty line: closes */
	assert_false(c.active);
	/* a very long paste stays bounded */
	cmdline_open(&c);
	for (int i = 0; i < 3000; i++)
		type(&c, "x");
	assert_true(c.len < CMDLINE_MAX);
	cmdline_fini(&c);
}

static int count_of(const char *t, const char *s)
{
	int n = 0;
	for (const char *p = strstr(t, s); p; p = strstr(p + strlen(s), s))
		n++;
	return n;
}

/* The address-space pane as VMMap shows it (docs/tui.md TUI-VAS,
 * TUI-VAS-MAP): Details tell three images, the PEB and the TEB apart; an
 * image expands into its sections (e); the summary per type (u); the page
 * map of the paging lesson's case (4 touched pages of 5 MB), its legend,
 * in English and German. */
static void test_vas_vmmap(void **state)
{
	const char *s = "key :\ntext process create app.exe\nkey enter\nwait 100000\n"
			"key :\ntext read 0x7ff800001000\nkey enter\nwait 100000\n"
			"click 3 3\nkey esc\nkey x\ndump\necho ====\nkey u\ndump\necho ====\nkey u\n"
			"key :\ntext $p = VirtualAlloc 0 5M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\nkey enter\nwait 100000\n"
			"key :\ntext write $p 1\nkey enter\nwait 100000\nkey :\ntext write $p+0x100000 1\nkey enter\n"
			"wait 100000\nkey :\ntext write $p+0x200000 1\nkey enter\nwait 100000\nkey :\n"
			"text write $p+0x300000 1\nkey enter\nwait 100000\nkey esc\ndump\necho ====\n"
			"key :\ntext EmptyWorkingSet\nkey enter\nwait 100000\nkey esc\ndump\n";
	struct app_opts o = free_opts(MM_ARCH_X64, 16u << 20);
	for (int lang = 0; lang < 2; lang++) {
		o.cfg.lang = lang;
		char *t = tl_script(&o, 200, 60, s);
		char *q[4];
		q[0] = t;
		for (int i = 1; i < 4; i++) {
			q[i] = strstr(q[i - 1], "====\n");
			assert_non_null(q[i]);
			*q[i] = '\0';
			q[i] += 5;
		}
		if (!lang) {
			/* Details before Size in its short form, so Commit and WS fit */
			HAS(q[0], "Address      Type       Size Commit WS Details");
			HAS(q[0], "\u2588Image      96K    96K 4K ntdll"); /* committed from the mapping */
			HAS(q[0], "\u2588Image      40K    40K    app");
			HAS(q[0], "\u2588Image      76K    76K    kernel32"); /* the module as lm names it */
			HAS(q[0], "Details ntdll.dll  Protection EXECUTE_WRITECOPY"); /* the selected row's in full */
			HAS(q[0], " .text      64K    64K 4K RVA 0x1000"); /* a section: its RVA */
			HAS(q[0], "PEB");
			HAS(q[0], "Heap 0");
			HAS(q[0], "Unusable   32K"); /* ntdll's 96 KB leave 32 KB of the 64 KB granularity */
			HAS(q[0], " .text");	  /* expanded */
			HAS(q[0], " headers");
			HAS(q[1], "Summary: app.exe (pid 936)");
			HAS(q[1], "Type");
			HAS(q[1], "Blocks");
			HAS(q[1], "Page Table");
			HAS(q[1], "Total");
			HAS(q[2], "1 cell = 8 pages (32K)");
			HAS(q[2], "\u2592 partly in WS");
			HAS(q[2], "\u00b7 demand zero");
			HAS(q[3], "~ standby/modified");
		} else {
			HAS(q[0], "Adresse      Typ      Größe Zugesi. AS Details");
			HAS(q[0], "\u2588Image     76K"); /* Image, as the glossary says */
			HAS(q[0], "kernel32");
			HAS(q[1], "Übersicht: app.exe (PID 936)");
			HAS(q[1], "Gesamt");
			HAS(q[2], "1 Zelle = 8 Seiten (32K)");
			HAS(q[2], "teils im AS");
			HAS(q[3], "Standby/Geändert");
		}
		/* three touched pages 1 MB apart (the fourth is in play): one cell
		 * each, partly in the working set; trimmed, in RAM outside it */
		assert_int_equal(count_of(q[2], "\u2592"), 3 + 1);
		assert_int_equal(count_of(q[2], "~"), 1);
		assert_int_equal(count_of(q[3], "\u2592"), 1);
		assert_int_equal(count_of(q[3], "~"), 3 + 1);
		free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tour_start),
		cmocka_unit_test(test_tour_first_write_80x24),
		cmocka_unit_test(test_tour_projector_160x48),
		cmocka_unit_test(test_every_size),
		cmocka_unit_test(test_paging_modes),
		cmocka_unit_test(test_typed_commands_and_errors),
		cmocka_unit_test(test_help_and_keys),
		cmocka_unit_test(test_stepping_keys),
		cmocka_unit_test(test_select_and_zoom),
		cmocka_unit_test(test_resize_storm),
		cmocka_unit_test(test_questions),
		cmocka_unit_test(test_big_memory_groups),
		cmocka_unit_test(test_monkey),
		cmocka_unit_test(test_cmdline_completion),
		cmocka_unit_test(test_cmdline_editing_history),
		cmocka_unit_test(test_vas_vmmap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
