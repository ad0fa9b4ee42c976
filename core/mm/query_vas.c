/*
 * query_vas.c — a process's address space as VMMap shows it (mm.h:
 * mm_regions, mm_image_sections, mm_page_classes, mm_page; docs/tui.md
 * TUI-VAS, TUI-VAS-MAP). Read-only, like every query.
 *
 * One walk serves every view: walk_range() visits the pages of one VAD
 * between two addresses and adds each page to an accumulator (its class
 * for the page map, whether it is committed, private, in the working set
 * and shareable or shared there). It reads only the page tables that
 * exist: where a table is missing, every page it would map is alike (a
 * private VAD's pages are what the VAD says: committed with MemCommit,
 * else reserved), so the whole span is added at once. A 128 TB
 * reservation that was never touched costs as much as a 64 KB one; a
 * touched one costs its tables, which is bounded by what was touched.
 * Views and images are the exception: a page without a table of its own
 * is what its prototype PTE says (MiQueryAddressState), read page by page,
 * which is bounded by the section's size.
 *
 * Invariants (checked by tests/unit/14_addrspace.c):
 *   Q1. The regions tile [0, MmHighestUserAddress + 1) without gaps or
 *       overlaps, in address order, and each reservation is exactly one
 *       row; the area above the highest VAD address (x86 and PAE: the
 *       64 KB of KUSER_SHARED_DATA) is one row as VirtualQuery reports it.
 *   Q2. A region's counts are the sums of its pages' classes: committed =
 *       every page not free or reserved; resident = the valid PTEs =
 *       ws_private + ws_shareable; ws_shared <= ws_shareable.
 *   Q3. mm_page_classes over a range sums to the range's page count.
 *   Q4. A gap's Unusable part runs from its start to the next 64 KB
 *       boundary (at most the gap); the rest of the gap is Free.
 */
#include "mm.h"

#include <stdio.h>
#include <string.h>

#include "base/consts.h"
#include "base/machine.h"
#include "hw/paging.h"
#include "pfn.h"
#include "process.h"
#include "section.h"
#include "vad.h"
#include "vm.h"

struct acc {
	uint64_t cls[MM_PC_COUNT];
	uint64_t priv, ws_private, ws_shareable, ws_shared;
	int prot;                   /* MM protection of the committed pages, -1 none yet, -2 mixed */
};

/* The last byte of the span around va that one last-level table maps, or,
 * when a table above is missing, that the missing table would map (so an
 * untouched 128 TB reservation is skipped in a few steps). *table: the
 * last-level table, or MM_PFN_NONE. */
static va_t span_end(const struct mm *m, const struct proc *p, va_t va, uint32_t *table)
{
	int last = m->arch->levels - 1;
	for (int l = 1; l <= last; l++)
		if (paging_table(m, p, l, va) == MM_PFN_NONE) {
			*table = MM_PFN_NONE;
			return va | ((1ull << m->arch->shift[l - 1]) - 1);
		}
	*table = paging_table(m, p, last, va);
	return va | ((1ull << m->arch->shift[last - 1]) - 1);
}

static void add_prot(struct acc *a, int prot)
{
	a->prot = a->prot == -1 || a->prot == prot ? prot : -2;
}

/* A private page whose PTE is e (0: no PTE yet, the VAD speaks). */
static enum mm_pclass private_class(const struct mm *m, const struct vad *v, pte_t e, int *prot)
{
	if (e == 0) {
		*prot = v->protection;
		if (!(v->flags & VADF_MEM_COMMIT))
			return MM_PC_RESERVED;
		return MM_PROT_IS_GUARD(v->protection) ? MM_PC_GUARD : MM_PC_DEMAND_ZERO;
	}
	struct pte_info pi;
	pte_decode(m->arch, e, &pi);
	*prot = pi.protection;
	switch (pi.format) {
	case PTE_FMT_TRANSITION: return MM_PC_TRANSITION;
	case PTE_FMT_PAGEFILE: return MM_PC_PAGED_OUT;
	case PTE_FMT_DEMAND_ZERO:
	case PTE_FMT_ZERO:
		if (pi.protection == MM_DECOMMIT || pi.protection == 0)
			return MM_PC_RESERVED;
		return MM_PROT_IS_GUARD(pi.protection) ? MM_PC_GUARD : MM_PC_DEMAND_ZERO;
	default: return MM_PC_RESERVED;
	}
}

/* A view's page without a PTE of its own: what its prototype PTE says. */
static enum mm_pclass proto_class(const struct mm *m, pte_t proto)
{
	if (proto == 0)
		return MM_PC_RESERVED; /* SEC_RESERVE, not committed */
	struct pte_info pi;
	pte_decode(m->arch, proto, &pi);
	switch (pi.format) {
	case PTE_FMT_HARDWARE:
	case PTE_FMT_TRANSITION: return MM_PC_TRANSITION; /* in RAM: a soft fault maps it */
	case PTE_FMT_DEMAND_ZERO: return MM_PC_DEMAND_ZERO;
	default: return MM_PC_PAGED_OUT;                /* in the file, the image or the page file */
	}
}

/* A resident page: private or shareable (a section's frame, or the
 * shared user data page) in the working set, shared when another process
 * maps it too. */
static void add_resident(const struct mm *m, struct acc *a, uint32_t pfn)
{
	const struct pfn *f = &m->pfn[pfn];
	if (pfn == m->shared_data_pfn || (f->flags & PFNF_PROTOTYPE)) {
		a->ws_shareable++;
		a->ws_shared += pfn == m->shared_data_pfn || pfn_share_count(f) > 1;
	} else {
		a->ws_private++;
		a->priv++;
	}
}

/* One page with a page table: e is its PTE. */
static void add_page(const struct mm *m, const struct proc *p, uint32_t vi, va_t va, pte_t e, struct acc *a)
{
	const struct vad *v = vad_at(m, vi);
	enum mm_pclass c;
	if (e & PTE_VALID) {
		c = MM_PC_RESIDENT;
		add_resident(m, a, pte_pfn(m->arch, e));
		add_prot(a, vm_page_protection(m, p, v, va));
	} else if (v->type == VAD_MAPPED || v->type == VAD_IMAGE) {
		if (e == 0 || (e & PTE_PROTOTYPE)) {
			uint64_t page;
			const struct section *s = section_of_vad((struct mm *)m, vi, va, &page); /* reads only */
			c = s ? proto_class(m, section_proto_load(m, s, page)) : MM_PC_RESERVED;
		} else { /* its own copy, made on write and since trimmed or paged out */
			int prot;
			c = private_class(m, v, e, &prot);
			a->priv += c != MM_PC_RESERVED;
		}
		if (c != MM_PC_RESERVED)
			add_prot(a, v->protection);
	} else if (v->usage == VUSE_SHARED_DATA) { /* the kernel's page, mapped on first touch */
		c = mm_page_base(va) == m->lay.shared_user_data ? MM_PC_TRANSITION : MM_PC_RESERVED;
		if (c != MM_PC_RESERVED)
			add_prot(a, MM_READONLY);
	} else {
		int prot;
		c = private_class(m, v, e, &prot);
		if (c != MM_PC_RESERVED) {
			a->priv++;
			add_prot(a, prot);
		}
	}
	a->cls[c]++;
}

/* The pages [lo, hi] (inclusive) of VAD v. */
static void walk_range(const struct mm *m, const struct proc *p, uint32_t vi, va_t lo, va_t hi, struct acc *a)
{
	const struct vad *v = vad_at(m, vi);
	int last = m->arch->levels - 1;
	bool view = v->type == VAD_MAPPED || v->type == VAD_IMAGE || v->usage == VUSE_SHARED_DATA;
	for (va_t va = lo; va <= hi;) {
		uint32_t t;
		va_t stop = MM_MIN(span_end(m, p, va, &t), hi);
		if (t != MM_PFN_NONE || view) {
			for (va_t x = va; x <= stop && x >= va; x += MM_PAGE_SIZE)
				add_page(m, p, vi, x, t == MM_PFN_NONE ? 0 : pte_load(m, t, paging_index(m, last, x)), a);
		} else { /* no table: every page is what the VAD says */
			int prot;
			uint64_t n = mm_bytes_pages(stop - va) + 1;
			enum mm_pclass c = private_class(m, v, 0, &prot);
			a->cls[c] += n;
			if (c != MM_PC_RESERVED) {
				a->priv += n;
				add_prot(a, prot);
			}
		}
		if (stop == hi)
			break;
		va = stop + 1;
	}
}

/* ---- the regions ------------------------------------------------------------- */

static int vmmap_type(const struct vad *v)
{
	static const int by_usage[VUSE_COUNT] = {
		[VUSE_DATA] = MM_VT_PRIVATE,	  [VUSE_HEAP] = MM_VT_HEAP,	       [VUSE_STACK] = MM_VT_STACK,
		[VUSE_TEB] = MM_VT_PRIVATE,	  [VUSE_PEB] = MM_VT_PRIVATE,	       [VUSE_IMAGE] = MM_VT_IMAGE,
		[VUSE_MAPPED] = MM_VT_MAPPED,	  [VUSE_SHAREABLE] = MM_VT_SHAREABLE, [VUSE_SHARED_DATA] = MM_VT_PRIVATE,
	};
	if (v->type == VAD_IMAGE)
		return MM_VT_IMAGE;
	return v->usage < VUSE_COUNT ? by_usage[v->usage] : MM_VT_PRIVATE;
}

/* The heap's number in the process's list (the PEB's ProcessHeaps order:
 * 0 is the process heap). */
static uint64_t heap_number(const struct mm *m, const struct proc *p, uint32_t heap)
{
	uint64_t n = 0;
	for (uint32_t i = p->heap_first; i && i != heap; i = ((const struct mm_heap *)slab_at(&m->heaps, i))->next)
		n++;
	return n;
}

static void region_detail(const struct mm *m, const struct proc *p, uint32_t vi, struct mm_region *o)
{
	const struct vad *v = vad_at(m, vi);
	uint64_t page;
	const struct section *s;
	switch (v->usage) {
	case VUSE_HEAP: o->detail = MM_DET_HEAP; o->detail_id = heap_number(m, p, v->object); return;
	case VUSE_STACK: o->detail = MM_DET_STACK; o->detail_id = v->object; return;
	case VUSE_TEB: o->detail = MM_DET_TEB; o->detail_id = v->object; return;
	case VUSE_PEB: o->detail = MM_DET_PEB; return;
	case VUSE_SHARED_DATA: o->detail = MM_DET_SHARED_DATA; return;
	default: break;
	}
	if (!(s = section_of_vad((struct mm *)m, vi, o->base, &page)))
		return;
	if (s->kind == SECTION_IMAGE && s->image && s->image <= MM_MAX_IMAGES) {
		o->detail = MM_DET_MODULE;
		snprintf(o->detail_name, sizeof o->detail_name, "%s", m->image[s->image - 1].name);
	} else if (s->kind == SECTION_FILE && s->file && s->file <= MM_MAX_FILES) {
		o->detail = MM_DET_FILE;
		snprintf(o->detail_name, sizeof o->detail_name, "%s", m->file[s->file - 1].name);
	} else if (s->name[0]) {
		o->detail = MM_DET_FILE; /* a named page-file-backed section: VMMap shows its object name */
		snprintf(o->detail_name, sizeof o->detail_name, "%s", s->name);
	}
}

static void put_counts(const struct acc *a, struct mm_region *o)
{
	o->committed = 0;
	for (int c = MM_PC_GUARD; c < MM_PC_COUNT; c++)
		o->committed += a->cls[c];
	o->resident = a->cls[MM_PC_RESIDENT];
	o->private_pages = a->priv;
	o->ws_private = a->ws_private;
	o->ws_shareable = a->ws_shareable;
	o->ws_shared = a->ws_shared;
	o->state = o->committed ? MM_REGION_COMMITTED : MM_REGION_RESERVED;
}

static void put_vad(const struct mm *m, const struct proc *p, uint32_t vi, struct mm_region *o)
{
	const struct vad *v = vad_at(m, vi);
	struct acc a = {.prot = -1};
	memset(o, 0, sizeof *o);
	o->base = o->alloc_base = mm_page_address(v->start);
	o->size = mm_pages_bytes(v->end - v->start + 1);
	o->type = vad_type_name((enum vad_type)v->type);
	o->usage = vad_usage_name((enum vad_usage)v->usage);
	o->vtype = vmmap_type(v);
	walk_range(m, p, vi, o->base, o->base + o->size - 1, &a);
	put_counts(&a, o);
	bool view = v->type == VAD_MAPPED || v->type == VAD_IMAGE;
	o->protect = !o->committed ? 0 : mm_prot_to_win32(view || a.prot < 0 ? v->protection : a.prot);
	region_detail(m, p, vi, o);
}

/* Address space no VAD describes but VirtualQuery reports as taken
 * (vm_query's query_top and shared_block): the 64 KB above the highest VAD
 * address, and on 64-bit systems KUSER_SHARED_DATA's 64 KB in a process
 * made --bare (full processes have a VAD there). */
static bool implicit_block(const struct mm *m, uint64_t va)
{
	uint64_t s = m->lay.shared_user_data;
	return (va > m->lay.highest_vad && va <= m->lay.highest_user) ||
	       (s < m->lay.highest_vad && va >= s && va - s < MM_ALLOC_GRANULARITY);
}

/* A page of an implicit block: KUSER_SHARED_DATA's page is committed (in
 * the working set once touched: the fault handler maps it without I/O),
 * the others reserved. */
static enum mm_pclass implicit_class(const struct mm *m, const struct proc *p, uint64_t va)
{
	if (mm_page_base(va) != m->lay.shared_user_data)
		return MM_PC_RESERVED;
	return paging_get_pte(m, p, va) & PTE_VALID ? MM_PC_RESIDENT : MM_PC_TRANSITION;
}

static void put_implicit(const struct mm *m, const struct proc *p, uint64_t base, uint64_t size, struct mm_region *o)
{
	memset(o, 0, sizeof *o);
	o->base = o->alloc_base = base;
	o->size = size;
	o->type = "private";
	o->usage = "private_data";
	o->vtype = MM_VT_PRIVATE;
	o->state = MM_REGION_RESERVED;
	if (base != m->lay.shared_user_data)
		return;
	o->usage = "shared_user_data";
	o->state = MM_REGION_COMMITTED;
	o->committed = 1;
	o->protect = PAGE_READONLY;
	o->detail = MM_DET_SHARED_DATA;
	if (implicit_class(m, p, base) == MM_PC_RESIDENT)
		o->resident = o->ws_shareable = o->ws_shared = 1;
}

struct out {
	struct mm_region *r;
	int n, max, total;
};

static void emit(struct out *o, const struct mm_region *r)
{
	if (o->n < o->max)
		o->r[o->n++] = *r;
	o->total++;
}

/* The gap [from, to): its Unusable head up to the next 64 KB boundary,
 * then Free (Q4). Only rows that fit are built. */
static void emit_gap(struct out *o, uint64_t from, uint64_t to)
{
	if (from >= to)
		return;
	uint64_t align = (from + MM_ALLOC_GRANULARITY - 1) & ~(uint64_t)(MM_ALLOC_GRANULARITY - 1);
	uint64_t cut = MM_MIN(align, to);
	if (cut > from)
		emit(o, &(struct mm_region){.base = from, .size = cut - from, .vtype = MM_VT_UNUSABLE});
	if (to > cut)
		emit(o, &(struct mm_region){.base = cut, .size = to - cut, .vtype = MM_VT_FREE});
}

/* The gap [from, to), with KUSER_SHARED_DATA's block where it lies in it
 * (a --bare process on a 64-bit system). */
static void emit_span(const struct mm *m, const struct proc *p, struct out *o, uint64_t from, uint64_t to)
{
	uint64_t s = m->lay.shared_user_data;
	if (!implicit_block(m, s) || s < from || s >= to) {
		emit_gap(o, from, to);
		return;
	}
	emit_gap(o, from, s);
	struct mm_region r;
	put_implicit(m, p, s, MM_ALLOC_GRANULARITY, &r);
	emit(o, &r);
	emit_gap(o, s + MM_ALLOC_GRANULARITY, to);
}

int mm_regions(const struct mm *m, uint32_t pid, struct mm_region *out, int max, int *total)
{
	const struct proc *p = process_by_pid((struct mm *)m, pid); /* reads only */
	struct out o = {.r = out, .max = max};
	if (!p)
		return *total = 0, 0;
	uint64_t cur = 0;
	for (uint32_t i = vad_first(m, p); i; i = vad_next(m, i)) {
		const struct vad *v = vad_at(m, i);
		emit_span(m, p, &o, cur, mm_page_address(v->start));
		o.total++;
		if (o.n < o.max)
			put_vad(m, p, i, &o.r[o.n++]);
		cur = mm_page_address(v->end + 1);
	}
	emit_span(m, p, &o, cur, m->lay.highest_vad + 1);
	struct mm_region top;
	put_implicit(m, p, m->lay.highest_vad + 1, m->lay.highest_user - m->lay.highest_vad, &top);
	emit(&o, &top);
	*total = o.total;
	return o.n;
}

/* The Total row of VMMap's summary: the sums of mm_regions' rows (the same
 * put_vad and put_implicit, so the totals cannot disagree with the rows)
 * plus the process's page tables, which VMMap counts as private,
 * committed and in the private working set. */
static void add_row(struct mm_vmmap_totals *t, const struct mm_region *r)
{
	t->private_pages += r->private_pages;
	t->ws_private += r->ws_private;
	t->ws_shareable += r->ws_shareable;
	t->ws_shared += r->ws_shared;
}

int mm_vmmap_totals(const struct mm *m, uint32_t pid, struct mm_vmmap_totals *t)
{
	const struct proc *p = process_by_pid((struct mm *)m, pid); /* reads only */
	struct mm_region r;
	uint64_t s = m->lay.shared_user_data;
	memset(t, 0, sizeof *t);
	if (!p)
		return -1;
	for (uint32_t i = vad_first(m, p); i; i = vad_next(m, i)) {
		put_vad(m, p, i, &r);
		add_row(t, &r);
	}
	if (implicit_block(m, s) && s <= m->lay.highest_vad && !vad_find(m, p, mm_page_number(s))) {
		put_implicit(m, p, s, MM_ALLOC_GRANULARITY, &r); /* emit_span's block in a gap */
		add_row(t, &r);
	}
	put_implicit(m, p, m->lay.highest_vad + 1, m->lay.highest_user - m->lay.highest_vad, &r);
	add_row(t, &r);
	t->private_pages += p->page_tables;
	t->ws_private += p->page_tables;
	return 0;
}

/* ---- an image's sections ----------------------------------------------------- */

int mm_image_sections(const struct mm *m, uint32_t pid, uint64_t va, struct mm_image_section *out, int max)
{
	const struct proc *p = process_by_pid((struct mm *)m, pid);
	uint32_t vi = p && va <= m->lay.highest_user ? vad_find(m, p, mm_page_number(va)) : 0;
	uint64_t page;
	const struct section *s = vi ? section_of_vad((struct mm *)m, vi, va, &page) : NULL;
	if (!s || s->kind != SECTION_IMAGE || !s->image || s->image > MM_MAX_IMAGES)
		return -1;
	const struct vad *v = vad_at(m, vi);
	const struct image_def *d = &m->image[s->image - 1];
	uint64_t base = mm_page_address(v->start - v->offset);
	int n = 0;
	for (int k = -1; k < d->nsec && n < max; k++) { /* k = -1: the headers page */
		struct mm_image_section *o = &out[n++];
		struct acc a = {.prot = -1};
		uint64_t pages = k < 0 ? 1 : d->sec[k].pages;
		memset(o, 0, sizeof *o);
		snprintf(o->name, sizeof o->name, "%s", k < 0 ? "headers" : d->sec[k].name);
		o->base = base;
		o->size = mm_pages_bytes(pages);
		o->protect = mm_prot_to_win32(k < 0 ? MM_READONLY : d->sec[k].protection);
		if (pages)
			walk_range(m, p, vi, base, base + o->size - 1, &a);
		for (int c = MM_PC_GUARD; c < MM_PC_COUNT; c++)
			o->committed += a.cls[c];
		o->private_pages = a.priv;
		o->resident = a.cls[MM_PC_RESIDENT];
		base += o->size;
	}
	return n;
}

/* ---- the page map ------------------------------------------------------------ */

int mm_page_classes(const struct mm *m, uint32_t pid, uint64_t va, uint64_t n, uint64_t counts[MM_PC_COUNT])
{
	const struct proc *p = process_by_pid((struct mm *)m, pid);
	memset(counts, 0, MM_PC_COUNT * sizeof *counts);
	if (!p)
		return -1;
	uint64_t top = m->lay.highest_user + 1;
	va = mm_page_base(va);
	uint64_t end = va >= top ? va : va + MM_MIN(n, mm_bytes_pages(top - va)) * MM_PAGE_SIZE; /* exclusive */
	counts[MM_PC_FREE] = n - mm_bytes_pages(end - va); /* beyond user space */
	struct acc a = {.prot = -1};
	uint64_t shared = m->lay.shared_user_data;
	while (va < end) {
		uint32_t vi = vad_find(m, p, mm_page_number(va));
		if (!vi && implicit_block(m, va)) { /* at most 16 pages */
			a.cls[implicit_class(m, p, va)]++;
			va += MM_PAGE_SIZE;
			continue;
		}
		if (!vi) { /* free up to the next VAD or implicit block */
			uint32_t up = vad_above(m, p, mm_page_number(va));
			uint64_t stop = MM_MIN(end, up ? mm_page_address(vad_at(m, up)->start) : m->lay.highest_vad + 1);
			if (implicit_block(m, shared) && va < shared)
				stop = MM_MIN(stop, shared);
			a.cls[MM_PC_FREE] += mm_bytes_pages(stop - va);
			va = stop;
			continue;
		}
		uint64_t stop = MM_MIN(end, mm_page_address(vad_at(m, vi)->end + 1));
		walk_range(m, p, vi, va, stop - 1, &a);
		va = stop;
	}
	for (int c = 0; c < MM_PC_COUNT; c++)
		counts[c] += a.cls[c];
	return 0;
}

/* ---- one page ------------------------------------------------------------------ */

int mm_page(const struct mm *m, uint32_t pid, uint64_t va, struct mm_page *o)
{
	const struct proc *p = process_by_pid((struct mm *)m, pid);
	if (!p)
		return -1;
	memset(o, 0, sizeof *o);
	o->va = mm_page_base(va);
	pte_t e = paging_get_pte(m, p, va);
	struct pte_info pi;
	pte_decode(m->arch, e, &pi);
	o->pte_format = pte_format_name(pi.format);
	o->resident = pi.valid;
	o->pfn = pi.pfn;
	if (o->va == m->lay.shared_user_data) { /* KUSER_SHARED_DATA: committed in every process */
		o->state = MM_REGION_COMMITTED;
		o->protect = PAGE_READONLY;
		return 0;
	}
	uint32_t i = vad_find(m, p, mm_page_number(va));
	if (!i) {
		o->state = implicit_block(m, o->va) ? MM_REGION_RESERVED : MM_REGION_FREE;
		return 0;
	}
	const struct vad *v = vad_at(m, i);
	bool committed = vm_page_committed(m, p, v, va);
	o->state = committed ? MM_REGION_COMMITTED : MM_REGION_RESERVED;
	o->protect = committed ? mm_prot_to_win32(vm_page_protection(m, p, v, va)) : 0;
	return 0;
}
