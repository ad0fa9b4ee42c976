/*
 * heap.c — the NT heap of Windows XP/Server 2003 (S03 rtl/heap.c,
 * docs/reference.md R-HEAP) on top of VirtualAlloc (heap.h).
 *
 * A heap is one or more segments, each a reservation made with
 * VirtualAlloc(MEM_RESERVE) and committed from its start as far as
 * needed. Segment 0 begins with the HEAP structure (signature 0xEEFFEEFF)
 * and its HEAP_SEGMENT (0xFFEEFFEE); blocks follow. Each block begins with
 * an 8-byte (32-bit Windows) or 16-byte (64-bit) HEAP_ENTRY:
 *
 *   32-bit  +0 Size  +2 PreviousSize  +4 SmallTagIndex  +5 Flags  +6 UnusedBytes  +7 SegmentIndex
 *   64-bit  +0 PreviousBlockPrivateData (8 bytes), then the same eight bytes at +8
 *
 * Sizes count granules (8 or 16 bytes); Flags: BUSY 0x01, EXTRA_PRESENT
 * 0x02, VIRTUAL_ALLOC 0x08, LAST_ENTRY 0x10 (the last block before an
 * uncommitted range or the segment's end). User pointers follow the
 * header, so they are 8- or 16-byte aligned (MEMORY_ALLOCATION_ALIGNMENT).
 *
 * The bookkeeping lives in journaled host records (struct mm_heap and
 * struct mm_hblock, machine.h): blocks of a heap in one list by address,
 * free and busy alike, tiling the committed parts of the segments; a gap
 * between two blocks of a segment is an uncommitted range. Every header a
 * change touches is also written into the heap's memory, in user mode
 * through the simulated CPU (uva.c), so `db` shows it and the first use of
 * a fresh page is a demand-zero fault, as in Windows (heap_mem.c).
 *
 * No HeapAlloc or HeapFree walks the blocks (docs/quality.md Q-PERF):
 * heap_block.c keeps, beside the list, the NT heap's free lists by size
 * (FreeLists[1..127] for blocks of that many granules, FreeLists[0] for
 * the larger ones ordered by size, and the FreeListsInUse bitmap), an
 * address tree that finds the block at a pointer and the block before an
 * address, and in that tree's nodes summaries of the uncommitted ranges
 * that follow blocks, which give RtlpFindAndCommitPages' first fit and
 * the HEAP_SEGMENT's counts. Each costs O(1) or O(log n) in the blocks;
 * neighbours are the list's links, O(1). Only HeapDestroy, process exit
 * and `!heap` visit every block.
 *
 * The rules, after RtlAllocateHeap and RtlFreeHeap:
 *   - AllocationSize = round_up((size ? size : 1) + header, granule);
 *     above VirtualMemoryThreshold (0xFE00 granules: 508 KB / 1016 KB) the
 *     block gets its own VirtualAlloc(MEM_COMMIT) region with a
 *     HEAP_VIRTUAL_ALLOC_ENTRY in front, in growable heaps; a fixed heap
 *     refuses (STATUS_BUFFER_TOO_SMALL).
 *   - A free block that fits is split; a remainder of one granule cannot
 *     be a free block and stays with the allocation. The NT heap keeps
 *     free lists by size, so it takes the smallest block that fits: the
 *     exact list, else the next non-empty one the bitmap shows, else the
 *     first large enough in FreeLists[0]. Windows' order among blocks of
 *     one size is the order they were freed in; this heap takes the
 *     lowest address among equals, which does not depend on history and
 *     is what it has always shown (heap_block.c).
 *   - No free block fits: the first uncommitted range large enough gets
 *     round_up(AllocationSize, page) committed (RtlpFindAndCommitPages);
 *     none, and the heap is growable: a new segment is reserved, of
 *     max(SegmentReserve, request + a page) (SegmentReserve then grows by
 *     that much) with max(SegmentCommit, request + a page) committed.
 *   - A freed block merges with free neighbours (up to the largest block
 *     size). If it is larger than DeCommitFreeBlockThreshold (1 page) and
 *     the heap's free bytes pass DeCommitTotalFreeThreshold (64 KB), its
 *     whole pages are decommitted (RtlpDeCommitFreeBlock): free fragments
 *     of one granule cannot exist, so such a fragment takes a page more.
 *
 * HeapCreate(options, initial, maximum) is kernel32's: maximum 0 makes a
 * growable heap; then RtlCreateHeap rounds the commit to
 * MINIMUM_HEAP_COMMIT (4 KB, 8 KB on 64-bit; initial 0 gives that) and the
 * reservation to 64 pages of it when none is given, or to the commit
 * rounded to 64 KB. The default process heap is growable with the image's
 * 1 MB reserve and 4 KB commit.
 *
 * Invariants (check.c runs heap_check):
 *   H1. A process's heap list has nheaps heaps, each with its pid, and
 *       its tree by handle the same heaps.
 *   H2. Blocks are in address order, do not overlap, lie inside one of
 *       the heap's segments, and are whole granules of at least two.
 *   H3. total_free is the sum of the free blocks' sizes.
 *   H4. A busy block holds its request plus its header.
 *   H2 also: a segment's first block starts at its first block address,
 *       and a block followed by an uncommitted range ends on a page.
 *   H5-H6 (heap_block.c): the address tree and the free lists index
 *       exactly the heap's blocks.
 * They are about the bookkeeping only: a program may VirtualFree its heap's
 * memory (and crash on its next HeapAlloc), as on Windows.
 *
 * Structure offsets other than HEAP_ENTRY follow the XP/2003 layouts
 * (32-bit from public symbols, 64-bit laid out by the same rules); they
 * make the headers recognisable in `dd`, nothing depends on them.
 */
#include "heap.h"

#include <stdio.h>

#include "peb.h"
#include "base/avl.h"
#include "base/consts.h"
#include "heap_block.h"
#include "heap_mem.h"
#include "mm/uva.h"
#include "mm/vad.h"
#include "mm/vm.h"
#include "w32msg.h"

/* ---- the headers a change touches ---------------------------------------------- */

/* A block that merged into another or went away needs no header: it is
 * dropped from the list of headers to write. */
static void scrub(uint32_t *touched, int nt, uint32_t gone)
{
	for (int k = 0; k < nt; k++)
		if (touched[k] == gone)
			touched[k] = 0;
}

/* ---- the process's list of heaps and PEB.ProcessHeaps ----------------------------- */

/* The heaps by handle, so that every HeapAlloc and HeapFree finds its
 * heap in O(log n); the list keeps the order of creation, which
 * PEB.ProcessHeaps and !heap show. */
static struct avl_link *base_link(const struct mm *m, uint32_t i) { return &H(i)->by_base; }
static int by_base(const struct mm *m, uint32_t a, uint32_t b)
{
	return H(a)->base < H(b)->base ? -1 : H(a)->base > H(b)->base;
}
static const struct avl_class heap_class = {.link = base_link, .cmp = by_base};

uint32_t heap_find(const struct mm *m, const struct proc *p, uint64_t handle)
{
	uint32_t i = p->heap_by_base;
	while (i && H(i)->base != handle)
		i = handle < H(i)->base ? H(i)->by_base.left : H(i)->by_base.right;
	return i;
}

static void list_append(struct mm *m, struct proc *p, uint32_t idx)
{
	uint32_t *link = &p->heap_first;
	while (*link)
		link = &H(*link)->next;
	MM_SET32(m, link, idx);
	MM_SET32(m, &p->nheaps, p->nheaps + 1);
	avl_insert(m, &heap_class, &p->heap_by_base, idx);
}

static void list_remove(struct mm *m, struct proc *p, uint32_t idx)
{
	uint32_t *link = &p->heap_first;
	while (*link != idx)
		link = &H(*link)->next;
	MM_SET32(m, link, H(idx)->next);
	MM_SET32(m, &p->nheaps, p->nheaps - 1);
	avl_remove(m, &heap_class, &p->heap_by_base, idx);
}

/* ---- segments -------------------------------------------------------------------- */

static void forget(struct mm *m, struct proc *p, uint32_t hi);

static void mark_region(struct mm *m, struct proc *p, uint64_t va, uint32_t heap)
{
	uint32_t v = vad_find(m, p, mm_page_number(va));
	if (v)
		vad_set_usage(m, v, VUSE_HEAP, heap);
}

/* Reserves and commits a new segment s; its committed part becomes one
 * free block (or two, past the largest block size). */
static int add_segment(struct mm *m, struct proc *p, uint32_t hi, uint64_t reserve, uint64_t commit,
		       struct mm_err *err)
{
	struct mm_heap *h = H(hi);
	unsigned s = h->nsegments;
	uint64_t base;
	if (s == MM_HEAP_SEGMENTS)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, WM_HEAP_SEGMENTS,
			       (unsigned long long)h->base, MM_HEAP_SEGMENTS);
	if (vm_alloc(m, p, 0, reserve, MEM_RESERVE, PAGE_READWRITE, &base, err) < 0 ||
	    vm_alloc(m, p, base, commit, MEM_COMMIT, PAGE_READWRITE, &base, err) < 0)
		return -1;
	mark_region(m, p, base, hi);
	if (s == 0)
		MM_SET64(m, &h->base, base);
	MM_SET64(m, &h->seg_base[s], base);
	MM_SET64(m, &h->seg_end[s], base + heap_up(reserve, MM_PAGE_SIZE));
	MM_SET32(m, &h->nsegments, s + 1);
	return 0;
}

/* ---- free space ---------------------------------------------------------------- */

/* Inserts [va, va+size) of segment s as free, right after block `before`
 * (0: at the front), merging with free neighbours while the result stays
 * within the largest block. Returns the block. */
static uint32_t insert_free(struct mm *m, uint32_t hi, uint32_t before, uint64_t va, uint64_t size, uint8_t seg,
			    uint32_t *touched, int *nt, struct mm_err *err)
{
	struct mm_heap *h = H(hi);
	uint32_t after = before ? B(before)->next : h->first;
	MM_SET64(m, &h->total_free, h->total_free + size);
	if (before && !B(before)->busy && B(before)->va + B(before)->size == va &&
	    B(before)->size + size <= heap_max_block(m)) {
		heap_block_set(m, hi, before, B(before)->size + size, false);
	} else {
		uint32_t i = heap_block_new(m, hi, before, va, size, false, seg, err);
		if (!i)
			return 0;
		before = i;
	}
	if (heap_adjacent(m, before, after) && !B(after)->busy && B(before)->size + B(after)->size <= heap_max_block(m)) {
		uint64_t more = B(after)->size;
		heap_block_delete(m, hi, after);
		heap_block_set(m, hi, before, B(before)->size + more, false);
		scrub(touched, *nt, after);
	}
	touched[(*nt)++] = B(before)->prev;
	touched[(*nt)++] = before;
	touched[(*nt)++] = B(before)->next;
	return before;
}

/* RtlpFindAndCommitPages: the first uncommitted range of `need` bytes or
 * more, segment by segment; *seg and *at get where it starts, *before the
 * block it follows. */
static bool find_uncommitted(const struct mm *m, const struct mm_heap *h, uint64_t need, unsigned *seg, uint64_t *at,
			     uint32_t *before)
{
	for (unsigned s = 0; s < h->nsegments; s++) {
		uint32_t b = heap_block_gap(m, h, s, need);
		if (b)
			return *seg = s, *before = b, *at = heap_up(B(b)->va + B(b)->size, MM_PAGE_SIZE), true;
	}
	return false;
}
/* The segment's header in memory, with its uncommitted ranges from the
 * address tree (heap_block.c). */
static int write_segment(struct mm *m, const struct mm_heap *h, unsigned s, struct mm_err *err)
{
	uint64_t bytes, ranges;
	heap_block_gaps(m, h, s, &bytes, &ranges);
	return heap_write_segment(m, h, s, bytes, ranges, err);
}


/* RtlpExtendHeap: commits more of a segment, or adds a segment. Returns a
 * free block of at least size bytes, 0 when there is no room. */
static uint32_t extend(struct mm *m, struct proc *p, uint32_t hi, uint64_t size, uint32_t *touched, int *nt,
		       struct mm_err *err)
{
	struct mm_heap *h = H(hi);
	uint64_t need = heap_up(size, MM_PAGE_SIZE), at;
	unsigned s;
	uint32_t before;
	if (find_uncommitted(m, h, need, &s, &at, &before)) {
		if (vm_alloc(m, p, at, need, MEM_COMMIT, PAGE_READWRITE, &at, err) < 0)
			return 0;
		uint32_t b = insert_free(m, hi, before, at, need, (uint8_t)s, touched, nt, err);
		return b && write_segment(m, h, s, err) == 0 ? b : 0;
	}
	if (!heap_growable(h))
		return mm_fail_tr(err, "STATUS_NO_MEMORY", 2, WM_HEAP_FIXED_FULL,
			       (unsigned long long)h->base, (unsigned long long)size), 0;
	uint64_t reserve = heap_up(MM_MAX(h->segment_reserve, size + heap_abi(m)->seg_first + MM_PAGE_SIZE), MM_ALLOC_GRANULARITY);
	uint64_t commit = heap_up(MM_MAX(PEB_HEAP_SEGMENT_COMMIT, size + heap_abi(m)->seg_first), MM_PAGE_SIZE);
	if (add_segment(m, p, hi, reserve, commit, err) < 0)
		return 0;
	s = h->nsegments - 1;
	MM_SET64(m, &h->segment_reserve, h->segment_reserve + reserve);
	uint64_t first = heap_seg_first(m, h, s);
	uint32_t b = insert_free(m, hi, heap_block_before(m, h, first), first, h->seg_base[s] + commit - first, (uint8_t)s,
				 touched, nt, err);
	return b && write_segment(m, h, s, err) == 0 && heap_write_heap(m, h, err) == 0 ? b : 0;
}

/* ---- HeapCreate -------------------------------------------------------------------- */

static int heap_init(struct mm *m, struct proc *p, uint32_t flags, uint64_t reserve, uint64_t commit,
		     uint64_t *handle, struct mm_err *err)
{
	uint32_t hi = slab_alloc(&m->heaps, &m->hist);
	if (!hi)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, WM_HEAP_MAX);
	struct mm_heap *h = H(hi);
	for (unsigned s = 0; s < MM_HEAP_SEGMENTS; s++) { /* a reused record: every field through the journal */
		MM_SET64(m, &h->seg_base[s], 0);
		MM_SET64(m, &h->seg_end[s], 0);
	}
	MM_SET64(m, &h->base, 0);
	MM_SET64(m, &h->max_size, flags & HEAP_GROWABLE ? 0 : reserve);
	MM_SET64(m, &h->segment_reserve, PEB_HEAP_SEGMENT_RESERVE);
	MM_SET64(m, &h->total_free, 0);
	MM_SET32(m, &h->pid, p->pid);
	MM_SET32(m, &h->next, 0);
	heap_block_init(m, hi);
	MM_SET32(m, &h->nsegments, 0);
	MM_SET32(m, &h->flags, flags);
	if (add_segment(m, p, hi, reserve, commit, err) < 0)
		return -1;
	/* A heap at this address already: its first segment was released
	 * under it (VirtualFree), or the address could not be free. Windows
	 * keeps that dangling entry in the PEB's heap list; here it is
	 * forgotten, so a handle names one heap (H1, docs/simplifications.md
	 * SIMP-HEAP). */
	uint32_t stale = heap_find(m, p, h->base);
	if (stale)
		forget(m, p, stale);
	list_append(m, p, hi);
	uint32_t touched[3];
	int nt = 0;
	uint64_t first = heap_seg_first(m, h, 0);
	if (!insert_free(m, hi, 0, first, h->seg_base[0] + commit - first, 0, touched, &nt, err) ||
	    heap_write_heap(m, h, err) < 0 || write_segment(m, h, 0, err) < 0 || heap_write_headers(m, touched, nt, err) < 0 ||
	    heap_write_peb_list(m, p, err) < 0)
		return -1;
	*handle = h->base;
	return 0;
}

/* RtlCreateHeap's sizes (S03 heap.c): the commit is at least
 * MINIMUM_HEAP_COMMIT; without a reserve, 64 of those, or the commit
 * rounded to 64 KB. It must also hold the heap's own header. */
static void create_sizes(const struct mm *m, uint64_t reserve, uint64_t *commit, uint64_t *out_reserve)
{
	uint64_t minc = heap_abi(m)->min_commit;
	if (!*commit) {
		*commit = minc;
		*out_reserve = reserve ? heap_up(reserve, minc) : 64 * minc;
	} else {
		*commit = heap_up(*commit, minc);
		*out_reserve = reserve ? heap_up(reserve, minc) : heap_up(*commit, 16 * MM_PAGE_SIZE);
		if (*commit > *out_reserve)
			*commit = *out_reserve;
	}
}

int heap_create(struct mm *m, struct proc *p, uint32_t options, uint64_t initial, uint64_t maximum,
		uint64_t *handle, struct mm_err *err)
{
	uint32_t flags = options & (HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS);
	if (mm_round_wraps(initial, MM_ALLOC_GRANULARITY)) /* create_sizes rounds up to 64 KB at most */
		return mm_fail_wrap(err, "STATUS_INVALID_PARAMETER", 1, 0, initial, MM_ALLOC_GRANULARITY);
	if (mm_round_wraps(maximum, MM_ALLOC_GRANULARITY))
		return mm_fail_wrap(err, "STATUS_INVALID_PARAMETER", 2, 0, maximum, MM_ALLOC_GRANULARITY);
	if (maximum < MM_PAGE_SIZE) { /* kernel32 HeapCreate */
		if (maximum == 0)
			flags |= HEAP_GROWABLE;
		else
			maximum = MM_PAGE_SIZE;
	}
	if (!(flags & HEAP_GROWABLE) && initial > maximum)
		maximum = initial;
	uint64_t reserve, commit = initial;
	create_sizes(m, maximum, &commit, &reserve);
	return heap_init(m, p, flags, reserve, commit, handle, err);
}

int heap_create_process_heap(struct mm *m, struct proc *p, uint64_t reserve, uint64_t commit, struct mm_err *err)
{
	uint64_t r, c = commit, handle;
	create_sizes(m, reserve, &c, &r);
	if (heap_init(m, p, HEAP_GROWABLE, r, c, &handle, err) < 0)
		return -1;
	MM_SET64(m, &p->process_heap, handle);
	return peb_write(m, p, peb_abi(m)->peb_process_heap, handle, (int)peb_abi(m)->ptr, err);
}

/* ---- HeapAlloc ----------------------------------------------------------------------- */

/* Carves size bytes (a whole number of granules) from free block i. */
static int split(struct mm *m, uint32_t hi, uint32_t i, uint64_t size, uint64_t request, uint32_t *touched,
		 int *nt, struct mm_err *err)
{
	struct mm_hblock *b = B(i);
	uint64_t rest = b->size - size;
	MM_SET64(m, &H(hi)->total_free, H(hi)->total_free - b->size);
	if (rest <= heap_abi(m)->gran) /* one granule cannot be a free block: it stays with the allocation */
		size = b->size, rest = 0;
	heap_block_set(m, hi, i, size, true);
	MM_SET64(m, &b->request, request);
	touched[(*nt)++] = b->prev;
	touched[(*nt)++] = i;
	touched[(*nt)++] = b->next;
	if (rest && !insert_free(m, hi, i, b->va + size, rest, b->seg, touched, nt, err))
		return -1;
	return 0;
}

static int alloc_big(struct mm *m, struct proc *p, uint32_t hi, uint64_t size, uint64_t *ptr, struct mm_err *err)
{
	const struct heap_abi *a = heap_abi(m);
	uint64_t total = heap_up(size + a->big_hdr, MM_PAGE_SIZE), base;
	if (vm_alloc(m, p, 0, size + a->big_hdr, MEM_COMMIT, PAGE_READWRITE, &base, err) < 0)
		return -1;
	mark_region(m, p, base, hi);
	if (!heap_block_big_new(m, hi, base, total, size, err))
		return -1;
	uint64_t busy = base + a->big_hdr - a->gran;
	unsigned flags = HEAP_ENTRY_VIRTUAL_ALLOC | HEAP_ENTRY_EXTRA_PRESENT | HEAP_ENTRY_BUSY;
	if (heap_put_ptr(m, base + a->v_commit, total, err) < 0 || heap_put_ptr(m, base + a->v_reserve, total, err) < 0 ||
	    heap_put(m, busy + (a->gran == 16 ? 8 : 0), ((total - size) & 0xFFFF) | ((uint64_t)flags << 40), 8, err) < 0)
		return -1;
	*ptr = base + a->big_hdr;
	return 0;
}

int heap_alloc(struct mm *m, struct proc *p, uint64_t handle, uint32_t flags, uint64_t size, uint64_t *ptr,
	       struct mm_err *err)
{
	const struct heap_abi *a = heap_abi(m);
	uint32_t hi = heap_find(m, p, handle);
	if (!hi)
		return mm_fail_tr(err, "STATUS_INVALID_HANDLE", 1, WM_HEAP_NOT, (unsigned long long)handle);
	if (size > 0x7fffffffull)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", 2, WM_HEAP_BLOCK_BIG, (unsigned long long)size);
	uint64_t asize = heap_up((size ? size : 1) + a->gran, a->gran);
	if (asize > heap_max_block(m)) {
		if (!heap_growable(H(hi)))
			return mm_fail_tr(err, "STATUS_BUFFER_TOO_SMALL", 2,
				       WM_HEAP_FIXED_MAX,
				       (unsigned long long)heap_max_block(m));
		return alloc_big(m, p, hi, size, ptr, err);
	}
	uint32_t touched[12];
	int nt = 0;
	uint32_t i = heap_block_best_fit(m, H(hi), asize);
	if (!i && !(i = extend(m, p, hi, asize, touched, &nt, err)))
		return -1;
	if (split(m, hi, i, asize, size, touched, &nt, err) < 0)
		return -1;
	*ptr = B(i)->va + a->gran;
	if (heap_write_headers(m, touched, nt, err) < 0 || heap_write_total_free(m, H(hi), err) < 0)
		return -1;
	return flags & HEAP_ZERO_MEMORY ? uva_zero(m, *ptr, size, false, err) : 0;
}

/* ---- HeapFree ------------------------------------------------------------------------ */

/* RtlpDeCommitFreeBlock: the whole pages of free block i go back to
 * reserved; fragments at either end stay free blocks. */
static int decommit_block(struct mm *m, struct proc *p, uint32_t hi, uint32_t i, uint32_t *touched, int *nt,
			  struct mm_err *err)
{
	struct mm_heap *h = H(hi);
	unsigned gran = heap_abi(m)->gran;
	uint64_t va = B(i)->va, end = va + B(i)->size, seg = B(i)->seg;
	uint64_t dstart = heap_up(va, MM_PAGE_SIZE), dend = mm_page_base(end);
	if (dstart - va == gran)
		dstart += MM_PAGE_SIZE;
	if (end - dend == gran)
		dend -= MM_PAGE_SIZE;
	if (dend <= dstart)
		return 0;
	if (vm_free(m, p, dstart, dend - dstart, MEM_DECOMMIT, err) < 0)
		return -1;
	MM_SET64(m, &h->total_free, h->total_free - (dend - dstart));
	uint32_t prev = B(i)->prev;
	if (dstart > va) {
		heap_block_set(m, hi, i, dstart - va, false);
		prev = i;
	} else {
		heap_block_delete(m, hi, i);
		scrub(touched, *nt, i); /* its header went with its page */
	}
	touched[(*nt)++] = prev;
	if (end > dend) {
		uint32_t t = heap_block_new(m, hi, prev, dend, end - dend, false, (uint8_t)seg, err);
		if (!t)
			return -1;
		touched[(*nt)++] = t;
		touched[(*nt)++] = B(t)->next;
	}
	return write_segment(m, h, (unsigned)seg, err);
}

int heap_free(struct mm *m, struct proc *p, uint64_t handle, uint64_t ptr, struct mm_err *err)
{
	const struct heap_abi *a = heap_abi(m);
	uint32_t hi = heap_find(m, p, handle);
	if (!hi)
		return mm_fail_tr(err, "STATUS_INVALID_HANDLE", 1, WM_HEAP_NOT, (unsigned long long)handle);
	struct mm_heap *h = H(hi);
	uint32_t i = ptr >= a->big_hdr ? heap_block_find_big(m, h, ptr - a->big_hdr, false) : 0;
	if (i) {
		uint64_t base = B(i)->va;
		heap_block_big_delete(m, hi, i);
		return vm_free(m, p, base, 0, MEM_RELEASE, err);
	}
	i = ptr >= a->gran ? heap_block_find(m, h, ptr - a->gran) : 0;
	if (!i || !B(i)->busy)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 2, WM_HEAP_NOT_BLOCK,
			       (unsigned long long)ptr, (unsigned long long)handle);
	uint64_t va = B(i)->va, size = B(i)->size;
	uint8_t seg = B(i)->seg;
	uint32_t prev = B(i)->prev;
	heap_block_delete(m, hi, i);
	uint32_t touched[12];
	int nt = 0;
	uint32_t f = insert_free(m, hi, prev, va, size, seg, touched, &nt, err);
	if (!f)
		return -1;
	if (B(f)->size > PEB_HEAP_DECOMMIT_BLOCK && h->total_free > PEB_HEAP_DECOMMIT_TOTAL &&
	    decommit_block(m, p, hi, f, touched, &nt, err) < 0)
		return -1;
	return heap_write_headers(m, touched, nt, err) < 0 ? -1 : heap_write_total_free(m, h, err);
}

/* ---- HeapDestroy ---------------------------------------------------------------------- */

static void forget(struct mm *m, struct proc *p, uint32_t hi)
{
	heap_block_forget_all(m, hi);
	list_remove(m, p, hi);
	slab_release(&m->heaps, &m->hist, hi);
}

int heap_destroy(struct mm *m, struct proc *p, uint64_t handle, struct mm_err *err)
{
	uint32_t hi = heap_find(m, p, handle);
	if (!hi)
		return mm_fail_tr(err, "STATUS_INVALID_HANDLE", 1, WM_HEAP_NOT, (unsigned long long)handle);
	if (handle == p->process_heap) /* RtlDestroyHeap hands the process heap back: kernel32 fails */
		return mm_fail_tr(err, "STATUS_INVALID_HANDLE", 1, WM_HEAP_DEFAULT);
	struct mm_heap *h = H(hi);
	for (uint32_t i = h->big; i; i = B(i)->next)
		if (vm_free(m, p, B(i)->va, 0, MEM_RELEASE, err) < 0)
			return -1;
	for (unsigned s = h->nsegments; s-- > 0;)
		if (vm_free(m, p, h->seg_base[s], 0, MEM_RELEASE, err) < 0)
			return -1;
	forget(m, p, hi);
	return heap_write_peb_list(m, p, err);
}

void heap_forget_process(struct mm *m, struct proc *p)
{
	while (p->heap_first)
		forget(m, p, p->heap_first);
	MM_SET64(m, &p->process_heap, 0);
}

uint32_t heap_owning(const struct mm *m, const struct proc *p, uint64_t va)
{
	for (uint32_t hi = p->heap_first; hi; hi = H(hi)->next) {
		const struct mm_heap *h = H(hi);
		for (unsigned s = 0; s < h->nsegments; s++)
			if (va >= h->seg_base[s] && va < h->seg_end[s])
				return hi;
		if (heap_block_find_big(m, h, va, true))
			return hi;
	}
	return 0;
}

/* ---- invariants ---------------------------------------------------------------------- */

#define FAIL(...) return (snprintf(buf, n, __VA_ARGS__), buf)

static const char *check_blocks(const struct mm *m, const struct mm_heap *h, char *buf, size_t n)
{
	unsigned gran = heap_abi(m)->gran;
	uint64_t free = 0, end = 0, count = 0;
	for (uint32_t i = h->first; i; i = B(i)->next, count++) {
		const struct mm_hblock *b = B(i);
		if (b->seg >= h->nsegments || b->va < heap_seg_first(m, h, b->seg) || b->va + b->size > h->seg_end[b->seg])
			FAIL("H2: heap %#llx: block %#llx+%#llx lies outside its segment", (unsigned long long)h->base,
			     (unsigned long long)b->va, (unsigned long long)b->size);
		if (b->va < end || b->size % gran || b->size < 2ull * gran)
			FAIL("H2: heap %#llx: block %#llx (size %#llx) overlaps or is not whole granules",
			     (unsigned long long)h->base, (unsigned long long)b->va, (unsigned long long)b->size);
		if ((!b->prev || B(b->prev)->seg != b->seg) && b->va != heap_seg_first(m, h, b->seg))
			FAIL("H2: heap %#llx: segment %u begins with block %#llx, not at %#llx", (unsigned long long)h->base,
			     b->seg, (unsigned long long)b->va, (unsigned long long)heap_seg_first(m, h, b->seg));
		if (heap_block_gap_after(m, i) && (b->va + b->size) % MM_PAGE_SIZE)
			FAIL("H2: heap %#llx: block %#llx ends inside a page before an uncommitted range",
			     (unsigned long long)h->base, (unsigned long long)b->va);
		if (b->busy && b->request + gran > b->size)
			FAIL("H4: heap %#llx: block %#llx holds %llu bytes in %llu", (unsigned long long)h->base,
			     (unsigned long long)b->va, (unsigned long long)b->request, (unsigned long long)b->size);
		free += b->busy ? 0 : b->size;
		end = b->va + b->size;
	}
	if (free != h->total_free)
		FAIL("H3: heap %#llx: free blocks hold %llu bytes, total_free says %llu", (unsigned long long)h->base,
		     (unsigned long long)free, (unsigned long long)h->total_free);
	return heap_block_check(m, h, count, buf, n);
}

const char *heap_check(const struct mm *m, const struct proc *p, char *buf, size_t n)
{
	uint32_t count = 0;
	for (uint32_t hi = p->heap_first; hi; hi = H(hi)->next, count++) {
		if (H(hi)->pid != p->pid || count > p->nheaps)
			FAIL("H1: process %u: heap %#llx belongs to pid %u", p->pid, (unsigned long long)H(hi)->base,
			     H(hi)->pid);
		if (heap_find(m, p, H(hi)->base) != hi)
			FAIL("H1: process %u: heap %#llx is not found by its handle", p->pid, (unsigned long long)H(hi)->base);
		const char *r = check_blocks(m, H(hi), buf, n);
		if (r)
			return r;
	}
	if (count != p->nheaps)
		FAIL("H1: process %u has %u heaps listed, nheaps says %u", p->pid, count, p->nheaps);
	uint64_t indexed;
	const char *r = avl_check(m, &heap_class, p->heap_by_base, "the heaps by handle", &indexed, buf, n);
	if (r)
		return r;
	if (indexed != count)
		FAIL("H1: process %u has %u heaps listed, %llu by handle", p->pid, count, (unsigned long long)indexed);
	return NULL;
}
