/*
 * fuzz_scenario.c — libFuzzer target for the scenario loader
 * (core/scenario.h), with properties checked on every input:
 *  F1. loading never crashes, leaks or reads outside the buffer (ASan);
 *  F2. a refused input has a message, and a position inside the input;
 *  F3. what the strict scanner accepts, cJSON parses (no "cannot parse");
 *  F4. a loaded scenario is sane: 1..SCN_MAX_STEPS steps, each with a line,
 *      and every `expect` matches itself (jmatch is reflexive);
 *  F5. the machine merge works on whatever the file gave.
 *
 *   clang-14 -g -O1 -fsanitize=fuzzer,address,undefined -std=c17 -D_GNU_SOURCE \
 *     -Icore -Ibuild/gen tests/fuzz/fuzz_scenario.c core/scenario.c core/jmatch.c \
 *     core/builtin.c core/config.c core/lex.c core/types.c \
 *     $(pkg-config --cflags --libs libcjson) -lm -o build/fuzz_scenario
 *   build/fuzz_scenario -dict=tests/fuzz/scenario.dict -max_total_time=30 \
 *     tests/fuzz/corpus/scenario
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jmatch.h"
#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_loaded(const struct scenario *sc)
{
	char why[256];
	if (sc->nsteps < 1 || sc->nsteps > SCN_MAX_STEPS || !sc->id)
		abort();
	for (int i = 0; i < sc->nsteps; i++) {
		const struct scn_step *st = &sc->steps[i];
		if (st->line < 1)
			abort();
		if (st->expect && !jmatch(st->expect, st->expect, why, sizeof why))
			abort();
	}
	struct mm_config cfg;
	char notice[200];
	scenario_machine(sc, &sc->machine, &cfg, notice, sizeof notice);
	if (notice[0])
		abort();        /* the scenario cannot override itself */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario *sc = NULL;
	struct scn_err err;
	if (scenario_load_buf("fuzz.json", (const char *)data, size, &sc, &err) == 0) {
		check_loaded(sc);
		scenario_free(sc);
		return 0;
	}
	if (sc || !err.msg[0] || !err.what[0] || (err.line > 0 && err.offset > size))
		abort();
	if (strncmp(err.what, "cannot parse", 12) == 0)   /* a prefix: what may quote the input */
		abort();
	return 0;
}
