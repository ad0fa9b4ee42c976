/*
 * cmd_session.c — help, say, reset, save (docs/commands.md CMD-SESSION).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "session.h"

int session_reset(struct session *s, struct mm_err *err);
void session_said(struct session *s, const char *text);

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
		cmd_put_str(o, "help", e->help);
		if (e->alias)
			cmd_put_str(o, "alias", e->alias);
		cJSON_AddItemToArray(arr, o);
		found++;
	}
	if (want && !found)
		return mm_fail(c->err, "unknown", 1, "no command '%s' (type help for the list)", wantbuf);
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

#define SESS CMD_SESSION
static const struct cmd_entry e_help = {
	.name = "help",
	.alias = "?",
	.usage = "[COMMAND]",
	.help = "the commands, or one command's usage",
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
	.min_args = 0,
	.max_args = 0,
	.flags = SESS,
	.exec = reset_exec
};

const struct cmd_entry *const cmd_session_table[] = {&e_help, &e_say, &e_reset, NULL};
