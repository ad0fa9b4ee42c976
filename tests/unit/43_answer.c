/*
 * 43_answer.c — the answer normaliser (core/include/answer.h,
 * docs/scenarios.md SCN-ANSWER): what a learner may type for an accepted
 * answer, what is refused, and the leak rule of --check (scncheck.h C6)
 * that runs the same comparison over narration.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "answer.h"

struct pair {
	const char *typed, *accepted;
};

static void test_accepted(void **state)
{
	(void)state;
	static const struct pair ok[] = {
		{"1d2", "0x1d2"},          /* the issue: 1d2 was refused while 0x1d2 passed */
		{"0x1D2", "0x1d2"},
		{"1d2h", "0x1d2"},
		{"0n466", "0x1d2"},
		{"12", "0x12"},            /* a PFN as WinDbg prints it: hex by default */
		{"0x12", "18"},
		{"ff", "0xff"},
		{"fffff800`00123456", "0xFFFFF80000123456"},
		{"16", "16"},
		{"0x10", "16"},
		{"4K", "4096"},
		{"4 KB", "0x1000"},
		{"soft", "soft"},
		{"Soft fault", "soft"},
		{"soft page fault", "soft"},
		{"Soft-Fault", "soft"},
		{"weicher Seitenfehler", "soft"},
		{"Demand-Zero-Fault", "demand_zero"},
		{"demand zero", "demand_zero"},
		{"DEMAND_ZERO", "demand_zero"},
		{"access violation", "STATUS_ACCESS_VIOLATION"},
		{"Zugriffsverletzung", "STATUS_ACCESS_VIOLATION"},
		{"0xC0000005", "STATUS_ACCESS_VIOLATION"},
		{"c0000005", "STATUS_ACCESS_VIOLATION"},
		{"guard page violation", "STATUS_GUARD_PAGE_VIOLATION"},
		{"copy-on-write", "copy_on_write"},
		{"COW", "copy_on_write"},
		{"Standby-Liste", "standby"},
		{"standby list", "standby"},
		{"geändert", "modified"},
		{"GEÄNDERT", "modified"},
		{"  Transition. ", "transition"},
		{"Übergang", "transition"},
		{"zugesichert", "committed"},
		{"ja", "true"},
		{"kein", "none"},
		{"\"0x41\"", "0x41"},
		{"-3", "-3"},
		{" -0x3", "-3"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		if (!answer_match(ok[i].typed, ok[i].accepted, ANSWER_TYPED))
			fail_msg("\"%s\" should be accepted for \"%s\"", ok[i].typed, ok[i].accepted);
	}
}

static void test_refused(void **state)
{
	(void)state;
	static const struct pair no[] = {
		{"0x12", "12"},
		{"18", "0x12"},            /* digits alone are hex where the answer is: no double reading (A2) */
		{"soft", "hard"},
		{"hard fault", "soft"},
		{"demand", "demand_zero"},
		{"", "0x0"},
		{"fault", "soft"},
		{"0x1d3", "0x1d2"},
		{"modified", "standby"},
		{"guard page", "STATUS_ACCESS_VIOLATION"},
		{"1 2", "12"},
		{"0x", "0x0"},
		{"3", "-3"},
		{"-3", "3"},
		{"99999999999999999999999", "0x0"},
	};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		if (answer_match(no[i].typed, no[i].accepted, ANSWER_TYPED))
			fail_msg("\"%s\" should be refused for \"%s\"", no[i].typed, no[i].accepted);
	}
	assert_false(answer_match(NULL, "x", ANSWER_TYPED));
	char *acc[] = {"4096", "0x1000"};
	assert_int_equal(answer_match_any("1000", acc, 2), 1); /* hex, as the second is written */
	assert_int_equal(answer_match_any("4096", acc, 2), 0);
	assert_int_equal(answer_match_any("4095", acc, 2), -1);
}

static void test_canon(void **state)
{
	(void)state;
	char b[64];
	assert_string_equal(answer_canon("1D2", ANSWER_TYPED, false, b, sizeof b), "#1d2");
	assert_string_equal(answer_canon("12", ANSWER_TYPED, false, b, sizeof b), "#c");
	assert_string_equal(answer_canon("12", ANSWER_TYPED, true, b, sizeof b), "#12");
	assert_string_equal(answer_canon("Demand-Zero  Fault", ANSWER_TYPED, false, b, sizeof b), "demand_zero");
	assert_string_equal(answer_canon("STATUS_ACCESS_VIOLATION", ANSWER_TYPED, false, b, sizeof b),
			    "access_violation");
	assert_string_equal(answer_canon("add", ANSWER_PROSE, false, b, sizeof b), "add");
	/* A1: canonical twice is canonical once */
	assert_true(answer_match(answer_canon("Soft-Fault", ANSWER_TYPED, false, b, sizeof b), "soft", ANSWER_TYPED));
}

static void test_in_text(void **state)
{
	(void)state;
	char where[200];
	assert_true(answer_in_text("The memory manager resolves a demand-zero fault: it takes a page.",
				   "demand_zero", where, sizeof where));
	assert_non_null(strstr(where, "demand-zero"));
	assert_true(answer_in_text("Die CPU löst eine Zugriffsverletzung aus.", "STATUS_ACCESS_VIOLATION",
				   where, sizeof where));
	assert_true(answer_in_text("a new frame, PFN 0x12, gets a copy", "0x12", where, sizeof where));
	assert_true(answer_in_text("touch writes once to each of the 16 pages", "16", where, sizeof where));
	assert_true(answer_in_text("\xe2\x80\x9eSoft\xe2\x80\x9c fault", "soft", where, sizeof where));
	/* prose numbers are decimal; 12 is not 0x12, and a hex-looking word is a word */
	assert_false(answer_in_text("It takes 12 pages.", "0x12", where, sizeof where));
	assert_false(answer_in_text("Now add a page.", "0xadd", where, sizeof where));
	assert_false(answer_in_text("What kind of fault brings the page back now?", "hard", where, sizeof where));
	assert_false(answer_in_text("", "hard", where, sizeof where));
	assert_false(answer_in_text("ends in \xe2\x80", "hard", where, sizeof where));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_canon),
		cmocka_unit_test(test_in_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
