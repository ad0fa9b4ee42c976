/*
 * 32_headless.c — the headless backend as `mmviz --screen` and the golden
 * tests use it: the presented frame printed exactly (plain text or ANSI
 * from the theme), scripted events in order, a virtual clock that moves
 * only when the script says so, and clean errors for bad scripts and for
 * terminal backends without a terminal.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cellgrid.h"
#include "draw.h"

struct capture {
	char *buf;
	size_t len;
	FILE *f;
};

static void capture_open(struct capture *c)
{
	c->buf = NULL;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
}

static const char *capture_text(struct capture *c)
{
	fflush(c->f);
	return c->buf;
}

static void capture_close(struct capture *c)
{
	fclose(c->f);
	free(c->buf);
}

/* The small screen every test draws: a box, a title, a value, a status bar. */
static void compose(struct cellgrid *g)
{
	grid_clear(g);
	grid_box(g, (struct grid_rect){0, 0, 3, 16}, ROLE_BORDER_FOCUSED, "Phys");
	grid_text_at(g, 1, 1, ROLE_TEXT_TITLE, "RAM");
	grid_text_at(g, 1, 5, ROLE_TEXT_NORMAL, "64M");
	grid_fill(g, (struct grid_rect){3, 0, 1, 16}, ROLE_UI_STATUS, ' ');
	grid_text_at(g, 3, 1, ROLE_UI_STATUS, "free: 12");
}

static struct draw *open_headless(struct draw_opts o)
{
	struct mm_err err = {0};
	struct draw *d = draw_open("headless", &o, &err);
	if (!d)
		fail_msg("%s", err.msg);
	return d;
}

static void test_present_and_dump_text(void **state)
{
	struct capture cap;
	capture_open(&cap);
	struct draw *d = open_headless((struct draw_opts){.rows = 5, .cols = 16});
	int rows, cols;
	draw_size(d, &rows, &cols);
	assert_int_equal(rows, 5);
	assert_int_equal(cols, 16);
	assert_int_equal(backend_headless_dump(d, cap.f), -1); /* nothing presented yet */
	assert_null(backend_headless_frame(d));
	struct cellgrid *g = grid_new(rows, cols);
	compose(g);
	grid_text_at(g, 4, 0, ROLE_TEXT_NARRATION, "esc\033[2J");
	assert_int_equal(draw_present(d, g), 0);
	grid_clear(g); /* the backend kept its own copy */
	assert_int_equal(backend_headless_dump(d, cap.f), 0);
	assert_string_equal(capture_text(&cap), "┌─ Phys ───────┐\n"
						"│RAM 64M       │\n"
						"└──────────────┘\n"
						" free: 12\n"
						"esc\xef\xbf\xbd[2J\n");
	assert_non_null(backend_headless_frame(d));
	draw_close(d);
	grid_free(g);
	capture_close(&cap);
}

static void test_ansi_from_theme(void **state)
{
	struct cellgrid *g = grid_new(4, 16);
	compose(g);
	const struct {
		struct draw_opts o;
		const char *want[3];
	} cases[] = {
		/* 256 colours: default theme, border.focused = bold 75, title = bold 231,
		 * the status bar's blanks keep their background (not trimmed). */
		{{.ansi = true}, {"\033[0;1;38;5;75m┌─ Phys", "\033[0;1;38;5;231mRAM\033[0m 64M",
				  "\033[0;38;5;231;48;5;24m free: 12       \033[0m\n"}},
		{{.ansi = true, .colors = 8}, {"\033[0;1;36m┌", "\033[0;1;37mRAM", "\033[0;37;44m free"}},
		{{.ansi = true, .no_color = true}, {"\033[0;1m┌", "\033[0;7m free: 12       \033[0m\n", "│"}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct capture cap;
		capture_open(&cap);
		struct draw *d = open_headless(cases[i].o);
		draw_present(d, g);
		assert_int_equal(backend_headless_dump(d, cap.f), 0);
		const char *out = capture_text(&cap);
		for (int k = 0; k < 3; k++)
			if (!strstr(out, cases[i].want[k]))
				fail_msg("case %zu: no \"%s\" in:\n%s", i, cases[i].want[k], out);
		if (cases[i].o.no_color || cases[i].o.colors == 8)
			assert_null(strstr(out, "38;5;"));
		draw_close(d);
		capture_close(&cap);
	}
	/* The plain writer never emits an escape, the ANSI one always resets. */
	struct capture cap;
	capture_open(&cap);
	assert_int_equal(backend_headless_write_text(g, cap.f), 0);
	assert_null(strchr(capture_text(&cap), '\033'));
	capture_close(&cap);
	grid_free(g);
}

static void test_scripted_events(void **state)
{
	struct capture cap;
	capture_open(&cap);
	const char *script = "# a comment, then a blank line\n"
			     "\n"
			     "key q C-a F5 S-tab enter\n"
			     "text hé\n"
			     "click 3 4\n"
			     "wheel up 1 2\n"
			     "resize 10 40\n"
			     "tick\n"
			     "echo marker\n"
			     "dump\n"
			     "close\n";
	struct draw *d = open_headless((struct draw_opts){.rows = 4, .cols = 16, .script = script, .out = cap.f});
	struct cellgrid *g = grid_new(4, 16);
	compose(g);
	draw_present(d, g);
	const struct {
		int rc;
		struct draw_event ev;
	} want[] = {
		{1, {.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = 'q'}},
		{1, {.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = 'a', .mods = DRAW_MOD_CTRL}},
		{1, {.type = DRAW_EV_KEY, .key = DRAW_KEY_F1 + 4}},
		{1, {.type = DRAW_EV_KEY, .key = DRAW_KEY_BACKTAB}},
		{1, {.type = DRAW_EV_KEY, .key = DRAW_KEY_ENTER}},
		{1, {.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = 'h'}},
		{1, {.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = 0xE9}},
		{1, {.type = DRAW_EV_MOUSE, .mouse = DRAW_MOUSE_PRESS, .button = 1, .y = 3, .x = 4}},
		{1, {.type = DRAW_EV_MOUSE, .mouse = DRAW_MOUSE_RELEASE, .button = 1, .y = 3, .x = 4}},
		{1, {.type = DRAW_EV_MOUSE, .mouse = DRAW_MOUSE_WHEEL_UP, .y = 1, .x = 2}},
		{1, {.type = DRAW_EV_RESIZE, .rows = 10, .cols = 40}},
		{0, {.type = DRAW_EV_TIMEOUT}},
		{1, {.type = DRAW_EV_CLOSED}},
		{1, {.type = DRAW_EV_CLOSED}}, /* and it stays closed */
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct draw_event ev;
		assert_int_equal(draw_poll(d, &ev, 100), want[i].rc);
		assert_memory_equal(&ev, &want[i].ev, sizeof ev);
	}
	int rows, cols;
	draw_size(d, &rows, &cols);
	assert_int_equal(rows, 10);
	assert_int_equal(cols, 40);
	const char *out = capture_text(&cap);
	assert_true(strncmp(out, "marker\n┌─ Phys", strlen("marker\n┌─ Phys")) == 0);
	draw_close(d);
	grid_free(g);
	capture_close(&cap);
}

static void test_virtual_clock(void **state)
{
	struct draw *d = open_headless((struct draw_opts){.script = "tick\nwait 250\nkey x\nwait 500\n"});
	struct draw_event ev;
	assert_int_equal(draw_now_ms(d), 0);
	assert_int_equal(draw_poll(d, &ev, 40), 0); /* tick: exactly the poll's timeout */
	assert_int_equal(ev.type, DRAW_EV_TIMEOUT);
	assert_int_equal(draw_now_ms(d), 40);
	const int64_t after[] = {140, 240, 290}; /* wait 250 in slices of 100 */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(draw_poll(d, &ev, 100), 0);
		assert_int_equal(draw_now_ms(d), after[i]);
	}
	assert_int_equal(draw_poll(d, &ev, 100), 1);
	assert_int_equal(ev.cp, 'x');
	assert_int_equal(draw_now_ms(d), 290); /* events take no time */
	assert_int_equal(draw_poll(d, &ev, -1), 0); /* no limit: the whole wait */
	assert_int_equal(draw_now_ms(d), 790);
	assert_int_equal(draw_poll(d, &ev, 100), 1);
	assert_int_equal(ev.type, DRAW_EV_CLOSED);
	assert_int_equal(draw_now_ms(d), 790);
	draw_close(d);
}

static void test_events_array(void **state)
{
	const struct draw_event evs[] = {
		{.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = 'n'},
		{.type = DRAW_EV_TIMEOUT},
		{.type = DRAW_EV_RESIZE, .rows = 5, .cols = 10},
	};
	struct draw *d = open_headless((struct draw_opts){.events = evs, .nevents = 3});
	struct draw_event ev;
	assert_int_equal(draw_poll(d, &ev, 30), 1);
	assert_int_equal(ev.cp, 'n');
	assert_int_equal(draw_poll(d, &ev, 30), 0);
	assert_int_equal(draw_now_ms(d), 30);
	assert_int_equal(draw_poll(d, &ev, 30), 1);
	int rows, cols;
	draw_size(d, &rows, &cols);
	assert_int_equal(rows * 100 + cols, 510);
	assert_int_equal(draw_poll(d, &ev, 30), 1);
	assert_int_equal(ev.type, DRAW_EV_CLOSED);
	draw_close(d);
}

static void test_script_errors(void **state)
{
	const struct {
		const char *script, *msg;
	} bad[] = {
		{"key nosuchkey\n", "line 1"}, {"\n# c\nresize 0 5\n", "line 3"},
		{"frobnicate\n", "\"frobnicate\""}, {"wait -5\n", "line 1"},
		{"click 1\n", "line 1"},	 {"dump now\n", "line 1"},
		{"key\n", "line 1"},		 {"wheel sideways 1 2\n", "line 1"},
		{"key f13\n", "line 1"},	 {"click 1 2 4\n", "line 1"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct mm_err err = {0};
		struct draw *d = draw_open("headless", &(struct draw_opts){.script = bad[i].script}, &err);
		assert_null(d);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("script %zu: \"%s\" lacks \"%s\"", i, err.msg, bad[i].msg);
	}
}

static void test_key_names(void **state)
{
	struct draw_event ev;
	assert_int_equal(backend_headless_parse_key("C-A", &ev), 0);
	assert_int_equal(ev.cp, 'a');
	assert_int_equal(ev.mods, DRAW_MOD_CTRL);
	assert_int_equal(backend_headless_parse_key("M-x", &ev), 0);
	assert_int_equal(ev.mods, DRAW_MOD_ALT);
	assert_int_equal(backend_headless_parse_key("PageDown", &ev), 0); /* tickit's names too */
	assert_int_equal(ev.key, DRAW_KEY_PGDN);
	assert_int_equal(backend_headless_parse_key("Escape", &ev), 0);
	assert_int_equal(ev.key, DRAW_KEY_ESC);
	assert_int_equal(backend_headless_parse_key("f12", &ev), 0);
	assert_int_equal(ev.key, DRAW_KEY_F12);
	assert_int_equal(backend_headless_parse_key("space", &ev), 0);
	assert_int_equal(ev.cp, ' ');
	assert_int_equal(backend_headless_parse_key("-", &ev), 0);
	assert_int_equal(ev.cp, '-');
	assert_int_equal(backend_headless_parse_key("", &ev), -1);
	assert_int_equal(backend_headless_parse_key("f0", &ev), -1);
	assert_int_equal(backend_headless_parse_key("\033", &ev), -1);
}

static void test_theme_switch_and_ascii(void **state)
{
	struct capture cap;
	capture_open(&cap);
	struct theme mono;
	theme_builtin(&mono, "mono");
	struct draw *d = open_headless((struct draw_opts){.ansi = true, .ascii = true, .theme = &mono});
	assert_false(d->utf8);
	assert_int_equal(d->colors, 256);
	assert_string_equal(d->theme.name, "mono");
	struct cellgrid *g = grid_new(2, 6);
	grid_set_ascii(g, !d->utf8);
	grid_set_glyphs(g, d->rt.glyph);
	grid_fill(g, (struct grid_rect){0, 0, 1, 6}, ROLE_PAGE_BAD, GRID_GLYPH);
	grid_text_at(g, 1, 0, ROLE_TEXT_NORMAL, "█─é");
	draw_present(d, g);
	backend_headless_dump(d, cap.f);
	assert_string_equal(capture_text(&cap), "\033[0;7mXXXXXX\033[0m\n#-e\n"); /* é: its base letter */
	struct theme def;
	theme_builtin(&def, "default");
	draw_set_theme(d, &def);
	assert_int_equal(d->rt.pen[ROLE_PAGE_BAD].bg, 124);
	draw_close(d);
	grid_free(g);
	capture_close(&cap);
}

/* Without a terminal the terminal backends fail with a message, never exit. */
static void test_no_terminal(void **state)
{
	struct mm_err err = {0};
	assert_null(draw_open("frob", NULL, &err));
	assert_non_null(strstr(err.msg, "unknown backend \"frob\""));
	int saved = dup(STDIN_FILENO), null = open("/dev/null", O_RDONLY);
	assert_true(saved >= 0 && null >= 0);
	dup2(null, STDIN_FILENO);
	const char *names[2] = {"ncurses", "tickit"};
	for (int i = 0; i < 2; i++) {
		memset(&err, 0, sizeof err);
		struct draw *d = draw_open(names[i], NULL, &err);
		assert_null(d);
		assert_string_equal(err.code, "terminal");
		assert_non_null(strstr(err.msg, "must be a terminal"));
	}
	dup2(saved, STDIN_FILENO);
	close(saved);
	close(null);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_present_and_dump_text), cmocka_unit_test(test_ansi_from_theme),
		cmocka_unit_test(test_scripted_events),	      cmocka_unit_test(test_virtual_clock),
		cmocka_unit_test(test_events_array),	      cmocka_unit_test(test_script_errors),
		cmocka_unit_test(test_key_names),	      cmocka_unit_test(test_theme_switch_and_ascii),
		cmocka_unit_test(test_no_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
