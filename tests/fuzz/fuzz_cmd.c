/*
 * fuzz_cmd.c — libFuzzer target for the command language as a whole: the
 * input is split into lines, each line runs through the session (lexer,
 * command look-up, argument parsing, execution, rollback), and after every
 * command the invariant checker must find nothing, and a failed command
 * must leave the state hash unchanged. Host-file commands (save, export)
 * are skipped, found as the session finds them (lexed, then looked up:
 * quoted, abbreviated or bound ones too, as the scenario loader's rule R5
 * does): a fuzzer must not write files.
 *
 * Huge commands are not skipped: the machine has the smallest history
 * limit (MM_HISTORY_MIN, docs/quality.md Q-BOUNDS), so a `touch 0x10000
 * 64G w` is refused before it runs and any other command stops at 16 MiB of
 * journal, which keeps each input within libFuzzer's memory and time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "check.h"
#include "lang/cmd.h"
#include "lang/lex.h"
#include "session.h"

/* The line runs a command marked CMD_HOST_WRITE. */
static int skipped(const char *line)
{
	struct lex_line ln;
	struct mm_err err;
	int nwords;
	if (lex_split(line, &ln, &err) < 0 || ln.empty)
		return 0;
	const struct cmd_entry *e = cmd_find(&ln, &nwords, &err);
	return e && (e->flags & CMD_HOST_WRITE);
}

static struct session *boot(void)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	cfg.ram = 4u << 20;
	cfg.pagefile[0] = 8u << 20;
	cfg.tlb_entries = 8;
	cfg.history_limit = MM_HISTORY_MIN;
	return session_new(&cfg, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct session *s = boot();
	if (!s)
		return 0;
	char line[512];
	size_t i = 0;
	int lines = 0;
	while (i < size && lines < 64) {
		size_t n = 0;
		while (i < size && data[i] != '\n' && n + 1 < sizeof line)
			line[n++] = (char)data[i++];
		i++;
		line[n] = 0;
		lines++;
		if (skipped(line))
			continue;
		uint64_t before = mm_state_hash((struct mm *)session_mm(s));
		cJSON *o = session_exec_json(s, line);
		char buf[512];
		const char *v = mm_check(session_mm(s), buf, sizeof buf);
		if (v) {
			fprintf(stderr, "invariant violated after '%s': %s\n", line, v);
			abort();
		}
		if (o && !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok")) &&
		    mm_state_hash(session_mm(s)) != before) {
			fprintf(stderr, "failed command '%s' changed the state\n", line);
			abort();
		}
		cJSON_Delete(o);
	}
	session_free(s);
	return 0;
}
