/*
 * pane_vas.h — the address-space pane's two halves: the region list and
 * summary (pane_vas.c) and the page map (pane_vasmap.c), docs/tui.md
 * TUI-VAS and TUI-VAS-MAP. Private to those two files, and the
 * translation pane's (pane_xlate.c), which asks vas_pid whose address
 * space is shown.
 */
#ifndef MM_PANE_VAS_H
#define MM_PANE_VAS_H

#include "pane.h"

/* English or German (a macro, so that format strings stay literals). */
#define tx(v, en, de) ((v)->lang ? (de) : (en))

/* The process the pane shows: the one the split view opened (vas.pid),
 * while it exists, else the current one. */
uint32_t vas_pid(const struct tui_view *v);
/* Is there a page in play in the process shown (the current one)? */
static inline bool vas_has_play(const struct tui_view *v)
{
	return v->has_va && vas_pid(v) == v->info.current_pid;
}
/* Shows process pid's region holding va selected in the pane (the split
 * view's link, docs/tui.md TUI-LINKS). */
void vas_open_region(struct tui_view *v, uint32_t pid, uint64_t va);

/* The end of user space (MmHighestUserAddress + 1). */
static inline uint64_t vas_user_top(const struct tui_view *v) { return v->info.highest_user + 1; }
/* VMMap's name of type t (enum mm_vtype), short for narrow columns; the
 * split view (pane_split.c) names types with it too. */
const char *vas_vtype_label(const struct tui_view *v, int t, bool shrt);
/* The role of VMMap type t (enum mm_vtype). */
unsigned vas_vtype_role(int t);
/* "64K", "2045M", "127T". Returns buf. */
const char *vas_size_short(uint64_t bytes, char buf[32]);
/* The region holding va in the cached list, -1 none. */
int vas_region_of(const struct tui_view *v, uint64_t va);

/* Columns of a map w wide (a power of two) and the width of its address
 * labels. */
int vas_map_cols(const struct tui_view *v, int w, int *labelw);
/* Legend rows of the zoomed map in a pane h rows inside. */
int vas_map_legend_rows(int h);
/* The pages of region ri in r (title, map, legend), the page in play
 * marked; 0 when it does not fit. */
int vas_draw_preview(struct tui_view *v, struct cellgrid *g, struct grid_rect r, int ri);
/* Fits [lo, lo + span) into cells cells: pages per cell a power of two. */
void vas_map_fit(struct tui_view *v, uint64_t lo, uint64_t span, int cells);
/* The zoomed page map with its legend and the selected page's line. */
void vas_draw_map(struct tui_view *v, struct cellgrid *g, struct grid_rect in, bool focused);

/* `l` in the page map: the selected page's frame (resident, transition,
 * or held by the view's prototype PTE) selected in the physical-memory
 * pane (docs/tui.md TUI-LINKS). */
int vas_map_follow(struct tui_view *v);

#endif
