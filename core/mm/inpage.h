/*
 * inpage.h — in-page clustering (inpage.c, docs/reference.md R-FAULT-CLUSTER):
 * a hard fault also reads neighbouring pages, which wait on the standby list.
 */
#ifndef MM_INPAGE_H
#define MM_INPAGE_H

#include "base/machine.h"
#include "hw/paging.h"

struct section;

/* After the page-file page at va (private PTE at pte, which held v before
 * the fault) was read: its neighbours in the same page table with the
 * next page-file slots are read too. Returns how many neighbours were read
 * (the caller counts them in the same in-page read, counters.h), or -1
 * when host memory ran out (the command fails). */
int inpage_pagefile_cluster(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, pte_t v);
/* After page `page` of section s (its prototype PTE held the subsection
 * PTE v) was read for a fault at va: the neighbours in the same
 * subsection still in the file are read too. Returns the count or -1 as above. */
int inpage_file_cluster(struct mm *m, const struct section *s, uint64_t page, va_t va, pte_t v);
/* The same for a page-file-backed section whose prototype PTE held the
 * page-file PTE v: the neighbours with the next slots are read too. */
int inpage_proto_pagefile_cluster(struct mm *m, const struct section *s, uint64_t page, va_t va, pte_t v);

#endif
