/*
 * loader.c — LoadLibrary and FreeLibrary as ntdll's loader does them
 * (loader.h; LdrLoadDll, LdrpMapDll, LdrRelocateImage; docs/reference.md
 * R-IMAGE), over the kernel's image sections (mm/image.c):
 *
 *   1. the image is found by name among those the machine knows (the
 *      built-in DLLs and a scenario's images); none: ERROR_MOD_NOT_FOUND;
 *   2. its image section is opened (made once, then shared by every
 *      process: a DLL's code is in memory once);
 *   3. a module already in the process's address space is not mapped
 *      again: LoadLibrary returns its base (the loader's module list,
 *      LdrpCheckForLoadedDll);
 *   4. a view is mapped at the preferred base, or elsewhere when that
 *      range is taken (STATUS_IMAGE_NOT_AT_BASE);
 *   5. mapped elsewhere, the loader applies the relocation fix-ups: every
 *      page of a section holding fix-ups is written, so each becomes a
 *      private copy of this process (the pre-ASLR behaviour,
 *      docs/simplifications.md SIMP-RELOCATION).
 *
 * FreeLibrary unmaps the module's view (section_release_view), found by
 * the image's name or by an address inside it.
 */
#include "loader.h"

#include <strings.h>

#include "mm/image.h"
#include "mm/section.h"
#include "mm/vad.h"
#include "w32msg.h"

/* The VAD of a view of image section s in p, 0 when none. */
static uint32_t loaded_at(struct mm *m, struct proc *p, const struct section *s)
{
	for (uint32_t i = vad_first(m, p); i; i = vad_next(m, i)) {
		const struct vad *v = vad_at(m, i);
		if (v->type == VAD_IMAGE && v->object && &m->section[v->object - 1] == s)
			return i;
	}
	return 0;
}

/* Step 5: each page of a section with fix-ups gets the delta written. */
static int relocate(struct mm *m, struct proc *p, const struct image_def *d, uint64_t base, struct mm_err *err)
{
	uint64_t pg = 1, delta = base - d->base; /* page 0 holds the headers */
	for (int k = 0; k < d->nsec; k++)
		for (uint32_t i = 0; i < d->sec[k].pages; i++, pg++)
			if (d->sec[k].fixups &&
			    image_fixup(m, p, base + mm_pages_bytes(pg), d->sec[k].protection, delta, err) < 0)
				return -1;
	return 0;
}

uint64_t loader_load(struct mm *m, struct proc *p, const char *name, uint64_t want, bool *relocated, bool *already,
		     struct mm_err *err)
{
	*relocated = *already = false;
	int di = image_find(m, name);
	if (di < 0)
		return mm_fail_tr(err, "ERROR_MOD_NOT_FOUND", 1, WM_LOADER_NO_IMAGE, name), 0;
	struct section *s = image_section(m, di, err);
	if (!s)
		return 0;
	uint32_t vi = loaded_at(m, p, s);
	if (vi) { /* LoadLibrary of a loaded module: its base again */
		*already = true;
		return mm_page_address(vad_at(m, vi)->start);
	}
	const struct image_def *d = &m->image[di];
	bool moved;
	uint64_t base = image_map(m, p, s, want, &moved, err);
	if (!base)
		return 0;
	*relocated = moved && base != d->base;
	if (*relocated && relocate(m, p, d, base, err) < 0)
		return 0;
	return base;
}

int loader_unload(struct mm *m, struct proc *p, const char *name, uint64_t addr, struct mm_err *err)
{
	for (uint32_t i = vad_first(m, p); i; i = vad_next(m, i)) {
		const struct vad *v = vad_at(m, i);
		if (v->type != VAD_IMAGE || !v->object)
			continue;
		const struct section *s = &m->section[v->object - 1];
		bool match = name ? !strcasecmp(m->image[s->image - 1].name, name)
				  : addr >= mm_page_address(v->start) && addr < mm_page_address(v->end + 1);
		if (match) {
			section_release_view(m, p, i);
			return 0;
		}
	}
	if (!name)
		return mm_fail_tr(err, "ERROR_MOD_NOT_FOUND", 1, WM_LOADER_NO_MODULE_AT);
	return mm_fail_tr(err, "ERROR_MOD_NOT_FOUND", 1, WM_LOADER_NO_MODULE, name);
}
