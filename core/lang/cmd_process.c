/*
 * cmd_process.c — process create / use / exit / list and CreateThread
 * (docs/commands.md CMD-PROCESS). A process made without --bare gets the user-mode layout
 * of aspace.c: PEB, main thread (stack and TEB), default heap.
 */
#include <stdio.h>
#include <string.h>

#include "win32/aspace.h"
#include "cmd.h"
#include "langmsg.h"
#include "mm/wsmgr.h"
#include "mm/commit.h"
#include "mm/process.h"
#include "session.h"
#include "win32/stack.h"
#include "mm/vm.h"
#include "mm.h"

static int process_create_exec(struct cmd_ctx *c)
{
	const char *name = cmd_word(c, 1);
	bool bare = false, lock_memory = false;
	for (int i = 2; i <= c->argc; i++) {
		const char *w = cmd_word(c, i);
		if (!strcmp(w, "--bare"))
			bare = true;
		else if (!strcmp(w, "--lock-memory"))
			lock_memory = true;
		else
			return mm_fail_tr(c->err, "syntax", i, LM_PROC_OPTION, w);
	}
	if (name[0] == '-')
		return mm_fail_tr(c->err, "syntax", 1, LM_PROC_NAME_FIRST, name);
	struct proc *p = process_create(c->m, name, c->err);
	if (!p || (!bare && aspace_populate(c->m, p, c->err) < 0))
		return -1; /* images arrive with the sections issue */
	if (lock_memory)
		process_grant(c->m, p, PRIV_LOCK_MEMORY); /* its token holds SeLockMemoryPrivilege */
	c->value = p->pid;
	c->has_value = true;
	cmd_put_num(c->result, "value", p->pid);
	cmd_put_str(c->result, "name", p->name);
	cmd_put_hex(c->result, "cr3", mm_page_address(p->cr3));
	cmd_put_hex(c->result, "dirbase_pfn", p->cr3);
	if (!bare) {
		cmd_put_hex(c->result, "peb", p->peb);
		cmd_put_hex(c->result, "process_heap", p->process_heap);
		cmd_put_num(c->result, "main_thread", p->thread[0].tid);
		cmd_put_hex(c->result, "teb", p->thread[0].teb);
		cmd_put_hex(c->result, "stack_base", p->thread[0].stack_base);
		cmd_put_hex(c->result, "stack_limit", p->thread[0].stack_limit);
	}
	return 0;
}

/* "KEY=SIZE: " before the lexer's words, in each language. */
static int size_option_fail(struct cmd_ctx *c, int i, const char *key, const struct mm_err *e)
{
	char text[2][sizeof e->msg];
	for (int lang = 0; lang < 2; lang++)
		snprintf(text[lang], sizeof text[lang], LM(lang, SIZE_OPTION), key, mm_err_text(e, lang));
	return mm_fail_texts(c->err, "syntax", i, text[0], text[1]);
}

/* "stack=64K" -> 64K; 0 when the option is another one. */
static int size_option(struct cmd_ctx *c, int i, const char *key, uint64_t *out, bool *matched)
{
	const char *w = cmd_word(c, i);
	size_t n = strlen(key);
	*matched = !strncmp(w, key, n) && w[n] == '=';
	if (!*matched)
		return 0;
	struct mm_err e;
	if (lex_number(w + n + 1, c->vars, out, i, &e) < 0)
		return size_option_fail(c, i, key, &e);
	return 0;
}

static int createthread_exec(struct cmd_ctx *c)
{
	uint64_t commit = 0, reserve = 0;
	for (int i = 1; i <= c->argc; i++) {
		bool a, b;
		if (size_option(c, i, "stack", &commit, &a) < 0 || size_option(c, i, "reserve", &reserve, &b) < 0)
			return -1;
		if (!a && !b)
			return mm_fail_tr(c->err, "syntax", i, LM_THREAD_OPTION, cmd_word(c, i));
	}
	const struct mm_thread *t = stack_create_thread(c->m, mm_cur(c->m), commit, reserve, c->err);
	if (!t)
		return -1;
	c->value = t->tid;
	c->has_value = true;
	cmd_put_num(c->result, "value", t->tid);
	cmd_put_hex(c->result, "teb", t->teb);
	cmd_put_hex(c->result, "stack_base", t->stack_base);
	cmd_put_hex(c->result, "stack_limit", t->stack_limit);
	cmd_put_hex(c->result, "deallocation_stack", t->deallocation_stack);
	return 0;
}

static struct proc *find_arg(struct cmd_ctx *c, int i)
{
	const char *w = cmd_word(c, i);
	uint64_t v;
	struct proc *p = NULL;
	if (w[0] == '$' && lex_number(w, c->vars, &v, i, c->err) == 0) {
		char buf[24];
		snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
		p = process_find(c->m, buf);
	} else if (w[0] != '$') {
		p = process_find(c->m, w);
	} else {
		return NULL;
	}
	if (!p)
		mm_fail_tr(c->err, "STATUS_INVALID_CID", i, LM_PROC_NO_LIVE, w);
	return p;
}

static int process_use_exec(struct cmd_ctx *c)
{
	struct proc *p = find_arg(c, 1);
	if (!p)
		return -1;
	process_use(c->m, p);
	c->value = p->pid;
	c->has_value = true;
	cmd_put_num(c->result, "value", p->pid);
	cmd_put_str(c->result, "name", p->name);
	cmd_put_hex(c->result, "cr3", mm_page_address(p->cr3));
	return 0;
}

static int process_exit_exec(struct cmd_ctx *c)
{
	struct proc *p = find_arg(c, 1);
	if (!p)
		return -1;
	uint32_t pid = p->pid;
	if (aspace_exit(c->m, p, c->err) < 0)
		return -1;
	cmd_put_num(c->result, "pid", pid);
	cmd_put_num(c->result, "commit_charge", (double)c->m->commit_total);
	return 0;
}

static void put_proc(struct cmd_ctx *c, cJSON *o, const struct proc *p)
{
	cmd_put_num(o, "pid", p->pid);
	cmd_put_str(o, "name", p->name);
	cmd_put_hex(o, "dirbase", mm_page_address(p->cr3));
	cmd_put_num(o, "working_set", (double)p->ws_size);
	cmd_put_num(o, "ws_minimum", (double)p->ws_min);
	cmd_put_num(o, "ws_maximum", (double)p->ws_max);
	cmd_put_num(o, "commit", (double)(p->commit_private + p->commit_page_tables + p->commit_fixed));
	cmd_put_num(o, "private_commit", (double)p->commit_private);
	cmd_put_num(o, "page_tables", (double)p->page_tables);
	struct mm_vmmap_totals vt;
	if (mm_vmmap_totals(c->m, p->pid, &vt) == 0) { /* VMMap's Total row (docs/output.md OUT-RESULT) */
		cmd_put_num(o, "private_pages", (double)vt.private_pages);
		cmd_put_num(o, "private_ws", (double)vt.ws_private);
		cmd_put_num(o, "shareable_ws", (double)vt.ws_shareable);
		cmd_put_num(o, "shared_ws", (double)vt.ws_shared);
	}
	cmd_put_num(o, "page_faults", (double)p->fault_count);
	cmd_put_num(o, "hard_faults", (double)p->hard_fault_count);
	cmd_put_bool(o, "lock_memory", (p->privileges & PRIV_LOCK_MEMORY) != 0);
	cmd_put_num(o, "large_pages", (double)p->large_pages);
	cmd_put_num(o, "vads", p->vad_count);
	cmd_put_bool(o, "current", p == mm_cur(c->m));
	cmd_put_hex(o, "peb", p->peb);
	cmd_put_num(o, "heaps", p->nheaps);
	cmd_put_num(o, "locked_pages", wsmgr_locked_pages(c->m, p));
	cJSON *th = cJSON_AddArrayToObject(o, "threads");
	for (int i = 0; i < MM_MAX_THREADS; i++) {
		const struct mm_thread *t = &p->thread[i];
		if (!t->tid)
			continue;
		cJSON *x = cJSON_CreateObject();
		cmd_put_num(x, "tid", t->tid);
		cmd_put_hex(x, "teb", t->teb);
		cmd_put_hex(x, "stack_base", t->stack_base);
		cmd_put_hex(x, "stack_limit", t->stack_limit);
		cmd_put_hex(x, "deallocation_stack", t->deallocation_stack);
		cJSON_AddItemToArray(th, x);
	}
}

static int process_list_exec(struct cmd_ctx *c)
{
	cJSON *arr = cJSON_AddArrayToObject(c->result, "processes");
	for (int i = 0; i < MM_MAX_PROCS; i++)
		if (c->m->proc[i].alive) {
			cJSON *o = cJSON_CreateObject();
			put_proc(c, o, &c->m->proc[i]);
			cJSON_AddItemToArray(arr, o);
		}
	return 0;
}

/* `!process 0 0` style: one block per process. */
static void process_list_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(c->result, "processes");
	const cJSON *o;
	fprintf(out, "**** NT ACTIVE PROCESS DUMP ****\n");
	cJSON_ArrayForEach(o, arr) {
		fprintf(out, "PROCESS%s Cid: %04x  DirBase: %s  WorkingSet: %d pages  Commit: %d pages\n    Image: %s\n",
			cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "current")) ? " (current)" : "",
			(unsigned)cJSON_GetObjectItemCaseSensitive(o, "pid")->valuedouble,
			cJSON_GetObjectItemCaseSensitive(o, "dirbase")->valuestring,
			(int)cJSON_GetObjectItemCaseSensitive(o, "working_set")->valuedouble,
			(int)cJSON_GetObjectItemCaseSensitive(o, "commit")->valuedouble,
			cJSON_GetObjectItemCaseSensitive(o, "name")->valuestring);
	}
}

/* `!process PID`: the same block with the counters of the process's
 * MMSUPPORT (docs/reference.md R-COUNTERS). */
static void bang_process_text(struct cmd_ctx *c, FILE *out)
{
	process_list_text(c, out);
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(c->result, "processes"))
		fprintf(out, "    Cid %04x  PageFaultCount %.0f  HardFaultCount %.0f\n",
			(unsigned)cJSON_GetObjectItemCaseSensitive(o, "pid")->valuedouble,
			cJSON_GetObjectItemCaseSensitive(o, "page_faults")->valuedouble,
			cJSON_GetObjectItemCaseSensitive(o, "hard_faults")->valuedouble);
}

static int bang_process_exec(struct cmd_ctx *c)
{
	const struct proc *p = mm_cur(c->m);
	if (cmd_has(c, 1)) {
		uint64_t pid;
		if (cmd_num(c, 1, &pid) < 0)
			return -1;
		if (pid == 0)
			return process_list_exec(c);
		if (!(p = process_by_pid(c->m, (uint32_t)pid)))
			return mm_fail_tr(c->err, "STATUS_INVALID_CID", 1, LM_PROC_NO_PID, (unsigned long long)pid);
	}
	cJSON *arr = cJSON_AddArrayToObject(c->result, "processes");
	cJSON *o = cJSON_CreateObject();
	put_proc(c, o, p);
	cJSON_AddItemToArray(arr, o);
	return 0;
}

static const struct cmd_entry e_create = {
	.name = "process create",
	.usage = "NAME [--bare] [--lock-memory]",
	.help = "new process with its own address space (CR3); becomes current",
	.help_de = "neuer Prozess mit eigenem Adressraum (CR3); wird der aktuelle",
	.min_args = 1,
	.max_args = 3,
	.flags = CMD_VALUE,
	.exec = process_create_exec
};

static const struct cmd_entry e_use = {
	.name = "process use",
	.usage = "PID|NAME",
	.help = "switch the current process (CR3 load: non-global TLB entries are flushed)",
	.help_de = "den aktuellen Prozess wechseln (CR3 laden: nicht globale TLB-Einträge werden verworfen)",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_VALUE,
	.exec = process_use_exec
};

static const struct cmd_entry e_exit = {
	.name = "process exit",
	.usage = "PID|NAME",
	.help = "tear the address space down: every page, page table and commit charge returns",
	.help_de = "den Adressraum abbauen: jede Seite, jede Seitentabelle und der zugesicherte Speicher kehren zurück",
	.min_args = 1,
	.max_args = 1,
	.exec = process_exit_exec
};

static const struct cmd_entry e_list = {
	.name = "process list",
	.usage = "",
	.help = "the live processes, like !process 0 0",
	.help_de = "die lebenden Prozesse, wie !process 0 0",
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_READONLY,
	.exec = process_list_exec,
	.text = process_list_text
};

static const struct cmd_entry e_bang = {
	.name = "!process",
	.usage = "[PID]",
	.help = "a process (0: all), like WinDbg's !process",
	.help_de = "ein Prozess (0: alle), wie !process in WinDbg",
	.min_args = 0,
	.max_args = 2,
	.flags = CMD_READONLY | CMD_NTSTATUS,
	.exec = bang_process_exec,
	.text = bang_process_text
};

static const struct cmd_entry e_thread = {
	.name = "CreateThread",
	.usage = "[stack=SIZE] [reserve=SIZE]",
	.help = "a thread in the current process: its stack (SIZE committed, 1 MB reserved, a guard page) and TEB; "
		"result: its tid",
	.help_de = "ein Thread im aktuellen Prozess: sein Stapel (SIZE zugesichert, 1 MB reserviert, "
		"eine Schutzseite) und TEB; Ergebnis: seine TID",
	.min_args = 0,
	.max_args = 2,
	.flags = CMD_VALUE,
	.exec = createthread_exec
};

const struct cmd_entry *const cmd_process_table[] = {&e_create, &e_use, &e_exit, &e_list, &e_bang, &e_thread, NULL};
