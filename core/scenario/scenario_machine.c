/*
 * scenario_machine.c — a scenario's `machine` block: reading it, and
 * merging it into the machine a run builds (scenario.h scenario_machine).
 *
 * Design.  A machine setting can come from three places, in rising order
 * of strength: mm_config_default(), the scenario's `machine` block, and
 * the command line. struct scn_machine carries a config plus a `given`
 * mask, so "not given" and "given the default value" stay apart, and one
 * function (machine_apply) copies exactly the given fields. The block is
 * walked with the key table machine_keys, whose bit i is SCN_GIVEN bit i
 * by construction, so the walk's `seen` mask is the `given` mask.
 *
 * The block is checked twice: each value where it stands (a RAM size, a
 * power-of-two TLB), and then the whole as a machine of its own, through
 * mm_config_validate, because limits that depend on the paging mode (4 GB
 * of RAM on x86) live in config.c. Both checks use config.h's limits
 * (MM_RAM_MAX, MM_PAGEFILE_MAX, mm_config_tlb_ok), which the command line
 * uses too, so a value a scenario may not give cannot come in as an
 * option either; the message then points at the field
 * config.c names. When an override replaces a value the scenario gave, a
 * notice says so (docs/cli.md CLI-PRECEDENCE), so a teacher is never surprised by --ram.
 */
#include "scenario.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonfile.h"
#include "scenario_walk.h"

/* ---------------------------------------------------------------------
 * The merge: defaults < scenario < command line
 * ------------------------------------------------------------------- */

static void machine_apply(struct mm_config *cfg, const struct scn_machine *m)
{
	if (m->given & SCN_GIVEN_ARCH)
		cfg->arch = m->cfg.arch;
	if (m->given & SCN_GIVEN_OS)
		cfg->os = m->cfg.os;
	if (m->given & SCN_GIVEN_RAM)
		cfg->ram = m->cfg.ram;
	if (m->given & SCN_GIVEN_PAGEFILES) {
		cfg->npagefiles = m->cfg.npagefiles;
		memcpy(cfg->pagefile, m->cfg.pagefile, sizeof cfg->pagefile);
	}
	if (m->given & SCN_GIVEN_SEED)
		cfg->seed = m->cfg.seed;
	if (m->given & SCN_GIVEN_TLB)
		cfg->tlb_entries = m->cfg.tlb_entries;
	if (m->given & SCN_GIVEN_HISTORY)
		cfg->history_limit = m->cfg.history_limit;
	if (m->given & SCN_GIVEN_3GB)
		cfg->three_gb = m->cfg.three_gb;
}

static void notice_add(char *notice, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void notice_add(char *notice, size_t n, const char *fmt, ...)
{
	if (!notice || n == 0)
		return;
	size_t l = strlen(notice);
	if (l && l + 2 < n) {
		strcpy(notice + l, "; ");
		l += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(notice + l, n - l, fmt, ap);
	va_end(ap);
}

static void machine_notices(const struct scn_machine *sm, const struct scn_machine *o,
                            char *notice, size_t n)
{
	unsigned both = sm->given & o->given;
	char a[32], b[32];
	if ((both & SCN_GIVEN_ARCH) && sm->cfg.arch != o->cfg.arch)
		notice_add(notice, n, "--arch %s overrides the scenario's %s",
		           mm_arch_name(o->cfg.arch), mm_arch_name(sm->cfg.arch));
	if ((both & SCN_GIVEN_OS) && sm->cfg.os != o->cfg.os)
		notice_add(notice, n, "--os %s overrides the scenario's %s",
		           mm_os_name(o->cfg.os), mm_os_name(sm->cfg.os));
	if ((both & SCN_GIVEN_RAM) && sm->cfg.ram != o->cfg.ram)
		notice_add(notice, n, "--ram %s overrides the scenario's %s",
		           mm_size_str(o->cfg.ram, a), mm_size_str(sm->cfg.ram, b));
	if ((both & SCN_GIVEN_PAGEFILES) && (sm->cfg.npagefiles != o->cfg.npagefiles ||
	    memcmp(sm->cfg.pagefile, o->cfg.pagefile, (size_t)o->cfg.npagefiles * sizeof o->cfg.pagefile[0])))
		notice_add(notice, n, "--pagefile overrides the scenario's page files");
	if ((both & SCN_GIVEN_SEED) && sm->cfg.seed != o->cfg.seed)
		notice_add(notice, n, "--seed %llu overrides the scenario's %llu",
		           (unsigned long long)o->cfg.seed, (unsigned long long)sm->cfg.seed);
	if ((both & SCN_GIVEN_TLB) && sm->cfg.tlb_entries != o->cfg.tlb_entries)
		notice_add(notice, n, "tlb %d overrides the scenario's %d", o->cfg.tlb_entries,
		           sm->cfg.tlb_entries);
}

void scenario_machine(const struct scenario *sc, const struct scn_machine *over,
                      struct mm_config *out, char *notice, size_t n)
{
	unsigned given = 0;
	if (notice && n)
		notice[0] = '\0';
	mm_config_default(out);
	if (sc) {
		machine_apply(out, &sc->machine);
		given |= sc->machine.given;
	}
	if (over) {
		if (sc)
			machine_notices(&sc->machine, over, notice, n);
		machine_apply(out, over);
		given |= over->given;
	}
	if (!(given & SCN_GIVEN_PAGEFILES)) {
		out->npagefiles = 1;
		out->pagefile[0] = mm_config_default_pagefile(out);
	}
}

/* ---------------------------------------------------------------------
 * The block
 * ------------------------------------------------------------------- */

static const char *const machine_keys[] = {"arch", "os", "ram", "pagefiles", "seed", "tlb", "three_gb", NULL};

static int pagefile_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct mm_config *cfg = ctx;
	cfg->npagefiles = i + 1;
	return scn_walk_size(w, it, MM_PAGEFILE_MIN, MM_PAGEFILE_MAX, true,
	                     "a page-file size from 1M to 64G, such as \"32M\"", &cfg->pagefile[i]);
}

static int machine_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct scn_machine *m = ctx;
	uint64_t v;
	switch (key) {
	case 0:
		if (!cJSON_IsString(it) || mm_arch_parse(it->valuestring, &m->cfg.arch))
			return cJSON_IsString(it) ? jf_fail(w, JF_AT_VALUE, "x86, pae or x64",
			                                    "\"%s\" is not a paging mode", jf_clip(it->valuestring, cbuf))
			                          : jf_type(w, it, "x86, pae or x64");
		return 0;
	case 1:
		if (!cJSON_IsString(it) || mm_os_parse(it->valuestring, &m->cfg.os))
			return cJSON_IsString(it) ? jf_fail(w, JF_AT_VALUE, "win10 or win7",
			                                    "\"%s\" is not a Windows version", jf_clip(it->valuestring, cbuf))
			                          : jf_type(w, it, "win10 or win7");
		return 0;
	case 2:
		return scn_walk_size(w, it, MM_RAM_MIN, MM_RAM_MAX, true,
		                     "a RAM size from 1M to 64G, such as \"16M\"", &m->cfg.ram);
	case 3:
		m->cfg.npagefiles = 0;
		return jf_list(w, it, 0, MM_MAX_PAGEFILES, "a list of at most 16 page-file sizes",
		               pagefile_elem, &m->cfg);
	case 4:
		return jf_u64(w, it, "a seed: a whole number or a hex string", &m->cfg.seed);
	case 6:
		if (!cJSON_IsBool(it))
			return jf_type(w, it, "true or false (the /3GB boot option, x86 and PAE)");
		m->cfg.three_gb = cJSON_IsTrue(it);
		return 0;
	default:
		if (jf_u64(w, it, "a TLB size: a power of two from 4 to 4096", &v))
			return -1;
		if (!mm_config_tlb_ok(v))
			return jf_fail(w, JF_AT_VALUE, "a power of two from 4 to 4096",
			               "%llu is not a TLB size", (unsigned long long)v);
		m->cfg.tlb_entries = (int)v;
		return 0;
	}
}

/* The block must also make a machine on its own (defaults for the rest):
 * mode-dependent limits such as 4 GB of RAM on x86 live in config.c. */
int scenario_machine_walk(struct jf_walk *w, cJSON *it, struct scn_machine *m)
{
	unsigned seen = 0;
	if (jf_object(w, it, machine_keys, 0, machine_member, m, &seen))
		return -1;
	/* key bit i and SCN_GIVEN bit i are the same by construction */
	m->given = seen;
	struct mm_config cfg;
	struct mm_err e;
	mm_config_default(&cfg);
	machine_apply(&cfg, m);
	if (!(seen & SCN_GIVEN_PAGEFILES))
		cfg.pagefile[0] = mm_config_default_pagefile(&cfg);
	if (mm_config_validate(&cfg, &e) == 0)
		return 0;
	/* config.c names the field first ("ram: expected ..., got ..."); point at it */
	int ord = 0;
	for (cJSON *c = it->child; c; c = c->next, ord++) {
		size_t kl = strlen(c->string);
		if (strncmp(e.msg, c->string, kl < 8 ? kl : 8) == 0) {
			jf_push(w, c->string, ord);
			jf_fail(w, JF_AT_VALUE, "", "%s", e.msg);
			jf_pop(w);
			return -1;
		}
	}
	return jf_fail(w, JF_AT_VALUE, "", "%s", e.msg);
}
