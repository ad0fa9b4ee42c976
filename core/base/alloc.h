/*
 * alloc.h — every host allocation of a machine goes through one injected
 * function (types.h, mm_alloc_fn), as every allocation of a Lua state goes
 * through its lua_Alloc. The test build swaps in a counting allocator that
 * fails the Nth call (tests/unit/17_allocfail.c, Lua's debug_realloc).
 *
 * The helpers below take the allocator first; NULL means the default. As
 * with lua_Alloc, the caller remembers each block's size and passes it back
 * when it grows or frees the block, so the allocator needs no headers and
 * the MM_DEBUG build can junk-fill what is freed (xv6's kfree).
 *
 * The default allocator serves small blocks from malloc and big ones
 * (ALLOC_BIG and up: the journal, the PFN database, page-file maps) from
 * anonymous mappings that grow with mremap, without copying; grown blocks
 * ask for transparent huge pages, and above ALLOC_BIG a mapping starts on a
 * huge-page boundary and spans whole huge pages, so that all of it can be
 * backed by them (docs/quality.md Q-PERF); fresh mappings are already zero.
 */
#ifndef MM_ALLOC_H
#define MM_ALLOC_H

#include "types.h"

struct mm_alloc {
	mm_alloc_fn fn;             /* NULL: mm_alloc_default */
	void *ud;
};

#define ALLOC_BIG ((size_t)1 << 16)
#define ALLOC_HUGE_PAGE ((size_t)2 << 20) /* a host transparent huge page */
#define ALLOC_JUNK 0x5A             /* MM_DEBUG: the byte freed memory is filled with */

void *mm_alloc_default(void *ud, void *ptr, size_t osize, size_t nsize);

/* NULL when the host is out of memory (or n * size overflows). A size of 0
 * is taken as 1, here and in mm_free_mem, so callers need no special case. */
void *mm_malloc(const struct mm_alloc *a, size_t n);
void *mm_calloc(const struct mm_alloc *a, size_t n, size_t size);
/* NULL when it cannot: p is then still valid, with its old size. */
void *mm_realloc(const struct mm_alloc *a, void *p, size_t osize, size_t nsize);
/* size must be what p was allocated (or last resized) with. NULL p is fine. */
void mm_free_mem(const struct mm_alloc *a, void *p, size_t size);
/* A copy of s; free it with mm_free_mem(a, p, strlen(p) + 1). */
char *mm_strdup(const struct mm_alloc *a, const char *s);

/* Address space for an array that grows in place and never moves (J1 of
 * event.h): the RAM arena of hw/physmem.c. mm_reserve takes size bytes of
 * address space, aligned to align (a power of two), and no memory
 * (PROT_NONE, MAP_NORESERVE); mm_reserve_grow makes [p, p + n) of it
 * usable, zero-filled, in 4 KB pages (huge false) or transparent huge
 * pages; mm_reserve_huge turns a grown range (n a multiple of 2 MiB) into
 * huge pages at once (MADV_COLLAPSE), for what it is worth: the pages are
 * usable either way; mm_reserve_free gives it all back. NULL / -1 when the
 * host refuses. These are the host's own
 * calls, not the injected allocator's: with an injected allocator
 * (struct mm_alloc.fn) the caller takes one block from it instead, so that
 * tests can fail it (tests/unit/17_allocfail.c). */
void *mm_reserve(size_t size, size_t align);
int mm_reserve_grow(void *p, size_t n, bool huge);
void mm_reserve_huge(void *p, size_t n);
void mm_reserve_free(void *p, size_t size);

/* Asks for transparent huge pages on a block of the default allocator
 * that will be touched densely or not at all (the PFN database); nothing
 * for an injected allocator's blocks or small ones. */
void mm_advise_huge(const struct mm_alloc *a, void *p, size_t size);

#endif
