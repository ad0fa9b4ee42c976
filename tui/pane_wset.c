/*
 * pane_wset.c — the working set screen (docs/tui.md TUI-SCREENS): the
 * current process's working set from `!wsle`: size against minimum and
 * maximum (a bar), peak and faults, then each entry: VA, age, the locked
 * and page-table flags, the frame.  The page in play is marked.
 */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>

#include "pane.h"
#include "msg.h"

static cJSON *wset_build(struct tui_view *v)
{
	return screen_inspect(v, "!wsle");
}

static void wset_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	struct grid_rect in = screen_frame(v, g, r, MSG(v->lang, WSET_TITLE));
	const cJSON *d = screen_doc(v, wset_build);
	if (!d) {
		grid_text_at(g, 0, 0, ROLE_TEXT_DIM, MSG(v->lang, NO_PROCESS));
		grid_pop_clip(g);
		return;
	}
	uint64_t size = screen_u64(d, "size"), min = screen_u64(d, "minimum"), max = screen_u64(d, "maximum");
	grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL,
		      MSG(v->lang, WSET_SUM),
		      screen_u64(d, "pid"), size, min, max, screen_u64(d, "peak"), screen_u64(d, "page_faults"));
	/* size against the maximum, the minimum marked */
	int bw = in.w - 2 > 60 ? 60 : in.w - 2;
	screen_bar(g, 1, 0, bw, size, max);
	if (max && bw > 0) {
		int mx = (int)(min * (uint64_t)bw / max);
		if (mx < bw)
			grid_put(g, 1, mx, ROLE_HL_CHANGED, '|');
	}
	const cJSON *es = cJSON_GetObjectItemCaseSensitive(d, "entries");
	int n = cJSON_GetArraySize(es);
	grid_text_at(g, 2, 0, ROLE_TEXT_HEADING, MSG(v->lang, WSET_HEAD));
	int shown, top = screen_list(v, g, in, 3, n, &shown);
	const cJSON *e = cJSON_GetArrayItem(es, top);
	for (int i = 0; i < shown && e; i++, e = e->next) {
		int y = 3 + i;
		uint64_t va = screen_u64(e, "va");
		bool inplay = v->has_va && mm_page_number(va) == mm_page_number(v->va);
		if (inplay)
			grid_put(g, y, 0, ROLE_HL_PAGE, GRID_GLYPH);
		grid_textf_at(g, y, 1, ROLE_TEXT_DIM, "%3d", top + i);
		char b[24];
		grid_text_at(g, y, 5, inplay ? ROLE_HL_PAGE : ROLE_TEXT_NORMAL, view_hex(va, b));
		grid_textf_at(g, y, 24, ROLE_TEXT_NORMAL, "%3" PRIu64, screen_u64(e, "age"));
		int x = 29;
		if (screen_bool(e, "locked"))
			x += grid_text_at(g, y, x, ROLE_TEXT_KEY, MSG(v->lang, WSET_LOCKED)) ;
		if (screen_bool(e, "page_table"))
			grid_text_at(g, y, x, ROLE_REGION_PAGE_TABLE, MSG(v->lang, WSET_TABLE));
		grid_text_at(g, y, 42, ROLE_PTE_PFN, screen_str(e, "pfn"));
	}
	if (3 + shown < in.h)
		grid_text_at(g, 3 + shown, 1, ROLE_TEXT_DIM,
			     MSG(v->lang, WSET_FOOT));
	grid_pop_clip(g);
}

const struct pane_class pane_wset_class = {
	.name = "working set",
	.draw = wset_draw,
	.key = screen_key,
	.min_w = 20,
	.min_h = 4,
};
