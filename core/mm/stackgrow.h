/*
 * stackgrow.h — growing a user stack through its guard page (stackgrow.c).
 */
#ifndef MM_STACKGROW_H
#define MM_STACKGROW_H

#include "base/machine.h"

/* NT_TIB, the first member of every TEB: ExceptionList, StackBase,
 * StackLimit, pointer-sized each (winnt.h). The kernel writes StackLimit
 * when a stack grows; win32/aspace.c's TEB layout uses the same offsets. */
#define NT_TIB_STACK_BASE(ptr) (1u * (ptr))
#define NT_TIB_STACK_LIMIT(ptr) (2u * (ptr))

/* The user-mode pointer size of the machine: 4 (x86, PAE) or 8 (x64). */
unsigned stackgrow_ptr(const struct mm *m);

/* fault.c: a guard page at va of process p was touched and its guard bit
 * is already gone. */
enum stackgrow_result {
	STACKGROW_NOT_STACK,    /* not in a thread's stack: STATUS_GUARD_PAGE_VIOLATION */
	STACKGROW_GREW,         /* STATUS_PAGE_FAULT_GUARD_PAGE: the next guard is committed, retry */
	STACKGROW_OVERFLOW,     /* no room for another guard: STATUS_STACK_OVERFLOW */
};
enum stackgrow_result stackgrow_guard_hit(struct mm *m, struct proc *p, va_t va);

/* Pages committed as the guard region when a stack grows: GUARD_PAGE_SIZE,
 * 1 page on x86, 2 on x64 (docs/reference.md R-GUARD-STACK). */
unsigned stackgrow_guard_pages(const struct mm *m);

#endif
