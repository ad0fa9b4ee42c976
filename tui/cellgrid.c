/*
 * cellgrid.c — the render buffer: cells, clipping, widths, ASCII fallback.
 *
 * Why it is built this way.  Panes must not know which terminal library
 * shows their work, and tests must be able to read back exactly what a pane
 * drew, so everything is drawn into a plain array of cells that a backend
 * later presents (tmux's screen -> tty split).  Three rules keep the array
 * consistent whatever a pane does:
 *
 *   1. Every cell of width 2 is followed by one of width 0 (its right half),
 *      and every width-0 cell follows a width-2 cell.  Writing over either
 *      half turns the other half into a blank of the same style.
 *   2. Every write goes through grid_write_cell, after the clip test of
 *      grid_put, so no frame can draw outside its rectangle.
 *   3. Only printable codepoints reach a cell: tab, CR and newline become a
 *      blank, other controls (C0, DEL, C1) and bad UTF-8 become U+FFFD, by
 *      the core's rule for text on a terminal (types.h mm_text_cp,
 *      docs/output.md OUT-SAFE), so untrusted scenario text can never
 *      smuggle an escape sequence through a backend.
 *
 * Widths come from the small tables below rather than wcwidth(), which
 * depends on the process locale: a golden screen must be the same under
 * LANG=C and LANG=C.UTF-8.  The ASCII fallback is applied when writing,
 * column for column, so the layout is identical in both modes.
 */
#include "cellgrid.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct grid_range {
	uint32_t lo, hi;
};

/* Combining marks and other zero-width codepoints (dropped when drawn). */
static const struct grid_range grid_zero[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
	{0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
	{0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
	{0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/* East-Asian wide and fullwidth characters, emoji. */
static const struct grid_range grid_wide[] = {
	{0x1100, 0x115F},   {0x231A, 0x231B},	{0x2329, 0x232A},   {0x23E9, 0x23EC},
	{0x2E80, 0x303E},   {0x3041, 0x33FF},	{0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
	{0xA000, 0xA4CF},   {0xA960, 0xA97F},	{0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
	{0xFE10, 0xFE19},   {0xFE30, 0xFE6F},	{0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
	{0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static int grid_in(const struct grid_range *t, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int grid_cp_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x300) /* the common case, without a table look-up */
		return cp >= 0x7F && cp < 0xA0 ? -1 : 1;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	if (grid_in(grid_zero, sizeof grid_zero / sizeof grid_zero[0], cp))
		return 0;
	if (grid_in(grid_wide, sizeof grid_wide / sizeof grid_wide[0], cp))
		return 2;
	return 1;
}

/* The core's strict decoder (types.h), so the grid and every text printer
 * agree on what is UTF-8; a bad byte is drawn as U+FFFD. */
size_t grid_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	size_t len = mm_utf8_decode(s, n, cp);
	if (len && *cp == MM_UTF8_BAD)
		*cp = 0xFFFD;
	return len;
}

size_t grid_utf8_encode(uint32_t cp, char out[4])
{
	return mm_utf8_encode(cp, out);
}

uint32_t grid_ascii_fallback(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		char ascii;
	} one[] = {{0x00A0, ' '}, {0x00B7, ','}, {0x00C4, 'A'}, {0x00D6, 'O'}, {0x00D7, 'x'}, {0x00DC, 'U'},
		   {0x00DF, 's'}, {0x00E4, 'a'}, {0x00E9, 'e'}, {0x00F6, 'o'}, {0x00FC, 'u'}, {0x2013, '-'}, {0x2014, '-'},
		   {0x2018, '\''}, {0x2019, '\''}, {0x201C, '"'}, {0x201D, '"'}, {0x2022, '*'},
		   {0x2026, '.'}, {0x2190, '<'}, {0x2191, '^'}, {0x2192, '>'}, {0x2193, 'v'},
		   {0x2591, '_'}, {0x2592, ';'}, {0x25B2, '^'}, {0x25B6, '>'}, {0x25BC, 'v'},
		   {0x25C0, '<'}, {0x2713, 'v'}, {0x2717, 'E'}};
	/* The glyphs that mean something in a map, a legend or a mark (the
	 * roles' glyphs, the page map's, the more-text '+') keep their
	 * meanings apart in ASCII too (tests/unit/30_cellgrid.c): demand zero
	 * '·' is ',' beside the zeroed frame's '.', reserved '░' '_', partly
	 * in the working set '▒' ';' beside the free frame's ':', the expect
	 * tick 'v' and cross 'E' apart from the more-text '+' and the unusable
	 * region's 'x'. German letters lose their dots rather than become '?'
	 * (a terminal without a UTF-8 locale, --lang de): "Schlussel" reads. */
	if (cp < 0x80)
		return cp;
	for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
		if (one[i].cp == cp)
			return (uint32_t)one[i].ascii;
	if (cp >= 0x2500 && cp <= 0x257F) { /* box drawing */
		static const uint32_t horiz[] = {0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509,
						 0x254C, 0x254D, 0x2550, 0x2574, 0x2576, 0x2578,
						 0x257A, 0x257C, 0x257E};
		static const uint32_t vert[] = {0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B,
						0x254E, 0x254F, 0x2551, 0x2575, 0x2577, 0x2579,
						0x257B, 0x257D, 0x257F};
		for (size_t i = 0; i < sizeof horiz / sizeof horiz[0]; i++) {
			if (cp == horiz[i])
				return '-';
			if (cp == vert[i])
				return '|';
		}
		return '+';
	}
	if (cp >= 0x2580 && cp <= 0x259F) /* block elements */
		return '#';
	return '?';
}

/* ---- the grid ------------------------------------------------------------ */

static int grid_dim(int n)
{
	return n < 0 ? 0 : n > GRID_MAX_DIM ? GRID_MAX_DIM : n;
}

static struct cell grid_blank(unsigned role, unsigned attrs)
{
	return (struct cell){' ', (uint16_t)role, (uint8_t)attrs, 1};
}

struct cellgrid *grid_new(int rows, int cols)
{
	struct cellgrid *g = calloc(1, sizeof *g);
	if (!g || grid_resize(g, rows, cols) != 0) {
		free(g);
		return NULL;
	}
	return g;
}

void grid_free(struct cellgrid *g)
{
	if (g) {
		free(g->cells);
		free(g);
	}
}

int grid_resize(struct cellgrid *g, int rows, int cols)
{
	rows = grid_dim(rows);
	cols = grid_dim(cols);
	size_t n = (size_t)rows * (size_t)cols;
	struct cell *c = malloc((n ? n : 1) * sizeof *c);
	if (!c)
		return -1;
	free(g->cells);
	g->cells = c;
	g->rows = rows;
	g->cols = cols;
	grid_clear(g);
	return 0;
}

void grid_clear(struct cellgrid *g)
{
	size_t n = (size_t)g->rows * (size_t)g->cols;
	for (size_t i = 0; i < n; i++)
		g->cells[i] = grid_blank(ROLE_TEXT_NORMAL, 0);
	g->depth = 0;
	g->frame[0] = (struct grid_frame){0, 0, g->rows, g->cols, {0, 0, g->rows, g->cols}};
}

void grid_set_ascii(struct cellgrid *g, bool ascii)
{
	g->ascii = ascii;
}

void grid_set_glyphs(struct cellgrid *g, const uint32_t *glyphs)
{
	g->glyphs = glyphs;
}

const struct cell *grid_cell(const struct cellgrid *g, int y, int x)
{
	if (y < 0 || x < 0 || y >= g->rows || x >= g->cols)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->cols + (size_t)x];
}

/* ---- clip frames ----------------------------------------------------------- */

static const struct grid_frame grid_nowhere; /* beyond GRID_CLIP_MAX: clips all */

static const struct grid_frame *grid_top(const struct cellgrid *g)
{
	return g->depth <= GRID_CLIP_MAX ? &g->frame[g->depth] : &grid_nowhere;
}

/* Keeps coordinates far from int overflow whatever a caller passes. */
static int grid_clampl(long long v)
{
	const long long lim = 1 << 24;
	return (int)(v < -lim ? -lim : v > lim ? lim : v);
}

int grid_push_clip(struct cellgrid *g, struct grid_rect r)
{
	const struct grid_frame *up = grid_top(g);
	g->depth++;
	if (g->depth > GRID_CLIP_MAX)
		return -1;
	struct grid_frame *f = &g->frame[g->depth];
	f->oy = grid_clampl((long long)up->oy + r.y);
	f->ox = grid_clampl((long long)up->ox + r.x);
	f->h = r.h < 0 ? 0 : r.h;
	f->w = r.w < 0 ? 0 : r.w;
	long long top = f->oy > up->clip.y ? f->oy : up->clip.y;
	long long left = f->ox > up->clip.x ? f->ox : up->clip.x;
	long long bot = (long long)f->oy + f->h, ubot = (long long)up->clip.y + up->clip.h;
	long long right = (long long)f->ox + f->w, uright = (long long)up->clip.x + up->clip.w;
	bot = bot < ubot ? bot : ubot;
	right = right < uright ? right : uright;
	f->clip = (struct grid_rect){(int)top, (int)left, bot > top ? (int)(bot - top) : 0,
				     right > left ? (int)(right - left) : 0};
	return 0;
}

void grid_pop_clip(struct cellgrid *g)
{
	if (g->depth > 0)
		g->depth--;
}

struct grid_rect grid_area(const struct cellgrid *g)
{
	const struct grid_frame *f = grid_top(g);
	return (struct grid_rect){0, 0, f->h, f->w};
}

/* ---- writing cells ---------------------------------------------------------- */

static struct cell *grid_at(struct cellgrid *g, int y, int x)
{
	return &g->cells[(size_t)y * (size_t)g->cols + (size_t)x];
}

/* Rule 1: before (y, x) changes, blank the other half of a wide character
 * that (y, x) is part of. */
static void grid_split(struct cellgrid *g, int y, int x)
{
	struct cell *c = grid_at(g, y, x);
	if (c->width == 0 && x > 0) {
		struct cell *l = grid_at(g, y, x - 1);
		*l = grid_blank(l->role, l->attrs);
	} else if (c->width == 2 && x + 1 < g->cols) {
		struct cell *r = grid_at(g, y, x + 1);
		*r = grid_blank(r->role, r->attrs);
	}
}

/* Stores a cell as is (rule 1 is the caller's business). */
static void grid_write_raw(struct cellgrid *g, int y, int x, uint32_t cp, int width, unsigned style)
{
	unsigned role = style & 0xFFFF;
	*grid_at(g, y, x) = (struct cell){cp, (uint16_t)(role < ROLE_COUNT ? role : ROLE_TEXT_NORMAL),
					  (uint8_t)(style >> 16 & THEME_ATTR_MASK), (uint8_t)width};
}

static void grid_write_cell(struct cellgrid *g, int y, int x, uint32_t cp, int width, unsigned style)
{
	grid_split(g, y, x);
	grid_write_raw(g, y, x, cp, width, style);
}

/* The codepoint and width actually stored for cp in this grid's mode. */
static uint32_t grid_map(const struct cellgrid *g, unsigned style, uint32_t cp, int *width)
{
	unsigned role = style & 0xFFFF;
	if (cp == GRID_GLYPH) {
		const uint32_t *gl = g->glyphs;
		static const uint32_t builtin[ROLE_COUNT] = {
#define GRID_ROLE_GLYPH(e, key, glyph, mono, fg, bg, fg8, bg8, attrs) glyph,
			THEME_ROLES(GRID_ROLE_GLYPH)
#undef GRID_ROLE_GLYPH
		};
		cp = role < ROLE_COUNT ? (gl ? gl : builtin)[role] : '?';
	}
	cp = mm_text_cp(cp, 0); /* rule 3, the core's one rule for text on a terminal */
	*width = grid_cp_width(cp);
	if (*width < 0) {
		cp = 0xFFFD;
		*width = 1;
	}
	if (g->ascii && cp >= 0x80)
		cp = grid_ascii_fallback(cp); /* a wide char becomes two of these */
	return cp;
}

int grid_put(struct cellgrid *g, int y, int x, unsigned style, uint32_t cp)
{
	int width;
	const struct grid_frame *f = grid_top(g);
	cp = grid_map(g, style, cp, &width);
	long long ay = (long long)f->oy + y, ax = (long long)f->ox + x;
	const struct grid_rect *c = &f->clip;
	if (width == 0 || ay < c->y || ay >= (long long)c->y + c->h)
		return width;
	int in0 = ax >= c->x && ax < (long long)c->x + c->w;
	int in1 = ax + 1 >= c->x && ax + 1 < (long long)c->x + c->w;
	if (width == 1) {
		if (in0)
			grid_write_cell(g, (int)ay, (int)ax, cp, 1, style);
	} else if (in0 && in1 && !g->ascii) {
		grid_write_cell(g, (int)ay, (int)ax, cp, 2, style);
		grid_write_cell(g, (int)ay, (int)ax + 1, 0, 0, style);
	} else { /* cut by the clip, or ASCII: two narrow cells */
		uint32_t half = g->ascii ? cp : ' ';
		if (in0)
			grid_write_cell(g, (int)ay, (int)ax, half, 1, style);
		if (in1)
			grid_write_cell(g, (int)ay, (int)ax + 1, half, 1, style);
	}
	return width;
}

int grid_textn_at(struct cellgrid *g, int y, int x, unsigned style, const char *utf8, size_t len)
{
	long long col = 0;
	size_t i = 0;
	while (i < len && utf8[i]) {
		uint32_t cp;
		i += grid_utf8_decode(utf8 + i, len - i, &cp);
		col += grid_put(g, y, grid_clampl((long long)x + col), style, cp);
	}
	return grid_clampl(col);
}

int grid_text_at(struct cellgrid *g, int y, int x, unsigned style, const char *utf8)
{
	return utf8 ? grid_textn_at(g, y, x, style, utf8, strlen(utf8)) : 0;
}

int grid_textf_at(struct cellgrid *g, int y, int x, unsigned style, const char *fmt, ...)
{
	char small[512], *buf = small;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	if ((size_t)n >= sizeof small && (buf = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	int cols = grid_text_at(g, y, x, style, buf ? buf : small);
	if (buf != small)
		free(buf);
	return cols;
}

int grid_text_width(const char *utf8)
{
	long long col = 0;
	size_t n = strlen(utf8), i = 0;
	while (i < n) {
		uint32_t cp;
		i += grid_utf8_decode(utf8 + i, n - i, &cp);
		int w = grid_cp_width(mm_text_cp(cp, 0));
		col += w < 0 ? 1 : w;
	}
	return grid_clampl(col);
}

/* Only the part of r inside the current clip is visited, so a huge r costs
 * no more than the screen.  Narrow glyphs (the usual case: blanks, frame
 * cells) are stored directly; rule 1 then only concerns each row's ends. */
void grid_fill(struct cellgrid *g, struct grid_rect r, unsigned style, uint32_t cp)
{
	if (r.h <= 0 || r.w <= 0)
		return;
	if (grid_push_clip(g, r) == 0) {
		const struct grid_frame *f = grid_top(g);
		const struct grid_rect *c = &f->clip;
		int w, y0 = c->y - f->oy, x0 = c->x - f->ox;
		uint32_t mapped = grid_map(g, style, cp, &w);
		for (int y = c->y; w == 1 && c->w > 0 && y < c->y + c->h; y++) {
			grid_split(g, y, c->x);
			grid_split(g, y, c->x + c->w - 1);
			for (int x = c->x; x < c->x + c->w; x++)
				grid_write_raw(g, y, x, mapped, 1, style);
		}
		for (int y = y0; w == 2 && y < y0 + c->h; y++)
			for (int x = x0 - (x0 % 2); x < x0 + c->w; x += 2)
				grid_put(g, y, x, style, cp);
	}
	grid_pop_clip(g);
}

void grid_hline(struct cellgrid *g, int y, int x, int w, unsigned style)
{
	grid_fill(g, (struct grid_rect){y, x, 1, w}, style, 0x2500);
}

void grid_vline(struct cellgrid *g, int y, int x, int h, unsigned style)
{
	grid_fill(g, (struct grid_rect){y, x, h, 1}, style, 0x2502);
}

void grid_box(struct cellgrid *g, struct grid_rect r, unsigned style, const char *title)
{
	if (r.h <= 0 || r.w <= 0)
		return;
	if (r.h == 1 || r.w == 1) {
		grid_fill(g, r, style, r.h == 1 ? 0x2500 : 0x2502);
		return;
	}
	int bot = grid_clampl((long long)r.y + r.h - 1), right = grid_clampl((long long)r.x + r.w - 1);
	grid_hline(g, r.y, r.x + 1, r.w - 2, style);
	grid_hline(g, bot, r.x + 1, r.w - 2, style);
	grid_vline(g, r.y + 1, r.x, r.h - 2, style);
	grid_vline(g, r.y + 1, right, r.h - 2, style);
	grid_put(g, r.y, r.x, style, 0x250C);
	grid_put(g, r.y, right, style, 0x2510);
	grid_put(g, bot, r.x, style, 0x2514);
	grid_put(g, bot, right, style, 0x2518);
	if (title && *title && r.w >= 5) {
		grid_push_clip(g, (struct grid_rect){r.y, r.x + 1, 1, r.w - 3});
		int n = grid_text_at(g, 0, 1, style, " ");
		n += grid_text_at(g, 0, 1 + n, style, title);
		grid_text_at(g, 0, 1 + n, style, " ");
		grid_pop_clip(g);
	}
}

uint32_t grid_printable_cp(const struct cellgrid *g, const struct cell *c)
{
	uint32_t cp = c->cp;
	if (grid_cp_width(cp) < 0)
		cp = '?';
	return g->ascii && cp >= 0x80 ? grid_ascii_fallback(cp) : cp;
}
