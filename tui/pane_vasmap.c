/*
 * pane_vasmap.c — the address-space pane's page map (docs/tui.md
 * TUI-VAS-MAP): a region's pages, one cell per page or per power-of-two
 * group of pages, each cell drawn from what its pages are
 * (mm_page_classes: in the working set, in RAM outside it, on disk,
 * demand zero, guard, reserved), with a legend that says how many pages a
 * cell holds and what each glyph means. Zoomed (Enter) or as the preview
 * under the region list on a tall pane.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pane_vas.h"
#include "msg.h"

static void draw_view_link(struct tui_view *v, struct cellgrid *g, int y, int w, const struct mm_view_page *vp,
			   uint64_t va);

/* The glyphs of the page map (docs/tui.md TUI-VAS-MAP), drawn in the
 * role of the region's type so that colour says the type and the glyph
 * what its pages are; GRID_GLYPH is the role's own (a full cell). */
enum { LOOK_PART = MM_PC_COUNT, LOOK_UNUSABLE, LOOK_N };
static const struct {
	uint32_t cp;
	const char *en, *de;
} looks[LOOK_N] = {
	[MM_PC_RESIDENT] = {GRID_GLYPH, "in WS", "im AS"},
	[LOOK_PART] = {0x2592, "partly in WS", "teils im AS"},
	[MM_PC_TRANSITION] = {'~', "standby/modified", "Standby/Geändert"},
	[MM_PC_PAGED_OUT] = {'o', "on disk", "auf Platte"},
	[MM_PC_DEMAND_ZERO] = {0xB7, "demand zero", "Demand Zero"},
	[MM_PC_GUARD] = {'g', "guard", "Schutzseite"},
	[MM_PC_RESERVED] = {GRID_GLYPH, "reserved", "reserviert"},
	[MM_PC_FREE] = {' ', "free", "frei"},
	[LOOK_UNUSABLE] = {GRID_GLYPH, "unusable", "unbrauchbar"},
};

/* What the pages [va, va + n pages) are. A cell with pages in RAM says
 * so: in the working set when most are, "partly" when some are, "~" when
 * none is but some are in RAM outside it (standby, modified); otherwise
 * the class most of them are in. So 4 touched pages of a 5 MB region show
 * where they are and nothing more, and so do 4 trimmed ones. */
static int cell_class(struct tui_view *v, uint64_t va, uint64_t n)
{
	uint64_t c[MM_PC_COUNT];
	if (mm_page_classes(v->m, vas_pid(v), va, n, c) < 0)
		return MM_PC_FREE;
	int best = MM_PC_FREE;
	for (int k = 0; k < MM_PC_COUNT; k++)
		if (c[k] >= c[best])
			best = k; /* ties go to the class nearer to RAM */
	if (best != MM_PC_RESIDENT && c[MM_PC_RESIDENT])
		return LOOK_PART;
	return c[MM_PC_RESIDENT] || !c[MM_PC_TRANSITION] ? best : MM_PC_TRANSITION;
}

/* Role and glyph of the cell for the pages [va, va + n pages). */
static void cell_look(struct tui_view *v, uint64_t va, uint64_t n, int *ri, unsigned *role, uint32_t *cp)
{
	const struct vas_view *s = &v->vas;
	while (*ri < s->nregions && va - s->regions[*ri].base >= s->regions[*ri].size && va >= s->regions[*ri].base)
		(*ri)++;
	int type = *ri < s->nregions && va >= s->regions[*ri].base ? s->regions[*ri].vtype : MM_VT_FREE;
	int k = cell_class(v, va, n);
	if (k == MM_PC_FREE && type == MM_VT_UNUSABLE)
		k = LOOK_UNUSABLE;
	*cp = looks[k].cp;
	*role = k == MM_PC_FREE ? ROLE_REGION_FREE : k == LOOK_UNUSABLE ? ROLE_REGION_UNUSABLE
		: k == MM_PC_RESERVED ? ROLE_REGION_RESERVED : vas_vtype_role(type == MM_VT_FREE || type == MM_VT_UNUSABLE ? MM_VT_PRIVATE : type);
}

/* The legend: how many pages a cell holds, then each glyph and its
 * meaning, on the rows [y, y + h), whole items only. */
static void draw_legend(struct tui_view *v, struct cellgrid *g, int y, int x0, int w, int h, uint64_t ppc)
{
	static const int order[] = {MM_PC_RESIDENT, LOOK_PART, MM_PC_TRANSITION, MM_PC_PAGED_OUT, MM_PC_DEMAND_ZERO,
				    MM_PC_GUARD, MM_PC_RESERVED, LOOK_UNUSABLE};
	char b[64], sz[32];
	if (ppc == 1)
		snprintf(b, sizeof b, "%s", MSG(v->lang, MAP_CELL_ONE));
	else
		snprintf(b, sizeof b, MSG(v->lang, MAP_CELL), ppc,
			 vas_size_short(ppc * MM_PAGE_SIZE, sz));
	int x = x0, row = 0;
	x += grid_text_at(g, y, x, ROLE_TEXT_DIM, b) + 2;
	for (size_t i = 0; i <= MM_ARRAY_LEN(order); i++) {
		bool play = i == MM_ARRAY_LEN(order);
		int k = play ? 0 : order[i];
		if (!play && k == LOOK_PART && ppc == 1)
			continue;
		const char *t = play ? MSG(v->lang, MAP_IN_PLAY) : tx(v, looks[k].en, looks[k].de);
		int need = 2 + grid_text_width(t);
		if (x + need > x0 + w) {
			if (++row >= h)
				return;
			x = x0;
		}
		unsigned role = play ? ROLE_HL_PAGE : k == MM_PC_RESERVED ? ROLE_REGION_RESERVED
			       : k == LOOK_UNUSABLE ? ROLE_REGION_UNUSABLE : ROLE_REGION_PRIVATE;
		grid_put(g, y + row, x, role, play ? GRID_GLYPH : looks[k].cp);
		grid_text_at(g, y + row, x + 2, ROLE_TEXT_DIM, t);
		x += need + 1;
	}
}

/* Columns of the map: a power of two, so each row starts at a round
 * address; with room, a label column (the row's address) before it. */
int vas_map_cols(const struct tui_view *v, int w, int *labelw)
{
	int digits = 0;
	for (uint64_t t = v->info.highest_user; t; t >>= 4)
		digits++;
	*labelw = w >= digits + 1 + 16 ? digits + 1 : 0;
	int cols = 1;
	while (cols * 2 <= w - *labelw)
		cols *= 2;
	return cols;
}

/* The pages of region ri fitted into r (a title row, the map, a legend
 * row), the page in play marked.  Returns 0 when it does not fit. */
int vas_draw_preview(struct tui_view *v, struct cellgrid *g, struct grid_rect r, int ri)
{
	const struct mm_region *reg = &v->vas.regions[ri];
	int labelw, cols = vas_map_cols(v, r.w, &labelw);
	int rows = r.h - 4;
	if (rows < 1 || cols < 8)
		return 0;
	uint64_t pages = mm_bytes_pages(reg->size), ppc = 1;
	while ((pages + ppc - 1) / ppc > (uint64_t)cols * (uint64_t)rows && ppc < (1ull << 40))
		ppc <<= 1;
	uint64_t cell = ppc * MM_PAGE_SIZE;
	uint64_t lo = reg->base & ~(cell * (uint64_t)cols - 1);
	char b[96], sz[32];
	(void)sz;
	snprintf(b, sizeof b, MSG(v->lang, MAP_PAGES_OF), reg->base);
	grid_text_at(g, r.y, r.x, ROLE_TEXT_HEADING, b);
	int k = 0;
	uint64_t end = reg->base + reg->size;
	for (int y = 0; y < rows; y++) {
		uint64_t rowva = lo + (uint64_t)y * (uint64_t)cols * cell;
		if (rowva >= end)
			break;
		if (labelw)
			grid_textf_at(g, r.y + 1 + y, r.x, ROLE_TEXT_DIM, "%*" PRIx64, labelw - 1 > 16 ? 16 : labelw - 1, rowva);
		for (int x = 0; x < cols; x++) {
			uint64_t va = rowva + (uint64_t)x * cell;
			if (va >= end)
				break;
			unsigned role;
			uint32_t cp;
			cell_look(v, va, ppc, &k, &role, &cp);
			if (vas_has_play(v) && v->va >= va && v->va - va < cell)
				role = ROLE_HL_PAGE, cp = GRID_GLYPH;
			grid_put(g, r.y + 1 + y, r.x + labelw + x, role, cp);
		}
	}
	draw_legend(v, g, r.y + r.h - 3, r.x, r.w, 3, ppc);
	return 1;
}

/* Rows of the zoomed map's legend for a pane h rows inside. */
int vas_map_legend_rows(int h) { return h >= 14 ? 3 : h >= 10 ? 2 : h >= 8 ? 1 : 0; }

/* Fits [lo, lo + span) into the map: pages per cell a power of two. */
void vas_map_fit(struct tui_view *v, uint64_t lo, uint64_t span, int cells)
{
	struct vas_view *s = &v->vas;
	uint64_t pages = mm_pages_round_up(span);
	uint64_t ppc = 1;
	while (cells > 0 && (pages + ppc - 1) / ppc > (uint64_t)cells && ppc < (1ull << 40))
		ppc <<= 1;
	s->ppc = ppc;
	s->lo = lo & ~(ppc * MM_PAGE_SIZE - 1);
}

void vas_draw_map(struct tui_view *v, struct cellgrid *g, struct grid_rect in, bool focused)
{
	struct vas_view *s = &v->vas;
	int labelw, cols = vas_map_cols(v, in.w, &labelw);
	int legend = vas_map_legend_rows(in.h);
	int rows = in.h - 2 - legend;
	struct mm_view_page vp;
	bool link = rows >= 6 && mm_view_page(v->m, vas_pid(v), s->cursor_va, &vp) == 0;
	rows -= link; /* a row for where a view's page leads */
	if (rows < 1 || cols < 4)
		return;
	uint64_t cell = s->ppc * MM_PAGE_SIZE;
	uint64_t top = vas_user_top(v);
	/* keep the selected page inside the window */
	uint64_t span = cell * (uint64_t)cols * (uint64_t)rows;
	if (s->cursor_va < s->lo || s->cursor_va - s->lo >= span)
		s->lo = s->cursor_va >= span / 2 ? (s->cursor_va - span / 2) & ~(cell * (uint64_t)cols - 1) : 0;
	char b[96], sz[32];
	if (s->ppc == 1)
		snprintf(b, sizeof b, "%s", MSG(v->lang, MAP_PER_CELL_ONE));
	else
		snprintf(b, sizeof b, MSG(v->lang, MAP_PER_CELL), s->ppc,
			 vas_size_short(cell, sz));
	grid_text_at(g, 0, 0, ROLE_TEXT_HEADING, b);
	s->map_y = 1;
	s->map_x = labelw;
	s->map_w = cols;
	s->map_h = rows;
	int ri = 0;
	for (int y = 0; y < rows; y++) {
		uint64_t rowva = s->lo + (uint64_t)y * (uint64_t)cols * cell;
		if (rowva >= top)
			break;
		if (labelw) {
			snprintf(b, sizeof b, "%*" PRIx64, labelw - 1 > 16 ? 16 : labelw - 1, rowva);
			grid_text_at(g, 1 + y, 0, ROLE_TEXT_DIM, b);
		}
		for (int x = 0; x < cols; x++) {
			uint64_t va = rowva + (uint64_t)x * cell;
			if (va >= top)
				break;
			unsigned role;
			uint32_t cp;
			cell_look(v, va, s->ppc, &ri, &role, &cp);
			bool play = vas_has_play(v) && v->va >= va && v->va - va < cell;
			bool sel = s->cursor_va >= va && s->cursor_va - va < cell;
			if (play)
				role = ROLE_HL_PAGE, cp = GRID_GLYPH;
			if (sel && focused)
				role |= GRID_REVERSE | GRID_UNDERLINE;
			grid_put(g, 1 + y, labelw + x, role, cp);
		}
	}
	if (legend) /* what the cells mean */
		draw_legend(v, g, 1 + rows, 0, in.w, legend, s->ppc);
	/* the selected page */
	struct mm_page pg;
	int y = 1 + rows + legend;
	if (mm_page(v->m, vas_pid(v), s->cursor_va, &pg) == 0) {
		const char *const st[] = {MSG(v->lang, MAP_FREE), MSG(v->lang, MAP_RESERVED),
					  MSG(v->lang, MAP_COMMITTED)};
		char pb[16];
		int n = snprintf(b, sizeof b, "0x%" PRIx64 " %s", pg.va, st[pg.state < 3 ? pg.state : 0]);
		if (pg.state == MM_REGION_COMMITTED)
			n += snprintf(b + n, sizeof b - (size_t)n, " %s", view_prot_short(pg.protect, pb));
		if (pg.resident)
			snprintf(b + n, sizeof b - (size_t)n, " PFN 0x%x", pg.pfn);
		else if (pg.state == MM_REGION_COMMITTED)
			snprintf(b + n, sizeof b - (size_t)n, " %s", pg.pte_format ? mm_pte_format_word(pg.pte_format, v->lang) : "");
		grid_text_at(g, y, 0, ROLE_TEXT_TITLE, b);
		if (link)
			draw_view_link(v, g, y + 1, in.w, &vp, s->cursor_va);
	}
}

/* A view's or image's page leads to its section (docs/tui.md TUI-LINKS):
 * the file and the page's offset in it, the prototype PTE, and the
 * command that shows the control area. */
static void draw_view_link(struct tui_view *v, struct cellgrid *g, int y, int w, const struct mm_view_page *vp,
			   uint64_t va)
{
	char b[200];
	int n = snprintf(b, sizeof b, "-> %s +0x%" PRIx64 "  !ca 0x%" PRIx64, vp->file, vp->offset,
			 va & ~(uint64_t)(MM_PAGE_SIZE - 1));
	if (n > 0 && n + 32 <= w) /* the prototype PTE too, with room */
		snprintf(b + n, sizeof b - (size_t)n, "  %s 0x%" PRIx64, MSG(v->lang, MAP_PROTO_PTE), vp->proto_address);
	grid_text_at(g, y, 0, ROLE_TEXT_DIM, b);
}

int vas_map_follow(struct tui_view *v)
{
	struct mm_page pg;
	struct mm_view_page vp;
	uint64_t va = v->vas.cursor_va;
	int64_t pfn = -1;
	if (mm_page(v->m, vas_pid(v), va, &pg) == 0 &&
	    (pg.resident || (pg.pte_format && strcmp(pg.pte_format, "transition") == 0)))
		pfn = pg.pfn;
	else if (mm_view_page(v->m, vas_pid(v), va, &vp) == 0)
		pfn = vp.pfn;
	if (pfn < 0)
		return TUI_HANDLED;
	v->phys.sel = pfn;
	v->focus = PANE_PHYS;
	return TUI_HANDLED | TUI_REDRAW;
}

