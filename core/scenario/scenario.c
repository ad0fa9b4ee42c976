/*
 * scenario.c — the scenario loader (spec/scenarios.md).
 *
 * Design
 * ------
 * A scenario file is untrusted input written by people, so the loader has
 * two jobs: refuse anything hostile or mistaken, and say precisely where
 * and why (file:line:column, the JSON path, what was expected there). The
 * strict reading, parsing and locating of errors is jsonfile.c's, shared
 * with the theme loader: a strict scan, cJSON on the same bytes, then the
 * typed walk below against key tables (jf_object), converting at once into
 * the plain structs of scenario.h. Only when the walk fails does jsonfile
 * find the offending key or value in the text again.
 *
 * Then the document is deleted; only `expect` subtrees survive, detached
 * and owned by their steps (the matcher needs JSON, and they are JSON).
 *
 * Rules
 * -----
 *  R1. Every object has a key table; a key not in it is an error, with a
 *      hint when it differs from a known key only by case or a typo.
 *  R2. A key given twice is an error at the second occurrence, also inside
 *      `expect` (where any key may appear).
 *  R3. `schema` is checked before anything else: a newer file gets
 *      "schema 2 is newer", not a cascade of unknown keys.
 *  R4. Limits (scenario.h SCN_MAX_*) are checked where the value is, so the
 *      message points at the string or step that crossed them.
 *  R5. Commands that write host files (`save`, `export`, or a prefix of
 *      them) are refused: a scenario may not touch the host.
 *  R6. Numbers that stand for sizes or addresses are accepted as strings
 *      ("16M", "0x180000000") or as integral JSON numbers up to 2^53.
 *
 * Layout of this file: messages; the typed walk; load and free; the
 * machine merge; search (datapath.c) and listing.
 */
#include "scenario.h"

#include "session.h"

#include <cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builtin.h"
#include "datapath.h"
#include "jsonfile.h"

/* ---------------------------------------------------------------------
 * Messages
 * ------------------------------------------------------------------- */

/* ASCII classes: the TUI calls setlocale(), and what a file may hold must
 * not depend on the locale. */
static bool a_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool a_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

/* Copies src (NULL = "") into dst of n bytes, cut at a UTF-8 boundary. */
static void copy_cut(char *dst, size_t n, const char *src)
{
	size_t l = src ? strlen(src) : 0;
	if (l >= n) {
		l = n - 1;
		while (l > 0 && ((unsigned char)src[l] & 0xC0) == 0x80)
			l--;
	}
	memcpy(dst, src ? src : "", l);
	dst[l] = '\0';
}

/* An error without a position ("FILE: WHAT; expected EXPECTED"); -1. */
static int err_plain(struct scn_err *e, const char *file, const char *what, const char *expected)
{
	if (!e)
		return -1;
	memset(e, 0, sizeof *e);
	copy_cut(e->what, sizeof e->what, what);
	copy_cut(e->expected, sizeof e->expected, expected);
	snprintf(e->msg, sizeof e->msg, "%s: %s%s%s", file, what, e->expected[0] ? "; expected " : "",
	         e->expected);
	return -1;
}

/* An error in the text: "FILE:LINE:COL: PATH: WHAT; expected EXPECTED"; -1. */
static int err_at(struct scn_err *e, const char *file, const struct jf_err *j)
{
	if (!e)
		return -1;
	memset(e, 0, sizeof *e);
	e->line = j->line;
	e->col = j->col;
	e->offset = j->offset;
	memcpy(e->path, j->path, sizeof e->path);
	memcpy(e->what, j->what, sizeof e->what);
	memcpy(e->expected, j->expected, sizeof e->expected);
	snprintf(e->msg, sizeof e->msg, "%s:%d:%d: %s: %s%s%s", file, e->line, e->col,
	         e->path[0] ? e->path : "(top level)", e->what, e->expected[0] ? "; expected " : "",
	         e->expected);
	return -1;
}

/* The scenario's own state during a walk (jf_walk.ud). */
struct scn_walk {
	size_t narration;       /* bytes of narration so far */
	int steps_ord;          /* ordinal of "steps" among the top-level members */
};

static struct scn_walk *state(struct jf_walk *w)
{
	return w->ud;
}

/* ---------------------------------------------------------------------
 * Pass 3: the typed walk
 * ------------------------------------------------------------------- */

/* A name: [a-z0-9][a-z0-9._-]*, at most 64 bytes. */
static int walk_slug(struct jf_walk *w, const cJSON *it, char **out)
{
	char cbuf[48];
	static const char exp[] = "lower-case letters, digits, '.', '_' and '-', at most 64 bytes";
	if (!cJSON_IsString(it))
		return jf_type(w, it, exp);
	const char *s = it->valuestring;
	size_t n = strlen(s);
	bool ok = n >= 1 && n <= SCN_MAX_NAME && (a_lower(s[0]) || a_digit(s[0]));
	for (size_t i = 0; ok && i < n; i++)
		ok = a_lower(s[i]) || a_digit(s[i]) || (s[i] && strchr("._-", s[i]));
	if (!ok)
		return jf_fail(w, JF_AT_VALUE, exp, "\"%s\" is not a valid name", jf_clip(s, cbuf));
	*out = jf_strdup(w, s);
	return *out ? 0 : -1;
}

/* Narration: counts toward SCN_MAX_NARRATION (R4). */
static int walk_narration(struct jf_walk *w, const cJSON *it, char **out)
{
	static const char exp[] = "a non-empty string";
	if (!cJSON_IsString(it))
		return jf_type(w, it, exp);
	size_t n = strlen(it->valuestring);
	if (n == 0)
		return jf_fail(w, JF_AT_VALUE, exp, "empty text");
	size_t *total = &state(w)->narration;
	*total += n;
	if (*total > SCN_MAX_NARRATION)
		return jf_fail(w, JF_AT_VALUE, "at most 1 MiB of narration in all (title, summary, say, ask)",
		                 "narration exceeds 1 MiB with this text (%zu bytes so far)", *total);
	*out = jf_strdup(w, it->valuestring);
	return *out ? 0 : -1;
}

static const char *const text_keys[] = {"en", "de", NULL};

static int text_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_text *t = ctx;
	return walk_narration(w, it, key == 0 ? &t->en : &t->de);
}

/* A text: "..." (English) or {"en": ..., "de": ...} with at least one. */
static int walk_text(struct jf_walk *w, cJSON *it, struct scn_text *t)
{
	if (cJSON_IsString(it))
		return walk_narration(w, it, &t->en);
	if (!cJSON_IsObject(it))
		return jf_type(w, it, "a string or {\"en\": \"...\", \"de\": \"...\"}");
	if (jf_object(w, it, text_keys, 0, text_member, t, NULL))
		return -1;
	if (!t->en && !t->de)
		return jf_fail(w, JF_AT_VALUE, "\"en\" or \"de\" or both", "empty text object");
	return 0;
}

/* A size: "16M", "0x1000", 4096 (R6), within [min, max] and page-aligned
 * when align is set. */
static int walk_size(struct jf_walk *w, const cJSON *it, uint64_t min, uint64_t max, bool align,
                     const char *expected, uint64_t *out)
{
	char cbuf[48];
	struct mm_err e;
	char a[32], b[32], c[32];
	if (cJSON_IsNumber(it)) {
		if (jf_u64(w, it, expected, out))
			return -1;
	} else if (!cJSON_IsString(it)) {
		return jf_type(w, it, expected);
	} else if (mm_parse_size(it->valuestring, out, -1, &e)) {
		return jf_fail(w, JF_AT_VALUE, expected, "\"%s\" is not a size", jf_clip(it->valuestring, cbuf));
	}
	if (*out < min || *out > max)
		return jf_fail(w, JF_AT_VALUE, expected, "%s is out of range (%s to %s)",
		                 mm_size_str(*out, a), mm_size_str(min, b), mm_size_str(max, c));
	if (align && *out % MM_PAGE_SIZE)
		return jf_fail(w, JF_AT_VALUE, expected, "%s is not a multiple of 4 KB", mm_size_str(*out, a));
	return 0;
}

/* ---- machine ---- */

static const char *const machine_keys[] = {"arch", "os", "ram", "pagefiles", "seed", "tlb", NULL};

static int pagefile_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct mm_config *cfg = ctx;
	cfg->npagefiles = i + 1;
	return walk_size(w, it, MM_RAM_MIN, SCN_MAX_RAM, true, "a page-file size from 1M to 64G, such as \"32M\"",
	                 &cfg->pagefile[i]);
}

static int machine_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct scn_machine *m = ctx;
	uint64_t v;
	switch (key) {
	case 0:
		if (!cJSON_IsString(it) || mm_arch_parse(it->valuestring, &m->cfg.arch))
			return cJSON_IsString(it) ? jf_fail(w, JF_AT_VALUE, "x86, pae or x64",
			                                      "\"%s\" is not a paging mode", jf_clip(it->valuestring, cbuf))
			                          : jf_type(w, it, "x86, pae or x64");
		return 0;
	case 1:
		if (!cJSON_IsString(it) || mm_os_parse(it->valuestring, &m->cfg.os))
			return cJSON_IsString(it) ? jf_fail(w, JF_AT_VALUE, "win10 or win7",
			                                      "\"%s\" is not a Windows version", jf_clip(it->valuestring, cbuf))
			                          : jf_type(w, it, "win10 or win7");
		return 0;
	case 2:
		return walk_size(w, it, MM_RAM_MIN, SCN_MAX_RAM, true,
		                 "a RAM size from 1M to 64G, such as \"16M\"", &m->cfg.ram);
	case 3:
		m->cfg.npagefiles = 0;
		return jf_list(w, it, 0, MM_MAX_PAGEFILES, "a list of at most 16 page-file sizes",
		                 pagefile_elem, &m->cfg);
	case 4:
		return jf_u64(w, it, "a seed: a whole number or a hex string", &m->cfg.seed);
	default:
		if (jf_u64(w, it, "a TLB size: a power of two from 4 to 4096", &v))
			return -1;
		if (v < 4 || v > 4096 || (v & (v - 1)))
			return jf_fail(w, JF_AT_VALUE, "a power of two from 4 to 4096",
			                 "%llu is not a TLB size", (unsigned long long)v);
		m->cfg.tlb_entries = (int)v;
		return 0;
	}
}

static void machine_apply(struct mm_config *cfg, const struct scn_machine *m);

/* The block must also make a machine on its own (defaults for the rest):
 * mode-dependent limits such as 4 GB of RAM on x86 live in config.c. */
static int walk_machine(struct jf_walk *w, cJSON *it, struct scn_machine *m)
{
	unsigned seen = 0;
	if (jf_object(w, it, machine_keys, 0, machine_member, m, &seen))
		return -1;
	/* key bit i and SCN_GIVEN bit i are the same by construction */
	m->given = seen;
	struct mm_config cfg;
	struct mm_err e;
	mm_config_default(&cfg);
	machine_apply(&cfg, m);
	if (!(seen & SCN_GIVEN_PAGEFILES))
		cfg.pagefile[0] = 2 * cfg.ram;
	if (mm_config_validate(&cfg, &e) == 0)
		return 0;
	/* config.c names the field first ("ram: expected ..., got ..."); point at it */
	int ord = 0;
	for (cJSON *c = it->child; c; c = c->next, ord++) {
		size_t kl = strlen(c->string);
		if (strncmp(e.msg, c->string, kl < 8 ? kl : 8) == 0) {
			jf_push(w, c->string, ord);
			jf_fail(w, JF_AT_VALUE, "", "%s", e.msg);
			jf_pop(w);
			return -1;
		}
	}
	return jf_fail(w, JF_AT_VALUE, "", "%s", e.msg);
}

/* ---- images ---- */

static const char *const image_keys[] = {"name", "base", "sections", NULL};
static const char *const section_keys[] = {"name", "size", "protect", NULL};
static const char *const page_protections[] = {
	"PAGE_NOACCESS", "PAGE_READONLY", "PAGE_READWRITE", "PAGE_WRITECOPY", "PAGE_EXECUTE",
	"PAGE_EXECUTE_READ", "PAGE_EXECUTE_READWRITE", "PAGE_EXECUTE_WRITECOPY", NULL};

static int section_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct scn_section *sec = ctx;
	if (key == 0)
		return jf_string(w, it, 8, "a section name of 1 to 8 bytes, such as \".text\"", &sec->name);
	if (key == 1)
		return walk_size(w, it, 1, 1ull << 30, false, "a section size from 1 byte to 1G, such as \"8K\"",
		                 &sec->size);
	char list[200];
	jf_keys_join(page_protections, JF_WORDS_EXPECTED, list, sizeof list);
	if (!cJSON_IsString(it))
		return jf_type(w, it, list);
	for (int i = 0; page_protections[i]; i++)
		if (strcmp(it->valuestring, page_protections[i]) == 0)
			return (sec->protect = jf_strdup(w, it->valuestring)) ? 0 : -1;
	return jf_fail(w, JF_AT_VALUE, list, "\"%s\" is not a page protection", jf_clip(it->valuestring, cbuf));
}

static int section_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scn_image *im = ctx;
	struct scn_section *sec = &im->sections[i];
	im->nsections = i + 1;
	if (jf_object(w, it, section_keys, 7, section_member, sec, NULL))
		return -1;
	for (int j = 0; j < i; j++)
			if (strcmp(im->sections[j].name, sec->name) == 0)
			return jf_fail(w, JF_AT_VALUE, "section names unique within an image",
			                 "section \"%s\" defined twice (also sections[%d])", sec->name, j);
	return 0;
}

static int image_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_image *im = ctx;
	if (key == 0) {
		if (jf_string(w, it, SCN_MAX_NAME, "an image name such as \"demo.dll\"", &im->name))
			return -1;
		if (strpbrk(im->name, "/\\:"))
			return jf_fail(w, JF_AT_VALUE, "a file name without a directory",
			                 "\"%s\" holds a path separator", im->name);
		return 0;
	}
	if (key == 1) {
		static const char exp[] = "a base address as a hex string, such as \"0x180000000\", 64 KB aligned";
		if (jf_u64(w, it, exp, &im->base))
			return -1;
		if (im->base == 0 || im->base % MM_ALLOC_GRANULARITY || im->base > 0x7FFFFFFF0000ull)
			return jf_fail(w, JF_AT_VALUE, exp, "0x%llx is not a valid image base",
			                 (unsigned long long)im->base);
		return 0;
	}
	if (cJSON_IsArray(it)) {
		int n = MM_MIN(cJSON_GetArraySize(it), SCN_MAX_SECTIONS);
		if (!(im->sections = jf_calloc(w, n, sizeof *im->sections)))
			return -1;
	}
	return jf_list(w, it, 1, SCN_MAX_SECTIONS, "a list of 1 to 16 sections {name, size, protect}",
	                 section_elem, im);
}

static int image_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scenario *sc = ctx;
	struct scn_image *im = &sc->images[i];
	sc->nimages = i + 1;
	if (jf_object(w, it, image_keys, 7, image_member, im, NULL))
		return -1;
	for (int j = 0; j < i; j++)
		if (strcasecmp(sc->images[j].name, im->name) == 0)
			return jf_fail(w, JF_AT_VALUE, "image names unique (case-insensitive, as on Windows)",
			                 "image \"%s\" defined twice (also images[%d])", im->name, j);
	return 0;
}

/* ---- steps ---- */

static const char *const step_keys[] = {"run", "say", "focus", "pause", "ask", "expect", NULL};
static const char *const ask_keys[] = {"prompt", "answers", "hint", NULL};
static const char *const expect_keys[] = {"seq", "cmd", "ok", "result", "error", "events", NULL};
static const char *const focus_names[] = {
	"vas", "translation", "physical", "pfn", "wset", "pagefile", "pool", "sections",
	"processes", "vad", NULL};

/* R5: the first word (after "$name =") is a prefix of save or export. */
static bool cmd_writes_host(const char *cmd)
{
	const char *p = cmd + strspn(cmd, " \t");
	if (*p == '$') {
		const char *eq = strchr(p, '=');
		if (!eq)
			return false;
		p = eq + 1 + strspn(eq + 1, " \t");
	}
	size_t n = strcspn(p, " \t");
	return n >= 2 && ((n <= 4 && strncasecmp(p, "save", n) == 0) ||
	                  (n <= 6 && strncasecmp(p, "export", n) == 0));
}

static int run_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct scn_step *st = ctx;
	static const char exp[] = "one command line of at most 4096 bytes (a list for several)";
	if (jf_string(w, it, SCN_MAX_CMD, exp, &st->run[i]))
		return -1;
	st->nrun = i + 1;
	if (cmd_writes_host(st->run[i]))
		return jf_fail(w, JF_AT_VALUE, "commands that do not write host files",
		                 "\"%s\" would write a host file; scenarios may not save or export",
		                 jf_clip(st->run[i], cbuf));
	return 0;
}

static int walk_run(struct jf_walk *w, cJSON *it, struct scn_step *st)
{
	if (!cJSON_IsString(it) && !cJSON_IsArray(it))
		return jf_type(w, it, "a command string or a list of command strings");
	int n = cJSON_IsString(it) ? 1 : MM_MIN(cJSON_GetArraySize(it), SCN_MAX_RUN);
	if (!(st->run = jf_calloc(w, n, sizeof *st->run)))
		return -1;
	if (cJSON_IsString(it))
		return run_elem(w, 0, it, st);
	return jf_list(w, it, 1, SCN_MAX_RUN, "a list of 1 to 64 command strings", run_elem, st);
}

static int answer_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scn_ask *a = ctx;
	if (jf_string(w, it, 256, "an answer string of at most 256 bytes, such as \"0x1a3f000\"",
	                &a->answers[i]))
		return -1;
	a->nanswers = i + 1;
	return 0;
}

static int ask_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_ask *a = ctx;
	if (key == 0)
		return walk_text(w, it, &a->prompt);
	if (key == 2)
		return walk_text(w, it, &a->hint);
	if (!(a->answers = jf_calloc(w, SCN_MAX_ANSWERS, sizeof *a->answers)))
		return -1;
	return jf_list(w, it, 1, SCN_MAX_ANSWERS, "a list of 1 to 16 answer strings", answer_elem, a);
}

static int expect_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	switch (key) {
	case 0:
		return cJSON_IsNumber(it) ? 0 : jf_type(w, it, "a number");
	case 1:
		return cJSON_IsString(it) ? 0 : jf_type(w, it, "a string");
	case 2:
		return cJSON_IsBool(it) ? 0 : jf_type(w, it, "true or false");
	case 4:
		return cJSON_IsObject(it) ? jf_dupes(w, it)
		       : jf_type(w, it, "an object such as {\"code\": \"ERROR_INVALID_PARAMETER\"}");
	case 5:
		return (cJSON_IsArray(it) || cJSON_IsObject(it)) ? jf_dupes(w, it)
		       : jf_type(w, it, "a list of events, or {\"contains\": [...]}");
	default:
		return jf_dupes(w, it);
	}
}

struct step_ctx {
	struct scn_step *st;
	cJSON *expect;          /* detached after the walk of the step */
};

static int step_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct step_ctx *sx = ctx;
	struct scn_step *st = sx->st;
	switch (key) {
	case 0:
		return walk_run(w, it, st);
	case 1:
		return walk_text(w, it, &st->say);
	case 2: {
		char list[200];
		jf_keys_join(focus_names, JF_WORDS_EXPECTED, list, sizeof list);
		if (!cJSON_IsString(it))
			return jf_type(w, it, list);
		for (int i = 0; focus_names[i]; i++)
			if (strcmp(it->valuestring, focus_names[i]) == 0) {
				st->focus = (enum scn_focus)(i + 1);
				return 0;
			}
		return jf_fail(w, JF_AT_VALUE, list, "\"%s\" is not a pane", jf_clip(it->valuestring, cbuf));
	}
	case 3:
		return jf_bool(w, it, &st->pause);
	case 4:
		if (!(st->ask = jf_calloc(w, 1, sizeof *st->ask)))
			return -1;
		return jf_object(w, it, ask_keys, 3, ask_member, st->ask, NULL);
	default:
		sx->expect = it;
		return jf_object(w, it, expect_keys, 0, expect_member, NULL, NULL);
	}
}

static int step_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scn_step *st = &((struct scenario *)ctx)->steps[i];
	struct step_ctx sx = {st, NULL};
	((struct scenario *)ctx)->nsteps = i + 1;
	if (jf_object(w, it, step_keys, 0, step_member, &sx, NULL))
		return -1;
	if (sx.expect && st->nrun == 0)
		return jf_fail(w, JF_AT_VALUE, "a \"run\" key: expect checks the result of the step's last command",
		                 "\"expect\" without \"run\"");
	if (st->ask && st->nrun == 0)
		return jf_fail(w, JF_AT_VALUE, "a \"run\" key: the answers must agree with what the step does",
		                 "\"ask\" without \"run\"");
	if (st->nrun == 0 && !st->say.en && !st->say.de)
		return jf_fail(w, JF_AT_VALUE, "at least \"run\" or \"say\"", "empty step");
	if (sx.expect)
		st->expect = cJSON_DetachItemViaPointer(it, sx.expect);
	return 0;
}

static int walk_steps(struct jf_walk *w, cJSON *it, struct scenario *sc)
{
	static const char exp[] = "a list of 1 to 100000 steps";
	if (!cJSON_IsArray(it))
		return jf_type(w, it, exp);
	int n = cJSON_GetArraySize(it);
	if (n > SCN_MAX_STEPS) {
		jf_push(w, NULL, SCN_MAX_STEPS);
		jf_fail(w, JF_AT_VALUE, "at most 100000 steps", "too many steps (%d)", n);
		jf_pop(w);
		return -1;
	}
	if (!(sc->steps = jf_calloc(w, n, sizeof *sc->steps)))
		return -1;
	return jf_list(w, it, 1, SCN_MAX_STEPS, exp, step_elem, sc);
}

/* ---- the document ---- */

static const char *const top_keys[] = {
	"schema", "id", "title", "summary", "tags", "machine", "images", "steps", NULL};

static int tag_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scenario *sc = ctx;
	sc->ntags = i + 1;
	return walk_slug(w, it, &sc->tags[i]);
}

static int top_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	struct scenario *sc = ctx;
	switch (key) {
	case 0:
		return 0;               /* checked first (R3) */
	case 1:
		return walk_slug(w, it, &sc->id);
	case 2:
		return walk_text(w, it, &sc->title);
	case 3:
		return walk_text(w, it, &sc->summary);
	case 4:
		if (!(sc->tags = jf_calloc(w, SCN_MAX_TAGS, sizeof *sc->tags)))
			return -1;
		return jf_list(w, it, 0, SCN_MAX_TAGS, "a list of at most 32 tags such as \"copy-on-write\"",
		                 tag_elem, sc);
	case 5:
		return walk_machine(w, it, &sc->machine);
	case 6:
		if (!(sc->images = jf_calloc(w, SCN_MAX_IMAGES, sizeof *sc->images)))
			return -1;
		return jf_list(w, it, 0, SCN_MAX_IMAGES, "a list of at most 64 images {name, base, sections}",
		                 image_elem, sc);
	default:
		state(w)->steps_ord = w->path[w->depth - 1].ord;
		return walk_steps(w, it, sc);
	}
}

/* R3: the schema, before anything else. */
static int walk_schema(struct jf_walk *w, cJSON *root)
{
	int ord = 0;
	const cJSON *it = root->child;
	for (; it && strcmp(it->string, "schema") != 0; it = it->next)
		ord++;
	if (!it)
		return jf_fail(w, JF_AT_VALUE, "\"schema\": 1 as the first key", "missing key \"schema\"");
	jf_push(w, "schema", ord);
	int rc = 0;
	if (!cJSON_IsNumber(it))
		rc = jf_type(w, it, "the number 1");
	else if (it->valuedouble != 1)
		rc = jf_fail(w, JF_AT_VALUE, "1 (the format this mmviz reads)",
		               it->valuedouble > 1 ? "schema %.17g is newer than this mmviz understands"
		                                   : "schema %.17g is unknown", it->valuedouble);
	jf_pop(w);
	return rc;
}

static int walk_document(struct jf_walk *w, cJSON *root, struct scenario *sc)
{
	if (!cJSON_IsObject(root))
		return jf_type(w, root, "a JSON object {\"schema\": 1, ...}");
	if (walk_schema(w, root))
		return -1;
	if (jf_object(w, root, top_keys, 1u | 2u | 4u | 128u, top_member, sc, NULL))
		return -1;
	int *lines = calloc((size_t)sc->nsteps, sizeof *lines);
	if (lines) {
		struct jf_comp c = {"steps", 5, state(w)->steps_ord};
		jf_list_lines(w->text, w->len, &c, 1, lines, sc->nsteps);
		for (int i = 0; i < sc->nsteps; i++)
			sc->steps[i].line = lines[i];
		free(lines);
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Load and free
 * ------------------------------------------------------------------- */

int scenario_load_buf(const char *name, const char *buf, size_t len, struct scenario **out,
                      struct scn_err *err)
{
	struct jf_err je;
	*out = NULL;
	if (!name)
		name = "(buffer)";
	if (len > SCN_MAX_FILE)
		return err_plain(err, name, "too large", "at most 16 MiB");
	cJSON *root = jsonfile_parse(buf, len, &je);
	if (!root)
		return err_at(err, name, &je);
	struct scenario *sc = calloc(1, sizeof *sc);
	struct scn_walk state = {0};
	struct jf_walk w = {.text = buf, .len = len, .err = &je, .ud = &state};
	int rc = -1;
	if (!sc || !(sc->file = strdup(name)))
		err_plain(err, name, "out of memory", NULL);
	else if ((rc = walk_document(&w, root, sc)) != 0)
		err_at(err, name, &je);
	cJSON_Delete(root);
	if (rc) {
		scenario_free(sc);
		return -1;
	}
	*out = sc;
	return 0;
}

static void text_free(struct scn_text *t)
{
	free(t->en);
	free(t->de);
}

static void strv_free(char **v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static void step_free(struct scn_step *st)
{
	strv_free(st->run, st->nrun);
	text_free(&st->say);
	if (st->ask) {
		text_free(&st->ask->prompt);
		text_free(&st->ask->hint);
		strv_free(st->ask->answers, st->ask->nanswers);
		free(st->ask);
	}
	cJSON_Delete(st->expect);
}

void scenario_free(struct scenario *sc)
{
	if (!sc)
		return;
	free(sc->file);
	free(sc->id);
	text_free(&sc->title);
	text_free(&sc->summary);
	strv_free(sc->tags, sc->ntags);
	for (int i = 0; sc->images && i < sc->nimages; i++) {
		struct scn_image *im = &sc->images[i];
		free(im->name);
		for (int j = 0; im->sections && j < im->nsections; j++) {
			free(im->sections[j].name);
			free(im->sections[j].protect);
		}
		free(im->sections);
	}
	free(sc->images);
	for (int i = 0; sc->steps && i < sc->nsteps; i++)
		step_free(&sc->steps[i]);
	free(sc->steps);
	free(sc);
}

int scenario_load_file(const char *path, struct scenario **out, struct scn_err *err)
{
	struct jf_file f;
	char what[200];
	const char *exp = NULL;
	*out = NULL;
	switch (jsonfile_read(path, SCN_MAX_FILE, &f)) {
	case JF_READ_OK: {
		int rc = scenario_load_buf(path, f.buf, f.len, out, err);
		free(f.buf);
		return rc;
	}
	case JF_READ_OPEN:
		snprintf(what, sizeof what, "cannot open: %s", strerror(f.errnum));
		break;
	case JF_READ_STAT:
		snprintf(what, sizeof what, "cannot stat: %s", strerror(f.errnum));
		break;
	case JF_READ_NOT_REGULAR:
		snprintf(what, sizeof what, "not a regular file");
		exp = "a scenario file (.json)";
		break;
	case JF_READ_TOO_LARGE:
		snprintf(what, sizeof what, "file of %lld bytes is too large", f.size);
		exp = "at most 16 MiB";
		break;
	case JF_READ_NOMEM:
		snprintf(what, sizeof what, "out of memory");
		break;
	case JF_READ_ERROR:
		snprintf(what, sizeof what, "cannot read: %s", strerror(f.errnum));
		break;
	default:
		snprintf(what, sizeof what, "file changed while reading");
		break;
	}
	return err_plain(err, path, what, exp);
}

const char *scn_text_get(const struct scn_text *t, int lang)
{
	const char *a = lang == 1 ? t->de : t->en, *b = lang == 1 ? t->en : t->de;
	return a ? a : b ? b : "";
}

const char *scn_focus_name(enum scn_focus f)
{
	return f > SCN_FOCUS_NONE && f < SCN_FOCUS_COUNT ? focus_names[f - 1] : NULL;
}

/* ---------------------------------------------------------------------
 * The machine: defaults < scenario < command line
 * ------------------------------------------------------------------- */

static void machine_apply(struct mm_config *cfg, const struct scn_machine *m)
{
	if (m->given & SCN_GIVEN_ARCH)
		cfg->arch = m->cfg.arch;
	if (m->given & SCN_GIVEN_OS)
		cfg->os = m->cfg.os;
	if (m->given & SCN_GIVEN_RAM)
		cfg->ram = m->cfg.ram;
	if (m->given & SCN_GIVEN_PAGEFILES) {
		cfg->npagefiles = m->cfg.npagefiles;
		memcpy(cfg->pagefile, m->cfg.pagefile, sizeof cfg->pagefile);
	}
	if (m->given & SCN_GIVEN_SEED)
		cfg->seed = m->cfg.seed;
	if (m->given & SCN_GIVEN_TLB)
		cfg->tlb_entries = m->cfg.tlb_entries;
}

static void notice_add(char *notice, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void notice_add(char *notice, size_t n, const char *fmt, ...)
{
	if (!notice || n == 0)
		return;
	size_t l = strlen(notice);
	if (l && l + 2 < n) {
		strcpy(notice + l, "; ");
		l += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(notice + l, n - l, fmt, ap);
	va_end(ap);
}

static void machine_notices(const struct scn_machine *sm, const struct scn_machine *o,
                            char *notice, size_t n)
{
	unsigned both = sm->given & o->given;
	char a[32], b[32];
	if ((both & SCN_GIVEN_ARCH) && sm->cfg.arch != o->cfg.arch)
		notice_add(notice, n, "--arch %s overrides the scenario's %s",
		           mm_arch_name(o->cfg.arch), mm_arch_name(sm->cfg.arch));
	if ((both & SCN_GIVEN_OS) && sm->cfg.os != o->cfg.os)
		notice_add(notice, n, "--os %s overrides the scenario's %s",
		           mm_os_name(o->cfg.os), mm_os_name(sm->cfg.os));
	if ((both & SCN_GIVEN_RAM) && sm->cfg.ram != o->cfg.ram)
		notice_add(notice, n, "--ram %s overrides the scenario's %s",
		           mm_size_str(o->cfg.ram, a), mm_size_str(sm->cfg.ram, b));
	if ((both & SCN_GIVEN_PAGEFILES) && (sm->cfg.npagefiles != o->cfg.npagefiles ||
	    memcmp(sm->cfg.pagefile, o->cfg.pagefile, (size_t)o->cfg.npagefiles * sizeof o->cfg.pagefile[0])))
		notice_add(notice, n, "--pagefile overrides the scenario's page files");
	if ((both & SCN_GIVEN_SEED) && sm->cfg.seed != o->cfg.seed)
		notice_add(notice, n, "--seed %llu overrides the scenario's %llu",
		           (unsigned long long)o->cfg.seed, (unsigned long long)sm->cfg.seed);
	if ((both & SCN_GIVEN_TLB) && sm->cfg.tlb_entries != o->cfg.tlb_entries)
		notice_add(notice, n, "tlb %d overrides the scenario's %d", o->cfg.tlb_entries,
		           sm->cfg.tlb_entries);
}

void scenario_machine(const struct scenario *sc, const struct scn_machine *over,
                      struct mm_config *out, char *notice, size_t n)
{
	unsigned given = 0;
	if (notice && n)
		notice[0] = '\0';
	mm_config_default(out);
	if (sc) {
		machine_apply(out, &sc->machine);
		given |= sc->machine.given;
	}
	if (over) {
		if (sc)
			machine_notices(&sc->machine, over, notice, n);
		machine_apply(out, over);
		given |= over->given;
	}
	if (!(given & SCN_GIVEN_PAGEFILES)) {
		out->npagefiles = 1;
		out->pagefile[0] = 2 * out->ram;
	}
}

/* ---------------------------------------------------------------------
 * Search path and listing
 * ------------------------------------------------------------------- */

enum scn_where scenario_find(const char *name, char *path_out, size_t n)
{
	if (!name || !name[0] || n == 0)
		return SCN_NOT_FOUND;
	if (datapath_find("scenarios", name, path_out, n))
		return SCN_FILE;
	size_t len;
	if (builtin_scenario(name, &len) && strlen(name) < n) {
		strcpy(path_out, name);
		return SCN_BUILTIN;
	}
	return SCN_NOT_FOUND;
}

/* "no such scenario", naming where it looked. */
static int not_found(const char *name, struct scn_err *err)
{
	char dirs[DATAPATH_MAX_DIRS][DATAPATH_DIR_MAX], exp[640] = "a file, or NAME.json in ";
	int nd = datapath_dirs("scenarios", dirs);
	for (int d = 0; d < nd; d++) {
		size_t l = strlen(exp);
		snprintf(exp + l, sizeof exp - l, "%.100s/, ", dirs[d]);
	}
	size_t l = strlen(exp);
	snprintf(exp + l, sizeof exp - l, "or a built-in name (tour)");
	return err_plain(err, name, "no such scenario", exp);
}

int scenario_open(const char *name, struct scenario **out, struct scn_err *err)
{
	char path[4096];
	*out = NULL;
	switch (scenario_find(name, path, sizeof path)) {
	case SCN_FILE:
		return scenario_load_file(path, out, err);
	case SCN_BUILTIN: {
		size_t len;
		const char *buf = builtin_scenario(path, &len);
		char label[96];
		snprintf(label, sizeof label, "<built-in %.60s>", path);
		return scenario_load_buf(label, buf, len, out, err);
	}
	default:
		if (name && strchr(name, '/'))
			return scenario_load_file(name, out, err);     /* the OS says why */
		return not_found(name ? name : "", err);
	}
}

static void list_one(scn_list_fn fn, void *ud, const char *name, const char *path,
                     const char *buf, size_t len)
{
	struct scenario *sc = NULL;
	struct scn_err err;
	int rc = path ? scenario_load_file(path, &sc, &err) : scenario_load_buf(name, buf, len, &sc, &err);
	struct scn_entry e = {name, path, rc ? NULL : sc, rc ? &err : NULL};
	fn(ud, &e);
	scenario_free(sc);
}

/* A listing in progress: the caller's callback, and the built-ins that a
 * file of the same name shadows. */
struct listing {
	scn_list_fn fn;
	void *ud;
	uint64_t shadowed;      /* bit i: builtin_scenario_name(i) */
};

static void list_file(void *ud, const char *name, const char *path)
{
	struct listing *l = ud;
	for (int i = 0; i < 64 && builtin_scenario_name(i); i++)
		if (strcmp(builtin_scenario_name(i), name) == 0)
			l->shadowed |= 1ull << i;
	list_one(l->fn, l->ud, name, path, NULL, 0);
}

int scenario_list(scn_list_fn fn, void *ud)
{
	struct listing l = {fn, ud, 0};
	int listed = datapath_list("scenarios", list_file, &l);
	for (int i = 0; i < 64 && builtin_scenario_name(i); i++) {
		const char *name = builtin_scenario_name(i);
		size_t len;
		const char *buf = builtin_scenario(name, &len);
		if (!(l.shadowed & (1ull << i))) {
			list_one(fn, ud, name, NULL, buf, len);
			listed++;
		}
	}
	return listed;
}

int scenario_define_images(const struct scenario *sc, struct session *s, struct mm_err *err)
{
	for (int i = 0; i < sc->nimages; i++) {
		const struct scn_image *im = &sc->images[i];
		const char *names[8], *prots[8];
		uint64_t sizes[8];
		if (im->nsections > 8)
			return mm_fail(err, "STATUS_INVALID_PARAMETER", -1, "images[%d]: at most 8 sections", i);
		for (int k = 0; k < im->nsections; k++) {
			names[k] = im->sections[k].name;
			sizes[k] = im->sections[k].size;
			prots[k] = im->sections[k].protect;
		}
		if (session_define_image(s, im->name, im->base, im->nsections, names, sizes, prots, err) < 0)
			return -1;
	}
	return 0;
}
