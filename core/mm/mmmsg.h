/*
 * mmmsg.h — the memory manager's messages, in English and German (the
 * design and its invariants: core/base/msgcat.h): why the VirtualAlloc
 * family, sections and views, pools, large pages, working sets, images and
 * processes refuse what they were asked. The error code beside each (a
 * STATUS_... as the NT functions return it) is the caller's and is never
 * translated; the German uses docs/glossary.md's terms.
 */
#ifndef MM_MMMSG_H
#define MM_MMMSG_H

#include <stddef.h>

#include "base/msgcat.h"

/* ---- said by several files ---- */
#define MMM_SIZE_ZERO "size must not be 0", "die Größe darf nicht 0 sein"
#define MMM_WRITECOPY_PRIVATE "PAGE_WRITECOPY and PAGE_EXECUTE_WRITECOPY apply to section views, not private memory", \
	"PAGE_WRITECOPY und PAGE_EXECUTE_WRITECOPY gelten für Ansichten von Abschnitten, nicht für privaten Speicher"
#define MMM_VIEW_NOCACHE "PAGE_NOCACHE and PAGE_WRITECOMBINE are not allowed in a section view", \
	"PAGE_NOCACHE und PAGE_WRITECOMBINE sind in der Ansicht eines Abschnitts nicht erlaubt"
#define MMM_NOT_USER_ADDR "address %#llx is not a user address", "die Adresse %#llx ist keine Benutzeradresse"
#define MMM_SIZE_PAST_USER "size %#llx runs past the user address space", \
	"die Größe %#llx reicht über den Benutzeradressraum hinaus"
#define MMM_NOT_ALLOCATED "%#llx is not in an allocated region", "%#llx liegt in keinem belegten Bereich"
#define MMM_NOT_VIEW "%#llx is not in a mapped view", "%#llx liegt in keiner abgebildeten Ansicht"
#define MMM_SECTIONS_MAX "at most %d sections", "höchstens %d Abschnitte"

/* ---- the VirtualAlloc family (vm.c, docs/commands.md CMD-VM) ---- */
#define MMM_VM_TYPE_ALLOWED "allocation type: only MEM_COMMIT, MEM_RESERVE, MEM_RESET, MEM_TOP_DOWN, " \
	"MEM_LARGE_PAGES, MEM_WRITE_WATCH, MEM_PHYSICAL are allowed", \
	"Belegungsart: nur MEM_COMMIT, MEM_RESERVE, MEM_RESET, MEM_TOP_DOWN, MEM_LARGE_PAGES, MEM_WRITE_WATCH " \
	"und MEM_PHYSICAL sind erlaubt"
#define MMM_VM_TYPE_REQUIRED "allocation type: one of MEM_COMMIT, MEM_RESERVE or MEM_RESET is required", \
	"Belegungsart: eines von MEM_COMMIT, MEM_RESERVE oder MEM_RESET ist nötig"
#define MMM_VM_RESET_ALONE "MEM_RESET must be used alone", "MEM_RESET muss allein stehen"
#define MMM_VM_LARGE_COMBO "MEM_LARGE_PAGES needs MEM_COMMIT and goes with neither MEM_PHYSICAL, MEM_RESET nor " \
	"MEM_WRITE_WATCH", \
	"MEM_LARGE_PAGES braucht MEM_COMMIT und geht weder mit MEM_PHYSICAL noch mit MEM_RESET oder " \
	"MEM_WRITE_WATCH zusammen"
#define MMM_VM_WATCH_RESERVE "MEM_WRITE_WATCH needs MEM_RESERVE", "MEM_WRITE_WATCH braucht MEM_RESERVE"
#define MMM_VM_PHYSICAL_RESERVE "MEM_PHYSICAL goes with MEM_RESERVE and nothing else", \
	"MEM_PHYSICAL geht nur mit MEM_RESERVE zusammen, mit nichts sonst"
#define MMM_VM_AWE "MEM_PHYSICAL (AWE) and MEM_WRITE_WATCH are not simulated", \
	"MEM_PHYSICAL (AWE) und MEM_WRITE_WATCH werden nicht simuliert"
#define MMM_VM_RESET_UNDO "MEM_RESET_UNDO is not simulated", "MEM_RESET_UNDO wird nicht simuliert"
#define MMM_VM_KUSER "%#llx..%#llx overlaps the KUSER_SHARED_DATA page at 0x7FFE0000, in use in every process", \
	"%#llx..%#llx überschneidet sich mit der Seite KUSER_SHARED_DATA bei 0x7FFE0000, die jeder Prozess nutzt"
#define MMM_VM_NOT_RESERVED "%#llx..%#llx is not inside a reserved region (reserve it first with MEM_RESERVE)", \
	"%#llx..%#llx liegt nicht in einem reservierten Bereich (reservieren Sie ihn zuerst mit MEM_RESERVE)"
#define MMM_VM_NOT_ONE_RESERVED "%#llx..%#llx is not inside one reserved region", \
	"%#llx..%#llx liegt nicht innerhalb eines einzigen reservierten Bereichs"
#define MMM_VM_SPECIAL "%#llx..%#llx is a special region that refuses commits", \
	"%#llx..%#llx ist ein besonderer Bereich, der kein Zusichern annimmt"
#define MMM_VM_RESET_NO_PAGE "%#llx..%#llx holds no whole page: MEM_RESET rounds inwards so that no good data " \
	"is reset", \
	"%#llx..%#llx enthält keine ganze Seite: MEM_RESET rundet nach innen, damit keine gültigen Daten " \
	"verworfen werden"
#define MMM_VM_OVERLAP "%#llx..%#llx overlaps the region %#llx..%#llx already reserved", \
	"%#llx..%#llx überschneidet sich mit dem bereits reservierten Bereich %#llx..%#llx"
#define MMM_VM_NO_RANGE "no free range of %llu pages in the address space", \
	"kein freier Bereich von %llu Seiten im Adressraum"
#define MMM_VM_VIEW_IMAGE "%#llx is in a view of an image: its pages are committed by the file; only views of " \
	"page-file-backed sections can be committed", \
	"%#llx liegt in der Ansicht eines Images: ihre Seiten sind durch die Datei zugesichert; zusichern lassen " \
	"sich nur Ansichten von Abschnitten, die die Auslagerungsdatei stützt"
#define MMM_VM_VIEW_FILE "%#llx is in a view of a file: its pages are committed by the file; only views of " \
	"page-file-backed sections can be committed", \
	"%#llx liegt in der Ansicht einer Datei: ihre Seiten sind durch die Datei zugesichert; zusichern lassen " \
	"sich nur Ansichten von Abschnitten, die die Auslagerungsdatei stützt"
#define MMM_VM_RESET_VIEW "MEM_RESET is not allowed on a view of a file or an image; only on private memory and " \
	"views of page-file-backed sections", \
	"MEM_RESET ist auf der Ansicht einer Datei oder eines Images nicht erlaubt; nur auf privatem Speicher und " \
	"auf Ansichten von Abschnitten, die die Auslagerungsdatei stützt"
#define MMM_VM_ADDR_LOW "address %#llx is below the lowest user address 0x10000 (the first 64 KB are never mapped)", \
	"die Adresse %#llx liegt unter der niedrigsten Benutzeradresse 0x10000 (die ersten 64 KB werden nie " \
	"abgebildet)"
#define MMM_VM_ADDR_HIGH "address %#llx is above the highest address a region may use, %#llx", \
	"die Adresse %#llx liegt über der höchsten Adresse, die ein Bereich nutzen darf, %#llx"
#define MMM_VM_SIZE_HIGH "size %#llx runs past the highest address a region may use, %#llx", \
	"die Größe %#llx reicht über die höchste Adresse hinaus, die ein Bereich nutzen darf, %#llx"
#define MMM_VM_RELEASE_SIZE "MEM_RELEASE needs size 0: it frees the whole allocation from its base", \
	"MEM_RELEASE braucht die Größe 0: es gibt die ganze Belegung ab ihrer Basis frei"
#define MMM_VM_FREE_TYPE "free type: exactly one of MEM_DECOMMIT or MEM_RELEASE", \
	"Freigabeart: genau eines von MEM_DECOMMIT oder MEM_RELEASE"
#define MMM_VM_FREE_PAST "%#llx..%#llx runs past the end of the region at %#llx", \
	"%#llx..%#llx reicht über das Ende des Bereichs bei %#llx hinaus"
#define MMM_VM_FREE_VIEW "%#llx is a mapped view: use UnmapViewOfFile", \
	"%#llx ist eine abgebildete Ansicht: verwenden Sie UnmapViewOfFile"
#define MMM_VM_FREE_SECURED "%#llx is in a secured region that cannot be freed", \
	"%#llx liegt in einem gesicherten Bereich, der sich nicht freigeben lässt"
#define MMM_VM_FREE_BASE "with size 0 the address must be the base of the allocation, %#llx", \
	"mit der Größe 0 muss die Adresse die Basis der Belegung sein, %#llx"

/* ---- VirtualProtect, VirtualLock (vm_protect.c) ---- */
#define MMM_PROT_VIEW_BECOME "a view mapped %s cannot become %s", \
	"eine als %s abgebildete Ansicht kann nicht %s werden"
#define MMM_PROT_SEC_RESERVE "page %#llx is not committed (a SEC_RESERVE section's page: commit it with " \
	"VirtualAlloc MEM_COMMIT)", \
	"die Seite %#llx ist nicht zugesichert (eine Seite eines SEC_RESERVE-Abschnitts: sichern Sie sie mit " \
	"VirtualAlloc MEM_COMMIT zu)"
#define MMM_PROT_NOT_ONE "%#llx..%#llx is not inside one allocated region", \
	"%#llx..%#llx liegt nicht innerhalb eines einzigen belegten Bereichs"
#define MMM_PROT_SECURED "%#llx is in a secured region whose protection cannot change", \
	"%#llx liegt in einem gesicherten Bereich, dessen Schutz sich nicht ändern lässt"
#define MMM_PROT_NOT_COMMITTED "page %#llx is not committed (VirtualProtect needs committed pages)", \
	"die Seite %#llx ist nicht zugesichert (VirtualProtect braucht zugesicherte Seiten)"
#define MMM_LOCK_ABOVE "address %#llx is above the highest user address %#llx", \
	"die Adresse %#llx liegt über der höchsten Benutzeradresse %#llx"
#define MMM_LOCK_SPECIAL "%#llx is in a special or large-page region whose pages cannot be locked", \
	"%#llx liegt in einem besonderen Bereich oder einem aus großen Seiten, dessen Seiten sich nicht sperren " \
	"lassen"
#define MMM_LOCK_QUOTA "locking would leave fewer than %d unlocked pages in the working-set minimum of %llu pages", \
	"das Sperren ließe weniger als %d nicht gesperrte Seiten im Arbeitssatz-Minimum von %llu Seiten"
#define MMM_LOCK_GUARD "page %#llx is a guard page", "die Seite %#llx ist eine Schutzseite"
#define MMM_LOCK_RAISED "touching %#llx raised %s (%s)", "das Berühren von %#llx löste %s aus (%s)"
#define MMM_LOCK_LEFT "page %#llx left memory while being locked", \
	"die Seite %#llx hat den Speicher verlassen, während sie gesperrt wurde"
#define MMM_LOCK_NO_WSLE "page %#llx has no working-set entry of its own", \
	"die Seite %#llx hat keinen eigenen Eintrag im Arbeitssatz"
#define MMM_UNLOCK_NOT "page %#llx is not locked", "die Seite %#llx ist nicht gesperrt"

/* ---- sections, files and views (section.c, docs/commands.md CMD-SECTION) ---- */
#define MMM_SEC_HANDLES "the process's handle table is full (%d handles)", \
	"die Handle-Tabelle des Prozesses ist voll (%d Handles)"
#define MMM_SEC_FILE_SIZE "SIZE must be 1 byte to 4 GB", "SIZE muss 1 Byte bis 4 GB sein"
#define MMM_SEC_FILE_NAME "file names have at most 31 characters", "Dateinamen haben höchstens 31 Zeichen"
#define MMM_SEC_DISK_FILES "the simulated disk holds at most %d files", \
	"die simulierte Festplatte fasst höchstens %d Dateien"
#define MMM_SEC_PROT "a section takes PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY or an EXECUTE variant, " \
	"without modifiers", \
	"ein Abschnitt nimmt PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY oder eine EXECUTE-Variante, ohne Zusätze"
#define MMM_SEC_PROT_EXEC "PAGE_EXECUTE alone is not a section protection", \
	"PAGE_EXECUTE allein ist kein Schutz für einen Abschnitt"
#define MMM_SEC_OBJECTS "at most %d section objects", "höchstens %d Abschnittsobjekte"
#define MMM_SEC_ATTR_BOTH "SEC_COMMIT and SEC_RESERVE exclude each other", \
	"SEC_COMMIT und SEC_RESERVE schließen einander aus"
#define MMM_SEC_ATTR_ONLY "only SEC_COMMIT and SEC_RESERVE are simulated (images are made by LoadLibrary)", \
	"nur SEC_COMMIT und SEC_RESERVE werden simuliert (Images legt LoadLibrary an)"
#define MMM_SEC_NOT_FILE_HANDLE "%#llx is not a file handle of this process", \
	"%#llx ist kein Datei-Handle dieses Prozesses"
#define MMM_SEC_NEEDS_SIZE "a page-file-backed section needs a SIZE", \
	"ein Abschnitt, den die Auslagerungsdatei stützt, braucht eine SIZE"
#define MMM_SEC_TOO_BIG "at most 4 GB", "höchstens 4 GB"
#define MMM_SEC_LARGER_FILE "%llu pages is larger than the file (%llu pages); mmviz does not extend files", \
	"%llu Seiten sind mehr als die Datei (%llu Seiten); mmviz vergrößert keine Dateien"
#define MMM_SEC_DISK_FULL "the simulated disk is full", "die simulierte Festplatte ist voll"
#define MMM_SEC_NO_NAME "no section is named '%s'", "kein Abschnitt heißt '%s'"
#define MMM_SEC_NOT_HANDLE "%#llx is not an open handle of this process", \
	"%#llx ist kein offenes Handle dieses Prozesses"
#define MMM_SEC_ACCESS "ACCESS: FILE_MAP_READ, FILE_MAP_WRITE, FILE_MAP_COPY (| FILE_MAP_EXECUTE)", \
	"ACCESS: erwartet ist FILE_MAP_READ, FILE_MAP_WRITE, FILE_MAP_COPY (| FILE_MAP_EXECUTE)"
#define MMM_SEC_NOT_GRANTED "the handle was not granted %s, which a %s view needs (CreateFileMapping grants " \
	"write only to PAGE_READWRITE and PAGE_EXECUTE_READWRITE sections)", \
	"dem Handle wurde %s nicht gewährt, das eine Ansicht mit %s braucht (CreateFileMapping gewährt Schreiben " \
	"nur Abschnitten mit PAGE_READWRITE und PAGE_EXECUTE_READWRITE)"
#define MMM_SEC_VIEW_PROT "a %s view of a %s section is not allowed", \
	"eine Ansicht mit %s eines Abschnitts mit %s ist nicht erlaubt"
#define MMM_SEC_NOT_SECTION_HANDLE "%#llx is not a section handle of this process", \
	"%#llx ist kein Abschnitts-Handle dieses Prozesses"
#define MMM_SEC_OFFSET_ALIGN "OFFSET must be a multiple of 64 KB (the allocation granularity)", \
	"OFFSET muss ein Vielfaches von 64 KB sein (die Belegungsgranularität)"
#define MMM_SEC_OFFSET_END "OFFSET %#llx is past the section's end (%#llx)", \
	"OFFSET %#llx liegt hinter dem Ende des Abschnitts (%#llx)"
#define MMM_SEC_VIEW_END "the view runs past the section's end", \
	"die Ansicht reicht über das Ende des Abschnitts hinaus"
#define MMM_SEC_ADDR_ALIGN "ADDR must be a multiple of 64 KB", "ADDR muss ein Vielfaches von 64 KB sein"
#define MMM_SEC_ADDR_USER "ADDR is outside user space", "ADDR liegt außerhalb des Benutzeradressraums"
#define MMM_SEC_IN_USE "%#llx is already in use", "%#llx ist bereits belegt"
#define MMM_SEC_NO_RANGE "no free range of %llu pages", "kein freier Bereich von %llu Seiten"

/* ---- pools (pool.c, docs/commands.md CMD-KERNEL) ---- */
#define MMM_POOL_VA_PAGED "the paged pool is out of address space for %llu pages", \
	"dem ausgelagerten Pool fehlt Adressraum für %llu Seiten"
#define MMM_POOL_VA_NONPAGED "the non-paged pool is out of address space for %llu pages", \
	"dem nicht ausgelagerten Pool fehlt Adressraum für %llu Seiten"
#define MMM_POOL_NO_FRAME "no physical page for the pool", "kein freier Seitenrahmen für den Pool"
#define MMM_POOL_TOO_BIG "%llu bytes is more than physical memory", "%llu Bytes sind mehr als der physische Speicher"
#define MMM_POOL_BIG_FULL "the big-page table is full", "die Tabelle der großen Pool-Blöcke (PoolBigPageTable) ist voll"
#define MMM_POOL_OWN_FULL "the memory manager's pool records are full", \
	"die Pool-Aufzeichnungen der Speicherverwaltung sind voll"
#define MMM_POOL_NOT_POOL "%#llx is not pool memory (Windows would bug-check: BAD_POOL_CALLER, 0xC2)", \
	"%#llx ist kein Pool-Speicher (Windows hielte mit einem Bugcheck an: BAD_POOL_CALLER, 0xC2)"
#define MMM_POOL_NOT_BIG_START "%#llx is not the start of a big pool allocation (Windows would bug-check: " \
	"BAD_POOL_CALLER, 0xC2)", \
	"%#llx ist nicht der Anfang einer großen Pool-Belegung (Windows hielte mit einem Bugcheck an: " \
	"BAD_POOL_CALLER, 0xC2)"
#define MMM_POOL_NOT_BLOCK_START "%#llx is not the start of a pool block (Windows would bug-check: " \
	"BAD_POOL_CALLER, 0xC2)", \
	"%#llx ist nicht der Anfang eines Pool-Blocks (Windows hielte mit einem Bugcheck an: BAD_POOL_CALLER, 0xC2)"
#define MMM_POOL_FREED_ALREADY "%#llx was freed already (Windows would bug-check: BAD_POOL_CALLER, 0xC2)", \
	"%#llx wurde bereits freigegeben (Windows hielte mit einem Bugcheck an: BAD_POOL_CALLER, 0xC2)"
#define MMM_POOL_OWN_BLOCK "%#llx is the memory manager's own block (a section's control area or prototype PTEs): " \
	"only the memory manager frees it, when the section goes", \
	"%#llx ist ein eigener Block der Speicherverwaltung (der Steuerbereich eines Abschnitts oder seine " \
	"Prototyp-PTEs): nur die Speicherverwaltung gibt ihn frei, wenn der Abschnitt verschwindet"
#define MMM_POOL_BAD_HEADER "%#llx is in a pool page whose headers are corrupt: the header at %#llx: %s (Windows " \
	"would bug-check: BAD_POOL_HEADER, 0x19)", \
	"%#llx liegt in einer Pool-Seite mit beschädigten Köpfen: der Kopf bei %#llx: %s (Windows hielte mit " \
	"einem Bugcheck an: BAD_POOL_HEADER, 0x19)"
/* why a pool page's chain of headers breaks (pool.c chain_walk) */
#define MMM_POOL_OWN_LOST "the memory manager's own block there is no longer in the chain", \
	"der eigene Block der Speicherverwaltung dort ist nicht mehr in der Kette"
#define MMM_POOL_UNMAPPED "the page is not mapped", "die Seite ist nicht abgebildet"
#define MMM_POOL_SIZE_0 "BlockSize is 0", "BlockSize ist 0"
#define MMM_POOL_SIZE_PAST "BlockSize %#x runs %u bytes past the end of the page", \
	"BlockSize %#x reicht %u Bytes über das Ende der Seite hinaus"
#define MMM_POOL_PREV "PreviousSize %#x, but the block before has BlockSize %#x", \
	"PreviousSize %#x, aber der Block davor hat BlockSize %#x"
#define MMM_POOL_TYPE "PoolType %#x is not %s's (%u)", "PoolType %#x ist nicht der von %s (%u)"

/* ---- large pages (largepage.c) ---- */
#define MMM_LP_PRIVILEGE "MEM_LARGE_PAGES needs SeLockMemoryPrivilege (process create NAME --lock-memory grants it)", \
	"MEM_LARGE_PAGES braucht SeLockMemoryPrivilege (process create NAME --lock-memory gewährt es)"
#define MMM_LP_ONE_CALL "large pages are reserved and committed in one call: MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES", \
	"große Seiten werden in einem Aufruf reserviert und zugesichert: MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES"
#define MMM_LP_SIZE "size %#llx is not a multiple of the large page, %#llx (GetLargePageMinimum)", \
	"die Größe %#llx ist kein Vielfaches der großen Seite, %#llx (GetLargePageMinimum)"
#define MMM_LP_NO_RANGE "no free range of %llu pages aligned to %#llx in the address space", \
	"kein freier Bereich von %llu Seiten, ausgerichtet auf %#llx, im Adressraum"
#define MMM_LP_NOT_FREE "%#llx..%#llx is not free", "%#llx..%#llx ist nicht frei"
#define MMM_LP_NO_RUN "no physically contiguous run of %llu free frames aligned to a large page is left " \
	"(physical memory is in use or fragmented)", \
	"es gibt keine physisch zusammenhängende Folge von %llu freien Seitenrahmen mehr, die auf eine große " \
	"Seite ausgerichtet ist (der physische Speicher ist belegt oder zersplittert)"
#define MMM_LP_PROTECT "the protection of a large-page region cannot change (it stays %s)", \
	"der Schutz eines Bereichs aus großen Seiten kann sich nicht ändern (er bleibt %s)"

/* ---- images (image.c) ---- */
#define MMM_IMG_MAX "at most %d images", "höchstens %d Images"
#define MMM_IMG_NAME "an image needs a name of 1-31 characters", "ein Image braucht einen Namen von 1-31 Zeichen"
#define MMM_IMG_BASE "image %s: base %#llx must be 64 KB aligned in user space", \
	"Image %s: die Basis %#llx muss im Benutzeradressraum auf 64 KB ausgerichtet sein"
#define MMM_IMG_SECTIONS "image %s: 1 to %d sections", "Image %s: 1 bis %d Abschnitte"
#define MMM_IMG_SEC_PROT "image %s, section %s: a plain protection", \
	"Image %s, Abschnitt %s: erwartet ist ein einfacher Schutz"
#define MMM_IMG_SEC_SIZE "image %s, section %s: size 1 byte to 64 MB", \
	"Image %s, Abschnitt %s: Größe 1 Byte bis 64 MB"
#define MMM_IMG_NO_FRAME "no physical page for a relocated page", \
	"kein freier Seitenrahmen für eine relozierte Seite"
#define MMM_IMG_BASE_ALIGN "base must be 64 KB aligned", "die Basis muss auf 64 KB ausgerichtet sein"
#define MMM_IMG_NO_RANGE "no free range for %s", "kein freier Bereich für %s"

/* ---- working sets (wsmgr.c, docs/commands.md CMD-TIME) ---- */
#define MMM_WS_MIN_MAX "the minimum (%llu pages) is larger than the maximum (%llu pages)", \
	"das Minimum (%llu Seiten) ist größer als das Maximum (%llu Seiten)"
#define MMM_WS_MAX_LOCKED "the maximum (%llu pages) must exceed the locked entries (%llu) by more than %d pages", \
	"das Maximum (%llu Seiten) muss die gesperrten Einträge (%llu) um mehr als %d Seiten übersteigen"
#define MMM_WS_RAISE_MIN "raising the minimum by %llu pages would leave fewer than %d available pages", \
	"das Minimum um %llu Seiten anzuheben ließe weniger als %d verfügbare Seiten übrig"
#define MMM_WS_ZERO "MIN and MAX must not be 0 (-1 -1 empties the working set)", \
	"MIN und MAX dürfen nicht 0 sein (-1 -1 leert den Arbeitssatz)"
#define MMM_WS_SHRINK "the working set cannot shrink to %llu pages: %llu of its pages cannot leave it", \
	"der Arbeitssatz kann nicht auf %llu Seiten schrumpfen: %llu seiner Seiten können ihn nicht verlassen"

/* ---- processes, page tables, VADs, commit, user-mode writes ---- */
#define MMM_PROC_NO_PD "no physical page for the page directory", \
	"kein freier Seitenrahmen für das Seitenverzeichnis"
#define MMM_PROC_NO_PDPT "no physical page for the PDPT", "kein freier Seitenrahmen für die PDPT"
#define MMM_PROC_MAX "at most %d processes can be alive at once", "höchstens %d Prozesse können zugleich leben"
#define MMM_PROC_NO_KUSER "no page for KUSER_SHARED_DATA", "keine Seite für KUSER_SHARED_DATA"
#define MMM_PROC_SYSTEM_EXIT "the System process cannot exit", "der Prozess System kann nicht beendet werden"
#define MMM_PT_NO_FRAME "no physical page for a page table", "kein freier Seitenrahmen für eine Seitentabelle"
#define MMM_PT_LARGE "%#llx is mapped by a large page: it has no page table of 4 KB pages to change", \
	"%#llx ist durch eine große Seite abgebildet: es gibt keine Seitentabelle aus 4-KB-Seiten zu ändern"
#define MMM_VAD_LIMIT "no more VADs can be made (limit %u)", "es lassen sich keine weiteren VADs anlegen (Grenze %u)"
#define MMM_COMMIT_LIMIT "commit limit reached: %llu + %llu pages would pass the limit of %llu pages " \
	"(RAM + page files)", \
	"Zusicherungsgrenze erreicht: %llu + %llu Seiten überschritten die Grenze von %llu Seiten " \
	"(RAM + Auslagerungsdateien)"
#define MMM_UVA_RAISED "writing %#llx raised %s (%s)", "das Schreiben von %#llx löste %s aus (%s)"

/* ---- why an access raised its exception (fault.c, protofault.c: the
 * access result's reason) ---- */
#define MMM_WHY_NO_PAGE "no physical page is available", \
	"keine physische Seite ist verfügbar"
#define MMM_WHY_HOST_OOM "host memory exhausted", \
	"der Speicher des Rechners ist erschöpft"
#define MMM_WHY_NO_KMAP_BC "no kernel mapping here (Windows would bug-check: PAGE_FAULT_IN_NONPAGED_AREA, 0x50)", \
	"hier bildet der Kernel nichts ab (Windows hielte mit einem Bugcheck an: PAGE_FAULT_IN_NONPAGED_AREA, 0x50)"
#define MMM_WHY_NO_KMAP "no kernel mapping here", \
	"hier bildet der Kernel nichts ab"
#define MMM_WHY_NOACCESS "PAGE_NOACCESS", \
	"PAGE_NOACCESS: kein Zugriff erlaubt"
#define MMM_WHY_RESERVED "reserved, not committed", \
	"reserviert, nicht zugesichert"
#define MMM_WHY_FREE "no VAD: the address is free", \
	"kein VAD: die Adresse ist frei"
#define MMM_WHY_NO_TABLE "no page or commit for a page table", \
	"keine Seite und kein zugesicherter Speicher für eine Seitentabelle"
#define MMM_WHY_KERNEL_PAGE "kernel page: user mode may not touch it", \
	"Kernel-Seite: der Benutzermodus darf sie nicht berühren"
#define MMM_WHY_NX "no-execute page (DEP)", \
	"nicht ausführbare Seite (DEP)"
#define MMM_WHY_NOT_WRITABLE "page is not writable", \
	"die Seite ist nicht beschreibbar"
#define MMM_WHY_READONLY_SYSTEM "page is not writable (Windows would bug-check: ATTEMPTED_WRITE_TO_READONLY_MEMORY, 0xBE)", \
	"die Seite ist nicht beschreibbar (Windows hielte mit einem Bugcheck an: ATTEMPTED_WRITE_TO_READONLY_MEMORY, 0xBE)"
#define MMM_WHY_NOT_ALLOWED "access not allowed", \
	"Zugriff nicht erlaubt"
#define MMM_WHY_STACK_OVERFLOW "stack overflow: no room for another guard page", \
	"Stapelüberlauf: kein Platz für eine weitere Schutzseite"
#define MMM_WHY_GUARD "guard page: the guard is now gone", \
	"Schutzseite: der Schutz ist jetzt aufgehoben"
#define MMM_WHY_KUSER_RO "KUSER_SHARED_DATA is read-only", \
	"KUSER_SHARED_DATA ist schreibgeschützt"
#define MMM_WHY_PROTO_OUTSIDE "a prototype PTE outside any view", \
	"ein Prototyp-PTE außerhalb jeder Ansicht"
#define MMM_WHY_DECOMMITTED "decommitted page", \
	"die Zusicherung der Seite ist aufgehoben"
#define MMM_WHY_ABOVE_USER "above MmHighestUserAddress: not a user address", \
	"oberhalb von MmHighestUserAddress: keine Benutzeradresse"
#define MMM_WHY_UNRESOLVED "the fault did not resolve", \
	"der Seitenfehler ließ sich nicht beheben"
#define MMM_WHY_NONCANONICAL "non-canonical address (#GP)", \
	"nicht kanonische Adresse (#GP)"
#define MMM_WHY_PROTO_EMPTY "the prototype PTE is empty", \
	"der Prototyp-PTE ist leer"
#define MMM_WHY_VIEW_RO "the view does not allow writing", \
	"die Ansicht erlaubt kein Schreiben"
#define MMM_WHY_VIEW_NX "no-execute view (DEP)", \
	"nicht ausführbare Ansicht (DEP)"
#define MMM_WHY_PROT_DENIES "protection does not allow this access", \
	"der Schutz erlaubt diesen Zugriff nicht"
#define MMM_WHY_COW_OUTSIDE "copy-on-write outside any view", \
	"Copy-on-Write außerhalb jeder Ansicht"

#define MMMSG_IDS(X) \
	X(SIZE_ZERO) X(WRITECOPY_PRIVATE) X(VIEW_NOCACHE) X(NOT_USER_ADDR) X(SIZE_PAST_USER) X(NOT_ALLOCATED) \
	X(NOT_VIEW) X(SECTIONS_MAX) \
	X(VM_TYPE_ALLOWED) X(VM_TYPE_REQUIRED) X(VM_RESET_ALONE) X(VM_LARGE_COMBO) X(VM_WATCH_RESERVE) \
	X(VM_PHYSICAL_RESERVE) X(VM_AWE) X(VM_RESET_UNDO) X(VM_KUSER) X(VM_NOT_RESERVED) X(VM_NOT_ONE_RESERVED) \
	X(VM_SPECIAL) X(VM_RESET_NO_PAGE) X(VM_OVERLAP) X(VM_NO_RANGE) X(VM_VIEW_IMAGE) X(VM_VIEW_FILE) \
	X(VM_RESET_VIEW) X(VM_ADDR_LOW) X(VM_ADDR_HIGH) X(VM_SIZE_HIGH) X(VM_RELEASE_SIZE) X(VM_FREE_TYPE) \
	X(VM_FREE_PAST) X(VM_FREE_VIEW) X(VM_FREE_SECURED) X(VM_FREE_BASE) \
	X(PROT_VIEW_BECOME) X(PROT_SEC_RESERVE) X(PROT_NOT_ONE) X(PROT_SECURED) X(PROT_NOT_COMMITTED) \
	X(LOCK_ABOVE) X(LOCK_SPECIAL) X(LOCK_QUOTA) X(LOCK_GUARD) X(LOCK_RAISED) X(LOCK_LEFT) X(LOCK_NO_WSLE) \
	X(UNLOCK_NOT) \
	X(SEC_HANDLES) X(SEC_FILE_SIZE) X(SEC_FILE_NAME) X(SEC_DISK_FILES) X(SEC_PROT) X(SEC_PROT_EXEC) \
	X(SEC_OBJECTS) X(SEC_ATTR_BOTH) X(SEC_ATTR_ONLY) X(SEC_NOT_FILE_HANDLE) X(SEC_NEEDS_SIZE) X(SEC_TOO_BIG) \
	X(SEC_LARGER_FILE) X(SEC_DISK_FULL) X(SEC_NO_NAME) X(SEC_NOT_HANDLE) X(SEC_ACCESS) X(SEC_NOT_GRANTED) \
	X(SEC_VIEW_PROT) X(SEC_NOT_SECTION_HANDLE) X(SEC_OFFSET_ALIGN) X(SEC_OFFSET_END) X(SEC_VIEW_END) \
	X(SEC_ADDR_ALIGN) X(SEC_ADDR_USER) X(SEC_IN_USE) X(SEC_NO_RANGE) \
	X(POOL_VA_PAGED) X(POOL_VA_NONPAGED) X(POOL_NO_FRAME) X(POOL_TOO_BIG) X(POOL_BIG_FULL) X(POOL_OWN_FULL) \
	X(POOL_NOT_POOL) X(POOL_NOT_BIG_START) X(POOL_NOT_BLOCK_START) X(POOL_FREED_ALREADY) X(POOL_OWN_BLOCK) \
	X(POOL_BAD_HEADER) X(POOL_OWN_LOST) X(POOL_UNMAPPED) X(POOL_SIZE_0) X(POOL_SIZE_PAST) X(POOL_PREV) \
	X(POOL_TYPE) \
	X(LP_PRIVILEGE) X(LP_ONE_CALL) X(LP_SIZE) X(LP_NO_RANGE) X(LP_NOT_FREE) X(LP_NO_RUN) X(LP_PROTECT) \
	X(IMG_MAX) X(IMG_NAME) X(IMG_BASE) X(IMG_SECTIONS) X(IMG_SEC_PROT) X(IMG_SEC_SIZE) X(IMG_NO_FRAME) \
	X(IMG_BASE_ALIGN) X(IMG_NO_RANGE) \
	X(WS_MIN_MAX) X(WS_MAX_LOCKED) X(WS_RAISE_MIN) X(WS_ZERO) X(WS_SHRINK) \
	X(PROC_NO_PD) X(PROC_NO_PDPT) X(PROC_MAX) X(PROC_NO_KUSER) X(PROC_SYSTEM_EXIT) X(PT_NO_FRAME) X(PT_LARGE) \
	X(VAD_LIMIT) X(COMMIT_LIMIT) X(UVA_RAISED) \
	X(WHY_NO_PAGE) X(WHY_HOST_OOM) X(WHY_NO_KMAP_BC) X(WHY_NO_KMAP) X(WHY_NOACCESS) X(WHY_RESERVED) X(WHY_FREE) \
	X(WHY_NO_TABLE) X(WHY_KERNEL_PAGE) X(WHY_NX) X(WHY_NOT_WRITABLE) X(WHY_READONLY_SYSTEM) X(WHY_NOT_ALLOWED) \
	X(WHY_STACK_OVERFLOW) X(WHY_GUARD) X(WHY_KUSER_RO) X(WHY_PROTO_OUTSIDE) X(WHY_DECOMMITTED) X(WHY_ABOVE_USER) \
	X(WHY_UNRESOLVED) X(WHY_NONCANONICAL) X(WHY_PROTO_EMPTY) X(WHY_VIEW_RO) X(WHY_VIEW_NX) X(WHY_PROT_DENIES) X(WHY_COW_OUTSIDE)

enum mmmsg_id {
#define MMMSG_ENUM_(id) MMMSG_##id,
	MMMSG_IDS(MMMSG_ENUM_)
#undef MMMSG_ENUM_
	MMMSG_COUNT
};

/* A message in language lang, as a string literal. */
#define MMM(lang, ID) MSGCAT_PICK(lang, MMM_##ID)

extern const struct msgcat mmmsg_cat;

/* An access's reason (a WHY_ text in English, as the result member
 * `reason` carries it in both languages) in language lang: the batch and
 * TUI text print it so (docs/output.md OUT-TEXT-DE). The text itself when
 * it is no WHY_ text. */
const char *mmmsg_why(const char *en, int lang);

#endif
