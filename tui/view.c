/*
 * view.c — what the panes share (pane.h): the event-kind map, the page
 * and frame "in play" at the cursor, the pane frame, and small formatters.
 *
 * The page in play is the address the micro-steps up to the cursor were
 * about: the latest access, walk, fault or TLB event of the current record
 * (read backwards from the cursor, so the cost is the distance to the last
 * such event, never the length of a long command); failing that the
 * record's JSON result ("va", "pfn", "pa"); failing that the records
 * before it.  The frame in play likewise (pfn_state, resolved, tlb_fill...).
 */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"

static const char *const tev_names[TEV_COUNT] = {
	[TEV_OTHER] = "",
#define TEV_NAME(e, name) [TEV_##e] = name,
	TUI_EVENT_KINDS(TEV_NAME)
#undef TEV_NAME
};

void view_init(struct tui_view *v, struct player *pl)
{
	memset(v, 0, sizeof *v);
	v->pl = pl;
	v->lang = player_lang(pl);
	v->pfn = -1;
	v->vas.sel = -1;
	v->phys.sel = -1;
	v->focus = PANE_NARR;
	for (int t = 1; t < TEV_COUNT; t++) {
		int id = mm_event_kind(tev_names[t]);
		if (id >= 0 && id < VIEW_KIND_MAX)
			v->kind[id] = (uint8_t)t;
	}
	view_refresh(v);
}

void view_fini(struct tui_view *v)
{
	free(v->vas.regions);
	free(v->phys.cells);
	v->vas.regions = NULL;
	v->phys.cells = NULL;
}

enum tui_ev view_event(const struct tui_view *v, uint64_t i, struct mm_event *out)
{
	if (mm_event(v->m, i, out) < 0)
		return TEV_OTHER;
	return out->kind_id >= 0 && out->kind_id < VIEW_KIND_MAX ? (enum tui_ev)v->kind[out->kind_id] : TEV_OTHER;
}

static bool json_hex(const cJSON *obj, const char *key, uint64_t *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (cJSON_IsString(j) && j->valuestring[0] == '0' && j->valuestring[1] == 'x') {
		*out = strtoull(j->valuestring, NULL, 16);
		return true;
	}
	if (cJSON_IsNumber(j) && j->valuedouble >= 0) {
		*out = (uint64_t)j->valuedouble;
		return true;
	}
	return false;
}

#define SCAN_MAX 4096 /* events read backwards looking for the page in play */

/* Scans events [begin, end) backwards; fills what is still missing. */
static void scan_events(struct tui_view *v, uint64_t begin, uint64_t end, bool *got_va, bool *got_pfn)
{
	uint64_t lo = end - begin > SCAN_MAX ? end - SCAN_MAX : begin;
	for (uint64_t i = end; i > lo && !(*got_va && *got_pfn);) {
		struct mm_event e;
		i--;
		enum tui_ev t = view_event(v, i, &e);
		uint64_t va = 0, pfn = 0;
		bool hv = false, hp = false;
		switch (t) {
		case TEV_ACCESS: case TEV_TLB_MISS: case TEV_RETRY: va = e.a; hv = true; break;
		case TEV_TLB_HIT: case TEV_TLB_FILL: va = e.a; pfn = e.b; hv = hp = true; break;
		case TEV_FAULT: va = e.b; hv = true; break;
		case TEV_RESOLVED: va = e.b; pfn = e.c; hv = hp = true; break;
		case TEV_PFN_STATE: case TEV_ZERO_PAGE: pfn = e.a; hp = true; break;
		case TEV_COPY_PAGE: pfn = e.b; hp = true; break;
		case TEV_DIRTY: va = e.a; pfn = e.b; hv = hp = true; break;
		case TEV_PAGEFILE_READ: case TEV_FILE_READ: pfn = e.c; hp = true; break;
		default: break;
		}
		if (hv && !*got_va) {
			v->va = va;
			v->has_va = *got_va = true;
		}
		if (hp && !*got_pfn) {
			v->pfn = (int64_t)pfn;
			*got_pfn = true;
		}
	}
}

static void scan_json(struct tui_view *v, const struct player_rec *r, bool done, bool *got_va, bool *got_pfn)
{
	if (!r->json || !r->ok)
		return;
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(r->json, "result");
	uint64_t x;
	if (!*got_va && json_hex(res, "va", &x)) {
		v->va = x;
		v->has_va = *got_va = true;
	}
	if (!*got_pfn && done) {
		if (json_hex(res, "pfn", &x) || (json_hex(res, "pa", &x) && (x >>= MM_PAGE_SHIFT, true))) {
			v->pfn = (int64_t)x;
			*got_pfn = true;
		}
	}
}

void view_refresh(struct tui_view *v)
{
	v->m = player_mm(v->pl);
	mm_info(v->m, &v->info);
	v->has_va = false;
	v->va = 0;
	v->pfn = -1;
	bool gv = false, gp = false;
	int cur = player_cur(v->pl);
	uint64_t done = player_events_done(v->pl);
	for (int i = cur, n = 0; i >= 0 && n < 16 && !(gv && gp); i--, n++) {
		const struct player_rec *r = player_rec(v->pl, i);
		uint64_t end = i == cur ? done : r->ev_end;
		if (end > r->ev_begin)
			scan_events(v, r->ev_begin, end, &gv, &gp);
		scan_json(v, r, i != cur || player_k(v->pl) >= player_rec_len(v->pl, i), &gv, &gp);
	}
	if (v->pfn >= (int64_t)v->info.physical_pages)
		v->pfn = -1;
}

struct grid_rect view_frame(struct cellgrid *g, struct grid_rect r, const char *title, bool focused)
{
	grid_box(g, r, focused ? ROLE_BORDER_FOCUSED : ROLE_BORDER_NORMAL, NULL);
	if (title && r.w > 4) {
		char t[160];
		snprintf(t, sizeof t, " %s ", title);
		grid_push_clip(g, (struct grid_rect){r.y, r.x + 1, 1, r.w - 2});
		grid_text_at(g, 0, 1, focused ? ROLE_BORDER_FOCUSED : ROLE_TEXT_TITLE, t);
		grid_pop_clip(g);
	}
	struct grid_rect in = {r.y + 1, r.x + 1, r.h - 2, r.w - 2};
	if (in.h < 0)
		in.h = 0;
	if (in.w < 0)
		in.w = 0;
	grid_push_clip(g, in);
	return (struct grid_rect){0, 0, in.h, in.w};
}

const char *view_hex(uint64_t x, char buf[24])
{
	snprintf(buf, 24, "0x%" PRIx64, x);
	return buf;
}

unsigned view_level_role(const struct mm_info *info, int level)
{
	if (level < 0 || level >= info->levels)
		return ROLE_VA_OFFSET;
	if (info->levels == 2)
		return level == 0 ? ROLE_VA_X86_PDI : ROLE_VA_X86_PTI;
	if (info->levels == 3) {
		static const unsigned pae[3] = {ROLE_VA_PAE_PDPTI, ROLE_VA_PDI, ROLE_VA_PTI};
		return pae[level];
	}
	static const unsigned x64[4] = {ROLE_VA_PXI, ROLE_VA_PPI, ROLE_VA_PDI, ROLE_VA_PTI};
	return x64[level & 3];
}

static int tag(struct cellgrid *g, int y, int x, int *left, unsigned role, const char *t)
{
	int w = grid_text_width(t);
	if (w + 1 > *left)
		return 0;
	grid_text_at(g, y, x, role, t);
	*left -= w + 1;
	return w + 1;
}

int view_pte_tags(struct cellgrid *g, int y, int x, int w, const struct tui_view *v, uint64_t value)
{
	struct mm_pte_view pv;
	mm_pte_decode(v->m, value, &pv);
	int left = w, x0 = x;
	char b[48];
	if (pv.valid) {
		x += tag(g, y, x, &left, ROLE_PTE_VALID, "V");
		if (pv.write)
			x += tag(g, y, x, &left, ROLE_PTE_WRITE, "W");
		if (pv.owner_user)
			x += tag(g, y, x, &left, ROLE_PTE_OWNER, "U");
		if (pv.accessed)
			x += tag(g, y, x, &left, ROLE_PTE_ACCESSED, "A");
		if (pv.dirty)
			x += tag(g, y, x, &left, ROLE_PTE_DIRTY, "D");
		if (pv.large_page)
			x += tag(g, y, x, &left, ROLE_PTE_LARGE_PAGE, "L");
		if (pv.global)
			x += tag(g, y, x, &left, ROLE_PTE_GLOBAL, "G");
		if (pv.copy_on_write)
			x += tag(g, y, x, &left, ROLE_PTE_COPY_ON_WRITE, "CoW");
		if (pv.nx)
			x += tag(g, y, x, &left, ROLE_PTE_NX, "NX");
		snprintf(b, sizeof b, "PFN %#x", pv.pfn);
		x += tag(g, y, x, &left, ROLE_PTE_PFN, b);
	} else if (value == 0) {
		x += tag(g, y, x, &left, ROLE_TEXT_DIM, "zero");
	} else {
		const char *f = pv.format ? pv.format : "?";
		unsigned role = ROLE_PTE_SOFTWARE;
		if (!strcmp(f, "transition"))
			role = ROLE_PTE_TRANSITION;
		else if (!strcmp(f, "prototype"))
			role = ROLE_PTE_PROTOTYPE;
		else if (!strcmp(f, "pagefile"))
			role = ROLE_PTE_PAGEFILE;
		x += tag(g, y, x, &left, role, f);
		if (pv.protect) {
			char pb[16];
			x += tag(g, y, x, &left, ROLE_PTE_PROTECTION, view_prot_short(pv.protect, pb));
		}
		if (!strcmp(f, "transition")) {
			snprintf(b, sizeof b, "PFN %#x", pv.pfn);
			x += tag(g, y, x, &left, ROLE_PTE_PFN, b);
		} else if (!strcmp(f, "pagefile")) {
			snprintf(b, sizeof b, "pf%d@%#" PRIx64, pv.pagefile, pv.offset);
			x += tag(g, y, x, &left, ROLE_PTE_PAGEFILE, b);
		}
	}
	return x - x0;
}

int view_wrap(const char *s, int w, void (*fn)(void *ud, int line, const char *s, int len), void *ud)
{
	int line = 0;
	if (w < 1)
		return 0;
	size_t n = strlen(s);
	size_t i = 0;
	while (i < n) {
		if (s[i] == '\n') { /* a blank line stays */
			if (fn)
				fn(ud, line, s + i, 0);
			line++;
			i++;
			continue;
		}
		/* take as many bytes as fit in w columns, breaking at a space */
		size_t j = i, brk = 0;
		int cols = 0;
		while (j < n && s[j] != '\n') {
			uint32_t cp;
			size_t b = grid_utf8_decode(s + j, n - j, &cp);
			int cw = grid_cp_width(cp);
			if (cw < 0)
				cw = 1;
			if (cols + cw > w)
				break;
			cols += cw;
			j += b;
			if (cp == ' ')
				brk = j;
		}
		size_t end = j;
		if (j < n && s[j] != '\n' && brk > i)
			end = brk;
		if (end == i) { /* one character wider than w */
			uint32_t cp;
			end = i + grid_utf8_decode(s + i, n - i, &cp);
		}
		size_t len = end;
		while (len > i && s[len - 1] == ' ')
			len--;
		if (fn)
			fn(ud, line, s + i, (int)(len - i));
		line++;
		i = end;
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && s[i] == '\n')
			i++;
	}
	return line;
}

const char *view_prot_short(uint32_t page, char buf[16])
{
	const char *base;
	switch (page & 0xFF) {
	case 0x01: base = "NA"; break;
	case 0x02: base = "R"; break;
	case 0x04: base = "RW"; break;
	case 0x08: base = "WC"; break;
	case 0x10: base = "X"; break;
	case 0x20: base = "RX"; break;
	case 0x40: base = "RWX"; break;
	case 0x80: base = "WCX"; break;
	default: base = page ? "?" : "-"; break;
	}
	snprintf(buf, 16, "%s%s%s", base, page & 0x100 ? "+G" : "", page & 0x200 ? "+NC" : "");
	return buf;
}
