/*
 * loader.h — ntdll's loader as the memory manager sees it: LoadLibrary and
 * FreeLibrary (loader.c).
 */
#ifndef MM_LOADER_H
#define MM_LOADER_H

#include "base/machine.h"

/* LoadLibrary in p: maps the image named name (base 0: its preferred
 * base) and applies its fix-ups when it could not go there (*relocated).
 * A module already loaded is not mapped again: its base comes back and
 * *already is set. Returns the base, 0 with err. */
uint64_t loader_load(struct mm *m, struct proc *p, const char *name, uint64_t base, bool *relocated, bool *already,
		     struct mm_err *err);
/* FreeLibrary by name, or (name NULL) by an address in the module. */
int loader_unload(struct mm *m, struct proc *p, const char *name, uint64_t addr, struct mm_err *err);

#endif
