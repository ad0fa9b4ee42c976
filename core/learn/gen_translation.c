/*
 * gen_translation.c — the `translation` topic (docs/cli.md CLI-QUIZ): given
 * CR3 and dumps of the table pages a walk reads, find the physical address
 * of a virtual address, or the fault — as OSTEP's multi-level paging
 * simulator asks it, on the real formats of x86, PAE and x64
 * (docs/reference.md R-PTE).
 *
 * The machine makes everything: a process with a committed region of 16
 * pages, some of them written (so their tables and PTEs exist), then
 * `vtop` walks the address and `dq`/`dd` read eight entries around each
 * entry the walk used, through the self-map. The answer is vtop's `pa`, or
 * "fault" when the walk ends at an invalid entry; the solution is vtop's
 * levels read aloud.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define REGION_PAGES 16
#define DUMP_ENTRIES 8

static const char *level_title(const struct gen *g, const char *name)
{
	if (!strcmp(name, "pxe"))
		return "PML4";
	if (!strcmp(name, "ppe"))
		return "PDPT";
	if (!strcmp(name, "pde"))
		return TR(g, "page directory", "Page Directory");
	return TR(g, "page table", "Seitentabelle");
}

static uint64_t pick_base(struct gen *g, bool x64)
{
	if (x64)
		return 0x10000000ull + gen_rand(g, 0x7F000000ull) * 0x10000ull;
	return 0x00100000ull + gen_rand(g, 0x7E00ull) * 0x10000ull;
}

/* The dump of the eight entries around one entry of the walk. */
static int dump_level(struct gen *g, const cJSON *lv, int pte_size)
{
	uint64_t index = (uint64_t)gen_num(lv, "index"), first = index & ~(uint64_t)(DUMP_ENTRIES - 1);
	uint64_t ea = gen_hex(lv, "entry_address") - (index - first) * (uint64_t)pte_size;
	uint64_t table = gen_hex(lv, "table_pfn");
	cJSON *o = gen_run(g, "%s %#llx L %d", pte_size == 8 ? "dq" : "dd", (unsigned long long)ea, DUMP_ENTRIES);
	if (!o)
		return -1;
	gen_q(g, TR(g, "  physical page %#llx, bytes %#llx-%#llx:\n   ", "  physische Seite %#llx, Bytes %#llx-%#llx:\n   "),
	      (unsigned long long)table, (unsigned long long)(first * (uint64_t)pte_size),
	      (unsigned long long)((first + DUMP_ENTRIES) * (uint64_t)pte_size - 1));
	const cJSON *v;
	cJSON_ArrayForEach(v, gen_at(o, "result.values"))
		gen_q(g, " %0*llx", pte_size * 2,
		      (unsigned long long)(cJSON_IsString(v) ? strtoull(v->valuestring, NULL, 16) : 0));
	gen_q(g, "\n");
	cJSON_Delete(o);
	return 0;
}

static void explain_level(struct gen *g, const cJSON *lv, const struct mm_info *mi, int i, uint64_t va)
{
	const char *name = gen_str(lv, "name");
	int hi = mi->shift[i] + mi->bits[i] - 1, lo = mi->shift[i];
	uint64_t index = (uint64_t)gen_num(lv, "index");
	gen_step(g, TR(g, "%s: bits %d-%d of %#llx = index %#llx; entry at %#llx (table page %s + %#llx x %d) = %s",
		       "%s: Bits %d-%d von %#llx = Index %#llx; Eintrag bei %#llx (Tabellenseite %s + %#llx x %d) = %s"),
		 level_title(g, name), hi, lo, (unsigned long long)va, (unsigned long long)index,
		 (unsigned long long)gen_hex(lv, "entry_pa"), gen_str(lv, "table_pfn"), (unsigned long long)index,
		 mi->pte_size, gen_str(lv, "value"));
	if (cJSON_IsTrue(gen_at(lv, "valid")))
		gen_step(g, TR(g, "   bit 0 (Valid) is set: PFN %s", "   Bit 0 (Valid) ist gesetzt: PFN %s"), gen_str(lv, "pfn"));
	else
		gen_step(g, TR(g, "   bit 0 (Valid) is clear: the walk stops, the CPU raises a page fault",
			       "   Bit 0 (Valid) ist gelöscht: Der Walk endet, die CPU löst einen Seitenfehler aus"));
}

int gen_translation(struct gen *g)
{
	static const char *const arches[] = {"x86", "pae", "x64"};
	const char *arch = arches[gen_rand(g, 3)];
	bool x64 = !strcmp(arch, "x64");
	if (gen_boot(g, arch, "16M") < 0)
		return -1;
	cJSON *pc = gen_run(g, "process create walk.exe --bare");
	if (!pc)
		return -1;
	char cr3[32];
	snprintf(cr3, sizeof cr3, "%s", gen_str(pc, "result.cr3") ? gen_str(pc, "result.cr3") : "?");
	cJSON_Delete(pc);
	uint64_t base = pick_base(g, x64);
	if (gen_do(g, "VirtualAlloc %#llx 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", (unsigned long long)base) < 0)
		return -1;
	unsigned touched = 0;
	for (int i = 0; i < REGION_PAGES; i++)
		if (gen_rand(g, 3) || (i == REGION_PAGES - 1 && !touched)) {
			touched |= 1u << i;
			if (gen_do(g, "write %#llx %#llx", (unsigned long long)(base + (uint64_t)i * 0x1000),
				   (unsigned long long)(0x11 * (i + 1))) < 0)
				return -1;
		}
	uint64_t va = base + gen_rand(g, REGION_PAGES) * 0x1000 + gen_rand(g, 0x1000);
	if (gen_rand(g, 5) == 0) /* far away: a table above the last is missing */
		va += (x64 ? 0x40000000ull : 0x800000ull) * (1 + gen_rand(g, 4));
	struct mm_info mi;
	mm_info(session_mm(g->s), &mi);
	gen_key(g, "translation:%s:%llx", arch, (unsigned long long)va);
	gen_q(g, TR(g, "[%s] CR3 = %s. Translate the virtual address %#llx (a user-mode read).\n"
		       "Below are the entries of the table pages the walk needs (%d-byte entries, as dq/dd show them).\n"
		       "Give the physical address, or \"fault\" when the walk ends at an invalid entry.\n",
		    "[%s] CR3 = %s. Übersetzen Sie die virtuelle Adresse %#llx (ein Lesezugriff im Benutzermodus).\n"
		    "Unten stehen die Einträge der Tabellenseiten, die der Walk braucht (%d-Byte-Einträge, wie dq/dd sie zeigen).\n"
		    "Geben Sie die physische Adresse an, oder \"fault\", wenn der Walk an einem ungültigen Eintrag endet.\n"),
	      arch, cr3, (unsigned long long)va, mi.pte_size);
	/* The TUI plays the CPU's own walk: the set-up's writes left the page in
	 * the TLB, so a switch to System and back (two CR3 loads) empties it
	 * first, and the read walks the tables the dumps show. */
	gen_play(g, "process use System\nprocess use walk.exe\nread %#llx", (unsigned long long)va);
	cJSON *o = gen_run(g, "vtop %#llx", (unsigned long long)va);
	if (!o)
		return -1;
	const cJSON *lv;
	int i = 0, r = 0;
	cJSON_ArrayForEach(lv, gen_at(o, "result.levels")) {
		if (r == 0)
			r = dump_level(g, lv, mi.pte_size);
		explain_level(g, lv, &mi, i++, va);
	}
	const char *pa = gen_str(o, "result.pa");
	if (pa) {
		gen_step(g, TR(g, "physical address = PFN x 0x1000 + offset %#llx = %s",
			       "physische Adresse = PFN x 0x1000 + Offset %#llx = %s"),
			 (unsigned long long)(va & 0xFFF), pa);
		gen_answer(g, pa);
	} else {
		gen_answer(g, "fault");
	}
	cJSON_Delete(o);
	return r;
}
