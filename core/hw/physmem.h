/*
 * physmem.h — the bytes of simulated RAM. A frame's contents exist only
 * once something non-zero is written into it: until then its PFN entry's
 * `content` is 0 and every byte reads as zero. Buffers come from a slab and
 * go back to it only when all zero, so a reused buffer needs no clearing and
 * every byte change is an ordinary journaled word write (slab.h).
 */
#ifndef MM_PHYSMEM_H
#define MM_PHYSMEM_H

#include "base/machine.h"

int physmem_init(struct mm *m);
void physmem_fini(struct mm *m);

uint64_t physmem_read64(const struct mm *m, uint32_t pfn, uint32_t off);   /* off 8-aligned */
uint32_t physmem_read32(const struct mm *m, uint32_t pfn, uint32_t off);   /* off 4-aligned */
uint8_t physmem_read8(const struct mm *m, uint32_t pfn, uint32_t off);
/* Writes size (1..8) bytes little-endian at off, not crossing the page.
 * Returns -1 when no content buffer could be had (host memory). */
int physmem_write(struct mm *m, uint32_t pfn, uint32_t off, uint64_t value, int size);
/* Makes the frame all zero (the zero page thread's work, or a page being
 * freed), releasing its buffer. */
void physmem_zero(struct mm *m, uint32_t pfn);
/* Copies a frame's contents (copy-on-write, page-file I/O). */
int physmem_copy(struct mm *m, uint32_t to, uint32_t from);
bool physmem_is_zero(const struct mm *m, uint32_t pfn);

/* Page-file slots hold page contents the same way frames do: a content
 * handle (a slab index, 0 = all zero). These copy between a frame and a
 * handle, and empty a handle, all through the journal. */
int physmem_save(struct mm *m, uint32_t pfn, uint32_t *handle);     /* frame -> slot */
int physmem_load(struct mm *m, uint32_t handle, uint32_t pfn);      /* slot -> frame */
void physmem_drop(struct mm *m, uint32_t *handle);                  /* slot emptied */

#endif
