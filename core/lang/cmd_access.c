/*
 * cmd_access.c — memory accesses by the simulated CPU: read, write, exec,
 * touch (user mode) and kread, kwrite (kernel mode). Each runs the whole
 * path of fault.c; an exception is a result, not a failed command
 * (docs/output.md OUT-RESULT).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "langmsg.h"
#include "mm/fault.h"
#include "mm/pfn.h"
#include "hw/physmem.h"
#include "mm/pool.h"

/* Is the byte at va (frame pfn) part of a page table or of a block the
 * memory manager keeps in pool for itself (a section's prototype PTEs or
 * control area, their POOL_HEADERs included: pool.h)? */
static bool mm_owned_frame(const struct mm *m, uint64_t va, uint32_t pfn)
{
	if (pfn < m->npages && pfn_use(&m->pfn[pfn]) == USE_PAGE_TABLE)
		return true;
	return pool_is_own(m, va);
}

/* "mmviz" in memory, when write is given no value. */
#define WRITE_PATTERN 0x7A69766D6Dull

static void put_access(struct cmd_ctx *c, const struct access_result *r)
{
	cJSON *o = c->result;
	cmd_put_hex(o, "va", r->va);
	if (r->has_pa && !r->exception)
		cmd_put_hex(o, "pa", r->pa);
	else
		cJSON_AddNullToObject(o, "pa");
	cmd_put_str(o, "access", access_kind_name(r->kind));
	cmd_put_str(o, "tlb", r->tlb_hit ? "hit" : "miss");
	cJSON *f = cJSON_AddArrayToObject(o, "faults");
	for (int i = 0; i < r->nfaults; i++) {
		cJSON *e = cJSON_CreateObject();
		cmd_put_str(e, "kind", fault_kind_name(r->faults[i].kind));
		cmd_put_hex(e, "va", r->faults[i].va);
		if (r->faults[i].pfn)
			cmd_put_hex(e, "pfn", r->faults[i].pfn);
		cJSON_AddItemToArray(f, e);
	}
	if (r->exception) {
		cmd_put_str(o, "exception", fault_status_name(r->exception));
		cmd_put_str(o, "reason", r->why[0]); /* English in both languages: a value expects match (CMD-LANG-DE) */
	} else {
		cJSON_AddNullToObject(o, "exception");
	}
}

static int size_arg(struct cmd_ctx *c, int i, int dflt, int *size)
{
	uint64_t v = (uint64_t)dflt;
	if (cmd_has(c, i) && cmd_num(c, i, &v) < 0)
		return -1;
	if (v != 1 && v != 2 && v != 4 && v != 8)
		return mm_fail_tr(c->err, "syntax", i, LM_ACC_SIZE, (unsigned long long)v);
	*size = (int)v;
	return 0;
}

/* One access of `size` bytes; one that crosses a page touches both pages.
 * One that would run past 0xffffffffffffffff is refused before it runs:
 * its second page would be page 0 (docs/commands.md CMD-LEX). */
static int access(struct cmd_ctx *c, uint64_t va, enum access_kind k, bool kernel, int size, struct access_result *r,
		  uint64_t *pa2)
{
	if (mm_range_wraps(va, (uint64_t)size))
		return mm_fail_wrap(c->err, "syntax", 1, va, (uint64_t)size, 0);
	*pa2 = r->pa;
	if (fault_access(c->m, va, k, kernel, r) < 0)
		return mm_fail_tr(c->err, "STATUS_NO_MEMORY", -1, LM_OOM);
	uint64_t last = va + (uint64_t)size - 1;
	if (!r->exception && mm_page_number(last) != mm_page_number(va)) {
		struct access_result r2;
		if (fault_access(c->m, last, k, kernel, &r2) < 0)
			return mm_fail_tr(c->err, "STATUS_NO_MEMORY", -1, LM_OOM);
		for (int i = 0; i < r2.nfaults && r->nfaults < FAULT_MAX_RECORDED; i++)
			r->faults[r->nfaults++] = r2.faults[i];
		r->exception = r2.exception;
		r->why[0] = r2.why[0];
		r->why[1] = r2.why[1];
		*pa2 = r2.pa;
	} else {
		*pa2 = r->pa;
	}
	return 0;
}

/* Byte i of an access at va: in the first page at pa, or in the second
 * page (pa2's frame) when the access crosses. */
static uint64_t byte_pa(uint64_t va, uint64_t pa, uint64_t pa2, int i)
{
	uint64_t a = va + (uint64_t)i;
	return (mm_page_number(a) == mm_page_number(va) ? mm_page_base(pa) : mm_page_base(pa2)) | mm_page_offset(a);
}

static uint64_t read_bytes(struct mm *m, uint64_t va, uint64_t pa, uint64_t pa2, int size)
{
	uint64_t v = 0;
	for (int i = 0; i < size; i++) {
		uint64_t a = byte_pa(va, pa, pa2, i);
		v |= (uint64_t)physmem_read8(m, (uint32_t)mm_page_number(a), (uint32_t)mm_page_offset(a)) << (8 * i);
	}
	return v;
}

static int do_read(struct cmd_ctx *c, bool kernel)
{
	uint64_t va, pa2;
	int size;
	struct access_result r;
	if (cmd_num(c, 1, &va) < 0 || size_arg(c, 2, 1, &size) < 0 || access(c, va, ACC_READ, kernel, size, &r, &pa2) < 0)
		return -1;
	put_access(c, &r);
	if (r.exception) {
		cJSON_AddNullToObject(c->result, "value");
		return 0;
	}
	uint64_t v = read_bytes(c->m, va, r.pa, pa2, size);
	cmd_put_hex(c->result, "value", v);
	cmd_put_num(c->result, "size", size);
	c->value = v;
	c->has_value = true;
	return 0;
}

static int smallest_size(uint64_t v)
{
	return v <= 0xFF ? 1 : v <= 0xFFFF ? 2 : v <= 0xFFFFFFFF ? 4 : 8;
}

static int do_write(struct cmd_ctx *c, bool kernel)
{
	uint64_t va, value = WRITE_PATTERN;
	if (cmd_num(c, 1, &va) < 0 || (cmd_has(c, 2) && cmd_num(c, 2, &value) < 0))
		return -1;
	int size;
	if (size_arg(c, 3, cmd_has(c, 2) ? smallest_size(value) : 8, &size) < 0)
		return -1;
	if (size < 8 && (value >> (size * 8)))
		return mm_fail_tr(c->err, "syntax", 2, LM_ACC_VALUE_WIDE, (unsigned long long)value, size);
	struct access_result r;
	uint64_t pa2;
	if (access(c, va, ACC_WRITE, kernel, size, &r, &pa2) < 0)
		return -1;
	put_access(c, &r);
	if (r.exception)
		return 0;
	/* Page tables and the memory manager's own structures (prototype
	 * PTEs, control areas) change only through the memory manager; a
	 * command that wrote them through the self-map would leave the machine
	 * inconsistent (Windows would bug-check soon after). Refused. */
	for (int i = 0; i < size; i++) {
		uint64_t pa = byte_pa(va, r.pa, pa2, i);
		if (mm_owned_frame(c->m, va + (uint64_t)i, (uint32_t)mm_page_number(pa)))
			return mm_fail_tr(c->err, "STATUS_ACCESS_DENIED", 1, LM_ACC_OWNED,
					  (unsigned long long)(va + (uint64_t)i));
	}
	/* Byte by byte, so a write that crosses a page lands in both frames. */
	for (int i = 0; i < size; i++) {
		uint64_t pa = byte_pa(va, r.pa, pa2, i);
		if (physmem_write(c->m, (uint32_t)mm_page_number(pa), (uint32_t)mm_page_offset(pa), (value >> (8 * i)) & 0xFF, 1) < 0)
			return mm_fail_tr(c->err, "STATUS_NO_MEMORY", -1, LM_OOM);
	}
	hist_emit(&c->m->hist, EV_WRITE_BYTES, r.pa, value, (uint64_t)size, 0);
	cmd_put_hex(c->result, "value", value);
	cmd_put_num(c->result, "size", size);
	return 0;
}

static int read_exec(struct cmd_ctx *c) { return do_read(c, false); }
static int kread_exec(struct cmd_ctx *c) { return do_read(c, true); }
static int write_exec(struct cmd_ctx *c) { return do_write(c, false); }
static int kwrite_exec(struct cmd_ctx *c) { return do_write(c, true); }

static int exec_exec(struct cmd_ctx *c)
{
	uint64_t va;
	uint64_t pa2;
	struct access_result r;
	if (cmd_num(c, 1, &va) < 0 || access(c, va, ACC_EXEC, false, 1, &r, &pa2) < 0)
		return -1;
	put_access(c, &r);
	return 0;
}

/* What a touch costs the history at most, a page: the journal records of
 * a demand-zero fault (make bench measures them: TLB miss, walk, PFN taken
 * off the zeroed list, PTE, working-set entry, counters). Estimated before
 * the touch runs, so one over the history limit is refused before it
 * starts (docs/quality.md Q-BOUNDS). */
#define TOUCH_RECORDS_PER_PAGE 41

static int touch_exec(struct cmd_ctx *c)
{
	uint64_t va, size;
	enum access_kind k = ACC_READ;
	if (cmd_num(c, 1, &va) < 0 || cmd_num(c, 2, &size) < 0)
		return -1;
	if (cmd_has(c, 3)) {
		static const char *const kinds[] = {"r", "w", "x"};
		int i = lex_keyword(cmd_word(c, 3), kinds, 3, 3, c->err);
		if (i < 0)
			return -1;
		k = (enum access_kind)i;
	}
	if (size == 0)
		return mm_fail_tr(c->err, "syntax", 2, LM_ACC_SIZE_ZERO);
	if (mm_range_wraps(va, size))
		return mm_fail_wrap(c->err, "syntax", 2, va, size, 0);
	uint64_t first = mm_page_base(va), last = mm_page_base(va + size - 1);
	if (last < first || mm_bytes_pages(last - first) >= (1ull << 24))
		return mm_fail_tr(c->err, "syntax", 2, LM_ACC_TOUCH_MAX);
	uint64_t need = (mm_bytes_pages(last - first) + 1) * TOUCH_RECORDS_PER_PAGE * sizeof(struct jrec);
	const struct hist *h = &c->m->hist;
	if (h->limit && need > h->limit)
		return mm_fail_tr(c->err, "limit", 2, LM_ACC_TOUCH_LIMIT,
			       (unsigned long long)mm_bytes_pages(last - first) + 1, (unsigned long long)(need >> 20),
			       TOUCH_RECORDS_PER_PAGE, (unsigned long long)(h->limit >> 20));
	uint64_t counts[FK_COUNT] = {0}, pages = 0, exceptions = 0;
	for (uint64_t a = first;; a += MM_PAGE_SIZE) {
		struct access_result r;
		if (fault_access(c->m, a < va ? va : a, k, false, &r) < 0)
			return mm_fail_tr(c->err, "STATUS_NO_MEMORY", -1, LM_OOM);
		for (int i = 0; i < r.nfaults; i++)
			counts[r.faults[i].kind]++;
		exceptions += r.exception != 0;
		if (k == ACC_WRITE && !r.exception)
			physmem_write(c->m, (uint32_t)mm_page_number(r.pa), (uint32_t)mm_page_offset(r.pa), 0x6D, 1);
		pages++;
		if (a == last)
			break;
	}
	struct cmd_res r = cmd_res_root(c), f; /* streamed for --batch --json (cmd.h) */
	cmd_res_num(&r, "pages", (double)pages);
	f = cmd_res_obj(&r, "faults");
	for (int i = 0; i < FK_COUNT; i++)
		if (counts[i])
			cmd_res_num(&f, fault_kind_name((enum fault_kind)i), (double)counts[i]);
	cmd_res_end(&f, false);
	cmd_res_num(&r, "exceptions", (double)exceptions);
	cmd_res_end(&r, false);
	return 0;
}

static const struct cmd_entry e_read = {
	.name = "read",
	.alias = "r",
	.usage = "ADDR [SIZE]",
	.help = "read 1, 2, 4 or 8 bytes (user mode)",
	.help_de = "1, 2, 4 oder 8 Bytes lesen (Benutzermodus)",
	.min_args = 1,
	.max_args = 2,
	.flags = CMD_VALUE,
	.exec = read_exec
};

static const struct cmd_entry e_write = {
	.name = "write",
	.alias = "w",
	.usage = "ADDR [VALUE] [SIZE]",
	.help = "write a value (default: the bytes \"mmviz\")",
	.help_de = "einen Wert schreiben (Vorgabe: die Bytes \"mmviz\")",
	.min_args = 1,
	.max_args = 3,
	.exec = write_exec
};

static const struct cmd_entry e_exec = {
	.name = "exec",
	.alias = "x",
	.usage = "ADDR",
	.help = "fetch an instruction (user mode)",
	.help_de = "einen Befehl holen (Benutzermodus)",
	.min_args = 1,
	.max_args = 1,
	.exec = exec_exec
};

static const struct cmd_entry e_touch = {
	.name = "touch",
	.usage = "ADDR SIZE [r|w|x]",
	.help = "one access per page of the range",
	.help_de = "ein Zugriff je Seite des Bereichs",
	.min_args = 2,
	.max_args = 3,
	.exec = touch_exec
};

static const struct cmd_entry e_kread = {
	.name = "kread",
	.usage = "ADDR [SIZE]",
	.help = "read in kernel mode (system addresses)",
	.help_de = "im Kernelmodus lesen (Systemadressen)",
	.min_args = 1,
	.max_args = 2,
	.flags = CMD_VALUE,
	.exec = kread_exec
};

static const struct cmd_entry e_kwrite = {
	.name = "kwrite",
	.usage = "ADDR [VALUE] [SIZE]",
	.help = "write in kernel mode",
	.help_de = "im Kernelmodus schreiben",
	.min_args = 1,
	.max_args = 3,
	.exec = kwrite_exec
};

const struct cmd_entry *const cmd_access_table[] = {&e_read, &e_write, &e_exec, &e_touch, &e_kread, &e_kwrite, NULL};
