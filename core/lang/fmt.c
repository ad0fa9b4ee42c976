/*
 * fmt.c — snprintf's common conversions without vfprintf (fmt.h).
 *
 *   F1. The result is byte for byte what snprintf gives, for every format
 *       (tests/unit/22_summary.c compares them): what is not done here
 *       goes to vsnprintf whole, never half.
 *   F2. The buffer is never overrun: at most n - 1 bytes and a NUL, and
 *       the return value is the length the whole text would have.
 */
#include "fmt.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct out {
	char *buf;
	size_t n, len;              /* room (with the NUL), bytes the text has so far */
};

static void put(struct out *o, const char *s, size_t k)
{
	if (o->len + 1 < o->n) {
		size_t room = o->n - 1 - o->len;
		memcpy(o->buf + o->len, s, k < room ? k : room);
	}
	o->len += k;
}

/* v in base 10 or 16 (lower case), after prefix. */
static void put_num(struct out *o, const char *prefix, uint64_t v, unsigned base)
{
	char digits[24], *p = digits + sizeof digits;
	if (base == 16)
		do
			*--p = "0123456789abcdef"[v & 15];
		while (v >>= 4);
	else
		do
			*--p = (char)('0' + v % 10);
		while (v /= 10);
	put(o, prefix, strlen(prefix));
	put(o, p, (size_t)(digits + sizeof digits - p));
}

/* One conversion at *f (just after '%'): done and *f moved past it, or
 * false when it is not one of ours (F1). */
static bool convert(struct out *o, const char **f, va_list *ap)
{
	const char *p = *f;
	bool alt = false, plus = false;
	for (;; p++) {
		if (*p == '#')
			alt = true;
		else if (*p == '+')
			plus = true;
		else
			break;
	}
	int size = 0; /* 0 int, 1 long, 2 long long, 3 size_t */
	if (p[0] == 'l' && p[1] == 'l')
		size = 2, p += 2;
	else if (*p == 'l')
		size = 1, p++;
	else if (*p == 'z')
		size = 3, p++;
	char c = *p;
	if (c == 's' && !alt && !plus && !size) {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		put(o, s, strlen(s));
	} else if ((c == 'd' || c == 'i') && !alt) {
		int64_t v = size == 2 ? va_arg(*ap, long long) : size == 1 ? va_arg(*ap, long)
			  : size == 3 ? (int64_t)va_arg(*ap, size_t) : va_arg(*ap, int);
		put_num(o, v < 0 ? "-" : plus ? "+" : "", v < 0 ? -(uint64_t)v : (uint64_t)v, 10);
	} else if ((c == 'u' || c == 'x') && !plus && !(alt && c == 'u')) {
		uint64_t v = size == 2 ? va_arg(*ap, unsigned long long) : size == 1 ? va_arg(*ap, unsigned long)
			   : size == 3 ? va_arg(*ap, size_t) : va_arg(*ap, unsigned);
		put_num(o, alt && v ? "0x" : "", v, c == 'x' ? 16 : 10);
	} else {
		return false;
	}
	*f = p + 1;
	return true;
}

int fmt_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	struct out o = {buf, n, 0};
	va_list ap, whole;
	va_start(ap, fmt);
	va_copy(whole, ap);
	const char *f = fmt;
	while (*f) {
		if (*f != '%') {
			const char *run = f;
			while (*f && *f != '%')
				f++;
			put(&o, run, (size_t)(f - run));
			continue;
		}
		f++;
		if (*f == '%') {
			put(&o, f++, 1);
			continue;
		}
		if (!convert(&o, &f, &ap)) { /* F1: all of it, from the start */
			va_end(ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
			int r = vsnprintf(buf, n, fmt, whole);
#pragma GCC diagnostic pop
			va_end(whole);
			return r;
		}
	}
	va_end(ap);
	va_end(whole);
	if (n)
		buf[o.len < n ? o.len : n - 1] = 0;
	return (int)o.len;
}
