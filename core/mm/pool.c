/*
 * pool.c — paged and non-paged pool (pool.h, docs/reference.md R-POOL).
 *
 * The kernel's heap. Small requests (up to POOL_BUDDY_MAX: 4064 bytes on
 * x64, 4080 on x86) are carved out of pool pages; every block starts with a
 * POOL_HEADER written into simulated memory, so `db` at a pool address
 * shows what WinDbg would:
 *
 *   x64, 16 bytes: PreviousSize:8 PoolIndex:8 BlockSize:8 PoolType:8 (in
 *                  16-byte units) | PoolTag:32 | ProcessBilled:64
 *   x86,  8 bytes: PreviousSize:9 PoolIndex:7 BlockSize:9 PoolType:7 (in
 *                  8-byte units) | PoolTag:32
 *
 * PoolType in a header is the pool type + 1 (NonPagedPool 0 -> 1,
 * PagedPool 1 -> 2); 0 marks a free block. Blocks of a page chain by size,
 * and PreviousSize lets a free merge with the block before it. Larger
 * requests take whole pages, page-aligned, with no header, recorded in the
 * big-page table. A page whose blocks are all free goes back to the system.
 *
 * The headers are the truth: !pool and !poolused read them, so nothing is
 * counted twice. They are also simulated memory a user may overwrite with
 * kwrite, so every walk over them trusts nothing it reads (chain_walk,
 * docs/commands.md CMD-CORRUPT): a header is followed only once it is
 * checked, and a page whose chain is broken is reported as corrupt by the
 * inspections, skipped by allocation and refused by ExFreePool with
 * BAD_POOL_HEADER, where Windows would bug-check (0x19).
 *
 * The memory manager keeps its own structures here too (a section's
 * control area and prototype PTEs, which the fault path reads). Those
 * blocks are recorded (pool_alloc_own, m->poolown): nobody else may free
 * or write them, and a chain that no longer shows one of them intact is
 * corrupt however well its headers agree, so a forged neighbour can never
 * get them carved over, merged or unmapped.
 *
 * Non-paged pool is always resident; paged pool pages are mapped when
 * allocated too (trimming the system working set is not simulated: a
 * simplification, said in `help`). Pool pages are charged to the system's
 * commit.
 *
 * Finding room costs the same however many blocks exist (docs/quality.md
 * Q-PERF). Windows keeps free blocks on ListHeads by size and the big-page
 * table as a hash; mmviz keeps its first fit (the lowest page with a
 * free block that fits, the first such block in it) and finds that page
 * through `room`: for each small page the largest free block its headers
 * show, and above that levels of 64-way maxima, so the search reads at
 * most 64 entries a level and a change rewrites one entry a level. A
 * page's entry is recomputed from its headers whenever pool.c changes
 * them; a header overwritten by hand (kwrite) can make an entry stale,
 * and then the search finds no fit in that page, refreshes its entry and
 * looks again, so each stale entry costs one extra look. Big allocations
 * are found by address in an AVL tree (avl.c) over the big-page table.
 *
 * Invariants (pool_check):
 *   Q1. Every room entry above the pages is the largest of its 64
 *       children; pages that do not hold small blocks have room 0.
 *   Q2. The big-page tree holds exactly the live big allocations, in
 *       address order (A1-A2 of avl.c).
 *
 * Regions: x64 paged pool 0xFFFFFA8000000000, non-paged 0xFFFFFAC000000000
 * (WRK; R-LAYOUT-X64); x86/PAE paged pool 0xE1000000 (R-LAYOUT-X86) and non-paged pool
 * at 0xF0000000 (the expansion area below the crash-dump region).
 */
#include "pool.h"

#include <stdio.h>
#include <stdlib.h>

#include "commit.h"
#include "base/avl.h"
#include "base/consts.h"
#include "pagetable.h"
#include "pfn.h"
#include "hw/physmem.h"
#include "hw/pte.h"
#include "hw/tlb.h"
#include "mmmsg.h"

#define BIG_LIMIT (1u << 20)

static bool x64(const struct mm *m) { return m->arch->id == MM_ARCH_X64; }
static uint32_t unit(const struct mm *m) { return x64(m) ? 16 : 8; }   /* also the header size */
static uint64_t buddy_max(const struct mm *m) { return MM_PAGE_SIZE - 2 * unit(m); }

uint64_t pool_base(const struct mm *m, enum pool_type t)
{
	return m->pool[t].base;
}

/* ---- room: the largest free block of each small page, and maxima above ---- */

#define ROOM_FAN 64

/* Levels down from the pages until one has at most ROOM_FAN entries. */
static int room_init(struct mm *m, struct pool_region *r)
{
	uint64_t len = r->pages;
	r->room_levels = 0;
	do {
		if (r->room_levels == POOL_ROOM_LEVELS)
			return -1;
		r->room_len[r->room_levels] = len;
		r->room[r->room_levels] = mm_calloc(&m->alloc, len ? len : 1, sizeof(uint16_t));
		if (!r->room[r->room_levels++])
			return -1;
		len = (len + ROOM_FAN - 1) / ROOM_FAN;
	} while (r->room_len[r->room_levels - 1] > ROOM_FAN);
	return 0;
}

int pool_init(struct mm *m)
{
	uint64_t base[2], cap[2];
	if (x64(m)) {
		base[POOL_NONPAGED] = 0xFFFFFAC000000000ull;
		base[POOL_PAGED] = 0xFFFFFA8000000000ull;
		cap[0] = cap[1] = 1ull << 25;
	} else {
		base[POOL_NONPAGED] = 0xF0000000ull;
		base[POOL_PAGED] = 0xE1000000ull;
		cap[POOL_NONPAGED] = mm_bytes_pages(0xFFBE0000ull - 0xF0000000ull);
		cap[POOL_PAGED] = mm_bytes_pages(0xF0000000ull - 0xE1000000ull);
	}
	for (int t = 0; t < 2; t++) {
		struct pool_region *r = &m->pool[t];
		r->base = base[t];
		r->pages = MM_MIN(cap[t], (uint64_t)m->npages);
		r->used = mm_calloc(&m->alloc, (r->pages + 63) / 64, 8);
		r->small = mm_calloc(&m->alloc, (r->pages + 63) / 64, 8);
		if (!r->used || !r->small || room_init(m, r) < 0)
			return -1;
	}
	if (slab_init(&m->poolown, &m->alloc, sizeof(struct pool_own), 2 * MM_MAX_SECTIONS + 2) < 0)
		return -1;
	return slab_init(&m->bigpool, &m->alloc, sizeof(struct pool_big), BIG_LIMIT);
}

void pool_fini(struct mm *m)
{
	for (int t = 0; t < 2; t++) {
		mm_free_mem(&m->alloc, m->pool[t].used, (m->pool[t].pages + 63) / 64 * 8);
		mm_free_mem(&m->alloc, m->pool[t].small, (m->pool[t].pages + 63) / 64 * 8);
		for (int k = 0; k < m->pool[t].room_levels; k++)
			mm_free_mem(&m->alloc, m->pool[t].room[k], m->pool[t].room_len[k] * sizeof(uint16_t));
	}
	slab_fini(&m->bigpool);
	slab_fini(&m->poolown);
}

static bool bit(const uint64_t *map, uint64_t i) { return (map[i / 64] >> (i % 64)) & 1; }
static void set_bit(struct mm *m, uint64_t *map, uint64_t i, bool on)
{
	uint64_t w = map[i / 64], b = 1ull << (i % 64);
	MM_SET64(m, &map[i / 64], on ? w | b : w & ~b);
}

/* Which pool a VA is in, and its page index there; -1 when none. */
static int region_of(const struct mm *m, uint64_t va, uint64_t *page)
{
	for (int t = 0; t < 2; t++) {
		const struct pool_region *r = &m->pool[t];
		if (va >= r->base && mm_page_number(va - r->base) < r->pages) {
			*page = mm_page_number(va - r->base);
			return t;
		}
	}
	return -1;
}

int pool_type_of(const struct mm *m, uint64_t va)
{
	uint64_t page;
	return region_of(m, va, &page);
}

/* The frame behind a mapped pool VA (the System process's tables). */
static uint32_t frame_of(const struct mm *m, uint64_t va)
{
	struct walk w;
	paging_walk(m, &m->proc[0], va, &w);
	return w.valid ? w.pfn : MM_PFN_NONE;
}

/* ---- headers in simulated memory ---- */

struct hdr {
	uint32_t prev, size, type, tag; /* prev and size in units */
};

static struct hdr hdr_read(const struct mm *m, uint32_t pfn, uint32_t off)
{
	uint64_t w = physmem_read64(m, pfn, off & ~7u);
	if (!x64(m) && (off & 4))
		w >>= 32;
	struct hdr h;
	if (x64(m)) {
		h = (struct hdr){(uint32_t)(w & 0xFF), (uint32_t)((w >> 16) & 0xFF), (uint32_t)((w >> 24) & 0xFF),
				 (uint32_t)(w >> 32)};
	} else {
		uint32_t lo = (uint32_t)w;
		h = (struct hdr){lo & 0x1FF, (lo >> 16) & 0x1FF, lo >> 25, physmem_read32(m, pfn, off + 4)};
	}
	return h;
}

static void hdr_write(struct mm *m, uint32_t pfn, uint32_t off, struct hdr h)
{
	if (x64(m)) {
		uint64_t w = (uint64_t)h.prev | ((uint64_t)h.size << 16) | ((uint64_t)h.type << 24) | ((uint64_t)h.tag << 32);
		physmem_write(m, pfn, off, w, 8);
		physmem_write(m, pfn, off + 8, 0, 8); /* ProcessBilled */
	} else {
		uint32_t lo = (h.prev & 0x1FF) | ((h.size & 0x1FF) << 16) | (h.type << 25);
		physmem_write(m, pfn, off, lo, 4);
		physmem_write(m, pfn, off + 4, h.tag, 4);
	}
}

/* Page `page` of region r now has room v: each level above takes the
 * largest of its group, up to where nothing changes. */
static void room_set(struct mm *m, struct pool_region *r, uint64_t page, uint16_t v)
{
	for (int k = 0; k < r->room_levels && r->room[k][page] != v; k++) {
		MM_SET16(m, &r->room[k][page], v);
		uint64_t lo = page / ROOM_FAN * ROOM_FAN, hi = MM_MIN(lo + ROOM_FAN, r->room_len[k]);
		MM_WORK(m, hi - lo);
		for (v = 0; lo < hi; lo++)
			v = MM_MAX(v, r->room[k][lo]);
		page /= ROOM_FAN;
	}
}

static uint16_t page_room(const struct mm *m, int t, uint64_t page);

static void room_update(struct mm *m, int t, uint64_t page)
{
	room_set(m, &m->pool[t], page, page_room(m, t, page));
}

/* The lowest page whose room is at least units, -1 when none: one group
 * of at most 64 entries read a level. */
static int64_t room_find(const struct mm *m, const struct pool_region *r, uint32_t units)
{
	int k = r->room_levels - 1;
	uint64_t lo = 0, hi = r->room_len[k];
	for (;;) {
		uint64_t i = lo;
		while (i < hi && r->room[k][i] < units)
			i++;
		MM_WORK(m, i - lo + 1);
		if (i == hi)
			return -1;
		if (k-- == 0)
			return (int64_t)i;
		lo = i * ROOM_FAN;
		hi = MM_MIN(lo + ROOM_FAN, r->room_len[k]);
	}
}

/* ---- pages ---- */

static uint64_t map_pages(struct mm *m, enum pool_type t, uint64_t n, struct mm_err *err)
{
	struct pool_region *r = &m->pool[t];
	uint64_t run = 0, start = 0;
	for (uint64_t k = 0; k < r->pages; k++) {
		uint64_t i = (r->hint + k) % r->pages;
		MM_WORK(m, 1);
		if (i == 0)
			run = 0;
		if (i % 64 == 0 && r->used[i / 64] == ~0ull && k + 64 <= r->pages) { /* a word of used pages */
			run = 0;
			k += 63;
			continue;
		}
		if (bit(r->used, i)) {
			run = 0;
			continue;
		}
		if (run++ == 0)
			start = i;
		if (run == n)
			goto found;
	}
	if (t == POOL_PAGED)
		mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", 2, MMM_POOL_VA_PAGED, (unsigned long long)n);
	else
		mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", 2, MMM_POOL_VA_NONPAGED, (unsigned long long)n);
	return 0;
found:
	if (commit_charge(m, NULL, n, COMMIT_FIXED, err) < 0)
		return 0;
	MM_SET64(m, &m->commit_system, m->commit_system + n);
	struct proc *sys = &m->proc[0];
	for (uint64_t i = start; i < start + n; i++) {
		uint64_t va = r->base + mm_pages_bytes(i);
		if (pagetable_ensure(m, sys, va, err) < 0)
			return 0;
		uint32_t pfn = pfn_remove_zero_page(m);
		if (pfn == MM_PFN_NONE) {
			mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", 2, MMM_POOL_NO_FRAME);
			return 0;
		}
		struct pte_ref pte = paging_leaf_ref(m, sys, va);
		pfn_initialize(m, pfn, pte.entry_va, pte.table, 0, t == POOL_PAGED ? USE_PAGED_POOL : USE_NONPAGED_POOL,
			       pte_make_demand_zero(m->arch, MM_READWRITE), true);
		pte_ref_store(m, &pte, pte_make_valid(m->arch, pfn, MM_READWRITE, false, true, true));
		set_bit(m, r->used, i, true);
	}
	MM_SET64(m, &r->in_use, r->in_use + n);
	MM_SET64(m, &r->hint, start + n);
	return r->base + mm_pages_bytes(start);
}

static void unmap_pages(struct mm *m, uint64_t va, uint64_t n)
{
	uint64_t page = 0;
	int t = region_of(m, va, &page);
	struct pool_region *r = &m->pool[t];
	struct proc *sys = &m->proc[0];
	int last = m->arch->levels - 1;
	for (uint64_t i = 0; i < n; i++, va += MM_PAGE_SIZE) {
		struct pte_ref pte = paging_ref(m, sys, last, va);
		uint32_t pfn = pte_pfn(m->arch, pte_ref_load(m, &pte));
		pte_ref_store(m, &pte, 0);
		tlb_flush_va(m, va);
		/* the data stays in the frame: free pages hold whatever was there */
		pfn_mark_deleted(m, pfn);
		pfn_decrement_share(m, pfn);
		set_bit(m, r->used, page + i, false);
		set_bit(m, r->small, page + i, false);
		room_set(m, r, page + i, 0);
	}
	MM_SET64(m, &r->in_use, r->in_use - n);
	MM_SET64(m, &m->commit_system, m->commit_system - n);
	commit_return(m, NULL, n, COMMIT_FIXED);
}

/* ---- small blocks ---- */

/* ---- walking a page's chain, trusting nothing ---- */

/* The blocks of a small-block page as its headers chain them, each header
 * checked before it is followed: a BlockSize of 0 or one that runs past
 * the page, a PreviousSize that is not the size of the block before, a
 * PoolType that is not this pool's. The walk stops at the first bad header
 * (what follows it cannot be found) and says why; a sound chain ends
 * exactly at the end of the page. At most a page of 8-byte headers. */
#define CHAIN_MAX (MM_PAGE_SIZE / 8)
struct chain {
	int n;                          /* sound blocks, in page order */
	uint16_t off[CHAIN_MAX];        /* their header offsets */
	uint32_t bad;                   /* the first bad header's offset */
	char why[2][96];                /* English, German; "" when the whole chain is sound */
};

/* The chain's why in both languages, from the catalogue's pair MSG (mmmsg.h) and its arguments. */
#define CHAIN_WHY(c, ...) \
	for (int lang = 0; lang < 2; lang++) \
		snprintf((c)->why[lang], sizeof (c)->why[lang], __VA_ARGS__)

/* A sound chain must still show each of the memory manager's own blocks
 * in its page as an allocated block of its size: headers that agree with
 * one another may yet have swallowed one (a neighbour's BlockSize grown
 * over it). Such a page is corrupt too. */
static bool own_intact(const struct mm *m, uint64_t page, uint32_t pfn, struct chain *c)
{
	uint32_t u = unit(m);
	for (uint32_t i = 1; i < m->poolown.used; i++) {
		const struct pool_own *o = slab_at(&m->poolown, i);
		if (mm_page_base(o->va) != page || o->end - o->va >= MM_PAGE_SIZE)
			continue; /* another page's, or a big block (no header to lose) */
		uint32_t off = (uint32_t)mm_page_offset(o->va);
		int k = 0;
		while (k < c->n && c->off[k] < off)
			k++;
		struct hdr h = k < c->n && c->off[k] == off ? hdr_read(m, pfn, off) : (struct hdr){0, 0, 0, 0};
		if (h.type == 0 || (uint64_t)h.size * u != o->end - o->va) {
			c->bad = off;
			CHAIN_WHY(c, MMM(lang, POOL_OWN_LOST));
			return false;
		}
	}
	return true;
}

static bool chain_walk(const struct mm *m, int t, uint64_t page, uint32_t pfn, struct chain *c)
{
	uint32_t u = unit(m), per = MM_PAGE_SIZE / u, prev = 0;
	c->n = 0;
	c->why[0][0] = c->why[1][0] = 0;
	if (pfn == MM_PFN_NONE) { /* not for kwrite to cause: page tables are the memory manager's */
		c->bad = 0;
		CHAIN_WHY(c, MMM(lang, POOL_UNMAPPED));
		return false;
	}
	for (uint32_t off = 0; off < MM_PAGE_SIZE;) {
		struct hdr h = hdr_read(m, pfn, off);
		c->bad = off;
		if (h.size == 0)
			CHAIN_WHY(c, MMM(lang, POOL_SIZE_0));
		else if (off / u + h.size > per)
			CHAIN_WHY(c, MMM(lang, POOL_SIZE_PAST), h.size, (off / u + h.size - per) * u);
		else if (h.prev != prev)
			CHAIN_WHY(c, MMM(lang, POOL_PREV), h.prev, prev);
		else if (h.type != 0 && h.type != (uint32_t)t + 1)
			CHAIN_WHY(c, MMM(lang, POOL_TYPE), h.type, t == POOL_PAGED ? "PagedPool" : "NonPagedPool", t + 1);
		if (c->why[0][0])
			return false;
		c->off[c->n++] = (uint16_t)off;
		prev = h.size;
		off += h.size * u;
	}
	return own_intact(m, page, pfn, c);
}

/* The largest free block of a page, in units: 0 when the page holds no
 * small blocks or its chain is broken (chain_walk, the walk fit() makes),
 * so a corrupt page never looks like room and the search never returns to
 * it. */
static uint16_t page_room(const struct mm *m, int t, uint64_t page)
{
	const struct pool_region *r = &m->pool[t];
	uint64_t va = r->base + mm_pages_bytes(page);
	uint32_t pfn = bit(r->small, page) ? frame_of(m, va) : MM_PFN_NONE;
	struct chain c;
	if (pfn == MM_PFN_NONE || !chain_walk(m, t, va, pfn, &c))
		return 0;
	uint32_t best = 0;
	for (int i = 0; i < c.n; i++) {
		struct hdr h = hdr_read(m, pfn, c.off[i]);
		if (h.type == 0)
			best = MM_MAX(best, h.size);
	}
	return (uint16_t)best;
}

/* First fit over the free blocks of one page; returns the header offset,
 * -1 when none fits or the page's chain is broken (never carved). */
static int fit(struct mm *m, int t, uint64_t page, uint32_t pfn, uint32_t units)
{
	struct chain c;
	if (!chain_walk(m, t, page, pfn, &c))
		return -1;
	for (int i = 0; i < c.n; i++) {
		struct hdr h = hdr_read(m, pfn, c.off[i]);
		if (h.type == 0 && h.size >= units)
			return c.off[i];
	}
	return -1;
}

/* Takes `units` from a free block of `size` units at off, leaving the rest
 * free. (size is passed in because a fresh page is one block of a page's
 * worth of units, which the header's BlockSize field cannot hold: a page
 * never contains such a block, it is split at once.) */
static void carve(struct mm *m, uint32_t pfn, uint32_t off, uint32_t size, uint32_t prev, uint32_t units,
		  uint32_t type, uint32_t tag)
{
	uint32_t u = unit(m);
	struct hdr h = {prev, size, 0, 0};
	uint32_t rest = h.size - units;
	hdr_write(m, pfn, off, (struct hdr){h.prev, units, type + 1, tag});
	if (!rest)
		return;
	uint32_t roff = off + units * u;
	hdr_write(m, pfn, roff, (struct hdr){units, rest, 0, 0});
	uint32_t next = roff + rest * u;
	if (next < MM_PAGE_SIZE) {
		struct hdr n = hdr_read(m, pfn, next);
		n.prev = rest;
		hdr_write(m, pfn, next, n);
	}
}

static uint64_t alloc_small(struct mm *m, enum pool_type t, uint64_t size, uint32_t tag, struct mm_err *err)
{
	uint32_t u = unit(m), units = (uint32_t)((size + u + u - 1) / u);
	struct pool_region *r = &m->pool[t];
	for (int64_t i; (i = room_find(m, r, units)) >= 0;) {
		uint64_t va = r->base + mm_pages_bytes((uint64_t)i);
		uint32_t pfn = frame_of(m, va);
		int off = fit(m, (int)t, va, pfn, units);
		if (off >= 0) {
			struct hdr f = hdr_read(m, pfn, (uint32_t)off);
			carve(m, pfn, (uint32_t)off, f.size, f.prev, units, t, tag);
			room_update(m, t, (uint64_t)i);
			return va + (uint64_t)off + u;
		}
		room_update(m, t, (uint64_t)i); /* stale: its headers were written by hand */
	}
	uint64_t va = map_pages(m, t, 1, err);
	if (!va)
		return 0;
	uint64_t page = 0;
	region_of(m, va, &page);
	set_bit(m, r->small, page, true);
	carve(m, frame_of(m, va), 0, MM_PAGE_SIZE / u, 0, units, t, tag);
	room_update(m, t, page);
	return va + u;
}

static uint32_t pack_tag(uint32_t tag) { return tag; }

static struct avl_link *big_link(const struct mm *m, uint32_t i)
{
	return &((struct pool_big *)slab_at(&m->bigpool, i))->by_va;
}

static int big_cmp(const struct mm *m, uint32_t a, uint32_t b)
{
	uint64_t x = ((const struct pool_big *)slab_at(&m->bigpool, a))->va;
	uint64_t y = ((const struct pool_big *)slab_at(&m->bigpool, b))->va;
	return x < y ? -1 : x > y;
}

static const struct avl_class big_class = {.link = big_link, .cmp = big_cmp};

uint64_t pool_alloc(struct mm *m, enum pool_type t, uint64_t size, uint32_t tag, struct mm_err *err)
{
	if (size == 0)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 2, MMM_SIZE_ZERO), 0;
	if (size > (uint64_t)m->npages * MM_PAGE_SIZE)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", 2, MMM_POOL_TOO_BIG,
			       (unsigned long long)size), 0;
	uint64_t va;
	if (size <= buddy_max(m)) {
		va = alloc_small(m, t, size, pack_tag(tag), err);
		if (va)
			MM_EMIT(m, EV_POOL_ALLOC, va, size, tag, t);
		return va;
	}
	uint64_t pages = mm_pages_round_up(size);
	uint32_t b = slab_alloc(&m->bigpool, &m->hist);
	if (!b)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", -1, MMM_POOL_BIG_FULL), 0;
	if (!(va = map_pages(m, t, pages, err)))
		return 0;
	struct pool_big *e = slab_at(&m->bigpool, b);
	MM_SET64(m, &e->va, va);
	MM_SET64(m, &e->pages, pages);
	MM_SET32(m, &e->tag, tag);
	MM_SET32(m, &e->type, t);
	avl_insert(m, &big_class, &m->bigpool_by_va, b);
	MM_EMIT(m, EV_POOL_ALLOC, va, size, tag, t);
	return va;
}

/* ---- the memory manager's own blocks ---- */

/* The record of the own block holding va (its header included), or 0. */
static uint32_t own_at(const struct mm *m, uint64_t va)
{
	for (uint32_t i = 1; i < m->poolown.used; i++) {
		const struct pool_own *o = slab_at(&m->poolown, i);
		if (va >= o->va && va < o->end)
			return i;
	}
	return 0;
}

bool pool_is_own(const struct mm *m, uint64_t va)
{
	return own_at(m, va) != 0;
}

uint64_t pool_alloc_own(struct mm *m, enum pool_type t, uint64_t size, uint32_t tag, struct mm_err *err)
{
	uint32_t i = slab_alloc(&m->poolown, &m->hist);
	if (!i)
		return mm_fail_tr(err, "STATUS_INSUFFICIENT_RESOURCES", -1, MMM_POOL_OWN_FULL), 0;
	uint64_t va = pool_alloc(m, t, size, tag, err);
	if (!va)
		return 0; /* the command fails: the journal takes the record back */
	struct pool_own *o = slab_at(&m->poolown, i);
	uint32_t u = unit(m);
	bool big = size > buddy_max(m);
	uint64_t start = big ? va : va - u; /* a small block from its header */
	uint64_t bytes = big ? mm_pages_bytes(mm_pages_round_up(size)) : (size + u + u - 1) / u * u; /* as alloc_small */
	MM_SET64(m, &o->va, start);
	MM_SET64(m, &o->end, start + bytes);
	return va;
}

int pool_free_own(struct mm *m, uint64_t va, struct mm_err *err)
{
	uint32_t i = own_at(m, va);
	if (i) {
		struct pool_own *o = slab_at(&m->poolown, i);
		MM_SET64(m, &o->va, 0);
		MM_SET64(m, &o->end, 0);
		slab_release(&m->poolown, &m->hist, i);
	}
	return pool_free(m, va, err);
}

/* The live big allocation starting at va (covering: holding va), or 0. */
static uint32_t big_at(const struct mm *m, uint64_t va, bool covering)
{
	uint32_t best = 0;
	for (uint32_t i = m->bigpool_by_va; i;) {
		const struct pool_big *e = slab_at(&m->bigpool, i);
		if (e->va <= va)
			best = i, i = e->by_va.right;
		else
			i = e->by_va.left;
	}
	const struct pool_big *e = best ? slab_at(&m->bigpool, best) : NULL;
	return e && (e->va == va || (covering && va < e->va + mm_pages_bytes(e->pages))) ? best : 0;
}

/* BAD_POOL_CALLER for va, with the catalogue's pair MSG ("%#llx is not
 * pool memory ..."): a macro, so the compiler still checks MSG. */
#define bad_pool(err, va, MSG) mm_fail_tr(err, "BAD_POOL_CALLER", 1, MSG, (unsigned long long)(va))

/* BAD_POOL_HEADER: va's page has a corrupt header at at; the chain's why
 * differs by language, so each text is made in its own. */
static int bad_header(struct mm_err *err, uint64_t va, uint64_t at, const struct chain *c)
{
	char text[2][384]; /* room for the whole text; mm_fail_texts cuts it to the message's size */
	for (int lang = 0; lang < 2; lang++)
		snprintf(text[lang], sizeof text[lang], MMM(lang, POOL_BAD_HEADER), (unsigned long long)va,
			 (unsigned long long)at, c->why[lang]);
	return mm_fail_texts(err, "BAD_POOL_HEADER", 1, text[0], text[1]);
}

int pool_free(struct mm *m, uint64_t va, struct mm_err *err)
{
	uint64_t page = 0;
	int t = region_of(m, va, &page);
	if (t < 0 || !bit(m->pool[t].used, page))
		return bad_pool(err, va, MMM_POOL_NOT_POOL);
	if (own_at(m, va))
		return mm_fail_tr(err, "STATUS_ACCESS_DENIED", 1, MMM_POOL_OWN_BLOCK, (unsigned long long)va);
	if (!bit(m->pool[t].small, page)) {
		uint32_t b = big_at(m, va, false);
		if (!b)
			return bad_pool(err, va, MMM_POOL_NOT_BIG_START);
		struct pool_big *e = slab_at(&m->bigpool, b);
		uint64_t tag = e->tag, bytes = mm_pages_bytes(e->pages);
		unmap_pages(m, va, e->pages);
		avl_remove(m, &big_class, &m->bigpool_by_va, b);
		MM_SET64(m, &e->pages, 0);
		slab_release(&m->bigpool, &m->hist, b);
		MM_EMIT(m, EV_POOL_FREE, va, bytes, tag, 0);
		return 0;
	}
	uint32_t u = unit(m), pfn = frame_of(m, va), target = (uint32_t)mm_page_offset(va) - u;
	if (mm_page_offset(va) < u || (va & (u - 1)))
		return bad_pool(err, va, MMM_POOL_NOT_BLOCK_START);
	/* The whole chain must be sound before anything is merged. */
	struct chain c;
	if (!chain_walk(m, t, mm_page_base(va), pfn, &c))
		return bad_header(err, va, mm_page_base(va) + c.bad, &c);
	/* The address must be a block boundary of the chain, and allocated. */
	int i = 0;
	while (i < c.n && c.off[i] < target)
		i++;
	uint32_t off = i < c.n ? c.off[i] : MM_PAGE_SIZE, prev_off = i > 0 ? c.off[i - 1] : 0;
	struct hdr h = off < MM_PAGE_SIZE ? hdr_read(m, pfn, off) : (struct hdr){0, 0, 0, 0};
	if (off != target || h.type == 0)
		return off != target ? bad_pool(err, va, MMM_POOL_NOT_BLOCK_START) : bad_pool(err, va, MMM_POOL_FREED_ALREADY);
	uint32_t tag = h.tag, freed = h.size * u;
	h.type = 0; /* the tag stays: !pool shows "(Free) Proc", as WinDbg does */
	/* merge with the next block, then with the previous one */
	uint32_t next = off + h.size * u;
	if (next < MM_PAGE_SIZE) {
		struct hdr n = hdr_read(m, pfn, next);
		if (n.type == 0) {
			hdr_write(m, pfn, next, (struct hdr){0, 0, 0, 0});
			h.size += n.size;
		}
	}
	if (off > 0) {
		struct hdr p = hdr_read(m, pfn, prev_off);
		if (p.type == 0) {
			hdr_write(m, pfn, off, (struct hdr){0, 0, 0, 0});
			p.size += h.size;
			off = prev_off;
			h = p;
		}
	}
	if (off == 0 && h.size == MM_PAGE_SIZE / u) { /* the whole page is free: it goes */
		MM_EMIT(m, EV_POOL_FREE, va, freed, tag, (uint64_t)t);
		unmap_pages(m, mm_page_base(va), 1);
		return 0;
	}
	hdr_write(m, pfn, off, h);
	next = off + h.size * u;
	if (next < MM_PAGE_SIZE) {
		struct hdr n = hdr_read(m, pfn, next);
		n.prev = h.size;
		hdr_write(m, pfn, next, n);
	}
	room_update(m, t, page);
	MM_EMIT(m, EV_POOL_FREE, va, freed, tag, (uint64_t)t);
	return 0;
}

int pool_page_blocks(const struct mm *m, uint64_t va, void (*fn)(void *, const struct pool_block *), void *ud,
		     struct pool_corrupt *bad)
{
	uint64_t page = 0;
	int t = region_of(m, va, &page);
	if (bad)
		*bad = (struct pool_corrupt){0};
	if (t < 0 || !bit(m->pool[t].used, page))
		return -1;
	if (!bit(m->pool[t].small, page)) {
		uint32_t b = big_at(m, va, true);
		if (!b)
			return -1;
		const struct pool_big *e = slab_at(&m->bigpool, b);
		struct pool_block blk = {e->va, mm_pages_bytes(e->pages), e->tag, true, true, (enum pool_type)e->type, 0};
		fn(ud, &blk);
		return 1;
	}
	uint32_t u = unit(m), pfn = frame_of(m, va);
	uint64_t base = mm_page_base(va);
	struct chain c;
	if (!chain_walk(m, t, base, pfn, &c) && bad) {
		bad->va = base + c.bad;
		memcpy(bad->why, c.why, sizeof bad->why);
	}
	for (int i = 0; i < c.n; i++) {
		struct hdr h = hdr_read(m, pfn, c.off[i]);
		struct pool_block blk = {base + c.off[i], (uint64_t)h.size * u, h.tag, h.type != 0, false,
					 (enum pool_type)t, h.prev * u};
		fn(ud, &blk);
	}
	return c.n;
}

struct each_ctx {
	void (*fn)(void *, const struct pool_block *);
	void *ud;
};

static void only_allocated(void *ud, const struct pool_block *b)
{
	struct each_ctx *c = ud;
	if (b->allocated && !b->big)
		c->fn(c->ud, b);
}

int pool_each(const struct mm *m, void (*fn)(void *, const struct pool_block *), void *ud)
{
	struct each_ctx c = {fn, ud};
	int corrupt = 0;
	for (int t = 0; t < 2; t++)
		for (uint64_t i = 0; i < m->pool[t].pages; i++)
			if (bit(m->pool[t].small, i)) {
				struct pool_corrupt bad;
				pool_page_blocks(m, m->pool[t].base + mm_pages_bytes(i), only_allocated, &c, &bad);
				corrupt += bad.va != 0;
			}
	for (uint32_t i = 1; i < m->bigpool.used; i++) {
		const struct pool_big *e = slab_at(&m->bigpool, i);
		if (e->pages) {
			struct pool_block blk = {e->va, mm_pages_bytes(e->pages), e->tag, true, true, (enum pool_type)e->type, 0};
			fn(ud, &blk);
		}
	}
	return corrupt;
}

uint64_t pool_bytes(const struct mm *m, enum pool_type t)
{
	return mm_pages_bytes(m->pool[t].in_use);
}

/* ---- invariants ---- */

#define FAIL(...) return (snprintf(buf, n, __VA_ARGS__), buf)

static const char *check_room(const struct mm *m, int t, char *buf, size_t n)
{
	const struct pool_region *r = &m->pool[t];
	for (uint64_t i = 0; i < r->pages; i++)
		if (r->room[0][i] && !bit(r->small, i))
			FAIL("Q1: %s page %#llx holds no small blocks but has room %u", t ? "paged pool" : "non-paged pool",
			     (unsigned long long)(r->base + mm_pages_bytes(i)), r->room[0][i]);
	for (int k = 1; k < r->room_levels; k++)
		for (uint64_t g = 0; g < r->room_len[k]; g++) {
			uint16_t max = 0;
			for (uint64_t i = g * ROOM_FAN; i < MM_MIN((g + 1) * ROOM_FAN, r->room_len[k - 1]); i++)
				max = MM_MAX(max, r->room[k - 1][i]);
			if (r->room[k][g] != max)
				FAIL("Q1: %s room level %d entry %llu is %u, its group's largest is %u",
				     t ? "paged pool" : "non-paged pool", k, (unsigned long long)g, r->room[k][g], max);
		}
	return NULL;
}

const char *pool_check(const struct mm *m, char *buf, size_t n)
{
	const char *r;
	for (int t = 0; t < 2; t++)
		if ((r = check_room(m, t, buf, n)) != NULL)
			return r;
	uint64_t count = 0, live = 0;
	if ((r = avl_check(m, &big_class, m->bigpool_by_va, "big-page tree", &count, buf, n)) != NULL)
		return r;
	for (uint32_t i = 1; i < m->bigpool.used; i++)
		live += ((const struct pool_big *)slab_at(&m->bigpool, i))->pages != 0;
	if (count != live)
		FAIL("Q2: %llu allocations in the big-page tree, %llu live in the table", (unsigned long long)count,
		     (unsigned long long)live);
	return NULL;
}
