/*
 * theme_roles.h — every style role the TUI draws with, in ONE X-macro list
 * (after ncdu's UI_COLORS and htop's ColorElements).
 *
 * Panes never name a colour: they draw with a role (ROLE_PTE_PFN) and the
 * theme maps the role to colours and attributes.  The list below generates
 * the enum, the JSON key of each role, the loader's "missing role" check,
 * the mono glyphs and attributes, and the built-in default theme, so adding
 * a role is one line here plus one line in each shipped theme file (the unit
 * test 31_theme refuses a shipped theme that lacks it).
 *
 * Columns of X(ENUM, key, glyph, mono, fg, bg, fg8, bg8, attrs):
 *   ENUM   the enum constant is ROLE_##ENUM.
 *   key    the JSON key in a theme's "roles" object (case-sensitive).
 *   glyph  the codepoint a pane draws for "a cell standing for this role"
 *          (grid_fill(g, r, ROLE_PAGE_FREE, GRID_GLYPH), see cellgrid.h):
 *          the mono theme tells page states apart by it, and colour themes
 *          use it too unless their JSON sets "glyph".  Non-ASCII glyphs fall
 *          back to ASCII in the grid's ASCII mode.
 *   mono   the attributes (THEME_*) used when the terminal shows no colour.
 *   fg bg  the built-in default (dark) theme, 256-colour palette, -1 = the
 *          terminal's default colour;  fg8 bg8: the same for 8 colours
 *          (0 black 1 red 2 green 3 yellow 4 blue 5 magenta 6 cyan 7 white);
 *          attrs: its attributes.  themes/default.json says the same
 *          (checked by tests/unit/31_theme.c).
 */
#ifndef MM_THEME_ROLES_H
#define MM_THEME_ROLES_H

/* Attributes a role (or a single cell, on top of its role) can carry. */
enum theme_attr {
	THEME_BOLD = 1,
	THEME_UNDERLINE = 2,
	THEME_REVERSE = 4,
	THEME_DIM = 8,
	THEME_ITALIC = 16,
};
#define THEME_ATTR_MASK 31

/* clang-format off */
#define THEME_ROLES(X) \
	/* page states: one per PFN list, plus active and transition */ \
	X(PAGE_ZEROED,            "page.zeroed",             '.',    0,                                       250,  237,  7,  0, 0) \
	X(PAGE_FREE,              "page.free",               ':',    0,                                       195,   24,  6,  4, 0) \
	X(PAGE_STANDBY,           "page.standby",            's',    0,                                        16,   75,  0,  6, 0) \
	X(PAGE_MODIFIED,          "page.modified",           'M',    THEME_BOLD,                               16,  214,  0,  3, 0) \
	X(PAGE_MODIFIED_NO_WRITE, "page.modified_no_write",  'N',    THEME_BOLD|THEME_UNDERLINE,               16,  180,  0,  7, 0) \
	X(PAGE_BAD,               "page.bad",                'X',    THEME_REVERSE,                           231,  124,  7,  1, THEME_BOLD) \
	X(PAGE_ACTIVE,            "page.active",             0x2588, THEME_BOLD,                               71,   22,  2,  0, 0) \
	X(PAGE_TRANSITION,        "page.transition",         '~',    THEME_UNDERLINE,                          16,  141,  0,  5, 0) \
	/* address-space region types (VMMap) */ \
	X(REGION_IMAGE,           "region.image",            'I',    THEME_BOLD,                               16,  141,  7,  4, 0) \
	X(REGION_MAPPED,          "region.mapped",           'F',    0,                                        16,   80,  0,  6, 0) \
	X(REGION_SHAREABLE,       "region.shareable",        'S',    0,                                        16,   67,  7,  4, 0) \
	X(REGION_HEAP,            "region.heap",             'H',    0,                                        16,  179,  0,  3, 0) \
	X(REGION_STACK,           "region.stack",            'K',    0,                                        16,  173,  7,  1, 0) \
	X(REGION_PRIVATE,         "region.private",          'P',    0,                                        16,  150,  0,  2, 0) \
	X(REGION_PAGE_TABLE,      "region.page_table",       'T',    THEME_UNDERLINE,                          16,  218,  7,  4, 0) \
	X(REGION_FREE,            "region.free",             ' ',    0,                                       243,   -1, -1, -1, 0) \
	X(REGION_UNUSABLE,        "region.unusable",         'x',    THEME_DIM,                               243,   -1, -1, -1, 0) \
	/* frame uses (RAMMap) that no region type stands for */ \
	X(USE_PAGED_POOL,         "use.paged_pool",          'p',    0,                                        16,  186,  0,  3, 0) \
	X(USE_NONPAGED_POOL,      "use.nonpaged_pool",       'n',    THEME_BOLD,                               16,  209,  7,  1, 0) \
	X(USE_KERNEL,             "use.kernel",              'k',    THEME_BOLD|THEME_UNDERLINE,              231,   96,  7,  4, 0) \
	X(USE_SYSTEM,             "use.system",              'y',    THEME_UNDERLINE,                          16,  110,  0,  6, 0) \
	/* region states (free is REGION_FREE) */ \
	X(REGION_RESERVED,        "region.reserved",         0x2591, THEME_DIM,                               250,  238,  7,  0, 0) \
	X(REGION_COMMITTED,       "region.committed",        0x2588, THEME_BOLD,                               75,   -1,  6, -1, 0) \
	/* PTE bit fields (hardware, software, prototype, transition, page-file formats) */ \
	X(PTE_VALID,              "pte.valid",               ' ',    THEME_REVERSE,                            16,   77,  0,  2, 0) \
	X(PTE_WRITE,              "pte.write",               ' ',    THEME_BOLD,                               16,  214,  0,  3, 0) \
	X(PTE_OWNER,              "pte.owner",               ' ',    THEME_UNDERLINE,                          16,  117,  0,  6, 0) \
	X(PTE_WRITE_THROUGH,      "pte.write_through",       ' ',    THEME_BOLD,                               16,  146,  0,  7, 0) \
	X(PTE_CACHE_DISABLE,      "pte.cache_disable",       ' ',    THEME_UNDERLINE,                          16,  181,  0,  7, 0) \
	X(PTE_ACCESSED,           "pte.accessed",            ' ',    THEME_BOLD,                               16,  222,  0,  3, 0) \
	X(PTE_DIRTY,              "pte.dirty",               ' ',    THEME_REVERSE,                            16,  209,  7,  1, 0) \
	X(PTE_LARGE_PAGE,         "pte.large_page",          ' ',    THEME_UNDERLINE,                          16,  183,  7,  4, 0) \
	X(PTE_GLOBAL,             "pte.global",              ' ',    THEME_BOLD,                               16,  152,  0,  6, 0) \
	X(PTE_COPY_ON_WRITE,      "pte.copy_on_write",       ' ',    THEME_UNDERLINE,                          16,  213,  7,  4, 0) \
	X(PTE_PROTOTYPE,          "pte.prototype",           ' ',    THEME_REVERSE,                            16,  141,  7,  4, 0) \
	X(PTE_TRANSITION,         "pte.transition",          ' ',    THEME_UNDERLINE,                          16,  147,  7,  4, 0) \
	X(PTE_PFN,                "pte.pfn",                 ' ',    THEME_BOLD,                               16,   75,  7,  4, 0) \
	X(PTE_NX,                 "pte.nx",                  ' ',    THEME_REVERSE,                           231,  160,  7,  1, 0) \
	X(PTE_SOFTWARE,           "pte.software",            ' ',    THEME_UNDERLINE,                          16,  250,  0,  7, 0) \
	X(PTE_PROTECTION,         "pte.protection",          ' ',    THEME_BOLD,                               16,  229,  0,  3, 0) \
	X(PTE_PAGEFILE,           "pte.pagefile",            ' ',    THEME_UNDERLINE,                          16,  173,  7,  1, 0) \
	/* virtual-address bit fields per paging level: x64, x86 (10/10/12), PAE */ \
	X(VA_PXI,                 "va.pxi",                  ' ',    THEME_REVERSE,                            16,  204,  7,  1, 0) \
	X(VA_PPI,                 "va.ppi",                  ' ',    THEME_UNDERLINE,                          16,  214,  0,  3, 0) \
	X(VA_PDI,                 "va.pdi",                  ' ',    THEME_REVERSE,                            16,  114,  0,  2, 0) \
	X(VA_PTI,                 "va.pti",                  ' ',    THEME_UNDERLINE,                          16,   75,  7,  4, 0) \
	X(VA_OFFSET,              "va.offset",               ' ',    THEME_BOLD,                               16,  250,  0,  7, 0) \
	X(VA_X86_PDI,             "va.x86_pdi",              ' ',    THEME_REVERSE,                            16,  150,  0,  2, 0) \
	X(VA_X86_PTI,             "va.x86_pti",              ' ',    THEME_UNDERLINE,                          16,   81,  0,  6, 0) \
	X(VA_PAE_PDPTI,           "va.pae_pdpti",            ' ',    THEME_BOLD,                               16,  183,  7,  4, 0) \
	/* highlights */ \
	X(HL_CURRENT,             "hl.current",              '>',    THEME_BOLD|THEME_REVERSE,                 16,  226,  0,  3, THEME_BOLD) \
	X(HL_SELECTED,            "hl.selected",             '*',    THEME_REVERSE,                            16,  153,  0,  7, THEME_BOLD) \
	X(HL_FRAME,               "hl.frame",                '@',    THEME_BOLD|THEME_REVERSE,                 16,  226,  0,  3, THEME_BOLD) \
	X(HL_PAGE,                "hl.page",                 '@',    THEME_BOLD|THEME_REVERSE,                 16,  226,  0,  3, THEME_BOLD) \
	X(HL_FAULT,               "hl.fault",                '!',    THEME_BOLD|THEME_UNDERLINE|THEME_REVERSE,  16,  196,  7,  1, THEME_BOLD) \
	X(HL_TLB_HIT,             "hl.tlb_hit",              '+',    THEME_BOLD,                               46,   -1,  2, -1, THEME_BOLD) \
	X(HL_TLB_MISS,            "hl.tlb_miss",             '-',    THEME_UNDERLINE,                         208,   -1,  3, -1, THEME_BOLD) \
	X(HL_EXPECT_OK,           "hl.expect_ok",            0x2713, THEME_BOLD,                               46,   -1,  2, -1, 0) \
	X(HL_EXPECT_FAIL,         "hl.expect_fail",          0x2717, THEME_BOLD|THEME_REVERSE,                196,   -1,  7,  1, THEME_BOLD) \
	X(HL_CHANGED,             "hl.changed",              '*',    THEME_BOLD|THEME_UNDERLINE,              226,   -1,  3, -1, THEME_BOLD) \
	/* text */ \
	X(TEXT_NORMAL,            "text.normal",             ' ',    0,                                        -1,   -1, -1, -1, 0) \
	X(TEXT_DIM,               "text.dim",                ' ',    THEME_DIM,                               244,   -1, -1, -1, 0) \
	X(TEXT_TITLE,             "text.title",              ' ',    THEME_BOLD,                              231,   -1,  7, -1, THEME_BOLD) \
	X(TEXT_HEADING,           "text.heading",            ' ',    THEME_BOLD|THEME_UNDERLINE,              111,   -1,  6, -1, THEME_BOLD) \
	X(TEXT_KEY,               "text.key",                ' ',    THEME_BOLD,                              221,   -1,  3, -1, THEME_BOLD) \
	X(TEXT_ERROR,             "text.error",              ' ',    THEME_BOLD|THEME_REVERSE,                203,   -1,  7,  1, THEME_BOLD) \
	X(TEXT_NARRATION,         "text.narration",          ' ',    0,                                       230,   -1, -1, -1, 0) \
	X(TEXT_EVENT,             "text.event",              ' ',    0,                                       152,   -1,  6, -1, 0) \
	/* pane borders */ \
	X(BORDER_NORMAL,          "border.normal",           ' ',    0,                                        59,   -1, -1, -1, 0) \
	X(BORDER_FOCUSED,         "border.focused",          ' ',    THEME_BOLD,                               75,   -1,  6, -1, THEME_BOLD) \
	/* status bar, command line, cursor */ \
	X(UI_STATUS,              "ui.status",               ' ',    THEME_REVERSE,                           231,   24,  7,  4, 0) \
	X(UI_CMDLINE,             "ui.cmdline",              ' ',    0,                                        -1,   -1, -1, -1, 0) \
	X(UI_CURSOR,              "ui.cursor",               ' ',    THEME_REVERSE,                            16,  231,  0,  7, 0)
/* clang-format on */

enum theme_role {
#define THEME_ROLE_ENUM(e, key, glyph, mono, fg, bg, fg8, bg8, attrs) ROLE_##e,
	THEME_ROLES(THEME_ROLE_ENUM)
#undef THEME_ROLE_ENUM
	ROLE_COUNT
};

#endif
