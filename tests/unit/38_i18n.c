/*
 * 38_i18n.c — German throughout (docs/tui.md TUI-LANG, docs/glossary.md):
 * the message catalogue (tui/msg.h) is complete, each German text takes
 * the same arguments as its English one; German screens of every shipped
 * scenario (80x24 and 160x48, stepped through, every further screen and
 * the help opened) and of free play show no English text of the
 * catalogue; and neither the catalogue, the German texts of the shipped
 * scenarios nor the micro-steps of any scenario use a word the glossary
 * forbids (GLO-FORBIDDEN). The command language's catalogue
 * (core/lang/langmsg.h) and the commands' help are complete in German
 * too, and a German screen with command errors, `help` and the key help
 * holds no English text of the catalogues (docs/commands.md CMD-LANG-DE).
 * What the file reader says about a refused scenario or theme is German
 * too (core/scenario/scnmsg.h), and its code passes no plain English text
 * where the words are made.
 *
 * Run from the repository's top directory (tests/run-all.sh does): it
 * reads tui/msg.h and docs/glossary.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cJSON.h>
#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keymap.h"
#include "lang/cmd.h"
#include "base/basemsg.h"
#include "lang/langmsg.h"
#include "mm/mmmsg.h"
#include "scenario/scnmsg.h"
#include "theme.h"
#include "win32/w32msg.h"
#include "msg.h"
#include "mm.h"
#include "scenario.h"
#include "session.h"
#include "testlib.h"
#include "tlscreen.h"

/* ---- words ---------------------------------------------------------------- */

static bool is_letter(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80; /* UTF-8 umlauts count as letters */
}

/* Where word w occurs in t as a whole word (no letter either side), or NULL. */
static const char *find_word(const char *t, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(t, w); p; p = strstr(p + 1, w)) {
		bool before = p > t && is_letter((unsigned char)p[-1]) && is_letter((unsigned char)w[0]);
		bool after = is_letter((unsigned char)p[n]) && is_letter((unsigned char)w[n - 1]);
		if (!before && !after)
			return p;
	}
	return NULL;
}

/* The length of the printf conversion at s ('%'), 0 when none. */
static size_t conv_len(const char *s)
{
	size_t i = 1;
	if (s[i] == '%')
		return 2;
	while (s[i] && strchr("-+ #0", s[i]))
		i++;
	while (isdigit((unsigned char)s[i]) || s[i] == '.' || s[i] == '*')
		i++;
	while (s[i] && strchr("hlLqjzt", s[i]))
		i++;
	return s[i] && strchr("diouxXeEfgGcspn", s[i]) ? i + 1 : 0;
}

/* The conversions of a format, one after another ("%d%s%llu"). */
static void conversions(const char *f, char *out, size_t n)
{
	size_t o = 0;
	out[0] = '\0';
	for (const char *p = f; *p; p++) {
		size_t k = *p == '%' ? conv_len(p) : 0;
		if (!k)
			continue;
		if (o + k + 1 < n) {
			memcpy(out + o, p, k);
			o += k;
			out[o] = '\0';
		}
		p += k - 1;
	}
}

/* ---- the glossary's forbidden words -------------------------------------- */

#define FORBID_MAX 64
static char forbidden[FORBID_MAX][48];
static int nforbidden;

/* Reads the `word` items of docs/glossary.md GLO-FORBIDDEN. */
static void load_forbidden(void)
{
	if (nforbidden)
		return;
	FILE *f = fopen("docs/glossary.md", "r");
	assert_non_null(f);
	char line[512];
	bool in = false;
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, "## ", 3))
			in = strstr(line, "GLO-FORBIDDEN") != NULL;
		if (!in || strncmp(line, "- `", 3) != 0)
			continue;
		char *e = strchr(line + 3, '`');
		if (!e || nforbidden == FORBID_MAX)
			continue;
		*e = '\0';
		char *w = line + 3;
		while (*w == ' ')
			w++;
		for (size_t l = strlen(w); l && w[l - 1] == ' '; l--)
			w[l - 1] = '\0';
		snprintf(forbidden[nforbidden++], sizeof forbidden[0], "%.47s", w);
	}
	fclose(f);
	assert_true(nforbidden >= 5); /* the section was found */
}

/* A word in single quotes is a name quoted, as a tool shows it (VMMap's
 * column 'Working Set'), not German prose. */
static bool quoted(const char *t, const char *p, size_t n)
{
	return p > t && p[-1] == '\'' && p[n] == '\'';
}

static void no_forbidden(const char *t, const char *where)
{
	load_forbidden();
	for (int i = 0; i < nforbidden; i++) {
		const char *p = find_word(t, forbidden[i]);
		while (p && quoted(t, p, strlen(forbidden[i])))
			p = find_word(p + 1, forbidden[i]);
		if (p)
			fail_msg("%s: the glossary forbids \"%s\" (docs/glossary.md GLO-FORBIDDEN): ...%.60s", where,
				 forbidden[i], p);
	}
}

/* ---- the catalogue ------------------------------------------------------- */

static void test_catalogue_complete(void **state)
{
	(void)state;
	/* every "#define M_" line of msg.h is in MSG_IDS, so the table has it */
	FILE *f = fopen("tui/msg.h", "r");
	assert_non_null(f);
	char line[1024];
	int defs = 0;
	while (fgets(line, sizeof line, f))
		defs += !strncmp(line, "#define M_", 10);
	fclose(f);
	assert_int_equal(defs, MSG_COUNT);
	for (int i = 0; i < MSG_COUNT; i++) {
		const char *en = msg_text(0, (enum msg_id)i), *de = msg_text(1, (enum msg_id)i);
		char ce[64], cd[64];
		if (!*en || !*de)
			fail_msg("%s: a language is empty", msg_name((enum msg_id)i));
		conversions(en, ce, sizeof ce);
		conversions(de, cd, sizeof cd);
		if (strcmp(ce, cd))
			fail_msg("%s: English takes \"%s\", German \"%s\"", msg_name((enum msg_id)i), ce, cd);
		no_forbidden(de, msg_name((enum msg_id)i));
		if (find_word(de, "du") || find_word(de, "dich") || find_word(de, "dein"))
			fail_msg("%s: German says \"du\": mmviz says \"Sie\"", msg_name((enum msg_id)i));
	}
	assert_string_equal(msg_text(1, MSG_PF_TITLE), "Auslagerungsdateien");
	assert_string_equal(msg_text(0, MSG_COUNT), "");
}

/* ---- English left on German screens --------------------------------------- */

#define FRAG_MAX 1024
static struct frag {
	char text[128];
	int id;
} frags[FRAG_MAX];
static int nfrags;

/* Does any German text of the catalogue hold w as a word? (Then w is a
 * word of both languages: "Tag", "PFN", "Offset" ...) */
static bool german_word(const char *w)
{
	for (int i = 0; i < MSG_COUNT; i++)
		if (find_word(msg_text(1, (enum msg_id)i), w))
			return true;
	return false;
}

/* The next piece of an English text at *p, cut at a conversion, a tab, a
 * run of blanks or one of the characters in stops, trimmed to its first
 * and last letter, in piece (n bytes); *p moves past it and *letters
 * counts its ASCII letters. */
static const char *next_piece(const char **p, const char *stops, char *piece, size_t n, int *letters)
{
	const char *t = *p;
	size_t o = 0;
	while (*t && *t != '%' && *t != '\t' && !strchr(stops, *t) && !(t[0] == ' ' && t[1] == ' ') && o + 1 < n)
		piece[o++] = *t++;
	piece[o] = '\0';
	if (*t == '%')
		t += conv_len(t) ? conv_len(t) : 1;
	else if (*t)
		t++;
	*p = t;
	char *s = piece;
	while (*s && !is_letter((unsigned char)*s))
		s++;
	for (size_t l = strlen(s); l && !is_letter((unsigned char)s[l - 1]); l--)
		s[l - 1] = '\0';
	*letters = 0;
	for (const char *q = s; *q; q++)
		*letters += isalpha((unsigned char)*q) != 0;
	return s;
}

/* The English texts of the catalogue as the screen can show them: cut at
 * the conversions, tabs and runs of blanks (column heads), each piece with
 * at least three letters that German does not use too. */
static void load_frags(void)
{
	if (nfrags)
		return;
	for (int i = 0; i < MSG_COUNT; i++) {
		/* a frame's use in the PFN line: in English the name itself
		 * (mm_frame's "private"), which WinDbg's !vad shows in both */
		if (i >= MSG_PFN_USE_PRIVATE && i <= MSG_PFN_USE_SHAREABLE)
			continue;
		const char *p = msg_text(0, (enum msg_id)i);
		while (*p) {
			char piece[128];
			int letters;
			const char *s = next_piece(&p, "", piece, sizeof piece, &letters);
			if (letters < 3 || german_word(s) || nfrags == FRAG_MAX)
				continue;
			snprintf(frags[nfrags].text, sizeof frags[0].text, "%s", s);
			frags[nfrags++].id = i;
		}
	}
	assert_true(nfrags > 100);
}

/* The scenario's own German words (title, summary, steps, questions) and
 * its commands: its authors' (scenarios/README.md), not the catalogue's; a
 * catalogue word they use is theirs to choose. */
static char *scenario_words(const char *name)
{
	struct scenario *sc = NULL;
	struct scn_err serr;
	assert_int_equal(scenario_open(name, &sc, &serr), 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	fprintf(f, "%s\n%s\n", scn_text_get(&sc->title, 1), scn_text_get(&sc->summary, 1));
	for (int k = 0; k < sc->nsteps; k++) {
		const struct scn_step *st = &sc->steps[k];
		fprintf(f, "%s\n", scn_text_get(&st->say, 1));
		for (int j = 0; j < st->nrun; j++) /* commands are typed, not translated */
			fprintf(f, "%s\n", st->run[j]);
		if (st->ask) {
			fprintf(f, "%s\n%s\n%s\n", scn_text_get(&st->ask->prompt, 1), scn_text_get(&st->ask->hint, 1),
				scn_text_get(&st->ask->explain, 1));
			for (int c = 0; c < st->ask->nchoices; c++)
				fprintf(f, "%s\n", st->ask->choices[c]);
		}
	}
	/* a command's output is the text --batch prints, WinDbg's layouts
	 * in WinDbg's words in both languages (docs/tui.md TUI-OUTPUT): the
	 * scenario's commands are run as the player runs them, their text
	 * excused */
	struct session *s = tl_scenario_session(sc);
	struct mm_err err;
	session_set_lang(s, 1);
	if (scenario_define_images(sc, s, &err) == 0)
		for (int k = 0; k < sc->nsteps; k++)
			for (int j = 0; j < sc->steps[k].nrun; j++)
				session_exec_text(s, sc->steps[k].run[j], f);
	session_free(s);
	fclose(f);
	scenario_free(sc);
	return buf;
}

static void no_english(const char *t, const char *where, const char *theirs)
{
	load_frags();
	for (int i = 0; i < nfrags; i++) {
		if (theirs && find_word(theirs, frags[i].text))
			continue;
		const char *p = find_word(t, frags[i].text);
		size_t n = strlen(frags[i].text);
		/* a command's result shows its JSON as key=value, the same in both
		 * languages (docs/output.md): "start=0x20000", "state=active" */
		while (p && ((p > t && p[-1] == '=') || p[n] == '='))
			p = find_word(p + 1, frags[i].text);
		if (!p)
			continue;
		const char *b = p;
		while (b > t && b[-1] != '\n')
			b--;
		const char *e = strchr(p, '\n');
		fail_msg("%s: English \"%s\" (%s) on a German screen:\n%.*s\n\n%s", where, frags[i].text,
			 msg_name((enum msg_id)frags[i].id), (int)(e ? e - b : (long)strlen(b)), b, t);
	}
}

/* Every further screen, the help, and back; the same after the end. */
static const char tour_keys[] = "dump\nkey N\ndump\nkey N\ndump\nkey N\ndump\nkey N\ndump\n"
				"key t\ndump\nkey w\ndump\nkey v\ndump\nkey o\ndump\nkey f\ndump\nkey s\ndump\nkey esc\n"
				"key ?\ndump\nkey esc\nkey p\ndump\nkey e\ndump\n"
				"key End\ndump\nkey t\ndump\nkey w\ndump\nkey v\ndump\nkey o\ndump\nkey f\ndump\n"
				"key s\ndump\nkey esc\nkey ?\ndump\nkey esc\n";

static void german_scenario(const char *name, int w, int h)
{
	struct app_opts o = {.scenario = name};
	mm_config_default(&o.cfg);
	o.cfg.lang = 1;
	char *t = tl_script(&o, w, h, tour_keys);
	char where[96], *theirs = scenario_words(name);
	snprintf(where, sizeof where, "%s at %dx%d", name, w, h);
	no_english(t, where, theirs);
	free(theirs);
	free(t);
}

static void test_german_scenarios(void **state)
{
	(void)state;
	glob_t gl;
	assert_int_equal(glob("scenarios/*.json", 0, NULL, &gl), 0);
	assert_true(gl.gl_pathc >= 10);
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		german_scenario(gl.gl_pathv[i], 80, 24);
		german_scenario(gl.gl_pathv[i], 160, 48);
	}
	globfree(&gl);
}

/* Free play with something in every screen (36_screens.c's machine), a
 * typed error, a command that is still to run, and the smallest sizes. */
static const char free_script[] =
	"dump\nkey ?\ndump\nkey esc\n"
	"key :\ntext process create a.exe\nkey enter\nwait 100000\n"
	"key :\ntext $p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\nkey enter\nwait 100000\n"
	"key :\ntext touch $p 16K w\nkey enter\nwait 100000\n"
	"key :\ntext $f = CreateFile r.dat 64K\nkey enter\nwait 100000\n"
	"key :\ntext $s = CreateFileMapping $f PAGE_READWRITE 0\nkey enter\nwait 100000\n"
	"key :\ntext $v = MapViewOfFile $s FILE_MAP_WRITE 0 0\nkey enter\nwait 100000\n"
	"key :\ntext read $v 8\nkey enter\nwait 100000\n"
	"key :\ntext $b = ExAllocatePoolWithTag NonPagedPool 200 Demo\nkey enter\nwait 100000\n"
	"dump\nkey p\ndump\nkey Home\ndump\nkey End\ndump\n"
	"key t\ndump\nkey w\ndump\nkey v\ndump\nkey o\ndump\nkey f\ndump\nkey s\ndump\nkey esc\n"
	"key :\ntext VirtualAlloc 0 bogus\nkey enter\nwait 100000\ndump\n"
	"key :\ntext proc\nkey tab\ndump\nkey esc\n"
	"key e\ndump\n"
	"resize 60 18\ndump\nresize 40 10\ndump\nresize 200 60\ndump\n";

static void test_german_free_play(void **state)
{
	(void)state;
	struct app_opts o = {.free_play = true};
	mm_config_default(&o.cfg);
	o.cfg.lang = 1;
	char *t = tl_script(&o, 80, 24, free_script);
	no_english(t, "free play at 80x24", NULL);
	no_forbidden(t, "free play at 80x24");
	HAS(t, "Freies Spiel");
	HAS(t, "Prozesse");
	HAS(t, "Auslagerungsdateien");
	HAS(t, "Pools nach Tag");
	HAS(t, "Abschnitte");
	HAS(t, "VAD-Baum");
	HAS(t, "Arbeitssatz");
	HAS(t, "Rahmen");
	HAS(t, "Adressübersetzung");
	free(t);
	/* the same machine in English says it in English: the test can fail */
	o.cfg.lang = 0;
	t = tl_script(&o, 80, 24, free_script);
	HAS(t, "Page files");
	HAS(t, "Pools by tag");
	free(t);
}

/* The micro-steps of every shipped scenario, in German, say no word the
 * glossary forbids. */
static void test_german_micro_steps(void **state)
{
	(void)state;
	glob_t gl;
	assert_int_equal(glob("scenarios/*.json", 0, NULL, &gl), 0);
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		struct scenario *sc = NULL;
		struct scn_err serr;
		assert_int_equal(scenario_open(gl.gl_pathv[i], &sc, &serr), 0);
		struct session *s = tl_scenario_session(sc);
		for (int k = 0; k < sc->nsteps; k++)
			for (int j = 0; j < sc->steps[k].nrun; j++)
				cJSON_Delete(session_exec_json(s, sc->steps[k].run[j]));
		struct mm *m = session_mm(s);
		struct mm_hist hs;
		mm_hist(m, &hs);
		char buf[512], where[160];
		for (uint64_t e = 0; e < hs.events && e < 200000; e++) {
			struct mm_event ev;
			if (mm_event(m, e, &ev) < 0)
				continue;
			mm_event_text(m, e, 1, buf, sizeof buf);
			snprintf(where, sizeof where, "%s micro-step %llu", gl.gl_pathv[i], (unsigned long long)e);
			no_forbidden(buf, where);
		}
		session_free(s);
		scenario_free(sc);
	}
	globfree(&gl);
}

/* Every German text of a cJSON tree (the value of each "de" key) says no
 * word the glossary forbids; where names the file. */
static void no_forbidden_de(const cJSON *j, const char *where)
{
	for (const cJSON *c = j ? j->child : NULL; c; c = c->next) {
		if (cJSON_IsString(c) && c->string && !strcmp(c->string, "de"))
			no_forbidden(c->valuestring, where);
		else
			no_forbidden_de(c, where);
	}
}

/* The shipped scenarios' German (titles, summaries, narration, questions,
 * hints, explanations) uses the glossary's terms, as the screens do. */
static void test_german_scenario_texts(void **state)
{
	(void)state;
	glob_t gl;
	assert_int_equal(glob("scenarios/*.json", 0, NULL, &gl), 0);
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		FILE *f = fopen(gl.gl_pathv[i], "rb");
		assert_non_null(f);
		static char text[1 << 20];
		size_t n = fread(text, 1, sizeof text - 1, f);
		fclose(f);
		assert_true(n < sizeof text - 1); /* the whole file was read */
		text[n] = '\0';
		cJSON *j = cJSON_Parse(text);
		assert_non_null(j);
		no_forbidden_de(j, gl.gl_pathv[i]);
		cJSON_Delete(j);
	}
	globfree(&gl);
}

/* ---- the core's errors in German (core/base/msgcat.h, CMD-LANG-DE) ---- */

/* Every layer's catalogue (core/base/msgcat.h): the command language's
 * and those below it. */
static const struct msgcat *const core_cats[] = {&langmsg_cat, &basemsg_cat, &mmmsg_cat, &w32msg_cat, &scnmsg_cat};

/* The message lines of a catalogue's header: `#define PREFIX<ID> "`
 * (not its macros, LM_PICK(...), LM_PAIR(...)). */
static int catalogue_lines(const struct msgcat *c)
{
	FILE *f = fopen(c->header, "r");
	assert_non_null(f);
	char line[1024];
	int defs = 0;
	size_t n = strlen(c->prefix);
	while (fgets(line, sizeof line, f)) {
		const char *p = line + n;
		if (strncmp(line, c->prefix, n))
			continue;
		while (isupper((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_')
			p++;
		defs += p[0] == ' ' && p[1] == '"';
	}
	fclose(f);
	return defs;
}

/* msgcat.h's invariants 1, 2 and 4 for one catalogue. */
static void catalogue_sound(const struct msgcat *c)
{
	assert_int_equal(catalogue_lines(c), c->count);
	for (int i = 0; i < c->count; i++) {
		const char *en = msgcat_text(c, 0, i), *de = msgcat_text(c, 1, i);
		char name[96], ce[64], cd[64];
		snprintf(name, sizeof name, "%s %s", c->header, msgcat_name(c, i));
		if (!*en || !*de)
			fail_msg("%s: a language is empty", name);
		if (!strcmp(en, de))
			fail_msg("%s: the German text is the English one", name);
		conversions(en, ce, sizeof ce);
		conversions(de, cd, sizeof cd);
		if (strcmp(ce, cd))
			fail_msg("%s: English takes \"%s\", German \"%s\"", name, ce, cd);
		no_forbidden(de, name);
		if (find_word(de, "du") || find_word(de, "dich") || find_word(de, "dein"))
			fail_msg("%s: German says \"du\": mmviz says \"Sie\"", name);
	}
	assert_string_equal(msgcat_text(c, 0, c->count), "");
	assert_string_equal(msgcat_name(c, -1), "?");
}

/* msgcat.h's invariant 5: no core file but types.c makes an English-only
 * error, so a new one fails here. */
static void test_no_plain_mm_fail(void **state)
{
	(void)state;
	glob_t gl;
	assert_int_equal(glob("core/*.c", 0, NULL, &gl), 0);
	assert_int_equal(glob("core/*/*.c", GLOB_APPEND, NULL, &gl), 0);
	assert_true(gl.gl_pathc > 90); /* the core's files were found */
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		if (!strcmp(gl.gl_pathv[i], "core/base/types.c"))
			continue;
		FILE *f = fopen(gl.gl_pathv[i], "r");
		assert_non_null(f);
		char line[2048];
		for (int n = 1; fgets(line, sizeof line, f); n++) {
			const char *p = strstr(line, "mm_fail(");
			if (p && (p == line || !is_letter((unsigned char)p[-1])))
				fail_msg("%s:%d: plain mm_fail makes an English-only error; use mm_fail_tr and the layer's "
					 "catalogue (core/base/msgcat.h)", gl.gl_pathv[i], n);
		}
		fclose(f);
	}
	globfree(&gl);
}

/* scnmsg.h's invariant 4: where the file reader and the scenario loader
 * make a refusal's words (jv_fail, jv_unexpected, jv_digits,
 * jsonfile_error_tr, err_plain), no argument is a plain literal: the words
 * come from the scenario layer's catalogue in both languages (a literal
 * "" is no words). */
static void test_no_plain_scenario_words(void **state)
{
	(void)state;
	static const char *const files[] = {"core/scenario/jsonfile.c", "core/scenario/scenario.c",
					    "core/scenario/jsonwalk.c"};
	static const char *const calls[] = {"jv_fail(",		 "jv_unexpected(", "jv_digits(", "jsonfile_error_tr(",
					    "err_plain(",	 "jw_fail(",	   "type_tr("};
	for (size_t i = 0; i < MM_ARRAY_LEN(files); i++) {
		FILE *f = fopen(files[i], "r");
		assert_non_null(f);
		char line[2048];
		int seen = 0;
		for (int n = 1; fgets(line, sizeof line, f); n++) {
			for (size_t k = 0; k < MM_ARRAY_LEN(calls); k++) {
				const char *p = strstr(line, calls[k]);
				if (!p || (p > line && is_letter((unsigned char)p[-1])) || strstr(line, "static int"))
					continue;
				seen++;
				for (const char *q = strchr(p, '"'); q; q = strchr(q + 2, '"'))
					if (q[1] != '"') /* "" (no words) is allowed */
						fail_msg("%s:%d: %s with a plain text; use the catalogue (core/scenario/scnmsg.h)",
							 files[i], n, calls[k]);
					else
						q++;
			}
		}
		fclose(f);
		assert_true(seen > 3); /* the calls were found */
	}
}

static void no_english_commands(const char *t, const char *where);

/* A refused scenario and theme in German: the strict scan's words and the
 * loader's frame, in both languages, and no English phrase of the
 * catalogues in the German message. */
static void test_german_file_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *text, *de;
	} cases[] = {
		{"{\"id\": \"x\", bad", "(oberste Ebene): Schlüssel ohne Anführungszeichen; erwartet: \"Schlüssel\" in doppelten"},
		{"{\"id\": 'x'}", "id: einfaches Anführungszeichen"},
		{"{\"id\": 1.}", "id: keine Ziffer nach dem '.'; erwartet: eine Ziffer"},
		{"{\"id\": 1e}", "keine Ziffer nach dem Exponenten"},
		{"", "leere Datei; erwartet: ein JSON-Objekt"},
		{"{} x", "Text nach dem Ende des Dokuments"},
		/* the walk's own words (jsonwalk.c) */
		{"{\"schema\": 1, \"idd\": 3}", "idd: unbekannter Schlüssel \"idd\"; erwartet: \"id\" (Groß- und Kleinschreibung"},
		{"{\"schema\": 1, \"id\": 5}", "id: falscher Typ: die Zahl 5; erwartet: "},
		{"{\"schema\": 1, \"id\": \"a\", \"id\": \"b\"}", "Schlüssel \"id\" zweimal angegeben; erwartet: jeder Schlüssel einmal"},
		{"{\"id\": \"\\u0000\"}", "\\u0000 (ein NUL-Zeichen); erwartet: Text ohne NUL-Zeichen"},
	};
	for (size_t i = 0; i < MM_ARRAY_LEN(cases); i++) {
		struct scenario *sc;
		struct scn_err e;
		assert_int_equal(scenario_load_buf("t.json", cases[i].text, strlen(cases[i].text), &sc, &e), -1);
		const char *de = scn_err_text(&e, 1);
		if (!strstr(de, cases[i].de))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, de, cases[i].de);
		if (!strstr(cases[i].de, "falscher Typ")) /* what the loader expects there is English yet (scnmsg.h) */
			no_english_commands(de, cases[i].text);
		assert_string_equal(scn_err_text(&e, 0), e.msg); /* English as before */
		assert_null(strstr(e.msg, "Schlüssel"));
	}
	struct scenario *sc;
	struct scn_err e;
	assert_int_equal(scenario_open("/nonexistent/x.json", &sc, &e), -1);
	HAS(scn_err_text(&e, 1), "nicht zu öffnen: ");
	assert_int_equal(scenario_open("tuor", &sc, &e), -1);
	assert_string_equal(scn_err_text(&e, 1), "tuor: kein solches Szenario; meinten Sie tour?");
	/* a theme's refusal, in the words of its own frame */
	struct theme th;
	struct mm_err err;
	const char *bad = "{\"roles\": {,}}";
	assert_int_equal(theme_load_buf(&th, bad, strlen(bad), "t.json", &err), -1);
	HAS(mm_err_text(&err, 1), "t.json:1:12: roles: unerwartetes Zeichen ','; erwartet: ein \"Schlüssel\"");
	HAS(mm_err_text(&err, 0), "t.json:1:12: roles: unexpected ','; expected a \"key\"");
	const char *unknown = "{\"nmae\": \"x\", \"roles\": {}}";
	assert_int_equal(theme_load_buf(&th, unknown, strlen(unknown), "t.json", &err), -1);
	HAS(mm_err_text(&err, 1), "nmae: unbekannter Schlüssel \"nmae\": erwartet ist ");
	HAS(mm_err_text(&err, 1), " oder ");
}

/* The same checks as test_catalogue_complete, for the core's catalogues
 * and for every command's help line. */
static void test_command_catalogue(void **state)
{
	(void)state;
	for (size_t k = 0; k < MM_ARRAY_LEN(core_cats); k++)
		catalogue_sound(core_cats[k]);
	assert_string_equal(langmsg_text(0, LANGMSG_COUNT), "");
	assert_string_equal(langmsg_text(1, LANGMSG_OOM), "der Speicher des Rechners ist erschöpft");
	size_t n;
	const struct cmd_entry *const *all = cmd_all(&n);
	for (size_t i = 0; i < n; i++) {
		if (!all[i]->help_de || !*all[i]->help_de || !strcmp(all[i]->help_de, all[i]->help))
			fail_msg("%s: no German help line", all[i]->name);
		no_forbidden(all[i]->help_de, all[i]->name);
	}
}

/* The phrases of an English text a screen can show (cut at conversions,
 * tabs, runs of blanks and punctuation, three letters at least, two words
 * at least) that its German text de does not hold too ("ADDR 0" is in
 * both); each is handed to fn. */
static void english_pieces(const char *en, const char *de, void (*fn)(const char *piece, void *ud), void *ud)
{
	const char *p = en;
	while (*p) {
		char piece[160];
		int letters;
		const char *s = next_piece(&p, "();:", piece, sizeof piece, &letters);
		if (letters >= 3 && strchr(s, ' ') && !find_word(de, s)) /* a phrase, not a name */
			fn(s, ud);
	}
}

struct screen_check {
	const char *screen, *where, *source;
};

static void piece_absent(const char *piece, void *ud)
{
	const struct screen_check *c = ud;
	const char *p = find_word(c->screen, piece);
	if (p)
		fail_msg("%s: English \"%s\" (%s) on a German screen:\n%.200s", c->where, piece, c->source, p);
}

/* No English phrase of the command catalogue, of a command's help or of
 * the key help is on screen t. */
static void no_english_commands(const char *t, const char *where)
{
	struct screen_check c = {.screen = t, .where = where};
	for (size_t k = 0; k < MM_ARRAY_LEN(core_cats); k++)
		for (int i = 0; i < core_cats[k]->count; i++) {
			c.source = msgcat_name(core_cats[k], i);
			english_pieces(msgcat_text(core_cats[k], 0, i), msgcat_text(core_cats[k], 1, i), piece_absent, &c);
		}
	size_t n;
	const struct cmd_entry *const *all = cmd_all(&n);
	for (size_t i = 0; i < n; i++) {
		c.source = all[i]->name;
		english_pieces(all[i]->help, all[i]->help_de, piece_absent, &c);
	}
	c.source = "key help";
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		english_pieces(keymap_action_help_lang((enum tui_action)a, 0), keymap_action_help_lang((enum tui_action)a, 1),
			       piece_absent, &c);
}

/* Typed errors of every kind the look-up, the lexer and the session make,
 * `help` (a prefix's list and one command), and the key help. */
static const char command_script[] =
	"key ?\ndump\nkey esc\n"
	"key :\ntext bogus\nkey enter\nwait 100000\ndump\n"
	"key :\ntext VirtualAloc 0 64K MEM_COMMIT PAGE_READWRITE\nkey enter\nwait 100000\ndump\n"
	"key :\ntext VirtualAlloc 0 zz\nkey enter\nwait 100000\ndump\n"
	"key :\ntext VirtualAlloc 0 zz MEM_COMMIT PAGE_READWRITE\nkey enter\nwait 100000\ndump\n"
	"key :\ntext VirtualAlloc 0 64K MEM_COMIT PAGE_READWRITE\nkey enter\nwait 100000\ndump\n"
	"key :\ntext read $nope\nkey enter\nwait 100000\ndump\n"
	"key :\ntext $x = help\nkey enter\nwait 100000\ndump\n"
	"key :\ntext help VirtualAl\nkey enter\nwait 100000\ndump\n"
	"key :\ntext help VirtualProtect\nkey enter\nwait 100000\ndump\n"
	"key :\ntext help nothing\nkey enter\nwait 100000\ndump\n";

static void test_german_commands(void **state)
{
	(void)state;
	struct app_opts o = {.free_play = true};
	mm_config_default(&o.cfg);
	o.cfg.lang = 1;
	char *t = tl_script(&o, 160, 48, command_script);
	no_english_commands(t, "German command errors and help at 160x48");
	no_forbidden(t, "German command errors and help at 160x48");
	HAS(t, "Fehler: unbekannter Befehl 'bogus'");
	HAS(t, "meinten Sie 'VirtualAlloc'");
	HAS(t, "zu wenige Argumente (Aufruf: VirtualAlloc ADDR SIZE TYPE PROTECT)");
	HAS(t, "erwartet ist eine Zahl");
	HAS(t, "unbekanntes Flag 'MEM_COMIT'");
	HAS(t, "unbekannte Variable $nope");
	HAS(t, "den Schutz zugesicherter Seiten ändern");
	HAS(t, "kein Befehl 'nothing'");
	HAS(t, "Tasten (jede Taste schließt)");
	HAS(t, "(syntax)"); /* the code stays as it is */
	free(t);
	/* the same in English says it in English: the test can fail */
	o.cfg.lang = 0;
	t = tl_script(&o, 160, 48, command_script);
	HAS(t, "error: unknown command 'bogus'");
	HAS(t, "change the protection of committed pages");
	HAS(t, "Keys (any key closes)");
	free(t);
}

/* --batch and --json in German: the text translated, the codes not. */
static void test_german_batch_errors(void **state)
{
	(void)state;
	struct session *s = tl_session_lang(NULL, 1);
	cJSON *j = session_exec_json(s, "VirtualAlloc 0 64K MEM_COMIT PAGE_READWRITE");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(e, "code")->valuestring, "syntax");
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(e, "arg")->valueint, 3);
	HAS(cJSON_GetObjectItemCaseSensitive(e, "message")->valuestring, "unbekanntes Flag 'MEM_COMIT'; meinten Sie MEM_COMMIT?");
	cJSON_Delete(j);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	session_exec_text(s, "bogus", f);
	session_exec_text(s, "help events", f);
	session_exec_text(s, "events 99", f);
	fclose(f);
	HAS(buf, "Fehler: unbekannter Befehl 'bogus' (help zeigt die Liste) (unknown)");
	HAS(buf, "die Mikroschritte des Befehls CMD");
	HAS(buf, "(STATUS_INVALID_PARAMETER)");
	no_english_commands(buf, "German --batch text");
	free(buf);
	session_set_lang(s, 0);
	j = session_exec_json(s, "bogus");
	e = cJSON_GetObjectItemCaseSensitive(j, "error");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(e, "code")->valuestring, "unknown");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(e, "message")->valuestring,
			    "unknown command 'bogus' (type help for the list)");
	cJSON_Delete(j);
	session_free(s);
}

/* One failing command in German: its code, and a German message holding
 * de. */
static void german_error(struct session *s, const char *line, const char *code, const char *de)
{
	cJSON *j = session_exec_json(s, line);
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
	if (!e)
		fail_msg("%s: no error", line);
	const char *c = cJSON_GetObjectItemCaseSensitive(e, "code")->valuestring;
	const char *msg = cJSON_GetObjectItemCaseSensitive(e, "message")->valuestring;
	if (strcmp(c, code) || !strstr(msg, de))
		fail_msg("%s: got %s \"%s\", expected %s \"...%s...\"", line, c, msg, code, de);
	no_english_commands(msg, line);
	cJSON_Delete(j);
}

/* The errors of every layer below the command language in German
 * (core/base/msgcat.h): the memory manager, user mode, base and the
 * configuration; the codes stay Windows' (JSON's error.code is the Win32
 * one, docs/output.md OUT-ERRORS). */
static void test_german_layer_errors(void **state)
{
	(void)state;
	struct session *s = tl_session_lang(NULL, 1);
	cJSON_Delete(session_exec_json(s, "process create app.exe --bare"));
	german_error(s, "VirtualAlloc 0x1000 4K MEM_RESERVE PAGE_READWRITE", "ERROR_INVALID_PARAMETER",
		     "die Adresse 0x1000 liegt unter der niedrigsten Benutzeradresse 0x10000");
	german_error(s, "VirtualAlloc 0 64G MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "ERROR_COMMITMENT_LIMIT",
		     "Zusicherungsgrenze erreicht");
	german_error(s, "VirtualAlloc 0 64K MEM_RESERVE 0x24", "ERROR_INVALID_PARAMETER",
		     "ein Daten- und ein Ausführungsschutz lassen sich nicht kombinieren");
	german_error(s, "VirtualProtect 0x10000 0xfffffffffffff000 PAGE_READONLY", "ERROR_INVALID_PARAMETER",
		     "läuft über 2^64 hinaus");
	cJSON_Delete(session_exec_json(s, "$f = CreateFile d.dat 64K"));
	cJSON_Delete(session_exec_json(s, "$s = CreateFileMapping $f PAGE_READONLY 0"));
	german_error(s, "MapViewOfFile $s FILE_MAP_WRITE 0 0", "ERROR_ACCESS_DENIED",
		     "dem Handle wurde SECTION_MAP_WRITE nicht gewährt");
	german_error(s, "MapViewOfFile $s FILE_MAP_READ 0x1000 0", "ERROR_MAPPED_ALIGNMENT",
		     "OFFSET muss ein Vielfaches von 64 KB sein");
	german_error(s, "HeapDestroy 0x12345678", "ERROR_INVALID_HANDLE", "ist kein Heap dieses Prozesses");
	german_error(s, "LocalAlloc LMEM_FIXED 16", "ERROR_INVALID_HANDLE", "hat keinen (er wurde mit --bare erzeugt)");
	german_error(s, "ExFreePool 0x1234", "BAD_POOL_CALLER", "0x1234 ist kein Pool-Speicher");
	german_error(s, "LoadLibrary nothing.dll", "ERROR_MOD_NOT_FOUND", "kein Image 'nothing.dll'");
	german_error(s, "SetProcessWorkingSetSize 0 0", "ERROR_INVALID_PARAMETER", "leert den Arbeitssatz");
	/* the same session in English says it in English: the test can fail */
	session_set_lang(s, 0);
	cJSON *j = session_exec_json(s, "ExFreePool 0x1234");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(e, "message")->valuestring,
			    "0x1234 is not pool memory (Windows would bug-check: BAD_POOL_CALLER, 0xC2)");
	cJSON_Delete(j);
	session_free(s);
	/* a configuration out of range, in both languages */
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	cfg.ram = 3;
	assert_int_equal(mm_config_validate(&cfg, &err), -1);
	assert_string_equal(err.code, "config");
	HAS(mm_err_text(&err, 1), "ram: erwartet ist 1 MB .. ");
	HAS(mm_err_text(&err, 0), "ram: expected 1 MB .. ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue_complete),
		cmocka_unit_test(test_command_catalogue),
		cmocka_unit_test(test_no_plain_mm_fail),
		cmocka_unit_test(test_no_plain_scenario_words),
		cmocka_unit_test(test_german_file_refusals),
		cmocka_unit_test(test_german_layer_errors),
		cmocka_unit_test(test_german_batch_errors),
		cmocka_unit_test(test_german_commands),
		cmocka_unit_test(test_german_scenario_texts),
		cmocka_unit_test(test_german_free_play),
		cmocka_unit_test(test_german_scenarios),
		cmocka_unit_test(test_german_micro_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
