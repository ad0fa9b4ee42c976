/*
 * section.h — files on the simulated disk, section objects (control areas
 * with their prototype PTEs), per-process handles, and views
 * (docs/reference.md R-SECTION). See section.c for the design.
 */
#ifndef MM_SECTION_H
#define MM_SECTION_H

#include "base/machine.h"

enum handle_kind { HANDLE_FILE = 1, HANDLE_SECTION = 2 };

/* CreateFile NAME SIZE: a file with deterministic contents. Returns the
 * handle value, 0 with err. */
uint64_t section_create_file(struct mm *m, struct proc *p, const char *name, uint64_t size, struct mm_err *err);
/* CreateFileMapping: file handle 0 = INVALID_HANDLE_VALUE (page-file
 * backed). page_prot: Win32 PAGE_*, with SEC_COMMIT (default) or
 * SEC_RESERVE; size 0 = the file's size. Each call makes a section object
 * of its own (protection, size, name) on the file's one control area.
 * *existed is set when a named section already existed
 * (ERROR_ALREADY_EXISTS). */
uint64_t section_create(struct mm *m, struct proc *p, uint64_t file_handle, uint32_t page_prot, uint64_t size,
			const char *name, bool *existed, struct mm_err *err);
/* OpenFileMapping: access FILE_MAP_* (what the handle is granted). */
uint64_t section_open(struct mm *m, struct proc *p, const char *name, uint32_t access, struct mm_err *err);
/* MiIsProtectionCompatible: may a view (or VirtualProtect) of MM
 * protection new_prot be made of a section or view of old_prot? */
bool section_protection_compatible(int old_prot, int new_prot);
/* MapViewOfFile: access FILE_MAP_*; offset a multiple of 64 KB; size 0 =
 * to the end; addr 0 = the system chooses. Returns the view's base. */
uint64_t section_map(struct mm *m, struct proc *p, uint64_t handle, uint32_t access, uint64_t offset,
		     uint64_t size, uint64_t addr, struct mm_err *err);
int section_unmap(struct mm *m, struct proc *p, uint64_t addr, struct mm_err *err);
/* Releases a view VAD (UnmapViewOfFile, process exit). */
void section_release_view(struct mm *m, struct proc *p, uint32_t vad);
/* FlushViewOfFile: dirty pages of a file-backed view go to the file. */
int section_flush(struct mm *m, struct proc *p, uint64_t addr, uint64_t size, uint64_t *written, struct mm_err *err);
/* Process exit: every handle closes. */
void section_close_all(struct mm *m, struct proc *p);
/* An image's control area, with nsub subsections, over a file of its name
 * (image.c fills in the page protections and the prototype PTEs). */
struct section *section_new_image(struct mm *m, const char *name, uint64_t pages, uint32_t nsub, struct mm_err *err);
/* Subsections: how many a control area has, where subsection k is (in the
 * control area's pool block), and which one holds page `page` (*first and
 * *count: the pages it describes). */
uint32_t section_subsections(const struct mm *m, const struct section *s);
uint64_t section_subsection_va(const struct mm *m, const struct section *s, uint32_t k);
uint32_t section_subsection_of(const struct mm *m, const struct section *s, uint64_t page, uint64_t *first,
			       uint64_t *count);
/* CloseHandle. */
int section_close(struct mm *m, struct proc *p, uint64_t handle, struct mm_err *err);

/* The prototype PTE of page `page` of section s: its address and value. */
uint64_t section_proto_va(const struct mm *m, const struct section *s, uint64_t page);
pte_t section_proto_load(const struct mm *m, const struct section *s, uint64_t page);
void section_proto_store(struct mm *m, const struct section *s, uint64_t page, pte_t v);
/* The frame holding a prototype PTE (the paged-pool page). */
uint32_t section_proto_frame(const struct mm *m, const struct section *s, uint64_t page);
/* The section and page a view VAD maps at va. */
struct section *section_of_vad(struct mm *m, uint32_t vad, va_t va, uint64_t *page);
/* Reads a file page into a frame (a hard fault of a mapped file) and
 * writes a frame back (the mapped page writer, FlushViewOfFile). */
int section_file_read(struct mm *m, const struct section *s, uint64_t page, uint32_t pfn);
void section_file_write(struct mm *m, const struct section *s, uint64_t page, uint32_t pfn);
/* The use a frame of section s has in the PFN database (what RAMMap's Use
 * column shows): an image's pages are Image, a data file's Mapped File, a
 * page-file-backed section's Shareable. */
enum pfn_use section_page_use(const struct section *s);
/* For a prototype frame: its section and page, or NULL. */
struct section *section_of_frame(struct mm *m, uint32_t pfn, uint64_t *page);

#endif
