/*
 * export_snapshot.c - the whole graph on a date, written as one JSON
 * document (or any format geopol exports: json, ndjson, csv, graphml, gexf,
 * dot).
 *
 *   export_snapshot DATABASE DATE OUTPUT [FORMAT]
 *   export_snapshot geopol.db 2022-01-06 snapshot.json
 */
#include <geopol.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: %s DATABASE DATE OUTPUT [FORMAT]\n", argv[0]);
		return 2;
	}
	geopol_export_options opts = GEOPOL_EXPORT_OPTIONS_INIT;
	if (geopol_date_parse(&opts.at, argv[2]) != GEOPOL_OK) {
		fprintf(stderr, "%s: not a date\n", argv[2]);
		return 2;
	}
	if (argc == 5 && !(opts.format = geopol_format_parse(argv[4]))) {
		fprintf(stderr, "%s: unknown format\n", argv[4]);
		return 2;
	}
	geopol_open_options oo = GEOPOL_OPEN_OPTIONS_INIT;
	oo.read_only = 1;
	geopol_db *db;
	int rc = geopol_open(&db, argv[1], &oo);
	if (rc == GEOPOL_OK)
		rc = geopol_export_file(db, &opts, NULL, argv[3]);
	if (rc != GEOPOL_OK)
		fprintf(stderr, "%s\n", geopol_errmsg(db));
	else
		printf("wrote %s\n", argv[3]);
	geopol_close(db);
	return rc == GEOPOL_OK ? 0 : 1;
}
