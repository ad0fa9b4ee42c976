/*
 * mmmsg.c — the memory manager's messages as a table (mmmsg.h,
 * core/base/msgcat.h).
 */
#include "mmmsg.h"

#include <stdbool.h>
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

/* ---- a pool chain's reason in German (mmmsg_pool_why) ---- */

/* The texts pool.c chain_walk says a chain breaks with. */
static const int chain_whys[] = {
	MMMSG_POOL_OWN_LOST, MMMSG_POOL_UNMAPPED, MMMSG_POOL_SIZE_0, MMMSG_POOL_SIZE_PAST, MMMSG_POOL_PREV, MMMSG_POOL_TYPE,
};

#define WHY_ARGS 4 /* the most conversions a chain's text has */

struct span {
	const char *p;
	size_t n;
};

/* How long the text of a %#x at t is: "0", or "0x" and hex digits; 0 when none is there. */
static size_t hex_len(const char *t)
{
	if (t[0] == '0' && t[1] == 'x') {
		size_t d = strspn(t + 2, "0123456789abcdef");
		return d ? 2 + d : 0;
	}
	return t[0] == '0';
}

/* Is text t what format f prints, f's conversions being %#x, %u and %s
 * only (a chain's texts: 38_textkey checks they are)? The conversions'
 * texts go to arg from index k on (a %s takes the shortest text after
 * which the rest matches). Returns the count of arguments, -1: no match. */
static int unformat(const char *f, const char *t, struct span *arg, int k)
{
	for (; *f && !(f[0] == '%' && f[1] != '%'); f++, t++) { /* the literal text up to a conversion */
		f += f[0] == '%';
		if (*f != *t)
			return -1;
	}
	if (!*f)
		return *t ? -1 : k;
	if (k >= WHY_ARGS)
		return -1;
	size_t n;
	if (!strncmp(f, "%s", 2)) {
		for (n = 0;; n++) {
			arg[k] = (struct span){t, n};
			int r = unformat(f + 2, t + n, arg, k + 1);
			if (r >= 0 || !t[n])
				return r;
		}
	}
	bool hex = !strncmp(f, "%#x", 3);
	if (!hex && strncmp(f, "%u", 2))
		return -1;
	n = hex ? hex_len(t) : strspn(t, "0123456789");
	if (!n)
		return -1;
	arg[k] = (struct span){t, n};
	return unformat(f + (hex ? 3 : 2), t + n, arg, k + 1);
}

/* Format f with its conversions replaced by the texts of arg, in order,
 * into out (cut to n). False when f has more conversions than nargs. */
static bool reformat(const char *f, const struct span *arg, int nargs, char *out, size_t n)
{
	size_t o = 0;
	int k = 0;
	for (; *f; f++) {
		const char *piece = f;
		size_t len = 1;
		if (f[0] == '%' && f[1] == '%') {
			f++;
		} else if (f[0] == '%') {
			if (k >= nargs)
				return false;
			f += strncmp(f, "%#x", 3) ? 1 : 2;
			piece = arg[k].p;
			len = arg[k++].n;
		}
		for (size_t i = 0; i < len && o + 1 < n; i++)
			out[o++] = piece[i];
	}
	out[o < n ? o : n - 1] = '\0';
	return true;
}

/* A pool chain's reason (a POOL_ text of chain_walk, English with its
 * numbers, as !pool's result carries it) in language lang, into out; the
 * text itself when lang is English or it is no such text. */
const char *mmmsg_pool_why(const char *en, int lang, char *out, size_t n)
{
	if (!lang || !en || !n)
		return en;
	struct span arg[WHY_ARGS];
	for (size_t i = 0; i < sizeof chain_whys / sizeof chain_whys[0]; i++) {
		const struct msgcat_row *r = &rows[chain_whys[i]];
		int k = unformat(r->text[0], en, arg, 0);
		if (k >= 0 && reformat(r->text[1], arg, k, out, n))
			return out;
	}
	return en;
}
