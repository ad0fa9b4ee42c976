/*
 * aspace.h — the user-mode layout of a full process (`process create`
 * without --bare): the shared-user-data VAD of 64-bit systems, the PEB,
 * the main thread (stack and TEB, stack.c) and the default process heap
 * (heap.c). The PEB's and TEB's own layout is peb.h's.
 */
#ifndef MM_ASPACE_H
#define MM_ASPACE_H

#include "base/machine.h"

/* Builds the layout in the new (current) process p. */
int aspace_populate(struct mm *m, struct proc *p, struct mm_err *err);
/* Ends process p (process_exit) and forgets its heaps' records, which
 * lived in the address space that exit tore down. */
int aspace_exit(struct mm *m, struct proc *p, struct mm_err *err);

#endif
