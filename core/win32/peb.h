/*
 * peb.h — the PEB and TEB: their layouts per paging mode, the page each
 * takes, and the PEB's fields (peb.c).
 */
#ifndef MM_PEB_H
#define MM_PEB_H

#include "base/machine.h"
#include "mm/vad.h"

/* Structure offsets of the 32-bit (x86, PAE) or 64-bit (x64) Windows user
 * structures (Windows 7 public symbols). */
struct peb_abi {
	unsigned ptr;               /* pointer size: 4 or 8 */
	uint64_t peb_size, teb_size;/* bytes reserved for each (whole pages) */
	unsigned peb_image_base, peb_ldr, peb_process_heap, peb_nprocessors;
	unsigned peb_seg_reserve, peb_seg_commit, peb_decommit_total, peb_decommit_block;
	unsigned peb_nheaps, peb_max_heaps, peb_heaps, peb_os_major, peb_os_minor, peb_os_build;
	unsigned peb_struct;        /* sizeof(PEB): the ProcessHeaps array follows it in the PEB page */
	unsigned teb_stack_base, teb_stack_limit, teb_self, teb_pid, teb_tid, teb_peb, teb_dealloc;
};
const struct peb_abi *peb_abi(const struct mm *m);

/* The heap parameters the PEB carries (MmHeapSegmentReserve ...,
 * docs/reference.md R-HEAP), in bytes. */
#define PEB_HEAP_SEGMENT_RESERVE (1ull << 20)
#define PEB_HEAP_SEGMENT_COMMIT (2ull * MM_PAGE_SIZE)
#define PEB_HEAP_DECOMMIT_TOTAL (64ull << 10)
#define PEB_HEAP_DECOMMIT_BLOCK ((uint64_t)MM_PAGE_SIZE)
/* MiCreatePebOrTeb: size bytes of committed read-write memory at page
 * granularity, as high as it fits below the highest VAD address. */
int peb_or_teb(struct mm *m, struct proc *p, uint64_t size, enum vad_usage u, uint32_t object,
	       uint64_t *base, struct mm_err *err);

/* Writes a pointer-sized or 32-bit field of the PEB (kernel mode). */
int peb_write(struct mm *m, struct proc *p, unsigned off, uint64_t value, int size, struct mm_err *err);

/* MmCreatePeb: fills the new PEB of p (p->peb set) with the OS version,
 * the processor count, the heap parameters and the ProcessHeaps array. */
int peb_fill(struct mm *m, struct proc *p, struct mm_err *err);

#endif
