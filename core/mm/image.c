/*
 * image.c — images (PE files) as the kernel keeps them (image.h,
 * docs/reference.md R-IMAGE): their definitions, their image sections and
 * views of them. LoadLibrary's own work is the loader's (win32/loader.c).
 *
 * An image section is a section whose pages follow the PE file's layout:
 * the headers, then each PE section (.text, .rdata, .data, .reloc) at its
 * own page with its own protection — executable code is EXECUTE_READ,
 * read-only data READONLY, writable data WRITECOPY (each process gets a
 * private copy of a page it writes; the others keep sharing the file's).
 * One image control area serves every process that loads the image, which
 * is why a DLL's code is in memory once however many processes use it.
 * Mapping a view charges ImageCommitment: one page of commit per
 * copy-on-write page.
 *
 * An image is mapped at its preferred base when that range is free;
 * otherwise elsewhere (STATUS_IMAGE_NOT_AT_BASE), and the loader applies
 * the relocation fix-ups: every page holding a fix-up is written
 * (image_fixup), so it becomes a private copy in this process (the pre-ASLR behaviour, docs/simplifications.md SIMP-RELOCATION; Vista+ ASLR
 * relocates once per boot and keeps relocated pages shared — said in the
 * narration, not simulated).
 *
 * Built-in images: ntdll.dll, kernel32.dll, user32.dll and app.exe, at
 * bases typical of their era (x64 Windows 10: 0x7FF8...; x64 Windows 7 and
 * 32-bit: 0x77.../0x76...; app.exe at 0x140000000 or 0x400000). Scenarios
 * may define more (image_define).
 */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "commit.h"
#include "base/consts.h"
#include "faultint.h"
#include "hw/physmem.h"
#include "pool.h"
#include "hw/pte.h"
#include "section.h"
#include "vad.h"
#include "mmmsg.h"
#include "base/basemsg.h"

struct builtin {
	const char *name;
	uint64_t base_x64_win10, base_x64_win7, base_x86;
	struct { const char *name; uint32_t pages; int prot; bool fixups; } sec[4];
};

static const struct builtin builtins[] = {
	{"ntdll.dll", 0x7FF800000000ull, 0x77A00000ull, 0x77A00000ull,
	 {{".text", 16, MM_EXECUTE_READ, true}, {".rdata", 4, MM_READONLY, false}, {".data", 2, MM_WRITECOPY, true}, {".reloc", 1, MM_READONLY, false}}},
	{"kernel32.dll", 0x7FF7F0000000ull, 0x77800000ull, 0x76D00000ull,
	 {{".text", 12, MM_EXECUTE_READ, true}, {".rdata", 4, MM_READONLY, false}, {".data", 1, MM_WRITECOPY, true}, {".reloc", 1, MM_READONLY, false}}},
	{"user32.dll", 0x7FF7E0000000ull, 0x77600000ull, 0x76B00000ull,
	 {{".text", 16, MM_EXECUTE_READ, true}, {".rdata", 4, MM_READONLY, false}, {".data", 2, MM_WRITECOPY, true}, {".reloc", 1, MM_READONLY, false}}},
	{"app.exe", 0x140000000ull, 0x140000000ull, 0x400000ull,
	 {{".text", 4, MM_EXECUTE_READ, true}, {".rdata", 2, MM_READONLY, false}, {".data", 2, MM_WRITECOPY, true}, {".reloc", 1, MM_READONLY, false}}},
};

void image_init(struct mm *m)
{
	m->nimages = 0;
	for (size_t i = 0; i < MM_ARRAY_LEN(builtins); i++) {
		const struct builtin *b = &builtins[i];
		struct image_def *d = &m->image[m->nimages++];
		snprintf(d->name, sizeof d->name, "%s", b->name);
		d->base = m->arch->id != MM_ARCH_X64 ? b->base_x86 : m->cfg.os == MM_OS_WIN7 ? b->base_x64_win7 : b->base_x64_win10;
		d->nsec = 4;
		for (int k = 0; k < 4; k++) {
			snprintf(d->sec[k].name, sizeof d->sec[k].name, "%s", b->sec[k].name);
			d->sec[k].pages = b->sec[k].pages;
			d->sec[k].protection = b->sec[k].prot;
			d->sec[k].fixups = b->sec[k].fixups;
		}
	}
}

int image_define(struct mm *m, const char *name, uint64_t base, int nsec, const char *const *names,
		 const uint64_t *sizes, const uint32_t *page_prots, struct mm_err *err)
{
	if (m->nimages >= MM_MAX_IMAGES)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", -1, MMM_IMG_MAX, MM_MAX_IMAGES);
	if (!name || !*name || strlen(name) >= 32)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", -1, MMM_IMG_NAME);
	if (base % MM_ALLOC_GRANULARITY || base < m->lay.lowest_user || base > m->lay.highest_vad)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", -1, MMM_IMG_BASE, name, (unsigned long long)base);
	if (nsec < 1 || nsec > MM_MAX_IMAGE_SECTIONS)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", -1, MMM_IMG_SECTIONS, name, MM_MAX_IMAGE_SECTIONS);
	struct image_def d = {0};
	snprintf(d.name, sizeof d.name, "%s", name);
	d.base = base;
	d.nsec = nsec;
	for (int k = 0; k < nsec; k++) {
		int prot = mm_prot_from_win32(page_prots[k], err, -1);
		if (prot < 0 || prot > 7 || prot == 0)
			return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", -1, MMM_IMG_SEC_PROT, name, names[k]);
		if (!sizes[k] || sizes[k] > (64u << 20))
			return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", -1, MMM_IMG_SEC_SIZE, name, names[k]);
		snprintf(d.sec[k].name, sizeof d.sec[k].name, "%s", names[k]);
		d.sec[k].pages = (uint32_t)mm_pages_round_up(sizes[k]);
		d.sec[k].protection = prot;
		d.sec[k].fixups = prot == MM_EXECUTE_READ || MM_PROT_IS_COPY_ON_WRITE(prot);
	}
	for (int i = 0; i < m->nimages; i++)
		if (!strcasecmp(m->image[i].name, name)) { /* a scenario's definition replaces a built-in one */
			m->image[i] = d;
			return 0;
		}
	m->image[m->nimages++] = d;
	return 0;
}

int image_find(const struct mm *m, const char *name)
{
	for (int i = 0; i < m->nimages; i++)
		if (!strcasecmp(m->image[i].name, name))
			return i;
	return -1;
}

static uint64_t image_pages(const struct image_def *d)
{
	uint64_t n = 1; /* the headers */
	for (int k = 0; k < d->nsec; k++)
		n += d->sec[k].pages;
	return n;
}

/* The image's control area, made on first use and kept (Windows keeps
 * image sections cached while the file is in use). */
struct section *image_section(struct mm *m, int di, struct mm_err *err)
{
	for (int i = 0; i < MM_MAX_SECTIONS; i++)
		if (m->section[i].alive && m->section[i].kind == SECTION_IMAGE && m->section[i].image == (uint32_t)di + 1)
			return &m->section[i];
	const struct image_def *d = &m->image[di];
	uint64_t pages = image_pages(d);
	struct section *s = section_new_image(m, d->name, pages, 1 + (uint32_t)d->nsec, err);
	if (!s)
		return NULL;
	uint8_t *prot = s->page_prot;
	uint64_t pg = 0, cow = 0;
	/* through the journal, as every write into an arena block: undone, the
	 * block is zero again for whatever takes it next (section.c) */
	MM_SET8(m, &prot[pg++], MM_READONLY); /* headers */
	for (int k = 0; k < d->nsec; k++)
		for (uint32_t i = 0; i < d->sec[k].pages; i++, pg++) {
			MM_SET8(m, &prot[pg], (uint8_t)d->sec[k].protection);
			cow += MM_PROT_IS_COPY_ON_WRITE(d->sec[k].protection);
		}
	MM_SET32(m, &s->image, (uint32_t)di + 1);
	MM_SET64(m, &s->image_commit, cow);
	for (uint64_t i = 0, first, count; i < pages; i++) /* each page points at its subsection */
		section_proto_store(m, s, i, pte_make_subsection(m->arch, section_subsection_va(m, s, section_subsection_of(m, s, i, &first, &count)), prot[i]));
	return s;
}

/* The kernel's half of a fix-up: the page becomes this process's private
 * copy (copy-on-write), charged like any private page unless it was a
 * WRITECOPY page (already charged as ImageCommitment), and takes the new
 * bytes (the delta at offset 0x100 stands for the patched addresses). */
int image_fixup(struct mm *m, struct proc *p, uint64_t va, int prot, uint64_t delta, struct mm_err *err)
{
	if (!MM_PROT_IS_COPY_ON_WRITE(prot)) {
		if (commit_charge(m, p, 1, COMMIT_PRIVATE, err) < 0)
			return -1;
		uint32_t vi = vad_find(m, p, mm_page_number(va));
		MM_SET64(m, &vad_at(m, vi)->commit_charge, vad_at(m, vi)->commit_charge + 1);
	}
	uint32_t pfn = proto_private_copy(m, p, va);
	if (pfn == MM_PFN_NONE)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, MMM_IMG_NO_FRAME);
	if (physmem_write(m, pfn, 0x100, delta, 8) < 0)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_OOM);
	MM_EMIT(m, EV_WRITE_BYTES, mm_page_address(pfn) + 0x100, delta, 8, 0);
	return 0;
}

uint64_t image_map(struct mm *m, struct proc *p, struct section *s, uint64_t want, bool *moved, struct mm_err *err)
{
	*moved = false;
	const struct image_def *d = &m->image[s->image - 1];
	uint64_t pages = s->pages, base = want ? want : d->base;
	if (base % MM_ALLOC_GRANULARITY)
		return mm_fail_tr(err, "STATUS_MAPPED_ALIGNMENT", 2, MMM_IMG_BASE_ALIGN), 0;
	if (base < m->lay.lowest_user || base + mm_pages_bytes(pages) - 1 > m->lay.highest_vad ||
	    vad_overlap(m, p, mm_page_number(base), mm_page_number(base) + pages - 1)) {
		/* the preferred base is taken: map elsewhere (STATUS_IMAGE_NOT_AT_BASE) */
		if (vad_find_free(m, p, pages, false, m->lay.lowest_user, m->lay.highest_vad, &base) < 0)
			return mm_fail_tr(err, "STATUS_NO_MEMORY", 2, MMM_IMG_NO_RANGE, d->name), 0;
		*moved = true;
	}
	if (commit_charge(m, p, s->image_commit, COMMIT_PRIVATE, err) < 0)
		return 0;
	uint32_t vi = vad_create(m, p, mm_page_number(base), mm_page_number(base) + pages - 1, VAD_IMAGE,
				 MM_EXECUTE_WRITECOPY, 0, err);
	if (!vi)
		return 0;
	struct vad *v = vad_at(m, vi);
	MM_SET8(m, &v->usage, VUSE_IMAGE);
	MM_SET32(m, &v->object, (uint32_t)(s - m->section) + 1);
	MM_SET64(m, &v->offset, 0);
	MM_SET64(m, &v->commit_charge, s->image_commit);
	MM_SET32(m, &s->views, s->views + 1);
	return base;
}

const char *image_name(const struct mm *m, const struct section *s)
{
	return s->image ? m->image[s->image - 1].name : NULL;
}

uint64_t image_preferred_base(const struct mm *m, const struct section *s)
{
	return s->image ? m->image[s->image - 1].base : 0;
}
