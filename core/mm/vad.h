/*
 * vad.h — Virtual Address Descriptors: one per reservation (or view), kept
 * in a per-process AVL tree keyed by VPN range (docs/reference.md R-VAD).
 */
#ifndef MM_VAD_H
#define MM_VAD_H

#include "base/machine.h"

enum vad_type { VAD_PRIVATE, VAD_MAPPED, VAD_IMAGE, VAD_AWE, VAD_LARGE_PAGES, VAD_TYPE_COUNT };

/* What the region is used for (VMMap's type column; !address's usage). */
enum vad_usage { VUSE_DATA, VUSE_HEAP, VUSE_STACK, VUSE_TEB, VUSE_PEB, VUSE_IMAGE,
		 VUSE_MAPPED, VUSE_SHAREABLE, VUSE_SHARED_DATA, VUSE_COUNT };

#define VADF_MEM_COMMIT 0x01   /* MemCommit: committed at reservation time, PTEs may stay zero */
#define VADF_PRIVATE 0x02      /* PrivateMemory */
#define VADF_NO_CHANGE 0x04
#define VADF_LOCKED 0x08       /* some pages locked (VirtualLock) */
#define VADF_MAX_COMMIT 0x10   /* CommitCharge == MM_MAX_COMMIT: a special VAD that refuses commits */
#define VADF_LARGE_PAGES 0x20  /* LargePages: mapped by large directory entries (largepage.c) */

struct vad {
	uint64_t start, end;        /* VPNs, inclusive */
	uint64_t commit_charge;     /* pages charged for this VAD */
	uint32_t left, right, parent;
	uint32_t pid;
	uint8_t height;             /* AVL height, leaves 1 */
	uint8_t type;               /* enum vad_type */
	uint8_t protection;         /* MM code given at reservation */
	uint8_t flags;              /* VADF_* */
	uint8_t usage;              /* enum vad_usage */
	uint8_t pad[3];
	uint32_t object;            /* section / heap / thread the region belongs to, 0 none */
	uint64_t offset;            /* views: offset in the section, pages */
	uint64_t gap;               /* free pages just below this VAD (down to the previous VAD's end, or 0) */
	uint64_t gap_max;           /* the subtree's largest gap, in pages */
	uint64_t gap_max64;         /* the subtree's largest number of pages a 64 KB-aligned range may take in a gap */
};

/* The slabs of a process's address-space objects: VADs, and the heap
 * records heap.c keeps (struct mm_heap, struct mm_hblock in machine.h). */
int vad_init(struct mm *m);
void vad_fini(struct mm *m);

static inline struct vad *vad_at(const struct mm *m, uint32_t i) { return (struct vad *)slab_at(&m->vads, i); }

/* The VAD containing vpn, or 0. */
uint32_t vad_find(const struct mm *m, const struct proc *p, uint64_t vpn);
/* Some VAD overlapping [start, end], or 0. */
uint32_t vad_overlap(const struct mm *m, const struct proc *p, uint64_t start, uint64_t end);

/* Allocates and inserts a VAD; returns its index or 0 (err set: no host
 * memory for more VADs). Emits vad_insert. */
uint32_t vad_create(struct mm *m, struct proc *p, uint64_t start, uint64_t end, enum vad_type t,
		    int protection, uint8_t flags, struct mm_err *err);
void vad_delete(struct mm *m, struct proc *p, uint32_t idx);

/* The first VAD starting above vpn / the last starting below it, 0 none:
 * O(log n). */
uint32_t vad_above(const struct mm *m, const struct proc *p, uint64_t vpn);
uint32_t vad_below(const struct mm *m, const struct proc *p, uint64_t vpn);
uint32_t vad_first(const struct mm *m, const struct proc *p);
uint32_t vad_last(const struct mm *m, const struct proc *p);
uint32_t vad_next(const struct mm *m, uint32_t idx);
uint32_t vad_prev(const struct mm *m, uint32_t idx);
int vad_depth(const struct mm *m, const struct proc *p);

/* Finds a free, 64 KB-aligned range of `pages` between lo and hi (VAs,
 * inclusive hi), lowest first, or highest first for MEM_TOP_DOWN
 * (MiFindEmptyAddressRange). Returns 0 and the base, or -1 when none.
 * O(log n) in the number of VADs (the tree's gap summaries, vad.c). */
int vad_find_free(const struct mm *m, const struct proc *p, uint64_t pages, bool top_down,
		  uint64_t lo, uint64_t hi, uint64_t *base);
/* The same with another alignment (a power of two >= 4 KB): PEBs and TEBs
 * are placed at page granularity (MiCreatePebOrTeb). */
int vad_find_free_aligned(const struct mm *m, const struct proc *p, uint64_t pages, bool top_down,
			  uint64_t lo, uint64_t hi, uint64_t align, uint64_t *base);

/* Does [start, end] touch the 64 KB of KUSER_SHARED_DATA that 64-bit
 * systems keep inside the user range? */
bool vad_shared_data_conflict(const struct mm *m, uint64_t start, uint64_t end);

/* What a region is used for and the object it belongs to (a heap, a
 * thread), for !address and VMMap-style views. */
void vad_set_usage(struct mm *m, uint32_t idx, enum vad_usage u, uint32_t object);

/* Structural check for check.c: BST order, no overlaps, AVL balance,
 * heights, parent links, count. Returns NULL or a description. */
const char *vad_check(const struct mm *m, const struct proc *p, char *buf, size_t n);
/* One node, in O(1): a live VAD with start <= end, its height and AVL
 * balance from its children's heights (V2), and parent links that agree
 * with child links (V3). For MM_ASSERT only (types.h). */
bool vad_sanity(const struct mm *m, uint32_t idx);

const char *vad_type_name(enum vad_type t);
const char *vad_usage_name(enum vad_usage u);

#endif
