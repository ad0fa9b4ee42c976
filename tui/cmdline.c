/*
 * cmdline.c — the line editor (cmdline.h).
 *
 * Keys: printable characters insert; Left/Right, Home/End (C-a/C-e) move;
 * Backspace/Delete erase; C-u erases to the start, C-k to the end, C-w the
 * word before the cursor; Up/Down browse the history; Tab completes;
 * Enter runs; Esc (or C-c / C-g) cancels.
 *
 * What Tab completes depends on the word before the cursor:
 *   - the command part (after an optional "$x = "): command names, also
 *     two-word ones ("process cr" -> "process create");
 *   - "$...": the session's variables;
 *   - a word holding an upper-case letter or '|': flag names, the part
 *     after the last '|' ("MEM_RESERVE|MEM_C" -> "MEM_RESERVE|MEM_COMMIT");
 *   - anything else: file names (a directory completes with '/').
 */
#include "cmdline.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "mm.h"
#include "session.h"
#include "msg.h"

#define MAX_CANDS 256

static void add_name(struct cmdline *c, const char *name)
{
	char **n = realloc(c->names, (size_t)(c->nnames + 1) * sizeof *n);
	if (!n)
		return;
	c->names = n;
	char *d = strdup(name);
	if (d)
		c->names[c->nnames++] = d;
}

void cmdline_init(struct cmdline *c, struct session *s)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	cJSON *j = s ? session_exec_json(s, "help") : NULL;
	const cJSON *cmds = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "result"), "commands");
	const cJSON *o;
	cJSON_ArrayForEach(o, cmds)
	{
		const cJSON *nm = cJSON_GetObjectItemCaseSensitive(o, "name");
		const cJSON *al = cJSON_GetObjectItemCaseSensitive(o, "alias");
		if (cJSON_IsString(nm))
			add_name(c, nm->valuestring);
		if (cJSON_IsString(al))
			add_name(c, al->valuestring);
	}
	cJSON_Delete(j);
}

void cmdline_fini(struct cmdline *c)
{
	for (int i = 0; i < c->nhist; i++)
		free(c->hist[i]);
	free(c->hist);
	for (int i = 0; i < c->nnames; i++)
		free(c->names[i]);
	free(c->names);
	c->hist = NULL;
	c->names = NULL;
	c->nhist = c->nnames = 0;
}

static void set_line(struct cmdline *c, const char *s)
{
	snprintf(c->buf, sizeof c->buf, "%s", s);
	c->len = c->cur = (int)strlen(c->buf);
}

void cmdline_open(struct cmdline *c)
{
	c->active = true;
	c->hint[0] = '\0';
	c->hpos = c->nhist;
	set_line(c, "");
}

static void history_add(struct cmdline *c, const char *line)
{
	if (!*line || (c->nhist && strcmp(c->hist[c->nhist - 1], line) == 0))
		return;
	if (c->nhist == CMDLINE_HISTORY) {
		free(c->hist[0]);
		memmove(c->hist, c->hist + 1, (size_t)(c->nhist - 1) * sizeof *c->hist);
		c->nhist--;
	}
	char **h = realloc(c->hist, (size_t)(c->nhist + 1) * sizeof *h);
	if (!h)
		return;
	c->hist = h;
	char *d = strdup(line);
	if (d)
		c->hist[c->nhist++] = d;
}

static void insert(struct cmdline *c, const char *s, size_t n)
{
	if ((size_t)c->len + n >= sizeof c->buf)
		return;
	memmove(c->buf + c->cur + n, c->buf + c->cur, (size_t)(c->len - c->cur) + 1);
	memcpy(c->buf + c->cur, s, n);
	c->len += (int)n;
	c->cur += (int)n;
}

static void erase(struct cmdline *c, int from, int to)
{
	if (from < 0)
		from = 0;
	if (to > c->len)
		to = c->len;
	if (from >= to)
		return;
	memmove(c->buf + from, c->buf + to, (size_t)(c->len - to) + 1);
	c->len -= to - from;
	if (c->cur > to)
		c->cur -= to - from;
	else if (c->cur > from)
		c->cur = from;
}

static int prev_char(const struct cmdline *c, int i)
{
	while (i > 0 && ((unsigned char)c->buf[--i] & 0xC0) == 0x80)
		;
	return i;
}

static int next_char(const struct cmdline *c, int i)
{
	if (i >= c->len)
		return c->len;
	i++;
	while (i < c->len && ((unsigned char)c->buf[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static void browse(struct cmdline *c, int dir)
{
	int np = c->hpos + dir;
	if (np < 0 || np > c->nhist)
		return;
	if (c->hpos == c->nhist)
		snprintf(c->saved, sizeof c->saved, "%s", c->buf);
	c->hpos = np;
	set_line(c, np == c->nhist ? c->saved : c->hist[np]);
}

enum cmdline_result cmdline_key(struct cmdline *c, const struct draw_event *ev, char *out, size_t n)
{
	if (ev->type != DRAW_EV_KEY)
		return CMDLINE_NONE;
	bool ctrl = ev->mods & DRAW_MOD_CTRL;
	if (ev->key != DRAW_KEY_TAB)
		c->hint[0] = '\0';
	switch (ev->key) {
	case DRAW_KEY_ENTER:
		snprintf(out, n, "%s", c->buf);
		history_add(c, c->buf);
		c->active = false;
		return CMDLINE_EXEC;
	case DRAW_KEY_ESC:
		c->active = false;
		return CMDLINE_CANCEL;
	case DRAW_KEY_LEFT: c->cur = prev_char(c, c->cur); break;
	case DRAW_KEY_RIGHT: c->cur = next_char(c, c->cur); break;
	case DRAW_KEY_HOME: c->cur = 0; break;
	case DRAW_KEY_END: c->cur = c->len; break;
	case DRAW_KEY_BACKSPACE:
		if (c->len == 0) { /* backspace on an empty line closes it, as in vi */
			c->active = false;
			return CMDLINE_CANCEL;
		}
		erase(c, prev_char(c, c->cur), c->cur);
		break;
	case DRAW_KEY_DELETE: erase(c, c->cur, next_char(c, c->cur)); break;
	case DRAW_KEY_UP: browse(c, -1); break;
	case DRAW_KEY_DOWN: browse(c, +1); break;
	case DRAW_KEY_TAB: cmdline_complete(c); break;
	case DRAW_KEY_CHAR:
		if (ctrl) {
			switch (ev->cp) {
			case 'a': c->cur = 0; break;
			case 'e': c->cur = c->len; break;
			case 'u': erase(c, 0, c->cur); break;
			case 'k': erase(c, c->cur, c->len); break;
			case 'h': erase(c, prev_char(c, c->cur), c->cur); break;
			case 'w': {
				int i = c->cur;
				while (i > 0 && c->buf[i - 1] == ' ')
					i--;
				while (i > 0 && c->buf[i - 1] != ' ')
					i--;
				erase(c, i, c->cur);
				break;
			}
			case 'c': case 'g': c->active = false; return CMDLINE_CANCEL;
			default: break;
			}
		} else if (ev->cp >= 0x20 && ev->cp != 0x7f) {
			char u[4];
			insert(c, u, grid_utf8_encode(ev->cp, u));
		}
		break;
	default:
		break;
	}
	return CMDLINE_NONE;
}

/* ---- completion ------------------------------------------------------------ */

struct cands {
	char *v[MAX_CANDS];
	int n;
};

static void cand_add(struct cands *cs, const char *s, size_t len)
{
	if (cs->n >= MAX_CANDS)
		return;
	for (int i = 0; i < cs->n; i++)
		if (strlen(cs->v[i]) == len && strncmp(cs->v[i], s, len) == 0)
			return;
	char *d = strndup(s, len);
	if (d)
		cs->v[cs->n++] = d;
}

static void cands_free(struct cands *cs)
{
	for (int i = 0; i < cs->n; i++)
		free(cs->v[i]);
	cs->n = 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Where the command starts: after "$name =" if the line assigns. */
static int command_start(const char *s)
{
	int i = 0;
	while (s[i] == ' ')
		i++;
	if (s[i] != '$')
		return i;
	int j = i + 1;
	while (isalnum((unsigned char)s[j]) || s[j] == '_')
		j++;
	while (s[j] == ' ')
		j++;
	if (s[j] != '=')
		return i;
	j++;
	while (s[j] == ' ')
		j++;
	return j;
}

/* Command names that extend s[0..len): candidates are cut at the end of
 * the word being completed (so "pro" offers "process", "process c" offers
 * "process create"). */
static void complete_command(const struct cmdline *c, const char *s, size_t len, size_t word, struct cands *cs)
{
	for (int i = 0; i < c->nnames; i++) {
		const char *nm = c->names[i];
		if (strlen(nm) < len || strncasecmp(nm, s, len) != 0)
			continue;
		const char *sp = strchr(nm + len, ' ');
		size_t end = sp ? (size_t)(sp - nm) : strlen(nm);
		cand_add(cs, nm + word, end - word);
	}
}

static void complete_vars(const struct cmdline *c, const char *w, size_t wl, struct cands *cs)
{
	const char *name;
	uint64_t val;
	for (size_t i = 0; c->s && mm_session_var(c->s, i, &name, &val) == 0; i++) {
		char b[80];
		snprintf(b, sizeof b, "$%s", name);
		if (strncmp(b, w, wl) == 0)
			cand_add(cs, b, strlen(b));
	}
}

static void complete_flags(const char *part, size_t pl, struct cands *cs)
{
	const char *f;
	for (size_t i = 0; (f = mm_flag_name(i)); i++)
		if (strncasecmp(f, part, pl) == 0)
			cand_add(cs, f, strlen(f));
}

static void complete_files(const char *w, size_t wl, struct cands *cs)
{
	char dir[CMDLINE_MAX], *slash = memrchr(w, '/', wl);
	size_t dl = slash ? (size_t)(slash - w) + 1 : 0;
	snprintf(dir, sizeof dir, "%.*s", dl ? (int)dl : 1, dl ? w : ".");
	DIR *d = opendir(dir);
	if (!d)
		return;
	const char *base = w + dl;
	size_t bl = wl - dl;
	struct dirent *e;
	while ((e = readdir(d)) && cs->n < MAX_CANDS) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (strncmp(e->d_name, base, bl) != 0 || (e->d_name[0] == '.' && bl == 0))
			continue;
		char b[CMDLINE_MAX];
		snprintf(b, sizeof b, "%.*s%s%s", (int)dl, w, e->d_name, e->d_type == DT_DIR ? "/" : "");
		cand_add(cs, b, strlen(b));
	}
	closedir(d);
}

static size_t common_prefix(struct cands *cs, bool icase)
{
	size_t n = strlen(cs->v[0]);
	for (int i = 1; i < cs->n; i++) {
		size_t k = 0;
		while (k < n && cs->v[i][k] &&
		       (icase ? tolower((unsigned char)cs->v[i][k]) == tolower((unsigned char)cs->v[0][k])
			      : cs->v[i][k] == cs->v[0][k]))
			k++;
		n = k;
	}
	return n;
}

int cmdline_complete(struct cmdline *c)
{
	struct cands cs = {.n = 0};
	int start = command_start(c->buf);
	if (c->cur < start)
		return 0;
	/* the word before the cursor */
	int ws = c->cur;
	while (ws > start && c->buf[ws - 1] != ' ')
		ws--;
	const char *w = c->buf + ws;
	size_t wl = (size_t)(c->cur - ws);
	size_t repl_from = (size_t)ws; /* what the candidates replace */
	bool icase = false, is_cmd = false, is_flag = false;
	complete_command(c, c->buf + start, (size_t)(c->cur - start), (size_t)(ws - start), &cs);
	if (cs.n) {
		is_cmd = icase = true;
	} else if (wl && w[0] == '$') {
		complete_vars(c, w, wl, &cs);
	} else if (wl && (memchr(w, '|', wl) || isupper((unsigned char)w[0]))) {
		const char *bar = memrchr(w, '|', wl);
		const char *part = bar ? bar + 1 : w;
		repl_from = (size_t)(part - c->buf);
		complete_flags(part, (size_t)(c->buf + c->cur - part), &cs);
		icase = is_flag = true;
	} else if (ws > start) {
		complete_files(w, wl, &cs);
	}
	int n = cs.n;
	if (n == 0) {
		snprintf(c->hint, sizeof c->hint, "%s", MSG(session_lang(c->s), CL_NO_COMPLETION));
		return 0;
	}
	qsort(cs.v, (size_t)cs.n, sizeof cs.v[0], cmp_str);
	size_t keep = n == 1 ? strlen(cs.v[0]) : common_prefix(&cs, icase);
	size_t typed = (size_t)c->cur - repl_from;
	if (keep >= typed || icase) {
		erase(c, (int)repl_from, c->cur);
		c->cur = (int)repl_from;
		insert(c, cs.v[0], keep > typed || icase ? keep : typed);
	}
	/* a finished word gets its space (not a flag: "|MORE" may follow,
	 * not a directory: its files may) */
	if (n == 1 && !is_flag && (is_cmd || c->buf[c->cur - 1] != '/') && (c->cur == c->len || c->buf[c->cur] != ' '))
		insert(c, " ", 1);
	c->hint[0] = '\0';
	if (n > 1) {
		size_t len = 0;
		for (int i = 0; i < n && len + 2 < sizeof c->hint; i++) {
			int wr = snprintf(c->hint + len, sizeof c->hint - len, "%s%s", i ? "  " : "", cs.v[i]);
			if (wr < 0 || (size_t)wr >= sizeof c->hint - len)
				break;
			len += (size_t)wr;
		}
	}
	cands_free(&cs);
	return n;
}

void cmdline_draw(const struct cmdline *c, struct cellgrid *g, int y, int x, int w)
{
	if (w < 3)
		return;
	grid_fill(g, (struct grid_rect){y, x, 1, w}, ROLE_UI_CMDLINE, ' ');
	grid_put(g, y, x, ROLE_TEXT_KEY, ':');
	int avail = w - 2;
	/* columns before the cursor; scroll so the cursor stays visible */
	int ccol = 0;
	{
		char tmp[CMDLINE_MAX];
		snprintf(tmp, sizeof tmp, "%.*s", c->cur, c->buf);
		ccol = grid_text_width(tmp);
	}
	int skip = ccol >= avail ? ccol - avail + 1 : 0;
	/* find the byte where `skip` columns start */
	int i = 0, col = 0;
	while (i < c->len && col < skip) {
		uint32_t cp;
		size_t b = grid_utf8_decode(c->buf + i, (size_t)(c->len - i), &cp);
		int cw = grid_cp_width(cp);
		col += cw < 0 ? 1 : cw;
		i += (int)b;
	}
	grid_push_clip(g, (struct grid_rect){y, x + 1, 1, w - 1});
	grid_text_at(g, 0, 0, ROLE_UI_CMDLINE, c->buf + i);
	int cx = ccol - col;
	const struct cell *under = grid_cell(g, y, x + 1 + cx);
	uint32_t cp = under && under->cp && c->cur < c->len ? under->cp : ' ';
	grid_put(g, 0, cx, ROLE_UI_CURSOR, cp);
	grid_pop_clip(g);
}
