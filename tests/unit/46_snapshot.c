/*
 * 46_snapshot.c — the screen as a file (docs/tui.md TUI-SNAPSHOT,
 * docs/commands.md CMD-SNAPSHOT): the HTML and SVG writers on a small grid
 * (exact cell boxes, escaping, the theme's colours, reverse and the 8-
 * colour palette), and the `snapshot` command and the S key as a user meets
 * them: a file written from the TUI, an existing file or a symbolic link
 * never replaced without --force, a name without a picture format refused,
 * and no screen in batch mode.  Browsers' view of the pictures is
 * tests/e2e/snapshot_browser.sh's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cellgrid.h"
#include "snapshot.h"
#include "testlib.h"
#include "tlscreen.h"

static char *write_grid(const struct cellgrid *g, const struct theme_resolved *rt, enum snap_format f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(snapshot_write(g, rt, f, out), 0);
	fclose(out);
	return buf;
}

static void resolved(struct theme_resolved *rt, int colors)
{
	struct theme t;
	assert_int_equal(theme_builtin(&t, "default"), 0);
	theme_resolve(&t, colors, rt);
}

static void test_formats_by_name(void **state)
{
	(void)state;
	assert_int_equal(snap_format_lookup("html"), SNAP_HTML);
	assert_int_equal(snap_format_lookup("svg"), SNAP_SVG);
	assert_int_equal(snap_format_lookup("png"), -1);
	assert_int_equal(snap_format_of_path("slides/step8.SVG"), SNAP_SVG);
	assert_int_equal(snap_format_of_path("a.htm"), SNAP_HTML);
	assert_int_equal(snap_format_of_path("a.ans"), SNAP_ANSI);
	assert_int_equal(snap_format_of_path(".html"), -1); /* no name before the extension */
	assert_int_equal(snap_format_of_path("a.png"), -1);
}

/* Every run of cells is a box of exactly its columns x 9 pixels, so a
 * row is always 9 x W pixels wide whatever the font; text is escaped. */
static void test_html_cells(void **state)
{
	(void)state;
	struct theme_resolved rt;
	resolved(&rt, 256);
	struct cellgrid *g = grid_new(2, 10);
	grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "a<b&c>");
	grid_text_at(g, 1, 2, ROLE_UI_STATUS, "ok");
	char *h = write_grid(g, &rt, SNAP_HTML);
	HAS(h, "<!DOCTYPE html>");
	HAS(h, "width:90px;height:36px");
	HAS(h, ">a&lt;b&amp;c&gt;    </span>");
	HAS(h, "width:18px;color:#ffffff;background:#005f87\">ok</span>"); /* ui.status: 231 on 24 */
	LACKS(h, "<script");
	LACKS(h, "a<b");
	free(h);
	grid_free(g);
}

static void test_svg_words_and_blocks(void **state)
{
	(void)state;
	struct theme_resolved rt;
	resolved(&rt, 256);
	struct cellgrid *g = grid_new(1, 12);
	grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, " two  words");
	grid_put(g, 0, 11, ROLE_UI_STATUS | GRID_REVERSE, 0x2588);
	char *s = write_grid(g, &rt, SNAP_SVG);
	HAS(s, "width=\"108\" height=\"18\"");
	/* each word at its own column, of its exact length */
	HAS(s, "<text x=\"9\" y=\"14\" textLength=\"27\"");
	HAS(s, ">two</text>");
	HAS(s, "<text x=\"54\" y=\"14\" textLength=\"45\"");
	HAS(s, ">words</text>");
	/* the full block, reversed: painted in the status bar's background, edge to edge */
	HAS(s, "<rect x=\"99\" y=\"0\" width=\"9\" height=\"18\" fill=\"#005f87\"/>");
	free(s);
	grid_free(g);
}

/* With 8 colours the pictures use the eight basic colours, as the terminal
 * would; without colour the terminal's own two. */
static void test_depths(void **state)
{
	(void)state;
	struct theme_resolved rt;
	resolved(&rt, 8);
	assert_int_equal(snap_rgb(&rt, 4, 1), 0x0000ee);
	assert_int_equal(snap_rgb(&rt, -1, 1), 0x000000);
	resolved(&rt, 256);
	assert_int_equal(snap_rgb(&rt, 24, 1), 0x005f87);
	assert_int_equal(snap_rgb(&rt, 244, 0), 0x808080);
	rt.light = true;
	assert_int_equal(snap_rgb(&rt, -1, 1), 0xffffff);
	assert_int_equal(snap_rgb(&rt, -1, 0), 0x000000);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = calloc(1, 1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static struct app_opts free_play(void)
{
	struct app_opts o = {.free_play = true};
	mm_config_default(&o.cfg);
	o.cfg.ram = 16u << 20;
	o.cfg.npagefiles = 1;
	o.cfg.pagefile[0] = 32u << 20;
	return o;
}

static char *type(const char *line)
{
	struct app_opts o = free_play();
	char script[600];
	snprintf(script, sizeof script, "key :\ntext %s\nkey enter\ndump\n", line);
	return tl_script(&o, 200, 40, script);
}

/* The typed command writes the screen; a second time the file is kept and
 * the error says why and what to do; --force replaces it. */
static void test_command_never_replaces(void **state)
{
	(void)state;
	char dir[] = "/tmp/mmviz-snap-XXXXXX", path[96], line[160];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/slide.html", dir);
	snprintf(line, sizeof line, "snapshot %s", path);
	char *t = type(line);
	HAS(t, "bytes:");
	free(t);
	char *h = slurp(path);
	assert_non_null(h);
	HAS(h, "<!DOCTYPE html>");
	HAS(h, "Free play");
	free(h);
	FILE *f = fopen(path, "w");
	fputs("my slide\n", f);
	fclose(f);
	t = type(line);
	HAS(t, "exists; expected a new file name, or --force");
	free(t);
	h = slurp(path);
	assert_string_equal(h, "my slide\n");
	free(h);
	snprintf(line, sizeof line, "snapshot %s --force", path);
	free(type(line));
	h = slurp(path);
	HAS(h, "<!DOCTYPE html>");
	free(h);
	unlink(path);
	rmdir(dir);
}

/* A symbolic link planted at the name is neither followed nor replaced,
 * --force or not (CMD-SESSION's rules); the file it points to is untouched. */
static void test_command_refuses_links(void **state)
{
	(void)state;
	char dir[] = "/tmp/mmviz-snap-XXXXXX", path[96], target[96], line[160];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/slide.svg", dir);
	snprintf(target, sizeof target, "%s/victim", dir);
	assert_int_equal(symlink(target, path), 0);
	for (int force = 0; force < 2; force++) {
		snprintf(line, sizeof line, "snapshot %s%s", path, force ? " --force" : "");
		char *t = type(line);
		HAS(t, "it is a symbolic link");
		free(t);
		struct stat st;
		assert_int_equal(lstat(target, &st), -1); /* the link's target was never created */
	}
	unlink(path);
	rmdir(dir);
}

static void test_command_errors(void **state)
{
	(void)state;
	char *t = type("snapshot /tmp/slide.png");
	HAS(t, "names no picture format; expected a name ending in .html, .svg");
	free(t);
	t = type("snapshot /tmp/x.html -f");
	HAS(t, "'-f' is no option; expected --force");
	free(t);
	struct session *s = tl_session(MM_ARCH_X64); /* batch mode: no screen */
	tl_fails(s, "ERROR_NOT_SUPPORTED", NULL, -1, "snapshot /tmp/mmviz-never.html");
	struct stat st;
	assert_int_equal(lstat("/tmp/mmviz-never.html", &st), -1);
	session_free(s);
}

/* S writes the next free mmviz-NNN.html of the working directory. */
static void test_key(void **state)
{
	(void)state;
	char dir[] = "/tmp/mmviz-snap-XXXXXX", old[4096];
	assert_non_null(mkdtemp(dir));
	assert_non_null(getcwd(old, sizeof old));
	assert_int_equal(chdir(dir), 0);
	FILE *f = fopen("mmviz-001.html", "w");
	fclose(f);
	struct app_opts o = free_play();
	char *t = tl_script(&o, 100, 30, "key S\ndump\n");
	HAS(t, "snapshot mmviz-002.html");
	free(t);
	char *h = slurp("mmviz-002.html");
	assert_non_null(h);
	HAS(h, "Free play");
	LACKS(h, "running snapshot"); /* the panes, not the status of the command itself */
	free(h);
	unlink("mmviz-001.html");
	unlink("mmviz-002.html");
	assert_int_equal(chdir(old), 0);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats_by_name),
		cmocka_unit_test(test_html_cells),
		cmocka_unit_test(test_svg_words_and_blocks),
		cmocka_unit_test(test_depths),
		cmocka_unit_test(test_command_never_replaces),
		cmocka_unit_test(test_command_refuses_links),
		cmocka_unit_test(test_command_errors),
		cmocka_unit_test(test_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
