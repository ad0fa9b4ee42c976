/*
 * pane_phys.c — the physical-memory pane (RAMMap-like): one cell per page
 * frame, or per group of frames when memory is large, coloured by the
 * dominant page state; the legend says how many frames a cell holds and
 * counts the frames on each list; the frame in play is marked; the
 * selected frame (click, or the keys below) shows its PFN entry.
 *
 * Cost: frames per cell is a power of two.  Up to PER_FRAME_MAX frames of
 * RAM the cells are counted frame by frame (mm_frame_state); above, a cell
 * is a whole number of the core's summary groups (mm_group, O(1) each, at
 * most 4096 groups), so a frame costs the same at 64 GiB as at 16 MiB.
 * The cells are cached on (player generation, event cursor, cell size).
 *
 * `c` colours the cells by use instead (RAMMap's Use: process private,
 * page table, mapped file, image, pool ..., docs/tui.md TUI-RAM), the
 * dominant use of each cell's frames, read from the PFN database through
 * mm_frame_use; that reads the frames of the summary groups that hold a
 * frame in use once per position (a group of zeroed and free frames only
 * is unused, mm_group_unused), so a mostly idle 64 GiB machine stays
 * cheap.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"
#include "ram.h"
#include "msg.h"

#define PER_FRAME_MAX 65536u

static const unsigned state_role[MM_NSTATES] = {
	ROLE_PAGE_ZEROED,   ROLE_PAGE_FREE, ROLE_PAGE_STANDBY, ROLE_PAGE_MODIFIED, ROLE_PAGE_MODIFIED_NO_WRITE,
	ROLE_PAGE_BAD,	    ROLE_PAGE_ACTIVE, ROLE_PAGE_TRANSITION,
};
static const char *const state_short[2][MM_NSTATES] = {
	{MSG_EN(PHYS_ZEROED), MSG_EN(PHYS_FREE), MSG_EN(PHYS_STANDBY), MSG_EN(PHYS_MODIFIED), MSG_EN(PHYS_MOD_NOWRITE),
	 MSG_EN(PHYS_BAD), MSG_EN(PHYS_ACTIVE), MSG_EN(PHYS_TRANSITION)},
	{MSG_DE(PHYS_ZEROED), MSG_DE(PHYS_FREE), MSG_DE(PHYS_STANDBY), MSG_DE(PHYS_MODIFIED), MSG_DE(PHYS_MOD_NOWRITE),
	 MSG_DE(PHYS_BAD), MSG_DE(PHYS_ACTIVE), MSG_DE(PHYS_TRANSITION)},
};

static int dominant(const uint64_t c[MM_NSTATES])
{
	int best = 0;
	for (int s = 1; s < MM_NSTATES; s++)
		if (c[s] > c[best])
			best = s;
	return c[best] ? best : -1;
}

/* The cells by use: each the use most of its frames have; the totals per
 * use for the legend. */
static void load_use_cells(struct tui_view *v, const struct mm_phys *ph, uint64_t fpc, int ncells)
{
	struct phys_view *s = &v->phys;
	memset(s->use_total, 0, sizeof s->use_total);
	for (int i = 0; i < ncells; i++) {
		uint64_t counts[MM_RU_COUNT] = {0};
		uint64_t first = (uint64_t)i * fpc, last = first + fpc < ph->pages ? first + fpc : ph->pages;
		for (uint64_t f = first; f < last;) {
			uint64_t g = f / ph->frames_per_group, gend = (g + 1) * ph->frames_per_group;
			if (f % ph->frames_per_group == 0 && gend <= last && mm_group_unused(v->m, (uint32_t)g)) {
				counts[MM_RU_UNUSED] += ph->frames_per_group; /* not read: only zeroed and free frames */
				f = gend;
				continue;
			}
			int u = mm_frame_use(v->m, (uint32_t)f++);
			if (u >= 0 && u < MM_RU_COUNT)
				counts[u]++;
		}
		/* the use most of the cell's used frames have: unused only
		 * when all are (a few pool pages among thousands of free ones
		 * still show) */
		int best = 0;
		for (int u = 1; u < MM_RU_COUNT; u++) {
			s->use_total[u] += counts[u];
			if (counts[u] && (best == 0 || counts[u] > counts[best]))
				best = u;
		}
		s->use_total[0] += counts[0];
		s->cells[i] = (uint8_t)best;
	}
}

/* Fills the cache: ncells cells of fpc frames each. */
static void load_cells(struct tui_view *v, const struct mm_phys *ph, uint64_t fpc, int ncells)
{
	struct phys_view *s = &v->phys;
	uint64_t gen = player_generation(v->pl), ev = player_events_done(v->pl);
	if (s->key_valid && s->key_gen == gen && s->key_ev == ev && s->key_fpc == fpc && s->ncells == ncells &&
	    s->key_by_use == s->by_use)
		return;
	if (ncells > s->capcells) {
		uint8_t *c = realloc(s->cells, (size_t)ncells);
		if (!c) {
			s->ncells = 0;
			return;
		}
		s->cells = c;
		s->capcells = ncells;
	}
	s->ncells = ncells;
	if (s->by_use)
		load_use_cells(v, ph, fpc, ncells);
	for (int i = 0; i < ncells && !s->by_use; i++) {
		uint64_t counts[MM_NSTATES] = {0};
		uint64_t first = (uint64_t)i * fpc;
		uint64_t last = first + fpc < ph->pages ? first + fpc : ph->pages;
		if (fpc >= ph->frames_per_group) {
			for (uint64_t gi = first / ph->frames_per_group; gi * ph->frames_per_group < last; gi++) {
				uint32_t gc[MM_NSTATES];
				mm_group(v->m, (uint32_t)gi, gc);
				for (int st = 0; st < MM_NSTATES; st++)
					counts[st] += gc[st];
			}
		} else {
			for (uint64_t f = first; f < last; f++) {
				int st = mm_frame_state(v->m, (uint32_t)f);
				if (st >= 0 && st < MM_NSTATES)
					counts[st]++;
			}
		}
		int d = dominant(counts);
		s->cells[i] = (uint8_t)(d < 0 ? 0xFF : d);
	}
	s->key_gen = gen;
	s->key_ev = ev;
	s->key_fpc = fpc;
	s->key_by_use = s->by_use;
	s->key_valid = true;
}

/* The legend: one item per state ("▮ active 524"), skipping empty lists
 * when space is short.  Returns the rows used (at most rows). */
static int draw_legend(struct cellgrid *g, int y, int w, int rows, const struct mm_phys *ph, bool all, int lang)
{
	int x = 0, row = 0;
	char b[160];
	for (int st = 0; st < MM_NSTATES && row < rows; st++) {
		if (!all && ph->list[st] == 0)
			continue;
		int bn = snprintf(b, sizeof b, "%s %" PRIu64, state_short[lang ? 1 : 0][st], ph->list[st]);
		if (st == 2 && ph->list[st] && all) /* the standby list by priority (RAMMap's Priority Summary), with room */
			for (int p = MM_NPRIOS - 1; p >= 0 && bn > 0 && (size_t)bn < sizeof b; p--)
				if (ph->standby_prio[p])
					bn += snprintf(b + bn, sizeof b - (size_t)bn, " p%d:%" PRIu64, p, ph->standby_prio[p]);
		int iw = 2 + grid_text_width(b);
		if (x > 0 && x + iw > w) {
			row++;
			x = 0;
			if (row >= rows)
				break;
		}
		grid_put(g, y + row, x, state_role[st], GRID_GLYPH);
		grid_text_at(g, y + row, x + 2, ROLE_TEXT_NORMAL, b);
		x += iw + 2;
	}
	return x > 0 ? row + 1 : row;
}

/* The legend by use: one item per use in RAM ("▮ private 310"). Returns
 * the rows used (at most rows). */
static int draw_use_legend(struct cellgrid *g, int y, int w, int rows, const struct tui_view *v)
{
	int x = 0, row = 0;
	char b[48];
	for (int u = 0; u < MM_RU_COUNT && row < rows; u++) {
		if (!v->phys.use_total[u])
			continue;
		snprintf(b, sizeof b, "%s %" PRIu64, ram_use_name(u, v->lang, true), v->phys.use_total[u]);
		int iw = 2 + grid_text_width(b);
		if (x > 0 && x + iw > w) {
			row++;
			x = 0;
			if (row >= rows)
				break;
		}
		grid_put(g, y + row, x, ram_use_role(u), GRID_GLYPH);
		grid_text_at(g, y + row, x + 2, ROLE_TEXT_NORMAL, b);
		x += iw + 2;
	}
	return x > 0 ? row + 1 : row;
}

/* A frame's use (mm_frame's "private", "page_table" ...) as the line
 * says it: the name itself in English, the glossary's word in German. */
static const char *pfn_use_word(const char *use, int lang)
{
	static const struct {
		const char *name;
		enum msg_id id;
	} words[] = {
		{"private", MSG_PFN_USE_PRIVATE},	  {"page_table", MSG_PFN_USE_PAGE_TABLE},
		{"system", MSG_PFN_USE_SYSTEM},		  {"shared_user_data", MSG_PFN_USE_SHARED_USER_DATA},
		{"mapped_file", MSG_PFN_USE_MAPPED_FILE}, {"image", MSG_PFN_USE_IMAGE},
		{"paged_pool", MSG_PFN_USE_PAGED_POOL},	  {"nonpaged_pool", MSG_PFN_USE_NONPAGED_POOL},
		{"shareable", MSG_PFN_USE_SHAREABLE},
	};
	if (!use)
		return "";
	if (!lang)
		return use;
	if (!strcmp(use, "none"))
		return "";
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(use, words[i].name))
			return msg_text(lang, words[i].id);
	return use;
}

/* The PFN entry as items, each kept whole on a line (issue 12: never a
 * label without its value): "PFN 0x7 active", " page_table",
 * " share 1" ... in German "PFN 0x7: aktiv", ", Seitentabelle",
 * ", Share Count 1" ...; an item's separator (its text before the first
 * letter or digit) stays at the end of the line it breaks. */
#define PFN_ITEMS 16
struct pfn_items {
	int n;
	char s[PFN_ITEMS][96];
};

static void pfn_add(struct pfn_items *it, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void pfn_add(struct pfn_items *it, const char *fmt, ...)
{
	if (it->n >= PFN_ITEMS)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(it->s[it->n++], sizeof it->s[0], fmt, ap);
	va_end(ap);
}

/* In full, or (brief) in the short forms. */
static void pfn_items(struct pfn_items *it, const struct tui_view *v, const struct mm_frame *f, bool brief)
{
	const char *use = pfn_use_word(f->use, v->lang);
	it->n = 0;
	pfn_add(it, MSG(v->lang, PFN_HEAD), f->pfn, v->lang ? mm_state_word(f->state, 1) : mm_state_name(f->state));
	if (*use)
		pfn_add(it, v->lang ? ", %s" : " %s", use);
	if (f->share_count)
		pfn_add(it, brief ? MSG(v->lang, PFN_SHARE_SHORT) : MSG(v->lang, PFN_SHARE_COUNT), f->share_count);
	pfn_add(it, brief ? MSG(v->lang, PFN_REF_SHORT) : MSG(v->lang, PFN_REF_COUNT), f->reference_count);
	if (f->pte_address)
		pfn_add(it, brief ? MSG(v->lang, PFN_PTE_SHORT) : MSG(v->lang, PFN_PTE), f->pte_address);
	if (f->owner >= 0)
		pfn_add(it, brief ? MSG(v->lang, PFN_OWNER_SHORT) : MSG(v->lang, PFN_OWNER_PID), f->owner);
	if (f->modified)
		pfn_add(it, "%s", MSG(v->lang, PFN_DIRTY));
	if (f->original_pte)
		pfn_add(it, brief ? MSG(v->lang, PFN_ORIGINAL_SHORT) : MSG(v->lang, PFN_ORIGINAL), f->original_pte);
	char link[192];
	if (ram_link_text(link, sizeof link, v, f->pfn) > 0) /* where it leads: its parts apart at "  " */
		for (char *p = link, *e; *p && it->n < PFN_ITEMS; p = e) {
			e = strstr(p + 1, "  ");
			e = e ? e : p + strlen(p);
			pfn_add(it, "%.*s", (int)(e - p), p);
		}
}

/* The length of an item's separator: what comes before its first letter,
 * digit or '-' (" ", ", ", "  "). */
static size_t pfn_sep(const char *s)
{
	size_t k = 0;
	while (s[k] == ' ' || s[k] == ',')
		k++;
	return k;
}

/* Lays the items out at width w from row y (drawn when g is not NULL),
 * at most rows rows; returns the rows the whole entry needs. */
static int pfn_layout(struct cellgrid *g, int y, int w, int rows, const struct pfn_items *it)
{
	int line = 0, x = 0;
	for (int i = 0; i < it->n; i++) {
		const char *s = it->s[i];
		size_t sep = pfn_sep(s);
		int iw = grid_text_width(s);
		if (i > 0 && x + iw > w) { /* the separator's comma stays, the rest starts a line */
			if (s[0] == ',' && g && line < rows)
				grid_text_at(g, y + line, 2 + x, ROLE_TEXT_TITLE, ",");
			line++;
			x = 0;
			s += sep;
			iw = grid_text_width(s);
		}
		if (g && line < rows)
			grid_text_at(g, y + line, 2 + x, ROLE_TEXT_TITLE, s);
		x += iw;
	}
	return line + 1;
}

/* The rows the PFN entry of frame pfn takes in full at width w. */
static int pfn_rows(const struct tui_view *v, uint32_t pfn, int w)
{
	struct mm_frame f;
	struct pfn_items it;
	if (w <= 2 || mm_frame(v->m, pfn, &f) < 0)
		return 1;
	pfn_items(&it, v, &f, false);
	return pfn_layout(NULL, 0, w - 2, 0, &it);
}

/* The PFN entry of frame pfn over up to rows lines, each item whole: in
 * full when it fits them, else in short forms, and what still does not
 * fit left out whole.  Returns rows used. */
static int draw_pfn(struct cellgrid *g, int y, int w, int rows, const struct tui_view *v, uint32_t pfn, bool sel)
{
	struct mm_frame f;
	struct pfn_items it;
	if (rows <= 0 || w <= 2 || mm_frame(v->m, pfn, &f) < 0)
		return 0;
	pfn_items(&it, v, &f, false);
	if (pfn_layout(NULL, 0, w - 2, 0, &it) > rows)
		pfn_items(&it, v, &f, true);
	grid_put(g, y, 0, sel ? ROLE_HL_SELECTED : ROLE_HL_FRAME, GRID_GLYPH);
	int n = pfn_layout(g, y, w - 2, rows, &it);
	return n < rows ? n : rows;
}

/* Physical memory folded to one line (layout.h L4), on the narration's
 * top border after its title: the frame count, the lists that hold
 * frames, the frame in play; each item whole or not at all, blanks
 * around the whole so the border shows where it ends. */
void pane_phys_line(struct tui_view *v, struct cellgrid *g, struct grid_rect r)
{
	struct mm_phys ph;
	mm_phys(v->m, &ph);
	char b[128];
	snprintf(b, sizeof b, MSG(v->lang, PHYS_LINE), ph.pages);
	if (grid_text_width(b) + 2 > r.w)
		return;
	/* the blanks in the plain role: a title's underline stays on its words */
	int x = r.x + 1 + grid_text_at(g, r.y, r.x + 1, ROLE_TEXT_TITLE, b);
	grid_text_at(g, r.y, r.x, ROLE_TEXT_NORMAL, " ");
	for (int st = 0; st < MM_NSTATES; st++) {
		if (!ph.list[st])
			continue;
		snprintf(b, sizeof b, "%s %" PRIu64, state_short[v->lang ? 1 : 0][st], ph.list[st]);
		int iw = 3 + grid_text_width(b);
		if (x + iw + 1 > r.x + r.w)
			break;
		grid_text_at(g, r.y, x, ROLE_TEXT_NORMAL, " ");
		grid_put(g, r.y, x + 1, state_role[st], GRID_GLYPH);
		grid_text_at(g, r.y, x + 2, ROLE_TEXT_NORMAL, " ");
		x += 3 + grid_text_at(g, r.y, x + 3, ROLE_TEXT_NORMAL, b);
	}
	struct mm_frame f;
	if (v->pfn >= 0 && mm_frame(v->m, (uint32_t)v->pfn, &f) == 0) {
		snprintf(b, sizeof b, "PFN 0x%x %s", f.pfn, mm_state_word(f.state, v->lang));
		int bw = grid_text_width(b);
		if (x + 4 + bw + 1 <= r.x + r.w) {
			grid_text_at(g, r.y, x, ROLE_TEXT_NORMAL, "  ");
			grid_put(g, r.y, x + 2, ROLE_HL_FRAME, GRID_GLYPH);
			grid_text_at(g, r.y, x + 3, ROLE_TEXT_NORMAL, " ");
			x += 4 + grid_text_at(g, r.y, x + 4, ROLE_TEXT_TITLE, b);
		}
	}
	grid_text_at(g, r.y, x, ROLE_TEXT_NORMAL, " ");
}

static void phys_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	struct phys_view *s = &v->phys;
	struct mm_phys ph;
	mm_phys(v->m, &ph);
	char title[96], sz[32];
	snprintf(title, sizeof title, MSG(v->lang, PHYS_TITLE), ph.pages,
		 mm_size_str(ph.pages * MM_PAGE_SIZE, sz));
	if (s->by_use)
		snprintf(title + strlen(title), sizeof title - strlen(title), "%s", MSG(v->lang, PHYS_BY_USE));
	if (grid_text_width(title) + 6 > r.w) { /* the border and the focus brackets */
		if (s->by_use)
			snprintf(title, sizeof title, MSG(v->lang, PHYS_TITLE_SHORT_USE), ph.pages);
		else
			snprintf(title, sizeof title, MSG(v->lang, PHYS_TITLE_SHORT), ph.pages);
	}
	struct grid_rect in = view_frame(g, r, title, focused);
	int w = in.w, h = in.h;
	if (w < 4 || h < 1) {
		grid_pop_clip(g);
		return;
	}
	/* rows: map, then "1 cell = ...", legend, the PFN entry */
	/* the PFN entry in full with room (up to 3 rows), else short in 2 */
	int64_t shown = s->sel >= 0 ? s->sel : v->pfn;
	int pfn_h = h >= 12 ? 3 : h >= 5 ? 2 : h >= 3 ? 1 : 0;
	int pfn_want = shown >= 0 && (uint64_t)shown < ph.pages ? pfn_rows(v, (uint32_t)shown, w) : 1;
	int pfn_rows = pfn_want < pfn_h ? pfn_want : pfn_h;
	/* a short pane (a long step's words below it, layout.h L3) keeps two
	 * rows of map: the legend gives up its second row, then the cell size */
	int legend_rows = h >= 12 ? 3 : h >= 8 ? 2 : h >= 4 ? 1 : 0;
	int info_rows = h >= 7 ? 1 : 0;
	int map_h = h - pfn_rows - legend_rows - info_rows;
	if (map_h < 1)
		map_h = 1;
	/* with room, each row starts with its first PFN, as a hex dump does */
	int labelw = 0;
	if (w >= 40) {
		for (uint64_t p = ph.pages - 1; p; p >>= 4)
			labelw++;
		labelw += 1;
	}
	int mw = w - labelw;
	if (labelw) { /* a power of two per row, so the row labels are round */
		int p2 = 1;
		while (p2 * 2 <= mw)
			p2 *= 2;
		mw = p2;
	}
	int cells = map_h * mw;
	uint64_t fpc = 1;
	while ((ph.pages + fpc - 1) / fpc > (uint64_t)cells)
		fpc <<= 1;
	if (ph.pages > PER_FRAME_MAX && fpc < ph.frames_per_group)
		fpc = ph.frames_per_group;
	int used = (int)((ph.pages + fpc - 1) / fpc);
	if (used > cells)
		used = cells;
	load_cells(v, &ph, fpc, used);
	s->fpc = fpc;
	s->map_y = 0;
	s->map_x = labelw;
	s->map_w = mw;
	s->map_h = map_h;
	int64_t play_cell = v->pfn >= 0 ? v->pfn / (int64_t)fpc : -1;
	int64_t sel_cell = s->sel >= 0 ? s->sel / (int64_t)fpc : -1;
	for (int i = 0; i < s->ncells; i++) {
		int y = i / mw, x = i % mw;
		if (x == 0 && labelw)
			grid_textf_at(g, y, 0, ROLE_TEXT_DIM, "%" PRIx64, (uint64_t)i * fpc);
		uint8_t st = s->cells[i];
		unsigned role = st < MM_NSTATES ? state_role[st] : ROLE_TEXT_DIM;
		uint32_t cp = st < MM_NSTATES ? GRID_GLYPH : ' ';
		if (s->by_use)
			role = ram_use_role(st), cp = GRID_GLYPH;
		if (i == play_cell)
			role = ROLE_HL_FRAME;
		if (i == sel_cell)
			role = ROLE_HL_SELECTED, cp = GRID_GLYPH;
		grid_put(g, y, labelw + x, role, cp);
	}
	int y = s->ncells ? (s->ncells - 1) / mw + 1 : 0;
	if (y < map_h)
		y++; /* a blank row before the legend */
	if (info_rows) {
		char b[96];
		if (fpc == 1)
			snprintf(b, sizeof b, "%s", MSG(v->lang, PHYS_CELL_ONE));
		else {
			snprintf(b, sizeof b, s->by_use ? MSG(v->lang, PHYS_CELL_DOM_USE) : MSG(v->lang, PHYS_CELL_DOM), fpc,
				 mm_size_str(fpc * MM_PAGE_SIZE, sz));
			if (grid_text_width(b) > w)
				snprintf(b, sizeof b, MSG(v->lang, PHYS_CELL), fpc, mm_size_str(fpc * MM_PAGE_SIZE, sz));
			if (grid_text_width(b) > w)
				snprintf(b, sizeof b, MSG(v->lang, PHYS_CELL_SHORT), fpc);
		}
		grid_text_at(g, y++, 0, ROLE_TEXT_DIM, b);
	}
	y += s->by_use ? draw_use_legend(g, y, w, legend_rows, v) : draw_legend(g, y, w, legend_rows, &ph, w >= 60, v->lang);
	if (pfn_rows) {
		int py = y + pfn_rows <= h ? y : h - pfn_rows;
		if (shown >= 0 && (uint64_t)shown < ph.pages)
			draw_pfn(g, py, w, h - py, v, (uint32_t)shown, s->sel >= 0);
		else
			grid_text_at(g, py, 0, ROLE_TEXT_DIM, w >= 32 ? MSG(v->lang, PHYS_CLICK) : MSG(v->lang, PHYS_CLICK_SHORT));
	}
	grid_pop_clip(g);
}

static int phys_key(struct tui_view *v, const struct draw_event *ev)
{
	struct phys_view *s = &v->phys;
	if (ev->type != DRAW_EV_KEY)
		return 0;
	struct mm_phys ph;
	mm_phys(v->m, &ph);
	bool ch = ev->key == DRAW_KEY_CHAR;
	int64_t fpc = s->fpc ? (int64_t)s->fpc : 1, row = fpc * (s->map_w > 0 ? s->map_w : 1);
	int64_t d = 0;
	if (ev->key == DRAW_KEY_ESC) {
		s->sel = -1;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->key == DRAW_KEY_UP || (ch && ev->cp == 'k'))
		d = -row;
	else if (ev->key == DRAW_KEY_DOWN || (ch && ev->cp == 'j'))
		d = row;
	else if (ch && (ev->cp == '<' || ev->cp == ','))
		d = -1;
	else if (ch && (ev->cp == '>' || ev->cp == '.'))
		d = 1;
	else if (ch && ev->cp == 'c') /* colour by list / by use (docs/tui.md TUI-RAM) */
		return s->by_use = !s->by_use, TUI_HANDLED | TUI_REDRAW;
	else if (ev->key == DRAW_KEY_ENTER) /* select the frame in play */
		return s->sel = v->pfn, TUI_HANDLED | TUI_REDRAW;
	if (!d)
		return 0;
	int64_t cur = s->sel >= 0 ? s->sel : v->pfn >= 0 ? v->pfn : 0;
	int64_t n = cur + d;
	if (n < 0)
		n = 0;
	if ((uint64_t)n >= ph.pages)
		n = (int64_t)ph.pages - 1;
	s->sel = n;
	return TUI_HANDLED | TUI_REDRAW;
}

static int phys_click(struct tui_view *v, int y, int x)
{
	struct phys_view *s = &v->phys;
	int my = y - 1 - s->map_y, mx = x - 1 - s->map_x;
	if (my < 0 || my >= s->map_h || mx < 0 || mx >= s->map_w)
		return TUI_HANDLED;
	int64_t cell = (int64_t)my * s->map_w + mx;
	if (cell >= s->ncells)
		return TUI_HANDLED;
	s->sel = cell * (int64_t)(s->fpc ? s->fpc : 1);
	return TUI_HANDLED | TUI_REDRAW;
}

const struct pane_class pane_phys_class = {
	.name = "physical",
	.draw = phys_draw,
	.key = phys_key,
	.click = phys_click,
	.min_w = 20,
	.min_h = 5,
};
