/*
 * mm.h — the core's public face: the only core header tui/ includes
 * (besides types.h, config.h and session.h). Machines are made and freed
 * here; everything the panes show is read through the query functions in
 * query.c, never through internal structs, so all formatting stays in tui/.
 *
 * Ownership: mm_new returns a machine the caller frees with mm_free. Query
 * functions fill caller-provided structs; strings they return are static.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "config.h"
#include "types.h"

struct mm;

struct mm *mm_new(const struct mm_config *cfg, struct mm_err *err);
void mm_free(struct mm *m);

#endif
