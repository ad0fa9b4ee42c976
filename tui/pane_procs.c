/*
 * pane_procs.c — the processes screen (docs/tui.md TUI-SCREENS): one row
 * per process from mm_procs: pid, name, DirBase (CR3), working set size,
 * minimum, maximum and peak, commit, page faults and VADs; the current
 * process marked.
 */
#include <inttypes.h>
#include <stdio.h>

#include "pane.h"
#include "msg.h"

#define PROCS_MAX 256

static void procs_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	struct grid_rect in = screen_frame(v, g, r, MSG(v->lang, PROCS_TITLE));
	struct mm_proc ps[PROCS_MAX];
	int n = mm_procs(v->m, ps, PROCS_MAX);
	if (n < 0)
		n = 0;
	grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, n == 1 ? MSG(v->lang, PROCS_SUM_ONE) : MSG(v->lang, PROCS_SUM),
		      n, v->info.commit_total, v->info.commit_limit, v->info.available_pages);
	grid_text_at(g, 1, 0, ROLE_TEXT_HEADING, MSG(v->lang, PROCS_HEAD));
	if (n == 0) {
		grid_text_at(g, 2, 1, ROLE_TEXT_DIM, MSG(v->lang, PROCS_NONE));
		grid_pop_clip(g);
		return;
	}
	int shown, top = screen_list(v, g, in, 2, n, &shown);
	for (int i = 0; i < shown; i++) {
		const struct mm_proc *p = &ps[top + i];
		char cr3[24];
		int y = 2 + i;
		unsigned role = p->current ? ROLE_TEXT_TITLE : ROLE_TEXT_NORMAL;
		if (p->current)
			grid_text_at(g, y, 0, ROLE_HL_CURRENT, ">");
		grid_textf_at(g, y, 1, role, "%6u %-12.12s %-10s %5" PRIu64 " %5" PRIu64 " %5" PRIu64 " %5" PRIu64 " %6" PRIu64
			      " %6" PRIu64 " %5" PRIu64,
			      p->pid, p->name, view_hex(p->dirbase, cr3), p->ws_size, p->ws_min, p->ws_max, p->ws_peak,
			      p->commit, p->faults, p->vads);
	}
	if (2 + shown < in.h)
		grid_text_at(g, 2 + shown, 1, ROLE_TEXT_DIM, MSG(v->lang, PROCS_FOOT));
	grid_pop_clip(g);
}

const struct pane_class pane_procs_class = {
	.name = "processes",
	.draw = procs_draw,
	.key = screen_key,
	.min_w = 20,
	.min_h = 4,
};
