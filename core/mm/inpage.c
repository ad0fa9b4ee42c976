/*
 * inpage.c — in-page clustering: a hard fault reads the neighbouring pages
 * too (inpage.h; MiResolvePageFileFault and MiResolveMappedFileFault in the
 * WRK's pagfault.c, docs/reference.md R-FAULT-CLUSTER).
 *
 * A disk read costs about as much for eight pages as for one, so the fault
 * handler reads a cluster: the faulting page and neighbours that are in
 * the same place on the same backing store. The faulting page is mapped;
 * the others go, clean, to the standby list with transition PTEs, so a
 * later touch is a soft fault instead of another read. Rules:
 *
 *   1. Page file: neighbours are the PTEs of the same page table (for a
 *      page-file-backed section, the prototype PTEs of the same page of
 *      prototype PTEs), forward first, then backward with what is left,
 *      that equal the faulting PTE with the page-file offset one further
 *      per page (the same file, the same protection, consecutive slots).
 *      Only with more than MM_PLENTY_FREE_LIMIT (1024) pages available.
 *   2. Mapped file or image: neighbours are the prototype PTEs of the same
 *      subsection, in the same page of prototype PTEs, that still hold the
 *      faulting one's subsection PTE (the page is still only in the file):
 *      forward, then backward with what is left. More than 2 x MmFreeGoal
 *      (200) pages must be available, for images more than
 *      MM_MAXIMUM_READ_CLUSTER_SIZE + 16 (31).
 *   3. The cluster size: MmReadClusterSize (a thread's ReadClusterSize) for
 *      the page file and data files, MmCodeClusterSize for executable image
 *      subsections and MmDataClusterSize for the others; 2/0/1 up to 13 MB
 *      of RAM, 4/1/2 up to 19 MB, 7/3/7 above (mminit.c), never more than
 *      MM_MAXIMUM_READ_CLUSTER_SIZE (15) pages besides the faulting one.
 *      The WRK itself leaves page-file reads unclustered
 *      (MmClusterPageFileReads 0); later Windows clusters them with a size
 *      the sources leave open, and mmviz takes MmReadClusterSize
 *      (docs/simplifications.md SIMP-IO).
 *
 * Every cluster is announced by an inpage_cluster event before its reads.
 */
#include "inpage.h"

#include "base/consts.h"
#include "pagefile.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "hw/pte.h"
#include "section.h"

#define MM_PLENTY_FREE_LIMIT 1024
#define MM_FREE_GOAL 100
#define MM_MAXIMUM_READ_CLUSTER_SIZE 15

enum cluster_kind { CLUSTER_READ, CLUSTER_DATA, CLUSTER_CODE };

/* MmReadClusterSize, MmDataClusterSize, MmCodeClusterSize by system size. */
static uint32_t cluster_size(const struct mm *m, enum cluster_kind k)
{
	static const uint32_t size[3][3] = {
		[0] = {[CLUSTER_READ] = 2, [CLUSTER_DATA] = 0, [CLUSTER_CODE] = 1},
		[1] = {[CLUSTER_READ] = 4, [CLUSTER_DATA] = 1, [CLUSTER_CODE] = 2},
		[2] = {[CLUSTER_READ] = 7, [CLUSTER_DATA] = 3, [CLUSTER_CODE] = 7},
	};
	uint64_t mb = m->cfg.ram >> 20;
	uint32_t n = size[mb <= 13 ? 0 : mb <= 19 ? 1 : 2][k];
	return n < MM_MAXIMUM_READ_CLUSTER_SIZE ? n : MM_MAXIMUM_READ_CLUSTER_SIZE;
}

/* A cluster: how many neighbours after and before the faulting page. */
struct run {
	uint32_t forward, backward;
};

/* ---- rule 1: the page file ---- */

static bool pagefile_neighbour(const struct mm *m, const struct pte_ref *pte, pte_t v, int64_t k)
{
	struct pte_info pi;
	pte_decode(m->arch, v, &pi);
	uint32_t idx = (uint32_t)((int64_t)pte->index + k);
	if ((int64_t)pi.offset + k <= 0)
		return false; /* offset 0 is never used */
	pte_t want = pte_make_pagefile(m->arch, pi.pagefile, (uint64_t)((int64_t)pi.offset + k), pi.protection);
	return pte_load(m, pte->table, idx) == want;
}

static struct run pagefile_run(const struct mm *m, const struct pte_ref *pte, pte_t v)
{
	struct run r = {0, 0};
	uint32_t per = MM_PAGE_SIZE / (uint32_t)m->arch->pte_size, size = cluster_size(m, CLUSTER_READ);
	if (size < 2 || pfn_available(m) <= MM_PLENTY_FREE_LIMIT)
		return r;
	uint32_t max_fwd = per - pte->index - 1, max_back = pte->index;
	while (r.forward < MM_MIN(max_fwd, size) && pagefile_neighbour(m, pte, v, r.forward + 1))
		r.forward++;
	size -= r.forward;
	while (r.backward < MM_MIN(max_back, size) && pagefile_neighbour(m, pte, v, -(int64_t)r.backward - 1))
		r.backward++;
	return r;
}

/* One neighbour read from the page file: its frame goes to standby behind
 * a transition PTE (MI_MAKE_TRANSITION_PTE, Owner from the address), backed
 * by its slot. */
static int read_pagefile_page(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, int64_t k)
{
	uint32_t idx = (uint32_t)((int64_t)pte->index + k);
	uint64_t entry_va = pte->entry_va + (uint64_t)(k * (int64_t)m->arch->pte_size);
	pte_t v = pte_load(m, pte->table, idx);
	struct pte_info pi;
	pte_decode(m->arch, v, &pi);
	uint32_t pfn = pfn_remove_any_page(m);
	if (pfn == MM_PFN_NONE)
		return 0;
	if (physmem_load(m, *pagefile_content(m, pi.pagefile, pi.offset), pfn) < 0)
		return -1;
	MM_EMIT(m, EV_PAGEFILE_READ, pi.pagefile, pi.offset, pfn, 0);
	pfn_initialize(m, pfn, entry_va, pte->table, p->pid, USE_PRIVATE, v, false);
	bool user = paging_is_user(m, va + (uint64_t)(k * (int64_t)MM_PAGE_SIZE));
	pte_store(m, pte->table, idx, entry_va, pte_make_transition(m->arch, pfn, pi.protection) | (user ? PTE_OWNER : 0));
	pfn_decrement_share(m, pfn); /* the read is done: the page waits on standby */
	return 1;
}

int inpage_pagefile_cluster(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, pte_t v)
{
	struct run r = pagefile_run(m, pte, v);
	if (!r.forward && !r.backward)
		return 0;
	va_t page = mm_page_base(va);
	MM_EMIT(m, EV_INPAGE_CLUSTER, page, 1 + r.forward + r.backward, page - mm_pages_bytes(r.backward), 0);
	int read = 0;
	for (int64_t k = -(int64_t)r.backward; k <= (int64_t)r.forward; k++) {
		int got = k ? read_pagefile_page(m, p, pte, page, k) : 0;
		if (got < 0)
			return -1;
		read += got;
	}
	return read;
}

/* ---- rule 2: mapped files and images ---- */

/* Is page pg of s a neighbour of page: in the same subsection [first,
 * first + count), its prototype PTE in the same page of prototype PTEs,
 * and still the subsection PTE v? */
static bool file_neighbour(const struct mm *m, const struct section *s, uint64_t page, uint64_t pg, uint64_t first,
			   uint64_t count, pte_t v)
{
	return pg >= first && pg < first + count &&
	       mm_page_number(section_proto_va(m, s, pg)) == mm_page_number(section_proto_va(m, s, page)) &&
	       section_proto_load(m, s, pg) == v;
}

static struct run file_run(const struct mm *m, const struct section *s, uint64_t page, pte_t v)
{
	struct run r = {0, 0};
	uint64_t first, count;
	section_subsection_of(m, s, page, &first, &count);
	bool image = s->kind == SECTION_IMAGE;
	struct pte_info pi;
	pte_decode_proto_pte(m->arch, v, &pi);
	uint32_t size = cluster_size(m, !image ? CLUSTER_READ : MM_PROT_IS_EXECUTE(pi.protection) ? CLUSTER_CODE : CLUSTER_DATA);
	uint32_t avail = pfn_available(m);
	if (avail <= 2 * MM_FREE_GOAL && !(image && avail > MM_MAXIMUM_READ_CLUSTER_SIZE + 16))
		return r;
	while (r.forward < size && file_neighbour(m, s, page, page + r.forward + 1, first, count, v))
		r.forward++;
	size -= r.forward;
	while (r.backward < size && page > r.backward && file_neighbour(m, s, page, page - r.backward - 1, first, count, v))
		r.backward++;
	return r;
}

/* One neighbour read from the file or (a page-file-backed section) the
 * page file: the prototype PTE goes to transition and its frame to
 * standby, clean, its PFN naming the PTE to restore when the frame is
 * reused (the subsection PTE, or the page-file PTE). */
static int read_file_page(struct mm *m, const struct section *s, uint64_t page, pte_t v)
{
	uint32_t pfn = pfn_remove_any_page(m);
	if (pfn == MM_PFN_NONE)
		return 0;
	struct pte_info pi;
	pte_decode_proto_pte(m->arch, v, &pi);
	if (pi.format == PTE_FMT_PAGEFILE) {
		if (physmem_load(m, *pagefile_content(m, pi.pagefile, pi.offset), pfn) < 0)
			return -1;
		MM_EMIT(m, EV_PAGEFILE_READ, pi.pagefile, pi.offset, pfn, 0);
	} else {
		if (section_file_read(m, s, page, pfn) < 0)
			return -1;
		MM_EMIT(m, EV_FILE_READ, s->file - 1, mm_pages_bytes(page), pfn, 0);
	}
	pfn_initialize(m, pfn, section_proto_va(m, s, page), section_proto_frame(m, s, page), 0,
		       section_page_use(s), v, false);
	pfn_set_prototype(m, pfn);
	section_proto_store(m, s, page, pte_make_transition(m->arch, pfn, pi.protection));
	pfn_decrement_share(m, pfn); /* the read is done: the page waits on standby */
	return 1;
}

/* Rule 1 for the prototype PTEs of a page-file-backed section: page pg is
 * a neighbour k slots away when its prototype PTE lies in the same page of
 * prototype PTEs as page's and holds the page-file PTE of slot offset + k. */
static bool proto_pagefile_neighbour(const struct mm *m, const struct section *s, uint64_t page, const struct pte_info *pi,
				     uint64_t pg, int64_t k)
{
	if (pg >= s->pages || (int64_t)pi->offset + k <= 0 ||
	    mm_page_number(section_proto_va(m, s, pg)) != mm_page_number(section_proto_va(m, s, page)))
		return false;
	return section_proto_load(m, s, pg) ==
	       pte_make_pagefile(m->arch, pi->pagefile, (uint64_t)((int64_t)pi->offset + k), pi->protection);
}

static struct run proto_pagefile_run(const struct mm *m, const struct section *s, uint64_t page, pte_t v)
{
	struct run r = {0, 0};
	uint32_t size = cluster_size(m, CLUSTER_READ);
	if (size < 2 || pfn_available(m) <= MM_PLENTY_FREE_LIMIT)
		return r;
	struct pte_info pi;
	pte_decode(m->arch, v, &pi);
	while (r.forward < size && proto_pagefile_neighbour(m, s, page, &pi, page + r.forward + 1, (int64_t)r.forward + 1))
		r.forward++;
	size -= r.forward;
	while (r.backward < size && page > r.backward &&
	       proto_pagefile_neighbour(m, s, page, &pi, page - r.backward - 1, -(int64_t)r.backward - 1))
		r.backward++;
	return r;
}

int inpage_proto_pagefile_cluster(struct mm *m, const struct section *s, uint64_t page, va_t va, pte_t v)
{
	struct run r = proto_pagefile_run(m, s, page, v);
	if (!r.forward && !r.backward)
		return 0;
	va_t base = mm_page_base(va);
	MM_EMIT(m, EV_INPAGE_CLUSTER, base, 1 + r.forward + r.backward, base - mm_pages_bytes(r.backward), 0);
	int read = 0;
	for (uint64_t pg = page - r.backward; pg <= page + r.forward; pg++) {
		int got = pg != page ? read_file_page(m, s, pg, section_proto_load(m, s, pg)) : 0;
		if (got < 0)
			return -1;
		read += got;
	}
	return read;
}

int inpage_file_cluster(struct mm *m, const struct section *s, uint64_t page, va_t va, pte_t v)
{
	struct run r = file_run(m, s, page, v);
	if (!r.forward && !r.backward)
		return 0;
	va_t base = mm_page_base(va);
	MM_EMIT(m, EV_INPAGE_CLUSTER, base, 1 + r.forward + r.backward, base - mm_pages_bytes(r.backward),
		s->kind == SECTION_IMAGE ? 2 : 1);
	int read = 0;
	for (uint64_t pg = page - r.backward; pg <= page + r.forward; pg++) {
		int got = pg != page ? read_file_page(m, s, pg, v) : 0;
		if (got < 0)
			return -1;
		read += got;
	}
	return read;
}
