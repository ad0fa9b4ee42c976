/*
 * stack.c — thread stacks and TEBs (stack.h), after kernel32's
 * BaseCreateStack and MmCreateTeb (docs/reference.md R-GUARD-STACK, R-THREAD-STACK).
 *
 * Making a stack (BaseCreateStack):
 *   - the reservation is the image's (1 MB) unless given, rounded to
 *     64 KB; a commit size at or above it makes the reservation the
 *     commit rounded up to 1 MB;
 *   - the commit (one page by default) is committed at the top, plus one
 *     page below it when the reservation has room, and that lowest page
 *     becomes PAGE_READWRITE|PAGE_GUARD;
 *   - TEB: StackBase = the top, StackLimit = just above the guard page,
 *     DeallocationStack = the reservation's base.
 *
 *        DeallocationStack                StackLimit           StackBase
 *        |<- never committed ->|  ...  |guard|  committed RW  |
 *        +---------------------+-------+-----+----------------+
 *
 * Growing through the guard page is kernel work (mm/stackgrow.c).
 *
 * Choices (docs/reference.md R-OPEN leaves the x64 guard size open): the first guard
 * is one page in every mode (BaseCreateStack as ReactOS has it); growth
 * commits GUARD_PAGE_SIZE pages, 2 on x64 as the WRK's amd64.h defines it.
 * The simulated CPU runs no particular thread: a fault in a thread's stack
 * counts as that thread's own (threads touch their own stacks), so every
 * thread's stack grows. `CreateThread stack=SIZE` is CreateThread's
 * dwStackSize, a commit size; `reserve=SIZE` is the reservation.
 *
 * Invariant (check.c): T1. Each live thread has a TEB, and
 * DeallocationStack <= StackLimit <= StackBase (equal at the bottom when
 * the whole reservation is committed: no room for a guard page).
 */
#include "stack.h"

#include <stdio.h>

#include "mm/image.h"
#include "peb.h"
#include "base/consts.h"
#include "mm/uva.h"
#include "mm/vad.h"
#include "mm/vm.h"
#include "w32msg.h"

/* Thread ids are multiples of 4 like pids. Windows draws both from one
 * client-id table; here threads count on their own from 0x1000, so that
 * the pids a session prints do not depend on how many threads it made. */
#define STACK_FIRST_TID 0x1000u

static uint64_t up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

static int write_teb(struct mm *m, struct proc *p, const struct mm_thread *t, struct mm_err *err)
{
	const struct peb_abi *a = peb_abi(m);
	int w = (int)a->ptr;
	struct uva_field f[] = {
		{0, w, a->ptr == 4 ? 0xFFFFFFFFull : 0}, /* ExceptionList: x86's SEH chain ends with -1 */
		{a->teb_stack_base, w, t->stack_base},
		{a->teb_stack_limit, w, t->stack_limit},
		{a->teb_self, w, t->teb},
		{a->teb_pid, w, p->pid},
		{a->teb_tid, w, t->tid},
		{a->teb_peb, w, p->peb},
		{a->teb_dealloc, w, t->deallocation_stack},
	};
	return uva_write_fields(m, t->teb, f, MM_ARRAY_LEN(f), true, err);
}

/* BaseCreateStack: reserve, commit the top, set the guard page. */
static int make_stack(struct mm *m, struct proc *p, uint64_t commit, uint64_t reserve, struct mm_thread *t,
		      struct mm_err *err)
{
	uint64_t base, stack;
	bool given = commit != 0;
	if (mm_round_wraps(commit, 1ull << 20)) /* rounded up below: to a page, or to 1 MB for the reserve */
		return mm_fail_wrap(err, "STATUS_INVALID_PARAMETER", -1, 0, commit, 1ull << 20);
	if (mm_round_wraps(reserve, MM_ALLOC_GRANULARITY))
		return mm_fail_wrap(err, "STATUS_INVALID_PARAMETER", -1, 0, reserve, MM_ALLOC_GRANULARITY);
	reserve = reserve ? reserve : IMAGE_DEFAULT_STACK_RESERVE;
	commit = given ? commit : IMAGE_DEFAULT_STACK_COMMIT;
	if (given && commit >= reserve)
		reserve = up(commit, 1ull << 20);
	commit = up(commit, MM_PAGE_SIZE);
	reserve = up(reserve, MM_ALLOC_GRANULARITY);
	if (vm_alloc(m, p, 0, reserve, MEM_RESERVE, PAGE_READWRITE, &base, err) < 0)
		return -1;
	stack = base + reserve - commit;
	bool guard = reserve >= commit + MM_PAGE_SIZE;
	if (guard)
		stack -= MM_PAGE_SIZE, commit += MM_PAGE_SIZE;
	uint64_t limit = stack, got;
	uint32_t old;
	bool unlocked;
	if (vm_alloc(m, p, stack, commit, MEM_COMMIT, PAGE_READWRITE, &got, err) < 0 ||
	    (guard && vm_protect(m, p, stack, MM_PAGE_SIZE, PAGE_READWRITE | PAGE_GUARD, &old, &unlocked, err) < 0))
		return -1;
	MM_SET64(m, &t->stack_base, base + reserve);
	MM_SET64(m, &t->stack_limit, guard ? limit + MM_PAGE_SIZE : limit);
	MM_SET64(m, &t->deallocation_stack, base);
	vad_set_usage(m, vad_find(m, p, mm_page_number(base)), VUSE_STACK, t->tid);
	return 0;
}

static struct mm_thread *free_thread(struct proc *p)
{
	for (int i = 0; i < MM_MAX_THREADS; i++)
		if (!p->thread[i].tid)
			return &p->thread[i];
	return NULL;
}

struct mm_thread *stack_create_thread(struct mm *m, struct proc *p, uint64_t commit, uint64_t reserve,
				      struct mm_err *err)
{
	struct mm_thread *t = free_thread(p);
	if (!t)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", -1, WM_THREADS, MM_MAX_THREADS), NULL;
	uint32_t tid = m->next_tid ? m->next_tid : STACK_FIRST_TID;
	MM_SET32(m, &t->tid, tid);
	MM_SET32(m, &m->next_tid, tid + 4);
	uint64_t teb;
	if (make_stack(m, p, commit, reserve, t, err) < 0 ||
	    peb_or_teb(m, p, peb_abi(m)->teb_size, VUSE_TEB, t->tid, &teb, err) < 0)
		return NULL;
	MM_SET64(m, &t->teb, teb);
	MM_SET32(m, &p->nthreads, p->nthreads + 1);
	return write_teb(m, p, t, err) < 0 ? NULL : t;
}

const struct mm_thread *stack_thread_at(const struct proc *p, va_t va)
{
	for (int i = 0; i < MM_MAX_THREADS; i++) {
		const struct mm_thread *t = &p->thread[i];
		if (t->tid && ((va >= t->deallocation_stack && va < t->stack_base) ||
			       (va >= t->teb && va < t->teb + 2 * MM_PAGE_SIZE)))
			return t;
	}
	return NULL;
}

const char *stack_check(const struct mm *m, const struct proc *p, char *buf, size_t n)
{
	uint32_t live = 0;
	for (int i = 0; i < MM_MAX_THREADS; i++) {
		const struct mm_thread *t = &p->thread[i];
		if (!t->tid)
			continue;
		live++;
		if (!t->teb || !(t->deallocation_stack <= t->stack_limit && t->stack_limit <= t->stack_base))
			return snprintf(buf, n, "T1: thread %u of process %u: TEB %#llx, stack %#llx <= %#llx <= %#llx broken",
					t->tid, p->pid, (unsigned long long)t->teb,
					(unsigned long long)t->deallocation_stack, (unsigned long long)t->stack_limit,
					(unsigned long long)t->stack_base), buf;
	}
	if (live != p->nthreads)
		return snprintf(buf, n, "T1: process %u has %u threads, nthreads says %u", p->pid, live, p->nthreads), buf;
	return NULL;
}
