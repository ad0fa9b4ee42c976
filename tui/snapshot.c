/*
 * snapshot.c — the screen as text, ANSI, HTML or SVG (snapshot.h;
 * docs/tui.md TUI-SNAPSHOT).
 *
 * Why it is built this way.  A teacher pastes the picture into slides or
 * a handout, opens it in a browser on another machine, and expects it to
 * look like the projector did.  So:
 *
 *  S1. The pictures are laid out on a fixed cell of SNAP_CELL_W x
 *      SNAP_CELL_H pixels, never on the advance of whatever font the
 *      viewer has: HTML gives every run of cells a box of its exact width,
 *      SVG gives every word its column and exact length (textLength).  A W x H
 *      screen is always the same number of pixels, so columns line up in
 *      any browser.
 *  S2. Text stays text: HTML runs are spans, SVG runs are <text>, so the
 *      words can be selected, searched and copied.  The full and half
 *      blocks of the physical-memory map are also painted as backgrounds
 *      (HTML) or rectangles (SVG) under their glyph, because a font's
 *      block glyph rarely fills the line exactly and a map with hairline
 *      gaps reads as noise.
 *  S3. Self-contained: one file, the styles inline, no script, no font or
 *      image fetched from anywhere; a viewer without the named monospace
 *      fonts still gets `monospace`.
 *  S4. One source of colour: the pens of the resolved theme (the same
 *      struct a backend presents with), turned into RGB by the xterm
 *      palette; a theme's "default" colour becomes the default of the
 *      terminal the theme was written for (its "background", dark or
 *      light: docs/themes.md THM-FORMAT).
 *  S5. Everything written comes from cells: text is escaped for the format
 *      (& < > " in HTML and SVG), control characters never reach the file
 *      (the cell's printable codepoint, as the text writer uses).
 */
#include "snapshot.h"

#include <string.h>
#include <strings.h>

#include "cellgrid.h"

#define SNAP_FONT "'DejaVu Sans Mono','Liberation Mono',Consolas,Menlo,monospace"
#define SNAP_FONT_PX 15 /* text size: fits the 18-pixel line with its descenders */
#define SNAP_BASELINE 14 /* SVG: the baseline's offset from the top of the row */

static const struct {
	const char *name;
	enum snap_format f;
} snap_names[] = {
	{"text", SNAP_TEXT},
	{"ansi", SNAP_ANSI},
	{"html", SNAP_HTML},
	{"svg", SNAP_SVG},
};

static const struct {
	const char *ext;
	enum snap_format f;
} snap_exts[] = {
	{".txt", SNAP_TEXT},
	{".ans", SNAP_ANSI},
	{".html", SNAP_HTML},
	{".htm", SNAP_HTML},
	{".svg", SNAP_SVG},
};

int snap_format_lookup(const char *name)
{
	for (size_t i = 0; name && i < sizeof snap_names / sizeof snap_names[0]; i++)
		if (!strcmp(name, snap_names[i].name))
			return (int)snap_names[i].f;
	return -1;
}

int snap_format_of_path(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	for (size_t i = 0; i < sizeof snap_exts / sizeof snap_exts[0]; i++) {
		size_t e = strlen(snap_exts[i].ext);
		if (n > e && !strcasecmp(path + n - e, snap_exts[i].ext))
			return (int)snap_exts[i].f;
	}
	return -1;
}

/* ---- colour (S4) ------------------------------------------------------------ */

/* xterm's sixteen basic colours, the first sixteen of its 256. */
static const uint32_t snap_basic[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
	0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

static uint32_t snap_palette(int i)
{
	static const uint8_t cube[6] = {0, 95, 135, 175, 215, 255};
	if (i < 16)
		return snap_basic[i];
	if (i < 232) {
		int c = i - 16;
		return (uint32_t)cube[c / 36] << 16 | (uint32_t)cube[c / 6 % 6] << 8 | cube[c % 6];
	}
	uint32_t g = (uint32_t)(8 + 10 * (i - 232));
	return g << 16 | g << 8 | g;
}

uint32_t snap_rgb(const struct theme_resolved *rt, int index, int is_bg)
{
	if (index < 0 || index > 255 || rt->colors == 0)
		return is_bg ? (rt->light ? 0xffffff : 0x000000) : (rt->light ? 0x000000 : 0xd0d0d0);
	return snap_palette(rt->colors == 8 ? (index & 7) : index);
}

/* Two thirds of the way from a to b: how a dim foreground is painted. */
static uint32_t snap_mix(uint32_t a, uint32_t b)
{
	uint32_t out = 0;
	for (int sh = 0; sh <= 16; sh += 8) {
		uint32_t x = a >> sh & 0xff, y = b >> sh & 0xff;
		out |= ((x + 2 * y) / 3) << sh;
	}
	return out;
}

/* What one cell looks like, resolved to RGB. */
struct snap_look {
	uint32_t fg, bg;
	uint8_t attrs; /* THEME_BOLD | THEME_ITALIC | THEME_UNDERLINE (reverse and dim applied) */
	uint8_t block; /* 0, or which part of the cell is painted in fg: 1 full, 2 upper, 3 lower half */
};

static uint8_t snap_block(uint32_t cp)
{
	return cp == 0x2588 ? 1 : cp == 0x2580 ? 2 : cp == 0x2584 ? 3 : 0;
}

static struct snap_look snap_look(const struct cellgrid *g, const struct theme_resolved *rt, const struct cell *c)
{
	struct theme_pen p = rt->pen[c->role < ROLE_COUNT ? c->role : ROLE_TEXT_NORMAL];
	p.attrs |= c->attrs;
	struct snap_look l = {snap_rgb(rt, p.fg, 0), snap_rgb(rt, p.bg, 1),
			      (uint8_t)(p.attrs & (THEME_BOLD | THEME_ITALIC | THEME_UNDERLINE)),
			      snap_block(grid_printable_cp(g, c))};
	if (p.attrs & THEME_REVERSE) {
		uint32_t t = l.fg;
		l.fg = l.bg;
		l.bg = t;
	}
	if (p.attrs & THEME_DIM)
		l.fg = snap_mix(l.fg, l.bg);
	return l;
}

static int snap_look_eq(const struct snap_look *a, const struct snap_look *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs && a->block == b->block;
}

/* ---- text shared by HTML and SVG (S5) -------------------------------------- */

static void snap_put_escaped(uint32_t cp, FILE *out)
{
	switch (cp) {
	case '&': fputs("&amp;", out); return;
	case '<': fputs("&lt;", out); return;
	case '>': fputs("&gt;", out); return;
	case '"': fputs("&quot;", out); return;
	default: {
		char b[4];
		fwrite(b, 1, grid_utf8_encode(cp, b), out);
	}
	}
}

/* The end of the run of cells from x that look alike; *cols gets its width
 * in columns and *blank whether it holds only spaces. */
static int snap_run(const struct cellgrid *g, const struct theme_resolved *rt, int y, int x,
		    struct snap_look *look, bool *blank)
{
	const struct cell *row = grid_cell(g, y, 0);
	*look = snap_look(g, rt, &row[x]);
	*blank = true;
	int end = x;
	for (; end < g->cols; end++) {
		if (row[end].width == 0)
			continue;
		struct snap_look l = snap_look(g, rt, &row[end]);
		if (!snap_look_eq(&l, look))
			break;
		if (grid_printable_cp(g, &row[end]) != ' ')
			*blank = false;
	}
	return end;
}

static void snap_run_text(const struct cellgrid *g, int y, int x, int end, FILE *out)
{
	const struct cell *row = grid_cell(g, y, 0);
	for (int i = x; i < end; i++)
		if (row[i].width > 0)
			snap_put_escaped(grid_printable_cp(g, &row[i]), out);
}

/* ---- HTML ------------------------------------------------------------------- */

static void snap_html_style(const struct snap_look *l, int cols, FILE *out)
{
	fprintf(out, "<span style=\"width:%dpx;color:#%06x;", cols * SNAP_CELL_W, (unsigned)l->fg);
	if (l->block == 1)
		fprintf(out, "background:#%06x", (unsigned)l->fg);
	else if (l->block)
		fprintf(out, "background:linear-gradient(#%06x 50%%,#%06x 50%%)",
			(unsigned)(l->block == 2 ? l->fg : l->bg), (unsigned)(l->block == 2 ? l->bg : l->fg));
	else
		fprintf(out, "background:#%06x", (unsigned)l->bg);
	if (l->attrs & THEME_BOLD)
		fputs(";font-weight:bold", out);
	if (l->attrs & THEME_ITALIC)
		fputs(";font-style:italic", out);
	if (l->attrs & THEME_UNDERLINE)
		fputs(";text-decoration:underline", out);
	fputs("\">", out);
}

static int snapshot_html(const struct cellgrid *g, const struct theme_resolved *rt, FILE *out)
{
	int w = g->cols * SNAP_CELL_W, h = g->rows * SNAP_CELL_H;
	fprintf(out,
		"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>mmviz</title>\n<style>\n"
		"body{margin:0;background:#%06x}\n"
		".screen{width:%dpx;height:%dpx;overflow:hidden;font:%dpx/%dpx %s}\n"
		".screen div{display:flex;height:%dpx}\n"
		".screen span{display:block;flex:none;height:%dpx;overflow:hidden;white-space:pre}\n"
		"</style></head>\n<body><div class=\"screen\">\n",
		(unsigned)snap_rgb(rt, -1, 1), w, h, SNAP_FONT_PX, SNAP_CELL_H, SNAP_FONT, SNAP_CELL_H, SNAP_CELL_H);
	for (int y = 0; y < g->rows; y++) {
		fputs("<div>", out);
		for (int x = 0; x < g->cols;) {
			struct snap_look l;
			bool blank;
			int end = snap_run(g, rt, y, x, &l, &blank);
			snap_html_style(&l, end - x, out);
			snap_run_text(g, y, x, end, out);
			fputs("</span>", out);
			x = end;
		}
		fputs("</div>\n", out);
	}
	fputs("</div></body></html>\n", out);
	return ferror(out) ? -1 : 0;
}

/* ---- SVG -------------------------------------------------------------------- */

static void snap_svg_rect(int x, int y, int w, int h, uint32_t rgb, FILE *out)
{
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#%06x\"/>\n", x, y, w, h,
		(unsigned)rgb);
}

static void snap_svg_back(const struct snap_look *l, int y, int x, int end, uint32_t dflt, FILE *out)
{
	int px = x * SNAP_CELL_W, py = y * SNAP_CELL_H, w = (end - x) * SNAP_CELL_W, half = SNAP_CELL_H / 2;
	if (l->bg != dflt)
		snap_svg_rect(px, py, w, SNAP_CELL_H, l->bg, out);
	if (l->block == 1)
		snap_svg_rect(px, py, w, SNAP_CELL_H, l->fg, out);
	else if (l->block)
		snap_svg_rect(px, l->block == 2 ? py : py + half, w, half, l->fg, out);
}

/* One <text> per word of the run, at its own column and of its exact
 * length: a viewer collapses or trims the spaces of SVG text in its own
 * way, so spaces are never left to it (S1). */
static void snap_svg_word(const struct cellgrid *g, const struct snap_look *l, int y, int x, int end, FILE *out)
{
	fprintf(out, "<text x=\"%d\" y=\"%d\" textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\" fill=\"#%06x\"",
		x * SNAP_CELL_W, y * SNAP_CELL_H + SNAP_BASELINE, (end - x) * SNAP_CELL_W, (unsigned)l->fg);
	if (l->attrs & THEME_BOLD)
		fputs(" font-weight=\"bold\"", out);
	if (l->attrs & THEME_ITALIC)
		fputs(" font-style=\"italic\"", out);
	if (l->attrs & THEME_UNDERLINE)
		fputs(" text-decoration=\"underline\"", out);
	fputc('>', out);
	snap_run_text(g, y, x, end, out);
	fputs("</text>\n", out);
}

static void snap_svg_text(const struct cellgrid *g, const struct snap_look *l, int y, int x, int end, FILE *out)
{
	const struct cell *row = grid_cell(g, y, 0);
	while (x < end) {
		while (x < end && (row[x].width == 0 || grid_printable_cp(g, &row[x]) == ' '))
			x++;
		int w = x;
		while (w < end && (row[w].width == 0 || grid_printable_cp(g, &row[w]) != ' '))
			w++;
		if (w > x)
			snap_svg_word(g, l, y, x, w, out);
		x = w;
	}
}

static int snapshot_svg(const struct cellgrid *g, const struct theme_resolved *rt, FILE *out)
{
	int w = g->cols * SNAP_CELL_W, h = g->rows * SNAP_CELL_H;
	uint32_t dflt = snap_rgb(rt, -1, 1);
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
		"<rect width=\"%d\" height=\"%d\" fill=\"#%06x\"/>\n<g shape-rendering=\"crispEdges\">\n",
		w, h, w, h, w, h, (unsigned)dflt);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			fprintf(out, "</g>\n<g font-family=\"%s\" font-size=\"%dpx\">\n", SNAP_FONT, SNAP_FONT_PX);
		for (int y = 0; y < g->rows; y++)
			for (int x = 0; x < g->cols;) {
				struct snap_look l;
				bool blank;
				int end = snap_run(g, rt, y, x, &l, &blank);
				if (pass == 0)
					snap_svg_back(&l, y, x, end, dflt, out);
				else if (!blank)
					snap_svg_text(g, &l, y, x, end, out);
				x = end;
			}
	}
	fputs("</g>\n</svg>\n", out);
	return ferror(out) ? -1 : 0;
}

int snapshot_write(const struct cellgrid *g, const struct theme_resolved *rt, enum snap_format f, FILE *out)
{
	switch (f) {
	case SNAP_TEXT: return backend_headless_write_text(g, out);
	case SNAP_ANSI: return backend_headless_write_ansi(g, rt, out);
	case SNAP_HTML: return snapshot_html(g, rt, out);
	case SNAP_SVG: return snapshot_svg(g, rt, out);
	}
	return -1;
}
