/*
 * heapmem.c — LocalAlloc, LocalFree, GlobalAlloc and GlobalFree
 * (heapmem.h; docs/reference.md R-HEAPMEM).
 *
 * On Windows NT the 16-bit Windows memory API is a thin layer of kernel32
 * (its heapmem.c) over ntdll's heap: there is no local or global heap any
 * more, only the process heap. Fixed memory (LMEM_FIXED, GMEM_FIXED, and
 * LPTR/GPTR with their ZEROINIT) is a block of the process heap whose
 * address is the "handle": LocalAlloc calls RtlAllocateHeap on
 * PEB.ProcessHeap, with HEAP_ZERO_MEMORY for LMEM_ZEROINIT/GMEM_ZEROINIT,
 * and LocalFree calls RtlFreeHeap. So the block shows in `!heap` of the
 * process heap like any HeapAlloc, and Local and Global memory are the
 * same thing.
 *
 * Moveable memory (LMEM_MOVEABLE, GMEM_MOVEABLE) is a handle-table entry
 * that LocalLock turns into an address; mmviz does not model the handle
 * table and refuses it with a clear error (docs/simplifications.md).
 *
 * Errors follow kernel32: flags outside LMEM_VALID_FLAGS /
 * GMEM_VALID_FLAGS are ERROR_INVALID_PARAMETER; freeing something that is
 * not a block of the process heap is ERROR_INVALID_HANDLE (LocalFree then
 * returns the handle, the caller's sign of failure).
 */
#include "heapmem.h"

#include <stdio.h>

#include "base/consts.h"
#include "heap.h"
#include "w32msg.h"

static const struct {
	const char *alloc, *free, *moveable;
	uint32_t valid, moveable_flag, zeroinit;
} api_of[] = {
	[HEAPMEM_LOCAL] = {"LocalAlloc", "LocalFree", "LMEM_MOVEABLE", LMEM_VALID_FLAGS, LMEM_MOVEABLE, LMEM_ZEROINIT},
	[HEAPMEM_GLOBAL] = {"GlobalAlloc", "GlobalFree", "GMEM_MOVEABLE", GMEM_VALID_FLAGS, GMEM_MOVEABLE, GMEM_ZEROINIT},
};

static int need_process_heap(const struct proc *p, const char *fn, struct mm_err *err)
{
	if (p->process_heap)
		return 0;
	return mm_fail_tr(err, "STATUS_INVALID_HANDLE", -1, WM_HEAPMEM_NONE, fn, p->pid);
}

int heapmem_alloc(struct mm *m, struct proc *p, enum heapmem_api api, uint32_t flags, uint64_t size, uint64_t *ptr,
		  struct mm_err *err)
{
	const char *fn = api_of[api].alloc;
	if (flags & ~api_of[api].valid)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 1, WM_HEAPMEM_FLAGS, fn, flags, fn);
	if (flags & api_of[api].moveable_flag)
		return mm_fail_tr(err, "STATUS_NOT_SUPPORTED", 1,
			       WM_HEAPMEM_MOVEABLE, fn, api_of[api].moveable,
			       api == HEAPMEM_LOCAL ? "LocalLock" : "GlobalLock", api == HEAPMEM_LOCAL ? "LMEM_FIXED" : "GMEM_FIXED",
			       api == HEAPMEM_LOCAL ? "LPTR" : "GPTR");
	if (need_process_heap(p, fn, err) < 0)
		return -1;
	uint32_t hflags = flags & api_of[api].zeroinit ? HEAP_ZERO_MEMORY : 0;
	return heap_alloc(m, p, p->process_heap, hflags, size, ptr, err);
}

int heapmem_free(struct mm *m, struct proc *p, enum heapmem_api api, uint64_t ptr, struct mm_err *err)
{
	if (!ptr)
		return 0;
	if (need_process_heap(p, api_of[api].free, err) < 0)
		return -1;
	if (heap_free(m, p, p->process_heap, ptr, err) < 0) {
		if (!err)
			return -1;
		char text[2][sizeof err->msg]; /* the function, then the heap's own words in each language */
		snprintf(text[0], sizeof text[0], "%s: %s", api_of[api].free, mm_err_text(err, 0));
		snprintf(text[1], sizeof text[1], "%s: %s", api_of[api].free, mm_err_text(err, 1));
		return mm_fail_texts(err, "STATUS_INVALID_HANDLE", 1, text[0], text[1]);
	}
	return 0;
}
