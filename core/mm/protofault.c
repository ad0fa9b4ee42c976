/*
 * protofault.c — faults on section views (MiResolveProtoPteFault,
 * MiCopyOnWrite; docs/reference.md R-FAULT-KINDS).
 *
 * A view's process PTE is zero (never touched) or in prototype format
 * (trimmed); either way the VAD leads to the section's prototype PTE,
 * which is resolved first — it may be valid already (another process has
 * the page: soft), in transition (soft), demand zero, in the page file or
 * in the file (hard) — and then the process PTE is made valid pointing at
 * the same frame. The fault is recorded as `prototype` followed by the
 * kind that resolved the prototype PTE.
 *
 * Share counts: a shared frame's share count is the number of process
 * PTEs that map it; when the last one goes, the prototype PTE becomes a
 * transition PTE (pfn.c) and the frame waits on standby or modified.
 *
 * Copy-on-write: a view mapped with FILE_MAP_COPY (PAGE_WRITECOPY) is
 * mapped read-only with the CopyOnWrite bit; the first write copies the
 * frame into a new private page, the process PTE points there (writable,
 * PAGE_READWRITE), and the shared frame loses one share.
 */
#include "mmmsg.h"
#include "faultint.h"
#include "inpage.h"
#include "pagetable.h"

#include "base/consts.h"
#include "counters.h"
#include "pagefile.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "process.h"
#include "section.h"
#include "systhreads.h"
#include "hw/tlb.h"
#include "vad.h"
#include "vm.h"
#include "wsmgr.h"

static uint32_t take_page(struct mm *m, bool zeroed)
{
	uint32_t pfn = zeroed ? pfn_remove_zero_page(m) : pfn_remove_any_page(m);
	if (pfn == MM_PFN_NONE && sys_reclaim(m))
		pfn = zeroed ? pfn_remove_zero_page(m) : pfn_remove_any_page(m);
	return pfn;
}

/* Makes the prototype PTE valid; returns its frame, or MM_PFN_NONE after
 * raising. *kind gets the kind of fault that resolved it. */
static uint32_t resolve_proto(struct mm *m, struct section *s, uint64_t page, va_t va, struct access_result *r)
{
	pte_t v = section_proto_load(m, s, page);
	struct pte_info pi;
	pte_decode_proto_pte(m->arch, v, &pi);
	int prot = (int)s->protection;
	uint64_t proto_va = section_proto_va(m, s, page);
	uint32_t frame = section_proto_frame(m, s, page), pfn;
	enum pfn_use use = section_page_use(s);
	enum fault_kind kind = FK_HARD;
	int more;
	switch (pi.format) {
	case PTE_FMT_HARDWARE: /* another process has it resident: just map it */
		fault_record(m, r, FK_SOFT, va, pi.pfn);
		pfn_increment_share(m, pi.pfn);
		fault_resolved(m, r, FK_SOFT, va, pi.pfn);
		return pi.pfn;
	case PTE_FMT_TRANSITION: /* on standby or modified: taken back (MiResolveTransitionFault: dirty if modified) */
		fault_record(m, r, FK_SOFT, va, pi.pfn);
		counters_transition(m);
		pfn = pi.pfn;
		pfn_reactivate(m, pfn);
		section_proto_store(m, s, page, pte_make_valid(m->arch, pfn, prot, false,
								 m->pfn[pfn].flags & PFNF_MODIFIED, false));
		fault_resolved(m, r, FK_SOFT, va, pfn);
		return pfn;
	case PTE_FMT_DEMAND_ZERO: /* a page-file-backed page never touched */
		kind = FK_DEMAND_ZERO;
		fault_record(m, r, kind, va, 0);
		counters_demand_zero(m);
		if ((pfn = take_page(m, true)) == MM_PFN_NONE)
			break;
		pfn_initialize(m, pfn, proto_va, frame, 0, use, v, true);
		break;
	case PTE_FMT_PAGEFILE: /* written out, repurposed: read back */
		kind = FK_HARD;
		fault_record(m, r, kind, va, 0);
		if ((pfn = take_page(m, false)) == MM_PFN_NONE)
			break;
		if (physmem_load(m, *pagefile_content(m, pi.pagefile, pi.offset), pfn) < 0) {
			fault_raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_HOST_OOM);
			return MM_PFN_NONE;
		}
		MM_EMIT(m, EV_PAGEFILE_READ, pi.pagefile, pi.offset, pfn, 0);
		pfn_initialize(m, pfn, proto_va, frame, 0, use, v, false);
		pfn_set_prototype(m, pfn);
		section_proto_store(m, s, page, pte_make_valid(m->arch, pfn, prot, false, false, false));
		if ((more = inpage_proto_pagefile_cluster(m, s, page, va, v)) < 0) { /* the neighbours in the same read (inpage.c) */
			fault_raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_HOST_OOM);
			return MM_PFN_NONE;
		}
		counters_page_read(m, mm_cur(m), 1 + (uint64_t)more); /* one read of every page in it */
		break;
	case PTE_FMT_SUBSECTION: /* the page is in the file */
		kind = FK_HARD;
		fault_record(m, r, kind, va, 0);
		if ((pfn = take_page(m, false)) == MM_PFN_NONE)
			break;
		if (section_file_read(m, s, page, pfn) < 0) {
			fault_raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_HOST_OOM);
			return MM_PFN_NONE;
		}
		MM_EMIT(m, EV_FILE_READ, s->file - 1, mm_pages_bytes(page), pfn, 0);
		pfn_initialize(m, pfn, proto_va, frame, 0, use, v, false);
		pfn_set_prototype(m, pfn);
		section_proto_store(m, s, page, pte_make_valid(m->arch, pfn, prot, false, false, false));
		if ((more = inpage_file_cluster(m, s, page, va, v)) < 0) { /* the neighbours in the same read (inpage.c) */
			fault_raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_HOST_OOM);
			return MM_PFN_NONE;
		}
		counters_page_read(m, mm_cur(m), 1 + (uint64_t)more); /* one read of every page in it */
		break;
	default:
		fault_raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_PROTO_EMPTY);
		return MM_PFN_NONE;
	}
	if (pfn == MM_PFN_NONE) {
		fault_raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_NO_PAGE);
		return MM_PFN_NONE;
	}
	pfn_set_prototype(m, pfn);
	section_proto_store(m, s, page, pte_make_valid(m->arch, pfn, prot, false, false, false));
	fault_resolved(m, r, kind, va, pfn); /* the kind recorded above: the record may be full */
	return pfn;
}

/* A view page's protection: the view's, or for an image the page's own
 * (from its PE section: code EXECUTE_READ, data WRITECOPY ...). */
static int page_protection(struct mm *m, uint32_t vi, va_t va)
{
	uint64_t page;
	struct section *s = section_of_vad(m, vi, va, &page);
	if (s && s->kind == SECTION_IMAGE && s->page_prot)
		return s->page_prot[page];
	return vad_at(m, vi)->protection;
}

enum outcome proto_fault(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, uint32_t vi,
			 struct access_result *r)
{
	uint64_t page;
	struct section *s = section_of_vad(m, vi, va, &page);
	int prot = page_protection(m, vi, va);
	struct pte_info pi;
	pte_decode(m->arch, pte_ref_load(m, pte), &pi);
	if (pi.format == PTE_FMT_PROTOTYPE && pi.protection)
		prot = pi.protection; /* the page's own, kept in its PTE (VirtualProtect, or trimmed) */
	if (MM_PROT_IS_GUARD(prot)) { /* a guard set by VirtualProtect: it goes, the thread gets one violation */
		pte_ref_store(m, pte, pte_make_proto_lookup(m->arch, prot & ~MM_GUARD_PAGE));
		return fault_raise(m, r, STATUS_GUARD_PAGE_VIOLATION, MMM_WHY_GUARD);
	}
	if (!mm_prot_allows(prot, r->kind == ACC_WRITE))
		return fault_raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_VIEW_RO);
	if (r->kind == ACC_EXEC && m->arch->nx && !MM_PROT_IS_EXECUTE(prot))
		return fault_raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_VIEW_NX);
	fault_record(m, r, FK_PROTOTYPE, va, 0);
	uint32_t pfn = resolve_proto(m, s, page, va, r);
	if (pfn == MM_PFN_NONE)
		return RAISED;
	/* the process PTE points at the same frame */
	pte_ref_store(m, pte, pte_make_valid(m->arch, pfn, prot, true, false, false));
	wsmgr_add_view_page(m, p, mm_page_base(va), pfn, prot);
	fault_resolved(m, r, FK_PROTOTYPE, va, pfn);
	return RESOLVED;
}

enum outcome proto_copy_on_write(struct mm *m, struct proc *p, const struct pte_ref *pte, uint32_t old,
				 struct access_result *r)
{
	va_t va = mm_page_base(r->va);
	uint32_t vi = vad_find(m, p, mm_page_number(va));
	if (!vi)
		return fault_raise(m, r, STATUS_ACCESS_VIOLATION, MMM_WHY_COW_OUTSIDE);
	int prot = mm_prot_not_write_copy(vm_page_protection(m, p, vad_at(m, vi), va)); /* WRITECOPY -> READWRITE */
	fault_record(m, r, FK_COPY_ON_WRITE, r->va, 0);
	counters_copy_on_write(m);
	uint32_t pfn = take_page(m, false);
	if (pfn == MM_PFN_NONE)
		return fault_raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_NO_PAGE);
	if (physmem_copy(m, pfn, old) < 0)
		return fault_raise(m, r, STATUS_IN_PAGE_ERROR, MMM_WHY_HOST_OOM);
	MM_EMIT(m, EV_COPY_PAGE, old, pfn, 0, 0);
	pfn_initialize(m, pfn, pte->entry_va, pte->table, p->pid, USE_PRIVATE, pte_make_demand_zero(m->arch, prot), true);
	pte_ref_store(m, pte, pte_make_valid(m->arch, pfn, prot, true, true, false));
	tlb_flush_va(m, va);
	/* the working set keeps its entry for va, now for the private frame */
	wsmgr_remove(m, p, va, old);
	wsmgr_add(m, p, va, pfn, 0);
	MM_SET64(m, &p->private_pages, p->private_pages + 1);
	pfn_decrement_share(m, old);
	fault_resolved(m, r, FK_COPY_ON_WRITE, r->va, pfn);
	return RESOLVED;
}

uint32_t proto_private_copy(struct mm *m, struct proc *p, va_t va)
{
	struct access_result r = {.va = va, .kind = ACC_READ};
	uint32_t vi = vad_find(m, p, mm_page_number(va));
	struct mm_err err;
	if (!vi || pagetable_ensure(m, p, va, &err) < 0)
		return MM_PFN_NONE;
	struct walk w;
	paging_walk(m, p, va, &w);
	if (!w.valid) {
		if (proto_fault(m, p, &w.ref, va, vi, &r) != RESOLVED)
			return MM_PFN_NONE;
		paging_walk(m, p, va, &w);
	}
	if (!(m->pfn[w.pfn].flags & PFNF_PROTOTYPE))
		return w.pfn; /* already private */
	r.kind = ACC_WRITE;
	if (proto_copy_on_write(m, p, &w.ref, w.pfn, &r) != RESOLVED)
		return MM_PFN_NONE;
	paging_walk(m, p, va, &w);
	return w.pfn;
}
