/*
 * stack.h — threads as the memory manager sees them: a user stack made as
 * kernel32's BaseCreateStack makes it, a TEB (MmCreateTeb), and stack
 * growth through the guard page (MiCheckForUserStackOverflow). See stack.c.
 */
#ifndef MM_STACK_H
#define MM_STACK_H

#include "machine.h"

/* CreateThread in process p (the current process). commit: dwStackSize
 * (0: the image's default, one page); reserve: a reservation size as with
 * STACK_SIZE_PARAM_IS_A_RESERVATION (0: the image's default, 1 MB). */
struct mm_thread *stack_create_thread(struct mm *m, struct proc *p, uint64_t commit, uint64_t reserve,
				      struct mm_err *err);

/* fault.c: a guard page at va of process p was touched and its guard bit
 * is already gone. */
enum stack_guard {
	STACK_NOT_STACK,    /* not in a thread's stack: STATUS_GUARD_PAGE_VIOLATION */
	STACK_GREW,         /* STATUS_PAGE_FAULT_GUARD_PAGE: the next guard is committed, retry */
	STACK_OVERFLOW,     /* no room for another guard: STATUS_STACK_OVERFLOW */
};
enum stack_guard stack_guard_hit(struct mm *m, struct proc *p, va_t va);

/* Pages committed as the guard region when a stack grows: GUARD_PAGE_SIZE,
 * 1 page on x86, 2 on x64 (reference §5.6). */
unsigned stack_guard_pages(const struct mm *m);

/* The thread whose stack reservation or TEB holds va, NULL when none. */
const struct mm_thread *stack_thread_at(const struct proc *p, va_t va);

/* Structural check for check.c (T1 in stack.c's essay). */
const char *stack_check(const struct mm *m, const struct proc *p, char *buf, size_t n);

#endif
