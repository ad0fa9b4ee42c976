/*
 * process.c — processes (process.h): creating one with its top-level page
 * tables, switching CR3, and tearing the address space down at exit.
 *
 * A process's address space starts as its top-level table: one zeroed page
 * whose PFN becomes CR3 (docs/reference.md R-CR3), holding the recursive self-map
 * entry and a copy of the kernel's top-level entries, so that system space
 * looks the same from every process. PAE has a 4-entry PDPT above four page
 * directories; all five pages are made at creation, as Windows did.
 *
 * The System process (pid 4) is made at boot and owns the kernel's tables;
 * KUSER_SHARED_DATA lives in one of its pages, mapped at 0xFFFFF78000000000
 * (x64) / 0xFFDF0000 (x86), and read-only at 0x7FFE0000 in every process.
 *
 * Working sets here are the counts (size, peak, fault count); the working
 * set list with ages and trimming is wsmgr's.
 */
#include "process.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "commit.h"
#include "base/consts.h"
#include "pagetable.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "hw/tlb.h"
#include "vad.h"
#include "section.h"
#include "vm.h"
#include "deleteva.h"
#include "wsmgr.h"
#include "mmmsg.h"

uint64_t process_fixed_charge(const struct mm *m)
{
	static const uint64_t charge[] = {[MM_ARCH_X86] = 4, [MM_ARCH_PAE] = 7, [MM_ARCH_X64] = 6};
	return charge[m->arch->id];
}

/* Default working-set limits by system size (docs/reference.md R-WS-SIZES). */
#define SYSTEM_PROCESS_WS_MIN 50  /* MmSystemProcessWorkingSetMin */
#define SYSTEM_PROCESS_WS_MAX 450 /* MmSystemProcessWorkingSetMax */

static void ws_limits(const struct mm *m, uint64_t *min, uint64_t *max)
{
	uint64_t mb = m->cfg.ram >> 20;
	if (mb <= 19)
		*min = 20, *max = 45;
	else if (mb < 32)
		*min = 30, *max = 145;
	else
		*min = 50, *max = 345;
}

static void set_name(struct mm *m, struct proc *p, const char *name)
{
	char buf[sizeof p->name] = {0};
	snprintf(buf, sizeof buf, "%s", name);
	for (size_t i = 0; i < sizeof buf; i += 8) { /* journaled, so a reused slot steps back too */
		uint64_t w;
		memcpy(&w, buf + i, 8);
		MM_SET64(m, (uint64_t *)(void *)(p->name + i), w);
	}
}

static struct proc *free_slot(struct mm *m)
{
	for (int i = 0; i < MM_MAX_PROCS; i++)
		if (!m->proc[i].alive)
			return &m->proc[i];
	return NULL;
}

/* One page-table page for the top of an address space or a PAE directory:
 * mapped by the self-map entry at entry_va, which lives in frame parent. */
static uint32_t top_page(struct mm *m, struct proc *p, uint64_t entry_va, uint32_t parent, va_t table_va,
			 struct mm_err *err)
{
	uint32_t pfn = pfn_remove_zero_page(m);
	if (pfn == MM_PFN_NONE) {
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, MMM_PROC_NO_PD);
		return MM_PFN_NONE;
	}
	pfn_initialize(m, pfn, entry_va, parent == MM_PFN_NONE ? pfn : parent, p->pid, USE_PAGE_TABLE, 0, true);
	MM_SET64(m, &p->page_tables, p->page_tables + 1);
	wsmgr_add(m, p, table_va, pfn, WSLE_LOCKED | WSLE_TABLE); /* locked in the working set */
	return pfn;
}

static pte_t selfmap_entry(const struct mm *m, uint32_t pfn)
{
	pte_t v = pte_make_table(m->arch, pfn, false);
	return m->arch->nx ? v | PTE_NX : v;
}

/* x86 and x64: one top-level table with the self-map entry. */
static int make_top(struct mm *m, struct proc *p, struct mm_err *err)
{
	const struct arch *a = m->arch;
	uint64_t self_va = a->self_base[0] + (uint64_t)a->self_index * (uint64_t)a->pte_size;
	uint32_t top = top_page(m, p, self_va, MM_PFN_NONE, a->self_base[0], err);
	if (top == MM_PFN_NONE)
		return -1;
	MM_SET32(m, &p->cr3, top);
	pte_store(m, top, a->self_index, self_va, selfmap_entry(m, top));
	return 0;
}

/* PAE: the PDPT and four page directories; PD 3 maps the four directories
 * at 0xC0600000.. (entries 0-3), which is the self-map. */
static int make_top_pae(struct mm *m, struct proc *p, struct mm_err *err)
{
	uint32_t pdpt = pfn_remove_zero_page(m);
	if (pdpt == MM_PFN_NONE)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, MMM_PROC_NO_PDPT);
	pfn_initialize(m, pdpt, 0, MM_PFN_NONE, p->pid, USE_PAGE_TABLE, 0, true);
	MM_SET64(m, &p->page_tables, p->page_tables + 1); /* the PDPT is not in the working set */
	MM_SET32(m, &p->cr3, pdpt);
	uint32_t pd3 = top_page(m, p, 0xC0603000ull + 3 * 8, MM_PFN_NONE, 0xC0603000ull, err);
	if (pd3 == MM_PFN_NONE)
		return -1;
	MM_SET32(m, &p->pae_pd[3], pd3);
	for (int i = 0; i < 3; i++) {
		uint32_t pd = top_page(m, p, 0xC0603000ull + (uint64_t)i * 8, pd3, 0xC0600000ull + (uint64_t)i * 0x1000, err);
		if (pd == MM_PFN_NONE)
			return -1;
		MM_SET32(m, &p->pae_pd[i], pd);
	}
	for (int i = 0; i < 4; i++) {
		pte_store(m, pdpt, (uint32_t)i, mm_page_address(pdpt) + (uint64_t)i * 8,
			  pte_make_pdpte(p->pae_pd[i]));
		pte_store(m, pd3, (uint32_t)i, 0xC0603000ull + (uint64_t)i * 8, selfmap_entry(m, p->pae_pd[i]));
	}
	return 0;
}

/* Kernel space is shared: the new top level (x86/x64) or the two kernel
 * page directories (PAE) get the System process's kernel entries. */
static void copy_kernel_entries(struct mm *m, struct proc *p)
{
	const struct arch *a = m->arch;
	struct proc *sys = &m->proc[0];
	if (a->id == MM_ARCH_PAE) {
		for (int d = (int)(m->lay.system_range_start >> 30); d < 4; d++) /* 2, or 3 under /3GB */
			for (uint32_t i = d == 3 ? 4 : 0; i < 512; i++) {
				pte_t v = pte_load(m, sys->pae_pd[d], i);
				if (v)
					pte_store(m, p->pae_pd[d], i, 0xC0600000ull + ((uint64_t)d * 512 + i) * 8, v);
			}
		return;
	}
	uint32_t n = 1u << a->bits[0];
	for (uint32_t i = n / 2; i < n; i++) {
		if (i == a->self_index)
			continue;
		pte_t v = pte_load(m, sys->cr3, i);
		if (v)
			pte_store(m, p->cr3, i, a->self_base[0] + (uint64_t)i * (uint64_t)a->pte_size, v);
	}
}
/* The process's PEB and threads (EPROCESS.Peb, its ETHREADs): empty in a
 * fresh slot and after exit. */
static void reset_threads(struct mm *m, struct proc *p)
{
	MM_SET64(m, &p->peb, 0);
	MM_SET32(m, &p->nthreads, 0);
	for (int i = 0; i < MM_MAX_THREADS; i++) {
		struct mm_thread *t = &p->thread[i];
		MM_SET32(m, &t->tid, 0);
		MM_SET64(m, &t->teb, 0);
		MM_SET64(m, &t->stack_base, 0);
		MM_SET64(m, &t->stack_limit, 0);
		MM_SET64(m, &t->deallocation_stack, 0);
	}
}


static struct proc *new_proc(struct mm *m, const char *name, struct mm_err *err)
{
	struct proc *p = free_slot(m);
	if (!p) {
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, MMM_PROC_MAX, MM_MAX_PROCS);
		return NULL;
	}
	uint32_t pid = m->proc[0].alive ? m->next_pid : MM_PID_SYSTEM;
	if (m->proc[0].alive)
		MM_SET32(m, &m->next_pid, m->next_pid + 4);
	MM_SET32(m, &p->pid, pid);
	MM_SET32(m, &p->alive, 1);
	set_name(m, p, name);
	static const struct proc zero;
	/* every counter from zero, through the journal */
	MM_SET32(m, &p->vad_root, zero.vad_root);
	MM_SET32(m, &p->vad_count, 0);
	MM_SET64(m, &p->ws_size, 0);
	MM_SET64(m, &p->ws_peak, 0);
	MM_SET64(m, &p->commit_private, 0);
	MM_SET64(m, &p->commit_page_tables, 0);
	MM_SET64(m, &p->commit_fixed, 0);
	MM_SET64(m, &p->page_tables, 0);
	MM_SET64(m, &p->fault_count, 0);
	MM_SET64(m, &p->hard_fault_count, 0);
	MM_SET64(m, &p->large_pages, 0);
	MM_SET32(m, &p->privileges, 0);
	MM_SET64(m, &p->private_pages, 0);
	for (int i = 0; i < 4; i++)
		MM_SET32(m, &p->pae_pd[i], 0);
	for (int i = 0; i < MM_MAX_HANDLES; i++)
		MM_SET32(m, &p->handle[i], 0);
	reset_threads(m, p);
	MM_SET64(m, &p->process_heap, 0);
	MM_SET32(m, &p->heap_first, 0);
	MM_SET32(m, &p->heap_by_base, 0);
	MM_SET32(m, &p->nheaps, 0);
	uint64_t mn, mx;
	ws_limits(m, &mn, &mx);
	MM_SET64(m, &p->ws_min, mn);
	MM_SET64(m, &p->ws_max, mx);
	if ((m->arch->id == MM_ARCH_PAE ? make_top_pae(m, p, err) : make_top(m, p, err)) < 0)
		return NULL;
	return p;
}

/* KUSER_SHARED_DATA: a kernel page with a few fields a learner can find
 * (NtMajorVersion at 0x26C, NtMinorVersion at 0x270). */
static int map_shared_data(struct mm *m, struct proc *sys, struct mm_err *err)
{
	va_t va = m->lay.kernel_shared_data;
	if (pagetable_ensure(m, sys, va, err) < 0)
		return -1;
	uint32_t pfn = pfn_remove_zero_page(m);
	if (pfn == MM_PFN_NONE)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, MMM_PROC_NO_KUSER);
	struct pte_ref pte = paging_leaf_ref(m, sys, va);
	pfn_initialize(m, pfn, pte.entry_va, pte.table, 0, USE_SHARED_DATA, 0, true);
	pte_ref_store(m, &pte, pte_make_valid(m->arch, pfn, MM_READWRITE, false, true, true));
	physmem_write(m, pfn, 0x26C, m->cfg.os == MM_OS_WIN7 ? 6 : 10, 4);
	physmem_write(m, pfn, 0x270, m->cfg.os == MM_OS_WIN7 ? 1 : 0, 4);
	m->shared_data_pfn = pfn;
	return 0;
}

int process_boot_system(struct mm *m, struct mm_err *err)
{
	struct proc *sys = new_proc(m, "System", err);
	if (!sys)
		return -1;
	/* MiInitMachineDependent gives the initial process MmSystemProcessWorkingSetMin
	 * and Max (50 and 450 pages, WRK mm/miglobal.c), whatever the system's size
	 * (docs/reference.md R-WS-SIZES). */
	MM_SET64(m, &sys->ws_min, SYSTEM_PROCESS_WS_MIN);
	MM_SET64(m, &sys->ws_max, SYSTEM_PROCESS_WS_MAX);
	m->cur = 0;
	m->cr3_pa = mm_page_address(sys->cr3);
	return map_shared_data(m, sys, err);
}

struct proc *process_create(struct mm *m, const char *name, struct mm_err *err)
{
	struct proc *p = new_proc(m, name, err);
	if (!p)
		return NULL;
	copy_kernel_entries(m, p);
	if (commit_charge(m, p, process_fixed_charge(m), COMMIT_FIXED, err) < 0)
		return NULL;
	MM_EMIT(m, EV_PROCESS, p->pid, 1, p->cr3, 0);
	process_use(m, p);
	return p;
}

void process_use(struct mm *m, struct proc *p)
{
	uint32_t idx = (uint32_t)(p - m->proc);
	if (idx == m->cur)
		return;
	MM_SET32(m, &m->cur, idx);
	MM_SET64(m, &m->cr3_pa, mm_page_address(p->cr3));
	MM_EMIT(m, EV_CR3, p->pid, p->cr3, 0, 0);
	tlb_flush_nonglobal(m);
}

struct proc *process_by_pid(struct mm *m, uint32_t pid)
{
	for (int i = 0; i < MM_MAX_PROCS; i++)
		if (m->proc[i].alive && m->proc[i].pid == pid)
			return &m->proc[i];
	return NULL;
}

struct proc *process_find(struct mm *m, const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);
	if (*s && !*end)
		return process_by_pid(m, (uint32_t)v);
	struct proc *found = NULL;
	for (int i = 0; i < MM_MAX_PROCS; i++)
		if (m->proc[i].alive && !strcasecmp(m->proc[i].name, s) &&
		    (!found || m->proc[i].pid > found->pid))
			found = &m->proc[i];
	return found;
}

/* Frees a page-table page whose entries are all gone: its parent entry is
 * cleared and the frame returns to the free list. */
static void free_table(struct mm *m, struct proc *p, uint32_t parent, uint32_t idx, uint64_t entry_va,
		       uint32_t pfn, va_t table_va, bool charged)
{
	pte_store(m, parent, idx, entry_va, 0);
	wsmgr_remove(m, p, table_va, pfn);
	pfn_mark_deleted(m, pfn);
	pfn_decrement_share(m, pfn);
	MM_SET64(m, &p->page_tables, p->page_tables - 1);
	if (charged)
		commit_return(m, p, 1, COMMIT_PAGE_TABLE);
}

/* Frees the user half of the tree below table `t` at `level`. */
static void free_user_tables(struct mm *m, struct proc *p, uint32_t t, int level, va_t base)
{
	const struct arch *a = m->arch;
	uint32_t n = 1u << a->bits[level];
	for (uint32_t i = 0; i < n; i++) {
		va_t va = base + ((uint64_t)i << a->shift[level]);
		if (!paging_is_user(m, va))
			break;
		pte_t v = pte_load(m, t, i);
		if (!(v & PTE_VALID) || level == a->levels - 1)
			continue;
		uint32_t child = pte_pfn(a, v);
		free_user_tables(m, p, child, level + 1, va);
		free_table(m, p, t, i, paging_entry_va(m, p, level, va), child,
			   mm_page_base(paging_entry_va(m, p, level + 1, va)), true);
	}
}

int process_exit(struct mm *m, struct proc *p, struct mm_err *err)
{
	if (p->pid == MM_PID_SYSTEM)
		return mm_fail_tr(err, "ERROR_ACCESS_DENIED", 1, MMM_PROC_SYSTEM_EXIT);
	struct proc *cur = mm_cur(m);
	process_use(m, p); /* tear down from inside (KeAttachProcess) */
	while (p->vad_root) {
		const struct vad *v = vad_at(m, p->vad_root);
		if ((v->type == VAD_MAPPED || v->type == VAD_IMAGE) && v->object)
			section_release_view(m, p, p->vad_root); /* shared pages are unmapped, not freed */
		else
			deleteva_vad(m, p, p->vad_root);
	}
	section_close_all(m, p);
	reset_threads(m, p); /* the threads went with the memory; the heap records are user mode's (win32/aspace.c aspace_exit) */
	deleteva_range(m, p, m->lay.shared_user_data, m->lay.shared_user_data);
	int top = m->arch->id == MM_ARCH_PAE ? 1 : 0;
	if (top == 0) {
		free_user_tables(m, p, p->cr3, 0, 0);
	} else {
		for (int d = 0; d < 2; d++) /* user directories: 0-2 GB */
			free_user_tables(m, p, p->pae_pd[d], 1, (uint64_t)d << 30);
	}
	commit_return(m, p, p->commit_fixed, COMMIT_FIXED);
	/* The top: kernel entries are the System's, so they are only cleared. */
	uint32_t pages[6], np = 0;
	if (m->arch->id == MM_ARCH_PAE) {
		for (int d = 0; d < 4; d++)
			pages[np++] = p->pae_pd[d];
		pages[np++] = p->cr3;
	} else {
		pages[np++] = p->cr3;
	}
	for (uint32_t k = 0; k < np; k++) {
		for (uint32_t i = 0; i < MM_PAGE_SIZE / (uint32_t)m->arch->pte_size; i++)
			if (pte_load(m, pages[k], i))
				pte_store(m, pages[k], i, 0, 0);
	}
	MM_EMIT(m, EV_PROCESS, p->pid, 0, p->cr3, 0);
	if (cur != p)
		process_use(m, cur);
	else
		process_use(m, &m->proc[0]);
	for (uint32_t k = 0; k < np; k++) {
		pfn_delete_top_table(m, pages[k]);
	}
	MM_SET64(m, &p->page_tables, 0);
	wsmgr_forget(m, p); /* the locked entries of the top-level pages */
	MM_SET32(m, &p->alive, 0);
	return 0;
}

void process_grant(struct mm *m, struct proc *p, uint32_t privileges)
{
	MM_SET32(m, &p->privileges, p->privileges | privileges);
}
