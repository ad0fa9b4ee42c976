/*
 * cmd_vm.c — the Win32 virtual memory API on the current process:
 * VirtualAlloc, VirtualFree, VirtualProtect, VirtualQuery, VirtualLock,
 * VirtualUnlock (docs/commands.md CMD-VM). The rules are vm.c's and vm_protect.c's;
 * this file only parses arguments and shapes results (docs/output.md OUT-RESULT).
 */
#include <stdio.h>

#include "cmd.h"
#include "mm/wsmgr.h"
#include "base/consts.h"
#include "mm/vm.h"
#include "fmt.h"
#include "jout.h"

static int virtualalloc_exec(struct cmd_ctx *c)
{
	uint64_t addr, size, base;
	uint32_t type, prot;
	if (cmd_num(c, 1, &addr) < 0 || cmd_num(c, 2, &size) < 0 ||
	    cmd_flags(c, 3, consts_mem, consts_mem_n, &type) < 0 ||
	    cmd_flags(c, 4, consts_page, consts_page_n, &prot) < 0)
		return -1;
	if (vm_alloc(c->m, mm_cur(c->m), addr, size, type, prot, &base, c->err) < 0)
		return -1;
	c->value = base;
	c->has_value = true;
	struct cmd_res r = cmd_res_root(c);
	cmd_res_hex(&r, "value", base);
	cmd_res_end(&r, false);
	return 0;
}

static int virtualfree_exec(struct cmd_ctx *c)
{
	uint64_t addr, size;
	uint32_t type;
	if (cmd_num(c, 1, &addr) < 0 || cmd_num(c, 2, &size) < 0 ||
	    cmd_flags(c, 3, consts_mem, consts_mem_n, &type) < 0)
		return -1;
	if (vm_free(c->m, mm_cur(c->m), addr, size, type, c->err) < 0)
		return -1;
	struct cmd_res r = cmd_res_root(c);
	cmd_res_bool(&r, "freed", true);
	cmd_res_end(&r, false);
	return 0;
}

static const char *prot_str(uint32_t v, char *buf, size_t n)
{
	return mm_prot_win32_str(v, buf, n);
}

static int virtualprotect_exec(struct cmd_ctx *c)
{
	uint64_t addr, size;
	uint32_t prot, old;
	bool unlocked;
	char buf[80];
	if (cmd_num(c, 1, &addr) < 0 || cmd_num(c, 2, &size) < 0 ||
	    cmd_flags(c, 3, consts_page, consts_page_n, &prot) < 0)
		return -1;
	if (vm_protect(c->m, mm_cur(c->m), addr, size, prot, &old, &unlocked, c->err) < 0)
		return -1;
	c->value = old; /* $old = VirtualProtect ... binds the old protection's Win32 value */
	c->has_value = true;
	cmd_put_str(c->result, "old_protect", prot_str(old, buf, sizeof buf));
	cmd_put_hex(c->result, "value", old);
	cmd_put_hex(c->result, "base", mm_page_base(addr));
	cmd_put_num(c->result, "size", (double)((mm_page_last(addr + size - 1) + 1) - mm_page_base(addr)));
	if (unlocked)
		cmd_put_str(c->result, "status", "STATUS_WAS_UNLOCKED");
	return 0;
}

static const char *mem_str(uint32_t v)
{
	return v == MEM_COMMIT ? "MEM_COMMIT" : v == MEM_RESERVE ? "MEM_RESERVE" : v == MEM_FREE ? "MEM_FREE"
	       : v == MEM_PRIVATE ? "MEM_PRIVATE" : v == MEM_MAPPED ? "MEM_MAPPED" : v == MEM_IMAGE ? "MEM_IMAGE" : NULL;
}

void cmd_put_mbi(struct cmd_res *o, const struct vm_mbi *b)
{
	char buf[80];
	cmd_res_hex(o, "BaseAddress", b->base);
	cmd_res_hex(o, "AllocationBase", b->alloc_base);
	cmd_res_str(o, "AllocationProtect", prot_str(b->alloc_protect, buf, sizeof buf));
	cmd_res_num(o, "RegionSize", (double)b->region_size);
	cmd_res_str(o, "State", mem_str(b->state));
	cmd_res_str(o, "Protect", prot_str(b->protect, buf, sizeof buf));
	cmd_res_str(o, "Type", b->type ? mem_str(b->type) : NULL);
}

/* Streamed as JSON where the session allows it (cmd.h cmd_res_root). */
static int virtualquery_exec(struct cmd_ctx *c)
{
	uint64_t addr;
	struct vm_mbi b;
	if (cmd_num(c, 1, &addr) < 0 || vm_query(c->m, mm_cur(c->m), addr, &b, c->err) < 0)
		return -1;
	struct cmd_res r = cmd_res_root(c);
	cmd_put_mbi(&r, &b);
	cmd_res_end(&r, false);
	return 0;
}

/* MEMORY_BASIC_INFORMATION as a debugger shows a structure. The members
 * are read in the order cmd_put_mbi put them (a look-up by name only if
 * one is not where it should be), and each line is built with fmt.h's
 * writers and written in one piece: batches run VirtualQuery often
 * (docs/quality.md Q-PERF). */
static void virtualquery_text(struct cmd_ctx *c, FILE *out)
{
	static const char *const keys[] = {"BaseAddress", "AllocationBase", "AllocationProtect", "RegionSize",
					   "State", "Protect", "Type"};
	const cJSON *next = c->result->child;
	for (size_t i = 0; i < MM_ARRAY_LEN(keys); i++) {
		const cJSON *v = next && next->string && !strcmp(next->string, keys[i])
			? next : cJSON_GetObjectItemCaseSensitive(c->result, keys[i]);
		if (v && v == next)
			next = next->next;
		char buf[160]; /* the longest value is prot_str's, under 80 bytes */
		struct fmt_buf o = {buf, sizeof buf, 0};
		fmt_strw(&o, keys[i], -18);
		fmt_str(&o, " ");
		if (cJSON_IsNumber(v)) {
			unsigned long long n = (unsigned long long)v->valuedouble;
			fmt_hex(&o, n);
			fmt_str(&o, " (");
			fmt_dec(&o, n >> 10);
			fmt_str(&o, " KB)\n");
		} else {
			fmt_str(&o, cJSON_IsString(v) ? v->valuestring : "0");
			fmt_str(&o, "\n");
		}
		fmt_end(&o);
		jout_put(out, buf, strlen(buf));
	}
}

static int range_args(struct cmd_ctx *c, uint64_t *addr, uint64_t *size)
{
	return cmd_num(c, 1, addr) < 0 || cmd_num(c, 2, size) < 0 ? -1 : 0;
}

static int virtuallock_exec(struct cmd_ctx *c)
{
	uint64_t addr, size;
	bool was_locked;
	if (range_args(c, &addr, &size) < 0 || vm_lock(c->m, mm_cur(c->m), addr, size, &was_locked, c->err) < 0)
		return -1;
	cmd_put_bool(c->result, "locked", true);
	cmd_put_num(c->result, "locked_pages", wsmgr_locked_pages(c->m, mm_cur(c->m)));
	if (was_locked)
		cmd_put_str(c->result, "status", "STATUS_WAS_LOCKED");
	return 0;
}

static int virtualunlock_exec(struct cmd_ctx *c)
{
	uint64_t addr, size;
	if (range_args(c, &addr, &size) < 0 || vm_unlock(c->m, mm_cur(c->m), addr, size, c->err) < 0)
		return -1;
	cmd_put_bool(c->result, "unlocked", true);
	cmd_put_num(c->result, "locked_pages", wsmgr_locked_pages(c->m, mm_cur(c->m)));
	return 0;
}

static const struct cmd_entry e_alloc = {
	.name = "VirtualAlloc",
	.alias = "valloc",
	.usage = "ADDR SIZE TYPE PROTECT",
	.help = "reserve and/or commit private memory (ADDR 0: the system chooses)",
	.help_de = "privaten Speicher reservieren und/oder zusichern (ADDR 0: das System wählt)",
	.min_args = 4,
	.max_args = 4,
	.flags = CMD_VALUE,
	.exec = virtualalloc_exec
};

static const struct cmd_entry e_free = {
	.name = "VirtualFree",
	.alias = "vfree",
	.usage = "ADDR SIZE MEM_DECOMMIT|MEM_RELEASE",
	.help = "decommit pages or release a whole reservation (MEM_RELEASE: its base, size 0)",
	.help_de = "Seiten nicht mehr zusichern (decommit) oder eine ganze Reservierung freigeben "
		"(MEM_RELEASE: ihre Basis, Größe 0)",
	.min_args = 3,
	.max_args = 3,
	.exec = virtualfree_exec
};

static const struct cmd_entry e_protect = {
	.name = "VirtualProtect",
	.alias = "vprotect",
	.usage = "ADDR SIZE PROTECT",
	.help = "change the protection of committed pages; result: the old protection of the first page",
	.help_de = "den Schutz zugesicherter Seiten ändern; Ergebnis: der alte Schutz der ersten Seite",
	.min_args = 3,
	.max_args = 3,
	.flags = CMD_VALUE,
	.exec = virtualprotect_exec
};

static const struct cmd_entry e_query = {
	.name = "VirtualQuery",
	.alias = "vquery",
	.usage = "ADDR",
	.help = "MEMORY_BASIC_INFORMATION of the run of like pages from ADDR (free regions too)",
	.help_de = "MEMORY_BASIC_INFORMATION der Folge gleichartiger Seiten ab ADDR (auch freie Bereiche)",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_READONLY,
	.exec = virtualquery_exec,
	.text = virtualquery_text
};

static const struct cmd_entry e_lock = {
	.name = "VirtualLock",
	.alias = "vlock",
	.usage = "ADDR SIZE",
	.help = "make pages resident and lock them in the working set",
	.help_de = "Seiten in den Speicher holen und im Arbeitssatz sperren",
	.min_args = 2,
	.max_args = 2,
	.exec = virtuallock_exec
};

static const struct cmd_entry e_unlock = {
	.name = "VirtualUnlock",
	.alias = "vunlock",
	.usage = "ADDR SIZE",
	.help = "unlock pages locked with VirtualLock (ERROR_NOT_LOCKED if one is not locked)",
	.help_de = "mit VirtualLock gesperrte Seiten entsperren (ERROR_NOT_LOCKED, wenn eine nicht gesperrt ist)",
	.min_args = 2,
	.max_args = 2,
	.exec = virtualunlock_exec
};

const struct cmd_entry *const cmd_vm_table[] = {&e_alloc, &e_free, &e_protect, &e_query, &e_lock, &e_unlock, NULL};
