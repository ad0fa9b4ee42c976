/*
 * 05_pfn.c — the PFN database and the page lists (core/mm/pfn.h, docs/reference.md
 * R-PFN): the order of the lists (zeroed pages at the front, every other list
 * at the tail, so the head is the oldest), the order in which
 * pfn_remove_zero_page and pfn_remove_any_page look at the lists, the share
 * and reference count transitions of R-PFN-COUNTS, a standby page repurposed (its
 * PTE gets the original contents back), and the per-group summaries that
 * keep the physical-memory pane O(1) on machines from 1 MiB to 1 GiB.
 *
 * These tests call the PFN functions directly on a booted machine, as the
 * fault handler does; they build states that no command builds (pages
 * active without a PTE), so they check the list structure themselves
 * instead of running mm_check.
 */
#include "testlib.h"

#include "mm.h"
#include "mm/pfn.h"
#include "hw/physmem.h"
#include "hw/pte.h"

static struct mm *boot(enum mm_arch arch, uint64_t ram)
{
	struct mm_config cfg;
	struct mm_err err;
	tl_config(&cfg, arch);
	cfg.ram = ram;
	cfg.pagefile[0] = ram < (1u << 20) ? (1u << 20) : ram;
	struct mm *m = mm_new(&cfg, &err);
	if (!m)
		fail_msg("mm_new: %s", err.msg);
	return m;
}

/* The frames of one list, head first (standby: priority 0 first). */
static int list_pfns(const struct mm *m, enum pfn_loc l, uint32_t *out, int max)
{
	int n = 0;
	int nlists = l == PFN_STANDBY ? MM_STANDBY_PRIOS : 1;
	for (int k = 0; k < nlists; k++) {
		const struct pfn_list *lst = l == PFN_STANDBY ? &m->standby[k] : &m->list[l];
		uint32_t prev = MM_PFN_NONE;
		for (uint32_t f = lst->head; f != MM_PFN_NONE; f = pfn_flink(m, f)) {
			assert_true(f < m->npages);
			assert_int_equal(pfn_loc(&m->pfn[f]), l);
			assert_int_equal(pfn_blink(m, f), prev); /* back link */
			if (n < max)
				out[n] = f;
			n++;
			prev = f;
		}
		assert_int_equal(lst->tail, prev);
	}
	assert_int_equal(n, m->list[l].total);
	return n;
}

/* F4 by hand: every group's summary equals a recount. */
static void check_groups(const struct mm *m)
{
	uint64_t total[PFN_LOC_COUNT] = {0};
	for (uint32_t g = 0; g < m->ngroups; g++) {
		uint32_t c[PFN_LOC_COUNT] = {0};
		uint32_t first = g << m->group_shift;
		uint32_t last = MM_MIN(m->npages, first + (1u << m->group_shift));
		for (uint32_t i = first; i < last; i++)
			c[pfn_loc(&m->pfn[i])]++;
		for (int l = 0; l < PFN_LOC_COUNT; l++) {
			if (c[l] != m->groups[g][l])
				fail_msg("group %u: %u %s frames, summary %u", g, c[l], pfn_loc_name((enum pfn_loc)l),
					 m->groups[g][l]);
			total[l] += c[l];
		}
	}
	for (int l = 0; l < PFN_LOC_COUNT; l++)
		assert_int_equal(total[l], m->list[l].total);
}

/* Takes a zeroed page and makes it an active private page with no table. */
static uint32_t take_active(struct mm *m, bool dirty)
{
	uint32_t pfn = pfn_remove_zero_page(m);
	assert_int_not_equal(pfn, MM_PFN_NONE);
	pfn_initialize(m, pfn, 0, MM_PFN_NONE, 0x3a8, USE_PRIVATE, 0x80, dirty);
	return pfn;
}

/* Boot: every frame not used by the System process is zeroed, in
 * ascending order; nothing else is on a list. */
static void test_boot_lists(void **state)
{
	struct mm *m = boot(MM_ARCH_X64, 4u << 20);
	uint32_t *z = calloc(m->npages, sizeof *z);
	int n = list_pfns(m, PFN_ZEROED, z, (int)m->npages);
	assert_int_equal(n + m->list[PFN_ACTIVE].total, m->npages);
	assert_true(m->list[PFN_ACTIVE].total >= 4); /* the System's PML4, PDPT, PD, PT, shared data... */
	for (int i = 1; i < n; i++)
		assert_true(z[i] > z[i - 1]);
	for (int l = PFN_FREE; l <= PFN_BAD; l++)
		assert_int_equal(m->list[l].total, 0);
	assert_int_equal(pfn_available(m), n);
	check_groups(m);
	free(z);
	mm_free(m);
}

/* Zeroed pages go to the front, every other list appends at the tail. */
static void test_insert_order(void **state)
{
	struct mm *m = boot(MM_ARCH_X64, 4u << 20);
	uint32_t a = take_active(m, false), b = take_active(m, false), c = take_active(m, false);
	assert_int_equal(b, a + 1); /* the zeroed list hands out its head */
	assert_int_equal(c, b + 1);
	/* back onto the zeroed list: each becomes the new head */
	pfn_insert(m, a, PFN_ZEROED);
	pfn_insert(m, c, PFN_ZEROED);
	uint32_t z[4];
	list_pfns(m, PFN_ZEROED, z, 4);
	assert_int_equal(z[0], c);
	assert_int_equal(z[1], a);
	/* the free list: at the tail, oldest first */
	uint32_t d = take_active(m, false), e = take_active(m, false);
	assert_int_equal(d, c);
	assert_int_equal(e, a);
	pfn_insert(m, b, PFN_FREE);
	pfn_insert(m, e, PFN_FREE);
	pfn_insert(m, d, PFN_FREE);
	uint32_t f[3];
	assert_int_equal(list_pfns(m, PFN_FREE, f, 3), 3);
	assert_int_equal(f[0], b);
	assert_int_equal(f[1], e);
	assert_int_equal(f[2], d);
	/* the modified list likewise */
	pfn_unlink(m, e);
	pfn_insert(m, e, PFN_MODIFIED);
	pfn_unlink(m, b);
	pfn_insert(m, b, PFN_MODIFIED);
	uint32_t mo[2];
	assert_int_equal(list_pfns(m, PFN_MODIFIED, mo, 2), 2);
	assert_int_equal(mo[0], e);
	assert_int_equal(mo[1], b);
	assert_int_equal(list_pfns(m, PFN_FREE, f, 3), 1);
	assert_int_equal(f[0], d);
	check_groups(m);
	mm_free(m);
}

/* MiRemoveZeroPage: zeroed, else free (zeroed now), else standby.
 * MiRemoveAnyPage: free, else zeroed, else standby. */
static void test_remove_order(void **state)
{
	struct mm *m = boot(MM_ARCH_X86, 1u << 20);
	uint32_t npages = m->npages;
	uint32_t *held = calloc(npages, sizeof *held);
	int nheld = 0;
	while (m->list[PFN_ZEROED].total > 2)
		held[nheld++] = take_active(m, false);
	uint32_t z[2];
	list_pfns(m, PFN_ZEROED, z, 2);
	/* two frames: one goes to free with data in it, one to standby */
	uint32_t fr = held[--nheld], sb = held[--nheld];
	physmem_write(m, fr, 0x10, 0xABCD, 2);
	pfn_mark_deleted(m, fr);
	pfn_decrement_share(m, fr);
	assert_int_equal(pfn_loc(&m->pfn[fr]), PFN_FREE);
	pfn_decrement_share(m, sb); /* clean, not deleted: standby */
	assert_int_equal(pfn_loc(&m->pfn[sb]), PFN_STANDBY);
	assert_int_equal(pfn_available(m), 4);

	/* remove_any prefers the free list, even over zeroed pages */
	assert_int_equal(pfn_remove_any_page(m), fr);
	pfn_insert(m, fr, PFN_FREE);
	/* remove_zero prefers zeroed pages */
	assert_int_equal(pfn_remove_zero_page(m), z[0]);
	pfn_insert(m, z[0], PFN_ACTIVE);
	assert_int_equal(pfn_remove_zero_page(m), z[1]);
	pfn_insert(m, z[1], PFN_ACTIVE);
	/* then the free page, zeroed on the way */
	assert_int_equal(hist_begin(&m->hist), 0); /* events are recorded in a command (event.h) */
	uint64_t nev = hist_event_count(&m->hist);
	assert_false(physmem_is_zero(m, fr));
	assert_int_equal(pfn_remove_zero_page(m), fr);
	assert_true(physmem_is_zero(m, fr));
	bool zeroed = false;
	for (uint64_t i = nev; i < hist_event_count(&m->hist); i++) {
		struct ev e;
		zeroed |= hist_event(&m->hist, i, &e) == 0 && e.kind == EV_ZERO_PAGE && e.a == fr;
	}
	assert_true(zeroed);
	assert_int_equal(hist_commit(&m->hist, NULL, 0), 0);
	pfn_insert(m, fr, PFN_ACTIVE);
	/* then standby */
	assert_int_equal(pfn_remove_zero_page(m), sb);
	pfn_insert(m, sb, PFN_ACTIVE);
	/* nothing left */
	assert_int_equal(pfn_available(m), 0);
	assert_int_equal(pfn_remove_zero_page(m), MM_PFN_NONE);
	assert_int_equal(pfn_remove_any_page(m), MM_PFN_NONE);
	check_groups(m);
	free(held);
	mm_free(m);
}

/* Standby pages are taken lowest priority first; within a priority, oldest
 * first. */
static void test_standby_priorities(void **state)
{
	struct mm *m = boot(MM_ARCH_X64, 1u << 20);
	while (m->list[PFN_ZEROED].total > 3)
		take_active(m, false);
	uint32_t p5a = take_active(m, false), p1 = take_active(m, false), p5b = take_active(m, false);
	/* priorities: p1 gets 1, the others keep the default */
	MM_SET16(m, &m->pfn[p1].flags, (uint16_t)((m->pfn[p1].flags & ~PFNF_PRIO_MASK) | pfn_priority_bits(1)));
	pfn_decrement_share(m, p5a);
	pfn_decrement_share(m, p1);
	pfn_decrement_share(m, p5b);
	assert_int_equal(m->list[PFN_STANDBY].total, 3);
	assert_int_equal(m->standby[1].total, 1);
	assert_int_equal(m->standby[PFN_DEFAULT_PRIORITY].total, 2);
	uint32_t s[3];
	list_pfns(m, PFN_STANDBY, s, 3);
	assert_int_equal(s[0], p1);
	assert_int_equal(pfn_remove_any_page(m), p1);
	pfn_insert(m, p1, PFN_ACTIVE);
	assert_int_equal(pfn_remove_any_page(m), p5a);
	pfn_insert(m, p5a, PFN_ACTIVE);
	assert_int_equal(pfn_remove_any_page(m), p5b);
	pfn_insert(m, p5b, PFN_ACTIVE);
	assert_int_equal(m->list[PFN_STANDBY].total, 0);
	check_groups(m);
	mm_free(m);
}

/* Share and reference counts (docs/reference.md R-PFN-COUNTS): mapped -> unmapped -> the list the
 * page's state calls for; the page table holding its PTE keeps a share
 * while the page is active or in transition. */
static void test_share_and_reference(void **state)
{
	struct mm *m = boot(MM_ARCH_X64, 4u << 20);
	uint32_t table = pfn_remove_zero_page(m);
	pfn_initialize(m, table, 0xFFFFF6FB40000000ull, MM_PFN_NONE, 0x3a8, USE_PAGE_TABLE, 0, true);
	assert_int_equal(pfn_share_count(&m->pfn[table]), 1);

	/* a clean page: active, then standby */
	uint32_t p = pfn_remove_zero_page(m);
	pfn_initialize(m, p, 0xFFFFF68000000080ull, table, 0x3a8, USE_PRIVATE, 0x80, false);
	assert_int_equal(pfn_loc(&m->pfn[p]), PFN_ACTIVE);
	assert_int_equal(pfn_share_count(&m->pfn[p]), 1);
	assert_int_equal(m->pfn[p].reference_count, 1);
	assert_int_equal(pfn_share_count(&m->pfn[table]), 2);
	assert_int_equal(pfn_use(&m->pfn[p]), USE_PRIVATE);
	pfn_increment_share(m, p);
	assert_int_equal(pfn_share_count(&m->pfn[p]), 2);
	pfn_decrement_share(m, p);
	assert_int_equal(pfn_loc(&m->pfn[p]), PFN_ACTIVE);
	assert_int_equal(m->pfn[p].reference_count, 1);
	pfn_decrement_share(m, p);
	assert_int_equal(pfn_loc(&m->pfn[p]), PFN_STANDBY);
	assert_int_equal(m->pfn[p].reference_count, 0);
	assert_int_equal(pfn_pte_frame(&m->pfn[p]), table);       /* still owned by its PTE */
	assert_int_equal(m->pfn[p].original_pte, 0x80);
	assert_int_equal(pfn_share_count(&m->pfn[table]), 2);               /* the transition page keeps its share */

	/* a dirty page: modified */
	uint32_t d = pfn_remove_zero_page(m);
	pfn_initialize(m, d, 0xFFFFF68000000088ull, table, 0x3a8, USE_PRIVATE, 0x80, true);
	assert_int_equal(pfn_share_count(&m->pfn[table]), 3);
	pfn_decrement_share(m, d);
	assert_int_equal(pfn_loc(&m->pfn[d]), PFN_MODIFIED);

	/* a deleted page: free, unowned, and the table's share goes */
	uint32_t x = pfn_remove_zero_page(m);
	pfn_initialize(m, x, 0xFFFFF68000000090ull, table, 0x3a8, USE_PRIVATE, 0x80, true);
	assert_int_equal(pfn_share_count(&m->pfn[table]), 4);
	uint64_t priv = m->use_count[USE_PRIVATE];
	pfn_mark_deleted(m, x);
	pfn_decrement_share(m, x);
	assert_int_equal(pfn_loc(&m->pfn[x]), PFN_FREE);
	assert_int_equal(pfn_pte_frame(&m->pfn[x]), MM_PFN_NONE);
	assert_int_equal(pfn_owner(&m->pfn[x]), PFN_OWNER_NONE);
	assert_int_equal(pfn_use(&m->pfn[x]), USE_NONE);
	assert_int_equal(m->use_count[USE_PRIVATE], priv - 1);
	assert_int_equal(pfn_share_count(&m->pfn[table]), 3);
	uint32_t f[1];
	assert_int_equal(list_pfns(m, PFN_FREE, f, 1), 1);
	check_groups(m);
	mm_free(m);
}

/* A standby page repurposed by pfn_remove_zero_page: its transition PTE
 * gets the original PTE back and its page table loses the share. */
static void test_repurpose_restores_pte(void **state)
{
	struct mm *m = boot(MM_ARCH_X64, 1u << 20);
	uint32_t table = pfn_remove_zero_page(m);
	pfn_initialize(m, table, 0xFFFFF6FB40000000ull, MM_PFN_NONE, 0x3a8, USE_PAGE_TABLE, 0, true);
	uint32_t p = pfn_remove_zero_page(m);
	uint64_t entry = 0xFFFFF68000000000ull + 5 * 8; /* PTE index 5 */
	pte_t dz = pte_make_demand_zero(m->arch, 4);
	pfn_initialize(m, p, entry, table, 0x3a8, USE_PRIVATE, dz, false);
	pte_store(m, table, 5, entry, pte_make_transition(m->arch, p, 4));
	pfn_decrement_share(m, p);
	assert_int_equal(pfn_loc(&m->pfn[p]), PFN_STANDBY);
	assert_int_equal(pfn_share_count(&m->pfn[table]), 2);
	while (m->list[PFN_ZEROED].total)
		take_active(m, false);
	assert_int_equal(pfn_remove_zero_page(m), p);
	assert_int_equal(pte_load(m, table, 5), dz);
	assert_int_equal(pfn_share_count(&m->pfn[table]), 1);
	assert_int_equal(pfn_pte_frame(&m->pfn[p]), MM_PFN_NONE);
	assert_int_equal(pfn_owner(&m->pfn[p]), PFN_OWNER_NONE);
	mm_free(m);
}

/* Per-group summaries: at most 4096 groups, each frame counted once, kept
 * exact as frames move, for machines of 1 MiB .. 1 GiB. */
static void test_group_summaries(void **state)
{
	static const uint64_t sizes[] = {1u << 20, 4u << 20, 16u << 20, 64u << 20, 256u << 20, 1u << 30};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct mm *m = boot(MM_ARCH_X64, sizes[i]);
		uint32_t frames = (uint32_t)(sizes[i] >> 12);
		assert_int_equal(m->npages, frames);
		assert_true(m->ngroups <= MM_SUMMARY_GROUPS_MAX);
		assert_int_equal((uint64_t)m->ngroups << m->group_shift >= frames, true);
		/* the smallest shift that fits */
		if (m->group_shift)
			assert_true((frames + (1u << (m->group_shift - 1)) - 1) >> (m->group_shift - 1) >
				    MM_SUMMARY_GROUPS_MAX);
		check_groups(m);
		struct mm_phys ph;
		mm_phys(m, &ph);
		assert_int_equal(ph.pages, frames);
		assert_int_equal(ph.groups, m->ngroups);
		assert_int_equal(ph.frames_per_group, 1u << m->group_shift);
		/* move frames in the first, a middle and the last group */
		uint32_t moved[3] = {pfn_remove_zero_page(m), 0, 0};
		pfn_initialize(m, moved[0], 0, MM_PFN_NONE, 0, USE_SYSTEM, 0, false);
		uint32_t mid = frames / 2, last = frames - 1;
		pfn_unlink(m, mid);
		pfn_insert(m, mid, PFN_FREE);
		pfn_unlink(m, last);
		pfn_insert(m, last, PFN_BAD);
		check_groups(m);
		uint32_t g = last >> m->group_shift, c[MM_NSTATES];
		mm_group(m, g, c);
		assert_int_equal(c[PFN_BAD], 1);
		mm_group(m, mid >> m->group_shift, c);
		assert_true(c[PFN_FREE] >= 1);
		mm_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot_lists),
		cmocka_unit_test(test_insert_order),
		cmocka_unit_test(test_remove_order),
		cmocka_unit_test(test_standby_priorities),
		cmocka_unit_test(test_share_and_reference),
		cmocka_unit_test(test_repurpose_restores_pte),
		cmocka_unit_test(test_group_summaries),
	};
	return cmocka_run_group_tests_name("05_pfn", tests, NULL, NULL);
}
