/*
 * query.c — the read-only views the TUI draws from (mm.h). Everything here
 * reads; nothing writes simulated state, so queries are safe at any point
 * of the history.
 */
#include "mm.h"

#include <stdio.h>
#include <string.h>

#include "base/consts.h"
#include "base/machine.h"
#include "hw/paging.h"
#include "hw/physmem.h"
#include "pfn.h"
#include "process.h"
#include "hw/tlb.h"
#include "vad.h"
#include "vm.h"

void mm_info(const struct mm *m, struct mm_info *o)
{
	const struct arch *a = m->arch;
	memset(o, 0, sizeof *o);
	o->arch = a->name;
	o->levels = a->levels;
	for (int i = 0; i < a->levels; i++) {
		o->level_name[i] = a->level_name[i];
		o->shift[i] = a->shift[i];
		o->bits[i] = a->bits[i];
	}
	o->pte_size = a->pte_size;
	o->va_bits = a->va_bits;
	o->nx = a->nx;
	o->physical_pages = m->npages;
	o->lowest_user = m->lay.lowest_user;
	o->highest_user = m->lay.highest_user;
	o->system_range_start = m->lay.system_range_start;
	o->current_pid = m->proc[m->cur].pid;
	o->commit_total = m->commit_total;
	o->commit_limit = m->commit_limit;
	o->available_pages = pfn_available(m);
	o->tlb_entries = (uint64_t)m->tlb_sets * TLB_WAYS;
}

const char *mm_state_name(int s) { return pfn_loc_name((enum pfn_loc)s); }

void mm_phys(const struct mm *m, struct mm_phys *o)
{
	o->pages = m->npages;
	for (int i = 0; i < MM_NSTATES; i++)
		o->list[i] = m->list[i].total;
	for (int p = 0; p < MM_NPRIOS && p < MM_STANDBY_PRIOS; p++)
		o->standby_prio[p] = m->standby[p].total;
	o->frames_per_group = 1u << m->group_shift;
	o->groups = m->ngroups;
}

void mm_group(const struct mm *m, uint32_t g, uint32_t counts[MM_NSTATES])
{
	if (g >= m->ngroups) {
		memset(counts, 0, MM_NSTATES * sizeof *counts);
		return;
	}
	memcpy(counts, m->groups[g], MM_NSTATES * sizeof *counts);
}

int mm_frame_state(const struct mm *m, uint32_t pfn)
{
	return pfn < m->npages ? (int)pfn_loc(&m->pfn[pfn]) : -1;
}

int mm_frame(const struct mm *m, uint32_t pfn, struct mm_frame *o)
{
	if (pfn >= m->npages)
		return -1;
	const struct pfn *p = &m->pfn[pfn];
	enum pfn_loc l = pfn_loc(p);
	o->pfn = pfn;
	o->state = (int)l;
	o->use = pfn_use_name(pfn_use(p));
	o->share_count = pfn_on_list(l) ? 0 : pfn_share_count(p);
	o->reference_count = p->reference_count;
	o->pte_address = p->pte_address;
	o->original_pte = p->original_pte;
	o->pte_frame = pfn_pte_frame(p) == MM_PFN_NONE ? -1 : (int64_t)pfn_pte_frame(p);
	o->modified = p->flags & PFNF_MODIFIED;
	o->priority = pfn_priority(p);
	o->owner = pfn_owner(p) == PFN_OWNER_NONE ? -1 : (int64_t)pfn_owner(p);
	o->has_contents = !physmem_is_zero(m, pfn);
	return 0;
}

int mm_procs(const struct mm *m, struct mm_proc *out, int max)
{
	int n = 0;
	for (int i = 0; i < MM_MAX_PROCS && n < max; i++) {
		const struct proc *p = &m->proc[i];
		if (!p->alive)
			continue;
		struct mm_proc *o = &out[n++];
		o->pid = p->pid;
		snprintf(o->name, sizeof o->name, "%s", p->name);
		o->dirbase = mm_page_address(p->cr3);
		o->ws_size = p->ws_size;
		o->ws_min = p->ws_min;
		o->ws_max = p->ws_max;
		o->ws_peak = p->ws_peak;
		o->commit = p->commit_private + p->commit_page_tables + p->commit_fixed;
		o->private_commit = p->commit_private;
		o->page_tables = p->page_tables;
		o->faults = p->fault_count;
		o->vads = p->vad_count;
		o->current = (uint32_t)i == m->cur;
	}
	return n;
}

static const struct proc *by_pid(const struct mm *m, uint32_t pid)
{
	for (int i = 0; i < MM_MAX_PROCS; i++)
		if (m->proc[i].alive && m->proc[i].pid == pid)
			return &m->proc[i];
	return NULL;
}

void mm_pte_decode(const struct mm *m, uint64_t value, struct mm_pte_view *o)
{
	struct pte_info pi;
	pte_decode(m->arch, value, &pi);
	memset(o, 0, sizeof *o);
	o->format = pte_format_name(pi.format);
	o->valid = pi.valid;
	o->pfn = pi.pfn;
	o->write = pi.hw_write;
	o->owner_user = pi.owner;
	o->write_through = pi.write_through;
	o->cache_disable = pi.cache_disable;
	o->accessed = pi.accessed;
	o->dirty = pi.dirty;
	o->large_page = pi.large_page;
	o->global = pi.global;
	o->copy_on_write = pi.copy_on_write;
	o->prototype_bit = (value & PTE_PROTOTYPE) != 0;
	o->sw_write = pi.sw_write;
	o->nx = pi.nx;
	o->protect = pi.valid ? 0 : mm_prot_to_win32(pi.protection);
	o->pagefile = pi.pagefile;
	o->offset = pi.offset;
	o->proto_address = pi.proto_address;
}

int mm_translate(const struct mm *m, uint32_t pid, uint64_t va, struct mm_xlate *o)
{
	const struct proc *p = by_pid(m, pid);
	memset(o, 0, sizeof *o);
	o->va = va;
	if (!p || !paging_canonical(m, va))
		return -1;
	struct walk w;
	paging_walk(m, p, va, &w);
	o->n = w.n;
	for (int i = 0; i < w.n; i++) {
		o->lv[i].name = m->arch->level_name[w.lv[i].level];
		o->lv[i].index = w.lv[i].index;
		o->lv[i].entry_address = w.lv[i].entry_va;
		o->lv[i].table_pfn = w.lv[i].table;
		o->lv[i].value = w.lv[i].value;
		o->lv[i].valid = (w.lv[i].value & PTE_VALID) != 0;
	}
	o->valid = w.valid;
	o->large = w.large;
	o->pa = w.pa;
	if ((uint32_t)(p - m->proc) == m->cur) {
		const struct tlb_entry *e = tlb_lookup(m, va);
		if (e) {
			o->tlb_present = true;
			o->tlb_pfn = tlb_entry_pfn(e, va);
		}
	}
	return 0;
}

void mm_hist(const struct mm *m, struct mm_hist *o)
{
	const struct hist *h = &m->hist;
	o->events = hist_event_count(h);
	o->commands = hist_cmd_count(h);
	o->cursor = hist_cursor(h);
	o->cursor_cmd = o->cursor ? (int64_t)hist_cmd_of(h, o->cursor - 1) : -1;
}

int mm_cmd_events(const struct mm *m, uint64_t c, uint64_t *first, uint64_t *end)
{
	if (c >= hist_cmd_count(&m->hist))
		return -1;
	hist_cmd_range(&m->hist, c, first, end);
	return 0;
}

int mm_cmd_held(const struct mm *m, uint64_t c, uint64_t *held_end, uint64_t *tail_begin)
{
	if (c >= hist_cmd_count(&m->hist))
		return -1;
	hist_cmd_held(&m->hist, c, held_end, tail_begin);
	return 0;
}

int mm_cmd_kinds(const struct mm *m, uint64_t c, uint64_t counts[MM_EV_KIND_COUNT])
{
	if (c >= hist_cmd_count(&m->hist))
		return -1;
	/* counting may replay (a small command's counts are not kept); the
	 * visible state stays as it was (hist_cmd_kinds) */
	hist_cmd_kinds((struct hist *)&m->hist, c, counts);
	return 0;
}

void mm_set_progress(struct mm *m, void (*fn)(void *arg, uint64_t events), void *arg)
{
	m->hist.progress.fn = fn;
	m->hist.progress.arg = arg;
}

void mm_interrupt(struct mm *m)
{
	hist_interrupt(&m->hist);
}

void mm_seek(struct mm *m, uint64_t k)
{
	hist_seek_event(&m->hist, (int64_t)k - 1);
}

void mm_seek_end(struct mm *m)
{
	hist_seek_end(&m->hist);
}
