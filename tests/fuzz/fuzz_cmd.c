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
 * `touch` of more than FUZZ_TOUCH_MAX bytes is skipped too, and so is a
 * touch whose SIZE is not a plain number: its host memory grows with its
 * size (every event of the command is kept in the history; since huge
 * commands are summarised (docs/output.md OUT-SUMMARY) no longer as JSON
 * too, but a 1 GiB touch still peaks at about 390 MB), which libFuzzer's
 * 2 GB limit reports as out-of-memory on a mere `touch 0x10000 64G w`.
 * That cost is a known gap (a command's history is not yet compact, nor
 * its cost estimated before it runs: issue "Untrusted input stays
 * harmless", item 3, and the performance issue's compact history); remove
 * this skip when that lands.
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

#define FUZZ_TOUCH_MAX (64ull << 20)

/* The line runs a command marked CMD_HOST_WRITE, or a touch bigger than
 * FUZZ_TOUCH_MAX (see above). */
static int skipped(const char *line)
{
	struct lex_line ln;
	struct mm_err err;
	int nwords;
	if (lex_split(line, &ln, &err) < 0 || ln.empty)
		return 0;
	const struct cmd_entry *e = cmd_find(&ln, &nwords, &err);
	if (!e)
		return 0;
	if (e->flags & CMD_HOST_WRITE)
		return 1;
	uint64_t size;
	return !strcmp(e->name, "touch") && ln.nwords > nwords + 1 &&
	       (lex_number(ln.word[nwords + 1], NULL, &size, 2, &err) < 0 || size > FUZZ_TOUCH_MAX);
}

static struct session *boot(void)
{
	struct mm_config cfg;
	struct mm_err err;
	mm_config_default(&cfg);
	cfg.ram = 4u << 20;
	cfg.pagefile[0] = 8u << 20;
	cfg.tlb_entries = 8;
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
