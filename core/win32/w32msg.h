/*
 * w32msg.h — user mode's messages, in English and German (the design and
 * its invariants: core/base/msgcat.h): why the NT heap, the Local/Global
 * heap functions, thread stacks, the PEB/TEB and the loader refuse what
 * they were asked. Codes stay as Windows gives them; the German uses
 * docs/glossary.md's terms (der Heap, der Stapel, das Image).
 */
#ifndef MM_W32MSG_H
#define MM_W32MSG_H

#include "base/msgcat.h"

/* ---- the NT heap (heap.c, heap_block.c, docs/commands.md CMD-HEAP) ---- */
#define WM_HEAP_SEGMENTS "the heap at %#llx has all its %d segments", \
	"der Heap bei %#llx hat bereits alle seine %d Segmente"
#define WM_HEAP_FIXED_FULL "the fixed heap at %#llx has no room for %llu bytes", \
	"der Heap fester Größe bei %#llx hat keinen Platz für %llu Bytes"
#define WM_HEAP_MAX "no more heaps can be made", "es lassen sich keine weiteren Heaps anlegen"
#define WM_HEAP_NOT "%#llx is not a heap of this process", "%#llx ist kein Heap dieses Prozesses"
#define WM_HEAP_BLOCK_BIG "%llu bytes is more than one heap block can hold", \
	"%llu Bytes sind mehr, als ein Heap-Block fassen kann"
#define WM_HEAP_FIXED_MAX "a fixed-size heap has no blocks above %#llx bytes (VirtualMemoryThreshold)", \
	"ein Heap fester Größe hat keine Blöcke über %#llx Bytes (VirtualMemoryThreshold)"
#define WM_HEAP_NOT_BLOCK "%#llx is not an allocated block of the heap at %#llx", \
	"%#llx ist kein belegter Block des Heaps bei %#llx"
#define WM_HEAP_DEFAULT "the default process heap cannot be destroyed", \
	"der Standard-Heap des Prozesses lässt sich nicht zerstören"
#define WM_HEAP_RECORDS "no more heap blocks can be recorded", \
	"es lassen sich keine weiteren Heap-Blöcke aufzeichnen"

/* ---- LocalAlloc / GlobalAlloc (heapmem.c) ---- */
#define WM_HEAPMEM_NONE "%s works on the process heap, and process %u has none (it was created --bare)", \
	"%s arbeitet auf dem Prozess-Heap, und Prozess %u hat keinen (er wurde mit --bare erzeugt)"
#define WM_HEAPMEM_FLAGS "%s: flags %#x has bits no %s flag has", \
	"%s: die Flags %#x haben Bits, die kein %s-Flag hat"
#define WM_HEAPMEM_MOVEABLE "%s: %s (a handle that %s turns into an address) is not simulated; use fixed memory " \
	"(%s or %s)", \
	"%s: %s (ein Handle, das %s in eine Adresse verwandelt) wird nicht simuliert; verwenden Sie festen " \
	"Speicher (%s oder %s)"

/* ---- stacks, PEB and TEB, the loader ---- */
#define WM_THREADS "at most %d threads per process are simulated", "höchstens %d Threads je Prozess werden simuliert"
#define WM_PEB_ROOM "no room for a %s", "kein Platz für einen %s"
#define WM_LOADER_NO_IMAGE "no image '%s' (built in: ntdll.dll, kernel32.dll, user32.dll, app.exe)", \
	"kein Image '%s' (eingebaut: ntdll.dll, kernel32.dll, user32.dll, app.exe)"
#define WM_LOADER_NO_MODULE "no module %s is loaded in this process", \
	"kein Modul %s ist in diesem Prozess geladen"
#define WM_LOADER_NO_MODULE_AT "no module at that address is loaded in this process", \
	"an dieser Adresse ist in diesem Prozess kein Modul geladen"

#define W32MSG_IDS(X) \
	X(HEAP_SEGMENTS) X(HEAP_FIXED_FULL) X(HEAP_MAX) X(HEAP_NOT) X(HEAP_BLOCK_BIG) X(HEAP_FIXED_MAX) \
	X(HEAP_NOT_BLOCK) X(HEAP_DEFAULT) X(HEAP_RECORDS) X(HEAPMEM_NONE) X(HEAPMEM_FLAGS) X(HEAPMEM_MOVEABLE) \
	X(THREADS) X(PEB_ROOM) X(LOADER_NO_IMAGE) X(LOADER_NO_MODULE) X(LOADER_NO_MODULE_AT)

enum w32msg_id {
#define W32MSG_ENUM_(id) W32MSG_##id,
	W32MSG_IDS(W32MSG_ENUM_)
#undef W32MSG_ENUM_
	W32MSG_COUNT
};

/* A message in language lang, as a string literal. */
#define WM(lang, ID) MSGCAT_PICK(lang, WM_##ID)

extern const struct msgcat w32msg_cat;

#endif
