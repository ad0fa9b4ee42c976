/*
 * heapmem.h — kernel32's LocalAlloc, LocalFree, GlobalAlloc and GlobalFree
 * over the process heap, as Windows NT implements the 16-bit Windows
 * memory API (heapmem.c; docs/reference.md R-HEAPMEM).
 *
 * Every call acts on process p, which must be the current process (the
 * heap runs in user mode, heap.h).
 */
#ifndef MM_HEAPMEM_H
#define MM_HEAPMEM_H

#include "base/machine.h"

enum heapmem_api { HEAPMEM_LOCAL, HEAPMEM_GLOBAL };

/* LocalAlloc / GlobalAlloc(flags, size): fixed memory, a block of the
 * process heap; *ptr is its address. Moveable memory is refused
 * (STATUS_NOT_SUPPORTED: not simulated, docs/simplifications.md). */
int heapmem_alloc(struct mm *m, struct proc *p, enum heapmem_api api, uint32_t flags, uint64_t size, uint64_t *ptr,
		  struct mm_err *err);
/* LocalFree / GlobalFree(ptr): 0 is a successful no-op. */
int heapmem_free(struct mm *m, struct proc *p, enum heapmem_api api, uint64_t ptr, struct mm_err *err);

#endif
