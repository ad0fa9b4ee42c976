/*
 * quiz.c — `mmviz --quiz [TOPIC] --plain` and `mmviz --exercise [TOPIC]`
 * (docs/cli.md CLI-QUIZ, CLI-EXERCISE): the problems of core/learn/ in
 * line mode, on any terminal or pipe, and as sheets.
 *
 * Every question, accepted answer and worked solution comes from the
 * generators (learn.h), which make them by running the simulation; this
 * file only asks, reads, judges with learn_check (the one answer rule,
 * answer.h) and prints. One answer per line; "q" or the end of input ends
 * the quiz early, and the score counts the questions answered.
 */
#include "quiz.h"

#include <string.h>
#include <strings.h>

#include "learn.h"
#include "types.h"

#define TR(o, en, de) ((o)->lang ? (de) : (en))
#define QUIZ_DEFAULT_COUNT 10

/* The topic's number, -1 for all; -2 (with a message) when unknown. */
static int topic_of(const char *topic, const char *opt)
{
	if (!topic || !strcasecmp(topic, "all"))
		return -1;
	int t = learn_topic_find(topic);
	if (t < 0) {
		char list[200];
		fprintf(stderr, "mmviz: %s: unknown topic '", opt);
		mm_text_fputs(topic, 0, stderr); /* typed text, shown safely (docs/output.md OUT-SAFE) */
		fprintf(stderr, "'; expected %s (or all)\n", learn_topic_list(list, sizeof list));
		return -2;
	}
	return t;
}

/* One answer line; NULL at the end of input or "q". */
static const char *read_answer(FILE *in, char *buf, size_t n)
{
	if (!fgets(buf, (int)n, in))
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	char *s = buf + strspn(buf, " \t");
	return !strcasecmp(s, "q") || !strcasecmp(s, "quit") ? NULL : s;
}

static void put_indented(FILE *out, const char *text)
{
	for (const char *s = text; *s;) {
		size_t l = strcspn(s, "\n");
		fprintf(out, "  %.*s\n", (int)l, s);
		s += l + (s[l] == '\n');
	}
}

/* Asks p; returns 1 right, 0 wrong, -1 when the learner stopped. */
static int ask(const struct quiz_opts *o, const struct learn_problem *p, int i, int count, FILE *in, FILE *out)
{
	char buf[256], line[LEARN_MAX_CHOICES * (LEARN_WORD + 8)];
	fprintf(out, TR(o, "\nQuestion %d of %d [%s]\n", "\nFrage %d von %d [%s]\n"), i, count,
		learn_topic_title(p->topic, o->lang));
	fputs(p->question, out);
	if (p->nchoices)
		fprintf(out, "%s\n", learn_choices_line(p, line, sizeof line));
	fputs("> ", out);
	fflush(out);
	const char *a = read_answer(in, buf, sizeof buf);
	if (!a) {
		fputc('\n', out);
		return -1;
	}
	bool right = learn_check(p, a);
	if (right)
		fprintf(out, TR(o, "Right: %s.\n", "Richtig: %s.\n"), p->answers[0]);
	else
		fprintf(out, TR(o, "Not right: the answer is %s.\n", "Nicht richtig: Die Antwort ist %s.\n"), p->answers[0]);
	fputs(TR(o, "Worked solution (from the simulation):\n", "Lösungsweg (aus der Simulation):\n"), out);
	put_indented(out, p->solution);
	return right;
}

int quiz_run(const struct quiz_opts *o, FILE *in, FILE *out)
{
	int t = topic_of(o->topic, "--quiz");
	if (t == -2)
		return 2;
	int count = o->count > 0 ? o->count : QUIZ_DEFAULT_COUNT, asked = 0, right = 0, status = 0;
	struct learn_set *set = learn_set_new(t, o->seed, o->lang);
	if (!set) {
		fputs("mmviz: out of memory\n", stderr);
		return 1;
	}
	fprintf(out, TR(o, "mmviz quiz: %s (seed %llu, %d questions; q ends)\n", "mmviz-Quiz: %s (Seed %llu, %d Fragen; q beendet)\n"),
		t >= 0 ? learn_topic_title(t, o->lang) : TR(o, "all topics", "alle Themen"), (unsigned long long)o->seed, count);
	struct learn_problem p;
	struct mm_err err;
	for (int i = 1; i <= count; i++) {
		int r = learn_next(set, &p, &err);
		if (r < 0) {
			fprintf(stderr, "mmviz: --quiz: %s\n", mm_err_text(&err, o->lang));
			status = 1;
			break;
		}
		if (r > 0) {
			fprintf(out, TR(o, "\n(no more different questions on this topic)\n", "\n(keine weiteren verschiedenen Fragen zu diesem Thema)\n"));
			break;
		}
		int a = ask(o, &p, i, count, in, out);
		if (a < 0)
			break;
		asked++;
		right += a;
	}
	fprintf(out, TR(o, "\nScore: %d of %d right.\n", "\nErgebnis: %d von %d richtig.\n"), right, asked);
	learn_set_free(set);
	return status;
}

int quiz_sheet(const struct quiz_opts *o, FILE *out)
{
	int t = topic_of(o->topic, "--exercise");
	if (t == -2)
		return 2;
	struct mm_err err;
	if (learn_sheet(out, t, o->count > 0 ? o->count : QUIZ_DEFAULT_COUNT, o->seed, o->lang,
			o->markdown ? LEARN_FMT_MARKDOWN : LEARN_FMT_TEXT, o->solutions, &err) < 0) {
		fprintf(stderr, "mmviz: --exercise: %s\n", mm_err_text(&err, o->lang));
		return 1;
	}
	return 0;
}
