/*
 * keymap.h — key bindings in one table, apart from the actions (after
 * nnn's bindings[] and htop's Action_setBindings).  The
 * same table answers "what does this key do", draws the help screen and
 * the key hints of the bottom line, so the keys of docs/tui.md TUI-KEYS come out of it.
 */
#ifndef MM_KEYMAP_H
#define MM_KEYMAP_H

#include "cellgrid.h"

enum tui_action {
	ACT_NONE,
	ACT_PLAY,
	ACT_NEXT,
	ACT_PREV,
	ACT_NEXT_CMD,
	ACT_PREV_CMD,
	ACT_NEXT_STEP, /* a scenario step at a time (docs/tui.md TUI-KEYS): PgDn, as a presenter's remote sends it */
	ACT_PREV_STEP,
	ACT_FASTER,
	ACT_SLOWER,
	ACT_FIRST,
	ACT_LAST,
	ACT_EXPAND, /* open / close the summary step at the cursor (docs/tui.md TUI-SUMMARY) */
	ACT_CMDLINE,
	ACT_HELP,
	ACT_QUIT,
	ACT_FOCUS_NEXT,
	ACT_FOCUS_PREV,
	ACT_REDRAW,
	ACT_SNAPSHOT, /* the screen to the next free mmviz-NNN.html (docs/tui.md TUI-SNAPSHOT) */
	ACT_QUESTIONS, /* the scenario's questions on / off (docs/tui.md TUI-ASK) */
	/* the further screens (the same key or Esc returns) */
	ACT_SCR_PROCS,
	ACT_SCR_WSET,
	ACT_SCR_VAD,
	ACT_SCR_POOL,
	ACT_SCR_PAGEFILE,
	ACT_SCR_SECTIONS,
	ACT_SCR_OUTPUT, /* the command's whole output (docs/tui.md TUI-OUTPUT) */
	ACT_SCR_USECOUNTS, /* the RAMMap screens and the split view (docs/tui.md TUI-RAM, TUI-SPLIT) */
	ACT_SCR_PHYSPAGES,
	ACT_SCR_FILESUM,
	ACT_SCR_SPLIT,
	ACT_SCR_POLICIES, /* the replacement-policy lab (docs/tui.md TUI-POLICIES) */
	ACT_QUIZ, /* the quiz (docs/tui.md TUI-QUIZ) */
	ACT_COUNT
};

struct keybind {
	enum draw_key key; /* DRAW_KEY_CHAR: cp below */
	uint32_t cp;
	unsigned mods; /* DRAW_MOD_CTRL / ALT that must be held (shift is in cp) */
	enum tui_action act;
	const char *name; /* as the help shows it */
};

/* The action bound to ev (ACT_NONE when none). */
enum tui_action keymap_lookup(const struct draw_event *ev);

/* What an action does, for the help ("play / pause"); lang 0 English,
 * 1 German. */
const char *keymap_action_help(enum tui_action a);
const char *keymap_action_help_lang(enum tui_action a, int lang);

/* "space / right n / ..." : every key of action a, joined. */
const char *keymap_keys(enum tui_action a, char *buf, size_t n);
const char *keymap_keys_lang(enum tui_action a, int lang, char *buf, size_t n); /* German key names with lang 1 */

/* The rows the help box wants, its border included (keymap_draw_help
 * folds a line when it gets fewer). */
int keymap_help_rows(int npane);

/* The help screen (a box over r): every action with its keys, then the
 * pane keys given (lines "KEYS\tWHAT", may be NULL). */
void keymap_draw_help(struct cellgrid *g, struct grid_rect r, const char *const *pane_keys, int npane_keys, int lang);

/* The bottom line's hints in language lang, as many as fit w columns,
 * from x, the most important first (play, step, N, End, e, the command
 * line, help: the first seven fit 80 columns in both languages). */
void keymap_draw_hints(struct cellgrid *g, int y, int x, int w, int lang);
/* The same with action first's hint in front (ACT_NONE: none), for a key
 * the screen calls for now (O while output is cut off); playing: space's
 * hint says what it does now, pause rather than play. */
void keymap_draw_hints_first(struct cellgrid *g, int y, int x, int w, int lang, enum tui_action first, bool playing);

#endif
