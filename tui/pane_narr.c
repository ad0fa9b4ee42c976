/*
 * pane_narr.c — the narration and event pane: the scenario's words for the
 * step at the cursor (and its question, when it asks one), the command
 * with the tick or cross of its `expect`, then the command's micro-steps
 * in plain language up to the cursor, the current one highlighted; for a
 * command without micro-steps (inspection, session) its result instead;
 * for a failed command its error.
 *
 * Wide panes (>= 100 columns) put the words on the left and the
 * micro-steps on the right; narrow ones stack them, the words taking at
 * most 60 % of the rows (PgUp/PgDn scroll them when the pane has focus).
 */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "jmatch.h"
#include "pane.h"
#include "scenario.h"
#include "msg.h"

struct wrapctx {
	struct cellgrid *g;
	int y0, x, rows, skip;
	unsigned role;
};

static void put_line(void *ud, int line, const char *s, int len)
{
	struct wrapctx *c = ud;
	int row = line - c->skip;
	if (row >= 0 && row < c->rows)
		grid_textn_at(c->g, c->y0 + row, c->x, c->role, s, (size_t)len);
}

/* Wrapped text in rows [y, y+rows) from line skip; returns rows used. */
static int text_block(struct cellgrid *g, int y, int x, int w, int rows, int skip, unsigned role, const char *s)
{
	struct wrapctx c = {g, y, x, rows, skip, role};
	int n = view_wrap(s, w, put_line, &c) - skip;
	return n < 0 ? 0 : n > rows ? rows : n;
}

static const char *say_of(const struct tui_view *v, const struct player_rec *r)
{
	const struct scenario *sc = player_scenario(v->pl);
	if (r->step >= 0 && sc && r->step < sc->nsteps)
		return scn_text_get(&sc->steps[r->step].say, v->lang);
	if (r->json && r->ok && r->line) { /* a typed `say` */
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r->json, "result"), "text");
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(r->json, "cmd");
		if (cJSON_IsString(t) && cJSON_IsString(c) && !strncasecmp(c->valuestring, "say", 3))
			return t->valuestring;
	}
	return "";
}

/* The start screen: the scenario's title and summary. */
static void draw_intro(struct tui_view *v, struct cellgrid *g, struct grid_rect in)
{
	const struct scenario *sc = player_scenario(v->pl);
	int y = 0;
	if (sc) {
		y += text_block(g, y, 0, in.w, in.h - y, 0, ROLE_TEXT_TITLE, scn_text_get(&sc->title, v->lang));
		y++;
		y += text_block(g, y, 0, in.w, in.h - y - 2, 0, ROLE_TEXT_NARRATION, scn_text_get(&sc->summary, v->lang));
		y++;
		text_block(g, y, 0, in.w, in.h - y, 0, ROLE_TEXT_KEY,
			   MSG(v->lang, NA_START_HINT));
	} else {
		y += text_block(g, y, 0, in.w, in.h, 0, ROLE_TEXT_TITLE, MSG(v->lang, NA_FREE_PLAY));
		y++;
		text_block(g, y, 0, in.w, in.h - y, 0, ROLE_TEXT_NARRATION,
			   MSG(v->lang, NA_FREE_TEXT));
	}
}

/* The command line of the record with its expect mark. */
static int draw_command(struct tui_view *v, struct cellgrid *g, int y, int w, const struct player_rec *r, bool done)
{
	if (!r->line)
		return 0;
	int x = grid_text_at(g, y, 0, ROLE_TEXT_KEY, "> ");
	x += grid_text_at(g, y, x, ROLE_TEXT_KEY | GRID_BOLD, r->line);
	if (r->expect != PLAYER_EXPECT_NONE && done) {
		bool ok = r->expect == PLAYER_EXPECT_OK;
		const char *t = ok ? "expect" : "expect";
		int tw = grid_text_width(t) + 2;
		int ex = x + 2 > w - tw ? w - tw : x + 2;
		grid_put(g, y, ex, ok ? ROLE_HL_EXPECT_OK : ROLE_HL_EXPECT_FAIL, GRID_GLYPH);
		grid_text_at(g, y, ex + 2, ok ? ROLE_HL_EXPECT_OK : ROLE_HL_EXPECT_FAIL, t);
		if (!ok && r->why[0]) {
			text_block(g, y + 1, 2, w - 2, 2, 0, ROLE_TEXT_ERROR, r->why);
			return 1 + (grid_text_width(r->why) > w - 2 ? 2 : 1);
		}
	}
	return 1;
}

/* A JSON value in a compact form for people: strings without quotes,
 * objects as "key=value key=value", lists in brackets. */
static void render(const cJSON *v, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
#define PUT(...)                                                                     \
	do {                                                                         \
		if (len < n) {                                                       \
			int w_ = snprintf(buf + len, n - len, __VA_ARGS__);          \
			len += w_ > 0 ? (size_t)w_ : 0;                              \
		}                                                                    \
	} while (0)
	if (cJSON_IsString(v)) {
		PUT("%s", v->valuestring);
	} else if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		bool obj = cJSON_IsObject(v);
		if (!obj)
			PUT("[");
		const cJSON *c;
		int i = 0;
		cJSON_ArrayForEach(c, v)
		{
			char sub[256];
			render(c, sub, sizeof sub);
			if (obj)
				PUT("%s%s=%s", i ? " " : "", c->string ? c->string : "", sub);
			else
				PUT("%s%s", i ? ", " : "", sub);
			i++;
		}
		if (!obj)
			PUT("]");
	} else {
		char tmp[128];
		PUT("%s", jmatch_render(v, tmp, sizeof tmp));
	}
#undef PUT
	if (len >= n && n > 4)
		memcpy(buf + n - 4, "...", 4);
}

/* One level of a walk as !pte and vtop report it: "pde[0x300] @0xc0300c00
 * = 0x3863 valid -> PFN 0x3". */
static void render_level(const cJSON *e, char *buf, size_t n, int lang)
{
	const cJSON *nm = cJSON_GetObjectItemCaseSensitive(e, "name");
	const cJSON *ix = cJSON_GetObjectItemCaseSensitive(e, "index");
	const cJSON *ad = cJSON_GetObjectItemCaseSensitive(e, "entry_address");
	const cJSON *va = cJSON_GetObjectItemCaseSensitive(e, "value");
	const cJSON *ok = cJSON_GetObjectItemCaseSensitive(e, "valid");
	const cJSON *pf = cJSON_GetObjectItemCaseSensitive(e, "pfn");
	if (!cJSON_IsString(nm) || !cJSON_IsNumber(ix) || !cJSON_IsString(va)) {
		render(e, buf, n);
		return;
	}
	unsigned idx = (unsigned)ix->valuedouble;
	int w = idx ? snprintf(buf, n, "%s[0x%x] = %s %s", nm->valuestring, idx, va->valuestring,
			       cJSON_IsTrue(ok) ? MSG(lang, NA_VALID) : MSG(lang, NA_NOT_VALID))
		    : snprintf(buf, n, "%s[0] = %s %s", nm->valuestring, va->valuestring,
			       cJSON_IsTrue(ok) ? MSG(lang, NA_VALID) : MSG(lang, NA_NOT_VALID));
	if (w > 0 && (size_t)w < n && cJSON_IsString(pf))
		w += snprintf(buf + w, n - (size_t)w, " -> PFN %s", pf->valuestring);
	if (w > 0 && (size_t)w < n && cJSON_IsString(ad))
		snprintf(buf + w, n - (size_t)w, MSG(lang, NA_AT), ad->valuestring);
}

/* The result of a command without micro-steps: one line per member,
 * a list of objects one line per element. */
static int draw_result(struct cellgrid *g, int y, int w, int rows, const struct player_rec *r, int lang)
{
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(r->json, "result");
	int row = 0;
	const cJSON *m;
	cJSON_ArrayForEach(m, res)
	{
		if (row >= rows)
			break;
		char b[512];
		if (cJSON_IsArray(m) && cJSON_GetArraySize(m) > 0 && cJSON_IsObject(m->child)) {
			grid_textf_at(g, y + row++, 0, ROLE_TEXT_HEADING, "%s:", m->string);
			bool levels = !strcmp(m->string, "levels");
			const cJSON *e;
			cJSON_ArrayForEach(e, m)
			{
				if (row >= rows)
					break;
				if (levels)
					render_level(e, b, sizeof b, lang);
				else
					render(e, b, sizeof b);
				grid_text_at(g, y + row++, 2, ROLE_TEXT_EVENT, b);
			}
			continue;
		}
		int x = grid_textf_at(g, y + row, 0, ROLE_TEXT_HEADING, "%s:", m->string ? m->string : "");
		render(m, b, sizeof b);
		int used = x + 1 < w ? text_block(g, y + row, x + 1, w - x - 1, rows - row, 0, ROLE_TEXT_EVENT, b) : 0;
		row += used > 0 ? used : 1;
	}
	return row;
}

/* One line of the list of micro-steps: an event, or a group of them
 * (docs/tui.md TUI-SUMMARY): collapsed, its summary; open, its summary as
 * a heading above its micro-steps, which are indented. */
struct step_line {
	uint64_t ev;		   /* the event, when g is NULL or open and !head */
	const struct stepgroup *g; /* the group it is or is in */
	bool head;		   /* g's summary line */
};

/* The last `rows` lines of record cur's list up to position k, oldest
 * first; returns how many.  Walks back from the cursor, so an open group
 * of 262,144 faults costs only the lines shown. */
static int step_lines(const struct tui_view *v, int cur, uint64_t k, struct step_line *out, int rows)
{
	const struct player_rec *r = player_rec(v->pl, cur);
	int n = 0;
	for (uint64_t t = k; t >= 2 && n < rows;) {
		const struct stepgroup *g = player_group_at(v->pl, cur, t);
		uint64_t lo = g ? player_group_lo(v->pl, cur, g) : 0;
		if (g && !g->open) { /* (t may be inside it after player_goto) */
			out[n++] = (struct step_line){0, g, true};
			t = lo;
			continue;
		}
		out[n++] = (struct step_line){r->ev_begin + t - 1, g, false};
		if (g && t == lo + 1 && n < rows)
			out[n++] = (struct step_line){0, g, true};
		t--;
	}
	for (int i = 0; i < n / 2; i++) {
		struct step_line x = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = x;
	}
	return n;
}

/* The header above the micro-steps: how far the command is. */
static int steps_header(struct tui_view *v, struct cellgrid *g, int y, const struct player_rec *r, int cur)
{
	uint64_t done, total;
	player_shown(v->pl, &done, &total);
	char hdr[160], a[32], b[32], c[32];
	if (r->ngroups) {
		const struct stepgroup *in = player_group_at(v->pl, cur, player_k(v->pl));
		const char *hint = !in ? "" : in->type == SG_GAP ? "" : in->open ? MSG(v->lang, NA_E_CLOSE)
										  : MSG(v->lang, NA_E_OPEN);
		snprintf(hdr, sizeof hdr, MSG(v->lang, NA_PART),
			 stepgroup_num(done, v->lang, a), stepgroup_num(total, v->lang, b),
			 stepgroup_num(r->ev_end - r->ev_begin - 1, v->lang, c), hint);
	} else {
		snprintf(hdr, sizeof hdr, MSG(v->lang, NA_MICRO), stepgroup_num(done, v->lang, a),
			 stepgroup_num(total, v->lang, b));
	}
	return grid_text_at(g, y, 0, ROLE_TEXT_DIM, hdr);
}

/* The micro-steps of record r up to the cursor, the newest at the bottom
 * when they do not all fit. */
static void draw_steps(struct tui_view *v, struct cellgrid *g, int y, int w, int rows, int cur)
{
	const struct player_rec *r = player_rec(v->pl, cur);
	uint64_t k = player_k(v->pl), len = player_rec_len(v->pl, cur);
	if (rows <= 0)
		return;
	if (!r->line) {
		return;
	}
	if (r->json && !r->ok) {
		const cJSON *e = cJSON_GetObjectItemCaseSensitive(r->json, "error");
		const cJSON *msg = cJSON_GetObjectItemCaseSensitive(e, "message");
		const cJSON *code = cJSON_GetObjectItemCaseSensitive(e, "code");
		char b[400];
		snprintf(b, sizeof b, MSG(v->lang, NA_ERROR), cJSON_IsString(msg) ? msg->valuestring : "?",
			 cJSON_IsString(code) ? code->valuestring : "?");
		text_block(g, y, 0, w, rows, 0, ROLE_TEXT_ERROR, b);
		return;
	}
	if (r->ev_end == r->ev_begin) {
		draw_result(g, y, w, rows, r, v->lang);
		return;
	}
	/* events ev_begin+1 .. ev_begin+k-1 are done (ev_begin is the opening "command") */
	int hw = steps_header(v, g, y, r, cur);
	if (k >= len && r->json) {
		const cJSON *res = cJSON_GetObjectItemCaseSensitive(r->json, "result");
		const cJSON *ex = cJSON_GetObjectItemCaseSensitive(res, "exception");
		const cJSON *val = cJSON_GetObjectItemCaseSensitive(res, "value");
		char b[160] = "";
		if (cJSON_IsString(ex))
			snprintf(b, sizeof b, "-> %s", ex->valuestring);
		else if (cJSON_IsString(val))
			snprintf(b, sizeof b, "-> %s", val->valuestring);
		else if (cJSON_IsNumber(val))
			snprintf(b, sizeof b, "-> %.0f", val->valuedouble);
		if (b[0])
			grid_text_at(g, y, hw + 2, cJSON_IsString(ex) ? ROLE_HL_FAULT : ROLE_TEXT_TITLE, b);
	}
	y++;
	rows--;
	if (k <= 1) {
		if (rows > 0)
			grid_text_at(g, y, 2, ROLE_TEXT_DIM,
				     MSG(v->lang, NA_ABOUT));
		return;
	}
	/* the current line last; a summary there is wrapped whole (at most
	 * half the rows), the lines above it are one row each */
	struct step_line lines[128];
	int cap = rows < 128 ? rows : 128;
	int n = step_lines(v, cur, k, lines, cap), hnow = 1;
	if (n && lines[n - 1].head) { /* room for it: all but the lines above it, of which half the rows at least */
		char b[480];
		int above = n - 1 < rows / 2 ? n - 1 : rows / 2;
		hnow = view_wrap(stepgroup_text(lines[n - 1].g, v->lang, b, sizeof b), w - 6, NULL, NULL);
		hnow = hnow < 1 ? 1 : hnow > rows - above ? (rows - above > 0 ? rows - above : 1) : hnow;
	}
	int want = rows - hnow + 1;
	n = step_lines(v, cur, k, lines, want < 1 ? 1 : want < 128 ? want : 128);
	const struct stepgroup *in = player_group_at(v->pl, cur, k);
	bool head_shown = false;
	for (int i = 0; i < n; i++)
		head_shown |= lines[i].head && lines[i].g == in;
	if (in && in->open && n > 2 && !head_shown) /* its heading stays in sight */
		lines[0] = (struct step_line){0, in, true};
	for (int i = 0; i < n; i++, y++) {
		char b[480];
		const struct step_line *l = &lines[i];
		if (l->head)
			stepgroup_text(l->g, v->lang, b, sizeof b);
		else
			mm_event_text(v->m, l->ev, v->lang, b, sizeof b);
		bool now = i == n - 1;
		int h = now ? hnow : 1;
		unsigned role = now ? ROLE_HL_CURRENT : l->head ? ROLE_TEXT_HEADING : ROLE_TEXT_EVENT;
		if (now)
			grid_fill(g, (struct grid_rect){y, 0, h, w}, ROLE_HL_CURRENT, ' ');
		grid_text_at(g, y, 0, role, now ? ">" : " ");
		if (l->head) {
			grid_text_at(g, y, 2, role, l->g->type == SG_GAP ? "[=]" : l->g->open ? "[-]" : "[+]");
			if (h > 1)
				text_block(g, y, 6, w - 6, h, 0, role, b);
			else
				grid_text_at(g, y, 6, role, b);
		} else {
			grid_text_at(g, y, l->g ? 6 : 2, role, b); /* a micro-step of an open group is indented */
		}
	}
}

static void narr_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	const struct scenario *sc = player_scenario(v->pl);
	int cur = player_cur(v->pl);
	const struct player_rec *rec = player_rec(v->pl, cur);
	char title[128];
	int step = player_step_at_cursor(v->pl);
	if (!sc)
		snprintf(title, sizeof title, player_nrecs(v->pl) == 1 ? MSG(v->lang, NA_FREE_TITLE_ONE) : MSG(v->lang, NA_FREE_TITLE), player_nrecs(v->pl));
	else if (rec && rec->step < 0)
		snprintf(title, sizeof title, MSG(v->lang, NA_TYPED), step + 1, sc->nsteps);
	else if (step >= 0)
		snprintf(title, sizeof title, MSG(v->lang, NA_STEP), step + 1, sc->nsteps);
	else
		snprintf(title, sizeof title, MSG(v->lang, NA_STEPS), sc->nsteps);
	struct grid_rect in = view_frame(g, r, title, focused);
	if (in.w < 4 || in.h < 1) {
		grid_pop_clip(g);
		return;
	}
	if (!rec) {
		draw_intro(v, g, in);
		grid_pop_clip(g);
		return;
	}
	bool done = player_k(v->pl) >= player_rec_len(v->pl, cur);
	bool wide = in.w >= 100;
	int lw = wide ? in.w * 45 / 100 : in.w;
	const char *say = say_of(v, rec);
	uint64_t k = player_k(v->pl);
	/* the question is put before the step plays: at its first position */
	const struct scn_ask *ask = sc && rec->step >= 0 && rec->step < sc->nsteps && k <= 1 &&
					    (cur == 0 || player_rec(v->pl, cur - 1)->step != rec->step)
					? sc->steps[rec->step].ask
					: NULL;
	/* what the step teaches after its question (docs/scenarios.md SCN-ASK
	 * `explain`) follows the narration once the step has played a
	 * micro-step or ended: held back while it is about to run */
	const struct scn_ask *asked = sc && rec->step >= 0 && rec->step < sc->nsteps ? sc->steps[rec->step].ask : NULL;
	const char *explain = asked && (done || k > 1) ? scn_text_get(&asked->explain, v->lang) : "";
	char both[2 * SCN_MAX_STRING + 2]; /* a say and an explain, each a JSON string at most */
	if (*explain) {
		snprintf(both, sizeof both, "%s%s%s", say, *say ? " " : "", explain);
		say = both;
	}
	int say_lines = view_wrap(say, lw, NULL, NULL);
	/* narrow: the words take most rows before the command plays, fewer
	 * while its micro-steps are shown */
	int say_max = wide ? in.h - 2 : k <= 1 ? in.h * 3 / 5 : in.h * 2 / 5;
	if (say_max < 2)
		say_max = 2;
	if (rec->line == NULL)
		say_max = in.h - (ask ? 2 : 0);
	if (v->narr.scroll > say_lines - say_max)
		v->narr.scroll = say_lines - say_max;
	if (v->narr.scroll < 0)
		v->narr.scroll = 0;
	int y = text_block(g, 0, 0, lw, say_max, v->narr.scroll, ROLE_TEXT_NARRATION, say);
	if (say_lines - v->narr.scroll > say_max && y > 0)
		grid_text_at(g, y - 1, lw - 1, ROLE_TEXT_KEY, "+");
	if (ask && y < in.h) {
		char q[600];
		snprintf(q, sizeof q, "? %s", scn_text_get(&ask->prompt, v->lang));
		y += text_block(g, y, 0, lw, 2, 0, ROLE_TEXT_KEY, q);
	}
	int sx = 0, sy = y, sw = in.w;
	if (wide) { /* the command and its steps on the right */
		sx = lw + 2;
		sw = in.w - sx;
		sy = 0;
		grid_vline(g, 0, lw + 1, in.h, ROLE_BORDER_NORMAL);
	}
	if (sy < in.h) {
		grid_push_clip(g, (struct grid_rect){sy, sx, in.h - sy, sw});
		int cy = draw_command(v, g, 0, sw, rec, done);
		draw_steps(v, g, cy, sw, in.h - sy - cy, cur);
		grid_pop_clip(g);
	}
	grid_pop_clip(g);
}

static int narr_key(struct tui_view *v, const struct draw_event *ev)
{
	if (ev->type != DRAW_EV_KEY)
		return 0;
	if (ev->key == DRAW_KEY_PGDN || ev->key == DRAW_KEY_DOWN) {
		v->narr.scroll += ev->key == DRAW_KEY_PGDN ? 4 : 1;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->key == DRAW_KEY_PGUP || ev->key == DRAW_KEY_UP) {
		v->narr.scroll -= ev->key == DRAW_KEY_PGUP ? 4 : 1;
		if (v->narr.scroll < 0)
			v->narr.scroll = 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	return 0;
}

const struct pane_class pane_narr_class = {
	.name = "narration",
	.draw = narr_draw,
	.key = narr_key,
	.min_w = 30,
	.min_h = 5,
};
