/*
 * aspace.c — a new process's user address space as Windows builds it
 * (aspace.h), for `process create` without --bare. In creation order:
 *
 *   0. The program's image at its preferred base (the built-in image of
 *      the process's name, app.exe for any other name) and ntdll.dll
 *      (MmInitializeProcessAddressSpace, PspMapSystemDll); image.c maps
 *      them.
 *   1. 64-bit only: a 64 KB VAD at 0x7FFE0000 for the shared user data
 *      page, not deletable and refusing commits (WRK procsup.c,
 *      MmInitializeProcessAddressSpace: on x64 the page lies inside the
 *      user range, so a VAD keeps VirtualAlloc off it; on x86 it lies above
 *      the highest VAD address and needs none). The page itself is mapped
 *      read-only by the fault handler on first touch.
 *   2. The PEB (MmCreatePeb): one committed page as high as it fits below
 *      the highest VAD address (MiCreatePebOrTeb, page granularity, top
 *      down): 0x7FFDF000 on x86, as Windows XP placed it. The kernel fills
 *      in ImageBaseAddress (0 until images exist), the OS version, the
 *      heap parameters, and points ProcessHeaps at the array that follows
 *      the PEB structure in the same page.
 *   3. The main thread (stack.c): its stack (1 MB reserved, the top page
 *      committed, a guard page below), then its TEB just below the PEB.
 *   4. The default process heap (heap.c): growable, the image's 1 MB
 *      reserve and 4 KB commit (rounded up to 8 KB on 64-bit), recorded in
 *      PEB.ProcessHeap and ProcessHeaps[0].
 *   5. kernel32.dll, the loader's first DLL after ntdll.
 * The images sit high (x64) or at 0x400000 and above (x86), so the
 * bottom-up allocations start at 0x10000 (the stack) and the heap follows
 * at 0x110000, as in Windows XP's layout.
 *
 * Vista and later randomise these places (ASLR); the fixed, pre-Vista
 * places are the ones the course's figures show.
 */
#include "aspace.h"

#include <strings.h>

#include "mm/commit.h"
#include "base/consts.h"
#include "heap.h"
#include "mm/image.h"
#include "mm/process.h"
#include "stack.h"
#include "mm/uva.h"
#include "mm/vm.h"

/* Windows 7 PEB and TEB offsets (x86 and WOW64's 32-bit view; x64). */
static const struct aspace_abi abi32 = {
	.ptr = 4, .peb_size = 0x1000, .teb_size = 0x1000,
	.peb_image_base = 0x08, .peb_ldr = 0x0C, .peb_process_heap = 0x18, .peb_nprocessors = 0x64,
	.peb_seg_reserve = 0x78, .peb_seg_commit = 0x7C, .peb_decommit_total = 0x80, .peb_decommit_block = 0x84,
	.peb_nheaps = 0x88, .peb_max_heaps = 0x8C, .peb_heaps = 0x90, .peb_os_major = 0xA4, .peb_os_minor = 0xA8,
	.peb_os_build = 0xAC, .peb_struct = 0x248,
	.teb_stack_base = NT_TIB_STACK_BASE(4), .teb_stack_limit = NT_TIB_STACK_LIMIT(4), .teb_self = 0x18, .teb_pid = 0x20, .teb_tid = 0x24,
	.teb_peb = 0x30, .teb_dealloc = 0xE0C,
};
static const struct aspace_abi abi64 = {
	.ptr = 8, .peb_size = 0x1000, .teb_size = 0x2000, /* sizeof(TEB) 0x1818: two pages */
	.peb_image_base = 0x10, .peb_ldr = 0x18, .peb_process_heap = 0x30, .peb_nprocessors = 0xB8,
	.peb_seg_reserve = 0xC8, .peb_seg_commit = 0xD0, .peb_decommit_total = 0xD8, .peb_decommit_block = 0xE0,
	.peb_nheaps = 0xE8, .peb_max_heaps = 0xEC, .peb_heaps = 0xF0, .peb_os_major = 0x118, .peb_os_minor = 0x11C,
	.peb_os_build = 0x120, .peb_struct = 0x380,
	.teb_stack_base = NT_TIB_STACK_BASE(8), .teb_stack_limit = NT_TIB_STACK_LIMIT(8), .teb_self = 0x30, .teb_pid = 0x40, .teb_tid = 0x48,
	.teb_peb = 0x60, .teb_dealloc = 0x1478,
};

const struct aspace_abi *aspace_abi(const struct mm *m)
{
	return m->arch->id == MM_ARCH_X64 ? &abi64 : &abi32;
}

int aspace_peb_or_teb(struct mm *m, struct proc *p, uint64_t size, enum vad_usage u, uint32_t object,
		      uint64_t *base, struct mm_err *err)
{
	uint64_t pages = mm_bytes_pages(size);
	if (vad_find_free_aligned(m, p, pages, true, m->lay.lowest_user, m->lay.highest_vad, MM_PAGE_SIZE, base) < 0)
		return mm_fail(err, "STATUS_NO_MEMORY", -1, "no room for a %s", u == VUSE_PEB ? "PEB" : "TEB");
	if (commit_charge(m, p, pages, COMMIT_PRIVATE, err) < 0)
		return -1;
	uint32_t v = vad_create(m, p, mm_page_number(*base), mm_page_number(*base + size - 1), VAD_PRIVATE, MM_READWRITE,
				VADF_PRIVATE | VADF_MEM_COMMIT, err);
	if (!v)
		return -1;
	MM_SET64(m, &vad_at(m, v)->commit_charge, pages);
	vad_set_usage(m, v, u, object);
	return 0;
}

int aspace_peb_write(struct mm *m, struct proc *p, unsigned off, uint64_t value, int size, struct mm_err *err)
{
	return p->peb ? uva_write(m, p->peb + off, value, size, true, err) : 0;
}

static int shared_data_vad(struct mm *m, struct proc *p, struct mm_err *err)
{
	uint64_t s = m->lay.shared_user_data;
	if (m->lay.highest_vad < s)
		return 0; /* 32-bit: the page lies above every VAD */
	uint32_t v = vad_create(m, p, mm_page_number(s), mm_page_number(s + MM_ALLOC_GRANULARITY - 1), VAD_PRIVATE, MM_READONLY,
				VADF_PRIVATE | VADF_NO_CHANGE | VADF_MAX_COMMIT, err);
	if (!v)
		return -1;
	vad_set_usage(m, v, VUSE_SHARED_DATA, 0);
	return 0;
}

static int write_peb(struct mm *m, struct proc *p, struct mm_err *err)
{
	const struct aspace_abi *a = aspace_abi(m);
	int w = (int)a->ptr;
	bool win7 = m->cfg.os == MM_OS_WIN7;
	struct uva_field f[] = {
		{a->peb_nprocessors, 4, 1},
		{a->peb_seg_reserve, w, ASPACE_HEAP_SEGMENT_RESERVE},
		{a->peb_seg_commit, w, ASPACE_HEAP_SEGMENT_COMMIT},
		{a->peb_decommit_total, w, ASPACE_HEAP_DECOMMIT_TOTAL},
		{a->peb_decommit_block, w, ASPACE_HEAP_DECOMMIT_BLOCK},
		{a->peb_max_heaps, 4, (MM_PAGE_SIZE - a->peb_struct) / a->ptr},
		{a->peb_heaps, w, p->peb + a->peb_struct},
		{a->peb_os_major, 4, win7 ? 6 : 10},
		{a->peb_os_minor, 4, win7 ? 1 : 0},
		{a->peb_os_build, 2, win7 ? 7601 : 19041},
	};
	return uva_write_fields(m, p->peb, f, MM_ARRAY_LEN(f), true, err);
}

/* The image a process runs: the built-in image of its name, or app.exe
 * standing in for a program the machine has no image of. */
static const char *exe_of(const struct mm *m, const char *name)
{
	for (int i = 0; i < MM_MAX_IMAGES; i++)
		if (m->image[i].name[0] && !strcasecmp(m->image[i].name, name))
			return m->image[i].name;
	return "app.exe";
}

static int map_image(struct mm *m, struct proc *p, const char *name, uint64_t *base, struct mm_err *err)
{
	bool relocated, already;
	*base = image_load(m, p, name, 0, &relocated, &already, err);
	return *base ? 0 : -1;
}

int aspace_populate(struct mm *m, struct proc *p, struct mm_err *err)
{
	uint64_t peb, exe, dll;
	if (shared_data_vad(m, p, err) < 0 || map_image(m, p, exe_of(m, p->name), &exe, err) < 0 ||
	    map_image(m, p, "ntdll.dll", &dll, err) < 0 ||
	    aspace_peb_or_teb(m, p, aspace_abi(m)->peb_size, VUSE_PEB, 0, &peb, err) < 0)
		return -1;
	MM_SET64(m, &p->peb, peb);
	if (write_peb(m, p, err) < 0 || aspace_peb_write(m, p, aspace_abi(m)->peb_image_base, exe,
							    (int)aspace_abi(m)->ptr, err) < 0 ||
	    !stack_create_thread(m, p, 0, 0, err) ||
	    heap_create_process_heap(m, p, ASPACE_IMAGE_HEAP_RESERVE, ASPACE_IMAGE_HEAP_COMMIT, err) < 0)
		return -1;
	return map_image(m, p, "kernel32.dll", &dll, err); /* the loader's first DLL after ntdll */
}

int aspace_exit(struct mm *m, struct proc *p, struct mm_err *err)
{
	if (process_exit(m, p, err) < 0)
		return -1;
	heap_forget_process(m, p); /* the heap records went with the memory */
	return 0;
}
