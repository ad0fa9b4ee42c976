/*
 * 33_layout.c — pane rectangles (tui/layout.h): every size from 0x0 to
 * 300x100 gives rectangles inside the screen that do not overlap; the
 * compact arrangement at 80x24, the wide one from 120x32 (projectors);
 * below the minimum the message says what is needed, in words that fit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellgrid.h"
#include "layout.h"

static bool inside(struct grid_rect r, int w, int h)
{
	return r.y >= 0 && r.x >= 0 && r.h >= 0 && r.w >= 0 && r.y + r.h <= h && r.x + r.w <= w;
}

static bool overlap(struct grid_rect a, struct grid_rect b)
{
	return a.h > 0 && a.w > 0 && b.h > 0 && b.w > 0 && a.y < b.y + b.h && b.y < a.y + a.h && a.x < b.x + b.w &&
	       b.x < a.x + a.w;
}

static void test_every_size(void **state)
{
	for (int h = 0; h <= 100; h++)
		for (int w = 0; w <= 300; w += (w < 130 ? 1 : 7)) {
			struct layout l;
			layout_compute(&l, w, h);
			assert_int_equal(l.too_small, w < LAYOUT_MIN_W || h < LAYOUT_MIN_H);
			if (l.too_small)
				continue;
			struct grid_rect all[PANE_COUNT + 2] = {l.status, l.cmdline};
			for (int i = 0; i < PANE_COUNT; i++)
				all[2 + i] = l.pane[i];
			int area = 0;
			for (int i = 0; i < PANE_COUNT + 2; i++) {
				if (!inside(all[i], w, h))
					fail_msg("%dx%d: rectangle %d outside", w, h, i);
				area += all[i].w * all[i].h;
				for (int j = i + 1; j < PANE_COUNT + 2; j++)
					if (overlap(all[i], all[j]))
						fail_msg("%dx%d: rectangles %d and %d overlap", w, h, i, j);
			}
			assert_int_equal(area, w * h); /* the screen is full */
			for (int i = 0; i < PANE_COUNT; i++) {
				assert_true(l.pane[i].w >= 20);
				assert_true(l.pane[i].h >= 6);
			}
		}
}

static void test_80x24_compact(void **state)
{
	struct layout l;
	layout_compute(&l, 80, 24);
	assert_false(l.too_small);
	assert_false(l.wide);
	/* translation beside the address space, narration beside physical */
	assert_int_equal(l.pane[PANE_VAS].y, l.pane[PANE_XLATE].y);
	assert_int_equal(l.pane[PANE_PHYS].y, l.pane[PANE_NARR].y);
	assert_true(l.pane[PANE_XLATE].w >= 44); /* an x64 entry, its value and bits */
	assert_true(l.pane[PANE_NARR].w >= 48);
	assert_true(l.pane[PANE_NARR].h >= 9);
	assert_int_equal(l.cmdline.y, 23);
	assert_int_equal(layout_pane_at(&l, 0, 0), -1);
	assert_int_equal(layout_pane_at(&l, 1, 0), PANE_VAS);
	assert_int_equal(layout_pane_at(&l, 23, 5), -1);
	assert_int_equal(layout_pane_at(&l, 22, 79), PANE_NARR);
	assert_int_equal(layout_pane_at(&l, -1, -1), -1);
}

static void test_projector_wide(void **state)
{
	int sizes[][2] = {{160, 48}, {200, 60}, {120, 32}};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct layout l;
		layout_compute(&l, sizes[i][0], sizes[i][1]);
		assert_true(l.wide);
		/* three panes side by side, the narration across the whole width */
		assert_int_equal(l.pane[PANE_VAS].y, l.pane[PANE_PHYS].y);
		assert_int_equal(l.pane[PANE_NARR].w, sizes[i][0]);
		assert_true(l.pane[PANE_XLATE].w >= 50);
		assert_true(l.pane[PANE_NARR].h >= 12);
	}
	struct layout l;
	layout_compute(&l, 119, 60);
	assert_false(l.wide);
}

static char *screen_text(struct cellgrid *g)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	for (int y = 0; y < g->rows; y++) {
		for (int x = 0; x < g->cols; x++) {
			const struct cell *c = grid_cell(g, y, x);
			char u[4];
			if (c->width)
				fwrite(u, 1, grid_utf8_encode(c->cp, u), f);
		}
		fputc('\n', f);
	}
	fclose(f);
	return buf;
}

static void test_too_small_message(void **state)
{
	int sizes[][2] = {{59, 24}, {80, 17}, {40, 10}, {10, 5}, {3, 2}, {1, 1}, {0, 0}};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		int w = sizes[i][0], h = sizes[i][1];
		struct layout l;
		layout_compute(&l, w, h);
		assert_true(l.too_small);
		struct cellgrid *g = grid_new(h, w);
		assert_non_null(g);
		layout_draw_too_small(g, &l, 0);
		char *t = screen_text(g);
		if (w >= 30 && h >= 3) {
			char need[64], have[64];
			snprintf(need, sizeof need, "needs at least %dx%d", LAYOUT_MIN_W, LAYOUT_MIN_H);
			snprintf(have, sizeof have, "this terminal is %dx%d", w, h);
			assert_non_null(strstr(t, need));
			assert_non_null(strstr(t, have));
		} else if (w >= 10 && h >= 1) {
			char need[64];
			snprintf(need, sizeof need, "%dx%d", LAYOUT_MIN_W, LAYOUT_MIN_H);
			assert_non_null(strstr(t, need));
		}
		free(t);
		grid_free(g);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_size),
		cmocka_unit_test(test_80x24_compact),
		cmocka_unit_test(test_projector_wide),
		cmocka_unit_test(test_too_small_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
