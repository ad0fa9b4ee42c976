/*
 * cmd_section.c — files, file mappings and views (docs/commands.md CMD-SECTION):
 * CreateFile, CreateFileMapping, OpenFileMapping, MapViewOfFile,
 * UnmapViewOfFile, FlushViewOfFile, CloseHandle, and WinDbg's !ca.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "base/consts.h"
#include "hw/paging.h"
#include "mm/pfn.h"
#include "hw/pte.h"
#include "mm/section.h"
#include "session.h"
#include "mm/vad.h"
#include "langmsg.h"

static int createfile_exec(struct cmd_ctx *c)
{
	uint64_t size;
	if (cmd_num(c, 2, &size) < 0)
		return -1;
	uint64_t h = section_create_file(c->m, mm_cur(c->m), cmd_word(c, 1), size, c->err);
	if (!h)
		return -1;
	c->value = h;
	c->has_value = true;
	cmd_put_hex(c->result, "value", h);
	cmd_put_str(c->result, "name", cmd_word(c, 1));
	return 0;
}

/* CreateFileMapping's flProtect: a PAGE_* protection, optionally with
 * SEC_* attributes (SEC_COMMIT, the default, or SEC_RESERVE; section_create
 * refuses the others). */
static int parse_protect(struct cmd_ctx *c, int i, uint32_t *prot)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", cmd_word(c, i));
	uint32_t page = 0;
	for (char *save = NULL, *tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		uint32_t v;
		struct mm_err e2;
		if (lex_flags(tok, consts_page, consts_page_n, &v, i, &e2) == 0) {
			page |= v;
			continue;
		}
		if (lex_flags(tok, consts_sec, consts_sec_n, &v, i, &e2) < 0)
			return mm_fail_tr(c->err, "syntax", i, LM_SEC_PROTECT_WORD, tok);
		page |= v; /* SEC_*: section_create checks them */
	}
	*prot = page;
	return 0;
}

static int createmapping_exec(struct cmd_ctx *c)
{
	uint64_t file = UINT64_MAX, size;
	uint32_t prot;
	const char *w = cmd_word(c, 1);
	if (strcasecmp(w, "INVALID_HANDLE_VALUE") && strcmp(w, "-1") && cmd_num(c, 1, &file) < 0)
		return -1;
	if (parse_protect(c, 2, &prot) < 0 || cmd_num(c, 3, &size) < 0)
		return -1;
	bool existed;
	uint64_t h = section_create(c->m, mm_cur(c->m), file, prot, size, cmd_word(c, 4), &existed, c->err);
	if (!h)
		return -1;
	c->value = h;
	c->has_value = true;
	cmd_put_hex(c->result, "value", h);
	cmd_put_bool(c->result, "already_exists", existed); /* GetLastError() == ERROR_ALREADY_EXISTS */
	return 0;
}

static int openmapping_exec(struct cmd_ctx *c)
{
	uint32_t access = FILE_MAP_ALL_ACCESS;
	if (cmd_has(c, 2) && cmd_flags(c, 2, consts_file_map, consts_file_map_n, &access) < 0)
		return -1;
	uint64_t h = section_open(c->m, mm_cur(c->m), cmd_word(c, 1), access, c->err);
	if (!h)
		return -1;
	c->value = h;
	c->has_value = true;
	cmd_put_hex(c->result, "value", h);
	return 0;
}

static int mapview_exec(struct cmd_ctx *c)
{
	uint64_t h, off, size, addr = 0;
	uint32_t access;
	if (cmd_num(c, 1, &h) < 0 || cmd_flags(c, 2, consts_file_map, consts_file_map_n, &access) < 0 ||
	    cmd_num(c, 3, &off) < 0 || cmd_num(c, 4, &size) < 0 || (cmd_has(c, 5) && cmd_num(c, 5, &addr) < 0))
		return -1;
	uint64_t base = section_map(c->m, mm_cur(c->m), h, access, off, size, addr, c->err);
	if (!base)
		return -1;
	c->value = base;
	c->has_value = true;
	cmd_put_hex(c->result, "value", base);
	return 0;
}

static int unmap_exec(struct cmd_ctx *c)
{
	uint64_t addr;
	if (cmd_num(c, 1, &addr) < 0 || section_unmap(c->m, mm_cur(c->m), addr, c->err) < 0)
		return -1;
	cmd_put_bool(c->result, "unmapped", true);
	return 0;
}

static int flush_exec(struct cmd_ctx *c)
{
	uint64_t addr, size, n;
	if (cmd_num(c, 1, &addr) < 0 || cmd_num(c, 2, &size) < 0 || section_flush(c->m, mm_cur(c->m), addr, size, &n, c->err) < 0)
		return -1;
	cmd_put_num(c->result, "written", (double)n);
	return 0;
}

static int close_exec(struct cmd_ctx *c)
{
	uint64_t h;
	if (cmd_num(c, 1, &h) < 0 || section_close(c->m, mm_cur(c->m), h, c->err) < 0)
		return -1;
	cmd_put_bool(c->result, "closed", true);
	return 0;
}

/* !ca: a control area by its address, or the section behind a view. */
static struct section *find_section(struct cmd_ctx *c, uint64_t a)
{
	for (int i = 0; i < MM_MAX_SECTIONS; i++)
		if (c->m->section[i].alive && c->m->section[i].ca_va == a)
			return &c->m->section[i];
	uint32_t vi = vad_find(c->m, mm_cur(c->m), mm_page_number(a));
	uint64_t page;
	return vi ? section_of_vad(c->m, vi, a, &page) : NULL;
}

static int ca_exec(struct cmd_ctx *c)
{
	uint64_t a;
	if (cmd_num(c, 1, &a) < 0)
		return -1;
	struct section *s = find_section(c, a);
	if (!s)
		return mm_fail_tr(c->err, "STATUS_INVALID_ADDRESS", 1, LM_SEC_NOT_CA, (unsigned long long)a);
	static const char *const kinds[] = {"pagefile", "file", "image"};
	char buf[64];
	cJSON *o = c->result;
	cmd_put_hex(o, "control_area", s->ca_va);
	cmd_put_hex(o, "segment", s->proto_va);
	cmd_put_str(o, "kind", kinds[s->kind]);
	cmd_put_str(o, "file", s->file ? c->m->file[s->file - 1].name : NULL);
	cmd_put_str(o, "name", s->name[0] ? s->name : NULL);
	cmd_put_str(o, "protection", mm_prot_win32_str(mm_prot_to_win32((int)s->protection), buf, sizeof buf));
	cmd_put_num(o, "pages", (double)s->pages);
	cmd_put_num(o, "mapped_views", s->views);
	cmd_put_num(o, "section_references", s->refs);
	cmd_put_num(o, "commit", (double)s->commit);
	cJSON *subs = cJSON_AddArrayToObject(o, "subsections");
	for (uint32_t k = 0; k < section_subsections(c->m, s); k++) {
		uint64_t first = 0, count = 0;
		for (uint64_t pg = 0; pg < s->pages; pg++) /* the subsection's run of pages */
			if (section_subsection_of(c->m, s, pg, &first, &count) == k)
				break;
		cJSON *e = cJSON_CreateObject();
		cmd_put_hex(e, "address", section_subsection_va(c->m, s, k));
		cmd_put_hex(e, "subsection_base", section_proto_va(c->m, s, first));
		cmd_put_num(e, "first_page", (double)first);
		cmd_put_num(e, "ptes", (double)count);
		cJSON_AddItemToArray(subs, e);
	}
	cJSON *arr = cJSON_AddArrayToObject(o, "prototype_ptes");
	uint64_t resident = 0;
	for (uint64_t i = 0; i < s->pages && i < 4096; i++) {
		pte_t v = section_proto_load(c->m, s, i);
		struct pte_info pi;
		pte_decode_proto_pte(c->m->arch, v, &pi);
		cJSON *e = cJSON_CreateObject();
		cmd_put_hex(e, "address", section_proto_va(c->m, s, i));
		cmd_put_hex(e, "value", v);
		cmd_put_str(e, "format", pte_format_name(pi.format));
		if (pi.format == PTE_FMT_SUBSECTION)
			cmd_put_hex(e, "subsection", pi.subsection);
		if (pi.format == PTE_FMT_HARDWARE || pi.format == PTE_FMT_TRANSITION) {
			cmd_put_hex(e, "pfn", pi.pfn);
			cmd_put_num(e, "share_count", pi.valid ? pfn_share_count(&c->m->pfn[pi.pfn]) : 0);
			resident += pi.valid;
		}
		cJSON_AddItemToArray(arr, e);
	}
	cmd_put_num(o, "resident_pages", (double)resident);
	return 0;
}

static void ca_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *o = c->result, *e;
#define S(k) (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o, k)) ? cJSON_GetObjectItemCaseSensitive(o, k)->valuestring : "-")
#define N(x, k) ((int)cJSON_GetObjectItemCaseSensitive(x, k)->valuedouble)
	fprintf(out, "ControlArea  @ %s\n  Segment      %s\n  Kind         %s   File %s   Name %s\n", S("control_area"),
		S("segment"), S("kind"), S("file"), S("name"));
	fprintf(out, "  Protection   %s   Pages %d   Mapped Views %d   Section Refs %d   Commit %d\n", S("protection"),
		N(o, "pages"), N(o, "mapped_views"), N(o, "section_references"), N(o, "commit"));
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(o, "subsections"))
		fprintf(out, "  Subsection @ %s  Base %s  Ptes %d  (from page %d)\n",
			cJSON_GetObjectItemCaseSensitive(e, "address")->valuestring,
			cJSON_GetObjectItemCaseSensitive(e, "subsection_base")->valuestring, N(e, "ptes"), N(e, "first_page"));
	fprintf(out, "  Prototype PTEs:\n");
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(o, "prototype_ptes")) {
		const cJSON *pfn = cJSON_GetObjectItemCaseSensitive(e, "pfn");
		fprintf(out, "    %s  %s  %-10s", cJSON_GetObjectItemCaseSensitive(e, "address")->valuestring,
			cJSON_GetObjectItemCaseSensitive(e, "value")->valuestring, cJSON_GetObjectItemCaseSensitive(e, "format")->valuestring);
		const cJSON *sub = cJSON_GetObjectItemCaseSensitive(e, "subsection");
		if (pfn)
			fprintf(out, "  pfn %s  shares %d", pfn->valuestring, N(e, "share_count"));
		if (sub)
			fprintf(out, "  subsection %s", sub->valuestring);
		fputc('\n', out);
	}
#undef S
#undef N
}

static const struct cmd_entry e_file = {
	.name = "CreateFile",
	.usage = "NAME SIZE",
	.help = "a file on the simulated disk (opened if it exists); result: handle",
	.help_de = "eine Datei auf der simulierten Platte (geöffnet, wenn es sie gibt); Ergebnis: Handle",
	.min_args = 2,
	.max_args = 2,
	.flags = CMD_VALUE,
	.exec = createfile_exec
};

static const struct cmd_entry e_map = {
	.name = "CreateFileMapping",
	.usage = "FILE|INVALID_HANDLE_VALUE PROTECT SIZE [NAME]",
	.help = "a section object: file-backed, or page-file-backed with INVALID_HANDLE_VALUE; result: handle",
	.help_de = "ein Abschnittsobjekt: dateigestützt, oder mit INVALID_HANDLE_VALUE von der "
		"Auslagerungsdatei gestützt; Ergebnis: Handle",
	.min_args = 3,
	.max_args = 4,
	.flags = CMD_VALUE,
	.exec = createmapping_exec
};

static const struct cmd_entry e_open = {
	.name = "OpenFileMapping",
	.usage = "NAME [ACCESS]",
	.help = "a handle to a named section, granted ACCESS (FILE_MAP_*; default FILE_MAP_ALL_ACCESS)",
	.help_de = "ein Handle auf einen benannten Abschnitt mit den Rechten ACCESS (FILE_MAP_*; Vorgabe "
		"FILE_MAP_ALL_ACCESS)",
	.min_args = 1,
	.max_args = 2,
	.flags = CMD_VALUE,
	.exec = openmapping_exec
};

static const struct cmd_entry e_view = {
	.name = "MapViewOfFile",
	.usage = "HANDLE ACCESS OFFSET SIZE [ADDR]",
	.help = "map a view (FILE_MAP_READ/WRITE/COPY/EXECUTE; OFFSET a multiple of 64 KB; SIZE 0: to the end); result: base",
	.help_de = "eine Ansicht zuordnen (FILE_MAP_READ/WRITE/COPY/EXECUTE; OFFSET ein Vielfaches von "
		"64 KB; SIZE 0: bis zum Ende); Ergebnis: Basis",
	.min_args = 4,
	.max_args = 5,
	.flags = CMD_VALUE,
	.exec = mapview_exec
};

static const struct cmd_entry e_unmap = {
	.name = "UnmapViewOfFile",
	.usage = "ADDR",
	.help = "remove the view containing ADDR",
	.help_de = "die Ansicht entfernen, die ADDR enthält",
	.min_args = 1,
	.max_args = 1,
	.exec = unmap_exec
};

static const struct cmd_entry e_flush = {
	.name = "FlushViewOfFile",
	.usage = "ADDR SIZE",
	.help = "write the view's dirty pages to the file (SIZE 0: to the end)",
	.help_de = "die geänderten Seiten der Ansicht in die Datei schreiben (SIZE 0: bis zum Ende)",
	.min_args = 2,
	.max_args = 2,
	.exec = flush_exec
};

static const struct cmd_entry e_close = {
	.name = "CloseHandle",
	.usage = "HANDLE",
	.help = "close a file or section handle",
	.help_de = "ein Datei- oder Abschnitts-Handle schließen",
	.min_args = 1,
	.max_args = 1,
	.exec = close_exec
};

static const struct cmd_entry e_ca = {
	.name = "!ca",
	.usage = "ADDR",
	.help = "a section's control area and prototype PTEs (ADDR: the control area or a view address)",
	.help_de = "Steuerbereich und Prototyp-PTEs eines Abschnitts (ADDR: der Steuerbereich oder eine "
		"Adresse einer Ansicht)",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_READONLY | CMD_NTSTATUS,
	.exec = ca_exec,
	.text = ca_text
};

const struct cmd_entry *const cmd_section_table[] = {&e_file, &e_map, &e_open, &e_view, &e_unmap, &e_flush, &e_close, &e_ca, NULL};
