/*
 * snapshot.h — the screen as a file for slides and handouts (docs/tui.md
 * TUI-SNAPSHOT): the cells of a composed grid written as plain text, as
 * text with ANSI colours, as a self-contained HTML page or as an SVG
 * picture whose text stays text.
 *
 * The writers read only the grid and the resolved theme, the same two
 * things a backend presents, so a snapshot shows exactly the cells the
 * terminal shows: `--screen WxH --format html` and the `snapshot` command
 * of a running TUI agree with the screen and with each other.
 */
#ifndef MM_SNAPSHOT_H
#define MM_SNAPSHOT_H

#include <stdio.h>

#include "draw.h"

enum snap_format { SNAP_TEXT, SNAP_ANSI, SNAP_HTML, SNAP_SVG };

/* One cell of a picture in CSS pixels: the size the HTML and SVG lay cells
 * out on, so a W x H screen is SNAP_CELL_W*W x SNAP_CELL_H*H pixels. */
#define SNAP_CELL_W 9
#define SNAP_CELL_H 18

/* "text", "ansi", "html", "svg" -> the format; -1 for anything else. */
int snap_format_lookup(const char *name);

/* The format a file name asks for by its extension (.txt, .ans, .html or
 * .htm, .svg; case-insensitive); -1 when it names none of them. */
int snap_format_of_path(const char *path);

/* Writes g as seen through rt in format f.  Returns 0, or -1 when writing
 * to out failed. */
int snapshot_write(const struct cellgrid *g, const struct theme_resolved *rt, enum snap_format f, FILE *out);

/* The RGB colour (0xRRGGBB) the pictures paint for a pen colour: an index
 * of the xterm 256-colour palette (or of the eight basic colours when rt
 * has 8), -1 being the terminal's default foreground or background for
 * the theme's background (dark or light). */
uint32_t snap_rgb(const struct theme_resolved *rt, int index, int is_bg);

#endif
