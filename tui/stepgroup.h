/*
 * stepgroup.h — summarised playback: the micro-steps of a huge command cut
 * into a few summary steps (docs/tui.md TUI-SUMMARY).  The rule lives here
 * and nowhere else; the player (player.c) only walks the groups, the
 * narration (pane_narr.c) only prints stepgroup_text.
 *
 * The rule, for the events [first, end) of one command (first is its
 * opening "command" event):
 *
 *   G1. The player summarises a command of more than N micro-steps (N is
 *       --group, default 200; 0 never).  stepgroup_find does the cutting.
 *   G2. Units, one per page: a unit starts at each `access` micro-step (a
 *       CPU access and all it brings about: TLB, walk, faults, page
 *       tables, trimming, page writes).  A command without two accesses
 *       cuts at the first kind of lead_kinds[] (stepgroup.c) it has at
 *       least twice and at least half as often as the most frequent of
 *       them: a page leaving a working set, written to a page file,
 *       zeroed ...  Micro-steps before the first unit are loose.
 *   G3. A unit's class: for an access, its kind (read, write, execute)
 *       and the kind of the last fault it took (none, or an exception when
 *       it raised one); else the kind it starts with.
 *   G4. At least SG_RUN_MIN units of one class in a row are a run: one
 *       summary step.  The command's last unit, when more than twice as
 *       long as the one before it, is cut at that one's length: the rest
 *       is the command's epilogue, loose.
 *   G5. Loose micro-steps (between and around runs): a stretch of at most
 *       SG_LOOSE_MAX plays one by one, a longer one is one summary step
 *       (a summarised command stays a few steps: a process's exit is its
 *       opening, the pages it gives back, its clean-up).
 *   G6. Micro-steps the history does not keep (the middle of a command of
 *       more than 262,144: mm_cmd_held) are one summary step ending at the
 *       first kept micro-step after them; it cannot be expanded, and its
 *       counts are the command's (mm_cmd_kinds) less the kept ones.
 *   G7. Groups are in order, disjoint, first < b < e <= end, and every
 *       group's last event e - 1 is kept, so mm_seek(e) is exact.
 *
 * Cost: one pass over the kept events' kinds and fields (mm_event, no
 * text), no replay; a 262,144-fault command's 4.7 million events are
 * never all read.
 */
#ifndef MM_STEPGROUP_H
#define MM_STEPGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm.h"

#define SG_RUN_MIN 4	 /* G4 */
#define SG_LOOSE_MAX 4	 /* G5 */
#define SG_FAULT_KINDS 8 /* docs/output.md OUT-VOCAB fault kinds (mm_fault_name) */
#define SG_ACCESS_KINDS 3

enum sg_type {
	SG_RUN,	  /* a run of units of one class (G4) */
	SG_LOOSE, /* a long stretch of loose micro-steps (G5) */
	SG_GAP,	  /* micro-steps not kept (G6) */
};

/* What happened in a group, in sum. */
struct stepgroup_sum {
	uint64_t kinds[MM_EV_KIND_COUNT];
	uint64_t faults[SG_FAULT_KINDS];
	uint64_t access[SG_ACCESS_KINDS];
	uint32_t moves[MM_NSTATES][MM_NSTATES]; /* frames from -> to */
	int64_t commit;				/* pages charged (less returned) */
	bool detail;				/* faults, access, moves, commit known (not for SG_GAP) */
};

struct stepgroup {
	uint64_t b, e;	  /* events [b, e) of the history */
	enum sg_type type;
	uint64_t units;	  /* SG_RUN: its units */
	int lead;	  /* SG_RUN: MM_EV_ACCESS or the kind units start with */
	int acc, fault;	  /* SG_RUN of accesses: access kind; fault kind, -1 none, SG_FAULT_KINDS exception */
	bool open;	  /* expanded by the user (the player's state) */
	struct stepgroup_sum sum;
};

/* Cuts the events [first, end) of one command (first = its "command"
 * event) into groups by the rule above.  *out (the caller frees it with
 * free) gets the groups in order; returns their count (0: nothing to
 * group), -1 without host memory (*out NULL). */
int stepgroup_find(const struct mm *m, uint64_t first, uint64_t end, struct stepgroup **out);

/* The group in plain words (lang 0 English, 1 German): "1,280 demand-zero
 * faults (writes): 1,285 frames zeroed -> active, 5 page tables made,
 * commit +5.0 MB".  Returns buf. */
const char *stepgroup_text(const struct stepgroup *g, int lang, char *buf, size_t n);

/* n with thousands separators ("262,144"; German "262.144").  Returns buf. */
const char *stepgroup_num(uint64_t n, int lang, char buf[32]);
/* A fault kind (mm_fault_name's index) as the summaries name one in lang
 * (0 en, 1 de: "weicher Seitenfehler"); mm_fault_name's word when unknown. */
const char *stepgroup_fault_word(uint64_t kind, int lang);

#endif
