/*
 * backend_tickit.c — the libtickit backend (--backend tickit).
 *
 * Why it is built this way.  libtickit delivers everything through
 * callbacks and repaints an exposed rectangle in full, with no diff against
 * the screen; trying it on Debian 12 showed what that costs and what
 * goes wrong.  So:
 *   - poll() turns control right side up: the callbacks only queue events,
 *     and poll() drives tickit_tick(RUN_ONCE) under a one-shot timer of at
 *     most 200 ms until the queue is non-empty or the time is up.
 *     tickit_run() is never used: it quits on the first resize (spurious
 *     signal dispatch, pitfall 6) and leaves the terminal raw on Ctrl+C;
 *   - SIGINT, SIGTERM and SIGHUP are our own sigaction flags (pitfall 7);
 *     SIGINT reads as the key Ctrl+C, as ncurses' raw mode delivers it;
 *   - present() compares the grid with what is on the screen and exposes
 *     only the changed column span of each changed row; the expose handler
 *     paints runs of equal style with one pen and one text_at each
 *     (pitfall 8: per-cell drawing sent seven times the bytes);
 *   - tickit_new_stdtty() aborts without a TTY and with a TERM lacking
 *     required capabilities, and returns NULL for an unknown TERM, so a
 *     terminfo probe runs first and NULL is checked (pitfalls 1-3).
 * Ctrl+Z suspends as a shell expects: tickit_term_pause gives the terminal
 * back, the process stops (SIGTSTP, default action), tickit_term_resume
 * takes it again and everything is repainted (a resize event).
 * Under ASan, add `leak:libtickit.so` to the LSan suppressions: each
 * Tickit leaks 8 bytes in 0.4.3 (pitfall 5).
 */
#include <signal.h>
#include <string.h>
#include <tickit.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "cellgrid.h"
#include "draw.h"

#define TK_QUEUE 64

struct tk {
	Tickit *t;
	TickitWindow *root;
	TickitPen *pen[ROLE_COUNT]; /* owned; one per role */
	TickitPen *plain;	    /* owned; the terminal's default */
	struct cellgrid *shown;	    /* owned; what the screen shows */
	char *run;		    /* owned; UTF-8 of one run of cells */
	bool full;		    /* repaint everything at the next present */
	bool fired, closed, utf8;
	struct draw_event q[TK_QUEUE];
	int qhead, qlen;
	struct sigaction old[3];
};

static const int tk_signums[3] = {SIGINT, SIGTERM, SIGHUP};
static volatile sig_atomic_t tk_signal; /* signals force a global */

static void tk_on_signal(int sig)
{
	tk_signal = sig;
}

static void tk_signals(struct tk *tk, bool install)
{
	for (int i = 0; i < 3; i++) {
		if (install) {
			struct sigaction sa;
			memset(&sa, 0, sizeof sa);
			sa.sa_handler = tk_on_signal;
			sigemptyset(&sa.sa_mask);
			sigaction(tk_signums[i], &sa, &tk->old[i]);
		} else {
			sigaction(tk_signums[i], &tk->old[i], NULL);
		}
	}
}

static void tk_push(struct tk *tk, const struct draw_event *ev)
{
	if (tk->qlen < TK_QUEUE) /* a full queue drops: the user typed 64 keys ahead */
		tk->q[(tk->qhead + tk->qlen++) % TK_QUEUE] = *ev;
}

/* ---- callbacks: they only queue ------------------------------------------ */

static int tk_on_key(TickitWindow *win, TickitEventFlags flags, void *info, void *user)
{
	const TickitKeyEventInfo *k = info;
	struct draw_event ev;
	if (k->type == TICKIT_KEYEV_TEXT) {
		ev = (struct draw_event){.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR};
		if (grid_utf8_decode(k->str, strlen(k->str), &ev.cp) == 0 || grid_cp_width(ev.cp) <= 0)
			return 1;
		ev.mods = k->mod & TICKIT_MOD_ALT ? DRAW_MOD_ALT : 0;
	} else if (backend_headless_parse_key(k->str, &ev) != 0) {
		return 1; /* a key we have no name for ("Begin", "KP5") */
	}
	tk_push(user, &ev);
	return 1;
}

static int tk_on_mouse(TickitWindow *win, TickitEventFlags flags, void *info, void *user)
{
	const TickitMouseEventInfo *m = info;
	struct draw_event ev = {.type = DRAW_EV_MOUSE, .button = m->button, .y = m->line, .x = m->col};
	switch (m->type) {
	case TICKIT_MOUSEEV_PRESS: ev.mouse = DRAW_MOUSE_PRESS; break;
	case TICKIT_MOUSEEV_RELEASE: ev.mouse = DRAW_MOUSE_RELEASE; break;
	case TICKIT_MOUSEEV_WHEEL:
		ev.mouse = m->button == TICKIT_MOUSEWHEEL_UP ? DRAW_MOUSE_WHEEL_UP : DRAW_MOUSE_WHEEL_DOWN;
		ev.button = 0;
		break;
	default: return 1; /* drags */
	}
	tk_push(user, &ev);
	return 1;
}

static int tk_on_geom(TickitWindow *win, TickitEventFlags flags, void *info, void *user)
{
	const TickitGeomchangeEventInfo *g = info;
	struct tk *tk = user;
	struct draw_event ev = {.type = DRAW_EV_RESIZE, .rows = g->rect.lines, .cols = g->rect.cols};
	tk->full = true;
	tk_push(tk, &ev);
	return 1;
}

static int tk_on_timer(Tickit *t, TickitEventFlags flags, void *info, void *user)
{
	if (flags & TICKIT_EV_FIRE)
		((struct tk *)user)->fired = true;
	return 0;
}

/* ---- painting ------------------------------------------------------------ */

static TickitPen *tk_pen_for(const struct theme_pen *p)
{
	TickitPen *pen = tickit_pen_new();
	if (!pen)
		return NULL;
	if (p->fg >= 0)
		tickit_pen_set_colour_attr(pen, TICKIT_PEN_FG, p->fg);
	if (p->bg >= 0)
		tickit_pen_set_colour_attr(pen, TICKIT_PEN_BG, p->bg);
	tickit_pen_set_bool_attr(pen, TICKIT_PEN_BOLD, p->attrs & THEME_BOLD);
	tickit_pen_set_int_attr(pen, TICKIT_PEN_UNDER, p->attrs & THEME_UNDERLINE ? 1 : 0);
	tickit_pen_set_bool_attr(pen, TICKIT_PEN_REVERSE, p->attrs & THEME_REVERSE);
	tickit_pen_set_bool_attr(pen, TICKIT_PEN_ITALIC, p->attrs & THEME_ITALIC);
	return pen; /* dim: tickit 0.4 has no such attribute */
}

/* Paints cells [x0, x1) of row y with one pen: the run is one text_at. */
static void tk_run(struct tk *tk, const struct draw *d, TickitRenderBuffer *rb, int y, int x0, int x1)
{
	const struct cell *c = grid_cell(tk->shown, y, x0);
	unsigned role = c->role < ROLE_COUNT ? c->role : ROLE_TEXT_NORMAL;
	TickitPen *extra = NULL;
	size_t n = 0;
	if (c->attrs) {
		struct theme_pen p = d->rt.pen[role];
		p.attrs |= c->attrs;
		extra = tk_pen_for(&p);
	}
	for (int x = x0; x < x1; x++, c++) {
		uint32_t cp = grid_cp_width(c->cp) < 0 ? '?' : c->cp;
		if (c->width == 0)
			continue;
		if (!tk->utf8 && cp >= 0x80)
			cp = grid_ascii_fallback(cp);
		n += grid_utf8_encode(cp, tk->run + n);
	}
	tk->run[n] = '\0';
	tickit_renderbuffer_setpen(rb, extra ? extra : tk->pen[role] ? tk->pen[role] : tk->plain);
	tickit_renderbuffer_text_at(rb, y, x0, tk->run);
	if (extra)
		tickit_pen_unref(extra);
}

static int tk_on_expose(TickitWindow *win, TickitEventFlags flags, void *info, void *user)
{
	TickitExposeEventInfo *e = info;
	struct draw *d = user;
	struct tk *tk = d->impl;
	tickit_renderbuffer_setpen(e->rb, tk->plain);
	tickit_renderbuffer_eraserect(e->rb, &e->rect);
	if (!tk->shown)
		return 1;
	int y1 = e->rect.top + e->rect.lines, x1 = e->rect.left + e->rect.cols;
	for (int y = e->rect.top; y < y1 && y < tk->shown->rows; y++) {
		int x = e->rect.left;
		if (x > 0 && x < tk->shown->cols && grid_cell(tk->shown, y, x)->width == 0)
			x--; /* start at the left half of a wide character */
		while (x < x1 && x < tk->shown->cols) {
			const struct cell *c = grid_cell(tk->shown, y, x);
			int end = x + 1;
			while (end < x1 && end < tk->shown->cols && c[end - x].role == c->role &&
			       c[end - x].attrs == c->attrs && c[end - x].width != 2 && c->width != 2)
				end++;
			if (c->width == 2 && end < tk->shown->cols)
				end++; /* with its right half */
			tk_run(tk, d, e->rb, y, x, end);
			x = end;
		}
	}
	return 1;
}

static void tk_restyle(struct draw *d)
{
	struct tk *tk = d->impl;
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (tk->pen[r])
			tickit_pen_unref(tk->pen[r]);
		tk->pen[r] = tk_pen_for(&d->rt.pen[r]);
	}
	tk->full = true;
}

/* Exposes the changed span of row y of g and copies the row to the screen copy. */
static void tk_diff_row(struct tk *tk, const struct cellgrid *g, int y)
{
	const struct cell *a = grid_cell(g, y, 0), *b = grid_cell(tk->shown, y, 0);
	int x0 = 0, x1 = g->cols;
	if (!tk->full) {
		while (x0 < x1 && memcmp(&a[x0], &b[x0], sizeof *a) == 0)
			x0++;
		while (x1 > x0 && memcmp(&a[x1 - 1], &b[x1 - 1], sizeof *a) == 0)
			x1--;
		if (x0 == x1)
			return;
		x0 -= x0 > 0 && (a[x0].width == 0 || b[x0].width == 0); /* whole wide chars */
		x1 += x1 < g->cols && (a[x1 - 1].width == 2 || b[x1 - 1].width == 2);
	}
	memcpy(tk->shown->cells + (size_t)y * (size_t)g->cols, a, (size_t)g->cols * sizeof *a);
	tickit_window_expose(tk->root, &(TickitRect){.top = y, .left = x0, .lines = 1, .cols = x1 - x0});
}

static int tk_present(struct draw *d, const struct cellgrid *g)
{
	struct tk *tk = d->impl;
	if (!tk->shown || tk->shown->rows != g->rows || tk->shown->cols != g->cols) {
		if (!tk->shown && !(tk->shown = grid_new(g->rows, g->cols)))
			return -1;
		if (grid_resize(tk->shown, g->rows, g->cols) != 0)
			return -1;
		tk->full = true;
	}
	for (int y = 0; y < g->rows; y++)
		tk_diff_row(tk, g, y);
	if (tk->full)
		tickit_window_expose(tk->root, NULL); /* also what lies beyond the grid */
	tk->full = false;
	tickit_window_flush(tk->root);
	return 0;
}

/* ---- the backend ------------------------------------------------------------ */

static void tk_fini(struct draw *d)
{
	struct tk *tk = d->impl;
	if (!tk)
		return;
	if (tk->t) {
		tickit_window_close(tk->root);
		tickit_unref(tk->t); /* restores the terminal */
	}
	for (int r = 0; r < ROLE_COUNT; r++)
		if (tk->pen[r])
			tickit_pen_unref(tk->pen[r]);
	if (tk->plain)
		tickit_pen_unref(tk->plain);
	grid_free(tk->shown);
	free(tk->run);
	tk_signals(tk, false);
	free(tk);
	d->impl = NULL;
}

static int tk_init(struct draw *d, const struct draw_opts *o, struct mm_err *err)
{
	/* What tickit's terminfo driver requires (termdriver-ti.c), or aborts. */
	static const char *const caps[] = {"cup", "cuu", "cud", "cuf", "cub", "ich", "il", "dl", "clear",
					   "csr", "sgr", "sgr0", "setaf", "setab", "cnorm", "civis", NULL};
	if (backend_ncurses_probe(caps, err) != 0)
		return -1;
	struct tk *tk = calloc(1, sizeof *tk);
	if (!tk || !(tk->run = malloc(4 * GRID_MAX_DIM + 1)) || !(tk->plain = tickit_pen_new())) {
		if (tk)
			free(tk->run);
		free(tk);
		return mm_fail_tr(err, "terminal", -1, M_ER_OOM);
	}
	d->impl = tk;
	tk_signal = 0;
	tk_signals(tk, true);
	tk->t = tickit_new_stdtty();
	tk->root = tk->t ? tickit_get_rootwin(tk->t) : NULL;
	if (!tk->root) {
		if (tk->t)
			tickit_unref(tk->t);
		tk->t = NULL;
		tk_fini(d);
		return mm_fail_tr(err, "terminal", -1, M_ER_TK_START);
	}
	tickit_window_bind_event(tk->root, TICKIT_WINDOW_ON_EXPOSE, 0, tk_on_expose, d);
	tickit_window_bind_event(tk->root, TICKIT_WINDOW_ON_KEY, 0, tk_on_key, tk);
	tickit_window_bind_event(tk->root, TICKIT_WINDOW_ON_MOUSE, 0, tk_on_mouse, tk);
	tickit_window_bind_event(tk->root, TICKIT_WINDOW_ON_GEOMCHANGE, 0, tk_on_geom, tk);
	tickit_window_take_focus(tk->root);
	tickit_window_set_cursor_visible(tk->root, false);
	int colors = 0;
	const char *no_color = getenv("NO_COLOR");
	tickit_term_getctl_int(tickit_get_term(tk->t), TICKIT_TERMCTL_COLORS, &colors);
	d->colors = theme_depth(colors, o->no_color || (no_color && *no_color));
	d->utf8 = tk->utf8 = draw_env_utf8();
	tickit_tick(tk->t, TICKIT_RUN_NOHANG); /* enters the alternate screen now */
	return 0;
}

static void tk_size(struct draw *d, int *rows, int *cols)
{
	struct tk *tk = d->impl;
	TickitRect r = tickit_window_get_geometry(tk->root);
	*rows = r.lines;
	*cols = r.cols;
}

static int64_t tk_now_ms(struct draw *d)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs the loop for at most ms, until an event is queued or a signal comes. */
static void tk_wait(struct tk *tk, int ms)
{
	if (ms <= 0) {
		tickit_tick(tk->t, TICKIT_RUN_NOHANG);
		return;
	}
	tk->fired = false;
	void *timer = tickit_watch_timer_after_msec(tk->t, ms, 0, tk_on_timer, tk);
	while (!tk->fired && tk->qlen == 0 && !tk_signal)
		tickit_tick(tk->t, TICKIT_RUN_ONCE);
	if (timer && !tk->fired) /* a fired timer is already freed by tickit */
		tickit_watch_cancel(tk->t, timer);
}

/* Ctrl+Z (see the top): ev becomes a resize with the size of now. */
static void tk_suspend(struct tk *tk, struct draw_event *ev)
{
	TickitTerm *tt = tickit_get_term(tk->t);
	/* the cursor to the last row first, as ncurses' endwin leaves it: the
	 * shell's "Stopped" and its prompt then scroll in below the screen,
	 * not over a row of it wherever the last change was drawn */
	int lines, cols;
	tickit_term_get_size(tt, &lines, &cols);
	tickit_term_goto(tt, lines > 0 ? lines - 1 : 0, 0);
	tickit_term_flush(tt);
	tickit_term_pause(tt);
	backend_term_stop();
	tickit_term_resume(tt);
	tickit_term_refresh_size(tt);
	tk->full = true;
	TickitRect r = tickit_window_get_geometry(tk->root);
	*ev = (struct draw_event){.type = DRAW_EV_RESIZE, .rows = r.lines, .cols = r.cols};
}

static int tk_poll(struct draw *d, struct draw_event *ev, int timeout_ms)
{
	struct tk *tk = d->impl;
	int64_t deadline = timeout_ms < 0 ? -1 : tk_now_ms(d) + timeout_ms;
	bool looked = false;
	for (;;) {
		if (tk->qlen > 0) {
			*ev = tk->q[tk->qhead];
			tk->qhead = (tk->qhead + 1) % TK_QUEUE;
			tk->qlen--;
			if (ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_CHAR && ev->cp == 'z' && ev->mods == DRAW_MOD_CTRL)
				tk_suspend(tk, ev);
			return 1;
		}
		if (tk_signal || tk->closed) {
			int sig = tk_signal;
			tk_signal = 0;
			tk->closed = tk->closed || sig != SIGINT;
			*ev = tk->closed ? (struct draw_event){.type = DRAW_EV_CLOSED}
					 : (struct draw_event){.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR,
							       .cp = 'c', .mods = DRAW_MOD_CTRL};
			return 1;
		}
		int64_t left = deadline < 0 ? 200 : deadline - tk_now_ms(d);
		if (left <= 0 && looked) {
			ev->type = DRAW_EV_TIMEOUT;
			return 0;
		}
		tk_wait(tk, left > 200 ? 200 : (int)(left > 0 ? left : 0));
		looked = true;
	}
}

/* Input waiting: queued already, or readable now (one look, no wait). */
static bool tk_pending(struct draw *d)
{
	struct tk *tk = d->impl;
	if (tk->qlen == 0 && !tk_signal && !tk->closed)
		tickit_tick(tk->t, TICKIT_RUN_NOHANG);
	return tk->qlen > 0 || tk_signal || tk->closed; /* poll returns those at once too (Ctrl+C is a signal) */
}

const struct draw_ops backend_tickit = {
	.name = "tickit",
	.init = tk_init,
	.fini = tk_fini,
	.size = tk_size,
	.present = tk_present,
	.poll = tk_poll,
	.pending = tk_pending,
	.now_ms = tk_now_ms,
	.restyle = tk_restyle,
};
