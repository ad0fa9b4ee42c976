/*
 * physmem.c — simulated RAM contents and page copies (physmem.h).
 *
 * The arena. All frames' bytes live in one range of host address space,
 * reserved at boot for the whole of RAM and never moved, so frame f is at
 * base + f * 4 KB: one index, no look-up (docs/quality.md Q-PERF). Nothing
 * is backed at boot. The range is cut into chunks of 512 frames (2 MiB),
 * each grown in two steps and never shrunk while the machine lives:
 *
 *   not grown   no frame written: every frame reads zero, no host memory.
 *   one frame   the first non-zero write into the chunk makes it usable in
 *               4 KB host pages; only that frame is ever touched (the
 *               others still read zero without a look). A touch that only
 *               reads writes a page table every 512 pages: 4 KB each.
 *   many        a non-zero write into a second frame turns the chunk into
 *               one host huge page (MADV_COLLAPSE): the other 510 frames
 *               then cost no page fault. A 1 GiB touch that writes costs
 *               the host 512 page faults, not 262,144.
 *
 * A chunk not grown reads as zero without touching host memory. With an
 * injected allocator (tests) the arena is one block of it, taken at the
 * first write, so that running out of it can be made to happen
 * (tests/unit/17_allocfail.c).
 *
 * The trade: a chunk with two frames written costs 2 MiB of host memory,
 * and a frame zeroed again keeps its host memory; a 64 GiB machine that is
 * written all over costs 64 GiB.
 *
 * Rules:
 *   P1. A frame the chunk's state does not name (not grown; one frame,
 *       another) reads as all zero; a chunk is grown before a non-zero word
 *       is written into it and stays grown (J1).
 *   P2. A page copy's buffer is released to the slab only when all of its
 *       words are 0, so the slab may hand it out again without clearing
 *       it; handle 0 means all zero (checked by check.c, F5).
 *   P3. Every word change goes through the journal, so contents step back.
 */
#include "physmem.h"

#define WORDS (MM_PAGE_SIZE / 8)
#define CHUNK_SHIFT 9                    /* 512 frames: one 2 MiB huge page */
#define CHUNK_BYTES ((size_t)mm_pages_bytes(1u << CHUNK_SHIFT))
#define CONTENT_LIMIT (1u << 26)         /* 64 Mi page copies: never the binding limit */

int physmem_init(struct mm *m)
{
	struct physmem_ram *r = &m->ram;
	memset(r, 0, sizeof *r);
	r->whole = m->alloc.fn != NULL;
	r->chunk_shift = r->whole ? 32 : CHUNK_SHIFT;
	r->nchunks = (uint32_t)(((uint64_t)m->npages + (1ull << r->chunk_shift) - 1) >> r->chunk_shift);
	r->size = r->whole ? (size_t)mm_pages_bytes(m->npages) : (size_t)r->nchunks * CHUNK_BYTES;
	r->chunk = mm_calloc(&m->alloc, r->nchunks, sizeof *r->chunk);
	if (!r->chunk)
		return -1;
	if (!r->whole && !(r->base = mm_reserve(r->size, CHUNK_BYTES)))
		return -1;
	return slab_init(&m->physmem, &m->alloc, MM_PAGE_SIZE, CONTENT_LIMIT);
}

void physmem_fini(struct mm *m)
{
	struct physmem_ram *r = &m->ram;
	if (r->whole)
		mm_free_mem(&m->alloc, r->base, r->chunk && r->chunk[0] ? r->size : 0);
	else
		mm_reserve_free(r->base, r->size);
	mm_free_mem(&m->alloc, r->chunk, r->nchunks * sizeof *r->chunk);
	memset(r, 0, sizeof *r);
	slab_fini(&m->physmem);
}

static uint32_t chunk_of(const struct mm *m, uint32_t pfn)
{
	return (uint32_t)((uint64_t)pfn >> m->ram.chunk_shift);
}

/* The chunk state that names the frame as its one frame written. */
static uint16_t one_frame(const struct mm *m, uint32_t pfn)
{
	return (uint16_t)(1 + ((uint64_t)pfn & ((1ull << m->ram.chunk_shift) - 1)));
}

/* The frame's words for writing (physmem_words, physmem.h), NULL while the
 * frame reads zero (P1). */
static uint64_t *frame_words(struct mm *m, uint32_t pfn)
{
	return (uint64_t *)(uintptr_t)physmem_words(m, pfn);
}

/* Makes the frame's words usable (P1): the chunk grown in 4 KB pages for
 * its first frame, turned into a huge page for a second. Running out of
 * host memory throws inside a command (hist_throw_oom) and returns NULL
 * elsewhere. */
static uint64_t *grow(struct mm *m, uint32_t pfn)
{
	struct physmem_ram *r = &m->ram;
	uint32_t c = chunk_of(m, pfn);
	uint8_t *chunk = r->base + (size_t)c * CHUNK_BYTES;
	int rc = 0;
	if (r->whole)
		rc = (r->base = mm_calloc(&m->alloc, m->npages, MM_PAGE_SIZE)) ? 0 : -1;
	else if (r->chunk[c])
		mm_reserve_huge(chunk, CHUNK_BYTES); /* the frames are usable already */
	else
		rc = mm_reserve_grow(chunk, CHUNK_BYTES, false);
	if (rc < 0) {
		hist_throw_oom(&m->hist);
		return NULL;
	}
	bool first = !r->whole && !r->chunk[c];
	r->chunk[c] = r->whole || r->chunk[c] ? PHYSMEM_CHUNK_MANY : one_frame(m, pfn);
	uint64_t *w = frame_words(m, pfn);
	if (first) /* the host page written before the journal reads it: one host fault, not a read then a write */
		*(volatile uint64_t *)w = 0;
	return w;
}

const void *physmem_bytes(const struct mm *m, uint32_t pfn)
{
	return physmem_words(m, pfn);
}

static bool all_zero(const uint64_t *w)
{
	for (unsigned i = 0; i < WORDS; i++)
		if (w[i])
			return false;
	return true;
}

static int write_word(struct mm *m, uint32_t pfn, uint32_t idx, uint64_t v)
{
	uint64_t *w = frame_words(m, pfn);
	if (!w) {
		if (!v)
			return 0;
		if (!(w = grow(m, pfn)))
			return -1;
	}
	MM_SET64(m, &w[idx], v);
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

static const uint64_t zero_words[WORDS];

/* The first word from i on where pages a and b differ (NULL reads zero),
 * WORDS when none. A copy changes few words of a page or all of them
 * (only those are written, J3): blocks of DIFF_BLOCK words are compared
 * with memcmp (the host's vector compare), and only a block that differs
 * is read a word at a time. */
#define DIFF_BLOCK 64u
static unsigned next_diff(const uint64_t *a, const uint64_t *b, unsigned i)
{
	a = a ? a : zero_words;
	b = b ? b : zero_words;
	if (a == b)
		return WORDS;
	while (i < WORDS) {
		unsigned end = (i / DIFF_BLOCK + 1) * DIFF_BLOCK;
		if (memcmp(a + i, b + i, (end - i) * sizeof *a)) {
			while (a[i] == b[i])
				i++;
			return i;
		}
		i = end;
	}
	return WORDS;
}

/* Makes the frame's contents equal to src (NULL = zero). The frame's
 * words are found again after each write, which may grow its chunk. */
static int frame_copy_from(struct mm *m, uint32_t pfn, const uint64_t *src)
{
	for (unsigned i = next_diff(physmem_words(m, pfn), src, 0); i < WORDS;
	     i = next_diff(physmem_words(m, pfn), src, i + 1))
		if (write_word(m, pfn, i, src ? src[i] : 0) < 0)
			return -1;
	return 0;
}

void physmem_zero(struct mm *m, uint32_t pfn)
{
	if (physmem_words(m, pfn))
		frame_copy_from(m, pfn, NULL); /* zeroing never allocates */
}

bool physmem_is_zero(const struct mm *m, uint32_t pfn)
{
	const uint64_t *w = physmem_words(m, pfn);
	return !w || all_zero(w);
}

int physmem_copy(struct mm *m, uint32_t to, uint32_t from)
{
	return frame_copy_from(m, to, physmem_words(m, from));
}

/* ---- page copies outside RAM: content handles (P2) ---- */

static uint64_t *buf_of(const struct mm *m, uint32_t handle)
{
	return handle ? (uint64_t *)slab_at(&m->physmem, handle) : NULL;
}

const void *physmem_handle_bytes(const struct mm *m, uint32_t handle)
{
	return buf_of(m, handle);
}

/* One word of the copy behind *handle, allocating the buffer on the first
 * non-zero word and releasing it with the last (P2). */
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

/* Makes the copy behind *handle equal to src (NULL = zero). The buffer
 * is found again after each write, which may take or release it. */
static int handle_copy_from(struct mm *m, uint32_t *handle, const uint64_t *src)
{
	for (unsigned i = next_diff(buf_of(m, *handle), src, 0); i < WORDS; i = next_diff(buf_of(m, *handle), src, i + 1))
		if (set_word(m, handle, i, src ? src[i] : 0) < 0)
			return -1;
	return 0;
}

int physmem_save(struct mm *m, uint32_t pfn, uint32_t *handle)
{
	return handle_copy_from(m, handle, physmem_words(m, pfn));
}

int physmem_load(struct mm *m, uint32_t handle, uint32_t pfn)
{
	return frame_copy_from(m, pfn, buf_of(m, handle));
}

void physmem_drop(struct mm *m, uint32_t *handle)
{
	handle_copy_from(m, handle, NULL);
}
