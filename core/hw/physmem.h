/*
 * physmem.h — the bytes of simulated RAM, and copies of pages kept outside
 * it (page-file slots, pages of files on the simulated disk).
 *
 * Frame f's bytes are at one index in an arena (struct physmem_ram in
 * base/machine.h): base + f * 4 KB. A frame that was never written reads as
 * zero and costs no host memory; the arena grows in chunks of 2 MiB, in
 * 4 KB host pages for a chunk's first frame written and in one huge page
 * for a second (physmem.c). Every byte change is an ordinary journaled
 * word write (event.h).
 *
 * Page copies outside RAM are content handles (slab indexes, 0 = all zero);
 * a handle's buffer goes back to the slab when it becomes all zero, so a
 * reused buffer needs no clearing (slab.h).
 */
#ifndef MM_PHYSMEM_H
#define MM_PHYSMEM_H

#include "base/machine.h"

/* Reserves the arena's address space (no memory) and the page-copy slab.
 * -1 when the host refuses; physmem_fini releases what was made. */
int physmem_init(struct mm *m);
void physmem_fini(struct mm *m);

/* The frame's words, NULL while the frame reads zero by its chunk's
 * state (physmem.c, P1): one load and a compare, whatever the state.
 * Inline, as the reads below: every level of every page walk reads a
 * word of a frame (docs/quality.md Q-PERF). */
static inline const uint64_t *physmem_words(const struct mm *m, uint32_t pfn)
{
	const struct physmem_ram *r = &m->ram;
	uint64_t in_chunk = (1ull << r->chunk_shift) - 1;
	uint16_t st = r->chunk[(uint64_t)pfn >> r->chunk_shift];
	if (st != PHYSMEM_CHUNK_MANY && st != (uint16_t)(1 + ((uint64_t)pfn & in_chunk)))
		return NULL;
	return (const uint64_t *)(const void *)(r->base + mm_pages_bytes(pfn));
}

static inline uint64_t physmem_read64(const struct mm *m, uint32_t pfn, uint32_t off) /* off 8-aligned */
{
	const uint64_t *w = physmem_words(m, pfn);
	return w ? w[off >> 3] : 0;
}
static inline uint32_t physmem_read32(const struct mm *m, uint32_t pfn, uint32_t off) /* off 4-aligned */
{
	return (uint32_t)(physmem_read64(m, pfn, off & ~7u) >> ((off & 4) * 8));
}
static inline uint8_t physmem_read8(const struct mm *m, uint32_t pfn, uint32_t off)
{
	return (uint8_t)(physmem_read64(m, pfn, off & ~7u) >> ((off & 7) * 8));
}
/* Writes size (1..8) bytes little-endian at off, not crossing the page.
 * Returns -1 when host memory for the arena or a page copy could not be had
 * (inside a command the journal throws first: hist_throw_oom). */
int physmem_write(struct mm *m, uint32_t pfn, uint32_t off, uint64_t value, int size);
/* Makes the frame all zero (the zero page thread's work, or a page being
 * freed). Never allocates. */
void physmem_zero(struct mm *m, uint32_t pfn);
/* Copies a frame's contents (copy-on-write, page-file I/O). */
int physmem_copy(struct mm *m, uint32_t to, uint32_t from);
bool physmem_is_zero(const struct mm *m, uint32_t pfn);
/* The frame's 4 KB, or NULL when its chunk was never written (all zero).
 * For the state hash and the checker; owned by the machine. */
const void *physmem_bytes(const struct mm *m, uint32_t pfn);

/* Page-file slots and file pages hold page contents as content handles.
 * These copy between a frame and a handle, and empty a handle, all through
 * the journal. */
int physmem_save(struct mm *m, uint32_t pfn, uint32_t *handle);     /* frame -> slot */
int physmem_load(struct mm *m, uint32_t handle, uint32_t pfn);      /* slot -> frame */
void physmem_drop(struct mm *m, uint32_t *handle);                  /* slot emptied */
/* A handle's buffer, NULL for 0 (all zero). */
const void *physmem_handle_bytes(const struct mm *m, uint32_t handle);

#endif
