/*
 * policy.c — replacement policies on a page-reference trace (policy.h;
 * docs/commands.md CMD-POLICIES), as OSTEP's paging-policy simulator
 * runs them, with Windows' working-set manager beside them.
 *
 * Design.  A policy sees the trace one reference at a time: a page in a
 * frame is a hit; otherwise a fault loads the page into a free frame, or,
 * with none free, into the frame of the page the policy evicts:
 *   FIFO   the page loaded longest ago;
 *   LRU    the page used longest ago;
 *   Clock  the first page the hand finds with its use bit clear, clearing
 *          the bits it passes (a loaded or used page gets its bit set);
 *   OPT    the page used again furthest in the future (Belady), or never.
 * WS-aging is not written here a second time: the trace is played on a
 * scratch machine (x64, one process, a committed region with a page per
 * trace page), and when a fault finds the working set at `frames` data
 * pages, the working-set manager itself makes room the way
 * SetProcessWorkingSetSize does (mm/wsmgr.c): one aging pass
 * (wsmgr_age: a page used since the last pass gets age 0, the others one
 * older, up to 3), then the trim of one page, the oldest first from where
 * the last trim stopped (wsmgr_trim). The read that follows takes the
 * page's fault (soft when its frame is still on a list). The scratch
 * machine is the policy's only state and is freed at the end; the
 * session's own machine is not touched.
 *
 * Invariants:
 *  P1. faults + hits == nrefs, and a policy never holds more than
 *      `frames` pages.
 *  P2. After reference i, its page is in a frame.
 */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "base/machine.h"
#include "config.h"
#include "mm/wsmgr.h"
#include "session.h"
#include "langmsg.h"

static const char *const names[POLICY_COUNT] = {
	[POLICY_FIFO] = "FIFO", [POLICY_LRU] = "LRU", [POLICY_CLOCK] = "Clock", [POLICY_OPT] = "OPT",
	[POLICY_WS_AGING] = "WS-aging",
};

int policy_result_init(struct policy_result *r, enum policy_kind k, int nrefs, int frames)
{
	memset(r, 0, sizeof *r);
	r->name = names[k];
	r->nrefs = nrefs;
	r->frames = frames;
	r->slot = malloc(sizeof *r->slot * (size_t)(nrefs * frames + 1));
	r->hit = calloc((size_t)nrefs + 1, sizeof *r->hit);
	r->evicted = malloc(sizeof *r->evicted * ((size_t)nrefs + 1));
	if (!r->slot || !r->hit || !r->evicted) {
		policy_result_free(r);
		return -1;
	}
	return 0;
}

void policy_result_free(struct policy_result *r)
{
	free(r->slot);
	free(r->hit);
	free(r->evicted);
	r->slot = r->evicted = NULL;
	r->hit = NULL;
}

/* The state of a textbook policy while it runs. */
struct frames {
	int n;
	int page[POLICY_MAX_FRAMES];
	int64_t loaded[POLICY_MAX_FRAMES], used[POLICY_MAX_FRAMES];
	bool ref[POLICY_MAX_FRAMES];
	int hand;
};

static int find(const struct frames *f, int page)
{
	for (int i = 0; i < f->n; i++)
		if (f->page[i] == page)
			return i;
	return -1;
}

static int next_use(const int *trace, int n, int from, int page)
{
	for (int i = from; i < n; i++)
		if (trace[i] == page)
			return i;
	return n + 1; /* never again */
}

/* The frame a policy empties when all are full. */
static int victim(enum policy_kind k, struct frames *f, const int *trace, int n, int i)
{
	int v = 0;
	switch (k) {
	case POLICY_FIFO:
	case POLICY_LRU:
		for (int j = 1; j < f->n; j++)
			if ((k == POLICY_FIFO ? f->loaded[j] < f->loaded[v] : f->used[j] < f->used[v]))
				v = j;
		return v;
	case POLICY_CLOCK:
		while (f->ref[f->hand]) {
			f->ref[f->hand] = false;
			f->hand = (f->hand + 1) % f->n;
		}
		v = f->hand;
		f->hand = (f->hand + 1) % f->n;
		return v;
	default: {
		int far = -1;
		for (int j = 0; j < f->n; j++) {
			int u = next_use(trace, n, i + 1, f->page[j]);
			if (u > far) {
				far = u;
				v = j;
			}
		}
		return v;
	}
	}
}

static void textbook(enum policy_kind k, const int *trace, int n, int frames, struct policy_result *r)
{
	struct frames f = {.n = frames};
	for (int j = 0; j < frames; j++)
		f.page[j] = -1;
	for (int i = 0; i < n; i++) {
		int s = find(&f, trace[i]);
		r->evicted[i] = -1;
		if (s >= 0) {
			r->hit[i] = true;
			r->hits++;
		} else {
			r->faults++;
			s = find(&f, -1);
			if (s < 0) {
				s = victim(k, &f, trace, n, i);
				r->evicted[i] = f.page[s];
			}
			f.page[s] = trace[i];
			f.loaded[s] = i;
		}
		f.used[s] = i;
		f.ref[s] = true;
		memcpy(&r->slot[i * frames], f.page, sizeof *f.page * (size_t)frames);
	}
}

/* ---- WS-aging: the working-set manager on a scratch machine ---- */

/* Is page (of the region at base) in the working set? */
static bool resident(struct mm *m, struct proc *p, uint64_t va)
{
	uint32_t i = p->ws_first;
	if (!i)
		return false;
	do {
		const struct wsle *e = wsle_at(m, i);
		if (!(e->flags & WSLE_TABLE) && e->va == va)
			return true;
		i = e->next;
	} while (i != p->ws_first);
	return false;
}

/* Makes room for one page: an aging pass, then the oldest page goes. */
static void make_room(struct mm *m, struct proc *p)
{
	wsmgr_age(m, p);
	for (int age = 3; age >= 0; age--)
		if (wsmgr_trim(m, p, 1, age))
			return;
}

static int scratch(int lang, int maxpage, struct session **out, uint64_t *base, struct mm_err *err)
{
	struct mm_config cfg;
	mm_config_default(&cfg);
	cfg.ram = 64ull << 20;
	cfg.pagefile[0] = mm_config_default_pagefile(&cfg);
	cfg.npagefiles = 1;
	cfg.lang = lang;
	struct session *s = session_new(&cfg, err);
	if (!s)
		return -1;
	session_keep_history(s, false);
	char line[96];
	cJSON *a = session_exec_json(s, "process create policies.exe --bare");
	cJSON_Delete(a);
	snprintf(line, sizeof line, "VirtualAlloc 0 %#llx MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
		 (unsigned long long)(maxpage + 1) * 0x1000);
	a = session_exec_json(s, line);
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, "result"), "value"));
	*base = v ? strtoull(v, NULL, 16) : 0;
	cJSON_Delete(a);
	if (!*base) {
		session_free(s);
		return mm_fail_tr(err, "STATUS_NO_MEMORY", 0, LM_POL_SCRATCH);
	}
	*out = s;
	return 0;
}

static int ws_aging(const int *trace, int n, int frames, int lang, struct policy_result *r, struct mm_err *err)
{
	int maxpage = 0;
	for (int i = 0; i < n; i++)
		maxpage = trace[i] > maxpage ? trace[i] : maxpage;
	struct session *s = NULL;
	uint64_t base;
	if (scratch(lang, maxpage, &s, &base, err) < 0)
		return -1;
	int page[POLICY_MAX_FRAMES];
	for (int j = 0; j < frames; j++)
		page[j] = -1;
	char line[64];
	for (int i = 0; i < n; i++) {
		struct mm *m = session_mm(s);
		struct proc *p = mm_cur(m);
		uint64_t va = base + (uint64_t)trace[i] * 0x1000;
		int slot = -1, used = 0;
		r->evicted[i] = -1;
		for (int j = 0; j < frames; j++) {
			used += page[j] >= 0;
			if (page[j] == trace[i])
				slot = j;
		}
		if (resident(m, p, va)) {
			r->hit[i] = true;
			r->hits++;
		} else {
			r->faults++;
			if (used == frames) {
				make_room(m, p);
				for (int j = 0; j < frames; j++)
					if (page[j] >= 0 && !resident(m, p, base + (uint64_t)page[j] * 0x1000)) {
						r->evicted[i] = page[j];
						page[j] = -1;
					}
			}
			for (int j = 0; j < frames && slot < 0; j++)
				if (page[j] < 0)
					slot = j;
			if (slot < 0) { /* nothing could be trimmed: P1 would break */
				session_free(s);
				return mm_fail_tr(err, "STATUS_INTERNAL_ERROR", 0, LM_POL_TRIM);
			}
			page[slot] = trace[i];
		}
		snprintf(line, sizeof line, "read %#llx", (unsigned long long)va); /* sets Accessed, or faults it in */
		cJSON_Delete(session_exec_json(s, line));
		memcpy(&r->slot[i * frames], page, sizeof *page * (size_t)frames);
	}
	session_free(s);
	return 0;
}

int policy_run(enum policy_kind k, const int *trace, int n, int frames, int lang, struct policy_result *r,
               struct mm_err *err)
{
	if (policy_result_init(r, k, n, frames) < 0)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", 0, LM_POL_OOM);
	if (k != POLICY_WS_AGING) {
		textbook(k, trace, n, frames, r);
		return 0;
	}
	if (ws_aging(trace, n, frames, lang, r, err) < 0) {
		policy_result_free(r);
		return -1;
	}
	return 0;
}
