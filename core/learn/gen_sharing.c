/*
 * gen_sharing.c — the `sharing` topic (docs/cli.md CLI-QUIZ): share counts of
 * a frame that several processes map (a page-file-backed section), and
 * which frame a process sees after another wrote a copy-on-write page
 * (docs/reference.md R-SECTION, R-FAULT-KINDS). The share count is
 * `!pfn`'s; the frame a process sees is its own `!pte`'s.
 */
#include <stdio.h>
#include <string.h>

#include "gen.h"

#define MAX_PROCS 4

/* n processes map one section; some read page k; some are trimmed. */
static int share_count(struct gen *g)
{
	int n = 2 + (int)gen_rand(g, MAX_PROCS - 1), k = (int)gen_rand(g, 16);
	unsigned readers = 0, trimmed = 0;
	for (int i = 0; i < n; i++)
		if (gen_rand(g, 3))
			readers |= 1u << i;
	if (!readers)
		readers = 1;
	for (int i = 0; i < n; i++)
		if ((readers >> i & 1) && gen_rand(g, 4) == 0)
			trimmed |= 1u << i;
	gen_key(g, "sharing:count:%d:%x:%x", n, readers, trimmed);
	if (gen_boot(g, "x64", "16M") < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (gen_do(g, "process create p%d.exe --bare", i + 1) < 0)
			return -1;
		if (i == 0 ? gen_do(g, "$s1 = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K Local\\Quiz") < 0
			   : gen_do(g, "$s%d = OpenFileMapping Local\\Quiz", i + 1) < 0)
			return -1;
		if (gen_do(g, "$v%d = MapViewOfFile $s%d FILE_MAP_READ 0 0", i + 1, i + 1) < 0)
			return -1;
	}
	uint64_t pfn = 0;
	char who[64] = "", trim[64] = "";
	size_t w = 0, t = 0;
	for (int i = 0; i < n; i++) {
		if (!(readers >> i & 1))
			continue;
		if (gen_do(g, "process use p%d.exe", i + 1) < 0)
			return -1;
		cJSON *o = gen_run(g, "read $v%d+%#x", i + 1, k * 0x1000);
		pfn = gen_hex(o, "result.pa") >> 12;
		gen_step(g, TR(g, "p%d reads page %d: %s fault -> PFN %#llx", "p%d liest Seite %d: %s-Fehler -> PFN %#llx"), i + 1,
			 k, gen_fault_kind(o), (unsigned long long)pfn);
		cJSON_Delete(o);
		w += (size_t)snprintf(who + w, sizeof who - w, "%sp%d", w ? ", " : "", i + 1);
	}
	for (int i = 0; i < n; i++)
		if (trimmed >> i & 1) {
			if (gen_do(g, "process use p%d.exe", i + 1) < 0 || gen_do(g, "EmptyWorkingSet") < 0)
				return -1;
			gen_step(g, TR(g, "p%d's working set is emptied: its PTE points back at the prototype PTE",
				       "p%ds Arbeitssatz wird geleert: sein PTE zeigt zurück auf das Prototyp-PTE"), i + 1);
			t += (size_t)snprintf(trim + t, sizeof trim - t, "%sp%d", t ? ", " : "", i + 1);
		}
	gen_q(g, TR(g, "[x64] %d processes (p1-p%d) map the same 64 KB section backed by the page file. %s read page %d of it.%s%s%s\n"
		       "What is the share count of the page's frame?\n",
		    "[x64] %d Prozesse (p1-p%d) bilden dasselbe 64-KB-Section-Objekt ab, das von der Auslagerungsdatei gestützt wird. "
		    "%s lesen Seite %d davon.%s%s%s\nWie hoch ist der Share Count des Rahmens der Seite?\n"),
	      n, n, who, k, t ? TR(g, " Then the working set of ", " Dann wird der Arbeitssatz von ") : "", t ? trim : "",
	      t ? TR(g, " is emptied.", " geleert.") : "");
	cJSON *o = gen_run(g, "!pfn %#llx", (unsigned long long)pfn);
	if (!o)
		return -1;
	char ans[16];
	snprintf(ans, sizeof ans, "%d", (int)gen_num(o, "result.share_count"));
	gen_answer(g, ans);
	gen_step(g, TR(g, "!pfn %#llx: share count %s, one for each valid PTE that maps the frame",
		       "!pfn %#llx: Share Count %s, einer für jedes gültige PTE, das den Rahmen abbildet"),
		 (unsigned long long)pfn, ans);
	cJSON_Delete(o);
	return 0;
}

static uint64_t pte_pfn_of(struct gen *g, const char *proc, const char *va)
{
	if (gen_do(g, "process use %s", proc) < 0)
		return 0;
	cJSON *o = gen_run(g, "!pte %s", va);
	uint64_t pfn = cJSON_IsTrue(gen_at(o, "result.pte.valid")) ? gen_hex(o, "result.pte.pfn") : 0;
	cJSON_Delete(o);
	return pfn;
}

/* Two processes share a copy-on-write page; one writes it. */
static int cow_frame(struct gen *g)
{
	bool ask_writer = gen_rand(g, 2);
	int page = (int)gen_rand(g, 2);         /* .data (copy-on-write) or .text (shared code) */
	const char *off = page ? "0x1000" : "0x11000";
	gen_key(g, "sharing:cow:%d:%d", ask_writer, page);
	if (gen_boot(g, "x64", "16M") < 0)
		return -1;
	static const char *const setup[] = {"process create app1.exe --bare", "$a = LoadLibrary kernel32.dll",
					    "process create app2.exe --bare", "$b = LoadLibrary kernel32.dll"};
	for (size_t i = 0; i < sizeof setup / sizeof *setup; i++)
		if (gen_do(g, "%s", setup[i]) < 0)
			return -1;
	if (gen_do(g, "read $b+%s", off) < 0 || gen_do(g, "process use app1.exe") < 0 || gen_do(g, "read $a+%s", off) < 0)
		return -1;
	char va[32];
	snprintf(va, sizeof va, "$a+%s", off);
	uint64_t shared = pte_pfn_of(g, "app1.exe", va);
	gen_step(g, TR(g, "both processes read kernel32.dll+%s: one frame, PFN %#llx", "beide Prozesse lesen kernel32.dll+%s: ein Rahmen, PFN %#llx"),
		 off, (unsigned long long)shared);
	cJSON *w = gen_run(g, "write $a+%s 0x41", off);
	if (!w)
		return -1;
	const char *exc = gen_str(w, "result.exception");
	gen_step(g, TR(g, "app1 writes it: %s fault%s%s", "app1 schreibt: %s-Fehler%s%s"), gen_fault_kind(w), exc ? ", " : "",
		 exc ? exc : "");
	cJSON_Delete(w);
	gen_q(g, TR(g, "[x64] app1 and app2 loaded kernel32.dll and both read its page at +%s (%s), one shared frame, PFN %#llx.\n"
		       "Then app1 writes to that page. Which frame does %s's PTE for it name now?\n",
		    "[x64] app1 und app2 luden kernel32.dll, und beide lasen deren Seite bei +%s (%s), ein geteilter Rahmen, PFN %#llx.\n"
		    "Dann schreibt app1 in diese Seite. Welchen Rahmen nennt %ss PTE dafür jetzt?\n"),
	      off, page ? ".text, PAGE_EXECUTE_READ" : ".data, PAGE_WRITECOPY", (unsigned long long)shared,
	      ask_writer ? "app1" : "app2");
	gen_choice(g, TR(g, "the shared frame", "der geteilte Rahmen"));
	gen_choice(g, TR(g, "a new private frame", "ein neuer privater Rahmen"));
	uint64_t now = pte_pfn_of(g, ask_writer ? "app1.exe" : "app2.exe", ask_writer ? va : (page ? "$b+0x1000" : "$b+0x11000"));
	gen_answer(g, g->p->choices[now == shared ? 0 : 1]);
	gen_step(g, TR(g, "!pte in %s: PFN %#llx (%s)", "!pte in %s: PFN %#llx (%s)"), ask_writer ? "app1" : "app2",
		 (unsigned long long)now, g->p->choices[now == shared ? 0 : 1]);
	return 0;
}

int gen_sharing(struct gen *g)
{
	return gen_rand(g, 3) ? share_count(g) : cow_frame(g);
}
