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
 *
 * A cell is a link (docs/tui.md TUI-LINKS): Up Down and < > select one,
 * Enter or a click opens Physical Pages with only the frames of that use
 * on that list (the Total column: on every list; the Total row: of every
 * use), as RAMMap's Physical Pages tab sorted by Use and List lists them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"
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
	struct grid_rect in = screen_frame(v, g, r, MSG(de, UC_TITLE));
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
	grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, MSG(de, UC_PAGES), all);
	/* heading */
	x = lw + 1;
	grid_text_at(g, 1, 0, ROLE_TEXT_HEADING, MSG(de, UC_USE));
	for (int c = 0; c < ncols; c++) {
		const char *h = c == 0 ? MSG(de, VAS_TOTAL) : ram_list_name(col_state[c - 1], de);
		grid_text_at(g, 1, x + 1 + cw[c] - grid_text_width(h), ROLE_TEXT_HEADING, h);
		x += 1 + cw[c];
	}
	/* every use when all fit with the Total row, the priority line and
	 * the note; else only the uses that have frames */
	bool all_rows = 2 + MM_RU_COUNT + 1 + 2 + 1 <= in.h;
	int y = 2;
	struct ram_view *rv = &v->ram;
	rv->uc_y0 = 2;
	rv->uc_nrows = 0;
	rv->uc_ncols = ncols;
	x = lw + 1;
	for (int c = 0; c < ncols; c++) {
		rv->uc_x[c] = x + 1;
		x += 1 + cw[c];
	}
	rv->uc_x[ncols] = x + 1;
	if (rv->uc_col >= ncols)
		rv->uc_col = ncols - 1;
	for (int u = 0; u <= MM_RU_COUNT && y < in.h; u++, y++) {
		bool total = u == MM_RU_COUNT;
		if (!total && !all_rows && !row_total[u]) {
			y--;
			continue;
		}
		const uint64_t *cells = total ? col_total : uc.n[u];
		bool sel_row = rv->uc_nrows == rv->uc_row;
		rv->uc_use[rv->uc_nrows++] = u;
		if (!total) {
			grid_put(g, y, 0, ram_use_role(u), GRID_GLYPH);
			grid_text_at(g, y, 2, ROLE_TEXT_NORMAL, ram_use_name(u, de, false));
		} else
			grid_text_at(g, y, 2, ROLE_TEXT_TITLE, MSG(de, VAS_TOTAL));
		x = lw + 1;
		for (int c = 0; c < ncols; c++) {
			uint64_t n = c == 0 ? (total ? all : row_total[u]) : cells[col_state[c - 1]];
			char b[24];
			snprintf(b, sizeof b, "%" PRIu64, n);
			bool sel = sel_row && c == rv->uc_col;
			if (sel)
				grid_fill(g, (struct grid_rect){y, x + 1, 1, cw[c]}, ROLE_HL_SELECTED, ' ');
			if (n || c == 0 || sel)
				grid_text_at(g, y, x + 1 + cw[c] - (int)strlen(b),
					     sel ? ROLE_HL_SELECTED : total || c == 0 ? ROLE_TEXT_TITLE : ROLE_TEXT_NORMAL, b);
			x += 1 + cw[c];
		}
	}
	if (y < in.h) { /* the standby list by priority */
		char b[200];
		int n = snprintf(b, sizeof b, MSG(de, UC_BY_PRIO));
		for (int p = 0; p < MM_NPRIOS && n > 0 && (size_t)n < sizeof b; p++)
			n += snprintf(b + n, sizeof b - (size_t)n, "  %d: %" PRIu64, p, uc.standby_prio[p]);
		grid_text_at(g, ++y, 0, ROLE_TEXT_NORMAL, b);
	}
	if (++y < in.h)
		grid_text_at(g, y, 0, ROLE_TEXT_DIM,
			     MSG(de, UC_NOTE));
	if (++y < in.h)
		grid_text_at(g, y, 0, ROLE_TEXT_DIM, MSG(v->lang, UC_LINK_HINT));
	if (rv->uc_row >= rv->uc_nrows)
		rv->uc_row = rv->uc_nrows - 1;
	grid_pop_clip(g);
}

/* Physical Pages with the frames of the cell at drawn row, column. */
static int open_cell(struct tui_view *v, int row, int col)
{
	struct ram_view *rv = &v->ram;
	if (row < 0 || row >= rv->uc_nrows || col < 0 || col >= rv->uc_ncols)
		return TUI_HANDLED;
	int u = rv->uc_use[row];
	rv->uc_row = row;
	rv->uc_col = col;
	rv->pid = 0;
	rv->use_f = u < MM_RU_COUNT ? u + 1 : 0;
	rv->list_f = col > 0 ? col_state[col - 1] + 1 : 0;
	screen_follow(v, SCREEN_PHYSPAGES); /* Esc there comes back here */
	return TUI_HANDLED | TUI_REDRAW;
}

/* Up Down select a use, < > a list (Total first), Enter follows the cell. */
static int usecounts_key(struct tui_view *v, const struct draw_event *ev)
{
	struct ram_view *rv = &v->ram;
	if (ev->type != DRAW_EV_KEY)
		return 0;
	switch (ev->key) {
	case DRAW_KEY_UP: rv->uc_row -= rv->uc_row > 0; break;
	case DRAW_KEY_DOWN: rv->uc_row += rv->uc_row < rv->uc_nrows - 1; break;
	case DRAW_KEY_CHAR: /* Left and Right step the scenario: < > choose the list */
		if (ev->cp == '<' || ev->cp == ',')
			rv->uc_col -= rv->uc_col > 0;
		else if (ev->cp == '>' || ev->cp == '.')
			rv->uc_col += rv->uc_col < rv->uc_ncols - 1;
		else
			return 0;
		break;
	case DRAW_KEY_ENTER: return open_cell(v, rv->uc_row, rv->uc_col);
	default: return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* A click on a count opens it (y, x relative to the screen's frame). */
static int usecounts_click(struct tui_view *v, int y, int x)
{
	const struct ram_view *rv = &v->ram;
	int row = y - 1 - rv->uc_y0, ix = x - 1;
	for (int c = 0; c < rv->uc_ncols; c++)
		if (ix >= rv->uc_x[c] && ix < rv->uc_x[c + 1])
			return open_cell(v, row, c);
	return TUI_HANDLED;
}

const struct pane_class pane_usecounts_class = {
	.name = "usecounts",
	.draw = usecounts_draw,
	.key = usecounts_key,
	.click = usecounts_click,
	.min_w = 20,
	.min_h = 4,
};
