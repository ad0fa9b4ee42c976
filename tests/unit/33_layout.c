/*
 * 33_layout.c — pane rectangles (tui/layout.h): every size from 0x0 to
 * 300x100 gives rectangles inside the screen that do not overlap; the
 * compact arrangement at 80x24, the wide one from 120x32 (projectors);
 * the reading arrangement for a step's words (L3, L4); widths that grow
 * with the screen (L2);
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

static const struct layout_want wants[] = {
	{0, false}, {12, false}, {12, true}, {16, false}, {40, false}, {40, true},
};

static void test_every_size(void **state)
{
	for (size_t k = 0; k < sizeof wants / sizeof wants[0]; k++)
	for (int h = 0; h <= 100; h++)
		for (int w = 0; w <= 300; w += (w < 130 ? 1 : 7)) {
			struct layout l;
			layout_compute(&l, w, h, k ? &wants[k] : NULL);
			assert_int_equal(l.too_small, w < LAYOUT_MIN_W || h < LAYOUT_MIN_H);
			if (l.too_small)
				continue;
			struct grid_rect all[PANE_COUNT + 2] = {l.status, l.cmdline};
			for (int i = 0; i < PANE_COUNT; i++)
				all[2 + i] = l.pane[i];
			int area = 0;
			if (l.ramline.h) { /* on the narration's top border, inside it */
				struct grid_rect n = l.pane[PANE_NARR], r = l.ramline;
				assert_int_equal(r.y, n.y);
				assert_true(r.h == 1 && r.x > n.x && r.x + r.w < n.x + n.w);
			}
			for (int i = 0; i < PANE_COUNT + 2; i++) {
				if (!inside(all[i], w, h))
					fail_msg("%dx%d: rectangle %d outside", w, h, i);
				area += all[i].w * all[i].h;
				for (int j = i + 1; j < PANE_COUNT + 2; j++)
					if (overlap(all[i], all[j]))
						fail_msg("%dx%d: rectangles %d and %d overlap", w, h, i, j);
			}
			assert_int_equal(area, w * h); /* the screen is full */
			int shown = 0;
			for (int i = 0; i < PANE_COUNT; i++) {
				if (l.pane[i].w * l.pane[i].h == 0 && l.reading)
					continue; /* folded (L4) */
				shown++;
				assert_true(l.pane[i].w >= 20);
				assert_true(l.pane[i].h >= 6);
			}
			assert_true(shown >= 3); /* the words never push the memory panes off (L3) */
			assert_true(l.pane[PANE_XLATE].h >= LAYOUT_TOP_MIN);
			/* physical memory: its pane, or folded to its line */
			assert_true(l.pane[PANE_PHYS].h > 0 || l.ramline.h == 1);
		}
}

static void test_80x24_compact(void **state)
{
	struct layout l;
	layout_compute(&l, 80, 24, NULL);
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
		layout_compute(&l, sizes[i][0], sizes[i][1], NULL);
		assert_true(l.wide);
		/* three panes side by side, the narration across the whole width */
		assert_int_equal(l.pane[PANE_VAS].y, l.pane[PANE_PHYS].y);
		assert_int_equal(l.pane[PANE_NARR].w, sizes[i][0]);
		assert_true(l.pane[PANE_XLATE].w >= 50);
		assert_true(l.pane[PANE_NARR].h >= 12);
	}
	struct layout l;
	layout_compute(&l, 119, 60, NULL);
	assert_false(l.wide);
}

/* L3, L4 at 80x24: the narration across the width with the rows its
 * words want, the address and translation panes above it, physical
 * memory folded to a line, or in the address pane's place with focus. */
static void test_80x24_reading(void **state)
{
	struct layout_want want = {12, false};
	struct layout l;
	layout_compute(&l, 80, 24, &want);
	assert_true(l.reading);
	assert_int_equal(l.pane[PANE_NARR].w, 80);
	assert_int_equal(l.pane[PANE_NARR].h, 12);
	assert_int_equal(l.pane[PANE_NARR].y + 12, 23);
	assert_int_equal(l.pane[PANE_VAS].h, 22 - 12); /* the rest, all of it */
	assert_int_equal(l.pane[PANE_XLATE].h, 22 - 12);
	assert_int_equal(l.pane[PANE_PHYS].h, 0);
	assert_int_equal(l.ramline.h, 1);
	assert_int_equal(l.ramline.y, l.pane[PANE_NARR].y); /* on its top border */
	assert_int_equal(layout_pane_at(&l, l.ramline.y, 30), PANE_PHYS); /* a click unfolds it */
	want.phys = true;
	layout_compute(&l, 80, 24, &want);
	assert_int_equal(l.pane[PANE_VAS].h, 0);
	assert_true(l.pane[PANE_PHYS].h >= 6 && l.pane[PANE_PHYS].w >= 30);
	assert_int_equal(l.ramline.h, 0);
	/* the longest shipped step (10 lines of words, the command): the
	 * panes keep LAYOUT_TOP_MIN rows */
	want = (struct layout_want){30, false};
	layout_compute(&l, 80, 24, &want);
	assert_int_equal(l.pane[PANE_NARR].h, 22 - LAYOUT_TOP_MIN);
	assert_int_equal(l.pane[PANE_VAS].h, LAYOUT_TOP_MIN);
	/* without words: the compact arrangement */
	want = (struct layout_want){0, false};
	layout_compute(&l, 80, 24, &want);
	assert_false(l.reading);
	assert_int_equal(l.pane[PANE_PHYS].y, l.pane[PANE_NARR].y);
	/* rows to spare: address above physical, no fold */
	want = (struct layout_want){14, false};
	layout_compute(&l, 100, 50, &want);
	assert_true(l.pane[PANE_VAS].h >= 9 && l.pane[PANE_PHYS].h >= 9);
	assert_int_equal(l.ramline.h, 0);
}

/* L2: the address pane is never narrower on a larger screen (the
 * projector arrangement at 120x36 was narrower than 80x24's), and no
 * memory pane is narrower than at 80x24. */
static void test_widths_grow(void **state)
{
	struct layout base;
	layout_compute(&base, 80, 24, NULL);
	int last_h[301] = {0};
	for (int h = 24; h <= 80; h++) {
		int last = 0;
		for (int w = 80; w <= 300; w++) {
			struct layout l;
			layout_compute(&l, w, h, NULL);
			int vw = l.pane[PANE_VAS].w;
			if (vw < last)
				fail_msg("%dx%d: address pane %d wide, %d at %dx%d", w, h, vw, last, w - 1, h);
			if (vw < last_h[w])
				fail_msg("%dx%d: address pane %d wide, %d at %dx%d", w, h, vw, last_h[w], w, h - 1);
			last = last_h[w] = vw;
			for (int i = 0; i < PANE_NARR; i++)
				if (l.pane[i].w < base.pane[i].w)
					fail_msg("%dx%d: pane %d is %d wide, %d at 80x24", w, h, i, l.pane[i].w, base.pane[i].w);
		}
	}
	struct layout a, b;
	layout_compute(&a, 80, 24, NULL);
	layout_compute(&b, 120, 36, NULL);
	assert_true(b.pane[PANE_VAS].w >= a.pane[PANE_VAS].w);
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
		layout_compute(&l, w, h, NULL);
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
		cmocka_unit_test(test_80x24_reading),
		cmocka_unit_test(test_widths_grow),
		cmocka_unit_test(test_too_small_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
