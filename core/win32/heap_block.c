/*
 * heap_block.c — a heap's block records and the indexes that keep every
 * HeapAlloc and HeapFree at O(log n) in the number of blocks
 * (heap_block.h; heap.c's essay; docs/quality.md Q-PERF).
 *
 * Each block inside a segment is in three structures at once:
 *
 *   - the address list (next/prev), which gives a block's neighbours in
 *     O(1): coalescing, PreviousSize and LAST_ENTRY need nothing else;
 *   - the address tree (by_address), which finds the block at an address
 *     (HeapFree's pointer, the block before a newly committed range) in
 *     O(log n). It is augmented: each node keeps the largest uncommitted
 *     range following a block of its subtree, and the bytes and number of
 *     those ranges, so RtlpFindAndCommitPages' first fit over the
 *     uncommitted ranges and the HEAP_SEGMENT's uncommitted counts cost
 *     O(log n) too. The uncommitted range after a block is derived (from
 *     the block, its successor and the segment's end), never stored apart,
 *     so it cannot disagree with the blocks;
 *   - free blocks only: the free list of their size, as the NT heap keeps
 *     them (HEAP.FreeLists[128], S03 rtl/heap.c, docs/reference.md
 *     R-HEAP): FreeLists[k] holds the free blocks of k granules for k in
 *     1..127, FreeLists[0] the larger ones ordered by size, and the
 *     FreeListsInUse bitmap has bit k set when FreeLists[k] is not empty.
 *     A request of k granules looks in FreeLists[k], else at the next
 *     non-empty list the bitmap shows, else the first block of FreeLists[0]
 *     large enough: the smallest free block that fits. Windows links each
 *     list as a LIST_ENTRY chain in insertion order; here each list is a
 *     tree ordered by (size, address), so a list's first block is its
 *     lowest, the documented choice among equal blocks (heap.c), and
 *     FreeLists[0]'s ordered insert is O(log n) where Windows walks it.
 *
 * Big blocks (their own VirtualAlloc) are in the big list, in order of
 * allocation, and in a second address tree for HeapFree.
 *
 * Every field of a record and every root is written with MM_SET*, so the
 * indexes step back and roll back with the blocks; an unchanged value
 * records nothing.
 *
 * Invariants (heap_block_check, part of heap.c's):
 *   H5. The address tree holds exactly the listed blocks, in order (A1-A2
 *       of avl.c), and every node's summary is that of its subtree.
 *   H6. Each free block is in the free list of its size and no busy block
 *       is; bit k of FreeListsInUse is set exactly when FreeLists[k] is not
 *       empty (k >= 1).
 */
#include "heap_block.h"

#include <stdio.h>

#include "base/avl.h"
#include "w32msg.h"

/* ---- the classes of the trees ------------------------------------------------ */

static struct avl_link *addr_link(const struct mm *m, uint32_t i) { return &B(i)->by_address; }
static struct avl_link *free_link(const struct mm *m, uint32_t i) { return &B(i)->free_list; }

static int by_va(const struct mm *m, uint32_t a, uint32_t b)
{
	return B(a)->va < B(b)->va ? -1 : B(a)->va > B(b)->va;
}

static int by_size_va(const struct mm *m, uint32_t a, uint32_t b)
{
	if (B(a)->size != B(b)->size)
		return B(a)->size < B(b)->size ? -1 : 1;
	return by_va(m, a, b);
}

/* A node's summary: the uncommitted ranges after the blocks of its subtree. */
static void addr_fix(struct mm *m, uint32_t i)
{
	struct mm_hblock *b = B(i);
	uint64_t own = heap_block_gap_after(m, i), max = own, bytes = own;
	uint32_t count = own != 0;
	uint32_t kids[2] = {b->by_address.left, b->by_address.right};
	for (int k = 0; k < 2; k++)
		if (kids[k]) {
			const struct mm_hblock *c = B(kids[k]);
			max = MM_MAX(max, c->gap_max);
			bytes += c->gap_bytes;
			count += c->gap_count;
		}
	MM_SET64(m, &b->gap_max, max);
	MM_SET64(m, &b->gap_bytes, bytes);
	MM_SET32(m, &b->gap_count, count);
}

static const struct avl_class addr_class = {.link = addr_link, .cmp = by_va, .fix = addr_fix};
static const struct avl_class free_class = {.link = free_link, .cmp = by_size_va};

uint64_t heap_block_gap_after(const struct mm *m, uint32_t i)
{
	const struct mm_hblock *b = B(i);
	if (b->seg == SEG_BIG)
		return 0;
	uint64_t end = heap_up(b->va + b->size, MM_PAGE_SIZE);
	uint64_t limit = b->next && B(b->next)->seg == b->seg ? B(b->next)->va : H(b->heap)->seg_end[b->seg];
	return limit > end ? limit - end : 0;
}

/* ---- the free lists ---------------------------------------------------------- */

/* FreeLists index of a block of size bytes. */
static unsigned list_of(const struct mm *m, uint64_t size)
{
	uint64_t k = size / heap_abi(m)->gran;
	return k < MM_HEAP_FREELISTS ? (unsigned)k : 0;
}

static void set_in_use(struct mm *m, struct mm_heap *h, unsigned k, bool on)
{
	uint32_t w = h->free_in_use[k / 32], bit = 1u << (k % 32);
	MM_SET32(m, &h->free_in_use[k / 32], on ? w | bit : w & ~bit);
}

static void free_insert(struct mm *m, struct mm_heap *h, uint32_t i)
{
	unsigned k = list_of(m, B(i)->size);
	avl_insert(m, &free_class, &h->free_lists[k], i);
	if (k)
		set_in_use(m, h, k, true);
}

static void free_remove(struct mm *m, struct mm_heap *h, uint32_t i)
{
	unsigned k = list_of(m, B(i)->size);
	avl_remove(m, &free_class, &h->free_lists[k], i);
	if (k && !h->free_lists[k])
		set_in_use(m, h, k, false);
}

/* The first non-empty dedicated list at or above k (RtlpFindFirstSetBit
 * over FreeListsInUse), 0 when none. */
static unsigned next_in_use(const struct mm_heap *h, unsigned k)
{
	for (unsigned w = k / 32; w < MM_HEAP_FREELISTS / 32; w++) {
		uint32_t bits = h->free_in_use[w] & (w == k / 32 ? ~0u << (k % 32) : ~0u);
		if (bits)
			return w * 32 + (unsigned)__builtin_ctz(bits);
	}
	return 0;
}

uint32_t heap_block_best_fit(const struct mm *m, const struct mm_heap *h, uint64_t size)
{
	unsigned k = list_of(m, size);
	if (k && (k = next_in_use(h, k)) != 0)
		return avl_first(m, &free_class, h->free_lists[k]);
	uint32_t best = 0; /* FreeLists[0]: the first block of at least size */
	for (uint32_t t = h->free_lists[0]; t;) {
		if (B(t)->size >= size)
			best = t, t = B(t)->free_list.left;
		else
			t = B(t)->free_list.right;
	}
	return best;
}

/* ---- records ----------------------------------------------------------------- */

static uint32_t record(struct mm *m, uint32_t hi, uint64_t va, uint64_t size, bool busy, uint8_t seg,
		       struct mm_err *err)
{
	uint32_t i = slab_alloc(&m->hblocks, &m->hist);
	if (!i)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, WM_HEAP_RECORDS), 0;
	struct mm_hblock *b = B(i);
	MM_SET64(m, &b->va, va);
	MM_SET64(m, &b->size, size);
	MM_SET64(m, &b->request, 0);
	MM_SET32(m, &b->next, 0);
	MM_SET32(m, &b->prev, 0);
	MM_SET32(m, &b->heap, hi);
	MM_SET8(m, &b->busy, busy);
	MM_SET8(m, &b->seg, seg);
	return i;
}

/* Links block i into list *head, after `after` (0: at the front). */
static void link_after(struct mm *m, uint32_t *head, uint32_t after, uint32_t i)
{
	uint32_t next = after ? B(after)->next : *head;
	MM_SET32(m, &B(i)->prev, after);
	MM_SET32(m, &B(i)->next, next);
	if (next)
		MM_SET32(m, &B(next)->prev, i);
	if (after)
		MM_SET32(m, &B(after)->next, i);
	else
		MM_SET32(m, head, i);
}

static void unlink(struct mm *m, uint32_t *head, uint32_t i)
{
	uint32_t prev = B(i)->prev, next = B(i)->next;
	if (prev)
		MM_SET32(m, &B(prev)->next, next);
	else
		MM_SET32(m, head, next);
	if (next)
		MM_SET32(m, &B(next)->prev, prev);
}

void heap_block_init(struct mm *m, uint32_t hi)
{
	struct mm_heap *h = H(hi);
	MM_SET32(m, &h->first, 0);
	MM_SET32(m, &h->big, 0);
	MM_SET32(m, &h->by_address, 0);
	MM_SET32(m, &h->big_by_address, 0);
	for (unsigned k = 0; k < MM_HEAP_FREELISTS; k++)
		MM_SET32(m, &h->free_lists[k], 0);
	for (unsigned w = 0; w < MM_HEAP_FREELISTS / 32; w++)
		MM_SET32(m, &h->free_in_use[w], 0);
}

uint32_t heap_block_new(struct mm *m, uint32_t hi, uint32_t after, uint64_t va, uint64_t size, bool busy,
			uint8_t seg, struct mm_err *err)
{
	struct mm_heap *h = H(hi);
	uint32_t i = record(m, hi, va, size, busy, seg, err);
	if (!i)
		return 0;
	link_after(m, &h->first, after, i);
	avl_insert(m, &addr_class, &h->by_address, i);
	if (after) /* the range after `after` now ends at i */
		avl_refresh(m, &addr_class, h->by_address, after);
	if (!busy)
		free_insert(m, h, i);
	return i;
}

void heap_block_delete(struct mm *m, uint32_t hi, uint32_t i)
{
	struct mm_heap *h = H(hi);
	uint32_t prev = B(i)->prev;
	if (!B(i)->busy)
		free_remove(m, h, i);
	avl_remove(m, &addr_class, &h->by_address, i);
	unlink(m, &h->first, i);
	if (prev)
		avl_refresh(m, &addr_class, h->by_address, prev);
	slab_release(&m->hblocks, &m->hist, i);
}

void heap_block_set(struct mm *m, uint32_t hi, uint32_t i, uint64_t size, bool busy)
{
	struct mm_heap *h = H(hi);
	struct mm_hblock *b = B(i);
	if (b->size == size && b->busy == busy)
		return;
	if (!b->busy)
		free_remove(m, h, i);
	MM_SET64(m, &b->size, size);
	MM_SET8(m, &b->busy, busy);
	if (!busy)
		free_insert(m, h, i);
	avl_refresh(m, &addr_class, h->by_address, i);
}

uint32_t heap_block_big_new(struct mm *m, uint32_t hi, uint64_t va, uint64_t size, uint64_t request,
			    struct mm_err *err)
{
	struct mm_heap *h = H(hi);
	uint32_t i = record(m, hi, va, size, true, SEG_BIG, err);
	if (!i)
		return 0;
	MM_SET64(m, &B(i)->request, request);
	link_after(m, &h->big, 0, i);
	avl_insert(m, &addr_class, &h->big_by_address, i);
	return i;
}

void heap_block_big_delete(struct mm *m, uint32_t hi, uint32_t i)
{
	struct mm_heap *h = H(hi);
	avl_remove(m, &addr_class, &h->big_by_address, i);
	unlink(m, &h->big, i);
	slab_release(&m->hblocks, &m->hist, i);
}

void heap_block_forget_all(struct mm *m, uint32_t hi)
{
	struct mm_heap *h = H(hi);
	uint32_t lists[2] = {h->first, h->big};
	for (int k = 0; k < 2; k++)
		for (uint32_t i = lists[k], next; i; i = next) {
			next = B(i)->next;
			slab_release(&m->hblocks, &m->hist, i);
		}
	heap_block_init(m, hi);
}

/* ---- look-ups ---------------------------------------------------------------- */

/* The last block of the tree at t starting at or below va, 0 none. */
static uint32_t floor_va(const struct mm *m, uint32_t t, uint64_t va)
{
	uint32_t best = 0;
	while (t) {
		if (B(t)->va <= va)
			best = t, t = B(t)->by_address.right;
		else
			t = B(t)->by_address.left;
	}
	return best;
}

uint32_t heap_block_find(const struct mm *m, const struct mm_heap *h, uint64_t va)
{
	uint32_t i = floor_va(m, h->by_address, va);
	return i && B(i)->va == va ? i : 0;
}

uint32_t heap_block_find_big(const struct mm *m, const struct mm_heap *h, uint64_t va, bool covering)
{
	uint32_t i = floor_va(m, h->big_by_address, va);
	if (!i)
		return 0;
	return B(i)->va == va || (covering && va < B(i)->va + B(i)->size) ? i : 0;
}

uint32_t heap_block_before(const struct mm *m, const struct mm_heap *h, uint64_t va)
{
	return va ? floor_va(m, h->by_address, va - 1) : 0;
}

/* ---- uncommitted ranges ------------------------------------------------------- */

/* The first block of subtree t, by address, followed by need bytes or more. */
static uint32_t gap_first_in(const struct mm *m, uint32_t t, uint64_t need)
{
	while (t && B(t)->gap_max >= need) {
		uint32_t l = B(t)->by_address.left;
		if (l && B(l)->gap_max >= need)
			t = l;
		else if (heap_block_gap_after(m, t) >= need)
			return t;
		else
			t = B(t)->by_address.right;
	}
	return 0;
}

/* The same among the blocks of [lo, hi); lo_ok / hi_ok: the whole subtree
 * is known to be at or above lo / below hi. O(log n): away from the two
 * boundary paths, the summaries decide. */
static uint32_t gap_search(const struct mm *m, uint32_t t, uint64_t lo, uint64_t hi, uint64_t need, bool lo_ok,
			   bool hi_ok)
{
	while (t && B(t)->gap_max >= need) {
		const struct mm_hblock *b = B(t);
		if (lo_ok && hi_ok)
			return gap_first_in(m, t, need);
		if (b->va < lo) {
			t = b->by_address.right;
			continue;
		}
		if (b->va >= hi) {
			t = b->by_address.left;
			continue;
		}
		uint32_t r = gap_search(m, b->by_address.left, lo, hi, need, lo_ok, true);
		if (r)
			return r;
		if (heap_block_gap_after(m, t) >= need)
			return t;
		t = b->by_address.right;
		lo_ok = true;
	}
	return 0;
}

uint32_t heap_block_gap(const struct mm *m, const struct mm_heap *h, unsigned s, uint64_t need)
{
	return gap_search(m, h->by_address, h->seg_base[s], h->seg_end[s], need, false, false);
}

/* The uncommitted bytes and ranges after the blocks below va. */
static void gaps_below(const struct mm *m, uint32_t t, uint64_t va, uint64_t *bytes, uint64_t *ranges)
{
	*bytes = *ranges = 0;
	while (t) {
		const struct mm_hblock *b = B(t);
		if (b->va >= va) {
			t = b->by_address.left;
			continue;
		}
		if (b->by_address.left) {
			*bytes += B(b->by_address.left)->gap_bytes;
			*ranges += B(b->by_address.left)->gap_count;
		}
		uint64_t own = heap_block_gap_after(m, t);
		*bytes += own;
		*ranges += own != 0;
		t = b->by_address.right;
	}
}

void heap_block_gaps(const struct mm *m, const struct mm_heap *h, unsigned s, uint64_t *bytes, uint64_t *ranges)
{
	uint64_t b0, r0;
	gaps_below(m, h->by_address, h->seg_end[s], bytes, ranges);
	gaps_below(m, h->by_address, h->seg_base[s], &b0, &r0);
	*bytes -= b0;
	*ranges -= r0;
}

/* ---- invariants ---------------------------------------------------------------- */

#define FAIL(...) return (snprintf(buf, n, __VA_ARGS__), buf)

static const char *check_summary(const struct mm *m, const struct mm_heap *h, uint32_t i, char *buf, size_t n)
{
	const struct mm_hblock *b = B(i);
	uint64_t own = heap_block_gap_after(m, i), max = own, bytes = own, count = own != 0;
	uint32_t kids[2] = {b->by_address.left, b->by_address.right};
	for (int k = 0; k < 2; k++)
		if (kids[k]) {
			max = MM_MAX(max, B(kids[k])->gap_max);
			bytes += B(kids[k])->gap_bytes;
			count += B(kids[k])->gap_count;
		}
	if (b->gap_max != max || b->gap_bytes != bytes || b->gap_count != count)
		FAIL("H5: heap %#llx: block %#llx sums its subtree's uncommitted ranges as %#llx/%#llx/%u, not %#llx/%#llx/%llu",
		     (unsigned long long)h->base, (unsigned long long)b->va, (unsigned long long)b->gap_max,
		     (unsigned long long)b->gap_bytes, b->gap_count, (unsigned long long)max, (unsigned long long)bytes,
		     (unsigned long long)count);
	return NULL;
}

/* Is free block i in the free list of its size? */
static bool listed(const struct mm *m, const struct mm_heap *h, uint32_t i)
{
	uint32_t t = h->free_lists[list_of(m, B(i)->size)];
	while (t && t != i)
		t = by_size_va(m, i, t) < 0 ? B(t)->free_list.left : B(t)->free_list.right;
	return t == i;
}

static const char *check_lists(const struct mm *m, const struct mm_heap *h, uint64_t *count, char *buf, size_t n)
{
	*count = 0;
	for (unsigned k = 0; k < MM_HEAP_FREELISTS; k++) {
		char what[64];
		uint64_t c;
		snprintf(what, sizeof what, "heap %#llx FreeLists[%u]", (unsigned long long)h->base, k);
		const char *r = avl_check(m, &free_class, h->free_lists[k], what, &c, buf, n);
		if (r)
			return r;
		*count += c;
		bool bit = (h->free_in_use[k / 32] >> (k % 32)) & 1;
		if (k && bit != (h->free_lists[k] != 0))
			FAIL("H6: heap %#llx: FreeListsInUse bit %u is %d, but the list is %s", (unsigned long long)h->base,
			     k, bit, h->free_lists[k] ? "not empty" : "empty");
	}
	return NULL;
}

const char *heap_block_check(const struct mm *m, const struct mm_heap *h, uint64_t nblocks, char *buf, size_t n)
{
	uint64_t count = 0, nfree = 0, in_lists;
	const char *r = avl_check(m, &addr_class, h->by_address, "heap address tree", &count, buf, n);
	if (r)
		return r;
	if (count != nblocks)
		FAIL("H5: heap %#llx: %llu blocks in the address tree, %llu in the list", (unsigned long long)h->base,
		     (unsigned long long)count, (unsigned long long)nblocks);
	uint64_t nbig = 0;
	for (uint32_t i = h->big; i; i = B(i)->next)
		nbig++;
	if ((r = avl_check(m, &addr_class, h->big_by_address, "heap big-block tree", &count, buf, n)) != NULL)
		return r;
	if (count != nbig)
		FAIL("H5: heap %#llx: %llu big blocks in their tree, %llu in their list", (unsigned long long)h->base,
		     (unsigned long long)count, (unsigned long long)nbig);
	if ((r = check_lists(m, h, &in_lists, buf, n)) != NULL)
		return r;
	for (uint32_t i = h->first; i; i = B(i)->next) {
		if ((r = check_summary(m, h, i, buf, n)) != NULL)
			return r;
		if (B(i)->busy)
			continue;
		nfree++;
		if (!listed(m, h, i))
			FAIL("H6: heap %#llx: free block %#llx (%#llx bytes) is not in FreeLists[%u]",
			     (unsigned long long)h->base, (unsigned long long)B(i)->va, (unsigned long long)B(i)->size,
			     list_of(m, B(i)->size));
	}
	if (in_lists != nfree) /* every free block is listed once: the rest are records that must not be there */
		FAIL("H6: heap %#llx: %llu records in the free lists, %llu free blocks", (unsigned long long)h->base,
		     (unsigned long long)in_lists, (unsigned long long)nfree);
	return NULL;
}
