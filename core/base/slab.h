/*
 * slab.h — fixed-size objects in chunks that never move, with a journaled
 * free list, so that allocation and release step backwards like every other
 * state change (event.h, J1).
 *
 * Index 0 is never handed out: it means "none". The free-list links live in
 * a separate array, not inside the objects, so an object on the free list
 * keeps the bytes it was released with (physmem relies on this: a content
 * buffer is released only when all zero, and is reused without clearing).
 *
 * Chunks are carved from extents that double in size (1, 2, 4 ... chunks,
 * up to SLAB_EXTENT_MAX bytes), so that a slab grown big holds its objects
 * in few large blocks, which the default allocator backs with huge pages:
 * a host page fault per 2 MiB of objects, not per 4 KB (docs/quality.md
 * Q-PERF). An extent too big for malloc (ALLOC_BIG) is whole huge pages,
 * carved into as many chunks as fit: the doubling jumps from under 64 KB
 * to 2 MiB, so only the first few chunks are ever in 4 KB pages. Each chunk's free-list links sit in its extent after its objects.
 *
 * Ownership: the slab owns its extents; slab_fini frees them all.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include "alloc.h"
#include "event.h"
#include "types.h"

#define SLAB_CHUNK_SHIFT 8          /* 256 objects per chunk */
#define SLAB_CHUNK (1u << SLAB_CHUNK_SHIFT)
#define SLAB_EXTENT_MAX ((size_t)8 << 20)

struct slab_extent {
	uint8_t *p;
	size_t size;
};

struct slab {
	uint32_t size;              /* object size in bytes */
	uint32_t limit;             /* at most this many objects (bounded host memory) */
	uint32_t used;              /* journaled: objects handed out by the bump pointer */
	uint32_t free_head;         /* journaled: first free index, 0 = none */
	uint32_t nchunks, capchunks;
	uint8_t **chunk;
	uint32_t **next;            /* per chunk: free-list links */
	struct slab_extent *ext;    /* the host blocks the chunks are carved from */
	uint32_t nexts, capexts;
	uint32_t ext_left;          /* chunks still to carve from the last extent */
	uint64_t live;              /* journaled: objects in use */
	const struct mm_alloc *alloc; /* host memory for the chunks (alloc.h) */
#ifdef MM_DEBUG
	uint64_t reads;             /* the test build: slab_at calls, the work a command does (mm_work) */
#endif
};

int slab_init(struct slab *s, const struct mm_alloc *a, uint32_t size, uint32_t limit);
void slab_fini(struct slab *s);

/* Returns a new index (> 0) or 0 when the limit is reached or the host is out
 * of memory. The object's bytes are whatever they were last: callers set
 * every field through the journal. */
uint32_t slab_alloc(struct slab *s, struct hist *h);
void slab_release(struct slab *s, struct hist *h, uint32_t idx);

/* idx names a live object: in range, handed out, not on the free list as
 * far as that can be told in O(1) (not its head, no onward link; the last
 * free object links to nothing, as a live one does). For MM_ASSERT only. */
bool slab_sanity(const struct slab *s, uint32_t idx);

static inline void *slab_at(const struct slab *s, uint32_t idx)
{
#ifdef MM_DEBUG
	((struct slab *)s)->reads++; /* a counter, not state: every slab lives in a mutable machine */
#endif
	return s->chunk[idx >> SLAB_CHUNK_SHIFT] + (size_t)(idx & (SLAB_CHUNK - 1)) * s->size;
}

#endif
