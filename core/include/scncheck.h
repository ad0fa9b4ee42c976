/*
 * scncheck.h — `mmviz --check SCENARIO...` (docs/cli.md CLI-CHECK): runs scenarios
 * headless and verifies every `expect`.
 *
 * What a step must do to pass (rules C1-C9, also in scenarios/README.md):
 *  C1. Each command of the step's `run` runs in order through
 *      session_exec_json. A blank or comment line produces nothing.
 *  C2. A command that fails (ok: false) fails the step, unless it is the
 *      step's last command and the step has an `expect` (which then
 *      decides, e.g. {"ok": false, "error": {"code": "..."}}).
 *  C3. `expect` applies to the object of the step's LAST command, as a
 *      partial match (jmatch.h). A last command that produced nothing
 *      (blank, comment) with an `expect` fails.
 *  C4. `ask.answers`: each answer must appear as a value somewhere in the
 *      `result` of one of the step's commands (jmatch_has_value: strings
 *      exactly or as equal hex, numbers in decimal or hex), or in the
 *      `error` of the last command when it failed as the `expect` allows
 *      (C2). So a question cannot promise an answer that the step does not
 *      show.
 *  C5. The step's commands together take at most SCN_STEP_SECONDS
 *      (docs/quality.md Q-BOUNDS): a scenario's time is bounded by its
 *      steps (SCN_MAX_STEPS) times that, and its host memory by the
 *      history limit (a command that would pass it fails, C2).
 *  C6. A question does not give itself away in text (docs/scenarios.md
 *      SCN-ASK): no text shown before the learner answers (`ask.prompt`,
 *      `ask.hint`, and the step's `say` when the ask shows it with the
 *      question, `"say": "with"`; English and German) holds a phrase that
 *      answer.h would accept as an answer. `ask.choices` are exempt
 *      (every option is shown); `ask.explain` and a say held back (the
 *      default) come after the answer.
 *  C7. Nor on screen: the previous step's output, shown when the question
 *      is asked, does not hold an answer at the same JSON path of its
 *      result that this step's result holds it at. (scncheck_scenario
 *      only: it needs the previous step's objects.)
 *  C8. A step's `say` has at most SCN_MAX_SAY_WORDS words in each language
 *      (docs/scenarios.md SCN-WORDS): a projector shows a step whole at
 *      80x24 beside the panes. Words are whitespace-separated tokens, so
 *      "0x1000" and "--bare" count one each. Checked before the scenario
 *      plays, since it needs no machine.
 *  C9. A scenario of SCN_LESSON_STEPS steps or more (a lesson) has at
 *      least SCN_MIN_ASKS questions (docs/scenarios.md SCN-LESSON): a
 *      learner predicts, then sees. Shorter files (examples, tests, a
 *      teacher's quick demonstration) need none. Checked with C8.
 * The first failing step ends the scenario (later steps would run on a
 * state the author did not intend).
 *
 * Output: one line per scenario,
 *   PASS  ID  (N steps)
 *   PASS  ID  (N steps; --ram 32 MB overrides the scenario's 16 MB)
 *   FAIL  ID  step K: COMMAND — WHY
 *   FAIL  NAME  FILE:LINE:COL: PATH: ... (the loader's message)
 * and a closing line exactly "P passed, F failed".
 *
 * Ownership: nothing returned is allocated; scenarios, sessions and
 * result objects live inside one call.
 */
#ifndef MM_SCNCHECK_H
#define MM_SCNCHECK_H

#include <stdbool.h>
#include <stdio.h>

#include "scenario.h"

/* Checks each scenario (a path or a name of the search path, scenario.h)
 * on the machine scenario_machine() builds with `overrides` (the options
 * given on the command line; may be NULL). Writes the lines above to out.
 * Returns the number of scenarios that failed. */
int scncheck_run(const char *const *names, int n, const struct scn_machine *overrides, FILE *out);

/* The verdict of one step (rules C2-C6). `at` is the index in the step's
 * run of the command the verdict is about: the failing command, or the
 * last one. why is "" when the step passed. */
#define SCN_STEP_SECONDS 10.0

/* C8: the most words a step's narration may have in one language. */
#define SCN_MAX_SAY_WORDS 70

/* C9: a scenario of this many steps is a lesson and needs questions. */
#define SCN_LESSON_STEPS 6
#define SCN_MIN_ASKS 2

struct scn_verdict {
	bool pass;
	int at;
	char why[1024];
};

/* Called after command i of a step has run, with its JSON-lines object
 * (borrowed for the call; NULL for a blank or comment line). */
typedef void (*scn_ran_fn)(void *ud, int i, const cJSON *obj);

/* Plays step st on s (C1: each command in order through
 * session_exec_json, calling ran after each; ran may be NULL) and judges
 * it (C2-C6) into *v. The one referee of a step: `--check` and the TUI
 * player both call it, so a step cannot pass in one and fail in the other.
 * Returns v->pass. */
bool scncheck_step(struct session *s, const struct scn_step *st, scn_ran_fn ran, void *ud,
                   struct scn_verdict *v);

/* Checks one loaded scenario. Returns 0 when it passed, with note (may be
 * NULL) holding the override notice or ""; -1 when it failed, with note
 * holding "step K: COMMAND — WHY". */
int scncheck_scenario(const struct scenario *sc, const struct scn_machine *overrides,
                      char *note, size_t n);

#endif
