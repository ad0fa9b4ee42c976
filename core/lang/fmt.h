/*
 * fmt.h — snprintf for the conversions the event texts use, without glibc's
 * vfprintf: a batch prints one event line per micro-step, millions of
 * them, and vfprintf took a third of a batch's instructions (bench output).
 */
#ifndef MM_FMT_H
#define MM_FMT_H

#include <stddef.h>
#include <stdio.h>

/* As snprintf (the same text, the same return value), doing %s, %d, %i,
 * %u, %x with the flags # + - 0, a width (digits or *) and the sizes l, ll,
 * z itself; any other conversion, or a precision, hands the whole call to
 * vsnprintf. */
int fmt_snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* As fprintf, by the same rules (a text longer than 511 bytes, or not
 * ours, goes to vfprintf whole); -1 on a write error. */
int fmt_fprintf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
