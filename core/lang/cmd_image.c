/*
 * cmd_image.c — the loader's commands: LoadLibrary, FreeLibrary, and
 * WinDbg's lm (the modules of the current process).
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "cmd.h"
#include "session.h"
#include "mm/image.h"
#include "win32/loader.h"
#include "mm/section.h"
#include "mm/vad.h"
#include "langmsg.h"

static int loadlibrary_exec(struct cmd_ctx *c)
{
	uint64_t base = 0;
	for (int i = 2; i <= c->argc; i++) {
		const char *w = cmd_word(c, i);
		if (strncasecmp(w, "base=", 5))
			return mm_fail_tr(c->err, "syntax", i, LM_IMG_BASE_OPT, w);
		if (lex_number(w + 5, c->vars, &base, i, c->err) < 0)
			return -1;
	}
	bool relocated, already;
	uint64_t b = loader_load(c->m, mm_cur(c->m), cmd_word(c, 1), base, &relocated, &already, c->err);
	if (!b)
		return -1;
	c->value = b;
	c->has_value = true;
	cmd_put_hex(c->result, "value", b);
	cmd_put_bool(c->result, "relocated", relocated);
	cmd_put_bool(c->result, "already_loaded", already);
	if (relocated) /* NtMapViewOfSection's informational status */
		cmd_put_str(c->result, "status", "STATUS_IMAGE_NOT_AT_BASE");
	return 0;
}

static int freelibrary_exec(struct cmd_ctx *c)
{
	const char *w = cmd_word(c, 1);
	uint64_t addr = 0;
	bool by_addr = (w[0] >= '0' && w[0] <= '9') || w[0] == '$';
	if (by_addr && cmd_num(c, 1, &addr) < 0)
		return -1;
	if (loader_unload(c->m, mm_cur(c->m), by_addr ? NULL : w, addr, c->err) < 0)
		return -1;
	cmd_put_bool(c->result, "freed", true);
	return 0;
}

static int lm_exec(struct cmd_ctx *c)
{
	struct proc *p = mm_cur(c->m);
	cJSON *arr = cJSON_AddArrayToObject(c->result, "modules");
	for (uint32_t i = vad_first(c->m, p); i; i = vad_next(c->m, i)) {
		const struct vad *v = vad_at(c->m, i);
		if (v->type != VAD_IMAGE || !v->object)
			continue;
		const struct section *s = &c->m->section[v->object - 1];
		cJSON *o = cJSON_CreateObject();
		cmd_put_hex(o, "start", mm_page_address(v->start));
		cmd_put_hex(o, "end", mm_page_address(v->end + 1));
		cmd_put_str(o, "name", image_name(c->m, s));
		cmd_put_hex(o, "preferred_base", image_preferred_base(c->m, s));
		cmd_put_bool(o, "relocated", mm_page_address(v->start) != image_preferred_base(c->m, s));
		cmd_put_hex(o, "control_area", s->ca_va);
		cJSON_AddItemToArray(arr, o);
	}
	return 0;
}

static void lm_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *o;
	fprintf(out, "start             end                 module name\n");
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(c->result, "modules")) {
		unsigned long long a = strtoull(cJSON_GetObjectItemCaseSensitive(o, "start")->valuestring, NULL, 16);
		unsigned long long b = strtoull(cJSON_GetObjectItemCaseSensitive(o, "end")->valuestring, NULL, 16);
		fprintf(out, "%016llx  %016llx    %s%s\n", a, b, cJSON_GetObjectItemCaseSensitive(o, "name")->valuestring,
			cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "relocated")) ? "  (relocated)" : "");
	}
}

static const struct cmd_entry e_load = {
	.name = "LoadLibrary",
	.usage = "NAME [base=ADDR]",
	.help = "map an image section (shared code; WRITECOPY data; relocated if its base is taken); result: module base",
	.help_de = "ein Image-Abschnittsobjekt zuordnen (gemeinsamer Code; WRITECOPY-Daten; verschoben, "
		"wenn seine Basis belegt ist); Ergebnis: Modulbasis",
	.min_args = 1,
	.max_args = 2,
	.flags = CMD_VALUE,
	.exec = loadlibrary_exec
};

static const struct cmd_entry e_free = {
	.name = "FreeLibrary",
	.usage = "NAME|ADDR",
	.help = "unmap a module",
	.help_de = "die Zuordnung eines Moduls aufheben",
	.min_args = 1,
	.max_args = 1,
	.exec = freelibrary_exec
};

static const struct cmd_entry e_lm = {
	.name = "lm",
	.usage = "",
	.help = "the modules of the current process, like WinDbg's lm",
	.help_de = "die Module des aktuellen Prozesses, wie lm in WinDbg",
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_READONLY | CMD_NTSTATUS,
	.exec = lm_exec,
	.text = lm_text
};

const struct cmd_entry *const cmd_image_table[] = {&e_load, &e_free, &e_lm, NULL};
