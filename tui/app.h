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
	bool group_given;           /* --group N given: group is N (docs/tui.md TUI-SUMMARY) */
	uint64_t group;             /* else the player's default (PLAYER_GROUP_DEFAULT) */
	const char *keys;           /* --screen: keys pressed after STEP steps (one character each); NULL */
	bool no_questions;          /* --no-questions: playback never stops for a question (TUI-ASK) */
	bool quiz;                  /* --quiz at a terminal: the quiz screen (docs/tui.md TUI-QUIZ) */
	const char *quiz_topic;     /* its topic, NULL: all */
	int quiz_count;             /* --count, 0: 10 (seed: cfg.seed) */
};

/* Runs the TUI until the user quits. Returns the exit status. */
int app_run(const struct app_opts *o);

/* --screen WxH [--at STEP]: renders headless and prints the screen.
 * STEP counts scenario steps (not commands or micro-steps): the first STEP
 * steps are played to their end, the cursor on the last micro-step of the
 * last one; 0 (the default) is the start screen, before any step; a STEP
 * past the end shows the end.  o->keys, when given, are then pressed as
 * typed (`e` opens the summary step, `p` steps back ...).  format is an
 * enum snap_format (snapshot.h: text, ansi, html, svg).  Returns the exit
 * status. */
int app_screen(const struct app_opts *o, int w, int h, long at, int format, FILE *out);

/* For tests: runs the TUI on the headless backend with an event script
 * (backend_headless.c: key, text, click, resize, tick, wait, dump ...);
 * "dump" prints the screen to out.  Returns the exit status. */
int app_script(const struct app_opts *o, int w, int h, const char *script, FILE *out);

/* A screen held open for measuring (make bench) and for tests: the TUI's
 * own set-up (app_screen's) on the headless backend, played `at` steps;
 * app_compose composes one whole frame; app_player gives the player, to
 * move the cursor between frames. NULL with err when the set-up failed;
 * the caller frees the result with app_free. */
struct app;
struct player;
struct app *app_new_still(const struct app_opts *o, int w, int h, long at, char *err, size_t n);
void app_compose(struct app *a);
struct player *app_player(struct app *a);
void app_free(struct app *a);

#endif
