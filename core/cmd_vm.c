/*
 * cmd_vm.c — the Win32 virtual memory API on the current process:
 * VirtualAlloc, VirtualFree (commands.md). The rules are vm.c's.
 */
#include "cmd.h"
#include "consts.h"
#include "vm.h"

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
	cmd_put_hex(c->result, "value", base);
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
	cmd_put_bool(c->result, "freed", true);
	return 0;
}

static const struct cmd_entry e_alloc = {"VirtualAlloc", "valloc", "ADDR SIZE TYPE PROTECT",
	"reserve and/or commit private memory (ADDR 0: the system chooses)", 4, 4, 0, virtualalloc_exec, NULL};
static const struct cmd_entry e_free = {"VirtualFree", "vfree", "ADDR SIZE MEM_DECOMMIT|MEM_RELEASE",
	"decommit pages or release a whole reservation (MEM_RELEASE: its base, size 0)", 3, 3, 0, virtualfree_exec, NULL};

const struct cmd_entry *const cmd_vm_table[] = {&e_alloc, &e_free, NULL};
