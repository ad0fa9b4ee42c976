/*
 * pane_output.c — a command's output on screen (docs/tui.md TUI-OUTPUT):
 * the text --batch prints for it, made by the core's one printer
 * (session_text) when the command ran and kept with its record; drawn
 * here line for line, never re-flowed, so WinDbg's tables keep their
 * columns.  Two views draw it: the narration pane, below the command and
 * its micro-steps, and the output screen (key O), which has the whole
 * width and pages through any length.
 *
 * The rules of the drawing (O1-O3; tests/unit/35_panes.c checks them):
 *   O1. A line is cut at the right edge, never wrapped, and a cut line is
 *       marked on the border beside it (→), outside the text, so the mark
 *       cannot be read as part of it.
 *   O2. When not every line is shown, the view says which are: "lines
 *       a-b of n" (the narration pane on its bottom border, the output
 *       screen above the text).
 *   O3. A failed command's error is prose, not a table: it is wrapped at
 *       word boundaries instead (the narration pane draws it so).
 */
#include <stdio.h>
#include <string.h>

#include "pane.h"

/* ---- the text, line by line --------------------------------------------- */

const char *output_text(const struct tui_view *v, const struct player_rec **recp)
{
	int cur = player_cur(v->pl);
	const struct player_rec *r = player_rec(v->pl, cur);
	if (recp)
		*recp = r;
	if (!r || !r->text)
		return NULL;
	/* a command that changes the machine has printed nothing until its
	 * last position: the output is what it printed when it ended */
	if (r->ev_end > r->ev_begin && player_k(v->pl) < player_rec_len(v->pl, cur))
		return NULL;
	return r->text;
}

/* Line i of text (from 0): its start, and its length in bytes without the
 * newline; NULL past the last line. */
static const char *line_at(const char *text, int i, size_t *len)
{
	const char *p = text;
	for (; i > 0 && p; i--) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p || !*p)
		return NULL;
	const char *e = strchr(p, '\n');
	*len = e ? (size_t)(e - p) : strlen(p);
	return p;
}

/* The line after the one at s of length len, or NULL. */
static const char *line_next(const char *s, size_t *len)
{
	return s[*len] ? line_at(s + *len + 1, 0, len) : NULL;
}

int output_lines(const char *text)
{
	int n = 0;
	const char *p = text;
	if (!p)
		return 0;
	for (; *p; p++)
		n += *p == '\n';
	if (p > text && p[-1] != '\n') /* an unterminated last line */
		n++;
	return n;
}

/* Columns of s[0..len), trailing blanks left out (a line padded with
 * spaces is not cut by its padding). */
static int line_width(const char *s, size_t len)
{
	int w = 0, upto = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += grid_utf8_decode(s + i, len - i, &cp);
		int cw = grid_cp_width(cp);
		w += cw < 0 ? 1 : cw;
		if (cp != ' ')
			upto = w;
	}
	return upto;
}

int output_width(const char *text)
{
	int widest = 0;
	size_t len;
	const char *s;
	for (s = line_at(text, 0, &len); s; s = line_next(s, &len)) {
		int w = line_width(s, len);
		widest = w > widest ? w : widest;
	}
	return widest;
}

/* Columns [left, left + w) of one line at (y, x). */
static void draw_line(struct cellgrid *g, int y, int x, int w, int left, unsigned role, const char *s, size_t len)
{
	int col = 0;
	for (size_t i = 0; i < len && col < left + w;) {
		uint32_t cp;
		i += grid_utf8_decode(s + i, len - i, &cp);
		int cw = grid_cp_width(cp);
		cw = cw < 0 ? 1 : cw;
		if (col >= left && col + cw <= left + w)
			grid_put(g, y, x + col - left, role, cp);
		col += cw;
	}
}

void output_draw(struct cellgrid *g, struct grid_rect r, unsigned role, const char *text, int top, int left)
{
	size_t len;
	const char *s = line_at(text, top, &len);
	for (int row = 0; row < r.h && s; row++) {
		draw_line(g, r.y + row, r.x, r.w, left, role, s, len);
		s = line_next(s, &len);
	}
}

void output_marks(struct cellgrid *g, int y, int x, int rows, int w, const char *text, int top, int left)
{
	size_t len;
	const char *s = line_at(text, top, &len);
	for (int row = 0; row < rows && s; row++) {
		if (line_width(s, len) > left + w) /* O1 */
			grid_put(g, y + row, x, ROLE_TEXT_KEY, 0x2192);
		s = line_next(s, &len);
	}
}

void output_where(const struct tui_view *v, int top, int shown, int total, char *b, size_t n)
{
	snprintf(b, n, v->lang ? "Zeilen %d-%d von %d" : "lines %d-%d of %d", top + 1, top + shown, total);
}

/* ---- the output screen (key O) ----------------------------------------- */

static void out_title(const struct tui_view *v, const struct player_rec *r, char *b, size_t n)
{
	if (r && r->line)
		snprintf(b, n, v->lang ? "Ausgabe von > %s" : "Output of > %s", r->line);
	else
		snprintf(b, n, v->lang ? "Ausgabe" : "Output");
}

/* Why there is nothing to show at the cursor. */
static const char *out_none(const struct tui_view *v, const struct player_rec *r)
{
	if (!r)
		return v->lang ? "Noch kein Befehl: tippen Sie : und einen Befehl, z. B. help."
			       : "No command yet: type : and a command, e.g. help.";
	if (!r->line)
		return v->lang ? "Dieser Schritt führt keinen Befehl aus." : "This step runs no command.";
	if (r->text && !r->text[0])
		return v->lang ? "Der Befehl gibt nichts aus." : "The command prints nothing.";
	return v->lang ? "Der Befehl läuft noch: seine Ausgabe steht an seinem Ende (N springt dorthin)."
		       : "The command is still running: its output is there at its end (N goes there).";
}

static void out_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	const struct player_rec *rec;
	const char *text = output_text(v, &rec);
	char title[160];
	out_title(v, rec, title, sizeof title);
	struct grid_rect in = screen_frame(v, g, r, title);
	if (!text || !*text) {
		v->scr.total = v->scr.rows = 0;
		grid_text_at(g, 0, 0, ROLE_TEXT_DIM, out_none(v, rec));
		grid_pop_clip(g);
		return;
	}
	int total = output_lines(text), widest = output_width(text);
	struct screen_view *s = &v->scr;
	if (s->at_rec != player_cur(v->pl) || s->at_gen != player_generation(v->pl)) {
		s->at_rec = player_cur(v->pl);
		s->at_gen = player_generation(v->pl);
		s->top = s->left = 0;
	}
	int maxleft = widest - in.w > 0 ? widest - in.w : 0;
	s->left = s->left > maxleft ? maxleft : s->left < 0 ? 0 : s->left;
	/* row 0: where the view is; the text below it */
	char where[96];
	int shown, top = screen_list(v, g, in, 1, total, &shown);
	output_where(v, top, shown, total, where, sizeof where);
	int n = (int)strlen(where);
	if (maxleft > 0)
		snprintf(where + n, sizeof where - (size_t)n, v->lang ? ", Spalten %d-%d von %d" : ", columns %d-%d of %d",
			 s->left + 1, s->left + in.w < widest ? s->left + in.w : widest, widest);
	grid_fill(g, (struct grid_rect){0, 0, 1, in.w}, ROLE_TEXT_NORMAL, ' '); /* screen_list's own "a-b of n" gives way */
	int x = grid_text_at(g, 0, 0, ROLE_TEXT_DIM, where);
	const char *keys = v->lang ? "Auf/Ab Bild auf/ab: blättern  < >: seitwärts" : "Up/Down PgUp/PgDn: page  < >: sideways";
	if (x + 2 + grid_text_width(keys) <= in.w)
		grid_text_at(g, 0, x + 2, ROLE_TEXT_KEY, keys);
	output_draw(g, (struct grid_rect){1, 0, shown, in.w}, rec->ok ? ROLE_TEXT_NORMAL : ROLE_TEXT_ERROR, text, top, s->left);
	grid_pop_clip(g);
	/* the marks on the right border (O1, O2) */
	output_marks(g, r.y + 2, r.x + r.w - 1, shown, in.w, text, top, s->left);
}

static int out_key(struct tui_view *v, const struct draw_event *ev)
{
	if (ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_CHAR && (ev->cp == '<' || ev->cp == '>')) {
		v->scr.left += ev->cp == '>' ? 8 : -8; /* clamped when drawn */
		if (v->scr.left < 0)
			v->scr.left = 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	return screen_key(v, ev);
}

const struct pane_class pane_output_class = {
	.name = "output",
	.draw = out_draw,
	.key = out_key,
	.min_w = 20,
	.min_h = 4,
};
