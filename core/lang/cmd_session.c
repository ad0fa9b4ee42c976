/*
 * cmd_session.c — help, say, reset, events (docs/commands.md CMD-SESSION).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "langmsg.h"
#include "evout.h"
#include "evtext.h"
#include "session.h"

int session_reset(struct session *s, struct mm_err *err);
void session_said(struct session *s, const char *text);
int session_find_events(struct session *s, uint64_t seq, struct evout_cmd *out, struct mm_err *err);
void session_show_events(struct session *s, const struct evout_cmd *c);
const struct evout_cmd *session_shown_events(const struct session *s);

static int help_exec(struct cmd_ctx *c)
{
	size_t n;
	const struct cmd_entry *const *all = cmd_all(&n);
	cJSON *arr = cJSON_AddArrayToObject(c->result, "commands");
	const char *want = cmd_word(c, 1);
	char wantbuf[64] = "";
	if (want && cmd_has(c, 2))
		snprintf(wantbuf, sizeof wantbuf, "%s %s", want, cmd_word(c, 2));
	else if (want)
		snprintf(wantbuf, sizeof wantbuf, "%s", want);
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		const struct cmd_entry *e = all[i];
		if (want && strcasecmp(e->name, wantbuf) && !(e->alias && !strcasecmp(e->alias, wantbuf)) &&
		    strncasecmp(e->name, wantbuf, strlen(wantbuf)))
			continue;
		cJSON *o = cJSON_CreateObject();
		cmd_put_str(o, "name", e->name);
		cmd_put_str(o, "usage", e->usage);
		cmd_put_str(o, "help", session_lang(c->s) && e->help_de ? e->help_de : e->help);
		if (e->alias)
			cmd_put_str(o, "alias", e->alias);
		cJSON_AddItemToArray(arr, o);
		found++;
	}
	if (want && !found)
		return mm_fail_tr(c->err, "unknown", 1, LM_HELP_NO_COMMAND, wantbuf);
	return 0;
}

static void help_text(struct cmd_ctx *c, FILE *out)
{
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(c->result, "commands")) {
		char head[96];
		snprintf(head, sizeof head, "%s %s", cJSON_GetObjectItemCaseSensitive(o, "name")->valuestring,
			 cJSON_GetObjectItemCaseSensitive(o, "usage")->valuestring);
		const char *help = cJSON_GetObjectItemCaseSensitive(o, "help")->valuestring;
		if (strlen(head) > 44) /* a long usage gets a line of its own */
			fprintf(out, "  %s\n  %-44s %s\n", head, "", help);
		else
			fprintf(out, "  %-44s %s\n", head, help);
	}
}

static int say_exec(struct cmd_ctx *c)
{
	const char *text = c->ln->rest[c->first];
	cmd_put_str(c->result, "text", text);
	session_said(c->s, text);
	return 0;
}

static void say_text(struct cmd_ctx *c, FILE *out)
{
	fprintf(out, "  \" %s\n", cJSON_GetObjectItemCaseSensitive(c->result, "text")->valuestring);
}

static int reset_exec(struct cmd_ctx *c)
{
	if (session_reset(c->s, c->err) < 0)
		return -1;
	c->m = session_mm(c->s);
	cmd_put_bool(c->result, "reset", true);
	return 0;
}

/* events CMD [FROM N]: micro-steps N.. of command CMD (its number in the
 * session, from 1; N from 1), at most EVOUT_MAX of them, so a student
 * reads a huge command a page at a time. The printer streams them from the
 * history after the result (session.c): no tree of them is built here. */
static int events_exec(struct cmd_ctx *c)
{
	uint64_t seq, from = 1;
	if (cmd_num(c, 1, &seq) < 0)
		return -1;
	if (c->argc == 2 || (c->argc == 3 && strcasecmp(cmd_word(c, 2), "FROM")))
		return mm_fail_tr(c->err, "syntax", 2, LM_EVENTS_FROM, c->entry->usage);
	if (c->argc == 3 && cmd_num(c, 3, &from) < 0)
		return -1;
	struct evout_cmd ev;
	if (session_find_events(c->s, seq, &ev, c->err) < 0)
		return -1;
	uint64_t total = ev.end - ev.begin;
	if (from == 0 || from > total)
		return mm_fail_tr(c->err, "STATUS_INVALID_PARAMETER", 3, LM_EVENTS_RANGE, (unsigned long long)seq,
				  (unsigned long long)total,
			       (unsigned long long)from);
	uint64_t to = from - 1 + EVOUT_MAX < total ? from - 1 + EVOUT_MAX : total;
	cmd_put_num(c->result, "command", (double)seq);
	cmd_put_num(c->result, "events_total", (double)total);
	cmd_put_num(c->result, "from", (double)from);
	cmd_put_num(c->result, "to", (double)to);
	if (to < total)
		cmd_put_num(c->result, "next", (double)(to + 1));
	else
		cmd_put_str(c->result, "next", NULL);
	ev.begin += from - 1;
	ev.end = ev.begin + (to - from + 1);
	session_show_events(c->s, &ev);
	return 0;
}

#define EN_DE(en, de) (lang == LANG_DE ? (de) : (en))

static void events_text(struct cmd_ctx *c, FILE *out)
{
	int lang = session_lang(c->s);
	const struct evout_cmd *ev = session_shown_events(c->s);
	unsigned long long total = (unsigned long long)cJSON_GetObjectItemCaseSensitive(c->result, "events_total")->valuedouble;
	unsigned long long from = (unsigned long long)cJSON_GetObjectItemCaseSensitive(c->result, "from")->valuedouble;
	unsigned long long to = from + (ev->end - ev->begin) - 1;
	fprintf(out, EN_DE("command %llu: micro-steps %llu to %llu of %llu", "Befehl %llu: Mikroschritte %llu bis %llu von %llu"),
		(unsigned long long)ev->seq, from, to, total);
	if (to < total)
		fprintf(out, EN_DE(" (next: events %llu FROM %llu)\n", " (weiter: events %llu FROM %llu)\n"),
			(unsigned long long)ev->seq, to + 1);
	else
		fputs(EN_DE(" (the last)\n", " (die letzten)\n"), out);
	evout_text_range(out, c->m, ev->begin, ev->end, lang);
}

#define SESS CMD_SESSION
static const struct cmd_entry e_help = {
	.name = "help",
	.alias = "?",
	.usage = "[COMMAND]",
	.help = "the commands, or one command's usage",
	.help_de = "die Befehle, oder der Aufruf eines Befehls",
	.min_args = 0,
	.max_args = 2,
	.flags = SESS,
	.exec = help_exec,
	.text = help_text
};

static const struct cmd_entry e_say = {
	.name = "say",
	.usage = "TEXT",
	.help = "a narration line (mainly for scenarios)",
	.help_de = "eine Zeile der Erläuterung (vor allem für Szenarien)",
	.min_args = 1,
	.max_args = -1,
	.flags = SESS,
	.exec = say_exec,
	.text = say_text
};

static const struct cmd_entry e_reset = {
	.name = "reset",
	.usage = "",
	.help = "boot the machine again, as configured; the history is forgotten",
	.help_de = "die Maschine neu starten, wie konfiguriert; der Verlauf wird vergessen",
	.min_args = 0,
	.max_args = 0,
	.flags = SESS,
	.exec = reset_exec
};

static const struct cmd_entry e_events = {
	.name = "events",
	.usage = "CMD [FROM N]",
	.help = "the micro-steps of command CMD (its number, from 1), 1000 at a time from step N (default 1)",
	.help_de = "die Mikroschritte des Befehls CMD (seine Nummer, ab 1), je 1000 ab Schritt N (Vorgabe 1)",
	.min_args = 1,
	.max_args = 3,
	.flags = SESS | CMD_READONLY | CMD_NTSTATUS,
	.exec = events_exec,
	.text = events_text
};

const struct cmd_entry *const cmd_session_table[] = {&e_help, &e_say, &e_reset, &e_events, NULL};
