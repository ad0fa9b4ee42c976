/*
 * cmd.h — the command language's table (in tmux's style): one
 * struct cmd_entry per command, grouped one file per family (cmd_process.c,
 * cmd_vm.c, cmd_access.c, cmd_inspect.c, cmd_session.c). The same table
 * drives look-up (exact name, alias, or unique prefix), `help`, and tab
 * completion.
 *
 * A command's exec fills ctx->result (a cJSON object, owned by the context)
 * and, when it has a primary result (CMD_VALUE), ctx->value and
 * ctx->has_value (what `$x =` binds). It
 * returns 0, or -1 with ctx->err naming the argument at fault. A failed
 * command is rolled back by the session: exec may fail half-way.
 */
#ifndef MM_CMD_H
#define MM_CMD_H

#include <stdio.h>

#include <cJSON.h>

#include "lex.h"
#include "base/machine.h"

struct session;

struct cmd_ctx {
	struct session *s;
	struct mm *m;
	const struct lex_vars *vars; /* the session's $variables, for numbers */
	const struct lex_line *ln;
	int first;                  /* index of the first argument in ln->word */
	int argc;                   /* arguments after the command name */
	cJSON *result;
	uint64_t value;
	bool has_value;
	struct mm_err *err;
	const struct cmd_entry *entry;
	/* Only the text form will be printed (session_exec_text, --batch):
	 * a command whose text printer reads the machine rather than its
	 * result (!pte, vtop) may put in c->result only what that printer
	 * reads. False wherever the result itself is wanted (the JSON, the
	 * TUI, scenarios, `save`'s replay). */
	bool text_only;
	/* --batch --json (session_exec_jsonl): where a command that writes
	 * its result through struct cmd_res (below) may stream it as JSON
	 * instead of building c->result; it then sets json_done (the session
	 * checks the stream before the command commits). NULL elsewhere. */
	FILE *json;
	bool json_done;
};

#define CMD_READONLY 0x01u      /* inspection: changes nothing, nothing journaled */
#define CMD_SESSION 0x02u       /* acts on the session, not the machine */
/* A kernel-mode call (ExAllocatePoolWithTag) or a debugger command (!pte,
 * db): a failure is reported as its NTSTATUS, not as the Win32 error the
 * caller of a Win32 API would see (session.c, error_codes). */
#define CMD_NTSTATUS 0x04u
/* Writes a host file (save, export): a typed command only. The scenario
 * loader refuses a step whose line resolves to such an entry, however it
 * is spelled (docs/scenarios.md SCN-SAFETY). */
#define CMD_HOST_WRITE 0x08u
/* Has a primary result that `$x =` can bind (ctx->value). The session
 * refuses a binding of any other command before it runs, so a command
 * whose only fault is the binding has done nothing (docs/commands.md
 * CMD-VARS). A command marked so may still end without a value (a read
 * that raises an exception): that binding fails after it ran, rolled back. */
#define CMD_VALUE 0x10u

struct cmd_entry {
	const char *name;           /* "VirtualAlloc", "process create", "!pte" */
	const char *alias;          /* "va", NULL */
	const char *usage;          /* "ADDR SIZE TYPE PROTECT" */
	const char *help;           /* one line */
	const char *help_de;        /* the same in German (docs/commands.md CMD-LANG-DE) */
	int min_args, max_args;
	unsigned flags;
	int (*exec)(struct cmd_ctx *c);
	/* Text form of the result for --batch (NULL: generic key: value lines).
	 * Writes into out; the result object is c->result. It runs right
	 * after the command, on the machine as the command left it (session.h
	 * session_text), so a read-only command's printer may read the
	 * machine again rather than its result by name (!pte re-walks). */
	void (*text)(struct cmd_ctx *c, FILE *out);
};

/* Finds the command a line names; *nwords gets how many words the name
 * took (1, or 2 for "process create"). NULL with err ("unknown", or
 * "syntax" for an ambiguous prefix listing the candidates). */
const struct cmd_entry *cmd_find(const struct lex_line *ln, int *nwords, struct mm_err *err);

/* Every command, in help order. */
const struct cmd_entry *const *cmd_all(size_t *n);

/* Argument helpers: i is the argument number (1 = first). They fail with
 * the argument named. */
int cmd_num(struct cmd_ctx *c, int i, uint64_t *out);
int cmd_flags(struct cmd_ctx *c, int i, const struct consts_flag *t, size_t n, uint32_t *out);
const char *cmd_word(struct cmd_ctx *c, int i);   /* NULL when absent */
bool cmd_has(struct cmd_ctx *c, int i);

/* JSON helpers: 64-bit quantities as "0x..." strings (docs/output.md OUT-VALUES).
 * The key is not copied: it must outlive the tree (a string literal or a
 * name from a constant table, as every caller's is). */
void cmd_put_hex(cJSON *o, const char *key, uint64_t v);
void cmd_put_num(cJSON *o, const char *key, double v);
void cmd_put_str(cJSON *o, const char *key, const char *s);
void cmd_put_bool(cJSON *o, const char *key, bool b);

/* A result written once and had two ways: members put into a cJSON
 * object (obj: the tree the TUI, scenarios and the text printers read) or
 * written as JSON text to a stream (f: what --batch --json prints, without
 * a tree made, printed and freed for it: docs/quality.md Q-PERF). The
 * text is the one jout_print gives for the tree, byte for byte. Keys as
 * cmd_put_*'s (not copied; they need no JSON escape). */
struct cmd_res {
	cJSON *obj;                 /* the tree's object or array, or NULL: */
	FILE *f;                    /* the stream */
	bool first;                 /* stream: no member written yet */
};

/* The root of c's result: streamed when c->json allows (c->json_done
 * set, '{' written), else c->result. Close it with cmd_res_end. */
struct cmd_res cmd_res_root(struct cmd_ctx *c);
/* An object or array member (key NULL: an item of an array); close with cmd_res_end. */
struct cmd_res cmd_res_obj(struct cmd_res *r, const char *key);
struct cmd_res cmd_res_arr(struct cmd_res *r, const char *key);
void cmd_res_end(struct cmd_res *r, bool array);
void cmd_res_hex(struct cmd_res *r, const char *key, uint64_t v);
void cmd_res_num(struct cmd_res *r, const char *key, double v);
void cmd_res_str(struct cmd_res *r, const char *key, const char *s);
void cmd_res_bool(struct cmd_res *r, const char *key, bool b);

/* The families' tables. */
extern const struct cmd_entry *const cmd_process_table[];
extern const struct cmd_entry *const cmd_vm_table[];
extern const struct cmd_entry *const cmd_access_table[];
extern const struct cmd_entry *const cmd_inspect_table[];
extern const struct cmd_entry *const cmd_session_table[];
extern const struct cmd_entry *const cmd_file_table[];
extern const struct cmd_entry *const cmd_ws_table[];
extern const struct cmd_entry *const cmd_kernel_table[];
extern const struct cmd_entry *const cmd_section_table[];
extern const struct cmd_entry *const cmd_image_table[];
extern const struct cmd_entry *const cmd_heap_table[];
extern const struct cmd_entry *const cmd_vad_table[];
extern const struct cmd_entry *const cmd_policies_table[];
extern const struct cmd_entry *const cmd_counters_table[];
extern const struct cmd_entry *const cmd_vmex_table[];

/* MEMORY_BASIC_INFORMATION as docs/output.md OUT-RESULT names its fields (cmd_vm.c). */
struct vm_mbi;
void cmd_put_mbi(struct cmd_res *o, const struct vm_mbi *b);

#endif
