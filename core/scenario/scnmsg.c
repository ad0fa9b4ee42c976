/*
 * scnmsg.c — the scenario layer's messages as a table (scnmsg.h,
 * core/base/msgcat.h), for the tests.
 */
#include "scnmsg.h"

static const struct msgcat_row rows[SCNMSG_COUNT] = {
#define SCNMSG_ROW_(id) MSGCAT_ROW(SCNMSG_, SM_, id)
	SCNMSG_IDS(SCNMSG_ROW_)
#undef SCNMSG_ROW_
};

const struct msgcat scnmsg_cat = {
	.header = "core/scenario/scnmsg.h", .prefix = "#define SM_", .rows = rows, .count = SCNMSG_COUNT,
};
