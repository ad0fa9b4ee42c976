/*
 * event.h — the single write path, the journal and the event stream.
 *
 * Every change of simulated state goes through ev_set*() (the one write path),
 * which records {address, old value, new value} in the journal before it
 * stores. Semantic events (pte_write, pfn_state, fault ...) are appended by
 * the mutators after their writes; each event remembers the journal position
 * it ends at. That gives three things with one mechanism:
 *
 *   1. A failed command is undone exactly: undo the journal back to the
 *      command's mark and drop its events (SQLite's rollback journal).
 *   2. The state at any micro-step k is "journal applied up to
 *      ev[k].w_end": stepping one micro-step back or forward undoes or redoes
 *      only that step's writes, O(writes of the step), independent of how
 *      long the history is.
 *   3. Executing a command while the cursor is in the past discards the
 *      redo tail, as an editor's undo does — once the command succeeds:
 *      a command that fails leaves the future as it was (docs/tui.md
 *      TUI-STEPPING).
 *
 * Invariants:
 *   J1. Simulated state lives only in memory that never moves while the
 *       machine lives (arrays allocated at boot, chunked pools), so the
 *       journal may store raw pointers.
 *   J2. Nothing outside ev_set*() writes simulated state after boot.
 *   J3. ev_set of an unchanged value records nothing.
 */
#ifndef MM_EVENT_H
#define MM_EVENT_H

#include <setjmp.h>
#include <string.h>

#include "mm_events.h"
#include "alloc.h"
#include "types.h"

/* Event kinds: EV_PTE_WRITE ... generated from the one list in
 * mm_events.h (which says what a, b, c and d carry), equal to the public
 * MM_EV_* the TUI uses. The names are the vocabulary of docs/output.md OUT-EVENTS
 * (ev_kind_name); more may be added at the end, none renamed. */
enum ev_kind {
#define EV_ENUM(id, name) EV_##id = MM_EV_##id,
	MM_EVENT_KINDS(EV_ENUM)
#undef EV_ENUM
	EV_KIND_COUNT = MM_EV_KIND_COUNT
};

/* 40 bytes: a 1 GiB touch records a few million of these, so every byte
 * counts (the command an event belongs to is found by hist_cmd_of). */
struct ev {
	uint16_t kind;
	uint16_t pad;
	uint32_t w_end;    /* journal position once this event's writes are done */
	uint64_t a, b, c, d;
};

/* The journal's positions are 32-bit: at 16 bytes a record, 64 GiB of
 * history. Past that a command fails as out of memory. */
#define HIST_MAX_RECORDS 0xFFFFFFF0u

/* A journal record: the address (size in the top byte) and "the other
 * value" — the old value while the write is applied, the new one while it
 * is undone. Undo and redo are then the same operation, a swap, and a
 * record is 16 bytes. */
struct jrec {
	uint64_t pz;
	uint64_t v;
};
#define JREC_SIZE_SHIFT 56

/* One command in the history: its event and journal ranges. */
struct hcmd {
	uint64_t ev_begin, ev_end;
	uint64_t w_begin, w_end;
};

struct hist {
	struct jrec *j;
	uint64_t nj, capj;
	struct ev *ev;
	uint64_t nev, capev;
	struct hcmd *cmd;
	uint64_t ncmd, capcmd;
	uint64_t pos_w;       /* journal records currently applied */
	uint64_t pos_ev;      /* events currently "done" (the cursor) */
	/* While a command begun in the past is open, the redo tail stays
	 * where it was, unapplied: records [park_w, w_begin), events
	 * [park_ev, ev_begin) and commands [park_cmd, ncmd - 1), and the open
	 * command is appended after it. hist_commit moves the command down
	 * over the tail; hist_rollback just drops the command. */
	bool parked;
	uint64_t park_w, park_ev, park_cmd;
	bool recording;       /* false while booting: boot state is the origin */
	bool oom;             /* a host allocation for the journal failed */
	const struct mm_alloc *alloc; /* the machine's host allocator (alloc.h), NULL = the default */
	jmp_buf *oom_jmp;     /* armed around a command: where running out of host memory throws to */
};

/* hist_init_with: the arrays come from allocator a (NULL = the default). */
int hist_init(struct hist *h);
int hist_init_with(struct hist *h, const struct mm_alloc *a);
void hist_fini(struct hist *h);

/* Host memory ran out in the middle of a command (the journal, the event
 * stream or a slab could not grow). Sets oom and, when the session has
 * armed oom_jmp, throws there as Lua throws LUA_ERRMEM: the write or object
 * that needed the memory has not happened, so undoing the journal to the
 * command's mark restores the machine exactly, and no mutator has to carry
 * an error path for a failure that is not the simulated machine's. Not
 * armed (boot, tests driving the journal directly), it returns. */
void hist_throw_oom(struct hist *h);

/* The one write path (J2). p must point into stable simulated state (J1). */
void hist_push_slow(struct hist *h, void *p, uint64_t oldv, uint32_t size);

static inline void hist_push(struct hist *h, void *p, uint64_t oldv, uint32_t size)
{
	if (h->nj < h->capj) {
		h->j[h->nj++] = (struct jrec){(uint64_t)(uintptr_t)p | ((uint64_t)size << JREC_SIZE_SHIFT), oldv};
		h->pos_w = h->nj;
	} else {
		hist_push_slow(h, p, oldv, size);
	}
}

#define EV_SET_IMPL(T, NAME)                                          \
	static inline void NAME(struct hist *h, T *p, T v)            \
	{                                                             \
		if (*p == v)                                          \
			return;                                       \
		if (h->recording)                                     \
			hist_push(h, p, (uint64_t)*p, sizeof(T));     \
		*p = v;                                               \
	}
EV_SET_IMPL(uint8_t, ev_set8)
EV_SET_IMPL(uint16_t, ev_set16)
EV_SET_IMPL(uint32_t, ev_set32)
EV_SET_IMPL(uint64_t, ev_set64)

/* Appends an event at the journal's current position. */
void hist_emit(struct hist *h, enum ev_kind k, uint64_t a, uint64_t b, uint64_t c, uint64_t d);

/* Command boundaries. hist_begin opens a command (the cursor must be at a
 * command boundary), or returns -1 with the history untouched when host
 * memory for it is lacking. hist_commit closes it and discards the redo
 * tail, if the cursor was in the past; hist_rollback undoes everything the
 * command did and forgets it, and the redo tail is kept: a failed command
 * changes nothing, not even the future. No seek while a command is open. */
int hist_begin(struct hist *h);
void hist_commit(struct hist *h);
/* Between commands, at the end of the history: the whole past is dropped
 * and the state as it is becomes the new origin, as a booted machine is.
 * For a session that cannot step back (batch mode), whose history would
 * otherwise grow with every command. The arrays keep their capacity, so
 * the memory stays that of the biggest single command. */
void hist_forget(struct hist *h);
void hist_rollback(struct hist *h);

/* The command that event i belongs to (binary search over the commands). */
uint64_t hist_cmd_of(const struct hist *h, uint64_t i);

/* Moves the state to just after event i (i = -1: before every event of the
 * history, i.e. the booted machine). O(distance). */
void hist_seek_event(struct hist *h, int64_t i);
/* Moves to the end of command c (its last event done), or before it. */
void hist_seek_cmd_end(struct hist *h, uint64_t c);
void hist_seek_cmd_begin(struct hist *h, uint64_t c);
/* Back to the present (the end of the history). */
void hist_seek_end(struct hist *h);

/* Reading the history: what the printers, `events` and the TUI use, and
 * all they may use (the arrays above are the journal's own business: a
 * command's events need not be kept, they can be regenerated). Events are
 * addressed by their index in the whole history; command c's are
 * [begin, end), its EV_CMD first. */
uint64_t hist_event_count(const struct hist *h);
uint64_t hist_cmd_count(const struct hist *h);
/* Events done: the state is that after event hist_cursor() - 1. */
uint64_t hist_cursor(const struct hist *h);
void hist_cmd_range(const struct hist *h, uint64_t c, uint64_t *begin, uint64_t *end);
/* Event i into *out: 0, or -1 when i is past the end or the event could
 * not be had (host memory). */
int hist_event(struct hist *h, uint64_t i, struct ev *out);
/* Calls fn for events [begin, end) in order, without holding them all:
 * 0 when every call returned 0, else the first nonzero return of fn, or -1
 * when an event could not be had. The visible state is as it was after. */
typedef int (*hist_each_fn)(void *arg, uint64_t i, const struct ev *e);
int hist_each(struct hist *h, uint64_t begin, uint64_t end, hist_each_fn fn, void *arg);
/* How many events of each kind command c has (EV_CMD included). */
void hist_cmd_kinds(struct hist *h, uint64_t c, uint64_t counts[EV_KIND_COUNT]);

const char *ev_kind_name(enum ev_kind k);

#endif
