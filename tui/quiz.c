/*
 * quiz.c — `mmviz --quiz [TOPIC]`: questions a student answers at a prompt,
 * each answered by the simulation itself, never by a table of right
 * answers: the quiz sets a machine up with ordinary commands, asks what the
 * next command will do, runs it, and compares. So every answer is what
 * mmviz really does, and the explanation that follows is the command's own
 * micro-steps.
 *
 * Topics (docs/cli.md CLI-QUIZ): translation (index fields and self-map addresses of a
 * virtual address, per paging mode), faults (which fault the next access
 * takes), lists (where a frame goes when a page leaves a working set, is
 * written out, is taken back). `--seed N` repeats the same questions.
 * Works on any terminal or pipe: one answer per line; "q" ends the quiz.
 */
#include "quiz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "mm.h"
#include "session.h"

struct quiz {
	uint64_t rng;
	int lang;
	FILE *in, *out;
	int asked, right;
	bool quit;
};

#define TR(q, en, de) ((q)->lang ? (de) : (en))

static uint64_t next(struct quiz *q)
{
	q->rng ^= q->rng << 13;
	q->rng ^= q->rng >> 7;
	q->rng ^= q->rng << 17;
	return q->rng;
}

static uint64_t pick(struct quiz *q, uint64_t n) { return next(q) % n; }

/* Reads one answer line; NULL at end of input or "q". */
static const char *ask(struct quiz *q, const char *prompt, char *buf, size_t n)
{
	fprintf(q->out, "\n%s\n> ", prompt);
	fflush(q->out);
	if (!fgets(buf, (int)n, q->in)) {
		q->quit = true;
		return NULL;
	}
	buf[strcspn(buf, "\r\n")] = 0;
	char *s = buf + strspn(buf, " \t");
	if (!strcasecmp(s, "q") || !strcasecmp(s, "quit")) {
		q->quit = true;
		return NULL;
	}
	return s;
}

static bool parse_num(const char *s, uint64_t *v)
{
	char tmp[64];
	size_t k = 0;
	for (; *s && k + 1 < sizeof tmp; s++)
		if (*s != '`' && *s != '_')
			tmp[k++] = *s;
	tmp[k] = 0;
	char *end;
	*v = strtoull(tmp, &end, 0);
	return k && !*end;
}

static void verdict(struct quiz *q, bool ok, const char *right)
{
	q->asked++;
	q->right += ok;
	fprintf(q->out, ok ? TR(q, "Right.\n", "Richtig.\n") : TR(q, "Not quite: %s\n", "Nicht ganz: %s\n"), right);
}

static struct session *machine(const char *arch, const char *ram)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	mm_arch_parse(arch, &cfg.arch);
	mm_parse_size(ram, &cfg.ram, 0, &err);
	cfg.pagefile[0] = mm_config_default_pagefile(&cfg);
	return session_new(&cfg, &err);
}

/* Runs a command, returns its JSON object (caller frees). */
static cJSON *run(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static cJSON *run(struct session *s, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	return session_exec_json(s, line);
}

static const char *str_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);
	if (b)
		v = cJSON_GetObjectItemCaseSensitive(v, b);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ---- translation ---- */

static void q_translation(struct quiz *q)
{
	static const char *const arches[] = {"x86", "pae", "x64"};
	const char *arch = arches[pick(q, 3)];
	struct session *s = machine(arch, "16M");
	struct mm_info info;
	mm_info(session_mm(s), &info);
	uint64_t va = mm_page_base(next(q) % 0x7FFE0000ull);
	if (!strcmp(arch, "x64"))
		va = (next(q) & 0x7FFFFFFFF000ull);
	int level = (int)pick(q, (uint64_t)info.levels);
	uint64_t want = (va >> info.shift[level]) & ((1ull << info.bits[level]) - 1);
	char prompt[256], buf[128], right[128];
	snprintf(prompt, sizeof prompt,
		 TR(q, "[%s] Which %s index does the virtual address %#llx use? (bits %d-%d)",
		    "[%s] Welchen %s-Index benutzt die virtuelle Adresse %#llx? (Bits %d-%d)"),
		 arch, info.level_name[level], (unsigned long long)va, info.shift[level] + info.bits[level] - 1,
		 info.shift[level]);
	const char *a = ask(q, prompt, buf, sizeof buf);
	if (a) {
		uint64_t v;
		snprintf(right, sizeof right, "%#llx (%llu): (va >> %d) & %#llx", (unsigned long long)want,
			 (unsigned long long)want, info.shift[level], (unsigned long long)((1ull << info.bits[level]) - 1));
		verdict(q, parse_num(a, &v) && v == want, right);
		cJSON *o = run(s, "!pte %#llx", (unsigned long long)va);
		const cJSON *lv = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, "result"), "levels"), 0);
		if (lv)
			fprintf(q->out, TR(q, "  (the walk starts at the %s at %s)\n", "  (der Weg beginnt beim %s bei %s)\n"),
				str_at(lv, "name", NULL), str_at(lv, "entry_address", NULL));
		cJSON_Delete(o);
	}
	session_free(s);
}

/* ---- faults ---- */

struct setup {
	const char *steps[6];
	const char *access;
	const char *en, *de;
};

static const struct setup fault_setups[] = {
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE"}, "read $p+0x3000",
	 "64 KB were reserved and committed in one call; nothing was touched yet.",
	 "64 KB wurden in einem Aufruf reserviert und committet; nichts wurde berührt."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRITE"}, "read $p",
	 "64 KB were reserved, not committed.", "64 KB wurden reserviert, nicht committet."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "write $p", "EmptyWorkingSet"}, "read $p",
	 "A page was written, then the working set was emptied.",
	 "Eine Seite wurde beschrieben, dann wurde die Arbeitsmenge geleert."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READONLY"}, "write $p",
	 "64 KB were committed as PAGE_READONLY.", "64 KB wurden als PAGE_READONLY committet."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_GUARD"}, "read $p",
	 "64 KB were committed as PAGE_READWRITE|PAGE_GUARD.", "64 KB wurden als PAGE_READWRITE|PAGE_GUARD committet."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "write $p"}, "read $p",
	 "A page was written a moment ago.", "Eine Seite wurde eben beschrieben."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "write $p"}, "exec $p",
	 "A PAGE_READWRITE page was written; now the CPU jumps into it (x64, NX on).",
	 "Eine PAGE_READWRITE-Seite wurde beschrieben; jetzt springt die CPU hinein (x64, NX an)."},
	{{"$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "write $p", "EmptyWorkingSet", "run writer",
	  "$h = VirtualAlloc 0 8M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE", "touch $h 8M w"},
	 "read $p",
	 "A page was written, trimmed, written to the page file; then another allocation touched more memory than the machine has.",
	 "Eine Seite wurde beschrieben, entfernt, in die Auslagerungsdatei geschrieben; dann berührte eine andere Zuweisung mehr Speicher, als die Maschine hat."},
};

static const char *const fault_words[] = {"none", "demand_zero", "soft", "hard", "guard_page", "access_violation"};

static void q_faults(struct quiz *q)
{
	const struct setup *st = &fault_setups[pick(q, sizeof fault_setups / sizeof *fault_setups)];
	struct session *s = machine("x64", "8M");
	cJSON_Delete(run(s, "process create quiz.exe --bare"));
	for (int i = 0; i < 6 && st->steps[i]; i++)
		cJSON_Delete(run(s, "%s", st->steps[i]));
	char prompt[512], buf[128];
	snprintf(prompt, sizeof prompt,
		 TR(q, "%s\nWhat does `%s` take? (none, demand_zero, soft, hard, guard_page, access_violation)",
		    "%s\nWas löst `%s` aus? (none, demand_zero, soft, hard, guard_page, access_violation)"),
		 TR(q, st->en, st->de), st->access);
	const char *a = ask(q, prompt, buf, sizeof buf);
	if (a) {
		cJSON *o = run(s, "%s", st->access);
		const cJSON *faults = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, "result"), "faults");
		const char *want = "none";
		const cJSON *f;
		cJSON_ArrayForEach(f, faults) { /* the last fault that is not a page-table fault decides */
			const char *k = str_at(f, "kind", NULL);
			if (k && strcmp(k, "page_table"))
				want = k;
		}
		bool ok = false;
		for (size_t i = 0; i < sizeof fault_words / sizeof *fault_words; i++)
			if (!strcasecmp(a, fault_words[i]) && !strcmp(want, fault_words[i]))
				ok = true;
		verdict(q, ok, want);
		const char *exc = str_at(cJSON_GetObjectItemCaseSensitive(o, "result"), "exception", NULL);
		if (exc)
			fprintf(q->out, TR(q, "  and the thread gets %s\n", "  und der Thread erhält %s\n"), exc);
		cJSON_Delete(o);
	}
	session_free(s);
}

/* ---- page lists ---- */

struct list_q {
	const char *steps[5];
	const char *en, *de;
};

static const struct list_q list_qs[] = {
	{{"write $p", "EmptyWorkingSet"}, "A page was written, then trimmed from the working set. Which list holds its frame?",
	 "Eine Seite wurde beschrieben und dann aus der Arbeitsmenge entfernt. Auf welcher Liste liegt ihr Rahmen?"},
	{{"write $p", "EmptyWorkingSet", "run writer"}, "A page was written, trimmed, and the modified page writer ran. Which list holds its frame?",
	 "Eine Seite wurde beschrieben, entfernt, und der Modified Page Writer lief. Auf welcher Liste liegt ihr Rahmen?"},
	{{"write $p", "VirtualFree $p 0 MEM_RELEASE"}, "A page was written, then the allocation was released. Which list holds its frame?",
	 "Eine Seite wurde beschrieben, dann wurde die Zuweisung freigegeben. Auf welcher Liste liegt ihr Rahmen?"},
	{{"write $p", "VirtualFree $p 0 MEM_RELEASE", "run zero"}, "A page was written, released, and the zero page thread ran. Which list holds its frame?",
	 "Eine Seite wurde beschrieben, freigegeben, und der Zero Page Thread lief. Auf welcher Liste liegt ihr Rahmen?"},
	{{"write $p"}, "A page was just written. What is the state of its frame?",
	 "Eine Seite wurde eben beschrieben. In welchem Zustand ist ihr Rahmen?"},
};

static void q_lists(struct quiz *q)
{
	const struct list_q *lq = &list_qs[pick(q, sizeof list_qs / sizeof *list_qs)];
	struct session *s = machine("x64", "16M");
	cJSON_Delete(run(s, "process create quiz.exe --bare"));
	cJSON_Delete(run(s, "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE"));
	cJSON *w = run(s, "%s", lq->steps[0]);
	char pfn[32] = "";
	const char *pa = str_at(cJSON_GetObjectItemCaseSensitive(w, "result"), "pa", NULL);
	if (pa)
		snprintf(pfn, sizeof pfn, "%#llx", (unsigned long long)mm_page_number(strtoull(pa, NULL, 16)));
	cJSON_Delete(w);
	for (int i = 1; i < 5 && lq->steps[i]; i++)
		cJSON_Delete(run(s, "%s", lq->steps[i]));
	char buf[128];
	const char *a = ask(q, TR(q, lq->en, lq->de), buf, sizeof buf);
	if (a && pfn[0]) {
		cJSON *o = run(s, "!pfn %s", pfn);
		const char *want = str_at(cJSON_GetObjectItemCaseSensitive(o, "result"), "state", NULL);
		char norm[64];
		snprintf(norm, sizeof norm, "%s", a);
		for (char *c = norm; *c; c++)
			if (*c == ' ' || *c == '-')
				*c = '_';
		bool ok = want && (!strcasecmp(norm, want) || (!strncasecmp(norm, want, strlen(want)) &&
							       !strcasecmp(norm + strlen(want), "_list")));
		verdict(q, ok, want ? want : "?");
		cJSON_Delete(o);
	}
	session_free(s);
}

int quiz_run(const char *topic, uint64_t seed, int lang, FILE *in, FILE *out)
{
	static const char *const topics[] = {"translation", "faults", "lists"};
	static void (*const fns[])(struct quiz *) = {q_translation, q_faults, q_lists};
	int only = -1;
	if (topic) {
		for (int i = 0; i < 3; i++)
			if (!strcasecmp(topic, topics[i]))
				only = i;
		if (only < 0) {
			fputs("mmviz: --quiz: unknown topic '", stderr);
			mm_text_fputs(topic, 0, stderr); /* typed text, shown safely (docs/output.md OUT-SAFE) */
			fputs("'; expected translation, faults or lists\n", stderr);
			return 2;
		}
	}
	struct quiz q = {.rng = seed * 2654435761u + 0x9E3779B97F4A7C15ull, .lang = lang, .in = in, .out = out};
	fprintf(out, TR(&q, "mmviz quiz%s%s: answer each question (q to stop).\n",
			"mmviz-Quiz%s%s: beantworte jede Frage (q beendet).\n"),
		topic ? " — " : "", topic ? topic : "");
	for (int n = 0; n < 10 && !q.quit; n++)
		fns[only >= 0 ? only : (int)pick(&q, 3)](&q);
	fprintf(out, TR(&q, "\n%d of %d right.\n", "\n%d von %d richtig.\n"), q.right, q.asked);
	return 0;
}
