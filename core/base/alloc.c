/*
 * alloc.c — the host allocator behind every machine (alloc.h).
 */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ALLOC_HUGE ((size_t)32 << 20)

static void *map_new(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static void advise(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	if (n >= (2u << 20))
		madvise(p, n, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

void *mm_alloc_default(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud;
	bool obig = ptr && osize >= ALLOC_BIG, nbig = nsize >= ALLOC_BIG;
	if (nsize == 0) {
		if (obig)
			munmap(ptr, osize);
		else
			free(ptr);
		return NULL;
	}
	if (!obig && !nbig)
		return realloc(ptr, nsize);
	void *p;
	if (obig && nbig) {
		p = mremap(ptr, osize, nsize, MREMAP_MAYMOVE);
		if (p == MAP_FAILED)
			return NULL;
		advise(p, nsize);
		return p;
	}
	/* Across the threshold: a new block, the contents copied. Blocks that
	 * grow (the journal) ask for huge pages, and so do fresh ones of
	 * ALLOC_HUGE and up (a big machine's PFN database, written whole at
	 * boot: 1/512 of the page faults). Smaller fresh blocks may be touched
	 * sparsely (a page file's slot map), where one written word would cost
	 * a 2 MB huge page. */
	p = nbig ? map_new(nsize) : malloc(nsize);
	if (!p)
		return NULL;
	if (nbig && (ptr || nsize >= ALLOC_HUGE))
		advise(p, nsize);
	if (ptr) {
		memcpy(p, ptr, MM_MIN(osize, nsize));
		if (obig)
			munmap(ptr, osize);
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

/* The reservation is over-sized by align so that an aligned start exists
 * inside it; the unused head and tail are unmapped at once. */
void *mm_reserve(size_t size, size_t align)
{
	size_t total = size + align;
	uint8_t *raw = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	uint8_t *p = (uint8_t *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
	if (p > raw)
		munmap(raw, (size_t)(p - raw));
	if (raw + total > p + size)
		munmap(p + size, (size_t)(raw + total - (p + size)));
	return p;
}

int mm_reserve_grow(void *p, size_t n)
{
	void *q = mmap(p, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (q == MAP_FAILED)
		return -1;
	advise(q, n);
	return 0;
}

void mm_reserve_free(void *p, size_t size)
{
	if (p) /* the head and tail beyond [p, p + size) went at once */
		munmap(p, size);
}

void mm_advise_huge(const struct mm_alloc *a, void *p, size_t size)
{
	if (p && !(a && a->fn) && size >= ALLOC_BIG)
		advise(p, size);
}
