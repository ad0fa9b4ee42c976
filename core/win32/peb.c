/*
 * peb.c — the Process and Thread Environment Blocks as the kernel makes
 * them (peb.h): their layouts per paging mode (Windows 7's public symbols,
 * docs/reference.md R-USER), the page each takes (MiCreatePebOrTeb), and
 * the fields MmCreatePeb fills in: the OS version, the processor count,
 * the heap parameters ntdll's heap reads, and the ProcessHeaps array that
 * follows the PEB structure in its page. The heap (heap.c) and the stacks
 * (stack.c) write their own fields through peb_write and the layout.
 */
#include "peb.h"

#include "base/consts.h"
#include "mm/commit.h"
#include "mm/stackgrow.h"
#include "mm/uva.h"
#include "w32msg.h"

/* Windows 7 PEB and TEB offsets (x86 and WOW64's 32-bit view; x64). */
static const struct peb_abi abi32 = {
	.ptr = 4, .peb_size = 0x1000, .teb_size = 0x1000,
	.peb_image_base = 0x08, .peb_ldr = 0x0C, .peb_process_heap = 0x18, .peb_nprocessors = 0x64,
	.peb_seg_reserve = 0x78, .peb_seg_commit = 0x7C, .peb_decommit_total = 0x80, .peb_decommit_block = 0x84,
	.peb_nheaps = 0x88, .peb_max_heaps = 0x8C, .peb_heaps = 0x90, .peb_os_major = 0xA4, .peb_os_minor = 0xA8,
	.peb_os_build = 0xAC, .peb_struct = 0x248,
	.teb_stack_base = NT_TIB_STACK_BASE(4), .teb_stack_limit = NT_TIB_STACK_LIMIT(4), .teb_self = 0x18, .teb_pid = 0x20, .teb_tid = 0x24,
	.teb_peb = 0x30, .teb_dealloc = 0xE0C,
};
static const struct peb_abi abi64 = {
	.ptr = 8, .peb_size = 0x1000, .teb_size = 0x2000, /* sizeof(TEB) 0x1818: two pages */
	.peb_image_base = 0x10, .peb_ldr = 0x18, .peb_process_heap = 0x30, .peb_nprocessors = 0xB8,
	.peb_seg_reserve = 0xC8, .peb_seg_commit = 0xD0, .peb_decommit_total = 0xD8, .peb_decommit_block = 0xE0,
	.peb_nheaps = 0xE8, .peb_max_heaps = 0xEC, .peb_heaps = 0xF0, .peb_os_major = 0x118, .peb_os_minor = 0x11C,
	.peb_os_build = 0x120, .peb_struct = 0x380,
	.teb_stack_base = NT_TIB_STACK_BASE(8), .teb_stack_limit = NT_TIB_STACK_LIMIT(8), .teb_self = 0x30, .teb_pid = 0x40, .teb_tid = 0x48,
	.teb_peb = 0x60, .teb_dealloc = 0x1478,
};

const struct peb_abi *peb_abi(const struct mm *m)
{
	return m->arch->id == MM_ARCH_X64 ? &abi64 : &abi32;
}

int peb_or_teb(struct mm *m, struct proc *p, uint64_t size, enum vad_usage u, uint32_t object,
		      uint64_t *base, struct mm_err *err)
{
	uint64_t pages = mm_bytes_pages(size);
	if (vad_find_free_aligned(m, p, pages, true, m->lay.lowest_user, m->lay.highest_vad, MM_PAGE_SIZE, base) < 0)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, WM_PEB_ROOM, u == VUSE_PEB ? "PEB" : "TEB");
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

int peb_write(struct mm *m, struct proc *p, unsigned off, uint64_t value, int size, struct mm_err *err)
{
	return p->peb ? uva_write(m, p->peb + off, value, size, true, err) : 0;
}

/* MmCreatePeb's fields (the image base is the loader's, set after). */
int peb_fill(struct mm *m, struct proc *p, struct mm_err *err)
{
	const struct peb_abi *a = peb_abi(m);
	int w = (int)a->ptr;
	bool win7 = m->cfg.os == MM_OS_WIN7;
	struct uva_field f[] = {
		{a->peb_nprocessors, 4, 1},
		{a->peb_seg_reserve, w, PEB_HEAP_SEGMENT_RESERVE},
		{a->peb_seg_commit, w, PEB_HEAP_SEGMENT_COMMIT},
		{a->peb_decommit_total, w, PEB_HEAP_DECOMMIT_TOTAL},
		{a->peb_decommit_block, w, PEB_HEAP_DECOMMIT_BLOCK},
		{a->peb_max_heaps, 4, (MM_PAGE_SIZE - a->peb_struct) / a->ptr},
		{a->peb_heaps, w, p->peb + a->peb_struct},
		{a->peb_os_major, 4, win7 ? 6 : 10},
		{a->peb_os_minor, 4, win7 ? 1 : 0},
		{a->peb_os_build, 2, win7 ? 7601 : 19041},
	};
	return uva_write_fields(m, p->peb, f, MM_ARRAY_LEN(f), true, err);
}
