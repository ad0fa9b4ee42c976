/*
 * 45_policies.c — the replacement-policy lab (docs/commands.md
 * CMD-POLICIES, docs/output.md OUT-POLICIES) through the session, as a
 * user runs it: Belady's anomaly with FIFO; P1 (faults + hits = the
 * trace, never more pages than frames) and P2 (the referenced page is in
 * a frame) for every policy; OPT never faults more than any other; Clock
 * gives a used page its second chance; --from-process takes the current
 * process's pages; the session's machine is not changed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "config.h"
#include "session.h"

static struct session *new_session(void)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	cfg.ram = 16ull << 20;
	cfg.pagefile[0] = mm_config_default_pagefile(&cfg);
	cfg.npagefiles = 1;
	struct session *s = session_new(&cfg, &err);
	assert_non_null(s);
	return s;
}

static const cJSON *policy(const cJSON *o, const char *name)
{
	const cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, "result"), "policies"))
		if (!strcmp(cJSON_GetObjectItemCaseSensitive(p, "name")->valuestring, name))
			return p;
	fail_msg("no policy %s", name);
	return NULL;
}

static int num(const cJSON *o, const char *k)
{
	return (int)cJSON_GetObjectItemCaseSensitive(o, k)->valuedouble;
}

static void test_belady(void **state)
{
	(void)state;
	struct session *s = new_session();
	cJSON *a = session_exec_json(s, "policies --frames 3 1 2 3 4 1 2 5 1 2 3 4 5");
	cJSON *b = session_exec_json(s, "policies --frames 4 1 2 3 4 1 2 5 1 2 3 4 5");
	assert_int_equal(num(policy(a, "FIFO"), "faults"), 9);
	assert_int_equal(num(policy(b, "FIFO"), "faults"), 10);
	assert_true(num(policy(b, "LRU"), "faults") <= num(policy(a, "LRU"), "faults")); /* a stack policy: no anomaly */
	assert_int_equal(num(policy(a, "OPT"), "faults"), 7);
	cJSON_Delete(a);
	cJSON_Delete(b);
	session_free(s);
}

static void test_invariants(void **state)
{
	(void)state;
	static const char *const names[] = {"FIFO", "LRU", "Clock", "OPT", "WS-aging"};
	struct session *s = new_session();
	cJSON *o = session_exec_json(s, "policies --frames 4 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1 9 9 8 7 6 5 4 3");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok")));
	const cJSON *trace = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, "result"), "trace");
	int n = cJSON_GetArraySize(trace), opt = num(policy(o, "OPT"), "faults");
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		const cJSON *p = policy(o, names[k]), *st;
		assert_int_equal(num(p, "faults") + num(p, "hits"), n); /* P1 */
		assert_true(opt <= num(p, "faults"));
		int i = 0;
		cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(p, "steps")) {
			const cJSON *f;
			int held = 0, page = num(st, "page");
			bool found = false;
			assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(st, "frames")), 4);
			cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(st, "frames")) {
				held += cJSON_IsNumber(f);
				found |= cJSON_IsNumber(f) && (int)f->valuedouble == page;
			}
			assert_true(held <= 4);
			if (!found)
				fail_msg("%s: page %d not in a frame after reference %d (P2)", names[k], page, i);
			i++;
		}
	}
	cJSON_Delete(o);
	session_free(s);
}

/* Clock spares a page whose use bit is set where FIFO evicts it. */
static void test_clock_second_chance(void **state)
{
	(void)state;
	struct session *s = new_session();
	/* page 2 is used after the hand cleared its bit: Clock keeps it, FIFO evicts it */
	cJSON *o = session_exec_json(s, "policies --frames 3 1 2 3 4 2 5 2");
	const cJSON *fifo = policy(o, "FIFO"), *clock = policy(o, "Clock");
	assert_int_equal(num(fifo, "faults"), 6);
	assert_int_equal(num(clock, "faults"), 5);
	cJSON_Delete(o);
	session_free(s);
}

static void test_from_process(void **state)
{
	(void)state;
	struct session *s = new_session();
	static const char *const setup[] = {"process create lab.exe --bare",
					    "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE",
					    "write $p+0x2000", "read $p", "read $p+0x2000", "!vm"};
	for (size_t i = 0; i < sizeof setup / sizeof *setup; i++)
		cJSON_Delete(session_exec_json(s, setup[i]));
	cJSON *vm = session_exec_json(s, "!vm");
	cJSON *o = session_exec_json(s, "policies --frames 2 --from-process");
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "result");
	char *t = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(r, "trace"));
	assert_string_equal(t, "[2,0,2]");
	cJSON_free(t);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "base_vpn")->valuestring, "0x10");
	/* read-only: the machine is as it was */
	cJSON *vm2 = session_exec_json(s, "!vm");
	assert_int_equal(num(cJSON_GetObjectItemCaseSensitive(vm, "result"), "commit_charge"),
			 num(cJSON_GetObjectItemCaseSensitive(vm2, "result"), "commit_charge"));
	assert_int_equal(num(cJSON_GetObjectItemCaseSensitive(vm, "result"), "available_pages"),
			 num(cJSON_GetObjectItemCaseSensitive(vm2, "result"), "available_pages"));
	cJSON_Delete(vm);
	cJSON_Delete(vm2);
	cJSON_Delete(o);
	o = session_exec_json(s, "process create other.exe --bare");
	cJSON_Delete(o);
	o = session_exec_json(s, "policies --from-process");
	assert_false(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok")));
	cJSON_Delete(o);
	session_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_belady),
		cmocka_unit_test(test_invariants),
		cmocka_unit_test(test_clock_second_chance),
		cmocka_unit_test(test_from_process),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
