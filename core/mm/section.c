/*
 * section.c — files, section objects and views (section.h, docs/reference.md R-SECTION).
 *
 * A section object is Windows' way to share memory: a file mapping
 * (CreateFileMapping) is backed by a file, or by the page file
 * (INVALID_HANDLE_VALUE). Behind it stands a control area with a segment:
 * an array of prototype PTEs, one per page of the section. Every process
 * that maps a view points its own PTEs at those prototype PTEs, so all of
 * them reach the same physical page — that is what makes the memory
 * shared. mmviz keeps the prototype PTEs where Windows keeps them, in paged
 * pool (tag MmSt), and the control area in non-paged pool (tag MmCa):
 * `!pool` and `db` show both, and a prototype PTE's address is a real
 * kernel address.
 *
 * A prototype PTE is in one of these formats:
 *   - subsection: the page is in the file and not in memory (file-backed
 *     and images; the Prototype bit set in a prototype PTE, which then
 *     holds the address of its subsection and the protection, R-FAULT-PROTO-FORMS);
 *   - demand zero: a page-file-backed page never touched;
 *   - valid: the page is resident; the PFN's PteAddress is the prototype PTE;
 *   - transition: no process maps it any more, the frame waits on the
 *     standby or modified list;
 *   - page file: a page-file-backed page written out and repurposed.
 * A process PTE of a view is zero until first touched, valid while the
 * page is in the process's working set, and in prototype format (pointing
 * at the prototype PTE) after it was trimmed. protofault.c resolves faults.
 *
 * Files on the simulated disk have deterministic contents: each page
 * starts with the file's name and the page number (so `db` shows which
 * page of which file a frame holds); pages written back by the mapped page
 * writer or FlushViewOfFile keep what was written.
 *
 * Subsections describe runs of the file: a data file's control area has
 * one, an image's one for its headers and one per PE section. They follow
 * the control area in its pool block, as MiCreateDataFileMap and
 * MiCreateImageFileMap allocate them (the sizes are the WRK's structures:
 * CONTROL_AREA 0x30 and SUBSECTION 0x20 bytes on 32-bit systems, 0x50 and
 * 0x30 on x64); their bytes are not filled in (`!ca` shows them).
 *
 * Section objects and control areas are two things, as in Windows: each
 * CreateFileMapping makes a section object (m->secobj: protection, size,
 * name) and a handle to it; the objects of one file share its one data
 * control area (m->section), which counts them in refs. A view is checked
 * twice (NtMapViewOfSection, MmMapViewOfSection): the handle must hold the
 * SECTION_MAP_* right the view's protection needs, and the protection must
 * be compatible with the object's own (MmCompatibleProtectionMask) —
 * whatever another object of the same file allows.
 *
 * Handles are per process, as on Windows: to share a section, a second
 * process opens it by name (OpenFileMapping). A handle entry keeps the
 * rights it was granted.
 */
#include "section.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "commit.h"
#include "base/consts.h"
#include "pagefile.h"
#include "hw/paging.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "pool.h"
#include "hw/pte.h"
#include "hw/tlb.h"
#include "vad.h"
#include "vm.h"
#include "deleteva.h"
#include "wsmgr.h"
#include "mmmsg.h"
#include "base/basemsg.h"

#define HANDLE_BASE 0x40u
/* Section access rights (winnt.h SECTION_*), kept in a handle entry. */
#define SECTION_QUERY 0x1u
#define SECTION_MAP_WRITE 0x2u
#define SECTION_MAP_READ 0x4u
#define SECTION_MAP_EXECUTE 0x8u
#define MAX_FILE_PAGES (1u << 20) /* 4 GB */
#define TAG(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

/* ---- small helpers ---- */

static void *arena_append(struct mm *m, size_t n, size_t size);

/* Arena blocks are handed out in the order of a journaled counter, and a
 * block once made stays: a command undone and run again (a replay,
 * docs/architecture.md ARCH-HISTORY) gets the very block it had, so the
 * pointer it stores in the state is the same and the replay matches. The
 * block's contents are zero again by then: what was written into it went
 * through the journal and was undone with the command (so every write into
 * a block must: an image's page protections written directly once came
 * back as a later file's page handles - the property test, x86). A block too
 * small for a different command is left where it is (a future that was
 * parked may still point at it) and a new one takes its place in line. */
static void *arena_calloc(struct mm *m, size_t n, size_t size)
{
	uint64_t idx = m->arena_next;
	if (idx < m->narena && m->arena[idx].size >= n * size) {
		MM_SET64(m, &m->arena_next, idx + 1);
		return m->arena[idx].p;
	}
	void *p = arena_append(m, n, size);
	if (!p)
		return NULL;
	if (idx < m->narena - 1) { /* the new block takes slot idx; the small one goes last */
		struct mm_block t = m->arena[idx];
		m->arena[idx] = m->arena[m->narena - 1];
		m->arena[m->narena - 1] = t;
	}
	MM_SET64(m, &m->arena_next, idx + 1);
	return p;
}

static void *arena_append(struct mm *m, size_t n, size_t size)
{
	if (m->narena == m->caparena) {
		size_t nc = m->caparena ? m->caparena * 2 : 16;
		struct mm_block *a = mm_realloc(&m->alloc, m->arena, m->caparena * sizeof *a, nc * sizeof *a);
		if (!a)
			return NULL;
		m->arena = a;
		m->caparena = nc;
	}
	void *p = mm_calloc(&m->alloc, n, size);
	if (p)
		m->arena[m->narena++] = (struct mm_block){p, n * size};
	return p;
}

static void set_name(struct mm *m, char dst[32], const char *src)
{
	char buf[32] = {0};
	snprintf(buf, sizeof buf, "%s", src ? src : "");
	for (size_t i = 0; i < sizeof buf; i += 8) {
		uint64_t w;
		memcpy(&w, buf + i, 8);
		MM_SET64(m, (uint64_t *)(void *)(dst + i), w);
	}
}

/* A handle entry: (kind << 24) | (granted access << 16) | (index + 1). */
#define HANDLE_INDEX_MASK 0xFFFFu
#define HANDLE_ACCESS_SHIFT 16

static uint64_t handle_put(struct mm *m, struct proc *p, enum handle_kind k, uint32_t index, uint32_t access,
			   struct mm_err *err)
{
	for (int i = 0; i < MM_MAX_HANDLES; i++)
		if (!p->handle[i]) {
			MM_SET32(m, &p->handle[i], ((uint32_t)k << 24) | (access & 0xFF) << HANDLE_ACCESS_SHIFT | (index + 1));
			return HANDLE_BASE + 4u * (uint32_t)i;
		}
	mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", -1, MMM_SEC_HANDLES, MM_MAX_HANDLES);
	return 0;
}

static uint32_t handle_entry(const struct proc *p, uint64_t h)
{
	if (h < HANDLE_BASE || (h - HANDLE_BASE) % 4 || (h - HANDLE_BASE) / 4 >= MM_MAX_HANDLES)
		return 0;
	return p->handle[(h - HANDLE_BASE) / 4];
}

/* The object behind a handle of kind k, or -1. */
static int handle_get(const struct proc *p, uint64_t h, enum handle_kind k)
{
	uint32_t e = handle_entry(p, h);
	if (!e || (e >> 24) != (uint32_t)k)
		return -1;
	return (int)(e & HANDLE_INDEX_MASK) - 1;
}

/* The access rights the handle was granted (SECTION_MAP_*). */
static uint32_t handle_access(const struct proc *p, uint64_t h)
{
	return (handle_entry(p, h) >> HANDLE_ACCESS_SHIFT) & 0xFF;
}

/* ---- files ---- */

uint64_t section_create_file(struct mm *m, struct proc *p, const char *name, uint64_t size, struct mm_err *err)
{
	for (int i = 0; i < MM_MAX_FILES; i++)
		if (m->file[i].alive && !strcasecmp(m->file[i].name, name))
			return handle_put(m, p, HANDLE_FILE, (uint32_t)i, 0, err); /* it exists: opened */
	if (mm_round_wraps(size, MM_PAGE_SIZE))
		return mm_fail_wrap(err, "STATUS_INVALID_PARAMETER", 2, 0, size, MM_PAGE_SIZE), 0;
	if (size == 0 || mm_pages_round_up(size) > MAX_FILE_PAGES)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 2, MMM_SEC_FILE_SIZE), 0;
	if (strlen(name) >= 32)
		return mm_fail_tr(err, "STATUS_OBJECT_NAME_INVALID", 1, MMM_SEC_FILE_NAME), 0;
	int slot = -1;
	for (int i = 0; i < MM_MAX_FILES && slot < 0; i++)
		if (!m->file[i].alive)
			slot = i;
	if (slot < 0)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", 1, MMM_SEC_DISK_FILES, MM_MAX_FILES), 0;
	struct sim_file *f = &m->file[slot];
	uint64_t pages = mm_pages_round_up(size);
	uint32_t *content = arena_calloc(m, pages, sizeof *content);
	if (!content)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_OOM), 0;
	MM_SET64(m, (uint64_t *)(void *)&f->content, (uint64_t)(uintptr_t)content);
	MM_SET64(m, &f->pages, pages);
	MM_SET32(m, &f->data_section, 0);
	set_name(m, f->name, name);
	MM_SET32(m, &f->alive, 1);
	return handle_put(m, p, HANDLE_FILE, (uint32_t)slot, 0, err);
}

int section_file_read(struct mm *m, const struct section *s, uint64_t page, uint32_t pfn)
{
	const struct sim_file *f = &m->file[s->file - 1];
	if (page < f->pages && f->content[page])
		return physmem_load(m, f->content[page], pfn);
	/* The file's own contents: its name and the page number; an image's
	 * first page is its headers ("MZ", e_lfanew, "PE\0\0"). */
	physmem_zero(m, pfn);
	if (s->kind == SECTION_IMAGE && page == 0)
		return physmem_write(m, pfn, 0, 0x5A4D, 2) < 0 || physmem_write(m, pfn, 0x3C, 0x80, 4) < 0 ||
			       physmem_write(m, pfn, 0x80, 0x4550, 4) < 0 ? -1 : 0;
	uint64_t name;
	memcpy(&name, f->name, 8);
	if (physmem_write(m, pfn, 0, name, 8) < 0 || physmem_write(m, pfn, 8, page, 8) < 0)
		return -1;
	return 0;
}

void section_file_write(struct mm *m, const struct section *s, uint64_t page, uint32_t pfn)
{
	struct sim_file *f = &m->file[s->file - 1];
	if (page < f->pages)
		physmem_save(m, pfn, &f->content[page]);
	MM_EMIT(m, EV_FILE_WRITE, s->file - 1, mm_pages_bytes(page), pfn, 0);
}

/* ---- prototype PTEs ---- */

uint64_t section_proto_va(const struct mm *m, const struct section *s, uint64_t page)
{
	return s->proto_va + page * (uint64_t)m->arch->pte_size;
}

uint32_t section_proto_frame(const struct mm *m, const struct section *s, uint64_t page)
{
	struct walk w;
	paging_walk(m, &m->proc[0], section_proto_va(m, s, page), &w);
	return w.valid ? w.pfn : MM_PFN_NONE;
}

pte_t section_proto_load(const struct mm *m, const struct section *s, uint64_t page)
{
	uint64_t va = section_proto_va(m, s, page);
	return pte_load(m, section_proto_frame(m, s, page), (uint32_t)(mm_page_offset(va) / (uint64_t)m->arch->pte_size));
}

void section_proto_store(struct mm *m, const struct section *s, uint64_t page, pte_t v)
{
	uint64_t va = section_proto_va(m, s, page);
	pte_store(m, section_proto_frame(m, s, page), (uint32_t)(mm_page_offset(va) / (uint64_t)m->arch->pte_size), va, v);
}

struct section *section_of_vad(struct mm *m, uint32_t vadi, va_t va, uint64_t *page)
{
	const struct vad *v = vad_at(m, vadi);
	if ((v->type != VAD_MAPPED && v->type != VAD_IMAGE) || !v->object)
		return NULL;
	*page = v->offset + (mm_page_number(va) - v->start);
	return &m->section[v->object - 1];
}

enum pfn_use section_page_use(const struct section *s)
{
	static const enum pfn_use by_kind[] = {
		[SECTION_PAGEFILE] = USE_SHAREABLE, [SECTION_FILE] = USE_MAPPED, [SECTION_IMAGE] = USE_IMAGE};
	return s->kind < sizeof by_kind / sizeof by_kind[0] ? by_kind[s->kind] : USE_SHAREABLE;
}

struct section *section_of_frame(struct mm *m, uint32_t pfn, uint64_t *page)
{
	const struct pfn *f = &m->pfn[pfn];
	if (!(f->flags & PFNF_PROTOTYPE))
		return NULL;
	for (int i = 0; i < MM_MAX_SECTIONS; i++) {
		struct section *s = &m->section[i];
		uint64_t end = s->proto_va + s->pages * (uint64_t)m->arch->pte_size;
		if (s->alive && f->pte_address >= s->proto_va && f->pte_address < end) {
			*page = (f->pte_address - s->proto_va) / (uint64_t)m->arch->pte_size;
			return s;
		}
	}
	return NULL;
}

/* ---- subsections ---- */

static uint64_t ca_bytes(const struct mm *m) { return m->arch->va_bits == 32 ? 0x30 : 0x50; }
static uint64_t subsection_bytes(const struct mm *m) { return m->arch->va_bits == 32 ? 0x20 : 0x30; }

uint32_t section_subsections(const struct mm *m, const struct section *s)
{
	return s->kind == SECTION_IMAGE && s->image ? 1 + (uint32_t)m->image[s->image - 1].nsec : 1;
}

uint64_t section_subsection_va(const struct mm *m, const struct section *s, uint32_t k)
{
	return s->ca_va + ca_bytes(m) + k * subsection_bytes(m);
}

uint32_t section_subsection_of(const struct mm *m, const struct section *s, uint64_t page, uint64_t *first,
			       uint64_t *count)
{
	*first = 0;
	*count = s->pages;
	if (s->kind != SECTION_IMAGE || !s->image)
		return 0;
	const struct image_def *d = &m->image[s->image - 1];
	*count = 1; /* the headers */
	for (int k = 0; k < d->nsec; k++) {
		if (page < *first + *count)
			return (uint32_t)k;
		*first += *count;
		*count = d->sec[k].pages;
	}
	return (uint32_t)d->nsec;
}

/* ---- sections ---- */

static int section_protection(uint32_t page_prot, struct mm_err *err)
{
	int prot = mm_prot_from_win32(page_prot, err, 2);
	if (prot < 0)
		return -1;
	if ((prot & 7) == 0 || prot > 7)
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", 2, MMM_SEC_PROT);
	if (prot == MM_EXECUTE)
		return mm_fail_tr(err, "STATUS_INVALID_PAGE_PROTECTION", 2, MMM_SEC_PROT_EXEC);
	return prot;
}

/* The live section object of that name, or -1. */
static int find_named(const struct mm *m, const char *name)
{
	if (!name || !*name)
		return -1;
	for (int i = 0; i < MM_MAX_SECTION_OBJECTS; i++)
		if (m->secobj[i].control_area && !strcasecmp(m->secobj[i].name, name))
			return i;
	return -1;
}

/* The control area with its nsub subsections and the segment's prototype
 * PTEs, in pool. A file's prototype PTEs start in subsection format. */
static int build_segment(struct mm *m, struct section *s, int prot, uint32_t nsub, struct mm_err *err)
{
	uint64_t ca = pool_alloc_own(m, POOL_NONPAGED, ca_bytes(m) + nsub * subsection_bytes(m), TAG('M', 'm', 'C', 'a'), err);
	if (!ca)
		return -1;
	uint64_t proto = pool_alloc_own(m, POOL_PAGED, s->pages * (uint64_t)m->arch->pte_size, TAG('M', 'm', 'S', 't'), err);
	if (!proto)
		return -1;
	MM_SET64(m, &s->ca_va, ca);
	MM_SET64(m, &s->proto_va, proto);
	pte_t initial = s->kind == SECTION_FILE ? pte_make_subsection(m->arch, section_subsection_va(m, s, 0), prot)
			: s->reserve            ? 0 /* SEC_RESERVE: not committed until a view commits it */
						: pte_make_demand_zero(m->arch, prot);
	for (uint64_t i = 0; i < s->pages; i++)
		section_proto_store(m, s, i, initial);
	return 0;
}

/* The access kernel32's CreateFileMapping asks for (and is granted): read
 * and query always, write for the READWRITE protections, execute for the
 * EXECUTE ones; from Vista on EXECUTE_WRITECOPY asks for write too. */
static uint32_t create_access(const struct mm *m, int prot)
{
	uint32_t a = SECTION_QUERY | SECTION_MAP_READ;
	if (prot == MM_READWRITE || prot == MM_EXECUTE_READWRITE)
		a |= SECTION_MAP_WRITE;
	if (MM_PROT_IS_EXECUTE(prot))
		a |= SECTION_MAP_EXECUTE;
	if (prot == MM_EXECUTE_WRITECOPY && m->cfg.os != MM_OS_XP)
		a |= SECTION_MAP_WRITE;
	return a;
}

/* A new section object on control area ci (index), with a handle to it. */
static uint64_t secobj_new(struct mm *m, struct proc *p, uint32_t ci, int prot, uint64_t pages, const char *name,
			   struct mm_err *err)
{
	int slot = -1;
	for (int i = 0; i < MM_MAX_SECTION_OBJECTS && slot < 0; i++)
		if (!m->secobj[i].control_area)
			slot = i;
	if (slot < 0)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", -1, MMM_SEC_OBJECTS, MM_MAX_SECTION_OBJECTS), 0;
	struct section_object *o = &m->secobj[slot];
	MM_SET32(m, &o->control_area, ci + 1);
	MM_SET32(m, &o->protection, (uint32_t)prot);
	MM_SET32(m, &o->refs, 1);
	MM_SET64(m, &o->pages, pages);
	set_name(m, o->name, name);
	MM_SET32(m, &m->section[ci].refs, m->section[ci].refs + 1);
	return handle_put(m, p, HANDLE_SECTION, (uint32_t)slot, create_access(m, prot), err);
}

/* A new control area (page-file-backed, or the file fi's data control
 * area); returns its index or -1. */
static int control_area_new(struct mm *m, int fi, int prot, uint64_t pages, bool reserve, const char *name,
			    struct mm_err *err)
{
	int slot = -1;
	for (int i = 0; i < MM_MAX_SECTIONS && slot < 0; i++)
		if (!m->section[i].alive)
			slot = i;
	if (slot < 0)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", -1, MMM_SECTIONS_MAX, MM_MAX_SECTIONS);
	struct section *s = &m->section[slot];
	MM_SET32(m, &s->kind, fi < 0 ? SECTION_PAGEFILE : SECTION_FILE);
	MM_SET32(m, &s->file, fi < 0 ? 0 : (uint32_t)fi + 1);
	MM_SET32(m, &s->protection, (uint32_t)prot);
	MM_SET64(m, &s->pages, pages);
	MM_SET32(m, &s->views, 0);
	MM_SET32(m, &s->refs, 0);
	MM_SET64(m, &s->commit, 0);
	MM_SET32(m, &s->reserve, reserve);
	set_name(m, s->name, name);
	/* SEC_COMMIT: the whole page-file-backed section is charged now;
	 * SEC_RESERVE: page by page, as views commit (docs/reference.md R-SECTION-BACKING) */
	if (fi < 0 && !reserve) {
		if (commit_charge(m, NULL, pages, COMMIT_FIXED, err) < 0)
			return -1;
		MM_SET64(m, &m->commit_system, m->commit_system + pages);
		MM_SET64(m, &s->commit, pages);
	}
	if (build_segment(m, s, prot, 1, err) < 0) /* a data file's one subsection (MiCreateDataFileMap) */
		return -1;
	MM_SET32(m, &s->alive, 1);
	if (fi >= 0)
		MM_SET32(m, &m->file[fi].data_section, (uint32_t)slot + 1);
	return slot;
}

/* flProtect's SEC_* attributes: SEC_COMMIT (the default) or SEC_RESERVE. */
static int section_attributes(uint32_t page_prot, bool *reserve, struct mm_err *err)
{
	uint32_t attr = page_prot & (SEC_COMMIT | SEC_RESERVE | SEC_IMAGE | SEC_LARGE_PAGES | SEC_NOCACHE | SEC_FILE);
	if ((attr & (SEC_COMMIT | SEC_RESERVE)) == (SEC_COMMIT | SEC_RESERVE))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER_6", 2, MMM_SEC_ATTR_BOTH);
	if (attr & ~(SEC_COMMIT | SEC_RESERVE))
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 2, MMM_SEC_ATTR_ONLY);
	*reserve = (attr & SEC_RESERVE) != 0;
	return 0;
}

uint64_t section_create(struct mm *m, struct proc *p, uint64_t file_handle, uint32_t page_prot, uint64_t size,
			const char *name, bool *existed, struct mm_err *err)
{
	*existed = false;
	bool reserve = false;
	if (section_attributes(page_prot, &reserve, err) < 0)
		return 0;
	int prot = section_protection(page_prot & ~(SEC_COMMIT | SEC_RESERVE), err);
	if (prot < 0)
		return 0;
	int named = find_named(m, name);
	if (named >= 0) { /* a second creator opens it: ERROR_ALREADY_EXISTS, the object's own protection stays */
		*existed = true;
		MM_SET32(m, &m->secobj[named].refs, m->secobj[named].refs + 1);
		return handle_put(m, p, HANDLE_SECTION, (uint32_t)named, create_access(m, prot), err);
	}
	int fi = -1;
	if (file_handle != UINT64_MAX && file_handle != 0) {
		if ((fi = handle_get(p, file_handle, HANDLE_FILE)) < 0)
			return mm_fail_tr(err, "STATUS_INVALID_HANDLE", 1, MMM_SEC_NOT_FILE_HANDLE,
				       (unsigned long long)file_handle), 0;
	}
	uint64_t pages;
	if (mm_round_wraps(size, MM_PAGE_SIZE))
		return mm_fail_wrap(err, "STATUS_SECTION_TOO_BIG", 3, 0, size, MM_PAGE_SIZE), 0;
	if (fi < 0) {
		if (size == 0)
			return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 3, MMM_SEC_NEEDS_SIZE), 0;
		pages = mm_pages_round_up(size);
		if (pages > MAX_FILE_PAGES)
			return mm_fail_tr(err, "STATUS_SECTION_TOO_BIG", 3, MMM_SEC_TOO_BIG), 0;
	} else {
		const struct sim_file *f = &m->file[fi];
		pages = size ? mm_pages_round_up(size) : f->pages;
		if (pages > f->pages)
			return mm_fail_tr(err, "STATUS_SECTION_TOO_BIG", 3,
				       MMM_SEC_LARGER_FILE,
				       (unsigned long long)pages, (unsigned long long)f->pages), 0;
	}
	/* one data control area per file, covering the whole file; every
	 * CreateFileMapping makes its own section object on it */
	int ci = fi >= 0 && m->file[fi].data_section ? (int)m->file[fi].data_section - 1
		 : control_area_new(m, fi, prot, fi < 0 ? pages : m->file[fi].pages, reserve && fi < 0, name, err);
	if (ci < 0)
		return 0;
	return secobj_new(m, p, (uint32_t)ci, prot, pages, name, err);
}

struct section *section_new_image(struct mm *m, const char *name, uint64_t pages, uint32_t nsub, struct mm_err *err)
{
	int fi = -1, slot = -1;
	for (int i = 0; i < MM_MAX_FILES; i++)
		if (m->file[i].alive && !strcasecmp(m->file[i].name, name))
			fi = i;
	if (fi < 0) { /* the image file on the simulated disk */
		for (int i = 0; i < MM_MAX_FILES && fi < 0; i++)
			if (!m->file[i].alive)
				fi = i;
		if (fi < 0)
			return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", 1, MMM_SEC_DISK_FULL), NULL;
		struct sim_file *f = &m->file[fi];
		uint32_t *content = arena_calloc(m, pages, sizeof *content);
		if (!content)
			return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_OOM), NULL;
		MM_SET64(m, (uint64_t *)(void *)&f->content, (uint64_t)(uintptr_t)content);
		MM_SET64(m, &f->pages, pages);
		MM_SET32(m, &f->data_section, 0);
		set_name(m, f->name, name);
		MM_SET32(m, &f->alive, 1);
	}
	for (int i = 0; i < MM_MAX_SECTIONS && slot < 0; i++)
		if (!m->section[i].alive)
			slot = i;
	if (slot < 0)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", -1, MMM_SECTIONS_MAX, MM_MAX_SECTIONS), NULL;
	struct section *s = &m->section[slot];
	uint8_t *prot = arena_calloc(m, pages, 1);
	if (!prot)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_OOM), NULL;
	MM_SET64(m, (uint64_t *)(void *)&s->page_prot, (uint64_t)(uintptr_t)prot);
	MM_SET32(m, &s->kind, SECTION_IMAGE);
	MM_SET32(m, &s->file, (uint32_t)fi + 1);
	MM_SET32(m, &s->protection, MM_EXECUTE_WRITECOPY);
	MM_SET64(m, &s->pages, pages);
	MM_SET32(m, &s->views, 0);
	MM_SET32(m, &s->refs, 1); /* the loader's cache keeps it */
	MM_SET64(m, &s->commit, 0);
	set_name(m, s->name, "");
	if (build_segment(m, s, MM_EXECUTE_WRITECOPY, nsub, err) < 0)
		return NULL;
	MM_SET32(m, &s->alive, 1);
	return s;
}

/* OpenFileMapping's dwDesiredAccess (FILE_MAP_*) as section rights:
 * FILE_MAP_COPY is SECTION_QUERY, FILE_MAP_EXECUTE stands for
 * SECTION_MAP_EXECUTE; FILE_MAP_ALL_ACCESS holds them all. */
static uint32_t open_access(uint32_t file_map)
{
	uint32_t a = file_map & (SECTION_QUERY | SECTION_MAP_WRITE | SECTION_MAP_READ | SECTION_MAP_EXECUTE);
	return a | (file_map & FILE_MAP_EXECUTE ? SECTION_MAP_EXECUTE : 0);
}

uint64_t section_open(struct mm *m, struct proc *p, const char *name, uint32_t access, struct mm_err *err)
{
	int i = find_named(m, name);
	if (i < 0)
		return mm_fail_tr(err, "STATUS_OBJECT_NAME_NOT_FOUND", 1, MMM_SEC_NO_NAME, name), 0;
	MM_SET32(m, &m->secobj[i].refs, m->secobj[i].refs + 1);
	return handle_put(m, p, HANDLE_SECTION, (uint32_t)i, open_access(access), err);
}

/* A section nobody maps or holds goes: its frames, page-file slots, pool
 * and commit return; dirty file pages are written to the file first. */
static void section_delete(struct mm *m, struct section *s)
{
	for (uint64_t i = 0; i < s->pages; i++) {
		pte_t v = section_proto_load(m, s, i);
		struct pte_info pi;
		pte_decode(m->arch, v, &pi);
		if (pi.format == PTE_FMT_TRANSITION) {
			uint32_t pfn = pi.pfn;
			if (s->kind == SECTION_FILE && (m->pfn[pfn].flags & PFNF_MODIFIED))
				section_file_write(m, s, i, pfn);
			section_proto_store(m, s, i, 0);
			pfn_delete_transition(m, pfn);
		} else if (pi.format == PTE_FMT_PAGEFILE) {
			section_proto_store(m, s, i, 0);
			pagefile_free(m, pi.pagefile, pi.offset);
		}
	}
	struct mm_err err;
	pool_free_own(m, s->proto_va, &err); /* fails only on a page kwrite corrupted: the block stays */
	pool_free_own(m, s->ca_va, &err);
	if (s->commit) {
		MM_SET64(m, &m->commit_system, m->commit_system - s->commit);
		commit_return(m, NULL, s->commit, COMMIT_FIXED);
	}
	if (s->file)
		MM_SET32(m, &m->file[s->file - 1].data_section, 0);
	MM_SET32(m, &s->alive, 0);
}

/* Does a file's control area still have pages in memory (valid or
 * waiting on standby/modified)? Windows keeps it while it does
 * (NumberOfPfnReferences): the file stays cached, and mapping it again
 * soon after is a soft fault, not a read from the disk. */
static bool has_pages_in_memory(const struct mm *m, const struct section *s)
{
	for (uint64_t i = 0; i < s->pages; i++) {
		struct pte_info pi;
		pte_decode(m->arch, section_proto_load(m, s, i), &pi);
		if (pi.format == PTE_FMT_HARDWARE || pi.format == PTE_FMT_TRANSITION)
			return true;
	}
	return false;
}

static void section_unref(struct mm *m, struct section *s, bool view)
{
	if (view)
		MM_SET32(m, &s->views, s->views - 1);
	else
		MM_SET32(m, &s->refs, s->refs - 1);
	if (s->views || s->refs)
		return;
	if (s->kind == SECTION_FILE && has_pages_in_memory(m, s))
		return; /* cached: the next CreateFileMapping of the file finds it */
	section_delete(m, s);
}

/* A handle to section object oi closes; the object goes with its last
 * handle, and its control area loses a reference (it lives on while
 * views or other objects remain). */
static void secobj_unref(struct mm *m, int oi)
{
	struct section_object *o = &m->secobj[oi];
	MM_SET32(m, &o->refs, o->refs - 1);
	if (o->refs)
		return;
	struct section *s = &m->section[o->control_area - 1];
	MM_SET32(m, &o->control_area, 0);
	MM_SET32(m, &o->protection, 0);
	MM_SET64(m, &o->pages, 0);
	set_name(m, o->name, "");
	section_unref(m, s, false);
}

void section_close_all(struct mm *m, struct proc *p)
{
	for (int i = 0; i < MM_MAX_HANDLES; i++) {
		uint32_t e = p->handle[i];
		if (!e)
			continue;
		MM_SET32(m, &p->handle[i], 0);
		if ((e >> 24) == HANDLE_SECTION)
			secobj_unref(m, (int)(e & HANDLE_INDEX_MASK) - 1);
	}
}

int section_close(struct mm *m, struct proc *p, uint64_t h, struct mm_err *err)
{
	int kind = handle_get(p, h, HANDLE_SECTION) >= 0 ? HANDLE_SECTION : handle_get(p, h, HANDLE_FILE) >= 0 ? HANDLE_FILE : 0;
	if (!kind)
		return mm_fail_tr(err, "STATUS_INVALID_HANDLE", 1, MMM_SEC_NOT_HANDLE, (unsigned long long)h);
	int i = handle_get(p, h, (enum handle_kind)kind);
	MM_SET32(m, &p->handle[(h - HANDLE_BASE) / 4], 0);
	if (kind == HANDLE_SECTION) /* the control area lives on while views remain */
		secobj_unref(m, i);
	return 0;
}

/* ---- views ---- */

/* MapViewOfFile's dwDesiredAccess as a page protection (kernel32):
 * FILE_MAP_COPY, alone or with others, maps copy-on-write, except in
 * FILE_MAP_ALL_ACCESS (which holds its bit) = FILE_MAP_WRITE; then write,
 * then read; FILE_MAP_EXECUTE adds execute (docs/reference.md R-SECTION-API). */
static int view_protection(uint32_t access, struct mm_err *err)
{
	bool exec = access & FILE_MAP_EXECUTE;
	if ((access & FILE_MAP_COPY) && access != FILE_MAP_ALL_ACCESS)
		return exec ? MM_EXECUTE_WRITECOPY : MM_WRITECOPY;
	if (access & FILE_MAP_WRITE)
		return exec ? MM_EXECUTE_READWRITE : MM_READWRITE;
	if (access & FILE_MAP_READ)
		return exec ? MM_EXECUTE_READ : MM_READONLY;
	return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 2, MMM_SEC_ACCESS);
}

/* MmMakeSectionAccess: the rights a view of protection prot needs. */
static const uint32_t make_section_access[8] = {
	[0] = SECTION_MAP_READ,
	[MM_READONLY] = SECTION_MAP_READ,
	[MM_EXECUTE] = SECTION_MAP_EXECUTE,
	[MM_EXECUTE_READ] = SECTION_MAP_EXECUTE | SECTION_MAP_READ,
	[MM_READWRITE] = SECTION_MAP_WRITE,
	[MM_WRITECOPY] = SECTION_MAP_READ,
	[MM_EXECUTE_READWRITE] = SECTION_MAP_EXECUTE | SECTION_MAP_WRITE,
	[MM_EXECUTE_WRITECOPY] = SECTION_MAP_EXECUTE | SECTION_MAP_READ,
};

/* MmCompatibleProtectionMask: for a section (or view) of protection p, the
 * protections a view (or VirtualProtect) may ask for, as a set of MM codes
 * 1..7 (NOACCESS is always allowed). */
static const uint8_t compatible[8] = {
	[MM_READONLY] = 1u << MM_READONLY | 1u << MM_WRITECOPY,
	[MM_EXECUTE] = 1u << MM_EXECUTE,
	[MM_EXECUTE_READ] = 1u << MM_READONLY | 1u << MM_WRITECOPY | 1u << MM_EXECUTE | 1u << MM_EXECUTE_READ,
	[MM_READWRITE] = 1u << MM_READONLY | 1u << MM_WRITECOPY | 1u << MM_READWRITE,
	[MM_WRITECOPY] = 1u << MM_READONLY | 1u << MM_WRITECOPY,
	[MM_EXECUTE_READWRITE] = 0xFE,
	[MM_EXECUTE_WRITECOPY] = 1u << MM_READONLY | 1u << MM_WRITECOPY | 1u << MM_EXECUTE | 1u << MM_EXECUTE_READ |
				 1u << MM_EXECUTE_WRITECOPY,
};

bool section_protection_compatible(int old_prot, int new_prot)
{
	if ((new_prot & 7) == 0) /* PAGE_NOACCESS, and PAGE_GUARD/NOCACHE modifiers ride on the base */
		return true;
	return (compatible[old_prot & 7] >> (new_prot & 7)) & 1;
}

static const char *const section_right_names[] = {"SECTION_QUERY", "SECTION_MAP_WRITE", "SECTION_MAP_READ",
						   "SECTION_MAP_EXECUTE"};

/* NtMapViewOfSection's handle check, then MmMapViewOfSection's check of
 * the view's protection against the section object's own. */
static int view_allowed(const struct mm *m, const struct proc *p, uint64_t handle, int oi, int prot,
			struct mm_err *err)
{
	uint32_t need = make_section_access[prot & 7], have = handle_access(p, handle), missing = need & ~have;
	char buf[40];
	if (missing) {
		int bit = __builtin_ctz(missing);
		return mm_fail_tr(err, "STATUS_ACCESS_DENIED", 2,
			       MMM_SEC_NOT_GRANTED,
			       section_right_names[bit], mm_prot_win32_str(mm_prot_to_win32(prot), buf, sizeof buf));
	}
	int sp = (int)m->secobj[oi].protection;
	char sbuf[40];
	if (!section_protection_compatible(sp, prot))
		return mm_fail_tr(err, "STATUS_SECTION_PROTECTION", 2, MMM_SEC_VIEW_PROT,
			       mm_prot_win32_str(mm_prot_to_win32(prot), buf, sizeof buf),
			       mm_prot_win32_str(mm_prot_to_win32(sp), sbuf, sizeof sbuf));
	return 0;
}

uint64_t section_map(struct mm *m, struct proc *p, uint64_t handle, uint32_t access, uint64_t offset,
		     uint64_t size, uint64_t addr, struct mm_err *err)
{
	int oi = handle_get(p, handle, HANDLE_SECTION);
	if (oi < 0)
		return mm_fail_tr(err, "STATUS_INVALID_HANDLE", 1, MMM_SEC_NOT_SECTION_HANDLE,
			       (unsigned long long)handle), 0;
	int prot = view_protection(access, err);
	if (prot < 0 || view_allowed(m, p, handle, oi, prot, err) < 0)
		return 0;
	uint32_t si = m->secobj[oi].control_area - 1;
	struct section *s = &m->section[si];
	if (offset % MM_ALLOC_GRANULARITY)
		return mm_fail_tr(err, "STATUS_MAPPED_ALIGNMENT", 3, MMM_SEC_OFFSET_ALIGN), 0;
	uint64_t total = mm_pages_bytes(m->secobj[oi].pages); /* the section object's size, not the file's */
	if (offset >= total)
		return mm_fail_tr(err, "STATUS_INVALID_VIEW_SIZE", 3, MMM_SEC_OFFSET_END,
			       (unsigned long long)offset, (unsigned long long)total), 0;
	if (size == 0)
		size = total - offset;
	if (size > total - offset)
		return mm_fail_tr(err, "STATUS_INVALID_VIEW_SIZE", 4, MMM_SEC_VIEW_END), 0;
	uint64_t pages = mm_pages_round_up(size), base;
	if (addr) {
		if (addr % MM_ALLOC_GRANULARITY)
			return mm_fail_tr(err, "STATUS_MAPPED_ALIGNMENT", 5, MMM_SEC_ADDR_ALIGN), 0;
		if (mm_range_wraps(addr, mm_pages_bytes(pages)))
			return mm_fail_wrap(err, "STATUS_INVALID_PARAMETER", 5, addr, mm_pages_bytes(pages), 0), 0;
		if (addr < m->lay.lowest_user || addr + mm_pages_bytes(pages) - 1 > m->lay.highest_vad)
			return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 5, MMM_SEC_ADDR_USER), 0;
		if (vad_overlap(m, p, mm_page_number(addr), mm_page_number(addr) + pages - 1))
			return mm_fail_tr(err, "STATUS_CONFLICTING_ADDRESSES", 5, MMM_SEC_IN_USE, (unsigned long long)addr), 0;
		base = addr;
	} else if (vad_find_free(m, p, pages, false, m->lay.lowest_user, m->lay.highest_vad, &base) < 0) {
		return mm_fail_tr(err, "STATUS_NO_MEMORY", 4, MMM_SEC_NO_RANGE, (unsigned long long)pages), 0;
	}
	/* A copy-on-write view charges every page now: each may become private. */
	bool cow = MM_PROT_IS_COPY_ON_WRITE(prot);
	if (cow && commit_charge(m, p, pages, COMMIT_PRIVATE, err) < 0)
		return 0;
	uint32_t vi = vad_create(m, p, mm_page_number(base), mm_page_number(base) + pages - 1, VAD_MAPPED, prot, 0, err);
	if (!vi)
		return 0;
	struct vad *v = vad_at(m, vi);
	MM_SET8(m, &v->usage, s->kind == SECTION_FILE ? VUSE_MAPPED : VUSE_SHAREABLE);
	MM_SET32(m, &v->object, si + 1);
	MM_SET64(m, &v->offset, mm_page_number(offset));
	if (cow)
		MM_SET64(m, &v->commit_charge, pages);
	MM_SET32(m, &s->views, s->views + 1);
	return base;
}

void section_release_view(struct mm *m, struct proc *p, uint32_t vi)
{
	struct vad *v = vad_at(m, vi);
	struct section *s = &m->section[v->object - 1];
	int last = m->arch->levels - 1;
	va_t start = mm_page_address(v->start), end = mm_page_address(v->end + 1) - 1;
	for (va_t va = start; va <= end && va >= start; va += MM_PAGE_SIZE) {
		struct pte_ref pte = paging_ref(m, p, last, va);
		if (pte.table == MM_PFN_NONE)
			continue;
		pte_t e = pte_ref_load(m, &pte);
		struct pte_info pi;
		pte_decode(m->arch, e, &pi);
		if (pi.valid && (m->pfn[pi.pfn].flags & PFNF_PROTOTYPE)) { /* a shared page: unmapped, not freed */
			if (e & PTE_DIRTY)
				pfn_set_modified(m, pi.pfn, true);
			pte_ref_store(m, &pte, 0);
			tlb_flush_va(m, va);
			wsmgr_remove(m, p, va, pi.pfn);
			pfn_decrement_share(m, pi.pfn);
		} else if (pi.format == PTE_FMT_PROTOTYPE) {
			pte_ref_store(m, &pte, 0);
		}
	}
	deleteva_range(m, p, start, end); /* private copies (copy-on-write) and empty page tables */
	commit_return(m, p, v->commit_charge, COMMIT_PRIVATE);
	vad_delete(m, p, vi);
	section_unref(m, s, true);
}

int section_unmap(struct mm *m, struct proc *p, uint64_t addr, struct mm_err *err)
{
	uint32_t vi = vad_find(m, p, mm_page_number(addr));
	if (!vi || (vad_at(m, vi)->type != VAD_MAPPED && vad_at(m, vi)->type != VAD_IMAGE) || !vad_at(m, vi)->object)
		return mm_fail_tr(err, "STATUS_NOT_MAPPED_VIEW", 1, MMM_NOT_VIEW, (unsigned long long)addr);
	section_release_view(m, p, vi);
	return 0;
}

int section_flush(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint64_t *written, struct mm_err *err)
{
	uint32_t vi = vad_find(m, p, mm_page_number(addr));
	*written = 0;
	if (!vi || !vad_at(m, vi)->object)
		return mm_fail_tr(err, "STATUS_NOT_MAPPED_VIEW", 1, MMM_NOT_VIEW, (unsigned long long)addr);
	if (mm_range_wraps(addr, size))
		return mm_fail_wrap(err, "STATUS_INVALID_PARAMETER", 2, addr, size, 0);
	struct vad *v = vad_at(m, vi);
	va_t end = size ? mm_page_last(addr + size - 1) : mm_page_address(v->end + 1) - 1;
	end = MM_MIN(end, mm_page_address(v->end + 1) - 1);
	int last = m->arch->levels - 1;
	for (va_t va = mm_page_base(addr); va <= end; va += MM_PAGE_SIZE) {
		uint64_t page;
		struct section *s = section_of_vad(m, vi, va, &page);
		if (!s || s->kind != SECTION_FILE)
			continue;
		/* the process's Dirty bit goes to the PFN first (MiFlushDirtyBitsToPfn) */
		struct pte_ref pte = paging_ref(m, p, last, va);
		pte_t e = pte.table == MM_PFN_NONE ? 0 : pte_ref_load(m, &pte);
		if ((e & PTE_VALID) && (e & PTE_DIRTY) && (m->pfn[pte_pfn(m->arch, e)].flags & PFNF_PROTOTYPE)) {
			pfn_set_modified(m, pte_pfn(m->arch, e), true);
			pte_ref_store(m, &pte, e & ~(PTE_DIRTY | PTE_HW_WRITE));
			tlb_flush_va(m, va);
		}
		struct pte_info pi;
		pte_decode(m->arch, section_proto_load(m, s, page), &pi);
		if ((pi.format == PTE_FMT_HARDWARE || pi.format == PTE_FMT_TRANSITION) &&
		    (m->pfn[pi.pfn].flags & PFNF_MODIFIED)) {
			section_file_write(m, s, page, pi.pfn);
			pfn_set_modified(m, pi.pfn, false);
			if (pfn_loc(&m->pfn[pi.pfn]) == PFN_MODIFIED) {
				pfn_unlink(m, pi.pfn);
				pfn_insert(m, pi.pfn, PFN_STANDBY);
			}
			(*written)++;
		}
	}
	return 0;
}
