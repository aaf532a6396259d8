/*
 * alliances_by_date.c - the members of an organization on a date, with the
 * certainty of each row and its sources.
 *
 *   alliances_by_date DATABASE ORG DATE
 *   alliances_by_date geopol.db CSTO 2022-01-06
 */
#include <geopol.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s DATABASE ORG DATE\n", argv[0]);
		return 2;
	}
	geopol_date at;
	if (geopol_date_parse(&at, argv[3]) != GEOPOL_OK) {
		fprintf(stderr, "%s: not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n", argv[3]);
		return 2;
	}
	geopol_open_options opts = GEOPOL_OPEN_OPTIONS_INIT;
	opts.read_only = 1;
	geopol_db *db;
	if (geopol_open(&db, argv[1], &opts) != GEOPOL_OK) {
		fprintf(stderr, "%s\n", geopol_errmsg(db));
		geopol_close(db);
		return 1;
	}
	geopol_iter *it;
	int rc = geopol_members(&it, db, argv[2], at, NULL);
	if (rc != GEOPOL_OK) {
		fprintf(stderr, "%s\n", geopol_errmsg(db));
		geopol_close(db);
		return 1;
	}
	printf("Members of %s on %s:\n", argv[2], argv[3]);
	const geopol_item *item;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		const geopol_membership *m = item->membership;
		char from[GEOPOL_DATE_BUFSIZE], to[GEOPOL_DATE_BUFSIZE];
		geopol_date_format(m->from, from, sizeof from);
		geopol_date_format(m->to, to, sizeof to);
		printf("  %-6s %-16s %-9s %s .. %s\n", m->member, geopol_role_name(m->role),
		       geopol_certainty_name(m->certainty), from[0] ? from : "?", to[0] ? to : "");
		/* The citations of this row, loaded on demand. */
		const geopol_citation *cites;
		size_t n;
		if (geopol_iter_citations(it, &cites, &n) == GEOPOL_OK)
			for (size_t i = 0; i < n; i++)
				printf("         source: %s%s%s\n", cites[i].title ? cites[i].title : cites[i].source,
				       cites[i].quote ? " — " : "", cites[i].quote ? cites[i].quote : "");
	}
	geopol_iter_free(it);
	if (rc != GEOPOL_ITEROVER)
		fprintf(stderr, "%s\n", geopol_errmsg(db));
	geopol_close(db);
	return rc == GEOPOL_ITEROVER ? 0 : 1;
}
