/*
 * vocab.c - the lowercase names of the model's enumerations, as written in
 * files and on the command line.
 */
#include "core/geopol_internal.h"

#include <string.h>

static const char *const kinds[] = {NULL, "state", "organization", "person", "other"};
static const char *const name_kinds[] = {NULL, "official", "short", "acronym",
					 "alias", "historical", "misspelling"};
static const char *const roles[] = {NULL, "founding_member", "member", "associate",
				    "observer", "partner", "dialogue_partner",
				    "candidate", "suspended"};
static const char *const actor_roles[] = {NULL, "source", "target", "participant", "host"};
static const char *const certainties[] = {NULL, "definite", "possible"};
static const char *const stages[] = {NULL, "in_force", "signed", "ratified", "suspended",
				     "frozen", "withdrawal_notified", "withdrawn"};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *name_of(const char *const *table, int n, int value)
{
	return value > 0 && value < n ? table[value] : NULL;
}

static int parse_in(const char *const *table, int n, const char *name)
{
	if (!name)
		return 0;
	for (int i = 1; i < n; i++)
		if (strcmp(table[i], name) == 0)
			return i;
	return 0;
}

const char *geopol_kind_name(int kind) { return name_of(kinds, COUNT(kinds), kind); }
int geopol_kind_parse(const char *name) { return parse_in(kinds, COUNT(kinds), name); }
const char *geopol_name_kind_name(int kind) { return name_of(name_kinds, COUNT(name_kinds), kind); }
int geopol_name_kind_parse(const char *name) { return parse_in(name_kinds, COUNT(name_kinds), name); }
const char *geopol_role_name(int role) { return name_of(roles, COUNT(roles), role); }
int geopol_role_parse(const char *name) { return parse_in(roles, COUNT(roles), name); }
const char *geopol_actor_role_name(int role) { return name_of(actor_roles, COUNT(actor_roles), role); }
int geopol_actor_role_parse(const char *name) { return parse_in(actor_roles, COUNT(actor_roles), name); }
const char *geopol_certainty_name(int c) { return name_of(certainties, COUNT(certainties), c); }
const char *geopol_stage_name(int stage) { return name_of(stages, COUNT(stages), stage); }
int geopol_stage_parse(const char *name) { return parse_in(stages, COUNT(stages), name); }
