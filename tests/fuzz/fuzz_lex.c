/*
 * fuzz_lex.c — libFuzzer target for the command lexer (core/lex.c) and the
 * constant tables it feeds (core/consts.c).
 *
 * Each input is one command line. It is split; every word is then tried as
 * a number (with a small variable table), a PAGE_* and a MEM_* flag
 * expression, a protection and a keyword; the whole input is also tried as
 * one word. Besides the sanitizers, the harness checks properties and
 * aborts when one breaks:
 *   - a successful split has 0..32 words inside the struct's buffers, and
 *     an assignment name that lex_vars_set accepts;
 *   - every failure fills err with a known code, the caller's argument
 *     index and a NUL-terminated message;
 *   - a parsed number prints back (hex and decimal) to the same value;
 *   - parsed flags print back (consts_flags_str) to the same value;
 *   - a valid protection maps to an MM code and back to itself.
 * Memory is allocated per input (the line struct too, so ASan sees its
 * exact bounds) and freed at the end: a leak fails the run.
 *
 *   clang-14 -g -O1 -fsanitize=fuzzer,address,undefined -std=c17 -D_GNU_SOURCE \
 *       -Icore tests/fuzz/fuzz_lex.c core/lex.c core/consts.c core/types.c -o /tmp/fz
 *   /tmp/fz -dict=tests/fuzz/lex.dict -max_total_time=30 tests/fuzz/corpus/lex
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/consts.h"
#include "lang/lex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fz_check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_lex: property broken: %s\n", what);
		abort();
	}
}

static void fz_check_err(const struct mm_err *err, int argi)
{
	fz_check(err->code != NULL, "error without a code");
	fz_check(strcmp(err->code, LEX_ERR_SYNTAX) == 0 || strcmp(err->code, LEX_ERR_UNKNOWN) == 0 ||
		strcmp(err->code, LEX_ERR_LIMIT) == 0 ||
		strcmp(err->code, "STATUS_INVALID_PAGE_PROTECTION") == 0, "unexpected error code");
	fz_check(err->arg == argi, "error names the wrong argument");
	fz_check(strnlen(err->msg, sizeof err->msg) < sizeof err->msg, "message not terminated");
	fz_check(err->msg[0] != '\0', "empty message");
}

static bool fz_inside(const char *p, const char *base, size_t n)
{
	return p >= base && p < base + n;
}

static void fz_number(const char *w, const struct lex_vars *vars, int argi)
{
	struct mm_err err;
	char back[32];
	uint64_t v, again;

	mm_err_clear(&err);
	if (lex_number(w, vars, &v, argi, &err) != 0) {
		fz_check_err(&err, argi);
		return;
	}
	snprintf(back, sizeof back, "0x%" PRIx64, v);
	fz_check(lex_number(back, NULL, &again, argi, NULL) == 0 && again == v, "hex round trip");
	snprintf(back, sizeof back, "%" PRIu64, v);
	fz_check(lex_number(back, NULL, &again, argi, NULL) == 0 && again == v, "decimal round trip");
	snprintf(back, sizeof back, "%08" PRIx64 "`%08" PRIx64, v >> 32, v & 0xFFFFFFFFu);
	fz_check(lex_number(back, NULL, &again, argi, NULL) == 0 && again == v, "windbg round trip");
}

static void fz_protection(uint32_t page, int argi)
{
	struct mm_err err;
	int mm;

	mm_err_clear(&err);
	mm = mm_prot_from_win32(page, &err, argi);
	if (mm < 0) {
		fz_check_err(&err, argi);
		return;
	}
	fz_check(mm < 32, "protection code wider than 5 bits");
	fz_check(mm_prot_to_win32(mm) == page, "protection round trip");
	fz_check(mm_prot_mm_str(mm)[0] == 'M', "protection name");
}

static void fz_flags(const char *w, const struct consts_flag *table, size_t n, int argi)
{
	struct mm_err err;
	char back[256];
	uint32_t v, again;

	mm_err_clear(&err);
	if (lex_flags(w, table, n, &v, argi, &err) != 0) {
		fz_check_err(&err, argi);
		return;
	}
	consts_flags_str(table, n, v, back, sizeof back);
	fz_check(lex_flags(back, table, n, &again, argi, NULL) == 0 && again == v, "flags round trip");
	fz_protection(v, argi);
}

static void fz_word(const char *w, const struct lex_vars *vars, int argi)
{
	static const char *const kinds[] = {"r", "w", "x", "writer", "zero", "trim"};
	struct mm_err err;
	int k;

	fz_number(w, vars, argi);
	fz_number(w, NULL, argi);
	fz_flags(w, consts_page, consts_page_n, argi);
	fz_flags(w, consts_mem, consts_mem_n, argi);
	mm_err_clear(&err);
	k = lex_keyword(w, kinds, MM_ARRAY_LEN(kinds), argi, &err);
	if (k < 0)
		fz_check_err(&err, argi);
	else
		fz_check(k < (int)MM_ARRAY_LEN(kinds), "keyword index");
}

static void fz_line(const struct lex_line *line, struct lex_vars *vars)
{
	int i;

	fz_check(line->nwords >= 0 && line->nwords <= LEX_MAX_WORDS, "word count");
	fz_check(!line->empty || (line->nwords == 0 && line->assign[0] == '\0'), "empty line");
	fz_check(line->empty || line->nwords > 0, "non-empty line without words");
	if (line->assign[0] != '\0')
		fz_check(lex_vars_set(vars, line->assign, 42, NULL) == 0, "assignment name refused");
	for (i = 0; i < line->nwords; i++) {
		fz_check(fz_inside(line->word[i], line->buf, sizeof line->buf), "word outside buf");
		fz_check(fz_inside(line->word[i] + strlen(line->word[i]), line->buf, sizeof line->buf),
			"word runs past buf");
		fz_check(fz_inside(line->rest[i], line->raw, sizeof line->raw), "rest outside raw");
		fz_check(strlen(line->rest[i]) >= strlen(line->word[i]), "rest shorter than its word");
		fz_word(line->word[i], vars, i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct lex_line *line = malloc(sizeof *line);
	struct lex_vars *vars = lex_vars_new();
	struct mm_err err;

	if (!text || !line || !vars)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	lex_vars_set(vars, "p", 0x00007ff612340000ull, NULL);
	lex_vars_set(vars, "h", 0x10000, NULL);
	lex_vars_set(vars, "big", UINT64_MAX - 0xFFF, NULL);

	mm_err_clear(&err);
	if (lex_split(text, line, &err) == 0) {
		fz_line(line, vars);
	} else {
		fz_check(err.code != NULL && strcmp(err.code, LEX_ERR_SYNTAX) == 0, "split error code");
		fz_check(err.arg >= -1 && err.arg <= LEX_MAX_WORDS, "split error argument");
		fz_check(line->nwords == 0, "failed split keeps words");
	}
	if (size <= 256)
		fz_word(text, vars, 1);          /* the raw input as one word */

	lex_vars_free(vars);
	free(line);
	free(text);
	return 0;
}
