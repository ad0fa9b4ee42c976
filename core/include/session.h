/*
 * session.h — one user's session over one simulated machine: the command
 * language (docs/commands.md) on top of the core, with variables ($name),
 * the per-command result as the JSON-lines object of docs/output.md OUT-JSON, and the
 * command history the TUI steps through.
 *
 * Ownership: session_new returns a session the caller frees with
 * session_free. Every cJSON* returned here is owned by the caller
 * (cJSON_Delete).
 */
#ifndef MM_SESSION_H
#define MM_SESSION_H

#include <stdio.h>

#include "types.h"
#include "config.h"

typedef struct cJSON cJSON;
struct mm;
struct session;

struct session *session_new(const struct mm_config *cfg, struct mm_err *err);
void session_free(struct session *s);

/* The machine behind the session (for queries and the history cursor). */
struct mm *session_mm(struct session *s);

/* Runs one command line. Returns the JSON-lines object of docs/output.md OUT-JSON
 * ({"seq","cmd","ok","result"|"error","events"}), or NULL for a blank or
 * comment-only line (which produces nothing). A failed command has changed
 * nothing. */
cJSON *session_exec_json(struct session *s, const char *line);

/* The same, written straight to out as one JSON line (with its newline)
 * without building the tree: what --batch --json prints. A command's
 * micro-steps stream from the history one at a time (docs/output.md
 * OUT-SUMMARY); so do those `events` shows. session_exec_json summarises
 * a huge command always; this, only while session_events_all is off.
 * Returns 0 when the command succeeded (or was blank), -1 when it failed. */
int session_exec_jsonl(struct session *s, const char *line, FILE *out);

/* --events all (docs/cli.md CLI-OPTIONS): the printers to a stream
 * (session_exec_jsonl, session_exec_text) print every micro-step of every
 * command, never a summary. Off by default. */
void session_events_all(struct session *s, bool all);

/* Whether session_exec_text echoes the line after "> " (on by default).
 * Off where the user's terminal shows what was typed already: --batch
 * typed at a terminal into a terminal (docs/output.md OUT-TEXT). */
void session_echo(struct session *s, bool echo);

/* Runs one command line and writes the text form of docs/output.md OUT-TEXT to out
 * (the "> cmd" echo, the result, the indented micro-steps, or "error: ...").
 * Returns 0 when the command succeeded (or was blank), -1 when it failed. */
int session_exec_text(struct session *s, const char *line, FILE *out);

/* The same text for a command the TUI ran (docs/tui.md TUI-OUTPUT): what
 * session_exec_text prints below the "> cmd" echo, less the micro-steps
 * (the TUI shows those one by one): the result in the command's own
 * layout (WinDbg's for !pte, !pfn, !vad ...; "key: value" lines for a
 * command without one) or "error: MESSAGE (CODE)", then the history-limit
 * note if any. One printer serves both, so the screen and --batch say the
 * same. obj must be the object session_exec_json returned last for s
 * (call this before the next command runs and before the machine moves
 * through its history: `events` prints what it found then, and a
 * printer such as !pte's reads the machine as the command left it). Returns a string the caller frees (free), "" for a result with
 * nothing to print, NULL when out of host memory. */
char *session_text(struct session *s, const cJSON *obj);

/* A scenario's image (its "images" block): sections with names, sizes and
 * Win32 PAGE_* protection names. Kept by the session, so `reset` keeps it.
 * Returns 0, or -1 with err naming what was wrong. */
int session_define_image(struct session *s, const char *name, uint64_t base, int nsec, const char *const *names,
			 const uint64_t *sizes, const char *const *protects, struct mm_err *err);

/* The variable table ($name), owned by the session. */
struct lex_vars *session_vars(struct session *s);
/* Narration language (0 en, 1 de) for text output. */
/* Whether the session keeps its history for stepping back (the default).
 * Batch mode cannot step back, so it keeps none: each command's events are
 * dropped before the next command that changes the machine runs (until
 * then `events` can show them), and host memory stays flat however long
 * the input (docs/quality.md Q-PERF). */
void session_keep_history(struct session *s, bool keep);
int session_lang(const struct session *s);
void session_set_lang(struct session *s, int lang);
/* The session's configuration (as booted). */
const struct mm_config *session_config(const struct session *s);
/* Command lines that changed the machine, in order (for `save`). */
size_t session_line_count(const struct session *s);
const char *session_line(const struct session *s, size_t i);
/* The session ran more recorded lines than a scenario holds
 * (SCN_MAX_STEPS): the record stopped there and `save` refuses. `reset`
 * starts a new record. */
bool session_record_full(const struct session *s);
/* The narration most recently given by `say`, or NULL. */
const char *session_last_say(const struct session *s);
/* The page numbers (VPNs) of process pid's last user-mode accesses in
 * this session's commands, oldest first, at most max of them (of the last
 * SESSION_TRACE references of all processes; of a very long command,
 * only its first accesses). Returns how many were written to vpn. */
#define SESSION_TRACE 4096
/* The screen that `snapshot FILE` writes (docs/commands.md CMD-SNAPSHOT):
 * the TUI sets it, batch mode has none. fn(ctx, path, out) writes the
 * screen as it is, in the format path's extension names, to out and
 * returns 0 (-1: writing failed); with out NULL it only says whether path
 * names a format it writes (0) or not (-2). */
typedef int (*session_screen_fn)(void *ctx, const char *path, FILE *out);
void session_set_screen(struct session *s, session_screen_fn fn, void *ctx);
/* The writer set, or NULL (then *ctx is untouched). */
session_screen_fn session_screen(const struct session *s, void **ctx);
size_t session_trace(const struct session *s, uint32_t pid, uint64_t *vpn, size_t max);

#endif
