/*
 * delta.c — a command's net change (delta.h), built from its journal and
 * encoded for the history.
 *
 * Building: the records are folded into a hash table by location (XORs
 * accumulate), the entries whose XOR is not zero (D3) are sorted by
 * location with an in-place radix sort (American flag sort: O(n), no
 * comparisons, no second buffer; a 1 GiB touch has millions of
 * locations), and written out. Encoding: each entry is the
 * distance from the previous location (locations of one structure lie close
 * together: PFN entries, page-table entries, working-set entries) with the
 * size beside it, then the value, predicted from the entry of the same
 * size one structure back (entries of one array change alike: the PFN
 * entries of a touch all go from free to active, so old XOR new repeats or
 * moves by a stride), as LEB128 varints (DWARF's, Protocol Buffers').
 *
 *   DL1. Building takes one table of host memory besides the journal,
 *        at most 3/4 full: a full table is freed before a bigger one is
 *        made, sized from the locations per record so far (so a huge
 *        command's table is about 4/3 of its locations, not up to 4
 *        times as a table doubled at half full is), and the sort needs
 *        no second buffer.
 */
#include "delta.h"

#include <string.h>

struct slot {
	uint64_t pz;
	uint64_t x;
};

struct table {
	struct slot *s;
	uint64_t cap, n;
};

static uint64_t mix(uint64_t k)
{
	k ^= k >> 29;
	k *= 0xbf58476d1ce4e5b9ull;
	k ^= k >> 32;
	return k;
}

/* The table's size is any number of slots: the hash is mapped onto it
 * by a multiplication (Lemire's fast range reduction), not a mask. */
static struct slot *find(struct table *t, uint64_t pz)
{
	uint64_t i = (uint64_t)(((unsigned __int128)mix(pz) * t->cap) >> 64);
	while (t->s[i].pz && t->s[i].pz != pz)
		i = i + 1 == t->cap ? 0 : i + 1;
	return &t->s[i];
}

/* At most this many locations in a table of cap slots (DL1). */
static uint64_t fill_max(uint64_t cap)
{
	return cap - cap / 4;
}

/* An empty table of cap slots; -1 without host memory. */
static int table_new(const struct mm_alloc *a, struct table *t, uint64_t cap)
{
	*t = (struct table){mm_calloc(a, cap, sizeof *t->s), cap, 0};
	return t->s ? 0 : -1;
}

static void table_free(const struct mm_alloc *a, struct table *t)
{
	mm_free_mem(a, t->s, t->cap * sizeof *t->s);
	t->s = NULL;
}

/* The first table's size: one slot for every eight records, which a
 * huge command's distinct locations outgrow once (a touch has about one
 * location for three records) and which costs at most an eighth of the
 * journal when nearly every write goes to a few locations. */
static uint64_t first_cap(uint64_t n)
{
	return n / 8 > 64 ? n / 8 : 64;
}

/* The next table's size, once the table holds t->n locations after
 * `done` of n records: room for the locations the rest will bring at the
 * rate so far, and a sixteenth more, at most 3/4 full (DL1); at least half
 * again as big, so a rate that rises late costs few refolds. */
static uint64_t next_cap(const struct table *t, uint64_t done, uint64_t n)
{
	double rate = done ? (double)t->n / (double)done : 1.0;
	uint64_t est = (uint64_t)(rate * (double)n) + 64, want = (est + est / 16) / 3 * 4;
	uint64_t grown = t->cap + t->cap / 2;
	return want > grown ? want : grown;
}

#define DELTA_TICK_MASK ((1u << 20) - 1)

/* Adds records [from, n) to t. */
static void fold_into(struct table *t, const struct jrec *r, uint64_t from, uint64_t n, void (*tick)(void *),
		      void *arg)
{
	for (uint64_t i = from; i < n; i++) {
		if (tick && !(i & DELTA_TICK_MASK))
			tick(arg);
		struct slot *s = find(t, r[i].pz);
		if (!s->pz) {
			s->pz = r[i].pz;
			t->n++;
		}
		s->x ^= r[i].x;
	}
}

/* Folds records[0..n) into a table at most 3/4 full (DL1). When the
 * table fills, it is freed before a bigger one is made (next_cap), and
 * the records so far are folded into that one again: the journal still
 * holds them, so the old and the new table are never in host memory
 * together (docs/quality.md Q-PERF). The set of entries is the same
 * either way. */
static int fold(const struct mm_alloc *a, struct table *t, const struct jrec *r, uint64_t n, void (*tick)(void *),
		void *arg)
{
	uint64_t done = 0;
	while (done < n) {
		/* Room for fill_max - t->n more locations, so at least that many
		 * records fit before the table could pass 3/4 full. */
		uint64_t room = fill_max(t->cap) - t->n, to = n - done < room ? n : done + room;
		fold_into(t, r, done, to, tick, arg);
		done = to;
		if (done < n && t->n >= fill_max(t->cap)) {
			uint64_t cap = next_cap(t, done, n);
			table_free(a, t);
			if (table_new(a, t, cap) < 0)
				return -1;
			fold_into(t, r, 0, done, tick, arg);
		}
	}
	return 0;
}

/* The sort key: the location above, its size's log below, so equal sets
 * sort equally (D2). */
static uint64_t key(uint64_t pz)
{
	unsigned size = (unsigned)(pz >> JREC_SIZE_SHIFT);
	unsigned lg = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
	return (pz & JREC_ADDR_MASK) << 2 | lg;
}

static unsigned digit(const struct slot *s, unsigned sh)
{
	return (unsigned)(key(s->pz) >> sh) & 0xff;
}

/* Few entries: by insertion (the keys are distinct: one per location). */
static void insertion(struct slot *v, uint64_t n)
{
	for (uint64_t i = 1; i < n; i++) {
		struct slot x = v[i];
		uint64_t k = key(x.pz), j = i;
		for (; j > 0 && key(v[j - 1].pz) > k; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

#define SORT_SMALL 32
#define SORT_TICK (1u << 20)

/* MSD radix sort in place by key (American flag sort: McIlroy, Bostic and
 * McIlroy, "Engineering radix sort", 1993), from the byte at sh down, 8
 * bits a level: count the digits, move each entry into its digit's bucket
 * by swaps, sort each bucket by the next byte. A byte every key has alike
 * (the high bytes of host addresses) costs one counting pass. At most 8
 * levels deep. */
static void flag_sort(struct slot *v, uint64_t n, unsigned sh, void (*tick)(void *), void *arg)
{
	if (n <= SORT_SMALL) {
		insertion(v, n);
		return;
	}
	uint64_t cnt[256], next[256], end[256];
	for (;;) {
		memset(cnt, 0, sizeof cnt);
		for (uint64_t i = 0; i < n; i++)
			cnt[digit(&v[i], sh)]++;
		if (cnt[digit(&v[0], sh)] < n)
			break;
		if (sh == 0)
			return; /* (distinct keys: not reached with n > 1) */
		sh -= 8;
	}
	uint64_t at = 0;
	for (unsigned d = 0; d < 256; d++) {
		next[d] = at;
		at += cnt[d];
		end[d] = at;
	}
	for (unsigned b = 0; b < 256; b++)
		while (next[b] < end[b]) {
			struct slot x = v[next[b]];
			for (unsigned d = digit(&x, sh); d != b; d = digit(&x, sh)) {
				struct slot y = v[next[d]];
				v[next[d]++] = x;
				x = y;
			}
			v[next[b]++] = x;
		}
	if (tick && n >= SORT_TICK)
		tick(arg);
	for (unsigned b = 0; sh > 0 && b < 256; b++)
		if (cnt[b] > 1)
			flag_sort(v + end[b] - cnt[b], cnt[b], sh - 8, tick, arg);
}

/* The writer: with p NULL it only counts, so the block is allocated once,
 * at its exact size (the size depends on host addresses; the number of
 * host allocations must not: tests/unit/17_allocfail.c fails each in turn). */
struct out {
	uint8_t *p;
	uint64_t n;
};

static void put(struct out *o, uint64_t v)
{
	while (v >= 0x80) {
		if (o->p)
			o->p[o->n] = (uint8_t)(v | 0x80);
		o->n++;
		v >>= 7;
	}
	if (o->p)
		o->p[o->n] = (uint8_t)v;
	o->n++;
}

static uint64_t get(const uint8_t **p)
{
	uint64_t v = 0;
	for (unsigned sh = 0;; sh += 7) {
		uint8_t b = *(*p)++;
		v |= (uint64_t)(b & 0x7f) << sh;
		if (!(b & 0x80) || sh >= 63)
			return v;
	}
}

/* The predictor. The entries of one structure repeat with a period (a PFN
 * entry's five changed fields, then the next entry's five): entry i is
 * predicted from entry i - P, its location gap and size the same, its value
 * moved by the step between i - 2P and i - P (PFNs and page-table entries
 * count up). P is re-chosen, the same way by writer and reader, after each
 * entry the prediction missed: the smallest period the last entries repeat
 * with. A run of entries predicted exactly costs one varint. */
#define RING 64 /* a power of two, above 2 * MAX_P */
#define MAX_P 16

struct ent {
	uint64_t gap, x;
	unsigned lg;
};

struct pred {
	struct ent e[RING];
	uint64_t n; /* entries seen */
	unsigned p;
};

static const struct ent *back(const struct pred *pr, unsigned k)
{
	return &pr->e[(pr->n - k) & (RING - 1)];
}

static struct ent guess(const struct pred *pr)
{
	struct ent g = {0, 0, 3};
	if (pr->n < pr->p)
		return g;
	g = *back(pr, pr->p);
	if (pr->n >= 2u * pr->p)
		g.x += g.x - back(pr, 2 * pr->p)->x;
	return g;
}

static bool same_shape(const struct ent *a, const struct ent *b)
{
	return a->gap == b->gap && a->lg == b->lg;
}

static void learn(struct pred *pr, struct ent e, bool hit)
{
	pr->e[pr->n & (RING - 1)] = e;
	pr->n++;
	if (hit)
		return;
	for (unsigned p = 1; p <= MAX_P && 2u * p <= pr->n; p++)
		if (same_shape(back(pr, 1), back(pr, 1 + p)) && (pr->n < 2 + p || same_shape(back(pr, 2), back(pr, 2 + p)))) {
			pr->p = p;
			return;
		}
	pr->p = 1;
}

static uint64_t zig(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static int64_t zag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

/* The entry's key (location and size) and value. */
static struct ent ent_of(const struct slot *s, uint64_t prev_key)
{
	uint64_t k = key(s->pz);
	return (struct ent){(k >> 2) - (prev_key >> 2), s->x, (unsigned)(k & 3)};
}

static void encode(struct out *o, const struct slot *v, uint64_t n)
{
	struct pred pr = {.p = 1};
	uint64_t prev = 0, run = 0;
	put(o, n);
	for (uint64_t i = 0; i < n; i++) {
		struct ent e = ent_of(&v[i], prev), g = guess(&pr);
		prev = key(v[i].pz);
		bool hit = same_shape(&e, &g) && e.x == g.x;
		if (hit) {
			run++;
		} else {
			put(o, run);
			run = 0;
			put(o, zig((int64_t)(e.gap - g.gap)) << 2 | e.lg);
			put(o, zig((int64_t)(e.x - g.x)));
		}
		learn(&pr, e, hit);
	}
	put(o, run);
}

int delta_build(const struct mm_alloc *a, const struct jrec *records, uint64_t n, uint8_t **out, uint64_t *len)
{
	return delta_build_ticking(a, records, n, out, len, NULL, NULL);
}

int delta_build_ticking(const struct mm_alloc *a, const struct jrec *records, uint64_t n, uint8_t **out, uint64_t *len,
			void (*tick)(void *arg), void *arg)
{
	*out = NULL;
	*len = 0;
	if (!n)
		return 0;
	struct table t;
	if (table_new(a, &t, first_cap(n)) < 0)
		return -1;
	int rc = fold(a, &t, records, n, tick, arg);
	uint64_t m = 0;
	for (uint64_t i = 0; rc == 0 && i < t.cap; i++)
		if (t.s[i].pz && t.s[i].x)
			t.s[m++] = t.s[i]; /* compacted in place: m <= i */
	struct out o = {NULL, 0};
	if (rc == 0 && m) {
		flag_sort(t.s, m, 56, tick, arg); /* keys have 58 bits: the top byte first */
		encode(&o, t.s, m); /* counting */
		o.p = mm_malloc(a, o.n);
		rc = o.p ? 0 : -1;
		if (rc == 0) {
			o.n = 0;
			encode(&o, t.s, m);
		}
	}
	table_free(a, &t);
	if (rc < 0)
		return -1;
	*out = o.p;
	*len = o.n;
	return 0;
}

static const uint8_t lg_size[4] = {1, 2, 4, 8};

/* Calls fn for each entry of a delta, decoded. */
static void decode(const uint8_t *p, uint64_t len, void (*fn)(void *, const struct jrec *), void *arg)
{
	if (!len) /* an empty change: p may be NULL */
		return;
	const uint8_t *end = p + len;
	struct pred pr = {.p = 1};
	uint64_t n = get(&p), addr = 0;
	for (uint64_t i = 0; i < n && p < end;) {
		for (uint64_t run = get(&p); run && i < n; run--, i++) {
			struct ent g = guess(&pr);
			addr += g.gap;
			fn(arg, &(struct jrec){addr | (uint64_t)lg_size[g.lg] << JREC_SIZE_SHIFT, g.x});
			learn(&pr, g, true);
		}
		if (i == n || p >= end)
			break;
		struct ent g = guess(&pr), e;
		uint64_t d = get(&p);
		e.lg = (unsigned)(d & 3);
		e.gap = g.gap + (uint64_t)zag(d >> 2);
		e.x = g.x + (uint64_t)zag(get(&p));
		addr += e.gap;
		fn(arg, &(struct jrec){addr | (uint64_t)lg_size[e.lg] << JREC_SIZE_SHIFT, e.x});
		learn(&pr, e, false);
		i++;
	}
}

static void apply_one(void *arg, const struct jrec *r)
{
	(void)arg;
	jrec_apply(r);
}

void delta_apply(const uint8_t *p, uint64_t len)
{
	decode(p, len, apply_one, NULL);
}

static void count_one(void *arg, const struct jrec *r)
{
	(void)r;
	(*(uint64_t *)arg)++;
}

uint64_t delta_entries(const uint8_t *p, uint64_t len)
{
	uint64_t n = 0;
	decode(p, len, count_one, &n);
	return n;
}

