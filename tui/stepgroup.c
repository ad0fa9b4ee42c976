/*
 * stepgroup.c — the grouping rule of stepgroup.h (G1-G7) and the words for
 * a group.  One pass over a region's kept events finds the units and their
 * classes (kinds and a few fields, never an event's text); a second pass
 * over each group sums what happened in it.
 */
#include "stepgroup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* G2: in a command without accesses, units start at the first of these
 * kinds it has at least twice and at least half as often as the most
 * frequent of them: what happens once per page. */
static const int lead_kinds[] = {
	MM_EV_WS_REMOVE, MM_EV_PAGEFILE_WRITE, MM_EV_PAGEFILE_READ, MM_EV_FILE_WRITE, MM_EV_FILE_READ,
	MM_EV_ZERO_PAGE, MM_EV_COPY_PAGE,     MM_EV_VAD_INSERT,	   MM_EV_VAD_REMOVE, MM_EV_POOL_ALLOC,
	MM_EV_POOL_FREE, MM_EV_PTE_WRITE,     MM_EV_PFN_STATE,
};

struct unit {
	uint64_t b;
	int acc, fault; /* G3 (access units only) */
};

struct builder {
	struct stepgroup *g;
	int n, cap;
	bool oom;
};

static int kind_of(const struct mm *m, uint64_t i, struct mm_event *e)
{
	if (mm_event(m, i, e) < 0 || e->kind_id <= 0 || e->kind_id >= MM_EV_KIND_COUNT)
		return MM_EV_NONE;
	return e->kind_id;
}

static struct stepgroup *add(struct builder *bd, uint64_t b, uint64_t e, enum sg_type t)
{
	if (bd->oom)
		return NULL;
	if (bd->n == bd->cap) {
		int nc = bd->cap ? bd->cap * 2 : 8;
		struct stepgroup *ng = realloc(bd->g, (size_t)nc * sizeof *ng);
		if (!ng) {
			bd->oom = true;
			return NULL;
		}
		bd->g = ng;
		bd->cap = nc;
	}
	struct stepgroup *g = &bd->g[bd->n++];
	memset(g, 0, sizeof *g);
	g->b = b;
	g->e = e;
	g->type = t;
	g->lead = MM_EV_NONE;
	g->acc = g->fault = -1;
	return g;
}

/* G5 */
static void flush_loose(struct builder *bd, uint64_t b, uint64_t e)
{
	if (e > b && e - b > SG_LOOSE_MAX)
		add(bd, b, e, SG_LOOSE);
}

/* G2: the kind units start with, -1 when none repeats. */
static int lead_of(const uint64_t kinds[MM_EV_KIND_COUNT])
{
	if (kinds[MM_EV_ACCESS] >= 2)
		return MM_EV_ACCESS;
	uint64_t most = 0; /* page-list moves come two to a page: not counted here */
	for (size_t i = 0; i < sizeof lead_kinds / sizeof lead_kinds[0]; i++)
		if (lead_kinds[i] != MM_EV_PFN_STATE && kinds[lead_kinds[i]] > most)
			most = kinds[lead_kinds[i]];
	for (size_t i = 0; i < sizeof lead_kinds / sizeof lead_kinds[0]; i++)
		if (kinds[lead_kinds[i]] >= 2 && kinds[lead_kinds[i]] * 2 >= most)
			return lead_kinds[i];
	return -1;
}

static bool same_class(const struct unit *a, const struct unit *b)
{
	return a->acc == b->acc && a->fault == b->fault;
}

/* The units of [b, e) that start at kind lead (G2, G3); NULL with *n 0
 * when there are none or no memory (bd->oom says which). */
static struct unit *find_units(const struct mm *m, uint64_t b, uint64_t e, int lead, size_t *n, struct builder *bd)
{
	struct unit *u = NULL;
	size_t nu = 0, cap = 0;
	struct mm_event ev;
	for (uint64_t i = b; i < e; i++) {
		int k = kind_of(m, i, &ev);
		if (k == lead) {
			if (nu == cap) {
				size_t nc = cap ? cap * 2 : 64;
				struct unit *nw = realloc(u, nc * sizeof *nw);
				if (!nw) {
					free(u);
					bd->oom = true;
					*n = 0;
					return NULL;
				}
				u = nw;
				cap = nc;
			}
			u[nu++] = (struct unit){i, k == MM_EV_ACCESS ? (int)(ev.b % SG_ACCESS_KINDS) : -1, -1};
		} else if (nu && lead == MM_EV_ACCESS && k == MM_EV_FAULT) {
			u[nu - 1].fault = ev.a < SG_FAULT_KINDS ? (int)ev.a : -1;
		} else if (nu && lead == MM_EV_ACCESS && k == MM_EV_EXCEPTION) {
			u[nu - 1].fault = SG_FAULT_KINDS;
		}
	}
	*n = nu;
	return u;
}

/* Cuts the kept region [b, e) into runs and loose stretches (G2-G5),
 * adding its kinds to seen; last: the region ends the command (G4's cut of
 * the epilogue). */
static void cut_region(const struct mm *m, uint64_t b, uint64_t e, bool last, struct builder *bd,
		       uint64_t seen[MM_EV_KIND_COUNT])
{
	if (e <= b)
		return;
	uint64_t kinds[MM_EV_KIND_COUNT] = {0};
	struct mm_event ev;
	for (uint64_t i = b; i < e; i++)
		kinds[kind_of(m, i, &ev)]++;
	for (int k = 0; k < MM_EV_KIND_COUNT; k++)
		seen[k] += kinds[k];
	int lead = lead_of(kinds);
	size_t nu = 0;
	struct unit *u = lead < 0 ? NULL : find_units(m, b, e, lead, &nu, bd);
	uint64_t loose_b = b;
	for (size_t i = 0; i < nu;) {
		size_t j = i + 1;
		while (j < nu && same_class(&u[j], &u[i]))
			j++;
		if (j - i >= SG_RUN_MIN) {
			uint64_t rb = u[i].b, re = j < nu ? u[j].b : e;
			if (j == nu && last) { /* G4: the epilogue is not part of the run */
				uint64_t tail = e - u[j - 1].b, before = u[j - 1].b - u[j - 2].b;
				if (tail > 2 * before)
					re = u[j - 1].b + before;
			}
			flush_loose(bd, loose_b, rb);
			struct stepgroup *g = add(bd, rb, re, SG_RUN);
			if (g) {
				g->units = j - i;
				g->lead = lead;
				g->acc = u[i].acc;
				g->fault = u[i].fault;
			}
			loose_b = re;
		}
		i = j;
	}
	flush_loose(bd, loose_b, e);
	free(u);
}

/* What happened in a group whose events are kept. */
static void sum_group(const struct mm *m, struct stepgroup *g)
{
	struct stepgroup_sum *s = &g->sum;
	s->detail = true;
	struct mm_event ev;
	for (uint64_t i = g->b; i < g->e; i++) {
		int k = kind_of(m, i, &ev);
		s->kinds[k]++;
		switch (k) {
		case MM_EV_ACCESS: s->access[ev.b % SG_ACCESS_KINDS]++; break;
		case MM_EV_FAULT:
			if (ev.a < SG_FAULT_KINDS)
				s->faults[ev.a]++;
			break;
		case MM_EV_PFN_STATE:
			if (ev.b < MM_NSTATES && ev.c < MM_NSTATES)
				s->moves[ev.b][ev.c]++;
			break;
		case MM_EV_COMMIT_CHARGE: s->commit += (int64_t)ev.a; break;
		default: break;
		}
	}
}

int stepgroup_find(const struct mm *m, uint64_t first, uint64_t end, struct stepgroup **out)
{
	*out = NULL;
	struct mm_event ev;
	uint64_t he, tb;
	if (end <= first + 1 || mm_event(m, first, &ev) < 0 || mm_cmd_held(m, ev.cmd, &he, &tb) < 0)
		return 0;
	struct builder bd = {0};
	uint64_t seen[MM_EV_KIND_COUNT] = {0};
	seen[MM_EV_CMD] = 1;
	if (he >= end || tb + 1 >= end) {
		cut_region(m, first + 1, end, true, &bd, seen);
	} else { /* G6: kept prefix, the gap up to the first kept tail event, kept tail */
		cut_region(m, first + 1, he, false, &bd, seen);
		add(&bd, he, tb + 1, SG_GAP);
		cut_region(m, tb + 1, end, true, &bd, seen);
	}
	if (bd.oom) {
		free(bd.g);
		return -1;
	}
	for (int i = 0; i < bd.n; i++) {
		struct stepgroup *g = &bd.g[i];
		if (g->type != SG_GAP) {
			sum_group(m, g);
			continue;
		}
		uint64_t total[MM_EV_KIND_COUNT];
		mm_cmd_kinds(m, ev.cmd, total); /* kept with a command this large: no replay */
		for (int k = 0; k < MM_EV_KIND_COUNT; k++)
			g->sum.kinds[k] = total[k] > seen[k] ? total[k] - seen[k] : 0;
	}
	*out = bd.g;
	return bd.n;
}

/* ---- words ------------------------------------------------------------------ */

const char *stepgroup_num(uint64_t n, int lang, char buf[32])
{
	char d[24];
	int len = snprintf(d, sizeof d, "%llu", (unsigned long long)n), o = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = lang ? '.' : ',';
		buf[o++] = d[i];
	}
	buf[o] = '\0';
	return buf;
}

#define SG_FAULT_PAGE_TABLE 7 /* "page_table": said as "page tables made" instead */

static const char *const fault_pl[2][SG_FAULT_KINDS + 1] = {
	{"demand-zero faults", "soft faults", "hard faults", "copy-on-write faults", "guard-page faults",
	 "access violations", "prototype PTE faults", "page-table faults", "exceptions"},
	{"Demand-Zero-Seitenfehler", "weiche Seitenfehler", "harte Seitenfehler", "Copy-on-Write-Seitenfehler",
	 "Seitenfehler an Schutzseiten", "Zugriffsverletzungen", "Prototyp-PTE-Seitenfehler",
	 "Seitenfehler an Seitentabellen", "Ausnahmen"},
};
static const char *const fault_one[2][SG_FAULT_KINDS + 1] = {
	{"demand-zero fault", "soft fault", "hard fault", "copy-on-write fault", "guard-page fault", "access violation",
	 "prototype PTE fault", "page-table fault", "exception"},
	{"Demand-Zero-Seitenfehler", "weicher Seitenfehler", "harter Seitenfehler", "Copy-on-Write-Seitenfehler",
	 "Seitenfehler an einer Schutzseite", "Zugriffsverletzung", "Prototyp-PTE-Seitenfehler",
	 "Seitenfehler an einer Seitentabelle", "Ausnahme"},
};
const char *stepgroup_fault_word(uint64_t kind, int lang)
{
	return kind < SG_FAULT_KINDS ? fault_one[lang ? 1 : 0][kind] : mm_fault_name(kind);
}

static const char *const access_pl[2][SG_ACCESS_KINDS] = {
	{"reads", "writes", "executes"},
	{"Lesezugriffe", "Schreibzugriffe", "Ausführungen"},
};

/* Counts by kind in words: "%s" is the number; one and many.  Kinds
 * without words are counted in the micro-step total only. */
static const struct kind_words {
	int kind;
	const char *w[2][2]; /* [lang][many] */
} kind_w[] = {
	{MM_EV_PAGE_TABLE, {{"%s page table made", "%s page tables made"}, {"%s Seitentabelle angelegt", "%s Seitentabellen angelegt"}}},
	{MM_EV_ZERO_PAGE, {{"%s page zeroed", "%s pages zeroed"}, {"%s Seite genullt", "%s Seiten genullt"}}},
	{MM_EV_COPY_PAGE, {{"%s page copied", "%s pages copied"}, {"%s Seite kopiert", "%s Seiten kopiert"}}},
	{MM_EV_WS_REMOVE,
	 {{"%s page removed from a working set", "%s pages removed from a working set"},
	  {"%s Seite aus dem Arbeitssatz entfernt", "%s Seiten aus dem Arbeitssatz entfernt"}}},
	{MM_EV_PAGEFILE_WRITE,
	 {{"%s page written to a page file", "%s pages written to a page file"},
	  {"%s Seite in die Auslagerungsdatei geschrieben", "%s Seiten in die Auslagerungsdatei geschrieben"}}},
	{MM_EV_PAGEFILE_READ,
	 {{"%s page read from a page file", "%s pages read from a page file"},
	  {"%s Seite aus der Auslagerungsdatei gelesen", "%s Seiten aus der Auslagerungsdatei gelesen"}}},
	{MM_EV_FILE_WRITE,
	 {{"%s page written to a file", "%s pages written to files"},
	  {"%s Seite in eine Datei geschrieben", "%s Seiten in Dateien geschrieben"}}},
	{MM_EV_FILE_READ,
	 {{"%s page read from a file", "%s pages read from files"},
	  {"%s Seite aus einer Datei gelesen", "%s Seiten aus Dateien gelesen"}}},
	{MM_EV_TLB_FLUSH, {{"%s TLB flush", "%s TLB flushes"}, {"%s TLB-Leerung", "%s TLB-Leerungen"}}},
	{MM_EV_VAD_INSERT, {{"%s VAD inserted", "%s VADs inserted"}, {"%s VAD eingefügt", "%s VADs eingefügt"}}},
	{MM_EV_VAD_REMOVE, {{"%s VAD removed", "%s VADs removed"}, {"%s VAD entfernt", "%s VADs entfernt"}}},
	{MM_EV_POOL_ALLOC,
	 {{"%s pool block allocated", "%s pool blocks allocated"}, {"%s Poolblock angefordert", "%s Poolblöcke angefordert"}}},
	{MM_EV_POOL_FREE, {{"%s pool block freed", "%s pool blocks freed"}, {"%s Poolblock freigegeben", "%s Poolblöcke freigegeben"}}},
	{MM_EV_PROCESS,
	 {{"%s process created or ended", "%s processes created or ended"},
	  {"%s Prozess erstellt oder beendet", "%s Prozesse erstellt oder beendet"}}},
	{MM_EV_PTE_WRITE, {{"%s PTE written", "%s PTEs written"}, {"%s PTE geschrieben", "%s PTEs geschrieben"}}},
	{MM_EV_PFN_STATE,
	 {{"%s page list move", "%s page list moves"}, {"%s Wechsel zwischen Seitenlisten", "%s Wechsel zwischen Seitenlisten"}}},
};

static const struct kind_words *words_of(int kind)
{
	for (size_t i = 0; i < sizeof kind_w / sizeof kind_w[0]; i++)
		if (kind_w[i].kind == kind)
			return &kind_w[i];
	return NULL;
}

struct out {
	char *buf;
	size_t n, len;
	int items;
};

/* Appends template t with each "%s" replaced by the next of a, b, c (the
 * templates are tables of words: no printf format from a table). */
static void put(struct out *o, const char *t, const char *a, const char *b, const char *c)
{
	const char *args[3] = {a, b, c};
	int ai = 0;
	for (; *t && o->len + 1 < o->n; t++) {
		if (t[0] == '%' && t[1] == 's' && ai < 3) {
			for (const char *x = args[ai++]; *x && o->len + 1 < o->n; x++)
				o->buf[o->len++] = *x;
			t++;
			continue;
		}
		o->buf[o->len++] = *t;
	}
	if (o->n)
		o->buf[o->len < o->n ? o->len : o->n - 1] = '\0';
}

/* ", " before every item but the first (which follows ": "). */
static void item(struct out *o, const char *fmt, uint64_t count, int lang, const char *a, const char *b)
{
	char num[32];
	put(o, o->items++ ? ", " : ": ", "", "", "");
	put(o, fmt, stepgroup_num(count, lang, num), a, b);
}

static void headline(struct out *o, const struct stepgroup *g, int lang)
{
	char num[32];
	const struct stepgroup_sum *s = &g->sum;
	if (g->type == SG_GAP) {
		uint64_t n = 0;
		for (int k = 0; k < MM_EV_KIND_COUNT; k++)
			n += s->kinds[k];
		put(o, lang ? "%s Mikroschritte, nicht einzeln gespeichert" : "%s micro-steps not kept one by one",
		    stepgroup_num(n, lang, num), "", "");
	} else if (g->type == SG_LOOSE) {
		put(o, lang ? "%s Mikroschritte" : "%s micro-steps", stepgroup_num(g->e - g->b, lang, num), "", "");
	} else if (g->lead == MM_EV_ACCESS && g->fault >= 0) {
		put(o, "%s %s (%s)", stepgroup_num(g->units, lang, num), (g->units == 1 ? fault_one : fault_pl)[lang][g->fault],
		    access_pl[lang][g->acc < 0 ? 0 : g->acc]);
	} else if (g->lead == MM_EV_ACCESS) {
		put(o, lang ? "%s %s ohne Seitenfehler" : "%s %s without a fault", stepgroup_num(g->units, lang, num),
		    access_pl[lang][g->acc < 0 ? 0 : g->acc], "");
	} else {
		const struct kind_words *w = words_of(g->lead);
		put(o, w ? w->w[lang][g->units != 1] : "%s", stepgroup_num(g->units, lang, num), "", "");
	}
}

/* The frame moves, the largest first, at most three. */
static void moves(struct out *o, const struct stepgroup_sum *s, int lang)
{
	bool used[MM_NSTATES][MM_NSTATES] = {{false}};
	for (int shown = 0; shown < 3; shown++) {
		int bf = -1, bt = -1;
		uint32_t best = 0;
		for (int f = 0; f < MM_NSTATES; f++)
			for (int t = 0; t < MM_NSTATES; t++)
				if (!used[f][t] && s->moves[f][t] > best) {
					best = s->moves[f][t];
					bf = f;
					bt = t;
				}
		if (bf < 0)
			return;
		used[bf][bt] = true;
		item(o, lang ? "%s Seitenrahmen %s -> %s" : best == 1 ? "%s frame %s -> %s" : "%s frames %s -> %s", best, lang,
		     mm_state_word(bf, lang), mm_state_word(bt, lang));
	}
}

/* "+5.0 MB" of a commit change in pages. */
static void commit_item(struct out *o, int64_t pages, int lang)
{
	uint64_t n = mm_pages_bytes((uint64_t)(pages < 0 ? -pages : pages));
	char sz[48];
	if (n >= (1ull << 30))
		snprintf(sz, sizeof sz, "%c%.1f GB", pages < 0 ? '-' : '+', (double)n / (double)(1ull << 30));
	else if (n >= (1ull << 20))
		snprintf(sz, sizeof sz, "%c%.1f MB", pages < 0 ? '-' : '+', (double)n / (double)(1ull << 20));
	else
		snprintf(sz, sizeof sz, "%c%llu KB", pages < 0 ? '-' : '+', (unsigned long long)(n >> 10));
	if (lang && strchr(sz, '.'))
		*strchr(sz, '.') = ',';
	put(o, o->items++ ? ", " : ": ", "", "", "");
	put(o, lang ? "Zugesichert %s" : "commit %s", sz, "", "");
}

const char *stepgroup_text(const struct stepgroup *g, int lang, char *buf, size_t n)
{
	lang = lang ? 1 : 0;
	struct out o = {buf, n, 0, 0};
	if (n)
		buf[0] = '\0';
	headline(&o, g, lang);
	const struct stepgroup_sum *s = &g->sum;
	if (s->detail) {
		moves(&o, s, lang);
		for (int f = 0; f < SG_FAULT_KINDS; f++) /* faults besides the run's own; page tables are said below */
			if (s->faults[f] && !(g->type == SG_RUN && g->lead == MM_EV_ACCESS && f == g->fault) && f != SG_FAULT_PAGE_TABLE)
				item(&o, "%s %s", s->faults[f], lang, (s->faults[f] == 1 ? fault_one : fault_pl)[lang][f], "");
	} else {
		if (s->kinds[MM_EV_ACCESS])
			item(&o, lang ? "%s Zugriffe" : "%s accesses", s->kinds[MM_EV_ACCESS], lang, "", "");
		if (s->kinds[MM_EV_FAULT])
			item(&o, lang ? "%s Seitenfehler" : "%s faults", s->kinds[MM_EV_FAULT], lang, "", "");
	}
	bool listed_moves = s->detail;
	for (size_t i = 0; i < sizeof kind_w / sizeof kind_w[0] && o.items < 7; i++) {
		int k = kind_w[i].kind;
		if (!s->kinds[k] || (g->type == SG_RUN && k == g->lead))
			continue;
		if (listed_moves && (k == MM_EV_PFN_STATE || k == MM_EV_PTE_WRITE))
			continue; /* the moves say it better */
		item(&o, kind_w[i].w[lang][s->kinds[k] != 1], s->kinds[k], lang, "", "");
	}
	if (s->kinds[MM_EV_EXCEPTION] && !(g->type == SG_RUN && g->fault == SG_FAULT_KINDS))
		item(&o, "%s %s", s->kinds[MM_EV_EXCEPTION], lang,
		     (s->kinds[MM_EV_EXCEPTION] == 1 ? fault_one : fault_pl)[lang][SG_FAULT_KINDS], "");
	if (s->detail && s->commit)
		commit_item(&o, s->commit, lang);
	return buf;
}
