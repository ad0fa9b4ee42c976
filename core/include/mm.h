/*
 * mm.h — the core's public face: booting a machine and the read-only
 * queries every pane draws from (tui/ sees only core/include/, of which
 * this is the centre). Everything the panes show is
 * read through these query functions, never through internal structs, so
 * all formatting stays in tui/ and the core can change its insides freely.
 *
 * Ownership: mm_new returns a machine the caller frees with mm_free. Query
 * functions fill caller-provided structs and never allocate; strings they
 * return are static (literals) unless a buffer is passed in.
 *
 * Every query reads the state at the history cursor: after mm_seek_* the
 * panes show the machine as it was at that micro-step.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "config.h"
#include "mm_events.h"
#include "types.h"

struct mm;

struct mm *mm_new(const struct mm_config *cfg, struct mm_err *err);
void mm_free(struct mm *m);

/* ---- the machine ---- */

struct mm_info {
	const char *arch;           /* "x86", "pae", "x64" */
	int levels;                 /* 2, 3, 4 */
	const char *level_name[4];  /* outermost first: "pxe","ppe","pde","pte" */
	int shift[4], bits[4];      /* VA index field of each level */
	int pte_size, va_bits;
	bool nx;
	uint64_t physical_pages;
	uint64_t lowest_user, highest_user, system_range_start;
	uint32_t current_pid;
	uint64_t commit_total, commit_limit;
	uint64_t available_pages;
	uint64_t tlb_entries;
};
void mm_info(const struct mm *m, struct mm_info *out);

/* ---- physical memory (RAMMap) ---- */

enum { MM_NSTATES = 8 };        /* zeroed free standby modified modified_no_write bad active transition */
enum { MM_NPRIOS = 8 };         /* standby priorities 0-7 */
const char *mm_state_name(int state);   /* docs/output.md OUT-VOCAB */
/* The same state as the micro-steps say it (lang 0 en, 1 de). */
const char *mm_state_word(int state, int lang);
/* A PTE format's name ("transition", docs/output.md) in lang (0 en, 1 de:
 * "Übergang"), as the micro-steps say it; other names as they are. */
const char *mm_pte_format_word(const char *format, int lang);

struct mm_phys {
	uint64_t pages;
	uint64_t list[MM_NSTATES];  /* frames per state */
	uint64_t standby_prio[MM_NPRIOS]; /* the standby list by priority 0-7 (sums to list[standby]) */
	uint32_t frames_per_group;  /* 1 << group shift */
	uint32_t groups;
};
void mm_phys(const struct mm *m, struct mm_phys *out);
/* Counts per state of summary group g (frames g*fpg .. ): O(1), kept up to
 * date by the core, so the pane is as fast at 64 GiB as at 16 MiB. */
void mm_group(const struct mm *m, uint32_t g, uint32_t counts[MM_NSTATES]);

struct mm_frame {
	uint32_t pfn;
	int state;                  /* index for mm_state_name */
	const char *use;            /* "private", "page_table", ... */
	uint32_t share_count, reference_count;
	uint64_t pte_address, original_pte;
	int64_t pte_frame;          /* -1: none */
	bool modified;
	int priority;
	int64_t owner;              /* pid, 0 system, -1 none */
	bool has_contents;
};
int mm_frame(const struct mm *m, uint32_t pfn, struct mm_frame *out);   /* -1: beyond RAM */
/* The state of one frame, cheaply (for zoomed-in views). */
int mm_frame_state(const struct mm *m, uint32_t pfn);

/* ---- physical memory by use (RAMMap's tabs; core/mm/query_ram.c,
 * docs/tui.md TUI-RAM) ---- */

/* RAMMap's Use rows, read from each frame's PFN entry: unused (on the
 * zeroed or free list), process private, page table, mapped file, image,
 * shareable (page-file-backed sections), paged pool, non-paged pool, the
 * kernel image, and system (the shared user data page). */
enum mm_ram_use { MM_RU_UNUSED, MM_RU_PRIVATE, MM_RU_PAGE_TABLE, MM_RU_MAPPED, MM_RU_IMAGE, MM_RU_SHAREABLE,
		  MM_RU_PAGED_POOL, MM_RU_NONPAGED_POOL, MM_RU_KERNEL_IMAGE, MM_RU_SYSTEM, MM_RU_COUNT };
/* Whether summary group g (mm_group) holds only zeroed and free frames,
 * so only unused ones: its entries need not be read. O(1). */
bool mm_group_unused(const struct mm *m, uint32_t g);
/* Frame pfn's use (enum mm_ram_use), -1 beyond RAM. O(1). */
int mm_frame_use(const struct mm *m, uint32_t pfn);

/* Use Counts: frames per use and list (state), and the standby list by
 * priority. Reads every PFN entry once. */
struct mm_use_counts {
	uint64_t n[MM_RU_COUNT][MM_NSTATES];
	uint64_t standby_prio[MM_NPRIOS];
};
void mm_use_counts(const struct mm *m, struct mm_use_counts *out);

/* One row of RAMMap's Physical Pages: the frame's list, use, priority,
 * owner, the virtual address its PTE maps (private pages, page tables,
 * pool, the kernel image), or for a section's frame (prototype) the file
 * and the offset of the page in the section (an image: its RVA). */
struct mm_ram_page {
	uint32_t pfn;
	int list;                   /* state, for mm_state_name */
	int use;                    /* enum mm_ram_use */
	int priority;
	int64_t owner;              /* pid, 0 system, -1 none */
	uint32_t share_count;
	uint64_t pte_address;       /* the PTE (or prototype PTE) that maps it, 0 none */
	bool has_va;
	uint64_t va;
	bool prototype, image;
	int section;                /* section index (for !ca), -1 none */
	uint64_t offset;
	char file[32];
};
int mm_ram_page(const struct mm *m, uint32_t pfn, struct mm_ram_page *out); /* -1: beyond RAM */

/* File Summary: per file (or image) with frames in memory, the frames on
 * each list. Returns the rows written (at most max); *total (may be NULL)
 * counts one more when rows did not fit. Reads every PFN entry once. */
struct mm_file_sum {
	char name[32];
	bool image;
	uint64_t n[MM_NSTATES];
};
int mm_file_summary(const struct mm *m, struct mm_file_sum *out, int max, int *total);

/* The working set of process pid as its working-set list holds it (what
 * !wsle lists): each entry's page address and frame, in list order. Writes
 * at most max; returns the number of entries (which may exceed max), -1
 * when pid is no process. O(working set). */
struct mm_ws_page {
	uint64_t va;
	uint32_t pfn;
};
int mm_ws_pages(const struct mm *m, uint32_t pid, struct mm_ws_page *out, int max);

/* A page of a view or image (docs/tui.md TUI-LINKS): from its VAD to the
 * section, the page's offset in it (a data file: the file offset; an
 * image: the RVA), its prototype PTE (where and what) and the frame that
 * PTE holds (valid or transition; -1 none). -1 when va is in no view or
 * image of process pid. */
struct mm_view_page {
	int section;                /* section index */
	char file[32];              /* the file, the image's module, or the section's name */
	bool image;
	uint64_t vad_start, vad_end; /* the VAD, first and last page address */
	uint64_t offset;
	uint64_t proto_address, proto_value;
	int64_t pfn;
};
int mm_view_page(const struct mm *m, uint32_t pid, uint64_t va, struct mm_view_page *out);

/* ---- processes ---- */

struct mm_proc {
	uint32_t pid;
	char name[32];
	uint64_t dirbase;           /* CR3 (physical) */
	uint64_t ws_size, ws_min, ws_max, ws_peak;
	uint64_t commit, private_commit, page_tables, faults, vads;
	bool current;
};
int mm_procs(const struct mm *m, struct mm_proc *out, int max);         /* returns how many */

/* ---- address space (VMMap) ---- */

enum mm_region_state { MM_REGION_FREE, MM_REGION_RESERVED, MM_REGION_COMMITTED };

/* VMMap's memory types (docs/tui.md TUI-VAS): what a region is used for,
 * Unusable for the free tail of a reservation up to the next 64 KB
 * boundary (the allocation granularity), which no VirtualAlloc can get. */
enum mm_vtype { MM_VT_FREE, MM_VT_UNUSABLE, MM_VT_IMAGE, MM_VT_MAPPED, MM_VT_SHAREABLE, MM_VT_HEAP,
		MM_VT_STACK, MM_VT_PRIVATE, MM_VT_PAGE_TABLE, MM_VT_COUNT };
/* What VMMap's Details column says of a region; the TUI words it. */
enum mm_detail { MM_DET_NONE, MM_DET_MODULE, MM_DET_FILE, MM_DET_HEAP, MM_DET_STACK, MM_DET_TEB, MM_DET_PEB,
		 MM_DET_SHARED_DATA };

struct mm_region {
	uint64_t base, size;
	int state;                  /* enum mm_region_state: committed when any page is */
	int vtype;                  /* enum mm_vtype */
	const char *type;           /* "private", "mapped", "image"; NULL when free */
	const char *usage;          /* "private_data", "heap", "stack", ...; NULL when free */
	uint64_t alloc_base;        /* the reservation it belongs to */
	uint32_t protect;           /* Win32 PAGE_* of its first committed page (0 when free or reserved) */
	/* pages: committed (views and images from their prototype PTEs, as
	 * VirtualQuery says), private (committed private memory; in a view,
	 * the pages copied on write), resident = the working set's total, of
	 * which private, shareable (a section's pages) and shared (shareable
	 * pages another process maps too) */
	uint64_t committed, private_pages, resident;
	uint64_t ws_private, ws_shareable, ws_shared;
	int detail;                 /* enum mm_detail */
	uint64_t detail_id;         /* heap number (0 the process heap), thread id */
	char detail_name[32];       /* module or file name */
};
/* The regions of process pid from 0 to the top of user space, in address
 * order, one row per row of VMMap's details view: each reservation (or
 * view) as one region, the area above the highest VAD address (x86 and
 * PAE: KUSER_SHARED_DATA's 64 KB) as one, the gaps between as Unusable
 * (up to the next 64 KB boundary) and Free. Cost: the page tables that
 * exist, never the pages of a reservation without tables. Returns the
 * number written (at most max; the total is returned in *total). */
int mm_regions(const struct mm *m, uint32_t pid, struct mm_region *out, int max, int *total);

/* VMMap's Total row for process pid, in pages: Private (private_pages:
 * committed private memory, pages copied on write, the page tables),
 * Private WS, Shareable WS and Shared WS (as struct mm_region counts them;
 * the page tables are private and in the working set). Task Manager's
 * "Memory (private working set)" is ws_private. -1: no such process. */
struct mm_vmmap_totals {
	uint64_t private_pages, ws_private, ws_shareable, ws_shared;
};
int mm_vmmap_totals(const struct mm *m, uint32_t pid, struct mm_vmmap_totals *t);

/* The image view holding va, by its PE sections as VMMap expands it: the
 * headers, then .text, .rdata, .data ... with each one's protection and
 * pages. Returns how many were written (at most max), -1 when va is in no
 * image view of pid. */
struct mm_image_section {
	char name[10];              /* "headers" is the PE header page */
	uint64_t base, size;
	uint32_t protect;           /* Win32 PAGE_* the section is mapped with */
	uint64_t committed, private_pages, resident;
};
int mm_image_sections(const struct mm *m, uint32_t pid, uint64_t va, struct mm_image_section *out, int max);

/* The page map's classes (docs/tui.md TUI-VAS-MAP), what a page of the
 * address space is: in the working set; in RAM but outside it, a soft
 * fault away (a transition PTE: the frame on the standby or modified list;
 * or a view's page that the cache or another process holds); out on disk
 * (page file, mapped file, image); committed but never touched (demand
 * zero); a guard page; reserved; free. */
enum mm_pclass { MM_PC_FREE, MM_PC_RESERVED, MM_PC_GUARD, MM_PC_DEMAND_ZERO, MM_PC_PAGED_OUT, MM_PC_TRANSITION,
		 MM_PC_RESIDENT, MM_PC_COUNT };
/* Counts the pages [va, va + n pages) of process pid by class into
 * counts[MM_PC_COUNT]. Cost: O(VADs crossed + page tables that exist in
 * the range), so a cell over 128 TB of untouched reservation costs what a
 * cell over 64 KB does. Returns -1 when pid is no process. */
int mm_page_classes(const struct mm *m, uint32_t pid, uint64_t va, uint64_t n, uint64_t counts[MM_PC_COUNT]);

struct mm_page {
	uint64_t va;
	int state;                  /* enum mm_region_state */
	bool resident;              /* valid PTE */
	uint32_t pfn;               /* when resident or transition */
	uint32_t protect;           /* Win32 PAGE_* */
	const char *pte_format;     /* "hardware", "demand_zero", "zero", ... */
};
int mm_page(const struct mm *m, uint32_t pid, uint64_t va, struct mm_page *out);

/* ---- translation ---- */

struct mm_pte_view {
	const char *format;         /* docs/output.md OUT-VOCAB: hardware, demand_zero, pagefile, transition, prototype, zero */
	bool valid;
	uint32_t pfn;
	bool write, owner_user, write_through, cache_disable, accessed, dirty, large_page, global;
	bool copy_on_write, prototype_bit, sw_write, nx;
	uint32_t protect;           /* Win32 PAGE_* of software formats */
	int pagefile;
	uint64_t offset, proto_address;
};
void mm_pte_decode(const struct mm *m, uint64_t value, struct mm_pte_view *out);

struct mm_xlate {
	uint64_t va;
	int n;                      /* levels read */
	struct {
		const char *name;
		uint32_t index;
		uint64_t entry_address; /* self-map VA (PAE PDPTE: physical) */
		uint64_t table_pfn;
		uint64_t value;
		bool valid;
	} lv[4];
	bool valid, large;
	uint64_t pa;
	bool tlb_present;           /* the TLB holds this page now */
	uint32_t tlb_pfn;
};
/* Walks process pid's tables for va without changing anything. */
int mm_translate(const struct mm *m, uint32_t pid, uint64_t va, struct mm_xlate *out);

/* ---- history: events, commands, the cursor ---- */

struct mm_event {
	const char *kind;           /* docs/output.md OUT-EVENTS kind */
	int kind_id;                /* enum mm_ev_kind: MM_EV_WALK ... */
	uint32_t cmd;               /* command index */
	uint64_t a, b, c, d;        /* kind-specific, see mm_events.h */
};
struct mm_hist {
	uint64_t events, commands;  /* in the history */
	uint64_t cursor;            /* events done (0 = the booted machine) */
	int64_t cursor_cmd;         /* command of the last done event, -1 before any */
};
void mm_hist(const struct mm *m, struct mm_hist *out);
int mm_event(const struct mm *m, uint64_t i, struct mm_event *out);
/* One plain-language line for event i (lang 0 en, 1 de). Returns buf. */
const char *mm_event_text(const struct mm *m, uint64_t i, int lang, char *buf, size_t n);
/* Event range of command c: [first, end). */
int mm_cmd_events(const struct mm *m, uint64_t c, uint64_t *first, uint64_t *end);
/* The events of command c that are kept, for a reader (the TUI's player)
 * that must stay off the others: [first, held_end) and [tail_begin, end)
 * are read by mm_event and sought by mm_seek at once; an event between
 * them (only in a command of more than 262,144) cannot be sought (mm_seek
 * lands at the command's end) and reading one makes the whole command
 * again. held_end == tail_begin == end when all are kept. -1 for no such
 * command. */
int mm_cmd_held(const struct mm *m, uint64_t c, uint64_t *held_end, uint64_t *tail_begin);
/* Command c's events counted by kind (MM_EV_*; "command" included): kept
 * with a command of more than 1,000 events, so then no replay; for a
 * smaller one the count may make the command again. -1 for no such
 * command. */
int mm_cmd_kinds(const struct mm *m, uint64_t c, uint64_t counts[MM_EV_KIND_COUNT]);

/* Progress of a long command: fn(arg, events so far) is called every
 * 65,536 events while a command runs or is made again (a replay for a
 * seek or a read), and a few times a second while its net change is kept
 * at its end (events then stay the same), so a screen can show that
 * something happens.  fn runs
 * in the middle of the command: it must not call any mm_ or session_
 * function (the state is half-way).  NULL fn: none. */
void mm_set_progress(struct mm *m, void (*fn)(void *arg, uint64_t events), void *arg);
/* The one mm_ call fn may make: stops the command being run (the user
 * pressed Esc or Ctrl+C, docs/tui.md TUI-ROBUST). It fails as
 * "interrupted" and is undone exactly, as any failed command is; this call
 * then does not return to fn. During a replay or a command's bookkeeping
 * at its end it returns and nothing happens. */
void mm_interrupt(struct mm *m);

/* Cursor moves: after them every query shows the state at that point.
 * mm_seek(m, k): k events done (0..events). O(distance). */
void mm_seek(struct mm *m, uint64_t k);
void mm_seek_end(struct mm *m);

/* ---- for the TUI (core/query_tui.c) -------------------------------------
 * Names for the numbers events carry, flag names for completion, protection
 * in Win32 words, the session's $variables. Strings are literals or the
 * caller's buffer; a variable's name stays valid until the table changes. */
struct session;
int mm_event_kind(const char *name);            /* MM_EV_* of an event kind's name ("walk"), -1 unknown */
const char *mm_fault_name(uint64_t kind);       /* EV fault's kind: "demand_zero" ... ("?") */
const char *mm_access_name(uint64_t kind);      /* 0 read, 1 write, 2 execute */
const char *mm_status_name(uint64_t ntstatus);  /* "STATUS_ACCESS_VIOLATION" ... */
const char *mm_flag_name(size_t i);             /* PAGE_*, MEM_*, SEC_*, FILE_MAP_*, HEAP_*, pools; NULL past the end */
const char *mm_protect_str(uint32_t page, char *buf, size_t n); /* "PAGE_READWRITE|PAGE_GUARD" */
int mm_session_var(struct session *s, size_t i, const char **name, uint64_t *value); /* -1 past the end */
/* Runs an inspection command (one marked read-only: "!wsle", "!vad",
 * "!poolused", "!pagefile", "!ca ADDR" ...) on the machine at the history
 * cursor and returns its "result" object (docs/output.md OUT-RESULT), owned by the caller
 * (cJSON_Delete); NULL with err when the line is not such a command or it
 * failed.  Unlike session_exec_json it changes nothing at all: no sequence
 * number, no variable, no history, no `save` line. */
typedef struct cJSON cJSON;
cJSON *mm_inspect_json(struct session *s, const char *line, struct mm_err *err);

#endif
