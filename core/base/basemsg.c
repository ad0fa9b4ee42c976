/*
 * basemsg.c — base's and boot's messages as a table (basemsg.h, msgcat.h).
 */
#include "basemsg.h"

static const struct msgcat_row rows[BASEMSG_COUNT] = {
#define BASEMSG_ROW_(id) MSGCAT_ROW(BASEMSG_, BM_, id)
	BASEMSG_IDS(BASEMSG_ROW_)
#undef BASEMSG_ROW_
};

const struct msgcat basemsg_cat = {
	.header = "core/base/basemsg.h", .prefix = "#define BM_", .rows = rows, .count = BASEMSG_COUNT,
};
