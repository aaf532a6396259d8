/* fuzz_resolve.c - name resolution on the built-in dataset: every
 * candidate is a stored entity and becomes a JSON row; resolve_one either
 * names one entity or says why not. */
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
	char *text = fz_string(data, size);
	geopol_iter *it = NULL;
	if (geopol_resolve(&it, db, text, 10, NULL) == GEOPOL_OK) {
		const geopol_item *item;
		int rc, n = 0;
		while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
			if (item->kind != GEOPOL_ITEM_CANDIDATE || !item->candidate->code)
				fz_fail("resolve gave a non-candidate", text);
			char *json = NULL;
			if (geopol_iter_json(it, &json) != GEOPOL_OK || !json)
				fz_fail("candidate to JSON", geopol_errmsg(db));
			geopol_free(json);
			n++;
		}
		if (rc != GEOPOL_ITEROVER || n > 10)
			fz_fail("resolve iteration", geopol_errmsg(db));
	}
	geopol_iter_free(it);
	char code[128];
	int rc = geopol_resolve_one(db, text, code, sizeof code);
	if (rc == GEOPOL_OK && !code[0])
		fz_fail("resolve_one OK with no code", text);
	if (rc != GEOPOL_OK && !geopol_errmsg(db)[0])
		fz_fail("resolve_one failed without a message", text);
	free(text);
	return 0;
}
