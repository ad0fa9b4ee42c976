/*
 * gen_frames.c — the `lists` and `workingset` topics (docs/cli.md CLI-QUIZ):
 * where a frame is after a few commands (docs/reference.md R-PFN), and
 * what the working-set manager takes when it trims (R-WS). The frame's
 * state is `!pfn`'s, the pages that leave are the difference of `!wsle`
 * before and after: the answers are what the machine did.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define LIST_STEPS 4

struct list_setup {
	const char *steps[LIST_STEPS];  /* after the first access */
	const char *first;              /* the access that gives the frame */
	const char *en, *de;
};

static const struct list_setup list_setups[] = {
	{{"EmptyWorkingSet"}, "write $p", "A page was written, then trimmed from the working set.",
	 "Eine Seite wurde beschrieben und dann aus dem Arbeitssatz entfernt."},
	{{"EmptyWorkingSet", "run writer"}, "write $p",
	 "A page was written, trimmed, and the modified page writer ran.",
	 "Eine Seite wurde beschrieben, entfernt, und der Schreiber für geänderte Seiten (modified page writer) lief."},
	{{"VirtualFree $p 0 MEM_RELEASE"}, "write $p", "A page was written, then the allocation was released.",
	 "Eine Seite wurde beschrieben, dann wurde die Zuweisung freigegeben."},
	{{"VirtualFree $p 0 MEM_RELEASE", "run zero"}, "write $p",
	 "A page was written, released, and the zero page thread ran.",
	 "Eine Seite wurde beschrieben, freigegeben, und der Nullseiten-Thread lief."},
	{{NULL}, "write $p", "A page was just written.", "Eine Seite wurde eben beschrieben."},
	{{"EmptyWorkingSet", "run writer", "read $p"}, "write $p",
	 "A page was written, trimmed, written to the page file, then read again.",
	 "Eine Seite wurde beschrieben, entfernt, in die Auslagerungsdatei geschrieben und dann wieder gelesen."},
	{{"EmptyWorkingSet"}, "read $p", "A page was only read (never written), then trimmed from the working set.",
	 "Eine Seite wurde nur gelesen (nie beschrieben) und dann aus dem Arbeitssatz entfernt."},
	{{"VirtualFree $p 4K MEM_DECOMMIT"}, "write $p", "A page was written, then decommitted.",
	 "Eine Seite wurde beschrieben, dann wurde sie dekommittiert."},
	{{"EmptyWorkingSet", "VirtualFree $p 0 MEM_RELEASE"}, "write $p",
	 "A page was written and trimmed; then the allocation was released.",
	 "Eine Seite wurde beschrieben und entfernt; dann wurde die Zuweisung freigegeben."},
};

static const char *const list_choices[] = {"zeroed", "free", "standby", "modified", "active"};

int gen_lists(struct gen *g)
{
	static const char *const arches[] = {"x64", "pae", "x86"};
	size_t si = gen_rand(g, sizeof list_setups / sizeof *list_setups);
	const struct list_setup *st = &list_setups[si];
	const char *arch = arches[gen_rand(g, 3)];
	gen_key(g, "lists:%zu:%s", si, arch);
	if (gen_boot(g, arch, "16M") < 0 || gen_do(g, "process create quiz.exe --bare") < 0 ||
	    gen_do(g, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE") < 0)
		return -1;
	cJSON *w = gen_run(g, "%s", st->first);
	if (!w)
		return -1;
	uint64_t pfn = gen_hex(w, "result.pa") >> 12;
	gen_step(g, TR(g, "%s: the page gets PFN %#llx", "%s: die Seite erhält PFN %#llx"), st->first, (unsigned long long)pfn);
	gen_pfn_steps(g, w, pfn);
	cJSON_Delete(w);
	for (int i = 0; i < LIST_STEPS && st->steps[i]; i++) {
		cJSON *o = gen_run(g, "%s", st->steps[i]);
		if (!o)
			return -1;
		gen_step(g, "%s", st->steps[i]);
		gen_pfn_steps(g, o, pfn);
		cJSON_Delete(o);
	}
	gen_q(g, TR(g, "[%s] %s\nWhich list holds its frame now (or is it active)?\n",
		    "[%s] %s\nAuf welcher Liste liegt ihr Rahmen jetzt (oder ist er aktiv)?\n"),
	      arch, TR(g, st->en, st->de));
	for (size_t i = 0; i < sizeof list_choices / sizeof *list_choices; i++)
		gen_choice(g, list_choices[i]);
	cJSON *o = gen_run(g, "!pfn %#llx", (unsigned long long)pfn);
	if (!o)
		return -1;
	const char *state = gen_str(o, "result.state");
	gen_answer(g, state ? state : "?");
	gen_step(g, TR(g, "!pfn %#llx: state %s", "!pfn %#llx: Zustand %s"), (unsigned long long)pfn, state ? gen_word(g, state) : "?");
	cJSON_Delete(o);
	return 0;
}

/* The data pages (numbered from base) of the working set, as a bit set. */
static uint64_t ws_pages(struct gen *g, uint64_t base, int npages, char *ages, size_t n)
{
	cJSON *o = gen_run(g, "!wsle");
	uint64_t set = 0;
	const cJSON *e;
	size_t k = 0;
	if (ages)
		ages[0] = '\0';
	cJSON_ArrayForEach(e, gen_at(o, "result.entries")) {
		uint64_t va = gen_hex(e, "va");
		if (va < base || va >= base + (uint64_t)npages * 0x1000)
			continue;
		int page = (int)((va - base) >> 12);
		set |= 1ull << page;
		if (ages && k < n)
			k += (size_t)snprintf(ages + k, n - k, " %d:%d", page, (int)gen_num(e, "age"));
	}
	cJSON_Delete(o);
	return set;
}

static int lowest(uint64_t set)
{
	for (int i = 0; i < 64; i++)
		if (set >> i & 1)
			return i;
	return -1;
}

/* Which page leaves next, after some pages were used again. */
static int ws_next_victim(struct gen *g)
{
	enum { N = 24 };
	if (gen_boot(g, "x64", "16M") < 0 || gen_do(g, "process create quiz.exe --bare") < 0)
		return -1;
	cJSON *a = gen_run(g, "$p = VirtualAlloc 0 96K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE");
	uint64_t base = gen_hex(a, "result.value");
	cJSON_Delete(a);
	if (gen_do(g, "touch $p 96K w") < 0)
		return -1;
	cJSON *w = gen_run(g, "!wsle");
	int size = (int)gen_num(w, "result.size");
	cJSON_Delete(w);
	uint64_t before = ws_pages(g, base, N, NULL, 0);
	if (gen_do(g, "SetProcessWorkingSetSize 80K %d", (size - 1) * 4096) < 0)
		return -1;
	uint64_t mid = ws_pages(g, base, N, NULL, 0);
	int first = lowest(before & ~mid);
	uint64_t again = 0;
	for (int i = 0; i < N; i++)
		if (i != first && gen_rand(g, 3) == 0)
			again |= 1ull << i;
	gen_key(g, "workingset:victim:%llx", (unsigned long long)again);
	char used[200] = "";
	size_t k = 0;
	for (int i = 0; i < N; i++)
		if (again >> i & 1) {
			k += (size_t)snprintf(used + k, sizeof used - k, "%s%d", k ? ", " : "", i);
			if (gen_do(g, "read $p+%#x", i * 0x1000) < 0)
				return -1;
		}
	gen_q(g, TR(g, "[x64] A process wrote pages 0-%d of a new region in order (its working set: %d pages, page tables included).\n"
		       "SetProcessWorkingSetSize lowered the maximum by one page: page %d left.\n"
		       "Then pages %s were used again, and the maximum is lowered by one page once more.\n"
		       "Which page leaves now?\n",
		    "[x64] Ein Prozess beschrieb die Seiten 0-%d eines neuen Bereichs der Reihe nach (sein Arbeitssatz: %d Seiten, mit Seitentabellen).\n"
		    "SetProcessWorkingSetSize senkte das Maximum um eine Seite: Seite %d ging.\n"
		    "Dann wurden die Seiten %s wieder benutzt, und das Maximum sinkt noch einmal um eine Seite.\n"
		    "Welche Seite geht jetzt?\n"),
	      N - 1, size, first, k ? used : TR(g, "(none)", "(keine)"));
	cJSON *o = gen_run(g, "SetProcessWorkingSetSize 80K %d", (size - 2) * 4096);
	if (!o)
		return -1;
	cJSON_Delete(o);
	char ages[600];
	uint64_t after = ws_pages(g, base, N, ages, sizeof ages);
	int victim = lowest(mid & ~after);
	char ans[16];
	snprintf(ans, sizeof ans, "%d", victim);
	gen_answer(g, ans);
	gen_step(g, TR(g, "the working-set manager ages every entry: used since the last pass -> age 0, otherwise one older",
		       "der Working-Set-Manager altert jeden Eintrag: seit dem letzten Durchgang benutzt -> Alter 0, sonst eins älter"));
	gen_step(g, TR(g, "ages now (page:age):%s", "Alter jetzt (Seite:Alter):%s"), ages);
	gen_step(g, TR(g, "the trim takes the oldest first, scanning on from where the last trim stopped: page %d",
		       "das Trimmen nimmt die ältesten zuerst und sucht dort weiter, wo das letzte aufhörte: Seite %d"), victim);
	return 0;
}

/* How many pages a trim down to the minimum takes. */
static int ws_trim_count(struct gen *g)
{
	int n = 40 + (int)gen_rand(g, 80);
	gen_key(g, "workingset:trim:%d", n);
	if (gen_boot(g, "x64", "16M") < 0 || gen_do(g, "process create quiz.exe --bare") < 0 ||
	    gen_do(g, "$p = VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE") < 0 ||
	    gen_do(g, "touch $p %dK w", n * 4) < 0)
		return -1;
	cJSON *w = gen_run(g, "!wsle");
	int size = (int)gen_num(w, "result.size"), min = (int)gen_num(w, "result.minimum");
	cJSON_Delete(w);
	gen_q(g, TR(g, "[x64] A process wrote %d pages of a new region. Its working set holds %d pages (page tables included); "
		       "its minimum is %d pages.\nThe balance set manager trims it (`run trim`). How many pages does it take?\n",
		    "[x64] Ein Prozess beschrieb %d Seiten eines neuen Bereichs. Sein Arbeitssatz hält %d Seiten (mit Seitentabellen); "
		    "sein Minimum ist %d Seiten.\nDer Balance Set Manager trimmt ihn (`run trim`). Wie viele Seiten nimmt er?\n"),
	      n, size, min);
	cJSON *o = gen_run(g, "run trim");
	if (!o)
		return -1;
	char ans[16];
	snprintf(ans, sizeof ans, "%d", (int)gen_num(o, "result.trimmed"));
	gen_answer(g, ans);
	cJSON_Delete(o);
	w = gen_run(g, "!wsle");
	gen_step(g, TR(g, "run trim: %s pages leave; the working set goes from %d to %d pages",
		       "run trim: %s Seiten gehen; der Arbeitssatz sinkt von %d auf %d Seiten"),
		 ans, size, (int)gen_num(w, "result.size"));
	gen_step(g, TR(g, "a trim keeps the minimum (and page tables, which it never takes)",
		       "ein Trimmen lässt das Minimum (und die Seitentabellen, die es nie nimmt)"));
	cJSON_Delete(w);
	return 0;
}

int gen_workingset(struct gen *g)
{
	return gen_rand(g, 2) ? ws_next_victim(g) : ws_trim_count(g);
}
