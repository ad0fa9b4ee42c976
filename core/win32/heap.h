/*
 * heap.h — ntdll's heap manager (RtlCreateHeap, RtlAllocateHeap,
 * RtlFreeHeap, RtlDestroyHeap) on top of VirtualAlloc, as kernel32's
 * HeapCreate, HeapAlloc, HeapFree, HeapDestroy and GetProcessHeap call it.
 * See heap.c for the design.
 *
 * Every call acts on process p, which must be the current process: the
 * heap runs in user mode and writes its block headers into the process's
 * memory through the simulated CPU. A heap handle is the heap's base
 * address, as on Windows.
 */
#ifndef MM_HEAP_H
#define MM_HEAP_H

#include "base/machine.h"

#define HEAP_GROWABLE 0x00000002u   /* winnt.h; also mm_heap.flags */

/* HeapCreate(options, initial, maximum): maximum 0 = growable. */
int heap_create(struct mm *m, struct proc *p, uint32_t options, uint64_t initial, uint64_t maximum,
		uint64_t *handle, struct mm_err *err);
/* The default process heap (LdrpInitializeProcess): growable, with the
 * image's SizeOfHeapReserve / SizeOfHeapCommit. Sets p->process_heap. */
int heap_create_process_heap(struct mm *m, struct proc *p, uint64_t reserve, uint64_t commit, struct mm_err *err);
/* HeapAlloc; flags: HEAP_ZERO_MEMORY, HEAP_NO_SERIALIZE, HEAP_GENERATE_EXCEPTIONS. */
int heap_alloc(struct mm *m, struct proc *p, uint64_t handle, uint32_t flags, uint64_t size, uint64_t *ptr,
	       struct mm_err *err);
int heap_free(struct mm *m, struct proc *p, uint64_t handle, uint64_t ptr, struct mm_err *err);
int heap_destroy(struct mm *m, struct proc *p, uint64_t handle, struct mm_err *err);

/* The process is gone: its heap records go too (its memory went with the
 * address space). */
void heap_forget_process(struct mm *m, struct proc *p);

/* Slab index of the heap with this handle in p, 0 when none. */
uint32_t heap_find(const struct mm *m, const struct proc *p, uint64_t handle);
static inline struct mm_heap *heap_at(const struct mm *m, uint32_t i) { return slab_at(&m->heaps, i); }
static inline struct mm_hblock *heap_block_at(const struct mm *m, uint32_t i) { return slab_at(&m->hblocks, i); }
/* The heap (slab index) whose segment or large block holds va, 0 none. */
uint32_t heap_owning(const struct mm *m, const struct proc *p, uint64_t va);

/* Sizes of this machine's heap structures (8-byte granules on 32-bit
 * Windows, 16-byte on 64-bit). */
unsigned heap_granularity(const struct mm *m);

/* Structural check for check.c (H1-H4 in heap.c's essay). */
const char *heap_check(const struct mm *m, const struct proc *p, char *buf, size_t n);

#endif
