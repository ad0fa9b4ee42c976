/*
 * mm_events.h — the event kinds, listed once as an X-macro.
 *
 * MM_EVENT_KINDS(X) calls X(ID, "name") for every kind, in numbering
 * order. It generates
 *   - enum mm_ev_kind (MM_EV_PTE_WRITE ...), which the TUI switches on;
 *   - the core's enum ev_kind (EV_PTE_WRITE ..., base/event.h), equal
 *     value for value;
 *   - the names ev_kind_name() returns and mm_event_kind() looks up
 *     (base/event.c): the "kind" of the JSON events (docs/output.md OUT-EVENTS).
 * The names are part of the output contract: kinds may be added at the
 * end, none renamed or reordered (a renamed ID breaks the build of every
 * user; a renamed name would break scripts, so neither may happen
 * silently). The comment after each kind says what the event's a, b, c
 * and d carry.
 */
#ifndef MM_EVENTS_H
#define MM_EVENTS_H

#define MM_EVENT_KINDS(X)                                                                                          \
	X(NONE, "none")                                                                                            \
	X(CMD, "command")           /* a: command index — marks a command's start */                               \
	X(ACCESS, "access")         /* a: va, b: 0 read, 1 write, 2 execute, c: mode (0 user, 1 kernel) */         \
	X(TLB_HIT, "tlb_hit")       /* a: va, b: pfn */                                                            \
	X(TLB_MISS, "tlb_miss")     /* a: va */                                                                    \
	X(TLB_FILL, "tlb_fill")     /* a: va, b: pfn, c: global, d: large */                                       \
	X(TLB_FLUSH, "tlb_flush")   /* a: entries, b: 0 one va (c), 1 non-global (CR3 switch), 2 all */            \
	X(WALK, "walk")             /* a: level (0 outermost), b: index, c: entry address, d: value */             \
	X(FAULT, "fault")           /* a: fault kind (enum fault_kind), b: va */                                   \
	X(PTE_WRITE, "pte_write")   /* a: entry address, b: old, c: new, d: pfn of the table */                    \
	X(PFN_STATE, "pfn_state")   /* a: pfn, b: from (enum pfn_loc), c: to */                                    \
	X(WS_ADD, "ws_add")         /* a: pid, b: va */                                                            \
	X(WS_REMOVE, "ws_remove")   /* a: pid, b: va */                                                            \
	X(PAGEFILE_WRITE, "pagefile_write") /* a: file, b: offset, c: pfn */                                       \
	X(PAGEFILE_READ, "pagefile_read") /* a: file, b: offset, c: pfn */                                         \
	X(FILE_READ, "file_read")   /* a: file id, b: offset, c: pfn */                                            \
	X(FILE_WRITE, "file_write") /* a: file id, b: offset, c: pfn */                                            \
	X(ZERO_PAGE, "zero_page")   /* a: pfn */                                                                   \
	X(COPY_PAGE, "copy_page")   /* a: from pfn, b: to pfn */                                                   \
	X(COMMIT_CHARGE, "commit_charge") /* a: delta (signed, pages), b: total, c: limit, d: pid (0 system) */    \
	X(VAD_INSERT, "vad_insert") /* a: start vpn, b: end vpn, c: pid, d: protection */                          \
	X(VAD_REMOVE, "vad_remove") /* a: start vpn, b: end vpn, c: pid */                                         \
	X(POOL_ALLOC, "pool_alloc") /* a: va, b: size, c: tag, d: pool type */                                     \
	X(POOL_FREE, "pool_free")   /* a: va, b: size, c: tag */                                                   \
	X(EXCEPTION, "exception")   /* a: NTSTATUS code, b: va, c: access kind */                                  \
	X(PAGE_TABLE, "page_table") /* a: level of the new table, b: pfn, c: va it maps */                         \
	X(CR3, "cr3_switch")        /* a: pid, b: pfn of the top-level table */                                    \
	X(RETRY, "retry")           /* a: va — the faulting access is retried */                                   \
	X(RESOLVED, "resolved")     /* a: fault kind, b: va, c: pfn — the fault handler is done */                 \
	X(PROCESS, "process")       /* a: pid, b: 1 created / 0 exited, c: cr3 pfn */                              \
	X(WRITE_BYTES, "memory_write") /* a: pa, b: value, c: size */                                              \
	X(DIRTY, "dirty")           /* a: va, b: pfn — first write: dirty bit set (MiSetDirtyBit) */              \
	X(PSC_HIT, "psc_hit")       /* a: va, b: level of the cached entry, c: pfn of the table the walk goes on in */ \
	X(PSC_FILL, "psc_fill")     /* a: first va the entry translates, b: level, c: pfn of the table it points at, d: rights (TLBF_*) */ \
	X(PSC_FLUSH, "psc_flush")   /* a: entries, b: 0 INVLPG (c: va), 1 CR3 load, 2 all, 3 an upper entry changed (c: its table's pfn) */ \
	X(INPAGE_CLUSTER, "inpage_cluster") /* a: faulting va, b: pages read, c: first va of the cluster, d: source (0 page file, 1 mapped file, 2 image) */ \
	X(MAPPED_WRITER_TIMER, "mapped_writer_timer") /* a: pages written — MmModifiedPageLifeInSeconds ran out */

enum mm_ev_kind {
#define MM_EV_ENUM(id, name) MM_EV_##id,
	MM_EVENT_KINDS(MM_EV_ENUM)
#undef MM_EV_ENUM
	MM_EV_KIND_COUNT
};

#endif
