/*
 * textkey.c — the German words of the generic text printer's keys
 * (textkey.h). One row per JSON member name a command's result may carry
 * where no layout of its own prints it; sorted by name (invariant 1).
 * The words follow docs/glossary.md: Arbeitssatz, zugesicherter Speicher,
 * genullt, Zugriffsverletzung; Windows' field names (StackBase, PEB, TEB)
 * and the hardware's abbreviations (VA, PA, PFN, TLB, CR3) stay as they
 * are written in German texts too.
 */
#include "textkey.h"

#include <stdlib.h>
#include <string.h>

#include "mm/mmmsg.h"

struct textkey {
	const char *name, *de;
};

static const struct textkey textkeys[] = {
	{.name = "access", .de = "Zugriff"},
	{.name = "already_exists", .de = "bereits vorhanden"},
	{.name = "already_loaded", .de = "bereits geladen"},
	{.name = "available_pages", .de = "verfügbare Seiten"},
	{.name = "base", .de = "Basis"},
	{.name = "closed", .de = "geschlossen"},
	{.name = "commit_charge", .de = "zugesicherter Speicher"},
	{.name = "cr3", .de = "CR3"},
	{.name = "deallocation_stack", .de = "DeallocationStack"},
	{.name = "dirbase_pfn", .de = "DirectoryTableBase (PFN)"},
	{.name = "exception", .de = "Ausnahme"},
	{.name = "exceptions", .de = "Ausnahmen"},
	{.name = "faults", .de = "Seitenfehler"},
	{.name = "files", .de = "Dateien"},
	{.name = "freed", .de = "freigegeben"},
	{.name = "growable", .de = "erweiterbar"},
	{.name = "kind", .de = "Art"},
	{.name = "locked", .de = "gesperrt"},
	{.name = "locked_pages", .de = "gesperrte Seiten"},
	{.name = "main_thread", .de = "Hauptthread"},
	{.name = "maximum", .de = "Maximum"},
	{.name = "minimum", .de = "Minimum"},
	{.name = "name", .de = "Name"},
	{.name = "old_protect", .de = "alter Schutz"},
	{.name = "pa", .de = "PA"},
	{.name = "pages", .de = "Seiten"},
	{.name = "peb", .de = "PEB"},
	{.name = "pfn", .de = "PFN"},
	{.name = "pid", .de = "PID"},
	{.name = "pool", .de = "Pool"},
	{.name = "process_heap", .de = "Prozess-Heap"},
	{.name = "reason", .de = "Grund"},
	{.name = "relocated", .de = "verschoben"},
	{.name = "size", .de = "Größe"},
	{.name = "stack_base", .de = "StackBase"},
	{.name = "stack_limit", .de = "StackLimit"},
	{.name = "status", .de = "Status"},
	{.name = "tag", .de = "Tag"},
	{.name = "teb", .de = "TEB"},
	{.name = "thread", .de = "Thread"},
	{.name = "ticks", .de = "Sekunden seit dem Start"},
	{.name = "tlb", .de = "TLB"},
	{.name = "trim_pass", .de = "Kürzungsdurchgang"},
	{.name = "trimmed", .de = "gekürzt"},
	{.name = "unmapped", .de = "Zuordnung aufgehoben"},
	{.name = "va", .de = "VA"},
	{.name = "value", .de = "Wert"},
	{.name = "working_set", .de = "Arbeitssatz"},
	{.name = "working_set_before", .de = "Arbeitssatz vorher"},
	{.name = "written", .de = "geschrieben"},
	{.name = "zeroed", .de = "genullt"},
};

#define TEXTKEY_COUNT (sizeof textkeys / sizeof textkeys[0])

static int by_name(const void *k, const void *e)
{
	return strcmp(k, ((const struct textkey *)e)->name);
}

const char *textkey_label(int lang, const char *key)
{
	if (!lang || !key)
		return key;
	const struct textkey *t = bsearch(key, textkeys, TEXTKEY_COUNT, sizeof *textkeys, by_name);
	return t ? t->de : key;
}

const char *textkey_name(size_t i)
{
	return i < TEXTKEY_COUNT ? textkeys[i].name : NULL;
}

const char *textkey_german(size_t i)
{
	return i < TEXTKEY_COUNT ? textkeys[i].de : NULL;
}

const char *textkey_value(int lang, const char *key, const char *value)
{
	if (!lang || !key || !value || strcmp(key, "reason"))
		return NULL;
	const char *de = mmmsg_why(value, lang);
	return de != value ? de : NULL;
}
