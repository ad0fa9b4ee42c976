/*
 * app.h — the interactive program: the TUI's main loop over a scenario or
 * free play. main.c parses options and calls these.
 */
#ifndef MM_APP_H
#define MM_APP_H

#include <stdio.h>

#include "config.h"

struct scenario;

struct app_opts {
	struct mm_config cfg;       /* the machine (scenario's, overridden by options) */
	const char *scenario;       /* name or path; NULL with free play */
	bool free_play;
	const char *theme;          /* NULL: default (mono with NO_COLOR) */
	const char *backend;        /* "ncurses" | "tickit" */
	unsigned given;             /* SCN_GIVEN_* set on the command line */
	const char *notice;         /* option-over-scenario notices, for the status line */
};

/* Runs the TUI until the user quits. Returns the exit status. */
int app_run(const struct app_opts *o);

/* --screen WxH [--at STEP]: renders headless and prints the screen.
 * STEP counts scenario steps (not commands or micro-steps): the first STEP
 * steps are played to their end, the cursor on the last micro-step of the
 * last one; 0 (the default) is the start screen, before any step; a STEP
 * past the end shows the end.  ansi keeps colours.  Returns the exit
 * status. */
int app_screen(const struct app_opts *o, int w, int h, long at, bool ansi, FILE *out);

/* For tests: runs the TUI on the headless backend with an event script
 * (backend_headless.c: key, text, click, resize, tick, wait, dump ...);
 * "dump" prints the screen to out.  Returns the exit status. */
int app_script(const struct app_opts *o, int w, int h, const char *script, FILE *out);

/* For make bench: composes `frames` full frames of a w x h screen
 * (headless, the tour played to its end, the cursor inside the first
 * write's fault) and reports the mean time per frame in microseconds.
 * Returns 0, or -1 when the set-up failed. */
int app_bench_compose(int w, int h, int frames, double *us_per_frame);
/* The same, the cursor moving one micro-step (back and forth) before each
 * frame, as during playback: the per-position caches are rebuilt. */
int app_bench_step_compose(int w, int h, int frames, double *us_per_frame);

#endif
