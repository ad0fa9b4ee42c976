/*
 * gen_access.c — the `faults` and `protection` topics (docs/cli.md CLI-QUIZ):
 * what an access takes, after a few ordinary commands. The machine is set
 * up, the access is run, and its own result (the faults it took, the
 * exception it raised, the frame transitions of its events) is the answer
 * and the solution (docs/reference.md R-FAULT-KINDS, R-PROT-CODE).
 */
#include <stdio.h>
#include <string.h>

#include "gen.h"

#define SETUP_MAX 6

struct fault_setup {
	const char *steps[SETUP_MAX];
	const char *access;
	const char *en, *de;            /* what happened before, for the question */
	const char *why_en, *why_de;    /* the rule the answer follows */
};

static const struct fault_setup fault_setups[] = {
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE"}, "read $p+@",
	 "64 KB were reserved and committed in one call; nothing was touched yet.",
	 "64 KB wurden in einem Aufruf reserviert und zugesichert; nichts wurde berührt.",
	 "A committed private page that was never touched has a demand-zero PTE: a zeroed frame is taken.",
	 "Eine zugesicherte private Seite, die nie berührt wurde, hat einen Demand-Zero-PTE: Ein genullter Rahmen wird genommen."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE"}, "read $p+@",
	 "64 KB were reserved, not committed.", "64 KB wurden reserviert, nicht zugesichert.",
	 "Reserved is not committed: nothing stands behind the page, so the fault cannot be resolved.",
	 "Reserviert ist nicht zugesichert: Hinter der Seite steht nichts, der Fehler lässt sich nicht auflösen."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "write $p+@", "EmptyWorkingSet"}, "read $p+@",
	 "A page was written, then the working set was emptied.",
	 "Eine Seite wurde beschrieben, dann wurde der Arbeitssatz geleert.",
	 "A trimmed page keeps its frame on the modified list and a transition PTE: taking it back needs no disk.",
	 "Eine entfernte Seite behält ihren Rahmen auf der Liste der geänderten Seiten und einen Transition-PTE: Sie zurückzuholen braucht keine Platte."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READONLY"}, "write $p+@",
	 "64 KB were committed as PAGE_READONLY.", "64 KB wurden als PAGE_READONLY zugesichert.",
	 "A write to a read-only page is refused however the page is backed.",
	 "Ein Schreibzugriff auf eine schreibgeschützte Seite wird abgewiesen, wie auch immer die Seite hinterlegt ist."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_GUARD"}, "read $p+@",
	 "64 KB were committed as PAGE_READWRITE|PAGE_GUARD.", "64 KB wurden als PAGE_READWRITE|PAGE_GUARD zugesichert.",
	 "The first access to a guard page raises the guard-page exception and clears the guard.",
	 "Der erste Zugriff auf eine Schutzseite löst die Ausnahme STATUS_GUARD_PAGE_VIOLATION aus und hebt den Schutz auf."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "write $p+@"}, "read $p+@",
	 "A page was written a moment ago.", "Eine Seite wurde eben beschrieben.",
	 "The PTE is valid: the access needs no fault at all.",
	 "Der PTE ist gültig: Der Zugriff braucht gar keinen Seitenfehler."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "write $p+@", "EmptyWorkingSet", "run writer",
	  "$h = VirtualAlloc 0 8M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "touch $h 8M w"},
	 "read $p+@",
	 "A page was written, trimmed, written to the page file; then another allocation touched more memory than the machine has.",
	 "Eine Seite wurde beschrieben, entfernt, in die Auslagerungsdatei geschrieben; dann berührte eine andere Zuweisung mehr Speicher, als die Maschine hat.",
	 "The frame was repurposed: the page's only copy is in the page file, so it is read back (a hard fault).",
	 "Der Rahmen wurde neu verwendet: Die einzige Kopie der Seite liegt in der Auslagerungsdatei, sie wird zurückgelesen (ein harter Seitenfehler)."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "write $p+@", "EmptyWorkingSet", "run writer"},
	 "read $p+@",
	 "A page was written, trimmed, and the modified page writer wrote it to the page file.",
	 "Eine Seite wurde beschrieben, entfernt, und der Schreiber für geänderte Seiten (modified page writer) schrieb sie in die Auslagerungsdatei.",
	 "The frame still holds the data, now on the standby list: a soft fault takes it back.",
	 "Der Rahmen hält die Daten noch, jetzt auf der Standby-Liste: Ein weicher Seitenfehler holt sie zurück."},
	{{"$d = LoadLibrary kernel32.dll", "read $d+0x11000"}, "write $d+0x11000",
	 "kernel32.dll was loaded and its .data page (PAGE_WRITECOPY) was read.",
	 "kernel32.dll wurde geladen und ihre .data-Seite (PAGE_WRITECOPY) gelesen.",
	 "A write to a copy-on-write page gets the process its own copy of the frame.",
	 "Ein Schreibzugriff auf eine Copy-on-Write-Seite gibt dem Prozess eine eigene Kopie des Rahmens."},
};

/* The template with each "@" replaced by the page offset. */
static const char *subst(char *buf, size_t n, const char *tmpl, unsigned off)
{
	size_t k = 0;
	for (; *tmpl && k + 12 < n; tmpl++) {
		if (*tmpl == '@')
			k += (size_t)snprintf(buf + k, n - k, "%#x", off);
		else
			buf[k++] = *tmpl;
	}
	buf[k] = '\0';
	return buf;
}

static const char *const fault_choices[] = {"none", "demand_zero", "soft", "hard", "copy_on_write", "access_violation",
					    "guard_page"};

/* The answer word of an access: its last fault that is not a page-table
 * fault, or the exception when no fault names it. */
static const char *outcome(const cJSON *o)
{
	const char *k = gen_fault_kind(o);
	const char *exc = gen_str(o, "result.exception");
	if (strcmp(k, "none") || !exc)
		return k;
	return !strcmp(exc, "STATUS_GUARD_PAGE_VIOLATION") ? "guard_page" : "access_violation";
}

static void result_steps(struct gen *g, const char *line, const cJSON *o)
{
	const cJSON *f;
	gen_step(g, "%s", line);
	cJSON_ArrayForEach(f, gen_at(o, "result.faults"))
		gen_step(g, TR(g, "   fault: %s%s%s", "   Seitenfehler: %s%s%s"), gen_word(g, gen_str(f, "kind")), gen_str(f, "pfn") ? " -> PFN " : "",
			 gen_str(f, "pfn") ? gen_str(f, "pfn") : "");
	const char *exc = gen_str(o, "result.exception");
	if (exc)
		gen_step(g, TR(g, "   the thread gets %s", "   der Thread erhält %s"), exc);
}

int gen_faults(struct gen *g)
{
	static const char *const arches[] = {"x64", "pae", "x86"};
	size_t si = gen_rand(g, sizeof fault_setups / sizeof *fault_setups);
	const struct fault_setup *st = &fault_setups[si];
	const char *arch = arches[gen_rand(g, 3)];
	if (strstr(st->steps[0], "LoadLibrary")) /* the built-in DLLs are 64-bit images */
		arch = "x64";
	unsigned off = (unsigned)gen_rand(g, 16) * 0x1000;
	gen_key(g, "faults:%zu:%s", si, arch);
	if (gen_boot(g, arch, "8M") < 0 || gen_do(g, "process create quiz.exe --bare") < 0)
		return -1;
	char line[200];
	for (int i = 0; i < SETUP_MAX && st->steps[i]; i++) {
		subst(line, sizeof line, st->steps[i], off);
		if (gen_do(g, "%s", line) < 0)
			return -1;
		gen_step(g, "%s", line);
	}
	subst(line, sizeof line, st->access, off);
	gen_q(g, TR(g, "[%s] %s\nWhat does `%s` take?\n", "[%s] %s\nWas löst `%s` aus?\n"), arch, TR(g, st->en, st->de), line);
	for (size_t i = 0; i < sizeof fault_choices / sizeof *fault_choices; i++)
		gen_choice(g, fault_choices[i]);
	cJSON *o = gen_run(g, "%s", line);
	if (!o)
		return -1;
	gen_answer(g, outcome(o));
	result_steps(g, line, o);
	gen_pfn_steps(g, o, UINT64_MAX);
	gen_s(g, "%s\n", TR(g, st->why_en, st->why_de));
	cJSON_Delete(o);
	return 0;
}

static const char *const protections[] = {
	"PAGE_READONLY", "PAGE_READWRITE", "PAGE_EXECUTE", "PAGE_EXECUTE_READ", "PAGE_EXECUTE_READWRITE",
	"PAGE_NOACCESS", "PAGE_READWRITE|PAGE_GUARD", "PAGE_EXECUTE_READ|PAGE_GUARD",
};
static const char *const accesses[] = {"read", "write", "exec"};

int gen_protection(struct gen *g)
{
	static const char *const arches[] = {"x64", "pae", "x86"};
	size_t pi = gen_rand(g, sizeof protections / sizeof *protections);
	const char *arch = arches[gen_rand(g, 3)], *acc = accesses[gen_rand(g, 3)];
	bool guard = strstr(protections[pi], "GUARD") != NULL, second = guard && gen_rand(g, 2);
	gen_key(g, "protection:%s:%zu:%s:%d", arch, pi, acc, second);
	if (gen_boot(g, arch, "8M") < 0 || gen_do(g, "process create quiz.exe --bare") < 0)
		return -1;
	if (gen_do(g, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT %s", protections[pi]) < 0)
		return -1;
	gen_step(g, "VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT %s", protections[pi]);
	if (second) {
		cJSON_Delete(gen_run(g, "read $p"));
		gen_step(g, TR(g, "read $p: the first access, STATUS_GUARD_PAGE_VIOLATION, and the guard is gone",
			       "read $p: der erste Zugriff, STATUS_GUARD_PAGE_VIOLATION, und der Guard ist fort"));
	}
	/* after the first read: the replay sets it up before the question */
	gen_q(g, TR(g, "[%s] 64 KB were committed as %s.%s\nWhat does `%s $p` raise?\n",
		    "[%s] 64 KB wurden als %s zugesichert.%s\nWas löst `%s $p` aus?\n"),
	      arch, protections[pi], second ? TR(g, " The page was read once already.", " Die Seite wurde schon einmal gelesen.") : "",
	      acc);
	gen_choice(g, "none");
	gen_choice(g, "STATUS_ACCESS_VIOLATION");
	gen_choice(g, "STATUS_GUARD_PAGE_VIOLATION");
	cJSON *o = gen_run(g, "%s $p", acc);
	if (!o)
		return -1;
	const char *exc = gen_str(o, "result.exception");
	gen_answer(g, exc ? exc : "none");
	char line[64];
	snprintf(line, sizeof line, "%s $p", acc);
	result_steps(g, line, o);
	struct mm_info mi;
	mm_info(session_mm(g->s), &mi);
	if (!strcmp(acc, "exec") && !mi.nx)
		gen_s(g, TR(g, "%s has no NX bit: every readable page can be executed.\n",
			    "%s hat kein NX-Bit: Jede lesbare Seite ist ausführbar.\n"), arch);
	if (!exc)
		gen_s(g, TR(g, "The access is allowed: no exception.\n", "Der Zugriff ist erlaubt: keine Ausnahme.\n"));
	cJSON_Delete(o);
	return 0;
}
