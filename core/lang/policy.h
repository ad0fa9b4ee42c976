/*
 * policy.h — page-replacement policies on one page-reference trace, for
 * the `policies` command (docs/commands.md CMD-POLICIES): the textbook's
 * FIFO, LRU, Clock and OPT, and Windows' own working-set aging
 * (policy.c).
 *
 * Ownership: policy_result_init allocates the result's arrays, which
 * policy_result_free releases.
 */
#ifndef MM_POLICY_H
#define MM_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "types.h"

#define POLICY_MAX_FRAMES 64
#define POLICY_MAX_REFS 1000
#define POLICY_MAX_PAGE 4095

enum policy_kind { POLICY_FIFO, POLICY_LRU, POLICY_CLOCK, POLICY_OPT, POLICY_WS_AGING, POLICY_COUNT };

struct policy_result {
	const char *name;       /* "FIFO", "LRU", "Clock", "OPT", "WS-aging" */
	int nrefs, frames;
	int faults, hits;
	int *slot;              /* nrefs x frames: the page in each frame after reference i, -1 empty */
	bool *hit;              /* per reference */
	int *evicted;           /* per reference: the page that left, -1 none */
};

int policy_result_init(struct policy_result *r, enum policy_kind k, int nrefs, int frames);
void policy_result_free(struct policy_result *r);

/* Runs one policy on trace[0..n) with `frames` frames into r (initialised
 * by the call). The textbook policies never fail; WS-aging boots a
 * scratch machine (lang: its narration language) and fails only when host
 * memory is short. 0, or -1 with err filled. */
int policy_run(enum policy_kind k, const int *trace, int n, int frames, int lang, struct policy_result *r,
               struct mm_err *err);

#endif
