/*
 * cmd_ws.c — working sets, page files and the system threads:
 * EmptyWorkingSet, SetProcessWorkingSetSize, tick, run, !wsle, !pagefile.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "mm/counters.h"
#include "mm/pfn.h"
#include "mm/process.h"
#include "mm/systhreads.h"
#include "mm/wsmgr.h"
#include "langmsg.h"

static int empty_exec(struct cmd_ctx *c)
{
	struct proc *p = mm_cur(c->m);
	uint64_t before = p->ws_size;
	uint64_t n = wsmgr_empty(c->m, p);
	cmd_put_num(c->result, "trimmed", (double)n);
	cmd_put_num(c->result, "working_set_before", (double)before);
	cmd_put_num(c->result, "working_set", (double)p->ws_size);
	return 0;
}

/* A size argument, or -1 for (SIZE_T)-1. */
static int ws_size_arg(struct cmd_ctx *c, int i, uint64_t *v)
{
	if (!strcmp(cmd_word(c, i), "-1")) {
		*v = UINT64_MAX;
		return 0;
	}
	return cmd_num(c, i, v);
}

static int setws_exec(struct cmd_ctx *c)
{
	uint64_t mn, mx;
	if (ws_size_arg(c, 1, &mn) < 0 || ws_size_arg(c, 2, &mx) < 0)
		return -1;
	struct proc *p = mm_cur(c->m);
	bool clamped;
	if (wsmgr_set_limits(c->m, p, mn, mx, &clamped, c->err) < 0)
		return -1;
	if (clamped)
		cmd_put_str(c->result, "status", "STATUS_WORKING_SET_LIMIT_RANGE");
	cmd_put_num(c->result, "minimum", (double)p->ws_min);
	cmd_put_num(c->result, "maximum", (double)p->ws_max);
	cmd_put_num(c->result, "working_set", (double)p->ws_size);
	return 0;
}

static void put_report(struct cmd_ctx *c, const struct sys_report *r)
{
	cmd_put_num(c->result, "trimmed", (double)r->trimmed);
	cmd_put_num(c->result, "written", (double)r->written);
	cmd_put_num(c->result, "zeroed", (double)r->zeroed);
	cmd_put_bool(c->result, "trim_pass", r->trim_pass);
	cmd_put_num(c->result, "available_pages", pfn_available(c->m));
	cmd_put_num(c->result, "ticks", (double)c->m->ticks);
}

static int tick_exec(struct cmd_ctx *c)
{
	uint64_t n = 1;
	if (cmd_has(c, 1) && cmd_num(c, 1, &n) < 0)
		return -1;
	if (n < 1 || n > 10000)
		return mm_fail_tr(c->err, "syntax", 1, LM_WS_PERIODS);
	struct sys_report r = {0};
	sys_tick(c->m, (int)n, &r);
	counters_sample(c->m, n); /* the end of N simulated seconds: Perfmon's sample */
	put_report(c, &r);
	return 0;
}

static int run_exec(struct cmd_ctx *c)
{
	static const char *const threads[] = {"writer", "zero", "trim"};
	int k = lex_keyword(cmd_word(c, 1), threads, 3, 1, c->err);
	if (k < 0)
		return -1;
	struct sys_report r = {0};
	if (k == 0)
		r.written = sys_writer(c->m, UINT64_MAX);
	else if (k == 1)
		r.zeroed = sys_zero(c->m);
	else
		r.trimmed = sys_trim(c->m);
	cmd_put_str(c->result, "thread", threads[k]);
	put_report(c, &r);
	return 0;
}

static int wsle_exec(struct cmd_ctx *c)
{
	struct proc *p = mm_cur(c->m);
	if (cmd_has(c, 1)) {
		uint64_t pid;
		if (cmd_num(c, 1, &pid) < 0)
			return -1;
		if (!(p = process_by_pid(c->m, (uint32_t)pid)))
			return mm_fail_tr(c->err, "STATUS_INVALID_CID", 1, LM_PROC_NO_PID, (unsigned long long)pid);
	}
	cmd_put_num(c->result, "pid", p->pid);
	cmd_put_num(c->result, "minimum", (double)p->ws_min);
	cmd_put_num(c->result, "maximum", (double)p->ws_max);
	cmd_put_num(c->result, "size", (double)p->ws_size);
	cmd_put_num(c->result, "peak", (double)p->ws_peak);
	cmd_put_num(c->result, "page_faults", (double)p->fault_count);
	cJSON *arr = cJSON_AddArrayToObject(c->result, "entries");
	uint32_t i = p->ws_first;
	if (i) {
		do {
			const struct wsle *e = wsle_at(c->m, i);
			cJSON *o = cJSON_CreateObject();
			cmd_put_hex(o, "va", e->va);
			cmd_put_num(o, "age", e->age);
			cmd_put_bool(o, "locked", e->flags & WSLE_LOCKED);
			cmd_put_bool(o, "page_table", e->flags & WSLE_TABLE);
			cmd_put_hex(o, "pfn", e->pfn);
			cJSON_AddItemToArray(arr, o);
			i = e->next;
		} while (i != p->ws_first);
	}
	return 0;
}

static void wsle_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *r = c->result, *e;
#define NUM(o, k) ((int)cJSON_GetObjectItemCaseSensitive((o), (k))->valuedouble)
	fprintf(out, "Working Set of process %d: %d pages (minimum %d, maximum %d, peak %d), %d page faults\n",
		NUM(r, "pid"), NUM(r, "size"), NUM(r, "minimum"), NUM(r, "maximum"), NUM(r, "peak"), NUM(r, "page_faults"));
	fprintf(out, "  %-18s %-8s %s\n", "Address", "Age", "Flags");
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(r, "entries"))
		fprintf(out, "  %-18s %-8d %s%s\n", cJSON_GetObjectItemCaseSensitive(e, "va")->valuestring, NUM(e, "age"),
			cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "locked")) ? "locked " : "",
			cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "page_table")) ? "page-table" : "");
#undef NUM
}

static int pagefile_exec(struct cmd_ctx *c)
{
	cJSON *arr = cJSON_AddArrayToObject(c->result, "files");
	for (int i = 0; i < c->m->npagefiles; i++) {
		const struct pagefile *pf = &c->m->pagefile[i];
		cJSON *o = cJSON_CreateObject();
		cmd_put_num(o, "number", i);
		cmd_put_num(o, "size", (double)pf->size);
		cmd_put_num(o, "minimum", (double)pf->size);
		cmd_put_num(o, "maximum", (double)pf->size);
		cmd_put_num(o, "free", (double)pf->free);
		cmd_put_num(o, "in_use", (double)pf->in_use);
		cmd_put_num(o, "peak", (double)pf->peak);
		cJSON_AddItemToArray(arr, o);
	}
	return 0;
}

static const struct cmd_entry e_empty = {
	.name = "EmptyWorkingSet",
	.usage = "",
	.help = "remove every trimmable page from the current process's working set",
	.help_de = "jede kürzbare Seite aus dem Arbeitssatz des aktuellen Prozesses entfernen",
	.min_args = 0,
	.max_args = 0,
	.exec = empty_exec
};

static const struct cmd_entry e_setws = {
	.name = "SetProcessWorkingSetSize",
	.usage = "MIN MAX",
	.help = "working-set minimum and maximum in bytes (-1 -1: empty it)",
	.help_de = "Arbeitssatz-Minimum und -Maximum in Bytes (-1 -1: ihn leeren)",
	.min_args = 2,
	.max_args = 2,
	.exec = setws_exec
};

static const struct cmd_entry e_tick = {
	.name = "tick",
	.usage = "[N]",
	.help = "N balance-set-manager periods: aging, trimming, the writer, the zero thread",
	.help_de = "N Perioden des Balance-Set-Managers: Alterung, Kürzen, der Schreiber, der Nullseiten-Thread",
	.min_args = 0,
	.max_args = 1,
	.exec = tick_exec
};

static const struct cmd_entry e_run = {
	.name = "run",
	.usage = "writer|zero|trim",
	.help = "run one system thread once, now",
	.help_de = "einen Systemthread einmal laufen lassen, jetzt",
	.min_args = 1,
	.max_args = 1,
	.exec = run_exec
};

static const struct cmd_entry e_wsle = {
	.name = "!wsle",
	.usage = "[PID]",
	.help = "the working set list: address, age, flags",
	.help_de = "die Arbeitssatzliste: Adresse, Alter, Flags",
	.min_args = 0,
	.max_args = 1,
	.flags = CMD_READONLY | CMD_NTSTATUS,
	.exec = wsle_exec,
	.text = wsle_text
};

static const struct cmd_entry e_pagefile = {
	.name = "!pagefile",
	.usage = "",
	.help = "page files: size, free and used slots",
	.help_de = "Auslagerungsdateien: Größe, freie und belegte Plätze",
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_READONLY | CMD_NTSTATUS,
	.exec = pagefile_exec
};

const struct cmd_entry *const cmd_ws_table[] = {&e_empty, &e_setws, &e_tick, &e_run, &e_wsle, &e_pagefile, NULL};
