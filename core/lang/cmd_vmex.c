/*
 * cmd_vmex.c — the Win32 virtual memory API on another process, by its
 * pid: VirtualAllocEx, VirtualProtectEx, VirtualFreeEx (docs/commands.md
 * CMD-VM). Windows' caller first opens the process (OpenProcess with
 * PROCESS_VM_OPERATION) and the kernel attaches to its address space
 * (KeStackAttachProcess in NtAllocateVirtualMemory, NtProtectVirtualMemory,
 * NtFreeVirtualMemory); the rules are then those of the calls on the
 * current process, vm.c's and vm_protect.c's, applied to the target.
 * Also GetLargePageMinimum, the size MEM_LARGE_PAGES allocations come in
 * (mm/largepage.c).
 */
#include <stdio.h>

#include "cmd.h"
#include "base/consts.h"
#include "mm/largepage.h"
#include "mm/process.h"
#include "mm/vm.h"
#include "langmsg.h"

/* OpenProcess(PROCESS_VM_OPERATION, FALSE, pid): a pid no live process
 * has fails with ERROR_INVALID_PARAMETER (STATUS_INVALID_CID); the System
 * process may not be opened for that access by a user program
 * (ERROR_ACCESS_DENIED). */
static struct proc *open_process(struct cmd_ctx *c)
{
	uint64_t pid;
	if (cmd_num(c, 1, &pid) < 0)
		return NULL;
	struct proc *p = pid <= UINT32_MAX ? process_by_pid(c->m, (uint32_t)pid) : NULL;
	if (!p) {
		mm_fail_tr(c->err, "STATUS_INVALID_CID", 1, LM_VMEX_NO_PID, (unsigned long long)pid);
		return NULL;
	}
	if (p->pid == MM_PID_SYSTEM) {
		mm_fail_tr(c->err, "STATUS_ACCESS_DENIED", 1, LM_VMEX_SYSTEM);
		return NULL;
	}
	return p;
}

static int allocex_exec(struct cmd_ctx *c)
{
	uint64_t addr, size, base;
	uint32_t type, prot;
	struct proc *p = open_process(c);
	if (!p || cmd_num(c, 2, &addr) < 0 || cmd_num(c, 3, &size) < 0 ||
	    cmd_flags(c, 4, consts_mem, consts_mem_n, &type) < 0 ||
	    cmd_flags(c, 5, consts_page, consts_page_n, &prot) < 0)
		return -1;
	if (vm_alloc(c->m, p, addr, size, type, prot, &base, c->err) < 0)
		return -1;
	c->value = base;
	c->has_value = true;
	cmd_put_hex(c->result, "value", base);
	cmd_put_num(c->result, "pid", p->pid);
	return 0;
}

static int freeex_exec(struct cmd_ctx *c)
{
	uint64_t addr, size;
	uint32_t type;
	struct proc *p = open_process(c);
	if (!p || cmd_num(c, 2, &addr) < 0 || cmd_num(c, 3, &size) < 0 ||
	    cmd_flags(c, 4, consts_mem, consts_mem_n, &type) < 0)
		return -1;
	if (vm_free(c->m, p, addr, size, type, c->err) < 0)
		return -1;
	cmd_put_bool(c->result, "freed", true);
	cmd_put_num(c->result, "pid", p->pid);
	return 0;
}

static int protectex_exec(struct cmd_ctx *c)
{
	uint64_t addr, size;
	uint32_t prot, old;
	bool unlocked;
	char buf[80];
	struct proc *p = open_process(c);
	if (!p || cmd_num(c, 2, &addr) < 0 || cmd_num(c, 3, &size) < 0 ||
	    cmd_flags(c, 4, consts_page, consts_page_n, &prot) < 0)
		return -1;
	if (vm_protect(c->m, p, addr, size, prot, &old, &unlocked, c->err) < 0)
		return -1;
	c->value = old;
	c->has_value = true;
	cmd_put_str(c->result, "old_protect", mm_prot_win32_str(old, buf, sizeof buf));
	cmd_put_hex(c->result, "value", old);
	cmd_put_num(c->result, "pid", p->pid);
	if (unlocked)
		cmd_put_str(c->result, "status", "STATUS_WAS_UNLOCKED");
	return 0;
}

static int largemin_exec(struct cmd_ctx *c)
{
	c->value = largepage_minimum(c->m);
	c->has_value = true;
	cmd_put_hex(c->result, "value", c->value);
	return 0;
}

static const struct cmd_entry e_allocex = {
	.name = "VirtualAllocEx",
	.usage = "PID ADDR SIZE TYPE PROTECT",
	.help = "VirtualAlloc in another process, by its pid",
	.help_de = "VirtualAlloc in einem anderen Prozess, über seine PID",
	.min_args = 5,
	.max_args = 5,
	.flags = CMD_VALUE,
	.exec = allocex_exec
};

static const struct cmd_entry e_freeex = {
	.name = "VirtualFreeEx",
	.usage = "PID ADDR SIZE MEM_DECOMMIT|MEM_RELEASE",
	.help = "VirtualFree in another process, by its pid",
	.help_de = "VirtualFree in einem anderen Prozess, über seine PID",
	.min_args = 4,
	.max_args = 4,
	.exec = freeex_exec
};

static const struct cmd_entry e_protectex = {
	.name = "VirtualProtectEx",
	.usage = "PID ADDR SIZE PROTECT",
	.help = "VirtualProtect in another process, by its pid; result: the old protection of the first page",
	.help_de = "VirtualProtect in einem anderen Prozess, über seine PID; Ergebnis: der alte Schutz "
		"der ersten Seite",
	.min_args = 4,
	.max_args = 4,
	.flags = CMD_VALUE,
	.exec = protectex_exec
};

static const struct cmd_entry e_largemin = {
	.name = "GetLargePageMinimum",
	.usage = "",
	.help = "the large-page size: what MEM_LARGE_PAGES sizes and addresses are multiples of",
	.help_de = "die Größe einer großen Seite: das, wovon Größen und Adressen mit MEM_LARGE_PAGES Vielfache sind",
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_VALUE | CMD_READONLY,
	.exec = largemin_exec
};

const struct cmd_entry *const cmd_vmex_table[] = {&e_allocex, &e_freeex, &e_protectex, &e_largemin, NULL};
