/*
 * ram.c — the words and roles of RAMMap's uses and lists (ram.h).
 *
 * RAMMap names its Use rows Process Private, Mapped File, Shareable, Page
 * Table, Paged Pool, Nonpaged Pool, ... and its list columns Active,
 * Standby, Modified, Modified No-Write, Transition, Zeroed, Free, Bad.
 * mmviz shows Image apart from Mapped File and names the kernel image
 * (its large page) and the shared user data page (System) as such
 * (docs/tui.md TUI-RAM). German follows the German Windows terms.
 */
#include "ram.h"

#include <inttypes.h>
#include <stdio.h>

#include "pane.h"
#include "theme.h"

static const char *const use_long[2][MM_RU_COUNT] = {
	{[MM_RU_UNUSED] = "Unused", [MM_RU_PRIVATE] = "Process Private", [MM_RU_PAGE_TABLE] = "Page Table",
	 [MM_RU_MAPPED] = "Mapped File", [MM_RU_IMAGE] = "Image", [MM_RU_SHAREABLE] = "Shareable",
	 [MM_RU_PAGED_POOL] = "Paged Pool", [MM_RU_NONPAGED_POOL] = "Nonpaged Pool",
	 [MM_RU_KERNEL_IMAGE] = "Kernel Image", [MM_RU_SYSTEM] = "System"},
	{[MM_RU_UNUSED] = "Unbenutzt", [MM_RU_PRIVATE] = "Prozessprivat", [MM_RU_PAGE_TABLE] = "Seitentabelle",
	 [MM_RU_MAPPED] = "Zugeordnete Datei", [MM_RU_IMAGE] = "Abbild", [MM_RU_SHAREABLE] = "Freigebbar",
	 [MM_RU_PAGED_POOL] = "Auslagerbarer Pool", [MM_RU_NONPAGED_POOL] = "Nicht ausgelag. Pool",
	 [MM_RU_KERNEL_IMAGE] = "Kernel-Abbild", [MM_RU_SYSTEM] = "System"},
};
static const char *const use_short[2][MM_RU_COUNT] = {
	{[MM_RU_UNUSED] = "unused", [MM_RU_PRIVATE] = "private", [MM_RU_PAGE_TABLE] = "pgtable",
	 [MM_RU_MAPPED] = "mapped", [MM_RU_IMAGE] = "image", [MM_RU_SHAREABLE] = "share",
	 [MM_RU_PAGED_POOL] = "paged", [MM_RU_NONPAGED_POOL] = "nonpaged", [MM_RU_KERNEL_IMAGE] = "kernel",
	 [MM_RU_SYSTEM] = "system"},
	{[MM_RU_UNUSED] = "unbenutzt", [MM_RU_PRIVATE] = "privat", [MM_RU_PAGE_TABLE] = "Seitentab",
	 [MM_RU_MAPPED] = "Datei", [MM_RU_IMAGE] = "Abbild", [MM_RU_SHAREABLE] = "freigeb",
	 [MM_RU_PAGED_POOL] = "auslagerb", [MM_RU_NONPAGED_POOL] = "nicht ausl", [MM_RU_KERNEL_IMAGE] = "Kernel",
	 [MM_RU_SYSTEM] = "System"},
};
static const unsigned use_role[MM_RU_COUNT] = {
	[MM_RU_UNUSED] = ROLE_PAGE_ZEROED,	   [MM_RU_PRIVATE] = ROLE_REGION_PRIVATE,
	[MM_RU_PAGE_TABLE] = ROLE_REGION_PAGE_TABLE, [MM_RU_MAPPED] = ROLE_REGION_MAPPED,
	[MM_RU_IMAGE] = ROLE_REGION_IMAGE,	   [MM_RU_SHAREABLE] = ROLE_REGION_SHAREABLE,
	[MM_RU_PAGED_POOL] = ROLE_USE_PAGED_POOL,  [MM_RU_NONPAGED_POOL] = ROLE_USE_NONPAGED_POOL,
	[MM_RU_KERNEL_IMAGE] = ROLE_USE_KERNEL,	   [MM_RU_SYSTEM] = ROLE_USE_SYSTEM,
};
static const char *const list_name[2][MM_NSTATES] = {
	{"Zeroed", "Free", "Standby", "Modified", "Mod No-Write", "Bad", "Active", "Transition"},
	{"Genullt", "Frei", "Standby", "Geändert", "Geänd.o.Schr", "Fehlerhaft", "Aktiv", "Übergang"},
};

const char *ram_use_name(int u, int lang, bool brief)
{
	if (u < 0 || u >= MM_RU_COUNT)
		return "?";
	return (brief ? use_short : use_long)[lang ? 1 : 0][u];
}

unsigned ram_use_role(int u)
{
	return u >= 0 && u < MM_RU_COUNT ? use_role[u] : ROLE_TEXT_DIM;
}

const char *ram_list_name(int s, int lang)
{
	return s >= 0 && s < MM_NSTATES ? list_name[lang ? 1 : 0][s] : "?";
}

int ram_link_text(char *buf, size_t n, const struct tui_view *v, uint32_t pfn)
{
	struct mm_ram_page rp;
	if (!n || mm_ram_page(v->m, pfn, &rp) < 0)
		return 0;
	int k = 0;
	if (rp.prototype)
		k = snprintf(buf, n, " -> %s %s +0x%" PRIx64 " %s 0x%" PRIx64 "  !ca",
			     rp.image ? (v->lang ? "Image" : "image") : (v->lang ? "Datei" : "file"), rp.file, rp.offset,
			     v->lang ? "Prototyp-PTE" : "proto PTE", rp.pte_address);
	else if (rp.has_va && rp.owner > 0)
		k = snprintf(buf, n, " -> %s %" PRId64 " VA 0x%" PRIx64 "  !pte 0x%" PRIx64, v->lang ? "PID" : "pid", rp.owner,
			     rp.va, rp.va);
	else if (rp.has_va)
		k = snprintf(buf, n, " -> %s VA 0x%" PRIx64 "  !pte 0x%" PRIx64, v->lang ? "System" : "system", rp.va, rp.va);
	return k < 0 ? 0 : (size_t)k >= n ? (int)n - 1 : k;
}
