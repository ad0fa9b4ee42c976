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

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

/* Writes v (no newline). Returns 0, or -1 on a write error. */
int jout_print(FILE *f, const cJSON *v);

/* The pieces, for printers that stream what would be too big as a tree
 * (a command's micro-steps, docs/output.md OUT-EVENTS) and write the same
 * text jout_print would: a string with the escapes above; whole numbers
 * (jout_num: any number);
 * a 64-bit quantity as "0x..." (docs/output.md OUT-VALUES, as cmd_put_hex);
 * and jout_key: ,"KEY": for a member after the first (KEY must need no
 * escape: the printers' own names). */
void jout_str(FILE *f, const char *s);
void jout_u64(FILE *f, uint64_t v);
void jout_i64(FILE *f, int64_t v);
void jout_hex(FILE *f, uint64_t v);
void jout_num(FILE *f, double d);   /* a number as jout_print writes a cJSON number */

/* n bytes as they are: straight into stdio's buffer when they fit (what
 * putc_unlocked does a byte at a time; a line-buffered stream never has
 * room, so its newline handling is stdio's), else through fwrite. A JSON
 * line is made of short pieces: one copy a piece, not a call into stdio
 * (fputs) or a test a byte (putc) each (docs/quality.md Q-PERF). */
static inline void jout_put(FILE *f, const char *s, size_t n)
{
#ifdef __GLIBC__
	if ((size_t)(f->_IO_write_end - f->_IO_write_ptr) >= n) {
		memcpy(f->_IO_write_ptr, s, n);
		f->_IO_write_ptr += n;
		return;
	}
#endif
	fwrite_unlocked(s, 1, n, f);
}

/* s as it is (a literal's length is known when this is compiled). */
static inline void jout_raw(FILE *f, const char *s)
{
	jout_put(f, s, strlen(s));
}

void jout_key_slow(FILE *f, const char *key, size_t n);

/* ,"KEY": written straight into stdio's buffer when it fits: inline, so
 * that a literal key's length is known when this is compiled (an event
 * has three or four members: docs/quality.md Q-PERF). */
static inline void jout_key(FILE *f, const char *key)
{
	size_t n = strlen(key);
#ifdef __GLIBC__
	if ((size_t)(f->_IO_write_end - f->_IO_write_ptr) >= n + 4) {
		char *p = f->_IO_write_ptr;
		p[0] = ',';
		p[1] = '"';
		memcpy(p + 2, key, n);
		p[n + 2] = '"';
		p[n + 3] = ':';
		f->_IO_write_ptr = p + n + 4;
		return;
	}
#endif
	jout_key_slow(f, key, n);
}

#endif
