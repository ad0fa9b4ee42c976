/*
 * 02_lex.c — the command language's lexical rules (docs/commands.md CMD-LEX): how a
 * line splits into words, every number form, $variables, flag expressions,
 * keywords, and the error a user sees for each kind of mistake.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lang/lex.h"

#define assert_contains(hay, needle)                                                   \
	do {                                                                           \
		if (!strstr((hay), (needle)))                                          \
			fail_msg("'%s' does not contain '%s'", (hay), (needle));      \
	} while (0)

#define assert_not_contains(hay, needle)                                               \
	do {                                                                           \
		if (strstr((hay), (needle)))                                           \
			fail_msg("'%s' contains '%s'", (hay), (needle));              \
	} while (0)

static struct lex_line L;   /* 8 KB: kept off the stack */

/* ---- splitting ---- */

static void split_ok(const char *line)
{
	struct mm_err err;
	mm_err_clear(&err);
	if (lex_split(line, &L, &err) != 0)
		fail_msg("lex_split(\"%s\") failed: %s", line, err.msg);
}

static void split_fails(const char *line, int arg, const char *frag)
{
	struct mm_err err;
	mm_err_clear(&err);
	assert_int_equal(lex_split(line, &L, &err), -1);
	assert_string_equal(err.code, LEX_ERR_SYNTAX);
	assert_int_equal(err.arg, arg);
	assert_contains(err.msg, frag);
	assert_int_equal(L.nwords, 0);
	assert_false(L.empty);
	assert_string_equal(L.assign, "");
}

/* A line is UTF-8 text (CMD-LEX): a control character or a byte that is
 * no UTF-8 is refused, naming the byte, before anything else; tab, CR and
 * newline are blanks; UTF-8 beyond ASCII is welcome. */
static void test_split_text_only(void **state)
{
	split_fails("say hi\x1b[31m", -1, "byte 7 of the line is the control character U+001B");
	split_fails("say \"a\x01\"", -1, "control character U+0001");
	split_fails("say \x7f", -1, "U+007F");
	split_fails("say \xc2\x9b" "2J", -1, "byte 5 of the line is the control character U+009B");
	split_fails("say \xff", -1, "byte 5 of the line (0xff) is not UTF-8");
	split_fails("say \xc0\x80", -1, "(0xc0) is not UTF-8");        /* an overlong NUL */
	split_fails("say \xed\xa0\x80", -1, "(0xed) is not UTF-8");    /* a surrogate */
	split_fails("# \x1b in a comment too", -1, "U+001B");
	split_fails("say a\vb", -1, "U+000B");
	split_ok("say tab\there\r\n");
	assert_int_equal(L.nwords, 3);
	split_ok("say \"Übergangs-PTE\" 😀");
	assert_string_equal(L.word[1], "Übergangs-PTE");
}

static void test_split_words(void **state)
{
	split_ok("VirtualAlloc 0 64K\tMEM_RESERVE|MEM_COMMIT   PAGE_READWRITE\r\n");
	assert_false(L.empty);
	assert_int_equal(L.nwords, 5);
	assert_string_equal(L.word[0], "VirtualAlloc");
	assert_string_equal(L.word[1], "0");
	assert_string_equal(L.word[2], "64K");
	assert_string_equal(L.word[3], "MEM_RESERVE|MEM_COMMIT");
	assert_string_equal(L.word[4], "PAGE_READWRITE");
	assert_string_equal(L.assign, "");
	assert_string_equal(L.rest[0], "VirtualAlloc 0 64K\tMEM_RESERVE|MEM_COMMIT   PAGE_READWRITE");
	assert_string_equal(L.rest[3], "MEM_RESERVE|MEM_COMMIT   PAGE_READWRITE");
	assert_string_equal(L.rest[4], "PAGE_READWRITE");
}

static void test_split_empty(void **state)
{
	static const char *const blank[] = {"", "   ", "\t\r\n", "# a comment", "   # indented # twice  \n"};
	size_t i;
	for (i = 0; i < sizeof blank / sizeof blank[0]; i++) {
		split_ok(blank[i]);
		assert_true(L.empty);
		assert_int_equal(L.nwords, 0);
	}
	split_ok("tick");
	assert_false(L.empty);
	assert_int_equal(L.nwords, 1);
}

static void test_split_comments_and_rest(void **state)
{
	split_ok("read 0x1000 # look at the first page");
	assert_int_equal(L.nwords, 2);
	assert_string_equal(L.word[1], "0x1000");
	assert_string_equal(L.rest[1], "0x1000");

	split_ok("say   Hello,   world!  # narration");
	assert_int_equal(L.nwords, 3);
	assert_string_equal(L.rest[1], "Hello,   world!");

	split_ok("read 0x1000#no blank before the comment");
	assert_int_equal(L.nwords, 2);
	assert_string_equal(L.word[1], "0x1000");

	/* '#' inside quotes is text; the comment after the quotes is not */
	split_ok("say \"step #1: reserve\" # comment");
	assert_int_equal(L.nwords, 2);
	assert_string_equal(L.word[1], "step #1: reserve");
	assert_string_equal(L.rest[1], "\"step #1: reserve\"");
}

static void test_split_quotes(void **state)
{
	split_ok("CreateFile \"my file.bin\" 4K");
	assert_int_equal(L.nwords, 3);
	assert_string_equal(L.word[1], "my file.bin");
	assert_string_equal(L.word[2], "4K");

	split_ok("say \"he said \\\"hi\\\" \\\\o/\"");
	assert_int_equal(L.nwords, 2);
	assert_string_equal(L.word[1], "he said \"hi\" \\o/");

	/* other backslashes stay: Windows paths survive, quoted or not */
	split_ok("LoadLibrary \"C:\\dir\\x.dll\" C:\\tmp\\y.dll");
	assert_string_equal(L.word[1], "C:\\dir\\x.dll");
	assert_string_equal(L.word[2], "C:\\tmp\\y.dll");

	split_ok("process create name=\"two words\"tail");
	assert_int_equal(L.nwords, 3);
	assert_string_equal(L.word[2], "name=two wordstail");

	split_ok("say \"\"");
	assert_int_equal(L.nwords, 2);
	assert_string_equal(L.word[1], "");

	split_fails("say \"no end", 1, "unterminated quote");
	split_fails("say \"ends in escape\\\"", 1, "unterminated");
	split_fails("say ok \"open # not a comment", 2, "unterminated");
}

static void test_split_assignment(void **state)
{
	split_ok("$p = VirtualAlloc 0 64K MEM_COMMIT PAGE_READWRITE");
	assert_string_equal(L.assign, "p");
	assert_int_equal(L.nwords, 5);
	assert_string_equal(L.word[0], "VirtualAlloc");
	assert_string_equal(L.rest[1], "0 64K MEM_COMMIT PAGE_READWRITE");

	split_ok("  $_heap1=GetProcessHeap");
	assert_string_equal(L.assign, "_heap1");
	assert_int_equal(L.nwords, 1);
	assert_string_equal(L.word[0], "GetProcessHeap");

	split_ok("$Base =process create app.exe # keeps case");
	assert_string_equal(L.assign, "Base");
	assert_string_equal(L.word[0], "process");

	/* no '=': not an assignment, the variable is the command word */
	split_ok("$p");
	assert_string_equal(L.assign, "");
	assert_string_equal(L.word[0], "$p");
	split_ok("read $p+0x10");
	assert_string_equal(L.assign, "");

	split_fails("$1p = GetProcessHeap", -1, "must start with a letter");
	split_fails("$ = GetProcessHeap", -1, "expected a variable name");
	split_fails("$p =", -1, "needs a command");
	split_fails("$p =   # only a comment", -1, "needs a command");
	split_ok("$a123456789012345678901234567890123456789012345678901234567890ab = tick");
	assert_int_equal((int)strlen(L.assign), 63);
	split_fails("$a123456789012345678901234567890123456789012345678901234567890abc = tick", -1,
		"longer than 63");
}

static void test_split_word_limit(void **state)
{
	char line[512];
	int i, n = 0;

	for (i = 0; i < 32; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "w%d ", i);
	split_ok(line);
	assert_int_equal(L.nwords, 32);
	assert_string_equal(L.word[31], "w31");

	snprintf(line + n, sizeof line - (size_t)n, "w32 w33");
	split_fails(line, 32, "at most 32 per command; word 33 is 'w32'");

	/* the assignment is not one of the 32 */
	n = snprintf(line, sizeof line, "$x = ");
	for (i = 0; i < 32; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "w%d ", i);
	split_ok(line);
	assert_int_equal(L.nwords, 32);
	assert_string_equal(L.assign, "x");
}

static void test_split_long_lines(void **state)
{
	static char line[LEX_MAX_LINE + 64];

	memset(line, 'x', sizeof line);
	memcpy(line, "say ", 4);
	line[LEX_MAX_LINE] = '\0';                  /* exactly 4096 bytes */
	split_ok(line);
	assert_int_equal(L.nwords, 2);
	assert_int_equal((int)strlen(L.word[1]), LEX_MAX_LINE - 4);

	line[LEX_MAX_LINE] = 'x';
	line[LEX_MAX_LINE + 1] = '\0';              /* 4097 bytes */
	split_fails(line, -1, "longer than 4096");

	/* 4096 one-letter words would need 2048 slots: the word limit fires,
	 * and the word buffer is never overrun */
	memset(line, ' ', sizeof line);
	for (int i = 0; i < LEX_MAX_LINE; i += 2)
		line[i] = 'a';
	line[LEX_MAX_LINE] = '\0';
	split_fails(line, 32, "too many words");
}

/* ---- numbers ---- */

static uint64_t num_ok(const char *w, const struct lex_vars *vars)
{
	struct mm_err err;
	uint64_t v = 0xDEAD;
	mm_err_clear(&err);
	if (lex_number(w, vars, &v, 1, &err) != 0)
		fail_msg("lex_number(\"%s\") failed: %s", w, err.msg);
	return v;
}

static void num_fails(const char *w, const struct lex_vars *vars, const char *code,
	const char *frag)
{
	struct mm_err err;
	uint64_t v = 0xDEAD;
	mm_err_clear(&err);
	if (lex_number(w, vars, &v, 3, &err) != -1)
		fail_msg("lex_number(\"%s\") accepted: %#llx", w, (unsigned long long)v);
	assert_string_equal(err.code, code);
	assert_int_equal(err.arg, 3);
	assert_contains(err.msg, frag);
	assert_int_equal(v, 0xDEAD);
}

static void test_number_decimal_hex(void **state)
{
	assert_int_equal(num_ok("4096", NULL), 4096);
	assert_int_equal(num_ok("0", NULL), 0);
	assert_int_equal(num_ok("007", NULL), 7);
	assert_int_equal(num_ok("18446744073709551615", NULL), UINT64_MAX);
	assert_int_equal(num_ok("0x1000", NULL), 0x1000);
	assert_int_equal(num_ok("0X1f", NULL), 0x1f);
	assert_int_equal(num_ok("0xFFFFFFFFFFFFFFFF", NULL), UINT64_MAX);
	assert_int_equal(num_ok("0x00000000000000000001", NULL), 1);

	num_fails("18446744073709551616", NULL, "syntax", "does not fit in 64 bits");
	num_fails("0x10000000000000000", NULL, "syntax", "does not fit in 64 bits");
	num_fails("xyz", NULL, "syntax", "got 'xyz'");
	num_fails("0x", NULL, "syntax", "expected a number");
	num_fails("0xg", NULL, "syntax", "expected a number");
	num_fails("", NULL, "syntax", "got ''");
	num_fails("-1", NULL, "syntax", "got '-1'");
	num_fails("+1", NULL, "syntax", "got '+1'");
	num_fails("1.5", NULL, "syntax", "got '1.5'");
	num_fails("1f", NULL, "syntax", "got '1f'");       /* hex needs 0x */
	/* junk is a syntax error even when the digits would overflow */
	num_fails("99999999999999999999999z", NULL, "syntax", "expected a number");
}

static void test_number_error_text(void **state)
{
	struct lex_vars *vars = lex_vars_new();
	struct mm_err err;
	uint64_t v;
	char longw[200];

	assert_int_equal(lex_number("xyz", vars, &v, 2, &err), -1);
	assert_string_equal(err.msg, "expected a number: 4096, 0x1000, 00007ff6`12340000, 64K or "
		"$var+0x1000, got 'xyz'");
	assert_int_equal(err.arg, 2);
	/* without a variable table the $var form is not offered */
	assert_int_equal(lex_number("xyz", NULL, &v, 2, &err), -1);
	assert_not_contains(err.msg, "$var");

	memset(longw, 'q', sizeof longw - 1);
	longw[sizeof longw - 1] = '\0';
	assert_int_equal(lex_number(longw, vars, &v, 1, &err), -1);
	assert_contains(err.msg, "qqq...'");
	assert_true(strlen(err.msg) < sizeof err.msg - 1);
	lex_vars_free(vars);
}

static void test_number_windbg(void **state)
{
	assert_int_equal(num_ok("00007ff6`12340000", NULL), 0x00007ff612340000ull);
	assert_int_equal(num_ok("0x00007ff6`12340000", NULL), 0x00007ff612340000ull);
	assert_int_equal(num_ok("1`00000000", NULL), 0x100000000ull);
	assert_int_equal(num_ok("FFFFFFFF`FFFFFFFF", NULL), UINT64_MAX);
	assert_int_equal(num_ok("fffff800`00000000", NULL), 0xfffff80000000000ull);

	num_fails("`12340000", NULL, "syntax", "WinDbg");
	num_fails("123456789`00000000", NULL, "syntax", "WinDbg");   /* 9 high digits */
	num_fails("7ff6`1234", NULL, "syntax", "WinDbg");            /* short low half */
	num_fails("7ff6`123400000", NULL, "syntax", "exactly 8 hex digits");
	num_fails("7ff6`1234000g", NULL, "syntax", "WinDbg");
	num_fails("7ff6`12`340000", NULL, "syntax", "WinDbg");
	num_fails("7ff6`12340000K", NULL, "syntax", "WinDbg");       /* no suffix on addresses */
	num_fails("7ffg`12340000", NULL, "syntax", "got '7ffg`12340000'");
}

static void test_number_suffixes(void **state)
{
	assert_int_equal(num_ok("64K", NULL), 65536);
	assert_int_equal(num_ok("64k", NULL), 65536);
	assert_int_equal(num_ok("2M", NULL), 2u << 20);
	assert_int_equal(num_ok("1m", NULL), 1u << 20);
	assert_int_equal(num_ok("1G", NULL), 1u << 30);
	assert_int_equal(num_ok("16g", NULL), 16ull << 30);
	assert_int_equal(num_ok("0x10K", NULL), 0x4000);
	assert_int_equal(num_ok("0x1g", NULL), 1u << 30);
	assert_int_equal(num_ok("0K", NULL), 0);
	assert_int_equal(num_ok("17179869183G", NULL), 17179869183ull << 30);

	num_fails("17179869184G", NULL, "syntax", "'17179869184G' wraps around 2^64");  /* exactly 2^64 */
	num_fails("0x400000000000M", NULL, "syntax", "wraps around 2^64: it does not fit in 64 bits");
	num_fails("K", NULL, "syntax", "expected a number");
	num_fails("64KB", NULL, "syntax", "got '64KB'");
	num_fails("1T", NULL, "syntax", "got '1T'");
	num_fails("64KK", NULL, "syntax", "got '64KK'");
}

static void test_number_variables(void **state)
{
	struct lex_vars *vars = lex_vars_new();
	assert_non_null(vars);
	assert_int_equal(lex_vars_set(vars, "p", 0x10000, NULL), 0);
	assert_int_equal(lex_vars_set(vars, "m", UINT64_MAX - 1, NULL), 0);

	assert_int_equal(num_ok("$p", vars), 0x10000);
	assert_int_equal(num_ok("$p+0x1000", vars), 0x11000);
	assert_int_equal(num_ok("$p-4K", vars), 0xF000);
	assert_int_equal(num_ok("$p+4096", vars), 0x11000);
	assert_int_equal(num_ok("$p+0", vars), 0x10000);
	assert_int_equal(num_ok("$p-0x10000", vars), 0);
	assert_int_equal(num_ok("$p+00000001`00000000", vars), 0x100010000ull);
	assert_int_equal(num_ok("$m+1", vars), UINT64_MAX);
	assert_int_equal(num_ok("4K", vars), 4096);         /* plain numbers still work */

	num_fails("$p-0x10001", vars, "syntax", "'$p-0x10001' wraps around below 0 ($p = 0x10000)");
	num_fails("$m+2", vars, "syntax", "'$m+2' wraps around 2^64: it does not fit in 64 bits");
	num_fails("$p+", vars, "syntax", "expected a number");
	num_fails("$p*2", vars, "syntax", "expected a number");
	num_fails("$p+$p", vars, "syntax", "expected a number");
	num_fails("$p+1x", vars, "syntax", "got '$p+1x'");
	num_fails("$", vars, "syntax", "expected a number");
	num_fails("$1", vars, "syntax", "expected a number");
	num_fails("$p+0x10000000000000000", vars, "syntax", "64 bits");

	/* unknown names, case-sensitive */
	num_fails("$q", vars, "unknown", "unknown variable $q; defined: $p, $m");
	num_fails("$P+0x10", vars, "unknown", "unknown variable $P;");
	/* no table: variables are not allowed at all */
	num_fails("$p", NULL, "syntax", "not allowed");
	lex_vars_free(vars);
}

static void test_number_unknown_lists_eight(void **state)
{
	struct lex_vars *vars = lex_vars_new();
	char name[16];
	int i;

	num_fails("$x", vars, "unknown", "unknown variable $x; no variables are defined");
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof name, "v%d", i);
		assert_int_equal(lex_vars_set(vars, name, (uint64_t)i, NULL), 0);
	}
	num_fails("$x", vars, "unknown", "defined: $v0, $v1, $v2, $v3, $v4, $v5, $v6, $v7, ...");
	lex_vars_free(vars);
}

/* ---- the variable table ---- */

static void test_vars_table(void **state)
{
	struct lex_vars *vars = lex_vars_new();
	struct mm_err err;
	const char *name;
	uint64_t v;

	assert_int_equal(lex_vars_count(vars), 0);
	assert_int_equal(lex_vars_get(vars, "a", &v), -1);
	assert_int_equal(lex_vars_set(vars, "a", 1, &err), 0);
	assert_int_equal(lex_vars_set(vars, "B", 2, &err), 0);
	assert_int_equal(lex_vars_set(vars, "b", 3, &err), 0);
	assert_int_equal(lex_vars_set(vars, "a", 10, &err), 0);   /* redefine: same place */
	assert_int_equal(lex_vars_count(vars), 3);
	assert_int_equal(lex_vars_get(vars, "a", &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(lex_vars_get(vars, "B", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(lex_vars_get(vars, "b", &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(lex_vars_at(vars, 0, &name, &v), 0);
	assert_string_equal(name, "a");
	assert_int_equal(v, 10);
	assert_int_equal(lex_vars_at(vars, 2, &name, &v), 0);
	assert_string_equal(name, "b");
	assert_int_equal(lex_vars_at(vars, 3, &name, &v), -1);

	static const char *const bad[] = {"", "1a", "a-b", "$a", "a b",
		"a1234567890123456789012345678901234567890123456789012345678901234"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		mm_err_clear(&err);
		assert_int_equal(lex_vars_set(vars, bad[i], 1, &err), -1);
		assert_string_equal(err.code, LEX_ERR_SYNTAX);
		assert_contains(err.msg, "bad variable name");
	}
	assert_int_equal(lex_vars_count(vars), 3);

	lex_vars_clear(vars);
	assert_int_equal(lex_vars_count(vars), 0);
	assert_int_equal(lex_vars_get(vars, "a", &v), -1);
	lex_vars_free(vars);
	lex_vars_free(NULL);
}

static void test_vars_limit(void **state)
{
	struct lex_vars *vars = lex_vars_new();
	struct mm_err err;
	char name[16];
	uint64_t v;
	int i;

	for (i = 0; i < LEX_MAX_VARS; i++) {
		snprintf(name, sizeof name, "v%d", i);
		if (lex_vars_set(vars, name, (uint64_t)i * 3, &err) != 0)
			fail_msg("defining %s failed: %s", name, err.msg);
	}
	assert_int_equal(lex_vars_count(vars), LEX_MAX_VARS);
	for (i = 0; i < LEX_MAX_VARS; i++) {
		snprintf(name, sizeof name, "v%d", i);
		assert_int_equal(lex_vars_get(vars, name, &v), 0);
		assert_int_equal(v, (uint64_t)i * 3);
	}
	mm_err_clear(&err);
	assert_int_equal(lex_vars_set(vars, "one_more", 1, &err), -1);
	assert_string_equal(err.code, LEX_ERR_LIMIT);
	assert_contains(err.msg, "at most 4096 variables");
	assert_int_equal(lex_vars_get(vars, "one_more", &v), -1);
	/* redefining an existing one is still fine */
	assert_int_equal(lex_vars_set(vars, "v4095", 7, &err), 0);
	assert_int_equal(num_ok("$v4095+1", vars), 8);
	lex_vars_free(vars);
}

/* ---- flags and keywords ---- */

static const struct consts_flag T[] = {
	{"MEM_COMMIT", 0x1000}, {"MEM_RESERVE", 0x2000}, {"MEM_RELEASE", 0x8000},
};

static uint32_t flags_ok(const char *w)
{
	struct mm_err err;
	uint32_t v = 0xDEAD;
	mm_err_clear(&err);
	if (lex_flags(w, T, 3, &v, 4, &err) != 0)
		fail_msg("lex_flags(\"%s\") failed: %s", w, err.msg);
	return v;
}

static void flags_fail(const char *w, const char *frag1, const char *frag2)
{
	struct mm_err err;
	uint32_t v = 0xDEAD;
	mm_err_clear(&err);
	assert_int_equal(lex_flags(w, T, 3, &v, 4, &err), -1);
	assert_string_equal(err.code, LEX_ERR_SYNTAX);
	assert_int_equal(err.arg, 4);
	assert_contains(err.msg, frag1);
	assert_contains(err.msg, frag2);
	assert_int_equal(v, 0xDEAD);
}

static void test_flags(void **state)
{
	assert_int_equal(flags_ok("MEM_COMMIT"), 0x1000);
	assert_int_equal(flags_ok("mem_reserve|MEM_COMMIT"), 0x3000);
	assert_int_equal(flags_ok("Mem_Commit|mem_commit"), 0x1000);
	assert_int_equal(flags_ok("0x1000|MEM_RESERVE"), 0x3000);
	assert_int_equal(flags_ok("4096"), 0x1000);
	assert_int_equal(flags_ok("4K|8K"), 0x3000);
	assert_int_equal(flags_ok("00000000`00008000"), 0x8000);
	assert_int_equal(flags_ok("0"), 0);
	assert_int_equal(flags_ok("0xFFFFFFFF"), 0xFFFFFFFFu);

	flags_fail("MEM_COMIT", "unknown flag 'MEM_COMIT'",
		"expected MEM_COMMIT, MEM_RESERVE, MEM_RELEASE or a number");
	flags_fail("MEM_COMMIT|MEM_RESRVE", "unknown flag 'MEM_RESRVE' in 'MEM_COMMIT|MEM_RESRVE'",
		"MEM_RELEASE");
	flags_fail("MEM_COMMIT||MEM_RESERVE", "empty flag", "MEM_COMMIT, MEM_RESERVE");
	flags_fail("|MEM_COMMIT", "empty flag", "or a number");
	flags_fail("MEM_COMMIT|", "empty flag", "or a number");
	flags_fail("", "empty flag", "MEM_COMMIT");
	flags_fail("0x100000000", "wider than 32 bits", "'0x100000000'");
	flags_fail("12x", "bad number '12x'", "MEM_COMMIT");
	flags_fail("$p", "not a variable", "'$p'");
	flags_fail("MEM_COMMIT ", "unknown flag 'MEM_COMMIT '", "MEM_COMMIT");
	/* a typo names the nearest flag (types.h mm_spell) */
	flags_fail("MEM_COMIT", "unknown flag 'MEM_COMIT'; did you mean MEM_COMMIT?", "MEM_RELEASE");
	flags_fail("MEM_COMMIT|MEM_RESRVE", "unknown flag 'MEM_RESRVE' in 'MEM_COMMIT|MEM_RESRVE'; did you mean MEM_RESERVE?",
		"MEM_RELEASE");
}

static void test_flags_long_table_message(void **state)
{
	static const struct consts_flag big[] = {
		{"PAGE_NOACCESS", 1}, {"PAGE_READONLY", 2}, {"PAGE_READWRITE", 4},
		{"PAGE_WRITECOPY", 8}, {"PAGE_EXECUTE", 0x10}, {"PAGE_EXECUTE_READ", 0x20},
		{"PAGE_EXECUTE_READWRITE", 0x40}, {"PAGE_EXECUTE_WRITECOPY", 0x80},
		{"PAGE_GUARD", 0x100}, {"PAGE_NOCACHE", 0x200}, {"PAGE_WRITECOMBINE", 0x400},
	};
	struct mm_err err;
	uint32_t v;
	assert_int_equal(lex_flags("PAGE_READWRIT", big, 11, &v, 4, &err), -1);
	assert_contains(err.msg, "unknown flag 'PAGE_READWRIT'");
	assert_contains(err.msg, "PAGE_NOACCESS, PAGE_READONLY");
	assert_contains(err.msg, ", ...");                 /* the list was cut, politely */
	assert_int_equal(lex_flags("page_execute_writecopy|PAGE_GUARD", big, 11, &v, 4, &err), 0);
	assert_int_equal(v, 0x180);
}

static void test_keyword(void **state)
{
	static const char *const rwx[] = {"r", "w", "x"};
	static const char *const kinds[] = {"writer", "zero", "trim"};
	struct mm_err err;

	assert_int_equal(lex_keyword("W", rwx, 3, 3, &err), 1);
	assert_int_equal(lex_keyword("Trim", kinds, 3, 1, &err), 2);
	assert_int_equal(lex_keyword("zero", kinds, 3, 1, &err), 1);
	mm_err_clear(&err);
	assert_int_equal(lex_keyword("zer", kinds, 3, 1, &err), -1);
	assert_string_equal(err.code, LEX_ERR_SYNTAX);
	assert_int_equal(err.arg, 1);
	assert_string_equal(err.msg, "expected one of writer, zero, trim; got 'zer'");
	assert_int_equal(lex_keyword("", kinds, 3, 1, &err), -1);
	assert_int_equal(lex_keyword("zero", kinds, 3, 1, NULL), 1);
	assert_int_equal(lex_keyword("nope", kinds, 3, 1, NULL), -1);
}

/* A whole command the way the session will take it apart. */
static void test_session_style_line(void **state)
{
	struct lex_vars *vars = lex_vars_new();
	struct mm_err err;
	uint64_t addr, size;
	uint32_t type;

	assert_int_equal(lex_vars_set(vars, "p", 0x7ff612340000ull, NULL), 0);
	split_ok("$q = VirtualAlloc $p+64K 0x2000 mem_reserve|MEM_COMMIT 4 # grow");
	assert_string_equal(L.assign, "q");
	assert_int_equal(lex_number(L.word[1], vars, &addr, 1, &err), 0);
	assert_int_equal(addr, 0x7ff612350000ull);
	assert_int_equal(lex_number(L.word[2], vars, &size, 2, &err), 0);
	assert_int_equal(size, 0x2000);
	assert_int_equal(lex_flags(L.word[3], T, 3, &type, 3, &err), 0);
	assert_int_equal(type, 0x3000);
	assert_int_equal(lex_vars_set(vars, L.assign, addr, NULL), 0);
	assert_int_equal(num_ok("$q-00000000`00010000", vars), 0x7ff612340000ull);
	lex_vars_free(vars);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_text_only),
		cmocka_unit_test(test_split_words),
		cmocka_unit_test(test_split_empty),
		cmocka_unit_test(test_split_comments_and_rest),
		cmocka_unit_test(test_split_quotes),
		cmocka_unit_test(test_split_assignment),
		cmocka_unit_test(test_split_word_limit),
		cmocka_unit_test(test_split_long_lines),
		cmocka_unit_test(test_number_decimal_hex),
		cmocka_unit_test(test_number_error_text),
		cmocka_unit_test(test_number_windbg),
		cmocka_unit_test(test_number_suffixes),
		cmocka_unit_test(test_number_variables),
		cmocka_unit_test(test_number_unknown_lists_eight),
		cmocka_unit_test(test_vars_table),
		cmocka_unit_test(test_vars_limit),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_flags_long_table_message),
		cmocka_unit_test(test_keyword),
		cmocka_unit_test(test_session_style_line),
	};
	return cmocka_run_group_tests_name("02_lex", tests, NULL, NULL);
}
