/*
 * gen_space.c — the `commit` and `layout` topics (docs/cli.md CLI-QUIZ): what
 * a call charges against the commit limit (docs/reference.md R-COMMIT),
 * and where reservations start and end (R-VALLOC: 64 KB granularity, page
 * rounding, the unusable tail; R-LAYOUT). The charge is the difference of
 * `!vm` before and after the call; addresses and sizes are the call's own
 * result and the VAD it inserted.
 */
#include <stdio.h>
#include <string.h>

#include "gen.h"
#include "lang/langmsg.h"

static double commit_now(struct gen *g)
{
	cJSON *o = gen_run(g, "!vm");
	double c = gen_num(o, "result.commit_charge");
	cJSON_Delete(o);
	return c;
}

/* The call a commit question asks about, after its set-up. */
static int commit_call(struct gen *g, char *line, size_t n, const char **en, const char **de)
{
	uint64_t off = gen_rand(g, 64) * 0x100, size = (1 + gen_rand(g, 40)) * 0x400;
	uint64_t base = 0x10000000ull + gen_rand(g, 0x1000) * 0x10000;
	switch (gen_rand(g, 5)) {
	case 0:
		snprintf(line, n, "VirtualAlloc %#llx %#llx MEM_RESERVE PAGE_READWRITE", (unsigned long long)(base + off),
			 (unsigned long long)size);
		*en = "reserves";
		*de = "reserviert";
		return 0;
	case 1:
		snprintf(line, n, "VirtualAlloc %#llx %#llx MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
			 (unsigned long long)(base + off), (unsigned long long)size);
		*en = "reserves and commits";
		*de = "reserviert und sichert zu";
		return 0;
	case 2:
		if (gen_do(g, "$r = VirtualAlloc %#llx 1M MEM_RESERVE PAGE_READWRITE", (unsigned long long)base) < 0)
			return -1;
		gen_step(g, "$r = VirtualAlloc %#llx 1M MEM_RESERVE PAGE_READWRITE", (unsigned long long)base);
		snprintf(line, n, "VirtualAlloc $r+%#llx %#llx MEM_COMMIT PAGE_READWRITE",
			 (unsigned long long)(gen_rand(g, 64) * 0x1000 + off), (unsigned long long)size);
		*en = "commits inside a 1 MB reservation";
		*de = "sichert innerhalb einer 1-MB-Reservierung zu";
		return 0;
	case 3:
		if (gen_do(g, "$r = VirtualAlloc %#llx 256K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", (unsigned long long)base) < 0)
			return -1;
		gen_step(g, "$r = VirtualAlloc %#llx 256K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", (unsigned long long)base);
		snprintf(line, n, "VirtualFree $r+%#llx %#llx MEM_DECOMMIT", (unsigned long long)(gen_rand(g, 16) * 0x1000 + off),
			 (unsigned long long)size);
		*en = "decommits part of a committed 256 KB region (the answer is negative)";
		*de = "dekommittiert einen Teil eines zugesicherten 256-KB-Bereichs (die Antwort ist negativ)";
		return 0;
	default:
		snprintf(line, n, "CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE %#llx", (unsigned long long)size);
		*en = "creates a section backed by the page file";
		*de = "erzeugt ein Section-Objekt, das von der Auslagerungsdatei gestützt wird";
		return 0;
	}
}

int gen_commit(struct gen *g)
{
	char line[200];
	const char *en, *de;
	if (gen_boot(g, "x64", "16M") < 0 || gen_do(g, "process create quiz.exe --bare") < 0)
		return -1;
	if (commit_call(g, line, sizeof line, &en, &de) < 0)
		return -1;
	gen_key(g, "commit:%s", line);
	double before = commit_now(g);
	gen_q(g, TR(g, "[x64] `%s`\n(it %s). By how many pages does the commit charge change?\n",
		    "[x64] `%s`\n(es %s). Um wie viele Seiten ändert sich der zugesicherte Speicher?\n"),
	      line, TR(g, en, de));
	cJSON *o = gen_run(g, "%s", line);
	if (!o)
		return -1;
	if (!cJSON_IsTrue(gen_at(o, "ok"))) {
		int r = gen_failed(g, o, line);
		cJSON_Delete(o);
		return r;
	}
	const cJSON *e;
	cJSON_ArrayForEach(e, gen_at(o, "events")) {
		const char *k = gen_str(e, "kind");
		if (k && !strcmp(k, "vad_insert"))
			gen_step(g, TR(g, "%s: VAD %s-%s", "%s: VAD %s-%s"), line, gen_str(e, "start"), gen_str(e, "end"));
		if (k && !strcmp(k, "commit_charge"))
			gen_step(g, TR(g, "commit charge %+d pages: each page of the range, whole",
				       "zugesicherter Speicher %+d Seiten: jede Seite des Bereichs, ganz"),
				 (int)gen_num(e, "delta"));
	}
	cJSON_Delete(o);
	double after = commit_now(g);
	char ans[24];
	snprintf(ans, sizeof ans, "%d", (int)(after - before));
	gen_answer(g, ans);
	gen_step(g, TR(g, "!vm: commit charge %d -> %d: %s pages", "!vm: zugesicherter Speicher %d -> %d: %s Seiten"), (int)before,
		 (int)after, ans);
	if (after == before)
		gen_step(g, TR(g, "reserving charges nothing: only committed pages are promised",
			       "Reservieren kostet nichts: Nur zugesicherte Seiten sind versprochen"));
	return 0;
}

/* Where does a reservation start, and how many pages does its VAD cover? */
static int layout_reserve(struct gen *g, bool pages)
{
	uint64_t addr = 0x10000000ull + gen_rand(g, 0x4000) * 0x1000 + gen_rand(g, 0x1000);
	uint64_t size = (1 + gen_rand(g, 48)) * 0x400;
	gen_key(g, "layout:%d:%llx:%llx", pages, (unsigned long long)addr, (unsigned long long)size);
	if (gen_boot(g, "x64", "16M") < 0 || gen_do(g, "process create quiz.exe --bare") < 0)
		return -1;
	gen_q(g, pages ? TR(g, "[x64] `VirtualAlloc %#llx %#llx MEM_RESERVE PAGE_READWRITE`: how many pages does the new region (its VAD) cover?\n",
			    "[x64] `VirtualAlloc %#llx %#llx MEM_RESERVE PAGE_READWRITE`: Wie viele Seiten umfasst der neue Bereich (sein VAD)?\n")
		       : TR(g, "[x64] `VirtualAlloc %#llx %#llx MEM_RESERVE PAGE_READWRITE`: which base address does it return?\n",
			    "[x64] `VirtualAlloc %#llx %#llx MEM_RESERVE PAGE_READWRITE`: Welche Basisadresse liefert es zurück?\n"),
	      (unsigned long long)addr, (unsigned long long)size);
	cJSON *o = gen_run(g, "VirtualAlloc %#llx %#llx MEM_RESERVE PAGE_READWRITE", (unsigned long long)addr,
			   (unsigned long long)size);
	if (!o)
		return -1;
	const char *base = gen_str(o, "result.value");
	uint64_t start = 0, end = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, gen_at(o, "events"))
		if (gen_str(e, "kind") && !strcmp(gen_str(e, "kind"), "vad_insert")) {
			start = gen_hex(e, "start");
			end = gen_hex(e, "end");
		}
	char ans[32];
	if (pages)
		snprintf(ans, sizeof ans, "%llu", (unsigned long long)(end - start + 1));
	else
		snprintf(ans, sizeof ans, "%s", base ? base : "?");
	gen_answer(g, ans);
	gen_step(g, TR(g, "the start is rounded down to the allocation granularity, 64 KB: %s",
		       "der Anfang wird auf die Allocation Granularity von 64 KB abgerundet: %s"), base ? base : "?");
	gen_step(g, TR(g, "the end, %#llx + %#llx - 1 = %#llx, is rounded up to its page",
		       "das Ende, %#llx + %#llx - 1 = %#llx, wird auf seine Seite aufgerundet"),
		 (unsigned long long)addr, (unsigned long long)size, (unsigned long long)(addr + size - 1));
	gen_step(g, TR(g, "VAD: pages %#llx-%#llx = %llu pages", "VAD: Seiten %#llx-%#llx = %llu Seiten"),
		 (unsigned long long)start, (unsigned long long)end, (unsigned long long)(end - start + 1));
	cJSON_Delete(o);
	return 0;
}

/* The unusable rest of a 64 KB unit after a small reservation. */
static int layout_unusable(struct gen *g)
{
	uint64_t base = 0x10000000ull + gen_rand(g, 0x4000) * 0x10000;
	uint64_t first = (1 + gen_rand(g, 4)) * 0x1000, at = first + gen_rand(g, 8) * 0x1000;
	if (gen_rand(g, 3) == 0) /* the next 64 KB unit */
		at = 0x10000 + gen_rand(g, 4) * 0x1000;
	gen_key(g, "layout:unusable:%llx:%llx", (unsigned long long)first, (unsigned long long)at);
	if (gen_boot(g, "x64", "16M") < 0 || gen_do(g, "process create quiz.exe --bare") < 0 ||
	    gen_do(g, "VirtualAlloc %#llx %#llx MEM_RESERVE PAGE_READWRITE", (unsigned long long)base,
		   (unsigned long long)first) < 0)
		return -1;
	gen_step(g, "VirtualAlloc %#llx %#llx MEM_RESERVE PAGE_READWRITE", (unsigned long long)base, (unsigned long long)first);
	gen_q(g, TR(g, "[x64] %#llx bytes were reserved at %#llx. What does `VirtualAlloc %#llx 4K MEM_RESERVE PAGE_READWRITE` give?\n",
		    "[x64] %#llx Bytes wurden bei %#llx reserviert. Was liefert `VirtualAlloc %#llx 4K MEM_RESERVE PAGE_READWRITE`?\n"),
	      (unsigned long long)first, (unsigned long long)base, (unsigned long long)(base + at));
	gen_choice(g, "success");
	gen_choice(g, "ERROR_INVALID_ADDRESS");
	gen_choice(g, "ERROR_INVALID_PARAMETER");
	cJSON *o = gen_run(g, "VirtualAlloc %#llx 4K MEM_RESERVE PAGE_READWRITE", (unsigned long long)(base + at));
	if (!o)
		return -1;
	bool ok = cJSON_IsTrue(gen_at(o, "ok"));
	const char *code = gen_str(o, "error.code");
	gen_answer(g, ok ? "success" : code ? code : "?");
	gen_step(g, "VirtualAlloc %#llx 4K MEM_RESERVE: %s%s%s", (unsigned long long)(base + at),
		 ok ? gen_str(o, "result.value") : code ? code : "?", ok ? "" : ": ", ok ? "" : gen_str(o, "error.message"));
	uint64_t unit = (base + at) & ~0xFFFFull;
	if (unit == base)
		gen_step(g, TR(g, "a reservation starts on a 64 KB boundary: %#llx rounds down to %#llx, inside the unit the first "
				  "reservation holds; its rest is unusable",
			       "eine Reservierung beginnt an einer 64-KB-Grenze: %#llx wird auf %#llx abgerundet, in die Einheit der "
			       "ersten Reservierung; deren Rest ist unbenutzbar"),
			 (unsigned long long)(base + at), (unsigned long long)unit);
	else
		gen_step(g, TR(g, "a reservation starts on a 64 KB boundary: %#llx rounds down to %#llx, a unit of its own",
			       "eine Reservierung beginnt an einer 64-KB-Grenze: %#llx wird auf %#llx abgerundet, eine eigene Einheit"),
			 (unsigned long long)(base + at), (unsigned long long)unit);
	cJSON_Delete(o);
	return 0;
}

/* Boundaries of the user address space, per paging mode and version
 * (x86 without PAE is XP's, with or without /3GB: Windows 7 and 10 run
 * 32-bit x86 only with PAE, docs/reference.md R-OS-VERSIONS). */
static int layout_bounds(struct gen *g)
{
	static const char *const arches[] = {"x86", "pae", "x64"};
	static const char *const oses[] = {"win10", "win7"};
	static const char *const xp[] = {"xp", "xp /3GB"};
	const char *arch = arches[gen_rand(g, 3)];
	uint64_t o = gen_rand(g, 2);
	const char *os = strcmp(arch, "x86") ? oses[o] : xp[o];
	bool high = gen_rand(g, 2);
	gen_key(g, "layout:bounds:%s:%s:%d", arch, os, high);
	struct mm_config cfg;
	mm_config_default(&cfg);
	cfg.three_gb = !strcmp(os, "xp /3GB");
	if (mm_arch_parse(arch, &cfg.arch) < 0 || mm_os_parse(cfg.three_gb ? "xp" : os, &cfg.os) < 0)
		return mm_fail_tr(&g->err, "ERROR_INVALID_PARAMETER", 0, LM_LRN_BAD_MACHINE);
	cfg.ram = 16ull << 20;
	if (gen_boot_config(g, &cfg) < 0)
		return -1;
	gen_q(g, high ? TR(g, "[%s, %s] What is the highest user-mode address (MmHighestUserAddress)?\n",
			   "[%s, %s] Was ist die höchste Adresse des Benutzermodus (MmHighestUserAddress)?\n")
		      : TR(g, "[%s, %s] Where does system space begin (MmSystemRangeStart)?\n",
			   "[%s, %s] Wo beginnt der Systemadressraum (MmSystemRangeStart)?\n"),
	      arch, os);
	struct mm_info mi;
	mm_info(session_mm(g->s), &mi);
	char ans[32];
	snprintf(ans, sizeof ans, "%#llx", (unsigned long long)(high ? mi.highest_user : mi.system_range_start));
	gen_answer(g, ans);
	gen_step(g, TR(g, "%s on %s: user space %#llx-%#llx, system space from %#llx",
		       "%s auf %s: Benutzeradressraum %#llx-%#llx, Systemadressraum ab %#llx"),
		 os, arch, (unsigned long long)mi.lowest_user, (unsigned long long)mi.highest_user,
		 (unsigned long long)mi.system_range_start);
	return 0;
}

int gen_layout(struct gen *g)
{
	switch (gen_rand(g, 4)) {
	case 0:
		return layout_reserve(g, false);
	case 1:
		return layout_reserve(g, true);
	case 2:
		return layout_unusable(g);
	default:
		return layout_bounds(g);
	}
}
