/*
 * pane_vas.c — the address-space pane (VMMap-like) of the current process.
 *
 * Zoom 0 is the whole user space as a list of regions: each reservation
 * (by type: image, mapped, heap, stack, private data ...) and the free
 * gaps between, with state, protection and committed / resident sizes.
 * Enter zooms into the selected region as a page map (one cell per page,
 * or per group of pages when the region is large); Enter again zooms
 * further around the selected page, four times per step, down to one page
 * per cell; Backspace zooms out.  The page in play is marked in both
 * views ('@' in the list, the highlighted cell in the map).
 *
 * Regions are read with mm_regions once per cursor position (cached on the
 * player's generation and event cursor), since counting committed and
 * resident pages walks the region's page tables.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"

#define PER_PAGE_MAX 4 /* pages per cell up to which each page is read */

static void load_regions(struct tui_view *v)
{
	struct vas_view *s = &v->vas;
	uint64_t gen = player_generation(v->pl), ev = player_events_done(v->pl);
	uint32_t pid = v->info.current_pid;
	if (s->key_valid && s->key_gen == gen && s->key_ev == ev && s->key_pid == pid)
		return;
	int total = 0;
	int n = mm_regions(v->m, pid, s->regions, s->capregions, &total);
	if (total > s->capregions) {
		struct mm_region *r = realloc(s->regions, (size_t)total * sizeof *r);
		if (r) {
			s->regions = r;
			s->capregions = total;
			n = mm_regions(v->m, pid, s->regions, s->capregions, &total);
		}
	}
	s->nregions = n;
	s->key_gen = gen;
	s->key_ev = ev;
	s->key_pid = pid;
	s->key_valid = true;
}

static int region_of(const struct tui_view *v, uint64_t va)
{
	for (int i = 0; i < v->vas.nregions; i++) {
		const struct mm_region *r = &v->vas.regions[i];
		if (va >= r->base && va - r->base < r->size)
			return i;
	}
	return -1;
}

/* The label and role of a region (VMMap's types). */
static const char *region_label(const struct mm_region *r, unsigned *role)
{
	if (r->state == MM_REGION_FREE) {
		bool unusable = r->size < MM_ALLOC_GRANULARITY && (r->base & (MM_ALLOC_GRANULARITY - 1));
		*role = unusable ? ROLE_REGION_UNUSABLE : ROLE_REGION_FREE;
		return unusable ? "Unusable" : "Free";
	}
	const char *u = r->usage ? r->usage : "", *t = r->type ? r->type : "";
	static const struct {
		const char *usage;
		const char *label;
		unsigned role;
	} map[] = {
		{"heap", "Heap", ROLE_REGION_HEAP},		 {"stack", "Stack", ROLE_REGION_STACK},
		{"image", "Image", ROLE_REGION_IMAGE},		 {"mapped_file", "Mapped File", ROLE_REGION_MAPPED},
		{"shareable", "Shareable", ROLE_REGION_SHAREABLE}, {"page_table", "Page Table", ROLE_REGION_PAGE_TABLE},
		{"private_data", "Private Data", ROLE_REGION_PRIVATE},
	};
	for (size_t i = 0; i < MM_ARRAY_LEN(map); i++)
		if (!strcmp(u, map[i].usage)) {
			*role = map[i].role;
			return map[i].label;
		}
	if (!strcmp(t, "image")) {
		*role = ROLE_REGION_IMAGE;
		return "Image";
	}
	if (!strcmp(t, "mapped")) {
		*role = ROLE_REGION_MAPPED;
		return "Mapped File";
	}
	*role = ROLE_REGION_PRIVATE;
	return "Private Data";
}

static const char *size_short(uint64_t bytes, char buf[32])
{
	static const char *const unit[] = {"B", "K", "M", "G", "T", "P"};
	int u = 0;
	uint64_t v = bytes;
	while (v >= 1024 && (v % 1024 == 0 || v >= 10240) && u < 5) {
		v /= 1024;
		u++;
	}
	snprintf(buf, 32, "%" PRIu64 "%s", v, unit[u]);
	return buf;
}

static const char *proc_name(const struct tui_view *v, char *buf, size_t n)
{
	struct mm_proc ps[64];
	int np = mm_procs(v->m, ps, 64);
	for (int i = 0; i < np; i++)
		if (ps[i].pid == v->info.current_pid) {
			snprintf(buf, n, "%s", ps[i].name);
			return buf;
		}
	snprintf(buf, n, "?");
	return buf;
}

/* ---- zoom 0: the region list ---------------------------------------------- */

static const char *short_label(const char *label)
{
	static const char *const map[][2] = {
		{"Private Data", "Private"}, {"Mapped File", "Mapped"}, {"Page Table", "PgTable"}, {"Shareable", "Share"},
	};
	for (size_t i = 0; i < MM_ARRAY_LEN(map); i++)
		if (!strcmp(label, map[i][0]))
			return map[i][1];
	return label;
}

static int draw_preview(struct tui_view *v, struct cellgrid *g, struct grid_rect r, int ri);
static int map_cols(const struct tui_view *v, int w, int *labelw);

static void draw_list(struct tui_view *v, struct cellgrid *g, struct grid_rect in, bool focused)
{
	struct vas_view *s = &v->vas;
	int w = in.w;
	/* the address column is as wide as the largest base needs */
	int addrw = 5;
	for (int i = 0; i < s->nregions; i++) {
		int d = 0;
		for (uint64_t b = s->regions[i].base; b; b >>= 4)
			d++;
		addrw = d > addrw ? d : addrw;
	}
	/* columns: mark addr size state+type prot commit/ws, dropped from the right */
	bool longtype = w >= 1 + addrw + 1 + 6 + 14 + 5 + 9;
	int xs = 1 + addrw + 1, xt = xs + 6, xp = xt + (longtype ? 14 : 9), xc = xp + 5;
	grid_text_at(g, 0, 1, ROLE_TEXT_HEADING, addrw >= 7 ? "Address" : "Base");
	grid_text_at(g, 0, xs, ROLE_TEXT_HEADING, "Size");
	grid_text_at(g, 0, xt, ROLE_TEXT_HEADING, "Type");
	if (xp + 4 <= w)
		grid_text_at(g, 0, xp, ROLE_TEXT_HEADING, "Prot");
	if (xc + 9 <= w)
		grid_text_at(g, 0, xc, ROLE_TEXT_HEADING, "Commit/WS");
	int rows = in.h - 1;
	int play = v->has_va ? region_of(v, v->va) : -1;
	/* With rows to spare (a projector), the pages of the selected region
	 * (or of the page in play) under the list, without zooming. */
	int pv = s->sel >= 0 ? s->sel : play;
	if (pv >= 0 && pv < s->nregions && s->regions[pv].state != MM_REGION_FREE && rows - s->nregions >= 6) {
		int ph = rows - s->nregions - 1;
		int labelw, cols = map_cols(v, in.w, &labelw);
		uint64_t pages = mm_bytes_pages(s->regions[pv].size);
		uint64_t need = 2 + (pages + (uint64_t)cols - 1) / (uint64_t)cols;
		if (ph > 14)
			ph = 14;
		if ((uint64_t)ph > need)
			ph = (int)need;
		rows -= draw_preview(v, g, (struct grid_rect){1 + s->nregions + 1, 0, ph, in.w}, pv) ? ph + 1 : 0;
	}
	s->list_y = 1;
	s->list_rows = rows;
	if (rows <= 0)
		return;
	if (s->sel >= s->nregions)
		s->sel = s->nregions - 1;
	int focus_row = s->sel >= 0 ? s->sel : play;
	if (focus_row >= 0) {
		if (focus_row < s->top)
			s->top = focus_row;
		if (focus_row >= s->top + rows)
			s->top = focus_row - rows + 1;
	}
	if (s->top > s->nregions - rows)
		s->top = s->nregions - rows;
	if (s->top < 0)
		s->top = 0;
	for (int i = 0; i < rows && s->top + i < s->nregions; i++) {
		int ri = s->top + i, y = 1 + i;
		const struct mm_region *r = &s->regions[ri];
		unsigned role;
		const char *label = region_label(r, &role);
		char b[64], sz[32], sz2[32];
		bool sel = ri == s->sel;
		unsigned base = sel ? ROLE_HL_SELECTED : ROLE_TEXT_NORMAL;
		if (sel)
			grid_fill(g, (struct grid_rect){y, 0, 1, w}, ROLE_HL_SELECTED, ' ');
		if (ri == play)
			grid_put(g, y, 0, ROLE_HL_PAGE, '@');
		snprintf(b, sizeof b, "%0*" PRIx64, addrw, r->base);
		grid_text_at(g, y, 1, base | (r->state == MM_REGION_FREE ? GRID_DIM : 0), b);
		grid_text_at(g, y, xs, base, size_short(r->size, sz));
		grid_put(g, y, xt, r->state == MM_REGION_COMMITTED ? ROLE_REGION_COMMITTED
				   : r->state == MM_REGION_RESERVED ? ROLE_REGION_RESERVED
								     : ROLE_REGION_FREE,
			 GRID_GLYPH);
		grid_text_at(g, y, xt + 1, sel ? base : role == ROLE_REGION_FREE ? ROLE_TEXT_DIM : role,
			     longtype ? label : short_label(label));
		if (r->state != MM_REGION_FREE) {
			if (xp + 4 <= w)
				grid_text_at(g, y, xp, base,
					     r->state == MM_REGION_RESERVED ? "res" : view_prot_short(r->protect, sz));
			if (xc + 4 <= w && r->committed) {
				snprintf(b, sizeof b, "%s/%s", size_short(r->committed * MM_PAGE_SIZE, sz),
					 size_short(r->resident * MM_PAGE_SIZE, sz2));
				grid_text_at(g, y, xc, base, b);
			}
		}
	}
	(void)focused;
}

/* ---- zoom >= 1: the page map ----------------------------------------------- */

static uint64_t user_top(const struct tui_view *v) { return v->info.highest_user + 1; }

/* State of the pages [va, va + n pages): role and glyph of one cell. */
static void cell_look(struct tui_view *v, uint64_t va, uint64_t n, int *ri, unsigned *role, uint32_t *cp)
{
	const struct vas_view *s = &v->vas;
	while (*ri < s->nregions && va - s->regions[*ri].base >= s->regions[*ri].size && va >= s->regions[*ri].base)
		(*ri)++;
	if (*ri >= s->nregions || va < s->regions[*ri].base) {
		*role = ROLE_REGION_FREE;
		*cp = ' ';
		return;
	}
	const struct mm_region *r = &s->regions[*ri];
	unsigned type;
	region_label(r, &type);
	if (r->state == MM_REGION_FREE) {
		*role = type;
		*cp = GRID_GLYPH;
		return;
	}
	if (n <= PER_PAGE_MAX) {
		int state = MM_REGION_FREE;
		bool resident = false;
		for (uint64_t i = 0; i < n; i++) {
			struct mm_page pg;
			if (mm_page(v->m, v->info.current_pid, va + i * MM_PAGE_SIZE, &pg) == 0) {
				state = pg.state > state ? pg.state : state;
				resident |= pg.resident;
			}
		}
		if (state == MM_REGION_RESERVED) {
			*role = ROLE_REGION_RESERVED;
			*cp = GRID_GLYPH;
		} else if (state == MM_REGION_COMMITTED) {
			*role = type;
			*cp = resident ? GRID_GLYPH : 0xB7; /* middle dot: committed, not in RAM */
		} else {
			*role = ROLE_REGION_FREE;
			*cp = ' ';
		}
		return;
	}
	if (r->state == MM_REGION_RESERVED) {
		*role = ROLE_REGION_RESERVED;
		*cp = GRID_GLYPH;
	} else {
		*role = type;
		*cp = r->resident ? GRID_GLYPH : 0xB7;
	}
}

/* Columns of the map: a power of two, so each row starts at a round
 * address; with room, a label column (the row's address) before it. */
static int map_cols(const struct tui_view *v, int w, int *labelw)
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
static int draw_preview(struct tui_view *v, struct cellgrid *g, struct grid_rect r, int ri)
{
	const struct mm_region *reg = &v->vas.regions[ri];
	int labelw, cols = map_cols(v, r.w, &labelw);
	int rows = r.h - 2;
	if (rows < 1 || cols < 8)
		return 0;
	uint64_t pages = mm_bytes_pages(reg->size), ppc = 1;
	while ((pages + ppc - 1) / ppc > (uint64_t)cols * (uint64_t)rows && ppc < (1ull << 40))
		ppc <<= 1;
	uint64_t cell = ppc * MM_PAGE_SIZE;
	uint64_t lo = reg->base & ~(cell * (uint64_t)cols - 1);
	char b[96], sz[32];
	snprintf(b, sizeof b, "pages of 0x%" PRIx64 " (%s per cell):", reg->base, ppc == 1 ? "1 page" : size_short(cell, sz));
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
			if (v->has_va && v->va >= va && v->va - va < cell)
				role = ROLE_HL_PAGE, cp = GRID_GLYPH;
			grid_put(g, r.y + 1 + y, r.x + labelw + x, role, cp);
		}
	}
	int x = r.x, y = r.y + r.h - 1;
	grid_put(g, y, x, ROLE_REGION_PRIVATE, GRID_GLYPH);
	x += 2 + grid_text_at(g, y, x + 2, ROLE_TEXT_DIM, "in RAM") + 1;
	grid_put(g, y, x, ROLE_REGION_PRIVATE, 0xB7);
	x += 2 + grid_text_at(g, y, x + 2, ROLE_TEXT_DIM, "committed") + 1;
	grid_put(g, y, x, ROLE_REGION_RESERVED, GRID_GLYPH);
	x += 2 + grid_text_at(g, y, x + 2, ROLE_TEXT_DIM, "reserved") + 1;
	grid_put(g, y, x, ROLE_HL_PAGE, GRID_GLYPH);
	grid_text_at(g, y, x + 2, ROLE_TEXT_DIM, "in play");
	return 1;
}

/* Fits [lo, lo + span) into the map: pages per cell a power of two. */
static void map_fit(struct tui_view *v, uint64_t lo, uint64_t span, int cells)
{
	struct vas_view *s = &v->vas;
	uint64_t pages = mm_pages_round_up(span);
	uint64_t ppc = 1;
	while (cells > 0 && (pages + ppc - 1) / ppc > (uint64_t)cells && ppc < (1ull << 40))
		ppc <<= 1;
	s->ppc = ppc;
	s->lo = lo & ~(ppc * MM_PAGE_SIZE - 1);
}

static void draw_map(struct tui_view *v, struct cellgrid *g, struct grid_rect in, bool focused)
{
	struct vas_view *s = &v->vas;
	int labelw, cols = map_cols(v, in.w, &labelw);
	bool legend = in.h >= 8;
	int rows = in.h - 2 - legend;
	if (rows < 1 || cols < 4)
		return;
	uint64_t cell = s->ppc * MM_PAGE_SIZE;
	uint64_t top = user_top(v);
	/* keep the selected page inside the window */
	uint64_t span = cell * (uint64_t)cols * (uint64_t)rows;
	if (s->cursor_va < s->lo || s->cursor_va - s->lo >= span)
		s->lo = s->cursor_va >= span / 2 ? (s->cursor_va - span / 2) & ~(cell * (uint64_t)cols - 1) : 0;
	char b[96], sz[32];
	snprintf(b, sizeof b, "%s per cell", s->ppc == 1 ? "1 page" : size_short(cell, sz));
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
			bool play = v->has_va && v->va >= va && v->va - va < cell;
			bool sel = s->cursor_va >= va && s->cursor_va - va < cell;
			if (play)
				role = ROLE_HL_PAGE, cp = GRID_GLYPH;
			if (sel && focused)
				role |= GRID_REVERSE | GRID_UNDERLINE;
			grid_put(g, 1 + y, labelw + x, role, cp);
		}
	}
	if (legend) { /* what the cells mean */
		int x = 0, y = 1 + rows;
		grid_put(g, y, x, ROLE_REGION_PRIVATE, GRID_GLYPH);
		x += 2 + grid_text_at(g, y, x + 2, ROLE_TEXT_DIM, "in RAM") + 1;
		grid_put(g, y, x, ROLE_REGION_PRIVATE, 0xB7);
		x += 2 + grid_text_at(g, y, x + 2, ROLE_TEXT_DIM, "committed") + 1;
		grid_put(g, y, x, ROLE_REGION_RESERVED, GRID_GLYPH);
		x += 2 + grid_text_at(g, y, x + 2, ROLE_TEXT_DIM, "reserved") + 1;
		grid_put(g, y, x, ROLE_HL_PAGE, GRID_GLYPH);
		grid_text_at(g, y, x + 2, ROLE_TEXT_DIM, "in play");
	}
	/* the selected page */
	struct mm_page pg;
	int y = 1 + rows + legend;
	if (mm_page(v->m, v->info.current_pid, s->cursor_va, &pg) == 0) {
		static const char *const st[] = {"free", "reserved", "committed"};
		char pb[16];
		int n = snprintf(b, sizeof b, "0x%" PRIx64 " %s", pg.va, st[pg.state < 3 ? pg.state : 0]);
		if (pg.state == MM_REGION_COMMITTED)
			n += snprintf(b + n, sizeof b - (size_t)n, " %s", view_prot_short(pg.protect, pb));
		if (pg.resident)
			snprintf(b + n, sizeof b - (size_t)n, " PFN 0x%x", pg.pfn);
		else if (pg.state == MM_REGION_COMMITTED)
			snprintf(b + n, sizeof b - (size_t)n, " %s", pg.pte_format ? pg.pte_format : "");
		grid_text_at(g, y, 0, ROLE_TEXT_TITLE, b);
	}
}

static void vas_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	load_regions(v);
	char title[96], nm[40], lo[24];
	if (v->vas.zoom == 0)
		snprintf(title, sizeof title, "Address space: %s (pid %u)", proc_name(v, nm, sizeof nm), v->info.current_pid);
	else
		snprintf(title, sizeof title, "Address space: %s zoom %d", view_hex(v->vas.lo, lo), v->vas.zoom);
	struct grid_rect in = view_frame(g, r, title, focused);
	if (v->vas.zoom == 0)
		draw_list(v, g, in, focused);
	else
		draw_map(v, g, in, focused);
	grid_pop_clip(g);
}

/* ---- keys and clicks -------------------------------------------------------- */

static int map_cells(const struct tui_view *v)
{
	const struct grid_rect *r = &v->rect[PANE_VAS];
	int labelw, cols = map_cols(v, r->w - 2, &labelw);
	int rows = r->h - 4 - (r->h - 2 >= 8);
	return cols > 0 && rows > 0 ? cols * rows : 1;
}

static void zoom_in(struct tui_view *v)
{
	struct vas_view *s = &v->vas;
	if (s->zoom == 0) {
		int i = s->sel >= 0 ? s->sel : v->has_va ? region_of(v, v->va) : 0;
		if (i < 0 || i >= s->nregions)
			return;
		const struct mm_region *r = &s->regions[i];
		map_fit(v, r->base, r->size, map_cells(v));
		s->cursor_va = v->has_va && v->va - r->base < r->size ? mm_page_base(v->va) : r->base;
		s->zoom = 1;
		return;
	}
	if (s->ppc == 1)
		return;
	s->ppc = s->ppc >= 4 ? s->ppc / 4 : 1;
	s->lo = (uint64_t)-1; /* draw_map centres the window on the cursor */
	s->zoom++;
}

static void zoom_out(struct tui_view *v)
{
	struct vas_view *s = &v->vas;
	if (s->zoom <= 1) {
		s->zoom = 0;
		return;
	}
	s->ppc *= 4;
	s->lo = (uint64_t)-1;
	s->zoom--;
}

static int vas_key(struct tui_view *v, const struct draw_event *ev)
{
	struct vas_view *s = &v->vas;
	if (ev->type != DRAW_EV_KEY)
		return 0;
	bool ch = ev->key == DRAW_KEY_CHAR;
	if (ev->key == DRAW_KEY_ENTER || (ch && ev->cp == 'z')) {
		zoom_in(v);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->key == DRAW_KEY_BACKSPACE || (ch && ev->cp == 'Z')) {
		zoom_out(v);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->key == DRAW_KEY_ESC) {
		s->sel = -1;
		s->zoom = 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	int d = 0;
	if (ev->key == DRAW_KEY_UP || (ch && ev->cp == 'k'))
		d = -1;
	else if (ev->key == DRAW_KEY_DOWN || (ch && ev->cp == 'j'))
		d = 1;
	else if (ev->key == DRAW_KEY_PGUP)
		d = -8;
	else if (ev->key == DRAW_KEY_PGDN)
		d = 8;
	else if (ch && (ev->cp == '<' || ev->cp == ','))
		d = -100;
	else if (ch && (ev->cp == '>' || ev->cp == '.'))
		d = 100;
	if (!d)
		return 0;
	if (s->zoom == 0) {
		if (d == 100 || d == -100)
			d /= 100;
		int cur = s->sel >= 0 ? s->sel : v->has_va ? region_of(v, v->va) : 0;
		cur += d;
		s->sel = cur < 0 ? 0 : cur >= s->nregions ? s->nregions - 1 : cur;
	} else {
		int64_t step = d == 100 || d == -100 ? d / 100 : (int64_t)d * (s->map_w > 0 ? s->map_w : 1);
		uint64_t cell = s->ppc * MM_PAGE_SIZE;
		uint64_t nv = s->cursor_va + (uint64_t)(step * (int64_t)cell);
		if (step < 0 && (uint64_t)(-step) * cell > s->cursor_va)
			nv = 0;
		if (nv < user_top(v))
			s->cursor_va = nv;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int vas_click(struct tui_view *v, int y, int x)
{
	struct vas_view *s = &v->vas;
	int iy = y - 1, ix = x - 1; /* inside the border */
	if (s->zoom == 0) {
		int row = iy - s->list_y;
		if (row >= 0 && row < s->list_rows && s->top + row < s->nregions) {
			s->sel = s->top + row;
			return TUI_HANDLED | TUI_REDRAW;
		}
		return TUI_HANDLED;
	}
	int my = iy - s->map_y, mx = ix - s->map_x;
	if (my >= 0 && my < s->map_h && mx >= 0 && mx < s->map_w) {
		uint64_t cell = s->ppc * MM_PAGE_SIZE;
		uint64_t va = s->lo + ((uint64_t)my * (uint64_t)s->map_w + (uint64_t)mx) * cell;
		if (va < user_top(v))
			s->cursor_va = va;
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_HANDLED;
}

const struct pane_class pane_vas_class = {
	.name = "address space",
	.draw = vas_draw,
	.key = vas_key,
	.click = vas_click,
	.min_w = 30,
	.min_h = 5,
};
