/*
 * 01_config.c — the machine configuration: the defaults docs/cli.md CLI-OPTIONS promises,
 * size and name parsing as the command line uses it, and every range
 * check with the message a user sees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"

#define assert_contains(hay, needle)                                                   \
	do {                                                                           \
		if (!strstr((hay), (needle)))                                          \
			fail_msg("'%s' does not contain '%s'", (hay), (needle));      \
	} while (0)

/* Validation must fail, with code "config" and a message holding each of
 * the given fragments. */
static void expect_invalid(const struct mm_config *cfg, const char *frag1, const char *frag2)
{
	struct mm_err err;
	mm_err_clear(&err);
	assert_int_equal(mm_config_validate(cfg, &err), -1);
	assert_non_null(err.code);
	assert_string_equal(err.code, "config");
	assert_contains(err.msg, frag1);
	if (frag2)
		assert_contains(err.msg, frag2);
}

static void expect_valid(const struct mm_config *cfg)
{
	struct mm_err err;
	mm_err_clear(&err);
	if (mm_config_validate(cfg, &err) != 0)
		fail_msg("unexpectedly invalid: %s", err.msg);
}

static void test_defaults(void **state)
{
	struct mm_config cfg;
	memset(&cfg, 0xAB, sizeof cfg);
	mm_config_default(&cfg);
	assert_int_equal(cfg.arch, MM_ARCH_X64);
	assert_int_equal(cfg.os, MM_OS_AUTO); /* the paging mode's: win10 on x64 */
	assert_int_equal(mm_config_os(&cfg), MM_OS_WIN10);
	assert_int_equal(cfg.ram, 64ull << 20);
	assert_int_equal(cfg.npagefiles, 1);
	assert_int_equal(cfg.pagefile[0], 128ull << 20);
	assert_int_equal(cfg.pagefile[1], 0);
	assert_int_equal(cfg.tlb_entries, 64);
	assert_int_equal(cfg.seed, 1);
	assert_int_equal(cfg.lang, 0);
	expect_valid(&cfg);
}

static void test_parse_size(void **state)
{
	static const struct {
		const char *s;
		uint64_t v;
	} ok[] = {
		{"64M", 64ull << 20}, {"16m", 16ull << 20}, {"4G", 4ull << 30}, {"1k", 1024},
		{"0x1000", 0x1000}, {"0x10M", 16ull << 20}, {"67108864", 67108864},
		{"0", 0},
	};
	size_t i;
	uint64_t v;
	struct mm_err err;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		v = 0;
		assert_int_equal(mm_parse_size(ok[i].s, &v, 1, &err), 0);
		assert_int_equal(v, ok[i].v);
	}
	assert_int_equal(mm_parse_size("sixty", &v, 2, &err), -1);
	assert_string_equal(err.code, "syntax");
	assert_int_equal(err.arg, 2);
	assert_contains(err.msg, "'sixty'");
	assert_int_equal(mm_parse_size("", &v, 1, &err), -1);
	assert_int_equal(mm_parse_size("-1M", &v, 1, &err), -1);
	assert_int_equal(mm_parse_size("64MB", &v, 1, &err), -1);
	assert_int_equal(mm_parse_size("99999999999G", &v, 1, &err), -1);
	assert_contains(err.msg, "64 bits");
	/* a size on the command line is never a $variable */
	assert_int_equal(mm_parse_size("$ram", &v, 1, &err), -1);
	assert_string_equal(err.code, "syntax");
	assert_contains(err.msg, "not allowed");
}

static void test_names(void **state)
{
	enum mm_arch a = MM_ARCH_X64;
	enum mm_os o = MM_OS_WIN10;

	assert_int_equal(mm_arch_parse("x86", &a), 0);
	assert_int_equal(a, MM_ARCH_X86);
	assert_int_equal(mm_arch_parse("PAE", &a), 0);
	assert_int_equal(a, MM_ARCH_PAE);
	assert_int_equal(mm_arch_parse("X64", &a), 0);
	assert_int_equal(a, MM_ARCH_X64);
	assert_int_equal(mm_arch_parse("arm64", &a), -1);
	assert_int_equal(mm_arch_parse("", &a), -1);
	assert_int_equal(a, MM_ARCH_X64);          /* unchanged on failure */
	assert_int_equal(mm_os_parse("win7", &o), 0);
	assert_int_equal(o, MM_OS_WIN7);
	assert_int_equal(mm_os_parse("Win10", &o), 0);
	assert_int_equal(o, MM_OS_WIN10);
	assert_int_equal(mm_os_parse("win11", &o), -1);

	assert_string_equal(mm_arch_name(MM_ARCH_X86), "x86");
	assert_string_equal(mm_arch_name(MM_ARCH_PAE), "pae");
	assert_string_equal(mm_arch_name(MM_ARCH_X64), "x64");
	assert_string_equal(mm_os_name(MM_OS_WIN10), "win10");
	assert_string_equal(mm_os_name(MM_OS_WIN7), "win7");
}

static void test_ram(void **state)
{
	struct mm_config cfg;
	mm_config_default(&cfg);

	cfg.ram = 1ull << 20;
	expect_valid(&cfg);
	cfg.ram = (1ull << 20) - 4096;
	expect_invalid(&cfg, "ram", "1 MB .. 64 GB");
	cfg.ram = 64ull << 30;
	expect_valid(&cfg);
	cfg.ram = (64ull << 30) + 4096;
	expect_invalid(&cfg, "ram", "64 GB");
	cfg.ram = (16ull << 20) + 1;
	expect_invalid(&cfg, "ram", "multiple of 4 KB");

	/* x86 without PAE: a 20-bit PFN ends physical memory at 4 GB */
	cfg.arch = MM_ARCH_X86;
	cfg.ram = 4ull << 30;
	expect_valid(&cfg);
	cfg.ram = 8ull << 30;
	expect_invalid(&cfg, "ram", "x86");
	cfg.arch = MM_ARCH_PAE;
	expect_valid(&cfg);
}

static void test_pagefiles(void **state)
{
	struct mm_config cfg;
	int i;
	mm_config_default(&cfg);

	cfg.npagefiles = 0;
	expect_valid(&cfg);
	cfg.npagefiles = 16;
	for (i = 0; i < 16; i++)
		cfg.pagefile[i] = 1ull << 20;          /* 256 pages, the minimum */
	expect_valid(&cfg);
	cfg.npagefiles = 17;
	expect_invalid(&cfg, "at most 16", NULL);
	cfg.npagefiles = -1;
	expect_invalid(&cfg, "pagefile", NULL);

	cfg.npagefiles = 3;
	cfg.pagefile[2] = (1ull << 20) - 4096;     /* 255 pages */
	expect_invalid(&cfg, "pagefile 3", "256 pages");
	cfg.pagefile[2] = (2ull << 20) + 100;
	expect_invalid(&cfg, "pagefile 3", "multiple of 4 KB");

	/* the maximum is (1M-1) pages on x86, 64 GiB on PAE and x64, as for
	 * RAM and as in a scenario (the same limit everywhere: 16383G was
	 * accepted once and !vm printed a negative commit limit) */
	cfg.npagefiles = 1;
	cfg.arch = MM_ARCH_X86;
	cfg.pagefile[0] = ((1ull << 20) - 1) << 12;
	expect_valid(&cfg);
	cfg.pagefile[0] = (1ull << 20) << 12;
	expect_invalid(&cfg, "pagefile 1", "1048575 pages on x86");
	cfg.arch = MM_ARCH_PAE;
	expect_valid(&cfg);
	cfg.arch = MM_ARCH_X64;
	cfg.pagefile[0] = MM_PAGEFILE_MAX;
	expect_valid(&cfg);
	cfg.pagefile[0] = MM_PAGEFILE_MAX + 4096;
	expect_invalid(&cfg, "pagefile 1", "1 MB (256 pages) .. 64 GB, got");
	cfg.pagefile[0] = 16383ull << 30;
	expect_invalid(&cfg, "pagefile 1", "got 16383 GB");
	assert_int_equal(mm_config_pagefile_max(MM_ARCH_PAE), MM_PAGEFILE_MAX);
	assert_int_equal(mm_config_ram_max(MM_ARCH_X86), 4ull << 30);
}

/* With no page file given a machine has one of twice its RAM, cut to the
 * largest its mode allows: x86 with 2 GB or more of RAM, 64 GB of RAM. */
static void test_default_pagefile(void **state)
{
	struct mm_config cfg;
	mm_config_default(&cfg);
	assert_int_equal(mm_config_default_pagefile(&cfg), 128ull << 20);
	cfg.ram = 64ull << 30;
	assert_int_equal(mm_config_default_pagefile(&cfg), 64ull << 30);
	cfg.pagefile[0] = mm_config_default_pagefile(&cfg);
	expect_valid(&cfg);
	cfg.arch = MM_ARCH_X86;
	cfg.ram = 2ull << 30;
	assert_int_equal(mm_config_default_pagefile(&cfg), ((1ull << 20) - 1) << 12);
	cfg.pagefile[0] = mm_config_default_pagefile(&cfg);
	expect_valid(&cfg);
	assert_true(mm_config_tlb_ok(4) && mm_config_tlb_ok(4096));
	assert_false(mm_config_tlb_ok(2) || mm_config_tlb_ok(8192) || mm_config_tlb_ok(48));
}

static void test_tlb_and_rest(void **state)
{
	struct mm_config cfg;
	static const int good[] = {4, 8, 64, 1024, 4096};
	static const int bad[] = {0, 2, 3, 48, 8192, -64};
	size_t i;

	mm_config_default(&cfg);
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		cfg.tlb_entries = good[i];
		expect_valid(&cfg);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cfg.tlb_entries = bad[i];
		expect_invalid(&cfg, "tlb", "power of two from 4 to 4096");
	}
	mm_config_default(&cfg);
	cfg.lang = 2;
	expect_invalid(&cfg, "lang", NULL);
	mm_config_default(&cfg);
	cfg.arch = (enum mm_arch)7;
	expect_invalid(&cfg, "arch", "x86, pae or x64");
	mm_config_default(&cfg);
	cfg.seed = UINT64_MAX;                     /* any seed is fine */
	expect_valid(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_ram),
		cmocka_unit_test(test_pagefiles),
		cmocka_unit_test(test_default_pagefile),
		cmocka_unit_test(test_tlb_and_rest),
	};
	return cmocka_run_group_tests_name("01_config", tests, NULL, NULL);
}
