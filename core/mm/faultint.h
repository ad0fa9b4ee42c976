/*
 * faultint.h — the fault handler's insides, shared by fault.c and the
 * files that resolve particular kinds of fault (protofault.c: section
 * views, prototype PTEs, copy-on-write). Not for other modules.
 */
#ifndef MM_FAULTINT_H
#define MM_FAULTINT_H

#include "fault.h"
#include "hw/paging.h"

enum outcome { RESOLVED, RAISED, HOST_OOM };

/* A fault of kind k is taken (event + record); resolved adds the frame. */
void fault_record(struct mm *m, struct access_result *r, enum fault_kind k, va_t va, uint32_t pfn);
void fault_resolved(struct mm *m, struct access_result *r, enum fault_kind k, va_t va, uint32_t pfn);
/* The access cannot complete: the thread gets `status`. */
enum outcome fault_raise(struct mm *m, struct access_result *r, uint32_t status, const char *why_en, const char *why_de);

/* protofault.c: a page of a section view whose process PTE (at pte) is zero
 * or in prototype format; a write to a copy-on-write page (the PTE at pte
 * maps frame old). Each resolver writes the PTE the walk found, through pte. */
enum outcome proto_fault(struct mm *m, struct proc *p, const struct pte_ref *pte, va_t va, uint32_t vad,
			 struct access_result *r);
enum outcome proto_copy_on_write(struct mm *m, struct proc *p, const struct pte_ref *pte, uint32_t old,
				 struct access_result *r);
/* The loader writing a relocation fix-up: the view page at va becomes a
 * private copy, with the page's protection. Returns the new frame. */
uint32_t proto_private_copy(struct mm *m, struct proc *p, va_t va);

#endif
