/*
 * theme.c — theme files: load, check strictly, resolve for the terminal.
 *
 * Why it is built this way.  A theme is untrusted input that a teacher
 * edits by hand, so every mistake must come back as one clear sentence
 * naming file, line:column, the JSON path and what was expected (docs/themes.md THM-ERRORS)
 * and must change nothing.  cJSON parses (ParseWithLengthOpts: the buffer
 * need not be NUL-terminated, fuzz input never is); cJSON keeps no source
 * positions, so a small scanner (theme_locate) walks the already-valid text
 * again along the path of the error to find its line:column.  The tree is
 * converted at once into a fixed-size struct theme and deleted, so
 * nothing allocated outlives a call.  Every role of theme_roles.h
 * is required: a theme cannot silently leave a page state uncoloured.
 * Colour depth is decided here, not in the backends: theme_resolve turns a
 * theme into the pens of a 256-colour, 8-colour or colourless terminal.
 *
 * The format (also in themes/README.md):
 *
 *   {
 *     "name": "default",                      optional, <= 31 bytes
 *     "title": "Dark, for dark backgrounds",  optional, <= 95 bytes
 *     "roles": {                              required, every role of
 *       "page.zeroed": {                      theme_roles.h exactly once
 *         "fg": 250,         required: 0..255, -1 or "default", a name
 *         "bg": "#303030",   required   (black red green yellow blue magenta
 *                                        cyan white, bright-black..bright-
 *                                        white) or "#rrggbb" (nearest of the
 *                                        256-colour palette)
 *         "fg8": "white",    optional: -1..7, "default" or one of the eight
 *         "bg8": "black",    optional   names; default: fg/bg downsampled
 *         "attrs": ["bold"], optional: bold underline reverse dim italic
 *         "glyph": "."       optional: one character of width 1
 *       }, ...
 *     }
 *   }
 *
 * Keys are case-sensitive; unknown and duplicate keys are refused.
 */
#include "theme.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cellgrid.h" /* grid_utf8_decode, grid_cp_width */

#ifndef MMVIZ_PREFIX
#define MMVIZ_PREFIX "/usr/local"
#endif

struct theme_role_info {
	const char *key;
	uint32_t glyph;
	uint8_t mono;
	struct theme_style dflt;
};

static const struct theme_role_info theme_roles[ROLE_COUNT] = {
#define THEME_ROLE_INFO(e, k, g, m, fg, bg, fg8, bg8, a) \
	[ROLE_##e] = {k, g, m, {fg, bg, fg8, bg8, a, g}},
	THEME_ROLES(THEME_ROLE_INFO)
#undef THEME_ROLE_INFO
};

static const char *const theme_names8[8] = {"black", "red",     "green", "yellow",
					    "blue",  "magenta", "cyan",  "white"};
static const char *const theme_attr_names[5] = {"bold", "underline", "reverse", "dim",
						"italic"};

const char *theme_role_key(int role)
{
	return role >= 0 && role < ROLE_COUNT ? theme_roles[role].key : NULL;
}

int theme_role_lookup(const char *key)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (strcmp(theme_roles[r].key, key) == 0)
			return r;
	return -1;
}

int theme_builtin(struct theme *out, const char *name)
{
	int mono = strcmp(name, "mono") == 0;
	if (!mono && strcmp(name, "default") != 0)
		return -1;
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "%s", name);
	snprintf(out->title, sizeof out->title, "%s",
		 mono ? "Monochrome: glyphs and attributes only (NO_COLOR, colourless terminals)"
		      : "Dark (default): for dark terminal backgrounds, 256 or 8 colours");
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_role_info *ri = &theme_roles[r];
		out->role[r] = ri->dflt;
		if (mono)
			out->role[r] = (struct theme_style){-1, -1, -1, -1, ri->mono, ri->glyph};
	}
	return 0;
}

/* ---- colours ------------------------------------------------------------ */

/* The xterm palette as RGB, for "#rrggbb" and for downsampling. */
static void theme_rgb(int c, int rgb[3])
{
	static const unsigned char base[16][3] = {
		{0, 0, 0},	 {205, 0, 0},	{0, 205, 0},	 {205, 205, 0},
		{0, 0, 238},	 {205, 0, 205}, {0, 205, 205},	 {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},	{0, 255, 0},	 {255, 255, 0},
		{92, 92, 255},	 {255, 0, 255}, {0, 255, 255},	 {255, 255, 255}};
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = base[c][i];
	} else if (c < 232) {
		rgb[0] = level[(c - 16) / 36];
		rgb[1] = level[(c - 16) / 6 % 6];
		rgb[2] = level[(c - 16) % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

/* The palette entry in [lo, hi] nearest to rgb. */
static int theme_nearest(const int rgb[3], int lo, int hi)
{
	int best = lo;
	long bestd = -1;
	for (int c = lo; c <= hi; c++) {
		int p[3];
		theme_rgb(c, p);
		long d = 0;
		for (int i = 0; i < 3; i++)
			d += (long)(p[i] - rgb[i]) * (p[i] - rgb[i]);
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = c;
		}
	}
	return best;
}

int theme_colour_to8(int c256)
{
	if (c256 < 0 || c256 > 255)
		return -1;
	if (c256 < 16)
		return c256 & 7;
	int rgb[3];
	theme_rgb(c256, rgb);
	return theme_nearest(rgb, 0, 7);
}

static int theme_hex(const char *s, int rgb[3])
{
	if (strlen(s) != 7)
		return -1;
	for (int i = 0; i < 3; i++) {
		int v = 0;
		for (int j = 1; j <= 2; j++) {
			char ch = s[1 + 2 * i + j - 1];
			int d = ch >= '0' && ch <= '9'	 ? ch - '0'
				: ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
				: ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
							 : -1;
			if (d < 0)
				return -1;
			v = v * 16 + d;
		}
		rgb[i] = v;
	}
	return 0;
}

int theme_parse_colour(const char *s, int max, int *out)
{
	int rgb[3];
	if (strcmp(s, "default") == 0) {
		*out = -1;
		return 0;
	}
	for (int i = 0; i < 8; i++) {
		if (strcmp(s, theme_names8[i]) == 0) {
			*out = i;
			return 0;
		}
		if (max > 7 && strncmp(s, "bright-", 7) == 0 && strcmp(s + 7, theme_names8[i]) == 0) {
			*out = 8 + i;
			return 0;
		}
	}
	if (max > 7 && s[0] == '#' && theme_hex(s, rgb) == 0) {
		/* 0..15 are left out: terminals let users redefine them. */
		*out = theme_nearest(rgb, 16, 255);
		return 0;
	}
	return -1;
}

int theme_depth(int terminal_colors, int no_color)
{
	if (no_color)
		return 0;
	return terminal_colors >= 256 ? 256 : terminal_colors >= 8 ? 8 : 0;
}

void theme_resolve(const struct theme *t, int colors, struct theme_resolved *out)
{
	memset(out, 0, sizeof *out); /* no stray padding: resolved themes compare */
	out->colors = colors >= 256 ? 256 : colors >= 8 ? 8 : 0;
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &t->role[r];
		struct theme_pen *p = &out->pen[r];
		out->glyph[r] = s->glyph;
		p->attrs = s->attrs;
		if (out->colors == 256) {
			p->fg = s->fg;
			p->bg = s->bg;
		} else if (out->colors == 8) {
			p->fg = s->fg8;
			p->bg = s->bg8;
			if (p->fg == p->bg && p->fg >= 0) /* keep the glyph visible */
				p->fg = (p->bg == 0 || p->bg == 1 || p->bg == 4 || p->bg == 5) ? 7 : 0;
		} else {
			p->fg = p->bg = -1;
			p->attrs = theme_roles[r].mono;
			out->glyph[r] = theme_roles[r].glyph;
		}
	}
}

/* ---- positions ------------------------------------------------------------
 * The text has already been accepted by cJSON, so the scanner below only
 * needs to skip valid JSON; it never reads past len all the same.
 */

struct theme_scan {
	const char *s;
	size_t n, i;
};

static void theme_scan_ws(struct theme_scan *sc)
{
	while (sc->i < sc->n && sc->s[sc->i] && strchr(" \t\r\n", sc->s[sc->i]))
		sc->i++;
}

/* Skips a string starting at '"'; b and len: its raw contents. */
static int theme_scan_str(struct theme_scan *sc, const char **b, size_t *len)
{
	if (sc->i >= sc->n || sc->s[sc->i] != '"')
		return -1;
	size_t start = ++sc->i;
	while (sc->i < sc->n && sc->s[sc->i] != '"')
		sc->i += sc->s[sc->i] == '\\' ? 2 : 1;
	if (sc->i >= sc->n)
		return -1;
	*b = sc->s + start;
	*len = sc->i - start;
	sc->i++;
	return 0;
}

/* Skips one value of any kind. */
static int theme_scan_value(struct theme_scan *sc)
{
	int depth = 0;
	do {
		const char *b;
		size_t l, start;
		theme_scan_ws(sc);
		if (sc->i >= sc->n)
			return -1;
		char c = sc->s[sc->i];
		if (c == '"' && theme_scan_str(sc, &b, &l))
			return -1;
		if (c == '"')
			continue;
		depth += c == '{' || c == '[' ? 1 : c == '}' || c == ']' ? -1 : 0;
		start = sc->i;
		while (sc->i < sc->n && sc->s[sc->i] && !strchr(",:{}[]\" \t\r\n", sc->s[sc->i]))
			sc->i++; /* a number or a literal */
		sc->i += sc->i == start; /* punctuation; always move on */
	} while (depth > 0);
	return 0;
}

/* Offset of the value (or, with want_key, of the key) at the path keys[0..n-1]
 * of object members, taking the nth (1-based) match of the last key; -1. */
static long theme_locate(const char *s, size_t len, const char *const *keys, int n, int nth,
			 int want_key)
{
	struct theme_scan sc = {s, len, 0};
	theme_scan_ws(&sc);
	for (int k = 0; k < n; k++) {
		int seen = 0;
		if (sc.i >= len || s[sc.i] != '{')
			return -1;
		sc.i++;
		for (;;) {
			const char *b;
			size_t l;
			theme_scan_ws(&sc);
			size_t keypos = sc.i;
			if (theme_scan_str(&sc, &b, &l))
				return -1;
			theme_scan_ws(&sc);
			sc.i++; /* ':' */
			theme_scan_ws(&sc);
			if (l == strlen(keys[k]) && memcmp(b, keys[k], l) == 0 &&
			    (k < n - 1 || ++seen == nth)) {
				if (k == n - 1 && want_key)
					return (long)keypos;
				break;
			}
			if (theme_scan_value(&sc))
				return -1;
			theme_scan_ws(&sc);
			if (sc.i >= len || s[sc.i] != ',')
				return -1;
			sc.i++;
		}
	}
	return (long)sc.i;
}

/* ---- loading ------------------------------------------------------------- */

struct theme_load {
	const char *buf;
	size_t len;
	const char *origin;
	struct mm_err *err;
	struct theme t;
	unsigned char seen[ROLE_COUNT];
};

/* A key from the file, fit for a message: short, printable. */
static const char *theme_shown(const char *s, char buf[40])
{
	size_t i = 0;
	for (; s[i] && i < 36; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f ? '?' : s[i];
	strcpy(buf + i, s[i] ? "..." : "");
	return buf;
}

/* line:column of byte offset off (UTF-8 characters, not bytes). */
static void theme_linecol(const char *buf, long off, int *line, int *col)
{
	*line = *col = 1;
	for (long i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static int theme_failv(struct theme_load *L, long off, const char *const *keys, int n,
		       const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static int theme_failv(struct theme_load *L, long off, const char *const *keys, int n,
		       const char *fmt, va_list ap)
{
	int line, col;
	char path[96] = "", what[160];
	size_t p = 0;
	theme_linecol(L->buf, off, &line, &col);
	for (int k = 0; k < n && p < sizeof path; k++) {
		char shown[40];
		int quoted = strchr(keys[k], '.') != NULL;
		theme_shown(keys[k], shown); /* keys come from the file: no escapes */
		p += (size_t)snprintf(path + p, sizeof path - p, quoted ? "[\"%s\"]" : "%s%s",
				      quoted ? shown : k ? "." : "", shown);
	}
	vsnprintf(what, sizeof what, fmt, ap);
	return mm_fail(L->err, "theme", -1, "%s:%d:%d: %s%s%s", L->origin, line, col, path,
		       n ? ": " : "", what);
}

/* Fails at path keys[0..n-1] (nth occurrence of the last; at the key itself
 * when at_key), at the deepest position of that path that can be found. */
static int theme_fail(struct theme_load *L, const char *const *keys, int n, int nth, int at_key,
		      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int theme_fail(struct theme_load *L, const char *const *keys, int n, int nth, int at_key,
		      const char *fmt, ...)
{
	long off = -1;
	for (int k = n; k >= 0 && off < 0; k--)
		off = theme_locate(L->buf, L->len, keys, k, k == n ? nth : 1, k == n && at_key);
	va_list ap;
	va_start(ap, fmt);
	theme_failv(L, off, keys, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Fails at a byte offset, with no JSON path (syntax errors). */
static int theme_fail_at(struct theme_load *L, long off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int theme_fail_at(struct theme_load *L, long off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	theme_failv(L, off, NULL, 0, fmt, ap);
	va_end(ap);
	return -1;
}

static int theme_colour(struct theme_load *L, const char *const *k, const cJSON *v, int max,
			int16_t *out)
{
	int c = -2;
	if (cJSON_IsNumber(v) && v->valuedouble >= -1 && v->valuedouble <= max &&
	    v->valuedouble == (double)(int)v->valuedouble) /* range first: no UB on 1e300 */
		c = (int)v->valuedouble;
	else if (cJSON_IsString(v) && theme_parse_colour(v->valuestring, max, &c))
		c = -2;
	if (c >= -1 && c <= max) {
		*out = (int16_t)c;
		return 0;
	}
	char shown[40], num[32];
	snprintf(num, sizeof num, "%g", cJSON_IsNumber(v) ? v->valuedouble : 0.0);
	return theme_fail(L, k, 3, 1, 0, "bad colour %s%s%s: expected %s", cJSON_IsString(v) ? "\"" : "",
			  cJSON_IsString(v)	? theme_shown(v->valuestring, shown)
			  : cJSON_IsNumber(v) ? num
					      : "(not a number or string)",
			  cJSON_IsString(v) ? "\"" : "",
			  max > 7 ? "-1..255, \"default\", a colour name or \"#rrggbb\""
				  : "-1..7, \"default\" or black, red, green, yellow, blue, magenta, cyan, white");
}

static int theme_attrs(struct theme_load *L, const char *const *k, const cJSON *v, uint8_t *out)
{
	const cJSON *a;
	*out = 0;
	if (!cJSON_IsArray(v))
		return theme_fail(L, k, 3, 1, 0, "expected an array such as [\"bold\", \"reverse\"]");
	cJSON_ArrayForEach(a, v) {
		int bit = -1;
		for (int i = 0; i < 5 && cJSON_IsString(a); i++)
			if (strcmp(a->valuestring, theme_attr_names[i]) == 0)
				bit = i;
		if (bit < 0)
			return theme_fail(L, k, 3, 1, 0, "bad attribute: expected bold, underline, reverse, dim or italic");
		*out |= (uint8_t)(1u << bit);
	}
	return 0;
}

static int theme_glyph(struct theme_load *L, const char *const *k, const cJSON *v, uint32_t *out)
{
	uint32_t cp = 0;
	const char *s = cJSON_IsString(v) ? v->valuestring : "";
	size_t n = grid_utf8_decode(s, strlen(s), &cp);
	if (n == 0 || s[n] != '\0' || grid_cp_width(cp) != 1 || cp < 0x20 || cp == 0x7f)
		return theme_fail(L, k, 3, 1, 0, "expected one printable character of width 1");
	*out = cp;
	return 0;
}

static int theme_role_field(struct theme_load *L, struct theme_style *st, const char *const *k,
			    const cJSON *v, unsigned *have)
{
	static const char *const fields[6] = {"fg", "bg", "fg8", "bg8", "attrs", "glyph"};
	int f = 0;
	char shown[40];
	while (f < 6 && strcmp(fields[f], k[2]) != 0)
		f++;
	if (f == 6)
		return theme_fail(L, k, 3, 1, 1, "unknown key \"%s\": expected fg, bg, fg8, bg8, attrs or glyph",
				  theme_shown(k[2], shown));
	if (*have & (1u << f))
		return theme_fail(L, k, 3, 2, 1, "duplicate key");
	*have |= 1u << f;
	switch (f) {
	case 0: return theme_colour(L, k, v, 255, &st->fg);
	case 1: return theme_colour(L, k, v, 255, &st->bg);
	case 2: return theme_colour(L, k, v, 7, &st->fg8);
	case 3: return theme_colour(L, k, v, 7, &st->bg8);
	case 4: return theme_attrs(L, k, v, &st->attrs);
	default: return theme_glyph(L, k, v, &st->glyph);
	}
}

static int theme_role(struct theme_load *L, const cJSON *item)
{
	char shown[40];
	const char *k[3] = {"roles", item->string, NULL};
	int r = theme_role_lookup(item->string);
	if (r < 0)
		return theme_fail(L, k, 2, 1, 1, "unknown role \"%s\" (themes/README.md lists the roles)",
				  theme_shown(item->string, shown));
	if (L->seen[r]++)
		return theme_fail(L, k, 2, 2, 1, "duplicate role");
	if (!cJSON_IsObject(item))
		return theme_fail(L, k, 2, 1, 0, "expected an object such as {\"fg\": 214, \"bg\": -1}");
	struct theme_style *st = &L->t.role[r];
	*st = (struct theme_style){-1, -1, -1, -1, 0, theme_roles[r].glyph};
	unsigned have = 0;
	const cJSON *f;
	cJSON_ArrayForEach(f, item) {
		k[2] = f->string;
		if (theme_role_field(L, st, k, f, &have))
			return -1;
	}
	if ((have & 3) != 3)
		return theme_fail(L, k, 2, 1, 0, "missing \"%s\"", have & 1 ? "bg" : "fg");
	if (!(have & 4))
		st->fg8 = (int16_t)theme_colour_to8(st->fg);
	if (!(have & 8))
		st->bg8 = (int16_t)theme_colour_to8(st->bg);
	return 0;
}

static int theme_roles_obj(struct theme_load *L, const cJSON *roles)
{
	const char *k[1] = {"roles"};
	const cJSON *item;
	if (!cJSON_IsObject(roles))
		return theme_fail(L, k, 1, 1, 0, "expected an object mapping role names to styles");
	cJSON_ArrayForEach(item, roles)
		if (theme_role(L, item))
			return -1;
	int missing = 0, first = -1;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (!L->seen[r] && missing++ == 0)
			first = r;
	if (missing == 1)
		return theme_fail(L, k, 1, 1, 0, "missing role \"%s\"", theme_roles[first].key);
	if (missing)
		return theme_fail(L, k, 1, 1, 0, "missing role \"%s\" (and %d more)",
				  theme_roles[first].key, missing - 1);
	return 0;
}

static int theme_string(struct theme_load *L, const cJSON *v, char *out, size_t max)
{
	const char *k[1] = {v->string};
	if (!cJSON_IsString(v) || strlen(v->valuestring) >= max)
		return theme_fail(L, k, 1, 1, 0, "expected a string of at most %zu bytes", max - 1);
	memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
	return 0;
}

static int theme_top(struct theme_load *L, const cJSON *root)
{
	const cJSON *v, *roles = NULL;
	unsigned have = 0;
	char shown[40];
	cJSON_ArrayForEach(v, root) {
		const char *k[1] = {v->string};
		int f = strcmp(v->string, "name") == 0 ? 0 : strcmp(v->string, "title") == 0 ? 1
			: strcmp(v->string, "roles") == 0				       ? 2
											       : -1;
		if (f < 0)
			return theme_fail(L, k, 1, 1, 1, "unknown key \"%s\": expected name, title or roles",
					  theme_shown(v->string, shown));
		if (have & (1u << f))
			return theme_fail(L, k, 1, 2, 1, "duplicate key");
		have |= 1u << f;
		if (f == 0 && theme_string(L, v, L->t.name, sizeof L->t.name))
			return -1;
		if (f == 1 && theme_string(L, v, L->t.title, sizeof L->t.title))
			return -1;
		if (f == 2)
			roles = v;
	}
	if (!roles)
		return theme_fail(L, NULL, 0, 1, 0, "missing key \"roles\"");
	return theme_roles_obj(L, roles);
}

int theme_load_buf(struct theme *out, const char *buf, size_t len, const char *origin,
		   struct mm_err *err)
{
	struct theme_load *L = calloc(1, sizeof *L);
	if (!L)
		return mm_fail(err, "theme", -1, "%s: out of memory", origin);
	*L = (struct theme_load){.buf = buf, .len = len, .origin = origin, .err = err};
	int rc = -1;
	const char *end = NULL;
	cJSON *root = NULL;
	if (len > THEME_FILE_MAX) {
		mm_fail(err, "theme", -1, "%s: %zu bytes: a theme is at most 1 MiB", origin, len);
		goto out;
	}
	root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
	size_t at = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : 0;
	if (root) { /* only blanks may follow the value */
		struct theme_scan sc = {buf, len, at};
		theme_scan_ws(&sc);
		at = sc.i;
	}
	if (!root || at < len) {
		theme_fail_at(L, (long)at, "not valid JSON here (a theme is one JSON object)");
		goto out;
	}
	if (!cJSON_IsObject(root)) {
		theme_fail(L, NULL, 0, 1, 0, "expected a JSON object {\"roles\": {...}}");
		goto out;
	}
	snprintf(L->t.name, sizeof L->t.name, "unnamed");
	if (theme_top(L, root) == 0) {
		*out = L->t;
		rc = 0;
	}
out:
	cJSON_Delete(root);
	free(L);
	return rc;
}

int theme_load_file(struct theme *out, const char *path, struct mm_err *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC); /* a FIFO must not block */
	if (fd < 0)
		return mm_fail(err, "theme", -1, "%s: %s", path, strerror(errno));
	FILE *f = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? fdopen(fd, "rb") : NULL;
	if (!f) {
		close(fd);
		return mm_fail(err, "theme", -1, "%s: not a regular file", path);
	}
	if (st.st_size > (off_t)THEME_FILE_MAX) {
		fclose(f);
		return mm_fail(err, "theme", -1, "%s: %lld bytes: a theme is at most 1 MiB", path,
			       (long long)st.st_size);
	}
	size_t size = (size_t)st.st_size;
	char *buf = malloc(size + 1);
	size_t n = buf ? fread(buf, 1, size + 1, f) : 0; /* + 1: notices a growing file */
	int bad = !buf || ferror(f) || n > size;
	fclose(f);
	int rc = bad ? mm_fail(err, "theme", -1, "%s: %s", path,
			       !buf ? "out of memory" : n > size ? "changed while being read" : "read error")
		     : theme_load_buf(out, buf, n, path, err);
	free(buf);
	return rc;
}

static int theme_plain_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
	return n > 0 && n <= 48 && s[n] == '\0';
}

/* The search directories, in order; returns how many. */
static int theme_dirs(char dirs[3][512])
{
	int n = 0;
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	snprintf(dirs[n++], 512, "themes");
	if (xdg && xdg[0] == '/')
		snprintf(dirs[n++], 512, "%s/mmviz/themes", xdg);
	else if (home && home[0] == '/')
		snprintf(dirs[n++], 512, "%s/.local/share/mmviz/themes", home);
	snprintf(dirs[n++], 512, "%s/share/mmviz/themes", MMVIZ_PREFIX);
	return n;
}

int theme_find(const char *name, char *path, size_t pathsz)
{
	size_t n = strlen(name);
	char dirs[3][512];
	if (pathsz == 0)
		return -1;
	path[0] = '\0';
	if (strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".json") == 0))
		return (size_t)snprintf(path, pathsz, "%s", name) < pathsz ? 0 : -1;
	if (!theme_plain_name(name))
		return -1;
	int nd = theme_dirs(dirs);
	for (int d = 0; d < nd; d++) {
		if ((size_t)snprintf(path, pathsz, "%s/%s.json", dirs[d], name) < pathsz &&
		    access(path, R_OK) == 0)
			return 0;
	}
	path[0] = '\0';
	return strcmp(name, "default") == 0 || strcmp(name, "mono") == 0 ? 1 : -1;
}

int theme_load(struct theme *out, const char *name_or_path, struct mm_err *err)
{
	char path[1024], shown[40];
	switch (theme_find(name_or_path, path, sizeof path)) {
	case 0: return theme_load_file(out, path, err);
	case 1: return theme_builtin(out, name_or_path);
	default:
		return mm_fail(err, "theme", -1,
			       "unknown theme \"%s\": not in ./themes, $XDG_DATA_HOME/mmviz/themes or "
			       "%s/share/mmviz/themes, and not built in (default, mono)",
			       theme_shown(name_or_path, shown), MMVIZ_PREFIX);
	}
}

struct theme_entry {
	char name[49];
	int dir; /* index into the search directories, -1 built in */
};

static int theme_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct theme_entry *)a)->name, ((const struct theme_entry *)b)->name);
}

static int theme_add(struct theme_entry *e, int n, const char *name, int dir)
{
	for (int i = 0; i < n; i++)
		if (strcmp(e[i].name, name) == 0)
			return n;
	if (n == 64 || !theme_plain_name(name))
		return n;
	snprintf(e[n].name, sizeof e[n].name, "%s", name);
	e[n].dir = dir;
	return n + 1;
}

int theme_list(void (*fn)(void *ud, const char *name, const char *path), void *ud)
{
	char dirs[3][512], path[1024];
	struct theme_entry e[64];
	int n = 0, nd = theme_dirs(dirs);
	for (int d = 0; d < nd; d++) {
		DIR *dp = opendir(dirs[d]);
		struct dirent *de;
		while (dp && (de = readdir(dp)) != NULL) {
			size_t l = strlen(de->d_name);
			char name[64];
			if (l <= 5 || l - 5 >= sizeof name || strcmp(de->d_name + l - 5, ".json") != 0)
				continue;
			memcpy(name, de->d_name, l - 5);
			name[l - 5] = '\0';
			n = theme_add(e, n, name, d);
		}
		if (dp)
			closedir(dp);
	}
	n = theme_add(e, n, "default", -1);
	n = theme_add(e, n, "mono", -1);
	qsort(e, (size_t)n, sizeof e[0], theme_entry_cmp);
	for (int i = 0; i < n; i++) {
		int len = e[i].dir < 0 ? 0 : snprintf(path, sizeof path, "%s/%s.json", dirs[e[i].dir], e[i].name);
		fn(ud, e[i].name, e[i].dir >= 0 && (size_t)len < sizeof path ? path : NULL);
	}
	return n;
}
