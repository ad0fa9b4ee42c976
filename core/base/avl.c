/*
 * avl.c — the journaled AVL tree over slab records (avl.h).
 *
 * Windows keeps its ordered sets in balanced trees (the VAD tree's
 * MM_AVL_TABLE, RTL_AVL_TABLE) so that a look-up costs O(log n) whatever
 * the number of records; the simulation's own indexes (a heap's blocks by
 * address and its free lists by size, the big-page pool table) need the
 * same so that one command's cost does not grow with the state
 * (docs/quality.md Q-PERF).
 *
 * The shape is the textbook one, written recursively: every insert and
 * remove rebuilds the path it walked bottom-up, each node recomputing its
 * height and its summary and rotating when its children's heights differ
 * by two. There are no parent links: the depth of a tree of 2^24 records
 * is at most 34, so the recursion is shallow, and a record keeps only two
 * links per tree. An augmented tree (a class with `fix`) keeps in each
 * node a summary of its subtree — the largest gap, a sum — which `fix`
 * recomputes from the node and its children's summaries; a node whose own
 * contribution changes is refreshed along its path with avl_refresh.
 *
 * Every link, height and summary is written with MM_SET*, which records
 * nothing when the value is unchanged (event.h J3), so a failed command
 * rolls a tree back exactly and stepping back restores it.
 *
 * Invariants (avl_check; the owners' checkers call it):
 *   A1. In-order traversal is strictly increasing in the class's order.
 *   A2. Every node's height is 1 + the larger of its children's; the
 *       children's heights differ by at most 1.
 */
#include "avl.h"

#include <stdio.h>

#include "machine.h"

#define L(i) (c->link(m, (i)))

static int height(const struct mm *m, const struct avl_class *c, uint32_t i)
{
	return i ? L(i)->height : 0;
}

static void set_left(struct mm *m, const struct avl_class *c, uint32_t i, uint32_t v)
{
	MM_SET32(m, &L(i)->left, v);
}

static void set_right(struct mm *m, const struct avl_class *c, uint32_t i, uint32_t v)
{
	MM_SET32(m, &L(i)->right, v);
}

/* Height and summary of i from its children's. */
static void update(struct mm *m, const struct avl_class *c, uint32_t i)
{
	int hl = height(m, c, L(i)->left), hr = height(m, c, L(i)->right);
	MM_SET8(m, &L(i)->height, (uint8_t)(1 + MM_MAX(hl, hr)));
	if (c->fix)
		c->fix(m, i);
}

static uint32_t rotate_left(struct mm *m, const struct avl_class *c, uint32_t x)
{
	uint32_t y = L(x)->right;
	set_right(m, c, x, L(y)->left);
	update(m, c, x);
	set_left(m, c, y, x);
	update(m, c, y);
	return y;
}

static uint32_t rotate_right(struct mm *m, const struct avl_class *c, uint32_t x)
{
	uint32_t y = L(x)->left;
	set_left(m, c, x, L(y)->right);
	update(m, c, x);
	set_right(m, c, y, x);
	update(m, c, y);
	return y;
}

/* Restores A2 at t after one of its subtrees changed height by at most
 * one; returns the subtree's new root. */
static uint32_t balance(struct mm *m, const struct avl_class *c, uint32_t t)
{
	update(m, c, t);
	uint32_t l = L(t)->left, r = L(t)->right;
	int bf = height(m, c, r) - height(m, c, l);
	if (bf > 1) {
		if (height(m, c, L(r)->left) > height(m, c, L(r)->right))
			set_right(m, c, t, rotate_right(m, c, r));
		return rotate_left(m, c, t);
	}
	if (bf < -1) {
		if (height(m, c, L(l)->right) > height(m, c, L(l)->left))
			set_left(m, c, t, rotate_left(m, c, l));
		return rotate_right(m, c, t);
	}
	return t;
}

static uint32_t insert_at(struct mm *m, const struct avl_class *c, uint32_t t, uint32_t i)
{
	if (!t)
		return i;
	if (c->cmp(m, i, t) < 0)
		set_left(m, c, t, insert_at(m, c, L(t)->left, i));
	else
		set_right(m, c, t, insert_at(m, c, L(t)->right, i));
	return balance(m, c, t);
}

void avl_insert(struct mm *m, const struct avl_class *c, uint32_t *root, uint32_t i)
{
	set_left(m, c, i, 0);
	set_right(m, c, i, 0);
	update(m, c, i);
	MM_SET32(m, root, insert_at(m, c, *root, i));
}

/* Takes the first node out of subtree t (*min gets it); returns the rest. */
static uint32_t remove_first(struct mm *m, const struct avl_class *c, uint32_t t, uint32_t *min)
{
	if (!L(t)->left) {
		*min = t;
		return L(t)->right;
	}
	set_left(m, c, t, remove_first(m, c, L(t)->left, min));
	return balance(m, c, t);
}

static uint32_t remove_at(struct mm *m, const struct avl_class *c, uint32_t t, uint32_t i)
{
	if (MM_NEVER(!t)) /* i is not in this tree: nothing to take out */
		return 0;
	if (t == i) {
		uint32_t l = L(t)->left, r = L(t)->right, s;
		if (!l || !r)
			return l ? l : r;
		r = remove_first(m, c, r, &s);
		set_left(m, c, s, l);
		set_right(m, c, s, r);
		return balance(m, c, s);
	}
	if (c->cmp(m, i, t) < 0)
		set_left(m, c, t, remove_at(m, c, L(t)->left, i));
	else
		set_right(m, c, t, remove_at(m, c, L(t)->right, i));
	return balance(m, c, t);
}

void avl_remove(struct mm *m, const struct avl_class *c, uint32_t *root, uint32_t i)
{
	MM_SET32(m, root, remove_at(m, c, *root, i));
}

void avl_refresh(struct mm *m, const struct avl_class *c, uint32_t root, uint32_t i)
{
	if (MM_NEVER(!root) || !c->fix)
		return;
	if (root != i)
		avl_refresh(m, c, c->cmp(m, i, root) < 0 ? L(root)->left : L(root)->right, i);
	c->fix(m, root);
}

uint32_t avl_first(const struct mm *m, const struct avl_class *c, uint32_t root)
{
	while (root && L(root)->left)
		root = L(root)->left;
	return root;
}

/* ---- invariants ---------------------------------------------------------- */

struct walk {
	const char *what;
	uint64_t count;
	uint32_t last;              /* the previous node in order, 0 none */
	char *buf;
	size_t n;
};

static const char *check_at(const struct mm *m, const struct avl_class *c, uint32_t t, struct walk *w, int depth)
{
	if (!t)
		return NULL;
	if (depth > 64)
		return snprintf(w->buf, w->n, "A2: %s: deeper than 64 (a cycle?)", w->what), w->buf;
	const struct avl_link *l = L(t);
	const char *r = check_at(m, c, l->left, w, depth + 1);
	if (r)
		return r;
	if (w->last && c->cmp(m, w->last, t) >= 0)
		return snprintf(w->buf, w->n, "A1: %s: record %u is not after record %u", w->what, t, w->last), w->buf;
	w->last = t;
	w->count++;
	int hl = height(m, c, l->left), hr = height(m, c, l->right);
	if (l->height != 1 + MM_MAX(hl, hr) || hl - hr > 1 || hr - hl > 1)
		return snprintf(w->buf, w->n, "A2: %s: record %u has height %d with children %d/%d", w->what, t,
				l->height, hl, hr), w->buf;
	return check_at(m, c, l->right, w, depth + 1);
}

const char *avl_check(const struct mm *m, const struct avl_class *c, uint32_t root, const char *what,
		      uint64_t *count, char *buf, size_t n)
{
	struct walk w = {.what = what, .buf = buf, .n = n};
	const char *r = check_at(m, c, root, &w, 1);
	*count = w.count;
	return r;
}
