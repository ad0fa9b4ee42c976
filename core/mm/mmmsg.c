/*
 * mmmsg.c — the memory manager's messages as a table (mmmsg.h,
 * core/base/msgcat.h).
 */
#include "mmmsg.h"

static const struct msgcat_row rows[MMMSG_COUNT] = {
#define MMMSG_ROW_(id) MSGCAT_ROW(MMMSG_, MMM_, id)
	MMMSG_IDS(MMMSG_ROW_)
#undef MMMSG_ROW_
};

const struct msgcat mmmsg_cat = {
	.header = "core/mm/mmmsg.h", .prefix = "#define MMM_", .rows = rows, .count = MMMSG_COUNT,
};
