/*
 * learn.h — generated problems for learners (docs/cli.md CLI-QUIZ,
 * CLI-EXERCISE): the quiz (`mmviz --quiz TOPIC --plain`, the TUI's quiz
 * screen) and exercise sheets (`mmviz --exercise TOPIC`) draw from the same
 * generators, one per topic.
 *
 * Every problem is made by the simulation: a generator boots a machine,
 * runs ordinary commands, takes the question's data from their results,
 * runs the command the question is about, and writes the accepted answer
 * and the worked solution from what that command returned. Nothing is
 * computed a second time beside the core.
 *
 * A set is one run of problems: a seed fixes every problem in it (the same
 * seed, topic and language give the same problems in the same order), and
 * no problem repeats within it (problems are told apart by a key naming
 * what makes them differ). When a topic has no new problem left, the set is
 * exhausted.
 *
 * Ownership: learn_set_new returns a set the caller frees with
 * learn_set_free; problems are filled into the caller's struct.
 */
#ifndef MM_LEARN_H
#define MM_LEARN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "types.h"

#define LEARN_TEXT 4096
#define LEARN_MAX_CHOICES 8
#define LEARN_MAX_ANSWERS 4
#define LEARN_WORD 64

struct learn_problem {
	int topic;                      /* learn_topic_name(topic) */
	char key[96];                   /* what tells it apart: no repeat within a set */
	char question[LEARN_TEXT];      /* the statement, with the data it gives */
	int nchoices;                   /* 0: a typed answer; else multiple choice */
	char choices[LEARN_MAX_CHOICES][LEARN_WORD];
	int nanswers;                   /* >= 1 */
	char answers[LEARN_MAX_ANSWERS][LEARN_WORD]; /* accepted; answers[0] is the one shown */
	char solution[LEARN_TEXT];      /* worked solution, step by step, from the results */
	/* The replay, for the TUI's quiz screen (docs/tui.md TUI-QUIZ): boot
	 * this machine, run setup, put the question, then play asked (command
	 * lines, one per line) so its micro-steps show the solution happen. */
	struct mm_config boot;
	char setup[LEARN_TEXT];
	char asked[512];
	bool replay_cut;                /* a line did not fit: no replay */
};

/* Topics: translation, faults, lists, commit, protection, sharing,
 * workingset, layout. */
int learn_topic_count(void);
const char *learn_topic_name(int topic);
/* The topic as a question shows it: its name in English, a German title
 * in German ("Seitenlisten"); NULL for an unknown topic. */
const char *learn_topic_title(int topic, int lang);
/* -1 for an unknown name (compared ignoring case). */
int learn_topic_find(const char *name);
/* "translation, faults, ... or layout" into buf. */
const char *learn_topic_list(char *buf, size_t n);

struct learn_set;
/* topic -1 mixes every topic. lang 0 English, 1 German. NULL when out of
 * memory. */
struct learn_set *learn_set_new(int topic, uint64_t seed, int lang);
void learn_set_free(struct learn_set *s);
/* The next problem into *p: 0, 1 when the topic has no new problem left,
 * -1 when the simulation failed (err filled). */
int learn_next(struct learn_set *s, struct learn_problem *p, struct mm_err *err);

/* Is the typed text right? A choice's letter (a, b, ...) stands for the
 * choice; then the answer rule of answer.h. */
bool learn_check(const struct learn_problem *p, const char *typed);

/* The choices as "a) soft  b) hard ..." into buf ("" without choices). */
const char *learn_choices_line(const struct learn_problem *p, char *buf, size_t n);

enum learn_format { LEARN_FMT_TEXT, LEARN_FMT_MARKDOWN };
/* An exercise sheet (docs/cli.md CLI-EXERCISE) of count problems of
 * topic (-1: mixed) to out; with solutions, each problem's worked
 * solution after all problems. Returns 0, or -1 with err filled. */
int learn_sheet(FILE *out, int topic, int count, uint64_t seed, int lang, enum learn_format fmt,
                bool solutions, struct mm_err *err);

#endif
