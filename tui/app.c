/*
 * app.c — the interactive program. Until the TUI's main screen lands, the
 * interactive mode plays the scenario in the terminal as text: each step's
 * narration, then its commands with their results and micro-steps, pausing
 * for Enter between steps (the "batch mode on a built-in demo").
 */
#include "app.h"

#include <stdio.h>
#include <string.h>

#include "scenario.h"
#include "session.h"

int app_run(const struct app_opts *o)
{
	struct scenario *sc = NULL;
	struct scn_err serr;
	struct mm_config cfg = o->cfg;
	if (!o->free_play) {
		if (scenario_open(o->scenario, &sc, &serr) < 0) {
			fprintf(stderr, "mmviz: %s\n", serr.msg);
			return 2;
		}
		struct scn_machine over = {o->cfg, o->given};
		char notice[256] = "";
		scenario_machine(sc, &over, &cfg, notice, sizeof notice);
		if (notice[0])
			printf("note: %s\n", notice);
		printf("== %s ==\n%s\n\n", scn_text_get(&sc->title, cfg.lang), scn_text_get(&sc->summary, cfg.lang));
	}
	struct mm_err err;
	struct session *s = session_new(&cfg, &err);
	if (!s) {
		fprintf(stderr, "mmviz: %s\n", err.msg);
		scenario_free(sc);
		return 2;
	}
	char line[4096];
	for (int i = 0; sc && i < sc->nsteps; i++) {
		const struct scn_step *st = &sc->steps[i];
		const char *say = scn_text_get(&st->say, cfg.lang);
		if (say && *say)
			printf("\n[%d/%d] %s\n", i + 1, sc->nsteps, say);
		for (int k = 0; k < st->nrun; k++)
			session_exec_text(s, st->run[k], stdout);
		printf("-- Enter: next step, q: quit -- ");
		fflush(stdout);
		if (!fgets(line, sizeof line, stdin) || line[0] == 'q')
			break;
	}
	if (!sc) {
		printf("Free play: type commands (help lists them), q to quit.\n");
		while (printf("> "), fflush(stdout), fgets(line, sizeof line, stdin) && strcmp(line, "q\n"))
			session_exec_text(s, line, stdout);
	}
	session_free(s);
	scenario_free(sc);
	return 0;
}

int app_screen(const struct app_opts *o, int w, int h, long at, bool ansi, FILE *out)
{
	fprintf(stderr, "mmviz: --screen needs the TUI's main screen, which is not in this version yet\n");
	return 2;
}
