/*
 * 09_vad.c — the VAD tree (core/mm/vad.h, docs/reference.md R-VAD, R-USER-RANGE): an AVL tree
 * that stays balanced (depth <= 1.44 log2(n + 2)), sorted and consistent
 * through 10,000 random inserts and deletes, finds the VAD of any VPN, and
 * the free-range search: the lowest (bottom-up) or highest (MEM_TOP_DOWN)
 * 64 KB-aligned hole that fits, checked against a brute-force search.
 */
#include "testlib.h"

#include <math.h>

#include "mm/vad.h"

/* A small deterministic generator (xorshift64*). */
static uint64_t rnd(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 0x2545F4914F6CDD1Dull;
}

struct fixture {
	struct session *s;
	struct mm *m;
	struct proc *p;
};

static void fx_init(struct fixture *f, enum mm_arch a)
{
	f->s = tl_session(a);
	run(f->s, "process create a --bare");
	f->m = session_mm(f->s);
	f->p = mm_cur(f->m);
}

static uint32_t add(struct fixture *f, uint64_t start, uint64_t end)
{
	struct mm_err err;
	uint32_t i = vad_create(f->m, f->p, start, end, VAD_PRIVATE, 4, VADF_PRIVATE, &err);
	assert_int_not_equal(i, 0);
	return i;
}

static void check_tree(struct fixture *f)
{
	char buf[256];
	const char *v = vad_check(f->m, f->p, buf, sizeof buf);
	if (v)
		fail_msg("vad_check: %s", v);
	uint32_t n = f->p->vad_count;
	int depth = vad_depth(f->m, f->p);
	if (depth > 1.44 * log2((double)n + 2))
		fail_msg("depth %d for %u VADs exceeds 1.44 log2(n + 2) = %.2f", depth, n, 1.44 * log2((double)n + 2));
}

/* 10,000 random inserts and deletes over 2,048 slots; a shadow bitmap says
 * which slots hold a VAD. */
static void test_random_avl(void **state)
{
	struct fixture f;
	fx_init(&f, MM_ARCH_X64);
	enum { SLOTS = 2048, OPS = 10000 };
	uint32_t idx[SLOTS] = {0};
	uint64_t st = 0x9E3779B97F4A7C15ull;
	int live = 0, maxlive = 0;
	for (int op = 0; op < OPS; op++) {
		int k = (int)(rnd(&st) % SLOTS);
		/* grow for the first half, shrink in the second */
		bool insert = (rnd(&st) % 100) < (op < OPS / 2 ? 70u : 30u);
		if (insert && !idx[k]) {
			uint64_t start = 0x10 + (uint64_t)k * 16, len = rnd(&st) % 16;
			idx[k] = add(&f, start, start + len);
			live++;
		} else if (!insert && idx[k]) {
			vad_delete(f.m, f.p, idx[k]);
			idx[k] = 0;
			live--;
		}
		maxlive = MM_MAX(maxlive, live);
		assert_int_equal(f.p->vad_count, live);
		if (op % 16 == 0 || op > OPS - 64)
			check_tree(&f);
	}
	assert_true(maxlive > 1000);
	/* in-order traversal is sorted and visits exactly the shadow's VADs */
	int seen = 0, k = 0;
	uint64_t prev_end = 0;
	for (uint32_t i = vad_first(f.m, f.p); i; i = vad_next(f.m, i), seen++) {
		const struct vad *v = vad_at(f.m, i);
		if (seen)
			assert_true(v->start > prev_end);
		prev_end = v->end;
		while (k < SLOTS && !idx[k])
			k++;
		assert_int_equal(i, idx[k]);
		k++;
	}
	assert_int_equal(seen, live);
	/* backwards too */
	seen = 0;
	for (uint32_t i = vad_last(f.m, f.p); i; i = vad_prev(f.m, i))
		seen++;
	assert_int_equal(seen, live);
	/* vad_find and vad_overlap agree with the shadow */
	for (int q = 0; q < 5000; q++) {
		uint64_t vpn = 0x10 + rnd(&st) % (SLOTS * 16);
		int slot = (int)((vpn - 0x10) / 16);
		uint32_t want = 0;
		if (idx[slot] && vpn <= vad_at(f.m, idx[slot])->end)
			want = idx[slot];
		assert_int_equal(vad_find(f.m, f.p, vpn), want);
		uint32_t o = vad_overlap(f.m, f.p, vpn, vpn + 40);
		if (o) {
			const struct vad *v = vad_at(f.m, o);
			assert_true(v->start <= vpn + 40 && v->end >= vpn);
		} else {
			for (int s2 = slot; s2 <= slot + 3 && s2 < SLOTS; s2++)
				if (idx[s2]) {
					const struct vad *v = vad_at(f.m, idx[s2]);
					assert_false(v->start <= vpn + 40 && v->end >= vpn);
				}
		}
	}
	/* delete everything */
	for (int i = 0; i < SLOTS; i++)
		if (idx[i])
			vad_delete(f.m, f.p, idx[i]);
	assert_int_equal(f.p->vad_count, 0);
	assert_int_equal(f.p->vad_root, 0);
	check_tree(&f);
	session_free(f.s);
}

/* Ascending and descending inserts are the classic worst cases of an
 * unbalanced tree. */
static void test_sorted_inserts_stay_balanced(void **state)
{
	struct fixture f;
	fx_init(&f, MM_ARCH_X64);
	assert_int_equal(hist_begin(&f.m->hist), 0); /* journaled as a command is (event.h) */
	for (uint64_t i = 0; i < 1000; i++)
		add(&f, 0x100 + i * 2, 0x100 + i * 2);
	check_tree(&f);
	assert_true(vad_depth(f.m, f.p) <= 11);
	for (uint64_t i = 0; i < 1000; i++)
		add(&f, 0x100000 - i * 2, 0x100000 - i * 2);
	check_tree(&f);
	/* the mutations are journaled: the history steps back to no VADs */
	assert_int_equal(hist_commit(&f.m->hist, NULL, 0), 0);
	hist_seek_event(&f.m->hist, -1);
	assert_int_equal(f.p->vad_count, 0);
	assert_int_equal(f.p->vad_root, 0);
	hist_seek_end(&f.m->hist);
	assert_int_equal(f.p->vad_count, 2000);
	check_tree(&f);
	session_free(f.s);
}

#define G 0x10000ull

static void test_find_free_known(void **state)
{
	struct fixture f;
	fx_init(&f, MM_ARCH_X86);
	uint64_t lo = 0x10000, hi = 0x7FFDFFFF, b = 0;
	assert_int_equal(vad_find_free(f.m, f.p, 1, false, lo, hi, &b), 0);
	assert_int_equal(b, 0x10000);
	assert_int_equal(vad_find_free(f.m, f.p, 1, true, lo, hi, &b), 0);
	assert_int_equal(b, 0x7FFD0000);
	assert_int_equal(vad_find_free(f.m, f.p, 3, true, lo, hi, &b), 0);
	assert_int_equal(b, 0x7FFD0000);
	add(&f, 0x10, 0x12);     /* 0x10000-0x12FFF */
	add(&f, 0x30, 0x3F);     /* 0x30000-0x3FFFF */
	assert_int_equal(vad_find_free(f.m, f.p, 1, false, lo, hi, &b), 0);
	assert_int_equal(b, 0x20000); /* 0x13000 rounded up to 64 KB */
	assert_int_equal(vad_find_free(f.m, f.p, 16, false, lo, hi, &b), 0);
	assert_int_equal(b, 0x20000);
	assert_int_equal(vad_find_free(f.m, f.p, 17, false, lo, hi, &b), 0);
	assert_int_equal(b, 0x40000);
	add(&f, 0x7FFD0, 0x7FFDF);
	assert_int_equal(vad_find_free(f.m, f.p, 16, true, lo, hi, &b), 0);
	assert_int_equal(b, 0x7FFC0000);
	add(&f, 0x7FFC8, 0x7FFCF);
	assert_int_equal(vad_find_free(f.m, f.p, 16, true, lo, hi, &b), 0);
	assert_int_equal(b, 0x7FFB0000);
	assert_int_equal(vad_find_free(f.m, f.p, 1, true, lo, hi, &b), 0);
	assert_int_equal(b, 0x7FFC0000);
	/* no room in the window */
	assert_int_equal(vad_find_free(f.m, f.p, 1, false, 0x10000, 0x12FFF, &b), -1);
	assert_int_equal(vad_find_free(f.m, f.p, 1, true, 0x10000, 0x12FFF, &b), -1);
	assert_int_equal(vad_find_free(f.m, f.p, 0x80000, false, lo, hi, &b), -1);
	assert_int_equal(vad_find_free(f.m, f.p, 0x80000, true, lo, hi, &b), -1);
	session_free(f.s);
}

/* The same through VirtualAlloc: bottom-up by default, from the top with
 * MEM_TOP_DOWN, always on 64 KB. */
static void test_find_free_through_virtualalloc(void **state)
{
	TL_SESSION s = tl_session(MM_ARCH_X86);
	run(s, "process create a --bare");
	assert_int_equal(run_val(s, "VirtualAlloc 0 4K MEM_RESERVE PAGE_READWRITE"), 0x10000);
	assert_int_equal(run_val(s, "VirtualAlloc 0 70K MEM_RESERVE PAGE_READWRITE"), 0x20000);
	assert_int_equal(run_val(s, "VirtualAlloc 0 4K MEM_RESERVE PAGE_READWRITE"), 0x40000);
	assert_int_equal(run_val(s, "VirtualAlloc 0 4K MEM_RESERVE|MEM_TOP_DOWN PAGE_READWRITE"), 0x7FFD0000);
	assert_int_equal(run_val(s, "VirtualAlloc 0 100K MEM_RESERVE|MEM_TOP_DOWN PAGE_READWRITE"), 0x7FFB0000);
	TL_SESSION s64 = tl_session(MM_ARCH_X64);
	run(s64, "process create a --bare");
	assert_int_equal(run_val(s64, "VirtualAlloc 0 4K MEM_RESERVE|MEM_TOP_DOWN PAGE_READWRITE"), 0x7FFFFFFD0000ull);
}

/* Against a brute force over every 64 KB-aligned base of a 4 MB window
 * with random VADs in it. */
static void test_find_free_brute_force(void **state)
{
	uint64_t st = 12345;
	const uint64_t lo = 0x100000, hi = lo + 64 * G - 1;
	for (int round = 0; round < 60; round++) {
		struct fixture f;
		fx_init(&f, round % 2 ? MM_ARCH_X64 : MM_ARCH_X86);
		/* random VADs, page-granular, inside and around the window */
		uint64_t vpn = (lo >> 12) - 8;
		while (vpn < (hi >> 12) + 8) {
			vpn += 1 + rnd(&st) % (round % 3 == 0 ? 64 : 24);
			uint64_t len = rnd(&st) % 20;
			add(&f, vpn, vpn + len);
			vpn += len + 1;
		}
		check_tree(&f);
		for (int q = 0; q < 20; q++) {
			uint64_t pages = 1 + rnd(&st) % (q < 10 ? 16 : 48);
			uint64_t size = pages << 12, want_lo = 0, want_hi = 0;
			bool any = false;
			for (uint64_t a = lo; a + size - 1 <= hi; a += G) {
				if (vad_overlap(f.m, f.p, a >> 12, (a + size - 1) >> 12))
					continue;
				if (!any)
					want_lo = a;
				want_hi = a;
				any = true;
			}
			uint64_t b = 0;
			int r = vad_find_free(f.m, f.p, pages, false, lo, hi, &b);
			assert_int_equal(r, any ? 0 : -1);
			if (any)
				assert_int_equal(b, want_lo);
			r = vad_find_free(f.m, f.p, pages, true, lo, hi, &b);
			assert_int_equal(r, any ? 0 : -1);
			if (any)
				assert_int_equal(b, want_hi);
		}
		session_free(f.s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_avl),
		cmocka_unit_test(test_sorted_inserts_stay_balanced),
		cmocka_unit_test(test_find_free_known),
		cmocka_unit_test(test_find_free_through_virtualalloc),
		cmocka_unit_test(test_find_free_brute_force),
	};
	return cmocka_run_group_tests_name("09_vad", tests, NULL, NULL);
}
