/*
 * 41_jmatch.c — the expect matcher (core/jmatch.h rules J1-J5) and the
 * answer rule of scenario questions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cJSON.h>
#include <string.h>

#include "jmatch.h"

/* Matches expect against actual (both JSON text); returns jmatch's result,
 * the explanation in why. */
static int m(const char *expect, const char *actual, char *why, size_t n)
{
	cJSON *e = cJSON_Parse(expect), *a = cJSON_Parse(actual);
	assert_non_null(e);
	assert_non_null(a);
	int r = jmatch(e, a, why, n);
	cJSON_Delete(e);
	cJSON_Delete(a);
	return r;
}

static void yes(const char *expect, const char *actual)
{
	char why[300];
	int r = m(expect, actual, why, sizeof why);
	if (!r)
		fail_msg("expected a match: %s vs %s: %s", expect, actual, why);
	assert_string_equal(why, "");
}

static void no(const char *expect, const char *actual, const char *want_why)
{
	char why[300];
	assert_int_equal(m(expect, actual, why, sizeof why), 0);
	assert_string_equal(why, want_why);
}

static const char *const write_obj =
	"{\"seq\": 7, \"cmd\": \"write $p\", \"ok\": true, \"result\": {\"va\": \"0x7ffe1000\","
	" \"pa\": \"0x41000\", \"access\": \"write\", \"tlb\": \"miss\", \"faults\": ["
	"{\"kind\": \"page_table\", \"level\": \"pde\"}, {\"kind\": \"demand_zero\", \"pfn\": \"0x41\"}],"
	" \"exception\": null}, \"events\": [{\"kind\": \"tlb_miss\"}, {\"kind\": \"walk\", \"level\": \"pxe\"},"
	" {\"kind\": \"fault\", \"kind2\": 1}, {\"kind\": \"zero_page\", \"pfn\": \"0x41\"}]}";

static void test_partial_objects(void **state)
{
	(void)state;
	yes("{}", write_obj);
	yes("{\"ok\": true}", write_obj);
	yes("{\"ok\": true, \"result\": {\"access\": \"write\", \"tlb\": \"miss\"}}", write_obj);
	yes("{\"result\": {\"exception\": null}}", write_obj);
	/* J1: null also matches an absent key */
	yes("{\"result\": {\"Type\": null}}", write_obj);
	/* keys are case-sensitive */
	no("{\"OK\": true}", write_obj, "OK: missing; expected true");
	no("{\"ok\": false}", write_obj, "ok: expected false, got true");
	no("{\"result\": {\"exception\": \"STATUS_ACCESS_VIOLATION\"}}", write_obj,
	   "result.exception: expected \"STATUS_ACCESS_VIOLATION\", got null");
	no("{\"result\": {\"va\": {\"x\": 1}}}", write_obj,
	   "result.va: expected {\"x\":1}, got \"0x7ffe1000\"");
	no("{\"ok\": true}", "[1]", "(top level): expected {\"ok\":true}, got [1]");
}

static void test_prefix_lists(void **state)
{
	(void)state;
	/* [] means "empty", not "any list": an empty prefix would check nothing */
	no("{\"result\": {\"faults\": []}}", write_obj,
	   "result.faults: expected an empty list, got [{\"kind\":\"page_table\",\"level\":\"pde\"},{\"kind\":\"demand_zero\",\"pfn\":\"0x41\"}]");
	yes("{\"result\": {\"faults\": []}}", "{\"result\": {\"faults\": []}}");
	yes("{\"result\": {\"faults\": [{\"kind\": \"page_table\"}]}}", write_obj);
	yes("{\"result\": {\"faults\": [{}, {\"kind\": \"demand_zero\", \"pfn\": \"0x41\"}]}}", write_obj);
	no("{\"result\": {\"faults\": [{\"kind\": \"demand_zero\"}]}}", write_obj,
	   "result.faults[0].kind: expected \"demand_zero\", got \"page_table\"");
	no("{\"result\": {\"faults\": [{}, {}, {\"kind\": \"soft\"}]}}", write_obj,
	   "result.faults[2]: missing (the list has 2 elements); expected {\"kind\":\"soft\"}");
	no("{\"result\": {\"faults\": [1]}}", "{\"result\": {\"faults\": []}}",
	   "result.faults[0]: missing (the list has 0 elements); expected 1");
	no("{\"result\": {\"faults\": [1]}}", "{\"result\": {\"faults\": {\"a\": 1}}}",
	   "result.faults: expected [1], got {\"a\":1}");
	yes("[[1, 2], [3]]", "[[1, 2, 9], [3, 4], 5]");
	no("[[1, 2], [4]]", "[[1, 2, 9], [3, 4], 5]", "[1][0]: expected 4, got 3");
}

static void test_contains(void **state)
{
	(void)state;
	yes("{\"result\": {\"faults\": {\"contains\": [{\"kind\": \"demand_zero\"}]}}}", write_obj);
	yes("{\"events\": {\"contains\": [{\"kind\": \"zero_page\"}, {\"kind\": \"tlb_miss\"}]}}", write_obj);
	yes("{\"events\": {\"contains\": []}}", write_obj);
	no("{\"result\": {\"faults\": {\"contains\": [{\"kind\": \"soft\"}]}}}", write_obj,
	   "result.faults: no element matches {\"kind\":\"soft\"}; got [{\"kind\":\"page_table\","
	   "\"level\":\"pde\"},{\"kind\":\"demand_zero\",\"pfn\":\"0x41\"}]");
	/* against an object, "contains" is an ordinary key (J3) */
	yes("{\"contains\": [1]}", "{\"contains\": [1, 2]}");
	no("{\"contains\": [3]}", "{\"x\": 1}", "contains: missing; expected [3]");
	/* with a second key it is an ordinary object, so a list does not match */
	no("{\"contains\": [1], \"x\": 1}", "[1]", "(top level): expected {\"contains\":[1],\"x\":1}, got [1]");
	/* nested contains inside contains */
	yes("{\"contains\": [{\"a\": {\"contains\": [2]}}]}", "[{\"a\": [1]}, {\"a\": [1, 2]}]");
	/* a failed trial inside contains leaves no trace in why or the path */
	no("{\"l\": {\"contains\": [{\"a\": 1}]}, \"z\": 2}", "{\"l\": [{\"a\": 0}, {\"a\": 1}], \"z\": 3}",
	   "z: expected 2, got 3");
}

static void test_hex_and_scalars(void **state)
{
	(void)state;
	yes("{\"pa\": \"0x1A\"}", "{\"pa\": \"0x1a\"}");
	yes("{\"pa\": \"0X001a\"}", "{\"pa\": \"0x1A\"}");
	yes("{\"pa\": \"0x0\"}", "{\"pa\": \"0x000\"}");
	no("{\"pa\": \"0x1b\"}", "{\"pa\": \"0x1a\"}", "pa: expected \"0x1b\", got \"0x1a\"");
	/* only hex strings ignore case */
	no("{\"s\": \"Demand_Zero\"}", "{\"s\": \"demand_zero\"}",
	   "s: expected \"Demand_Zero\", got \"demand_zero\"");
	no("{\"s\": \"0x\"}", "{\"s\": \"0X\"}", "s: expected \"0x\", got \"0X\"");
	/* J5: a number never equals a string */
	no("{\"pfn\": 65}", "{\"pfn\": \"0x41\"}", "pfn: expected 65, got \"0x41\"");
	yes("{\"n\": 4096}", "{\"n\": 4096.0}");
	no("{\"n\": 1}", "{\"n\": true}", "n: expected 1, got true");
	no("{\"b\": false}", "{\"b\": null}", "b: expected false, got null");
	no("{\"z\": null}", "{\"z\": 0}", "z: expected null, got 0");
}

static void test_why_truncated_and_null(void **state)
{
	(void)state;
	char why[24];
	assert_int_equal(m("{\"result\": {\"value\": \"0x42\"}}", "{\"result\": {\"value\": \"0x41\"}}",
	                   why, sizeof why), 0);
	assert_string_equal(why, "result.value: expected ");
	assert_int_equal(m("{\"a\": 1}", "{\"a\": 2}", NULL, 0), 0);
	/* no expect: anything matches */
	cJSON *a = cJSON_Parse("{}");
	assert_int_equal(jmatch(NULL, a, NULL, 0), 1);
	cJSON_Delete(a);
	/* long values are cut with "..." */
	char r[8];
	cJSON *s = cJSON_Parse("\"abcdefghijkl\"");
	assert_string_equal(jmatch_render(s, r, sizeof r), "\"abc...");
	cJSON_Delete(s);
}

static void test_has_value(void **state)
{
	(void)state;
	cJSON *t = cJSON_Parse("{\"page_size\": 4096, \"va\": \"0x7FFE0000\", \"faults\": [{\"kind\": \"demand_zero\"}],"
	                       " \"exception\": null, \"valid\": true}");
	assert_non_null(t);
	assert_int_equal(jmatch_has_value(t, "4096"), 1);
	assert_int_equal(jmatch_has_value(t, "0x1000"), 1);
	assert_int_equal(jmatch_has_value(t, "0x7ffe0000"), 1);
	assert_int_equal(jmatch_has_value(t, "demand_zero"), 1);
	assert_int_equal(jmatch_has_value(t, "true"), 1);
	assert_int_equal(jmatch_has_value(t, "null"), 1);
	assert_int_equal(jmatch_has_value(t, "soft"), 0);
	assert_int_equal(jmatch_has_value(t, "4097"), 0);
	assert_int_equal(jmatch_has_value(t, "4096x"), 0);
	assert_int_equal(jmatch_has_value(t, "Demand_Zero"), 0);
	assert_int_equal(jmatch_has_value(t, "false"), 0);
	assert_int_equal(jmatch_has_value(NULL, "4096"), 0);
	cJSON_Delete(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partial_objects),
		cmocka_unit_test(test_prefix_lists),
		cmocka_unit_test(test_contains),
		cmocka_unit_test(test_hex_and_scalars),
		cmocka_unit_test(test_why_truncated_and_null),
		cmocka_unit_test(test_has_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
