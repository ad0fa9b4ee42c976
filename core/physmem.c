/*
 * physmem.c — simulated RAM contents (physmem.h).
 *
 * Rules:
 *   P1. pfn.content == 0  <=>  the frame reads as all zero.
 *   P2. A buffer is released to the slab only when all of its words are 0,
 *       so the slab may hand it out again without clearing it.
 *   P3. Every word change goes through the journal, so contents step back.
 */
#include "physmem.h"

#include <stdlib.h>

#define WORDS (MM_PAGE_SIZE / 8)
#define CONTENT_LIMIT (1u << 26) /* 64 Mi buffers: never the binding limit below 64 GiB of RAM */

int physmem_init(struct mm *m)
{
	return slab_init(&m->physmem, MM_PAGE_SIZE, CONTENT_LIMIT);
}

void physmem_fini(struct mm *m)
{
	slab_fini(&m->physmem);
}

static uint64_t *words(const struct mm *m, uint32_t pfn)
{
	uint32_t c = m->pfn[pfn].content;
	return c ? (uint64_t *)slab_at(&m->physmem, c) : NULL;
}

uint64_t physmem_read64(const struct mm *m, uint32_t pfn, uint32_t off)
{
	const uint64_t *w = words(m, pfn);
	return w ? w[off >> 3] : 0;
}

uint32_t physmem_read32(const struct mm *m, uint32_t pfn, uint32_t off)
{
	return (uint32_t)(physmem_read64(m, pfn, off & ~7u) >> ((off & 4) * 8));
}

uint8_t physmem_read8(const struct mm *m, uint32_t pfn, uint32_t off)
{
	return (uint8_t)(physmem_read64(m, pfn, off & ~7u) >> ((off & 7) * 8));
}

static uint64_t *ensure(struct mm *m, uint32_t pfn)
{
	uint64_t *w = words(m, pfn);
	if (w)
		return w;
	uint32_t slot = slab_alloc(&m->physmem, &m->hist);
	if (!slot)
		return NULL;
	MM_SET32(m, &m->pfn[pfn].content, slot); /* the buffer is all zero (P2) */
	return slab_at(&m->physmem, slot);
}

static bool all_zero(const uint64_t *w)
{
	for (unsigned i = 0; i < WORDS; i++)
		if (w[i])
			return false;
	return true;
}

static void release_if_zero(struct mm *m, uint32_t pfn)
{
	uint64_t *w = words(m, pfn);
	if (w && all_zero(w)) {
		slab_release(&m->physmem, &m->hist, m->pfn[pfn].content);
		MM_SET32(m, &m->pfn[pfn].content, 0);
	}
}

static int write_word(struct mm *m, uint32_t pfn, uint32_t idx, uint64_t v)
{
	uint64_t *w = words(m, pfn);
	if (!w) {
		if (!v)
			return 0;
		if (!(w = ensure(m, pfn)))
			return -1;
	}
	if (!v && !w[idx])
		return 0;
	MM_SET64(m, &w[idx], v);
	if (!v)
		release_if_zero(m, pfn); /* P1: the last non-zero word gone means no buffer */
	return 0;
}

int physmem_write(struct mm *m, uint32_t pfn, uint32_t off, uint64_t value, int size)
{
	for (int i = 0; i < size;) {
		uint32_t o = off + (uint32_t)i, idx = o >> 3, sh = (o & 7) * 8;
		int n = MM_MIN(size - i, 8 - (int)(o & 7));
		uint64_t mask = n == 8 ? ~0ull : ((1ull << (n * 8)) - 1) << sh;
		uint64_t old = physmem_read64(m, pfn, idx << 3);
		uint64_t part = (value >> (i * 8)) << sh;
		if (write_word(m, pfn, idx, (old & ~mask) | (part & mask)) < 0)
			return -1;
		i += n;
	}
	return 0;
}

void physmem_zero(struct mm *m, uint32_t pfn)
{
	uint64_t *w = words(m, pfn);
	if (!w)
		return;
	for (unsigned i = 0; i < WORDS; i++)
		if (w[i])
			MM_SET64(m, &w[i], 0);
	release_if_zero(m, pfn);
}

bool physmem_is_zero(const struct mm *m, uint32_t pfn)
{
	const uint64_t *w = words(m, pfn);
	return !w || all_zero(w);
}

int physmem_copy(struct mm *m, uint32_t to, uint32_t from)
{
	const uint64_t *src = words(m, from);
	if (!src) {
		physmem_zero(m, to);
		return 0;
	}
	for (unsigned i = 0; i < WORDS; i++)
		if (write_word(m, to, i, src[i]) < 0)
			return -1;
	return 0;
}
