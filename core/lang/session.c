/*
 * session.c — one command line through the whole pipeline (session.h):
 *
 *   lex_split -> cmd_find -> argument count, a binding only of a command
 *     with a value (nothing has run yet) -> hist_begin -> exec
 *     -> success: hist_commit, bind $name
 *     -> failure: hist_rollback (the machine is exactly as before)
 *   -> the JSON-lines object of docs/output.md OUT-JSON, or its text form (OUT-TEXT).
 *
 * The printers at the end turn an outcome into output three ways: a cJSON
 * tree (session_exec_json, for the TUI and scenarios), one JSON line
 * written straight to a stream (session_exec_jsonl, --batch --json), and
 * text (session_exec_text). Either way a command's micro-steps come from
 * the history one at a time (evout.h) and a command of more than
 * EVOUT_MAX is summarised (OUT-SUMMARY); `events` finds a past command's
 * micro-steps by its number (count_cmd, session_find_events).
 *
 * Errors come from the core as NTSTATUS names (or a Win32 error, a bug
 * check, "syntax"). One function, error_codes, decides how a failure is
 * reported, for the text and the JSON alike: a Win32 API command reports
 * the Win32 error GetLastError would give (RtlNtStatusToDosError), with the
 * status beside it, since that is what a Win32 programmer sees; kernel-mode
 * calls and debugger commands (CMD_NTSTATUS) report the NTSTATUS itself.
 */
#include "session.h"
#include "langmsg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "check.h"
#include "cmd.h"
#include "base/alloc.h"
#include "base/consts.h"
#include "evout.h"
#include "evtext.h"
#include "jout.h"
#include "mm/image.h"
#include "lex.h"
#include "base/machine.h"
#include "mm.h"
#include "scenario_limits.h"
#include "textkey.h"
#include "mm/mmmsg.h"

/* The record `save` replays (docs/commands.md CMD-SESSION): every line
 * that changed the machine, and the narration, one after another in one
 * buffer with their offsets, so that a long session costs its text and not
 * a host allocation a line. At most SCN_MAX_STEPS lines, the most steps a
 * scenario holds: a longer session is not recorded further (full), so its
 * memory stays flat, and `save` says why it cannot write it. */
struct record {
	char *text;
	size_t len, cap;            /* bytes of text used, allocated */
	size_t *off;                /* offset of each line in text */
	size_t n, capn;
	bool full;
};

struct session {
	bool check;                 /* MMVIZ_CHECK=1: the invariant checker after every command */
	struct mm *m;
	struct mm_config cfg;
	struct lex_vars *vars;
	uint64_t seq;
	int lang;
	struct record rec;          /* what `save` replays */
	char *last_say;
	bool said_oom;              /* session_said found no memory for the text */
	struct mm_alloc alloc;      /* the host allocator of the configuration (the lines, the session itself) */
	struct image_def images[MM_MAX_IMAGES];     /* a scenario's own images, re-defined after `reset` */
	int nimages;
	bool forget;                /* no stepping back: each command's history goes before the next */
	/* The printers' (docs/output.md OUT-SUMMARY): which history command
	 * each command number ran as, for `events` (ascending; an entry whose
	 * history command is gone is dropped when the next one commits) ... */
	struct seq_hcmd { uint64_t seq, hcmd; } *runs;
	size_t nruns, capruns;
	bool events_all;            /* --events all: no summaries */
	bool no_echo;               /* session_echo(false): no "> line" in the text */
	/* The last SESSION_TRACE user-mode page references of the session's
	 * commands, for `policies --from-process` (docs/commands.md CMD-POLICIES). */
	struct trace_ref { uint32_t pid; uint64_t vpn; } trace[SESSION_TRACE];
	uint64_t ntrace;            /* references seen; the ring holds the last SESSION_TRACE */
	uint64_t trace_left;        /* accesses of the command being read into the ring still to come */
	struct evout_cmd show;      /* ... and what the running `events` shows (show.end > show.begin) */
	session_screen_fn screen;   /* the TUI's screen, for `snapshot` (NULL in batch mode) */
	void *screen_ctx;
	/* The command the last line named (NULL when it named none) and its
	 * number: session_text prints that command's result as the text
	 * printer does. */
	const struct cmd_entry *last_entry;
	uint64_t last_seq;
	/* Where a command streams its result for --batch --json (cmd.h
	 * cmd_res_root): one buffer, rewound for each command, so host memory
	 * stays at the largest result. Opened at the first JSON line. */
	FILE *jres;
	char *jres_buf;
	size_t jres_len;
};

static int replay_line(void *arg, const uint8_t *data, uint64_t len);

/* The user-mode accesses among a finished command's kept events, into the
 * trace ring, for the process current when the command ended. The read
 * stops after the command's last access (1). */
static int trace_one(void *arg, uint64_t i, const struct ev *e)
{
	struct session *s = arg;
	(void)i;
	if (e->kind != EV_ACCESS)
		return 0;
	if (e->c == 0) {
		struct trace_ref *t = &s->trace[s->ntrace++ % SESSION_TRACE];
		t->pid = mm_cur(s->m)->pid;
		t->vpn = mm_page_number(e->a);
	}
	return --s->trace_left == 0;
}

/* The finished command's accesses into the trace ring: the events a
 * detail holds, never a replay (event.h HIST_EV_CAP), and only as far as
 * its last access. A command without one (most of a batch: VirtualAlloc,
 * VirtualQuery, !pte) costs a look at its count by kind. */
static void trace_command(struct session *s, struct hist *h, uint64_t begin, uint64_t end)
{
	uint64_t kinds[EV_KIND_COUNT];
	hist_cmd_kinds(h, hist_cmd_count(h) - 1, kinds);
	s->trace_left = kinds[EV_ACCESS];
	if (s->trace_left)
		hist_each(h, begin, MM_MIN(end, begin + (HIST_EV_CAP >> 2)), trace_one, s);
}

size_t session_trace(const struct session *s, uint32_t pid, uint64_t *vpn, size_t max)
{
	uint64_t first = s->ntrace > SESSION_TRACE ? s->ntrace - SESSION_TRACE : 0;
	size_t n = 0;
	for (uint64_t i = first; i < s->ntrace; i++)
		if (s->trace[i % SESSION_TRACE].pid == pid)
			n++;
	uint64_t skip = n > max ? n - max : 0;
	n = 0;
	for (uint64_t i = first; i < s->ntrace && n < max; i++)
		if (s->trace[i % SESSION_TRACE].pid == pid && !(skip && skip--))
			vpn[n++] = s->trace[i % SESSION_TRACE].vpn;
	return n;
}

/* The history of each machine the session makes replays through the
 * session (event.h), and keeps no past when nothing steps back. */
static void attach(struct session *s)
{
	s->m->hist.replay = replay_line;
	s->m->hist.replay_arg = s;
	s->m->hist.replay_exact = true;
	s->m->hist.keep_past = !s->forget;
	/* --events all holds no more than the summary: the events a detail
	 * does not hold are streamed from a replay checked against the
	 * command's journal (event.h J6), also in batch mode. */
	s->m->hist.ev_cap = HIST_EV_CAP;
}

struct session *session_new(const struct mm_config *cfg, struct mm_err *err)
{
	struct mm_alloc a = {cfg->alloc, cfg->alloc_ud};
	struct session *s = mm_calloc(&a, 1, sizeof *s);
	if (!s) {
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, LM_OOM);
		return NULL;
	}
	s->cfg = *cfg;
	s->alloc = a;
	s->lang = cfg->lang;
	const char *chk = getenv("MMVIZ_CHECK");
	s->check = chk && *chk && strcmp(chk, "0");
	s->vars = lex_vars_new();
	s->m = s->vars ? mm_new(cfg, err) : NULL;
	if (!s->m) {
		if (!s->vars)
			mm_fail_tr(err, "STATUS_NO_MEMORY", -1, LM_OOM);
		session_free(s);
		return NULL;
	}
	attach(s);
	return s;
}

static void forget_lines(struct session *s)
{
	s->rec.len = s->rec.n = 0;
	s->rec.full = false;
}

void session_free(struct session *s)
{
	if (!s)
		return;
	mm_free(s->m);
	lex_vars_free(s->vars);
	forget_lines(s);
	mm_free_mem(&s->alloc, s->rec.text, s->rec.cap);
	mm_free_mem(&s->alloc, s->rec.off, s->rec.capn * sizeof *s->rec.off);
	mm_free_mem(&s->alloc, s->runs, s->capruns * sizeof *s->runs);
	if (s->jres)
		fclose(s->jres);
	free(s->jres_buf);
	if (s->last_say)
		mm_free_mem(&s->alloc, s->last_say, strlen(s->last_say) + 1);
	struct mm_alloc a = s->alloc;
	mm_free_mem(&a, s, sizeof *s);
}

struct mm *session_mm(struct session *s) { return s->m; }
struct lex_vars *session_vars(struct session *s) { return s->vars; }
void session_keep_history(struct session *s, bool keep)
{
	s->forget = !keep;
	attach(s);
}

int session_lang(const struct session *s) { return s->lang; }
void session_set_lang(struct session *s, int lang) { s->lang = lang; }
const struct mm_config *session_config(const struct session *s) { return &s->cfg; }
size_t session_line_count(const struct session *s) { return s->rec.n; }
const char *session_line(const struct session *s, size_t i) { return i < s->rec.n ? s->rec.text + s->rec.off[i] : NULL; }
bool session_record_full(const struct session *s) { return s->rec.full; }
const char *session_last_say(const struct session *s) { return s->last_say; }

/* Used by cmd_session.c. */
int session_reset(struct session *s, struct mm_err *err);
void session_said(struct session *s, const char *text);

static int apply_image(struct mm *m, const struct image_def *d, struct mm_err *err)
{
	const char *names[MM_MAX_IMAGE_SECTIONS];
	uint64_t sizes[MM_MAX_IMAGE_SECTIONS];
	uint32_t prots[MM_MAX_IMAGE_SECTIONS];
	for (int k = 0; k < d->nsec; k++) {
		names[k] = d->sec[k].name;
		sizes[k] = mm_pages_bytes(d->sec[k].pages);
		prots[k] = mm_prot_to_win32(d->sec[k].protection);
	}
	return image_define(m, d->name, d->base, d->nsec, names, sizes, prots, err);
}

int session_define_image(struct session *s, const char *name, uint64_t base, int nsec, const char *const *names,
			 const uint64_t *sizes, const char *const *protects, struct mm_err *err)
{
	if (nsec < 1 || nsec > MM_MAX_IMAGE_SECTIONS)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", -1, MMM_IMG_SECTIONS, name, MM_MAX_IMAGE_SECTIONS);
	uint32_t prots[MM_MAX_IMAGE_SECTIONS];
	for (int k = 0; k < nsec; k++)
		if (lex_flags(protects[k], consts_page, consts_page_n, &prots[k], -1, err) < 0)
			return -1;
	if (image_define(s->m, name, base, nsec, names, sizes, prots, err) < 0 || s->nimages >= MM_MAX_IMAGES)
		return -1;
	for (int i = 0; i < s->m->nimages; i++) /* remember what was defined, for `reset` */
		if (!strcasecmp(s->m->image[i].name, name))
			s->images[s->nimages++] = s->m->image[i];
	return 0;
}

int session_reset(struct session *s, struct mm_err *err)
{
	struct mm *fresh = mm_new(&s->cfg, err);
	if (!fresh)
		return -1;
	for (int i = 0; i < s->nimages; i++)
		if (apply_image(fresh, &s->images[i], err) < 0) {
			mm_free(fresh);
			return -1;
		}
	mm_free(s->m);
	s->m = fresh;
	attach(s);
	lex_vars_clear(s->vars);
	forget_lines(s);
	return 0;
}

void session_said(struct session *s, const char *text)
{
	char *copy = mm_strdup(&s->alloc, text);
	if (!copy) { /* run() fails the command; the old narration stays */
		s->said_oom = true;
		return;
	}
	if (s->last_say)
		mm_free_mem(&s->alloc, s->last_say, strlen(s->last_say) + 1);
	s->last_say = copy;
}

/* Room in the record for raw and its offset, before the command runs, so
 * that running out of host memory fails the command with nothing done.
 * 0: room made (keep_line records it); 1: the record is full, the line
 * will not be recorded; -1: no host memory. */
static int reserve_line(struct session *s, const char *raw)
{
	struct record *r = &s->rec;
	size_t need = strlen(raw) + 1;
	if (r->full || r->n >= SCN_MAX_STEPS)
		return 1;
	if (r->n == r->capn) {
		size_t nc = r->capn ? r->capn * 2 : 64;
		size_t *o = mm_realloc(&s->alloc, r->off, r->capn * sizeof *o, nc * sizeof *o);
		if (!o)
			return -1;
		r->off = o;
		r->capn = nc;
	}
	if (r->cap - r->len < need) {
		size_t nc = r->cap ? r->cap * 2 : 4096;
		while (nc - r->len < need)
			nc *= 2;
		char *t = mm_realloc(&s->alloc, r->text, r->cap, nc);
		if (!t)
			return -1;
		r->text = t;
		r->cap = nc;
	}
	return 0;
}

/* The command succeeded: raw joins the record (in the room reserve_line
 * made), or, the record being full, the record says so. */
static void keep_line(struct session *s, const char *raw, int reserved)
{
	struct record *r = &s->rec;
	if (reserved != 0) {
		r->full = true;
		return;
	}
	size_t n = strlen(raw) + 1;
	memcpy(r->text + r->len, raw, n);
	r->off[r->n++] = r->len;
	r->len += n;
}

/* Room for the entry count_cmd makes for a command that changes the
 * machine (`events` finds its micro-steps through it), made before the
 * command runs, like reserve_line's. 0, or -1: no host memory. */
static int reserve_run(struct session *s)
{
	if (s->nruns < s->capruns)
		return 0;
	size_t nc = s->capruns ? s->capruns * 2 : 64;
	struct seq_hcmd *r = mm_realloc(&s->alloc, s->runs, s->capruns * sizeof *r, nc * sizeof *r);
	if (!r)
		return -1;
	s->runs = r;
	s->capruns = nc;
	return 0;
}

struct outcome {
	bool empty, ok;
	size_t streamed;            /* ctx.json_done: the bytes of the result in the session's jres */
	struct mm_err err;
	const struct cmd_entry *entry;
	cJSON *result;
	uint64_t ev_begin, ev_end;
	struct cmd_ctx ctx;
	struct lex_line ln;
};

static int check_argc(const struct cmd_entry *e, int argc, struct mm_err *err)
{
	if (argc < e->min_args)
		return mm_fail_tr(err, "syntax", argc + 1, LM_TOO_FEW, e->name, e->name, e->usage);
	if (e->max_args >= 0 && argc > e->max_args)
		return mm_fail_tr(err, "syntax", e->max_args + 1, LM_TOO_MANY, e->name, e->name, e->usage);
	return 0;
}

/* "$x = COMMAND" for a command without a value is refused here, before
 * it runs: `$u = reset`, `$v = say hi` or `$f = export F` would otherwise
 * have done their work (a new machine, a narration, a host file) beyond
 * the journal's reach before the binding failed (docs/commands.md CMD-VARS). */
static int check_bind(const struct cmd_entry *e, const char *assign, struct mm_err *err)
{
	if (!assign[0] || (e->flags & CMD_VALUE))
		return 0;
	return mm_fail_tr(err, "syntax", 0, LM_NO_VALUE_TO_BIND, e->name, assign);
}

/* Runs a journaled command with the history's oom_jmp armed: when host
 * memory runs out anywhere below (hist_throw_oom), control comes back here
 * and the command fails as out of memory; run() then rolls the journal back
 * to the command's mark. */
static int exec_guarded(const struct cmd_entry *e, struct cmd_ctx *c, struct hist *h)
{
	jmp_buf jb;
	jmp_buf *outer = h->oom_jmp;
	if (setjmp(jb)) {
		h->oom_jmp = outer;
		if (h->interrupted) {
			h->interrupted = false;
			return mm_fail_tr(c->err, "interrupted", -1, LM_INTERRUPTED, e->name);
		}
		if (h->over_limit)
			return mm_fail_tr(c->err, "limit", -1, LM_HISTORY_LIMIT, e->name,
					  (unsigned long long)(h->limit >> 20));
		return mm_fail_tr(c->err, "STATUS_NO_MEMORY", -1, LM_OOM_UNDONE, e->name);
	}
	h->oom_jmp = &jb;
	int rc = e->exec(c);
	h->oom_jmp = outer;
	return rc;
}

/* A broken invariant is the one thing that may stop mmviz:
 * the simulation can no longer be trusted. The message names the rule. */
static void verify(struct session *s, const char *line)
{
	char buf[512];
	const char *v = mm_check(s->m, buf, sizeof buf);
	if (v) {
		fflush(stdout);
		fprintf(stderr, "mmviz: invariant violated after '%s': %s\n", line, v);
		abort();
	}
}

/* What the echo of a line the lexer refused shows (docs/output.md OUT-TEXT,
 * the `cmd` of OUT-JSON): the line as read, without its end of line, cut
 * to LEX_MAX_LINE bytes. It is kept in ln->raw, which the lexer left empty,
 * so the printers echo o->ln.raw in every case. */
static void keep_refused_line(struct lex_line *ln, const char *line)
{
	size_t n = strnlen(line, LEX_MAX_LINE + 1);
	bool cut = n > LEX_MAX_LINE;
	if (cut)
		n = LEX_MAX_LINE - 3;
	while (!cut && n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	memcpy(ln->raw, line, n);
	strcpy(ln->raw + n, cut ? "..." : "");
}

/* ---- replay (event.h): a past command run again to show its micro-steps ----
 *
 * What replays a command is its line as the lexer kept it and the value of
 * every variable its words name at the time it ran (a later `$a = ...`
 * must not change what an old command did): "line\0" then, for each
 * $name in the line that is defined, "name\0" and its 8-byte value. Every
 * '$' is looked at, not only at a word's start (`base=$a`): a name too
 * many costs 8 bytes, a name too few would make the replay differ. The
 * session state a journaled command reads is the machine and the
 * variables (cmd.h), so that is all a replay needs. */

struct blob {
	uint8_t buf[LEX_MAX_LINE + 1 + LEX_MAX_WORDS * (LEX_MAX_NAME + 1 + 8) * 2];
	size_t n;
};

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
}

static void blob_put(struct blob *b, const void *p, size_t n)
{
	if (b->n + n <= sizeof b->buf) {
		memcpy(b->buf + b->n, p, n);
		b->n += n;
	}
}

static void blob_vars(struct blob *b, const struct lex_vars *vars, const char *line)
{
	for (const char *p = strchr(line, '$'); p; p = strchr(p + 1, '$')) {
		char name[LEX_MAX_NAME + 1];
		size_t n = 0;
		while (n < LEX_MAX_NAME && is_name_char(p[1 + n]))
			name[n] = p[1 + n], n++;
		name[n] = 0;
		uint64_t v;
		if (n && lex_vars_get(vars, name, &v) == 0) {
			blob_put(b, name, n + 1);
			blob_put(b, &v, sizeof v);
		}
	}
}

/* Made before the command runs, so a `$a = ... $a` keeps the old $a. */
static void blob_make(struct blob *b, const struct session *s, const char *line)
{
	b->n = 0;
	blob_put(b, line, strlen(line) + 1);
	blob_vars(b, s->vars, line);
}

static int replay_line(void *arg, const uint8_t *data, uint64_t len)
{
	struct session *s = arg;
	const char *line = (const char *)data;
	size_t ll = strnlen(line, len);
	struct lex_vars *vars = ll < len ? lex_vars_new() : NULL;
	struct lex_line *ln = vars ? malloc(sizeof *ln) : NULL;
	struct mm_err err;
	int rc = -1, nw = 1;
	for (uint64_t i = ll + 1; ln && i < len;) {
		const char *name = (const char *)data + i;
		size_t n = strnlen(name, len - i);
		uint64_t v;
		if (i + n + 1 + sizeof v > len)
			goto out;
		memcpy(&v, data + i + n + 1, sizeof v);
		if (lex_vars_set(vars, name, v, &err) < 0)
			goto out;
		i += n + 1 + sizeof v;
	}
	const struct cmd_entry *e = ln && lex_split(line, ln, &err) == 0 ? cmd_find(ln, &nw, &err) : NULL;
	if (!e)
		goto out;
	struct cmd_ctx c = {.s = s, .m = s->m, .vars = vars, .ln = ln, .first = nw, .argc = ln->nwords - nw,
			    .err = &err, .entry = e, .result = cJSON_CreateObject()};
	if (c.result) {
		bool was = s->m->hist.interruptible; /* a replay is never stopped half-way (mm_interrupt) */
		s->m->hist.interruptible = false;
		rc = exec_guarded(e, &c, &s->m->hist);
		s->m->hist.interruptible = was;
	}
	cJSON_Delete(c.result);
out:
	free(ln);
	lex_vars_free(vars);
	return rc;
}

/* How a line's result will be printed: as a tree (session_exec_json),
 * as text only, or as one JSON line (cmd.h: text_only, json). */
enum run_for { RUN_TREE, RUN_TEXT, RUN_JSONL };

/* The stream a command may write its result to for a JSON line, rewound;
 * NULL (the command builds its tree) when there is no host memory for it. */
static FILE *result_stream(struct session *s)
{
	if (!s->jres)
		s->jres = open_memstream(&s->jres_buf, &s->jres_len);
	if (s->jres && fseeko(s->jres, 0, SEEK_SET) != 0)
		return NULL;
	return s->jres;
}

/* The length of the result the command streamed (cmd.h cmd_res_root),
 * or -1 when host memory ran out writing it. */
static off_t streamed_len(struct session *s)
{
	off_t n = fflush(s->jres) == 0 && !ferror(s->jres) ? ftello(s->jres) : -1;
	return n >= 0 && (size_t)n <= s->jres_len ? n : -1;
}

static void run(struct session *s, const char *line, enum run_for mode, struct outcome *o)
{
	/* Not a memset: the lexer's buffers are large and fill themselves. */
	o->empty = o->ok = false;
	o->entry = NULL;
	o->result = NULL;
	o->ln.raw[0] = 0;
	o->ln.assign[0] = 0;
	mm_err_clear(&o->err);
	struct hist *h = &s->m->hist;
	o->ev_begin = o->ev_end = hist_event_count(h);
	if (lex_split(line, &o->ln, &o->err) < 0) {
		keep_refused_line(&o->ln, line);
		return;
	}
	if (o->ln.empty) {
		o->empty = true;
		return;
	}
	int nw = 1;
	const struct cmd_entry *e = cmd_find(&o->ln, &nw, &o->err);
	if (!e)
		return;
	o->entry = e;
	struct cmd_ctx *c = &o->ctx;
	*c = (struct cmd_ctx){.s = s, .m = s->m, .vars = session_vars(s), .ln = &o->ln, .first = nw, .argc = o->ln.nwords - nw,
			      .err = &o->err, .entry = e, .text_only = mode == RUN_TEXT,
			      .json = mode == RUN_JSONL ? result_stream(s) : NULL};
	if (check_argc(e, c->argc, &o->err) < 0 || check_bind(e, o->ln.assign, &o->err) < 0)
		return;
	bool journaled = !(e->flags & (CMD_READONLY | CMD_SESSION));
	/* Room for the line `save` will replay is made before the command runs: when
	 * there is no memory for it, nothing has happened yet. */
	bool keep = journaled || !strcmp(e->name, "say");
	int reserved = keep ? reserve_line(s, o->ln.raw) : 0;
	if (journaled && reserve_run(s) < 0)
		reserved = -1;
	/* The previous command's events were printed: nothing steps back to
	 * them. Dropped only now, so that `events` (not journaled) can still
	 * show the last command that changed the machine. */
	if (journaled && s->forget)
		hist_forget(h);
	if (reserved < 0 || (journaled && hist_begin(h) < 0)) {
		mm_fail_tr(&o->err, "STATUS_NO_MEMORY", -1, LM_OOM_NOT_RUN, e->name);
		return;
	}
	s->said_oom = false;
	static struct blob blob; /* one command runs at a time; a big buffer off the stack */
	if (journaled)
		blob_make(&blob, s, o->ln.raw);
	c->result = cJSON_CreateObject();
	o->ev_begin = hist_event_count(h);
	/* Only here, where the command runs for the first time, may the user
	 * stop it (mm_interrupt): a replay must make the same again. */
	h->interruptible = journaled;
	int rc = journaled ? exec_guarded(e, c, h) : e->exec(c);
	s->m = c->m; /* `reset` replaces the machine */
	h = &s->m->hist;
	h->interruptible = false;
	MM_ASSERT(!c->has_value || (e->flags & CMD_VALUE)); /* check_bind relies on the flag */
	/* A command with a value that ended without one (a read that raised
	 * an exception): journaled, so rolled back below. */
	if (rc == 0 && o->ln.assign[0] && !c->has_value)
		rc = mm_fail_tr(&o->err, "syntax", 0, LM_ENDED_WITHOUT_VALUE, e->name, o->ln.assign);
	if (rc == 0 && journaled && h->oom)
		rc = mm_fail_tr(&o->err, "STATUS_NO_MEMORY", -1, LM_OOM_RECORDING);
	if (rc == 0 && s->said_oom)
		rc = mm_fail_tr(&o->err, "STATUS_NO_MEMORY", -1, LM_OOM_NARRATION);
	/* A result streamed for the JSON line (cmd.h) is checked here, before
	 * the command commits: without host memory for it, it is undone. */
	off_t streamed = rc == 0 && c->json_done ? streamed_len(s) : 0;
	if (streamed < 0)
		rc = mm_fail_tr(&o->err, "STATUS_NO_MEMORY", -1, LM_OOM);
	o->streamed = streamed > 0 ? (size_t)streamed : 0;
	uint64_t old;
	bool existed = o->ln.assign[0] && lex_vars_get(s->vars, o->ln.assign, &old) == 0;
	if (rc == 0 && o->ln.assign[0] && lex_vars_set(s->vars, o->ln.assign, c->value, &o->err) < 0)
		rc = -1;
	if (journaled && rc == 0 && hist_commit(h, blob.buf, blob.n) < 0) {
		rc = mm_fail_tr(&o->err, "STATUS_NO_MEMORY", -1, LM_OOM_KEEPING, e->name);
		if (existed) /* the binding goes too: the command never happened */
			lex_vars_set(s->vars, o->ln.assign, old, &o->err);
		else if (o->ln.assign[0])
			lex_vars_drop_last(s->vars);
	}
	if (journaled) {
		if (rc == 0) {
			/* begun in the past, the command has moved down over the
			 * future it discarded (event.h): its events follow its EV_CMD */
			uint64_t end;
			hist_cmd_range(h, hist_cmd_count(h) - 1, &o->ev_begin, &end);
			o->ev_begin++;
		} else {
			hist_rollback(h);
		}
	}
	o->ev_end = hist_event_count(h);
	if (rc < 0) {
		o->ev_begin = o->ev_end;
		cJSON_Delete(c->result);
		c->result = NULL;
		return;
	}
	o->ok = true;
	if (journaled)
		trace_command(s, h, o->ev_begin, o->ev_end);
	o->result = c->result;
	if (s->check)
		verify(s, o->ln.raw);
	/* What `save` replays: every command that changed the machine, and the
	 * narration, in order; `reset` starts the record afresh. */
	if (keep)
		keep_line(s, o->ln.raw, reserved);
}

/* The one rule for a failure's codes (error.code and
 * error.ntstatus of docs/output.md OUT-ERRORS), used by the text and the JSON alike:
 *   - a command marked CMD_NTSTATUS (kernel-mode calls such as
 *     ExAllocatePoolWithTag, debugger commands such as !pte) reports the
 *     NTSTATUS as it is, ntstatus NULL;
 *   - any other command reports as a Win32 API does: an NTSTATUS becomes
 *     the Win32 error RtlNtStatusToDosError maps it to (consts.c's table),
 *     with the NTSTATUS in ntstatus (both the same name when the map gives
 *     the status back, as for STATUS_GUARD_PAGE_VIOLATION; the text then
 *     names it once);
 *   - a code that is no NTSTATUS the table knows ("syntax", "unknown",
 *     ERROR_ACCESS_DENIED, BAD_POOL_CALLER) is reported as it is. */
static const char *error_codes(const struct outcome *o, const char **ntstatus)
{
	const char *code = o->err.code ? o->err.code : "syntax";
	const struct mm_status *st = consts_status(code);
	*ntstatus = NULL;
	if (!o->entry || (o->entry->flags & CMD_NTSTATUS) || !st)
		return code;
	*ntstatus = code;
	return st->win32;
}



/* ---- the printers (docs/output.md OUT-TEXT, OUT-JSON, OUT-SUMMARY) ---- */

/* The history limit dropped the oldest commands when this one committed
 * (docs/quality.md Q-BOUNDS): how many in all, and the first micro-step
 * stepping back still reaches (numbered from 1, as the TUI's steps). */
struct notice {
	uint64_t commands, first_step, limit;
};

static bool notice_of(const struct session *s, struct notice *n)
{
	const struct hist *h = &s->m->hist;
	if (!h->just_dropped)
		return false;
	*n = (struct notice){h->dropped, hist_first_event(h) + 1, h->limit};
	return true;
}

/* Counts the command and, for one that changed the machine, remembers
 * which history command it ran as (`events` looks it up). A command
 * committed as history command k discards every entry at k or above: the
 * future a command typed in the past dropped, or a past that hist_forget
 * or `reset` dropped. Without host memory for the entry, that command's
 * micro-steps are simply not found later. */
static uint64_t count_cmd(struct session *s, const struct outcome *o, uint64_t *hcmd)
{
	uint64_t seq = ++s->seq;
	*hcmd = UINT64_MAX;
	if (!o->ok || (o->entry->flags & (CMD_READONLY | CMD_SESSION)))
		return seq;
	*hcmd = hist_cmd_count(&s->m->hist) - 1;
	/* Kept as the command's number since the machine booted (history
	 * commands dropped by the limit or by hist_forget counted in), so the
	 * entry still names it after older commands went (event.h dropped). */
	uint64_t abs = *hcmd + s->m->hist.dropped;
	while (s->nruns && s->runs[s->nruns - 1].hcmd >= abs)
		s->nruns--;
	/* A session that forgets (batch mode) has dropped every command
	 * before this one: their entries name nothing `events` can show, and
	 * keeping them would grow host memory with every command (docs/quality.md
	 * Q-BOUNDS: flat). Only there, where at most one is left: elsewhere the
	 * move would cost the whole array a command. */
	if (s->forget) {
		size_t k = 0;
		while (k < s->nruns && s->runs[k].hcmd < s->m->hist.dropped)
			k++;
		memmove(s->runs, s->runs + k, (s->nruns - k) * sizeof *s->runs);
		s->nruns -= k;
	}
	if (MM_ALWAYS(s->nruns < s->capruns)) /* reserve_run made the room */
		s->runs[s->nruns++] = (struct seq_hcmd){seq, abs};
	return seq;
}

/* What the printers print of the command's micro-steps (evout.h). */
static struct evout_cmd events_of(struct session *s, const struct outcome *o)
{
	struct evout_cmd c = {.begin = o->ev_begin, .end = o->ev_end, .all = s->events_all};
	c.seq = count_cmd(s, o, &c.hcmd);
	return c;
}

/* What every printer does first: runs the line (no `events` pages shown
 * yet) and, unless it was blank, counts it and says which micro-steps it
 * prints. false for a blank or comment line. */
static bool run_counted(struct session *s, const char *line, enum run_for mode, struct outcome *o, struct evout_cmd *ec)
{
	s->show = (struct evout_cmd){0};
	run(s, line, mode, o);
	if (o->empty)
		return false;
	*ec = events_of(s, o);
	s->last_entry = o->entry;
	s->last_seq = ec->seq;
	return true;
}

/* Used by cmd_session.c (`events`). */
int session_find_events(struct session *s, uint64_t seq, struct evout_cmd *out, struct mm_err *err);
void session_show_events(struct session *s, const struct evout_cmd *c);
const struct evout_cmd *session_shown_events(const struct session *s);

/* Command seq's micro-steps, or -1 with err saying why there are none. */
int session_find_events(struct session *s, uint64_t seq, struct evout_cmd *out, struct mm_err *err)
{
	unsigned long long now = s->seq + 1, n = seq;
	if (seq == 0 || seq >= now)
		return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", 1, LM_NO_SUCH_RUN, n, now);
	size_t i = s->nruns;
	while (i > 0 && s->runs[i - 1].seq > seq)
		i--;
	struct hist *h = &s->m->hist;
	uint64_t abs = i > 0 ? s->runs[i - 1].hcmd : 0;
	if (i > 0 && s->runs[i - 1].seq == seq && abs >= h->dropped && abs - h->dropped < hist_cmd_count(h)) {
		*out = (struct evout_cmd){.hcmd = abs - h->dropped, .seq = seq};
		hist_cmd_range(h, out->hcmd, &out->begin, &out->end);
		out->begin++; /* its EV_CMD */
		return 0;
	}
	if (s->forget && s->nruns && s->runs[s->nruns - 1].hcmd >= h->dropped && s->runs[s->nruns - 1].seq > seq)
		return mm_fail_tr(err, "STATUS_NOT_FOUND", 1, LM_BATCH_KEEPS_LAST,
				  (unsigned long long)s->runs[s->nruns - 1].seq);
	return mm_fail_tr(err, "STATUS_NOT_FOUND", 1, LM_NO_MICRO_STEPS, n);
}

void session_show_events(struct session *s, const struct evout_cmd *c) { s->show = *c; }
const struct evout_cmd *session_shown_events(const struct session *s) { return &s->show; }

static bool showing(const struct session *s)
{
	return s->show.end > s->show.begin;
}

static void put_error(cJSON *obj, const struct outcome *o, int lang)
{
	cJSON *e = cJSON_AddObjectToObject(obj, "error");
	const char *ntstatus;
	cJSON_AddStringToObject(e, "code", error_codes(o, &ntstatus));
	if (ntstatus)
		cJSON_AddStringToObject(e, "ntstatus", ntstatus);
	cJSON_AddStringToObject(e, "message", mm_err_text(&o->err, lang)); /* the code is the same in both */
	if (o->err.arg >= 0)
		cJSON_AddNumberToObject(e, "arg", o->err.arg);
}

cJSON *session_exec_json(struct session *s, const char *line)
{
	struct outcome o;
	struct evout_cmd ec;
	if (!run_counted(s, line, RUN_TREE, &o, &ec))
		return NULL;
	ec.all = false; /* a tree of every event is what OUT-SUMMARY avoids */
	cJSON *obj = cJSON_CreateObject();
	cJSON_AddNumberToObject(obj, "seq", (double)ec.seq);
	cJSON_AddStringToObject(obj, "cmd", o.ln.raw);
	cJSON_AddBoolToObject(obj, "ok", o.ok);
	if (o.ok) {
		cJSON_AddItemToObject(obj, "result", o.result);
		if (showing(s)) /* at most EVOUT_MAX (cmd_session.c) */
			evout_tree_range(cJSON_AddArrayToObject(o.result, "events"), s->m, s->show.begin, s->show.end);
	} else {
		put_error(obj, &o, s->lang);
	}
	evout_tree_cmd(obj, s->m, &ec);
	struct notice n;
	if (o.ok && notice_of(s, &n)) {
		cJSON *j = cJSON_AddObjectToObject(obj, "history_dropped");
		cJSON_AddNumberToObject(j, "commands", (double)n.commands);
		cJSON_AddNumberToObject(j, "first_step", (double)n.first_step);
		cJSON_AddNumberToObject(j, "limit", (double)n.limit);
	}
	return obj;
}

/* The result object; an `events` command's micro-steps stream in as its
 * last member. */
static void print_result(FILE *f, struct session *s, const cJSON *result)
{
	if (!showing(s) || !result) {
		jout_print(f, result);
		return;
	}
	putc_unlocked('{', f);
	for (const cJSON *c = result->child; c; c = c->next) {
		jout_str(f, c->string ? c->string : "");
		putc_unlocked(':', f);
		jout_print(f, c);
		putc_unlocked(',', f);
	}
	bool first = true;
	jout_raw(f, "\"events\":[");
	evout_json_range(f, s->m, s->show.begin, s->show.end, &first);
	jout_raw(f, "]}");
}

static void print_error(FILE *f, const struct outcome *o, int lang)
{
	const char *ntstatus;
	jout_raw(f, "{\"code\":");
	jout_str(f, error_codes(o, &ntstatus));
	if (ntstatus) {
		jout_key(f, "ntstatus");
		jout_str(f, ntstatus);
	}
	jout_key(f, "message");
	jout_str(f, mm_err_text(&o->err, lang));
	if (o->err.arg >= 0) {
		jout_key(f, "arg");
		jout_i64(f, o->err.arg);
	}
	putc_unlocked('}', f);
}

int session_exec_jsonl(struct session *s, const char *line, FILE *out)
{
	struct outcome o;
	struct evout_cmd ec;
	if (!run_counted(s, line, RUN_JSONL, &o, &ec))
		return 0;
	jout_raw(out, "{\"seq\":");
	jout_u64(out, ec.seq);
	jout_raw(out, ",\"cmd\":");
	jout_str(out, o.ln.raw);
	if (o.ok) {
		jout_raw(out, ",\"ok\":true,\"result\":");
		if (o.ctx.json_done)
			jout_put(out, s->jres_buf, o.streamed);
		else
			print_result(out, s, o.result);
		cJSON_Delete(o.result);
	} else {
		jout_raw(out, ",\"ok\":false,\"error\":");
		print_error(out, &o, s->lang);
	}
	evout_json_cmd(out, s->m, &ec);
	struct notice n;
	if (o.ok && notice_of(s, &n)) {
		jout_raw(out, ",\"history_dropped\":{\"commands\":");
		jout_u64(out, n.commands);
		jout_raw(out, ",\"first_step\":");
		jout_u64(out, n.first_step);
		jout_raw(out, ",\"limit\":");
		jout_u64(out, n.limit);
		putc_unlocked('}', out);
	}
	jout_raw(out, "}\n");
	return o.ok ? 0 : -1;
}

void session_events_all(struct session *s, bool all)
{
	s->events_all = all;
	attach(s);
}

void session_echo(struct session *s, bool echo)
{
	s->no_echo = !echo;
}

/* Plain ASCII, printable, for the fast path below: a word at a time
 * (lex.h), the last word ending at the NUL (overlapping the one before),
 * never past it. */
static bool plain(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint64_t x;
	if (n >= 8) {
		for (; i + 8 <= n; i += 8) {
			memcpy(&x, s + i, 8);
			if (!lex_word_printable(x))
				return false;
		}
		memcpy(&x, s + n - 8, 8);
		return lex_word_printable(x);
	}
	for (; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7E)
			return false;
	return true;
}

/* Whether v prints in cJSON_PrintUnformatted's notation by text_json
 * below: integers below 10^15 (which cJSON prints as digits), plain
 * strings, and containers of them. Anything else takes the slow path. */
static bool simple(const cJSON *v)
{
	if (cJSON_IsNumber(v))
		return v->valuedouble < 1e15 && v->valuedouble > -1e15 && v->valuedouble == (double)(long long)v->valuedouble;
	if (cJSON_IsString(v))
		return v->valuestring && plain(v->valuestring);
	if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		for (const cJSON *c = v->child; c; c = c->next)
			if ((cJSON_IsObject(v) && !(c->string && plain(c->string))) || !simple(c))
				return false;
		return true;
	}
	return cJSON_IsBool(v) || cJSON_IsNull(v);
}

static void text_str(FILE *out, const char *s)
{
	putc_unlocked('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putc_unlocked('\\', out);
		putc_unlocked(*s, out);
	}
	putc_unlocked('"', out);
}

/* A simple() value as cJSON_PrintUnformatted writes it, with no allocation. */
static void text_json(FILE *out, const cJSON *v)
{
	if (cJSON_IsNumber(v)) {
		jout_i64(out, (long long)v->valuedouble);
	} else if (cJSON_IsString(v)) {
		text_str(out, v->valuestring);
	} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		bool obj = cJSON_IsObject(v);
		putc_unlocked(obj ? '{' : '[', out);
		for (const cJSON *c = v->child; c; c = c->next) {
			if (obj) {
				text_str(out, c->string);
				putc_unlocked(':', out);
			}
			text_json(out, c);
			if (c->next)
				putc_unlocked(',', out);
		}
		putc_unlocked(obj ? '}' : ']', out);
	} else {
		jout_raw(out, cJSON_IsTrue(v) ? "true" : cJSON_IsFalse(v) ? "false" : "null");
	}
}

/* A member's object or array as words, not JSON notation: an object's
 * members "KEY VALUE, KEY VALUE" (touch's faults: "demand_zero 1100,
 * page_table 3"), an array's items joined by "; " (read's faults: "kind
 * soft, va 0x10000, pfn 0xb"), an empty one "none". Strings go out
 * unquoted as safe text (OUT-SAFE). */
static void text_words(FILE *out, int lang, const cJSON *v)
{
	bool obj = cJSON_IsObject(v);
	if ((obj || cJSON_IsArray(v)) && !v->child) {
		fputs("none", out);
	} else if (obj || cJSON_IsArray(v)) {
		for (const cJSON *c = v->child; c; c = c->next) {
			if (obj) {
				mm_text_fputs(c->string ? textkey_label(lang, c->string) : "", 0, out);
				putc_unlocked(' ', out);
			}
			text_words(out, lang, c);
			if (c->next)
				fputs(obj ? ", " : "; ", out);
		}
	} else if (cJSON_IsString(v)) {
		mm_text_fputs(v->valuestring ? v->valuestring : "", 0, out);
	} else if (cJSON_IsNumber(v) && simple(v)) {
		jout_i64(out, (long long)v->valuedouble);
	} else {
		char *p = cJSON_PrintUnformatted(v);
		mm_text_fputs(p ? p : "", 0, out);
		cJSON_free(p);
	}
}

/* Generic text for a result: "key: value" per member, the key in German
 * words with --lang de (textkey.h, OUT-TEXT-DE); an object or array in
 * words (text_words). The value in JSON notation may still hold DEL,
 * C1 or bytes that are no UTF-8 (cJSON escapes only C0): it goes out as
 * safe text (OUT-SAFE). Plain values, nearly all, are written straight
 * (text_json). */
static void text_value(FILE *out, int lang, const cJSON *v)
{
	const char *key = v->string ? textkey_label(lang, v->string) : "";
	const char *words = lang && v->string && cJSON_IsString(v) ? textkey_value(lang, v->string, v->valuestring) : NULL;
	if (words) { /* a sentence the result carries in English (textkey.h) */
		mm_text_fputs(key, 0, out);
		fputs(": \"", out);
		mm_text_fputs(words, 0, out);
		fputs("\"\n", out);
		return;
	}
	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		mm_text_fputs(key, 0, out);
		fputs(": ", out);
		text_words(out, lang, v);
		putc_unlocked('\n', out);
		return;
	}
	if (v->string && plain(v->string) && simple(v)) {
		jout_raw(out, key);
		jout_raw(out, ": ");
		text_json(out, v);
		putc_unlocked('\n', out);
		return;
	}
	char *p = cJSON_PrintUnformatted(v);
	if (p) {
		mm_text_fputs(key, 0, out);
		fputs(": ", out);
		mm_text_fputs(p, 0, out);
		fputc('\n', out);
		cJSON_free(p);
	}
}

/* ---- the text (OUT-TEXT): one printer for --batch and the TUI ---- */

/* "error: MESSAGE (CODE)", or "(CODE, NTSTATUS)" when a Win32 error
 * stands for a status of another name (error_codes). */
static void text_error(FILE *out, int lang, const char *msg, const char *code, const char *ntstatus)
{
	fputs(LM(lang, ERROR_PREFIX), out);
	mm_text_fputs(msg, 0, out);
	if (ntstatus && strcmp(ntstatus, code))
		fprintf(out, " (%s, %s)\n", code, ntstatus);
	else
		fprintf(out, " (%s)\n", code);
}

/* A successful command's result: the command's own layout (its text
 * printer: WinDbg's for !pte, !pfn, !vad ...) or "key: value" lines. c
 * is the command's context, c->result its result. */
static void text_result(FILE *out, int lang, const struct cmd_entry *e, struct cmd_ctx *c)
{
	if (e && e->text) {
		e->text(c, out);
		return;
	}
	for (const cJSON *v = c->result ? c->result->child : NULL; v; v = v->next)
		text_value(out, lang, v);
}

static void text_notice(FILE *out, int lang, const struct notice *n)
{
	fputs(LM(lang, NOTE_PREFIX), out);
	fprintf(out, LM(lang, HISTORY_DROPPED),
		(unsigned long long)(n->limit >> 20), (unsigned long long)n->commands, (unsigned long long)n->first_step);
}

int session_exec_text(struct session *s, const char *line, FILE *out)
{
	struct outcome o;
	struct evout_cmd ec;
	if (!run_counted(s, line, RUN_TEXT, &o, &ec))
		return 0;
	/* The line and the message quote what was typed: safe text (OUT-SAFE). */
	if (!s->no_echo) {
		jout_raw(out, "> ");
		if (plain(o.ln.raw)) /* nearly every line: nothing to make safe */
			jout_raw(out, o.ln.raw);
		else
			mm_text_fputs(o.ln.raw, 0, out);
		putc_unlocked('\n', out);
	}
	if (!o.ok) {
		const char *ntstatus;
		const char *code = error_codes(&o, &ntstatus);
		text_error(out, s->lang, mm_err_text(&o.err, s->lang), code, ntstatus);
		return -1;
	}
	o.ctx.result = o.result;
	text_result(out, s->lang, o.entry, &o.ctx);
	cJSON_Delete(o.result);
	evout_text_cmd(out, s->m, &ec, s->lang);
	struct notice n;
	if (notice_of(s, &n))
		text_notice(out, s->lang, &n);
	return 0;
}

void session_set_screen(struct session *s, session_screen_fn fn, void *ctx)
{
	s->screen = fn;
	s->screen_ctx = ctx;
}

session_screen_fn session_screen(const struct session *s, void **ctx)
{
	if (s->screen)
		*ctx = s->screen_ctx;
	return s->screen;
}

/* A JSON member's string, or def. */
static const char *member_str(const cJSON *o, const char *key, const char *def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : def;
}

static uint64_t member_u64(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) && v->valuedouble > 0 ? (uint64_t)v->valuedouble : 0;
}

char *session_text(struct session *s, const cJSON *obj)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out)
		return NULL;
	const cJSON *err = cJSON_GetObjectItemCaseSensitive(obj, "error");
	if (err) {
		text_error(out, s->lang, member_str(err, "message", ""), member_str(err, "code", "syntax"),
			   member_str(err, "ntstatus", NULL));
	} else {
		/* the command is the session's last (the precondition): its
		 * entry, and what an `events` showed, are still at hand */
		bool last = MM_ALWAYS(member_u64(obj, "seq") == s->last_seq);
		struct cmd_ctx c = {.s = s, .m = s->m, .vars = s->vars, .entry = last ? s->last_entry : NULL,
				    .result = cJSON_GetObjectItemCaseSensitive(obj, "result")};
		text_result(out, s->lang, c.entry, &c);
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(obj, "history_dropped");
		if (d) {
			struct notice n = {member_u64(d, "commands"), member_u64(d, "first_step"), member_u64(d, "limit")};
			text_notice(out, s->lang, &n);
		}
	}
	if (fclose(out) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}
