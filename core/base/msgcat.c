/*
 * msgcat.c — reading a message catalogue's table (msgcat.h): the one
 * look-up every layer's catalogue and the tests share.
 */
#include "msgcat.h"

#include <stddef.h>

const char *msgcat_text(const struct msgcat *c, int lang, int id)
{
	if (id < 0 || id >= c->count)
		return "";
	return c->rows[id].text[lang ? 1 : 0];
}

const char *msgcat_name(const struct msgcat *c, int id)
{
	return id >= 0 && id < c->count ? c->rows[id].name : "?";
}
