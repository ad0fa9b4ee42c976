/*
 * app.c — the interactive program: event -> action -> reaction flags ->
 * compose -> present.
 *
 * One struct app holds the session, the scenario, the player (the step
 * cursor), the view the panes share, the command line and the screen.  The
 * loop composes a frame only when something was damaged (a key that did
 * something, a playback beat, a resize), and not while keys for the command
 * line are waiting: those that arrive together (a paste) are all read
 * before one frame is drawn, with a frame at least every APP_FRAME_MAX_MS
 * while they keep coming (docs/tui.md TUI-ROBUST).  ncurses then sends only
 * the cells that changed.  Playback beats come from the poll timeout: the deadline is
 * the time of the last beat plus player_beat_ms, measured on the backend's
 * monotonic clock (virtual in the headless backend, so scripted runs are
 * deterministic).  A beat moves one shown position: a micro-step, or a
 * whole summary step of a huge command (docs/tui.md TUI-SUMMARY), so no
 * beat holds the screen longer than the speed chosen; at a step's first
 * position the beat is longer by its reading time, which the status line
 * counts down (a frame each second) and space cuts short.  A typed
 * command is announced ("running ...") in a frame of its own before it
 * runs, since a huge one takes seconds; keys typed while it runs are kept
 * and handled after it, in order, unless Esc or Ctrl+C stops it
 * (wants_interrupt, next_event).
 *
 * app_screen is the same composition without a terminal: the headless
 * backend, STEP scenario steps played to their end, one frame printed.
 */
#include "app.h"

#include "ask.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>

#include "cellgrid.h"
#include "cmdline.h"
#include "draw.h"
#include "keymap.h"
#include "layout.h"
#include "mm.h"
#include "pane.h"
#include "player.h"
#include "scenario.h"
#include "session.h"
#include "snapshot.h"
#include "msg.h"
#include "screen_quiz.h"

static const struct pane_class *const panes[PANE_COUNT] = {
	[PANE_VAS] = &pane_vas_class,
	[PANE_XLATE] = &pane_xlate_class,
	[PANE_PHYS] = &pane_phys_class,
	[PANE_NARR] = &pane_narr_class,
};

static const char *const pane_keys[2][4] = {
	{
		MSG_EN(PK_ZOOM_IN), MSG_EN(PK_SELECT), MSG_EN(PK_PREV_NEXT), MSG_EN(PK_FORGET),
	},
	{
		MSG_DE(PK_ZOOM_IN), MSG_DE(PK_SELECT), MSG_DE(PK_PREV_NEXT), MSG_DE(PK_FORGET),
	},
};

/* While input keeps arriving, a frame at least this often (ms). */
#define APP_FRAME_MAX_MS 100
/* Keys typed while a command runs, kept for after it (docs/tui.md
 * TUI-ROBUST): a line or two typed ahead, and a paste's first half KB. */
#define APP_AHEAD_MAX 512

struct app {
	struct session *s;
	struct scenario *sc;
	struct player *pl;
	struct tui_view view;
	struct cmdline cl;
	struct cellgrid *g;
	struct layout lay;
	struct draw *d; /* NULL when composing without a backend */
	bool help;
	bool quit;
	char msg[256];
	unsigned msg_role;
	const char *notice;
	int last_step;	/* for resetting the narration scroll */
	int focus_step; /* the step whose focus was applied last */
	int64_t last_beat;
	int64_t last_frame; /* when a frame was last presented */
	int shown_secs;	    /* the reading countdown last drawn (s), -1 none */
	const char *running; /* the typed line being run (run_typed), NULL */
	/* keys typed while it ran, oldest first from ahead_head: a ring of
	 * ahead_n events that the loop takes before the terminal's */
	struct draw_event ahead[APP_AHEAD_MAX];
	int ahead_head, ahead_n;
	unsigned spin;	     /* on_progress's turns, for its spinner */
	/* the quiz (docs/tui.md TUI-QUIZ): its problems' machines stand in for
	 * the home machine, which comes back when the quiz ends */
	struct screen_quiz *quiz;
	struct session *home_s;
	struct scenario *home_sc;
	struct player *home_pl;
	bool quiz_only;	     /* --quiz: ending the quiz quits */
	uint64_t seed;	     /* the machine's seed: the key Q's quiz repeats with it */
	char quiz_score[96]; /* the score, printed when --quiz's TUI has closed */
};

/* ---- set-up ------------------------------------------------------------------ */

static void compose(struct app *a);
static void run_typed(struct app *a, const char *line);

/* The session's screen for `snapshot FILE` (session.h session_screen_fn):
 * the panes as they are, composed afresh without the "running ..." line
 * the command itself put in the status line. */
static int screen_writer(void *ctx, const char *path, FILE *out)
{
	struct app *a = ctx;
	int f = snap_format_of_path(path);
	if (f < 0)
		return -2;
	if (!out)
		return 0;
	if (!a->g || !a->d)
		return -1;
	char msg[sizeof a->msg];
	const char *running = a->running;
	memcpy(msg, a->msg, sizeof msg);
	a->msg[0] = '\0';
	a->running = NULL;
	compose(a);
	memcpy(a->msg, msg, sizeof msg);
	a->running = running;
	return snapshot_write(a->g, &a->d->rt, (enum snap_format)f, out);
}

/* S: the screen to the next free mmviz-NNN.html in the working directory,
 * as the typed command `snapshot` writes it (one set of file rules). */
static void snapshot_key(struct app *a)
{
	char name[32];
	for (int i = 1; i <= 999; i++) {
		struct stat st;
		snprintf(name, sizeof name, "mmviz-%03d.html", i);
		if (lstat(name, &st) != 0 && errno == ENOENT) {
			char line[48];
			snprintf(line, sizeof line, "snapshot %s", name);
			run_typed(a, line);
			return;
		}
	}
	snprintf(a->msg, sizeof a->msg, a->view.lang ? "mmviz-001.html bis mmviz-999.html gibt es schon"
						     : "mmviz-001.html to mmviz-999.html all exist");
	a->msg_role = ROLE_TEXT_ERROR;
}

static int quiz_start(struct app *a, const char *topic, uint64_t seed, int count, char *err, size_t n);
static void quiz_end(struct app *a);

static int app_open(struct app *a, const struct app_opts *o, char *err, size_t n)
{
	memset(a, 0, sizeof *a);
	struct mm_config cfg = o->cfg;
	if (!o->free_play && !o->quiz) {
		struct scn_err serr;
		if (scenario_open(o->scenario ? o->scenario : "tour", &a->sc, &serr) < 0) {
			snprintf(err, n, "%s", scn_err_text(&serr, o->cfg.lang));
			return -1;
		}
		struct scn_machine over = {o->cfg, o->given};
		char notice[256] = "";
		scenario_machine(a->sc, &over, &cfg, notice, sizeof notice);
		cfg.lang = o->cfg.lang; /* not a machine setting: the option's */
		if (notice[0])
			snprintf(a->msg, sizeof a->msg, MSG(cfg.lang, ST_NOTE), notice);
		a->msg_role = ROLE_TEXT_KEY;
	}
	struct mm_err merr;
	a->s = session_new(&cfg, &merr);
	if (!a->s) {
		snprintf(err, n, "%s", mm_err_text(&merr, cfg.lang));
		scenario_free(a->sc);
		return -1;
	}
	a->pl = player_new(a->s, a->sc, cfg.lang);
	if (!a->pl) {
		snprintf(err, n, "out of memory");
		session_free(a->s);
		scenario_free(a->sc);
		return -1;
	}
	if (o->group_given)
		player_set_group_min(a->pl, o->group);
	player_set_questions(a->pl, !o->no_questions); /* docs/tui.md TUI-ASK */
	a->shown_secs = -1;
	session_set_screen(a->s, screen_writer, a);
	cmdline_init(&a->cl, a->s);
	view_init(&a->view, a->pl);
	a->last_step = -1;
	a->focus_step = -1;
	if (o->quiz && quiz_start(a, o->quiz_topic, o->cfg.seed, o->quiz_count, err, n) < 0) {
		view_fini(&a->view);
		cmdline_fini(&a->cl);
		player_free(a->pl);
		session_free(a->s);
		return -1;
	}
	a->quiz_only = o->quiz;
	a->seed = o->cfg.seed;
	return 0;
}

static void app_close(struct app *a)
{
	if (a->quiz)
		quiz_end(a);
	view_fini(&a->view);
	cmdline_fini(&a->cl);
	player_free(a->pl);
	session_free(a->s);
	scenario_free(a->sc);
	grid_free(a->g);
}

/* ---- compose ---------------------------------------------------------------- */

/* The reading time left at the cursor while playing (ms), 0 when none:
 * the beat's time still to run, while the position has reading time. */
static int reading_left(const struct app *a)
{
	if (!a->d || !player_playing(a->pl) || player_read_ms(a->pl) <= 0)
		return 0;
	int64_t left = a->last_beat + player_beat_ms(a->pl) - draw_now_ms(a->d);
	return left > 0 ? (int)left : 0;
}

/* The right part of the status line: where the cursor is (the same
 * counts as the narration's header, player_shown), the scenario step,
 * playing or paused or the reading countdown, the speed. */
static void status_right(struct app *a, char *b, size_t size)
{
	bool de = a->view.lang != 0;
	int cur = player_cur(a->pl);
	const struct player_rec *rec = player_rec(a->pl, cur);
	int n = 0;
	uint64_t done, total;
	char d1[32], d2[32];
	player_shown(a->pl, &done, &total);
	if (!rec && a->sc) /* the start screen (Home): before step 1, so the steps in all */
		n = snprintf(b, size, MSG(de, ST_START_STEPS), a->sc->nsteps);
	else if (!rec)
		n = snprintf(b, size, MSG(de, ST_START));
	else if (rec->ev_end == rec->ev_begin)
		n = snprintf(b, size, MSG(de, ST_CMD), cur + 1);
	else
		n = snprintf(b, size, MSG(de, ST_CMD_AT), cur + 1,
			     rec->ngroups ? MSG(de, ST_PART) : MSG(de, ST_MICRO), stepgroup_num(done, de, d1),
			     stepgroup_num(total, de, d2));
	if (a->sc && rec)
		n += snprintf(b + n, size - (size_t)n, MSG(de, ST_STEP), player_step_at_cursor(a->pl) + 1,
			      a->sc->nsteps);
	int right, put;
	player_score(a->pl, &right, &put);
	if (a->quiz) { /* the whole quiz's score (TUI-QUIZ) */
		screen_quiz_score(a->quiz, a->pl, &right, &put);
		n += snprintf(b + n, size - (size_t)n, MSG(de, QZ_STATUS), right, put);
	} else if (put) /* the questions answered right of those put (TUI-ASK) */
		n += snprintf(b + n, size - (size_t)n, de ? "  Fragen %d/%d richtig" : "  asked %d/%d right", right, put);
	int left = reading_left(a);
	if (ask_open(&a->view))
		snprintf(b + n, size - (size_t)n, "%s", MSG(de, ST_QUESTION));
	else if (left > 0)
		snprintf(b + n, size - (size_t)n, MSG(de, ST_READING), (left + 999) / 1000);
	else if (player_playing(a->pl))
		snprintf(b + n, size - (size_t)n, MSG(de, ST_PLAYING), player_delay_ms(a->pl));
	else
		snprintf(b + n, size - (size_t)n, MSG(de, ST_PAUSED), player_delay_ms(a->pl));
}

static void draw_status(struct app *a)
{
	struct grid_rect r = a->lay.status;
	struct cellgrid *g = a->g;
	grid_fill(g, r, ROLE_UI_STATUS, ' ');
	char b[256];
	int x = grid_text_at(g, r.y, r.x + 1, ROLE_UI_STATUS | GRID_BOLD, "mmviz");
	x += 3;
	const char *title = a->sc ? scn_text_get(&a->sc->title, a->view.lang) : MSG(a->view.lang, ST_FREE_PLAY);
	/* the right part first: it must always be visible */
	status_right(a, b, sizeof b);
	int rw = grid_text_width(b);
	int rx = r.w - rw;
	if (rx < x + 8) /* narrow: drop the title */
		rx = x;
	int room = rx - x - 1 > 0 ? rx - x - 1 : 0;
	grid_push_clip(g, (struct grid_rect){r.y, x, 1, room});
	if (grid_text_width(title) <= room) {
		grid_text_at(g, 0, 0, ROLE_UI_STATUS, title);
	} else if (room > 1) { /* cut after a whole word, and say so: "…" */
		char t[256];
		size_t cut = 0;
		for (size_t i = 0; title[i] && i < sizeof t - 4; i++) {
			if (title[i] != ' ')
				continue;
			snprintf(t, sizeof t, "%.*s", (int)i, title);
			if (grid_text_width(t) + 1 > room)
				break;
			cut = i;
		}
		snprintf(t, sizeof t, "%.*s\u2026", (int)cut, title);
		grid_text_at(g, 0, 0, ROLE_UI_STATUS, t);
	}
	grid_pop_clip(g);
	grid_text_at(g, r.y, rx, ROLE_UI_STATUS | GRID_BOLD, b);
}

static void draw_bottom(struct app *a)
{
	struct grid_rect r = a->lay.cmdline;
	struct cellgrid *g = a->g;
	if (ask_open(&a->view) && !a->cl.active) { /* the answer line (TUI-ASK) */
		ask_draw_line(&a->view, g, r.y, r.x, r.w);
		return;
	}
	if (a->cl.active) {
		cmdline_draw(&a->cl, g, r.y, r.x, r.w);
		if (a->cl.hint[0] && r.y > 0) { /* candidates on the row above */
			grid_fill(g, (struct grid_rect){r.y - 1, r.x, 1, r.w}, ROLE_UI_STATUS, ' ');
			grid_text_at(g, r.y - 1, r.x + 1, ROLE_UI_STATUS, a->cl.hint);
		}
		return;
	}
	if (a->quiz && player_at_end(a->pl)) { /* the question has played: what next (TUI-QUIZ), after the verdict */
		int right, put, x = r.x;
		char b[160];
		screen_quiz_score(a->quiz, a->pl, &right, &put);
		snprintf(b, sizeof b, MSG(a->view.lang, QZ_NEXT), right, put);
		if (a->msg[0] && grid_text_width(a->msg) + 3 + grid_text_width(b) <= r.w)
			x += grid_text_at(g, r.y, r.x, a->msg_role, a->msg) + 3;
		grid_text_at(g, r.y, x, ROLE_TEXT_KEY, b);
		return;
	}
	if (a->msg[0]) {
		grid_text_at(g, r.y, r.x, a->msg_role, a->msg);
		return;
	}
	/* an inspection's output the narration could not show whole: O first (TUI-OUTPUT) */
	bool more = a->view.narr.out_main && a->view.scr.id != SCREEN_OUTPUT;
	keymap_draw_hints_first(g, r.y, r.x, r.w, a->view.lang, more ? ACT_SCR_OUTPUT : ACT_NONE, player_playing(a->pl));
}

/* ---- type-ahead (docs/tui.md TUI-ROBUST) ---------------------------------------- */

/* Keeps a key typed while a command runs; false when the ring is full. */
static bool ahead_put(struct app *a, const struct draw_event *ev)
{
	if (a->ahead_n >= APP_AHEAD_MAX)
		return false;
	a->ahead[(a->ahead_head + a->ahead_n++) % APP_AHEAD_MAX] = *ev;
	return true;
}

/* The oldest key kept into *ev; false when none is. */
static bool ahead_take(struct app *a, struct draw_event *ev)
{
	if (a->ahead_n == 0)
		return false;
	*ev = a->ahead[a->ahead_head];
	a->ahead_head = (a->ahead_head + 1) % APP_AHEAD_MAX;
	a->ahead_n--;
	return true;
}

/* Is input waiting: a key kept, or one the terminal has? */
static bool input_waiting(struct app *a)
{
	return a->ahead_n > 0 || draw_pending(a->d);
}

/* The next event: the keys kept first, in the order typed, then the
 * terminal's (draw_poll's contract). */
static int next_event(struct app *a, struct draw_event *ev, int timeout_ms)
{
	return ahead_take(a, ev) ? 1 : draw_poll(a->d, ev, timeout_ms);
}

/* While a typed command runs, the keys waiting are read: Esc or Ctrl+C
 * (or the terminal going away) stops it, and the keys typed before the
 * stop are dropped, as a terminal's Ctrl+C discards what was typed ahead.
 * Any other key is kept for after the command (ahead_put), in order; a
 * mouse event is dropped (it points at a screen the command changes), a
 * resize is taken up after the command (run_typed).  When APP_AHEAD_MAX
 * keys are kept, the rest wait in the terminal unread.  True: stop it. */
static bool wants_interrupt(struct app *a)
{
	struct draw_event ev;
	while (a->running && a->ahead_n < APP_AHEAD_MAX && draw_pending(a->d) && draw_poll(a->d, &ev, 0) > 0) {
		if (ev.type == DRAW_EV_CLOSED) {
			a->quit = true;
			return true;
		}
		if (ev.type != DRAW_EV_KEY)
			continue;
		if (ev.key == DRAW_KEY_ESC || (ev.key == DRAW_KEY_CHAR && ev.cp == 'c' && (ev.mods & DRAW_MOD_CTRL))) {
			a->ahead_n = 0;
			return true;
		}
		ahead_put(a, &ev);
	}
	return false;
}

/* mm_set_progress: a long command (or the replay of one) is under way.
 * Only the bottom line of the frame on screen is redrawn: nothing may be
 * asked of the machine now, its state is half-way through the command;
 * a typed command the user stops is undone (mm_interrupt, which does not
 * return here). */
static void on_progress(void *arg, uint64_t events)
{
	struct app *a = arg;
	if (a->d && wants_interrupt(a))
		mm_interrupt(session_mm(a->s));
	if (!a->d || !a->g || a->lay.too_small || a->lay.cmdline.w <= 0)
		return;
	char num[32], b[300];
	bool de = a->view.lang != 0;
	char spin = "|/-\\"[a->spin++ & 3]; /* turns also while the count stands (the history's bookkeeping at the end) */
	stepgroup_num(events, de, num);
	if (a->running && a->ahead_n > 0) /* the keys typed ahead: the user sees they were taken */
		snprintf(b, sizeof b, MSG(de, ST_RUNNING_AHEAD), spin, a->running, num, a->ahead_n);
	else if (a->running)
		snprintf(b, sizeof b, MSG(de, ST_RUNNING_LINE),
			 spin, a->running, num);
	else
		snprintf(b, sizeof b, MSG(de, ST_RUNNING_N), spin, num);
	struct grid_rect r = a->lay.cmdline;
	grid_fill(a->g, r, ROLE_TEXT_NORMAL, ' ');
	grid_text_at(a->g, r.y, r.x, ROLE_TEXT_KEY, b);
	draw_present(a->d, a->g);
	a->last_frame = draw_now_ms(a->d);
}

static void compose(struct app *a)
{
	struct cellgrid *g = a->g;
	mm_set_progress(session_mm(a->s), on_progress, a); /* (the machine is new after `reset`) */
	grid_clear(g);
	if (g->cols < LAYOUT_MIN_W || g->rows < LAYOUT_MIN_H) {
		layout_compute(&a->lay, g->cols, g->rows, NULL);
		layout_draw_too_small(g, &a->lay, a->view.lang);
		return;
	}
	view_refresh(&a->view);
	int step = player_step_at_cursor(a->pl);
	if (step != a->last_step) {
		a->view.narr.scroll = 0;
		a->last_step = step;
	}
	/* a step's words whole at 80x24 (layout.h L3, L4) */
	struct layout_want lw = {pane_narr_want(&a->view, g, g->cols), a->view.focus == PANE_PHYS};
	layout_compute(&a->lay, g->cols, g->rows, &lw);
	const struct pane_class *sc = screen_class(a->view.scr.id);
	if (sc) { /* a further screen in place of the memory panes, the narration below */
		struct grid_rect sr = a->lay.screen, nr = a->lay.screen_narr;
		bool whole = a->view.scr.id == SCREEN_QUIZ && nr.h > 0 && nr.x == sr.x && nr.w == sr.w && nr.y >= sr.y;
		if (whole) /* the quiz's question takes the narration's rows too (TUI-QUIZ) */
			sr.h = nr.y + nr.h - sr.y;
		grid_push_clip(g, sr);
		sc->draw(&a->view, g, (struct grid_rect){0, 0, sr.h, sr.w}, true);
		grid_pop_clip(g);
		for (int i = 0; i < PANE_COUNT; i++)
			a->lay.pane[i] = i == PANE_NARR && !whole ? a->lay.screen_narr : (struct grid_rect){0, 0, 0, 0};
	}
	for (int i = 0; i < PANE_COUNT; i++)
		a->view.rect[i] = a->lay.pane[i];
	for (int i = 0; i < PANE_COUNT; i++) {
		if (a->lay.pane[i].w <= 0 || a->lay.pane[i].h <= 0)
			continue;
		grid_push_clip(g, a->lay.pane[i]);
		struct grid_rect r = {0, 0, a->lay.pane[i].h, a->lay.pane[i].w};
		/* an open question takes the narration's place (TUI-ASK) */
		const struct pane_class *pc = i == PANE_NARR && ask_open(&a->view) ? &pane_ask_class : panes[i];
		pc->draw(&a->view, g, r, a->view.focus == i);
		grid_pop_clip(g);
	}
	struct grid_rect rl = a->lay.ramline; /* the folded map, after the narration's title (layout.h L4) */
	int x0 = a->lay.pane[PANE_NARR].x + a->view.narr.title_end + 1;
	if (!sc && !ask_open(&a->view) && rl.h > 0 && x0 < rl.x + rl.w) {
		struct grid_rect r = {rl.y, x0, 1, rl.x + rl.w - x0 - 1}; /* a stroke of the border after it */
		grid_push_clip(g, r);
		pane_phys_line(&a->view, g, (struct grid_rect){0, 0, 1, r.w});
		grid_pop_clip(g);
	}
	draw_status(a);
	draw_bottom(a);
	if (a->help) {
		int hw = g->cols - 4 < 78 ? g->cols - 4 : 78;
		int want = keymap_help_rows((int)MM_ARRAY_LEN(pane_keys[0]));
		int hh = g->rows < want ? g->rows : want; /* over the status and bottom lines at 80x24 */
		keymap_draw_help(g, (struct grid_rect){(g->rows - hh) / 2, (g->cols - hw) / 2, hh, hw},
				 pane_keys[a->view.lang ? 1 : 0], (int)MM_ARRAY_LEN(pane_keys[0]), a->view.lang);
	}
}

/* ---- actions -------------------------------------------------------------- */

/* A scenario focus -> a pane. */
static void follow_focus(struct app *a)
{
	int step = player_step_at_cursor(a->pl);
	if (!a->sc || step < 0 || step >= a->sc->nsteps || step == a->focus_step)
		return; /* a step brings its pane forward once; Tab may move on */
	a->focus_step = step;
	switch (a->sc->steps[step].focus) {
	case SCN_FOCUS_VAS: a->view.focus = PANE_VAS; screen_show(&a->view, SCREEN_NONE); break;
	case SCN_FOCUS_TRANSLATION: a->view.focus = PANE_XLATE; screen_show(&a->view, SCREEN_NONE); break;
	case SCN_FOCUS_PHYSICAL: case SCN_FOCUS_PFN: a->view.focus = PANE_PHYS; screen_show(&a->view, SCREEN_NONE); break;
	case SCN_FOCUS_WSET: screen_show(&a->view, SCREEN_WSET); break;
	case SCN_FOCUS_PAGEFILE: screen_show(&a->view, SCREEN_PAGEFILE); break;
	case SCN_FOCUS_POOL: screen_show(&a->view, SCREEN_POOL); break;
	case SCN_FOCUS_SECTIONS: screen_show(&a->view, SCREEN_SECTIONS); break;
	case SCN_FOCUS_PROCESSES: screen_show(&a->view, SCREEN_PROCS); break;
	case SCN_FOCUS_VAD: screen_show(&a->view, SCREEN_VAD); break;
	case SCN_FOCUS_SUMMARY: /* VMMap's upper table, in the address-space pane */
		a->view.focus = PANE_VAS;
		a->view.vas.summary = true;
		a->view.vas.zoom = 0;
		screen_show(&a->view, SCREEN_NONE);
		break;
	case SCN_FOCUS_USECOUNTS: screen_show(&a->view, SCREEN_USECOUNTS); break;
	case SCN_FOCUS_PHYSPAGES: screen_show(&a->view, SCREEN_PHYSPAGES); break;
	case SCN_FOCUS_FILESUMMARY: screen_show(&a->view, SCREEN_FILESUMMARY); break;
	case SCN_FOCUS_SPLIT: screen_show(&a->view, SCREEN_SPLIT); break;
	case SCN_FOCUS_POLICIES: screen_show(&a->view, SCREEN_POLICIES); break;
	default: return;
	}
	a->view.scr.by_focus = a->view.scr.id != SCREEN_NONE;
}

static int resize_grid(struct app *a, int rows, int cols);

static void run_typed(struct app *a, const char *line)
{
	/* the user takes over: a screen the scenario brought gives way to the
	 * main screen (one opened with its key stays) */
	if (a->view.scr.by_focus)
		screen_show(&a->view, SCREEN_NONE);
	/* announced in a frame of its own: a huge command takes seconds */
	snprintf(a->msg, sizeof a->msg, MSG(a->view.lang, ST_RUNNING), line);
	a->msg_role = ROLE_TEXT_KEY;
	if (a->d) {
		compose(a);
		draw_present(a->d, a->g);
		a->last_frame = draw_now_ms(a->d);
	}
	a->running = line;
	int r = player_exec(a->pl, line);
	a->running = NULL;
	a->msg[0] = '\0';
	if (a->d && a->g) { /* a resize while it ran was read and passed over (wants_interrupt) */
		int rows, cols;
		draw_size(a->d, &rows, &cols);
		if (rows != a->g->rows || cols != a->g->cols)
			resize_grid(a, rows, cols);
	}
	if (r < 0)
		return;
	const struct player_rec *rec = player_rec(a->pl, r);
	if (rec && rec->ok && policies_line(line))
		screen_show(&a->view, SCREEN_POLICIES); /* the lab's own screen (TUI-POLICIES) */
	if (rec && !rec->ok) {
		/* within 80 columns: the line quoted up to 40 (the narration has it whole) */
		snprintf(a->msg, sizeof a->msg, MSG(a->view.lang, ST_ERROR_IN), line, strlen(line) > 40 ? "..." : "");
		a->msg_role = ROLE_TEXT_ERROR;
	}
}

/* e: a summary step opens into its micro-steps, or closes. */
static int toggle_group(struct app *a)
{
	bool de = a->view.lang != 0;
	switch (player_toggle_group(a->pl)) {
	case PLAYER_TOGGLE_NONE:
		snprintf(a->msg, sizeof a->msg, "%s",
			 MSG(de, ST_NO_SUMMARY));
		a->msg_role = ROLE_TEXT_KEY;
		break;
	case PLAYER_TOGGLE_NOT_KEPT:
		snprintf(a->msg, sizeof a->msg, "%s",
			 MSG(de, ST_NOT_KEPT));
		a->msg_role = ROLE_TEXT_KEY;
		break;
	default: break;
	}
	return TUI_REDRAW;
}

/* ---- the quiz (docs/tui.md TUI-QUIZ) ------------------------------------------ */

/* The app's machine becomes s, sc, pl (the panes, the command line and
 * the snapshot writer follow); the one it had is freed unless it is the
 * home machine, kept for when the quiz ends. */
static void swap_machine(struct app *a, struct session *s, struct scenario *sc, struct player *pl)
{
	int lang = a->view.lang;
	view_fini(&a->view);
	cmdline_fini(&a->cl);
	if (a->pl != a->home_pl) {
		player_free(a->pl);
		session_free(a->s);
		scenario_free(a->sc);
	}
	a->s = s;
	a->sc = sc;
	a->pl = pl;
	session_set_screen(s, screen_writer, a);
	cmdline_init(&a->cl, s);
	view_init(&a->view, pl);
	a->view.lang = lang;
	a->view.quiz = a->quiz;
	a->last_step = a->focus_step = -1;
}

/* The next question: its machine set up and the question open on the quiz
 * screen.  0; 1 when there is none (the bottom line says so); -1 with
 * the error in the bottom line. */
static int quiz_load(struct app *a)
{
	struct session *s;
	struct scenario *sc;
	int nsetup = 0;
	char err[256];
	int r = screen_quiz_next(a->quiz, a->pl == a->home_pl ? NULL : a->pl, &s, &sc, &nsetup, err, sizeof err);
	if (r != 0) {
		int right, put;
		screen_quiz_score(a->quiz, NULL, &right, &put);
		if (r > 0)
			snprintf(a->msg, sizeof a->msg, MSG(a->view.lang, QZ_DONE), right, put);
		else
			snprintf(a->msg, sizeof a->msg, "quiz: %.200s", err);
		a->msg_role = r > 0 ? ROLE_TEXT_KEY : ROLE_TEXT_ERROR;
		return r;
	}
	struct player *pl = player_new(s, sc, a->view.lang);
	if (!pl) {
		session_free(s);
		scenario_free(sc);
		snprintf(a->msg, sizeof a->msg, "quiz: out of memory");
		a->msg_role = ROLE_TEXT_ERROR;
		return -1;
	}
	player_set_questions(pl, true);
	swap_machine(a, s, sc, pl);
	player_run_steps(pl, nsetup);
	player_next(pl); /* the question's step: the question opens instead */
	ask_clear(&a->view);
	screen_show(&a->view, SCREEN_QUIZ);
	return 0;
}

static int quiz_start(struct app *a, const char *topic, uint64_t seed, int count, char *err, size_t n)
{
	a->quiz = screen_quiz_new(topic, seed, count, a->view.lang, err, n);
	if (!a->quiz)
		return -1;
	a->home_s = a->s;
	a->home_sc = a->sc;
	a->home_pl = a->pl;
	if (quiz_load(a) < 0) {
		snprintf(err, n, "%s", a->msg);
		quiz_end(a);
		return -1;
	}
	return 0;
}

/* q or Esc: the home machine comes back, the score goes to the bottom line
 * (and, after --quiz, to standard output once the TUI has closed). */
static void quiz_end(struct app *a)
{
	int right, put;
	screen_quiz_score(a->quiz, a->pl == a->home_pl ? NULL : a->pl, &right, &put);
	if (a->pl != a->home_pl)
		swap_machine(a, a->home_s, a->home_sc, a->home_pl);
	screen_quiz_free(a->quiz);
	a->quiz = NULL;
	a->view.quiz = NULL;
	a->home_pl = NULL;
	screen_show(&a->view, SCREEN_NONE);
	snprintf(a->msg, sizeof a->msg, MSG(a->view.lang, QZ_END), right, put);
	a->msg_role = ROLE_TEXT_KEY;
	snprintf(a->quiz_score, sizeof a->quiz_score, MSG(a->view.lang, QZ_SCORE), right, put);
}

/* Keys of the quiz outside the answer line: n (or the step keys) at the
 * end of a question loads the next, q or Esc ends it.  0: not the
 * quiz's. */
static int quiz_key(struct app *a, const struct draw_event *ev, enum tui_action act)
{
	bool esc = ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_ESC && a->view.scr.id == SCREEN_NONE;
	if (act == ACT_QUIT || act == ACT_QUIZ || esc) {
		bool quit = a->quiz_only;
		quiz_end(a);
		return quit ? TUI_QUIT : TUI_REDRAW;
	}
	if ((act == ACT_NEXT || act == ACT_NEXT_CMD || act == ACT_PLAY || act == ACT_LAST) && player_at_end(a->pl)) {
		quiz_load(a);
		return TUI_REDRAW;
	}
	return 0;
}

static int do_action(struct app *a, enum tui_action act)
{
	struct player *p = a->pl;
	bool moved = false;
	switch (act) {
	case ACT_PLAY:
		if (reading_left(a) > 0) { /* read: go on now */
			if (player_tick(p))
				follow_focus(a);
			a->last_beat = draw_now_ms(a->d);
		} else if (player_playing(p)) {
			player_set_playing(p, false);
		} else if (!player_at_end(p)) {
			player_set_playing(p, true);
		}
		return TUI_REDRAW;
	case ACT_EXPAND: return toggle_group(a);
	case ACT_NEXT: moved = player_next(p); break;
	case ACT_PREV: moved = player_prev(p); break;
	case ACT_NEXT_CMD: moved = player_next_cmd(p); break;
	case ACT_PREV_CMD: moved = player_prev_cmd(p); break;
	case ACT_NEXT_STEP: moved = player_next_step(p); break;
	case ACT_PREV_STEP: moved = player_prev_step(p); break;
	case ACT_FIRST: moved = player_first(p); break;
	case ACT_LAST: moved = player_last(p); break;
	case ACT_FASTER: player_speed(p, +1); return TUI_REDRAW;
	case ACT_SLOWER: player_speed(p, -1); return TUI_REDRAW;
	case ACT_CMDLINE:
		player_set_playing(p, false);
		cmdline_open(&a->cl);
		return TUI_REDRAW;
	case ACT_HELP: a->help = !a->help; return TUI_REDRAW;
	case ACT_QUIT: return TUI_QUIT;
	case ACT_FOCUS_NEXT: a->view.focus = (a->view.focus + 1) % PANE_COUNT; return TUI_REDRAW;
	case ACT_FOCUS_PREV: a->view.focus = (a->view.focus + PANE_COUNT - 1) % PANE_COUNT; return TUI_REDRAW;
	case ACT_REDRAW: return TUI_REDRAW | TUI_RELAYOUT;
	case ACT_SNAPSHOT:
		player_set_playing(p, false);
		snapshot_key(a);
		return TUI_REDRAW;
	case ACT_QUESTIONS: {
		bool on = !player_questions(p);
		player_set_questions(p, on);
		snprintf(a->msg, sizeof a->msg, "%s",
			 on ? (a->view.lang ? "Fragen an: die Wiedergabe hält vor jeder Frage" : "questions on: playback stops before each")
			    : (a->view.lang ? "Fragen aus: die Wiedergabe wartet nie" : "questions off: playback never waits for one"));
		a->msg_role = ROLE_TEXT_KEY;
		return TUI_REDRAW;
	}
	case ACT_SCR_PROCS: case ACT_SCR_WSET: case ACT_SCR_VAD: case ACT_SCR_POOL: case ACT_SCR_PAGEFILE:
	case ACT_SCR_SECTIONS: case ACT_SCR_USECOUNTS: case ACT_SCR_PHYSPAGES: case ACT_SCR_FILESUM: case ACT_SCR_SPLIT:
	case ACT_SCR_POLICIES: {
		int id = SCREEN_PROCS + (int)(act - ACT_SCR_PROCS); /* the same key again: back */
		screen_show(&a->view, a->view.scr.id == id ? SCREEN_NONE : id);
		return TUI_REDRAW;
	}
	case ACT_QUIZ: { /* docs/tui.md TUI-QUIZ: every topic, the machine's seed */
		char err[256];
		player_set_playing(p, false);
		if (quiz_start(a, NULL, a->seed, 0, err, sizeof err) < 0) {
			snprintf(a->msg, sizeof a->msg, "quiz: %.200s", err);
			a->msg_role = ROLE_TEXT_ERROR;
		}
		return TUI_REDRAW;
	}
	case ACT_SCR_OUTPUT: /* docs/tui.md TUI-OUTPUT */
		screen_show(&a->view, a->view.scr.id == SCREEN_OUTPUT ? SCREEN_NONE : SCREEN_OUTPUT);
		return TUI_REDRAW;
	default: return 0;
	}
	if (act != ACT_NEXT || !moved)
		player_set_playing(p, false);
	if (moved)
		follow_focus(a);
	else if (ask_open(&a->view))
		ask_clear(&a->view); /* a question opened instead (TUI-ASK) */
	else if (act == ACT_NEXT || act == ACT_NEXT_CMD || act == ACT_NEXT_STEP || act == ACT_LAST) {
		snprintf(a->msg, sizeof a->msg, "%s", a->sc ? MSG(a->view.lang, ST_END_SCN) : MSG(a->view.lang, ST_END));
		a->msg_role = ROLE_TEXT_KEY;
	}
	return TUI_REDRAW;
}

/* A key while a question is open (TUI-ASK): the answer line takes it;
 * the verdict goes to the bottom line, and once the question closes the
 * step plays. */
static int on_answer_key(struct app *a, const struct draw_event *ev)
{
	int step = player_asking(a->pl);
	bool handled;
	if (a->quiz && ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_ENTER) /* one verdict: learn_check's */
		screen_quiz_judge(a->quiz, a->view.ask.buf, sizeof a->view.ask.buf);
	enum player_answer r = ask_key(&a->view, ev, &handled);
	if (!handled) {
		enum tui_action act = keymap_lookup(ev);
		return act == ACT_QUIT ? TUI_QUIT : act == ACT_REDRAW ? TUI_REDRAW | TUI_RELAYOUT : 0;
	}
	if (r != PLAYER_ANSWER_NONE) {
		ask_outcome(&a->view, step, r, a->msg, sizeof a->msg);
		a->msg_role = r == PLAYER_ANSWER_RIGHT ? ROLE_HL_EXPECT_OK : ROLE_TEXT_KEY;
		if (a->view.scr.id == SCREEN_QUIZ && r != PLAYER_ANSWER_RETRY)
			screen_show(&a->view, SCREEN_NONE); /* the panes play the solution */
		follow_focus(a);
	}
	return TUI_REDRAW;
}

static int on_key(struct app *a, const struct draw_event *ev)
{
	if (a->cl.active) {
		char line[CMDLINE_MAX];
		enum cmdline_result r = cmdline_key(&a->cl, ev, line, sizeof line);
		if (r == CMDLINE_EXEC)
			run_typed(a, line);
		return TUI_REDRAW;
	}
	a->msg[0] = '\0';
	if (ask_open(&a->view) && !a->help)
		return on_answer_key(a, ev);
	if (a->help) {
		a->help = false;
		return keymap_lookup(ev) == ACT_QUIT ? TUI_QUIT : TUI_REDRAW;
	}
	if (a->lay.too_small) /* only quitting makes sense */
		return keymap_lookup(ev) == ACT_QUIT ? TUI_QUIT : 0;
	enum tui_action act = keymap_lookup(ev);
	if (a->quiz) {
		int r = quiz_key(a, ev, act);
		if (r)
			return r;
	}
	if (a->view.scr.id == SCREEN_POLICIES) { /* the step keys walk the references (TUI-POLICIES) */
		int d = act == ACT_NEXT ? 1 : act == ACT_PREV ? -1 : act == ACT_FIRST ? INT_MIN : act == ACT_LAST ? INT_MAX : 0;
		if (d && policies_step(&a->view, d))
			return TUI_REDRAW;
	}
	if ((act == ACT_NEXT_STEP || act == ACT_PREV_STEP) && !a->sc)
		act = ACT_NONE; /* free play has no scenario steps: PgDn / PgUp scroll as before */
	/* A further screen gets its keys first: Esc goes back, arrows scroll,
	 * and PgDn / PgUp page a screen the user opened (one a step's focus
	 * brought leaves them to move the scenario on). */
	const struct pane_class *sc = screen_class(a->view.scr.id);
	bool paging = (act == ACT_NEXT_STEP || act == ACT_PREV_STEP) && !a->view.scr.by_focus;
	if (sc && (act == ACT_NONE || paging)) {
		if (ev->type == DRAW_EV_KEY && ev->key == DRAW_KEY_ESC) { /* back where the user came from */
			screen_show(&a->view, a->view.scr.back);
			return TUI_REDRAW;
		}
		int r = sc->key ? sc->key(&a->view, ev) : 0;
		if (r)
			return r;
	}
	/* The focused pane gets its own keys first, except the global ones. */
	if (act == ACT_NONE || act == ACT_REDRAW) {
		const struct pane_class *pc = panes[a->view.focus];
		int r = pc->key ? pc->key(&a->view, ev) : 0;
		if (r)
			return r;
	}
	return do_action(a, act);
}

static bool in_rect(struct grid_rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

static int on_mouse(struct app *a, const struct draw_event *ev)
{
	const struct pane_class *sc = screen_class(a->view.scr.id);
	if (sc && !a->lay.too_small && in_rect(a->lay.screen, ev->y, ev->x)) { /* the panes under it are hidden */
		if (ev->mouse == DRAW_MOUSE_WHEEL_UP || ev->mouse == DRAW_MOUSE_WHEEL_DOWN) {
			struct draw_event k = {.type = DRAW_EV_KEY,
					       .key = ev->mouse == DRAW_MOUSE_WHEEL_UP ? DRAW_KEY_UP : DRAW_KEY_DOWN};
			return sc->key ? sc->key(&a->view, &k) | TUI_REDRAW : 0;
		}
		if (ev->mouse == DRAW_MOUSE_PRESS && a->help) {
			a->help = false;
			return TUI_REDRAW;
		}
		if (ev->mouse == DRAW_MOUSE_PRESS && sc->click) /* a row that leads somewhere (TUI-LINKS) */
			return sc->click(&a->view, ev->y - a->lay.screen.y, ev->x - a->lay.screen.x) | TUI_REDRAW;
		return 0;
	}
	if (ev->mouse == DRAW_MOUSE_WHEEL_UP || ev->mouse == DRAW_MOUSE_WHEEL_DOWN) {
		struct draw_event k = {.type = DRAW_EV_KEY, .key = ev->mouse == DRAW_MOUSE_WHEEL_UP ? DRAW_KEY_UP : DRAW_KEY_DOWN};
		int i = layout_pane_at(&a->lay, ev->y, ev->x);
		if (i >= 0 && panes[i]->key) {
			a->view.focus = i;
			return panes[i]->key(&a->view, &k) | TUI_REDRAW;
		}
		return 0;
	}
	if (ev->mouse != DRAW_MOUSE_PRESS || a->cl.active)
		return 0;
	a->help = false;
	int i = layout_pane_at(&a->lay, ev->y, ev->x);
	if (i < 0)
		return 0;
	a->view.focus = i;
	if (panes[i]->click && a->lay.pane[i].h > 0) /* (not the folded map's line) */
		panes[i]->click(&a->view, ev->y - a->lay.pane[i].y, ev->x - a->lay.pane[i].x);
	return TUI_REDRAW;
}

/* ---- the loop --------------------------------------------------------------- */

static int resize_grid(struct app *a, int rows, int cols)
{
	rows = rows < 0 ? 0 : rows;
	cols = cols < 0 ? 0 : cols;
	if (!a->g) {
		a->g = grid_new(rows, cols);
		return a->g ? 0 : -1;
	}
	return grid_resize(a->g, rows, cols);
}

static int app_loop(struct app *a)
{
	struct draw *d = a->d;
	/* docs/cli.md CLI-MODES: a scenario opens paused at its first step (Home shows the
	 * start: the scenario's title and summary). */
	if (a->sc && player_cur(a->pl) < 0 && player_next(a->pl))
		follow_focus(a);
	int rows, cols;
	draw_size(d, &rows, &cols);
	if (resize_grid(a, rows, cols) < 0)
		return 1;
	grid_set_ascii(a->g, !d->utf8);
	grid_set_glyphs(a->g, d->rt.glyph);
	bool damaged = true;
	a->last_beat = draw_now_ms(d);
	a->last_frame = a->last_beat - APP_FRAME_MAX_MS;
	while (!a->quit) {
		/* Input before frames: keys for the command line that arrive
		 * together are read before the next frame, so a 100 KB paste is
		 * a few frames, not one per character (20-35 s of full redraws
		 * before). Only there: the panes' keys act on what the last
		 * frame showed (view_refresh runs in compose). */
		bool typing = a->cl.active && input_waiting(a);
		if (damaged && (!typing || draw_now_ms(d) - a->last_frame >= APP_FRAME_MAX_MS)) {
			compose(a);
			draw_present(d, a->g);
			damaged = false;
			a->last_frame = draw_now_ms(d);
		}
		int timeout = -1;
		if (player_playing(a->pl)) {
			int64_t due = a->last_beat + player_beat_ms(a->pl) - draw_now_ms(d);
			timeout = due < 0 ? 0 : due > 60000 ? 60000 : (int)due;
			int left = reading_left(a); /* wake when the countdown's second changes */
			if (left > 0 && left % 1000 && left % 1000 < timeout)
				timeout = left % 1000;
		}
		struct draw_event ev;
		int r = next_event(a, &ev, timeout);
		if (r < 0 || ev.type == DRAW_EV_CLOSED)
			break;
		bool was_playing = player_playing(a->pl);
		int react = 0;
		switch (ev.type) {
		case DRAW_EV_KEY: react = on_key(a, &ev); break;
		case DRAW_EV_MOUSE:
			if (damaged) /* a click hits what the layout of now shows */
				compose(a);
			react = on_mouse(a, &ev);
			break;
		case DRAW_EV_RESIZE:
			if (resize_grid(a, ev.rows, ev.cols) == 0)
				react = TUI_REDRAW;
			break;
		default: break;
		}
		if (react & TUI_QUIT)
			break;
		int64_t now = draw_now_ms(d);
		if (!was_playing && player_playing(a->pl))
			a->last_beat = now - player_beat_ms(a->pl); /* play starts at once */
		/* Beats: one micro-step per beat; keys pressed meanwhile do not
		 * delay them. */
		if (player_playing(a->pl) && now - a->last_beat >= player_beat_ms(a->pl)) {
			if (player_tick(a->pl)) {
				follow_focus(a);
				react |= TUI_REDRAW;
			}
			a->last_beat = now;
			if (!player_playing(a->pl))
				react |= TUI_REDRAW; /* the status says paused */
		}
		int secs = (reading_left(a) + 999) / 1000;
		if (secs != a->shown_secs) { /* the countdown moved */
			a->shown_secs = secs;
			react |= TUI_REDRAW;
		}
		damaged |= (react & TUI_REDRAW) != 0;
	}
	return 0;
}

/* The one way in, for the terminal, --screen, test scripts and make bench:
 * the session (and scenario) of o, the theme o names (default: "default",
 * or "mono" on a terminal under NO_COLOR), and the backend with dopts. On
 * failure err says why and nothing is left open. */
static int app_start(struct app *a, const struct app_opts *o, const char *backend, struct draw_opts dopts,
		     char *err, size_t n)
{
	if (app_open(a, o, err, n) < 0)
		return -1;
	struct theme th;
	struct mm_err merr;
	const char *nc = getenv("NO_COLOR");
	bool terminal = strcmp(backend ? backend : "", "headless") != 0;
	const char *tname = o->theme ? o->theme : terminal && nc && *nc ? "mono" : "default";
	if (theme_load(&th, tname, &merr) < 0) {
		snprintf(err, n, "%s", mm_err_text(&merr, o->cfg.lang));
		app_close(a);
		return -1;
	}
	dopts.theme = &th;
	a->d = draw_open(backend, &dopts, &merr);
	if (!a->d) {
		snprintf(err, n, "%s", mm_err_text(&merr, o->cfg.lang));
		app_close(a);
		return -1;
	}
	return 0;
}

static void app_stop(struct app *a)
{
	draw_close(a->d);
	a->d = NULL;
	app_close(a);
}

/* Why the TUI could not start: the message quotes a scenario's or a
 * theme's file, anyone's text, so it goes out as safe text
 * (docs/output.md OUT-SAFE). */
static void app_say_error(const char *err)
{
	fputs("mmviz: ", stderr);
	mm_text_fputs(err, 0, stderr);
	fputc('\n', stderr);
}

int app_run(const struct app_opts *o)
{
	struct app a;
	char err[1024];
	if (app_start(&a, o, o->backend, (struct draw_opts){0}, err, sizeof err) < 0) {
		app_say_error(err);
		return 2;
	}
	int rc = app_loop(&a);
	app_stop(&a);
	if (o->quiz) /* the score stays on the terminal (docs/cli.md CLI-QUIZ) */
		fputs(a.quiz_score, stdout);
	return rc;
}

/* ---- headless ------------------------------------------------------------- */

/* The screen at step `at` of the scenario, composed into a w x h grid as
 * the TUI would show it (the focus followed, no message), then keys
 * pressed. */
static int app_still(struct app *a, int w, int h, long at, const char *keys)
{
	if (at > 0)
		player_run_steps(a->pl, at > 1000000 ? 1000000 : (int)at);
	follow_focus(a);
	a->msg[0] = '\0';
	if (resize_grid(a, h, w) < 0)
		return -1;
	grid_set_ascii(a->g, !a->d->utf8);
	grid_set_glyphs(a->g, a->d->rt.glyph);
	compose(a);
	for (const char *k = keys ? keys : ""; *k; k++) { /* --keys: as typed, the screen of now under them */
		struct draw_event ev = {.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR, .cp = (unsigned char)*k};
		if (on_key(a, &ev) & TUI_QUIT)
			break;
		compose(a);
	}
	return 0;
}

int app_screen(const struct app_opts *o, int w, int h, long at, int format, FILE *out)
{
	struct app a;
	char err[1024];
	struct draw_opts dopts = {.rows = h, .cols = w, .out = out};
	if (app_start(&a, o, "headless", dopts, err, sizeof err) < 0) {
		app_say_error(err);
		return 2;
	}
	int rc = 1;
	if (app_still(&a, w, h, at, o->keys) == 0) {
		draw_present(a.d, a.g);
		rc = snapshot_write(a.g, &a.d->rt, (enum snap_format)format, out) < 0 ? 1 : 0;
	}
	app_stop(&a);
	return rc;
}

int app_script(const struct app_opts *o, int w, int h, const char *script, FILE *out)
{
	struct app a;
	char err[1024];
	struct draw_opts dopts = {.rows = h, .cols = w, .script = script, .out = out};
	if (app_start(&a, o, "headless", dopts, err, sizeof err) < 0) {
		fprintf(out, "error: %s\n", err);
		return 2;
	}
	int rc = app_loop(&a);
	app_stop(&a);
	return rc;
}

struct app *app_new_still(const struct app_opts *o, int w, int h, long at, char *err, size_t n)
{
	struct app *a = malloc(sizeof *a);
	if (!a) {
		snprintf(err, n, "out of memory");
		return NULL;
	}
	struct draw_opts dopts = {.rows = h, .cols = w, .out = stdout};
	if (app_start(a, o, "headless", dopts, err, n) < 0) {
		free(a);
		return NULL;
	}
	if (app_still(a, w, h, at, NULL) < 0) {
		snprintf(err, n, "out of memory");
		app_free(a);
		return NULL;
	}
	return a;
}

void app_compose(struct app *a)
{
	compose(a);
}

struct player *app_player(struct app *a)
{
	return a->pl;
}

void app_free(struct app *a)
{
	if (!a)
		return;
	app_stop(a);
	free(a);
}
