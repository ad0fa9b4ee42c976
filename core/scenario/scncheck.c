/*
 * scncheck.c — the `--check` runner (rules C1-C9 in scncheck.h).
 *
 * Design: a check is a replay with a referee. For each scenario we build
 * the machine exactly as the TUI would (scenario_machine: defaults, the
 * scenario's machine block, command-line overrides), run every step's
 * commands through the same session_exec_json that --batch --json prints,
 * and compare with jmatch. Using the JSON-lines object, and not some
 * internal state, means an `expect` checks exactly the stable contract of
 * docs/output.md OUT-JSON that the author can see by running the commands in batch mode.
 *
 * The referee is one function, scncheck_step: it plays one step and
 * judges it, and the TUI player plays every scenario step through it too
 * (tui/player.c, with a callback that turns each command into a record of
 * the timeline). Before, the player matched `expect` on its own and showed
 * a tick where --check failed the step (an earlier command failing, a
 * trailing comment line, an answer the step does not show); one referee
 * means one verdict.
 *
 * Each scenario runs on a fresh session, so one scenario cannot make
 * another pass or fail. The first failing step ends its scenario.
 */
#include "scncheck.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answer.h"
#include "jmatch.h"
#include "session.h"

/* Fills v with a failure at command `at` and returns false. */
static bool verdict_fail(struct scn_verdict *v, int at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static bool verdict_fail(struct scn_verdict *v, int at, const char *fmt, ...)
{
	va_list ap;
	v->pass = false;
	v->at = at;
	va_start(ap, fmt);
	vsnprintf(v->why, sizeof v->why, fmt, ap);
	va_end(ap);
	return false;
}

static bool obj_ok(const cJSON *obj)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "ok"));
}

/* "ERROR_INVALID_PARAMETER: MEM_RELEASE needs size 0", from the object. */
static const char *obj_error(const cJSON *obj, char *buf, size_t n)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(obj, "error");
	const char *code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "code"));
	const char *msg = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "message"));
	snprintf(buf, n, "%s%s%s", code ? code : "error", msg ? ": " : "", msg ? msg : "");
	return buf;
}

/* Where a command shows an answer: its result; a command that failed
 * (only the last one may, C2) shows its error instead (code, ntstatus),
 * so "which error does this call return?" can be asked and proved. */
static bool obj_shows(const cJSON *obj, const char *answer)
{
	return obj && (jmatch_has_value(cJSON_GetObjectItemCaseSensitive(obj, "result"), answer) ||
	               (!obj_ok(obj) && jmatch_has_value(cJSON_GetObjectItemCaseSensitive(obj, "error"), answer)));
}

/* C4: each answer appears in the result (or error) of one of the step's commands. */
static bool check_answers(const struct scn_step *st, cJSON *const *objs, struct scn_verdict *v)
{
	for (int a = 0; a < st->ask->nanswers; a++) {
		bool found = false;
		for (int i = 0; i < st->nrun && !found; i++)
			found = obj_shows(objs[i], st->ask->answers[a]);
		if (!found)
			return verdict_fail(v, st->nrun - 1,
			                    "ask.answers[%d] \"%s\" does not appear in the step's result", a,
			                    st->ask->answers[a]);
	}
	return true;
}

/* C6: no text shown before the learner answers says an accepted answer
 * (answer.h: some phrase of it would be accepted). */
static bool check_leak_text(const char *field, const struct scn_text *t, const struct scn_ask *a,
                            int at, struct scn_verdict *v)
{
	static const char *const lang[] = {"en", "de"};
	char where[240];
	for (int l = 0; l < 2; l++) {
		const char *text = l ? t->de : t->en;
		for (int i = 0; text && i < a->nanswers; i++)
			if (answer_in_text(text, a->answers[i], where, sizeof where))
				return verdict_fail(v, at,
				                    "the question gives itself away: %s.%s, shown before the learner "
				                    "answers, says the answer \"%s\": \"%s\" (%s)",
				                    field, lang[l], a->answers[i], where,
				                    strcmp(field, "say") ? "move it to ask.explain"
				                                         : "hold the say back: drop the ask's \"say\": \"with\"");
	}
	return true;
}

static bool check_leaks(const struct scn_step *st, struct scn_verdict *v)
{
	const struct scn_ask *a = st->ask;
	int at = st->nrun - 1;
	/* the say is held back until the answer unless the ask shows it
	 * with the question ("say": "with"); held back, it may tell */
	return (!a->say_with || check_leak_text("say", &st->say, a, at, v)) &&
	       check_leak_text("ask.prompt", &a->prompt, a, at, v) &&
	       check_leak_text("ask.hint", &a->hint, a, at, v);
}

/* C2, C3 on the objects of a step whose commands have all run. */
static bool check_results(const struct scn_step *st, cJSON *const *objs, struct scn_verdict *v)
{
	char err[200], why[600];
	int last = st->nrun - 1;
	for (int i = 0; i < st->nrun; i++)
		if (objs[i] && !obj_ok(objs[i]) && !(i == last && st->expect))
			return verdict_fail(v, i, "failed: %s (no expect allows a failure)",
			                    obj_error(objs[i], err, sizeof err));
	if (!st->expect)
		return true;
	if (!objs[last])
		return verdict_fail(v, last, "produced no result (blank or comment) but the step has an expect");
	if (!jmatch(st->expect, objs[last], why, sizeof why)) {
		if (!obj_ok(objs[last]))
			return verdict_fail(v, last, "%s (the command failed: %s)", why,
			                    obj_error(objs[last], err, sizeof err));
		return verdict_fail(v, last, "%s", why);
	}
	return true;
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* C5: the time a step may take. MMVIZ_STEP_SECONDS sets it (a test makes
 * it tiny to see the rule at work); otherwise SCN_STEP_SECONDS. */
static double step_budget(void)
{
	const char *e = getenv("MMVIZ_STEP_SECONDS");
	double v = e ? strtod(e, NULL) : 0;
	return v > 0 ? v : SCN_STEP_SECONDS;
}

/* The command of the step that took longest, for the verdict's `at`. */
static void check_time(const struct scn_step *st, const double *took, struct scn_verdict *v)
{
	double all = 0, budget = step_budget();
	int worst = 0;
	for (int i = 0; i < st->nrun && i < SCN_MAX_RUN; i++) {
		all += took[i];
		worst = took[i] > took[worst] ? i : worst;
	}
	if (all <= budget)
		return;
	v->pass = false;
	v->at = worst;
	snprintf(v->why, sizeof v->why,
		 "the step took %.1f s, more than the %.0f s a step may take (docs/quality.md Q-BOUNDS); "
		 "this command took %.1f s of it",
		 all, budget, took[worst]);
}

bool scncheck_step(struct session *s, const struct scn_step *st, scn_ran_fn ran, void *ud,
                   struct scn_verdict *v)
{
	cJSON *objs[SCN_MAX_RUN] = {0};
	double took[SCN_MAX_RUN] = {0};
	*v = (struct scn_verdict){.pass = true, .at = st->nrun - 1};
	for (int i = 0; i < st->nrun && i < SCN_MAX_RUN; i++) {
		double t0 = seconds();
		objs[i] = session_exec_json(s, st->run[i]);
		took[i] = seconds() - t0;
		if (ran)
			ran(ud, i, objs[i]);
	}
	if (check_results(st, objs, v) && st->ask && check_answers(st, objs, v))
		check_leaks(st, v);
	if (v->pass)
		check_time(st, took, v);
	for (int i = 0; i < st->nrun && i < SCN_MAX_RUN; i++)
		cJSON_Delete(objs[i]);
	return v->pass;
}

/* C7: the output on screen when a question is asked is the previous
 * step's. A value the answer is found at (its path in the result) that
 * the previous step's output already shows at the same path is read off
 * the screen, not predicted. The objects of one step, kept for the next. */
struct step_objs {
	int n;
	cJSON *obj[SCN_MAX_RUN];
};

static void keep_obj(void *ud, int i, const cJSON *obj)
{
	struct step_objs *so = ud;
	if (i < SCN_MAX_RUN) {
		so->obj[i] = obj ? cJSON_Duplicate(obj, 1) : NULL;
		so->n = i + 1;
	}
}

static void objs_clear(struct step_objs *so)
{
	for (int i = 0; i < so->n; i++)
		cJSON_Delete(so->obj[i]);
	so->n = 0;
}

/* The nth leaf (from 0, counted in *seen) under t whose value is the
 * answer and, when want is given, whose path (from "result") is want:
 * its path is left in path. */
static bool find_leaf(const cJSON *t, const char *answer, const char *want, int nth, int *seen, char *path,
                      size_t len, size_t cap, int depth)
{
	if (!t || depth > 64 || len >= cap)
		return false;
	if (!cJSON_IsObject(t) && !cJSON_IsArray(t))
		return jmatch_has_value(t, answer) && (!want || !strcmp(path, want)) && (*seen)++ == nth;
	int i = 0;
	for (const cJSON *c = t->child; c; c = c->next, i++) {
		int k = cJSON_IsArray(t) ? snprintf(path + len, cap - len, "[%d]", i)
		                         : snprintf(path + len, cap - len, ".%s", c->string ? c->string : "?");
		if (k > 0 && (size_t)k < cap - len &&
		    find_leaf(c, answer, want, nth, seen, path, len + (size_t)k, cap, depth + 1))
			return true;
		path[len] = '\0';
	}
	return false;
}

/* Is a leaf of this step's results that holds the answer shown at the
 * same path in the previous step's results? Its path into path. */
static bool shown_before(const struct step_objs *prev, const struct step_objs *cur, const char *answer,
                         char *path, size_t cap)
{
	for (int i = 0; i < cur->n; i++) {
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(cur->obj[i], "result");
		for (int nth = 0; nth < 64; nth++) {
			int seen = 0;
			snprintf(path, cap, "result");
			if (!find_leaf(r, answer, NULL, nth, &seen, path, 6, cap, 0))
				break;
			for (int j = 0; j < prev->n; j++) {
				char p2[256] = "result";
				int seen2 = 0;
				if (find_leaf(cJSON_GetObjectItemCaseSensitive(prev->obj[j], "result"), answer, path, 0,
				              &seen2, p2, 6, sizeof p2, 0))
					return true;
			}
		}
	}
	return false;
}

static bool check_shown_before(const struct scn_step *st, const struct step_objs *prev,
                               const struct step_objs *cur, struct scn_verdict *v)
{
	char path[256];
	for (int a = 0; a < st->ask->nanswers; a++)
		if (shown_before(prev, cur, st->ask->answers[a], path, sizeof path))
			return verdict_fail(v, st->nrun - 1,
			                    "the question gives itself away: the previous step's output, on screen "
			                    "when it is asked, already shows %s = \"%s\"",
			                    path, st->ask->answers[a]);
	return true;
}

/* C8: words are whitespace-separated tokens, as a reader counts them. */
static int count_words(const char *text)
{
	int n = 0;
	bool in_word = false;
	for (const unsigned char *c = (const unsigned char *)text; c && *c; c++) {
		bool space = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r' || *c == '\f' || *c == '\v';
		n += !space && !in_word;
		in_word = !space;
	}
	return n;
}

/* C8 over every step, before anything plays: "step K: say.LANG has N
 * words, more than ..." into note. A language the step does not give is
 * not counted (the player shows the other, which is counted itself). */
static int check_words(const struct scenario *sc, char *note, size_t n)
{
	static const char *const lang[] = {"en", "de"};
	for (int k = 0; k < sc->nsteps; k++)
		for (int l = 0; l < 2; l++) {
			int words = count_words(l ? sc->steps[k].say.de : sc->steps[k].say.en);
			if (words > SCN_MAX_SAY_WORDS) {
				snprintf(note, n,
				         "step %d: say.%s has %d words, more than the %d a step may have "
				         "(docs/scenarios.md SCN-WORDS: shorten it, split the step, or move detail "
				         "into ask.explain)",
				         k + 1, lang[l], words, SCN_MAX_SAY_WORDS);
				return -1;
			}
		}
	return 0;
}

/* C9: a lesson-sized scenario asks the learner to predict at least twice. */
static int check_asks(const struct scenario *sc, char *note, size_t n)
{
	int asks = 0;
	for (int k = 0; k < sc->nsteps; k++)
		asks += sc->steps[k].ask != NULL;
	if (sc->nsteps < SCN_LESSON_STEPS || asks >= SCN_MIN_ASKS)
		return 0;
	snprintf(note, n,
	         "the scenario has %d question%s (ask) in %d steps; a scenario of %d steps or more needs at "
	         "least %d that make the learner predict (docs/scenarios.md SCN-LESSON)",
	         asks, asks == 1 ? "" : "s", sc->nsteps, SCN_LESSON_STEPS, SCN_MIN_ASKS);
	return -1;
}

/* "step K: COMMAND — WHY" */
static int step_fail(char *note, size_t n, int k, const struct scn_step *st, const struct scn_verdict *v)
{
	snprintf(note, n, "step %d: %s \xe2\x80\x94 %s", k + 1, v->at >= 0 ? st->run[v->at] : "", v->why);
	return -1;
}

int scncheck_scenario(const struct scenario *sc, const struct scn_machine *overrides,
                      char *note, size_t n)
{
	struct mm_config cfg;
	struct mm_err err;
	char notice[300], spare[8];
	if (!note || n == 0) {
		note = spare;
		n = sizeof spare;
	}
	note[0] = '\0';
	if (check_words(sc, note, n) < 0 || check_asks(sc, note, n) < 0)
		return -1;
	scenario_machine(sc, overrides, &cfg, notice, sizeof notice);
	mm_err_clear(&err);
	struct session *s = session_new(&cfg, &err);
	if (!s) {
		snprintf(note, n, "cannot build the machine: %s", err.msg);
		return -1;
	}
	if (scenario_define_images(sc, s, &err) < 0) {
		snprintf(note, n, "%s", err.msg);
		session_free(s);
		return -1;
	}
	int rc = 0;
	struct step_objs objs[2] = {{0}, {0}};
	for (int k = 0; k < sc->nsteps && rc == 0; k++) {
		struct scn_verdict v;
		struct step_objs *cur = &objs[k & 1], *prev = &objs[!(k & 1)];
		objs_clear(cur);
		if (!scncheck_step(s, &sc->steps[k], keep_obj, cur, &v) ||
		    (sc->steps[k].ask && !check_shown_before(&sc->steps[k], prev, cur, &v)))
			rc = step_fail(note, n, k, &sc->steps[k], &v);
	}
	objs_clear(&objs[0]);
	objs_clear(&objs[1]);
	session_free(s);
	if (rc == 0)
		snprintf(note, n, "%s", notice);
	return rc;
}

/* One line per scenario: "VERDICT  NAME  NOTE". The name, the scenario's
 * id and the note quote files and commands, anyone's text, and a message
 * may hold a newline: all go out as safe text on one line
 * (docs/output.md OUT-SAFE). */
static void put_line(FILE *out, const char *verdict, const char *name, const char *note)
{
	fprintf(out, "%s  ", verdict);
	mm_text_fputs(name, 0, out);
	fputs("  ", out);
	mm_text_fputs(note, 0, out);
	fputc('\n', out);
}

int scncheck_run(const char *const *names, int n, const struct scn_machine *overrides, FILE *out)
{
	int passed = 0, failed = 0;
	char note[1100], line[1200];
	for (int i = 0; i < n; i++) {
		struct scenario *sc;
		struct scn_err err;
		if (scenario_open(names[i], &sc, &err)) {
			put_line(out, "FAIL", names[i], scn_err_text(&err, overrides ? overrides->cfg.lang : 0));
			failed++;
			continue;
		}
		if (scncheck_scenario(sc, overrides, note, sizeof note) == 0) {
			snprintf(line, sizeof line, "(%d step%s%s%s)", sc->nsteps, sc->nsteps == 1 ? "" : "s",
			         note[0] ? "; " : "", note);
			put_line(out, "PASS", sc->id, line);
			passed++;
		} else {
			put_line(out, "FAIL", sc->id, note);
			failed++;
		}
		scenario_free(sc);
	}
	fprintf(out, "%d passed, %d failed\n", passed, failed);
	fflush(out);
	return failed;
}
