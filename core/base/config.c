/*
 * config.c — the machine description before boot: defaults, names and the
 * range checks (docs/cli.md CLI-OPTIONS;
 * docs/reference.md R-PAGING-MODES, R-PTE-INVALID, R-PAGEFILE).
 *
 * Why the limits are what they are
 * --------------------------------
 * - RAM 1 MiB .. 64 GiB in whole 4 KB frames: the simulator keeps one PFN
 *   entry per frame (docs/quality.md Q-PERF budgets 40 bytes each, so 64 GiB costs
 *   about 640 MB of host memory at most). On x86 without PAE the PTE holds
 *   a 20-bit PFN, so physical memory ends at 4 GiB (R-PAGING-MODES); more RAM
 *   than that cannot be addressed in that mode and is rejected.
 * - Page files: at most 16 (MAX_PAGE_FILES, a 4-bit file number in the
 *   software PTE), each at least 256 pages = 1 MiB (the minimum creatable,
 *   WRK modwrite.c) and at most 64 GiB. Windows allows up to
 *   MI_MAXIMUM_PAGEFILE_SIZE, (4G-1) pages on PAE and x64, whose
 *   PageFileHigh has 32 bits (R-PTE-INVALID); but the simulator keeps a
 *   content handle per slot, so a page file costs host memory as RAM does
 *   and has RAM's cap. On x86, whose PageFileHigh has 20 bits, Windows'
 *   own (1M-1) pages is the lower limit. With RAM and 16 page files at
 *   their largest the commit limit stays below 2^28 pages. Sizes are whole
 *   pages. The default page file, twice the RAM, is cut to the mode's
 *   largest (x86 with 2 GiB of RAM gets 4 GiB less a page).
 * - TLB: a power of two from 4 to 4096 entries, so a set index is a mask.
 *
 * The limits are config.h's MM_* constants and the functions below; the
 * command line (tui/main.c) and a scenario's `machine` block
 * (scenario_machine.c) check with them and with mm_config_validate, so one
 * value is accepted or refused the same way wherever it is written.
 *
 * Sizes and names are parsed by the command language (lex.c: mm_parse_size,
 * mm_arch_parse, mm_os_parse), so "64M", "0x4000000" and "67108864" mean
 * the same on the command line, in a scenario and in a command; this file
 * only holds what boot needs and so stays below the command language.
 *
 * Validation errors use the code "config", arg -1, and a message that
 * names the field as the command line spells it ("ram", "pagefile 2",
 * "tlb") with the value and the accepted range.
 */
#include "config.h"
#include "basemsg.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CONFIG_PAGEFILE_MAX_X86 ((((1ull << 20) - 1)) << MM_PAGE_SHIFT) /* (1M-1) pages */
#define CONFIG_X86_RAM_MAX (4ull << 30)                                /* 20-bit PFN */

const char *const mm_arch_names[MM_ARCH_COUNT] = {"x86", "pae", "x64"};
const char *const mm_os_names[MM_OS_COUNT] = {"win10", "win7", "xp"};

uint64_t mm_config_ram_max(enum mm_arch a)
{
	return a == MM_ARCH_X86 ? CONFIG_X86_RAM_MAX : MM_RAM_MAX;
}

uint64_t mm_config_pagefile_max(enum mm_arch a)
{
	return a == MM_ARCH_X86 ? CONFIG_PAGEFILE_MAX_X86 : MM_PAGEFILE_MAX;
}

uint64_t mm_config_default_pagefile(const struct mm_config *cfg)
{
	return MM_MIN(2 * cfg->ram, mm_config_pagefile_max(cfg->arch));
}

uint64_t mm_config_history_limit(const struct mm_config *cfg)
{
	if (cfg->history_limit)
		return cfg->history_limit;
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	uint64_t host = pages > 0 && size > 0 ? (uint64_t)pages * (uint64_t)size : 0;
	return MM_MAX(64ull << 20, MM_MIN(host / 4, MM_HISTORY_DEFAULT_MAX));
}

bool mm_config_tlb_ok(uint64_t t)
{
	return t >= MM_TLB_MIN && t <= MM_TLB_MAX && (t & (t - 1)) == 0;
}

void mm_config_default(struct mm_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->arch = MM_ARCH_X64;
	cfg->os = MM_OS_AUTO;
	cfg->ram = 64ull << 20;
	cfg->npagefiles = 1;
	cfg->pagefile[0] = mm_config_default_pagefile(cfg);
	cfg->tlb_entries = 64;
	cfg->seed = 1;
	cfg->lang = 0;
}

const char *mm_arch_name(enum mm_arch a)
{
	return (unsigned)a < MM_ARRAY_LEN(mm_arch_names) ? mm_arch_names[a] : "?";
}

const char *mm_os_name(enum mm_os o)
{
	return (unsigned)o < MM_ARRAY_LEN(mm_os_names) ? mm_os_names[o] : o == MM_OS_AUTO ? "auto" : "?";
}

enum mm_os mm_config_os(const struct mm_config *cfg)
{
	if (cfg->os != MM_OS_AUTO)
		return cfg->os;
	return cfg->arch == MM_ARCH_X86 ? MM_OS_XP : MM_OS_WIN10;
}

/* The systems each paging mode runs: 32-bit x86 without PAE is Windows XP
 * and Server 2003 (Windows 7 and 10 boot 32-bit x86 with PAE only); /3GB
 * is a boot option of 32-bit Windows. */
static int config_check_os(const struct mm_config *cfg, struct mm_err *err)
{
	enum mm_os os = mm_config_os(cfg);
	if (cfg->arch == MM_ARCH_X86 && os != MM_OS_XP)
		return mm_fail_tr(err, "config", -1,
			BM_CFG_OS_PAE, os == MM_OS_WIN7 ? "Windows 7" : "Windows 10");
	if (cfg->three_gb && cfg->arch == MM_ARCH_X64)
		return mm_fail_tr(err, "config", -1, BM_CFG_3GB);
	return 0;
}

static int config_check_ram(const struct mm_config *cfg, struct mm_err *err)
{
	char got[32], lo[32], hi[32];
	uint64_t max = mm_config_ram_max(cfg->arch);

	mm_size_str(cfg->ram, got);
	if (cfg->ram < MM_RAM_MIN || cfg->ram > max)
		return cfg->arch == MM_ARCH_X86
			? mm_fail_tr(err, "config", -1, BM_CFG_RAM_X86, mm_size_str(MM_RAM_MIN, lo), mm_size_str(max, hi), got)
			: mm_fail_tr(err, "config", -1, BM_CFG_RAM, mm_size_str(MM_RAM_MIN, lo), mm_size_str(max, hi), got);
	if (cfg->ram % MM_PAGE_SIZE != 0)
		return mm_fail_tr(err, "config", -1, BM_CFG_RAM_4K, got);
	return 0;
}

static int config_check_pagefile(const struct mm_config *cfg, int i, struct mm_err *err)
{
	uint64_t size = cfg->pagefile[i];
	uint64_t max = mm_config_pagefile_max(cfg->arch);
	char got[32], lo[32], hi[32];

	mm_size_str(size, got);
	if (size < MM_PAGEFILE_MIN || size > max)
		return cfg->arch == MM_ARCH_X86
			? mm_fail_tr(err, "config", -1, BM_CFG_PF_X86, i + 1, mm_size_str(MM_PAGEFILE_MIN, lo), got)
			: mm_fail_tr(err, "config", -1, BM_CFG_PF, i + 1, mm_size_str(MM_PAGEFILE_MIN, lo),
				     mm_size_str(max, hi), got);
	if (size % MM_PAGE_SIZE != 0)
		return mm_fail_tr(err, "config", -1, BM_CFG_PF_4K, i + 1, got);
	return 0;
}

static int config_check_pagefiles(const struct mm_config *cfg, struct mm_err *err)
{
	int i;
	if (cfg->npagefiles < 0 || cfg->npagefiles > MM_MAX_PAGEFILES)
		return mm_fail_tr(err, "config", -1, BM_CFG_PF_COUNT, MM_MAX_PAGEFILES, cfg->npagefiles);
	for (i = 0; i < cfg->npagefiles; i++)
		if (config_check_pagefile(cfg, i, err) < 0)
			return -1;
	return 0;
}

static int config_check_tlb(const struct mm_config *cfg, struct mm_err *err)
{
	int t = cfg->tlb_entries;
	if (t < 0 || !mm_config_tlb_ok((uint64_t)t))
		return mm_fail_tr(err, "config", -1, BM_CFG_TLB, MM_TLB_MIN, MM_TLB_MAX, t);
	return 0;
}

int mm_config_validate(const struct mm_config *cfg, struct mm_err *err)
{
	if ((unsigned)cfg->arch >= MM_ARRAY_LEN(mm_arch_names))
		return mm_fail_tr(err, "config", -1, BM_CFG_ARCH, (int)cfg->arch);
	if ((unsigned)cfg->os > MM_OS_AUTO)
		return mm_fail_tr(err, "config", -1, BM_CFG_OS, (int)cfg->os);
	if (config_check_os(cfg, err) < 0)
		return -1;
	if (cfg->lang != 0 && cfg->lang != 1)
		return mm_fail_tr(err, "config", -1, BM_CFG_LANG, cfg->lang);
	if (config_check_ram(cfg, err) < 0 || config_check_pagefiles(cfg, err) < 0)
		return -1;
	if (cfg->history_limit && (cfg->history_limit < MM_HISTORY_MIN || cfg->history_limit > MM_HISTORY_MAX))
		return mm_fail_tr(err, "config", -1, BM_CFG_HISTORY, (unsigned long long)cfg->history_limit);
	return config_check_tlb(cfg, err);
}
