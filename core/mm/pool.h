/*
 * pool.h — the kernel's pools: paged and non-paged pool, allocations with a
 * POOL_HEADER and a tag, big allocations of whole pages (docs/reference.md R-POOL).
 */
#ifndef MM_POOL_H
#define MM_POOL_H

#include "base/machine.h"

enum pool_type { POOL_NONPAGED = 0, POOL_PAGED = 1 };

int pool_init(struct mm *m);
void pool_fini(struct mm *m);

/* ExAllocatePoolWithTag. Returns the block's address, or 0 with err
 * (STATUS_INSUFFICIENT_RESOURCES when no page or pool space is left). */
uint64_t pool_alloc(struct mm *m, enum pool_type t, uint64_t size, uint32_t tag, struct mm_err *err);
/* ExFreePool. Fails (BAD_POOL_CALLER: Windows would bug-check) when va is
 * not the start of a live allocation. */
int pool_free(struct mm *m, uint64_t va, struct mm_err *err);

/* One block as the headers describe it (for !pool and !poolused). */
struct pool_block {
	uint64_t va;                /* the header's address (big: the block itself) */
	uint64_t size;              /* bytes including the header */
	uint32_t tag;
	bool allocated, big;
	enum pool_type type;
	uint32_t previous_size;     /* in bytes */
};
/* Calls fn for every block of the pool page holding va (or the big
 * allocation covering it). Returns the count, -1 when va is not pool. */
int pool_page_blocks(const struct mm *m, uint64_t va, void (*fn)(void *, const struct pool_block *), void *ud);
/* Calls fn for every allocated block of both pools. */
void pool_each(const struct mm *m, void (*fn)(void *, const struct pool_block *), void *ud);
uint64_t pool_bytes(const struct mm *m, enum pool_type t);    /* pages in use, in bytes */
uint64_t pool_base(const struct mm *m, enum pool_type t);

/* Q1-Q2 of pool.c's essay, for check.c. */
const char *pool_check(const struct mm *m, char *buf, size_t n);

#endif
