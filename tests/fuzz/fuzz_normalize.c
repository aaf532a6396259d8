/* fuzz_normalize.c - the search key of any bytes: only `size` bytes are
 * read; a key is valid UTF-8 and normalizes again. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_exact(data, size);
	char *key = NULL;
	if (geopol_normalize(text, size, &key) == GEOPOL_OK) {
		char *again = NULL;
		if (!key)
			fz_fail("normalize", "OK without a key");
		if (*key && geopol_normalize(key, strlen(key), &again) != GEOPOL_OK)
			fz_fail("a key does not normalize again", key);
		geopol_free(again);
	}
	geopol_free(key);
	free(text);
	return 0;
}
