/*
 * keymap.c — the key table (keymap.h): every key, its action and its help
 * line.  To add a key, add a row to keymap[]; the help screen and the hints
 * follow.
 */
#include "keymap.h"
#include "msg.h"

#include <stdio.h>
#include <string.h>

#define CH(c) DRAW_KEY_CHAR, (c)
#define K(k) DRAW_KEY_##k, 0

static const struct keybind keymap[] = {
	{CH(' '), 0, ACT_PLAY, "space"},
	{K(RIGHT), 0, ACT_NEXT, "right"},
	{CH('n'), 0, ACT_NEXT, "n"},
	{K(LEFT), 0, ACT_PREV, "left"},
	{CH('p'), 0, ACT_PREV, "p"},
	{CH('N'), 0, ACT_NEXT_CMD, "N"},
	{CH('P'), 0, ACT_PREV_CMD, "P"},
	{K(PGDN), 0, ACT_NEXT_STEP, "PgDn"},
	{K(PGUP), 0, ACT_PREV_STEP, "PgUp"},
	{CH('+'), 0, ACT_FASTER, "+"},
	{CH('='), 0, ACT_FASTER, NULL},
	{CH('-'), 0, ACT_SLOWER, "-"},
	{K(HOME), 0, ACT_FIRST, "Home"},
	{K(END), 0, ACT_LAST, "End"},
	{CH('e'), 0, ACT_EXPAND, "e"},
	{CH('a'), 0, ACT_QUESTIONS, "a"},
	{CH(':'), 0, ACT_CMDLINE, ":"},
	{CH('?'), 0, ACT_HELP, "?"},
	{K(F1), 0, ACT_HELP, "F1"},
	{CH('q'), 0, ACT_QUIT, "q"},
	{CH('c'), DRAW_MOD_CTRL, ACT_QUIT, "C-c"},
	{K(TAB), 0, ACT_FOCUS_NEXT, "Tab"},
	{K(BACKTAB), 0, ACT_FOCUS_PREV, "S-Tab"},
	{CH('l'), DRAW_MOD_CTRL, ACT_REDRAW, "C-l"},
	{CH('S'), 0, ACT_SNAPSHOT, "S"},
	{CH('t'), 0, ACT_SCR_PROCS, "t"},
	{CH('w'), 0, ACT_SCR_WSET, "w"},
	{CH('v'), 0, ACT_SCR_VAD, "v"},
	{CH('o'), 0, ACT_SCR_POOL, "o"},
	{CH('f'), 0, ACT_SCR_PAGEFILE, "f"},
	{CH('s'), 0, ACT_SCR_SECTIONS, "s"},
	{CH('O'), 0, ACT_SCR_OUTPUT, "O"},
	{CH('r'), 0, ACT_SCR_USECOUNTS, "r"},
	{CH('m'), 0, ACT_SCR_PHYSPAGES, "m"},
	{CH('F'), 0, ACT_SCR_FILESUM, "F"},
	{CH('2'), 0, ACT_SCR_SPLIT, "2"},
	{CH('L'), 0, ACT_SCR_POLICIES, "L"},
	{CH('Q'), 0, ACT_QUIZ, "Q"},
};

static const char *const action_help[2][ACT_COUNT] = {
	{
		[ACT_PLAY] = "play / pause (in the reading countdown: go on)",
		[ACT_NEXT] = "next micro-step or summary step (runs steps)",
		[ACT_PREV] = "previous: the exact earlier state",
		[ACT_NEXT_CMD] = "next command",
		[ACT_PREV_CMD] = "previous",
		[ACT_NEXT_STEP] = "next scenario step",
		[ACT_PREV_STEP] = "previous (on a screen: page)",
		[ACT_FASTER] = "faster",
		[ACT_SLOWER] = "slower",
		[ACT_FIRST] = "first step (the booted machine)",
		[ACT_LAST] = "last (runs every step)",
		[ACT_EXPAND] = "open a summary step into its micro-steps / close it",
		[ACT_CMDLINE] = "command line (Tab completes, Up/Down history)",
		[ACT_HELP] = "this help",
		[ACT_QUIT] = "quit",
		[ACT_FOCUS_NEXT] = "next pane",
		[ACT_FOCUS_PREV] = "previous",
		[ACT_REDRAW] = "redraw the screen",
		[ACT_SNAPSHOT] = "snapshot for slides (mmviz-NNN.html)",
		[ACT_QUESTIONS] = "questions on / off (off: playback never waits)",
		[ACT_SCR_PROCS] = "processes",
		[ACT_SCR_WSET] = "working set",
		[ACT_SCR_VAD] = "VAD tree",
		[ACT_SCR_POOL] = "pools",
		[ACT_SCR_PAGEFILE] = "page files",
		[ACT_SCR_SECTIONS] = "sections",
		[ACT_SCR_OUTPUT] = "the command's whole output, paged (< > sideways)",
		[ACT_SCR_USECOUNTS] = "use counts",
		[ACT_SCR_PHYSPAGES] = "phys. pages",
		[ACT_SCR_FILESUM] = "files",
		[ACT_SCR_SPLIT] = "2 processes",
		[ACT_SCR_POLICIES] = "policies lab",
		[ACT_QUIZ] = "quiz",
	},
	{
		[ACT_PLAY] = "Abspielen / Pause (in der Lesezeit: weiter)",
		[ACT_NEXT] = "nächster Mikro- oder Zusammenfassungsschritt",
		[ACT_PREV] = "voriger: genau der frühere Zustand",
		[ACT_NEXT_CMD] = "nächster Befehl",
		[ACT_PREV_CMD] = "voriger",
		[ACT_NEXT_STEP] = "nächster Szenarioschritt",
		[ACT_PREV_STEP] = "voriger (Ansicht: blättern)",
		[ACT_FASTER] = "schneller",
		[ACT_SLOWER] = "langsamer",
		[ACT_FIRST] = "Anfang (frisch gestartet)",
		[ACT_LAST] = "Ende (alle Schritte)",
		[ACT_EXPAND] = "Zusammenfassung aufklappen / zuklappen",
		[ACT_CMDLINE] = "Befehlszeile (Tab ergänzt, Auf/Ab: Verlauf)",
		[ACT_HELP] = "diese Hilfe",
		[ACT_QUIT] = "beenden",
		[ACT_FOCUS_NEXT] = "nächster Bereich",
		[ACT_FOCUS_PREV] = "voriger",
		[ACT_REDRAW] = "neu zeichnen",
		[ACT_SNAPSHOT] = "Schnappschuss für Folien (mmviz-NNN.html)",
		[ACT_QUESTIONS] = "Fragen an / aus (aus: die Wiedergabe wartet nie)",
		[ACT_SCR_PROCS] = "Prozesse",
		[ACT_SCR_WSET] = "Arbeitssatz",
		[ACT_SCR_VAD] = "VAD-Baum",
		[ACT_SCR_POOL] = "Pools",
		[ACT_SCR_PAGEFILE] = "Auslagerungsdateien",
		[ACT_SCR_SECTIONS] = "Abschnitte",
		[ACT_SCR_OUTPUT] = "die ganze Ausgabe, blätterbar (< > seitwärts)",
		[ACT_SCR_USECOUNTS] = "Verwendung",
		[ACT_SCR_PHYSPAGES] = "phys. Seiten",
		[ACT_SCR_FILESUM] = "Dateien",
		[ACT_SCR_SPLIT] = "2 Prozesse",
		[ACT_SCR_POLICIES] = "Strategien-Labor",
		[ACT_QUIZ] = "Quiz",
	},
};

/* The short hints of the bottom line, in order of importance, with the
 * keys as shown there (German keyboards label End "Ende"); the first
 * seven fit 80 columns in both languages (German exactly). */
static const struct {
	enum tui_action act;
	const char *keys[2];
	const char *text[2];
} hints[] = {
	{ACT_PLAY, {"space", "Leertaste"}, {"play", "Start"}},
	{ACT_NEXT, {"n/p", "n"}, {"step", "Schritt"}},
	{ACT_NEXT_CMD, {"N", "N"}, {"cmd", "Befehl"}},
	{ACT_LAST, {"End", "Ende"}, {"end", "Schluss"}},
	{ACT_EXPAND, {"e", "e"}, {"open", "auf/zu"}},
	{ACT_CMDLINE, {":", ":"}, {"command", "Eingabe"}},
	{ACT_HELP, {"?", "?"}, {"help", "Hilfe"}},
	{ACT_QUIT, {"q", "q"}, {"quit", "beenden"}},
	{ACT_FOCUS_NEXT, {"Tab", "Tab"}, {"pane", "Bereich"}},
	{ACT_FASTER, {"+-", "+-"}, {"speed", "Tempo"}},
	{ACT_SCR_OUTPUT, {"O", "O"}, {"output", "Ausgabe"}},
};

enum tui_action keymap_lookup(const struct draw_event *ev)
{
	if (ev->type != DRAW_EV_KEY)
		return ACT_NONE;
	for (size_t i = 0; i < sizeof keymap / sizeof keymap[0]; i++) {
		const struct keybind *b = &keymap[i];
		unsigned cm = DRAW_MOD_CTRL | DRAW_MOD_ALT; /* shift is in the character */
		if (b->key != ev->key || (b->mods & cm) != (ev->mods & cm))
			continue;
		if (b->key == DRAW_KEY_CHAR && b->cp != ev->cp)
			continue;
		return b->act;
	}
	return ACT_NONE;
}

const char *keymap_action_help_lang(enum tui_action a, int lang)
{
	return a > ACT_NONE && a < ACT_COUNT && action_help[lang ? 1 : 0][a] ? action_help[lang ? 1 : 0][a] : "";
}

const char *keymap_action_help(enum tui_action a)
{
	return keymap_action_help_lang(a, 0);
}

/* Key names as German keyboards label them. */
static const char *key_name(const char *name, int lang)
{
	static const char *const de[][2] = {{"space", "Leertaste"}, {"right", "rechts"}, {"left", "links"},
					    {"Home", "Pos1"},	    {"End", "Ende"},	  {"S-Tab", "Umsch-Tab"},
					    {"C-c", "Strg-c"},	    {"C-l", "Strg-l"},
					    {"PgDn", "Bild\u2193"},  {"PgUp", "Bild\u2191"}};
	for (size_t i = 0; lang && i < sizeof de / sizeof de[0]; i++)
		if (!strcmp(de[i][0], name))
			return de[i][1];
	return name;
}

const char *keymap_keys(enum tui_action a, char *buf, size_t n)
{
	return keymap_keys_lang(a, 0, buf, n);
}

const char *keymap_keys_lang(enum tui_action a, int lang, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof keymap / sizeof keymap[0]; i++) {
		if (keymap[i].act != a || !keymap[i].name)
			continue;
		int w = snprintf(buf + len, n - len, "%s%s", len ? " " : "", key_name(keymap[i].name, lang));
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

/* The help's lines: an action, or up to four that go together ("N / P"). */
static const enum tui_action help_lines[][4] = {
	{ACT_PLAY},
	{ACT_NEXT},
	{ACT_PREV},
	{ACT_NEXT_CMD, ACT_PREV_CMD},
	{ACT_NEXT_STEP, ACT_PREV_STEP},
	{ACT_FIRST, ACT_LAST},
	{ACT_EXPAND},
	{ACT_QUESTIONS, ACT_QUIZ},
	{ACT_FASTER, ACT_SLOWER},
	{ACT_CMDLINE},
	{ACT_FOCUS_NEXT, ACT_FOCUS_PREV}, /* folded into the pane heading when rows are short */
	{ACT_HELP, ACT_QUIT},
	{ACT_REDRAW, ACT_SNAPSHOT},
	{ACT_SCR_PROCS, ACT_SCR_WSET, ACT_SCR_VAD},
	{ACT_SCR_POOL, ACT_SCR_PAGEFILE, ACT_SCR_SECTIONS, ACT_SCR_POLICIES},
	{ACT_SCR_OUTPUT},
	{ACT_SCR_USECOUNTS, ACT_SCR_PHYSPAGES, ACT_SCR_FILESUM, ACT_SCR_SPLIT},
};

int keymap_help_rows(int npane)
{
	return (int)MM_ARRAY_LEN(help_lines) + (npane > 0 ? 1 + npane : 0) + 1 + 2; /* and the box */
}

void keymap_draw_help(struct cellgrid *g, struct grid_rect r, const char *const *pane_keys, int npane, int lang)
{
	grid_fill(g, r, ROLE_TEXT_NORMAL, ' ');
	grid_box(g, r, ROLE_BORDER_FOCUSED, MSG(lang, KH_TITLE));
	grid_push_clip(g, (struct grid_rect){r.y + 1, r.x + 2, r.h - 2, r.w - 4});
	int y = 0;
	bool fold = r.h < keymap_help_rows(npane); /* 80x24: the Tab line goes into the pane heading */
	char keys[64], k2[64], help[160];
	for (size_t i = 0; i < MM_ARRAY_LEN(help_lines); i++, y++) {
		enum tui_action a = help_lines[i][0];
		if (fold && a == ACT_FOCUS_NEXT) {
			y--;
			continue;
		}
		keymap_keys_lang(a, lang, keys, sizeof keys);
		snprintf(help, sizeof help, "%s", keymap_action_help_lang(a, lang));
		for (int j = 1; j < 4 && help_lines[i][j] != ACT_NONE; j++) {
			enum tui_action b = help_lines[i][j];
			size_t kl = strlen(keys);
			snprintf(keys + kl, sizeof keys - kl, " / %s", keymap_keys_lang(b, lang, k2, sizeof k2));
			size_t hl = strlen(help);
			snprintf(help + hl, sizeof help - hl, " / %s", keymap_action_help_lang(b, lang));
		}
		if (a == ACT_SCR_PROCS)
			snprintf(help + strlen(help), sizeof help - strlen(help), "%s", MSG(lang, KH_ESC_BACK));
		grid_text_at(g, y, 0, ROLE_TEXT_KEY, keys);
		grid_text_at(g, y, 16, ROLE_TEXT_NORMAL, help);
	}
	if (npane > 0)
		grid_text_at(g, y++, 0, ROLE_TEXT_HEADING,
			     fold ? MSG(lang, KH_FOCUSED_FOLD) : MSG(lang, KH_FOCUSED));
	for (int i = 0; i < npane; i++, y++) {
		const char *tab = strchr(pane_keys[i], '\t');
		int kl = tab ? (int)(tab - pane_keys[i]) : (int)strlen(pane_keys[i]);
		grid_textn_at(g, y, 0, ROLE_TEXT_KEY, pane_keys[i], (size_t)kl);
		if (tab)
			grid_text_at(g, y, 16, ROLE_TEXT_NORMAL, tab + 1);
	}
	grid_text_at(g, y, 0, ROLE_TEXT_DIM, MSG(lang, KH_MOUSE));
	grid_pop_clip(g);
}

void keymap_draw_hints(struct cellgrid *g, int y, int x, int w, int lang)
{
	keymap_draw_hints_first(g, y, x, w, lang, ACT_NONE, false);
}

void keymap_draw_hints_first(struct cellgrid *g, int y, int x, int w, int lang, enum tui_action first, bool playing)
{
	static const char *const pause[2] = {"pause", "Pause"};
	int end = x + w;
	char item[96];
	size_t order[sizeof hints / sizeof hints[0]], n = 0; /* first's hint, then the others in order */
	for (size_t i = 0; i < MM_ARRAY_LEN(hints); i++)
		if (hints[i].act == first)
			order[n++] = i;
	for (size_t i = 0; i < MM_ARRAY_LEN(hints); i++)
		if (hints[i].act != first)
			order[n++] = i;
	for (size_t j = 0; j < n; j++) {
		size_t i = order[j];
		const char *keys = hints[i].keys[lang ? 1 : 0], *text = hints[i].text[lang ? 1 : 0];
		if (hints[i].act == ACT_PLAY && playing)
			text = pause[lang ? 1 : 0];
		snprintf(item, sizeof item, "%s %s", keys, text);
		int iw = grid_text_width(item);
		if (x + iw > end)
			break;
		int kw = grid_text_width(keys);
		grid_text_at(g, y, x, ROLE_TEXT_KEY, keys);
		grid_text_at(g, y, x + kw + 1, ROLE_TEXT_DIM, text);
		x += iw + 2;
	}
}
