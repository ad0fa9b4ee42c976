/*
 * jsonfile.c — reading a JSON file strictly and locating its errors, for
 * scenarios and themes alike (jsonfile.h; STYLE rule 14).
 *
 * Design
 * ------
 * A file mmviz reads by name is untrusted input written by people, so the
 * reader has two jobs: refuse anything hostile or mistaken, and say
 * precisely where and why (line:column, the JSON path, what was expected
 * there). cJSON keeps no positions and accepts more than JSON (raw control
 * characters, "01", "1.", trailing text, duplicate keys), so a file goes
 * through four passes over the same bytes:
 *
 *   1. scan   A strict validating scanner (RFC 8259 syntax, UTF-8, no NUL,
 *             no \u0000, paired surrogates, bounded depth, string length,
 *             value count; nothing after the document). It builds no tree;
 *             on the first error it knows the offset and its own path.
 *   2. parse  cJSON_ParseWithLengthOpts on the same bytes. After pass 1 it
 *             can fail only for lack of memory.
 *   3. walk   The loader's typed walk of the tree against key tables
 *             (jf_object: case-sensitive names; unknown and duplicate keys
 *             refused), converting at once into its own structs. The walk
 *             carries the path as a stack of (key, ordinal) pairs: the
 *             ordinal of a member among its object's members, or of an
 *             element in its list.
 *   4. find   Only when the walk fails: a navigator follows the ordinal
 *             path over the (now known valid) text to the offending key or
 *             value and turns its offset into line and column.
 *
 * Reading itself (jsonfile_read) checks the file before reading it: a
 * regular file (a FIFO would block, a device never end) of bounded size.
 *
 * The wording of a finished message belongs to the loader (scenario.c
 * writes "FILE:LINE:COL: PATH: WHAT; expected ...", theme.c its own), so
 * errors leave here as a struct jf_err of parts. Text copied from a file
 * into a message loses its control characters, C1 ones included: a message
 * ends up on a terminal.
 *
 * Layout: messages and positions; reading; the scanner (pass 1) and parse
 * (pass 2); the navigator (pass 4); the walk (pass 3).
 */
#include "jsonfile.h"

#include <cJSON.h>
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

#include "types.h"

/* ---------------------------------------------------------------------
 * Messages and positions
 * ------------------------------------------------------------------- */

/* ASCII classes: the TUI calls setlocale(), and what a file may hold must
 * not depend on the locale. */
static bool jf_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool jf_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static bool jf_alpha(int c)
{
	return jf_lower(c | 0x20);
}

static bool jf_alnum(int c)
{
	return jf_alpha(c) || jf_digit(c);
}

/* A C1 control character (U+0080..U+009F, UTF-8 C2 80..C2 9F) at s:
 * a terminal may act on it as it does on ESC. */
static bool is_c1(const char *s)
{
	return (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F;
}

const char *jf_clip(const char *s, char buf[48])
{
	size_t n = 0, i = 0;
	for (; s[i] && n < 40; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_c1(s + i)) {
			buf[n++] = '?';
			i++;
			continue;
		}
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
	if (n == 0 || !(jf_alpha(k[0]) || k[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(jf_alnum(k[i]) || k[i] == '_'))
			return false;
	return true;
}

/* Appends one path component: ".key", "key" at the start, ["odd key"] or [3]. */
static void path_append(char *buf, size_t size, const struct jf_comp *c)
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
			if (i + 1 < c->klen && is_c1(c->key + i))
				i++;
			else if (!(ch < 0x20 || ch == 0x7f || ch == '"' || ch == '\\')) {
				k[j++] = (char)ch;
				continue;
			}
			k[j++] = '?';
		}
		k[j] = '\0';
		snprintf(p, room, "[\"%s\"]", k);
	}
}

static void path_format(const struct jf_comp *c, int n, char *buf, size_t size)
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
void jsonfile_linecol(const char *s, size_t len, size_t off, int *line, int *col)
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

/* Fills e completely and returns -1. */
static int err_fill(struct jf_err *e, const char *text, size_t len, size_t off, const char *path,
                    const char *what, const char *expected)
{
	if (!e)
		return -1;
	memset(e, 0, sizeof *e);
	copy_cut(e->path, sizeof e->path, path);
	copy_cut(e->what, sizeof e->what, what);
	copy_cut(e->expected, sizeof e->expected, expected);
	e->offset = off;
	jsonfile_linecol(text, len, off, &e->line, &e->col);
	return -1;
}

/* ---------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------- */

enum jf_read jsonfile_read(const char *path, size_t max, struct jf_file *f)
{
	*f = (struct jf_file){0};
	/* O_NONBLOCK: opening a FIFO must not hang; fstat then refuses it. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		f->errnum = errno;
		return JF_READ_OPEN;
	}
	struct stat st;
	enum jf_read rc = JF_READ_OK;
	if (fstat(fd, &st) != 0) {
		f->errnum = errno;
		rc = JF_READ_STAT;
	} else if (!S_ISREG(st.st_mode)) {
		rc = JF_READ_NOT_REGULAR;
	} else if ((f->size = (long long)st.st_size) > (long long)max) {
		rc = JF_READ_TOO_LARGE;
	} else if (!(f->buf = malloc((size_t)st.st_size + 1))) {
		rc = JF_READ_NOMEM;
	}
	size_t cap = (size_t)f->size + 1; /* + 1: notices a file that grew */
	while (rc == JF_READ_OK && f->len < cap) {
		ssize_t r = read(fd, f->buf + f->len, cap - f->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			f->errnum = errno;
			rc = JF_READ_ERROR;
		}
		if (r <= 0)
			break;
		f->len += (size_t)r;
	}
	close(fd);
	if (rc == JF_READ_OK && f->len == cap)
		rc = JF_READ_CHANGED;
	if (rc != JF_READ_OK) {
		free(f->buf);
		f->buf = NULL;
		f->len = 0;
	}
	return rc;
}

/* ---------------------------------------------------------------------
 * Pass 1: the validating scanner
 * ------------------------------------------------------------------- */

struct jv_frame {
	bool obj;
	bool has_key;           /* obj: the current member's key has been read */
	bool omit;              /* the error is about the container: leave c out */
	struct jf_comp c;
};

struct jv {
	const unsigned char *s;
	size_t len, pos;
	int depth;
	size_t nvalues;
	struct jv_frame st[JF_MAX_DEPTH + 1];
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

static int jf_hexval(int c)
{
	if (jf_digit(c))
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
		int h = jf_hexval(v->s[p + i]);
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
			return jv_fail(v, open, max == JF_MAX_KEY ? "a key of at most 128 bytes"
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
	if (v->pos < v->len && jf_alpha(v->s[v->pos]))
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
	while (start + n < v->len && jf_alnum(v->s[start + n]))
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
	if (v->depth >= JF_MAX_DEPTH)
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
		if (v->pos < v->len && (jf_alpha(v->s[v->pos]) || v->s[v->pos] == '_'))
			return jv_fail(v, v->pos, "\"key\" in double quotes", "key without quotes");
		return jv_unexpected(v, "a \"key\" in double quotes");
	}
	size_t k = v->pos + 1;
	if (jv_string(v, JF_MAX_KEY))
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
	if (++v->nvalues > JF_MAX_VALUES)
		return jv_fail(v, v->pos, "at most 2,000,000 values in one file", "too many values");
	if (v->pos >= v->len)
		return jv_unexpected(v, "a value");
	unsigned char c = v->s[v->pos];
	if (c == '{' || c == '[')
		return jv_container(v);
	if (c == '"')
		return jv_string(v, JF_MAX_STRING);
	if (c == '-' || (c >= '0' && c <= '9'))
		return jv_number(v);
	if (jf_alpha(c))
		return jv_word(v);
	return jv_unexpected(v, "a value (object, list, string, number, true, false or null)");
}

/* Pass 1 over the whole text. Returns 0, or -1 with err filled. */
static int scan_text(const char *text, size_t len, struct jf_err *err)
{
	struct jv *v = calloc(1, sizeof *v);
	if (!v)
		return err_fill(err, text, 0, 0, "", "out of memory", "");
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
		err_fill(err, text, len, v->err_off, path, v->what, v->expected);
	}
	free(v);
	return rc;
}

cJSON *jsonfile_parse(const char *buf, size_t len, struct jf_err *err)
{
	if (scan_text(buf, len, err))
		return NULL;
	/* The BOM is skipped here, not by cJSON: cJSON 1.7.15 refuses a BOM
	 * followed by a one-digit document ("\xEF\xBB\xBF" "2"; found by
	 * fuzzing). Offsets stay those of buf: the navigator skips it too. */
	const char *end = NULL;
	size_t bom = bom_len(buf, len);
	cJSON *root = cJSON_ParseWithLengthOpts(buf + bom, len - bom, &end, 0);
	if (!root)
		err_fill(err, buf, len, end ? (size_t)(end - buf) : 0, "", "cannot parse (out of memory?)",
		         "valid JSON");
	return root;
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
size_t jf_find(const char *s, size_t len, const struct jf_comp *c, int n, bool at_key)
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
void jf_list_lines(const char *s, size_t len, const struct jf_comp *c, int depth,
                           int *lines, int n)
{
	size_t p = jf_find(s, len, c, depth, false), from = 0;
	int line = 1, col;
	p = nav_ws(s, len, p + 1);
	for (int k = 0; k < n && p < len; k++) {
		int dl;
		jsonfile_linecol(s + from, len - from, p - from, &dl, &col);
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

int jf_fail(struct jf_walk *w, enum jf_at at, const char *expected, const char *fmt, ...)
{
	char what[256], path[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	path_format(w->path, w->depth, path, sizeof path);
	size_t off = jf_find(w->text, w->len, w->path, w->depth, at == JF_AT_KEY && w->depth > 0);
	return err_fill(w->err, w->text, w->len, off, path, what, expected ? expected : "");
}

void jf_push(struct jf_walk *w, const char *key, int ord)
{
	struct jf_comp *c = &w->path[w->depth++];
	c->key = key;
	c->klen = key ? strlen(key) : 0;
	c->ord = ord;
}

void jf_pop(struct jf_walk *w)
{
	w->depth--;
}

/* "the number 5", "a list", "the string \"abc\"" ... */
const char *jf_describe(const cJSON *it, char *buf, size_t n)
{
	if (cJSON_IsString(it)) {
		char c[48];
		snprintf(buf, n, "the string \"%s\"", jf_clip(it->valuestring, c));
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

int jf_type(struct jf_walk *w, const cJSON *it, const char *expected)
{
	char d[80];
	return jf_fail(w, JF_AT_VALUE, expected, "wrong type: got %s", jf_describe(it, d, sizeof d));
}

int jf_oom(struct jf_walk *w)
{
	return jf_fail(w, JF_AT_VALUE, "", "out of memory");
}

char *jf_strdup(struct jf_walk *w, const char *s)
{
	char *d = strdup(s);
	if (!d)
		jf_oom(w);
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

int jf_key_index(const char *const *keys, const char *name)
{
	for (int k = 0; keys[k]; k++)
		if (strcmp(keys[k], name) == 0)
			return k;
	return -1;
}

void jf_keys_join(const char *const *keys, enum jf_words words, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int i = 0; keys[i]; i++) {
		size_t l = strlen(buf);
		bool last = i > 0 && !keys[i + 1];
		snprintf(buf + l, n - l, "%s%s", !i ? "" : last && words == JF_WORDS_INLINE ? " or " : ", ", keys[i]);
	}
}

/* An unknown key, with a hint when it is close to a known one. */
static int unknown_key(struct jf_walk *w, const char *key, const char *const *keys)
{
	char list[200], exp[320], c[48];
	jf_keys_join(keys, w->words, list, sizeof list);
	if (w->words == JF_WORDS_INLINE)
		return jf_fail(w, JF_AT_KEY, "", "unknown key \"%s\": expected %s", jf_clip(key, c), list);
	for (int i = 0; keys[i]; i++) {
		if (strcasecmp(key, keys[i]) == 0 || edit_distance(key, keys[i]) <= (strlen(keys[i]) > 4 ? 2 : 1)) {
			snprintf(exp, sizeof exp, "\"%s\" (keys are case-sensitive; known keys: %s)", keys[i], list);
			return jf_fail(w, JF_AT_KEY, exp, "unknown key \"%s\"", jf_clip(key, c));
		}
	}
	snprintf(exp, sizeof exp, "one of %s", list);
	return jf_fail(w, JF_AT_KEY, exp, "unknown key \"%s\"", jf_clip(key, c));
}

/* A key given twice, at its second occurrence. */
static int dup_key(struct jf_walk *w, const char *key)
{
	char c[48];
	if (w->words == JF_WORDS_INLINE)
		return jf_fail(w, JF_AT_KEY, "", "duplicate key");
	return jf_fail(w, JF_AT_KEY, "each key once", "key \"%s\" given twice", jf_clip(key, c));
}

int jf_object(struct jf_walk *w, cJSON *obj, const char *const *keys, unsigned required,
                       jf_member_fn fn, void *ctx, unsigned *seen_out)
{
	char list[200], exp[240];
	if (!cJSON_IsObject(obj)) {
		jf_keys_join(keys, JF_WORDS_EXPECTED, list, sizeof list);
		snprintf(exp, sizeof exp, "an object with keys %s", list);
		return jf_type(w, obj, exp);
	}
	unsigned seen = 0;
	int ord = 0;
	for (cJSON *it = obj->child; it; it = it->next, ord++) {
		int k = jf_key_index(keys, it->string);
		jf_push(w, it->string, ord);
		int rc;
		if (k < 0)
			rc = unknown_key(w, it->string, keys);
		else if (seen & (1u << k))
			rc = dup_key(w, keys[k]);
		else {
			seen |= 1u << k;
			rc = fn(w, k, it, ctx);
		}
		jf_pop(w);
		if (rc)
			return -1;
	}
	for (int k = 0; keys[k]; k++)
		if ((required & (1u << k)) && !(seen & (1u << k))) {
			snprintf(exp, sizeof exp, "a \"%s\" key", keys[k]);
			return jf_fail(w, JF_AT_VALUE, exp, "missing key \"%s\"", keys[k]);
		}
	if (seen_out)
		*seen_out = seen;
	return 0;
}

/* A string of 1..max bytes without control characters. */
int jf_string(struct jf_walk *w, const cJSON *it, size_t max, const char *expected, char **out)
{
	if (!cJSON_IsString(it))
		return jf_type(w, it, expected);
	size_t n = strlen(it->valuestring);
	if (n == 0)
		return jf_fail(w, JF_AT_VALUE, expected, "empty string");
	if (n > max)
		return jf_fail(w, JF_AT_VALUE, expected, "string of %zu bytes is too long (at most %zu)", n, max);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)it->valuestring[i] < 0x20)
			return jf_fail(w, JF_AT_VALUE, expected, "control character in a name or command");
	*out = jf_strdup(w, it->valuestring);
	return *out ? 0 : -1;
}

int jf_bool(struct jf_walk *w, const cJSON *it, bool *out)
{
	if (!cJSON_IsBool(it))
		return jf_type(w, it, "true or false");
	*out = cJSON_IsTrue(it);
	return 0;
}

/* An unsigned integer: a string (0x hex or decimal) or an integral number
 * 0..2^53 (R6). */
int jf_u64(struct jf_walk *w, const cJSON *it, const char *expected, uint64_t *out)
{
	char cbuf[48];
	if (cJSON_IsNumber(it)) {
		double d = it->valuedouble;
		if (d < 0 || d > 9007199254740992.0 || d != floor(d))
			return jf_fail(w, JF_AT_VALUE, expected, "%.17g is not a whole number from 0 to 2^53", d);
		*out = (uint64_t)d;
		return 0;
	}
	if (!cJSON_IsString(it))
		return jf_type(w, it, expected);
	const char *s = it->valuestring;
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *digits = hex ? s + 2 : s;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(digits, &end, hex ? 16 : 10);
	if (jf_hexval(digits[0]) < 0 || (!hex && !jf_digit(digits[0])) ||
	    strpbrk(digits, "xX") || *end || errno)
		return jf_fail(w, JF_AT_VALUE, expected, "\"%s\" is not a number", jf_clip(s, cbuf));
	*out = v;
	return 0;
}

int jf_list(struct jf_walk *w, cJSON *list, int min, int max, const char *expected,
                     jf_elem_fn fn, void *ctx)
{
	if (!cJSON_IsArray(list))
		return jf_type(w, list, expected);
	int i = 0;
	for (cJSON *it = list->child; it; it = it->next, i++) {
		jf_push(w, NULL, i);
		int rc = i >= max ? jf_fail(w, JF_AT_VALUE, expected, "more than %d elements", max)
		                  : fn(w, i, it, ctx);
		jf_pop(w);
		if (rc)
			return -1;
	}
	if (i < min)
		return jf_fail(w, JF_AT_VALUE, expected, i ? "too few elements (%d)" : "empty list", i);
	return 0;
}

/* Allocates an array of n zeroed elements (n may be 0). */
void *jf_calloc(struct jf_walk *w, int n, size_t size)
{
	void *p = calloc(n ? (size_t)n : 1, size);
	if (!p)
		jf_oom(w);
	return p;
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
int jf_dupes(struct jf_walk *w, const cJSON *node)
{
	int n = 0;
	for (const cJSON *c = node->child; c; c = c->next)
		n++;
	if (cJSON_IsObject(node) && n > 1) {
		struct key_ord *ko = malloc((size_t)n * sizeof *ko);
		if (!ko)
			return jf_oom(w);
		int i = 0, dup = -1;
		for (const cJSON *c = node->child; c; c = c->next, i++)
			ko[i] = (struct key_ord){c->string, i};
		qsort(ko, (size_t)n, sizeof *ko, key_ord_cmp);
		for (i = 1; i < n; i++)
			if (strcmp(ko[i].key, ko[i - 1].key) == 0 && (dup < 0 || ko[i].ord < ko[dup].ord))
				dup = i;
		if (dup >= 0) {
			jf_push(w, ko[dup].key, ko[dup].ord);
			dup_key(w, ko[dup].key);
			free(ko);
			return -1;
		}
		free(ko);
	}
	int i = 0;
	for (const cJSON *c = node->child; c; c = c->next, i++) {
		jf_push(w, cJSON_IsObject(node) ? c->string : NULL, i);
		int rc = jf_dupes(w, c);
		jf_pop(w);
		if (rc)
			return -1;
	}
	return 0;
}
