/*
 * 30_cellgrid.c — the render buffer: what a pane draws is what the cells
 * hold.  Text, clipping, wide characters, boxes, the ASCII fallback, the
 * clip/translate stack, and degenerate sizes that must never crash.
 * Rows are read back as UTF-8 strings, the way a user reads the screen.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cellgrid.h"

/* Row y as the screen shows it (continuation cells skipped, nothing trimmed). */
static const char *row(const struct cellgrid *g, int y)
{
	static char buf[4 * GRID_MAX_DIM + 1];
	size_t n = 0;
	for (int x = 0; x < g->cols; x++) {
		const struct cell *c = grid_cell(g, y, x);
		if (c->width > 0)
			n += grid_utf8_encode(c->cp, buf + n);
	}
	buf[n] = '\0';
	return buf;
}

/* The grid's consistency rule: width-2 cells are followed by width-0 ones. */
static void assert_wide_pairs(const struct cellgrid *g)
{
	for (int y = 0; y < g->rows; y++) {
		for (int x = 0; x < g->cols; x++) {
			const struct cell *c = grid_cell(g, y, x);
			if (c->width == 2) {
				assert_true(x + 1 < g->cols);
				assert_int_equal(grid_cell(g, y, x + 1)->width, 0);
			}
			if (c->width == 0) {
				assert_true(x > 0);
				assert_int_equal(grid_cell(g, y, x - 1)->width, 2);
			}
			assert_true(c->width == 0 || c->cp >= 0x20);
		}
	}
}

static void test_text_basic(void **state)
{
	struct cellgrid *g = grid_new(3, 12);
	assert_non_null(g);
	assert_string_equal(row(g, 1), "            ");
	assert_int_equal(grid_text_at(g, 1, 2, ROLE_TEXT_TITLE | GRID_BOLD, "hello"), 5);
	assert_string_equal(row(g, 1), "  hello     ");
	const struct cell *c = grid_cell(g, 1, 2);
	assert_int_equal(c->cp, 'h');
	assert_int_equal(c->role, ROLE_TEXT_TITLE);
	assert_int_equal(c->attrs, THEME_BOLD);
	assert_int_equal(grid_cell(g, 1, 1)->role, ROLE_TEXT_NORMAL);
	assert_int_equal(grid_textf_at(g, 2, 0, ROLE_TEXT_NORMAL, "n=%d", 42), 4);
	assert_string_equal(row(g, 2), "n=42        ");
	grid_clear(g);
	assert_string_equal(row(g, 1), "            ");
	assert_null(grid_cell(g, 3, 0));
	assert_null(grid_cell(g, 0, 12));
	assert_null(grid_cell(g, -1, 0));
	grid_free(g);
}

static void test_text_clipping(void **state)
{
	struct cellgrid *g = grid_new(2, 10);
	/* Counted as if unclipped, so x += grid_text_at() keeps laying out. */
	assert_int_equal(grid_text_at(g, 0, 7, ROLE_TEXT_NORMAL, "abcdef"), 6);
	assert_string_equal(row(g, 0), "       abc");
	assert_int_equal(grid_text_at(g, 1, -2, ROLE_TEXT_NORMAL, "wxyz"), 4);
	assert_string_equal(row(g, 1), "yz        ");
	assert_int_equal(grid_text_at(g, 5, 0, ROLE_TEXT_NORMAL, "gone"), 4);
	assert_int_equal(grid_text_at(g, -1, 0, ROLE_TEXT_NORMAL, "gone"), 4);
	assert_int_equal(grid_text_at(g, 0, INT_MAX, ROLE_TEXT_NORMAL, "far"), 3);
	assert_int_equal(grid_text_at(g, INT_MIN, INT_MIN, ROLE_TEXT_NORMAL, "far"), 3);
	assert_string_equal(row(g, 0), "       abc");
	assert_int_equal(grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, NULL), 0);
	/* A long formatted string is not truncated at an internal buffer. */
	char big[700];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(grid_textf_at(g, 1, 0, ROLE_TEXT_NORMAL, "%s!", big), 700);
	grid_free(g);
}

static void test_wide_chars(void **state)
{
	struct cellgrid *g = grid_new(2, 6);
	assert_int_equal(grid_text_width("a漢b"), 4);
	assert_int_equal(grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "a漢b"), 4);
	assert_string_equal(row(g, 0), "a漢b  ");
	assert_int_equal(grid_cell(g, 0, 1)->width, 2);
	assert_int_equal(grid_cell(g, 0, 2)->width, 0);
	assert_int_equal(grid_cell(g, 0, 3)->cp, 'b');
	/* Overwriting either half blanks the other half. */
	grid_text_at(g, 0, 2, ROLE_TEXT_NORMAL, "x");
	assert_string_equal(row(g, 0), "a xb  ");
	grid_text_at(g, 1, 0, ROLE_TEXT_NORMAL, "漢字");
	grid_text_at(g, 1, 2, ROLE_TEXT_NORMAL, "y");
	assert_string_equal(row(g, 1), "漢y   ");
	/* A wide char that does not fit the last column becomes a blank. */
	assert_int_equal(grid_text_at(g, 1, 5, ROLE_TEXT_NORMAL, "字"), 2);
	assert_string_equal(row(g, 1), "漢y   ");
	/* Combining marks take no column and are dropped. */
	assert_int_equal(grid_text_at(g, 1, 0, ROLE_TEXT_NORMAL, "e\xcc\x81x"), 2);
	assert_string_equal(row(g, 1), "exy   ");
	assert_int_equal(grid_cell(g, 1, 0)->cp, 'e');
	assert_int_equal(grid_cell(g, 1, 1)->cp, 'x');
	assert_wide_pairs(g);
	grid_free(g);
}

static void test_controls_and_bad_utf8(void **state)
{
	struct cellgrid *g = grid_new(1, 12);
	/* An escape sequence from a scenario must not reach the terminal. */
	assert_int_equal(grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "a\033[31mb\t\xff\xc3"), 10);
	assert_string_equal(row(g, 0), "a\xef\xbf\xbd[31mb \xef\xbf\xbd\xef\xbf\xbd  ");
	assert_wide_pairs(g);
	assert_int_equal(grid_cp_width(0x1b), -1);
	assert_int_equal(grid_cp_width('a'), 1);
	assert_int_equal(grid_cp_width(0x4e00), 2);
	assert_int_equal(grid_cp_width(0x0301), 0);
	assert_int_equal(grid_cp_width(0x2500), 1);
	char b[4];
	uint32_t cp;
	for (uint32_t c = 0x20; c < 0x110000; c += 977) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		size_t n = grid_utf8_encode(c, b);
		assert_int_equal(grid_utf8_decode(b, n, &cp), n);
		assert_int_equal(cp, c);
	}
	assert_int_equal(grid_utf8_decode("\xe6\xbc", 2, &cp), 1); /* truncated */
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(grid_utf8_decode("\xc0\xaf", 2, &cp), 1); /* overlong '/' */
	assert_int_equal(cp, 0xFFFD);
	/* the core's one rule (docs/output.md OUT-SAFE): DEL, the C1 CSI and a
	 * BEL are U+FFFD, CR and newline a blank; no cell holds a control */
	grid_clear(g);
	assert_int_equal(grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "x\x7f\xc2\x9b" "2J\r\n\a"), 8);
	assert_string_equal(row(g, 0), "x\xef\xbf\xbd\xef\xbf\xbd" "2J  \xef\xbf\xbd    ");
	for (int x = 0; x < 12; x++) {
		uint32_t c = grid_cell(g, 0, x)->cp;
		assert_false(c < 0x20 || (c >= 0x7f && c < 0xa0));
	}
	grid_put(g, 0, 0, ROLE_TEXT_NORMAL, 0x1b);
	grid_put(g, 0, 1, ROLE_TEXT_NORMAL, 0x85);
	assert_int_equal(grid_cell(g, 0, 0)->cp, 0xFFFD);
	assert_int_equal(grid_cell(g, 0, 1)->cp, 0xFFFD);
	assert_int_equal(grid_text_width("a\x1b\xff\n"), 4);
	grid_free(g);
}

static void test_box_and_lines(void **state)
{
	struct cellgrid *g = grid_new(5, 12);
	grid_box(g, (struct grid_rect){0, 0, 4, 10}, ROLE_BORDER_FOCUSED, "Phys");
	assert_string_equal(row(g, 0), "┌─ Phys ─┐  ");
	assert_string_equal(row(g, 1), "│        │  ");
	assert_string_equal(row(g, 3), "└────────┘  ");
	assert_int_equal(grid_cell(g, 0, 0)->role, ROLE_BORDER_FOCUSED);
	/* A title too long is cut, and the corner survives. */
	grid_box(g, (struct grid_rect){0, 0, 3, 8}, ROLE_BORDER_NORMAL, "Translation");
	assert_string_equal(row(g, 0), "┌─ Tra─┐─┐  ");
	grid_clear(g);
	grid_hline(g, 4, 1, 3, ROLE_BORDER_NORMAL);
	grid_vline(g, 0, 0, 2, ROLE_BORDER_NORMAL);
	assert_string_equal(row(g, 4), " ───        ");
	assert_string_equal(row(g, 0), "│           ");
	assert_string_equal(row(g, 2), "            ");
	/* 1-row and 1-column boxes are lines; empty ones draw nothing. */
	grid_clear(g);
	grid_box(g, (struct grid_rect){1, 1, 1, 4}, ROLE_BORDER_NORMAL, "x");
	grid_box(g, (struct grid_rect){2, 0, 2, 1}, ROLE_BORDER_NORMAL, NULL);
	grid_box(g, (struct grid_rect){0, 0, 0, 5}, ROLE_BORDER_NORMAL, "t");
	grid_box(g, (struct grid_rect){0, 0, -3, -3}, ROLE_BORDER_NORMAL, "t");
	assert_string_equal(row(g, 0), "            ");
	assert_string_equal(row(g, 1), " ────       ");
	assert_string_equal(row(g, 2), "│           ");
	assert_string_equal(row(g, 3), "│           ");
	grid_free(g);
}

static void test_fill_and_glyphs(void **state)
{
	struct cellgrid *g = grid_new(3, 6);
	grid_fill(g, (struct grid_rect){0, 1, 2, 3}, ROLE_PAGE_MODIFIED, GRID_GLYPH);
	assert_string_equal(row(g, 0), " MMM  "); /* built-in glyph of page.modified */
	assert_string_equal(row(g, 1), " MMM  ");
	assert_int_equal(grid_cell(g, 1, 2)->role, ROLE_PAGE_MODIFIED);
	uint32_t glyphs[ROLE_COUNT];
	for (int r = 0; r < ROLE_COUNT; r++)
		glyphs[r] = '0' + r % 10;
	glyphs[ROLE_PAGE_FREE] = 0x2591;
	grid_set_glyphs(g, glyphs);
	grid_put(g, 2, 0, ROLE_PAGE_FREE, GRID_GLYPH);
	assert_string_equal(row(g, 2), "░     ");
	grid_fill(g, (struct grid_rect){2, 1, 1, 5}, ROLE_TEXT_NORMAL, 0x5b57); /* wide fill */
	assert_string_equal(row(g, 2), "░字字 ");
	assert_wide_pairs(g);
	grid_fill(g, (struct grid_rect){0, 0, 3, 6}, ROLE_TEXT_NORMAL, ' ');
	assert_string_equal(row(g, 0), "      ");
	grid_fill(g, (struct grid_rect){-100, -100, 1000000, 1000000}, ROLE_HL_FAULT, '!');
	assert_string_equal(row(g, 1), "!!!!!!");
	/* A fill that cuts wide characters on both sides blanks their halves. */
	grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "漢字漢");
	grid_fill(g, (struct grid_rect){0, 1, 1, 2}, ROLE_TEXT_NORMAL, '-');
	assert_string_equal(row(g, 0), " -- 漢");
	assert_wide_pairs(g);
	grid_free(g);
}

/* Issue 12 item 5: in ASCII no glyph has two meanings.  The glyphs that
 * mean something: every role's (theme_roles.h), the page map's (partly
 * in the working set, on disk, demand zero, guard), the more-text marker
 * and the in-play '@'.  Two different ones may not fall back to one
 * ASCII character. */
static void test_ascii_one_meaning(void **state)
{
	static const uint32_t glyphs[] = {
#define X(e, key, glyph, ...) glyph,
		THEME_ROLES(X)
#undef X
		0x2592, 'o', 0xB7, 'g', '~', '+', '@',
	};
	size_t n = sizeof glyphs / sizeof glyphs[0];
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (glyphs[i] == glyphs[j])
				continue; /* one glyph, one meaning in Unicode too */
			uint32_t a = grid_ascii_fallback(glyphs[i]), b = grid_ascii_fallback(glyphs[j]);
			if (a == b)
				fail_msg("U+%04X and U+%04X both fall back to '%c'", (unsigned)glyphs[i], (unsigned)glyphs[j],
					 (int)a);
		}
	assert_int_equal(grid_ascii_fallback(0x2713), 'v'); /* the expect tick is not the more-text '+' */
}

static void test_ascii_fallback(void **state)
{
	struct cellgrid *g = grid_new(4, 8);
	grid_set_ascii(g, true);
	grid_box(g, (struct grid_rect){0, 0, 3, 6}, ROLE_BORDER_NORMAL, NULL);
	assert_string_equal(row(g, 0), "+----+  ");
	assert_string_equal(row(g, 1), "|    |  ");
	assert_string_equal(row(g, 2), "+----+  ");
	/* Same columns as in UTF-8 mode: a wide char becomes two '?', an
	 * accented letter its base letter. */
	assert_int_equal(grid_text_at(g, 3, 0, ROLE_TEXT_NORMAL, "█░漢é→"), 6);
	assert_string_equal(row(g, 3), "#_??e>  ");
	grid_put(g, 1, 1, ROLE_PAGE_ACTIVE, GRID_GLYPH); /* U+2588 */
	assert_string_equal(row(g, 1), "|#   |  ");
	for (int y = 0; y < g->rows; y++)
		for (int x = 0; x < g->cols; x++)
			assert_true(grid_cell(g, y, x)->cp < 0x80);
	assert_int_equal(grid_ascii_fallback(0x2502), '|');
	assert_int_equal(grid_ascii_fallback(0x253C), '+');
	assert_int_equal(grid_ascii_fallback(0x2550), '-');
	/* German without a UTF-8 locale: "Schlüssel, Größe" reads as letters. */
	assert_int_equal(grid_ascii_fallback(0x00FC), 'u');
	assert_int_equal(grid_ascii_fallback(0x00D6), 'O');
	assert_int_equal(grid_ascii_fallback(0x00DF), 's');
	grid_free(g);
}

static void test_clip_stack(void **state)
{
	struct cellgrid *g = grid_new(5, 10);
	assert_int_equal(grid_push_clip(g, (struct grid_rect){1, 2, 2, 3}), 0);
	struct grid_rect a = grid_area(g);
	assert_int_equal(a.h, 2);
	assert_int_equal(a.w, 3);
	grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "abcdef"); /* translated and cut */
	grid_text_at(g, -1, 0, ROLE_TEXT_NORMAL, "zz");
	grid_text_at(g, 2, 0, ROLE_TEXT_NORMAL, "zz");
	grid_text_at(g, 1, -1, ROLE_TEXT_NORMAL, "123");
	assert_string_equal(row(g, 0), "          ");
	assert_string_equal(row(g, 1), "  abc     ");
	assert_string_equal(row(g, 2), "  23      ");
	assert_string_equal(row(g, 3), "          ");
	/* A nested frame is cut to its parent as well. */
	assert_int_equal(grid_push_clip(g, (struct grid_rect){1, 1, 5, 5}), 0);
	grid_fill(g, (struct grid_rect){0, 0, 5, 5}, ROLE_TEXT_NORMAL, '#');
	assert_string_equal(row(g, 2), "  2##     ");
	assert_string_equal(row(g, 3), "          ");
	grid_pop_clip(g);
	grid_pop_clip(g);
	grid_pop_clip(g); /* one too many: harmless */
	grid_text_at(g, 4, 8, ROLE_TEXT_NORMAL, "ok");
	assert_string_equal(row(g, 4), "        ok");
	/* A wide char cut by the clip edge becomes blanks, never half a char. */
	grid_push_clip(g, (struct grid_rect){0, 0, 1, 3});
	grid_text_at(g, 0, 2, ROLE_TEXT_NORMAL, "漢");
	grid_pop_clip(g);
	assert_string_equal(row(g, 0), "          ");
	assert_wide_pairs(g);
	grid_free(g);
}

static void test_clip_overflow(void **state)
{
	struct cellgrid *g = grid_new(3, 3);
	for (int i = 0; i < GRID_CLIP_MAX; i++)
		assert_int_equal(grid_push_clip(g, (struct grid_rect){0, 0, 3, 3}), 0);
	assert_int_equal(grid_push_clip(g, (struct grid_rect){0, 0, 3, 3}), -1);
	assert_int_equal(grid_push_clip(g, (struct grid_rect){0, 0, 3, 3}), -1);
	grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "no"); /* too deep: draws nothing */
	assert_string_equal(row(g, 0), "   ");
	grid_pop_clip(g);
	grid_pop_clip(g);
	grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "ok");
	assert_string_equal(row(g, 0), "ok ");
	for (int i = 0; i < GRID_CLIP_MAX; i++)
		grid_pop_clip(g);
	assert_int_equal(g->depth, 0);
	grid_free(g);
}

static void test_degenerate_sizes(void **state)
{
	struct cellgrid *g0 = grid_new(0, 0), *gn = grid_new(-5, 3), *g1 = grid_new(1, 1);
	struct cellgrid *all[3] = {g0, gn, g1};
	for (int i = 0; i < 3; i++) {
		struct cellgrid *g = all[i];
		assert_non_null(g);
		grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "漢字 text");
		grid_box(g, (struct grid_rect){0, 0, 1, 1}, ROLE_BORDER_NORMAL, "title");
		grid_box(g, (struct grid_rect){0, 0, 5, 5}, ROLE_BORDER_NORMAL, "title");
		grid_fill(g, (struct grid_rect){0, 0, -1, 4}, ROLE_TEXT_NORMAL, 'x');
		grid_hline(g, 0, 0, -3, ROLE_BORDER_NORMAL);
		grid_vline(g, 0, 0, 0, ROLE_BORDER_NORMAL);
		grid_push_clip(g, (struct grid_rect){-2, -2, -1, -1});
		grid_text_at(g, 0, 0, ROLE_TEXT_NORMAL, "x");
		grid_pop_clip(g);
		grid_push_clip(g, (struct grid_rect){INT_MAX, INT_MAX, INT_MAX, INT_MAX});
		grid_fill(g, (struct grid_rect){0, 0, INT_MAX, INT_MAX}, ROLE_TEXT_NORMAL, 'x');
		grid_pop_clip(g);
		grid_box(g, (struct grid_rect){INT_MIN, INT_MIN, INT_MAX, INT_MAX}, ROLE_TEXT_NORMAL, "t");
		grid_put(g, 0, 0, 60000, GRID_GLYPH); /* a role out of range */
	}
	assert_int_equal(gn->rows, 0);
	assert_int_equal(grid_area(g1).w, 1);
	assert_int_equal(grid_cell(g1, 0, 0)->cp, '?'); /* a bad role: '?' in text.normal */
	assert_int_equal(grid_cell(g1, 0, 0)->role, ROLE_TEXT_NORMAL);
	assert_int_equal(grid_resize(g1, 2, 2), 0);
	assert_string_equal(row(g1, 1), "  ");
	assert_int_equal(grid_resize(g0, GRID_MAX_DIM + 5, 1), 0);
	assert_int_equal(g0->rows, GRID_MAX_DIM);
	for (int i = 0; i < 3; i++)
		grid_free(all[i]);
	grid_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_basic),	   cmocka_unit_test(test_text_clipping),
		cmocka_unit_test(test_wide_chars),	   cmocka_unit_test(test_controls_and_bad_utf8),
		cmocka_unit_test(test_box_and_lines),	   cmocka_unit_test(test_fill_and_glyphs),
		cmocka_unit_test(test_ascii_fallback),	   cmocka_unit_test(test_ascii_one_meaning),	   cmocka_unit_test(test_clip_stack),
		cmocka_unit_test(test_clip_overflow),	   cmocka_unit_test(test_degenerate_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
