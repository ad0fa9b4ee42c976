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

#define WORDS (MM_PAGE_SIZE / 8)
#define CONTENT_LIMIT (1u << 26) /* 64 Mi buffers: never the binding limit below 64 GiB of RAM */

int physmem_init(struct mm *m)
{
	return slab_init(&m->physmem, &m->alloc, MM_PAGE_SIZE, CONTENT_LIMIT);
}

void physmem_fini(struct mm *m)
{
	slab_fini(&m->physmem);
}

static uint64_t *buf_of(const struct mm *m, uint32_t handle)
{
	return handle ? (uint64_t *)slab_at(&m->physmem, handle) : NULL;
}

static uint64_t *words(const struct mm *m, uint32_t pfn)
{
	return buf_of(m, m->pfn[pfn].content);
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

static bool all_zero(const uint64_t *w)
{
	for (unsigned i = 0; i < WORDS; i++)
		if (w[i])
			return false;
	return true;
}

/* One word of the contents behind *handle, allocating the buffer on the
 * first non-zero word and releasing it with the last (P1, P2). */
static int set_word(struct mm *m, uint32_t *handle, uint32_t idx, uint64_t v)
{
	uint64_t *w = buf_of(m, *handle);
	if (!w) {
		if (!v)
			return 0;
		uint32_t slot = slab_alloc(&m->physmem, &m->hist);
		if (!slot)
			return -1;
		MM_SET32(m, handle, slot); /* the buffer is all zero (P2) */
		w = buf_of(m, slot);
	}
	if (!v && !w[idx])
		return 0;
	MM_SET64(m, &w[idx], v);
	if (!v && all_zero(w)) {
		slab_release(&m->physmem, &m->hist, *handle);
		MM_SET32(m, handle, 0);
	}
	return 0;
}

static int write_word(struct mm *m, uint32_t pfn, uint32_t idx, uint64_t v)
{
	return set_word(m, &m->pfn[pfn].content, idx, v);
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

/* Makes the contents behind *handle equal to src (NULL = zero). */
static int copy_into(struct mm *m, uint32_t *handle, const uint64_t *src)
{
	for (unsigned i = 0; i < WORDS; i++) {
		uint64_t v = src ? src[i] : 0;
		const uint64_t *w = buf_of(m, *handle);
		if ((w ? w[i] : 0) != v && set_word(m, handle, i, v) < 0)
			return -1;
	}
	return 0;
}

void physmem_zero(struct mm *m, uint32_t pfn)
{
	copy_into(m, &m->pfn[pfn].content, NULL); /* zeroing never allocates */
}

bool physmem_is_zero(const struct mm *m, uint32_t pfn)
{
	const uint64_t *w = words(m, pfn);
	return !w || all_zero(w);
}

int physmem_copy(struct mm *m, uint32_t to, uint32_t from)
{
	return copy_into(m, &m->pfn[to].content, words(m, from));
}

int physmem_save(struct mm *m, uint32_t pfn, uint32_t *handle)
{
	return copy_into(m, handle, words(m, pfn));
}

int physmem_load(struct mm *m, uint32_t handle, uint32_t pfn)
{
	return copy_into(m, &m->pfn[pfn].content, buf_of(m, handle));
}

void physmem_drop(struct mm *m, uint32_t *handle)
{
	copy_into(m, handle, NULL);
}
