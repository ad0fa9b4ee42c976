/*
 * player.c — the step cursor over a timeline of records (player.h).
 *
 * The timeline is an array of records in history order.  The invariant
 * that makes stepping exact:
 *
 *   P1. Records are sorted by ev_begin, and a journaled record's events
 *       [ev_begin, ev_end) are exactly one command of the history
 *       (mm_cmd_events); records without events have ev_begin == ev_end.
 *   P2. The history cursor equals pos_events(cur, k) after every move
 *       (player_seek), so queries show the state at the cursor.
 *   P3. A journaled command runs only with the history cursor at a command
 *       boundary: the cursor record is completed first (the redo tail is
 *       cut at the cursor when the command succeeds, kept when it fails).
 *   P4. Moves never stop strictly inside a collapsed group (shown): the
 *       positions from a group's first event to its second-to-last are
 *       reached only once it is open, or by player_goto.  The group's
 *       ends are ordinary positions, so stepping over it is two exact
 *       seeks, whatever its length (stepgroup.h G7).
 *
 * Reaction to a command is read from the history itself (mm_hist before
 * and after): a changed event or command count means the future was cut
 * (records after the cursor are dropped) and, when a command was added,
 * gives its event range; a changed machine pointer means `reset`. A
 * failed command leaves the history as it was, so its record is inserted
 * after the cursor and the future stays, as for an inspection command.
 */
#include "player.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "answer.h"
#include "mm.h"
#include "scenario.h"
#include "scncheck.h"
#include "session.h"

static const int speed_ms[PLAYER_NSPEEDS] = {1500, 1000, 700, 450, 300, 180, 100, 40};
#define SPEED_DEFAULT 3

struct player {
	struct session *s;
	const struct scenario *sc;
	int lang;
	struct player_rec *recs;
	int nrecs, cap;
	int cur;    /* -1: before every record */
	uint64_t k; /* 1 .. len(cur); 0 with cur == -1 */
	int next_step;
	uint64_t gen;
	bool playing;
	int speed;
	int stop_rec; /* playing stops at the end of this record; -1 none */
	uint64_t group_min; /* summarise commands of more micro-steps (0: never) */
	char setup_why[200]; /* the scenario's images could not be defined */
	bool questions;	     /* put the scenario's asks (player.h Questions) */
	int asking;	     /* the step whose question is open, -1 none ... */
	int ask_cur;	     /* ... while the cursor stays where it opened */
	uint64_t ask_k, ask_gen;
	int tries;	     /* wrong answers to it so far */
	bool ask_playing;    /* playing when the question opened */
	int stop_step;	     /* playing stops at the end of this step; -1 none */
	unsigned char *ask_result; /* enum player_answer per step, owned */
};

struct player *player_new(struct session *s, const struct scenario *sc, int lang)
{
	struct player *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->s = s;
	p->sc = sc;
	p->lang = lang;
	p->cur = -1;
	p->speed = SPEED_DEFAULT;
	p->stop_rec = -1;
	p->group_min = PLAYER_GROUP_DEFAULT;
	p->asking = -1;
	p->stop_step = -1;
	if (sc && !(p->ask_result = calloc((size_t)sc->nsteps, 1))) {
		free(p);
		return NULL;
	}
	struct mm_err err;
	if (sc && scenario_define_images(sc, s, &err) < 0) /* as --check does before step 1 */
		snprintf(p->setup_why, sizeof p->setup_why, "%s", mm_err_text(&err, lang));
	return p;
}

static void rec_free(struct player_rec *r)
{
	free(r->line);
	cJSON_Delete(r->json);
	free(r->text);
	free(r->groups);
}

void player_free(struct player *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->nrecs; i++)
		rec_free(&p->recs[i]);
	free(p->recs);
	free(p->ask_result);
	free(p);
}

struct mm *player_mm(const struct player *p) { return session_mm(p->s); }
struct session *player_session(const struct player *p) { return p->s; }
const struct scenario *player_scenario(const struct player *p) { return p->sc; }
int player_lang(const struct player *p) { return p->lang; }
int player_nrecs(const struct player *p) { return p->nrecs; }
int player_cur(const struct player *p) { return p->cur; }
uint64_t player_k(const struct player *p) { return p->k; }
uint64_t player_generation(const struct player *p) { return p->gen; }
int player_steps_run(const struct player *p) { return p->next_step; }
int player_nsteps(const struct player *p) { return p->sc ? p->sc->nsteps : 0; }
bool player_playing(const struct player *p) { return p->playing; }
int player_speed_index(const struct player *p) { return p->speed; }
int player_delay_ms(const struct player *p) { return speed_ms[p->speed]; }

const struct player_rec *player_rec(const struct player *p, int i)
{
	return i >= 0 && i < p->nrecs ? &p->recs[i] : NULL;
}

uint64_t player_rec_len(const struct player *p, int i)
{
	const struct player_rec *r = player_rec(p, i);
	if (!r)
		return 0;
	uint64_t n = r->ev_end - r->ev_begin;
	return n ? n : 1;
}

static uint64_t pos_events(const struct player *p, int rec, uint64_t k)
{
	if (rec < 0)
		return 0;
	const struct player_rec *r = &p->recs[rec];
	uint64_t n = r->ev_end - r->ev_begin;
	return r->ev_begin + (k < n ? k : n);
}

uint64_t player_events_done(const struct player *p) { return pos_events(p, p->cur, p->k); }

static void player_seek(struct player *p)
{
	mm_seek(session_mm(p->s), pos_events(p, p->cur, p->k));
}

/* ---- groups (P4) ------------------------------------------------------------ */

void player_set_group_min(struct player *p, uint64_t n) { p->group_min = n; }
uint64_t player_group_min(const struct player *p) { return p->group_min; }

uint64_t player_group_lo(const struct player *p, int rec, const struct stepgroup *g)
{
	return g->b - p->recs[rec].ev_begin;
}

uint64_t player_group_hi(const struct player *p, int rec, const struct stepgroup *g)
{
	return g->e - p->recs[rec].ev_begin;
}

const struct stepgroup *player_group_at(const struct player *p, int rec, uint64_t k)
{
	const struct player_rec *r = player_rec(p, rec);
	if (!r || !r->ngroups)
		return NULL;
	int lo = 0, hi = r->ngroups; /* the first group that ends at k or later */
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (player_group_hi(p, rec, &r->groups[mid]) < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->ngroups && player_group_lo(p, rec, &r->groups[lo]) < k)
		return &r->groups[lo];
	return NULL;
}

/* Where a move to position k of the cursor record lands: k, or the end of
 * the collapsed group hiding it going forward (dir > 0), its start going
 * back. */
static uint64_t shown_pos(const struct player *p, uint64_t k, int dir)
{
	const struct stepgroup *g = player_group_at(p, p->cur, k);
	if (!g || g->open || k >= player_group_hi(p, p->cur, g))
		return k;
	return dir > 0 ? player_group_hi(p, p->cur, g) : player_group_lo(p, p->cur, g);
}

void player_shown(const struct player *p, uint64_t *done, uint64_t *total)
{
	uint64_t len = player_rec_len(p, p->cur), k = p->k, hidden_all = 0, hidden_before = 0;
	const struct player_rec *r = player_rec(p, p->cur);
	for (int i = 0; r && i < r->ngroups; i++) {
		const struct stepgroup *g = &r->groups[i];
		if (g->open)
			continue;
		uint64_t lo = player_group_lo(p, p->cur, g), hi = player_group_hi(p, p->cur, g);
		hidden_all += hi - lo - 1;
		if (hi <= k)
			hidden_before += hi - lo - 1;
		else if (lo < k) /* inside it (player_goto): counted as its end */
			hidden_before += k - lo - 1;
	}
	*total = len ? len - 1 - hidden_all : 0;
	*done = k ? k - 1 - hidden_before : 0;
}

enum player_toggle player_toggle_group(struct player *p)
{
	struct player_rec *r = p->cur >= 0 ? &p->recs[p->cur] : NULL;
	const struct stepgroup *cg = player_group_at(p, p->cur, p->k);
	if (!r || !cg)
		return PLAYER_TOGGLE_NONE;
	struct stepgroup *g = &r->groups[cg - r->groups];
	if (g->type == SG_GAP)
		return PLAYER_TOGGLE_NOT_KEPT;
	g->open = !g->open;
	p->k = g->open ? player_group_lo(p, p->cur, g) + 1 : player_group_hi(p, p->cur, g);
	player_seek(p);
	return g->open ? PLAYER_TOGGLE_OPENED : PLAYER_TOGGLE_CLOSED;
}

/* G1: the groups of a command with more micro-steps than group_min. */
static void rec_group(struct player *p, struct player_rec *r)
{
	if (!p->group_min || r->ev_end - r->ev_begin <= p->group_min + 1)
		return;
	int n = stepgroup_find(session_mm(p->s), r->ev_begin, r->ev_end, &r->groups);
	r->ngroups = n > 0 ? n : 0; /* without host memory: micro-step by micro-step */
}


int player_step_at_cursor(const struct player *p)
{
	for (int i = p->cur; i >= 0; i--)
		if (p->recs[i].step >= 0)
			return p->recs[i].step;
	return -1;
}

bool player_at_end(const struct player *p)
{
	bool last = p->nrecs == 0 ? p->cur < 0 : p->cur == p->nrecs - 1 && p->k >= player_rec_len(p, p->cur);
	return last && p->next_step >= player_nsteps(p);
}

/* ---- the timeline ---------------------------------------------------------- */

static struct player_rec *rec_insert(struct player *p, int at)
{
	if (p->nrecs == p->cap) {
		int nc = p->cap ? p->cap * 2 : 64;
		struct player_rec *n = realloc(p->recs, (size_t)nc * sizeof *n);
		if (!n)
			return NULL;
		p->recs = n;
		p->cap = nc;
	}
	memmove(&p->recs[at + 1], &p->recs[at], (size_t)(p->nrecs - at) * sizeof *p->recs);
	p->nrecs++;
	p->gen++;
	struct player_rec *r = &p->recs[at];
	memset(r, 0, sizeof *r);
	r->ok = true;
	r->step = -1;
	return r;
}

/* Drops records [from, nrecs) and rewinds the scenario to after the last
 * step still in the timeline. */
static void truncate_from(struct player *p, int from)
{
	if (from >= p->nrecs)
		return;
	for (int i = from; i < p->nrecs; i++)
		rec_free(&p->recs[i]);
	p->nrecs = from;
	p->gen++;
	int last = -1;
	for (int i = 0; i < p->nrecs; i++)
		if (p->recs[i].step > last)
			last = p->recs[i].step;
	p->next_step = last + 1;
	if (p->cur >= p->nrecs) {
		p->cur = p->nrecs - 1;
		p->k = player_rec_len(p, p->cur);
	}
}

/* The history before a command, to tell what the command did to it. */
struct exec_mark {
	struct mm *m;
	struct mm_hist h;
};

static void exec_mark(const struct player *p, struct exec_mark *mk)
{
	mk->m = session_mm(p->s);
	mm_hist(mk->m, &mk->h);
}

/* Records the object j (owned; taken even on failure) of a line that ran
 * since mark mk with the history cursor at a boundary; inserts its record
 * at index at (the future after at - 1 is dropped when the history was
 * cut).  typed: a `reset` rewinds the scenario.  Returns the record index,
 * -1 when out of memory. */
static int exec_record(struct player *p, const struct exec_mark *mk, const char *line, cJSON *j, int at,
		       int step, bool typed)
{
	struct mm *m1 = session_mm(p->s);
	struct mm_hist h1;
	mm_hist(m1, &h1);
	uint64_t e0 = mk->h.cursor, b = e0, e = e0;
	if (m1 != mk->m) { /* reset: the history is gone */
		truncate_from(p, 0);
		at = 0;
		b = e = 0;
		p->cur = -1;
		p->k = 0;
		if (!typed)
			p->next_step = step + 1;
		else if (p->ask_result) /* the scenario starts again: so do its questions and score */
			memset(p->ask_result, 0, (size_t)p->sc->nsteps);
	} else if (h1.events != mk->h.events || h1.commands != mk->h.commands) {
		truncate_from(p, at);
		at = p->nrecs;
		uint64_t cb, ce;
		if (h1.commands && mm_cmd_events(m1, h1.commands - 1, &cb, &ce) == 0 && cb >= e0) {
			b = cb;
			e = ce;
		}
	}
	struct player_rec *r = rec_insert(p, at);
	if (!r) {
		cJSON_Delete(j);
		return -1;
	}
	r->line = strdup(line);
	r->json = j;
	r->text = session_text(p->s, j); /* now: `events` prints what it found as it ran */
	r->ok = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "ok"));
	r->ev_begin = b;
	r->ev_end = e;
	r->step = step;
	rec_group(p, r);
	return at;
}

/* Runs one typed line (see exec_record); -1 also for a blank line. */
static int exec_line(struct player *p, const char *line, int at)
{
	struct exec_mark mk;
	exec_mark(p, &mk);
	cJSON *j = session_exec_json(p->s, line);
	return j ? exec_record(p, &mk, line, j, at, -1, true) : -1;
}

/* A scenario step being played by scncheck_step: each command that
 * produced an object becomes a record at the end of the timeline. */
struct step_play {
	struct player *p;
	int step;
	int last, last_i; /* the step's last record and the run index it came from */
	struct exec_mark mk;
};

static void step_ran(void *ud, int i, const cJSON *obj)
{
	struct step_play *sp = ud;
	struct player *p = sp->p;
	cJSON *j = obj ? cJSON_Duplicate(obj, true) : NULL;
	if (j) {
		int r = exec_record(p, &sp->mk, p->sc->steps[sp->step].run[i], j, p->nrecs, sp->step, false);
		if (r >= 0) {
			sp->last = r;
			sp->last_i = i;
		}
	}
	exec_mark(p, &sp->mk);
}

/* The step's verdict, from the same referee as `--check` (scncheck.h), on
 * its last record: a cross whenever --check would fail the step, a tick
 * when it passes and has an expect. */
static void step_verdict(struct player *p, struct player_rec *r, const struct scn_step *st,
			 const struct step_play *sp, const struct scn_verdict *v)
{
	if (sp->step == 0 && p->setup_why[0]) { /* --check fails before step 1 */
		r->expect = PLAYER_EXPECT_FAIL;
		snprintf(r->why, sizeof r->why, "%s", p->setup_why);
	} else if (!v->pass) {
		r->expect = PLAYER_EXPECT_FAIL;
		if (v->at >= 0 && v->at != sp->last_i)
			snprintf(r->why, sizeof r->why, "%.60s \xe2\x80\x94 %.130s", st->run[v->at], v->why);
		else
			snprintf(r->why, sizeof r->why, "%.199s", v->why);
	} else if (st->expect) {
		r->expect = PLAYER_EXPECT_OK;
	}
}

/* Runs scenario step next_step at the end of the timeline. */
static void run_step(struct player *p)
{
	const struct scn_step *st = &p->sc->steps[p->next_step];
	struct step_play sp = {.p = p, .step = p->next_step++, .last = -1, .last_i = -1};
	mm_seek_end(session_mm(p->s));
	int first = p->nrecs;
	struct scn_verdict v;
	exec_mark(p, &sp.mk);
	scncheck_step(p->s, st, step_ran, &sp, &v);
	if (sp.last < 0 || first > sp.last) { /* narration only (or only blank lines) */
		struct mm_hist h;
		mm_hist(session_mm(p->s), &h);
		struct player_rec *r = rec_insert(p, p->nrecs);
		if (!r)
			return;
		r->ev_begin = r->ev_end = h.events;
		r->step = sp.step;
		sp.last = p->nrecs - 1;
		sp.last_i = -1;
	}
	struct player_rec *r = &p->recs[sp.last];
	r->last_of_step = true;
	step_verdict(p, r, st, &sp, &v);
}

/* ---- moves ------------------------------------------------------------------ */

/* Makes record cur+1 exist, running a scenario step when needed. */
static bool have_next_rec(struct player *p)
{
	while (p->cur + 1 >= p->nrecs) {
		if (!p->sc || p->next_step >= p->sc->nsteps)
			return false;
		/* Running appends at the end: the cursor must be there (it is:
		 * cur is the last record), and at its end. */
		int before = p->nrecs;
		run_step(p);
		if (p->nrecs <= before && p->cur + 1 >= p->nrecs && p->next_step >= p->sc->nsteps)
			return false;
	}
	return true;
}

/* ---- questions ------------------------------------------------------------- */

static bool stop_here(struct player *p);

/* The scenario step that record cur+1 begins (run now or later), -1 when
 * the next record continues a step or is no scenario step's. */
static int step_entered_next(const struct player *p)
{
	if (!p->sc)
		return -1;
	if (p->cur + 1 < p->nrecs) {
		int st = p->recs[p->cur + 1].step;
		bool same = p->cur >= 0 && p->recs[p->cur].step == st;
		return st >= 0 && !same ? st : -1;
	}
	return p->next_step < p->sc->nsteps ? p->next_step : -1;
}

/* A move forward out of the cursor record: opens the question of the
 * step it would enter instead, when one is due.  True: do not move. */
static bool ask_gate(struct player *p)
{
	if (player_asking(p) >= 0)
		return true;
	int st = step_entered_next(p);
	if (!p->questions || st < 0 || !p->sc->steps[st].ask || p->ask_result[st] != PLAYER_ANSWER_NONE)
		return false;
	p->asking = st;
	p->ask_cur = p->cur;
	p->ask_k = p->k;
	p->ask_gen = p->gen;
	p->tries = 0;
	p->ask_playing = p->playing;
	p->playing = false;
	p->stop_rec = -1;
	return true;
}

void player_set_questions(struct player *p, bool on)
{
	p->questions = on;
	if (!on)
		p->asking = -1;
}

bool player_questions(const struct player *p) { return p->questions; }
/* Any other move (back, Home, End, a typed command) leaves the question
 * unanswered: it is put again when the step is next entered. */
int player_asking(const struct player *p)
{
	return p->asking >= 0 && p->cur == p->ask_cur && p->k == p->ask_k && p->gen == p->ask_gen ? p->asking : -1;
}
int player_ask_tries(const struct player *p) { return p->tries; }

enum player_answer player_ask_result(const struct player *p, int step)
{
	return p->sc && step >= 0 && step < p->sc->nsteps ? (enum player_answer)p->ask_result[step] : PLAYER_ANSWER_NONE;
}

void player_score(const struct player *p, int *right, int *put)
{
	*right = *put = 0;
	for (int i = 0; p->sc && i < p->sc->nsteps; i++) {
		*put += p->ask_result[i] != PLAYER_ANSWER_NONE;
		*right += p->ask_result[i] == PLAYER_ANSWER_RIGHT;
	}
}

enum player_answer player_answer(struct player *p, const char *typed)
{
	if (player_asking(p) < 0)
		return PLAYER_ANSWER_NONE;
	const struct scn_ask *a = p->sc->steps[p->asking].ask;
	bool blank = !typed || !typed[strspn(typed, " \t")];
	enum player_answer r = blank ? PLAYER_ANSWER_GAVE_UP
			       : answer_match_any(typed, a->answers, a->nanswers) >= 0 ? PLAYER_ANSWER_RIGHT
			       : p->tries++ == 0 ? PLAYER_ANSWER_RETRY
						 : PLAYER_ANSWER_WRONG;
	if (r == PLAYER_ANSWER_RETRY)
		return r;
	int st = p->asking;
	p->ask_result[st] = (unsigned char)r;
	p->asking = -1;
	/* then the step plays: to its end unless playback was on */
	if (player_next(p)) {
		p->playing = true;
		p->stop_step = p->ask_playing ? -1 : st;
		if (stop_here(p))
			player_set_playing(p, false);
	}
	return r;
}

/* ---- moves, continued ------------------------------------------------------- */

bool player_next(struct player *p)
{
	if (p->cur >= 0 && p->k < player_rec_len(p, p->cur)) {
		p->k = shown_pos(p, p->k + 1, +1);
	} else {
		if (p->cur >= 0)
			p->k = player_rec_len(p, p->cur);
		if (ask_gate(p) || !have_next_rec(p))
			return false;
		p->cur++;
		p->k = 1;
	}
	player_seek(p);
	return true;
}

bool player_prev(struct player *p)
{
	if (p->cur < 0)
		return false;
	if (p->k > 1) {
		p->k = shown_pos(p, p->k - 1, -1);
	} else if (p->cur > 0) {
		p->cur--;
		p->k = player_rec_len(p, p->cur);
	} else {
		p->cur = -1;
		p->k = 0;
	}
	player_seek(p);
	return true;
}

bool player_next_cmd(struct player *p)
{
	if (p->cur >= 0 && p->k < player_rec_len(p, p->cur)) {
		p->k = player_rec_len(p, p->cur);
	} else {
		if (ask_gate(p) || !have_next_rec(p))
			return false;
		p->cur++;
		p->k = player_rec_len(p, p->cur);
	}
	player_seek(p);
	return true;
}

bool player_prev_cmd(struct player *p)
{
	if (p->cur < 0)
		return false;
	p->cur--;
	p->k = p->cur < 0 ? 0 : player_rec_len(p, p->cur);
	player_seek(p);
	return true;
}

/* The cursor sits at the end of the last record of a scenario step. */
static bool at_step_end(const struct player *p)
{
	return p->cur >= 0 && p->recs[p->cur].last_of_step && p->k >= player_rec_len(p, p->cur);
}

bool player_next_step(struct player *p)
{
	bool moved = false;
	while (player_next_cmd(p)) {
		moved = true;
		if (at_step_end(p))
			break;
	}
	return moved;
}

bool player_prev_step(struct player *p)
{
	bool moved = false;
	while (player_prev_cmd(p)) {
		moved = true;
		if (p->cur < 0 || at_step_end(p))
			break;
	}
	return moved;
}

bool player_first(struct player *p)
{
	bool moved = p->cur >= 0;
	p->cur = -1;
	p->k = 0;
	player_seek(p);
	return moved;
}

bool player_last(struct player *p)
{
	int c0 = p->cur;
	uint64_t k0 = p->k;
	if (p->nrecs) { /* steps run at the end of the timeline */
		p->cur = p->nrecs - 1;
		p->k = player_rec_len(p, p->cur);
	}
	while (p->sc && p->next_step < p->sc->nsteps)
		run_step(p);
	if (p->nrecs) {
		p->cur = p->nrecs - 1;
		p->k = player_rec_len(p, p->cur);
	}
	player_seek(p);
	return p->cur != c0 || p->k != k0;
}

void player_goto(struct player *p, int rec, uint64_t k)
{
	if (rec >= p->nrecs)
		rec = p->nrecs - 1;
	if (rec < 0) {
		p->cur = -1;
		p->k = 0;
	} else {
		uint64_t len = player_rec_len(p, rec);
		p->cur = rec;
		p->k = k < 1 ? 1 : k > len ? len : k;
	}
	player_seek(p);
}

int player_run_steps(struct player *p, int n)
{
	int done = 0;
	while (done < n && p->sc && p->next_step < p->sc->nsteps) {
		run_step(p);
		done++;
	}
	if (p->nrecs) {
		p->cur = p->nrecs - 1;
		p->k = player_rec_len(p, p->cur);
	}
	player_seek(p);
	return done;
}

int player_exec(struct player *p, const char *line)
{
	/* P3: complete the record under the cursor first. */
	if (p->cur >= 0)
		p->k = player_rec_len(p, p->cur);
	player_seek(p);
	int r = exec_line(p, line, p->cur + 1);
	if (r < 0)
		return -1;
	p->cur = r;
	p->k = 1;
	player_seek(p);
	p->stop_rec = r;
	p->playing = player_rec_len(p, r) > 1;
	if (!p->playing)
		p->stop_rec = -1;
	return r;
}

/* ---- playback --------------------------------------------------------------- */

void player_set_playing(struct player *p, bool on)
{
	p->playing = on;
	if (!on) {
		p->stop_rec = -1;
		p->stop_step = -1;
	}
}

void player_speed(struct player *p, int delta)
{
	int s = p->speed + delta;
	p->speed = s < 0 ? 0 : s >= PLAYER_NSPEEDS ? PLAYER_NSPEEDS - 1 : s;
}

/* Should playing stop at the current position? */
static bool stop_here(struct player *p)
{
	if (p->cur < 0 || p->k < player_rec_len(p, p->cur))
		return false;
	const struct player_rec *r = &p->recs[p->cur];
	if (p->stop_rec == p->cur || (r->last_of_step && r->step >= 0 && r->step == p->stop_step))
		return true;
	if (r->last_of_step && p->sc && r->step >= 0 && r->step < p->sc->nsteps && p->sc->steps[r->step].pause)
		return true;
	return player_at_end(p);
}

int player_read_ms(const struct player *p)
{
	/* Dwell on a step's first position long enough to read its words:
	 * about 25 characters a second at the default speed. */
	if (!p->sc || p->cur < 0 || p->k != 1)
		return 0;
	const struct player_rec *r = &p->recs[p->cur];
	if (r->step < 0 || r->step >= p->sc->nsteps || (p->cur > 0 && p->recs[p->cur - 1].step == r->step))
		return 0;
	size_t n = strlen(scn_text_get(&p->sc->steps[r->step].say, p->lang));
	if (n > 200)
		n = 200; /* at most 8 s at the default speed */
	return (int)(n * 40 * (size_t)speed_ms[p->speed] / (size_t)speed_ms[SPEED_DEFAULT]);
}

int player_beat_ms(const struct player *p)
{
	return speed_ms[p->speed] + player_read_ms(p);
}

bool player_tick(struct player *p)
{
	if (!p->playing)
		return false;
	bool moved = player_next(p);
	if (!moved || stop_here(p))
		player_set_playing(p, false);
	return moved;
}
