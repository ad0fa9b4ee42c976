/*
 * heap_block.h — the heap's block records and the indexes over them
 * (heap_block.c): the address list and tree, the free lists by size with
 * their in-use bitmap, and the uncommitted ranges found through the
 * address tree. Internal to the heap manager: heap.c decides, these keep
 * the records and their indexes in step, each change through the journal.
 */
#ifndef MM_HEAP_BLOCK_H
#define MM_HEAP_BLOCK_H

#include "heap_mem.h"

/* Empty indexes for a new (or reused) heap record. */
void heap_block_init(struct mm *m, uint32_t hi);

/* A new block of heap hi inside segment seg, right after block `after` in
 * address order (0: first); free blocks join their free list. 0 with err
 * set when no record is left. */
uint32_t heap_block_new(struct mm *m, uint32_t hi, uint32_t after, uint64_t va, uint64_t size, bool busy,
			uint8_t seg, struct mm_err *err);
/* Takes block i out of every index and releases its record. */
void heap_block_delete(struct mm *m, uint32_t hi, uint32_t i);
/* Block i's new size and state, moving it between free lists as needed. */
void heap_block_set(struct mm *m, uint32_t hi, uint32_t i, uint64_t size, bool busy);

/* A busy block with its own VirtualAlloc region [va, va + size). */
uint32_t heap_block_big_new(struct mm *m, uint32_t hi, uint64_t va, uint64_t size, uint64_t request,
			    struct mm_err *err);
void heap_block_big_delete(struct mm *m, uint32_t hi, uint32_t i);

/* Releases every block record of heap hi (HeapDestroy, process exit). */
void heap_block_forget_all(struct mm *m, uint32_t hi);

/* The block starting at va, 0 none. */
uint32_t heap_block_find(const struct mm *m, const struct mm_heap *h, uint64_t va);
/* The big block starting at va (covering: holding va), 0 none. */
uint32_t heap_block_find_big(const struct mm *m, const struct mm_heap *h, uint64_t va, bool covering);
/* The last block starting below va, 0 none. */
uint32_t heap_block_before(const struct mm *m, const struct mm_heap *h, uint64_t va);

/* The free lists' choice: the smallest free block of at least size bytes,
 * the lowest address among equals; 0 none. */
uint32_t heap_block_best_fit(const struct mm *m, const struct mm_heap *h, uint64_t size);

/* Uncommitted bytes right after block i (up to the next block of its
 * segment or the segment's end); 0 for a big block. */
uint64_t heap_block_gap_after(const struct mm *m, uint32_t i);
/* The first block of segment s, by address, followed by at least need
 * uncommitted bytes; 0 none. */
uint32_t heap_block_gap(const struct mm *m, const struct mm_heap *h, unsigned s, uint64_t need);
/* Segment s's uncommitted bytes and ranges. */
void heap_block_gaps(const struct mm *m, const struct mm_heap *h, unsigned s, uint64_t *bytes, uint64_t *ranges);

/* H5-H6 of heap.c's essay. */
const char *heap_block_check(const struct mm *m, const struct mm_heap *h, uint64_t nblocks, char *buf, size_t n);

#endif
