/*
 * pack_internal.h - blocks of packed memberships and relations
 * (schema/006_edge_pack.sql), written at the end of write transactions and
 * read by the snapshot: one SQLite step per block instead of one per fact.
 *
 * Block k of a table covers the row ids [k * size + 1, (k + 1) * size]. Its
 * blob is a header, then the current rows of that span in id order as
 * fixed-size records, then their citations in (row, citation id) order,
 * then a string area (relation types, attrs, quotes; each NUL-terminated).
 * The layout is the host's: a blob written on a host of the other byte
 * order fails the header check and its rows are read from the table.
 */
#ifndef GEOPOL_PACK_INTERNAL_H
#define GEOPOL_PACK_INTERNAL_H

#include "core/geopol_internal.h"

#define GP_PACK_BLOCK 4096          /* row ids per block */
#define GP_PACK_NULL UINT32_MAX     /* a string offset that means NULL */

/* One current row, 56 bytes. Days fit in 32 bits (GP_OPEN_START/END are
 * INT32_MIN/MAX); the ends of an uncertain date are lo and lo + span. A
 * row whose values do not fit leaves its block unpacked. */
typedef struct gp_pack_row {
	int64_t id, rec_from;
	int32_t from_lo, to_lo;
	uint32_t a, b;           /* entity ids: membership org, member; relation a, b */
	uint32_t fact_back;      /* id - fact_id */
	uint32_t type;           /* membership: GP_PACK_ROLE_STAGE; relation: type string */
	uint32_t attrs;          /* relation attrs, membership coding: string, or GP_PACK_NULL */
	uint16_t from_span, to_span;
	uint16_t ncite;          /* its citations: the next ncite of the block's */
	uint8_t from_prec, to_prec;
} gp_pack_row;

/* A membership record's `type`: its role, and its stage above. */
#define GP_PACK_ROLE_STAGE(role, stage) ((uint32_t)(role) | (uint32_t)(stage) << 8)
#define GP_PACK_ROLE(type) ((int)((type) & 0xFFu))
#define GP_PACK_STAGE(type) ((int)((type) >> 8 & 0xFFu))

typedef struct gp_pack_cite {
	uint32_t source_id;
	uint32_t quote;          /* string, or GP_PACK_NULL */
} gp_pack_cite;

/* A block's blob, checked: every count and offset lies inside it, row ids
 * rise within the block's span, the rows' citations add up. */
typedef struct gp_pack_view {
	const unsigned char *rows, *cites;
	const char *strings;
	uint32_t n_rows, n_cites, strings_len;
} gp_pack_view;

/* Check a blob of the block [first, last] and point v into it; 0 if it
 * is not a well-formed block (its rows are then read from the table). */
int gp_pack_view_open(gp_pack_view *v, const void *blob, size_t len, int64_t first,
		      int64_t last);
/* Row i and citation i (copied: the blob need not be aligned). */
void gp_pack_row_at(const gp_pack_view *v, uint32_t i, gp_pack_row *out);
void gp_pack_cite_at(const gp_pack_view *v, uint32_t i, gp_pack_cite *out);
/* The string at off, or NULL for GP_PACK_NULL or an offset out of range. */
const char *gp_pack_str(const gp_pack_view *v, uint32_t off);

/* Pack what the blocks miss, if enough: the full blocks past the last one,
 * the blocks the triggers deleted, and the blocks whose rows were cited
 * since. Run at the end of every outermost write, inside it. Never fails
 * the write: on error the blocks are left as they were. */
void gp_pack_refresh(geopol_db *db);

/* Register gp_pack_refresh as a commit hook of a new handle
 * (store/extensions.c). */
int gp_pack_attach(geopol_db *db);

/* For tests: the block size of this handle's packing (0: GP_PACK_BLOCK),
 * and whether the snapshot reads blocks (1, the default) or only tables. */
void gp_pack_config(geopol_db *db, int64_t block_size, int read_blocks);
/* 1 when gp_pack_config told the snapshot to read tables only. */
int gp_pack_read_off(const geopol_db *db);

#endif
