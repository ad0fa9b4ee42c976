/*
 * learn.c — sets of generated problems (learn.h; docs/cli.md CLI-QUIZ).
 *
 * Design.  A set holds the seed's random state and the keys of the
 * problems it has handed out. learn_next picks a topic (the one asked for,
 * or one at random for a mix), runs its generator on a fresh machine, and
 * keeps the problem when its key is new; a generator that keeps producing
 * known keys has run out (GEN_TRIES in a row), and a mix then drops that
 * topic. Everything random comes from the set's state, and every machine
 * is booted the same way, so a seed repeats a set exactly.
 *
 * Invariants:
 *  L1. No two problems of a set have the same key.
 *  L2. A problem has at least one accepted answer, and when it has
 *      choices, its first answer is one of them.
 */
#include "learn.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer.h"
#include "gen.h"
#include "lang/langmsg.h"

#define GEN_TRIES 40
#define SET_MAX 4096            /* problems of one set */

static const struct topic {
	const char *name;
	const char *de; /* the topic as a German question names it (docs/glossary.md GLO-TERMS) */
	int (*gen)(struct gen *g);
} topics[] = {
	{.name = "translation", .de = "Adressübersetzung", .gen = gen_translation},
	{.name = "faults", .de = "Seitenfehler", .gen = gen_faults},
	{.name = "lists", .de = "Seitenlisten", .gen = gen_lists},
	{.name = "commit", .de = "Zusichern", .gen = gen_commit},
	{.name = "protection", .de = "Seitenschutz", .gen = gen_protection},
	{.name = "sharing", .de = "gemeinsame Seiten", .gen = gen_sharing},
	{.name = "workingset", .de = "Arbeitssatz", .gen = gen_workingset},
	{.name = "layout", .de = "Adressraum", .gen = gen_layout},
};
#define NTOPICS ((int)(sizeof topics / sizeof *topics))

struct learn_set {
	int topic, lang;
	uint64_t rng;
	bool spent[NTOPICS];
	int nkeys;
	char (*keys)[96];
};

int learn_topic_count(void)
{
	return NTOPICS;
}

const char *learn_topic_name(int t)
{
	return t >= 0 && t < NTOPICS ? topics[t].name : NULL;
}

const char *learn_topic_title(int t, int lang)
{
	return t >= 0 && t < NTOPICS ? (lang ? topics[t].de : topics[t].name) : NULL;
}

int learn_topic_find(const char *name)
{
	for (int i = 0; name && i < NTOPICS; i++)
		if (!strcasecmp(name, topics[i].name))
			return i;
	return -1;
}

const char *learn_topic_list(char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < NTOPICS && k < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", i == 0 ? "" : i == NTOPICS - 1 ? " or " : ", ",
				      topics[i].name);
	return buf;
}

struct learn_set *learn_set_new(int topic, uint64_t seed, int lang)
{
	struct learn_set *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->keys = calloc(SET_MAX, sizeof *s->keys);
	if (!s->keys) {
		free(s);
		return NULL;
	}
	s->topic = topic;
	s->lang = lang;
	s->rng = seed * 0x9E3779B97F4A7C15ull + 0xD1B54A32D192ED03ull;
	if (!s->rng)
		s->rng = 1;
	return s;
}

void learn_set_free(struct learn_set *s)
{
	if (s)
		free(s->keys);
	free(s);
}

static bool seen(const struct learn_set *s, const char *key)
{
	for (int i = 0; i < s->nkeys; i++)
		if (!strcmp(s->keys[i], key))
			return true;
	return false;
}

/* One try of topic t; 0 with a problem, -1 on failure. */
static int try_one(struct learn_set *s, int t, struct learn_problem *p, struct mm_err *err)
{
	memset(p, 0, sizeof *p);
	p->topic = t;
	struct gen g = {.p = p, .rng = &s->rng, .lang = s->lang};
	mm_err_clear(&g.err);
	int r = topics[t].gen(&g);
	session_free(g.s);
	if (r < 0 || p->nanswers == 0) {
		*err = g.err;
		if (r >= 0)
			mm_fail_tr(err, "ERROR_INTERNAL_ERROR", 0, LM_LRN_NO_ANSWER, topics[t].name);
		return -1;
	}
	return 0;
}

static int pick_topic(struct learn_set *s)
{
	if (s->topic >= 0)
		return s->spent[s->topic] ? -1 : s->topic;
	int left = 0;
	for (int i = 0; i < NTOPICS; i++)
		left += !s->spent[i];
	if (!left)
		return -1;
	int n = (int)(gen_rng(&s->rng) % (uint64_t)left);
	for (int i = 0; i < NTOPICS; i++)
		if (!s->spent[i] && n-- == 0)
			return i;
	return -1;
}

int learn_next(struct learn_set *s, struct learn_problem *p, struct mm_err *err)
{
	if (s->nkeys >= SET_MAX)
		return 1;
	for (int t; (t = pick_topic(s)) >= 0;) {
		for (int tries = 0; tries < GEN_TRIES; tries++) {
			if (try_one(s, t, p, err) < 0)
				return -1;
			if (!seen(s, p->key)) {
				snprintf(s->keys[s->nkeys++], sizeof s->keys[0], "%s", p->key);
				return 0;
			}
		}
		s->spent[t] = true;
	}
	return 1;
}

bool learn_check(const struct learn_problem *p, const char *typed)
{
	char word[LEARN_WORD];
	if (!typed)
		return false;
	snprintf(word, sizeof word, "%s", typed + strspn(typed, " \t"));
	size_t l = strlen(word);
	while (l && strchr(" \t).", word[l - 1])) /* "b", "b)", "b." */
		word[--l] = '\0';
	if (p->nchoices && l == 1 && (word[0] | 0x20) >= 'a' && (word[0] | 0x20) < 'a' + p->nchoices)
		typed = p->choices[(word[0] | 0x20) - 'a'];
	for (int i = 0; i < p->nanswers; i++)
		if (answer_match(typed, p->answers[i], ANSWER_TYPED))
			return true;
	return false;
}

const char *learn_choices_line(const struct learn_problem *p, char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < p->nchoices && k < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%c) %s", i ? "   " : "", 'a' + i, p->choices[i]);
	return buf;
}
