/*
 * basemsg.h — the messages of the lowest layer and of boot, in English and
 * German (the design and its invariants: msgcat.h): a configuration out of
 * range (config.c, docs/cli.md CLI-OPTIONS), a protection Windows refuses
 * (consts.c), a range that wraps around 2^64 (types.c mm_fail_wrap), the
 * host's memory running out, a machine that cannot boot (boot.c). Every
 * layer above may use them; the host-memory message is said here once.
 */
#ifndef MM_BASEMSG_H
#define MM_BASEMSG_H

#include "msgcat.h"

/* ---- everywhere ---- */
#define BM_OOM "host memory exhausted", "der Speicher des Rechners ist erschöpft"

/* ---- ranges that wrap (types.c, docs/commands.md CMD-LEX) ---- */
#define BM_WRAP_ROUND "SIZE %#llx wraps around 2^64 when rounded up to %s", \
	"SIZE %#llx läuft beim Aufrunden auf %s über 2^64 hinaus"
#define BM_WRAP_RANGE "ADDR %#llx + SIZE %#llx wraps around 2^64 (a range ends at 0xffffffffffffffff at most)", \
	"ADDR %#llx + SIZE %#llx läuft über 2^64 hinaus (ein Bereich endet spätestens bei 0xffffffffffffffff)"

/* ---- boot (boot.c) ---- */
#define BM_BOOT_X86_RAM "--ram: x86 without PAE addresses at most 4G of RAM (20-bit PFNs); use --arch pae or x64", \
	"--ram: x86 ohne PAE adressiert höchstens 4G RAM (20-Bit-PFNs); verwenden Sie --arch pae oder x64"
#define BM_BOOT_OOM "host memory exhausted booting the machine", \
	"der Speicher des Rechners ist beim Starten der Maschine erschöpft"

/* ---- the configuration (config.c) ---- */
#define BM_CFG_OS_PAE "os: %s runs 32-bit x86 with PAE only: use --arch pae, or --os xp for x86 without PAE " \
	"(Windows XP / Server 2003)", \
	"os: %s läuft auf 32-Bit-x86 nur mit PAE: verwenden Sie --arch pae, oder --os xp für x86 ohne PAE " \
	"(Windows XP / Server 2003)"
#define BM_CFG_3GB "3gb: /3GB is a boot option of 32-bit Windows: use --arch x86 or pae", \
	"3gb: /3GB ist eine Startoption des 32-Bit-Windows: verwenden Sie --arch x86 oder pae"
#define BM_CFG_RAM "ram: expected %s .. %s, got %s", "ram: erwartet ist %s .. %s, erhalten: %s"
#define BM_CFG_RAM_X86 "ram: expected %s .. %s on x86 (20-bit PFN; use --arch pae for more), got %s", \
	"ram: erwartet ist %s .. %s auf x86 (20-Bit-PFN; mit --arch pae geht mehr), erhalten: %s"
#define BM_CFG_RAM_4K "ram: expected a multiple of 4 KB, got %s", "ram: erwartet ist ein Vielfaches von 4 KB, erhalten: %s"
#define BM_CFG_PF "pagefile %d: expected %s (256 pages) .. %s, got %s", \
	"pagefile %d: erwartet ist %s (256 Seiten) .. %s, erhalten: %s"
#define BM_CFG_PF_X86 "pagefile %d: expected %s (256 pages) .. 1048575 pages on x86 (a 20-bit page-file offset), " \
	"got %s", \
	"pagefile %d: erwartet ist %s (256 Seiten) .. 1048575 Seiten auf x86 (ein 20-Bit-Offset in der " \
	"Auslagerungsdatei), erhalten: %s"
#define BM_CFG_PF_4K "pagefile %d: expected a multiple of 4 KB, got %s", \
	"pagefile %d: erwartet ist ein Vielfaches von 4 KB, erhalten: %s"
#define BM_CFG_PF_COUNT "pagefile: expected at most %d page files, got %d", \
	"pagefile: erwartet sind höchstens %d Auslagerungsdateien, erhalten: %d"
#define BM_CFG_TLB "tlb: expected a power of two from %d to %d entries, got %d", \
	"tlb: erwartet ist eine Zweierpotenz von %d bis %d Einträgen, erhalten: %d"
#define BM_CFG_ARCH "arch: expected x86, pae or x64, got %d", "arch: erwartet ist x86, pae oder x64, erhalten: %d"
#define BM_CFG_OS "os: expected win10, win7 or xp, got %d", "os: erwartet ist win10, win7 oder xp, erhalten: %d"
#define BM_CFG_LANG "lang: expected 0 (en) or 1 (de), got %d", "lang: erwartet ist 0 (en) oder 1 (de), erhalten: %d"
#define BM_CFG_HISTORY "history limit: expected 16M to 1024G, got %llu bytes", \
	"Verlaufslimit: erwartet sind 16M bis 1024G, erhalten: %llu Bytes"

/* ---- page protections (consts.c, docs/commands.md CMD-VM) ---- */
#define BM_PROT_HIGH "protection 0x%x has bits above PAGE_WRITECOMBINE (0x400); no such protection", \
	"der Schutz 0x%x hat Bits oberhalb von PAGE_WRITECOMBINE (0x400); einen solchen Schutz gibt es nicht"
#define BM_PROT_NO_ACCESS "protection 0x%x names no access: give exactly one of PAGE_NOACCESS, PAGE_READONLY, " \
	"PAGE_READWRITE, PAGE_WRITECOPY or a PAGE_EXECUTE_* value", \
	"der Schutz 0x%x nennt keinen Zugriff: geben Sie genau einen von PAGE_NOACCESS, PAGE_READONLY, " \
	"PAGE_READWRITE, PAGE_WRITECOPY oder einen PAGE_EXECUTE_*-Wert an"
#define BM_PROT_DATA_EXEC "protection 0x%x combines %s: a data and an execute protection cannot be combined; " \
	"give exactly one", \
	"der Schutz 0x%x kombiniert %s: ein Daten- und ein Ausführungsschutz lassen sich nicht kombinieren; " \
	"geben Sie genau einen an"
#define BM_PROT_TWO_BASE "protection 0x%x combines %s: give exactly one base protection", \
	"der Schutz 0x%x kombiniert %s: geben Sie genau einen Grundschutz an"
#define BM_PROT_NOACCESS_FLAG "protection 0x%x: %s cannot be combined with PAGE_NOACCESS", \
	"Schutz 0x%x: %s lässt sich nicht mit PAGE_NOACCESS kombinieren"
#define BM_PROT_FLAG_CLASH "protection 0x%x: %s cannot be combined with %s", \
	"Schutz 0x%x: %s lässt sich nicht mit %s kombinieren"

#define BASEMSG_IDS(X) \
	X(OOM) X(WRAP_ROUND) X(WRAP_RANGE) X(BOOT_X86_RAM) X(BOOT_OOM) \
	X(CFG_OS_PAE) X(CFG_3GB) X(CFG_RAM) X(CFG_RAM_X86) X(CFG_RAM_4K) X(CFG_PF) X(CFG_PF_X86) X(CFG_PF_4K) \
	X(CFG_PF_COUNT) X(CFG_TLB) X(CFG_ARCH) X(CFG_OS) X(CFG_LANG) X(CFG_HISTORY) \
	X(PROT_HIGH) X(PROT_NO_ACCESS) X(PROT_DATA_EXEC) X(PROT_TWO_BASE) X(PROT_NOACCESS_FLAG) X(PROT_FLAG_CLASH)

enum basemsg_id {
#define BASEMSG_ENUM_(id) BASEMSG_##id,
	BASEMSG_IDS(BASEMSG_ENUM_)
#undef BASEMSG_ENUM_
	BASEMSG_COUNT
};

/* A message in language lang, as a string literal. */
#define BM(lang, ID) MSGCAT_PICK(lang, BM_##ID)

extern const struct msgcat basemsg_cat;

#endif
