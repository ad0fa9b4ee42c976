/*
 * msgcat.h — message catalogues: every text a user reads from the core, in
 * English and German side by side (docs/commands.md CMD-LANG-DE).
 *
 * Design. An error is made deep down (vm.c refuses a range, config.c a
 * RAM size) where no session and no language is known; the session shows
 * it later in its language (mm_err_text). So an error carries both texts
 * (types.h mm_fail_tr), and each layer keeps the texts of its own errors
 * in a catalogue of its own folder, because the layers may not include
 * upwards (docs/architecture.md ARCH-LAYERS) and a layer's words belong
 * beside its code:
 *
 *     core/base/basemsg.h   BM_   base and boot: configuration, protections,
 *                                 ranges that wrap, host memory
 *     core/mm/mmmsg.h       MMM_  the memory manager
 *     core/win32/w32msg.h   WM_   user mode: heaps, stacks, the loader
 *     core/lang/langmsg.h   LM_   the command language, and above it the
 *                                 scenarios' images and the generated problems
 *
 * All four are built the same way: one line per message,
 * `#define <PREFIX><ID> "English", "German"`, and the id in the header's
 * <NAME>_IDS list; a failing function says
 *
 *     return mm_fail_tr(err, "STATUS_NO_MEMORY", 4, MMM_SEC_NO_RANGE, pages);
 *
 * so the compiler checks the English conversions against the arguments,
 * and a text that is not an error picks one language with
 * MSGCAT_PICK(lang, pair) (a conditional of two literals, which printf's
 * checks see through). Where a message quotes words that differ by
 * language too (the reason a pool header is bad), the two texts are made
 * one by one and handed over with mm_fail_texts. Each catalogue's .c file
 * builds from the same lines a table, struct msgcat, that the tests walk
 * (tests/unit/38_i18n.c) and that a message chosen at run time is read
 * from. Plain mm_fail (English only) is left to the TUI's own files: no
 * core file calls it (38_i18n checks that too), so a new English-only
 * error in the core fails the suite.
 *
 * Invariants (tests/unit/38_i18n.c, for every catalogue):
 *  1. Every message has an English and a German text, they differ, and
 *     the German one has the English one's printf conversions in the
 *     same order (mm_fail_tr formats both from one argument list).
 *  2. The German follows docs/glossary.md (GLO-TERMS, GLO-RULES): "Sie",
 *     and no word of GLO-FORBIDDEN.
 *  3. Only the text is translated: the error codes ("syntax", "config",
 *     ERROR_..., STATUS_...) are the same in both languages, and so are
 *     command names, options, arguments and the Windows names quoted.
 *  4. Every `#define <PREFIX>` line of a header is in its table (the ids
 *     list is complete).
 *  5. No core file but types.c calls plain mm_fail.
 */
#ifndef MM_MSGCAT_H
#define MM_MSGCAT_H

/* One message: its two texts and its id's name ("SEC_NO_RANGE"). */
struct msgcat_row {
	const char *text[2]; /* English, German */
	const char *name;
};

/* A catalogue as a table, rows indexed by the header's enum. */
struct msgcat {
	const char *header; /* the header that holds the lines, from the top directory */
	const char *prefix; /* what each line starts with there: "#define MMM_" */
	const struct msgcat_row *rows;
	int count;
};

/* The text of message id in language lang (0 English, 1 German); "" for
 * an id out of range. */
const char *msgcat_text(const struct msgcat *c, int lang, int id);
/* The name of message id, "?" out of range. */
const char *msgcat_name(const struct msgcat *c, int id);

/* A message of a catalogue in language lang, as a string literal. */
#define MSGCAT_PICK_(lang, en, de) ((lang) ? (de) : (en))
#define MSGCAT_PICK(lang, pair) MSGCAT_PICK_(lang, pair)

/* The table rows of a catalogue from its ids list: PREFIX is the lines'
 * prefix (MMM_), ENUM the enum's (MMMSG_). */
#define MSGCAT_ROW(ENUM, PREFIX, id) [ENUM##id] = {.text = {PREFIX##id}, .name = #id},

#endif
