/*
 * cmdline.h — the command line at the bottom of the screen: a one-line
 * editor with history and tab completion of command names, flags
 * (PAGE_*, MEM_* ...), $variables and file names.  Pure logic over draw
 * events: no terminal, so it is tested headless.
 *
 * Completion sources: command names (and aliases) come from the
 * session's own `help` (its JSON lists every command), flags from
 * mm_flag_name, variables from mm_session_var, file names from the
 * directory named by the word (the current one by default).
 *
 * Ownership: the struct is the caller's; cmdline_fini frees what it holds.
 */
#ifndef MM_CMDLINE_H
#define MM_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "cellgrid.h"

struct session;

#define CMDLINE_MAX 1024
#define CMDLINE_HISTORY 500

struct cmdline {
	bool active;
	char buf[CMDLINE_MAX];
	int len, cur; /* bytes; cur is on a character boundary */
	char **hist;  /* oldest first, owned */
	int nhist;
	int hpos;		     /* nhist = editing a new line */
	char saved[CMDLINE_MAX];     /* the new line while browsing history */
	char **names;		     /* command names and aliases, owned */
	int nnames;
	char hint[512]; /* completion candidates or a message, shown above */
	struct session *s; /* borrowed */
};

enum cmdline_result { CMDLINE_NONE, CMDLINE_EXEC, CMDLINE_CANCEL };

/* Learns the command names from the session's `help`. */
void cmdline_init(struct cmdline *c, struct session *s);
void cmdline_fini(struct cmdline *c);

void cmdline_open(struct cmdline *c); /* starts editing an empty line */

/* Handles a key while active.  CMDLINE_EXEC: the line (copied to out,
 * at most n bytes) is to be run; it is in the history and the editor is
 * closed.  CMDLINE_CANCEL: closed without running. */
enum cmdline_result cmdline_key(struct cmdline *c, const struct draw_event *ev, char *out, size_t n);

/* Tab: completes the word before the cursor; with several candidates
 * inserts their common prefix and lists them in c->hint.  Returns the
 * number of candidates. */
int cmdline_complete(struct cmdline *c);

/* Draws ":" and the line (scrolled to keep the cursor visible) on row y
 * from x, w columns. */
void cmdline_draw(const struct cmdline *c, struct cellgrid *g, int y, int x, int w);

#endif
