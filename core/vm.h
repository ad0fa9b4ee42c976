/*
 * vm.h — private virtual memory: VirtualAlloc and VirtualFree with the
 * rules of NtAllocateVirtualMemory / NtFreeVirtualMemory (reference §6.3,
 * §6.4), and the page release every teardown path shares.
 *
 * Failures set err->code to the NTSTATUS name; the command layer reports
 * the Win32 error RtlNtStatusToDosError gives, with the status beside it.
 */
#ifndef MM_VM_H
#define MM_VM_H

#include "machine.h"

struct vad;

/* VirtualAlloc. type: MEM_* flags; page_prot: Win32 PAGE_*. *base: the
 * result. Argument indices for errors: 1 addr, 2 size, 3 type, 4 protect. */
int vm_alloc(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, uint32_t page_prot,
	     uint64_t *base, struct mm_err *err);
/* VirtualFree: MEM_DECOMMIT or MEM_RELEASE (size 0, address = base). */
int vm_free(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, struct mm_err *err);

/* Is the page committed? (VAD MemCommit and a zero PTE, or a non-zero PTE
 * that is not a decommitted one.) */
bool vm_page_committed(const struct mm *m, const struct proc *p, const struct vad *v, va_t va);

/* Releases whatever the PTEs of [start, end] hold (frames, page-file
 * slots) and zeroes them; page tables left empty are freed. */
void vm_release_range(struct mm *m, struct proc *p, va_t start, va_t end);
/* Releases a whole VAD: pages, commit charge, the node. */
void vm_release_vad(struct mm *m, struct proc *p, uint32_t vad);
/* One page: its PTE becomes `newpte` (0, or a decommitted PTE). */
void vm_release_page(struct mm *m, struct proc *p, va_t va, pte_t newpte);

#endif
