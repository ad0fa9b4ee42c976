/*
 * slab.c — chunked object storage with a journaled free list (slab.h).
 *
 * Chunks are host memory, not simulated state: a chunk allocated for an
 * object that a rollback later un-allocates simply stays, ready for the next
 * allocation; they are carved in order from extents that double (slab.h).
 * Only `used`, `free_head`, `live` and the links are state, and they go
 * through the journal.
 */
#include "slab.h"

int slab_init(struct slab *s, const struct mm_alloc *a, uint32_t size, uint32_t limit)
{
	memset(s, 0, sizeof *s);
	s->alloc = a;
	s->size = size;
	s->limit = limit;
	s->used = 1; /* index 0 is "none" */
	return 0;
}

void slab_fini(struct slab *s)
{
	for (uint32_t i = 0; i < s->nexts; i++)
		mm_free_mem(s->alloc, s->ext[i].p, s->ext[i].size);
	mm_free_mem(s->alloc, s->ext, s->capexts * sizeof *s->ext);
	mm_free_mem(s->alloc, s->chunk, s->capchunks * sizeof *s->chunk);
	mm_free_mem(s->alloc, s->next, s->capchunks * sizeof *s->next);
	memset(s, 0, sizeof *s);
}

/* Host bytes of one chunk: its objects, then their links. */
static size_t chunk_bytes(const struct slab *s)
{
	return (size_t)SLAB_CHUNK * s->size + SLAB_CHUNK * sizeof(uint32_t);
}

/* A new extent, twice the last (at most SLAB_EXTENT_MAX, at least one
 * chunk, no more chunks than the limit allows; from ALLOC_BIG up rounded
 * to whole huge pages), zero-filled. */
static bool add_extent(struct slab *s)
{
	if (s->nexts == s->capexts) {
		uint32_t nc = s->capexts ? s->capexts * 2 : 8;
		struct slab_extent *e = mm_realloc(s->alloc, s->ext, s->capexts * sizeof *e, nc * sizeof *e);
		if (!e)
			return false;
		s->ext = e;
		s->capexts = nc;
	}
	uint32_t most = (uint32_t)MM_MAX(1, SLAB_EXTENT_MAX / chunk_bytes(s));
	uint32_t want = s->nexts ? MM_MIN(2 * (uint32_t)(s->ext[s->nexts - 1].size / chunk_bytes(s)), most) : 1;
	uint32_t room = ((s->limit + SLAB_CHUNK - 1) >> SLAB_CHUNK_SHIFT) - s->nchunks;
	want = MM_MAX(1, MM_MIN(want, room));
	size_t size = want * chunk_bytes(s);
	if (size >= ALLOC_BIG) {
		/* A mapping, not malloc's: whole huge pages, as many chunks as
		 * fit, so that the objects fault in 2 MiB at a time (a mapping
		 * under 2 MiB would be 4 KB pages, each faulted twice: read by
		 * the journal for its old value, then written). */
		size = (size + ALLOC_HUGE_PAGE - 1) & ~(ALLOC_HUGE_PAGE - 1);
		want = (uint32_t)(size / chunk_bytes(s));
	}
	uint8_t *p = mm_calloc(s->alloc, 1, size);
	if (!p)
		return false;
	mm_advise_huge(s->alloc, p, size);
	s->ext[s->nexts++] = (struct slab_extent){p, size};
	s->ext_left = want;
	return true;
}

static bool add_chunk(struct slab *s)
{
	if (s->nchunks == s->capchunks) {
		uint32_t nc = s->capchunks ? s->capchunks * 2 : 16;
		/* Both arrays grow or neither does: one capacity describes both. */
		uint8_t **c = mm_malloc(s->alloc, nc * sizeof *c);
		uint32_t **n = c ? mm_malloc(s->alloc, nc * sizeof *n) : NULL;
		if (!n) {
			mm_free_mem(s->alloc, c, nc * sizeof *c);
			return false;
		}
		if (s->nchunks) {
			memcpy(c, s->chunk, s->nchunks * sizeof *c);
			memcpy(n, s->next, s->nchunks * sizeof *n);
		}
		mm_free_mem(s->alloc, s->chunk, s->capchunks * sizeof *c);
		mm_free_mem(s->alloc, s->next, s->capchunks * sizeof *n);
		s->chunk = c;
		s->next = n;
		s->capchunks = nc;
	}
	if (!s->ext_left && !add_extent(s))
		return false;
	const struct slab_extent *e = &s->ext[s->nexts - 1];
	uint8_t *mem = e->p + e->size - s->ext_left * chunk_bytes(s);
	s->ext_left--;
	s->chunk[s->nchunks] = mem;
	s->next[s->nchunks] = (uint32_t *)(void *)(mem + (size_t)SLAB_CHUNK * s->size);
	s->nchunks++;
	return true;
}

bool slab_sanity(const struct slab *s, uint32_t idx)
{
	if (idx == 0 || idx >= s->used || (idx >> SLAB_CHUNK_SHIFT) >= s->nchunks)
		return false;
	return idx != s->free_head && s->next[idx >> SLAB_CHUNK_SHIFT][idx & (SLAB_CHUNK - 1)] == 0;
}

uint32_t slab_alloc(struct slab *s, struct hist *h)
{
	uint32_t idx = s->free_head;
	if (idx) {
		uint32_t *link = &s->next[idx >> SLAB_CHUNK_SHIFT][idx & (SLAB_CHUNK - 1)];
		ev_set32(h, &s->free_head, *link);
		ev_set32(h, link, 0);
	} else {
		if (s->used >= s->limit)
			return 0;
		idx = s->used;
		if ((idx >> SLAB_CHUNK_SHIFT) >= s->nchunks && !add_chunk(s)) {
			hist_throw_oom(h); /* in a command: the session reports host memory */
			return 0;
		}
		ev_set32(h, &s->used, idx + 1);
	}
	ev_set64(h, &s->live, s->live + 1);
	MM_ASSERT(slab_sanity(s, idx));
	return idx;
}

void slab_release(struct slab *s, struct hist *h, uint32_t idx)
{
	MM_ASSERT(slab_sanity(s, idx));
	uint32_t *link = &s->next[idx >> SLAB_CHUNK_SHIFT][idx & (SLAB_CHUNK - 1)];
	ev_set32(h, link, s->free_head);
	ev_set32(h, &s->free_head, idx);
	ev_set64(h, &s->live, s->live - 1);
}
