/*
 * builtin.c — the scenarios compiled into the binary (the tour), so mmviz
 * runs from any directory.
 *
 * The tour is scenarios/tour.json, turned into a C array by
 * `sh tools/embed.sh scenarios/tour.json mm_tour_json` (the Makefile writes
 * build/gen/tour.inc). Embedding the file itself, not a copy of it in C,
 * keeps one source: `mmviz --check scenarios/tour.json` checks exactly the
 * bytes the binary plays. A new built-in is one more line in the table.
 */
#include "builtin.h"

#include <string.h>

#include "tour.inc"

static const struct {
	const char *name;
	const unsigned char *json;
	size_t size;            /* including the final NUL */
} builtin_table[] = {
	{"tour", mm_tour_json, sizeof mm_tour_json},
};

const char *builtin_scenario(const char *name, size_t *len)
{
	for (size_t i = 0; name && i < sizeof builtin_table / sizeof builtin_table[0]; i++) {
		if (strcmp(name, builtin_table[i].name) == 0) {
			if (len)
				*len = builtin_table[i].size - 1;
			return (const char *)builtin_table[i].json;
		}
	}
	return NULL;
}

const char *builtin_scenario_name(int i)
{
	if (i < 0 || (size_t)i >= sizeof builtin_table / sizeof builtin_table[0])
		return NULL;
	return builtin_table[i].name;
}
