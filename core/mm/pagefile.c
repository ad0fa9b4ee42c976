/*
 * pagefile.c — page files (pagefile.h): each file's slot bitmap and the
 * contents of the pages written to it.
 *
 * Each page file has a bitmap, one bit per page, set = in use; bit 0 is
 * always set because offset 0 is never used: a software PTE with
 * PageFileHigh == 0 means "demand zero", not "page 0 of the file"
 * (docs/reference.md R-PAGEFILE). Slots are allocated only by the modified page writer and
 * freed when the page is dirtied again, freed, or MEM_RESET. The contents
 * of a slot are a physmem content handle, so writing a page out and reading
 * it back in are journaled copies like any other change.
 *
 * Invariant (check.c, P2): slots in use = page-file PTEs + frames whose
 * original PTE points into a page file.
 */
#include "pagefile.h"

#include <stdlib.h>

#include "hw/physmem.h"
#include "hw/pte.h"

static bool bit(const struct pagefile *pf, uint64_t i)
{
	return (pf->bitmap[i / 64] >> (i % 64)) & 1;
}

static void set_bit(struct mm *m, struct pagefile *pf, uint64_t i, bool on)
{
	uint64_t w = pf->bitmap[i / 64], mask = 1ull << (i % 64);
	MM_SET64(m, &pf->bitmap[i / 64], on ? w | mask : w & ~mask);
}

bool pagefile_in_use(const struct mm *m, int file, uint64_t offset)
{
	if (file < 0 || file >= m->npagefiles || offset >= m->pagefile[file].size)
		return false;
	return bit(&m->pagefile[file], offset);
}

int pagefile_alloc(struct mm *m, int *file, uint64_t *offset)
{
	for (int f = 0; f < m->npagefiles; f++) {
		struct pagefile *pf = &m->pagefile[f];
		if (!pf->free)
			continue;
		uint64_t words = (pf->size + 63) / 64, start = pf->hint / 64;
		for (uint64_t k = 0; k < words; k++) {
			uint64_t wi = (start + k) % words, w = pf->bitmap[wi];
			if (w == ~0ull)
				continue;
			uint64_t i = wi * 64 + (uint64_t)__builtin_ctzll(~w);
			if (i >= pf->size)
				continue;
			set_bit(m, pf, i, true);
			MM_SET64(m, &pf->free, pf->free - 1);
			MM_SET64(m, &pf->in_use, pf->in_use + 1);
			if (pf->in_use > pf->peak)
				MM_SET64(m, &pf->peak, pf->in_use);
			MM_SET64(m, &pf->hint, i + 1 < pf->size ? i + 1 : 1);
			*file = f;
			*offset = i;
			return 0;
		}
	}
	return -1;
}

uint32_t *pagefile_content(struct mm *m, int file, uint64_t offset)
{
	return &m->pagefile[file].content[offset];
}

void pagefile_free(struct mm *m, int file, uint64_t offset)
{
	if (!pagefile_in_use(m, file, offset) || offset == 0)
		return;
	struct pagefile *pf = &m->pagefile[file];
	physmem_drop(m, &pf->content[offset]);
	set_bit(m, pf, offset, false);
	MM_SET64(m, &pf->free, pf->free + 1);
	MM_SET64(m, &pf->in_use, pf->in_use - 1);
}

/* Boot: each page file of the configuration, empty. */
int pagefile_init(struct mm *m)
{
	m->npagefiles = m->cfg.npagefiles;
	for (int i = 0; i < m->npagefiles; i++) {
		struct pagefile *pf = &m->pagefile[i];
		pf->size = mm_bytes_pages(m->cfg.pagefile[i]);
		pf->bitmap = mm_calloc(&m->alloc, (pf->size + 63) / 64, sizeof *pf->bitmap);
		pf->content = mm_calloc(&m->alloc, pf->size, sizeof *pf->content);
		if (!pf->bitmap || !pf->content)
			return -1;
		pf->bitmap[0] = 1; /* offset 0 is never used: PageFileHigh 0 means "not in a page file" */
		pf->free = pf->size - 1;
		pf->in_use = 0;
	}
	return 0;
}

void pagefile_fini(struct mm *m)
{
	for (int i = 0; i < m->npagefiles; i++) {
		mm_free_mem(&m->alloc, m->pagefile[i].bitmap, (m->pagefile[i].size + 63) / 64 * sizeof *m->pagefile[i].bitmap);
		mm_free_mem(&m->alloc, m->pagefile[i].content, m->pagefile[i].size * sizeof *m->pagefile[i].content);
	}
}
