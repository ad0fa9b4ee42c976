/*
 * scenario.h — scenario files (docs/scenarios.md SCN-FORMAT): load one from a file or
 * a buffer into plain structs, find one by name on the search path of
 * docs/cli.md CLI-SEARCH, list what is available.
 *
 * Ownership:
 * - scenario_load_file / scenario_load_buf / scenario_open return a
 *   struct scenario the caller frees with scenario_free. The scenario owns
 *   every string and array reachable from it, and each step owns its
 *   `expect` subtree (a cJSON tree detached from the parsed document;
 *   scenario_free calls cJSON_Delete on it). Borrow it, never free it.
 * - The parsed cJSON document itself lives only inside the loader: it is
 *   deleted before the loader returns, success or failure.
 * - struct scn_err is filled by value; it owns nothing.
 *
 * A scenario file is untrusted input. The loader reads only the file it was
 * given, bounds everything it allocates (SCN_MAX_*), and refuses commands
 * that would write host files (`save`, `export`).
 */
#ifndef MM_SCENARIO_H
#define MM_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "jsonfile.h"
#include "types.h"

typedef struct cJSON cJSON;

#include "scenario_limits.h"

/* The JSON limits of scenario files: jsonfile.h's. */
#define SCN_MAX_DEPTH JF_MAX_DEPTH      /* nesting of JSON objects and arrays */
#define SCN_MAX_STRING JF_MAX_STRING    /* bytes in one JSON string (before unescaping) */
#define SCN_MAX_VALUES JF_MAX_VALUES    /* JSON values in one document */

/* A loader error: where, what, and what was expected there.
 * msg is the whole message for people:
 *   "FILE:LINE:COL: PATH: WHAT; expected EXPECTED"
 * (PATH is "(top level)" for the document itself; without a position, as
 * for an unreadable file: "FILE: WHAT"). */
struct scn_err {
	int line, col;          /* 1-based; col counts UTF-8 characters; 0 when none */
	size_t offset;          /* byte offset in the file */
	char path[160];         /* JSON path as in "steps[3].expect.result"; "" = top */
	char what[256];
	char expected[256];
	char msg[1024];
	char msg_de[1024];      /* msg in German: the file reader's words German (core/scenario/scnmsg.h) */
};

/* e's message in language lang (0 English, 1 German). */
const char *scn_err_text(const struct scn_err *e, int lang);

/* Text in English and German. A plain JSON string fills en only;
 * {"en": ..., "de": ...} fills what is given (at least one). Owned. */
struct scn_text {
	char *en;
	char *de;
};

/* Returns the text for lang (0 en, 1 de), falling back to the other
 * language, or "" when the text is empty. Borrowed from t. */
const char *scn_text_get(const struct scn_text *t, int lang);

enum scn_focus {
	SCN_FOCUS_NONE = 0,
	SCN_FOCUS_VAS, SCN_FOCUS_TRANSLATION, SCN_FOCUS_PHYSICAL, SCN_FOCUS_PFN,
	SCN_FOCUS_WSET, SCN_FOCUS_PAGEFILE, SCN_FOCUS_POOL, SCN_FOCUS_SECTIONS,
	SCN_FOCUS_PROCESSES, SCN_FOCUS_VAD, SCN_FOCUS_SUMMARY, SCN_FOCUS_USECOUNTS, SCN_FOCUS_PHYSPAGES,
	SCN_FOCUS_FILESUMMARY, SCN_FOCUS_SPLIT, SCN_FOCUS_POLICIES,
	SCN_FOCUS_COUNT
};
/* "vas", "translation", ...; NULL for SCN_FOCUS_NONE. Static storage. */
const char *scn_focus_name(enum scn_focus f);

/* Which machine settings were given (in a scenario's machine block, or on
 * the command line): command-line options override the scenario's, with a
 * notice (docs/cli.md CLI-PRECEDENCE). */
enum {
	SCN_GIVEN_ARCH = 1u << 0,
	SCN_GIVEN_OS = 1u << 1,
	SCN_GIVEN_RAM = 1u << 2,
	SCN_GIVEN_PAGEFILES = 1u << 3,
	SCN_GIVEN_SEED = 1u << 4,
	SCN_GIVEN_TLB = 1u << 5,
	SCN_GIVEN_3GB = 1u << 6,     /* --3gb, or the scenario's "three_gb" */
	SCN_GIVEN_HISTORY = 1u << 7, /* --history-limit: the host's, never a scenario's */
};
struct scn_machine {
	struct mm_config cfg;   /* only the fields named in `given` mean anything */
	unsigned given;         /* SCN_GIVEN_* */
};

struct scn_section {
	char *name;             /* ".text"; at most 8 bytes as in a PE header */
	uint64_t size;          /* bytes, > 0 (the image rounds up to pages) */
	char *protect;          /* "PAGE_EXECUTE_READ" ...; one of the PAGE_* names */
};

struct scn_image {
	char *name;             /* "demo.dll" */
	uint64_t base;          /* preferred base, 64 KB aligned, not 0 */
	int nsections;
	struct scn_section *sections;   /* owned array */
};

/* A question put before the step plays (docs/scenarios.md SCN-ASK). The
 * prompt stands alone: the step's `say` is held back until the learner
 * has answered, unless say_with shows it with the prompt, and then it
 * must not give the answer away (scncheck.h C6); `explain` is shown after
 * the answer, while the step plays. */
struct scn_ask {
	struct scn_text prompt;
	int nanswers;
	char **answers;         /* owned array of owned strings, >= 1 */
	struct scn_text hint;   /* may be empty; shown after a wrong answer, before the second try */
	int nchoices;           /* 0, or 2 to SCN_MAX_CHOICES: a multiple-choice question */
	char **choices;         /* owned array of owned strings; each answer is one of them */
	struct scn_text explain; /* may be empty; shown after the answer */
	bool say_with;          /* "say": "with": the step's say is shown with the question; else held back */
};

struct scn_step {
	int nrun;               /* 0 for a narration-only step */
	char **run;             /* owned array of owned command lines */
	struct scn_text say;
	enum scn_focus focus;
	bool pause;
	struct scn_ask *ask;    /* owned; NULL when none */
	/* The expected JSON-lines object, partially (jmatch.h), of the step's
	 * LAST command. A cJSON subtree detached from the parsed document and
	 * owned by this step: scenario_free deletes it. NULL when none. */
	cJSON *expect;
	int line;               /* line of the step in the file (1-based) */
};

/* A scenario's place on the course path (docs/scenarios.md SCN-COURSE).
 * order 0: the file has no `course` block. requires: owned ids. */
struct scn_course {
	int order;              /* 1 .. SCN_COURSE_MAX_ORDER, or 0 */
	int minutes;            /* 1 .. SCN_COURSE_MAX_MINUTES when order > 0 */
	int nrequires;
	char **requires;        /* scenarios that come earlier on the path */
};

struct scenario {
	char *file;             /* the name given to the loader, for messages */
	char *id;               /* [a-z0-9][a-z0-9._-]*, at most 64 bytes */
	struct scn_text title;
	struct scn_text summary;
	int ntags;
	char **tags;
	struct scn_machine machine;
	struct scn_course course;
	int nimages;
	struct scn_image *images;
	int nsteps;             /* 1 .. SCN_MAX_STEPS */
	struct scn_step *steps;
};

/* Loads a scenario file. Refuses anything but a regular file of at most
 * SCN_MAX_FILE bytes (checked before reading). Returns 0 and *out (owned by
 * the caller: scenario_free), or -1 with err filled and *out NULL. */
int scenario_load_file(const char *path, struct scenario **out, struct scn_err *err);

/* The same from memory. buf need not be NUL-terminated; name is used in
 * messages only. */
int scenario_load_buf(const char *name, const char *buf, size_t len,
                      struct scenario **out, struct scn_err *err);

/* Frees a scenario and everything it owns (NULL is fine). */
void scenario_free(struct scenario *sc);

struct session;
/* Defines the scenario's images in a session (before its first step). */
int scenario_define_images(const struct scenario *sc, struct session *s, struct mm_err *err);

/* The machine to build for sc: mm_config_default(), then the scenario's
 * machine block, then the fields `over` gives (over may be NULL). When no
 * page file was given anywhere, one page file of 2 x RAM (docs/cli.md CLI-PRECEDENCE). When an
 * override replaces a value the scenario gave, a notice such as
 * "--ram 32 MB overrides the scenario's 16 MB" is written to notice
 * ("; "-separated; "" when none). notice may be NULL. */
void scenario_machine(const struct scenario *sc, const struct scn_machine *over,
                      struct mm_config *out, char *notice, size_t n);

/* Search path (docs/cli.md CLI-SEARCH), in order:
 *   1-4. datapath_find("scenarios", NAME) (datapath.h): NAME as given,
 *      ./scenarios/, $XDG_DATA_HOME/mmviz/scenarios/, the installed data
 *      directory (beside the binary, then the compiled-in one);
 *   5. a built-in scenario of that name (builtin.h): "tour". */
enum scn_where { SCN_NOT_FOUND = -1, SCN_FILE = 0, SCN_BUILTIN = 1 };
/* Fills path_out with the file's path (SCN_FILE) or the built-in name
 * (SCN_BUILTIN). SCN_NOT_FOUND when nothing matched or n is too small. */
enum scn_where scenario_find(const char *name, char *path_out, size_t n);

/* scenario_find, then load the file or the built-in. Not found is an error
 * whose message lists where it looked. Ownership as scenario_load_file. */
int scenario_open(const char *name, struct scenario **out, struct scn_err *err);

/* One entry of --list-scenarios. All pointers are borrowed for the duration
 * of the callback only. */
struct scn_entry {
	const char *name;               /* what scenario_find accepts: "tour" */
	const char *path;               /* the file, or NULL for a built-in */
	const struct scenario *sc;      /* NULL when the file failed to load */
	const struct scn_err *err;      /* why, when sc is NULL */
};
typedef void (*scn_list_fn)(void *ud, const struct scn_entry *e);

/* Calls fn for each scenario on the search path (steps 2-5 above),
 * skipping names already listed (those are shadowed, as scenario_find
 * would shadow them), in course order (docs/scenarios.md SCN-COURSE):
 * those with a `course` block by its order, then the rest, each group in
 * search order (files sorted by name within a directory). Reads only
 * *.json regular files of those directories. Returns how many were
 * listed, or -1 when out of memory (nothing listed then). */
int scenario_list(scn_list_fn fn, void *ud);

/* Course order of two scenarios (either may be NULL: a file that does not
 * load): <0, 0, >0 as for qsort; those off the path come last. */
int scenario_course_cmp(const struct scenario *a, const struct scenario *b);

#endif
