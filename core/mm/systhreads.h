/*
 * systhreads.h — the memory manager's system threads: the balance set
 * manager (working-set aging and trimming), the modified page writer and
 * the zero page thread (docs/reference.md R-WS).
 */
#ifndef MM_SYSTHREADS_H
#define MM_SYSTHREADS_H

#include "base/machine.h"

struct sys_report {
	uint64_t aged, trimmed, written, zeroed;
	bool trim_pass;             /* memory was short: working sets were trimmed */
};

/* The modified page writer: dirty pages go to a page file and then to the
 * standby list. Writes at most max pages (clusters of 16). */
uint64_t sys_writer(struct mm *m, uint64_t max);
/* The zero page thread: free pages are zeroed onto the zeroed list. */
uint64_t sys_zero(struct mm *m);
/* A forced trim: every working set down to its minimum, oldest pages first. */
uint64_t sys_trim(struct mm *m);
/* n balance-set-manager periods (1 s each), by the real policy. */
void sys_tick(struct mm *m, int n, struct sys_report *r);
/* No page was available for a fault: trim and write, as the system would
 * while the faulting thread waits. Returns the pages now available. */
uint64_t sys_reclaim(struct mm *m);

uint64_t sys_plenty_pages(const struct mm *m);       /* MmPlentyFreePages */
uint64_t sys_modified_max(const struct mm *m);       /* MmModifiedPageMaximum */

#endif
