/*
 * 44_learn.c — the problem generators (core/include/learn.h; docs/cli.md
 * CLI-QUIZ, CLI-EXERCISE): every topic makes problems with an accepted
 * answer and a worked solution; a seed repeats a set exactly and another
 * seed gives another; no problem repeats within a set (L1); a choice's
 * letter and the answer's other spellings are accepted, the other choices
 * are not (L2); sheets print every problem and, when asked, the solutions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "learn.h"

#define PER_TOPIC 6

static void test_topics(void **state)
{
	(void)state;
	char list[200];
	assert_int_equal(learn_topic_count(), 8);
	assert_string_equal(learn_topic_list(list, sizeof list),
			    "translation, faults, lists, commit, protection, sharing, workingset or layout");
	assert_int_equal(learn_topic_find("WorkingSet"), 6);
	assert_int_equal(learn_topic_find("paging"), -1);
	assert_null(learn_topic_name(8));
}

/* Every topic: problems with answers and solutions, L1 and L2. */
static void test_each_topic(void **state)
{
	(void)state;
	static struct learn_problem ps[PER_TOPIC];
	for (int t = 0; t < learn_topic_count(); t++) {
		struct learn_set *s = learn_set_new(t, 42, 0);
		struct mm_err err;
		assert_non_null(s);
		for (int i = 0; i < PER_TOPIC; i++) {
			int r = learn_next(s, &ps[i], &err);
			if (r != 0)
				fail_msg("%s problem %d: %d %s", learn_topic_name(t), i, r, r < 0 ? err.msg : "exhausted");
			struct learn_problem *p = &ps[i];
			assert_int_equal(p->topic, t);
			assert_true(p->nanswers >= 1);
			assert_true(strlen(p->question) > 20);
			assert_true(strlen(p->solution) > 10);
			assert_true(learn_check(p, p->answers[0]));
			for (int j = 0; j < i; j++)
				if (!strcmp(ps[j].key, p->key))
					fail_msg("%s: key %s twice (L1)", learn_topic_name(t), p->key);
			if (p->nchoices) {
				int right = -1;
				for (int c = 0; c < p->nchoices; c++)
					if (learn_check(p, p->choices[c]))
						right = right < 0 ? c : -2;
				if (right < 0)
					fail_msg("%s: not exactly one right choice (L2): %s", learn_topic_name(t), p->question);
				char letter[2] = {(char)('a' + right), 0}, wrong[2] = {(char)('a' + (right + 1) % p->nchoices), 0};
				assert_true(learn_check(p, letter));
				assert_false(learn_check(p, wrong));
			}
		}
		learn_set_free(s);
	}
}

/* The same seed gives the same set; another seed another. */
static void test_seed(void **state)
{
	(void)state;
	static struct learn_problem a, b;
	struct mm_err err;
	struct learn_set *s1 = learn_set_new(-1, 7, 1), *s2 = learn_set_new(-1, 7, 1), *s3 = learn_set_new(-1, 8, 1);
	int differ = 0;
	for (int i = 0; i < 10; i++) {
		assert_int_equal(learn_next(s1, &a, &err), 0);
		assert_int_equal(learn_next(s2, &b, &err), 0);
		assert_string_equal(a.question, b.question);
		assert_string_equal(a.solution, b.solution);
		assert_string_equal(a.answers[0], b.answers[0]);
		assert_int_equal(learn_next(s3, &b, &err), 0);
		differ += strcmp(a.question, b.question) != 0;
	}
	assert_true(differ > 5);
	learn_set_free(s1);
	learn_set_free(s2);
	learn_set_free(s3);
}

/* A topic with few problems runs out instead of repeating one. */
static void test_exhausted(void **state)
{
	(void)state;
	static struct learn_problem p;
	struct mm_err err;
	struct learn_set *s = learn_set_new(learn_topic_find("faults"), 1, 0);
	int n = 0, r;
	while ((r = learn_next(s, &p, &err)) == 0)
		n++;
	assert_int_equal(r, 1);
	assert_true(n >= 10 && n <= 27); /* nine set-ups on three paging modes */
	learn_set_free(s);
}

static void test_sheet(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	struct mm_err err;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(learn_sheet(f, learn_topic_find("commit"), 3, 9, 1, LEARN_FMT_MARKDOWN, true, &err), 0);
	fclose(f);
	assert_non_null(strstr(buf, "# Übungsblatt: commit"));
	assert_non_null(strstr(buf, "## Aufgabe 3 (commit)"));
	assert_non_null(strstr(buf, "## Lösungen"));
	assert_non_null(strstr(buf, "**Antwort:**"));
	free(buf);
	f = open_memstream(&buf, &len);
	assert_int_equal(learn_sheet(f, learn_topic_find("lists"), 2, 9, 0, LEARN_FMT_TEXT, false, &err), 0);
	fclose(f);
	assert_non_null(strstr(buf, "mmviz exercise sheet: lists (seed 9, 2 problems)"));
	assert_null(strstr(buf, "Solutions"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_topics),
		cmocka_unit_test(test_each_topic),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_exhausted),
		cmocka_unit_test(test_sheet),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
