/*
 * stack.h — threads as user mode makes them: a user stack made as
 * kernel32's BaseCreateStack makes it and a TEB (MmCreateTeb). Growth
 * through the guard page is the kernel's (mm/stackgrow.h). See stack.c.
 */
#ifndef MM_STACK_H
#define MM_STACK_H

#include "mm/stackgrow.h"

/* CreateThread in process p (the current process). commit: dwStackSize
 * (0: the image's default, one page); reserve: a reservation size as with
 * STACK_SIZE_PARAM_IS_A_RESERVATION (0: the image's default, 1 MB). */
struct mm_thread *stack_create_thread(struct mm *m, struct proc *p, uint64_t commit, uint64_t reserve,
				      struct mm_err *err);

/* The thread whose stack reservation or TEB holds va, NULL when none. */
const struct mm_thread *stack_thread_at(const struct proc *p, va_t va);

/* Structural check for check.c (T1 in stack.c's essay). */
const char *stack_check(const struct mm *m, const struct proc *p, char *buf, size_t n);

#endif
