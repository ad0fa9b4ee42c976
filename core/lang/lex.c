/*
 * lex.c — words, numbers, flags, keywords and $variables of the command
 * language (docs/commands.md CMD-LEX).
 *
 * Why it looks like this
 * ----------------------
 * Batch mode must run at least 500,000 commands per second, and every
 * command goes through here first. So the line is split into one fixed
 * struct lex_line (a copy of the line plus one NUL-separated word buffer;
 * nothing is allocated), and numbers and flags are parsed in place from
 * the words, without copies. Only the variable table owns memory; it
 * grows by doubling at definition time, never while a command is parsed.
 *
 * A line is processed in three passes over at most LEX_MAX_LINE bytes:
 *   1. copy_uncommented: copy up to the first '#' that is outside double
 *      quotes, then trim trailing blanks. The copy is what rest[i] points
 *      into (the raw text "say TEXT" wants).
 *   2. parse_assignment: "$name = COMMAND" (blanks around '=' optional).
 *      A line starting "$p" without '=' is not an assignment; the session
 *      then finds no command "$p" and says so.
 *   3. split_words: blanks separate words; a double-quoted part of a word
 *      keeps blanks and '#' and loses its quotes; inside quotes \" and \\
 *      are escapes and any other backslash is literal, so Windows paths
 *      survive ("C:\dir\file.bin").
 *
 * Number grammar (lex_number), one word, no blanks:
 *   number  := literal | '$' name [ ('+' | '-') literal ]
 *   literal := dec [suffix] | '0x' hex [suffix] | ['0x'] hex{1,8} '`' hex{8}
 *   suffix  := K | M | G (any case; x 2^10, 2^20, 2^30)
 * Every digit string is validated before it is accumulated, so "12x" is a
 * syntax error, not an overflow, and every overflow is caught before it
 * happens (unsigned arithmetic never wraps silently): a number, a suffix
 * or a $var+N past 2^64 - 1, or a $var-N below 0, is refused with the
 * words "wraps around" (docs/commands.md CMD-LEX), as ranges that wrap are
 * refused by the commands (types.h mm_range_wraps).
 *
 * A line is text: a control character or a byte that is no UTF-8 is
 * refused before anything else (lex_check_text), so no name, no `say`
 * and no quoted word can carry one to a terminal. The WinDbg form takes
 * no suffix: "00007ff6`12340000" is an address, not a size.
 *
 * Variables are case-sensitive, as in every shell: $Base and $base are two
 * names. Commands and flags are case-insensitive (docs/commands.md CMD-LEX), but a
 * variable is a user's own name and folding it would make "$a" and "$A"
 * silently the same value.
 *
 * Error policy (types.h): syntax problems are LEX_ERR_SYNTAX and quote the
 * word (cut to 48 bytes) and what was expected; an undefined variable is
 * LEX_ERR_UNKNOWN and lists up to 8 defined names; a full variable table
 * is LEX_ERR_LIMIT. err->arg is the caller's argument index.
 */
#include "lex.h"
#include "langmsg.h"

#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- character classes (ASCII only: no locale in the hot path) ---- */

static bool lex_is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool lex_is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool lex_is_name_char(int c)
{
	return lex_is_name_start(c) || (c >= '0' && c <= '9');
}

static int lex_hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int lex_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* s[0..n) equals the NUL-terminated t, ignoring ASCII case. */
static bool lex_eq_nocase(const char *s, size_t n, const char *t)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (t[i] == '\0' || lex_lower((unsigned char)s[i]) != lex_lower((unsigned char)t[i]))
			return false;
	return t[n] == '\0';
}

static const char *lex_skip_blanks(const char *p)
{
	while (lex_is_blank((unsigned char)*p))
		p++;
	return p;
}

/* A word as messages quote it: at most 48 bytes, then "...". */
static const char *lex_shown(const char *w, size_t n, char buf[56])
{
	if (n > 48)
		snprintf(buf, 56, "%.48s...", w);
	else
		snprintf(buf, 56, "%.*s", (int)n, w);
	return buf;
}

/* ---- a comma-separated list that stops politely when space runs out ---- */

struct lex_join {
	char buf[120];
	size_t len;
	bool full;
};

static void lex_join_add(struct lex_join *j, const char *prefix, const char *item, size_t n)
{
	size_t need = (j->len ? 2 : 0) + strlen(prefix) + n;
	if (j->full)
		return;
	if (j->len + need + 6 > sizeof j->buf) {   /* keep room for ", ..." */
		memcpy(j->buf + j->len, j->len ? ", ..." : "...", j->len ? 6 : 4);
		j->len += j->len ? 5 : 3;
		j->full = true;
		return;
	}
	j->len += (size_t)snprintf(j->buf + j->len, sizeof j->buf - j->len, "%s%s%.*s",
		j->len ? ", " : "", prefix, (int)n, item);
}

/* ---- lex_split ---- */

/* Pass 1: copy line[0..len) up to an unquoted '#', trim trailing blanks.
 * A line without a quote (nearly every one) is copied to its first '#'
 * whole. */
static void lex_copy_uncommented(const char *line, size_t len, char *raw)
{
	size_t i, n = 0;
	bool quoted = false;

	if (!memchr(line, '"', len)) {
		const char *hash = memchr(line, '#', len);
		n = len = hash ? (size_t)(hash - line) : len;
		memcpy(raw, line, len);
	}
	for (i = n; i < len; i++) {
		char c = line[i];
		if (!quoted && c == '#')
			break;
		if (quoted && c == '\\' && i + 1 < len && (line[i + 1] == '"' || line[i + 1] == '\\')) {
			raw[n++] = c;
			c = line[++i];
		} else if (c == '"') {
			quoted = !quoted;
		}
		raw[n++] = c;
	}
	while (n > 0 && lex_is_blank((unsigned char)raw[n - 1]))
		n--;
	raw[n] = '\0';
}

/* Pass 2: "$name = COMMAND". Moves *cmd past the assignment when there is
 * one; leaves it alone otherwise. */
static int lex_parse_assignment(struct lex_line *out, const char **cmd, struct mm_err *err)
{
	const char *name = *cmd + 1, *end = name, *p;
	size_t n;
	char shown[56];

	if (**cmd != '$')
		return 0;
	while (lex_is_name_char((unsigned char)*end))
		end++;
	p = lex_skip_blanks(end);
	if (*p != '=')
		return 0;
	n = (size_t)(end - name);
	if (n == 0)
		return mm_fail_tr(err, LEX_ERR_SYNTAX, -1, LM_LEX_VAR_EXPECTED);
	if (!lex_is_name_start((unsigned char)*name))
		return mm_fail_tr(err, LEX_ERR_SYNTAX, -1, LM_LEX_VAR_START, lex_shown(name, n, shown));
	if (n > LEX_MAX_NAME)
		return mm_fail_tr(err, LEX_ERR_SYNTAX, -1, LM_LEX_VAR_LONG, lex_shown(name, n, shown), LEX_MAX_NAME);
	p = lex_skip_blanks(p + 1);
	if (*p == '\0')
		return mm_fail_tr(err, LEX_ERR_SYNTAX, -1, LM_LEX_ASSIGN_EMPTY, (int)n, name);
	memcpy(out->assign, name, n);
	out->assign[n] = '\0';
	*cmd = p;
	return 0;
}

/* Reads one word at *src into *dst (NUL-terminated); -1 when a quote is
 * left open at the end of the line. */
static int lex_read_word(const char **src, char **dst)
{
	/* What ends a run copied as it is: NUL, a blank, a quote. */
	static const bool stop[256] = {[0] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\v'] = 1, ['\f'] = 1,
				       ['"'] = 1};
	const char *p = *src;
	char *d = *dst;
	bool quoted = false;

	while (!stop[(unsigned char)*p]) /* a word without quotes: all of it */
		*d++ = *p++;
	for (; *p && (quoted || !lex_is_blank((unsigned char)*p)); p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		*d++ = *p;
	}
	*d++ = '\0';
	*src = p;
	*dst = d;
	return quoted ? -1 : 0;
}

/* Pass 3: words from p to the end of out->raw. Each word consumes at least
 * one byte of raw and adds one NUL, so buf (LEX_MAX_LINE + LEX_MAX_WORDS)
 * cannot overflow. */
static int lex_split_words(struct lex_line *out, const char *p, struct mm_err *err)
{
	char *dst = out->buf;
	char shown[56];

	while (*(p = lex_skip_blanks(p)) != '\0') {
		int i = out->nwords;
		if (i == LEX_MAX_WORDS)
			return mm_fail_tr(err, LEX_ERR_SYNTAX, i, LM_LEX_TOO_MANY_WORDS, LEX_MAX_WORDS, i + 1, lex_shown(p, strcspn(p, " \t\r\n\v\f"), shown));
		out->rest[i] = p;
		out->word[i] = dst;
		if (lex_read_word(&p, &dst) < 0)
			return mm_fail_tr(err, LEX_ERR_SYNTAX, i, LM_LEX_QUOTE, i,
				lex_shown(out->rest[i], strlen(out->rest[i]), shown));
		out->nwords++;
	}
	return 0;
}

/* Commands are text (docs/commands.md CMD-LEX): a control character or a
 * byte that is no UTF-8 in a command would travel into names (a process, a
 * file), into `say`, into every error that quotes a word, and so to a
 * terminal. It is refused here, once, so nothing after the lexer meets
 * one. Tab, CR and newline are blanks. */
static int lex_check_text(const char *line, size_t len, struct mm_err *err)
{
	size_t i = 0;
	uint64_t x;
	for (; i + 8 <= len; i += 8) { /* printable ASCII, a word at a time */
		memcpy(&x, line + i, 8);
		if (!lex_word_printable(x))
			break;
	}
	if (i + 8 > len && len >= 8) { /* the rest: the last word, overlapping */
		memcpy(&x, line + len - 8, 8);
		if (lex_word_printable(x))
			return 0;
	}
	while (i < len) {
		unsigned char c = (unsigned char)line[i];
		uint32_t cp;
		size_t k;
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		k = mm_utf8_decode(line + i, len - i, &cp);
		if (cp == MM_UTF8_BAD)
			return mm_fail_tr(err, LEX_ERR_SYNTAX, -1, LM_LEX_NOT_UTF8, i + 1, c);
		if (cp != '\t' && cp != '\r' && mm_text_cp(cp, MM_TEXT_LINES) != cp)
			return mm_fail_tr(err, LEX_ERR_SYNTAX, -1, LM_LEX_CONTROL, i + 1, (unsigned)cp);
		i += k;
	}
	return 0;
}

static void lex_line_reset(struct lex_line *out)
{
	out->empty = false;
	out->nwords = 0;
	out->assign[0] = '\0';
	out->raw[0] = '\0';
}

int lex_split(const char *line, struct lex_line *out, struct mm_err *err)
{
	size_t len = strnlen(line, LEX_MAX_LINE + 1);
	const char *cmd;

	lex_line_reset(out);
	if (len > LEX_MAX_LINE)
		return mm_fail_tr(err, LEX_ERR_SYNTAX, -1, LM_LEX_LINE_LONG, LEX_MAX_LINE);
	if (lex_check_text(line, len, err) < 0)
		return -1;
	lex_copy_uncommented(line, len, out->raw);
	cmd = lex_skip_blanks(out->raw);
	if (*cmd == '\0') {
		out->empty = true;
		return 0;
	}
	if (lex_parse_assignment(out, &cmd, err) < 0 || lex_split_words(out, cmd, err) < 0) {
		lex_line_reset(out);
		return -1;
	}
	return 0;
}

/* ---- variables ---- */

struct lex_var {
	uint64_t value;
	uint8_t len;
	char name[LEX_MAX_NAME + 1];
};

/* Definition-ordered array plus an open-addressing index over it: slot
 * holds index+1 (0 = empty) and has twice as many slots as var has room,
 * so it is never more than half full and probing always ends. */
struct lex_vars {
	struct lex_var *var;
	size_t n, cap;
	uint16_t *slot;
	size_t mask;
};

static uint32_t lex_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;               /* FNV-1a */
	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The slot where name is, or the empty slot where it would go. */
static size_t lex_vars_slot(const struct lex_vars *v, const char *name, size_t n)
{
	size_t i = lex_hash(name, n) & v->mask;
	for (; v->slot[i]; i = (i + 1) & v->mask) {
		const struct lex_var *e = &v->var[v->slot[i] - 1];
		if (e->len == n && memcmp(e->name, name, n) == 0)
			break;
	}
	return i;
}

static const struct lex_var *lex_vars_find(const struct lex_vars *v, const char *name, size_t n)
{
	uint16_t s;
	if (n == 0 || n > LEX_MAX_NAME)
		return NULL;
	s = v->slot[lex_vars_slot(v, name, n)];
	return s ? &v->var[s - 1] : NULL;
}

static void lex_vars_reindex(struct lex_vars *v)
{
	size_t i;
	memset(v->slot, 0, (v->mask + 1) * sizeof *v->slot);
	for (i = 0; i < v->n; i++)
		v->slot[lex_vars_slot(v, v->var[i].name, v->var[i].len)] = (uint16_t)(i + 1);
}

static int lex_vars_grow(struct lex_vars *v)
{
	size_t cap = v->cap * 2;
	struct lex_var *var = realloc(v->var, cap * sizeof *var);
	uint16_t *slot;

	if (!var)
		return -1;
	v->var = var;
	slot = calloc(cap * 2, sizeof *slot);
	if (!slot)
		return -1;
	free(v->slot);
	v->slot = slot;
	v->cap = cap;
	v->mask = cap * 2 - 1;
	lex_vars_reindex(v);
	return 0;
}

struct lex_vars *lex_vars_new(void)
{
	struct lex_vars *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->cap = 16;
	v->mask = 31;
	v->var = malloc(v->cap * sizeof *v->var);
	v->slot = calloc(v->mask + 1, sizeof *v->slot);
	if (!v->var || !v->slot) {
		lex_vars_free(v);
		return NULL;
	}
	return v;
}

void lex_vars_free(struct lex_vars *v)
{
	if (v) {
		free(v->var);
		free(v->slot);
		free(v);
	}
}

void lex_vars_clear(struct lex_vars *v)
{
	v->n = 0;
	memset(v->slot, 0, (v->mask + 1) * sizeof *v->slot);
}

static bool lex_name_ok(const char *name, size_t n)
{
	size_t i;
	if (n == 0 || n > LEX_MAX_NAME || !lex_is_name_start((unsigned char)name[0]))
		return false;
	for (i = 1; i < n; i++)
		if (!lex_is_name_char((unsigned char)name[i]))
			return false;
	return true;
}

int lex_vars_set(struct lex_vars *v, const char *name, uint64_t value, struct mm_err *err)
{
	size_t n = strnlen(name, LEX_MAX_NAME + 1), i;
	char shown[56];
	struct lex_var *e;

	if (!lex_name_ok(name, n))
		return mm_fail_tr(err, LEX_ERR_SYNTAX, -1, LM_LEX_BAD_VAR_NAME,
			lex_shown(name, strlen(name), shown), LEX_MAX_NAME);
	i = lex_vars_slot(v, name, n);
	if (v->slot[i]) {
		v->var[v->slot[i] - 1].value = value;
		return 0;
	}
	if (v->n == LEX_MAX_VARS)
		return mm_fail_tr(err, LEX_ERR_LIMIT, -1, LM_LEX_VARS_FULL, name, LEX_MAX_VARS);
	if (v->n == v->cap) {
		if (lex_vars_grow(v) < 0)
			return mm_fail_tr(err, LEX_ERR_LIMIT, -1, LM_LEX_VARS_OOM, name);
		i = lex_vars_slot(v, name, n);
	}
	e = &v->var[v->n];
	e->value = value;
	e->len = (uint8_t)n;
	memcpy(e->name, name, n + 1);
	v->slot[i] = (uint16_t)++v->n;
	return 0;
}

void lex_vars_drop_last(struct lex_vars *v)
{
	if (!v->n)
		return;
	const struct lex_var *e = &v->var[v->n - 1];
	/* The newest entry is the end of any probe chain through its slot:
	 * clearing the slot breaks no other entry's chain. */
	v->slot[lex_vars_slot(v, e->name, e->len)] = 0;
	v->n--;
}

int lex_vars_get(const struct lex_vars *v, const char *name, uint64_t *out)
{
	const struct lex_var *e = lex_vars_find(v, name, strnlen(name, LEX_MAX_NAME + 1));
	if (!e)
		return -1;
	*out = e->value;
	return 0;
}

size_t lex_vars_count(const struct lex_vars *v)
{
	return v->n;
}

int lex_vars_at(const struct lex_vars *v, size_t i, const char **name, uint64_t *value)
{
	if (i >= v->n)
		return -1;
	*name = v->var[i].name;
	*value = v->var[i].value;
	return 0;
}

/* ---- numbers ---- */

enum lex_lit { LIT_OK, LIT_BAD, LIT_RANGE, LIT_TICK };

/* Digits s[0..n) in base 10 or 16; all are checked before any is added. */
static enum lex_lit lex_digits(const char *s, size_t n, unsigned base, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0)
		return LIT_BAD;
	for (i = 0; i < n; i++) {
		int d = lex_hex_value((unsigned char)s[i]);
		if (d < 0 || (unsigned)d >= base)
			return LIT_BAD;
	}
	for (i = 0; i < n; i++) {
		uint64_t d = (uint64_t)lex_hex_value((unsigned char)s[i]);
		if (v > (UINT64_MAX - d) / base)
			return LIT_RANGE;
		v = v * base + d;
	}
	*out = v;
	return LIT_OK;
}

/* "00007ff6`12340000": 1-8 hex digits, a backtick, exactly 8 hex digits. */
static enum lex_lit lex_windbg(const char *s, const char *tick, const char *end, uint64_t *out)
{
	uint64_t hi, lo;
	if (tick - s > 2 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	if (tick - s < 1 || tick - s > 8 || end - (tick + 1) != 8)
		return LIT_TICK;
	if (lex_digits(s, (size_t)(tick - s), 16, &hi) != LIT_OK ||
	    lex_digits(tick + 1, 8, 16, &lo) != LIT_OK)
		return LIT_TICK;
	*out = hi << 32 | lo;
	return LIT_OK;
}

static unsigned lex_suffix_shift(int c)
{
	switch (lex_lower(c)) {
	case 'k': return 10;
	case 'm': return 20;
	case 'g': return 30;
	default: return 0;
	}
}

static enum lex_lit lex_literal(const char *s, size_t n, uint64_t *out)
{
	const char *tick = n ? memchr(s, '`', n) : NULL;
	unsigned base = 10, shift;
	enum lex_lit r;
	uint64_t v;

	if (n == 0)
		return LIT_BAD;
	if (tick)
		return lex_windbg(s, tick, s + n, out);
	if (n > 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
		base = 16;
		s += 2;
		n -= 2;
	}
	shift = lex_suffix_shift((unsigned char)s[n - 1]);
	if (shift)
		n--;
	r = lex_digits(s, n, base, &v);
	if (r != LIT_OK)
		return r;
	if (v > (UINT64_MAX >> shift))
		return LIT_RANGE;
	*out = v << shift;
	return LIT_OK;
}

static int lex_number_error(enum lex_lit r, const char *w, bool vars_ok, int argi,
	struct mm_err *err)
{
	char shown[56];
	if (!err)
		return -1;
	lex_shown(w, strlen(w), shown);
	if (r == LIT_RANGE)
		return mm_fail_tr(err, LEX_ERR_SYNTAX, argi, LM_LEX_WRAPS, shown);
	if (r == LIT_TICK)
		return mm_fail_tr(err, LEX_ERR_SYNTAX, argi, LM_LEX_TICK, shown);
	if (vars_ok)
		return mm_fail_tr(err, LEX_ERR_SYNTAX, argi, LM_LEX_NUMBER_VARS, shown);
	return mm_fail_tr(err, LEX_ERR_SYNTAX, argi, LM_LEX_NUMBER, shown);
}

static int lex_unknown_var(const struct lex_vars *vars, const char *name, size_t n, int argi,
	struct mm_err *err)
{
	struct lex_join j = {.len = 0};
	size_t i;
	char shown[56];

	if (!err)
		return -1;
	for (i = 0; i < vars->n && i < 8; i++)
		lex_join_add(&j, "$", vars->var[i].name, vars->var[i].len);
	if (vars->n > 8)
		lex_join_add(&j, "", "...", 3);
	lex_shown(name, n, shown);
	if (vars->n == 0)
		return mm_fail_tr(err, LEX_ERR_UNKNOWN, argi, LM_LEX_NO_VARS, shown);
	return mm_fail_tr(err, LEX_ERR_UNKNOWN, argi, LM_LEX_UNKNOWN_VAR, shown, j.buf);
}

/* "$name", "$name+N", "$name-N". */
static int lex_var_number(const char *w, const struct lex_vars *vars, uint64_t *out, int argi,
	struct mm_err *err)
{
	const char *name = w + 1, *p = name;
	const struct lex_var *e;
	uint64_t off;
	enum lex_lit r;
	char shown[56];
	size_t n;

	while (lex_is_name_char((unsigned char)*p))
		p++;
	n = (size_t)(p - name);
	if (!lex_name_ok(name, n) || (*p != '\0' && *p != '+' && *p != '-'))
		return lex_number_error(LIT_BAD, w, vars != NULL, argi, err);
	if (!vars)
		return mm_fail_tr(err, LEX_ERR_SYNTAX, argi, LM_LEX_VARS_HERE,
			lex_shown(w, strlen(w), shown));
	e = lex_vars_find(vars, name, n);
	if (!e)
		return lex_unknown_var(vars, name, n, argi, err);
	if (*p == '\0') {
		*out = e->value;
		return 0;
	}
	r = lex_literal(p + 1, strlen(p + 1), &off);
	if (r != LIT_OK)
		return lex_number_error(r, w, true, argi, err);
	if (*p == '+' && off > UINT64_MAX - e->value)
		return mm_fail_tr(err, LEX_ERR_SYNTAX, argi, LM_LEX_VAR_WRAPS, lex_shown(w, strlen(w), shown), e->name,
			(unsigned long long)e->value);
	if (*p == '-' && off > e->value)
		return mm_fail_tr(err, LEX_ERR_SYNTAX, argi, LM_LEX_VAR_BELOW, lex_shown(w, strlen(w), shown), e->name,
			(unsigned long long)e->value);
	*out = *p == '+' ? e->value + off : e->value - off;
	return 0;
}

int lex_number(const char *w, const struct lex_vars *vars, uint64_t *out, int argi,
	struct mm_err *err)
{
	enum lex_lit r;
	if (w[0] == '$')
		return lex_var_number(w, vars, out, argi, err);
	r = lex_literal(w, strlen(w), out);
	return r == LIT_OK ? 0 : lex_number_error(r, w, vars != NULL, argi, err);
}

/* ---- flags and keywords ---- */

/* A message text cut at the size of an error's (as mm_fail cuts it). */
static void lex_text(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void lex_text(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

/* what: the kind of fault in English and German (LM_PAIR), so the
 * message is made in each language with its own word. */
static int lex_flag_error(const char *const what[2], const char *part, size_t n, const char *w,
	const struct consts_flag *table, size_t count, int argi, struct mm_err *err)
{
	struct lex_join j = {.len = 0};
	char sp[56], sw[56];
	size_t i;

	if (!err)
		return -1;
	for (i = 0; i < count; i++)
		lex_join_add(&j, "", table[i].name, strlen(table[i].name));
	lex_shown(part, n, sp);
	lex_shown(w, strlen(w), sw);
	struct mm_spell spell;
	char part_z[56];
	snprintf(part_z, sizeof part_z, "%.*s", (int)(n < 55 ? n : 55), part);
	mm_spell_init(&spell, part_z);
	for (i = 0; i < count; i++)
		mm_spell_try(&spell, table[i].name);
	char text[2][sizeof err->msg];
	bool in = strchr(w, '|') != NULL;
	for (int l = 0; l < 2; l++) {
		if (mm_spell_best(&spell))
			lex_text(text[l], sizeof text[l], LM(l, LEX_FLAG_HINT), what[l], sp, in ? " in '" : "",
				in ? sw : "", in ? "'" : "", mm_spell_best(&spell), j.buf);
		else if (in)
			lex_text(text[l], sizeof text[l], LM(l, LEX_FLAG_IN), what[l], sp, sw, j.buf);
		else
			lex_text(text[l], sizeof text[l], LM(l, LEX_FLAG), what[l], sp, j.buf);
	}
	return mm_fail_texts(err, LEX_ERR_SYNTAX, argi, text[0], text[1]);
}

/* One part of A|B|C: s[0..n). */
static int lex_flag_part(const char *s, size_t n, const char *w, const struct consts_flag *table,
	size_t count, uint32_t *out, int argi, struct mm_err *err)
{
	size_t i;
	uint64_t v;

	if (n == 0)
		return lex_flag_error(LM_PAIR(LEX_FLAG_EMPTY), s, 0, w, table, count, argi, err);
	if (s[0] >= '0' && s[0] <= '9') {
		if (lex_literal(s, n, &v) != LIT_OK)
			return lex_flag_error(LM_PAIR(LEX_FLAG_BAD_NUMBER), s, n, w, table, count, argi, err);
		if (v > UINT32_MAX)
			return lex_flag_error(LM_PAIR(LEX_FLAG_WIDE), s, n, w, table, count, argi,
				err);
		*out |= (uint32_t)v;
		return 0;
	}
	for (i = 0; i < count; i++) {
		if (lex_eq_nocase(s, n, table[i].name)) {
			*out |= table[i].value;
			return 0;
		}
	}
	return lex_flag_error(s[0] == '$' ? LM_PAIR(LEX_FLAG_VAR) : LM_PAIR(LEX_FLAG_UNKNOWN), s, n, w, table, count, argi, err);
}

int lex_flags(const char *w, const struct consts_flag *table, size_t n, uint32_t *out, int argi,
	struct mm_err *err)
{
	const char *p = w;
	uint32_t v = 0;

	for (;;) {
		size_t len = strcspn(p, "|");
		if (lex_flag_part(p, len, w, table, n, &v, argi, err) < 0)
			return -1;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	*out = v;
	return 0;
}

static int lex_keyword_error(const char *w, size_t wn, const char *const *choices, size_t n,
	int argi, struct mm_err *err)
{
	struct lex_join j = {.len = 0};
	char shown[56];
	size_t i;

	if (!err)
		return -1;
	for (i = 0; i < n; i++)
		lex_join_add(&j, "", choices[i], strlen(choices[i]));
	return mm_fail_tr(err, LEX_ERR_SYNTAX, argi, LM_LEX_KEYWORD, j.buf,
		lex_shown(w, wn, shown));
}

int lex_keyword(const char *w, const char *const *choices, size_t n, int argi,
	struct mm_err *err)
{
	size_t i, wn = strlen(w);

	for (i = 0; i < n; i++)
		if (lex_eq_nocase(w, wn, choices[i]))
			return (int)i;
	return lex_keyword_error(w, wn, choices, n, argi, err);
}

/* ---- machine options (config.h): the command line and scenarios parse
 * sizes and names with the command language's own rules ---- */

int mm_parse_size(const char *s, uint64_t *out, int argi, struct mm_err *err)
{
	return lex_number(s, NULL, out, argi, err);
}

/* Case-insensitive look-up of s in names[0..n); -1 when absent. */
static int lex_option(const char *s, const char *const *names, size_t n)
{
	return lex_keyword(s, names, n, -1, NULL);
}

int mm_arch_parse(const char *s, enum mm_arch *out)
{
	int i = lex_option(s, mm_arch_names, MM_ARRAY_LEN(mm_arch_names));
	if (i < 0)
		return -1;
	*out = (enum mm_arch)i;
	return 0;
}

int mm_os_parse(const char *s, enum mm_os *out)
{
	int i = lex_option(s, mm_os_names, MM_ARRAY_LEN(mm_os_names));
	if (i < 0)
		return -1;
	*out = (enum mm_os)i;
	return 0;
}
