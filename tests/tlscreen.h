/*
 * tlscreen.h — what the screen tests share (35_panes.c, 36_screens.c),
 * header-only: the TUI composed headless into a string, and assertions on
 * the text a user would read there.
 *
 *   tl_screen(o, w, h, at)   the screen of --screen WxH --at AT (app_screen)
 *   tl_script(o, w, h, s)    the dumps of an event script (app_script)
 *   HAS(text, s), LACKS(text, s)   the screen shows / does not show s
 *   tl_lines(text)           how many lines the text has
 *
 * Ownership: tl_screen and tl_script return a string the test frees.
 * (Not inlined: GCC 12 takes open_memstream's buffer for a dangling
 * local once the call is inlined into the test.)
 */
#ifndef MMVIZ_TLSCREEN_H
#define MMVIZ_TLSCREEN_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "snapshot.h"

__attribute__((noinline, unused)) static char *tl_screen(const struct app_opts *o, int w, int h, long at)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(app_screen(o, w, h, at, SNAP_TEXT, f), 0);
	fclose(f);
	return buf;
}

__attribute__((noinline, unused)) static char *tl_script(const struct app_opts *o, int w, int h, const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(app_script(o, w, h, s, f), 0);
	fclose(f);
	return buf;
}

#define HAS(t, s)                                                                                   \
	do {                                                                                        \
		if (!strstr((t), (s)))                                                              \
			fail_msg("screen lacks \"%s\":\n%s", (s), (t));                              \
	} while (0)
#define LACKS(t, s)                                                                                 \
	do {                                                                                        \
		if (strstr((t), (s)))                                                               \
			fail_msg("screen shows \"%s\":\n%s", (s), (t));                              \
	} while (0)

static inline int tl_lines(const char *t)
{
	int n = 0;
	for (; *t; t++)
		n += *t == '\n';
	return n;
}

#endif
