/*
 * cmd_file.c — the commands that write host files: `save FILE` (the
 * session so far as a replayable scenario, docs/scenarios.md SCN-FORMAT),
 * `export FILE` (the whole simulated state as JSON) and `snapshot FILE`
 * (the TUI's screen as HTML, SVG or text). All are marked
 * CMD_HOST_WRITE: typed commands only, since a scenario is untrusted input
 * and the loader refuses any step that resolves to them (scenario_steps.c,
 * docs/scenarios.md SCN-SAFETY).
 *
 * Design: a host file is replaced, never written through
 * (docs/commands.md CMD-SESSION). The FILE a user names may sit in a
 * directory others can write to (/tmp), where anything may have been
 * planted in advance: a symbolic link at the name a temporary file would
 * get, a FIFO or a link in place of FILE itself. So:
 *
 *  F1. A FILE that exists and is not a regular file (a directory, a FIFO,
 *      a device, a socket, or a symbolic link whatever it points to) is
 *      refused, before anything is written.
 *  F2. The text goes to a new file beside FILE (same directory, so the
 *      rename stays on one file system), created with O_CREAT | O_EXCL |
 *      O_NOFOLLOW under a name with 64 random bits: whatever is planted at
 *      a name makes that open fail and another name is tried; nothing
 *      planted is ever opened or followed.
 *  F3. Only once the whole text is written and synced is the temporary
 *      file renamed over FILE. rename() replaces the directory entry and
 *      never writes into what was there, so a FILE swapped for a FIFO or
 *      a link after F1 is replaced, not written through; a reader sees
 *      the old text or the whole new one.
 *  F4. On any failure the temporary file is removed and FILE is as it was.
 *  F5. The write is the command's last act, nothing after it can fail:
 *      the session refuses `$x = save F` before running it (these
 *      commands have no value to bind, session.c check_bind).
 *  F6. `snapshot FILE` never replaces a file unless told (--force): its
 *      temporary file is linked under FILE's name, which fails if any
 *      entry is there by then, so even a file created after the check is
 *      kept, and a symbolic link is never followed.
 *
 * `snapshot` writes the TUI's screen (docs/commands.md CMD-SNAPSHOT): the
 * pictures are drawn by the TUI, which hands the session a writer
 * (session_set_screen); the file rules above stay here, in one place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "base/consts.h"
#include "hw/paging.h"
#include "mm/pfn.h"
#include "hw/pte.h"
#include "scenario_limits.h"
#include "session.h"
#include "mm/vad.h"
#include "langmsg.h"

#define FILE_TMP_TRIES 64       /* names tried before giving up (F2) */
#define FILE_TMP_BASE 32        /* bytes of FILE's own name kept in the temporary's */

/* why: the reason in English and German. */
static int write_fail(struct cmd_ctx *c, const char *path, const char *const why[2])
{
	char text[2][sizeof c->err->msg];
	for (int lang = 0; lang < 2; lang++)
		snprintf(text[lang], sizeof text[lang], LM(lang, FILE_WRITE), path, why[lang]);
	return mm_fail_texts(c->err, "ERROR_WRITE_FAULT", 1, text[0], text[1]);
}

/* The host's reason (strerror, in the host's locale) serves both languages. */
static int write_fail_errno(struct cmd_ctx *c, const char *path, int errnum)
{
	const char *why = strerror(errnum);
	return write_fail(c, path, (const char *const[2]){why, why});
}

static const char *const file_kinds[][2] = {
	{LM_FILE_KIND_DIR}, {LM_FILE_KIND_LINK}, {LM_FILE_KIND_FIFO}, {LM_FILE_KIND_DEVICE}, {LM_FILE_KIND_SOCKET},
	{LM_FILE_KIND_OTHER},
};

/* What a path that is not a regular file is, as file_kinds' row. */
static const char *const *kind_name(mode_t mode)
{
	return file_kinds[S_ISDIR(mode) ? 0 : S_ISLNK(mode) ? 1 : S_ISFIFO(mode) ? 2 : S_ISCHR(mode) || S_ISBLK(mode) ? 3
			  : S_ISSOCK(mode) ? 4 : 5];
}

/* F1: FILE is new, or a regular file (whose permission bits *mode gets,
 * so that replacing it keeps them; -1 for a new file). */
static int target_check(struct cmd_ctx *c, const char *path, int *mode)
{
	size_t n = strlen(path);
	struct stat st;
	*mode = -1;
	if (n == 0 || path[n - 1] == '/')
		return mm_fail_tr(c->err, "syntax", 1, LM_FILE_NO_NAME, c->entry->name, path);
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : write_fail_errno(c, path, errno);
	if (!S_ISREG(st.st_mode)) {
		const char *const *kind = kind_name(st.st_mode);
		char text[2][sizeof c->err->msg];
		for (int lang = 0; lang < 2; lang++)
			snprintf(text[lang], sizeof text[lang], LM(lang, FILE_NOT_REGULAR), path, kind[lang]);
		return mm_fail_texts(c->err, "ERROR_WRITE_FAULT", 1, text[0], text[1]);
	}
	*mode = (int)(st.st_mode & 0777);
	return 0;
}

static uint64_t tmp_random(int attempt)
{
	uint64_t r;
	if (getrandom(&r, sizeof r, GRND_NONBLOCK) == (ssize_t)sizeof r)
		return r;
	/* no entropy yet: the exclusive create (F2) is what keeps this safe */
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 40) ^ (uint64_t)attempt;
}

/* F2: a new file ".NAME.<16 hex>.tmp" beside path, opened for writing;
 * its name in tmp. -1 with the error set. */
static int tmp_create(struct cmd_ctx *c, const char *path, char *tmp, size_t n)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	const char *base = path + dirlen;
	for (int attempt = 0; attempt < FILE_TMP_TRIES; attempt++) {
		int len = snprintf(tmp, n, "%.*s.%.*s.%016llx.tmp", dirlen, path, FILE_TMP_BASE, base,
				   (unsigned long long)tmp_random(attempt));
		if (len < 0 || (size_t)len >= n)
			return write_fail(c, path, LM_PAIR(FILE_NAME_LONG));
		int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0666);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			return write_fail_errno(c, path, errno);
	}
	return write_fail(c, path, LM_PAIR(FILE_NO_TEMP));
}

static int write_all(int fd, const char *text, size_t len)
{
	while (len > 0) {
		ssize_t k = write(fd, text, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		text += k;
		len -= (size_t)k;
	}
	return 0;
}

/* F6: the new file takes FILE's name only if nothing is there: link()
 * fails with EEXIST on any entry, a dangling symbolic link included, and
 * never follows one. */
static int place_new(const char *tmp, const char *path)
{
	if (link(tmp, path) != 0)
		return -1;
	unlink(tmp);
	return 0;
}

/* F1-F4 (and F6 unless replace): len bytes of text, and a newline when
 * newline is set, become path. */
static int host_write(struct cmd_ctx *c, const char *path, const char *text, size_t len, bool newline,
		      bool replace)
{
	int mode;
	char tmp[4200];
	if (target_check(c, path, &mode) < 0)
		return -1;
	if (!replace && mode >= 0)
		return mm_fail_tr(c->err, "ERROR_FILE_EXISTS", 1, LM_FILE_EXISTS, c->entry->name, path);
	int fd = tmp_create(c, path, tmp, sizeof tmp);
	if (fd < 0)
		return -1;
	bool ok = write_all(fd, text, len) == 0 && (!newline || write_all(fd, "\n", 1) == 0) &&
		  (mode < 0 || fchmod(fd, (mode_t)mode) == 0) && fsync(fd) == 0;
	int saved = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (ok && (replace ? rename(tmp, path) : place_new(tmp, path)) != 0) {
		ok = false;
		saved = errno;
		if (saved == EEXIST) {
			unlink(tmp);
			return mm_fail_tr(c->err, "ERROR_FILE_EXISTS", 1, LM_FILE_APPEARED, c->entry->name, path);
		}
	}
	if (ok)
		return 0;
	unlink(tmp);
	return write_fail_errno(c, path, saved);
}

/* Writes doc to path as text with a final newline (F1-F4). */
static int write_json(struct cmd_ctx *c, const char *path, cJSON *doc)
{
	char *text = cJSON_Print(doc);
	if (!text)
		return mm_fail_tr(c->err, "STATUS_NO_MEMORY", -1, LM_OOM);
	size_t bytes = strlen(text) + 1;
	int rc = host_write(c, path, text, strlen(text), true, true);
	cJSON_free(text);
	if (rc == 0) {
		cmd_put_str(c->result, "file", path);
		cmd_put_num(c->result, "bytes", (double)bytes);
	}
	return rc;
}

static void size_str(cJSON *o, const char *key, uint64_t bytes)
{
	char buf[32];
	if (bytes % (1u << 20) == 0)
		snprintf(buf, sizeof buf, "%lluM", (unsigned long long)(bytes >> 20));
	else
		snprintf(buf, sizeof buf, "%lluK", (unsigned long long)(bytes >> 10));
	cJSON_AddStringToObject(o, key, buf);
}

static cJSON *machine_block(const struct mm_config *cfg)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "arch", mm_arch_name(cfg->arch));
	cJSON_AddStringToObject(m, "os", mm_os_name(cfg->os));
	size_str(m, "ram", cfg->ram);
	cJSON *pf = cJSON_AddArrayToObject(m, "pagefiles");
	for (int i = 0; i < cfg->npagefiles; i++) {
		cJSON *o = cJSON_CreateObject();
		size_str(o, "x", cfg->pagefile[i]);
		cJSON_AddItemToArray(pf, cJSON_DetachItemFromObject(o, "x"));
		cJSON_Delete(o);
	}
	return m;
}

/* An id from the file name: letters, digits, '-', '.', '_', lower case. */
static void id_from(const char *path, char *id, size_t n)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t k = 0;
	for (; *b && *b != '.' && k + 1 < n; b++) {
		char ch = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		id[k++] = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ? ch : '-';
	}
	if (k == 0 || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
		snprintf(id, n, "recorded");
	else
		id[k] = 0;
}

static int save_exec(struct cmd_ctx *c)
{
	const char *path = cmd_word(c, 1);
	if (session_record_full(c->s))
		return mm_fail_tr(c->err, "STATUS_INSUFFICIENT_RESOURCES", 0, LM_FILE_RECORD_FULL, SCN_MAX_STEPS);
	char id[65];
	id_from(path, id, sizeof id);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "schema", 1);
	cJSON_AddStringToObject(doc, "id", id);
	cJSON *t = cJSON_AddObjectToObject(doc, "title");
	cJSON_AddStringToObject(t, "en", "A recorded session");
	cJSON_AddStringToObject(t, "de", "Eine aufgezeichnete Sitzung");
	cJSON_AddItemToObject(doc, "machine", machine_block(session_config(c->s)));
	cJSON *steps = cJSON_AddArrayToObject(doc, "steps");
	size_t n = session_line_count(c->s), nsteps = 0;
	const char *pending_say = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *line = session_line(c->s, i);
		if (!strncasecmp(line, "say ", 4)) { /* narration goes with the next command */
			pending_say = line + 4;
			continue;
		}
		cJSON *st = cJSON_CreateObject();
		cJSON_AddStringToObject(st, "run", line);
		if (pending_say)
			cJSON_AddStringToObject(st, "say", pending_say);
		pending_say = NULL;
		cJSON *ex = cJSON_AddObjectToObject(st, "expect");
		cJSON_AddBoolToObject(ex, "ok", true);
		cJSON_AddItemToArray(steps, st);
		nsteps++;
	}
	if (pending_say || nsteps == 0) {
		cJSON *st = cJSON_CreateObject();
		cJSON_AddStringToObject(st, "say", pending_say ? pending_say : "(nothing recorded yet)");
		cJSON_AddItemToArray(steps, st);
		nsteps++;
	}
	int rc = write_json(c, path, doc);
	cJSON_Delete(doc);
	if (rc == 0)
		cmd_put_num(c->result, "steps", (double)nsteps);
	return rc;
}

/* ---- export ---- */

static cJSON *export_tables(const struct mm *m, const struct proc *p)
{
	cJSON *arr = cJSON_CreateArray();
	const struct arch *a = m->arch;
	/* every non-zero entry of the user half, level by level, as !pte shows */
	struct tframe { uint32_t t; int level; uint64_t base; } stack[4 * 512];
	int sp = 0;
	if (a->id == MM_ARCH_PAE) {
		for (int d = 1; d >= 0; d--)
			stack[sp++] = (struct tframe){p->pae_pd[d], 1, (uint64_t)d << 30};
	} else {
		stack[sp++] = (struct tframe){p->cr3, 0, 0};
	}
	while (sp > 0) {
		struct tframe cur = stack[--sp];
		uint32_t n = 1u << a->bits[cur.level];
		for (uint32_t i = 0; i < n; i++) {
			uint64_t va = cur.base + ((uint64_t)i << a->shift[cur.level]);
			if (!paging_is_user(m, va))
				break;
			pte_t v = pte_load(m, cur.t, i);
			if (!v)
				continue;
			cJSON *o = cJSON_CreateObject();
			cmd_put_str(o, "level", a->level_name[cur.level]);
			cmd_put_hex(o, "va", va);
			cmd_put_hex(o, "value", v);
			cJSON_AddItemToArray(arr, o);
			if ((v & PTE_VALID) && !(v & PTE_LARGE) && cur.level < a->levels - 1 && sp < (int)MM_ARRAY_LEN(stack))
				stack[sp++] = (struct tframe){pte_pfn(a, v), cur.level + 1, va};
		}
	}
	return arr;
}

static cJSON *export_process(const struct mm *m, const struct proc *p)
{
	cJSON *o = cJSON_CreateObject();
	char buf[64];
	cmd_put_num(o, "pid", p->pid);
	cmd_put_str(o, "name", p->name);
	cmd_put_hex(o, "cr3", mm_page_address(p->cr3));
	cmd_put_num(o, "working_set", (double)p->ws_size);
	cmd_put_num(o, "commit", (double)(p->commit_private + p->commit_page_tables + p->commit_fixed));
	cmd_put_num(o, "page_tables", (double)p->page_tables);
	cJSON *vads = cJSON_AddArrayToObject(o, "vads");
	for (uint32_t i = vad_first(m, p); i; i = vad_next(m, i)) {
		const struct vad *v = vad_at(m, i);
		cJSON *e = cJSON_CreateObject();
		cmd_put_hex(e, "start", v->start);
		cmd_put_hex(e, "end", v->end);
		cmd_put_str(e, "type", vad_type_name((enum vad_type)v->type));
		cmd_put_str(e, "protection", mm_prot_win32_str(mm_prot_to_win32(v->protection), buf, sizeof buf));
		cmd_put_num(e, "commit", (double)v->commit_charge);
		cmd_put_bool(e, "mem_commit", v->flags & VADF_MEM_COMMIT);
		cJSON_AddItemToArray(vads, e);
	}
	if (p->pid != MM_PID_SYSTEM)
		cJSON_AddItemToObject(o, "ptes", export_tables(m, p));
	return o;
}

static int export_exec(struct cmd_ctx *c)
{
	const struct mm *m = c->m;
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "schema", 1);
	cJSON_AddItemToObject(doc, "machine", machine_block(&m->cfg));
	cJSON *vm = cJSON_AddObjectToObject(doc, "memory");
	cmd_put_num(vm, "physical_pages", m->npages);
	cmd_put_num(vm, "available_pages", pfn_available(m));
	cmd_put_num(vm, "commit_charge", (double)m->commit_total);
	cmd_put_num(vm, "commit_limit", (double)m->commit_limit);
	cJSON *lists = cJSON_AddObjectToObject(vm, "lists");
	for (int i = 0; i < PFN_LOC_COUNT; i++)
		cmd_put_num(lists, pfn_loc_name((enum pfn_loc)i), (double)m->list[i].total);
	cJSON *procs = cJSON_AddArrayToObject(doc, "processes");
	for (int i = 0; i < MM_MAX_PROCS; i++)
		if (m->proc[i].alive)
			cJSON_AddItemToArray(procs, export_process(m, &m->proc[i]));
	/* the PFN database, except the frames still on the zeroed list */
	cJSON *pfns = cJSON_AddArrayToObject(doc, "pfn");
	for (uint32_t i = 0; i < m->npages; i++) {
		const struct pfn *p = &m->pfn[i];
		enum pfn_loc l = pfn_loc(p);
		if (l == PFN_ZEROED)
			continue;
		cJSON *o = cJSON_CreateObject();
		cmd_put_hex(o, "pfn", i);
		cmd_put_str(o, "state", pfn_loc_name(l));
		cmd_put_str(o, "use", pfn_use_name(pfn_use(p)));
		cmd_put_num(o, "share_count", pfn_on_list(l) ? 0 : pfn_share_count(p));
		cmd_put_num(o, "reference_count", p->reference_count);
		cmd_put_hex(o, "pte_address", p->pte_address);
		cmd_put_hex(o, "original_pte", p->original_pte);
		cmd_put_bool(o, "modified", p->flags & PFNF_MODIFIED);
		if (pfn_owner(p) != PFN_OWNER_NONE)
			cmd_put_num(o, "owner", pfn_owner(p));
		cJSON_AddItemToArray(pfns, o);
	}
	cJSON *tlb = cJSON_AddArrayToObject(doc, "tlb");
	for (int i = 0; i < m->tlb_sets * TLB_WAYS; i++)
		if (m->tlb[i].flags & TLBF_VALID) {
			cJSON *o = cJSON_CreateObject();
			cmd_put_hex(o, "va", mm_page_address(m->tlb[i].vpn));
			cmd_put_hex(o, "pfn", m->tlb[i].pfn);
			cJSON_AddItemToArray(tlb, o);
		}
	int rc = write_json(c, cmd_word(c, 1), doc);
	cJSON_Delete(doc);
	return rc;
}

static const struct cmd_entry e_save = {
	.name = "save",
	.usage = "FILE",
	.help = "the session so far as a replayable scenario (JSON)",
	.help_de = "die bisherige Sitzung als wiederholbares Szenario (JSON)",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_SESSION | CMD_HOST_WRITE,
	.exec = save_exec
};

static const struct cmd_entry e_export = {
	.name = "export",
	.usage = "FILE",
	.help = "the whole simulated state as JSON",
	.help_de = "der ganze simulierte Zustand als JSON",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_READONLY | CMD_HOST_WRITE,
	.exec = export_exec
};

/* ---- snapshot ---- */

static int snapshot_exec(struct cmd_ctx *c)
{
	const char *path = cmd_word(c, 1), *opt = cmd_word(c, 2);
	if (opt && strcmp(opt, "--force"))
		return mm_fail_tr(c->err, "syntax", 1, LM_SNAP_OPTION, opt);
	void *ctx = NULL;
	session_screen_fn screen = session_screen(c->s, &ctx);
	if (!screen)
		return mm_fail_tr(c->err, "ERROR_NOT_SUPPORTED", 1, LM_SNAP_BATCH);
	if (screen(ctx, path, NULL) != 0)
		return mm_fail_tr(c->err, "syntax", 1, LM_SNAP_FORMAT, path);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return mm_fail_tr(c->err, "STATUS_NO_MEMORY", -1, LM_OOM);
	int wr = screen(ctx, path, f);
	if (fclose(f) != 0 || wr != 0) {
		free(buf);
		return mm_fail_tr(c->err, "STATUS_NO_MEMORY", -1, LM_OOM);
	}
	int rc = host_write(c, path, buf, len, false, opt != NULL);
	free(buf);
	if (rc == 0) {
		cmd_put_str(c->result, "file", path);
		cmd_put_num(c->result, "bytes", (double)len);
	}
	return rc;
}

static const struct cmd_entry e_snapshot = {
	.name = "snapshot",
	.usage = "FILE [--force]",
	.help = "the screen as it is, for slides: FILE.html, .svg, .txt or .ans (never replaces without --force)",
	.help_de = "der Bildschirm, wie er ist, für Folien: DATEI.html, .svg, .txt oder .ans (ersetzt "
		"nie ohne --force)",
	.min_args = 1,
	.max_args = 2,
	.flags = CMD_READONLY | CMD_HOST_WRITE,
	.exec = snapshot_exec
};

const struct cmd_entry *const cmd_file_table[] = {&e_save, &e_export, &e_snapshot, NULL};
