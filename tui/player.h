/*
 * player.h — the step cursor of the TUI: a timeline of records (one per
 * command that was run, from the scenario or typed, plus one per
 * narration-only scenario step) over the machine's history of events.
 *
 * Positions.  Record r owns the events [ev_begin, ev_end) of the history
 * (none for inspection and session commands, failed commands and
 * narration-only steps).  It has len = max(1, ev_end - ev_begin) positions
 * k = 1 .. len: position k shows the machine after ev_begin + k events, so
 * for a journaled command k = 1 is its opening "command" event (the state
 * before it; the panes say "about to run") and k = len is the state after
 * it.  Before every record is position (-1, 0): the booted machine.  Every
 * move ends with mm_seek, so the whole screen shows the state as it was
 * then, and a position shows the same state whichever way it was reached.
 *
 * Going forward past the last executed position runs the next scenario
 * step (all its commands, each a record) through scncheck_step, the
 * referee `--check` uses, so the step's last record carries exactly the
 * verdict `--check` gives: a cross when the step fails (rules C2-C4 of
 * scncheck.h), a tick when it passes and has an `expect`.  A scenario's
 * images are defined by player_new, before step 1, as --check does.  A command typed while the cursor is in
 * the past first completes the record under the cursor; if it is journaled
 * and succeeds it discards the future (records and history after the
 * cursor), as an editor's undo does, and the scenario resumes after the
 * last step left. An inspection command typed in the past, and any command
 * that fails (to parse, to bind, or while running: the history keeps its
 * redo tail, event.h), is inserted after the cursor and keeps the future
 * (docs/tui.md TUI-STEPPING).  `reset` forgets everything and rewinds the scenario.
 *
 * Summaries (docs/tui.md TUI-SUMMARY).  A command of more than
 * player_group_min micro-steps gets groups (stepgroup.h, the rule G1-G7)
 * when its record is made.  A collapsed group is one position: its last
 * event (every move skips the positions strictly inside it, so next and
 * previous go from the state before the group to the state after it and
 * back, both exact); player_toggle_group opens it into its micro-steps and
 * closes it again.
 *
 * Playback.  player_tick advances one shown position (a micro-step or a
 * whole summary step) when playing; playing stops at the end of a step
 * marked `pause`, at the end of the scenario, and at the end of a typed
 * command (which plays as soon as it is typed).
 *
 * Questions (docs/tui.md TUI-ASK: predict, then see).  With questions on,
 * a move forward into a scenario step that has an `ask` not yet put does
 * not move: the question opens instead (player_asking), the cursor stays
 * before the step, so the panes show the machine the learner reasons
 * about, and playing stops.  player_answer judges a typed answer by the
 * one answer rule (answer.h); a first wrong answer leaves the question
 * open for a second try (the hint is for it), and a right one, a second
 * wrong one or giving up (an empty answer) closes it: the step is entered
 * and plays (to its end when it was not playing before).  A step's
 * question is put once; End, --at and player_goto never put one.  The
 * score counts the questions put and those answered right.
 *
 * Ownership: player_new borrows the session and the scenario (both must
 * outlive the player); the player owns its records and their JSON.
 */
#ifndef MM_PLAYER_H
#define MM_PLAYER_H

#include <stdbool.h>
#include <stdint.h>

#include "stepgroup.h"
#include "types.h"

typedef struct cJSON cJSON;
struct session;
struct scenario;
struct mm;

enum player_expect { PLAYER_EXPECT_NONE, PLAYER_EXPECT_OK, PLAYER_EXPECT_FAIL };

struct player_rec {
	char *line;		 /* the command line; NULL for a narration-only step */
	cJSON *json;		 /* the docs/output.md OUT-JSON object; NULL when none */
	char *text;		 /* its output as --batch prints it (session_text), owned; NULL when none */
	bool ok;		 /* the command succeeded (true when no command) */
	uint64_t ev_begin, ev_end; /* its events in the history */
	int step;		 /* scenario step index, -1 when typed */
	bool last_of_step;	 /* the step's last record: pause and expect apply here */
	enum player_expect expect;
	char why[200];		 /* why the step failed (scncheck_step's verdict) */
	struct stepgroup *groups; /* a summarised command's groups (stepgroup.h), owned; NULL */
	int ngroups;
};

#define PLAYER_NSPEEDS 8

struct player;

struct player *player_new(struct session *s, const struct scenario *sc, int lang);
void player_free(struct player *p);

struct mm *player_mm(const struct player *p);
struct session *player_session(const struct player *p);
const struct scenario *player_scenario(const struct player *p);
int player_lang(const struct player *p);

/* Records. */
int player_nrecs(const struct player *p);
const struct player_rec *player_rec(const struct player *p, int i); /* NULL outside */
uint64_t player_rec_len(const struct player *p, int i);		     /* positions of record i */

/* The cursor: record (-1 before all) and position in it (0 with -1). */
int player_cur(const struct player *p);
uint64_t player_k(const struct player *p);
uint64_t player_events_done(const struct player *p); /* the history cursor (mm_hist.cursor) */
/* Bumped by every change of the timeline (not by cursor moves): caches of
 * derived views key on (generation, events_done). */
uint64_t player_generation(const struct player *p);

/* Scenario progress: steps run so far (the next step to run), total. */
int player_steps_run(const struct player *p);
int player_nsteps(const struct player *p);
/* The scenario step shown at the cursor: the cursor record's step, or the
 * step of the last scenario record before it; -1 when none. */
int player_step_at_cursor(const struct player *p);
/* True when the cursor is at the last position of the timeline and no
 * scenario step is left to run. */
bool player_at_end(const struct player *p);

/* Moves.  Each returns true when the cursor moved.  next / next_cmd / last
 * run scenario steps as needed. */
bool player_next(struct player *p);
bool player_prev(struct player *p);
bool player_next_cmd(struct player *p);
bool player_prev_cmd(struct player *p);
/* A scenario step at a time (docs/tui.md TUI-KEYS, PgDn / PgUp): to the end
 * of the scenario step the cursor is in, or, at its end already, to the
 * end of the next one (stopping at its question when it asks one); back,
 * to the end of the step before. False when nothing moved. */
bool player_next_step(struct player *p);
bool player_prev_step(struct player *p);
bool player_first(struct player *p);
bool player_last(struct player *p); /* runs every remaining step */
/* Position (rec, k), clamped; rec -1 = the start. */
void player_goto(struct player *p, int rec, uint64_t k);

/* Summaries.  A command with more micro-steps than n (0: none) is
 * summarised; for records made from now on.  The default is
 * PLAYER_GROUP_DEFAULT. */
#define PLAYER_GROUP_DEFAULT 200
void player_set_group_min(struct player *p, uint64_t n);
uint64_t player_group_min(const struct player *p);
/* The group of record rec that position k is in (its first event done ..
 * its last), or NULL. */
const struct stepgroup *player_group_at(const struct player *p, int rec, uint64_t k);
/* Record rec's position of a group: the state before it (lo) and after it
 * (hi, where a collapsed group is shown). */
uint64_t player_group_lo(const struct player *p, int rec, const struct stepgroup *g);
uint64_t player_group_hi(const struct player *p, int rec, const struct stepgroup *g);
enum player_toggle { PLAYER_TOGGLE_NONE, PLAYER_TOGGLE_OPENED, PLAYER_TOGGLE_CLOSED, PLAYER_TOGGLE_NOT_KEPT };
/* Opens the group at the cursor (the cursor goes to its first micro-step)
 * or closes it (the cursor goes to its end); NOT_KEPT for the micro-steps
 * the history does not keep (G6), NONE when the cursor is in no group. */
enum player_toggle player_toggle_group(struct player *p);
/* The cursor among the positions shown of its record: done = shown
 * positions after the first (the micro-steps, or summary steps, done),
 * total = all of them after the first. */
void player_shown(const struct player *p, uint64_t *done, uint64_t *total);

/* Runs the next n scenario steps completely, leaving the cursor at the end
 * of the last (for --at).  Returns the steps run. */
int player_run_steps(struct player *p, int n);

/* Runs a typed command line (see the header comment).  Returns the record
 * index, or -1 for a blank line.  The record tells success and error. */
int player_exec(struct player *p, const char *line);

/* Questions (see the header comment).  Off in a new player. */
enum player_answer {
	PLAYER_ANSWER_NONE,    /* no question is open */
	PLAYER_ANSWER_RIGHT,   /* closed: right */
	PLAYER_ANSWER_RETRY,   /* wrong, a second try is left: the hint is shown */
	PLAYER_ANSWER_WRONG,   /* closed: wrong twice */
	PLAYER_ANSWER_GAVE_UP, /* closed: an empty answer */
};
void player_set_questions(struct player *p, bool on); /* off closes an open question, unanswered */
bool player_questions(const struct player *p);
/* The step whose question is open, -1 when none. */
int player_asking(const struct player *p);
/* Wrong answers given to the open question so far (0 or 1). */
int player_ask_tries(const struct player *p);
/* Judges typed (NULL or blank: gives up) against the open question. */
enum player_answer player_answer(struct player *p, const char *typed);
/* How step's question ended (NONE: not put, or still open). */
enum player_answer player_ask_result(const struct player *p, int step);
/* The score: questions put and closed, and of them answered right. */
void player_score(const struct player *p, int *right, int *put);

/* Playback. */
void player_set_playing(struct player *p, bool on);
bool player_playing(const struct player *p);
void player_speed(struct player *p, int delta); /* +1 faster, -1 slower */
int player_speed_index(const struct player *p);	 /* 0 .. PLAYER_NSPEEDS-1 */
int player_delay_ms(const struct player *p);	 /* between micro-steps */
/* How long the current position stays on screen while playing: the delay,
 * plus the reading time at a step's first position (player_read_ms). */
int player_beat_ms(const struct player *p);
/* The reading time of the current position: enough to read its step's
 * narration at the chosen speed, 0 where there is none. */
int player_read_ms(const struct player *p);
/* One playback beat: advances one micro-step if playing and stops playing
 * where the header comment says.  Returns true when the cursor moved. */
bool player_tick(struct player *p);

#endif
