/*
 * 04_delta.c — a command's net change (core/base/delta.h), built straight
 * from journal records over a few variables: a location written many
 * times is one entry, one that ends as it began is none (D3), the same set
 * of changes in another order gives the same bytes (D2), applying the
 * delta has the effect of every record in order and applying it twice is
 * the identity (D1), and entries of one array changed alike cost a couple
 * of bytes each.
 */
#include "testlib.h"

#include "base/delta.h"

/* Simulated state: stable memory (event.h J1), without hidden padding. */
struct vars {
	uint8_t b;
	uint8_t pad; /* named, so that whole structs compare */
	uint16_t h;
	uint32_t w;
	uint64_t q;
	uint32_t arr[4];
};

static struct jrec rec(void *p, unsigned size, uint64_t x)
{
	return (struct jrec){(uint64_t)(uintptr_t)p | (uint64_t)size << JREC_SIZE_SHIFT, x};
}

struct built {
	uint8_t *p;
	uint64_t len;
};

static struct built build(const struct jrec *r, uint64_t n)
{
	struct built d;
	assert_int_equal(delta_build(NULL, r, n, &d.p, &d.len), 0);
	return d;
}

static void drop(struct built d)
{
	mm_free_mem(NULL, d.p, d.len);
}

static void test_empty(void **state)
{
	struct built d = build(NULL, 0);
	assert_null(d.p);
	assert_int_equal(d.len, 0);
	assert_int_equal(delta_entries(d.p, d.len), 0);
	delta_apply(d.p, d.len);
}

/* w goes 0, 1, 2 ... 1000: one entry, 0 XOR 1000. */
static void test_one_location_many_writes(void **state)
{
	struct vars v = {0};
	struct jrec r[1000];
	for (uint32_t i = 0; i < 1000; i++)
		r[i] = rec(&v.w, 4, (uint64_t)(i ^ (i + 1)));
	struct built d = build(r, 1000);
	assert_int_equal(delta_entries(d.p, d.len), 1);
	delta_apply(d.p, d.len);
	assert_int_equal(v.w, 1000);
	delta_apply(d.p, d.len);
	assert_int_equal(v.w, 0);
	drop(d);
}

/* D3: w goes 0, 5, 0 and b 0, 7; only b is in the net change. */
static void test_back_to_start_no_entry(void **state)
{
	struct vars v = {0};
	struct jrec r[] = {rec(&v.w, 4, 5), rec(&v.b, 1, 7), rec(&v.w, 4, 5)};
	struct built d = build(r, 3);
	assert_int_equal(delta_entries(d.p, d.len), 1);
	delta_apply(d.p, d.len);
	assert_int_equal(v.b, 7);
	assert_int_equal(v.w, 0);
	drop(d);
	struct jrec back[] = {rec(&v.q, 8, 9), rec(&v.h, 2, 3), rec(&v.h, 2, 3), rec(&v.q, 8, 9)};
	struct built empty = build(back, 4);
	assert_null(empty.p);
	assert_int_equal(empty.len, 0);
}

/* D2: the same net changes, recorded in another order or in other steps,
 * give the same bytes. */
static void test_same_set_same_bytes(void **state)
{
	struct vars v = {0};
	struct jrec a[] = {
		rec(&v.w, 4, 0x30), rec(&v.q, 8, 0x4000000000000000ull), rec(&v.b, 1, 1),
		rec(&v.arr[2], 4, 0xFFFFFFFF), rec(&v.h, 2, 0x8000),
	};
	struct jrec b[] = {
		rec(&v.h, 2, 0x8000), rec(&v.arr[2], 4, 0xFFFFFFFF), rec(&v.b, 1, 1),
		rec(&v.q, 8, 0x4000000000000000ull), rec(&v.w, 4, 0x30),
	};
	struct jrec c[] = { /* w in two steps; arr[0] changed and changed back */
		rec(&v.arr[2], 4, 0xFFFFFFFF), rec(&v.w, 4, 0x10), rec(&v.arr[0], 4, 6), rec(&v.b, 1, 1),
		rec(&v.h, 2, 0x8000), rec(&v.arr[0], 4, 6), rec(&v.q, 8, 0x4000000000000000ull), rec(&v.w, 4, 0x20),
	};
	struct built da = build(a, 5), db = build(b, 5), dc = build(c, 8);
	assert_int_equal(delta_entries(da.p, da.len), 5);
	assert_int_equal(db.len, da.len);
	assert_int_equal(dc.len, da.len);
	assert_memory_equal(db.p, da.p, da.len);
	assert_memory_equal(dc.p, da.p, da.len);
	drop(da);
	drop(db);
	drop(dc);
}

/* D1: the delta flips the variables from before to after, as the records
 * applied in order do, and back. */
static void test_apply_twice_identity(void **state)
{
	struct vars v = {.b = 0x12, .h = 0x3456, .w = 0x789ABCDE, .q = 0x0123456789ABCDEFull, .arr = {1, 2, 3, 4}};
	const struct vars before = v;
	struct jrec r[] = {
		rec(&v.q, 8, 0xFFFFFFFFFFFFFFFFull), rec(&v.arr[3], 4, 4 ^ 40), rec(&v.b, 1, 0x12 ^ 0xEF),
		rec(&v.arr[0], 4, 1 ^ 10), rec(&v.h, 2, 0x3456 ^ 0x0001), rec(&v.arr[3], 4, 40 ^ 400),
		rec(&v.w, 4, 0x789ABCDE ^ 0x11111111),
	};
	struct built d = build(r, sizeof r / sizeof r[0]);
	delta_apply(d.p, d.len);
	struct vars want = {.b = 0xEF, .h = 1, .w = 0x11111111, .q = 0xFEDCBA9876543210ull, .arr = {10, 2, 3, 400}};
	assert_memory_equal(&v, &want, sizeof v);
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) /* the records, undone */
		jrec_apply(&r[i]);
	assert_memory_equal(&v, &before, sizeof v);
	delta_apply(d.p, d.len);
	delta_apply(d.p, d.len);
	assert_memory_equal(&v, &before, sizeof v);
	drop(d);
}

static uint64_t xs(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* D1 at scale: 20,000 records of every size over a few hundred locations,
 * applied one by one and as a delta, give the same memory; the entries
 * are the locations that differ. */
static void test_random_records(void **state)
{
	static struct { uint64_t q[256]; uint32_t w[256]; uint16_t h[256]; uint8_t b[256]; } m, start;
	enum { N = 20000 };
	struct jrec *r = malloc(N * sizeof *r);
	assert_non_null(r);
	uint64_t s = 0x9E3779B97F4A7C15ull;
	for (int i = 0; i < N; i++) {
		uint64_t x = xs(&s), at = x >> 56, k = (x >> 40) & 3;
		x = xs(&s) >> (x & 63); /* small and large values, some zero */
		r[i] = k == 0 ? rec(&m.q[at], 8, x) : k == 1 ? rec(&m.w[at], 4, (uint32_t)x)
			: k == 2 ? rec(&m.h[at], 2, (uint16_t)x) : rec(&m.b[at], 1, (uint8_t)x);
	}
	struct built d = build(r, N);
	for (int i = 0; i < N; i++)
		jrec_apply(&r[i]);
	uint64_t changed = 0;
	for (int i = 0; i < 256; i++)
		changed += (m.q[i] != 0) + (m.w[i] != 0) + (m.h[i] != 0) + (m.b[i] != 0);
	assert_true(changed > 800);
	assert_int_equal(delta_entries(d.p, d.len), changed);
	delta_apply(d.p, d.len); /* from the end back to the start */
	assert_memory_equal(&m, &start, sizeof m);
	delta_apply(d.p, d.len);
	for (int i = N; i-- > 0;)
		jrec_apply(&r[i]);
	assert_memory_equal(&m, &start, sizeof m);
	drop(d);
	free(r);
}

/* Entries of one array changed alike (the PFN entries of a touch): the
 * same XOR, or one that moves by a stride, costs about two bytes each. */
static void test_alike_entries_compact(void **state)
{
	static uint64_t arr[1000];
	static struct jrec same[1000], stride[1000];
	for (int i = 0; i < 1000; i++) {
		same[i] = rec(&arr[i], 8, 0x0000000600000001ull);
		stride[i] = rec(&arr[999 - i], 8, 0x1000ull * (uint64_t)(999 - i) + 0x67);
	}
	struct built a = build(same, 1000), b = build(stride, 1000);
	assert_int_equal(delta_entries(a.p, a.len), 1000);
	assert_int_equal(delta_entries(b.p, b.len), 1000);
	assert_true(a.len <= 2 * 1000 + 16);
	assert_true(b.len <= 2 * 1000 + 16);
	delta_apply(b.p, b.len);
	assert_int_equal(arr[0], 0x67);
	assert_int_equal(arr[999], 0x1000ull * 999 + 0x67);
	drop(a);
	drop(b);
}

/* DL1 of delta.c: a table that fills is made again, twice the size, from
 * the records so far; however many times that happens (here: 5,000
 * locations written once, from a table for 625 records, and the same
 * locations written three times each in reverse, from a larger first
 * table), the same set of changes gives the same bytes (D2). */
static void test_growth_same_bytes(void **state)
{
	enum { L = 5000 };
	static uint64_t arr[L];
	static struct jrec once[L], thrice[3 * L];
	for (int i = 0; i < L; i++) {
		uint64_t x = 0x1000ull * (uint64_t)i + 0x867;
		once[i] = rec(&arr[i], 8, x);
		int j = L - 1 - i;
		uint64_t y = 0x1000ull * (uint64_t)j + 0x867;
		thrice[3 * i] = rec(&arr[j], 8, 0x5555);
		thrice[3 * i + 1] = rec(&arr[j], 8, y ^ 0x5555 ^ 0xAAAA);
		thrice[3 * i + 2] = rec(&arr[j], 8, 0xAAAA);
	}
	struct built a = build(once, L), b = build(thrice, 3 * L);
	assert_int_equal(delta_entries(a.p, a.len), L);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	delta_apply(a.p, a.len);
	assert_int_equal(arr[L - 1], 0x1000ull * (L - 1) + 0x867);
	delta_apply(a.p, a.len);
	assert_int_equal(arr[L - 1], 0);
	drop(a);
	drop(b);
}

/* The sort (an in-place radix sort) at scale: 200,000 locations in two
 * arrays far apart, of two sizes, given in a shuffled order and in
 * address order, give the same bytes (D2), and applying them gives what
 * the records do (D1). */
static void test_many_locations_sorted(void **state)
{
	enum { L = 100000 };
	static uint64_t q[L];
	static uint32_t w[L];
	static struct jrec shuffled[2 * L], ordered[2 * L];
	for (int i = 0; i < L; i++) {
		ordered[i] = rec(&w[i], 4, 0x10u + (uint32_t)i % 7);
		ordered[L + i] = rec(&q[i], 8, 0x1000ull * (uint64_t)i + 0x867);
	}
	if ((uintptr_t)q < (uintptr_t)w) /* address order: whichever array is lower first */
		for (int i = 0; i < L; i++) {
			struct jrec t = ordered[i];
			ordered[i] = ordered[L + i];
			ordered[L + i] = t;
		}
	memcpy(shuffled, ordered, sizeof shuffled);
	uint64_t s = 0x2545F4914F6CDD1Dull;
	for (uint64_t i = 2 * L - 1; i > 0; i--) {
		uint64_t j = xs(&s) % (i + 1);
		struct jrec t = shuffled[i];
		shuffled[i] = shuffled[j];
		shuffled[j] = t;
	}
	struct built a = build(shuffled, 2 * L), b = build(ordered, 2 * L);
	assert_int_equal(delta_entries(a.p, a.len), 2 * L);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	assert_true(a.len < 2 * L); /* alike entries in address order: compact */
	delta_apply(a.p, a.len);
	assert_int_equal(q[L - 1], 0x1000ull * (L - 1) + 0x867);
	assert_int_equal(w[L - 1], 0x10u + (L - 1) % 7);
	delta_apply(a.p, a.len);
	assert_int_equal(q[L - 1], 0);
	drop(a);
	drop(b);
}

/* The largest host block a build takes. */
static size_t biggest;

static void *measuring_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud;
	(void)osize;
	if (nsize > biggest)
		biggest = nsize;
	if (!nsize) {
		free(ptr);
		return NULL;
	}
	return realloc(ptr, nsize);
}

/* DL1: the table is about 4/3 of the locations (16 bytes a slot), however
 * it grew: 300,000 locations written three times each (900,000 records, a
 * first table for 112,500) take a table of at most 1.5 times 16 bytes a
 * location, where doubling at half full took up to 4 times. */
static void test_table_sized_from_the_records(void **state)
{
	enum { L = 300000 };
	static uint64_t q[L];
	struct jrec *r = malloc(3 * L * sizeof *r);
	assert_non_null(r);
	for (int i = 0; i < 3 * L; i++)
		r[i] = rec(&q[i / 3], 8, ((uint64_t)i / 3 + 1) << 8 | (uint64_t)(i % 3)); /* the three XOR to non-zero (D3) */
	struct mm_alloc a = {measuring_alloc, NULL};
	biggest = 0;
	uint8_t *p;
	uint64_t len;
	assert_int_equal(delta_build(&a, r, 3 * L, &p, &len), 0);
	assert_int_equal(delta_entries(p, len), L);
	assert_true(biggest <= (size_t)L * 16 * 3 / 2);
	mm_free_mem(&a, p, len);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_one_location_many_writes),
		cmocka_unit_test(test_back_to_start_no_entry),
		cmocka_unit_test(test_same_set_same_bytes),
		cmocka_unit_test(test_apply_twice_identity),
		cmocka_unit_test(test_random_records),
		cmocka_unit_test(test_alike_entries_compact),
		cmocka_unit_test(test_growth_same_bytes),
		cmocka_unit_test(test_many_locations_sorted),
		cmocka_unit_test(test_table_sized_from_the_records),
	};
	return cmocka_run_group_tests_name("04_delta", tests, NULL, NULL);
}
