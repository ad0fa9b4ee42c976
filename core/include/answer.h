/*
 * answer.h — is a typed answer one of the accepted answers? The one rule
 * (docs/scenarios.md SCN-ANSWER) for scenario questions in the TUI player,
 * the quiz and exercise sheets (core/learn/), and the `--check` rule that
 * a question must not give itself away (scncheck.h C6): a text leaks an
 * answer exactly when some phrase of it would be accepted as that answer.
 *
 * Ownership: nothing is allocated; every pointer is borrowed for the call.
 */
#ifndef MM_ANSWER_H
#define MM_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

/* How a number written with digits only ("12") is read.
 * ANSWER_TYPED: as the accepted answer is written, so a learner can type a
 *   PFN as WinDbg prints it ("12" for an accepted "0x12") and a count in
 *   decimal ("16" for an accepted "16"); digits with a-f ("1d2") are hex.
 * ANSWER_PROSE: decimal, as narration writes numbers; a word of letters a-f
 *   ("add", "bad") is a word. */
enum answer_mode { ANSWER_TYPED, ANSWER_PROSE };

/* True when `typed` is a way of writing `accepted` (both may be NULL:
 * false). Case, spaces, underscores and hyphens do not matter; numbers
 * compare by value (0x1d2, 1d2, 1d2h, 0n466, 466 where the accepted answer
 * is decimal, WinDbg's fffff800`00123456, 4K = 4096); a trailing "fault",
 * "page fault", "list" (and German "Liste", "Seitenfehler") and a leading
 * "STATUS_" are dropped; English and German synonyms of the glossary are
 * equal (access violation = Zugriffsverletzung = 0xC0000005). */
bool answer_match(const char *typed, const char *accepted, enum answer_mode mode);

/* answer_match against each of n accepted answers; the index of the
 * first that matches, or -1. */
int answer_match_any(const char *typed, char *const *accepted, int n);

/* Does the text say the accepted answer: is a phrase of one to four
 * words of it accepted (ANSWER_PROSE)? When it is, the phrase with a few
 * words around it goes to where (n > 0) and the result is true. */
bool answer_in_text(const char *text, const char *accepted, char *where, size_t n);

/* The canonical form the comparison uses ("#1d2" for a number,
 * "access_violation" for a word), for messages and tests. Returns out. */
const char *answer_canon(const char *s, enum answer_mode mode, bool hex_default, char *out, size_t n);

#endif
