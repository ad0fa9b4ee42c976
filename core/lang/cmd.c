/*
 * cmd.c — look-up over the command tables, and the argument and JSON
 * helpers every command uses (cmd.h).
 */
#include "cmd.h"
#include "langmsg.h"


#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "jout.h"

static const struct cmd_entry *const *const families[] = {
	cmd_process_table, cmd_vm_table, cmd_access_table, cmd_inspect_table, cmd_session_table, cmd_file_table, cmd_ws_table, cmd_kernel_table, cmd_section_table, cmd_image_table,
	cmd_heap_table, cmd_vad_table, cmd_policies_table, cmd_counters_table, cmd_vmex_table,
};

#define MAX_CMDS 128
static const struct cmd_entry *all_cmds[MAX_CMDS];
/* The entries whose name or alias starts with each letter (lower case;
 * bucket 26 for any other first character), in table order: a line is
 * looked up against its first letter's entries only (every command of a
 * batch goes through cmd_find). */
#define NBUCKETS 27
static unsigned char bucket[NBUCKETS][MAX_CMDS];
static size_t nbucket[NBUCKETS];
static size_t n_cmds;
/* Each entry's name length (SIZE_MAX for a two-word name) and alias
 * length (0: none): an exact spelling is compared only with names of its
 * length. */
static size_t name_len[MAX_CMDS], alias_len[MAX_CMDS];

static int bucket_of(char c)
{
	int l = tolower((unsigned char)c);
	return l >= 'a' && l <= 'z' ? l - 'a' : NBUCKETS - 1;
}

/* The flattened table is computed once; it is constant data derived from
 * constant tables, so it is not mutable state in the sense of the no-globals rule. */
static void flatten(void)
{
	if (n_cmds)
		return;
	size_t n = 0;
	for (size_t f = 0; f < MM_ARRAY_LEN(families); f++)
		for (const struct cmd_entry *const *e = families[f]; *e && n < MAX_CMDS; e++) {
			int b = bucket_of((*e)->name[0]);
			bucket[b][nbucket[b]++] = (unsigned char)n;
			int a = (*e)->alias ? bucket_of((*e)->alias[0]) : b;
			if (a != b)
				bucket[a][nbucket[a]++] = (unsigned char)n;
			name_len[n] = strchr((*e)->name, ' ') ? SIZE_MAX : strlen((*e)->name);
			alias_len[n] = (*e)->alias ? strlen((*e)->alias) : 0;
			all_cmds[n++] = *e;
		}
	n_cmds = n;
}

const struct cmd_entry *const *cmd_all(size_t *n)
{
	flatten();
	*n = n_cmds;
	return all_cmds;
}

static int name_words(const char *name)
{
	return strchr(name, ' ') ? 2 : 1;
}

/* Does the line spell name (exactly, or as a prefix)? Two-word names
 * ("process create") need the first word whole and the second exactly or
 * as a prefix. Case-insensitive. No formatting: this runs for every table
 * entry of every command, so it must be cheap. */
static bool spells(const struct lex_line *ln, const char *name, bool prefix)
{
	const char *w0 = ln->word[0];
	/* Every spelling below starts with the name's first letter; most
	 * entries differ there, so they cost one comparison. (An empty word
	 * is a prefix of every name, as before.) The scenario loader runs
	 * this for every line of a file, too (scenario_steps.c, R5). */
	if (w0[0] && tolower((unsigned char)w0[0]) != tolower((unsigned char)name[0]))
		return false;
	const char *sp = strchr(name, ' ');
	if (sp) {
		size_t n0 = (size_t)(sp - name);
		if (prefix && ln->nwords < 2) /* "process" alone: a prefix of every "process ..." */
			return strlen(w0) <= n0 && !strncasecmp(w0, name, strlen(w0));
		if (ln->nwords < 2 || strlen(w0) != n0 || strncasecmp(w0, name, n0))
			return false;
		name = sp + 1;
		w0 = ln->word[1];
	}
	if (!prefix)
		return !strcasecmp(w0, name);
	size_t len = strlen(w0);
	return len < strlen(name) && !strncasecmp(w0, name, len);
}

/* No command by that name: the nearest name (types.h mm_spell), a
 * two-word one compared with the first two words typed. */
static const struct cmd_entry *unknown_command(const struct lex_line *ln, struct mm_err *err)
{
	char two[80];
	snprintf(two, sizeof two, "%s %s", ln->word[0], ln->nwords > 1 ? ln->word[1] : "");
	struct mm_spell one, pair;
	mm_spell_init(&one, ln->word[0]);
	mm_spell_init(&pair, ln->nwords > 1 ? two : "");
	for (size_t k = 0; k < n_cmds; k++) {
		const struct cmd_entry *e = all_cmds[k];
		mm_spell_try(name_words(e->name) == 2 ? &pair : &one, e->name);
		mm_spell_try(&one, e->alias);
	}
	bool by_pair = mm_spell_best(&pair) != NULL;
	const char *best = by_pair ? mm_spell_best(&pair) : mm_spell_best(&one);
	if (best)
		return mm_fail_tr(err, "unknown", 0, LM_UNKNOWN_CMD_HINT,
			       by_pair ? two : ln->word[0], best), NULL;
	return mm_fail_tr(err, "unknown", 0, LM_UNKNOWN_CMD, ln->word[0]), NULL;
}

const struct cmd_entry *cmd_find(const struct lex_line *ln, int *nwords, struct mm_err *err)
{
	flatten();
	if (ln->nwords == 0)
		return mm_fail_tr(err, "syntax", 0, LM_EMPTY_COMMAND), NULL;
	/* The entries to look at: the first letter's, or all for an empty word
	 * (a prefix of every name). */
	const unsigned char *idx;
	size_t nidx = n_cmds;
	unsigned char all_idx[MAX_CMDS];
	if (ln->word[0][0]) {
		int b = bucket_of(ln->word[0][0]);
		idx = bucket[b];
		nidx = nbucket[b];
	} else {
		for (size_t i = 0; i < n_cmds; i++)
			all_idx[i] = (unsigned char)i;
		idx = all_idx;
	}
	/* exact names and aliases, two-word names first; a one-word name or
	 * an alias only of the word's length */
	size_t w0len = strlen(ln->word[0]);
	for (int pass = 2; pass >= 1; pass--)
		for (size_t k = 0; k < nidx; k++) {
			const struct cmd_entry *e = all_cmds[idx[k]];
			bool two = name_len[idx[k]] == SIZE_MAX;
			if (pass == 2 ? two && spells(ln, e->name, false)
				      : name_len[idx[k]] == w0len && spells(ln, e->name, false)) {
				*nwords = pass;
				return e;
			}
			if (pass == 1 && alias_len[idx[k]] == w0len && e->alias && !strcasecmp(ln->word[0], e->alias)) {
				*nwords = 1;
				return e;
			}
		}
	/* unique prefix */
	const struct cmd_entry *found = NULL;
	char cands[160] = "";
	int nfound = 0;
	for (size_t k = 0; k < nidx; k++) {
		const struct cmd_entry *e = all_cmds[idx[k]];
		if (!spells(ln, e->name, true))
			continue;
		if (nfound++ < 6) {
			size_t l = strlen(cands);
			snprintf(cands + l, sizeof cands - l, "%s%s", l ? ", " : "", e->name);
		}
		found = e;
	}
	if (nfound == 1) {
		*nwords = name_words(found->name);
		return found;
	}
	if (nfound > 1)
		return mm_fail_tr(err, "syntax", 0, LM_AMBIGUOUS, ln->word[0], cands), NULL;
	return unknown_command(ln, err);
}

const char *cmd_word(struct cmd_ctx *c, int i)
{
	return i >= 1 && i <= c->argc ? c->ln->word[c->first + i - 1] : NULL;
}

bool cmd_has(struct cmd_ctx *c, int i)
{
	return cmd_word(c, i) != NULL;
}

int cmd_num(struct cmd_ctx *c, int i, uint64_t *out)
{
	const char *w = cmd_word(c, i);
	if (!w)
		return mm_fail_tr(c->err, "syntax", i, LM_ARG_MISSING, c->entry->name, i, c->entry->name,
				  c->entry->usage);
	return lex_number(w, c->vars, out, i, c->err);
}

int cmd_flags(struct cmd_ctx *c, int i, const struct consts_flag *t, size_t n, uint32_t *out)
{
	const char *w = cmd_word(c, i);
	if (!w)
		return mm_fail_tr(c->err, "syntax", i, LM_ARG_MISSING, c->entry->name, i, c->entry->name,
				  c->entry->usage);
	return lex_flags(w, t, n, out, i, c->err);
}

/* The key is not copied (cmd.h): one allocation less per member, and
 * every command of a batch builds a result. */
static void put(cJSON *o, const char *key, cJSON *item)
{
	if (item && !cJSON_AddItemToObjectCS(o, key, item))
		cJSON_Delete(item);
}

/* "0x%llx" without snprintf: a batch command writes several (bench). */
static cJSON *hex_item(uint64_t v)
{
	static const char hex[] = "0123456789abcdef";
	char buf[24], *p = buf + sizeof buf;
	*--p = 0;
	do
		*--p = hex[v & 15];
	while (v >>= 4);
	*--p = 'x';
	*--p = '0';
	return cJSON_CreateString(p);
}

void cmd_put_hex(cJSON *o, const char *key, uint64_t v) { put(o, key, hex_item(v)); }

void cmd_put_num(cJSON *o, const char *key, double v) { put(o, key, cJSON_CreateNumber(v)); }
void cmd_put_str(cJSON *o, const char *key, const char *s)
{
	put(o, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}
void cmd_put_bool(cJSON *o, const char *key, bool b) { put(o, key, cJSON_CreateBool(b)); }

/* ---- struct cmd_res (cmd.h) ---- */

/* A stream member's start: the comma after the previous one, the key. */
static void res_key(struct cmd_res *r, const char *key)
{
	if (!r->first)
		putc_unlocked(',', r->f);
	r->first = false;
	if (key) { /* needs no escape (cmd.h) */
		putc_unlocked('"', r->f);
		jout_put(r->f, key, strlen(key));
		jout_put(r->f, "\":", 2);
	}
}

/* A tree member: into an object by key, into an array without. */
static void res_put(struct cmd_res *r, const char *key, cJSON *item)
{
	if (key)
		put(r->obj, key, item);
	else if (item && !cJSON_AddItemToArray(r->obj, item))
		cJSON_Delete(item);
}

struct cmd_res cmd_res_root(struct cmd_ctx *c)
{
	if (!c->json)
		return (struct cmd_res){.obj = c->result};
	c->json_done = true;
	putc_unlocked('{', c->json);
	return (struct cmd_res){.f = c->json, .first = true};
}

static struct cmd_res res_container(struct cmd_res *r, const char *key, bool array)
{
	if (r->f) {
		res_key(r, key);
		putc_unlocked(array ? '[' : '{', r->f);
		return (struct cmd_res){.f = r->f, .first = true};
	}
	cJSON *item = array ? cJSON_CreateArray() : cJSON_CreateObject();
	res_put(r, key, item);
	return (struct cmd_res){.obj = item};
}

struct cmd_res cmd_res_obj(struct cmd_res *r, const char *key) { return res_container(r, key, false); }
struct cmd_res cmd_res_arr(struct cmd_res *r, const char *key) { return res_container(r, key, true); }

void cmd_res_end(struct cmd_res *r, bool array)
{
	if (r->f)
		putc_unlocked(array ? ']' : '}', r->f);
}

void cmd_res_hex(struct cmd_res *r, const char *key, uint64_t v)
{
	if (!r->f) {
		res_put(r, key, hex_item(v));
		return;
	}
	res_key(r, key);
	jout_hex(r->f, v);
}

void cmd_res_num(struct cmd_res *r, const char *key, double v)
{
	if (!r->f) {
		res_put(r, key, cJSON_CreateNumber(v));
		return;
	}
	res_key(r, key);
	jout_num(r->f, v);
}

void cmd_res_str(struct cmd_res *r, const char *key, const char *s)
{
	if (!r->f) {
		res_put(r, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
		return;
	}
	res_key(r, key);
	if (s)
		jout_str(r->f, s);
	else
		jout_raw(r->f, "null");
}

void cmd_res_bool(struct cmd_res *r, const char *key, bool b)
{
	if (!r->f) {
		res_put(r, key, cJSON_CreateBool(b));
		return;
	}
	res_key(r, key);
	jout_raw(r->f, b ? "true" : "false");
}
