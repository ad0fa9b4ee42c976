/*
 * fmt.h — text without glibc's vfprintf, two ways: snprintf's common
 * conversions (fmt_snprintf, fmt_fprintf), and direct writers that build a
 * text piece by piece with no format to read (fmt_str, fmt_hex ...: the
 * event texts, one line per micro-step, millions of them in a batch, and
 * the `!pte` and VirtualQuery lines). vfprintf once took a third of a
 * batch's instructions, reading the formats anew a quarter of what was left
 * (docs/quality.md Q-PERF).
 */
#ifndef MM_FMT_H
#define MM_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* As snprintf (the same text, the same return value), doing %s, %d, %i,
 * %u, %x with the flags # + - 0, a width (digits or *) and the sizes l, ll,
 * z itself; any other conversion, or a precision, hands the whole call to
 * vsnprintf. */
int fmt_snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* As fprintf, by the same rules (a text longer than 511 bytes, or not
 * ours, goes to vfprintf whole); -1 on a write error. */
int fmt_fprintf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- direct writers: a text built piece by piece, no format read ----
 *
 * What the event texts (evtext.c) use: a micro-step's line is a few
 * literal runs and numbers, and reading a printf format anew for each one
 * cost most of a batch's text output (docs/quality.md Q-PERF). The rules
 * are snprintf's (F2 in fmt.c): at most n - 1 bytes are written, len
 * counts the whole text; fmt_end puts the NUL. */
struct fmt_buf {
	char *buf;
	size_t n, len;              /* room (with the NUL), bytes the text has so far */
};

/* k bytes: whole when they fit before the NUL (nearly always), else what fits. */
static inline __attribute__((always_inline)) void fmt_put(struct fmt_buf *o, const char *s, size_t k)
{
	if (o->len + k < o->n)
		memcpy(o->buf + o->len, s, k);
	else if (o->len + 1 < o->n)
		memcpy(o->buf + o->len, s, o->n - 1 - o->len);
	o->len += k;
}

/* s (a literal's length is known when this is compiled); NULL as "(null)". */
static inline __attribute__((always_inline)) void fmt_str(struct fmt_buf *o, const char *s)
{
	if (!s)
		s = "(null)";
	fmt_put(o, s, strlen(s));
}

void fmt_hex(struct fmt_buf *o, uint64_t v);             /* as "%#llx": "0" or "0x1f" */
void fmt_dec(struct fmt_buf *o, uint64_t v);             /* as "%llu" */
void fmt_sdec(struct fmt_buf *o, int64_t v, bool plus);  /* as "%lld", or "%+lld" when plus */
/* As "%*llx" (width > 0), "%-*llx" (width < 0) or, zero set, "%0*llx". */
void fmt_hexw(struct fmt_buf *o, uint64_t v, int width, bool zero);
/* As "%*s" (width > 0) or "%-*s" (width < 0). */
void fmt_strw(struct fmt_buf *o, const char *s, int width);
/* The NUL after the text (or after what fitted); returns o->buf. */
const char *fmt_end(struct fmt_buf *o);

#endif
