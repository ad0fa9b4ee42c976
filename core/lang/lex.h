/*
 * lex.h — the lexical layer of the command language (docs/commands.md CMD-LEX):
 * splitting a line into words, numbers in every accepted form, flag
 * expressions A|B|C, keywords, and the $variables a session binds.
 *
 * Nothing here allocates on the per-command path: a struct lex_line holds
 * fixed buffers, and numbers, flags and keywords are parsed in place. Only
 * the variable table (struct lex_vars) owns heap memory, allocated when it
 * is created or grows.
 *
 * Errors follow types.h: functions return 0 (or a value >= 0) on success
 * and -1 on failure, filling err with LEX_ERR_SYNTAX, LEX_ERR_UNKNOWN or
 * LEX_ERR_LIMIT, arg = the index of the word at fault (0 = the command word,
 * 1 = the first argument, -1 = the line as a whole).
 */
#ifndef MM_LEX_H
#define MM_LEX_H

#include "types.h"
#include "base/consts.h"

#define LEX_MAX_LINE 4096   /* bytes in one line, without the terminating NUL */
#define LEX_MAX_WORDS 32    /* words after an assignment, the command word included */
#define LEX_MAX_NAME 63     /* characters in a variable name */
#define LEX_MAX_VARS 4096   /* variables in one table */

/* Error codes (static strings, compare with strcmp or by pointer). */
#define LEX_ERR_SYNTAX "syntax"   /* the text could not be parsed */
#define LEX_ERR_UNKNOWN "unknown" /* an unknown $variable */
#define LEX_ERR_LIMIT "limit"     /* the variable table is full */

/*
 * One line, split. Filled by lex_split; every pointer points into the
 * struct's own buffers, so the words live exactly as long as the struct
 * (copying the struct copies the pointers, which keep pointing into the
 * original).
 *
 *   line  "$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT \"PAGE_READWRITE\"  # note"
 *   assign  "p"             (without '$'; "" when the line is no assignment)
 *   word[0] "VirtualAlloc"  word[1] "0" ... word[4] "PAGE_READWRITE" (quotes removed)
 *   rest[1] "0 64K MEM_RESERVE|MEM_COMMIT \"PAGE_READWRITE\""  (raw text to the
 *           end of the line, comment stripped, whitespace trimmed)
 */
struct lex_line {
	bool empty;                        /* blank or comment-only line */
	int nwords;                        /* 0 .. LEX_MAX_WORDS */
	char assign[LEX_MAX_NAME + 1];     /* "$name = COMMAND": the name */
	const char *word[LEX_MAX_WORDS];   /* unquoted, unescaped words */
	const char *rest[LEX_MAX_WORDS];   /* raw text from word i to the end */
	char raw[LEX_MAX_LINE + 1];        /* the line, comment stripped, trimmed */
	char buf[LEX_MAX_LINE + LEX_MAX_WORDS]; /* words, NUL-separated */
};

/* Splits line (a NUL-terminated string; a trailing "\n" is whitespace).
 * Rules: '#' outside double quotes starts a comment; words are separated
 * by blanks; a double-quoted part of a word keeps its blanks and '#', loses
 * its quotes, and inside it \" and \\ stand for " and \ (any other
 * backslash is kept as is, so "C:\dir" stays intact); "$name = CMD ..."
 * (blanks around '=' optional) binds a variable. Fails (LEX_ERR_SYNTAX) for
 * a line longer than LEX_MAX_LINE bytes, more than LEX_MAX_WORDS words, an
 * unterminated quote, a bad variable name, or an assignment without a
 * command. out is fully rewritten; on failure nwords is 0, empty is false
 * and assign is "". */
int lex_split(const char *line, struct lex_line *out, struct mm_err *err);

/*
 * Variables: a table name -> uint64_t owned by its creator. Names are
 * case-SENSITIVE, as in shells ($p and $P are two variables): letters,
 * digits and '_', starting with a letter or '_', at most LEX_MAX_NAME
 * characters, given without the '$'. Iteration is in order of first
 * definition; redefining keeps the position.
 */
struct lex_vars;

struct lex_vars *lex_vars_new(void);          /* NULL when out of host memory */
void lex_vars_free(struct lex_vars *vars);    /* NULL is fine */
void lex_vars_clear(struct lex_vars *vars);   /* forget every variable */
/* Defines or redefines. Fails with LEX_ERR_SYNTAX for a bad name,
 * LEX_ERR_LIMIT when LEX_MAX_VARS are already defined (or host memory ran
 * out); the table is unchanged then. arg of the error is -1. */
int lex_vars_set(struct lex_vars *vars, const char *name, uint64_t value, struct mm_err *err);
/* 0 and *out set when defined, -1 when not. */
/* Undoes the newest definition (a binding whose command then failed). */
void lex_vars_drop_last(struct lex_vars *v);
int lex_vars_get(const struct lex_vars *vars, const char *name, uint64_t *out);
size_t lex_vars_count(const struct lex_vars *vars);
/* The i-th variable in definition order; -1 when i >= count. *name stays
 * valid until the table is changed. */
int lex_vars_at(const struct lex_vars *vars, size_t i, const char **name, uint64_t *value);

/*
 * A number in any form docs/commands.md CMD-LEX accepts:
 *   4096   0x1000   00007ff6`12340000 (WinDbg: 1-8 hex digits, one backtick,
 *   exactly 8 hex digits; an optional 0x prefix)   64K 0x10M 2g (K/M/G in
 *   any case, powers of 1024, on decimal and 0x hex)   $p  $p+0x1000  $p-4K.
 * vars may be NULL: then $variables are a syntax error ("not allowed
 * here"). Values past 2^64-1 and results below 0 are errors. Errors:
 * LEX_ERR_SYNTAX quoting the word and the expected forms, LEX_ERR_UNKNOWN
 * for an undefined variable (listing up to 8 defined ones); arg = argi.
 */
int lex_number(const char *w, const struct lex_vars *vars, uint64_t *out, int argi,
	struct mm_err *err);

/* A flag expression "A|B|C" without blanks: each part a name of table
 * (case-insensitive) or a number in any literal form (no variables) that
 * fits in 32 bits; the parts are OR-ed into *out. An empty part, an unknown
 * name or a bad number is a LEX_ERR_SYNTAX error naming the part and
 * listing the table's names; arg = argi. */
int lex_flags(const char *w, const struct consts_flag *table, size_t n, uint32_t *out, int argi,
	struct mm_err *err);

/* The index of the choice equal to w ignoring case, or -1 with
 * LEX_ERR_SYNTAX "expected one of a, b, c; got 'w'" (arg = argi). */
int lex_keyword(const char *w, const char *const *choices, size_t n, int argi,
	struct mm_err *err);

/* Whether the 8 bytes of x (a word of text, loaded with memcpy) are all
 * printable ASCII, 0x20..0x7E: none below 0x20 ((x - 0x20..) & ~x), none
 * 0x7F or above (x + 0x01.. or x itself has the high bit); exact as
 * any-byte tests this way. Text checks go a word at a time with it (the
 * lexer's, the echo's: docs/quality.md Q-PERF). */
static inline bool lex_word_printable(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	return !((((x - ones * 0x20) & ~x) | (x + ones) | x) & high);
}

#endif
