/*
 * scenario_course.c — a scenario's `course` block: its place on the course
 * path (docs/scenarios.md SCN-COURSE): `{"order": 3, "minutes": 15,
 * "requires": ["tour"]}`.
 *
 * Design.  The course path is the order in which a lecturer plays the
 * shipped scenarios (scenarios/README.md, "The course path"), and
 * `--list-scenarios` prints them in that order. The block is optional:
 * a scenario a teacher writes for one lesson needs none. What one file
 * can say about itself is checked here, strictly like every block: an
 * order and a length in minutes, whole numbers in range, and the names of
 * the scenarios that must come before it (names, no duplicates, not the
 * scenario itself). Whether those names exist and come earlier on the
 * path is a property of the whole set, not of one file: the suite checks
 * it for the shipped set (tests/e2e/course_path.sh).
 *
 * Invariants
 *  I1. order is 0 exactly when the file has no `course` block; otherwise
 *      1 .. SCN_COURSE_MAX_ORDER, and minutes 1 .. SCN_COURSE_MAX_MINUTES.
 *  I2. requires holds 0 .. SCN_COURSE_MAX_REQUIRES distinct slugs, none
 *      equal to the scenario's own id (checked once the id is known:
 *      scenario_course_check).
 *  I3. scenario_course_cmp orders scenarios on the path first (by order),
 *      then those off it; equal keys keep the caller's order (the listing
 *      sorts stably by the search order as the last key).
 */
#include "scenario.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonfile.h"
#include "scenario_walk.h"

static const char *const course_keys[] = {"order", "minutes", "requires", NULL};

/* A whole JSON number lo..hi (no strings: these are counts, not sizes). */
static int course_int(struct jf_walk *w, const cJSON *it, int lo, int hi, const char *expected, int *out)
{
	if (!cJSON_IsNumber(it))
		return jf_type(w, it, expected);
	/* the range first: only a value in range may be converted to int */
	if (!(it->valuedouble >= lo && it->valuedouble <= hi))
		return jf_fail(w, JF_AT_VALUE, expected, "%g is out of range (%d to %d)", it->valuedouble, lo, hi);
	if (it->valuedouble != (double)(int)it->valuedouble)
		return jf_type(w, it, expected);
	*out = (int)it->valuedouble;
	return 0;
}

static int require_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scn_course *c = ctx;
	if (scn_walk_slug(w, it, &c->requires[i]))
		return -1;
	c->nrequires = i + 1;
	for (int j = 0; j < i; j++)
		if (strcmp(c->requires[j], c->requires[i]) == 0)
			return jf_fail(w, JF_AT_VALUE, "each scenario once", "\"%s\" is named twice", c->requires[i]);
	return 0;
}

static int course_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_course *c = ctx;
	switch (key) {
	case 0:
		return course_int(w, it, 1, SCN_COURSE_MAX_ORDER, "the place on the course path: a whole number from 1 to 999",
		                  &c->order);
	case 1:
		return course_int(w, it, 1, SCN_COURSE_MAX_MINUTES, "minutes in class: a whole number from 1 to 240",
		                  &c->minutes);
	default:
		if (!(c->requires = jf_calloc(w, SCN_COURSE_MAX_REQUIRES, sizeof *c->requires)))
			return -1;
		return jf_list(w, it, 0, SCN_COURSE_MAX_REQUIRES,
		               "a list of at most 16 scenario ids that come earlier, such as [\"tour\"]",
		               require_elem, c);
	}
}

int scenario_course_walk(struct jf_walk *w, cJSON *it, struct scn_course *c)
{
	if (!cJSON_IsObject(it))
		return jf_type(w, it, "{\"order\": N, \"minutes\": M, \"requires\": [...]}");
	/* order and minutes are required (I1) */
	return jf_object(w, it, course_keys, 1u | 2u, course_member, c, NULL);
}

/* The path of the pointer at the error: course.requires[i]. */
static int course_self(struct jf_walk *w, const cJSON *root, int i, const char *id)
{
	int ord = 0, kord = 0;
	const cJSON *c = root->child;
	for (; c && strcmp(c->string, "course"); c = c->next)
		ord++;
	if (!c)
		return jf_fail(w, JF_AT_VALUE, "", "course: \"%s\" is this scenario itself", id);
	for (const cJSON *k = c->child; k && strcmp(k->string, "requires"); k = k->next)
		kord++;
	jf_push(w, "course", ord);
	jf_push(w, "requires", kord);
	jf_push(w, NULL, i);
	return jf_fail(w, JF_AT_VALUE, "scenarios that come before this one", "\"%s\" is this scenario itself", id);
}

int scenario_course_check(struct jf_walk *w, const cJSON *root, const struct scenario *sc)
{
	for (int i = 0; i < sc->course.nrequires; i++)
		if (strcmp(sc->course.requires[i], sc->id) == 0)
			return course_self(w, root, i, sc->id);
	return 0;
}

void scenario_course_free(struct scn_course *c)
{
	scn_strv_free(c->requires, c->nrequires);
	c->requires = NULL;
	c->nrequires = 0;
}

int scenario_course_cmp(const struct scenario *a, const struct scenario *b)
{
	int oa = a && a->course.order ? a->course.order : SCN_COURSE_MAX_ORDER + 1;
	int ob = b && b->course.order ? b->course.order : SCN_COURSE_MAX_ORDER + 1;
	return (oa > ob) - (oa < ob);
}
