/*
 * jout.c — the fast JSON line printer (jout.h).
 */
#include "jout.h"

#include <math.h>
#include <stdbool.h>

static void put_string(FILE *f, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	putc_unlocked('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if (c == '"' || c == '\\') {
			putc_unlocked('\\', f);
			putc_unlocked(c, f);
		} else if (c < 0x20) {
			const char *esc = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
			if (esc) {
				fputs_unlocked(esc, f);
			} else {
				fputs_unlocked("\\u00", f);
				putc_unlocked(hex[c >> 4], f);
				putc_unlocked(hex[c & 15], f);
			}
		} else {
			putc_unlocked(c, f);
		}
	}
	putc_unlocked('"', f);
}

static void put_number(FILE *f, double d)
{
	if (isfinite(d) && d == floor(d) && fabs(d) < 9007199254740992.0) {
		char buf[24], *p = buf + sizeof buf;
		long long v = (long long)d;
		unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
		*--p = 0;
		do
			*--p = (char)('0' + u % 10);
		while (u /= 10);
		if (v < 0)
			*--p = '-';
		fputs_unlocked(p, f);
	} else if (isfinite(d)) {
		fprintf(f, "%.17g", d);
	} else {
		fputs_unlocked("null", f); /* JSON has no NaN or infinity */
	}
}

int jout_print(FILE *f, const cJSON *v)
{
	if (cJSON_IsNull(v) || !v)
		fputs_unlocked("null", f);
	else if (cJSON_IsFalse(v))
		fputs_unlocked("false", f);
	else if (cJSON_IsTrue(v))
		fputs_unlocked("true", f);
	else if (cJSON_IsNumber(v))
		put_number(f, v->valuedouble);
	else if (cJSON_IsString(v))
		put_string(f, v->valuestring ? v->valuestring : "");
	else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		bool obj = cJSON_IsObject(v);
		putc_unlocked(obj ? '{' : '[', f);
		for (const cJSON *c = v->child; c; c = c->next) {
			if (obj) {
				put_string(f, c->string ? c->string : "");
				putc_unlocked(':', f);
			}
			jout_print(f, c);
			if (c->next)
				putc_unlocked(',', f);
		}
		putc_unlocked(obj ? '}' : ']', f);
	} else if (cJSON_IsRaw(v)) {
		fputs_unlocked(v->valuestring ? v->valuestring : "null", f);
	}
	return ferror(f) ? -1 : 0;
}
