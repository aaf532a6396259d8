/* placeholder until the picture lands */
#include "export_internal.h"
int gp_export_svg(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	(void)opts; (void)q; (void)out;
	return gp_error(db, GEOPOL_EINVAL, "export: svg is not available");
}
int gp_export_png(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	(void)opts; (void)q; (void)out;
	return gp_error(db, GEOPOL_EINVAL, "export: png is not available");
}
int gp_export_html(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	(void)opts; (void)q; (void)out;
	return gp_error(db, GEOPOL_EINVAL, "export: html is not available");
}
