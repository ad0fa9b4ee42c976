/*
 * pane_narr.c — the narration and event pane: the scenario's words for the
 * step at the cursor (and its question, when it asks one), the command
 * with the tick or cross of its `expect`, then the command's micro-steps
 * in plain language up to the cursor, the current one highlighted, and,
 * once the command has ended, its output as --batch prints it
 * (pane_output.c); for a failed command its error.
 *
 * Wide panes (>= 100 columns) put the words on the left and the rest on
 * the right; narrow ones stack them, the words taking at most 60 % of the
 * rows before the command plays and 40 % while it plays (PgUp/PgDn scroll
 * them when the pane has focus) unless the pane holds them whole (N6).  At
 * 80x24 a step's pane is the whole width, as high as its words want, and
 * every rule below was set by looking at every shipped
 * scenario step there (tests/golden/screen/steps/, docs/tui.md TUI-NARR):
 *
 *   N1. Nothing is drawn over text: the command wraps at word boundaries
 *       (a hanging indent of 2), and the expect mark follows its last word
 *       or, when it does not fit there, takes a row of its own.
 *   N2. Words, the question and micro-steps wrap at word boundaries; a
 *       micro-step is shown whole or not at all (the newest at the bottom,
 *       older ones above it as long as they fit).
 *   N3. What does not fit is marked on the border, outside the text: ▼ on
 *       the right border (the divider in a wide pane) at the last row of
 *       words when more follow, ▲ at the first when some are scrolled
 *       away; output keeps the rules O1-O2 of pane_output.c, and when any
 *       of it is not on screen the bottom border says "O: all output"
 *       (and the key line offers O).
 *   N4. Without words (free play, a typed command, a step that says
 *       nothing) the command, its micro-steps and its output take the
 *       whole pane, in a wide pane too (issue 12 item 6).
 *   N5. Once a command has ended, its output takes the rows its
 *       micro-steps leave: they are what the animation is about, and O
 *       shows the output whole.
 *   N6. The words are whole whenever the pane holds them, the question
 *       and NARR_KEEP rows of the command below them (or at least its
 *       first row and its header; a step that has ended and explains
 *       its question gives up the question's rows first); pane_narr_want
 *       tells the layout that many rows, and at 80x24 it gives them
 *       (tui/layout.h L3), so every shipped step's words are read whole
 *       there.  Only a pane too small for them falls back to the shares
 *       above (60 % / 40 %) and the marks of N3.
 *
 * Nothing here keeps a buffer the size of a scenario string: the words and
 * the explanation after a question are wrapped one after the other, in
 * place, and a micro-step's text is made again for each of the two passes
 * (measure, draw) in a buffer of one line.
 */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ask.h"
#include "jmatch.h"
#include "pane.h"
#include "scenario.h"
#include "msg.h"

/* ---- wrapped text -------------------------------------------------------- */

struct wrapctx {
	struct cellgrid *g;
	int y0, x, rows, skip;
	unsigned role;
	int last_w; /* columns of the last line drawn */
};

static void put_line(void *ud, int line, const char *s, int len)
{
	struct wrapctx *c = ud;
	int row = line - c->skip;
	if (row >= 0 && row < c->rows)
		c->last_w = grid_textn_at(c->g, c->y0 + row, c->x, c->role, s, (size_t)len);
}

/* Wrapped text in rows [y, y+rows) from line skip; returns rows used. */
static int text_block(struct cellgrid *g, int y, int x, int w, int rows, int skip, unsigned role, const char *s)
{
	struct wrapctx c = {g, y, x, rows, skip, role, 0};
	int n = view_wrap(s, w, put_line, &c) - skip;
	return n < 0 ? 0 : n > rows ? rows : n;
}

static int wrap_lines(const char *s, int w)
{
	return *s ? view_wrap(s, w, NULL, NULL) : 0;
}

/* ---- one frame of the pane ----------------------------------------------- */

/* What a frame draws on the borders after the inside (N3, O1-O2): inside
 * coordinates, the border column for the words' marks. */
struct narr_frame {
	struct tui_view *v;
	struct cellgrid *g;
	struct grid_rect pane, in;
	int cur;
	const struct player_rec *rec;
	uint64_t k;
	bool done;
	/* the words' marks */
	int mark_x;	  /* pane column: the right border, or the divider */
	int up_row, down_row; /* inside rows, -1 none */
	/* the output's rows, for its marks */
	const char *out;
	int out_y, out_rows, out_w, out_top, out_total;
};

static const char *typed_say(const struct player_rec *r)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r->json, "result"), "text");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(r->json, "cmd");
	if (r->step < 0 && r->json && r->ok && r->line && cJSON_IsString(t) && cJSON_IsString(c) &&
	    !strncasecmp(c->valuestring, "say", 3))
		return t->valuestring;
	return NULL;
}

static const char *say_of(const struct tui_view *v, const struct player_rec *r)
{
	const struct scenario *sc = player_scenario(v->pl);
	if (r->step >= 0 && sc && r->step < sc->nsteps)
		return scn_text_get(&sc->steps[r->step].say, v->lang);
	const char *t = typed_say(r);
	return t ? t : "";
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

/* ---- the words (N2, N3) --------------------------------------------------- */

/* The step's words, the question's prompt when it still shows beside its
 * explanation (a command without micro-steps ends at once: the question
 * comes before its answer, N6), and the explanation: paragraphs wrapped
 * one after the other from line skip. prompt may be "". */
static int draw_words(struct cellgrid *g, int w, int rows, int skip, const char *say, const char *prompt,
		      const char *explain)
{
	int nsay = wrap_lines(say, w), nprompt = *prompt ? wrap_lines(prompt, w - 2) : 0;
	int y = text_block(g, 0, 0, w, rows, skip, ROLE_TEXT_NARRATION, say);
	int pskip = skip > nsay ? skip - nsay : 0;
	if (*prompt && y < rows) {
		if (!pskip)
			grid_text_at(g, y, 0, ROLE_TEXT_KEY, "?");
		y += text_block(g, y, 2, w - 2, rows - y, pskip, ROLE_TEXT_KEY, prompt);
	}
	if (*explain && y < rows)
		y += text_block(g, y, 0, w, rows - y, skip > nsay + nprompt ? skip - nsay - nprompt : 0,
				ROLE_TEXT_NARRATION, explain);
	return y;
}

/* ---- the command and its expect mark (N1) -------------------------------- */

static int draw_command(struct narr_frame *f, int w, int rows)
{
	const struct player_rec *r = f->rec;
	struct cellgrid *g = f->g;
	if (!r->line || rows <= 0 || w < 4)
		return 0;
	grid_text_at(g, 0, 0, ROLE_TEXT_KEY, ">");
	int cap = rows > 2 ? rows - 2 : 1; /* room below for the steps */
	struct wrapctx c = {g, 0, 2, cap, 0, ROLE_TEXT_KEY | GRID_BOLD, 0};
	int n = view_wrap(r->line, w - 2, put_line, &c);
	int y = n < 1 ? 1 : n > cap ? cap : n;
	if (r->expect == PLAYER_EXPECT_NONE || !f->done)
		return y;
	bool ok = r->expect == PLAYER_EXPECT_OK;
	unsigned role = ok ? ROLE_HL_EXPECT_OK : ROLE_HL_EXPECT_FAIL;
	int mw = 2 + grid_text_width("expect"), mx = 2 + c.last_w + 2, my = y - 1;
	if (mx + mw > w) { /* a row of its own rather than over the command */
		mx = 2;
		my = y++;
	}
	if (my < rows) {
		grid_put(g, my, mx, role, GRID_GLYPH);
		grid_text_at(g, my, mx + 2, role, "expect");
	}
	if (!ok && r->why[0] && y < rows)
		y += text_block(g, y, 2, w - 2, rows - y > 3 ? 3 : rows - y, 0, ROLE_TEXT_ERROR, r->why);
	return y;
}

/* ---- the micro-steps (N2) ------------------------------------------------- */

/* One line of the list of micro-steps: an event, or a group of them
 * (docs/tui.md TUI-SUMMARY): collapsed, its summary; open, its summary as
 * a heading above its micro-steps, which are indented. */
struct step_line {
	uint64_t ev;		   /* the event, when g is NULL or open and !head */
	const struct stepgroup *g; /* the group it is or is in */
	bool head;		   /* g's summary line */
	bool brief;		   /* ... only what it sums up, without the counts after ": " */
};

#define NARR_KEEP 4 /* rows wanted for the command and its steps below whole words (N6); 2 at least */
#define NARR_MAX_STEPS 128 /* step lines looked at: more never fit a pane */

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
			out[n++] = (struct step_line){0, g, true, false};
			t = lo;
			continue;
		}
		out[n++] = (struct step_line){r->ev_begin + t - 1, g, false, false};
		if (g && t == lo + 1 && n < rows)
			out[n++] = (struct step_line){0, g, true, false};
		t--;
	}
	for (int i = 0; i < n / 2; i++) {
		struct step_line x = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = x;
	}
	return n;
}

/* A step line's text, its column, and its rows at width w. */
static const char *step_text(const struct tui_view *v, const struct step_line *l, char *b, size_t n)
{
	if (!l->head)
		return mm_event_text(v->m, l->ev, v->lang, b, n);
	stepgroup_text(l->g, v->lang, b, n);
	char *c = l->brief ? strstr(b, ": ") : NULL;
	if (c)
		*c = '\0';
	return b;
}

static int step_indent(const struct step_line *l)
{
	return l->head || l->g ? 6 : 2; /* a summary's [+], or a micro-step of an open group */
}

static int step_rows(const struct tui_view *v, const struct step_line *l, int w)
{
	char b[480];
	int n = wrap_lines(step_text(v, l, b, sizeof b), w - step_indent(l));
	return n < 1 ? 1 : n;
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

/* The command's value or exception after the header, once it has ended. */
static void steps_value(struct cellgrid *g, int y, int x, const struct player_rec *r)
{
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
		grid_text_at(g, y, x, cJSON_IsString(ex) ? ROLE_HL_FAULT : ROLE_TEXT_TITLE, b);
}

/* Of lines[0..n) (oldest first), how many of the newest fit `rows` at
 * width w (at least the newest); *used gets their rows. */
static int steps_fit(const struct tui_view *v, const struct step_line *lines, int n, int w, int rows, int *used)
{
	int shown = 0, sum = 0;
	for (int i = n - 1; i >= 0; i--) {
		int h = step_rows(v, &lines[i], w);
		if (shown > 0 && sum + h > rows)
			break;
		sum += h;
		shown++;
	}
	*used = sum > rows ? rows : sum;
	return shown;
}

/* The rows the step list wants at the cursor (up to rows). */
static int steps_need(struct tui_view *v, int w, int rows)
{
	struct step_line lines[NARR_MAX_STEPS];
	int n = step_lines(v, player_cur(v->pl), player_k(v->pl), lines, rows < NARR_MAX_STEPS ? rows : NARR_MAX_STEPS);
	int used;
	steps_fit(v, lines, n, w, rows, &used);
	return used;
}

/* The micro-steps up to the cursor in rows [y, y+rows), the newest at the
 * bottom when they do not all fit. */
static int draw_step_list(struct tui_view *v, struct cellgrid *g, int y, int w, int rows, int cur, uint64_t k)
{
	int y0 = y;
	struct step_line lines[NARR_MAX_STEPS];
	int n = step_lines(v, cur, k, lines, rows < NARR_MAX_STEPS ? rows : NARR_MAX_STEPS), used;
	int shown = steps_fit(v, lines, n, w, rows, &used);
	const struct step_line *l = lines + n - shown;
	/* an open group's heading stays in sight: it replaces the oldest
	 * lines, in brief (what the group sums up) when it does not fit whole */
	const struct stepgroup *in = player_group_at(v->pl, cur, k);
	bool head_shown = false;
	for (int i = 0; i < shown; i++)
		head_shown |= l[i].head && l[i].g == in;
	struct step_line head = {0, in, true, false};
	int hh = in && in->open && !head_shown ? step_rows(v, &head, w) : 0;
	if (hh && step_rows(v, &l[shown - 1], w) + hh > rows) { /* not beside the current line */
		head.brief = true;
		hh = step_rows(v, &head, w);
	}
	while (hh && shown > 1 && used + hh > rows) {
		used -= step_rows(v, l, w);
		l++;
		shown--;
	}
	if (used + hh > rows) /* the current line alone fills the rows */
		hh = 0;
	for (int i = hh ? -1 : 0; i < shown; i++) {
		const struct step_line *s = i < 0 ? &head : &l[i];
		char b[480];
		const char *t = step_text(v, s, b, sizeof b);
		bool now = i == shown - 1;
		int ind = step_indent(s), h = step_rows(v, s, w);
		h = h > rows ? rows : h;
		unsigned role = now ? ROLE_HL_CURRENT : s->head ? ROLE_TEXT_HEADING : ROLE_TEXT_EVENT;
		if (now)
			grid_fill(g, (struct grid_rect){y, 0, h, w}, ROLE_HL_CURRENT, ' ');
		grid_text_at(g, y, 0, role, now ? ">" : " ");
		if (s->head)
			grid_text_at(g, y, 2, role, s->g->type == SG_GAP ? "[=]" : s->g->open ? "[-]" : "[+]");
		y += text_block(g, y, ind, w - ind, h, 0, role, t);
	}
	return y - y0;
}

/* ---- the output (pane_output.c, N3, N5) ----------------------------------- */

static int draw_output(struct narr_frame *f, int y, int w, int rows, const char *text)
{
	struct narr_view *n = &f->v->narr;
	int total = output_lines(text);
	int maxtop = total - rows > 0 ? total - rows : 0;
	n->out_top = n->out_top > maxtop ? maxtop : n->out_top < 0 ? 0 : n->out_top;
	n->out_total = total;
	n->out_rows = rows;
	n->out_hidden = total > rows || output_width(text) > w;
	output_draw(f->g, (struct grid_rect){y, 0, rows, w}, ROLE_TEXT_NORMAL, text, n->out_top, 0);
	f->out = text;
	f->out_y = y;
	f->out_rows = rows;
	f->out_w = w;
	f->out_top = n->out_top;
	f->out_total = total;
	return total - n->out_top < rows ? total - n->out_top : rows;
}

/* A failed command's error (O3: prose, wrapped). */
static int draw_error(struct narr_frame *f, int y, int w, int rows, const char *text)
{
	int n = wrap_lines(text, w);
	f->v->narr.out_hidden = f->v->narr.out_main = n > rows;
	return text_block(f->g, y, 0, w, rows, 0, ROLE_TEXT_ERROR, text);
}

/* Below the command: its micro-steps and (ended) output, or its output
 * alone, or its error.  Inside the clip of the command's column; returns
 * the rows used. */
static int draw_body(struct narr_frame *f, int y, int w, int rows)
{
	struct tui_view *v = f->v;
	const struct player_rec *r = f->rec;
	if (rows <= 0 || !r->line)
		return 0;
	const char *text = r->text && !typed_say(r) ? r->text : "";
	if (r->json && !r->ok)
		return draw_error(f, y, w, rows, text);
	if (r->ev_end == r->ev_begin) { /* inspection, session: the output alone */
		int used = *text ? draw_output(f, y, w, rows, text) : 0;
		v->narr.out_main = v->narr.out_hidden;
		return used;
	}
	int hw = steps_header(v, f->g, y, r, f->cur);
	if (f->done && r->json)
		steps_value(f->g, y, hw + 2, r);
	if (rows == 1)
		return 1;
	if (f->k <= 1)
		return 1 + text_block(f->g, y + 1, 2, w - 2, rows - 1, 0, ROLE_TEXT_DIM,
				      v->lang ? "(bereit: n zeigt den ersten Mikroschritt)"
					      : "(about to run: n shows the first micro-step)");
	y++;
	rows--;
	int out = f->done ? output_lines(text) : 0;
	int srows = out > 0 ? steps_need(v, w, rows) : rows; /* N5 */
	if (out > 0 && rows - srows < (out < 2 ? out : 2)) /* a line or two of it, or none */
		srows = rows;
	int used = draw_step_list(v, f->g, y, w, srows, f->cur, f->k);
	if (out > 0 && rows - srows > 0)
		used = srows + draw_output(f, y + srows, w, rows - srows, text);
	else if (out > 0)
		v->narr.out_hidden = true;
	return 1 + used;
}

/* The rows the command and what follows it want at width w, at most
 * rows: drawn under an empty clip, so nothing shows, and the pane's state
 * as it was. */
static int body_want(const struct narr_frame *f, int w, int rows)
{
	struct narr_frame m = *f;
	struct narr_view keep = f->v->narr;
	grid_push_clip(f->g, (struct grid_rect){0, 0, 0, 0});
	int cy = draw_command(&m, w, rows);
	int used = cy + draw_body(&m, cy, w, rows - cy);
	grid_pop_clip(f->g);
	f->v->narr = keep;
	return used;
}

/* ---- the pane ------------------------------------------------------------- */

static void narr_title(const struct tui_view *v, const struct player_rec *rec, char *b, size_t n)
{
	const struct scenario *sc = player_scenario(v->pl);
	int step = player_step_at_cursor(v->pl);
	int nrecs = player_nrecs(v->pl);
	if (!sc && v->lang)
		snprintf(b, n, "Freies Spiel: %d Befehl%s", nrecs, nrecs == 1 ? "" : "e");
	else if (!sc)
		snprintf(b, n, "Free play: %d command%s", nrecs, nrecs == 1 ? "" : "s");
	else if (rec && rec->step < 0)
		snprintf(b, n, v->lang ? "Getippter Befehl (nach Schritt %d/%d)" : "Typed command (after step %d/%d)", step + 1,
			 sc->nsteps);
	else if (step >= 0)
		snprintf(b, n, v->lang ? "Schritt %d/%d" : "Step %d/%d", step + 1, sc->nsteps);
	else
		snprintf(b, n, v->lang ? "%d Schritte" : "%d steps", sc->nsteps);
}

/* The question, before the step plays (at its first position). */
static const struct scn_ask *ask_now(const struct tui_view *v, const struct player_rec *rec, int cur, uint64_t k)
{
	const struct scenario *sc = player_scenario(v->pl);
	if (!sc || rec->step < 0 || rec->step >= sc->nsteps || k > 1)
		return NULL;
	if (cur > 0 && player_rec(v->pl, cur - 1)->step == rec->step)
		return NULL;
	return sc->steps[rec->step].ask;
}

/* What the step teaches after its question (docs/scenarios.md SCN-ASK
 * `explain`): shown once the step has played a micro-step or ended, held
 * back while it is about to run. */
static const char *explain_of(const struct narr_frame *f)
{
	const struct scenario *sc = player_scenario(f->v->pl);
	const struct player_rec *rec = f->rec;
	const struct scn_ask *asked = sc && rec->step >= 0 && rec->step < sc->nsteps ? sc->steps[rec->step].ask : NULL;
	return asked && (f->done || f->k > 1) ? scn_text_get(&asked->explain, f->v->lang) : "";
}

/* The words' rows (N3): at most say_max, scrolled; returns rows used and
 * notes the marks. */
static int words_block(struct narr_frame *f, int lw, int say_max, const char *say, const char *prompt,
		       const char *explain)
{
	struct narr_view *n = &f->v->narr;
	int lines = wrap_lines(say, lw) + (*prompt ? wrap_lines(prompt, lw - 2) : 0) + wrap_lines(explain, lw);
	if (n->scroll > lines - say_max)
		n->scroll = lines - say_max;
	if (n->scroll < 0)
		n->scroll = 0;
	int y = draw_words(f->g, lw, say_max, n->scroll, say, prompt, explain);
	n->words_more = lines > say_max;
	f->up_row = n->scroll > 0 && y > 0 ? 0 : -1;
	f->down_row = lines - n->scroll > say_max && y > 0 ? y - 1 : -1;
	return y;
}

/* The marks on the borders (N3, O1-O2), outside the inside's clip. */
static void draw_marks(struct narr_frame *f)
{
	struct cellgrid *g = f->g;
	if (f->up_row >= 0)
		grid_put(g, 1 + f->up_row, f->mark_x, ROLE_TEXT_KEY, 0x25B2);
	if (f->down_row >= 0)
		grid_put(g, 1 + f->down_row, f->mark_x, ROLE_TEXT_KEY, 0x25BC);
	if (f->out)
		output_marks(g, 1 + f->out_y, f->pane.w - 1, f->out_rows, f->out_w, f->out, f->out_top, 0);
	if (!f->v->narr.out_hidden)
		return;
	/* on the bottom border: which lines are shown, and the way to all */
	char t[128], where[64] = "";
	int shown = f->out_total - f->out_top < f->out_rows ? f->out_total - f->out_top : f->out_rows;
	if (f->out && f->out_total > f->out_rows)
		output_where(f->v, f->out_top, shown, f->out_total, where, sizeof where);
	const char *all = f->v->lang ? "O: ganze Ausgabe" : "O: all output";
	snprintf(t, sizeof t, where[0] ? " %s, %s " : "%s %s ", where, all);
	if (grid_text_width(t) + 4 > f->pane.w)
		snprintf(t, sizeof t, " %s ", all);
	int tw = grid_text_width(t);
	if (f->pane.w >= tw + 4)
		grid_text_at(g, f->pane.h - 1, f->pane.w - 2 - tw, ROLE_TEXT_KEY, t);
}

/* The question's prompt, "? " before it; returns rows used. */
static int draw_ask(struct cellgrid *g, int y, int w, int rows, const struct tui_view *v, const struct scn_ask *ask)
{
	if (!ask || rows <= 0)
		return 0;
	grid_text_at(g, y, 0, ROLE_TEXT_KEY, "?");
	return text_block(g, y, 2, w - 2, rows, 0, ROLE_TEXT_KEY, scn_text_get(&ask->prompt, v->lang));
}

/* The rows the words may take (N3, N4): narrow, most of them before the
 * command plays, fewer while its micro-steps or its output are shown,
 * and any the command and what follows it leave. */
static int words_max(const struct narr_frame *f, bool wide, int lw, int nwords, int nask)
{
	int h = f->in.h;
	if (!f->rec->line)
		return h - nask;
	if (wide)
		return h - 2;
	bool before = f->k <= 1 && f->rec->ev_end > f->rec->ev_begin;
	int max = before ? h * 3 / 5 : h * 2 / 5;
	if (max < 3)
		max = h < 3 ? h : 3;
	for (int k = NARR_KEEP; k >= 2; k -= 2) { /* the words whole (N6) */
		int keep = body_want(f, lw, h < k ? h : k);
		if (nwords + nask + keep <= h)
			return nwords;
	}
	int words = nwords < max ? nwords : max;
	int used = body_want(f, lw, h - words - nask);
	return h - used - nask > max ? h - used - nask : max;
}

/* N6: the rows the pane wants for the words whole, with its border: the
 * words, the question, and NARR_KEEP rows of the command and its steps;
 * 0 when the step has no words. */
int pane_narr_want(struct tui_view *v, struct cellgrid *g, int w)
{
	int cur = player_cur(v->pl);
	const struct player_rec *rec = player_rec(v->pl, cur);
	int iw = w - 2;
	if (!rec || iw < 4)
		return 0;
	if (ask_open(v)) /* the question's pane in its place, its border and texts (ask.c) */
		return 2 + ask_rows(v, iw);
	uint64_t k = player_k(v->pl);
	struct narr_frame f = {.v = v, .g = g, .pane = {0, 0, 0, w}, .in = {0, 0, 0, iw}, .cur = cur, .rec = rec,
			       .k = k, .done = k >= player_rec_len(v->pl, cur), .up_row = -1, .down_row = -1};
	const char *say = say_of(v, rec), *explain = explain_of(&f);
	const struct scn_ask *ask = ask_now(v, rec, cur, k);
	if (!*say && !*explain && !ask)
		return 0;
	bool wide = iw >= 100;
	int lw = wide ? iw * 45 / 100 : iw;
	int nask = ask ? wrap_lines(scn_text_get(&ask->prompt, v->lang), lw - 2) : 0;
	int words = wrap_lines(say, lw) + wrap_lines(explain, lw) + nask;
	int keep = rec->line ? body_want(&f, wide ? iw - lw - 2 : lw, NARR_KEEP) : 0;
	return 2 + (wide ? (words > keep ? words : keep) : words + keep);
}

static void narr_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	int cur = player_cur(v->pl);
	const struct player_rec *rec = player_rec(v->pl, cur);
	char title[128];
	narr_title(v, rec, title, sizeof title);
	struct grid_rect in = view_frame(g, r, title, focused);
	v->narr.title_end = 1 + grid_text_width(title) + (focused ? 4 : 2); /* (view_frame's "[ %s ]" or " %s ") */
	v->narr.out_hidden = v->narr.out_main = v->narr.words_more = false;
	v->narr.out_total = v->narr.out_rows = 0;
	if (in.w < 4 || in.h < 1 || !rec) {
		if (in.w >= 4 && in.h >= 1)
			draw_intro(v, g, in);
		grid_pop_clip(g);
		return;
	}
	if (cur != v->narr.out_cur || player_generation(v->pl) != v->narr.out_gen) { /* another command's output */
		v->narr.out_cur = cur;
		v->narr.out_gen = player_generation(v->pl);
		v->narr.out_top = 0;
	}
	uint64_t k = player_k(v->pl);
	struct narr_frame f = {.v = v, .g = g, .pane = r, .in = in, .cur = cur, .rec = rec, .k = k,
			       .done = k >= player_rec_len(v->pl, cur), .up_row = -1, .down_row = -1};
	const char *say = say_of(v, rec), *explain = explain_of(&f);
	const struct scn_ask *ask = ask_now(v, rec, cur, k);
	bool wide = in.w >= 100 && (*say || *explain || ask); /* N4 */
	int lw = wide ? in.w * 45 / 100 : in.w;
	int nask = ask ? wrap_lines(scn_text_get(&ask->prompt, v->lang), lw - 2) : 0;
	nask = nask > in.h / 3 ? (in.h / 3 > 1 ? in.h / 3 : 1) : nask;
	int nwords = wrap_lines(say, lw) + wrap_lines(explain, lw);
	if (ask && *explain && !wide && nwords + nask + 2 > in.h) /* N6: the answer in the question's place */
		ask = NULL, nask = 0;
	f.mark_x = wide ? 1 + lw + 1 : r.w - 1;
	/* the question beside its explanation: before it, among the words */
	const char *prompt = ask && *explain ? scn_text_get(&ask->prompt, v->lang) : "";
	if (*prompt) {
		nwords += wrap_lines(prompt, lw - 2);
		ask = NULL, nask = 0;
	}
	int y = words_block(&f, lw, words_max(&f, wide, lw, nwords, nask), say, prompt, explain);
	y += draw_ask(g, y, lw, nask, v, ask);
	int sx = 0, sy = y, sw = in.w;
	if (wide) { /* the command and its steps on the right */
		sx = lw + 2;
		sw = in.w - sx;
		sy = 0;
		grid_vline(g, 0, lw + 1, in.h, ROLE_BORDER_NORMAL);
	}
	if (sy < in.h) {
		grid_push_clip(g, (struct grid_rect){sy, sx, in.h - sy, sw});
		int cy = draw_command(&f, sw, in.h - sy);
		draw_body(&f, cy, sw, in.h - sy - cy);
		grid_pop_clip(g);
		f.out_y += sy;
	}
	grid_pop_clip(g);
	draw_marks(&f);
}

static int narr_key(struct tui_view *v, const struct draw_event *ev)
{
	if (ev->type != DRAW_EV_KEY)
		return 0;
	/* PgDn and PgUp come here in free play only: with a scenario they
	 * move a scenario step (ACT_NEXT_STEP) */
	int d = ev->key == DRAW_KEY_PGDN ? 4 : ev->key == DRAW_KEY_DOWN ? 1 : ev->key == DRAW_KEY_PGUP ? -4
		: ev->key == DRAW_KEY_UP ? -1 : 0;
	if (!d)
		return 0;
	/* the words when they do not fit, else the output below (N3) */
	int *at = !v->narr.words_more && v->narr.out_total > v->narr.out_rows ? &v->narr.out_top : &v->narr.scroll;
	*at += d;
	if (*at < 0)
		*at = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

const struct pane_class pane_narr_class = {
	.name = "narration",
	.draw = narr_draw,
	.key = narr_key,
	.min_w = 30,
	.min_h = 5,
};
