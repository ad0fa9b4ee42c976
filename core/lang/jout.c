/*
 * jout.c — the fast JSON line printer (jout.h).
 */
#include "jout.h"

#include <cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "types.h"

/* ---- cJSON's memory (docs/quality.md Q-PERF) ----
 *
 * Every command's result is a cJSON tree of a few dozen small blocks made
 * and freed together; glibc keeps 7 freed blocks per size at hand, so most
 * of a tree's blocks took its slow path both ways (a tenth of a batch's
 * instructions). Blocks up to JMEM_CLASSES * 16 bytes come from free lists
 * by size class instead, each block headed by its class, and go back to
 * their list: what the lists hold is at most what the trees held at once,
 * so a batch's host memory stays flat. Larger blocks are malloc's (class 0).
 *
 * The hooks are installed before main, because a block must be freed by
 * the allocator that made it; not under AddressSanitizer, which must see
 * every block. The lists are host bookkeeping like malloc's own, outside
 * the machine; mmviz is single-threaded. */
#if defined(__SANITIZE_ADDRESS__)
#define JMEM_HOOKS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JMEM_HOOKS 0
#endif
#endif
#ifndef JMEM_HOOKS
#define JMEM_HOOKS 1
#endif

#if JMEM_HOOKS
#define JMEM_STEP 16
#define JMEM_CLASSES 16

union jmem_head {
	size_t cls;                 /* 0: malloc's, else the size class (cls * JMEM_STEP bytes) */
	max_align_t align;
};
struct jmem_free {
	struct jmem_free *next;
};
static struct jmem_free *jmem_lists[JMEM_CLASSES + 1];

static void *jmem_alloc(size_t n)
{
	size_t cls = (n + JMEM_STEP - 1) / JMEM_STEP;
	if (cls > JMEM_CLASSES)
		cls = 0;
	union jmem_head *h = cls ? (union jmem_head *)(void *)jmem_lists[cls] : NULL;
	if (h)
		jmem_lists[cls] = jmem_lists[cls]->next;
	else if (!(h = malloc(sizeof *h + (cls ? cls * JMEM_STEP : n))))
		return NULL;
	h->cls = cls;
	return h + 1;
}

static void jmem_release(void *p)
{
	if (!p)
		return;
	union jmem_head *h = (union jmem_head *)p - 1;
	size_t cls = h->cls;
	if (!cls) {
		free(h);
		return;
	}
	struct jmem_free *f = (struct jmem_free *)(void *)h;
	f->next = jmem_lists[cls];
	jmem_lists[cls] = f;
}

__attribute__((constructor)) static void jmem_install(void)
{
	cJSON_Hooks hooks = {.malloc_fn = jmem_alloc, .free_fn = jmem_release};
	cJSON_InitHooks(&hooks);
}
#endif

static void put_u00(FILE *f, uint32_t c)
{
	static const char hex[] = "0123456789abcdef";
	jout_raw(f, "\\u00");
	putc_unlocked(hex[c >> 4], f);
	putc_unlocked(hex[c & 15], f);
}

/* The bytes a JSON string holds as they are: printable ASCII but the quote
 * and the backslash. One look-up a byte: every string of the output
 * passes here (docs/quality.md Q-PERF). */
static const bool jplain[256] = {[0x20 ... 0x21] = 1, [0x23 ... 0x5B] = 1, [0x5D ... 0x7E] = 1};

/* A JSON string that is valid UTF-8 and holds no control character raw
 * (docs/output.md OUT-JSON, OUT-SAFE): C0, DEL and C1 characters are
 * escaped (\n, \u001b, \u007f, \u0085: the same text, nothing lost), a
 * byte that is no UTF-8 becomes \ufffd. Plain ASCII, the usual case, is
 * copied byte for byte. */
/* Whether the 8 bytes of x are all jplain: none below 0x20, none 0x7F or
 * above, no quote, no backslash. Each test is the classic "has a zero
 * byte" (x - 0x01..) & ~x & 0x80..: exact as an any-byte test once bytes
 * with the high bit set are ruled out, as the last term does. */
static inline bool word_plain(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\'), del = x ^ (ones * 0x7F);
	uint64_t low = (x - ones * 0x20) & ~x;
	return !((low | ((q - ones) & ~q) | ((b - ones) & ~b) | ((del - ones) & ~del) | x) & high);
}

/* How many of s's n bytes, from the start, are jplain: a word at a time
 * (every string of a JSON line passes here), never reading past s + n. */
static size_t plain_prefix(const char *s, size_t n)
{
	size_t i = 0;
	for (uint64_t x; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		if (!word_plain(x))
			break;
	}
	while (i < n && jplain[(unsigned char)s[i]])
		i++;
	return i;
}

void jout_str(FILE *f, const char *s)
{
	size_t n = strlen(s);
	if (plain_prefix(s, n) == n) { /* nearly every string: as it is, quoted */
		putc_unlocked('"', f);
		jout_put(f, s, n);
		putc_unlocked('"', f);
		return;
	}
	putc_unlocked('"', f);
	for (;;) {
		/* bytes copied as they are, a run at a time */
		const char *run = s;
		while (jplain[(unsigned char)*s])
			s++;
		if (s > run)
			jout_put(f, run, (size_t)(s - run));
		unsigned char c = (unsigned char)*s;
		if (!c)
			break;
		if (c == '"' || c == '\\') {
			putc_unlocked('\\', f);
			putc_unlocked(c, f);
			s++;
			continue;
		}
		uint32_t cp;
		size_t k = mm_utf8_decode(s, strlen(s), &cp);
		const char *esc = cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : cp == '\r' ? "\\r" : NULL;
		if (esc)
			jout_raw(f, esc);
		else if (cp == MM_UTF8_BAD)
			jout_raw(f, "\\ufffd");
		else if (cp < 0xA0)             /* C0, DEL, C1 */
			put_u00(f, cp);
		else
			fwrite_unlocked(s, 1, k, f);
		s += k;
	}
	putc_unlocked('"', f);
}

static void put_number(FILE *f, double d)
{
	if (isfinite(d) && d == floor(d) && fabs(d) < 9007199254740992.0) {
		char buf[24], *p = buf + sizeof buf;
		long long v = (long long)d;
		unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
		do
			*--p = (char)('0' + u % 10);
		while (u /= 10);
		if (v < 0)
			*--p = '-';
		jout_put(f, p, (size_t)(buf + sizeof buf - p));
	} else if (isfinite(d)) {
		fprintf(f, "%.17g", d);
	} else {
		jout_raw(f, "null"); /* JSON has no NaN or infinity */
	}
}

void jout_num(FILE *f, double d)
{
	put_number(f, d);
}

void jout_u64(FILE *f, uint64_t v)
{
	if (v >= (1ull << 53)) { /* as put_number writes a double that big */
		put_number(f, (double)v);
		return;
	}
	char buf[24], *p = buf + sizeof buf;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	jout_put(f, p, (size_t)(buf + sizeof buf - p));
}

void jout_i64(FILE *f, int64_t v)
{
	if (v <= -(1ll << 53)) {
		put_number(f, (double)v);
		return;
	}
	if (v < 0)
		putc_unlocked('-', f);
	jout_u64(f, v < 0 ? -(uint64_t)v : (uint64_t)v);
}

void jout_hex(FILE *f, uint64_t v)
{
	static const char hex[] = "0123456789abcdef";
	/* the digits' count first, then each written in its place: no
	 * second copy when stdio's buffer has room (nearly always) */
	size_t nd = (size_t)(67 - __builtin_clzll(v | 1)) / 4, n = nd + 4;
	char buf[24], *p = buf;
#ifdef __GLIBC__
	if ((size_t)(f->_IO_write_end - f->_IO_write_ptr) >= n)
		p = f->_IO_write_ptr;
#endif
	p[0] = '"';
	p[1] = '0';
	p[2] = 'x';
	for (size_t i = nd; i > 0; i--, v >>= 4)
		p[2 + i] = hex[v & 15];
	p[n - 1] = '"';
#ifdef __GLIBC__
	if (p != buf) {
		f->_IO_write_ptr += n;
		return;
	}
#endif
	fwrite_unlocked(buf, 1, n, f);
}

/* jout_key when stdio's buffer has no room for it (jout.h). */
void jout_key_slow(FILE *f, const char *key, size_t n)
{
	char buf[64];
	if (n > sizeof buf - 4) {
		jout_put(f, ",\"", 2);
		jout_put(f, key, n);
		jout_put(f, "\":", 2);
		return;
	}
	buf[0] = ',';
	buf[1] = '"';
	memcpy(buf + 2, key, n);
	buf[n + 2] = '"';
	buf[n + 3] = ':';
	jout_put(f, buf, n + 4); /* one piece */
}

int jout_print(FILE *f, const cJSON *v)
{
	if (cJSON_IsNull(v) || !v)
		jout_raw(f, "null");
	else if (cJSON_IsFalse(v))
		jout_raw(f, "false");
	else if (cJSON_IsTrue(v))
		jout_raw(f, "true");
	else if (cJSON_IsNumber(v))
		put_number(f, v->valuedouble);
	else if (cJSON_IsString(v))
		jout_str(f, v->valuestring ? v->valuestring : "");
	else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		bool obj = cJSON_IsObject(v);
		putc_unlocked(obj ? '{' : '[', f);
		for (const cJSON *c = v->child; c; c = c->next) {
			if (obj) {
				jout_str(f, c->string ? c->string : "");
				putc_unlocked(':', f);
			}
			jout_print(f, c);
			if (c->next)
				putc_unlocked(',', f);
		}
		putc_unlocked(obj ? '}' : ']', f);
	} else if (cJSON_IsRaw(v)) {
		jout_raw(f, v->valuestring ? v->valuestring : "null");
	}
	return ferror(f) ? -1 : 0;
}
