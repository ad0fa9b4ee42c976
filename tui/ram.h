/*
 * ram.h — what RAMMap's screens and the physical-memory pane call a frame's
 * use and list, in English and German, and the role each use is drawn
 * with (docs/tui.md TUI-RAM). The numbers come from the core's
 * query_ram.c; only the words live here.
 */
#ifndef MM_RAM_H
#define MM_RAM_H

#include "mm.h"

/* RAMMap's name of use u (enum mm_ram_use): "Process Private" ...; short:
 * at most 10 columns ("Private"). lang 0 English, 1 German. */
const char *ram_use_name(int u, int lang, bool brief);
/* The role a cell of use u is drawn with. */
unsigned ram_use_role(int u);
/* RAMMap's column name of list (state) s: "Active", "Standby" ... */
const char *ram_list_name(int s, int lang);

/* Where frame pfn leads (docs/tui.md TUI-LINKS), appended as text to buf:
 * the virtual address its PTE maps with the command that shows that PTE
 * (" -> pid 4 VA 0x7ff..  !pte 0x7ff.."), or for a section's frame the
 * file, its offset and the prototype PTE (" -> data.bin +0x3000 proto PTE
 * 0x...  !ca"). Returns the length added. */
struct tui_view;
int ram_link_text(char *buf, size_t n, const struct tui_view *v, uint32_t pfn);

#endif
