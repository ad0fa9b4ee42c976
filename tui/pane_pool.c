/*
 * pane_pool.c — the pools screen (docs/tui.md TUI-SCREENS): kernel pool
 * usage by tag, like WinDbg's !poolused, from `!poolused`: per tag the
 * nonpaged and paged allocations and bytes, the pools' sizes above, and
 * how many pages have corrupt headers, if any.
 */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>

#include "pane.h"
#include "msg.h"

static cJSON *pool_build(struct tui_view *v)
{
	return screen_inspect(v, "!poolused");
}

static void pool_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	struct grid_rect in = screen_frame(v, g, r, MSG(v->lang, POOL_TITLE));
	const cJSON *d = screen_doc(v, pool_build);
	const cJSON *ts = cJSON_GetObjectItemCaseSensitive(d, "tags");
	int n = cJSON_GetArraySize(ts);
	grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, n == 1 ? MSG(v->lang, POOL_SUM_ONE) : MSG(v->lang, POOL_SUM),
		      screen_u64(d, "nonpaged_pool_bytes"), screen_u64(d, "paged_pool_bytes"), n);
	grid_text_at(g, 1, 0, ROLE_TEXT_HEADING, MSG(v->lang, POOL_HEAD));
	int shown, top = screen_list(v, g, in, 2, n, &shown);
	const cJSON *e = cJSON_GetArrayItem(ts, top);
	for (int i = 0; i < shown && e; i++, e = e->next) {
		int y = 2 + i;
		grid_textf_at(g, y, 1, ROLE_TEXT_KEY, "%-4.4s", screen_str(e, "tag"));
		grid_textf_at(g, y, 6, ROLE_TEXT_NORMAL, "%11" PRIu64 " %11" PRIu64 " %10" PRIu64 " %11" PRIu64,
			      screen_u64(e, "nonpaged_allocs"), screen_u64(e, "nonpaged_bytes"), screen_u64(e, "paged_allocs"),
			      screen_u64(e, "paged_bytes"));
	}
	uint64_t bad = screen_u64(d, "corrupt_pages"); /* kwrite over a POOL_HEADER (docs/commands.md CMD-CORRUPT) */
	int foot = 2 + (n ? shown : 1);
	if (n == 0)
		grid_text_at(g, 2, 1, ROLE_TEXT_DIM, MSG(v->lang, POOL_NONE));
	if (bad && foot < in.h)
		grid_textf_at(g, foot++, 1, ROLE_TEXT_ERROR, bad == 1 ? MSG(v->lang, POOL_CORRUPT_ONE) : MSG(v->lang, POOL_CORRUPT),
			      bad);
	if (n && foot < in.h)
		grid_text_at(g, foot, 1, ROLE_TEXT_DIM, MSG(v->lang, POOL_FOOT));
	grid_pop_clip(g);
}

const struct pane_class pane_pool_class = {
	.name = "pools",
	.draw = pool_draw,
	.key = screen_key,
	.min_w = 20,
	.min_h = 4,
};
