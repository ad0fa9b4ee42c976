/*
 * cmd_vad.c — !vad and !address, the two WinDbg views of a process's
 * address space (docs/commands.md CMD-INSPECT, docs/output.md OUT-RESULT).
 *
 * !vad lists the VAD tree in address order: each node's level (its depth
 * below the root, 0 = the root), start and end VPN, commit charge, type and
 * protection as the VAD records them, MemCommit; and the tree's depth,
 * which stays near log2 of the count because the tree is an AVL tree.
 *
 * !address walks the whole user address space with VirtualQuery, so each
 * line is a run of like pages — the same answer a program would get — and
 * names what the region is used for, as WinDbg does ("Stack", "Heap",
 * "TEB", "<unknown>" for plain VirtualAlloc memory ...). A '+' marks the
 * first region of an allocation. `!address ADDR` shows the one region that
 * holds ADDR, from its first page.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "base/consts.h"
#include "win32/heap.h"
#include "mm/section.h"
#include "win32/stack.h"
#include "mm/vad.h"
#include "mm/vm.h"
#include "langmsg.h"

/* ---- !vad ---- */

static int level_of(const struct mm *m, uint32_t i)
{
	int l = 0;
	while ((i = vad_at(m, i)->parent))
		l++;
	return l;
}

static void put_vad(const struct mm *m, cJSON *arr, uint32_t i)
{
	const struct vad *v = vad_at(m, i);
	char buf[80];
	cJSON *o = cJSON_CreateObject();
	cmd_put_num(o, "level", level_of(m, i));
	cmd_put_hex(o, "start", v->start);
	cmd_put_hex(o, "end", v->end);
	cmd_put_str(o, "type", vad_type_name((enum vad_type)v->type));
	cmd_put_str(o, "protection", mm_prot_win32_str(mm_prot_to_win32(v->protection), buf, sizeof buf));
	cmd_put_num(o, "commit", (double)v->commit_charge);
	cmd_put_bool(o, "mem_commit", (v->flags & VADF_MEM_COMMIT) != 0);
	cmd_put_bool(o, "private", (v->flags & VADF_PRIVATE) != 0);
	cmd_put_bool(o, "no_change", (v->flags & VADF_NO_CHANGE) != 0);
	cmd_put_str(o, "usage", vad_usage_name((enum vad_usage)v->usage));
	cJSON_AddItemToArray(arr, o);
}

static int bang_vad_exec(struct cmd_ctx *c)
{
	const struct proc *p = mm_cur(c->m);
	uint64_t addr = 0;
	uint32_t only = 0;
	if (cmd_has(c, 1)) {
		if (cmd_num(c, 1, &addr) < 0)
			return -1;
		if (!(only = vad_find(c->m, p, mm_page_number(addr))))
			return mm_fail_tr(c->err, "STATUS_MEMORY_NOT_ALLOCATED", 1, LM_VAD_NONE, p->pid,
				       (unsigned long long)addr);
	}
	cJSON *arr = cJSON_AddArrayToObject(c->result, "vads");
	for (uint32_t i = vad_first(c->m, p); i; i = vad_next(c->m, i))
		if (!only || i == only)
			put_vad(c->m, arr, i);
	cmd_put_num(c->result, "depth", vad_depth(c->m, p));
	cmd_put_num(c->result, "count", p->vad_count);
	cmd_put_num(c->result, "pid", p->pid);
	return 0;
}

static double num(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k)->valuedouble; }
static const char *str(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k)->valuestring; }
static bool flag(const cJSON *o, const char *k) { return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, k)); }

/* "PAGE_READWRITE" -> "READWRITE", as !vad prints protections. */
static const char *short_prot(const char *s)
{
	return strncmp(s, "PAGE_", 5) ? s : s + 5;
}

static void bang_vad_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *v;
	fprintf(out, "level      start        end   commit  type     protection           usage\n");
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(c->result, "vads")) {
		fprintf(out, "( %2d) %10s %10s %8llu  %-8s %-20s %s%s\n", (int)num(v, "level"), str(v, "start") + 2,
			str(v, "end") + 2, (unsigned long long)num(v, "commit"),
			flag(v, "private") ? "Private" : str(v, "type"), short_prot(str(v, "protection")),
			str(v, "usage"), flag(v, "mem_commit") ? " (MemCommit)" : "");
	}
	fprintf(out, "Total VADs: %d, tree depth: %d\n", (int)num(c->result, "count"), (int)num(c->result, "depth"));
}

/* ---- !address ---- */

static const char *usage_word(const char *usage)
{
	static const char *const map[][2] = {
		{"free", "Free"}, {"private_data", "<unknown>"}, {"heap", "Heap"}, {"stack", "Stack"}, {"teb", "TEB"},
		{"peb", "PEB"}, {"image", "Image"}, {"mapped_file", "MappedFile"}, {"shareable", "Shareable"},
		{"shared_user_data", "Other"},
	};
	for (size_t i = 0; i < MM_ARRAY_LEN(map); i++)
		if (!strcmp(map[i][0], usage))
			return map[i][1];
	return usage;
}

/* What a region is used for, and a detail WinDbg would put in brackets. */
static const char *region_usage(const struct mm *m, const struct proc *p, const struct vm_mbi *b, char *detail,
				size_t n)
{
	detail[0] = 0;
	if (b->state == MEM_FREE)
		return "free";
	if (b->base == m->lay.shared_user_data || b->alloc_base == m->lay.shared_user_data) {
		snprintf(detail, n, "User Shared Data");
		return "shared_user_data";
	}
	uint32_t i = vad_find(m, p, mm_page_number(b->base));
	if (!i)
		return "private_data";
	const struct vad *v = vad_at(m, i);
	const struct mm_thread *t = stack_thread_at(p, b->base);
	if ((v->usage == VUSE_STACK || v->usage == VUSE_TEB) && t)
		snprintf(detail, n, "thread %#x", t->tid);
	else if (v->usage == VUSE_HEAP && heap_owning(m, p, b->base))
		snprintf(detail, n, "handle %#llx", (unsigned long long)heap_at(m, heap_owning(m, p, b->base))->base);
	else if (v->type == VAD_IMAGE || v->type == VAD_MAPPED) {
		uint64_t page;
		const struct section *sec = section_of_vad((struct mm *)m, i, b->base, &page); /* reads only */
		if (sec && sec->image && sec->image <= MM_MAX_IMAGES)
			snprintf(detail, n, "%.40s", m->image[sec->image - 1].name);
		else if (sec && sec->name[0])
			snprintf(detail, n, "%.40s", sec->name);
	}
	return vad_usage_name((enum vad_usage)v->usage);
}

static const char *mem_word(uint32_t v)
{
	return v == MEM_COMMIT ? "MEM_COMMIT" : v == MEM_RESERVE ? "MEM_RESERVE" : v == MEM_FREE ? "MEM_FREE"
	       : v == MEM_PRIVATE ? "MEM_PRIVATE" : v == MEM_MAPPED ? "MEM_MAPPED" : v == MEM_IMAGE ? "MEM_IMAGE" : NULL;
}

static void put_region(const struct mm *m, const struct proc *p, cJSON *arr, const struct vm_mbi *b)
{
	char buf[80], detail[48];
	cJSON *o = cJSON_CreateObject();
	cmd_put_hex(o, "base", b->base);
	cmd_put_hex(o, "end", b->base + b->region_size);
	cmd_put_num(o, "size", (double)b->region_size);
	cmd_put_str(o, "type", b->type ? mem_word(b->type) : NULL);
	cmd_put_str(o, "state", mem_word(b->state));
	cmd_put_str(o, "protect", b->state == MEM_RESERVE ? NULL : mm_prot_win32_str(b->protect, buf, sizeof buf));
	cmd_put_str(o, "usage", region_usage(m, p, b, detail, sizeof detail));
	cmd_put_str(o, "detail", detail[0] ? detail : NULL);
	cmd_put_hex(o, "allocation_base", b->alloc_base);
	cmd_put_str(o, "allocation_protect", b->alloc_protect ? mm_prot_win32_str(b->alloc_protect, buf, sizeof buf) : NULL);
	cmd_put_bool(o, "allocation_start", b->state != MEM_FREE && b->base == b->alloc_base);
	cJSON_AddItemToArray(arr, o);
}

static void add_summary(cJSON *sum, const char *usage, uint64_t size)
{
	cJSON *u = cJSON_GetObjectItemCaseSensitive(sum, usage);
	if (!u) {
		u = cJSON_AddObjectToObject(sum, usage);
		cmd_put_num(u, "regions", 0);
		cmd_put_num(u, "size", 0);
	}
	cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(u, "regions"), num(u, "regions") + 1);
	cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(u, "size"), num(u, "size") + (double)size);
}

/* The region that holds addr, from its first page: queries from the start
 * of its allocation (or of the free gap) until one covers addr. */
static int region_of(const struct mm *m, const struct proc *p, uint64_t addr, struct vm_mbi *b, struct mm_err *err)
{
	if (vm_query(m, p, addr, b, err) < 0)
		return -1;
	uint64_t from = b->alloc_base;
	if (b->state == MEM_FREE) { /* the gap starts where the VAD below it ends */
		uint32_t i = vad_below(m, p, mm_page_number(addr));
		from = i ? mm_page_address(vad_at(m, i)->end + 1) : 0;
	}
	for (uint64_t va = from; va <= addr;) {
		if (vm_query(m, p, va, b, err) < 0)
			return -1;
		if (addr < b->base + b->region_size)
			return 0;
		va = b->base + b->region_size;
	}
	return vm_query(m, p, addr, b, err);
}

static int bang_address_exec(struct cmd_ctx *c)
{
	const struct mm *m = c->m;
	const struct proc *p = mm_cur(c->m);
	struct vm_mbi b;
	cJSON *arr = cJSON_AddArrayToObject(c->result, "regions");
	cmd_put_num(c->result, "pid", p->pid);
	if (cmd_has(c, 1)) {
		uint64_t addr;
		if (cmd_num(c, 1, &addr) < 0 || region_of(m, p, addr, &b, c->err) < 0)
			return -1;
		put_region(m, p, arr, &b);
		return 0;
	}
	cJSON *sum = cJSON_AddObjectToObject(c->result, "summary");
	for (uint64_t va = 0; va <= m->lay.highest_user;) {
		if (vm_query(m, p, va, &b, c->err) < 0 || b.region_size == 0)
			return -1;
		put_region(m, p, arr, &b);
		add_summary(sum, str(cJSON_GetArrayItem(arr, cJSON_GetArraySize(arr) - 1), "usage"), b.region_size);
		va = b.base + b.region_size;
	}
	return 0;
}

static const char *field_or(const cJSON *o, const char *k, const char *dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : dflt;
}

static void region_line(FILE *out, const cJSON *r)
{
	char usage[80];
	const char *d = field_or(r, "detail", NULL);
	snprintf(usage, sizeof usage, "%s%s%s%s", usage_word(str(r, "usage")), d ? " [" : "", d ? d : "", d ? "]" : "");
	fprintf(out, "%c %16s %16s %16llx %-11s %-11s %-22s %s\n", flag(r, "allocation_start") ? '+' : ' ',
		str(r, "base") + 2, str(r, "end") + 2, (unsigned long long)num(r, "size"), field_or(r, "type", ""),
		str(r, "state"), field_or(r, "protect", ""), usage);
}

static void region_detail(FILE *out, const cJSON *r)
{
	char usage[80];
	const char *d = field_or(r, "detail", NULL);
	snprintf(usage, sizeof usage, "%s%s%s%s", usage_word(str(r, "usage")), d ? " [" : "", d ? d : "", d ? "]" : "");
	fprintf(out, "Usage:                  %s\nBase Address:           %s\nEnd Address:            %s\n"
		     "Region Size:            %#llx\nState:                  %s\nProtect:                %s\n"
		     "Type:                   %s\nAllocation Base:        %s\nAllocation Protect:     %s\n",
		usage, str(r, "base"), str(r, "end"), (unsigned long long)num(r, "size"), str(r, "state"),
		field_or(r, "protect", "-"), field_or(r, "type", "-"), str(r, "allocation_base"),
		field_or(r, "allocation_protect", "-"));
}

static void bang_address_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(c->result, "regions"), *r;
	const cJSON *sum = cJSON_GetObjectItemCaseSensitive(c->result, "summary"), *u;
	if (!sum) {
		region_detail(out, cJSON_GetArrayItem(arr, 0));
		return;
	}
	fprintf(out, "  %16s %16s %16s %-11s %-11s %-22s %s\n", "BaseAddress", "EndAddress+1", "RegionSize", "Type",
		"State", "Protect", "Usage");
	cJSON_ArrayForEach(r, arr)
		region_line(out, r);
	fprintf(out, "\n--- Usage Summary ------ RgnCount ----------- Total Size\n");
	cJSON_ArrayForEach(u, sum)
		fprintf(out, "%-22s %10d %20llx\n", usage_word(u->string), (int)num(u, "regions"),
			(unsigned long long)num(u, "size"));
}

#define RO CMD_READONLY
static const struct cmd_entry e_vad = {
	.name = "!vad",
	.usage = "[ADDR]",
	.help = "the VAD tree in address order (level, VPNs, commit, type, protection) and its depth; ADDR: the VAD "
		"holding it",
	.help_de = "der VAD-Baum in Adressreihenfolge (Ebene, VPNs, zugesichert, Typ, Schutz) und seine "
		"Tiefe; ADDR: der VAD, der sie enthält",
	.min_args = 0,
	.max_args = 1,
	.flags = RO | CMD_NTSTATUS,
	.exec = bang_vad_exec,
	.text = bang_vad_text
};

static const struct cmd_entry e_address = {
	.name = "!address",
	.usage = "[ADDR]",
	.help = "the address space region by region as VirtualQuery sees it, with usage; ADDR: the region holding it",
	.help_de = "der Adressraum Bereich für Bereich, wie VirtualQuery ihn sieht, mit Verwendung; "
		"ADDR: der Bereich, der sie enthält",
	.min_args = 0,
	.max_args = 1,
	.flags = RO | CMD_NTSTATUS,
	.exec = bang_address_exec,
	.text = bang_address_text
};

const struct cmd_entry *const cmd_vad_table[] = {&e_vad, &e_address, NULL};
