/*
 * pane_pagefile.c — the page files screen (docs/tui.md TUI-SCREENS): per
 * page file from `!pagefile`: size, minimum and maximum, slots in use,
 * free and the peak, with a bar of the slots in use.
 */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>

#include "pane.h"
#include "msg.h"

static cJSON *pf_build(struct tui_view *v)
{
	return screen_inspect(v, "!pagefile");
}

static void pf_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	struct grid_rect in = screen_frame(v, g, r, MSG(v->lang, PF_TITLE));
	const cJSON *d = screen_doc(v, pf_build);
	const cJSON *fs = cJSON_GetObjectItemCaseSensitive(d, "files");
	int n = cJSON_GetArraySize(fs);
	grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, n == 1 ? MSG(v->lang, PF_COUNT_ONE) : MSG(v->lang, PF_COUNT), n);
	grid_text_at(g, 1, 0, ROLE_TEXT_HEADING, MSG(v->lang, PF_HEAD));
	/* two rows per file: the numbers, then the bar of slots in use */
	int shown, top = screen_list(v, g, in, 2, 2 * n, &shown);
	for (int i = 0; i < shown; i++) {
		int row = top + i, y = 2 + i;
		const cJSON *e = cJSON_GetArrayItem(fs, row / 2);
		if (!e)
			break;
		uint64_t size = screen_u64(e, "size"), used = screen_u64(e, "in_use");
		if (row % 2 == 0) {
			grid_textf_at(g, y, 0, ROLE_TEXT_KEY, "%2" PRIu64, screen_u64(e, "number"));
			grid_textf_at(g, y, 3, ROLE_TEXT_NORMAL, "%9" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64
				      " %10" PRIu64,
				      size, screen_u64(e, "minimum"), screen_u64(e, "maximum"), used, screen_u64(e, "free"),
				      screen_u64(e, "peak"));
		} else {
			int bw = in.w - 16 > 64 ? 64 : in.w - 16;
			screen_bar(g, y, 3, bw, used, size);
			if (bw > 0)
				grid_textf_at(g, y, 4 + bw, ROLE_TEXT_DIM, MSG(v->lang, PF_USED),
					      size ? 100.0 * (double)used / (double)size : 0.0);
		}
	}
	if (n == 0)
		grid_text_at(g, 2, 1, ROLE_TEXT_DIM, MSG(v->lang, PF_NONE));
	grid_pop_clip(g);
}

const struct pane_class pane_pagefile_class = {
	.name = "page files",
	.draw = pf_draw,
	.key = screen_key,
	.min_w = 20,
	.min_h = 4,
};
