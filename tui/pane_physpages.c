/*
 * pane_physpages.c — RAMMap's Physical Pages screen (docs/tui.md TUI-RAM):
 * one row per frame with its list, use, standby priority, owner process,
 * the virtual address its PTE maps, or for a section's frame the file and
 * the offset in it; `[` and `]` show only one process's frames (RAMMap's
 * process filter), Enter or a click on a row opens that frame in the
 * physical-memory pane (its PFN entry and where it leads, TUI-LINKS).
 * Opened from a cell of Use Counts it shows only the frames of that use
 * on that list (ram.use_f, list_f), what RAMMap's Physical Pages shows
 * sorted by its Use and List columns.
 *
 * Every field comes from mm_ram_page (core/mm/query_ram.c). Without a
 * filter row i is frame i, so only the rows shown are read; with one the
 * matching frames are found once per position (the frames of the summary
 * groups that hold a frame in use).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"
#include "ram.h"
#include "msg.h"

#define PROCS_MAX 256

/* Is a filter set (then the rows are the frames it matches)? */
static bool filtered(const struct tui_view *v) { return v->ram.pid || v->ram.use_f || v->ram.list_f; }

static bool matches(const struct ram_view *s, const struct mm_ram_page *rp)
{
	return (!s->pid || rp->owner == (int64_t)s->pid) && (!s->use_f || rp->use == s->use_f - 1) &&
	       (!s->list_f || rp->list == s->list_f - 1);
}

/* Can a group of zeroed and free frames hold a match? (No process owns
 * such a frame, and its use is Unused.) */
static bool unused_may_match(const struct ram_view *s)
{
	return !s->pid && (!s->use_f || s->use_f - 1 == MM_RU_UNUSED) && (!s->list_f || s->list_f - 1 <= 1);
}

/* The frames the filter matches, cached per position. */
static void load_rows(struct tui_view *v)
{
	struct ram_view *s = &v->ram;
	uint64_t gen = player_generation(v->pl), ev = player_events_done(v->pl);
	if (s->key_valid && s->key_gen == gen && s->key_ev == ev && s->key_pid == s->pid && s->key_use_f == s->use_f &&
	    s->key_list_f == s->list_f)
		return;
	s->nrows = 0;
	struct mm_phys ph;
	mm_phys(v->m, &ph);
	for (uint32_t f = 0; f < v->info.physical_pages; f++) {
		if (f % ph.frames_per_group == 0 && !unused_may_match(s) && mm_group_unused(v->m, f / ph.frames_per_group)) {
			f += ph.frames_per_group - 1;
			continue;
		}
		struct mm_ram_page rp;
		if (mm_ram_page(v->m, f, &rp) < 0 || !matches(s, &rp))
			continue;
		if (s->nrows == s->caprows) {
			int cap = s->caprows ? s->caprows * 2 : 256;
			uint32_t *r = realloc(s->rows, (size_t)cap * sizeof *r);
			if (!r)
				break; /* show what fits */
			s->rows = r;
			s->caprows = cap;
		}
		s->rows[s->nrows++] = f;
	}
	s->key_gen = gen;
	s->key_ev = ev;
	s->key_pid = s->pid;
	s->key_use_f = s->use_f;
	s->key_list_f = s->list_f;
	s->key_valid = true;
}

/* The frame of list row i. */
static uint32_t row_frame(const struct tui_view *v, int i)
{
	return filtered(v) ? v->ram.rows[i] : (uint32_t)i;
}

static void draw_row(struct tui_view *v, struct cellgrid *g, int y, int w, uint32_t pfn)
{
	struct mm_ram_page rp;
	if (mm_ram_page(v->m, pfn, &rp) < 0)
		return;
	char b[240], owner[24] = "", where[96] = "", prio[16] = "";
	if (rp.owner > 0)
		snprintf(owner, sizeof owner, "%" PRId64, rp.owner);
	else if (rp.owner == 0 && rp.use != MM_RU_UNUSED && !rp.prototype)
		snprintf(owner, sizeof owner, "System");
	if (rp.list == 2 || rp.use != MM_RU_UNUSED)
		snprintf(prio, sizeof prio, "%d", rp.priority);
	if (rp.prototype)
		snprintf(where, sizeof where, "%s +0x%" PRIx64, rp.file, rp.offset);
	else if (rp.has_va)
		snprintf(where, sizeof where, "0x%" PRIx64, rp.va);
	grid_put(g, y, 0, ram_use_role(rp.use), GRID_GLYPH);
	bool brief = w < 100; /* short use names leave the VA room at 80 columns */
	snprintf(b, sizeof b, "%8x %-12s %-*s %4s %6s  %s", pfn, ram_list_name(rp.list, v->lang), brief ? 10 : 20,
		 ram_use_name(rp.use, v->lang, brief), prio, owner, where);
	grid_textn_at(g, y, 2, ROLE_TEXT_NORMAL, b, strlen(b) < (size_t)(w - 2) ? strlen(b) : (size_t)(w > 2 ? w - 2 : 0));
}

static void physpages_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	int de = v->lang;
	struct grid_rect in = screen_frame(v, g, r, MSG(de, PP_TITLE));
	int total = (int)(v->info.physical_pages > 0x7FFFFFFF ? 0x7FFFFFFF : v->info.physical_pages);
	if (v->ram.use_f || v->ram.list_f) {
		load_rows(v);
		total = v->ram.nrows;
		grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, MSG(v->lang, PP_BY_USE_LIST),
			      v->ram.use_f ? ram_use_name(v->ram.use_f - 1, v->lang, false) : MSG(v->lang, PP_ANY_USE),
			      v->ram.list_f ? ram_list_name(v->ram.list_f - 1, v->lang) : MSG(v->lang, PP_ANY_LIST), total);
	} else if (v->ram.pid) {
		load_rows(v);
		total = v->ram.nrows;
		grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, MSG(de, PP_PROCESS),
			      v->ram.pid, total);
	} else
		grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, MSG(de, PP_ALL),
			      total);
	char h[160];
	snprintf(h, sizeof h, "  %8s %-12s %-*s %4s %6s  %s", "PFN", MSG(de, PP_COL_LIST), in.w < 100 ? 10 : 20,
		 MSG(de, PP_COL_USE), "Prio", MSG(de, PP_COL_PID), MSG(de, PP_COL_WHERE));
	grid_text_at(g, 1, 0, ROLE_TEXT_HEADING, h);
	int shown, top = screen_list(v, g, in, 2, total, &shown);
	for (int i = 0; i < shown; i++)
		draw_row(v, g, 2 + i, in.w, row_frame(v, top + i));
	grid_pop_clip(g);
}

/* The next (dir 1) or previous (-1) filter: all, the current process,
 * then each other process. */
static void cycle_filter(struct tui_view *v, int dir)
{
	struct mm_proc ps[PROCS_MAX];
	int n = mm_procs(v->m, ps, PROCS_MAX), at = -1;
	for (int i = 1; i < n; i++) /* the current process first */
		if (ps[i].current) {
			struct mm_proc c = ps[i];
			memmove(&ps[1], &ps[0], (size_t)i * sizeof *ps);
			ps[0] = c;
		}
	for (int i = 0; i < n; i++)
		if (ps[i].pid == v->ram.pid)
			at = i;
	at += dir;
	if (at < -1)
		at = n - 1;
	if (at >= n)
		at = -1;
	v->ram.pid = at < 0 ? 0 : ps[at].pid;
	v->ram.use_f = v->ram.list_f = 0; /* one filter at a time */
	v->scr.top = 0;
}

/* Opens frame pfn in the physical-memory pane (the main screen). */
static int open_frame(struct tui_view *v, uint32_t pfn)
{
	v->phys.sel = pfn;
	v->focus = PANE_PHYS;
	screen_show(v, SCREEN_NONE);
	return TUI_HANDLED | TUI_REDRAW;
}

static int physpages_key(struct tui_view *v, const struct draw_event *ev)
{
	if (ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_CHAR && (ev->cp == '[' || ev->cp == ']')) {
		cycle_filter(v, ev->cp == ']' ? 1 : -1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_ENTER && v->scr.total > 0)
		return open_frame(v, row_frame(v, v->scr.top));
	return screen_key(v, ev);
}

static int physpages_click(struct tui_view *v, int y, int x)
{
	(void)x;
	int i = v->scr.top + (y - 1 - 2); /* inside the border, under the two heading rows */
	if (y - 1 < 2 || i >= v->scr.total || y - 1 - 2 >= v->scr.rows)
		return TUI_HANDLED;
	return open_frame(v, row_frame(v, i));
}

const struct pane_class pane_physpages_class = {
	.name = "physpages",
	.draw = physpages_draw,
	.key = physpages_key,
	.click = physpages_click,
	.min_w = 20,
	.min_h = 4,
};
