/*
 * cmd_file.c — the two commands that write host files: `save FILE` (the
 * session so far as a replayable scenario, docs/scenarios.md SCN-FORMAT) and `export FILE`
 * (the whole simulated state as JSON). Scenario files may not use them
 * (scenario.c, rule R5): a scenario is untrusted input.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "base/consts.h"
#include "hw/paging.h"
#include "mm/pfn.h"
#include "hw/pte.h"
#include "session.h"
#include "mm/vad.h"

/* Writes doc to path; the file is replaced only when the whole text was
 * written (a temporary file renamed over it). */
static int write_json(struct cmd_ctx *c, const char *path, cJSON *doc)
{
	char *text = cJSON_Print(doc);
	if (!text)
		return mm_fail(c->err, "STATUS_NO_MEMORY", -1, "host memory exhausted");
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	int rc = 0;
	if (!f || fputs(text, f) < 0 || fputc('\n', f) < 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
		rc = mm_fail(c->err, "ERROR_WRITE_FAULT", 1, "cannot write '%s': %s", path, strerror(errno));
		if (f)
			remove(tmp);
	}
	size_t bytes = strlen(text) + 1;
	cJSON_free(text);
	if (rc == 0) {
		cmd_put_str(c->result, "file", path);
		cmd_put_num(c->result, "bytes", (double)bytes);
	}
	return rc;
}

static void size_str(cJSON *o, const char *key, uint64_t bytes)
{
	char buf[32];
	if (bytes % (1u << 20) == 0)
		snprintf(buf, sizeof buf, "%lluM", (unsigned long long)(bytes >> 20));
	else
		snprintf(buf, sizeof buf, "%lluK", (unsigned long long)(bytes >> 10));
	cJSON_AddStringToObject(o, key, buf);
}

static cJSON *machine_block(const struct mm_config *cfg)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "arch", mm_arch_name(cfg->arch));
	cJSON_AddStringToObject(m, "os", mm_os_name(cfg->os));
	size_str(m, "ram", cfg->ram);
	cJSON *pf = cJSON_AddArrayToObject(m, "pagefiles");
	for (int i = 0; i < cfg->npagefiles; i++) {
		cJSON *o = cJSON_CreateObject();
		size_str(o, "x", cfg->pagefile[i]);
		cJSON_AddItemToArray(pf, cJSON_DetachItemFromObject(o, "x"));
		cJSON_Delete(o);
	}
	return m;
}

/* An id from the file name: letters, digits, '-', '.', '_', lower case. */
static void id_from(const char *path, char *id, size_t n)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t k = 0;
	for (; *b && *b != '.' && k + 1 < n; b++) {
		char ch = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		id[k++] = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ? ch : '-';
	}
	if (k == 0 || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
		snprintf(id, n, "recorded");
	else
		id[k] = 0;
}

static int save_exec(struct cmd_ctx *c)
{
	const char *path = cmd_word(c, 1);
	char id[65];
	id_from(path, id, sizeof id);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "schema", 1);
	cJSON_AddStringToObject(doc, "id", id);
	cJSON *t = cJSON_AddObjectToObject(doc, "title");
	cJSON_AddStringToObject(t, "en", "A recorded session");
	cJSON_AddStringToObject(t, "de", "Eine aufgezeichnete Sitzung");
	cJSON_AddItemToObject(doc, "machine", machine_block(session_config(c->s)));
	cJSON *steps = cJSON_AddArrayToObject(doc, "steps");
	size_t n = session_line_count(c->s), nsteps = 0;
	const char *pending_say = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *line = session_line(c->s, i);
		if (!strncasecmp(line, "say ", 4)) { /* narration goes with the next command */
			pending_say = line + 4;
			continue;
		}
		cJSON *st = cJSON_CreateObject();
		cJSON_AddStringToObject(st, "run", line);
		if (pending_say)
			cJSON_AddStringToObject(st, "say", pending_say);
		pending_say = NULL;
		cJSON *ex = cJSON_AddObjectToObject(st, "expect");
		cJSON_AddBoolToObject(ex, "ok", true);
		cJSON_AddItemToArray(steps, st);
		nsteps++;
	}
	if (pending_say || nsteps == 0) {
		cJSON *st = cJSON_CreateObject();
		cJSON_AddStringToObject(st, "say", pending_say ? pending_say : "(nothing recorded yet)");
		cJSON_AddItemToArray(steps, st);
		nsteps++;
	}
	int rc = write_json(c, path, doc);
	cJSON_Delete(doc);
	if (rc == 0)
		cmd_put_num(c->result, "steps", (double)nsteps);
	return rc;
}

/* ---- export ---- */

static cJSON *export_tables(const struct mm *m, const struct proc *p)
{
	cJSON *arr = cJSON_CreateArray();
	const struct arch *a = m->arch;
	/* every non-zero entry of the user half, level by level, as !pte shows */
	struct tframe { uint32_t t; int level; uint64_t base; } stack[4 * 512];
	int sp = 0;
	if (a->id == MM_ARCH_PAE) {
		for (int d = 1; d >= 0; d--)
			stack[sp++] = (struct tframe){p->pae_pd[d], 1, (uint64_t)d << 30};
	} else {
		stack[sp++] = (struct tframe){p->cr3, 0, 0};
	}
	while (sp > 0) {
		struct tframe cur = stack[--sp];
		uint32_t n = 1u << a->bits[cur.level];
		for (uint32_t i = 0; i < n; i++) {
			uint64_t va = cur.base + ((uint64_t)i << a->shift[cur.level]);
			if (!paging_is_user(m, va))
				break;
			pte_t v = pte_load(m, cur.t, i);
			if (!v)
				continue;
			cJSON *o = cJSON_CreateObject();
			cmd_put_str(o, "level", a->level_name[cur.level]);
			cmd_put_hex(o, "va", va);
			cmd_put_hex(o, "value", v);
			cJSON_AddItemToArray(arr, o);
			if ((v & PTE_VALID) && !(v & PTE_LARGE) && cur.level < a->levels - 1 && sp < (int)MM_ARRAY_LEN(stack))
				stack[sp++] = (struct tframe){pte_pfn(a, v), cur.level + 1, va};
		}
	}
	return arr;
}

static cJSON *export_process(const struct mm *m, const struct proc *p)
{
	cJSON *o = cJSON_CreateObject();
	char buf[64];
	cmd_put_num(o, "pid", p->pid);
	cmd_put_str(o, "name", p->name);
	cmd_put_hex(o, "cr3", mm_page_address(p->cr3));
	cmd_put_num(o, "working_set", (double)p->ws_size);
	cmd_put_num(o, "commit", (double)(p->commit_private + p->commit_page_tables + p->commit_fixed));
	cmd_put_num(o, "page_tables", (double)p->page_tables);
	cJSON *vads = cJSON_AddArrayToObject(o, "vads");
	for (uint32_t i = vad_first(m, p); i; i = vad_next(m, i)) {
		const struct vad *v = vad_at(m, i);
		cJSON *e = cJSON_CreateObject();
		cmd_put_hex(e, "start", v->start);
		cmd_put_hex(e, "end", v->end);
		cmd_put_str(e, "type", vad_type_name((enum vad_type)v->type));
		cmd_put_str(e, "protection", mm_prot_win32_str(mm_prot_to_win32(v->protection), buf, sizeof buf));
		cmd_put_num(e, "commit", (double)v->commit_charge);
		cmd_put_bool(e, "mem_commit", v->flags & VADF_MEM_COMMIT);
		cJSON_AddItemToArray(vads, e);
	}
	if (p->pid != MM_PID_SYSTEM)
		cJSON_AddItemToObject(o, "ptes", export_tables(m, p));
	return o;
}

static int export_exec(struct cmd_ctx *c)
{
	const struct mm *m = c->m;
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "schema", 1);
	cJSON_AddItemToObject(doc, "machine", machine_block(&m->cfg));
	cJSON *vm = cJSON_AddObjectToObject(doc, "memory");
	cmd_put_num(vm, "physical_pages", m->npages);
	cmd_put_num(vm, "available_pages", pfn_available(m));
	cmd_put_num(vm, "commit_charge", (double)m->commit_total);
	cmd_put_num(vm, "commit_limit", (double)m->commit_limit);
	cJSON *lists = cJSON_AddObjectToObject(vm, "lists");
	for (int i = 0; i < PFN_LOC_COUNT; i++)
		cmd_put_num(lists, pfn_loc_name((enum pfn_loc)i), (double)m->list[i].total);
	cJSON *procs = cJSON_AddArrayToObject(doc, "processes");
	for (int i = 0; i < MM_MAX_PROCS; i++)
		if (m->proc[i].alive)
			cJSON_AddItemToArray(procs, export_process(m, &m->proc[i]));
	/* the PFN database, except the frames still on the zeroed list */
	cJSON *pfns = cJSON_AddArrayToObject(doc, "pfn");
	for (uint32_t i = 0; i < m->npages; i++) {
		const struct pfn *p = &m->pfn[i];
		enum pfn_loc l = pfn_loc(p);
		if (l == PFN_ZEROED)
			continue;
		cJSON *o = cJSON_CreateObject();
		cmd_put_hex(o, "pfn", i);
		cmd_put_str(o, "state", pfn_loc_name(l));
		cmd_put_str(o, "use", pfn_use_name(pfn_use(p)));
		cmd_put_num(o, "share_count", pfn_on_list(l) ? 0 : p->u2);
		cmd_put_num(o, "reference_count", p->reference_count);
		cmd_put_hex(o, "pte_address", p->pte_address);
		cmd_put_hex(o, "original_pte", p->original_pte);
		cmd_put_bool(o, "modified", p->flags & PFNF_MODIFIED);
		if (p->owner != PFN_OWNER_NONE)
			cmd_put_num(o, "owner", p->owner);
		cJSON_AddItemToArray(pfns, o);
	}
	cJSON *tlb = cJSON_AddArrayToObject(doc, "tlb");
	for (int i = 0; i < m->tlb_sets * TLB_WAYS; i++)
		if (m->tlb[i].flags & TLBF_VALID) {
			cJSON *o = cJSON_CreateObject();
			cmd_put_hex(o, "va", mm_page_address(m->tlb[i].vpn));
			cmd_put_hex(o, "pfn", m->tlb[i].pfn);
			cJSON_AddItemToArray(tlb, o);
		}
	int rc = write_json(c, cmd_word(c, 1), doc);
	cJSON_Delete(doc);
	return rc;
}

static const struct cmd_entry e_save = {
	.name = "save",
	.usage = "FILE",
	.help = "the session so far as a replayable scenario (JSON)",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_SESSION,
	.exec = save_exec
};

static const struct cmd_entry e_export = {
	.name = "export",
	.usage = "FILE",
	.help = "the whole simulated state as JSON",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_READONLY,
	.exec = export_exec
};

const struct cmd_entry *const cmd_file_table[] = {&e_save, &e_export, NULL};
