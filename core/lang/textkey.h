/*
 * textkey.h — the words of the generic text printer's keys in German
 * (docs/output.md OUT-TEXT-DE).
 *
 * A command without a layout of its own prints its result as one
 * `key: value` line per member, the key being the member's JSON name
 * (`access: "read"`). With --lang de the key is printed as the German
 * word for it (`Zugriff: "read"`), so a German screen reads German
 * labels; the values stay as JSON has them (the identifiers the command
 * language and docs/output.md use: "read", "miss", demand_zero).
 *
 * Invariants (tests/unit/38_textkey.c):
 *  1. The table is sorted by JSON name, each name once, so a look-up is a
 *     binary search.
 *  2. Every German word follows docs/glossary.md (GLO-TERMS) and is not
 *     the JSON name itself.
 *  3. Every key a shipped scenario or a batch golden prints with the
 *     generic printer has its German word (the e2e test runs them all).
 */
#ifndef MM_TEXTKEY_H
#define MM_TEXTKEY_H

#include <stddef.h>

/* The label of JSON member `key` in language lang (0 English: the key
 * itself; 1 German: its German word, or the key when it has none). */
const char *textkey_label(int lang, const char *key);

/* The words of string member `key` whose value is a sentence the result
 * carries in English in both languages (an access's `reason`, mmmsg.h
 * WHY_*), in language lang; NULL when the value prints as JSON has it. */
const char *textkey_value(int lang, const char *key, const char *value);

/* The table, for the tests: entry i's JSON name and German word, or NULL
 * past the end. */
const char *textkey_name(size_t i);
const char *textkey_german(size_t i);

#endif
