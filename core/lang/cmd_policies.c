/*
 * cmd_policies.c — `policies [--frames N] TRACE|--from-process`
 * (docs/commands.md CMD-POLICIES): the replacement-policy lab. FIFO, LRU,
 * Clock, OPT and the working-set manager's aging run on the same page
 * trace (policy.c), side by side: hits, faults, and the frames after each
 * reference (docs/output.md OUT-POLICIES). Belady's anomaly shows with
 * FIFO: `policies --frames 3 1 2 3 4 1 2 5 1 2 3 4 5` takes 9 faults, with
 * --frames 4 it takes 10.
 *
 * The trace is page numbers, given as words or comma-separated lists
 * ("1 2 3", "1,2,3"), or the pages the current process touched in this
 * session (session_trace). Read-only: the session's machine is not
 * changed (WS-aging runs on a scratch machine of its own).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "langmsg.h"
#include "policy.h"
#include "session.h"

struct lab {
	int frames;
	int n;
	int trace[POLICY_MAX_REFS];
	bool from_process;
};

static int add_refs(struct cmd_ctx *c, int argi, const char *w, struct lab *l)
{
	while (*w) {
		char *end;
		unsigned long long v = strtoull(w, &end, 0);
		if (end == w || (*end && *end != ','))
			return mm_fail_tr(c->err, "syntax", argi, LM_POL_PAGES, w);
		if (v > POLICY_MAX_PAGE)
			return mm_fail_tr(c->err, "syntax", argi, LM_POL_PAGE_RANGE, v, POLICY_MAX_PAGE);
		if (l->n >= POLICY_MAX_REFS)
			return mm_fail_tr(c->err, "syntax", argi, LM_POL_TRACE_MAX, POLICY_MAX_REFS);
		l->trace[l->n++] = (int)v;
		w = *end ? end + 1 : end;
	}
	return 0;
}

static int parse(struct cmd_ctx *c, struct lab *l)
{
	l->frames = 3;
	for (int i = 1; i <= c->argc; i++) {
		const char *w = cmd_word(c, i);
		if (!strcmp(w, "--frames")) {
			uint64_t f;
			if (!cmd_has(c, i + 1))
				return mm_fail_tr(c->err, "syntax", i, LM_POL_FRAMES_NEEDS);
			if (cmd_num(c, ++i, &f) < 0)
				return -1;
			if (f < 1 || f > POLICY_MAX_FRAMES)
				return mm_fail_tr(c->err, "syntax", i, LM_POL_FRAMES_RANGE, POLICY_MAX_FRAMES,
					       (unsigned long long)f);
			l->frames = (int)f;
		} else if (!strcmp(w, "--from-process")) {
			l->from_process = true;
		} else if (add_refs(c, i, w, l) < 0) {
			return -1;
		}
	}
	if (l->from_process && l->n)
		return mm_fail_tr(c->err, "syntax", 0, LM_POL_BOTH);
	if (l->from_process) {
		uint64_t vpn[POLICY_MAX_REFS];
		size_t n = session_trace(c->s, mm_cur(c->m)->pid, vpn, POLICY_MAX_REFS);
		uint64_t low = UINT64_MAX;
		for (size_t i = 0; i < n; i++)
			low = vpn[i] < low ? vpn[i] : low;
		for (size_t i = 0; i < n; i++) {
			if (vpn[i] - low > POLICY_MAX_PAGE)
				return mm_fail_tr(c->err, "syntax", 0, LM_POL_SPAN, POLICY_MAX_PAGE + 1);
			l->trace[l->n++] = (int)(vpn[i] - low);
		}
		if (!n)
			return mm_fail_tr(c->err, "syntax", 0, LM_POL_NO_ACCESS);
		cmd_put_hex(c->result, "base_vpn", low);
	}
	if (!l->n)
		return mm_fail_tr(c->err, "syntax", 0, LM_POL_NEED_TRACE);
	return 0;
}

static cJSON *frames_json(const struct policy_result *r, int i)
{
	cJSON *a = cJSON_CreateArray();
	for (int j = 0; j < r->frames; j++) {
		int pg = r->slot[i * r->frames + j];
		cJSON_AddItemToArray(a, pg < 0 ? cJSON_CreateNull() : cJSON_CreateNumber(pg));
	}
	return a;
}

static void put_policy(cJSON *arr, const struct policy_result *r, const int *trace)
{
	cJSON *o = cJSON_CreateObject();
	cmd_put_str(o, "name", r->name);
	cmd_put_num(o, "faults", r->faults);
	cmd_put_num(o, "hits", r->hits);
	cJSON *steps = cJSON_AddArrayToObject(o, "steps");
	for (int i = 0; i < r->nrefs; i++) {
		cJSON *s = cJSON_CreateObject();
		cmd_put_num(s, "page", trace[i]);
		cmd_put_bool(s, "hit", r->hit[i]);
		if (r->evicted[i] >= 0)
			cmd_put_num(s, "evicted", r->evicted[i]);
		cJSON_AddItemToObject(s, "frames", frames_json(r, i));
		cJSON_AddItemToArray(steps, s);
	}
	cJSON_AddItemToArray(arr, o);
}

static int policies_exec(struct cmd_ctx *c)
{
	static struct lab l;
	memset(&l, 0, sizeof l);
	if (parse(c, &l) < 0)
		return -1;
	cmd_put_num(c->result, "frames", l.frames);
	cJSON *tr = cJSON_AddArrayToObject(c->result, "trace");
	for (int i = 0; i < l.n; i++)
		cJSON_AddItemToArray(tr, cJSON_CreateNumber(l.trace[i]));
	cJSON *arr = cJSON_AddArrayToObject(c->result, "policies");
	for (int k = 0; k < POLICY_COUNT; k++) {
		struct policy_result r;
		if (policy_run((enum policy_kind)k, l.trace, l.n, l.frames, session_lang(c->s), &r, c->err) < 0)
			return -1;
		put_policy(arr, &r, l.trace);
		policy_result_free(&r);
	}
	return 0;
}

#define ITEM(o, k) cJSON_GetObjectItemCaseSensitive((o), (k))

/* One policy's frames after reference i, "1 2 ." with * for a fault. */
static void cell(const cJSON *pol, int i, int frames, char *buf, size_t n)
{
	const cJSON *st = cJSON_GetArrayItem(ITEM(pol, "steps"), i), *f;
	size_t k = 0;
	(void)frames;
	cJSON_ArrayForEach(f, ITEM(st, "frames")) {
		if (k + 8 >= n)
			break;
		if (cJSON_IsNumber(f))
			k += (size_t)snprintf(buf + k, n - k, "%2d ", (int)f->valuedouble);
		else
			k += (size_t)snprintf(buf + k, n - k, " . ");
	}
	if (k < n)
		snprintf(buf + k, n - k, "%s", cJSON_IsTrue(ITEM(st, "hit")) ? " " : "*");
}

static void policies_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *r = c->result, *pol;
	int frames = (int)ITEM(r, "frames")->valuedouble, n = cJSON_GetArraySize(ITEM(r, "trace"));
	int w = 3 * frames + 2;
	bool de = session_lang(c->s) == 1;
	fprintf(out, de ? "%d Referenzen, %d Rahmen; * = Seitenfehler\n" : "%d references, %d frames; * = page fault\n", n,
		frames);
	const cJSON *base = ITEM(r, "base_vpn");
	if (cJSON_IsString(base))
		fprintf(out, de ? "die Seiten des Prozesses ab VPN %s, als 0, 1, 2 ...\n" : "the process's pages from VPN %s, as 0, 1, 2 ...\n",
			base->valuestring);
	fprintf(out, "%-7s", de ? "Ref" : "ref");
	cJSON_ArrayForEach(pol, ITEM(r, "policies"))
		fprintf(out, " %-*s", w, ITEM(pol, "name")->valuestring);
	fputc('\n', out);
	char buf[POLICY_MAX_FRAMES * 8];
	for (int i = 0; i < n; i++) {
		fprintf(out, "%-7d", (int)cJSON_GetArrayItem(ITEM(r, "trace"), i)->valuedouble);
		cJSON_ArrayForEach(pol, ITEM(r, "policies")) {
			cell(pol, i, frames, buf, sizeof buf);
			fprintf(out, " %-*s", w, buf);
		}
		fputc('\n', out);
	}
	static const char *const rows[2][2] = {{"faults", "hits"}, {"Fehler", "Treffer"}};
	for (int k = 0; k < 2; k++) {
		fprintf(out, "%-7s", rows[de][k]);
		cJSON_ArrayForEach(pol, ITEM(r, "policies"))
			fprintf(out, " %-*d", w, (int)ITEM(pol, k ? "hits" : "faults")->valuedouble);
		fputc('\n', out);
	}
}

static const struct cmd_entry e_policies = {
	.name = "policies",
	.usage = "[--frames N] TRACE|--from-process",
	.help = "FIFO, LRU, Clock, OPT and working-set aging on one page trace, side by side",
	.help_de = "FIFO, LRU, Clock, OPT und Arbeitssatz-Alterung auf einer Seitenfolge, nebeneinander",
	.min_args = 1,
	.max_args = LEX_MAX_WORDS - 1,
	.flags = CMD_READONLY,
	.exec = policies_exec,
	.text = policies_text
};

const struct cmd_entry *const cmd_policies_table[] = {&e_policies, NULL};
