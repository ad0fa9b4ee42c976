/*
 * avl.h — a journaled AVL tree whose nodes are slab records (slab.h): the
 * ordered indexes that keep a command's cost independent of how many
 * records exist (docs/quality.md Q-PERF). See avl.c for the design.
 *
 * A record that can be in a tree embeds a struct avl_link per tree; a
 * struct avl_class says where that link is in a record, how two records
 * are ordered, and, for an augmented tree, how a node's summary of its
 * subtree is recomputed. Roots live in simulated state (a record field),
 * and every link, height and summary changes through the journal, so a
 * tree steps back with everything else.
 */
#ifndef MM_AVL_H
#define MM_AVL_H

#include "types.h"

struct mm;

struct avl_link {
	uint32_t left, right;       /* record indexes, 0 = none */
	uint8_t height;             /* a leaf is 1 */
	uint8_t pad[3];
};

struct avl_class {
	/* The link of record i in this tree. */
	struct avl_link *(*link)(const struct mm *m, uint32_t i);
	/* The order: negative when a comes first. Two records in one tree are
	 * never equal, and a record's key does not change while it is in. */
	int (*cmp)(const struct mm *m, uint32_t a, uint32_t b);
	/* NULL, or recomputes record i's summary of its subtree from its own
	 * fields and its children's summaries (an augmented tree). */
	void (*fix)(struct mm *m, uint32_t i);
};

/* Links record i into the tree at *root (i is in no tree of this class). */
void avl_insert(struct mm *m, const struct avl_class *c, uint32_t *root, uint32_t i);
/* Unlinks record i, which is in the tree at *root. */
void avl_remove(struct mm *m, const struct avl_class *c, uint32_t *root, uint32_t i);
/* Record i, in the tree at root, changed what its summary depends on:
 * recomputes the summaries from i up to the root. */
void avl_refresh(struct mm *m, const struct avl_class *c, uint32_t root, uint32_t i);
/* The first record in order, 0 when the tree is empty. */
uint32_t avl_first(const struct mm *m, const struct avl_class *c, uint32_t root);

static inline uint32_t avl_left(const struct mm *m, const struct avl_class *c, uint32_t i)
{
	return c->link(m, i)->left;
}
static inline uint32_t avl_right(const struct mm *m, const struct avl_class *c, uint32_t i)
{
	return c->link(m, i)->right;
}

/* The structure of the tree at root for check.c: heights, balance and
 * order; *count gets the number of records. NULL when sound, else a
 * description in buf naming `what`. */
const char *avl_check(const struct mm *m, const struct avl_class *c, uint32_t root, const char *what,
		      uint64_t *count, char *buf, size_t n);

#endif
