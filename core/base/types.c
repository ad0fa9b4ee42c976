/*
 * types.c — the error value and size formatting shared by every module.
 */
#include "types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mm_assert_fail(const char *expr, const char *file, int line)
{
	fflush(stdout);
	fprintf(stderr, "mmviz: assertion failed: %s (%s:%d)\n", expr, file, line);
	abort();
}

int mm_fail(struct mm_err *err, const char *code, int arg, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		err->arg = arg;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return -1;
}

void mm_err_clear(struct mm_err *err)
{
	if (err) {
		err->code = NULL;
		err->arg = -1;
		err->msg[0] = '\0';
	}
}

const char *mm_size_str(uint64_t bytes, char buf[32])
{
	static const char *unit[] = {"bytes", "KB", "MB", "GB", "TB"};
	unsigned u = 0;
	uint64_t v = bytes;
	while (u + 1 < MM_ARRAY_LEN(unit) && v >= 1024 && v % 1024 == 0) {
		v /= 1024;
		u++;
	}
	snprintf(buf, 32, "%llu %s", (unsigned long long)v, unit[u]);
	return buf;
}
