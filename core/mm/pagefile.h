/*
 * pagefile.h — page files: the slot bitmap and the contents of the pages
 * written there (docs/reference.md R-PAGEFILE).
 */
#ifndef MM_PAGEFILE_H
#define MM_PAGEFILE_H

#include "base/machine.h"

/* A free slot, first fit from the file's hint. Returns 0, or -1 when every
 * page file is full. */
int pagefile_alloc(struct mm *m, int *file, uint64_t *offset);
void pagefile_free(struct mm *m, int file, uint64_t offset);
/* The content handle of a slot (physmem.h). */
uint32_t *pagefile_content(struct mm *m, int file, uint64_t offset);
bool pagefile_in_use(const struct mm *m, int file, uint64_t offset);


/* Boot: the configured page files, empty (-1: host memory); and their release. */
int pagefile_init(struct mm *m);
void pagefile_fini(struct mm *m);

#endif
