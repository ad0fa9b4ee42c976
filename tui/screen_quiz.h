/*
 * screen_quiz.h — the quiz in the TUI (screen_quiz.c; docs/tui.md
 * TUI-QUIZ): the problems of learn.h, each turned into a scenario of its
 * own machine that the player plays, and the screen that shows the
 * question while it is open.
 *
 * Ownership: screen_quiz_new returns a quiz the caller frees with
 * screen_quiz_free; screen_quiz_next hands the caller a new session and
 * scenario, which the caller frees (the player borrows both).
 */
#ifndef MM_SCREEN_QUIZ_H
#define MM_SCREEN_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pane.h"

struct screen_quiz;
struct session;
struct scenario;

/* topic NULL or "all": every topic; count 0: 10. NULL with err filled
 * (an unknown topic names the topics). */
struct screen_quiz *screen_quiz_new(const char *topic, uint64_t seed, int count, int lang, char *err, size_t n);
void screen_quiz_free(struct screen_quiz *q);

/* The next problem: first the score of done (the player of the problem
 * before, may be NULL) is added; then *s (its machine, booted) and *sc
 * (its scenario: *nsetup set-up steps, then the question's step).
 * 0; 1 when the quiz has put its count or the topic has no new problem;
 * -1 with err filled. */
int screen_quiz_next(struct screen_quiz *q, const struct player *done, struct session **s, struct scenario **sc,
		     int *nsetup, char *err, size_t n);

/* The score so far: the problems before plus pl's (the current one). */
void screen_quiz_score(const struct screen_quiz *q, const struct player *pl, int *right, int *put);

/* Judges typed by learn_check (a choice's letter stands for the choice);
 * when right, typed becomes the accepted answer the player compares.
 * True when right. */
bool screen_quiz_judge(const struct screen_quiz *q, char *typed, size_t n);

/* The screen (SCREEN_QUIZ): the question in full while it is open. */
extern const struct pane_class pane_quiz_class;

#endif
