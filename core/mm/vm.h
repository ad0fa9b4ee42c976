/*
 * vm.h — private virtual memory: the VirtualAlloc family with the rules of
 * NtAllocateVirtualMemory, NtFreeVirtualMemory, NtProtectVirtualMemory,
 * NtQueryVirtualMemory, NtLockVirtualMemory and NtUnlockVirtualMemory
 * (docs/reference.md R-VM). vm.c holds allocation and freeing (the release
 * itself is deleteva.h's); vm_protect.c protection, queries and locking.
 *
 * Every call acts on process p, which must be the current process (the
 * ones that touch memory do so through the simulated CPU). Failures set
 * err->code to the NTSTATUS name; the command layer reports the Win32
 * error RtlNtStatusToDosError gives, with the status beside it. A failure
 * may leave partial changes: the session rolls the command back.
 */
#ifndef MM_VM_H
#define MM_VM_H

#include "base/machine.h"

struct vad;

/* VirtualAlloc. type: MEM_* flags; page_prot: Win32 PAGE_*. *base: the
 * result. Argument indices for errors: 1 addr, 2 size, 3 type, 4 protect. */
int vm_alloc(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, uint32_t page_prot,
	     uint64_t *base, struct mm_err *err);
/* VirtualFree: MEM_DECOMMIT or MEM_RELEASE (size 0, address = base). */
int vm_free(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t type, struct mm_err *err);

/* VirtualProtect: *old gets the Win32 protection of the first page;
 * *was_unlocked is set when a locked page had to leave the working set
 * (STATUS_WAS_UNLOCKED, a success). */
int vm_protect(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint32_t page_prot, uint32_t *old,
	       bool *was_unlocked, struct mm_err *err);

/* MEMORY_BASIC_INFORMATION (docs/reference.md R-VQUERY). type 0 when free. */
struct vm_mbi {
	uint64_t base, alloc_base, region_size;
	uint32_t alloc_protect, state, protect, type;   /* Win32 values: PAGE_*, MEM_* */
};
int vm_query(const struct mm *m, const struct proc *p, uint64_t addr, struct vm_mbi *out, struct mm_err *err);

/* VirtualLock / VirtualUnlock. *was_locked: some page was locked already
 * (STATUS_WAS_LOCKED, a success). */
int vm_lock(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, bool *was_locked, struct mm_err *err);
int vm_unlock(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, struct mm_err *err);

/* VirtualProtect on committed pages [start, end] of view VAD idx
 * (MiSetProtectionOnSection): images and copy-on-write views take write
 * as write-copy, private copies keep theirs without write-copy, shared
 * pages keep the protection in their working-set entry or PTE; commit
 * follows copy-on-write. *old: the first page's old Win32 protection.
 * Returns 1 when a locked page left the working set, 0, or -1. */
int vm_protect_view(struct mm *m, struct proc *p, uint32_t idx, va_t start, va_t end, int prot, uint32_t *old,
		    struct mm_err *err);
/* Is the page committed? (VAD MemCommit and a zero PTE, or a non-zero PTE
 * that is not a decommitted one.) */
bool vm_page_committed(const struct mm *m, const struct proc *p, const struct vad *v, va_t va);
/* The MM protection code of a committed page (MiGetPageProtection): from
 * the PTE, the PFN's OriginalPte for a valid page, or the VAD. */
int vm_page_protection(const struct mm *m, const struct proc *p, const struct vad *v, va_t va);
/* Sets the protection of committed pages [start, end] of VAD v
 * (MiProtectVirtualMemory's loop). Returns 1 when a locked page left the
 * working set, 0, or -1 when a page table could not be made. */
int vm_protect_range(struct mm *m, struct proc *p, const struct vad *v, va_t start, va_t end, int prot,
		     struct mm_err *err);

#endif
