/*
 * evtext.c — each event kind as a sentence (English, German) and as a JSON
 * object. The words are the course's: "demand-zero fault", "transition
 * PTE", "zeroed list", "working set" (Nullseite, Übergangs-PTE,
 * Arbeitssatz ...; docs/glossary.md GLO-TERMS). Only the event's own fields are used, never the
 * machine's current state, so a description is the same whenever it is
 * shown (the TUI shows past steps).
 */
#include "evtext.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "mm/fault.h"
#include "mm/pfn.h"
#include "hw/pte.h"
#include "fmt.h"

/* Written piece by piece (fmt.h's direct writers: fmt_str, fmt_hex for
 * "%#llx", fmt_dec for "%llu"), not through a printf format read anew for
 * each of the millions of micro-steps a batch narrates (docs/quality.md
 * Q-PERF). Each text is byte for byte what it was as a printf format
 * (the batch goldens hold them, in English and German). */

static const char *const state_de[PFN_LOC_COUNT] = {
	"genullt", "frei", "Standby", "geändert", "geändert (nicht schreiben)", "defekt", "aktiv", "Übergang",
};

/* The software formats of a PTE in German, in pte_format_name's order
 * (docs/glossary.md GLO-TERMS: transition -> Übergang). */
static const char *const format_de[] = {
	"null", "Hardware", "Demand-Zero", "Auslagerungsdatei", "Übergang", "Prototyp", "Unterabschnitt",
};

const char *ev_format_word(const char *name, int lang)
{
	for (int f = 0; name && lang == LANG_DE && f < (int)(sizeof format_de / sizeof format_de[0]); f++)
		if (!strcmp(name, pte_format_name((enum pte_format)f)))
			return format_de[f];
	return name ? name : "?";
}

static const char *const fault_de[FK_COUNT] = {
	"Demand-Zero-Seitenfehler", "weicher Seitenfehler", "harter Seitenfehler", "Copy-on-Write-Seitenfehler",
	"Seitenfehler an einer Schutzseite", "Zugriffsverletzung", "Prototyp-PTE-Seitenfehler",
	"Seitenfehler an einer Seitentabelle (eine fehlende Seitentabelle wird angelegt)",
};

static const char *const fault_en[FK_COUNT] = {
	"demand-zero fault", "soft fault", "hard fault", "copy-on-write fault", "guard-page fault",
	"access violation", "prototype PTE fault", "page-table fault (a missing page table is made)",
};

const char *ev_state_word(int loc, int lang)
{
	if (loc < 0 || loc >= PFN_LOC_COUNT)
		return "?";
	return lang == LANG_DE ? state_de[loc] : pfn_loc_name((enum pfn_loc)loc);
}

static const char *level_name(const struct mm *m, uint64_t level)
{
	return level < (uint64_t)m->arch->levels ? m->arch->level_name[level] : "?";
}

static const char *acc_word(uint64_t k, int lang)
{
	static const char *const de[] = {"Lesen", "Schreiben", "Ausführen"};
	return k > 2 ? "?" : lang == LANG_DE ? de[k] : access_kind_name((enum access_kind)k);
}

#define EN_DE(en, de) (lang == LANG_DE ? (de) : (en))
/* A literal (in English and German: LIT) put with its length known when
 * this is compiled: no strlen, and a copy the compiler writes inline. */
#define LIT1(o, s) fmt_put((o), (s), sizeof(s) - 1)
#define LIT(o, en, de) (lang == LANG_DE ? LIT1((o), de) : LIT1((o), en))

/* "%s[%#llx] at %#llx = %#llx: " then what the entry says. */
static void walk_text(const struct mm *m, const struct ev *e, int lang, struct fmt_buf *o)
{
	struct pte_info pi;
	pte_decode(m->arch, e->d, &pi);
	fmt_str(o, level_name(m, e->a));
	LIT1(o, "[");
	fmt_hex(o, e->b);
	LIT(o, "] at ", "] bei ");
	fmt_hex(o, e->c);
	LIT1(o, " = ");
	fmt_hex(o, e->d);
	bool upper = e->a + 1 < (uint64_t)m->arch->levels;
	if (!pi.valid) {
		LIT(o, ": not valid (", ": ungültig (");
		fmt_str(o, ev_format_word(pte_format_name(pi.format), lang));
		LIT1(o, ")");
		return;
	}
	if (pi.large_page && upper)
		LIT(o, ": valid, large page at PFN ", ": gültig, große Seite bei PFN ");
	else if (upper)
		LIT(o, ": valid -> next table at PFN ", ": gültig -> nächste Tabelle bei PFN ");
	else
		LIT(o, ": valid -> page at PFN ", ": gültig -> Seite bei PFN ");
	fmt_hex(o, pi.pfn);
}

static void psc_flush_text(const struct ev *e, int lang, struct fmt_buf *o)
{
	LIT(o, "paging-structure caches emptied", "Paging-Structure-Caches geleert");
	switch (e->b) {
	case 0:
		LIT(o, " (INVLPG of ", " (INVLPG für ");
		fmt_hex(o, e->c);
		LIT1(o, "): ");
		break;
	case 1: LIT(o, " (CR3 load): ", " (CR3 geladen): "); break;
	case 2: LIT(o, " (whole TLB flushed): ", " (ganzer TLB geleert): "); break;
	default:
		LIT(o, ": an entry changed in the table at PFN ", ": ein Eintrag der Tabelle bei PFN ");
		fmt_hex(o, e->c);
		LIT(o, " that cached entries were read from; ", ", aus der zwischengespeicherte Einträge stammen, hat sich geändert; ");
		break;
	}
	fmt_dec(o, e->a);
	LIT(o, " entries dropped", " Einträge verworfen");
}

static const char *psc_reason_name(uint64_t why)
{
	static const char *const names[] = {"invlpg", "cr3", "all", "table_entry"};
	return why < 4 ? names[why] : "?";
}

static const char *fault_word(uint64_t k, int lang)
{
	return k < FK_COUNT ? (lang == LANG_DE ? fault_de[k] : fault_en[k]) : "?";
}

/* A literal that is not known when this is compiled, then a number. */
static void su(struct fmt_buf *o, const char *s, uint64_t v)
{
	fmt_str(o, s);
	fmt_dec(o, v);
}

/* "PFN %#llx written to page file %llu at offset %#llx" and its kin:
 * pfn, file number, offset (a page file's or a file's). */
static void file_write_text(const struct ev *e, int lang, const char *file_en, const char *file_de, struct fmt_buf *o)
{
	LIT1(o, "PFN "), fmt_hex(o, e->c);
	LIT(o, " written to ", " in ");
	su(o, EN_DE(file_en, file_de), e->a);
	LIT(o, " at offset ", " an Offset "), fmt_hex(o, e->b);
	if (lang == LANG_DE)
		LIT1(o, " geschrieben");
}

static void file_read_text(const struct ev *e, int lang, const char *file_en, const char *file_de, struct fmt_buf *o)
{
	su(o, EN_DE(file_en, file_de), e->a);
	LIT(o, " offset ", " Offset "), fmt_hex(o, e->b);
	LIT(o, " read into PFN ", " in PFN "), fmt_hex(o, e->c);
	if (lang == LANG_DE)
		LIT1(o, " gelesen");
}

static void cluster_text(const struct ev *e, int lang, struct fmt_buf *o)
{
	LIT(o, "in-page cluster from the ", "In-Page-Cluster aus der ");
	fmt_str(o, e->d == 0 ? EN_DE("page file", "Auslagerungsdatei") : e->d == 1 ? EN_DE("mapped file", "zugeordneten Datei")
			     : EN_DE("image file", "Image-Datei"));
	LIT1(o, ": "), fmt_dec(o, e->b);
	LIT(o, " pages from ", " Seiten ab "), fmt_hex(o, e->c);
	LIT(o, " are read for the fault at ", " werden für den Seitenfehler bei "), fmt_hex(o, e->a);
	LIT(o, "; the others go to the standby list", " gelesen; die übrigen kommen auf die Standby-Liste");
}

/* The kinds of the memory manager's pages and tables. */
static bool mm_text(const struct mm *m, const struct ev *e, int lang, struct fmt_buf *o)
{
	switch ((enum ev_kind)e->kind) {
	case EV_FAULT:
		LIT(o, "page fault at ", "Seitenfehler bei "), fmt_hex(o, e->b);
		LIT1(o, ": ");
		fmt_str(o, fault_word(e->a, lang));
		break;
	case EV_PTE_WRITE:
		LIT(o, "PTE at ", "PTE bei "), fmt_hex(o, e->a);
		LIT1(o, ": "), fmt_hex(o, e->b);
		LIT1(o, " -> "), fmt_hex(o, e->c);
		break;
	case EV_PFN_STATE:
		LIT1(o, "PFN "), fmt_hex(o, e->a);
		LIT1(o, ": ");
		fmt_str(o, ev_state_word((int)e->b, lang));
		LIT1(o, " -> ");
		fmt_str(o, ev_state_word((int)e->c, lang));
		break;
	case EV_WS_ADD:
	case EV_WS_REMOVE:
		LIT(o, "page ", "Seite "), fmt_hex(o, e->b);
		if (e->kind == EV_WS_ADD)
			LIT(o, " enters the working set of process ", " kommt in den Arbeitssatz von Prozess ");
		else
			LIT(o, " leaves the working set of process ", " verlässt den Arbeitssatz von Prozess ");
		fmt_dec(o, e->a);
		break;
	case EV_PAGEFILE_WRITE: file_write_text(e, lang, "page file ", "Auslagerungsdatei ", o); break;
	case EV_PAGEFILE_READ: file_read_text(e, lang, "page file ", "Auslagerungsdatei ", o); break;
	case EV_FILE_READ: file_read_text(e, lang, "file ", "Datei ", o); break;
	case EV_FILE_WRITE: file_write_text(e, lang, "file ", "Datei ", o); break;
	case EV_INPAGE_CLUSTER: cluster_text(e, lang, o); break;
	case EV_MAPPED_WRITER_TIMER:
		LIT(o, "the mapped page writer's timer ran out (MmModifiedPageLifeInSeconds, 300 s): ", "Der Timer des Schreibers für zugeordnete Seiten (mapped page writer) ist abgelaufen (MmModifiedPageLifeInSeconds, 300 s): "), fmt_dec(o, e->a);
		LIT(o, " modified file pages written", " geänderte Dateiseiten geschrieben");
		break;
	case EV_ZERO_PAGE: LIT1(o, "PFN "), fmt_hex(o, e->a); LIT(o, " filled with zeros", " mit Nullen gefüllt"); break;
	case EV_COPY_PAGE:
		LIT1(o, "PFN "), fmt_hex(o, e->a);
		LIT(o, " copied to PFN ", " nach PFN "), fmt_hex(o, e->b);
		if (lang == LANG_DE)
			LIT1(o, " kopiert");
		break;
	case EV_COMMIT_CHARGE:
		LIT(o, "commit charge ", "zugesicherter Speicher ");
		fmt_sdec(o, (int64_t)e->a, true);
		LIT(o, " pages: ", " Seiten: "), fmt_dec(o, e->b);
		LIT(o, " of ", " von "), fmt_dec(o, e->c);
		break;
	case EV_VAD_INSERT:
	case EV_VAD_REMOVE:
		LIT1(o, "VAD "), fmt_hex(o, e->a);
		LIT1(o, "-"), fmt_hex(o, e->b);
		if (e->kind == EV_VAD_INSERT)
			LIT(o, " inserted (process ", " eingefügt (Prozess ");
		else
			LIT(o, " removed (process ", " entfernt (Prozess ");
		fmt_dec(o, e->c);
		LIT1(o, ")");
		break;
	case EV_POOL_ALLOC: LIT(o, "pool block of ", "Pool-Block mit "), fmt_dec(o, e->b); LIT(o, " bytes at ", " Bytes bei "), fmt_hex(o, e->a); break;
	case EV_POOL_FREE: LIT(o, "pool block at ", "Pool-Block bei "), fmt_hex(o, e->a); LIT(o, " freed", " freigegeben"); break;
	case EV_PAGE_TABLE:
		LIT(o, "new page table (level ", "neue Seitentabelle (Ebene ");
		fmt_str(o, level_name(m, e->a));
		LIT(o, ") at PFN ", ") bei PFN "), fmt_hex(o, e->b);
		LIT(o, " for ", " für "), fmt_hex(o, e->c);
		break;
	case EV_RESOLVED:
		fmt_str(o, fault_word(e->a, lang));
		LIT(o, " resolved: ", " behoben: "), fmt_hex(o, e->b);
		LIT1(o, " -> PFN "), fmt_hex(o, e->c);
		break;
	case EV_DIRTY:
		LIT(o, "first write to ", "erster Schreibzugriff auf "), fmt_hex(o, e->a);
		LIT(o, ": Dirty bit set, PFN ", ": Dirty-Bit gesetzt, PFN "), fmt_hex(o, e->b);
		LIT(o, " now modified", " jetzt geändert");
		break;
	default: return false;
	}
	return true;
}

/* The kinds of the simulated CPU: accesses, the TLB, walks, the
 * paging-structure caches, CR3, exceptions, memory written. */
static bool cpu_text(const struct mm *m, const struct ev *e, int lang, struct fmt_buf *o)
{
	switch ((enum ev_kind)e->kind) {
	case EV_CMD: LIT(o, "command ", "Befehl "), fmt_dec(o, e->a + 1); LIT(o, " begins", " beginnt"); break;
	case EV_ACCESS:
		fmt_str(o, acc_word(e->b, lang));
		LIT(o, " of ", " von "), fmt_hex(o, e->a);
		if (e->c)
			LIT(o, " in kernel mode", " im Kernelmodus");
		else
			LIT(o, " in user mode", " im Benutzermodus");
		break;
	case EV_TLB_HIT: LIT(o, "TLB hit for VPN ", "TLB-Treffer für VPN "), fmt_hex(o, mm_page_number(e->a)); LIT1(o, " -> PFN "), fmt_hex(o, e->b); break;
	case EV_TLB_MISS:
		LIT(o, "TLB miss for VPN ", "TLB-Fehltreffer für VPN "), fmt_hex(o, mm_page_number(e->a));
		LIT(o, ": walk the page tables", ": Seitentabellen durchlaufen");
		break;
	case EV_TLB_FILL:
		LIT(o, "TLB filled: VPN ", "TLB gefüllt: VPN "), fmt_hex(o, mm_page_number(e->a));
		LIT1(o, " -> PFN "), fmt_hex(o, e->b);
		if (e->c)
			LIT1(o, " (global)");
		if (e->d)
			LIT(o, ", one entry for the whole large page", ", ein Eintrag für die ganze große Seite");
		break;
	case EV_TLB_FLUSH:
		if (e->b == 0) {
			LIT(o, "TLB entry for VPN ", "TLB-Eintrag für VPN "), fmt_hex(o, mm_page_number(e->c));
			LIT(o, " flushed", " verworfen");
			break;
		}
		LIT(o, "TLB flushed: ", "TLB geleert: "), fmt_dec(o, e->a);
		if (e->b == 1)
			LIT(o, " non-global entries dropped", " nicht-globale Einträge verworfen");
		else
			LIT(o, " entries dropped", " Einträge verworfen");
		break;
	case EV_WALK: walk_text(m, e, lang, o); break;
	case EV_EXCEPTION:
		LIT(o, "exception ", "Ausnahme ");
		fmt_str(o, fault_status_name((uint32_t)e->a));
		LIT(o, " raised at ", " bei "), fmt_hex(o, e->b);
		if (lang == LANG_DE)
			LIT1(o, " ausgelöst");
		break;
	case EV_CR3:
		LIT(o, "CR3 switch to process ", "CR3-Wechsel zu Prozess "), fmt_dec(o, e->a);
		LIT(o, ": top-level table at PFN ", ": oberste Tabelle bei PFN "), fmt_hex(o, e->b);
		break;
	case EV_RETRY:
		LIT(o, "the access to ", "der Zugriff auf "), fmt_hex(o, e->a);
		LIT(o, " is retried", " wird wiederholt");
		break;
	case EV_PROCESS:
		LIT(o, "process ", "Prozess "), fmt_dec(o, e->a);
		if (e->b)
			LIT(o, " created, CR3 = PFN ", " erzeugt, CR3 = PFN "), fmt_hex(o, e->c);
		else
			LIT(o, " exited", " beendet");
		break;
	case EV_WRITE_BYTES: /* one byte, or 2, 4, 8 bytes */
		LIT(o, "memory written: ", "Speicher beschrieben: "), fmt_hex(o, e->b);
		LIT1(o, " ("), fmt_dec(o, e->c);
		if (e->c == 1)
			LIT(o, " byte) at physical address ", " Byte) an physischer Adresse ");
		else
			LIT(o, " bytes) at physical address ", " Bytes) an physischer Adresse ");
		fmt_hex(o, e->a);
		break;
	case EV_PSC_HIT:
		LIT(o, "paging-structure cache hit: the ", "Treffer im Paging-Structure-Cache: der ");
		fmt_str(o, level_name(m, e->b));
		LIT(o, " for ", " für "), fmt_hex(o, e->a);
		LIT(o, " is cached -> table at PFN ", " ist zwischengespeichert -> Tabelle bei PFN "), fmt_hex(o, e->c);
		LIT(o, "; the walk starts at the ", "; der Durchlauf beginnt beim ");
		fmt_str(o, level_name(m, e->b + 1));
		break;
	case EV_PSC_FILL:
		LIT(o, "paging-structure cache filled: the ", "Paging-Structure-Cache gefüllt: der ");
		fmt_str(o, level_name(m, e->b));
		LIT(o, " for ", " für "), fmt_hex(o, e->a);
		LIT(o, " -> table at PFN ", " -> Tabelle bei PFN "), fmt_hex(o, e->c);
		break;
	case EV_PSC_FLUSH: psc_flush_text(e, lang, o); break;
	default: return false;
	}
	return true;
}

const char *ev_describe(const struct mm *m, const struct ev *e, int lang, char *buf, size_t n)
{
	if (n)
		ev_describe_len(m, e, lang, buf, n);
	return buf;
}

size_t ev_describe_len(const struct mm *m, const struct ev *e, int lang, char *buf, size_t n)
{
	struct fmt_buf o = {buf, n, 0};
	if (!cpu_text(m, e, lang, &o) && !mm_text(m, e, lang, &o))
		fmt_str(&o, ev_kind_name((enum ev_kind)e->kind));
	fmt_end(&o);
	return o.len < n ? o.len : n - 1;
}

cJSON *ev_to_json(const struct mm *m, const struct ev *e)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "kind", ev_kind_name((enum ev_kind)e->kind));
	switch ((enum ev_kind)e->kind) {
	case EV_ACCESS: cmd_put_hex(o, "va", e->a); cmd_put_str(o, "access", access_kind_name((enum access_kind)e->b)); cmd_put_str(o, "mode", e->c ? "kernel" : "user"); break;
	case EV_TLB_HIT: cmd_put_hex(o, "va", e->a); cmd_put_hex(o, "pfn", e->b); break;
	case EV_TLB_MISS: cmd_put_hex(o, "va", e->a); break;
	case EV_TLB_FILL: cmd_put_hex(o, "va", e->a); cmd_put_hex(o, "pfn", e->b); cmd_put_bool(o, "global", e->c); cmd_put_bool(o, "large", e->d); break;
	case EV_TLB_FLUSH: cmd_put_num(o, "entries", (double)e->a); cmd_put_str(o, "scope", e->b == 0 ? "page" : e->b == 1 ? "non_global" : "all"); if (!e->b) cmd_put_hex(o, "va", e->c); break;
	case EV_WALK: cmd_put_str(o, "level", level_name(m, e->a)); cmd_put_num(o, "index", (double)e->b); cmd_put_hex(o, "entry_address", e->c); cmd_put_hex(o, "value", e->d); break;
	case EV_FAULT: /* "kind" is the event's; the fault's own kind is "fault_kind" */
		cmd_put_str(o, "fault_kind", fault_kind_name((enum fault_kind)e->a)); cmd_put_hex(o, "va", e->b); break;
	case EV_PTE_WRITE: cmd_put_hex(o, "address", e->a); cmd_put_hex(o, "old", e->b); cmd_put_hex(o, "new", e->c); cmd_put_hex(o, "table_pfn", e->d); break;
	case EV_PFN_STATE: cmd_put_hex(o, "pfn", e->a); cmd_put_str(o, "from", pfn_loc_name((enum pfn_loc)e->b)); cmd_put_str(o, "to", pfn_loc_name((enum pfn_loc)e->c)); break;
	case EV_WS_ADD: case EV_WS_REMOVE: cmd_put_num(o, "pid", (double)e->a); cmd_put_hex(o, "va", e->b); break;
	case EV_PAGEFILE_WRITE: case EV_PAGEFILE_READ: case EV_FILE_READ: case EV_FILE_WRITE:
		cmd_put_num(o, "file", (double)e->a); cmd_put_hex(o, "offset", e->b); cmd_put_hex(o, "pfn", e->c); break;
	case EV_ZERO_PAGE: cmd_put_hex(o, "pfn", e->a); break;
	case EV_COPY_PAGE: cmd_put_hex(o, "from", e->a); cmd_put_hex(o, "to", e->b); break;
	case EV_COMMIT_CHARGE: cmd_put_num(o, "delta", (double)(int64_t)e->a); cmd_put_num(o, "total", (double)e->b); cmd_put_num(o, "limit", (double)e->c); break;
	case EV_VAD_INSERT: case EV_VAD_REMOVE: cmd_put_hex(o, "start", e->a); cmd_put_hex(o, "end", e->b); cmd_put_num(o, "pid", (double)e->c); break;
	case EV_POOL_ALLOC: case EV_POOL_FREE: cmd_put_hex(o, "va", e->a); cmd_put_num(o, "size", (double)e->b); break;
	case EV_EXCEPTION: cmd_put_str(o, "code", fault_status_name((uint32_t)e->a)); cmd_put_hex(o, "va", e->b); break;
	case EV_PAGE_TABLE: cmd_put_str(o, "level", level_name(m, e->a)); cmd_put_hex(o, "pfn", e->b); cmd_put_hex(o, "va", e->c); break;
	case EV_CR3: cmd_put_num(o, "pid", (double)e->a); cmd_put_hex(o, "pfn", e->b); break;
	case EV_RETRY: cmd_put_hex(o, "va", e->a); break;
	case EV_RESOLVED: cmd_put_str(o, "fault_kind", fault_kind_name((enum fault_kind)e->a)); cmd_put_hex(o, "va", e->b); cmd_put_hex(o, "pfn", e->c); break;
	case EV_PROCESS: cmd_put_num(o, "pid", (double)e->a); cmd_put_str(o, "action", e->b ? "create" : "exit"); cmd_put_hex(o, "cr3_pfn", e->c); break;
	case EV_WRITE_BYTES: cmd_put_hex(o, "pa", e->a); cmd_put_hex(o, "value", e->b); cmd_put_num(o, "size", (double)e->c); break;
	case EV_DIRTY: cmd_put_hex(o, "va", e->a); cmd_put_hex(o, "pfn", e->b); break;
	case EV_INPAGE_CLUSTER:
		cmd_put_hex(o, "va", e->a); cmd_put_num(o, "pages", (double)e->b); cmd_put_hex(o, "first_va", e->c);
		cmd_put_str(o, "source", e->d == 0 ? "pagefile" : e->d == 1 ? "file" : "image");
		break;
	case EV_MAPPED_WRITER_TIMER: cmd_put_num(o, "written", (double)e->a); break;
	case EV_PSC_HIT: cmd_put_hex(o, "va", e->a); cmd_put_str(o, "level", level_name(m, e->b)); cmd_put_hex(o, "table_pfn", e->c); break;
	case EV_PSC_FILL:
		cmd_put_hex(o, "va", e->a); cmd_put_str(o, "level", level_name(m, e->b)); cmd_put_hex(o, "table_pfn", e->c);
		cmd_put_bool(o, "write", e->d & TLBF_WRITE); cmd_put_bool(o, "user", e->d & TLBF_USER); cmd_put_bool(o, "nx", e->d & TLBF_NX);
		break;
	case EV_PSC_FLUSH:
		cmd_put_num(o, "entries", (double)e->a); cmd_put_str(o, "reason", psc_reason_name(e->b));
		if (e->b == 0)
			cmd_put_hex(o, "va", e->c);
		else if (e->b == 3)
			cmd_put_hex(o, "table_pfn", e->c);
		break;
	default: break;
	}
	return o;
}
