/*
 * 00_text.c — text from files and users on a terminal (docs/output.md
 * OUT-SAFE, core/base/types.c): the strict UTF-8 decoder every printer
 * shares, the one rule for what a terminal is shown, safe text into a
 * buffer and into a stream, and the wrap-around checks of ranges and
 * sizes (docs/commands.md CMD-LEX) with their words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "types.h"

#define FFFD "\xef\xbf\xbd"

static uint32_t decode(const char *s, size_t *len)
{
	uint32_t cp = 0;
	*len = mm_utf8_decode(s, strlen(s), &cp);
	return cp;
}

static void test_decode(void **state)
{
	static const struct {
		const char *s;
		uint32_t cp;
		size_t len;
	} cases[] = {
		{"A", 'A', 1},
		{"\xc3\xa4", 0xE4, 2},                 /* ä */
		{"\xe2\x82\xac", 0x20AC, 3},           /* € */
		{"\xf0\x9f\x98\x80", 0x1F600, 4},      /* an emoji */
		{"\xc2\x85", 0x85, 2},                 /* C1 NEL: valid UTF-8, a control */
		{"\xc0\x80", MM_UTF8_BAD, 1},          /* overlong NUL */
		{"\xe0\x80\x80", MM_UTF8_BAD, 1},      /* overlong */
		{"\xed\xa0\x80", MM_UTF8_BAD, 1},      /* a surrogate */
		{"\xf4\x90\x80\x80", MM_UTF8_BAD, 1},  /* past U+10FFFF */
		{"\xe2\x82", MM_UTF8_BAD, 1},          /* cut short */
		{"\x80", MM_UTF8_BAD, 1},              /* a lone continuation byte */
		{"\xff", MM_UTF8_BAD, 1},
		{"\xc3(", MM_UTF8_BAD, 1},             /* a lead byte without its continuation */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		uint32_t cp = decode(cases[i].s, &len);
		if (cp != cases[i].cp || len != cases[i].len)
			fail_msg("case %zu: got U+%04X (%zu bytes), expected U+%04X (%zu bytes)", i, (unsigned)cp, len,
				 (unsigned)cases[i].cp, cases[i].len);
	}
	uint32_t cp = 7;
	assert_int_equal(mm_utf8_decode("", 0, &cp), 0);
}

/* The one rule: printable passes, tab/CR/newline are blanks (newline kept
 * with MM_TEXT_LINES), every other control and a bad byte are U+FFFD. */
static void test_rule(void **state)
{
	assert_int_equal(mm_text_cp('a', 0), 'a');
	assert_int_equal(mm_text_cp(0xE4, 0), 0xE4);
	assert_int_equal(mm_text_cp(0xA0, 0), 0xA0);   /* NBSP is not C1 */
	assert_int_equal(mm_text_cp(0x1F600, 0), 0x1F600);
	assert_int_equal(mm_text_cp('\t', 0), ' ');
	assert_int_equal(mm_text_cp('\r', MM_TEXT_LINES), ' ');
	assert_int_equal(mm_text_cp('\n', 0), ' ');
	assert_int_equal(mm_text_cp('\n', MM_TEXT_LINES), '\n');
	static const uint32_t bad[] = {0, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F, MM_UTF8_BAD};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(mm_text_cp(bad[i], 0), 0xFFFD);
		assert_int_equal(mm_text_cp(bad[i], MM_TEXT_LINES), 0xFFFD);
	}
}

static void test_safe_buffer(void **state)
{
	char buf[64];
	/* a scenario title with a colour escape, a CSI as C1, DEL and a bad byte */
	assert_int_equal(mm_text_safe(buf, sizeof buf, "Evil \x1b[31mred\xc2\x9b" "2J\x7f\xff!", 0),
			 strlen("Evil " FFFD "[31mred" FFFD "2J" FFFD FFFD "!"));
	assert_string_equal(buf, "Evil " FFFD "[31mred" FFFD "2J" FFFD FFFD "!");
	mm_text_safe(buf, sizeof buf, "a\tb\r\nc", 0);
	assert_string_equal(buf, "a b  c");
	mm_text_safe(buf, sizeof buf, "a\tb\r\nc", MM_TEXT_LINES);
	assert_string_equal(buf, "a b \nc");
	mm_text_safe(buf, sizeof buf, "Übergang 😀", 0);     /* good UTF-8 is untouched */
	assert_string_equal(buf, "Übergang 😀");
	/* cut at a character boundary; the whole length returned as snprintf does */
	char small[6];
	assert_int_equal(mm_text_safe(small, sizeof small, "ab\x1b" "cd", 0), 7);
	assert_string_equal(small, "ab" FFFD);
	assert_int_equal(mm_text_safe(small, 4, "ab\x1b" "cd", 0), 7);
	assert_string_equal(small, "ab");
	assert_int_equal(mm_text_safe(NULL, 0, "\x1b", 0), 3);
}

static char *through_stream(const char *s, unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(mm_text_fputs(s, flags, f), 0);
	fclose(f);
	return buf;
}

static void test_safe_stream(void **state)
{
	char *out = through_stream("Evil \x1b[31mred\x1b[0m \xc2\x9b" "2J \x7f \xf0\x9f", 0);
	assert_string_equal(out, "Evil " FFFD "[31mred" FFFD "[0m " FFFD "2J " FFFD " " FFFD FFFD);
	free(out);
	out = through_stream("line 1\nline 2\x07", MM_TEXT_LINES);
	assert_string_equal(out, "line 1\nline 2" FFFD);
	free(out);
	out = through_stream("", 0);
	assert_string_equal(out, "");
	free(out);
}

/* Whatever bytes go in, what comes out is valid UTF-8 without a control
 * character (the newline only with MM_TEXT_LINES), and the buffer and the
 * stream agree. */
static void test_safe_random(void **state)
{
	srand(15);
	for (int round = 0; round < 2000; round++) {
		char in[48];
		size_t n = (size_t)(rand() % 47);
		for (size_t i = 0; i < n; i++) {
			int r = rand() % 8;
			in[i] = (char)(r == 0 ? 0x1b : r == 1 ? 0xc2 : r == 2 ? 0x80 + rand() % 64 : 1 + rand() % 255);
		}
		in[n] = '\0';
		unsigned flags = round % 2 ? MM_TEXT_LINES : 0;
		char out[256];
		size_t len = mm_text_safe(out, sizeof out, in, flags);
		assert_true(len < sizeof out);
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			size_t k = mm_utf8_decode(out + i, len - i, &cp);
			assert_true(cp != MM_UTF8_BAD);
			assert_int_equal(mm_text_cp(cp, flags), cp);
			i += k;
		}
		char *s = through_stream(in, flags);
		assert_string_equal(s, out);
		free(s);
	}
}

static void test_wraps(void **state)
{
	assert_false(mm_range_wraps(0, UINT64_MAX));
	assert_false(mm_range_wraps(1, UINT64_MAX));                 /* ends exactly at 0xffffffffffffffff */
	assert_true(mm_range_wraps(2, UINT64_MAX));
	assert_false(mm_range_wraps(UINT64_MAX, 1));
	assert_true(mm_range_wraps(UINT64_MAX, 2));
	assert_false(mm_range_wraps(UINT64_MAX, 0));                 /* an empty range ends nowhere */
	assert_true(mm_range_wraps(0xfffffffffffff000ull, 0x2000));
	assert_false(mm_round_wraps(0xfffffffffffff000ull, 4096));
	assert_true(mm_round_wraps(0xfffffffffffff001ull, 4096));
	assert_true(mm_round_wraps(UINT64_MAX, 2));
	assert_false(mm_round_wraps(UINT64_MAX, 1));
	struct mm_err e;
	assert_int_equal(mm_fail_wrap(&e, "syntax", 2, 0xfffffffffffff000ull, 0x2000, 0), -1);
	assert_string_equal(e.code, "syntax");
	assert_int_equal(e.arg, 2);
	assert_string_equal(e.msg, "ADDR 0xfffffffffffff000 + SIZE 0x2000 wraps around 2^64 (a range ends at "
				   "0xffffffffffffffff at most)");
	mm_fail_wrap(&e, "STATUS_INVALID_PARAMETER", 1, 0, UINT64_MAX, 4096);
	assert_string_equal(e.msg, "SIZE 0xffffffffffffffff wraps around 2^64 when rounded up to 4 KB");
}

/* "Did you mean" (types.h mm_spell): one edit for short names, two for
 * longer ones, a swap of neighbours is one, case free; a tie says
 * nothing; the word itself is no suggestion. */
static void test_spell(void **state)
{
	assert_int_equal(mm_edit_distance("craete", "create"), 1);
	assert_int_equal(mm_edit_distance("MONO", "mono"), 0);
	assert_int_equal(mm_edit_distance("", "abc"), 3);
	static const char *const names[] = {"paging", "tour", "demand-zero", "mono", "mode"};
	struct mm_spell sp;
	const struct {
		const char *word, *best;
	} cases[] = {{"pagin", "paging"}, {"tuor", "tour"}, {"Demand-Zeor", "demand-zero"}, {"tourx", "tour"},
		     {"mod", "mode"}, {"mone", NULL /* mono and mode: a tie */}, {"pa", NULL}, {"tour", NULL}, {"", NULL}};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		mm_spell_init(&sp, cases[c].word);
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			mm_spell_try(&sp, names[i]);
		if (cases[c].best)
			assert_string_equal(mm_spell_best(&sp), cases[c].best);
		else
			assert_null(mm_spell_best(&sp));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_spell),
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_safe_buffer),
		cmocka_unit_test(test_safe_stream),
		cmocka_unit_test(test_safe_random),
		cmocka_unit_test(test_wraps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
