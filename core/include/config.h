/*
 * config.h — what a simulated machine is built from: paging mode, Windows
 * version, RAM, page files, TLB size, seed. Filled from defaults, then a
 * scenario's "machine" block, then command-line options (docs/cli.md CLI-PRECEDENCE: options
 * given explicitly win over the scenario).
 */
#ifndef MM_CONFIG_H
#define MM_CONFIG_H

#include "types.h"

enum mm_arch { MM_ARCH_X86, MM_ARCH_PAE, MM_ARCH_X64, MM_ARCH_COUNT };
/* The Windows version. MM_OS_AUTO (the default) is the system that runs
 * the paging mode: Windows XP / Server 2003 on x86 without PAE, Windows 10
 * on PAE and x64 (mm_config_os). */
enum mm_os { MM_OS_WIN10, MM_OS_WIN7, MM_OS_XP, MM_OS_COUNT, MM_OS_AUTO = MM_OS_COUNT };

/* The names the command line and `machine` use, indexed by the enums. */
extern const char *const mm_arch_names[MM_ARCH_COUNT];
extern const char *const mm_os_names[MM_OS_COUNT];

/* The limits of a machine, in one place for the command line, a
 * scenario's `machine` block and boot alike (docs/cli.md CLI-OPTIONS;
 * why they are what they are: config.c). Where the paging mode lowers one,
 * mm_config_ram_max / mm_config_pagefile_max say by how much. */
#define MM_MAX_PAGEFILES 16
#define MM_RAM_MIN (1ull << 20)         /* 1 MiB */
#define MM_RAM_MAX (64ull << 30)        /* 64 GiB */
#define MM_PAGEFILE_MIN (1ull << 20)    /* 1 MiB = 256 pages */
#define MM_PAGEFILE_MAX (64ull << 30)   /* 64 GiB */
#define MM_HISTORY_MIN (16ull << 20)   /* --history-limit: 16 MiB .. */
#define MM_HISTORY_MAX (1ull << 40)    /* .. 1 TiB */
#define MM_HISTORY_DEFAULT_MAX (4ull << 30) /* the default: a quarter of the host's RAM, at most 4 GiB */
#define MM_TLB_MIN 4
#define MM_TLB_MAX 4096

struct mm_config {
	enum mm_arch arch;
	enum mm_os os;
	uint64_t ram;                       /* bytes, a multiple of 4 KB */
	int npagefiles;                     /* 0 .. MM_MAX_PAGEFILES */
	uint64_t pagefile[MM_MAX_PAGEFILES];/* bytes each */
	int tlb_entries;                    /* a power of two, 4 .. 4096 */
	bool three_gb;                      /* --3gb: the /3GB boot option (x86 and PAE) */
	uint64_t seed;
	int lang;                           /* 0 en, 1 de */
	mm_alloc_fn alloc;                  /* host allocator (types.h); NULL = the default (malloc, mmap) */
	void *alloc_ud;                     /* its first argument */
	uint64_t history_limit;             /* bytes of history a session keeps (docs/cli.md CLI-OPTIONS); 0: the default */
};

/* The defaults of docs/cli.md CLI-OPTIONS: x64, the OS of the paging mode (win10), 64M RAM, one page file of 2 x RAM,
 * a 64-entry TLB, a fixed seed. */
void mm_config_default(struct mm_config *cfg);

/* Parses a size as docs/cli.md CLI-SIZES and CMD-LEX accept it: decimal, 0x hex, an
 * optional K/M/G suffix (powers of 1024). Returns 0 or -1 with err set
 * (arg = argi). */
int mm_parse_size(const char *s, uint64_t *out, int argi, struct mm_err *err);

/* Name <-> enum for --arch and --os; return -1 when unknown. */
int mm_arch_parse(const char *s, enum mm_arch *out);
int mm_os_parse(const char *s, enum mm_os *out);
const char *mm_arch_name(enum mm_arch a);
const char *mm_os_name(enum mm_os o);
/* The Windows version a machine runs: cfg->os, or for MM_OS_AUTO the one
 * of its paging mode. */
enum mm_os mm_config_os(const struct mm_config *cfg);

/* The largest RAM and the largest page file of a paging mode (64 GiB;
 * less on x86 without PAE). */
uint64_t mm_config_ram_max(enum mm_arch a);
uint64_t mm_config_pagefile_max(enum mm_arch a);
/* The one page file a machine gets when none is given (docs/cli.md
 * CLI-PRECEDENCE): twice its RAM, at most the largest page file of its mode. */
uint64_t mm_config_default_pagefile(const struct mm_config *cfg);
/* The history limit a machine gets: cfg->history_limit, or when that is 0
 * a quarter of the host's RAM, 64 MiB .. MM_HISTORY_DEFAULT_MAX. */
uint64_t mm_config_history_limit(const struct mm_config *cfg);
/* Is t a TLB size (a power of two, MM_TLB_MIN..MM_TLB_MAX)? */
bool mm_config_tlb_ok(uint64_t t);

/* Checks ranges (RAM 1 MiB..64 GiB, page-file sizes 1 MiB..64 GiB or the
 * mode's maximum, at most 16 page files, TLB size). Returns 0 or -1
 * naming the field. */
int mm_config_validate(const struct mm_config *cfg, struct mm_err *err);

#endif
