/*
 * w32msg.c — user mode's messages as a table (w32msg.h,
 * core/base/msgcat.h).
 */
#include "w32msg.h"

static const struct msgcat_row rows[W32MSG_COUNT] = {
#define W32MSG_ROW_(id) MSGCAT_ROW(W32MSG_, WM_, id)
	W32MSG_IDS(W32MSG_ROW_)
#undef W32MSG_ROW_
};

const struct msgcat w32msg_cat = {
	.header = "core/win32/w32msg.h", .prefix = "#define WM_", .rows = rows, .count = W32MSG_COUNT,
};
