/*
 * cmd_heap.c — the heap API on the current process (docs/commands.md CMD-HEAP):
 * GetProcessHeap, HeapCreate, HeapAlloc, HeapFree, HeapDestroy, and !heap
 * to look at the heaps and their blocks (WinDbg's !heap and !heap -a).
 * The rules are heap.c's.
 */
#include <stdio.h>

#include "cmd.h"
#include "base/consts.h"
#include "win32/heap.h"
#include "win32/heapmem.h"
#include "langmsg.h"

static void put_value(struct cmd_ctx *c, uint64_t v)
{
	c->value = v;
	c->has_value = true;
	cmd_put_hex(c->result, "value", v);
}

static int getprocessheap_exec(struct cmd_ctx *c)
{
	const struct proc *p = mm_cur(c->m);
	if (!p->process_heap)
		return mm_fail_tr(c->err, "STATUS_INVALID_HANDLE", -1, LM_HEAP_NONE, p->pid);
	put_value(c, p->process_heap);
	return 0;
}

static int heapcreate_exec(struct cmd_ctx *c)
{
	uint64_t initial = 0, maximum = 0, handle;
	if ((cmd_has(c, 1) && cmd_num(c, 1, &initial) < 0) || (cmd_has(c, 2) && cmd_num(c, 2, &maximum) < 0))
		return -1;
	if (heap_create(c->m, mm_cur(c->m), 0, initial, maximum, &handle, c->err) < 0)
		return -1;
	put_value(c, handle);
	cmd_put_bool(c->result, "growable", maximum == 0);
	return 0;
}

static int heapalloc_exec(struct cmd_ctx *c)
{
	uint64_t heap, size, ptr;
	uint32_t flags = 0;
	if (cmd_num(c, 1, &heap) < 0 || cmd_num(c, 2, &size) < 0 ||
	    (cmd_has(c, 3) && cmd_flags(c, 3, consts_heap, consts_heap_n, &flags) < 0))
		return -1;
	if (heap_alloc(c->m, mm_cur(c->m), heap, flags, size, &ptr, c->err) < 0)
		return -1;
	put_value(c, ptr);
	cmd_put_num(c->result, "size", (double)size);
	return 0;
}

static int heapfree_exec(struct cmd_ctx *c)
{
	uint64_t heap, ptr;
	if (cmd_num(c, 1, &heap) < 0 || cmd_num(c, 2, &ptr) < 0 ||
	    heap_free(c->m, mm_cur(c->m), heap, ptr, c->err) < 0)
		return -1;
	cmd_put_bool(c->result, "freed", true);
	return 0;
}

static int heapdestroy_exec(struct cmd_ctx *c)
{
	uint64_t heap;
	if (cmd_num(c, 1, &heap) < 0 || heap_destroy(c->m, mm_cur(c->m), heap, c->err) < 0)
		return -1;
	cmd_put_bool(c->result, "destroyed", true);
	return 0;
}

/* ---- LocalAlloc, GlobalAlloc (win32/heapmem.c) ---- */

static int memalloc(struct cmd_ctx *c, enum heapmem_api api)
{
	uint64_t size, ptr;
	uint32_t flags;
	const struct consts_flag *t = api == HEAPMEM_LOCAL ? consts_lmem : consts_gmem;
	size_t n = api == HEAPMEM_LOCAL ? consts_lmem_n : consts_gmem_n;
	if (cmd_flags(c, 1, t, n, &flags) < 0 || cmd_num(c, 2, &size) < 0)
		return -1;
	if (heapmem_alloc(c->m, mm_cur(c->m), api, flags, size, &ptr, c->err) < 0)
		return -1;
	put_value(c, ptr);
	cmd_put_hex(c->result, "heap", mm_cur(c->m)->process_heap);
	cmd_put_num(c->result, "size", (double)size);
	return 0;
}

static int memfree(struct cmd_ctx *c, enum heapmem_api api)
{
	uint64_t ptr;
	if (cmd_num(c, 1, &ptr) < 0 || heapmem_free(c->m, mm_cur(c->m), api, ptr, c->err) < 0)
		return -1;
	cmd_put_bool(c->result, "freed", ptr != 0);
	return 0;
}

static int localalloc_exec(struct cmd_ctx *c) { return memalloc(c, HEAPMEM_LOCAL); }
static int globalalloc_exec(struct cmd_ctx *c) { return memalloc(c, HEAPMEM_GLOBAL); }
static int localfree_exec(struct cmd_ctx *c) { return memfree(c, HEAPMEM_LOCAL); }
static int globalfree_exec(struct cmd_ctx *c) { return memfree(c, HEAPMEM_GLOBAL); }

/* ---- !heap ---- */

static uint64_t committed_in(const struct mm *m, const struct mm_heap *h)
{
	uint64_t n = 0;
	for (uint32_t i = h->first; i; i = heap_block_at(m, i)->next)
		n += heap_block_at(m, i)->size;
	return n;
}

static void put_heap(const struct mm *m, cJSON *o, const struct mm_heap *h, int index)
{
	uint64_t reserved = 0;
	cmd_put_num(o, "index", index);
	cmd_put_hex(o, "handle", h->base);
	cmd_put_bool(o, "growable", (h->flags & HEAP_GROWABLE) != 0);
	cmd_put_num(o, "segments", h->nsegments);
	for (unsigned s = 0; s < h->nsegments; s++)
		reserved += h->seg_end[s] - h->seg_base[s];
	cmd_put_num(o, "reserved", (double)reserved);
	cmd_put_num(o, "blocks_bytes", (double)committed_in(m, h));
	cmd_put_num(o, "free", (double)h->total_free);
}

static void put_block(cJSON *arr, const struct mm_hblock *b, unsigned gran, bool big)
{
	cJSON *o = cJSON_CreateObject();
	cmd_put_hex(o, "address", b->va);
	cmd_put_num(o, "size", (double)b->size);
	cmd_put_str(o, "state", big ? "virtual_alloc" : b->busy ? "busy" : "free");
	if (b->busy) {
		cmd_put_hex(o, "user", b->va + (big ? 0 : gran));
		cmd_put_num(o, "request", (double)b->request);
	}
	cJSON_AddItemToArray(arr, o);
}

static void put_blocks(const struct mm *m, cJSON *o, const struct mm_heap *h)
{
	cJSON *seg = cJSON_AddArrayToObject(o, "segment_list");
	for (unsigned s = 0; s < h->nsegments; s++) {
		cJSON *x = cJSON_CreateObject();
		cmd_put_hex(x, "base", h->seg_base[s]);
		cmd_put_hex(x, "end", h->seg_end[s]);
		cJSON_AddItemToArray(seg, x);
	}
	cJSON *arr = cJSON_AddArrayToObject(o, "entries");
	for (uint32_t i = h->first; i; i = heap_block_at(m, i)->next)
		put_block(arr, heap_block_at(m, i), heap_granularity(m), false);
	for (uint32_t i = h->big; i; i = heap_block_at(m, i)->next)
		put_block(arr, heap_block_at(m, i), heap_granularity(m), true);
}

static int bang_heap_exec(struct cmd_ctx *c)
{
	const struct proc *p = mm_cur(c->m);
	uint64_t want = 0;
	if (cmd_has(c, 1) && cmd_num(c, 1, &want) < 0)
		return -1;
	if (want && !heap_find(c->m, p, want))
		return mm_fail_tr(c->err, "STATUS_INVALID_HANDLE", 1, LM_HEAP_NOT, (unsigned long long)want, p->pid);
	cJSON *arr = cJSON_AddArrayToObject(c->result, "heaps");
	int index = 1;
	for (uint32_t i = p->heap_first; i; i = heap_at(c->m, i)->next, index++) {
		const struct mm_heap *h = heap_at(c->m, i);
		if (want && h->base != want)
			continue;
		cJSON *o = cJSON_CreateObject();
		put_heap(c->m, o, h, index);
		if (want)
			put_blocks(c->m, o, h);
		cJSON_AddItemToArray(arr, o);
	}
	return 0;
}

static double num(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k)->valuedouble; }
static const char *str(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k)->valuestring; }

static void bang_heap_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *h, *e;
	fprintf(out, "Index   Address          Segments  Reserved     In blocks    Free      Growable\n");
	cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(c->result, "heaps")) {
		fprintf(out, "%5d:  %-16s %8d  %#10llx  %#10llx  %#8llx  %s\n", (int)num(h, "index"), str(h, "handle"),
			(int)num(h, "segments"), (unsigned long long)num(h, "reserved"),
			(unsigned long long)num(h, "blocks_bytes"), (unsigned long long)num(h, "free"),
			cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(h, "growable")) ? "yes" : "no");
		const cJSON *entries = cJSON_GetObjectItemCaseSensitive(h, "entries");
		if (!entries)
			continue;
		fprintf(out, "    Entry            Size      State          User             Requested\n");
		cJSON_ArrayForEach(e, entries) {
			const cJSON *u = cJSON_GetObjectItemCaseSensitive(e, "user");
			fprintf(out, "    %-16s %#8llx  %-13s  %-16s", str(e, "address"), (unsigned long long)num(e, "size"),
				str(e, "state"), u ? u->valuestring : "");
			if (u)
				fprintf(out, " %#llx", (unsigned long long)num(e, "request"));
			fputc('\n', out);
		}
	}
}

static const struct cmd_entry e_getprocessheap = {
	.name = "GetProcessHeap",
	.usage = "",
	.help = "the default process heap's handle",
	.help_de = "das Handle des Standard-Heaps des Prozesses",
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_READONLY | CMD_VALUE,
	.exec = getprocessheap_exec
};

static const struct cmd_entry e_heapcreate = {
	.name = "HeapCreate",
	.usage = "[INITIAL [MAX]]",
	.help = "a private heap: MAX reserved (0: growable), INITIAL committed; result: its handle",
	.help_de = "ein privater Heap: MAX reserviert (0: wachsend), INITIAL zugesichert; Ergebnis: sein Handle",
	.min_args = 0,
	.max_args = 2,
	.flags = CMD_VALUE,
	.exec = heapcreate_exec
};

static const struct cmd_entry e_heapalloc = {
	.name = "HeapAlloc",
	.alias = "halloc",
	.usage = "HEAP SIZE [HEAP_ZERO_MEMORY]",
	.help = "a block from a heap (large ones get their own VirtualAlloc); result: its address",
	.help_de = "ein Block aus einem Heap (große bekommen ein eigenes VirtualAlloc); Ergebnis: seine Adresse",
	.min_args = 2,
	.max_args = 3,
	.flags = CMD_VALUE,
	.exec = heapalloc_exec
};

static const struct cmd_entry e_heapfree = {
	.name = "HeapFree",
	.alias = "hfree",
	.usage = "HEAP ADDR",
	.help = "frees a block; free space past the thresholds is decommitted",
	.help_de = "gibt einen Block frei; freier Platz über den Schwellen wird nicht mehr zugesichert (decommit)",
	.min_args = 2,
	.max_args = 2,
	.exec = heapfree_exec
};

static const struct cmd_entry e_heapdestroy = {
	.name = "HeapDestroy",
	.usage = "HEAP",
	.help = "releases a heap's segments and large blocks (not the process heap)",
	.help_de = "gibt die Segmente und großen Blöcke eines Heaps frei (nicht den Prozess-Heap)",
	.min_args = 1,
	.max_args = 1,
	.exec = heapdestroy_exec
};

static const struct cmd_entry e_bang_heap = {
	.name = "!heap",
	.usage = "[HEAP]",
	.help = "the process's heaps; with a handle its segments and blocks (like !heap -a)",
	.help_de = "die Heaps des Prozesses; mit einem Handle seine Segmente und Blöcke (wie !heap -a)",
	.min_args = 0,
	.max_args = 1,
	.flags = CMD_READONLY | CMD_NTSTATUS,
	.exec = bang_heap_exec,
	.text = bang_heap_text
};

static const struct cmd_entry e_localalloc = {
	.name = "LocalAlloc",
	.usage = "LMEM_FIXED|LPTR|LMEM_ZEROINIT SIZE",
	.help = "fixed memory from the process heap (kernel32 over RtlAllocateHeap); result: its address",
	.help_de = "fester Speicher aus dem Prozess-Heap (kernel32 über RtlAllocateHeap); Ergebnis: seine Adresse",
	.min_args = 2,
	.max_args = 2,
	.flags = CMD_VALUE,
	.exec = localalloc_exec
};

static const struct cmd_entry e_localfree = {
	.name = "LocalFree",
	.usage = "ADDR",
	.help = "free memory from LocalAlloc (RtlFreeHeap on the process heap)",
	.help_de = "Speicher aus LocalAlloc freigeben (RtlFreeHeap auf dem Prozess-Heap)",
	.min_args = 1,
	.max_args = 1,
	.exec = localfree_exec
};

static const struct cmd_entry e_globalalloc = {
	.name = "GlobalAlloc",
	.usage = "GMEM_FIXED|GPTR|GMEM_ZEROINIT SIZE",
	.help = "fixed memory from the process heap, as LocalAlloc; result: its address",
	.help_de = "fester Speicher aus dem Prozess-Heap, wie LocalAlloc; Ergebnis: seine Adresse",
	.min_args = 2,
	.max_args = 2,
	.flags = CMD_VALUE,
	.exec = globalalloc_exec
};

static const struct cmd_entry e_globalfree = {
	.name = "GlobalFree",
	.usage = "ADDR",
	.help = "free memory from GlobalAlloc (RtlFreeHeap on the process heap)",
	.help_de = "Speicher aus GlobalAlloc freigeben (RtlFreeHeap auf dem Prozess-Heap)",
	.min_args = 1,
	.max_args = 1,
	.exec = globalfree_exec
};

const struct cmd_entry *const cmd_heap_table[] = {&e_getprocessheap, &e_heapcreate, &e_heapalloc, &e_heapfree,
						   &e_heapdestroy, &e_bang_heap, &e_localalloc, &e_localfree,
						   &e_globalalloc, &e_globalfree, NULL};
