/*
 * check.c — every invariant of the essays in pfn.c, paging.c, commit.c,
 * vad.c and physmem.c, as code. The first violation is returned as text
 * that names the invariant, so a failing test says which rule broke.
 *
 *   F1  each frame is in one location; lists are consistent with totals
 *   F2  frames on a list are unreferenced
 *   F3  active frames have share > 0 and reference > 0
 *   F4  per-group summaries and use counts match the frames
 *   F5  zeroed frames read as zero; page copies hold data (physmem.c P2)
 *   F6  every page copy a page file or a simulated file names is a live
 *       object of the copies' slab (slab.h)
 *   S1  a data frame's share count = the valid PTEs that map it
 *   S2  a page table's share count = 1 + the frames whose pte_frame it is
 *   S3  a valid or transition PTE's frame names that table as its pte_frame
 *   S4  a transition PTE's frame is on standby/modified (or in transition)
 *   C1  commit total = sum of its parts; C2 total <= limit
 *   C3  a process's private commit = the sum of its VADs' charges
 *   W1  page_tables and ws_size of each process match its tables and pages
 *   W3  private_pages = the valid PTEs that map the process's private frames
 *   V1-V5 (vad.c) each process's VAD tree and its gap summaries
 *   P1  page-file slots: free + in use = size - 1, bitmap agrees
 *   H1-H6 (heap.c, heap_block.c) each process's heaps, their blocks and indexes
 *   Q1-Q2 (pool.c) the pool's room summaries and big-page tree
 *   T1  (stack.c) each thread's stack fields
 *   PSC1-PSC3 (hw/psc.c) the paging-structure caches agree with the tables
 */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>

#include "hw/paging.h"
#include "mm/pfn.h"
#include "hw/physmem.h"
#include "hw/psc.h"
#include "mm/counters.h"
#include "mm/pagefile.h"
#include "mm/pool.h"
#include "mm/section.h"
#include "mm/vad.h"
#include "mm/wsmgr.h"
#include "win32/heap.h"
#include "win32/stack.h"

static uint64_t section_pagefile_ptes(const struct mm *m);

#define FAIL(...) return (snprintf(buf, n, __VA_ARGS__), buf)

static const char *check_lists(const struct mm *m, char *buf, size_t n)
{
	uint64_t count[PFN_LOC_COUNT] = {0};
	for (uint32_t i = 0; i < m->npages; i++)
		count[pfn_loc(&m->pfn[i])]++;
	for (int l = 0; l < PFN_LOC_COUNT; l++)
		if (count[l] != m->list[l].total)
			FAIL("F1: %llu frames are %s but the total says %llu", (unsigned long long)count[l],
			     pfn_loc_name((enum pfn_loc)l), (unsigned long long)m->list[l].total);
	for (int l = 0; l <= PFN_BAD; l++) {
		int nlists = l == PFN_STANDBY ? MM_STANDBY_PRIOS : 1;
		uint64_t linked = 0;
		for (int k = 0; k < nlists; k++) {
			const struct pfn_list *lst = l == PFN_STANDBY ? &m->standby[k] : &m->list[l];
			uint32_t prev = MM_PFN_NONE, steps = 0;
			for (uint32_t f = lst->head; f != MM_PFN_NONE; f = pfn_flink(m, f)) {
				if (f >= m->npages || ++steps > m->npages)
					FAIL("F1: the %s list is broken at %#x", pfn_loc_name((enum pfn_loc)l), f);
				const struct pfn *p = &m->pfn[f];
				if ((int)pfn_loc(p) != l)
					FAIL("F1: PFN %#x is linked on the %s list but says %s", f,
					     pfn_loc_name((enum pfn_loc)l), pfn_loc_name(pfn_loc(p)));
				if (pfn_blink(m, f) != prev)
					FAIL("F1: PFN %#x: back link %#x, expected %#x", f, pfn_blink(m, f), prev);
				if (p->reference_count)
					FAIL("F2: PFN %#x on the %s list has reference count %u", f,
					     pfn_loc_name((enum pfn_loc)l), p->reference_count);
				if (l == PFN_ZEROED && !physmem_is_zero(m, f))
					FAIL("F5: PFN %#x is on the zeroed list but holds data", f);
				prev = f;
				linked++;
			}
			if (lst->tail != prev)
				FAIL("F1: the %s list's tail is %#x, the last linked frame %#x",
				     pfn_loc_name((enum pfn_loc)l), lst->tail, prev);
			if (l == PFN_STANDBY && lst->total != steps)
				FAIL("F1: standby priority %d says %llu frames, %u linked", k,
				     (unsigned long long)lst->total, steps);
		}
		if (linked != m->list[l].total)
			FAIL("F1: %llu frames linked on the %s list, total %llu", (unsigned long long)linked,
			     pfn_loc_name((enum pfn_loc)l), (unsigned long long)m->list[l].total);
	}
	return NULL;
}

static const char *check_frames(const struct mm *m, char *buf, size_t n)
{
	uint64_t use[USE_COUNT] = {0};
	for (uint32_t g = 0; g < m->ngroups; g++) {
		uint32_t c[PFN_LOC_COUNT] = {0};
		uint32_t first = g << m->group_shift, last = MM_MIN(m->npages, first + (1u << m->group_shift));
		for (uint32_t i = first; i < last; i++)
			c[pfn_loc(&m->pfn[i])]++;
		for (int l = 0; l < PFN_LOC_COUNT; l++)
			if (c[l] != m->groups[g][l])
				FAIL("F4: group %u has %u %s frames, its summary says %u", g, c[l],
				     pfn_loc_name((enum pfn_loc)l), m->groups[g][l]);
	}
	for (uint32_t i = 0; i < m->npages; i++) {
		const struct pfn *p = &m->pfn[i];
		use[pfn_use(p)]++;
		if (pfn_loc(p) == PFN_ACTIVE && (pfn_share_count(p) == 0 || p->reference_count == 0))
			FAIL("F3: active PFN %#x has share %u, reference %u", i, pfn_share_count(p), p->reference_count);
	}
	for (int u = 0; u < USE_COUNT; u++)
		if (use[u] != m->use_count[u])
			FAIL("F4: %llu frames in use as %s, the count says %llu", (unsigned long long)use[u],
			     pfn_use_name((enum pfn_use)u), (unsigned long long)m->use_count[u]);
	return NULL;
}

struct scan {
	const struct mm *m;
	uint32_t *maps;       /* valid leaf PTEs per frame */
	uint64_t tables, pages;
	uint64_t privates;      /* valid PTEs mapping private frames (W3) */
	uint64_t large;         /* frames mapped by large user directory entries (L1): in no working set */
	uint64_t pagefile_ptes; /* PTEs that point into a page file */
	char *buf;
	size_t n;
};

/* Walks one process's tables (the user half; the System's whole tree). */
static const char *scan_table(struct scan *s, const struct proc *p, uint32_t t, int level, uint64_t base, bool all)
{
	const struct mm *m = s->m;
	const struct arch *a = m->arch;
	char *buf = s->buf;
	size_t n = s->n;
	uint32_t cnt = 1u << a->bits[level];
	s->tables++;
	for (uint32_t i = 0; i < cnt; i++) {
		uint64_t va = base + ((uint64_t)i << a->shift[level]);
		if (a->va_bits == 48 && (va >> 47))
			va |= 0xFFFF000000000000ull;
		if (!all && !paging_is_user(m, va))
			break;
		if (level == 0 && a->id != MM_ARCH_PAE && i == a->self_index)
			continue; /* the self-map entry */
		if (level == 1 && a->id == MM_ARCH_PAE && t == p->pae_pd[3] && i < 4)
			continue; /* PAE: PD 3's first four entries map the four directories */
		pte_t v = pte_load(m, t, i);
		struct pte_info pi;
		pte_decode(a, v, &pi);
		bool leaf = level == a->levels - 1 || (pi.valid && pi.large_page && (a->large_levels & (1u << level)));
		if (pi.valid && !leaf) {
			uint32_t c = pi.pfn;
			if (c >= m->npages)
				FAIL("S3: a %s entry points past RAM (PFN %#x)", a->level_name[level], c);
			if (pfn_use(&m->pfn[c]) != USE_PAGE_TABLE)
				FAIL("S3: the %s for %#llx points at PFN %#x, which is not a page table",
				     a->level_name[level], (unsigned long long)va, c);
			const char *r = scan_table(s, p, c, level + 1, va & ~((1ull << a->shift[level]) - 1), all);
			if (r)
				return r;
			continue;
		}
		if (pi.format == PTE_FMT_PAGEFILE) {
			if (!pagefile_in_use(m, pi.pagefile, pi.offset))
				FAIL("P2: PTE for %#llx points at page file %d offset %#llx, a free slot",
				     (unsigned long long)va, pi.pagefile, (unsigned long long)pi.offset);
			s->pagefile_ptes++;
		}
		if (pi.format == PTE_FMT_HARDWARE || pi.format == PTE_FMT_TRANSITION) {
			if (pi.pfn >= m->npages)
				FAIL("S3: PTE for %#llx points past RAM (PFN %#x)", (unsigned long long)va, pi.pfn);
			const struct pfn *f = &m->pfn[pi.pfn];
			if (pi.valid) {
				/* a large leaf maps every frame of its span */
				uint32_t nf = level == a->levels - 1 ? 1 : 1u << (a->shift[level] - 12);
				for (uint32_t k = 0; k < nf && pi.pfn + k < m->npages; k++) {
					s->maps[pi.pfn + k]++;
					/* shared frames name their prototype PTE's frame instead */
					if (pi.pfn != m->shared_data_pfn && !(m->pfn[pi.pfn + k].flags & PFNF_PROTOTYPE) &&
					    pfn_pte_frame(&m->pfn[pi.pfn + k]) != t)
						FAIL("S3: PFN %#x mapped at %#llx names table %#x, not %#x", pi.pfn + k,
						     (unsigned long long)va, pfn_pte_frame(&m->pfn[pi.pfn + k]), t);
				}
				if (nf > 1 && paging_is_user(m, va)) { /* a user large page (largepage.c L1) */
					for (uint32_t k = 0; k < nf; k++)
						if (pfn_owner(&m->pfn[pi.pfn + k]) != p->pid ||
						    pfn_share_count(&m->pfn[pi.pfn + k]) != 1)
							FAIL("L1: PFN %#x of the large page at %#llx is not owned by process %u "
							     "with share count 1", pi.pfn + k, (unsigned long long)va, p->pid);
					s->large += nf;
					continue;
				}
				s->pages++;
				s->privates += pfn_use(f) == USE_PRIVATE && !(f->flags & PFNF_PROTOTYPE);
			} else {
				enum pfn_loc l = pfn_loc(f);
				if (l != PFN_STANDBY && l != PFN_MODIFIED && l != PFN_MODIFIED_NO_WRITE && l != PFN_TRANSITION)
					FAIL("S4: transition PTE for %#llx points at PFN %#x, which is %s",
					     (unsigned long long)va, pi.pfn, pfn_loc_name(l));
				if (pfn_pte_frame(f) != t)
					FAIL("S3: transition PFN %#x names table %#x, not %#x", pi.pfn, pfn_pte_frame(f), t);
			}
		}
	}
	return NULL;
}

static const char *check_tables(const struct mm *m, char *buf, size_t n)
{
	struct scan s = {.m = m, .maps = calloc(m->npages, sizeof(uint32_t)), .buf = buf, .n = n};
	uint32_t *refs = calloc(m->npages, sizeof(uint32_t));
	const char *r = NULL;
	if (!s.maps || !refs)
		goto out;
	for (int i = 0; i < MM_MAX_PROCS && !r; i++) {
		const struct proc *p = &m->proc[i];
		if (!p->alive)
			continue;
		uint64_t t0 = s.tables, pages0 = s.pages, privates0 = s.privates, large0 = s.large;
		bool sys = p->pid == MM_PID_SYSTEM;
		if (m->arch->id == MM_ARCH_PAE) {
			s.tables += 1; /* the PDPT */
			int user_pds = (int)(m->lay.system_range_start >> 30); /* 2, or 3 under /3GB */
			for (int d = 0; d < 4 && !r; d++)
				if (sys || d < user_pds)
					r = scan_table(&s, p, p->pae_pd[d], 1, (uint64_t)d << 30, sys);
			if (!sys)
				s.tables += (uint64_t)(4 - user_pds); /* the kernel directories, scanned once, in the System process */
		} else {
			r = scan_table(&s, p, p->cr3, 0, 0, sys);
		}
		if (r)
			break;
		if (s.large - large0 != p->large_pages) {
			snprintf(buf, n, "L1: process %u's large pages map %llu frames, large_pages says %llu", p->pid,
				 (unsigned long long)(s.large - large0), (unsigned long long)p->large_pages);
			r = buf;
		} else if (s.tables - t0 != p->page_tables) {
			snprintf(buf, n, "W1: process %u has %llu page-table pages, counted %llu", p->pid,
				 (unsigned long long)(s.tables - t0), (unsigned long long)p->page_tables);
			r = buf;
		} else if (!sys && p->ws_size != p->page_tables - (m->arch->id == MM_ARCH_PAE) + (s.pages - pages0)) {
			snprintf(buf, n, "W1: process %u working set %llu, expected %llu tables + %llu pages", p->pid,
				 (unsigned long long)p->ws_size, (unsigned long long)p->page_tables,
				 (unsigned long long)(s.pages - pages0));
			r = buf;
		} else if (!sys) {
			uint64_t len = 0;
			uint32_t e = p->ws_first;
			if (e)
				do {
					len++;
					e = wsle_at(m, e)->next;
				} while (e != p->ws_first && len <= p->ws_size);
			if (len != p->ws_size) {
				snprintf(buf, n, "W2: process %u's working set list holds %llu entries, ws_size %llu", p->pid,
					 (unsigned long long)len, (unsigned long long)p->ws_size);
				r = buf;
			} else if (s.privates - privates0 != p->private_pages) {
				snprintf(buf, n, "W3: process %u maps %llu private pages, private_pages says %llu", p->pid,
					 (unsigned long long)(s.privates - privates0), (unsigned long long)p->private_pages);
				r = buf;
			}
		}
	}
	uint64_t slots = 0, originals = 0;
	s.pagefile_ptes += section_pagefile_ptes(m); /* prototype PTEs count as PTEs */
	for (int i = 0; i < m->npagefiles; i++)
		slots += m->pagefile[i].in_use;
	for (uint32_t i = 0; i < m->npages; i++) {
		struct pte_info pi;
		enum pfn_loc l = pfn_loc(&m->pfn[i]);
		if (l == PFN_FREE || l == PFN_ZEROED)
			continue;
		pte_decode(m->arch, m->pfn[i].original_pte, &pi);
		originals += pi.format == PTE_FMT_PAGEFILE;
	}
	if (!r && slots != s.pagefile_ptes + originals) {
		snprintf(buf, n, "P2: %llu page-file slots in use; %llu PTEs and %llu frames' original PTEs point at slots",
			 (unsigned long long)slots, (unsigned long long)s.pagefile_ptes, (unsigned long long)originals);
		r = buf;
	}
	for (uint32_t i = 0; i < m->npages && !r; i++) {
		const struct pfn *f = &m->pfn[i];
		uint32_t t = pfn_pte_frame(f);
		if (t != MM_PFN_NONE && t != i && pfn_loc(f) != PFN_ZEROED && pfn_loc(f) != PFN_FREE)
			refs[t]++;
	}
	for (uint32_t i = 0; i < m->npages && !r; i++) {
		const struct pfn *f = &m->pfn[i];
		if (pfn_loc(f) != PFN_ACTIVE)
			continue;
		/* shares: the mapping entry of a page table (1) or the valid PTEs
		 * mapping a data page, plus the frames whose PTE lives in this
		 * frame (page tables; paged-pool pages holding prototype PTEs) */
		uint32_t want = (pfn_use(f) == USE_PAGE_TABLE ? 1 : s.maps[i]) + refs[i];
		/* KUSER_SHARED_DATA: the kernel mapping plus each process's, all valid PTEs */
		if (pfn_share_count(f) != want) {
			snprintf(buf, n, "%s: PFN %#x (%s) has share count %u, expected %u",
				 pfn_use(f) == USE_PAGE_TABLE ? "S2" : "S1", i, pfn_use_name(pfn_use(f)), pfn_share_count(f), want);
			r = buf;
		}
	}
out:
	free(s.maps);
	free(refs);
	return r;
}

static const char *check_commit(const struct mm *m, char *buf, size_t n)
{
	uint64_t sum = 0;
	for (int i = 0; i < MM_MAX_PROCS; i++) {
		const struct proc *p = &m->proc[i];
		if (!p->alive)
			continue;
		sum += p->commit_private + p->commit_page_tables + p->commit_fixed;
		uint64_t vads = 0;
		for (uint32_t v = vad_first(m, p); v; v = vad_next(m, v))
			vads += vad_at(m, v)->commit_charge;
		if (vads != p->commit_private)
			FAIL("C3: process %u: VADs charge %llu pages, private commit says %llu", p->pid,
			     (unsigned long long)vads, (unsigned long long)p->commit_private);
		const char *r = vad_check(m, p, buf, n);
		if (r)
			return r;
	}
	sum += m->commit_system;
	if (sum != m->commit_total)
		FAIL("C1: commit total %llu, the parts add up to %llu", (unsigned long long)m->commit_total,
		     (unsigned long long)sum);
	if (m->commit_total > m->commit_limit)
		FAIL("C2: commit total %llu passes the limit %llu", (unsigned long long)m->commit_total,
		     (unsigned long long)m->commit_limit);
	return NULL;
}

/* Prototype PTEs in page-file format hold their slots too: a page of a
 * page-file-backed section written out and its frame reused (P2). */
static uint64_t section_pagefile_ptes(const struct mm *m)
{
	uint64_t n = 0;
	for (int i = 0; i < MM_MAX_SECTIONS; i++) {
		const struct section *sec = &m->section[i];
		for (uint64_t pg = 0; sec->alive && sec->kind == SECTION_PAGEFILE && pg < sec->pages; pg++) {
			struct pte_info pi;
			pte_decode_proto_pte(m->arch, section_proto_load(m, sec, pg), &pi);
			n += pi.format == PTE_FMT_PAGEFILE;
		}
	}
	return n;
}

/* A page copy's handle names a buffer with data in it (physmem.c P2). */
static bool copy_all_zero(const struct mm *m, uint32_t handle)
{
	const uint64_t *w = physmem_handle_bytes(m, handle);
	for (unsigned k = 0; w && k < MM_PAGE_SIZE / 8; k++)
		if (w[k])
			return false;
	return true;
}

static bool copy_live(const struct mm *m, uint32_t handle)
{
	return slab_sanity(&m->physmem, handle);
}

static const char *check_files(const struct mm *m, char *buf, size_t n)
{
	for (int i = 0; i < MM_MAX_FILES; i++) {
		const struct sim_file *f = &m->file[i];
		for (uint64_t k = 0; f->alive && k < f->pages; k++)
			if (f->content[k] && !copy_live(m, f->content[k]))
				FAIL("F6: file %d page %llu names page copy %#x, which is not a live copy", i,
				     (unsigned long long)k, f->content[k]);
	}
	return NULL;
}

static const char *check_pagefiles(const struct mm *m, char *buf, size_t n)
{
	for (int i = 0; i < m->npagefiles; i++) {
		const struct pagefile *pf = &m->pagefile[i];
		uint64_t used = 0;
		for (uint64_t b = 0; b < pf->size; b++) {
			used += (pf->bitmap[b / 64] >> (b % 64)) & 1;
			if (pf->content[b] && !copy_live(m, pf->content[b]))
				FAIL("F6: page file %d offset %#llx names page copy %#x, which is not a live copy", i,
				     (unsigned long long)b, pf->content[b]);
			if (pf->content[b] && copy_all_zero(m, pf->content[b]))
				FAIL("F5: page file %d offset %#llx holds a copy that is all zero (P2)", i, (unsigned long long)b);
		}
		if (!(pf->bitmap[0] & 1))
			FAIL("P1: page file %d: offset 0 must stay reserved", i);
		if (used - 1 != pf->in_use || pf->free + pf->in_use != pf->size - 1)
			FAIL("P1: page file %d: %llu slots set, in use %llu, free %llu, size %llu", i,
			     (unsigned long long)used, (unsigned long long)pf->in_use, (unsigned long long)pf->free,
			     (unsigned long long)pf->size);
	}
	return NULL;
}

static const char *check_aspace(const struct mm *m, char *buf, size_t n)
{
	for (int i = 0; i < MM_MAX_PROCS; i++) {
		const struct proc *p = &m->proc[i];
		const char *r;
		if (!p->alive)
			continue;
		if ((r = heap_check(m, p, buf, n)) || (r = stack_check(m, p, buf, n)))
			return r;
	}
	return NULL;
}

const char *mm_check(const struct mm *m, char *buf, size_t n)
{
	const char *r;
	if ((r = check_lists(m, buf, n)) || (r = check_frames(m, buf, n)) || (r = check_tables(m, buf, n)) ||
	    (r = check_commit(m, buf, n)) || (r = check_pagefiles(m, buf, n)) || (r = check_files(m, buf, n)) ||
	    (r = check_aspace(m, buf, n)) || (r = pool_check(m, buf, n)) || (r = psc_check(m, buf, n)) ||
	    (r = counters_check(m, buf, n)))
		return r;
	return NULL;
}

uint64_t mm_work(const struct mm *m)
{
#ifdef MM_DEBUG
	const struct slab *slabs[] = {&m->physmem, &m->vads, &m->wsles, &m->bigpool, &m->heaps, &m->hblocks};
	uint64_t w = m->work;
	for (size_t k = 0; k < MM_ARRAY_LEN(slabs); k++)
		w += slabs[k]->reads;
	return w;
#else
	(void)m;
	return 0;
#endif
}

/* FNV-1a over bytes. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

/* A slab's objects and the free list's head: its journaled state. */
static uint64_t hash_slab(uint64_t h, const struct slab *s)
{
	h = fnv(h, &s->used, sizeof s->used);
	h = fnv(h, &s->free_head, sizeof s->free_head);
	for (uint32_t i = 1; i < s->used; i++)
		h = fnv(h, slab_at(s, i), s->size);
	return h;
}

uint64_t mm_state_hash(const struct mm *m)
{
	uint64_t h = 0xcbf29ce484222325ull;
	h = fnv(h, m->pfn, (size_t)m->npages * sizeof *m->pfn);
	h = fnv(h, m->groups, (size_t)m->ngroups * sizeof *m->groups);
	h = fnv(h, m->list, sizeof m->list);
	h = fnv(h, m->standby, sizeof m->standby);
	h = fnv(h, m->use_count, sizeof m->use_count);
	h = fnv(h, &m->commit_total, sizeof m->commit_total);
	h = fnv(h, &m->commit_peak, sizeof m->commit_peak);
	h = fnv(h, m->tlb, (size_t)m->tlb_sets * TLB_WAYS * sizeof *m->tlb);
	h = fnv(h, m->tlb_next, (size_t)m->tlb_sets);
	h = fnv(h, &m->psc, sizeof m->psc);
	h = fnv(h, &m->cur, sizeof m->cur);
	h = fnv(h, &m->arena_next, sizeof m->arena_next);
	h = fnv(h, &m->cr3_pa, sizeof m->cr3_pa);
	h = fnv(h, m->proc, sizeof m->proc);
	h = fnv(h, &m->next_pid, sizeof m->next_pid);
	h = fnv(h, m->stat_faults, sizeof m->stat_faults);
	for (int i = 0; i < m->npagefiles; i++)
		h = fnv(h, m->pagefile[i].bitmap, (size_t)((m->pagefile[i].size + 63) / 64) * 8);
	h = fnv(h, &m->next_tid, sizeof m->next_tid);
	h = hash_slab(h, &m->vads);
	h = hash_slab(h, &m->heaps);
	h = hash_slab(h, &m->hblocks);
	/* RAM: the frames with data, by number (a frame whose chunk was grown
	 * but holds zeros hashes as one never written: physmem.c P1) */
	for (uint32_t i = 0; i < m->npages; i++)
		if (!physmem_is_zero(m, i)) {
			h = fnv(h, &i, sizeof i);
			h = fnv(h, physmem_bytes(m, i), MM_PAGE_SIZE);
		}
	h = fnv(h, &m->stat_tlb_hits, sizeof m->stat_tlb_hits);
	h = fnv(h, &m->stat_tlb_misses, sizeof m->stat_tlb_misses);
	h = fnv(h, &m->ticks, sizeof m->ticks);
	h = fnv(h, m->info, sizeof m->info);
	h = fnv(h, m->info_start, sizeof m->info_start);
	h = fnv(h, m->info_end, sizeof m->info_end);
	h = fnv(h, &m->info_seconds, sizeof m->info_seconds);
	h = fnv(h, &m->commit_system, sizeof m->commit_system);
	h = fnv(h, &m->commit_limit, sizeof m->commit_limit);
	const struct slab *slabs[] = {&m->wsles, &m->bigpool, &m->poolown};
	for (size_t k = 0; k < MM_ARRAY_LEN(slabs); k++) {
		h = fnv(h, &slabs[k]->used, sizeof slabs[k]->used);
		h = fnv(h, &slabs[k]->free_head, sizeof slabs[k]->free_head);
		for (uint32_t i = 1; i < slabs[k]->used; i++)
			h = fnv(h, slab_at(slabs[k], i), slabs[k]->size);
	}
	for (int t = 0; t < 2; t++) {
		const struct pool_region *r = &m->pool[t];
		h = fnv(h, r->used, (size_t)((r->pages + 63) / 64) * 8);
		h = fnv(h, r->small, (size_t)((r->pages + 63) / 64) * 8);
		h = fnv(h, &r->in_use, sizeof r->in_use);
		h = fnv(h, &r->hint, sizeof r->hint);
		for (int k = 0; k < r->room_levels; k++)
			h = fnv(h, r->room[k], (size_t)r->room_len[k] * sizeof *r->room[k]);
	}
	h = fnv(h, &m->bigpool_by_va, sizeof m->bigpool_by_va);
	for (int i = 0; i < m->npagefiles; i++) {
		const struct pagefile *pf = &m->pagefile[i];
		h = fnv(h, &pf->free, sizeof pf->free);
		h = fnv(h, &pf->hint, sizeof pf->hint);
		for (uint64_t k = 0; k < pf->size; k++)
			if (pf->content[k])
				h = fnv(h, slab_at(&m->physmem, pf->content[k]), MM_PAGE_SIZE);
	}
	for (int i = 0; i < MM_MAX_FILES; i++) {
		const struct sim_file *f = &m->file[i];
		h = fnv(h, f, offsetof(struct sim_file, content));
		h = fnv(h, &f->data_section, sizeof f->data_section);
		for (uint64_t k = 0; f->alive && k < f->pages; k++)
			if (f->content[k])
				h = fnv(h, slab_at(&m->physmem, f->content[k]), MM_PAGE_SIZE);
	}
	for (int i = 0; i < MM_MAX_SECTIONS; i++)
		h = fnv(h, &m->section[i], offsetof(struct section, page_prot));
	h = fnv(h, m->secobj, sizeof m->secobj);
	return h;
}
