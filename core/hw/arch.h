/*
 * arch.h — the paging-mode tables and layout constants (arch.c). The
 * structs themselves are part of the machine object (base/machine.h).
 */
#ifndef MM_ARCH_H
#define MM_ARCH_H

#include "base/machine.h"

/* The description of paging mode a (a static table, never freed). */
const struct arch *arch_get(enum mm_arch a);

/* The user/system layout of a machine in paging mode a running Windows
 * version os (resolved: not MM_OS_AUTO), booted /3GB or not:
 * MmHighestUserAddress, MmSystemRangeStart and friends. */
void arch_layout(const struct arch *a, enum mm_os os, bool three_gb, struct layout *l);

#endif
