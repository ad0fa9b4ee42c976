/*
 * heap_mem.c — the heap's structures as they appear in its memory
 * (heap_mem.h): HEAP, HEAP_SEGMENT and each block's HEAP_ENTRY, and the
 * PEB's list of heaps. ntdll writes them in user mode, so these are
 * ordinary accesses of the simulated CPU (uva.c): the first write to a
 * freshly committed heap page is its demand-zero fault.
 *
 * The bookkeeping heap.c keeps beside the memory is the truth; these
 * writes mirror it after every change, so that `db` and `dd` show what a
 * debugger would show in the same heap.
 */
#include "heap_mem.h"

#include "peb.h"
#include "mm/uva.h"

static const struct heap_abi abi32 = {
	8, 0x640, 0x680, 0x40, 0x1000, 0x20,
	0x08, 0x0C, 0x10, 0x14, 0x18, 0x1C, 0x20, 0x24, 0x28, 0x58,
	0x08, 0x0C, 0x10, 0x18, 0x1C, 0x20, 0x24, 0x28, 0x2C,
	0x10, 0x14,
};
static const struct heap_abi abi64 = {
	16, 0xA00, 0xA80, 0x80, 0x2000, 0x40,
	0x10, 0x14, 0x18, 0x1C, 0x20, 0x28, 0x30, 0x38, 0x40, 0xA0,
	0x10, 0x14, 0x18, 0x28, 0x30, 0x38, 0x40, 0x48, 0x4C,
	0x20, 0x28,
};

const struct heap_abi *heap_abi(const struct mm *m)
{
	return m->arch->id == MM_ARCH_X64 ? &abi64 : &abi32;
}

int heap_put(struct mm *m, uint64_t va, uint64_t v, int size, struct mm_err *err)
{
	return uva_write(m, va, v, size, false, err);
}

int heap_put_ptr(struct mm *m, uint64_t va, uint64_t v, struct mm_err *err)
{
	return heap_put(m, va, v, heap_abi(m)->gran / 2, err);
}

uint64_t heap_entry_value(uint64_t size, uint64_t prev, unsigned flags, uint64_t unused, unsigned seg,
			    unsigned gran)
{
	return ((size / gran) & 0xFFFF) | (((prev / gran) & 0xFFFF) << 16) | ((uint64_t)flags << 40) |
	       ((unused & 0xFF) << 48) | ((uint64_t)seg << 56);
}

/* HEAP_ENTRY of block i as its neighbours make it: PreviousSize from an
 * adjacent predecessor, LAST_ENTRY when no block follows directly. */
static int write_header(struct mm *m, uint32_t i, struct mm_err *err)
{
	const struct mm_hblock *b = B(i);
	unsigned gran = heap_abi(m)->gran;
	uint64_t prev = heap_adjacent(m, b->prev, i) ? B(b->prev)->size : 0;
	unsigned flags = (b->busy ? HEAP_ENTRY_BUSY : 0) | (heap_adjacent(m, i, b->next) ? 0 : HEAP_ENTRY_LAST_ENTRY);
	uint64_t unused = b->busy ? b->size - b->request : 0;
	uint64_t at = b->va + (gran == 16 ? 8 : 0);
	return heap_put(m, at, heap_entry_value(b->size, prev, flags, unused, b->seg, gran), 8, err);
}

/* Headers of blocks whose neighbours changed, each once. */
int heap_write_headers(struct mm *m, const uint32_t *list, int n, struct mm_err *err)
{
	for (int k = 0; k < n; k++) {
		bool seen = !list[k];
		for (int j = 0; j < k && !seen; j++)
			seen = list[j] == list[k];
		if (!seen && write_header(m, list[k], err) < 0)
			return -1;
	}
	return 0;
}

int heap_write_total_free(struct mm *m, const struct mm_heap *h, struct mm_err *err)
{
	return heap_put(m, h->base + heap_abi(m)->h_free, h->total_free / heap_abi(m)->gran, heap_abi(m)->gran / 2, err);
}

int heap_write_segment(struct mm *m, const struct mm_heap *h, unsigned s, uint64_t bytes, uint64_t ranges,
		       struct mm_err *err)
{
	const struct heap_abi *a = heap_abi(m);
	uint64_t seg = h->seg_base[s] + (s ? 0 : a->seg0_hdr);
	int w = (int)a->gran / 2;
	uint64_t pages = mm_bytes_pages(bytes);
	struct uva_field f[] = {
		{0, 8, heap_entry_value(heap_seg_first(m, h, s) - seg, 0, HEAP_ENTRY_BUSY, 0, s, a->gran)},
		{a->s_sig, 4, HEAP_SEGMENT_SIGNATURE},
		{a->s_heap, w, h->base},
		{a->s_base, w, h->seg_base[s]},
		{a->s_pages, 4, mm_bytes_pages(h->seg_end[s] - h->seg_base[s])},
		{a->s_first, w, heap_seg_first(m, h, s)},
		{a->s_last, w, h->seg_end[s]},
		{a->s_ucpages, 4, pages},
		{a->s_ucranges, 4, ranges},
	};
	if (uva_write_fields(m, seg, f, MM_ARRAY_LEN(f), false, err) < 0)
		return -1;
	return heap_put_ptr(m, h->base + a->h_segs + (uint64_t)s * (a->gran / 2), seg, err);
}

int heap_write_heap(struct mm *m, const struct mm_heap *h, struct mm_err *err)
{
	const struct heap_abi *a = heap_abi(m);
	int w = (int)a->gran / 2;
	struct uva_field f[] = {
		{0, 8, heap_entry_value(a->seg0_hdr, 0, HEAP_ENTRY_BUSY, 0, 0, a->gran)},
		{a->h_sig, 4, HEAP_SIGNATURE},
		{a->h_flags, 4, h->flags},
		{a->h_vmt, 4, HEAP_MAXIMUM_BLOCK_SIZE},
		{a->h_segres, w, h->segment_reserve},
		{a->h_segcom, w, PEB_HEAP_SEGMENT_COMMIT},
		{a->h_dcblock, w, PEB_HEAP_DECOMMIT_BLOCK / a->gran},
		{a->h_dctotal, w, PEB_HEAP_DECOMMIT_TOTAL / a->gran},
		{a->h_free, w, h->total_free / a->gran},
	};
	return uva_write_fields(m, h->base, f, MM_ARRAY_LEN(f), false, err);
}

int heap_write_peb_list(struct mm *m, struct proc *p, struct mm_err *err)
{
	const struct peb_abi *a = peb_abi(m);
	struct uva_field f[MM_HEAP_SEGMENTS + 2];
	size_t n = 0;
	unsigned k = 0;
	if (!p->peb)
		return 0;
	unsigned max = (MM_PAGE_SIZE - a->peb_struct) / a->ptr - 1; /* MaximumNumberOfHeaps, less the end marker */
	for (uint32_t i = p->heap_first; i && k < max; i = H(i)->next, k++) {
		f[n++] = (struct uva_field){a->peb_struct + k * a->ptr, (int)a->ptr, H(i)->base};
		if (n == MM_HEAP_SEGMENTS) {
			if (uva_write_fields(m, p->peb, f, n, false, err) < 0)
				return -1;
			n = 0;
		}
	}
	f[n++] = (struct uva_field){a->peb_struct + k * a->ptr, (int)a->ptr, 0}; /* a destroyed heap's slot */
	f[n++] = (struct uva_field){a->peb_nheaps, 4, p->nheaps};
	return uva_write_fields(m, p->peb, f, n, false, err);
}

unsigned heap_granularity(const struct mm *m)
{
	return heap_abi(m)->gran;
}
