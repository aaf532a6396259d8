/* json_internal.h - JSON rows shared by the exports and geopol_iter_json(). */
#ifndef GEOPOL_JSON_INTERNAL_H
#define GEOPOL_JSON_INTERNAL_H

#include "core/geopol_internal.h"
#include <cjson/cJSON.h>

/* The item as a new cJSON object; with_kind adds "record": "membership"... */
int gp_item_json(geopol_iter *it, const geopol_item *item, int with_kind, cJSON **out);

#endif
