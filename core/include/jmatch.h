/*
 * jmatch.h — the `expect` matcher of scenarios (docs/scenarios.md SCN-EXPECT): does a
 * command's JSON-lines object (docs/output.md OUT-JSON) agree with what a scenario
 * expects of it?
 *
 * Rules (partial match), applied recursively from the top:
 *  J1. object vs object: every key of expect is present in actual
 *      (case-sensitive) with a matching value; other keys of actual are
 *      ignored. An expected null also matches an absent key (docs/output.md
 *      writes some fields as "absent or null").
 *  J2. list vs list: prefix, element-wise: an expected list of k elements
 *      matches the first k elements of actual, each partially (J1-J5).
 *  J3. {"contains": [e1, ...]} (an object whose only key is "contains",
 *      holding a list) vs a list: each ei matches some element of actual,
 *      partially, in any order. Against an object it is an ordinary J1
 *      object.
 *  J4. strings compare exactly, except that two hex strings ("0x1A",
 *      "0x001a") compare as numbers: case and leading zeros do not matter.
 *  J5. numbers compare equal as numbers; true, false, null by type. A
 *      number never equals a string ("0x41" is not 65).
 *
 * Ownership: nothing is allocated for the caller; both trees are borrowed.
 */
#ifndef MM_JMATCH_H
#define MM_JMATCH_H

#include <stddef.h>

typedef struct cJSON cJSON;

/* Returns 1 when actual matches expect, 0 when not. On 0, why (when not
 * NULL, n > 0) gets the first difference with its path, e.g.
 *   result.faults[0].kind: expected "copy_on_write", got "demand_zero"
 * (the path is "(top level)" when the objects differ at the top). */
int jmatch(const cJSON *expect, const cJSON *actual, char *why, size_t n);

/* The answer rule of scenario questions (scncheck.h): 1 when the text
 * answer appears as a scalar value anywhere in tree (at any depth):
 * equal to a string (exactly, or as hex by J4), equal to a number (answer
 * written in decimal or 0x hex), or "true"/"false"/"null" for those. */
int jmatch_has_value(const cJSON *tree, const char *answer);

/* Writes v as compact JSON into buf, cut with "..." to fit n bytes.
 * Returns buf. */
const char *jmatch_render(const cJSON *v, char *buf, size_t n);

#endif
