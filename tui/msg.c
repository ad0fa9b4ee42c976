/*
 * msg.c — the message catalogue as a table (msg.h): the same lines the
 * panes use through MSG(), indexed by enum msg_id, for the tests and for
 * code that picks a message at run time.
 */
#include "msg.h"

#include <stddef.h>

static const struct {
	const char *text[2]; /* English, German */
	const char *name;
} msgs[MSG_COUNT] = {
#define MSG_ROW_(id) [MSG_##id] = {.text = {M_##id}, .name = #id},
	MSG_IDS(MSG_ROW_)
#undef MSG_ROW_
};

const char *msg_text(int lang, enum msg_id id)
{
	if ((int)id < 0 || id >= MSG_COUNT)
		return "";
	return msgs[id].text[lang ? 1 : 0];
}

const char *msg_name(enum msg_id id)
{
	return (int)id >= 0 && id < MSG_COUNT ? msgs[id].name : "?";
}
