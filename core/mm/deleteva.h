/*
 * deleteva.h — releasing address ranges and VADs (deleteva.c).
 */
#ifndef MM_DELETEVA_H
#define MM_DELETEVA_H

#include "base/machine.h"
#include "hw/pte.h"

/* Releases whatever the PTEs of [start, end] hold (frames, page-file
 * slots) and zeroes them; page tables left empty are freed. */
void deleteva_range(struct mm *m, struct proc *p, va_t start, va_t end);
/* Releases a whole VAD: pages, commit charge, the node. */
void deleteva_vad(struct mm *m, struct proc *p, uint32_t vad);
/* One page: its PTE becomes `newpte` (0, or a decommitted PTE). */
void deleteva_page(struct mm *m, struct proc *p, va_t va, pte_t newpte);

#endif
