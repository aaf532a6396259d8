/* fuzz_common.h - what the libFuzzer harnesses share (fuzz_common.c). */
#ifndef GEOPOL_FUZZ_COMMON_H
#define GEOPOL_FUZZ_COMMON_H

#include <geopol.h>
#include <stddef.h>
#include <stdint.h>

/* A private in-memory database holding the built-in dataset (the JSON files of data/),
 * opened once per process; aborts if it cannot be built. */
geopol_db *fz_world(void);
/* Stop the run with a message: a finding libFuzzer reports as a crash. */
void fz_fail(const char *what, const char *detail);
/* A copy of the input of exactly `size` bytes (no NUL after it), so that a
 * read past the end is caught by ASan. Free with free(). */
char *fz_exact(const uint8_t *data, size_t size);
/* The same with a NUL after it. */
char *fz_string(const uint8_t *data, size_t size);

#endif
