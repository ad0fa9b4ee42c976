/*
 * query_ram.c — physical memory as RAMMap shows it (mm.h: mm_frame_use,
 * mm_use_counts, mm_ram_page, mm_file_summary; docs/tui.md TUI-RAM).
 * Read-only, like every query.
 *
 * RAMMap asks the kernel for each physical page's list, use and priority
 * and draws its tabs from that one table: Use Counts (use x list), Physical
 * Pages (one row per frame), File Summary (a file's frames on each list).
 * mmviz reads the same from its PFN database: the list is the frame's
 * location (pfn.c), the use is the use the PFN entry was initialised with
 * (pfn_initialize; a section's frames take section_page_use), the priority
 * is the standby priority kept in the entry. Nothing here decides a use
 * of its own: the only translation is from the PFN's use to RAMMap's row,
 * in the table ram_use_of[] below.
 *
 * Invariants (checked by tests/unit/16_ram.c):
 *   R1. The Use Counts matrix sums, per list, to the list totals of
 *       mm_phys, and per use to the PFN database's count of that use; its
 *       grand total is the number of frames.
 *   R2. The standby priorities 0-7 sum to the standby list's total.
 *   R3. A frame's virtual address, when given, translates back to it in
 *       its owner process (private pages and page tables) or in the
 *       system's tables (pool, kernel image, shared user data).
 *   R4. The File Summary's counts per file are the frames whose prototype
 *       PTE lies in a section of that file (an image: its image name).
 *
 *   R5. A frame on the zeroed or free list is unused: the only way onto
 *       the free list is a deleted page's last reference (pfn.c,
 *       pfn_decrement_ref, which clears the use), the zeroed list is fed
 *       from the free list, and a booted frame has no use.
 *
 * Cost: mm_use_counts and mm_file_summary read the PFN entries of the
 * summary groups that hold a frame in use; a group whose summary says
 * all its frames are zeroed or free is unused by R5 and not read, so a
 * 64 GiB machine with a few processes costs what its used frames cost
 * (reading every entry would map the whole 640 MB database, which boot
 * leaves untouched: docs/quality.md Q-PERF); mm_ram_page and
 * mm_frame_use read one entry;
 * mm_ws_pages a process's working-set list (for the split view, which
 * compares two processes' frames); mm_view_page one VAD look-up.
 */
#include "mm.h"

#include <stdio.h>
#include <string.h>

#include "base/consts.h"
#include "base/machine.h"
#include "hw/paging.h"
#include "hw/pte.h"
#include "kernel.h"
#include "pfn.h"
#include "process.h"
#include "section.h"
#include "vad.h"
#include "wsmgr.h"

/* The PFN's use as RAMMap's Use row. The kernel image is the only frame
 * with USE_SYSTEM (kernel.c maps it at boot); the shared user data page is
 * a system page no process owns. */
static const int ram_use_of[USE_COUNT] = {
	[USE_NONE] = MM_RU_UNUSED,		[USE_PRIVATE] = MM_RU_PRIVATE,
	[USE_PAGE_TABLE] = MM_RU_PAGE_TABLE,	[USE_SYSTEM] = MM_RU_KERNEL_IMAGE,
	[USE_SHARED_DATA] = MM_RU_SYSTEM,	[USE_MAPPED] = MM_RU_MAPPED,
	[USE_IMAGE] = MM_RU_IMAGE,		[USE_PAGED_POOL] = MM_RU_PAGED_POOL,
	[USE_NONPAGED_POOL] = MM_RU_NONPAGED_POOL, [USE_SHAREABLE] = MM_RU_SHAREABLE,
};

/* Whether every frame of summary group g is on the zeroed or free list,
 * so unused (R5), as its summary says without reading an entry. */
static bool group_unused(const struct mm *m, uint32_t g, uint32_t *first, uint32_t *end)
{
	*first = g << m->group_shift;
	*end = MM_MIN(m->npages, *first + (1u << m->group_shift));
	return m->groups[g][PFN_ZEROED] + m->groups[g][PFN_FREE] == *end - *first;
}

bool mm_group_unused(const struct mm *m, uint32_t g)
{
	uint32_t first, end;
	return g < m->ngroups && group_unused(m, g, &first, &end);
}

int mm_frame_use(const struct mm *m, uint32_t pfn)
{
	if (pfn >= m->npages)
		return -1;
	enum pfn_use u = pfn_use(&m->pfn[pfn]);
	return (unsigned)u < USE_COUNT ? ram_use_of[u] : MM_RU_UNUSED;
}

void mm_use_counts(const struct mm *m, struct mm_use_counts *o)
{
	memset(o, 0, sizeof *o);
	for (uint32_t g = 0; g < m->ngroups; g++) {
		uint32_t first, end;
		if (group_unused(m, g, &first, &end)) {
			o->n[MM_RU_UNUSED][PFN_ZEROED] += m->groups[g][PFN_ZEROED];
			o->n[MM_RU_UNUSED][PFN_FREE] += m->groups[g][PFN_FREE];
			continue;
		}
		for (uint32_t i = first; i < end; i++)
			o->n[mm_frame_use(m, i)][pfn_loc(&m->pfn[i])]++;
	}
	for (int p = 0; p < MM_STANDBY_PRIOS && p < MM_NPRIOS; p++)
		o->standby_prio[p] = m->standby[p].total;
}

/* The virtual address an entry at pte_address maps when the entry is at
 * level `level` of the self-map (MiGetVirtualAddressMappedByPte): the
 * inverse of paging_entry_va. False when the address is not in the
 * self-map (the PAE PDPT, a prototype PTE). */
static bool va_mapped_by(const struct mm *m, uint64_t pte_address, int level, uint64_t *va)
{
	const struct arch *a = m->arch;
	uint64_t base = a->self_base[level], span = (1ull << (a->va_bits - a->shift[level])) * (uint64_t)a->pte_size;
	uint64_t low = a->va_bits == 48 ? 0x0000FFFFFFFFFFFFull : 0xFFFFFFFFull;
	uint64_t off = (pte_address & low) - (base & low);
	if ((pte_address & low) < (base & low) || off >= span)
		return false;
	uint64_t v = (off / (uint64_t)a->pte_size) << a->shift[level];
	if (a->va_bits == 48 && (v >> 47))
		v |= 0xFFFF000000000000ull;
	*va = v;
	return true;
}

/* A frame's virtual address: the kernel image on a large page (above
 * 255 MB of RAM, kernel.c) is mapped by its directory entry, every other
 * frame by a last-level entry. */
static bool frame_va(const struct mm *m, uint32_t pfn, const struct pfn *p, uint64_t *va)
{
	const struct arch *a = m->arch;
	if (!p->pte_address || (p->flags & PFNF_PROTOTYPE))
		return false;
	if (pfn_use(p) == USE_SYSTEM && kernel_uses_large_page(m)) {
		int pde = a->levels - 2;
		uint64_t per = mm_bytes_pages(1ull << a->shift[pde]);
		if (!va_mapped_by(m, p->pte_address, pde, va))
			return false;
		*va += mm_pages_bytes(pfn & (per - 1));
		return true;
	}
	return va_mapped_by(m, p->pte_address, a->levels - 1, va);
}

/* The name RAMMap shows for a section's file: the data file's, an image's
 * module name, else the section's own name (a named page-file section). */
static const char *section_file_name(const struct mm *m, const struct section *s)
{
	if (s->kind == SECTION_IMAGE && s->image)
		return m->image[s->image - 1].name;
	if (s->file && s->file <= MM_MAX_FILES)
		return m->file[s->file - 1].name;
	return s->name;
}

int mm_ram_page(const struct mm *m, uint32_t pfn, struct mm_ram_page *o)
{
	if (pfn >= m->npages)
		return -1;
	const struct pfn *p = &m->pfn[pfn];
	memset(o, 0, sizeof *o);
	o->pfn = pfn;
	o->list = (int)pfn_loc(p);
	o->use = mm_frame_use(m, pfn);
	o->priority = pfn_priority(p);
	o->owner = pfn_owner(p) == PFN_OWNER_NONE ? -1 : (int64_t)pfn_owner(p);
	o->pte_address = p->pte_address;
	o->share_count = pfn_on_list(pfn_loc(p)) ? 0 : pfn_share_count(p);
	o->has_va = frame_va(m, pfn, p, &o->va);
	uint64_t page;
	/* section_of_frame only reads; it takes the machine as the section
	 * code's other look-ups do */
	const struct section *s = section_of_frame((struct mm *)m, pfn, &page);
	if (s) {
		o->prototype = true;
		o->section = (int)(s - m->section);
		o->offset = mm_pages_bytes(page);
		o->image = s->kind == SECTION_IMAGE;
		snprintf(o->file, sizeof o->file, "%s", section_file_name(m, s));
	} else
		o->section = -1;
	return 0;
}

/* The row of name in out[0..n), added when missing (at most max). */
static int file_row(struct mm_file_sum *out, int *n, int max, const char *name, bool image)
{
	for (int i = 0; i < *n; i++)
		if (out[i].image == image && strcmp(out[i].name, name) == 0)
			return i;
	if (*n >= max)
		return -1;
	struct mm_file_sum *f = &out[(*n)++];
	memset(f, 0, sizeof *f);
	snprintf(f->name, sizeof f->name, "%s", name);
	f->image = image;
	return *n - 1;
}

int mm_file_summary(const struct mm *m, struct mm_file_sum *out, int max, int *total)
{
	int n = 0, lost = 0;
	for (uint32_t i = 0; i < m->npages; i++) {
		uint32_t first, end;
		if ((i & ((1u << m->group_shift) - 1)) == 0 && group_unused(m, i >> m->group_shift, &first, &end)) {
			i = end - 1; /* a group without a frame in use has no section's frame */
			continue;
		}
		if (!(m->pfn[i].flags & PFNF_PROTOTYPE))
			continue;
		uint64_t page;
		const struct section *s = section_of_frame((struct mm *)m, i, &page);
		if (!s)
			continue;
		int r = file_row(out, &n, max, section_file_name(m, s), s->kind == SECTION_IMAGE);
		if (r < 0) {
			lost++;
			continue;
		}
		out[r].n[pfn_loc(&m->pfn[i])]++;
	}
	if (total)
		*total = n + (lost ? 1 : 0);
	return n;
}

int mm_ws_pages(const struct mm *m, uint32_t pid, struct mm_ws_page *out, int max)
{
	const struct proc *p = NULL;
	for (int i = 0; i < MM_MAX_PROCS && !p; i++)
		if (m->proc[i].alive && m->proc[i].pid == pid)
			p = &m->proc[i];
	if (!p)
		return -1;
	int n = 0;
	uint32_t i = p->ws_first;
	if (!i)
		return 0;
	do {
		const struct wsle *e = wsle_at(m, i);
		if (n < max)
			out[n] = (struct mm_ws_page){e->va, e->pfn};
		n++;
		i = e->next;
	} while (i != p->ws_first && n < 0x7FFFFFFF);
	return n;
}

static const struct proc *proc_of(const struct mm *m, uint32_t pid)
{
	for (int i = 0; i < MM_MAX_PROCS; i++)
		if (m->proc[i].alive && m->proc[i].pid == pid)
			return &m->proc[i];
	return NULL;
}

int mm_view_page(const struct mm *m, uint32_t pid, uint64_t va, struct mm_view_page *o)
{
	const struct proc *p = proc_of(m, pid);
	if (!p || !paging_is_user(m, va))
		return -1;
	uint32_t vi = vad_find(m, p, mm_page_number(va));
	if (!vi)
		return -1;
	uint64_t page;
	/* section_of_vad only reads (see mm_ram_page) */
	const struct section *s = section_of_vad((struct mm *)m, vi, va, &page);
	if (!s)
		return -1;
	const struct vad *v = vad_at(m, vi);
	memset(o, 0, sizeof *o);
	o->section = (int)(s - m->section);
	snprintf(o->file, sizeof o->file, "%s", section_file_name(m, s));
	o->image = s->kind == SECTION_IMAGE;
	o->vad_start = mm_pages_bytes(v->start);
	o->vad_end = mm_pages_bytes(v->end);
	o->offset = mm_pages_bytes(page);
	o->proto_address = section_proto_va(m, s, page);
	o->proto_value = section_proto_load(m, s, page);
	struct pte_info pi;
	pte_decode_proto_pte(m->arch, o->proto_value, &pi);
	o->pfn = pi.format == PTE_FMT_HARDWARE || pi.format == PTE_FMT_TRANSITION ? (int64_t)pi.pfn : -1;
	return 0;
}
