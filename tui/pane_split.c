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
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void draw_side(struct tui_view *v, struct cellgrid *g, const struct side *s, int x, int w, int top, int rows)
{
	char b[160], sz[32];
	if (!s->pid && !s->nreg) {
		grid_text_at(g, 0, x, ROLE_TEXT_DIM,
			     tx(v, "no second process: process create NAME", "kein zweiter Prozess: process create NAME"));
		return;
	}
	snprintf(b, sizeof b, "%u %s  %s %" PRIu64 "  %s %" PRIu64 "  %s %" PRIu64, s->pid, s->name, tx(v, "WS", "AS"), s->ws,
		 tx(v, "both", "beide"), s->nboth, tx(v, "apart", "getrennt"), s->napart);
	grid_textn_at(g, 0, x, ROLE_TEXT_TITLE, b, strlen(b) < (size_t)w ? strlen(b) : (size_t)w);
	/* the address only where the counts still fit beside it */
	int addrw = v->info.va_bits > 32 ? 12 : 8;
	if (2 + addrw + 1 + 30 > w)
		addrw = 0;
	snprintf(b, sizeof b, "  %-*s%s%-7s %5s %4s %5s %5s", addrw, addrw ? tx(v, "Address", "Adresse") : "", addrw ? " " : "",
		 tx(v, "Type", "Typ"), tx(v, "Size", "Größe"), tx(v, "WS", "AS"), tx(v, "Both", "Beide"), tx(v, "Apart", "Getr."));
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
		if (addrw)
			snprintf(addr, sizeof addr, "%0*" PRIx64 " ", addrw, r->base);
		snprintf(b, sizeof b, "%s%-7.7s %5s %4s %5s %5s", addr, vas_vtype_label(v, r->vtype, true),
			 vas_size_short(r->size, sz), ws, both, apart);
		grid_textn_at(g, 2 + i, x + 2, s->both[top + i] ? ROLE_TEXT_TITLE : ROLE_TEXT_NORMAL, b,
			      strlen(b) < (size_t)(w - 2) ? strlen(b) : (size_t)(w > 2 ? w - 2 : 0));
	}
}

static void split_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	struct grid_rect in = screen_frame(v, g, r, tx(v, "Two processes", "Zwei Prozesse"));
	struct side l = {0}, rt = {0};
	if (load_both(v, &l, &rt) < 0) {
		grid_text_at(g, 0, 0, ROLE_TEXT_ERROR, tx(v, "out of memory", "kein Speicher frei"));
	} else {
		int rows = in.h - 3 > 0 ? in.h - 3 : 0, total = l.nreg > rt.nreg ? l.nreg : rt.nreg, shown;
		/* screen_list draws "a-b of n" at the heading's end: the right side's */
		int top = screen_list(v, g, (struct grid_rect){in.y, in.x, in.h - 1, in.w}, 2, total, &shown);
		int half = (in.w - 1) / 2;
		draw_side(v, g, &l, 0, half, top, rows);
		for (int y = 0; y < in.h - 1; y++)
			grid_put(g, y, half, ROLE_BORDER_NORMAL, '|');
		draw_side(v, g, &rt, half + 1, in.w - half - 1, top, rows);
		grid_text_at(g, in.h - 1, 0, ROLE_TEXT_DIM,
			     tx(v, "Both: the same frame in both working sets; Apart: an address both use, on a frame of its own. [ ] other process; !wsle, !pfn",
				"Beide: derselbe Rahmen in beiden Arbeitssätzen; Getr.: dieselbe Adresse, eigener Rahmen. [ ] anderer Prozess; !wsle, !pfn"));
	}
	side_free(&l);
	side_free(&rt);
	grid_pop_clip(g);
}

/* `[` `]` the previous or next process on the right. */
static int split_key(struct tui_view *v, const struct draw_event *ev)
{
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
		v->ram.other = n ? ps[at].pid : 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	return screen_key(v, ev);
}

const struct pane_class pane_split_class = {
	.name = "split",
	.draw = split_draw,
	.key = split_key,
	.min_w = 20,
	.min_h = 4,
};
