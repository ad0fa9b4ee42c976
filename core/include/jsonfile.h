/*
 * jsonfile.h — reading a JSON file strictly and saying where it is wrong,
 * for every file mmviz reads: scenarios and themes.
 *
 * Three pieces, used in this order by a loader:
 *  1. jsonfile_read   the bytes of a regular file, its size checked before
 *                     reading (a FIFO or a huge file is refused unread);
 *  2. jsonfile_parse  a strict validating scan (RFC 8259, UTF-8, bounded
 *                     depth, string length and value count, nothing after
 *                     the document) and then cJSON on the same bytes;
 *  3. struct jf_walk  a typed walk of the tree against key tables that
 *                     carries the JSON path ("steps[3].expect") and, on the
 *                     first error, finds its line:column in the text.
 * (1 and 2 are in core/scenario/jsonfile.c, 3 in core/scenario/jsonwalk.c.)
 *
 * Errors are values: struct jf_err says where (line, column, offset, path)
 * and what (what, expected), in English and, for the strict scan's words,
 * in German (core/scenario/scnmsg.h). The loader words the final message,
 * so a scenario and a theme keep their own message styles.
 *
 * Ownership: jsonfile_read's buffer belongs to the caller
 * (free); jsonfile_parse's tree belongs to the caller (cJSON_Delete). A
 * jf_walk borrows the text and the error it fills; it allocates nothing
 * that outlives a call, except what jf_strdup / jf_calloc return (owned by
 * the caller's structs).
 */
#ifndef MM_JSONFILE_H
#define MM_JSONFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cJSON cJSON;

/* Limits of the strict scan: a hostile file stays harmless. */
#define JF_MAX_DEPTH 32         /* nesting of JSON objects and arrays */
#define JF_MAX_STRING 65536     /* bytes in one JSON string (before unescaping) */
#define JF_MAX_KEY 128          /* bytes in one object key */
#define JF_MAX_VALUES 2000000   /* JSON values in one document */

/* Where and what. line and col are 1-based (col counts UTF-8 characters,
 * a leading BOM not counted); 0 when the error has no position (an
 * unreadable file). path is "" for the document itself. */
struct jf_err {
	int line, col;
	size_t offset;
	char path[160];
	char what[256];
	char expected[256];
	/* the same in German (core/scenario/scnmsg.h); "" when the words
	 * have no German yet (the walk's): what and expected are shown */
	char what_de[256];
	char expected_de[256];
};

/* e's what and expected in language lang (0 English, 1 German), the
 * English words where no German ones were made. */
const char *jf_err_what(const struct jf_err *e, int lang);
const char *jf_err_expected(const struct jf_err *e, int lang);

/* ---- 1. reading ---- */

enum jf_read {
	JF_READ_OK = 0,
	JF_READ_OPEN,           /* open failed: errnum */
	JF_READ_STAT,           /* fstat failed: errnum */
	JF_READ_NOT_REGULAR,    /* a directory, FIFO, device ... */
	JF_READ_TOO_LARGE,      /* size bytes > max */
	JF_READ_NOMEM,
	JF_READ_ERROR,          /* read failed: errnum */
	JF_READ_CHANGED,        /* the file grew while being read */
};

struct jf_file {
	char *buf;              /* owned by the caller (free); NULL unless JF_READ_OK */
	size_t len;
	long long size;         /* what fstat said */
	int errnum;             /* errno of OPEN, STAT, ERROR */
};

/* Reads the regular file at path, of at most max bytes (checked with
 * fstat before reading). Never blocks on a FIFO. Fills *f. */
enum jf_read jsonfile_read(const char *path, size_t max, struct jf_file *f);

/* ---- 2. parsing ---- */

/* Scans buf strictly, then parses it with cJSON. Returns the tree (owned by
 * the caller), or NULL with err filled: the first error in the text, with
 * the scanner's path ("(top level)" errors have path ""). A leading UTF-8
 * BOM is allowed and skipped. */
cJSON *jsonfile_parse(const char *buf, size_t len, struct jf_err *err);

/* Line and column (1-based, columns in UTF-8 characters) of byte off. */
void jsonfile_linecol(const char *s, size_t len, size_t off, int *line, int *col);
/* 3 when s starts with a UTF-8 BOM, else 0. */
size_t jsonfile_bom(const char *s, size_t len);

/* A string from a file, fit for a message: at most 40 bytes cut at a UTF-8
 * boundary, control characters (C0, DEL and C1) as '?', "..." when cut.
 * Returns buf. */
const char *jf_clip(const char *s, char buf[48]);
/* Copies src (NULL = "") into dst of n bytes, cut at a UTF-8 boundary. */
void jf_copy_cut(char *dst, size_t n, const char *src);

/* ---- 3. the walk ---- */

/* One component of a path: an object member (key != NULL) or a list
 * element (key == NULL), with its ordinal among its siblings. cJSON keeps
 * members in document order, duplicates included, so an ordinal path
 * names exactly one place in the text. */
struct jf_comp {
	const char *key;
	size_t klen;
	int ord;
};

/* How the walk words unknown and duplicate keys:
 *  JF_WORDS_EXPECTED  what: unknown key "x"   expected: one of a, b, c
 *                     what: key "x" given twice   expected: each key once
 *  JF_WORDS_INLINE    what: unknown key "x": expected a, b or c
 *                     what: duplicate key */
enum jf_words { JF_WORDS_EXPECTED = 0, JF_WORDS_INLINE };

struct jf_walk {
	const char *text;       /* the bytes the tree was parsed from */
	size_t len;
	struct jf_err *err;     /* filled by the first failure */
	enum jf_words words;
	void *ud;               /* the loader's own state */
	struct jf_comp path[JF_MAX_DEPTH + 2];
	int depth;
};

enum jf_at { JF_AT_VALUE, JF_AT_KEY };

void jf_push(struct jf_walk *w, const char *key, int ord);
void jf_pop(struct jf_walk *w);

/* Fails at the current path: at the value there, or (JF_AT_KEY) at its
 * key. Fills w->err completely; returns -1. */
int jf_fail(struct jf_walk *w, enum jf_at at, const char *expected, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "wrong type: got the number 5", expecting `expected`. */
int jf_type(struct jf_walk *w, const cJSON *it, const char *expected);
int jf_oom(struct jf_walk *w);
/* "the number 5", "a list", "the string \"abc\"" ... into buf. */
const char *jf_describe(const cJSON *it, char *buf, size_t n);

/* Allocation that fails the walk with "out of memory". */
char *jf_strdup(struct jf_walk *w, const char *s);
void *jf_calloc(struct jf_walk *w, int n, size_t size);     /* n may be 0 */

/* The index of name in a NULL-terminated key table (case-sensitive), or -1. */
int jf_key_index(const char *const *keys, const char *name);
/* "a, b, c" (JF_WORDS_EXPECTED) or "a, b or c" (JF_WORDS_INLINE). */
void jf_keys_join(const char *const *keys, enum jf_words words, char *buf, size_t n);

typedef int (*jf_member_fn)(struct jf_walk *w, int key, cJSON *it, void *ctx);
/* Walks an object against a key table (NULL-terminated, at most 32 keys):
 * an unknown key is refused (with a hint when it is close to a known one),
 * a key given twice is refused at its second occurrence; fn(w, index, item,
 * ctx) is called for each member with its path pushed. Then the required
 * keys (bit i = keys[i]) must have been seen. *seen_out (may be NULL) gets
 * the keys seen. Returns 0 or -1. */
int jf_object(struct jf_walk *w, cJSON *obj, const char *const *keys, unsigned required,
              jf_member_fn fn, void *ctx, unsigned *seen_out);

typedef int (*jf_elem_fn)(struct jf_walk *w, int i, cJSON *it, void *ctx);
/* Walks a list of min..max elements: fn(w, i, element, ctx) for each, with
 * its path pushed. */
int jf_list(struct jf_walk *w, cJSON *list, int min, int max, const char *expected,
            jf_elem_fn fn, void *ctx);

/* Refuses a key given twice anywhere inside free-form JSON (the first
 * duplicate in document order). */
int jf_dupes(struct jf_walk *w, const cJSON *node);

/* Typed values. */
int jf_bool(struct jf_walk *w, const cJSON *it, bool *out);
/* A string of 1..max bytes without control characters; *out owned. */
int jf_string(struct jf_walk *w, const cJSON *it, size_t max, const char *expected, char **out);
/* An unsigned integer: a string (0x hex or decimal) or an integral number
 * 0..2^53. */
int jf_u64(struct jf_walk *w, const cJSON *it, const char *expected, uint64_t *out);

/* Fills e completely for an error at byte off of text, and returns -1. */
int jsonfile_error(struct jf_err *e, const char *text, size_t len, size_t off, const char *path,
                   const char *what, const char *expected);
/* The same with the words in English and German (what[0], what[1]). */
int jsonfile_error_tr(struct jf_err *e, const char *text, size_t len, size_t off, const char *path,
                      const char *const what[2], const char *const expected[2]);
/* The path of c[0..n-1] for people: "steps[3].expect", "roles[\"page.zeroed\"].fg"
 * (keys that are not identifiers quoted, control characters as '?'). */
void jsonfile_path(const struct jf_comp *c, int n, char *buf, size_t size);

/* Offset of the value (or, at_key, of the key) an ordinal path names in
 * text that jsonfile_parse accepted. */
size_t jf_find(const char *s, size_t len, const struct jf_comp *c, int n, bool at_key);
/* Lines of the first n elements of the list at path c (one pass). */
void jf_list_lines(const char *s, size_t len, const struct jf_comp *c, int depth, int *lines, int n);

#endif
