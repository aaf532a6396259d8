/*
 * copy_internal.h - the tables geopol_copy copies (copy.c), for the tests
 * that check no table of a store is left out.
 */
#ifndef GEOPOL_COPY_INTERNAL_H
#define GEOPOL_COPY_INTERNAL_H

#include <stddef.h>

/* The i-th table copied, in the order copied; NULL past the last. */
const char *gp_copy_table(size_t i);
/* The i-th table a store derives from the others (rebuilt by the
 * destination, not copied); NULL past the last. */
const char *gp_copy_derived(size_t i);

#endif
