/*
 * cmd_sql.c - geopol sql: one read-only SQL statement on the database (most
 * usefully on its views: README, "SQL views"), printed in the formats of
 * the other commands.
 */
#include "cli.h"

typedef struct sql_out {
	cli *c;
	cli_grid *grid;
	int rc;
} sql_out;

static int on_row(void *ctx, const geopol_sql_row *row)
{
	sql_out *o = ctx;
	if (!row->values) {
		o->grid = cli_grid_begin(o->c, row->ncols, row->names);
		o->rc = o->grid ? GEOPOL_OK : GEOPOL_ENOMEM;
	} else {
		o->rc = cli_grid_row(o->grid, row->values, row->numeric);
	}
	return o->rc != GEOPOL_OK;
}

int cmd_sql(cli *c)
{
	sql_out o = {c, NULL, GEOPOL_OK};
	int rc = geopol_sql(c->db, c->pos[0], on_row, &o);
	if (!rc)
		rc = o.rc;
	if (o.grid)
		cli_grid_end(o.grid, rc == GEOPOL_OK, "no rows");
	if (rc == GEOPOL_ENOMEM)
		return cli_error(CLI_FAIL, "out of memory");
	return rc ? cli_db_error(c, rc) : CLI_OK;
}
