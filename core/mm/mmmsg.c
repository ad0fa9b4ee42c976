/*
 * mmmsg.c — the memory manager's messages as a table (mmmsg.h,
 * core/base/msgcat.h).
 */
#include "mmmsg.h"

#include <string.h>

static const struct msgcat_row rows[MMMSG_COUNT] = {
#define MMMSG_ROW_(id) MSGCAT_ROW(MMMSG_, MMM_, id)
	MMMSG_IDS(MMMSG_ROW_)
#undef MMMSG_ROW_
};

const struct msgcat mmmsg_cat = {
	.header = "core/mm/mmmsg.h", .prefix = "#define MMM_", .rows = rows, .count = MMMSG_COUNT,
};

/* An access's reason (a WHY_ text, English, as the result carries it) in
 * language lang; the text itself when it is no WHY_ text. */
const char *mmmsg_why(const char *en, int lang)
{
	if (!lang || !en)
		return en;
	for (int i = 0; i < MMMSG_COUNT; i++)
		if (!strncmp(rows[i].name, "WHY_", 4) && !strcmp(rows[i].text[0], en))
			return rows[i].text[1];
	return en;
}

