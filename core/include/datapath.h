/*
 * datapath.h — where mmviz finds a data file by name: one search path
 * (docs/cli.md CLI-SEARCH) for every KIND of file, "scenarios" and "themes".
 *
 * A NAME is looked up, in order:
 *   1. as given, when it is a regular file;
 *   2. ./KIND/NAME.json, ./KIND/NAME;
 *   3. $XDG_DATA_HOME/mmviz/KIND/ (default ~/.local/share), likewise;
 *   4. the installed data directory, likewise: first BINDIR/../share/mmviz
 *      (BINDIR the directory of the running binary, /proc/self/exe), when
 *      that directory exists, then the compiled-in MMVIZ_DATADIR (the
 *      Makefile's $(PREFIX)/share/mmviz).
 * Steps 2-4 are skipped for a NAME holding '/'. Looking beside the binary
 * first means an installed tree works wherever it was installed or moved
 * to, whatever PREFIX the binary was built with.
 *
 * Ownership: nothing here allocates on behalf of the caller; paths are
 * written into the caller's buffers, names passed to callbacks are
 * borrowed for the call.
 */
#ifndef MM_DATAPATH_H
#define MM_DATAPATH_H

#include <stdbool.h>
#include <stddef.h>

#define DATAPATH_MAX_DIRS 4
#define DATAPATH_DIR_MAX 512

/* The directories of steps 2-4 for kind, in search order, absent ones (no
 * $XDG_DATA_HOME nor $HOME; no share/mmviz beside the binary) left out.
 * Returns how many. */
int datapath_dirs(const char *kind, char dirs[DATAPATH_MAX_DIRS][DATAPATH_DIR_MAX]);

/* The compiled-in installed data directory (MMVIZ_DATADIR). Static. */
const char *datapath_datadir(void);

/* Steps 1-4 for name: writes the file's path to out and returns true, or
 * false when nothing matched (or out is too small). */
bool datapath_find(const char *kind, const char *name, char *out, size_t n);

/* Calls fn for each NAME.json regular file of the directories of steps
 * 2-4, in search order, files sorted by name within a directory, a name
 * already listed skipped (as datapath_find would shadow it). name is
 * without ".json". Reads at most 1000 names per directory. Returns how
 * many were listed. */
typedef void (*datapath_fn)(void *ud, const char *name, const char *path);
int datapath_list(const char *kind, datapath_fn fn, void *ud);

#endif
