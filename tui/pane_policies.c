/*
 * pane_policies.c — the replacement-policy lab as a screen (docs/tui.md
 * TUI-POLICIES): what `policies [--frames N] TRACE|--from-process`
 * (docs/commands.md CMD-POLICIES) answered, FIFO, LRU, Clock, OPT and the
 * working-set manager's aging side by side.
 *
 * Design.  The screen draws the result of the latest `policies` command at
 * or before the cursor (its OUT-JSON object, result.policies, as the
 * command made it in policy.c); it computes nothing itself.  The reference
 * string runs along the top, one column per reference; under it each
 * policy has one row per frame, the page each frame holds after that
 * reference, the page a fault brought in marked with "*" in the fault
 * colour; on the left the policy's faults so far and in all.  The step
 * keys (n p, the arrows, Home End) move through the references while the
 * screen is up, which opens at the last (PL3); columns after the current
 * reference stay empty, as the future does.
 *
 * Invariants:
 *  PL1. A column is drawn from the command's own steps[i].frames and
 *       steps[i].hit: the screen and the batch output of the same command
 *       show the same frames and the same faults.
 *  PL2. The faults counted "so far" are the faults among references
 *       0..at; at the last reference they equal the policy's `faults`.
 *  PL3. A result the screen has not shown yet opens at its last
 *       reference: the totals, the comparison a learner came for, show
 *       at once; Home goes back to the first to watch it unfold.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "msg.h"
#include "pane.h"

#define COL_W 3		/* " 12" or "12*": two digits of page and the mark */
#define NAME_W 14	/* "WS-aging 10/12" */

bool policies_line(const char *line)
{
	const char *w = line + strspn(line, " \t");
	return !strncmp(w, "policies", 8) && (w[8] == '\0' || w[8] == ' ' || w[8] == '\t');
}

/* A number of the result; 0 for a null (an empty frame is printed as "."). */
static int num(const cJSON *o)
{
	return cJSON_IsNumber(o) ? (int)o->valuedouble : 0;
}

/* The latest ok `policies` record at or before the cursor; -1 none. */
static int policies_rec(const struct tui_view *v)
{
	for (int i = player_cur(v->pl); i >= 0; i--) {
		const struct player_rec *r = player_rec(v->pl, i);
		if (r && r->ok && r->json && r->line && policies_line(r->line) &&
		    cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r->json, "result"), "policies"))
			return i;
	}
	return -1;
}

static const cJSON *result_of(const struct tui_view *v, int rec)
{
	const struct player_rec *r = player_rec(v->pl, rec);
	return r ? cJSON_GetObjectItemCaseSensitive(r->json, "result") : NULL;
}

/* A new command opens at its last reference, where each policy's faults
 * so far are its total (PL3); the drawing brings it into sight. */
static void follow(struct tui_view *v, int rec)
{
	struct policies_view *s = &v->pol;
	if (rec != s->rec || player_generation(v->pl) != s->gen) {
		s->rec = rec;
		s->gen = player_generation(v->pl);
		int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(result_of(v, rec), "trace"));
		s->at = n > 0 ? n - 1 : 0;
		s->left = 0;
	}
}

int policies_step(struct tui_view *v, int delta)
{
	int rec = policies_rec(v);
	if (rec < 0)
		return 0;
	follow(v, rec);
	int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(result_of(v, rec), "trace"));
	long at = delta == INT_MIN ? 0 : delta == INT_MAX ? n - 1 : (long)v->pol.at + delta;
	v->pol.at = at < 0 ? 0 : at >= n ? n - 1 : (int)at;
	return TUI_HANDLED | TUI_REDRAW;
}

/* One policy's rows from y: its name and counts, then the frames per reference. */
static void draw_policy(struct tui_view *v, struct cellgrid *g, const cJSON *pol, int y, int frames, int x0, int first,
			int last)
{
	const cJSON *steps = cJSON_GetObjectItemCaseSensitive(pol, "steps"), *st;
	int so_far = 0, i = 0;
	cJSON_ArrayForEach(st, steps) {
		if (i > v->pol.at)
			break;
		so_far += !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(st, "hit"));
		i++;
	}
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(pol, "name");
	char b[64];
	int nw = grid_text_at(g, y, 0, ROLE_TEXT_HEADING, cJSON_IsString(name) ? name->valuestring : "?");
	/* PL2; with one frame on the name's row */
	snprintf(b, sizeof b, MSG(v->lang, PL_FAULTS), so_far,
		 num(cJSON_GetObjectItemCaseSensitive(pol, "faults")));
	if (frames > 1)
		grid_text_at(g, y + 1, 0, ROLE_TEXT_DIM, b);
	else if (nw + 1 + grid_text_width(b) <= NAME_W)
		grid_text_at(g, y, nw + 1, ROLE_TEXT_DIM, b);
	i = 0;
	cJSON_ArrayForEach(st, steps) {
		if (i > v->pol.at || i > last)
			break;
		if (i >= first) {
			bool hit = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(st, "hit"));
			const cJSON *page = cJSON_GetObjectItemCaseSensitive(st, "page"), *f;
			int j = 0, x = x0 + (i - first) * COL_W;
			cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(st, "frames")) { /* PL1 */
				if (j >= frames)
					break;
				bool in = !hit && cJSON_IsNumber(f) && cJSON_IsNumber(page) && f->valuedouble == page->valuedouble;
				if (cJSON_IsNumber(f))
					snprintf(b, sizeof b, "%2d%s", (int)f->valuedouble, in ? "*" : "");
				else
					snprintf(b, sizeof b, " .");
				grid_text_at(g, y + j, x, in ? ROLE_HL_FAULT : i == v->pol.at ? ROLE_TEXT_NORMAL : ROLE_TEXT_DIM, b);
				j++;
			}
		}
		i++;
	}
}

/* The compact form: the policy's name and faults, then per reference the
 * page a fault brought in ("5*") or "." for a hit, and the frames after
 * the current reference at the right when there is room. */
static void draw_policy_row(struct tui_view *v, struct cellgrid *g, const cJSON *pol, int y, int first, int last, int w)
{
	const cJSON *steps = cJSON_GetObjectItemCaseSensitive(pol, "steps"), *st, *now = NULL;
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(pol, "name");
	char b[64];
	int so_far = 0, i = 0;
	cJSON_ArrayForEach(st, steps) {
		if (i > v->pol.at)
			break;
		bool hit = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(st, "hit"));
		so_far += !hit;
		now = st;
		if (i >= first && i <= last) {
			const cJSON *page = cJSON_GetObjectItemCaseSensitive(st, "page");
			snprintf(b, sizeof b, hit ? " ." : "%2d*", num(page));
			grid_text_at(g, y, NAME_W + (i - first) * COL_W, hit ? ROLE_TEXT_DIM : ROLE_HL_FAULT, b);
		}
		i++;
	}
	snprintf(b, sizeof b, "%-8s %d/%d", cJSON_IsString(name) ? name->valuestring : "?", so_far,
		 num(cJSON_GetObjectItemCaseSensitive(pol, "faults")));
	grid_text_at(g, y, 0, ROLE_TEXT_HEADING, b);
	int nrefs = cJSON_GetArraySize(steps), shown = (last < nrefs - 1 ? last : nrefs - 1) - first + 1;
	int x = NAME_W + shown * COL_W + 1, n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(now, "frames"));
	if (!now || x + n * COL_W + 2 > w)
		return;
	const cJSON *f;
	x += grid_text_at(g, y, x, ROLE_TEXT_DIM, "[");
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(now, "frames")) { /* PL1 */
		snprintf(b, sizeof b, cJSON_IsNumber(f) ? "%2d " : " . ", num(f));
		x += grid_text_at(g, y, x, ROLE_TEXT_NORMAL, b);
	}
	grid_text_at(g, y, x - 1, ROLE_TEXT_DIM, "]");
}

static void policies_draw(struct tui_view *v, struct cellgrid *g, struct grid_rect r, bool focused)
{
	(void)focused;
	int rec = policies_rec(v);
	const cJSON *res = rec >= 0 ? result_of(v, rec) : NULL;
	char b[160];
	if (!res) {
		struct grid_rect in = screen_frame(v, g, r, MSG(v->lang, PL_TITLE_NONE));
		if (in.h > 0)
			grid_text_at(g, 0, 0, ROLE_TEXT_DIM, MSG(v->lang, PL_NONE));
		if (in.h > 1)
			grid_text_at(g, 1, 0, ROLE_TEXT_KEY, "policies --frames 3 1 2 3 4 1 2 5 1 2 3 4 5");
		grid_pop_clip(g);
		return;
	}
	follow(v, rec);
	const cJSON *trace = cJSON_GetObjectItemCaseSensitive(res, "trace"), *pols = cJSON_GetObjectItemCaseSensitive(res, "policies");
	int n = cJSON_GetArraySize(trace), frames = num(cJSON_GetObjectItemCaseSensitive(res, "frames"));
	if (v->pol.at >= n)
		v->pol.at = n - 1;
	snprintf(b, sizeof b, MSG(v->lang, PL_TITLE), n, frames, v->pol.at + 1, n);
	struct grid_rect in = screen_frame(v, g, r, b);
	int cols = (in.w - NAME_W) / COL_W;
	if (cols < 1 || in.h < 2) {
		grid_pop_clip(g);
		return;
	}
	/* the current reference stays in sight */
	if (v->pol.at < v->pol.left)
		v->pol.left = v->pol.at;
	if (v->pol.at >= v->pol.left + cols)
		v->pol.left = v->pol.at - cols + 1;
	int first = v->pol.left, last = first + cols - 1;
	grid_text_at(g, 0, 0, ROLE_TEXT_DIM, MSG(v->lang, PL_REFS));
	for (int i = first; i <= last && i < n; i++) {
		snprintf(b, sizeof b, "%2d", num(cJSON_GetArrayItem(trace, i)));
		grid_text_at(g, 0, NAME_W + (i - first) * COL_W, i == v->pol.at ? ROLE_HL_CURRENT : ROLE_TEXT_TITLE, b);
	}
	int npol = cJSON_GetArraySize(pols), shown;
	if (npol * (frames + 1) > in.h) { /* too small for the blocks (the last needs no blank row after it): a row per policy */
		int top = screen_list(v, g, in, 1, npol, &shown), p = 0;
		const cJSON *pol;
		cJSON_ArrayForEach(pol, pols) {
			int y = 1 + p++ - top;
			if (y >= 1 && y < in.h)
				draw_policy_row(v, g, pol, y, first, last, in.w);
		}
		if (1 + npol - top < in.h)
			grid_text_at(g, 1 + npol - top, 0, ROLE_TEXT_DIM, MSG(v->lang, PL_FOOT_ROW));
		grid_pop_clip(g);
		return;
	}
	/* each policy: a row per frame, then a blank row; scrolled as a list when they do not fit */
	int per = frames + 1;
	int top = screen_list(v, g, in, 1, npol * per, &shown);
	int p = 0;
	const cJSON *pol;
	cJSON_ArrayForEach(pol, pols) {
		int y = 1 + p * per - top;
		p++;
		if (y < 1 || y + frames > in.h) /* whole blocks only */
			continue;
		draw_policy(v, g, pol, y, frames, NAME_W, first, last);
	}
	int fy = npol * per - top; /* the row after the last block */
	if (fy >= 1 && fy < in.h)
		grid_text_at(g, fy, 0, ROLE_TEXT_DIM, MSG(v->lang, PL_FOOT));
	grid_pop_clip(g);
}

const struct pane_class pane_policies_class = {
	.name = "policies",
	.draw = policies_draw,
	.key = screen_key,
	.min_w = 30,
	.min_h = 5,
};
