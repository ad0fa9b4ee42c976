/*
 * learn_sheet.c — exercise sheets (learn.h learn_sheet; docs/cli.md
 * CLI-EXERCISE): the quiz's problems printed for a handout, as text or
 * Markdown, with the worked solutions after all problems when asked. The
 * same set (learn.c) makes them, so a seed gives the same sheet as the
 * quiz gives questions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn.h"
#include "lang/langmsg.h"

#define TR(lang, en, de) ((lang) ? (de) : (en))

static void indent(FILE *out, const char *text, const char *pad)
{
	for (const char *s = text; *s;) {
		size_t l = strcspn(s, "\n");
		fprintf(out, "%s%.*s\n", l ? pad : "", (int)l, s);
		s += l + (s[l] == '\n');
	}
}

static void put_problem(FILE *out, int i, const struct learn_problem *p, int lang, enum learn_format fmt)
{
	char line[LEARN_MAX_CHOICES * (LEARN_WORD + 8)];
	if (fmt == LEARN_FMT_MARKDOWN) {
		fprintf(out, "## %s %d (%s)\n\n```text\n", TR(lang, "Problem", "Aufgabe"), i, learn_topic_name(p->topic));
		fputs(p->question, out);
		fputs("```\n\n", out);
		if (p->nchoices)
			fprintf(out, "%s\n\n", learn_choices_line(p, line, sizeof line));
		return;
	}
	fprintf(out, "%d. [%s]\n", i, learn_topic_name(p->topic));
	indent(out, p->question, "   ");
	if (p->nchoices)
		fprintf(out, "   %s\n", learn_choices_line(p, line, sizeof line));
	fputc('\n', out);
}

static void put_solution(FILE *out, int i, const struct learn_problem *p, int lang, enum learn_format fmt)
{
	if (fmt == LEARN_FMT_MARKDOWN) {
		fprintf(out, "### %s %d\n\n**%s:** `%s`\n\n```text\n%s```\n\n", TR(lang, "Problem", "Aufgabe"), i,
			TR(lang, "Answer", "Antwort"), p->answers[0], p->solution);
		return;
	}
	fprintf(out, "%d. %s: %s\n", i, TR(lang, "Answer", "Antwort"), p->answers[0]);
	indent(out, p->solution, "   ");
	fputc('\n', out);
}

int learn_sheet(FILE *out, int topic, int count, uint64_t seed, int lang, enum learn_format fmt, bool solutions,
                struct mm_err *err)
{
	struct learn_set *set = learn_set_new(topic, seed, lang);
	struct learn_problem *ps = calloc((size_t)count, sizeof *ps);
	if (!set || !ps) {
		learn_set_free(set);
		free(ps);
		return mm_fail_tr(err, "ERROR_NOT_ENOUGH_MEMORY", 0, LM_LRN_OOM);
	}
	int n = 0, r = 0;
	while (n < count && (r = learn_next(set, &ps[n], err)) == 0)
		n++;
	learn_set_free(set);
	if (r < 0) {
		free(ps);
		return -1;
	}
	const char *name = topic >= 0 ? learn_topic_name(topic) : TR(lang, "all topics", "alle Themen");
	if (fmt == LEARN_FMT_MARKDOWN)
		fprintf(out, "# %s: %s\n\n*mmviz, %s %llu, %d %s*\n\n", TR(lang, "Exercise sheet", "Übungsblatt"), name,
			TR(lang, "seed", "Seed"), (unsigned long long)seed, n, TR(lang, "problems", "Aufgaben"));
	else
		fprintf(out, "mmviz %s: %s (%s %llu, %d %s)\n\n", TR(lang, "exercise sheet", "Übungsblatt"), name,
			TR(lang, "seed", "Seed"), (unsigned long long)seed, n, TR(lang, "problems", "Aufgaben"));
	if (n < count)
		fprintf(out, TR(lang, "(only %d different problems of this topic)\n\n", "(nur %d verschiedene Aufgaben zu diesem Thema)\n\n"), n);
	for (int i = 0; i < n; i++)
		put_problem(out, i + 1, &ps[i], lang, fmt);
	if (solutions) {
		fprintf(out, fmt == LEARN_FMT_MARKDOWN ? "## %s\n\n" : "%s\n\n", TR(lang, "Solutions", "Lösungen"));
		for (int i = 0; i < n; i++)
			put_solution(out, i + 1, &ps[i], lang, fmt);
	}
	free(ps);
	return 0;
}
