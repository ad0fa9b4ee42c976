/*
 * pane.h — panes as small classes (after htop's PanelClass
 * and ncdu's *_draw / *_key), and the view they share.
 *
 * struct tui_view is everything a pane reads to draw: the player (whose
 * cursor has already been applied to the machine with mm_seek), facts
 * derived once per frame by view_refresh (machine info at the cursor, the
 * page and frame in play, the event kinds by name), and each pane's own
 * state (selection, zoom, scroll).  Panes read the core only through mm.h;
 * all formatting stays in tui/.
 *
 * A pane draws into the whole rectangle it is given, border included
 * (view_frame draws the border and pushes a clip for the inside).  Key and
 * click handlers return reaction flags (app.c); 0 means "not
 * mine", so the app can try the global key map.
 */
#ifndef MM_PANE_H
#define MM_PANE_H

#include <stdbool.h>
#include <stdint.h>

#include "cellgrid.h"
#include "layout.h"
#include "mm.h"
#include "player.h"

typedef struct cJSON cJSON;

/* Reaction flags of handlers. */
enum {
	TUI_HANDLED = 1, /* the event was used */
	TUI_REDRAW = 2,	 /* compose a new frame */
	TUI_RELAYOUT = 4,
	TUI_QUIT = 8,
};

struct vas_view {
	int zoom;	    /* 0: the region list; >= 1: a page map */
	int sel;	    /* selected region in the list; -1: follow the page in play */
	int top;	    /* first list row shown */
	uint64_t lo, ppc;   /* map: first address, pages per cell */
	uint64_t cursor_va; /* map: the selected page */
	int map_y, map_x, map_w, map_h; /* where the map was drawn (pane-relative), for clicks */
	int list_y, list_rows;
	bool summary;	    /* VMMap's upper table (per type) instead of the regions */
	uint64_t expanded;  /* base of the image shown with its sections, 0 none */
	int sec_at, nsec;   /* list rows of its sections as last drawn (-1: none), for clicks */
	uint32_t pid;	    /* the process shown, opened from the split view; 0: the current one */
	/* the region cache */
	struct mm_region *regions;
	int nregions, capregions;
	uint64_t key_gen, key_ev;
	uint32_t key_pid;
	bool key_valid;
};

struct phys_view {
	int64_t sel; /* selected frame, -1 none (then the frame in play is described) */
	int map_y, map_x, map_w, map_h;
	uint64_t fpc; /* frames per cell as drawn */
	uint8_t *cells; /* cached dominant state per cell */
	int ncells, capcells;
	uint64_t key_gen, key_ev, key_fpc;
	bool key_valid;
	bool by_use, key_by_use; /* cells coloured by the frames' use (RAMMap's Use) instead of their list */
	uint64_t use_total[MM_RU_COUNT]; /* frames per use, counted with the cells by use */
};

struct narr_view {
	int scroll; /* lines of the step's words scrolled away */
	/* the command's output below its micro-steps (docs/tui.md TUI-OUTPUT) */
	int out_top;	       /* its lines scrolled away */
	int out_cur;	       /* the record they belong to (a new one starts at the top) */
	uint64_t out_gen;
	/* as last drawn, for the keys and the bottom line */
	bool words_more;       /* the words do not fit: the scroll keys move them */
	int out_total, out_rows; /* output lines in all, rows they had */
	bool out_hidden;       /* some of the output is not on screen (the border offers O) */
	bool out_main;         /* ... and it is the command's only output: the key line offers O first */
	int title_end;         /* the first column after the title on the top border (the folded RAM line's start) */
};

struct ask_view { /* the answer being typed (ask.h) */
	char buf[256];
	int len; /* bytes */
};

/* The further screens of docs/tui.md TUI-SCREENS: each replaces the three memory panes (the
 * whole body on a small terminal) until its key or Esc is pressed again. */
enum screen_id {
	SCREEN_NONE,
	SCREEN_PROCS,
	SCREEN_WSET,
	SCREEN_VAD,
	SCREEN_POOL,
	SCREEN_PAGEFILE,
	SCREEN_SECTIONS,
	SCREEN_OUTPUT, /* the command's whole output (pane_output.c) */
	SCREEN_USECOUNTS,   /* RAMMap's Use Counts (docs/tui.md TUI-RAM) */
	SCREEN_PHYSPAGES,   /* RAMMap's Physical Pages */
	SCREEN_FILESUMMARY, /* RAMMap's File Summary */
	SCREEN_SPLIT,	    /* two processes side by side (TUI-SPLIT) */
	SCREEN_POLICIES,    /* the replacement-policy lab (TUI-POLICIES, pane_policies.c) */
	SCREEN_QUIZ,	    /* the quiz's open question (TUI-QUIZ, screen_quiz.c); no key of its own */
	SCREEN_COUNT
};

/* The RAMMap screens' and the split view's own state. */
struct ram_view {
	uint32_t pid;	  /* Physical Pages: only this process's frames; 0 all */
	uint32_t other;	  /* the split view's second process, 0: the one after the current */
	uint32_t *rows;	  /* Physical Pages with a filter: the frames shown */
	int nrows, caprows;
	uint64_t key_gen, key_ev;
	uint32_t key_pid;
	bool key_valid;
	/* links into Physical Pages and out of the split view (TUI-LINKS) */
	int use_f, list_f;	       /* Physical Pages: only this use / list, + 1 (0: any) */
	int key_use_f, key_list_f;
	int uc_row, uc_col;	       /* Use Counts: the selected cell, as drawn rows and columns */
	int uc_y0, uc_nrows, uc_ncols; /* as last drawn, for clicks: first row, counts */
	int uc_use[MM_RU_COUNT + 1];   /* each drawn row's use (MM_RU_COUNT: the Total row) */
	int uc_x[MM_NSTATES + 2];      /* each drawn column's left edge; [ncols] its end */
	int split_row, split_side;     /* the split view's selected row (-1 none) and side */
	int split_half, split_rw;      /* as last drawn: the right side's first column and width */
};

struct screen_view {
	int id;	 /* enum screen_id; SCREEN_NONE: the main screen */
	bool by_focus; /* brought by a scenario step's focus: a typed command closes it */
	int back;      /* where Esc goes: the screen a link came from (screen_follow), else SCREEN_NONE */
	int top; /* first list row shown */
	int left; /* first column shown (the output screen scrolls sideways) */
	int at_rec; uint64_t at_gen; /* the output screen's record: another starts at the top */
	int total, rows; /* list rows in all and shown, as last drawn (for the keys) */
	/* what the inspection commands answered, for one position */
	cJSON *doc;
	int doc_id;
	uint64_t key_gen, key_ev;
};

struct screen_quiz;

/* The policies lab's state (pane_policies.c). */
struct policies_view {
	int at;        /* the reference shown (0-based): the columns after it are still empty */
	int left;      /* first reference column shown */
	int rec;       /* the `policies` record shown, and the timeline's generation then */
	uint64_t gen;
};

struct tui_view {
	struct player *pl;
	struct mm *m; /* session_mm, refreshed */
	int lang;
	struct mm_info info;
	bool has_va;
	uint64_t va;  /* the page in play (an address in it) */
	int64_t pfn;  /* the frame in play, -1 none */
	int focus;    /* enum pane_id */
	struct grid_rect rect[PANE_COUNT]; /* as last laid out */
	struct vas_view vas;
	struct phys_view phys;
	struct narr_view narr;
	struct ask_view ask;
	struct screen_view scr;
	struct ram_view ram;
	struct policies_view pol;
	const struct screen_quiz *quiz; /* the quiz being played (TUI-QUIZ), NULL */
};

struct pane_class {
	const char *name;
	void (*draw)(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused);
	int (*key)(struct tui_view *v, const struct draw_event *ev); /* may be NULL */
	int (*click)(struct tui_view *v, int y, int x);		      /* pane-relative; may be NULL */
	int min_w, min_h;
};

extern const struct pane_class pane_vas_class;
extern const struct pane_class pane_xlate_class;
extern const struct pane_class pane_phys_class;
extern const struct pane_class pane_narr_class;
/* The rows the narration wants at width w (border included) for the
 * step's words whole (pane_narr.c N6), 0 when it has none: the compact
 * layout's reading arrangement (layout.h L3). */
int pane_narr_want(struct tui_view *v, struct cellgrid *g, int w);
/* Physical memory folded to one line of counts (layout.h L4), in r. */
void pane_phys_line(struct tui_view *v, struct cellgrid *g, struct grid_rect r);
extern const struct pane_class pane_procs_class;
extern const struct pane_class pane_wset_class;
extern const struct pane_class pane_vadtree_class;
extern const struct pane_class pane_pool_class;
extern const struct pane_class pane_pagefile_class;
extern const struct pane_class pane_sections_class;
extern const struct pane_class pane_output_class;
extern const struct pane_class pane_usecounts_class;
extern const struct pane_class pane_physpages_class;
extern const struct pane_class pane_filesum_class;
extern const struct pane_class pane_split_class;
extern const struct pane_class pane_policies_class;
/* The policies lab's step keys (pane_policies.c): delta references on,
 * INT_MIN the first, INT_MAX the last; 0 when no `policies` result is at
 * the cursor. */
int policies_step(struct tui_view *v, int delta);
/* Is the command line a `policies` command (the lab's screen shows it)? */
bool policies_line(const char *line);

/* ---- screen.c: shared by the screens ---- */

/* The class of a screen (NULL for SCREEN_NONE). */
const struct pane_class *screen_class(int id);
/* Shows screen id (SCREEN_NONE: the main screen), from the top. */
void screen_show(struct tui_view *v, int id);
/* A link from the screen up to screen id (Use Counts -> Physical Pages):
 * Esc there comes back (docs/tui.md TUI-LINKS). */
void screen_follow(struct tui_view *v, int id);
/* The screen's data at the cursor: build(v) is called once per position
 * (timeline generation and events done) and its document kept. */
const cJSON *screen_doc(struct tui_view *v, cJSON *(*build)(struct tui_view *v));
/* An inspection command's result at the cursor (mm_inspect_json), owned by
 * the caller; NULL when it failed. */
cJSON *screen_inspect(struct tui_view *v, const char *line);
/* The frame of a screen: title, "Esc: back" on the border. Pushes a clip
 * on the inside (pop with grid_pop_clip) and returns its size. */
struct grid_rect screen_frame(struct tui_view *v, struct cellgrid *g, struct grid_rect r, const char *title);
/* A scrolled list of total rows drawn from row y0 of the inside r: clamps
 * the scroll, records the sizes for the keys, draws "a-b of n" right of
 * row y0 - 1 when not everything fits, and returns the first row to show;
 * *shown gets how many rows fit. */
int screen_list(struct tui_view *v, struct cellgrid *g, struct grid_rect r, int y0, int total, int *shown);
/* A JSON member as text ("" when absent), number, boolean. */
const char *screen_str(const cJSON *o, const char *key);
double screen_num(const cJSON *o, const char *key);
bool screen_bool(const cJSON *o, const char *key);
/* A number or "0x..." string member as an integer. */
uint64_t screen_u64(const cJSON *o, const char *key);
/* "PAGE_EXECUTE_READWRITE" -> "EXECUTE_READWRITE" (the prefix dropped). */
const char *screen_prot(const char *win32);
/* Up/Down/PgUp/PgDn scrolling of the screen's list (the screens'
 * key handler); 0 for other keys. */
int screen_key(struct tui_view *v, const struct draw_event *ev);
/* A bar of w cells: part of whole filled (committed role), the rest free. */
void screen_bar(struct cellgrid *g, int y, int x, int w, uint64_t part, uint64_t whole);

/* ---- pane_output.c: a command's output (docs/tui.md TUI-OUTPUT, rules O1-O3) ---- */

/* The output at the cursor: the text --batch prints for the cursor's
 * command (player_rec.text), once the command has ended; NULL when there
 * is none. *rec (may be NULL) gets the cursor's record. */
const char *output_text(const struct tui_view *v, const struct player_rec **rec);
int output_lines(const char *text); /* lines in all */
int output_width(const char *text); /* columns of the widest line */
/* Lines top.. of text into r, columns left.. of each, cut at r's width
 * (never wrapped: columns stay aligned). */
void output_draw(struct cellgrid *g, struct grid_rect r, unsigned role, const char *text, int top, int left);
/* The marks of the same rows, drawn at column x (a border): → beside a
 * cut line. */
void output_marks(struct cellgrid *g, int y, int x, int rows, int w, const char *text, int top, int left);
/* "lines a-b of n" in the view's language. */
void output_where(const struct tui_view *v, int top, int shown, int total, char *b, size_t n);

/* ---- view.c: shared by the panes ---- */

void view_init(struct tui_view *v, struct player *pl);
void view_fini(struct tui_view *v); /* frees the pane caches */
/* Re-reads what depends on the cursor (call after every move). */
void view_refresh(struct tui_view *v);
/* The kind of event i of the history (mm_events.h; MM_EV_NONE past the end). */
enum mm_ev_kind view_event(const struct tui_view *v, uint64_t i, struct mm_event *out);

/* The border with a title; pushes a clip on the inside and returns its
 * size (pop with grid_pop_clip). */
struct grid_rect view_frame(struct cellgrid *g, struct grid_rect r, const char *title, bool focused);

/* "0x1a3f000" */
const char *view_hex(uint64_t v, char buf[24]);
/* The VA field role of level i of the current paging mode, and the
 * offset's. */
unsigned view_level_role(const struct mm_info *info, int level);
/* The decoded bits of a PTE value as short coloured tags ("V W U A D NX",
 * or the software format), from (y, x) at most w columns; returns the
 * columns used. */
int view_pte_tags(struct cellgrid *g, int y, int x, int w, const struct tui_view *v, uint64_t value);
/* Every field of a PTE value ("valid=1 write=1 ... PFN=0xb", or the
 * software format's), wrapped over at most rows rows; returns rows used. */
int view_pte_detail(struct cellgrid *g, int y, int w, int rows, const struct tui_view *v, uint64_t value);
/* Word-wraps utf8 into lines of at most w columns: calls fn for each line
 * (start, length in bytes).  Returns the number of lines. */
int view_wrap(const char *utf8, int w, void (*fn)(void *ud, int line, const char *s, int len), void *ud);
/* utf8 word-wrapped at w from row y of g, at most rows rows (the rest is
 * not drawn); returns the rows used. */
int view_text_block(struct cellgrid *g, int y, int w, int rows, unsigned role, const char *utf8);
/* Protection in short words: "RW", "R", "RX", "RWX", "WC" (copy-on-write),
 * "NA", with "+G" for a guard page. */
const char *view_prot_short(uint32_t page, char buf[16]);

#endif
