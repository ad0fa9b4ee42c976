/*
 * event.c — the journal, the event stream and the history cursor.
 *
 * Design (see event.h for the invariants): the journal is an array of
 * {pointer, old, new, size} records; the event stream is an array of
 * semantic events, each ending at a journal position; commands are ranges of
 * both. The cursor (pos_w, pos_ev) is where the visible state is. Moving it
 * applies old values (backwards) or new values (forwards) record by record,
 * so the cost of a step is the size of the step, never the size of the
 * history.
 *
 * Every command starts with an EV_CMD event whose w_end is the journal
 * position before the command: seeking to that event shows the state the
 * command started from. Writes after a command's last event are folded into
 * that event at commit, so "after the last micro-step" is "after the
 * command".
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

/* The journal and the event stream grow to hundreds of megabytes in long
 * sessions (a 1 GiB touch records ~400 MB). They come from the machine's
 * allocator in blocks of ALLOC_BIG and up, which the default allocator
 * serves from anonymous mappings that grow with mremap (no copying) and ask
 * for transparent huge pages, so recording costs few host page faults. The
 * arrays hold values, not simulated state, so moving them is allowed (J1 is
 * about what the records point at). */
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

int hist_init(struct hist *h)
{
	return hist_init_with(h, NULL);
}

int hist_init_with(struct hist *h, const struct mm_alloc *a)
{
	memset(h, 0, sizeof *h);
	h->alloc = a;
	if (!grow(h, (void **)&h->j, &h->capj, 0, sizeof *h->j) || !grow(h, (void **)&h->ev, &h->capev, 0, sizeof *h->ev) ||
	    !grow(h, (void **)&h->cmd, &h->capcmd, 0, sizeof *h->cmd)) {
		hist_fini(h);
		return -1;
	}
	return 0;
}

void hist_fini(struct hist *h)
{
	mm_free_mem(h->alloc, h->j, h->capj * sizeof *h->j);
	mm_free_mem(h->alloc, h->ev, h->capev * sizeof *h->ev);
	mm_free_mem(h->alloc, h->cmd, h->capcmd * sizeof *h->cmd);
	memset(h, 0, sizeof *h);
}

/* Exchanges the value in memory with the one in the record. */
static void swap(struct jrec *r)
{
	void *p = (void *)(uintptr_t)(r->pz & ((1ull << JREC_SIZE_SHIFT) - 1));
	uint64_t v = r->v;
	switch (r->pz >> JREC_SIZE_SHIFT) {
	case 1: r->v = *(uint8_t *)p; *(uint8_t *)p = (uint8_t)v; break;
	case 2: r->v = *(uint16_t *)p; *(uint16_t *)p = (uint16_t)v; break;
	case 4: r->v = *(uint32_t *)p; *(uint32_t *)p = (uint32_t)v; break;
	default: r->v = *(uint64_t *)p; *(uint64_t *)p = v; break;
	}
}

uint64_t hist_cmd_of(const struct hist *h, uint64_t i)
{
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

void hist_throw_oom(struct hist *h)
{
	h->oom = true;
	if (h->oom_jmp)
		longjmp(*h->oom_jmp, 1);
}

void hist_push_slow(struct hist *h, void *p, uint64_t oldv, uint32_t size)
{
	if (h->nj >= HIST_MAX_RECORDS || !grow(h, (void **)&h->j, &h->capj, h->nj, sizeof *h->j)) {
		/* Without room to record, the write cannot be undone: the
		 * command is abandoned before it happens (hist_throw_oom).
		 * Outside a command the write is stored unrecorded. */
		hist_throw_oom(h);
		return;
	}
	hist_push(h, p, oldv, size);
}

void hist_emit(struct hist *h, enum ev_kind k, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	if (!h->recording)
		return;
	if (!grow(h, (void **)&h->ev, &h->capev, h->nev, sizeof *h->ev)) {
		hist_throw_oom(h);
		return;
	}
	h->ev[h->nev++] = (struct ev){(uint16_t)k, 0, (uint32_t)h->nj, a, b, c, d};
	h->pos_ev = h->nev;
}

/* Applies or reverts journal records until pos_w == target. */
static void move_w(struct hist *h, uint64_t target)
{
	while (h->pos_w > target)
		swap(&h->j[--h->pos_w]);
	while (h->pos_w < target)
		swap(&h->j[h->pos_w++]);
}

int hist_begin(struct hist *h)
{
	/* Room for the command and its EV_CMD first: failing, the history
	 * stays as it was and no command is open, so there is nothing for the
	 * caller to roll back. */
	if (!grow(h, (void **)&h->cmd, &h->capcmd, h->ncmd, sizeof *h->cmd) ||
	    !grow(h, (void **)&h->ev, &h->capev, h->nev, sizeof *h->ev))
		return -1;
	uint64_t ncmd = h->ncmd;
	while (ncmd && h->cmd[ncmd - 1].ev_begin >= h->pos_ev)
		ncmd--;
	/* In the past: the redo tail is parked, not discarded, until the
	 * command succeeds. Its records are unapplied and the command's own go
	 * after them, so pos_w counts the tail as if applied while the command
	 * runs; nothing seeks meanwhile, and rollback puts pos_w back. */
	h->parked = h->pos_w < h->nj || h->pos_ev < h->nev || ncmd < h->ncmd;
	h->park_w = h->pos_w;
	h->park_ev = h->pos_ev;
	h->park_cmd = ncmd;
	h->pos_w = h->nj;
	h->oom = false;
	h->cmd[h->ncmd++] = (struct hcmd){h->nev, h->nev, h->nj, h->nj};
	hist_emit(h, EV_CMD, h->ncmd - 1, 0, 0, 0);
	return 0;
}

void hist_forget(struct hist *h)
{
	if (MM_NEVER(h->pos_ev != h->nev || h->pos_w != h->nj))
		return; /* only at the end of the history: the past is what is dropped */
	junk(h->j, h->nj, sizeof *h->j);
	junk(h->ev, h->nev, sizeof *h->ev);
	junk(h->cmd, h->ncmd, sizeof *h->cmd);
	h->nj = h->nev = h->ncmd = 0;
	h->pos_w = h->pos_ev = 0;
}

/* The open command moves down over the parked tail: O(the command's own
 * records), never O(the tail). Its events' journal positions and its
 * command number shift with it. */
static void unpark(struct hist *h)
{
	struct hcmd c = h->cmd[h->ncmd - 1];
	uint64_t dw = c.w_begin - h->park_w, de = c.ev_begin - h->park_ev;
	uint64_t nw = h->nj - c.w_begin, ne = h->nev - c.ev_begin;
	memmove(h->j + h->park_w, h->j + c.w_begin, (size_t)nw * sizeof *h->j);
	memmove(h->ev + h->park_ev, h->ev + c.ev_begin, (size_t)ne * sizeof *h->ev);
	for (uint64_t i = h->park_ev; i < h->park_ev + ne; i++)
		h->ev[i].w_end -= (uint32_t)dw;
	h->ev[h->park_ev].a = h->park_cmd; /* EV_CMD names its command */
	junk(h->j + h->park_w + nw, dw, sizeof *h->j);
	junk(h->ev + h->park_ev + ne, de, sizeof *h->ev);
	junk(h->cmd + h->park_cmd + 1, h->ncmd - 1 - h->park_cmd, sizeof *h->cmd);
	h->cmd[h->park_cmd] = (struct hcmd){c.ev_begin - de, c.ev_end - de, c.w_begin - dw, c.w_end - dw};
	h->nj -= dw;
	h->nev -= de;
	h->ncmd = h->park_cmd + 1;
	h->pos_w = h->nj;
	h->pos_ev = h->nev;
	h->parked = false;
}

void hist_commit(struct hist *h)
{
	struct hcmd *c = &h->cmd[h->ncmd - 1];
	if (h->nev > c->ev_begin)
		h->ev[h->nev - 1].w_end = (uint32_t)h->nj; /* fold trailing writes into the last step */
	c->ev_end = h->nev;
	c->w_end = h->nj;
	if (h->parked)
		unpark(h);
}

void hist_rollback(struct hist *h)
{
	struct hcmd *c = &h->cmd[h->ncmd - 1];
	move_w(h, c->w_begin);
	junk(h->j + c->w_begin, h->nj - c->w_begin, sizeof *h->j);
	junk(h->ev + c->ev_begin, h->nev - c->ev_begin, sizeof *h->ev);
	h->nj = c->w_begin;
	h->nev = c->ev_begin;
	h->pos_ev = h->nev;
	h->ncmd--;
	junk(c, 1, sizeof *c);
	if (h->parked) { /* the cursor goes back into the past it was in */
		h->pos_w = h->park_w;
		h->pos_ev = h->park_ev;
		h->parked = false;
	}
}

void hist_seek_event(struct hist *h, int64_t i)
{
	if (i < 0) {
		move_w(h, 0);
		h->pos_ev = 0;
		return;
	}
	if ((uint64_t)i >= h->nev)
		i = (int64_t)h->nev - 1;
	if (i < 0) { /* an empty history: the booted machine is all there is */
		move_w(h, 0);
		h->pos_ev = 0;
		return;
	}
	move_w(h, h->ev[i].w_end);
	h->pos_ev = (uint64_t)i + 1;
}

void hist_seek_cmd_end(struct hist *h, uint64_t c)
{
	if (c >= h->ncmd)
		return hist_seek_end(h);
	move_w(h, h->cmd[c].w_end);
	h->pos_ev = h->cmd[c].ev_end;
}

void hist_seek_cmd_begin(struct hist *h, uint64_t c)
{
	if (c >= h->ncmd)
		return hist_seek_end(h);
	move_w(h, h->cmd[c].w_begin);
	h->pos_ev = h->cmd[c].ev_begin;
}

void hist_seek_end(struct hist *h)
{
	move_w(h, h->nj);
	h->pos_ev = h->nev;
}

uint64_t hist_event_count(const struct hist *h)
{
	return h->nev;
}

uint64_t hist_cursor(const struct hist *h)
{
	return h->pos_ev;
}

uint64_t hist_cmd_count(const struct hist *h)
{
	return h->ncmd;
}

void hist_cmd_range(const struct hist *h, uint64_t c, uint64_t *begin, uint64_t *end)
{
	if (c >= h->ncmd) {
		*begin = *end = h->nev;
		return;
	}
	*begin = h->cmd[c].ev_begin;
	*end = c + 1 == h->ncmd ? h->nev : h->cmd[c].ev_end;
}

int hist_event(struct hist *h, uint64_t i, struct ev *out)
{
	if (i >= h->nev)
		return -1;
	*out = h->ev[i];
	return 0;
}

int hist_each(struct hist *h, uint64_t begin, uint64_t end, hist_each_fn fn, void *arg)
{
	if (end > h->nev)
		end = h->nev;
	for (uint64_t i = begin; i < end; i++) {
		int rc = fn(arg, i, &h->ev[i]);
		if (rc)
			return rc;
	}
	return 0;
}

void hist_cmd_kinds(struct hist *h, uint64_t c, uint64_t counts[EV_KIND_COUNT])
{
	uint64_t b, e;
	memset(counts, 0, EV_KIND_COUNT * sizeof *counts);
	hist_cmd_range(h, c, &b, &e);
	for (uint64_t i = b; i < e; i++)
		counts[h->ev[i].kind < EV_KIND_COUNT ? h->ev[i].kind : EV_CMD]++;
}
