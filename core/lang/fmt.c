/*
 * fmt.c — snprintf's common conversions without vfprintf, and the direct
 * writers (fmt.h).
 *
 *   F1. The result is byte for byte what snprintf gives, for every format
 *       (tests/unit/22_summary.c compares them): what is not done here
 *       goes to vsnprintf whole, never half. A direct writer gives what
 *       its printf conversion would (fmt.h names it).
 *   F2. The buffer is never overrun: at most n - 1 bytes and a NUL, and
 *       the return value (a direct writer's: struct fmt_buf's len) is the
 *       length the whole text would have.
 */
#include "fmt.h"

#include "jout.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The text so far and its room are a struct fmt_buf (fmt.h), and fmt_put
 * puts bytes: whole when they fit before the NUL (nearly always), else
 * what fits (F2). */

static void pad(struct fmt_buf *o, char c, size_t k)
{
	if (o->len + 1 < o->n) {
		size_t room = o->n - 1 - o->len;
		memset(o->buf + o->len, c, k < room ? k : room);
	}
	o->len += k;
}

/* What one conversion asked for: flags, width, size. */
struct spec {
	bool alt, plus, left, zero;
	size_t width;
	int size;                   /* 0 int, 1 long, 2 long long, 3 size_t */
};

/* text (k bytes) after prefix (pk bytes), padded to the width as printf
 * pads: spaces before (or after, with '-'), zeros between the prefix and
 * the digits with '0'. Out of line: few conversions have a width. */
static __attribute__((noinline)) void put_wide(struct fmt_buf *o, const struct spec *sp, const char *prefix, size_t pk,
					      const char *text, size_t k)
{
	size_t fill = sp->width > pk + k ? sp->width - pk - k : 0;
	if (fill && !sp->left && !sp->zero)
		pad(o, ' ', fill);
	fmt_put(o, prefix, pk);
	if (fill && !sp->left && sp->zero)
		pad(o, '0', fill);
	fmt_put(o, text, k);
	if (fill && sp->left)
		pad(o, ' ', fill);
}

static inline __attribute__((always_inline)) void put_padded(struct fmt_buf *o, const struct spec *sp, const char *prefix,
							     size_t pk, const char *text, size_t k)
{
	if (sp->width) {
		put_wide(o, sp, prefix, pk, text, k);
		return;
	}
	if (pk) /* nearly every conversion: no width */
		fmt_put(o, prefix, pk);
	fmt_put(o, text, k);
}

/* Two digits a step, from these tables: half the steps of one at a time. */
static const char hex_pairs[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
				"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
				"404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
				"606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
				"808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
				"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
				"c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
				"e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
static const char dec_pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
				"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
				"8081828384858687888990919293949596979899";

/* v's digits in base 16 (lower case) or 10, ending just before end; the
 * first digit's place. No leading zeros; 0 is "0". */
static inline char *digits(char *end, uint64_t v, unsigned base)
{
	char *p = end;
	if (base == 16) {
		for (; v >= 0x100; v >>= 8) {
			p -= 2;
			memcpy(p, &hex_pairs[(v & 0xff) * 2], 2);
		}
		if (v >= 0x10) {
			p -= 2;
			memcpy(p, &hex_pairs[v * 2], 2);
		} else {
			*--p = "0123456789abcdef"[v];
		}
		return p;
	}
	for (; v >= 100; v /= 100) {
		p -= 2;
		memcpy(p, &dec_pairs[(v % 100) * 2], 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, &dec_pairs[v * 2], 2);
	} else {
		*--p = (char)('0' + v);
	}
	return p;
}

/* v in base 10 or 16 (lower case), after prefix. */
static inline __attribute__((always_inline)) void put_num(struct fmt_buf *o, const struct spec *sp, const char *prefix,
							  size_t pk, uint64_t v, unsigned base)
{
	char buf[24], *end = buf + sizeof buf, *p = digits(end, v, base);
	put_padded(o, sp, prefix, pk, p, (size_t)(end - p));
}

/* The number's k bytes straight into o when they fit before the NUL
 * (nearly always: no copy, no call of memcpy for a few bytes), else
 * through a buffer of its own and fmt_put (F2). */
static inline __attribute__((always_inline)) void put_digits(struct fmt_buf *o, uint64_t v, unsigned base, size_t k)
{
	char buf[24];
	bool fits = o->len + k < o->n;
	char *end = fits ? o->buf + o->len + k : buf + sizeof buf;
	char *p = digits(end, v, base);
	if (base == 16 && v) { /* "0x" and the digits in one piece */
		*--p = 'x';
		*--p = '0';
	}
	if (fits)
		o->len += k;
	else
		fmt_put(o, p, (size_t)(end - p));
}

void fmt_hex(struct fmt_buf *o, uint64_t v)
{
	size_t nd = (size_t)(67 - __builtin_clzll(v | 1)) / 4;
	put_digits(o, v, 16, v ? nd + 2 : 1);
}

void fmt_dec(struct fmt_buf *o, uint64_t v)
{
	size_t nd = 1;
	for (uint64_t t = v; t >= 10; t /= 10)
		nd++;
	put_digits(o, v, 10, nd);
}

void fmt_sdec(struct fmt_buf *o, int64_t v, bool plus)
{
	static const struct spec none;
	const char *sign = v < 0 ? "-" : plus ? "+" : "";
	put_num(o, &none, sign, *sign != 0, v < 0 ? -(uint64_t)v : (uint64_t)v, 10);
}

/* The spec "%*", "%-*" or "%0*" makes of width. */
static struct spec spec_width(int width, bool zero)
{
	struct spec sp = {.left = width < 0, .zero = zero && width >= 0};
	sp.width = width < 0 ? (size_t)-(int64_t)width : (size_t)width;
	return sp;
}

/* text (k bytes) padded to |width| with c, before it (width > 0) or after
 * it, as one piece: the !pte and VirtualQuery lines pad most fields. The
 * piece is made in place when it fits before the NUL (nearly always),
 * else in a buffer of its own and put as what fits (F2). */
static void put_pad(struct fmt_buf *o, const char *text, size_t k, int width, char c)
{
	char buf[128];
	size_t w = width < 0 ? (size_t)-(int64_t)width : (size_t)width;
	if (w <= k || w > sizeof buf) {
		struct spec sp = spec_width(width, c == '0');
		put_padded(o, &sp, "", 0, text, k);
		return;
	}
	size_t fill = w - k;
	bool fits = o->len + w < o->n;
	char *p = fits ? o->buf + o->len : buf;
	memset(width < 0 ? p + k : p, c, fill);
	memcpy(width < 0 ? p : p + fill, text, k);
	if (fits)
		o->len += w;
	else
		fmt_put(o, buf, w);
}

void fmt_hexw(struct fmt_buf *o, uint64_t v, int width, bool zero)
{
	char buf[24], *end = buf + sizeof buf, *p = digits(end, v, 16);
	put_pad(o, p, (size_t)(end - p), width, zero && width > 0 ? '0' : ' ');
}

void fmt_strw(struct fmt_buf *o, const char *s, int width)
{
	if (!s)
		s = "(null)";
	put_pad(o, s, strlen(s), width, ' ');
}

const char *fmt_end(struct fmt_buf *o)
{
	if (o->n)
		o->buf[o->len < o->n ? o->len : o->n - 1] = 0;
	return o->buf;
}

/* The flags and width at *f; false for what is not ours (a precision, a
 * width too wide to trust). */
static bool parse_flags(const char **f, struct spec *sp, va_list *ap)
{
	const char *p = *f;
	for (;; p++) {
		if (*p == '#')
			sp->alt = true;
		else if (*p == '+')
			sp->plus = true;
		else if (*p == '-')
			sp->left = true;
		else if (*p == '0')
			sp->zero = true;
		else
			break;
	}
	if (*p == '*') {
		int w = va_arg(*ap, int);
		if (w < 0)
			sp->left = true, w = -w;
		sp->width = (size_t)w;
		p++;
	} else {
		for (; *p >= '0' && *p <= '9'; p++)
			if ((sp->width = sp->width * 10 + (size_t)(*p - '0')) > 4096)
				return false;
	}
	if (*p == '.')
		return false;
	if (sp->left)
		sp->zero = false; /* '-' overrides '0' */
	*f = p;
	return true;
}

/* The flags, width and size at p (just after '%'); false for what is not
 * ours. Most conversions have no flag but '#' and no width ("%#llx",
 * "%llu", "%s"): a size or conversion letter comes at once, and the flags'
 * loop is not needed. */
static inline __attribute__((always_inline)) bool parse_spec(const char **f, struct spec *sp, va_list *ap)
{
	const char *p = *f;
	*sp = (struct spec){0};
	if (p[0] == '#' && p[1] >= 'a') /* the alternate form alone */
		sp->alt = true, p++;
	else if (*p < 'a' && !parse_flags(&p, sp, ap)) /* a flag ('+', '-', '0'), a width, a precision ... */
		return false;
	if (p[0] == 'l' && p[1] == 'l')
		sp->size = 2, p += 2;
	else if (*p == 'l')
		sp->size = 1, p++;
	else if (*p == 'z')
		sp->size = 3, p++;
	*f = p;
	return true;
}

/* One conversion at *f (just after '%'): done and *f moved past it, or
 * false when it is not one of ours (F1). */
static bool convert(struct fmt_buf *o, const char **f, va_list *ap)
{
	struct spec sp;
	const char *p = *f;
	if (!parse_spec(&p, &sp, ap))
		return false;
	char c = *p;
	if (c == 's' && !sp.alt && !sp.plus && !sp.zero && !sp.size) {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		put_padded(o, &sp, "", 0, s, strlen(s));
	} else if ((c == 'd' || c == 'i') && !sp.alt) {
		int64_t v = sp.size == 2 ? va_arg(*ap, long long) : sp.size == 1 ? va_arg(*ap, long)
			  : sp.size == 3 ? (int64_t)va_arg(*ap, size_t) : va_arg(*ap, int);
		const char *sign = v < 0 ? "-" : sp.plus ? "+" : "";
		put_num(o, &sp, sign, *sign != 0, v < 0 ? -(uint64_t)v : (uint64_t)v, 10);
	} else if ((c == 'u' || c == 'x') && !sp.plus && !(sp.alt && c == 'u')) {
		uint64_t v = sp.size == 2 ? va_arg(*ap, unsigned long long) : sp.size == 1 ? va_arg(*ap, unsigned long)
			   : sp.size == 3 ? va_arg(*ap, size_t) : va_arg(*ap, unsigned);
		bool prefix = sp.alt && v;
		put_num(o, &sp, "0x", prefix ? 2 : 0, v, c == 'x' ? 16 : 10);
	} else {
		return false;
	}
	*f = p + 1;
	return true;
}

/* The whole format into o, or false at the first conversion that is not
 * ours (nothing of ap is then of use: F1). */
static bool format(struct fmt_buf *o, const char *f, va_list *ap)
{
	while (*f) {
		if (*f != '%') {
			const char *run = f;
			f = strchrnul(f, '%'); /* the literal runs are most of a text */
			fmt_put(o, run, (size_t)(f - run));
			continue;
		}
		f++;
		if (*f == '%') {
			fmt_put(o, f++, 1);
			continue;
		}
		if (!convert(o, &f, ap))
			return false;
	}
	return true;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
int fmt_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	struct fmt_buf o = {buf, n, 0};
	va_list ap, whole;
	va_start(ap, fmt);
	va_copy(whole, ap);
	bool ours = format(&o, fmt, &ap);
	va_end(ap);
	if (!ours) { /* F1: all of it, from the start */
		int r = vsnprintf(buf, n, fmt, whole);
		va_end(whole);
		return r;
	}
	va_end(whole);
	fmt_end(&o);
	return (int)o.len;
}

int fmt_fprintf(FILE *out, const char *fmt, ...)
{
	char buf[512];
	struct fmt_buf o = {buf, sizeof buf, 0};
	va_list ap, whole;
	va_start(ap, fmt);
	va_copy(whole, ap);
	bool ours = format(&o, fmt, &ap);
	va_end(ap);
	int r;
	if (ours && o.len < sizeof buf)
		r = (jout_put(out, buf, o.len), ferror(out) ? -1 : (int)o.len);
	else /* F1: not ours, or longer than the buffer */
		r = vfprintf(out, fmt, whole);
	va_end(whole);
	return r;
}
#pragma GCC diagnostic pop
