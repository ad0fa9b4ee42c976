/*
 * machine.c — the three paging modes, the address-space layout of each, and
 * booting a machine: PFN database, RAM contents, page files, TLB, the
 * System process with KUSER_SHARED_DATA, and the commit limit.
 *
 * Booting is not journaled: the booted machine is the origin of the
 * history, the state that stepping back to the very beginning shows.
 */
#include "machine.h"

#include <stdlib.h>

#include "image.h"
#include "kernel.h"
#include "mm.h"
#include "paging.h"
#include "pool.h"
#include "pfn.h"
#include "physmem.h"
#include "process.h"
#include "vad.h"
#include "wsmgr.h"

static const struct arch arches[] = {
	[MM_ARCH_X86] = {
		.id = MM_ARCH_X86, .name = "x86", .levels = 2, .pte_size = 4,
		.shift = {22, 12}, .bits = {10, 10}, .level_name = {"pde", "pte"},
		.large_levels = 1u << 0, .va_bits = 32, .pfn_bits = 20, .nx = false,
		.self_base = {0xC0300000ull, 0xC0000000ull}, .self_index = 0x300,
	},
	[MM_ARCH_PAE] = {
		.id = MM_ARCH_PAE, .name = "pae", .levels = 3, .pte_size = 8,
		.shift = {30, 21, 12}, .bits = {2, 9, 9}, .level_name = {"pdpte", "pde", "pte"},
		.large_levels = 1u << 1, .va_bits = 32, .pfn_bits = 26, .nx = true,
		.self_base = {0, 0xC0600000ull, 0xC0000000ull}, .self_index = 0,
	},
	[MM_ARCH_X64] = {
		.id = MM_ARCH_X64, .name = "x64", .levels = 4, .pte_size = 8,
		.shift = {39, 30, 21, 12}, .bits = {9, 9, 9, 9}, .level_name = {"pxe", "ppe", "pde", "pte"},
		.large_levels = (1u << 1) | (1u << 2), .va_bits = 48, .pfn_bits = 36, .nx = true,
		.self_base = {0xFFFFF6FB7DBED000ull, 0xFFFFF6FB7DA00000ull, 0xFFFFF6FB40000000ull,
			      0xFFFFF68000000000ull},
		.self_index = 0x1ED,
	},
};

const struct arch *arch_get(enum mm_arch a)
{
	return &arches[a];
}

static void layout_init(struct mm *m)
{
	struct layout *l = &m->lay;
	l->lowest_user = 0x10000;
	l->shared_user_data = 0x7FFE0000;
	if (m->arch->id != MM_ARCH_X64) {
		l->highest_user = 0x7FFEFFFF;
		l->system_range_start = 0x80000000;
		l->kernel_shared_data = 0xFFDF0000;
	} else {
		l->highest_user = m->cfg.os == MM_OS_WIN7 ? 0x7FFFFFEFFFFull : 0x7FFFFFFEFFFFull;
		l->system_range_start = m->cfg.os == MM_OS_WIN7 ? 0xFFFF080000000000ull : 0xFFFF800000000000ull;
		l->kernel_shared_data = 0xFFFFF78000000000ull;
	}
	l->user_probe = l->highest_user + 1;
	l->highest_vad = l->highest_user - 0x10000; /* reference §6.2 */
}

static int pagefiles_init(struct mm *m)
{
	m->npagefiles = m->cfg.npagefiles;
	for (int i = 0; i < m->npagefiles; i++) {
		struct pagefile *pf = &m->pagefile[i];
		pf->size = m->cfg.pagefile[i] / MM_PAGE_SIZE;
		pf->bitmap = calloc((pf->size + 63) / 64, sizeof *pf->bitmap);
		pf->content = calloc(pf->size, sizeof *pf->content);
		if (!pf->bitmap || !pf->content)
			return -1;
		pf->bitmap[0] = 1; /* offset 0 is never used: PageFileHigh 0 means "not in a page file" */
		pf->free = pf->size - 1;
		pf->in_use = 0;
	}
	return 0;
}

static int tlb_alloc(struct mm *m)
{
	m->tlb_sets = MM_MAX(1, m->cfg.tlb_entries / TLB_WAYS);
	m->large_shift = m->arch->shift[m->arch->levels - 2];
	m->tlb = calloc((size_t)m->tlb_sets * TLB_WAYS, sizeof *m->tlb);
	m->tlb_next = calloc((size_t)m->tlb_sets, 1);
	return m->tlb && m->tlb_next ? 0 : -1;
}

/* The commit limit of reference §9: available pages less a 1024-page
 * reserve, plus each page file's free space (size - 1). */
static void commit_init(struct mm *m)
{
	uint64_t avail = pfn_available(m);
	m->commit_limit = avail > 1024 * 2 ? avail - 1024 : avail / 2;
	for (int i = 0; i < m->npagefiles; i++)
		m->commit_limit += m->pagefile[i].size - 1;
}

static int check_ram(const struct mm_config *cfg, struct mm_err *err)
{
	if (cfg->arch == MM_ARCH_X86 && cfg->ram > (4ull << 30))
		return mm_fail(err, "ERROR_INVALID_PARAMETER", -1,
			       "--ram: x86 without PAE addresses at most 4G of RAM (20-bit PFNs); use --arch pae or x64");
	return 0;
}

struct mm *mm_new(const struct mm_config *cfg, struct mm_err *err)
{
	if (mm_config_validate(cfg, err) < 0 || check_ram(cfg, err) < 0)
		return NULL;
	struct mm *m = calloc(1, sizeof *m);
	if (!m) {
		mm_fail(err, "STATUS_NO_MEMORY", -1, "host memory exhausted booting the machine");
		return NULL;
	}
	m->cfg = *cfg;
	m->arch = arch_get(cfg->arch);
	m->npages = (uint32_t)(cfg->ram / MM_PAGE_SIZE);
	m->next_pid = 0x3a8; /* pids are multiples of 4, as on Windows */
	layout_init(m);
	if (hist_init(&m->hist) < 0 || pfn_init(m) < 0 || physmem_init(m) < 0 || pagefiles_init(m) < 0 ||
	    tlb_alloc(m) < 0 || vad_init(m) < 0 || wsmgr_init(m) < 0 ||
	    pool_init(m) < 0) {
		mm_fail(err, "STATUS_NO_MEMORY", -1, "host memory exhausted booting the machine");
		mm_free(m);
		return NULL;
	}
	m->hist.recording = false;
	m->use_count[USE_NONE] = m->npages;
	image_init(m);
	if (process_boot_system(m, err) < 0 || kernel_boot_map(m, err) < 0) {
		mm_free(m);
		return NULL;
	}
	commit_init(m);
	m->hist.recording = true;
	return m;
}

void mm_free(struct mm *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->npagefiles; i++) {
		free(m->pagefile[i].bitmap);
		free(m->pagefile[i].content);
	}
	free(m->tlb);
	free(m->tlb_next);
	for (size_t i = 0; i < m->narena; i++)
		free(m->arena[i]);
	free(m->arena);
	vad_fini(m);
	wsmgr_fini(m);
	pool_fini(m);
	physmem_fini(m);
	pfn_fini(m);
	hist_fini(&m->hist);
	free(m);
}
