/*
 * image.h — images and the loader: LoadLibrary, FreeLibrary, lm
 * (image.c).
 */
#ifndef MM_IMAGE_H
#define MM_IMAGE_H

#include "base/machine.h"

/* The built-in images, with the bases of this machine's mode. Boot only. */
void image_init(struct mm *m);
/* A scenario's image: sections with sizes and Win32 protections. */
int image_define(struct mm *m, const char *name, uint64_t base, int nsec, const char *const *names,
		 const uint64_t *sizes, const uint32_t *page_prots, struct mm_err *err);
/* LoadLibrary: maps the image (base 0: its preferred base). */
uint64_t image_load(struct mm *m, struct proc *p, const char *name, uint64_t base, bool *relocated, bool *already,
		    struct mm_err *err);
/* FreeLibrary by name, or (name NULL) by an address in the module. */
int image_unload(struct mm *m, struct proc *p, const char *name, uint64_t addr, struct mm_err *err);
const char *image_name(const struct mm *m, const struct section *s);
uint64_t image_preferred_base(const struct mm *m, const struct section *s);

/* The image header's defaults, as the linker writes them (/STACK:1MB,4KB, /HEAP:1MB,4KB). */
#define IMAGE_DEFAULT_STACK_RESERVE (1ull << 20)
#define IMAGE_DEFAULT_STACK_COMMIT ((uint64_t)MM_PAGE_SIZE)
#define IMAGE_DEFAULT_HEAP_RESERVE (1ull << 20)
#define IMAGE_DEFAULT_HEAP_COMMIT ((uint64_t)MM_PAGE_SIZE)

#endif
