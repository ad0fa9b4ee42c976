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

/* Formatted by fmt_snprintf: snprintf's text without vfprintf's cost, for
 * a batch prints one of these per micro-step (fmt.h). */
#define snprintf fmt_snprintf

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

static void walk_text(const struct mm *m, const struct ev *e, int lang, char *buf, size_t n)
{
	struct pte_info pi;
	pte_decode(m->arch, e->d, &pi);
	const char *name = level_name(m, e->a);
	if (pi.valid && pi.large_page && e->a + 1 < (uint64_t)m->arch->levels)
		snprintf(buf, n, EN_DE("%s[%#llx] at %#llx = %#llx: valid, large page at PFN %#x",
				       "%s[%#llx] bei %#llx = %#llx: gültig, große Seite bei PFN %#x"),
			 name, (unsigned long long)e->b, (unsigned long long)e->c, (unsigned long long)e->d, pi.pfn);
	else if (pi.valid && e->a + 1 < (uint64_t)m->arch->levels)
		snprintf(buf, n, EN_DE("%s[%#llx] at %#llx = %#llx: valid -> next table at PFN %#x",
				       "%s[%#llx] bei %#llx = %#llx: gültig -> nächste Tabelle bei PFN %#x"),
			 name, (unsigned long long)e->b, (unsigned long long)e->c, (unsigned long long)e->d, pi.pfn);
	else if (pi.valid)
		snprintf(buf, n, EN_DE("%s[%#llx] at %#llx = %#llx: valid -> page at PFN %#x",
				       "%s[%#llx] bei %#llx = %#llx: gültig -> Seite bei PFN %#x"),
			 name, (unsigned long long)e->b, (unsigned long long)e->c, (unsigned long long)e->d, pi.pfn);
	else
		snprintf(buf, n, EN_DE("%s[%#llx] at %#llx = %#llx: not valid (%s)",
				       "%s[%#llx] bei %#llx = %#llx: ungültig (%s)"),
			 name, (unsigned long long)e->b, (unsigned long long)e->c, (unsigned long long)e->d,
			 ev_format_word(pte_format_name(pi.format), lang));
}

static void psc_flush_text(const struct ev *e, int lang, char *buf, size_t n)
{
	unsigned long long a = e->a, c = e->c;
	switch (e->b) {
	case 0:
		snprintf(buf, n, EN_DE("paging-structure caches emptied (INVLPG of %#llx): %llu entries dropped",
				       "Paging-Structure-Caches geleert (INVLPG für %#llx): %llu Einträge verworfen"), c, a);
		break;
	case 1:
		snprintf(buf, n, EN_DE("paging-structure caches emptied (CR3 load): %llu entries dropped",
				       "Paging-Structure-Caches geleert (CR3 geladen): %llu Einträge verworfen"), a);
		break;
	case 2:
		snprintf(buf, n, EN_DE("paging-structure caches emptied (whole TLB flushed): %llu entries dropped",
				       "Paging-Structure-Caches geleert (ganzer TLB geleert): %llu Einträge verworfen"), a);
		break;
	default:
		snprintf(buf, n, EN_DE("paging-structure caches emptied: an entry changed in the table at PFN %#llx that cached entries were read from; %llu entries dropped",
				       "Paging-Structure-Caches geleert: ein Eintrag der Tabelle bei PFN %#llx, aus der zwischengespeicherte Einträge stammen, hat sich geändert; %llu Einträge verworfen"),
			 c, a);
		break;
	}
}

static const char *psc_reason_name(uint64_t why)
{
	static const char *const names[] = {"invlpg", "cr3", "all", "table_entry"};
	return why < 4 ? names[why] : "?";
}

const char *ev_describe(const struct mm *m, const struct ev *e, int lang, char *buf, size_t n)
{
	unsigned long long a = e->a, b = e->b, c = e->c, d = e->d;
	switch ((enum ev_kind)e->kind) {
	case EV_CMD: snprintf(buf, n, EN_DE("command %llu begins", "Befehl %llu beginnt"), a + 1); break;
	case EV_ACCESS:
		snprintf(buf, n, EN_DE("%s of %#llx in %s mode", "%s von %#llx im %s"), acc_word(b, lang), a,
			 c ? EN_DE("kernel", "Kernelmodus") : EN_DE("user", "Benutzermodus"));
		break;
	case EV_TLB_HIT: snprintf(buf, n, EN_DE("TLB hit for VPN %#llx -> PFN %#llx", "TLB-Treffer für VPN %#llx -> PFN %#llx"), (unsigned long long)mm_page_number(a), b); break;
	case EV_TLB_MISS: snprintf(buf, n, EN_DE("TLB miss for VPN %#llx: walk the page tables", "TLB-Fehltreffer für VPN %#llx: Seitentabellen durchlaufen"), (unsigned long long)mm_page_number(a)); break;
	case EV_TLB_FILL:
		snprintf(buf, n, EN_DE("TLB filled: VPN %#llx -> PFN %#llx%s%s", "TLB gefüllt: VPN %#llx -> PFN %#llx%s%s"), (unsigned long long)mm_page_number(a), b,
			 c ? " (global)" : "", d ? EN_DE(", one entry for the whole large page", ", ein Eintrag für die ganze große Seite") : "");
		break;
	case EV_TLB_FLUSH:
		if (b == 0)
			snprintf(buf, n, EN_DE("TLB entry for VPN %#llx flushed", "TLB-Eintrag für VPN %#llx verworfen"), (unsigned long long)mm_page_number(c));
		else
			snprintf(buf, n, EN_DE("TLB flushed: %llu %sentries dropped", "TLB geleert: %llu %sEinträge verworfen"), a,
				 b == 1 ? EN_DE("non-global ", "nicht-globale ") : "");
		break;
	case EV_WALK: walk_text(m, e, lang, buf, n); break;
	case EV_FAULT:
		snprintf(buf, n, EN_DE("page fault at %#llx: %s", "Seitenfehler bei %#llx: %s"), b,
			 a < FK_COUNT ? (lang == LANG_DE ? fault_de[a] : fault_en[a]) : "?");
		break;
	case EV_PTE_WRITE:
		snprintf(buf, n, EN_DE("PTE at %#llx: %#llx -> %#llx", "PTE bei %#llx: %#llx -> %#llx"), a, b, c);
		break;
	case EV_PFN_STATE:
		snprintf(buf, n, EN_DE("PFN %#llx: %s -> %s", "PFN %#llx: %s -> %s"), a, ev_state_word((int)b, lang),
			 ev_state_word((int)c, lang));
		break;
	case EV_WS_ADD: snprintf(buf, n, EN_DE("page %#llx enters the working set of process %llu", "Seite %#llx kommt in den Arbeitssatz von Prozess %llu"), b, a); break;
	case EV_WS_REMOVE: snprintf(buf, n, EN_DE("page %#llx leaves the working set of process %llu", "Seite %#llx verlässt den Arbeitssatz von Prozess %llu"), b, a); break;
	case EV_PAGEFILE_WRITE: snprintf(buf, n, EN_DE("PFN %#llx written to page file %llu at offset %#llx", "PFN %#llx in Auslagerungsdatei %llu an Offset %#llx geschrieben"), c, a, b); break;
	case EV_PAGEFILE_READ: snprintf(buf, n, EN_DE("page file %llu offset %#llx read into PFN %#llx", "Auslagerungsdatei %llu Offset %#llx in PFN %#llx gelesen"), a, b, c); break;
	case EV_FILE_READ: snprintf(buf, n, EN_DE("file %llu offset %#llx read into PFN %#llx", "Datei %llu Offset %#llx in PFN %#llx gelesen"), a, b, c); break;
	case EV_INPAGE_CLUSTER:
		snprintf(buf, n, EN_DE("in-page cluster from the %s: %llu pages from %#llx are read for the fault at %#llx; the others go to the standby list",
				       "In-Page-Cluster aus der %s: %llu Seiten ab %#llx werden für den Seitenfehler bei %#llx gelesen; die übrigen kommen auf die Standby-Liste"),
			 d == 0 ? EN_DE("page file", "Auslagerungsdatei") : d == 1 ? EN_DE("mapped file", "zugeordneten Datei") : EN_DE("image file", "Image-Datei"),
			 b, c, a);
		break;
	case EV_MAPPED_WRITER_TIMER:
		snprintf(buf, n, EN_DE("the mapped page writer's timer ran out (MmModifiedPageLifeInSeconds, 300 s): %llu modified file pages written",
				       "Der Timer des Schreibers für zugeordnete Seiten (mapped page writer) ist abgelaufen (MmModifiedPageLifeInSeconds, 300 s): %llu geänderte Dateiseiten geschrieben"), a);
		break;
	case EV_FILE_WRITE: snprintf(buf, n, EN_DE("PFN %#llx written to file %llu at offset %#llx", "PFN %#llx in Datei %llu an Offset %#llx geschrieben"), c, a, b); break;
	case EV_ZERO_PAGE: snprintf(buf, n, EN_DE("PFN %#llx filled with zeros", "PFN %#llx mit Nullen gefüllt"), a); break;
	case EV_COPY_PAGE: snprintf(buf, n, EN_DE("PFN %#llx copied to PFN %#llx", "PFN %#llx nach PFN %#llx kopiert"), a, b); break;
	case EV_COMMIT_CHARGE:
		snprintf(buf, n, EN_DE("commit charge %+lld pages: %llu of %llu", "zugesicherter Speicher %+lld Seiten: %llu von %llu"),
			 (long long)a, b, c);
		break;
	case EV_VAD_INSERT: snprintf(buf, n, EN_DE("VAD %#llx-%#llx inserted (process %llu)", "VAD %#llx-%#llx eingefügt (Prozess %llu)"), a, b, c); break;
	case EV_VAD_REMOVE: snprintf(buf, n, EN_DE("VAD %#llx-%#llx removed (process %llu)", "VAD %#llx-%#llx entfernt (Prozess %llu)"), a, b, c); break;
	case EV_POOL_ALLOC: snprintf(buf, n, EN_DE("pool block of %llu bytes at %#llx", "Pool-Block mit %llu Bytes bei %#llx"), b, a); break;
	case EV_POOL_FREE: snprintf(buf, n, EN_DE("pool block at %#llx freed", "Pool-Block bei %#llx freigegeben"), a); break;
	case EV_EXCEPTION: snprintf(buf, n, EN_DE("exception %s raised at %#llx", "Ausnahme %s bei %#llx ausgelöst"), fault_status_name((uint32_t)a), b); break;
	case EV_PAGE_TABLE: snprintf(buf, n, EN_DE("new page table (level %s) at PFN %#llx for %#llx", "neue Seitentabelle (Ebene %s) bei PFN %#llx für %#llx"), level_name(m, a), b, c); break;
	case EV_CR3: snprintf(buf, n, EN_DE("CR3 switch to process %llu: top-level table at PFN %#llx", "CR3-Wechsel zu Prozess %llu: oberste Tabelle bei PFN %#llx"), a, b); break;
	case EV_RETRY: snprintf(buf, n, EN_DE("the access to %#llx is retried", "der Zugriff auf %#llx wird wiederholt"), a); break;
	case EV_RESOLVED:
		snprintf(buf, n, EN_DE("%s resolved: %#llx -> PFN %#llx", "%s behoben: %#llx -> PFN %#llx"),
			 a < FK_COUNT ? (lang == LANG_DE ? fault_de[a] : fault_en[a]) : "?", b, c);
		break;
	case EV_PROCESS:
		snprintf(buf, n, b ? EN_DE("process %llu created, CR3 = PFN %#llx", "Prozess %llu erzeugt, CR3 = PFN %#llx")
				   : EN_DE("process %llu exited", "Prozess %llu beendet"), a, c);
		break;
	case EV_WRITE_BYTES: /* one byte, or 2, 4, 8 bytes */
		snprintf(buf, n, c == 1 ? EN_DE("memory written: %#llx (%llu byte) at physical address %#llx", "Speicher beschrieben: %#llx (%llu Byte) an physischer Adresse %#llx")
					: EN_DE("memory written: %#llx (%llu bytes) at physical address %#llx", "Speicher beschrieben: %#llx (%llu Bytes) an physischer Adresse %#llx"), b, c, a);
		break;
	case EV_DIRTY: snprintf(buf, n, EN_DE("first write to %#llx: Dirty bit set, PFN %#llx now modified", "erster Schreibzugriff auf %#llx: Dirty-Bit gesetzt, PFN %#llx jetzt geändert"), a, b); break;
	case EV_PSC_HIT:
		snprintf(buf, n, EN_DE("paging-structure cache hit: the %s for %#llx is cached -> table at PFN %#llx; the walk starts at the %s",
				       "Treffer im Paging-Structure-Cache: der %s für %#llx ist zwischengespeichert -> Tabelle bei PFN %#llx; der Durchlauf beginnt beim %s"),
			 level_name(m, b), a, c, level_name(m, b + 1));
		break;
	case EV_PSC_FILL:
		snprintf(buf, n, EN_DE("paging-structure cache filled: the %s for %#llx -> table at PFN %#llx",
				       "Paging-Structure-Cache gefüllt: der %s für %#llx -> Tabelle bei PFN %#llx"),
			 level_name(m, b), a, c);
		break;
	case EV_PSC_FLUSH: psc_flush_text(e, lang, buf, n); break;
	default: snprintf(buf, n, "%s", ev_kind_name((enum ev_kind)e->kind)); break;
	}
	(void)d;
	return buf;
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
