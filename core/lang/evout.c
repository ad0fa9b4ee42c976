/*
 * evout.c — a command's micro-steps as the batch prints them (evout.h).
 *
 * A `touch` of 1 GiB takes about 5 million micro-steps (19 a page). Held
 * as a cJSON tree they cost ~11.7 KB and 81,000 instructions a fault, and
 * no one reads 370 MB of them. So:
 *
 *   O1. Nothing here holds more than one event: events come from the
 *       history one at a time (hist_each, never its arrays: event.h) and
 *       go straight to the stream, as JSON (evout_json, written with
 *       jout's pieces) or as a text line (ev_describe). Only the tree
 *       form (evout_tree_*, for callers that want a cJSON object: the
 *       TUI, scenarios) builds objects, and never more than
 *       2 * EVOUT_EDGE or EVOUT_MAX of them.
 *   O2. A command with more than EVOUT_MAX micro-steps is summarised
 *       (docs/output.md OUT-SUMMARY): events_total, events_by_kind (which
 *       sum to events_total), events_omitted {from, to}, and in events
 *       micro-steps 1..EVOUT_EDGE and total-EVOUT_EDGE+1..total, in
 *       order. Micro-steps are numbered from 1 within their command, the
 *       numbers `events CMD FROM N` takes.
 *   O3. The JSON of an event is the text jout_print(ev_to_json()) gives,
 *       byte for byte (tests/unit/20_session.c checks every kind). A kind
 *       evout_json does not know yet is written through ev_to_json, so a
 *       kind added to evtext.c alone is never wrong here, only slower.
 */
#include "evout.h"

#include <string.h>

#include "evtext.h"
#include "jout.h"
#include "mm/fault.h"
#include "mm/pfn.h"

static const char *level_name(const struct mm *m, uint64_t level)
{
	return level < (uint64_t)m->arch->levels ? m->arch->level_name[level] : "?";
}

/* A member's key, a literal: its ",\"key\":" is one piece whose length
 * is known when this is compiled (jout_raw), with no strlen or copy a key
 * (a million events a second go through here with --events all). */
#define PUT_KEY(f, key) jout_raw(f, ",\"" key "\":")
#define put_hex(f, key, v) (PUT_KEY(f, key), jout_hex(f, v))
#define put_u(f, key, v) (PUT_KEY(f, key), jout_u64(f, v))
#define put_str(f, key, s) (PUT_KEY(f, key), jout_str(f, s))
#define put_bool(f, key, b) (PUT_KEY(f, key), jout_raw(f, (b) ? "true" : "false"))

/* Every event's first member, "kind", with the object's brace: one
 * literal a kind (the names are plain ASCII: no escaping). */
static const struct {
	const char *text;
	size_t len;
} kind_head[EV_KIND_COUNT] = {
#define EV_HEAD(id, name) [EV_##id] = {"{\"kind\":\"" name "\"", sizeof("{\"kind\":\"" name "\"") - 1},
	MM_EVENT_KINDS(EV_HEAD)
#undef EV_HEAD
};

/* The kinds of one shape: fields named by the table, a to d in order. */
static void put_file_io(FILE *f, const struct ev *e)
{
	put_u(f, "file", e->a);
	put_hex(f, "offset", e->b);
	put_hex(f, "pfn", e->c);
}

/* O3: a kind not listed here goes through ev_to_json. */
static bool put_fields(FILE *f, const struct mm *m, const struct ev *e)
{
	switch ((enum ev_kind)e->kind) {
	case EV_NONE: case EV_CMD: break;
	case EV_ACCESS: put_hex(f, "va", e->a); put_str(f, "access", access_kind_name((enum access_kind)e->b)); put_str(f, "mode", e->c ? "kernel" : "user"); break;
	case EV_TLB_HIT: put_hex(f, "va", e->a); put_hex(f, "pfn", e->b); break;
	case EV_TLB_MISS: put_hex(f, "va", e->a); break;
	case EV_TLB_FILL: put_hex(f, "va", e->a); put_hex(f, "pfn", e->b); put_bool(f, "global", e->c); put_bool(f, "large", e->d); break;
	case EV_TLB_FLUSH:
		put_u(f, "entries", e->a);
		put_str(f, "scope", e->b == 0 ? "page" : e->b == 1 ? "non_global" : "all");
		if (!e->b)
			put_hex(f, "va", e->c);
		break;
	case EV_WALK: put_str(f, "level", level_name(m, e->a)); put_u(f, "index", e->b); put_hex(f, "entry_address", e->c); put_hex(f, "value", e->d); break;
	case EV_FAULT: put_str(f, "fault_kind", fault_kind_name((enum fault_kind)e->a)); put_hex(f, "va", e->b); break;
	case EV_PTE_WRITE: put_hex(f, "address", e->a); put_hex(f, "old", e->b); put_hex(f, "new", e->c); put_hex(f, "table_pfn", e->d); break;
	case EV_PFN_STATE: put_hex(f, "pfn", e->a); put_str(f, "from", pfn_loc_name((enum pfn_loc)e->b)); put_str(f, "to", pfn_loc_name((enum pfn_loc)e->c)); break;
	case EV_WS_ADD: case EV_WS_REMOVE: put_u(f, "pid", e->a); put_hex(f, "va", e->b); break;
	case EV_PAGEFILE_WRITE: case EV_PAGEFILE_READ: case EV_FILE_READ: case EV_FILE_WRITE: put_file_io(f, e); break;
	case EV_ZERO_PAGE: put_hex(f, "pfn", e->a); break;
	case EV_COPY_PAGE: put_hex(f, "from", e->a); put_hex(f, "to", e->b); break;
	case EV_COMMIT_CHARGE: PUT_KEY(f, "delta"); jout_i64(f, (int64_t)e->a); put_u(f, "total", e->b); put_u(f, "limit", e->c); break;
	case EV_VAD_INSERT: case EV_VAD_REMOVE: put_hex(f, "start", e->a); put_hex(f, "end", e->b); put_u(f, "pid", e->c); break;
	case EV_POOL_ALLOC: case EV_POOL_FREE: put_hex(f, "va", e->a); put_u(f, "size", e->b); break;
	case EV_EXCEPTION: put_str(f, "code", fault_status_name((uint32_t)e->a)); put_hex(f, "va", e->b); break;
	case EV_PAGE_TABLE: put_str(f, "level", level_name(m, e->a)); put_hex(f, "pfn", e->b); put_hex(f, "va", e->c); break;
	case EV_CR3: put_u(f, "pid", e->a); put_hex(f, "pfn", e->b); break;
	case EV_RETRY: put_hex(f, "va", e->a); break;
	case EV_RESOLVED: put_str(f, "fault_kind", fault_kind_name((enum fault_kind)e->a)); put_hex(f, "va", e->b); put_hex(f, "pfn", e->c); break;
	case EV_PROCESS: put_u(f, "pid", e->a); put_str(f, "action", e->b ? "create" : "exit"); put_hex(f, "cr3_pfn", e->c); break;
	case EV_WRITE_BYTES: put_hex(f, "pa", e->a); put_hex(f, "value", e->b); put_u(f, "size", e->c); break;
	case EV_DIRTY: put_hex(f, "va", e->a); put_hex(f, "pfn", e->b); break;
	case EV_PSC_HIT: put_hex(f, "va", e->a); put_str(f, "level", level_name(m, e->b)); put_hex(f, "table_pfn", e->c); break;
	case EV_PSC_FILL:
		put_hex(f, "va", e->a);
		put_str(f, "level", level_name(m, e->b));
		put_hex(f, "table_pfn", e->c);
		put_bool(f, "write", e->d & TLBF_WRITE);
		put_bool(f, "user", e->d & TLBF_USER);
		put_bool(f, "nx", e->d & TLBF_NX);
		break;
	default: return false;
	}
	return true;
}

void evout_json(FILE *f, const struct mm *m, const struct ev *e)
{
	/* "kind" is every event's first member. */
	if (e->kind < EV_KIND_COUNT && kind_head[e->kind].text) {
		jout_put(f, kind_head[e->kind].text, kind_head[e->kind].len);
	} else {
		jout_raw(f, "{\"kind\":");
		jout_str(f, ev_kind_name((enum ev_kind)e->kind));
	}
	if (!put_fields(f, m, e)) { /* O3: the other members from the tree */
		cJSON *o = ev_to_json(m, e);
		for (const cJSON *c = o ? o->child : NULL; c; c = c->next)
			if (strcmp(c->string, "kind")) {
				jout_key(f, c->string);
				jout_print(f, c);
			}
		cJSON_Delete(o);
	}
	putc_unlocked('}', f);
}

/* ---- ranges, streamed through hist_each (O1) ---- */

struct json_range {
	FILE *f;
	const struct mm *m;
	bool *first;
};

static int json_one(void *arg, uint64_t i, const struct ev *e)
{
	struct json_range *r = arg;
	(void)i;
	if (e->kind == EV_CMD)
		return 0;
	if (!*r->first)
		putc_unlocked(',', r->f);
	*r->first = false;
	evout_json(r->f, r->m, e);
	return 0;
}

int evout_json_range(FILE *f, struct mm *m, uint64_t begin, uint64_t end, bool *first)
{
	struct json_range r = {f, m, first};
	return hist_each(&m->hist, begin, end, json_one, &r) ? -1 : 0;
}

struct text_range {
	FILE *f;
	const struct mm *m;
	int lang;
};

static int text_one(void *arg, uint64_t i, const struct ev *e)
{
	struct text_range *r = arg;
	char buf[4 + 256];
	(void)i;
	if (e->kind == EV_CMD)
		return 0;
	/* a line of 40 to 100 bytes: one copy into stdio's buffer, its
	 * newline where the text's NUL was (buf has room: the text is cut
	 * to sizeof buf - 5 bytes) */
	buf[0] = buf[1] = buf[2] = buf[3] = ' ';
	size_t n = 4 + ev_describe_len(r->m, e, r->lang, buf + 4, sizeof buf - 4);
	buf[n] = '\n';
	jout_put(r->f, buf, n + 1);
	return 0;
}

int evout_text_range(FILE *f, struct mm *m, uint64_t begin, uint64_t end, int lang)
{
	struct text_range r = {f, m, lang};
	return hist_each(&m->hist, begin, end, text_one, &r) ? -1 : 0;
}

struct tree_range {
	cJSON *arr;
	const struct mm *m;
};

static int tree_one(void *arg, uint64_t i, const struct ev *e)
{
	struct tree_range *r = arg;
	(void)i;
	if (e->kind != EV_CMD)
		cJSON_AddItemToArray(r->arr, ev_to_json(r->m, e));
	return 0;
}

int evout_tree_range(cJSON *arr, struct mm *m, uint64_t begin, uint64_t end)
{
	struct tree_range r = {arr, m};
	return hist_each(&m->hist, begin, end, tree_one, &r) ? -1 : 0;
}

/* ---- a command's micro-steps, whole or summarised (O2) ---- */

bool evout_summarised(const struct evout_cmd *c)
{
	return !c->all && c->end - c->begin > EVOUT_MAX;
}

/* Counts by kind of the command's micro-steps (its EV_CMD left out). */
static void kinds(struct mm *m, const struct evout_cmd *c, uint64_t counts[EV_KIND_COUNT])
{
	hist_cmd_kinds(&m->hist, c->hcmd, counts);
	counts[EV_CMD] = 0;
}

int evout_json_cmd(FILE *f, struct mm *m, const struct evout_cmd *c)
{
	bool first = true;
	if (!evout_summarised(c)) {
		jout_raw(f, ",\"events\":[");
		int rc = evout_json_range(f, m, c->begin, c->end, &first);
		putc_unlocked(']', f);
		return rc;
	}
	uint64_t n = c->end - c->begin, counts[EV_KIND_COUNT];
	kinds(m, c, counts);
	put_u(f, "events_total", n);
	jout_raw(f, ",\"events_by_kind\":{");
	for (int k = 0; k < EV_KIND_COUNT; k++)
		if (counts[k]) {
			if (!first)
				putc_unlocked(',', f);
			first = false;
			jout_str(f, ev_kind_name((enum ev_kind)k));
			putc_unlocked(':', f);
			jout_u64(f, counts[k]);
		}
	jout_raw(f, "},\"events_omitted\":{\"from\":");
	jout_u64(f, EVOUT_EDGE + 1);
	put_u(f, "to", n - EVOUT_EDGE);
	jout_raw(f, "},\"events\":[");
	first = true;
	int rc = evout_json_range(f, m, c->begin, c->begin + EVOUT_EDGE, &first);
	if (rc == 0)
		rc = evout_json_range(f, m, c->end - EVOUT_EDGE, c->end, &first);
	putc_unlocked(']', f);
	return rc;
}

int evout_tree_cmd(cJSON *obj, struct mm *m, const struct evout_cmd *c)
{
	if (!evout_summarised(c))
		return evout_tree_range(cJSON_AddArrayToObject(obj, "events"), m, c->begin, c->end);
	uint64_t n = c->end - c->begin, counts[EV_KIND_COUNT];
	kinds(m, c, counts);
	cJSON_AddNumberToObject(obj, "events_total", (double)n);
	cJSON *by = cJSON_AddObjectToObject(obj, "events_by_kind");
	for (int k = 0; k < EV_KIND_COUNT; k++)
		if (counts[k])
			cJSON_AddNumberToObject(by, ev_kind_name((enum ev_kind)k), (double)counts[k]);
	cJSON *gap = cJSON_AddObjectToObject(obj, "events_omitted");
	cJSON_AddNumberToObject(gap, "from", EVOUT_EDGE + 1);
	cJSON_AddNumberToObject(gap, "to", (double)(n - EVOUT_EDGE));
	cJSON *arr = cJSON_AddArrayToObject(obj, "events");
	int rc = evout_tree_range(arr, m, c->begin, c->begin + EVOUT_EDGE);
	return rc ? rc : evout_tree_range(arr, m, c->end - EVOUT_EDGE, c->end);
}

#define EN_DE(en, de) (lang == LANG_DE ? (de) : (en))

int evout_text_cmd(FILE *f, struct mm *m, const struct evout_cmd *c, int lang)
{
	if (!evout_summarised(c))
		return evout_text_range(f, m, c->begin, c->end, lang);
	unsigned long long n = c->end - c->begin;
	uint64_t counts[EV_KIND_COUNT];
	kinds(m, c, counts);
	fprintf(f, EN_DE("    %llu micro-steps, more than %d: here are the first %d and the last %d\n",
			 "    %llu Mikroschritte, mehr als %d: hier die ersten %d und die letzten %d\n"),
		n, EVOUT_MAX, EVOUT_EDGE, EVOUT_EDGE);
	jout_raw(f, EN_DE("    by kind:", "    nach Art:"));
	const char *sep = " ";
	for (int k = 0; k < EV_KIND_COUNT; k++)
		if (counts[k]) {
			fprintf(f, "%s%s %llu", sep, ev_kind_name((enum ev_kind)k), (unsigned long long)counts[k]);
			sep = ", ";
		}
	putc_unlocked('\n', f);
	int rc = evout_text_range(f, m, c->begin, c->begin + EVOUT_EDGE, lang);
	fprintf(f, EN_DE("    ... %llu micro-steps left out (%d to %llu): events %llu FROM %d shows them\n",
			 "    ... %llu Mikroschritte ausgelassen (%d bis %llu): events %llu FROM %d zeigt sie\n"),
		n - 2 * EVOUT_EDGE, EVOUT_EDGE + 1, n - EVOUT_EDGE, (unsigned long long)c->seq, EVOUT_EDGE + 1);
	return rc ? rc : evout_text_range(f, m, c->end - EVOUT_EDGE, c->end, lang);
}
