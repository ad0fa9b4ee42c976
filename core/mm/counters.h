/*
 * counters.h — the memory manager's fault and paging counters as Windows
 * keeps them (docs/reference.md R-COUNTERS): system-wide the WRK's
 * MmInfoCounters (MMINFO_COUNTERS), per process MMSUPPORT.PageFaultCount
 * and the hard-fault count; and Performance Monitor's Memory counters
 * computed from them as Perfmon computes them (counters.c).
 */
#ifndef MM_COUNTERS_H
#define MM_COUNTERS_H

#include "base/machine.h"

/* Where the WRK counts them (each a one-line call at that place). */
void counters_page_fault(struct mm *m, struct proc *p);   /* MiAllocateWsle: a page added to a working set */
void counters_demand_zero(struct mm *m);                  /* MiResolveDemandZeroFault */
void counters_transition(struct mm *m);                   /* MiResolveTransitionFault */
void counters_copy_on_write(struct mm *m);                /* MiCopyOnWrite */
/* One in-page read of `pages` pages for process p (NULL: the system):
 * MiResolvePageFileFault / MiResolveMappedFileFault, and p's hard fault. */
void counters_page_read(struct mm *m, struct proc *p, uint64_t pages);
/* `pages` pages written in `ios` write operations: the modified page writer
 * to a page file (MiGatherPagefilePages, one I/O per cluster of up to 16
 * pages with consecutive slots) or the mapped page writer to a file
 * (MiGatherMappedPages). */
void counters_page_write(struct mm *m, uint64_t pages, uint64_t ios, bool mapped);

/* `tick N` ends N simulated seconds: the values now become the end of the
 * interval the rates are taken over, the previous end its start. */
void counters_sample(struct mm *m, uint64_t seconds);

/* Performance Monitor's Memory counters (docs/output.md OUT-COUNTERS). */
enum counters_perf {
	PERF_PAGE_FAULTS, PERF_PAGE_READS, PERF_PAGES_INPUT, PERF_TRANSITION, PERF_DEMAND_ZERO,
	PERF_WRITE_COPIES, PERF_PAGES_OUTPUT, PERF_PAGE_WRITES, PERF_RATE_COUNT
};
enum counters_gauge { GAUGE_AVAILABLE, GAUGE_COMMITTED, GAUGE_COMMIT_LIMIT, GAUGE_COUNT };

const char *counters_perf_name(enum counters_perf k);     /* "Page Faults/sec" */
const char *counters_gauge_name(enum counters_gauge k);   /* "Available Bytes" */
const char *counters_info_name(enum mminfo k);            /* "PageFaultCount": the MMINFO_COUNTERS field */
uint64_t counters_total(const struct mm *m, enum counters_perf k); /* since boot */
/* The rate per simulated second over the last interval; false when no
 * `tick` has ended one yet. */
bool counters_rate(const struct mm *m, enum counters_perf k, double *out);
uint64_t counters_gauge(const struct mm *m, enum counters_gauge k);

/* K1 and K2 of counters.c; NULL when they hold (check.c). */
const char *counters_check(const struct mm *m, char *buf, size_t n);

#endif
