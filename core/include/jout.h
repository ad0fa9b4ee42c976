/*
 * jout.h — prints a cJSON tree as one JSON line, fast. cJSON_Print
 * re-measures its buffer with strlen at every step and checks every number
 * by parsing it back; batch mode prints a line per command, so that cost
 * dominated it (bench: 137k lines/s against 302k commands/s executed).
 * Output is the same JSON: same member order, integers without a
 * fraction, other numbers with 17 significant digits; and, where cJSON
 * would copy a string's bytes as they are, always valid UTF-8 with no
 * control character raw (docs/output.md OUT-JSON): DEL and C1 characters
 * escaped as \u007f, \u0080.., a byte that is no UTF-8 as \ufffd.
 */
#ifndef MM_JOUT_H
#define MM_JOUT_H

#include <stdio.h>

#include <cJSON.h>

/* Writes v (no newline). Returns 0, or -1 on a write error. */
int jout_print(FILE *f, const cJSON *v);

#endif
