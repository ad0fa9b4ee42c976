/*
 * heap_mem.h — what heap.c and heap_mem.c share: the NT heap's constants
 * and structure layouts, a few helpers, and the functions that write the
 * heap's structures into its memory. Internal to the heap manager.
 */
#ifndef MM_HEAP_MEM_H
#define MM_HEAP_MEM_H

#include "heap.h"

#define HEAP_SIGNATURE 0xEEFFEEFFu
#define HEAP_SEGMENT_SIGNATURE 0xFFEEFFEEu
#define HEAP_ENTRY_BUSY 0x01u
#define HEAP_ENTRY_EXTRA_PRESENT 0x02u
#define HEAP_ENTRY_VIRTUAL_ALLOC 0x08u
#define HEAP_ENTRY_LAST_ENTRY 0x10u
#define HEAP_MAXIMUM_BLOCK_SIZE 0xFE00u    /* granules; also VirtualMemoryThreshold */
#define SEG_BIG 0xffu

struct heap_abi {
	unsigned gran;
	uint64_t seg0_hdr, seg0_first, seg_first;  /* segment 0's HEAP_SEGMENT and first block; later segments' */
	uint64_t min_commit;                       /* MINIMUM_HEAP_COMMIT */
	uint64_t big_hdr;                          /* HEAP_VIRTUAL_ALLOC_ENTRY up to the user data */
	unsigned h_sig, h_flags, h_force, h_vmt, h_segres, h_segcom, h_dcblock, h_dctotal, h_free, h_segs;
	unsigned s_sig, s_flags, s_heap, s_base, s_pages, s_first, s_last, s_ucpages, s_ucranges;
	unsigned v_commit, v_reserve;
};

const struct heap_abi *heap_abi(const struct mm *m);

#define H(i) heap_at(m, (i))
#define B(i) heap_block_at(m, (i))

static inline uint64_t heap_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }
static inline uint64_t heap_max_block(const struct mm *m)
{
	return (uint64_t)HEAP_MAXIMUM_BLOCK_SIZE * heap_abi(m)->gran;
}
static inline bool heap_growable(const struct mm_heap *h) { return (h->flags & HEAP_GROWABLE) != 0; }
static inline uint64_t heap_seg_first(const struct mm *m, const struct mm_heap *h, unsigned s)
{
	return h->seg_base[s] + (s ? heap_abi(m)->seg_first : heap_abi(m)->seg0_first);
}
/* Does block b start where block a ends? */
static inline bool heap_adjacent(const struct mm *m, uint32_t a, uint32_t b)
{
	return a && b && B(a)->va + B(a)->size == B(b)->va;
}

/* heap_mem.c: user-mode writes of the heap's structures (uva.c). */
int heap_put(struct mm *m, uint64_t va, uint64_t v, int size, struct mm_err *err);
int heap_put_ptr(struct mm *m, uint64_t va, uint64_t v, struct mm_err *err);
uint64_t heap_entry_value(uint64_t size, uint64_t prev, unsigned flags, uint64_t unused, unsigned seg, unsigned gran);
/* The HEAP_ENTRY of each listed block (0 entries skipped, each once). */
int heap_write_headers(struct mm *m, const uint32_t *list, int n, struct mm_err *err);
int heap_write_total_free(struct mm *m, const struct mm_heap *h, struct mm_err *err);
/* Segment s's HEAP_SEGMENT, with the bytes and ranges not committed in it
 * (heap_block_gaps: heap.c hands them in). */
int heap_write_segment(struct mm *m, const struct mm_heap *h, unsigned s, uint64_t bytes, uint64_t ranges,
		       struct mm_err *err);
int heap_write_heap(struct mm *m, const struct mm_heap *h, struct mm_err *err);
/* PEB.ProcessHeaps and NumberOfHeaps from the process's list of heaps. */
int heap_write_peb_list(struct mm *m, struct proc *p, struct mm_err *err);

#endif
