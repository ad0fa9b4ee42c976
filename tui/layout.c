/*
 * layout.c — pane rectangles for a screen size (layout.h).
 *
 * Proportions were chosen by looking at the tour at 80x24, 100x30,
 * 160x48 and 200x60: the translation pane needs ~40 columns for an x64
 * entry with its bits, the narration ~48 for comfortable lines, and the
 * panes above the narration get about 60 % of the height on a projector.
 */
#include "layout.h"
#include "msg.h"

#include <stdio.h>
#include <string.h>

static struct grid_rect rect(int y, int x, int h, int w)
{
	return (struct grid_rect){y, x, h < 0 ? 0 : h, w < 0 ? 0 : w};
}

/* The address pane's width (L2): 43 % up to LAYOUT_VAS_MAX in the compact
 * arrangement, 28 % but never less in the wide one. */
static int vas_width(int w, bool wide)
{
	int c = w * 43 / 100 < LAYOUT_VAS_MAX ? w * 43 / 100 : LAYOUT_VAS_MAX;
	return wide && w * 28 / 100 > c ? w * 28 / 100 : c;
}

static void wide(struct layout *l, int w, int body)
{
	int top = body * 3 / 5;
	int wv = vas_width(w, true), wx = w * 42 / 100;
	int wp = w - wv - wx;
	l->pane[PANE_VAS] = rect(1, 0, top, wv);
	l->pane[PANE_XLATE] = rect(1, wv, top, wx);
	l->pane[PANE_PHYS] = rect(1, wv + wx, top, wp);
	l->pane[PANE_NARR] = rect(1 + top, 0, body - top, w);
	l->screen = rect(1, 0, top, w);
	l->screen_narr = l->pane[PANE_NARR];
}

static void compact(struct layout *l, int w, int body)
{
	int top = (body + 1) / 2;
	if (body - top < 9) /* narration: say + the micro-steps */
		top = body - 9;
	int wl = vas_width(w, false);
	l->pane[PANE_VAS] = rect(1, 0, top, wl);
	l->pane[PANE_XLATE] = rect(1, wl, top, w - wl);
	int wp = w * 38 / 100;
	l->pane[PANE_PHYS] = rect(1 + top, 0, body - top, wp);
	l->pane[PANE_NARR] = rect(1 + top, wp, body - top, w - wp);
	l->screen = rect(1, 0, body - 9, w);
	l->screen_narr = rect(1 + body - 9, 0, 9, w);
}

/* L3, L4: the narration across the width, as high as its words want
 * (at least what the compact arrangement gives it), the memory panes
 * above it keeping LAYOUT_TOP_MIN rows and the folded map's line. */
static void compact_reading(struct layout *l, int w, int body, const struct layout_want *want)
{
	int n = want->narr_h, least = body * 2 / 5 > 9 ? body * 2 / 5 : 9;
	if (n < least)
		n = least;
	if (n > body - LAYOUT_TOP_MIN)
		n = body - LAYOUT_TOP_MIN;
	int top = body - n, wl = vas_width(w, false);
	l->reading = true;
	l->pane[PANE_NARR] = rect(1 + top, 0, n, w);
	l->screen = rect(1, 0, top, w);
	l->screen_narr = l->pane[PANE_NARR];
	if (top >= LAYOUT_STACK_H) { /* room for both: address above physical */
		l->pane[PANE_VAS] = rect(1, 0, top / 2, wl);
		l->pane[PANE_PHYS] = rect(1 + top / 2, 0, top - top / 2, wl);
		l->pane[PANE_XLATE] = rect(1, wl, top, w - wl);
		return;
	}
	l->pane[want->phys ? PANE_PHYS : PANE_VAS] = rect(1, 0, top, wl);
	l->pane[PANE_XLATE] = rect(1, wl, top, w - wl);
	/* the folded map's line: on the narration's top border (the title
	 * first), costing the memory panes no row; none when the map is up */
	if (!want->phys)
		l->ramline = rect(1 + top, 1, 1, w - 2);
}

void layout_compute(struct layout *l, int w, int h, const struct layout_want *want)
{
	memset(l, 0, sizeof *l);
	l->w = w < 0 ? 0 : w;
	l->h = h < 0 ? 0 : h;
	l->too_small = l->w < LAYOUT_MIN_W || l->h < LAYOUT_MIN_H;
	if (l->too_small)
		return;
	w = l->w;
	h = l->h;
	l->status = rect(0, 0, 1, w);
	l->cmdline = rect(h - 1, 0, 1, w);
	int body = h - 2; /* rows 1 .. h-2 */
	l->wide = w >= LAYOUT_WIDE_W && h >= LAYOUT_WIDE_H;
	if (l->wide)
		wide(l, w, body);
	else if (want && want->narr_h > 0)
		compact_reading(l, w, body, want);
	else
		compact(l, w, body);
}

int layout_pane_at(const struct layout *l, int y, int x)
{
	if (l->too_small)
		return -1;
	const struct grid_rect *r = &l->ramline; /* the folded map: a click unfolds it (L4) */
	if (y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w)
		return PANE_PHYS;
	for (int i = 0; i < PANE_COUNT; i++) {
		r = &l->pane[i];
		if (y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w)
			return i;
	}
	return -1;
}

/* The longest of the alternatives that fits w columns (the last one
 * otherwise: it is cut). */
static const char *fit(char alt[][64], int n, int w)
{
	for (int i = 0; i < n; i++)
		if (grid_text_width(alt[i]) <= w)
			return alt[i];
	return alt[n - 1];
}

void layout_draw_too_small(struct cellgrid *g, const struct layout *l, int lang)
{
	char need[3][64], have[3][64], hint[2][64];
	snprintf(hint[0], 64, "%s", MSG(lang, LO_HINT));
	snprintf(hint[1], 64, "%s", MSG(lang, LO_HINT_SHORT));
	snprintf(need[0], 64, MSG(lang, LO_NEED), LAYOUT_MIN_W, LAYOUT_MIN_H);
	snprintf(need[1], 64, MSG(lang, LO_NEED_SHORT), LAYOUT_MIN_W, LAYOUT_MIN_H);
	snprintf(need[2], 64, "%dx%d", LAYOUT_MIN_W, LAYOUT_MIN_H);
	snprintf(have[0], 64, MSG(lang, LO_HAVE), l->w, l->h);
	snprintf(have[1], 64, MSG(lang, LO_HAVE_SHORT), l->w, l->h);
	snprintf(have[2], 64, "%dx%d", l->w, l->h);
	const char *lines[3] = {fit(need, 3, l->w), fit(have, 3, l->w), fit(hint, 2, l->w)};
	int n = l->h < 3 ? l->h : 3;
	int y0 = (l->h - n) / 2;
	for (int i = 0; i < n; i++) {
		int x = (l->w - grid_text_width(lines[i])) / 2;
		grid_text_at(g, y0 + i, x < 0 ? 0 : x, i == 0 ? ROLE_TEXT_ERROR : ROLE_TEXT_NORMAL, lines[i]);
	}
}
