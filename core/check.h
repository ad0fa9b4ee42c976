/*
 * check.h — the invariant checker over the whole simulated state
 * (docs/quality.md Q-RELIABILITY). Tests run it after every
 * command.
 */
#ifndef MM_CHECK_H
#define MM_CHECK_H

#include "base/machine.h"

/* Returns NULL when every invariant holds, or the first violation as text
 * naming its invariant (F1.., S1.., C1.., V1.., T1..), written into buf. */
const char *mm_check(const struct mm *m, char *buf, size_t n);

/* A hash of the whole simulated state: equal hashes, equal states (for
 * "a failed command changes nothing" and exact step-back tests). */
uint64_t mm_state_hash(const struct mm *m);

/* The test build (MM_DEBUG): the work done so far, every slab record
 * touched and every step of a loop over other state (MM_WORK). Two
 * readings around an operation count its work, whatever the host's speed
 * (docs/quality.md Q-PERF). 0 in other builds. */
uint64_t mm_work(const struct mm *m);

#endif
