/*
 * uva.h — user memory read and written by code that runs for a process:
 * ntdll's heap manager (user mode) and the kernel filling in a PEB or a
 * TEB (kernel mode). Every access goes through the simulated CPU
 * (fault.c) of the current process, so the faults it takes — a
 * demand-zero fault on a heap's fresh page, a missing page table — are
 * the ones Windows takes, and they appear among the command's events.
 *
 * An access that raises an exception fails with the exception's status
 * (STATUS_ACCESS_VIOLATION ...) naming the address: in Windows the heap
 * would crash the thread there; here the command fails and is rolled back.
 */
#ifndef MM_UVA_H
#define MM_UVA_H

#include "base/machine.h"

/* Writes size (1..8) bytes, little-endian; may cross a page. */
int uva_write(struct mm *m, va_t va, uint64_t value, int size, bool kernel, struct mm_err *err);
/* Several fields of one structure (a HEAP, a PEB ...): the code that
 * fills it in touches each page once, then stores. No field may cross a
 * page boundary. */
struct uva_field {
	uint32_t off;               /* from base */
	int size;                   /* 1..8 bytes */
	uint64_t value;
};
int uva_write_fields(struct mm *m, va_t base, const struct uva_field *f, size_t n, bool kernel, struct mm_err *err);

/* Writes len zero bytes (HEAP_ZERO_MEMORY): one access per page. */
int uva_zero(struct mm *m, va_t va, uint64_t len, bool kernel, struct mm_err *err);

#endif
