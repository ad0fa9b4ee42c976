/*
 * kernel.h — system space made at boot: the kernel image, mapped with one
 * large page above 255 MB of RAM and with 4 KB PTEs at or below it, as
 * Windows maps ntoskrnl (docs/reference.md R-KERNEL-IMAGE, R-LAYOUT).
 */
#ifndef MM_KERNEL_H
#define MM_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/machine.h"

/* Maps the kernel image at kernel_base(): with one large page when
 * kernel_uses_large_page(), else with a page table of 4 KB PTEs; none when
 * RAM holds fewer than 8 image-sized runs. Boot only (not journaled).
 * Returns -1 with err set when no frame is left for a table. */
int kernel_boot_map(struct mm *m, struct mm_err *err);

/* Where the image starts: 0x80000000 (x86, PAE), 0xE0000000 when booted
 * /3GB, 0xFFFFF80000000000 (x64). */
uint64_t kernel_base(const struct mm *m);

/* True when the machine has more than MM_LARGE_PAGE_MINIMUM (255 MB) of RAM
 * and the mode maps large pages: the image is then one large page. */
bool kernel_uses_large_page(const struct mm *m);

#endif
