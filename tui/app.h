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
 * ansi keeps colours. Returns the exit status. */
int app_screen(const struct app_opts *o, int w, int h, long at, bool ansi, FILE *out);

#endif
