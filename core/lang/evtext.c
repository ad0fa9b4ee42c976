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

/* "%s[%#llx] at %#llx = %#llx: " then what the entry says. */
static void walk_text(const struct mm *m, const struct ev *e, int lang, struct fmt_buf *o)
{
	struct pte_info pi;
	pte_decode(m->arch, e->d, &pi);
	fmt_str(o, level_name(m, e->a));
	fmt_str(o, "[");
	fmt_hex(o, e->b);
	fmt_str(o, EN_DE("] at ", "] bei "));
	fmt_hex(o, e->c);
	fmt_str(o, " = ");
	fmt_hex(o, e->d);
	bool upper = e->a + 1 < (uint64_t)m->arch->levels;
	if (!pi.valid) {
		fmt_str(o, EN_DE(": not valid (", ": ungültig ("));
		fmt_str(o, ev_format_word(pte_format_name(pi.format), lang));
		fmt_str(o, ")");
		return;
	}
	if (pi.large_page && upper)
		fmt_str(o, EN_DE(": valid, large page at PFN ", ": gültig, große Seite bei PFN "));
	else if (upper)
		fmt_str(o, EN_DE(": valid -> next table at PFN ", ": gültig -> nächste Tabelle bei PFN "));
	else
		fmt_str(o, EN_DE(": valid -> page at PFN ", ": gültig -> Seite bei PFN "));
	fmt_hex(o, pi.pfn);
}

static void psc_flush_text(const struct ev *e, int lang, struct fmt_buf *o)
{
	fmt_str(o, EN_DE("paging-structure caches emptied", "Paging-Structure-Caches geleert"));
	switch (e->b) {
	case 0:
		fmt_str(o, EN_DE(" (INVLPG of ", " (INVLPG für "));
		fmt_hex(o, e->c);
		fmt_str(o, "): ");
		break;
	case 1: fmt_str(o, EN_DE(" (CR3 load): ", " (CR3 geladen): ")); break;
	case 2: fmt_str(o, EN_DE(" (whole TLB flushed): ", " (ganzer TLB geleert): ")); break;
	default:
		fmt_str(o, EN_DE(": an entry changed in the table at PFN ", ": ein Eintrag der Tabelle bei PFN "));
		fmt_hex(o, e->c);
		fmt_str(o, EN_DE(" that cached entries were read from; ", ", aus der zwischengespeicherte Einträge stammen, hat sich geändert; "));
		break;
	}
	fmt_dec(o, e->a);
	fmt_str(o, EN_DE(" entries dropped", " Einträge verworfen"));
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

/* The pieces most texts are made of: a literal, then a number, in turn. */
static void sx(struct fmt_buf *o, const char *s, uint64_t v)
{
	fmt_str(o, s);
	fmt_hex(o, v);
}

static void su(struct fmt_buf *o, const char *s, uint64_t v)
{
	fmt_str(o, s);
	fmt_dec(o, v);
}

/* "PFN %#llx written to page file %llu at offset %#llx" and its kin:
 * pfn, file number, offset (a page file's or a file's). */
static void file_write_text(const struct ev *e, int lang, const char *file_en, const char *file_de, struct fmt_buf *o)
{
	sx(o, "PFN ", e->c);
	fmt_str(o, EN_DE(" written to ", " in "));
	su(o, EN_DE(file_en, file_de), e->a);
	sx(o, EN_DE(" at offset ", " an Offset "), e->b);
	if (lang == LANG_DE)
		fmt_str(o, " geschrieben");
}

static void file_read_text(const struct ev *e, int lang, const char *file_en, const char *file_de, struct fmt_buf *o)
{
	su(o, EN_DE(file_en, file_de), e->a);
	sx(o, EN_DE(" offset ", " Offset "), e->b);
	sx(o, EN_DE(" read into PFN ", " in PFN "), e->c);
	if (lang == LANG_DE)
		fmt_str(o, " gelesen");
}

static void cluster_text(const struct ev *e, int lang, struct fmt_buf *o)
{
	fmt_str(o, EN_DE("in-page cluster from the ", "In-Page-Cluster aus der "));
	fmt_str(o, e->d == 0 ? EN_DE("page file", "Auslagerungsdatei") : e->d == 1 ? EN_DE("mapped file", "zugeordneten Datei")
			     : EN_DE("image file", "Image-Datei"));
	su(o, ": ", e->b);
	sx(o, EN_DE(" pages from ", " Seiten ab "), e->c);
	sx(o, EN_DE(" are read for the fault at ", " werden für den Seitenfehler bei "), e->a);
	fmt_str(o, EN_DE("; the others go to the standby list", " gelesen; die übrigen kommen auf die Standby-Liste"));
}

/* The kinds of the memory manager's pages and tables. */
static bool mm_text(const struct mm *m, const struct ev *e, int lang, struct fmt_buf *o)
{
	switch ((enum ev_kind)e->kind) {
	case EV_FAULT:
		sx(o, EN_DE("page fault at ", "Seitenfehler bei "), e->b);
		fmt_str(o, ": ");
		fmt_str(o, fault_word(e->a, lang));
		break;
	case EV_PTE_WRITE:
		sx(o, EN_DE("PTE at ", "PTE bei "), e->a);
		sx(o, ": ", e->b);
		sx(o, " -> ", e->c);
		break;
	case EV_PFN_STATE:
		sx(o, "PFN ", e->a);
		fmt_str(o, ": ");
		fmt_str(o, ev_state_word((int)e->b, lang));
		fmt_str(o, " -> ");
		fmt_str(o, ev_state_word((int)e->c, lang));
		break;
	case EV_WS_ADD:
	case EV_WS_REMOVE:
		sx(o, EN_DE("page ", "Seite "), e->b);
		fmt_str(o, e->kind == EV_WS_ADD ? EN_DE(" enters the working set of process ", " kommt in den Arbeitssatz von Prozess ")
						: EN_DE(" leaves the working set of process ", " verlässt den Arbeitssatz von Prozess "));
		fmt_dec(o, e->a);
		break;
	case EV_PAGEFILE_WRITE: file_write_text(e, lang, "page file ", "Auslagerungsdatei ", o); break;
	case EV_PAGEFILE_READ: file_read_text(e, lang, "page file ", "Auslagerungsdatei ", o); break;
	case EV_FILE_READ: file_read_text(e, lang, "file ", "Datei ", o); break;
	case EV_FILE_WRITE: file_write_text(e, lang, "file ", "Datei ", o); break;
	case EV_INPAGE_CLUSTER: cluster_text(e, lang, o); break;
	case EV_MAPPED_WRITER_TIMER:
		su(o, EN_DE("the mapped page writer's timer ran out (MmModifiedPageLifeInSeconds, 300 s): ",
			    "Der Timer des Schreibers für zugeordnete Seiten (mapped page writer) ist abgelaufen (MmModifiedPageLifeInSeconds, 300 s): "),
		   e->a);
		fmt_str(o, EN_DE(" modified file pages written", " geänderte Dateiseiten geschrieben"));
		break;
	case EV_ZERO_PAGE: sx(o, "PFN ", e->a); fmt_str(o, EN_DE(" filled with zeros", " mit Nullen gefüllt")); break;
	case EV_COPY_PAGE:
		sx(o, "PFN ", e->a);
		sx(o, EN_DE(" copied to PFN ", " nach PFN "), e->b);
		if (lang == LANG_DE)
			fmt_str(o, " kopiert");
		break;
	case EV_COMMIT_CHARGE:
		fmt_str(o, EN_DE("commit charge ", "zugesicherter Speicher "));
		fmt_sdec(o, (int64_t)e->a, true);
		su(o, EN_DE(" pages: ", " Seiten: "), e->b);
		su(o, EN_DE(" of ", " von "), e->c);
		break;
	case EV_VAD_INSERT:
	case EV_VAD_REMOVE:
		sx(o, "VAD ", e->a);
		sx(o, "-", e->b);
		fmt_str(o, e->kind == EV_VAD_INSERT ? EN_DE(" inserted (process ", " eingefügt (Prozess ")
						    : EN_DE(" removed (process ", " entfernt (Prozess "));
		fmt_dec(o, e->c);
		fmt_str(o, ")");
		break;
	case EV_POOL_ALLOC: su(o, EN_DE("pool block of ", "Pool-Block mit "), e->b); sx(o, EN_DE(" bytes at ", " Bytes bei "), e->a); break;
	case EV_POOL_FREE: sx(o, EN_DE("pool block at ", "Pool-Block bei "), e->a); fmt_str(o, EN_DE(" freed", " freigegeben")); break;
	case EV_PAGE_TABLE:
		fmt_str(o, EN_DE("new page table (level ", "neue Seitentabelle (Ebene "));
		fmt_str(o, level_name(m, e->a));
		sx(o, EN_DE(") at PFN ", ") bei PFN "), e->b);
		sx(o, EN_DE(" for ", " für "), e->c);
		break;
	case EV_RESOLVED:
		fmt_str(o, fault_word(e->a, lang));
		sx(o, EN_DE(" resolved: ", " behoben: "), e->b);
		sx(o, " -> PFN ", e->c);
		break;
	case EV_DIRTY:
		sx(o, EN_DE("first write to ", "erster Schreibzugriff auf "), e->a);
		sx(o, EN_DE(": Dirty bit set, PFN ", ": Dirty-Bit gesetzt, PFN "), e->b);
		fmt_str(o, EN_DE(" now modified", " jetzt geändert"));
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
	case EV_CMD: su(o, EN_DE("command ", "Befehl "), e->a + 1); fmt_str(o, EN_DE(" begins", " beginnt")); break;
	case EV_ACCESS:
		fmt_str(o, acc_word(e->b, lang));
		sx(o, EN_DE(" of ", " von "), e->a);
		fmt_str(o, e->c ? EN_DE(" in kernel mode", " im Kernelmodus") : EN_DE(" in user mode", " im Benutzermodus"));
		break;
	case EV_TLB_HIT: sx(o, EN_DE("TLB hit for VPN ", "TLB-Treffer für VPN "), mm_page_number(e->a)); sx(o, " -> PFN ", e->b); break;
	case EV_TLB_MISS:
		sx(o, EN_DE("TLB miss for VPN ", "TLB-Fehltreffer für VPN "), mm_page_number(e->a));
		fmt_str(o, EN_DE(": walk the page tables", ": Seitentabellen durchlaufen"));
		break;
	case EV_TLB_FILL:
		sx(o, EN_DE("TLB filled: VPN ", "TLB gefüllt: VPN "), mm_page_number(e->a));
		sx(o, " -> PFN ", e->b);
		fmt_str(o, e->c ? " (global)" : "");
		fmt_str(o, e->d ? EN_DE(", one entry for the whole large page", ", ein Eintrag für die ganze große Seite") : "");
		break;
	case EV_TLB_FLUSH:
		if (e->b == 0) {
			sx(o, EN_DE("TLB entry for VPN ", "TLB-Eintrag für VPN "), mm_page_number(e->c));
			fmt_str(o, EN_DE(" flushed", " verworfen"));
			break;
		}
		su(o, EN_DE("TLB flushed: ", "TLB geleert: "), e->a);
		fmt_str(o, e->b == 1 ? EN_DE(" non-global entries dropped", " nicht-globale Einträge verworfen")
				     : EN_DE(" entries dropped", " Einträge verworfen"));
		break;
	case EV_WALK: walk_text(m, e, lang, o); break;
	case EV_EXCEPTION:
		fmt_str(o, EN_DE("exception ", "Ausnahme "));
		fmt_str(o, fault_status_name((uint32_t)e->a));
		sx(o, EN_DE(" raised at ", " bei "), e->b);
		if (lang == LANG_DE)
			fmt_str(o, " ausgelöst");
		break;
	case EV_CR3:
		su(o, EN_DE("CR3 switch to process ", "CR3-Wechsel zu Prozess "), e->a);
		sx(o, EN_DE(": top-level table at PFN ", ": oberste Tabelle bei PFN "), e->b);
		break;
	case EV_RETRY:
		sx(o, EN_DE("the access to ", "der Zugriff auf "), e->a);
		fmt_str(o, EN_DE(" is retried", " wird wiederholt"));
		break;
	case EV_PROCESS:
		su(o, EN_DE("process ", "Prozess "), e->a);
		if (e->b)
			sx(o, EN_DE(" created, CR3 = PFN ", " erzeugt, CR3 = PFN "), e->c);
		else
			fmt_str(o, EN_DE(" exited", " beendet"));
		break;
	case EV_WRITE_BYTES: /* one byte, or 2, 4, 8 bytes */
		sx(o, EN_DE("memory written: ", "Speicher beschrieben: "), e->b);
		su(o, " (", e->c);
		fmt_str(o, e->c == 1 ? EN_DE(" byte) at physical address ", " Byte) an physischer Adresse ")
				     : EN_DE(" bytes) at physical address ", " Bytes) an physischer Adresse "));
		fmt_hex(o, e->a);
		break;
	case EV_PSC_HIT:
		fmt_str(o, EN_DE("paging-structure cache hit: the ", "Treffer im Paging-Structure-Cache: der "));
		fmt_str(o, level_name(m, e->b));
		sx(o, EN_DE(" for ", " für "), e->a);
		sx(o, EN_DE(" is cached -> table at PFN ", " ist zwischengespeichert -> Tabelle bei PFN "), e->c);
		fmt_str(o, EN_DE("; the walk starts at the ", "; der Durchlauf beginnt beim "));
		fmt_str(o, level_name(m, e->b + 1));
		break;
	case EV_PSC_FILL:
		fmt_str(o, EN_DE("paging-structure cache filled: the ", "Paging-Structure-Cache gefüllt: der "));
		fmt_str(o, level_name(m, e->b));
		sx(o, EN_DE(" for ", " für "), e->a);
		sx(o, EN_DE(" -> table at PFN ", " -> Tabelle bei PFN "), e->c);
		break;
	case EV_PSC_FLUSH: psc_flush_text(e, lang, o); break;
	default: return false;
	}
	return true;
}

const char *ev_describe(const struct mm *m, const struct ev *e, int lang, char *buf, size_t n)
{
	struct fmt_buf o = {buf, n, 0};
	if (!cpu_text(m, e, lang, &o) && !mm_text(m, e, lang, &o))
		fmt_str(&o, ev_kind_name((enum ev_kind)e->kind));
	return fmt_end(&o);
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
