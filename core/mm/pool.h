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
 * not the start of a live allocation, and with BAD_POOL_HEADER when the
 * headers of its page are corrupt (then nothing is merged or freed). */
int pool_free(struct mm *m, uint64_t va, struct mm_err *err);

/* The memory manager's own blocks (a section's control area and its
 * prototype PTEs) are allocated and freed through these, which record
 * them: ExFreePool refuses them, kwrite refuses to write them (headers
 * included: pool_is_own), and a page whose chain no longer shows one of
 * them intact counts as corrupt, so nothing is carved out of it or merged
 * over it (docs/commands.md CMD-CORRUPT). pool_free_own fails (and the
 * block stays allocated) only on such a page. */
uint64_t pool_alloc_own(struct mm *m, enum pool_type t, uint64_t size, uint32_t tag, struct mm_err *err);
int pool_free_own(struct mm *m, uint64_t va, struct mm_err *err);
bool pool_is_own(const struct mm *m, uint64_t va);

/* One block as the headers describe it (for !pool and !poolused). */
struct pool_block {
	uint64_t va;                /* the header's address (big: the block itself) */
	uint64_t size;              /* bytes including the header */
	uint32_t tag;
	bool allocated, big;
	enum pool_type type;
	uint32_t previous_size;     /* in bytes */
};
/* Where a page's chain of headers breaks (docs/commands.md CMD-CORRUPT). */
struct pool_corrupt {
	uint64_t va;                /* the first header that cannot be trusted; 0: the page is sound */
	char why[2][96];            /* what is wrong with it ("BlockSize is 0"), in English and German */
};
/* Calls fn for every block of the pool page holding va (or the big
 * allocation covering it), in page order, as far as the headers can be
 * trusted; bad (may be NULL) says where they cannot. Returns the count,
 * -1 when va is not in a pool page. */
int pool_page_blocks(const struct mm *m, uint64_t va, void (*fn)(void *, const struct pool_block *), void *ud,
		     struct pool_corrupt *bad);
/* Calls fn for every allocated block of both pools that a sound header
 * describes. Returns the number of pages whose chain is broken. */
int pool_each(const struct mm *m, void (*fn)(void *, const struct pool_block *), void *ud);
uint64_t pool_bytes(const struct mm *m, enum pool_type t);    /* pages in use, in bytes */
uint64_t pool_base(const struct mm *m, enum pool_type t);
/* The pool a VA lies in (enum pool_type), -1 when neither. */
int pool_type_of(const struct mm *m, uint64_t va);

/* Q1-Q2 of pool.c's essay, for check.c. */
const char *pool_check(const struct mm *m, char *buf, size_t n);

#endif
