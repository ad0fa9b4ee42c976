/*
 * main.c — the command line of docs/cli.md: options, then one of the modes
 * (TUI, --free, --batch [--json], --check, --screen, --list-scenarios,
 * --list-themes, --quiz, --exercise, --help, --version).
 *
 * Precedence (docs/cli.md CLI-PRECEDENCE): defaults < the scenario's machine block < options
 * given explicitly (with a notice).
 *
 * Language (docs/cli.md CLI-LANG): what mmviz says about its command line
 * is in the language the whole command line asks for, --lang wherever it
 * stands (`mmviz --bogus --lang de` complains in German), else the
 * locale's (LC_ALL, LC_MESSAGES, LANG); cli_lang finds it before the
 * options are read. The texts are the TUI's catalogue's (msg.h, CLI_*).
 */
#include <errno.h>
#include <stdarg.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cJSON.h>

#include "app.h"
#include "config.h"
#include "jout.h"
#include "msg.h"
#include "quiz.h"
#include "scenario.h"
#include "scncheck.h"
#include "session.h"
#include "snapshot.h"
#include "theme.h"

#ifndef MMVIZ_VERSION
#define MMVIZ_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"usage: mmviz [OPTIONS] [SCENARIO]\n"
	"\n"
	"The Windows memory manager, simulated and shown at work.\n"
	"\n"
	"Modes:\n"
	"  mmviz                      the TUI on the built-in guided tour\n"
	"  mmviz FILE.json | NAME     the TUI with that scenario, paused at its first step\n"
	"  --free                     the TUI on an empty machine for free play\n"
	"  --batch [FILE|-]           no TUI: commands from FILE or stdin, results as text\n"
	"  --batch --json [FILE|-]    the same, one JSON object per command\n"
	"  --events all               with --batch: every micro-step of every command, never\n"
	"                             the summary of a command of more than 1000\n"
	"  --check SCENARIO...        run scenarios headless, verify every expect\n"
	"  --screen WxH [--at STEP] SCENARIO   print the headless screen after STEP scenario\n"
	"                             steps played to their end (0: the start; --format text|ansi|html|svg,\n"
	"                             ansi keeps colours, html and svg for slides, --ansi = --format ansi;\n"
	"                             --keys KEYS: then these keys pressed, e.g. 'e' or 'pp')\n"
	"  --quiz [TOPIC] [--plain] [--seed N] [--count N]\n"
	"                             quiz: at a terminal its screen (the panes play each\n"
	"                             solution); --plain or a pipe: questions out, one answer per\n"
	"                             line in, the worked solution after each (TOPIC: translation, faults, lists,\n"
	"                             commit, protection, sharing, workingset, layout; all)\n"
	"  --exercise [TOPIC] [--count N] [--seed N] [--solutions] [--format text|markdown]\n"
	"                             an exercise sheet of the quiz's problems\n"
	"  --list-scenarios, --list-themes\n"
	"  --help, --version\n"
	"\n"
	"Options:\n"
	"  --arch x86|pae|x64         paging mode (default x64)\n"
	"  --os win10|win7            layout version (default win10)\n"
	"  --ram SIZE                 simulated RAM, e.g. 16M, 4G (default 64M; 1M..64G)\n"
	"  --pagefile SIZE            a page file, 1M..64G (repeatable, up to 16; default 2 x RAM)\n"
	"  --tlb N                    TLB entries (power of two, 4..4096; default 64)\n"
	"  --history-limit SIZE       host memory for stepping back (16M..1024G; default a quarter\n"
	"                             of the host's RAM, at most 4G); the oldest steps go beyond it\n"
	"  --theme NAME|FILE          colour theme (default; mono with NO_COLOR)\n"
	"  --backend ncurses|tickit   terminal library (default ncurses)\n"
	"  --group N                  TUI: a command of more than N micro-steps plays as a few\n"
	"                             summary steps, e opens one (default 200; 0 never)\n"
	"  --no-questions             TUI: playback does not stop for the scenario's questions\n"
	"                             (a key toggles them too)\n"
	"  --lang en|de               narration language (default from LANG)\n"
	"  --seed N                   seed for everything random (default fixed)\n"
	"\n"
	"Sizes take K, M, G (powers of 1024) and hex. Exit status: 0 success, 1 a check\n"
	"or batch command failed, 2 bad usage.\n";

/* The same in German (docs/cli.md CLI-LANG): the same options, in the
 * same order; usage_text stays the list the option look-up reads. */
static const char usage_text_de[] =
	"Aufruf: mmviz [OPTIONS] [SCENARIO]\n"
	"\n"
	"Die Speicherverwaltung von Windows, simuliert und bei der Arbeit gezeigt.\n"
	"\n"
	"Modi:\n"
	"  mmviz                      die Oberfläche mit der eingebauten Führung (tour)\n"
	"  mmviz FILE.json | NAME     die Oberfläche mit diesem Szenario, angehalten beim ersten\n"
	"                             Schritt\n"
	"  --free                     die Oberfläche auf einer leeren Maschine (freies Spiel)\n"
	"  --batch [FILE|-]           ohne Oberfläche: Befehle aus FILE oder der Standardeingabe,\n"
	"                             Ergebnisse als Text\n"
	"  --batch --json [FILE|-]    dasselbe, ein JSON-Objekt je Befehl\n"
	"  --events all               mit --batch: jeder Mikroschritt jedes Befehls, nie die\n"
	"                             Zusammenfassung eines Befehls mit mehr als 1000\n"
	"  --check SCENARIO...        Szenarien ohne Oberfläche abspielen, jedes expect prüfen\n"
	"  --screen WxH [--at STEP] SCENARIO   den Bildschirm ausgeben, nachdem STEP Schritte des\n"
	"                             Szenarios bis zu ihrem Ende gespielt sind (0: der Anfang;\n"
	"                             --format text|ansi|html|svg, ansi behält die Farben, html und\n"
	"                             svg für Folien, --ansi = --format ansi; --keys KEYS: danach\n"
	"                             diese Tasten gedrückt, etwa 'e' oder 'pp')\n"
	"  --quiz [TOPIC] [--plain] [--seed N] [--count N]\n"
	"                             Quiz: an einem Terminal sein Bildschirm (die Bereiche spielen\n"
	"                             jede Lösung); --plain oder eine Pipe: Fragen hinaus, eine Antwort\n"
	"                             je Zeile herein, nach jeder die ausgearbeitete Lösung (TOPIC:\n"
	"                             translation, faults, lists, commit, protection, sharing,\n"
	"                             workingset, layout; all)\n"
	"  --exercise [TOPIC] [--count N] [--seed N] [--solutions] [--format text|markdown]\n"
	"                             ein Übungsblatt mit den Aufgaben des Quiz\n"
	"  --list-scenarios, --list-themes\n"
	"  --help, --version\n"
	"\n"
	"Optionen:\n"
	"  --arch x86|pae|x64         Paging-Modus (Standard x64)\n"
	"  --os win10|win7            Version des Layouts (Standard win10)\n"
	"  --ram SIZE                 simulierter RAM, etwa 16M, 4G (Standard 64M; 1M..64G)\n"
	"  --pagefile SIZE            eine Auslagerungsdatei, 1M..64G (wiederholbar, bis zu 16;\n"
	"                             Standard 2 x RAM)\n"
	"  --tlb N                    TLB-Einträge (Zweierpotenz, 4..4096; Standard 64)\n"
	"  --history-limit SIZE       Speicher des Rechners für das Zurückgehen (16M..1024G; Standard\n"
	"                             ein Viertel des RAM des Rechners, höchstens 4G); die ältesten\n"
	"                             Schritte darüber hinaus gehen verloren\n"
	"  --theme NAME|FILE          Farbschema (Standard default; mono mit NO_COLOR)\n"
	"  --backend ncurses|tickit   Terminal-Bibliothek (Standard ncurses)\n"
	"  --group N                  Oberfläche: ein Befehl mit mehr als N Mikroschritten spielt als\n"
	"                             wenige Zusammenfassungsschritte, e öffnet einen (Standard 200;\n"
	"                             0 nie)\n"
	"  --no-questions             Oberfläche: das Abspielen hält nicht für die Fragen des\n"
	"                             Szenarios an (auch eine Taste schaltet sie um)\n"
	"  --lang en|de               Sprache der Erläuterung und der Meldungen (Standard aus LANG)\n"
	"  --seed N                   Startwert für alles Zufällige (Standard fest)\n"
	"\n"
	"Größen nehmen K, M, G (Potenzen von 1024) und Hex. Rückgabewert: 0 Erfolg, 1 eine\n"
	"Prüfung oder ein Batch-Befehl schlug fehl, 2 falscher Aufruf.\n";

static void usage(FILE *out, int lang)
{
	fputs(lang ? usage_text_de : usage_text, out);
}

/* "mmviz: " and the message on standard error, as safe text (its
 * arguments are typed text: docs/output.md OUT-SAFE). */
static void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void cli_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fflush(stdout);
	fputs("mmviz: ", stderr);
	mm_text_fputs(msg, 0, stderr);
	fputc('\n', stderr);
}

/* A bad command line: the message in the language lang (fmt is
 * MSG(lang, CLI_...)), the pointer to --help, exit status 2. */
static int bad_usage(int lang, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad_usage(int lang, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cli_error("%s", msg);
	fprintf(stderr, "%s\n", MSG(lang, CLI_TRY_HELP));
	return 2;
}

enum mode { MODE_TUI, MODE_FREE, MODE_BATCH, MODE_CHECK, MODE_SCREEN, MODE_LIST, MODE_THEMES, MODE_QUIZ, MODE_EXERCISE };

struct opts {
	enum mode mode;
	bool json;
	const char *format;         /* --format (or --ansi): checked against the mode in format_check */
	bool events_all;            /* --events all (docs/cli.md CLI-MODES) */
	struct scn_machine over;    /* options given explicitly */
	const char *theme, *backend, *quiz_topic;
	struct quiz_opts quiz;      /* --plain, --count, --solutions, --format (docs/cli.md CLI-QUIZ) */
	const char *pos[256];
	int npos;
	int sw, sh;
	long at;
	bool group_given;           /* --group N (docs/tui.md TUI-SUMMARY) */
	uint64_t group;
	const char *keys;           /* --keys (docs/tui.md TUI-HEADLESS) */
	bool no_questions;          /* --no-questions (docs/tui.md TUI-ASK) */
	bool quiz_seen, plain;      /* --quiz, --plain: the quiz in the TUI or in line mode (CLI-QUIZ) */
};

static int lang_from_env(void)
{
	const char *v = getenv("LC_ALL");
	if (!v || !*v)
		v = getenv("LC_MESSAGES");
	if (!v || !*v)
		v = getenv("LANG");
	return v && !strncmp(v, "de", 2) ? 1 : 0;
}

/* --lang's value wherever it stands (the last one given), else the
 * locale's: the language of everything the command line says. */
static int cli_lang(int argc, char **argv)
{
	int lang = lang_from_env();
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--lang") && (!strcmp(argv[i + 1], "de") || !strcmp(argv[i + 1], "en")))
			lang = !strcmp(argv[++i], "de");
	return lang;
}

static int need(int lang, int i, int argc, const char *opt)
{
	if (i + 1 >= argc) {
		bad_usage(lang, MSG(lang, CLI_NEEDS_VALUE), opt);
		return -1;
	}
	return 0;
}

static const char *const machine_options[] = {"--arch", "--os", "--ram", "--pagefile", "--seed", "--history-limit",
					      "--tlb", NULL};

static bool in_list(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

/* An option mmviz does not have, with the nearest one it has: the
 * options are read from usage_text, so the list cannot drift from it. */
static int unknown_option(int lang, const char *a)
{
	struct mm_spell sp;
	char opt[40], best[40] = "";
	mm_spell_init(&sp, a);
	for (const char *p = strstr(usage_text, "--"); p; p = strstr(p + 2, "--")) {
		size_t n = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz0123456789-");
		if (n <= 2 || n >= sizeof opt)
			continue;
		memcpy(opt, p, n);
		opt[n] = '\0';
		mm_spell_try(&sp, opt);
		if (sp.best == opt) { /* opt is reused: keep the best apart */
			memcpy(best, opt, n + 1);
			sp.best = best;
		}
	}
	if (!mm_spell_best(&sp))
		return bad_usage(lang, MSG(lang, CLI_UNKNOWN_OPTION), a);
	return bad_usage(lang, MSG(lang, CLI_UNKNOWN_OPTION_HINT), a, mm_spell_best(&sp));
}

static int parse_machine_opt(struct opts *o, const char *opt, const char *val)
{
	struct mm_err err;
	struct mm_config *c = &o->over.cfg;
	int lang = c->lang;
	if (!strcmp(opt, "--arch")) {
		if (mm_arch_parse(val, &c->arch) < 0)
			return bad_usage(lang, MSG(lang, CLI_ARCH), val);
		o->over.given |= SCN_GIVEN_ARCH;
	} else if (!strcmp(opt, "--os")) {
		if (mm_os_parse(val, &c->os) < 0)
			return bad_usage(lang, MSG(lang, CLI_OS), val);
		o->over.given |= SCN_GIVEN_OS;
	} else if (!strcmp(opt, "--ram")) {
		if (mm_parse_size(val, &c->ram, -1, &err) < 0)
			return bad_usage(lang, "--ram: %s", mm_err_text(&err, lang));
		o->over.given |= SCN_GIVEN_RAM;
	} else if (!strcmp(opt, "--pagefile")) {
		if (!(o->over.given & SCN_GIVEN_PAGEFILES))
			c->npagefiles = 0;
		if (c->npagefiles >= MM_MAX_PAGEFILES)
			return bad_usage(lang, "%s", MSG(lang, CLI_PAGEFILES));
		if (mm_parse_size(val, &c->pagefile[c->npagefiles], -1, &err) < 0)
			return bad_usage(lang, "--pagefile: %s", mm_err_text(&err, lang));
		c->npagefiles++;
		o->over.given |= SCN_GIVEN_PAGEFILES;
	} else if (!strcmp(opt, "--seed")) {
		if (mm_parse_size(val, &c->seed, -1, &err) < 0)
			return bad_usage(lang, "--seed: %s", mm_err_text(&err, lang));
		o->over.given |= SCN_GIVEN_SEED;
	} else if (!strcmp(opt, "--history-limit")) {
		if (mm_parse_size(val, &c->history_limit, -1, &err) < 0)
			return bad_usage(lang, "--history-limit: %s", mm_err_text(&err, lang));
		if (c->history_limit < MM_HISTORY_MIN || c->history_limit > MM_HISTORY_MAX)
			return bad_usage(lang, MSG(lang, CLI_HISTORY), val);
		o->over.given |= SCN_GIVEN_HISTORY;
	} else if (!strcmp(opt, "--tlb")) {
		uint64_t v;
		if (mm_parse_size(val, &v, -1, &err) < 0 || !mm_config_tlb_ok(v))
			return bad_usage(lang, MSG(lang, CLI_TLB), val);
		c->tlb_entries = (int)v;
		o->over.given |= SCN_GIVEN_TLB;
	} else {
		return 1;
	}
	return 0;
}

/* --format of --screen (text, ansi, html, svg: docs/cli.md CLI-SCREEN) and
 * of --exercise and --quiz (text, markdown: CLI-EXERCISE), checked once the
 * mode is known, since the option may come before the mode's. */
static int format_check(struct opts *o)
{
	const char *v = o->format;
	int lang = o->over.cfg.lang;
	if (!v)
		return 0;
	if (o->mode == MODE_SCREEN) {
		if (snap_format_lookup(v) < 0)
			return bad_usage(lang, MSG(lang, CLI_FORMAT_SCREEN), v);
	} else if (o->mode == MODE_QUIZ || o->mode == MODE_EXERCISE) {
		if (strcmp(v, "text") && strcmp(v, "markdown"))
			return bad_usage(lang, MSG(lang, CLI_FORMAT_EXERCISE), v);
		o->quiz.markdown = !strcmp(v, "markdown");
	} else {
		return bad_usage(lang, MSG(lang, CLI_FORMAT_OTHER), v);
	}
	return 0;
}

/* --count N (1 to 1000) of --quiz and --exercise. */
static int parse_quiz_opt(struct opts *o, const char *opt, const char *val)
{
	char *end;
	long n = strtol(val, &end, 10);
	if (*end || end == val || n < 1 || n > 1000)
		return bad_usage(o->over.cfg.lang, MSG(o->over.cfg.lang, CLI_COUNT), val);
	o->quiz.count = (int)n;
	return 0;
}

/* One dimension of WxH: 1 to max decimal digits' worth, no sign, no
 * overflow (sscanf's %d has undefined behaviour past INT_MAX). */
static const char *parse_dim(const char *s, int max, int *out)
{
	long v = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && v <= max)
		v = v * 10 + (*p++ - '0');
	if (p == s || v < 1 || v > max)
		return NULL;
	*out = (int)v;
	return p;
}

static int parse_size_wxh(const char *s, int *w, int *h)
{
	const char *p = parse_dim(s, 1000, w);
	if (!p || *p != 'x')
		return -1;
	p = parse_dim(p + 1, 500, h);
	return p && !*p ? 0 : -1;
}

static int parse(int argc, char **argv, struct opts *o)
{
	mm_config_default(&o->over.cfg);
	o->over.cfg.lang = cli_lang(argc, argv);
	int lang = o->over.cfg.lang;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout, lang);
			exit(0);
		} else if (!strcmp(a, "--version")) {
			printf("mmviz %s\n", MMVIZ_VERSION);
			exit(0);
		} else if (!strcmp(a, "--batch")) {
			o->mode = MODE_BATCH;
		} else if (!strcmp(a, "--json")) {
			o->json = true;
		} else if (!strcmp(a, "--events")) {
			if (need(lang, i, argc, a) < 0)
				return 2;
			if (strcmp(argv[++i], "all"))
				return bad_usage(lang, MSG(lang, CLI_EVENTS), argv[i]);
			o->events_all = true;
		} else if (!strcmp(a, "--check")) {
			o->mode = MODE_CHECK;
		} else if (!strcmp(a, "--3gb")) {
			o->over.cfg.three_gb = true;
			o->over.given |= SCN_GIVEN_3GB;
		} else if (!strcmp(a, "--free")) {
			o->mode = MODE_FREE;
		} else if (!strcmp(a, "--list-scenarios")) {
			o->mode = MODE_LIST;
		} else if (!strcmp(a, "--list-themes")) {
			o->mode = MODE_THEMES;
		} else if (!strcmp(a, "--ansi")) {
			o->format = "ansi"; /* the older spelling of --format ansi */
		} else if (!strcmp(a, "--no-questions")) {
			o->no_questions = true;
		} else if (!strcmp(a, "--quiz")) {
			o->mode = o->mode == MODE_SCREEN ? MODE_SCREEN : MODE_QUIZ; /* --screen shows the quiz's screen */
			o->quiz_seen = true;
		} else if (!strcmp(a, "--exercise")) {
			o->mode = MODE_EXERCISE;
		} else if (!strcmp(a, "--plain") || !strcmp(a, "--solutions")) {
			o->quiz.solutions |= !strcmp(a, "--solutions"); /* --plain: the quiz is line mode (quiz.h) */
			o->plain |= !strcmp(a, "--plain");
		} else if (!strcmp(a, "--format")) {
			if (need(lang, i, argc, a) < 0)
				return 2;
			o->format = argv[++i];
		} else if (!strcmp(a, "--count")) {
			if (need(lang, i, argc, a) < 0)
				return 2;
			if ((r = parse_quiz_opt(o, a, argv[++i])) != 0)
				return r;
		} else if (!strcmp(a, "--screen")) {
			if (need(lang, i, argc, a) < 0)
				return 2;
			if (parse_size_wxh(argv[++i], &o->sw, &o->sh) < 0)
				return bad_usage(lang, MSG(lang, CLI_SCREEN), argv[i]);
			o->mode = MODE_SCREEN;
		} else if (!strcmp(a, "--group")) {
			if (need(lang, i, argc, a) < 0)
				return 2;
			struct mm_err err;
			if (mm_parse_size(argv[++i], &o->group, -1, &err) < 0 || o->group > UINT32_MAX)
				return bad_usage(lang, MSG(lang, CLI_GROUP), argv[i]);
			o->group_given = true;
		} else if (!strcmp(a, "--keys")) {
			if (need(lang, i, argc, a) < 0)
				return 2;
			const char *k = argv[++i];
			size_t len = strlen(k);
			for (size_t j = 0; j < len; j++)
				if (k[j] < 0x20 || k[j] > 0x7e)
					return bad_usage(lang, MSG(lang, CLI_KEYS), k);
			if (len > 64)
				return bad_usage(lang, MSG(lang, CLI_KEYS_MAX), k);
			o->keys = k;
		} else if (!strcmp(a, "--at")) {
			if (need(lang, i, argc, a) < 0)
				return 2;
			char *end;
			o->at = strtol(argv[++i], &end, 10);
			if (*end || o->at < 0)
				return bad_usage(lang, MSG(lang, CLI_AT), argv[i]);
		} else if (!strcmp(a, "--theme") || !strcmp(a, "--backend") || !strcmp(a, "--lang")) {
			if (need(lang, i, argc, a) < 0)
				return 2;
			const char *v = argv[++i];
			if (!strcmp(a, "--theme"))
				o->theme = v;
			else if (!strcmp(a, "--backend")) {
				if (strcmp(v, "ncurses") && strcmp(v, "tickit"))
					return bad_usage(lang, MSG(lang, CLI_BACKEND), v);
				o->backend = v;
			} else {
				if (strcmp(v, "en") && strcmp(v, "de"))
					return bad_usage(lang, MSG(lang, CLI_LANG), v);
				o->over.cfg.lang = !strcmp(v, "de");
			}
		} else if (a[0] == '-' && a[1] == '-' && a[2]) {
			if (!in_list(machine_options, a)) /* before its value: --bogus is unknown, whatever follows */
				return unknown_option(lang, a);
			if (need(lang, i, argc, a) < 0)
				return 2;
			if ((r = parse_machine_opt(o, a, argv[i + 1])) == 1)
				return bad_usage(lang, MSG(lang, CLI_UNKNOWN_OPTION), a);
			if (r)
				return r;
			i++;
		} else if (!strcmp(a, "-") || a[0] != '-') {
			if (o->npos >= (int)MM_ARRAY_LEN(o->pos))
				return bad_usage(lang, "%s", MSG(lang, CLI_TOO_MANY));
			o->pos[o->npos++] = a;
		} else {
			return unknown_option(lang, a);
		}
	}
	int fr = format_check(o);
	if (fr)
		return fr;
	/* A page file of 2 x RAM unless page files were given (docs/cli.md CLI-PRECEDENCE). */
	if (!(o->over.given & SCN_GIVEN_PAGEFILES)) {
		o->over.cfg.npagefiles = 1;
		o->over.cfg.pagefile[0] = mm_config_default_pagefile(&o->over.cfg);
	}
	return 0;
}

/* --batch input (docs/cli.md CLI-MODES, CLI-EXIT): read line by line into
 * one buffer of BATCH_MAX_LINE bytes, never the whole input, so a file
 * without newlines (/dev/zero) or a 600 MB line costs 64 KiB and ends at
 * once. A command is at most 4096 bytes (docs/commands.md CMD-LEX); a
 * longer line up to the limit is a failed command like any other, a line
 * past it or a NUL byte means the input is no command file at all, and
 * the batch stops there. */
#define BATCH_MAX_LINE (64u << 10)
#define BATCH_OUT_BUF (256u << 10)

enum batch_read { BATCH_LINE, BATCH_EOF, BATCH_TOO_LONG, BATCH_NUL, BATCH_ERROR };

/* The input read in blocks with read(2), a line found with memchr: not
 * getc a byte at a time (a fifth of a batch command's own work once). A
 * terminal's read gives one typed line, so the prompt still comes before
 * each; end of input stays ended, as stdio's EOF does. */
#define BATCH_IN_BUF (64u << 10)
struct batch_in {
	int fd;
	bool eof;
	size_t pos, len;
	char buf[BATCH_IN_BUF];
};

/* More input into bi->buf: 1, 0 at its end, -1 on an error (errno says). */
static int batch_fill(struct batch_in *bi)
{
	if (bi->eof)
		return 0;
	ssize_t r;
	do
		r = read(bi->fd, bi->buf, sizeof bi->buf);
	while (r < 0 && errno == EINTR);
	if (r <= 0) {
		bi->eof = r == 0;
		return r == 0 ? 0 : -1;
	}
	bi->pos = 0;
	bi->len = (size_t)r;
	return 1;
}

/* The next line of the input (with its newline, NUL-terminated) into buf
 * of BATCH_MAX_LINE + 2 bytes. A NUL byte, or a byte past BATCH_MAX_LINE
 * that is no newline, ends it, whichever comes first (the NUL when both
 * are the same byte). */
static enum batch_read batch_line(struct batch_in *bi, char *buf)
{
	size_t n = 0;
	for (;;) {
		if (bi->pos == bi->len) {
			int r = batch_fill(bi);
			if (r < 0)
				return BATCH_ERROR;
			if (r == 0)
				break;
		}
		const char *p = bi->buf + bi->pos;
		size_t avail = bi->len - bi->pos;
		const char *nl = memchr(p, '\n', avail);
		size_t k = nl ? (size_t)(nl - p) + 1 : avail, text = k - (nl != NULL);
		size_t room = BATCH_MAX_LINE - n; /* bytes other than the newline still allowed */
		const char *z = memchr(p, '\0', text);
		if (z && (size_t)(z - p) <= room)
			return BATCH_NUL;
		if (text > room)
			return BATCH_TOO_LONG;
		memcpy(buf + n, p, k);
		n += k;
		bi->pos += k;
		if (nl)
			break;
	}
	buf[n] = '\0';
	return n ? BATCH_LINE : BATCH_EOF;
}

/* Why the input stopped, on standard error; returns 1 (docs/cli.md CLI-EXIT). */
static int batch_input_error(int lang, enum batch_read r, const char *name, unsigned long line, int errnum)
{
	if (r == BATCH_TOO_LONG)
		cli_error(MSG(lang, CLI_BATCH_LONG), name, line, BATCH_MAX_LINE);
	else if (r == BATCH_NUL)
		cli_error(MSG(lang, CLI_BATCH_NUL), name, line);
	else
		cli_error(MSG(lang, CLI_BATCH_READ), name, line, strerror(errnum));
	return 1;
}

/* Opens --batch's FILE (NULL or "-": standard input). A directory opens
 * but reads nothing, so it is refused by name. NULL after an error. */
static FILE *batch_open(int lang, const char *path)
{
	if (!path || !strcmp(path, "-"))
		return stdin;
	FILE *in = fopen(path, "r");
	struct stat st;
	int errnum = errno;
	if (in && fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(in);
		in = NULL;
		errnum = EISDIR;
	}
	if (!in)
		cli_error(MSG(lang, CLI_BATCH_OPEN), path, strerror(errnum));
	return in;
}

static int batch_exec(struct session *s, const char *line, bool json)
{
	if (!json)
		return session_exec_text(s, line, stdout) < 0 ? 1 : 0;
	return session_exec_jsonl(s, line, stdout) < 0 ? 1 : 0;
}

static int run_batch(struct opts *o)
{
	int lang = o->over.cfg.lang;
	if (o->npos > 1)
		return bad_usage(lang, "%s", MSG(lang, CLI_BATCH_ONE_FILE));
	const char *name = o->npos == 1 && strcmp(o->pos[0], "-") ? o->pos[0] : MSG(lang, CLI_STDIN);
	FILE *in = batch_open(lang, o->npos ? o->pos[0] : NULL);
	if (!in)
		return 1;
	struct mm_err err;
	struct mm_config cfg = o->over.cfg;
	struct session *s = session_new(&cfg, &err);
	char *line = malloc(BATCH_MAX_LINE + 2);
	struct batch_in *bi = malloc(sizeof *bi);
	int status = 0;
	if (bi)
		*bi = (struct batch_in){.fd = fileno(in)};
	if (!s || !line || !bi) {
		cli_error("%s", s ? MSG(lang, CLI_OOM) : mm_err_text(&err, lang));
		status = 2;
	}
	/* Into a file or a pipe, output goes out in blocks of BATCH_OUT_BUF,
	 * not 4 KiB: a command prints a few lines, a huge one with --events
	 * all millions. (Static: stdout may use it until exit.) A terminal
	 * keeps its line buffering. */
	static char outbuf[BATCH_OUT_BUF];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	if (s) {
		session_keep_history(s, false); /* batch mode never steps back */
		session_events_all(s, o->events_all);
	}
	/* typed at a terminal: a prompt, on standard error so that the
	 * output stays the commands' alone */
	bool prompt = in == stdin && isatty(STDIN_FILENO);
	if (s && prompt && isatty(STDOUT_FILENO))
		session_echo(s, false); /* the terminal shows the line typed: no "> line" twice */
	if (prompt)
		fputs(o->over.cfg.lang ? "mmviz --batch: Befehle eingeben (help listet sie, Strg-D beendet)\n"
				       : "mmviz --batch: type commands (help lists them, Ctrl-D ends)\n", stderr);
	for (unsigned long n = 1; status != 2; n++) {
		if (prompt) {
			fflush(stdout);
			fputs("mmviz> ", stderr);
		}
		enum batch_read r = batch_line(bi, line);
		if (r == BATCH_EOF)
			break;
		if (r != BATCH_LINE) {
			status = batch_input_error(lang, r, name, n, errno);
			break;
		}
		status |= batch_exec(s, line, o->json);
	}
	free(bi);
	free(line);
	session_free(s);
	if (in != stdin)
		fclose(in);
	return status;
}

/* The listings print names, titles and paths taken from files and file
 * names, anyone's text: as safe text (docs/output.md OUT-SAFE), so a title
 * holding "\u001b[31m" shows a U+FFFD and colours nothing. */
static void list_field(const char *s, int pad)
{
	char buf[512];
	if (mm_text_safe(buf, sizeof buf, s, 0) < sizeof buf)
		printf("%-*s", pad, buf);
	else
		mm_text_fputs(s, 0, stdout);
}

static void list_one(void *ud, const struct scn_entry *e)
{
	int lang = *(int *)ud;
	list_field(e->name, 24);
	fputs(e->sc ? " " : MSG(lang, CLI_NO_LOAD), stdout);
	list_field(e->sc ? scn_text_get(&e->sc->title, lang) : e->err ? e->err->msg : "?", 0);
	if (e->sc && e->sc->course.order)       /* the course path (docs/scenarios.md SCN-COURSE) */
		printf(lang == 1 ? "  (Kurs %d, %d Min.)" : "  (course %d, %d min)", e->sc->course.order,
		       e->sc->course.minutes);
	fputs(e->sc ? "\n" : ")\n", stdout);
}

static void list_theme(void *ud, const char *name, const char *path)
{
	int lang = *(int *)ud;
	struct theme t;
	struct mm_err err;
	int r = path ? theme_load_file(&t, path, &err) : theme_builtin(&t, name);
	list_field(name, 16);
	if (r < 0) {
		fputs(MSG(lang, CLI_NO_LOAD), stdout);
		list_field(path ? mm_err_text(&err, lang) : "?", 0);
		fputs(")\n", stdout);
		return;
	}
	fputc(' ', stdout);
	list_field(t.title, 0);
	fputs(path ? "  " : MSG(lang, CLI_BUILT_IN), stdout);
	list_field(path ? path : "", 0);
	fputc('\n', stdout);
}

static int tui_mode(struct opts *o)
{
	struct app_opts a = {.cfg = o->over.cfg, .theme = o->theme, .backend = o->backend ? o->backend : "ncurses",
			     .given = o->over.given, .group_given = o->group_given, .group = o->group,
			     .no_questions = o->no_questions};
	int lang = o->over.cfg.lang;
	if (o->mode == MODE_FREE) {
		if (o->npos)
			return bad_usage(lang, MSG(lang, CLI_FREE_NO_SCENARIO), o->pos[0]);
		a.free_play = true;
	} else {
		if (o->npos > 1)
			return bad_usage(lang, MSG(lang, CLI_ONE_SCENARIO), o->pos[1]);
		a.scenario = o->npos ? o->pos[0] : "tour";
	}
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) { /* name the one that is not */
		cli_error("%s", isatty(STDOUT_FILENO) ? MSG(lang, CLI_NOT_TTY_IN) : MSG(lang, CLI_NOT_TTY_OUT));
		return 2;
	}
	const char *term = getenv("TERM");
	if (!term || !*term || !strcmp(term, "dumb")) {
		cli_error(MSG(lang, CLI_TERM), term ? term : "");
		return 2;
	}
	return app_run(&a);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct opts o = {0};
	int r = parse(argc, argv, &o);
	if (r)
		return r;
	int lang = o.over.cfg.lang;
	switch (o.mode) {
	case MODE_BATCH:
		return run_batch(&o);
	case MODE_CHECK:
		if (!o.npos)
			return bad_usage(lang, "%s", MSG(lang, CLI_CHECK_NEEDS));
		return scncheck_run(o.pos, o.npos, &o.over, stdout) ? 1 : 0;
	case MODE_LIST:
		return scenario_list(list_one, &o.over.cfg.lang) < 0 ? 1 : 0;
	case MODE_SCREEN: {
		if (o.quiz_seen ? o.npos > 1 : o.npos != 1)
			return bad_usage(lang, "%s", o.quiz_seen ? MSG(lang, CLI_QUIZ_ONE) : MSG(lang, CLI_SCREEN_ONE));
		struct app_opts a = {.cfg = o.over.cfg, .scenario = o.quiz_seen ? NULL : o.pos[0], .theme = o.theme,
				     .given = o.over.given, .group_given = o.group_given, .group = o.group, .keys = o.keys,
				     .no_questions = o.no_questions, .quiz = o.quiz_seen,
				     .quiz_topic = o.quiz_seen && o.npos ? o.pos[0] : NULL, .quiz_count = o.quiz.count};
		return app_screen(&a, o.sw, o.sh, o.at, o.format ? snap_format_lookup(o.format) : SNAP_TEXT, stdout);
	}
	case MODE_THEMES:
		return theme_list(list_theme, &o.over.cfg.lang) < 0 ? 1 : 0;
	case MODE_QUIZ:
	case MODE_EXERCISE:
		if (o.npos > 1)
			return o.mode == MODE_QUIZ ? bad_usage(lang, MSG(lang, CLI_QUIZ_EXTRA), o.pos[1])
						   : bad_usage(lang, MSG(lang, CLI_EXERCISE_EXTRA), o.pos[1]);
		o.quiz.topic = o.npos ? o.pos[0] : NULL;
		o.quiz.seed = o.over.cfg.seed;
		o.quiz.lang = o.over.cfg.lang;
		if (o.mode == MODE_QUIZ && !o.plain && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
			/* at a terminal: the quiz's screen (docs/tui.md TUI-QUIZ) */
			struct app_opts a = {.cfg = o.over.cfg, .theme = o.theme, .backend = o.backend ? o.backend : "ncurses",
					     .given = o.over.given, .quiz = true, .quiz_topic = o.quiz.topic,
					     .quiz_count = o.quiz.count};
			const char *term = getenv("TERM");
			if (term && *term && strcmp(term, "dumb"))
				return app_run(&a);
		}
		return o.mode == MODE_QUIZ ? quiz_run(&o.quiz, stdin, stdout) : quiz_sheet(&o.quiz, stdout);
	default:
		return tui_mode(&o);
	}
}
