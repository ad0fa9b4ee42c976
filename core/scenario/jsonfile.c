/*
 * jsonfile.c — reading a JSON file strictly and locating its errors, for
 * scenarios and themes alike (jsonfile.h).
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
 * into a message loses its control characters, C1 ones included, by the
 * core's rule for text on a terminal (quotable): a message ends up on one.
 *
 * Layout: messages and positions; reading; the scanner (pass 1) and parse
 * (pass 2). The navigator (pass 4) and the walk (pass 3) are jsonwalk.c's.
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
#include <sys/stat.h>
#include <unistd.h>

#include "scnmsg.h"
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

/* The character at s[0..n) as a message may quote it: its length, and
 * whether it passes as it is; a control character (C0, DEL, C1: a
 * terminal may act on it as on ESC) or a byte that is no UTF-8 does not.
 * The rule is the core's one rule for text on a terminal (types.h,
 * docs/output.md OUT-SAFE); messages mark such a character '?'. */
static size_t quotable(const char *s, size_t n, bool *ok)
{
	uint32_t cp;
	size_t k = mm_utf8_decode(s, n, &cp);
	*ok = mm_text_cp(cp, 0) == cp;
	return k;
}

const char *jf_clip(const char *s, char buf[48])
{
	size_t n = 0, i = 0, len = strlen(s);
	while (i < len) {
		bool ok;
		size_t k = quotable(s + i, len - i, &ok);
		if (n + (ok ? k : 1) > 40)
			break;
		if (ok)
			memcpy(buf + n, s + i, k);
		else
			buf[n] = '?';
		n += ok ? k : 1;
		i += k;
	}
	strcpy(buf + n, i < len ? "..." : "");
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
		for (size_t i = 0; i < c->klen;) {
			bool ok;
			size_t cl = quotable(c->key + i, c->klen - i, &ok);
			ok = ok && c->key[i] != '"' && c->key[i] != '\\';
			if (j + (ok ? cl : 1) >= sizeof k)
				break;
			if (ok)
				memcpy(k + j, c->key + i, cl);
			else
				k[j] = '?';
			j += ok ? cl : 1;
			i += cl;
		}
		k[j] = '\0';
		snprintf(p, room, "[\"%s\"]", k);
	}
}

void jsonfile_path(const struct jf_comp *c, int n, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		path_append(buf, size, &c[i]);
}

size_t jsonfile_bom(const char *s, size_t len)
{
	return (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
}

/* Line and column (1-based, columns in UTF-8 characters) of byte off. */
void jsonfile_linecol(const char *s, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = jsonfile_bom(s, len); i < off && i < len; i++) {
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
void jf_copy_cut(char *dst, size_t n, const char *src)
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

int jsonfile_error(struct jf_err *e, const char *text, size_t len, size_t off, const char *path,
                   const char *what, const char *expected)
{
	return jsonfile_error_tr(e, text, len, off, path, (const char *const[2]){what, ""},
	                         (const char *const[2]){expected, ""});
}

int jsonfile_error_tr(struct jf_err *e, const char *text, size_t len, size_t off, const char *path,
                      const char *const what[2], const char *const expected[2])
{
	if (!e)
		return -1;
	memset(e, 0, sizeof *e);
	jf_copy_cut(e->path, sizeof e->path, path);
	jf_copy_cut(e->what, sizeof e->what, what[0]);
	jf_copy_cut(e->expected, sizeof e->expected, expected[0]);
	jf_copy_cut(e->what_de, sizeof e->what_de, what[1]);
	jf_copy_cut(e->expected_de, sizeof e->expected_de, expected[1]);
	e->offset = off;
	jsonfile_linecol(text, len, off, &e->line, &e->col);
	return -1;
}

const char *jf_err_what(const struct jf_err *e, int lang)
{
	return lang && e->what_de[0] ? e->what_de : e->what;
}

const char *jf_err_expected(const struct jf_err *e, int lang)
{
	return lang && e->what_de[0] ? e->expected_de : e->expected;
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
	char what[2][200];      /* English, German (scnmsg.h) */
	char expected[2][200];
};

/* Fails at off: found fmt (an SM_ pair, formatted from one argument list
 * into both languages), expected ex (an SM_X_ pair). de is not a literal
 * the compiler checks: 38_i18n checks it has en's conversions. */
static int jv_fail(struct jv *v, size_t off, const char *ex_en, const char *ex_de, const char *en, const char *de,
                   ...) __attribute__((format(printf, 5, 7)));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int jv_fail(struct jv *v, size_t off, const char *ex_en, const char *ex_de, const char *en, const char *de,
                   ...)
{
	va_list ap, again;
	v->err_off = off;
	va_start(ap, de);
	va_copy(again, ap);
	vsnprintf(v->what[0], sizeof v->what[0], en, ap);
	vsnprintf(v->what[1], sizeof v->what[1], de, again);
	va_end(again);
	va_end(ap);
	snprintf(v->expected[0], sizeof v->expected[0], "%s", ex_en);
	snprintf(v->expected[1], sizeof v->expected[1], "%s", ex_de);
	return -1;
}
#pragma GCC diagnostic pop

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
static int jv_unexpected(struct jv *v, const char *ex_en, const char *ex_de)
{
	size_t p = v->pos;
	if (p >= v->len)
		return jv_fail(v, p, ex_en, ex_de, SM_EOF);
	unsigned char c = v->s[p];
	if (c == 0)
		return jv_fail(v, p, SM_X_UTF8, SM_NUL);
	if (c == '/')
		return jv_fail(v, p, ex_en, ex_de, SM_COMMENT);
	if (c == '\'')
		return jv_fail(v, p, ex_en, ex_de, SM_SINGLE_QUOTE);
	if (c < 0x20 || c == 0x7f)
		return jv_fail(v, p, ex_en, ex_de, SM_CONTROL, c);
	if (c >= 0x80)
		return utf8_len(v->s + p, v->len - p) ? jv_fail(v, p, ex_en, ex_de, SM_NON_ASCII)
		                                      : jv_fail(v, p, ex_en, ex_de, SM_BAD_UTF8, c);
	return jv_fail(v, p, ex_en, ex_de, SM_UNEXPECTED, c);
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
		return jv_fail(v, at, SM_X_ESCAPE_CLOSE, SM_EOF);
	unsigned char c = v->s[at + 1];
	if (c && strchr("\"\\/bfnrt", c)) {
		v->pos += 2;
		return 0;
	}
	if (c != 'u')
		return jv_fail(v, at, SM_X_ESCAPE, SM_ESCAPE_UNKNOWN, c >= 0x20 && c < 0x7f ? c : '?');
	long u = jv_u4(v, at);
	if (u < 0)
		return jv_fail(v, at, SM_X_U4, SM_U_MALFORMED);
	if (u == 0)
		return jv_fail(v, at, SM_X_NO_NUL, SM_U_NUL);
	if (u >= 0xDC00 && u <= 0xDFFF)
		return jv_fail(v, at, SM_X_HIGH_BEFORE, SM_LOW_ALONE, u);
	if (u >= 0xD800 && u <= 0xDBFF) {
		long lo = jv_u4(v, at + 6);
		if (lo < 0xDC00 || lo > 0xDFFF)
			return jv_fail(v, at, SM_X_LOW_AFTER, SM_HIGH_ALONE, u);
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
			return jv_fail(v, open, SM_X_CLOSE, SM_UNTERMINATED);
		unsigned char c = v->s[v->pos];
		if (c == '"')
			break;
		if (v->pos - open > max)
			return max == JF_MAX_KEY ? jv_fail(v, open, SM_X_KEY_MAX, SM_STRING_LONG)
			                         : jv_fail(v, open, SM_X_STRING_MAX, SM_STRING_LONG);
		if (c == '\\') {
			if (jv_escape(v))
				return -1;
		} else if (c == '\n' || c == '\r') {
			return jv_fail(v, v->pos, SM_X_CLOSE_OR_N, SM_LINE_BREAK);
		} else if (c < 0x20 || c == 0x7f) {
			return c ? jv_fail(v, v->pos, SM_X_ESCAPE_SUCH, SM_STRING_CONTROL, c)
			         : jv_unexpected(v, SM_X_UTF8);
		} else if (c >= 0x80) {
			size_t n = utf8_len(v->s + v->pos, v->len - v->pos);
			if (!n)
				return jv_fail(v, v->pos, SM_X_UTF8, SM_BAD_UTF8, c);
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

/* Digits at pos; after (an SM_AFTER_ pair) names what they follow. */
static int jv_digits(struct jv *v, const char *after_en, const char *after_de)
{
	if (!at_digit(v)) { /* the words after "after" differ by language too: German made apart */
		jv_fail(v, v->pos, SM_X_DIGIT, SM_NO_DIGIT, after_en);
		snprintf(v->what[1], sizeof v->what[1], SM(1, NO_DIGIT), after_de);
		return -1;
	}
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
			return jv_fail(v, start, SM_X_DECIMAL, SM_HEX_NUMBER);
		if (at_digit(v))
			return jv_fail(v, start, SM_X_NO_LEADING_ZERO, SM_LEADING_ZERO);
	} else if (jv_digits(v, SM_AFTER_MINUS)) {
		return -1;
	}
	if (v->pos < v->len && v->s[v->pos] == '.') {
		v->pos++;
		if (jv_digits(v, SM_AFTER_POINT))
			return -1;
	}
	if (v->pos < v->len && (v->s[v->pos] == 'e' || v->s[v->pos] == 'E')) {
		v->pos++;
		if (v->pos < v->len && (v->s[v->pos] == '+' || v->s[v->pos] == '-'))
			v->pos++;
		if (jv_digits(v, SM_AFTER_EXPONENT))
			return -1;
	}
	if (v->pos < v->len && jf_alpha(v->s[v->pos]))
		return jv_fail(v, start, SM_X_UNIT, SM_UNIT);
	size_t n = v->pos - start;
	if (n > 63)
		return jv_fail(v, start, SM_X_NUMBER_MAX, SM_NUMBER_LONG);
	char tmp[64];
	memcpy(tmp, v->s + start, n);
	tmp[n] = '\0';
	if (!isfinite(strtod(tmp, NULL)))
		return jv_fail(v, start, SM_X_DOUBLE, SM_NUMBER_RANGE);
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
	return jv_fail(v, start, SM_X_WORD, SM_WORD, (int)MM_MIN(n, 40), (const char *)v->s + start);
}

static int jv_value(struct jv *v);

static int jv_push(struct jv *v, bool obj)
{
	if (v->depth >= JF_MAX_DEPTH)
		return jv_fail(v, v->pos, SM_X_DEPTH, SM_DEEP);
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
			return jv_fail(v, v->pos, SM_X_MEMBER_AFTER, SM_COMMA_OBJECT);
		if (v->pos < v->len && (jf_alpha(v->s[v->pos]) || v->s[v->pos] == '_'))
			return jv_fail(v, v->pos, SM_X_KEY_QUOTED, SM_KEY_QUOTES);
		return jv_unexpected(v, SM_X_KEY);
	}
	size_t k = v->pos + 1;
	if (jv_string(v, JF_MAX_KEY))
		return -1;
	f->c.key = (const char *)v->s + k;
	f->c.klen = v->pos - 1 - k;
	f->has_key = true;
	jv_ws(v);
	if (v->pos >= v->len || v->s[v->pos] != ':')
		return jv_unexpected(v, SM_X_COLON);
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
			return jv_fail(v, v->pos, SM_X_VALUE_AFTER, SM_COMMA_LIST);
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
		return obj ? jv_unexpected(v, SM_X_COMMA_OBJECT) : jv_unexpected(v, SM_X_COMMA_LIST);
	}
}

static int jv_value(struct jv *v)
{
	if (++v->nvalues > JF_MAX_VALUES)
		return jv_fail(v, v->pos, SM_X_VALUES_MAX, SM_TOO_MANY);
	if (v->pos >= v->len)
		return jv_unexpected(v, SM_X_VALUE);
	unsigned char c = v->s[v->pos];
	if (c == '{' || c == '[')
		return jv_container(v);
	if (c == '"')
		return jv_string(v, JF_MAX_STRING);
	if (c == '-' || (c >= '0' && c <= '9'))
		return jv_number(v);
	if (jf_alpha(c))
		return jv_word(v);
	return jv_unexpected(v, SM_X_ANY_VALUE);
}

/* Pass 1 over the whole text. Returns 0, or -1 with err filled. */
static int scan_text(const char *text, size_t len, struct jf_err *err)
{
	struct jv *v = calloc(1, sizeof *v);
	if (!v)
		return jsonfile_error_tr(err, text, 0, 0, "", (const char *const[2]){SM_OOM}, (const char *const[2]){"", ""});
	v->s = (const unsigned char *)text;
	v->len = len;
	v->pos = jsonfile_bom(text, len);
	jv_ws(v);
	int rc = 0;
	if (v->pos >= v->len)
		rc = jv_fail(v, v->pos, SM_X_OBJECT, SM_EMPTY);
	else if (jv_value(v) == 0) {
		jv_ws(v);
		if (v->pos < v->len)
			rc = jv_fail(v, v->pos, SM_X_END, SM_AFTER_END);
	} else {
		rc = -1;
	}
	if (rc) {
		char path[160];
		jv_path(v, path, sizeof path);
		jsonfile_error_tr(err, text, len, v->err_off, path, (const char *const[2]){v->what[0], v->what[1]},
		                  (const char *const[2]){v->expected[0], v->expected[1]});
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
	size_t bom = jsonfile_bom(buf, len);
	cJSON *root = cJSON_ParseWithLengthOpts(buf + bom, len - bom, &end, 0);
	if (!root)
		jsonfile_error_tr(err, buf, len, end ? (size_t)(end - buf) : 0, "",
		                  (const char *const[2]){SM_CANNOT_PARSE}, (const char *const[2]){SM_X_JSON});
	return root;
}
