/* fuzz_import_json.c - a JSON dataset from memory (exactly `size` bytes,
 * no NUL after them) into the built-in dataset, in a transaction rolled
 * back: a failure leaves a message and nothing written. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	geopol_db *db = fz_world();
	char *text = fz_exact(data, size);
	if (geopol_begin(db) != GEOPOL_OK)
		fz_fail("begin", geopol_errmsg(db));
	geopol_import_stats st;
	int rc = geopol_import_json_text(db, text, size, "fuzz.json", &st);
	if (rc != GEOPOL_OK && (!geopol_errmsg(db)[0] || strchr(geopol_errmsg(db), '\n')))
		fz_fail("an import error is not one line", geopol_errmsg(db));
	if (rc != GEOPOL_OK && st.added != 0)
		fz_fail("a failed import counts added facts", geopol_errmsg(db));
	if (geopol_rollback(db) != GEOPOL_OK)
		fz_fail("rollback", geopol_errmsg(db));
	free(text);
	return 0;
}
