/*
 * layout.h — where each pane goes for a screen of W x H cells.
 *
 * Two arrangements, chosen by size:
 *
 *   compact (80x24 up to wide)          wide (>= 120x32: projectors)
 *   +-----------------------------+     +----------------------------------+
 *   | status                      |     | status                           |
 *   | address space | translation |     | addr. space | translation | phys |
 *   |---------------+-------------|     |             |             |      |
 *   | physical      | narration   |     |-------------+-------------+------|
 *   | command line / key hints    |     | narration (full width)           |
 *   +-----------------------------+     | command line / key hints         |
 *                                       +----------------------------------+
 *
 * Below LAYOUT_MIN_W x LAYOUT_MIN_H nothing but a message fits: too_small
 * is set and layout_draw_too_small says what is needed.  Every rectangle
 * lies inside the screen, whatever W and H (including 0).
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <stdbool.h>

#include "cellgrid.h"

#define LAYOUT_MIN_W 60
#define LAYOUT_MIN_H 18
#define LAYOUT_WIDE_W 120
#define LAYOUT_WIDE_H 32

enum pane_id { PANE_VAS, PANE_XLATE, PANE_PHYS, PANE_NARR, PANE_COUNT };

struct layout {
	int w, h;
	bool too_small;
	bool wide;
	struct grid_rect status;	  /* the top row */
	struct grid_rect cmdline;	  /* the bottom row */
	struct grid_rect pane[PANE_COUNT]; /* each with its border */
	/* A further screen (processes, working set ...) in place of the three
	 * memory panes, full width, the narration (at least 9 rows) full width
	 * below it. */
	struct grid_rect screen, screen_narr;
};

void layout_compute(struct layout *l, int w, int h);

/* The pane under screen cell (y, x), or -1. */
int layout_pane_at(const struct layout *l, int y, int x);

/* Draws "mmviz needs at least ..." centred, for a screen that is too small. */
void layout_draw_too_small(struct cellgrid *g, const struct layout *l, int lang); /* lang: 0 en, 1 de */

#endif
