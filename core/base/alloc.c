/*
 * alloc.c — the host allocator behind every machine (alloc.h).
 */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ALLOC_HUGE ((size_t)32 << 20)
#define HUGE_PAGE ALLOC_HUGE_PAGE

/* Drops the head and tail of a mapping [raw, raw + total) around the n
 * bytes inside it that start on an align boundary (a power of two, with
 * total >= n + align), and returns their start. */
static void *trim_to_aligned(uint8_t *raw, size_t total, size_t n, size_t align)
{
	uint8_t *p = (uint8_t *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
	if (p > raw)
		munmap(raw, (size_t)(p - raw));
	if (raw + total > p + n)
		munmap(p + n, (size_t)(raw + total - (p + n)));
	return p;
}

/* The length of a big block's mapping: above ALLOC_BIG, whole huge pages,
 * so that all of the block can be backed by them (a journal of 40-byte
 * events grows by sizes just under the powers of two). A block of exactly
 * ALLOC_BIG (the first size of an array that grows, event.c) is 4 KB
 * pages: a command that records little costs no huge page. */
static size_t map_len(size_t n)
{
	return n > ALLOC_BIG ? (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1) : n;
}

/* Fresh zero memory; blocks of a huge page and up start on a huge-page
 * boundary, so that every whole 2 MiB of them can be one huge page. */
static void *map_new(size_t n)
{
	n = map_len(n);
	size_t total = n >= HUGE_PAGE ? n + HUGE_PAGE : n;
	uint8_t *p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	return total > n ? trim_to_aligned(p, total, n, HUGE_PAGE) : p;
}

/* Asks for huge pages over a big block's whole mapping (map_len). */
static void advise(void *p, size_t n, bool growing)
{
#ifdef MADV_HUGEPAGE
	/* A block that grows is dense from its start; another block under a
	 * huge page may be touched sparsely (a small machine's PFN database). */
	if (growing ? map_len(n) >= HUGE_PAGE : n >= HUGE_PAGE)
		madvise(p, map_len(n), MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
	(void)growing;
#endif
}

/* A block of the default allocator grown to nsize: in place when it can,
 * else moved (mremap moves the pages, not the bytes) to a huge-page
 * boundary, where its growth is backed by huge pages and not by the 4 KB
 * pages of an unaligned tail. A block still in 4 KB pages (ALLOC_BIG, at
 * most 64 KB) is copied instead: moved, its pages would keep the first
 * 2 MiB in 4 KB pages, a host page fault each. */
static void *map_grow(void *ptr, size_t osize, size_t nsize)
{
	void *p;
	osize = map_len(osize);
	nsize = map_len(nsize);
	if (osize == nsize)
		return ptr;
	if (osize < HUGE_PAGE) {
		if (!(p = map_new(nsize)))
			return NULL;
		advise(p, nsize, true); /* before the copy touches it */
		memcpy(p, ptr, osize);
		munmap(ptr, osize);
		return p;
	}
	if (!((uintptr_t)ptr & (HUGE_PAGE - 1)) && mremap(ptr, osize, nsize, 0) != MAP_FAILED)
		return ptr;
	uint8_t *raw = mmap(NULL, nsize + HUGE_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	void *to = trim_to_aligned(raw, nsize + HUGE_PAGE, nsize, HUGE_PAGE);
	p = mremap(ptr, osize, nsize, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	if (p == MAP_FAILED) {
		munmap(to, nsize);
		return NULL;
	}
	return p;
}

void *mm_alloc_default(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud;
	bool obig = ptr && osize >= ALLOC_BIG, nbig = nsize >= ALLOC_BIG;
	if (nsize == 0) {
		if (obig)
			munmap(ptr, map_len(osize));
		else
			free(ptr);
		return NULL;
	}
	if (!obig && !nbig)
		return realloc(ptr, nsize);
	void *p;
	if (obig && nbig) {
		if (!(p = map_grow(ptr, osize, nsize)))
			return NULL;
		advise(p, nsize, true);
		return p;
	}
	/* Across the threshold: a new block, the contents copied. Blocks that
	 * grow (the journal) ask for huge pages, and so do fresh ones of
	 * ALLOC_HUGE and up, and those the caller advises (mm_advise_huge: the
	 * PFN database, slab extents). Other fresh blocks may be touched
	 * sparsely (a page file's slot map), where one written word would cost
	 * a 2 MB huge page. */
	p = nbig ? map_new(nsize) : malloc(nsize);
	if (!p)
		return NULL;
	if (nbig && (ptr || nsize >= ALLOC_HUGE))
		advise(p, nsize, ptr != NULL);
	if (ptr) {
		memcpy(p, ptr, MM_MIN(osize, nsize));
		if (obig)
			munmap(ptr, map_len(osize));
		else
			free(ptr);
	}
	return p;
}

static void *call(const struct mm_alloc *a, void *ptr, size_t osize, size_t nsize)
{
	return a && a->fn ? a->fn(a->ud, ptr, osize, nsize) : mm_alloc_default(NULL, ptr, osize, nsize);
}

void *mm_malloc(const struct mm_alloc *a, size_t n)
{
	return call(a, NULL, 0, n ? n : 1);
}

void *mm_calloc(const struct mm_alloc *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	size_t bytes = n && size ? n * size : 1;
	void *p = call(a, NULL, 0, bytes);
	/* The default allocator's big blocks are fresh mappings, already zero:
	 * not touching them keeps a 64 GiB machine's boot cheap. */
	if (p && !(bytes >= ALLOC_BIG && !(a && a->fn)))
		memset(p, 0, bytes);
	return p;
}

void *mm_realloc(const struct mm_alloc *a, void *p, size_t osize, size_t nsize)
{
	if (!p)
		return mm_malloc(a, nsize);
	return call(a, p, osize ? osize : 1, nsize ? nsize : 1);
}

void mm_free_mem(const struct mm_alloc *a, void *p, size_t size)
{
	if (!p)
		return;
	size = size ? size : 1;
#ifdef MM_DEBUG
	/* Junk in what is freed (xv6's kfree, Lua's debug_realloc): a use
	 * after free reads garbage instead of plausible old values. Big
	 * mappings are unmapped by the default allocator, which is better. */
	if (size < ALLOC_BIG || (a && a->fn))
		memset(p, ALLOC_JUNK, size);
#endif
	call(a, p, size, 0);
}

char *mm_strdup(const struct mm_alloc *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = mm_malloc(a, n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* Over-sized by align so that an aligned start exists inside it. */
void *mm_reserve(size_t size, size_t align)
{
	uint8_t *raw = mmap(NULL, size + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return raw == MAP_FAILED ? NULL : trim_to_aligned(raw, size + align, size, align);
}

int mm_reserve_grow(void *p, size_t n, bool huge)
{
	void *q = mmap(p, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (q == MAP_FAILED)
		return -1;
	if (huge)
		advise(q, n, false);
	return 0;
}

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25 /* Linux 6.1 */
#endif

void mm_reserve_huge(void *p, size_t n)
{
	advise(p, n, false);
#ifdef MADV_HUGEPAGE
	madvise(p, n, MADV_COLLAPSE); /* older kernels refuse: the 4 KB pages stay, faults come as they come */
#endif
}

void mm_reserve_free(void *p, size_t size)
{
	if (p) /* the head and tail beyond [p, p + size) went at once */
		munmap(p, size);
}

void mm_advise_huge(const struct mm_alloc *a, void *p, size_t size)
{
	if (p && !(a && a->fn) && size >= ALLOC_BIG)
		advise(p, size, false);
}
