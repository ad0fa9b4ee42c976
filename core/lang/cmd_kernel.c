/*
 * cmd_kernel.c — the kernel's pool as a driver sees it:
 * ExAllocatePoolWithTag, ExFreePool, and WinDbg's !poolused and !pool.
 * Errors here are NTSTATUS values (kernel calls have no GetLastError).
 *
 * The pool's headers are simulated memory that kwrite may have ruined:
 * !pool lists the blocks as far as their headers can be trusted and then
 * names the first bad header and what is wrong with it, as WinDbg's !pool
 * says a page is corrupt; !poolused counts what sound headers describe and
 * says how many pages it could not read to the end (docs/commands.md
 * CMD-CORRUPT). The text forms print from the JSON result and assume
 * nothing about how many blocks it holds.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "cmd.h"
#include "base/consts.h"
#include "mm/mmmsg.h"
#include "mm/pool.h"
#include "langmsg.h"
#include "session.h"

/* A pool tag: up to four characters, packed little-endian ('Proc'). */
static int parse_tag(struct cmd_ctx *c, int i, uint32_t *tag)
{
	const char *w = cmd_word(c, i);
	size_t n = strlen(w);
	if (n == 0 || n > 4)
		return mm_fail_tr(c->err, "syntax", i, LM_POOL_TAG, w);
	uint32_t t = 0;
	for (size_t k = 0; k < 4; k++) {
		unsigned char ch = k < n ? (unsigned char)w[k] : ' ';
		if (ch < 0x20 || ch > 0x7e)
			return mm_fail_tr(c->err, "syntax", i, LM_POOL_TAG_PRINT);
		t |= (uint32_t)ch << (8 * k);
	}
	*tag = t;
	return 0;
}

static const char *tag_str(uint32_t tag, char buf[5])
{
	for (int k = 0; k < 4; k++) {
		unsigned char ch = (unsigned char)(tag >> (8 * k));
		buf[k] = ch >= 0x20 && ch < 0x7f ? (char)ch : '.';
	}
	buf[4] = 0;
	return buf;
}

static int alloc_exec(struct cmd_ctx *c)
{
	static const char *const types[] = {"NonPagedPool", "PagedPool"};
	uint64_t size = 0;
	uint32_t tag = 0;
	int t = lex_keyword(cmd_word(c, 1), types, 2, 1, c->err);
	if (t < 0 || cmd_num(c, 2, &size) < 0 || parse_tag(c, 3, &tag) < 0)
		return -1;
	uint64_t va = pool_alloc(c->m, (enum pool_type)t, size, tag, c->err);
	if (!va)
		return -1;
	c->value = va;
	c->has_value = true;
	cmd_put_hex(c->result, "value", va);
	cmd_put_str(c->result, "pool", types[t]);
	char b[5];
	cmd_put_str(c->result, "tag", tag_str(tag, b));
	return 0;
}

static int free_exec(struct cmd_ctx *c)
{
	uint64_t va;
	if (cmd_num(c, 1, &va) < 0 || pool_free(c->m, va, c->err) < 0)
		return -1;
	cmd_put_hex(c->result, "freed", va);
	return 0;
}

struct usage {
	uint32_t tag[256];
	uint64_t allocs[256][2], bytes[256][2];
	int n;
};

static void count(void *ud, const struct pool_block *b)
{
	struct usage *u = ud;
	int i = 0;
	while (i < u->n && u->tag[i] != b->tag)
		i++;
	if (i == u->n) {
		if (u->n == 256)
			return;
		u->tag[u->n++] = b->tag;
	}
	u->allocs[i][b->type]++;
	u->bytes[i][b->type] += b->size;
}

static int poolused_exec(struct cmd_ctx *c)
{
	struct usage u = {.n = 0};
	int corrupt = pool_each(c->m, count, &u);
	cJSON *arr = cJSON_AddArrayToObject(c->result, "tags");
	for (int i = 0; i < u.n; i++) {
		char b[5];
		cJSON *o = cJSON_CreateObject();
		cmd_put_str(o, "tag", tag_str(u.tag[i], b));
		cmd_put_num(o, "nonpaged_allocs", (double)u.allocs[i][POOL_NONPAGED]);
		cmd_put_num(o, "nonpaged_bytes", (double)u.bytes[i][POOL_NONPAGED]);
		cmd_put_num(o, "paged_allocs", (double)u.allocs[i][POOL_PAGED]);
		cmd_put_num(o, "paged_bytes", (double)u.bytes[i][POOL_PAGED]);
		cJSON_AddItemToArray(arr, o);
	}
	cmd_put_num(c->result, "paged_pool_bytes", (double)pool_bytes(c->m, POOL_PAGED));
	cmd_put_num(c->result, "nonpaged_pool_bytes", (double)pool_bytes(c->m, POOL_NONPAGED));
	cmd_put_num(c->result, "corrupt_pages", corrupt);
	return 0;
}

static int num(const cJSON *o, const char *k) { return (int)cJSON_GetObjectItemCaseSensitive(o, k)->valuedouble; }

static void poolused_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *o;
	fprintf(out, " Sorting by Tag\n\n               NonPaged                  Paged\n Tag     Allocs        Used      Allocs        Used\n\n");
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(c->result, "tags"))
		fprintf(out, " %-4s %9d %11d %11d %11d\n", cJSON_GetObjectItemCaseSensitive(o, "tag")->valuestring,
			num(o, "nonpaged_allocs"), num(o, "nonpaged_bytes"), num(o, "paged_allocs"), num(o, "paged_bytes"));
	fprintf(out, "\n Pool pages: non-paged %d bytes, paged %d bytes\n", num(c->result, "nonpaged_pool_bytes"),
		num(c->result, "paged_pool_bytes"));
	int bad = num(c->result, "corrupt_pages");
	if (bad)
		fprintf(out, " %d pool page%s with corrupt headers: blocks past the first bad header are not counted "
			     "(!pool shows where)\n", bad, bad == 1 ? "" : "s");
}

static const char *pool_name(enum pool_type t) { return t == POOL_PAGED ? "PagedPool" : "NonPagedPool"; }

static void add_block(void *ud, const struct pool_block *b)
{
	cJSON *arr = ud, *o = cJSON_CreateObject();
	char t[5];
	cmd_put_hex(o, "va", b->va);
	cmd_put_num(o, "size", (double)b->size);
	cmd_put_num(o, "previous_size", b->previous_size);
	cmd_put_bool(o, "allocated", b->allocated);
	cmd_put_bool(o, "big", b->big);
	cmd_put_str(o, "tag", b->tag ? tag_str(b->tag, t) : NULL); /* a freed block keeps its tag */
	cmd_put_str(o, "pool", pool_name(b->type));
	cJSON_AddItemToArray(arr, o);
}

static int pool_exec(struct cmd_ctx *c)
{
	uint64_t va;
	if (cmd_num(c, 1, &va) < 0)
		return -1;
	cJSON *arr = cJSON_AddArrayToObject(c->result, "blocks");
	struct pool_corrupt bad;
	if (pool_page_blocks(c->m, va, add_block, arr, &bad) < 0)
		return mm_fail_tr(c->err, "STATUS_INVALID_ADDRESS", 1, LM_POOL_NOT_MAPPED, (unsigned long long)va);
	cmd_put_hex(c->result, "va", va);
	cmd_put_str(c->result, "pool", pool_name((enum pool_type)pool_type_of(c->m, va)));
	if (bad.va) {
		cJSON *o = cJSON_AddObjectToObject(c->result, "corrupt");
		cmd_put_hex(o, "va", bad.va);
		cmd_put_str(o, "reason", bad.why[0]); /* English in the JSON (OUT-TEXT-DE) */
	} else {
		cJSON_AddNullToObject(c->result, "corrupt");
	}
	return 0;
}

static void no_block(void *ud, const struct pool_block *b)
{
	(void)ud;
	(void)b;
}

static void pool_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *o;
	unsigned long long va = strtoull(cJSON_GetObjectItemCaseSensitive(c->result, "va")->valuestring, NULL, 16);
	fprintf(out, "Pool page %llx region is %s\n", (unsigned long long)mm_page_base(va),
		cJSON_GetObjectItemCaseSensitive(c->result, "pool")->valuestring);
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(c->result, "blocks")) {
		unsigned long long b = strtoull(cJSON_GetObjectItemCaseSensitive(o, "va")->valuestring, NULL, 16);
		int size = num(o, "size");
		bool mine = va >= b && va < b + (unsigned long long)size;
		bool alloc = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "allocated"));
		const cJSON *tag = cJSON_GetObjectItemCaseSensitive(o, "tag");
		fprintf(out, "%c%016llx size: %5x previous size: %4x  (%s) %s%s\n", mine ? '*' : ' ', b, size,
			num(o, "previous_size"), alloc ? "Allocated" : "Free", alloc && mine ? "*" : "",
			cJSON_IsString(tag) ? tag->valuestring : "");
	}
	const cJSON *bad = cJSON_GetObjectItemCaseSensitive(c->result, "corrupt");
	if (cJSON_IsObject(bad)) {
		unsigned long long at = strtoull(cJSON_GetObjectItemCaseSensitive(bad, "va")->valuestring, NULL, 16);
		/* The reason is English in the JSON; a German text reads the page's
		 * chain again (the command changed nothing) for its German words. */
		int lang = session_lang(c->s);
		struct pool_corrupt pc;
		pool_page_blocks(c->m, va, no_block, NULL, &pc);
		fprintf(out, LM(lang, POOL_CORRUPT_LINE), va >= at ? '*' : ' ', at, pc.why[lang ? 1 : 0]);
	}
}

static const struct cmd_entry e_alloc = {
	.name = "ExAllocatePoolWithTag",
	.usage = "PagedPool|NonPagedPool SIZE TAG",
	.help = "kernel pool: a block with a POOL_HEADER and a tag (whole pages above 4 KB - 2 headers)",
	.help_de = "Kernel-Pool: ein Block mit POOL_HEADER und Tag (ganze Seiten über 4 KB - 2 Header)",
	.min_args = 3,
	.max_args = 3,
	.flags = CMD_NTSTATUS | CMD_VALUE,
	.exec = alloc_exec
};

static const struct cmd_entry e_free = {
	.name = "ExFreePool",
	.usage = "ADDR",
	.help = "return a pool block (free neighbours merge; an empty page goes)",
	.help_de = "einen Pool-Block zurückgeben (freie Nachbarn verschmelzen; eine leere Seite geht)",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NTSTATUS,
	.exec = free_exec
};

static const struct cmd_entry e_used = {
	.name = "!poolused",
	.usage = "",
	.help = "pool usage by tag, like WinDbg's !poolused",
	.help_de = "Pool-Belegung nach Tag, wie !poolused in WinDbg",
	.min_args = 0,
	.max_args = 1,
	.flags = CMD_READONLY | CMD_NTSTATUS,
	.exec = poolused_exec,
	.text = poolused_text
};

static const struct cmd_entry e_pool = {
	.name = "!pool",
	.usage = "ADDR",
	.help = "the blocks of the pool page holding ADDR, from their headers",
	.help_de = "die Blöcke der Pool-Seite, die ADDR enthält, aus ihren Headern",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_READONLY | CMD_NTSTATUS,
	.exec = pool_exec,
	.text = pool_text
};

const struct cmd_entry *const cmd_kernel_table[] = {&e_alloc, &e_free, &e_used, &e_pool, NULL};
