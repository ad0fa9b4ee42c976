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
#include "peb.h"

#include <strings.h>

#include "mm/commit.h"
#include "base/consts.h"
#include "heap.h"
#include "loader.h"
#include "mm/image.h"
#include "mm/process.h"
#include "stack.h"
#include "mm/uva.h"
#include "mm/vm.h"

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
	*base = loader_load(m, p, name, 0, &relocated, &already, err);
	return *base ? 0 : -1;
}

int aspace_populate(struct mm *m, struct proc *p, struct mm_err *err)
{
	uint64_t peb, exe, dll;
	if (shared_data_vad(m, p, err) < 0 || map_image(m, p, exe_of(m, p->name), &exe, err) < 0 ||
	    map_image(m, p, "ntdll.dll", &dll, err) < 0 ||
	    peb_or_teb(m, p, peb_abi(m)->peb_size, VUSE_PEB, 0, &peb, err) < 0)
		return -1;
	MM_SET64(m, &p->peb, peb);
	if (peb_fill(m, p, err) < 0 || peb_write(m, p, peb_abi(m)->peb_image_base, exe, (int)peb_abi(m)->ptr, err) < 0 ||
	    !stack_create_thread(m, p, 0, 0, err) ||
	    heap_create_process_heap(m, p, IMAGE_DEFAULT_HEAP_RESERVE, IMAGE_DEFAULT_HEAP_COMMIT, err) < 0)
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
