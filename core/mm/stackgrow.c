/*
 * stackgrow.c — user stacks that grow through their guard page, as the
 * kernel's MiCheckForUserStackOverflow does it (stackgrow.h; docs/reference.md
 * R-GUARD-STACK, R-THREAD-STACK; S03 acceschk.c). The stack itself is made in user mode
 * (win32/stack.c, BaseCreateStack); growing it is the fault handler's.
 *
 * Growing (MiCheckForUserStackOverflow): the fault handler has already
 * removed the guard bit of the touched page F. If F lies in the thread's
 * stack [DeallocationStack, StackBase), the next guard region, G pages
 * below F (G = GUARD_PAGE_SIZE: 1 page on x86 and PAE, 2 on x64), is
 * committed as PAGE_READWRITE|PAGE_GUARD, StackLimit becomes F, and the
 * access is retried: no exception (STATUS_PAGE_FAULT_GUARD_PAGE). When that
 * region would reach the page just above DeallocationStack (NextPage - 1
 * page <= DeallocationStack) there is no room: the G pages above the
 * bottom page are committed as plain PAGE_READWRITE, StackLimit moves
 * there and STATUS_STACK_OVERFLOW is raised. The bottom page is never
 * committed, so a stack can use its reservation less one page; touching
 * that page is an access violation.
 *
 * The fault handler calls this with the faulting access unresolved, and
 * this commits the next guard region through the VirtualAlloc path
 * (vm_alloc): the one place where the fault path re-enters the allocation
 * path, as in Windows (mm/fault.c's essay).
 */
#include "stackgrow.h"

#include "base/consts.h"
#include "uva.h"
#include "vm.h"

unsigned stackgrow_ptr(const struct mm *m)
{
	return m->arch->id == MM_ARCH_X64 ? 8 : 4;
}

unsigned stackgrow_guard_pages(const struct mm *m)
{
	return m->arch->id == MM_ARCH_X64 ? 2 : 1;
}

static struct mm_thread *stack_of(struct proc *p, va_t va)
{
	for (int i = 0; i < MM_MAX_THREADS; i++) {
		struct mm_thread *t = &p->thread[i];
		if (t->tid && va >= t->deallocation_stack && va < t->stack_base)
			return t;
	}
	return NULL;
}

/* StackLimit moves; the TEB in memory follows (best effort: inside the
 * fault handler a failure to write the TEB cannot fail the access). */
static void set_limit(struct mm *m, struct mm_thread *t, uint64_t limit)
{
	struct mm_err ignored;
	MM_SET64(m, &t->stack_limit, limit);
	uva_write(m, t->teb + NT_TIB_STACK_LIMIT(stackgrow_ptr(m)), limit, (int)stackgrow_ptr(m), true, &ignored);
}

enum stackgrow_result stackgrow_guard_hit(struct mm *m, struct proc *p, va_t va)
{
	struct mm_thread *t = stack_of(p, va);
	if (!t)
		return STACKGROW_NOT_STACK;
	uint64_t g = (uint64_t)stackgrow_guard_pages(m) * MM_PAGE_SIZE, page = mm_page_base(va);
	uint64_t next = page - g, got;
	struct mm_err err;
	if (next <= t->deallocation_stack + MM_PAGE_SIZE) { /* NextPage - PAGE_SIZE <= DeallocationStack */
		uint64_t last = t->deallocation_stack + MM_PAGE_SIZE;
		if (vm_alloc(m, p, last, g, MEM_COMMIT, PAGE_READWRITE, &got, &err) == 0)
			set_limit(m, t, last);
		return STACKGROW_OVERFLOW;
	}
	set_limit(m, t, page);
	if (vm_alloc(m, p, next, g, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD, &got, &err) < 0)
		return STACKGROW_OVERFLOW; /* the next guard cannot be committed (commit limit) */
	return STACKGROW_GREW;
}

