/*
 * pane_sections.c — the sections screen (docs/tui.md TUI-SCREENS): every
 * section the current process maps (its mapped and image VADs from
 * `!vad`, each control area once, from `!ca` of a view): kind, file or
 * name, pages, mapped views, section references, commit and resident
 * pages; where this process maps it; then its prototype PTEs, each with
 * its format, frame and share count.
 */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pane.h"
#include "msg.h"

#define SECTIONS_MAX 64

/* {"sections": [ !ca's result + "views": ["0x..."] ]} */
static cJSON *sec_build(struct tui_view *v)
{
	cJSON *out = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(out, "sections");
	cJSON *vad = screen_inspect(v, "!vad");
	const cJSON *vs = cJSON_GetObjectItemCaseSensitive(vad, "vads");
	for (const cJSON *e = vs ? vs->child : NULL; e && arr && cJSON_GetArraySize(arr) < SECTIONS_MAX; e = e->next) {
		if (!strcmp(screen_str(e, "type"), "private"))
			continue;
		char line[64], va[24];
		view_hex(mm_page_address(screen_u64(e, "start")), va);
		snprintf(line, sizeof line, "!ca %s", va);
		cJSON *ca = screen_inspect(v, line);
		if (!ca)
			continue;
		const char *id = screen_str(ca, "control_area");
		cJSON *have = NULL;
		for (cJSON *s = arr->child; s; s = s->next)
			if (!strcmp(screen_str(s, "control_area"), id))
				have = s;
		if (have) {
			cJSON_Delete(ca);
		} else {
			cJSON_AddArrayToObject(ca, "views");
			cJSON_AddItemToArray(arr, ca);
			have = ca;
		}
		cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(have, "views"), cJSON_CreateString(va));
	}
	cJSON_Delete(vad);
	return out;
}

/* Rows of one section: its line, its views, the PTEs' heading, the PTEs,
 * a blank. */
static int sec_rows(const cJSON *s)
{
	return 4 + cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(s, "prototype_ptes"));
}

static void sec_row(struct tui_view *v, struct cellgrid *g, int y, const cJSON *s, int k)
{
	const cJSON *ptes = cJSON_GetObjectItemCaseSensitive(s, "prototype_ptes");
	int np = cJSON_GetArraySize(ptes);
	if (k == 0) {
		const char *name = screen_str(s, "file");
		if (!*name)
			name = screen_str(s, "name");
		int x = grid_text_at(g, y, 0, ROLE_TEXT_TITLE, "CA ");
		x += grid_text_at(g, y, x, ROLE_TEXT_TITLE, screen_str(s, "control_area"));
		x += grid_textf_at(g, y, x, ROLE_TEXT_KEY, " %s", screen_str(s, "kind"));
		x += grid_textf_at(g, y, x, ROLE_REGION_MAPPED, " %s", *name ? name : MSG(v->lang, SEC_PF_BACKED));
		grid_textf_at(g, y, x, ROLE_TEXT_DIM, "  %s", screen_prot(screen_str(s, "protection")));
	} else if (k == 1) {
		int x = grid_textf_at(g, y, 2, ROLE_TEXT_NORMAL,
				      MSG(v->lang, SEC_CA),
				      screen_u64(s, "pages"), screen_u64(s, "mapped_views"), screen_u64(s, "section_references"),
				      screen_u64(s, "commit"), screen_u64(s, "resident_pages")) + 2;
		for (const cJSON *w = cJSON_GetObjectItemCaseSensitive(s, "views")->child; w; w = w->next)
			x += grid_textf_at(g, y, x, ROLE_TEXT_NORMAL, " %s", w->valuestring);
	} else if (k == 2) {
		grid_text_at(g, y, 2, ROLE_TEXT_HEADING, MSG(v->lang, SEC_HEAD));
	} else if (k - 3 < np) {
		const cJSON *p = cJSON_GetArrayItem(ptes, k - 3);
		grid_textf_at(g, y, 2, ROLE_TEXT_DIM, "%3d", k - 3);
		grid_textf_at(g, y, 6, ROLE_TEXT_NORMAL, "%-19s %-19s", screen_str(p, "address"), screen_str(p, "value"));
		const char *f = screen_str(p, "format");
		unsigned role = !strcmp(f, "hardware")	  ? ROLE_PTE_VALID
				: !strcmp(f, "transition") ? ROLE_PTE_TRANSITION
				: !strcmp(f, "pagefile")   ? ROLE_PTE_PAGEFILE
							   : ROLE_PTE_SOFTWARE;
		grid_textf_at(g, y, 46, role, "%-12.12s", mm_pte_format_word(f, v->lang));
		const char *pfn = screen_str(p, "pfn");
		if (*pfn) {
			bool inplay = v->pfn >= 0 && screen_u64(p, "pfn") == (uint64_t)v->pfn;
			grid_text_at(g, y, 59, inplay ? ROLE_HL_FRAME : ROLE_PTE_PFN, pfn);
			grid_textf_at(g, y, 66, ROLE_TEXT_NORMAL, "%5" PRIu64, screen_u64(p, "share_count"));
		}
	}
}

static void sec_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	struct grid_rect in = screen_frame(v, g, r, MSG(v->lang, SEC_TITLE));
	const cJSON *d = screen_doc(v, sec_build);
	const cJSON *ss = cJSON_GetObjectItemCaseSensitive(d, "sections");
	int n = cJSON_GetArraySize(ss), total = 0;
	for (const cJSON *s = ss ? ss->child : NULL; s; s = s->next)
		total += sec_rows(s);
	grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, n == 1 ? MSG(v->lang, SEC_SUM_ONE) : MSG(v->lang, SEC_SUM), n,
		      v->info.current_pid);
	int shown, top = screen_list(v, g, in, 1, total, &shown);
	int row = 0;
	for (const cJSON *s = ss ? ss->child : NULL; s && row < top + shown; s = s->next) {
		int nr = sec_rows(s);
		for (int k = 0; k < nr; k++, row++)
			if (row >= top && row < top + shown)
				sec_row(v, g, 1 + row - top, s, k);
	}
	if (n == 0)
		grid_text_at(g, 1, 1, ROLE_TEXT_DIM, MSG(v->lang, SEC_NONE));
	grid_pop_clip(g);
}

const struct pane_class pane_sections_class = {
	.name = "sections",
	.draw = sec_draw,
	.key = screen_key,
	.min_w = 20,
	.min_h = 4,
};
