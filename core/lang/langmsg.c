/*
 * langmsg.c — the command language's catalogue as a table (langmsg.h):
 * the same lines the commands use through LM() and mm_fail_tr, indexed by
 * enum langmsg_id, read as every layer's catalogue is (base/msgcat.h):
 * for the tests (38_i18n walks it: both languages, the same conversions)
 * and for a message picked at run time.
 */
#include "langmsg.h"

static const struct msgcat_row rows[LANGMSG_COUNT] = {
#define LANGMSG_ROW_(id) MSGCAT_ROW(LANGMSG_, LM_, id)
	LANGMSG_IDS(LANGMSG_ROW_)
#undef LANGMSG_ROW_
};

const struct msgcat langmsg_cat = {
	.header = "core/lang/langmsg.h", .prefix = "#define LM_", .rows = rows, .count = LANGMSG_COUNT,
};

const char *langmsg_text(int lang, enum langmsg_id id)
{
	return msgcat_text(&langmsg_cat, lang, (int)id);
}

const char *langmsg_name(enum langmsg_id id)
{
	return msgcat_name(&langmsg_cat, (int)id);
}
