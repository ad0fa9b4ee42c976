/*
 * builtin.h — scenarios compiled into the binary (docs/cli.md CLI-MODES: `mmviz` opens the
 * built-in tour from any directory, also after `make install`).
 *
 * Ownership: the returned bytes are static, read-only, NUL-terminated
 * JSON; never free them.
 */
#ifndef MM_BUILTIN_H
#define MM_BUILTIN_H

#include <stddef.h>

/* The JSON text of the built-in scenario `name` ("tour"), its length in
 * *len (without the final NUL), or NULL when there is none. */
const char *builtin_scenario(const char *name, size_t *len);

/* The name of built-in scenario i (0, 1, ...), NULL after the last. */
const char *builtin_scenario_name(int i);

#endif
