/*
 * scenario_images.c — a scenario's `images` block: DLLs and EXEs of its
 * own, with their sections, defined in the session before step 1.
 *
 * Design.  An image is checked here as far as a file can be checked
 * without a machine: a name without a directory, a 64 KB aligned base in
 * user space, 1 to 16 sections with unique names, sizes and PAGE_*
 * protections; names unique case-insensitively, as on Windows. What
 * depends on the machine (the base fits the paging mode's address space,
 * at most 8 sections per image in the session) is left to
 * session_define_image, called by scenario_define_images from both the
 * TUI player and --check, so the two see the same images.
 */
#include "scenario.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonfile.h"
#include "scenario_walk.h"
#include "session.h"
#include "lang/langmsg.h"

static const char *const image_keys[] = {"name", "base", "sections", NULL};
static const char *const section_keys[] = {"name", "size", "protect", NULL};
static const char *const page_protections[] = {
	"PAGE_NOACCESS", "PAGE_READONLY", "PAGE_READWRITE", "PAGE_WRITECOPY", "PAGE_EXECUTE",
	"PAGE_EXECUTE_READ", "PAGE_EXECUTE_READWRITE", "PAGE_EXECUTE_WRITECOPY", NULL};

static int section_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	char cbuf[48];
	struct scn_section *sec = ctx;
	if (key == 0)
		return jf_string(w, it, 8, "a section name of 1 to 8 bytes, such as \".text\"", &sec->name);
	if (key == 1)
		return scn_walk_size(w, it, 1, 1ull << 30, false, "a section size from 1 byte to 1G, such as \"8K\"",
		                     &sec->size);
	char list[200];
	jf_keys_join(page_protections, JF_WORDS_EXPECTED, list, sizeof list);
	if (!cJSON_IsString(it))
		return jf_type(w, it, list);
	for (int i = 0; page_protections[i]; i++)
		if (strcmp(it->valuestring, page_protections[i]) == 0)
			return (sec->protect = jf_strdup(w, it->valuestring)) ? 0 : -1;
	return jf_fail(w, JF_AT_VALUE, list, "\"%s\" is not a page protection", jf_clip(it->valuestring, cbuf));
}

static int section_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scn_image *im = ctx;
	struct scn_section *sec = &im->sections[i];
	im->nsections = i + 1;
	if (jf_object(w, it, section_keys, 7, section_member, sec, NULL))
		return -1;
	for (int j = 0; j < i; j++)
			if (strcmp(im->sections[j].name, sec->name) == 0)
			return jf_fail(w, JF_AT_VALUE, "section names unique within an image",
			               "section \"%s\" defined twice (also sections[%d])", sec->name, j);
	return 0;
}

static int image_member(struct jf_walk *w, int key, cJSON *it, void *ctx)
{
	struct scn_image *im = ctx;
	if (key == 0) {
		if (jf_string(w, it, SCN_MAX_NAME, "an image name such as \"demo.dll\"", &im->name))
			return -1;
		if (strpbrk(im->name, "/\\:"))
			return jf_fail(w, JF_AT_VALUE, "a file name without a directory",
			               "\"%s\" holds a path separator", im->name);
		return 0;
	}
	if (key == 1) {
		static const char exp[] = "a base address as a hex string, such as \"0x180000000\", 64 KB aligned";
		if (jf_u64(w, it, exp, &im->base))
			return -1;
		if (im->base == 0 || im->base % MM_ALLOC_GRANULARITY || im->base > 0x7FFFFFFF0000ull)
			return jf_fail(w, JF_AT_VALUE, exp, "0x%llx is not a valid image base",
			               (unsigned long long)im->base);
		return 0;
	}
	if (cJSON_IsArray(it)) {
		int n = MM_MIN(cJSON_GetArraySize(it), SCN_MAX_SECTIONS);
		if (!(im->sections = jf_calloc(w, n, sizeof *im->sections)))
			return -1;
	}
	return jf_list(w, it, 1, SCN_MAX_SECTIONS, "a list of 1 to 16 sections {name, size, protect}",
	               section_elem, im);
}

static int image_elem(struct jf_walk *w, int i, cJSON *it, void *ctx)
{
	struct scenario *sc = ctx;
	struct scn_image *im = &sc->images[i];
	sc->nimages = i + 1;
	if (jf_object(w, it, image_keys, 7, image_member, im, NULL))
		return -1;
	for (int j = 0; j < i; j++)
		if (strcasecmp(sc->images[j].name, im->name) == 0)
			return jf_fail(w, JF_AT_VALUE, "image names unique (case-insensitive, as on Windows)",
			               "image \"%s\" defined twice (also images[%d])", im->name, j);
	return 0;
}

int scenario_images_walk(struct jf_walk *w, cJSON *it, struct scenario *sc)
{
	if (!(sc->images = jf_calloc(w, SCN_MAX_IMAGES, sizeof *sc->images)))
		return -1;
	return jf_list(w, it, 0, SCN_MAX_IMAGES, "a list of at most 64 images {name, base, sections}",
	               image_elem, sc);
}

void scenario_images_free(struct scenario *sc)
{
	for (int i = 0; sc->images && i < sc->nimages; i++) {
		struct scn_image *im = &sc->images[i];
		free(im->name);
		for (int j = 0; im->sections && j < im->nsections; j++) {
			free(im->sections[j].name);
			free(im->sections[j].protect);
		}
		free(im->sections);
	}
	free(sc->images);
}

int scenario_define_images(const struct scenario *sc, struct session *s, struct mm_err *err)
{
	for (int i = 0; i < sc->nimages; i++) {
		const struct scn_image *im = &sc->images[i];
		const char *names[8], *prots[8];
		uint64_t sizes[8];
		if (im->nsections > 8)
			return mm_fail_tr(err, "STATUS_INVALID_PARAMETER", -1, LM_SCN_IMG_SECTIONS, i);
		for (int k = 0; k < im->nsections; k++) {
			names[k] = im->sections[k].name;
			sizes[k] = im->sections[k].size;
			prots[k] = im->sections[k].protect;
		}
		if (session_define_image(s, im->name, im->base, im->nsections, names, sizes, prots, err) < 0)
			return -1;
	}
	return 0;
}
