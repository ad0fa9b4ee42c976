/*
 * kernel.h — system space made at boot: the kernel image, mapped with one
 * large page as Windows maps ntoskrnl (docs/reference.md R-LAYOUT, R-LARGE-PAGES).
 */
#ifndef MM_KERNEL_H
#define MM_KERNEL_H

#include "base/machine.h"

/* Maps the kernel image at the mode's kernel base with one large page, when
 * RAM holds at least 8 large pages. Boot only (not journaled). */
int kernel_boot_map(struct mm *m, struct mm_err *err);

#endif
