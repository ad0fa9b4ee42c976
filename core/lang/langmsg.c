/*
 * langmsg.c — the command language's catalogue as a table (langmsg.h):
 * the same lines the commands use through LM() and mm_fail_tr, indexed by
 * enum langmsg_id, for the tests (38_i18n walks it: both languages, the
 * same conversions) and for a message picked at run time.
 */
#include "langmsg.h"

#include <stddef.h>

static const struct {
	const char *text[2]; /* English, German */
	const char *name;
} langmsgs[LANGMSG_COUNT] = {
#define LANGMSG_ROW_(id) [LANGMSG_##id] = {.text = {LM_##id}, .name = #id},
	LANGMSG_IDS(LANGMSG_ROW_)
#undef LANGMSG_ROW_
};

const char *langmsg_text(int lang, enum langmsg_id id)
{
	if ((int)id < 0 || id >= LANGMSG_COUNT)
		return "";
	return langmsgs[id].text[lang ? 1 : 0];
}

const char *langmsg_name(enum langmsg_id id)
{
	return (int)id >= 0 && id < LANGMSG_COUNT ? langmsgs[id].name : "?";
}
