/*
 * datapath.c — the one search path for data files (datapath.h).
 *
 * Why it is built this way.  Scenarios and themes used to have a search
 * path each, and the theme one looked in a directory derived from a
 * compile-time prefix that `make install PREFIX=...` did not change, so
 * installed themes were never found.  Now both kinds go through here, and
 * the installed data directory is found two ways: beside the running
 * binary (BINDIR/../share/mmviz, from /proc/self/exe), which is right for
 * any PREFIX and DESTDIR and for a moved tree, and then the compiled-in
 * MMVIZ_DATADIR.  Only this file uses MMVIZ_DATADIR, and the Makefile
 * rebuilds it when PREFIX changes (the stamp build/gen/prefix).
 *
 * The search is read-only and bounded: names with '/' are never joined to
 * a directory (no "../" escapes), at most 1000 names are read from one
 * directory, and only regular files count.
 */
#include "datapath.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The installed data directory; the Makefile defines it from $(PREFIX). */
#ifndef MMVIZ_DATADIR
#define MMVIZ_DATADIR "/usr/local/share/mmviz"
#endif

#define DATAPATH_LISTED 1000 /* names read from one directory */

const char *datapath_datadir(void)
{
	return MMVIZ_DATADIR;
}

static bool is_regular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* BINDIR/../share/mmviz, when it is a directory other than MMVIZ_DATADIR
 * (the usual case of an installed binary: the same place twice). */
static bool beside_binary(char *out, size_t n)
{
	char exe[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return false;
	exe[len] = '\0';
	for (int up = 0; up < 2; up++) { /* drop "/mmviz", then "/bin" */
		char *slash = strrchr(exe, '/');
		if (!slash)
			return false;
		*slash = '\0';
	}
	int w = snprintf(out, n, "%s/share/mmviz", exe);
	if (w < 0 || (size_t)w >= n || !is_dir(out))
		return false;
	return !(realpath(out, a) && realpath(MMVIZ_DATADIR, b) && strcmp(a, b) == 0);
}

int datapath_dirs(const char *kind, char dirs[DATAPATH_MAX_DIRS][DATAPATH_DIR_MAX])
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char here[DATAPATH_DIR_MAX - 32];
	int n = 0;
	snprintf(dirs[n++], DATAPATH_DIR_MAX, "%s", kind);
	if (xdg && xdg[0] == '/')
		snprintf(dirs[n++], DATAPATH_DIR_MAX, "%.400s/mmviz/%s", xdg, kind);
	else if (home && home[0] == '/')
		snprintf(dirs[n++], DATAPATH_DIR_MAX, "%.400s/.local/share/mmviz/%s", home, kind);
	if (beside_binary(here, sizeof here))
		snprintf(dirs[n++], DATAPATH_DIR_MAX, "%s/%s", here, kind);
	snprintf(dirs[n++], DATAPATH_DIR_MAX, "%.400s/%s", MMVIZ_DATADIR, kind);
	return n;
}

static bool try_path(char *out, size_t n, const char *dir, const char *name, const char *ext)
{
	int w = snprintf(out, n, "%s/%s%s", dir, name, ext);
	return w > 0 && (size_t)w < n && is_regular(out);
}

bool datapath_find(const char *kind, const char *name, char *out, size_t n)
{
	if (!name || !name[0] || n == 0)
		return false;
	if (is_regular(name) && strlen(name) < n) {
		strcpy(out, name);
		return true;
	}
	if (strchr(name, '/'))
		return false;
	char dirs[DATAPATH_MAX_DIRS][DATAPATH_DIR_MAX];
	int nd = datapath_dirs(kind, dirs);
	for (int d = 0; d < nd; d++) {
		if (!ends_with(name, ".json") && try_path(out, n, dirs[d], name, ".json"))
			return true;
		if (try_path(out, n, dirs[d], name, ""))
			return true;
	}
	return false;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_free(char **v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* The NAME of each NAME.json of one directory, sorted; owned array of
 * owned strings. */
static int dir_names(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	*out = NULL;
	if (!d)
		return 0;
	char **v = calloc(DATAPATH_LISTED, sizeof *v);
	int n = 0;
	struct dirent *e;
	while (v && n < DATAPATH_LISTED && (e = readdir(d)))
		if (e->d_name[0] != '.' && ends_with(e->d_name, ".json") && strlen(e->d_name) > 5)
			if ((v[n] = strndup(e->d_name, strlen(e->d_name) - 5)))
				n++;
	closedir(d);
	if (v)
		qsort(v, (size_t)n, sizeof *v, name_cmp);
	*out = v;
	return n;
}

/* Names already listed (shadowing); borrowed from the directory lists. */
struct seen {
	const char **v;
	int n, cap;
};

static bool seen_add(struct seen *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->v[i], name) == 0)
			return false;
	if (s->n == s->cap) {
		int cap = s->cap ? 2 * s->cap : 16;
		const char **v = realloc(s->v, (size_t)cap * sizeof *v);
		if (!v)
			return false;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = name;
	return true;
}

int datapath_list(const char *kind, datapath_fn fn, void *ud)
{
	char dirs[DATAPATH_MAX_DIRS][DATAPATH_DIR_MAX], path[DATAPATH_DIR_MAX + 128];
	char **names[DATAPATH_MAX_DIRS] = {0};
	int counts[DATAPATH_MAX_DIRS] = {0};
	struct seen seen = {0};
	int nd = datapath_dirs(kind, dirs);
	for (int d = 0; d < nd; d++) {
		counts[d] = dir_names(dirs[d], &names[d]);
		for (int i = 0; i < counts[d]; i++) {
			int w = snprintf(path, sizeof path, "%s/%s.json", dirs[d], names[d][i]);
			if (w > 0 && (size_t)w < sizeof path && is_regular(path) && seen_add(&seen, names[d][i]))
				fn(ud, names[d][i], path);
		}
	}
	int total = seen.n;
	free(seen.v);
	for (int d = 0; d < nd; d++)
		names_free(names[d], counts[d]);
	return total;
}
