/*
 * theme.h — colour themes: load a theme (JSON file, buffer or built-in),
 * then resolve it for what the terminal can show (256 colours, 8, none).
 *
 * Ownership: nothing here allocates on behalf of the caller.  A struct
 * theme and a struct theme_resolved are plain values (about 1 KB) that the
 * caller owns, usually by embedding them; there is no theme_free.  A load
 * that fails leaves *out untouched and fills err (code "theme", the message
 * names file, line:column, the JSON path and what was expected).
 *
 * The file format is described at the top of theme.c and in themes/README.md.
 */
#ifndef MM_THEME_H
#define MM_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "theme_roles.h"
#include "types.h"

#define THEME_FILE_MAX (1u << 20) /* a theme file larger than 1 MiB is refused */
#define THEME_NAME_MAX 32
#define THEME_TITLE_MAX 96

/* One role as the theme states it. */
struct theme_style {
	int16_t fg, bg;   /* 256-colour palette index 0..255; -1 = terminal default */
	int16_t fg8, bg8; /* 0..7 (black red green yellow blue magenta cyan white); -1 default */
	uint8_t attrs;    /* THEME_BOLD | ... */
	uint32_t glyph;   /* see theme_roles.h: the cell a pane draws for this role */
};

struct theme {
	char name[THEME_NAME_MAX];   /* "default", or the file's "name" */
	char title[THEME_TITLE_MAX]; /* one line for --list-themes */
	bool light;                  /* "background": "light" (default colours dark on white) */
	struct theme_style role[ROLE_COUNT];
};

/* What a backend paints for a role on this terminal. */
struct theme_pen {
	int16_t fg, bg; /* colour index valid for `colors`, -1 = default */
	uint8_t attrs;
};

struct theme_resolved {
	int colors; /* 256, 8 or 0 (no colour: mono glyphs and attributes) */
	bool light; /* the theme's terminal has a light background */
	struct theme_pen pen[ROLE_COUNT];
	uint32_t glyph[ROLE_COUNT]; /* hand to grid_set_glyphs() */
};

/* The JSON key of a role ("page.zeroed"), and back (-1 when unknown;
 * case-sensitive). */
const char *theme_role_key(int role);
int theme_role_lookup(const char *key);

/* The built-in themes, compiled in from theme_roles.h so mmviz works with
 * no themes/ directory: "default" (dark) and "mono".  Returns 0, or -1 when
 * name is not built in. */
int theme_builtin(struct theme *out, const char *name);

/* Parses a theme from len bytes at buf (need not be NUL-terminated; at most
 * THEME_FILE_MAX).  origin names the source in messages ("themes/x.json").
 * Returns 0, or -1 with err filled and *out unchanged. */
int theme_load_buf(struct theme *out, const char *buf, size_t len, const char *origin,
		   struct mm_err *err);

/* Reads and parses the file at path (size checked before reading). */
int theme_load_file(struct theme *out, const char *path, struct mm_err *err);

/* Finds a theme by name: a name containing '/' or ending in ".json" is a
 * path; otherwise the data path of datapath.h ("themes": ./themes/NAME.json,
 * $XDG_DATA_HOME/mmviz/themes/NAME.json (default ~/.local/share), the
 * installed data directory beside the binary, then the compiled-in one),
 * then the built-ins.  Returns 0 with the file's path in path[pathsz], 1 for a
 * built-in theme (path holds ""), -1 when nothing matches or the name is
 * not a plain name ([A-Za-z0-9_-], so no "../"). */
int theme_find(const char *name, char *path, size_t pathsz);

/* theme_find + theme_load_file / theme_builtin. */
int theme_load(struct theme *out, const char *name_or_path, struct mm_err *err);

/* Calls fn once per available theme name (at most 64), sorted, the first
 * directory of the search order winning; path is NULL for a built-in.
 * Returns the count, -1 when out of memory. */
int theme_list(void (*fn)(void *ud, const char *name, const char *path), void *ud);

/* The colour depth to resolve for: 0 when no_color, else 256 when the
 * terminal has >= 256 colours, 8 when it has >= 8, else 0. */
int theme_depth(int terminal_colors, int no_color);

/* Resolves t for a depth of 256, 8 or 0 (other values are rounded down to
 * one of these).  At 8 colours a role whose fg8 equals its bg8 gets a
 * contrasting fg; at 0 every role takes the mono glyph and attributes of
 * theme_roles.h whatever the theme says, so any theme degrades to mono. */
void theme_resolve(const struct theme *t, int colors, struct theme_resolved *out);

/* Colour helpers, exported for tests: parse "214" / "default" / "yellow" /
 * "bright-red" / "#E69F00" (max 255 or 7), and the 256 -> 8 downsampling. */
int theme_parse_colour(const char *s, int max, int *out);
int theme_colour_to8(int c256);
/* The RGB an xterm shows for palette index c (0..255): the colours the
 * contrast figures of docs/themes.md THM-CONTRAST are computed from. */
void theme_colour_rgb(int c, int rgb[3]);

#endif
