/*
 * vad.c — the AVL tree of VADs (vad.h).
 *
 * Windows keeps VADs in a self-balancing AVL tree (MM_AVL_TABLE) so that
 * finding the VAD of a faulting address is O(log n). This tree stores an
 * explicit height per node rather than a balance factor: after an insert or
 * delete, every node from the change up to the root recomputes its height
 * and rebalances, which is short to write and easy to check. Every link and
 * height change goes through the journal, so the tree steps back like the
 * page tables do.
 *
 * Invariants (check.c: V1-V4):
 *   V1. In-order traversal is sorted by start, and ranges do not overlap.
 *   V2. Every node's height = 1 + max(children's heights); |balance| <= 1.
 *   V3. Parent links agree with child links; the root has parent 0.
 *   V4. The number of nodes equals the process's vad_count.
 */
#include "vad.h"

#include <stdio.h>

#define VAD_LIMIT (1u << 24)

#define HEAP_LIMIT (1u << 16)
#define HBLOCK_LIMIT (1u << 24)

int vad_init(struct mm *m)
{
	if (slab_init(&m->heaps, &m->alloc, sizeof(struct mm_heap), HEAP_LIMIT) < 0 ||
	    slab_init(&m->hblocks, &m->alloc, sizeof(struct mm_hblock), HBLOCK_LIMIT) < 0)
		return -1;
	return slab_init(&m->vads, &m->alloc, sizeof(struct vad), VAD_LIMIT);
}

void vad_fini(struct mm *m)
{
	slab_fini(&m->vads);
	slab_fini(&m->heaps);
	slab_fini(&m->hblocks);
}

void vad_set_usage(struct mm *m, uint32_t idx, enum vad_usage u, uint32_t object)
{
	MM_SET8(m, &vad_at(m, idx)->usage, (uint8_t)u);
	MM_SET32(m, &vad_at(m, idx)->object, object);
}

const char *vad_type_name(enum vad_type t)
{
	static const char *const n[VAD_TYPE_COUNT] = {"private", "mapped", "image", "awe", "large_pages"};
	return (unsigned)t < VAD_TYPE_COUNT ? n[t] : "?";
}

const char *vad_usage_name(enum vad_usage u)
{
	static const char *const n[VUSE_COUNT] = {"private_data", "heap", "stack", "teb", "peb",
						  "image", "mapped_file", "shareable", "shared_user_data"};
	return (unsigned)u < VUSE_COUNT ? n[u] : "?";
}

#define V(i) vad_at(m, (i))

static int h(const struct mm *m, uint32_t i) { return i ? V(i)->height : 0; }

bool vad_sanity(const struct mm *m, uint32_t idx)
{
	if (!slab_sanity(&m->vads, idx))
		return false;
	const struct vad *v = V(idx);
	int hl = h(m, v->left), hr = h(m, v->right);
	if (v->start > v->end || v->height != 1 + MM_MAX(hl, hr) || hl - hr > 1 || hr - hl > 1)
		return false;
	if ((v->left && V(v->left)->parent != idx) || (v->right && V(v->right)->parent != idx))
		return false;
	return !v->parent || V(v->parent)->left == idx || V(v->parent)->right == idx;
}

static void set_left(struct mm *m, uint32_t i, uint32_t c) { MM_SET32(m, &V(i)->left, c); }
static void set_right(struct mm *m, uint32_t i, uint32_t c) { MM_SET32(m, &V(i)->right, c); }
static void set_parent(struct mm *m, uint32_t i, uint32_t par)
{
	if (i)
		MM_SET32(m, &V(i)->parent, par);
}

static void update(struct mm *m, uint32_t i)
{
	int hl = h(m, V(i)->left), hr = h(m, V(i)->right);
	MM_SET8(m, &V(i)->height, (uint8_t)(1 + (hl > hr ? hl : hr)));
}

/* Puts v where u was under u's parent (or as the root). */
static void transplant(struct mm *m, struct proc *p, uint32_t u, uint32_t v)
{
	uint32_t par = V(u)->parent;
	if (!par)
		MM_SET32(m, &p->vad_root, v);
	else if (V(par)->left == u)
		set_left(m, par, v);
	else
		set_right(m, par, v);
	set_parent(m, v, par);
}

static uint32_t rotate_left(struct mm *m, struct proc *p, uint32_t x)
{
	uint32_t y = V(x)->right, b = V(y)->left;
	transplant(m, p, x, y);
	set_right(m, x, b);
	set_parent(m, b, x);
	set_left(m, y, x);
	set_parent(m, x, y);
	update(m, x);
	update(m, y);
	return y;
}

static uint32_t rotate_right(struct mm *m, struct proc *p, uint32_t x)
{
	uint32_t y = V(x)->left, b = V(y)->right;
	transplant(m, p, x, y);
	set_left(m, x, b);
	set_parent(m, b, x);
	set_right(m, y, x);
	set_parent(m, x, y);
	update(m, x);
	update(m, y);
	return y;
}

static uint32_t rebalance(struct mm *m, struct proc *p, uint32_t i)
{
	update(m, i);
	int bf = h(m, V(i)->right) - h(m, V(i)->left);
	if (bf > 1) {
		uint32_t r = V(i)->right;
		if (h(m, V(r)->left) > h(m, V(r)->right))
			rotate_right(m, p, r);
		return rotate_left(m, p, i);
	}
	if (bf < -1) {
		uint32_t l = V(i)->left;
		if (h(m, V(l)->right) > h(m, V(l)->left))
			rotate_left(m, p, l);
		return rotate_right(m, p, i);
	}
	return i;
}

static void retrace(struct mm *m, struct proc *p, uint32_t i)
{
	while (i) {
		i = rebalance(m, p, i);
		i = V(i)->parent;
	}
}

uint32_t vad_find(const struct mm *m, const struct proc *p, uint64_t vpn)
{
	uint32_t i = p->vad_root;
	while (i) {
		const struct vad *v = V(i);
		if (vpn < v->start)
			i = v->left;
		else if (vpn > v->end)
			i = v->right;
		else
			return i;
	}
	return 0;
}

uint32_t vad_overlap(const struct mm *m, const struct proc *p, uint64_t start, uint64_t end)
{
	uint32_t i = p->vad_root;
	while (i) {
		const struct vad *v = V(i);
		if (end < v->start)
			i = v->left;
		else if (start > v->end)
			i = v->right;
		else
			return i;
	}
	return 0;
}

uint32_t vad_create(struct mm *m, struct proc *p, uint64_t start, uint64_t end, enum vad_type t,
		    int protection, uint8_t flags, struct mm_err *err)
{
	MM_ASSERT(!p->vad_root || vad_sanity(m, p->vad_root));
	uint32_t n = slab_alloc(&m->vads, &m->hist);
	if (!n) {
		mm_fail(err, "STATUS_NO_MEMORY", -1, "no more VADs can be made (limit %u)", VAD_LIMIT);
		return 0;
	}
	struct vad *v = V(n);
	MM_SET64(m, &v->start, start);
	MM_SET64(m, &v->end, end);
	MM_SET64(m, &v->commit_charge, 0);
	MM_SET32(m, &v->left, 0);
	MM_SET32(m, &v->right, 0);
	MM_SET32(m, &v->parent, 0);
	MM_SET32(m, &v->pid, p->pid);
	MM_SET8(m, &v->height, 1);
	MM_SET8(m, &v->type, (uint8_t)t);
	MM_SET8(m, &v->protection, (uint8_t)protection);
	MM_SET8(m, &v->flags, flags);
	MM_SET8(m, &v->usage, VUSE_DATA);
	MM_SET32(m, &v->object, 0);
	MM_SET64(m, &v->offset, 0);
	uint32_t par = 0, cur = p->vad_root;
	while (cur) {
		par = cur;
		cur = start < V(cur)->start ? V(cur)->left : V(cur)->right;
	}
	set_parent(m, n, par);
	if (!par)
		MM_SET32(m, &p->vad_root, n);
	else if (start < V(par)->start)
		set_left(m, par, n);
	else
		set_right(m, par, n);
	retrace(m, p, par);
	MM_ASSERT(vad_sanity(m, n) && vad_sanity(m, p->vad_root));
	MM_SET32(m, &p->vad_count, p->vad_count + 1);
	MM_EMIT(m, EV_VAD_INSERT, start, end, p->pid, (uint64_t)protection);
	return n;
}

static uint32_t min_node(const struct mm *m, uint32_t i)
{
	while (i && V(i)->left)
		i = V(i)->left;
	return i;
}

static uint32_t max_node(const struct mm *m, uint32_t i)
{
	while (i && V(i)->right)
		i = V(i)->right;
	return i;
}

void vad_delete(struct mm *m, struct proc *p, uint32_t z)
{
	MM_ASSERT(vad_sanity(m, z));
	uint64_t s = V(z)->start, e = V(z)->end;
	uint32_t from;
	if (!V(z)->left || !V(z)->right) {
		uint32_t child = V(z)->left ? V(z)->left : V(z)->right;
		from = V(z)->parent;
		transplant(m, p, z, child);
	} else {
		uint32_t y = min_node(m, V(z)->right);
		from = V(y)->parent == z ? y : V(y)->parent;
		if (V(y)->parent != z) {
			transplant(m, p, y, V(y)->right);
			set_right(m, y, V(z)->right);
			set_parent(m, V(y)->right, y);
		}
		transplant(m, p, z, y);
		set_left(m, y, V(z)->left);
		set_parent(m, V(y)->left, y);
	}
	retrace(m, p, from);
	slab_release(&m->vads, &m->hist, z);
	MM_SET32(m, &p->vad_count, p->vad_count - 1);
	MM_EMIT(m, EV_VAD_REMOVE, s, e, p->pid, 0);
}

uint32_t vad_first(const struct mm *m, const struct proc *p) { return min_node(m, p->vad_root); }
uint32_t vad_last(const struct mm *m, const struct proc *p) { return max_node(m, p->vad_root); }

uint32_t vad_next(const struct mm *m, uint32_t i)
{
	if (V(i)->right)
		return min_node(m, V(i)->right);
	uint32_t par = V(i)->parent;
	while (par && V(par)->right == i) {
		i = par;
		par = V(par)->parent;
	}
	return par;
}

uint32_t vad_prev(const struct mm *m, uint32_t i)
{
	if (V(i)->left)
		return max_node(m, V(i)->left);
	uint32_t par = V(i)->parent;
	while (par && V(par)->left == i) {
		i = par;
		par = V(par)->parent;
	}
	return par;
}

int vad_depth(const struct mm *m, const struct proc *p)
{
	return h(m, p->vad_root);
}

static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

int vad_find_free(const struct mm *m, const struct proc *p, uint64_t pages, bool top_down,
		  uint64_t lo, uint64_t hi, uint64_t *base)
{
	return vad_find_free_aligned(m, p, pages, top_down, lo, hi, MM_ALLOC_GRANULARITY, base);
}

/* On 64-bit systems the KUSER_SHARED_DATA page (0x7FFE0000) lies inside
 * the user range, and its 64 KB are in use in every process (aspace.c
 * gives full processes a VAD there; a --bare process has none, so the
 * search steps around it all the same). */
static bool hits_shared_data(const struct mm *m, uint64_t base, uint64_t size)
{
	uint64_t s = m->lay.shared_user_data;
	return m->lay.highest_vad > s && base < s + MM_ALLOC_GRANULARITY && base + size > s;
}

static int find_free(const struct mm *m, const struct proc *p, uint64_t pages, bool top_down, uint64_t lo,
		     uint64_t hi, uint64_t G, uint64_t *base);

int vad_find_free_aligned(const struct mm *m, const struct proc *p, uint64_t pages, bool top_down,
			  uint64_t lo, uint64_t hi, uint64_t G, uint64_t *base)
{
	uint64_t s = m->lay.shared_user_data;
	if (find_free(m, p, pages, top_down, lo, hi, G, base) < 0)
		return -1;
	if (!hits_shared_data(m, *base, mm_pages_bytes(pages)))
		return 0;
	if (top_down)
		return s > lo ? find_free(m, p, pages, true, lo, s - 1, G, base) : -1;
	return find_free(m, p, pages, false, MM_MAX(lo, s + MM_ALLOC_GRANULARITY), hi, G, base);
}

bool vad_shared_data_conflict(const struct mm *m, uint64_t start, uint64_t end)
{
	return hits_shared_data(m, start, end - start + 1);
}

static int find_free(const struct mm *m, const struct proc *p, uint64_t pages, bool top_down, uint64_t lo,
		     uint64_t hi, uint64_t G, uint64_t *base)
{
	uint64_t size = mm_pages_bytes(pages);
	if (!top_down) {
		uint64_t cur = align_up(lo, G);
		for (uint32_t i = vad_first(m, p); i; i = vad_next(m, i)) {
			uint64_t vs = mm_page_address(V(i)->start), ve = mm_page_address(V(i)->end + 1) - 1;
			if (ve < cur)
				continue;
			if (vs > cur && vs - cur >= size)
				break;
			cur = align_up(ve + 1, G);
		}
		if (cur < lo || cur + size - 1 > hi || cur + size < cur)
			return -1;
		*base = cur;
		return 0;
	}
	uint64_t gap_hi = hi; /* the highest byte a region may occupy */
	for (uint32_t i = vad_last(m, p);;) {
		uint64_t gap_lo = lo, vs = 0;
		if (i) {
			vs = mm_page_address(V(i)->start);
			if (vs > gap_hi) { /* entirely above the window */
				i = vad_prev(m, i);
				continue;
			}
			gap_lo = MM_MAX(lo, mm_page_address(V(i)->end + 1));
		}
		if (gap_hi >= gap_lo && gap_hi - gap_lo + 1 >= size) {
			uint64_t cand = (gap_hi + 1 - size) & ~(G - 1);
			if (cand >= gap_lo) {
				*base = cand;
				return 0;
			}
		}
		if (!i || vs == 0 || vs - 1 < lo)
			return -1;
		gap_hi = vs - 1;
		i = vad_prev(m, i);
	}
}

static const char *check_node(const struct mm *m, uint32_t i, uint32_t par, uint64_t *count,
			      char *buf, size_t n)
{
	if (!i)
		return NULL;
	const struct vad *v = V(i);
	if (v->parent != par)
		return snprintf(buf, n, "V3: VAD %#llx-%#llx: parent link %u, expected %u",
				(unsigned long long)v->start, (unsigned long long)v->end, v->parent, par), buf;
	if (v->end < v->start)
		return snprintf(buf, n, "V1: VAD start %#llx after end %#llx", (unsigned long long)v->start,
				(unsigned long long)v->end), buf;
	int hl = h(m, v->left), hr = h(m, v->right);
	if (v->height != 1 + (hl > hr ? hl : hr) || hl - hr > 1 || hr - hl > 1)
		return snprintf(buf, n, "V2: VAD %#llx: height %d with children %d/%d",
				(unsigned long long)v->start, v->height, hl, hr), buf;
	(*count)++;
	const char *r = check_node(m, v->left, i, count, buf, n);
	return r ? r : check_node(m, v->right, i, count, buf, n);
}

const char *vad_check(const struct mm *m, const struct proc *p, char *buf, size_t n)
{
	uint64_t count = 0;
	const char *r = check_node(m, p->vad_root, 0, &count, buf, n);
	if (r)
		return r;
	if (count != p->vad_count)
		return snprintf(buf, n, "V4: %llu VADs in the tree, vad_count says %u", (unsigned long long)count,
				p->vad_count), buf;
	uint64_t prev_end = 0;
	bool first = true;
	for (uint32_t i = vad_first(m, p); i; i = vad_next(m, i)) {
		if (!first && V(i)->start <= prev_end)
			return snprintf(buf, n, "V1: VAD %#llx overlaps or precedes the one ending at %#llx",
					(unsigned long long)V(i)->start, (unsigned long long)prev_end), buf;
		prev_end = V(i)->end;
		first = false;
	}
	return NULL;
}
