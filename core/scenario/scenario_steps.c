/*
 * scenario_steps.c — a scenario's `steps`: what each step runs, says,
 * focuses, asks and expects (docs/scenarios.md SCN-STEPS).
 *
 * Design.  A step is checked for what a reader of the file can see: `run`
 * is one command line or a list of 1 to 64, none of which may write a host
 * file (R5); an `expect` or an `ask` needs a `run`, because both speak
 * about what the step's commands return (scncheck.h C3, C4); a step does
 * something or says something. Whether the commands then succeed is not
 * the loader's business but the referee's (scncheck_step), shared by
 * --check and the TUI player.
 *
 * R5 judges a line as the session will run it, not as it looks: the line
 * is split by the session's own lexer (lex_split: quotes, escapes,
 * comments, "$x =") and its command found by the session's own look-up
 * (cmd_find: case, aliases, unique prefixes), and the step is refused when
 * that entry is marked CMD_HOST_WRITE. So `"save" F`, `s"av"e F`,
 * `$x=export F`, `EXP F` are all the command they resolve to. A line that
 * does not lex or names no single command is left to fail when it runs:
 * the session, with the same two functions, cannot run it either.
 *
 * `expect` is free-form JSON matched partially (jmatch.h), so only its top
 * keys have a table; below them any key may appear, but none twice (R2,
 * jf_dupes). Its subtree is detached from the document and kept by the
 * step, the one thing of the tree that outlives the load.
 */
#include "scenario.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "jsonfile.h"
#include "lang/cmd.h"
#include "lang/lex.h"
#include "scenario_walk.h"

static const char *const step_keys[] = {"run", "say", "focus", "pause", "ask", "expect", NULL};
static const char *const ask_keys[] = {"prompt", "answers", "hint", "choices", "explain", "say", NULL};
static const char *const expect_keys[] = {"seq", "cmd", "ok", "result", "error", "events", "events_total",
					   "events_by_kind", "events_omitted", NULL};
static const char *const focus_names[] = {
	"vas", "translation", "physical", "pfn", "wset", "pagefile", "pool", "sections",
	"processes", "vad", "summary", "usecounts", "physpages", "filesummary", "split", "policies", NULL};

/* R5: the command line names as the session finds it (split, then looked
 * up) when that command writes host files; NULL otherwise. */
static const struct cmd_entry *step_host_writer(const char *line)
{
	struct lex_line ln;
	struct mm_err err;
	int nwords;
	if (lex_split(line, &ln, &err) < 0 || ln.empty)
		return NULL;
	const struct cmd_entry *e = cmd_find(&ln, &nwords, &err);
	return e && (e->flags & CMD_HOST_WRITE) ? e : NULL;
}

static int run_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct scn_step *st = ctx;
	static const char exp[] = "one command line of at most 4096 bytes (a list for several)";
	if (jf_string(w, it, SCN_MAX_CMD, exp, &st->run[i]))
		return -1;
	st->nrun = i + 1;
	const struct cmd_entry *e = step_host_writer(st->run[i]);
	if (e)
		return jf_fail(w, JF_AT_VALUE, "commands that do not write host files",
		               "\"%s\" runs %s, which writes a host file: a typed command only",
		               jf_clip(st->run[i], cbuf), e->name);
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

static int choice_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scn_ask *a = ctx;
	if (jf_string(w, it, 256, "a choice string of at most 256 bytes, such as \"soft\"", &a->choices[i]))
		return -1;
	a->nchoices = i + 1;
	return 0;
}

static int ask_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_ask *a = ctx;
	switch (key) {
	case 0:
		return scn_walk_text(w, it, &a->prompt);
	case 2:
		return scn_walk_text(w, it, &a->hint);
	case 3:
		if (!(a->choices = jf_calloc(w, SCN_MAX_CHOICES, sizeof *a->choices)))
			return -1;
		return jf_list(w, it, 2, SCN_MAX_CHOICES, "a list of 2 to 8 choice strings", choice_elem, a);
	case 4:
		return scn_walk_text(w, it, &a->explain);
	case 5: { /* when the step's say is shown: held back (the default) or with the question */
		static const char want[] = "\"after\" (the default: the say is held back until the learner has "
					   "answered) or \"with\" (shown with the question)";
		char cbuf[48];
		if (!cJSON_IsString(it))
			return jf_type(w, it, want);
		if (strcmp(it->valuestring, "with") && strcmp(it->valuestring, "after"))
			return jf_fail(w, JF_AT_VALUE, want, "\"%s\" is neither", jf_clip(it->valuestring, cbuf));
		a->say_with = !strcmp(it->valuestring, "with");
		return 0;
	}
	default:
		if (!(a->answers = jf_calloc(w, SCN_MAX_ANSWERS, sizeof *a->answers)))
			return -1;
		return jf_list(w, it, 1, SCN_MAX_ANSWERS, "a list of 1 to 16 answer strings", answer_elem, a);
	}
}

/* A multiple-choice question offers its answers: each is one of the
 * choices, by the player's own comparison (answer.h). */
static int ask_choices_check(struct jf_walk *w, const struct scn_ask *a)
{
	char cbuf[48];
	for (int i = 0; a->nchoices && i < a->nanswers; i++) {
		bool found = false;
		for (int c = 0; c < a->nchoices && !found; c++)
			found = answer_match(a->choices[c], a->answers[i], ANSWER_TYPED);
		if (!found)
			return jf_fail(w, JF_AT_VALUE, "each answer among the choices",
				       "answer \"%s\" is not one of the choices", jf_clip(a->answers[i], cbuf));
	}
	return 0;
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
		return scn_walk_text(w, it, &st->say);
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
		if (jf_object(w, it, ask_keys, 3, ask_member, st->ask, NULL))
			return -1;
		return ask_choices_check(w, st->ask);
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

int scenario_steps_walk(struct jf_walk *w, cJSON *it, struct scenario *sc)
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

static void step_free(struct scn_step *st)
{
	scn_strv_free(st->run, st->nrun);
	scn_text_free(&st->say);
	if (st->ask) {
		scn_text_free(&st->ask->prompt);
		scn_text_free(&st->ask->hint);
		scn_text_free(&st->ask->explain);
		scn_strv_free(st->ask->answers, st->ask->nanswers);
		scn_strv_free(st->ask->choices, st->ask->nchoices);
		free(st->ask);
	}
	cJSON_Delete(st->expect);
}

void scenario_steps_free(struct scenario *sc)
{
	for (int i = 0; sc->steps && i < sc->nsteps; i++)
		step_free(&sc->steps[i]);
	free(sc->steps);
}

const char *scn_focus_name(enum scn_focus f)
{
	return f > SCN_FOCUS_NONE && f < SCN_FOCUS_COUNT ? focus_names[f - 1] : NULL;
}
