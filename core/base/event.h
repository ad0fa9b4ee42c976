/*
 * event.h — the single write path, the journal, the event stream and the
 * compact history (docs/architecture.md ARCH-HISTORY).
 *
 * Every change of simulated state goes through ev_set*() (the one write
 * path), which records {location, old XOR new} in the journal before it
 * stores. Semantic events (pte_write, pfn_state, fault ...) are appended by
 * the mutators after their writes; each event remembers the journal
 * position it ends at. While a command runs, its journal and events are its
 * detail, and they give:
 *
 *   1. A failed command is undone exactly: apply the journal backwards to
 *      the command's mark and drop its events (SQLite's rollback journal).
 *   2. The state at micro-step k is "detail applied up to ev[k].w_end":
 *      stepping one micro-step undoes or redoes only that step's writes.
 *
 * Once a command has run, the history keeps only its net change (delta.h:
 * each location it changed, once, as old XOR new; 10 to 40 bytes a
 * demand-zero fault instead of 1,400) and what replays it. Moving across a
 * command applies its net change, O(locations it changed), never O(length
 * of the history). The detail of a past command is made again when the
 * cursor goes into it or its events are read: the state is put back to
 * before the command and the command is run again (the machine is
 * deterministic: the same state and the same line give the same writes
 * and events), and the replay is checked by comparing its net change with
 * the one kept, byte for byte (delta.h D2). A replay that does not match,
 * or fails for host memory, leaves the state exact (the kept net change is
 * applied instead) and reports that the detail could not be had.
 *
 * Executing a command while the cursor is in the past discards the redo
 * tail, as an editor's undo does, once the command succeeds: a command that
 * fails leaves the future as it was (docs/tui.md TUI-STEPPING).
 *
 * Invariants:
 *   J1. Simulated state lives only in memory that never moves while the
 *       machine lives (arrays allocated at boot, chunked pools), so the
 *       journal may store raw pointers.
 *   J2. Nothing outside ev_set*() writes simulated state after boot.
 *   J3. ev_set of an unchanged value records nothing.
 *   J4. The state is the net changes of commands [0, at) applied, plus the
 *       first pos_w records of win when win.cmd == at (pos_w is 0
 *       otherwise). Applying command c's whole detail equals applying its
 *       net change.
 *   J5. Event numbering is global and stable: command c's events are
 *       [cmd[c].ev_begin, cmd[c].ev_end), whether or not they are held.
 *   J6. The events a detail does not hold are streamed from a replay. For
 *       the command whose detail win holds (the one just run, also in a
 *       session that keeps no past: batch mode) the replay starts from
 *       win's journal undone and is checked write by write against it:
 *       nothing is recorded or held, so streaming every event of a huge
 *       command costs no host memory beyond its detail. A write that is
 *       not the next record stops the replay before it is made, and the
 *       rest of the journal takes the state to the command's end. Such a
 *       command keeps its replay data even when no past is kept.
 */
#ifndef MM_EVENT_H
#define MM_EVENT_H

#include <setjmp.h>
#include <string.h>

#include "mm_events.h"
#include "alloc.h"
#include "delta.h"
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

/* The journal's positions within one command are 32-bit: at 16 bytes a
 * record, 64 GiB for one command. Past that the command fails as out of
 * memory. */
#define HIST_MAX_RECORDS 0xFFFFFFF0u
#define HIST_NONE UINT64_MAX

/* One command in the history: its events' range in the whole history, its
 * net change (delta.h) and what replays it (the session's line and the
 * variables it read; opaque here). */
struct hcmd {
	uint64_t ev_begin, ev_end;
	uint8_t *net;
	uint64_t net_len;
	uint8_t *replay;
	uint64_t replay_len;
	uint64_t *kinds;      /* a huge command's events by kind (EV_KIND_COUNT), else NULL */
	uint64_t ev_print;    /* its events' fingerprint (hdetail): a replay must make the same */
};

/* A command with more events than this keeps its counts by kind with it,
 * so a summary needs no replay (docs/quality.md Q-BOUNDS). */
#define HIST_SUMMARY_MIN 1000
/* Events a detail holds by default: the first HIST_EV_CAP of a command and
 * its last HIST_TAIL; those between are counted and made again by replay
 * when asked for (hist_each). */
#define HIST_EV_CAP (1u << 18)
#define HIST_TAIL 1000u

/* The detail of one command: every write in order ({location, old XOR
 * new}, delta.h) and every event, each event ending at a record. */
struct hdetail {
	uint64_t cmd;         /* which command, HIST_NONE when empty */
	uint64_t ev0;         /* the index of its first event in the whole history */
	struct jrec *j;
	uint64_t nj, capj;
	uint64_t stop_j;      /* the fast path's bound: capj, or less to stop at the history limit */
	struct ev *ev;        /* the first nheld events */
	uint64_t nheld, capev;
	uint64_t nev;         /* events of the command so far, held or not */
	struct ev *tail;      /* the last HIST_TAIL events past the first nheld, a ring */
	uint64_t kinds[EV_KIND_COUNT];
	uint64_t ev_print;    /* a fold of every event's kind, arguments and journal position */
};

/* hist_each's callback: event i of the whole history. */
typedef int (*hist_each_fn)(void *arg, uint64_t i, const struct ev *e);

/* Re-runs a command from the state before it, from what hist_commit was
 * given; 0 or -1. Its writes and events go to the detail being made. */
typedef int (*hist_replay_fn)(void *arg, const uint8_t *data, uint64_t len);

struct hist {
	struct hcmd *cmd;
	uint64_t ncmd, capcmd;
	/* The state: commands [0, at) applied (by their net changes), and,
	 * when win.cmd == at, the first pos_w records of its detail. */
	uint64_t at;
	uint64_t pos_w;
	uint64_t pos_ev;      /* events done (the cursor), in the whole history */
	struct hdetail win;   /* the detail of the command at the cursor, or the one running */
	struct hdetail peek;  /* events only: the last other command read (hist_event) */
	bool open;            /* a command is running: its detail is win, to become command at */
	bool keep_past;       /* false: commit keeps no net change (nothing steps back: batch mode) */
	bool recording;       /* true while a command runs or replays (hist_begin ... hist_commit);
	                       * the boot and what a test builds outside a command are the origin */
	bool oom;             /* a host allocation for the journal failed */
	const struct mm_alloc *alloc; /* the machine's host allocator (alloc.h), NULL = the default */
	jmp_buf *oom_jmp;     /* armed around a command: where running out of host memory throws to */
	bool interruptible;   /* the command under oom_jmp is run for the first time (not a replay): hist_interrupt may stop it */
	bool interrupted;     /* ... and it was stopped so: the throw to oom_jmp is no lack of memory */
	hist_replay_fn replay;
	struct {              /* told every HIST_PROGRESS events a command makes (mm_set_progress) */
		void (*fn)(void *arg, uint64_t events);
		void *arg;
	} progress;
	void *replay_arg;
	bool replay_exact;    /* replay promises the same writes (MM_DEBUG checks it) */
	uint64_t ev_cap;      /* events a detail holds from the start (HIST_EV_CAP; UINT64_MAX: all) */
	/* The history limit (docs/cli.md CLI-OPTIONS, docs/quality.md
	 * Q-BOUNDS): a command whose records would pass it fails (over_limit);
	 * past it, the oldest commands are dropped at commit and the state
	 * before the first one kept becomes the origin (dropped counts them). */
	uint64_t limit;       /* bytes; 0: none */
	bool over_limit;
	uint64_t past_bytes;  /* hist_bytes_past, kept up to date */
	uint64_t dropped;     /* commands dropped from the start so far */
	bool just_dropped;    /* the last commit dropped some: the session says so */
	struct {              /* while hist_each streams a replay: events [lo, hi) go to fn */
		hist_each_fn fn;
		void *arg;
		uint64_t lo, hi;
		int rc;
	} sink;
	/* While win's command runs again against win's own journal (J6): the
	 * writes are compared with the records from pos_w on instead of
	 * being recorded, the events counted and folded instead of held. */
	struct {
		bool on;
		bool bad;         /* a write was not the next record: stopped before it */
		uint64_t nev;
		uint64_t print;
	} check;
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

/* The user stops a long command (docs/tui.md TUI-ROBUST), from the
 * progress callback: when the command is interruptible (run for the first
 * time, under the session's oom_jmp), sets interrupted and throws there as
 * hist_throw_oom does, at the same kind of point (an event just made), so
 * the command is undone exactly. Otherwise (a replay for a step back, the
 * history's bookkeeping at a command's end) it returns and nothing happens. */
void hist_interrupt(struct hist *h);

/* The one write path (J2). p must point into stable simulated state (J1);
 * x is the old value XOR the new. */
void hist_push_slow(struct hist *h, void *p, uint64_t x, uint32_t size);

static inline void hist_push(struct hist *h, void *p, uint64_t x, uint32_t size)
{
	struct hdetail *d = &h->win;
	if (d->nj < d->stop_j) {
		d->j[d->nj++] = (struct jrec){(uint64_t)(uintptr_t)p | ((uint64_t)size << JREC_SIZE_SHIFT), x};
		h->pos_w = d->nj;
	} else {
		hist_push_slow(h, p, x, size);
	}
}

#define EV_SET_IMPL(T, NAME)                                          \
	static inline void NAME(struct hist *h, T *p, T v)            \
	{                                                             \
		if (*p == v)                                          \
			return;                                       \
		if (h->recording)                                     \
			hist_push(h, p, (uint64_t)(*p ^ v), sizeof(T));     \
		*p = v;                                               \
	}
EV_SET_IMPL(uint8_t, ev_set8)
EV_SET_IMPL(uint16_t, ev_set16)
EV_SET_IMPL(uint32_t, ev_set32)
EV_SET_IMPL(uint64_t, ev_set64)

/* A long command reports its progress every this many events (a mask):
 * about four times a second at the simulator's pace. */
#define HIST_PROGRESS_MASK ((1u << 16) - 1)

/* The fingerprint of a command's events, held or not: a replay that makes
 * the same count and net change but other events (another order, another
 * argument) is told apart (docs/architecture.md ARCH-HISTORY). One
 * multiply per field: cheap beside an event. */
static inline uint64_t ev_fold(uint64_t f, const struct ev *e)
{
	const uint64_t m = 0x9E3779B97F4A7C15ull;
	f = (f ^ ((uint64_t)e->kind << 32 | e->w_end)) * m;
	if (e->kind == EV_CMD)
		return f; /* its argument is the command's place, which moves when the oldest are dropped */
	f = (f ^ e->a) * m;
	f = (f ^ e->b) * m;
	f = (f ^ e->c) * m;
	return (f ^ e->d) * m;
}

/* Where the next event of detail w goes when no host memory is needed for
 * it: the array while under ev_cap, else the ring of the last HIST_TAIL;
 * NULL when the array must grow or the ring be allocated first (slot_for
 * in event.c does that, then asks here). */
static inline struct ev *hist_slot_ready(const struct hist *h, struct hdetail *w)
{
	if (w->nev < h->ev_cap)
		return w->nheld < w->capev ? &w->ev[w->nheld++] : NULL;
	return w->tail ? &w->tail[w->nev % HIST_TAIL] : NULL;
}

/* Appends an event at the journal's current position: hist_emit. Every
 * case but the common one goes to hist_emit_slow: not recording, a replay
 * checked against win (J6), a sink streaming, a progress report due, or
 * host memory needed for the slot. */
void hist_emit_slow(struct hist *h, enum ev_kind k, uint64_t a, uint64_t b, uint64_t c, uint64_t d);

static inline void hist_emit(struct hist *h, enum ev_kind k, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	struct hdetail *w = &h->win;
	uint64_t n = w->nev + 1;
	struct ev *e;
	if (!h->recording || h->check.on || h->sink.fn || !(n & HIST_PROGRESS_MASK) ||
	    (unsigned)k >= EV_KIND_COUNT || !(e = hist_slot_ready(h, w))) {
		hist_emit_slow(h, k, a, b, c, d);
		return;
	}
	*e = (struct ev){(uint16_t)k, 0, (uint32_t)w->nj, a, b, c, d};
	w->nev = n;
	w->kinds[k]++;
	w->ev_print = ev_fold(w->ev_print, e);
	h->pos_ev = w->ev0 + n;
}

/* Command boundaries. hist_begin opens a command at the cursor (a cursor
 * inside a command counts as that command's end: commands are atomic), or
 * returns -1 with the history untouched when host memory for it is
 * lacking. hist_commit closes it, given what replays it (copied; the
 * session's line and variables), keeps its net change and discards the
 * redo tail if the cursor was in the past; -1 when host memory for that is
 * lacking: the command is still open, and the caller rolls it back.
 * hist_rollback undoes everything the command did and forgets it, and the
 * redo tail is kept: a failed command changes nothing, not even the
 * future. No seek while a command is open. */
int hist_begin(struct hist *h);
int hist_commit(struct hist *h, const uint8_t *replay, uint64_t len);
void hist_rollback(struct hist *h);
/* Between commands, at the end of the history: the whole past is dropped
 * and the state as it is becomes the new origin, as a booted machine is.
 * For a session that cannot step back (batch mode, keep_past false),
 * whose history would otherwise grow with every command. The arrays keep
 * their capacity, so the memory stays that of the biggest single command. */
void hist_forget(struct hist *h);

/* The command that event i belongs to (binary search over the commands). */
uint64_t hist_cmd_of(const struct hist *h, uint64_t i);

/* Moves the state to just after event i (i = -1: before every event of the
 * history, i.e. the booted machine); O(distance) plus, when i is in
 * another command than the cursor's, one replay of that command. -1 when
 * the command's events could not be regenerated (host memory): the state
 * is then at the end of that command, exactly. */
int hist_seek_event(struct hist *h, int64_t i);
/* Moves to the end of command c (its last event done), or before it. */
void hist_seek_cmd_end(struct hist *h, uint64_t c);
void hist_seek_cmd_begin(struct hist *h, uint64_t c);
/* Back to the present (the end of the history). */
void hist_seek_end(struct hist *h);

/* The first event still in the history: stepping back goes no further. */
uint64_t hist_first_event(const struct hist *h);

/* Host bytes the history holds for the past (net changes and replay
 * lines), and for the details of the cursor's and the last read command. */
uint64_t hist_bytes_past(const struct hist *h);
uint64_t hist_bytes_detail(const struct hist *h);

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
/* Calls fn for events [begin, end) in order, without holding them all
 * (events a detail does not hold are streamed from a replay): 0 when every
 * call returned 0, else the first nonzero return of fn, or -1 when an
 * event could not be had. The visible state is as it was after. */
int hist_each(struct hist *h, uint64_t begin, uint64_t end, hist_each_fn fn, void *arg);
/* How many events of each kind command c has (EV_CMD included). */
void hist_cmd_kinds(struct hist *h, uint64_t c, uint64_t counts[EV_KIND_COUNT]);
/* Which of command c's events a detail holds, so a reader can stay off the
 * others (reading one of them costs a replay of the whole command; seeking
 * to one lands at the command's end): [begin, *held_end) and
 * [*tail_begin, end); *held_end == *tail_begin == end when all are held.
 * The same rule as the detail itself (the first ev_cap, the last
 * HIST_TAIL); no replay. */
void hist_cmd_held(const struct hist *h, uint64_t c, uint64_t *held_end, uint64_t *tail_begin);

const char *ev_kind_name(enum ev_kind k);

#endif
