/*
 * aspace.h — the user-mode layout of a full process (`process create`
 * without --bare): the shared-user-data VAD of 64-bit systems, the PEB,
 * the main thread (stack and TEB, stack.c) and the default process heap
 * (heap.c). And the places of the PEB and TEB fields that the memory
 * manager and ntdll write, per paging mode.
 */
#ifndef MM_ASPACE_H
#define MM_ASPACE_H

#include "base/machine.h"
#include "mm/vad.h"

/* Structure offsets of the 32-bit (x86, PAE) or 64-bit (x64) Windows user
 * structures (Windows 7 public symbols). */
struct aspace_abi {
	unsigned ptr;               /* pointer size: 4 or 8 */
	uint64_t peb_size, teb_size;/* bytes reserved for each (whole pages) */
	unsigned peb_image_base, peb_ldr, peb_process_heap, peb_nprocessors;
	unsigned peb_seg_reserve, peb_seg_commit, peb_decommit_total, peb_decommit_block;
	unsigned peb_nheaps, peb_max_heaps, peb_heaps, peb_os_major, peb_os_minor, peb_os_build;
	unsigned peb_struct;        /* sizeof(PEB): the ProcessHeaps array follows it in the PEB page */
	unsigned teb_stack_base, teb_stack_limit, teb_self, teb_pid, teb_tid, teb_peb, teb_dealloc;
};
const struct aspace_abi *aspace_abi(const struct mm *m);

/* The heap parameters the PEB carries (MmHeapSegmentReserve ...,
 * docs/reference.md R-HEAP), in bytes. */
#define ASPACE_HEAP_SEGMENT_RESERVE (1ull << 20)
#define ASPACE_HEAP_SEGMENT_COMMIT (2ull * MM_PAGE_SIZE)
#define ASPACE_HEAP_DECOMMIT_TOTAL (64ull << 10)
#define ASPACE_HEAP_DECOMMIT_BLOCK ((uint64_t)MM_PAGE_SIZE)
/* The image defaults of the linker (/STACK:1MB,4KB, /HEAP:1MB,4KB). */
#define ASPACE_IMAGE_STACK_RESERVE (1ull << 20)
#define ASPACE_IMAGE_STACK_COMMIT ((uint64_t)MM_PAGE_SIZE)
#define ASPACE_IMAGE_HEAP_RESERVE (1ull << 20)
#define ASPACE_IMAGE_HEAP_COMMIT ((uint64_t)MM_PAGE_SIZE)

/* MiCreatePebOrTeb: size bytes of committed read-write memory at page
 * granularity, as high as it fits below the highest VAD address. */
int aspace_peb_or_teb(struct mm *m, struct proc *p, uint64_t size, enum vad_usage u, uint32_t object,
		      uint64_t *base, struct mm_err *err);

/* Builds the layout in the new (current) process p. */
int aspace_populate(struct mm *m, struct proc *p, struct mm_err *err);
/* Ends process p (process_exit) and forgets its heaps' records, which
 * lived in the address space that exit tore down. */
int aspace_exit(struct mm *m, struct proc *p, struct mm_err *err);

/* Writes a pointer-sized or 32-bit field of the PEB (kernel mode). */
int aspace_peb_write(struct mm *m, struct proc *p, unsigned off, uint64_t value, int size, struct mm_err *err);

#endif
