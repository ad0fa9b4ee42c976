/*
 * query_tui.c — small read-only look-ups the terminal interface needs
 * beyond the machine queries of query.c: names for the numbers carried by
 * events (event kinds, fault and access kinds, NTSTATUS codes), the flag
 * names the command line completes, protection in Win32 words, and the
 * session's $variables.  Declared at the end of mm.h ("for the TUI").
 *
 * Everything here reads constant tables or borrows from the session; no
 * function allocates, and returned strings are literals or the caller's
 * buffer (or, for variable names, valid until the variable table changes).
 */
#include "mm.h"
#include "langmsg.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "base/machine.h"
#include "cmd.h"
#include "evtext.h"
#include "base/consts.h"
#include "base/event.h"
#include "mm/fault.h"
#include "lex.h"
#include "session.h"

int mm_event_kind(const char *name)
{
	for (int k = 0; k < EV_KIND_COUNT; k++)
		if (strcmp(ev_kind_name((enum ev_kind)k), name) == 0)
			return k;
	return -1;
}

const char *mm_fault_name(uint64_t kind)
{
	return kind < FK_COUNT ? fault_kind_name((enum fault_kind)kind) : "?";
}

const char *mm_access_name(uint64_t kind)
{
	return kind <= ACC_EXEC ? access_kind_name((enum access_kind)kind) : "?";
}

const char *mm_status_name(uint64_t ntstatus)
{
	return fault_status_name((uint32_t)ntstatus);
}

const char *mm_flag_name(size_t i)
{
	const struct {
		const struct consts_flag *t;
		const size_t *n;
	} tables[] = {
		{consts_page, &consts_page_n},	 {consts_mem, &consts_mem_n},	{consts_sec, &consts_sec_n},
		{consts_file_map, &consts_file_map_n}, {consts_heap, &consts_heap_n}, {consts_pool, &consts_pool_n},
	};
	for (size_t k = 0; k < MM_ARRAY_LEN(tables); k++) {
		if (i < *tables[k].n)
			return tables[k].t[i].name;
		i -= *tables[k].n;
	}
	return NULL;
}

const char *mm_protect_str(uint32_t page, char *buf, size_t n)
{
	return mm_prot_win32_str(page, buf, n);
}

int mm_session_var(struct session *s, size_t i, const char **name, uint64_t *value)
{
	return lex_vars_at(session_vars(s), i, name, value);
}

cJSON *mm_inspect_json(struct session *s, const char *line, struct mm_err *err)
{
	/* heap, not stack: the lexer's buffers are large */
	struct lex_line *ln = malloc(sizeof *ln);
	if (!ln) {
		mm_fail_tr(err, "STATUS_NO_MEMORY", -1, LM_OOM);
		return NULL;
	}
	ln->raw[0] = 0;
	ln->assign[0] = 0;
	cJSON *res = NULL;
	int nw = 1;
	const struct cmd_entry *e = NULL;
	if (lex_split(line, ln, err) < 0)
		goto out;
	if (ln->empty || ln->assign[0] || !(e = cmd_find(ln, &nw, err)))
		goto out;
	int argc = ln->nwords - nw;
	if (!(e->flags & CMD_READONLY) || (e->flags & CMD_SESSION) || argc < e->min_args ||
	    (e->max_args >= 0 && argc > e->max_args)) {
		mm_fail_tr(err, "syntax", 0, LM_NOT_INSPECTION, e->name);
		goto out;
	}
	struct cmd_ctx c = {.s = s, .m = session_mm(s), .ln = ln, .first = nw, .argc = argc, .err = err, .entry = e};
	c.result = cJSON_CreateObject();
	if (!c.result || e->exec(&c) < 0) {
		cJSON_Delete(c.result);
		goto out;
	}
	res = c.result;
out:
	free(ln);
	return res;
}

/* Events in the words of the command language (evtext.c). */
int mm_event(const struct mm *m, uint64_t i, struct mm_event *o)
{
	struct hist *h = (struct hist *)&m->hist; /* reading may regenerate events; the state stays (hist_event) */
	struct ev e;
	if (hist_event(h, i, &e) < 0)
		return -1;
	o->kind = ev_kind_name((enum ev_kind)e.kind);
	o->kind_id = e.kind;
	o->cmd = (uint32_t)hist_cmd_of(h, i);
	o->a = e.a;
	o->b = e.b;
	o->c = e.c;
	o->d = e.d;
	return 0;
}

const char *mm_state_word(int state, int lang) { return ev_state_word(state, lang); }
const char *mm_pte_format_word(const char *format, int lang) { return ev_format_word(format, lang); }

const char *mm_event_text(const struct mm *m, uint64_t i, int lang, char *buf, size_t n)
{
	struct ev e;
	if (hist_event((struct hist *)&m->hist, i, &e) < 0) { /* as mm_event */
		snprintf(buf, n, "?");
		return buf;
	}
	return ev_describe(m, &e, lang, buf, n);
}
