/*
 * screen.c — what the further screens share (pane.h, docs/tui.md
 * TUI-SCREENS): which one is up, its scroll, the cache of what inspection
 * commands answered at the cursor, its frame and small formatters.
 *
 * The screens read the core through mm.h only: mm_procs, and the results
 * of read-only inspection commands (!wsle, !vad, !poolused, !pagefile,
 * !ca) run by mm_inspect_json, which changes nothing (no sequence number,
 * no history).  A screen's document is rebuilt when the position changes,
 * never per frame.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"
#include "session.h"
#include "msg.h"
#include "screen_quiz.h"

const struct pane_class *screen_class(int id)
{
	switch (id) {
	case SCREEN_PROCS: return &pane_procs_class;
	case SCREEN_WSET: return &pane_wset_class;
	case SCREEN_VAD: return &pane_vadtree_class;
	case SCREEN_POOL: return &pane_pool_class;
	case SCREEN_PAGEFILE: return &pane_pagefile_class;
	case SCREEN_SECTIONS: return &pane_sections_class;
	case SCREEN_OUTPUT: return &pane_output_class;
	case SCREEN_USECOUNTS: return &pane_usecounts_class;
	case SCREEN_PHYSPAGES: return &pane_physpages_class;
	case SCREEN_FILESUMMARY: return &pane_filesum_class;
	case SCREEN_SPLIT: return &pane_split_class;
	case SCREEN_POLICIES: return &pane_policies_class;
	case SCREEN_QUIZ: return &pane_quiz_class;
	default: return NULL;
	}
}

void screen_show(struct tui_view *v, int id)
{
	if (id < SCREEN_NONE || id >= SCREEN_COUNT)
		id = SCREEN_NONE;
	if (id != v->scr.id) {
		v->scr.top = v->scr.left = 0;
		v->scr.back = SCREEN_NONE;
	}
	v->scr.id = id;
	v->scr.by_focus = false;
}

void screen_follow(struct tui_view *v, int id)
{
	int from = v->scr.id;
	screen_show(v, id);
	if (from != id)
		v->scr.back = from;
}

const cJSON *screen_doc(struct tui_view *v, cJSON *(*build)(struct tui_view *v))
{
	struct screen_view *s = &v->scr;
	uint64_t gen = player_generation(v->pl), ev = player_events_done(v->pl);
	if (s->doc && s->doc_id == s->id && s->key_gen == gen && s->key_ev == ev)
		return s->doc;
	cJSON_Delete(s->doc);
	s->doc = build(v);
	s->doc_id = s->id;
	s->key_gen = gen;
	s->key_ev = ev;
	return s->doc;
}

cJSON *screen_inspect(struct tui_view *v, const char *line)
{
	struct mm_err err;
	mm_err_clear(&err);
	return mm_inspect_json(player_session(v->pl), line, &err);
}

struct grid_rect screen_frame(struct tui_view *v, struct cellgrid *g, struct grid_rect r, const char *title)
{
	(void)v;
	struct grid_rect in = view_frame(g, r, title, true);
	/* the way back, on the bottom border (outside the inner clip) */
	grid_pop_clip(g);
	const char *back = MSG(v->lang, SCR_BACK);
	int bw = grid_text_width(back);
	if (r.h >= 2 && r.w >= bw + 4)
		grid_text_at(g, r.y + r.h - 1, r.x + r.w - 2 - bw, ROLE_TEXT_KEY, back);
	grid_push_clip(g, (struct grid_rect){r.y + 1, r.x + 1, in.h, in.w});
	return in;
}

int screen_list(struct tui_view *v, struct cellgrid *g, struct grid_rect r, int y0, int total, int *shown)
{
	struct screen_view *s = &v->scr;
	int rows = r.h - y0;
	if (rows < 0)
		rows = 0;
	if (total < 0)
		total = 0;
	int maxtop = total - rows > 0 ? total - rows : 0;
	if (s->top > maxtop)
		s->top = maxtop;
	if (s->top < 0)
		s->top = 0;
	s->total = total;
	s->rows = rows;
	*shown = total - s->top < rows ? total - s->top : rows;
	if (total > rows && rows > 0 && y0 >= 1) { /* where we are, right of the list's heading */
		char b[64];
		int n = snprintf(b, sizeof b, MSG(v->lang, SCR_RANGE), s->top + 1, s->top + *shown, total);
		if (r.w > n + 20)
			grid_text_at(g, y0 - 1, r.w - n, ROLE_TEXT_DIM, b);
	}
	return s->top;
}

static const cJSON *member(const cJSON *o, const char *key)
{
	return o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

const char *screen_str(const cJSON *o, const char *key)
{
	const cJSON *j = member(o, key);
	return cJSON_IsString(j) ? j->valuestring : "";
}

double screen_num(const cJSON *o, const char *key)
{
	const cJSON *j = member(o, key);
	return cJSON_IsNumber(j) ? j->valuedouble : 0;
}

bool screen_bool(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(member(o, key));
}

uint64_t screen_u64(const cJSON *o, const char *key)
{
	const cJSON *j = member(o, key);
	if (cJSON_IsString(j))
		return strtoull(j->valuestring, NULL, 0);
	if (cJSON_IsNumber(j) && j->valuedouble > 0)
		return (uint64_t)j->valuedouble;
	return 0;
}

const char *screen_prot(const char *w)
{
	if (!w || !*w)
		return "-";
	return strncmp(w, "PAGE_", 5) == 0 ? w + 5 : w;
}

void screen_bar(struct cellgrid *g, int y, int x, int w, uint64_t part, uint64_t whole)
{
	if (w <= 0)
		return;
	int fill = whole ? (int)((part * (uint64_t)w + whole - 1) / whole) : 0;
	if (fill > w)
		fill = w;
	grid_fill(g, (struct grid_rect){y, x, 1, fill}, ROLE_REGION_COMMITTED, GRID_GLYPH);
	grid_fill(g, (struct grid_rect){y, x + fill, 1, w - fill}, ROLE_REGION_RESERVED, GRID_GLYPH);
}

int screen_key(struct tui_view *v, const struct draw_event *ev)
{
	struct screen_view *s = &v->scr;
	int page = s->rows > 1 ? s->rows - 1 : 1;
	if (ev->type != DRAW_EV_KEY)
		return 0;
	switch (ev->key) {
	case DRAW_KEY_UP: s->top--; break;
	case DRAW_KEY_DOWN: s->top++; break;
	case DRAW_KEY_PGUP: s->top -= page; break;
	case DRAW_KEY_PGDN: s->top += page; break;
	default: return 0;
	}
	/* clamped again when drawn; keep it sane meanwhile */
	if (s->top > s->total - 1)
		s->top = s->total - 1;
	if (s->top < 0)
		s->top = 0;
	return TUI_HANDLED | TUI_REDRAW;
}
