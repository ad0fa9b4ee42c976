/*
 * types.h — the small vocabulary every core module shares: address and
 * frame types, the error value, status codes, and size helpers.
 *
 * Errors are values with a cause: a function that can fail
 * returns int (0 = success, -1 = failure) or a pointer (NULL = failure) and
 * fills a caller-provided struct mm_err naming the argument at fault.  A
 * simulated failure (ERROR_COMMITMENT_LIMIT, STATUS_ACCESS_VIOLATION ...) is
 * an ordinary result; only a broken internal invariant may abort.
 */
#ifndef MM_TYPES_H
#define MM_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef uint64_t va_t;   /* a simulated virtual address */
typedef uint64_t pa_t;   /* a simulated physical address */
typedef uint32_t pfn_t;  /* a page frame number (64 GiB of 4 KB frames fits in 24 bits) */
typedef uint64_t pte_t;  /* a raw PTE value (x86 uses the low 32 bits) */

#define MM_PAGE_SHIFT 12
#define MM_PAGE_SIZE 4096u
#define MM_ALLOC_GRANULARITY 0x10000u

/* Page arithmetic, named once (xv6's PGROUNDDOWN/PX): an address splits into
 * a page number (a VPN for a VA, a PFN for a PA) and a byte offset within
 * the page. Nothing outside these helpers and pte.c spells the page shift. */
static inline uint64_t mm_page_number(uint64_t a) { return a >> MM_PAGE_SHIFT; }         /* VA -> VPN, PA -> PFN */
static inline uint64_t mm_page_offset(uint64_t a) { return a & (MM_PAGE_SIZE - 1); }     /* the byte within the page */
static inline uint64_t mm_page_base(uint64_t a) { return a & ~(uint64_t)(MM_PAGE_SIZE - 1); } /* round down to the page */
static inline uint64_t mm_page_last(uint64_t a) { return a | (MM_PAGE_SIZE - 1); }       /* the page's last byte */
static inline uint64_t mm_page_round_up(uint64_t a) { return mm_page_base(a + MM_PAGE_SIZE - 1); }
static inline uint64_t mm_page_address(uint64_t n) { return n << MM_PAGE_SHIFT; }        /* VPN -> VA, PFN -> PA */
static inline uint64_t mm_pages_bytes(uint64_t pages) { return pages << MM_PAGE_SHIFT; } /* a page count in bytes */
static inline uint64_t mm_bytes_pages(uint64_t bytes) { return bytes >> MM_PAGE_SHIFT; } /* whole pages in bytes (rounds down) */
static inline uint64_t mm_pages_round_up(uint64_t bytes) { return (bytes + MM_PAGE_SIZE - 1) >> MM_PAGE_SHIFT; }
#define MM_PFN_NONE UINT32_MAX

/* The host allocator, injected as Lua's lua_Alloc is: one
 * function for every host allocation a machine makes. ptr NULL: allocate
 * nsize bytes (osize is 0); nsize 0: free ptr, whose size is osize, and
 * return NULL; otherwise resize ptr from osize to nsize bytes. Returns NULL
 * when it cannot (ptr is then untouched). The caller always passes the true
 * size of ptr as osize. Memory need not be zeroed. */
typedef void *(*mm_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

/* An error: a code name as docs/output.md OUT-ERRORS spells it ("syntax", "unknown",
 * "ERROR_INVALID_PARAMETER", "STATUS_CONFLICTING_ADDRESSES" ...), the index
 * of the argument at fault (-1 when none: 0 is the command word itself, 1 the
 * first argument), and a message for people. code points at a string
 * literal (static storage), msg is owned by the struct. */
struct mm_err {
	const char *code;
	int arg;
	char msg[200];
	char msg_de[200]; /* the message in German, "" when it has none (mm_fail_tr) */
};

/* Fills err (when not NULL) and returns -1, so callers can write
 *   return mm_fail(err, "syntax", 2, "expected a number, got '%s'", w);
 * The message is English only (msg_de is emptied): the core says every
 * error with mm_fail_tr and its layer's catalogue instead
 * (core/base/msgcat.h; tests/unit/38_i18n.c fails on a core file that
 * calls mm_fail). */
int mm_fail(struct mm_err *err, const char *code, int arg, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same, with the message in English and German, formatted from the
 * same arguments: the command language's catalogue (core/lang/langmsg.h)
 * gives both, and the session shows the one of its language
 * (mm_err_text), so an error can be made where no session is known (the
 * lexer). The compiler checks en's conversions against the arguments;
 * tests/unit/38_i18n.c checks that de has the same conversions. */
int mm_fail_tr(struct mm_err *err, const char *code, int arg, const char *en, const char *de, ...)
	__attribute__((format(printf, 4, 6)));
/* The same with the two texts made already (a message whose arguments
 * are words that differ by language too); both are copied. */
int mm_fail_texts(struct mm_err *err, const char *code, int arg, const char *en, const char *de);
/* The message to show in language lang (0 English, 1 German): the German
 * one when there is one, else the English. */
const char *mm_err_text(const struct mm_err *err, int lang);
void mm_err_clear(struct mm_err *err);

/* Ranges and sizes that would wrap around 2^64 (docs/commands.md
 * CMD-LEX). Unsigned arithmetic wraps silently, so ADDR + SIZE past
 * 0xffffffffffffffff, or a size rounded up past it, comes out small and
 * would pass the checks after it; every command refuses such a value
 * first, with mm_fail_wrap's words, and with the code Windows gives for a
 * size out of range where Windows gives one.
 * mm_range_wraps: the last byte of [addr, addr + size) is past 2^64 - 1.
 * mm_round_wraps: size rounded up to align (a power of two) is. */
static inline bool mm_range_wraps(uint64_t addr, uint64_t size)
{
	return size > 0 && addr > UINT64_MAX - (size - 1);
}
static inline bool mm_round_wraps(uint64_t size, uint64_t align)
{
	return size > UINT64_MAX - (align - 1);
}
/* "ADDR 0x... + SIZE 0x... wraps around 2^64 ..." (round == 0), or
 * "SIZE 0x... wraps around 2^64 when rounded up to ROUND bytes"
 * (addr ignored). Fills err; returns -1. */
int mm_fail_wrap(struct mm_err *err, const char *code, int arg, uint64_t addr, uint64_t size, uint64_t round);

/* Sizes in a readable form: "4 KB", "64 KB", "1 MB", "16 GB" (exact multiples
 * only use the unit; otherwise bytes). buf must hold 32 bytes. */
const char *mm_size_str(uint64_t bytes, char buf[32]);

/* "Did you mean": the one edit distance of mmviz (typos in commands,
 * options, flags, scenario and theme names, scenario keys).  Feed every
 * known name to mm_spell_try; sp.best is then the nearest within reach
 * (one edit for names of up to four characters, two beyond; a swap of
 * two neighbours is one edit; case does not count), NULL when none is,
 * or when two are equally near. */
struct mm_spell {
	const char *word;
	const char *best; /* borrowed from the names tried */
	int dist;	  /* best's distance; starts as 0 (mm_spell_init) */
	bool tie;
};
void mm_spell_init(struct mm_spell *sp, const char *word);
void mm_spell_try(struct mm_spell *sp, const char *name);
const char *mm_spell_best(const struct mm_spell *sp);
/* Case-insensitive edit distance with transpositions; 99 beyond 31 bytes. */
int mm_edit_distance(const char *a, const char *b);

/* Text from files and users on its way to a terminal (docs/output.md
 * OUT-SAFE). A scenario title, a theme name, a file name or a typed word
 * may hold ESC, DEL, a C1 character or bytes that are not UTF-8; printed
 * raw they would move the cursor, recolour the screen or worse. Every
 * printer of such text goes through these functions, so the rule is
 * written once:
 *   - printable characters pass unchanged;
 *   - tab and carriage return become a blank, and so does a newline unless
 *     MM_TEXT_LINES says the text is printed as lines on purpose;
 *   - every other control character (C0, DEL, C1 U+0080..U+009F) and every
 *     byte that starts no valid UTF-8 sequence becomes U+FFFD, the
 *     replacement character, one column wide like what it replaces.
 * (The JSON printer escapes instead, losing nothing: jout.c.) */
#define MM_TEXT_LINES 0x1u
#define MM_UTF8_BAD 0x110000u   /* mm_utf8_decode: a byte that is no UTF-8 */

/* Decodes the UTF-8 character at s[0..n): returns its length (1..4; 0 when
 * n is 0) and sets *cp, or MM_UTF8_BAD with length 1 for a byte that
 * starts no valid sequence (overlong, surrogate, past U+10FFFF, cut). */
size_t mm_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* cp in UTF-8 into out (a surrogate or a value past U+10FFFF as U+FFFD);
 * returns its length, 1 to 4. */
size_t mm_utf8_encode(uint32_t cp, char out[4]);
/* What a terminal is shown for cp (MM_UTF8_BAD included), by the rule above. */
uint32_t mm_text_cp(uint32_t cp, unsigned flags);
/* s made safe into dst[0..n), NUL-terminated when n > 0 and cut only at a
 * character boundary; returns the length the whole would take, as snprintf
 * does. */
size_t mm_text_safe(char *dst, size_t n, const char *s, unsigned flags);
/* s made safe, written to f (no newline added); returns EOF on a write error. */
int mm_text_fputs(const char *s, unsigned flags, FILE *f);

/* Assertions of the test build (after SQLite's
 * assert, ALWAYS and NEVER). MM_ASSERT(x) is checked only when MM_DEBUG is
 * defined and is nothing otherwise, so x may be costly: the per-object
 * sanity functions (pfn_sanity, vad_sanity, slab_sanity) are used only
 * inside it. MM_ALWAYS(x) and MM_NEVER(x) wrap the condition of a defensive
 * branch that cannot be taken while the invariants hold:
 *
 *     if (MM_NEVER(p->u2 == 0))
 *             return;
 *
 * With MM_DEBUG the impossible stops the program, naming the expression and
 * its place (a broken invariant is the one thing that may stop mmviz);
 * without, they are the bare condition, so the defensive path still runs. */
_Noreturn void mm_assert_fail(const char *expr, const char *file, int line);
#ifdef MM_DEBUG
#define MM_ASSERT(x) ((x) ? (void)0 : mm_assert_fail(#x, __FILE__, __LINE__))
#define MM_ALWAYS(x) ((x) ? true : (mm_assert_fail(#x, __FILE__, __LINE__), false))
#define MM_NEVER(x) ((x) ? (mm_assert_fail(#x, __FILE__, __LINE__), true) : false)
#else
#define MM_ASSERT(x) ((void)0)
#define MM_ALWAYS(x) (!!(x))
#define MM_NEVER(x) (!!(x))
#endif

#define MM_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MM_MIN(a, b) ((a) < (b) ? (a) : (b))
#define MM_MAX(a, b) ((a) > (b) ? (a) : (b))

#endif
