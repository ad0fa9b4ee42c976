/*
 * backend_headless.c — a terminal that is only a cell grid: frames are kept
 * and printed as plain text or ANSI, events come from a script or an array,
 * time is a virtual clock.  Used by `mmviz --screen` and by every golden
 * and unit test of the TUI.
 *
 * Why it is built this way.  Golden tests must give the same bytes on every
 * machine, under ASan, with any LANG: so nothing here reads the
 * environment, the clock only moves when the script says so (a `tick`
 * times out exactly one poll and advances the clock by that poll's timeout;
 * `wait MS` lets MS of virtual time pass), and text comes out of the grid
 * cell by cell with trailing blanks trimmed, which is what
 * `tmux capture-pane -p` prints for a real terminal.  The ANSI form prints
 * the pens of the resolved theme, so a theme regression fails a golden.
 *
 * Script (one command per line; blank lines and lines starting with # are
 * ignored):
 *   key WORD...        keys: x  enter esc tab backtab backspace delete insert
 *                      up down left right home end pgup pgdn f1..f12 space,
 *                      with prefixes C- (ctrl) M- (alt) S- (shift): C-a S-tab
 *   text STRING        the rest of the line, typed one character at a time
 *   click Y X [B]      mouse press + release of button B (default 1)
 *   press Y X [B]  release Y X [B]  wheel up|down Y X
 *   resize ROWS COLS   the terminal changes size
 *   tick               the next poll times out
 *   wait MS            polls time out until MS ms of virtual time passed
 *   dump               print the last presented frame to opts.out
 *   echo TEXT          print TEXT and a newline to opts.out
 *   close              the terminal goes away (also at the end of the script)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "msg.h"
#include "cellgrid.h"
#include "draw.h"

enum headless_kind { HL_EVENT, HL_TICK, HL_WAIT, HL_DUMP, HL_ECHO };

struct headless_item {
	enum headless_kind kind;
	struct draw_event ev;
	int64_t ms;
	char *text; /* HL_ECHO, owned */
};

struct headless {
	int rows, cols;
	bool ansi;
	FILE *out;
	int64_t clock, waiting;
	struct headless_item *items; /* owned */
	int nitems, cap, next;
	struct cellgrid *frame; /* copy of the last presented grid, owned */
};

/* ---- keys ----------------------------------------------------------------- */

static const struct {
	const char *name;
	enum draw_key key;
} headless_keys[] = {
	{"enter", DRAW_KEY_ENTER},	   {"esc", DRAW_KEY_ESC},	  {"escape", DRAW_KEY_ESC},
	{"tab", DRAW_KEY_TAB},		   {"backtab", DRAW_KEY_BACKTAB}, {"backspace", DRAW_KEY_BACKSPACE},
	{"bspace", DRAW_KEY_BACKSPACE}, {"delete", DRAW_KEY_DELETE},	  {"del", DRAW_KEY_DELETE},
	{"insert", DRAW_KEY_INSERT},	   {"up", DRAW_KEY_UP},		  {"down", DRAW_KEY_DOWN},
	{"left", DRAW_KEY_LEFT},	   {"right", DRAW_KEY_RIGHT},	  {"home", DRAW_KEY_HOME},
	{"end", DRAW_KEY_END},		   {"pgup", DRAW_KEY_PGUP},	  {"pageup", DRAW_KEY_PGUP},
	{"pgdn", DRAW_KEY_PGDN},	   {"pagedown", DRAW_KEY_PGDN},
};

static int headless_named_key(const char *w, struct draw_event *ev)
{
	for (size_t i = 0; i < sizeof headless_keys / sizeof headless_keys[0]; i++) {
		if (strcasecmp(w, headless_keys[i].name) == 0) {
			ev->key = headless_keys[i].key;
			return 0;
		}
	}
	if ((w[0] == 'f' || w[0] == 'F') && w[1] >= '1' && w[1] <= '9') {
		char *end;
		long n = strtol(w + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12) {
			ev->key = (enum draw_key)(DRAW_KEY_F1 + n - 1);
			return 0;
		}
	}
	if (strcasecmp(w, "space") == 0) {
		ev->key = DRAW_KEY_CHAR;
		ev->cp = ' ';
		return 0;
	}
	return -1;
}

int backend_headless_parse_key(const char *word, struct draw_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->type = DRAW_EV_KEY;
	while (word[0] && word[1] == '-' && word[2] && strchr("CMS", word[0])) {
		ev->mods |= word[0] == 'C' ? DRAW_MOD_CTRL : word[0] == 'M' ? DRAW_MOD_ALT : DRAW_MOD_SHIFT;
		word += 2;
	}
	uint32_t cp;
	size_t n = grid_utf8_decode(word, strlen(word), &cp);
	if (n > 0 && word[n] == '\0' && grid_cp_width(cp) > 0 && cp != 0xFFFD) {
		ev->key = DRAW_KEY_CHAR;
		ev->cp = (ev->mods & DRAW_MOD_CTRL) && cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	} else if (headless_named_key(word, ev) != 0) {
		return -1;
	}
	if (ev->key == DRAW_KEY_TAB && (ev->mods & DRAW_MOD_SHIFT)) {
		ev->key = DRAW_KEY_BACKTAB;
		ev->mods &= ~(unsigned)DRAW_MOD_SHIFT;
	}
	return 0;
}

/* ---- script --------------------------------------------------------------- */

static struct headless_item *headless_add(struct headless *h, enum headless_kind kind)
{
	if (h->nitems == h->cap) {
		int cap = h->cap ? h->cap * 2 : 32;
		struct headless_item *it = realloc(h->items, (size_t)cap * sizeof *it);
		if (!it)
			return NULL;
		h->items = it;
		h->cap = cap;
	}
	struct headless_item *it = &h->items[h->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

static int headless_event(struct headless *h, const struct draw_event *ev)
{
	struct headless_item *it = headless_add(h, HL_EVENT);
	if (!it)
		return -1;
	it->ev = *ev;
	return 0;
}

/* Reads up to n integers from s; returns how many. */
static int headless_ints(const char *s, long *v, int n)
{
	int k = 0;
	char *end;
	while (k < n) {
		errno = 0;
		long x = strtol(s, &end, 10);
		if (end == s || errno || x < 0 || x > 1000000)
			break;
		v[k++] = x;
		s = end;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	return *s ? -1 : k;
}

static int headless_mouse(struct headless *h, const char *cmd, const char *arg)
{
	long v[3] = {0, 0, 1};
	struct draw_event ev = {.type = DRAW_EV_MOUSE};
	int wheel = strcmp(cmd, "wheel") == 0;
	if (wheel) {
		int up = strncmp(arg, "up", 2) == 0;
		if (!up && strncmp(arg, "down", 4) != 0)
			return -1;
		ev.mouse = up ? DRAW_MOUSE_WHEEL_UP : DRAW_MOUSE_WHEEL_DOWN;
		arg += up ? 2 : 4;
	}
	int k = headless_ints(arg, v, wheel ? 2 : 3);
	if (k < 2 || (!wheel && (v[2] < 1 || v[2] > 3)))
		return -1;
	ev.y = (int)v[0];
	ev.x = (int)v[1];
	ev.button = wheel ? 0 : (int)v[2];
	if (wheel)
		return headless_event(h, &ev);
	int click = strcmp(cmd, "click") == 0;
	ev.mouse = strcmp(cmd, "release") == 0 ? DRAW_MOUSE_RELEASE : DRAW_MOUSE_PRESS;
	if (headless_event(h, &ev))
		return -1;
	ev.mouse = DRAW_MOUSE_RELEASE;
	return click ? headless_event(h, &ev) : 0;
}

static int headless_keys_cmd(struct headless *h, char *arg)
{
	struct draw_event ev;
	char *save = NULL;
	int n = 0;
	for (char *w = strtok_r(arg, " \t", &save); w; w = strtok_r(NULL, " \t", &save), n++)
		if (backend_headless_parse_key(w, &ev) || headless_event(h, &ev))
			return -1;
	return n ? 0 : -1;
}

static int headless_text_cmd(struct headless *h, const char *arg)
{
	size_t n = strlen(arg), i = 0;
	while (i < n) {
		struct draw_event ev = {.type = DRAW_EV_KEY, .key = DRAW_KEY_CHAR};
		i += grid_utf8_decode(arg + i, n - i, &ev.cp);
		if (headless_event(h, &ev))
			return -1;
	}
	return 0;
}

/* One script line (modified in place). */
static int headless_line(struct headless *h, char *line)
{
	char *arg = line + strcspn(line, " \t");
	long v[2];
	if (*arg)
		*arg++ = '\0';
	arg += strspn(arg, " \t");
	if (strcmp(line, "key") == 0)
		return headless_keys_cmd(h, arg);
	if (strcmp(line, "text") == 0)
		return headless_text_cmd(h, arg);
	if (!strcmp(line, "click") || !strcmp(line, "press") || !strcmp(line, "release") ||
	    !strcmp(line, "wheel"))
		return headless_mouse(h, line, arg);
	if (strcmp(line, "resize") == 0) {
		struct draw_event ev = {.type = DRAW_EV_RESIZE};
		if (headless_ints(arg, v, 2) != 2 || v[0] < 1 || v[1] < 1 || v[0] > GRID_MAX_DIM ||
		    v[1] > GRID_MAX_DIM)
			return -1;
		ev.rows = (int)v[0];
		ev.cols = (int)v[1];
		return headless_event(h, &ev);
	}
	if (strcmp(line, "close") == 0)
		return headless_event(h, &(struct draw_event){.type = DRAW_EV_CLOSED});
	if (strcmp(line, "wait") == 0) {
		struct headless_item *it;
		if (headless_ints(arg, v, 1) != 1 || !(it = headless_add(h, HL_WAIT)))
			return -1;
		it->ms = v[0];
		return 0;
	}
	if (strcmp(line, "echo") == 0) {
		struct headless_item *it = headless_add(h, HL_ECHO);
		return it && (it->text = strdup(arg)) ? 0 : -1;
	}
	enum headless_kind k = strcmp(line, "tick") == 0 ? HL_TICK : HL_DUMP;
	if ((k == HL_DUMP && strcmp(line, "dump") != 0) || *arg)
		return -1;
	return headless_add(h, k) ? 0 : -1;
}

static int headless_script(struct headless *h, const char *script, struct mm_err *err)
{
	char *copy = strdup(script), *save = NULL;
	int lineno = 0, rc = 0;
	if (!copy)
		return mm_fail_tr(err, "backend", -1, M_ER_OOM);
	for (char *p = copy; p && rc == 0; p = save) {
		save = strchr(p, '\n');
		if (save)
			*save++ = '\0';
		lineno++;
		p[strcspn(p, "\r")] = '\0';
		p += strspn(p, " \t");
		if (*p && *p != '#' && headless_line(h, p) != 0)
			rc = mm_fail_tr(err, "backend", -1, M_ER_SCRIPT_LINE, lineno, p);
	}
	free(copy);
	return rc;
}

/* ---- output --------------------------------------------------------------- */

static void headless_putcp(uint32_t cp, FILE *out)
{
	char b[4];
	fwrite(b, 1, grid_utf8_encode(cp, b), out);
}

int backend_headless_write_text(const struct cellgrid *g, FILE *out)
{
	for (int y = 0; y < g->rows; y++) {
		const struct cell *row = grid_cell(g, y, 0);
		int end = g->cols;
		while (end > 0 && row[end - 1].cp == ' ')
			end--;
		for (int x = 0; x < end; x++)
			if (row[x].width > 0)
				headless_putcp(grid_printable_cp(g, &row[x]), out);
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

static struct theme_pen headless_pen(const struct theme_resolved *rt, const struct cell *c)
{
	struct theme_pen p = rt->pen[c->role < ROLE_COUNT ? c->role : ROLE_TEXT_NORMAL];
	p.attrs |= c->attrs;
	return p;
}

static void headless_sgr(const struct theme_pen *p, int colors, FILE *out)
{
	static const struct {
		int bit, code;
	} map[] = {{THEME_BOLD, 1}, {THEME_DIM, 2}, {THEME_ITALIC, 3}, {THEME_UNDERLINE, 4}, {THEME_REVERSE, 7}};
	fputs("\033[0", out);
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (p->attrs & map[i].bit)
			fprintf(out, ";%d", map[i].code);
	if (p->fg >= 0)
		fprintf(out, colors == 256 ? ";38;5;%d" : ";3%d", p->fg);
	if (p->bg >= 0)
		fprintf(out, colors == 256 ? ";48;5;%d" : ";4%d", p->bg);
	fputc('m', out);
}

static int headless_pen_eq(const struct theme_pen *a, const struct theme_pen *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs;
}

int backend_headless_write_ansi(const struct cellgrid *g, const struct theme_resolved *rt, FILE *out)
{
	const struct theme_pen plain = {-1, -1, 0};
	for (int y = 0; y < g->rows; y++) {
		const struct cell *row = grid_cell(g, y, 0);
		int end = g->cols;
		for (; end > 0 && row[end - 1].cp == ' '; end--) {
			struct theme_pen p = headless_pen(rt, &row[end - 1]);
			if (p.bg >= 0 || (p.attrs & (THEME_REVERSE | THEME_UNDERLINE)))
				break; /* a visible blank */
		}
		struct theme_pen cur = plain;
		for (int x = 0; x < end; x++) {
			struct theme_pen p = headless_pen(rt, &row[x]);
			if (row[x].width == 0)
				continue;
			if (!headless_pen_eq(&p, &cur))
				headless_sgr(&p, rt->colors, out);
			cur = p;
			headless_putcp(grid_printable_cp(g, &row[x]), out);
		}
		fputs(headless_pen_eq(&cur, &plain) ? "\n" : "\033[0m\n", out);
	}
	return ferror(out) ? -1 : 0;
}

/* ---- the backend ------------------------------------------------------------ */

static int headless_init(struct draw *d, const struct draw_opts *o, struct mm_err *err)
{
	struct headless *h = calloc(1, sizeof *h);
	if (!h)
		return mm_fail_tr(err, "backend", -1, M_ER_OOM);
	d->impl = h;
	h->rows = o->rows > 0 ? (o->rows > GRID_MAX_DIM ? GRID_MAX_DIM : o->rows) : 24;
	h->cols = o->cols > 0 ? (o->cols > GRID_MAX_DIM ? GRID_MAX_DIM : o->cols) : 80;
	h->ansi = o->ansi;
	h->out = o->out;
	d->colors = theme_depth(o->colors > 0 ? o->colors : 256, o->no_color);
	d->utf8 = !o->ascii;
	int rc = o->script ? headless_script(h, o->script, err) : 0;
	for (int i = 0; rc == 0 && o->events && i < o->nevents; i++) {
		const struct draw_event *ev = &o->events[i];
		rc = ev->type == DRAW_EV_TIMEOUT ? (headless_add(h, HL_TICK) ? 0 : -1) : headless_event(h, ev);
		if (rc)
			mm_fail_tr(err, "backend", -1, M_ER_OOM);
	}
	if (rc)
		backend_headless.fini(d);
	return rc;
}

static void headless_fini(struct draw *d)
{
	struct headless *h = d->impl;
	if (!h)
		return;
	for (int i = 0; i < h->nitems; i++)
		free(h->items[i].text);
	free(h->items);
	grid_free(h->frame);
	free(h);
	d->impl = NULL;
}

static void headless_size(struct draw *d, int *rows, int *cols)
{
	struct headless *h = d->impl;
	*rows = h->rows;
	*cols = h->cols;
}

static int headless_present(struct draw *d, const struct cellgrid *g)
{
	struct headless *h = d->impl;
	if (!h->frame && !(h->frame = grid_new(g->rows, g->cols)))
		return -1;
	if ((h->frame->rows != g->rows || h->frame->cols != g->cols) &&
	    grid_resize(h->frame, g->rows, g->cols) != 0)
		return -1;
	memcpy(h->frame->cells, g->cells, (size_t)g->rows * (size_t)g->cols * sizeof *g->cells);
	h->frame->ascii = g->ascii;
	return 0;
}

int backend_headless_dump(struct draw *d, FILE *out)
{
	struct headless *h = d->impl;
	if (!h->frame || !out)
		return -1;
	return h->ansi ? backend_headless_write_ansi(h->frame, &d->rt, out)
		       : backend_headless_write_text(h->frame, out);
}

const struct cellgrid *backend_headless_frame(struct draw *d)
{
	return ((struct headless *)d->impl)->frame;
}

static int headless_poll(struct draw *d, struct draw_event *ev, int timeout_ms)
{
	struct headless *h = d->impl;
	for (;;) {
		if (h->waiting > 0) {
			int64_t step = timeout_ms < 0 || timeout_ms > h->waiting ? h->waiting : timeout_ms;
			h->clock += step;
			h->waiting -= step;
			ev->type = DRAW_EV_TIMEOUT;
			return 0;
		}
		if (h->next >= h->nitems) {
			ev->type = DRAW_EV_CLOSED;
			return 1;
		}
		struct headless_item *it = &h->items[h->next++];
		switch (it->kind) {
		case HL_EVENT:
			*ev = it->ev;
			if (ev->type == DRAW_EV_RESIZE) {
				h->rows = ev->rows;
				h->cols = ev->cols;
			}
			return 1;
		case HL_TICK:
			h->clock += timeout_ms > 0 ? timeout_ms : 0;
			ev->type = DRAW_EV_TIMEOUT;
			return 0;
		case HL_WAIT: h->waiting = it->ms; break;
		case HL_DUMP: backend_headless_dump(d, h->out); break;
		case HL_ECHO:
			if (h->out)
				fprintf(h->out, "%s\n", it->text);
			break;
		}
	}
}

/* Input is waiting when the script's next item is an event: a tick, a
 * wait, a dump or an echo is a moment at which the terminal is idle (so a
 * dump shows the frame composed once the events before it were read). */
static bool headless_pending(struct draw *d)
{
	const struct headless *h = d->impl;
	return h->waiting == 0 && h->next < h->nitems && h->items[h->next].kind == HL_EVENT;
}

static int64_t headless_now_ms(struct draw *d)
{
	return ((struct headless *)d->impl)->clock;
}

const struct draw_ops backend_headless = {
	.name = "headless",
	.init = headless_init,
	.fini = headless_fini,
	.size = headless_size,
	.present = headless_present,
	.poll = headless_poll,
	.pending = headless_pending,
	.now_ms = headless_now_ms,
	.restyle = NULL,
};
