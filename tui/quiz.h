/*
 * quiz.h — mmviz --quiz: questions answered by the simulation (quiz.c).
 */
#ifndef MM_QUIZ_H
#define MM_QUIZ_H

#include <stdint.h>
#include <stdio.h>

/* topic: "translation", "faults", "lists", or NULL for a mix. Ten
 * questions; answers are read line by line from in. Returns the exit
 * status (2 for an unknown topic). */
int quiz_run(const char *topic, uint64_t seed, int lang, FILE *in, FILE *out);

#endif
