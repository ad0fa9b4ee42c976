/*
 * commit.c — the commit charge (commit.h).
 *
 * Invariants (check.c):
 *   C1. commit_total = sum over live processes of (private + page tables +
 *       the fixed creation charge) + the system's charges.
 *   C2. commit_total <= commit_limit.
 */
#include "commit.h"
#include "pfn.h"
#include "mmmsg.h"

static uint64_t *field(struct proc *p, enum commit_kind k)
{
	switch (k) {
	case COMMIT_PRIVATE: return &p->commit_private;
	case COMMIT_PAGE_TABLE: return &p->commit_page_tables;
	default: return &p->commit_fixed;
	}
}

int commit_charge(struct mm *m, struct proc *p, uint64_t pages, enum commit_kind k, struct mm_err *err)
{
	if (pages == 0)
		return 0;
	if (m->commit_total + pages > m->commit_limit)
		return mm_fail_tr(err, "STATUS_COMMITMENT_LIMIT", -1,
			       MMM_COMMIT_LIMIT,
			       (unsigned long long)m->commit_total, (unsigned long long)pages,
			       (unsigned long long)m->commit_limit);
	MM_SET64(m, &m->commit_total, m->commit_total + pages);
	if (m->commit_total > m->commit_peak)
		MM_SET64(m, &m->commit_peak, m->commit_total);
	if (p) {
		uint64_t *f = field(p, k);
		MM_SET64(m, f, *f + pages);
	}
	MM_EMIT(m, EV_COMMIT_CHARGE, pages, m->commit_total, m->commit_limit, p ? p->pid : 0);
	return 0;
}

void commit_return(struct mm *m, struct proc *p, uint64_t pages, enum commit_kind k)
{
	if (pages == 0)
		return;
	MM_SET64(m, &m->commit_total, m->commit_total - pages);
	if (p) {
		uint64_t *f = field(p, k);
		MM_SET64(m, f, *f - pages);
	}
	MM_EMIT(m, EV_COMMIT_CHARGE, (uint64_t)-(int64_t)pages, m->commit_total, m->commit_limit, p ? p->pid : 0);
}

/* The commit limit of docs/reference.md R-COMMIT: available pages less a 1024-page
 * reserve, plus each page file's free space (size - 1). */
void commit_init_limit(struct mm *m)
{
	uint64_t avail = pfn_available(m);
	m->commit_limit = avail > 1024 * 2 ? avail - 1024 : avail / 2;
	for (int i = 0; i < m->npagefiles; i++)
		m->commit_limit += m->pagefile[i].size - 1;
}

