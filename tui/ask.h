/*
 * ask.h — the question of a scenario step in the TUI (ask.c; docs/tui.md
 * TUI-ASK): the pane put in place of the narration while a question is
 * open, the answer line, and the keys that edit it.  The state is the
 * player's (player.h Questions); the answer text is the view's (ask_view).
 */
#ifndef MM_ASK_H
#define MM_ASK_H

#include <stdbool.h>
#include <stddef.h>

#include "pane.h"

/* Is a question open (player_asking) in a scenario step that has one? */
bool ask_open(const struct tui_view *v);

/* The question pane: drawn in the narration's place while ask_open. */
extern const struct pane_class pane_ask_class;

/* The rows the question pane's texts take at width w (its border not
 * counted); 0 when no question is open. */
int ask_rows(const struct tui_view *v, int w);

/* The answer line ("answer: ..." and the cursor) on row y from x, w wide. */
void ask_draw_line(const struct tui_view *v, struct cellgrid *g, int y, int x, int w);

/* A key while a question is open: edits the answer; Enter answers, Esc
 * or Enter on an empty line gives up (player_answer).  *handled is false
 * for keys that stay the app's (C-c).  Returns the player's verdict, or
 * PLAYER_ANSWER_NONE while the answer is being typed. */
enum player_answer ask_key(struct tui_view *v, const struct draw_event *ev, bool *handled);

/* Empties the answer line (a question just opened). */
void ask_clear(struct tui_view *v);

/* What the bottom line says after verdict r on step's question, with the
 * score; "" for NONE. */
const char *ask_outcome(const struct tui_view *v, int step, enum player_answer r, char *buf, size_t n);

#endif
