/*
 * backend_ncurses.c — the default backend: ncursesw presents the grid and
 * reads keys, mouse and resizes.
 *
 * Why it is built this way.  ncurses keeps its own copy of the screen and
 * sends only what changed, so present() simply writes every cell of the
 * grid (setcchar + mvwadd_wch) and lets doupdate() diff; a frame of a still
 * screen costs a few bytes.  The pitfalls of ncurses on Debian 12 decide the
 * rest:
 *   - newterm, never initscr (which exit()s), and only after a terminfo
 *     probe: TERM=dumb makes newterm "succeed" and draw garbage, so a
 *     terminal without cursor addressing is refused with an error value;
 *   - get_wch, not getch (UTF-8 keys), raw + nonl (Ctrl+C and Enter arrive
 *     as keys), set_escdelay(25) so Esc is quick;
 *   - colours only when has_colors() and NO_COLOR is unset or empty, pairs
 *     from alloc_pair (one per role, made when the theme changes);
 *   - polls are cut into slices of at most 100 ms measured on a monotonic
 *     clock, so a signal flag is seen soon and ticks do not stall while keys
 *     are pressed; a run of instant errors means the terminal is gone;
 *   - pending() peeks with a zero timeout and puts the key back (unget_wch,
 *     ungetch), so the app can read a whole paste before it draws.
 *   - the mouse speaks SGR (xterm's mode 1006: "\e[<b;x;yM", press M,
 *     release m): asked for by the backend itself, since ncurses asks for
 *     it only when the terminfo entry says so (not for tmux's "screen"),
 *     and read by the backend (the prefix "\e[<" is a key of its own,
 *     define_key), so clicks and the wheel work at any column, inside tmux
 *     too;
 *   - Ctrl+Z suspends as a shell expects (raw mode delivers it as a key):
 *     the terminal is given back, the process stops, and on `fg` the
 *     screen is drawn anew (a resize event, the size may have changed).
 * ncurses has one screen per process, so this backend refuses a second
 * open; that flag and the signal flag are the only globals (ncurses and
 * signals force them).  SIGINT/SIGTERM/SIGHUP handlers are installed before
 * newterm so ncurses does not install its own exit()ing ones.
 */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "cellgrid.h"
#include "draw.h"

struct nc {
	SCREEN *scr;
	int pair[ROLE_COUNT];
	int early; /* consecutive polls that failed at once */
	bool closed;
	struct sigaction old[3];
};

static const int nc_signums[3] = {SIGINT, SIGTERM, SIGHUP};
#define NC_KEY_SGR (KEY_MAX + 1) /* "\e[<": an SGR mouse report follows */
#define NC_SGR_ON "\033[?1006h"
#define NC_SGR_OFF "\033[?1006l"

/* Writes an escape sequence to the terminal beside ncurses' own output. */
static void nc_raw(const char *seq)
{
	fflush(stdout);
	if (write(STDOUT_FILENO, seq, strlen(seq)) < 0) {
		/* the terminal is gone: the next poll sees it */
	}
}
static volatile sig_atomic_t nc_signal; /* last signal caught */
static bool nc_is_open;			/* ncurses: one screen per process */

static void nc_on_signal(int sig)
{
	nc_signal = sig;
}

int backend_ncurses_probe(const char *const *caps, struct mm_err *err)
{
	const char *term = getenv("TERM");
	int e = 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return mm_fail_tr(err, "terminal", -1, M_ER_NOT_TTY);
	if (!term || !*term)
		return mm_fail_tr(err, "terminal", -1, M_ER_TERM_UNSET);
	if (setupterm(term, STDOUT_FILENO, &e) != OK)
		return e == 0 ? mm_fail_tr(err, "terminal", -1, M_ER_TERM_UNKNOWN, term)
			      : mm_fail_tr(err, "terminal", -1, M_ER_TERM_NO_DB, term);
	const char *missing = NULL;
	for (int i = 0; caps[i] && !missing; i++) {
		char *s = tigetstr(caps[i]);
		if (s == NULL || s == (char *)-1)
			missing = caps[i];
	}
	del_curterm(cur_term);
	if (missing)
		return mm_fail_tr(err, "terminal", -1, M_ER_TERM_LACKS, term, missing);
	return 0;
}

static void nc_signals(struct nc *nc, bool install)
{
	for (int i = 0; i < 3; i++) {
		if (install) {
			struct sigaction sa;
			memset(&sa, 0, sizeof sa);
			sa.sa_handler = nc_on_signal; /* no SA_RESTART: waits return early */
			sigemptyset(&sa.sa_mask);
			sigaction(nc_signums[i], &sa, &nc->old[i]);
		} else {
			sigaction(nc_signums[i], &nc->old[i], NULL);
		}
	}
}

static int nc_init(struct draw *d, const struct draw_opts *o, struct mm_err *err)
{
	static const char *const caps[] = {"cup", "clear", NULL};
	if (nc_is_open)
		return mm_fail_tr(err, "terminal", -1, M_ER_NC_OPEN);
	if (backend_ncurses_probe(caps, err) != 0)
		return -1;
	struct nc *nc = calloc(1, sizeof *nc);
	if (!nc)
		return mm_fail_tr(err, "terminal", -1, M_ER_OOM);
	const char *ctype = setlocale(LC_CTYPE, NULL);
	if (!ctype || !strcmp(ctype, "C") || !strcmp(ctype, "POSIX"))
		setlocale(LC_CTYPE, ""); /* ncursesw needs it for any non-ASCII cell */
	d->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	nc_signal = 0;
	nc_signals(nc, true);
	nc->scr = newterm(NULL, stdout, stdin);
	if (!nc->scr) {
		nc_signals(nc, false);
		free(nc);
		return mm_fail_tr(err, "terminal", -1, M_ER_NC_START);
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	const char *no_color = getenv("NO_COLOR");
	bool colour = has_colors() && !o->no_color && !(no_color && *no_color);
	if (colour && start_color() == OK)
		use_default_colors();
	d->colors = theme_depth(colour ? COLORS : 0, !colour);
	mousemask(ALL_MOUSE_EVENTS, NULL);
	mouseinterval(0);
	define_key("\033[<", NC_KEY_SGR);
	nc_raw(NC_SGR_ON);
	d->impl = nc;
	nc_is_open = true;
	return 0;
}

static void nc_fini(struct draw *d)
{
	struct nc *nc = d->impl;
	if (!nc)
		return;
	nc_raw(NC_SGR_OFF);
	endwin();
	delscreen(nc->scr);
	nc_signals(nc, false);
	free(nc);
	d->impl = NULL;
	nc_is_open = false;
}

static void nc_restyle(struct draw *d)
{
	struct nc *nc = d->impl;
	if (d->colors > 0)
		reset_color_pairs();
	for (int r = 0; r < ROLE_COUNT; r++) {
		int p = d->colors > 0 ? alloc_pair(d->rt.pen[r].fg, d->rt.pen[r].bg) : 0;
		nc->pair[r] = p > 0 ? p : 0;
	}
}

static void nc_size(struct draw *d, int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

static attr_t nc_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
	return r;
}

static void nc_put(struct draw *d, int y, int x, const struct cell *c)
{
	struct nc *nc = d->impl;
	unsigned role = c->role < ROLE_COUNT ? c->role : ROLE_TEXT_NORMAL;
	uint32_t cp = grid_cp_width(c->cp) < 0 ? '?' : c->cp;
	if (!d->utf8 && cp >= 0x80)
		cp = grid_ascii_fallback(cp);
	wchar_t wc[2] = {(wchar_t)cp, 0};
	cchar_t cc;
	int pair = nc->pair[role];
	setcchar(&cc, wc, nc_attrs(d->rt.pen[role].attrs | c->attrs), 0, &pair);
	mvwadd_wch(stdscr, y, x, &cc); /* ERR at the bottom-right corner is harmless */
}

static int nc_present(struct draw *d, const struct cellgrid *g)
{
	static const struct cell blank = {' ', ROLE_TEXT_NORMAL, 0, 1};
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	for (int y = 0; y < rows; y++) {
		for (int x = 0; x < cols; x++) {
			const struct cell *c = y < g->rows && x < g->cols ? grid_cell(g, y, x) : &blank;
			if (c->width == 0)
				continue;
			if (c->width == 2 && x + 1 >= cols)
				c = &blank; /* half a wide character would not fit */
			nc_put(d, y, x, c);
		}
	}
	wnoutrefresh(stdscr);
	return doupdate() == OK ? 0 : -1;
}

static int64_t nc_now_ms(struct draw *d)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int nc_mouse(struct draw_event *ev)
{
	static const struct {
		mmask_t mask;
		enum draw_mouse kind;
		int button;
	} map[] = {{BUTTON1_PRESSED, DRAW_MOUSE_PRESS, 1},    {BUTTON1_RELEASED, DRAW_MOUSE_RELEASE, 1},
		   {BUTTON2_PRESSED, DRAW_MOUSE_PRESS, 2},    {BUTTON2_RELEASED, DRAW_MOUSE_RELEASE, 2},
		   {BUTTON3_PRESSED, DRAW_MOUSE_PRESS, 3},    {BUTTON3_RELEASED, DRAW_MOUSE_RELEASE, 3},
		   {BUTTON4_PRESSED, DRAW_MOUSE_WHEEL_UP, 0}, {BUTTON5_PRESSED, DRAW_MOUSE_WHEEL_DOWN, 0}};
	MEVENT me;
	if (getmouse(&me) != OK)
		return 0;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (me.bstate & map[i].mask) {
			*ev = (struct draw_event){.type = DRAW_EV_MOUSE, .mouse = map[i].kind,
						  .button = map[i].button, .y = me.y, .x = me.x};
			return 1;
		}
	}
	return 0;
}

/* An SGR mouse report after its "\e[<": "b;x;y" and M (press) or m
 * (release), x and y from 1.  b: 0-2 the buttons, +32 a drag, 64 / 65
 * the wheel, +4 +8 +16 shift, alt, ctrl.  0 for what we ignore. */
static int nc_sgr(struct draw_event *ev)
{
	int v[3] = {0, 0, 0}, n = 0;
	wint_t c = 0;
	wtimeout(stdscr, 50);
	for (int i = 0; i < 24; i++) {
		if (wget_wch(stdscr, &c) != OK)
			return 0;
		if (c >= '0' && c <= '9' && v[n] < 100000)
			v[n] = v[n] * 10 + (int)(c - '0');
		else if (c == ';' && n < 2)
			n++;
		else
			break;
	}
	if (n != 2 || (c != 'M' && c != 'm') || v[1] < 1 || v[2] < 1)
		return 0;
	int b = v[0] & ~(4 | 8 | 16);
	*ev = (struct draw_event){.type = DRAW_EV_MOUSE, .y = v[2] - 1, .x = v[1] - 1};
	if (b & 32) /* drags */
		return 0;
	if (b == 64 || b == 65) {
		ev->mouse = b == 64 ? DRAW_MOUSE_WHEEL_UP : DRAW_MOUSE_WHEEL_DOWN;
		return c == 'M';
	}
	if (b > 2)
		return 0;
	ev->mouse = c == 'M' ? DRAW_MOUSE_PRESS : DRAW_MOUSE_RELEASE;
	ev->button = b + 1;
	return 1;
}

/* A function key (get_wch returned KEY_CODE_YES); 0 for keys we ignore. */
static int nc_keycode(wint_t k, struct draw_event *ev)
{
	static const struct {
		int code;
		enum draw_key key;
		unsigned mods;
	} map[] = {
		{KEY_UP, DRAW_KEY_UP, 0},	  {KEY_DOWN, DRAW_KEY_DOWN, 0},
		{KEY_LEFT, DRAW_KEY_LEFT, 0},	  {KEY_RIGHT, DRAW_KEY_RIGHT, 0},
		{KEY_SR, DRAW_KEY_UP, DRAW_MOD_SHIFT}, {KEY_SF, DRAW_KEY_DOWN, DRAW_MOD_SHIFT},
		{KEY_SLEFT, DRAW_KEY_LEFT, DRAW_MOD_SHIFT}, {KEY_SRIGHT, DRAW_KEY_RIGHT, DRAW_MOD_SHIFT},
		{KEY_HOME, DRAW_KEY_HOME, 0},	  {KEY_END, DRAW_KEY_END, 0},
		{KEY_PPAGE, DRAW_KEY_PGUP, 0},	  {KEY_NPAGE, DRAW_KEY_PGDN, 0},
		{KEY_DC, DRAW_KEY_DELETE, 0},	  {KEY_IC, DRAW_KEY_INSERT, 0},
		{KEY_BACKSPACE, DRAW_KEY_BACKSPACE, 0}, {KEY_BTAB, DRAW_KEY_BACKTAB, 0},
		{KEY_ENTER, DRAW_KEY_ENTER, 0},
	};
	if (k == KEY_RESIZE) {
		ev->type = DRAW_EV_RESIZE;
		getmaxyx(stdscr, ev->rows, ev->cols);
		return 1;
	}
	if (k == KEY_MOUSE)
		return nc_mouse(ev);
	if (k == NC_KEY_SGR)
		return nc_sgr(ev);
	ev->type = DRAW_EV_KEY;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if ((int)k == map[i].code) {
			ev->key = map[i].key;
			ev->mods = map[i].mods;
			return 1;
		}
	}
	if ((int)k >= KEY_F(1) && (int)k <= KEY_F(24)) {
		int n = (int)k - KEY_F(1); /* xterm: F13..F24 are Shift+F1..F12 */
		ev->key = (enum draw_key)(DRAW_KEY_F1 + n % 12);
		ev->mods = n >= 12 ? DRAW_MOD_SHIFT : 0;
		return 1;
	}
	return 0;
}

/* Esc, or Alt+key when another character is already waiting. */
static int nc_escape(struct draw_event *ev)
{
	wint_t next;
	wtimeout(stdscr, 0);
	int r = wget_wch(stdscr, &next);
	if (r == OK && next >= 0x20 && next != 0x7f && !(next >= 0x80 && next < 0xa0)) {
		*ev = (struct draw_event){.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = next,
					  .mods = DRAW_MOD_ALT};
		return 1;
	}
	if (r == OK)
		unget_wch((wchar_t)next);
	else if (r == KEY_CODE_YES)
		ungetch((int)next);
	*ev = (struct draw_event){.type = DRAW_EV_KEY, .key = DRAW_KEY_ESC};
	return 1;
}

/* A character (get_wch returned OK); 0 for characters we ignore. */
static int nc_char(wint_t c, struct draw_event *ev)
{
	*ev = (struct draw_event){.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = c};
	switch (c) {
	case '\r':
	case '\n': ev->key = DRAW_KEY_ENTER; return 1;
	case '\t': ev->key = DRAW_KEY_TAB; return 1;
	case 8:
	case 0x7f: ev->key = DRAW_KEY_BACKSPACE; return 1;
	case 27: return nc_escape(ev);
	default: break;
	}
	if (c >= 1 && c <= 26) {
		ev->cp = 'a' + c - 1;
		ev->mods = DRAW_MOD_CTRL;
		return 1;
	}
	return grid_cp_width(c) > 0; /* other controls, combining marks: ignored */
}

/* A pending signal as an event: SIGINT is Ctrl+C (as raw mode delivers it
 * from the keyboard), SIGTERM and SIGHUP close. */
static int nc_signal_event(struct nc *nc, struct draw_event *ev)
{
	int sig = nc_signal;
	nc_signal = 0;
	if (sig == SIGINT && !nc->closed)
		*ev = (struct draw_event){.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = 'c',
					  .mods = DRAW_MOD_CTRL};
	else
		*ev = (struct draw_event){.type = DRAW_EV_CLOSED};
	nc->closed = nc->closed || sig != SIGINT;
	return 1;
}

static bool nc_hangup(void)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	return poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

void backend_term_stop(void)
{
	struct sigaction dfl, old;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	kill(getpid(), SIGTSTP); /* stops here until `fg` */
	sigaction(SIGTSTP, &old, NULL);
}

/* Ctrl+Z: the terminal back to the shell, the process stopped
 * (backend_term_stop), and on SIGCONT the screen drawn anew: the event
 * returned is a resize. */
static void nc_suspend(struct draw_event *ev)
{
	nc_raw(NC_SGR_OFF);
	endwin();
	backend_term_stop();
	nc_raw(NC_SGR_ON);
	clearok(curscr, TRUE);
	refresh();
	*ev = (struct draw_event){.type = DRAW_EV_RESIZE};
	getmaxyx(stdscr, ev->rows, ev->cols);
}

static int nc_poll(struct draw *d, struct draw_event *ev, int timeout_ms)
{
	struct nc *nc = d->impl;
	int64_t deadline = timeout_ms < 0 ? -1 : nc_now_ms(d) + timeout_ms;
	for (;;) {
		if (nc_signal || nc->closed)
			return nc_signal_event(nc, ev);
		int64_t now = nc_now_ms(d);
		int slice = deadline < 0 || deadline - now > 100 ? 100 : (int)(deadline > now ? deadline - now : 0);
		wint_t wch;
		wtimeout(stdscr, slice);
		int r = wget_wch(stdscr, &wch);
		if (r == OK ? nc_char(wch, ev) : r == KEY_CODE_YES ? nc_keycode(wch, ev) : 0) {
			nc->early = 0;
			if (ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_CHAR && ev->cp == 'z' &&
			    ev->mods == DRAW_MOD_CTRL)
				nc_suspend(ev);
			return 1;
		}
		int64_t after = nc_now_ms(d);
		if (r == ERR && slice >= 20 && after - now < slice / 2 && !nc_signal) {
			if (++nc->early >= 5 || nc_hangup())
				nc->closed = true; /* the terminal has gone */
		} else if (r != ERR) {
			nc->early = 0;
		}
		if (deadline >= 0 && after >= deadline && !nc->closed && !nc_signal) {
			ev->type = DRAW_EV_TIMEOUT;
			return 0;
		}
	}
}

/* Input waiting: a key ncurses holds already or one readable now, looked
 * at without waiting and put back, as nc_escape puts back what follows an
 * Esc. A signal or a closed terminal is an event poll returns at once. */
static bool nc_pending(struct draw *d)
{
	struct nc *nc = d->impl;
	if (nc_signal || nc->closed)
		return true;
	wint_t wch;
	wtimeout(stdscr, 0);
	int r = wget_wch(stdscr, &wch);
	if (r == OK)
		unget_wch((wchar_t)wch);
	else if (r == KEY_CODE_YES)
		ungetch((int)wch);
	return r != ERR;
}

const struct draw_ops backend_ncurses = {
	.name = "ncurses",
	.init = nc_init,
	.fini = nc_fini,
	.size = nc_size,
	.present = nc_present,
	.poll = nc_poll,
	.pending = nc_pending,
	.now_ms = nc_now_ms,
	.restyle = nc_restyle,
};
