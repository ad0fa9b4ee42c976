/*
 * scenario.c — the scenario loader (docs/scenarios.md SCN-FORMAT).
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
 *  R5. Commands that write host files (cmd.h CMD_HOST_WRITE: `save`,
 *      `export`) are refused: a scenario may not touch the host. A line is
 *      judged as the session will run it, lexed and looked up by the
 *      session's own functions, so no quoting, case, prefix or "$x ="
 *      gets past (scenario_steps.c).
 *  R6. Numbers that stand for sizes or addresses are accepted as strings
 *      ("16M", "0x180000000") or as integral JSON numbers up to 2^53.
 *
 * The loader is six files sharing scenario_walk.h: this one (messages,
 * the document, load and free, search and listing), scenario_walk.c (the
 * values every block uses: names, texts, sizes), and one per block of the
 * format: scenario_machine.c
 * (`machine`, and the merge with the command line), scenario_images.c
 * (`images`), scenario_steps.c (`steps`: run, say, ask, expect) and
 * scenario_course.c (`course`: the place on the course path).
 */
#include "scenario.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "datapath.h"
#include "jsonfile.h"
#include "scnmsg.h"
#include "scenario_walk.h"

/* ---------------------------------------------------------------------
 * Messages
 * ------------------------------------------------------------------- */

/* A refusal without a place in the text: "FILE: WHAT; expected EXPECTED",
 * each an SM_ pair (scnmsg.h; expected NULL, NULL: none); -1. */
static int err_plain(struct scn_err *e, const char *file, const char *what_en, const char *what_de, const char *exp_en,
                     const char *exp_de)
{
	if (!e)
		return -1;
	memset(e, 0, sizeof *e);
	jf_copy_cut(e->what, sizeof e->what, what_en);
	jf_copy_cut(e->expected, sizeof e->expected, exp_en);
	const char *what[2] = {what_en, what_de}, *exp[2] = {exp_en ? exp_en : "", exp_de ? exp_de : ""};
	char *msg[2] = {e->msg, e->msg_de};
	for (int lang = 0; lang < 2; lang++)
		snprintf(msg[lang], sizeof e->msg, "%s: %s%s%s", file, what[lang], *exp[lang] ? SM(lang, EXPECTED) : "",
		         exp[lang]);
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
	char *msg[2] = {e->msg, e->msg_de};
	for (int lang = 0; lang < 2; lang++) {
		const char *exp = jf_err_expected(j, lang);
		snprintf(msg[lang], sizeof e->msg, "%s:%d:%d: %s: %s%s%s", file, e->line, e->col,
		         e->path[0] ? e->path : SM(lang, TOP_LEVEL), jf_err_what(j, lang), exp[0] ? SM(lang, EXPECTED) : "",
		         exp);
	}
	return -1;
}

const char *scn_err_text(const struct scn_err *e, int lang)
{
	return lang && e->msg_de[0] ? e->msg_de : e->msg;
}

/* ---------------------------------------------------------------------
 * The typed walk of the document (its values: scenario_walk.c)
 * ------------------------------------------------------------------- */

/* ---- the document ---- */

static const char *const top_keys[] = {
	"schema", "id", "title", "summary", "tags", "machine", "images", "steps", "course", NULL};

static int tag_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scenario *sc = ctx;
	sc->ntags = i + 1;
	return scn_walk_slug(w, it, &sc->tags[i]);
}

static int top_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	struct scenario *sc = ctx;
	switch (key) {
	case 0:
		return 0;               /* checked first (R3) */
	case 1:
		return scn_walk_slug(w, it, &sc->id);
	case 2:
		return scn_walk_text(w, it, &sc->title);
	case 3:
		return scn_walk_text(w, it, &sc->summary);
	case 4:
		if (!(sc->tags = jf_calloc(w, SCN_MAX_TAGS, sizeof *sc->tags)))
			return -1;
		return jf_list(w, it, 0, SCN_MAX_TAGS, "a list of at most 32 tags such as \"copy-on-write\"",
		               tag_elem, sc);
	case 5:
		return scenario_machine_walk(w, it, &sc->machine);
	case 6:
		return scenario_images_walk(w, it, sc);
	case 8:
		return scenario_course_walk(w, it, &sc->course);
	default:
		scn_walk_state(w)->steps_ord = w->path[w->depth - 1].ord;
		return scenario_steps_walk(w, it, sc);
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
	if (jf_object(w, root, top_keys, 1u | 2u | 4u | 128u, top_member, sc, NULL) ||
	    scenario_course_check(w, root, sc))
		return -1;
	int *lines = calloc((size_t)sc->nsteps, sizeof *lines);
	if (lines) {
		struct jf_comp c = {"steps", 5, scn_walk_state(w)->steps_ord};
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
		return err_plain(err, name, SM_TOO_LARGE, SM_X_FILE_MAX);
	cJSON *root = jsonfile_parse(buf, len, &je);
	if (!root)
		return err_at(err, name, &je);
	struct scenario *sc = calloc(1, sizeof *sc);
	struct scn_walk state = {0};
	struct jf_walk w = {.text = buf, .len = len, .err = &je, .ud = &state};
	int rc = -1;
	if (!sc || !(sc->file = strdup(name)))
		err_plain(err, name, SM_OOM, NULL, NULL);
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

void scenario_free(struct scenario *sc)
{
	if (!sc)
		return;
	free(sc->file);
	free(sc->id);
	scn_text_free(&sc->title);
	scn_text_free(&sc->summary);
	scn_strv_free(sc->tags, sc->ntags);
	scenario_images_free(sc);
	scenario_steps_free(sc);
	scenario_course_free(&sc->course);
	free(sc);
}

/* The words of a file jsonfile_read refused, in language lang, into what;
 * *exp (an SM_X_ text or NULL) what was expected. */
static void read_refusal(enum jf_read r, const struct jf_file *f, int lang, char *what, size_t n, const char **exp)
{
	*exp = NULL;
	switch (r) {
	case JF_READ_OPEN: snprintf(what, n, SM(lang, CANNOT_OPEN), strerror(f->errnum)); break;
	case JF_READ_STAT: snprintf(what, n, SM(lang, CANNOT_STAT), strerror(f->errnum)); break;
	case JF_READ_NOT_REGULAR:
		snprintf(what, n, "%s", SM(lang, NOT_REGULAR));
		*exp = SM(lang, X_SCENARIO_FILE);
		break;
	case JF_READ_TOO_LARGE:
		snprintf(what, n, SM(lang, FILE_TOO_LARGE), f->size);
		*exp = SM(lang, X_FILE_MAX);
		break;
	case JF_READ_NOMEM: snprintf(what, n, "%s", SM(lang, OOM)); break;
	case JF_READ_ERROR: snprintf(what, n, SM(lang, CANNOT_READ), strerror(f->errnum)); break;
	default: snprintf(what, n, "%s", SM(lang, CHANGED)); break;
	}
}

int scenario_load_file(const char *path, struct scenario **out, struct scn_err *err)
{
	struct jf_file f;
	*out = NULL;
	enum jf_read r = jsonfile_read(path, SCN_MAX_FILE, &f);
	if (r == JF_READ_OK) {
		int rc = scenario_load_buf(path, f.buf, f.len, out, err);
		free(f.buf);
		return rc;
	}
	char what[2][200];
	const char *exp[2];
	for (int lang = 0; lang < 2; lang++)
		read_refusal(r, &f, lang, what[lang], sizeof what[lang], &exp[lang]);
	return err_plain(err, path, what[0], what[1], exp[0], exp[1]);
}

const char *scn_text_get(const struct scn_text *t, int lang)
{
	const char *a = lang == 1 ? t->de : t->en, *b = lang == 1 ? t->en : t->de;
	return a ? a : b ? b : "";
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
/* The nearest scenario name (types.h mm_spell); the listing's names live
 * only during its callback, so the best is copied. */
#define NEAR_NAME_MAX 64 /* a scenario's id: at most 64 bytes (SCN-FORMAT) */
struct near_name {
	struct mm_spell sp;
	char best[NEAR_NAME_MAX + 1];
};

static void near_one(void *ud, const struct scn_entry *e)
{
	struct near_name *n = ud;
	mm_spell_try(&n->sp, e->name);
	if (n->sp.best == e->name) {
		snprintf(n->best, sizeof n->best, "%s", e->name);
		n->sp.best = n->best;
	}
}

static int not_found(const char *name, struct scn_err *err)
{
	struct near_name near;
	mm_spell_init(&near.sp, strchr(name, '/') || strlen(name) > NEAR_NAME_MAX ? "" : name);
	if (near.sp.word[0])
		scenario_list(near_one, &near);
	if (mm_spell_best(&near.sp)) {
		char what[2][NEAR_NAME_MAX + 64];
		for (int lang = 0; lang < 2; lang++)
			snprintf(what[lang], sizeof what[lang], SM(lang, NO_SCENARIO_NEAR), mm_spell_best(&near.sp));
		return err_plain(err, name, what[0], what[1], NULL, NULL);
	}
	char dirs[DATAPATH_MAX_DIRS][DATAPATH_DIR_MAX], exp[2][640];
	int nd = datapath_dirs("scenarios", dirs);
	for (int lang = 0; lang < 2; lang++) {
		snprintf(exp[lang], sizeof exp[lang], "%s", SM(lang, X_SCENARIO_IN));
		for (int d = 0; d < nd; d++) {
			size_t l = strlen(exp[lang]);
			snprintf(exp[lang] + l, sizeof exp[lang] - l, "%.100s/, ", dirs[d]);
		}
		size_t l = strlen(exp[lang]);
		snprintf(exp[lang] + l, sizeof exp[lang] - l, "%s", SM(lang, X_SCENARIO_BUILTIN));
	}
	return err_plain(err, name, SM_NO_SCENARIO, exp[0], exp[1]);
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

/* One scenario found for the listing: loaded, or why not. */
struct listed {
	char *name;
	char *path;             /* NULL for a built-in */
	struct scenario *sc;    /* NULL when it does not load */
	struct scn_err err;
	int seq;                /* search order: the last sort key */
};

/* A listing in progress: what was found so far, and the built-ins that a
 * file of the same name shadows. */
struct listing {
	struct listed *v;
	int n, cap;
	bool oom;
	uint64_t shadowed;      /* bit i: builtin_scenario_name(i) */
};

static void list_add(struct listing *l, const char *name, const char *path, const char *buf, size_t len)
{
	if (l->oom)
		return;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 32;
		struct listed *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v) {
			l->oom = true;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	struct listed *e = &l->v[l->n];
	memset(e, 0, sizeof *e);
	e->seq = l->n;
	if (!(e->name = strdup(name)) || (path && !(e->path = strdup(path)))) {
		free(e->name);
		l->oom = true;
		return;
	}
	l->n++;
	if (path)
		scenario_load_file(path, &e->sc, &e->err);
	else
		scenario_load_buf(name, buf, len, &e->sc, &e->err);
}

static void list_file(void *ud, const char *name, const char *path)
{
	struct listing *l = ud;
	for (int i = 0; i < 64 && builtin_scenario_name(i); i++)
		if (strcmp(builtin_scenario_name(i), name) == 0)
			l->shadowed |= 1ull << i;
	list_add(l, name, path, NULL, 0);
}

/* Course order, then search order (docs/scenarios.md SCN-COURSE). */
static int listed_cmp(const void *pa, const void *pb)
{
	const struct listed *a = pa, *b = pb;
	int c = scenario_course_cmp(a->sc, b->sc);
	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

int scenario_list(scn_list_fn fn, void *ud)
{
	struct listing l = {0};
	datapath_list("scenarios", list_file, &l);
	for (int i = 0; i < 64 && builtin_scenario_name(i); i++) {
		const char *name = builtin_scenario_name(i);
		size_t len;
		const char *buf = builtin_scenario(name, &len);
		if (!(l.shadowed & (1ull << i)))
			list_add(&l, name, NULL, buf, len);
	}
	int listed = l.oom ? -1 : l.n;
	if (!l.oom) {
		qsort(l.v, (size_t)l.n, sizeof *l.v, listed_cmp);
		for (int i = 0; i < l.n; i++) {
			struct scn_entry e = {l.v[i].name, l.v[i].path, l.v[i].sc, l.v[i].sc ? NULL : &l.v[i].err};
			fn(ud, &e);
		}
	}
	for (int i = 0; i < l.n; i++) {
		free(l.v[i].name);
		free(l.v[i].path);
		scenario_free(l.v[i].sc);
	}
	free(l.v);
	return listed;
}
