/*
 * pane_vadtree.c — the VAD tree screen (docs/tui.md TUI-SCREENS): the
 * current process's VADs from `!vad`, drawn as the tree they are, lying on
 * its side: in address order top to bottom, each node indented by its
 * depth, with lines to its parent (a left child above it, a right child
 * below).  Each row: start and end VPN, type, protection, committed
 * pages, usage.  The VAD of the page in play is marked.
 */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "pane.h"
#include "msg.h"

#define VAD_TREE_MAX 4096 /* nodes whose parent is worked out */

/* !vad lists the nodes in order with their depth ("level"): the parent of
 * a node is the nearer of its closest shallower neighbours on either
 * side, the one exactly one level up.  Stored as "parent" (-1: the root). */
static cJSON *vad_build(struct tui_view *v)
{
	cJSON *d = screen_inspect(v, "!vad");
	cJSON *vs = cJSON_GetObjectItemCaseSensitive(d, "vads");
	int n = cJSON_GetArraySize(vs);
	if (n <= 0 || n > VAD_TREE_MAX)
		return d;
	int *lv = malloc((size_t)n * sizeof *lv);
	if (!lv)
		return d;
	cJSON *e = vs->child;
	for (int i = 0; i < n && e; i++, e = e->next)
		lv[i] = (int)screen_num(e, "level");
	e = vs->child;
	for (int i = 0; i < n && e; i++, e = e->next) {
		int p = -1;
		if (lv[i] > 0) {
			int a = i - 1, b = i + 1;
			while (a >= 0 && lv[a] >= lv[i])
				a--;
			while (b < n && lv[b] >= lv[i])
				b++;
			if (a >= 0 && lv[a] == lv[i] - 1)
				p = a;
			else if (b < n && lv[b] == lv[i] - 1)
				p = b;
		}
		cJSON_AddNumberToObject(e, "parent", p);
	}
	free(lv);
	return d;
}

static void vad_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	struct grid_rect in = screen_frame(v, g, r, MSG(v->lang, VAD_TITLE));
	const cJSON *d = screen_doc(v, vad_build);
	const cJSON *vs = cJSON_GetObjectItemCaseSensitive(d, "vads");
	int n = cJSON_GetArraySize(vs);
	if (!d) {
		grid_text_at(g, 0, 0, ROLE_TEXT_DIM, MSG(v->lang, NO_PROCESS));
		grid_pop_clip(g);
		return;
	}
	grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, MSG(v->lang, VAD_SUM), /* user-facing text, not arithmetic */
		      screen_u64(d, "pid"), n, (int)screen_num(d, "depth"));
	int depth = 0;
	for (const cJSON *e = vs ? vs->child : NULL; e; e = e->next)
		if ((int)screen_num(e, "level") > depth)
			depth = (int)screen_num(e, "level");
	int tw = 2 * depth + 3;
	if (tw > in.w / 3)
		tw = in.w / 3;
	grid_text_at(g, 1, tw, ROLE_TEXT_HEADING, MSG(v->lang, VAD_HEAD));
	int shown, top = screen_list(v, g, in, 2, n, &shown);
	/* the tree's vertical lines: from each node to its parent */
	int i = 0;
	for (const cJSON *e = vs ? vs->child : NULL; e; e = e->next, i++) {
		int p = (int)screen_num(e, "parent"), lvl = (int)screen_num(e, "level");
		if (!cJSON_GetObjectItemCaseSensitive(e, "parent") || p < 0 || lvl < 1)
			continue;
		int lo = (p < i ? p : i) + 1, hi = p < i ? i : p; /* rows lo .. hi-1 */
		int x = 2 * (lvl - 1);
		for (int row = lo > top ? lo : top; row < hi && row < top + shown; row++)
			if (x + 1 < tw)
				grid_put(g, 2 + row - top, x, ROLE_BORDER_NORMAL, 0x2502);
	}
	const cJSON *e = cJSON_GetArrayItem(vs, top);
	for (int k = 0; k < shown && e; k++, e = e->next) {
		int y = 2 + k, lvl = (int)screen_num(e, "level"), p = (int)screen_num(e, "parent");
		int x = 2 * lvl;
		if (lvl > 0 && x < tw) {
			grid_put(g, y, x - 2, ROLE_BORDER_NORMAL, p > top + k ? 0x250C : 0x2514);
			grid_put(g, y, x - 1, ROLE_BORDER_NORMAL, 0x2500);
		}
		uint64_t s = screen_u64(e, "start"), en = screen_u64(e, "end");
		bool inplay = v->has_va && mm_page_number(v->va) >= s && mm_page_number(v->va) <= en;
		if (x < tw)
			grid_put(g, y, x, inplay ? ROLE_HL_PAGE : ROLE_TEXT_TITLE, inplay ? '@' : 'o');
		const char *type = screen_str(e, "type");
		unsigned trole = type[0] == 'i' ? ROLE_REGION_IMAGE : type[0] == 'm' ? ROLE_REGION_MAPPED : ROLE_REGION_PRIVATE;
		grid_textf_at(g, y, tw, inplay ? ROLE_HL_PAGE : ROLE_TEXT_NORMAL, "%-11" PRIx64 " %-11" PRIx64, s, en);
		grid_textf_at(g, y, tw + 24, trole, "%-7.7s", type);
		grid_textf_at(g, y, tw + 32, ROLE_PTE_PROTECTION, "%-17.17s", screen_prot(screen_str(e, "protection")));
		grid_textf_at(g, y, tw + 50, ROLE_TEXT_NORMAL, "%6" PRIu64, screen_u64(e, "commit"));
		grid_text_at(g, y, tw + 57, ROLE_TEXT_DIM, screen_str(e, "usage"));
	}
	grid_pop_clip(g);
}

const struct pane_class pane_vadtree_class = {
	.name = "VAD tree",
	.draw = vad_draw,
	.key = screen_key,
	.min_w = 20,
	.min_h = 4,
};
