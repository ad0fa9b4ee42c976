/*
 * 31_theme.c — theme files as a user meets them: every shipped theme loads;
 * a mistake is refused with a message naming the role, the JSON path and
 * line:column, and changes nothing; the built-in themes say what the files
 * say; resolution for 256, 8 and no colours keeps states apart.
 *
 * Run from the repository root (or set MMVIZ_ROOT): reads the files in themes/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "scenario.h"
#include "theme.h"

static const char *const shipped[] = {"default", "light", "high-contrast", "colorblind", "mono"};

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	const char *root = getenv("MMVIZ_ROOT");
	snprintf(path, sizeof path, "%s/themes/%s.json", root ? root : ".", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (run from the repository root or set MMVIZ_ROOT)", path);
	char *buf = malloc(THEME_FILE_MAX + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, THEME_FILE_MAX, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* default.json with the first `from` (after `after`) replaced by `to`. */
static char *edited(const char *after, const char *from, const char *to)
{
	size_t len;
	char *src = slurp("default", &len), *out = malloc(len + strlen(to) + 1);
	char *at = strstr(src, after);
	assert_non_null(at);
	at = strstr(at, from);
	assert_non_null(at);
	size_t pre = (size_t)(at - src);
	memcpy(out, src, pre);
	strcpy(out + pre, to);
	strcat(out, at + strlen(from));
	free(src);
	return out;
}

/* "line:col" of the first `marker` after `after`, counted independently. */
static const char *where(const char *text, const char *after, const char *marker)
{
	static char buf[32];
	const char *at = strstr(strstr(text, after), marker);
	int line = 1, col = 1;
	assert_non_null(at);
	for (const char *p = text; p < at; p++, col++)
		if (*p == '\n')
			line++, col = 0;
	snprintf(buf, sizeof buf, ":%d:%d:", line, col);
	return buf;
}

/* Loads text, expecting a refusal whose message holds every NULL-ended piece. */
static void expect_refused(const char *text, ...)
{
	struct theme t, before;
	struct mm_err err = {0};
	memset(&t, 0xAB, sizeof t);
	before = t;
	assert_int_equal(theme_load_buf(&t, text, strlen(text), "edited.json", &err), -1);
	assert_memory_equal(&t, &before, sizeof t); /* a failure changes nothing */
	assert_string_equal(err.code, "theme");
	va_list ap;
	va_start(ap, text);
	for (const char *piece; (piece = va_arg(ap, const char *)) != NULL;)
		if (!strstr(err.msg, piece))
			fail_msg("message \"%s\" lacks \"%s\"", err.msg, piece);
	va_end(ap);
}

static int pen_eq(const struct theme_pen *a, const struct theme_pen *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs;
}

static void test_shipped_themes_load(void **state)
{
	for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
		size_t len;
		char *buf = slurp(shipped[i], &len);
		struct theme t;
		struct mm_err err = {0};
		if (theme_load_buf(&t, buf, len, shipped[i], &err) != 0)
			fail_msg("%s", err.msg);
		assert_string_equal(t.name, shipped[i]);
		assert_true(strlen(t.title) > 10);
		/* The page states stay distinguishable at every depth. */
		for (int depth = 256; depth >= 0; depth = depth ? depth == 256 ? 8 : 0 : -1) {
			struct theme_resolved rt;
			theme_resolve(&t, depth, &rt);
			for (int a = ROLE_PAGE_ZEROED; a <= ROLE_PAGE_TRANSITION; a++)
				for (int b = a + 1; b <= ROLE_PAGE_TRANSITION; b++)
					assert_true(!pen_eq(&rt.pen[a], &rt.pen[b]) || rt.glyph[a] != rt.glyph[b]);
			if (depth == 0)
				break;
		}
		free(buf);
	}
}

static void test_builtin_equals_files(void **state)
{
	const char *names[2] = {"default", "mono"};
	for (int i = 0; i < 2; i++) {
		size_t len;
		char *buf = slurp(names[i], &len);
		struct theme file, built;
		struct mm_err err = {0};
		assert_int_equal(theme_load_buf(&file, buf, len, names[i], &err), 0);
		assert_int_equal(theme_builtin(&built, names[i]), 0);
		assert_string_equal(file.name, built.name);
		for (int r = 0; r < ROLE_COUNT; r++) {
			const struct theme_style *f = &file.role[r], *b = &built.role[r];
			if (f->fg != b->fg || f->bg != b->bg || f->fg8 != b->fg8 || f->bg8 != b->bg8 ||
			    f->attrs != b->attrs || f->glyph != b->glyph)
				fail_msg("%s: role %s differs from the built-in table", names[i], theme_role_key(r));
		}
		free(buf);
	}
	struct theme t;
	assert_int_equal(theme_builtin(&t, "light"), -1);
}

static void test_missing_role_named(void **state)
{
	char *text = edited("\"pte.dirty\"", "\"pte.dirty\"", "\"pte.dirtyy\"");
	expect_refused(text, "edited.json", "unknown role \"pte.dirtyy\"", where(text, "{", "\"pte.dirtyy\""),
		       NULL);
	free(text);
	/* Drop the whole line: the role is named, at the "roles" object. */
	text = edited("\"pte.dirty\"", "\"pte.dirty\"", "\"x\"");
	char *line = strstr(text, "    \"x\"");
	memmove(line, strchr(line, '\n') + 1, strlen(strchr(line, '\n') + 1) + 1);
	expect_refused(text, "edited.json", "roles: missing role \"pte.dirty\"", where(text, "\"roles\"", "{"),
		       NULL);
	free(text);
	expect_refused("{\"roles\": {}}", "missing role \"page.zeroed\" (and", NULL);
	expect_refused("{\"name\": \"x\"}", "missing key \"roles\"", NULL);
	text = edited("\"ui.cursor\"", "\"fg\": 16, ", "");
	expect_refused(text, "roles[\"ui.cursor\"]: missing \"fg\"", NULL);
	free(text);
}

static void test_bad_colour_named(void **state)
{
	char *text = edited("\"page.standby\"", "\"fg\": 16", "\"fg\": 300");
	expect_refused(text, "edited.json", "roles[\"page.standby\"].fg", "bad colour 300",
		       where(text, "\"page.standby\"", "300"), "-1..255", NULL);
	free(text);
	text = edited("\"hl.fault\"", "\"bg8\": \"red\"", "\"bg8\": \"purple\"");
	expect_refused(text, "roles[\"hl.fault\"].bg8", "bad colour \"purple\"",
		       where(text, "\"hl.fault\"", "\"purple\""), "black, red", NULL);
	free(text);
	text = edited("\"va.pti\"", "\"bg\": 75", "\"bg\": \"#12345\"");
	expect_refused(text, "roles[\"va.pti\"].bg", "\"#12345\"", NULL);
	free(text);
	text = edited("\"va.pti\"", "\"bg\": 75", "\"bg\": 7.5");
	expect_refused(text, "roles[\"va.pti\"].bg", "7.5", NULL);
	free(text);
	text = edited("\"va.pti\"", "\"bg\": 75", "\"bg\": -7.6e107");
	expect_refused(text, "roles[\"va.pti\"].bg", "bad colour -7.6e+107", NULL);
	free(text);
	text = edited("\"va.pti\"", "\"bg\": 75", "\"bg\": true");
	expect_refused(text, "roles[\"va.pti\"].bg", "not a number or string", NULL);
	free(text);
	text = edited("\"va.pti\"", "\"fg8\": \"white\"", "\"fg8\": \"bright-white\"");
	expect_refused(text, "roles[\"va.pti\"].fg8", NULL);
	free(text);
}

static void test_unknown_and_duplicate_keys(void **state)
{
	char *text = edited("\"page.free\"", "\"fg\"", "\"fgg\"");
	expect_refused(text, "roles[\"page.free\"].fgg", "unknown key \"fgg\"",
		       where(text, "\"page.free\"", "\"fgg\""), NULL);
	free(text);
	text = edited("{", "\"name\"", "\"Name\""); /* keys are case-sensitive */
	expect_refused(text, "unknown key \"Name\"", ":2:3:", NULL);
	free(text);
	text = edited("\"page.free\"", "\"bg\"", "\"fg\"");
	expect_refused(text, "roles[\"page.free\"].fg", "duplicate key", NULL);
	free(text);
	expect_refused("{\"name\": \"a\", \"name\": \"b\", \"roles\": {}}", "name: duplicate key", ":1:15:", NULL);
	/* Text from the file is shown without its control characters. */
	expect_refused("{\"roles\": {\"\\u001b[2J\\u00c2\\u009b.x\": {}}}", "roles[\"?[2J", "unknown role \"?[2J", NULL);
	struct mm_err err = {0};
	struct theme t;
	const char *esc = "{\"roles\": {\"\\u001b]0;pwned\\u0007\": {}}}";
	assert_int_equal(theme_load_buf(&t, esc, strlen(esc), "x", &err), -1);
	for (const char *p = err.msg; *p; p++)
		assert_true((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
	text = edited("\"page.free\"", "\"page.free\"", "\"page.zeroed\"");
	expect_refused(text, "roles[\"page.zeroed\"]", "duplicate role", where(text, "page.zeroed\"", "\"page.zeroed\""),
		       NULL);
	free(text);
	text = edited("\"text.title\"", "[\"bold\"]", "[\"blink\"]");
	expect_refused(text, "roles[\"text.title\"].attrs", "bad attribute", NULL);
	free(text);
	text = edited("\"text.title\"", "[\"bold\"]", "[\"bold\"], \"glyph\": \"ab\"");
	expect_refused(text, "roles[\"text.title\"].glyph", "one printable character", NULL);
	free(text);
	text = edited("\"text.title\"", "\"text.title\":", "\"text.title\": 3, \"x.y\":");
	expect_refused(text, "roles[\"text.title\"]", "expected an object", NULL);
	free(text);
}

static void test_syntax_errors_positioned(void **state)
{
	size_t len;
	char *src = slurp("default", &len);
	src[200] = '\0'; /* truncated mid-file */
	expect_refused(src, "edited.json:", "unterminated string; expected '\"' to close the string", NULL);
	free(src);
	/* the strict reader's own words, as a scenario gets them */
	expect_refused("{\n  \"roles\": {}\n  \"name\": \"x\"\n}", "edited.json:3:3:",
		       "unexpected '\"'; expected ',' or '}'", NULL);
	expect_refused("{\"roles\": {}} trailing", "edited.json:1:15:", NULL);
	expect_refused("// comment\n{}", "edited.json:1:1:", "comments are not allowed in JSON", NULL);
	expect_refused("[1, 2]", "expected a JSON object", NULL);
	expect_refused("", "edited.json:1:1:", NULL);
	struct theme t;
	struct mm_err err = {0};
	char big[16] = "{}";
	assert_int_equal(theme_load_buf(&t, big, (size_t)THEME_FILE_MAX + 1, "big.json", &err), -1);
	assert_non_null(strstr(err.msg, "1 MiB"));
}

/* One set of loader rules (issue 15): a NUL byte and \u0000 are refused in
 * a theme exactly as in a scenario, with the reader's own words and the
 * place. */
static void test_nul_refused_as_in_scenarios(void **state)
{
	static const struct {
		const char *text;
		size_t len;
		const char *what;
	} cases[] = {
		{"{\"name\": \"a\\u0000b\"}", 20, "name: \\u0000 (a NUL character); expected text without NUL characters"},
		{"{\"name\": \"a\0b\"}", 15, "NUL byte (is this a binary file?); expected UTF-8 text"},
		{"{\"name\": \"a\xff" "b\"}", 15, "expected UTF-8 text"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct theme t;
		struct mm_err err = {0};
		struct scenario *sc = NULL;
		struct scn_err se;
		assert_int_equal(theme_load_buf(&t, cases[i].text, cases[i].len, "t.json", &err), -1);
		if (!strstr(err.msg, cases[i].what) || strncmp(err.msg, "t.json:1:", 9))
			fail_msg("theme: \"%s\" lacks \"%s\"", err.msg, cases[i].what);
		assert_int_equal(scenario_load_buf("s.json", cases[i].text, cases[i].len, &sc, &se), -1);
		if (!strstr(se.msg, cases[i].what))
			fail_msg("scenario: \"%s\" lacks \"%s\"", se.msg, cases[i].what);
	}
}

static void test_resolution(void **state)
{
	struct theme def, light;
	struct theme_resolved rt, rt0;
	theme_builtin(&def, "default");
	theme_resolve(&def, 256, &rt);
	assert_int_equal(rt.colors, 256);
	assert_int_equal(rt.pen[ROLE_PAGE_STANDBY].fg, 16);
	assert_int_equal(rt.pen[ROLE_PAGE_STANDBY].bg, 75);
	theme_resolve(&def, 8, &rt);
	assert_int_equal(rt.colors, 8);
	assert_int_equal(rt.pen[ROLE_PAGE_STANDBY].fg, 0); /* black on cyan */
	assert_int_equal(rt.pen[ROLE_PAGE_STANDBY].bg, 6);
	theme_resolve(&def, 88, &rt); /* an 88-colour terminal gets the 8-colour values */
	assert_int_equal(rt.colors, 8);
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_in_range(rt.pen[r].fg + 1, 0, 8);
	/* Mono: no colour anywhere; glyphs and attributes tell states apart. */
	theme_resolve(&def, 0, &rt0);
	assert_int_equal(rt0.colors, 0);
	for (int r = 0; r < ROLE_COUNT; r++) {
		assert_int_equal(rt0.pen[r].fg, -1);
		assert_int_equal(rt0.pen[r].bg, -1);
	}
	assert_int_equal(rt0.glyph[ROLE_PAGE_STANDBY], 's');
	assert_int_equal(rt0.glyph[ROLE_PAGE_ACTIVE], 0x2588);
	assert_int_equal(rt0.pen[ROLE_PAGE_BAD].attrs, THEME_REVERSE);
	assert_int_equal(rt0.pen[ROLE_UI_STATUS].attrs, THEME_REVERSE);
	/* Any theme degrades to the same mono screen. */
	size_t len;
	char *buf = slurp("light", &len);
	struct mm_err err = {0};
	assert_int_equal(theme_load_buf(&light, buf, len, "light", &err), 0);
	free(buf);
	theme_resolve(&light, 0, &rt);
	for (int r = 0; r < ROLE_COUNT; r++) {
		assert_true(pen_eq(&rt.pen[r], &rt0.pen[r]));
		assert_int_equal(rt.glyph[r], rt0.glyph[r]);
	}
	/* At 8 colours an fg equal to the bg is replaced by a contrasting one. */
	light.role[ROLE_TEXT_KEY].fg8 = 4;
	light.role[ROLE_TEXT_KEY].bg8 = 4;
	theme_resolve(&light, 8, &rt);
	assert_int_equal(rt.pen[ROLE_TEXT_KEY].bg, 4);
	assert_int_equal(rt.pen[ROLE_TEXT_KEY].fg, 7);
}

static void test_colours_and_depth(void **state)
{
	int c;
	const struct {
		const char *s;
		int max, want;
	} ok[] = {{"default", 255, -1}, {"red", 7, 1},	      {"white", 255, 7},
		  {"bright-white", 255, 15}, {"#5f87af", 255, 67}, {"#000000", 255, 16},
		  {"#FFFFFF", 255, 231},     {"#e4e4e4", 255, 254}};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(theme_parse_colour(ok[i].s, ok[i].max, &c), 0);
		assert_int_equal(c, ok[i].want);
	}
	const char *bad[] = {"Red", "bright-red", "#12345", "#12345g", "", "13"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(theme_parse_colour(bad[i], i == 1 ? 7 : 255, &c), -1);
	assert_int_equal(theme_colour_to8(196), 1);
	assert_int_equal(theme_colour_to8(46), 2);
	assert_int_equal(theme_colour_to8(21), 4);
	assert_int_equal(theme_colour_to8(214), 3);
	assert_int_equal(theme_colour_to8(231), 7);
	assert_int_equal(theme_colour_to8(236), 0);
	assert_int_equal(theme_colour_to8(9), 1);
	assert_int_equal(theme_colour_to8(-1), -1);
	assert_int_equal(theme_depth(256, 0), 256);
	assert_int_equal(theme_depth(16777216, 0), 256);
	assert_int_equal(theme_depth(88, 0), 8);
	assert_int_equal(theme_depth(8, 0), 8);
	assert_int_equal(theme_depth(2, 0), 0);
	assert_int_equal(theme_depth(256, 1), 0);
	for (int r = 0; r < ROLE_COUNT; r++) {
		assert_int_equal(theme_role_lookup(theme_role_key(r)), r);
		for (int s = 0; s < r; s++)
			assert_string_not_equal(theme_role_key(r), theme_role_key(s));
	}
	assert_int_equal(theme_role_lookup("Page.Zeroed"), -1);
	assert_null(theme_role_key(ROLE_COUNT));
}

static int listed_ok;
static void on_theme(void *ud, const char *name, const char *path)
{
	if (strcmp(name, "zz-test") == 0 && path && strstr(path, "mmviz/themes/zz-test.json"))
		listed_ok |= 1;
	if (strcmp(name, "colorblind") == 0 && path && strcmp(path, "themes/colorblind.json") == 0)
		listed_ok |= 2;
	if (strcmp(name, "mono") == 0)
		listed_ok |= 4;
}

static void test_files_and_search(void **state)
{
	struct theme t;
	struct mm_err err = {0};
	char path[256], dir[] = "/tmp/mmviz-theme-XXXXXX", cwd[1024];
	assert_int_equal(theme_load_file(&t, "themes/no-such.json", &err), -1);
	assert_non_null(strstr(err.msg, "themes/no-such.json"));
	assert_int_equal(theme_load_file(&t, "themes", &err), -1);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_int_equal(theme_find("light", path, sizeof path), 0);
	assert_string_equal(path, "themes/light.json");
	assert_int_equal(theme_find("../secret", path, sizeof path), 0); /* a path, used as given */
	assert_int_equal(theme_find("a b", path, sizeof path), -1);
	assert_int_equal(theme_find("nosuch", path, sizeof path), -1);
	assert_int_equal(theme_load(&t, "nosuch", &err), -1);
	assert_non_null(strstr(err.msg, "unknown theme \"nosuch\""));
	assert_int_equal(theme_load(&t, "mnoo", &err), -1); /* a typo: the nearest name (mm_spell) */
	assert_string_equal(err.msg, "unknown theme \"mnoo\"; did you mean mono?");
	assert_string_equal(mm_err_text(&err, 1), "unbekanntes Farbthema \"mnoo\"; meinten Sie mono?"); /* issue 12 */
	assert_int_equal(theme_load_file(&t, "themes", &err), -1);
	assert_string_equal(mm_err_text(&err, 1), "themes: keine reguläre Datei");
	assert_int_equal(theme_load(&t, "themes/high-contrast.json", &err), 0);
	assert_string_equal(t.name, "high-contrast");
	/* $XDG_DATA_HOME/mmviz/themes, and a file over 1 MiB refused unread. */
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/mmviz", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/mmviz/themes", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/mmviz/themes/zz-test.json", dir);
	char *text = edited("{", "\"default\"", "\"zz-test\"");
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	free(text);
	setenv("XDG_DATA_HOME", dir, 1);
	assert_int_equal(theme_load(&t, "zz-test", &err), 0);
	assert_string_equal(t.name, "zz-test");
	listed_ok = 0;
	assert_int_equal(theme_list(on_theme, NULL), 6); /* 5 shipped + zz-test */
	assert_int_equal(listed_ok, 7);
	f = fopen(path, "w");
	fseek(f, THEME_FILE_MAX, SEEK_SET);
	fputc('}', f);
	fclose(f);
	assert_int_equal(theme_load(&t, "zz-test", &err), -1);
	assert_non_null(strstr(err.msg, "at most 1 MiB"));
	unlink(path);
	/* Away from ./themes the built-ins still work. */
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(theme_find("default", path, sizeof path), 1);
	assert_int_equal(theme_load(&t, "mono", &err), 0);
	assert_int_equal(theme_load(&t, "light", &err), -1);
	assert_int_equal(chdir(cwd), 0);
	snprintf(path, sizeof path, "%s/mmviz/themes", dir);
	rmdir(path);
	snprintf(path, sizeof path, "%s/mmviz", dir);
	rmdir(path);
	rmdir(dir);
	unsetenv("XDG_DATA_HOME");
}

int main(void)
{
	const char *root = getenv("MMVIZ_ROOT");
	if (root && chdir(root) != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_themes_load),	 cmocka_unit_test(test_builtin_equals_files),
		cmocka_unit_test(test_missing_role_named),	 cmocka_unit_test(test_bad_colour_named),
		cmocka_unit_test(test_unknown_and_duplicate_keys), cmocka_unit_test(test_syntax_errors_positioned),
		cmocka_unit_test(test_nul_refused_as_in_scenarios),
		cmocka_unit_test(test_resolution),		 cmocka_unit_test(test_colours_and_depth),
		cmocka_unit_test(test_files_and_search),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
