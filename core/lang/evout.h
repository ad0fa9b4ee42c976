/*
 * evout.h — a command's micro-steps as the batch prints them
 * (docs/output.md OUT-EVENTS, OUT-SUMMARY): streamed from the history one
 * event at a time, never held as a tree, and summarised when a command
 * has too many of them to read.
 */
#ifndef MM_EVOUT_H
#define MM_EVOUT_H

#include <stdio.h>

#include <cJSON.h>

#include "base/machine.h"

/* A command with more micro-steps than EVOUT_MAX is summarised
 * (docs/output.md OUT-SUMMARY): its count, its counts by kind, and only
 * its first EVOUT_EDGE and last EVOUT_EDGE micro-steps. `events CMD FROM
 * N` (docs/commands.md CMD-SESSION) shows at most EVOUT_MAX at a time. */
#define EVOUT_MAX 1000
#define EVOUT_EDGE 100

/* One event as its JSON object of OUT-EVENTS, written straight to f: the
 * same text as jout_print(ev_to_json(m, e)), without the tree. */
void evout_json(FILE *f, const struct mm *m, const struct ev *e);

/* Events [begin, end) of the history (EV_CMD left out), streamed with
 * hist_each: as JSON objects, each preceded by a comma unless *first
 * (then cleared), or as text lines "    WORDS\n" in language lang.
 * 0, or -1 when the history could not give an event. */
int evout_json_range(FILE *f, struct mm *m, uint64_t begin, uint64_t end, bool *first);
int evout_text_range(FILE *f, struct mm *m, uint64_t begin, uint64_t end, int lang);
/* The same into a cJSON array (for session_exec_json, whose callers want
 * a tree: only ever a bounded number of events, at most EVOUT_MAX). */
int evout_tree_range(cJSON *arr, struct mm *m, uint64_t begin, uint64_t end);

/* What is printed of a command whose micro-steps are history events
 * [begin, end) of history command hcmd; seq is its number in the session
 * (what `events` takes). */
struct evout_cmd {
	uint64_t begin, end, hcmd, seq;
	bool all;                   /* --events all: every micro-step, never a summary */
};

/* Whether the command is summarised (more than EVOUT_MAX micro-steps, and
 * not all asked for). */
bool evout_summarised(const struct evout_cmd *c);

/* The command's micro-steps after its result, whole or summarised:
 *   JSON stream: the members from "events_total" (when summarised) to
 *     "events", each after a comma;
 *   tree: the same members added to obj;
 *   text: the indented lines of OUT-TEXT, with the counts line and the
 *     gap marker when summarised, in language lang.
 * 0, or -1 when the history could not give an event. */
int evout_json_cmd(FILE *f, struct mm *m, const struct evout_cmd *c);
int evout_tree_cmd(cJSON *obj, struct mm *m, const struct evout_cmd *c);
int evout_text_cmd(FILE *f, struct mm *m, const struct evout_cmd *c, int lang);

#endif
