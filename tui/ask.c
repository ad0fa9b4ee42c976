/*
 * ask.c — predict, then see (docs/tui.md TUI-ASK): the question of a
 * scenario step, put before the step plays, and the answer line.
 *
 * Design.  The player holds the state (player.h Questions: which step's
 * question is open, the tries, each step's outcome, the score) and judges
 * answers by the one answer rule (answer.h); this file only shows and
 * reads.  While a question is open the narration pane gives way to the
 * question pane: the prompt, which stands alone, the choices of a
 * multiple-choice question, after a wrong answer the hint, and the step's
 * `say` only when the scenario shows it with the question (SCN-ASK
 * `"say": "with"`; by default it is held back until the answer);
 * the three memory panes show the machine before the step, which is what
 * the learner reasons about.  Nothing of the step's own result is on
 * screen: the player has not run it yet.  The bottom line is the answer
 * line; every key goes to it, so letters that are keys elsewhere (n, q,
 * a) can be typed; Enter answers, Enter on an empty line or Esc gives up,
 * C-c quits.
 *
 * Invariants:
 *  Q1. The pane shows no text of the step that the scenario holds back:
 *      neither `explain` nor the say, unless the ask says "with".
 *  Q2. A key changes nothing but the answer line until Enter or Esc.
 */
#include "ask.h"

#include <stdio.h>
#include <string.h>

#include "scenario.h"

#define TR(v, en, de) ((v)->lang ? (de) : (en))

static const struct scn_ask *open_ask(const struct tui_view *v, int *step)
{
	const struct scenario *sc = player_scenario(v->pl);
	int st = player_asking(v->pl);
	if (step)
		*step = st;
	return sc && st >= 0 && st < sc->nsteps ? sc->steps[st].ask : NULL;
}

bool ask_open(const struct tui_view *v)
{
	return open_ask(v, NULL) != NULL;
}


/* The choices as one line: "soft | hard | demand_zero". */
static const char *choices_line(const struct scn_ask *a, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < a->nchoices && len < n; i++) {
		int w = snprintf(buf + len, n - len, "%s%s", i ? "  |  " : "", a->choices[i]);
		len += w > 0 ? (size_t)w : 0;
	}
	return buf;
}

/* The pane's texts in order, one piece each: the prompt and what to do
 * come first (they must be seen at 80x24), then the choices, the hint
 * after a wrong answer, what to do, and (Q1) the say only when the
 * scenario shows it with the question, after a blank row. ask_draw draws
 * them and ask_rows measures them: one list, so the narration's room for
 * the question (pane_narr.c N6) is the room the pane takes. */
enum { ASK_PIECES = 5, ASK_PIECE_MAX = SCN_MAX_STRING + SCN_MAX_CHOICES * 270 };
struct ask_piece {
	unsigned role;
	int gap; /* blank rows before it */
	char text[ASK_PIECE_MAX];
};

/* Large (a scenario string may hold 64 KiB): one buffer in BSS, whose
 * pages are touched only as far as the texts go; the TUI has one thread. */
static struct ask_piece ask_piece_buf[ASK_PIECES];

static int ask_pieces(const struct tui_view *v, const struct scn_ask *a, int step, struct ask_piece *p)
{
	const struct scenario *sc = player_scenario(v->pl);
	int n = 0;
	p[n] = (struct ask_piece){.role = ROLE_TEXT_TITLE};
	snprintf(p[n++].text, ASK_PIECE_MAX, "? %s", scn_text_get(&a->prompt, v->lang));
	if (a->nchoices) {
		char c[SCN_MAX_CHOICES * 270];
		p[n] = (struct ask_piece){.role = ROLE_TEXT_KEY};
		snprintf(p[n++].text, ASK_PIECE_MAX, TR(v, "Choose: %s", "Zur Wahl: %s"), choices_line(a, c, sizeof c));
	}
	if (player_ask_tries(v->pl) > 0) {
		const char *hint = scn_text_get(&a->hint, v->lang);
		p[n] = (struct ask_piece){.role = ROLE_TEXT_ERROR};
		if (*hint)
			snprintf(p[n++].text, ASK_PIECE_MAX, TR(v, "Not quite. Hint: %s", "Noch nicht. Hinweis: %s"), hint);
		else
			snprintf(p[n++].text, ASK_PIECE_MAX, "%s",
				 TR(v, "Not quite: one more try.", "Noch nicht: ein zweiter Versuch."));
	}
	p[n] = (struct ask_piece){.role = ROLE_TEXT_DIM};
	snprintf(p[n++].text, ASK_PIECE_MAX, "%s",
		 TR(v, "Type the answer below and press Enter; Enter alone or Esc: show me.",
		    "Antwort unten eingeben, Enter; Enter allein oder Esc: zeigen."));
	const char *say = sc && a->say_with ? scn_text_get(&sc->steps[step].say, v->lang) : "";
	if (*say) {
		p[n] = (struct ask_piece){.role = ROLE_TEXT_NARRATION, .gap = 1};
		snprintf(p[n++].text, ASK_PIECE_MAX, "%s", say);
	}
	return n;
}

int ask_rows(const struct tui_view *v, int w)
{
	int step;
	const struct scn_ask *a = open_ask(v, &step);
	struct ask_piece *p = ask_piece_buf;
	if (!a || w < 1)
		return 0;
	int rows = 0, n = ask_pieces(v, a, step, p);
	for (int i = 0; i < n; i++)
		rows += p[i].gap + view_wrap(p[i].text, w, NULL, NULL);
	return rows;
}

static void ask_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	int step;
	const struct scn_ask *a = open_ask(v, &step);
	const struct scenario *sc = player_scenario(v->pl);
	char title[80];
	snprintf(title, sizeof title, TR(v, "Question: step %d/%d", "Frage: Schritt %d/%d"), step + 1,
		 sc ? sc->nsteps : 0);
	struct grid_rect in = view_frame(g, r, title, focused);
	if (!a || in.w < 4 || in.h < 1) {
		grid_pop_clip(g);
		return;
	}
	struct ask_piece *p = ask_piece_buf;
	int y = 0, n = ask_pieces(v, a, step, p);
	for (int i = 0; i < n && y + p[i].gap < in.h; i++) {
		y += p[i].gap;
		y += view_text_block(g, y, in.w, in.h - y, p[i].role, p[i].text);
	}
	grid_pop_clip(g);
}

const struct pane_class pane_ask_class = {
	.name = "question",
	.draw = ask_draw,
	.min_w = 30,
	.min_h = 5,
};

void ask_draw_line(const struct tui_view *v, struct cellgrid *g, int y, int x, int w)
{
	const char *lead = TR(v, "answer: ", "Antwort: ");
	grid_fill(g, (struct grid_rect){y, x, 1, w}, ROLE_UI_CMDLINE, ' ');
	int lw = grid_text_at(g, y, x, ROLE_TEXT_KEY, lead);
	if (w - lw < 2)
		return;
	/* the end of a long answer stays in sight */
	const char *s = v->ask.buf;
	while (*s && grid_text_width(s) > w - lw - 1)
		s++;
	int tw = grid_text_at(g, y, x + lw, ROLE_UI_CMDLINE, s);
	grid_put(g, y, x + lw + tw, ROLE_UI_CURSOR, ' ');
}

void ask_clear(struct tui_view *v)
{
	v->ask.len = 0;
	v->ask.buf[0] = '\0';
}

/* Drops the last character (UTF-8) of the answer. */
static void backspace(struct ask_view *a)
{
	while (a->len > 0 && ((unsigned char)a->buf[--a->len] & 0xC0) == 0x80)
		;
	a->buf[a->len] = '\0';
}

enum player_answer ask_key(struct tui_view *v, const struct draw_event *ev, bool *handled)
{
	struct ask_view *a = &v->ask;
	*handled = true;
	if (ev->type != DRAW_EV_KEY)
		return PLAYER_ANSWER_NONE;
	switch (ev->key) {
	case DRAW_KEY_ENTER:
	case DRAW_KEY_ESC: {
		enum player_answer r = player_answer(v->pl, ev->key == DRAW_KEY_ESC ? NULL : a->buf);
		ask_clear(v);
		return r;
	}
	case DRAW_KEY_BACKSPACE: backspace(a); return PLAYER_ANSWER_NONE;
	case DRAW_KEY_CHAR:
		if (ev->mods & (DRAW_MOD_CTRL | DRAW_MOD_ALT)) {
			bool clear = ev->cp == 'u' && (ev->mods & DRAW_MOD_CTRL); /* C-u: clear, as in a shell */
			if (clear)
				ask_clear(v);
			*handled = clear; /* C-c and the like stay the app's */
			return PLAYER_ANSWER_NONE;
		}
		if (ev->cp >= 0x20 && a->len + 4 < (int)sizeof a->buf) {
			char u[4];
			size_t n = grid_utf8_encode(ev->cp, u);
			memcpy(a->buf + a->len, u, n);
			a->len += (int)n;
			a->buf[a->len] = '\0';
		}
		return PLAYER_ANSWER_NONE;
	default: return PLAYER_ANSWER_NONE; /* Q2: nothing else moves */
	}
}

const char *ask_outcome(const struct tui_view *v, int step, enum player_answer r, char *buf, size_t n)
{
	const struct scenario *sc = player_scenario(v->pl);
	const struct scn_ask *a = sc && step >= 0 && step < sc->nsteps ? sc->steps[step].ask : NULL;
	const char *ans = a ? a->answers[0] : "";
	int right, put;
	player_score(v->pl, &right, &put);
	switch (r) {
	case PLAYER_ANSWER_RIGHT:
		snprintf(buf, n, TR(v, "Right: %s (%d of %d right). Now see it happen.",
				    "Richtig: %s (%d von %d richtig). Jetzt sehen Sie es geschehen."),
			 ans, right, put);
		break;
	case PLAYER_ANSWER_WRONG:
	case PLAYER_ANSWER_GAVE_UP:
		snprintf(buf, n, TR(v, "The answer is %s (%d of %d right). Now see why.",
				    "Die Antwort ist %s (%d von %d richtig). Jetzt sehen Sie, warum."),
			 ans, right, put);
		break;
	case PLAYER_ANSWER_RETRY:
		snprintf(buf, n, "%s", TR(v, "Not quite: a second try (Enter alone or Esc: show me).",
					  "Noch nicht: ein zweiter Versuch (Enter allein oder Esc: zeigen)."));
		break;
	default: buf[0] = '\0'; break;
	}
	return buf;
}
