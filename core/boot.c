/*
 * boot.c — booting a machine (mm_new) and taking it apart (mm_free), above
 * every layer of the machine: the paging mode and layout (hw/arch.c), the
 * PFN database, RAM contents, page files, TLB, VADs, working sets, pools,
 * the System process with KUSER_SHARED_DATA, the kernel image, built-in
 * images, and the commit limit, each made by the module of its name.
 * Only the command language (reset) and the user interface call it
 * (docs/architecture.md "Layers").
 *
 * Booting is not journaled: the booted machine is the origin of the
 * history, the state that stepping back to the very beginning shows.
 */
#include "base/machine.h"
#include "hw/arch.h"

#include <setjmp.h>
#include <stdlib.h>

#include "mm/commit.h"
#include "mm/image.h"
#include "mm/kernel.h"
#include "mm/pagefile.h"
#include "mm.h"
#include "hw/paging.h"
#include "mm/pool.h"
#include "mm/pfn.h"
#include "hw/physmem.h"
#include "hw/tlb.h"
#include "mm/process.h"
#include "mm/vad.h"
#include "mm/wsmgr.h"
#include "base/basemsg.h"

static int check_ram(const struct mm_config *cfg, struct mm_err *err)
{
	if (cfg->arch == MM_ARCH_X86 && cfg->ram > (4ull << 30))
		return mm_fail_tr(err, "ERROR_INVALID_PARAMETER", -1, BM_BOOT_X86_RAM);
	return 0;
}

struct mm *mm_new(const struct mm_config *cfg, struct mm_err *err)
{
	if (mm_config_validate(cfg, err) < 0 || check_ram(cfg, err) < 0)
		return NULL;
	struct mm_alloc alloc = {cfg->alloc, cfg->alloc_ud};
	struct mm *m = mm_calloc(&alloc, 1, sizeof *m);
	if (!m) {
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_BOOT_OOM);
		return NULL;
	}
	m->cfg = *cfg;
	m->cfg.os = mm_config_os(cfg); /* the machine runs a definite version */
	m->alloc = alloc;
	m->arch = arch_get(cfg->arch);
	m->npages = (uint32_t)(cfg->ram / MM_PAGE_SIZE);
	m->next_pid = 0x3a8; /* pids are multiples of 4, as on Windows */
	arch_layout(m->arch, m->cfg.os, cfg->three_gb, &m->lay);
	if (hist_init_with(&m->hist, &m->alloc) < 0 || pfn_init(m) < 0 || physmem_init(m) < 0 || pagefile_init(m) < 0 ||
	    tlb_init(m) < 0 || vad_init(m) < 0 || wsmgr_init(m) < 0 ||
	    pool_init(m) < 0) {
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_BOOT_OOM);
		mm_free(m);
		return NULL;
	}
	m->hist.recording = false;
	m->hist.limit = mm_config_history_limit(cfg);
	m->use_count[USE_NONE] = m->npages;
	/* A slab that cannot grow while the System process and the kernel are
	 * made (frame contents, working-set entries, VADs) throws back here
	 * (hist_throw_oom), as it throws to the session during a command. */
	jmp_buf oom;
	if (setjmp(oom)) {
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_BOOT_OOM);
		mm_free(m);
		return NULL;
	}
	m->hist.oom_jmp = &oom;
	image_init(m);
	if (process_boot_system(m, err) < 0 || kernel_boot_map(m, err) < 0) {
		mm_free(m);
		return NULL;
	}
	m->hist.oom_jmp = NULL;
	if (m->hist.oom) { /* a slab limit was met (wsmgr_add and friends note it and go on) */
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_BOOT_OOM);
		mm_free(m);
		return NULL;
	}
	commit_init_limit(m);
	wsmgr_init_maximum(m); /* both where MmInitSystem sets them */
	return m; /* recording stays off until a command begins (event.h) */
}

void mm_free(struct mm *m)
{
	if (!m)
		return;
	pagefile_fini(m);
	tlb_fini(m);
	for (size_t i = 0; i < m->narena; i++)
		mm_free_mem(&m->alloc, m->arena[i].p, m->arena[i].size);
	mm_free_mem(&m->alloc, m->arena, m->caparena * sizeof *m->arena);
	vad_fini(m);
	wsmgr_fini(m);
	pool_fini(m);
	physmem_fini(m);
	pfn_fini(m);
	hist_fini(&m->hist);
	struct mm_alloc alloc = m->alloc;
	mm_free_mem(&alloc, m, sizeof *m);
}
