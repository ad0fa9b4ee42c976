/*
 * 49_tui_faults.c — faults of the TUI found in session 6, each as a user
 * meets it (docs/tui.md TUI-LINKS, TUI-KEYS, TUI-MAIN, TUI-RAM):
 *   - Esc from Physical Pages opened from a count of Use Counts goes back
 *     to Use Counts, where the user came from; Esc there to the main
 *     screen;
 *   - while the address pane shows another process (the split view's
 *     link), the translation pane says whose translation it shows: the
 *     current process's, by pid;
 *   - the address pane scrolls by 8 with J and K in a scenario too, where
 *     PgDn is the next step;
 *   - the PFN line under the RAM map is not cut in the middle of an item
 *     in either language (issue 12);
 *   - keys typed while a long command runs are kept and handled after
 *     it, in order (type-ahead); Esc stops the command and drops the keys
 *     typed before it, not those after (docs/tui.md TUI-ROBUST);
 *   - the policies screen opens at the last reference, each policy's
 *     faults so far its total (docs/tui.md TUI-POLICIES, PL3);
 *   - the address pane's short type labels in German are words or
 *     abbreviations with their period, never a word cut short ("Unbrauch").
 */
#include "testlib.h"

#include "app.h"
#include "msg.h"
#include "tlscreen.h"

/* The dumps of script s on scenario name at w x h, split at "====". */
static int dumps(const char *name, int lang, int w, int h, const char *s, char **out, int n)
{
	struct app_opts o = {.scenario = name, .no_questions = true};
	mm_config_default(&o.cfg);
	o.cfg.lang = lang;
	char *t = tl_script(&o, w, h, s);
	int k = 0;
	out[k++] = t;
	for (char *p = t; k < n && (p = strstr(p, "====\n")); k++) {
		*p = '\0';
		p += 5;
		out[k] = p;
	}
	return k;
}

static void test_esc_goes_back(void **state)
{
	(void)state;
	char *d[3];
	int n = dumps("rammap", 0, 80, 24,
		      "key End\nkey r\nkey down\nkey .\nkey enter\ndump\necho ====\nkey esc\ndump\necho ====\nkey esc\ndump\n",
		      d, 3);
	assert_int_equal(n, 3);
	HAS(d[0], "Physical Pages (RAMMap)");
	HAS(d[0], "Process Private on Active");
	HAS(d[1], "Use Counts (RAMMap)"); /* back where the user came from */
	LACKS(d[1], "Physical Pages (RAMMap)");
	LACKS(d[2], "Use Counts (RAMMap)"); /* and then the main screen */
	HAS(d[2], "Translation");
	free(d[0]);
	/* opened by its own key, Esc still goes to the main screen */
	n = dumps("rammap", 0, 80, 24, "key End\nkey m\ndump\necho ====\nkey esc\ndump\n", d, 2);
	assert_int_equal(n, 2);
	HAS(d[0], "Physical Pages (RAMMap)");
	LACKS(d[1], "Physical Pages (RAMMap)");
	LACKS(d[1], "Use Counts (RAMMap)");
	free(d[0]);
}

static void test_xlate_says_whose(void **state)
{
	(void)state;
	for (int lang = 0; lang <= 1; lang++) {
		char *d[3];
		/* the split view, the right side (beta.exe), Enter: its region
		 * in the address pane; Esc: back to the current process */
		int n = dumps("rammap", lang, 80, 24,
			      "key End\ndump\necho ====\nkey 2\nkey .\nkey enter\ndump\necho ====\nkey esc\ndump\n", d, 3);
		assert_int_equal(n, 3);
		HAS(d[1], lang ? "Adressraum: beta.exe" : "Address space: beta.exe");
		HAS(d[1], lang ? "Übersetzung in PID 936 (aktuell)" : "Translation in pid 936 (current)");
		HAS(d[2], lang ? "Adressraum: alpha.exe" : "Address space: alpha.exe");
		LACKS(d[2], lang ? "Übersetzung in PID" : "Translation in pid");
		LACKS(d[0], lang ? "Übersetzung in PID" : "Translation in pid");
		free(d[0]);
	}
}

/* The address pane's selected region's line (its columns that do not fit
 * the list), as the pane shows it under the list. */
static void test_vas_pages_in_a_scenario(void **state)
{
	(void)state;
	char *d[4];
	/* a click selects a region in the address pane (and focuses it), J: 8 on;
	 * K: back; PgDn: the next step */
	int n = dumps("heap-and-stack", 0, 100, 40,
		      "key n\nkey n\nkey n\nkey n\nkey n\nkey n\nkey n\nkey n\nkey n\nkey n\nkey n\nkey n\n"
		      "click 3 5\ndump\necho ====\nkey J\ndump\necho ====\nkey K\ndump\necho ====\nkey pgdn\ndump\n",
		      d, 4);
	assert_int_equal(n, 4);
	/* the status line's step is the same after J and K */
	char step[32];
	const char *s = strstr(d[0], "step ");
	assert_non_null(s);
	snprintf(step, sizeof step, "%.*s", 5 + (int)strcspn(s + 5, " \n"), s); /* "step 4/9" */
	HAS(d[1], step);
	HAS(d[2], step);
	/* PgDn: the step moves on (its end, or the next): the status differs */
	size_t l2 = strcspn(d[2], "\n"), l3 = strcspn(d[3], "\n");
	if (l2 == l3 && !strncmp(d[2], d[3], l2))
		fail_msg("PgDn did not move the step:\n%s", d[3]);
	if (!strcmp(d[0], d[1]))
		fail_msg("J did not move the selection:\n%s", d[1]);
	assert_string_equal(d[0], d[2]); /* K: back by the same 8 */
	free(d[0]);
}

static void test_pfn_line_whole_items(void **state)
{
	(void)state;
	for (int lang = 0; lang <= 1; lang++) {
		struct app_opts o = {.free_play = true};
		mm_config_default(&o.cfg);
		o.cfg.lang = lang;
		/* free play at 80x24: the physical pane 30 columns wide under the
		 * address pane, the frame in play a process's private page */
		char *t = tl_script(&o, 80, 24,
				    "key :\ntext process create a.exe\nkey enter\nwait 100000\n"
				    "key :\ntext $p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\nkey enter\nwait 100000\n"
				    "key :\ntext write $p\nkey enter\nwait 100000\nkey End\ndump\n");
		/* the PFN entry of the frame in play over two rows: its state and
		 * use, its counts; never a label whose value was cut off */
		HAS(t, lang ? "PFN 0x" : "PFN 0x");
		HAS(t, lang ? ": aktiv, privat" : " active private");
		HAS(t, lang ? "Share 1, Ref. 1" : "share 1 ref 1");
		LACKS(t, lang ? "Share Count\xe2\x94\x82" : " share\xe2\x94\x82");
		LACKS(t, lang ? "PTE\xe2\x94\x82" : " pte\xe2\x94\x82");
		LACKS(t, lang ? "Ref.\xe2\x94\x82" : " ref\xe2\x94\x82");
		free(t);
	}
}

/* Free play with a.exe and $a, 64 MB committed: touching it whole makes
 * more events than one progress report (HIST_PROGRESS_MASK), so the keys
 * after the touch are read while it runs. The script's keys come at once,
 * as typed ahead; `wait` lets the virtual clock pass. */
static char *typed_ahead(const char *after_touch)
{
	struct app_opts o = {.free_play = true};
	mm_config_default(&o.cfg);
	o.cfg.ram = 256ull << 20;
	char s[1024];
	snprintf(s, sizeof s,
		 "key :\ntext process create a.exe\nkey enter\nwait 100000\n"
		 "key :\ntext $a = VirtualAlloc 0 64M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE\nkey enter\nwait 100000\n"
		 "key :\ntext touch $a 64M w\nkey enter\n%swait 100000\ndump\n",
		 after_touch);
	return tl_script(&o, 100, 30, s);
}

static void test_type_ahead(void **state)
{
	(void)state;
	/* two commands typed at once: the touch ends (all 16,384 pages
	 * active), then both run, in order (the second's words are the last) */
	char *t = typed_ahead("key :\ntext say first-typed-ahead\nkey enter\n"
			      "key :\ntext say second-typed-ahead\nkey enter\n");
	HAS(t, "cmd 5 ");
	HAS(t, "active 16954 ");
	HAS(t, "> say second-typed-ahead");
	free(t);
	/* Esc stops the touch (undone: 537 active as before it); what was
	 * typed before the Esc is dropped, what comes after it is read */
	t = typed_ahead("key :\ntext say before-the-stop\nkey enter\nkey esc\n"
			"key :\ntext say after-the-stop\nkey enter\n");
	HAS(t, "cmd 4 ");
	HAS(t, "active 537 ");
	HAS(t, "> say after-the-stop");
	LACKS(t, "before-the-stop");
	free(t);
}

static void test_policies_open_at_totals(void **state)
{
	(void)state;
	for (int lang = 0; lang <= 1; lang++) {
		struct app_opts o = {.free_play = true};
		mm_config_default(&o.cfg);
		o.cfg.lang = lang;
		char *t = tl_script(&o, 100, 40,
				    "key :\ntext policies --frames 3 1 2 3 4 1 2 5 1 2 3 4 5\nkey enter\nwait 100000\n"
				    "dump\necho ====\nkey home\ndump\n");
		char *second = strstr(t, "====\n");
		assert_non_null(second);
		*second = '\0';
		HAS(t, lang ? "Referenz 12 von 12" : "reference 12 of 12");
		HAS(t, lang ? "9/9 Fehler" : "9/9 faults"); /* FIFO's total */
		HAS(second + 5, lang ? "Referenz 1 von 12" : "reference 1 of 12"); /* Home: the first */
		HAS(second + 5, lang ? "1/9 Fehler" : "1/9 faults");
		free(t);
	}
}

/* The short forms of the Usage column (tui/msg.h M_VAS_TS_*): at most 8
 * columns; in German a word of this list (each a German word, or the long
 * form's own word) or an abbreviation: the long form's first letters and
 * a period. */
static void test_vtype_short_words(void **state)
{
	(void)state;
	static const char *const words[] = {"Datei", "Privat", "Tabelle"};
	static const char *const pairs[][4] = { /* short en, de; long en, de */
		{MSG_EN(VAS_TS_UNUSABLE), MSG_DE(VAS_TS_UNUSABLE), MSG_EN(VAS_T_UNUSABLE), MSG_DE(VAS_T_UNUSABLE)},
		{MSG_EN(VAS_TS_MAPPED), MSG_DE(VAS_TS_MAPPED), MSG_EN(VAS_T_MAPPED), MSG_DE(VAS_T_MAPPED)},
		{MSG_EN(VAS_TS_SHAREABLE), MSG_DE(VAS_TS_SHAREABLE), MSG_EN(VAS_T_SHAREABLE), MSG_DE(VAS_T_SHAREABLE)},
		{MSG_EN(VAS_TS_PRIVATE), MSG_DE(VAS_TS_PRIVATE), MSG_EN(VAS_T_PRIVATE), MSG_DE(VAS_T_PRIVATE)},
		{MSG_EN(VAS_TS_PAGE_TABLE), MSG_DE(VAS_TS_PAGE_TABLE), MSG_EN(VAS_T_PAGE_TABLE), MSG_DE(VAS_T_PAGE_TABLE)},
	};
	for (size_t t = 0; t < sizeof pairs / sizeof pairs[0]; t++) {
		const char *s = pairs[t][1], *l = pairs[t][3];
		size_t n = strlen(s);
		bool word = false;
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			word |= !strcmp(s, words[i]);
		bool abbrev = n > 2 && s[n - 1] == '.' && !strncmp(s, l, n - 1);
		if (strlen(pairs[t][0]) > 8 || n > 8 || !(word || abbrev))
			fail_msg("\"%s\": German short form \"%s\" (of \"%s\") is no word and no abbreviation",
				 pairs[t][0], s, l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esc_goes_back),
		cmocka_unit_test(test_xlate_says_whose),
		cmocka_unit_test(test_vas_pages_in_a_scenario),
		cmocka_unit_test(test_pfn_line_whole_items),
		cmocka_unit_test(test_type_ahead),
		cmocka_unit_test(test_policies_open_at_totals),
		cmocka_unit_test(test_vtype_short_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
