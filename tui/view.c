/*
 * view.c — what the panes share (pane.h): event kinds, the page
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
#include "msg.h"

void view_init(struct tui_view *v, struct player *pl)
{
	memset(v, 0, sizeof *v);
	v->pl = pl;
	v->lang = player_lang(pl);
	v->pfn = -1;
	v->vas.sel = -1;
	v->phys.sel = -1;
	v->focus = PANE_NARR;
	view_refresh(v);
}

void view_fini(struct tui_view *v)
{
	free(v->vas.regions);
	free(v->phys.cells);
	free(v->ram.rows);
	v->ram.rows = NULL;
	cJSON_Delete(v->scr.doc);
	v->scr.doc = NULL;
	v->vas.regions = NULL;
	v->phys.cells = NULL;
}

enum mm_ev_kind view_event(const struct tui_view *v, uint64_t i, struct mm_event *out)
{
	if (mm_event(v->m, i, out) < 0)
		return MM_EV_NONE;
	return out->kind_id > 0 && out->kind_id < MM_EV_KIND_COUNT ? (enum mm_ev_kind)out->kind_id : MM_EV_NONE;
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
		enum mm_ev_kind t = view_event(v, i, &e);
		uint64_t va = 0, pfn = 0;
		bool hv = false, hp = false;
		switch (t) {
		case MM_EV_ACCESS: case MM_EV_TLB_MISS: case MM_EV_RETRY: va = e.a; hv = true; break;
		case MM_EV_TLB_HIT: case MM_EV_TLB_FILL: va = e.a; pfn = e.b; hv = hp = true; break;
		case MM_EV_FAULT: va = e.b; hv = true; break;
		case MM_EV_RESOLVED: va = e.b; pfn = e.c; hv = hp = true; break;
		case MM_EV_PFN_STATE: case MM_EV_ZERO_PAGE: pfn = e.a; hp = true; break;
		case MM_EV_COPY_PAGE: pfn = e.b; hp = true; break;
		case MM_EV_DIRTY: va = e.a; pfn = e.b; hv = hp = true; break;
		case MM_EV_PAGEFILE_READ: case MM_EV_FILE_READ: pfn = e.c; hp = true; break;
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
		if (json_hex(res, "pfn", &x) || (json_hex(res, "pa", &x) && (x = mm_page_number(x), true))) {
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
		snprintf(t, sizeof t, focused ? "[ %s ]" : " %s ", title); /* focus shows without colour too */
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

struct tags {
	int n;
	struct {
		unsigned role;
		char text[48];
		bool letter; /* a one-letter flag: may be packed without spaces */
	} t[16];
};

static void tag_add(struct tags *ts, unsigned role, bool letter, const char *text)
{
	if (ts->n < 16) {
		ts->t[ts->n].role = role;
		ts->t[ts->n].letter = letter;
		snprintf(ts->t[ts->n].text, sizeof ts->t[ts->n].text, "%s", text);
		ts->n++;
	}
}

/* Width of the tags: spaced, or packed (letters adjacent). */
static int tags_width(const struct tags *ts, bool packed)
{
	int w = 0;
	for (int i = 0; i < ts->n; i++) {
		bool glue = packed && i > 0 && ts->t[i].letter && ts->t[i - 1].letter;
		w += (i > 0 && !glue) + grid_text_width(ts->t[i].text);
	}
	return w;
}

int view_pte_tags(struct cellgrid *g, int y, int x, int w, const struct tui_view *v, uint64_t value)
{
	struct mm_pte_view pv;
	mm_pte_decode(v->m, value, &pv);
	struct tags ts = {.n = 0};
	char b[48];
	if (pv.valid) {
		tag_add(&ts, ROLE_PTE_VALID, true, "V");
		if (pv.write)
			tag_add(&ts, ROLE_PTE_WRITE, true, "W");
		if (pv.owner_user)
			tag_add(&ts, ROLE_PTE_OWNER, true, "U");
		if (pv.accessed)
			tag_add(&ts, ROLE_PTE_ACCESSED, true, "A");
		if (pv.dirty)
			tag_add(&ts, ROLE_PTE_DIRTY, true, "D");
		if (pv.large_page)
			tag_add(&ts, ROLE_PTE_LARGE_PAGE, true, "L");
		if (pv.global)
			tag_add(&ts, ROLE_PTE_GLOBAL, true, "G");
		if (pv.copy_on_write)
			tag_add(&ts, ROLE_PTE_COPY_ON_WRITE, true, "C");
		if (pv.nx)
			tag_add(&ts, ROLE_PTE_NX, false, "NX");
		snprintf(b, sizeof b, "PFN 0x%x", pv.pfn);
		tag_add(&ts, ROLE_PTE_PFN, false, b);
	} else if (value == 0) {
		tag_add(&ts, ROLE_TEXT_DIM, false, MSG(v->lang, PTE_ZERO));
	} else {
		const char *f = pv.format ? pv.format : "?";
		unsigned role = ROLE_PTE_SOFTWARE;
		if (!strcmp(f, "transition"))
			role = ROLE_PTE_TRANSITION;
		else if (!strcmp(f, "prototype"))
			role = ROLE_PTE_PROTOTYPE;
		else if (!strcmp(f, "pagefile"))
			role = ROLE_PTE_PAGEFILE;
		tag_add(&ts, role, false, mm_pte_format_word(f, v->lang));
		if (pv.protect) {
			char pb[16];
			tag_add(&ts, ROLE_PTE_PROTECTION, false, view_prot_short(pv.protect, pb));
		}
		if (!strcmp(f, "transition")) {
			snprintf(b, sizeof b, "PFN 0x%x", pv.pfn);
			tag_add(&ts, ROLE_PTE_PFN, false, b);
		} else if (!strcmp(f, "pagefile")) {
			snprintf(b, sizeof b, "pf%d@0x%" PRIx64, pv.pagefile, pv.offset);
			tag_add(&ts, ROLE_PTE_PAGEFILE, false, b);
		}
	}
	bool packed = tags_width(&ts, false) > w;
	int x0 = x;
	for (int i = 0; i < ts.n; i++) {
		bool glue = packed && i > 0 && ts.t[i].letter && ts.t[i - 1].letter;
		if (i > 0 && !glue)
			x++;
		int tw = grid_text_width(ts.t[i].text);
		if (x + tw > x0 + w) {
			/* "PFN 0xb" that does not fit: at least the number */
			const char *sp = strchr(ts.t[i].text, ' ');
			if (sp && x + grid_text_width(sp + 1) <= x0 + w)
				x += grid_text_at(g, y, x, ts.t[i].role, sp + 1);
			break;
		}
		x += grid_text_at(g, y, x, ts.t[i].role, ts.t[i].text);
	}
	return x - x0;
}

int view_pte_detail(struct cellgrid *g, int y, int w, int rows, const struct tui_view *v, uint64_t value)
{
	struct mm_pte_view pv;
	mm_pte_decode(v->m, value, &pv);
	struct tags ts = {.n = 0};
	char b[48], pb[16];
#define BIT(role, name, val) (snprintf(b, sizeof b, "%s=%d", name, (int)(val)), tag_add(&ts, role, false, b))
	if (pv.valid) {
		BIT(ROLE_PTE_VALID, MSG(v->lang, PTE_VALID), 1);
		BIT(ROLE_PTE_WRITE, MSG(v->lang, PTE_WRITE), pv.write);
		BIT(ROLE_PTE_OWNER, MSG(v->lang, PTE_USER), pv.owner_user);
		BIT(ROLE_PTE_WRITE_THROUGH, MSG(v->lang, PTE_WRITE_THROUGH), pv.write_through);
		BIT(ROLE_PTE_CACHE_DISABLE, MSG(v->lang, PTE_CACHE_DISABLE), pv.cache_disable);
		BIT(ROLE_PTE_ACCESSED, MSG(v->lang, PTE_ACCESSED), pv.accessed);
		BIT(ROLE_PTE_DIRTY, MSG(v->lang, PTE_DIRTY), pv.dirty);
		BIT(ROLE_PTE_LARGE_PAGE, MSG(v->lang, PTE_LARGE), pv.large_page);
		BIT(ROLE_PTE_GLOBAL, MSG(v->lang, PTE_GLOBAL), pv.global);
		BIT(ROLE_PTE_COPY_ON_WRITE, MSG(v->lang, PTE_COPY_ON_WRITE), pv.copy_on_write);
		if (v->info.nx)
			BIT(ROLE_PTE_NX, MSG(v->lang, PTE_NO_EXECUTE), pv.nx);
		snprintf(b, sizeof b, "PFN=0x%x", pv.pfn);
		tag_add(&ts, ROLE_PTE_PFN, false, b);
	} else {
		BIT(ROLE_PTE_VALID, MSG(v->lang, PTE_VALID), 0);
		snprintf(b, sizeof b, "format=%s", mm_pte_format_word(pv.format, v->lang));
		tag_add(&ts, ROLE_PTE_SOFTWARE, false, b);
		if (pv.protect) {
			snprintf(b, sizeof b, MSG(v->lang, PTE_PROTECTION), view_prot_short(pv.protect, pb));
			tag_add(&ts, ROLE_PTE_PROTECTION, false, b);
		}
		if (pv.prototype_bit)
			BIT(ROLE_PTE_PROTOTYPE, MSG(v->lang, PTE_PROTOTYPE), 1);
		if (pv.format && !strcmp(pv.format, "transition")) {
			snprintf(b, sizeof b, "PFN=0x%x", pv.pfn);
			tag_add(&ts, ROLE_PTE_TRANSITION, false, b);
		}
		if (pv.format && !strcmp(pv.format, "pagefile")) {
			snprintf(b, sizeof b, MSG(v->lang, PTE_PAGEFILE), pv.pagefile, pv.offset);
			tag_add(&ts, ROLE_PTE_PAGEFILE, false, b);
		}
		if (pv.proto_address) {
			snprintf(b, sizeof b, "proto=0x%" PRIx64, pv.proto_address);
			tag_add(&ts, ROLE_PTE_PROTOTYPE, false, b);
		}
	}
#undef BIT
	int row = 0, x = 0;
	for (int i = 0; i < ts.n && row < rows; i++) {
		int tw = grid_text_width(ts.t[i].text);
		if (x > 0 && x + tw > w) {
			row++;
			x = 0;
			if (row >= rows)
				break;
		}
		unsigned role = ts.t[i].role;
		const char *eq = strchr(ts.t[i].text, '=');
		bool zero = eq && !strcmp(eq, "=0");
		grid_text_at(g, y + row, x, zero ? ROLE_TEXT_DIM : role, ts.t[i].text);
		x += tw + 1;
	}
	return x > 0 ? row + 1 : row;
}

struct text_block {
	struct cellgrid *g;
	int y0, rows;
	unsigned role;
};

static void text_block_line(void *ud, int line, const char *s, int len)
{
	struct text_block *c = ud;
	if (line < c->rows)
		grid_textn_at(c->g, c->y0 + line, 0, c->role, s, (size_t)len);
}

int view_text_block(struct cellgrid *g, int y, int w, int rows, unsigned role, const char *s)
{
	if (rows <= 0 || !*s)
		return 0;
	struct text_block c = {g, y, rows, role};
	int n = view_wrap(s, w, text_block_line, &c);
	return n > rows ? rows : n;
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
