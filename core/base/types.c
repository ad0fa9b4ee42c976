/*
 * types.c — the error value, size formatting and the terminal-safe text
 * shared by every module.
 *
 * Safe text (types.h, docs/output.md OUT-SAFE) is one rule in one place
 * because mmviz prints untrusted text in many modes: the batch text, the
 * listings, --check, the TUI's cell grid. The rule works on characters,
 * not bytes, so a replaced character takes the one column it would have
 * taken and layouts stay as they were; and the decoder is strict (no
 * overlong forms, no surrogates, nothing past U+10FFFF), so what passes is
 * UTF-8 any terminal and any JSON reader accepts.
 */
#include "types.h"
#include "basemsg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

void mm_assert_fail(const char *expr, const char *file, int line)
{
	fflush(stdout);
	fprintf(stderr, "mmviz: assertion failed: %s (%s:%d)\n", expr, file, line);
	abort();
}

int mm_fail(struct mm_err *err, const char *code, int arg, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		err->arg = arg;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->msg_de[0] = '\0';
	}
	return -1;
}

/* de is not a literal the compiler can check against the arguments: the
 * catalogue's test checks it has en's conversions (types.h). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
int mm_fail_tr(struct mm_err *err, const char *code, int arg, const char *en, const char *de, ...)
{
	if (err) {
		va_list ap, again;
		err->code = code;
		err->arg = arg;
		va_start(ap, de);
		va_copy(again, ap);
		vsnprintf(err->msg, sizeof err->msg, en, ap);
		vsnprintf(err->msg_de, sizeof err->msg_de, de, again);
		va_end(again);
		va_end(ap);
	}
	return -1;
}
#pragma GCC diagnostic pop

int mm_fail_texts(struct mm_err *err, const char *code, int arg, const char *en, const char *de)
{
	if (err) {
		err->code = code;
		err->arg = arg;
		snprintf(err->msg, sizeof err->msg, "%s", en);
		snprintf(err->msg_de, sizeof err->msg_de, "%s", de);
	}
	return -1;
}

const char *mm_err_text(const struct mm_err *err, int lang)
{
	return lang && err->msg_de[0] ? err->msg_de : err->msg;
}

int mm_fail_wrap(struct mm_err *err, const char *code, int arg, uint64_t addr, uint64_t size, uint64_t round)
{
	char r[32];
	if (round)
		return mm_fail_tr(err, code, arg, BM_WRAP_ROUND, (unsigned long long)size, mm_size_str(round, r));
	return mm_fail_tr(err, code, arg, BM_WRAP_RANGE, (unsigned long long)addr, (unsigned long long)size);
}

void mm_err_clear(struct mm_err *err)
{
	if (err) {
		err->code = NULL;
		err->arg = -1;
		err->msg[0] = '\0';
		err->msg_de[0] = '\0';
	}
}

const char *mm_size_str(uint64_t bytes, char buf[32])
{
	static const char *unit[] = {"bytes", "KB", "MB", "GB", "TB"};
	unsigned u = 0;
	uint64_t v = bytes;
	while (u + 1 < MM_ARRAY_LEN(unit) && v >= 1024 && v % 1024 == 0) {
		v /= 1024;
		u++;
	}
	snprintf(buf, 32, "%llu %s", (unsigned long long)v, unit[u]);
	return buf;
}

/* ---- terminal-safe text ---- */

size_t mm_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	static const uint32_t min[4] = {0, 0x80, 0x800, 0x10000};
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0)
		return 0;
	*cp = MM_UTF8_BAD;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t len = u[0] >= 0xF0 && u[0] <= 0xF4 ? 4 : u[0] >= 0xE0 && u[0] < 0xF0 ? 3
		   : u[0] >= 0xC2 && u[0] < 0xE0 ? 2 : 0;
	if (len == 0 || len > n)
		return 1;
	uint32_t c = u[0] & (0x7Fu >> len);
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 1;
		c = c << 6 | (u[i] & 0x3F);
	}
	if (c < min[len - 1] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 1;
	*cp = c;
	return len;
}

uint32_t mm_text_cp(uint32_t cp, unsigned flags)
{
	if (cp >= 0x20 && cp < 0x7F)
		return cp;
	if (cp == '\n')
		return flags & MM_TEXT_LINES ? cp : ' ';
	if (cp == '\t' || cp == '\r')
		return ' ';
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp >= MM_UTF8_BAD)
		return 0xFFFD;
	return cp;
}

size_t mm_utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The next safe character of s at *i (advanced past it) into out; returns
 * its length, 0 at the end. A character that is already safe is copied
 * as its own bytes. */
static size_t text_next(const char *s, size_t len, size_t *i, unsigned flags, char out[4])
{
	uint32_t cp;
	const char *at = s + *i;
	size_t k = mm_utf8_decode(at, len - *i, &cp);
	if (k == 0)
		return 0;
	*i += k;
	uint32_t safe = mm_text_cp(cp, flags);
	if (safe != cp)
		return mm_utf8_encode(safe, out);
	memcpy(out, at, k);
	return k;
}

size_t mm_text_safe(char *dst, size_t n, const char *s, unsigned flags)
{
	size_t len = strlen(s), i = 0, total = 0, k;
	bool room = n > 0;
	char ch[4];
	while ((k = text_next(s, len, &i, flags, ch)) > 0) {
		if (room && total + k < n)
			memcpy(dst + total, ch, k);
		else if (room) {
			dst[total] = '\0';
			room = false;
		}
		total += k;
	}
	if (room)
		dst[total] = '\0';
	return total;
}

/* Runs of characters that pass unchanged are written in one piece: the
 * batch text echoes every command line through here. */
int mm_text_fputs(const char *s, unsigned flags, FILE *f)
{
	size_t len = strlen(s), i = 0, run = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = mm_utf8_decode(s + i, len - i, &cp);
		uint32_t safe = mm_text_cp(cp, flags);
		if (safe == cp) {
			i += k;
			continue;
		}
		char ch[4];
		size_t m = mm_utf8_encode(safe, ch);
		if (fwrite(s + run, 1, i - run, f) != i - run || fwrite(ch, 1, m, f) != m)
			return EOF;
		i += k;
		run = i;
	}
	return fwrite(s + run, 1, len - run, f) == len - run ? 0 : EOF;
}

/* ---- did you mean (types.h) ---------------------------------------------- */

int mm_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 31 || lb > 31)
		return 99;
	int d[32][32];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
			int sub = d[i - 1][j - 1] + (ca != cb);
			d[i][j] = MM_MIN(sub, MM_MIN(d[i - 1][j], d[i][j - 1]) + 1);
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb)
				d[i][j] = MM_MIN(d[i][j], d[i - 2][j - 2] + 1); /* transposition */
		}
	return d[la][lb];
}

void mm_spell_init(struct mm_spell *sp, const char *word)
{
	*sp = (struct mm_spell){.word = word ? word : "", .best = NULL, .dist = 0, .tie = false};
}

void mm_spell_try(struct mm_spell *sp, const char *name)
{
	if (!name || !*name || !*sp->word)
		return;
	int reach = strlen(name) > 4 ? 2 : 1, d = mm_edit_distance(sp->word, name);
	if (d > reach || d == 0) /* 0: the word is the name (the caller's own match failed for another reason) */
		return;
	if (!sp->best || d < sp->dist) {
		sp->best = name;
		sp->dist = d;
		sp->tie = false;
	} else if (d == sp->dist && strcasecmp(name, sp->best)) {
		sp->tie = true;
	}
}

const char *mm_spell_best(const struct mm_spell *sp)
{
	return sp->tie ? NULL : sp->best;
}
