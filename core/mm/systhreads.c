/*
 * systhreads.c — the system threads (systhreads.h), by Windows' policy
 * (docs/reference.md R-WS, R-THRESHOLDS).
 *
 *   balance set manager, once a second: when available pages are at or
 *     below MmPlentyFreePages (400; 800 from 63 MB of RAM) every working
 *     set is aged and trimmed, biggest first, never below its minimum;
 *     below MM_ENORMOUS_LIMIT (20000 pages) working sets are only aged;
 *   modified page writer: woken when the modified list reaches
 *     MmModifiedPageMaximum (100/150/300/800 by RAM size) or memory is
 *     tight (< 256 available and a cluster's worth modified); writes in
 *     clusters of 16 (MmModifiedWriteClusterSize) to a page file; the page
 *     passes through "transition" (write in progress) to standby;
 *   mapped page writer's timer: the first modified page of a mapped file
 *     to reach the modified list sets it (pfn.c); MmModifiedPageLifeInSeconds
 *     (300 s) later every modified mapped-file page is written to its file,
 *     memory pressure or not (MiModifiedPageWriterTimerDispatch sets
 *     MiTimerPending), so a dirty file page reaches the disk within 300 s
 *     of leaving the working sets;
 *   zero page thread: when the free list holds 8 pages or more
 *     (MmMinimumFreePagesToZero), zeroes free pages onto the zeroed list.
 *
 * `tick` runs the periodic policy; `run writer|zero|trim` runs one thread
 * once, now, whatever the thresholds say.
 */
#include "systhreads.h"

#include "counters.h"
#include "pagefile.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "hw/pte.h"
#include "section.h"
#include "wsmgr.h"

#define MM_ENORMOUS_LIMIT 20000
#define MM_TIGHT_LIMIT 256
#define WRITE_CLUSTER 16
#define ZERO_THRESHOLD 8

uint64_t sys_plenty_pages(const struct mm *m)
{
	return m->cfg.ram >= (63ull << 20) ? 800 : 400;
}

uint64_t sys_modified_max(const struct mm *m)
{
	uint64_t mb = m->cfg.ram >> 20;
	return mb <= 13 ? 100 : mb <= 19 ? 150 : mb <= 33 ? 300 : 800;
}

/* A dirty page of a mapped file goes back to its file (the mapped page
 * writer); it stays backed by the file, so nothing else changes. */
static bool write_to_file(struct mm *m, uint32_t pfn)
{
	uint64_t page;
	struct section *s = section_of_frame(m, pfn, &page);
	if (!s || s->kind != SECTION_FILE)
		return false;
	pfn_begin_write(m, pfn);
	section_file_write(m, s, page, pfn);
	counters_page_write(m, 1, 1, true); /* one I/O per page: mmviz gathers no mapped-file clusters (SIMP-COUNTERS) */
	pfn_end_write(m, pfn);
	return true;
}

/* The run of page-file slots the writer is filling: MiGatherPagefilePages
 * puts up to MmModifiedWriteClusterSize pages with consecutive slots of one
 * page file into one MDL, written by one I/O (docs/reference.md R-COUNTERS). */
struct write_run {
	int file;
	uint64_t next_off;
	unsigned pages;
};

/* True when the page at (file, off) starts a new write I/O. */
static bool run_next(struct write_run *run, int file, uint64_t off)
{
	bool joins = run->pages && run->pages < WRITE_CLUSTER && run->file == file && run->next_off == off;
	run->pages = joins ? run->pages + 1 : 1;
	run->file = file;
	run->next_off = off + 1;
	return !joins;
}

static bool write_one(struct mm *m, uint32_t pfn, struct write_run *run)
{
	int file;
	uint64_t off;
	if (write_to_file(m, pfn))
		return true;
	if (pagefile_alloc(m, &file, &off) < 0)
		return false;
	struct pte_info orig;
	pte_decode(m->arch, m->pfn[pfn].original_pte, &orig);
	pfn_begin_write(m, pfn); /* write in progress: referenced, on no list */
	physmem_save(m, pfn, pagefile_content(m, file, off));
	pfn_set_original_pte(m, pfn, pte_make_pagefile(m->arch, file, off, orig.protection));
	MM_EMIT(m, EV_PAGEFILE_WRITE, file, off, pfn, 0);
	counters_page_write(m, 1, run_next(run, file, off) ? 1 : 0, false);
	pfn_end_write(m, pfn); /* clean now, and the copy in the page file backs it */
	return true;
}

uint64_t sys_writer(struct mm *m, uint64_t max)
{
	uint64_t n = 0;
	struct write_run run = {0};
	while (n < max) {
		uint32_t pfn = m->list[PFN_MODIFIED].head;
		if (pfn == MM_PFN_NONE || !write_one(m, pfn, &run))
			break;
		n++;
	}
	return n;
}

/* The timer ran out: every modified mapped-file page goes to its file. */
static uint64_t mapped_writer_timer(struct mm *m)
{
	uint64_t n = 0;
	MM_SET64(m, &m->mapped_writer_due, 0);
	for (uint32_t pfn = m->list[PFN_MODIFIED].head, next; pfn != MM_PFN_NONE; pfn = next) {
		next = pfn_flink(m, pfn);
		n += write_to_file(m, pfn);
	}
	MM_EMIT(m, EV_MAPPED_WRITER_TIMER, n, 0, 0, 0);
	return n;
}

uint64_t sys_zero(struct mm *m)
{
	uint64_t n = 0;
	uint32_t pfn;
	while ((pfn = m->list[PFN_FREE].head) != MM_PFN_NONE) {
		pfn_unlink(m, pfn);
		physmem_zero(m, pfn);
		MM_EMIT(m, EV_ZERO_PAGE, pfn, 0, 0, 0);
		pfn_insert(m, pfn, PFN_ZEROED);
		n++;
	}
	return n;
}

/* Live processes by working-set size, biggest first (the trimmer's order). */
static int by_size(const struct mm *m, struct proc **out)
{
	int n = 0;
	for (int i = 0; i < MM_MAX_PROCS; i++)
		if (m->proc[i].alive && m->proc[i].pid != MM_PID_SYSTEM)
			out[n++] = (struct proc *)&m->proc[i];
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && out[j]->ws_size > out[j - 1]->ws_size; j--) {
			struct proc *t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

static uint64_t trimmable(const struct proc *p)
{
	uint64_t locked = p->page_tables; /* tables stay */
	uint64_t floor = MM_MAX(p->ws_min, locked);
	return p->ws_size > floor ? p->ws_size - floor : 0;
}

uint64_t sys_trim(struct mm *m)
{
	struct proc *ps[MM_MAX_PROCS];
	int n = by_size(m, ps);
	uint64_t total = 0;
	for (int i = 0; i < n; i++) {
		wsmgr_age(m, ps[i]);
		for (int age = 3; age >= 0 && trimmable(ps[i]); age--)
			total += wsmgr_trim(m, ps[i], trimmable(ps[i]), age);
	}
	return total;
}

static bool writer_due(const struct mm *m)
{
	uint64_t mod = m->list[PFN_MODIFIED].total;
	return mod >= sys_modified_max(m) || (pfn_available(m) < MM_TIGHT_LIMIT && mod >= WRITE_CLUSTER);
}

void sys_tick(struct mm *m, int n, struct sys_report *r)
{
	struct proc *ps[MM_MAX_PROCS];
	for (int t = 0; t < n; t++) {
		MM_SET64(m, &m->ticks, m->ticks + 1);
		if (m->mapped_writer_due && m->ticks >= m->mapped_writer_due)
			r->written += mapped_writer_timer(m);
		uint64_t avail = pfn_available(m);
		int np = by_size(m, ps);
		if (avail <= sys_plenty_pages(m)) {
			r->trim_pass = true;
			for (int i = 0; i < np; i++) {
				wsmgr_age(m, ps[i]);
				r->aged++;
				uint64_t want = trimmable(ps[i]) / 4 + 1; /* a quarter of what is above the minimum */
				r->trimmed += wsmgr_trim(m, ps[i], MM_MIN(want, trimmable(ps[i])), 1);
			}
		} else if (avail < MM_ENORMOUS_LIMIT) {
			for (int i = 0; i < np; i++, r->aged++)
				wsmgr_age(m, ps[i]);
		}
		while (writer_due(m)) {
			uint64_t w = sys_writer(m, WRITE_CLUSTER);
			r->written += w;
			if (!w)
				break;
		}
		if (m->list[PFN_FREE].total >= ZERO_THRESHOLD)
			r->zeroed += sys_zero(m);
	}
}

uint64_t sys_reclaim(struct mm *m)
{
	sys_trim(m);
	sys_writer(m, UINT64_MAX);
	return pfn_available(m);
}
