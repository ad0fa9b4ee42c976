/*
 * fault.h — the simulated CPU's memory access and the page-fault handler:
 * TLB look-up, page walk, fault, resolution, retry, or the exception raised
 * when the fault cannot be resolved (docs/reference.md R-FAULT).
 */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include "base/machine.h"

enum access_kind { ACC_READ, ACC_WRITE, ACC_EXEC };

/* The fault kinds of docs/output.md OUT-VOCAB, in its order. */
enum fault_kind {
	FK_DEMAND_ZERO, FK_SOFT, FK_HARD, FK_COPY_ON_WRITE, FK_GUARD_PAGE,
	FK_ACCESS_VIOLATION, FK_PROTOTYPE, FK_PAGE_TABLE, FK_COUNT
};

#define STATUS_ACCESS_VIOLATION 0xC0000005u
#define STATUS_GUARD_PAGE_VIOLATION 0x80000001u
#define STATUS_STACK_OVERFLOW 0xC00000FDu
#define STATUS_IN_PAGE_ERROR 0xC0000006u

#define FAULT_MAX_RECORDED 8

struct access_result {
	va_t va;
	enum access_kind kind;
	bool kernel;
	bool has_pa;
	pa_t pa;
	bool tlb_hit;               /* the first look-up hit */
	int nfaults;
	struct fault_rec { enum fault_kind kind; va_t va; uint32_t pfn; } faults[FAULT_MAX_RECORDED];
	uint32_t exception;         /* NTSTATUS raised, 0 when none */
	const char *why[2];         /* a short reason for the exception, English and German (static text, mmmsg.h) */
};

/* One access by the current process's thread. Never fails as a command: an
 * access that cannot complete raises an exception in r->exception. Returns
 * -1 only when the host ran out of memory (the command is rolled back). */
int fault_access(struct mm *m, va_t va, enum access_kind kind, bool kernel, struct access_result *r);

const char *fault_kind_name(enum fault_kind k);
const char *access_kind_name(enum access_kind k);
const char *fault_status_name(uint32_t status);

#endif
