/*
 * layout.h — where each pane goes for a screen of W x H cells.
 *
 * Three arrangements, chosen by size and by what the step is about:
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
 *   compact, reading (a step with words, L3)
 *   +-----------------------------+
 *   | status                      |
 *   | address space | translation |   (physical in the address space's
 *   |-[ Step 3 ]- RAM: its counts-|    place while it has focus, L4)
 *   | narration (full width, as   |
 *   |  high as its words need)    |
 *   | command line / key hints    |
 *   +-----------------------------+
 *
 * The rules (docs/tui.md TUI-LAYOUT):
 *   L1. Every rectangle lies inside the screen, whatever W and H
 *       (including 0); below LAYOUT_MIN_W x LAYOUT_MIN_H nothing but a
 *       message fits: too_small is set and layout_draw_too_small says
 *       what is needed.
 *   L2. Widths grow with the screen: the address pane is never narrower
 *       on a larger screen, and no memory pane is narrower than at 80x24.
 *   L3. A compact screen showing a step's words gives the narration the
 *       whole width and the rows the words want (want->narr_h), so a step
 *       of about 70 words is read whole at 80x24 with the panes; the
 *       memory panes keep at least LAYOUT_TOP_MIN rows.
 *   L4. There the physical-memory map folds to one line of counts on
 *       the narration's top border (ramline, after the title; a click
 *       there unfolds it) unless it has focus (a step about physical memory
 *       gives it focus, docs/scenarios.md `focus`): then it takes the
 *       address pane's place, and the address pane folds.  With rows
 *       to spare (LAYOUT_STACK_H) the two stand one above the other.
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <stdbool.h>

#include "cellgrid.h"

#define LAYOUT_MIN_W 60
#define LAYOUT_MIN_H 18
#define LAYOUT_WIDE_W 120
#define LAYOUT_WIDE_H 32
#define LAYOUT_TOP_MIN 6   /* rows the memory panes keep beside a long step (L3) */
#define LAYOUT_STACK_H 18  /* rows above which address and physical both show (L4) */
#define LAYOUT_VAS_MAX 40  /* the compact address pane's widest (L2) */

enum pane_id { PANE_VAS, PANE_XLATE, PANE_PHYS, PANE_NARR, PANE_COUNT };

struct layout {
	int w, h;
	bool too_small;
	bool wide;
	bool reading; /* the compact arrangement for a step's words (L3) */
	struct grid_rect ramline; /* physical memory folded to one line (L4), on the narration's top border; h 0 none */
	struct grid_rect status;	  /* the top row */
	struct grid_rect cmdline;	  /* the bottom row */
	struct grid_rect pane[PANE_COUNT]; /* each with its border */
	/* A further screen (processes, working set ...) in place of the three
	 * memory panes, full width, the narration (at least 9 rows) full width
	 * below it. */
	struct grid_rect screen, screen_narr;
};

/* What the screen shows, for the arrangement (L3, L4). */
struct layout_want {
	int narr_h; /* rows the narration wants with its border; 0: no words */
	bool phys;  /* the physical-memory pane has focus */
};

/* want may be NULL: no words. */
void layout_compute(struct layout *l, int w, int h, const struct layout_want *want);

/* The pane under screen cell (y, x), or -1. */
int layout_pane_at(const struct layout *l, int y, int x);

/* Draws "mmviz needs at least ..." centred, for a screen that is too small. */
void layout_draw_too_small(struct cellgrid *g, const struct layout *l, int lang); /* lang: 0 en, 1 de */

#endif
