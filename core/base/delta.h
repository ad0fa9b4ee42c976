/*
 * delta.h — a command's net change to the machine, kept compact for the
 * history (docs/architecture.md ARCH-HISTORY).
 *
 * While a command runs, the journal (event.h) records every write as
 * {location, old XOR new}. Once it has run, only the net change matters for
 * moving across it: each location it changed, once, with the XOR of its
 * value before and after. A counter bumped 262,144 times by a 1 GiB touch
 * is one entry; a page-table entry written once is one entry. Applying the
 * net change flips the machine from the state before the command to the
 * state after it, and applying it again flips it back: XOR is its own
 * inverse, so undo and redo are one operation.
 *
 * Invariants:
 *   D1. delta_apply(delta_build(records)) has the effect of applying every
 *       record in order, from either end state to the other.
 *   D2. The encoding depends only on the set of net changes (sorted by
 *       location), so two runs of the same command from the same state
 *       give byte-equal deltas; a replay is checked that way (event.c).
 *   D3. A location whose value ends as it began has no entry.
 */
#ifndef MM_DELTA_H
#define MM_DELTA_H

#include "alloc.h"

/* A journal record: the location (its size in bytes in the top byte) and
 * old XOR new. 16 bytes; applying it, *p ^= x, both does and undoes it. */
struct jrec {
	uint64_t pz;
	uint64_t x;
};
#define JREC_SIZE_SHIFT 56
#define JREC_ADDR_MASK ((1ull << JREC_SIZE_SHIFT) - 1)

static inline void jrec_apply(const struct jrec *r)
{
	void *p = (void *)(uintptr_t)(r->pz & JREC_ADDR_MASK);
	switch (r->pz >> JREC_SIZE_SHIFT) {
	case 1: *(uint8_t *)p ^= (uint8_t)r->x; break;
	case 2: *(uint16_t *)p ^= (uint16_t)r->x; break;
	case 4: *(uint32_t *)p ^= (uint32_t)r->x; break;
	default: *(uint64_t *)p ^= r->x; break;
	}
}

/* The net change of records[0..n) encoded into a new block *out of *len
 * bytes (allocated from a; free with mm_free_mem(a, *out, *len)). An empty
 * change is a NULL block of length 0. -1 when host memory is lacking. */
int delta_build(const struct mm_alloc *a, const struct jrec *records, uint64_t n, uint8_t **out, uint64_t *len);
/* The same, calling tick(arg) now and then (every 2^20 records folded and
 * after each sort pass: a 1 GiB touch has ten million records and takes
 * seconds), so a screen can show that something happens. */
int delta_build_ticking(const struct mm_alloc *a, const struct jrec *records, uint64_t n, uint8_t **out, uint64_t *len,
			void (*tick)(void *arg), void *arg);

/* Flips the machine across the change (D1). */
void delta_apply(const uint8_t *p, uint64_t len);

/* Locations in a delta (for the figures of make bench and the tests). */
uint64_t delta_entries(const uint8_t *p, uint64_t len);

#endif
