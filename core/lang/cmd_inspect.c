/*
 * cmd_inspect.c — inspection commands in WinDbg's manner: machine, !pte,
 * vtop, !pfn, !vm, !memusage, !tlb, db/dw/dd/dq. They change nothing
 * (CMD_READONLY): walks here read the tables without faulting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "base/consts.h"
#include "hw/paging.h"
#include "mm/counters.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "mm/section.h"
#include "mm/vad.h"
#include "hw/physmem.h"
#include "hw/psc.h"
#include "hw/pte.h"
#include "session.h"
#include "fmt.h"
#include "jout.h"
#include "langmsg.h"

/* ---- machine ---- */

static int machine_exec(struct cmd_ctx *c)
{
	const struct mm *m = c->m;
	const struct arch *a = m->arch;
	cJSON *o = c->result;
	char buf[32];
	cmd_put_str(o, "arch", a->name);
	cmd_put_str(o, "os", mm_os_name(m->cfg.os));
	cmd_put_bool(o, "three_gb", m->cfg.three_gb);
	cmd_put_num(o, "page_size", MM_PAGE_SIZE);
	cmd_put_num(o, "allocation_granularity", MM_ALLOC_GRANULARITY);
	cmd_put_num(o, "levels", a->levels);
	cJSON *ln = cJSON_AddArrayToObject(o, "level_names");
	for (int i = 0; i < a->levels; i++)
		cJSON_AddItemToArray(ln, cJSON_CreateString(a->level_name[i]));
	cmd_put_num(o, "pte_size", a->pte_size);
	cmd_put_num(o, "va_bits", a->va_bits);
	cmd_put_num(o, "pfn_bits", a->pfn_bits);
	cmd_put_bool(o, "nx", a->nx);
	cJSON *lp = cJSON_AddArrayToObject(o, "large_page_sizes");
	for (int l = 0; l < a->levels; l++)
		if (m->lay.large_levels & (1u << l)) /* what Windows maps, not only what the CPU could */
			cJSON_AddItemToArray(lp, cJSON_CreateString(mm_size_str(1ull << a->shift[l], buf)));
	cmd_put_hex(o, "lowest_user_address", m->lay.lowest_user);
	cmd_put_hex(o, "highest_user_address", m->lay.highest_user);
	cmd_put_hex(o, "user_probe_address", m->lay.user_probe);
	cmd_put_hex(o, "system_range_start", m->lay.system_range_start);
	cmd_put_hex(o, "shared_user_data", m->lay.shared_user_data);
	cmd_put_hex(o, "kernel_shared_user_data", m->lay.kernel_shared_data);
	static const char *const base_names[4][4] = {
		{"pde_base", "pte_base"}, {"pdpt", "pde_base", "pte_base"}, {"pxe_base", "ppe_base", "pde_base", "pte_base"}};
	for (int l = 0; l < a->levels; l++)
		if (a->self_base[l])
			cmd_put_hex(o, base_names[a->id][l], a->self_base[l]);
	cmd_put_num(o, "physical_pages", m->npages);
	cmd_put_str(o, "ram", mm_size_str(m->cfg.ram, buf));
	cmd_put_num(o, "tlb_entries", m->cfg.tlb_entries);
	cmd_put_num(o, "pagefiles", m->npagefiles);
	return 0;
}

static void machine_text(struct cmd_ctx *c, FILE *out)
{
	for (const cJSON *v = c->result->child; v; v = v->next) {
		char *p = cJSON_IsString(v) ? NULL : cJSON_PrintUnformatted(v);
		fprintf(out, "%-26s %s\n", v->string, p ? p : v->valuestring);
		cJSON_free(p);
	}
}

/* ---- !pte and vtop ---- */

static void put_decoded(struct cmd_res *o, const struct pte_info *pi)
{
	cmd_res_str(o, "format", pte_format_name(pi->format));
	cmd_res_bool(o, "valid", pi->valid);
	if (pi->valid) {
		cmd_res_hex(o, "pfn", pi->pfn);
		cmd_res_bool(o, "write", pi->hw_write || pi->sw_write);
		cmd_res_bool(o, "hw_write", pi->hw_write);
		cmd_res_str(o, "owner", pi->owner ? "user" : "kernel");
		cmd_res_bool(o, "write_through", pi->write_through);
		cmd_res_bool(o, "cache_disable", pi->cache_disable);
		cmd_res_bool(o, "accessed", pi->accessed);
		cmd_res_bool(o, "dirty", pi->dirty);
		cmd_res_bool(o, "large_page", pi->large_page);
		cmd_res_bool(o, "global", pi->global);
		cmd_res_bool(o, "nx", pi->nx);
		cmd_res_bool(o, "copy_on_write", pi->copy_on_write);
		return;
	}
	if (pi->format == PTE_FMT_ZERO)
		return;
	/* A direct prototype pointer carries no protection: the prototype PTE's applies. */
	if (pi->format != PTE_FMT_PROTOTYPE || pi->lookup_needed) {
		char buf[64];
		cmd_res_str(o, "protection", mm_prot_win32_str(mm_prot_to_win32(pi->protection), buf, sizeof buf));
		cmd_res_num(o, "protection_code", pi->protection);
		if (pi->format == PTE_FMT_DEMAND_ZERO && pi->protection == MM_DECOMMIT)
			cmd_res_bool(o, "decommitted", true); /* MmDecommittedPte: reads as reserved */
	}
	if (pi->format == PTE_FMT_PAGEFILE) {
		cmd_res_num(o, "pagefile", pi->pagefile);
		cmd_res_hex(o, "offset", pi->offset);
	} else if (pi->format == PTE_FMT_TRANSITION) {
		cmd_res_hex(o, "pfn", pi->pfn);
	} else if (pi->format == PTE_FMT_PROTOTYPE && pi->lookup_needed) {
		cmd_res_bool(o, "lookup_needed", true); /* MI_PTE_LOOKUP_NEEDED: the VAD finds the prototype PTE */
	} else if (pi->format == PTE_FMT_PROTOTYPE) {
		cmd_res_hex(o, "proto_address", pi->proto_address);
		cmd_res_bool(o, "read_only", pi->read_only);
	} else if (pi->format == PTE_FMT_SUBSECTION) {
		cmd_res_hex(o, "subsection", pi->subsection);
	}
}

/* The prototype PTE a process PTE in prototype format leads to: the one it
 * points at, or (MI_PTE_LOOKUP_NEEDED) the one the VAD names for va. */
static bool find_proto_pte(struct mm *m, va_t va, const struct pte_info *pi, uint64_t *addr)
{
	*addr = pi->proto_address;
	if (pi->lookup_needed) {
		uint64_t page;
		uint32_t vi = vad_find(m, mm_cur(m), mm_page_number(va));
		const struct section *s = vi ? section_of_vad(m, vi, va, &page) : NULL;
		if (!s)
			return false;
		*addr = section_proto_va(m, s, page);
	}
	return true;
}

/* What `!pte` shows of va, read from the machine once for the JSON
 * (put_walk) and the text (pte_text) alike: the walk, the last entry
 * decoded and, for a prototype pointer, the prototype PTE it leads to,
 * decoded as WinDbg does (a subsection PTE names its subsection:
 * docs/reference.md R-FAULT-PROTO-FORMS). */
struct pte_view {
	struct walk w;
	struct pte_info pi;         /* the last entry read */
	bool proto;                 /* a prototype PTE was found: */
	uint64_t proto_addr;
	pte_t proto_value;
	struct pte_info ppi;
};

static void pte_view(struct mm *m, va_t va, struct pte_view *v)
{
	paging_walk(m, mm_cur(m), va, &v->w);
	pte_decode(m->arch, v->w.lv[v->w.n - 1].value, &v->pi);
	v->proto = false;
	struct walk pw;
	if (v->pi.format != PTE_FMT_PROTOTYPE || !find_proto_pte(m, va, &v->pi, &v->proto_addr))
		return;
	paging_walk(m, &m->proc[0], v->proto_addr, &pw); /* prototype PTEs are in paged pool, system space */
	if (!pw.valid)
		return;
	uint32_t per = MM_PAGE_SIZE / (uint32_t)m->arch->pte_size;
	v->proto_value = pte_load(m, pw.pfn, (uint32_t)((v->proto_addr / (uint64_t)m->arch->pte_size) % per));
	pte_decode_proto_pte(m->arch, v->proto_value, &v->ppi);
	v->proto = true;
}

/* !pte's result (docs/output.md OUT-RESULT), into r: a tree or a stream (cmd.h). */
static void put_walk(struct cmd_res *r, struct mm *m, uint64_t va)
{
	struct pte_view v;
	pte_view(m, va, &v);
	const struct walk *w = &v.w;
	cmd_res_hex(r, "va", va);
	struct cmd_res levels = cmd_res_arr(r, "levels");
	for (int i = 0; i < w->n; i++) {
		const struct walk_level *lv = &w->lv[i];
		struct pte_info pi;
		pte_decode(m->arch, lv->value, &pi);
		struct cmd_res o = cmd_res_obj(&levels, NULL);
		cmd_res_str(&o, "name", m->arch->level_name[lv->level]);
		cmd_res_num(&o, "index", lv->index);
		cmd_res_hex(&o, "entry_address", lv->entry_va);
		cmd_res_hex(&o, "entry_pa", mm_page_address(lv->table) + lv->index * (uint64_t)m->arch->pte_size);
		cmd_res_hex(&o, "value", lv->value);
		cmd_res_bool(&o, "valid", pi.valid);
		if (pi.valid)
			cmd_res_hex(&o, "pfn", pi.pfn);
		cmd_res_hex(&o, "table_pfn", lv->table);
		cmd_res_end(&o, false);
	}
	cmd_res_end(&levels, true);
	struct cmd_res p = cmd_res_obj(r, "pte");
	cmd_res_str(&p, "level", m->arch->level_name[w->lv[w->n - 1].level]);
	put_decoded(&p, &v.pi);
	cmd_res_end(&p, false);
	if (v.proto) {
		struct cmd_res o = cmd_res_obj(r, "prototype_pte");
		cmd_res_hex(&o, "address", v.proto_addr);
		cmd_res_hex(&o, "value", v.proto_value);
		put_decoded(&o, &v.ppi);
		cmd_res_end(&o, false);
	}
}

/* The address argument of !pte and vtop, which must be canonical. */
static int walk_arg(struct cmd_ctx *c, uint64_t *va)
{
	if (cmd_num(c, 1, va) < 0)
		return -1;
	if (!paging_canonical(c->m, *va))
		return c->m->arch->va_bits == 32
			? mm_fail_tr(c->err, "syntax", 1, LM_INS_VA32, (unsigned long long)*va)
			: mm_fail_tr(c->err, "syntax", 1, LM_INS_CANON, (unsigned long long)*va);
	return 0;
}

/* In a text-only run, only the va the text printer reads (cmd.h);
 * streamed as JSON where the session allows it (cmd.h cmd_res_root). */
static int pte_exec(struct cmd_ctx *c)
{
	uint64_t va;
	if (walk_arg(c, &va) < 0)
		return -1;
	if (c->text_only) {
		cmd_put_hex(c->result, "va", va);
		return 0;
	}
	struct cmd_res r = cmd_res_root(c);
	put_walk(&r, c->m, va);
	cmd_res_end(&r, false);
	return 0;
}

/* !pte's tree less its "pte", then "pa". */
static int vtop_exec(struct cmd_ctx *c)
{
	uint64_t va;
	if (walk_arg(c, &va) < 0)
		return -1;
	struct cmd_res r = {.obj = c->result};
	if (c->text_only)
		cmd_put_hex(c->result, "va", va);
	else
		put_walk(&r, c->m, va);
	cJSON_Delete(cJSON_DetachItemFromObject(c->result, "pte"));
	struct walk w;
	paging_walk(c->m, mm_cur(c->m), va, &w);
	if (w.valid)
		cmd_put_hex(c->result, "pa", w.pa);
	else
		cJSON_AddNullToObject(c->result, "pa");
	return 0;
}

static unsigned long long hexval(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!v || !cJSON_IsString(v))
		return 0;
	/* cmd_put_hex's "0x..." read directly (!pte reads a dozen a line);
	 * anything else as strtoull reads it */
	const char *s = v->valuestring;
	unsigned long long n = 0;
	int d = 0;
	if (s[0] == '0' && s[1] == 'x')
		for (s += 2; d < 16; d++) { /* the digits compared, not isxdigit's locale table (a call a digit) */
			unsigned c = (unsigned char)s[d], x = c - '0' < 10 ? c - '0' : (c | 0x20) - 'a' < 6 ? (c | 0x20) - 'a' + 10 : 16;
			if (x == 16)
				break;
			n = n << 4 | x;
		}
	return d && !s[d] ? n : strtoull(v->valuestring, NULL, 16);
}

static bool flag(const cJSON *o, const char *k) { return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, k)); }

/* WinDbg's flag letters: C G L D A N T U/K W/R E V. */
static void flags_str(const struct mm *m, pte_t v, char out[12])
{
	struct pte_info pi;
	pte_decode(m->arch, v, &pi);
	const char f[12] = {pi.copy_on_write ? 'C' : '-', pi.global ? 'G' : '-', pi.large_page ? 'L' : '-',
			    pi.dirty ? 'D' : '-', pi.accessed ? 'A' : '-', pi.cache_disable ? 'N' : '-',
			    pi.write_through ? 'T' : '-', pi.owner ? 'U' : 'K', (pi.hw_write || pi.sw_write) ? 'W' : 'R',
			    (m->arch->nx && pi.nx) ? '-' : 'E', 'V', 0};
	memcpy(out, f, sizeof f);
}

/* A line built in a buffer (fmt.h's writers), then written in one piece:
 * !pte is a command batches run often (docs/quality.md Q-PERF). */
struct line {
	char buf[256];
	struct fmt_buf o;
};

static struct fmt_buf *line_start(struct line *l)
{
	l->o = (struct fmt_buf){l->buf, sizeof l->buf, 0};
	return &l->o;
}

static void line_write(struct line *l, FILE *out)
{
	fmt_end(&l->o);
	jout_put(out, l->buf, strlen(l->buf));
}

/* One line for an invalid PTE, in WinDbg's words. */
static void soft_text(const struct pte_info *pi, FILE *out)
{
	char prot[64] = "?";
	if (pi->format != PTE_FMT_PROTOTYPE || pi->lookup_needed)
		mm_prot_win32_str(mm_prot_to_win32(pi->protection), prot, sizeof prot);
	if (pi->format == PTE_FMT_ZERO)
		fprintf(out, "    zero PTE: no information here; the VAD decides (!vad)\n");
	else if (pi->format == PTE_FMT_DEMAND_ZERO && pi->protection == MM_DECOMMIT)
		fprintf(out, "    Decommitted (MM_DECOMMIT): the page reads as reserved\n");
	else if (pi->format == PTE_FMT_DEMAND_ZERO)
		fprintf(out, "    DemandZero  Protect: %s\n", prot);
	else if (pi->format == PTE_FMT_PAGEFILE)
		fprintf(out, "    PageFile: %llu  Offset: %llx  Protect: %s\n", (unsigned long long)pi->pagefile,
			(unsigned long long)pi->offset, prot);
	else if (pi->format == PTE_FMT_TRANSITION)
		fprintf(out, "    Transition: %llx  Protect: %s\n", (unsigned long long)pi->pfn, prot);
	else if (pi->format == PTE_FMT_SUBSECTION)
		fprintf(out, "    Subsection: %llx  Protect: %s\n", (unsigned long long)pi->subsection, prot);
	else if (pi->format == PTE_FMT_PROTOTYPE && pi->lookup_needed)
		fprintf(out, "    Proto: VAD  Protect: %s  (MI_PTE_LOOKUP_NEEDED: the VAD names the prototype PTE)\n", prot);
	else
		fprintf(out, "    Proto: %llx  (protection: the prototype PTE's)\n",
			(unsigned long long)(pi->format == PTE_FMT_PROTOTYPE ? pi->proto_address : 0));
}

/* "PXE at ... contains ...  pfn ... flags" for each level read. */
static void levels_text(const struct mm *m, const struct walk *w, FILE *out)
{
	struct line l;
	int wd = m->arch->va_bits == 32 ? 8 : 16; /* WinDbg prints 32-bit addresses with 8 digits */
	for (int i = 0; i < w->n; i++) {
		const struct walk_level *lv = &w->lv[i];
		char name[8];
		size_t k = 0;
		for (const char *p = m->arch->level_name[lv->level]; *p && k < sizeof name - 1; p++)
			name[k++] = (char)(*p - 32 * (*p >= 'a' && *p <= 'z'));
		name[k] = 0;
		struct fmt_buf *o = line_start(&l);
		fmt_strw(o, name, -5);
		fmt_str(o, " at ");
		fmt_hexw(o, lv->entry_va, wd, true);
		fmt_str(o, " contains ");
		fmt_hexw(o, lv->value, m->arch->pte_size * 2, true);
		struct pte_info pi;
		pte_decode(m->arch, lv->value, &pi);
		if (pi.valid) {
			char f[12];
			flags_str(m, lv->value, f);
			fmt_str(o, "  pfn ");
			fmt_hexw(o, pi.pfn, -8, false);
			fmt_str(o, " ");
			fmt_str(o, f);
			fmt_str(o, "\n");
		} else {
			fmt_str(o, "  not valid\n");
		}
		line_write(&l, out);
	}
}

/* !pte's text (and vtop's, soft false: without the invalid PTE's line),
 * from the machine as the command left it (cmd.h: the text printer runs
 * before anything else does), read as put_walk read it (pte_view). */
static void walk_text(struct cmd_ctx *c, FILE *out, bool soft)
{
	struct mm *m = c->m;
	uint64_t va = hexval(c->result, "va");
	struct pte_view v;
	pte_view(m, va, &v);
	struct line l;
	struct fmt_buf *o = line_start(&l);
	fmt_strw(o, "", 40);
	fmt_str(o, "VA ");
	fmt_hexw(o, va, 0, false);
	fmt_str(o, "\n");
	line_write(&l, out);
	levels_text(m, &v.w, out);
	if (!soft || v.pi.valid)
		return;
	soft_text(&v.pi, out);
	if (!v.proto)
		return;
	fprintf(out, "    Prototype PTE at %llx contains %0*llx\n", (unsigned long long)v.proto_addr, m->arch->pte_size * 2,
		(unsigned long long)v.proto_value);
	if (v.ppi.valid)
		fprintf(out, "      pfn %llx  valid\n", (unsigned long long)v.ppi.pfn);
	else
		soft_text(&v.ppi, out);
}

static void pte_text(struct cmd_ctx *c, FILE *out)
{
	walk_text(c, out, true);
}

static void vtop_text(struct cmd_ctx *c, FILE *out)
{
	walk_text(c, out, false);
	const cJSON *pa = cJSON_GetObjectItemCaseSensitive(c->result, "pa");
	if (cJSON_IsString(pa))
		fprintf(out, "Virtual address %llx translates to physical address %s\n", hexval(c->result, "va"), pa->valuestring);
	else
		fprintf(out, "Virtual address %llx does not translate (no valid PTE)\n", hexval(c->result, "va"));
}

/* ---- !pfn ---- */

static int pfn_exec(struct cmd_ctx *c)
{
	uint64_t n;
	if (cmd_num(c, 1, &n) < 0)
		return -1;
	if (n >= c->m->npages)
		return mm_fail_tr(c->err, "syntax", 1, LM_INS_PFN, (unsigned long long)n, c->m->npages - 1);
	const struct pfn *p = &c->m->pfn[n];
	enum pfn_loc l = pfn_loc(p);
	cJSON *o = c->result;
	cmd_put_hex(o, "pfn", n);
	cmd_put_str(o, "state", pfn_loc_name(l));
	cmd_put_str(o, "use", pfn_use_name(pfn_use(p)));
	bool listed = pfn_on_list(l);
	cmd_put_num(o, "share_count", listed ? 0 : pfn_share_count(p));
	cmd_put_num(o, "reference_count", p->reference_count);
	cmd_put_hex(o, "pte_address", p->pte_address);
	cmd_put_hex(o, "original_pte", p->original_pte);
	if (pfn_pte_frame(p) != MM_PFN_NONE)
		cmd_put_hex(o, "pte_frame", pfn_pte_frame(p));
	else
		cJSON_AddNullToObject(o, "pte_frame");
	cmd_put_bool(o, "modified", p->flags & PFNF_MODIFIED);
	cmd_put_num(o, "priority", pfn_priority(p));
	if (pfn_owner(p) == PFN_OWNER_NONE)
		cJSON_AddNullToObject(o, "owner");
	else if (pfn_owner(p) == 0)
		cmd_put_str(o, "owner", "system");
	else
		cmd_put_num(o, "owner", pfn_owner(p));
	if (listed) {
		uint32_t fl = pfn_flink(c->m, (uint32_t)n), bl = pfn_blink(c->m, (uint32_t)n);
		if (fl != MM_PFN_NONE) cmd_put_hex(o, "flink", fl); else cJSON_AddNullToObject(o, "flink");
		if (bl != MM_PFN_NONE) cmd_put_hex(o, "blink", bl); else cJSON_AddNullToObject(o, "blink");
	}
	cmd_put_bool(o, "has_contents", !physmem_is_zero(c->m, (uint32_t)n));
	return 0;
}

static void pfn_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *o = c->result;
	const cJSON *owner = cJSON_GetObjectItemCaseSensitive(o, "owner");
	fprintf(out, "    PFN %08llx  %s  (%s)\n", hexval(o, "pfn"), cJSON_GetObjectItemCaseSensitive(o, "state")->valuestring,
		cJSON_GetObjectItemCaseSensitive(o, "use")->valuestring);
	fprintf(out, "    share count %d  reference count %d  pteaddress %016llx  containing page %llx\n",
		(int)cJSON_GetObjectItemCaseSensitive(o, "share_count")->valuedouble,
		(int)cJSON_GetObjectItemCaseSensitive(o, "reference_count")->valuedouble, hexval(o, "pte_address"),
		hexval(o, "pte_frame"));
	fprintf(out, "    restore pte %016llx  Priority %d  %s  owner ", hexval(o, "original_pte"),
		(int)cJSON_GetObjectItemCaseSensitive(o, "priority")->valuedouble, flag(o, "modified") ? "Modified" : "Clean");
	if (cJSON_IsNumber(owner)) /* a process's page (pid), or "system" (no process), or none */
		fprintf(out, "pid %d\n", (int)owner->valuedouble);
	else
		fprintf(out, "%s\n", cJSON_IsString(owner) ? owner->valuestring : "none");
}

/* ---- !vm and !memusage ---- */

static void put_lists(const struct mm *m, cJSON *o)
{
	cJSON *l = cJSON_AddObjectToObject(o, "lists");
	for (int i = 0; i < PFN_LOC_COUNT; i++)
		cmd_put_num(l, pfn_loc_name((enum pfn_loc)i), (double)m->list[i].total);
}

static int vm_exec(struct cmd_ctx *c)
{
	const struct mm *m = c->m;
	cJSON *o = c->result;
	cmd_put_num(o, "physical_pages", m->npages);
	cmd_put_num(o, "available_pages", pfn_available(m));
	cmd_put_num(o, "commit_charge", (double)m->commit_total);
	cmd_put_num(o, "commit_limit", (double)m->commit_limit);
	cmd_put_num(o, "commit_peak", (double)m->commit_peak);
	put_lists(m, o);
	cmd_put_num(o, "paged_pool_bytes", (double)pool_bytes(m, POOL_PAGED));
	cmd_put_num(o, "nonpaged_pool_bytes", (double)pool_bytes(m, POOL_NONPAGED));
	cmd_put_num(o, "page_table_pages", (double)m->use_count[USE_PAGE_TABLE]);
	cJSON *ic = cJSON_AddObjectToObject(o, "counters"); /* MmInfoCounters (docs/reference.md R-COUNTERS) */
	for (int k = 0; k < MMINFO_COUNT; k++)
		cmd_put_num(ic, counters_info_name((enum mminfo)k), (double)m->info[k]);
	cJSON *pr = cJSON_AddArrayToObject(o, "processes");
	for (int i = 0; i < MM_MAX_PROCS; i++) {
		const struct proc *p = &m->proc[i];
		if (!p->alive)
			continue;
		cJSON *e = cJSON_CreateObject();
		cmd_put_num(e, "pid", p->pid);
		cmd_put_str(e, "name", p->name);
		cmd_put_num(e, "working_set", (double)p->ws_size);
		cmd_put_num(e, "commit", (double)(p->commit_private + p->commit_page_tables + p->commit_fixed));
		cmd_put_num(e, "page_faults", (double)p->fault_count);
		cmd_put_num(e, "hard_faults", (double)p->hard_fault_count);
		cJSON_AddItemToArray(pr, e);
	}
	return 0;
}

/* Page counts as !vm prints them: 64 bits, since RAM and 16 page files
 * pass 2^31 KB (docs/cli.md CLI-OPTIONS). */
static long long num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return v ? (long long)v->valuedouble : 0;
}

static void vm_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *o = c->result, *l = cJSON_GetObjectItemCaseSensitive(o, "lists");
	long long ps = MM_PAGE_SIZE / 1024;
	fprintf(out, "Physical Memory:      %8lld (%10lld Kb)\n", num(o, "physical_pages"), num(o, "physical_pages") * ps);
	fprintf(out, "Available Pages:      %8lld (%10lld Kb)\n", num(o, "available_pages"), num(o, "available_pages") * ps);
	fprintf(out, "  Zeroed / Free:      %8lld / %lld\n", num(l, "zeroed"), num(l, "free"));
	fprintf(out, "  Standby:            %8lld\n", num(l, "standby"));
	fprintf(out, "Modified Pages:       %8lld   Modified No Write: %lld\n", num(l, "modified"), num(l, "modified_no_write"));
	fprintf(out, "Active Pages:         %8lld   Page tables: %lld\n", num(l, "active"), num(o, "page_table_pages"));
	fprintf(out, "Committed pages:      %8lld (%10lld Kb)\n", num(o, "commit_charge"), num(o, "commit_charge") * ps);
	fprintf(out, "Commit limit:         %8lld (%10lld Kb)\n", num(o, "commit_limit"), num(o, "commit_limit") * ps);
	const cJSON *k = cJSON_GetObjectItemCaseSensitive(o, "counters");
	fprintf(out, "Page faults:          %8lld   Demand zero: %lld  Transition: %lld  Copy-on-write: %lld\n",
		num(k, "PageFaultCount"), num(k, "DemandZeroCount"), num(k, "TransitionCount"), num(k, "CopyOnWriteCount"));
	fprintf(out, "Pages read:           %8lld   in %lld reads; written: %lld to page files, %lld to mapped files\n",
		num(k, "PageReadCount"), num(k, "PageReadIoCount"), num(k, "DirtyPagesWriteCount"),
		num(k, "MappedPagesWriteCount"));
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(o, "processes"))
		fprintf(out, "  %04llx %-20s WS %6lld  Commit %6lld  Faults %6lld  Hard %lld\n", num(e, "pid"),
			cJSON_GetObjectItemCaseSensitive(e, "name")->valuestring, num(e, "working_set"), num(e, "commit"),
			num(e, "page_faults"), num(e, "hard_faults"));
}

static int memusage_exec(struct cmd_ctx *c)
{
	const struct mm *m = c->m;
	put_lists(m, c->result);
	cJSON *u = cJSON_AddObjectToObject(c->result, "use");
	for (int i = 0; i < USE_COUNT; i++)
		cmd_put_num(u, pfn_use_name((enum pfn_use)i), (double)m->use_count[i]);
	cmd_put_num(c->result, "frames_per_group", 1u << m->group_shift);
	cmd_put_num(c->result, "groups", m->ngroups);
	return 0;
}

static void memusage_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(c->result, "lists"), *v;
	fprintf(out, "Page lists (pages):\n");
	cJSON_ArrayForEach(v, l)
		fprintf(out, "  %-18s %8d\n", v->string, (int)v->valuedouble);
	fprintf(out, "Use (pages):\n");
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(c->result, "use"))
		fprintf(out, "  %-18s %8d\n", v->string, (int)v->valuedouble);
}

/* ---- !tlb ---- */

/* The paging-structure caches' valid entries (docs/reference.md R-PSC),
 * outermost level first. */
static void psc_json(const struct mm *m, cJSON *arr)
{
	for (int l = 0; l < PSC_LEVELS; l++)
		for (int i = 0; i < m->psc.sets[l] * PSC_WAYS; i++) {
			const struct psc_entry *e = &m->psc.e[l][i];
			if (!(e->flags & PSCF_VALID))
				continue;
			cJSON *o = cJSON_CreateObject();
			cmd_put_str(o, "level", m->arch->level_name[l]);
			cmd_put_hex(o, "va", psc_entry_va(m, l, e));
			cmd_put_hex(o, "table_pfn", e->table);
			cmd_put_bool(o, "write", e->flags & TLBF_WRITE);
			cmd_put_bool(o, "user", e->flags & TLBF_USER);
			cmd_put_bool(o, "nx", e->flags & TLBF_NX);
			cJSON_AddItemToArray(arr, o);
		}
}

static int tlb_exec(struct cmd_ctx *c)
{
	const struct mm *m = c->m;
	cJSON *arr = cJSON_AddArrayToObject(c->result, "entries");
	uint64_t total = (uint64_t)m->tlb_sets * TLB_WAYS, valid = 0;
	for (uint64_t i = 0; i < total; i++) {
		const struct tlb_entry *e = &m->tlb[i];
		if (!(e->flags & TLBF_VALID))
			continue;
		valid++;
		cJSON *o = cJSON_CreateObject();
		cmd_put_num(o, "slot", (double)i);
		cmd_put_hex(o, "va", mm_page_address(e->vpn));
		cmd_put_hex(o, "pfn", e->pfn);
		cmd_put_bool(o, "write", e->flags & TLBF_WRITE);
		cmd_put_bool(o, "user", e->flags & TLBF_USER);
		cmd_put_bool(o, "nx", e->flags & TLBF_NX);
		cmd_put_bool(o, "global", e->flags & TLBF_GLOBAL);
		cmd_put_bool(o, "large", e->flags & TLBF_LARGE);
		cJSON_AddItemToArray(arr, o);
	}
	cmd_put_num(c->result, "size", (double)total);
	cmd_put_num(c->result, "ways", TLB_WAYS);
	cmd_put_num(c->result, "valid", (double)valid);
	cmd_put_num(c->result, "hits", (double)m->stat_tlb_hits);
	cmd_put_num(c->result, "misses", (double)m->stat_tlb_misses);
	psc_json(m, cJSON_AddArrayToObject(c->result, "psc"));
	return 0;
}

static void tlb_text(struct cmd_ctx *c, FILE *out)
{
	fprintf(out, "TLB: %lld entries (%d-way), %lld valid; %lld hits, %lld misses\n", num(c->result, "size"), TLB_WAYS,
		num(c->result, "valid"), num(c->result, "hits"), num(c->result, "misses"));
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(c->result, "entries"))
		fprintf(out, "  [%3lld] VA %016llx -> PFN %-8llx %s%s%s%s\n", num(e, "slot"), hexval(e, "va"), hexval(e, "pfn"),
			flag(e, "write") ? "W" : "R", flag(e, "user") ? "U" : "K", flag(e, "nx") ? " NX" : "",
			flag(e, "global") ? " G" : "");
	const cJSON *psc = cJSON_GetObjectItemCaseSensitive(c->result, "psc");
	fprintf(out, "Paging-structure caches: %d entries\n", cJSON_GetArraySize(psc));
	cJSON_ArrayForEach(e, psc)
		fprintf(out, "  %-5s VA %016llx -> table PFN %-8llx %s%s%s\n", cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "level")),
			hexval(e, "va"), hexval(e, "table_pfn"), flag(e, "write") ? "W" : "R", flag(e, "user") ? "U" : "K",
			flag(e, "nx") ? " NX" : "");
}

/* ---- db / dw / dd / dq ---- */

static int dump_exec(struct cmd_ctx *c, int unit)
{
	uint64_t va, count = unit == 1 ? 128 : unit == 2 ? 64 : unit == 4 ? 32 : 16;
	if (cmd_num(c, 1, &va) < 0)
		return -1;
	if (cmd_has(c, 2)) {
		const char *w = cmd_word(c, 2);
		int ci = 2;
		if ((w[0] == 'L' || w[0] == 'l') && w[1] == 0)
			ci = 3; /* "L COUNT" */
		else if (w[0] == 'L' || w[0] == 'l') {
			if (lex_number(w + 1, c->vars, &count, 2, c->err) < 0)
				return -1;
			ci = 0;
		} else {
			return mm_fail_tr(c->err, "syntax", 2, LM_INS_L_COUNT, w);
		}
		if (ci && cmd_num(c, ci, &count) < 0)
			return -1;
	}
	if (count == 0 || count > 4096)
		return mm_fail_tr(c->err, "syntax", 2, LM_INS_COUNT);
	if (mm_range_wraps(va, count * (uint64_t)unit)) /* the dump would go on at address 0 */
		return mm_fail_wrap(c->err, "syntax", 1, va, count * (uint64_t)unit, 0);
	cmd_put_hex(c->result, "va", va);
	cmd_put_num(c->result, "unit", unit);
	cJSON *vals = cJSON_AddArrayToObject(c->result, "values");
	for (uint64_t i = 0; i < count; i++) {
		uint64_t a = va + i * (uint64_t)unit, v = 0;
		bool resident = true;
		for (int b = 0; b < unit && resident; b++) {
			/* each byte through its own page's translation: a unit may
			 * cross into the next virtual page, not the next frame */
			struct walk w;
			paging_walk(c->m, mm_cur(c->m), a + (uint64_t)b, &w);
			if (!w.valid) { /* not resident: WinDbg shows ?? and faults nothing in */
				resident = false;
				break;
			}
			v |= (uint64_t)physmem_read8(c->m, (uint32_t)mm_page_number(w.pa), (uint32_t)mm_page_offset(w.pa)) << (8 * b);
		}
		if (!resident) {
			cJSON_AddItemToArray(vals, cJSON_CreateNull());
			continue;
		}
		char buf[24];
		snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
		cJSON_AddItemToArray(vals, cJSON_CreateString(buf));
	}
	return 0;
}

static void dump_text(struct cmd_ctx *c, FILE *out)
{
	int unit = (int)num(c->result, "unit"), per = 16 / unit, i = 0;
	unsigned long long va = hexval(c->result, "va");
	const cJSON *v;
	char ascii[17] = {0};
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(c->result, "values")) {
		if (i % per == 0)
			fprintf(out, "%016llx ", va + (unsigned long long)(i * unit));
		unsigned long long x = cJSON_IsString(v) ? strtoull(v->valuestring, NULL, 16) : 0;
		if (cJSON_IsString(v))
			fprintf(out, " %0*llx", unit * 2, x);
		else
			fprintf(out, " %.*s", unit * 2, "????????????????");
		if (unit == 1)
			ascii[i % per] = cJSON_IsString(v) && x >= 32 && x < 127 ? (char)x : '.';
		if (++i % per == 0) {
			fprintf(out, unit == 1 ? "  %s\n" : "\n", ascii);
			memset(ascii, 0, sizeof ascii);
		}
	}
	if (i % per)
		fprintf(out, "\n");
}

static int db_exec(struct cmd_ctx *c) { return dump_exec(c, 1); }
static int dw_exec(struct cmd_ctx *c) { return dump_exec(c, 2); }
static int dd_exec(struct cmd_ctx *c) { return dump_exec(c, 4); }
static int dq_exec(struct cmd_ctx *c) { return dump_exec(c, 8); }

#define RO CMD_READONLY
static const struct cmd_entry e_machine = {
	.name = "machine",
	.usage = "",
	.help = "configuration and address-space layout constants",
	.help_de = "Konfiguration und Konstanten der Adressraum-Aufteilung",
	.min_args = 0,
	.max_args = 0,
	.flags = RO,
	.exec = machine_exec,
	.text = machine_text
};

static const struct cmd_entry e_pte = {
	.name = "!pte",
	.usage = "ADDR",
	.help = "the page-table entries that map ADDR, decoded",
	.help_de = "die Seitentabelleneinträge, die ADDR abbilden, entschlüsselt",
	.min_args = 1,
	.max_args = 1,
	.flags = RO | CMD_NTSTATUS,
	.exec = pte_exec,
	.text = pte_text
};

static const struct cmd_entry e_vtop = {
	.name = "vtop",
	.usage = "ADDR",
	.help = "the translation of ADDR, step by step",
	.help_de = "die Adressübersetzung von ADDR, Schritt für Schritt",
	.min_args = 1,
	.max_args = 1,
	.flags = RO | CMD_NTSTATUS,
	.exec = vtop_exec,
	.text = vtop_text
};

static const struct cmd_entry e_pfn = {
	.name = "!pfn",
	.usage = "PFN",
	.help = "a page frame's PFN database entry",
	.help_de = "der Eintrag eines Seitenrahmens in der PFN-Datenbank",
	.min_args = 1,
	.max_args = 1,
	.flags = RO | CMD_NTSTATUS,
	.exec = pfn_exec,
	.text = pfn_text
};

static const struct cmd_entry e_vm = {
	.name = "!vm",
	.usage = "",
	.help = "physical memory, page lists, commit charge and limit",
	.help_de = "physischer Speicher, Seitenlisten, zugesicherter Speicher und Zusicherungsgrenze",
	.min_args = 0,
	.max_args = 1,
	.flags = RO | CMD_NTSTATUS,
	.exec = vm_exec,
	.text = vm_text
};

static const struct cmd_entry e_memusage = {
	.name = "!memusage",
	.usage = "",
	.help = "frames by page list and by use (like RAMMap)",
	.help_de = "Seitenrahmen nach Seitenliste und nach Verwendung (wie RAMMap)",
	.min_args = 0,
	.max_args = 1,
	.flags = RO | CMD_NTSTATUS,
	.exec = memusage_exec,
	.text = memusage_text
};

static const struct cmd_entry e_tlb = {
	.name = "!tlb",
	.usage = "",
	.help = "the valid entries of the TLB and of the paging-structure caches",
	.help_de = "die gültigen Einträge des TLB und der Caches der Seitentabellenstufen",
	.min_args = 0,
	.max_args = 0,
	.flags = RO | CMD_NTSTATUS,
	.exec = tlb_exec,
	.text = tlb_text
};

static const struct cmd_entry e_db = {
	.name = "db",
	.usage = "ADDR [L COUNT]",
	.help = "bytes at ADDR (resident pages only)",
	.help_de = "Bytes ab ADDR (nur Seiten im Speicher)",
	.min_args = 1,
	.max_args = 3,
	.flags = RO | CMD_NTSTATUS,
	.exec = db_exec,
	.text = dump_text
};

static const struct cmd_entry e_dw = {
	.name = "dw",
	.usage = "ADDR [L COUNT]",
	.help = "16-bit words at ADDR",
	.help_de = "16-Bit-Wörter ab ADDR",
	.min_args = 1,
	.max_args = 3,
	.flags = RO | CMD_NTSTATUS,
	.exec = dw_exec,
	.text = dump_text
};

static const struct cmd_entry e_dd = {
	.name = "dd",
	.usage = "ADDR [L COUNT]",
	.help = "32-bit words at ADDR",
	.help_de = "32-Bit-Wörter ab ADDR",
	.min_args = 1,
	.max_args = 3,
	.flags = RO | CMD_NTSTATUS,
	.exec = dd_exec,
	.text = dump_text
};

static const struct cmd_entry e_dq = {
	.name = "dq",
	.usage = "ADDR [L COUNT]",
	.help = "64-bit words at ADDR",
	.help_de = "64-Bit-Wörter ab ADDR",
	.min_args = 1,
	.max_args = 3,
	.flags = RO | CMD_NTSTATUS,
	.exec = dq_exec,
	.text = dump_text
};

const struct cmd_entry *const cmd_inspect_table[] = {&e_machine, &e_pte, &e_vtop, &e_pfn, &e_vm, &e_memusage, &e_tlb,
						     &e_db, &e_dw, &e_dd, &e_dq, NULL};
