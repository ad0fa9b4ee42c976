/*
 * scenario.c — the scenario loader (docs/scenarios.md SCN-FORMAT).
 *
 * Design
 * ------
 * A scenario file is untrusted input written by people, so the loader has
 * two jobs: refuse anything hostile or mistaken, and say precisely where
 * and why (file:line:column, the JSON path, what was expected there). cJSON
 * keeps no positions and accepts more than JSON (raw control characters,
 * "01", "1.", trailing text, duplicate keys), so loading runs in four
 * passes over the same bytes:
 *
 *   1. scan   A strict validating scanner (RFC 8259 syntax, UTF-8, no NUL,
 *             no \u0000, paired surrogates, bounded depth, string length,
 *             value count; nothing after the document). It builds no tree;
 *             on the first error it knows the offset and its own path.
 *   2. parse  cJSON_ParseWithLengthOpts on the same bytes. After pass 1 it
 *             can fail only for lack of memory.
 *   3. walk   A typed walk of the tree against key tables (case-sensitive
 *             names; unknown and duplicate keys refused), converting at
 *             once into the plain structs of scenario.h. The walk carries
 *             the path as a stack of (key, ordinal) pairs: the ordinal of
 *             a member among its object's members, or of an element in its
 *             list. cJSON keeps members in document order, duplicates
 *             included, so an ordinal path names exactly one place in the
 *             text.
 *   4. find   Only when the walk fails: a navigator follows the ordinal
 *             path over the (now known valid) text to the offending key or
 *             value and turns its offset into line and column.
 *
 * Then the document is deleted; only `expect` subtrees survive, detached
 * and owned by their steps (the matcher needs JSON, and they are JSON).
 *
 * Rules
 * -----
 *  R1. Every object has a key table; a key not in it is an error, with a
 *      hint when it differs from a known key only by case or a typo.
 *  R2. A key given twice is an error at the second occurrence, also inside
 *      `expect` (where any key may appear).
 *  R3. `schema` is checked before anything else: a newer file gets
 *      "schema 2 is newer", not a cascade of unknown keys.
 *  R4. Limits (scenario.h SCN_MAX_*) are checked where the value is, so the
 *      message points at the string or step that crossed them.
 *  R5. Commands that write host files (`save`, `export`, or a prefix of
 *      them) are refused: a scenario may not touch the host.
 *  R6. Numbers that stand for sizes or addresses are accepted as strings
 *      ("16M", "0x180000000") or as integral JSON numbers up to 2^53.
 *
 * Layout of this file: messages and positions; the scanner (pass 1); the
 * navigator (pass 4); the typed walk (pass 3); load and free; the machine
 * merge; search path and listing.
 */
#include "scenario.h"

#include "session.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"

#define SCN_MAX_KEY 128         /* bytes in one object key */
#define SCN_MAX_LISTED 1000     /* files per directory for --list-scenarios */

/* One component of a JSON path: an object member (key != NULL) or a list
 * element (key == NULL), with its ordinal among its siblings. */
struct path_comp {
	const char *key;
	size_t klen;
	int ord;
};

/* ---------------------------------------------------------------------
 * Messages and positions
 * ------------------------------------------------------------------- */

/* ASCII classes: the TUI calls setlocale(), and what a file may hold must
 * not depend on the locale. */
static bool a_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool a_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static bool a_alpha(int c)
{
	return a_lower(c | 0x20);
}

static bool a_alnum(int c)
{
	return a_alpha(c) || a_digit(c);
}

/* A user string for a message: at most 40 bytes, cut at a UTF-8
 * boundary, control characters as '?', "..." when cut. Returns buf. */
static const char *clip(const char *s, char buf[48])
{
	size_t n = 0, i = 0;
	for (; s[i] && n < 40; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80 || c >= 0xC0) {
			size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (n + k > 40)
				break;
			memcpy(buf + n, s + i, k);
			n += k;
			i += k - 1;
			continue;
		}
		buf[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	strcpy(buf + n, s[i] ? "..." : "");
	return buf;
}

static bool is_ident(const char *k, size_t n)
{
	if (n == 0 || !(a_alpha(k[0]) || k[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(a_alnum(k[i]) || k[i] == '_'))
			return false;
	return true;
}

/* Appends one path component: ".key", "key" at the start, ["odd key"] or [3]. */
static void path_append(char *buf, size_t size, const struct path_comp *c)
{
	size_t len = strlen(buf);
	if (len + 1 >= size)
		return;
	char *p = buf + len;
	size_t room = size - len;
	if (!c->key) {
		snprintf(p, room, "[%d]", c->ord);
	} else if (is_ident(c->key, c->klen)) {
		snprintf(p, room, "%s%.*s", len ? "." : "", (int)MM_MIN(c->klen, 40), c->key);
	} else {
		char k[48];
		size_t j = 0;
		for (size_t i = 0; i < c->klen && j + 1 < sizeof k; i++) {
			unsigned char ch = (unsigned char)c->key[i];
			k[j++] = (ch < 0x20 || ch == 0x7f || ch == '"' || ch == '\\') ? '?' : (char)ch;
		}
		k[j] = '\0';
		snprintf(p, room, "[\"%s\"]", k);
	}
}

static void path_format(const struct path_comp *c, int n, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		path_append(buf, size, &c[i]);
}

static size_t bom_len(const char *s, size_t len)
{
	return (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
}

/* Line and column (1-based, columns in UTF-8 characters) of byte off. */
static void pos_linecol(const char *s, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = bom_len(s, len); i < off && i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* Copies src (NULL = "") into dst of n bytes, cut at a UTF-8 boundary. */
static void copy_cut(char *dst, size_t n, const char *src)
{
	size_t l = src ? strlen(src) : 0;
	if (l >= n) {
		l = n - 1;
		while (l > 0 && ((unsigned char)src[l] & 0xC0) == 0x80)
			l--;
	}
	memcpy(dst, src ? src : "", l);
	dst[l] = '\0';
}

/* Fills e completely and returns -1. text == NULL: no position. */
static int err_fill(struct scn_err *e, const char *file, const char *text, size_t len,
                    size_t off, const char *path, const char *what, const char *expected)
{
	if (!e)
		return -1;
	memset(e, 0, sizeof *e);
	copy_cut(e->path, sizeof e->path, path);
	copy_cut(e->what, sizeof e->what, what);
	copy_cut(e->expected, sizeof e->expected, expected);
	if (!text) {
		snprintf(e->msg, sizeof e->msg, "%s: %s%s%s", file, what,
		         e->expected[0] ? "; expected " : "", e->expected);
		return -1;
	}
	e->offset = off;
	pos_linecol(text, len, off, &e->line, &e->col);
	snprintf(e->msg, sizeof e->msg, "%s:%d:%d: %s: %s%s%s", file, e->line, e->col,
	         e->path[0] ? e->path : "(top level)", e->what,
	         e->expected[0] ? "; expected " : "", e->expected);
	return -1;
}

/* ---------------------------------------------------------------------
 * Pass 1: the validating scanner
 * ------------------------------------------------------------------- */

struct jv_frame {
	bool obj;
	bool has_key;           /* obj: the current member's key has been read */
	bool omit;              /* the error is about the container: leave c out */
	struct path_comp c;
};

struct jv {
	const unsigned char *s;
	size_t len, pos;
	int depth;
	size_t nvalues;
	struct jv_frame st[SCN_MAX_DEPTH + 1];
	size_t err_off;
	char what[200];
	char expected[200];
};

static int jv_fail(struct jv *v, size_t off, const char *expected, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int jv_fail(struct jv *v, size_t off, const char *expected, const char *fmt, ...)
{
	va_list ap;
	v->err_off = off;
	va_start(ap, fmt);
	vsnprintf(v->what, sizeof v->what, fmt, ap);
	va_end(ap);
	snprintf(v->expected, sizeof v->expected, "%s", expected);
	return -1;
}

/* The scanner's path at the error: members whose key is not read yet are
 * left out (the error is then about their object). */
static void jv_path(const struct jv *v, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = 0; i < v->depth; i++)
		if (!v->st[i].omit && (!v->st[i].obj || v->st[i].has_key))
			path_append(buf, size, &v->st[i].c);
}

/* Length of a valid UTF-8 sequence of 2..4 bytes at p, or 0 (RFC 3629:
 * no overlongs, no surrogates, nothing above U+10FFFF). */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0], lo = 0x80, hi = 0xBF;
	size_t k;
	if (c >= 0xC2 && c <= 0xDF)
		k = 1;
	else if (c == 0xE0)
		k = 2, lo = 0xA0;
	else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
		k = 2;
	else if (c == 0xED)
		k = 2, hi = 0x9F;
	else if (c == 0xF0)
		k = 3, lo = 0x90;
	else if (c >= 0xF1 && c <= 0xF3)
		k = 3;
	else if (c == 0xF4)
		k = 3, hi = 0x8F;
	else
		return 0;
	if (n < k + 1 || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i <= k; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	return k + 1;
}

/* Names the byte at pos for an "unexpected ..." message. */
static int jv_unexpected(struct jv *v, const char *expected)
{
	size_t p = v->pos;
	if (p >= v->len)
		return jv_fail(v, p, expected, "unexpected end of file");
	unsigned char c = v->s[p];
	if (c == 0)
		return jv_fail(v, p, "UTF-8 text", "NUL byte (is this a binary file?)");
	if (c == '/')
		return jv_fail(v, p, expected, "'/': comments are not allowed in JSON");
	if (c == '\'')
		return jv_fail(v, p, expected, "single quote: JSON strings use double quotes");
	if (c < 0x20 || c == 0x7f)
		return jv_fail(v, p, expected, "control character 0x%02x", c);
	if (c >= 0x80)
		return jv_fail(v, p, expected, utf8_len(v->s + p, v->len - p)
		               ? "non-ASCII character outside a string"
		               : "invalid UTF-8 byte 0x%02x", c);
	return jv_fail(v, p, expected, "unexpected '%c'", c);
}

static void jv_ws(struct jv *v)
{
	while (v->pos < v->len) {
		unsigned char c = v->s[v->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		v->pos++;
	}
}

static int hexval(int c)
{
	if (a_digit(c))
		return c - '0';
	c |= 0x20;
	return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Reads \uXXXX at p (p at the backslash); -1 when malformed. */
static long jv_u4(const struct jv *v, size_t p)
{
	if (p + 6 > v->len || v->s[p] != '\\' || v->s[p + 1] != 'u')
		return -1;
	long u = 0;
	for (int i = 2; i < 6; i++) {
		int h = hexval(v->s[p + i]);
		if (h < 0)
			return -1;
		u = u * 16 + h;
	}
	return u;
}

static int jv_escape(struct jv *v)
{
	size_t at = v->pos;
	if (at + 1 >= v->len)
		return jv_fail(v, at, "an escape and '\"' to close the string", "unexpected end of file");
	unsigned char c = v->s[at + 1];
	if (c && strchr("\"\\/bfnrt", c)) {
		v->pos += 2;
		return 0;
	}
	if (c != 'u')
		return jv_fail(v, at, "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
		               "unknown escape '\\%c'", c >= 0x20 && c < 0x7f ? c : '?');
	long u = jv_u4(v, at);
	if (u < 0)
		return jv_fail(v, at, "\\u and 4 hex digits", "malformed \\u escape");
	if (u == 0)
		return jv_fail(v, at, "text without NUL characters", "\\u0000 (a NUL character)");
	if (u >= 0xDC00 && u <= 0xDFFF)
		return jv_fail(v, at, "a high surrogate \\uD800-\\uDBFF before it",
		               "unpaired low surrogate \\u%04lx", u);
	if (u >= 0xD800 && u <= 0xDBFF) {
		long lo = jv_u4(v, at + 6);
		if (lo < 0xDC00 || lo > 0xDFFF)
			return jv_fail(v, at, "a low surrogate \\uDC00-\\uDFFF after it",
			               "unpaired high surrogate \\u%04lx", u);
		v->pos += 12;
		return 0;
	}
	v->pos += 6;
	return 0;
}

/* A string at pos (at the opening quote), at most max bytes inside. */
static int jv_string(struct jv *v, size_t max)
{
	size_t open = v->pos++;
	for (;;) {
		if (v->pos >= v->len)
			return jv_fail(v, open, "'\"' to close the string", "unterminated string");
		unsigned char c = v->s[v->pos];
		if (c == '"')
			break;
		if (v->pos - open > max)
			return jv_fail(v, open, max == SCN_MAX_KEY ? "a key of at most 128 bytes"
			               : "a string of at most 64 KiB", "string too long");
		if (c == '\\') {
			if (jv_escape(v))
				return -1;
		} else if (c == '\n' || c == '\r') {
			return jv_fail(v, v->pos, "'\"' to close the string, or \\n for a line break",
			               "line break inside a string (missing closing quote?)");
		} else if (c < 0x20 || c == 0x7f) {
			return c ? jv_fail(v, v->pos, "an escape such as \\t or \\u001b",
			                   "control character 0x%02x inside a string", c)
			         : jv_unexpected(v, "UTF-8 text");
		} else if (c >= 0x80) {
			size_t n = utf8_len(v->s + v->pos, v->len - v->pos);
			if (!n)
				return jv_fail(v, v->pos, "UTF-8 text", "invalid UTF-8 byte 0x%02x", c);
			v->pos += n;
		} else {
			v->pos++;
		}
	}
	v->pos++;
	return 0;
}

static bool at_digit(const struct jv *v)
{
	return v->pos < v->len && v->s[v->pos] >= '0' && v->s[v->pos] <= '9';
}

static int jv_digits(struct jv *v, const char *after)
{
	if (!at_digit(v))
		return jv_fail(v, v->pos, "a digit", "no digit after %s", after);
	while (at_digit(v))
		v->pos++;
	return 0;
}

static int jv_number(struct jv *v)
{
	size_t start = v->pos;
	if (v->s[v->pos] == '-')
		v->pos++;
	if (v->pos < v->len && v->s[v->pos] == '0') {
		v->pos++;
		if (v->pos < v->len && (v->s[v->pos] == 'x' || v->s[v->pos] == 'X'))
			return jv_fail(v, start, "a decimal number, or the hex number as a string: \"0x1000\"",
			               "hex number outside a string");
		if (at_digit(v))
			return jv_fail(v, start, "a number without leading zeros", "leading zero");
	} else if (jv_digits(v, "'-'")) {
		return -1;
	}
	if (v->pos < v->len && v->s[v->pos] == '.') {
		v->pos++;
		if (jv_digits(v, "'.'"))
			return -1;
	}
	if (v->pos < v->len && (v->s[v->pos] == 'e' || v->s[v->pos] == 'E')) {
		v->pos++;
		if (v->pos < v->len && (v->s[v->pos] == '+' || v->s[v->pos] == '-'))
			v->pos++;
		if (jv_digits(v, "the exponent"))
			return -1;
	}
	if (v->pos < v->len && a_alpha(v->s[v->pos]))
		return jv_fail(v, start, "a number, or a string such as \"16M\"",
		               "a number with a unit must be written as a string");
	size_t n = v->pos - start;
	if (n > 63)
		return jv_fail(v, start, "a number of at most 63 characters", "number too long");
	char tmp[64];
	memcpy(tmp, v->s + start, n);
	tmp[n] = '\0';
	if (!isfinite(strtod(tmp, NULL)))
		return jv_fail(v, start, "a number within the range of a double", "number out of range");
	return 0;
}

/* true, false, null; any other word is an error. */
static int jv_word(struct jv *v)
{
	static const char *const words[] = {"true", "false", "null"};
	size_t start = v->pos, n = 0;
	while (start + n < v->len && a_alnum(v->s[start + n]))
		n++;
	for (size_t i = 0; i < MM_ARRAY_LEN(words); i++) {
		if (n == strlen(words[i]) && memcmp(v->s + start, words[i], n) == 0) {
			v->pos += n;
			return 0;
		}
	}
	return jv_fail(v, start, "a string in double quotes, a number, true, false or null",
	               "unquoted word '%.*s'", (int)MM_MIN(n, 40), (const char *)v->s + start);
}

static int jv_value(struct jv *v);

static int jv_push(struct jv *v, bool obj)
{
	if (v->depth >= SCN_MAX_DEPTH)
		return jv_fail(v, v->pos, "at most 32 levels of nested objects and lists",
		               "nested too deeply");
	struct jv_frame *f = &v->st[v->depth++];
	f->obj = obj;
	f->has_key = false;
	f->omit = false;
	f->c.key = obj ? "" : NULL;
	f->c.klen = 0;
	f->c.ord = 0;
	v->pos++;
	jv_ws(v);
	return 0;
}

static int jv_member_key(struct jv *v, struct jv_frame *f)
{
	if (v->pos >= v->len || v->s[v->pos] != '"') {
		if (f->c.ord > 0 && v->pos < v->len && v->s[v->pos] == '}' && (f->omit = true))
			return jv_fail(v, v->pos, "another \"key\": value after ','", "trailing comma before '}'");
		if (v->pos < v->len && (a_alpha(v->s[v->pos]) || v->s[v->pos] == '_'))
			return jv_fail(v, v->pos, "\"key\" in double quotes", "key without quotes");
		return jv_unexpected(v, "a \"key\" in double quotes");
	}
	size_t k = v->pos + 1;
	if (jv_string(v, SCN_MAX_KEY))
		return -1;
	f->c.key = (const char *)v->s + k;
	f->c.klen = v->pos - 1 - k;
	f->has_key = true;
	jv_ws(v);
	if (v->pos >= v->len || v->s[v->pos] != ':')
		return jv_unexpected(v, "':' after the key");
	v->pos++;
	jv_ws(v);
	return 0;
}

/* An object or list at pos. */
static int jv_container(struct jv *v)
{
	bool obj = v->s[v->pos] == '{';
	char close = obj ? '}' : ']';
	if (jv_push(v, obj))
		return -1;
	struct jv_frame *f = &v->st[v->depth - 1];
	if (v->pos < v->len && v->s[v->pos] == close) {
		v->pos++;
		v->depth--;
		return 0;
	}
	for (;;) {
		if (obj && jv_member_key(v, f))
			return -1;
		if (!obj && f->c.ord > 0 && v->pos < v->len && v->s[v->pos] == ']' && (f->omit = true))
			return jv_fail(v, v->pos, "another value after ','", "trailing comma before ']'");
		if (jv_value(v))
			return -1;
		jv_ws(v);
		if (v->pos < v->len && v->s[v->pos] == ',') {
			v->pos++;
			jv_ws(v);
			f->c.ord++;
			f->has_key = false;
			continue;
		}
		if (v->pos < v->len && v->s[v->pos] == close) {
			v->pos++;
			v->depth--;
			return 0;
		}
		f->omit = true;         /* the error is about the container */
		return jv_unexpected(v, obj ? "',' or '}'" : "',' or ']'");
	}
}

static int jv_value(struct jv *v)
{
	if (++v->nvalues > SCN_MAX_VALUES)
		return jv_fail(v, v->pos, "at most 2,000,000 values in one file", "too many values");
	if (v->pos >= v->len)
		return jv_unexpected(v, "a value");
	unsigned char c = v->s[v->pos];
	if (c == '{' || c == '[')
		return jv_container(v);
	if (c == '"')
		return jv_string(v, SCN_MAX_STRING);
	if (c == '-' || (c >= '0' && c <= '9'))
		return jv_number(v);
	if (a_alpha(c))
		return jv_word(v);
	return jv_unexpected(v, "a value (object, list, string, number, true, false or null)");
}

/* Pass 1 over the whole text. Returns 0, or -1 with err filled. */
static int scan_text(const char *file, const char *text, size_t len, struct scn_err *err)
{
	struct jv *v = calloc(1, sizeof *v);
	if (!v)
		return err_fill(err, file, NULL, 0, 0, "", "out of memory", NULL);
	v->s = (const unsigned char *)text;
	v->len = len;
	v->pos = bom_len(text, len);
	jv_ws(v);
	int rc = 0;
	if (v->pos >= v->len)
		rc = jv_fail(v, v->pos, "a JSON object", "empty file");
	else if (jv_value(v) == 0) {
		jv_ws(v);
		if (v->pos < v->len)
			rc = jv_fail(v, v->pos, "end of file (one JSON object per file)",
			             "text after the end of the document");
	} else {
		rc = -1;
	}
	if (rc) {
		char path[160];
		jv_path(v, path, sizeof path);
		err_fill(err, file, text, len, v->err_off, path, v->what, v->expected);
	}
	free(v);
	return rc;
}

/* ---------------------------------------------------------------------
 * Pass 4: the navigator (over text that pass 1 accepted)
 * ------------------------------------------------------------------- */

static size_t nav_ws(const char *s, size_t len, size_t p)
{
	while (p < len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
		p++;
	return p;
}

static size_t nav_string(const char *s, size_t len, size_t p)
{
	for (p++; p < len && s[p] != '"'; p++)
		if (s[p] == '\\')
			p++;
	return p < len ? p + 1 : len;
}

static size_t nav_value(const char *s, size_t len, size_t p)
{
	if (p >= len)
		return len;
	if (s[p] == '"')
		return nav_string(s, len, p);
	if (s[p] == '{' || s[p] == '[') {
		int d = 0;
		while (p < len) {
			char c = s[p];
			if (c == '"') {
				p = nav_string(s, len, p);
				continue;
			}
			if (c == '{' || c == '[')
				d++;
			else if ((c == '}' || c == ']') && --d == 0)
				return p + 1;
			p++;
		}
		return len;
	}
	while (p < len && !strchr(",]} \t\r\n", s[p]))
		p++;
	return p;
}

/* Skips the key and ':' of a member at p (at its opening quote). */
static size_t nav_key(const char *s, size_t len, size_t p)
{
	p = nav_ws(s, len, nav_string(s, len, p));
	return nav_ws(s, len, p + 1);
}

/* Offset of the value (or, at_key, the key) named by an ordinal path. */
static size_t nav_find(const char *s, size_t len, const struct path_comp *c, int n, bool at_key)
{
	size_t p = nav_ws(s, len, bom_len(s, len));
	for (int i = 0; i < n && p < len; i++) {
		bool obj = s[p] == '{';
		p = nav_ws(s, len, p + 1);
		for (int k = 0; k < c[i].ord && p < len; k++) {
			if (obj)
				p = nav_key(s, len, p);
			p = nav_ws(s, len, nav_value(s, len, p));
			p = nav_ws(s, len, p + 1);          /* ',' */
		}
		if (obj) {
			if (i == n - 1 && at_key)
				return MM_MIN(p, len);
			p = nav_key(s, len, p);
		}
	}
	return MM_MIN(p, len);
}

/* Lines of the n elements of the list at path c (one pass). */
static void nav_list_lines(const char *s, size_t len, const struct path_comp *c, int depth,
                           int *lines, int n)
{
	size_t p = nav_find(s, len, c, depth, false), from = 0;
	int line = 1, col;
	p = nav_ws(s, len, p + 1);
	for (int k = 0; k < n && p < len; k++) {
		int dl;
		pos_linecol(s + from, len - from, p - from, &dl, &col);
		line += dl - 1;
		lines[k] = line;
		from = p;
		p = nav_ws(s, len, nav_value(s, len, p));
		p = nav_ws(s, len, p + 1);
	}
}

/* ---------------------------------------------------------------------
 * Pass 3: the typed walk
 * ------------------------------------------------------------------- */

struct walk {
	const char *file;
	const char *text;
	size_t len;
	struct scn_err *err;
	struct path_comp path[SCN_MAX_DEPTH + 2];
	int depth;
	size_t narration;       /* bytes of narration so far */
	int steps_ord;          /* ordinal of "steps" among the top-level members */
};

enum walk_at { AT_VALUE, AT_KEY };

static int walk_fail(struct walk *w, enum walk_at at, const char *expected, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int walk_fail(struct walk *w, enum walk_at at, const char *expected, const char *fmt, ...)
{
	char what[256], path[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	path_format(w->path, w->depth, path, sizeof path);
	size_t off = nav_find(w->text, w->len, w->path, w->depth, at == AT_KEY && w->depth > 0);
	return err_fill(w->err, w->file, w->text, w->len, off, path, what, expected);
}

static void walk_push(struct walk *w, const char *key, int ord)
{
	struct path_comp *c = &w->path[w->depth++];
	c->key = key;
	c->klen = key ? strlen(key) : 0;
	c->ord = ord;
}

static void walk_pop(struct walk *w)
{
	w->depth--;
}

/* "the number 5", "a list", "the string \"abc\"" ... */
static const char *jdesc(const cJSON *it, char *buf, size_t n)
{
	if (cJSON_IsString(it)) {
		char c[48];
		snprintf(buf, n, "the string \"%s\"", clip(it->valuestring, c));
	} else if (cJSON_IsNumber(it)) {
		snprintf(buf, n, "the number %.17g", it->valuedouble);
	} else if (cJSON_IsTrue(it)) {
		snprintf(buf, n, "true");
	} else if (cJSON_IsFalse(it)) {
		snprintf(buf, n, "false");
	} else if (cJSON_IsNull(it)) {
		snprintf(buf, n, "null");
	} else {
		snprintf(buf, n, cJSON_IsArray(it) ? "a list" : "an object");
	}
	return buf;
}

static int walk_type(struct walk *w, const cJSON *it, const char *expected)
{
	char d[80];
	return walk_fail(w, AT_VALUE, expected, "wrong type: got %s", jdesc(it, d, sizeof d));
}

static int walk_oom(struct walk *w)
{
	return walk_fail(w, AT_VALUE, "", "out of memory");
}

static char *walk_strdup(struct walk *w, const char *s)
{
	char *d = strdup(s);
	if (!d)
		walk_oom(w);
	return d;
}

/* Edit distance with transpositions (31 bytes at most): small typos get a
 * hint. */
static int edit_distance(const char *a, const char *b)
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
			int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			d[i][j] = MM_MIN(sub, MM_MIN(d[i - 1][j], d[i][j - 1]) + 1);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				d[i][j] = MM_MIN(d[i][j], d[i - 2][j - 2] + 1);     /* transposition */
		}
	return d[la][lb];
}

static void keys_join(const char *const *keys, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int i = 0; keys[i]; i++) {
		size_t l = strlen(buf);
		snprintf(buf + l, n - l, "%s%s", i ? ", " : "", keys[i]);
	}
}

/* R1: an unknown key, with a hint when it is close to a known one. */
static int walk_unknown_key(struct walk *w, const char *key, const char *const *keys)
{
	char list[200], exp[320], c[48];
	keys_join(keys, list, sizeof list);
	for (int i = 0; keys[i]; i++) {
		if (strcasecmp(key, keys[i]) == 0 || edit_distance(key, keys[i]) <= (strlen(keys[i]) > 4 ? 2 : 1)) {
			snprintf(exp, sizeof exp, "\"%s\" (keys are case-sensitive; known keys: %s)", keys[i], list);
			return walk_fail(w, AT_KEY, exp, "unknown key \"%s\"", clip(key, c));
		}
	}
	snprintf(exp, sizeof exp, "one of %s", list);
	return walk_fail(w, AT_KEY, exp, "unknown key \"%s\"", clip(key, c));
}

typedef int (*member_fn)(struct walk *w, int key, cJSON *it, void *ctx);

/* Walks an object against a key table (NULL-terminated). Calls fn for each
 * member with the path pushed. R1, R2; then checks the required keys
 * (bit i of required = keys[i]). *seen_out (may be NULL) gets the keys seen. */
static int walk_object(struct walk *w, cJSON *obj, const char *const *keys, unsigned required,
                       member_fn fn, void *ctx, unsigned *seen_out)
{
	char list[200], exp[240];
	if (!cJSON_IsObject(obj)) {
		keys_join(keys, list, sizeof list);
		snprintf(exp, sizeof exp, "an object with keys %s", list);
		return walk_type(w, obj, exp);
	}
	unsigned seen = 0;
	int ord = 0;
	for (cJSON *it = obj->child; it; it = it->next, ord++) {
		int k = 0;
		while (keys[k] && strcmp(keys[k], it->string) != 0)
			k++;
		walk_push(w, it->string, ord);
		int rc;
		if (!keys[k])
			rc = walk_unknown_key(w, it->string, keys);
		else if (seen & (1u << k))
			rc = walk_fail(w, AT_KEY, "each key once", "key \"%s\" given twice", keys[k]);
		else {
			seen |= 1u << k;
			rc = fn(w, k, it, ctx);
		}
		walk_pop(w);
		if (rc)
			return -1;
	}
	for (int k = 0; keys[k]; k++)
		if ((required & (1u << k)) && !(seen & (1u << k))) {
			snprintf(exp, sizeof exp, "a \"%s\" key", keys[k]);
			return walk_fail(w, AT_VALUE, exp, "missing key \"%s\"", keys[k]);
		}
	if (seen_out)
		*seen_out = seen;
	return 0;
}

/* A string of 1..max bytes without control characters. */
static int walk_string(struct walk *w, const cJSON *it, size_t max, const char *expected, char **out)
{
	if (!cJSON_IsString(it))
		return walk_type(w, it, expected);
	size_t n = strlen(it->valuestring);
	if (n == 0)
		return walk_fail(w, AT_VALUE, expected, "empty string");
	if (n > max)
		return walk_fail(w, AT_VALUE, expected, "string of %zu bytes is too long (at most %zu)", n, max);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)it->valuestring[i] < 0x20)
			return walk_fail(w, AT_VALUE, expected, "control character in a name or command");
	*out = walk_strdup(w, it->valuestring);
	return *out ? 0 : -1;
}

/* A name: [a-z0-9][a-z0-9._-]*, at most 64 bytes. */
static int walk_slug(struct walk *w, const cJSON *it, char **out)
{
	char cbuf[48];
	static const char exp[] = "lower-case letters, digits, '.', '_' and '-', at most 64 bytes";
	if (!cJSON_IsString(it))
		return walk_type(w, it, exp);
	const char *s = it->valuestring;
	size_t n = strlen(s);
	bool ok = n >= 1 && n <= SCN_MAX_NAME && (a_lower(s[0]) || a_digit(s[0]));
	for (size_t i = 0; ok && i < n; i++)
		ok = a_lower(s[i]) || a_digit(s[i]) || (s[i] && strchr("._-", s[i]));
	if (!ok)
		return walk_fail(w, AT_VALUE, exp, "\"%s\" is not a valid name", clip(s, cbuf));
	*out = walk_strdup(w, s);
	return *out ? 0 : -1;
}

/* Narration: counts toward SCN_MAX_NARRATION (R4). */
static int walk_narration(struct walk *w, const cJSON *it, char **out)
{
	static const char exp[] = "a non-empty string";
	if (!cJSON_IsString(it))
		return walk_type(w, it, exp);
	size_t n = strlen(it->valuestring);
	if (n == 0)
		return walk_fail(w, AT_VALUE, exp, "empty text");
	w->narration += n;
	if (w->narration > SCN_MAX_NARRATION)
		return walk_fail(w, AT_VALUE, "at most 1 MiB of narration in all (title, summary, say, ask)",
		                 "narration exceeds 1 MiB with this text (%zu bytes so far)", w->narration);
	*out = walk_strdup(w, it->valuestring);
	return *out ? 0 : -1;
}

static const char *const text_keys[] = {"en", "de", NULL};

static int text_member(struct walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_text *t = ctx;
	return walk_narration(w, it, key == 0 ? &t->en : &t->de);
}

/* A text: "..." (English) or {"en": ..., "de": ...} with at least one. */
static int walk_text(struct walk *w, cJSON *it, struct scn_text *t)
{
	if (cJSON_IsString(it))
		return walk_narration(w, it, &t->en);
	if (!cJSON_IsObject(it))
		return walk_type(w, it, "a string or {\"en\": \"...\", \"de\": \"...\"}");
	if (walk_object(w, it, text_keys, 0, text_member, t, NULL))
		return -1;
	if (!t->en && !t->de)
		return walk_fail(w, AT_VALUE, "\"en\" or \"de\" or both", "empty text object");
	return 0;
}

static int walk_bool(struct walk *w, const cJSON *it, bool *out)
{
	if (!cJSON_IsBool(it))
		return walk_type(w, it, "true or false");
	*out = cJSON_IsTrue(it);
	return 0;
}

/* An unsigned integer: a string (0x hex or decimal) or an integral number
 * 0..2^53 (R6). */
static int walk_u64(struct walk *w, const cJSON *it, const char *expected, uint64_t *out)
{
	char cbuf[48];
	if (cJSON_IsNumber(it)) {
		double d = it->valuedouble;
		if (d < 0 || d > 9007199254740992.0 || d != floor(d))
			return walk_fail(w, AT_VALUE, expected, "%.17g is not a whole number from 0 to 2^53", d);
		*out = (uint64_t)d;
		return 0;
	}
	if (!cJSON_IsString(it))
		return walk_type(w, it, expected);
	const char *s = it->valuestring;
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *digits = hex ? s + 2 : s;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(digits, &end, hex ? 16 : 10);
	if (hexval(digits[0]) < 0 || (!hex && !a_digit(digits[0])) ||
	    strpbrk(digits, "xX") || *end || errno)
		return walk_fail(w, AT_VALUE, expected, "\"%s\" is not a number", clip(s, cbuf));
	*out = v;
	return 0;
}

/* A size: "16M", "0x1000", 4096 (R6), within [min, max] and page-aligned
 * when align is set. */
static int walk_size(struct walk *w, const cJSON *it, uint64_t min, uint64_t max, bool align,
                     const char *expected, uint64_t *out)
{
	char cbuf[48];
	struct mm_err e;
	char a[32], b[32], c[32];
	if (cJSON_IsNumber(it)) {
		if (walk_u64(w, it, expected, out))
			return -1;
	} else if (!cJSON_IsString(it)) {
		return walk_type(w, it, expected);
	} else if (mm_parse_size(it->valuestring, out, -1, &e)) {
		return walk_fail(w, AT_VALUE, expected, "\"%s\" is not a size", clip(it->valuestring, cbuf));
	}
	if (*out < min || *out > max)
		return walk_fail(w, AT_VALUE, expected, "%s is out of range (%s to %s)",
		                 mm_size_str(*out, a), mm_size_str(min, b), mm_size_str(max, c));
	if (align && *out % MM_PAGE_SIZE)
		return walk_fail(w, AT_VALUE, expected, "%s is not a multiple of 4 KB", mm_size_str(*out, a));
	return 0;
}

/* A list of at most max elements: fn(w, i, element, ctx) for each. */
typedef int (*elem_fn)(struct walk *w, int i, cJSON *it, void *ctx);

static int walk_list(struct walk *w, cJSON *list, int min, int max, const char *expected,
                     elem_fn fn, void *ctx)
{
	if (!cJSON_IsArray(list))
		return walk_type(w, list, expected);
	int i = 0;
	for (cJSON *it = list->child; it; it = it->next, i++) {
		walk_push(w, NULL, i);
		int rc = i >= max ? walk_fail(w, AT_VALUE, expected, "more than %d elements", max)
		                  : fn(w, i, it, ctx);
		walk_pop(w);
		if (rc)
			return -1;
	}
	if (i < min)
		return walk_fail(w, AT_VALUE, expected, i ? "too few elements (%d)" : "empty list", i);
	return 0;
}

/* Allocates an array of n zeroed elements (n may be 0). */
static void *walk_calloc(struct walk *w, int n, size_t size)
{
	void *p = calloc(n ? (size_t)n : 1, size);
	if (!p)
		walk_oom(w);
	return p;
}

/* ---- machine ---- */

static const char *const machine_keys[] = {"arch", "os", "ram", "pagefiles", "seed", "tlb", NULL};

static int pagefile_elem(struct walk *w, int i, cJSON *it, void *ctx)
{
	struct mm_config *cfg = ctx;
	cfg->npagefiles = i + 1;
	return walk_size(w, it, MM_RAM_MIN, SCN_MAX_RAM, true, "a page-file size from 1M to 64G, such as \"32M\"",
	                 &cfg->pagefile[i]);
}

static int machine_member(struct walk *w, int key, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct scn_machine *m = ctx;
	uint64_t v;
	switch (key) {
	case 0:
		if (!cJSON_IsString(it) || mm_arch_parse(it->valuestring, &m->cfg.arch))
			return cJSON_IsString(it) ? walk_fail(w, AT_VALUE, "x86, pae or x64",
			                                      "\"%s\" is not a paging mode", clip(it->valuestring, cbuf))
			                          : walk_type(w, it, "x86, pae or x64");
		return 0;
	case 1:
		if (!cJSON_IsString(it) || mm_os_parse(it->valuestring, &m->cfg.os))
			return cJSON_IsString(it) ? walk_fail(w, AT_VALUE, "win10 or win7",
			                                      "\"%s\" is not a Windows version", clip(it->valuestring, cbuf))
			                          : walk_type(w, it, "win10 or win7");
		return 0;
	case 2:
		return walk_size(w, it, MM_RAM_MIN, SCN_MAX_RAM, true,
		                 "a RAM size from 1M to 64G, such as \"16M\"", &m->cfg.ram);
	case 3:
		m->cfg.npagefiles = 0;
		return walk_list(w, it, 0, MM_MAX_PAGEFILES, "a list of at most 16 page-file sizes",
		                 pagefile_elem, &m->cfg);
	case 4:
		return walk_u64(w, it, "a seed: a whole number or a hex string", &m->cfg.seed);
	default:
		if (walk_u64(w, it, "a TLB size: a power of two from 4 to 4096", &v))
			return -1;
		if (v < 4 || v > 4096 || (v & (v - 1)))
			return walk_fail(w, AT_VALUE, "a power of two from 4 to 4096",
			                 "%llu is not a TLB size", (unsigned long long)v);
		m->cfg.tlb_entries = (int)v;
		return 0;
	}
}

static void machine_apply(struct mm_config *cfg, const struct scn_machine *m);

/* The block must also make a machine on its own (defaults for the rest):
 * mode-dependent limits such as 4 GB of RAM on x86 live in config.c. */
static int walk_machine(struct walk *w, cJSON *it, struct scn_machine *m)
{
	unsigned seen = 0;
	if (walk_object(w, it, machine_keys, 0, machine_member, m, &seen))
		return -1;
	/* key bit i and SCN_GIVEN bit i are the same by construction */
	m->given = seen;
	struct mm_config cfg;
	struct mm_err e;
	mm_config_default(&cfg);
	machine_apply(&cfg, m);
	if (!(seen & SCN_GIVEN_PAGEFILES))
		cfg.pagefile[0] = 2 * cfg.ram;
	if (mm_config_validate(&cfg, &e) == 0)
		return 0;
	/* config.c names the field first ("ram: expected ..., got ..."); point at it */
	int ord = 0;
	for (cJSON *c = it->child; c; c = c->next, ord++) {
		size_t kl = strlen(c->string);
		if (strncmp(e.msg, c->string, kl < 8 ? kl : 8) == 0) {
			walk_push(w, c->string, ord);
			walk_fail(w, AT_VALUE, "", "%s", e.msg);
			walk_pop(w);
			return -1;
		}
	}
	return walk_fail(w, AT_VALUE, "", "%s", e.msg);
}

/* ---- images ---- */

static const char *const image_keys[] = {"name", "base", "sections", NULL};
static const char *const section_keys[] = {"name", "size", "protect", NULL};
static const char *const page_protections[] = {
	"PAGE_NOACCESS", "PAGE_READONLY", "PAGE_READWRITE", "PAGE_WRITECOPY", "PAGE_EXECUTE",
	"PAGE_EXECUTE_READ", "PAGE_EXECUTE_READWRITE", "PAGE_EXECUTE_WRITECOPY", NULL};

static int section_member(struct walk *w, int key, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct scn_section *sec = ctx;
	if (key == 0)
		return walk_string(w, it, 8, "a section name of 1 to 8 bytes, such as \".text\"", &sec->name);
	if (key == 1)
		return walk_size(w, it, 1, 1ull << 30, false, "a section size from 1 byte to 1G, such as \"8K\"",
		                 &sec->size);
	char list[200];
	keys_join(page_protections, list, sizeof list);
	if (!cJSON_IsString(it))
		return walk_type(w, it, list);
	for (int i = 0; page_protections[i]; i++)
		if (strcmp(it->valuestring, page_protections[i]) == 0)
			return (sec->protect = walk_strdup(w, it->valuestring)) ? 0 : -1;
	return walk_fail(w, AT_VALUE, list, "\"%s\" is not a page protection", clip(it->valuestring, cbuf));
}

static int section_elem(struct walk *w, int i, cJSON *it, void *ctx)
{
	struct scn_image *im = ctx;
	struct scn_section *sec = &im->sections[i];
	im->nsections = i + 1;
	if (walk_object(w, it, section_keys, 7, section_member, sec, NULL))
		return -1;
	for (int j = 0; j < i; j++)
			if (strcmp(im->sections[j].name, sec->name) == 0)
			return walk_fail(w, AT_VALUE, "section names unique within an image",
			                 "section \"%s\" defined twice (also sections[%d])", sec->name, j);
	return 0;
}

static int image_member(struct walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_image *im = ctx;
	if (key == 0) {
		if (walk_string(w, it, SCN_MAX_NAME, "an image name such as \"demo.dll\"", &im->name))
			return -1;
		if (strpbrk(im->name, "/\\:"))
			return walk_fail(w, AT_VALUE, "a file name without a directory",
			                 "\"%s\" holds a path separator", im->name);
		return 0;
	}
	if (key == 1) {
		static const char exp[] = "a base address as a hex string, such as \"0x180000000\", 64 KB aligned";
		if (walk_u64(w, it, exp, &im->base))
			return -1;
		if (im->base == 0 || im->base % MM_ALLOC_GRANULARITY || im->base > 0x7FFFFFFF0000ull)
			return walk_fail(w, AT_VALUE, exp, "0x%llx is not a valid image base",
			                 (unsigned long long)im->base);
		return 0;
	}
	if (cJSON_IsArray(it)) {
		int n = MM_MIN(cJSON_GetArraySize(it), SCN_MAX_SECTIONS);
		if (!(im->sections = walk_calloc(w, n, sizeof *im->sections)))
			return -1;
	}
	return walk_list(w, it, 1, SCN_MAX_SECTIONS, "a list of 1 to 16 sections {name, size, protect}",
	                 section_elem, im);
}

static int image_elem(struct walk *w, int i, cJSON *it, void *ctx)
{
	struct scenario *sc = ctx;
	struct scn_image *im = &sc->images[i];
	sc->nimages = i + 1;
	if (walk_object(w, it, image_keys, 7, image_member, im, NULL))
		return -1;
	for (int j = 0; j < i; j++)
		if (strcasecmp(sc->images[j].name, im->name) == 0)
			return walk_fail(w, AT_VALUE, "image names unique (case-insensitive, as on Windows)",
			                 "image \"%s\" defined twice (also images[%d])", im->name, j);
	return 0;
}

/* ---- steps ---- */

static const char *const step_keys[] = {"run", "say", "focus", "pause", "ask", "expect", NULL};
static const char *const ask_keys[] = {"prompt", "answers", "hint", NULL};
static const char *const expect_keys[] = {"seq", "cmd", "ok", "result", "error", "events", NULL};
static const char *const focus_names[] = {
	"vas", "translation", "physical", "pfn", "wset", "pagefile", "pool", "sections",
	"processes", "vad", NULL};

/* R5: the first word (after "$name =") is a prefix of save or export. */
static bool cmd_writes_host(const char *cmd)
{
	const char *p = cmd + strspn(cmd, " \t");
	if (*p == '$') {
		const char *eq = strchr(p, '=');
		if (!eq)
			return false;
		p = eq + 1 + strspn(eq + 1, " \t");
	}
	size_t n = strcspn(p, " \t");
	return n >= 2 && ((n <= 4 && strncasecmp(p, "save", n) == 0) ||
	                  (n <= 6 && strncasecmp(p, "export", n) == 0));
}

static int run_elem(struct walk *w, int i, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct scn_step *st = ctx;
	static const char exp[] = "one command line of at most 4096 bytes (a list for several)";
	if (walk_string(w, it, SCN_MAX_CMD, exp, &st->run[i]))
		return -1;
	st->nrun = i + 1;
	if (cmd_writes_host(st->run[i]))
		return walk_fail(w, AT_VALUE, "commands that do not write host files",
		                 "\"%s\" would write a host file; scenarios may not save or export",
		                 clip(st->run[i], cbuf));
	return 0;
}

static int walk_run(struct walk *w, cJSON *it, struct scn_step *st)
{
	if (!cJSON_IsString(it) && !cJSON_IsArray(it))
		return walk_type(w, it, "a command string or a list of command strings");
	int n = cJSON_IsString(it) ? 1 : MM_MIN(cJSON_GetArraySize(it), SCN_MAX_RUN);
	if (!(st->run = walk_calloc(w, n, sizeof *st->run)))
		return -1;
	if (cJSON_IsString(it))
		return run_elem(w, 0, it, st);
	return walk_list(w, it, 1, SCN_MAX_RUN, "a list of 1 to 64 command strings", run_elem, st);
}

static int answer_elem(struct walk *w, int i, cJSON *it, void *ctx)
{
	struct scn_ask *a = ctx;
	if (walk_string(w, it, 256, "an answer string of at most 256 bytes, such as \"0x1a3f000\"",
	                &a->answers[i]))
		return -1;
	a->nanswers = i + 1;
	return 0;
}

static int ask_member(struct walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_ask *a = ctx;
	if (key == 0)
		return walk_text(w, it, &a->prompt);
	if (key == 2)
		return walk_text(w, it, &a->hint);
	if (!(a->answers = walk_calloc(w, SCN_MAX_ANSWERS, sizeof *a->answers)))
		return -1;
	return walk_list(w, it, 1, SCN_MAX_ANSWERS, "a list of 1 to 16 answer strings", answer_elem, a);
}

struct key_ord {
	const char *key;
	int ord;
};

static int key_ord_cmp(const void *a, const void *b)
{
	const struct key_ord *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->ord - y->ord;
}

/* R2 inside free-form JSON: the first duplicate key in document order. */
static int walk_dupes(struct walk *w, const cJSON *node)
{
	char cbuf[48];
	int n = 0;
	for (const cJSON *c = node->child; c; c = c->next)
		n++;
	if (cJSON_IsObject(node) && n > 1) {
		struct key_ord *ko = malloc((size_t)n * sizeof *ko);
		if (!ko)
			return walk_oom(w);
		int i = 0, dup = -1;
		for (const cJSON *c = node->child; c; c = c->next, i++)
			ko[i] = (struct key_ord){c->string, i};
		qsort(ko, (size_t)n, sizeof *ko, key_ord_cmp);
		for (i = 1; i < n; i++)
			if (strcmp(ko[i].key, ko[i - 1].key) == 0 && (dup < 0 || ko[i].ord < ko[dup].ord))
				dup = i;
		if (dup >= 0) {
			walk_push(w, ko[dup].key, ko[dup].ord);
			walk_fail(w, AT_KEY, "each key once", "key \"%s\" given twice", clip(ko[dup].key, cbuf));
			free(ko);
			return -1;
		}
		free(ko);
	}
	int i = 0;
	for (const cJSON *c = node->child; c; c = c->next, i++) {
		walk_push(w, cJSON_IsObject(node) ? c->string : NULL, i);
		int rc = walk_dupes(w, c);
		walk_pop(w);
		if (rc)
			return -1;
	}
	return 0;
}

static int expect_member(struct walk *w, int key, cJSON *it, void *ctx)
{
	switch (key) {
	case 0:
		return cJSON_IsNumber(it) ? 0 : walk_type(w, it, "a number");
	case 1:
		return cJSON_IsString(it) ? 0 : walk_type(w, it, "a string");
	case 2:
		return cJSON_IsBool(it) ? 0 : walk_type(w, it, "true or false");
	case 4:
		return cJSON_IsObject(it) ? walk_dupes(w, it)
		       : walk_type(w, it, "an object such as {\"code\": \"ERROR_INVALID_PARAMETER\"}");
	case 5:
		return (cJSON_IsArray(it) || cJSON_IsObject(it)) ? walk_dupes(w, it)
		       : walk_type(w, it, "a list of events, or {\"contains\": [...]}");
	default:
		return walk_dupes(w, it);
	}
}

struct step_ctx {
	struct scn_step *st;
	cJSON *expect;          /* detached after the walk of the step */
};

static int step_member(struct walk *w, int key, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct step_ctx *sx = ctx;
	struct scn_step *st = sx->st;
	switch (key) {
	case 0:
		return walk_run(w, it, st);
	case 1:
		return walk_text(w, it, &st->say);
	case 2: {
		char list[200];
		keys_join(focus_names, list, sizeof list);
		if (!cJSON_IsString(it))
			return walk_type(w, it, list);
		for (int i = 0; focus_names[i]; i++)
			if (strcmp(it->valuestring, focus_names[i]) == 0) {
				st->focus = (enum scn_focus)(i + 1);
				return 0;
			}
		return walk_fail(w, AT_VALUE, list, "\"%s\" is not a pane", clip(it->valuestring, cbuf));
	}
	case 3:
		return walk_bool(w, it, &st->pause);
	case 4:
		if (!(st->ask = walk_calloc(w, 1, sizeof *st->ask)))
			return -1;
		return walk_object(w, it, ask_keys, 3, ask_member, st->ask, NULL);
	default:
		sx->expect = it;
		return walk_object(w, it, expect_keys, 0, expect_member, NULL, NULL);
	}
}

static int step_elem(struct walk *w, int i, cJSON *it, void *ctx)
{
	struct scn_step *st = &((struct scenario *)ctx)->steps[i];
	struct step_ctx sx = {st, NULL};
	((struct scenario *)ctx)->nsteps = i + 1;
	if (walk_object(w, it, step_keys, 0, step_member, &sx, NULL))
		return -1;
	if (sx.expect && st->nrun == 0)
		return walk_fail(w, AT_VALUE, "a \"run\" key: expect checks the result of the step's last command",
		                 "\"expect\" without \"run\"");
	if (st->ask && st->nrun == 0)
		return walk_fail(w, AT_VALUE, "a \"run\" key: the answers must agree with what the step does",
		                 "\"ask\" without \"run\"");
	if (st->nrun == 0 && !st->say.en && !st->say.de)
		return walk_fail(w, AT_VALUE, "at least \"run\" or \"say\"", "empty step");
	if (sx.expect)
		st->expect = cJSON_DetachItemViaPointer(it, sx.expect);
	return 0;
}

static int walk_steps(struct walk *w, cJSON *it, struct scenario *sc)
{
	static const char exp[] = "a list of 1 to 100000 steps";
	if (!cJSON_IsArray(it))
		return walk_type(w, it, exp);
	int n = cJSON_GetArraySize(it);
	if (n > SCN_MAX_STEPS) {
		walk_push(w, NULL, SCN_MAX_STEPS);
		walk_fail(w, AT_VALUE, "at most 100000 steps", "too many steps (%d)", n);
		walk_pop(w);
		return -1;
	}
	if (!(sc->steps = walk_calloc(w, n, sizeof *sc->steps)))
		return -1;
	return walk_list(w, it, 1, SCN_MAX_STEPS, exp, step_elem, sc);
}

/* ---- the document ---- */

static const char *const top_keys[] = {
	"schema", "id", "title", "summary", "tags", "machine", "images", "steps", NULL};

static int tag_elem(struct walk *w, int i, cJSON *it, void *ctx)
{
	struct scenario *sc = ctx;
	sc->ntags = i + 1;
	return walk_slug(w, it, &sc->tags[i]);
}

static int top_member(struct walk *w, int key, cJSON *it, void *ctx)
{
	struct scenario *sc = ctx;
	switch (key) {
	case 0:
		return 0;               /* checked first (R3) */
	case 1:
		return walk_slug(w, it, &sc->id);
	case 2:
		return walk_text(w, it, &sc->title);
	case 3:
		return walk_text(w, it, &sc->summary);
	case 4:
		if (!(sc->tags = walk_calloc(w, SCN_MAX_TAGS, sizeof *sc->tags)))
			return -1;
		return walk_list(w, it, 0, SCN_MAX_TAGS, "a list of at most 32 tags such as \"copy-on-write\"",
		                 tag_elem, sc);
	case 5:
		return walk_machine(w, it, &sc->machine);
	case 6:
		if (!(sc->images = walk_calloc(w, SCN_MAX_IMAGES, sizeof *sc->images)))
			return -1;
		return walk_list(w, it, 0, SCN_MAX_IMAGES, "a list of at most 64 images {name, base, sections}",
		                 image_elem, sc);
	default:
		w->steps_ord = w->path[w->depth - 1].ord;
		return walk_steps(w, it, sc);
	}
}

/* R3: the schema, before anything else. */
static int walk_schema(struct walk *w, cJSON *root)
{
	int ord = 0;
	const cJSON *it = root->child;
	for (; it && strcmp(it->string, "schema") != 0; it = it->next)
		ord++;
	if (!it)
		return walk_fail(w, AT_VALUE, "\"schema\": 1 as the first key", "missing key \"schema\"");
	walk_push(w, "schema", ord);
	int rc = 0;
	if (!cJSON_IsNumber(it))
		rc = walk_type(w, it, "the number 1");
	else if (it->valuedouble != 1)
		rc = walk_fail(w, AT_VALUE, "1 (the format this mmviz reads)",
		               it->valuedouble > 1 ? "schema %.17g is newer than this mmviz understands"
		                                   : "schema %.17g is unknown", it->valuedouble);
	walk_pop(w);
	return rc;
}

static int walk_document(struct walk *w, cJSON *root, struct scenario *sc)
{
	if (!cJSON_IsObject(root))
		return walk_type(w, root, "a JSON object {\"schema\": 1, ...}");
	if (walk_schema(w, root))
		return -1;
	if (walk_object(w, root, top_keys, 1u | 2u | 4u | 128u, top_member, sc, NULL))
		return -1;
	int *lines = calloc((size_t)sc->nsteps, sizeof *lines);
	if (lines) {
		struct path_comp c = {"steps", 5, w->steps_ord};
		nav_list_lines(w->text, w->len, &c, 1, lines, sc->nsteps);
		for (int i = 0; i < sc->nsteps; i++)
			sc->steps[i].line = lines[i];
		free(lines);
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Load and free
 * ------------------------------------------------------------------- */

int scenario_load_buf(const char *name, const char *buf, size_t len, struct scenario **out,
                      struct scn_err *err)
{
	*out = NULL;
	if (!name)
		name = "(buffer)";
	if (len > SCN_MAX_FILE)
		return err_fill(err, name, NULL, 0, 0, "", "too large", "at most 16 MiB");
	if (scan_text(name, buf, len, err))
		return -1;
	/* The BOM is skipped here, not by cJSON: cJSON 1.7.15 refuses a BOM
	 * followed by a one-digit document ("\xEF\xBB\xBF" "2"; found by
	 * fuzzing). Offsets stay those of buf: the navigator skips it too. */
	const char *end = NULL;
	size_t bom = bom_len(buf, len);
	cJSON *root = cJSON_ParseWithLengthOpts(buf + bom, len - bom, &end, 0);
	if (!root)
		return err_fill(err, name, buf, len, end ? (size_t)(end - buf) : 0, "",
		                "cannot parse (out of memory?)", "valid JSON");
	struct scenario *sc = calloc(1, sizeof *sc);
	struct walk w = {.file = name, .text = buf, .len = len, .err = err};
	int rc = -1;
	if (!sc || !(sc->file = strdup(name)))
		err_fill(err, name, NULL, 0, 0, "", "out of memory", NULL);
	else
		rc = walk_document(&w, root, sc);
	cJSON_Delete(root);
	if (rc) {
		scenario_free(sc);
		return -1;
	}
	*out = sc;
	return 0;
}

static void text_free(struct scn_text *t)
{
	free(t->en);
	free(t->de);
}

static void strv_free(char **v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static void step_free(struct scn_step *st)
{
	strv_free(st->run, st->nrun);
	text_free(&st->say);
	if (st->ask) {
		text_free(&st->ask->prompt);
		text_free(&st->ask->hint);
		strv_free(st->ask->answers, st->ask->nanswers);
		free(st->ask);
	}
	cJSON_Delete(st->expect);
}

void scenario_free(struct scenario *sc)
{
	if (!sc)
		return;
	free(sc->file);
	free(sc->id);
	text_free(&sc->title);
	text_free(&sc->summary);
	strv_free(sc->tags, sc->ntags);
	for (int i = 0; sc->images && i < sc->nimages; i++) {
		struct scn_image *im = &sc->images[i];
		free(im->name);
		for (int j = 0; im->sections && j < im->nsections; j++) {
			free(im->sections[j].name);
			free(im->sections[j].protect);
		}
		free(im->sections);
	}
	free(sc->images);
	for (int i = 0; sc->steps && i < sc->nsteps; i++)
		step_free(&sc->steps[i]);
	free(sc->steps);
	free(sc);
}

int scenario_load_file(const char *path, struct scenario **out, struct scn_err *err)
{
	*out = NULL;
	/* O_NONBLOCK: opening a FIFO must not hang; fstat then refuses it. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		char what[200];
		snprintf(what, sizeof what, "cannot open: %s", strerror(errno));
		return err_fill(err, path, NULL, 0, 0, "", what, NULL);
	}
	struct stat st;
	char what[200];
	const char *exp = NULL;
	what[0] = '\0';
	if (fstat(fd, &st) != 0) {
		snprintf(what, sizeof what, "cannot stat: %s", strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		snprintf(what, sizeof what, "not a regular file");
		exp = "a scenario file (.json)";
	} else if (st.st_size > (off_t)SCN_MAX_FILE) {
		snprintf(what, sizeof what, "file of %lld bytes is too large", (long long)st.st_size);
		exp = "at most 16 MiB";
	}
	if (what[0]) {
		close(fd);
		return err_fill(err, path, NULL, 0, 0, "", what, exp);
	}
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *buf = malloc(cap);
	while (buf && len < cap) {
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (!buf)
		return err_fill(err, path, NULL, 0, 0, "", "out of memory", NULL);
	if (len == cap) {           /* grew while we read it */
		free(buf);
		return err_fill(err, path, NULL, 0, 0, "", "file changed while reading", NULL);
	}
	int rc = scenario_load_buf(path, buf, len, out, err);
	free(buf);
	return rc;
}

const char *scn_text_get(const struct scn_text *t, int lang)
{
	const char *a = lang == 1 ? t->de : t->en, *b = lang == 1 ? t->en : t->de;
	return a ? a : b ? b : "";
}

const char *scn_focus_name(enum scn_focus f)
{
	return f > SCN_FOCUS_NONE && f < SCN_FOCUS_COUNT ? focus_names[f - 1] : NULL;
}

/* ---------------------------------------------------------------------
 * The machine: defaults < scenario < command line
 * ------------------------------------------------------------------- */

static void machine_apply(struct mm_config *cfg, const struct scn_machine *m)
{
	if (m->given & SCN_GIVEN_ARCH)
		cfg->arch = m->cfg.arch;
	if (m->given & SCN_GIVEN_OS)
		cfg->os = m->cfg.os;
	if (m->given & SCN_GIVEN_RAM)
		cfg->ram = m->cfg.ram;
	if (m->given & SCN_GIVEN_PAGEFILES) {
		cfg->npagefiles = m->cfg.npagefiles;
		memcpy(cfg->pagefile, m->cfg.pagefile, sizeof cfg->pagefile);
	}
	if (m->given & SCN_GIVEN_SEED)
		cfg->seed = m->cfg.seed;
	if (m->given & SCN_GIVEN_TLB)
		cfg->tlb_entries = m->cfg.tlb_entries;
}

static void notice_add(char *notice, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void notice_add(char *notice, size_t n, const char *fmt, ...)
{
	if (!notice || n == 0)
		return;
	size_t l = strlen(notice);
	if (l && l + 2 < n) {
		strcpy(notice + l, "; ");
		l += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(notice + l, n - l, fmt, ap);
	va_end(ap);
}

static void machine_notices(const struct scn_machine *sm, const struct scn_machine *o,
                            char *notice, size_t n)
{
	unsigned both = sm->given & o->given;
	char a[32], b[32];
	if ((both & SCN_GIVEN_ARCH) && sm->cfg.arch != o->cfg.arch)
		notice_add(notice, n, "--arch %s overrides the scenario's %s",
		           mm_arch_name(o->cfg.arch), mm_arch_name(sm->cfg.arch));
	if ((both & SCN_GIVEN_OS) && sm->cfg.os != o->cfg.os)
		notice_add(notice, n, "--os %s overrides the scenario's %s",
		           mm_os_name(o->cfg.os), mm_os_name(sm->cfg.os));
	if ((both & SCN_GIVEN_RAM) && sm->cfg.ram != o->cfg.ram)
		notice_add(notice, n, "--ram %s overrides the scenario's %s",
		           mm_size_str(o->cfg.ram, a), mm_size_str(sm->cfg.ram, b));
	if ((both & SCN_GIVEN_PAGEFILES) && (sm->cfg.npagefiles != o->cfg.npagefiles ||
	    memcmp(sm->cfg.pagefile, o->cfg.pagefile, (size_t)o->cfg.npagefiles * sizeof o->cfg.pagefile[0])))
		notice_add(notice, n, "--pagefile overrides the scenario's page files");
	if ((both & SCN_GIVEN_SEED) && sm->cfg.seed != o->cfg.seed)
		notice_add(notice, n, "--seed %llu overrides the scenario's %llu",
		           (unsigned long long)o->cfg.seed, (unsigned long long)sm->cfg.seed);
	if ((both & SCN_GIVEN_TLB) && sm->cfg.tlb_entries != o->cfg.tlb_entries)
		notice_add(notice, n, "tlb %d overrides the scenario's %d", o->cfg.tlb_entries,
		           sm->cfg.tlb_entries);
}

void scenario_machine(const struct scenario *sc, const struct scn_machine *over,
                      struct mm_config *out, char *notice, size_t n)
{
	unsigned given = 0;
	if (notice && n)
		notice[0] = '\0';
	mm_config_default(out);
	if (sc) {
		machine_apply(out, &sc->machine);
		given |= sc->machine.given;
	}
	if (over) {
		if (sc)
			machine_notices(&sc->machine, over, notice, n);
		machine_apply(out, over);
		given |= over->given;
	}
	if (!(given & SCN_GIVEN_PAGEFILES)) {
		out->npagefiles = 1;
		out->pagefile[0] = 2 * out->ram;
	}
}

/* ---------------------------------------------------------------------
 * Search path and listing
 * ------------------------------------------------------------------- */

enum { SCN_NDIRS = 3 };

/* The directories of steps 2-4; absent ones are "". */
static void search_dirs(char dirs[SCN_NDIRS][512])
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	snprintf(dirs[0], 512, "scenarios");
	dirs[1][0] = '\0';
	if (xdg && xdg[0] == '/')
		snprintf(dirs[1], 512, "%s/mmviz/scenarios", xdg);
	else if (home && home[0] == '/')
		snprintf(dirs[1], 512, "%s/.local/share/mmviz/scenarios", home);
	snprintf(dirs[2], 512, "%s/scenarios", MMVIZ_DATADIR);
}

static bool is_regular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool try_path(char *out, size_t n, const char *dir, const char *name, const char *ext)
{
	int w = snprintf(out, n, "%s/%s%s", dir, name, ext);
	return w > 0 && (size_t)w < n && is_regular(out);
}

enum scn_where scenario_find(const char *name, char *path_out, size_t n)
{
	if (!name || !name[0] || n == 0)
		return SCN_NOT_FOUND;
	if (is_regular(name) && strlen(name) < n) {
		strcpy(path_out, name);
		return SCN_FILE;
	}
	if (!strchr(name, '/')) {
		char dirs[SCN_NDIRS][512];
		search_dirs(dirs);
		for (int d = 0; d < SCN_NDIRS; d++) {
			if (!dirs[d][0])
				continue;
			if (!ends_with(name, ".json") && try_path(path_out, n, dirs[d], name, ".json"))
				return SCN_FILE;
			if (try_path(path_out, n, dirs[d], name, ""))
				return SCN_FILE;
		}
	}
	size_t len;
	if (builtin_scenario(name, &len) && strlen(name) < n) {
		strcpy(path_out, name);
		return SCN_BUILTIN;
	}
	return SCN_NOT_FOUND;
}

int scenario_open(const char *name, struct scenario **out, struct scn_err *err)
{
	char path[4096];
	*out = NULL;
	switch (scenario_find(name, path, sizeof path)) {
	case SCN_FILE:
		return scenario_load_file(path, out, err);
	case SCN_BUILTIN: {
		size_t len;
		const char *buf = builtin_scenario(path, &len);
		char label[96];
		snprintf(label, sizeof label, "<built-in %.60s>", path);
		return scenario_load_buf(label, buf, len, out, err);
	}
	default: {
		if (name && strchr(name, '/'))
			return scenario_load_file(name, out, err);     /* the OS says why */
		char dirs[SCN_NDIRS][512], exp[512];
		search_dirs(dirs);
		snprintf(exp, sizeof exp, "a file, or NAME.json in %.100s/, %.100s%s%.100s/, or a built-in name (tour)",
		         dirs[0], dirs[1], dirs[1][0] ? "/, " : "", dirs[2]);
		return err_fill(err, name ? name : "", NULL, 0, 0, "", "no such scenario", exp);
	}
	}
}

/* Names already listed (shadowing), a growable array of owned strings. */
struct seen {
	char **v;
	int n, cap;
};

static bool seen_has(const struct seen *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->v[i], name) == 0)
			return true;
	return false;
}

static void seen_add(struct seen *s, const char *name)
{
	if (s->n == s->cap) {
		int cap = s->cap ? 2 * s->cap : 16;
		char **v = realloc(s->v, (size_t)cap * sizeof *v);
		if (!v)
			return;
		s->v = v;
		s->cap = cap;
	}
	if ((s->v[s->n] = strdup(name)))
		s->n++;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json names of one directory, sorted; owned array of owned strings. */
static int dir_names(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	*out = NULL;
	if (!d)
		return 0;
	char **v = calloc(SCN_MAX_LISTED, sizeof *v);
	int n = 0;
	struct dirent *e;
	while (v && n < SCN_MAX_LISTED && (e = readdir(d)))
		if (e->d_name[0] != '.' && ends_with(e->d_name, ".json") && strlen(e->d_name) > 5)
			if ((v[n] = strdup(e->d_name)))
				n++;
	closedir(d);
	if (v)
		qsort(v, (size_t)n, sizeof *v, name_cmp);
	*out = v;
	return n;
}

static void list_one(scn_list_fn fn, void *ud, const char *name, const char *path,
                     const char *buf, size_t len)
{
	struct scenario *sc = NULL;
	struct scn_err err;
	int rc = path ? scenario_load_file(path, &sc, &err) : scenario_load_buf(name, buf, len, &sc, &err);
	struct scn_entry e = {name, path, rc ? NULL : sc, rc ? &err : NULL};
	fn(ud, &e);
	scenario_free(sc);
}

int scenario_list(scn_list_fn fn, void *ud)
{
	char dirs[SCN_NDIRS][512], path[4096];
	struct seen seen = {0};
	int listed = 0;
	search_dirs(dirs);
	for (int d = 0; d < SCN_NDIRS; d++) {
		char **names = NULL;
		int n = dirs[d][0] ? dir_names(dirs[d], &names) : 0;
		for (int i = 0; i < n; i++) {
			names[i][strlen(names[i]) - 5] = '\0';      /* drop ".json" */
			int w = snprintf(path, sizeof path, "%s/%s.json", dirs[d], names[i]);
			if (w > 0 && (size_t)w < sizeof path && !seen_has(&seen, names[i]) && is_regular(path)) {
				seen_add(&seen, names[i]);
				list_one(fn, ud, names[i], path, NULL, 0);
				listed++;
			}
		}
		strv_free(names, n);
	}
	for (int i = 0; builtin_scenario_name(i); i++) {
		const char *name = builtin_scenario_name(i);
		size_t len;
		const char *buf = builtin_scenario(name, &len);
		if (!seen_has(&seen, name)) {
			list_one(fn, ud, name, NULL, buf, len);
			listed++;
		}
	}
	strv_free(seen.v, seen.n);
	return listed;
}

int scenario_define_images(const struct scenario *sc, struct session *s, struct mm_err *err)
{
	for (int i = 0; i < sc->nimages; i++) {
		const struct scn_image *im = &sc->images[i];
		const char *names[8], *prots[8];
		uint64_t sizes[8];
		if (im->nsections > 8)
			return mm_fail(err, "STATUS_INVALID_PARAMETER", -1, "images[%d]: at most 8 sections", i);
		for (int k = 0; k < im->nsections; k++) {
			names[k] = im->sections[k].name;
			sizes[k] = im->sections[k].size;
			prots[k] = im->sections[k].protect;
		}
		if (session_define_image(s, im->name, im->base, im->nsections, names, sizes, prots, err) < 0)
			return -1;
	}
	return 0;
}
