/*
 * pane_split.c — two processes side by side (docs/tui.md TUI-SPLIT): the
 * current process on the left, another on the right (`[` `]` choose it),
 * each as VMMap lists its regions (type, address, size, working set), and
 * for each region what its resident pages have to do with the other
 * process: how many are the same physical frames the other process has in
 * its working set (shared: a section both map, an image before a
 * copy-on-write), and how many sit at an address the other process also
 * uses but on a frame of their own (kept apart: isolation, or the private
 * copy a copy-on-write made).
 *
 * The regions come from mm_regions, the frames from each process's
 * working-set list (mm_ws_pages, what !wsle lists); this file only
 * compares the two lists (sorted, so a frame or address is found in
 * O(log n)). Free and unusable regions are left out: neither holds a page.
 *
 * A row is a link (docs/tui.md TUI-LINKS): Up/Down and < > select a
 * row of a side, Enter (or a click on the row) shows that region selected
 * in the address-space pane, of that side's process; `l` (or a click on
 * its Both or Apart count) selects the first such frame in the
 * physical-memory pane.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pane.h"
#include "pane_vas.h"

#define PROCS_MAX 256

struct side {
	uint32_t pid;
	char name[32];
	struct mm_region *reg; /* the regions that are not free */
	int nreg;
	uint64_t *both, *apart; /* per region: pages shared with the other, at an address of both on an own frame */
	uint64_t ws, nboth, napart;
	int pt_row; /* the page tables' row, -1 none */
	struct mm_ws_page *ws_pages;
	int nws;
};

static int by_pfn(const void *a, const void *b)
{
	const struct mm_ws_page *x = a, *y = b;
	return x->pfn < y->pfn ? -1 : x->pfn > y->pfn;
}

static int by_va(const void *a, const void *b)
{
	const struct mm_ws_page *x = a, *y = b;
	return x->va < y->va ? -1 : x->va > y->va;
}

/* The process after the current one (the right side's default). */
static uint32_t other_pid(const struct tui_view *v)
{
	struct mm_proc ps[PROCS_MAX];
	int n = mm_procs(v->m, ps, PROCS_MAX);
	for (int i = 0; i < n; i++)
		if (ps[i].pid == v->ram.other && ps[i].pid != v->info.current_pid)
			return ps[i].pid;
	/* the next process after the current one; the System process (the
	 * first listed, mm_procs) only when there is no other */
	for (int i = 0; i < n; i++)
		if (ps[i].current)
			for (int k = 1; k < n; k++) {
				int j = (i + k) % n;
				if (j != 0 || n == 2)
					return ps[j].pid;
			}
	return 0;
}

static void side_free(struct side *s)
{
	free(s->reg);
	free(s->both);
	free(s->apart);
	free(s->ws_pages);
	memset(s, 0, sizeof *s);
}

static void add_page_tables(struct side *s);

/* Reads process pid's regions and working set. -1 when memory ran out. */
static int side_load(const struct tui_view *v, struct side *s, uint32_t pid)
{
	struct mm_proc ps[PROCS_MAX];
	int np = mm_procs(v->m, ps, PROCS_MAX);
	s->pid = pid;
	for (int i = 0; i < np; i++)
		if (ps[i].pid == pid)
			snprintf(s->name, sizeof s->name, "%s", ps[i].name);
	int total = 0;
	mm_regions(v->m, pid, NULL, 0, &total);
	int nws = mm_ws_pages(v->m, pid, NULL, 0);
	s->reg = malloc((size_t)(total + 1) * sizeof *s->reg); /* + the page tables' row */
	s->ws_pages = malloc((size_t)(nws > 0 ? nws : 1) * sizeof *s->ws_pages);
	if (!s->reg || !s->ws_pages)
		return -1;
	int n = mm_regions(v->m, pid, s->reg, total, &total);
	s->nreg = 0;
	for (int i = 0; i < n; i++)
		if (s->reg[i].vtype != MM_VT_FREE && s->reg[i].vtype != MM_VT_UNUSABLE)
			s->reg[s->nreg++] = s->reg[i];
	s->nws = nws > 0 ? mm_ws_pages(v->m, pid, s->ws_pages, nws) : 0;
	s->ws = (uint64_t)s->nws;
	add_page_tables(s);
	s->both = calloc((size_t)(s->nreg > 0 ? s->nreg : 1), sizeof *s->both);
	s->apart = calloc((size_t)(s->nreg > 0 ? s->nreg : 1), sizeof *s->apart);
	return s->both && s->apart ? 0 : -1;
}

/* The region of a holding va (the regions are in address order). */
static int region_at(const struct side *a, uint64_t va)
{
	int lo = 0, hi = a->nreg - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		const struct mm_region *r = &a->reg[mid];
		if (va < r->base)
			hi = mid - 1;
		else if (va - r->base >= r->size)
			lo = mid + 1;
		else
			return mid;
	}
	return -1;
}

/* The working-set pages outside the user regions are the process's page
 * tables (at their self-map addresses): one row, as VMMap's summary has a
 * Page Table type. */
static void add_page_tables(struct side *s)
{
	s->pt_row = -1;
	uint64_t n = 0, lo = UINT64_MAX;
	for (int i = 0; i < s->nws; i++)
		if (region_at(s, s->ws_pages[i].va) < 0) {
			n++;
			lo = s->ws_pages[i].va < lo ? s->ws_pages[i].va : lo;
		}
	if (!n)
		return;
	s->pt_row = s->nreg;
	s->reg[s->nreg++] = (struct mm_region){.base = lo, .size = mm_pages_bytes(n), .vtype = MM_VT_PAGE_TABLE,
					       .state = MM_REGION_COMMITTED, .committed = n, .resident = n};
}

/* Counts a's pages against b's sorted copies (by frame, by address). */
static void compare(struct side *a, const struct mm_ws_page *b_pfn, const struct mm_ws_page *b_va, int nb)
{
	for (int i = 0; i < a->nws; i++) {
		const struct mm_ws_page *p = &a->ws_pages[i];
		int r = region_at(a, p->va);
		if (r < 0 || r == a->pt_row)
			r = a->pt_row;
		bool shared = nb && bsearch(p, b_pfn, (size_t)nb, sizeof *b_pfn, by_pfn);
		const struct mm_ws_page *same = nb ? bsearch(p, b_va, (size_t)nb, sizeof *b_va, by_va) : NULL;
		bool apart = !shared && same && same->pfn != p->pfn;
		a->nboth += shared;
		a->napart += apart;
		if (r >= 0) {
			a->both[r] += shared;
			a->apart[r] += apart;
		}
	}
}

/* Both sides compared; -1 when memory ran out. */
static int load_both(const struct tui_view *v, struct side *l, struct side *r)
{
	if (side_load(v, l, v->info.current_pid) < 0 || side_load(v, r, other_pid(v)) < 0)
		return -1;
	struct side *s[2] = {l, r};
	for (int k = 0; k < 2; k++) {
		const struct side *o = s[1 - k];
		size_t sz = (size_t)(o->nws > 0 ? o->nws : 1) * sizeof(struct mm_ws_page);
		struct mm_ws_page *bp = malloc(sz), *bv = malloc(sz);
		if (!bp || !bv) {
			free(bp);
			free(bv);
			return -1;
		}
		memcpy(bp, o->ws_pages, (size_t)o->nws * sizeof *bp);
		memcpy(bv, o->ws_pages, (size_t)o->nws * sizeof *bv);
		qsort(bp, (size_t)o->nws, sizeof *bp, by_pfn);
		qsort(bv, (size_t)o->nws, sizeof *bv, by_va);
		compare(s[k], bp, bv, o->nws);
		free(bp);
		free(bv);
	}
	return 0;
}

/* The address column's width in a side w wide: only where the counts
 * still fit beside it. */
static int addr_width(const struct tui_view *v, int w)
{
	int addrw = v->info.va_bits > 32 ? 12 : 8;
	return 2 + addrw + 1 + 30 > w ? 0 : addrw;
}

static void draw_side(struct tui_view *v, struct cellgrid *g, const struct side *s, int x, int w, int top, int rows,
		      int sel)
{
	char b[160], sz[32];
	if (!s->pid && !s->nreg) {
		grid_text_at(g, 0, x, ROLE_TEXT_DIM,
			     MSG(v->lang, SPL_NO_SECOND));
		return;
	}
	snprintf(b, sizeof b, MSG(v->lang, SPL_SIDE), s->pid, s->name, s->ws, s->nboth, s->napart);
	grid_textn_at(g, 0, x, ROLE_TEXT_TITLE, b, strlen(b) < (size_t)w ? strlen(b) : (size_t)w);
	int addrw = addr_width(v, w);
	snprintf(b, sizeof b, "  %-*s%s%-7s %5s %4s %5s %5s", addrw, addrw ? MSG(v->lang, VAS_COL_ADDR) : "", addrw ? " " : "",
		 MSG(v->lang, VAS_COL_TYPE), MSG(v->lang, VAS_COL_SIZE), MSG(v->lang, VAS_COL_WS), MSG(v->lang, SPL_BOTH),
		 MSG(v->lang, SPL_APART));
	grid_textn_at(g, 1, x, ROLE_TEXT_HEADING, b, strlen(b) < (size_t)w ? strlen(b) : (size_t)w);
	for (int i = 0; i < rows && top + i < s->nreg; i++) {
		const struct mm_region *r = &s->reg[top + i];
		char both[24] = "", apart[24] = "", ws[24] = "";
		if (r->resident)
			snprintf(ws, sizeof ws, "%" PRIu64, r->resident);
		if (s->both[top + i])
			snprintf(both, sizeof both, "%" PRIu64, s->both[top + i]);
		if (s->apart[top + i])
			snprintf(apart, sizeof apart, "%" PRIu64, s->apart[top + i]);
		grid_put(g, 2 + i, x, vas_vtype_role(r->vtype), GRID_GLYPH);
		char addr[24] = "";
		if (addrw && top + i != s->pt_row)
			snprintf(addr, sizeof addr, "%0*" PRIx64 " ", addrw, r->base);
		else if (addrw) /* the page tables sit in the system's half: no user address, the columns stay aligned */
			snprintf(addr, sizeof addr, "%*s ", addrw, "");
		snprintf(b, sizeof b, "%s%-7.7s %5s %4s %5s %5s", addr, vas_vtype_label(v, r->vtype, true),
			 vas_size_short(r->size, sz), ws, both, apart);
		unsigned role = top + i == sel ? ROLE_HL_SELECTED : s->both[top + i] ? ROLE_TEXT_TITLE : ROLE_TEXT_NORMAL;
		grid_textn_at(g, 2 + i, x + 2, role, b, strlen(b) < (size_t)(w - 2) ? strlen(b) : (size_t)(w > 2 ? w - 2 : 0));
	}
}

static void split_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	struct grid_rect in = screen_frame(v, g, r, MSG(v->lang, SPL_TITLE));
	struct side l = {0}, rt = {0};
	if (load_both(v, &l, &rt) < 0) {
		grid_text_at(g, 0, 0, ROLE_TEXT_ERROR, MSG(v->lang, SPL_NO_MEMORY));
	} else {
		int rows = in.h - 3 > 0 ? in.h - 3 : 0, total = l.nreg > rt.nreg ? l.nreg : rt.nreg, shown;
		/* screen_list draws "a-b of n" at the heading's end: the right side's */
		int top = screen_list(v, g, (struct grid_rect){in.y, in.x, in.h - 1, in.w}, 2, total, &shown);
		int half = (in.w - 1) / 2;
		struct ram_view *rv = &v->ram;
		if (rv->split_row >= total)
			rv->split_row = total - 1;
		rv->split_half = half + 1;
		rv->split_rw = in.w - half - 1;
		draw_side(v, g, &l, 0, half, top, rows, rv->split_side == 0 ? rv->split_row : -1);
		for (int y = 0; y < in.h - 1; y++)
			grid_put(g, y, half, ROLE_BORDER_NORMAL, '|');
		draw_side(v, g, &rt, half + 1, in.w - half - 1, top, rows, rv->split_side == 1 ? rv->split_row : -1);
		grid_text_at(g, in.h - 1, 0, ROLE_TEXT_DIM,
			     MSG(v->lang, SPL_NOTE));
	}
	side_free(&l);
	side_free(&rt);
	grid_pop_clip(g);
}

/* The frame of the first working-set page of a's region ri that is shared
 * with b (shared) or at an address b uses on a frame of its own; -1 none. */
static int64_t first_frame(const struct side *a, const struct side *b, int ri, bool shared)
{
	for (int i = 0; i < a->nws; i++) {
		const struct mm_ws_page *p = &a->ws_pages[i];
		int r = region_at(a, p->va);
		if ((r < 0 ? a->pt_row : r) != ri)
			continue;
		bool same_pfn = false, same_va_other = false;
		for (int k = 0; k < b->nws; k++) {
			same_pfn |= b->ws_pages[k].pfn == p->pfn;
			same_va_other |= b->ws_pages[k].va == p->va && b->ws_pages[k].pfn != p->pfn;
		}
		if (shared ? same_pfn : !same_pfn && same_va_other)
			return p->pfn;
	}
	return -1;
}

/* Follows the selected row: its region in the address-space pane, or
 * (frame) its first shared (or kept-apart) frame in the physical pane. */
static int follow(struct tui_view *v, bool frame, bool shared)
{
	struct side l = {0}, rt = {0};
	int ret = TUI_HANDLED;
	if (load_both(v, &l, &rt) == 0) {
		const struct side *a = v->ram.split_side ? &rt : &l, *b = v->ram.split_side ? &l : &rt;
		int ri = v->ram.split_row;
		if (ri >= 0 && ri < a->nreg && a->pid) {
			int64_t pfn = frame ? first_frame(a, b, ri, shared) : -1;
			if (frame && pfn >= 0) {
				v->phys.sel = pfn;
				v->focus = PANE_PHYS;
				screen_show(v, SCREEN_NONE);
				ret |= TUI_REDRAW;
			} else if (!frame && ri != a->pt_row) {
				vas_open_region(v, a->pid, a->reg[ri].base);
				ret |= TUI_REDRAW;
			}
		}
	}
	side_free(&l);
	side_free(&rt);
	return ret;
}

/* `[` `]` the previous or next process on the right; arrows select a row,
 * Enter and `l` follow it. */
static int split_key(struct tui_view *v, const struct draw_event *ev)
{
	struct ram_view *rv = &v->ram;
	if (ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_CHAR && (ev->cp == '[' || ev->cp == ']')) {
		struct mm_proc ps[PROCS_MAX];
		int n = mm_procs(v->m, ps, PROCS_MAX), at = 0;
		uint32_t cur = other_pid(v);
		for (int i = 0; i < n; i++)
			if (ps[i].pid == cur)
				at = i;
		for (int k = 0; k < n; k++) {
			at = (at + (ev->cp == ']' ? 1 : n - 1)) % n;
			if (!ps[at].current)
				break;
		}
		rv->other = n ? ps[at].pid : 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->type != DRAW_EV_KEY)
		return 0;
	switch (ev->key) {
	case DRAW_KEY_UP: rv->split_row -= rv->split_row > 0; break;
	case DRAW_KEY_DOWN: rv->split_row++; break; /* clamped when drawn */
	case DRAW_KEY_ENTER: return follow(v, false, false);
	case DRAW_KEY_CHAR: /* Left and Right step the scenario: < > choose the side */
		if (ev->cp == 'l')
			return follow(v, true, true);
		if (ev->cp == '<' || ev->cp == ',' || ev->cp == '>' || ev->cp == '.')
			rv->split_side = ev->cp == '>' || ev->cp == '.';
		else
			return screen_key(v, ev);
		break;
	default: return screen_key(v, ev);
	}
	/* keep the selected row in sight */
	if (rv->split_row < v->scr.top)
		v->scr.top = rv->split_row;
	if (v->scr.rows > 0 && rv->split_row >= v->scr.top + v->scr.rows)
		v->scr.top = rv->split_row - v->scr.rows + 1;
	return TUI_HANDLED | TUI_REDRAW;
}

/* A click on a row follows it: on its Both or Apart count to that frame,
 * elsewhere to the region (y, x relative to the screen's frame). */
static int split_click(struct tui_view *v, int y, int x)
{
	struct ram_view *rv = &v->ram;
	int iy = y - 1, ix = x - 1;
	if (iy < 2 || iy - 2 >= v->scr.rows)
		return TUI_HANDLED;
	int side = ix >= rv->split_half ? 1 : 0;
	int sx = ix - (side ? rv->split_half : 0);
	int w = side ? rv->split_rw : rv->split_half - 1;
	int addrw = addr_width(v, w), a = addrw ? addrw + 1 : 0;
	int both_x = 2 + a + 19, apart_x = both_x + 6; /* "%-7s %5s %4s " before them */
	rv->split_side = side;
	rv->split_row = v->scr.top + iy - 2;
	if (sx >= both_x && sx < both_x + 5)
		return follow(v, true, true);
	if (sx >= apart_x && sx < apart_x + 5)
		return follow(v, true, false);
	return follow(v, false, false);
}

const struct pane_class pane_split_class = {
	.name = "split",
	.draw = split_draw,
	.key = split_key,
	.click = split_click,
	.min_w = 20,
	.min_h = 4,
};
