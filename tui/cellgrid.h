/*
 * cellgrid.h — the render buffer panes draw into (after
 * libtickit's TickitRenderBuffer).  struct cellgrid itself is in draw.h,
 * because backends read it.
 *
 * Coordinates are (y, x) = (row, column), 0-based, relative to the current
 * clip frame: grid_push_clip(g, r) moves the origin to r's top-left corner
 * and cuts drawing to r (and to every enclosing frame), so a pane draws at
 * (0, 0) .. (h-1, w-1) of its own rectangle and can never spill into its
 * neighbour.  Drawing outside the clip is silently dropped, never an error;
 * empty or negative rectangles draw nothing.
 *
 * Styles: a style argument is a role (enum theme_role), optionally OR-ed
 * with extra attributes: ROLE_TEXT_NORMAL | GRID_BOLD.
 *
 * Text is UTF-8.  Column widths come from a table in cellgrid.c, not from
 * the locale: East-Asian wide characters take 2 columns, combining marks 0
 * (they are dropped), control characters and invalid bytes show as U+FFFD
 * (a tab as a space).  A wide character that does not fit the clip becomes
 * blanks; overwriting half of a wide character blanks its other half.
 * In ASCII mode (grid_set_ascii) box drawing and block glyphs fall back to
 * + - | # . : and other non-ASCII characters to '?', column for column, so
 * a screen has the same layout in both modes.
 *
 * Ownership: grid_new returns a grid the caller frees with grid_free.  The
 * glyph table given to grid_set_glyphs is borrowed and must outlive its use.
 */
#ifndef MM_CELLGRID_H
#define MM_CELLGRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "draw.h"

#define GRID_MAX_DIM 4096      /* rows and columns are clamped to 0..this */
#define GRID_GLYPH 0x110000u   /* as a codepoint: "the glyph of the role" */
#define GRID_ATTR(a) ((unsigned)(a) << 16)
#define GRID_BOLD GRID_ATTR(THEME_BOLD)
#define GRID_UNDERLINE GRID_ATTR(THEME_UNDERLINE)
#define GRID_REVERSE GRID_ATTR(THEME_REVERSE)
#define GRID_DIM GRID_ATTR(THEME_DIM)
#define GRID_ITALIC GRID_ATTR(THEME_ITALIC)

/* A new grid of rows x cols blank cells (ROLE_TEXT_NORMAL); NULL when out of
 * memory.  Negative sizes count as 0. */
struct cellgrid *grid_new(int rows, int cols);
void grid_free(struct cellgrid *g);

/* Changes the size and clears.  Returns 0, or -1 (out of memory) with the
 * grid unchanged. */
int grid_resize(struct cellgrid *g, int rows, int cols);

/* Starts a frame: every cell blank in ROLE_TEXT_NORMAL, clip stack empty. */
void grid_clear(struct cellgrid *g);

void grid_set_ascii(struct cellgrid *g, bool ascii);
void grid_set_glyphs(struct cellgrid *g, const uint32_t *glyphs);

/* Writes one codepoint (GRID_GLYPH: the role's glyph) at (y, x).  Returns
 * the columns it takes (0, 1 or 2), whether or not it was clipped. */
int grid_put(struct cellgrid *g, int y, int x, unsigned style, uint32_t cp);

/* Writes UTF-8 text on one row from (y, x), clipped.  Returns the columns
 * the text spans, counted as if unclipped, so x += grid_text_at(...) lays
 * out runs.  grid_textn_at reads at most len bytes. */
int grid_text_at(struct cellgrid *g, int y, int x, unsigned style, const char *utf8);
int grid_textn_at(struct cellgrid *g, int y, int x, unsigned style, const char *utf8, size_t len);
int grid_textf_at(struct cellgrid *g, int y, int x, unsigned style, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Fills r with cp (GRID_GLYPH: the role's glyph; ' ' erases). */
void grid_fill(struct cellgrid *g, struct grid_rect r, unsigned style, uint32_t cp);

/* A single-line box on r's edges, with " title " on the top edge when it
 * fits (title may be NULL).  A 1-row or 1-column r becomes a line. */
void grid_box(struct cellgrid *g, struct grid_rect r, unsigned style, const char *title);
void grid_hline(struct cellgrid *g, int y, int x, int w, unsigned style);
void grid_vline(struct cellgrid *g, int y, int x, int h, unsigned style);

/* Pushes a clip frame: r (in current coordinates) becomes the origin and
 * the clip.  Returns 0, or -1 when deeper than GRID_CLIP_MAX, in which case
 * nothing is drawn until the matching pop (push and pop must still pair). */
int grid_push_clip(struct cellgrid *g, struct grid_rect r);
void grid_pop_clip(struct cellgrid *g);

/* The current frame in its own coordinates: {0, 0, h, w} as pushed. */
struct grid_rect grid_area(const struct cellgrid *g);

/* The cell at absolute (y, x), ignoring clip frames; NULL outside. */
const struct cell *grid_cell(const struct cellgrid *g, int y, int x);

/* Text helpers, independent of any grid. */
int grid_cp_width(uint32_t cp);		/* 0, 1 or 2; -1 for control characters */
int grid_text_width(const char *utf8);	/* columns grid_text_at would span */
uint32_t grid_ascii_fallback(uint32_t cp); /* '-', '|', '+', '#', '.', ... or '?' */
/* The codepoint a writer prints for cell c of g: never a control
 * character ('?'), and in ASCII mode its ASCII fallback. */
uint32_t grid_printable_cp(const struct cellgrid *g, const struct cell *c);
/* Decodes one codepoint from s[0..n-1]: returns the bytes used (1 for an
 * invalid byte, giving U+FFFD), 0 when n == 0. */
size_t grid_utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t grid_utf8_encode(uint32_t cp, char out[4]); /* bytes written, 1..4 */

#endif
