/*
 * evtext.h — events in words and as JSON: the micro-steps the batch text
 * narrates, the TUI animates, and the JSON lines carry (docs/output.md OUT-EVENTS).
 */
#ifndef MM_EVTEXT_H
#define MM_EVTEXT_H

#include <cJSON.h>

#include "base/machine.h"

enum mm_lang { LANG_EN, LANG_DE };

/* One plain-language line for the event, in English or German. Returns buf. */
const char *ev_describe(const struct mm *m, const struct ev *e, int lang, char *buf, size_t n);
/* The same line into buf (n > 0); returns its length (what fitted), so
 * that the batch's narrator need not measure it again. */
size_t ev_describe_len(const struct mm *m, const struct ev *e, int lang, char *buf, size_t n);
/* The event as the JSON object of docs/output.md OUT-EVENTS ({"kind": ..., ...}); caller owns it. */
cJSON *ev_to_json(const struct mm *m, const struct ev *e);
/* Names used in both. */
const char *ev_state_word(int loc, int lang);
/* A PTE format's name (pte_format_name: "transition") in lang; other names as they are. */
const char *ev_format_word(const char *name, int lang);

#endif
