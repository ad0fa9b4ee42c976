/*
 * scenario_walk.h — what the parts of the scenario loader share (inside
 * core/scenario/ only): scenario.c walks the document and hands each block
 * to the file that knows it: scenario_machine.c (`machine`),
 * scenario_images.c (`images`), scenario_steps.c (`steps`),
 * scenario_course.c (`course`).
 *
 * Every walker follows jsonfile.h: it is called with its path pushed,
 * returns 0, or -1 with the walk's error filled, and what it allocates is
 * owned by the struct scenario being built (scenario_free frees it, also
 * after a failure half-way).
 */
#ifndef MM_SCENARIO_WALK_H
#define MM_SCENARIO_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "jsonfile.h"
#include "scenario.h"

/* The scenario's own state during a walk (jf_walk.ud). */
struct scn_walk {
	size_t narration;       /* bytes of narration so far (R4) */
	int steps_ord;          /* ordinal of "steps" among the top-level members */
};

/* The walk's state of a jf_walk (its ud). */
struct scn_walk *scn_walk_state(struct jf_walk *w);

/* Values of scenario files (scenario_walk.c). */
/* A name: [a-z0-9][a-z0-9._-]*, at most 64 bytes. */
int scn_walk_slug(struct jf_walk *w, const cJSON *it, char **out);
/* A text: "..." (English) or {"en": ..., "de": ...} with at least one;
 * counts toward SCN_MAX_NARRATION. */
int scn_walk_text(struct jf_walk *w, cJSON *it, struct scn_text *t);
/* A size: "16M", "0x1000", 4096 (R6), within [min, max] and page-aligned
 * when align is set. */
int scn_walk_size(struct jf_walk *w, const cJSON *it, uint64_t min, uint64_t max, bool align,
                  const char *expected, uint64_t *out);
void scn_text_free(struct scn_text *t);
void scn_strv_free(char **v, int n);     /* an owned array of owned strings */

/* The blocks. */
int scenario_machine_walk(struct jf_walk *w, cJSON *it, struct scn_machine *m);
int scenario_images_walk(struct jf_walk *w, cJSON *it, struct scenario *sc);
void scenario_images_free(struct scenario *sc);
int scenario_steps_walk(struct jf_walk *w, cJSON *it, struct scenario *sc);
int scenario_course_walk(struct jf_walk *w, cJSON *it, struct scn_course *c);
/* What needs the whole document: `requires` does not name the scenario itself. */
int scenario_course_check(struct jf_walk *w, const cJSON *root, const struct scenario *sc);
void scenario_course_free(struct scn_course *c);
void scenario_steps_free(struct scenario *sc);

#endif
