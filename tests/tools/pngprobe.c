/*
 * pngprobe.c — reads a PNG for the snapshot test (tests/e2e/snapshot_browser.sh):
 *
 *   pngprobe FILE              prints "W H"
 *   pngprobe FILE X Y [X Y]... prints the colour of each pixel as #rrggbb
 *
 * Exit status 0, or 1 with a message when the file is no PNG or a pixel
 * lies outside it.  libpng's simplified API does the decoding.
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 2 || argc % 2 != 0) {
		fprintf(stderr, "usage: pngprobe FILE [X Y]...\n");
		return 2;
	}
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&im, argv[1])) {
		fprintf(stderr, "pngprobe: %s: %s\n", argv[1], im.message);
		return 1;
	}
	im.format = PNG_FORMAT_RGB;
	png_bytep px = malloc(PNG_IMAGE_SIZE(im));
	if (!px || !png_image_finish_read(&im, NULL, px, 0, NULL)) {
		fprintf(stderr, "pngprobe: %s: %s\n", argv[1], px ? im.message : "out of memory");
		free(px);
		return 1;
	}
	if (argc == 2)
		printf("%u %u\n", im.width, im.height);
	int rc = 0;
	for (int i = 2; i + 1 < argc; i += 2) {
		long x = strtol(argv[i], NULL, 10), y = strtol(argv[i + 1], NULL, 10);
		if (x < 0 || y < 0 || x >= (long)im.width || y >= (long)im.height) {
			fprintf(stderr, "pngprobe: (%ld, %ld) is outside %ux%u\n", x, y, im.width, im.height);
			rc = 1;
			continue;
		}
		const png_byte *p = px + ((size_t)y * im.width + (size_t)x) * 3;
		printf("#%02x%02x%02x\n", p[0], p[1], p[2]);
	}
	free(px);
	return rc;
}
