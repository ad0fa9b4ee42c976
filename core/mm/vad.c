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
 * Each node also keeps the free gap just below its VAD (down to the end
 * of the previous one) and, for its subtree, the largest gap and the
 * largest range a 64 KB-aligned reservation could take in one. Finding
 * room for a reservation (MiFindEmptyAddressRange) then costs O(log n):
 * XP walks the VADs in order, which makes every VirtualAlloc slower with
 * every region; mmviz takes the same first fit (or last, top-down) but
 * skips every subtree whose summary says nothing fits (docs/quality.md
 * Q-PERF). A gap changes only when its VAD's predecessor does, so insert
 * and delete fix one neighbour's gap and the summaries on two paths.
 *
 * Invariants (check.c: V1-V5):
 *   V1. In-order traversal is sorted by start, and ranges do not overlap.
 *   V2. Every node's height = 1 + max(children's heights); |balance| <= 1.
 *   V3. Parent links agree with child links; the root has parent 0.
 *   V4. The number of nodes equals the process's vad_count.
 *   V5. Every node's gap is the free pages between its VAD and the one
 *       before it (0 for the first), and its summaries are its subtree's.
 */
#include "vad.h"
#include "mmmsg.h"

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

#define ALLOC_PAGES (MM_ALLOC_GRANULARITY / MM_PAGE_SIZE)

/* Pages a 64 KB-aligned range can take in the gap below v. */
static uint64_t gap64(const struct vad *v)
{
	uint64_t lo = (v->start - v->gap + ALLOC_PAGES - 1) & ~(uint64_t)(ALLOC_PAGES - 1);
	return v->start > lo ? v->start - lo : 0;
}

/* The subtree's summaries from i's own gap and its children's. */
static void summarise(struct mm *m, uint32_t i)
{
	struct vad *v = V(i);
	uint64_t max = v->gap, max64 = gap64(v);
	uint32_t kids[2] = {v->left, v->right};
	for (int k = 0; k < 2; k++)
		if (kids[k]) {
			max = MM_MAX(max, V(kids[k])->gap_max);
			max64 = MM_MAX(max64, V(kids[k])->gap_max64);
		}
	MM_SET64(m, &v->gap_max, max);
	MM_SET64(m, &v->gap_max64, max64);
}

static void update(struct mm *m, uint32_t i)
{
	int hl = h(m, V(i)->left), hr = h(m, V(i)->right);
	MM_SET8(m, &V(i)->height, (uint8_t)(1 + (hl > hr ? hl : hr)));
	summarise(m, i);
}

/* VAD i's gap is now the free pages above `below` (the previous VAD's
 * end + 1, or 0): its summaries and its ancestors' follow. */
static void set_gap(struct mm *m, uint32_t i, uint64_t below)
{
	MM_SET64(m, &V(i)->gap, V(i)->start - below);
	for (; i; i = V(i)->parent)
		summarise(m, i);
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

uint32_t vad_below(const struct mm *m, const struct proc *p, uint64_t vpn)
{
	uint32_t i = p->vad_root, best = 0;
	while (i) {
		if (V(i)->start < vpn)
			best = i, i = V(i)->right;
		else
			i = V(i)->left;
	}
	return best;
}

uint32_t vad_above(const struct mm *m, const struct proc *p, uint64_t vpn)
{
	uint32_t i = p->vad_root, best = 0;
	while (i) {
		if (V(i)->start > vpn)
			best = i, i = V(i)->left;
		else
			i = V(i)->right;
	}
	return best;
}

uint32_t vad_create(struct mm *m, struct proc *p, uint64_t start, uint64_t end, enum vad_type t,
		    int protection, uint8_t flags, struct mm_err *err)
{
	MM_ASSERT(!p->vad_root || vad_sanity(m, p->vad_root));
	uint32_t n = slab_alloc(&m->vads, &m->hist);
	if (!n) {
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, MMM_VAD_LIMIT, VAD_LIMIT);
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
	uint32_t prev = vad_below(m, p, start);
	MM_SET64(m, &v->gap, start - (prev ? V(prev)->end + 1 : 0));
	summarise(m, n);
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
	uint32_t next = vad_next(m, n);
	if (next)
		set_gap(m, next, end + 1);
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
	uint32_t from, next = vad_next(m, z);
	if (next) /* its gap now reaches down to z's */
		set_gap(m, next, V(z)->start - V(z)->gap);
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

/* One search for room: size bytes aligned to G inside [lo, hi_end). */
struct room {
	uint64_t lo, hi_end, size, G;
	bool top_down;
};

/* The lowest (top-down: highest) place for the range in the free gap
 * [gs, ge), or false. */
static bool fits(const struct room *q, uint64_t gs, uint64_t ge, uint64_t *base)
{
	uint64_t a = MM_MAX(gs, q->lo), b = MM_MIN(ge, q->hi_end);
	if (b <= a || b - a < q->size)
		return false;
	uint64_t x = q->top_down ? (b - q->size) & ~(q->G - 1) : align_up(a, q->G);
	if (x < a || x > b - q->size)
		return false;
	*base = x;
	return true;
}

/* The subtree's largest gap in pages, as far as alignment G lets a range
 * use it: exact for pages and 64 KB, an upper bound for any other G. */
static uint64_t room_max(const struct vad *v, uint64_t G)
{
	return G == MM_ALLOC_GRANULARITY ? v->gap_max64 : v->gap_max;
}

/* The first (top-down: last) VAD of subtree t whose gap holds the range;
 * the subtree's gaps lie inside [low, high). Subtrees outside the window
 * or whose summary is too small are skipped, so only the two paths along
 * the window's edges are walked besides the one that leads to the gap. */
static uint32_t search(const struct mm *m, const struct room *q, uint32_t t, uint64_t low, uint64_t high,
		       uint64_t *base)
{
	if (!t || high <= q->lo || low >= q->hi_end || room_max(V(t), q->G) < mm_bytes_pages(q->size))
		return 0;
	const struct vad *v = V(t);
	uint64_t s = mm_page_address(v->start), gs = mm_page_address(v->start - v->gap), e = mm_page_address(v->end + 1);
	uint32_t r;
	if (!q->top_down) {
		if ((r = search(m, q, v->left, low, gs, base)) != 0 || fits(q, gs, s, base))
			return r ? r : t;
		return search(m, q, v->right, e, high, base);
	}
	if ((r = search(m, q, v->right, e, high, base)) != 0 || fits(q, gs, s, base))
		return r ? r : t;
	return search(m, q, v->left, low, gs, base);
}

static int find_free(const struct mm *m, const struct proc *p, uint64_t pages, bool top_down, uint64_t lo,
		     uint64_t hi, uint64_t G, uint64_t *base)
{
	struct room q = {.lo = lo, .hi_end = hi + 1, .size = mm_pages_bytes(pages), .G = G, .top_down = top_down};
	uint32_t last = vad_last(m, p);
	uint64_t tail = last ? mm_page_address(V(last)->end + 1) : 0; /* the free space above every VAD */
	if (top_down && fits(&q, tail, UINT64_MAX, base))
		return 0;
	if (search(m, &q, p->vad_root, 0, UINT64_MAX, base))
		return 0;
	return !top_down && fits(&q, tail, UINT64_MAX, base) ? 0 : -1;
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
	uint64_t max = v->gap, max64 = gap64(v);
	if (v->left)
		max = MM_MAX(max, V(v->left)->gap_max), max64 = MM_MAX(max64, V(v->left)->gap_max64);
	if (v->right)
		max = MM_MAX(max, V(v->right)->gap_max), max64 = MM_MAX(max64, V(v->right)->gap_max64);
	if (v->gap_max != max || v->gap_max64 != max64)
		return snprintf(buf, n, "V5: VAD %#llx: gap summaries %#llx/%#llx, its subtree's are %#llx/%#llx",
				(unsigned long long)v->start, (unsigned long long)v->gap_max,
				(unsigned long long)v->gap_max64, (unsigned long long)max, (unsigned long long)max64),
		       buf;
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
		if (V(i)->gap != V(i)->start - (first ? 0 : prev_end + 1))
			return snprintf(buf, n, "V5: VAD %#llx: gap %#llx pages, the free space below it is %#llx",
					(unsigned long long)V(i)->start, (unsigned long long)V(i)->gap,
					(unsigned long long)(V(i)->start - (first ? 0 : prev_end + 1))), buf;
		prev_end = V(i)->end;
		first = false;
	}
	return NULL;
}
