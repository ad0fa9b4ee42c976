/*
 * slab.c — chunked object storage with a journaled free list (slab.h).
 *
 * Chunks are host memory, not simulated state: a chunk allocated for an
 * object that a rollback later un-allocates simply stays, ready for the next
 * allocation. Only `used`, `free_head`, `live` and the links are state, and
 * they go through the journal.
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
	for (uint32_t i = 0; i < s->nchunks; i++) {
		mm_free_mem(s->alloc, s->chunk[i], (size_t)SLAB_CHUNK * s->size);
		mm_free_mem(s->alloc, s->next[i], SLAB_CHUNK * sizeof *s->next[i]);
	}
	mm_free_mem(s->alloc, s->chunk, s->capchunks * sizeof *s->chunk);
	mm_free_mem(s->alloc, s->next, s->capchunks * sizeof *s->next);
	memset(s, 0, sizeof *s);
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
	uint8_t *mem = mm_calloc(s->alloc, SLAB_CHUNK, s->size);
	uint32_t *links = mm_calloc(s->alloc, SLAB_CHUNK, sizeof *links);
	if (!mem || !links) {
		mm_free_mem(s->alloc, mem, (size_t)SLAB_CHUNK * s->size);
		mm_free_mem(s->alloc, links, SLAB_CHUNK * sizeof *links);
		return false;
	}
	s->chunk[s->nchunks] = mem;
	s->next[s->nchunks] = links;
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
