/*
 * 39_contrast.c — every shipped theme is legible on a projector and to a
 * colour-blind student (docs/themes.md THM-CONTRAST): for each theme in
 * 256 and in 8 colours, resolved as the TUI resolves it (theme_resolve),
 *   C1 text: each role drawn as text, its foreground against its own
 *      background (the terminal's where the role has none), at least 4.5:1
 *      (WCAG 2.1 1.4.3); pane borders at least 3:1 (1.4.11);
 *   C2 glyph cells (page states, region states): a full block shows its
 *      foreground only, which must stand 3:1 off the terminal background;
 *      any other glyph stands 3:1 off its cell's background (1.4.11);
 *   C3 page states side by side in the physical-memory map: the colour a
 *      cell shows (a full block's foreground, else its background) differs
 *      for every two states by at least DE_MIN (CIE76 ΔE*ab);
 *   C4 colorblind: the same under protanopia and deuteranopia (Machado,
 *      Oliveira and Fernandes 2009, severity 1.0) by at least DE_CVD at
 *      256 colours; at 8 colours, where the eight colours cannot keep eight
 *      states apart for these viewers, two states they confuse differ by
 *      glyph;
 *   C5 mono, and every theme without colour: the page states differ by
 *      glyph or attribute.
 * The test prints each theme's lowest figures, the numbers docs/themes.md
 * quotes. Run from the repository's top directory (it reads themes/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "theme.h"

#define TEXT_MIN 4.5 /* WCAG 1.4.3 AA, normal text */
#define UI_MIN 3.0   /* WCAG 1.4.11, non-text: borders, glyph cells */
#define DE_MIN 15.0  /* two page states, normal vision */
#define DE_CVD 12.0  /* two page states, simulated protanopia / deuteranopia */

struct rgb {
	double c[3]; /* 0..255 */
};

static double lin(double v)
{
	v /= 255.0;
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double unlin(double v)
{
	v = v < 0 ? 0 : v > 1 ? 1 : v;
	return 255.0 * (v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055);
}

/* WCAG 2.1 relative luminance and contrast ratio. */
static double luminance(struct rgb a)
{
	return 0.2126 * lin(a.c[0]) + 0.7152 * lin(a.c[1]) + 0.0722 * lin(a.c[2]);
}

static double contrast(struct rgb a, struct rgb b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* CIE76 ΔE*ab between two sRGB colours (D65). */
static void lab(struct rgb a, double out[3])
{
	double r = lin(a.c[0]), g = lin(a.c[1]), b = lin(a.c[2]);
	double xyz[3] = {(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
			 (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883};
	double f[3];
	for (int i = 0; i < 3; i++)
		f[i] = xyz[i] > 0.008856 ? cbrt(xyz[i]) : 7.787 * xyz[i] + 16.0 / 116.0;
	out[0] = 116 * f[1] - 16;
	out[1] = 500 * (f[0] - f[1]);
	out[2] = 200 * (f[1] - f[2]);
}

static double delta_e(struct rgb a, struct rgb b)
{
	double la[3], lb[3];
	lab(a, la);
	lab(b, lb);
	return sqrt((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
		    (la[2] - lb[2]) * (la[2] - lb[2]));
}

/* Machado, Oliveira, Fernandes (2009), "A Physiologically-based Model for
 * Simulation of Color Vision Deficiency", IEEE TVCG 15(6), severity 1.0;
 * applied to linear RGB. */
static const double protanopia[3][3] = {
	{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}};
static const double deuteranopia[3][3] = {
	{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}};

static struct rgb simulate(struct rgb a, const double m[3][3])
{
	double l[3] = {lin(a.c[0]), lin(a.c[1]), lin(a.c[2])};
	struct rgb o;
	for (int i = 0; i < 3; i++)
		o.c[i] = unlin(m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]);
	return o;
}

/* ---- a theme as drawn ------------------------------------------------------ */

struct term {
	struct rgb fg, bg; /* the terminal's own colours, for "default" */
};

static struct rgb palette(int c, struct rgb dflt)
{
	if (c < 0)
		return dflt;
	int v[3];
	theme_colour_rgb(c, v);
	return (struct rgb){{v[0], v[1], v[2]}};
}

/* The colours role r is drawn in: reverse swaps them. */
static void pen(const struct theme_resolved *t, const struct term *tm, int r, struct rgb *fg, struct rgb *bg)
{
	*fg = palette(t->pen[r].fg, tm->fg);
	*bg = palette(t->pen[r].bg, tm->bg);
	if (t->pen[r].attrs & THEME_REVERSE) {
		struct rgb x = *fg;
		*fg = *bg;
		*bg = x;
	}
}

static bool glyph_cell(int r)
{
	return (r >= ROLE_PAGE_ZEROED && r <= ROLE_PAGE_TRANSITION) || r == ROLE_REGION_RESERVED ||
	       r == ROLE_REGION_COMMITTED;
}

#define FULL_BLOCK 0x2588u

/* The colour a glyph cell shows from afar. */
static struct rgb cell_colour(const struct theme_resolved *t, const struct term *tm, int r)
{
	struct rgb fg, bg;
	pen(t, tm, r, &fg, &bg);
	return t->glyph[r] == FULL_BLOCK ? fg : bg;
}

struct figures {
	double text, ui, de, cvd; /* the lowest of each */
};

/* C1, C2: returns the number of failures, printing each. */
static int check_legible(const char *name, int depth, const struct theme_resolved *t, const struct term *tm,
			 struct figures *fig)
{
	int bad = 0;
	for (int r = 0; r < ROLE_COUNT; r++) {
		struct rgb fg, bg;
		pen(t, tm, r, &fg, &bg);
		double c, min;
		const char *what;
		if (glyph_cell(r)) {
			c = t->glyph[r] == FULL_BLOCK ? contrast(fg, tm->bg) : contrast(fg, bg);
			min = UI_MIN;
			what = t->glyph[r] == FULL_BLOCK ? "full block against the terminal" : "glyph against its cell";
		} else if (r == ROLE_BORDER_NORMAL || r == ROLE_BORDER_FOCUSED) {
			c = contrast(fg, bg), min = UI_MIN, what = "border";
		} else {
			c = contrast(fg, bg), min = TEXT_MIN, what = "text";
		}
		if (min == TEXT_MIN && c < fig->text)
			fig->text = c;
		if (min == UI_MIN && c < fig->ui)
			fig->ui = c;
		if (c < min) {
			print_error("%s %d: %s: %s %.2f:1, needs %.1f:1\n", name, depth, theme_role_key(r), what, c, min);
			bad++;
		}
	}
	return bad;
}

/* C3, C4, C5 for the eight page states. */
static int check_states(const char *name, int depth, const struct theme_resolved *t, const struct term *tm,
			struct figures *fig)
{
	int bad = 0;
	bool by_glyph = depth == 0 || !strcmp(name, "mono");
	for (int a = ROLE_PAGE_ZEROED; a <= ROLE_PAGE_TRANSITION; a++)
		for (int b = a + 1; b <= ROLE_PAGE_TRANSITION; b++) {
			bool glyphs = t->glyph[a] != t->glyph[b] || t->pen[a].attrs != t->pen[b].attrs;
			if (by_glyph) {
				if (!glyphs) {
					print_error("%s %d: %s and %s: same glyph and attributes\n", name, depth,
						    theme_role_key(a), theme_role_key(b));
					bad++;
				}
				continue;
			}
			struct rgb ca = cell_colour(t, tm, a), cb = cell_colour(t, tm, b);
			double d = delta_e(ca, cb);
			if (d < fig->de)
				fig->de = d;
			if (d < DE_MIN) {
				print_error("%s %d: %s and %s side by side: ΔE %.1f, needs %.0f\n", name, depth,
					    theme_role_key(a), theme_role_key(b), d, DE_MIN);
				bad++;
			}
			if (strcmp(name, "colorblind"))
				continue;
			for (int k = 0; k < 2; k++) {
				const double(*m)[3] = k ? deuteranopia : protanopia;
				double dc = delta_e(simulate(ca, m), simulate(cb, m));
				if (depth == 256 && dc < fig->cvd)
					fig->cvd = dc;
				if (dc < DE_CVD && (depth == 256 || t->glyph[a] == t->glyph[b])) {
					print_error("%s %d: %s and %s under %s: ΔE %.1f, needs %.0f%s\n", name, depth,
						    theme_role_key(a), theme_role_key(b), k ? "deuteranopia" : "protanopia",
						    dc, DE_CVD, depth == 256 ? "" : " or different glyphs");
					bad++;
				}
			}
		}
	return bad;
}

static void test_shipped_themes(void **state)
{
	(void)state;
	glob_t gl;
	assert_int_equal(glob("themes/*.json", 0, NULL, &gl), 0);
	assert_true(gl.gl_pathc >= 5);
	int bad = 0;
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		struct theme th;
		struct mm_err err;
		assert_int_equal(theme_load_file(&th, gl.gl_pathv[i], &err), 0);
		/* a light theme is for a light terminal: black on white; the
		 * others for a dark one: xterm's white (229) on black */
		bool light = !strcmp(th.name, "light");
		struct term tm = light ? (struct term){{{0, 0, 0}}, {{255, 255, 255}}}
				       : (struct term){{{229, 229, 229}}, {{0, 0, 0}}};
		static const int depths[] = {256, 8, 0};
		for (int d = 0; d < 3; d++) {
			struct theme_resolved t;
			theme_resolve(&th, depths[d], &t);
			struct figures fig = {99, 99, 999, 999};
			if (depths[d])
				bad += check_legible(th.name, depths[d], &t, &tm, &fig);
			bad += check_states(th.name, depths[d], &t, &tm, &fig);
			if (depths[d] && strcmp(th.name, "mono"))
				printf("# %-13s %3d colours: text >= %.2f:1, glyphs and borders >= %.2f:1, "
				       "page states ΔE >= %.1f\n",
				       th.name, depths[d], fig.text, fig.ui, fig.de);
			if (depths[d] == 256 && !strcmp(th.name, "colorblind"))
				printf("# %-13s %3d colours: page states under protanopia/deuteranopia ΔE >= %.1f\n",
				       th.name, depths[d], fig.cvd);
		}
	}
	globfree(&gl);
	assert_int_equal(bad, 0);
}

/* The figures can fail: the theme the issue reported (high-contrast's
 * active frames, a black full block on green) is refused. */
static void test_refuses_black_block(void **state)
{
	(void)state;
	struct theme th;
	struct mm_err err;
	assert_int_equal(theme_load_file(&th, "themes/high-contrast.json", &err), 0);
	th.role[ROLE_PAGE_ACTIVE].fg = 16; /* black */
	th.role[ROLE_PAGE_ACTIVE].bg = 46;
	struct theme_resolved t;
	theme_resolve(&th, 256, &t);
	struct term tm = {{{229, 229, 229}}, {{0, 0, 0}}};
	struct figures fig = {99, 99, 999, 999};
	assert_true(check_legible("high-contrast (black block)", 256, &t, &tm, &fig) > 0);
	assert_true(check_states("high-contrast (black block)", 256, &t, &tm, &fig) > 0);
	/* and the known figures: white on black is 21:1, xterm blue on black 2.2:1 */
	assert_true(fabs(contrast((struct rgb){{255, 255, 255}}, (struct rgb){{0, 0, 0}}) - 21.0) < 0.01);
	assert_true(contrast((struct rgb){{0, 0, 238}}, (struct rgb){{0, 0, 0}}) < 2.3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_themes),
		cmocka_unit_test(test_refuses_black_block),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
