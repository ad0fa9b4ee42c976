/*
 * cmd_counters.c — `counters`: Performance Monitor's Memory counters
 * (docs/commands.md CMD-COUNTERS, docs/output.md OUT-COUNTERS), computed
 * from the memory manager's MmInfoCounters (mm/counters.c,
 * docs/reference.md R-COUNTERS), so that a lesson can set Page Faults/sec
 * beside Page Reads/sec and show why the first is no count of disk reads.
 */
#include <stdio.h>

#include "cmd.h"
#include "evtext.h"
#include "mm/counters.h"
#include "session.h"

/* The names of the German Windows Performance Monitor (object "Speicher").
 * Seitenfehler/s, Seitenlesevorgänge/s, Seiten-Schreibvorgänge/s,
 * Seiteneingabe/s, Zugesicherte Bytes, Zusagegrenze and Verfügbare Bytes
 * are checked against German sources (docs/glossary.md GLO-TOOLS); the
 * others are the names mmviz could not confirm. */
static const char *const perf_de[PERF_RATE_COUNT] = {
	[PERF_PAGE_FAULTS] = "Seitenfehler/s",
	[PERF_PAGE_READS] = "Seitenlesevorgänge/s",
	[PERF_PAGES_INPUT] = "Seiteneingabe/s",
	[PERF_TRANSITION] = "Wechselfehler/s",
	[PERF_DEMAND_ZERO] = "Nullseitenfehler/s",
	[PERF_WRITE_COPIES] = "Schreibkopien/s",
	[PERF_PAGES_OUTPUT] = "Seitenausgabe/s",
	[PERF_PAGE_WRITES] = "Seiten-Schreibvorgänge/s",
};

static const char *const gauge_de[GAUGE_COUNT] = {
	[GAUGE_AVAILABLE] = "Verfügbare Bytes",
	[GAUGE_COMMITTED] = "Zugesicherte Bytes",
	[GAUGE_COMMIT_LIMIT] = "Zusagegrenze",
};

static int counters_exec(struct cmd_ctx *c)
{
	const struct mm *m = c->m;
	cJSON *o = c->result;
	cmd_put_num(o, "interval_seconds", (double)m->info_seconds);
	cmd_put_num(o, "ticks", (double)m->ticks);
	for (int k = 0; k < PERF_RATE_COUNT; k++) {
		double r;
		if (counters_rate(m, (enum counters_perf)k, &r))
			cmd_put_num(o, counters_perf_name((enum counters_perf)k), r);
		else
			cJSON_AddNullToObject(o, counters_perf_name((enum counters_perf)k));
	}
	for (int k = 0; k < GAUGE_COUNT; k++)
		cmd_put_num(o, counters_gauge_name((enum counters_gauge)k),
			    (double)counters_gauge(m, (enum counters_gauge)k));
	cJSON *t = cJSON_AddObjectToObject(o, "totals");
	for (int k = 0; k < MMINFO_COUNT; k++)
		cmd_put_num(t, counters_info_name((enum mminfo)k), (double)m->info[k]);
	return 0;
}

static double num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* printf pads by bytes: a name with umlauts (two bytes, one column) gets
 * one byte more of width per continuation byte. */
static int width(const char *s, int cols)
{
	for (; *s; s++)
		cols += ((unsigned char)*s & 0xC0) == 0x80;
	return cols;
}

static void counters_text(struct cmd_ctx *c, FILE *out)
{
	bool de = session_lang(c->s) == LANG_DE;
	const cJSON *o = c->result;
	long long secs = (long long)num(o, "interval_seconds");
	if (secs)
		fprintf(out, de ? "Speicher, je simulierte Sekunde der letzten %lld s (bis Tick %lld):\n"
				: "Memory, per simulated second over the last %lld s (to tick %lld):\n",
			secs, (long long)num(o, "ticks"));
	else
		fputs(de ? "Speicher: noch keine Raten (erst `tick` beendet eine simulierte Sekunde)\n"
			 : "Memory: no rates yet (`tick` ends a simulated second)\n", out);
	for (int k = 0; k < PERF_RATE_COUNT; k++) {
		const char *en = counters_perf_name((enum counters_perf)k);
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, en);
		const char *name = de ? perf_de[k] : en;
		if (cJSON_IsNumber(v))
			fprintf(out, "  %-*s %12.3f\n", width(name, 30), name, v->valuedouble);
		else
			fprintf(out, "  %-*s %12s\n", width(name, 30), name, "-");
	}
	for (int k = 0; k < GAUGE_COUNT; k++) {
		const char *en = counters_gauge_name((enum counters_gauge)k);
		const char *name = de ? gauge_de[k] : en;
		fprintf(out, "  %-*s %12.0f\n", width(name, 30), name, num(o, en));
	}
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "totals");
	fputs(de ? "MmInfoCounters seit dem Start:\n" : "MmInfoCounters since boot:\n", out);
	for (int k = 0; k < MMINFO_COUNT; k++) {
		const char *n = counters_info_name((enum mminfo)k);
		fprintf(out, "  %-24s %10.0f%s", n, num(t, n), k % 2 ? "\n" : "");
	}
}

static const struct cmd_entry e_counters = {
	.name = "counters",
	.usage = "",
	.help = "Performance Monitor's Memory counters: Page Faults/sec, Page Reads/sec, ... per simulated second of "
		"the last tick, and the MmInfoCounters totals",
	.help_de = "die Speicher-Leistungsindikatoren der Leistungsüberwachung: Seitenfehler/s, "
		"Seitenlesevorgänge/s, ... je simulierter Sekunde des letzten Takts, und die Summen der MmInfoCounters",
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_READONLY,
	.exec = counters_exec,
	.text = counters_text
};

const struct cmd_entry *const cmd_counters_table[] = {&e_counters, NULL};
