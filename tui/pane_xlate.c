/*
 * pane_xlate.c — the translation pane: the virtual address in play split
 * into the paging mode's fields (coloured per level), the TLB look-up, and
 * each level's entry (index, raw value, decoded bits).
 *
 * Two modes:
 *   animated  the cursor is inside or just after an access of the current
 *             command: the pane replays the micro-steps of that access up
 *             to the cursor (anim_scan) — the TLB look-up, the levels read
 *             so far (the one being read lights up; an invalid entry turns
 *             into the fault; levels the paging-structure cache let the
 *             walk skip say so), the fault handler's steps, the PTE as it is
 *             rewritten (marked changed), the retried walk, the TLB fill,
 *             the exception when the fault could not be resolved;
 *   static    otherwise: the walk of the page in play as the tables are at
 *             the cursor (mm_translate), and whether the TLB holds it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pane.h"
#include "pane_vas.h"
#include "msg.h"
#include "stepgroup.h"

#define ANIM_SCAN_MAX 4096
#define ANIM_MAX_FAULTS 8

struct anim {
	bool active;
	uint64_t va;
	int access; /* 0 read, 1 write, 2 execute; -1 unknown */
	int tlb;    /* 0 not looked up (yet), 1 hit, 2 miss */
	uint64_t tlb_pfn;
	int nlev;
	struct {
		uint64_t index, addr, value;
		bool changed;
	} lev[4];
	int retries;
	int nfaults;
	uint64_t fault_kind[ANIM_MAX_FAULTS];
	bool in_handler;
	uint64_t handler_first; /* event of the latest fault */
	bool exception;
	uint64_t code;
	bool filled;
	int psc_level;       /* the deepest level a psc_hit let the walk skip, -1 */
	uint64_t psc_table;  /* the table the walk went on in */
	int cur_level; /* the level read by the cursor's event, -1 */
	enum mm_ev_kind cur_kind;
	uint64_t cur_ev;
};

/* Replays the access that ends at the cursor (see the header comment). */
static void anim_scan(const struct tui_view *v, struct anim *a)
{
	memset(a, 0, sizeof *a);
	a->cur_level = -1;
	a->psc_level = -1;
	a->access = -1;
	int cur = player_cur(v->pl);
	const struct player_rec *r = player_rec(v->pl, cur);
	uint64_t end = player_events_done(v->pl);
	if (!r || end <= r->ev_begin)
		return;
	uint64_t lo = end - r->ev_begin > ANIM_SCAN_MAX ? end - ANIM_SCAN_MAX : r->ev_begin;
	uint64_t start = UINT64_MAX;
	struct mm_event e;
	for (uint64_t i = end; i > lo;) {
		i--;
		if (view_event(v, i, &e) == MM_EV_ACCESS) {
			start = i;
			break;
		}
	}
	if (start == UINT64_MAX)
		return;
	a->active = true;
	a->cur_ev = end - 1;
	for (uint64_t i = start; i < end; i++) {
		enum mm_ev_kind t = view_event(v, i, &e);
		if (i == end - 1)
			a->cur_kind = t;
		switch (t) {
		case MM_EV_ACCESS:
			a->va = e.a;
			a->access = (int)e.b;
			break;
		case MM_EV_TLB_HIT:
			a->tlb = 1;
			a->tlb_pfn = e.b;
			break;
		case MM_EV_TLB_MISS:
			a->tlb = 2;
			a->nlev = 0;
			a->psc_level = -1;
			break;
		case MM_EV_PSC_HIT:
			if (e.b < 3) {
				a->psc_level = (int)e.b;
				a->psc_table = e.c;
				a->nlev = (int)e.b + 1;
				for (int l = 0; l < a->nlev; l++)
					a->lev[l].changed = false;
			}
			break;
		case MM_EV_WALK:
			if (e.a < 4) {
				int l = (int)e.a;
				a->lev[l].index = e.b;
				a->lev[l].addr = e.c;
				a->lev[l].value = e.d;
				a->lev[l].changed = false;
				a->nlev = l + 1;
				if (i == end - 1)
					a->cur_level = l;
			}
			break;
		case MM_EV_FAULT:
			if (a->nfaults < ANIM_MAX_FAULTS)
				a->fault_kind[a->nfaults++] = e.a;
			a->in_handler = true;
			a->handler_first = i;
			break;
		case MM_EV_PTE_WRITE:
			for (int l = 0; l < a->nlev; l++)
				if (a->lev[l].addr == e.a) {
					a->lev[l].value = e.c;
					a->lev[l].changed = true;
				}
			break;
		case MM_EV_RESOLVED:
			a->in_handler = false;
			break;
		case MM_EV_RETRY:
			a->retries++;
			a->tlb = 0;
			a->nlev = 0;
			a->psc_level = -1;
			a->filled = false;
			break;
		case MM_EV_TLB_FILL:
			a->filled = true;
			a->tlb_pfn = e.b;
			break;
		case MM_EV_EXCEPTION:
			a->exception = true;
			a->code = e.a;
			a->in_handler = false;
			break;
		default:
			break;
		}
	}
}

/* Row 0: "VA 0x10000  write  pid 936". */
static void draw_va_line(struct cellgrid *g, int y, int w, const struct tui_view *v, uint64_t va, int access)
{
	char b[24];
	int x = grid_text_at(g, y, 0, ROLE_TEXT_HEADING, "VA");
	x += 1;
	x += grid_text_at(g, y, x, ROLE_TEXT_TITLE | GRID_BOLD, view_hex(va, b));
	if (access >= 0) {
		x += 2;
		x += grid_text_at(g, y, x, ROLE_TEXT_KEY, access == 0 ? MSG(v->lang, ACC_READ) : access == 1 ? MSG(v->lang, ACC_WRITE) : access == 2 ? MSG(v->lang, ACC_EXECUTE) : "?");
	}
	char p[32];
	snprintf(p, sizeof p, MSG(v->lang, XL_PID), v->info.current_pid);
	int pw = grid_text_width(p);
	if (x + 2 + pw <= w)
		grid_text_at(g, y, w - pw, ROLE_TEXT_DIM, p);
}

/* The fields: "pxe 0  ppe 0  pde 0  pte 0x10  off 0x0", each in its role;
 * with room, the bits underneath grouped per field. Returns rows used. */
static int draw_fields(struct cellgrid *g, int y, int w, int rows, const struct mm_info *in, uint64_t va, int lang)
{
	int x = 0;
	char b[48];
	for (int l = 0; l <= in->levels; l++) {
		bool off = l == in->levels;
		uint64_t val = off ? mm_page_offset(va) : (va >> in->shift[l]) & ((1ull << in->bits[l]) - 1);
		snprintf(b, sizeof b, "%s 0x%" PRIx64, off ? MSG(lang, XL_OFFSET) : in->level_name[l], val);
		if (val == 0)
			snprintf(b, sizeof b, "%s 0", off ? MSG(lang, XL_OFFSET) : in->level_name[l]);
		x += grid_text_at(g, y, x, view_level_role(in, off ? -1 : l), b);
		x += 1;
	}
	int nbits = in->shift[in->levels - 1] + in->bits[in->levels - 1];
	int need = nbits + in->levels;
	if (rows < 2 || need > w)
		return 1;
	x = 0;
	for (int l = 0; l <= in->levels; l++) {
		bool off = l == in->levels;
		int hi = off ? MM_PAGE_SHIFT - 1 : in->shift[l] + in->bits[l] - 1;
		int lo = off ? 0 : in->shift[l];
		unsigned role = view_level_role(in, off ? -1 : l);
		for (int bit = hi; bit >= lo; bit--)
			grid_put(g, y + 1, x++, role, (va >> bit) & 1 ? '1' : '0');
		x++;
	}
	return 2;
}

/* One level's row: "pte[0x10] 0x800000000000b867 V W U A D NX PFN 0xb". */
static int level_name_w(const struct mm_info *in, int l, uint64_t index)
{
	char b[48];
	if (index == 0)
		return snprintf(b, sizeof b, "%s[0]", in->level_name[l]);
	return snprintf(b, sizeof b, "%s[0x%" PRIx64 "]", in->level_name[l], index);
}

static void draw_level(struct cellgrid *g, int y, int w, const struct tui_view *v, int l, uint64_t index,
		       uint64_t addr, uint64_t value, unsigned hl, int namew)
{
	char b[48], vb[24];
	const struct mm_info *in = &v->info;
	if (hl != 0)
		grid_fill(g, (struct grid_rect){y, 0, 1, w}, hl, ' ');
	snprintf(b, sizeof b, "%s[0x%" PRIx64 "]", in->level_name[l], index);
	if (index == 0)
		snprintf(b, sizeof b, "%s[0]", in->level_name[l]);
	grid_text_at(g, y, 0, hl ? hl : view_level_role(in, l), b);
	int x = namew;
	int valw = in->pte_size * 2 + 2;
	if (w - x - valw < 12) /* narrow: the value as long as it is */
		valw = grid_text_width(view_hex(value, vb));
	grid_text_at(g, y, x, hl ? hl : ROLE_TEXT_NORMAL, view_hex(value, vb));
	x += valw + 1;
	if (w - x >= 36) { /* room for where the entry lives */
		snprintf(b, sizeof b, "@%" PRIx64, addr);
		x += grid_text_at(g, y, x, hl ? hl : ROLE_TEXT_DIM, b) + 1;
	}
	if (x < w)
		view_pte_tags(g, y, x, w - x, v, value);
}

/* Lines of the fault handler: the events after the latest fault up to the
 * cursor, the newest at the bottom. */
static int draw_handler(struct cellgrid *g, int y, int w, int rows, const struct tui_view *v, const struct anim *a)
{
	if (rows <= 0)
		return 0;
	uint64_t first = a->handler_first + 1, end = a->cur_ev + 1;
	uint64_t n = end > first ? end - first : 0;
	if (n > (uint64_t)rows)
		first = end - (uint64_t)rows;
	int row = 0;
	for (uint64_t i = first; i < end && row < rows; i++, row++) {
		char buf[200];
		mm_event_text(v->m, i, v->lang, buf, sizeof buf);
		bool now = i == a->cur_ev;
		grid_text_at(g, y + row, 0, now ? ROLE_HL_CURRENT : ROLE_TEXT_EVENT, now ? ">" : " ");
		grid_text_at(g, y + row, 2, now ? ROLE_HL_CURRENT : ROLE_TEXT_EVENT, buf);
	}
	return row;
}

static void draw_detail(struct cellgrid *g, int y, int w, int rows, const struct tui_view *v, int l,
			uint64_t index, uint64_t value)
{
	char b[96];
	if (index)
		snprintf(b, sizeof b, MSG(v->lang, XL_DECODED), v->info.level_name[l], index, value);
	else
		snprintf(b, sizeof b, MSG(v->lang, XL_DECODED0), v->info.level_name[l], value);
	grid_text_at(g, y, 0, ROLE_TEXT_HEADING, b);
	view_pte_detail(g, y + 1, w, rows - 1, v, value);
}

static void draw_animated(struct cellgrid *g, struct grid_rect in, const struct tui_view *v, const struct anim *a)
{
	int y = 0, w = in.w, h = in.h;
	const struct mm_info *mi = &v->info;
	char b[96];
	draw_va_line(g, y++, w, v, a->va, a->access);
	if (y < h)
		y += draw_fields(g, y, w, h - y - (mi->levels + 3), mi, a->va, v->lang);
	if (y < h) { /* TLB */
		unsigned role = a->tlb == 1 ? ROLE_HL_TLB_HIT : a->tlb == 2 ? ROLE_HL_TLB_MISS : ROLE_TEXT_DIM;
		const char *what = a->tlb == 1 ? MSG(v->lang, XL_TLB_HIT_WORD) : a->tlb == 2 ? MSG(v->lang, XL_TLB_MISS_WORD) : MSG(v->lang, XL_TLB_LOOKUP);
		if (a->tlb == 1)
			snprintf(b, sizeof b, MSG(v->lang, XL_TLB_HIT), a->tlb_pfn);
		else if (a->filled)
			snprintf(b, sizeof b, MSG(v->lang, XL_TLB_FILLED), a->tlb_pfn);
		else
			snprintf(b, sizeof b, "TLB %s", what);
		if (a->retries)
			snprintf(b + strlen(b), sizeof b - strlen(b), MSG(v->lang, XL_RETRY), a->retries);
		if (a->filled && a->tlb != 1 && grid_text_width(b) > w) { /* 80x24: the retry stays in sight */
			snprintf(b, sizeof b, MSG(v->lang, XL_TLB_FILLED_SHORT), a->tlb_pfn);
			if (a->retries)
				snprintf(b + strlen(b), sizeof b - strlen(b), MSG(v->lang, XL_RETRY), a->retries);
		}
		grid_text_at(g, y++, 0, a->cur_kind == MM_EV_TLB_HIT || a->cur_kind == MM_EV_TLB_MISS ? ROLE_HL_CURRENT : role, b);
	}
	int namew = 0;
	for (int l = 0; l < a->nlev; l++)
		namew = MM_MAX(namew, level_name_w(mi, l, a->lev[l].index) + 1);
	int fault_level = -1;
	if (a->nfaults && a->nlev > 0 && !(a->lev[a->nlev - 1].value & 1))
		fault_level = a->nlev - 1;
	for (int l = 0; l < mi->levels && y < h; l++, y++) {
		if (a->tlb == 1 || l >= a->nlev) {
			snprintf(b, sizeof b, "%s  %s", mi->level_name[l],
				 a->tlb != 1 ? "-" : MSG(v->lang, XL_NOT_READ_TLB));
			grid_text_at(g, y, 0, ROLE_TEXT_DIM, b);
			continue;
		}
		if (l <= a->psc_level) { /* skipped: the paging-structure cache knew it */
			if (l == a->psc_level)
				snprintf(b, sizeof b, MSG(v->lang, XL_CACHED_TABLE),
					 mi->level_name[l], a->psc_table);
			else
				snprintf(b, sizeof b, MSG(v->lang, XL_CACHED), mi->level_name[l]);
			grid_text_at(g, y, 0, a->cur_kind == MM_EV_PSC_HIT ? ROLE_HL_CURRENT : ROLE_HL_TLB_HIT, b);
			continue;
		}
		unsigned hl = 0;
		if (l == a->cur_level)
			hl = ROLE_HL_CURRENT;
		else if (l == fault_level && a->in_handler)
			hl = ROLE_HL_FAULT;
		else if (a->lev[l].changed)
			hl = ROLE_HL_CHANGED;
		draw_level(g, y, w, v, l, a->lev[l].index, a->lev[l].addr, a->lev[l].value, hl, namew);
	}
	if (y >= h)
		return;
	/* The outcome so far. */
	if (a->exception) {
		snprintf(b, sizeof b, "! %s", mm_status_name(a->code));
		grid_text_at(g, y++, 0, ROLE_HL_FAULT, b);
	} else if (a->nfaults) {
		int n = 0;
		n += snprintf(b + n, sizeof b - (size_t)n, "%s", a->in_handler ? MSG(v->lang, XL_IN_FAULT) : MSG(v->lang, XL_FAULTS));
		for (int i = 0; i < a->nfaults && n < (int)sizeof b - 24; i++)
			n += snprintf(b + n, sizeof b - (size_t)n, "%s%s", i ? ", " : "", v->lang ? stepgroup_fault_word(a->fault_kind[i], v->lang) : mm_fault_name(a->fault_kind[i]));
		grid_text_at(g, y++, 0, a->in_handler ? ROLE_HL_FAULT : ROLE_TEXT_KEY, b);
	}
	if (y < h && a->in_handler)
		y += draw_handler(g, y, w, h - y, v, a);
	if (y < h && a->filled && !a->in_handler) {
		uint64_t pa = mm_page_address(a->tlb_pfn) | mm_page_offset(a->va);
		snprintf(b, sizeof b, MSG(v->lang, XL_PA), pa, a->tlb_pfn,
			 mm_page_offset(a->va));
		grid_text_at(g, y++, 0, ROLE_TEXT_TITLE, b);
	} else if (y < h && a->tlb == 1) {
		uint64_t pa = mm_page_address(a->tlb_pfn) | mm_page_offset(a->va);
		snprintf(b, sizeof b, "PA 0x%" PRIx64, pa);
		grid_text_at(g, y++, 0, ROLE_TEXT_TITLE, b);
	}
	/* With rows to spare: every field of the entry in focus (the one
	 * being read, else the one just rewritten, else the last read). */
	int l = a->cur_level;
	for (int k = a->psc_level + 1; l < 0 && k < a->nlev; k++)
		if (a->lev[k].changed)
			l = k;
	if (l < 0)
		l = a->nlev - 1;
	if (l > a->psc_level && h - y >= 4)
		draw_detail(g, y + 1, w, h - y - 1, v, l, a->lev[l].index, a->lev[l].value);
}

static void draw_static(struct cellgrid *g, struct grid_rect in, const struct tui_view *v)
{
	int y = 0, w = in.w, h = in.h;
	const struct mm_info *mi = &v->info;
	char b[96];
	struct mm_xlate x;
	draw_va_line(g, y++, w, v, v->va, -1);
	if (y < h)
		y += draw_fields(g, y, w, h - y - (mi->levels + 3), mi, v->va, v->lang);
	if (mm_translate(v->m, v->info.current_pid, v->va, &x) < 0) {
		if (y < h)
			grid_text_at(g, y, 0, ROLE_TEXT_DIM, MSG(v->lang, XL_NONCANONICAL));
		return;
	}
	if (y < h) {
		if (x.tlb_present)
			snprintf(b, sizeof b, MSG(v->lang, XL_TLB_HOLDS), x.tlb_pfn);
		else
			snprintf(b, sizeof b, "%s", MSG(v->lang, XL_TLB_NOT));
		grid_text_at(g, y++, 0, x.tlb_present ? ROLE_HL_TLB_HIT : ROLE_TEXT_DIM, b);
	}
	int namew = 0;
	for (int l = 0; l < x.n; l++)
		namew = MM_MAX(namew, level_name_w(mi, l, x.lv[l].index) + 1);
	for (int l = 0; l < mi->levels && y < h; l++, y++) {
		if (l >= x.n) {
			snprintf(b, sizeof b, "%s  -", mi->level_name[l]);
			grid_text_at(g, y, 0, ROLE_TEXT_DIM, b);
			continue;
		}
		draw_level(g, y, w, v, l, x.lv[l].index, x.lv[l].entry_address, x.lv[l].value,
			   !x.lv[l].valid && l == x.n - 1 ? ROLE_TEXT_DIM : 0, namew);
	}
	if (y < h) {
		if (x.valid)
			snprintf(b, sizeof b, "PA 0x%" PRIx64, x.pa);
		else
			snprintf(b, sizeof b, "%s", MSG(v->lang, XL_NOT_VALID));
		grid_text_at(g, y++, 0, x.valid ? ROLE_TEXT_TITLE : ROLE_TEXT_DIM, b);
	}
	if (x.n > 0 && h - y >= 4)
		draw_detail(g, y + 1, w, h - y - 1, v, x.n - 1, x.lv[x.n - 1].index, x.lv[x.n - 1].value);
}

static void xlate_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	struct anim a;
	anim_scan(v, &a);
	const char *title = a.active ? MSG(v->lang, XL_TITLE_ANIM) : MSG(v->lang, XL_TITLE);
	char t[96];
	if (vas_pid(v) != v->info.current_pid) { /* the address pane shows another process: say whose this is */
		snprintf(t, sizeof t, MSG(v->lang, XL_TITLE_CURRENT), v->info.current_pid);
		title = t;
	}
	struct grid_rect in = view_frame(g, r, title, focused);
	if (a.active)
		draw_animated(g, in, v, &a);
	else if (v->has_va)
		draw_static(g, in, v);
	else {
		grid_text_at(g, 0, 0, ROLE_TEXT_DIM, MSG(v->lang, XL_NO_VA));
		grid_text_at(g, 1, 0, ROLE_TEXT_DIM, MSG(v->lang, XL_TRY));
	}
	grid_pop_clip(g);
}

/* The PTE to its frame (docs/tui.md TUI-LINKS): Enter, or a click in the
 * pane, selects the frame the leaf entry maps (valid, or a transition
 * entry's page on standby or modified) in the physical-memory pane. */
static int xlate_follow(struct tui_view *v)
{
	struct mm_xlate x;
	if (!v->has_va || mm_translate(v->m, v->info.current_pid, v->va, &x) < 0 || x.n <= 0)
		return TUI_HANDLED;
	struct mm_pte_view pv;
	mm_pte_decode(v->m, x.lv[x.n - 1].value, &pv);
	bool has_frame = pv.valid || strcmp(pv.format, "transition") == 0;
	if (!has_frame)
		return TUI_HANDLED;
	v->phys.sel = x.valid ? (int64_t)(x.pa / MM_PAGE_SIZE) : (int64_t)pv.pfn;
	v->focus = PANE_PHYS;
	return TUI_HANDLED | TUI_REDRAW;
}

static int xlate_key(struct tui_view *v, const struct draw_event *ev)
{
	return ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_ENTER ? xlate_follow(v) : 0;
}

static int xlate_click(struct tui_view *v, int y, int x)
{
	(void)y, (void)x;
	return xlate_follow(v);
}

const struct pane_class pane_xlate_class = {
	.name = "translation",
	.draw = xlate_draw,
	.key = xlate_key,
	.click = xlate_click,
	.min_w = 30,
	.min_h = 6,
};
