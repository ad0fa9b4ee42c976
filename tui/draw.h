/*
 * draw.h — the one interface between the TUI and a terminal (after
 * libtickit's TickitTermDriverVTable and tmux's screen/tty split).
 *
 * Panes compose a frame into a struct cellgrid (cellgrid.h) using roles;
 * a backend only presents the finished grid and reads events.  Three
 * backends implement struct draw_ops: ncurses (default), tickit and
 * headless (the grid printed as text or ANSI, events from a script, a
 * virtual clock: --screen and tests).  Nothing above this header calls a
 * terminal library.
 *
 * Typical loop (the app owns d and g):
 *
 *   struct draw *d = draw_open("ncurses", &(struct draw_opts){.theme = &th}, &err);
 *   if (!d) { fprintf(stderr, "mmviz: %s\n", err.msg); return 1; }
 *   grid_set_ascii(g, !d->utf8);  grid_set_glyphs(g, d->rt.glyph);
 *   for (;;) {
 *       if (damaged && !draw_pending(d)) { compose(g); draw_present(d, g); }
 *       int r = draw_poll(d, &ev, deadline - draw_now_ms(d));
 *       if (r < 0 || ev.type == DRAW_EV_CLOSED) break;
 *       if (ev.type == DRAW_EV_RESIZE) grid_resize(g, ev.rows, ev.cols);
 *       ...
 *   }
 *   draw_close(d);   (restores the terminal)
 *
 * Ownership: draw_open returns a struct draw the caller frees with
 * draw_close.  present() copies what it needs from the grid; the grid stays
 * the caller's.  Backends keep no pointer into the caller's data except
 * opts->out (headless), which must outlive the struct draw.
 */
#ifndef MM_DRAW_H
#define MM_DRAW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"
#include "types.h"

/* ---- the cell grid (functions in cellgrid.h) ------------------------------ */

struct cell {
	uint32_t cp;   /* codepoint; 0 in the right half of a wide character */
	uint16_t role; /* enum theme_role */
	uint8_t attrs; /* THEME_* added on top of the role's own attributes */
	uint8_t width; /* 1; 2 in the left half of a wide character; 0 in its right half */
};

struct grid_rect {
	int y, x, h, w;
};

#define GRID_CLIP_MAX 16

struct grid_frame {
	int oy, ox;	       /* origin of the pushed rectangle, absolute */
	int h, w;	       /* its size as pushed */
	struct grid_rect clip; /* absolute: the pushed rectangle cut to its parent */
};

struct cellgrid {
	int rows, cols;
	struct cell *cells;	/* rows * cols, row-major; owned by the grid */
	bool ascii;		/* non-ASCII glyphs fall back to + - | # . ? */
	const uint32_t *glyphs; /* ROLE_COUNT glyphs, not owned; NULL: theme_roles.h */
	int depth;		/* clip frames pushed (may exceed GRID_CLIP_MAX) */
	struct grid_frame frame[GRID_CLIP_MAX + 1];
};

/* ---- events --------------------------------------------------------------- */

enum draw_ev {
	DRAW_EV_NONE,
	DRAW_EV_KEY,
	DRAW_EV_MOUSE,
	DRAW_EV_RESIZE,
	DRAW_EV_TIMEOUT, /* poll returned 0 */
	DRAW_EV_CLOSED,	 /* terminal gone (EOF, SIGHUP, SIGTERM), end of a script */
};

enum draw_key {
	DRAW_KEY_NONE,
	DRAW_KEY_CHAR, /* cp: printable codepoint; Ctrl+letter is 'a'..'z' + DRAW_MOD_CTRL */
	DRAW_KEY_ENTER,
	DRAW_KEY_ESC,
	DRAW_KEY_TAB,
	DRAW_KEY_BACKTAB,
	DRAW_KEY_BACKSPACE,
	DRAW_KEY_DELETE,
	DRAW_KEY_INSERT,
	DRAW_KEY_UP,
	DRAW_KEY_DOWN,
	DRAW_KEY_LEFT,
	DRAW_KEY_RIGHT,
	DRAW_KEY_HOME,
	DRAW_KEY_END,
	DRAW_KEY_PGUP,
	DRAW_KEY_PGDN,
	DRAW_KEY_F1,
	DRAW_KEY_F12 = DRAW_KEY_F1 + 11,
};

enum { DRAW_MOD_SHIFT = 1, DRAW_MOD_ALT = 2, DRAW_MOD_CTRL = 4 };

enum draw_mouse {
	DRAW_MOUSE_PRESS = 1,
	DRAW_MOUSE_RELEASE,
	DRAW_MOUSE_WHEEL_UP,
	DRAW_MOUSE_WHEEL_DOWN,
};

struct draw_event {
	enum draw_ev type;
	enum draw_key key; /* DRAW_EV_KEY */
	uint32_t cp;
	unsigned mods;
	enum draw_mouse mouse; /* DRAW_EV_MOUSE: button 1..3 (0 for the wheel), */
	int button;	       /* y, x: 0-based screen cell */
	int y, x;
	int rows, cols; /* DRAW_EV_RESIZE: the new size */
};

/* ---- backends ------------------------------------------------------------- */

struct draw_opts {
	const struct theme *theme; /* copied; NULL: the built-in default */
	bool no_color;		   /* no colour even if the terminal has it (the
				      terminal backends also honour NO_COLOR) */
	/* headless only */
	int rows, cols;			/* the pretend terminal (0: 24x80) */
	int colors;			/* its colours: 256 (0 means 256), 8; no_color for none */
	bool ascii;			/* it is not UTF-8 */
	bool ansi;			/* "dump" writes ANSI (SGR) rather than plain text */
	const char *script;		/* event script (backend_headless.c), copied */
	const struct draw_event *events; /* or events, copied; TIMEOUT = a tick */
	int nevents;
	FILE *out; /* where "dump" and "echo" write; not owned */
};

struct draw;

struct draw_ops {
	const char *name;
	/* Sets d->impl, d->colors (terminal colours: 256, 8, 0) and d->utf8.
	 * Returns 0, or -1 with err filled and the terminal untouched/restored. */
	int (*init)(struct draw *d, const struct draw_opts *o, struct mm_err *err);
	void (*fini)(struct draw *d); /* restores the terminal, frees impl */
	void (*size)(struct draw *d, int *rows, int *cols);
	/* Shows g (any size: cut or padded to the screen).  0 or -1. */
	int (*present)(struct draw *d, const struct cellgrid *g);
	/* Waits at most timeout_ms (< 0: no limit).  1: *ev filled; 0: time out
	 * (ev->type = DRAW_EV_TIMEOUT); -1: error. */
	int (*poll)(struct draw *d, struct draw_event *ev, int timeout_ms);
	/* Is input waiting, so that poll would return an event at once?  It
	 * consumes nothing.  The app composes a frame only when nothing is
	 * (docs/tui.md TUI-ROBUST: a paste is read whole, not one frame per
	 * character).  NULL: never. */
	bool (*pending)(struct draw *d);
	int64_t (*now_ms)(struct draw *d); /* monotonic; headless: virtual */
	void (*restyle)(struct draw *d);    /* d->rt changed; may be NULL */
};

struct draw {
	const struct draw_ops *ops;
	void *impl;   /* the backend's state, owned */
	int colors;   /* the depth d->rt is resolved for: 256, 8 or 0 */
	bool utf8;    /* the terminal shows UTF-8; else use grid_set_ascii */
	struct theme theme;
	struct theme_resolved rt; /* pens and glyphs of d->theme for d->colors */
};

extern const struct draw_ops backend_ncurses;
extern const struct draw_ops backend_tickit;
extern const struct draw_ops backend_headless;

/* Headless extras (backend_headless.c).  The writers return 0 or -1. */
int backend_headless_write_text(const struct cellgrid *g, FILE *out);
int backend_headless_write_ansi(const struct cellgrid *g, const struct theme_resolved *rt,
				FILE *out);
int backend_headless_dump(struct draw *d, FILE *out); /* last frame, as opts said */
const struct cellgrid *backend_headless_frame(struct draw *d); /* NULL before a present */
/* "x", "enter", "C-a", "M-x", "S-tab", "f5", "pgdn", "space" ... -> a key event. */
int backend_headless_parse_key(const char *word, struct draw_event *ev);

/* Shared by the terminal backends (backend_ncurses.c): refuses, with an
 * error value, when stdin/stdout are not terminals, TERM is unset or not in
 * terminfo, or lacks one of the terminfo capabilities caps (NULL-ended). */
int backend_ncurses_probe(const char *const *caps, struct mm_err *err);

/* Ctrl+Z in raw mode, shared by the terminal backends (backend_ncurses.c):
 * the process stops as a shell expects (SIGTSTP with its default action,
 * whatever a terminal library installed) and returns after `fg` (SIGCONT).
 * The caller gives the terminal back before and takes it again after. */
void backend_term_stop(void);

/* True when the locale named by LC_ALL, LC_CTYPE or LANG is UTF-8 (read
 * from the environment, so it does not depend on setlocale having run). */
static inline bool draw_env_utf8(void)
{
	const char *v = NULL, *names[3] = {"LC_ALL", "LC_CTYPE", "LANG"};
	for (int i = 0; i < 3 && !(v && *v); i++)
		v = getenv(names[i]);
	return v && (strcasestr(v, "UTF-8") || strcasestr(v, "utf8"));
}

/* Re-resolves the pens for t (copied) at the backend's colour depth. */
static inline void draw_set_theme(struct draw *d, const struct theme *t)
{
	d->theme = *t;
	theme_resolve(&d->theme, d->colors, &d->rt);
	if (d->ops->restyle)
		d->ops->restyle(d);
}

/* Opens backend name ("ncurses", "tickit", "headless"; NULL = ncurses).
 * Returns NULL with err filled (never exits) when the name is unknown, there
 * is no terminal, TERM is unknown or cannot address the cursor. */
static inline struct draw *draw_open(const char *name, const struct draw_opts *opts,
				     struct mm_err *err)
{
	static const struct draw_opts none;
	const struct draw_ops *const all[3] = {&backend_ncurses, &backend_tickit, &backend_headless};
	const struct draw_ops *ops = NULL;
	struct theme dflt;
	for (int i = 0; i < 3; i++)
		if (strcmp(name ? name : "ncurses", all[i]->name) == 0)
			ops = all[i];
	if (!ops) {
		mm_fail(err, "backend", -1, "unknown backend \"%.40s\": expected ncurses, tickit or headless", name);
		return NULL;
	}
	struct draw *d = calloc(1, sizeof *d);
	if (!d) {
		mm_fail(err, "backend", -1, "out of memory");
		return NULL;
	}
	d->ops = ops;
	if (ops->init(d, opts ? opts : &none, err) != 0) {
		free(d);
		return NULL;
	}
	theme_builtin(&dflt, "default");
	draw_set_theme(d, opts && opts->theme ? opts->theme : &dflt);
	return d;
}

static inline void draw_close(struct draw *d)
{
	if (d) {
		d->ops->fini(d);
		free(d);
	}
}

static inline void draw_size(struct draw *d, int *rows, int *cols) { d->ops->size(d, rows, cols); }
static inline int draw_present(struct draw *d, const struct cellgrid *g) { return d->ops->present(d, g); }
static inline int draw_poll(struct draw *d, struct draw_event *ev, int timeout_ms)
{
	memset(ev, 0, sizeof *ev);
	return d->ops->poll(d, ev, timeout_ms);
}
static inline bool draw_pending(struct draw *d) { return d->ops->pending && d->ops->pending(d); }
static inline int64_t draw_now_ms(struct draw *d) { return d->ops->now_ms(d); }

#endif
