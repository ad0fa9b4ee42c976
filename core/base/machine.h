/*
 * machine.h — the simulated machine as one object: every
 * core function takes struct mm * first; there is no global mutable state,
 * so tests build two machines side by side and `reset` is mm_free + mm_new.
 *
 * This header is internal to core/. The TUI reads the machine only through
 * mm.h's query functions.
 *
 * Memory ownership: everything reachable from struct mm is owned by it and
 * released by mm_free. The big arrays (PFN database, group summaries, TLB,
 * process table) are allocated once at boot so that the hot paths never
 * allocate and the journal may point into them (event.h, J1). Objects whose
 * number varies (VADs, page-file copies) live in chunked slabs that never
 * move; the frames' bytes live in an arena reserved at boot that grows in
 * place (struct physmem_ram).
 */
#ifndef MM_MACHINE_H
#define MM_MACHINE_H

#include "alloc.h"
#include "avl.h"
#include "config.h"
#include "event.h"
#include "slab.h"
#include "types.h"

/* ---- paging modes ---------------------------------------------------- */

#define MM_MAX_LEVELS 4

struct arch {
	enum mm_arch id;
	const char *name;
	int levels;                 /* 2 (x86), 3 (PAE), 4 (x64) */
	int pte_size;               /* 4 or 8 bytes */
	int shift[MM_MAX_LEVELS];   /* VA bit where each level's index starts, outermost first */
	int bits[MM_MAX_LEVELS];    /* index width per level */
	const char *level_name[MM_MAX_LEVELS]; /* "pxe","ppe","pde","pte" ... */
	unsigned large_levels;      /* bit L set: level L entries may map a large page (PS) */
	int va_bits;                /* 32 or 48 */
	int pfn_bits;               /* width of the PFN field in a hardware PTE */
	bool nx;                    /* PAE and x64 have the NX bit (63) */
	uint64_t self_base[MM_MAX_LEVELS]; /* self-map base per level: PXE/PPE/PDE/PTE_BASE */
	uint32_t self_index;        /* top-level slot that points at the table itself */
	unsigned psc_levels;        /* bit L set: the CPU caches level-L entries that point at a table (hw/psc.c) */
};

/* Address-space layout constants shown by `machine` (docs/reference.md R-LAYOUT). */
struct layout {
	uint64_t lowest_user;       /* 0x10000 */
	uint64_t highest_user;      /* MmHighestUserAddress */
	uint64_t user_probe;        /* MmUserProbeAddress: start of the 64 KB no-access gap */
	uint64_t highest_vad;       /* highest address a VAD may end at */
	uint64_t system_range_start;/* MmSystemRangeStart */
	uint64_t shared_user_data;  /* 0x7FFE0000, the user view of KUSER_SHARED_DATA */
	uint64_t kernel_shared_data;/* the kernel view (0xFFDF0000 / 0xFFFFF78000000000) */
	uint32_t large_levels;      /* the large pages Windows maps (bit per level): no 1 GB before Windows 10, none under /3GB */
};

/* ---- the PFN database ------------------------------------------------- */

/* Page locations (MMLISTS, docs/reference.md R-PFN-LISTS); the order is Windows'. */
enum pfn_loc {
	PFN_ZEROED, PFN_FREE, PFN_STANDBY, PFN_MODIFIED, PFN_MODIFIED_NO_WRITE,
	PFN_BAD, PFN_ACTIVE, PFN_TRANSITION, PFN_LOC_COUNT
};

/* What a frame is used for (RAMMap's "Use" column). */
enum pfn_use {
	USE_NONE, USE_PRIVATE, USE_PAGE_TABLE, USE_SYSTEM, USE_SHARED_DATA,
	USE_MAPPED, USE_IMAGE, USE_PAGED_POOL, USE_NONPAGED_POOL, USE_SHAREABLE, USE_COUNT
};

/* One MMPFN, 40 bytes (docs/quality.md Q-PERF: <= 40 host bytes per frame). u1 and u2
 * overlay as in Windows: list links while on a list, working-set index and
 * share count while active.
 *
 * A booted entry is all zero bytes (mm/pfn.c, F6), so that the database of
 * a 64 GiB machine is a fresh zero mapping nobody has to write at boot:
 * list links are stored relative to the entry's own number, the standby
 * priority relative to the default, and pte_frame and owner plus one (none
 * is 0). Read them through pfn.h (pfn_flink, pfn_blink, pfn_priority,
 * pfn_pte_frame, pfn_owner); only mm/pfn.c writes them. */
struct pfn {
	uint64_t pte_address;       /* VA of the PTE that maps the page (self-map or prototype) */
	uint64_t original_pte;      /* the invalid PTE to restore when the page leaves memory */
	uint32_t u1;                /* flink ^ (pfn + 1) | ws_index */
	uint32_t u2;                /* blink ^ (pfn - 1) | share_count */
	uint32_t pte_frame_enc;     /* PFN of the page table holding pte_address, + 1 (0 = none) */
	uint32_t owner_enc;         /* pid + 1 (1 = system, 0 = nobody) */
	uint16_t reference_count;
	uint16_t flags;             /* PFNF_* below */
	/* 4 bytes of padding: the frame's bytes are not found through its
	 * entry but at the same index in the RAM arena (struct physmem_ram) */
};

#define PFN_OWNER_NONE UINT32_MAX
#define PFNF_LOC_MASK 0x0007u
#define PFNF_MODIFIED 0x0008u
#define PFNF_READ_IN_PROGRESS 0x0010u
#define PFNF_WRITE_IN_PROGRESS 0x0020u
#define PFNF_PROTOTYPE 0x0040u
#define PFNF_PRIO_SHIFT 7           /* 3 bits: standby priority 0-7, xor the default */
#define PFNF_PRIO_MASK 0x0380u
#define PFNF_USE_SHIFT 10           /* 4 bits: enum pfn_use */
#define PFNF_USE_MASK 0x3c00u
#define PFNF_DELETED 0x4000u        /* PteAddress bit 0 in Windows: no PTE owns it any more */
#define PFN_DEFAULT_PRIORITY 5      /* Vista+ default for normal apps (docs/reference.md R-PFN-LISTS) */

/* RAM contents (hw/physmem.c): frame f's bytes are at base + f * 4 KB, in
 * address space reserved at boot and never moved (event.h, J1). The arena
 * grows a chunk (512 frames, 2 MiB) at a time: in 4 KB host pages for the
 * first frame written into it, in one huge page once a second frame is
 * written; a frame not written reads as zero and costs nothing. Host
 * bookkeeping, not simulated state: a chunk stays grown when the write
 * that grew it is undone. */
#define PHYSMEM_CHUNK_MANY 0xFFFFu  /* a chunk with several frames written: all backed */
struct physmem_ram {
	uint8_t *base;
	size_t size;                /* bytes of address space (whole chunks) */
	uint16_t *chunk;            /* per chunk: 0 = not grown, 1 + the one frame written, or PHYSMEM_CHUNK_MANY */
	uint32_t nchunks;
	int chunk_shift;            /* frames per chunk = 1 << chunk_shift */
	bool whole;                 /* an injected allocator: one block of it, taken at the first write */
};

struct pfn_list {
	uint32_t head, tail;        /* MM_PFN_NONE when empty */
	uint64_t total;
};

#define MM_STANDBY_PRIOS 8
#define MM_SUMMARY_GROUPS_MAX 4096

/* ---- page files --------------------------------------------------------- */

struct pagefile {
	uint64_t size;              /* pages */
	uint64_t free;              /* free slots */
	uint64_t in_use;
	uint64_t peak;
	uint64_t *bitmap;           /* set = in use; bit 0 always set (offset 0 is never valid) */
	uint32_t *content;          /* physmem slot per page-file page, 0 = zero */
	uint64_t hint;              /* where the next search for a free slot starts (journaled) */
};

/* ---- TLB ---------------------------------------------------------------- */

#define TLB_WAYS 4
#define TLBF_VALID 0x01u
#define TLBF_GLOBAL 0x02u
#define TLBF_WRITE 0x04u        /* hardware R/W set in the cached PTE (dirty on MP kernels) */
#define TLBF_USER 0x08u
#define TLBF_NX 0x10u
#define TLBF_LARGE 0x20u

struct tlb_entry {
	uint64_t vpn;
	uint32_t pfn;
	uint16_t flags;
	uint16_t pad;
};

/* ---- paging-structure caches (hw/psc.c, docs/reference.md R-PSC) ------- */

#define PSC_WAYS 4
#define PSC_MAX_SETS 8              /* the PDE cache's at most: 32 entries */
#define PSC_LEVELS (MM_MAX_LEVELS - 1) /* the levels above the leaf: PML4E, PDPTE, PDE on x64 */
#define PSCF_VALID 0x01u            /* the other flag bits are the rights: TLBF_WRITE, TLBF_USER, TLBF_NX */

/* One cached upper-level entry: the table it points at, found by the VA
 * bits it translates, with the rights of the levels down to it. */
struct psc_entry {
	uint64_t tag;               /* va >> shift[level]: the bits the levels down to this one translate */
	uint32_t table;             /* PFN of the table below: where a walk that hits goes on */
	uint32_t src[PSC_LEVELS - 1]; /* the tables of levels 1 .. level it was read through (level 0: CR3) */
	uint16_t flags;             /* PSCF_VALID | rights */
	uint16_t pad;
};

struct psc {
	struct psc_entry e[PSC_LEVELS][PSC_MAX_SETS * PSC_WAYS]; /* per level: sets of PSC_WAYS ways */
	uint8_t sets[PSC_LEVELS];   /* set at boot; 0: the mode caches no entries of this level */
	uint8_t next[PSC_LEVELS][PSC_MAX_SETS]; /* round-robin victim per set */
	uint8_t pad[5];
	uint64_t frames;            /* bit (pfn % 64) of CR3 and of every table a valid entry was read from; 0: empty (psc.c, PSC2) */
};

/* ---- processes ----------------------------------------------------------- */

#define MM_MAX_PROCS 64
#define MM_MAX_HANDLES 64          /* per process (section.c) */
#define MM_PID_SYSTEM 4
#define MM_MAX_THREADS 16

/* A thread as the memory manager sees it: its TEB and the three stack
 * fields of the TEB that stack growth uses (NT_TIB.StackBase, StackLimit,
 * TEB.DeallocationStack; docs/reference.md R-GUARD-STACK, R-THREAD-STACK). stack.c writes the same
 * values into the simulated TEB, so `dq` shows them too. */
struct mm_thread {
	uint32_t tid;               /* 0 = slot unused; tids come from the pid counter (client ids) */
	uint32_t pad;
	uint64_t teb;
	uint64_t stack_base;        /* top of the stack, exclusive */
	uint64_t stack_limit;       /* lowest committed stack page that is not a guard page */
	uint64_t deallocation_stack;/* base of the stack's reservation (never committed) */
};

#define PRIV_LOCK_MEMORY 0x1u      /* SeLockMemoryPrivilege (`process create --lock-memory`) */

struct proc {
	uint32_t pid;               /* 0 = slot unused */
	uint32_t alive;
	char name[32];              /* written only in a slot that was unused: see process.c */
	uint32_t cr3;               /* PFN of the top-level table (DirectoryTableBase) */
	uint32_t pae_pd[4];         /* PAE: the four page directories */
	uint32_t vad_root;          /* slab index of the AVL root, 0 = empty */
	uint32_t vad_count;
	uint64_t ws_size;           /* pages in the working set */
	uint64_t ws_peak;
	uint64_t ws_min, ws_max;
	uint64_t commit_private;    /* private committed pages charged */
	uint64_t commit_page_tables;/* user page-table pages charged */
	uint64_t commit_fixed;      /* the per-process creation charge */
	uint64_t page_tables;       /* page-table pages (incl. the top level) */
	uint64_t fault_count;       /* MMSUPPORT.PageFaultCount (mm/counters.c) */
	uint64_t hard_fault_count;  /* in-page reads for it: SYSTEM_PROCESS_INFORMATION.HardFaultCount */
	uint64_t large_pages;       /* frames mapped by its large user pages (mm/largepage.c) */
	uint32_t privileges;        /* PRIV_* its token holds */
	uint32_t ws_first;          /* working set list: first WSLE (wsmgr.c), 0 = empty */
	uint32_t ws_hand;           /* the trimmer's clock hand, 0 = start at ws_first */
	uint32_t handle[MM_MAX_HANDLES]; /* handle table: (kind << 24) | (index + 1), 0 = free */
	uint64_t private_pages;     /* resident private pages */
	/* the user-mode layout of a full process (aspace.c, stack.c, heap.c) */
	uint64_t peb;               /* 0: a --bare process has none */
	uint64_t process_heap;      /* PEB.ProcessHeap, 0: none */
	uint32_t heap_first;        /* the process's heaps: slab index list (heap.c), 0 = none */
	uint32_t heap_by_base;      /* root: the same heaps by handle (heap.c) */
	uint32_t nheaps;
	uint32_t nthreads;
	struct mm_thread thread[MM_MAX_THREADS];
};

/* ---- heaps (heap.c) ------------------------------------------------------ */

/* ntdll's heap bookkeeping, kept beside the simulated memory so that it
 * steps back with the journal; the block headers are also written into
 * the heap's pages (heap.c's essay). */
#define MM_HEAP_SEGMENTS 16
#define MM_HEAP_FREELISTS 128       /* HEAP_MAXIMUM_FREELISTS: FreeLists[1..127] by size, [0] the larger */

struct mm_heap {
	uint64_t base;              /* the handle: the HEAP structure at the start of segment 0 */
	uint64_t max_size;          /* HeapCreate's dwMaximumSize (page-rounded), 0 = growable */
	uint64_t segment_reserve;   /* reservation of the next segment (grows as segments are added) */
	uint64_t total_free;        /* bytes in free blocks (HEAP.TotalFreeSize) */
	uint64_t seg_base[MM_HEAP_SEGMENTS];
	uint64_t seg_end[MM_HEAP_SEGMENTS];  /* end of each segment's reservation, exclusive */
	uint32_t pid;
	uint32_t next;              /* the process's next heap, 0 = none */
	uint32_t first;             /* blocks inside segments, by address, 0 = none */
	uint32_t big;               /* blocks with their own VirtualAlloc, 0 = none */
	uint32_t nsegments;
	uint32_t flags;             /* HEAPF_* (heap.h) */
	uint32_t by_address;        /* root: the blocks inside segments by address (heap_block.c) */
	uint32_t big_by_address;    /* root: the big blocks by address */
	uint32_t free_lists[MM_HEAP_FREELISTS]; /* roots: FreeLists[k], free blocks of k granules; [0] larger ones */
	uint32_t free_in_use[MM_HEAP_FREELISTS / 32]; /* FreeListsInUse: bit k set = FreeLists[k] not empty */
	struct avl_link by_base;    /* in the process's heap_by_base tree */
};

struct mm_hblock {
	uint64_t va;                /* the HEAP_ENTRY (big blocks: the region's base) */
	uint64_t size;              /* bytes including the header (big blocks: the region's size) */
	uint64_t request;           /* busy blocks: the bytes asked for */
	uint64_t gap_max;           /* address tree: the largest uncommitted range after a block of the subtree */
	uint64_t gap_bytes;         /* address tree: the bytes of those ranges, */
	uint32_t gap_count;         /* and how many there are */
	uint32_t next, prev;        /* address order in the heap's list, 0 = none */
	uint32_t heap;              /* slab index of the heap */
	struct avl_link by_address; /* in the heap's by_address (or big_by_address) tree */
	struct avl_link free_list;  /* free blocks: in the heap's free list of their size */
	uint8_t busy;
	uint8_t seg;                /* segment index (big blocks: 0xff) */
	uint8_t pad[6];
};

/* ---- pools (pool.c) --------------------------------------------------------- */

#define POOL_ROOM_LEVELS 5          /* 64^5 pages: more than any pool region */

struct pool_region {
	uint64_t base;              /* first VA of the pool */
	uint64_t pages;             /* how many pages the region may span */
	uint64_t *used;             /* journaled bitmap: the page is mapped */
	uint64_t *small;            /* journaled bitmap: the page holds small blocks with headers */
	uint64_t in_use;            /* pages mapped */
	uint64_t hint;              /* where the next search starts */
	/* journaled: room[0][page] = the largest free block of a small page, in
	 * header units (0: none); room[k][g] = the largest of room[k-1][64g ..
	 * 64g+63]. The top level has at most 64 entries (pool.c). */
	uint16_t *room[POOL_ROOM_LEVELS];
	uint64_t room_len[POOL_ROOM_LEVELS];
	int room_levels;
};

struct pool_big {                /* PoolBigPageTable entry */
	uint64_t va;
	uint64_t pages;
	uint32_t tag;
	uint32_t type;
	struct avl_link by_va;      /* in the machine's big-page tree (bigpool_by_va) */
};

struct pool_own {                /* a block the memory manager allocated for itself */
	uint64_t va;                /* its header (a big block: its first byte); 0 = a free entry */
	uint64_t end;               /* the byte after it */
};

/* ---- files, sections, handles (section.c) ------------------------------------ */

#define MM_MAX_FILES 64
#define MM_MAX_SECTIONS 128
#define MM_MAX_SECTION_OBJECTS 128

struct sim_file {
	uint32_t alive;
	_Alignas(8) char name[32];  /* journaled, word by word (so 8-aligned) */
	uint64_t pages;
	uint32_t *content;          /* a physmem handle per page; 0 = the file's own contents (pattern) */
	uint32_t data_section;      /* section index + 1 of its data control area, 0 = none */
};

enum section_kind { SECTION_PAGEFILE, SECTION_FILE, SECTION_IMAGE };

struct section {                 /* a control area with its segment */
	uint32_t alive;
	uint32_t kind;              /* enum section_kind */
	uint32_t file;              /* file index + 1 (file-backed) */
	uint32_t protection;        /* MM code the section was created with */
	uint64_t pages;
	uint64_t proto_va;          /* the prototype PTEs, in paged pool (tag MmSt) */
	uint64_t ca_va;             /* the control area, in non-paged pool (tag MmCa) */
	uint32_t views;             /* NumberOfMappedViews */
	uint32_t refs;              /* section objects on it, or the loader's cache (NumberOfSectionReferences) */
	uint64_t commit;            /* pages charged: all at creation (SEC_COMMIT), or as views commit them (SEC_RESERVE) */
	uint32_t reserve;           /* SEC_RESERVE (page-file-backed): prototype PTEs zero until committed */
	uint32_t pad;
	_Alignas(8) char name[32];  /* the name of the section object that made it, for display (8-aligned: journaled as words) */
	uint8_t *page_prot;         /* image sections: each page's MM protection (arena, fixed at creation) */
	uint32_t image;             /* image sections: index + 1 into the machine's image definitions */
	uint64_t image_commit;      /* image sections: writable (copy-on-write) pages (ImageCommitment) */
};

/* A section object (SECTION): what CreateFileMapping makes and a handle
 * names. Several may share one control area (every CreateFileMapping of
 * one file makes its own, with its own protection and size). */
struct section_object {
	uint32_t control_area;      /* m->section index + 1; 0 = free */
	uint32_t protection;        /* MM code it was created with (InitialPageProtection) */
	uint32_t refs;              /* handles open on it */
	uint32_t pad;
	uint64_t pages;             /* its size (SizeOfSection) in pages */
	_Alignas(8) char name[32];  /* named objects: OpenFileMapping finds them (journaled word by word) */
};

/* An image (a PE file) the loader can map: built in, or defined by a
 * scenario's "images" block (image.c). */
#define MM_MAX_IMAGE_SECTIONS 8
struct image_def {
	char name[32];
	uint64_t base;              /* preferred base for this machine */
	int nsec;
	struct {
		char name[9];
		uint32_t pages;
		int protection;     /* MM code */
		bool fixups;        /* holds relocation fix-ups */
	} sec[MM_MAX_IMAGE_SECTIONS];
};
#define MM_MAX_IMAGES 32

/* ---- counters (mm/counters.c) ---------------------------------------------- */

/* The WRK's MMINFO_COUNTERS (MmInfoCounters), in its order. */
enum mminfo {
	MMINFO_PAGE_FAULT, MMINFO_COPY_ON_WRITE, MMINFO_TRANSITION, MMINFO_DEMAND_ZERO,
	MMINFO_PAGE_READ, MMINFO_PAGE_READ_IO, MMINFO_DIRTY_PAGES_WRITE, MMINFO_DIRTY_WRITE_IO,
	MMINFO_MAPPED_PAGES_WRITE, MMINFO_MAPPED_WRITE_IO, MMINFO_COUNT
};

/* ---- the machine ---------------------------------------------------------- */

struct mm_block {                /* a host array and its size (for the allocator) */
	void *p;
	size_t size;
};

struct mm {
	struct mm_config cfg;
	struct mm_alloc alloc;                        /* the host allocator (cfg.alloc or the default) */
	const struct arch *arch;
	struct layout lay;
	struct hist hist;

	/* physical memory */
	uint32_t npages;
	struct pfn *pfn;
	struct pfn_list list[PFN_LOC_COUNT];          /* ZEROED..BAD used; ACTIVE/TRANSITION hold totals only */
	struct pfn_list standby[MM_STANDBY_PRIOS];    /* standby by priority; list[PFN_STANDBY].total = sum */
	uint64_t use_count[USE_COUNT];
	int group_shift;                              /* frames per summary group = 1 << group_shift */
	uint32_t ngroups;
	uint32_t (*groups)[PFN_LOC_COUNT];            /* per-group counts by location */
	struct physmem_ram ram;                       /* the frames' bytes (hw/physmem.c) */
	struct slab physmem;                          /* 4 KB copies of pages outside RAM: page-file slots, file pages */
	uint32_t shared_data_pfn;                     /* KUSER_SHARED_DATA */

	/* commit */
	uint64_t commit_total, commit_limit, commit_peak;

	/* page files */
	int npagefiles;
	struct pagefile pagefile[MM_MAX_PAGEFILES];

	/* CPU */
	int tlb_sets;
	int large_shift;                              /* VA bits a large page spans (PDE level) */
	struct tlb_entry *tlb;                        /* tlb_sets * TLB_WAYS */
	uint8_t *tlb_next;                            /* round-robin victim per set */
	struct psc psc;                               /* the paging-structure caches (hw/psc.c) */
	uint32_t cur;                                 /* index of the current process */
	uint64_t cr3_pa;

	/* processes and address spaces */
	struct proc proc[MM_MAX_PROCS];
	uint32_t next_pid;
	uint32_t next_tid;                            /* stack.c: thread ids (0: none given yet) */
	struct slab vads;
	struct slab wsles;                            /* working set list entries (wsmgr.c) */
	uint64_t ws_maximum;                          /* MmMaximumWorkingSetSize, pages (set at boot, wsmgr.c) */
	struct pool_region pool[2];                   /* non-paged, paged (pool.c) */
	struct slab bigpool;                          /* big pool allocations */
	uint32_t bigpool_by_va;                       /* root: the live ones by address (pool.c) */
	struct slab poolown;                          /* the memory manager's own pool blocks */
	uint64_t commit_system;                       /* commit charged to the system (pool, sections) */
	struct sim_file file[MM_MAX_FILES];           /* the simulated disk (section.c) */
	struct section section[MM_MAX_SECTIONS];
	struct section_object secobj[MM_MAX_SECTION_OBJECTS]; /* section.c */
	struct image_def image[MM_MAX_IMAGES];        /* not journaled: defined before any command */
	int nimages;
	struct mm_block *arena;                       /* host arrays that live as long as the machine */
	size_t narena, caparena;
	uint64_t arena_next;                          /* journaled: arena blocks the history has handed out (section.c) */
	uint64_t ticks;                               /* balance set manager passes (simulated seconds) */
	uint64_t mapped_writer_due;                   /* tick at which MiModifiedPageWriterTimer fires; 0 = not set (pfn.c) */
	struct slab heaps;                            /* struct mm_heap (made in vad_init) */
	struct slab hblocks;                          /* struct mm_hblock */

	/* statistics (journaled like the rest, so they step back too) */
	uint64_t stat_faults[16];
	uint64_t stat_tlb_hits, stat_tlb_misses;
	uint64_t info[MMINFO_COUNT];                  /* MmInfoCounters, since boot */
	uint64_t info_start[MMINFO_COUNT];            /* their values when the last interval began (counters.c) */
	uint64_t info_end[MMINFO_COUNT];              /* ... and when it ended (the last `tick`) */
	uint64_t info_seconds;                        /* its length in simulated seconds; 0: no interval yet */
#ifdef MM_DEBUG
	uint64_t work;                                /* the test build: steps of loops over non-slab state (MM_WORK) */
#endif
};

#define MM_SET8(m, p, v) ev_set8(&(m)->hist, (p), (v))
#define MM_SET16(m, p, v) ev_set16(&(m)->hist, (p), (v))
#define MM_SET32(m, p, v) ev_set32(&(m)->hist, (p), (v))
#define MM_SET64(m, p, v) ev_set64(&(m)->hist, (p), (v))
/* Not recording (booting, the bench, a batch session's own set-up), an
 * event costs one test here and no call (hist_emit would drop it). */
#define MM_EMIT(m, k, a, b, c, d) \
	((m)->hist.recording ? hist_emit(&(m)->hist, (k), (a), (b), (c), (d)) : (void)0)
/* The same as a call, for the TLB-miss walk's inline code (hw/psc.h,
 * hw/tlb.h, inlined into fault.c's translate): hist_emit's inline body
 * there costs the miss registers when nothing is recorded (516
 * instructions a miss against 441 with the call, make bench's count; a
 * demand-zero fault, which records, 3,378 against 3,221). */
#define MM_EMIT_CALL(m, k, a, b, c, d) \
	((m)->hist.recording ? hist_emit_slow(&(m)->hist, (k), (a), (b), (c), (d)) : (void)0)

static inline struct proc *mm_cur(struct mm *m) { return &m->proc[m->cur]; }

/* The test build counts the work a command does, so that a test can tell
 * a cost that grows with the state from one that does not without timing
 * anything (docs/quality.md Q-PERF, mm_work in check.h): every slab_at is
 * counted, and loops over arrays and bitmaps of state add their steps
 * here. Not state: a counter of the host's effort. */
#ifdef MM_DEBUG
#define MM_WORK(m, n) ((void)(((struct mm *)(m))->work += (uint64_t)(n)))
#else
#define MM_WORK(m, n) ((void)0)
#endif

#endif
