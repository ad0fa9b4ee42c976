/*
 * quiz.h — mmviz --quiz and --exercise (quiz.c): the problems of
 * core/include/learn.h in line mode and as sheets.
 */
#ifndef MM_QUIZ_H
#define MM_QUIZ_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct quiz_opts {
	const char *topic;      /* NULL or "all": every topic */
	uint64_t seed;
	int count;              /* problems; 0: the default, 10 */
	int lang;               /* 0 en, 1 de */
	bool solutions;         /* --exercise --solutions */
	bool markdown;          /* --exercise --format markdown */
};

/* The quiz in line mode (docs/cli.md CLI-QUIZ): each question to out, one
 * answer per line from in ("q" or the end of input stops), right or wrong
 * with the worked solution, the score at the end. Returns the exit status:
 * 0, 1 when the simulation failed, 2 for an unknown topic. */
int quiz_run(const struct quiz_opts *o, FILE *in, FILE *out);

/* An exercise sheet (docs/cli.md CLI-EXERCISE) to out; exit status as
 * quiz_run. */
int quiz_sheet(const struct quiz_opts *o, FILE *out);

#endif
