/*
 * screen_quiz.c — the quiz as a screen of the TUI (docs/tui.md TUI-QUIZ;
 * `mmviz --quiz [TOPIC]` at a terminal, or the key Q).
 *
 * Design.  The quiz in the TUI is the line mode's quiz (quiz.c) played
 * by the player that plays scenarios: every problem comes from the same
 * generators (learn.h), which keep the command lines they ran.  For each
 * problem this file writes a small scenario (as JSON, read by the
 * ordinary loader, so it obeys every rule of docs/scenarios.md): a step
 * that sets the machine up (the commands run before the question was
 * written), then the question's step, whose `ask` holds the accepted
 * answers and the choices and whose `explain` is the generator's worked
 * solution.  The app boots the problem's own machine, runs the set-up, and
 * the player puts the question as it puts a scenario's (TUI-ASK: the answer
 * line, a second try, the step then played micro-step by micro-step in the
 * panes).  So the solution the panes animate is the simulation doing the
 * question's command — never a second implementation — and the answer is
 * judged once, by learn_check (a choice's letter, then answer.h).
 *
 * While the question is open the quiz screen stands in place of the
 * memory panes with the whole question (for translation: CR3 and the
 * dumps of the table pages), the choices and the score; once answered it
 * gives way to the panes.
 *
 * Invariants:
 *  QZ1. The screen shows only the question, its choices and the score:
 *       never an accepted answer or the solution before the answer.
 *  QZ2. The score counts each question put once: the closed questions of
 *       earlier problems (added when the next one is loaded) plus the
 *       current player's.
 *  QZ3. The same topic, seed, count and language give the same questions
 *       in the same order (learn_set_new's promise).
 */
#include "screen_quiz.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn.h"
#include "msg.h"
#include "scenario.h"
#include "session.h"

#define QUIZ_DEFAULT_COUNT 10

struct screen_quiz {
	struct learn_set *set;
	int topic, count, lang;
	int index;        /* questions loaded so far (the current one's number) */
	int right, put;   /* QZ2: closed questions of the problems before the current */
	bool have;        /* p is loaded */
	struct learn_problem p;
};

struct screen_quiz *screen_quiz_new(const char *topic, uint64_t seed, int count, int lang, char *err, size_t n)
{
	int t = -1;
	if (topic && strcmp(topic, "all")) {
		t = learn_topic_find(topic);
		if (t < 0) {
			char list[200];
			snprintf(err, n, MSG(lang, QZ_BAD_TOPIC), topic, learn_topic_list(list, sizeof list));
			return NULL;
		}
	}
	struct screen_quiz *q = calloc(1, sizeof *q);
	if (!q || !(q->set = learn_set_new(t, seed, lang))) {
		free(q);
		snprintf(err, n, "out of memory");
		return NULL;
	}
	q->topic = t;
	q->count = count > 0 ? count : QUIZ_DEFAULT_COUNT;
	q->lang = lang;
	return q;
}

void screen_quiz_free(struct screen_quiz *q)
{
	if (q)
		learn_set_free(q->set);
	free(q);
}

/* The pane that shows the question's step: the one a scenario about the
 * topic would bring forward. */
static const char *focus_of(int topic)
{
	static const struct {
		const char *topic, *focus;
	} focus[] = {
		{.topic = "translation", .focus = "translation"}, /* the walk */
		{.topic = "faults", .focus = "physical"},         /* the frames a fault takes */
		{.topic = "lists", .focus = "physical"},
		{.topic = "sharing", .focus = "physical"},
		{.topic = "workingset", .focus = "wset"},
	};
	const char *name = learn_topic_name(topic);
	for (size_t i = 0; name && i < sizeof focus / sizeof *focus; i++)
		if (!strcmp(name, focus[i].topic))
			return focus[i].focus;
	return "vas"; /* commit, protection, layout: regions and their pages */
}

/* The lines of text (one command each) into a JSON array. */
static cJSON *lines_array(const char *text)
{
	cJSON *a = cJSON_CreateArray();
	for (const char *s = text; a && *s;) {
		size_t l = strcspn(s, "\n");
		char line[SCN_MAX_CMD];
		snprintf(line, sizeof line, "%.*s", (int)l, s);
		if (*line)
			cJSON_AddItemToArray(a, cJSON_CreateString(line));
		s += l + (s[l] == '\n');
	}
	return a;
}

/* Set-up steps: the lines, SCN_MAX_RUN to a step.  Returns the count. */
static int add_setup(cJSON *steps, const char *setup, int lang)
{
	cJSON *all = lines_array(setup);
	int nsteps = 0, n = cJSON_GetArraySize(all);
	for (int i = 0; i < n; i += SCN_MAX_RUN) {
		cJSON *st = cJSON_CreateObject(), *run = cJSON_CreateArray();
		for (int k = i; k < n && k < i + SCN_MAX_RUN; k++)
			cJSON_AddItemToArray(run, cJSON_CreateString(cJSON_GetArrayItem(all, k)->valuestring));
		cJSON_AddItemToObject(st, "run", run);
		cJSON_AddStringToObject(st, "say", MSG(lang, QZ_SETUP_SAY));
		cJSON_AddItemToArray(steps, st);
		nsteps++;
	}
	cJSON_Delete(all);
	return nsteps;
}

/* The problem as a scenario document (docs/scenarios.md). */
static cJSON *problem_doc(const struct screen_quiz *q, int *nsetup)
{
	const struct learn_problem *p = &q->p;
	char b[256];
	cJSON *d = cJSON_CreateObject(), *steps = cJSON_CreateArray();
	cJSON_AddNumberToObject(d, "schema", 1);
	cJSON_AddStringToObject(d, "id", "quiz");
	snprintf(b, sizeof b, MSG(q->lang, QZ_TITLE), learn_topic_name(p->topic), q->index, q->count);
	cJSON_AddStringToObject(d, "title", b);
	cJSON_AddItemToObject(d, "steps", steps);
	*nsetup = add_setup(steps, p->setup, q->lang);
	cJSON *st = cJSON_CreateObject(), *ask = cJSON_CreateObject();
	/* a question whose command only reads (layout's boundaries) shows the machine */
	cJSON_AddItemToObject(st, "run", lines_array(p->asked[0] ? p->asked : "machine\n"));
	snprintf(b, sizeof b, MSG(q->lang, QZ_STEP_SAY), q->index, q->count, learn_topic_name(p->topic));
	cJSON_AddStringToObject(st, "say", b);
	cJSON_AddStringToObject(st, "focus", focus_of(p->topic));
	cJSON_AddStringToObject(ask, "prompt", MSG(q->lang, QZ_PROMPT));
	cJSON *answers = cJSON_CreateArray(), *choices = cJSON_CreateArray();
	for (int i = 0; i < p->nanswers; i++) {
		bool listed = !p->nchoices;
		for (int c = 0; c < p->nchoices; c++)
			listed |= !strcmp(p->choices[c], p->answers[i]);
		if (listed) /* with choices, the answers the loader accepts: those among them */
			cJSON_AddItemToArray(answers, cJSON_CreateString(p->answers[i]));
	}
	for (int c = 0; c < p->nchoices; c++)
		cJSON_AddItemToArray(choices, cJSON_CreateString(p->choices[c]));
	cJSON_AddItemToObject(ask, "answers", answers);
	if (p->nchoices)
		cJSON_AddItemToObject(ask, "choices", choices);
	else
		cJSON_Delete(choices);
	cJSON_AddStringToObject(ask, "explain", p->solution);
	cJSON_AddItemToObject(st, "ask", ask);
	cJSON_AddItemToArray(steps, st);
	return d;
}

int screen_quiz_next(struct screen_quiz *q, const struct player *done, struct session **s, struct scenario **sc,
		     int *nsetup, char *err, size_t n)
{
	*s = NULL;
	*sc = NULL;
	if (done && q->have) { /* QZ2 */
		int r, p;
		player_score(done, &r, &p);
		q->right += r;
		q->put += p;
		q->have = false;
	}
	if (q->index >= q->count)
		return 1;
	struct mm_err merr;
	int r = learn_next(q->set, &q->p, &merr);
	if (r != 0) {
		if (r < 0)
			snprintf(err, n, "%s", mm_err_text(&merr, q->lang));
		return r;
	}
	if (q->p.replay_cut) {
		snprintf(err, n, "%s", MSG(q->lang, QZ_TOO_LONG));
		return -1;
	}
	q->index++;
	q->have = true;
	cJSON *d = problem_doc(q, nsetup);
	char *json = d ? cJSON_PrintUnformatted(d) : NULL;
	cJSON_Delete(d);
	struct scn_err serr;
	if (!json || scenario_load_buf("quiz", json, strlen(json), sc, &serr) < 0) {
		snprintf(err, n, "%s", json ? scn_err_text(&serr, q->lang) : MSG(q->lang, ER_OOM));
		cJSON_free(json);
		*sc = NULL;
		return -1;
	}
	cJSON_free(json);
	struct mm_config cfg = q->p.boot;
	cfg.lang = q->lang;
	*s = session_new(&cfg, &merr);
	if (!*s) {
		snprintf(err, n, "%s", mm_err_text(&merr, q->lang));
		scenario_free(*sc);
		*sc = NULL;
		return -1;
	}
	return 0;
}

void screen_quiz_score(const struct screen_quiz *q, const struct player *pl, int *right, int *put)
{
	int r = 0, p = 0;
	if (pl && q->have)
		player_score(pl, &r, &p);
	*right = q->right + r;
	*put = q->put + p;
}

bool screen_quiz_judge(const struct screen_quiz *q, char *typed, size_t n)
{
	if (!q->have || !learn_check(&q->p, typed))
		return false;
	snprintf(typed, n, "%s", q->p.answers[0]); /* the player takes the verdict as the accepted answer */
	return true;
}

/* ---- the screen -------------------------------------------------------- */

/* Lines of text from row y, each wrapped at w; returns the rows used. */
static int put_text(struct cellgrid *g, int y, int w, int rows, unsigned role, const char *text)
{
	int used = 0;
	for (const char *s = text; *s && used < rows;) { /* line by line: the dumps keep their columns */
		size_t l = strcspn(s, "\n");
		char line[LEARN_TEXT];
		snprintf(line, sizeof line, "%.*s", (int)l, s);
		used += *line ? view_text_block(g, y + used, w, rows - used, role, line) : 1;
		s += l + (s[l] == '\n');
	}
	return used;
}

static void quiz_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	const struct screen_quiz *q = v->quiz;
	char b[256];
	int right = 0, put = 0;
	if (q)
		screen_quiz_score(q, v->pl, &right, &put);
	snprintf(b, sizeof b, MSG(v->lang, QZ_SCREEN_TITLE), q ? q->index : 0, q ? q->count : 0,
		 q && q->have ? learn_topic_name(q->p.topic) : "", right, put);
	struct grid_rect in = view_frame(g, r, b, true); /* no "Esc: back": Esc gives up (TUI-ASK) */
	if (!q || !q->have || in.w < 8 || in.h < 1) {
		grid_pop_clip(g);
		return;
	}
	int y = put_text(g, 0, in.w, in.h, ROLE_TEXT_NORMAL, q->p.question); /* QZ1 */
	if (q->p.nchoices && y + 1 < in.h) {
		char line[LEARN_MAX_CHOICES * (LEARN_WORD + 8)];
		y += 1 + put_text(g, y + 1, in.w, in.h - y - 1, ROLE_TEXT_KEY, learn_choices_line(&q->p, line, sizeof line));
	}
	if (player_ask_tries(v->pl) > 0 && y + 1 < in.h) /* TUI-ASK: a second try */
		y += 1 + put_text(g, y + 1, in.w, in.h - y - 1, ROLE_TEXT_ERROR, MSG(v->lang, QZ_RETRY));
	if (y + 1 < in.h)
		put_text(g, y + 1, in.w, in.h - y - 1, ROLE_TEXT_DIM, MSG(v->lang, QZ_HOW));
	grid_pop_clip(g);
}

const struct pane_class pane_quiz_class = {
	.name = "quiz",
	.draw = quiz_draw,
	.min_w = 30,
	.min_h = 5,
};
