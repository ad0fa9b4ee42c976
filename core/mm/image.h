/*
 * image.h — images as the kernel keeps them: definitions, image sections
 * and their views (image.c); LoadLibrary is win32/loader.h's.
 */
#ifndef MM_IMAGE_H
#define MM_IMAGE_H

#include "base/machine.h"

/* The built-in images, with the bases of this machine's mode. Boot only. */
void image_init(struct mm *m);
/* A scenario's image: sections with sizes and Win32 protections. */
int image_define(struct mm *m, const char *name, uint64_t base, int nsec, const char *const *names,
		 const uint64_t *sizes, const uint32_t *page_prots, struct mm_err *err);
/* The index of the image named name (case-insensitive), -1: none. */
int image_find(const struct mm *m, const char *name);
/* The image section of image di: made on first use, then kept (Windows
 * keeps image sections cached while the file is in use). */
struct section *image_section(struct mm *m, int di, struct mm_err *err);
/* NtMapViewOfSection of an image section in p: at want (0: the image's
 * preferred base), or, when that range is taken, wherever it fits
 * (*moved); the view charges ImageCommitment. Returns the base, 0 with err. */
uint64_t image_map(struct mm *m, struct proc *p, struct section *s, uint64_t want, bool *moved, struct mm_err *err);
/* A relocation fix-up written into the mapped page at va (PE protection
 * prot): the page becomes p's private copy. */
int image_fixup(struct mm *m, struct proc *p, uint64_t va, int prot, uint64_t delta, struct mm_err *err);
const char *image_name(const struct mm *m, const struct section *s);
uint64_t image_preferred_base(const struct mm *m, const struct section *s);

/* The image header's defaults, as the linker writes them (/STACK:1MB,4KB, /HEAP:1MB,4KB). */
#define IMAGE_DEFAULT_STACK_RESERVE (1ull << 20)
#define IMAGE_DEFAULT_STACK_COMMIT ((uint64_t)MM_PAGE_SIZE)
#define IMAGE_DEFAULT_HEAP_RESERVE (1ull << 20)
#define IMAGE_DEFAULT_HEAP_COMMIT ((uint64_t)MM_PAGE_SIZE)

#endif
