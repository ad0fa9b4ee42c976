/*
 * event.c — the journal, the event stream and the compact history.
 *
 * Design (event.h has the invariants J1-J5): a running command's journal
 * ({location, old XOR new} records) and events are its detail, held in
 * win. At commit the detail is reduced to the command's net change
 * (delta.c) and kept with what replays it; the detail stays in win while
 * the cursor is in that command, and is made again by replay when the
 * cursor goes into another command. A second detail, peek, holds the
 * events of the last other command read (the TUI reads back a little
 * across command boundaries; hist_each streams a command it is asked for).
 *
 * Every command starts with an EV_CMD event whose w_end is 0, the state
 * before the command: seeking to that event shows the state the command
 * started from. Writes after a command's last event are folded into that
 * event, so "after the last micro-step" is "after the command".
 */
#include "event.h"

static const char *const kind_names[EV_KIND_COUNT] = {
#define EV_NAME(id, name) [EV_##id] = name,
	MM_EVENT_KINDS(EV_NAME)
#undef EV_NAME
};

const char *ev_kind_name(enum ev_kind k)
{
	return (unsigned)k < EV_KIND_COUNT && kind_names[k] ? kind_names[k] : "unknown";
}

/* The detail arrays grow to hundreds of megabytes for a huge command (a
 * 1 GiB touch records ~400 MB before it is reduced). They come from the
 * machine's allocator in blocks of ALLOC_BIG and up, which the default
 * allocator serves from anonymous mappings that grow with mremap (no
 * copying) and ask for transparent huge pages. The arrays hold values, not
 * simulated state, so moving them is allowed (J1 is about what the records
 * point at). */
#define BIG_MIN ALLOC_BIG

static bool grow(const struct hist *h, void **arr, uint64_t *cap, uint64_t n, size_t elem)
{
	if (n < *cap)
		return true;
	uint64_t nc = *cap ? *cap * 2 : BIG_MIN / elem;
	void *p = mm_realloc(h->alloc, *arr, *cap * elem, nc * elem);
	if (!p)
		return false;
	*arr = p;
	*cap = nc;
	return true;
}

/* MM_DEBUG: records, events and commands that were dropped from the
 * history get junk (alloc.h's ALLOC_JUNK), so a stale index into them reads
 * garbage rather than a plausible old entry (xv6's kfree). */
static void junk(void *p, uint64_t n, size_t elem)
{
#ifdef MM_DEBUG
	if (n)
		memset(p, ALLOC_JUNK, (size_t)n * elem);
#else
	(void)p;
	(void)n;
	(void)elem;
#endif
}

static void detail_clear(struct hdetail *d)
{
	junk(d->j, d->nj, sizeof *d->j);
	junk(d->ev, d->nheld, sizeof *d->ev);
	d->nj = d->nev = d->nheld = 0;
	d->cmd = HIST_NONE;
	d->ev0 = 0;
	memset(d->kinds, 0, sizeof d->kinds);
	d->ev_print = 0;
}

/* Event `local` of a detail (0 = its EV_CMD), or NULL when not held. */
static struct ev *held_local(const struct hdetail *d, uint64_t local)
{
	if (local < d->nheld)
		return &d->ev[local];
	if (local < d->nev && d->nev - local <= HIST_TAIL && d->tail)
		return &d->tail[local % HIST_TAIL];
	return NULL;
}

/* Writes after a command's last event belong to that event. */
static void fold_trailing(struct hdetail *d)
{
	struct ev *last = d->nev ? held_local(d, d->nev - 1) : NULL;
	if (last)
		last->w_end = (uint32_t)d->nj;
}

static void detail_free(const struct hist *h, struct hdetail *d)
{
	mm_free_mem(h->alloc, d->j, d->capj * sizeof *d->j);
	mm_free_mem(h->alloc, d->ev, d->capev * sizeof *d->ev);
	mm_free_mem(h->alloc, d->tail, d->tail ? HIST_TAIL * sizeof *d->tail : 0);
	*d = (struct hdetail){.cmd = HIST_NONE};
}

static uint64_t cmd_bytes(const struct hcmd *c)
{
	return sizeof *c + c->net_len + c->replay_len + (c->kinds ? EV_KIND_COUNT * sizeof *c->kinds : 0);
}

static void cmd_free(struct hist *h, struct hcmd *c)
{
	h->past_bytes -= cmd_bytes(c);
	mm_free_mem(h->alloc, c->net, c->net_len);
	mm_free_mem(h->alloc, c->replay, c->replay_len);
	mm_free_mem(h->alloc, c->kinds, c->kinds ? EV_KIND_COUNT * sizeof *c->kinds : 0);
	junk(c, 1, sizeof *c);
}

int hist_init(struct hist *h)
{
	return hist_init_with(h, NULL);
}

int hist_init_with(struct hist *h, const struct mm_alloc *a)
{
	memset(h, 0, sizeof *h);
	h->alloc = a;
	h->keep_past = true;
	h->ev_cap = HIST_EV_CAP;
	h->win.cmd = h->peek.cmd = HIST_NONE;
	if (!grow(h, (void **)&h->win.j, &h->win.capj, 0, sizeof *h->win.j) ||
	    !grow(h, (void **)&h->win.ev, &h->win.capev, 0, sizeof *h->win.ev) ||
	    !grow(h, (void **)&h->cmd, &h->capcmd, 0, sizeof *h->cmd)) {
		hist_fini(h);
		return -1;
	}
	return 0;
}

void hist_fini(struct hist *h)
{
	for (uint64_t c = 0; c < h->ncmd; c++)
		cmd_free(h, &h->cmd[c]);
	mm_free_mem(h->alloc, h->cmd, h->capcmd * sizeof *h->cmd);
	detail_free(h, &h->win);
	detail_free(h, &h->peek);
	memset(h, 0, sizeof *h);
}

void hist_throw_oom(struct hist *h)
{
	h->oom = true;
	if (h->oom_jmp)
		longjmp(*h->oom_jmp, 1);
}

void hist_interrupt(struct hist *h)
{
	if (!h->interruptible || !h->oom_jmp || !h->open)
		return;
	h->interrupted = true;
	longjmp(*h->oom_jmp, 1);
}

/* The fast path stops at the capacity, or at the history limit when that
 * comes first, so the slow path sees the limit (hist_push). */
static void set_stop(const struct hist *h, struct hdetail *d)
{
	uint64_t lim = h->limit ? h->limit / sizeof *d->j : UINT64_MAX;
	d->stop_j = d->capj < lim ? d->capj : lim;
}

/* J6: a write of the replay checked against win's journal is the next
 * record, or the replay stops before it is made (win.stop_j is 0 while
 * checking, so every write comes here). */
static void check_write(struct hist *h, void *p, uint64_t x, uint32_t size)
{
	const struct hdetail *d = &h->win;
	uint64_t pz = (uint64_t)(uintptr_t)p | ((uint64_t)size << JREC_SIZE_SHIFT);
	if (h->pos_w < d->nj && d->j[h->pos_w].pz == pz && d->j[h->pos_w].x == x) {
		h->pos_w++;
		return;
	}
	h->check.bad = true;
	hist_throw_oom(h); /* armed by stream_held: no return */
}

void hist_push_slow(struct hist *h, void *p, uint64_t x, uint32_t size)
{
	struct hdetail *d = &h->win;
	if (h->check.on) {
		check_write(h, p, x, size);
		return;
	}
	if (h->limit && (d->nj + 1) * sizeof *d->j > h->limit) {
		h->over_limit = true; /* the session names the limit */
		hist_throw_oom(h);
		return;
	}
	if (d->nj >= HIST_MAX_RECORDS || !grow(h, (void **)&d->j, &d->capj, d->nj, sizeof *d->j)) {
		/* Without room to record, the write cannot be undone: the
		 * command is abandoned before it happens (hist_throw_oom). */
		hist_throw_oom(h);
		return;
	}
	set_stop(h, d);
	hist_push(h, p, x, size);
}

/* Does a detail hold all n events of its command (the first ev_cap and
 * the last HIST_TAIL cover them)? */
static bool holds_all(const struct hist *h, uint64_t n)
{
	return n <= h->ev_cap || n - h->ev_cap <= HIST_TAIL;
}

/* Where event number nev of detail w goes (hist_slot_ready), after
 * growing the array or allocating the ring when needed; NULL without host
 * memory. */
static struct ev *slot_for(struct hist *h, struct hdetail *w)
{
	if (w->nev < h->ev_cap) {
		if (!grow(h, (void **)&w->ev, &w->capev, w->nheld, sizeof *w->ev))
			return NULL;
	} else if (!w->tail && !(w->tail = mm_malloc(h->alloc, HIST_TAIL * sizeof *w->tail))) {
		return NULL;
	}
	return hist_slot_ready(h, w);
}

/* Tells the progress callback and the sink of event i, the command's nev-th. */
static void emitted(struct hist *h, uint64_t i, uint64_t nev, const struct ev *e)
{
	if (h->progress.fn && !(nev & HIST_PROGRESS_MASK))
		h->progress.fn(h->progress.arg, nev);
	if (h->sink.fn && i >= h->sink.lo && i < h->sink.hi && !h->sink.rc)
		h->sink.rc = h->sink.fn(h->sink.arg, i, e);
}

/* J6: an event of the replay checked against win, counted and folded
 * for the comparison at its end, and streamed; not held. */
static void check_event(struct hist *h, const struct ev *e)
{
	h->check.print = ev_fold(h->check.print, e);
	uint64_t i = h->win.ev0 + h->check.nev++;
	h->pos_ev = i + 1;
	emitted(h, i, h->check.nev, e);
}

/* hist_emit's every case; the common one is inlined in event.h, and the
 * two must record the same. */
void hist_emit_slow(struct hist *h, enum ev_kind k, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	if (!h->recording)
		return;
	if (h->check.on) {
		check_event(h, &(struct ev){(uint16_t)k, 0, (uint32_t)h->pos_w, a, b, c, d});
		return;
	}
	struct hdetail *w = &h->win;
	struct ev *e = slot_for(h, w);
	if (!e) {
		hist_throw_oom(h);
		return;
	}
	*e = (struct ev){(uint16_t)k, 0, (uint32_t)w->nj, a, b, c, d};
	w->kinds[(unsigned)k < EV_KIND_COUNT ? k : EV_CMD]++;
	w->ev_print = ev_fold(w->ev_print, e);
	uint64_t i = w->ev0 + w->nev++;
	h->pos_ev = i + 1;
	emitted(h, i, w->nev, e);
}

static uint64_t total_events(const struct hist *h)
{
	if (h->open)
		return h->win.ev0 + h->win.nev;
	return h->ncmd ? h->cmd[h->ncmd - 1].ev_end : 0;
}

static uint64_t events_before(const struct hist *h, uint64_t c)
{
	return c < h->ncmd ? h->cmd[c].ev_begin : total_events(h);
}

/* Applies or undoes detail records until pos_w == target. */
static void move_w(struct hist *h, uint64_t target)
{
	const struct jrec *j = h->win.j;
	while (h->pos_w > target)
		jrec_apply(&j[--h->pos_w]);
	while (h->pos_w < target)
		jrec_apply(&j[h->pos_w++]);
}

static void apply_net(const struct hist *h, uint64_t c)
{
	delta_apply(h->cmd[c].net, h->cmd[c].net_len);
}

/* The state to "commands [0, c) applied, no detail record" (J4). A detail
 * applied to its end is its command's net change applied: counted so. */
static void boundary(struct hist *h, uint64_t c)
{
	if (h->win.cmd == h->at && h->pos_w) {
		if (h->pos_w == h->win.nj)
			h->at++;
		else
			move_w(h, 0);
		h->pos_w = 0;
	}
	while (h->at > c)
		apply_net(h, --h->at);
	while (h->at < c)
		apply_net(h, h->at++);
	h->pos_ev = events_before(h, c);
}

/* Is the replayed detail in win the one command c made (delta.h D2)?
 * 1 yes, 0 no, -1 when host memory to tell is lacking. */
static int replay_matches(struct hist *h, uint64_t c)
{
	const struct hcmd *k = &h->cmd[c];
	if (h->win.nev != k->ev_end - k->ev_begin || h->win.ev_print != k->ev_print)
		return 0;
	uint8_t *net;
	uint64_t len;
	if (delta_build(h->alloc, h->win.j, h->win.nj, &net, &len) < 0)
		return -1;
	bool same = len == k->net_len && (!len || !memcmp(net, k->net, len));
	mm_free_mem(h->alloc, net, len);
	return same;
}

/* Runs command c's replay line, recording, from its EV_CMD on: 0 when it
 * ran, else -1. Host memory running out in the replay throws here,
 * whatever the replay function arms: a write it could not record never
 * happens (hist_throw_oom), so undoing the records is exact. */
static int run_replay(struct hist *h, uint64_t c)
{
	const struct hcmd *k = &h->cmd[c];
	volatile int rc = -1;
	jmp_buf jb;
	jmp_buf *outer = h->oom_jmp;
	h->recording = true;
	if (!setjmp(jb)) {
		h->oom_jmp = &jb;
		hist_emit(h, EV_CMD, c, 0, 0, 0);
		rc = h->replay(h->replay_arg, k->replay, k->replay_len);
	}
	h->oom_jmp = outer;
	h->recording = false;
	return rc;
}

/* Makes command c's detail in win by running it again. The state must be
 * at boundary c; after, it is at c's end: through the detail (0), or, when
 * the replay failed or did not match, through the kept net change (-1,
 * win empty). */
static int replay(struct hist *h, uint64_t c)
{
	const struct hcmd *k = &h->cmd[c];
	detail_clear(&h->win);
	h->win.cmd = c;
	h->win.ev0 = k->ev_begin;
	set_stop(h, &h->win);
	h->pos_w = 0;
	h->oom = false;
	int rc = -1;
	if (h->replay && (k->replay || !k->replay_len) && grow(h, (void **)&h->win.ev, &h->win.capev, 0, sizeof *h->win.ev)) {
		rc = run_replay(h, c);
		fold_trailing(&h->win);
	}
	int match = rc == 0 && !h->oom ? replay_matches(h, c) : -1;
	if (match == 1)
		return 0;
	/* A replay that ran to its end and differs is a determinism bug
	 * (something the command reads is not journaled state): harmless to
	 * the user (the state stays exact), fatal in the test builds when the
	 * replay function promises to match (the session's does). */
	MM_ASSERT(!(match == 0 && h->replay_exact));
	move_w(h, 0);
	detail_clear(&h->win);
	h->pos_w = 0;
	apply_net(h, c);
	h->at = c + 1;
	return -1;
}

/* The state into command c, at its beginning or with its detail applied
 * as far as it was, with c's detail in win (made when it is not). */
static int enter(struct hist *h, uint64_t c)
{
	if (h->win.cmd == c) {
		if (h->at == c + 1 && h->pos_w == 0) { /* its end, counted as its net change */
			h->at = c;
			h->pos_w = h->win.nj;
		} else if (h->at != c) {
			boundary(h, c);
		}
		return 0;
	}
	boundary(h, c);
	return replay(h, c);
}

int hist_seek_event(struct hist *h, int64_t i)
{
	if (MM_NEVER(h->open || !h->keep_past))
		return -1;
	uint64_t total = total_events(h), first = hist_first_event(h);
	if (i < (int64_t)first || total == 0) { /* the origin: the booted machine, or where dropping left it */
		boundary(h, 0);
		return 0;
	}
	if ((uint64_t)i >= total)
		i = (int64_t)total - 1;
	uint64_t c = hist_cmd_of(h, (uint64_t)i);
	const struct ev *e = enter(h, c) == 0 ? held_local(&h->win, (uint64_t)i - h->win.ev0) : NULL;
	if (!e) { /* not to be had, or between the events held: the command's end */
		boundary(h, c + 1);
		return -1;
	}
	move_w(h, e->w_end);
	h->pos_ev = (uint64_t)i + 1;
	return 0;
}

void hist_seek_cmd_end(struct hist *h, uint64_t c)
{
	if (MM_NEVER(h->open || !h->keep_past))
		return;
	boundary(h, c >= h->ncmd ? h->ncmd : c + 1);
}

void hist_seek_cmd_begin(struct hist *h, uint64_t c)
{
	if (MM_NEVER(h->open || !h->keep_past))
		return;
	boundary(h, c >= h->ncmd ? h->ncmd : c);
}

void hist_seek_end(struct hist *h)
{
	if (MM_NEVER(h->open || !h->keep_past))
		return;
	boundary(h, h->ncmd);
}

uint64_t hist_cmd_of(const struct hist *h, uint64_t i)
{
	if (h->open && i >= h->win.ev0)
		return h->at;
	uint64_t lo = 0, hi = h->ncmd;
	while (hi - lo > 1) {
		uint64_t mid = (lo + hi) / 2;
		if (h->cmd[mid].ev_begin <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int hist_begin(struct hist *h)
{
	/* Room for the command and its EV_CMD first: failing, the history
	 * stays as it was and no command is open, so there is nothing for the
	 * caller to roll back. */
	if (MM_NEVER(h->open) || !grow(h, (void **)&h->cmd, &h->capcmd, h->ncmd, sizeof *h->cmd) ||
	    !grow(h, (void **)&h->win.ev, &h->win.capev, 0, sizeof *h->win.ev))
		return -1;
	/* (h->ev_cap >= 1, so the EV_CMD below always has a place) */
	/* A cursor past a command's EV_CMD is inside it: the command is done
	 * first (commands are atomic). The event count decides, not pos_w: a
	 * command that changed nothing has no record to be past. */
	if (h->win.cmd == h->at && h->at < h->ncmd && h->pos_ev > h->cmd[h->at].ev_begin)
		boundary(h, h->at + 1);
	/* In the past, the redo tail [at, ncmd) stays as it is until the
	 * command commits; the cursor's detail is made again when needed. */
	detail_clear(&h->win);
	h->win.cmd = h->at;
	h->win.ev0 = events_before(h, h->at);
	set_stop(h, &h->win);
	h->pos_w = 0;
	h->open = true;
	h->oom = h->over_limit = h->just_dropped = false;
	h->recording = true;
	hist_emit(h, EV_CMD, h->at, 0, 0, 0);
	return 0;
}

/* The past may hold half the limit (the other half is for details):
 * beyond, the oldest commands go, down to a quarter, in one move of the
 * array (amortised O(1) a command), never the last one. The state before
 * the first command kept becomes the origin: boundary 0 again. The cursor
 * is at the end (called at commit), so no state moves. */
static void drop_oldest(struct hist *h)
{
	uint64_t k = 0, bytes = h->past_bytes;
	while (k + 1 < h->ncmd && bytes > h->limit / 4)
		bytes -= cmd_bytes(&h->cmd[k++]);
	if (!k)
		return;
	for (uint64_t c = 0; c < k; c++)
		cmd_free(h, &h->cmd[c]);
	memmove(h->cmd, h->cmd + k, (size_t)(h->ncmd - k) * sizeof *h->cmd);
	h->ncmd -= k;
	h->at -= k;
	h->win.cmd = h->win.cmd == HIST_NONE || h->win.cmd < k ? HIST_NONE : h->win.cmd - k;
	if (h->win.cmd == HIST_NONE)
		detail_clear(&h->win);
	if (h->peek.cmd != HIST_NONE && h->peek.cmd < k)
		detail_clear(&h->peek);
	else if (h->peek.cmd != HIST_NONE)
		h->peek.cmd -= k;
	h->dropped += k;
	h->just_dropped = true;
}

/* The net change is being built (seconds for a 1 GiB touch): the
 * progress callback is told, with the events the command made. */
static void commit_tick(void *arg)
{
	struct hist *h = arg;
	if (h->progress.fn)
		h->progress.fn(h->progress.arg, h->win.nev);
}

int hist_commit(struct hist *h, const uint8_t *replay_data, uint64_t len)
{
	struct hdetail *w = &h->win;
	uint8_t *net = NULL, *rp = NULL;
	uint64_t net_len = 0, *kinds = NULL;
	/* Without a past, only a command whose detail does not hold every
	 * event keeps what replays it: hist_each streams the rest (J6). */
	bool replayable = len && (h->keep_past || !holds_all(h, w->nev));
	bool huge = h->keep_past && w->nev > HIST_SUMMARY_MIN;
	if (h->keep_past && delta_build_ticking(h->alloc, w->j, w->nj, &net, &net_len, commit_tick, h) < 0)
		return -1;
	rp = replayable ? mm_malloc(h->alloc, len) : NULL;
	kinds = huge ? mm_malloc(h->alloc, sizeof w->kinds) : NULL;
	if ((replayable && !rp) || (huge && !kinds)) {
		mm_free_mem(h->alloc, net, net_len);
		mm_free_mem(h->alloc, rp, rp ? len : 0);
		mm_free_mem(h->alloc, kinds, kinds ? sizeof w->kinds : 0);
		return -1;
	}
	if (rp)
		memcpy(rp, replay_data, len);
	if (kinds)
		memcpy(kinds, w->kinds, sizeof w->kinds);
	fold_trailing(w);
	for (uint64_t c = h->at; c < h->ncmd; c++) /* the redo tail is discarded */
		cmd_free(h, &h->cmd[c]);
	if (h->peek.cmd != HIST_NONE && h->peek.cmd >= h->at)
		detail_clear(&h->peek);
	h->cmd[h->at] = (struct hcmd){w->ev0, w->ev0 + w->nev, net, net_len, rp, rp ? len : 0, kinds, w->ev_print};
	h->past_bytes += cmd_bytes(&h->cmd[h->at]);
	h->ncmd = h->at + 1;
	h->at = h->ncmd; /* the detail is applied: as the net change is (J4) */
	h->pos_w = 0;
	h->pos_ev = w->ev0 + w->nev;
	h->open = false;
	h->recording = false;
	if (h->limit && h->past_bytes > h->limit / 2)
		drop_oldest(h);
	return 0;
}

void hist_rollback(struct hist *h)
{
	move_w(h, 0);
	detail_clear(&h->win);
	h->pos_w = 0;
	h->open = false;
	h->recording = false;
	h->pos_ev = events_before(h, h->at);
}

void hist_forget(struct hist *h)
{
	bool at_end = h->at == h->ncmd || (h->at + 1 == h->ncmd && h->win.cmd == h->at && h->pos_w == h->win.nj);
	if (MM_NEVER(h->open || !at_end))
		return; /* only at the end of the history: the past is what is dropped */
	for (uint64_t c = 0; c < h->ncmd; c++)
		cmd_free(h, &h->cmd[c]);
	h->dropped += h->ncmd; /* commands keep their numbers since boot (event.h) */
	h->ncmd = h->at = h->pos_w = h->pos_ev = 0;
	detail_clear(&h->win);
	detail_clear(&h->peek);
}

/* ---- reading ---- */

uint64_t hist_first_event(const struct hist *h)
{
	if (h->ncmd)
		return h->cmd[0].ev_begin;
	return h->open ? h->win.ev0 : total_events(h);
}

uint64_t hist_event_count(const struct hist *h)
{
	return total_events(h);
}

uint64_t hist_cmd_count(const struct hist *h)
{
	return h->ncmd;
}

uint64_t hist_cursor(const struct hist *h)
{
	return h->pos_ev;
}

void hist_cmd_range(const struct hist *h, uint64_t c, uint64_t *begin, uint64_t *end)
{
	if (h->open && c == h->at) {
		*begin = h->win.ev0;
		*end = h->win.ev0 + h->win.nev;
	} else if (c < h->ncmd) {
		*begin = h->cmd[c].ev_begin;
		*end = h->cmd[c].ev_end;
	} else {
		*begin = *end = total_events(h);
	}
}

static const struct ev *held(const struct hdetail *d, uint64_t i)
{
	return d->cmd != HIST_NONE && i >= d->ev0 ? held_local(d, i - d->ev0) : NULL;
}

/* Command c's events into peek, by a replay between the cursor's state and
 * back: the state, the cursor and win are as they were after. Its records
 * are not kept (the state is never moved through peek). */
static int peek_load(struct hist *h, uint64_t c)
{
	/* (with h->sink set, the replay streams events as they are made) */
	if (!h->keep_past)
		return -1; /* no net change to reach the state before c by */
	uint64_t at = h->at, pos_w = h->pos_w, pos_ev = h->pos_ev;
	boundary(h, c);
	struct hdetail cursor = h->win;
	h->win = h->peek;
	int rc = replay(h, c);
	if (rc == 0) {
		move_w(h, 0);
		h->pos_w = 0;
	}
	mm_free_mem(h->alloc, h->win.j, h->win.capj * sizeof *h->win.j);
	h->win.j = NULL;
	h->win.nj = h->win.capj = h->win.stop_j = 0;
	h->peek = h->win;
	h->win = cursor;
	/* Back: at boundary c (or c + 1 when the replay failed) to where the
	 * cursor was (J4 held there, so win is its command when pos_w > 0). */
	boundary(h, at);
	move_w(h, pos_w);
	h->pos_ev = pos_ev;
	return rc;
}

/* Would a detail of event i's command hold it?  A replay cannot bring
 * an event between the kept prefix and tail, so none is made for one
 * (a reader scanning backwards from the tail would otherwise replay the
 * whole command once per event). */
static bool is_kept(const struct hist *h, uint64_t i)
{
	uint64_t he, tb;
	hist_cmd_held(h, hist_cmd_of(h, i), &he, &tb);
	return i < he || i >= tb;
}

int hist_event(struct hist *h, uint64_t i, struct ev *out)
{
	if (i >= total_events(h) || i < hist_first_event(h))
		return -1;
	const struct ev *e = held(&h->win, i);
	if (!e)
		e = held(&h->peek, i);
	if (!e && !h->open && is_kept(h, i) && peek_load(h, hist_cmd_of(h, i)) == 0)
		e = held(&h->peek, i);
	if (!e)
		return -1;
	*out = *e;
	return 0;
}

/* J6: command c = win.cmd run again from its start, each write checked
 * against win's journal, its events streamed to the sink: 0 when it made
 * the same writes and events, else -1. The state, the cursor and win are
 * as they were after, either way. */
static int replay_checked(struct hist *h, uint64_t c)
{
	const struct hcmd *k = &h->cmd[c];
	if (!h->replay || !k->replay)
		return -1; /* nothing to run again (hist_commit keeps it for every command streamed) */
	uint64_t at = h->at, pos_w = h->pos_w, pos_ev = h->pos_ev;
	bool oom = h->oom;
	enter(h, c); /* win holds c: no replay */
	move_w(h, 0);
	h->check.on = true;
	h->check.bad = false;
	h->check.nev = h->check.print = 0;
	h->win.stop_j = 0; /* every write to check_write */
	int rc = run_replay(h, c);
	h->check.on = false;
	set_stop(h, &h->win);
	bool same = rc == 0 && !h->check.bad && h->pos_w == h->win.nj && h->check.nev == h->win.nev &&
		    h->check.print == h->win.ev_print;
	/* As in replay(): a replay that ran to its end and differs is a
	 * determinism bug, fatal in the test builds. */
	MM_ASSERT(same || !h->replay_exact || (rc != 0 && !h->check.bad));
	move_w(h, h->win.nj); /* where a replay that differed stopped: to c's end by the journal */
	boundary(h, at);
	move_w(h, pos_w);
	h->pos_ev = pos_ev;
	h->oom = oom;
	return same ? 0 : -1;
}

/* Streams events [lo, hi) of command c, which no detail holds, from a
 * replay of it: checked against win's journal when win holds c (J6),
 * else into peek (its first ev_cap events stay there after). */
static int stream(struct hist *h, uint64_t c, uint64_t lo, uint64_t hi, hist_each_fn fn, void *arg)
{
	h->sink.fn = fn;
	h->sink.arg = arg;
	h->sink.lo = lo;
	h->sink.hi = hi;
	h->sink.rc = 0;
	int rc = h->win.cmd == c ? replay_checked(h, c) : peek_load(h, c);
	int out = rc < 0 ? -1 : h->sink.rc;
	h->sink.fn = NULL;
	return out;
}

int hist_each(struct hist *h, uint64_t begin, uint64_t end, hist_each_fn fn, void *arg)
{
	uint64_t total = total_events(h);
	if (end > total)
		end = total;
	if (begin < hist_first_event(h))
		return -1;
	for (uint64_t i = begin; i < end;) {
		const struct ev *e = held(&h->win, i);
		if (!e)
			e = held(&h->peek, i);
		if (e) {
			int rc = fn(arg, i, e);
			if (rc)
				return rc;
			i++;
			continue;
		}
		/* The rest of this command from a replay, in one pass. */
		uint64_t c = hist_cmd_of(h, i), b, ce;
		hist_cmd_range(h, c, &b, &ce);
		uint64_t stop = end < ce ? end : ce;
		if (h->open)
			return -1;
		int rc = stream(h, c, i, stop, fn, arg);
		if (rc)
			return rc;
		i = stop;
	}
	return 0;
}

void hist_cmd_kinds(struct hist *h, uint64_t c, uint64_t counts[EV_KIND_COUNT])
{
	const uint64_t *k = NULL;
	if (h->win.cmd == c)
		k = h->win.kinds;
	else if (h->peek.cmd == c)
		k = h->peek.kinds;
	else if (c < h->ncmd && h->cmd[c].kinds)
		k = h->cmd[c].kinds;
	else if (c < h->ncmd && !h->open && peek_load(h, c) == 0)
		k = h->peek.kinds;
	if (k)
		memcpy(counts, k, EV_KIND_COUNT * sizeof *counts);
	else
		memset(counts, 0, EV_KIND_COUNT * sizeof *counts);
}

void hist_cmd_held(const struct hist *h, uint64_t c, uint64_t *held_end, uint64_t *tail_begin)
{
	uint64_t b, e;
	hist_cmd_range(h, c, &b, &e);
	*held_end = *tail_begin = e;
	if (!holds_all(h, e - b)) { /* as held_local: a prefix and a tail */
		*held_end = b + h->ev_cap;
		*tail_begin = e - HIST_TAIL;
	}
}

uint64_t hist_bytes_past(const struct hist *h)
{
	return h->past_bytes;
}

uint64_t hist_bytes_detail(const struct hist *h)
{
	uint64_t tails = (h->win.tail != NULL) + (h->peek.tail != NULL);
	return h->win.capj * sizeof(struct jrec) + h->win.capev * sizeof(struct ev) + h->peek.capj * sizeof(struct jrec) +
	       h->peek.capev * sizeof(struct ev) + tails * HIST_TAIL * sizeof(struct ev);
}
