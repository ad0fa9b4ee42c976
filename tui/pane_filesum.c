/*
 * pane_filesum.c — RAMMap's File Summary screen (docs/tui.md TUI-RAM): per
 * file (data file or image) with pages in RAM, how many of its frames are
 * active, on standby, modified ... The rows come from mm_file_summary
 * (core/mm/query_ram.c): the frames whose prototype PTE lies in one of
 * the file's sections.
 */
#include <inttypes.h>
#include <stdio.h>

#include "pane.h"
#include "ram.h"

#define FILES_MAX 96

/* The lists a file's frames can be on, in RAMMap's order: Active,
 * Standby, Modified, Modified No-Write, Transition (mm.h's numbers). */
static const int cols[] = {6, 2, 3, 4, 7};
enum { NCOLS = sizeof cols / sizeof cols[0] };

static void filesum_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	int de = v->lang;
	struct grid_rect in = screen_frame(v, g, r, de ? "Dateien im RAM (RAMMap: File Summary)" : "File Summary (RAMMap)");
	struct mm_file_sum fs[FILES_MAX];
	int total = 0, n = mm_file_summary(v->m, fs, FILES_MAX, &total);
	grid_textf_at(g, 0, 0, ROLE_TEXT_NORMAL, de ? "%d Datei(en) mit Seiten im RAM (Seiten zu 4 KB)"
						 : "%d file(s) with pages in RAM (4 KB pages)", n);
	char h[160];
	int x = 2 + 20;
	grid_text_at(g, 1, 2, ROLE_TEXT_HEADING, de ? "Datei" : "File");
	grid_textf_at(g, 1, x, ROLE_TEXT_HEADING, "%7s", de ? "Gesamt" : "Total");
	x += 8;
	for (int c = 0; c < NCOLS && x + 13 <= in.w; c++, x += 13) {
		snprintf(h, sizeof h, "%12.12s", ram_list_name(cols[c], de));
		grid_text_at(g, 1, x, ROLE_TEXT_HEADING, h);
	}
	if (n == 0) {
		grid_text_at(g, 2, 2, ROLE_TEXT_DIM, de ? "noch keine Datei im RAM: MapViewOfFile, LoadLibrary"
						     : "no file in RAM yet: MapViewOfFile, LoadLibrary");
		grid_pop_clip(g);
		return;
	}
	int shown, top = screen_list(v, g, in, 2, n, &shown);
	for (int i = 0; i < shown; i++) {
		const struct mm_file_sum *f = &fs[top + i];
		int y = 2 + i;
		uint64_t all = 0;
		for (int s = 0; s < MM_NSTATES; s++)
			all += f->n[s];
		grid_put(g, y, 0, ram_use_role(f->image ? MM_RU_IMAGE : MM_RU_MAPPED), GRID_GLYPH);
		grid_textf_at(g, y, 2, ROLE_TEXT_NORMAL, "%-19.19s", f->name);
		grid_textf_at(g, y, 22, ROLE_TEXT_TITLE, "%7" PRIu64, all);
		x = 30;
		for (int c = 0; c < NCOLS && x + 13 <= in.w; c++, x += 13)
			if (f->n[cols[c]])
				grid_textf_at(g, y, x, ROLE_TEXT_NORMAL, "%12" PRIu64, f->n[cols[c]]);
	}
	if (2 + shown < in.h)
		grid_text_at(g, 2 + shown, 2, ROLE_TEXT_DIM,
			     total > n ? (de ? "(weitere Dateien passen nicht)" : "(more files do not fit)")
				       : (de ? "die Abschnitte dazu zeigt s, ihre Prototyp-PTEs !ca"
					     : "their sections: s; their prototype PTEs: !ca"));
	grid_pop_clip(g);
}

const struct pane_class pane_filesum_class = {
	.name = "filesummary",
	.draw = filesum_draw,
	.key = screen_key,
	.min_w = 20,
	.min_h = 4,
};
