/*
 * counters.c — the fault and paging counters (counters.h;
 * docs/reference.md R-COUNTERS).
 *
 * Windows counts in two places, and mmviz counts where the WRK does:
 *
 *   - per working set, MMSUPPORT.PageFaultCount, and system-wide
 *     MmInfoCounters.PageFaultCount, both in MiAllocateWsle: every page a
 *     fault adds to a working set, whatever kind of fault it was (a
 *     demand-zero page, a page taken back from a list, a page read from
 *     disk, a page-table page). That is Perfmon's "Page Faults/sec", and
 *     why it is no count of disk reads;
 *   - by kind, in the routine that resolves each kind: DemandZeroCount
 *     (MiResolveDemandZeroFault; a new page-table page is one too, made by
 *     a demand-zero fault on the table's self-map address), TransitionCount
 *     (MiResolveTransitionFault: a page taken back from the standby or
 *     modified list), CopyOnWriteCount (MiCopyOnWrite), PageReadCount and
 *     PageReadIoCount (the in-page read of a hard fault: pages, and read
 *     operations), DirtyPagesWriteCount / DirtyWriteIoCount (the modified
 *     page writer, to a page file) and MappedPagesWriteCount /
 *     MappedWriteIoCount (the mapped page writer, to a mapped file).
 *
 * Perfmon's Memory object turns these totals into rates: it samples them
 * and divides the difference by the time between samples. mmviz's time is
 * simulated seconds, which only `tick` advances: each `tick N` ends an
 * interval of N seconds, and the rates are the last interval's (what the
 * commands since the previous `tick` did, and the tick's own writing,
 * over N seconds).
 *
 * Invariants (check.c):
 *   K1. A process's PageFaultCount counts at least its hard faults.
 *   K2. The interval's start is at or below its end, and its end at or
 *       below the totals, counter by counter (counters only grow).
 * Every counter is machine state written through the journal, so a failed
 * command or a step back restores it.
 */
#include "counters.h"

#include <stdio.h>

#include "pfn.h"

static void bump(struct mm *m, enum mminfo k, uint64_t n)
{
	MM_SET64(m, &m->info[k], m->info[k] + n);
}

void counters_page_fault(struct mm *m, struct proc *p)
{
	MM_SET64(m, &p->fault_count, p->fault_count + 1);
	bump(m, MMINFO_PAGE_FAULT, 1);
}

void counters_demand_zero(struct mm *m) { bump(m, MMINFO_DEMAND_ZERO, 1); }
void counters_transition(struct mm *m) { bump(m, MMINFO_TRANSITION, 1); }
void counters_copy_on_write(struct mm *m) { bump(m, MMINFO_COPY_ON_WRITE, 1); }

void counters_page_read(struct mm *m, struct proc *p, uint64_t pages)
{
	bump(m, MMINFO_PAGE_READ, pages);
	bump(m, MMINFO_PAGE_READ_IO, 1);
	if (p)
		MM_SET64(m, &p->hard_fault_count, p->hard_fault_count + 1);
}

void counters_page_write(struct mm *m, uint64_t pages, uint64_t ios, bool mapped)
{
	bump(m, mapped ? MMINFO_MAPPED_PAGES_WRITE : MMINFO_DIRTY_PAGES_WRITE, pages);
	if (ios)
		bump(m, mapped ? MMINFO_MAPPED_WRITE_IO : MMINFO_DIRTY_WRITE_IO, ios);
}

void counters_sample(struct mm *m, uint64_t seconds)
{
	for (int k = 0; k < MMINFO_COUNT; k++) {
		MM_SET64(m, &m->info_start[k], m->info_end[k]);
		MM_SET64(m, &m->info_end[k], m->info[k]);
	}
	MM_SET64(m, &m->info_seconds, seconds);
}

/* Each Perfmon counter is one MMINFO_COUNTERS field, or two added
 * (the page-file and the mapped-file writers). */
static const struct {
	const char *name;
	enum mminfo a, b;               /* b == MMINFO_COUNT: none */
} perf[PERF_RATE_COUNT] = {
	[PERF_PAGE_FAULTS] = {"Page Faults/sec", MMINFO_PAGE_FAULT, MMINFO_COUNT},
	[PERF_PAGE_READS] = {"Page Reads/sec", MMINFO_PAGE_READ_IO, MMINFO_COUNT},
	[PERF_PAGES_INPUT] = {"Pages Input/sec", MMINFO_PAGE_READ, MMINFO_COUNT},
	[PERF_TRANSITION] = {"Transition Faults/sec", MMINFO_TRANSITION, MMINFO_COUNT},
	[PERF_DEMAND_ZERO] = {"Demand Zero Faults/sec", MMINFO_DEMAND_ZERO, MMINFO_COUNT},
	[PERF_WRITE_COPIES] = {"Write Copies/sec", MMINFO_COPY_ON_WRITE, MMINFO_COUNT},
	[PERF_PAGES_OUTPUT] = {"Pages Output/sec", MMINFO_DIRTY_PAGES_WRITE, MMINFO_MAPPED_PAGES_WRITE},
	[PERF_PAGE_WRITES] = {"Page Writes/sec", MMINFO_DIRTY_WRITE_IO, MMINFO_MAPPED_WRITE_IO},
};

static const char *const info_names[MMINFO_COUNT] = {
	[MMINFO_PAGE_FAULT] = "PageFaultCount",
	[MMINFO_COPY_ON_WRITE] = "CopyOnWriteCount",
	[MMINFO_TRANSITION] = "TransitionCount",
	[MMINFO_DEMAND_ZERO] = "DemandZeroCount",
	[MMINFO_PAGE_READ] = "PageReadCount",
	[MMINFO_PAGE_READ_IO] = "PageReadIoCount",
	[MMINFO_DIRTY_PAGES_WRITE] = "DirtyPagesWriteCount",
	[MMINFO_DIRTY_WRITE_IO] = "DirtyWriteIoCount",
	[MMINFO_MAPPED_PAGES_WRITE] = "MappedPagesWriteCount",
	[MMINFO_MAPPED_WRITE_IO] = "MappedWriteIoCount",
};

static const char *const gauge_names[GAUGE_COUNT] = {
	[GAUGE_AVAILABLE] = "Available Bytes",
	[GAUGE_COMMITTED] = "Committed Bytes",
	[GAUGE_COMMIT_LIMIT] = "Commit Limit",
};

const char *counters_perf_name(enum counters_perf k) { return perf[k].name; }
const char *counters_gauge_name(enum counters_gauge k) { return gauge_names[k]; }
const char *counters_info_name(enum mminfo k) { return info_names[k]; }

static uint64_t sum(const uint64_t *v, enum counters_perf k)
{
	return v[perf[k].a] + (perf[k].b < MMINFO_COUNT ? v[perf[k].b] : 0);
}

uint64_t counters_total(const struct mm *m, enum counters_perf k) { return sum(m->info, k); }

bool counters_rate(const struct mm *m, enum counters_perf k, double *out)
{
	if (!m->info_seconds)
		return false;
	*out = (double)(sum(m->info_end, k) - sum(m->info_start, k)) / (double)m->info_seconds;
	return true;
}

uint64_t counters_gauge(const struct mm *m, enum counters_gauge k)
{
	switch (k) {
	case GAUGE_AVAILABLE: return mm_pages_bytes(pfn_available(m));
	case GAUGE_COMMITTED: return mm_pages_bytes(m->commit_total);
	default: return mm_pages_bytes(m->commit_limit);
	}
}

const char *counters_check(const struct mm *m, char *buf, size_t n)
{
	for (int i = 0; i < MM_MAX_PROCS; i++) {
		const struct proc *p = &m->proc[i];
		if (p->alive && p->hard_fault_count > p->fault_count) {
			snprintf(buf, n, "K1: process %u has %llu hard faults but a PageFaultCount of %llu", p->pid,
				 (unsigned long long)p->hard_fault_count, (unsigned long long)p->fault_count);
			return buf;
		}
	}
	for (int k = 0; k < MMINFO_COUNT; k++)
		if (m->info_start[k] > m->info_end[k] || m->info_end[k] > m->info[k]) {
			snprintf(buf, n, "K2: %s: interval %llu..%llu, total %llu", info_names[k],
				 (unsigned long long)m->info_start[k], (unsigned long long)m->info_end[k],
				 (unsigned long long)m->info[k]);
			return buf;
		}
	return NULL;
}
