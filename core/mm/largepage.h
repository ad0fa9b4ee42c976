/*
 * largepage.h — user large pages: VirtualAlloc with MEM_LARGE_PAGES
 * (largepage.c; docs/reference.md R-LARGE-PAGES), after the WRK's
 * MiAllocateLargePages / MiFreeLargePages.
 */
#ifndef MM_LARGEPAGE_H
#define MM_LARGEPAGE_H

#include "base/machine.h"

/* GetLargePageMinimum: the size one PDE maps (4 MB on x86, 2 MB on PAE and
 * x64). */
uint64_t largepage_minimum(const struct mm *m);

/* VirtualAlloc(addr, size, MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES, prot)
 * for process p, after vm_alloc's common argument checks. The caller (the
 * current process) must hold SeLockMemoryPrivilege. prot is the MM code.
 * Fails with the WRK's statuses; may leave partial changes (the session
 * rolls the command back). */
int largepage_alloc(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, int prot,
		    uint64_t *base, struct mm_err *err);

/* MiFreeLargePages: the large PDEs of [start, end] become zero and their
 * frames go to the free list. The VAD and the tables are the caller's. */
void largepage_free(struct mm *m, struct proc *p, va_t start, va_t end);

/* NtProtectVirtualMemory on a large-page region (VAD v, MM code prot):
 * its protection cannot change; asking for the one it has succeeds and
 * changes nothing (*old gets it, Win32), anything else fails with
 * STATUS_CONFLICTING_ADDRESSES (WRK protect.c). */
struct vad;
int largepage_protect(const struct vad *v, int prot, uint32_t *old, struct mm_err *err);

#endif
