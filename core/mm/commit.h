/*
 * commit.h — commit charge: what the system has promised to back with RAM
 * or page file, against the commit limit (RAM + page files, docs/reference.md R-COMMIT).
 */
#ifndef MM_COMMIT_H
#define MM_COMMIT_H

#include "base/machine.h"

enum commit_kind { COMMIT_PRIVATE, COMMIT_PAGE_TABLE, COMMIT_FIXED };

/* Charges pages to process p (NULL: the system). Fails with
 * ERROR_COMMITMENT_LIMIT (STATUS_COMMITMENT_LIMIT) and changes nothing when
 * the charge would pass the limit. */
int commit_charge(struct mm *m, struct proc *p, uint64_t pages, enum commit_kind k, struct mm_err *err);
void commit_return(struct mm *m, struct proc *p, uint64_t pages, enum commit_kind k);

/* Boot, after the PFN database and page files exist: the commit limit. */
void commit_init_limit(struct mm *m);

#endif
