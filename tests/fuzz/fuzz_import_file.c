/* fuzz_import_file.c - one dataset importer (FUZZ_FORMAT, a compile-time
 * name: "gdelt", "icews", "atop", "cow-states", "cow-igo", "cameo") on a
 * file holding the input, into the built-in dataset, in a transaction
 * rolled back. Odd-sized inputs run with skip_bad_rows. An import either
 * succeeds or fails with one line naming the file. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FUZZ_FORMAT
#error "define FUZZ_FORMAT"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The built-in dataset is loaded before the clock of the first input. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_world();
	return 0;
}

static void on_skip(void *ctx, const char *msg)
{
	(void)ctx;
	if (!msg || !*msg || strchr(msg, '\n'))
		fz_fail("a skipped-row report is not one line", msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	geopol_db *db = fz_world();
	if (!path[0])
		snprintf(path, sizeof path, "/dev/shm/geopol-fuzz-%ld.%s", (long)getpid(),
			 strcmp(FUZZ_FORMAT, "icews") == 0 ? "tab" : "csv");
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		fz_fail("cannot write the input file", path);
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = size & 1;
	o.skipped = on_skip;
	geopol_import_stats st;
	const char *paths[] = {path};
	if (geopol_begin(db) != GEOPOL_OK)
		fz_fail("begin", geopol_errmsg(db));
	int rc = geopol_import(db, FUZZ_FORMAT, paths, 1, &o, &st);
	if (rc != GEOPOL_OK && (!strstr(geopol_errmsg(db), path) || strchr(geopol_errmsg(db), '\n')))
		fz_fail("an import error does not name the file on one line", geopol_errmsg(db));
	if (rc != GEOPOL_OK && st.added != 0)
		fz_fail("a failed import counts added facts", geopol_errmsg(db));
	if (geopol_rollback(db) != GEOPOL_OK)
		fz_fail("rollback", geopol_errmsg(db));
	unlink(path);
	return 0;
}
