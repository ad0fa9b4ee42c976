/*
 * gen.c — the generators' shared tools (gen.h): a machine booted like
 * any other session's, commands run through session_exec_json (so a
 * problem sees exactly what `--batch --json` prints), and the problem's
 * texts written in the set's language.
 */
#include "gen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "lang/langmsg.h"

uint64_t gen_rng(uint64_t *state)
{
	uint64_t x = *state; /* xorshift64: small, and the same on every host */
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

uint64_t gen_rand(struct gen *g, uint64_t n)
{
	uint64_t x = gen_rng(g->rng);
	return n ? x % n : 0;
}

int gen_boot(struct gen *g, const char *arch, const char *ram)
{
	struct mm_config cfg;
	mm_config_default(&cfg);
	if (mm_arch_parse(arch, &cfg.arch) < 0 || mm_parse_size(ram, &cfg.ram, -1, &g->err) < 0)
		return mm_fail_tr(&g->err, "ERROR_INVALID_PARAMETER", 0, LM_LRN_BAD_MACHINE_AT, arch, ram);
	return gen_boot_config(g, &cfg);
}

int gen_boot_config(struct gen *g, struct mm_config *cfg)
{
	cfg->pagefile[0] = mm_config_default_pagefile(cfg);
	cfg->npagefiles = 1;
	cfg->lang = g->lang;
	g->p->boot = *cfg; /* the TUI's quiz boots the same machine to replay it */
	g->s = session_new(cfg, &g->err);
	if (!g->s)
		return -1;
	session_keep_history(g->s, false);
	return 0;
}

/* The line into the problem's replay (learn.h): the set-up until the
 * question is written, the question's commands after it, unless the
 * generator named those itself (gen_play). */
static void record(struct gen *g, const char *line)
{
	struct learn_problem *p = g->p;
	bool asked = p->question[0] != '\0';
	if (asked && g->played)
		return;
	char *buf = asked ? p->asked : p->setup;
	size_t n = asked ? sizeof p->asked : sizeof p->setup, l = strlen(buf);
	if (l + strlen(line) + 2 > n) {
		p->replay_cut = true; /* too long to replay: the TUI says so */
		return;
	}
	snprintf(buf + l, n - l, "%s\n", line);
}

void gen_play(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g->p->asked, sizeof g->p->asked, fmt, ap);
	va_end(ap);
	size_t l = strlen(g->p->asked);
	if (l + 1 < sizeof g->p->asked)
		snprintf(g->p->asked + l, sizeof g->p->asked - l, "\n");
	g->played = true;
}

static cJSON *run_v(struct gen *g, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static cJSON *run_v(struct gen *g, const char *fmt, va_list ap)
{
	char line[512];
	vsnprintf(line, sizeof line, fmt, ap);
	record(g, line);
	cJSON *o = session_exec_json(g->s, line);
	if (!o)
		mm_fail_tr(&g->err, "ERROR_NOT_ENOUGH_MEMORY", 0, LM_LRN_OOM_RUNNING, line);
	return o;
}

cJSON *gen_run(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cJSON *o = run_v(g, fmt, ap);
	va_end(ap);
	return o;
}

int gen_failed(struct gen *g, const cJSON *o, const char *line)
{
	const char *msg = gen_str(o, "error.message");
	if (!msg)
		return mm_fail_tr(&g->err, "ERROR_INTERNAL_ERROR", 0, LM_LRN_SETUP_NO_RESULT, line);
	return mm_fail_tr(&g->err, "ERROR_INTERNAL_ERROR", 0, LM_LRN_SETUP, line, msg);
}

int gen_do(struct gen *g, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	record(g, line);
	cJSON *o = session_exec_json(g->s, line);
	int r = 0;
	if (!o || !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok")))
		r = gen_failed(g, o, line);
	cJSON_Delete(o);
	return r;
}

static void append_v(char *buf, size_t n, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
static void append_v(char *buf, size_t n, const char *fmt, va_list ap)
{
	size_t l = strlen(buf);
	if (l + 1 < n)
		vsnprintf(buf + l, n - l, fmt, ap);
}

void gen_q(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	append_v(g->p->question, sizeof g->p->question, fmt, ap);
	va_end(ap);
}

void gen_s(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	append_v(g->p->solution, sizeof g->p->solution, fmt, ap);
	va_end(ap);
}

void gen_step(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	gen_s(g, "%2d. ", ++g->step);
	va_start(ap, fmt);
	append_v(g->p->solution, sizeof g->p->solution, fmt, ap);
	va_end(ap);
	gen_s(g, "\n");
}

void gen_key(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g->p->key, sizeof g->p->key, fmt, ap);
	va_end(ap);
}

/* The machine's words a question shows (page states, fault kinds, an
 * access's outcome) in German, by docs/glossary.md GLO-TERMS; a name that
 * is no word (STATUS_..., ERROR_..., an address) stays as it is. */
static const struct {
	const char *name, *de;
} gen_words[] = {
	{"zeroed", "genullt"},
	{"free", "frei"},
	{"standby", "Standby"},
	{"modified", "geändert"},
	{"modified_no_write", "geändert, nicht zu schreiben"},
	{"active", "aktiv"},
	{"transition", "Übergang"},
	{"bad", "defekt"},
	{"none", "nichts"},
	{"success", "Erfolg"},
	{"fault", "Seitenfehler"},
	{"demand_zero", "Demand-Zero"},
	{"soft", "weich"},
	{"hard", "hart"},
	{"copy_on_write", "Kopieren beim Schreiben"},
	{"access_violation", "Zugriffsverletzung"},
	{"guard_page", "Schutzseite"},
};

const char *gen_word(const struct gen *g, const char *name)
{
	if (!g->lang || !name)
		return name;
	for (size_t i = 0; i < sizeof gen_words / sizeof gen_words[0]; i++)
		if (!strcmp(name, gen_words[i].name))
			return gen_words[i].de;
	return name;
}

/* A choice and an answer are shown in the question's language; in German
 * the machine's English name is taken as an answer too (a student who
 * read !pfn's "Standby" or typed "standby" is right either way). */
void gen_choice(struct gen *g, const char *c)
{
	if (g->p->nchoices < LEARN_MAX_CHOICES)
		snprintf(g->p->choices[g->p->nchoices++], LEARN_WORD, "%s", gen_word(g, c));
}

void gen_answer(struct gen *g, const char *a)
{
	const char *w = gen_word(g, a);
	if (g->p->nanswers < LEARN_MAX_ANSWERS)
		snprintf(g->p->answers[g->p->nanswers++], LEARN_WORD, "%s", w);
	if (w != a && g->p->nanswers < LEARN_MAX_ANSWERS)
		snprintf(g->p->answers[g->p->nanswers++], LEARN_WORD, "%s", a);
}

const cJSON *gen_at(const cJSON *o, const char *path)
{
	char key[64];
	while (o && *path) {
		size_t l = strcspn(path, ".");
		snprintf(key, sizeof key, "%.*s", (int)l, path);
		o = cJSON_GetObjectItemCaseSensitive(o, key);
		path += l + (path[l] == '.');
	}
	return o;
}

const char *gen_str(const cJSON *o, const char *path)
{
	const cJSON *v = gen_at(o, path);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

double gen_num(const cJSON *o, const char *path)
{
	const cJSON *v = gen_at(o, path);
	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

uint64_t gen_hex(const cJSON *o, const char *path)
{
	const char *s = gen_str(o, path);
	return s ? strtoull(s, NULL, 16) : 0;
}

const char *gen_fault_kind(const cJSON *o)
{
	const char *want = "none";
	const cJSON *f;
	cJSON_ArrayForEach(f, gen_at(o, "result.faults")) {
		const char *k = gen_str(f, "kind");
		if (k && strcmp(k, "page_table"))
			want = k;
	}
	return want;
}

void gen_pfn_steps(struct gen *g, const cJSON *o, uint64_t pfn)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, gen_at(o, "events")) {
		const char *k = gen_str(e, "kind");
		if (k && !strcmp(k, "pfn_state") && (pfn == UINT64_MAX || gen_hex(e, "pfn") == pfn))
			gen_step(g, "PFN %s: %s -> %s", gen_str(e, "pfn"), gen_word(g, gen_str(e, "from")),
				 gen_word(g, gen_str(e, "to")));
	}
}
