/*
 * fuzz_theme.c — libFuzzer target for the theme loader (tui/theme.h), with
 * properties checked on every input:
 *  T1. loading never crashes, leaks or reads outside the buffer (ASan);
 *      the buffer is not NUL-terminated, as a file's bytes are not;
 *  T2. a refused input leaves the theme untouched and says why: code
 *      "theme", a message starting with the origin and a line:column;
 *  T3. a loaded theme is in range everywhere: colours -1..255 / -1..7,
 *      known attributes, printable width-1 glyphs, a NUL-terminated name;
 *  T4. resolution for 256, 8 and 0 colours gives pens valid for that depth;
 *  T5. the colour-name parser accepts only what it documents.
 *
 *   clang-14 -g -O1 -fsanitize=fuzzer,address,undefined -std=c17 -D_GNU_SOURCE \
 *     -Icore -Itui tests/fuzz/fuzz_theme.c tui/theme.c tui/cellgrid.c core/types.c \
 *     $(pkg-config --cflags --libs libcjson) -o build/fuzz_theme
 *   build/fuzz_theme -dict=tests/fuzz/theme.dict -max_total_time=20 tests/fuzz/corpus/theme
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cellgrid.h"
#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_loaded(const struct theme *t)
{
	if (memchr(t->name, '\0', sizeof t->name) == NULL || memchr(t->title, '\0', sizeof t->title) == NULL)
		abort();
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &t->role[r];
		if (s->fg < -1 || s->fg > 255 || s->bg < -1 || s->bg > 255 || s->fg8 < -1 || s->fg8 > 7 ||
		    s->bg8 < -1 || s->bg8 > 7 || (s->attrs & ~THEME_ATTR_MASK) || grid_cp_width(s->glyph) != 1)
			abort();
	}
	const int depths[3] = {256, 8, 0};
	for (int i = 0; i < 3; i++) {
		struct theme_resolved rt;
		theme_resolve(t, depths[i], &rt);
		int max = depths[i] == 256 ? 255 : depths[i] == 8 ? 7 : -1;
		for (int r = 0; r < ROLE_COUNT; r++)
			if (rt.pen[r].fg < -1 || rt.pen[r].fg > max || rt.pen[r].bg < -1 || rt.pen[r].bg > max ||
			    (depths[i] == 8 && rt.pen[r].fg >= 0 && rt.pen[r].fg == rt.pen[r].bg))
				abort();
	}
}

static void check_colour_parser(const uint8_t *data, size_t size)
{
	char s[16];
	int c = -99;
	if (size >= sizeof s)
		return;
	memcpy(s, data, size);
	s[size] = '\0';
	if (theme_parse_colour(s, 255, &c) == 0 && (c < -1 || c > 255 || (s[0] != '#' && c > 15)))
		abort();
	if (theme_parse_colour(s, 7, &c) == 0 && (c < -1 || c > 7))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t, before;
	struct mm_err err;
	memset(&t, 0x5A, sizeof t);
	before = t;
	mm_err_clear(&err);
	/* An exact-size copy: reading one byte past it is an ASan error. */
	char *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (theme_load_buf(&t, buf, size, "fuzz.json", &err) == 0) {
		check_loaded(&t);
	} else if (memcmp(&t, &before, sizeof t) != 0 || !err.code || strcmp(err.code, "theme") != 0 ||
		   strncmp(err.msg, "fuzz.json:", 10) != 0) {
		abort();
	}
	free(buf);
	check_colour_parser(data, size);
	return 0;
}
