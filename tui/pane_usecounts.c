/*
 * pane_usecounts.c — RAMMap's Use Counts screen (docs/tui.md TUI-RAM): a
 * row per use (process private, page table, mapped file, image, ...), a
 * column per list (active, standby, modified, ...), every cell the frames
 * of that use on that list, with the totals of each row and column; under
 * it the standby list by priority 0-7 (RAMMap's Priority Summary).
 *
 * The counts come from mm_use_counts (core/mm/query_ram.c), read from the
 * PFN database at the cursor; this file only lays them out. Columns are
 * given room in RAMMap's order and dropped from the right when the
 * screen is narrow, never cut.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pane.h"
#include "ram.h"

/* RAMMap's column order: Active, Standby, Modified, Modified No-Write,
 * Transition, Zeroed, Free, Bad (the states' numbers, mm.h). */
static const int col_state[MM_NSTATES] = {6, 2, 3, 4, 7, 0, 1, 5};

static int num_width(uint64_t n)
{
	char b[24];
	return snprintf(b, sizeof b, "%" PRIu64, n);
}

static void usecounts_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	int de = v->lang;
	struct grid_rect in = screen_frame(v, g, r, de ? "Verwendung (RAMMap: Use Counts)" : "Use Counts (RAMMap)");
	struct mm_use_counts uc;
	mm_use_counts(v->m, &uc);
	uint64_t row_total[MM_RU_COUNT] = {0}, col_total[MM_NSTATES] = {0}, all = 0;
	for (int u = 0; u < MM_RU_COUNT; u++)
		for (int s = 0; s < MM_NSTATES; s++) {
			row_total[u] += uc.n[u][s];
			col_total[s] += uc.n[u][s];
			all += uc.n[u][s];
		}
	/* widths: the label column, then Total and each list as wide as its
	 * heading or its largest number */
	int lw = 0;
	for (int u = 0; u < MM_RU_COUNT; u++)
		if (grid_text_width(ram_use_name(u, de, false)) > lw)
			lw = grid_text_width(ram_use_name(u, de, false));
	int cw[MM_NSTATES + 1], x = lw + 1, ncols = 0;
	cw[0] = num_width(all) > 6 ? num_width(all) : 6;
	for (int c = 0; c <= MM_NSTATES; c++) {
		if (c > 0) {
			int s = col_state[c - 1], hw = grid_text_width(ram_list_name(s, de)), nw = num_width(col_total[s]);
			cw[c] = hw > nw ? hw : nw;
		}
		if (x + 1 + cw[c] > in.w)
			break;
		x += 1 + cw[c];
		ncols++;
	}
	grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, de ? "%" PRIu64 " Seiten (4 KB), nach Verwendung und Liste"
						  : "%" PRIu64 " pages (4 KB) by use and list", all);
	/* heading */
	x = lw + 1;
	grid_text_at(g, 1, 0, ROLE_TEXT_HEADING, de ? "Verwendung" : "Use");
	for (int c = 0; c < ncols; c++) {
		const char *h = c == 0 ? (de ? "Gesamt" : "Total") : ram_list_name(col_state[c - 1], de);
		grid_text_at(g, 1, x + 1 + cw[c] - grid_text_width(h), ROLE_TEXT_HEADING, h);
		x += 1 + cw[c];
	}
	/* every use when all fit with the Total row, the priority line and
	 * the note; else only the uses that have frames */
	bool all_rows = 2 + MM_RU_COUNT + 1 + 2 + 1 <= in.h;
	int y = 2;
	for (int u = 0; u <= MM_RU_COUNT && y < in.h; u++, y++) {
		bool total = u == MM_RU_COUNT;
		if (!total && !all_rows && !row_total[u]) {
			y--;
			continue;
		}
		const uint64_t *cells = total ? col_total : uc.n[u];
		if (!total) {
			grid_put(g, y, 0, ram_use_role(u), GRID_GLYPH);
			grid_text_at(g, y, 2, ROLE_TEXT_NORMAL, ram_use_name(u, de, false));
		} else
			grid_text_at(g, y, 2, ROLE_TEXT_TITLE, de ? "Gesamt" : "Total");
		x = lw + 1;
		for (int c = 0; c < ncols; c++) {
			uint64_t n = c == 0 ? (total ? all : row_total[u]) : cells[col_state[c - 1]];
			char b[24];
			snprintf(b, sizeof b, "%" PRIu64, n);
			if (n || c == 0)
				grid_text_at(g, y, x + 1 + cw[c] - (int)strlen(b), total || c == 0 ? ROLE_TEXT_TITLE : ROLE_TEXT_NORMAL,
					     b);
			x += 1 + cw[c];
		}
	}
	if (y < in.h) { /* the standby list by priority */
		char b[200];
		int n = snprintf(b, sizeof b, de ? "Standby nach Priorität:" : "Standby by priority:");
		for (int p = 0; p < MM_NPRIOS && n > 0 && (size_t)n < sizeof b; p++)
			n += snprintf(b + n, sizeof b - (size_t)n, "  %d: %" PRIu64, p, uc.standby_prio[p]);
		grid_text_at(g, ++y, 0, ROLE_TEXT_NORMAL, b);
	}
	if (++y < in.h)
		grid_text_at(g, y, 0, ROLE_TEXT_DIM,
			     de ? "wie RAMMap, Use Counts (Seiten statt KB); die Summen zeigt auch !memusage"
				: "as RAMMap's Use Counts (pages, not KB); !memusage gives the totals too");
	grid_pop_clip(g);
}

const struct pane_class pane_usecounts_class = {
	.name = "usecounts",
	.draw = usecounts_draw,
	.key = screen_key,
	.min_w = 20,
	.min_h = 4,
};
