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
#include "msg.h"

static const char *const use_long[2][MM_RU_COUNT] = {
	{
		[MM_RU_UNUSED] = MSG_EN(RAM_U_UNUSED), [MM_RU_PRIVATE] = MSG_EN(RAM_U_PRIVATE),
		[MM_RU_PAGE_TABLE] = MSG_EN(RAM_U_PAGE_TABLE), [MM_RU_MAPPED] = MSG_EN(RAM_U_MAPPED),
		[MM_RU_IMAGE] = MSG_EN(RAM_U_IMAGE), [MM_RU_SHAREABLE] = MSG_EN(RAM_U_SHAREABLE),
		[MM_RU_PAGED_POOL] = MSG_EN(RAM_U_PAGED_POOL), [MM_RU_NONPAGED_POOL] = MSG_EN(RAM_U_NONPAGED_POOL),
		[MM_RU_KERNEL_IMAGE] = MSG_EN(RAM_U_KERNEL_IMAGE), [MM_RU_SYSTEM] = MSG_EN(RAM_U_SYSTEM),
	},
	{
		[MM_RU_UNUSED] = MSG_DE(RAM_U_UNUSED), [MM_RU_PRIVATE] = MSG_DE(RAM_U_PRIVATE),
		[MM_RU_PAGE_TABLE] = MSG_DE(RAM_U_PAGE_TABLE), [MM_RU_MAPPED] = MSG_DE(RAM_U_MAPPED),
		[MM_RU_IMAGE] = MSG_DE(RAM_U_IMAGE), [MM_RU_SHAREABLE] = MSG_DE(RAM_U_SHAREABLE),
		[MM_RU_PAGED_POOL] = MSG_DE(RAM_U_PAGED_POOL), [MM_RU_NONPAGED_POOL] = MSG_DE(RAM_U_NONPAGED_POOL),
		[MM_RU_KERNEL_IMAGE] = MSG_DE(RAM_U_KERNEL_IMAGE), [MM_RU_SYSTEM] = MSG_DE(RAM_U_SYSTEM),
	},
};
/* The short forms, for narrow columns. Not in the catalogue: the English
 * ones are the core's own words for a use (what `!vad` and the PFN line
 * print), which the German checks would take for untranslated text
 * wherever the core's word shows (tests/unit/38_i18n.c). */
static const char *const use_short[2][MM_RU_COUNT] = {
	{[MM_RU_UNUSED] = "unused", [MM_RU_PRIVATE] = "private", [MM_RU_PAGE_TABLE] = "pgtable",
	 [MM_RU_MAPPED] = "mapped", [MM_RU_IMAGE] = "image", [MM_RU_SHAREABLE] = "share",
	 [MM_RU_PAGED_POOL] = "paged", [MM_RU_NONPAGED_POOL] = "nonpaged", [MM_RU_KERNEL_IMAGE] = "kernel",
	 [MM_RU_SYSTEM] = "system"},
	{[MM_RU_UNUSED] = "unbenutzt", [MM_RU_PRIVATE] = "privat", [MM_RU_PAGE_TABLE] = "Seitentab",
	 [MM_RU_MAPPED] = "Datei", [MM_RU_IMAGE] = "Image", [MM_RU_SHAREABLE] = "freigeb",
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
/* in the order of the states' numbers (mm.h) */
static const char *const list_name[2][MM_NSTATES] = {
	{
		MSG_EN(RAM_L_ZEROED), MSG_EN(RAM_L_FREE),
		MSG_EN(RAM_L_STANDBY), MSG_EN(RAM_L_MODIFIED),
		MSG_EN(RAM_L_MOD_NOWRITE), MSG_EN(RAM_L_BAD),
		MSG_EN(RAM_L_ACTIVE), MSG_EN(RAM_L_TRANSITION),
	},
	{
		MSG_DE(RAM_L_ZEROED), MSG_DE(RAM_L_FREE),
		MSG_DE(RAM_L_STANDBY), MSG_DE(RAM_L_MODIFIED),
		MSG_DE(RAM_L_MOD_NOWRITE), MSG_DE(RAM_L_BAD),
		MSG_DE(RAM_L_ACTIVE), MSG_DE(RAM_L_TRANSITION),
	},
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
	if (rp.prototype && rp.image)
		k = snprintf(buf, n, MSG(v->lang, RAM_LINK_PROTO), rp.file, rp.offset, rp.pte_address);
	else if (rp.prototype)
		k = snprintf(buf, n, MSG(v->lang, RAM_LINK_PROTO_FILE), rp.file, rp.offset, rp.pte_address);
	else if (rp.has_va && rp.owner > 0)
		k = snprintf(buf, n, MSG(v->lang, RAM_LINK_OWNER), rp.owner, rp.va, rp.va);
	else if (rp.has_va)
		k = snprintf(buf, n, MSG(v->lang, RAM_LINK_SYSTEM), rp.va, rp.va);
	return k < 0 ? 0 : (size_t)k >= n ? (int)n - 1 : k;
}
