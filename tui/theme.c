/*
 * theme.c — theme files: load, check strictly, resolve for the terminal.
 *
 * Why it is built this way.  A theme is untrusted input that a teacher
 * edits by hand, so every mistake must come back as one clear sentence
 * naming file, line:column, the JSON path and what was expected (docs/themes.md THM-ERRORS)
 * and must change nothing.  Reading, the strict scan, cJSON and the finding
 * of an error's line:column are jsonfile.c's, shared with the scenario
 * loader (and the file is found on the data path of datapath.c, the one
 * `make install PREFIX=...` fills); this file knows only the theme's keys.
 * The tree is converted at once into a fixed-size struct theme and deleted
 * so nothing allocated outlives a call.  Every role of
 * theme_roles.h is required: a theme cannot silently leave a page state
 * uncoloured.
 * Colour depth is decided here, not in the backends: theme_resolve turns a
 * theme into the pens of a 256-colour, 8-colour or colourless terminal.
 *
 * The format (also in themes/README.md):
 *
 *   {
 *     "name": "default",                      optional, <= 31 bytes
 *     "title": "Dark, for dark backgrounds",  optional, <= 95 bytes
 *     "background": "dark",                   optional: "dark" (default) or
 *                                             "light", the terminal it is for
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellgrid.h" /* grid_utf8_decode, grid_cp_width */
#include "datapath.h"
#include "jsonfile.h"
#include "msg.h"

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

/* The xterm palette as RGB, for "#rrggbb", for downsampling and for the
 * contrast test (tests/unit/39_contrast.c). */
void theme_colour_rgb(int c, int rgb[3])
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
		theme_colour_rgb(c, p);
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
	theme_colour_rgb(c256, rgb);
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
	out->light = t->light;
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

/* ---- loading --------------------------------------------------------------
 * jsonfile.c reads, scans strictly, parses and walks; this part knows the
 * theme's keys and words its messages "FILE:LINE:COL: PATH: WHAT".
 */

struct theme_load {
	struct jf_walk w;
	struct jf_err je;
	struct theme t;
	unsigned char seen[ROLE_COUNT];
};

static struct theme_load *theme_state(struct jf_walk *w)
{
	return w->ud;
}

/* A key from the file, fit for a message: short, printable. */
static const char *theme_shown(const char *s, char buf[40])
{
	size_t i = 0;
	for (; s[i] && i < 36; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f ? '?' : s[i];
	strcpy(buf + i, s[i] ? "..." : "");
	return buf;
}

static int theme_colour(struct jf_walk *w, const cJSON *v, int max, int16_t *out)
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
	return jf_fail(w, JF_AT_VALUE, "", "bad colour %s%s%s: expected %s", cJSON_IsString(v) ? "\"" : "",
		       cJSON_IsString(v)   ? theme_shown(v->valuestring, shown)
		       : cJSON_IsNumber(v) ? num
					   : "(not a number or string)",
		       cJSON_IsString(v) ? "\"" : "",
		       max > 7 ? "-1..255, \"default\", a colour name or \"#rrggbb\""
			       : "-1..7, \"default\" or black, red, green, yellow, blue, magenta, cyan, white");
}

static int theme_attrs(struct jf_walk *w, const cJSON *v, uint8_t *out)
{
	const cJSON *a;
	*out = 0;
	if (!cJSON_IsArray(v))
		return jf_fail(w, JF_AT_VALUE, "", "expected an array such as [\"bold\", \"reverse\"]");
	cJSON_ArrayForEach(a, v) {
		int bit = -1;
		for (int i = 0; i < 5 && cJSON_IsString(a); i++)
			if (strcmp(a->valuestring, theme_attr_names[i]) == 0)
				bit = i;
		if (bit < 0)
			return jf_fail(w, JF_AT_VALUE, "", "bad attribute: expected bold, underline, reverse, dim or italic");
		*out |= (uint8_t)(1u << bit);
	}
	return 0;
}

static int theme_glyph(struct jf_walk *w, const cJSON *v, uint32_t *out)
{
	uint32_t cp = 0;
	const char *s = cJSON_IsString(v) ? v->valuestring : "";
	size_t n = grid_utf8_decode(s, strlen(s), &cp);
	if (n == 0 || s[n] != '\0' || grid_cp_width(cp) != 1 || cp < 0x20 || cp == 0x7f)
		return jf_fail(w, JF_AT_VALUE, "", "expected one printable character of width 1");
	*out = cp;
	return 0;
}

static const char *const theme_field_keys[] = {"fg", "bg", "fg8", "bg8", "attrs", "glyph", NULL};

static int theme_role_field(struct jf_walk *w, int f, cJSON *v, void *ctx)
{
	struct theme_style *st = ctx;
	switch (f) {
	case 0: return theme_colour(w, v, 255, &st->fg);
	case 1: return theme_colour(w, v, 255, &st->bg);
	case 2: return theme_colour(w, v, 7, &st->fg8);
	case 3: return theme_colour(w, v, 7, &st->bg8);
	case 4: return theme_attrs(w, v, &st->attrs);
	default: return theme_glyph(w, v, &st->glyph);
	}
}

/* One member of "roles", its path pushed. */
static int theme_role(struct jf_walk *w, cJSON *item)
{
	struct theme_load *L = theme_state(w);
	char shown[40];
	int r = theme_role_lookup(item->string);
	if (r < 0)
		return jf_fail(w, JF_AT_KEY, "", "unknown role \"%s\" (themes/README.md lists the roles)",
			       theme_shown(item->string, shown));
	if (L->seen[r]++)
		return jf_fail(w, JF_AT_KEY, "", "duplicate role");
	if (!cJSON_IsObject(item))
		return jf_fail(w, JF_AT_VALUE, "", "expected an object such as {\"fg\": 214, \"bg\": -1}");
	struct theme_style *st = &L->t.role[r];
	*st = (struct theme_style){-1, -1, -1, -1, 0, theme_roles[r].glyph};
	unsigned have = 0;
	if (jf_object(w, item, theme_field_keys, 0, theme_role_field, st, &have))
		return -1;
	if ((have & 3) != 3)
		return jf_fail(w, JF_AT_VALUE, "", "missing \"%s\"", have & 1 ? "bg" : "fg");
	if (!(have & 4))
		st->fg8 = (int16_t)theme_colour_to8(st->fg);
	if (!(have & 8))
		st->bg8 = (int16_t)theme_colour_to8(st->bg);
	return 0;
}

/* The roles object: more roles than a key table's 32 bits, so walked here
 * member by member, every role of theme_roles.h exactly once. */
static int theme_roles_obj(struct jf_walk *w, cJSON *roles)
{
	struct theme_load *L = theme_state(w);
	if (!cJSON_IsObject(roles))
		return jf_fail(w, JF_AT_VALUE, "", "expected an object mapping role names to styles");
	int ord = 0;
	for (cJSON *item = roles->child; item; item = item->next, ord++) {
		jf_push(w, item->string, ord);
		int rc = theme_role(w, item);
		jf_pop(w);
		if (rc)
			return -1;
	}
	int missing = 0, first = -1;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (!L->seen[r] && missing++ == 0)
			first = r;
	if (missing == 1)
		return jf_fail(w, JF_AT_VALUE, "", "missing role \"%s\"", theme_roles[first].key);
	if (missing)
		return jf_fail(w, JF_AT_VALUE, "", "missing role \"%s\" (and %d more)", theme_roles[first].key,
			       missing - 1);
	return 0;
}

static int theme_string(struct jf_walk *w, const cJSON *v, char *out, size_t max)
{
	if (!cJSON_IsString(v) || strlen(v->valuestring) >= max)
		return jf_fail(w, JF_AT_VALUE, "", "expected a string of at most %zu bytes", max - 1);
	memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
	return 0;
}

static const char *const theme_top_keys[] = {"name", "title", "roles", "background", NULL};

/* "background": the terminal the theme is written for, "dark" (the
 * default) or "light": what a "default" colour looks like in a snapshot
 * (snapshot.c S4, docs/themes.md THM-FORMAT). */
static int theme_background(struct jf_walk *w, const cJSON *v, struct theme *t)
{
	if (cJSON_IsString(v) && (!strcmp(v->valuestring, "dark") || !strcmp(v->valuestring, "light"))) {
		t->light = v->valuestring[0] == 'l';
		return 0;
	}
	return jf_fail(w, JF_AT_VALUE, "", "expected \"dark\" or \"light\"");
}

static int theme_top_member(struct jf_walk *w, int key, cJSON *v, void *ctx)
{
	struct theme *t = ctx;
	switch (key) {
	case 0: return theme_string(w, v, t->name, sizeof t->name);
	case 1: return theme_string(w, v, t->title, sizeof t->title);
	case 3: return theme_background(w, v, t);
	default: return theme_roles_obj(w, v);
	}
}

/* The message of a failed load: "FILE:LINE:COL: PATH: WHAT", and
 * "; expected EXPECTED" when the strict scan of jsonfile.c says what was
 * expected (a NUL byte or \u0000, bad UTF-8, a string too long: the same
 * words as a scenario's, docs/themes.md THM-ERRORS). */
static int theme_failed(const struct theme_load *L, const char *origin, struct mm_err *err)
{
	const struct jf_err *e = &L->je;
	char t[2][2048]; /* mm_fail_texts keeps what fits */
	for (int lang = 0; lang < 2; lang++) /* "; expected" differs by language */
		snprintf(t[lang], sizeof t[lang], MSG(lang, ER_TH_PARSE), origin, e->line, e->col, e->path,
			 e->path[0] ? ": " : "", jf_err_what(e, lang), jf_err_expected(e, lang)[0] ? MSG(lang, ER_TH_EXPECTED) : "",
			 jf_err_expected(e, lang));
	return mm_fail_texts(err, "theme", -1, t[0], t[1]);
}

int theme_load_buf(struct theme *out, const char *buf, size_t len, const char *origin,
		   struct mm_err *err)
{
	if (len > THEME_FILE_MAX)
		return mm_fail_tr(err, "theme", -1, M_ER_TH_TOO_BIG, origin, len);
	struct theme_load *L = calloc(1, sizeof *L);
	if (!L)
		return mm_fail_tr(err, "theme", -1, M_ER_TH_OOM, origin);
	L->w = (struct jf_walk){.text = buf, .len = len, .err = &L->je, .words = JF_WORDS_INLINE, .ud = L};
	int rc = -1;
	/* On a refusal the strict scan fills je in its own words, a scenario's
	 * words: one set of rules for every file (NUL, \u0000, UTF-8, limits). */
	cJSON *root = jsonfile_parse(buf, len, &L->je);
	if (root && !cJSON_IsObject(root)) {
		jf_fail(&L->w, JF_AT_VALUE, "", "expected a JSON object {\"roles\": {...}}");
	} else if (root) {
		snprintf(L->t.name, sizeof L->t.name, "unnamed");
		rc = jf_object(&L->w, root, theme_top_keys, 4, theme_top_member, &L->t, NULL);
	}
	if (rc == 0)
		*out = L->t;
	else
		theme_failed(L, origin, err);
	cJSON_Delete(root);
	free(L);
	return rc;
}

int theme_load_file(struct theme *out, const char *path, struct mm_err *err)
{
	struct jf_file f;
	switch (jsonfile_read(path, THEME_FILE_MAX, &f)) {
	case JF_READ_OK: {
		int rc = theme_load_buf(out, f.buf, f.len, path, err);
		free(f.buf);
		return rc;
	}
	case JF_READ_OPEN:
		return mm_fail_tr(err, "theme", -1, M_ER_TH_ERRNO, path, strerror(f.errnum));
	case JF_READ_STAT:
	case JF_READ_NOT_REGULAR:
		return mm_fail_tr(err, "theme", -1, M_ER_TH_NOT_REGULAR, path);
	case JF_READ_TOO_LARGE:
		return mm_fail_tr(err, "theme", -1, M_ER_TH_FILE_TOO_BIG, path, f.size);
	case JF_READ_NOMEM:
		return mm_fail_tr(err, "theme", -1, M_ER_TH_OOM, path);
	case JF_READ_CHANGED:
		return mm_fail_tr(err, "theme", -1, M_ER_TH_CHANGED, path);
	default:
		return mm_fail_tr(err, "theme", -1, M_ER_TH_READ, path);
	}
}

static int theme_plain_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
	return n > 0 && n <= 48 && s[n] == '\0';
}

int theme_find(const char *name, char *path, size_t pathsz)
{
	size_t n = strlen(name);
	if (pathsz == 0)
		return -1;
	path[0] = '\0';
	if (strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".json") == 0))
		return (size_t)snprintf(path, pathsz, "%s", name) < pathsz ? 0 : -1;
	if (!theme_plain_name(name))
		return -1;
	if (datapath_find("themes", name, path, pathsz))
		return 0;
	path[0] = '\0';
	return strcmp(name, "default") == 0 || strcmp(name, "mono") == 0 ? 1 : -1;
}

/* The nearest theme name (types.h mm_spell), copied: theme_list's names
 * live only during its callback. */
struct near_theme {
	struct mm_spell sp;
	char best[49];
};

static void near_one(void *ud, const char *name, const char *path)
{
	struct near_theme *n = ud;
	mm_spell_try(&n->sp, name);
	if (n->sp.best == name) {
		snprintf(n->best, sizeof n->best, "%s", name);
		n->sp.best = n->best;
	}
}

int theme_load(struct theme *out, const char *name_or_path, struct mm_err *err)
{
	char path[1024], shown[40];
	switch (theme_find(name_or_path, path, sizeof path)) {
	case 0: return theme_load_file(out, path, err);
	case 1: return theme_builtin(out, name_or_path);
	default: {
		struct near_theme near;
		mm_spell_init(&near.sp, strchr(name_or_path, '/') ? "" : name_or_path);
		theme_list(near_one, &near);
		if (mm_spell_best(&near.sp))
			return mm_fail_tr(err, "theme", -1, M_ER_TH_NEAR, theme_shown(name_or_path, shown),
					  mm_spell_best(&near.sp));
		return mm_fail_tr(err, "theme", -1, M_ER_TH_UNKNOWN, theme_shown(name_or_path, shown),
				  datapath_datadir());
	}
	}
}

#define THEME_LISTED 64

struct theme_entry {
	char name[49];
	char path[DATAPATH_DIR_MAX + 64]; /* "" built in */
};

struct theme_listing {
	struct theme_entry *e;
	int n;
};

static int theme_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct theme_entry *)a)->name, ((const struct theme_entry *)b)->name);
}

/* datapath_list has already dropped shadowed names; built-ins come last. */
static void theme_add(void *ud, const char *name, const char *path)
{
	struct theme_listing *l = ud;
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->e[i].name, name) == 0)
			return;
	if (l->n == THEME_LISTED || !theme_plain_name(name) || strlen(path ? path : "") >= sizeof l->e[0].path)
		return;
	snprintf(l->e[l->n].name, sizeof l->e[0].name, "%s", name);
	snprintf(l->e[l->n].path, sizeof l->e[0].path, "%s", path ? path : "");
	l->n++;
}

int theme_list(void (*fn)(void *ud, const char *name, const char *path), void *ud)
{
	struct theme_listing l = {calloc(THEME_LISTED, sizeof *l.e), 0};
	if (!l.e)
		return -1;
	datapath_list("themes", theme_add, &l);
	theme_add(&l, "default", NULL);
	theme_add(&l, "mono", NULL);
	qsort(l.e, (size_t)l.n, sizeof l.e[0], theme_entry_cmp);
	for (int i = 0; i < l.n; i++)
		fn(ud, l.e[i].name, l.e[i].path[0] ? l.e[i].path : NULL);
	int n = l.n;
	free(l.e);
	return n;
}
