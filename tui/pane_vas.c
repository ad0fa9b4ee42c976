/*
 * pane_vas.c — the address-space pane (docs/tui.md TUI-VAS) of the current
 * process, as Sysinternals VMMap's details view shows it.
 *
 * Zoom 0 is the whole user space as a list of regions (mm_regions): each
 * reservation with VMMap's type (Image, Mapped File, Shareable, Heap,
 * Stack, Private Data), the Unusable tail after it and the Free gaps,
 * with Size, Committed, Private, the working set (total, private,
 * shareable, shared), Protection and Details, fitted to the width: every
 * column as wide as its widest value, given room in a fixed order and
 * dropped whole after the first that does not fit, the selected row's
 * dropped values on the line under the list. `e` expands an image into
 * its PE sections (mm_image_sections), `u` shows VMMap's summary per type.
 * Enter zooms into the selected region as a page map (pane_vasmap.c);
 * Backspace zooms out. The page in play is marked ('@').
 *
 * Regions are read with mm_regions once per cursor position (cached on the
 * player's generation and event cursor), since counting them walks the
 * region's page tables.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"
#include "pane_vas.h"
#include "msg.h"

static void load_regions(struct tui_view *v)
{
	struct vas_view *s = &v->vas;
	uint64_t gen = player_generation(v->pl), ev = player_events_done(v->pl);
	uint32_t pid = vas_pid(v);
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

uint32_t vas_pid(const struct tui_view *v)
{
	if (!v->vas.pid || v->vas.pid == v->info.current_pid)
		return v->info.current_pid;
	struct mm_proc ps[64];
	int np = mm_procs(v->m, ps, 64);
	for (int i = 0; i < np; i++)
		if (ps[i].pid == v->vas.pid)
			return v->vas.pid;
	return v->info.current_pid;
}

void vas_open_region(struct tui_view *v, uint32_t pid, uint64_t va)
{
	struct vas_view *s = &v->vas;
	s->pid = pid == v->info.current_pid ? 0 : pid;
	s->zoom = 0;
	s->summary = false;
	load_regions(v);
	s->sel = vas_region_of(v, va);
	v->focus = PANE_VAS;
	screen_show(v, SCREEN_NONE);
}

int vas_region_of(const struct tui_view *v, uint64_t va)
{
	for (int i = 0; i < v->vas.nregions; i++) {
		const struct mm_region *r = &v->vas.regions[i];
		if (va >= r->base && va - r->base < r->size)
			return i;
	}
	return -1;
}

/* ---- VMMap's words ------------------------------------------------------------ */


/* The types (mm_vtype) in VMMap's words, short forms for narrow panes,
 * and their roles. */
static const struct {
	const char *en, *de, *en_short, *de_short;
	unsigned role;
} vtypes[MM_VT_COUNT] = {
	[MM_VT_FREE] = {MSG_EN(VAS_T_FREE), MSG_DE(VAS_T_FREE), MSG_EN(VAS_T_FREE), MSG_DE(VAS_T_FREE), ROLE_REGION_FREE},
	[MM_VT_UNUSABLE] = {MSG_EN(VAS_T_UNUSABLE), MSG_DE(VAS_T_UNUSABLE), MSG_EN(VAS_TS_UNUSABLE), MSG_DE(VAS_TS_UNUSABLE), ROLE_REGION_UNUSABLE},
	[MM_VT_IMAGE] = {MSG_EN(VAS_T_IMAGE), MSG_DE(VAS_T_IMAGE), MSG_EN(VAS_T_IMAGE), MSG_DE(VAS_T_IMAGE), ROLE_REGION_IMAGE},
	[MM_VT_MAPPED] = {MSG_EN(VAS_T_MAPPED), MSG_DE(VAS_T_MAPPED), MSG_EN(VAS_TS_MAPPED), MSG_DE(VAS_TS_MAPPED), ROLE_REGION_MAPPED},
	[MM_VT_SHAREABLE] = {MSG_EN(VAS_T_SHAREABLE), MSG_DE(VAS_T_SHAREABLE), MSG_EN(VAS_TS_SHAREABLE), MSG_DE(VAS_TS_SHAREABLE), ROLE_REGION_SHAREABLE},
	[MM_VT_HEAP] = {MSG_EN(VAS_T_HEAP), MSG_DE(VAS_T_HEAP), MSG_EN(VAS_T_HEAP), MSG_DE(VAS_T_HEAP), ROLE_REGION_HEAP},
	[MM_VT_STACK] = {MSG_EN(VAS_T_STACK), MSG_DE(VAS_T_STACK), MSG_EN(VAS_T_STACK), MSG_DE(VAS_T_STACK), ROLE_REGION_STACK},
	[MM_VT_PRIVATE] = {MSG_EN(VAS_T_PRIVATE), MSG_DE(VAS_T_PRIVATE), MSG_EN(VAS_TS_PRIVATE), MSG_DE(VAS_TS_PRIVATE), ROLE_REGION_PRIVATE},
	[MM_VT_PAGE_TABLE] = {MSG_EN(VAS_T_PAGE_TABLE), MSG_DE(VAS_T_PAGE_TABLE), MSG_EN(VAS_TS_PAGE_TABLE), MSG_DE(VAS_TS_PAGE_TABLE), ROLE_REGION_PAGE_TABLE},
};

const char *vas_vtype_label(const struct tui_view *v, int t, bool shrt)
{
	if (t < 0 || t >= MM_VT_COUNT)
		t = MM_VT_PRIVATE;
	return shrt ? tx(v, vtypes[t].en_short, vtypes[t].de_short) : tx(v, vtypes[t].en, vtypes[t].de);
}

unsigned vas_vtype_role(int t) { return t >= 0 && t < MM_VT_COUNT ? vtypes[t].role : ROLE_REGION_PRIVATE; }

const char *vas_size_short(uint64_t bytes, char buf[32])
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

/* VMMap's Details column (docs/tui.md TUI-VAS), long or short: the
 * short form names the same thing in fewer columns (a module as WinDbg's
 * `lm` names it, without its extension; a stack by its thread), so a
 * narrow pane keeps the column. `off` is the offset in its file of a
 * view's first page (has_off). */
static const char *region_details(const struct tui_view *v, const struct mm_region *r, bool has_off, uint64_t off,
				  bool shrt, char *buf, size_t n)
{
	buf[0] = 0;
	switch (r->detail) {
	case MM_DET_MODULE: {
		const char *dot = strrchr(r->detail_name, '.');
		int len = shrt && dot && dot != r->detail_name ? (int)(dot - r->detail_name) : (int)strlen(r->detail_name);
		snprintf(buf, n, "%.*s", len, r->detail_name);
		break;
	}
	case MM_DET_FILE:
		if (has_off) /* short too: two views of one file differ by it */
			snprintf(buf, n, "%s +0x%" PRIx64, r->detail_name, off);
		else
			snprintf(buf, n, "%s", r->detail_name);
		break;
	case MM_DET_HEAP: snprintf(buf, n, shrt ? MSG(v->lang, VAS_HEAP_SHORT) : MSG(v->lang, VAS_HEAP_ID), r->detail_id); break;
	case MM_DET_STACK:
		snprintf(buf, n, shrt ? MSG(v->lang, VAS_STACK_SHORT) : MSG(v->lang, VAS_THREAD_STACK), r->detail_id);
		break;
	case MM_DET_TEB: snprintf(buf, n, "TEB %" PRIu64, r->detail_id); break;
	case MM_DET_PEB: snprintf(buf, n, "PEB"); break;
	case MM_DET_SHARED_DATA:
		snprintf(buf, n, "%s", shrt ? MSG(v->lang, VAS_SHARED_SHORT) : MSG(v->lang, VAS_SHARED_DATA));
		break;
	default: break;
	}
	return buf;
}

static const char *proc_name(const struct tui_view *v, char *buf, size_t n)
{
	struct mm_proc ps[64];
	int np = mm_procs(v->m, ps, 64);
	for (int i = 0; i < np; i++)
		if (ps[i].pid == vas_pid(v)) {
			snprintf(buf, n, "%s", ps[i].name);
			return buf;
		}
	snprintf(buf, n, "?");
	return buf;
}

/* ---- columns fitted to the width ---------------------------------------------- */

/* A table's columns (docs/tui.md TUI-VAS): each column is as wide as its
 * widest value or heading; they are given room in the order of `prio`
 * (the first always) and drawn in VMMap's order, so a narrow pane drops
 * whole columns, the last in `prio` first, and never cuts a value. */
enum { VC_ADDR, VC_TYPE, VC_SIZE, VC_COMMIT, VC_PRIV, VC_WS, VC_PWS, VC_SHBL, VC_SHRD, VC_PROT, VC_BLOCKS,
       VC_DETAIL, VC_N };
static const struct {
	const char *en, *de;
	bool right;
} vcols[VC_N] = {
	[VC_ADDR] = {MSG_EN(VAS_COL_ADDR), MSG_DE(VAS_COL_ADDR), false},
	[VC_TYPE] = {MSG_EN(VAS_COL_TYPE), MSG_DE(VAS_COL_TYPE), false},
	[VC_SIZE] = {MSG_EN(VAS_COL_SIZE), MSG_DE(VAS_COL_SIZE), true},
	[VC_COMMIT] = {MSG_EN(VAS_COL_COMMIT), MSG_DE(VAS_COL_COMMIT), true},
	[VC_PRIV] = {MSG_EN(VAS_COL_PRIV), MSG_DE(VAS_COL_PRIV), true},
	[VC_WS] = {MSG_EN(VAS_COL_WS), MSG_DE(VAS_COL_WS), true},
	[VC_PWS] = {MSG_EN(VAS_COL_PWS), MSG_DE(VAS_COL_PWS), true},
	[VC_SHBL] = {MSG_EN(VAS_COL_SHBL), MSG_DE(VAS_COL_SHBL), true},
	[VC_SHRD] = {MSG_EN(VAS_COL_SHRD), MSG_DE(VAS_COL_SHRD), true},
	[VC_PROT] = {MSG_EN(VAS_COL_PROT), MSG_DE(VAS_COL_PROT), false},
	[VC_BLOCKS] = {MSG_EN(VAS_COL_BLOCKS), MSG_DE(VAS_COL_BLOCKS), true},
	[VC_DETAIL] = {MSG_EN(VAS_COL_DETAIL), MSG_DE(VAS_COL_DETAIL), false},
};
/* Size before Details: the lessons read sizes off the list (2047M free,
 * a 52K unusable tail, the 64K gap); Details comes next, in its short form
 * where the long one does not fit, and the line under the list names the
 * selected region's module, file, heap or thread in full. */
static const int list_prio[] = {VC_ADDR, VC_TYPE, VC_SIZE, VC_DETAIL, VC_COMMIT, VC_WS, VC_PROT, VC_PRIV, VC_PWS, VC_SHBL, VC_SHRD};
static const int sum_prio[] = {VC_TYPE, VC_SIZE, VC_COMMIT, VC_WS, VC_PRIV, VC_BLOCKS, VC_PWS, VC_SHBL, VC_SHRD};

/* One row of a table: a region, an image's section, or a summary line. */
struct vrow {
	const struct mm_region *r;
	const struct mm_image_section *sec;
	int vtype;
	bool has_off;  /* a view of a file: off is its first page's offset in it */
	uint64_t off;  /* (a section's row: its RVA) */
	uint64_t size, committed, priv, ws, pws, shbl, shrd, blocks; /* bytes (blocks: a count) */
};

static void row_of_region(const struct tui_view *v, struct vrow *w, const struct mm_region *r)
{
	*w = (struct vrow){.r = r, .vtype = r->vtype, .size = r->size};
	struct mm_view_page vp;
	if (r->detail == MM_DET_FILE && mm_view_page(v->m, vas_pid(v), r->base, &vp) == 0) {
		w->has_off = true;
		w->off = vp.offset;
	}
	w->committed = r->committed * MM_PAGE_SIZE;
	w->priv = r->private_pages * MM_PAGE_SIZE;
	w->ws = r->resident * MM_PAGE_SIZE;
	w->pws = r->ws_private * MM_PAGE_SIZE;
	w->shbl = r->ws_shareable * MM_PAGE_SIZE;
	w->shrd = r->ws_shared * MM_PAGE_SIZE;
}

static void row_of_section(struct vrow *w, const struct mm_image_section *s, uint64_t image_base)
{
	*w = (struct vrow){.sec = s, .vtype = MM_VT_IMAGE, .size = s->size, .has_off = true, .off = s->base - image_base};
	w->committed = s->committed * MM_PAGE_SIZE;
	w->priv = s->private_pages * MM_PAGE_SIZE;
	w->ws = s->resident * MM_PAGE_SIZE;
}

/* The short forms a table may use (struct fit's forms). FORM_USAGE folds
 * Type and Details into one column, as `!address` has one Usage column:
 * a region's Details (short) where it has some, else its type (short). */
enum { FORM_SHORT_TYPE = 1, FORM_SHORT_DETAIL = 2, FORM_USAGE = 4 };

static const char *col_head(const struct tui_view *v, int c, int forms)
{
	if (c == VC_TYPE && (forms & FORM_USAGE))
		return MSG(v->lang, VAS_COL_USAGE);
	return tx(v, vcols[c].en, vcols[c].de);
}

static const char *region_details(const struct tui_view *v, const struct mm_region *r, bool has_off, uint64_t off,
				  bool shrt, char *buf, size_t n);

/* The text of cell (w, c) in forms; "" for a zero count, as VMMap leaves
 * it. */
static const char *cell_text(const struct tui_view *v, const struct vrow *w, int c, int addrw, int forms, char *b,
			     size_t n)
{
	bool shrt = forms & FORM_SHORT_TYPE;
	uint64_t num = 0;
	b[0] = 0;
	switch (c) {
	case VC_ADDR:
		if (w->r || w->sec)
			snprintf(b, n, "%0*" PRIx64, addrw, w->r ? w->r->base : w->sec->base);
		return b;
	case VC_TYPE:
		if (w->sec)
			snprintf(b, n, " %s", w->sec->name);
		else if ((forms & FORM_USAGE) && w->r && w->r->detail != MM_DET_NONE) {
			b[0] = ' '; /* the state glyph */
			region_details(v, w->r, w->has_off, w->off, true, b + 1, n - 1);
		} else
			snprintf(b, n, "%s%s", w->r ? " " : "", vas_vtype_label(v, w->vtype, shrt)); /* the state glyph goes before */
		return b;
	case VC_PROT: {
		uint32_t pr = w->sec ? w->sec->protect : w->r ? w->r->protect : 0;
		if (w->r && w->r->state == MM_REGION_RESERVED)
			return MSG(v->lang, VAS_RESERVED);
		return pr ? screen_prot(mm_protect_str(pr, b, n)) : "";
	}
	case VC_DETAIL:
		if (w->sec)
			snprintf(b, n, "RVA 0x%" PRIx64, w->off);
		return w->r ? region_details(v, w->r, w->has_off, w->off, forms & FORM_SHORT_DETAIL, b, n) : b;
	case VC_SIZE: num = w->size; break;
	case VC_COMMIT: num = w->committed; break;
	case VC_PRIV: num = w->priv; break;
	case VC_WS: num = w->ws; break;
	case VC_PWS: num = w->pws; break;
	case VC_SHBL: num = w->shbl; break;
	case VC_SHRD: num = w->shrd; break;
	case VC_BLOCKS:
		if (w->blocks)
			snprintf(b, n, "%" PRIu64, w->blocks);
		return b;
	default: return b;
	}
	if (num) {
		char sz[32];
		snprintf(b, n, "%s", vas_size_short(num, sz));
	}
	return b;
}

struct fit {
	int x[VC_N], w[VC_N];
	int forms;			     /* FORM_*: the short forms used */
	bool shown[VC_N], dropped, cut; /* cut: some Details show as a mark */
};

/* One try: the columns of prio given room in order over rows, in forms.
 * Returns its score: the columns shown, a try that marks values less. */
static int fit_try(const struct tui_view *v, const struct vrow *rows, int nrows, const int *prio, int nprio,
		   int width, int addrw, int forms, struct fit *f)
{
	char b[96];
	int count = 0, used = 1; /* the mark column */
	memset(f, 0, sizeof *f);
	f->forms = forms;
	for (int k = 0; k < nprio; k++) {
		int c = prio[k], w = grid_text_width(col_head(v, c, forms));
		if (c == VC_DETAIL && (forms & FORM_USAGE))
			continue; /* in the Type column */
		for (int i = 0; i < nrows; i++)
			w = MM_MAX(w, grid_text_width(cell_text(v, &rows[i], c, addrw, forms, b, sizeof b)));
		f->w[c] = w;
		if (c == VC_DETAIL && !f->dropped && used + w + 1 > width && width - used - 1 >= 8)
			w = f->w[c] = width - used - 1, f->cut = true; /* what does not fit shows as a mark, in full below */
		f->shown[c] = !f->dropped && used + w + (k > 0) <= width; /* in order: the rest drop after one */
		if (f->shown[c])
			used += w + (k > 0), count++;
		else
			f->dropped = true;
	}
	return count * 2 - f->cut + ((forms & FORM_USAGE) ? 2 : 0); /* Usage holds Details too */
}

/* Widths of the columns in prio over rows, and which fit in width: the
 * long words unless short ones (types, Details) show more columns or mark
 * fewer values; when Details fits in no form, the Usage column
 * (docs/tui.md TUI-VAS). */
static void fit_columns(const struct tui_view *v, const struct vrow *rows, int nrows, const int *prio, int nprio,
			int width, int addrw, struct fit *out)
{
	static const int order[] = {0, FORM_SHORT_TYPE, FORM_SHORT_DETAIL, FORM_SHORT_TYPE | FORM_SHORT_DETAIL,
				    FORM_SHORT_TYPE | FORM_SHORT_DETAIL | FORM_USAGE};
	int best = -1;
	bool has_detail = false;
	for (int k = 0; k < nprio; k++)
		has_detail |= prio[k] == VC_DETAIL;
	for (size_t i = 0; i < MM_ARRAY_LEN(order); i++) {
		struct fit f;
		if ((order[i] & FORM_USAGE) && (!has_detail || (out->shown[VC_DETAIL] && !out->cut)))
			break; /* only instead of a Details column that did not fit whole */
		int score = fit_try(v, rows, nrows, prio, nprio, width, addrw, order[i], &f);
		if (score > best) {
			best = score;
			*out = f;
		}
	}
	int x = 1;
	for (int c = 0; c < VC_N; c++)
		if (out->shown[c]) {
			out->x[c] = x;
			x += out->w[c] + 1;
		}
}

static void draw_row(struct tui_view *v, struct cellgrid *g, int y, const struct vrow *w, const struct fit *f,
		     int addrw, unsigned base, unsigned type_role)
{
	char b[96];
	for (int c = 0; c < VC_N; c++) {
		if (!f->shown[c])
			continue;
		const char *t = cell_text(v, w, c, addrw, f->forms, b, sizeof b);
		if (grid_text_width(t) > f->w[c])
			t = "\u2026"; /* never cut: the whole value is in the line under the list */
		int x = f->x[c] + (vcols[c].right ? f->w[c] - grid_text_width(t) : 0);
		unsigned role = c == VC_TYPE && base != ROLE_HL_SELECTED ? type_role : base;
		if (c == VC_ADDR && w->r && (w->vtype == MM_VT_FREE || w->vtype == MM_VT_UNUSABLE))
			role |= GRID_DIM;
		grid_text_at(g, y, x, role, t);
	}
	if (f->shown[VC_TYPE] && w->r) { /* the state glyph: committed, reserved, nothing when free */
		const struct mm_region *r = w->r;
		bool freeish = r->vtype == MM_VT_FREE || r->vtype == MM_VT_UNUSABLE;
		grid_put(g, y, f->x[VC_TYPE], freeish ? ROLE_REGION_FREE
					      : r->state == MM_REGION_COMMITTED ? ROLE_REGION_COMMITTED
										 : ROLE_REGION_RESERVED,
			 freeish ? ' ' : GRID_GLYPH);
	}
}

/* ---- zoom 0: the region list ----------------------------------------------- */

static int addr_width(const struct tui_view *v)
{
	int d = 0;
	for (uint64_t b = v->info.highest_user; b; b >>= 4)
		d++;
	return MM_MAX(d, 8);
}

/* The rows of the list: the regions, with the sections of the expanded
 * image under it. Returns how many (rows must hold nregions + 16). */
static int list_rows(struct tui_view *v, struct vrow *rows, struct mm_image_section *secs, int *sec_at)
{
	struct vas_view *s = &v->vas;
	int n = 0, nsec = 0;
	*sec_at = -1;
	for (int i = 0; i < s->nregions; i++) {
		row_of_region(v, &rows[n++], &s->regions[i]);
		if (s->expanded && s->regions[i].base == s->expanded && s->regions[i].vtype == MM_VT_IMAGE) {
			nsec = mm_image_sections(v->m, vas_pid(v), s->expanded, secs, 16);
			*sec_at = n;
			for (int k = 0; k < nsec; k++)
				row_of_section(&rows[n++], &secs[k], s->expanded);
		}
	}
	return n;
}

/* One line under the list for the selected row: the columns that did not
 * fit or show a short form, heading and whole value, as many as fit. */
static void draw_dropped(struct tui_view *v, struct cellgrid *g, int y, int w, const struct vrow *row,
			 const struct fit *f, int addrw)
{
	char b[96], as_shown[96];
	int x = 1;
	for (size_t k = 0; k < MM_ARRAY_LEN(list_prio); k++) {
		int c = list_prio[k];
		const char *t = cell_text(v, row, c, addrw, 0, b, sizeof b);
		const char *st = cell_text(v, row, c, addrw, f->forms, as_shown, sizeof as_shown);
		bool folded = c == VC_TYPE && (f->forms & FORM_USAGE) && row->r && row->r->detail != MM_DET_NONE;
		if (folded)
			t = vas_vtype_label(v, row->vtype, false); /* the Usage column showed its Details */
		else if (((f->shown[c] || (c == VC_DETAIL && (f->forms & FORM_USAGE))) && grid_text_width(st) <= f->w[c] &&
			  !strcmp(st, t)) ||
			 !t[0] || c == VC_TYPE)
			continue;
		const char *h = tx(v, vcols[c].en, vcols[c].de);
		int need = grid_text_width(h) + 1 + grid_text_width(t);
		if (x + need > w)
			continue;
		grid_text_at(g, y, x, ROLE_TEXT_DIM, h);
		grid_text_at(g, y, x + grid_text_width(h) + 1, ROLE_TEXT_NORMAL, t);
		x += need + 2;
	}
}

static void draw_list(struct tui_view *v, struct cellgrid *g, struct grid_rect in, bool focused)
{
	struct vas_view *s = &v->vas;
	int w = in.w, addrw = addr_width(v);
	int rows = in.h - 1;
	int play = vas_has_play(v) ? vas_region_of(v, v->va) : -1;
	/* With rows to spare (a projector), the pages of the selected region
	 * (or of the page in play) under the list, without zooming. */
	int pv = s->sel >= 0 ? s->sel : play;
	if (pv >= 0 && pv < s->nregions && s->regions[pv].state != MM_REGION_FREE &&
	    s->regions[pv].vtype != MM_VT_FREE && rows - s->nregions >= 8) {
		int ph = rows - s->nregions - 2;
		int labelw, cols = vas_map_cols(v, in.w, &labelw);
		uint64_t pages = mm_bytes_pages(s->regions[pv].size);
		uint64_t need = 4 + (pages + (uint64_t)cols - 1) / (uint64_t)cols;
		if (ph > 14)
			ph = 14;
		if ((uint64_t)ph > need)
			ph = (int)need;
		rows -= vas_draw_preview(v, g, (struct grid_rect){in.h - ph, 0, ph, in.w}, pv) ? ph + 1 : 0;
	}
	struct vrow *all = malloc((size_t)(s->nregions + 16) * sizeof *all);
	struct mm_image_section secs[16];
	if (!all)
		return;
	int sec_at, n = list_rows(v, all, secs, &sec_at);
	/* the row of each region: sections shift the ones after them */
	int nsec = sec_at < 0 ? 0 : n - s->nregions;
	s->sec_at = sec_at;
	s->nsec = nsec;
#define ROW_OF(ri) ((ri) >= 0 && sec_at >= 0 && (ri) >= sec_at ? (ri) + nsec : (ri))
	if (s->sel >= s->nregions)
		s->sel = s->nregions - 1;
	int focus_row = ROW_OF(s->sel >= 0 ? s->sel : play);
	int sel_row = ROW_OF(s->sel), play_row = ROW_OF(play);
	/* fitted to the rows shown; a footer says what did not fit */
	int shown_rows = rows - 1;
	if (s->sel < 0)
		s->top = 0; /* following the page in play: the scroll is a function of the state, so a step back shows the same screen */
	for (int pass = 0; pass < 2; pass++) {
		if (focus_row >= 0) {
			if (focus_row < s->top)
				s->top = focus_row;
			if (focus_row >= s->top + shown_rows)
				s->top = focus_row - shown_rows + 1;
		}
		if (s->top > n - shown_rows)
			s->top = n - shown_rows;
		if (s->top < 0)
			s->top = 0;
		if (pass == 0)
			shown_rows = rows;
		else
			break;
	}
	struct fit f;
	int vis = MM_MIN(n - s->top, rows);
	fit_columns(v, all + s->top, vis > 0 ? vis : 0, list_prio, (int)MM_ARRAY_LEN(list_prio), w, addrw, &f);
	int fr = focus_row >= 0 && focus_row < n ? focus_row : -1;
	bool footer = (f.dropped || f.cut || (f.forms & (FORM_SHORT_DETAIL | FORM_USAGE))) && fr >= 0 && rows >= 3;
	if (footer) {
		rows--;
		if (fr >= s->top + rows)
			s->top = fr - rows + 1;
	}
	s->list_y = 1;
	s->list_rows = rows;
	for (int c = 0; c < VC_N; c++)
		if (f.shown[c]) {
			const char *h = col_head(v, c, f.forms);
			grid_text_at(g, 0, f.x[c] + (vcols[c].right ? f.w[c] - grid_text_width(h) : 0), ROLE_TEXT_HEADING, h);
		}
	for (int i = 0; i < rows && s->top + i < n; i++) {
		int k = s->top + i, y = 1 + i;
		const struct vrow *row = &all[k];
		bool sel = k == sel_row && row->r;
		unsigned base = sel ? ROLE_HL_SELECTED : row->sec ? ROLE_TEXT_DIM : ROLE_TEXT_NORMAL;
		if (sel)
			grid_fill(g, (struct grid_rect){y, 0, 1, w}, ROLE_HL_SELECTED, ' ');
		if (k == play_row)
			grid_put(g, y, 0, ROLE_HL_PAGE, '@');
		unsigned trole = row->vtype == MM_VT_FREE ? ROLE_TEXT_DIM : vas_vtype_role(row->vtype);
		draw_row(v, g, y, row, &f, addrw, base, row->sec ? ROLE_TEXT_DIM : trole);
	}
	if (footer)
		draw_dropped(v, g, 1 + rows, w, &all[fr], &f, addrw);
#undef ROW_OF
	free(all);
	(void)focused;
}

/* ---- the summary: VMMap's upper table ---------------------------------------- */

static void draw_summary(struct tui_view *v, struct cellgrid *g, struct grid_rect in)
{
	const struct vas_view *s = &v->vas;
	struct vrow rows[MM_VT_COUNT + 1];
	memset(rows, 0, sizeof rows);
	for (int t = 0; t < MM_VT_COUNT; t++)
		rows[t].vtype = t;
	struct vrow *total = &rows[MM_VT_COUNT];
	for (int i = 0; i < s->nregions; i++) {
		const struct mm_region *r = &s->regions[i];
		struct vrow w, *t = &rows[r->vtype >= 0 && r->vtype < MM_VT_COUNT ? r->vtype : MM_VT_PRIVATE];
		row_of_region(v, &w, r);
		t->size += w.size, t->committed += w.committed, t->priv += w.priv, t->ws += w.ws;
		t->pws += w.pws, t->shbl += w.shbl, t->shrd += w.shrd, t->blocks++;
	}
	/* page tables: the process's own, charged to it (VMMap's Page Table) */
	struct mm_proc ps[64];
	int np = mm_procs(v->m, ps, 64);
	for (int i = 0; i < np; i++)
		if (ps[i].pid == vas_pid(v)) {
			struct vrow *t = &rows[MM_VT_PAGE_TABLE];
			t->size = t->committed = t->priv = t->ws = t->pws = ps[i].page_tables * MM_PAGE_SIZE;
		}
	for (int t = 0; t < MM_VT_COUNT; t++)
		if (t != MM_VT_FREE && t != MM_VT_UNUSABLE) { /* VMMap's Total is of what is in use */
			total->size += rows[t].size, total->committed += rows[t].committed, total->priv += rows[t].priv;
			total->ws += rows[t].ws, total->pws += rows[t].pws, total->shbl += rows[t].shbl;
			total->shrd += rows[t].shrd, total->blocks += rows[t].blocks;
		}
	static const int order[] = {MM_VT_IMAGE,   MM_VT_MAPPED,     MM_VT_SHAREABLE, MM_VT_HEAP, MM_VT_STACK,
				    MM_VT_PRIVATE, MM_VT_PAGE_TABLE, MM_VT_UNUSABLE,  MM_VT_FREE};
	struct vrow shown[MM_ARRAY_LEN(order) + 1];
	for (size_t i = 0; i < MM_ARRAY_LEN(order); i++)
		shown[i] = rows[order[i]];
	shown[MM_ARRAY_LEN(order)] = *total;
	int nshown = (int)MM_ARRAY_LEN(order) + 1;
	struct fit f;
	fit_columns(v, shown, nshown, sum_prio, (int)MM_ARRAY_LEN(sum_prio), in.w, 0, &f);
	for (int c = 0; c < VC_N; c++)
		if (f.shown[c]) {
			const char *h = col_head(v, c, f.forms);
			grid_text_at(g, 0, f.x[c] + (vcols[c].right ? f.w[c] - grid_text_width(h) : 0), ROLE_TEXT_HEADING, h);
		}
	for (int i = 0; i < nshown && 1 + i < in.h; i++) {
		bool tot = i == nshown - 1;
		unsigned role = tot ? ROLE_TEXT_HEADING : ROLE_TEXT_NORMAL;
		draw_row(v, g, 1 + i, &shown[i], &f, 0, role, tot ? role : vas_vtype_role(shown[i].vtype));
		if (tot && f.shown[VC_TYPE])
			grid_text_at(g, 1 + i, f.x[VC_TYPE], role, MSG(v->lang, VAS_TOTAL));
	}
	if (nshown + 2 < in.h)
		grid_text_at(g, nshown + 2, 0, ROLE_TEXT_DIM,
			     MSG(v->lang, VAS_REGIONS_AGAIN));
}

static void vas_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	load_regions(v);
	char title[96], nm[40], lo[24];
	proc_name(v, nm, sizeof nm);
	if (v->vas.summary)
		snprintf(title, sizeof title, MSG(v->lang, VAS_SUMMARY_TITLE), nm, vas_pid(v));
	else if (v->vas.zoom == 0)
		snprintf(title, sizeof title, MSG(v->lang, VAS_TITLE), nm,
			 vas_pid(v));
	else
		snprintf(title, sizeof title, MSG(v->lang, VAS_ZOOM_TITLE),
			 view_hex(v->vas.lo, lo), v->vas.zoom);
	struct grid_rect in = view_frame(g, r, title, focused);
	if (v->vas.summary)
		draw_summary(v, g, in);
	else if (v->vas.zoom == 0)
		draw_list(v, g, in, focused);
	else
		vas_draw_map(v, g, in, focused);
	grid_pop_clip(g);
}

/* ---- keys and clicks -------------------------------------------------------- */

static int map_cells(const struct tui_view *v)
{
	const struct grid_rect *r = &v->rect[PANE_VAS];
	int labelw, cols = vas_map_cols(v, r->w - 2, &labelw);
	int rows = r->h - 4 - vas_map_legend_rows(r->h - 2);
	return cols > 0 && rows > 0 ? cols * rows : 1;
}

static void zoom_in(struct tui_view *v)
{
	struct vas_view *s = &v->vas;
	if (s->zoom == 0) {
		int i = s->sel >= 0 ? s->sel : vas_has_play(v) ? vas_region_of(v, v->va) : 0;
		if (i < 0 || i >= s->nregions)
			return;
		const struct mm_region *r = &s->regions[i];
		vas_map_fit(v, r->base, r->size, map_cells(v));
		s->cursor_va = vas_has_play(v) && v->va - r->base < r->size ? mm_page_base(v->va) : r->base;
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
		s->summary = false;
		s->pid = 0; /* back to the current process */
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ch && ev->cp == 'l' && s->zoom > 0) /* the page to its frame (TUI-LINKS) */
		return vas_map_follow(v);
	if (ch && ev->cp == 'u') { /* VMMap's summary per type, and back */
		s->summary = !s->summary;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ch && ev->cp == 'x' && s->zoom == 0) { /* an image's sections, and back ('e' opens summary steps) */
		int i = s->sel >= 0 ? s->sel : vas_has_play(v) ? vas_region_of(v, v->va) : -1;
		if (i >= 0 && i < s->nregions && s->regions[i].vtype == MM_VT_IMAGE)
			s->expanded = s->expanded == s->regions[i].base ? 0 : s->regions[i].base;
		return TUI_HANDLED | TUI_REDRAW;
	}
	int d = 0;
	if (ev->key == DRAW_KEY_UP || (ch && ev->cp == 'k'))
		d = -1;
	else if (ev->key == DRAW_KEY_DOWN || (ch && ev->cp == 'j'))
		d = 1;
	/* by 8: K J everywhere; PgUp PgDn reach here only in free play (with a
	 * scenario they move a step, docs/tui.md TUI-KEYS) */
	else if (ev->key == DRAW_KEY_PGUP || (ch && ev->cp == 'K'))
		d = -8;
	else if (ev->key == DRAW_KEY_PGDN || (ch && ev->cp == 'J'))
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
		int cur = s->sel >= 0 ? s->sel : vas_has_play(v) ? vas_region_of(v, v->va) : 0;
		cur += d;
		s->sel = cur < 0 ? 0 : cur >= s->nregions ? s->nregions - 1 : cur;
	} else {
		int64_t step = d == 100 || d == -100 ? d / 100 : (int64_t)d * (s->map_w > 0 ? s->map_w : 1);
		uint64_t cell = s->ppc * MM_PAGE_SIZE;
		uint64_t nv = s->cursor_va + (uint64_t)(step * (int64_t)cell);
		if (step < 0 && (uint64_t)(-step) * cell > s->cursor_va)
			nv = 0;
		if (nv < vas_user_top(v))
			s->cursor_va = nv;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int vas_click(struct tui_view *v, int y, int x)
{
	struct vas_view *s = &v->vas;
	int iy = y - 1, ix = x - 1; /* inside the border */
	if (s->zoom == 0) {
		int row = iy - s->list_y, k = s->top + row;
		if (s->sec_at >= 0 && k >= s->sec_at) /* a section row selects its image */
			k = k < s->sec_at + s->nsec ? s->sec_at - 1 : k - s->nsec;
		if (row >= 0 && row < s->list_rows && k < s->nregions) {
			s->sel = k;
			return TUI_HANDLED | TUI_REDRAW;
		}
		return TUI_HANDLED;
	}
	int my = iy - s->map_y, mx = ix - s->map_x;
	if (my >= 0 && my < s->map_h && mx >= 0 && mx < s->map_w) {
		uint64_t cell = s->ppc * MM_PAGE_SIZE;
		uint64_t va = s->lo + ((uint64_t)my * (uint64_t)s->map_w + (uint64_t)mx) * cell;
		if (va < vas_user_top(v))
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
